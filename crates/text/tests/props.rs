//! Properties that hold for any input: the offset map and the segmentation
//! are well formed and nothing panics.

use proptest::prelude::*;

/// Fragments that exercise the cleaner's rules, mixed with random text.
fn noisy_text() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        Just("De".to_string()),
        Just("het ".to_string()),
        Just(" en\n\n".to_string()),
        Just("oplos-\n".to_string()),
        Just("Nagorno-\n".to_string()),
        Just(".\n".to_string()),
        Just("\n\n \n".to_string()),
        Just("https://x.nl/a-\n".to_string()),
        Just("LEES OOK\n".to_string()),
        Just("beeld anp\n".to_string()),
        Just("JEREVAN\n".to_string()),
        Just("MOSKOU\u{a0}– ".to_string()),
        Just("Lees\u{a0}ook: ".to_string()),
        Just(" date 2020-01 ".to_string()),
        Just("1. ".to_string()),
        Just("*".to_string()),
        Just("‘Ja.’ ".to_string()),
        Just("dhr. ".to_string()),
        Just("'s ".to_string()),
        Just("\u{a0}\u{ad}\u{200b}".to_string()),
        Just("e\u{301}".to_string()),
        Just("\u{fb01}".to_string()),
        Just("\r\n\t".to_string()),
        "[a-zA-Zë0-9 .,:;!?'\"()\\-\n]{0,12}",
        "\n[bBlLkKzZoOmMgGrRsS][a-zë’é]{0,8}[ \n]",
        any::<String>().prop_map(|s| s.chars().take(6).collect::<String>()),
    ];
    prop::collection::vec(fragment, 0..40).prop_map(|parts| parts.concat())
}

fn check(raw: &str) -> Result<(), TestCaseError> {
    let cleaned = kroniek_text::clean(raw);
    let text = &cleaned.text;
    let mut clean_pos = 0u32;
    let mut raw_pos = 0u32;
    for piece in &cleaned.offsets.pieces {
        prop_assert_eq!(piece.clean_start, clean_pos, "pieces must be contiguous");
        prop_assert!(piece.len > 0);
        prop_assert!(
            piece.raw_start >= raw_pos && piece.raw_start <= piece.raw_end,
            "raw ranges out of order"
        );
        prop_assert!(piece.raw_end as usize <= raw.len());
        if piece.raw_end - piece.raw_start == piece.len {
            let clean_bytes = &text.as_bytes()
                [piece.clean_start as usize..(piece.clean_start + piece.len) as usize];
            let raw_bytes = &raw.as_bytes()[piece.raw_start as usize..piece.raw_end as usize];
            prop_assert_eq!(clean_bytes, raw_bytes, "copy piece with different bytes");
        }
        clean_pos += piece.len;
        raw_pos = piece.raw_end;
    }
    prop_assert_eq!(clean_pos as usize, text.len(), "pieces must cover the text");
    prop_assert!(!text.starts_with(char::is_whitespace) && !text.ends_with(char::is_whitespace));
    prop_assert!(!text.contains("\n\n\n") && !text.contains("  "));
    prop_assert!(
        !text.contains("\n ") && !text.contains(" \n"),
        "space next to a break"
    );
    for f in &cleaned.furniture {
        prop_assert_eq!(f.raw_span.slice(raw), f.text.as_str());
    }

    let (sentences, tokens) = kroniek_text::segment(text);
    let mut covered = vec![false; text.len()];
    let mut last_end = 0;
    for t in &tokens {
        prop_assert!(
            t.span.start as usize >= last_end && t.span.end > t.span.start,
            "tokens overlap or are empty"
        );
        prop_assert!(
            text.get(t.span.range()).is_some(),
            "token not on char boundaries"
        );
        prop_assert!(!t.text(text).contains(char::is_whitespace));
        covered[t.span.range()].iter_mut().for_each(|c| *c = true);
        last_end = t.span.end as usize;
    }
    for (i, c) in text.char_indices() {
        if !c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}') {
            prop_assert!(covered[i], "char {:?} at {} not in a token", c, i);
        }
    }
    let mut next_token = 0;
    for s in &sentences {
        prop_assert_eq!(s.token_start as usize, next_token);
        prop_assert!(s.token_end > s.token_start);
        prop_assert_eq!(s.span.start, tokens[s.token_start as usize].span.start);
        prop_assert_eq!(s.span.end, tokens[s.token_end as usize - 1].span.end);
        prop_assert!(
            !s.span.slice(text).contains("\n\n"),
            "sentence crosses a paragraph"
        );
        next_token = s.token_end as usize;
    }
    prop_assert_eq!(next_token, tokens.len());
    let _ = kroniek_text::identify_language(text);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn noisy_inputs_keep_the_invariants(raw in noisy_text()) {
        check(&raw)?;
    }

    #[test]
    fn arbitrary_strings_keep_the_invariants(raw in any::<String>()) {
        check(&raw)?;
    }
}
