//! Document dates and Dutch/English temporal expressions normalised to calendar values. Pure: no I/O, no clock.
#![forbid(unsafe_code)]
