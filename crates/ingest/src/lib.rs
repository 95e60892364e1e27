//! Reads article files (txt, md, html, jsonl) from disk, detects encodings and turns them into raw Documents.
#![forbid(unsafe_code)]
