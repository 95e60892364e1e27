//! Agreement with the tokenisation and sentence division of UD Dutch
//! (Alpino newspaper dev set in ../shared). Prints the figures; asserts
//! floors well below them so regressions show.

use std::path::PathBuf;

struct UdSentence {
    /// `DOC.p.N`: the document and paragraph the sentence belongs to.
    paragraph: String,
    text: String,
    forms: Vec<String>,
}

fn load(name: &str) -> Option<Vec<UdSentence>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/ud-nl")
        .join(name);
    let Ok(conllu) = std::fs::read_to_string(&path) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "cannot read {}",
            path.display()
        );
        eprintln!("skipping: cannot read {}", path.display());
        return None;
    };
    let mut out = Vec::new();
    for block in conllu.split("\n\n") {
        let mut paragraph = String::new();
        let mut text = None;
        let mut forms = Vec::new();
        for line in block.lines() {
            if let Some(id) = line.strip_prefix("# sent_id = ") {
                paragraph = id.rsplit_once(".s.").map_or(id, |(p, _)| p).to_string();
            } else if let Some(t) = line.strip_prefix("# text = ") {
                text = Some(t.to_string());
            } else if let Some((id, rest)) = line.split_once('\t')
                && id.bytes().all(|b| b.is_ascii_digit())
            {
                forms.push(rest.split('\t').next().unwrap_or("").to_string());
            }
        }
        if let Some(text) = text {
            out.push(UdSentence {
                paragraph,
                text,
                forms,
            });
        }
    }
    Some(out)
}

/// Byte spans of `forms` found in order in `text`.
fn gold_spans(text: &str, forms: &[String]) -> Vec<(usize, usize)> {
    let mut cursor = 0;
    let mut spans = Vec::with_capacity(forms.len());
    for form in forms {
        if let Some(off) = text[cursor..].find(form.as_str()) {
            spans.push((cursor + off, cursor + off + form.len()));
            cursor += off + form.len();
        }
    }
    spans
}

fn f1(predicted: usize, gold: usize, correct: usize) -> (f64, f64, f64) {
    let p = correct as f64 / predicted.max(1) as f64;
    let r = correct as f64 / gold.max(1) as f64;
    (p, r, 2.0 * p * r / (p + r).max(f64::EPSILON))
}

#[test]
fn tokens_agree_with_ud_dutch() {
    let Some(sentences) = load("dev.conllu") else {
        return;
    };
    let (mut predicted, mut gold, mut correct, mut exact) = (0, 0, 0, 0);
    for s in &sentences {
        let expected = gold_spans(&s.text, &s.forms);
        let (_, tokens) = kroniek_text::segment(&s.text);
        let got: Vec<(usize, usize)> = tokens
            .iter()
            .map(|t| (t.span.start as usize, t.span.end as usize))
            .collect();
        predicted += got.len();
        gold += expected.len();
        correct += got
            .iter()
            .filter(|span| expected.binary_search(span).is_ok())
            .count();
        exact += usize::from(got == expected);
    }
    let (p, r, f) = f1(predicted, gold, correct);
    let exact_rate = exact as f64 / sentences.len() as f64;
    println!(
        "UD dev tokens: P {p:.4} R {r:.4} F1 {f:.4}; sentences tokenised exactly: {exact_rate:.4}"
    );
    assert!(f > 0.995, "token F1 {f:.4}");
}

#[test]
fn sentences_agree_with_ud_dutch() {
    let Some(sentences) = load("dev.conllu") else {
        return;
    };
    let mut text = String::new();
    let mut gold_ends = Vec::new();
    let mut previous_paragraph = "";
    for s in &sentences {
        if !text.is_empty() {
            text.push_str(if s.paragraph == previous_paragraph {
                " "
            } else {
                "\n\n"
            });
        }
        text.push_str(&s.text);
        gold_ends.push(text.len());
        previous_paragraph = &s.paragraph;
    }
    let (predicted, _) = kroniek_text::segment(&text);
    let ends: Vec<usize> = predicted.iter().map(|s| s.span.end as usize).collect();
    let correct = ends
        .iter()
        .filter(|e| gold_ends.binary_search(e).is_ok())
        .count();
    let (p, r, f) = f1(ends.len(), gold_ends.len(), correct);
    println!(
        "UD dev sentence ends: P {p:.4} R {r:.4} F1 {f:.4} ({} predicted, {} gold)",
        ends.len(),
        gold_ends.len()
    );
    assert!(f > 0.98, "sentence F1 {f:.4}");
}
