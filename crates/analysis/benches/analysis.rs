//! Timeline, shift detection and network on synthetic events.
use kroniek_analysis::*;
use kroniek_model::Category;

fn main() {
    divan::main();
}

/// Deterministic pseudo-random numbers (SplitMix64).
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn points(n: usize, actors: u64) -> Vec<EventPoint> {
    let mut state = 42;
    (0..n)
        .map(|i| {
            let category = Category::ALL[(next(&mut state) % 16) as usize];
            let actor = |s: &mut u64| ActorRef {
                id: None,
                code: Some(format!("C{}", next(s) % actors)),
                name: None,
            };
            let day = next(&mut state) % 3650;
            let date = chrono::NaiveDate::from_ymd_opt(2015, 1, 1)
                .and_then(|d| d.checked_add_days(chrono::Days::new(day)))
                .map(|d| d.format("%Y-%m-%d").to_string());
            EventPoint {
                event_id: format!("e{i}"),
                doc_id: format!("d{}", i / 10),
                date,
                source: Some(actor(&mut state)),
                target: Some(actor(&mut state)),
                category,
                quad_class: category.quad_class(),
                score: category.score(),
                negated: false,
                sentence: String::new(),
            }
        })
        .collect()
}

#[divan::bench(args = [1_000, 30_000])]
fn timeline_of_one_dyad(bencher: divan::Bencher, n: usize) {
    let events = points(n, 2);
    bencher.bench(|| timeline_from_points(&events, "C0", "C1", &TimelineOptions::default()));
}

#[divan::bench(args = [120, 520])]
fn shifts_over_periods(bencher: divan::Bencher, periods: usize) {
    let groups: Vec<Vec<f64>> = (0..periods)
        .map(|p| {
            let level = if p < periods / 2 { 3.0 } else { -3.0 };
            (0..20).map(|i| level + (i % 7) as f64 - 3.0).collect()
        })
        .collect();
    bencher.bench(|| detect_shifts(&groups, &ShiftOptions::default()));
}

#[divan::bench(args = [100_000])]
fn network_of_one_year(bencher: divan::Bencher, n: usize) {
    let events = points(n, 200);
    bencher.bench(|| network_from_points(&events, &NetworkOptions::default()));
}
