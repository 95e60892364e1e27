//! Actor registry (states, organisations, people, sectors) and mention linking.
//! Pure: the built-in registry is embedded from `data/actors`, user files
//! arrive as strings.
//!
//! ```no_run
//! # fn run(doc: &mut kroniek_model::Document, user_tsv: &str) -> Result<(), kroniek_actors::RegistryError> {
//! use kroniek_actors::{Registry, link};
//! let builtin = Registry::builtin()?;
//! let user = Registry::parse(&[("actors.tsv", user_tsv)])?;
//! let registry = builtin.with_overrides(&user);
//! link(doc, &registry); // after NER; replaces doc.mentions
//! # Ok(()) }
//! ```
//!
//! [`link`] turns the named-entity spans of a [`kroniek_model::Document`]
//! into linked mentions and adds what NER does not see. Each mention says how
//! it was linked (`Mention::rule`, confidence in brackets):
//!
//! | rule | example | |
//! |---|---|---|
//! | `alias` | `Rusland`, `NAVO`, `Poetin` | 0.95 |
//! | `possessive` | `Ruslands`, `Pasjinjans` | 0.9 |
//! | `capital-metonym` | `Moskou` → RUS/GOV | 0.8 |
//! | `seat-or-body` | `het Kremlin` → RUS/GOV, `Minskgroep` → OSCE | 0.9 |
//! | `inhabitants` | `Armeniërs` → ARM/PPL | 0.85 |
//! | `adjective` | a bare `Russische` → RUS (kind Demonym) | 0.6 |
//! | `demonym-cue` | `de Russische vredesmacht` → RUS/MIL, `EU-commissaris`, `Ruslands leger` | 0.85 |
//! | `cue-of-name` | `het leger van Azerbeidzjan`, `het ministerie van Defensie in Moskou` | 0.85 |
//! | `office-apposition` | `de Armeense premier Nikol Pasjinjan` (the phrase → that person) | 0.9 |
//! | `office-holder` | `de Armeense premier` → who held the office on the document date (never for offices many hold at once) | 0.8 |
//! | `surname` | `Kvirikasjvili` after `Giorgi Kvirikasjvili` (0.7 when NER called it a place) | 0.85 |
//! | `fuzzy-name` | `Kazachtstan` → KAZ | 0.6 |
//! | `national-organisation` | NER ORG `Armeense Apostolische Kerk` → own actor, code ARM | 0.6 |
//! | `unknown-person`, `unknown-organisation` | NER PER/ORG not in the registry → `per:…`, `org:…`; a cue right before gives the sector (`de oppositiepartij X` → OPP) | 0.5 |
//! | `pronoun`, `anaphor`, `pronoun-coordination` | `hij`, `ze`, `zijn` (when tagged), `het land`, `de alliantie` (see the `pronoun` module) | 0.6 / 0.4 |
//! | `unlinked` | NER LOC/MISC that is no actor (`Kaukasus`); `actor_id` is `None` | 0 |
//!
//! People carry the code, sector and office of the office they held on the
//! document date (`Mention::office`), else the registry's default code.
#![forbid(unsafe_code)]

mod gate;
mod link;
mod matcher;
mod normalize;
mod parse;
mod pronoun;
mod registry;

pub use link::link;
pub use registry::{Actor, ActorKind, Office, Registry, RegistryError};
