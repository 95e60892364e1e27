//! `/doc/{id}`: the cleaned text, sentence by sentence (anchors `#s0`, `#s1`,
//! ...), with actor mentions, event triggers and time expressions marked.
use axum::extract::State;
use axum::response::{Html, Response};
use kroniek_model::Document;
use kroniek_store::Store;
use maud::{Markup, html};

use super::event_list;
use crate::AppState;
use crate::error::{ApiError, PageError};
use crate::html::{actor_href, layout};
use crate::params::PageSegments;

pub async fn page(
    State(state): State<AppState>,
    PageSegments(id): PageSegments<String>,
) -> Result<Response, PageError> {
    let key = format!("page:doc\u{1f}{id}");
    Ok(state
        .cached(key, super::HTML, move |store| {
            match store.document(&id)? {
                Some(doc) => Ok(render(&doc).0.into_bytes()),
                None => Err(ApiError::not_found(format!(
                    "There is no document with id {id:?}."
                ))),
            }
        })
        .await?)
}

/// One kind of annotation over a byte range of the text.
#[derive(Debug, Clone)]
enum Mark {
    Mention {
        actor: Option<String>,
        label: String,
    },
    Trigger {
        event: String,
        label: String,
    },
    Timex {
        label: String,
    },
}

struct Marked {
    start: usize,
    end: usize,
    mark: Mark,
}

fn marks(doc: &Document) -> Vec<Marked> {
    let mut out = Vec::new();
    for m in &doc.mentions {
        let label = [
            m.name.as_deref(),
            m.actor_id.as_deref(),
            m.sector.as_deref(),
            m.office.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
        out.push(Marked {
            start: m.span.start as usize,
            end: m.span.end as usize,
            mark: Mark::Mention {
                actor: m.actor_id.clone(),
                label: if label.is_empty() {
                    "unlinked mention".into()
                } else {
                    label
                },
            },
        });
    }
    for t in &doc.timexes {
        let value = t
            .value
            .as_ref()
            .map_or("not anchored", |v| v.value.as_str());
        out.push(Marked {
            start: t.span.start as usize,
            end: t.span.end as usize,
            mark: Mark::Timex {
                label: format!("{}: {value}", t.kind),
            },
        });
    }
    for e in &doc.events {
        out.push(Marked {
            start: e.trigger_span.start as usize,
            end: e.trigger_span.end as usize,
            mark: Mark::Trigger {
                event: e.event_id.clone(),
                label: format!(
                    "{} {} → {}",
                    e.category,
                    crate::html::actor_label(e.source.as_ref()),
                    crate::html::actor_label(e.target.as_ref())
                ),
            },
        });
    }
    // Marks that do not fit the text on character boundaries are dropped
    // rather than allowed to split a character.
    out.retain(|m| {
        m.start < m.end
            && doc.text.is_char_boundary(m.start)
            && doc.text.is_char_boundary(m.end)
            && m.end <= doc.text.len()
    });
    out
}

/// `text[start..end]` cut at every mark boundary; each piece wrapped in the
/// marks that cover it (mention outermost, then timex, then trigger).
fn marked_text(text: &str, start: usize, end: usize, marks: &[Marked]) -> Markup {
    let inside: Vec<&Marked> = marks
        .iter()
        .filter(|m| m.start < end && m.end > start)
        .collect();
    let mut cuts = vec![start, end];
    for m in &inside {
        cuts.push(m.start.clamp(start, end));
        cuts.push(m.end.clamp(start, end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    html! {
        @for pair in cuts.windows(2) {
            @if let Some(piece) = text.get(pair[0]..pair[1]) {
                (wrap(piece, pair[0], pair[1], &inside))
            }
        }
    }
}

fn wrap(piece: &str, from: usize, to: usize, marks: &[&Marked]) -> Markup {
    let covering = |wanted: fn(&Mark) -> bool| {
        marks
            .iter()
            .find(|m| m.start <= from && to <= m.end && wanted(&m.mark))
            .map(|m| &m.mark)
    };
    let trigger = covering(|m| matches!(m, Mark::Trigger { .. }));
    let timex = covering(|m| matches!(m, Mark::Timex { .. }));
    let mention = covering(|m| matches!(m, Mark::Mention { .. }));
    let mut inner = html! { (piece) };
    if let Some(Mark::Trigger { event, label }) = trigger {
        inner = html! { mark.trigger data-event=(event) title=(label) { (inner) } };
    }
    if let Some(Mark::Timex { label }) = timex {
        inner = html! { mark.timex title=(label) { (inner) } };
    }
    match mention {
        Some(Mark::Mention {
            actor: Some(actor),
            label,
        }) => html! { a.mention href=(actor_href(actor)) title=(label) { (inner) } },
        Some(Mark::Mention { actor: None, label }) => {
            html! { mark.mention.unlinked title=(label) { (inner) } }
        }
        _ => inner,
    }
}

enum Piece<'t> {
    /// Text between sentences (headings, blank lines): shown as it is.
    Gap(&'t str),
    Sentence {
        index: usize,
        start: usize,
        end: usize,
    },
}

fn pieces(doc: &Document) -> Vec<Piece<'_>> {
    let text = doc.text.as_str();
    let mut out = Vec::new();
    let mut cursor = 0;
    for (index, s) in doc.sentences.iter().enumerate() {
        let (start, end) = (s.span.start as usize, s.span.end as usize);
        let fits = cursor <= start
            && start <= end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end);
        if !fits {
            continue;
        }
        if let Some(gap) = text.get(cursor..start).filter(|g| !g.is_empty()) {
            out.push(Piece::Gap(gap));
        }
        out.push(Piece::Sentence { index, start, end });
        cursor = end;
    }
    if let Some(rest) = text.get(cursor..).filter(|r| !r.is_empty()) {
        out.push(Piece::Gap(rest));
    }
    out
}

fn render(doc: &Document) -> Html<String> {
    let text = &doc.text;
    let all_marks = marks(doc);
    let title = doc.title.clone().unwrap_or_else(|| doc.id.clone());
    let body = html! {
        h1 { (title) }
        p.meta {
            "Document " code { (doc.id) }
            @if let Some(date) = &doc.date { " · dated " (date.value.value) }
            @if let Some(lang) = &doc.language { " · language " (lang.code) }
            @if let Some(source) = &doc.source { " · " (source) }
            @if let Some(url) = &doc.url { " · " span.url { (url) } }
            " · " a href={ "/api/v1/documents/" (crate::html::url_part(&doc.id)) } { "JSON" }
        }
        p.legend {
            span.mention { "actor" } " " mark.timex { "date" } " " mark.trigger { "event trigger" }
        }
        div.doc-text {
            @for piece in pieces(doc) {
                @match piece {
                    Piece::Gap(gap) => (gap),
                    Piece::Sentence { index, start, end } => {
                        span.s id={ "s" (index) } { (marked_text(text, start, end, &all_marks)) }
                    }
                }
            }
        }
        section.doc-events {
            h2 { "Events in this document (" (doc.events.len()) ")" }
            (event_list(&doc.events))
        }
    };
    layout(&title, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(start: usize, end: usize, mark: Mark) -> Marked {
        Marked { start, end, mark }
    }

    #[test]
    fn overlapping_marks_nest_without_losing_text() {
        let text = "Rusland viel gisteren aan.";
        let marks = vec![
            marked(
                0,
                7,
                Mark::Mention {
                    actor: Some("RUS".into()),
                    label: "Russia".into(),
                },
            ),
            marked(
                8,
                12,
                Mark::Trigger {
                    event: "e1".into(),
                    label: "ASSAULT".into(),
                },
            ),
            marked(
                8,
                21,
                Mark::Timex {
                    label: "date".into(),
                },
            ),
        ];
        let out = marked_text(text, 0, text.len(), &marks).into_string();
        assert!(
            out.contains(r#"<a class="mention" href="/actor/RUS" title="Russia">Rusland</a>"#),
            "{out}"
        );
        assert!(out.contains(r#"<mark class="timex" title="date"><mark class="trigger" data-event="e1" title="ASSAULT">viel</mark></mark>"#), "{out}");
        let visible: String = out
            .split('<')
            .map(|p| p.split_once('>').map_or(p, |x| x.1))
            .collect();
        assert_eq!(visible, text);
    }
}
