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
use crate::normalize::{CaseRule, fold, fold_into, satisfies, starts_upper, words};
use crate::pronoun;
use crate::registry::{Actor, ActorKind, Registry, Role};

/// Longest registry phrase, in words, worth trying.
const MAX_PHRASE_WORDS: usize = 12;
/// Words allowed between an adjective and its cue noun (`Russische militaire vredesmacht`).
const MAX_MODIFIERS: usize = 2;

/// Prefixes that turn a name into a stance rather than an actor (`pro-Russische`).
const STANCE_PREFIXES: &[&str] = &["pro", "anti", "ex", "oud", "post", "niet", "non"];

pub(crate) struct Word<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub folded: String,
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
    /// Groups, organisations and state organs that `ze` can refer to.
    Collective,
    /// Nothing a pronoun refers to (a bare adjective).
    Other,
}

#[derive(Debug, Clone)]
pub(crate) struct Linked {
    pub mention: Mention,
    pub referent: Referent,
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
        let mut buffer = String::new();
        let words: Vec<Word> = words(text)
            .into_iter()
            .map(|w| {
                let word_text = &text[w.start..w.end];
                fold_into(word_text, &mut buffer);
                let id = self.matcher.word(&buffer);
                let poss = possessive_stem(&buffer)
                    .filter(|_| starts_upper(word_text))
                    .and_then(|stem| self.matcher.word(stem));
                Word {
                    start: base + w.start,
                    end: base + w.end,
                    text: word_text,
                    folded: buffer.clone(),
                    id,
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
        self.named_entities(index, &words, ner, &appositions, sentence_start);
        self.misspellings(index, &words);
        self.done[sentence_start..].sort_by_key(|l| l.mention.span.start);
        pronoun::resolve(self, index, &words, sentence_start, previous_start);
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

    fn match_words(&self, words: &[Word], ner: &[&Mention]) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut i = 0;
        while i < words.len() {
            match self.longest_at(words, i, ner) {
                Some(hit) => {
                    i = hit.last;
                    hits.push(hit);
                }
                None => i += 1,
            }
        }
        hits
    }

    fn longest_at(&self, words: &[Word], first: usize, ner: &[&Mention]) -> Option<Hit> {
        if after_stance_prefix(self.doc, words, first) {
            return None;
        }
        let mut node = Matcher::root();
        let mut best = None;
        for j in first..words.len().min(first + MAX_PHRASE_WORDS) {
            if let Some(child) = words[j].poss.and_then(|p| self.matcher.child(node, p))
                && let Some(pattern) = self.choose(child, words, first, true)
            {
                best = Some(Hit {
                    first,
                    last: j + 1,
                    pattern,
                    possessive: true,
                });
            }
            let Some(child) = words[j].id.and_then(|id| self.matcher.child(node, id)) else {
                break;
            };
            node = child;
            if let Some(pattern) = self.choose(node, words, first, false) {
                best = Some(Hit {
                    first,
                    last: j + 1,
                    pattern,
                    possessive: false,
                });
            }
        }
        best.filter(|hit| !self.other_persons_surname(words, hit, ner))
    }

    /// Picks among the patterns ending at `node`: user entries first, names
    /// before cue words, people in office on the document date first.
    fn choose(&self, node: u32, words: &[Word], first: usize, possessive: bool) -> Option<u32> {
        let mut best: Option<(u32, (bool, bool, bool))> = None;
        for &p in self.matcher.patterns_at(node) {
            let pattern = self.matcher.pattern(p);
            if possessive && !pattern.possessive {
                continue;
            }
            let fits = pattern.cases.iter().enumerate().all(|(k, &rule)| {
                words
                    .get(first + k)
                    .is_some_and(|w| satisfies(w.text, rule))
            });
            if !fits
                || pattern.cases.contains(&CaseRule::Upper)
                    && in_capitals_run(words, first, first + pattern.cases.len())
            {
                continue;
            }
            let key = match pattern.target {
                Target::Name(i) => (
                    self.registry.names[i as usize].user,
                    true,
                    self.in_office(self.registry.actor_at(pattern.actor as usize)),
                ),
                Target::Cue(i) => (self.registry.cues[i as usize].user, false, false),
                Target::Ignore => (false, false, false),
            };
            if best.is_none_or(|(_, k)| key > k) {
                best = Some((p, key));
            }
        }
        best.map(|(p, _)| p)
    }

    fn in_office(&self, actor: &Actor) -> bool {
        match (&self.date, actor.kind) {
            (Some((begin, end)), ActorKind::Person) => {
                actor.offices.iter().any(|o| o.held_during(begin, end))
            }
            _ => true,
        }
    }

    /// A one-word surname match is someone else when an unknown capitalised
    /// word follows (`Michel Platini`), or when a capitalised first name
    /// precedes it that the registry does not give this person (`Hunter
    /// Biden`, `Heydar Aliyev`), unless that first name is a spelling variant
    /// (same first three letters: `Sergueï`/`Sergej`).
    fn other_persons_surname(&self, words: &[Word], hit: &Hit, ner: &[&Mention]) -> bool {
        if !matches!(self.matcher.pattern(hit.pattern).target, Target::Name(_)) {
            return false;
        }
        let actor = self
            .registry
            .actor_at(self.matcher.pattern(hit.pattern).actor as usize);
        if actor.kind != ActorKind::Person || hit.last - hit.first != 1 {
            return false;
        }
        if let Some(next) = words.get(hit.last)
            && starts_upper(next.text)
            && next.id.is_none()
            && self.doc.text.get(words[hit.first].end..next.start) == Some(" ")
        {
            return true;
        }
        let Some(previous) = hit.first.checked_sub(1).map(|p| &words[p]) else {
            return false;
        };
        if !starts_upper(previous.text) || self.is_cue_word(previous) {
            return false;
        }
        let in_one_ner_name = ner.iter().any(|m| {
            m.kind == MentionKind::Per
                && m.span.start as usize <= previous.start
                && words[hit.first].end <= m.span.end as usize
        });
        let sentence_initial = hit.first == 1;
        if sentence_initial && !in_one_ner_name {
            return false;
        }
        let known_first_names: Vec<String> = actor
            .aliases
            .iter()
            .filter_map(|a| {
                let parts = words_of(a);
                (parts.len() > 1).then(|| parts[0].clone())
            })
            .collect();
        if known_first_names.is_empty() {
            return false;
        }
        let prefix: String = previous.folded.chars().take(3).collect();
        !known_first_names.iter().any(|f| f.starts_with(&prefix))
    }

    fn is_cue_word(&self, word: &Word) -> bool {
        word.id
            .and_then(|id| self.matcher.child(Matcher::root(), id))
            .is_some_and(|node| {
                self.matcher
                    .patterns_at(node)
                    .iter()
                    .any(|&p| matches!(self.matcher.pattern(p).target, Target::Cue(_)))
            })
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

    fn phrases(
        &mut self,
        index: u32,
        words: &[Word],
        hits: &[Hit],
        used: &mut [bool],
        ner: &[&Mention],
        appositions: &mut Vec<(usize, usize)>,
    ) {
        for h in 0..hits.len() {
            if used[h] {
                continue;
            }
            let hit = hits[h];
            // adjective or possessive + cue
            if let Some((actor, role, _)) = self.name_of(&hit)
                && actor.kind != ActorKind::Person
                && (role == Role::Adjective || hit.possessive)
                && let Some(c) = hits.get(h + 1).copied()
                && let Some((sector, title)) = self.cue_of(&c)
                && self.only_modifiers_between(words, hit.last, c.first)
            {
                let (sector, title) = (sector.to_string(), title.map(str::to_string));
                let resolved = self.state_part(actor, &sector, title.as_deref());
                let mut linked = self.build(
                    index,
                    words,
                    hit.first,
                    c.last,
                    MentionKind::Nominal,
                    resolved,
                    "demonym-cue",
                    0.85,
                );
                used[h] = true;
                used[h + 1] = true;
                if title.is_some() {
                    // `de Armeense premier Nikol Pasjinjan`: the named person.
                    if let Some(next) = hits.get(h + 2)
                        && next.first == c.last
                        && let Some((person, ..)) = self.name_of(next)
                        && person.kind == ActorKind::Person
                    {
                        let mut described = self.describe(person, None);
                        // `de Armeense premier X` shows X in that office when X held it then.
                        if let Some(held) = self.holder(title.as_deref(), actor.code.as_deref())
                            && held.id == person.id
                        {
                            described = held;
                        }
                        set_actor(&mut linked.mention, &described, "office-apposition", 0.9);
                        linked.referent = Referent::Person;
                    } else if ner_starts_at(ner, words, c.last, MentionKind::Per) {
                        appositions.push((c.last, self.done.len()));
                    } else if let Some(holder) =
                        self.holder(title.as_deref(), actor.code.as_deref())
                    {
                        set_actor(&mut linked.mention, &holder, "office-holder", 0.8);
                        linked.referent = Referent::Person;
                    }
                }
                self.done.push(linked);
                continue;
            }
            // cue + van/in + name
            if let Some((sector, title)) = self.cue_of(&hit)
                && let Some((n, connector)) = self.name_after_connector(words, hits, h)
                && let Some((actor, role, _)) = self.name_of(&hits[n])
                && actor.kind != ActorKind::Person
                && (connector == "van" && role != Role::Adjective && role != Role::Inhabitants
                    || connector == "in" && role == Role::Capital)
            {
                let (sector, title) = (sector.to_string(), title.map(str::to_string));
                let resolved = self.state_part(actor, &sector, title.as_deref());
                let mut linked = self.build(
                    index,
                    words,
                    hit.first,
                    hits[n].last,
                    MentionKind::Nominal,
                    resolved,
                    "cue-of-name",
                    0.85,
                );
                // `de voorzitter van de Europese Commissie` is not the EU's president.
                let names_an_organ = role == Role::Body;
                if !names_an_organ
                    && let Some(holder) = self.holder(title.as_deref(), actor.code.as_deref())
                {
                    set_actor(&mut linked.mention, &holder, "office-holder", 0.8);
                    linked.referent = Referent::Person;
                }
                for u in used.iter_mut().take(n + 1).skip(h) {
                    *u = true;
                }
                self.done.push(linked);
            }
        }
    }

    fn name_after_connector(
        &self,
        words: &[Word],
        hits: &[Hit],
        cue: usize,
    ) -> Option<(usize, &'static str)> {
        let after = hits[cue].last;
        let connector = match words.get(after)?.folded.as_str() {
            "van" => "van",
            "in" => "in",
            _ => return None,
        };
        let mut next = after + 1;
        if words
            .get(next)
            .is_some_and(|w| matches!(w.folded.as_str(), "de" | "het" | "der"))
        {
            next += 1;
        }
        let n = cue + 1;
        (hits.get(n)?.first == next).then_some((n, connector))
    }

    fn only_modifiers_between(&self, words: &[Word], from: usize, to: usize) -> bool {
        if to < from || to - from > MAX_MODIFIERS {
            return false;
        }
        (from..to).all(|i| {
            let word = &words[i];
            if starts_upper(word.text) {
                return false;
            }
            match self.upos_at(word.start) {
                Some(upos) => upos == "ADJ",
                None => {
                    word.folded.ends_with('e')
                        && !matches!(
                            word.folded.as_str(),
                            "de" | "te" | "die" | "deze" | "ze" | "we" | "je" | "me"
                        )
                }
            }
        })
    }

    pub(crate) fn token_at(&self, byte: usize) -> Option<&kroniek_model::Token> {
        let tokens = &self.doc.tokens;
        let i = tokens.partition_point(|t| (t.span.end as usize) <= byte);
        tokens.get(i).filter(|t| (t.span.start as usize) <= byte)
    }

    fn upos_at(&self, byte: usize) -> Option<&str> {
        self.token_at(byte)
            .map(|t| t.upos.as_str())
            .filter(|u| !u.is_empty())
    }

    fn plain_hit(&mut self, index: u32, words: &[Word], hit: &Hit, ner: &[&Mention]) {
        let Some((actor, role, sector)) = self.name_of(hit) else {
            return;
        };
        // An organisation's adjective (`Europese`) names it only before a cue.
        if role == Role::Adjective && actor.kind == ActorKind::Organisation {
            return;
        }
        // A first name or adjective inside a longer person name NER found (`Frans Timmermans`).
        let hit_span = Span::new(words[hit.first].start, words[hit.last - 1].end);
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
        // NER's own label wins for names it found with exactly this span.
        if matches!(role, Role::Name | Role::Capital | Role::Body)
            && let Some(m) = ner.iter().find(|m| m.span == linked.mention.span)
        {
            linked.mention.kind = m.kind;
        }
        if actor.kind == ActorKind::Person {
            self.remember_person(words, hit.first, hit.last, &linked.mention);
        }
        self.done.push(linked);
    }

    /// The state or organisation part of a phrase: its code with the cue's sector.
    fn state_part(&self, actor: &Actor, sector: &str, title: Option<&str>) -> Resolved {
        Resolved {
            id: actor.id.clone(),
            name: actor.name.clone(),
            code: actor.code.clone(),
            sector: Some(sector.to_string()),
            office: title.and_then(|t| t.split('|').next()).map(str::to_string),
        }
    }

    /// Who held the office on the document date; `title` may list
    /// alternatives in order (`leader|president|prime minister`).
    fn holder(&self, title: Option<&str>, code: Option<&str>) -> Option<Resolved> {
        let (begin, end) = self.date.as_ref()?;
        let code = code?;
        let (person, office) = title?
            .split('|')
            .find_map(|t| self.registry.office_holder(t.trim(), code, begin, end))?;
        Some(Resolved {
            id: person.id.clone(),
            name: person.name.clone(),
            code: Some(office.code.clone()),
            sector: Some(office.sector.clone()),
            office: Some(office.title.clone()),
        })
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

    fn named_entities(
        &mut self,
        index: u32,
        words: &[Word],
        ner: &[&Mention],
        appositions: &[(usize, usize)],
        sentence_start: usize,
    ) {
        for m in ner {
            let overlapping: Vec<usize> = (sentence_start..self.done.len())
                .filter(|&i| self.done[i].mention.span.overlaps(m.span))
                .collect();
            if !overlapping.is_empty() {
                if !self.national_organisation(m, &overlapping) {
                    self.widen_person(m, &overlapping);
                }
                continue;
            }
            let inside =
                |w: &Word| m.span.start as usize <= w.start && w.end <= m.span.end as usize;
            let (Some(first), Some(last)) = (
                words.iter().position(inside),
                words.iter().rposition(inside),
            ) else {
                continue;
            };
            let last = last + 1;
            let folded: Vec<String> = words[first..last]
                .iter()
                .map(|w| w.folded.clone())
                .collect();
            let mut mention = self.bare_mention(index, m.span, m.kind);
            let mut referent = Referent::Other;
            match m.kind {
                MentionKind::Per => {
                    referent = Referent::Person;
                    if let Some(known) = self.recall_person(&folded) {
                        set_actor(&mut mention, &known, "surname", 0.85);
                    } else {
                        let mut resolved = Resolved {
                            id: format!("per:{}", folded.join(" ")),
                            name: collapse_space(m.span.slice(&self.doc.text)),
                            code: None,
                            sector: None,
                            office: None,
                        };
                        if let Some(&(_, nominal)) = appositions.iter().find(|(w, _)| *w == first)
                            && let Some(n) = self.done.get_mut(nominal)
                        {
                            resolved.code = n.mention.code.clone();
                            resolved.sector = n.mention.sector.clone();
                            resolved.office = n.mention.office.clone();
                            set_actor(&mut n.mention, &resolved, "office-apposition", 0.8);
                            n.referent = Referent::Person;
                        }
                        set_actor(&mut mention, &resolved, "unknown-person", 0.5);
                        self.remember_person(words, first, last, &mention);
                    }
                }
                MentionKind::Org => {
                    let resolved = Resolved {
                        id: format!("org:{}", folded.join(" ")),
                        name: collapse_space(m.span.slice(&self.doc.text)),
                        code: None,
                        sector: None,
                        office: None,
                    };
                    set_actor(&mut mention, &resolved, "unknown-organisation", 0.5);
                    referent = Referent::Collective;
                }
                _ => {
                    if let [single] = folded.as_slice()
                        && let Some(name) = self.matcher.fuzzy(single)
                    {
                        self.link_fuzzy(&mut mention, name);
                        referent = Referent::State;
                    } else {
                        mention.rule = "unlinked".to_string();
                    }
                }
            }
            self.done.push(Linked { mention, referent });
        }
    }

    /// A NER person span around a registry person match (`Vladimir Poetin`
    /// when only `Poetin` is listed) becomes the mention's span.
    fn widen_person(&mut self, m: &Mention, overlapping: &[usize]) {
        if m.kind != MentionKind::Per || overlapping.len() != 1 {
            return;
        }
        let target_span = self.done[overlapping[0]].mention.span;
        if self.done[overlapping[0]].referent != Referent::Person
            || !m.span.contains(target_span)
            || m.span == target_span
        {
            return;
        }
        let widened = self.bare_mention(m.sentence, m.span, MentionKind::Per);
        let linked = &mut self.done[overlapping[0]];
        linked.mention.span = widened.span;
        linked.mention.token_start = widened.token_start;
        linked.mention.token_end = widened.token_end;
    }

    /// A NER organisation around a nationality adjective (`Armeense
    /// Apostolische Kerk`, `Russische Orthodoxe Kerk`) is an organisation of
    /// its own from that country, not the country itself.
    fn national_organisation(&mut self, m: &Mention, overlapping: &[usize]) -> bool {
        let &[only] = overlapping else {
            return false;
        };
        let inner = &self.done[only].mention;
        if m.kind != MentionKind::Org
            || inner.kind != MentionKind::Demonym
            || !m.span.contains(inner.span)
            || m.span == inner.span
        {
            return false;
        }
        let text = m.span.slice(&self.doc.text);
        let resolved = Resolved {
            id: format!("org:{}", words_of(text).join(" ")),
            name: collapse_space(text),
            code: inner.code.clone(),
            sector: None,
            office: None,
        };
        let mut mention = self.bare_mention(inner.sentence, m.span, MentionKind::Org);
        set_actor(&mut mention, &resolved, "national-organisation", 0.6);
        self.done[only] = Linked {
            mention,
            referent: Referent::Collective,
        };
        true
    }

    fn link_fuzzy(&self, mention: &mut Mention, name: u32) {
        let entry = &self.registry.names[name as usize];
        if let Some(i) = self.registry.index_of(&entry.actor) {
            let resolved = self.describe(self.registry.actor_at(i), None);
            set_actor(mention, &resolved, "fuzzy-name", 0.6);
        }
    }

    /// Capitalised words NER did not see that are one edit from a state name (`Kazachtstan`).
    fn misspellings(&mut self, index: u32, words: &[Word]) {
        for word in words {
            if word.id.is_some() || !starts_upper(word.text) {
                continue;
            }
            let span = Span::new(word.start, word.end);
            if self
                .done
                .iter()
                .rev()
                .take_while(|l| l.mention.sentence == index)
                .any(|l| l.mention.span.overlaps(span))
            {
                continue;
            }
            let Some(name) = self.matcher.fuzzy(&word.folded) else {
                continue;
            };
            let mut mention = self.bare_mention(index, span, MentionKind::Loc);
            self.link_fuzzy(&mut mention, name);
            self.done.push(Linked {
                mention,
                referent: Referent::State,
            });
        }
    }

    fn remember_person(&mut self, words: &[Word], first: usize, last: usize, mention: &Mention) {
        if last - first < 2 {
            return;
        }
        let Some(id) = mention.actor_id.clone() else {
            return;
        };
        let full: Vec<String> = words[first..last]
            .iter()
            .map(|w| w.folded.clone())
            .collect();
        let resolved = Resolved {
            id,
            name: mention.name.clone().unwrap_or_default(),
            code: mention.code.clone(),
            sector: mention.sector.clone(),
            office: mention.office.clone(),
        };
        if let Some(surname) = full.last() {
            self.people
                .entry(surname.clone())
                .or_default()
                .push((full, resolved));
        }
    }

    /// An earlier person whose full name ends with these words (`Lvova-Belova` after `Maria Lvova-Belova`).
    fn recall_person(&self, folded: &[String]) -> Option<Resolved> {
        let candidates = self.people.get(folded.last()?)?;
        candidates
            .iter()
            .rev()
            .find(|(full, _)| full.len() > folded.len() && full.ends_with(folded))
            .map(|(_, r)| r.clone())
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
        _ => Referent::Collective,
    }
}

fn ner_starts_at(ner: &[&Mention], words: &[Word], word: usize, kind: MentionKind) -> bool {
    words.get(word).is_some_and(|w| {
        ner.iter()
            .any(|m| m.kind == kind && m.span.start as usize == w.start)
    })
}

/// `ruslands` → `rusland`, `pasjinjans` → `pasjinjan`.
fn possessive_stem(folded: &str) -> Option<&str> {
    if folded.len() < 4 {
        return None;
    }
    folded
        .strip_suffix("'s")
        .or_else(|| folded.strip_suffix('s'))
}

fn after_stance_prefix(doc: &Document, words: &[Word], first: usize) -> bool {
    first > 0
        && doc
            .text
            .get(words[first].start.saturating_sub(1)..words[first].start)
            == Some("-")
        && words[first - 1].end + 1 == words[first].start
        && STANCE_PREFIXES.contains(&words[first - 1].folded.as_str())
}

/// Whether words `first..last` sit in a line of capitals (`HET IS TIJD`),
/// where an acronym cannot be told from an ordinary word.
fn in_capitals_run(words: &[Word], first: usize, last: usize) -> bool {
    let capitals = |w: &Word| {
        w.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !w.text.chars().any(char::is_lowercase)
    };
    let before = first.checked_sub(1).and_then(|i| words.get(i));
    let after = words.get(last);
    (before.is_some() || after.is_some())
        && before.is_none_or(capitals)
        && after.is_none_or(capitals)
}

fn words_of(phrase: &str) -> Vec<String> {
    words(phrase)
        .iter()
        .map(|w| fold(&phrase[w.start..w.end]))
        .collect()
}

fn collapse_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
