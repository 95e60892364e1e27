//! The pre-parse actor gate (`Registry::may_have_coded_actors`) must pass
//! every sentence that linking gives a coded mention, and should pass few
//! others. Sentences written for these tests.

mod common;

use common::{document, ner};
use kroniek_actors::Registry;
use kroniek_model::{Document, MentionKind};

fn registry() -> &'static Registry {
    Registry::builtin().expect("registry")
}

/// The gate of every sentence, after checking it against linking.
fn gate(doc: &Document) -> Vec<bool> {
    let all = vec![true; doc.sentences.len()];
    let passed = registry().may_have_coded_actors(doc, &all);
    let mut linked = doc.clone();
    kroniek_actors::link(&mut linked, registry());
    for m in &linked.mentions {
        if m.code.as_deref().is_some_and(|c| !c.is_empty()) {
            assert!(
                passed[m.sentence as usize],
                "sentence {} has coded `{}` but the gate shut it: {:?}",
                m.sentence,
                m.span.slice(&doc.text),
                passed
            );
        }
    }
    passed
}

#[test]
fn names_genitives_and_near_misses_pass() {
    let doc = document(
        "Het weer was slecht. Rusland stuurde troepen. Ruslands leger trok verder. \
         De regering van Kazachtstan protesteerde. De VS reageerden niet. \
         Dat is niet waar.",
    );
    assert_eq!(gate(&doc), [false, true, true, true, true, false]);
}

#[test]
fn a_bare_cue_word_or_a_lower_case_acronym_does_not_pass() {
    let doc = document("De regering viel. Het leger is moe. Het ministerie zweeg.");
    assert_eq!(gate(&doc), [false, false, false]);
}

#[test]
fn referring_words_pass() {
    let doc = document("Frankrijk protesteerde. Het land riep de ambassadeur terug. Hij zweeg.");
    assert_eq!(gate(&doc), [true, true, true]);
}

#[test]
fn a_surname_of_an_earlier_person_passes() {
    let mut doc = document(
        "De Russische minister Ivan Petrovski landde in Brussel. \
         Later sprak Petrovski met journalisten. Later sprak Smirnovski met journalisten.",
    );
    ner(&mut doc, "Ivan Petrovski", MentionKind::Per);
    // Also inside the full name, as an overlapping span would be.
    ner(&mut doc, "Petrovski", MentionKind::Per);
    ner(&mut doc, "Smirnovski", MentionKind::Per);
    assert_eq!(gate(&doc), [true, true, false]);
}

#[test]
fn sentences_not_considered_are_shut() {
    let doc = document("Rusland stuurde troepen. Oekraïne protesteerde.");
    let passed = registry().may_have_coded_actors(&doc, &[false, true]);
    assert_eq!(passed, [false, true]);
}
