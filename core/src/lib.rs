//! Verschilmaker's core: the model of citizen initiatives and the partners who can make them
//! happen, the dataset format with its validation, matching, search and insights.
//!
//! A municipality publishes one JSON dataset (format `verschilmaker/1`); this crate parses and
//! checks it, reporting every problem with its JSON path, and then answers questions about it.
//! It does no I/O and never panics on any input, so it runs the same natively and as WebAssembly.
//!
//! ```
//! use verschilmaker::Dataset;
//!
//! let json = r#"{
//!   "schema": "verschilmaker/1",
//!   "municipality": {"name": "Gemeente Voorbeeld", "languages": ["nl", "en"]},
//!   "themes": [{"id": "groen", "name": {"nl": "Groen", "en": "Green"}}],
//!   "initiatives": [{"id": "moestuin", "title": "Buurtmoestuin", "stage": "idea",
//!                    "themes": ["groen"],
//!                    "needs": [{"id": "handen", "kind": "volunteers", "amount": 60}]}]
//! }"#;
//! let dataset = Dataset::from_json_strict(json)?;
//! let need = &dataset.initiatives[0].needs[0];
//! assert_eq!(need.unit.as_str(), "hours", "volunteers are counted in hours by default");
//! # Ok::<(), verschilmaker::LoadError>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[cfg(feature = "serde")]
pub mod areas;
mod checks;
mod coverage;
mod date;
#[cfg(feature = "serde")]
pub mod exchange;
pub mod flow;
mod ids;
pub mod insights;
#[cfg(feature = "serde")]
mod load;
pub mod matching;
mod model;
mod names;
pub mod search;
#[cfg(feature = "serde")]
pub mod submission;
#[cfg(feature = "synth")]
pub mod synth;
mod text;
mod trig;

pub use checks::{is_email, parse_amount, pc4, record_id};
/// The hasher of core's tables keyed by ids (FxHash), for the widget's own such tables, so that
/// the wasm carries one hasher. Not part of the API.
#[doc(hidden)]
pub type IdHasher = std::hash::BuildHasherDefault<verschilmaker_index_build::FxHasher>;
pub use coverage::{NeedCoverage, need_coverage};
pub use date::{Date, DateValue, Period};
pub use ids::{AreaId, CommitmentId, EditionId, InitiativeId, NeedId, OfferId, PartnerId, RuleId, SkillId, ThemeId};
#[cfg(feature = "serde")]
pub use load::{Lenient, LoadError, Problem, Severity, check, check_bytes, escape_for_display};
pub use model::{
    Area, Boundary, Commitment, CommitmentStatus, Condition, Contact, Coverage, Dataset, Daypart, Edition, Initiative,
    Initiator, Kind, LatLon, Link, Location, MatchingWeights, Municipality, Need, Offer, Partner, Per, Policy, Ring,
    Rule, SCHEMA, Sector, Skill, Stage, Theme, Unit, Weekday,
};
pub use names::ParseError;
pub use text::{Lang, Text};

/// The README's example, compiled and run with the doc tests, so that what crates.io shows
/// keeps working.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
