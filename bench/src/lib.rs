//! Core functions exported to wasm32 for timing under Node (see README.md).
