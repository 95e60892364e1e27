//! Anchoring: an expression plus the document date and the tense of its
//! clause give calendar values. Nothing is invented: without an anchor,
//! relative expressions get no value.
//!
//! Rules for the direction of partial dates (documented in the README of
//! this crate's module docs):
//! - a weekday or a month/day without year in a past-tense clause (or after
//!   `sinds`) is the latest such date not after the anchor; in a future or
//!   present-tense clause the earliest not before it; with no tense found,
//!   the nearest (weekdays) or the anchor's own year (months).
//! - when the expression is finer than the anchor (a weekday, `gisteren` or
//!   `vorige week` against a document dated only to the month), the result
//!   is the anchor's unit containing the shifted middle of the anchor, so it
//!   stays at the anchor's precision instead of making up a day.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use kroniek_model::{Precision, TimeValue};

use crate::calendar::{self, Season};
use crate::grammar::{Core, Expr, RangeSpec, YearRef};
use crate::lexicon::{Part, Unit};
use crate::tense::Tense;

pub(crate) struct Resolved {
    pub kind: &'static str,
    pub value: Option<TimeValue>,
    pub until: Option<TimeValue>,
    pub rule: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Past,
    Future,
    Nearest,
}

fn direction_of(tense: Tense) -> Direction {
    match tense {
        Tense::Past => Direction::Past,
        Tense::Present | Tense::Future => Direction::Future,
        Tense::Unknown => Direction::Nearest,
    }
}

fn unit_precision(unit: Unit) -> Precision {
    match unit {
        Unit::Hour | Unit::Day => Precision::Day,
        Unit::Week | Unit::Weekend => Precision::Week,
        Unit::Month => Precision::Month,
        Unit::Quarter => Precision::Quarter,
        Unit::Year => Precision::Year,
        Unit::Decade => Precision::Decade,
        Unit::Century => Precision::Century,
    }
}

fn shift(date: NaiveDate, unit: Unit, n: i32) -> Option<NaiveDate> {
    match unit {
        Unit::Hour => Some(date),
        Unit::Day => calendar::add_days(date, n as i64),
        Unit::Week | Unit::Weekend => calendar::add_days(date, 7 * n as i64),
        Unit::Month => calendar::add_months(date, n),
        Unit::Quarter => calendar::add_months(date, 3 * n),
        Unit::Year => calendar::add_months(date, 12 * n),
        Unit::Decade => calendar::add_months(date, 120 * n),
        Unit::Century => calendar::add_months(date, 1200 * n),
    }
}

/// Shift the anchor by `n` units; report at the unit's precision, or the
/// anchor's when that is coarser.
fn shifted(anchor: &TimeValue, unit: Unit, n: i32) -> Option<(TimeValue, &'static str)> {
    let p = unit_precision(unit);
    let base = if anchor.precision == Precision::Day {
        anchor.begin
    } else {
        calendar::midpoint(anchor)
    };
    let date = shift(base, unit, n)?;
    if p >= anchor.precision {
        Some((calendar::unit_containing(date, p)?, "relative"))
    } else {
        Some((
            calendar::unit_containing(date, anchor.precision)?,
            "relative-at-document-precision",
        ))
    }
}

fn weekday(
    anchor: &TimeValue,
    day: Weekday,
    forced: i32,
    tense: Tense,
) -> Option<(TimeValue, &'static str)> {
    let dir = match forced {
        -1 => Direction::Past,
        1 => Direction::Future,
        _ => direction_of(tense),
    };
    if anchor.precision != Precision::Day {
        let half_week = match dir {
            Direction::Past => -3,
            Direction::Future => 3,
            Direction::Nearest => 0,
        };
        let date = calendar::add_days(calendar::midpoint(anchor), half_week)?;
        return Some((
            calendar::unit_containing(date, anchor.precision)?,
            "weekday-at-document-precision",
        ));
    }
    let a = anchor.begin;
    let back =
        (7 + a.weekday().num_days_from_monday() as i64 - day.num_days_from_monday() as i64) % 7;
    let fwd = (7 - back) % 7;
    // `vorige maandag` said on a Monday means a week ago; a plain past-tense
    // `maandag` on a Monday is the same day.
    let back = if forced == -1 && back == 0 { 7 } else { back };
    let fwd = if forced == 1 && fwd == 0 { 7 } else { fwd };
    let (offset, rule) = match dir {
        Direction::Past => (-back, "weekday-past"),
        Direction::Future => (fwd, "weekday-future"),
        Direction::Nearest if back <= fwd => (-back, "weekday-nearest"),
        Direction::Nearest => (fwd, "weekday-nearest"),
    };
    Some((TimeValue::day(calendar::add_days(a, offset)?), rule))
}

/// Month and/or day without a year: the year (and month) come from the anchor.
fn partial_date(
    anchor: &TimeValue,
    month: Option<u32>,
    day: Option<u32>,
    dir: Direction,
) -> Option<TimeValue> {
    let ay = anchor.begin.year();
    let build = |y: i32, m: u32| match day {
        Some(d) => calendar::day(y, m, d),
        None => calendar::month(y, m),
    };
    match month {
        Some(m) => {
            let same = build(ay, m)?;
            Some(match dir {
                Direction::Past if same.begin > anchor.end => build(ay - 1, m)?,
                Direction::Future if same.end < anchor.begin => build(ay + 1, m)?,
                _ => same,
            })
        }
        None => {
            if anchor.precision > Precision::Month {
                return None;
            }
            let am = anchor.begin.month();
            let same = build(ay, am)?;
            let prev = calendar::add_months(anchor.begin, -1)?;
            let next = calendar::add_months(anchor.begin, 1)?;
            Some(match dir {
                Direction::Past if same.begin > anchor.end => build(prev.year(), prev.month())?,
                Direction::Future if same.end < anchor.begin => build(next.year(), next.month())?,
                _ => same,
            })
        }
    }
}

fn season_in(anchor: &TimeValue, season: Season, dir: Direction) -> Option<TimeValue> {
    let ay = anchor.begin.year();
    let (current, dy) = Season::of_month(anchor.begin.month());
    let same = if current == season {
        calendar::season(ay + dy, season)?
    } else {
        calendar::season(ay, season)?
    };
    Some(match dir {
        Direction::Past if same.begin > anchor.end => calendar::season(ay - 1, season)?,
        Direction::Future if same.end < anchor.begin => calendar::season(ay + 1, season)?,
        _ => same,
    })
}

fn year_of(year: YearRef, anchor: Option<&TimeValue>) -> Option<i32> {
    match year {
        YearRef::Explicit(y) => Some(y),
        YearRef::Relative(k) => anchor.map(|a| a.begin.year() + k),
        YearRef::Open => None,
    }
}

fn duration_code(unit: Unit, amount: Option<u32>) -> String {
    let n = amount
        .map(|n| n.to_string())
        .unwrap_or_else(|| "X".to_string());
    if unit == Unit::Hour {
        format!("PT{n}H")
    } else {
        format!("P{n}{}", unit.designator())
    }
}

/// One end of an expression: value and the rule that produced it.
fn resolve_core(
    core: &Core,
    anchor: Option<&TimeValue>,
    dir: Direction,
    tense: Tense,
) -> (Option<TimeValue>, String) {
    let needs = |r: Option<(TimeValue, &'static str)>| match r {
        Some((v, rule)) => (Some(v), rule.to_string()),
        None => (None, "unanchored".to_string()),
    };
    match core {
        Core::Date {
            year: Some(y),
            month,
            day,
        } => {
            let v = match (month, day) {
                (Some(m), Some(d)) => calendar::day(*y, *m, *d),
                (Some(m), None) => calendar::month(*y, *m),
                _ => calendar::year(*y),
            };
            (v, "absolute".to_string())
        }
        Core::Date {
            year: None,
            month,
            day,
        } => needs(
            anchor
                .and_then(|a| partial_date(a, *month, *day, dir))
                .map(|v| (v, "year-from-document")),
        ),
        Core::WeekdayInWeek { day, week } => needs(anchor.and_then(|a| {
            if a.precision != Precision::Day {
                return shifted(a, Unit::Week, *week);
            }
            let monday =
                calendar::add_days(a.begin, -(a.begin.weekday().num_days_from_monday() as i64))?;
            let date =
                calendar::add_days(monday, 7 * *week as i64 + day.num_days_from_monday() as i64)?;
            Some((TimeValue::day(date), "relative"))
        })),
        Core::InRelativeYear { month, day, offset } => {
            let y = anchor.map(|a| a.begin.year() + offset);
            let v = y.and_then(|y| match day {
                Some(d) => calendar::day(y, *month, *d),
                None => calendar::month(y, *month),
            });
            needs(v.map(|v| (v, "relative")))
        }
        Core::Weekday { day, direction } => {
            needs(anchor.and_then(|a| weekday(a, *day, *direction, tense)))
        }
        Core::Shift {
            unit,
            amount: Some(n),
        } => needs(anchor.and_then(|a| shifted(a, *unit, *n))),
        Core::Shift { amount: None, .. } => (None, "vague".to_string()),
        Core::RelativeSeason { season, offset } => {
            let d = match offset.signum() {
                -1 => Direction::Past,
                1 => Direction::Future,
                _ => Direction::Nearest,
            };
            needs(
                anchor
                    .and_then(|a| season_in(a, *season, d))
                    .map(|v| (v, "relative")),
            )
        }
        Core::Season { season, year } => match year_of(*year, anchor) {
            Some(y) => (calendar::season(y, *season), "absolute".to_string()),
            None => needs(
                anchor
                    .and_then(|a| season_in(a, *season, dir))
                    .map(|v| (v, "year-from-document")),
            ),
        },
        Core::Quarter { quarter, year } => {
            let y = year_of(*year, anchor).or(anchor.map(|a| a.begin.year()));
            (
                y.and_then(|y| calendar::quarter(y, *quarter)),
                "absolute".to_string(),
            )
        }
        Core::Decade(d) => (calendar::decade(*d), "absolute".to_string()),
        Core::Century(c) => (calendar::century(*c), "absolute".to_string()),
        Core::Present => needs(anchor.map(|a| (a.clone(), "present"))),
        Core::Duration {
            unit,
            amount,
            anchored,
        } => {
            let code = duration_code(*unit, *amount);
            match (anchored, amount, anchor) {
                (true, Some(n), Some(a)) => {
                    let begin = shift(a.begin, *unit, -(*n as i32));
                    let v = begin.map(|begin| TimeValue {
                        value: code.clone(),
                        precision: unit_precision(*unit),
                        begin,
                        end: a.end,
                    });
                    (v, format!("duration-to-document {code}"))
                }
                _ => (None, format!("duration {code}")),
            }
        }
        Core::Set => (None, "set".to_string()),
    }
}

/// Narrow a value to the part of it that `begin`/`medio`/`eind` names.
fn apply_part(v: TimeValue, part: Option<Part>) -> TimeValue {
    let Some(part) = part else { return v };
    let days = (v.end - v.begin).num_days();
    let third = days / 3;
    let (begin, end) = match part {
        Part::Start => (v.begin, v.begin + Duration::days(third)),
        Part::Mid => (
            v.begin + Duration::days(third),
            v.end - Duration::days(third),
        ),
        Part::End => (v.end - Duration::days(third), v.end),
    };
    TimeValue { begin, end, ..v }
}

fn part_tag(part: Option<Part>) -> &'static str {
    match part {
        None => "",
        Some(Part::Start) => " mod=start",
        Some(Part::Mid) => " mod=mid",
        Some(Part::End) => " mod=end",
    }
}

pub(crate) fn resolve(expr: &Expr, anchor: Option<&TimeValue>, tense: Tense) -> Resolved {
    let dir = match expr.range {
        RangeSpec::Since => Direction::Past,
        _ => direction_of(tense),
    };
    let (value, rule) = resolve_core(&expr.core, anchor, dir, tense);
    let value = value.map(|v| apply_part(v, expr.part));
    let rule = format!("{rule}{}", part_tag(expr.part));
    let kind = match expr.core {
        Core::Duration { .. } => "duration",
        Core::Set => "set",
        _ if expr.range != RangeSpec::None => "range",
        _ => "date",
    };
    match &expr.range {
        RangeSpec::None => Resolved {
            kind,
            value,
            until: None,
            rule,
        },
        RangeSpec::Since => Resolved {
            kind,
            value,
            until: None,
            rule: format!("since {rule}"),
        },
        RangeSpec::Until => Resolved {
            kind,
            value: None,
            until: value,
            rule: format!("until {rule}"),
        },
        RangeSpec::Between(second, part) => {
            let (until, rule2) = resolve_core(second, anchor, dir, tense);
            Resolved {
                kind,
                value,
                until: until.map(|v| apply_part(v, *part)),
                rule: format!("between {rule} and {rule2}"),
            }
        }
    }
}
