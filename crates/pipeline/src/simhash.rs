//! SimHash over word trigrams, for finding re-published copies of a story
//! (same text with a changed headline, a credit line, small edits).

/// 64-bit SimHash of the lowercased word 3-shingles of `text`.
pub fn simhash(text: &str) -> u64 {
    // All lowercased words in one buffer (no allocation per word), with the
    // end of each word; each word is followed by a space, as it is hashed.
    let mut buf: Vec<u8> = Vec::with_capacity(text.len() + 16);
    let mut ends: Vec<u32> = Vec::with_capacity(text.len() / 5 + 1);
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if w.is_ascii() {
            buf.extend(w.bytes().map(|b| b.to_ascii_lowercase()));
        } else {
            buf.extend_from_slice(w.to_lowercase().as_bytes());
        }
        buf.push(b' ');
        ends.push(buf.len() as u32);
    }
    if ends.is_empty() {
        return 0;
    }
    let word_start = |i: usize| if i == 0 { 0 } else { ends[i - 1] as usize };
    // Per bit, how many shingle hashes have it set; a bit of the SimHash is
    // set when more than half of them do.
    let shingles = ends.len().saturating_sub(2).max(1);
    let mut ones = BitCounts::default();
    for i in 0..shingles {
        let end = (i + 3).min(ends.len());
        ones.add(fnv1a(&buf[word_start(i)..ends[end - 1] as usize]));
    }
    ones.totals()
        .iter()
        .enumerate()
        .filter(|(_, n)| 2 * **n as usize > shingles)
        .fold(0u64, |acc, (bit, _)| acc | 1 << bit)
}

/// Per bit of 64-bit hashes, how many have it set. Each byte of a hash is
/// spread into eight one-byte counters of a `u64` (one table lookup and one
/// add, instead of a shift, mask and add per bit); the byte counters are
/// moved into `u32` totals before they can overflow.
struct BitCounts {
    lanes: [u64; 8],
    pending: u32,
    totals: [u32; 64],
}

/// Byte `b` as eight bytes, byte `k` holding bit `k` of `b`.
const SPREAD: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let mut k = 0;
        while k < 8 {
            if b >> k & 1 == 1 {
                table[b] |= 1 << (8 * k);
            }
            k += 1;
        }
        b += 1;
    }
    table
};

impl Default for BitCounts {
    fn default() -> Self {
        BitCounts {
            lanes: [0; 8],
            pending: 0,
            totals: [0; 64],
        }
    }
}

impl BitCounts {
    fn add(&mut self, h: u64) {
        for (i, lane) in self.lanes.iter_mut().enumerate() {
            *lane += SPREAD[(h >> (8 * i) & 0xff) as usize];
        }
        self.pending += 1;
        if self.pending == 255 {
            self.flush();
        }
    }

    fn flush(&mut self) {
        for (i, lane) in self.lanes.iter_mut().enumerate() {
            for k in 0..8 {
                self.totals[8 * i + k] += (*lane >> (8 * k) & 0xff) as u32;
            }
            *lane = 0;
        }
        self.pending = 0;
    }

    fn totals(mut self) -> [u32; 64] {
        self.flush();
        self.totals
    }
}

pub fn hamming(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// FNV-1a over the words of a shingle, each followed by a space, then mixed.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    // Mix so that neighbouring shingles do not share high bits.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51afd7ed558ccd);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "De ministers van Buitenlandse Zaken van beide landen kwamen dinsdag in Genève bijeen \
        voor overleg over de grens. Na zes uur praten beloofden zij de wapenstilstand te respecteren en \
        volgende maand opnieuw te vergaderen onder leiding van de Zwitserse bemiddelaar. Waarnemers noemen \
        het akkoord broos maar hoopgevend, omdat beide legers zich eerder al terugtrokken uit de bufferzone.";

    #[test]
    fn bit_counts_equal_counting_bit_by_bit() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for n in [0usize, 1, 254, 255, 256, 1000] {
            let mut counts = BitCounts::default();
            let mut naive = [0u32; 64];
            for _ in 0..n {
                state = fnv1a(&state.to_le_bytes());
                counts.add(state);
                for (bit, c) in naive.iter_mut().enumerate() {
                    *c += (state >> bit & 1) as u32;
                }
            }
            // Every bit set in every hash: the counters must not overflow.
            let mut full = BitCounts::default();
            for _ in 0..n {
                full.add(u64::MAX);
            }
            assert_eq!(counts.totals(), naive);
            assert_eq!(full.totals(), [n as u32; 64]);
        }
    }

    #[test]
    fn republished_copy_is_near_and_other_story_is_far() {
        let copy = format!("{STORY} Bron: persbureau.");
        let other = "Het parlement stemde woensdag in met een nieuwe wet op de pensioenen, na een lang debat \
            over de kosten voor jongere werknemers en de gevolgen voor de staatskas in de komende jaren.";
        assert!(
            hamming(simhash(STORY), simhash(&copy)) <= 6,
            "{}",
            hamming(simhash(STORY), simhash(&copy))
        );
        assert!(hamming(simhash(STORY), simhash(other)) > 12);
        assert_eq!(simhash(""), 0);
    }

    /// The first implementation, kept to prove stored SimHashes stay valid.
    fn reference(text: &str) -> u64 {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.to_lowercase())
            .collect();
        if words.is_empty() {
            return 0;
        }
        let mut weights = [0i32; 64];
        let shingles = words.len().saturating_sub(2).max(1);
        for i in 0..shingles {
            let end = (i + 3).min(words.len());
            let joined: Vec<u8> = words[i..end]
                .iter()
                .flat_map(|w| w.bytes().chain(std::iter::once(b' ')))
                .collect();
            let h = fnv1a(&joined);
            for (bit, w) in weights.iter_mut().enumerate() {
                if h >> bit & 1 == 1 {
                    *w += 1;
                } else {
                    *w -= 1;
                }
            }
        }
        weights
            .iter()
            .enumerate()
            .filter(|(_, w)| **w > 0)
            .fold(0u64, |acc, (bit, _)| acc | 1 << bit)
    }

    #[test]
    fn same_values_as_the_first_implementation() {
        let texts = [
            "",
            "één",
            "Twee woorden",
            "Drie woorden hier",
            STORY,
            "ΟΔΟΣ Σίσυφος ΣΟΦΟΣ — Ærø İstanbul straße ǅemal 30.000 mensen, 2,5% ‘quote’",
            "a b c d e f g h",
        ];
        for t in texts {
            assert_eq!(simhash(t), reference(t), "{t:?}");
        }
    }
}
