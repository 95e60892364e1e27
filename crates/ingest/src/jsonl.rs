use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};

use kroniek_model::Document;
use serde_json::Value;

use crate::{ItemError, Limits};

/// Streams one article per line. Lines longer than the document limit are
/// skipped (and reported) without ever being held in memory whole.
pub struct JsonlArticles<R: Read> {
    reader: BufReader<R>,
    file: String,
    stem: String,
    line_no: usize,
    limits: Limits,
    seen_ids: HashMap<String, usize>,
    buf: Vec<u8>,
}

impl<R: Read> JsonlArticles<R> {
    pub fn new(reader: R, file: String, stem: String, limits: Limits) -> Self {
        JsonlArticles {
            reader: BufReader::with_capacity(1 << 16, reader),
            file,
            stem,
            line_no: 0,
            limits,
            seen_ids: HashMap::new(),
            buf: Vec::new(),
        }
    }

    /// Read the next line into `buf`, up to the limit. Returns Ok(None) at
    /// EOF, Ok(Some(true)) for a line that fitted, Ok(Some(false)) for one that
    /// was too long (consumed and dropped).
    fn next_line(&mut self) -> std::io::Result<Option<bool>> {
        self.buf.clear();
        let limit = self.limits.max_doc_bytes as u64 + 1;
        let n = (&mut self.reader)
            .take(limit)
            .read_until(b'\n', &mut self.buf)?;
        if n == 0 {
            return Ok(None);
        }
        if self.buf.last() == Some(&b'\n') || (n as u64) < limit {
            return Ok(Some(true));
        }
        // Too long: skip to the end of the line in bounded chunks.
        loop {
            let available = self.reader.fill_buf()?;
            if available.is_empty() {
                break;
            }
            match memchr_newline(available) {
                Some(pos) => {
                    self.reader.consume(pos + 1);
                    break;
                }
                None => {
                    let len = available.len();
                    self.reader.consume(len);
                }
            }
        }
        self.buf.clear();
        Ok(Some(false))
    }
}

fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

impl<R: Read> Iterator for JsonlArticles<R> {
    type Item = Result<Document, ItemError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            self.line_no += 1;
            let item = format!("{}:{}", self.file, self.line_no);
            match self.next_line() {
                Err(e) => return Some(Err(ItemError::new(item, format!("read error: {e}")))),
                Ok(None) => return None,
                Ok(Some(false)) => {
                    return Some(Err(ItemError::new(
                        item,
                        format!(
                            "line longer than the {} MiB document limit; skipped",
                            self.limits.max_doc_bytes >> 20
                        ),
                    )));
                }
                Ok(Some(true)) => {
                    if self.buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    let line = std::mem::take(&mut self.buf);
                    let result = parse_article(&line, &item, &self.stem, self.line_no)
                        .and_then(|doc| self.check_unique(doc, &item));
                    self.buf = line;
                    return Some(result);
                }
            }
        }
    }
}

impl<R: Read> JsonlArticles<R> {
    fn check_unique(&mut self, doc: Document, item: &str) -> Result<Document, ItemError> {
        if let Some(first) = self.seen_ids.get(&doc.id) {
            return Err(ItemError::new(
                item,
                format!(
                    "duplicate id {:?} (first used on line {first}); kept the first",
                    doc.id
                ),
            ));
        }
        self.seen_ids.insert(doc.id.clone(), self.line_no);
        Ok(doc)
    }
}

/// One JSONL article line as a raw [`Document`]: `text` (required), `id`
/// (string or number; default `{stem}-{line_no}`), `title`, `url`, `source`,
/// `date` (→ `meta["metadata_date"]`) and `language`. `item` names the line
/// in errors (`file.jsonl:7`). Used by `kroniek extract`, which streams stdin.
pub fn parse_article(
    line: &[u8],
    item: &str,
    stem: &str,
    line_no: usize,
) -> Result<Document, ItemError> {
    let text = std::str::from_utf8(line)
        .map_err(|e| ItemError::new(item, format!("line is not valid UTF-8: {e}")))?;
    let json = text.trim_start_matches('\u{feff}');
    let value: Value = serde_json::from_str(json)
        .map_err(|e| ItemError::new(item, format!("invalid JSON: {e}")))?;
    let Value::Object(obj) = value else {
        return Err(ItemError::new(
            item,
            "expected a JSON object with a \"text\" field",
        ));
    };
    let field = |name: &str| -> Result<Option<String>, ItemError> {
        match obj.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(Value::Number(n)) if name == "id" => numeric_id(n, json, item).map(Some),
            Some(other) => Err(ItemError::new(
                item,
                format!(
                    "field \"{name}\" must be a string, found {}",
                    type_name(other)
                ),
            )),
        }
    };
    let body = field("text")?
        .ok_or_else(|| ItemError::new(item, "missing or empty required field \"text\""))?;
    let id = match field("id")? {
        Some(id) => sanitize_id(&id)
            .ok_or_else(|| ItemError::new(item, "field \"id\" has no usable characters"))?,
        None => format!("{stem}-{line_no}"),
    };
    let mut doc = Document {
        id,
        title: field("title")?,
        url: field("url")?,
        source: field("source")?,
        origin: Some(item.to_string()),
        raw: body,
        ..Default::default()
    };
    if let Some(date) = field("date")? {
        doc.meta.insert("metadata_date".into(), date);
    }
    if let Some(lang) = field("language")? {
        doc.meta.insert("declared_language".into(), lang);
    }
    doc.meta.insert("format".into(), "jsonl".into());
    doc.meta.insert("encoding".into(), "utf-8".into());
    Ok(doc)
}

/// A numeric id as written: integers that fit 64 bits print exactly; longer
/// ones were rounded through f64 by the parser, so their digits are taken
/// from the line itself. Fractions and exponents are refused (`1.5`, `1e3`
/// would silently collide with other ids once rounded).
fn numeric_id(n: &serde_json::Number, json: &str, item: &str) -> Result<String, ItemError> {
    if n.is_i64() || n.is_u64() {
        return Ok(n.to_string());
    }
    let raw: HashMap<String, Box<serde_json::value::RawValue>> = serde_json::from_str(json)
        .map_err(|e| ItemError::new(item, format!("invalid JSON: {e}")))?;
    let digits = raw.get("id").map(|v| v.get().trim()).unwrap_or_default();
    let unsigned = digits.strip_prefix('-').unwrap_or(digits);
    if !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit()) {
        Ok(digits.to_string())
    } else {
        Err(ItemError::new(
            item,
            format!("field \"id\" must be a string or a whole number, found {digits}"),
        ))
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Ids become parts of URLs and file names: keep them printable, trimmed and short.
pub(crate) fn sanitize_id(id: &str) -> Option<String> {
    let cleaned: String = id
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    (!cleaned.is_empty()).then_some(cleaned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &str, limit: usize) -> Vec<Result<Document, ItemError>> {
        JsonlArticles::new(
            input.as_bytes(),
            "x.jsonl".into(),
            "x".into(),
            Limits {
                max_doc_bytes: limit,
            },
        )
        .collect()
    }

    #[test]
    fn reads_fields_and_reports_bad_lines() {
        let input = concat!(
            "{\"id\": \"a1\", \"text\": \"De minister reisde af.\", \"date\": \"2021-03-02\", \"title\": \"Reis\"}\n",
            "\n",
            "{\"text\": 42}\n",
            "not json\n",
            "{\"title\": \"zonder tekst\"}\n",
            "[1,2]\n",
            "{\"id\": \"a1\", \"text\": \"Nog een keer.\"}\n",
            "{\"id\": 7, \"text\": \"Een getal als id.\", \"date\": 2021}\n",
            "{\"text\": \"Geen id.\", \"big\": 1e999999}\n",
            "{\"text\": \"Wel goed.\"}",
        );
        let out = read_all(input, 1 << 20);
        assert_eq!(out.len(), 9);
        let first = out[0].as_ref().unwrap();
        assert_eq!(first.id, "a1");
        assert_eq!(first.meta["metadata_date"], "2021-03-02");
        assert_eq!(first.title.as_deref(), Some("Reis"));
        let err = |i: usize| out[i].as_ref().unwrap_err().to_string();
        assert!(
            err(1).contains("x.jsonl:3") && err(1).contains("\"text\" must be a string"),
            "{}",
            err(1)
        );
        assert!(err(2).contains("invalid JSON"));
        assert!(err(3).contains("missing"));
        assert!(err(4).contains("expected a JSON object"));
        assert!(err(5).contains("duplicate id"));
        assert!(err(6).contains("\"date\" must be a string"));
        assert!(err(7).contains("invalid JSON"), "{}", err(7));
        assert_eq!(out[8].as_ref().unwrap().id, "x-10");
    }

    #[test]
    fn numeric_ids_keep_their_digits() {
        let input = concat!(
            "{\"id\": 123456789012345678901234567890, \"text\": \"Een.\"}\n",
            "{\"id\": 123456789012345678901234567891, \"text\": \"Twee.\"}\n",
            "{\"id\": -98765432109876543210987, \"text\": \"Drie.\"}\n",
            "{\"id\": 18446744073709551615, \"text\": \"Vier.\"}\n",
            "{\"id\": -42, \"text\": \"Vijf.\"}\n",
            "{\"id\": 7.5, \"text\": \"Zes.\"}\n",
            "{\"id\": 1e3, \"text\": \"Zeven.\"}\n",
            "\u{feff}{\"text\": \"Acht.\", \"id\": 99999999999999999999999}\n",
        );
        let out = read_all(input, 1 << 20);
        let id = |i: usize| out[i].as_ref().map(|d| d.id.clone());
        assert_eq!(id(0).unwrap(), "123456789012345678901234567890");
        assert_eq!(id(1).unwrap(), "123456789012345678901234567891");
        assert_eq!(id(2).unwrap(), "-98765432109876543210987");
        assert_eq!(id(3).unwrap(), "18446744073709551615");
        assert_eq!(id(4).unwrap(), "-42");
        for i in [5, 6] {
            let err = id(i).unwrap_err().to_string();
            assert!(err.contains("must be a string or a whole number"), "{err}");
        }
        assert_eq!(id(7).unwrap(), "99999999999999999999999");
    }

    #[test]
    fn overlong_lines_are_skipped_without_losing_the_next() {
        let long = format!("{{\"text\": \"{}\"}}\n", "a".repeat(5000));
        let input = format!("{long}{{\"text\": \"kort\"}}\n");
        let out = read_all(&input, 1000);
        assert_eq!(out.len(), 2);
        assert!(
            out[0]
                .as_ref()
                .unwrap_err()
                .reason
                .contains("document limit")
        );
        assert_eq!(out[1].as_ref().unwrap().raw, "kort");
    }
}
