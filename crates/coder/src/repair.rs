//! Repairs of frequent statistical-parser mistakes, so that the role rules
//! see the tree a careful annotator would have drawn. Each repair is local
//! and only fires on a configuration UD Dutch does not allow.

/// A mutable copy of the sentence's tree: 0-based heads and relations.
pub(crate) struct Tree<'t> {
    pub heads: Vec<Option<usize>>,
    pub deprels: Vec<kroniek_model::CompactString>,
    pub upos: Vec<kroniek_model::CompactString>,
    pub forms: &'t [String],
    pub lemmas: &'t [String],
    pub feats: Vec<&'t str>,
    /// Mention index per token (coded mentions only).
    pub mentions: &'t [Option<usize>],
    /// Whether each token lies in a time expression (`vorige week`).
    pub in_time: &'t [bool],
    /// Each token's coded mention, for how it was linked and to whom.
    pub mention_of: Vec<Option<&'t kroniek_model::Mention>>,
}

impl Tree<'_> {
    fn rel(&self, i: usize) -> &str {
        let d = &self.deprels[i];
        d.split(':').next().unwrap_or(d)
    }

    fn children(&self, h: usize) -> Vec<usize> {
        (0..self.heads.len())
            .filter(|&c| self.heads[c] == Some(h))
            .collect()
    }

    fn is_verbal(&self, i: usize) -> bool {
        matches!(self.upos[i].as_str(), "VERB" | "AUX")
    }

    /// Whether token `i` carries the UD feature `feat` (`Number=Plur`).
    fn has_feat(&self, i: usize, feat: &str) -> bool {
        self.feats[i].split('|').any(|x| x == feat)
    }

    fn is_nominal(&self, i: usize) -> bool {
        matches!(self.upos[i].as_str(), "NOUN" | "PROPN" | "PRON" | "X")
    }

    /// Any head chain that loops back on itself is cut, so that every walk
    /// up or down the tree ends.
    fn break_cycles(&mut self) {
        let n = self.heads.len();
        for i in 0..n {
            if self.heads[i] == Some(i) {
                self.heads[i] = None;
            }
            let mut cur = self.heads[i];
            let mut steps = 0;
            while let Some(h) = cur {
                steps += 1;
                if h == i || steps > n {
                    self.heads[i] = None;
                    break;
                }
                cur = self.heads[h];
            }
        }
    }

    pub fn repair(&mut self) {
        self.break_cycles();
        self.repair_steps();
        self.break_cycles();
    }

    fn repair_steps(&mut self) {
        self.adjective_heading_its_phrase_is_a_noun();
        self.het_determines_no_plural();
        self.adverbs_are_no_arguments();
        self.noun_with_auxiliary_is_a_verb();
        self.coordinated_name_on_verb();
        self.perfect_auxiliary_as_head();
        self.lift_from_function_words();
        self.drop_arguments_before_mark();
        // Before the one-subject rule, which then makes a second one the object.
        self.passive_needs_a_passive_auxiliary();
        self.subject_agrees_with_the_verb();
        self.relative_pronoun_agrees_with_the_verb();
        self.second_subject_is_object();
        self.bare_oblique_is_object();
        self.named_one_is_the_object();
        self.shared_subject_after_conjunction();
        self.infinitive_has_no_subject();
        self.objects_belong_to_infinitive();
        self.split_glued_names();
        self.name_after_demonym_subject_is_object();
        self.subject_before_object_in_subordinate_clauses();
        self.preposition_before_infinitive_is_a_mark();
    }

    /// `dat het Oekraïense burgers had gedeporteerd`: `het` never
    /// determines a plural noun, so a `het` hung on a plural subject is the
    /// subject pronoun itself, and the plural noun the object.
    fn het_determines_no_plural(&mut self) {
        for d in 0..self.heads.len() {
            let Some(n) = self.heads[d] else { continue };
            if self.forms[d] != "het"
                || self.rel(d) != "det"
                || self.rel(n) != "nsubj"
                || !self.has_feat(n, "Number=Plur")
            {
                continue;
            }
            let Some(verb) = self.heads[n] else { continue };
            self.heads[d] = Some(verb);
            self.deprels[d] = "nsubj".into();
            self.upos[d] = "PRON".into();
            self.deprels[n] = "obj".into();
        }
    }

    /// `begon een offensief`: a word tagged as an adjective after a
    /// determiner (and perhaps other adjectives), with no noun after it,
    /// heads its phrase: it is a noun, and the object of a verb it was hung
    /// on as a modifier.
    fn adjective_heading_its_phrase_is_a_noun(&mut self) {
        for i in 1..self.heads.len() {
            let nominal_next = self
                .upos
                .get(i + 1)
                .is_some_and(|u| matches!(u.as_str(), "NOUN" | "PROPN" | "ADJ" | "NUM" | "X"));
            // The determiner may come before other adjectives (`het
            // Israëlische offensief`).
            let mut first = i;
            while first > 0 && first + 3 > i && self.upos[first - 1] == "ADJ" {
                first -= 1;
            }
            if self.upos[i] != "ADJ"
                || first == 0
                || self.upos[first - 1] != "DET"
                || nominal_next
                || self.mentions[i].is_some()
            {
                continue;
            }
            self.upos[i] = "NOUN".into();
            let Some(h) = self.heads[i] else { continue };
            let has_object = self.children(h).iter().any(|&k| self.rel(k) == "obj");
            if self.is_verbal(h)
                && matches!(self.rel(i), "advmod" | "amod" | "xcomp")
                && !has_object
            {
                self.deprels[i] = "obj".into();
            }
        }
    }

    /// `bereikten X en Y een akkoord` with `Y` hung on the verb: a name
    /// coordinated right after the subject or object belongs to it.
    fn coordinated_name_on_verb(&mut self) {
        for c in 1..self.heads.len() {
            let Some(verb) = self.heads[c] else { continue };
            if self.rel(c) != "conj" || !self.is_verbal(verb) || !self.is_nominal(c) {
                continue;
            }
            if self.upos[c - 1] != "CCONJ" || c < 2 {
                continue;
            }
            let partner = c - 2;
            if self.heads[partner] == Some(verb)
                && matches!(self.rel(partner), "nsubj" | "obj")
                && self.is_nominal(partner)
            {
                self.heads[c] = Some(partner);
                self.heads[c - 1] = Some(c);
            }
        }
    }

    /// `zullen X blijven steunen`: the object hung on a raising verb
    /// belongs to its infinitive.
    fn objects_belong_to_infinitive(&mut self) {
        for v in 0..self.heads.len() {
            if !matches!(
                self.lemmas[v].as_str(),
                "blijven"
                    | "willen"
                    | "kunnen"
                    | "moeten"
                    | "gaan"
                    | "mogen"
                    | "zullen"
                    | "proberen"
            ) {
                continue;
            }
            let kids = self.children(v);
            let Some(inf) = kids
                .iter()
                .copied()
                .find(|&c| self.rel(c) == "xcomp" && self.is_verbal(c))
            else {
                continue;
            };
            if self.children(inf).iter().any(|&c| self.deprels[c] == "obj") {
                continue;
            }
            for c in kids {
                if self.deprels[c] == "obj" {
                    self.heads[c] = Some(inf);
                }
            }
        }
    }

    /// `dat X Y niet zal aanvallen` with `aanvallen` tagged as a plural noun:
    /// a word with an auxiliary of its own is a verb.
    fn noun_with_auxiliary_is_a_verb(&mut self) {
        for t in 0..self.heads.len() {
            if !matches!(self.upos[t].as_str(), "NOUN" | "ADJ") {
                continue;
            }
            // `De regering eiste van X de uitlevering`: a "noun" with both a
            // subject and an object is the verb.
            let kids = self.children(t);
            let clause_like = kids.iter().any(|&c| self.deprels[c] == "nsubj")
                && kids.iter().any(|&c| self.deprels[c] == "obj");
            if clause_like && self.upos[t] == "NOUN" {
                self.upos[t] = "VERB".into();
                continue;
            }
            if !self.forms[t].ends_with("en") {
                continue;
            }
            let has_aux = self.children(t).iter().any(|&c| {
                self.rel(c) == "aux"
                    && matches!(
                        self.lemmas[c].as_str(),
                        "zullen"
                            | "hebben"
                            | "zijn"
                            | "worden"
                            | "kunnen"
                            | "moeten"
                            | "willen"
                            | "mogen"
                    )
            });
            if has_aux {
                self.upos[t] = "VERB".into();
            }
        }
    }

    /// `X heeft Y ... bestookt` parsed with `heeft` as the verb: the
    /// participle is the verb and `heeft` its auxiliary.
    fn perfect_auxiliary_as_head(&mut self) {
        for h in 0..self.heads.len() {
            if !matches!(self.lemmas[h].as_str(), "hebben" | "zijn" | "worden") {
                continue;
            }
            // The tagger may call an unknown participle a past form
            // (`geboycot`); its `ge` still shows it.
            let participle = self.children(h).into_iter().find(|&c| {
                let looks_like_one = self.feats[c].contains("VerbForm=Part")
                    || (self.forms[c].starts_with("ge") && self.forms[c].chars().count() > 5);
                c > h
                    && self.upos[c] == "VERB"
                    && looks_like_one
                    && matches!(self.rel(c), "xcomp" | "advcl" | "ccomp" | "conj" | "obj")
            });
            let Some(p) = participle else { continue };
            self.heads[p] = self.heads[h];
            self.deprels[p] = std::mem::take(&mut self.deprels[h]);
            self.deprels[h] = if self.lemmas[h] == "worden" {
                "aux:pass".into()
            } else {
                "aux".into()
            };
            self.heads[h] = Some(p);
            for c in self.children(h) {
                if c != p {
                    self.heads[c] = Some(p);
                }
            }
        }
    }

    /// Auxiliaries and copulas take no dependents: `niet` or the subject
    /// hung on `heeft` belongs to the verb.
    fn lift_from_function_words(&mut self) {
        for i in 0..self.heads.len() {
            let mut steps = 0;
            while let Some(h) = self.heads[i] {
                if !matches!(self.rel(h), "aux" | "cop") || steps > 3 || self.rel(i) == "punct" {
                    break;
                }
                self.heads[i] = self.heads[h];
                steps += 1;
            }
        }
    }

    /// Words before a verb's subordinating conjunction are not its arguments
    /// (`X zijn furieus dat Y ... heeft ingezet`).
    fn drop_arguments_before_mark(&mut self) {
        for v in 0..self.heads.len() {
            if !self.is_verbal(v) {
                continue;
            }
            let Some(mark) = self
                .children(v)
                .into_iter()
                .find(|&c| self.rel(c) == "mark" && self.upos[c] == "SCONJ" && c < v)
            else {
                continue;
            };
            for c in self.children(v) {
                if c < mark && matches!(self.rel(c), "nsubj" | "obj") {
                    self.heads[c] = self.heads[v];
                    self.deprels[c] = "dep".into();
                }
            }
        }
    }

    /// A verb has one subject; a second nominal `nsubj` is its object. A
    /// predicate with its own copula (`X zijn furieus`) is a clause, not a subject.
    fn second_subject_is_object(&mut self) {
        for s in 0..self.heads.len() {
            if self.deprels[s] == "nsubj"
                && self.children(s).iter().any(|&c| self.rel(c) == "cop")
                && self.heads[s].is_some_and(|h| self.is_verbal(h))
            {
                self.deprels[s] = "dep".into();
            }
        }
        for v in 0..self.heads.len() {
            let mut subjects: Vec<usize> = self
                .children(v)
                .into_iter()
                .filter(|&c| self.deprels[c] == "nsubj")
                .collect();
            if subjects.len() > 1 {
                // `Vorige week heeft X ...`: a fronted time phrase is no subject.
                for &s in &subjects {
                    if self.in_time.get(s).copied().unwrap_or(false) {
                        self.deprels[s] = "obl".into();
                    }
                }
                subjects.retain(|&s| self.deprels[s] == "nsubj");
            }
            for &s in subjects.iter().skip(1) {
                if self.is_nominal(s) {
                    self.deprels[s] = "obj".into();
                }
            }
            // `[Eind vorig jaar] legde [de EU] [nieuwe sancties] op`: a time
            // phrase before the verb taken as its only subject, with two
            // objects after it; the first of them is the subject.
            if let [s] = subjects.as_slice()
                && *s < v
                && self.in_time.get(*s).copied().unwrap_or(false)
            {
                let objects: Vec<usize> = self
                    .children(v)
                    .into_iter()
                    .filter(|&c| c > v && self.deprels[c] == "obj" && self.is_nominal(c))
                    .collect();
                if objects.len() >= 2 {
                    self.deprels[*s] = "obl".into();
                    self.deprels[objects[0]] = "nsubj".into();
                }
            }
        }
    }

    /// `... en hield Rusland verantwoordelijk`: a conjoined verb right after
    /// `en` has no first position of its own, so it shares the subject and
    /// the noun after it is its object.
    fn shared_subject_after_conjunction(&mut self) {
        for v in 1..self.heads.len() {
            if !self.is_verbal(v) || self.rel(v) != "conj" || self.upos[v - 1] != "CCONJ" {
                continue;
            }
            // Three noun phrases after the verb (`en verklaarde X Y de
            // oorlog`): no verb takes three objects, the first is its subject.
            let core_after = self
                .children(v)
                .iter()
                .filter(|&&c| {
                    c > v && self.is_nominal(c) && matches!(self.rel(c), "nsubj" | "obj" | "iobj")
                })
                .count();
            if core_after >= 3 {
                continue;
            }
            for c in self.children(v) {
                if self.deprels[c] == "nsubj" && c > v {
                    self.deprels[c] = "obj".into();
                }
            }
        }
    }

    /// `Wil X nu Y bezoeken`: an infinitive under a verb with a subject has
    /// none of its own; a noun labelled so is its object.
    fn infinitive_has_no_subject(&mut self) {
        for v in 0..self.heads.len() {
            let Some(h) = self.heads[v] else { continue };
            if self.rel(v) != "xcomp" || !self.is_verbal(v) {
                continue;
            }
            let head_has_subject = self.children(h).iter().any(|&c| self.deprels[c] == "nsubj");
            if !head_has_subject {
                continue;
            }
            for c in self.children(v) {
                if self.deprels[c] == "nsubj" && self.is_nominal(c) {
                    self.deprels[c] = "obj".into();
                }
            }
        }
    }

    /// `beschuldigde de Russische minister Frankrijk van ...`: a state's name
    /// right after a subject that names its own country by an adjective
    /// is no apposition (that would be the office holder's name) but the
    /// verb's object.
    fn name_after_demonym_subject_is_object(&mut self) {
        for c in 1..self.heads.len() {
            let Some(h) = self.heads[c] else { continue };
            let (Some(mc), Some(mh)) = (self.mentions[c], self.mentions[h]) else {
                continue;
            };
            let of = |i: usize| self.mention_of.get(i).copied().flatten();
            let (Some(name), Some(subject)) = (of(c), of(h)) else {
                continue;
            };
            if self.rel(c) != "appos"
                || c != h + 1
                || mc == mh
                || name.actor_id == subject.actor_id
                || self.upos[c] != "PROPN"
                || self.deprels[h] != "nsubj"
                || !matches!(subject.rule.as_str(), "demonym-cue" | "office-holder")
            {
                continue;
            }
            let Some(verb) = self.heads[h] else { continue };
            let has_object = self.children(verb).iter().any(|&k| self.rel(k) == "obj");
            if self.is_verbal(verb) && !has_object {
                self.heads[c] = Some(verb);
                self.deprels[c] = "obj".into();
            }
        }
    }

    /// `beschuldigde Moskou de Azeri's`: two different actors glued into one
    /// name are two phrases; the second is the verb's object.
    fn split_glued_names(&mut self) {
        for c in 0..self.heads.len() {
            let Some(h) = self.heads[c] else { continue };
            let (Some(mc), Some(mh)) = (self.mentions[c], self.mentions[h]) else {
                continue;
            };
            // An office is never in apposition to a place written right
            // after it (`de Turkse minister van Defensie Bagdad`).
            let glued_to_office = self.deprels[c] == "appos"
                && self.forms.get(c.wrapping_sub(1)).is_some_and(|f| f != ",")
                && self.mention_of[h].is_some_and(|m| m.rule == "office-holder")
                && self.mention_of[c].is_some_and(|m| {
                    m.rule != "office-holder" && m.kind == kroniek_model::MentionKind::Loc
                });
            if !matches!(self.deprels[c].as_str(), "flat" | "flat:name") && !glued_to_office {
                continue;
            }
            // `de president Poetin de NAVO`: the glued name may hang on an
            // apposition of the subject or object, or deeper inside its
            // mention (`de Chinese minister van Buitenlandse Zaken Moskou`).
            let mut h = h;
            for _ in 0..3 {
                match self.heads[h] {
                    Some(up)
                        if self.rel(h) == "appos"
                            || (matches!(self.rel(h), "nmod" | "flat")
                                && self.mentions[up] == Some(mh)) =>
                    {
                        h = up
                    }
                    _ => break,
                }
            }
            if mc == mh || !matches!(self.rel(h), "nsubj" | "obj") {
                continue;
            }
            let Some(verb) = self.heads[h] else { continue };
            let verb_has_subject = self
                .children(verb)
                .iter()
                .any(|&k| self.deprels[k] == "nsubj");
            self.heads[c] = Some(verb);
            if self.deprels[h] == "obj" && !verb_has_subject && h < c {
                // `zullen X Y ontmoeten`: the first of the two is the subject.
                self.deprels[h] = "nsubj".into();
                self.deprels[c] = "obj".into();
            } else if self.deprels[h] == "obj" {
                self.deprels[c] = "iobj".into();
            } else {
                self.deprels[c] = "obj".into();
            }
            for d in (h + 1)..c {
                if self.heads[d] == Some(h) && self.rel(d) == "flat" && self.mentions[d].is_none() {
                    self.heads[d] = Some(c);
                    self.deprels[d] = "det".into();
                }
            }
        }
    }

    /// Verb-final clauses put the subject before the object
    /// (`dat X de onafhankelijkheid van Y erkent`).
    fn subject_before_object_in_subordinate_clauses(&mut self) {
        for v in 0..self.heads.len() {
            let kids = self.children(v);
            // Verb-final: a subordinate clause, or a main clause whose
            // finite auxiliary came first (`zullen X Y verdedigen`).
            let subordinate = kids.iter().any(|&c| {
                (self.rel(c) == "mark" && self.upos[c] == "SCONJ" && c < v)
                    || (self.rel(c) == "aux" && c < v)
            });
            if !subordinate {
                continue;
            }
            let subj = kids
                .iter()
                .copied()
                .find(|&c| self.deprels[c] == "nsubj" && c < v);
            let obj = kids
                .iter()
                .copied()
                .find(|&c| self.deprels[c] == "obj" && c < v);
            if let (Some(s), Some(o)) = (subj, obj)
                && o < s
                && self.upos[o] == "PROPN"
                && !(o + 1..s).any(|b| self.is_verbal(b))
            {
                self.deprels[s] = "obj".into();
                self.deprels[o] = "nsubj".into();
            }
        }
    }

    /// `waar X hielp ...` with `waar` as the object: an adverb (`waar`,
    /// `daar`, `er`, `nu`) is never a core argument in UD; it modifies.
    fn adverbs_are_no_arguments(&mut self) {
        for t in 0..self.heads.len() {
            let core = matches!(self.rel(t), "obj" | "iobj" | "nsubj");
            if core && self.upos[t] == "ADV" {
                self.deprels[t] = "advmod".into();
            }
        }
    }

    /// Grammatical number: singular, plural or not known. A name without
    /// the feature counts as singular; a coordination is plural.
    fn number(&self, i: usize) -> Option<bool> {
        let plural = |f: &str| f.split('|').any(|x| x == "Number=Plur");
        let singular = |f: &str| f.split('|').any(|x| x == "Number=Sing");
        if self.children(i).iter().any(|&c| self.rel(c) == "conj") || plural(self.feats[i]) {
            Some(true)
        } else if singular(self.feats[i]) || self.upos[i] == "PROPN" {
            Some(false)
        } else {
            None
        }
    }

    /// `[Russische media] houden [Armenië] verantwoordelijk` read with the
    /// object first and the subject after the verb: when the finite verb
    /// agrees in number with the fronted "object" and not with the "subject",
    /// the two are the other way round (the usual order, too).
    fn subject_agrees_with_the_verb(&mut self) {
        for v in 0..self.heads.len() {
            let kids = self.children(v);
            let feats = |f: &str| self.has_feat(v, f);
            // An `-en` form the tagger called an infinitive is a finite
            // plural when nothing makes it an infinitive (no auxiliary, no `te`).
            let bare_infinitive = feats("VerbForm=Inf")
                && self.is_verbal(v)
                && !kids
                    .iter()
                    .any(|&c| matches!(self.rel(c), "aux" | "mark" | "cop"));
            let verb_plural = if feats("VerbForm=Fin") {
                feats("Number=Plur")
            } else if bare_infinitive {
                true
            } else {
                continue;
            };
            let subj = kids
                .iter()
                .copied()
                .find(|&c| self.deprels[c] == "nsubj" && c > v);
            let obj = kids
                .iter()
                .copied()
                .find(|&c| self.deprels[c] == "obj" && c < v);
            let (Some(s), Some(o)) = (subj, obj) else {
                continue;
            };
            if !self.is_nominal(s) || !self.is_nominal(o) || self.upos[s] == "PRON" {
                continue;
            }
            if self.number(s) == Some(!verb_plural) && self.number(o) == Some(verb_plural) {
                self.deprels[s] = "obj".into();
                self.deprels[o] = "nsubj".into();
            }
        }
    }

    /// `bedrijven [die] [Rusland] zouden helpen` read with the state as the
    /// subject: in a relative clause, the relative pronoun takes the number
    /// of the noun it stands for, and the finite verb agrees with its
    /// subject. When the verb agrees with the pronoun's noun and not with
    /// the other phrase, the pronoun is the subject.
    fn relative_pronoun_agrees_with_the_verb(&mut self) {
        for v in 0..self.heads.len() {
            if self.deprels[v] != "acl:relcl" {
                continue;
            }
            let Some(antecedent) = self.heads[v] else {
                continue;
            };
            let kids = self.children(v);
            let finite = std::iter::once(v)
                .chain(kids.iter().copied().filter(|&c| self.rel(c) == "aux"))
                .find(|&f| self.has_feat(f, "VerbForm=Fin"));
            let Some(finite) = finite else { continue };
            let verb_plural = self.has_feat(finite, "Number=Plur");
            let pronoun = kids
                .iter()
                .copied()
                .find(|&c| self.deprels[c] == "obj" && self.has_feat(c, "PronType=Rel"));
            let subject = kids
                .iter()
                .copied()
                .find(|&c| self.deprels[c] == "nsubj" && self.upos[c] != "PRON");
            let (Some(r), Some(s)) = (pronoun, subject) else {
                continue;
            };
            if !self.is_nominal(s) {
                continue;
            }
            if self.number(antecedent) == Some(verb_plural) && self.number(s) == Some(!verb_plural)
            {
                self.deprels[r] = "nsubj".into();
                self.deprels[s] = "obj".into();
            }
        }
    }

    /// `heeft [de Israëlische premier Netanyahu] [een oorlogsmisdadiger]
    /// genoemd` read the other way round: of the object and the predicative
    /// complement of a naming verb, the one that names an actor is the object.
    fn named_one_is_the_object(&mut self) {
        for v in 0..self.heads.len() {
            if !matches!(
                self.lemmas[v].as_str(),
                "noemen" | "bestempelen" | "beschouwen" | "vinden" | "uitmaken"
            ) {
                continue;
            }
            let kids = self.children(v);
            let obj = kids.iter().copied().find(|&c| self.rel(c) == "obj");
            let pred = kids
                .iter()
                .copied()
                .find(|&c| self.rel(c) == "xcomp" && self.is_nominal(c));
            let (Some(o), Some(p)) = (obj, pred) else {
                continue;
            };
            let names = |i: usize| {
                self.mentions[i].is_some()
                    || self.children(i).iter().any(|&c| {
                        matches!(self.rel(c), "appos" | "flat") && self.mentions[c].is_some()
                    })
            };
            if names(p) && !names(o) {
                self.deprels[o] = "xcomp".into();
                self.deprels[p] = "obj".into();
            }
        }
    }

    /// `zijn [de Russische regio] binnengetrokken`: a noun phrase without
    /// a preposition hung on the verb as an oblique is its object, unless it
    /// is a time phrase (`vorige week`) or the verb already has one.
    fn bare_oblique_is_object(&mut self) {
        for c in 0..self.heads.len() {
            let Some(v) = self.heads[c] else { continue };
            if self.deprels[c] != "obl"
                || !matches!(self.upos[c].as_str(), "NOUN" | "PROPN")
                || self.in_time.get(c).copied().unwrap_or(true)
                || !self.is_verbal(v)
            {
                continue;
            }
            // Nothing follows a final participle or infinitive as its
            // object (`hebben ... opgeroepen, net zoals X`).
            let non_finite = self.has_feat(v, "VerbForm=Part") || self.has_feat(v, "VerbForm=Inf");
            if non_finite && c > v {
                continue;
            }
            let kids = self.children(c);
            let has_case = kids.iter().any(|&k| matches!(self.rel(k), "case" | "mark"));
            let counted = kids
                .iter()
                .any(|&k| matches!(self.upos[k].as_str(), "NUM") || self.rel(k) == "nummod");
            let has_object = self.children(v).iter().any(|&k| self.rel(k) == "obj");
            if !has_case && !counted && !has_object {
                self.deprels[c] = "obj".into();
            }
        }
    }

    /// `hebben X zich bereid verklaard` read as a passive: a passive subject
    /// needs `worden` or `zijn` (or `krijgen`) among its verb's auxiliaries.
    fn passive_needs_a_passive_auxiliary(&mut self) {
        for s in 0..self.heads.len() {
            let Some(v) = self.heads[s] else { continue };
            if self.deprels[s] != "nsubj:pass" {
                continue;
            }
            let passive = self.children(v).iter().any(|&c| {
                self.deprels[c] == "aux:pass"
                    || (self.rel(c) == "aux"
                        && matches!(self.lemmas[c].as_str(), "worden" | "zijn" | "krijgen"))
            });
            // A conjunct shares its first verb's auxiliary (`werd aangevallen en bezet`).
            if !passive && self.rel(v) != "conj" {
                self.deprels[s] = "nsubj".into();
            }
        }
    }

    /// `door de regering te beschuldigen`: `door`/`om`/`zonder` before a
    /// te-infinitive introduces the clause; the noun phrase is the object.
    fn preposition_before_infinitive_is_a_mark(&mut self) {
        for v in 0..self.heads.len() {
            let kids = self.children(v);
            let has_te = kids
                .iter()
                .any(|&c| self.forms[c] == "te" && self.rel(c) == "mark");
            let has_obj = kids.iter().any(|&c| self.deprels[c] == "obj");
            if !has_te || has_obj {
                continue;
            }
            for &c in &kids {
                if c > v || self.rel(c) != "obl" {
                    continue;
                }
                let case = self
                    .children(c)
                    .into_iter()
                    .find(|&k| self.rel(k) == "case" && k < c);
                if let Some(k) = case
                    && matches!(self.forms[k].as_str(), "door" | "zonder")
                {
                    self.deprels[c] = "obj".into();
                    self.heads[k] = Some(v);
                    self.deprels[k] = "mark".into();
                    break;
                }
            }
        }
        // The same phrase read as `door [de regering [te beschuldigen]]`:
        // the infinitive hung on the noun as a clause modifying it.
        for v in 0..self.heads.len() {
            let Some(noun) = self.heads[v] else { continue };
            if !self.is_verbal(v) || self.rel(v) != "acl" || noun > v || !self.is_nominal(noun) {
                continue;
            }
            let kids = self.children(v);
            let has_te = kids
                .iter()
                .any(|&c| self.forms[c] == "te" && self.rel(c) == "mark" && c < v);
            let has_obj = kids.iter().any(|&c| self.deprels[c] == "obj");
            let case = self
                .children(noun)
                .into_iter()
                .find(|&k| self.rel(k) == "case" && k < noun);
            let Some(k) = case else { continue };
            if !has_te || has_obj || !matches!(self.forms[k].as_str(), "door" | "zonder") {
                continue;
            }
            self.heads[v] = self.heads[noun];
            self.deprels[v] = "advcl".into();
            self.heads[noun] = Some(v);
            self.deprels[noun] = "obj".into();
            self.heads[k] = Some(v);
            self.deprels[k] = "mark".into();
        }
    }
}
