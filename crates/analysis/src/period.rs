//! Calendar periods (week, month, quarter, year) and the intervals that
//! event date values cover.
use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// The length of one timeline period.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum PeriodUnit {
    Week,
    #[default]
    Month,
    Quarter,
    Year,
}

impl PeriodUnit {
    pub fn as_str(&self) -> &'static str {
        match self {
            PeriodUnit::Week => "week",
            PeriodUnit::Month => "month",
            PeriodUnit::Quarter => "quarter",
            PeriodUnit::Year => "year",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "week" => PeriodUnit::Week,
            "month" => PeriodUnit::Month,
            "quarter" => PeriodUnit::Quarter,
            "year" => PeriodUnit::Year,
            _ => return None,
        })
    }

    /// The period that contains `date`.
    pub fn period_of(self, date: NaiveDate) -> Period {
        let index = match self {
            // Day 1 of the common era (0001-01-01) is a Monday.
            PeriodUnit::Week => (monday_of(date).num_days_from_ce() as i64 - 1).div_euclid(7),
            PeriodUnit::Month => date.year() as i64 * 12 + date.month0() as i64,
            PeriodUnit::Quarter => date.year() as i64 * 4 + (date.month0() / 3) as i64,
            PeriodUnit::Year => date.year() as i64,
        };
        Period { unit: self, index }
    }
}

/// One period: consecutive periods of a unit have consecutive indexes, so
/// gaps between them are plain to see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub unit: PeriodUnit,
    pub index: i64,
}

impl Period {
    /// First day of the period.
    pub fn start(&self) -> Option<NaiveDate> {
        let year_month = |months: i64| {
            let year = i32::try_from(months.div_euclid(12)).ok()?;
            NaiveDate::from_ymd_opt(year, months.rem_euclid(12) as u32 + 1, 1)
        };
        match self.unit {
            PeriodUnit::Week => {
                let days = i32::try_from(self.index.checked_mul(7)?.checked_add(1)?).ok()?;
                NaiveDate::from_num_days_from_ce_opt(days)
            }
            PeriodUnit::Month => year_month(self.index),
            PeriodUnit::Quarter => year_month(self.index.checked_mul(3)?),
            PeriodUnit::Year => NaiveDate::from_ymd_opt(i32::try_from(self.index).ok()?, 1, 1),
        }
    }

    /// The period's label: `2020-W43`, `2020-10`, `2020-Q4`, `2020`.
    pub fn key(&self) -> String {
        let Some(start) = self.start() else {
            return format!("{}#{}", self.unit.as_str(), self.index);
        };
        match self.unit {
            PeriodUnit::Week => {
                // The Thursday decides the ISO year of a week.
                let week = start.iso_week();
                format!("{}-W{:02}", week.year(), week.week())
            }
            PeriodUnit::Month => format!("{:04}-{:02}", start.year(), start.month()),
            PeriodUnit::Quarter => format!("{:04}-Q{}", start.year(), start.month0() / 3 + 1),
            PeriodUnit::Year => format!("{:04}", start.year()),
        }
    }
}

fn monday_of(date: NaiveDate) -> NaiveDate {
    date.checked_sub_days(Days::new(date.weekday().num_days_from_monday() as u64))
        .unwrap_or(date)
}

/// First and last day (inclusive) covered by a TIMEX3-like date value:
/// `2023-09-24`, `2023-09`, `2023`, `2023-W38`, `2023-Q1`, seasons
/// (`2020-SU`), decades (`202`) and centuries (`19`). `None` for anything else.
pub fn date_interval(value: &str) -> Option<(NaiveDate, NaiveDate)> {
    let value = value.trim();
    let digits = value.bytes().take_while(u8::is_ascii_digit).count();
    let year_of = |s: &str| s.parse::<i32>().ok();
    match digits {
        2 if value.len() == 2 => {
            let century = year_of(value)? * 100;
            Some((ymd(century, 1, 1)?, ymd(century + 99, 12, 31)?))
        }
        3 if value.len() == 3 => {
            let decade = year_of(value)? * 10;
            Some((ymd(decade, 1, 1)?, ymd(decade + 9, 12, 31)?))
        }
        4 => {
            let year = year_of(value.get(..4)?)?;
            let rest = value.get(4..)?;
            if rest.is_empty() {
                return Some((ymd(year, 1, 1)?, ymd(year, 12, 31)?));
            }
            let rest = rest.strip_prefix('-')?;
            within_year(year, rest)
        }
        _ => None,
    }
}

fn within_year(year: i32, rest: &str) -> Option<(NaiveDate, NaiveDate)> {
    // Meteorological seasons; winter runs into the next year.
    match rest.get(..2)? {
        "SP" => return Some((ymd(year, 3, 1)?, month_end(year, 5)?)),
        "SU" => return Some((ymd(year, 6, 1)?, month_end(year, 8)?)),
        "FA" | "AU" => return Some((ymd(year, 9, 1)?, month_end(year, 11)?)),
        "WI" => return Some((ymd(year, 12, 1)?, month_end(year + 1, 2)?)),
        _ => {}
    }
    if let Some(week) = rest.strip_prefix('W') {
        let week: u32 = week.get(..2)?.parse().ok()?;
        let monday = NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Mon)?;
        return Some((monday, monday.checked_add_days(Days::new(6))?));
    }
    if let Some(quarter) = rest.strip_prefix('Q') {
        let q: u32 = quarter.get(..1)?.parse().ok()?;
        if !(1..=4).contains(&q) {
            return None;
        }
        return Some((ymd(year, 3 * q - 2, 1)?, month_end(year, 3 * q)?));
    }
    let month: u32 = rest.get(..2)?.parse().ok()?;
    let after_month = rest.get(2..)?;
    if after_month.is_empty() {
        return Some((ymd(year, month, 1)?, month_end(year, month)?));
    }
    let day: u32 = after_month.strip_prefix('-')?.get(..2)?.parse().ok()?;
    let date = ymd(year, month, day)?;
    Some((date, date))
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    ymd(y, m, 1)?
        .checked_add_months(chrono::Months::new(1))?
        .pred_opt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn intervals_of_date_values() {
        assert_eq!(
            date_interval("2023-10-07"),
            Some((d("2023-10-07"), d("2023-10-07")))
        );
        assert_eq!(
            date_interval("2024-02"),
            Some((d("2024-02-01"), d("2024-02-29")))
        );
        assert_eq!(
            date_interval("2021"),
            Some((d("2021-01-01"), d("2021-12-31")))
        );
        assert_eq!(
            date_interval("2023-Q4"),
            Some((d("2023-10-01"), d("2023-12-31")))
        );
        assert_eq!(
            date_interval("2020-W01"),
            Some((d("2019-12-30"), d("2020-01-05")))
        );
        assert_eq!(
            date_interval("2019-WI"),
            Some((d("2019-12-01"), d("2020-02-29")))
        );
        assert_eq!(
            date_interval("202"),
            Some((d("2020-01-01"), d("2029-12-31")))
        );
        for bad in [
            "",
            "gisteren",
            "2023-13",
            "2023-02-30",
            "20231",
            "2023-Q5",
            "2023-",
        ] {
            assert_eq!(date_interval(bad), None, "{bad}");
        }
    }

    #[test]
    fn period_keys_round_trip_through_their_start() {
        for unit in [
            PeriodUnit::Week,
            PeriodUnit::Month,
            PeriodUnit::Quarter,
            PeriodUnit::Year,
        ] {
            let p = unit.period_of(d("2021-01-02"));
            assert_eq!(unit.period_of(p.start().unwrap()), p);
            let next = Period {
                unit,
                index: p.index + 1,
            };
            assert!(next.start().unwrap() > d("2021-01-02"));
        }
        assert_eq!(
            PeriodUnit::Week.period_of(d("2021-01-02")).key(),
            "2020-W53"
        );
        assert_eq!(
            PeriodUnit::Month.period_of(d("2021-01-02")).key(),
            "2021-01"
        );
        assert_eq!(
            PeriodUnit::Quarter.period_of(d("2021-11-30")).key(),
            "2021-Q4"
        );
        assert_eq!(PeriodUnit::Year.period_of(d("2021-11-30")).key(), "2021");
    }
}
