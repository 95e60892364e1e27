//! Cleaning of extraction noise with an offset map, language identification, Dutch sentence splitting and tokenisation. Pure: no I/O.
#![forbid(unsafe_code)]
