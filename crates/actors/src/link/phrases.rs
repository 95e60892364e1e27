//! Phrases: adjective + cue, cue + `van`/`in` + name, and the office
//! holders and named persons they stand for.

use kroniek_model::{Mention, MentionKind};

use super::{Hit, Linker, MAX_MODIFIERS, Referent, Resolved, Word, set_actor};
use crate::normalize::starts_upper;
use crate::registry::{Actor, ActorKind, Role};

impl Linker<'_> {
    pub(super) fn phrases(
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
            // adjective, possessive or compound + cue (`Russische troepen`,
            // `Ruslands leger`, `EU-commissaris`, `VN-gezant`)
            let next = hits.get(h + 1).copied();
            let compound = next.is_some_and(|c| self.hyphen_between(words, hit.last, c.first));
            if let Some((actor, role, _)) = self.name_of(&hit)
                && actor.kind != ActorKind::Person
                && (role == Role::Adjective || hit.possessive || compound && role == Role::Name)
                && let Some(c) = next
                && let Some((sector, title)) = self.cue_of(&c)
                && (compound || self.only_modifiers_between(words, hit.last, c.first))
                // `Europees president` is the EU's, `Europese diplomaten` are not.
                && (actor.kind != ActorKind::Organisation || title.is_some() || compound)
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
                // `de Armeense premier Nikol Pasjinjan`, `zijn Braziliaanse
                // ambtgenoot Lula`: the person named right after the cue.
                let named = hits
                    .get(h + 2)
                    .filter(|next| next.first == c.last)
                    .and_then(|next| self.name_of(next))
                    .map(|(person, ..)| person)
                    .filter(|person| person.kind == ActorKind::Person);
                if let Some(person) = named {
                    let mut described = self.describe(person, None);
                    // shown in the office the cue names when the person held it then
                    if let Some(held) = self.holder(title.as_deref(), actor.code.as_deref())
                        && held.id == person.id
                    {
                        described = held;
                    }
                    if title.is_some() || described.code == actor.code {
                        set_actor(&mut linked.mention, &described, "office-apposition", 0.9);
                        linked.referent = Referent::Person;
                    }
                } else if ner_starts_at(ner, words, c.last, MentionKind::Per) {
                    appositions.push((c.last, self.done.len()));
                } else if let Some(holder) = self.holder(title.as_deref(), actor.code.as_deref()) {
                    set_actor(&mut linked.mention, &holder, "office-holder", 0.8);
                    linked.referent = Referent::Person;
                }
                self.done.push(linked);
                continue;
            }
            // cue + van/in + name: `het leger van Azerbeidzjan`, `het ministerie
            // in Moskou` (a seat of government), `de rebellen in Syrië` (people
            // of a place; `de troepen in Armenië` may well be foreign ones)
            let local_sector = |sector: &str| matches!(sector, "REB" | "PPL" | "OPP");
            if let Some((sector, title)) = self.cue_of(&hit)
                && let Some((n, connector)) = self.name_after_connector(words, hits, h)
                && let Some((actor, role, _)) = self.name_of(&hits[n])
                && actor.kind != ActorKind::Person
                && (connector == "van" && role != Role::Adjective && role != Role::Inhabitants
                    || connector == "in" && role == Role::Capital
                    || connector == "in" && role == Role::Name && local_sector(sector))
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

    pub(super) fn name_after_connector(
        &self,
        words: &[Word],
        hits: &[Hit],
        cue: usize,
    ) -> Option<(usize, &'static str)> {
        let after = hits[cue].last;
        let connector = match words.get(after)?.folded {
            "van" => "van",
            "in" => "in",
            _ => return None,
        };
        let mut next = after + 1;
        if words
            .get(next)
            .is_some_and(|w| matches!(w.folded, "de" | "het" | "der"))
        {
            next += 1;
        }
        let n = cue + 1;
        (hits.get(n)?.first == next).then_some((n, connector))
    }

    /// `EU-commissaris`: word `last - 1` and word `next` joined by a hyphen.
    pub(super) fn hyphen_between(&self, words: &[Word], last: usize, next: usize) -> bool {
        last == next
            && last > 0
            && words
                .get(next)
                .is_some_and(|w| self.doc.text.get(words[last - 1].end..w.start) == Some("-"))
    }

    pub(super) fn only_modifiers_between(&self, words: &[Word], from: usize, to: usize) -> bool {
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
                            word.folded,
                            "de" | "te" | "die" | "deze" | "ze" | "we" | "je" | "me"
                        )
                }
            }
        })
    }

    pub(super) fn upos_at(&self, byte: usize) -> Option<&str> {
        self.token_at(byte)
            .map(|t| t.upos.as_str())
            .filter(|u| !u.is_empty())
    }

    /// The state or organisation part of a phrase: its code with the cue's sector.
    pub(super) fn state_part(&self, actor: &Actor, sector: &str, title: Option<&str>) -> Resolved {
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
    pub(super) fn holder(&self, title: Option<&str>, code: Option<&str>) -> Option<Resolved> {
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
}

pub(super) fn ner_starts_at(
    ner: &[&Mention],
    words: &[Word],
    word: usize,
    kind: MentionKind,
) -> bool {
    words.get(word).is_some_and(|w| {
        ner.iter()
            .any(|m| m.kind == kind && m.span.start as usize == w.start)
    })
}
