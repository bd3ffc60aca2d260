//! Loading a dataset from JSON: strictly (every problem is an error) or leniently (defective records are skipped).
//!
//! Both modes report every problem at once, each with the JSON path of the place it is
//! about, in the notation `initiatives[3].needs[0].amount: must be ≥ 0`.

pub(crate) mod decode;
mod references;
mod values;

use std::fmt;

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
}

impl LoadError {
    /// Every problem: all errors, and in a strict load also the warnings.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Whether the document as a whole is unusable (syntax, schema, root or municipality), as
    /// opposed to defects in records.
    pub fn is_document_level(&self) -> bool {
        self.problems.iter().any(|problem| {
            problem.is_error()
                && (problem.path.is_empty() || problem.path == "schema" || problem.path.starts_with("municipality"))
        })
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
        let (dataset, problems) = decode::load(json, decode::Mode::Strict);
        match dataset {
            Some(dataset) if !problems.iter().any(Problem::is_error) => Ok(dataset),
            _ => Err(LoadError { problems }),
        }
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
        let (dataset, problems) = decode::load(json, decode::Mode::Lenient);
        let Some(dataset) = dataset else {
            return Err(LoadError { problems });
        };
        let (warnings, skipped) = problems.into_iter().partition(|problem| problem.severity == Severity::Warning);
        Ok(Lenient { dataset, skipped, warnings })
    }
}

/// Deserialises a dataset through the strict loader: with serde_json,
/// `serde_json::from_str::<Dataset>(json)` is the same as [`Dataset::from_json_strict`], with
/// the problems joined into the error message.
impl<'de> serde::Deserialize<'de> for Dataset {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Dataset, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        let (dataset, problems) = decode::load_value(&value, decode::Mode::Strict);
        match dataset {
            Some(dataset) if !problems.iter().any(Problem::is_error) => Ok(dataset),
            _ => Err(serde::de::Error::custom(LoadError { problems })),
        }
    }
}

/// Checks a dataset strictly and returns every problem, errors and warnings, in document order.
///
/// An empty list means the dataset is ready to publish.
pub fn check(json: &str) -> Vec<Problem> {
    decode::load(json, decode::Mode::Strict).1
}

#[cfg(test)]
mod tests;
