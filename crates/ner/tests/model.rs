//! Behaviour of the shipped model on sentences written for these tests, and
//! the model file's error handling.

use kroniek_model::{Document, MentionKind, Sentence, Span, Token};
use kroniek_ner::{Gazetteer, ModelError, NerModel};

fn model() -> &'static NerModel {
    NerModel::builtin().expect("models/nl-ner.bin is a valid model")
}

fn tag(sentence: &str) -> Vec<String> {
    let forms: Vec<&str> = sentence.split(' ').collect();
    model().tag_tokens(&forms, &Gazetteer::empty())
}

/// A document whose tokens are the space-separated words of each sentence.
fn document(sentences: &[&str]) -> Document {
    let mut doc = Document::default();
    for s in sentences {
        if !doc.text.is_empty() {
            doc.text.push(' ');
        }
        let sentence_start = doc.text.len();
        let token_start = doc.tokens.len() as u32;
        for (i, word) in s.split(' ').enumerate() {
            if i > 0 {
                doc.text.push(' ');
            }
            let start = doc.text.len();
            doc.text.push_str(word);
            doc.tokens
                .push(Token::new(Span::new(start, doc.text.len())));
        }
        doc.sentences.push(Sentence {
            span: Span::new(sentence_start, doc.text.len()),
            token_start,
            token_end: doc.tokens.len() as u32,
        });
    }
    doc
}

#[test]
fn finds_people_and_places() {
    let tags = tag("Poetin ontmoette Erdogan in Ankara .");
    assert_eq!(tags[0], "B-PER", "{tags:?}");
    assert!(tags[2].starts_with("B-"), "{tags:?}");
    assert_eq!(&tags[3..], &["O", "B-LOC", "O"]);
    // With the actor registry's people passed in, the kind is settled.
    let forms: Vec<&str> = "Poetin ontmoette Erdogan in Ankara .".split(' ').collect();
    let gaz = Gazetteer::new([
        ("Recep Tayyip Erdogan", MentionKind::Per),
        ("Erdogan", MentionKind::Per),
    ]);
    let tags = model().tag_tokens(&forms, &gaz);
    assert_eq!(tags, vec!["B-PER", "O", "B-PER", "O", "B-LOC", "O"]);
}

#[test]
fn finds_multiword_organisations_without_the_article() {
    let tags = tag("De Verenigde Naties sturen waarnemers naar de grens .");
    assert_eq!(&tags[..3], &["O", "B-ORG", "I-ORG"]);
    assert!(tags[3..].iter().all(|t| t == "O"), "{tags:?}");
    let tags = tag("Het Internationaal Strafhof in Den Haag vaardigde een aanhoudingsbevel uit .");
    assert_eq!(tags[0], "O");
    assert!(tags[1].ends_with("ORG") && tags[2] == "I-ORG", "{tags:?}");
    assert_eq!(&tags[4..6], &["B-LOC", "I-LOC"]);
}

#[test]
fn common_words_stay_outside_entities() {
    let tags = tag("De regering wil volgend jaar meer geld uitgeven aan scholen .");
    assert!(tags.iter().all(|t| t == "O"), "{tags:?}");
}

#[test]
fn recognises_mentions_in_a_document() {
    let doc = document(&[
        "Minister Annalena Baerbock reisde dinsdag naar Warschau .",
        "Daar sprak Baerbock met de Poolse regering over de NAVO .",
    ]);
    let mentions = model().recognise(&doc, &Gazetteer::empty());
    let found: Vec<(&str, MentionKind, u32)> = mentions
        .iter()
        .map(|m| (m.span.slice(&doc.text), m.kind, m.sentence))
        .collect();
    assert!(
        found.contains(&("Annalena Baerbock", MentionKind::Per, 0)),
        "{found:?}"
    );
    assert!(
        found.contains(&("Warschau", MentionKind::Loc, 0)),
        "{found:?}"
    );
    assert!(
        found.contains(&("Baerbock", MentionKind::Per, 1)),
        "{found:?}"
    );
    assert!(found.contains(&("NAVO", MentionKind::Org, 1)), "{found:?}");
    for m in &mentions {
        assert_eq!(m.rule, "ner");
        assert!(m.actor_id.is_none());
        assert!(m.confidence > 0.0 && m.confidence <= 1.0);
        let tokens = &doc.tokens[m.token_start as usize..m.token_end as usize];
        assert_eq!(m.span.start, tokens[0].span.start);
    }
}

#[test]
fn gazetteer_entries_can_tip_unknown_names() {
    let sentence = "Ze bezochten Qarabagh en Zangilan .";
    let forms: Vec<&str> = sentence.split(' ').collect();
    let gaz = Gazetteer::new([
        ("Qarabagh", MentionKind::Loc),
        ("Zangilan", MentionKind::Loc),
    ]);
    let with = model().tag_tokens(&forms, &gaz);
    assert_eq!(with[2], "B-LOC", "{with:?}");
    assert_eq!(with[4], "B-LOC", "{with:?}");
}

#[test]
fn handles_empty_and_odd_input() {
    assert!(model().tag_tokens(&[], &Gazetteer::empty()).is_empty());
    let odd = ["", " ", "\u{0}", "ÉÉN", "🙂", "-", "123-456"];
    assert_eq!(
        model().tag_tokens(&odd, &Gazetteer::empty()).len(),
        odd.len()
    );
    let mut doc = document(&["Een zin ."]);
    doc.sentences.push(Sentence {
        span: Span::new(0, 3),
        token_start: 5,
        token_end: 9,
    });
    let _ = model().recognise(&doc, &Gazetteer::empty());
    assert!(
        model()
            .recognise(&Document::default(), &Gazetteer::empty())
            .is_empty()
    );
}

#[test]
fn rejects_files_that_are_not_models() {
    assert!(matches!(
        NerModel::from_bytes(b""),
        Err(ModelError::NotAModel)
    ));
    assert!(matches!(
        NerModel::from_bytes(b"GIF89a.........."),
        Err(ModelError::NotAModel)
    ));
}

#[test]
fn rejects_other_versions_and_corruption() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../models/nl-ner.bin"
    ))
    .expect("model file");
    let mut other_version = bytes.clone();
    other_version[8] = other_version[8].wrapping_add(1);
    let err = NerModel::from_bytes(&other_version).expect_err("version mismatch");
    assert!(matches!(err, ModelError::WrongVersion { .. }));
    assert!(err.to_string().contains("version"));

    let truncated = &bytes[..bytes.len() / 2];
    let err = NerModel::from_bytes(truncated).expect_err("truncated");
    assert!(matches!(err, ModelError::Corrupted(_)), "{err}");

    let mut flipped = bytes.clone();
    for i in (20..flipped.len()).step_by(97) {
        flipped[i] ^= 0x5a;
    }
    assert!(NerModel::from_bytes(&flipped).is_err());
}

#[test]
fn a_thread_that_saw_the_words_before_finds_the_same_names() {
    // Each thread keeps the sums of form-only features by form; a second
    // run over the same words is served from there.
    let first = document(&[
        "Minister Jansen sprak in Utrecht met de burgemeester .",
        "De Verenigde Naties stuurden hulp naar Soedan .",
    ]);
    let other = document(&["Het Rode Kruis opende een kantoor in Gent ."]);
    let before = model().recognise(&first, &Gazetteer::empty());
    let _ = model().recognise(&other, &Gazetteer::empty());
    assert_eq!(model().recognise(&first, &Gazetteer::empty()), before);
    let fresh = std::thread::spawn(move || model().recognise(&first, &Gazetteer::empty()))
        .join()
        .expect("thread");
    assert_eq!(fresh, before);
    assert!(!before.is_empty());
}

#[test]
fn a_joined_name_list_finds_the_same_entities() {
    let doc = document(&[
        "De Wereldgezondheidsorganisatie en het Rode Kruis stuurden hulp naar Mosul .",
        "Volgens minister Kaag zocht Den Haag steun bij de Afrikaanse Unie in Addis Abeba .",
        "het weer bleef rustig .",
        "Zowel Wereldgezondheidsorganisatie als Kaag reageerden vrijdag .",
    ]);
    let lists = [
        Gazetteer::empty(),
        Gazetteer::new([
            ("Wereldgezondheidsorganisatie", MentionKind::Org),
            ("het Rode Kruis", MentionKind::Org),
            ("Sigrid Kaag", MentionKind::Per),
            ("Kaag", MentionKind::Per),
            ("Afrikaanse Unie", MentionKind::Org),
            ("Addis Abeba", MentionKind::Loc),
            ("Den Haag", MentionKind::Loc),
        ]),
    ];
    for list in &lists {
        let separate = model().recognise(&doc, list);
        let joined = model().recognise_with_names(&doc, &model().names_with(list));
        assert!(!separate.is_empty());
        assert_eq!(joined, separate);
    }
}
