//! Averaged perceptron over hashed features (the hashing trick): a feature is
//! a 64-bit hash, its weight row is `hash & mask` in a fixed table, so no
//! feature strings are kept and lookups never allocate.

use serde::{Deserialize, Serialize};

/// Hashes a string piece (a word form, a suffix) to 64 bits.
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    fmix(h)
}

/// Combines a hash with another piece; order matters.
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    fmix(a.rotate_left(23) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

#[inline]
fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

/// A feature template id mixed with up to three pieces.
#[inline]
pub fn feat(template: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(
        mix(mix(template.wrapping_mul(0x2545_f491_4f6c_dd1d), a), b),
        c,
    )
}

/// Weights while training: current weights plus the running sum needed to
/// average them (the `w - u / c` trick of Daumé).
pub struct TrainTable {
    classes: usize,
    mask: u64,
    weights: Vec<f32>,
    update_sums: Vec<f32>,
    /// Number of training instances seen so far (the perceptron clock).
    pub clock: f32,
}

impl TrainTable {
    pub fn new(bits: u32, classes: usize) -> Self {
        let rows = 1usize << bits;
        TrainTable {
            classes,
            mask: (rows - 1) as u64,
            weights: vec![0.0; rows * classes],
            update_sums: vec![0.0; rows * classes],
            clock: 1.0,
        }
    }

    #[inline]
    fn row(&self, feature: u64) -> usize {
        (feature & self.mask) as usize * self.classes
    }

    /// Adds every feature's row into `scores` (len = classes).
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for &f in features {
            let r = self.row(f);
            for (s, w) in scores.iter_mut().zip(&self.weights[r..r + self.classes]) {
                *s += *w;
            }
        }
    }

    /// Moves weight from `wrong` to `right` for every feature, scaled.
    pub fn update(&mut self, features: &[u64], right: usize, wrong: usize, scale: f32) {
        if right == wrong {
            return;
        }
        let clock = self.clock;
        for &f in features {
            let r = self.row(f);
            self.weights[r + right] += scale;
            self.update_sums[r + right] += clock * scale;
            self.weights[r + wrong] -= scale;
            self.update_sums[r + wrong] -= clock * scale;
        }
    }

    /// Averages and quantises the weights for inference.
    pub fn finish(&self) -> QuantTable {
        let averaged: Vec<f32> = self
            .weights
            .iter()
            .zip(&self.update_sums)
            .map(|(w, u)| w - u / self.clock)
            .collect();
        let max = averaged.iter().fold(0.0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32000.0 } else { 1.0 };
        let weights = averaged
            .iter()
            .map(|w| (w / scale).round().clamp(-32767.0, 32767.0) as i16)
            .collect();
        QuantTable {
            classes: self.classes,
            bits: self.mask.count_ones(),
            weights,
        }
    }
}

/// Averaged weights as 16-bit integers; the scale is irrelevant for argmax.
#[derive(Serialize, Deserialize, Clone)]
pub struct QuantTable {
    pub classes: usize,
    pub bits: u32,
    #[serde(
        serialize_with = "weights_as_bytes",
        deserialize_with = "weights_in_one_allocation"
    )]
    pub weights: Vec<i16>,
}

thread_local! {
    /// Whether the model file being decoded stores weights as a sequence
    /// of varints (format versions before `model_file::RAW_WEIGHTS_SINCE`)
    /// instead of one byte string. Postcard is not self-describing, so the
    /// file's version has to tell the weights' decoder which it reads.
    pub(crate) static VARINT_WEIGHTS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The weights as one byte string of little-endian `i16`s: decoding it is
/// a copy, where a varint per weight cost most of the models' loading time.
fn weights_as_bytes<S: serde::Serializer>(weights: &[i16], s: S) -> Result<S::Ok, S::Error> {
    if VARINT_WEIGHTS.get() {
        // The older format, written by tests of the readers.
        return s.collect_seq(weights);
    }
    let bytes: Vec<u8> = weights.iter().flat_map(|w| w.to_le_bytes()).collect();
    s.serialize_bytes(&bytes)
}

/// Most weights allocated up front from a length prefix; a longer table
/// still decodes, growing as it goes.
const PREALLOCATED_WEIGHTS: usize = 1 << 26;

/// Decodes a weight vector into one allocation of the length its prefix
/// says. Serde's `Vec` starts at 512k elements and doubles through fresh
/// pages, which made decoding the models (millions of weights) mostly page
/// faults.
fn weights_in_one_allocation<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<i16>, D::Error> {
    struct Weights;
    impl<'de> serde::de::Visitor<'de> for Weights {
        type Value = Vec<i16>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a sequence of 16-bit weights")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<i16>, A::Error> {
            let mut weights =
                Vec::with_capacity(seq.size_hint().unwrap_or(0).min(PREALLOCATED_WEIGHTS));
            while let Some(w) = seq.next_element()? {
                weights.push(w);
            }
            Ok(weights)
        }
        fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<Vec<i16>, E> {
            if !bytes.len().is_multiple_of(2) {
                return Err(E::custom("weights: odd number of bytes"));
            }
            Ok(bytes
                .chunks_exact(2)
                .map(|b| i16::from_le_bytes([b[0], b[1]]))
                .collect())
        }
    }
    if VARINT_WEIGHTS.get() {
        deserializer.deserialize_seq(Weights)
    } else {
        deserializer.deserialize_bytes(Weights)
    }
}

/// Asks for every feature's row before any is summed: the rows are
/// scattered over megabytes, so each is a cache miss, and the misses of
/// one feature set are best all in flight at once.
#[inline]
fn prefetch_rows(weights: &[i16], features: &[u64], mask: u64, classes: usize) {
    for &f in features {
        let start = (f & mask) as usize * classes;
        if let Some(row) = weights.get(start..) {
            kroniek_prefetch::prefetch(row);
        }
        // A row of 17 or 40 weights (34 or 80 bytes) mostly spans two lines.
        if let Some(end) = weights.get((start + classes).saturating_sub(1)..) {
            kroniek_prefetch::prefetch(end);
        }
    }
}

impl QuantTable {
    /// Checks that the table is consistent after decoding.
    pub fn is_consistent(&self) -> bool {
        self.bits < 32
            && self.classes > 0
            && self
                .classes
                .checked_mul(1usize << self.bits)
                .is_some_and(|n| n == self.weights.len())
    }

    /// Adds every feature's row into `scores` (len ≥ classes).
    #[inline]
    pub fn score(&self, features: &[u64], scores: &mut [i32]) {
        // The class counts of the shipped models (UPOS, transitions, the UD
        // relations of the treebank, with and without a rare subtype) get sums kept in registers
        // (a slice of unknown length is summed through memory, one
        // store-to-load round trip per feature and class).
        match self.classes {
            3 => self.score_fixed::<3>(features, scores),
            17 => self.score_fixed::<17>(features, scores),
            37 => self.score_fixed::<37>(features, scores),
            40 => self.score_fixed::<40>(features, scores),
            41 => self.score_fixed::<41>(features, scores),
            _ => self.score_any(features, scores),
        }
    }

    #[inline]
    fn score_fixed<const N: usize>(&self, features: &[u64], scores: &mut [i32]) {
        let mask = (1u64 << self.bits) - 1;
        prefetch_rows(&self.weights, features, mask, N);
        let mut sums = [0i32; N];
        for &f in features {
            let r = (f & mask) as usize * N;
            if let Some(Ok(row)) = self.weights.get(r..r + N).map(<&[i16; N]>::try_from) {
                for (s, w) in sums.iter_mut().zip(row) {
                    *s += i32::from(*w);
                }
            }
        }
        for (s, sum) in scores.iter_mut().zip(sums) {
            *s = sum;
        }
    }

    fn score_any(&self, features: &[u64], scores: &mut [i32]) {
        let mask = (1u64 << self.bits) - 1;
        scores.iter_mut().for_each(|s| *s = 0);
        for &f in features {
            let r = (f & mask) as usize * self.classes;
            if let Some(row) = self.weights.get(r..r + self.classes) {
                for (s, w) in scores.iter_mut().zip(row) {
                    *s += i32::from(*w);
                }
            }
        }
    }
}

/// Small deterministic generator (SplitMix64) for shuffling and exploration.
pub struct SplitMix(pub u64);

impl SplitMix {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        fmix(self.0)
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

pub fn argmax_f32(scores: &[f32], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (i, &s) in scores.iter().enumerate() {
        if allowed(i) && best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}

pub fn argmax_i32(scores: &[i32], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<(usize, i32)> = None;
    for (i, &s) in scores.iter().enumerate() {
        if allowed(i) && best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}
