//! A self-contained SVG chart of a [`Timeline`].
//!
//! One column per period from the first to the last (empty periods stay
//! empty): a bar from zero to the period's mean PLOVER score (cooperation
//! above the zero line, conflict below) and a dot at the mean whose area
//! grows with the number of events; a line joins the means of neighbouring
//! periods (broken at gaps). Shifts are dashed vertical lines with labels.
use std::fmt::Write;

use crate::timeline::Timeline;
use crate::xml::escape;

const WIDTH: f64 = 960.0;
const HEIGHT: f64 = 480.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 30.0;
const TOP: f64 = 50.0;
const BOTTOM: f64 = 110.0;
/// PLOVER scores lie in [−10, 10]; a fixed scale keeps charts comparable.
const SCORE_MAX: f64 = 10.0;
const COOPERATION: &str = "#2e7d32";
const CONFLICT: &str = "#c62828";

pub fn timeline_svg(t: &Timeline) -> String {
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let n = t.periods.len().max(1);
    let step = plot_w / n as f64;
    let x_of = |i: usize| LEFT + step * (i as f64 + 0.5);
    let y_of = |score: f64| {
        TOP + plot_h / 2.0 - score.clamp(-SCORE_MAX, SCORE_MAX) / SCORE_MAX * plot_h / 2.0
    };
    let zero = y_of(0.0);
    let max_count = t.periods.iter().map(|p| p.events).max().unwrap_or(0).max(1) as f64;

    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" font-family=\"sans-serif\" font-size=\"12\">"
    );
    let direction = if t.directed { "→" } else { "↔" };
    let _ = writeln!(
        s,
        "<title>{}</title>",
        escape(&format!(
            "{} {direction} {}: PLOVER score by {}",
            t.a,
            t.b,
            t.by.as_str()
        ))
    );
    s.push_str("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    let _ = writeln!(
        s,
        "<text x=\"{LEFT}\" y=\"24\" font-size=\"16\" font-weight=\"bold\">{}</text>",
        escape(&format!("{} {direction} {}", t.a, t.b))
    );

    // Y axis: gridlines and labels every 5 points.
    for tick in [-10.0, -5.0, 0.0, 5.0, 10.0] {
        let y = y_of(tick);
        let stroke = if tick == 0.0 { "#000" } else { "#ddd" };
        let _ = writeln!(
            s,
            "<line x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"{stroke}\"/>",
            WIDTH - RIGHT
        );
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{tick:+}</text>",
            LEFT - 6.0,
            y + 4.0
        );
    }
    let _ = writeln!(
        s,
        "<text transform=\"translate(18 {:.1}) rotate(-90)\" text-anchor=\"middle\">mean PLOVER score (conflict − / cooperation +)</text>",
        TOP + plot_h / 2.0
    );
    let _ = writeln!(
        s,
        "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"{COOPERATION}\" text-anchor=\"end\">cooperation</text>",
        WIDTH - RIGHT - 4.0,
        TOP + 14.0
    );
    let _ = writeln!(
        s,
        "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"{CONFLICT}\" text-anchor=\"end\">conflict</text>",
        WIDTH - RIGHT - 4.0,
        TOP + plot_h - 6.0
    );

    // Bars, dots and the mean line.
    let bar_w = (step * 0.6).clamp(1.0, 40.0);
    let mut line: Vec<(f64, f64)> = Vec::new();
    let mut lines: Vec<Vec<(f64, f64)>> = Vec::new();
    for (i, p) in t.periods.iter().enumerate() {
        let x = x_of(i);
        let Some(mean) = p.score_mean else {
            if line.len() > 1 {
                lines.push(std::mem::take(&mut line));
            }
            line.clear();
            continue;
        };
        let y = y_of(mean);
        let colour = if mean >= 0.0 { COOPERATION } else { CONFLICT };
        let _ = writeln!(
            s,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{bar_w:.1}\" height=\"{:.1}\" fill=\"{colour}\" fill-opacity=\"0.35\"><title>{}</title></rect>",
            x - bar_w / 2.0,
            y.min(zero),
            (y - zero).abs(),
            escape(&format!(
                "{}: {} events in {} documents, mean {mean:.2}, sum {:.1}",
                p.period, p.events, p.docs, p.score_sum
            ))
        );
        let radius = 2.5 + 9.0 * (p.events as f64 / max_count).sqrt();
        let _ = writeln!(
            s,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{radius:.1}\" fill=\"{colour}\" fill-opacity=\"0.8\"/>"
        );
        line.push((x, y));
    }
    if line.len() > 1 {
        lines.push(line);
    }
    for l in lines {
        let points: Vec<String> = l.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
        let _ = writeln!(
            s,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"#333\" stroke-width=\"1.5\"/>",
            points.join(" ")
        );
    }

    // X axis labels: at most ~24, rotated.
    let every = t.periods.len().div_ceil(24).max(1);
    let label_y = TOP + plot_h + 14.0;
    for (i, p) in t.periods.iter().enumerate().filter(|(i, _)| i % every == 0) {
        let x = x_of(i);
        let _ = writeln!(
            s,
            "<text transform=\"translate({x:.1} {label_y:.1}) rotate(-45)\" text-anchor=\"end\">{}</text>",
            escape(&p.period)
        );
    }
    let _ = writeln!(
        s,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">period ({}); dot area ∝ number of events</text>",
        LEFT + plot_w / 2.0,
        HEIGHT - 30.0,
        t.by.as_str()
    );

    // Shifts.
    for shift in &t.shifts {
        let Some(i) = t.periods.iter().position(|p| p.period == shift.period) else {
            continue;
        };
        let x = x_of(i) - step / 2.0;
        let _ = writeln!(
            s,
            "<line x1=\"{x:.1}\" y1=\"{TOP}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#1565c0\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>",
            TOP + plot_h
        );
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"#1565c0\">{}</text>",
            x + 4.0,
            TOP + 12.0,
            escape(&format!(
                "shift {}: {:+.1} → {:+.1}",
                shift.period, shift.before_mean, shift.after_mean
            ))
        );
    }

    let footer = format!(
        "{} undated, {} with a date spanning several periods and {} negated events are not plotted",
        t.undated.events, t.imprecise.events, t.negated.events
    );
    let _ = writeln!(
        s,
        "<text x=\"{LEFT}\" y=\"{:.1}\" fill=\"#555\">{}</text>",
        HEIGHT - 10.0,
        escape(&footer)
    );
    if t.periods.is_empty() {
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{zero:.1}\" text-anchor=\"middle\" fill=\"#555\">no dated events</text>",
            LEFT + plot_w / 2.0
        );
    }
    s.push_str("</svg>\n");
    s
}
