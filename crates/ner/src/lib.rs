//! Named-entity recogniser (PER/ORG/LOC/MISC) with gazetteer features, training and CoNLL evaluation. Pure: no I/O.
#![forbid(unsafe_code)]
