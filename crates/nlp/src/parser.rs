//! Arc-hybrid transition parser (ROOT at the end of the buffer, so the tree
//! has exactly one root) with averaged perceptrons: one scores the three
//! transitions, another the label of each new arc. Trained with the dynamic
//! oracle of Goldberg & Nivre (2013) on projectivised trees.

use serde::{Deserialize, Serialize};

use crate::perceptron::{QuantTable, SplitMix, TrainTable, argmax_f32, argmax_i32, feat, mix};

const SHIFT: usize = 0;
const LEFT: usize = 1;
const RIGHT: usize = 2;
const NONE: usize = usize::MAX;
/// Gold head of a word whose arc is unknown (partial silver trees).
pub const UNKNOWN_HEAD: usize = NONE;
/// Gold label of an arc whose label is unknown.
pub const UNKNOWN_LABEL: u8 = u8::MAX;

/// What the parser knows about one token: hashes of its lowercased form,
/// UPOS and UPOS+feats.
#[derive(Clone, Copy, Default)]
pub struct ParseToken {
    pub word: u64,
    pub pos: u64,
    pub fine: u64,
}

#[derive(Clone, Serialize, Deserialize)]
pub struct Parser {
    pub labels: Vec<String>,
    pub transitions: QuantTable,
    pub arc_labels: QuantTable,
    pub label_features: LabelFeatures,
}

/// What the arc-label model looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LabelFeatures {
    /// Every configuration feature, tied to the arc direction (format 2).
    Configuration,
    /// A smaller set about the arc itself: head and dependent, the
    /// dependent's finished subtree, the head's children so far, the words
    /// around the dependent (a third of the lookups).
    Arc,
}

/// The configuration: tokens are 1..=n, 0 is ROOT and sits after the buffer.
pub struct State {
    n: usize,
    stack: Vec<usize>,
    next: usize,
    pub heads: Vec<usize>,
    pub labels: Vec<u8>,
    left: Vec<[usize; 2]>,
    right: Vec<[usize; 2]>,
    left_count: Vec<u8>,
    right_count: Vec<u8>,
    left_labels: Vec<u64>,
    right_labels: Vec<u64>,
}

impl State {
    pub fn new(n: usize) -> State {
        let mut s = State {
            n,
            stack: Vec::with_capacity(n),
            next: 1,
            heads: Vec::new(),
            labels: Vec::new(),
            left: Vec::new(),
            right: Vec::new(),
            left_count: Vec::new(),
            right_count: Vec::new(),
            left_labels: Vec::new(),
            right_labels: Vec::new(),
        };
        s.reset(n);
        s
    }

    pub fn reset(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.next = 1;
        self.heads.clear();
        self.heads.resize(n + 1, NONE);
        self.labels.clear();
        self.labels.resize(n + 1, 0);
        for v in [&mut self.left, &mut self.right] {
            v.clear();
            v.resize(n + 1, [NONE; 2]);
        }
        for v in [&mut self.left_count, &mut self.right_count] {
            v.clear();
            v.resize(n + 1, 0);
        }
        for v in [&mut self.left_labels, &mut self.right_labels] {
            v.clear();
            v.resize(n + 1, 0);
        }
    }

    fn b0(&self) -> usize {
        if self.next <= self.n { self.next } else { 0 }
    }

    fn buffer_at(&self, k: usize) -> usize {
        let i = self.next + k;
        if i <= self.n {
            i
        } else if i == self.n + 1 {
            0
        } else {
            NONE
        }
    }

    fn stack_at(&self, k: usize) -> usize {
        if k < self.stack.len() {
            self.stack[self.stack.len() - 1 - k]
        } else {
            NONE
        }
    }

    pub fn is_terminal(&self) -> bool {
        self.stack.is_empty() && self.next > self.n
    }

    fn legal(&self, t: usize) -> bool {
        match t {
            SHIFT => self.next <= self.n,
            LEFT => !self.stack.is_empty() && (self.next <= self.n || self.stack.len() == 1),
            _ => self.stack.len() >= 2,
        }
    }

    fn in_buffer(&self, x: usize) -> bool {
        x == 0 || (x != NONE && x >= self.next)
    }

    /// Gold arcs lost by each transition (dynamic oracle), `gold` 1-based.
    fn costs(&self, gold: &[usize]) -> [i32; 3] {
        let mut costs = [i32::MAX; 3];
        let (s0, s1, b0) = (self.stack_at(0), self.stack_at(1), self.b0());
        if self.legal(SHIFT) {
            let lost_children = self.stack.iter().filter(|&&s| gold[s] == b0).count() as i32;
            let h = gold[b0];
            let lost_head = (h != s0 && self.stack.contains(&h)) as i32;
            costs[SHIFT] = lost_children + lost_head;
        }
        if s0 != NONE {
            let buffer_children = (self.next..=self.n).filter(|&d| gold[d] == s0).count() as i32;
            let h = gold[s0];
            if self.legal(LEFT) {
                let lost = h != b0 && ((s1 != NONE && h == s1) || self.in_buffer(h));
                costs[LEFT] = buffer_children + lost as i32;
            }
            if self.legal(RIGHT) {
                let lost = h != s1 && self.in_buffer(h);
                costs[RIGHT] = buffer_children + lost as i32;
            }
        }
        costs
    }

    /// The arc a transition would make: (head, dependent).
    fn arc(&self, t: usize) -> (usize, usize) {
        match t {
            LEFT => (self.b0(), self.stack_at(0)),
            _ => (self.stack_at(1), self.stack_at(0)),
        }
    }

    fn apply(&mut self, t: usize, label: u8) {
        match t {
            SHIFT => {
                self.stack.push(self.next);
                self.next += 1;
            }
            _ => {
                let (head, dep) = self.arc(t);
                self.stack.pop();
                self.heads[dep] = head;
                self.labels[dep] = label;
                let bit = 1u64 << (label % 64);
                let head_pos = if head == 0 { self.n + 1 } else { head };
                if dep < head_pos {
                    let l = &mut self.left[head];
                    if l[0] == NONE || dep < l[0] {
                        l[1] = l[0];
                        l[0] = dep;
                    } else if l[1] == NONE || dep < l[1] {
                        l[1] = dep;
                    }
                    self.left_count[head] = self.left_count[head].saturating_add(1);
                    self.left_labels[head] |= bit;
                } else {
                    let r = &mut self.right[head];
                    if r[0] == NONE || dep > r[0] {
                        r[1] = r[0];
                        r[0] = dep;
                    } else if r[1] == NONE || dep > r[1] {
                        r[1] = dep;
                    }
                    self.right_count[head] = self.right_count[head].saturating_add(1);
                    self.right_labels[head] |= bit;
                }
            }
        }
    }
}

const ABSENT: ParseToken = ParseToken {
    word: 0xa1,
    pos: 0xa2,
    fine: 0xa3,
};
const ROOT_TOKEN: ParseToken = ParseToken {
    word: 0xb1,
    pos: 0xb2,
    fine: 0xb3,
};

impl State {
    /// The token at position `x` (ROOT and absent positions have their own).
    fn token(&self, tokens: &[ParseToken], x: usize) -> ParseToken {
        match x {
            NONE => ABSENT,
            0 => ROOT_TOKEN,
            _ => tokens.get(x - 1).copied().unwrap_or(ABSENT),
        }
    }

    /// The label of the arc into `x` so far (0xff: no position).
    fn label_of(&self, x: usize) -> u64 {
        if x == NONE {
            0xff
        } else {
            u64::from(self.labels[x])
        }
    }

    /// The `k`-th outermost child of `x` on one side.
    fn kid(&self, x: usize, side: &[[usize; 2]], k: usize) -> usize {
        if x == NONE { NONE } else { side[x][k] }
    }

    /// The set of labels of `x`'s children on one side, as bits.
    fn label_set(&self, side: &[u64], x: usize) -> u64 {
        if x == NONE { 1 } else { side[x] }
    }
}

/// Configuration features (Zhang & Nivre 2011 style).
pub fn features(state: &State, tokens: &[ParseToken], out: &mut Vec<u64>) {
    out.clear();
    let tok = |x: usize| state.token(tokens, x);
    let label = |x: usize| state.label_of(x);
    let kid = |x: usize, side: &Vec<[usize; 2]>, k: usize| state.kid(x, side, k);
    let (s0i, s1i, s2i) = (state.stack_at(0), state.stack_at(1), state.stack_at(2));
    let (b0i, b1i, b2i) = (state.buffer_at(0), state.buffer_at(1), state.buffer_at(2));
    let (s0, s1, s2, b0, b1, b2) = (tok(s0i), tok(s1i), tok(s2i), tok(b0i), tok(b1i), tok(b2i));
    let s0l = kid(s0i, &state.left, 0);
    let s0r = kid(s0i, &state.right, 0);
    let s0l2 = kid(s0i, &state.left, 1);
    let s0r2 = kid(s0i, &state.right, 1);
    let s1l = kid(s1i, &state.left, 0);
    let s1r = kid(s1i, &state.right, 0);
    let b0l = kid(b0i, &state.left, 0);
    let b0l2 = kid(b0i, &state.left, 1);
    let pos_of = |x: usize| if x == 0 { state.n + 1 } else { x };
    let dist = if s0i != NONE && b0i != NONE {
        (pos_of(b0i) - s0i).min(6) as u64
    } else {
        7
    };
    let dist1 = if s0i != NONE && s1i != NONE {
        (s0i - s1i).min(6) as u64
    } else {
        7
    };
    let count = |v: &Vec<u8>, x: usize| if x == NONE { 9 } else { u64::from(v[x]) };
    let set = |v: &Vec<u64>, x: usize| state.label_set(v, x);
    let mut f = |id: u64, a: u64, b: u64, c: u64| out.push(feat(id, a, b, c));
    f(1, s0.word, 0, 0);
    f(2, s0.pos, 0, 0);
    f(3, s0.word, s0.pos, 0);
    f(4, s1.word, 0, 0);
    f(5, s1.pos, 0, 0);
    f(6, s1.word, s1.pos, 0);
    f(7, s2.pos, 0, 0);
    f(8, b0.word, 0, 0);
    f(9, b0.pos, 0, 0);
    f(10, b0.word, b0.pos, 0);
    f(11, b1.word, 0, 0);
    f(12, b1.pos, 0, 0);
    f(13, b1.word, b1.pos, 0);
    f(14, b2.pos, 0, 0);
    f(15, b2.word, 0, 0);
    f(16, mix(s0.word, s0.pos), b0.word, b0.pos);
    f(17, mix(s0.word, s0.pos), b0.word, 0);
    f(18, s0.word, b0.word, b0.pos);
    f(19, mix(s0.word, s0.pos), b0.pos, 0);
    f(20, s0.pos, b0.word, b0.pos);
    f(21, s0.word, b0.word, 0);
    f(22, s0.pos, b0.pos, 0);
    f(23, b0.pos, b1.pos, 0);
    f(24, s1.pos, s0.pos, 0);
    f(25, s1.word, s0.word, 0);
    f(26, s1.word, s0.pos, 0);
    f(27, s1.pos, s0.word, 0);
    f(28, s1.pos, s0.pos, b0.pos);
    f(29, b0.pos, b1.pos, b2.pos);
    f(30, s0.pos, b0.pos, b1.pos);
    f(31, s2.pos, s1.pos, s0.pos);
    f(32, s0.pos, tok(s0l).pos, b0.pos);
    f(33, s0.pos, tok(s0r).pos, b0.pos);
    f(34, s0.pos, b0.pos, tok(b0l).pos);
    f(35, s1.pos, tok(s1r).pos, s0.pos);
    f(36, s1.pos, s0.pos, tok(s0l).pos);
    f(37, s1.pos, s0.pos, tok(s0r).pos);
    f(38, s0.word, dist, 0);
    f(39, s0.pos, dist, 0);
    f(40, b0.word, dist, 0);
    f(41, b0.pos, dist, 0);
    f(42, mix(s0.word, b0.word), dist, 0);
    f(43, s0.pos, b0.pos, dist);
    f(44, s1.pos, s0.pos, dist1);
    f(45, s1.word, s0.word, dist1);
    f(46, s0.word, count(&state.right_count, s0i), 0);
    f(47, s0.pos, count(&state.right_count, s0i), 0);
    f(48, s0.word, count(&state.left_count, s0i), 0);
    f(49, s0.pos, count(&state.left_count, s0i), 0);
    f(50, b0.word, count(&state.left_count, b0i), 0);
    f(51, b0.pos, count(&state.left_count, b0i), 0);
    f(52, tok(s0l).word, 0, 0);
    f(53, tok(s0l).pos, 0, 0);
    f(54, label(s0l), 0, 0);
    f(55, tok(s0r).word, 0, 0);
    f(56, tok(s0r).pos, 0, 0);
    f(57, label(s0r), 0, 0);
    f(58, tok(b0l).word, 0, 0);
    f(59, tok(b0l).pos, 0, 0);
    f(60, label(b0l), 0, 0);
    f(61, tok(s1r).pos, label(s1r), 0);
    f(62, tok(s1l).pos, label(s1l), 0);
    f(63, tok(s0l2).pos, label(s0l2), 0);
    f(64, tok(s0r2).pos, label(s0r2), 0);
    f(65, tok(b0l2).pos, label(b0l2), 0);
    f(66, s0.pos, label(s0l), label(s0l2));
    f(67, s0.pos, label(s0r), label(s0r2));
    f(68, b0.pos, label(b0l), label(b0l2));
    f(69, s0.pos, set(&state.left_labels, s0i), 0);
    f(70, s0.pos, set(&state.right_labels, s0i), 0);
    f(71, b0.pos, set(&state.left_labels, b0i), 0);
    f(72, s1.pos, set(&state.right_labels, s1i), 0);
    f(73, s0.fine, 0, 0);
    f(74, s1.fine, 0, 0);
    f(75, b0.fine, 0, 0);
    f(76, b1.fine, 0, 0);
    f(77, s0.fine, b0.fine, 0);
    f(78, s1.fine, s0.fine, 0);
    f(79, s0.word, b0.fine, 0);
    f(80, s0.fine, b0.word, 0);
    f(81, 0, 0, 0);
}

/// Label features of the arc `transition` would make.
fn label_features(
    kind: LabelFeatures,
    state: &State,
    tokens: &[ParseToken],
    base: &[u64],
    transition: usize,
    out: &mut Vec<u64>,
) {
    out.clear();
    match kind {
        LabelFeatures::Configuration => {
            out.extend(base.iter().map(|&f| mix(f, transition as u64 + 0x77)));
        }
        LabelFeatures::Arc => arc_features(state, tokens, transition, out),
    }
}

/// Features of the arc itself. When an arc-hybrid transition attaches the
/// dependent (the top of the stack), its subtree is complete, so its
/// children's labels are known; the head's children so far are too.
fn arc_features(state: &State, tokens: &[ParseToken], transition: usize, out: &mut Vec<u64>) {
    let tok = |x: usize| state.token(tokens, x);
    let label = |x: usize| state.label_of(x);
    let kid = |x: usize, side: &Vec<[usize; 2]>, k: usize| state.kid(x, side, k);
    let set = |v: &Vec<u64>, x: usize| state.label_set(v, x);
    let (head, dep) = state.arc(transition);
    let (h, d) = (tok(head), tok(dep));
    let head_pos = if head == 0 { state.n + 1 } else { head };
    let dist = head_pos.abs_diff(dep).min(8) as u64;
    let before = if dep > 1 { tok(dep - 1) } else { ABSENT };
    let after = tok(if dep < state.n { dep + 1 } else { NONE });
    let (dl, dr) = (kid(dep, &state.left, 0), kid(dep, &state.right, 0));
    let (hl, hr) = (kid(head, &state.left, 0), kid(head, &state.right, 0));
    let dir = transition as u64;
    let mut f = |id: u64, a: u64, b: u64, c: u64| out.push(feat(id ^ (dir << 8), a, b, c));
    f(201, 0, 0, 0);
    f(202, h.word, 0, 0);
    f(203, h.pos, 0, 0);
    f(204, h.fine, 0, 0);
    f(205, d.word, 0, 0);
    f(206, d.pos, 0, 0);
    f(207, d.fine, 0, 0);
    f(208, h.pos, d.pos, 0);
    f(209, h.word, d.pos, 0);
    f(210, h.pos, d.word, 0);
    f(211, h.word, d.word, 0);
    f(212, h.fine, d.fine, 0);
    f(213, h.pos, d.pos, dist);
    f(214, d.pos, set(&state.left_labels, dep), 0);
    f(215, d.pos, set(&state.right_labels, dep), 0);
    f(216, d.pos, label(dl), tok(dl).word);
    f(217, d.pos, label(dr), tok(dr).pos);
    f(218, h.pos, d.pos, tok(dl).word);
    f(
        219,
        h.pos,
        set(&state.left_labels, head),
        set(&state.right_labels, head),
    );
    f(
        220,
        h.pos,
        d.pos,
        label(if dep < head_pos { hl } else { hr }),
    );
    f(221, d.pos, before.pos, after.pos);
    f(222, d.word, before.word, 0);
    f(223, h.pos, d.pos, before.word);
    f(
        224,
        d.fine,
        set(&state.left_labels, dep),
        set(&state.right_labels, dep),
    );
    f(225, h.word, d.pos, tok(dl).word);
    f(226, mix(d.pos, u64::from(dep == 1)), h.pos, 0);
    f(227, d.word, label(dl), 0);
    f(228, tok(state.stack_at(1)).pos, d.pos, h.pos);
    f(229, tok(state.buffer_at(0)).pos, d.pos, h.pos);
}

/// Reusable buffers for parsing one sentence after another.
pub struct ParseScratch {
    state: State,
    features: Vec<u64>,
    label_features: Vec<u64>,
    scores: Vec<i32>,
}

impl Default for ParseScratch {
    fn default() -> Self {
        ParseScratch {
            state: State::new(0),
            features: Vec::new(),
            label_features: Vec::new(),
            scores: Vec::new(),
        }
    }
}

impl Parser {
    /// Returns (head, label index) per token; heads are 1-based, 0 = root.
    pub fn parse(
        &self,
        tokens: &[ParseToken],
        scratch: &mut ParseScratch,
        out: &mut Vec<(u32, u8)>,
    ) {
        let n = tokens.len();
        scratch.state.reset(n);
        let state = &mut scratch.state;
        while !state.is_terminal() {
            features(state, tokens, &mut scratch.features);
            scratch.scores.resize(3, 0);
            self.transitions
                .score(&scratch.features, &mut scratch.scores);
            let Some(t) = argmax_i32(&scratch.scores, |t| state.legal(t)) else {
                break;
            };
            let mut label = 0u8;
            if t != SHIFT {
                label_features(
                    self.label_features,
                    state,
                    tokens,
                    &scratch.features,
                    t,
                    &mut scratch.label_features,
                );
                scratch.scores.resize(self.labels.len().max(1), 0);
                self.arc_labels
                    .score(&scratch.label_features, &mut scratch.scores);
                label = argmax_i32(&scratch.scores, |_| true).unwrap_or(0) as u8;
            }
            state.apply(t, label);
        }
        out.clear();
        out.extend((1..=n).map(|d| match state.heads[d] {
            NONE => (0, 0),
            h => (h as u32, state.labels[d]),
        }));
    }
}

/// Lifts arcs until the tree is projective (the lifted words keep their label).
pub fn projectivise(heads: &mut [usize]) {
    let n = heads.len().saturating_sub(1);
    let is_ancestor = |heads: &[usize], a: usize, mut x: usize| -> bool {
        for _ in 0..=n {
            // A chain through a word of unknown attachment may be fine.
            if x == a || x == NONE {
                return true;
            }
            if x == 0 || x >= heads.len() {
                return false;
            }
            x = heads[x];
        }
        false
    };
    for _ in 0..n * n {
        let mut worst: Option<(usize, usize)> = None;
        for d in 1..=n {
            let h = heads[d];
            if h == NONE {
                continue;
            }
            let (lo, hi) = if h < d { (h, d) } else { (d, h) };
            // Words of unknown attachment cannot make an arc cross.
            let crossing = (lo + 1..hi).any(|k| heads[k] != NONE && !is_ancestor(heads, h, k));
            if crossing && worst.is_none_or(|(_, len)| hi - lo < len) {
                worst = Some((d, hi - lo));
            }
        }
        match worst {
            // Lifting above a word of unknown attachment: leave this one unknown too.
            Some((d, _)) if heads[d] != 0 => heads[d] = heads[heads[d]],
            _ => return,
        }
    }
}

pub struct ParseExample {
    pub tokens: Vec<ParseToken>,
    /// 1-based heads with a dummy at index 0.
    pub heads: Vec<usize>,
    pub labels: Vec<u8>,
    /// Scale of this sentence's updates (below 1 for automatically parsed text).
    pub weight: f32,
}

impl ParseExample {
    /// A training tree from one head and label per word (1-based heads,
    /// 0 the root); `projective` lifts crossing arcs first.
    pub fn new(
        tokens: Vec<ParseToken>,
        heads: impl Iterator<Item = usize>,
        labels: impl Iterator<Item = u8>,
        weight: f32,
        projective: bool,
    ) -> Self {
        let mut all_heads = vec![0usize];
        all_heads.extend(heads);
        if projective {
            projectivise(&mut all_heads);
        }
        let mut all_labels = vec![0u8];
        all_labels.extend(labels);
        ParseExample {
            tokens,
            heads: all_heads,
            labels: all_labels,
            weight,
        }
    }
}

pub fn train(
    examples: &[ParseExample],
    labels: Vec<String>,
    epochs: usize,
    seed: u64,
    (transition_bits, label_bits): (u32, u32),
    kind: LabelFeatures,
    mut after_epoch: impl FnMut(usize, &Parser),
) -> Parser {
    let label_count = labels.len().max(1);
    let mut transitions = TrainTable::new(transition_bits, 3);
    let mut arc_labels = TrainTable::new(label_bits, label_count);
    let mut rng = SplitMix(seed ^ 0x5eed);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut state = State::new(0);
    let (mut feats, mut lfeats) = (Vec::new(), Vec::new());
    let mut scores = vec![0.0f32; 3];
    let mut label_scores = vec![0.0f32; label_count];
    let mut parser = Parser {
        labels: labels.clone(),
        transitions: transitions.finish(),
        arc_labels: arc_labels.finish(),
        label_features: kind,
    };
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        let explore = epoch > 0;
        for &e in &order {
            let ex = &examples[e];
            state.reset(ex.tokens.len());
            while !state.is_terminal() {
                features(&state, &ex.tokens, &mut feats);
                transitions.score(&feats, &mut scores);
                let costs = state.costs(&ex.heads);
                let Some(guess) = argmax_f32(&scores, |t| state.legal(t)) else {
                    break;
                };
                let min_cost = costs.iter().copied().min().unwrap_or(0);
                let Some(best) = argmax_f32(&scores, |t| state.legal(t) && costs[t] == min_cost)
                else {
                    break;
                };
                if costs[guess] > min_cost {
                    transitions.update(&feats, best, guess, ex.weight);
                }
                transitions.clock += 1.0;
                let next = if costs[guess] == min_cost || (explore && rng.chance(0.9)) {
                    guess
                } else {
                    best
                };
                let mut label = 0u8;
                if next != SHIFT {
                    let (head, dep) = state.arc(next);
                    label_features(kind, &state, &ex.tokens, &feats, next, &mut lfeats);
                    arc_labels.score(&lfeats, &mut label_scores);
                    let predicted = argmax_f32(&label_scores, |_| true).unwrap_or(0);
                    label = predicted as u8;
                    if ex.heads[dep] == head && ex.labels[dep] != UNKNOWN_LABEL {
                        let gold = usize::from(ex.labels[dep]);
                        if predicted != gold {
                            arc_labels.update(&lfeats, gold, predicted, ex.weight);
                        }
                        label = ex.labels[dep];
                    }
                    arc_labels.clock += 1.0;
                }
                state.apply(next, label);
            }
        }
        parser.transitions = transitions.finish();
        parser.arc_labels = arc_labels.finish();
        after_epoch(epoch, &parser);
    }
    parser
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projectivise_lifts_crossing_arcs() {
        // 1 <- 3, 2 <- 4 crossing; root 3; 4 attached to 1.
        let mut heads = vec![0, 3, 4, 0, 1];
        projectivise(&mut heads);
        for d in 1..heads.len() {
            let h = heads[d];
            let (lo, hi) = if h < d { (h, d) } else { (d, h) };
            for k in lo + 1..hi {
                let mut x = k;
                let mut ok = false;
                for _ in 0..10 {
                    if x == h {
                        ok = true;
                        break;
                    }
                    if x == 0 {
                        break;
                    }
                    x = heads[x];
                }
                assert!(ok, "arc {h}->{d} still crosses at {k}: {heads:?}");
            }
        }
    }

    #[test]
    fn static_oracle_path_rebuilds_projective_tree() {
        let gold = vec![0, 2, 0, 2, 3, 2];
        let mut state = State::new(5);
        while !state.is_terminal() {
            let costs = state.costs(&gold);
            let t = (0..3)
                .find(|&t| state.legal(t) && costs[t] == 0)
                .expect("a zero-cost transition exists for projective trees");
            state.apply(t, 0);
        }
        assert_eq!(&state.heads[1..], &gold[1..]);
    }
}
