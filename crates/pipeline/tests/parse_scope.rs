//! Parsing only the sentences events need gives the same events as
//! parsing everything.

use std::path::PathBuf;

use kroniek_coder::Lexicon;
use kroniek_model::Document;
use kroniek_pipeline::{Depth, ParseScope, Pipeline, PipelineOptions, sentences_to_parse};

fn pipeline(parse: ParseScope) -> Pipeline {
    let options = PipelineOptions {
        parse,
        ..PipelineOptions::default()
    };
    Pipeline::new(Depth::Events, &options).expect("builtin models")
}

fn run(pipeline: &Pipeline, id: &str, raw: &str) -> Document {
    let mut doc = Document {
        id: id.to_string(),
        raw: raw.to_string(),
        ..Document::default()
    };
    pipeline.process(&mut doc);
    doc
}

fn parsed_sentences(doc: &Document) -> Vec<bool> {
    (0..doc.sentences.len())
        .map(|s| doc.sentence_tokens(s).iter().any(|t| !t.deprel.is_empty()))
        .collect()
}

#[test]
fn the_chain_goes_back_while_a_sentence_refers_back() {
    let text = "date 2024-03-05\n\nHet regende de hele dag in de hoofdstad. \
                De Franse president sprak maandag in Parijs met journalisten. \
                Hij riep de Europese landen op tot kalmte. \
                Het museum bleef gesloten.";
    let doc = run(&pipeline(ParseScope::EventSentences), "t", text);
    assert_eq!(doc.sentences.len(), 4, "{:?}", doc.sentences);
    // The appeal fires; `Hij` may take its antecedent from the sentence
    // before, which has no referring word, so the chain stops there.
    assert_eq!(parsed_sentences(&doc), [false, true, true, false]);
    let registry = kroniek_actors::Registry::builtin().expect("registry");
    let wanted = sentences_to_parse(&doc, Lexicon::builtin().expect("lexicon"), registry);
    assert_eq!(wanted, [false, true, true, false]);
    let full = run(&pipeline(ParseScope::All), "t", text);
    assert_eq!(parsed_sentences(&full), [true; 4]);
    assert_eq!(doc.events, full.events);
    assert!(!doc.events.is_empty(), "the appeal is coded");
}

#[test]
fn a_sentence_before_a_pronoun_is_parsed_only_if_it_may_hold_an_actor() {
    let text = "date 2024-03-05\n\nDe Duitse kanselier landde dinsdag in Warschau. \
                Hij sprak daar met journalisten over de oorlog. \
                Het was een lange en koude dag geweest. \
                Hij riep de Poolse regering op tot kalmte.";
    let doc = run(&pipeline(ParseScope::EventSentences), "t", text);
    assert_eq!(doc.sentences.len(), 4, "{:?}", doc.sentences);
    // The appeal fires and `Hij` may look back; the sentence before it has
    // no word that may name an actor or refer back, so its tree could
    // change nothing and it is left unparsed (the chain stops there too).
    // The talk (`sprak met`) may fire itself, and its `Hij` makes the
    // first sentence, which names actors, its context.
    assert_eq!(parsed_sentences(&doc), [true, true, false, true]);
    let full = run(&pipeline(ParseScope::All), "t", text);
    assert_eq!(doc.events, full.events);
    assert!(!doc.events.is_empty(), "the appeal is coded");
}

#[test]
fn a_sentence_with_only_an_unknown_organisation_is_still_parsed_as_context() {
    // An unknown organisation gets an id but no code; it is still a
    // candidate for `ze`, and whether it is the subject decides whether the
    // plural falls back to a pair of coordinated states.
    let text = "date 2024-03-05\n\nHet weer in de hoofdstad bleef de hele week slecht. \
                Het bedrijf Groenkracht Holding BV vergaderde dinsdag urenlang over de toekomst. \
                Armenië en Azerbeidzjan zwegen, maar ze riepen Rusland op tot kalmte.";
    let doc = run(&pipeline(ParseScope::EventSentences), "t", text);
    assert_eq!(doc.sentences.len(), 3, "{:?}", doc.sentences);
    let organisation = doc.mentions.iter().any(|m| {
        m.sentence == 1
            && m.actor_id
                .as_deref()
                .is_some_and(|id| id.starts_with("org:"))
    });
    assert!(organisation, "{:?}", doc.mentions);
    let coded = doc
        .mentions
        .iter()
        .any(|m| m.sentence == 1 && m.code.is_some());
    assert!(!coded, "only an uncoded organisation: {:?}", doc.mentions);
    assert_eq!(parsed_sentences(&doc), [false, true, true]);
    let full = run(&pipeline(ParseScope::All), "t", text);
    assert_eq!(doc.events, full.events);
}

#[test]
fn seed_events_are_the_same_with_fewer_parses() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        assert!(std::env::var("CI").is_err(), "../shared missing in CI");
        eprintln!("skipping: {} missing", dir.display());
        return;
    };
    let (gated, full) = (
        pipeline(ParseScope::EventSentences),
        pipeline(ParseScope::All),
    );
    let (mut parsed, mut sentences, mut events) = (0, 0, 0);
    for entry in entries {
        let path = entry.expect("dir entry").path();
        let raw = std::fs::read_to_string(&path).expect("seed text");
        let id = path.display().to_string();
        let a = run(&gated, &id, &raw);
        let b = run(&full, &id, &raw);
        assert_eq!(a.events, b.events, "{id}");
        parsed += parsed_sentences(&a).iter().filter(|p| **p).count();
        sentences += a.sentences.len();
        events += a.events.len();
    }
    assert!(events > 30, "{events} events");
    assert!(
        parsed < sentences,
        "{parsed} of {sentences} sentences parsed"
    );
}
