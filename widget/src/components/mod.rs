//! The widget's components, from the root `App` down to one initiative card.

mod app;
mod failure;
mod initiative_card;
mod overview;
mod skipped_notice;

pub use app::{App, AppProps};
pub use failure::Failure;
pub use initiative_card::InitiativeCardView;
pub use overview::OverviewView;
pub use skipped_notice::SkippedNotice;
