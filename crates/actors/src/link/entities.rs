//! Named-entity spans: registry links, surnames, misspellings, and actors
//! of their own for unknown people and organisations.

use kroniek_model::{Mention, MentionKind, Span};

use super::{CueHit, Linked, Linker, Referent, Resolved, Word, set_actor, words_of};
use crate::normalize::starts_upper;

impl Linker<'_> {
    pub(super) fn named_entities(
        &mut self,
        index: u32,
        words: &[Word],
        ner: &[&Mention],
        appositions: &[(usize, usize)],
        sentence_start: usize,
        cues: &[CueHit],
    ) {
        for m in ner {
            // `Buitenlandse Zaken` inside `de ministers van Buitenlandse Zaken` is no actor.
            if cues.iter().any(|c| c.span.contains(m.span)) {
                continue;
            }
            // `de oppositiepartij Verenigde Nationale Beweging`: the cue right before the name.
            let cue_before = cues.iter().find(|c| {
                c.span.end <= m.span.start
                    && self
                        .doc
                        .text
                        .get(c.span.end as usize..m.span.start as usize)
                        .is_some_and(|gap| gap.chars().all(char::is_whitespace))
            });
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
                .map(|w| w.folded.to_string())
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
                        if resolved.sector.is_none()
                            && let Some(cue) = cue_before
                        {
                            resolved.sector = Some(cue.sector.clone());
                            resolved.office = cue.title.clone();
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
                        sector: cue_before.map(|c| c.sector.clone()),
                        office: None,
                    };
                    set_actor(&mut mention, &resolved, "unknown-organisation", 0.5);
                    referent = Referent::Organisation;
                }
                _ => {
                    // a surname NER took for a place (`Kos drong aan ...`)
                    if let [_] = folded.as_slice()
                        && let Some(known) = self.recall_person(&folded)
                    {
                        set_actor(&mut mention, &known, "surname", 0.7);
                        mention.kind = MentionKind::Per;
                        referent = Referent::Person;
                    } else if let [single] = folded.as_slice()
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
    pub(super) fn widen_person(&mut self, m: &Mention, overlapping: &[usize]) {
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
        // only over words that may be names (not the verb in `Wil Poetin ...`)
        let widened = self.bare_mention(m.sentence, m.span, MentionKind::Per);
        let text = &self.doc.text;
        let tokens = self
            .doc
            .tokens
            .get(widened.token_start as usize..widened.token_end as usize)
            .unwrap_or(&[]);
        let all_names = tokens
            .iter()
            .filter(|t| !target_span.contains(t.span))
            .all(|t| {
                (t.upos.is_empty() || t.upos == "PROPN" || t.upos == "X")
                    && t.span
                        .slice(text)
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
            });
        if !all_names {
            return;
        }
        let linked = &mut self.done[overlapping[0]];
        linked.mention.span = widened.span;
        linked.mention.token_start = widened.token_start;
        linked.mention.token_end = widened.token_end;
    }

    /// A NER organisation around a nationality adjective (`Armeense
    /// Apostolische Kerk`, `Russische Orthodoxe Kerk`) is an organisation of
    /// its own from that country, not the country itself.
    pub(super) fn national_organisation(&mut self, m: &Mention, overlapping: &[usize]) -> bool {
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
            referent: Referent::Organisation,
        };
        true
    }

    pub(super) fn link_fuzzy(&self, mention: &mut Mention, name: u32) {
        let entry = &self.registry.names[name as usize];
        if let Some(i) = self.registry.index_of(&entry.actor) {
            let resolved = self.describe(self.registry.actor_at(i), None);
            set_actor(mention, &resolved, "fuzzy-name", 0.6);
        }
    }

    /// Capitalised words NER did not see that are one edit from a state name (`Kazachtstan`).
    pub(super) fn misspellings(&mut self, index: u32, words: &[Word]) {
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
            let Some(name) = self.matcher.fuzzy(word.folded) else {
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

    pub(super) fn remember_person(
        &mut self,
        words: &[Word],
        first: usize,
        last: usize,
        mention: &Mention,
    ) {
        if last - first < 2 {
            return;
        }
        let Some(id) = mention.actor_id.clone() else {
            return;
        };
        let full: Vec<String> = words[first..last]
            .iter()
            .map(|w| w.folded.to_string())
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
    pub(super) fn recall_person(&self, folded: &[String]) -> Option<Resolved> {
        let candidates = self.people.get(folded.last()?)?;
        candidates
            .iter()
            .rev()
            .find(|(full, _)| full.len() > folded.len() && full.ends_with(folded))
            .map(|(_, r)| r.clone())
    }
}

pub(super) fn collapse_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
