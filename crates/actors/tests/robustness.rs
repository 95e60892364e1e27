//! No panics and well-formed output on arbitrary input.
mod common;

use kroniek_actors::{Registry, link};
use kroniek_model::{Mention, MentionKind, Span};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "Poetin",
    "Russische",
    "premier",
    "Armeense",
    "hij",
    "Hij",
    "het",
    "land",
    "van",
    "in",
    "Moskou",
    "Azeri’s",
    "Nagorno-",
    "Karabach",
    "VS",
    "vs",
    "'s",
    "Ruslands",
    "-",
    "pro-",
    ".",
    ",",
    "\n\n",
    "ë",
    "İ",
    "ß",
    " ",
    "  ",
    "Kazachtstan",
    "Nikol",
    "Pasjinjan",
    "ministerie",
    "Buitenlandse",
    "Zaken",
    "IS",
    "HET",
    "ze",
    "sturen",
    "Zas",
    "Michel",
    "Frans",
    "x",
    "日本",
    "\u{301}",
    "’",
];

fn kinds() -> impl Strategy<Value = MentionKind> {
    prop_oneof![
        Just(MentionKind::Per),
        Just(MentionKind::Org),
        Just(MentionKind::Loc),
        Just(MentionKind::Misc),
        Just(MentionKind::Nominal),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn link_never_panics(
        pieces in prop::collection::vec(prop::sample::select(PIECES), 0..60),
        spans in prop::collection::vec((0u32..400, 0u32..40, 0u32..12, kinds()), 0..8),
        parsed in any::<bool>(),
        dated in any::<bool>(),
    ) {
        let text: String = pieces.concat();
        let mut doc = if dated { common::dated(&text, 2020, 10) } else { common::document(&text) };
        if parsed {
            for (i, t) in doc.tokens.iter_mut().enumerate() {
                t.deprel = if i % 3 == 0 { "nsubj".into() } else { "obj".into() };
                t.upos = if i % 2 == 0 { "ADJ".into() } else { "NOUN".into() };
                t.feats = "Number=Plur".into();
            }
        }
        for (start, len, sentence, kind) in spans {
            let span = Span { start, end: start + len };
            doc.mentions.push(Mention {
                span,
                sentence,
                token_start: 0,
                token_end: 0,
                kind,
                actor_id: None,
                name: None,
                code: None,
                sector: None,
                office: None,
                rule: String::new(),
                confidence: 0.0,
            });
        }
        link(&mut doc, Registry::builtin().expect("registry"));
        for m in &doc.mentions {
            if m.actor_id.is_some() {
                prop_assert!(doc.text.get(m.span.range()).is_some(), "{m:?}");
                prop_assert!(m.token_start <= m.token_end);
            }
        }
    }

    #[test]
    fn parse_never_panics(lines in prop::collection::vec(prop::collection::vec("[a-zA-Z0-9:|\\- ]{0,12}", 0..8), 0..10)) {
        let text: String = lines.iter().map(|cols| cols.join("\t") + "\n").collect();
        let _ = Registry::parse(&[("fuzz.tsv", &text)]);
    }
}
