//! Shows where the tokeniser and splitter disagree with a CoNLL-U file:
//! `cargo run -p kroniek-text --example ud_diff -- FILE.conllu`.
fn main() -> std::io::Result<()> {
    let path = std::env::args().nth(1).unwrap_or_default();
    let conllu = std::fs::read_to_string(path)?;
    let mut joined = String::new();
    let mut gold_ends = Vec::new();
    for block in conllu.split("\n\n") {
        let text = block.lines().find_map(|l| l.strip_prefix("# text = "));
        let forms: Vec<&str> = block
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .filter(|(id, _)| id.bytes().all(|b| b.is_ascii_digit()))
            .map(|(_, rest)| rest.split('\t').next().unwrap_or(""))
            .collect();
        let Some(text) = text else { continue };
        let (sentences, tokens) = kroniek_text::segment(text);
        let got: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
        if got != forms {
            let gold_only: Vec<&&str> = forms.iter().filter(|f| !got.contains(f)).collect();
            let ours_only: Vec<&&str> = got.iter().filter(|f| !forms.contains(f)).collect();
            println!("TOK gold {gold_only:?} ours {ours_only:?}");
        }
        if sentences.len() > 1 {
            let parts: Vec<&str> = sentences.iter().map(|s| s.span.slice(text)).collect();
            println!("SPLIT {parts:?}");
        }
        joined.push_str(text);
        joined.push(' ');
        gold_ends.push(joined.len() - 1);
    }
    let (sentences, _) = kroniek_text::segment(&joined);
    let ends: Vec<usize> = sentences.iter().map(|s| s.span.end as usize).collect();
    for &e in &gold_ends {
        if !ends.contains(&e) {
            let from = joined.floor_char_boundary(e.saturating_sub(50));
            let to = joined.floor_char_boundary((e + 30).min(joined.len()));
            println!("MISSED {:?} | {:?}", &joined[from..e], &joined[e..to]);
        }
    }
    Ok(())
}
