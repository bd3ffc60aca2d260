//! The one integration test binary; each module is one area.

mod browser;
mod bundles;
mod discover;
mod e2e;
mod facilitate;
mod forms;
mod hostile_data;
mod www_check;
