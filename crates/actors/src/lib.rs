//! Actor registry (states, organisations, people, sectors) and mention linking. Pure: data arrives as strings.
#![forbid(unsafe_code)]
