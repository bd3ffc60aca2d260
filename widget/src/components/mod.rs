//! The widget's views: the overview (discover view and area map) as markup for the residents'
//! shell, the initiative page and the forms to start an initiative or offer help as yew views of
//! the second module, and the facilitator's workbench with its root `App` and the pitch agenda.

#[cfg(feature = "workbench")]
mod app;
pub mod common;
mod desk;
mod detail;
pub mod discover;
pub mod facilitate;
mod failure;
mod forms;
pub mod later;
pub mod map;

#[cfg(feature = "workbench")]
pub use app::{App, AppProps};
pub use desk::{Desk, DeskAction, Saving};
pub use detail::{Detail, DetailProps, Matches, REASONS_SHOWN, matches, reason_text};
pub use facilitate::Agenda;
#[cfg(feature = "workbench")]
pub use facilitate::Facilitate;
pub use failure::failure_markup;
pub use forms::{Forms, FormsProps};
pub use map::{AreaMap, AreaMapProps};
#[cfg(test)]
mod render_tests;
