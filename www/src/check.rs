//! `www check`: validating dataset files strictly, the way a municipality checks its file before
//! publishing it.

use std::fmt;
use std::path::{Path, PathBuf};

/// The outcome of checking one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileCheck {
    /// The file that was checked.
    pub path: PathBuf,
    /// Every problem found, each as "path: message"; empty when the file is valid.
    pub problems: Vec<String>,
}

impl FileCheck {
    /// Whether the file is a valid dataset.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

impl fmt::Display for FileCheck {
    /// One line per problem, each prefixed by the file name, or one OK line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.path.display();
        if self.problems.is_empty() {
            return writeln!(f, "{name}: OK");
        }
        for problem in &self.problems {
            writeln!(f, "{name}: {problem}")?;
        }
        Ok(())
    }
}

/// Reads and strictly validates one dataset file.
pub fn check_file(path: &Path) -> FileCheck {
    let problems = match std::fs::read_to_string(path) {
        Err(error) => vec![format!("cannot read the file: {error}")],
        Ok(json) => check_json(&json),
    };
    FileCheck { path: path.to_path_buf(), problems }
}

/// Strictly validates a dataset and returns its problems as "path: message" lines.
pub fn check_json(json: &str) -> Vec<String> {
    match verschilmaker::Dataset::from_json_strict(json) {
        Ok(_) => Vec::new(),
        Err(error) => {
            let problems: Vec<String> = error.problems().iter().map(|p| p.to_string()).collect();
            if problems.is_empty() { vec![error.to_string()] } else { problems }
        }
    }
}
