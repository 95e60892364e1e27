//! Negation, modality and attribution cues around a trigger.

use kroniek_model::Modality;

use crate::lexicon::WordClass;
use crate::roles::{Roles, dedup_keep_order};

const NEGATORS: [&str; 6] = ["niet", "nooit", "nimmer", "geenszins", "allerminst", "not"];
const NEGATIVE_OBJECTS: [&str; 3] = ["niets", "niks", "nothing"];
const REFUSAL_VERBS: [&str; 4] = ["weigeren", "nalaten", "afzien", "refuse"];
const CONDITIONAL_MARKS: [&str; 8] = [
    "als", "indien", "mocht", "tenzij", "wanneer", "of", "if", "whether",
];
/// Marks whose clause makes the main clause a consequence, not a fact
/// (`wanneer` and `of` are left out: they are also `when` and `whether`).
const CONSEQUENCE_MARKS: [&str; 6] = ["als", "indien", "mocht", "tenzij", "ingeval", "if"];
const FUTURE_GOVERNORS: [&str; 9] = [
    "dreigen",
    "willen",
    "plannen",
    "overwegen",
    "heroverwegen",
    "beloven",
    "voornemen",
    "zullen",
    "gaan",
];

/// Object-control verbs whose infinitive happens (`hielp X te verdrijven`).
const FACTUAL_CONTROL: [&str; 3] = ["helpen", "dwingen", "help"];

/// Verbs whose infinitive is only put forward (`stelde voor om X te verbieden`).
const PROPOSING_GOVERNORS: [&str; 3] = ["voorstellen", "suggereren", "propose"];

#[derive(Debug, Clone, Default)]
pub(crate) struct Cues {
    pub negated: bool,
    pub modality: Modality,
    pub attribution: Vec<usize>,
}

impl Roles<'_, '_> {
    /// Whether the trigger itself is negated (not a negation inside its complement).
    pub fn negation_at(&self, trigger: usize) -> bool {
        let v = self.view;
        let direct = v.children[trigger].iter().any(|&c| {
            let l = v.lemmas[c].as_str();
            (NEGATORS.contains(&l) && v.rel(c) == "advmod")
                || (NEGATIVE_OBJECTS.contains(&l) && matches!(v.rel(c), "obj" | "nsubj"))
                || (l == "geen" && v.rel(c) == "det")
        });
        if direct {
            return true;
        }
        // `Noch X noch Y heeft ... veroordeeld`, `veroordeelde noch X noch Y`:
        // the act is denied of every party.
        if v.is_verbal(trigger) && v.clause(trigger).iter().any(|&t| v.lemmas[t] == "noch") {
            return true;
        }
        // `sprak zijn steun niet uit`: a noun is negated with its verb.
        if !v.is_verbal(trigger)
            && v.rel(trigger) == "obj"
            && let Some(h) = v.heads[trigger]
            && v.is_verbal(h)
            && self.negated_directly(h)
        {
            return true;
        }
        if v.is_verbal(trigger) {
            let negated_object = self.object_heads(trigger).iter().any(|&o| {
                v.children[o]
                    .iter()
                    .any(|&d| v.lemmas[d] == "geen" && v.rel(d) == "det")
            });
            if negated_object {
                return true;
            }
            if let Some(h) = v.heads[trigger]
                && matches!(v.rel(trigger), "xcomp" | "advcl" | "ccomp")
            {
                // `weigerde X te tekenen`; the parser may call the infinitive `ccomp`
                // or, after an object, `advcl`.
                let refused_infinitive = v.rel(trigger) == "xcomp"
                    || (matches!(v.rel(trigger), "ccomp" | "advcl")
                        && self.is_infinitive_clause(trigger));
                if refused_infinitive && REFUSAL_VERBS.contains(&self.verb_lemma(h).as_str()) {
                    return true;
                }
                // `zette zijn troepen niet in om X te verdedigen`: the purpose
                // of an act that did not happen did not happen either.
                if self.is_infinitive_clause(trigger) && self.negated_directly(h) {
                    return true;
                }
            }
        }
        false
    }

    fn negated_directly(&self, verb: usize) -> bool {
        let v = self.view;
        v.children[verb].iter().any(|&c| {
            let l = v.lemmas[c].as_str();
            (NEGATORS.contains(&l) && v.rel(c) == "advmod")
                || (NEGATIVE_OBJECTS.contains(&l) && v.rel(c) == "obj")
        })
    }

    pub fn cues(&self, trigger: usize, negation_consumed: bool) -> Cues {
        let v = self.view;
        let negated = !negation_consumed && self.negation_at(trigger);
        let attribution = self.attribution(trigger);
        let clause_heads: Vec<usize> = std::iter::once(trigger)
            .chain(v.ancestors(trigger).take(3))
            .collect();
        let aux_forms: Vec<&str> = clause_heads
            .iter()
            .take(2)
            .flat_map(|&h| v.children[h].iter().copied())
            .filter(|&c| v.rel(c) == "aux")
            .map(|c| v.forms[c].as_str())
            .collect();
        let conditional = clause_heads.iter().any(|&h| {
            v.children[h].iter().any(|&c| {
                c < h && v.rel(c) == "mark" && CONDITIONAL_MARKS.contains(&v.lemmas[c].as_str())
            })
        });
        let question = v.forms.last().is_some_and(|f| f == "?");
        // `zou`/`zouden` anywhere up the clause chain makes the whole chain
        // hypothetical (`X zou niet willen dat Y Z moet bezoeken`).
        let would = aux_forms.iter().any(|f| matches!(*f, "zou" | "zouden"))
            || clause_heads.iter().skip(2).any(|&h| {
                v.children[h]
                    .iter()
                    .any(|&c| v.rel(c) == "aux" && matches!(v.forms[c].as_str(), "zou" | "zouden"))
            });
        let conditional = conditional
            || self.verb_first_condition(trigger)
            || self.conditional_consequence(trigger, &clause_heads);
        let perfect = aux_forms
            .iter()
            .any(|f| matches!(*f, "hebben" | "zijn" | "heeft" | "hebt"));
        let future_aux = aux_forms
            .iter()
            .any(|f| matches!(*f, "zal" | "zullen" | "zult" | "will"));
        // The verb a `te` infinitive depends on; the parser may call such
        // an infinitive `ccomp` or `advcl` (`overweegt ... op te zeggen`).
        let governed = v.rel(trigger) == "xcomp"
            || (matches!(v.rel(trigger), "ccomp" | "advcl") && self.is_infinitive_clause(trigger));
        let governor = governed
            .then(|| v.heads[trigger])
            .flatten()
            .filter(|&h| v.is_verbal(h))
            .map(|h| self.verb_lemma(h));
        let future_governor = governor
            .as_deref()
            .is_some_and(|g| FUTURE_GOVERNORS.contains(&g));
        // A request through object control (`riep X op ... te`), but not
        // help or force, which make the act happen (`hielp X ... te
        // verdrijven`); and only through `xcomp`.
        let requested = governor.as_deref().is_some_and(|g| {
            PROPOSING_GOVERNORS.contains(&g)
                || (v.rel(trigger) == "xcomp"
                    && self.lex.has_word(WordClass::ObjectControl, g)
                    && !FACTUAL_CONTROL.contains(&g))
        });
        let modality = if negated {
            Modality::Negated
        } else if conditional || question || requested || (would && !perfect) {
            Modality::Hypothetical
        } else if future_aux || future_governor {
            Modality::Future
        } else if (would && perfect) || !attribution.is_empty() || self.reportedly() {
            Modality::Reported
        } else {
            Modality::Asserted
        };
        Cues {
            negated,
            modality,
            attribution,
        }
    }

    /// `naar verluidt`, `reportedly`: the writer only passes the act on.
    fn reportedly(&self) -> bool {
        let v = self.view;
        (1..v.len()).any(|i| v.forms[i] == "verluidt" && v.forms[i - 1] == "naar")
            || v.forms.iter().any(|f| f == "reportedly")
    }

    /// A conditional without `als`: the sentence opens with a finite verb
    /// and a later `, dan` starts the main clause (`Komt X naar Y, dan ...`).
    /// Both the condition and its consequence are hypothetical.
    fn verb_first_condition(&self, _trigger: usize) -> bool {
        let v = self.view;
        // `forms` are lowercased; the capital is read from the text itself.
        let opens_with_verb = v.len() > 3
            && matches!(v.upos(0), "VERB" | "AUX")
            && v.feats(0).contains("VerbForm=Fin")
            && v.tokens[0]
                .form(&v.doc.text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
        opens_with_verb
            && (1..v.len().saturating_sub(1)).any(|i| v.forms[i] == "," && v.lemmas[i + 1] == "dan")
    }

    /// The main clause of `Als X Y aanvalt, grijpt Z in`: a consequence of a
    /// condition is not a fact either. Past tense (`als X aanviel, greep Z
    /// in`) reads as habitual and stays asserted.
    fn conditional_consequence(&self, trigger: usize, clause_heads: &[usize]) -> bool {
        let v = self.view;
        let past = clause_heads.iter().take(2).any(|&h| {
            std::iter::once(h)
                .chain(v.children[h].iter().copied())
                .any(|c| v.feats(c).contains("Tense=Past"))
        });
        if past {
            return false;
        }
        let head = std::iter::once(trigger)
            .chain(v.ancestors(trigger))
            .find(|&h| v.is_verbal(h) && !matches!(v.rel(h), "xcomp" | "acl" | "advcl" | "ccomp"))
            .unwrap_or(trigger);
        v.children[head].iter().any(|&c| {
            v.rel(c) == "advcl"
                && self.is_clause(c)
                && v.children[c].iter().any(|&m| {
                    m < c && v.rel(m) == "mark" && CONSEQUENCE_MARKS.contains(&v.lemmas[m].as_str())
                })
        })
    }

    /// A clause, not a bare `als` phrase (`erkend als onafhankelijke staat`):
    /// a verb, or a predicate with a copula or a subject (`als hij president is`).
    fn is_clause(&self, head: usize) -> bool {
        let v = self.view;
        v.is_verbal(head)
            || v.children[head]
                .iter()
                .any(|&c| v.rel(c) == "cop" || v.rel(c).starts_with("nsubj"))
    }

    /// Who reports the event: `volgens X`, or the subject of a speech verb
    /// whose complement clause holds the trigger.
    pub fn attribution(&self, trigger: usize) -> Vec<usize> {
        let v = self.view;
        let mut out = Vec::new();
        let chain: Vec<usize> = std::iter::once(trigger)
            .chain(v.ancestors(trigger))
            .collect();
        for &h in &chain {
            for &c in &v.children[h] {
                if v.case_of(c) == Some("volgens") {
                    out.extend(self.phrase_actors(c));
                }
            }
        }
        if out.is_empty() {
            // A sentence-initial `Volgens X` the parser hung elsewhere.
            if let Some(p) = (0..v.len().min(2)).find(|&i| v.lemmas[i] == "volgens")
                && let Some(h) = v.heads[p]
                && h > p
            {
                out.extend(self.phrase_actors(h));
            }
        }
        if out.is_empty() {
            out.extend(self.trailing_attribution(trigger, &chain));
        }
        let mut child = trigger;
        for &h in chain.iter().skip(1) {
            let that_clause = v.rel(child) == "advcl"
                && v.children[child]
                    .iter()
                    .any(|&c| matches!(v.forms[c].as_str(), "dat" | "of"));
            if (matches!(v.rel(child), "ccomp" | "parataxis") || that_clause)
                && self.lex.has_word(WordClass::Speech, &self.verb_lemma(h))
            {
                for s in self.subject_heads(h) {
                    out.extend(self.phrase_actors(s));
                }
                break;
            }
            child = h;
        }
        dedup_keep_order(&mut out);
        out
    }

    /// `X deed Y, zegt Z` and `X deed Y, aldus Z`: a speech verb or `aldus`
    /// after a comma, later in the sentence than the event, names its source.
    fn trailing_attribution(&self, trigger: usize, chain: &[usize]) -> Vec<usize> {
        let v = self.view;
        let after_comma = |i: usize| i > trigger && i > 0 && v.forms[i - 1] == ",";
        for &h in chain {
            for &c in &v.children[h] {
                if after_comma(c)
                    && v.is_verbal(c)
                    && self.lex.has_word(WordClass::Speech, &self.verb_lemma(c))
                {
                    let found: Vec<usize> = self
                        .subject_heads(c)
                        .into_iter()
                        .flat_map(|s| self.phrase_actors(s))
                        .collect();
                    if !found.is_empty() {
                        return found;
                    }
                }
            }
        }
        if let Some(aldus) =
            (trigger + 1..v.len()).find(|&i| v.lemmas[i] == "aldus" && after_comma(i))
        {
            return (aldus + 1..v.len())
                .take_while(|&i| v.forms[i] != ",")
                .find_map(|i| v.mention_at[i])
                .into_iter()
                .collect();
        }
        Vec::new()
    }
}
