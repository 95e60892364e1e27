//! Argument roles: which actors fill the source and target of a trigger.

use crate::lexicon::{Lexicon, Slot, WordClass};
use crate::view::SentenceView;

/// How far below a phrase head actors are searched (`de aanleg van een
/// corridor door het zuiden van X` needs three steps).
const MAX_DEPTH: usize = 4;

/// Dependents that never carry an actor of the phrase.
const NOT_ACTOR_RELS: [&str; 9] = [
    "case", "punct", "cc", "mark", "advmod", "nummod", "aux", "cop", "expl",
];

/// How deeply phrase-actor lookups may nest through event nouns.
const MAX_PHRASE_NESTING: usize = 6;

pub(crate) struct Roles<'v, 'a> {
    pub view: &'v SentenceView<'a>,
    pub lex: &'v Lexicon,
}

impl Roles<'_, '_> {
    /// Mentions that stand for the phrase headed by `head`: its own mention,
    /// else the closest ones among its modifiers; coordinated phrases add theirs.
    pub fn phrase_actors(&self, head: usize) -> Vec<usize> {
        // Event nouns fill their own slots, which may lead back to phrase
        // actors (and, on a cyclic or odd parse, round and round): bound the
        // nesting across those calls, not only within one.
        thread_local!(static NESTING: std::cell::Cell<usize> = const { std::cell::Cell::new(0) });
        let nesting = NESTING.with(|n| n.get());
        if nesting >= MAX_PHRASE_NESTING {
            return Vec::new();
        }
        NESTING.with(|n| n.set(nesting + 1));
        let mut out = Vec::new();
        self.phrase_actors_into(head, &mut out, 0);
        NESTING.with(|n| n.set(nesting));
        out
    }

    fn phrase_actors_into(&self, head: usize, out: &mut Vec<usize>, depth: usize) {
        let v = self.view;
        if depth > 3 {
            return;
        }
        let mut hit_tokens = Vec::new();
        if v.mention_at[head].is_none() && self.is_event_noun(head) {
            // `steun van China` is China's; `de oorlog in X` is not X's.
            if let Some(entry) = self.lex.noun_entries(&v.lemmas[head]).first() {
                let slots: Vec<Slot> = entry
                    .source
                    .iter()
                    .filter(|s| matches!(s, Slot::Pre | Slot::Pp(_)))
                    .cloned()
                    .collect();
                out.extend(self.fill(head, &slots, &[]));
            }
            dedup_keep_order(out);
            return;
        }
        if let Some(m) = v.mention_at[head] {
            out.push(m);
            hit_tokens.push(head);
        } else {
            let mut frontier = vec![head];
            for _ in 0..MAX_DEPTH {
                let mut next = Vec::new();
                let mut best: Vec<(u8, usize, usize)> = Vec::new();
                for &t in &frontier {
                    for &c in &v.children[t] {
                        if v.is_clausal(c)
                            || NOT_ACTOR_RELS.contains(&v.rel(c))
                            || v.rel(c) == "conj"
                            || self.is_event_noun(c)
                        {
                            continue;
                        }
                        match v.mention_at[c] {
                            Some(m) => best.push((self.priority(c), m, c)),
                            None => next.push(c),
                        }
                    }
                }
                if let Some(min) = best.iter().map(|b| b.0).min() {
                    for (_, m, c) in best.into_iter().filter(|b| b.0 == min) {
                        out.push(m);
                        hit_tokens.push(c);
                    }
                    break;
                }
                frontier = next;
                if frontier.is_empty() {
                    break;
                }
            }
        }
        // Coordination: `Frankrijk, Duitsland en Italië`, `de leiders van X en Y`.
        let mut conj_heads: Vec<usize> = v.children[head]
            .iter()
            .copied()
            .filter(|&c| v.rel(c) == "conj" && !v.is_verbal(c))
            .collect();
        for &t in &hit_tokens {
            for tok in self.mention_tokens(t) {
                conj_heads.extend(
                    v.children[tok]
                        .iter()
                        .copied()
                        .filter(|&c| v.rel(c) == "conj" && !v.is_verbal(c)),
                );
            }
        }
        conj_heads.sort_unstable();
        conj_heads.dedup();
        for c in conj_heads {
            self.phrase_actors_into(c, out, depth + 1);
        }
        dedup_keep_order(out);
    }

    fn mention_tokens(&self, t: usize) -> Vec<usize> {
        let v = self.view;
        match v.mention_at[t] {
            Some(m) => (0..v.len())
                .filter(|&i| v.mention_at[i] == Some(m))
                .collect(),
            None => vec![t],
        }
    }

    /// Closer-knit modifiers name the actor before looser ones:
    /// `de Russische vredesmacht in X` is Russian, not X's.
    fn priority(&self, c: usize) -> u8 {
        let v = self.view;
        match v.rel(c) {
            "appos" | "flat" | "compound" | "amod" | "det" => 0,
            "nmod" if v.deprel(c) == "nmod:poss" => 0,
            "nmod" => match v.case_of(c) {
                Some("van" | "uit") | None => 1,
                _ => 2,
            },
            _ => 2,
        }
    }

    /// Event nouns have their own actors: `tegen de oorlog in X` is not against X.
    fn is_event_noun(&self, t: usize) -> bool {
        let v = self.view;
        v.upos(t) == "NOUN" && !self.lex.noun_entries(&v.lemmas[t]).is_empty()
    }

    pub fn is_passive(&self, verb: usize) -> bool {
        let v = self.view;
        v.children[verb]
            .iter()
            .any(|&c| v.deprel(c) == "aux:pass" || v.deprel(c) == "nsubj:pass")
    }

    /// Subject phrase heads of a verb, following control, coordination and
    /// relative clauses when the verb has none of its own.
    pub fn subject_heads(&self, verb: usize) -> Vec<usize> {
        self.subject_heads_at(verb, 0)
    }

    fn subject_heads_at(&self, verb: usize, depth: usize) -> Vec<usize> {
        let v = self.view;
        if depth > 4 {
            return Vec::new();
        }
        let own: Vec<usize> = if self.is_passive(verb) {
            v.children[verb]
                .iter()
                .copied()
                .filter(|&c| {
                    v.deprel(c) == "obl:agent"
                        || (v.rel(c) == "obl" && v.case_of(c) == Some("door"))
                })
                .collect()
        } else {
            v.children[verb]
                .iter()
                .copied()
                .filter(|&c| v.deprel(c) == "nsubj")
                .collect()
        };
        if !own.is_empty() {
            return own
                .into_iter()
                .filter_map(|s| {
                    if v.is_relative(s) {
                        v.antecedent(verb)
                    } else {
                        Some(s)
                    }
                })
                .collect();
        }
        if self.is_passive(verb) {
            return Vec::new();
        }
        // A participle with a `door` phrase and no subject is a passive the
        // parser did not mark (`werd ... door X neergeschoten`).
        if v.feats(verb).contains("VerbForm=Part") {
            let agents: Vec<usize> = v.children[verb]
                .iter()
                .copied()
                .filter(|&c| v.rel(c) == "obl" && v.case_of(c) == Some("door"))
                .collect();
            if !agents.is_empty() {
                return agents;
            }
        }
        let Some(head) = v.heads[verb] else {
            return Vec::new();
        };
        match v.rel(verb) {
            "xcomp" | "ccomp" if v.rel(verb) == "xcomp" || is_infinitive(v, verb) => {
                let objects = self.object_heads(head);
                if !objects.is_empty()
                    && self
                        .lex
                        .has_word(WordClass::ObjectControl, &self.verb_lemma(head))
                {
                    objects
                } else {
                    self.subject_heads_at(head, depth + 1)
                }
            }
            "conj" if v.is_verbal(head) => self.subject_heads_at(head, depth + 1),
            "advcl" if is_infinitive(v, verb) => self.subject_heads_at(head, depth + 1),
            _ => Vec::new(),
        }
    }

    pub fn has_own_subject(&self, verb: usize) -> bool {
        let v = self.view;
        v.children[verb]
            .iter()
            .any(|&c| matches!(v.deprel(c), "nsubj" | "nsubj:pass" | "obl:agent" | "csubj"))
            || matches!(v.rel(verb), "xcomp" | "conj")
            || (matches!(v.rel(verb), "advcl" | "ccomp") && is_infinitive(v, verb))
    }

    pub fn verb_lemma(&self, verb: usize) -> String {
        let v = self.view;
        let t = &v.tokens[verb];
        match &t.full_lemma {
            Some(f) => crate::view::normalise_lemma(f),
            None => {
                let mut lemma = v.lemmas[verb].clone();
                if let Some(p) = v.children[verb]
                    .iter()
                    .find(|&&c| v.deprel(c) == "compound:prt")
                {
                    lemma = format!("{}{}", v.forms[*p], lemma);
                }
                lemma
            }
        }
    }

    /// Direct objects (the subject of a passive); relative pronouns resolve to their noun.
    pub fn object_heads(&self, verb: usize) -> Vec<usize> {
        let v = self.view;
        let passive = self.is_passive(verb);
        let own = self.own_objects(verb, passive);
        // A time phrase taken for the object (`dat X en Y vorig jaar sloten`)
        // leaves the clause without one.
        let no_object = own.iter().all(|&o| v.in_timex(o));
        if no_object
            && !passive
            && matches!(v.rel(verb), "acl" | "ccomp")
            && v.heads[verb].is_some_and(|h| v.upos(h) == "NOUN")
            && v.children[verb].iter().any(|&c| v.deprel(c) == "nsubj")
            && v.children[verb]
                .iter()
                .any(|&c| c < verb && matches!(v.forms[c].as_str(), "dat" | "die" | "wat"))
        {
            // `een bestand dat X en Y sloten`: the clause's object is its noun
            // (the parser may call the clause a complement of the noun).
            return v.heads[verb].into_iter().collect();
        }
        own
    }

    fn own_objects(&self, verb: usize, passive: bool) -> Vec<usize> {
        let v = self.view;
        v.children[verb]
            .iter()
            .copied()
            .filter(|&c| v.deprel(c) == "obj" || (passive && v.deprel(c) == "nsubj:pass"))
            .filter_map(|c| {
                if v.is_relative(c) {
                    v.antecedent(verb)
                } else {
                    Some(c)
                }
            })
            .collect()
    }

    /// Phrases introduced by `prep` that belong to the trigger: its own
    /// dependents first, then those of its objects, then any in its clause.
    pub fn pp_heads(&self, trigger: usize, prep: &str) -> Vec<usize> {
        let v = self.view;
        let with_case = |t: &usize| v.case_of(*t) == Some(prep);
        let mut out: Vec<usize> = v.children[trigger]
            .iter()
            .copied()
            .filter(with_case)
            .collect();
        for o in self.object_heads(trigger) {
            out.extend(v.children[o].iter().copied().filter(with_case));
        }
        // A predicative complement's phrase (`reageerde woedend op X`).
        for c in v.children[trigger].iter().copied() {
            if v.rel(c) == "xcomp" && !self.is_infinitive_clause(c) {
                out.extend(v.children[c].iter().copied().filter(with_case));
            }
        }
        if out.is_empty() {
            let clause = v.clause(trigger);
            let mut excluded: Vec<usize> = Vec::new();
            for s in self.subject_heads(trigger) {
                excluded.extend(v.subtree(s));
            }
            for &t in &clause {
                if v.case_of(t) == Some("volgens") {
                    excluded.extend(v.subtree(t));
                }
            }
            out.extend(
                clause
                    .iter()
                    .copied()
                    .filter(|t| with_case(t) && !excluded.contains(t)),
            );
        }
        if out.is_empty() {
            out.extend(self.linear_pp(trigger, prep));
        }
        out
    }

    /// The parse lost the phrase: the first `prep` after the trigger in the
    /// same stretch of words (up to a comma or another verb) and its noun.
    pub fn linear_pp(&self, trigger: usize, prep: &str) -> Vec<usize> {
        let v = self.view;
        let noun = !v.is_verbal(trigger);
        let mut i = trigger + 1;
        while i < v.len() {
            // A noun's phrase ends at any verb, auxiliaries too: `de aanval
            // van X werd door Y veroordeeld` (Y condemned, it did not attack).
            if is_phrase_boundary(v, i) || (noun && v.is_verbal(i)) {
                break;
            }
            // A verb's particle (`sprak zijn steun uit voor X`) heads no
            // phrase, nor does a preposition right before another.
            let particle =
                v.deprel(i) == "compound:prt" || (i + 1 < v.len() && v.upos(i + 1) == "ADP");
            if v.forms[i] == prep && v.upos(i) == "ADP" && !particle {
                let noun = (i + 1..v.len().min(i + 6))
                    .take_while(|&j| !is_phrase_boundary(v, j))
                    .find(|&j| matches!(v.upos(j), "NOUN" | "PROPN") || v.mention_at[j].is_some());
                return noun.into_iter().collect();
            }
            i += 1;
        }
        Vec::new()
    }

    /// Actors written before a noun: `Ruslands invasie`, `de Azerbeidzjaanse blokkade`.
    pub fn pre_actors(&self, noun: usize) -> Vec<usize> {
        let v = self.view;
        let mut out = Vec::new();
        for &c in &v.children[noun] {
            if c < noun
                && let Some(m) = v.mention_at[c]
            {
                out.push(m);
            }
        }
        // The parser may hang a prenominal adjective elsewhere; the words
        // between the determiner and the noun still belong to it.
        let mut i = noun;
        while i > 0 && noun - i < 4 {
            i -= 1;
            let stop = matches!(
                v.upos(i),
                "ADP" | "VERB" | "AUX" | "PUNCT" | "CCONJ" | "SCONJ" | "ADV"
            ) || (v.upos(i) == "PRON" && v.mention_at[i].is_none());
            if stop {
                break;
            }
            if let Some(m) = v.mention_at[i] {
                out.push(m);
            }
            // The determiner opens the noun's phrase: what comes before it
            // is another phrase (`veroordeelde de EU de Iraanse aanval`).
            if v.upos(i) == "DET" {
                break;
            }
        }
        dedup_keep_order(&mut out);
        out
    }

    /// The verb whose subject lends itself to a noun: the noun is its object
    /// or sits in one of its prepositional phrases.
    pub fn host_verb(&self, noun: usize) -> Option<usize> {
        let v = self.view;
        let mut cur = noun;
        for _ in 0..3 {
            let head = v.heads[cur]?;
            let rel = v.rel(cur);
            if v.is_verbal(head) {
                return matches!(rel, "obj" | "obl" | "iobj").then_some(head);
            }
            if !matches!(rel, "nmod" | "conj" | "appos") {
                return None;
            }
            cur = head;
        }
        None
    }

    /// A place the event happens: `in X`, or the noun a `waar` clause modifies.
    pub fn loc_actors(&self, trigger: usize) -> Vec<usize> {
        let v = self.view;
        let mut out = Vec::new();
        let mut anchor = trigger;
        if !v.is_verbal(trigger)
            && let Some(h) = self.host_verb(trigger).or(v.heads[trigger])
        {
            for &c in &v.children[trigger] {
                if v.case_of(c) == Some("in") {
                    out.extend(self.place_mentions(c));
                }
            }
            anchor = h;
        }
        for &c in &v.children[anchor] {
            if v.rel(c) == "obl" && v.case_of(c) == Some("in") {
                out.extend(self.place_mentions(c));
            }
        }
        let relative_where = v.children[anchor].iter().any(|&c| v.forms[c] == "waar");
        if relative_where && let Some(a) = v.antecedent(anchor) {
            out.extend(self.place_mentions(a));
        }
        if out.is_empty() && v.is_verbal(anchor) {
            out = self.linear_where(anchor);
        }
        dedup_keep_order(&mut out);
        out
    }

    fn place_mentions(&self, head: usize) -> Vec<usize> {
        self.phrase_actors(head)
    }

    /// Actors for a list of alternative slots; the first slot that yields any wins.
    pub fn fill(&self, trigger: usize, slots: &[Slot], attribution: &[usize]) -> Vec<usize> {
        slots
            .iter()
            .map(|slot| self.fill_one(trigger, slot, attribution))
            .find(|found| !found.is_empty())
            .unwrap_or_default()
    }

    fn fill_one(&self, trigger: usize, slot: &Slot, attribution: &[usize]) -> Vec<usize> {
        let v = self.view;
        let heads_actors = |heads: Vec<usize>| -> Vec<usize> {
            let mut out: Vec<usize> = heads
                .into_iter()
                .flat_map(|h| self.phrase_actors(h))
                .collect();
            dedup_keep_order(&mut out);
            out
        };
        let verbal = v.is_verbal(trigger);
        match slot {
            Slot::Subj if verbal => heads_actors(self.subject_heads(trigger)),
            Slot::Subj => Vec::new(),
            Slot::Obj if verbal => {
                // `beschuldigde X ervan drones ... in te zetten`: a named
                // object outranks one whose actor is only a modifier.
                let objects = self.object_heads(trigger);
                let named: Vec<usize> = objects
                    .iter()
                    .copied()
                    .filter(|&o| v.mention_at[o].is_some())
                    .collect();
                let found = heads_actors(if named.is_empty() {
                    objects.clone()
                } else {
                    named
                });
                if found.is_empty() {
                    // An event noun's actors are its own slots: in `veroordeelde
                    // de aanval op X`, X was attacked, not condemned.
                    objects
                        .iter()
                        .filter(|&&o| !self.is_event_noun(o))
                        .flat_map(|&o| self.linear_np_actors(o))
                        .collect()
                } else {
                    found
                }
            }
            Slot::Obj => Vec::new(),
            Slot::Iobj => {
                let iobj: Vec<usize> = v.children[trigger]
                    .iter()
                    .copied()
                    .filter(|&c| v.deprel(c) == "iobj")
                    .collect();
                if !iobj.is_empty() {
                    return heads_actors(iobj);
                }
                // `gaf Turkije een veeg`: the parser may call both nouns objects.
                let objects = self.object_heads(trigger);
                if objects.len() > 1 {
                    heads_actors(
                        objects
                            .into_iter()
                            .filter(|&o| v.mention_at[o].is_some())
                            .collect(),
                    )
                } else {
                    Vec::new()
                }
            }
            Slot::Pp(prep) => {
                let mut out = Vec::new();
                let heads = self.pp_heads(trigger, prep);
                for &h in &heads {
                    out.extend(self.phrase_actors(h));
                }
                if out.is_empty() && !verbal {
                    // `bezwaren van de bondgenoot van het land, X,`: the
                    // parser may hang the appositive name elsewhere.
                    for &h in &heads {
                        out.extend(self.appositive_actors(h));
                    }
                }
                if out.is_empty()
                    && !verbal
                    && let Some(host) = self.host_verb(trigger)
                {
                    for h in v.children[host]
                        .iter()
                        .copied()
                        .filter(|&c| v.rel(c) == "obl" && v.case_of(c) == Some(prep.as_str()))
                    {
                        out.extend(self.phrase_actors(h));
                    }
                }
                dedup_keep_order(&mut out);
                out
            }
            Slot::Pre if !verbal => self.pre_actors(trigger),
            Slot::Pre => Vec::new(),
            Slot::Attr => attribution.to_vec(),
            // Only a noun directly in the verb's object or phrase
            // (`na een gesprek met X`), not one buried deeper.
            Slot::Host if !verbal => match v.heads[trigger] {
                Some(h) if v.is_verbal(h) && matches!(v.rel(trigger), "obj" | "obl") => {
                    let subjects = heads_actors(self.subject_heads(h));
                    if subjects.is_empty() && !self.has_own_subject(h) {
                        self.linear_subject(h, &[])
                    } else {
                        subjects
                    }
                }
                _ => Vec::new(),
            },
            Slot::Host => Vec::new(),
            Slot::Light if !verbal => match self.host_verb(trigger) {
                Some(h)
                    if v.rel(trigger) == "obj"
                        && self.lex.has_word(WordClass::Light, &self.verb_lemma(h)) =>
                {
                    heads_actors(self.subject_heads(h))
                }
                _ => Vec::new(),
            },
            Slot::Light => Vec::new(),
            Slot::Loc => self.loc_actors(trigger),
            Slot::Recip => Vec::new(),
        }
    }

    /// When the subject is an office or body with no country of its own
    /// (`regeringsvertegenwoordigers`, `de minister`), the place it speaks
    /// from names it: `in Bakoe`, `waar ...`, `uit X` in the governing clause.
    pub fn official_subject_fallback(&self, verb: usize) -> Vec<usize> {
        let v = self.view;
        let heads = self.subject_heads(verb);
        let official = heads.iter().any(|&h| {
            v.mention_at[h].is_none()
                && self.is_official(&v.lemmas[h])
                && self.phrase_actors(h).is_empty()
        });
        if !official {
            return Vec::new();
        }
        let loc = self.loc_actors(verb);
        if !loc.is_empty() {
            return loc;
        }
        let mut child = verb;
        for anc in v.ancestors(verb).collect::<Vec<_>>() {
            if !v.is_clausal(child) && v.rel(child) != "conj" {
                break;
            }
            for &c in &v.children[anc] {
                if v.rel(c) == "obl" && matches!(v.case_of(c), Some("uit" | "in")) {
                    let found = self.phrase_actors(c);
                    if !found.is_empty() {
                        return found;
                    }
                }
            }
            child = anc;
        }
        Vec::new()
    }

    fn is_official(&self, lemma: &str) -> bool {
        if self.lex.has_word(WordClass::Official, lemma) {
            return true;
        }
        // Compounds end in the office: `regeringsvertegenwoordiger`, `defensieminister`.
        lemma.char_indices().skip(3).any(|(i, _)| {
            lemma.len() - i >= 4 && self.lex.has_word(WordClass::Official, &lemma[i..])
        })
    }

    /// Last resort when the parse gives the verb no subject at all: the
    /// closest actor before the verb in its stretch of words, or right after
    /// it (Dutch inversion), that is not inside a prepositional phrase.
    pub fn linear_subject(&self, verb: usize, exclude: &[usize]) -> Vec<usize> {
        let v = self.view;
        let mut candidates: Vec<usize> = Vec::new();
        let mut i = verb;
        while i > 0 {
            i -= 1;
            if v.mention_at[i].is_none() && self.is_official(&plural_stem(&v.forms[i])) {
                // `waar regeringsvertegenwoordigers ... wegzetten`, mis-tagged:
                // the office speaks for the place.
                if candidates
                    .iter()
                    .all(|&c| v.mention_at[c].is_none() || self.linear_in_pp(c))
                {
                    return self.linear_where(verb);
                }
            }
            if is_boundary(v, i) || matches!(v.forms[i].as_str(), "waar" | "die") {
                break;
            }
            candidates.push(i);
        }
        candidates.extend((verb + 1..v.len().min(verb + 4)).take_while(|&j| !is_boundary(v, j)));
        candidates
            .into_iter()
            .filter_map(|t| v.mention_at[t].map(|m| (t, m)))
            .find(|&(t, m)| !exclude.contains(&m) && !self.linear_in_pp(t))
            .map(|(_, m)| vec![m])
            .unwrap_or_default()
    }

    fn linear_in_pp(&self, t: usize) -> bool {
        let v = self.view;
        let mut i = t;
        while i > 0 {
            i -= 1;
            // Walk back over the phrase and its coordinated names
            // (`tussen X en Y`) to the word that opens it.
            match v.upos(i) {
                "DET" | "ADJ" | "NUM" | "CCONJ" => continue,
                "PRON" | "PROPN" | "NOUN" if v.mention_at[i].is_some() => continue,
                "PUNCT" if v.forms[i] == "," => continue,
                "ADP" => return true,
                _ => return false,
            }
        }
        false
    }

    /// `de ministers van de strijdende partijen, X en Y, ...`: actors set off
    /// by commas right after a phrase that has none of its own.
    pub fn appositive_actors(&self, head: usize) -> Vec<usize> {
        let v = self.view;
        let mut out = Vec::new();
        let mut commas = 0;
        for i in head + 1..v.len() {
            let ok = match v.upos(i) {
                "DET" | "ADJ" | "NOUN" | "PROPN" | "NUM" | "CCONJ" => true,
                "ADP" => v.forms[i] == "van",
                "VERB" => v.rel(i) == "amod",
                "PUNCT" => v.forms[i] == ",",
                _ => false,
            };
            if !ok {
                break;
            }
            if v.forms[i] == "," {
                commas += 1;
                if commas == 2 {
                    break;
                }
            }
            if commas == 1
                && let Some(m) = v.mention_at[i]
            {
                out.push(m);
            }
        }
        dedup_keep_order(&mut out);
        if commas == 0 { Vec::new() } else { out }
    }

    /// Actors in the words of a noun phrase when its tree lost them
    /// (`de aanleg van een corridor dwars door het zuiden van X om ...`).
    pub fn linear_np_actors(&self, head: usize) -> Vec<usize> {
        let v = self.view;
        (head + 1..v.len())
            .take_while(|&i| {
                !is_phrase_boundary(v, i)
                    && matches!(
                        v.upos(i),
                        "DET" | "ADJ" | "NOUN" | "PROPN" | "NUM" | "ADP" | "CCONJ"
                    )
            })
            .find_map(|i| v.mention_at[i])
            .into_iter()
            .collect()
    }

    /// `waar X ...` after a place: that place (the tree may have lost it).
    pub fn linear_where(&self, verb: usize) -> Vec<usize> {
        let v = self.view;
        let mut i = verb;
        while i > 0 {
            i -= 1;
            if v.forms[i] == "waar" {
                // The place before `waar`, possibly followed by another phrase
                // (`schoot in Bakoe in het verkeerde keelgat, waar ...`).
                return (i.saturating_sub(8)..i)
                    .rev()
                    .take_while(|&j| !v.is_verbal(j))
                    .find_map(|j| v.mention_at[j])
                    .into_iter()
                    .collect();
            }
            if matches!(v.forms[i].as_str(), "," | ";" | ":") || v.upos(i) == "SCONJ" {
                break;
            }
        }
        Vec::new()
    }
}

impl Roles<'_, '_> {
    pub fn is_infinitive_clause(&self, verb: usize) -> bool {
        is_infinitive(self.view, verb)
    }
}

/// Where a stretch of words about one predicate ends.
pub(crate) fn is_boundary(v: &SentenceView, i: usize) -> bool {
    matches!(v.forms[i].as_str(), "," | ";" | ":" | "-" | "–" | "(" | ")")
        || v.upos(i) == "SCONJ"
        || (v.is_verbal(i)
            && v.feats(i).contains("VerbForm=Fin")
            && !matches!(v.rel(i), "aux" | "cop"))
}

/// A tighter limit for phrases that belong to the trigger: any other verb
/// or clause opener (`om`, `te`) ends them.
pub(crate) fn is_phrase_boundary(v: &SentenceView, i: usize) -> bool {
    is_boundary(v, i)
        || (v.is_verbal(i) && !matches!(v.rel(i), "aux" | "cop"))
        || v.rel(i) == "mark"
        || matches!(v.forms[i].as_str(), "om" | "te" | "dat")
}

fn is_infinitive(v: &SentenceView, verb: usize) -> bool {
    v.feats(verb).contains("VerbForm=Inf")
        || v.children[verb]
            .iter()
            .any(|&c| v.rel(c) == "mark" && matches!(v.lemmas[c].as_str(), "te" | "om" | "door"))
}

/// `vertegenwoordigers` → `vertegenwoordiger`, for office lists in the singular.
fn plural_stem(form: &str) -> String {
    form.strip_suffix('s')
        .or_else(|| form.strip_suffix("en"))
        .unwrap_or(form)
        .to_string()
}

pub(crate) fn dedup_keep_order(v: &mut Vec<usize>) {
    let mut seen = std::collections::HashSet::new();
    v.retain(|x| seen.insert(*x));
}
