//! A compact hand-written parse format for tests and benches, so rule tests
//! do not depend on the statistical parser's mistakes.
//!
//! One token a line: `form lemma upos head deprel [key=value ...]`, sentences
//! separated by blank lines. Keys: `M=CODE` starts an actor mention with that
//! code (`M=+` continues the previous one), `F=full_lemma`, `T=feats`.
#![allow(dead_code)]

use kroniek_model::{Document, Mention, MentionKind, Sentence, Span, Token};

pub fn parse(doc_id: &str, source: &str) -> Document {
    let mut doc = Document {
        id: doc_id.to_string(),
        ..Default::default()
    };
    let mut sentence_start_tok = 0u32;
    let mut sentence_start_byte = 0usize;
    let mut in_sentence = false;
    for line in source.lines().chain(std::iter::once("")) {
        let line = line.trim();
        if line.is_empty() {
            if in_sentence {
                let end = doc.text.trim_end().len();
                doc.sentences.push(Sentence {
                    span: Span::new(sentence_start_byte, end),
                    token_start: sentence_start_tok,
                    token_end: doc.tokens.len() as u32,
                });
                in_sentence = false;
            }
            continue;
        }
        if !in_sentence {
            in_sentence = true;
            sentence_start_tok = doc.tokens.len() as u32;
            sentence_start_byte = doc.text.len();
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        assert!(cols.len() >= 5, "bad test line: {line}");
        let start = doc.text.len();
        doc.text.push_str(cols[0]);
        let span = Span::new(start, doc.text.len());
        doc.text.push(' ');
        let mut token = Token {
            span,
            lemma: cols[1].into(),
            upos: cols[2].into(),
            head: cols[3].parse().expect("head"),
            deprel: cols[4].into(),
            ..Default::default()
        };
        let index = doc.tokens.len() as u32;
        for extra in &cols[5..] {
            let (k, v) = extra.split_once('=').expect("key=value");
            match k {
                "F" => token.full_lemma = Some(v.to_string()),
                "T" => token.feats = v.into(),
                "M" if v == "+" => {
                    let m = doc.mentions.last_mut().expect("mention to continue");
                    m.token_end = index + 1;
                    m.span.end = span.end;
                }
                "M" => doc.mentions.push(Mention {
                    span,
                    sentence: doc.sentences.len() as u32,
                    token_start: index,
                    token_end: index + 1,
                    kind: MentionKind::Loc,
                    actor_id: Some(v.to_string()),
                    name: Some(cols[0].to_string()),
                    code: Some(v.to_string()),
                    sector: None,
                    office: None,
                    rule: "test".into(),
                    confidence: 1.0,
                }),
                other => panic!("unknown key {other}"),
            }
        }
        doc.tokens.push(token);
    }
    doc
}
