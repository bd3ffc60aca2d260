//! The widget's components, from the root `App` to the discover view, the area map, the
//! initiative page, the forms to start an initiative or offer help, and the facilitator's
//! workbench with the pitch agenda.

mod app;
pub mod common;
mod desk;
mod detail;
mod discover;
pub mod facilitate;
mod failure;
mod forms;
mod lazy;
mod map;
mod skipped_notice;

pub use app::{App, AppProps};
pub use desk::{Desk, DeskAction, Saving};
pub use detail::{Detail, DetailProps, Matches, matches, reason_text};
pub use discover::{Discover, DiscoverProps, card};
pub use facilitate::Agenda;
#[cfg(feature = "workbench")]
pub use facilitate::Facilitate;
pub use failure::failure;
pub use forms::{Forms, FormsProps};
pub use lazy::{Later, LaterProps, LaterView, fetch_early};
pub use map::{AreaMap, AreaMapProps};
pub use skipped_notice::skipped_notice;
#[cfg(test)]
mod render_tests;
