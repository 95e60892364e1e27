//! No input makes the crate panic.

mod support;

use kroniek_time::{annotate, attach, find_timexes, parse_date_value};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "17",
    "maart",
    "2022",
    "de",
    "17e",
    "sinds",
    "tot",
    "tussen",
    "en",
    "vorige",
    "week",
    "maandag",
    "gisteren",
    "begin",
    "eind",
    "najaar",
    "van",
    "jaren",
    "negentig",
    "19e",
    "eeuw",
    "al",
    "ruim",
    "30",
    "jaar",
    "geleden",
    "over",
    "drie",
    "weken",
    "Q1",
    "'90",
    "9999",
    "0",
    "31-2-2022",
    "2022-13-01",
    ",",
    ".",
    "die",
    "dat",
    "toen",
    "nadat",
    "Hij",
    "riep",
    "had",
    "zal",
    "nu",
    "morgen",
    "'s",
    "zondags",
    "elke",
    "kwartaal",
    "eerste",
    "mei",
];

fn check(text: &str, anchor: Option<&str>) {
    let mut doc = match anchor {
        Some(a) => support::dated(text, a),
        None => support::document(text),
    };
    annotate(&mut doc);
    for t in &doc.timexes {
        assert!(doc.text.get(t.span.range()).is_some());
    }
    for (s, sentence) in doc.sentences.iter().enumerate() {
        for t in sentence.token_range() {
            let _ = attach(&doc, s, t);
        }
    }
    let _ = find_timexes(&doc, None);
}

proptest! {
    #[test]
    fn random_strings(text in "\\PC{0,200}") {
        check(&text, None);
        check(&text, Some("2023-09-27"));
        let _ = parse_date_value(&text);
    }

    #[test]
    fn random_temporal_word_salad(words in proptest::collection::vec(0..PIECES.len(), 0..40), anchor in prop_oneof![Just("0001-01-01"), Just("9998-12-31"), Just("2023-09"), Just("199"), Just("2020-WI")]) {
        let text: Vec<&str> = words.iter().map(|&i| PIECES[i]).collect();
        check(&text.join(" "), Some(anchor));
        check(&text.join(" "), None);
    }
}

#[test]
fn document_without_sentences_is_scanned_whole() {
    let mut doc = kroniek_model::Document {
        text: "Op 17 maart 2022 sprak hij.".into(),
        ..Default::default()
    };
    annotate(&mut doc);
    assert_eq!(doc.timexes.len(), 1);
    assert_eq!(attach(&doc, 0, 0).rule, "none");
}
