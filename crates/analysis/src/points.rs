//! The slice of an event that analysis needs, so callers with many events
//! (a store's fast aggregate query) need not build whole [`Event`]s.
use kroniek_model::{Category, Event, EventActor, QuadClass};
use serde::{Deserialize, Serialize};

/// An actor as analysis sees it: registry id and country/organisation code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRef {
    pub id: Option<String>,
    pub code: Option<String>,
    pub name: Option<String>,
}

impl ActorRef {
    /// Whether `key` names this actor, by registry id or by code.
    pub fn is(&self, key: &str) -> bool {
        self.id.as_deref() == Some(key) || self.code.as_deref() == Some(key)
    }
}

impl From<&EventActor> for ActorRef {
    fn from(a: &EventActor) -> Self {
        ActorRef {
            id: a.id.clone(),
            code: a.country.clone(),
            name: a.name.clone(),
        }
    }
}

/// One event reduced to what timelines and networks use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventPoint {
    pub event_id: String,
    pub doc_id: String,
    pub date: Option<String>,
    pub source: Option<ActorRef>,
    pub target: Option<ActorRef>,
    pub category: Category,
    pub quad_class: QuadClass,
    pub score: f32,
    pub negated: bool,
    /// The evidence sentence; may be left empty and filled in later for
    /// the few events a timeline shows as evidence.
    pub sentence: String,
}

impl From<&Event> for EventPoint {
    fn from(e: &Event) -> Self {
        EventPoint {
            event_id: e.event_id.clone(),
            doc_id: e.doc_id.clone(),
            date: e.date.clone(),
            source: e.source.as_ref().map(ActorRef::from),
            target: e.target.as_ref().map(ActorRef::from),
            category: e.category,
            quad_class: e.quad_class,
            score: e.score,
            negated: e.negated,
            sentence: e.sentence.clone(),
        }
    }
}
