//! A small deterministic mutator: no dependency, reproducible from a seed.

/// xorshift64*: fast, good enough to pick mutations, reproducible.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform-ish in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// Bytes that tend to sit on parser decision points.
const INTERESTING: &[u8] = b"\0\xff\x80\xc3\xe9\xef\xbb\xbf<>\"'\\/\n\r\t -.:,;{}[]0123456789";

/// Applies 1-4 random edits to `input`; `dictionary` holds tokens of the
/// target's grammar and `others` the rest of the corpus, for splicing.
pub fn mutate(
    rng: &mut Rng,
    input: &[u8],
    dictionary: &[&str],
    others: &[Vec<u8>],
    max_len: usize,
) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = out.len();
        match rng.below(9) {
            0 if len > 0 => {
                let i = rng.below(len);
                out[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                out[i] = INTERESTING[rng.below(INTERESTING.len())];
            }
            2 => {
                let at = rng.below(len + 1);
                let n = 1 + rng.below(8);
                let bytes: Vec<u8> = (0..n).map(|_| rng.next_u64() as u8).collect();
                out.splice(at..at, bytes);
            }
            3 if len > 0 => {
                let start = rng.below(len);
                let end = (start + 1 + rng.below(32)).min(len);
                out.drain(start..end);
            }
            4 if len > 0 => {
                // Repeating a chunk makes deep nesting and long runs.
                let start = rng.below(len);
                let end = (start + 1 + rng.below(16)).min(len);
                let chunk = out[start..end].to_vec();
                let most = if rng.below(8) == 0 { 2000 } else { 16 };
                let times = 1 + rng.below(most);
                let at = rng.below(out.len() + 1);
                let repeated: Vec<u8> = chunk
                    .iter()
                    .copied()
                    .cycle()
                    .take(chunk.len() * times)
                    .collect();
                out.splice(at..at, repeated);
            }
            5 | 6 if !dictionary.is_empty() => {
                let word = dictionary[rng.below(dictionary.len())].as_bytes();
                let at = rng.below(len + 1);
                out.splice(at..at, word.iter().copied());
            }
            7 if !others.is_empty() => {
                let other = &others[rng.below(others.len())];
                if !other.is_empty() {
                    let from = rng.below(other.len());
                    let to = (from + 1 + rng.below(256)).min(other.len());
                    let at = rng.below(len + 1);
                    out.splice(at..at, other[from..to].iter().copied());
                }
            }
            _ if len > 0 => out.truncate(rng.below(len)),
            _ => out.push(rng.next_u64() as u8),
        }
    }
    out.truncate(max_len);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_mutations() {
        let run = |seed| {
            let mut rng = Rng::new(seed);
            (0..50)
                .map(|_| mutate(&mut rng, b"De minister sprak.", &["<p>"], &[], 1 << 16))
                .collect::<Vec<_>>()
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
    }
}
