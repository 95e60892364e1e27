//! PLOVER event coder: lexicon, argument roles from the dependency parse,
//! negation, modality, dates. Pure: no I/O.
//!
//! [`code`] reads a document that has been cleaned, parsed, searched for
//! time expressions and linked to actors, and returns one [`kroniek_model::Event`]
//! per (trigger, source, target) it can support from the sentence. Trigger
//! words and the dependency frames that give their actors live in the
//! lexicon (`data/lexicon/*.tsv`, see its README); the rules here are general
//! and work on lemmas and dependency relations only.
#![forbid(unsafe_code)]

mod coder;
mod cues;
mod dates;
mod gate;
mod lexicon;
mod repair;
mod roles;
mod score;
mod stories;
mod view;

pub use coder::{code, code_where};
pub use lexicon::{Lexicon, LexiconError};
pub use score::{ScoreError, ScoreReport, format_report, score};
pub use stories::{Story, StoryEvent, StoryInput, cluster_stories, group_stories};

/// Written into every event's `coder_version`.
pub const CODER_VERSION: &str = concat!("kroniek-coder/", env!("CARGO_PKG_VERSION"));
