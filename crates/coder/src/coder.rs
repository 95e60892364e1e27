//! From parsed sentences and linked mentions to PLOVER events.

use std::collections::HashSet;

use kroniek_model::{Category, Document, Event, EventActor, Modality, Span};

use crate::CODER_VERSION;
use crate::cues::Cues;
use crate::lexicon::{Cond, Entry, Lexicon, Slot, TriggerKind, WordClass};
use crate::roles::{Roles, dedup_keep_order};
use crate::view::SentenceView;

const REFLEXIVES: [&str; 8] = [
    "zich",
    "zichzelf",
    "me",
    "mij",
    "je",
    "ons",
    "u",
    "themselves",
];
const RECIPROCALS: [&str; 4] = ["elkaar", "mekaar", "elkander", "each"];
const PARTICLES: [&str; 22] = [
    "op", "aan", "af", "uit", "in", "terug", "binnen", "door", "mee", "neer", "over", "toe",
    "tegen", "bij", "na", "om", "voor", "weg", "samen", "vast", "los", "dicht",
];

/// A trigger and the entry it fired.
struct Fired<'l> {
    trigger: usize,
    entry: &'l Entry,
    text: String,
}

/// Codes every sentence of a parsed, actor-linked document.
pub fn code(doc: &Document, lexicon: &Lexicon) -> Vec<Event> {
    let may_fire: Vec<bool> = (0..doc.sentences.len())
        .map(|s| lexicon.may_fire(&doc.text, doc.sentence_tokens(s)))
        .collect();
    code_where(doc, lexicon, &may_fire)
}

/// [`code`] given [`Lexicon::may_fire`] of each sentence, computed before
/// or after the parse (the parse does not change it); a sentence without
/// an entry is tried.
pub fn code_where(doc: &Document, lexicon: &Lexicon, may_fire: &[bool]) -> Vec<Event> {
    let mut events = Vec::new();
    let mut seen = HashSet::new();
    // Sources of the previous sentence's events, for a subject pronoun the
    // linker left unresolved (`X en Y stemden in. Ze sturen ...`).
    let mut previous_sources: Vec<usize> = Vec::new();
    // Sources of the latest sentence with events (and its index), for an act
    // noun standing for what they did (`X trad toe. Y noemt de stap vijandig`).
    let mut latest_acts: (usize, Vec<usize>) = (0, Vec::new());
    for index in 0..doc.sentences.len() {
        let tokens = doc.sentence_tokens(index);
        if !tokens.is_empty() && !may_fire.get(index).copied().unwrap_or(true) {
            // Nothing fires: no events, so no sources to carry over.
            previous_sources.clear();
            continue;
        }
        let Some(view) = SentenceView::new(doc, index) else {
            continue;
        };
        let roles = Roles {
            view: &view,
            lex: lexicon,
        };
        let fired: Vec<Fired> = (0..view.len()).filter_map(|t| fire(&roles, t)).collect();
        let mut sentence_events = Vec::new();
        let mut sources_here = Vec::new();
        let acts: &[usize] = if index.saturating_sub(latest_acts.0) <= ACT_REACH {
            &latest_acts.1
        } else {
            &[]
        };
        let context = Context {
            previous_sources: &previous_sources,
            acts,
        };
        for f in &fired {
            if !is_content_of_demand(&view, &fired, f.trigger) {
                sentence_events.extend(emit(&roles, f, &context, &mut sources_here));
            }
        }
        dedup_keep_order(&mut sources_here);
        if !sources_here.is_empty() {
            latest_acts = (index, sources_here.clone());
        }
        previous_sources = sources_here;
        for trigger in 0..view.len() {
            sentence_events.extend(counterfactual_criticism(&roles, trigger));
            sentence_events.extend(defiance_threat(&roles, trigger));
        }
        // A one-sided event repeats a two-sided one from another trigger
        // of the same sentence (`voerde luchtaanvallen uit op X`).
        let dyadic: HashSet<(Option<String>, Category)> = sentence_events
            .iter()
            .filter(|e| e.target.is_some())
            .map(|e| {
                (
                    e.source.as_ref().and_then(|a| a.country.clone()),
                    e.category,
                )
            })
            .collect();
        sentence_events.retain(|e| {
            e.target.is_some()
                || !dyadic.contains(&(
                    e.source.as_ref().and_then(|a| a.country.clone()),
                    e.category,
                ))
        });
        for e in sentence_events {
            let key = (
                e.sentence_index,
                e.source.as_ref().and_then(|a| a.country.clone()),
                e.target.as_ref().and_then(|a| a.country.clone()),
                e.category,
            );
            if seen.insert(key) {
                events.push(e);
            }
        }
    }
    events
}

/// What is demanded, threatened or agreed (`riep X op zich terug te
/// trekken`) has not happened: it is the content of that event, not an event.
/// A clause opened by a relative word (`waar`, `waarop`, `die`), whatever
/// relation the parser gave it (`, waar X ... wegzetten` as an `advcl`).
fn is_relative_clause(v: &SentenceView, clause: usize) -> bool {
    v.is_verbal(clause)
        && v.children[clause].iter().any(|&c| {
            c < clause
                && (v.is_relative(c)
                    || (v.upos(c) == "ADV" && v.forms[c].to_lowercase().starts_with("waar")))
        })
}

/// A clause of time or reason (`nadat X en Y een oorlog uitvochten`,
/// `omdat X ...`) tells a fact beside the act, not what was agreed or
/// demanded.
fn is_circumstance(v: &SentenceView, clause: usize) -> bool {
    v.rel(clause) == "advcl"
        && v.children[clause].iter().any(|&c| {
            c < clause
                && v.rel(c) == "mark"
                && matches!(
                    v.lemmas[c].as_str(),
                    "nadat"
                        | "toen"
                        | "voordat"
                        | "sinds"
                        | "terwijl"
                        | "omdat"
                        | "doordat"
                        | "zodra"
                        | "hoewel"
                        | "ofschoon"
                        | "after"
                        | "because"
                        | "since"
                )
        })
}

fn is_content_of_demand(v: &SentenceView, fired: &[Fired], trigger: usize) -> bool {
    // A noun counts from the verb that governs it (`riep op de gesprekken te hervatten`).
    if !v.is_verbal(trigger)
        && matches!(
            v.case_of(trigger),
            Some("na" | "sinds" | "tijdens" | "ondanks" | "ondank")
        )
    {
        // `na een gesprek met X`: a time adjunct tells what already happened;
        // `ondanks bezwaren van X`: a concession is a fact beside the act.
        return false;
    }
    let start = trigger;
    let mut child = start;
    for anc in v.ancestors(start) {
        // Complements and the phrases inside them (`beschuldigen van
        // pogingen om X te vernietigen`), but not coordinated clauses.
        // Relative clauses describe a participant and stand on their own.
        if v.deprel(child) == "acl:relcl"
            || is_relative_clause(v, child)
            || is_circumstance(v, child)
            || !matches!(
                v.rel(child),
                "xcomp" | "ccomp" | "advcl" | "acl" | "obj" | "obl" | "nmod"
            )
        {
            return false;
        }
        let verbal = v.is_verbal(trigger);
        if fired.iter().any(|f| {
            f.trigger == anc
                && match f.entry.category {
                    Category::Request | Category::Threaten | Category::Agree => true,
                    // `blokkeerde de steun`: the blocked aid did not happen;
                    // `weigerde X te steunen` is kept, negated. Nor did the
                    // summit one calls off (`zegde de top met X af`).
                    Category::Reject | Category::Sanction => !verbal,
                    // What one is accused of doing is alleged; an attack one
                    // condemns (`veroordeelde de aanval`) did happen.
                    Category::Accuse => verbal,
                    _ => false,
                }
        }) {
            return true;
        }
        child = anc;
    }
    false
}

/// The first lexicon entry whose conditions the token meets.
fn fire<'l>(roles: &Roles<'l, '_>, t: usize) -> Option<Fired<'l>> {
    let v = roles.view;
    let upos = v.upos(t);
    if matches!(upos, "VERB" | "AUX" | "") {
        for (lemma, text) in verb_lemmas(roles, t) {
            for entry in roles.lex.verb_entries(&lemma) {
                if entry.kind == TriggerKind::Verb && meets(roles, t, entry) {
                    return Some(Fired {
                        trigger: t,
                        entry,
                        text,
                    });
                }
            }
        }
    }
    if matches!(upos, "NOUN" | "PROPN" | "X" | "") && v.mention_at[t].is_none() {
        for lemma in noun_lemmas(v, t) {
            for entry in roles.lex.noun_entries(&lemma) {
                if meets(roles, t, entry) {
                    return Some(Fired {
                        trigger: t,
                        entry,
                        text: v.tokens[t].text(&v.doc.text).to_string(),
                    });
                }
            }
        }
    }
    None
}

/// Lemmas a verb token may stand for, with the trigger words: the
/// separable full lemma first (`riep ... op` → `oproepen`), then the plain
/// lemma, then guesses from the form and particles the parser misread as
/// prepositions (`spoorde X aan de vijandelijkheden te staken`).
fn verb_lemmas(roles: &Roles, t: usize) -> Vec<(String, String)> {
    let v = roles.view;
    let word = v.tokens[t].text(&v.doc.text).to_string();
    let mut bases = vec![v.lemmas[t].clone()];
    if v.forms[t].ends_with("en") && v.forms[t] != v.lemmas[t] {
        // A plural or infinitive form is its own infinitive (`aanvallen`).
        bases.push(v.forms[t].clone());
    }
    bases.extend(roles.lex.irregular_infinitive(&v.forms[t]));
    bases.extend(guess_infinitives(&v.forms[t]));
    bases.dedup();
    let mut out = Vec::new();
    if let Some(full) = &v.tokens[t].full_lemma {
        out.push((crate::view::normalise_lemma(full), word.clone()));
    }
    let particle_children: Vec<usize> = v.children[t]
        .iter()
        .copied()
        .filter(|&c| {
            v.deprel(c) == "compound:prt"
                || (PARTICLES.contains(&v.forms[c].as_str())
                    && v.children[c].is_empty()
                    && c > t
                    && !matches!(v.rel(c), "case" | "mark"))
        })
        .collect();
    for &p in &particle_children {
        for base in &bases {
            out.push((
                format!("{}{base}", v.forms[p]),
                format!("{word} ... {}", v.tokens[p].text(&v.doc.text)),
            ));
        }
    }
    // `terug te trekken`: the particle precedes `te`.
    if t >= 2 && v.forms[t - 1] == "te" && PARTICLES.contains(&v.forms[t - 2].as_str()) {
        for base in &bases {
            out.push((
                format!("{}{base}", v.forms[t - 2]),
                format!("{} te {word}", v.forms[t - 2]),
            ));
        }
    }
    for base in &bases {
        out.push((base.clone(), word.clone()));
    }
    if particle_children.is_empty() && v.tokens[t].full_lemma.is_none() {
        let loose = (t + 1..v.len())
            .take_while(|&i| !crate::roles::is_boundary(v, i))
            .filter(|&i| {
                PARTICLES.contains(&v.forms[i].as_str())
                    && v.upos(i) == "ADP"
                    && stands_as_particle(v, i)
            });
        for p in loose {
            for base in &bases {
                out.push((
                    format!("{}{base}", v.forms[p]),
                    format!("{word} ... {}", v.tokens[p].text(&v.doc.text)),
                ));
            }
        }
    }
    let mut seen = HashSet::new();
    out.retain(|(l, _)| seen.insert(l.clone()));
    out
}

/// A word the parser took for a preposition can still be a separable
/// particle where one stands: last in its stretch (`vielen X aan.`),
/// before another preposition (`zegt het vertrouwen op in X`), or before
/// an infinitive's object (`spoorde X aan de vijandelijkheden te staken`).
/// Not before a phrase of its own (`nam een resolutie aan waarin ... in
/// Gaza`: no `innemen`).
fn stands_as_particle(v: &SentenceView, i: usize) -> bool {
    let ends_stretch = i + 1 >= v.len() || crate::roles::is_boundary(v, i + 1);
    let before_preposition = i + 1 < v.len() && v.upos(i + 1) == "ADP";
    // The infinitive may lie past a word the tagger took for a verb
    // (`op zijn troepen ... terug te trekken`), but not past a comma.
    let infinitive_follows = (i + 1..v.len())
        .take_while(|&j| !matches!(v.forms[j].as_str(), "," | ";" | ":" | "."))
        .any(|j| v.forms[j] == "te" && j + 1 < v.len() && v.is_verbal(j + 1));
    ends_stretch || before_preposition || infinitive_follows
}

/// Infinitives a finite or past form may belong to when the lemmatiser
/// missed it: `ontmoetten` → `ontmoeten`, `stemde` → `stemmen`, `spoort` →
/// `sporen`, `heropend` → `heropenen`, `geboycot` → `boycotten`.
pub(crate) fn guess_infinitives(form: &str) -> Vec<String> {
    let mut out = stem_infinitives(form);
    // A participle whose stem ends in the `t` itself (`geboycot` →
    // `boycotten`), or any participle without its `ge`.
    if let Some(rest) = form.strip_prefix("ge").filter(|r| r.chars().count() >= 4) {
        if let Some(last) = rest.chars().last().filter(|c| matches!(c, 't' | 'd')) {
            out.push(format!("{rest}{last}en"));
            out.push(format!("{rest}en"));
        }
        out.extend(stem_infinitives(rest));
    }
    out
}

fn stem_infinitives(form: &str) -> Vec<String> {
    let stem = ["ten", "den", "te", "de", "t", "d"]
        .iter()
        .find_map(|suffix| form.strip_suffix(suffix).filter(|s| s.chars().count() >= 3));
    let Some(stem) = stem else {
        return Vec::new();
    };
    let mut out = vec![format!("{stem}en")];
    let chars: Vec<char> = stem.chars().collect();
    if let Some(&last) = chars.last()
        && !"aeiou".contains(last)
    {
        out.push(format!("{stem}{last}en"));
        let n = chars.len();
        if n >= 3 && chars[n - 2] == chars[n - 3] && "aeou".contains(chars[n - 2]) {
            let single: String = chars[..n - 2].iter().chain(&chars[n - 1..]).collect();
            out.push(format!("{single}en"));
        }
    }
    out
}

fn noun_lemmas(v: &SentenceView, t: usize) -> Vec<String> {
    let mut out = vec![v.lemmas[t].clone()];
    out.extend(noun_lemma_guesses(&v.lemmas[t], &v.forms[t]));
    out
}

/// Singulars of a plural the lemmatiser left as is (`sancties` → `sanctie`).
pub(crate) fn noun_lemma_guesses(lemma: &str, form: &str) -> Vec<String> {
    if lemma != form {
        return Vec::new();
    }
    ["en", "s", "n"]
        .iter()
        .filter_map(|suffix| form.strip_suffix(suffix).filter(|s| s.len() > 3))
        .map(str::to_string)
        .collect()
}

fn meets(roles: &Roles, t: usize, entry: &Entry) -> bool {
    entry.requires.iter().all(|c| meets_one(roles, t, c))
}

fn meets_one(roles: &Roles, t: usize, cond: &Cond) -> bool {
    let v = roles.view;
    let verbal = v.is_verbal(t);
    let scope: Vec<usize> = if verbal {
        v.clause(t)
    } else {
        let mut s = v.subtree(t);
        if let Some(h) = roles.host_verb(t) {
            s.extend(v.clause(h));
        }
        s
    };
    match cond {
        Cond::Reflexive => {
            // The parser often hangs `zich` on a neighbouring verb.
            let near = (t.saturating_sub(5)..(t + 3).min(v.len()))
                .filter(|&c| c != t)
                .any(|c| v.forms[c] == "zich" && !(c.min(t) + 1..c.max(t)).any(|b| v.is_verbal(b)));
            near || v.children[t].iter().any(|&c| {
                REFLEXIVES.contains(&v.forms[c].as_str())
                    && matches!(v.rel(c), "expl" | "obj" | "iobj" | "nsubj" | "compound")
            }) || scope
                .iter()
                .any(|&c| v.lemmas[c] == "zich" || v.forms[c] == "zich")
        }
        Cond::Reciprocal => scope
            .iter()
            .any(|&c| RECIPROCALS.contains(&v.forms[c].as_str())),
        Cond::Obj(patterns) => {
            let objects = if verbal {
                roles.object_heads(t)
            } else {
                Vec::new()
            };
            let direct = objects
                .iter()
                .any(|&o| patterns.iter().any(|p| p.matches(&v.lemmas[o])));
            direct
                || scope.iter().any(|&c| {
                    c != t
                        && matches!(v.upos(c), "NOUN" | "PROPN" | "")
                        && v.case_of(c).is_none()
                        && patterns.iter().any(|p| p.matches(&v.lemmas[c]))
                })
        }
        Cond::Prep(preps) => preps.iter().any(|p| {
            !roles.pp_heads(t, p).is_empty()
                || (t + 1..v.len())
                    .take_while(|&i| !crate::roles::is_phrase_boundary(v, i))
                    .any(|i| v.forms[i] == *p)
                || scope.iter().any(|&c| {
                    let f = v.forms[c].as_str();
                    (v.lemmas[c] == *p && v.upos(c) == "ADP")
                        || ["er", "daar", "hier", "waar"]
                            .iter()
                            .any(|pre| f.strip_prefix(pre) == Some(p.as_str()))
                })
        }),
        Cond::Word(patterns) => {
            let matches = |c: usize| {
                c != t
                    && patterns
                        .iter()
                        .any(|p| p.matches(&v.lemmas[c]) || p.matches(&v.forms[c]))
            };
            // The idiom's words in the clause, or near the verb when the
            // parse scattered them (`maken zich om de haverklap schuldig`).
            let after =
                (t + 1..v.len().min(t + 11)).take_while(|&i| !crate::roles::is_boundary(v, i));
            let before = (t.saturating_sub(8)..t)
                .rev()
                .take_while(|&i| !crate::roles::is_boundary(v, i));
            scope.iter().any(|&c| matches(c)) || after.chain(before).any(matches)
        }
        Cond::Neg => roles.negation_at(t),
        Cond::NoObj => !verbal || roles.object_heads(t).is_empty(),
        Cond::ObjActor => {
            verbal
                && roles
                    .object_heads(t)
                    .iter()
                    .any(|&o| v.mention_at[o].is_some())
        }
        Cond::Eval(positive) => evaluation(roles, t) == Some(*positive),
        Cond::Light => roles.host_verb(t).is_some_and(|h| {
            v.rel(t) == "obj" && roles.lex.has_word(WordClass::Light, &roles.verb_lemma(h))
        }),
    }
}

/// The polarity of an evaluative complement after a verb (`noemde X
/// ‘mislukt’`, `zette X weg als eenzijdig`); a `niet` before the word flips it.
fn evaluation(roles: &Roles, verb: usize) -> Option<bool> {
    let v = roles.view;
    let mut scope = v.clause(verb);
    for &c in &v.children[verb] {
        if v.rel(c) == "xcomp" || (v.rel(c) == "advcl" && !v.is_verbal(c)) {
            // Not inside a relative clause (`gebied dat historisch gezien ...`).
            let inner = v.subtree(c);
            let relative: Vec<usize> = inner
                .iter()
                .copied()
                .filter(|&i| v.deprel(i) == "acl:relcl")
                .flat_map(|i| v.subtree(i))
                .collect();
            scope.extend(inner.into_iter().filter(|i| !relative.contains(i)));
        }
    }
    scope.sort_unstable();
    // A final participle or infinitive has its complement before it (`heeft
    // X een oorlogsmisdadiger genoemd`); the subject's words are no verdict.
    let verb_final =
        v.feats(verb).contains("VerbForm=Part") || v.feats(verb).contains("VerbForm=Inf");
    let subject_words: Vec<usize> = if verb_final {
        roles
            .subject_heads(verb)
            .into_iter()
            .flat_map(|s| v.subtree(s))
            .collect()
    } else {
        Vec::new()
    };
    let mut verdict = None;
    for &c in scope
        .iter()
        .filter(|&&c| c > verb || (verb_final && c != verb && !subject_words.contains(&c)))
    {
        let lemma = &v.lemmas[c];
        let form = &v.forms[c];
        let polarity = if roles.lex.has_word(WordClass::EvalNeg, lemma)
            || roles.lex.has_word(WordClass::EvalNeg, form)
        {
            false
        } else if roles.lex.has_word(WordClass::EvalPos, lemma)
            || roles.lex.has_word(WordClass::EvalPos, form)
        {
            true
        } else {
            continue;
        };
        let flipped =
            c > 0 && matches!(v.forms[c - 1].as_str(), "niet" | "weinig" | "allesbehalve");
        let polarity = polarity != flipped;
        // Criticism outweighs praise in one breath.
        if !polarity {
            return Some(false);
        }
        verdict = Some(true);
    }
    verdict
}

/// How many sentences back an act noun may point (`de actie` two sentences
/// after the act).
const ACT_REACH: usize = 2;

/// What earlier sentences lend to this one.
struct Context<'c> {
    /// Sources of the previous sentence's events (for subject pronouns).
    previous_sources: &'c [usize],
    /// Sources of the latest sentence with events within [`ACT_REACH`].
    acts: &'c [usize],
}

fn emit(roles: &Roles, fired: &Fired, context: &Context, used: &mut Vec<usize>) -> Vec<Event> {
    let previous = context.previous_sources;
    let v = roles.view;
    let entry = fired.entry;
    let t = fired.trigger;
    if v.is_verbal(t) && v.deprel(t) == "acl" && roles.is_infinitive_clause(t) {
        // `pogingen om X te vernietigen`, `het plan om ... aan te vallen`:
        // the content of a noun, not an event.
        return Vec::new();
    }
    let negation_consumed = entry.requires.contains(&Cond::Neg);
    let cues = roles.cues(t, negation_consumed);
    let mut heuristic = false;
    let mut sources = roles.fill(t, &entry.source, &cues.attribution);
    if sources.is_empty() && v.is_verbal(t) && entry.source.contains(&Slot::Subj) {
        let subjects = roles.subject_heads(t);
        sources = subjects
            .iter()
            .filter(|&&s| v.upos(s) == "NOUN")
            .flat_map(|&s| roles.appositive_actors(s))
            .collect();
        if sources.is_empty() {
            sources = roles.official_subject_fallback(t);
        }
        if sources.is_empty() {
            sources = matrix_subject(roles, t, &subjects);
        }
        if sources.is_empty() {
            sources = pronoun_antecedents(v, &subjects, previous);
        }
        if sources.is_empty() && (subjects.is_empty() || !roles.has_own_subject(t)) {
            sources = roles.linear_subject(t, &[]);
        }
        heuristic = !sources.is_empty();
    }
    if sources.is_empty() {
        return Vec::new();
    }
    used.extend(sources.iter().copied());
    let reciprocal = v.is_verbal(t)
        && v.children[t]
            .iter()
            .any(|&c| RECIPROCALS.contains(&v.forms[c].as_str()));
    let mut targets = if reciprocal {
        Vec::new()
    } else {
        roles.fill(t, &entry.target, &cues.attribution)
    };
    targets.retain(|m| !sources.contains(m));
    if targets.is_empty() && !reciprocal && entry.category == Category::Request {
        targets = addressee_of_demanded_clause(roles, t);
        targets.retain(|m| !sources.contains(m));
    }
    if targets.is_empty() && !reciprocal && !entry.target.is_empty() {
        targets = act_antecedents(roles, t, context.acts, &sources);
    }
    let pairs: Vec<(usize, Option<usize>)> = if (reciprocal
        || (targets.is_empty() && entry.target.contains(&Slot::Recip)))
        && distinct_codes(v, &sources) >= 2
    {
        sources
            .iter()
            .flat_map(|&s| sources.iter().map(move |&o| (s, Some(o))))
            .filter(|&(s, o)| o.is_some_and(|o| code_of(v, s) != code_of(v, o)))
            .collect()
    } else if targets.is_empty() {
        if entry.category.needs_target() {
            return Vec::new();
        }
        sources.iter().map(|&s| (s, None)).collect()
    } else {
        sources
            .iter()
            .flat_map(|&s| targets.iter().map(move |&o| (s, Some(o))))
            .filter(|&(s, o)| o.is_some_and(|o| code_of(v, s) != code_of(v, o)))
            .collect()
    };
    let confidence = if heuristic { 0.55 } else { 0.8 };
    pairs
        .into_iter()
        .map(|(s, o)| {
            build(
                v,
                Built {
                    trigger: t,
                    trigger_text: &fired.text,
                    category: entry.category,
                    mode: entry.mode.clone(),
                    source: s,
                    target: o,
                    cues: &cues,
                    confidence,
                },
            )
        })
        .collect()
}

/// Lemmas the construction rules below start from, with words that must
/// occur with them (for the gate): `had moeten`, `wil ... of niet`.
pub(crate) const CONSTRUCTION_WORDS: [(&str, &[&[&str]]); 4] = [
    ("moeten", &[&["had", "hadden"]]),
    ("willen", &[&["of"], &["niet", "geen"]]),
    ("bevallen", &[&["of"], &["niet", "geen"]]),
    ("leuk", &[&["of"], &["niet", "geen"]]),
];

/// `X vindt dat Y had moeten ingrijpen`: a counterfactual duty stated by
/// a speaker is criticism of the one who failed it.
fn counterfactual_criticism(roles: &Roles, m: usize) -> Vec<Event> {
    let v = roles.view;
    if v.lemmas[m] != "moeten" || v.forms[m] != "moeten" {
        return Vec::new();
    }
    let mut group = vec![m];
    let top = match v.heads[m] {
        Some(h) if v.rel(m) == "aux" => {
            group.push(h);
            h
        }
        _ => m,
    };
    group.extend(
        v.children[m]
            .iter()
            .copied()
            .filter(|&c| v.rel(c) == "xcomp"),
    );
    let had = group.iter().any(|&g| {
        v.children[g]
            .iter()
            .any(|&c| matches!(v.forms[c].as_str(), "had" | "hadden"))
    });
    let Some(speech) = v.heads[top] else {
        return Vec::new();
    };
    if !had
        || !matches!(v.rel(top), "ccomp" | "obj" | "xcomp" | "parataxis")
        || !roles
            .lex
            .has_word(WordClass::Speech, &roles.verb_lemma(speech))
    {
        return Vec::new();
    }
    let speakers: Vec<usize> = roles
        .subject_heads(speech)
        .into_iter()
        .flat_map(|h| roles.phrase_actors(h))
        .collect();
    let mut failed: Vec<usize> = group
        .iter()
        .flat_map(|&g| v.children[g].iter().copied())
        .filter(|&c| v.deprel(c) == "nsubj")
        .flat_map(|h| roles.phrase_actors(h))
        .collect();
    if failed.is_empty() {
        failed = roles.linear_subject(main_verb(v, &group, m), &speakers);
    }
    dedup_keep_order(&mut failed);
    let cues = Cues {
        negated: false,
        modality: Modality::Asserted,
        attribution: Vec::new(),
    };
    let main = group.iter().copied().find(|&g| g != m).unwrap_or(m);
    let text = format!(
        "{} {}",
        v.tokens[m].text(&v.doc.text),
        v.tokens[main].text(&v.doc.text)
    );
    speakers
        .iter()
        .flat_map(|&s| failed.iter().map(move |&o| (s, o)))
        .filter(|&(s, o)| code_of(v, s) != code_of(v, o))
        .map(|(s, o)| {
            build(
                v,
                Built {
                    trigger: main,
                    trigger_text: &text,
                    category: Category::Accuse,
                    mode: Some("counterfactual".into()),
                    source: s,
                    target: Some(o),
                    cues: &cues,
                    confidence: 0.6,
                },
            )
        })
        .collect()
}

/// `X zei dat het gebeurt, of Y het wil of niet`: going ahead regardless of
/// another's will is a threat to that other.
fn defiance_threat(roles: &Roles, t: usize) -> Vec<Event> {
    let v = roles.view;
    if !matches!(v.lemmas[t].as_str(), "willen" | "bevallen" | "leuk") {
        return Vec::new();
    }
    let after = |k: usize| v.forms.get(t + k).map(String::as_str);
    if after(1) != Some("of") || !matches!(after(2), Some("niet" | "geen")) {
        return Vec::new();
    }
    let Some(start) = (t.saturating_sub(6)..t).rev().find(|&i| v.forms[i] == "of") else {
        return Vec::new();
    };
    let Some(target) = (start + 1..t).find_map(|i| v.mention_at[i]) else {
        return Vec::new();
    };
    let speakers: Vec<usize> = (0..start)
        .rev()
        .filter(|&i| v.is_verbal(i) && roles.lex.has_word(WordClass::Speech, &roles.verb_lemma(i)))
        .take(1)
        .flat_map(|s| roles.subject_heads(s))
        .flat_map(|h| roles.phrase_actors(h))
        .collect();
    let cues = Cues::default();
    let text = v.forms[start..=t + 2].join(" ");
    speakers
        .into_iter()
        .filter(|&s| code_of(v, s) != code_of(v, target))
        .map(|s| {
            build(
                v,
                Built {
                    trigger: t,
                    trigger_text: &text,
                    category: Category::Threaten,
                    mode: Some("defiance".into()),
                    source: s,
                    target: Some(target),
                    cues: &cues,
                    confidence: 0.6,
                },
            )
        })
        .collect()
}

fn main_verb(v: &SentenceView, group: &[usize], m: usize) -> usize {
    group
        .iter()
        .copied()
        .filter(|&g| g != m && v.is_verbal(g))
        .max()
        .unwrap_or(m)
}

/// `X noemt de actie vijandig`, `Y protesteert tegen dit besluit`: a
/// definite act noun with no actor of its own, as the object (or the `op`/
/// `tegen` phrase) of the trigger, stands for what the actor of a recent
/// sentence did. Only one candidate actor other than the source may remain;
/// two or more are ambiguous and give nothing.
fn act_antecedents(roles: &Roles, t: usize, acts: &[usize], sources: &[usize]) -> Vec<usize> {
    let v = roles.view;
    if acts.is_empty() || !v.is_verbal(t) {
        return Vec::new();
    }
    // The small clause of `noemde de stap provocerend` may hang the object
    // on the predicate (`xcomp`).
    let predicates = v.children[t]
        .iter()
        .copied()
        .filter(|&c| v.rel(c) == "xcomp");
    let phrases: Vec<usize> = std::iter::once(t)
        .chain(predicates)
        .flat_map(|h| roles.object_heads(h))
        .chain(
            v.children[t]
                .iter()
                .copied()
                .filter(|&c| v.rel(c) == "obl" && matches!(v.case_of(c), Some("op" | "tegen"))),
        )
        .collect();
    let definite = |n: usize| {
        v.children[n].iter().any(|&d| {
            matches!(v.rel(d), "det" | "nmod")
                && matches!(
                    v.forms[d].as_str(),
                    "de" | "het"
                        | "deze"
                        | "dit"
                        | "die"
                        | "dat"
                        | "zo'n"
                        | "the"
                        | "this"
                        | "that"
                )
        })
    };
    let act_phrase = phrases.into_iter().any(|o| {
        roles.lex.has_word(WordClass::Act, &v.lemmas[o])
            && definite(o)
            && roles.phrase_actors(o).is_empty()
    });
    if !act_phrase {
        return Vec::new();
    }
    let source_codes: HashSet<Option<&str>> = sources.iter().map(|&s| code_of(v, s)).collect();
    let mut candidates: Vec<usize> = acts
        .iter()
        .copied()
        .filter(|&a| !source_codes.contains(&code_of(v, a)))
        .collect();
    dedup_keep_order(&mut candidates);
    if distinct_codes(v, &candidates) == 1 {
        candidates.truncate(1);
        candidates
    } else {
        Vec::new()
    }
}

/// A complement clause opened by `dat`.
fn is_dat_clause(v: &SentenceView, clause: usize) -> bool {
    v.rel(clause) == "ccomp"
        && v.children[clause]
            .iter()
            .any(|&c| v.rel(c) == "mark" && v.lemmas[c] == "dat")
}

/// `X eist dat Y de sancties opheft`: whom a demand, request or appeal
/// addresses is the subject of the `dat` clause it asks for.
fn addressee_of_demanded_clause(roles: &Roles, trigger: usize) -> Vec<usize> {
    let v = roles.view;
    if !v.is_verbal(trigger) {
        return Vec::new();
    }
    v.children[trigger]
        .iter()
        .copied()
        .filter(|&c| v.is_verbal(c) && is_dat_clause(v, c))
        .flat_map(|c| roles.fill(c, &[Slot::Subj], &[]))
        .collect()
}

/// `Rusland ontkende dat het ... had gedeporteerd`: an unresolved `het`,
/// `zij` or `ze` subjecting a `dat` clause stands for the subject of the
/// verb that clause completes.
fn matrix_subject(roles: &Roles, trigger: usize, subjects: &[usize]) -> Vec<usize> {
    let v = roles.view;
    let Some(&s) = subjects.first() else {
        return Vec::new();
    };
    if v.upos(s) != "PRON"
        || v.mention_at[s].is_some()
        || !matches!(v.forms[s].as_str(), "het" | "zij" | "ze")
    {
        return Vec::new();
    }
    let mut clause = trigger;
    while v.rel(clause) == "conj" {
        match v.heads[clause] {
            Some(h) => clause = h,
            None => return Vec::new(),
        }
    }
    let completes = is_dat_clause(v, clause);
    match v.heads[clause] {
        Some(matrix) if completes && v.is_verbal(matrix) => roles.fill(matrix, &[Slot::Subj], &[]),
        _ => Vec::new(),
    }
}

/// An unresolved subject pronoun stands for the previous sentence's
/// actors: `ze`/`zij` for all of them, `hij`/`zij` for a single one.
fn pronoun_antecedents(v: &SentenceView, subjects: &[usize], previous: &[usize]) -> Vec<usize> {
    let Some(&s) = subjects.first() else {
        return Vec::new();
    };
    if v.upos(s) != "PRON" || v.mention_at[s].is_some() || previous.is_empty() {
        return Vec::new();
    }
    match v.forms[s].as_str() {
        "ze" | "zij" if distinct_codes(v, previous) >= 2 => previous.to_vec(),
        "hij" | "zij" | "ze" if distinct_codes(v, previous) == 1 => previous[..1].to_vec(),
        _ => Vec::new(),
    }
}

fn code_of<'a>(v: &'a SentenceView, m: usize) -> Option<&'a str> {
    v.doc
        .mentions
        .get(m)
        .and_then(|m| m.code.as_deref().or(m.actor_id.as_deref()))
}

fn distinct_codes(v: &SentenceView, ms: &[usize]) -> usize {
    let codes: HashSet<Option<&str>> = ms.iter().map(|&m| code_of(v, m)).collect();
    codes.len()
}

struct Built<'b> {
    trigger: usize,
    trigger_text: &'b str,
    category: Category,
    mode: Option<String>,
    source: usize,
    target: Option<usize>,
    cues: &'b Cues,
    confidence: f32,
}

fn actor(v: &SentenceView, m: usize) -> Option<EventActor> {
    let m = v.doc.mentions.get(m)?;
    Some(EventActor {
        id: m.actor_id.clone(),
        name: m.name.clone(),
        text: m.span.slice(&v.doc.text).to_string(),
        country: m.code.clone(),
        sector: m.sector.clone(),
    })
}

fn build(v: &SentenceView, b: Built) -> Event {
    let doc = v.doc;
    let span = doc
        .sentences
        .get(v.index)
        .map(|s| s.span)
        .unwrap_or_default();
    let trigger_span: Span = v.tokens[b.trigger].span;
    let source = actor(v, b.source);
    let target = b.target.and_then(|m| actor(v, m));
    let code = |a: &Option<EventActor>| {
        a.as_ref()
            .and_then(|a| a.country.clone().or(a.id.clone()))
            .unwrap_or_else(|| "-".into())
    };
    let event_id = format!(
        "{}:s{}:b{}:{}>{}:{}",
        doc.id,
        v.index,
        trigger_span.start,
        code(&source),
        code(&target),
        b.category
    );
    let dated = kroniek_time::attach(doc, v.index, v.base + b.trigger);
    let attribution = b
        .cues
        .attribution
        .iter()
        .find(|&&m| Some(m) != Some(b.source))
        .and_then(|&m| actor(v, m));
    // `Volgende maand bezoekt X Y`: a present tense dated after the
    // document by its own clause is announced, not done.
    let present = v.is_verbal(b.trigger)
        && std::iter::once(b.trigger)
            .chain(
                v.children[b.trigger]
                    .iter()
                    .copied()
                    .filter(|&c| v.rel(c) == "aux"),
            )
            .any(|t| v.feats(t).contains("Tense=Pres"));
    let after_the_document = present
        && dated.rule == "clause-timex"
        && match (&dated.value, &doc.date) {
            (Some(event), Some(document)) => event.begin > document.value.end,
            _ => false,
        };
    let modality = if b.cues.modality == Modality::Asserted && after_the_document {
        Modality::Future
    } else {
        b.cues.modality
    };
    let mut confidence = b.confidence;
    if modality != Modality::Asserted {
        confidence *= 0.9;
    }
    let score = b.category.score_in_mode(b.mode.as_deref());
    Event {
        event_id,
        doc_id: doc.id.clone(),
        sentence_index: v.index as u32,
        sentence: span.slice(&doc.text).to_string(),
        span,
        trigger: b.trigger_text.to_string(),
        trigger_span,
        date: dated.value.as_ref().map(|d| d.value.clone()),
        date_precision: dated.value.as_ref().map(|d| d.precision),
        date_rule: dated.rule.to_string(),
        source,
        target,
        category: b.category,
        mode: b.mode,
        quad_class: b.category.quad_class(),
        score,
        negated: b.cues.negated,
        modality,
        attribution,
        confidence,
        coder_version: CODER_VERSION.to_string(),
    }
}
