//! The actor registry: states, organisations, people and groups with their
//! names, plus the sector cue words. Parsed from the TSV files described in
//! `data/actors/README.md`.

use std::sync::OnceLock;

use kroniek_model::MentionKind;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::matcher::Matcher;
use crate::parse;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActorKind {
    State,
    Organisation,
    Person,
    Group,
}

impl ActorKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            ActorKind::State => "state",
            ActorKind::Organisation => "organisation",
            ActorKind::Person => "person",
            ActorKind::Group => "group",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    /// Country (ISO 3166-1 alpha-3) or organisation code; for people and
    /// groups the state or organisation they belong to.
    pub code: Option<String>,
    pub sector: Option<String>,
    pub aliases: Vec<String>,
    pub offices: Vec<Office>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Office {
    /// `president`, `prime minister`, `foreign minister`, ...
    pub title: String,
    /// Country or organisation code.
    pub code: String,
    pub sector: String,
    /// `YYYY[-MM[-DD]]`, both ends inclusive; `None` = open.
    pub from: Option<String>,
    pub to: Option<String>,
}

impl Office {
    /// Whether the office was held at some point of `[begin, end]` (ISO dates).
    pub fn held_during(&self, begin: &str, end: &str) -> bool {
        let starts = self.from.as_deref().map(|f| pad(f, "-01-01"));
        let ends = self.to.as_deref().map(|t| pad(t, "-12-31"));
        starts.is_none_or(|s| s.as_str() <= end) && ends.is_none_or(|e| e.as_str() >= begin)
    }
}

/// Pads a partial ISO date with the tail of `fill` (`2018` + `-12-31`).
fn pad(date: &str, fill: &str) -> String {
    let mut out = date.to_string();
    if out.len() < 10 {
        let missing = 10 - out.len();
        out.push_str(&fill[fill.len().saturating_sub(missing)..]);
    }
    // `2018-02` + `-31` is no real date but still compares correctly as an upper bound.
    out
}

#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    #[error("{file}:{line}: unknown record type `{record}`")]
    UnknownRecord {
        file: String,
        line: usize,
        record: String,
    },
    #[error("{file}:{line}: `{record}` needs {expected} columns, found {found}")]
    MissingColumns {
        file: String,
        line: usize,
        record: String,
        expected: usize,
        found: usize,
    },
    #[error("{file}:{line}: invalid {what} `{value}`: {reason}")]
    Invalid {
        file: String,
        line: usize,
        what: &'static str,
        value: String,
        reason: &'static str,
    },
    #[error("{file}:{line}: actor `{id}` is defined twice")]
    Duplicate {
        file: String,
        line: usize,
        id: String,
    },
}

/// What a registry name tells about its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// The actor's own name (`Rusland`, `NAVO`, `Poetin`).
    Name,
    /// A capital or seat city used as a metonym (`Moskou`).
    Capital,
    /// An organ with its own sector (`Kremlin` → GOV, `Europees Parlement` → LEG).
    Body,
    /// An adjective (`Russisch`, `Russische`).
    Adjective,
    /// An inhabitant word (`Russen`, `Azeri's`).
    Inhabitants,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NameEntry {
    pub form: String,
    pub actor: String,
    pub role: Role,
    pub sector: Option<String>,
    /// Entries from a user file shadow built-in entries with the same form.
    pub user: bool,
}

/// A common noun that signals a sector (`leger` → MIL) and maybe an office.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cue {
    pub form: String,
    pub sector: String,
    pub title: Option<String>,
    pub user: bool,
}

#[derive(Debug, Clone)]
pub struct Registry {
    pub(crate) actors: Vec<Actor>,
    /// False for actors only referenced (by `alias`, `office`, ...) in a user
    /// file: they extend a built-in actor and are not actors on their own.
    pub(crate) defined: Vec<bool>,
    pub(crate) by_id: FxHashMap<String, usize>,
    pub(crate) names: Vec<NameEntry>,
    pub(crate) cues: Vec<Cue>,
    /// The first word of every cue, folded (see [`Registry::may_refer_back`]).
    pub(crate) cue_first_words: FxHashSet<String>,
    /// Names that are no actors (`ignore` records).
    pub(crate) ignored: Vec<String>,
    pub(crate) matcher: Matcher,
}

const BUILTIN: &[(&str, &str)] = &[
    (
        "states.tsv",
        include_str!("../../../data/actors/states.tsv"),
    ),
    (
        "organisations.tsv",
        include_str!("../../../data/actors/organisations.tsv"),
    ),
    (
        "people.tsv",
        include_str!("../../../data/actors/people.tsv"),
    ),
    (
        "sectors.tsv",
        include_str!("../../../data/actors/sectors.tsv"),
    ),
];

impl Registry {
    /// The registry embedded from `data/actors`, parsed once.
    pub fn builtin() -> Result<&'static Registry, RegistryError> {
        static BUILT: OnceLock<Result<Registry, String>> = OnceLock::new();
        let built = BUILT.get_or_init(|| Registry::parse(BUILTIN).map_err(|e| e.to_string()));
        match built {
            Ok(registry) => Ok(registry),
            Err(message) => Err(RegistryError::Invalid {
                file: "builtin".into(),
                line: 0,
                what: "registry",
                value: message.clone(),
                reason: "the embedded data does not parse",
            }),
        }
    }

    /// Parses registry files given as (file name, content) pairs.
    pub fn parse(files: &[(&str, &str)]) -> Result<Registry, RegistryError> {
        let parsed = parse::parse_files(files)?;
        Ok(Registry::assemble(
            parsed.actors,
            parsed.defined,
            parsed.names,
            parsed.cues,
            parsed.ignored,
        ))
    }

    pub(crate) fn assemble(
        actors: Vec<Actor>,
        defined: Vec<bool>,
        names: Vec<NameEntry>,
        cues: Vec<Cue>,
        ignored: Vec<String>,
    ) -> Registry {
        let by_id = actors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect::<FxHashMap<_, _>>();
        let matcher = Matcher::build(&actors, &defined, &by_id, &names, &cues, &ignored);
        let cue_first_words = cues
            .iter()
            .filter_map(|c| {
                crate::normalize::words(&c.form)
                    .first()
                    .map(|w| crate::normalize::fold(&c.form[w.start..w.end]))
            })
            .collect();
        Registry {
            actors,
            defined,
            by_id,
            names,
            cues,
            cue_first_words,
            ignored,
            matcher,
        }
    }

    /// This registry extended by `user`: new actors are added; for an
    /// existing id the user's name, kind, code and sector replace the
    /// built-in ones and aliases and offices are added; a user name or cue
    /// word shadows the built-in entries with the same (folded) form.
    pub fn with_overrides(&self, user: &Registry) -> Registry {
        let mut actors = self.actors.clone();
        let mut defined = self.defined.clone();
        let mut by_id = self.by_id.clone();
        for (i, extra) in user.actors.iter().enumerate() {
            let user_defined = user.defined.get(i).copied().unwrap_or(false);
            match by_id.get(&extra.id) {
                Some(&j) => {
                    let base = &mut actors[j];
                    if user_defined {
                        base.name = extra.name.clone();
                        base.kind = extra.kind;
                        base.code = extra.code.clone();
                        base.sector = extra.sector.clone();
                        defined[j] = true;
                    }
                    for alias in &extra.aliases {
                        if !base.aliases.contains(alias) {
                            base.aliases.push(alias.clone());
                        }
                    }
                    base.offices.extend(extra.offices.iter().cloned());
                }
                None => {
                    by_id.insert(extra.id.clone(), actors.len());
                    actors.push(extra.clone());
                    defined.push(user_defined);
                }
            }
        }
        let mut names = self.names.clone();
        names.extend(user.names.iter().map(|n| NameEntry {
            user: true,
            ..n.clone()
        }));
        let mut cues = self.cues.clone();
        cues.extend(user.cues.iter().map(|c| Cue {
            user: true,
            ..c.clone()
        }));
        let mut ignored = self.ignored.clone();
        ignored.extend(user.ignored.iter().cloned());
        Registry::assemble(actors, defined, names, cues, ignored)
    }

    pub fn actor(&self, id: &str) -> Option<&Actor> {
        let &i = self.by_id.get(id)?;
        self.defined
            .get(i)
            .copied()
            .unwrap_or(false)
            .then(|| &self.actors[i])
    }

    pub fn actors(&self) -> impl Iterator<Item = &Actor> {
        self.actors
            .iter()
            .zip(self.defined.iter())
            .filter(|(_, d)| **d)
            .map(|(a, _)| a)
    }

    /// Names for NER gazetteer features: states, capitals and seats as Loc,
    /// organisations and groups as Org, people as Per, adjectives and
    /// inhabitant words as Misc. Sector cue words are not names and are left out.
    pub fn gazetteer_entries(&self) -> Vec<(String, MentionKind)> {
        let mut seen = FxHashSet::default();
        let mut out = Vec::new();
        for entry in &self.names {
            let Some(actor) = self.actor(&entry.actor) else {
                continue;
            };
            let kind = match (entry.role, actor.kind) {
                (Role::Adjective | Role::Inhabitants, _) => MentionKind::Misc,
                (Role::Capital, _) => MentionKind::Loc,
                (Role::Body, _) => MentionKind::Org,
                (Role::Name, ActorKind::State) => MentionKind::Loc,
                (Role::Name, ActorKind::Person) => MentionKind::Per,
                (Role::Name, ActorKind::Organisation | ActorKind::Group) => MentionKind::Org,
            };
            if seen.insert((entry.form.clone(), kind)) {
                out.push((entry.form.clone(), kind));
            }
        }
        out
    }

    pub(crate) fn actor_at(&self, index: usize) -> &Actor {
        &self.actors[index]
    }

    pub(crate) fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The person who held `title` for `code` during `[begin, end]`. When
    /// several did because the office changed hands within the period, the
    /// one who took office last; when several held it throughout (one of
    /// many commissioners), nobody: the office names no single person.
    pub(crate) fn office_holder(
        &self,
        title: &str,
        code: &str,
        begin: &str,
        end: &str,
    ) -> Option<(&Actor, &Office)> {
        let holders: Vec<(&Actor, &Office)> = self
            .actors()
            .filter(|a| a.kind == ActorKind::Person)
            .flat_map(|a| a.offices.iter().map(move |o| (a, o)))
            .filter(|(_, o)| o.title == title && o.code == code && o.held_during(begin, end))
            .collect();
        let throughout: Vec<&(&Actor, &Office)> = holders
            .iter()
            .filter(|(_, o)| o.held_during(begin, begin) && o.held_during(end, end))
            .collect();
        match throughout.as_slice() {
            [only] => Some(**only),
            [] => holders
                .into_iter()
                .max_by(|(_, x), (_, y)| x.from.cmp(&y.from)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_periods_compare_by_padded_dates() {
        let office = Office {
            title: "president".into(),
            code: "RUS".into(),
            sector: "GOV".into(),
            from: Some("2012-05".into()),
            to: None,
        };
        assert!(office.held_during("2020-10-01", "2020-10-31"));
        assert!(!office.held_during("2010-01-01", "2011-12-31"));
        assert!(office.held_during("2012-05-31", "2012-05-31"));
        let ended = Office {
            to: Some("2008".into()),
            ..office
        };
        assert!(!ended.held_during("2009-01-01", "2009-01-31"));
    }
}
