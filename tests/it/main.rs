//! The one integration test binary; each module is one area.

mod browser;
mod bundles;
mod csp;
mod demo;
mod discover;
mod e2e;
mod facilitate;
mod format;
mod forms;
mod host_pages;
mod host_styles;
mod hostile_data;
mod hostile_page;
mod hostile_storage;
mod injection;
mod js_core;
mod keyboard;
mod morph;
mod package;
mod privacy;
mod reach;
mod split;
mod tokens;
mod www_check;
