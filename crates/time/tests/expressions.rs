//! Recognition and normalisation of temporal expressions, on sentences written for these tests.

mod support;

use kroniek_model::{Precision, TimeValue, Timex};
use kroniek_time::{find_timexes, parse_date_value};

fn timexes(text: &str, anchor: Option<&str>) -> (String, Vec<Timex>) {
    let doc = support::document(text);
    let anchor: Option<TimeValue> = anchor.map(|a| parse_date_value(a).expect("anchor"));
    let found = find_timexes(&doc, anchor.as_ref());
    (doc.text, found)
}

/// The timex whose text is exactly `span`.
fn timex(text: &str, anchor: Option<&str>, span: &str) -> Timex {
    let (clean, found) = timexes(text, anchor);
    let all: Vec<&str> = found.iter().map(|t| t.span.slice(&clean)).collect();
    found
        .iter()
        .find(|t| t.span.slice(&clean) == span)
        .cloned()
        .unwrap_or_else(|| panic!("no timex {span:?} in {text:?}; found {all:?}"))
}

fn value(text: &str, anchor: Option<&str>, span: &str) -> Option<String> {
    timex(text, anchor, span).value.map(|v| v.value)
}

fn spans(text: &str) -> Vec<String> {
    let (clean, found) = timexes(text, Some("2023-09-27"));
    found
        .iter()
        .map(|t| t.span.slice(&clean).to_string())
        .collect()
}

#[test]
fn absolute_dates_in_usual_forms() {
    let a = Some("2023-09-27");
    assert_eq!(
        value(
            "Het verdrag werd op 17 maart 2022 getekend.",
            a,
            "17 maart 2022"
        )
        .as_deref(),
        Some("2022-03-17")
    );
    assert_eq!(
        value("De stemming was op 17-3-2022.", a, "17-3-2022").as_deref(),
        Some("2022-03-17")
    );
    assert_eq!(
        value(
            "Finland tekende op 2022-03-17 het akkoord.",
            a,
            "2022-03-17"
        )
        .as_deref(),
        Some("2022-03-17")
    );
    assert_eq!(
        value("De stemming was op 5/11/2019 in Lima.", a, "5/11/2019").as_deref(),
        Some("2019-11-05")
    );
    assert_eq!(
        value("In maart 2022 brak de opstand uit.", a, "maart 2022").as_deref(),
        Some("2022-03")
    );
    assert_eq!(
        value("Op 3 mrt. 2021 viel het kabinet.", a, "3 mrt. 2021").as_deref(),
        Some("2021-03-03")
    );
    assert_eq!(
        value(
            "Op dinsdag 4 april 2023 trad Finland toe.",
            a,
            "dinsdag 4 april 2023"
        )
        .as_deref(),
        Some("2023-04-04")
    );
    assert_eq!(
        value(
            "The treaty was signed on March 17, 2022 in Rome.",
            a,
            "March 17, 2022"
        )
        .as_deref(),
        Some("2022-03-17")
    );
}

#[test]
fn partial_dates_take_year_from_anchor_and_tense() {
    assert_eq!(
        value(
            "Op 17 maart sprak de minister zich uit.",
            Some("2022-05"),
            "17 maart"
        )
        .as_deref(),
        Some("2022-03-17")
    );
    assert_eq!(
        value(
            "In maart stuurde Chili een gezant.",
            Some("2022-05"),
            "maart"
        )
        .as_deref(),
        Some("2022-03")
    );
    assert_eq!(
        value(
            "In maart stuurde Chili een gezant.",
            Some("2022-01"),
            "maart"
        )
        .as_deref(),
        Some("2021-03")
    );
    assert_eq!(
        value(
            "In maart zal Chili een gezant sturen.",
            Some("2022-05"),
            "maart"
        )
        .as_deref(),
        Some("2023-03")
    );
    assert_eq!(
        value(
            "Het geweld heeft sinds 27 september veel levens gekost.",
            Some("2020-10"),
            "sinds 27 september"
        )
        .as_deref(),
        Some("2020-09-27")
    );
    assert_eq!(
        value(
            "Het kabinet besloot dat op de 17e.",
            Some("2023-09"),
            "de 17e"
        )
        .as_deref(),
        Some("2023-09-17")
    );
    assert_eq!(
        value("In maart stuurde Chili een gezant.", None, "maart"),
        None
    );
}

#[test]
fn weekdays_follow_tense() {
    // 27 September 2023 is a Wednesday.
    let a = Some("2023-09-27");
    assert_eq!(
        value("De premier sprak maandag met de koning.", a, "maandag").as_deref(),
        Some("2023-09-25")
    );
    assert_eq!(
        value("De premier spreekt vrijdag met de koning.", a, "vrijdag").as_deref(),
        Some("2023-09-29")
    );
    assert_eq!(
        value("Op zondag zal de gezant vertrekken.", a, "zondag").as_deref(),
        Some("2023-10-01")
    );
    assert_eq!(
        value("Zondagavond sloeg het leger terug.", a, "Zondagavond").as_deref(),
        Some("2023-09-24")
    );
    assert_eq!(
        value(
            "De twee presidenten ontmoetten elkaar maandag in Bern.",
            a,
            "maandag"
        )
        .as_deref(),
        Some("2023-09-25")
    );
    assert_eq!(
        value(
            "Donderdag had de generaal nog gewaarschuwd.",
            a,
            "Donderdag"
        )
        .as_deref(),
        Some("2023-09-21")
    );
    assert_eq!(
        value("Vorige woensdag sloot Peru de grens.", a, "Vorige woensdag").as_deref(),
        Some("2023-09-20")
    );
    assert_eq!(
        value(
            "Komende woensdag opent Peru de grens.",
            a,
            "Komende woensdag"
        )
        .as_deref(),
        Some("2023-10-04")
    );
}

#[test]
fn weekdays_against_a_month_stay_at_month_precision() {
    let t = timex(
        "De premier sprak maandag met de koning.",
        Some("2023-09"),
        "maandag",
    );
    let v = t.value.expect("value");
    assert_eq!(
        (v.value.as_str(), v.precision),
        ("2023-09", Precision::Month)
    );
    for (text, span) in [
        ("Het leger trok vorige week de stad binnen.", "vorige week"),
        ("Gisteren viel de regering.", "Gisteren"),
        ("Deze week praten de partijen.", "Deze week"),
    ] {
        assert_eq!(
            value(text, Some("2023-09"), span).as_deref(),
            Some("2023-09"),
            "{text}"
        );
    }
}

#[test]
fn relative_expressions_need_an_anchor() {
    for (text, span) in [
        ("De premier sprak maandag met de koning.", "maandag"),
        ("Gisteren viel de regering.", "Gisteren"),
        ("Vorig jaar won de oppositie.", "Vorig jaar"),
        ("Dit jaar noemde hij het een fout.", "Dit jaar"),
    ] {
        assert_eq!(value(text, None, span), None, "{text}");
    }
}

#[test]
fn relative_days_weeks_months_years() {
    let a = Some("2023-09-27");
    let cases = [
        ("Gisteren viel de regering.", "Gisteren", "2023-09-26"),
        ("Vandaag stemt het parlement.", "Vandaag", "2023-09-27"),
        ("Morgen stemt het parlement.", "Morgen", "2023-09-28"),
        ("Eergisteren viel de regering.", "Eergisteren", "2023-09-25"),
        (
            "Het leger trok vorige week de stad binnen.",
            "vorige week",
            "2023-W38",
        ),
        ("Deze week praten de partijen.", "Deze week", "2023-W39"),
        (
            "Volgende maand stemt het parlement.",
            "Volgende maand",
            "2023-10",
        ),
        ("Vorig jaar won de oppositie.", "Vorig jaar", "2022"),
        ("Dit jaar noemde hij het een fout.", "Dit jaar", "2023"),
        (
            "Twee jaar geleden viel de regering.",
            "Twee jaar geleden",
            "2021",
        ),
        (
            "Over drie weken stemt het parlement.",
            "Over drie weken",
            "2023-W42",
        ),
        (
            "Three years ago the border closed.",
            "Three years ago",
            "2020",
        ),
        ("Last week the border closed.", "Last week", "2023-W38"),
    ];
    for (text, span, expected) in cases {
        assert_eq!(value(text, a, span).as_deref(), Some(expected), "{text}");
    }
    assert_eq!(
        value(
            "Vorig jaar won de oppositie.",
            Some("2022-03"),
            "Vorig jaar"
        )
        .as_deref(),
        Some("2021")
    );
}

#[test]
fn seasons_and_parts_of_periods() {
    let a = Some("2023-09-27");
    assert_eq!(
        value(
            "Het bestand werd in het najaar van 2020 gesloten.",
            a,
            "het najaar van 2020"
        )
        .as_deref(),
        Some("2020-FA")
    );
    assert_eq!(
        value(
            "In de zomer van 1914 brak de oorlog uit.",
            a,
            "de zomer van 1914"
        )
        .as_deref(),
        Some("1914-SU")
    );
    assert_eq!(
        value("Vorige zomer brandden de bossen.", a, "Vorige zomer").as_deref(),
        Some("2023-SU")
    );
    assert_eq!(
        value(
            "Deze winter is het koud.",
            Some("2023-01-15"),
            "Deze winter"
        )
        .as_deref(),
        Some("2022-WI")
    );
    let end = timex("Eind vorig jaar viel de regering.", a, "Eind vorig jaar")
        .value
        .expect("value");
    assert_eq!(end.value, "2022");
    assert!(end.begin.to_string().as_str() >= "2022-09-01", "{end:?}");
    let begin = timex(
        "Begin dit jaar hielp Rusland de regering.",
        a,
        "Begin dit jaar",
    )
    .value
    .expect("value");
    assert_eq!(begin.value, "2023");
    assert!(begin.end.to_string().as_str() <= "2023-05-31", "{begin:?}");
    assert_eq!(
        value("Medio 2020 tekenden ze het akkoord.", a, "Medio 2020").as_deref(),
        Some("2020")
    );
    assert_eq!(
        value("Half maart werd de grens gesloten.", a, "Half maart").as_deref(),
        Some("2023-03")
    );
    assert_eq!(
        value(
            "Aan het eind van de jaren negentig viel de muur niet.",
            a,
            "Aan het eind van de jaren negentig"
        )
        .as_deref(),
        Some("199")
    );
}

#[test]
fn quarters_decades_centuries() {
    let a = Some("2023-09-27");
    assert_eq!(
        value(
            "In het eerste kwartaal van 2023 groeide de handel.",
            a,
            "het eerste kwartaal van 2023"
        )
        .as_deref(),
        Some("2023-Q1")
    );
    assert_eq!(
        value("In Q3 2022 daalde de export.", a, "Q3 2022").as_deref(),
        Some("2022-Q3")
    );
    assert_eq!(
        value(
            "In de jaren negentig woedde de oorlog.",
            a,
            "de jaren negentig"
        )
        .as_deref(),
        Some("199")
    );
    assert_eq!(
        value("In de jaren 90 woedde de oorlog.", a, "de jaren 90").as_deref(),
        Some("199")
    );
    assert_eq!(
        value("In de jaren '80 woedde de oorlog.", a, "de jaren '80").as_deref(),
        Some("198")
    );
    assert_eq!(
        value("In the 1990s the war raged.", a, "the 1990s").as_deref(),
        Some("199")
    );
    assert_eq!(
        value("In de 19e eeuw was de stad Russisch.", a, "de 19e eeuw").as_deref(),
        Some("18")
    );
    assert_eq!(
        value(
            "In de twintigste eeuw was de stad Pools.",
            a,
            "de twintigste eeuw"
        )
        .as_deref(),
        Some("19")
    );
}

#[test]
fn durations() {
    let t = timex(
        "De oproepen bleven de afgelopen 13 dagen onbeantwoord.",
        Some("2020-10"),
        "de afgelopen 13 dagen",
    );
    assert_eq!(t.kind, "duration");
    let v = t.value.expect("anchored duration");
    assert_eq!(
        (v.value.as_str(), v.begin.to_string(), v.end.to_string()),
        ("P13D", "2020-09-18".into(), "2020-10-31".into())
    );
    let t = timex(
        "Soldaten bewaken al ruim 30 jaar de grens.",
        Some("2023-10"),
        "al ruim 30 jaar",
    );
    assert_eq!(
        (t.kind.as_str(), t.value.map(|v| v.value)),
        ("duration", Some("P30Y".to_string()))
    );
    let t = timex(
        "De blokkade duurde negen maanden.",
        Some("2023-10"),
        "negen maanden",
    );
    assert_eq!((t.kind.as_str(), t.value.is_none()), ("duration", true));
    assert!(t.rule.contains("P9M"), "{}", t.rule);
    let t = timex("Het beleg duurde 48 uur.", None, "48 uur");
    assert!(t.rule.contains("PT48H"), "{}", t.rule);
    let t = timex("Het conflict sleept al jaren aan.", None, "al jaren");
    assert!(t.rule.contains("PXY"), "{}", t.rule);
}

#[test]
fn ranges() {
    let a = Some("2023-09-27");
    let t = timex(
        "De troepen zijn er sinds november 2020.",
        a,
        "sinds november 2020",
    );
    assert_eq!(
        (t.kind.as_str(), t.value.map(|v| v.value)),
        ("range", Some("2020-11".to_string()))
    );
    let t = timex("Het mandaat loopt tot 2025.", a, "tot 2025");
    assert_eq!(
        (t.value.is_none(), t.until.map(|v| v.value)),
        (true, Some("2025".to_string()))
    );
    let t = timex(
        "Tussen 1990 en 1994 woedde de oorlog.",
        a,
        "Tussen 1990 en 1994",
    );
    assert_eq!(
        (t.value.map(|v| v.value), t.until.map(|v| v.value)),
        (Some("1990".to_string()), Some("1994".to_string()))
    );
    let t = timex(
        "Van maart tot mei 2021 was de grens dicht.",
        a,
        "Van maart tot mei 2021",
    );
    assert_eq!(t.until.map(|v| v.value), Some("2021-05".to_string()));
    let t = timex("Het land is sinds 1991 onafhankelijk.", a, "sinds 1991");
    assert_eq!(t.value.map(|v| v.value), Some("1991".to_string()));
    let t = timex(
        "Vanaf volgende maand geldt de wet.",
        a,
        "Vanaf volgende maand",
    );
    assert_eq!(t.value.map(|v| v.value), Some("2023-10".to_string()));
}

#[test]
fn years_and_numbers_that_are_not_years() {
    let a = Some("2023-09-27");
    assert_eq!(
        value("De genocide in 1915 wordt herdacht.", a, "1915").as_deref(),
        Some("1915")
    );
    assert_eq!(
        value("In 2021 zei hij het al.", a, "2021").as_deref(),
        Some("2021")
    );
    assert!(spans("Er vielen 400 doden en 30.000 gewonden.").is_empty());
    assert!(spans("Het gaat in 2000 gevallen om fraude.").is_empty());
    assert!(spans("De stad telt 1915 inwoners.").is_empty());
    assert!(spans("Het kost 2023 euro.").is_empty());
    assert!(spans("Het dodental liep op tot 2000 doden.").is_empty());
}

#[test]
fn sets_and_present() {
    let t = timex(
        "Elke maandag overleggen de ministers.",
        Some("2023-09-27"),
        "Elke maandag",
    );
    assert_eq!((t.kind.as_str(), t.value.is_none()), ("set", true));
    assert_eq!(
        value(
            "De gevechten die nu plaatsvinden zijn hevig.",
            Some("2020-10"),
            "nu"
        )
        .as_deref(),
        Some("2020-10")
    );
    assert_eq!(
        value("De gevechten die nu plaatsvinden zijn hevig.", None, "nu"),
        None
    );
}

#[test]
fn morning_is_not_tomorrow() {
    assert!(
        !spans("Het gebeurde in de morgen van de aanval.")
            .iter()
            .any(|s| s == "morgen")
    );
}

#[test]
fn day_lists_year_spans_and_months_of_relative_years() {
    let a = Some("2023-10-03");
    let t = timex(
        "Op 5 en 6 oktober 2023 kwamen de leiders bijeen.",
        a,
        "5 en 6 oktober 2023",
    );
    assert_eq!(
        (t.value.map(|v| v.value), t.until.map(|v| v.value)),
        (Some("2023-10-05".into()), Some("2023-10-06".into()))
    );
    let t = timex("In de periode 2014-2022 was het onrustig.", a, "2014-2022");
    assert_eq!(
        (t.value.map(|v| v.value), t.until.map(|v| v.value)),
        (Some("2014".into()), Some("2022".into()))
    );
    assert_eq!(
        value("In mei vorig jaar viel de regering.", a, "mei vorig jaar").as_deref(),
        Some("2022-05")
    );
    assert_eq!(
        value(
            "Op 1 maart dit jaar viel de regering.",
            a,
            "1 maart dit jaar"
        )
        .as_deref(),
        Some("2023-03-01")
    );
}

#[test]
fn weekdays_of_named_weeks_and_coming_periods() {
    let a = Some("2023-09-27");
    assert_eq!(
        value(
            "Vorige week dinsdag viel de regering.",
            a,
            "Vorige week dinsdag"
        )
        .as_deref(),
        Some("2023-09-19")
    );
    assert_eq!(
        value(
            "Het parlement stemt dinsdag volgende week.",
            a,
            "dinsdag volgende week"
        )
        .as_deref(),
        Some("2023-10-03")
    );
    assert_eq!(
        value(
            "Vorige week dinsdag viel de regering.",
            Some("2023-09"),
            "Vorige week dinsdag"
        )
        .as_deref(),
        Some("2023-09")
    );
    let t = timex(
        "De komende drie weken blijft de grens dicht.",
        a,
        "De komende drie weken",
    );
    assert_eq!(t.kind, "duration");
}

#[test]
fn relative_quarters_and_centuries() {
    let a = Some("2023-09-27");
    assert_eq!(
        value("Vorig kwartaal kromp de economie.", a, "Vorig kwartaal").as_deref(),
        Some("2023-Q2")
    );
    assert_eq!(
        value("In de vorige eeuw was het anders.", a, "vorige eeuw").as_deref(),
        Some("19")
    );
    assert_eq!(
        value(
            "In the 19th century the city was Russian.",
            a,
            "the 19th century"
        )
        .as_deref(),
        Some("18")
    );
}
