//! Builds the Verschilmaker widget bundle, assembles the demo municipal site, serves it, and
//! checks dataset files.
//!
//! The `www` binary is a thin command line over this library; the end-to-end tests call the same
//! functions to build the site once and serve it on a free port.
//!
//! ```no_run
//! let report = www::build_site(&www::BuildOptions::new())?;
//! println!("{report}");
//! let server = www::serve(www::ServeOptions {
//!     root: report.site_dir,
//!     mounts: Vec::new(),
//!     addr: "127.0.0.1:0".parse().unwrap(),
//!     inbox: None,
//!     gzip: true,
//! })?;
//! println!("serving on {}", server.url());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod build;
mod check;
mod core_js;
mod hashing;
mod names;
mod package;
mod serve;
mod sizes;
mod split;

use std::fmt;
use std::path::Path;

pub use build::{
    APP_NAME, BUNDLE_DIR, BUNDLES, BuildOptions, BuildReport, Bundle, BundleReport, DEMO_DATA, DEMO_DATA_URL_PATH,
    LATER_STYLES, LOADER, WORKBENCH_NAME, WasmOpt, WasmOptOutcome, budget_line, build_site, measure_bundles,
    target_dir, workspace_root,
};
pub use check::{FileCheck, check_file, check_json};
pub use core_js::{CORE_DIR, CORE_NAME, CheckTiming, CoreModuleReport, bench_check, build_core_module};
pub use hashing::{find as find_bundle_file, is_hashed, unhashed};
pub use package::{PACKAGE_NAME, PackageReport, VERSION, package};
pub use serve::{CSP, IMMUTABLE, Inbox, ServeOptions, Server, cache_control, content_type, serve};
pub use sizes::{BUNDLE_BUDGET_GZIP, BundleSizes, FileSize};

/// Why a build failed: a message that names the step and the file.
#[derive(Debug)]
pub struct Error {
    message: String,
}

impl Error {
    fn new(message: String) -> Error {
        Error { message }
    }

    fn io(path: &Path, error: std::io::Error) -> Error {
        Error::new(format!("{}: {error}", path.display()))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
