//! Runs the pure stages in order over one Document: text -> nlp -> ner -> time -> actors -> coder.
#![forbid(unsafe_code)]
