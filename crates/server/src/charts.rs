//! SVG charts drawn on the server: the dyad timeline (one mark per period,
//! carrying `data-period`, and the shifts) and the actor network (a circular
//! layout that stays legible with 30 actors). Every text is escaped; no
//! inline styles (the page's CSP forbids them), only presentation attributes
//! and classes.
use std::collections::BTreeMap;
use std::f64::consts::PI;
use std::fmt::Write;

use kroniek_analysis::{Network, Timeline};

use crate::html::{actor_href, dyad_href, escape};

const COOPERATION: &str = "#2e7d32";
const CONFLICT: &str = "#c62828";
const NEUTRAL: &str = "#8d8d8d";
const SHIFT: &str = "#1565c0";

/// Anchor of a period's section on the dyad page.
pub fn period_anchor(period: &str) -> String {
    format!("p-{}", crate::html::url_part(period))
}

pub fn timeline_chart(t: &Timeline) -> String {
    let (width, height) = (960.0, 340.0);
    let (left, right, top, bottom) = (56.0, 20.0, 34.0, 70.0);
    let plot_w = width - left - right;
    let plot_h: f64 = height - top - bottom;
    let n = t.periods.len().max(1);
    let step = plot_w / n as f64;
    let x_of = |i: usize| left + step * (i as f64 + 0.5);
    let y_of = |score: f64| top + plot_h / 2.0 - score.clamp(-10.0, 10.0) / 10.0 * plot_h / 2.0;
    let zero = y_of(0.0);
    let most = t.periods.iter().map(|p| p.events).max().unwrap_or(0).max(1) as f64;
    let direction = if t.directed { "→" } else { "↔" };

    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"chart timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"chart-title\"><title id=\"chart-title\">{}</title>",
        escape(&format!(
            "{} {direction} {}: mean PLOVER score by {}",
            t.a,
            t.b,
            t.by.as_str()
        ))
    );
    for tick in [-10.0, -5.0, 0.0, 5.0, 10.0] {
        let y = y_of(tick);
        let class = if tick == 0.0 { "axis zero" } else { "grid" };
        let _ = write!(
            s,
            "<line class=\"{class}\" x1=\"{left}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\"/><text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{tick:+}</text>",
            width - right,
            left - 6.0,
            y + 4.0
        );
    }
    let _ = write!(
        s,
        "<text class=\"legend\" x=\"{left}\" y=\"18\" fill=\"{COOPERATION}\">▲ cooperation</text><text class=\"legend\" x=\"{:.1}\" y=\"18\" fill=\"{CONFLICT}\">▼ conflict</text><text class=\"legend\" x=\"{:.1}\" y=\"18\" fill=\"{SHIFT}\">┆ shift</text>",
        left + 110.0,
        left + 200.0
    );
    let bar_w = (step * 0.6).clamp(2.0, 48.0);
    let label_every = t.periods.len().div_ceil(24).max(1);
    for (i, p) in t.periods.iter().enumerate() {
        let x = x_of(i);
        if i % label_every == 0 {
            let _ = write!(
                s,
                "<text class=\"tick\" transform=\"translate({x:.1} {:.1}) rotate(-40)\" text-anchor=\"end\">{}</text>",
                top + plot_h + 16.0,
                escape(&p.period)
            );
        }
        let Some(mean) = p.score_mean else { continue };
        let y = y_of(mean);
        let colour = if mean >= 0.0 { COOPERATION } else { CONFLICT };
        let radius = 3.0 + 8.0 * (p.events as f64 / most).sqrt();
        let _ = write!(
            s,
            "<a class=\"mark\" data-period=\"{period}\" href=\"#{anchor}\"><title>{tip}</title><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{bar_w:.1}\" height=\"{:.1}\" fill=\"{colour}\" fill-opacity=\"0.35\"/><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{radius:.1}\" fill=\"{colour}\"/></a>",
            x - bar_w / 2.0,
            y.min(zero),
            (y - zero).abs().max(1.0),
            period = escape(&p.period),
            anchor = escape(&period_anchor(&p.period)),
            tip = escape(&format!(
                "{}: {} events in {} documents, mean score {mean:+.2}",
                p.period, p.events, p.docs
            )),
        );
    }
    for shift in &t.shifts {
        let Some(i) = t.periods.iter().position(|p| p.period == shift.period) else {
            continue;
        };
        let x = x_of(i) - step / 2.0;
        let _ = write!(
            s,
            "<g class=\"shift\" data-period=\"{}\"><line x1=\"{x:.1}\" y1=\"{top}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"{SHIFT}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/><text x=\"{:.1}\" y=\"{:.1}\" fill=\"{SHIFT}\">{}</text></g>",
            escape(&shift.period),
            top + plot_h,
            x + 4.0,
            top + 12.0,
            escape(&format!(
                "{}: {:+.1} → {:+.1}",
                shift.period, shift.before_mean, shift.after_mean
            ))
        );
    }
    if t.periods.is_empty() {
        let _ = write!(
            s,
            "<text class=\"empty\" x=\"{:.1}\" y=\"{zero:.1}\" text-anchor=\"middle\">no dated events</text>",
            left + plot_w / 2.0
        );
    }
    s.push_str("</svg>");
    s
}

/// The most connected `max_nodes` actors on a circle, edges between them
/// coloured by how cooperative they are and as thick as they are frequent.
pub fn network_chart(net: &Network, max_nodes: usize) -> String {
    let top = kroniek_analysis::top_actors_by_degree(net, max_nodes);
    let size = 820.0;
    let (cx, cy, radius) = (size / 2.0, size / 2.0, size / 2.0 - 110.0);
    let position: BTreeMap<&str, (f64, f64, f64)> = top
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let angle = 2.0 * PI * i as f64 / top.len().max(1) as f64 - PI / 2.0;
            (
                n.id.as_str(),
                (cx + radius * angle.cos(), cy + radius * angle.sin(), angle),
            )
        })
        .collect();
    // Both directions of a pair make one line.
    let mut pairs: BTreeMap<(&str, &str), (u64, f64, f64)> = BTreeMap::new();
    for e in &net.edges {
        if !position.contains_key(e.source.as_str()) || !position.contains_key(e.target.as_str()) {
            continue;
        }
        let key = if e.source <= e.target {
            (e.source.as_str(), e.target.as_str())
        } else {
            (e.target.as_str(), e.source.as_str())
        };
        let entry = pairs.entry(key).or_default();
        entry.0 += e.events;
        entry.1 += e.cooperation;
        entry.2 += e.conflict;
    }
    let mut lines: Vec<_> = pairs.into_iter().collect();
    lines.sort_by(|x, y| y.1.0.cmp(&x.1.0).then_with(|| x.0.cmp(&y.0)));
    lines.truncate(250);
    let heaviest = lines.first().map_or(1, |l| l.1.0.max(1)) as f64;
    let busiest = top.iter().map(|n| n.events).max().unwrap_or(1).max(1) as f64;

    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"chart network\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-labelledby=\"net-title\"><title id=\"net-title\">Actor network: {} actors, {} links shown</title>",
        top.len(),
        lines.len()
    );
    for ((a, b), (events, coop, conflict)) in &lines {
        let (Some(pa), Some(pb)) = (position.get(a), position.get(b)) else {
            continue;
        };
        let balance = (coop - conflict) / (coop + conflict).max(f64::EPSILON);
        let colour = if balance > 0.2 {
            COOPERATION
        } else if balance < -0.2 {
            CONFLICT
        } else {
            NEUTRAL
        };
        let width = 0.8 + 6.0 * (*events as f64 / heaviest).sqrt();
        let _ = write!(
            s,
            "<a class=\"link\" href=\"{}\"><title>{}</title><line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{colour}\" stroke-width=\"{width:.1}\" stroke-opacity=\"0.55\"/></a>",
            escape(&dyad_href(a, b)),
            escape(&format!(
                "{a} – {b}: {events} events, cooperation {coop:.0}, conflict {conflict:.0}"
            )),
            pa.0,
            pa.1,
            pb.0,
            pb.1
        );
    }
    for node in &top {
        let Some((x, y, angle)) = position.get(node.id.as_str()) else {
            continue;
        };
        let r = 5.0 + 11.0 * (node.events as f64 / busiest).sqrt();
        let (lx, ly) = (x + (r + 8.0) * angle.cos(), y + (r + 8.0) * angle.sin());
        let anchor = if angle.cos() > 0.2 {
            "start"
        } else if angle.cos() < -0.2 {
            "end"
        } else {
            "middle"
        };
        let label = match &node.name {
            Some(name) if name != &node.id => format!("{} ({name})", node.id),
            _ => node.id.clone(),
        };
        let _ = write!(
            s,
            "<a class=\"node\" data-actor=\"{id}\" href=\"{href}\"><title>{tip}</title><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\"/><text x=\"{lx:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{label}</text></a>",
            ly + 4.0,
            id = escape(&node.id),
            href = escape(&actor_href(&node.id)),
            tip = escape(&format!(
                "{label}: {} events, {} partners",
                node.events, node.degree
            )),
            label = escape(&label),
        );
    }
    if top.is_empty() {
        let _ = write!(
            s,
            "<text class=\"empty\" x=\"{cx}\" y=\"{cy}\" text-anchor=\"middle\">no events between known actors</text>"
        );
    }
    s.push_str("</svg>");
    s
}
