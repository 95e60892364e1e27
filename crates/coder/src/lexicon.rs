//! The event lexicon: TSV rows (documented in `data/lexicon/README.md`)
//! parsed into trigger entries and word lists.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use kroniek_model::Category;

/// The files compiled into the crate, in load order.
const BUILTIN_FILES: [(&str, &str); 5] = [
    ("verbs.tsv", include_str!("../../../data/lexicon/verbs.tsv")),
    (
        "idioms.tsv",
        include_str!("../../../data/lexicon/idioms.tsv"),
    ),
    ("nouns.tsv", include_str!("../../../data/lexicon/nouns.tsv")),
    ("words.tsv", include_str!("../../../data/lexicon/words.tsv")),
    (
        "english.tsv",
        include_str!("../../../data/lexicon/english.tsv"),
    ),
];

#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum LexiconError {
    #[error("{file}:{line}: {reason}")]
    Invalid {
        file: String,
        line: usize,
        reason: String,
    },
}

/// What kind of word a trigger is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum TriggerKind {
    Verb,
    Noun,
}

/// A condition a trigger's clause must meet for an entry to fire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Cond {
    /// A reflexive pronoun (`zich`) belongs to the verb.
    Reflexive,
    /// The direct object (or passive subject) has one of these lemmas.
    Obj(Vec<Pattern>),
    /// A prepositional phrase (or pronominal adverb `ervan`) with one of these prepositions.
    Prep(Vec<String>),
    /// One of these lemmas occurs in the clause.
    Word(Vec<Pattern>),
    /// The clause carries a negation (`geen toestemming geven`); the
    /// negation is part of the meaning and does not negate the event.
    Neg,
    /// A negative (false) or positive (true) evaluative complement.
    Eval(bool),
    /// The reciprocal pronoun `elkaar` belongs to the verb.
    Reciprocal,
    /// The noun is the object of a light verb (`een aanval openen`).
    Light,
    /// The object is itself a linked actor (`ontving X`, not `ontving vluchtelingen`).
    ObjActor,
    /// The verb has no object (`de bonden staakten`, not `staakten de gesprekken`).
    NoObj,
}

/// A lemma, or with a leading `*` any lemma ending in it (compounds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pattern {
    pub text: String,
    pub suffix: bool,
}

impl Pattern {
    /// One whole lemma or form.
    pub fn word(s: &str) -> Pattern {
        Pattern {
            text: s.to_string(),
            suffix: false,
        }
    }

    fn parse(s: &str) -> Pattern {
        match s.strip_prefix('*') {
            Some(rest) => Pattern {
                text: rest.to_string(),
                suffix: true,
            },
            None => Pattern {
                text: s.to_string(),
                suffix: false,
            },
        }
    }
    pub fn matches(&self, lemma: &str) -> bool {
        if self.suffix {
            lemma.ends_with(&self.text)
        } else {
            lemma == self.text
        }
    }
}

/// Where an actor is found relative to the trigger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Slot {
    /// Subject (the `door` agent in a passive), inherited through control and coordination.
    Subj,
    /// Direct object (the subject of a passive).
    Obj,
    /// Indirect object, or a second object that is not the idiom's noun.
    Iobj,
    /// A prepositional phrase with this preposition.
    Pp(String),
    /// Actors written before a noun: possessives, demonym adjectives.
    Pre,
    /// Who reports the event (`volgens X`, `X zei dat`).
    Attr,
    /// The subject of the verb whose object or prepositional phrase holds
    /// a noun (`na een gesprek met X` → who talked).
    Host,
    /// The subject of a light verb whose object is the noun (`een aanval openen`).
    Light,
    /// A place (`in X`, relative `waar`).
    Loc,
    /// Each coordinated subject towards the others.
    Recip,
}

impl Slot {
    fn parse(s: &str) -> Option<Slot> {
        Some(match s {
            "subj" => Slot::Subj,
            "obj" => Slot::Obj,
            "iobj" => Slot::Iobj,
            "pre" => Slot::Pre,
            "attr" => Slot::Attr,
            "host" => Slot::Host,
            "light" => Slot::Light,
            "loc" => Slot::Loc,
            "recip" => Slot::Recip,
            _ => {
                let prep = s.strip_prefix("pp:")?;
                if prep.is_empty() {
                    return None;
                }
                Slot::Pp(prep.to_string())
            }
        })
    }
}

/// One trigger row.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub kind: TriggerKind,
    pub lemma: Pattern,
    pub requires: Vec<Cond>,
    pub category: Category,
    pub mode: Option<String>,
    pub source: Vec<Slot>,
    pub target: Vec<Slot>,
}

impl Entry {
    /// Entries with more conditions are more specific and are tried first.
    fn specificity(&self) -> usize {
        self.requires.len() * 2 + usize::from(!self.lemma.suffix)
    }
}

/// Word lists that steer the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum WordClass {
    /// Negative evaluative words (`mislukt`, `verrader`).
    EvalNeg,
    /// Positive evaluative words (`historisch`, `constructief`).
    EvalPos,
    /// Nouns for office holders and state bodies (`minister`, `regering`).
    Official,
    /// Verbs that report speech or opinion (`zeggen`, `vinden`).
    Speech,
    /// Light verbs that lend their subject to an event noun (`openen`, `houden`).
    Light,
    /// Verbs whose object controls an infinitive (`oproepen`, `dwingen`).
    ObjectControl,
    /// Nouns for an act or decision that stand for the act of an actor just
    /// named (`de actie`, `dit besluit`, `de stap`).
    Act,
}

impl WordClass {
    fn parse(s: &str) -> Option<WordClass> {
        Some(match s {
            "eval-neg" => WordClass::EvalNeg,
            "eval-pos" => WordClass::EvalPos,
            "official" => WordClass::Official,
            "speech" => WordClass::Speech,
            "light" => WordClass::Light,
            "object-control" => WordClass::ObjectControl,
            "act" => WordClass::Act,
            _ => return None,
        })
    }
}

/// The parsed lexicon.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub(crate) verbs: HashMap<String, Vec<Entry>>,
    pub(crate) nouns: HashMap<String, Vec<Entry>>,
    /// Noun entries keyed on a suffix (`*levering`), tried on every noun.
    pub(crate) noun_suffixes: Vec<Entry>,
    pub(crate) words: HashMap<(WordClass, String), ()>,
    /// Irregular past forms and their infinitives (`hield` → `houden`).
    pub(crate) irregular: HashMap<String, String>,
    /// What [`Lexicon::may_fire`] looks up (see `gate.rs`).
    pub(crate) gate: crate::gate::Gate,
    /// Tells this lexicon's per-thread gate cache from another's.
    pub(crate) id: u64,
    entries: usize,
}

impl Lexicon {
    /// The lexicon compiled into the crate, parsed once.
    pub fn builtin() -> Result<&'static Lexicon, LexiconError> {
        static BUILTIN: OnceLock<Result<Lexicon, LexiconError>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| Lexicon::parse(&BUILTIN_FILES))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Parses lexicon files given as `(file name, contents)`.
    pub fn parse(files: &[(&str, &str)]) -> Result<Lexicon, LexiconError> {
        let mut lex = Lexicon::default();
        for (name, text) in files {
            for (idx, raw) in text.lines().enumerate() {
                let line = raw.trim_end_matches('\r');
                if line.trim().is_empty() || line.trim_start().starts_with('#') {
                    continue;
                }
                let fail = |reason: String| LexiconError::Invalid {
                    file: (*name).to_string(),
                    line: idx + 1,
                    reason,
                };
                lex.add_row(line).map_err(fail)?;
            }
        }
        for list in lex.verbs.values_mut().chain(lex.nouns.values_mut()) {
            list.sort_by_key(|e| std::cmp::Reverse(e.specificity()));
        }
        lex.noun_suffixes
            .sort_by_key(|e| std::cmp::Reverse(e.specificity()));
        lex.gate = crate::gate::Gate::new(&lex);
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        lex.id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(lex)
    }

    /// Number of rows (trigger entries and list words).
    pub fn len(&self) -> usize {
        self.entries
    }

    pub fn is_empty(&self) -> bool {
        self.entries == 0
    }

    pub(crate) fn has_word(&self, class: WordClass, lemma: &str) -> bool {
        self.words.contains_key(&(class, lemma.to_string()))
    }

    /// The infinitive of an irregular past form, also behind a prefix
    /// (`omschreef` → `omschrijven`).
    pub(crate) fn irregular_infinitive(&self, form: &str) -> Option<String> {
        if let Some(inf) = self.irregular.get(form) {
            return Some(inf.clone());
        }
        form.char_indices().skip(1).find_map(|(i, _)| {
            let (prefix, rest) = form.split_at(i);
            (prefix.len() >= 2)
                .then(|| self.irregular.get(rest))
                .flatten()
                .map(|inf| format!("{prefix}{inf}"))
        })
    }

    pub(crate) fn verb_entries(&self, lemma: &str) -> &[Entry] {
        self.verbs.get(lemma).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Noun entries for a lemma: exact ones first, then compounds by suffix.
    pub(crate) fn noun_entries(&self, lemma: &str) -> Vec<&Entry> {
        let mut out: Vec<&Entry> = self
            .nouns
            .get(lemma)
            .map(|v| v.iter().collect())
            .unwrap_or_default();
        out.extend(self.noun_suffixes.iter().filter(|e| e.lemma.matches(lemma)));
        out
    }

    fn add_row(&mut self, line: &str) -> Result<(), String> {
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        let kind = cols[0];
        let lemma = cols
            .get(1)
            .filter(|s| !s.is_empty())
            .ok_or("missing lemma (column 2)")?
            .to_lowercase();
        if kind == "irregular" {
            let infinitive = cols
                .get(2)
                .filter(|s| !s.is_empty())
                .ok_or("irregular rows need the infinitive in column 3")?;
            self.irregular.insert(lemma, infinitive.to_lowercase());
            self.entries += 1;
            return Ok(());
        }
        if let Some(class) = WordClass::parse(kind) {
            self.words.insert((class, lemma), ());
            self.entries += 1;
            return Ok(());
        }
        let kind = match kind {
            "verb" => TriggerKind::Verb,
            "noun" => TriggerKind::Noun,
            other => return Err(format!("unknown kind `{other}`")),
        };
        if cols.len() != 7 {
            return Err(format!(
                "expected 7 tab-separated columns (kind lemma requires category mode source target), found {}",
                cols.len()
            ));
        }
        let requires = parse_requires(cols[2])?;
        let category =
            Category::parse(cols[3]).ok_or_else(|| format!("unknown category `{}`", cols[3]))?;
        let mode = (cols[4] != "-" && !cols[4].is_empty()).then(|| cols[4].to_string());
        let source = parse_slots(cols[5], "source")?;
        let target = parse_slots(cols[6], "target")?;
        if source.is_empty() {
            return Err("an entry needs at least one source slot".into());
        }
        let entry = Entry {
            kind,
            lemma: Pattern::parse(&lemma),
            requires,
            category,
            mode,
            source,
            target,
        };
        self.entries += 1;
        match (kind, entry.lemma.suffix) {
            (TriggerKind::Verb, true) => return Err("verb lemmas cannot be suffix patterns".into()),
            (TriggerKind::Verb, false) => self.verbs.entry(lemma).or_default().push(entry),
            (TriggerKind::Noun, true) => self.noun_suffixes.push(entry),
            (TriggerKind::Noun, false) => self.nouns.entry(lemma).or_default().push(entry),
        }
        Ok(())
    }
}

fn parse_requires(col: &str) -> Result<Vec<Cond>, String> {
    if col == "-" || col.is_empty() {
        return Ok(Vec::new());
    }
    col.split(',')
        .map(str::trim)
        .map(|item| {
            let (key, value) = item.split_once('=').unwrap_or((item, ""));
            let list = || -> Result<Vec<String>, String> {
                let words: Vec<String> = value
                    .split('|')
                    .filter(|w| !w.is_empty())
                    .map(str::to_lowercase)
                    .collect();
                if words.is_empty() {
                    Err(format!("condition `{key}` needs `={key}` words"))
                } else {
                    Ok(words)
                }
            };
            let patterns = || list().map(|w| w.iter().map(|s| Pattern::parse(s)).collect());
            Ok(match key {
                "zich" => Cond::Reflexive,
                "elkaar" => Cond::Reciprocal,
                "neg" => Cond::Neg,
                "eval-" => Cond::Eval(false),
                "eval+" => Cond::Eval(true),
                "light" => Cond::Light,
                "obj-actor" => Cond::ObjActor,
                "no-obj" => Cond::NoObj,
                "obj" => Cond::Obj(patterns()?),
                "word" => Cond::Word(patterns()?),
                "pp" => Cond::Prep(list()?),
                other => return Err(format!("unknown condition `{other}`")),
            })
        })
        .collect()
}

fn parse_slots(col: &str, what: &str) -> Result<Vec<Slot>, String> {
    if col == "-" || col.is_empty() {
        return Ok(Vec::new());
    }
    col.split('|')
        .map(|s| Slot::parse(s.trim()).ok_or_else(|| format!("unknown {what} slot `{s}`")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses_and_is_large() {
        let lex = Lexicon::builtin().expect("builtin lexicon");
        assert!(lex.len() > 300, "only {} rows", lex.len());
        assert!(!lex.verb_entries("oproepen").is_empty());
        assert!(!lex.noun_entries("wapenlevering").is_empty());
    }

    #[test]
    fn errors_name_file_and_line() {
        let err = Lexicon::parse(&[("x.tsv", "# c\nverb\tsteunen\t-\tPRAISE\t-\tsubj\tobj\n")])
            .expect_err("bad category");
        assert_eq!(
            err.to_string(),
            "x.tsv:2: unknown category `PRAISE`".to_string()
        );
        let err = Lexicon::parse(&[("y.tsv", "verb\tsteunen\tfoo=bar\tSUPPORT\t-\tsubj\tobj")])
            .expect_err("bad condition");
        assert!(err.to_string().starts_with("y.tsv:1: unknown condition"));
        let err = Lexicon::parse(&[("z.tsv", "verb\tsteunen\t-\tSUPPORT\t-\tsubj")])
            .expect_err("short row");
        assert!(err.to_string().contains("7 tab-separated"));
    }

    #[test]
    fn specific_entries_come_first() {
        let lex = Lexicon::parse(&[(
            "v.tsv",
            "verb\tgeven\t-\tAID\t-\tsubj\tiobj\nverb\tgeven\tobj=veeg,word=pan\tACCUSE\t-\tsubj\tiobj\n",
        )])
        .expect("parses");
        let entries = lex.verb_entries("geven");
        assert_eq!(entries[0].category, Category::Accuse);
        assert_eq!(lex.len(), 2);
    }
}
