//! Reading CoNLL-2002 style files: `token [columns...] tag`, blank lines
//! between sentences, `-DOCSTART-` lines between articles.

/// A CoNLL line that cannot be read.
#[derive(Debug, thiserror::Error)]
#[error("CoNLL line {line}: {reason}")]
pub struct ParseError {
    pub line: usize,
    pub reason: String,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct LabelledSentence {
    pub tokens: Vec<String>,
    pub tags: Vec<String>,
}

/// An article: the sentences between two `-DOCSTART-` lines.
#[derive(Debug, Clone, Default)]
pub(crate) struct LabelledDoc {
    pub sentences: Vec<LabelledSentence>,
}

fn valid_tag(tag: &str) -> bool {
    if tag == "O" {
        return true;
    }
    match tag.split_once('-') {
        Some((prefix, kind)) => matches!(prefix, "B" | "I") && !kind.is_empty(),
        None => false,
    }
}

/// Articles of a labelled CoNLL text. The tag is the last column. Text without
/// any `-DOCSTART-` line is one article.
pub(crate) fn parse_labelled(text: &str) -> Result<Vec<LabelledDoc>, ParseError> {
    let mut docs = vec![LabelledDoc::default()];
    let mut sentence = LabelledSentence::default();
    fn flush(docs: &mut [LabelledDoc], sentence: &mut LabelledSentence) {
        if let Some(doc) = docs.last_mut().filter(|_| !sentence.tokens.is_empty()) {
            doc.sentences.push(std::mem::take(sentence));
        }
    }
    for (idx, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            flush(&mut docs, &mut sentence);
            continue;
        }
        let mut cols = line.split_whitespace();
        let token = cols.next().unwrap_or("");
        if token == "-DOCSTART-" {
            flush(&mut docs, &mut sentence);
            if docs.last().is_some_and(|d| !d.sentences.is_empty()) {
                docs.push(LabelledDoc::default());
            }
            continue;
        }
        let tag = cols.next_back().ok_or_else(|| ParseError {
            line: idx + 1,
            reason: format!("token {token:?} has no tag column"),
        })?;
        if !valid_tag(tag) {
            return Err(ParseError {
                line: idx + 1,
                reason: format!("{tag:?} is not an IOB tag (O, B-X or I-X)"),
            });
        }
        sentence.tokens.push(token.to_string());
        sentence.tags.push(tag.to_string());
    }
    flush(&mut docs, &mut sentence);
    docs.retain(|d| !d.sentences.is_empty());
    Ok(docs)
}

/// Sentences of an unlabelled text. Lines with tabs or several columns are read
/// as column formats (CoNLL, CoNLL-U: the token is the first column, or the
/// second when the first is a number; `#` comments and multiword ranges are
/// skipped; blank lines end sentences); any other line is one sentence of
/// whitespace-separated tokens.
pub(crate) fn unlabelled_sentences(text: &str) -> Vec<Vec<String>> {
    let columnar = text
        .lines()
        .take(50)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .all(|l| l.contains('\t') || l.split_whitespace().count() <= 3);
    let mut out = Vec::new();
    if !columnar {
        for line in text.lines() {
            let tokens: Vec<String> = line.split_whitespace().map(str::to_string).collect();
            if !tokens.is_empty() {
                out.push(tokens);
            }
        }
        return out;
    }
    let mut current = Vec::new();
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = if line.contains('\t') {
            line.split('\t').collect()
        } else {
            line.split_whitespace().collect()
        };
        let first = cols.first().copied().unwrap_or("");
        if first == "-DOCSTART-" {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        let is_index = !first.is_empty()
            && first
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == '-');
        let token = if is_index && cols.len() >= 2 {
            if first.contains('-') || first.contains('.') {
                continue;
            }
            cols[1]
        } else {
            first
        };
        if !token.is_empty() {
            current.push(token.to_string());
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_articles_and_sentences() {
        let text = "-DOCSTART- -DOCSTART- O\nDe Art O\nminister N O\nbezocht V O\nGent N B-LOC\n\nHij Pron O\nsprak V O\n\n-DOCSTART- -DOCSTART- O\nJa Int O\n";
        let docs = parse_labelled(text).expect("valid text");
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sentences.len(), 2);
        assert_eq!(docs[0].sentences[0].tags[3], "B-LOC");
        assert_eq!(docs[1].sentences[0].tokens, vec!["Ja"]);
    }

    #[test]
    fn rejects_bad_tags_with_line_number() {
        let err = parse_labelled("Gent N X-LOC\n").expect_err("bad tag");
        assert_eq!(err.line, 1);
        assert!(err.to_string().contains("X-LOC"));
        assert!(parse_labelled("Gent\n").is_err());
    }

    #[test]
    fn reads_unlabelled_formats() {
        let conllu = "# sent_id = 1\n1\tDe\tde\tDET\n2-3\tvan de\t_\n2\tvan\tvan\tADP\n3\tde\tde\tDET\n\n1\tJa\tja\tINTJ\n";
        assert_eq!(
            unlabelled_sentences(conllu),
            vec![vec!["De", "van", "de"], vec!["Ja"]]
        );
        let plain = "Dit is een vrij lange zin van tekst .\nNog een zin met woorden erin .\n";
        assert_eq!(unlabelled_sentences(plain).len(), 2);
    }
}
