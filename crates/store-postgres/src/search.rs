//! Full-text search: the user's query is compiled by kroniek_store's
//! [`compile_query`] (the same stems and operators as the SQLite store) and
//! its FTS5 expression rewritten as a tsquery whose lexemes are all quoted.
//! The tsquery text is passed as a parameter, never spliced into SQL.
use kroniek_store::{SearchHit, SearchQuery, compile_query, date_bounds, stems_with_spans};

use postgres::Client;

use crate::read::utf8;
use crate::{Result, pg};

/// The tsquery for user query `query` (empty when nothing is searchable),
/// and the stems to highlight.
pub fn compile_tsquery(query: &str) -> (String, Vec<String>) {
    let compiled = compile_query(query);
    (fts_to_tsquery(&compiled.fts), compiled.highlight)
}

/// `"a b" AND ("c" OR "d")` / `(x) NOT "e"` become
/// `('a' <-> 'b') & (('c') | ('d'))` / `(x) & !('e')`. compile_query
/// emits only quoted phrases of alphanumeric stems, parentheses and the
/// operators, and FTS5's precedence (NOT, AND, OR) matches tsquery's.
fn fts_to_tsquery(fts: &str) -> String {
    let mut out = String::with_capacity(fts.len() * 2);
    let mut rest = fts;
    while let Some(c) = rest.chars().next() {
        if c == '"' {
            let body = &rest[1..];
            let end = body.find('"').unwrap_or(body.len());
            let lexemes: Vec<String> = body[..end]
                .split_whitespace()
                .map(|w| format!("'{}'", w.replace('\\', "\\\\").replace('\'', "''")))
                .collect();
            out.push('(');
            out.push_str(&lexemes.join(" <-> "));
            out.push(')');
            rest = body.get(end + 1..).unwrap_or("");
        } else if let Some(r) = rest.strip_prefix("AND") {
            out.push('&');
            rest = r;
        } else if let Some(r) = rest.strip_prefix("OR") {
            out.push('|');
            rest = r;
        } else if let Some(r) = rest.strip_prefix("NOT") {
            out.push_str("& !");
            rest = r;
        } else {
            if matches!(c, '(' | ')' | ' ') {
                out.push(c);
            }
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// Sentences matching `q`, best first (ts_rank), with highlighted
/// snippets: the same hits as [`kroniek_store::SqliteStore::search`].
pub fn search(c: &mut Client, q: &SearchQuery) -> Result<Vec<SearchHit>> {
    let (tsquery, highlight) = compile_tsquery(&q.query);
    if tsquery.is_empty() {
        return Ok(Vec::new());
    }
    let from = q.from.as_deref().and_then(date_bounds).map(|b| b.0);
    let to = q.to.as_deref().and_then(date_bounds).map(|b| b.1);
    let rows = c
        .query(
            "SELECT d.id, s.idx, d.date_value, d.title,
                    substring(d.text FROM s.start::int + 1 FOR (s.\"end\" - s.start)::int),
                    ts_rank(s.body, $1::text::tsquery) AS rank
             FROM sentences s JOIN documents d ON d.id = s.doc_id
             WHERE s.body @@ $1::text::tsquery
               AND ($2::text IS NULL OR d.date_end >= $2)
               AND ($3::text IS NULL OR d.date_begin <= $3)
               AND ($4::text IS NULL OR d.language = $4)
               AND ($5::text IS NULL OR EXISTS (SELECT 1 FROM mentions m WHERE m.doc_id = d.id
                      AND m.sentence = s.idx AND (m.actor_id = $5 OR m.code = $5)))
             ORDER BY rank DESC, d.id, s.idx LIMIT $6 OFFSET $7",
            &[
                &tsquery,
                &from,
                &to,
                &q.language,
                &q.actor,
                &(q.limit.max(1) as i64),
                &(q.offset as i64),
            ],
        )
        .map_err(pg)?;
    let mut hits = Vec::with_capacity(rows.len());
    for r in rows {
        let doc_id: String = r.get(0);
        let sentence = utf8(r.get(4), &doc_id)?;
        let highlights: Vec<(u32, u32)> = stems_with_spans(&sentence)
            .into_iter()
            .filter(|(stem, _, _)| highlight.contains(stem))
            .map(|(_, s, e)| (s as u32, e as u32))
            .collect();
        let mut snippet = String::with_capacity(sentence.len() + 8);
        let mut at = 0usize;
        for (s, e) in &highlights {
            snippet.push_str(&sentence[at..*s as usize]);
            snippet.push('[');
            snippet.push_str(&sentence[*s as usize..*e as usize]);
            snippet.push(']');
            at = *e as usize;
        }
        snippet.push_str(&sentence[at..]);
        hits.push(SearchHit {
            doc_id,
            sentence_index: r.get::<_, i64>(1) as u32,
            date: r.get(2),
            title: r.get(3),
            sentence,
            snippet,
            highlights,
            score: f64::from(r.get::<_, f32>(5)),
        });
    }
    Ok(hits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts_expressions_become_quoted_tsqueries() {
        assert_eq!(
            compile_tsquery("staakt-het-vuren").0,
            "('staakt' <-> 'het' <-> 'vur')"
        );
        assert_eq!(
            compile_tsquery("Bakoe OR Jerevan -Moskou").0,
            "((('bakoe') | ('jerevan'))) & ! ('moskou')"
        );
        assert_eq!(
            compile_tsquery("Rusland Armenië").0,
            "('rusland') & ('armenie')"
        );
        assert_eq!(
            compile_tsquery("\"'; DROP TABLE x; --\" a").0,
            "('drop' <-> 'tabl' <-> 'x') & ('a')"
        );
        assert_eq!(compile_tsquery("-alleen").0, "");
    }
}
