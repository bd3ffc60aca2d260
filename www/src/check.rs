//! `www check`: validating dataset files strictly, the way a municipality checks its file before
//! publishing it.

use std::fmt;
use std::path::{Path, PathBuf};

/// The outcome of checking one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileCheck {
    /// The file that was checked.
    pub path: PathBuf,
    /// Every problem found, errors and warnings, each as "path: message" in document order.
    pub problems: Vec<String>,
    /// How many of the problems are errors; warnings alone do not fail a check.
    pub errors: usize,
}

impl FileCheck {
    /// Whether the file is a valid dataset (it may still have warnings).
    pub fn is_ok(&self) -> bool {
        self.errors == 0
    }
}

impl fmt::Display for FileCheck {
    /// One line per problem, each prefixed by the file name, then an OK line if there is no error.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.path.display();
        for problem in &self.problems {
            writeln!(f, "{name}: {problem}")?;
        }
        if self.is_ok() {
            writeln!(f, "{name}: OK")?;
        }
        Ok(())
    }
}

/// Reads and strictly validates one dataset file.
pub fn check_file(path: &Path) -> FileCheck {
    match std::fs::read(path) {
        Err(error) => {
            FileCheck { path: path.to_path_buf(), problems: vec![format!("cannot read the file: {error}")], errors: 1 }
        }
        Ok(json) => {
            let (problems, errors) = check_json(&json);
            FileCheck { path: path.to_path_buf(), problems, errors }
        }
    }
}

/// Strictly validates a dataset: every problem as a "path: message" line, and how many are errors.
///
/// This is the check behind [`verschilmaker::Dataset::from_json_bytes_strict`] (which fails
/// exactly when there is an error), through [`verschilmaker::check_bytes`] so that warnings are
/// reported too, and a file that is not UTF-8 gets the line and column of its first bad byte.
pub fn check_json(json: impl AsRef<[u8]>) -> (Vec<String>, usize) {
    let problems = verschilmaker::check_bytes(json.as_ref());
    let errors = problems.iter().filter(|p| p.is_error()).count();
    (problems.iter().map(|p| p.to_string()).collect(), errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(json: &str) -> (Vec<String>, usize) {
        check_json(json)
    }

    #[test]
    fn agrees_with_from_json_strict() {
        let valid = r#"{"schema": "verschilmaker/1", "municipality": {"name": "X", "languages": ["nl"]}}"#;
        for json in [valid, "{", "[]", r#"{"schema": "verschilmaker/1"}"#] {
            let (_, errors) = check(json);
            assert_eq!(errors == 0, verschilmaker::Dataset::from_json_strict(json).is_ok(), "{json}");
        }
    }

    #[test]
    fn reports_syntax_errors_with_line_and_column() {
        let (problems, errors) = check("{\n  \"schema\": }");
        assert_eq!(errors, 1);
        assert!(problems[0].starts_with("line 2, column"), "{problems:?}");
    }
}
