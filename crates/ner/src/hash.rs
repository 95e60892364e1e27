//! A small, stable 64-bit hash (FNV-1a with a final avalanche) for feature
//! keys. It is part of the model format: changing it invalidates models.

#[derive(Clone, Copy)]
pub(crate) struct Hasher(u64);

const PRIME: u64 = 0x0000_0100_0000_01b3;

impl Hasher {
    pub fn new(template: u32) -> Self {
        let h = Hasher(0xcbf2_9ce4_8422_2325);
        h.u32(template)
    }
    #[inline]
    pub fn bytes(mut self, bytes: &[u8]) -> Self {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(PRIME);
        }
        // A separator keeps ("ab","c") apart from ("a","bc").
        self.0 ^= 0xff;
        self.0 = self.0.wrapping_mul(PRIME);
        self
    }
    #[inline]
    pub fn str(self, s: &str) -> Self {
        self.bytes(s.as_bytes())
    }
    #[inline]
    pub fn u32(self, x: u32) -> Self {
        self.bytes(&x.to_le_bytes())
    }
    #[inline]
    pub fn finish(self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// Combines a template with up to a few precomputed hashes: cheaper than
/// rehashing the strings.
#[inline]
pub(crate) fn combine(template: u32, parts: &[u64]) -> u64 {
    let mut z = u64::from(template).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x5851_f42d_4c95_7f2d;
    for &p in parts {
        z ^= p;
        z = z.wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z ^= z >> 29;
    }
    z = (z ^ (z >> 32)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

pub(crate) fn hash_str(s: &str) -> u64 {
    Hasher::new(0).str(s).finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_stable_and_separates_fields() {
        assert_eq!(hash_str("Gent"), hash_str("Gent"));
        assert_ne!(hash_str("Gent"), hash_str("gent"));
        let ab_c = Hasher::new(1).str("ab").str("c").finish();
        let a_bc = Hasher::new(1).str("a").str("bc").finish();
        assert_ne!(ab_c, a_bc);
        assert_ne!(combine(1, &[5]), combine(2, &[5]));
        assert_ne!(combine(1, &[5, 6]), combine(1, &[6, 5]));
    }
}
