//! The Data tab's import of wijken and buurten: GeoJSON files from the CBS wijk- en buurtkaart
//! (PDOK, a WFS, a QGIS export) through core's importer ([`verschilmaker::areas`]), merged into
//! the working copy by id with core's [`merge_areas`], and the importer's report in words.
//!
//! The rules (which properties, which coordinate system, water, the dissolve of missing wijken,
//! the simplification) are core's alone; this component reads the files, shows the steps while
//! the page waits, and says what happened.

use std::rc::Rc;

use verschilmaker::areas::{AreaFile, AreaImportConfig, AreaImportReport, ReportLine, import_areas, merge_areas};
use verschilmaker::exchange::export_json;
use verschilmaker::{Area, Dataset};
use yew::prelude::*;

use super::Change;
use super::io::{chosen_files, file_bytes, now_ms, yield_to_browser};
use crate::components::common::{Heading, fixed, join};
use crate::data::Loaded;
use crate::i18n::UiLang;
use crate::written::figure;

/// The props of [`AreaImport`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct AreaImportProps {
    /// The working copy.
    pub loaded: Rc<Loaded>,
    /// The visitor's language.
    pub ui: UiLang,
    /// The level of the heading.
    pub level: u8,
    /// Receives the working copy with the areas merged in.
    pub on_change: Callback<Change>,
}

/// What an import did, for the summary.
#[derive(Clone, Debug, PartialEq)]
struct Summary {
    files: String,
    report: AreaImportReport,
    wijken: usize,
    buurten: usize,
    added: usize,
    updated: usize,
    ms: f64,
}

/// Where the import stands.
#[derive(Clone, Debug, PartialEq)]
enum Task {
    Idle,
    /// Busy: step, of steps, and what happens.
    Busy(u8, u8, &'static str),
    /// Nothing was imported: the files and every problem, in core's words.
    Failed(String, Vec<String>),
    Done(Rc<Summary>),
}

/// Reads the files, imports them with core's importer and merges the areas into the working copy;
/// the working copy changes only when all of that went well.
async fn import(
    files: Vec<web_sys::File>,
    base: Rc<Loaded>,
    ui: UiLang,
    task: UseStateHandle<Task>,
    on_change: Callback<Change>,
) {
    let texts = ui.workbench_texts();
    if files.is_empty() {
        return;
    }
    let names = super::workbench::names(&files);
    let started = now_ms();
    task.set(Task::Busy(1, 3, texts.f_step_reading));
    yield_to_browser().await;
    let mut read: Vec<(String, String)> = Vec::with_capacity(files.len());
    let mut problems = Vec::new();
    for file in &files {
        match file_bytes(file).await.map(String::from_utf8) {
            Ok(Ok(text)) => read.push((file.name(), text)),
            Ok(Err(_)) => problems.push(format!("{}: {}", file.name(), texts.a_not_utf8)),
            Err(error) => problems.push(format!("{}: {error}", file.name())),
        }
    }
    if !problems.is_empty() {
        return task.set(Task::Failed(names, problems));
    }
    // One call into core: the page shows the step before it starts.
    task.set(Task::Busy(2, 3, texts.a_step_outlines));
    yield_to_browser().await;
    let inputs: Vec<AreaFile> = read.iter().map(|(name, text)| AreaFile { name, text }).collect();
    let imported = match import_areas(&inputs, &AreaImportConfig::default()) {
        Ok(imported) => imported,
        Err(error) => return task.set(Task::Failed(names, error.problems().to_vec())),
    };
    drop(inputs);
    drop(read);
    task.set(Task::Busy(3, 3, texts.a_step_merging));
    yield_to_browser().await;
    let buurten = imported.areas.iter().filter(|area| area.parent.is_some()).count();
    let wijken = imported.areas.len() - buurten;
    let mut dataset: Dataset = (*base.dataset).clone();
    let merge = merge_areas(&mut dataset, imported.areas);
    // The merged copy goes through the strict check, as every other change of the working copy
    // from a file does: an area that was there keeps its references, and they must still hold.
    let dataset = match Dataset::from_json_strict(&export_json(&dataset)) {
        Ok(dataset) => dataset,
        Err(error) => {
            let problems = error.problems().iter().map(ToString::to_string).collect();
            return task.set(Task::Failed(names, problems));
        }
    };
    let note = format!("{names} {}", texts.f_imported);
    on_change.emit(Change { dataset, note });
    task.set(Task::Done(Rc::new(Summary {
        files: names,
        report: imported.report,
        wijken,
        buurten,
        added: merge.added.len(),
        updated: merge.updated.len(),
        ms: now_ms() - started,
    })));
}

/// The share of `before` that is gone in `after`, in whole percents.
fn fewer(before: usize, after: usize) -> String {
    if before == 0 { "0".to_owned() } else { fixed(100.0 * (before - after.min(before)) as f64 / before as f64, 0) }
}

/// The summary of a finished import, in the visitor's language; core's own lines below it.
fn summary(summary: &Summary, ui: UiLang) -> Html {
    let texts = ui.workbench_texts();
    let report = &summary.report;
    let n = |value: usize| figure(value as f64, 0, ui);
    let codes = |wanted: fn(&ReportLine) -> Option<&str>| -> Vec<String> {
        report.lines.iter().filter_map(wanted).map(str::to_owned).collect()
    };
    let water = codes(|line| if let ReportLine::WaterLeftOut { code, .. } = line { Some(code) } else { None });
    let created = codes(|line| if let ReportLine::WijkCreated { code, .. } = line { Some(code) } else { None });
    let rename = codes(|line| if let ReportLine::Rename { code } = line { Some(code) } else { None });
    let listed = |label: &'static str, class: &'static str, codes: &[String]| {
        html! {
            <li class={class}>{ label }{ ": " }{ n(codes.len()) }
                if !codes.is_empty() { { " (" }{ join(codes.iter().map(String::as_str)) }{ ")" } }
            </li>
        }
    };
    let lines: Vec<String> = report.lines.iter().map(ToString::to_string).collect();
    html! {
        <div class="vm-area-report" role="status">
            <p class="vm-status vm-status--ok vm-import-done">
                { &summary.files }{ " " }{ texts.f_imported }{ " (" }{ fixed(summary.ms, 0) }{ " ms)" }
            </p>
            <ul>
                <li class="vm-area-report__read">{ texts.a_features_read }{ ": " }{ n(report.features_read) }</li>
                <li class="vm-area-report__areas">
                    { n(summary.wijken) }{ " " }{ texts.a_wijken }{ ", " }{ n(summary.buurten) }{ " " }{ texts.a_buurten }{ ": " }
                    { n(summary.added) }{ " " }{ texts.a_added }{ ", " }{ n(summary.updated) }{ " " }{ texts.a_updated }
                </li>
                { listed(texts.a_water, "vm-area-report__water", &water) }
                { listed(texts.a_created, "vm-area-report__created", &created) }
                { listed(texts.a_rename, "vm-area-report__rename", &rename) }
                <li class="vm-area-report__simplified">
                    { texts.a_tolerance }{ " " }{ figure(report.tolerance_m, 1, ui) }{ " m: " }
                    { n(report.vertices_before) }{ " → " }{ n(report.vertices_after) }{ " " }{ texts.a_positions }
                    { " (" }{ fewer(report.vertices_before, report.vertices_after) }{ "% " }{ texts.a_fewer }{ "), " }
                    { n(report.bytes_before) }{ " → " }{ n(report.bytes_after) }{ " " }{ texts.a_bytes }
                    { " (" }{ fewer(report.bytes_before, report.bytes_after) }{ "% " }{ texts.a_fewer }{ "); " }
                    { texts.a_largest_distance }{ " " }{ figure(report.largest_distance_m, 2, ui) }{ " m" }
                </li>
            </ul>
            if !lines.is_empty() {
                <details class="vm-details">
                    <summary>{ texts.a_report_lines }{ " (" }{ lines.len() }{ ")" }</summary>
                    <ul>{ for lines.iter().map(|line| html! { <li><code>{ line }</code></li> }) }</ul>
                </details>
            }
        </div>
    }
}

/// The import of wijken and buurten, a section of the Data tab.
#[component]
pub fn AreaImport(props: &AreaImportProps) -> Html {
    let ui = props.ui;
    let texts = ui.workbench_texts();
    let task = use_state(|| Task::Idle);
    let busy = matches!(*task, Task::Busy(..));
    let on_files = {
        let (task, on_change, base) = (task.clone(), props.on_change.clone(), props.loaded.clone());
        Callback::from(move |event: Event| {
            let files = chosen_files(&event);
            wasm_bindgen_futures::spawn_local(import(files, base.clone(), ui, task.clone(), on_change.clone()));
        })
    };
    let status = match &*task {
        Task::Idle => html! {},
        Task::Busy(step, of, what) => html! {
            <p class="vm-status vm-busy" role="status" aria-live="polite">
                <span class="vm-spinner" aria-hidden="true"></span>
                { texts.f_busy }{ " (" }{ step }{ "/" }{ of }{ ": " }{ what }{ ")" }
            </p>
        },
        Task::Done(done) => summary(done, ui),
        Task::Failed(files, problems) => html! {
            <div class="vm-problems" role="alert">
                <p><strong>{ files }{ ": " }{ texts.a_failed }</strong></p>
                <p class="vm-hint">{ texts.f_fix_hint }</p>
                <ul class="vm-problems__list">
                    { for problems.iter().map(|text| html! {
                        <li class="vm-problem vm-problem--error">
                            <span class="vm-problem__severity">{ texts.f_error }{ ": " }</span><code>{ text }</code>
                        </li>
                    }) }
                </ul>
            </div>
        },
    };
    let areas: &[Area] = &props.loaded.dataset.areas;
    html! {
        <section class="vm-workbench__section vm-area-import">
            <Heading level={props.level}>{ texts.a_title }</Heading>
            <p class="vm-hint" id="vm-import-areas-hint">{ texts.a_hint }</p>
            <p>{ texts.f_working_copy }{ ": " }{ figure(areas.len() as f64, 0, ui) }{ " " }{ texts.a_areas_lower }</p>
            <div class="vm-file">
                <label class="vm-label" for="vm-import-areas">{ texts.a_input }</label>
                <input id="vm-import-areas" class="vm-file__input" type="file" multiple=true
                    accept=".json,.geojson,application/geo+json,application/json"
                    aria-describedby="vm-import-areas-hint" disabled={busy} onchange={on_files} />
            </div>
            { status }
        </section>
    }
}
