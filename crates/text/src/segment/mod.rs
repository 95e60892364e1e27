//! Sentence splitting and tokenisation of cleaned text.

mod sentences;
mod tokenize;

use kroniek_model::{Sentence, Token};

/// Splits `text` into sentences and tokens. Spans are byte ranges into
/// `text`; tokens cover every non-space character without overlap, and
/// every sentence covers a non-empty run of tokens. A blank line (`"\n\n"`)
/// always ends a sentence.
pub fn segment(text: &str) -> (Vec<Sentence>, Vec<Token>) {
    let (tokens, infos) = tokenize::tokenize(text);
    let sentences = sentences::split(text, &tokens, &infos);
    (sentences, tokens)
}
