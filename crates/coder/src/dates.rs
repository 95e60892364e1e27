//! Date values as calendar intervals, for clustering story events.
//! (Events are dated by `kroniek_time::attach`.)

use kroniek_model::Precision;

/// Calendar interval of a normalised value such as `2020`, `2020-10`,
/// `2020-10-09`, `2020-W41`, `2020-Q4` or `2020-SU`.
pub(crate) fn interval(value: &str) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    use chrono::{Datelike, NaiveDate};
    let ymd = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d);
    let month_end = |y: i32, m: u32| {
        let next = if m == 12 {
            ymd(y + 1, 1, 1)
        } else {
            ymd(y, m + 1, 1)
        };
        next.and_then(|n| n.pred_opt())
    };
    let mut parts = value.split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    if !(1..=9999).contains(&year) || value.len() < 4 {
        return None;
    }
    let Some(second) = parts.next() else {
        return Some((ymd(year, 1, 1)?, ymd(year, 12, 31)?));
    };
    if let Some(week) = second.strip_prefix('W') {
        let w: u32 = week.parse().ok()?;
        let monday = NaiveDate::from_isoywd_opt(year, w, chrono::Weekday::Mon)?;
        return Some((monday, monday + chrono::Days::new(6)));
    }
    if let Some(q) = second.strip_prefix('Q') {
        let q: u32 = q.parse().ok()?;
        if !(1..=4).contains(&q) {
            return None;
        }
        return Some((ymd(year, q * 3 - 2, 1)?, month_end(year, q * 3)?));
    }
    let season =
        |from: (i32, u32), to: (i32, u32)| Some((ymd(from.0, from.1, 1)?, month_end(to.0, to.1)?));
    match second {
        "SP" => return season((year, 3), (year, 5)),
        "SU" => return season((year, 6), (year, 8)),
        "FA" | "AU" => return season((year, 9), (year, 11)),
        "WI" => return season((year, 12), (year + 1, 2)),
        _ => {}
    }
    let month: u32 = second.parse().ok()?;
    match parts.next() {
        None => Some((ymd(year, month, 1)?, month_end(year, month)?)),
        Some(day) => {
            let d = ymd(year, month, day.get(..2)?.parse().ok()?)?;
            debug_assert_eq!(d.year(), year);
            Some((d, d))
        }
    }
}

/// Finer precision first, to choose the best date of a cluster.
pub(crate) fn precision_rank(p: Option<Precision>) -> u8 {
    p.map(|p| p as u8).unwrap_or(u8::MAX)
}
