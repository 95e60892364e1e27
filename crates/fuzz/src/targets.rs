//! One function per fuzzed component. Each panics (with the broken
//! invariant) when the component misbehaves; returning means "fine".

use std::cell::RefCell;
use std::io::Write;

use kroniek_ingest::{Discovered, Format, Limits, decode, extract_html, read_source};
use kroniek_model::{Document, Span, TimeValue};
use kroniek_store::{SearchQuery, SqliteStore, Store, compile_query};

/// A fuzzed component: its name (also its corpus folder), the harness and
/// the tokens its mutator should know about.
#[derive(Clone, Copy)]
pub struct Target {
    pub name: &'static str,
    pub run: fn(&[u8]),
    pub dictionary: &'static [&'static str],
}

pub static TARGETS: &[Target] = &[
    Target {
        name: "cleaner",
        run: cleaner,
        dictionary: &[
            "\n",
            "\n\n",
            " date 2021-03-04\n",
            "-\n",
            "Lees ook: ",
            "Foto: ",
            "Door ",
            "DEN HAAG - ",
            "\u{ad}",
            "\u{a0}",
            "\r\n",
            "http://x.nl/a",
            "1/3\n",
            "\u{201c}",
        ],
    },
    Target {
        name: "segment",
        run: segment,
        dictionary: &[
            ". ", "? ", "! ", "...", "dhr. ", "o.a. ", "'s ", "\u{2018}", "\u{2019}", "\"", "(",
            ")", "\n\n", "3.5", "2.000", "e\u{301}", "\u{200b}", "U.S.A.", ":-)", "--",
        ],
    },
    Target {
        name: "time",
        run: time,
        dictionary: &[
            " maandag ",
            " gisteren ",
            " vorige week ",
            " 3 maart 2021 ",
            " in 1999 ",
            " om 14.30 uur ",
            " tussen 2001 en 2004 ",
            " eind mei ",
            " de jaren negentig ",
            " 2020-02-29 ",
            " volgend jaar ",
            " 31 februari ",
            " Q3 ",
            "-",
            " sinds ",
            " 99999999 ",
        ],
    },
    Target {
        name: "html",
        run: html,
        dictionary: &[
            "<p>",
            "</p>",
            "<div>",
            "</div>",
            "<script>",
            "</script>",
            "<!--",
            "-->",
            "<article>",
            "<h1>",
            "<meta property=\"article:published_time\" content=\"2020-01-01\">",
            "&amp;",
            "&#x0;",
            "&#99999999;",
            "<br>",
            "<title>",
            "<![CDATA[",
            "<style>",
            "<nav>",
            "\"",
        ],
    },
    Target {
        name: "jsonl",
        run: jsonl,
        dictionary: &[
            "{",
            "}",
            "[",
            "]",
            "\"id\":",
            "\"text\":",
            "\"date\":",
            "\"title\":",
            "\"url\":",
            ",",
            "null",
            "true",
            "1e999",
            "-0",
            "\"\\u0000\"",
            "\"\\ud800\"",
            "\n",
            "18446744073709551616",
        ],
    },
    Target {
        name: "query",
        run: query,
        dictionary: &[
            "\"",
            " OR ",
            " AND ",
            " NOT ",
            "-",
            "*",
            "(",
            ")",
            ":",
            "^",
            "NEAR(",
            "+",
            " ",
            "minister",
            "vrede",
            "\u{0}",
            "'",
            "sentence_fts",
            "{",
            "}",
        ],
    },
];

/// The cleaner's offset map: pieces contiguous over the cleaned text, in
/// raw order, inside the raw text, copy pieces byte-identical.
fn cleaner(data: &[u8]) {
    let raw = String::from_utf8_lossy(data);
    let cleaned = kroniek_text::clean(&raw);
    let text = &cleaned.text;
    let mut clean_pos = 0u32;
    let mut raw_pos = 0u32;
    for p in &cleaned.offsets.pieces {
        assert_eq!(p.clean_start, clean_pos, "pieces contiguous: {p:?}");
        assert!(p.len > 0, "empty piece {p:?}");
        assert!(p.raw_start <= p.raw_end, "raw range reversed {p:?}");
        assert!(p.raw_end as usize <= raw.len(), "piece past raw end {p:?}");
        assert!(p.raw_start >= raw_pos, "pieces out of raw order {p:?}");
        let clean_range = p.clean_start as usize..(p.clean_start + p.len) as usize;
        let piece_text = text
            .get(clean_range)
            .expect("piece on char boundaries of the text");
        if p.raw_end - p.raw_start == p.len {
            assert_eq!(
                raw.get(p.raw_start as usize..p.raw_end as usize),
                Some(piece_text),
                "copy piece not byte-identical {p:?}"
            );
        }
        clean_pos += p.len;
        raw_pos = p.raw_start;
    }
    assert_eq!(
        clean_pos as usize,
        text.len(),
        "pieces cover the cleaned text"
    );
    let mut last = 0;
    for (i, _) in text.char_indices() {
        let r = cleaned.offsets.to_raw(i);
        assert!(
            r <= raw.len() && r >= last,
            "to_raw({i}) = {r} not monotone in raw"
        );
        last = r;
    }
    assert!(
        !text.contains("\n\n\n"),
        "at most one blank line between paragraphs"
    );
}

/// Tokens and sentences: in order, non-overlapping, on char boundaries,
/// sentences partition the tokens, and every visible character is in a token.
fn segment(data: &[u8]) {
    let raw = String::from_utf8_lossy(data);
    check_segments(&raw);
    check_segments(&kroniek_text::clean(&raw).text);
}

fn check_segments(text: &str) {
    let (sentences, tokens) = kroniek_text::segment(text);
    let mut prev_end = 0;
    for t in &tokens {
        assert_spans_text(t.span, text);
        assert!(!t.span.is_empty(), "empty token {:?}", t.span);
        assert!(t.span.start >= prev_end, "tokens overlap at {:?}", t.span);
        prev_end = t.span.end;
    }
    let mut next_token = 0u32;
    let mut prev_end = 0;
    for s in &sentences {
        assert_spans_text(s.span, text);
        assert!(
            s.span.start >= prev_end,
            "sentences overlap at {:?}",
            s.span
        );
        assert_eq!(s.token_start, next_token, "sentences partition the tokens");
        assert!(s.token_end > s.token_start, "sentence without tokens {s:?}");
        for t in tokens
            .get(s.token_start as usize..s.token_end as usize)
            .expect("token range")
        {
            assert!(
                s.span.contains(t.span),
                "token {:?} outside its sentence {s:?}",
                t.span
            );
        }
        next_token = s.token_end;
        prev_end = s.span.end;
    }
    assert_eq!(
        next_token as usize,
        tokens.len(),
        "every token in a sentence"
    );
    let mut covered = tokens.iter().map(|t| t.span).peekable();
    for (i, c) in text.char_indices() {
        while covered.peek().is_some_and(|s| s.end as usize <= i) {
            covered.next();
        }
        let inside = covered.peek().is_some_and(|s| s.start as usize <= i);
        if !inside && c.is_alphanumeric() {
            panic!("letter {c:?} at {i} is in no token");
        }
    }
}

fn assert_spans_text(span: Span, text: &str) {
    assert!(span.start <= span.end, "reversed span {span:?}");
    assert!(
        text.get(span.range()).is_some(),
        "span {span:?} off the text (len {})",
        text.len()
    );
}

/// Time expressions over a prepared document, with and without an anchor.
fn time(data: &[u8]) {
    let raw = String::from_utf8_lossy(data);
    let mut doc = Document {
        id: "fuzz".into(),
        raw: raw.to_string(),
        ..Default::default()
    };
    kroniek_text::prepare(&mut doc);
    let anchor = kroniek_time::parse_date_value("2019-06-15");
    for anchor in [None, anchor.as_ref()] {
        for t in kroniek_time::find_timexes(&doc, anchor) {
            assert_spans_text(t.span, &doc.text);
            assert!(
                (t.sentence as usize) < doc.sentences.len(),
                "timex sentence {t:?}"
            );
            if let Some(v) = &t.value {
                assert_value(v);
            }
        }
    }
    kroniek_time::annotate(&mut doc);
    for word in raw.split_whitespace().take(200).chain([raw.as_ref()]) {
        if let Some(v) = kroniek_time::parse_date_value(word) {
            assert_value(&v);
        }
    }
}

fn assert_value(v: &TimeValue) {
    assert!(v.begin <= v.end, "time value ends before it begins: {v:?}");
}

/// Decoding of arbitrary bytes and HTML extraction of the result.
fn html(data: &[u8]) {
    if let Ok(decoded) = decode(data) {
        let _ = extract_html(&decoded.text);
    }
    let article = extract_html(&String::from_utf8_lossy(data));
    assert!(!article.text.contains('\0'), "NUL byte in extracted text");
}

/// The JSON Lines reader on arbitrary bytes: every line ends as a document
/// with a usable id or as an error naming the file and line.
fn jsonl(data: &[u8]) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("feed.jsonl");
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(data))
        .expect("write temp file");
    let found = Discovered {
        path,
        format: Format::Jsonl,
    };
    let limits = Limits {
        max_doc_bytes: 1 << 16,
    };
    let mut ids = std::collections::HashSet::new();
    for item in read_source(&found, limits) {
        match item {
            Ok(doc) => {
                assert!(!doc.id.is_empty(), "document without id");
                assert!(
                    ids.insert(doc.id.clone()),
                    "duplicate id {} accepted",
                    doc.id
                );
            }
            Err(e) => assert!(
                e.to_string().contains("feed.jsonl"),
                "error without item: {e}"
            ),
        }
    }
}

thread_local! {
    static SEARCH_STORE: RefCell<Option<SqliteStore>> = const { RefCell::new(None) };
}

/// Any query string compiles, and searching with it never errors.
fn query(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = compile_query(&text);
    let (query, bounds) = text.split_once('|').unwrap_or((&text, ""));
    let (from, to) = bounds.split_once('|').unwrap_or((bounds, ""));
    SEARCH_STORE.with(|cell| {
        let mut slot = cell.borrow_mut();
        let store = slot.get_or_insert_with(search_store);
        for q in [
            SearchQuery {
                query: query.to_string(),
                limit: 5,
                ..Default::default()
            },
            SearchQuery {
                query: query.to_string(),
                from: Some(from.to_string()),
                to: Some(to.to_string()),
                language: Some(to.to_string()),
                actor: Some(from.to_string()),
                limit: 3,
                offset: from.len(),
            },
        ] {
            if let Err(e) = store.search(&q) {
                panic!("search {:?} failed: {e}", q.query);
            }
        }
    });
}

fn search_store() -> SqliteStore {
    let mut store = SqliteStore::in_memory().expect("in-memory store");
    let run = store.begin_run("fuzz").expect("run");
    let texts = [
        "De minister van Defensie bezocht dinsdag de kazerne in Assen.\n\nHij sprak over vrede.",
        "Het kabinet \"OR\" de oppositie: een debat over NOT-doen en AND-poorten.",
        "Vrede in het Midden-Oosten blijft ver weg, zei de gezant (VN) in New York.",
    ];
    for (i, raw) in texts.iter().enumerate() {
        let mut doc = Document {
            id: format!("d{i}"),
            raw: raw.to_string(),
            ..Default::default()
        };
        kroniek_text::prepare(&mut doc);
        doc.date = None;
        store.put_document(&doc, run).expect("put document");
    }
    store.commit_batch().expect("commit");
    store
}
