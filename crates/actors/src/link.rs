//! Links named-entity spans to registry actors and adds the mentions NER
//! misses. One pass over the sentences in order:
//!
//! 1. leftmost-longest registry matches over the words of the sentence
//!    (names, capitals, seats, adjectives, inhabitant words, cue words);
//! 2. phrases: adjective + cue (`de Russische vredesmacht`), cue + `van` +
//!    name (`het leger van Azerbeidzjan`), cue + `in` + capital
//!    (`het ministerie van Defensie in Moskou`), possessive + cue
//!    (`Ruslands leger`); an office cue resolves to the person named right
//!    after it or else to the registry's holder on the document date;
//! 3. NER spans: linked when they hold a registry match, otherwise
//!    surnames of earlier people, one-edit state-name misspellings, or
//!    actors of their own (`per:…`, `org:…`);
//! 4. subject pronouns (see [`crate::pronoun`]).

use kroniek_model::{Document, Mention, MentionKind, Span};
use rustc_hash::FxHashMap;

use crate::matcher::{Matcher, Target};
use crate::normalize::{fold, fold_into, starts_upper, words};
use crate::pronoun;
use crate::registry::{Actor, ActorKind, Registry, Role};
pub(crate) use matching::possessive_stem;

mod entities;
mod matching;
mod phrases;

/// Longest registry phrase, in words, worth trying.
pub(crate) const MAX_PHRASE_WORDS: usize = 12;
/// Words allowed between an adjective and its cue noun (`Russische militaire vredesmacht`).
const MAX_MODIFIERS: usize = 2;

/// Prefixes that turn a name into a stance rather than an actor (`pro-Russische`).
const STANCE_PREFIXES: &[&str] = &["pro", "anti", "ex", "oud", "post", "niet", "non"];

pub(crate) struct Word<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub folded: &'a str,
    id: Option<u32>,
    poss: Option<u32>,
}

#[derive(Debug, Clone, Copy)]
struct Hit {
    first: usize,
    last: usize,
    pattern: u32,
    possessive: bool,
}

/// What the linker knows about a finished mention beyond the model type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Referent {
    Person,
    State,
    /// Groups and state organs that `ze` can refer to.
    Collective,
    /// International and other organisations (`ze`, `de alliantie`).
    Organisation,
    /// Nothing a pronoun refers to (a bare adjective).
    Other,
}

#[derive(Debug, Clone)]
pub(crate) struct Linked {
    pub mention: Mention,
    pub referent: Referent,
}

/// A cue word that is not part of a phrase (`de woordvoerder`, `de oppositiepartij`).
#[derive(Debug, Clone)]
pub(crate) struct CueHit {
    pub span: Span,
    pub sector: String,
    pub title: Option<String>,
}

#[derive(Debug, Clone)]
struct Resolved {
    id: String,
    name: String,
    code: Option<String>,
    sector: Option<String>,
    office: Option<String>,
}

/// Links `doc.mentions` (NER spans) to `registry` and adds the mentions NER
/// missed; the result replaces `doc.mentions`, ordered by position.
pub fn link(doc: &mut Document, registry: &Registry) {
    let ner: Vec<Mention> = doc
        .mentions
        .iter()
        .filter(|m| {
            matches!(
                m.kind,
                MentionKind::Per | MentionKind::Org | MentionKind::Loc | MentionKind::Misc
            )
        })
        .cloned()
        .collect();
    let date = doc
        .date
        .as_ref()
        .map(|d| (d.value.begin.to_string(), d.value.end.to_string()));
    let mut linker = Linker {
        doc,
        registry,
        matcher: &registry.matcher,
        date,
        people: FxHashMap::default(),
        done: Vec::new(),
    };
    let ranges: Vec<(Span, u32, u32)> = if doc.sentences.is_empty() {
        vec![(Span::new(0, doc.text.len()), 0, doc.tokens.len() as u32)]
    } else {
        doc.sentences
            .iter()
            .map(|s| (s.span, s.token_start, s.token_end))
            .collect()
    };
    // NER spans are placed by their position, not by their sentence field,
    // and dropped when they do not fit the text.
    let fits_text = |m: &&Mention| !m.span.is_empty() && doc.text.get(m.span.range()).is_some();
    let all_ner: Vec<&Mention> = ner.iter().filter(fits_text).collect();
    let mut by_sentence: Vec<Vec<&Mention>> = vec![Vec::new(); ranges.len()];
    for m in all_ner.iter().copied() {
        let i = ranges.partition_point(|(span, _, _)| span.end <= m.span.start);
        if let Some((span, _, _)) = ranges.get(i)
            && span.contains(m.span)
        {
            by_sentence[i].push(m);
        }
    }
    let mut previous_start = 0;
    for (index, ((span, _, _), sentence_ner)) in ranges.iter().zip(&by_sentence).enumerate() {
        let this_start = linker.done.len();
        linker.sentence(index as u32, *span, sentence_ner, previous_start);
        previous_start = this_start;
    }
    let mut mentions: Vec<Mention> = linker.done.into_iter().map(|l| l.mention).collect();
    mentions.sort_by_key(|m| (m.span.start, m.span.end));
    doc.mentions = mentions;
}

pub(crate) struct Linker<'a> {
    doc: &'a Document,
    registry: &'a Registry,
    matcher: &'a Matcher,
    date: Option<(String, String)>,
    /// Folded words of people's full names, for later surname mentions.
    people: FxHashMap<String, Vec<(Vec<String>, Resolved)>>,
    done: Vec<Linked>,
}

impl<'a> Linker<'a> {
    fn sentence(&mut self, index: u32, span: Span, ner: &[&Mention], previous_start: usize) {
        let text = span.slice(&self.doc.text);
        let base = span.start as usize;
        // All folded words of the sentence in one string, to spare an
        // allocation per word.
        let spans = words(text);
        let mut folded_text = String::with_capacity(text.len() + 8);
        let mut buffer = String::new();
        let mut folded_ranges = Vec::with_capacity(spans.len());
        for w in &spans {
            fold_into(&text[w.start..w.end], &mut buffer);
            let start = folded_text.len();
            folded_text.push_str(&buffer);
            folded_ranges.push(start..folded_text.len());
        }
        let words: Vec<Word> = spans
            .iter()
            .zip(folded_ranges)
            .map(|(w, range)| {
                let word_text = &text[w.start..w.end];
                let folded = &folded_text[range];
                let poss = possessive_stem(folded)
                    .filter(|_| starts_upper(word_text))
                    .and_then(|stem| self.matcher.word(stem));
                Word {
                    start: base + w.start,
                    end: base + w.end,
                    text: word_text,
                    folded,
                    id: self.matcher.word(folded),
                    poss,
                }
            })
            .collect();
        let hits = self.match_words(&words, ner);
        let sentence_start = self.done.len();
        let mut used = vec![false; hits.len()];
        let mut appositions: Vec<(usize, usize)> = Vec::new();
        self.phrases(index, &words, &hits, &mut used, ner, &mut appositions);
        for (h, hit) in hits.iter().enumerate() {
            if !used[h] {
                self.plain_hit(index, &words, hit, ner);
            }
        }
        let cues: Vec<CueHit> = hits
            .iter()
            .zip(&used)
            .filter(|(_, used)| !**used)
            .filter_map(|(hit, _)| {
                let (sector, title) = self.cue_of(hit)?;
                Some(CueHit {
                    span: Span::new(words[hit.first].start, words[hit.last - 1].end),
                    sector: sector.to_string(),
                    title: title.and_then(|t| t.split('|').next()).map(str::to_string),
                })
            })
            .collect();
        self.named_entities(index, &words, ner, &appositions, sentence_start, &cues);
        self.misspellings(index, &words);
        self.done[sentence_start..].sort_by_key(|l| l.mention.span.start);
        pronoun::resolve(self, index, &words, sentence_start, previous_start);
        pronoun::demonstratives(self, index, &words, &cues, sentence_start, previous_start);
    }

    pub(crate) fn doc(&self) -> &Document {
        self.doc
    }

    pub(crate) fn done(&self) -> &[Linked] {
        &self.done
    }

    pub(crate) fn push(&mut self, linked: Linked) {
        self.done.push(linked);
    }

    fn name_of(&self, hit: &Hit) -> Option<(&Actor, Role, Option<&str>)> {
        let pattern = self.matcher.pattern(hit.pattern);
        let Target::Name(i) = pattern.target else {
            return None;
        };
        let entry = &self.registry.names[i as usize];
        Some((
            self.registry.actor_at(pattern.actor as usize),
            entry.role,
            entry.sector.as_deref(),
        ))
    }

    fn cue_of(&self, hit: &Hit) -> Option<(&str, Option<&str>)> {
        match self.matcher.pattern(hit.pattern).target {
            Target::Cue(i) => {
                let cue = &self.registry.cues[i as usize];
                Some((cue.sector.as_str(), cue.title.as_deref()))
            }
            Target::Name(_) | Target::Ignore => None,
        }
    }

    pub(crate) fn token_at(&self, byte: usize) -> Option<&kroniek_model::Token> {
        let tokens = &self.doc.tokens;
        let i = tokens.partition_point(|t| (t.span.end as usize) <= byte);
        tokens.get(i).filter(|t| (t.span.start as usize) <= byte)
    }

    fn plain_hit(&mut self, index: u32, words: &[Word], hit: &Hit, ner: &[&Mention]) {
        let Some((actor, role, sector)) = self.name_of(hit) else {
            return;
        };
        // An organisation's adjective (`Europese`) names it only before a cue.
        if role == Role::Adjective && actor.kind == ActorKind::Organisation {
            return;
        }
        // `Frans Weekers`, `Armeense Apostolische Kerk`: part of a longer
        // name (when NER found that name, it decides below).
        let hit_span = Span::new(words[hit.first].start, words[hit.last - 1].end);
        if role == Role::Adjective
            && words
                .get(hit.last)
                .is_some_and(|next| next.id.is_none() && starts_upper(next.text))
            && !ner.iter().any(|m| m.span.contains(hit_span))
        {
            return;
        }
        // A first name or adjective inside a longer person name NER found (`Frans Timmermans`).
        if actor.kind != ActorKind::Person
            && ner.iter().any(|m| {
                m.kind == MentionKind::Per && m.span.contains(hit_span) && m.span != hit_span
            })
        {
            return;
        }
        let (kind, rule, confidence) = match (role, actor.kind) {
            (Role::Adjective, _) => (MentionKind::Demonym, "adjective", 0.6),
            (Role::Inhabitants, _) => (MentionKind::Demonym, "inhabitants", 0.85),
            (Role::Capital, _) => (MentionKind::Loc, "capital-metonym", 0.8),
            (Role::Body, _) => (MentionKind::Org, "seat-or-body", 0.9),
            (Role::Name, ActorKind::State) => (MentionKind::Loc, "alias", 0.95),
            (Role::Name, ActorKind::Person) => (MentionKind::Per, "alias", 0.95),
            (Role::Name, _) => (MentionKind::Org, "alias", 0.95),
        };
        let (rule, confidence) = if hit.possessive {
            ("possessive", 0.9)
        } else {
            (rule, confidence)
        };
        let resolved = self.describe(actor, sector);
        let referent = referent_of(actor.kind, role);
        let mut linked = self.build(
            index, words, hit.first, hit.last, kind, resolved, rule, confidence,
        );
        linked.referent = referent;
        // NER's own label wins for names it found with exactly this span
        // (`Moskou` as ORG when it acts), unless it contradicts the registry.
        let compatible = |kind: MentionKind| match actor.kind {
            ActorKind::Person => kind == MentionKind::Per,
            _ => matches!(kind, MentionKind::Loc | MentionKind::Org),
        };
        if matches!(role, Role::Name | Role::Capital | Role::Body)
            && let Some(m) = ner.iter().find(|m| m.span == linked.mention.span)
            && compatible(m.kind)
        {
            linked.mention.kind = m.kind;
        }
        if actor.kind == ActorKind::Person {
            self.remember_person(words, hit.first, hit.last, &linked.mention);
        }
        self.done.push(linked);
    }

    /// Id, name, code, sector and office of an actor as of the document date.
    fn describe(&self, actor: &Actor, entry_sector: Option<&str>) -> Resolved {
        let mut resolved = Resolved {
            id: actor.id.clone(),
            name: actor.name.clone(),
            code: actor.code.clone(),
            sector: entry_sector
                .map(str::to_string)
                .or_else(|| actor.sector.clone()),
            office: None,
        };
        // The most recent office held on the date; a `leader` office only
        // serves `de Armeense leider` and is never the title to show.
        if actor.kind == ActorKind::Person
            && let Some((begin, end)) = &self.date
            && let Some(office) = actor
                .offices
                .iter()
                .filter(|o| o.held_during(begin, end))
                .max_by_key(|o| (o.title != "leader", o.from.clone()))
        {
            resolved.code = Some(office.code.clone());
            resolved.sector = Some(office.sector.clone());
            resolved.office = Some(office.title.clone());
        }
        resolved
    }

    #[allow(clippy::too_many_arguments)]
    fn build(
        &self,
        sentence: u32,
        words: &[Word],
        first: usize,
        last: usize,
        kind: MentionKind,
        resolved: Resolved,
        rule: &str,
        confidence: f32,
    ) -> Linked {
        let span = Span::new(words[first].start, words[last - 1].end);
        let mut mention = self.bare_mention(sentence, span, kind);
        set_actor(&mut mention, &resolved, rule, confidence);
        Linked {
            mention,
            referent: Referent::Collective,
        }
    }

    pub(crate) fn bare_mention(&self, sentence: u32, span: Span, kind: MentionKind) -> Mention {
        let tokens = &self.doc.tokens;
        let token_start = tokens.partition_point(|t| t.span.end <= span.start) as u32;
        let token_end =
            (tokens.partition_point(|t| t.span.start < span.end) as u32).max(token_start);
        Mention {
            span,
            sentence,
            token_start,
            token_end,
            kind,
            actor_id: None,
            name: None,
            code: None,
            sector: None,
            office: None,
            rule: String::new(),
            confidence: 0.0,
        }
    }
}

fn set_actor(mention: &mut Mention, resolved: &Resolved, rule: &str, confidence: f32) {
    mention.actor_id = Some(resolved.id.clone());
    mention.name = Some(resolved.name.clone());
    mention.code = resolved.code.clone();
    mention.sector = resolved.sector.clone();
    mention.office = resolved.office.clone();
    mention.rule = rule.to_string();
    mention.confidence = confidence;
}

fn referent_of(kind: ActorKind, role: Role) -> Referent {
    match (kind, role) {
        (ActorKind::Person, _) => Referent::Person,
        (_, Role::Adjective) => Referent::Other,
        (ActorKind::State, Role::Name | Role::Capital) => Referent::State,
        (ActorKind::Organisation, Role::Name | Role::Body) => Referent::Organisation,
        _ => Referent::Collective,
    }
}

fn words_of(phrase: &str) -> Vec<String> {
    words(phrase)
        .iter()
        .map(|w| fold(&phrase[w.start..w.end]))
        .collect()
}
