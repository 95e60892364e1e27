//! Named-entity recogniser (PER/ORG/LOC/MISC) for Dutch with gazetteer
//! features, training and CoNLL evaluation. Pure: no I/O.
//!
//! The recogniser is a structured averaged perceptron with Viterbi decoding
//! over IOB2 tags. Its features are the word and its neighbours, affixes,
//! shapes, capitalisation (also how the word is capitalised mid-sentence in
//! unlabelled text), word classes learnt from unlabelled text, name lists
//! (the one passed by the caller and one learnt from the training entities),
//! and document-level evidence (the same word elsewhere in the article).
#![forbid(unsafe_code)]

mod conll;
mod eval;
mod features;
mod gazetteer;
mod hash;
mod lexicon;
mod model;
mod tags;
mod train;
mod weights;

pub use conll::ParseError;
pub use eval::{NerScores, TypeScore, evaluate, format_conlleval};
pub use gazetteer::Gazetteer;
pub use model::{ModelError, NerModel};
pub use train::{TrainError, TrainOptions, train};
