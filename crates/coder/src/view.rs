//! A sentence seen as a dependency tree with the actor mentions laid over it.

use kroniek_model::{Document, Mention, Token};

/// Dependency relations that open a new clause: actors and cues inside them
/// belong to another predicate.
const CLAUSAL: [&str; 7] = [
    "ccomp",
    "xcomp",
    "advcl",
    "acl",
    "parataxis",
    "csubj",
    "discourse",
];

pub(crate) struct SentenceView<'a> {
    pub doc: &'a Document,
    pub index: usize,
    pub tokens: &'a [Token],
    /// Index of the sentence's first token in `Document::tokens`.
    pub base: usize,
    pub heads: Vec<Option<usize>>,
    /// Relations after [`crate::repair`].
    pub deprels: Vec<kroniek_model::CompactString>,
    pub upos: Vec<kroniek_model::CompactString>,
    pub children: Vec<Vec<usize>>,
    /// Lowercased lemma without Alpino's compound separators (`op_roepen` → `oproepen`).
    pub lemmas: Vec<String>,
    pub forms: Vec<String>,
    /// The coded mention (index into `Document::mentions`) covering each token.
    pub mention_at: Vec<Option<usize>>,
    /// Whether each token lies inside a time expression (`vorig jaar`).
    in_time: Vec<bool>,
}

pub(crate) fn normalise_lemma(s: &str) -> String {
    s.to_lowercase().replace('_', "")
}

impl<'a> SentenceView<'a> {
    pub fn new(doc: &'a Document, index: usize) -> Option<Self> {
        let sentence = doc.sentences.get(index)?;
        let tokens = doc.sentence_tokens(index);
        if tokens.is_empty() {
            return None;
        }
        let n = tokens.len();
        let heads: Vec<Option<usize>> = tokens
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let h = t.head as usize;
                (h >= 1 && h <= n && h - 1 != i).then(|| h - 1)
            })
            .collect();
        let forms: Vec<String> = tokens
            .iter()
            .map(|t| t.form(&doc.text).to_lowercase())
            .collect();
        let lemmas: Vec<String> = tokens
            .iter()
            .zip(&forms)
            .map(|(t, f)| {
                if t.lemma.is_empty() {
                    f.clone()
                } else {
                    normalise_lemma(&t.lemma)
                }
            })
            .collect();
        let base = sentence.token_start as usize;
        let mut mention_at = vec![None; n];
        for (mi, m) in doc.mentions.iter().enumerate() {
            if m.sentence as usize != index || !is_actor(m) {
                continue;
            }
            for g in m.token_start..m.token_end {
                let local = (g as usize).checked_sub(base);
                if let Some(slot) = local.and_then(|l| mention_at.get_mut(l)) {
                    // Longer mentions (the whole `minister van X`) win over parts only
                    // when nothing was there; nested codes are found through the tree.
                    slot.get_or_insert(mi);
                }
            }
        }
        // Once per sentence: which tokens lie inside one of its time expressions.
        let sentence_span = doc.sentences.get(index).map(|s| s.span);
        let timexes: Vec<_> = doc
            .timexes
            .iter()
            .filter(|x| sentence_span.is_none_or(|s| x.span.start < s.end && s.start < x.span.end))
            .collect();
        let in_time: Vec<bool> = tokens
            .iter()
            .map(|t| {
                timexes
                    .iter()
                    .any(|x| x.span.start <= t.span.start && t.span.end <= x.span.end)
            })
            .collect();
        let mut tree = crate::repair::Tree {
            heads,
            deprels: tokens.iter().map(|t| t.deprel.clone()).collect(),
            upos: tokens.iter().map(|t| t.upos.clone()).collect(),
            forms: &forms,
            lemmas: &lemmas,
            feats: tokens.iter().map(|t| t.feats.as_str()).collect(),
            mentions: &mention_at,
            in_time: &in_time,
            mention_of: mention_at
                .iter()
                .map(|m| m.and_then(|m| doc.mentions.get(m)))
                .collect(),
        };
        tree.repair();
        let crate::repair::Tree {
            heads,
            deprels,
            upos,
            ..
        } = tree;
        let mut children = vec![Vec::new(); n];
        for (i, h) in heads.iter().enumerate() {
            if let Some(h) = h {
                children[*h].push(i);
            }
        }
        Some(SentenceView {
            doc,
            index,
            tokens,
            base,
            heads,
            deprels,
            upos,
            children,
            lemmas,
            forms,
            mention_at,
            in_time,
        })
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn deprel(&self, i: usize) -> &str {
        &self.deprels[i]
    }

    /// The universal part of the relation (`nsubj:pass` → `nsubj`).
    pub fn rel(&self, i: usize) -> &str {
        let d = self.deprel(i);
        d.split(':').next().unwrap_or(d)
    }

    pub fn upos(&self, i: usize) -> &str {
        &self.upos[i]
    }

    pub fn feats(&self, i: usize) -> &str {
        &self.tokens[i].feats
    }

    /// The preposition of a phrase: its `case` child (`van`, `tegen`), or the
    /// word just before it when the parser attached nothing.
    pub fn case_of(&self, i: usize) -> Option<&str> {
        // The nearest one: an earlier `case` is a stray particle the parser
        // hung on the noun (`zegt het vertrouwen op in X`).
        self.children[i]
            .iter()
            .filter(|&&c| self.rel(c) == "case" && c < i)
            .max()
            .map(|&c| self.lemmas[c].as_str())
    }

    /// Whether `i` heads an embedded clause. A predicative `xcomp` without a
    /// verb (`hield X verantwoordelijk`) stays in its governor's clause.
    pub fn is_clausal(&self, i: usize) -> bool {
        let r = self.rel(i);
        match r {
            "xcomp" => self.is_verbal(i),
            "conj" => self.is_verbal(i),
            _ => CLAUSAL.contains(&r),
        }
    }

    pub fn is_verbal(&self, i: usize) -> bool {
        matches!(self.upos(i), "VERB" | "AUX")
    }

    /// Tokens of the clause headed by `i`: its subtree without embedded clauses.
    pub fn clause(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut stack = vec![i];
        while let Some(t) = stack.pop() {
            for &c in &self.children[t] {
                if !self.is_clausal(c) {
                    out.push(c);
                    stack.push(c);
                }
            }
        }
        out.sort_unstable();
        out
    }

    pub fn subtree(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut stack = vec![i];
        while let Some(t) = stack.pop() {
            for &c in &self.children[t] {
                out.push(c);
                stack.push(c);
            }
        }
        out.sort_unstable();
        out
    }

    /// Relative pronouns (`die`, `dat`, `waar`) point to the noun their clause modifies.
    pub fn is_relative(&self, i: usize) -> bool {
        self.feats(i).contains("PronType=Rel")
            || (matches!(
                self.forms[i].as_str(),
                "die" | "dat" | "wat" | "welke" | "wie"
            ) && self.upos(i) == "PRON")
    }

    /// The noun a relative clause headed by `clause_head` modifies.
    pub fn antecedent(&self, clause_head: usize) -> Option<usize> {
        (self.deprel(clause_head) == "acl:relcl" || self.deprel(clause_head) == "acl")
            .then(|| self.heads[clause_head])
            .flatten()
    }

    /// Whether token `i` lies inside a time expression (`vorig jaar`).
    pub fn in_timex(&self, i: usize) -> bool {
        self.in_time.get(i).copied().unwrap_or(false)
    }

    pub fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let mut cur = self.heads[i];
        let mut steps = 0;
        std::iter::from_fn(move || {
            let h = cur?;
            steps += 1;
            if steps > self.len() {
                return None;
            }
            cur = self.heads[h];
            Some(h)
        })
    }
}

/// Mentions the coder can use as actors: linked to a state or organisation
/// code (an actor without one cannot be told apart from its counterpart).
fn is_actor(m: &Mention) -> bool {
    m.code.as_deref().is_some_and(|c| !c.is_empty())
}
