//! Minimal CoNLL-U reader: the ten columns of the basic tree, skipping
//! multiword-token lines (`1-2`) and empty nodes (`1.1`).

/// One syntactic word of a CoNLL-U sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UdWord {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 0 is the root.
    pub head: usize,
    pub deprel: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct UdSentence {
    pub words: Vec<UdWord>,
}

#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    #[error("CoNLL-U line {line}: expected 10 tab-separated columns, found {found}")]
    Columns { line: usize, found: usize },
    #[error("CoNLL-U line {line}: word id `{id}` is not a number")]
    Id { line: usize, id: String },
    #[error("CoNLL-U line {line}: head `{head}` is not a number within the sentence")]
    Head { line: usize, head: String },
}

/// Parses every sentence of a CoNLL-U text.
pub fn parse_conllu(text: &str) -> Result<Vec<UdSentence>, ParseError> {
    let mut sentences = Vec::new();
    let mut current = UdSentence::default();
    let mut heads_to_check: Vec<(usize, String)> = Vec::new();
    for (index, raw_line) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw_line.trim_end_matches('\r');
        if line.trim().is_empty() {
            finish(&mut sentences, &mut current, &mut heads_to_check)?;
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(ParseError::Columns {
                line: line_no,
                found: cols.len(),
            });
        }
        let id = cols[0];
        if id.contains('-') || id.contains('.') {
            continue;
        }
        if id.parse::<usize>().is_err() {
            return Err(ParseError::Id {
                line: line_no,
                id: id.to_string(),
            });
        }
        let head = match cols[6] {
            "_" => 0,
            h => h.parse::<usize>().map_err(|_| ParseError::Head {
                line: line_no,
                head: h.to_string(),
            })?,
        };
        heads_to_check.push((line_no, cols[6].to_string()));
        current.words.push(UdWord {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
        });
    }
    finish(&mut sentences, &mut current, &mut heads_to_check)?;
    Ok(sentences)
}

fn finish(
    sentences: &mut Vec<UdSentence>,
    current: &mut UdSentence,
    heads: &mut Vec<(usize, String)>,
) -> Result<(), ParseError> {
    if current.words.is_empty() {
        return Ok(());
    }
    let n = current.words.len();
    for (word, (line, raw)) in current.words.iter().zip(heads.iter()) {
        if word.head > n {
            return Err(ParseError::Head {
                line: *line,
                head: raw.clone(),
            });
        }
    }
    heads.clear();
    sentences.push(std::mem::take(current));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_multiword_and_empty_nodes() {
        let text = "# c\n1-2\tvan de\t_\t_\t_\t_\t_\t_\t_\t_\n1\tvan\tvan\tADP\tVZ\t_\t2\tcase\t_\t_\n2\tde\tde\tDET\tLID\t_\t0\troot\t_\t_\n2.1\tx\tx\tX\t_\t_\t_\t_\t_\t_\n\n";
        let s = parse_conllu(text).expect("valid");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].words.len(), 2);
        assert_eq!(s[0].words[0].head, 2);
    }

    #[test]
    fn head_out_of_range_is_an_error() {
        let text = "1\ta\ta\tX\t_\t_\t5\tdep\t_\t_\n";
        assert!(parse_conllu(text).is_err());
    }
}
