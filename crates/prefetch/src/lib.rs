//! A hint to the CPU to start loading a cache line, for the model weight
//! tables, whose rows are read at random from megabytes.
//!
//! The models used to touch every row with an ordinary load before summing
//! (a load the CPU cannot retire until its data arrives, so the loads of
//! one feature set filled the CPU's window). A prefetch instruction retires
//! at once and lets the rest of the work go on while the lines come in:
//! parsing got about a quarter faster, tagging and NER a few per cent
//! (BENCHMARKS.md, ninth session).
//!
//! This crate is the only one in kroniek that allows `unsafe`: the x86
//! intrinsic carries `#[target_feature]`, which makes every call unsafe in
//! Rust even though SSE is part of every x86-64 CPU and a prefetch never
//! reads memory in the language's sense.
#![deny(unsafe_code)]

/// Asks for the cache line holding `slice`'s first element (nothing
/// happens for an empty slice or on other architectures).
#[inline(always)]
pub fn prefetch<T>(slice: &[T]) {
    #[cfg(target_arch = "x86_64")]
    if let Some(first) = slice.first() {
        let address: *const T = first;
        // SAFETY: SSE is in the x86-64 baseline, so the instruction exists;
        // PREFETCHT0 is a hint that never faults and never makes the
        // address's contents observable, and the address is a live
        // element of a slice besides.
        #[allow(unsafe_code)]
        unsafe {
            std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                address.cast::<i8>(),
            );
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = slice;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefetching_changes_nothing_and_accepts_empty_slices() {
        let rows = [7i16; 64];
        prefetch(&rows[10..]);
        prefetch::<i16>(&[]);
        prefetch(&rows[63..]);
        assert!(rows.iter().all(|w| *w == 7));
    }
}
