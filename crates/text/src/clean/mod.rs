//! From raw extracted text to the cleaned body with its offset map.
//!
//! Steps: the `date` header, lines, page furniture, the decision at each
//! line break, then emission of the body through a [`Builder`] that records
//! where every cleaned byte came from.

mod boilerplate;
mod builder;
mod furniture;
mod header;
mod inline;
mod joins;
mod lines;
mod pullquote;

use kroniek_model::{Furniture, OffsetMap, Span};

use builder::Builder;
use joins::Gap;
use lines::Line;

use crate::lexicon::{is_capitalised_opener, is_function_word};

/// The cleaned body and what was learnt while cleaning it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cleaned {
    /// Paragraphs separated by `"\n\n"`, wrapped lines joined by one space.
    pub text: String,
    pub offsets: OffsetMap,
    /// Removed page furniture, in the order of the original.
    pub furniture: Vec<Furniture>,
    /// `YYYY-MM` or `YYYY-MM-DD` from a leading `date` header line.
    pub header_date: Option<String>,
    /// The first paragraph when it reads as a headline (it stays in `text`).
    pub title: Option<String>,
}

/// Longest input handled: spans are `u32`.
const MAX_INPUT: usize = u32::MAX as usize - 16;
/// Titles: at most this many bytes and words.
const MAX_TITLE_BYTES: usize = 200;
const MAX_TITLE_WORDS: usize = 25;

/// Cleans extracted text. Never panics.
pub fn clean(raw: &str) -> Cleaned {
    let raw = truncate_to_limit(raw);
    let mut furniture = Vec::new();
    let header = header::parse(raw);
    let body_from = header.as_ref().map_or(0, |h| h.end);
    let header_date = header.map(|h| {
        furniture.push(Furniture {
            kind: "header".to_string(),
            text: raw[h.start..h.end].to_string(),
            raw_span: Span::new(h.start, h.end),
        });
        h.date
    });

    let all_lines = lines::split(raw, body_from);
    let (mut removed, found) = furniture::classify(raw, &all_lines);
    furniture.extend(found);
    furniture.extend(boilerplate::mark(raw, &all_lines, &mut removed));
    furniture.extend(pullquote::mark(raw, &all_lines, &mut removed));
    let body = body_lines(&all_lines, &removed);
    let gaps = joins::decide_all(raw, &body);

    let mut out = Emitter {
        builder: Builder::new(raw),
        pending: None,
    };
    for (i, line) in body.iter().enumerate() {
        let starts_paragraph = i == 0 || gaps[i - 1] == Gap::Paragraph;
        let mut start = line.start;
        let mut end = line.end;
        if starts_paragraph && let Some((dateline_end, content)) = inline_dateline(line.text(raw)) {
            furniture.push(Furniture {
                kind: "dateline".to_string(),
                text: raw[start..start + dateline_end].to_string(),
                raw_span: Span::new(start, start + dateline_end),
            });
            start += content;
        }
        if gaps.get(i) == Some(&Gap::DropHyphen) {
            end -= 1;
        }
        if starts_paragraph
            && start < end
            && let Some((space, word)) = glued_subhead(&raw[start..end])
        {
            out.content(raw, start, start + space);
            out.separator(Gap::Paragraph, start + space, start + word);
            start += word;
        }
        out.content(raw, start, end);
        if let (Some(&gap), Some(next)) = (gaps.get(i), body.get(i + 1)) {
            out.separator(gap, line.end, next.start);
        }
    }
    let (text, offsets) = out.builder.finish();
    furniture.sort_by_key(|f| f.raw_span.start);
    let title = title_of(&text).map(str::to_string);
    Cleaned {
        text,
        offsets,
        furniture,
        header_date,
        title,
    }
}

fn truncate_to_limit(raw: &str) -> &str {
    if raw.len() <= MAX_INPUT {
        return raw;
    }
    let mut end = MAX_INPUT;
    while !raw.is_char_boundary(end) {
        end -= 1;
    }
    &raw[..end]
}

/// Body lines with the furniture lines between them counted as blank lines.
fn body_lines(lines: &[Line], removed: &[bool]) -> Vec<Line> {
    let mut body = Vec::with_capacity(lines.len());
    let mut extra_gap = 0;
    for (line, &is_removed) in lines.iter().zip(removed) {
        if is_removed {
            extra_gap += line.gap_lines + 1;
        } else {
            body.push(Line {
                gap_lines: line.gap_lines + extra_gap,
                ..*line
            });
            extra_gap = 0;
        }
    }
    body
}

/// Writes content and separators; a separator is held back until content
/// follows, so the text never starts or ends with one.
struct Emitter<'a> {
    builder: Builder<'a>,
    pending: Option<(Gap, usize, usize)>,
}

impl Emitter<'_> {
    fn content(&mut self, raw: &str, start: usize, end: usize) {
        if start >= end {
            return;
        }
        if let Some((gap, s, e)) = self.pending.take()
            && !self.builder.text().is_empty()
        {
            match gap {
                Gap::Paragraph => self.builder.replace("\n\n", s, e),
                Gap::Space => self.builder.replace(" ", s, e),
                Gap::DropHyphen | Gap::KeepHyphen | Gap::Join => {}
            }
        }
        inline::emit(&mut self.builder, raw, start, end);
    }

    fn separator(&mut self, gap: Gap, start: usize, end: usize) {
        let gap = match self.pending {
            Some((Gap::Paragraph, ..)) => Gap::Paragraph,
            _ => gap,
        };
        let start = self.pending.map_or(start, |(_, s, _)| s);
        self.pending = Some((gap, start, end));
    }
}

/// `MOSKOU - `, `JEREVAN (AFP) – `: a dateline opening the first line of a
/// paragraph. Returns the end of the dateline and where the content starts.
fn inline_dateline(line: &str) -> Option<(usize, usize)> {
    const SEPARATORS: [&str; 3] = [" - ", " – ", " — "];
    let mut chars = line.chars();
    if !(chars.next().is_some_and(char::is_uppercase)
        && chars.next().is_some_and(char::is_uppercase))
    {
        return None;
    }
    let (at, sep) = SEPARATORS
        .iter()
        .filter_map(|s| line.find(s).map(|at| (at, s)))
        .min_by_key(|(at, _)| *at)?;
    if at > 40 {
        return None;
    }
    let place = line[..at].trim_end();
    let place = match place.find('(') {
        Some(open) if place.ends_with(')') => place[..open].trim_end(),
        _ => place,
    };
    let letters = place.chars().filter(|c| c.is_alphabetic()).count();
    let all_caps = place
        .chars()
        .all(|c| c.is_uppercase() || matches!(c, ' ' | '-' | '\'' | '.'));
    (letters >= 3 && all_caps && place.split_whitespace().count() <= 3)
        .then(|| (line[..at].trim_end().len(), at + sep.len()))
}

/// `400 doden Het conflict ...`: a subhead run into the paragraph it
/// heads, seen as a capitalised sentence opener after a few lowercase words.
/// Returns the offsets of the space before the opener and of the opener.
fn glued_subhead(line: &str) -> Option<(usize, usize)> {
    let mut words = Vec::with_capacity(5);
    let mut pos = 0;
    for word in line.split(' ').take(5) {
        words.push((pos, word));
        pos += word.len() + 1;
    }
    let (_, first) = *words.first()?;
    if is_function_word(first)
        || !first.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
    {
        return None;
    }
    for k in 1..words.len().min(4) {
        let (at, word) = words[k];
        let (_, before) = words[k - 1];
        let next_is_lower = words
            .get(k + 1)
            .is_some_and(|(_, w)| w.starts_with(char::is_lowercase));
        let plain = |w: &str| w.chars().all(|c| c.is_alphanumeric() || c == '-');
        let prefix_plain = words[..k].iter().all(|(_, w)| plain(w));
        let before_lower = before.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit());
        if is_capitalised_opener(word)
            && next_is_lower
            && prefix_plain
            && before_lower
            && !is_function_word(before)
        {
            let rest_words = line[at..].split_whitespace().take(5).count();
            return (rest_words >= 5).then_some((at - 1, at));
        }
    }
    None
}

/// The first paragraph when it reads as a headline; after a one-word
/// kicker (`Analyse`, `Buitenland`) the paragraph that follows it.
fn title_of(text: &str) -> Option<&str> {
    let mut paragraphs = text.split("\n\n");
    let first = paragraphs.next()?;
    let second = paragraphs.next()?;
    if !first.contains(' ') && looks_like_headline(first) && paragraphs.next().is_some() {
        return looks_like_headline(second)
            .then_some(second)
            .or(Some(first));
    }
    looks_like_headline(first).then_some(first)
}

fn looks_like_headline(paragraph: &str) -> bool {
    paragraph.len() <= MAX_TITLE_BYTES
        && paragraph.split(' ').count() <= MAX_TITLE_WORDS
        && !paragraph.ends_with(['.', ',', ';', ':'])
        && paragraph.chars().any(char::is_alphabetic)
}

#[cfg(test)]
mod tests;
