//! Discovery: full-text search with facets over initiatives and partners.

mod inverted;
mod text;

pub use inverted::MatchKind;
pub use text::{StemLanguage, fold, for_each_token, stem, tokens};
