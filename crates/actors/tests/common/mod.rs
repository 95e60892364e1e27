//! A tiny tokenizer and sentence splitter so the tests need no other stage.
#![allow(dead_code)]

use kroniek_model::{
    DateSource, DocDate, Document, Mention, MentionKind, Sentence, Span, TimeValue, Token,
};

/// Tokens: runs of letters/digits with inner hyphens and apostrophes, or single other characters.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        if c.is_alphanumeric() {
            while j < chars.len() {
                let d = chars[j].1;
                let joiner = matches!(d, '-' | '\'' | '’')
                    && chars.get(j + 1).is_some_and(|n| n.1.is_alphanumeric());
                if d.is_alphanumeric() || joiner {
                    j += 1;
                } else {
                    break;
                }
            }
        }
        let end = chars.get(j).map_or(text.len(), |c| c.0);
        tokens.push(Token::new(Span::new(start, end)));
        i = j;
    }
    tokens
}

/// Sentences end after `.`, `!` or `?` followed by a capital (or the end), and at blank lines.
pub fn split(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut first = 0usize;
    for i in 0..tokens.len() {
        let t = tokens[i].span.slice(text);
        let next = tokens.get(i + 1);
        let ends = matches!(t, "." | "!" | "?")
            && next.is_none_or(|n| {
                n.span
                    .slice(text)
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || !c.is_alphanumeric())
            });
        let blank_line = next.is_some_and(|n| {
            text[tokens[i].span.end as usize..n.span.start as usize].contains("\n\n")
        });
        if ends || blank_line || next.is_none() {
            sentences.push(Sentence {
                span: Span::new(
                    tokens[first].span.start as usize,
                    tokens[i].span.end as usize,
                ),
                token_start: first as u32,
                token_end: (i + 1) as u32,
            });
            first = i + 1;
        }
    }
    sentences
}

pub fn document(text: &str) -> Document {
    let tokens = tokenize(text);
    let sentences = split(text, &tokens);
    Document {
        id: "test".into(),
        raw: text.into(),
        text: text.into(),
        tokens,
        sentences,
        ..Default::default()
    }
}

pub fn dated(text: &str, year: i32, month: u32) -> Document {
    let mut doc = document(text);
    let begin = chrono::NaiveDate::from_ymd_opt(year, month, 1).expect("valid date");
    let end = chrono::NaiveDate::from_ymd_opt(year + (month / 12) as i32, month % 12 + 1, 1)
        .and_then(|d| d.pred_opt())
        .expect("valid date");
    doc.date = Some(DocDate {
        value: TimeValue {
            value: format!("{year}-{month:02}"),
            precision: kroniek_model::Precision::Month,
            begin,
            end,
        },
        source: DateSource::Header,
        evidence: None,
    });
    doc
}

/// Adds a NER mention for every occurrence of `phrase`.
pub fn ner(doc: &mut Document, phrase: &str, kind: MentionKind) {
    let mut from = 0;
    while let Some(pos) = doc.text[from..].find(phrase) {
        let start = from + pos;
        let end = start + phrase.len();
        from = end;
        let span = Span::new(start, end);
        let sentence = doc
            .sentences
            .iter()
            .position(|s| s.span.start as usize <= start && end <= s.span.end as usize)
            .unwrap_or(0) as u32;
        let token_start = doc.tokens.partition_point(|t| t.span.end as usize <= start) as u32;
        let token_end = doc
            .tokens
            .partition_point(|t| (t.span.start as usize) < end) as u32;
        doc.mentions.push(Mention {
            span,
            sentence,
            token_start,
            token_end,
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
}

/// The mention whose text is exactly `phrase` (the first one).
pub fn mention<'a>(doc: &'a Document, phrase: &str) -> Option<&'a Mention> {
    doc.mentions
        .iter()
        .find(|m| m.span.slice(&doc.text) == phrase)
}

/// The `n`-th mention (0-based) whose text is `phrase`.
pub fn nth<'a>(doc: &'a Document, phrase: &str, n: usize) -> Option<&'a Mention> {
    doc.mentions
        .iter()
        .filter(|m| m.span.slice(&doc.text) == phrase)
        .nth(n)
}

pub fn describe(doc: &Document) -> String {
    doc.mentions
        .iter()
        .map(|m| {
            format!(
                "{:?} `{}` -> {:?} {:?} {:?} {:?} [{}]",
                m.kind,
                m.span.slice(&doc.text),
                m.actor_id,
                m.code,
                m.sector,
                m.office,
                m.rule
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}
