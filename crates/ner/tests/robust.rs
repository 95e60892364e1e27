//! No input makes the recogniser panic, and its output always fits the input.

use kroniek_model::{Document, MentionKind, Sentence, Span, Token};
use kroniek_ner::{Gazetteer, NerModel};
use proptest::prelude::*;

fn model() -> &'static NerModel {
    NerModel::builtin().expect("built-in model")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn tags_any_tokens(forms in prop::collection::vec(".{0,12}", 0..40), names in prop::collection::vec(".{0,20}", 0..5)) {
        let gaz = Gazetteer::new(names.iter().map(|n| (n.as_str(), MentionKind::Org)));
        let refs: Vec<&str> = forms.iter().map(String::as_str).collect();
        let tags = model().tag_tokens(&refs, &gaz);
        prop_assert_eq!(tags.len(), forms.len());
        for (i, tag) in tags.iter().enumerate() {
            prop_assert!(tag == "O" || tag.starts_with("B-") || tag.starts_with("I-"));
            if let Some(kind) = tag.strip_prefix("I-") {
                let prev = if i == 0 { "O" } else { tags[i - 1].as_str() };
                prop_assert!(prev.ends_with(kind) && prev != "O", "I- after {}", prev);
            }
        }
    }

    #[test]
    fn recognises_any_document(text in ".{0,200}", cuts in prop::collection::vec((0usize..220, 0usize..220), 0..30)) {
        let mut doc = Document { text, ..Default::default() };
        for (a, b) in cuts {
            doc.tokens.push(Token::new(Span::new(a.min(b), a.max(b))));
        }
        let n = doc.tokens.len() as u32;
        doc.sentences.push(Sentence { span: Span::new(0, 0), token_start: 0, token_end: n / 2 });
        doc.sentences.push(Sentence { span: Span::new(0, 0), token_start: n / 2, token_end: n + 3 });
        for m in model().recognise(&doc, &Gazetteer::empty()) {
            prop_assert!(m.token_start < m.token_end && m.token_end <= n);
            prop_assert!(m.confidence.is_finite());
        }
    }

    #[test]
    fn rejects_random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        prop_assert!(NerModel::from_bytes(&bytes).is_err());
    }
}
