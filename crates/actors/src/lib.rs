//! Actor registry (states, organisations, people, sectors) and mention linking.
//! Pure: the built-in registry is embedded from `data/actors`, user files
//! arrive as strings.
//!
//! [`link`] turns the named-entity spans of a [`kroniek_model::Document`]
//! into linked mentions and adds what NER does not see: registry names,
//! capitals and seats used as metonyms (`Moskou`, `het Kremlin`),
//! adjective + cue phrases (`de Russische vredesmacht` → RUS/MIL), office
//! holders (`de Armeense premier` → the prime minister on the document
//! date), surnames of earlier full names, possessives (`Ruslands`) and
//! subject pronouns (`hij`, `het land`).
#![forbid(unsafe_code)]

mod link;
mod matcher;
mod normalize;
mod parse;
mod pronoun;
mod registry;

pub use link::link;
pub use registry::{Actor, ActorKind, Office, Registry, RegistryError};
