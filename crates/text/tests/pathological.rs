//! Degenerate inputs that once could exhaust the stack or scan a run of
//! characters over and over: they must simply go through.

const SIZE: usize = 300_000;

fn run(raw: &str) {
    let cleaned = kroniek_text::clean(raw);
    let (sentences, tokens) = kroniek_text::segment(&cleaned.text);
    assert!(sentences.len() <= tokens.len());
}

#[test]
fn long_runs_of_quotes_after_a_period() {
    run(&format!("Einde.{}", " ‘".repeat(SIZE / 4)));
    run(&format!("Einde. {}x", "\"".repeat(SIZE)));
}

#[test]
fn long_chunks_without_spaces() {
    run(&"a.".repeat(SIZE / 2));
    run(&format!("https://x.nl/{}", ")".repeat(SIZE)));
    run(&format!("jan@{}", ".x".repeat(SIZE / 2)));
    run(&"-\n".repeat(SIZE / 2));
    run(&"\u{301}".repeat(SIZE / 2));
}

#[test]
fn one_huge_line_and_many_tiny_ones() {
    run(&"woord ".repeat(SIZE / 6));
    run(&"x\n\n".repeat(SIZE / 3));
}
