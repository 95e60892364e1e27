//! Document dates and event date attachment, on texts written for these tests.

mod support;

use kroniek_model::{DateSource, Document};
use kroniek_time::{annotate, attach, header_date};

fn annotated(text: &str, date: Option<&str>) -> Document {
    let mut doc = match date {
        Some(d) => support::dated(text, d),
        None => support::document(text),
    };
    annotate(&mut doc);
    doc
}

/// Attach the event whose trigger is the first token `trigger` in `doc`.
fn date_of(doc: &Document, trigger: &str) -> (Option<String>, &'static str) {
    let t = support::token_at(doc, trigger, 0).unwrap_or_else(|| panic!("no token {trigger}"));
    let sentence = doc
        .sentences
        .iter()
        .position(|s| s.token_range().contains(&t))
        .expect("sentence");
    let a = attach(doc, sentence, t);
    (a.value.map(|v| v.value), a.rule)
}

#[test]
fn header_date_from_meta() {
    let mut doc = support::document("De regering viel.");
    doc.meta.insert("header_date".into(), "2023-10".into());
    let d = header_date(&doc).expect("header date");
    assert_eq!(
        (d.value.value.as_str(), d.source),
        ("2023-10", DateSource::Header)
    );
    annotate(&mut doc);
    assert_eq!(doc.date.map(|d| d.value.value).as_deref(), Some("2023-10"));
}

#[test]
fn given_date_wins() {
    let mut doc = support::dated(
        "Op 3 mei 2019 viel de regering. Nu is het rustig.",
        "2024-02-02",
    );
    doc.meta.insert("header_date".into(), "2023-10".into());
    annotate(&mut doc);
    assert_eq!(
        doc.date.map(|d| d.value.value).as_deref(),
        Some("2024-02-02")
    );
}

#[test]
fn inferred_from_a_recent_date_and_present_talk() {
    let doc = annotated(
        "Op 3 mei 2019 kondigde de regering van Peru de noodtoestand af. In 1980 was dat ook al zo. De situatie is nu onhoudbaar, zegt de minister.",
        None,
    );
    let d = doc.date.expect("inferred date");
    assert_eq!(
        (d.value.value.as_str(), d.source),
        ("2019-05", DateSource::Inferred)
    );
    assert_eq!(d.evidence.as_deref(), Some("3 mei 2019"));
}

#[test]
fn no_date_without_support() {
    let texts = [
        // only history
        "In 1915 begon de oorlog. Sinds 1991 is het land onafhankelijk en vandaag is het rustig.",
        // a full date but nothing said about the present
        "Op 3 mei 2019 kondigde de regering de noodtoestand af. Het leger greep in.",
        // a later year shows the full date is not the time of writing
        "Op 3 mei 2019 kondigde de regering de noodtoestand af. In 2021 zei de premier dat het voorbij was. Nu is het rustig.",
        // an announced date is not the writing date
        "De verkiezingen zullen op 22 november 2025 plaatsvinden. Nu is het rustig.",
        // weekdays and a month without year
        "De premier sprak maandag met de koning. Vandaag is het rustig. De foto is van juni.",
    ];
    for text in texts {
        assert_eq!(annotated(text, None).date, None, "{text}");
    }
}

#[test]
fn clause_timex_beats_other_clauses() {
    let doc = annotated(
        "Georgië, dat in 1991 onafhankelijk werd, viel gisteren de rebellen aan.",
        Some("2023-09-27"),
    );
    assert_eq!(
        date_of(&doc, "viel"),
        (Some("2023-09-26".into()), "clause-timex")
    );
    assert_eq!(
        date_of(&doc, "onafhankelijk"),
        (Some("1991".into()), "clause-timex")
    );
}

#[test]
fn historical_relative_clause_is_not_attached() {
    let doc = annotated(
        "Georgië, dat in 1991 onafhankelijk werd, viel de rebellen aan.",
        Some("2023-09-27"),
    );
    assert_eq!(
        date_of(&doc, "viel"),
        (Some("2023-09-27".into()), "document")
    );
}

#[test]
fn linked_clauses_lend_their_time() {
    let doc = annotated(
        "Toen Chili vorige week de grens sloot, protesteerde Peru.",
        Some("2023-09-27"),
    );
    assert_eq!(
        date_of(&doc, "protesteerde"),
        (Some("2023-W38".into()), "sentence-timex")
    );
    let doc = annotated(
        "De minister zei maandag dat Peru de ambassadeur had teruggeroepen.",
        Some("2023-09-27"),
    );
    assert_eq!(
        date_of(&doc, "teruggeroepen"),
        (Some("2023-09-25".into()), "sentence-timex")
    );
    let doc = annotated(
        "Het gaat om een akkoord dat beide landen in 2019 sloten, nadat de grensoorlog was geëindigd.",
        Some("2023-09-27"),
    );
    assert_eq!(
        date_of(&doc, "akkoord"),
        (Some("2019".into()), "sentence-timex")
    );
    assert_eq!(
        date_of(&doc, "grensoorlog"),
        (Some("2019".into()), "sentence-timex")
    );
}

#[test]
fn ranges_and_durations_date_events_by_their_start_or_cover() {
    let doc = annotated(
        "De oorlog heeft sinds 27 september al honderden levens gekost.",
        Some("2020-10"),
    );
    assert_eq!(
        date_of(&doc, "gekost"),
        (Some("2020-09-27".into()), "clause-timex")
    );
    let doc = annotated(
        "De blauwhelmen bewaken sinds november 2020 de grens.",
        Some("2022-03"),
    );
    assert_eq!(
        date_of(&doc, "bewaken"),
        (Some("2020-11".into()), "clause-timex")
    );
    let doc = annotated(
        "Oproepen bleven de afgelopen 13 dagen onbeantwoord.",
        Some("2020-10-20"),
    );
    assert_eq!(date_of(&doc, "Oproepen").0.as_deref(), Some("2020-10"));
}

#[test]
fn continuing_sentence_keeps_the_previous_date() {
    let text = "De Chileense minister sprak zich op 12 juni uit tegen de mijnbouw. Hij riep op tot een verbod. De regering is verdeeld.";
    let doc = annotated(text, Some("2023-06"));
    assert_eq!(
        date_of(&doc, "riep"),
        (Some("2023-06-12".into()), "previous-sentence")
    );
    assert_eq!(
        date_of(&doc, "verdeeld"),
        (Some("2023-06".into()), "document")
    );
}

#[test]
fn undated_document_gives_none() {
    let doc = annotated(
        "De premier sprak maandag met de koning. Het leger greep in.",
        None,
    );
    assert_eq!(date_of(&doc, "sprak"), (None, "clause-timex"));
    assert_eq!(date_of(&doc, "greep"), (None, "none"));
}

#[test]
fn bad_indices_do_not_panic() {
    let doc = annotated(
        "De premier sprak maandag met de koning.",
        Some("2023-09-27"),
    );
    assert_eq!(attach(&doc, 99, 0).rule, "document");
    assert_eq!(attach(&doc, 0, 9999).rule, "document");
}

#[test]
fn dateline_at_the_top_dates_to_the_day() {
    for text in [
        "12 oktober 2023 - Het kabinet heeft besloten de ambassade te sluiten.",
        "Den Haag, maandag 2 oktober 2023. De minister zegt dat de grens dicht blijft.",
    ] {
        let d = annotated(text, None)
            .date
            .unwrap_or_else(|| panic!("dateline in {text}"));
        assert_eq!(
            (d.value.precision, d.source),
            (kroniek_model::Precision::Day, DateSource::Inferred),
            "{text}"
        );
    }
    for text in [
        "Op 27 september 2020 lanceerde het leger raketten op de regio.",
        "27 september 2020 lanceerde het leger raketten op de regio.",
        "Het leger lanceerde op 27 september 2020 raketten op de regio.",
    ] {
        assert_eq!(annotated(text, None).date, None, "{text}");
    }
}

#[test]
fn parser_features_decide_tense_when_present() {
    // 27 September 2023 is a Wednesday. The word lists would call `bezoekt`
    // present; the features given by a parser take precedence.
    let text = "De president bezoekt maandag Parijs.";
    for (feats, expected) in [
        ("Tense=Past|VerbForm=Fin", "2023-09-25"),
        ("Tense=Pres|VerbForm=Fin", "2023-10-02"),
    ] {
        let mut doc = support::dated(text, "2023-09-27");
        for tok in doc.tokens.iter_mut() {
            tok.upos = "NOUN".into();
            if tok.span.slice(text) == "bezoekt" {
                tok.upos = "VERB".into();
                tok.feats = feats.into();
            }
        }
        annotate(&mut doc);
        let t = &doc.timexes[0];
        assert_eq!(
            t.value.as_ref().map(|v| v.value.as_str()),
            Some(expected),
            "{feats}"
        );
    }
}

/// Give the tokens of `doc` (one sentence) the heads and relations listed.
fn with_tree(mut doc: Document, tree: &[(u32, &str)]) -> Document {
    assert_eq!(doc.tokens.len(), tree.len(), "one arc per token");
    for (tok, (head, rel)) in doc.tokens.iter_mut().zip(tree) {
        tok.head = *head;
        tok.deprel = (*rel).into();
    }
    doc
}

#[test]
fn dependency_tree_links_a_timex_to_its_trigger() {
    // "De aanval van vorige week op Gori werd veroordeeld ." — heuristics keep
    // the whole sentence one clause; the tree says `vorige week` modifies `aanval`.
    let doc = support::dated(
        "De aanval van vorige week op Gori werd gisteren veroordeeld.",
        "2023-09-27",
    );
    let tree = [
        (2, "det"),
        (10, "nsubj:pass"),
        (5, "case"),
        (5, "amod"),
        (2, "nmod"),
        (7, "case"),
        (2, "nmod"),
        (10, "aux:pass"),
        (10, "advmod"),
        (0, "root"),
        (10, "punct"),
    ];
    let mut doc = with_tree(doc, &tree);
    annotate(&mut doc);
    assert_eq!(
        date_of(&doc, "aanval"),
        (Some("2023-W38".into()), "clause-timex")
    );
    assert_eq!(
        date_of(&doc, "veroordeeld"),
        (Some("2023-09-26".into()), "clause-timex")
    );
}

#[test]
fn a_wrong_tree_does_not_pull_in_a_relative_clause() {
    // A parse that makes the relative clause the root and the main verb its conjunct.
    let doc = support::dated(
        "Georgië, dat in 1991 onafhankelijk werd, viel de rebellen aan.",
        "2023-09-27",
    );
    let tree = [
        (6, "nsubj"),
        (6, "punct"),
        (6, "nsubj"),
        (5, "case"),
        (6, "obl"),
        (0, "root"),
        (6, "cop"),
        (6, "punct"),
        (6, "conj"),
        (11, "det"),
        (9, "obj"),
        (9, "compound:prt"),
        (6, "punct"),
    ];
    let mut doc = with_tree(doc, &tree);
    annotate(&mut doc);
    assert_eq!(
        date_of(&doc, "viel"),
        (Some("2023-09-27".into()), "document")
    );
    assert_eq!(
        date_of(&doc, "onafhankelijk"),
        (Some("1991".into()), "clause-timex")
    );
}

#[test]
fn long_durations_do_not_date_events() {
    let doc = annotated(
        "Russische militairen bewaken al ruim 30 jaar de grens.",
        Some("2023-10"),
    );
    assert_eq!(
        date_of(&doc, "bewaken"),
        (Some("2023-10".into()), "document")
    );
}
