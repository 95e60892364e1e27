//! Calendar values: building, parsing and shifting `TimeValue`s.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use kroniek_model::{Precision, TimeValue};

/// Years outside this range are not dates in news text and would only
/// invite overflow in date arithmetic.
pub(crate) const MIN_YEAR: i32 = 1;
pub(crate) const MAX_YEAR: i32 = 9998;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

impl Season {
    fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Autumn => "FA",
            Season::Winter => "WI",
        }
    }
    /// Meteorological seasons: the first month of the season.
    pub(crate) fn first_month(self) -> u32 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Autumn => 9,
            Season::Winter => 12,
        }
    }
    pub(crate) fn of_month(month: u32) -> (Season, i32) {
        // Winter that starts in December belongs to that December's year;
        // January and February belong to the previous year's winter.
        match month {
            3..=5 => (Season::Spring, 0),
            6..=8 => (Season::Summer, 0),
            9..=11 => (Season::Autumn, 0),
            12 => (Season::Winter, 0),
            _ => (Season::Winter, -1),
        }
    }
}

fn year_ok(year: i32) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&year)
}

pub(crate) fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1).and_then(|d| d.pred_opt())
}

pub(crate) fn day(year: i32, month: u32, dom: u32) -> Option<TimeValue> {
    if !year_ok(year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, dom).map(TimeValue::day)
}

pub(crate) fn month(year: i32, month: u32) -> Option<TimeValue> {
    if !year_ok(year) {
        return None;
    }
    let begin = NaiveDate::from_ymd_opt(year, month, 1)?;
    Some(TimeValue {
        value: format!("{year:04}-{month:02}"),
        precision: Precision::Month,
        begin,
        end: last_day_of_month(year, month)?,
    })
}

pub(crate) fn year(year: i32) -> Option<TimeValue> {
    if !year_ok(year) {
        return None;
    }
    Some(TimeValue {
        value: format!("{year:04}"),
        precision: Precision::Year,
        begin: NaiveDate::from_ymd_opt(year, 1, 1)?,
        end: NaiveDate::from_ymd_opt(year, 12, 31)?,
    })
}

pub(crate) fn iso_week(iso_year: i32, week: u32) -> Option<TimeValue> {
    if !year_ok(iso_year) {
        return None;
    }
    let begin = NaiveDate::from_isoywd_opt(iso_year, week, Weekday::Mon)?;
    Some(TimeValue {
        value: format!("{iso_year:04}-W{week:02}"),
        precision: Precision::Week,
        begin,
        end: begin + Duration::days(6),
    })
}

pub(crate) fn week_of(date: NaiveDate) -> Option<TimeValue> {
    let w = date.iso_week();
    iso_week(w.year(), w.week())
}

pub(crate) fn season(year: i32, season: Season) -> Option<TimeValue> {
    if !year_ok(year) {
        return None;
    }
    let first = season.first_month();
    let begin = NaiveDate::from_ymd_opt(year, first, 1)?;
    let (end_year, end_month) = if season == Season::Winter {
        (year + 1, 2)
    } else {
        (year, first + 2)
    };
    Some(TimeValue {
        value: format!("{year:04}-{}", season.code()),
        precision: Precision::Season,
        begin,
        end: last_day_of_month(end_year, end_month)?,
    })
}

pub(crate) fn quarter(year: i32, q: u32) -> Option<TimeValue> {
    if !year_ok(year) || !(1..=4).contains(&q) {
        return None;
    }
    let first = (q - 1) * 3 + 1;
    Some(TimeValue {
        value: format!("{year:04}-Q{q}"),
        precision: Precision::Quarter,
        begin: NaiveDate::from_ymd_opt(year, first, 1)?,
        end: last_day_of_month(year, first + 2)?,
    })
}

/// `decade` is the year divided by ten: 199 is the 1990s.
pub(crate) fn decade(decade: i32) -> Option<TimeValue> {
    let first = decade.checked_mul(10)?;
    if !year_ok(first) || !year_ok(first + 9) {
        return None;
    }
    Some(TimeValue {
        value: format!("{decade:03}"),
        precision: Precision::Decade,
        begin: NaiveDate::from_ymd_opt(first, 1, 1)?,
        end: NaiveDate::from_ymd_opt(first + 9, 12, 31)?,
    })
}

/// `hundreds` is the year divided by a hundred: 18 is the 1800s (the 19th century, TIMEX3 style).
pub(crate) fn century(hundreds: i32) -> Option<TimeValue> {
    let first = hundreds.checked_mul(100)?.max(MIN_YEAR);
    let last = hundreds.checked_mul(100)? + 99;
    if !year_ok(first) || !year_ok(last) {
        return None;
    }
    Some(TimeValue {
        value: format!("{hundreds:02}"),
        precision: Precision::Century,
        begin: NaiveDate::from_ymd_opt(first, 1, 1)?,
        end: NaiveDate::from_ymd_opt(last, 12, 31)?,
    })
}

/// The calendar unit of `precision` that contains `date`.
pub(crate) fn unit_containing(date: NaiveDate, precision: Precision) -> Option<TimeValue> {
    let y = date.year();
    match precision {
        Precision::Day => Some(TimeValue::day(date)),
        Precision::Week => week_of(date),
        Precision::Month => month(y, date.month()),
        Precision::Season => {
            let (s, dy) = Season::of_month(date.month());
            season(y + dy, s)
        }
        Precision::Quarter => quarter(y, (date.month() - 1) / 3 + 1),
        Precision::Year => year(y),
        Precision::Decade => decade(y.div_euclid(10)),
        Precision::Century => century(y.div_euclid(100)),
    }
}

/// The finest calendar unit, no finer than `at_least`, that covers `begin..=end`.
pub(crate) fn smallest_cover(
    begin: NaiveDate,
    end: NaiveDate,
    at_least: Precision,
) -> Option<TimeValue> {
    const ORDER: [Precision; 7] = [
        Precision::Day,
        Precision::Month,
        Precision::Quarter,
        Precision::Year,
        Precision::Decade,
        Precision::Century,
        Precision::Century,
    ];
    ORDER
        .iter()
        .filter(|p| **p >= at_least)
        .filter_map(|p| unit_containing(begin, *p))
        .find(|v| v.end >= end)
}

pub(crate) fn midpoint(v: &TimeValue) -> NaiveDate {
    let half = (v.end - v.begin).num_days() / 2;
    v.begin + Duration::days(half)
}

pub(crate) fn add_months(date: NaiveDate, months: i32) -> Option<NaiveDate> {
    let total = date.year().checked_mul(12)? + date.month0() as i32 + months;
    let y = total.div_euclid(12);
    let m = total.rem_euclid(12) as u32 + 1;
    if !year_ok(y) {
        return None;
    }
    let last = last_day_of_month(y, m)?.day();
    NaiveDate::from_ymd_opt(y, m, date.day().min(last))
}

pub(crate) fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    let d = date.checked_add_signed(Duration::try_days(days)?)?;
    year_ok(d.year()).then_some(d)
}

/// Parse a normalised value: `2023-10-05`, `2023-10`, `2023`, `2023-W38`,
/// `2020-FA`, `2023-Q1`, `199` (decade), `18` (century). A trailing time
/// (`2023-10-05T12:00`) is ignored.
pub fn parse_date_value(s: &str) -> Option<TimeValue> {
    let s = s.trim();
    let s = s.split(['T', ' ']).next().unwrap_or(s);
    let all_digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    let mut parts = s.split('-');
    let first = parts.next()?;
    let second = parts.next();
    let third = parts.next();
    if parts.next().is_some() || !all_digits(first) {
        return None;
    }
    let num: i32 = first.parse().ok()?;
    match (first.len(), second, third) {
        (2, None, None) => century(num),
        (3, None, None) => decade(num),
        (4, None, None) => year(num),
        (4, Some(m), None) if all_digits(m) && m.len() <= 2 => month(num, m.parse().ok()?),
        (4, Some(m), Some(d)) if all_digits(m) && all_digits(d) && m.len() <= 2 && d.len() <= 2 => {
            day(num, m.parse().ok()?, d.parse().ok()?)
        }
        (4, Some(rest), None) => {
            let upper = rest.to_ascii_uppercase();
            match upper.as_str() {
                "SP" => season(num, Season::Spring),
                "SU" => season(num, Season::Summer),
                "FA" => season(num, Season::Autumn),
                "WI" => season(num, Season::Winter),
                _ => {
                    let (tag, n) = upper.split_at_checked(1)?;
                    if !all_digits(n) || n.len() > 2 {
                        return None;
                    }
                    let n: u32 = n.parse().ok()?;
                    match tag {
                        "W" => iso_week(num, n),
                        "Q" => quarter(num, n),
                        _ => None,
                    }
                }
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_value_shape() {
        let cases = [
            ("2023-10-05", Precision::Day, "2023-10-05", "2023-10-05"),
            ("2023-10", Precision::Month, "2023-10-01", "2023-10-31"),
            ("2024-02", Precision::Month, "2024-02-01", "2024-02-29"),
            ("2023", Precision::Year, "2023-01-01", "2023-12-31"),
            ("2023-W38", Precision::Week, "2023-09-18", "2023-09-24"),
            ("2020-FA", Precision::Season, "2020-09-01", "2020-11-30"),
            ("2020-WI", Precision::Season, "2020-12-01", "2021-02-28"),
            ("2023-Q1", Precision::Quarter, "2023-01-01", "2023-03-31"),
            ("199", Precision::Decade, "1990-01-01", "1999-12-31"),
            ("18", Precision::Century, "1800-01-01", "1899-12-31"),
            (
                "2023-10-05T08:00:00Z",
                Precision::Day,
                "2023-10-05",
                "2023-10-05",
            ),
        ];
        for (input, precision, begin, end) in cases {
            let v = parse_date_value(input).unwrap_or_else(|| panic!("{input}"));
            assert_eq!(v.precision, precision, "{input}");
            assert_eq!(v.begin.to_string(), begin, "{input}");
            assert_eq!(v.end.to_string(), end, "{input}");
        }
    }

    #[test]
    fn rejects_malformed_values() {
        for bad in [
            "",
            "20x3",
            "2023-13",
            "2023-02-30",
            "2023-W60",
            "2023-Q5",
            "2023-XX",
            "1-2-3-4",
            "12345",
        ] {
            assert_eq!(parse_date_value(bad), None, "{bad}");
        }
    }

    #[test]
    fn month_arithmetic_clamps_day() {
        let d = NaiveDate::from_ymd_opt(2023, 3, 31).unwrap();
        assert_eq!(add_months(d, -1).unwrap().to_string(), "2023-02-28");
        assert_eq!(add_months(d, -3).unwrap().to_string(), "2022-12-31");
    }

    #[test]
    fn smallest_cover_climbs_units() {
        let b = NaiveDate::from_ymd_opt(2020, 9, 18).unwrap();
        let e = NaiveDate::from_ymd_opt(2020, 10, 31).unwrap();
        assert_eq!(smallest_cover(b, e, Precision::Day).unwrap().value, "2020");
        let e2 = NaiveDate::from_ymd_opt(2020, 9, 30).unwrap();
        assert_eq!(
            smallest_cover(b, e2, Precision::Day).unwrap().value,
            "2020-09"
        );
    }
}
