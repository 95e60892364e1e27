use std::fs::File;
use std::io::Read;
use std::path::Path;

use kroniek_model::Document;

use crate::jsonl::{JsonlArticles, sanitize_id};
use crate::{Discovered, ItemError, decode, extract_html};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Jsonl,
}

impl Format {
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" | "xhtml" => Format::Html,
            "jsonl" | "ndjson" => Format::Jsonl,
            _ => return None,
        })
    }
    pub fn as_str(&self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
        }
    }
}

/// Default for [`Limits::max_doc_bytes`] and `--max-doc-mb`, in MiB.
pub const DEFAULT_MAX_DOC_MB: usize = 4;

/// Bounds that keep memory flat on hostile input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest article accepted, in bytes (a whole .txt/.html file, or one JSONL line).
    /// The default, 4 MiB, is some 40 times the longest news articles (under
    /// 100 KB) and keeps one worker's peak memory near 0.3 GiB text-only and
    /// 0.6 GiB through the full pipeline (docs/reliability.md).
    pub max_doc_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_doc_bytes: DEFAULT_MAX_DOC_MB << 20,
        }
    }
}

/// The articles of one discovered file: one for txt/md/html, one per line
/// for JSONL (streamed).
pub fn read_source(
    found: &Discovered,
    limits: Limits,
) -> Box<dyn Iterator<Item = Result<Document, ItemError>> + Send> {
    let item = found.path.display().to_string();
    let stem = found
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| item.clone());
    if found.format == Format::Jsonl {
        return match File::open(&found.path) {
            Ok(file) => Box::new(JsonlArticles::new(file, item, stem, limits)),
            Err(e) => Box::new(std::iter::once(Err(ItemError::new(
                item,
                format!("cannot open: {e}"),
            )))),
        };
    }
    Box::new(std::iter::once(read_single(found, &item, &stem, limits)))
}

fn read_single(
    found: &Discovered,
    item: &str,
    stem: &str,
    limits: Limits,
) -> Result<Document, ItemError> {
    let file =
        File::open(&found.path).map_err(|e| ItemError::new(item, format!("cannot open: {e}")))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > limits.max_doc_bytes as u64 {
        return Err(ItemError::new(
            item,
            format!(
                "file is {:.1} MiB, above the {} MiB limit for one article (raise it with --max-doc-mb); skipped",
                size as f64 / (1 << 20) as f64,
                limits.max_doc_bytes >> 20
            ),
        ));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limits.max_doc_bytes as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ItemError::new(item, format!("read error: {e}")))?;
    if bytes.len() > limits.max_doc_bytes {
        return Err(ItemError::new(
            item,
            "file grew beyond the article size limit while reading; skipped",
        ));
    }
    let decoded = decode(&bytes).map_err(|e| ItemError::new(item, e.to_string()))?;
    let id =
        sanitize_id(stem).ok_or_else(|| ItemError::new(item, "file name gives no usable id"))?;
    let mut doc = Document {
        id,
        origin: Some(item.to_string()),
        ..Default::default()
    };
    doc.meta
        .insert("format".into(), found.format.as_str().into());
    doc.meta.insert("encoding".into(), decoded.encoding.clone());
    if decoded.guessed {
        doc.meta.insert("encoding_detected".into(), "true".into());
    }
    match found.format {
        Format::Html => {
            let article = extract_html(&decoded.text);
            if article.text.trim().is_empty() {
                return Err(ItemError::new(item, "no article text found in the HTML"));
            }
            doc.title = article.title;
            doc.url = article.url;
            doc.source = article.source;
            if let Some(date) = article.date {
                doc.meta.insert("metadata_date".into(), date);
            }
            if let Some(lang) = article.language {
                doc.meta.insert("declared_language".into(), lang);
            }
            doc.raw = article.text;
        }
        Format::Markdown => doc.raw = strip_markdown(&decoded.text),
        Format::Text | Format::Jsonl => doc.raw = decoded.text,
    }
    Ok(doc)
}

/// Markdown markup that would otherwise end up in sentences: heading marks,
/// emphasis, link targets and images. Line structure is kept for the cleaner.
fn strip_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = line
            .trim_start_matches('#')
            .trim_start_matches('>')
            .replace("**", "")
            .replace("__", "");
        let mut rest = line.as_str();
        while let Some(open) = rest.find('[') {
            let Some(close) = rest[open..].find("](").map(|c| open + c) else {
                break;
            };
            let Some(end) = rest[close..].find(')').map(|e| close + e) else {
                break;
            };
            let image = open > 0 && rest.as_bytes()[open - 1] == b'!';
            out.push_str(&rest[..if image { open - 1 } else { open }]);
            if !image {
                out.push_str(&rest[open + 1..close]);
            }
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_markup_is_removed() {
        let md = "# Kop van het stuk\n\nDe **minister** sprak met [de ambassadeur](https://x.nl/a).\n![foto](f.jpg)\n";
        let text = strip_markdown(md);
        assert!(text.contains("Kop van het stuk"));
        assert!(text.contains("De minister sprak met de ambassadeur."));
        assert!(!text.contains("https://"));
        assert!(!text.contains("f.jpg"));
    }
}
