//! The founding seed documents in ../shared: the cleaner and the splitter
//! must handle their real extraction noise.

use std::path::PathBuf;

use kroniek_model::Document;

fn shared_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if dir.join("corpus/seeds").is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "shared data not found at {}",
        dir.display()
    );
    eprintln!("skipping: shared data not found at {}", dir.display());
    None
}

/// The prepared seed whose file name starts with `prefix`.
fn seed(shared: &std::path::Path, prefix: &str) -> Document {
    let dir = shared.join("corpus/seeds");
    let entries =
        std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    let path = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("no seed {prefix}* in {}", dir.display()));
    let raw = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut doc = Document {
        id: prefix.to_string(),
        raw,
        ..Default::default()
    };
    kroniek_text::prepare(&mut doc);
    doc
}

fn sentences(doc: &Document) -> Vec<&str> {
    (0..doc.sentences.len())
        .map(|i| doc.sentence_text(i))
        .collect()
}

/// Common finite verbs and auxiliaries: a fragment containing one is a
/// clause, not a subhead.
const FINITE_VERBS: &[&str] = &[
    "is", "zijn", "was", "waren", "wordt", "worden", "werd", "werden", "heeft", "hebben", "had",
    "hadden", "zal", "zullen", "zou", "kan", "kunnen", "moet", "moeten", "wil", "willen", "gaat",
    "gaan", "komt", "zegt", "zei", "zeggen", "blijft", "staat", "ligt", "krijgt", "maakt", "noemt",
    "vindt",
];

/// A sentence may lack final punctuation only when it is a whole paragraph
/// and either the document's title or a short verbless subhead.
fn is_title_or_subhead(doc: &Document, idx: usize) -> bool {
    let s = &doc.sentences[idx];
    let text = &doc.text;
    let before = &text[..s.span.start as usize];
    let after = &text[s.span.end as usize..];
    let whole_paragraph = (before.is_empty() || before.ends_with("\n\n"))
        && (after.is_empty() || after.starts_with("\n\n"));
    let sentence = doc.sentence_text(idx);
    let is_title = idx == 0 && doc.title.as_deref() == Some(sentence);
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let verbless = !words
        .iter()
        .any(|w| FINITE_VERBS.contains(&w.to_lowercase().as_str()));
    whole_paragraph && (is_title || (words.len() <= 8 && verbless))
}

fn ends_with_final_punctuation(sentence: &str) -> bool {
    let last = sentence.chars().last().unwrap_or(' ');
    matches!(
        last,
        '.' | '!' | '?' | ':' | '…' | '’' | '”' | '"' | '\'' | '»'
    )
}

#[test]
fn seed_000_web_page_extraction() {
    let Some(shared) = shared_dir() else { return };
    let doc = seed(&shared, "000_");
    let sents = sentences(&doc);
    // The headline as the file has it, wrapped over its first two lines.
    let expected_title = doc
        .raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(sents.first().copied(), Some(expected_title.as_str()));
    assert_eq!(doc.title.as_deref(), sents.first().copied());
    for s in &sents {
        assert!(
            !s.contains("http") && !s.contains("LEES OOK") && !s.contains("nd.nl"),
            "furniture left in: {s}"
        );
        assert!(
            !s.contains("beeld afp") && !s.contains("JEREVAN"),
            "caption or dateline left in: {s}"
        );
    }
    // The sentence after the dateline starts clean and ends where it should.
    assert!(
        sents
            .iter()
            .any(|s| s.starts_with("Sinds de ") && s.ends_with("Moskou snel op.")),
        "{sents:?}"
    );
    let kinds: Vec<&str> = doc.furniture.iter().map(|f| f.kind.as_str()).collect();
    for kind in ["url", "author", "caption", "credit", "dateline", "teaser"] {
        assert!(kinds.contains(&kind), "no {kind} furniture in {kinds:?}");
    }
}

#[test]
fn seed_002_pdf_extraction() {
    let Some(shared) = shared_dir() else { return };
    let doc = seed(&shared, "002_");
    assert!(
        doc.text
            .contains("staakt-het-vuren en het begin van besprekingen")
    );
    assert!(doc.text.contains("Nagorno-Karabach"));
    assert!(!doc.text.contains("Nagorno- "));
    assert!(doc.text.contains("oplossing"));
    for s in sentences(&doc) {
        assert!(
            !matches!(
                s.trim_end_matches(char::is_numeric),
                "" | "1." | "2." | "3."
            ),
            "list marker alone: {s}"
        );
        assert!(!s.contains('\n'), "sentence crosses a paragraph: {s}");
    }
}

#[test]
fn seeds_with_a_date_header() {
    let Some(shared) = shared_dir() else { return };
    for (prefix, date) in [
        ("001_", "2023-10"),
        ("003_", "2020-10"),
        ("004_", "2022-03"),
    ] {
        let doc = seed(&shared, prefix);
        assert_eq!(
            doc.meta.get("header_date").map(String::as_str),
            Some(date),
            "{prefix}"
        );
        assert!(
            !doc.text.starts_with("date"),
            "{prefix}: {}",
            &doc.text[..20.min(doc.text.len())]
        );
        assert!(doc.furniture.iter().any(|f| f.kind == "header"), "{prefix}");
    }
}

#[test]
fn every_sentence_is_finished_unless_it_is_a_title_or_subhead() {
    let Some(shared) = shared_dir() else { return };
    for prefix in ["000_", "001_", "002_", "003_", "004_"] {
        let doc = seed(&shared, prefix);
        assert_eq!(
            doc.language.as_ref().map(|l| l.code.as_str()),
            Some("nl"),
            "{prefix}"
        );
        for (i, s) in sentences(&doc).iter().enumerate() {
            assert!(
                ends_with_final_punctuation(s) || is_title_or_subhead(&doc, i),
                "{prefix}: unfinished sentence: {s}"
            );
        }
    }
}

#[test]
fn spans_map_back_to_the_original() {
    let Some(shared) = shared_dir() else { return };
    for prefix in ["000_", "001_", "002_", "003_", "004_"] {
        let doc = seed(&shared, prefix);
        for token in &doc.tokens {
            let text = token.text(&doc.text);
            let raw = doc.offsets.span_to_raw(token.span).slice(&doc.raw);
            // A token joined across a line break (`staakt-` + `het-vuren`) maps to a longer raw span.
            let compact: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(
                compact == text || compact.replace("-", "") == text.replace("-", ""),
                "{prefix}: {text:?} <- {raw:?}"
            );
        }
    }
}

/// Every event hint in the gold sample lies inside one sentence: the
/// splitter never cuts an event sentence in two or drops it as furniture.
/// (Reads the hints at run time; no gold text is copied here.)
#[test]
fn gold_event_hints_lie_within_one_sentence() {
    let Some(shared) = shared_dir() else { return };
    let gold_path = shared.join("gold/seed-events.tsv");
    let gold = std::fs::read_to_string(&gold_path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", gold_path.display()));
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let mut checked = 0;
    for row in gold.lines().filter(|l| !l.starts_with('#')) {
        let mut fields = row.split('\t');
        let (Some(doc_id), Some(hint)) = (fields.next(), fields.next()) else {
            continue;
        };
        let doc = seed(&shared, &format!("{doc_id}_"));
        let hint = squeeze(hint);
        let found = sentences(&doc).iter().any(|s| squeeze(s).contains(&hint));
        let excepted = doc
            .furniture
            .iter()
            .any(|f| squeeze(&f.text).contains(&hint));
        assert!(
            found || excepted,
            "{doc_id}: no sentence holds the hint {hint}"
        );
        checked += 1;
    }
    assert!(checked > 0, "no gold rows in {}", gold_path.display());
}

/// Windows line ends and no-break spaces change nothing in the result.
#[test]
fn line_end_and_space_variants_clean_alike() {
    let Some(shared) = shared_dir() else { return };
    for prefix in ["000_", "002_"] {
        let doc = seed(&shared, prefix);
        let variant = doc.raw.replace('\n', "\r\n").replace(' ', "\u{a0}");
        assert_eq!(
            kroniek_text::clean(&variant).text,
            doc.text.replace(' ', "\u{a0}").replace('\u{a0}', " "),
            "{prefix}"
        );
    }
}
