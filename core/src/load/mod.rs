//! Loading a dataset from JSON: strictly (every problem is an error) or leniently (defective records are skipped).
//!
//! Both modes report every problem at once, each with the JSON path of the place it is
//! about, in the notation `initiatives[3].needs[0].amount: must be ≥ 0`.

pub(crate) mod decode;
mod document;
mod parse;
mod references;
mod values;

use std::fmt;

/// The loader's tables, keyed by ids: hashed with search's FxHash rather than the standard
/// library's SipHash, so that the first download carries one hasher and one instantiation of the
/// table code per key type, shared with search and coverage (docs/bundle-size.md). A data file
/// is the municipality's own, so the flooding that SipHash's random keys guard against does not
/// apply; `www check` of a hostile file costs it time at worst, never memory.
pub(crate) type Map<K, V> = std::collections::HashMap<K, V, crate::search::FxBuild>;

/// An empty [`Map`] with room for `capacity` entries.
pub(crate) fn map_with_capacity<K, V>(capacity: usize) -> Map<K, V> {
    Map::with_capacity_and_hasher(capacity, Default::default())
}

/// Up to how many needs or offers of one record are scanned for an id rather than looked up in
/// a table of their own: a table for each of tens of thousands of records with a few needs each
/// cost more to build than all the lookups in them. A record with more still gets a table, so
/// that a hostile file costs time in proportion to its size, not its square.
pub(crate) const SCANNED: usize = 8;

use crate::model::Dataset;

pub use values::escape_for_display;

/// How serious a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Severity {
    /// The dataset is wrong here: the strict check rejects it, the lenient load skips the record.
    Error,
    /// Worth fixing, but the data can be used as it is.
    Warning,
}

/// One problem in a dataset, with the place it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Problem {
    /// The JSON path, such as `initiatives[3].needs[0].amount`; empty for the document itself.
    pub path: String,
    /// What is wrong, lowercase, without a trailing period.
    pub message: String,
    /// Error or warning.
    pub severity: Severity,
    /// For syntax errors: the 1-based line and column in the document.
    pub position: Option<(usize, usize)>,
}

impl Problem {
    pub(crate) fn error(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem { path: path.into(), message: message.into(), severity: Severity::Error, position: None }
    }

    pub(crate) fn warning(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem { path: path.into(), message: message.into(), severity: Severity::Warning, position: None }
    }

    /// Whether this is an error rather than a warning.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.severity == Severity::Warning {
            f.write_str("warning: ")?;
        }
        match (self.position, self.path.is_empty()) {
            (Some((line, column)), _) => write!(f, "line {line}, column {column}: {}", self.message),
            (None, true) => f.write_str(&self.message),
            (None, false) => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// Why a dataset could not be loaded: every error found, in document order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    problems: Vec<Problem>,
    /// Whether no dataset could be made at all, as opposed to one with defective records.
    document_level: bool,
}

impl LoadError {
    /// Every problem: all errors, and in a strict load also the warnings.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Whether the document as a whole is unusable (syntax, encoding, schema, a key repeated at
    /// the root, or the municipality), as opposed to defects in records.
    pub fn is_document_level(&self) -> bool {
        self.document_level
    }

    /// The error of a load that gave `dataset` (none: the document is unusable) and `problems`.
    fn new(dataset: Option<&Dataset>, problems: Vec<Problem>) -> LoadError {
        LoadError { problems, document_level: dataset.is_none() }
    }
}

/// How many problems a [`LoadError`]'s `Display` lists before it counts the rest.
const SHOWN_PROBLEMS: usize = 10;

/// A count line, then the first ten problems one per line, then how many more there are (all of
/// them are in [`LoadError::problems`]).
///
/// Why bounded? A broken export can have thousands of problems, and a message that is printed
/// to a terminal or a log should stay readable; a program that wants them all has `problems`.
impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self.problems.iter().filter(|problem| problem.is_error()).count();
        write!(f, "the dataset has {errors} error{}", if errors == 1 { "" } else { "s" })?;
        for problem in self.problems.iter().take(SHOWN_PROBLEMS) {
            write!(f, "\n{problem}")?;
        }
        let rest = self.problems.len().saturating_sub(SHOWN_PROBLEMS);
        if rest > 0 {
            write!(f, "\n… and {rest} more problem{}", if rest == 1 { "" } else { "s" })?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// A dataset loaded leniently, with the notices of what was skipped.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Lenient {
    /// The records that are sound.
    pub dataset: Dataset,
    /// Why records were skipped: each problem names the place in the document.
    pub skipped: Vec<Problem>,
    /// Problems that did not stop a record from being used.
    pub warnings: Vec<Problem>,
}

impl Dataset {
    /// Loads a dataset in which every problem is an error; warnings are dropped (see [`check`]).
    ///
    /// ```
    /// use verschilmaker::Dataset;
    /// let json = r#"{"schema": "verschilmaker/1",
    ///   "municipality": {"name": "Gemeente Voorbeeld", "languages": ["nl"]},
    ///   "initiatives": [{"id": "moestuin", "title": "Moestuin", "stage": "idea",
    ///                    "needs": [{"id": "geld", "kind": "funding", "amount": -5}]}]}"#;
    /// let error = Dataset::from_json_strict(json).unwrap_err();
    /// assert_eq!(error.problems()[0].to_string(), "initiatives[0].needs[0].amount: must be ≥ 0, not -5");
    /// ```
    pub fn from_json_strict(json: &str) -> Result<Dataset, LoadError> {
        strict(decode::load(json, decode::Mode::Strict))
    }

    /// [`Dataset::from_json_strict`] for the bytes of a file, which must be UTF-8 (a byte order
    /// mark is allowed). Otherwise the first problem gives the line and column of the first byte
    /// that is not, and says how to fix it; the others are those of the text read as
    /// Windows-1252, so that they can be fixed at the same time.
    ///
    /// ```
    /// use verschilmaker::Dataset;
    /// let bytes = b"{\"schema\": \"verschilmaker/1\",\n \"municipality\": {\"name\": \"Gemeente Caf\xe9\", \"languages\": [\"nl\"]}}";
    /// let error = Dataset::from_json_bytes_strict(bytes).unwrap_err();
    /// assert_eq!(
    ///     error.problems()[0].to_string(),
    ///     "line 2, column 40: the file is not UTF-8: the byte 0xE9 (\"é\" in Windows-1252) is not part of a \
    ///      UTF-8 character; save the file as UTF-8"
    /// );
    /// ```
    pub fn from_json_bytes_strict(bytes: &[u8]) -> Result<Dataset, LoadError> {
        strict(decode::load_bytes(bytes, decode::Mode::Strict))
    }

    /// Loads what can be used: a defective record is skipped (a bad need or offer drops just
    /// that need or offer), records pointing at skipped records are skipped too, and of two
    /// records with the same id the first is kept. Fails only when the document itself is
    /// unusable (syntax, schema version, root or municipality).
    ///
    /// ```
    /// use verschilmaker::Dataset;
    /// let json = r#"{"schema": "verschilmaker/1",
    ///   "municipality": {"name": "Gemeente Voorbeeld", "languages": ["nl"]},
    ///   "initiatives": [{"id": "a", "title": "Moestuin", "stage": "idea"},
    ///                   {"id": "b", "title": "Buurtfeest", "stage": "dancing"}]}"#;
    /// let loaded = Dataset::from_json_lenient(json).unwrap();
    /// assert_eq!(loaded.dataset.initiatives.len(), 1);
    /// assert_eq!(loaded.skipped[0].path, "initiatives[1].stage");
    /// ```
    pub fn from_json_lenient(json: &str) -> Result<Lenient, LoadError> {
        lenient(decode::load(json, decode::Mode::Lenient))
    }

    /// [`Dataset::from_json_lenient`] for the bytes of a file. Bytes that are not UTF-8 are read
    /// as Windows-1252 (what older Windows programs save), with a warning that gives the line and
    /// column of the first, so that no text shows the replacement character � without a word.
    ///
    /// ```
    /// use verschilmaker::Dataset;
    /// let bytes = b"{\"schema\": \"verschilmaker/1\", \"municipality\": {\"name\": \"Gemeente Caf\xe9\", \"languages\": [\"nl\"]}}";
    /// let loaded = Dataset::from_json_bytes_lenient(bytes).unwrap();
    /// assert_eq!(loaded.dataset.municipality.name, "Gemeente Café");
    /// assert!(loaded.warnings[0].message.starts_with("the file is not UTF-8"));
    /// ```
    pub fn from_json_bytes_lenient(bytes: &[u8]) -> Result<Lenient, LoadError> {
        lenient(decode::load_bytes(bytes, decode::Mode::Lenient))
    }
}

/// The strict answer to a load: the dataset when there is no error.
fn strict((dataset, problems): (Option<Dataset>, Vec<Problem>)) -> Result<Dataset, LoadError> {
    match dataset {
        Some(dataset) if !problems.iter().any(Problem::is_error) => Ok(dataset),
        dataset => Err(LoadError::new(dataset.as_ref(), problems)),
    }
}

/// The lenient answer to a load: the dataset with the notices, unless the document is unusable.
fn lenient((dataset, problems): (Option<Dataset>, Vec<Problem>)) -> Result<Lenient, LoadError> {
    let Some(dataset) = dataset else {
        return Err(LoadError::new(None, problems));
    };
    let (warnings, skipped) = problems.into_iter().partition(|problem| problem.severity == Severity::Warning);
    Ok(Lenient { dataset, skipped, warnings })
}

/// Deserialises a dataset through the strict loader: with serde_json,
/// `serde_json::from_str::<Dataset>(json)` is the same as [`Dataset::from_json_strict`], with
/// the problems joined into the error message.
impl<'de> serde::Deserialize<'de> for Dataset {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Dataset, D::Error> {
        let (value, duplicates) = parse::parse_from(deserializer)?;
        let (dataset, problems) = decode::load_parsed(&value, duplicates, true, decode::Mode::Strict);
        match dataset {
            Some(dataset) if !problems.iter().any(Problem::is_error) => Ok(dataset),
            dataset => Err(serde::de::Error::custom(LoadError::new(dataset.as_ref(), problems))),
        }
    }
}

/// Checks a dataset strictly and returns every problem, errors and warnings, in document order.
///
/// An empty list means the dataset is ready to publish.
pub fn check(json: &str) -> Vec<Problem> {
    decode::load(json, decode::Mode::Strict).1
}

/// [`check`] for the bytes of a file: as [`Dataset::from_json_bytes_strict`], bytes that are not
/// UTF-8 are an error with their line and column, and the rest is checked as well.
pub fn check_bytes(bytes: &[u8]) -> Vec<Problem> {
    decode::load_bytes(bytes, decode::Mode::Strict).1
}

#[cfg(test)]
mod tests;
