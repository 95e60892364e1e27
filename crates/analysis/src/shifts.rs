//! Change-point detection on the PLOVER score series.
//!
//! Method: exact optimal partitioning (Jackson et al. 2005; PELT computes
//! the same optimum faster) of the per-event scores ordered in time, under a
//! Gaussian mean-shift model with one common variance:
//!
//! - cost of a segment = Σ (x − mean)² / σ², i.e. −2·log-likelihood up to
//!   a constant;
//! - σ² is the von Neumann estimate, the mean squared successive difference
//!   over two (robust to a few level shifts, unlike the plain variance),
//!   floored at [`ShiftOptions::variance_floor`] so that a handful of
//!   identical scores cannot make any difference look significant;
//! - each change point costs a BIC penalty of 2·ln n (a location and a new
//!   mean per change, n = number of events), scaled by
//!   [`ShiftOptions::penalty_factor`].
//!
//! Events are grouped by period and change points may only fall between
//! periods, because events within one period (a month-precise date, say)
//! have no order. Periods without events are simply absent from the input:
//! a gap is no evidence of a neutral relation.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShiftOptions {
    /// Multiplies the BIC penalty 2·ln n; higher finds fewer shifts.
    pub penalty_factor: f64,
    /// Fewest events a regime must have.
    pub min_events: usize,
    /// Lower bound on σ² (PLOVER scores run from −10 to +10).
    pub variance_floor: f64,
}

impl Default for ShiftOptions {
    fn default() -> Self {
        ShiftOptions {
            penalty_factor: 1.0,
            min_events: 2,
            variance_floor: 1.0,
        }
    }
}

/// A change between regimes: `group` is the index of the first group of
/// the new regime.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangePoint {
    pub group: usize,
    pub before_mean: f64,
    pub after_mean: f64,
    /// Reduction in cost that the split buys, in −2·log-likelihood units.
    pub strength: f64,
}

/// Change points in a series of score groups (one group per period, in time
/// order, empty groups allowed and ignored), in time order.
pub fn detect_shifts(groups: &[Vec<f64>], opts: &ShiftOptions) -> Vec<ChangePoint> {
    let groups: Vec<(usize, &Vec<f64>)> = groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.iter().any(|x| x.is_finite()))
        .collect();
    let flat: Vec<f64> = groups
        .iter()
        .flat_map(|(_, g)| g.iter().copied().filter(|x| x.is_finite()))
        .collect();
    let n = flat.len();
    if groups.len() < 2 || n < 2 * opts.min_events.max(1) {
        return Vec::new();
    }
    let variance = von_neumann_variance(&flat).max(opts.variance_floor.max(f64::EPSILON));
    let penalty = opts.penalty_factor.max(0.0) * 2.0 * (n as f64).ln();

    // Prefix sums over groups: count, Σx, Σx².
    let mut count = vec![0usize; groups.len() + 1];
    let mut sum = vec![0.0f64; groups.len() + 1];
    let mut squares = vec![0.0f64; groups.len() + 1];
    for (i, (_, g)) in groups.iter().enumerate() {
        let finite = g.iter().filter(|x| x.is_finite());
        count[i + 1] = count[i] + finite.clone().count();
        sum[i + 1] = sum[i] + finite.clone().sum::<f64>();
        squares[i + 1] = squares[i] + finite.map(|x| x * x).sum::<f64>();
    }
    let cost = |s: usize, t: usize| -> f64 {
        let k = (count[t] - count[s]) as f64;
        let total = sum[t] - sum[s];
        ((squares[t] - squares[s]) - total * total / k).max(0.0) / variance
    };
    let long_enough = |s: usize, t: usize| count[t] - count[s] >= opts.min_events.max(1);

    // best[t]: optimal penalised cost of groups[..t]; from[t]: start of its last segment.
    let groups_n = groups.len();
    let mut best = vec![f64::INFINITY; groups_n + 1];
    let mut from = vec![0usize; groups_n + 1];
    best[0] = -penalty;
    for t in 1..=groups_n {
        for s in 0..t {
            if !best[s].is_finite() || !long_enough(s, t) {
                continue;
            }
            let candidate = best[s] + cost(s, t) + penalty;
            if candidate < best[t] {
                best[t] = candidate;
                from[t] = s;
            }
        }
    }
    if !best[groups_n].is_finite() {
        return Vec::new();
    }
    let mut starts = Vec::new();
    let mut t = groups_n;
    while t > 0 {
        starts.push(from[t]);
        t = from[t];
    }
    starts.reverse();
    starts.push(groups_n);
    let mean = |s: usize, t: usize| (sum[t] - sum[s]) / (count[t] - count[s]) as f64;
    starts
        .windows(3)
        .map(|w| {
            let (a, b, c) = (w[0], w[1], w[2]);
            ChangePoint {
                group: groups[b].0,
                before_mean: mean(a, b),
                after_mean: mean(b, c),
                strength: cost(a, c) - cost(a, b) - cost(b, c),
            }
        })
        .collect()
}

fn von_neumann_variance(xs: &[f64]) -> f64 {
    if xs.len() < 2 {
        return 0.0;
    }
    let squared_steps: f64 = xs.windows(2).map(|w| (w[1] - w[0]).powi(2)).sum();
    squared_steps / (2.0 * (xs.len() - 1) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (SplitMix64) with Box–Muller normals.
    struct Noise(u64);
    impl Noise {
        fn uniform(&mut self) -> f64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
        }
        fn normal(&mut self) -> f64 {
            let u1 = self.uniform().max(1e-12);
            let u2 = self.uniform();
            (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
        }
    }

    fn series(
        seed: u64,
        periods: usize,
        per_period: usize,
        level: impl Fn(usize) -> f64,
    ) -> Vec<Vec<f64>> {
        let mut noise = Noise(seed);
        (0..periods)
            .map(|p| {
                (0..per_period)
                    .map(|_| (level(p) + 2.5 * noise.normal()).clamp(-10.0, 10.0))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_clear_step_is_found_at_its_period() {
        for seed in 1..=20 {
            let groups = series(seed, 24, 5, |p| if p < 15 { 3.0 } else { -4.0 });
            let shifts = detect_shifts(&groups, &ShiftOptions::default());
            assert_eq!(shifts.len(), 1, "seed {seed}: {shifts:?}");
            assert!(
                (14..=16).contains(&shifts[0].group),
                "seed {seed}: {shifts:?}"
            );
            assert!(shifts[0].before_mean > shifts[0].after_mean + 4.0);
        }
    }

    #[test]
    fn a_flat_noisy_series_has_no_shift() {
        let mut false_alarms = 0;
        for seed in 1..=50 {
            let groups = series(seed, 36, 4, |_| 1.0);
            false_alarms += detect_shifts(&groups, &ShiftOptions::default()).len();
        }
        assert!(
            false_alarms <= 2,
            "{false_alarms} shifts found in 50 flat series"
        );
    }

    #[test]
    fn two_steps_are_both_found() {
        let groups = series(7, 30, 6, |p| match p {
            0..10 => 4.0,
            10..20 => -5.0,
            _ => 2.0,
        });
        let shifts = detect_shifts(&groups, &ShiftOptions::default());
        let at: Vec<usize> = shifts.iter().map(|s| s.group).collect();
        assert_eq!(at, vec![10, 20]);
    }

    #[test]
    fn gaps_are_skipped_not_read_as_zero() {
        // Cooperation, a long silence, then the same cooperation again: no shift.
        let mut groups = vec![vec![5.0, 4.2, 6.8]; 3];
        groups.extend(vec![Vec::new(); 20]);
        groups.extend(vec![vec![4.2, 6.8, 5.0]; 3]);
        assert!(detect_shifts(&groups, &ShiftOptions::default()).is_empty());
    }

    #[test]
    fn tiny_data_with_a_strong_change() {
        let groups = vec![
            vec![2.1, 4.2, 6.8, 2.1],
            Vec::new(),
            vec![-2.0],
            vec![-7.2, -6.6, -9.3, -5.1, -2.0],
        ];
        let shifts = detect_shifts(&groups, &ShiftOptions::default());
        assert_eq!(shifts.len(), 1, "{shifts:?}");
        assert!(shifts[0].group == 2 || shifts[0].group == 3);
        assert!(shifts[0].after_mean < shifts[0].before_mean);
    }

    #[test]
    fn degenerate_inputs_give_no_shift() {
        let opts = ShiftOptions::default();
        assert!(detect_shifts(&[], &opts).is_empty());
        assert!(detect_shifts(&[vec![1.0]], &opts).is_empty());
        assert!(detect_shifts(&[vec![1.0], vec![-9.0]], &opts).is_empty());
        assert!(detect_shifts(&[vec![f64::NAN, 2.0], vec![f64::INFINITY]], &opts).is_empty());
        assert!(detect_shifts(&[vec![2.0; 10], vec![2.0; 10]], &opts).is_empty());
    }
}
