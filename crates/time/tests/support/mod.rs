//! Builds Documents for tests and benches without the other kroniek crates:
//! whitespace is collapsed, sentences end at `.!?` before a capital, and
//! tokens are words or single punctuation marks.
#![allow(dead_code)]

use std::collections::BTreeMap;

use kroniek_model::{DateSource, DocDate, Document, Sentence, Span, Token};

fn tokens_of(text: &str, start: usize, end: usize) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut word_start: Option<usize> = None;
    let slice = &text[start..end];
    for (i, c) in slice.char_indices() {
        let at = start + i;
        let inner_joiner = matches!(c, '\'' | '’' | '-' | '.' | '/')
            && word_start.is_some()
            && slice[i + c.len_utf8()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
        if c.is_alphanumeric() || inner_joiner {
            word_start.get_or_insert(at);
            continue;
        }
        if let Some(ws) = word_start.take() {
            tokens.push(Token::new(Span::new(ws, at)));
        }
        if !c.is_whitespace() {
            tokens.push(Token::new(Span::new(at, at + c.len_utf8())));
        }
    }
    if let Some(ws) = word_start {
        tokens.push(Token::new(Span::new(ws, end)));
    }
    tokens
}

fn sentence_ends(text: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for k in 0..chars.len() {
        let (i, c) = chars[k];
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let mut j = k + 1;
        while j < chars.len() && matches!(chars[j].1, '\'' | '"' | '’' | '”') {
            j += 1;
        }
        if j < chars.len() && chars[j].1 == ' ' {
            let next = chars.get(j + 1).map(|x| x.1).unwrap_or(' ');
            if next.is_uppercase() || matches!(next, '\'' | '"' | '‘' | '“') {
                ends.push(chars.get(j).map(|x| x.0).unwrap_or(text.len()));
            }
        }
        let _ = i;
    }
    ends.push(text.len());
    ends
}

/// A document with collapsed whitespace, sentences and tokens.
pub fn document(text: &str) -> Document {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut sentences = Vec::new();
    let mut tokens = Vec::new();
    let mut start = 0;
    for end in sentence_ends(&text) {
        let s = text[start..end].trim_start();
        let s_start = end - s.len();
        if !s.trim().is_empty() {
            let toks = tokens_of(&text, s_start, end);
            let token_start = tokens.len() as u32;
            tokens.extend(toks);
            sentences.push(Sentence {
                span: Span::new(s_start, end),
                token_start,
                token_end: tokens.len() as u32,
            });
        }
        start = end;
    }
    Document {
        id: "test".into(),
        raw: text.clone(),
        text,
        sentences,
        tokens,
        ..Default::default()
    }
}

pub fn dated(text: &str, date: &str) -> Document {
    let mut doc = document(text);
    doc.date = Some(DocDate {
        value: kroniek_time::parse_date_value(date).expect("test date"),
        source: DateSource::User,
        evidence: None,
    });
    doc
}

/// A seed file as the cleaner would hand it over: a leading `date YYYY-MM`
/// line goes to `meta["header_date"]`.
pub fn seed_document(raw: &str) -> Document {
    let trimmed = raw.trim_start();
    let mut meta = BTreeMap::new();
    let body = match trimmed.strip_prefix("date ") {
        Some(rest) => {
            let value: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '-')
                .collect();
            meta.insert("header_date".to_string(), value.clone());
            &rest[value.len()..]
        }
        None => raw,
    };
    let mut doc = document(body);
    doc.meta = meta;
    doc
}

/// Index in `doc.tokens` of the first token spelled `word` at or after byte `from`.
pub fn token_at(doc: &Document, word: &str, from: usize) -> Option<usize> {
    doc.tokens
        .iter()
        .position(|t| t.span.start as usize >= from && t.span.slice(&doc.text) == word)
}

pub fn shared_dir() -> std::path::PathBuf {
    std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))
}
