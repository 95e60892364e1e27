//! PLOVER event coder: lexicon, argument roles from the dependency parse, negation, modality, dates. Pure: no I/O.
#![forbid(unsafe_code)]
