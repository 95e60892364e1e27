//! Server-rendered pages. Heavy ones (overview, dyad, actor, network) are
//! cached until the store changes.
mod doc;
mod dyad;
mod other;

use axum::Router;
use axum::routing::get;
use kroniek_model::Event;
use maud::{Markup, html};

use crate::AppState;
use crate::html::{actor_label, doc_href};

pub use other::warm_overview;

pub const HTML: &str = "text/html; charset=utf-8";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(other::overview))
        .route("/dyad/{a}/{b}", get(dyad::page))
        .route("/actor/{id}", get(other::actor))
        .route("/network", get(other::network))
        .route("/search", get(other::search))
        .route("/doc/{id}", get(doc::page))
}

/// The evidence sentence with the trigger words marked, when the spans fit.
fn evidence(e: &Event) -> Markup {
    let sentence = e.sentence.as_str();
    let start = e.trigger_span.start.checked_sub(e.span.start);
    let end = e.trigger_span.end.checked_sub(e.span.start);
    let parts = match (start, end) {
        (Some(s), Some(t)) if s <= t => {
            let (s, t) = (s as usize, t as usize);
            match (sentence.get(..s), sentence.get(s..t), sentence.get(t..)) {
                (Some(before), Some(trigger), Some(after)) => Some((before, trigger, after)),
                _ => None,
            }
        }
        _ => None,
    };
    match parts {
        Some((before, trigger, after)) => html! { (before) mark.trigger { (trigger) } (after) },
        None => html! { (sentence) },
    }
}

fn quad_class(e: &Event) -> &'static str {
    match e.quad_class.as_str() {
        "verbal_cooperation" | "material_cooperation" => "coop",
        _ => "conflict",
    }
}

/// One event: a line that opens on click to show its evidence sentence and
/// a link to that sentence in its document.
pub fn event_item(e: &Event) -> Markup {
    html! {
        details.event id={ "ev-" (e.event_id) } data-event=(e.event_id) {
            summary {
                span.date { (e.date.as_deref().unwrap_or("undated")) }
                " "
                span.actor { (actor_label(e.source.as_ref())) }
                " "
                span class={ "cat " (quad_class(e)) } { (e.category.as_str()) }
                " "
                span.actor { (actor_label(e.target.as_ref())) }
                @if e.negated { " " span.neg { "not" } }
                " "
                span.trigger-words { "“" (e.trigger) "”" }
            }
            blockquote.evidence { (evidence(e)) }
            p.source {
                a href=(doc_href(&e.doc_id, Some(e.sentence_index))) {
                    "Read it in " (e.doc_id) ", sentence " (e.sentence_index + 1)
                }
                " · score " (format!("{:+.1}", e.score))
                " · " (e.modality.as_str())
            }
        }
    }
}

pub fn event_list<E: std::borrow::Borrow<Event>>(events: &[E]) -> Markup {
    html! {
        @if events.is_empty() {
            p.muted { "No events." }
        } @else {
            ul.events {
                @for e in events { li { (event_item(e.borrow())) } }
            }
        }
    }
}
