//! `/dyad/{A}/{B}`: the relation between two actors over time, the shifts in
//! it, and the events behind every period with their evidence sentences.
use std::collections::{BTreeMap, HashMap};

use axum::extract::State;
use axum::response::Response;
use kroniek_analysis::{Timeline, date_interval};
use kroniek_model::Event;
use maud::{PreEscaped, html};
use serde::Deserialize;

use super::{HTML, event_item, event_list};
use crate::AppState;
use crate::charts::{period_anchor, timeline_chart};
use crate::error::PageError;
use crate::html::{actor_href, dyad_href, layout, url_part};
use crate::params::{PageParams, PageSegments};
use crate::queries::{DyadEvent, MAX_DYAD_EVENTS, events_by_rowid, names_of};
use crate::views::TimelineRequest;

/// Events listed per period; the API pages through the rest.
const EVENTS_PER_PERIOD: usize = 100;

#[derive(Debug, Deserialize)]
pub struct DyadQuery {
    by: Option<String>,
    directed: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

pub async fn page(
    State(state): State<AppState>,
    PageSegments((a, b)): PageSegments<(String, String)>,
    PageParams(q): PageParams<DyadQuery>,
) -> Result<Response, PageError> {
    let request = TimelineRequest::parse(&a, &b, &q.by, &q.directed, &q.from, &q.to)?;
    let key = format!("page:dyad\u{1f}{}", request.key());
    Ok(state
        .cached(key, HTML, move |store| {
            let (timeline, events) = request.compute(store)?;
            let names = names_of(store, &[request.a.clone(), request.b.clone()])?;
            // Only the listed events are read whole.
            let buckets = bucket(&request, &events);
            let listed: Vec<i64> = buckets
                .periods
                .values()
                .chain([&buckets.imprecise, &buckets.undated, &buckets.negated])
                .flat_map(|list| list.iter().take(EVENTS_PER_PERIOD).map(|e| e.rowid))
                .collect();
            let whole = events_by_rowid(store, &listed)?;
            Ok(render(&request, &timeline, events.len(), &buckets, &whole, &names).into_bytes())
        })
        .await?)
}

/// Where each event went in the timeline.
#[derive(Default)]
struct Buckets<'e> {
    periods: BTreeMap<String, Vec<&'e DyadEvent>>,
    imprecise: Vec<&'e DyadEvent>,
    undated: Vec<&'e DyadEvent>,
    negated: Vec<&'e DyadEvent>,
}

fn bucket<'e>(request: &TimelineRequest, events: &'e [DyadEvent]) -> Buckets<'e> {
    let bound = |v: &Option<String>| v.as_deref().and_then(date_interval);
    let (from, to) = (bound(&request.from), bound(&request.to));
    let mut buckets = Buckets::default();
    for e in events {
        let interval = e.point.date.as_deref().and_then(date_interval);
        if let Some((begin, end)) = interval
            && (from.is_some_and(|f| end < f.0) || to.is_some_and(|t| begin > t.1))
        {
            continue;
        }
        if e.point.negated {
            buckets.negated.push(e);
            continue;
        }
        let Some((begin, end)) = interval else {
            buckets.undated.push(e);
            continue;
        };
        let period = request.by.period_of(begin);
        if request.by.period_of(end) != period {
            buckets.imprecise.push(e);
        } else {
            buckets.periods.entry(period.key()).or_default().push(e);
        }
    }
    buckets
}

/// The first events of a list, read whole.
fn owned<'w>(events: &[&DyadEvent], whole: &'w HashMap<i64, Event>) -> Vec<&'w Event> {
    events
        .iter()
        .take(EVENTS_PER_PERIOD)
        .filter_map(|e| whole.get(&e.rowid))
        .collect()
}

fn render(
    request: &TimelineRequest,
    timeline: &Timeline,
    n_events: usize,
    buckets: &Buckets<'_>,
    whole: &HashMap<i64, Event>,
    names: &HashMap<String, String>,
) -> String {
    let (a, b) = (&request.a, &request.b);
    let arrow = if request.directed { "→" } else { "↔" };
    let title = format!("{a} {arrow} {b}");
    let base = dyad_href(a, b);
    let option = |by: &str, directed: bool| {
        let mut url = format!("{base}?by={by}");
        if directed {
            url.push_str("&directed=true");
        }
        for (name, value) in [("from", &request.from), ("to", &request.to)] {
            if let Some(v) = value {
                url.push_str(&format!("&{name}={}", url_part(v)));
            }
        }
        url
    };
    let by = request.by.as_str();
    let api = format!(
        "/api/v1/timeline?a={}&b={}&by={by}&directed={}",
        url_part(a),
        url_part(b),
        request.directed
    );
    let body = html! {
        h1 {
            a href=(actor_href(a)) { (a) } " " (arrow) " " a href=(actor_href(b)) { (b) }
        }
        @if names.contains_key(a) || names.contains_key(b) {
            p.muted {
                (names.get(a).map_or(a.as_str(), String::as_str)) " and "
                (names.get(b).map_or(b.as_str(), String::as_str))
            }
        }
        nav.options {
            "Periods: "
            @for unit in ["year", "quarter", "month", "week"] {
                @if unit == by { strong { (unit) } } @else { a href=(option(unit, request.directed)) { (unit) } }
                " "
            }
            " · "
            @if request.directed {
                a href=(option(by, false)) { "both directions" } " · "
                a href=(format!("{}?by={by}&directed=true", dyad_href(b, a))) { "reverse" }
            } @else {
                a href=(option(by, true)) { (a) " → " (b) " only" }
            }
            " · " a href=(api) { "JSON" }
        }
        @if n_events >= MAX_DYAD_EVENTS {
            p.warning { "Only the first " (MAX_DYAD_EVENTS) " events are shown; narrow the dates with ?from= and ?to=." }
        }
        figure.chart-box {
            (PreEscaped(timeline_chart(timeline)))
            figcaption {
                "Mean PLOVER score per " (by) " (bars; dot area grows with the number of events). "
                "Click a period to see its events."
            }
        }
        section.shifts {
            h2 { "Shifts" }
            @if timeline.shifts.is_empty() {
                p.muted { "No shift detected in this relation." }
            } @else {
                ul {
                    @for shift in &timeline.shifts {
                        li data-shift=(shift.period) {
                            a href={ "#" (period_anchor(&shift.period)) } { strong { (shift.period) } }
                            ": mean score " (format!("{:+.1}", shift.before_mean)) " → " (format!("{:+.1}", shift.after_mean))
                            @if !shift.drivers.is_empty() {
                                " · driven by "
                                @for (i, id) in shift.drivers.iter().enumerate() {
                                    @if i > 0 { ", " }
                                    a.driver href={ "#ev-" (url_part(id)) } { "event " (i + 1) }
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 { "Events by period" }
        @if buckets.periods.is_empty() {
            p.muted { "No dated events between " (a) " and " (b) "." }
        }
        @for (period, list) in buckets.periods.iter().rev() {
            section.period id=(period_anchor(period)) data-period=(period) {
                h3 {
                    (period) " · " (list.len()) " events"
                    @if let Some(p) = timeline.periods.iter().find(|p| &p.period == period) {
                        @if let Some(mean) = p.score_mean { " · mean " (format!("{mean:+.1}")) }
                    }
                }
                (event_list(&owned(list, whole)))
                @if list.len() > EVENTS_PER_PERIOD {
                    p.muted { "and " (list.len() - EVENTS_PER_PERIOD) " more: see the JSON API (/api/v1/events)." }
                }
            }
        }
        @for (label, list) in [
            ("Dated too coarsely for one period", &buckets.imprecise),
            ("Undated", &buckets.undated),
            ("Negated (not counted)", &buckets.negated),
        ] {
            @if !list.is_empty() {
                section.period.other {
                    h3 { (label) " · " (list.len()) " events" }
                    ul.events { @for e in owned(list, whole).iter() { li { (event_item(e)) } } }
                }
            }
        }
    };
    layout(&title, body).0
}
