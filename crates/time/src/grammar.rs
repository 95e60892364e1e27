//! Recognition: word patterns to unanchored expressions. Nothing here knows
//! the document date; `resolve` turns an `Expr` into calendar values.

use chrono::Weekday;

use crate::calendar::Season;
use crate::lexicon::{self, Part, RangeHead, Unit};
use crate::words::{Shape, Word};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum YearRef {
    Explicit(i32),
    /// `van dit jaar` (0), `van vorig jaar` (-1).
    Relative(i32),
    /// No year given: take it from the anchor and the tense.
    Open,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Core {
    /// Absolute or partial calendar date (`17 maart 2022`, `maart`, `de 17e`, `1915`).
    Date {
        year: Option<i32>,
        month: Option<u32>,
        day: Option<u32>,
    },
    /// `direction`: -1 forced past (`vorige maandag`), +1 forced future, 0 from tense.
    Weekday {
        day: Weekday,
        direction: i32,
    },
    /// `mei vorig jaar`, `1 maart dit jaar`.
    InRelativeYear {
        month: u32,
        day: Option<u32>,
        offset: i32,
    },
    /// `deze week` (0), `vorig jaar` (-1), `gisteren` (Day, -1), `twee jaar geleden` (Year, -2).
    Shift {
        unit: Unit,
        amount: Option<i32>,
    },
    RelativeSeason {
        season: Season,
        offset: i32,
    },
    Season {
        season: Season,
        year: YearRef,
    },
    Quarter {
        quarter: u32,
        year: YearRef,
    },
    Decade(i32),
    Century(i32),
    Present,
    Duration {
        unit: Unit,
        amount: Option<u32>,
        /// Runs up to the document's own time (`de afgelopen 13 dagen`, `al 30 jaar`).
        anchored: bool,
    },
    Set,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RangeSpec {
    None,
    Since,
    Until,
    /// `tussen 1990 en 1994`, `van maart tot mei`: the second end.
    Between(Core, Option<Part>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Expr {
    /// First and last word (inclusive).
    pub first: usize,
    pub last: usize,
    pub core: Core,
    pub part: Option<Part>,
    pub range: RangeSpec,
}

struct Cursor<'a> {
    words: &'a [Word],
}

impl<'a> Cursor<'a> {
    fn w(&self, i: usize) -> &'a str {
        self.words.get(i).map(|w| w.lower.as_str()).unwrap_or("")
    }
    fn shape(&self, i: usize) -> Option<Shape> {
        self.words.get(i).map(|w| w.shape)
    }
    fn year_at(&self, i: usize) -> Option<i32> {
        if self.shape(i) != Some(Shape::Digits) || self.w(i).len() != 4 {
            return None;
        }
        self.w(i).parse().ok().filter(|y| (1000..=2100).contains(y))
    }
    fn day_number_at(&self, i: usize) -> Option<u32> {
        if self.shape(i) != Some(Shape::Digits) || self.w(i).len() > 2 {
            return None;
        }
        self.w(i).parse().ok().filter(|d| (1..=31).contains(d))
    }
    fn is_article(&self, i: usize) -> bool {
        matches!(self.w(i), "de" | "het" | "'t" | "the")
    }
}

/// All expressions in a sentence's words, left to right, not overlapping.
pub(crate) fn scan(words: &[Word]) -> Vec<Expr> {
    let c = Cursor { words };
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if words[i].is_punct() {
            i += 1;
            continue;
        }
        match parse_at(&c, i) {
            Some(e) => {
                i = e.last + 1;
                found.push(e);
            }
            None => i += 1,
        }
    }
    found
}

fn parse_at(c: &Cursor, i: usize) -> Option<Expr> {
    let w = c.w(i);
    if let Some(head) = lexicon::range_head(w) {
        let mut j = i + 1;
        if head == RangeHead::Until && c.w(j) == "en" && c.w(j + 1) == "met" {
            j += 2;
        }
        if let Some((core, part, end)) = part_core(c, j, true) {
            let range = match head {
                RangeHead::Since | RangeHead::From => RangeSpec::Since,
                RangeHead::Until => RangeSpec::Until,
                RangeHead::Between => match second_end(c, end) {
                    Some((core2, part2, end2)) => {
                        return Some(Expr {
                            first: i,
                            last: end2 - 1,
                            core,
                            part,
                            range: RangeSpec::Between(core2, part2),
                        });
                    }
                    None => RangeSpec::None,
                },
            };
            let (first, core) = match (&range, core) {
                // `sinds twee jaar`: a duration up to now, not a start point.
                (RangeSpec::Since, Core::Duration { unit, amount, .. }) => {
                    return Some(Expr {
                        first: i,
                        last: end - 1,
                        core: Core::Duration {
                            unit,
                            amount,
                            anchored: true,
                        },
                        part,
                        range: RangeSpec::None,
                    });
                }
                (RangeSpec::None, core) => (j, core),
                (_, core) => (i, core),
            };
            return Some(Expr {
                first,
                last: end - 1,
                core,
                part,
                range,
            });
        }
        return None;
    }
    if let Some(found) = day_list(c, i) {
        return Some(found);
    }
    if c.shape(i) == Some(Shape::Numeric)
        && let Some((a, b)) = year_span(w)
    {
        let year = |y| Core::Date {
            year: Some(y),
            month: None,
            day: None,
        };
        return Some(Expr {
            first: i,
            last: i,
            core: year(a),
            part: None,
            range: RangeSpec::Between(year(b), None),
        });
    }
    if matches!(w, "van" | "from") {
        if let Some((core, part, end)) = part_core(c, i + 1, true)
            && matches!(c.w(end), "tot" | "until" | "to" | "t/m")
            && let Some((core2, part2, end2)) = part_core(c, end + 1, true)
        {
            return Some(Expr {
                first: i,
                last: end2 - 1,
                core,
                part,
                range: RangeSpec::Between(core2, part2),
            });
        }
        return None;
    }
    if w == "morgen"
        && i > 0
        && matches!(
            c.w(i - 1),
            "de" | "deze" | "die" | "'s" | "elke" | "iedere" | "een" | "van"
        )
    {
        return None;
    }
    let (core, part, end) = part_core(c, i, year_licensed(c, i))?;
    Some(Expr {
        first: i,
        last: end - 1,
        core,
        part,
        range: RangeSpec::None,
    })
}

/// `2014-2022`: a span of years written as one word.
fn year_span(w: &str) -> Option<(i32, i32)> {
    let (a, b) = w.split_once(['-', '/'])?;
    if a.len() != 4 || b.len() != 4 {
        return None;
    }
    let (a, b) = (a.parse::<i32>().ok()?, b.parse::<i32>().ok()?);
    ((1000..=2100).contains(&a) && a < b && b <= 2100).then_some((a, b))
}

/// `12 en 13 juli`, `5 tot 7 oktober 2023`: the first day borrows month and year.
fn day_list(c: &Cursor, i: usize) -> Option<Expr> {
    let first_day = c.day_number_at(i)?;
    if !matches!(c.w(i + 1), "en" | "tot" | "t/m" | "and" | "-" | "–") {
        return None;
    }
    let (second, end) = day_month(c, i + 2)?;
    let first = match &second {
        Core::Date { year, month, .. } => Core::Date {
            year: *year,
            month: *month,
            day: Some(first_day),
        },
        Core::InRelativeYear { month, offset, .. } => Core::InRelativeYear {
            month: *month,
            day: Some(first_day),
            offset: *offset,
        },
        _ => return None,
    };
    Some(Expr {
        first: i,
        last: end - 1,
        core: first,
        part: None,
        range: RangeSpec::Between(second, None),
    })
}

fn second_end(c: &Cursor, end: usize) -> Option<(Core, Option<Part>, usize)> {
    if !matches!(c.w(end), "en" | "and") {
        return None;
    }
    part_core(c, end + 1, true)
}

/// A bare number is a year only after a word that introduces a time
/// (`in 1915`, `sinds 1991`) or inside parentheses, and never before a
/// counted noun (`in 2000 gevallen`).
fn year_licensed(c: &Cursor, i: usize) -> bool {
    let Some(prev) = i.checked_sub(1) else {
        return false;
    };
    let p = c.w(prev);
    let introduced = lexicon::year_preposition(p)
        || lexicon::part(p).is_some()
        || (p == "(" && c.w(i + 1) == ")")
        || (matches!(p, "en" | "and" | "of" | "or")
            && prev.checked_sub(1).is_some_and(|k| c.year_at(k).is_some()));
    introduced && !lexicon::count_noun(c.w(i + 1))
}

/// An optional part (`begin`, `eind`, `aan het begin van`) and a core.
fn part_core(c: &Cursor, i: usize, year_ok: bool) -> Option<(Core, Option<Part>, usize)> {
    let mut j = i;
    if matches!(c.w(j), "aan" | "in" | "at" | "tegen")
        && c.is_article(j + 1)
        && let Some(p) = lexicon::part(c.w(j + 2))
        && matches!(c.w(j + 3), "van" | "of")
    {
        let (core, end) = core(c, j + 4, true)?;
        return Some((core, Some(p), end));
    }
    if let Some(p) = lexicon::part(c.w(j)) {
        j += 1;
        if matches!(c.w(j), "van" | "of") {
            j += 1;
        }
        let (core, end) = core(c, j, true)?;
        return Some((core, Some(p), end));
    }
    let (core, end) = core(c, j, year_ok)?;
    Some((core, None, end))
}

fn core(c: &Cursor, i: usize, year_ok: bool) -> Option<(Core, usize)> {
    let w = c.w(i);
    if c.shape(i) == Some(Shape::Numeric) {
        return numeric_date(w).map(|d| (d, i + 1));
    }
    if let Some(offset) = lexicon::relative_modifier(w)
        && let Some(found) = modified(c, i, offset)
    {
        return Some(found);
    }
    if let Some(day) = lexicon::weekday(w) {
        if let Some(found) = day_month(c, i + 1) {
            return Some(found);
        }
        return Some((Core::Weekday { day, direction: 0 }, i + 1));
    }
    if let Some(n) = lexicon::relative_day(w) {
        return Some((
            Core::Shift {
                unit: Unit::Day,
                amount: Some(n as i32),
            },
            i + 1,
        ));
    }
    if lexicon::present(w) {
        return Some((Core::Present, i + 1));
    }
    if w == "op" && c.w(i + 1) == "dit" && c.w(i + 2) == "moment" {
        return Some((Core::Present, i + 3));
    }
    if let Some(found) = day_month(c, i) {
        return Some(found);
    }
    if let Some(found) = month_first(c, i) {
        return Some(found);
    }
    if c.is_article(i)
        && let Some(d) = lexicon::ordinal(c.w(i + 1)).filter(|d| (1..=31).contains(d))
    {
        let next = c.w(i + 2);
        let digit_form = c.w(i + 1).starts_with(|ch: char| ch.is_ascii_digit());
        let stands_alone =
            next.is_empty() || c.shape(i + 2) == Some(Shape::Punct) || matches!(next, "van" | "of");
        if digit_form && stands_alone {
            return Some((
                Core::Date {
                    year: None,
                    month: None,
                    day: Some(d),
                },
                i + 2,
            ));
        }
    }
    let j = if c.is_article(i) { i + 1 } else { i };
    if let Some(found) = season_or_period(c, i, j) {
        return Some(found);
    }
    if year_ok && let Some(y) = c.year_at(i) {
        return Some((
            Core::Date {
                year: Some(y),
                month: None,
                day: None,
            },
            i + 1,
        ));
    }
    if let Some(found) = quantity(c, i) {
        return Some(found);
    }
    if let Some(unit) = lexicon::long_unit(w) {
        return Some((
            Core::Duration {
                unit,
                amount: None,
                anchored: false,
            },
            i + 1,
        ));
    }
    set(c, i)
}

/// `deze week`, `vorig jaar`, `afgelopen zondag`, `komende winter`.
fn modified(c: &Cursor, i: usize, offset: i32) -> Option<(Core, usize)> {
    let next = c.w(i + 1);
    if let Some(day) = lexicon::weekday(next) {
        return Some((
            Core::Weekday {
                day,
                direction: offset.signum(),
            },
            i + 2,
        ));
    }
    if let Some((unit, false)) = lexicon::unit(next) {
        if unit == Unit::Hour {
            return None;
        }
        let unit = if unit == Unit::Weekend {
            Unit::Week
        } else {
            unit
        };
        return Some((
            Core::Shift {
                unit,
                amount: Some(offset),
            },
            i + 2,
        ));
    }
    if let Some(season) = lexicon::season(next) {
        return Some((Core::RelativeSeason { season, offset }, i + 2));
    }
    None
}

/// `17 maart`, `17 mrt. 2022`, `maandag 17 maart`.
fn day_month(c: &Cursor, i: usize) -> Option<(Core, usize)> {
    let day = c.day_number_at(i)?;
    let (month, _) = lexicon::month(c.w(i + 1))?;
    let mut end = i + 2;
    if c.w(end) == "." && c.year_at(end + 1).is_some() {
        end += 1;
    }
    let year = c.year_at(end);
    if year.is_some() {
        end += 1;
    } else if let (YearRef::Relative(offset), after) = year_ref(c, end) {
        return Some((
            Core::InRelativeYear {
                month,
                day: Some(day),
                offset,
            },
            after,
        ));
    }
    Some((
        Core::Date {
            year,
            month: Some(month),
            day: Some(day),
        },
        end,
    ))
}

/// `maart 2022`, `maart`, `March 17, 2022`.
fn month_first(c: &Cursor, i: usize) -> Option<(Core, usize)> {
    let (month, safe_alone) = lexicon::month(c.w(i))?;
    let mut end = i + 1;
    let mut day = None;
    if let Some(d) = c.day_number_at(end) {
        day = Some(d);
        end += 1;
        if c.w(end) == "," && c.year_at(end + 1).is_some() {
            end += 1;
        }
    }
    let year = c.year_at(end);
    if year.is_some() {
        end += 1;
    } else if let (YearRef::Relative(offset), after) = year_ref(c, end) {
        return Some((Core::InRelativeYear { month, day, offset }, after));
    }
    if year.is_none() && day.is_none() && !safe_alone {
        return None;
    }
    Some((
        Core::Date {
            year,
            month: Some(month),
            day,
        },
        end,
    ))
}

/// `van 2020`, `2020`, `van dit jaar`, `vorig jaar` after a season or quarter.
fn year_ref(c: &Cursor, i: usize) -> (YearRef, usize) {
    let j = if matches!(c.w(i), "van" | "of") {
        i + 1
    } else {
        i
    };
    if let Some(y) = c.year_at(j) {
        return (YearRef::Explicit(y), j + 1);
    }
    if let Some(offset) = lexicon::relative_modifier(c.w(j))
        && (c.w(j + 1) == "jaar" || c.w(j + 1) == "year")
    {
        return (YearRef::Relative(offset), j + 2);
    }
    (YearRef::Open, i)
}

/// Seasons, quarters, decades and centuries; `i` is where an optional
/// article stands, `j` the word after it.
fn season_or_period(c: &Cursor, i: usize, j: usize) -> Option<(Core, usize)> {
    let w = c.w(j);
    if let Some(season) = lexicon::season(w) {
        let (year, end) = year_ref(c, j + 1);
        if year == YearRef::Open && i == j {
            return None;
        }
        return Some((Core::Season { season, year }, end));
    }
    if let Some(q) = lexicon::ordinal(w).filter(|q| (1..=4).contains(q))
        && matches!(c.w(j + 1), "kwartaal" | "quarter")
    {
        let (year, end) = year_ref(c, j + 2);
        return Some((Core::Quarter { quarter: q, year }, end));
    }
    if let Some(q) = w
        .strip_prefix('q')
        .and_then(|n| n.parse::<u32>().ok())
        .filter(|q| (1..=4).contains(q))
    {
        let (year, end) = year_ref(c, j + 1);
        if year == YearRef::Open {
            return None;
        }
        return Some((Core::Quarter { quarter: q, year }, end));
    }
    if matches!(w, "jaren") {
        let n = c.w(j + 1);
        let decade = if let Some(d) = lexicon::decade_word(n) {
            Some(if d == 0 { 200 } else { 190 + d })
        } else if let Some(digits) = n.strip_prefix('\'').filter(|d| d.len() == 2) {
            digits
                .parse::<i32>()
                .ok()
                .filter(|d| d % 10 == 0)
                .map(|d| 190 + d / 10)
        } else if c.shape(j + 1) == Some(Shape::Digits) && n.len() == 2 {
            n.parse::<i32>()
                .ok()
                .filter(|d| d % 10 == 0)
                .map(|d| 190 + d / 10)
        } else {
            c.year_at(j + 1).filter(|y| y % 10 == 0).map(|y| y / 10)
        };
        return decade.map(|d| (Core::Decade(d), j + 2));
    }
    if let Some(digits) = w.strip_suffix('s').map(|d| d.trim_start_matches('\''))
        && let Ok(n) = digits.parse::<i32>()
    {
        let decade = match digits.len() {
            4 if n % 10 == 0 && (1000..=2100).contains(&n) => Some(n / 10),
            2 if n % 10 == 0 => Some(190 + n / 10),
            _ => None,
        };
        if let Some(d) = decade {
            return Some((Core::Decade(d), j + 1));
        }
    }
    if let Some(n) = lexicon::ordinal(w).filter(|n| (1..=25).contains(n))
        && matches!(c.w(j + 1), "eeuw" | "century")
    {
        return Some((Core::Century(n as i32 - 1), j + 2));
    }
    None
}

/// Durations and shifts: `de afgelopen 13 dagen`, `al ruim 30 jaar`,
/// `negen maanden`, `twee jaar geleden`, `over drie weken`, `al jaren`.
fn quantity(c: &Cursor, i: usize) -> Option<(Core, usize)> {
    let mut j = i;
    let mut anchored = false;
    let mut future = false;
    let mut hedged = false;
    while j < i + 6 {
        match c.w(j) {
            "de" | "the"
                if matches!(
                    c.w(j + 1),
                    "afgelopen" | "laatste" | "voorbije" | "past" | "last"
                ) =>
            {
                anchored = true;
                j += 2;
            }
            "afgelopen" | "laatste" | "voorbije" | "al" | "inmiddels" | "reeds" | "already" => {
                anchored = true;
                j += 1;
            }
            "over" => {
                future = true;
                j += 1;
            }
            // `binnen een dag innam`: a span, not a future date.
            "binnen" | "within" => {
                hedged = true;
                j += 1;
            }
            "meer" | "minder" | "more" | "less" if matches!(c.w(j + 1), "dan" | "than") => {
                hedged = true;
                j += 2;
            }
            w if lexicon::approximator(w) => {
                hedged = true;
                j += 1;
            }
            _ => break,
        }
    }
    let word = c.w(j);
    let (amount, unit_at) = if let Some(n) = lexicon::cardinal(word).filter(|n| *n < 1000) {
        (Some(n), j + 1)
    } else if lexicon::vague_quantity(word) {
        (None, j + 1)
    } else if matches!(word, "een" | "a") && lexicon::vague_quantity(c.w(j + 1)) {
        (None, j + 2)
    } else if anchored && lexicon::unit(word).is_some_and(|(_, plural)| plural) {
        (None, j)
    } else {
        return None;
    };
    let (unit, _) = lexicon::unit(c.w(unit_at))?;
    if unit == Unit::Weekend {
        return None;
    }
    let after = c.w(unit_at + 1);
    let article_like = matches!(word, "een" | "a" | "één");
    if matches!(after, "geleden" | "ago") {
        return Some((
            Core::Shift {
                unit,
                amount: amount.map(|n| -(n as i32)),
            },
            unit_at + 2,
        ));
    }
    if future {
        return Some((
            Core::Shift {
                unit,
                amount: amount.map(|n| n as i32),
            },
            unit_at + 1,
        ));
    }
    let long = matches!(after, "lang" | "durende" | "long");
    if article_like && !(anchored || hedged || long) {
        return None;
    }
    Some((
        Core::Duration {
            unit,
            amount,
            anchored,
        },
        if long { unit_at + 2 } else { unit_at + 1 },
    ))
}

fn set(c: &Cursor, i: usize) -> Option<(Core, usize)> {
    let w = c.w(i);
    if matches!(w, "elke" | "iedere" | "ieder" | "every" | "each")
        && (lexicon::weekday(c.w(i + 1)).is_some() || lexicon::unit(c.w(i + 1)).is_some())
    {
        return Some((Core::Set, i + 2));
    }
    if matches!(
        w,
        "dagelijks"
            | "wekelijks"
            | "maandelijks"
            | "jaarlijks"
            | "daily"
            | "weekly"
            | "monthly"
            | "yearly"
            | "annually"
    ) {
        return Some((Core::Set, i + 1));
    }
    if w == "'s" {
        let next = c.w(i + 1).strip_suffix('s').unwrap_or("");
        if lexicon::weekday(next).is_some() || lexicon::season(next).is_some() {
            return Some((Core::Set, i + 2));
        }
    }
    None
}

/// `17-3-2022`, `17/03/2022`, `2022-03-17`, `17.3.22`.
fn numeric_date(w: &str) -> Option<Core> {
    let parts: Vec<&str> = w.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let num = |s: &str| s.parse::<i32>().ok();
    let (year, month, day) = if a.len() == 4 {
        (num(a)?, num(b)?, num(c)?)
    } else if c.len() == 4 || c.len() == 2 {
        let y = num(c)?;
        let y = if c.len() == 2 {
            if y <= 50 { 2000 + y } else { 1900 + y }
        } else {
            y
        };
        let (d, m) = (num(a)?, num(b)?);
        // `3/17/2022`: only a month-first reading fits.
        if m > 12 && d <= 12 {
            (y, d, m)
        } else {
            (y, m, d)
        }
    } else {
        return None;
    };
    if a.len() > 4
        || b.len() > 2
        || !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || !(1000..=2100).contains(&year)
    {
        return None;
    }
    chrono::NaiveDate::from_ymd_opt(year, month as u32, day as u32)?;
    Some(Core::Date {
        year: Some(year),
        month: Some(month as u32),
        day: Some(day as u32),
    })
}
