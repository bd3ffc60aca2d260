//! The facilitator's workbench (`view="facilitate"`): a dashboard, the allocation round,
//! commitments, the data workbench and the pitch agenda, as tabs over one working copy of the
//! dataset that is kept in the browser's storage.
//!
//! Nothing leaves the browser, so there is no login: the working copy lives in `localStorage`
//! (see [`working`]) and goes out only as files the facilitator downloads.

//!
//! The agenda (with [`io`], which it needs) is also the residents' `view="agenda"`, so it is in
//! both bundles; everything else here is compiled only with the widget's `workbench` feature,
//! which the resident bundle leaves out (see docs/bundle-size.md).

mod agenda;
#[cfg(feature = "workbench")]
mod areas;
#[cfg(feature = "workbench")]
mod charts;
#[cfg(feature = "workbench")]
mod commitments;
#[cfg(feature = "workbench")]
mod dashboard;
pub mod io;
#[cfg(all(test, feature = "workbench"))]
mod render_tests;
#[cfg(feature = "workbench")]
mod round;
#[cfg(feature = "workbench")]
mod shell;
#[cfg(feature = "workbench")]
mod workbench;
#[cfg(feature = "workbench")]
mod workbook;
#[cfg(feature = "workbench")]
pub mod working;

pub use agenda::{Agenda, AgendaProps};
#[cfg(feature = "workbench")]
pub use areas::{AreaImport, AreaImportProps};
#[cfg(feature = "workbench")]
pub use commitments::{Commitments, CommitmentsProps};
#[cfg(feature = "workbench")]
pub use dashboard::{Dashboard, DashboardProps};
#[cfg(feature = "workbench")]
pub use round::{Round, RoundProps};
#[cfg(feature = "workbench")]
pub use shell::{Bench, BenchAction, Change, Facilitate, FacilitateProps, Tab, Unreadable};
#[cfg(feature = "workbench")]
pub use workbench::{Workbench, WorkbenchProps};
