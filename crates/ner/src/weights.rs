//! Feature weights in one flat open-addressing table: the key and its
//! quantised row share a 32-byte slot, so a lookup touches one cache line
//! (a `HashMap` reads its control bytes and then the bucket, two misses in
//! a table this size). Rows are the model file's 16-bit weights; scores
//! are summed as integers, exactly and in any order, and scaled once.

use crate::tags::N_TAGS;

/// Aligned to its 32 bytes, so that no slot straddles two cache lines.
#[derive(Debug, Clone, Copy, Default)]
#[repr(align(32))]
struct Slot {
    /// 0 marks an empty slot; a real key 0 lives in `Weights::zero`.
    key: u64,
    row: [i16; N_TAGS],
}

/// Feature weights for every tag, looked up by feature key.
#[derive(Debug, Clone)]
pub(crate) struct Weights {
    slots: Vec<Slot>,
    zero: Option<[i16; N_TAGS]>,
    len: usize,
    /// The value of one quantisation step.
    scale: f32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            slots: vec![Slot::default()],
            zero: None,
            len: 0,
            scale: 1.0,
        }
    }
}

/// Keys are hashes already; the multiply spreads any regularity in the low bits.
fn home(key: u64, mask: usize) -> usize {
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & mask
}

impl Weights {
    /// Quantised rows (`scale` is the weight of one step), each key once.
    /// Returns the first key that occurs twice as the error.
    pub fn from_quantised(
        rows: impl ExactSizeIterator<Item = (u64, [i16; N_TAGS])>,
        scale: f32,
    ) -> Result<Weights, u64> {
        // At most half full: probes stay short, mostly within one line.
        let capacity = (rows.len() * 2).next_power_of_two().max(2);
        let mask = capacity - 1;
        let mut weights = Weights {
            slots: vec![Slot::default(); capacity],
            zero: None,
            len: 0,
            scale,
        };
        for (key, row) in rows {
            if key == 0 {
                if weights.zero.replace(row).is_some() {
                    return Err(key);
                }
            } else {
                let mut i = home(key, mask);
                loop {
                    let slot = &mut weights.slots[i];
                    if slot.key == key {
                        return Err(key);
                    }
                    if slot.key == 0 {
                        *slot = Slot { key, row };
                        break;
                    }
                    i = (i + 1) & mask;
                }
            }
            weights.len += 1;
        }
        Ok(weights)
    }

    /// Quantises trained rows to 16 bits, as the model file stores them.
    pub fn from_rows(rows: impl IntoIterator<Item = (u64, [f32; N_TAGS])>) -> Weights {
        let rows: Vec<(u64, [f32; N_TAGS])> = rows.into_iter().collect();
        let max = rows
            .iter()
            .flat_map(|(_, r)| r.iter())
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 {
            max / f32::from(i16::MAX)
        } else {
            1.0
        };
        let quantised = rows.iter().map(|(key, row)| {
            (
                *key,
                row.map(|w| (w / scale).round().clamp(-32767.0, 32767.0) as i16),
            )
        });
        // Keys come from a map, so none repeats.
        Weights::from_quantised(quantised, scale).unwrap_or_default()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// Every key and its quantised row, in no particular order.
    pub fn rows(&self) -> impl Iterator<Item = (u64, &[i16; N_TAGS])> {
        self.zero.as_ref().map(|row| (0, row)).into_iter().chain(
            self.slots
                .iter()
                .filter(|s| s.key != 0)
                .map(|s| (s.key, &s.row)),
        )
    }

    #[inline]
    fn get(&self, key: u64) -> Option<&[i16; N_TAGS]> {
        if key == 0 {
            return self.zero.as_ref();
        }
        let mask = self.slots.len() - 1;
        let mut i = home(key, mask);
        loop {
            let slot = &self.slots[i];
            if slot.key == key {
                return Some(&slot.row);
            }
            if slot.key == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds the weights of every key to `scores`.
    #[inline]
    pub fn add_scores(&self, keys: &[u64], scores: &mut [f32; N_TAGS]) {
        self.add_sum(self.sum(keys), scores);
    }

    /// Adds a sum from [`Weights::sum`] to `scores`.
    #[inline]
    pub fn add_sum(&self, sum: [i32; N_TAGS], scores: &mut [f32; N_TAGS]) {
        for (score, s) in scores.iter_mut().zip(sum) {
            *score += s as f32 * self.scale;
        }
    }

    /// The weights of every key summed as integers (exact, in any order).
    #[inline]
    pub fn sum(&self, keys: &[u64]) -> [i32; N_TAGS] {
        // Ask for every home slot first: the misses overlap, where the
        // probing loop below, with a branch on each key, would wait for one
        // after the other.
        let mask = self.slots.len() - 1;
        for &k in keys {
            kroniek_prefetch::prefetch(&self.slots[home(k, mask)..]);
        }
        let mut sum = [0i32; N_TAGS];
        for key in keys {
            if let Some(row) = self.get(*key) {
                for (s, w) in sum.iter_mut().zip(row) {
                    *s += i32::from(*w);
                }
            }
        }
        sum
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_find_every_row_and_nothing_else() {
        let rows: Vec<(u64, [i16; N_TAGS])> = (0..1000u64)
            .map(|k| (k * 7919, [k as i16; N_TAGS]))
            .collect();
        let w = Weights::from_quantised(rows.clone().into_iter(), 0.5).expect("distinct keys");
        assert_eq!(w.len(), 1000);
        for (key, row) in &rows {
            assert_eq!(w.get(*key), Some(row));
        }
        assert_eq!(w.get(3), None);
        assert_eq!(w.rows().count(), 1000);
        let mut scores = [1.0; N_TAGS];
        w.add_scores(&[7919, 2 * 7919, 5], &mut scores);
        assert_eq!(scores, [1.0 + 1.5; N_TAGS]);
    }

    #[test]
    fn a_repeated_key_is_an_error() {
        let rows = vec![(9u64, [1; N_TAGS]), (9, [2; N_TAGS])];
        assert_eq!(
            Weights::from_quantised(rows.into_iter(), 1.0).err(),
            Some(9)
        );
        let rows = vec![(0u64, [1; N_TAGS]), (0, [2; N_TAGS])];
        assert_eq!(
            Weights::from_quantised(rows.into_iter(), 1.0).err(),
            Some(0)
        );
    }

    #[test]
    fn trained_rows_are_quantised_like_the_file() {
        let w = Weights::from_rows([(5u64, [2.0; N_TAGS]), (6, [-1.0; N_TAGS])]);
        assert_eq!(w.get(5), Some(&[i16::MAX; N_TAGS]));
        assert_eq!(w.get(6).map(|r| r[0]), Some(-16384));
    }
}
