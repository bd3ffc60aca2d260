//! Spreadsheet files as the workbench's import gets them (names and bytes, with or without the
//! loaded dataset as a base), through `exchange::import_sheets`; see `check_import`.
//!
//! The input is text that names each file on a line of its own: `== initiatieven.csv`, then the
//! file's bytes up to the next such line. A first line `+base` imports onto a small base. This
//! keeps the seeds (exported sheets) readable, and lets mutations reach past the header row.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (with_base, sheets) = verschilmaker_fuzz::sheets_of(data);
    verschilmaker_fuzz::check_import(with_base, &sheets);
});
