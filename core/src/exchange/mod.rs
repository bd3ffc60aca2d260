//! Exchanging the dataset with other tools: spreadsheets (CSV as Dutch Excel reads and writes
//! it) in both directions, and exports to publishable JSON, iCalendar and schema.org JSON-LD.
//!
//! A facilitator keeps the data in Excel, one sheet per collection: `initiatieven.csv`,
//! `behoeften.csv`, `partners.csv`, `aanbod.csv` and so on (the columns are listed in
//! `docs/dataset-format.md`). [`import_sheets`] reads such files, whatever the browser gives
//! (file name and bytes): `;`, `,` or tab separated, decimal comma, UTF-8 with or without BOM,
//! or Windows-1252. It assembles them into a document of the dataset format and checks that
//! with the same strict loader as a JSON file, so the rules are the same; every problem is
//! reported at once with its file, row and column. [`export_sheets`] writes the same columns.
//! The spreadsheets need the feature `sheets` (not a default one), which reads and writes the
//! CSV with the `csv` crate; the other formats need only `serde`.
//!
//! ```
//! # #[cfg(feature = "sheets")] {
//! use verschilmaker::exchange::{Sheet, export_sheets, import_sheets};
//!
//! let sheet = |name: &str, text: &str| Sheet { name: name.into(), bytes: text.as_bytes().to_vec() };
//! let sheets = [
//!     sheet("gemeente.csv", "naam;talen\r\nGemeente Voorbeeld;nl\r\n"),
//!     sheet("initiatieven.csv", "id;titel;fase\r\nmoestuin;Buurtmoestuin;idee\r\n"),
//!     sheet("behoeften.csv", "initiatief;id;soort;hoeveelheid\r\nmoestuin;geld;geld;1.234,50\r\n"),
//! ];
//! let import = import_sheets(None, &sheets);
//! let dataset = import.dataset.expect("no problems");
//! assert_eq!(dataset.initiatives[0].needs[0].amount, Some(1234.5));
//!
//! // A bad cell is reported with its file, row and column.
//! let bad = [sheets[0].clone(), sheet("initiatieven.csv", "id;titel;fase\r\nmoestuin;Moestuin;dansen\r\n")];
//! let import = import_sheets(None, &bad);
//! assert!(import.dataset.is_none());
//! assert!(import.problems[0].to_string().starts_with("initiatieven.csv, row 2, column fase: \"dansen\" is not one of"));
//!
//! // What is exported reads back as the same dataset.
//! let again = import_sheets(None, &export_sheets(&dataset));
//! assert_eq!(again.dataset.as_ref(), Some(&dataset));
//! # }
//! ```
// Without `sheets` the links to the spreadsheet functions above lead nowhere; they are the
// module's main subject, so the text keeps them.
#![cfg_attr(not(feature = "sheets"), allow(rustdoc::broken_intra_doc_links))]

mod calendar;
// The spreadsheets, with the `csv` crate: the feature `sheets` (see `core/Cargo.toml`).
#[cfg(feature = "sheets")]
mod cells;
#[cfg(feature = "sheets")]
mod csv;
pub(crate) mod encoding;
#[cfg(feature = "sheets")]
mod export;
#[cfg(feature = "sheets")]
mod import;
mod json;
mod linked_data;
#[cfg(feature = "sheets")]
mod sheets;
mod submissions;
// Most of them import or export sheets.
#[cfg(all(test, feature = "sheets"))]
mod tests;
#[cfg(all(test, feature = "xlsx"))]
mod workbook_tests;
#[cfg(feature = "xlsx")]
mod xlsx;

use std::fmt;

pub use calendar::{CalendarConfig, export_icalendar};
// The widget's way to write JSON without serde's serializer (see `json.rs`); not part of the
// API, which offers `export_json` and the submission's own writers.
#[doc(hidden)]
pub use json::json_text;
pub(crate) use json::json_text_pretty;
pub use linked_data::{JsonLdConfig, export_json_ld};
#[cfg(feature = "xlsx")]
pub use xlsx::{EXPLANATION_SHEET, WorkbookConfig, WorkbookError};

use crate::load::Severity;
use crate::model::Dataset;

/// A spreadsheet file: its name (which says which collection it holds, such as
/// `initiatieven.csv`) and its bytes as read from disk or from the browser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sheet {
    /// The file name; a folder in front of it and the extension `.csv`, `.txt` or `.tsv` are ignored.
    pub name: String,
    /// The raw contents.
    pub bytes: Vec<u8>,
}

/// The result of an import: the dataset when there were no errors, and every problem found.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Import {
    /// The dataset, when the sheets had no errors (warnings allowed).
    pub dataset: Option<Dataset>,
    /// Every problem, errors and warnings: first those found reading the files, then those of
    /// the dataset check.
    pub problems: Vec<ImportProblem>,
}

/// A problem found in an import, with the place it is about as precisely as is known.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ImportProblem {
    /// The file name, when the problem is in a file.
    pub file: Option<String>,
    /// The row as a spreadsheet numbers it: the column names are row 1.
    pub row: Option<usize>,
    /// The column, as the file's first row names it.
    pub column: Option<String>,
    /// The path in the dataset format, for problems the dataset check found, such as
    /// `initiatives[3].needs[0].amount`.
    pub path: Option<String>,
    /// What is wrong, lowercase, without a trailing period.
    pub message: String,
    /// Error or warning.
    pub severity: Severity,
}

impl ImportProblem {
    #[cfg(feature = "sheets")]
    fn from_path_problem(message: String, severity: Severity) -> ImportProblem {
        ImportProblem { file: None, row: None, column: None, path: None, message, severity }
    }

    /// Whether this is an error rather than a warning.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.severity == Severity::Warning {
            f.write_str("warning: ")?;
        }
        let mut place = Vec::new();
        if let Some(file) = &self.file {
            place.push(shown_name(file));
            if let Some(row) = self.row {
                place.push(format!("row {row}"));
            }
            if let Some(column) = &self.column {
                place.push(format!("column {}", shown_name(column)));
            }
            // A file without rows (a JSON submission): the place inside it.
            if let (None, None, Some(path)) = (self.row, &self.column, &self.path) {
                place.push(path.clone());
            }
        } else if let Some(path) = &self.path {
            place.push(path.clone());
        }
        if place.is_empty() { f.write_str(&self.message) } else { write!(f, "{}: {}", place.join(", "), self.message) }
    }
}

/// A file or column name as a problem shows it: as it is, or quoted with control and
/// bidirectional formatting characters made visible when it has any (see
/// [`escape_for_display`](crate::escape_for_display)), because both come from the user's files.
pub(crate) fn shown_name(name: &str) -> String {
    let escaped = crate::load::escape_for_display(name);
    // Nothing escaped or cut: the name itself between the quotes. (Comparing lengths is not
    // enough: an escape and a cut can add and take away the same number of bytes.)
    let unchanged = escaped.strip_prefix('"').and_then(|inner| inner.strip_suffix('"')) == Some(name);
    if unchanged { name.to_owned() } else { escaped }
}

/// Imports spreadsheets into a dataset.
///
/// Each file is one collection, recognised by its name (Dutch or English: `initiatieven.csv` or
/// `initiatives.csv`). A sheet that is given replaces that collection of `base`; collections
/// whose sheet is not given are kept from `base`. Needs, offers and links belong to their
/// initiative or partner by its id; when `initiatieven.csv` is given without `behoeften.csv`,
/// each initiative keeps the needs it has in `base`. Without a base, `gemeente.csv` is required.
///
/// The dataset is only returned when there is no error. Problems name the file, the row and
/// the column; those the dataset check finds also carry the path in the dataset format.
#[cfg(feature = "sheets")]
pub fn import_sheets(base: Option<&Dataset>, sheets: &[Sheet]) -> Import {
    import::import(base, sheets)
}

/// An import in steps, for a user interface that shows progress and lets the page breathe
/// between them: one step per file ([`ImportSteps::read_next`]), then [`ImportSteps::finish`]
/// assembles the document and checks it. The outcome is exactly that of [`import_sheets`].
///
/// ```
/// use verschilmaker::exchange::{ImportSteps, Sheet, import_sheets};
///
/// let sheet = |name: &str, text: &str| Sheet { name: name.into(), bytes: text.as_bytes().to_vec() };
/// let sheets = [
///     sheet("gemeente.csv", "naam;talen\r\nGemeente Voorbeeld;nl\r\n"),
///     sheet("initiatieven.csv", "id;titel;fase\r\nmoestuin;Buurtmoestuin;dansen\r\n"),
/// ];
/// let mut steps = ImportSteps::new(None, &sheets);
/// assert_eq!(steps.progress(), (0, 2));
/// while steps.read_next() {
///     // Show `steps.progress()` and yield to the event loop here.
/// }
/// assert_eq!(steps.progress(), (2, 2));
/// assert_eq!(steps.finish(), import_sheets(None, &sheets));
/// ```
#[cfg(feature = "sheets")]
pub struct ImportSteps<'a>(import::Steps<'a>);

#[cfg(feature = "sheets")]
impl<'a> ImportSteps<'a> {
    /// Starts an import of `sheets` over `base` (see [`import_sheets`] for what each sheet does).
    pub fn new(base: Option<&'a Dataset>, sheets: &'a [Sheet]) -> ImportSteps<'a> {
        ImportSteps(import::Steps::new(base, sheets))
    }

    /// Reads the next file; returns `false`, doing nothing, once every file has been read.
    pub fn read_next(&mut self) -> bool {
        self.0.read_next()
    }

    /// How many files have been read, and how many there are.
    pub fn progress(&self) -> (usize, usize) {
        self.0.progress()
    }

    /// Reads any files left, assembles the dataset and checks it.
    pub fn finish(self) -> Import {
        self.0.finish()
    }
}

#[cfg(feature = "sheets")]
impl fmt::Debug for ImportSteps<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (read, of) = self.progress();
        write!(f, "ImportSteps({read} of {of} files read)")
    }
}

/// Adds residents' submissions (the widget's outbox files) to a dataset as new initiatives.
///
/// Each file is JSON: an object with `initiative` (an initiative record of the dataset format)
/// or `initiatives` (a list of them), a bare initiative record, or a list of any of these; other
/// fields, such as the submitter's contact, are not part of the dataset and are left out. An
/// initiative without a `stage` is an `idea`. The whole dataset is then checked strictly; a
/// problem in a submission names its file and its place, such as
/// `aanmelding.json, initiative[0].needs[1].kind`. An id that is already taken is an error.
///
/// ```
/// use verschilmaker::Dataset;
/// use verschilmaker::exchange::{Sheet, add_submissions};
///
/// let base = Dataset::from_json_strict(r#"{"schema": "verschilmaker/1",
///     "municipality": {"name": "Gemeente Voorbeeld", "languages": ["nl"]}}"#)?;
/// let file = |text: &str| Sheet { name: "aanmelding.json".into(), bytes: text.as_bytes().to_vec() };
/// let added = add_submissions(&base, &[file(r#"{"initiative": {"id": "moestuin", "title": "Moestuin"},
///     "contact": {"email": "els@example.org"}}"#)]);
/// assert_eq!(added.dataset.unwrap().initiatives[0].stage, verschilmaker::Stage::Idea);
///
/// let bad = add_submissions(&base, &[file(r#"{"initiative": {"id": "x", "title": "X", "stage": "dansen"}}"#)]);
/// assert!(bad.dataset.is_none());
/// assert!(bad.problems[0].to_string().starts_with("aanmelding.json, initiative[0].stage: "));
/// # Ok::<(), verschilmaker::LoadError>(())
/// ```
pub fn add_submissions(base: &Dataset, files: &[Sheet]) -> Import {
    submissions::add(base, files)
}

/// Exports every collection as a CSV file for Excel, with the columns [`import_sheets`] reads:
/// `;` separated, decimal comma, UTF-8 with a byte order mark (so that Excel shows accents
/// right), CRLF line ends, and a `'` in front of a text that Excel would run as a formula.
/// Every sheet is written, also an empty one (then only its column names, as a template).
#[cfg(feature = "sheets")]
pub fn export_sheets(dataset: &Dataset) -> Vec<Sheet> {
    export::export(dataset)
}

/// Imports an Excel workbook (`.xlsx`, feature `xlsx`): one sheet per collection, named as the
/// CSV files are (`initiatieven`, `behoeften`, …), each read as [`import_sheets`] reads that
/// file, with the same rules and the same report. Numbers and dates may be typed cells, so
/// that no decimal comma or date format can garble them. The sheet `Uitleg` that
/// [`export_workbook`] writes is passed by; another sheet whose name is not a collection's is
/// left out with a warning. Problems name the sheet, the row and the column.
///
/// ```
/// use verschilmaker::Date;
/// use verschilmaker::exchange::{WorkbookConfig, export_workbook, import_workbook, workbook_template};
///
/// let config = WorkbookConfig::new(Date::new(2027, 1, 15).unwrap());
/// let template = workbook_template(&config);
/// let example = import_workbook(None, "sjabloon.xlsx", &template).dataset.expect("the template imports");
/// assert_eq!(example.initiatives.len(), 1);
///
/// let again = import_workbook(None, "gegevens.xlsx", &export_workbook(&example, &config)?);
/// assert_eq!(again.dataset.as_ref(), Some(&example));
/// # Ok::<(), verschilmaker::exchange::WorkbookError>(())
/// ```
#[cfg(feature = "xlsx")]
pub fn import_workbook(base: Option<&Dataset>, file_name: &str, bytes: &[u8]) -> Import {
    xlsx::import(base, file_name, bytes)
}

/// Exports the dataset as one Excel workbook (feature `xlsx`): first the sheet `Uitleg`, which
/// explains every column in Dutch with its English name beside it, then one sheet per
/// collection with the columns of [`export_sheets`]. Each sheet has its header row frozen,
/// columns as wide as their contents, numbers and dates as typed cells, and a list to choose
/// from in every enumerated column (kind, stage, sector, per, status, unit, yes/no).
///
/// Fails only when a cell is longer than Excel allows (32 767 characters: an outline of very
/// many positions); every such cell is named.
#[cfg(feature = "xlsx")]
pub fn export_workbook(dataset: &Dataset, config: &WorkbookConfig) -> Result<Vec<u8>, WorkbookError> {
    xlsx::export(dataset, config)
}

/// An empty template workbook (feature `xlsx`): the sheets of [`export_workbook`], each with one
/// example row, which imports as a small valid dataset.
#[cfg(feature = "xlsx")]
pub fn workbook_template(config: &WorkbookConfig) -> Vec<u8> {
    xlsx::template(config)
}

/// The dataset as pretty-printed JSON, ready to publish; it loads strictly as the same dataset.
///
/// ```
/// use verschilmaker::{Dataset, exchange::export_json};
/// let dataset = Dataset::from_json_strict(r#"{"schema": "verschilmaker/1",
///     "municipality": {"name": "Gemeente Voorbeeld", "languages": ["nl"]}}"#)?;
/// assert_eq!(Dataset::from_json_strict(&export_json(&dataset))?, dataset);
/// # Ok::<(), verschilmaker::LoadError>(())
/// ```
pub fn export_json(dataset: &Dataset) -> String {
    // Through a `Value`, which the workbench builds from the model anyway, and the hand-written
    // writer: serde's pretty serializer for the whole model was another copy of every
    // `Serialize` impl in the workbench bundle (see docs/bundle-size.md).
    let mut json = json_text_pretty(&serde_json::to_value(dataset).unwrap_or(serde_json::Value::Null));
    json.push('\n');
    json
}
