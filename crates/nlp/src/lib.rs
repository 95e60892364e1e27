//! Dutch part-of-speech tagger, lemmatiser and dependency parser (averaged perceptron), with training and evaluation. Pure: no I/O.
#![forbid(unsafe_code)]
