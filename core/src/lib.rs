//! Verschilmaker's core: the model of citizen initiatives and partners, the dataset format, validation, matching and search.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod flow;
