//! The overview, actor, network and search pages.
use std::collections::BTreeMap;

use axum::extract::State;
use axum::response::Response;
use kroniek_store::{EventFilter, Store};
use maud::{PreEscaped, html};
use serde::Deserialize;

use super::{HTML, event_list};
use crate::AppState;
use crate::api::types::Relation;
use crate::charts::network_chart;
use crate::error::{ApiError, PageError};
use crate::html::{actor_href, doc_href, dyad_href, layout, url_part};
use crate::params::{self, PageParams, PageSegments, present};
use crate::{queries, views};

pub async fn overview(State(state): State<AppState>) -> Result<Response, PageError> {
    Ok(state
        .cached(OVERVIEW_KEY.into(), HTML, render_overview)
        .await?)
}

const OVERVIEW_KEY: &str = "page:overview";

/// Renders the overview into the cache unless it is there for the store as
/// it is now (the server does this at start and after every store change,
/// so that no visitor waits for the corpus-wide counts).
pub async fn warm_overview(state: &AppState) -> Result<(), ApiError> {
    state
        .cached(OVERVIEW_KEY.into(), HTML, render_overview)
        .await
        .map(drop)
}

fn render_overview(store: &kroniek_store::SqliteStore) -> Result<Vec<u8>, ApiError> {
    let stats = queries::overview(store)?;
    let mut actors = store.actor_counts()?;
    actors.truncate(15);
    let dyads = queries::top_dyads(store, 12)?;
    let recent = queries::recent_events(store, 12)?;
    let body = html! {
        h1 { "Overview" }
        section.cards {
            div.card { b { (stats.documents) } " documents" }
            div.card { b { (stats.events) } " events" }
            div.card { b { (stats.sentences) } " sentences" }
            div.card {
                @match (&stats.first_date, &stats.last_date) {
                    (Some(first), Some(last)) => { b { (first) " – " (last) } " dates" },
                    _ => { b { "no dates" } },
                }
            }
        }
        p.muted {
            "Languages: "
            @for (i, (lang, n)) in stats.languages.iter().enumerate() {
                @if i > 0 { ", " } (lang) " (" (n) ")"
            }
            @if stats.undated_documents > 0 { " · " (stats.undated_documents) " undated documents" }
        }
        div.columns {
            section {
                h2 { "Top actors" }
                @if actors.is_empty() { p.muted { "No linked actors yet." } }
                ol.ranked {
                    @for a in &actors {
                        li {
                            a href=(actor_href(&a.actor_id)) { (a.name.as_deref().unwrap_or(&a.actor_id)) }
                            " " span.muted { (a.mentions) " mentions in " (a.documents) " documents" }
                        }
                    }
                }
            }
            section {
                h2 { "Top dyads" }
                @if dyads.is_empty() { p.muted { "No events between two known actors yet." } }
                ol.ranked {
                    @for d in &dyads {
                        li {
                            a href=(dyad_href(&d.a, &d.b)) { (d.a) " ↔ " (d.b) }
                            " " span.muted { (d.events) " events, mean " (format!("{:+.1}", d.mean_score)) }
                        }
                    }
                }
            }
        }
        section {
            h2 { "Recent events" }
            (event_list(&recent))
        }
    };
    Ok(layout("Overview", body).0.into_bytes())
}

pub async fn actor(
    State(state): State<AppState>,
    PageSegments(id): PageSegments<String>,
) -> Result<Response, PageError> {
    let id = params::actor("id", &id)?;
    let key = format!("page:actor\u{1f}{id}");
    Ok(state
        .cached(key, HTML, move |store| {
            let Some(view) = views::actor(store, &id)? else {
                return Err(ApiError::not_found(format!(
                    "There is no actor {id:?} in this store."
                )));
            };
            let mut years: BTreeMap<&str, Vec<&Relation>> = BTreeMap::new();
            for r in &view.relations {
                years.entry(r.year.as_str()).or_default().push(r);
            }
            let top = |list: &[&Relation], cooperative: bool| -> Vec<Relation> {
                let mut picked: Vec<Relation> = list
                    .iter()
                    .filter(|r| {
                        if cooperative {
                            r.cooperative > r.conflictual
                        } else {
                            r.conflictual > r.cooperative
                        }
                    })
                    .map(|r| (*r).clone())
                    .collect();
                picked.sort_by(|x, y| {
                    let (a, b) = if cooperative {
                        (x.cooperative, y.cooperative)
                    } else {
                        (x.conflictual, y.conflictual)
                    };
                    b.cmp(&a).then_with(|| x.other.cmp(&y.other))
                });
                picked.truncate(6);
                picked
            };
            let title = view.name.clone().unwrap_or_else(|| view.id.clone());
            let body = html! {
                h1 { (title) }
                p.meta {
                    "Actor " code { (view.id) }
                    @if let Some(code) = &view.code { " · code " (code) }
                    " · " (view.events) " events"
                    " · " a href={ "/api/v1/actors/" (url_part(&view.id)) } { "JSON" }
                }
                div.columns {
                    section {
                        h2 { "Named as" }
                        @if view.aliases.is_empty() { p.muted { "No mentions." } }
                        ul.tags { @for n in &view.aliases { li { (n.name) " " span.muted { (n.count) } } } }
                    }
                    section {
                        h2 { "Offices and sectors" }
                        ul.tags {
                            @for n in &view.offices { li { (n.name) " " span.muted { (n.count) } } }
                            @for n in &view.sectors { li { (n.name) " " span.muted { (n.count) } } }
                        }
                    }
                }
                h2 { "Partners and adversaries over time" }
                @if years.is_empty() { p.muted { "No dated events with another known actor." } }
                table.relations {
                    thead { tr { th { "Year" } th { "Partners (mostly cooperative)" } th { "Adversaries (mostly conflictual)" } } }
                    tbody {
                        @for (year, list) in years.iter().rev() {
                            tr {
                                th { (year) }
                                td.coop {
                                    @for r in top(list, true) {
                                        a href=(dyad_href(&view.id, &r.other)) { (r.other) }
                                        " " span.muted { (r.cooperative) "/" (r.events) } " "
                                    }
                                }
                                td.conflict {
                                    @for r in top(list, false) {
                                        a href=(dyad_href(&view.id, &r.other)) { (r.other) }
                                        " " span.muted { (r.conflictual) "/" (r.events) } " "
                                    }
                                }
                            }
                        }
                    }
                }
            };
            Ok(layout(&title, body).0.into_bytes())
        })
        .await?)
}

#[derive(Debug, Deserialize)]
pub struct RangeQuery {
    from: Option<String>,
    to: Option<String>,
}

/// Actors shown on the network page.
const NETWORK_NODES: usize = 30;

pub async fn network(
    State(state): State<AppState>,
    PageParams(q): PageParams<RangeQuery>,
) -> Result<Response, PageError> {
    let from = params::date("from", &q.from)?;
    let to = params::date("to", &q.to)?;
    let key = format!(
        "page:network\u{1f}{}\u{1f}{}",
        from.as_deref().unwrap_or(""),
        to.as_deref().unwrap_or("")
    );
    Ok(state
        .cached(key, HTML, move |store| {
            let net = views::network(store, from.as_deref(), to.as_deref())?;
            let body = html! {
                h1 { "Actor network" }
                form.filters method="get" action="/network" {
                    label { "From " input type="text" name="from" placeholder="YYYY[-MM[-DD]]" value=[from.as_deref()]; }
                    label { "To " input type="text" name="to" placeholder="YYYY[-MM[-DD]]" value=[to.as_deref()]; }
                    button type="submit" { "Show" }
                }
                p.muted {
                    (net.nodes.len()) " actors, " (net.edges.len()) " directed links; the "
                    (NETWORK_NODES.min(net.nodes.len())) " with the most partners are drawn. "
                    "Green: mostly cooperation, red: mostly conflict. Click an actor or a link."
                }
                figure.chart-box { (PreEscaped(network_chart(&net, NETWORK_NODES))) }
            };
            Ok(layout("Network", body).0.into_bytes())
        })
        .await?)
}

#[derive(Debug, Deserialize)]
pub struct SearchForm {
    q: Option<String>,
    actor: Option<String>,
    category: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

/// Hits and events shown by the search page.
const SEARCH_LIMIT: usize = 100;

pub async fn search(
    State(state): State<AppState>,
    PageParams(form): PageParams<SearchForm>,
) -> Result<Response, PageError> {
    let category = params::category(&form.category)?;
    let query = crate::api::search_query(
        &form.q,
        &form.from,
        &form.to,
        &form.actor,
        &None,
        SEARCH_LIMIT,
        0,
    )?;
    let filter = EventFilter {
        actor: present(&form.actor)
            .map(|a| params::actor("actor", a))
            .transpose()?,
        category: category.map(|c| c.as_str().to_string()),
        from: params::date("from", &form.from)?,
        to: params::date("to", &form.to)?,
        limit: Some(SEARCH_LIMIT),
        ..EventFilter::default()
    };
    // Without words, the filters select events; with words, they narrow the hits.
    let wants_events = query.is_none()
        && (filter.actor.is_some()
            || filter.category.is_some()
            || filter.from.is_some()
            || filter.to.is_some());
    let words = query.as_ref().map(|q| q.query.clone());
    let key = format!("page:search\u{1f}{query:?}\u{1f}{filter:?}\u{1f}{wants_events}");
    Ok(state
        .cached(key, HTML, move |store| {
            let hits = match &query {
                Some(q) => store.search(q)?,
                None => Vec::new(),
            };
            let events = if wants_events {
                queries::events(store, &filter)?
            } else {
                Vec::new()
            };
            Ok(render_search(
                &form,
                category,
                words.as_deref(),
                &hits,
                wants_events,
                &events,
            )
            .into_bytes())
        })
        .await?)
}

fn render_search(
    form: &SearchForm,
    category: Option<kroniek_model::Category>,
    words: Option<&str>,
    hits: &[kroniek_store::SearchHit],
    wants_events: bool,
    events: &[kroniek_model::Event],
) -> String {
    let body = html! {
        h1 { "Search" }
        form.filters method="get" action="/search" {
            label { "Words " input type="search" name="q" value=[words]; }
            label { "Actor " input type="text" name="actor" placeholder="RUS, person:putin" value=[present(&form.actor)]; }
            label { "Category (events) "
                select name="category" {
                    option value="" { "any" }
                    @for c in kroniek_model::Category::ALL {
                        option value=(c.as_str()) selected[category == Some(c)] { (c.as_str()) }
                    }
                }
            }
            label { "From " input type="text" name="from" placeholder="YYYY[-MM[-DD]]" value=[present(&form.from)]; }
            label { "To " input type="text" name="to" placeholder="YYYY[-MM[-DD]]" value=[present(&form.to)]; }
            button type="submit" { "Search" }
        }
        @if let Some(words) = words {
            h2 { "Sentences matching “" (words) "” (" (hits.len()) @if hits.len() >= SEARCH_LIMIT { "+" } ")" }
            @if hits.is_empty() { p.muted { "No sentence matches." } }
            ul.hits {
                @for h in hits {
                    li {
                        a href=(doc_href(&h.doc_id, Some(h.sentence_index))) { (h.title.as_deref().unwrap_or(&h.doc_id)) }
                        @if let Some(date) = &h.date { " " span.muted { (date) } }
                        p.snippet { (highlighted(&h.sentence, &h.highlights)) }
                    }
                }
            }
        }
        @if wants_events {
            h2 { "Events (" (events.len()) @if events.len() >= SEARCH_LIMIT { "+" } ")" }
            (event_list(events))
        }
        @if words.is_none() && !wants_events {
            p.muted { "Give words to find sentences, or an actor, category or dates to list events." }
        }
    };
    layout("Search", body).0
}

/// The sentence with the matched words marked (spans that do not fit are ignored).
fn highlighted(sentence: &str, spans: &[(u32, u32)]) -> maud::Markup {
    let mut spans: Vec<(usize, usize)> = spans
        .iter()
        .map(|&(s, e)| (s as usize, e as usize))
        .filter(|&(s, e)| s < e && sentence.get(s..e).is_some())
        .collect();
    spans.sort_unstable();
    let mut cursor = 0;
    let mut parts: Vec<(&str, bool)> = Vec::new();
    for (s, e) in spans {
        if s < cursor {
            continue;
        }
        if let (Some(before), Some(hit)) = (sentence.get(cursor..s), sentence.get(s..e)) {
            parts.push((before, false));
            parts.push((hit, true));
            cursor = e;
        }
    }
    parts.push((sentence.get(cursor..).unwrap_or(""), false));
    html! {
        @for (text, hit) in parts {
            @if hit { mark.hit { (text) } } @else { (text) }
        }
    }
}
