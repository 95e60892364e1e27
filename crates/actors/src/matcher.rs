//! A word trie over folded registry names and cue words, for leftmost-longest
//! matching over the words of a sentence, plus a one-edit index of state
//! names for misspellings (`Kazachtstan`).

use rustc_hash::{FxHashMap, FxHashSet};

use crate::normalize::{CaseRule, case_rule, fold, words};
use crate::registry::{Actor, ActorKind, Cue, NameEntry, Role};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// Index into `Registry::names`.
    Name(u32),
    /// Index into `Registry::cues`.
    Cue(u32),
    /// A name that is no actor (`Latijns-Amerika`): matched only so that
    /// shorter names inside it (`Amerika`) are not.
    Ignore,
}

#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    pub target: Target,
    /// Index of the actor, for names.
    pub actor: u32,
    /// One case rule per word.
    pub cases: Vec<CaseRule>,
    /// Whether a genitive `-s` on the last word still matches (`Ruslands`).
    pub possessive: bool,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Matcher {
    vocab: FxHashMap<Box<str>, u32>,
    edges: FxHashMap<(u32, u32), u32>,
    terminals: Vec<Vec<u32>>,
    patterns: Vec<Pattern>,
    /// One-deletion variants of single-word state names → name indices.
    deletions: FxHashMap<Box<str>, Vec<u32>>,
    /// Name index → (folded form, actor index).
    fuzzy_forms: FxHashMap<u32, (Box<str>, u32)>,
}

const ROOT: u32 = 0;
const FUZZY_MIN_LEN: usize = 6;

impl Matcher {
    pub(crate) fn build(
        actors: &[Actor],
        defined: &[bool],
        by_id: &FxHashMap<String, usize>,
        names: &[NameEntry],
        cues: &[Cue],
        ignored: &[String],
    ) -> Matcher {
        let mut m = Matcher {
            terminals: vec![Vec::new()],
            ..Default::default()
        };
        let shadowed: FxHashSet<String> = names
            .iter()
            .filter(|n| n.user)
            .map(|n| fold_words(&n.form).join(" "))
            .chain(
                cues.iter()
                    .filter(|c| c.user)
                    .map(|c| fold_words(&c.form).join(" ")),
            )
            .collect();
        let is_shadowed =
            |form: &str, user: bool| !user && shadowed.contains(&fold_words(form).join(" "));
        for (i, entry) in names.iter().enumerate() {
            let Some(&actor) = by_id.get(&entry.actor) else {
                continue;
            };
            if !defined.get(actor).copied().unwrap_or(false) || is_shadowed(&entry.form, entry.user)
            {
                continue;
            }
            let possessive = entry.role == Role::Name && !entry.form.ends_with('s');
            m.insert(
                &entry.form,
                Target::Name(i as u32),
                actor as u32,
                true,
                possessive,
            );
            let single_state_name = entry.role == Role::Name
                && actors[actor].kind == ActorKind::State
                && words(&entry.form).len() == 1;
            if single_state_name {
                m.index_fuzzy(&entry.form, i as u32, actor as u32);
            }
        }
        for (i, cue) in cues.iter().enumerate() {
            if is_shadowed(&cue.form, cue.user) {
                continue;
            }
            m.insert(&cue.form, Target::Cue(i as u32), u32::MAX, false, false);
        }
        for form in ignored {
            m.insert(form, Target::Ignore, u32::MAX, true, false);
        }
        m
    }

    fn word_id_or_insert(&mut self, folded: String) -> u32 {
        let next = self.vocab.len() as u32;
        *self.vocab.entry(folded.into_boxed_str()).or_insert(next)
    }

    fn insert(
        &mut self,
        form: &str,
        target: Target,
        actor: u32,
        case_sensitive: bool,
        possessive: bool,
    ) {
        let spans = words(form);
        if spans.is_empty() {
            return;
        }
        let mut node = ROOT;
        let mut cases = Vec::with_capacity(spans.len());
        for w in &spans {
            let text = &form[w.start..w.end];
            cases.push(if case_sensitive {
                case_rule(text)
            } else {
                CaseRule::Any
            });
            let id = self.word_id_or_insert(fold(text));
            node = match self.edges.get(&(node, id)) {
                Some(&child) => child,
                None => {
                    let child = self.terminals.len() as u32;
                    self.terminals.push(Vec::new());
                    self.edges.insert((node, id), child);
                    child
                }
            };
        }
        let index = self.patterns.len() as u32;
        self.patterns.push(Pattern {
            target,
            actor,
            cases,
            possessive,
        });
        self.terminals[node as usize].push(index);
    }

    fn index_fuzzy(&mut self, form: &str, name: u32, actor: u32) {
        let folded = fold(form);
        if folded.chars().count() < FUZZY_MIN_LEN {
            return;
        }
        for variant in deletion_variants(&folded) {
            let list = self.deletions.entry(variant.into_boxed_str()).or_default();
            if !list.contains(&name) {
                list.push(name);
            }
        }
        self.fuzzy_forms
            .insert(name, (folded.into_boxed_str(), actor));
    }

    pub(crate) fn word(&self, folded: &str) -> Option<u32> {
        self.vocab.get(folded).copied()
    }

    pub(crate) fn child(&self, node: u32, word: u32) -> Option<u32> {
        self.edges.get(&(node, word)).copied()
    }

    pub(crate) fn root() -> u32 {
        ROOT
    }

    pub(crate) fn patterns_at(&self, node: u32) -> &[u32] {
        self.terminals
            .get(node as usize)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    pub(crate) fn pattern(&self, index: u32) -> &Pattern {
        &self.patterns[index as usize]
    }

    /// A state name within one edit (insertion, deletion, substitution or
    /// adjacent transposition) of `folded`, if all such names belong to one state.
    pub(crate) fn fuzzy(&self, folded: &str) -> Option<u32> {
        if folded.chars().count() < FUZZY_MIN_LEN + 1 {
            return None;
        }
        let mut found: Option<(u32, u32)> = None;
        let mut probes = deletion_variants(folded);
        probes.push(folded.to_string());
        for probe in probes {
            for &name in self
                .deletions
                .get(probe.as_str())
                .map(Vec::as_slice)
                .unwrap_or(&[])
            {
                let Some((form, actor)) = self.fuzzy_forms.get(&name) else {
                    continue;
                };
                if found.is_some_and(|(_, a)| a == *actor) || !within_one_edit(folded, form) {
                    continue;
                }
                if found.is_some() {
                    return None;
                }
                found = Some((name, *actor));
            }
        }
        found.map(|(name, _)| name)
    }
}

fn fold_words(form: &str) -> Vec<String> {
    words(form)
        .iter()
        .map(|w| fold(&form[w.start..w.end]))
        .collect()
}

fn deletion_variants(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = vec![s.to_string()];
    for skip in 0..chars.len() {
        out.push(
            chars
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, c)| c)
                .collect(),
        );
    }
    out
}

/// Optimal string alignment distance ≤ 1.
fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a == b {
        return false;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    match ra.len() as isize - rb.len() as isize {
        0 => {
            ra[1..] == rb[1..]
                || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        1 => ra[1..] == *rb,
        -1 => *ra == rb[1..],
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit() {
        assert!(within_one_edit("kazachtstan", "kazachstan"));
        assert!(within_one_edit("oezbekistna", "oezbekistan"));
        assert!(within_one_edit("turkjie", "turkije"));
        assert!(!within_one_edit("kazachstan", "kazachstan"));
        assert!(!within_one_edit("tadzjikistan", "kazachstan"));
    }
}
