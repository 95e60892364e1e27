//! Word tables for Dutch (and cheap English) temporal expressions.
//! Every function takes a lowercased word.

use chrono::Weekday;

use crate::calendar::Season;

/// A month name; `safe_alone` is false for names that are also ordinary
/// words (`may`, `march`) or abbreviations (`jan`, `mrt`) and need a day or
/// year beside them.
pub(crate) fn month(w: &str) -> Option<(u32, bool)> {
    Some(match w {
        "januari" | "january" => (1, true),
        "februari" | "february" => (2, true),
        "maart" => (3, true),
        "april" => (4, true),
        "mei" => (5, true),
        "juni" | "june" => (6, true),
        "juli" | "july" => (7, true),
        "augustus" | "august" => (8, true),
        "september" => (9, true),
        "oktober" | "october" => (10, true),
        "november" => (11, true),
        "december" => (12, true),
        "jan" => (1, false),
        "feb" | "febr" => (2, false),
        "mrt" | "mar" | "march" => (3, false),
        "apr" => (4, false),
        "may" => (5, false),
        "jun" => (6, false),
        "jul" => (7, false),
        "aug" => (8, false),
        "sep" | "sept" => (9, false),
        "okt" | "oct" => (10, false),
        "nov" => (11, false),
        "dec" => (12, false),
        _ => return None,
    })
}

/// A weekday, also with a part of the day glued on (`zondagavond`).
pub(crate) fn weekday(w: &str) -> Option<Weekday> {
    // A static, not a const: a const array is copied onto the stack at
    // every call, and this runs for every word the date grammar tries.
    static DAYS: [(&str, Weekday); 14] = [
        ("maandag", Weekday::Mon),
        ("dinsdag", Weekday::Tue),
        ("woensdag", Weekday::Wed),
        ("donderdag", Weekday::Thu),
        ("vrijdag", Weekday::Fri),
        ("zaterdag", Weekday::Sat),
        ("zondag", Weekday::Sun),
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ];
    // The shortest names (`zondag`, `monday`) have six letters; most words
    // tried are shorter.
    // Every name has `da` (of `dag`, `day`) at byte 3 to 6.
    if w.len() < 6 || !(3..=6).any(|i| w.as_bytes().get(i..i + 2) == Some(b"da")) {
        return None;
    }
    for &(name, wd) in &DAYS {
        if let Some(rest) = w.strip_prefix(name)
            && (rest.is_empty() || is_day_part(rest))
        {
            return Some(wd);
        }
    }
    None
}

fn is_day_part(w: &str) -> bool {
    matches!(
        w,
        "ochtend"
            | "morgen"
            | "middag"
            | "avond"
            | "nacht"
            | "morning"
            | "afternoon"
            | "evening"
            | "night"
    )
}

/// Words for a day relative to today.
pub(crate) fn relative_day(w: &str) -> Option<i64> {
    Some(match w {
        "vandaag" | "vannacht" | "vanavond" | "vanochtend" | "vanmorgen" | "vanmiddag"
        | "today" | "tonight" => 0,
        "gisteren" | "gisteravond" | "gisterochtend" | "gistermorgen" | "gistermiddag"
        | "gisternacht" | "yesterday" => -1,
        "eergisteren" => -2,
        "morgen" | "morgenochtend" | "morgenmiddag" | "morgenavond" | "tomorrow" => 1,
        "overmorgen" => 2,
        _ => return None,
    })
}

/// `deze`, `vorige`, `volgende` ... : the offset in units.
pub(crate) fn relative_modifier(w: &str) -> Option<i32> {
    Some(match w {
        "deze" | "dit" | "this" => 0,
        "vorige" | "vorig" | "verleden" | "afgelopen" | "voorbije" | "last" | "past" => -1,
        "volgende" | "volgend" | "komende" | "aanstaande" | "next" | "coming" => 1,
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// ISO 8601 / TIMEX3 duration designator.
    pub(crate) fn designator(self) -> &'static str {
        match self {
            Unit::Hour => "H",
            Unit::Day => "D",
            Unit::Week | Unit::Weekend => "W",
            Unit::Month => "M",
            Unit::Quarter => "Q",
            Unit::Year => "Y",
            Unit::Decade => "DE",
            Unit::Century => "CE",
        }
    }
}

/// A calendar unit; the flag says the word is plural.
pub(crate) fn unit(w: &str) -> Option<(Unit, bool)> {
    Some(match w {
        "uur" | "hour" => (Unit::Hour, false),
        "uren" | "hours" => (Unit::Hour, true),
        "dag" | "day" | "etmaal" => (Unit::Day, false),
        "dagen" | "days" | "etmalen" => (Unit::Day, true),
        "week" => (Unit::Week, false),
        "weken" | "weeks" => (Unit::Week, true),
        "weekend" | "weekeinde" => (Unit::Weekend, false),
        "maand" | "month" => (Unit::Month, false),
        "maanden" | "months" => (Unit::Month, true),
        "kwartaal" | "quarter" => (Unit::Quarter, false),
        "kwartalen" | "quarters" => (Unit::Quarter, true),
        "jaar" | "year" => (Unit::Year, false),
        "jaren" | "years" => (Unit::Year, true),
        "decennium" | "decade" => (Unit::Decade, false),
        "decennia" | "decades" => (Unit::Decade, true),
        "eeuw" | "century" => (Unit::Century, false),
        "eeuwen" | "centuries" => (Unit::Century, true),
        _ => return None,
    })
}

/// `jarenlang`, `wekenlang`: a vague duration in one word.
pub(crate) fn long_unit(w: &str) -> Option<Unit> {
    Some(match w {
        "urenlang" => Unit::Hour,
        "dagenlang" => Unit::Day,
        "wekenlang" => Unit::Week,
        "maandenlang" => Unit::Month,
        "jarenlang" => Unit::Year,
        "decennialang" => Unit::Decade,
        "eeuwenlang" => Unit::Century,
        _ => return None,
    })
}

pub(crate) fn season(w: &str) -> Option<Season> {
    Some(match w {
        "lente" | "voorjaar" | "spring" => Season::Spring,
        "zomer" | "summer" => Season::Summer,
        "herfst" | "najaar" | "autumn" => Season::Autumn,
        "winter" => Season::Winter,
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Start,
    Mid,
    End,
}

/// `begin`, `medio`, `eind` ...: which part of the following period.
pub(crate) fn part(w: &str) -> Option<Part> {
    Some(match w {
        "begin" | "early" | "beginning" | "start" => Part::Start,
        "medio" | "half" | "halverwege" | "midden" | "mid" | "middle" => Part::Mid,
        "eind" | "einde" | "eind-" | "late" | "end" => Part::End,
        _ => return None,
    })
}

/// Cardinal number words and digits.
pub(crate) fn cardinal(w: &str) -> Option<u32> {
    if !w.is_empty() && w.len() <= 6 && w.bytes().all(|b| b.is_ascii_digit()) {
        return w.parse().ok();
    }
    Some(match w {
        "een" | "één" | "eén" | "one" | "a" => 1,
        "twee" | "two" => 2,
        "drie" | "three" => 3,
        "vier" | "four" => 4,
        "vijf" | "five" => 5,
        "zes" | "six" => 6,
        "zeven" | "seven" => 7,
        "acht" | "eight" => 8,
        "negen" | "nine" => 9,
        "tien" | "ten" => 10,
        "elf" | "eleven" => 11,
        "twaalf" | "twelve" => 12,
        "dertien" => 13,
        "veertien" => 14,
        "vijftien" | "fifteen" => 15,
        "zestien" => 16,
        "zeventien" => 17,
        "achttien" => 18,
        "negentien" => 19,
        "twintig" | "twenty" => 20,
        "dertig" | "thirty" => 30,
        "veertig" | "forty" => 40,
        "vijftig" | "fifty" => 50,
        "zestig" => 60,
        "zeventig" => 70,
        "tachtig" => 80,
        "negentig" => 90,
        "honderd" | "hundred" => 100,
        _ => return None,
    })
}

/// Quantities that are not numbers: `enkele dagen`, `a few weeks`.
pub(crate) fn vague_quantity(w: &str) -> bool {
    matches!(
        w,
        "enkele"
            | "paar"
            | "aantal"
            | "meerdere"
            | "verscheidene"
            | "ettelijke"
            | "vele"
            | "tientallen"
            | "several"
            | "few"
            | "many"
    )
}

/// Ordinals: `eerste`, `19e`, `19de`, `21ste`, `third`, `19th`.
pub(crate) fn ordinal(w: &str) -> Option<u32> {
    let digits_end = w.bytes().take_while(|b| b.is_ascii_digit()).count();
    if digits_end > 0 && digits_end <= 2 {
        let (num, suffix) = w.split_at(digits_end);
        if matches!(
            suffix,
            "e" | "de" | "ste" | "ste." | "st" | "nd" | "rd" | "th"
        ) {
            return num.parse().ok();
        }
        return None;
    }
    Some(match w {
        "eerste" | "first" => 1,
        "tweede" | "second" => 2,
        "derde" | "third" => 3,
        "vierde" | "fourth" => 4,
        "vijfde" | "fifth" => 5,
        "zesde" => 6,
        "zevende" => 7,
        "achtste" => 8,
        "negende" => 9,
        "tiende" => 10,
        "elfde" => 11,
        "twaalfde" => 12,
        "dertiende" => 13,
        "veertiende" => 14,
        "vijftiende" => 15,
        "zestiende" => 16,
        "zeventiende" => 17,
        "achttiende" => 18,
        "negentiende" => 19,
        "twintigste" => 20,
        "eenentwintigste" => 21,
        _ => return None,
    })
}

/// `de jaren negentig`: the tens word of a decade.
pub(crate) fn decade_word(w: &str) -> Option<i32> {
    Some(match w {
        "nul" => 0,
        "tien" => 1,
        "twintig" | "twenties" => 2,
        "dertig" | "thirties" => 3,
        "veertig" | "forties" => 4,
        "vijftig" | "fifties" => 5,
        "zestig" | "sixties" => 6,
        "zeventig" | "seventies" => 7,
        "tachtig" | "eighties" => 8,
        "negentig" | "nineties" => 9,
        _ => return None,
    })
}

/// Words meaning "now" in the sense of the document's own time.
pub(crate) fn present(w: &str) -> bool {
    matches!(
        w,
        "nu" | "momenteel" | "thans" | "tegenwoordig" | "heden" | "now" | "currently"
    )
}

/// Prepositions that make a following bare number a year (`in 1915`).
pub(crate) fn year_preposition(w: &str) -> bool {
    matches!(
        w,
        "in" | "sinds"
            | "sedert"
            | "uit"
            | "van"
            | "vanaf"
            | "tot"
            | "rond"
            | "omstreeks"
            | "na"
            | "voor"
            | "tussen"
            | "anno"
            | "jaar"
            | "circa"
            | "ca"
            | "since"
            | "from"
            | "until"
            | "by"
            | "before"
            | "after"
            | "around"
            | "during"
            | "tijdens"
    )
}

/// Nouns that show a preceding number counts things rather than naming a year.
pub(crate) fn count_noun(w: &str) -> bool {
    matches!(
        w,
        "doden"
            | "mensen"
            | "soldaten"
            | "militairen"
            | "slachtoffers"
            | "gewonden"
            | "euro"
            | "dollar"
            | "dollars"
            | "km"
            | "kilometer"
            | "kilometers"
            | "meter"
            | "gevallen"
            | "stuks"
            | "keer"
            | "personen"
            | "inwoners"
            | "huizen"
            | "man"
            | "vluchtelingen"
            | "troepen"
            | "tanks"
            | "raketten"
            | "drones"
            | "leden"
            | "stemmen"
            | "zetels"
            | "banen"
            | "ton"
            | "liter"
            | "procent"
            | "betogers"
            | "deelnemers"
            | "burgers"
            | "kinderen"
            | "people"
            | "soldiers"
            | "troops"
            | "dead"
            | "killed"
            | "times"
    )
}

/// Heads of a range: `sinds`, `vanaf`, `tot` ...
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RangeHead {
    Since,
    Until,
    Between,
    From,
}

pub(crate) fn range_head(w: &str) -> Option<RangeHead> {
    Some(match w {
        "sinds" | "sedert" | "since" => RangeHead::Since,
        "vanaf" => RangeHead::From,
        "tot" | "totdat" | "until" | "till" => RangeHead::Until,
        "tussen" | "between" => RangeHead::Between,
        _ => return None,
    })
}

/// Words that may stand between a quantity and a duration unit, or before it,
/// without changing the duration (`ruim 30 jaar`, `meer dan twee weken`).
pub(crate) fn approximator(w: &str) -> bool {
    matches!(
        w,
        "ruim"
            | "bijna"
            | "zowat"
            | "ongeveer"
            | "circa"
            | "ca"
            | "pakweg"
            | "zo'n"
            | "zeker"
            | "minstens"
            | "minimaal"
            | "maximaal"
            | "hooguit"
            | "nog"
            | "krap"
            | "amper"
            | "about"
            | "nearly"
            | "almost"
            | "over"
            | "some"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_with_and_without_a_day_part() {
        assert_eq!(weekday("zondag"), Some(Weekday::Sun));
        assert_eq!(weekday("friday"), Some(Weekday::Fri));
        assert_eq!(weekday("woensdagavond"), Some(Weekday::Wed));
        assert_eq!(weekday("dinsdagmiddag"), Some(Weekday::Tue));
        let names = "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag \
                     monday tuesday wednesday thursday friday saturday sunday";
        for (i, name) in names.split_whitespace().enumerate() {
            let day = Weekday::try_from(i as u8 % 7).ok();
            assert_eq!(weekday(name), day, "{name}");
            assert_eq!(weekday(&format!("{name}ochtend")), day, "{name}");
        }
        for w in [
            "",
            "dag",
            "zon",
            "maand",
            "zondagen",
            "vandaag",
            "maandagje",
            "donderslag",
            "woensdaag",
        ] {
            assert_eq!(weekday(w), None, "{w}");
        }
    }
}
