//! The Data tab's Excel workbooks: importing a `.xlsx` (one sheet per collection) and
//! downloading the working copy or an empty template as one, through core's
//! [`import_workbook`], [`export_workbook`] and [`workbook_template`] (feature `xlsx`, which only
//! the workbench bundle enables).

use std::rc::Rc;

use verschilmaker::Date;
use verschilmaker::exchange::{WorkbookConfig, export_workbook, import_workbook, workbook_template};
use yew::prelude::*;

use super::Change;
use super::io::{download_bytes, file_bytes, now_ms, today, yield_to_browser};
use super::workbench::{Task, finish_import};
use crate::data::Loaded;
use crate::i18n::UiLang;

/// The media type of an `.xlsx` file.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The date a workbook says it was made: today, or (natively, in the render tests) a fixed one.
fn config() -> Result<WorkbookConfig, String> {
    let created = today().or_else(|| Date::new(2026, 1, 1)).ok_or("no date")?;
    Ok(WorkbookConfig::new(created))
}

/// Imports a workbook into the working copy: each sheet replaces its collection, as the CSV
/// import does; nothing changes when core finds an error.
pub async fn import_xlsx(
    files: Vec<web_sys::File>,
    base: Rc<Loaded>,
    ui: UiLang,
    task: UseStateHandle<Task>,
    on_change: Callback<Change>,
) {
    let texts = ui.workbench_texts();
    let Some(file) = files.first() else { return };
    let started = now_ms();
    task.set(Task::Busy(1, 3, texts.f_step_reading.into()));
    yield_to_browser().await;
    let bytes = match file_bytes(file).await {
        Ok(bytes) => bytes,
        Err(error) => return task.set(Task::Problems(file.name(), vec![(true, error)])),
    };
    // One call into core (unzip, read every sheet, check): the step is shown before it starts.
    task.set(Task::Busy(2, 3, texts.f_step_workbook.into()));
    yield_to_browser().await;
    let import = import_workbook(Some(&base.dataset), &file.name(), &bytes);
    drop(bytes);
    let problems: Vec<(bool, String)> = import.problems.iter().map(|p| (p.is_error(), p.to_string())).collect();
    match import.dataset {
        Some(dataset) => {
            let note = format!("{} {}", file.name(), texts.f_imported);
            finish_import(dataset, note, problems, (3, started), ui, &task, &on_change).await;
        }
        None => task.set(Task::Problems(file.name(), problems)),
    }
}

/// Offers the working copy as one workbook; the error names every cell Excel cannot hold.
pub fn download_workbook(loaded: &Loaded) -> Result<(), String> {
    let bytes = export_workbook(&loaded.dataset, &config()?).map_err(|error| error.to_string())?;
    download_bytes("verschilmaker.xlsx", XLSX, &bytes)
}

/// Offers the empty template: every sheet with one example row.
pub fn download_template() -> Result<(), String> {
    download_bytes("verschilmaker-sjabloon.xlsx", XLSX, &workbook_template(&config()?))
}
