//! `www areas`: wijken and buurten from the CBS wijk- en buurtkaart (GeoJSON from PDOK, a WFS
//! or QGIS) into a dataset's `areas`, through the same importer the workbench uses.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use verschilmaker::areas::{AreaFile, AreaImportConfig, import_areas};

/// Imports `files` together; prints the `areas` array (one area per line) on standard output and
/// the report on standard error. Bad input is an error: every problem is named, exit code 1.
pub(crate) fn areas(files: &[PathBuf], tolerance_m: Option<f64>) -> Result<ExitCode, String> {
    let mut texts = Vec::with_capacity(files.len());
    for file in files {
        let bytes = std::fs::read(file).map_err(|error| format!("{}: {error}", file.display()))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| format!("{}: not GeoJSON: the file is not UTF-8 text", file.display()))?;
        texts.push((file.display().to_string(), text));
    }
    let inputs: Vec<AreaFile<'_>> = texts.iter().map(|(name, text)| AreaFile { name, text }).collect();
    let mut config = AreaImportConfig::default();
    if let Some(tolerance_m) = tolerance_m {
        config.tolerance_m = tolerance_m;
    }
    let started = Instant::now();
    let imported = match import_areas(&inputs, &config) {
        Ok(imported) => imported,
        Err(error) => {
            for problem in error.problems() {
                eprintln!("www: error: {problem}");
            }
            return Ok(ExitCode::FAILURE);
        }
    };
    let elapsed = started.elapsed();
    let mut out = String::from("[\n");
    for (index, area) in imported.areas.iter().enumerate() {
        let json = serde_json::to_string(area).map_err(|error| error.to_string())?;
        out.push_str("  ");
        out.push_str(&json);
        out.push_str(if index + 1 < imported.areas.len() { ",\n" } else { "\n" });
    }
    out.push_str("]\n");
    print!("{out}");
    eprint!("{}", imported.report);
    eprintln!("{} areas imported in {} ms", imported.areas.len(), elapsed.as_millis());
    Ok(ExitCode::SUCCESS)
}
