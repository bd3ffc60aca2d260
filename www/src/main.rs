//! Builds the widget bundle and serves the demo site.
fn main() {}
