//! The data workbench: open a dataset file or import spreadsheets (an Excel workbook, or CSV as
//! Dutch Excel writes them), add residents' submissions from their outbox files, import wijken and buurten
//! ([`super::AreaImport`]), see every problem with its place,
//! edit simple fields, and export the working copy as JSON, an Excel workbook (or its empty
//! template), CSV per collection, iCalendar and schema.org JSON-LD.
//!
//! Long imports run in steps with a yield to the browser between them, so the busy state and
//! its step show while the page waits (see [`super::io::yield_to_browser`]).

use std::rc::Rc;

use verschilmaker::exchange::{
    ImportSteps, JsonLdConfig, Sheet, add_submissions, export_json, export_json_ld, export_sheets,
};
use verschilmaker::search::fold;
use verschilmaker::{Dataset, Lang, Stage, Text};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::agenda::calendar_text;
use super::io::{chosen_files, download, file_bytes, now_ms, yield_to_browser};
use super::workbook::{download_template, download_workbook, import_xlsx};
use super::{AreaImport, Change};
use crate::components::common::Heading;
use crate::data::Loaded;
use crate::i18n::UiLang;

/// How many initiatives the edit search lists.
const FOUND: usize = 8;

/// The props of [`Workbench`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct WorkbenchProps {
    /// The working copy.
    pub loaded: Rc<Loaded>,
    /// The visitor's language.
    pub ui: UiLang,
    /// The level of the heading.
    pub level: u8,
    /// Whether the working copy has changes that were not exported as JSON.
    pub dirty: bool,
    /// Whether the working copy was restored from the browser's storage.
    pub restored: bool,
    /// Receives a new working copy.
    pub on_change: Callback<Change>,
    /// Told when the JSON was exported.
    pub on_exported: Callback<()>,
    /// Asked to drop the working copy for the published file.
    pub on_discard: Callback<()>,
}

/// Where an import stands.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Task {
    Idle,
    /// Busy: step, of steps, and what happens.
    Busy(u8, u8, String),
    /// Problems were found in the named files; each is (is an error, the problem with its place).
    Problems(String, Vec<(bool, String)>),
    /// Done, with what was done.
    Done(String),
}

/// Edits `text` in the visitor's language `lang` from what the field showed (`shown`) to `value`
/// with core's [`Text::set`] and [`Text::without`], which keep the other languages; a plain text
/// is in `plain` (the municipality's first language). A field left as it was changes nothing,
/// so that a Dutch text shown in the English interface does not become an English one by being
/// saved. Clearing a field removes the version that was shown, and only that.
pub fn edit_text(text: Option<Text>, shown: &str, value: &str, lang: &Lang, plain: &Lang) -> Option<Text> {
    if value == shown {
        return text;
    }
    match text {
        None if value.is_empty() => None,
        None if lang == plain => Some(Text::plain(value)),
        None => Some(Text::Translated(vec![(lang.clone(), value.to_owned())])),
        Some(text) if value.is_empty() => {
            let seen = text.translations().find(|(_, s)| *s == shown).and_then(|(l, _)| l.cloned());
            text.without(seen.as_ref().unwrap_or(plain), plain)
        }
        Some(mut text) => {
            text.set(lang, value, plain);
            Some(text)
        }
    }
}

/// Whether the finder's `query` finds an initiative: its id as typed, or a part of its title,
/// both folded as search folds them (so `strasse` finds "Straße" and `cafe` finds "Café").
fn finds(query: &str, id: &str, title: &str) -> bool {
    let (query, needle) = (query.trim(), fold(query.trim()));
    !needle.is_empty() && (id == query || fold(id) == needle || fold(title).contains(&needle))
}

/// The names of the files the JSON, sheet and area problems speak of, joined.
pub(super) fn names(files: &[web_sys::File]) -> String {
    crate::components::common::join(files.iter().map(|f| f.name()).collect::<Vec<_>>().iter().map(String::as_str))
}

/// The end of an import that gave a dataset, for every import of the Data tab: its last step
/// (`step` of `step`) painted, the working copy replaced, and "… (N ms)" with any warnings core
/// had.
pub(super) async fn finish_import(
    dataset: Dataset,
    note: String,
    problems: Vec<(bool, String)>,
    (step, started): (u8, f64),
    ui: UiLang,
    task: &UseStateHandle<Task>,
    on_change: &Callback<Change>,
) {
    task.set(Task::Busy(step, step, ui.workbench_texts().f_step_preparing.into()));
    yield_to_browser().await;
    on_change.emit(Change { dataset, note: note.clone() });
    let done = format!("{note} ({} ms)", crate::components::common::fixed(now_ms() - started, 0));
    task.set(if problems.is_empty() { Task::Done(done) } else { Task::Problems(done, problems) });
}

/// Opens a dataset file: checked strictly, every problem listed, the working copy replaced
/// only when it has no errors.
async fn open_json(files: Vec<web_sys::File>, ui: UiLang, task: UseStateHandle<Task>, on_change: Callback<Change>) {
    let texts = ui.workbench_texts();
    let Some(file) = files.first() else { return };
    let started = now_ms();
    task.set(Task::Busy(1, 3, texts.f_step_reading.into()));
    yield_to_browser().await;
    let bytes = match file_bytes(file).await {
        Ok(bytes) => bytes,
        Err(error) => return task.set(Task::Problems(file.name(), vec![(true, error)])),
    };
    task.set(Task::Busy(2, 3, texts.f_step_checking.into()));
    yield_to_browser().await;
    let json = String::from_utf8_lossy(&bytes);
    match Dataset::from_json_strict(&json) {
        Ok(dataset) => {
            let note = format!("{} {}", file.name(), texts.f_opened);
            finish_import(dataset, note, Vec::new(), (3, started), ui, &task, &on_change).await;
        }
        Err(error) => {
            let mut problems: Vec<(bool, String)> =
                error.problems().iter().map(|p| (p.is_error(), p.to_string())).collect();
            if problems.is_empty() {
                problems.push((true, error.to_string()));
            }
            task.set(Task::Problems(file.name(), problems));
        }
    }
}

/// Imports spreadsheets into the working copy: each sheet replaces its collection.
async fn import_csv(
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
    let started = now_ms();
    task.set(Task::Busy(1, 4, texts.f_step_reading.into()));
    yield_to_browser().await;
    let mut sheets = Vec::with_capacity(files.len());
    for file in &files {
        match file_bytes(file).await {
            Ok(bytes) => sheets.push(Sheet { name: file.name(), bytes }),
            Err(error) => return task.set(Task::Problems(file.name(), vec![(true, error)])),
        }
    }
    // One sheet per step, then the check: the page gets a turn between them.
    let mut steps = ImportSteps::new(Some(&base.dataset), &sheets);
    loop {
        let (read, of) = steps.progress();
        let Some(sheet) = sheets.get(read) else { break };
        task.set(Task::Busy(2, 4, format!("{} {} ({}/{of})", texts.f_step_sheet, sheet.name, read + 1)));
        yield_to_browser().await;
        steps.read_next();
    }
    task.set(Task::Busy(3, 4, texts.f_step_checking.into()));
    yield_to_browser().await;
    let import = steps.finish();
    drop(sheets);
    let problems: Vec<(bool, String)> = import.problems.iter().map(|p| (p.is_error(), p.to_string())).collect();
    match import.dataset {
        Some(dataset) => {
            let note = format!("{} {}", names(&files), texts.f_imported);
            finish_import(dataset, note, problems, (4, started), ui, &task, &on_change).await;
        }
        None => task.set(Task::Problems(names(&files), problems)),
    }
}

/// Adds residents' submissions (outbox files) as new initiatives, when they check out.
async fn add_outbox(
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
    task.set(Task::Busy(1, 2, texts.f_step_reading.into()));
    yield_to_browser().await;
    let mut read = Vec::with_capacity(files.len());
    for file in &files {
        match file_bytes(file).await {
            Ok(bytes) => read.push(Sheet { name: file.name(), bytes }),
            Err(error) => return task.set(Task::Problems(file.name(), vec![(true, error)])),
        }
    }
    task.set(Task::Busy(2, 2, texts.f_step_checking.into()));
    yield_to_browser().await;
    let before = (base.dataset.initiatives.len(), base.dataset.partners.len());
    let added = add_submissions(&base.dataset, &read);
    let problems: Vec<(bool, String)> = added.problems.iter().map(|p| (p.is_error(), p.to_string())).collect();
    match added.dataset {
        Some(dataset) => {
            let note = format!(
                "{} {} {} {}",
                dataset.initiatives.len() - before.0,
                texts.f_submissions_added,
                dataset.partners.len() - before.1,
                texts.f_partners_added
            );
            on_change.emit(Change { dataset, note: note.clone() });
            task.set(Task::Done(note));
        }
        None => task.set(Task::Problems(names(&files), problems)),
    }
}

/// The data workbench.
#[component]
pub fn Workbench(props: &WorkbenchProps) -> Html {
    let ui = props.ui;
    let texts = ui.workbench_texts();
    let task = use_state(|| Task::Idle);
    let export_failure = use_state(|| None::<String>);
    let query = use_state(String::new);
    let editing = use_state(|| None::<String>);
    let loaded = &props.loaded;
    let dataset = &*loaded.dataset;
    let busy = matches!(*task, Task::Busy(..));

    let on_open = {
        let (task, on_change) = (task.clone(), props.on_change.clone());
        Callback::from(move |event: Event| {
            let files = chosen_files(&event);
            wasm_bindgen_futures::spawn_local(open_json(files, ui, task.clone(), on_change.clone()));
        })
    };
    let on_outbox = {
        let (task, on_change, base) = (task.clone(), props.on_change.clone(), props.loaded.clone());
        Callback::from(move |event: Event| {
            let files = chosen_files(&event);
            wasm_bindgen_futures::spawn_local(add_outbox(files, base.clone(), ui, task.clone(), on_change.clone()));
        })
    };
    let on_xlsx = {
        let (task, on_change, base) = (task.clone(), props.on_change.clone(), props.loaded.clone());
        Callback::from(move |event: Event| {
            let files = chosen_files(&event);
            wasm_bindgen_futures::spawn_local(import_xlsx(files, base.clone(), ui, task.clone(), on_change.clone()));
        })
    };
    let on_import = {
        let (task, on_change, base) = (task.clone(), props.on_change.clone(), props.loaded.clone());
        Callback::from(move |event: Event| {
            let files = chosen_files(&event);
            wasm_bindgen_futures::spawn_local(import_csv(files, base.clone(), ui, task.clone(), on_change.clone()));
        })
    };

    let on_json = {
        let (loaded, failure, on_exported) = (props.loaded.clone(), export_failure.clone(), props.on_exported.clone());
        Callback::from(move |_: MouseEvent| {
            let result = download("initiatieven.json", "application/json", &export_json(&loaded.dataset));
            if result.is_ok() {
                on_exported.emit(());
            }
            failure.set(result.err());
        })
    };
    let on_workbook = {
        let (loaded, failure) = (props.loaded.clone(), export_failure.clone());
        Callback::from(move |_: MouseEvent| failure.set(download_workbook(&loaded).err()))
    };
    let on_template = {
        let failure = export_failure.clone();
        Callback::from(move |_: MouseEvent| failure.set(download_template().err()))
    };
    let on_ics = {
        let (loaded, failure) = (props.loaded.clone(), export_failure.clone());
        Callback::from(move |_: MouseEvent| {
            let text = calendar_text(&loaded.dataset, &loaded.preferred[0]);
            failure.set(download("pitch-agenda.ics", "text/calendar", &text).err());
        })
    };
    let on_json_ld = {
        let (loaded, failure) = (props.loaded.clone(), export_failure.clone());
        Callback::from(move |_: MouseEvent| {
            let page = super::io::browser().and_then(|w| w.location().href().ok()).unwrap_or_default();
            let page = page.split('#').next().unwrap_or_default().to_owned();
            let config = JsonLdConfig { page_url: (!page.is_empty()).then_some(page.as_str()) };
            let text = export_json_ld(&loaded.dataset, &config);
            failure.set(download("initiatieven.jsonld", "application/ld+json", &text).err());
        })
    };
    // The sheet names, from the export of an empty dataset: the same list as the real export.
    let mut template = Dataset::default();
    template.municipality = dataset.municipality.clone();
    let sheet_buttons = export_sheets(&template).into_iter().map(|sheet| {
        let name = sheet.name;
        let onclick = {
            let (loaded, failure, name) = (props.loaded.clone(), export_failure.clone(), name.clone());
            Callback::from(move |_: MouseEvent| {
                let found = export_sheets(&loaded.dataset).into_iter().find(|s| s.name == name);
                let Some(sheet) = found else { return };
                let text = String::from_utf8_lossy(&sheet.bytes);
                failure.set(download(&sheet.name, "text/csv;charset=utf-8", &text).err());
            })
        };
        html! { <li><button type="button" class="vm-button vm-button--secondary vm-button--small" data-sheet={name.clone()} {onclick}>{ name }</button></li> }
    });

    let status = match &*task {
        Task::Idle => html! {},
        Task::Busy(step, of, what) => html! {
            <p class="vm-status vm-busy" role="status" aria-live="polite">
                <span class="vm-spinner" aria-hidden="true"></span>
                { texts.f_busy }{ " (" }{ step }{ "/" }{ of }{ ": " }{ what }{ ")" }
            </p>
        },
        Task::Done(done) => html! { <p class="vm-status vm-status--ok vm-import-done" role="status">{ done }</p> },
        Task::Problems(source, problems) => {
            let errors = problems.iter().filter(|(error, _)| *error).count();
            html! {
                <div class="vm-problems" role="alert">
                    <p><strong>{ source }{ ": " }{ errors }{ " " }{ texts.f_errors }{ ", " }{ problems.len() - errors }{ " " }{ texts.f_warnings }</strong></p>
                    if errors > 0 { <p class="vm-hint">{ texts.f_fix_hint }</p> }
                    <ul class="vm-problems__list">
                        { for problems.iter().map(|(error, text)| html! {
                            <li class={classes!("vm-problem", if *error { "vm-problem--error" } else { "vm-problem--warning" })}>
                                <span class="vm-problem__severity">{ if *error { texts.f_error } else { texts.f_warning } }{ ": " }</span>
                                <code>{ text }</code>
                            </li>
                        }) }
                    </ul>
                </div>
            }
        }
    };

    // Editing: find an initiative by title or id, then change its title, summary or stage.
    let lang = loaded.preferred[0].clone();
    let found: Vec<usize> = if query.trim().is_empty() {
        Vec::new()
    } else {
        dataset
            .initiatives
            .iter()
            .enumerate()
            .filter(|(_, i)| finds(&query, i.id.as_str(), loaded.text(&i.title)))
            .map(|(at, _)| at)
            .take(FOUND)
            .collect()
    };
    let on_query = {
        let query = query.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            query.set(input.value());
        })
    };
    let edit_form = editing.as_ref().and_then(|id| {
        let at = dataset.initiatives.iter().position(|i| i.id.as_str() == id)?;
        let initiative = &dataset.initiatives[at];
        let on_submit = {
            let (loaded, on_change, editing, lang) =
                (props.loaded.clone(), props.on_change.clone(), editing.clone(), lang.clone());
            let saved = texts.f_saved_edit;
            Callback::from(move |event: SubmitEvent| {
                event.prevent_default();
                let Some(form) = event.target_dyn_into::<web_sys::HtmlFormElement>() else { return };
                let field = |name: &str| {
                    form.query_selector(&format!("[name={name}]"))
                        .ok()
                        .flatten()
                        .map(|element| {
                            use wasm_bindgen::JsCast;
                            match element.dyn_into::<HtmlInputElement>() {
                                Ok(input) => input.value(),
                                Err(element) => element.dyn_into::<HtmlSelectElement>().map(|s| s.value()).unwrap_or_default(),
                            }
                        })
                        .unwrap_or_default()
                };
                let (title, summary, stage) = (field("title"), field("summary"), field("stage"));
                if title.trim().is_empty() {
                    return;
                }
                let mut dataset = (*loaded.dataset).clone();
                let plain = dataset.municipality.languages.first().cloned().or_else(|| Lang::new("nl"));
                let (Some(lang), Some(plain)) = (Lang::new(&lang).or_else(|| plain.clone()), plain) else { return };
                let Some(initiative) = dataset.initiatives.get_mut(at) else { return };
                let shown = loaded.text(&initiative.title).to_owned();
                let title = edit_text(Some(initiative.title.clone()), &shown, title.trim(), &lang, &plain);
                // A title is required: the empty one was refused above, so there is always one.
                if let Some(title) = title {
                    initiative.title = title;
                }
                let shown = initiative.summary.as_ref().map(|s| loaded.text(s).to_owned()).unwrap_or_default();
                initiative.summary = edit_text(initiative.summary.take(), &shown, summary.trim(), &lang, &plain);
                if let Ok(stage) = stage.parse::<Stage>() {
                    initiative.stage = stage;
                }
                let note = format!("{}: {saved}", initiative.id.as_str());
                editing.set(None);
                on_change.emit(Change { dataset, note });
            })
        };
        let on_cancel = {
            let editing = editing.clone();
            Callback::from(move |_: MouseEvent| editing.set(None))
        };
        Some(html! {
            <form class="vm-edit" onsubmit={on_submit} key={initiative.id.as_str().to_owned()}>
                <p><strong>{ texts.f_editing }{ " " }</strong><code>{ initiative.id.as_str() }</code></p>
                <label class="vm-label" for="vm-edit-title">{ texts.f_field_title }</label>
                <input id="vm-edit-title" class="vm-input" name="title" required=true maxlength="1000"
                    value={loaded.text(&initiative.title).to_owned()} />
                <label class="vm-label" for="vm-edit-summary">{ texts.f_field_summary }</label>
                <input id="vm-edit-summary" class="vm-input" name="summary" maxlength="2000"
                    value={initiative.summary.as_ref().map(|s| loaded.text(s).to_owned()).unwrap_or_default()} />
                <label class="vm-label" for="vm-edit-stage">{ texts.stage }</label>
                <select id="vm-edit-stage" class="vm-select" name="stage">
                    { for Stage::ALL.iter().map(|s| html! {
                        <option value={s.as_str()} selected={*s == initiative.stage}>{ texts.stage_label(*s) }</option>
                    }) }
                </select>
                <div class="vm-toolbar">
                    <button type="submit" class="vm-button">{ texts.f_save }</button>
                    <button type="button" class="vm-button vm-button--secondary" onclick={on_cancel}>{ texts.f_cancel }</button>
                </div>
            </form>
        })
    });
    let found_list = found.iter().map(|&at| {
        let initiative = &dataset.initiatives[at];
        let onclick = {
            let (editing, id) = (editing.clone(), initiative.id.as_str().to_owned());
            Callback::from(move |_: MouseEvent| editing.set(Some(id.clone())))
        };
        html! {
            <li><button type="button" class="vm-link-button" {onclick}>
                { texts.f_edit }{ ": " }{ loaded.text(&initiative.title) }
            </button></li>
        }
    });
    let on_discard = {
        let (on_discard, task) = (props.on_discard.clone(), task.clone());
        Callback::from(move |_: MouseEvent| {
            task.set(Task::Idle);
            on_discard.emit(());
        })
    };
    let sub = props.level.saturating_add(1).min(6);
    html! {
        <div class="vm-workbench">
            <Heading level={props.level}>{ texts.f_tab_data }</Heading>
            <p>
                { texts.f_working_copy }{ ": " }{ texts.initiative_count(dataset.initiatives.len()) }{ ", " }
                { dataset.partners.len() }{ " " }{ texts.f_partners_lower }{ ", " }
                { dataset.commitments.len() }{ " " }{ texts.f_commitments_lower }{ ", " }
                { dataset.editions.len() }{ " " }{ texts.f_editions_lower }{ "." }
            </p>
            <p class="vm-hint">{ texts.f_storage_hint }</p>
            if props.restored || props.dirty {
                <p class="vm-hint">
                    if props.restored { { texts.f_restored }{ " " } }
                    <button type="button" class="vm-button vm-button--secondary vm-button--small" onclick={on_discard}>{ texts.f_discard }</button>
                </p>
            }
            if !loaded.skipped.is_empty() {
                <details class="vm-details">
                    <summary>{ texts.skipped_title }{ " (" }{ loaded.skipped.len() }{ ")" }</summary>
                    <ul>{ for loaded.skipped.iter().map(|line| html! { <li><code>{ line }</code></li> }) }</ul>
                </details>
            }

            <section class="vm-workbench__section">
                <Heading level={sub}>{ texts.f_import_title }</Heading>
                <p class="vm-hint">{ texts.f_import_hint }</p>
                <div class="vm-file">
                    <label class="vm-label" for="vm-open-json">{ texts.f_open_json }</label>
                    <input id="vm-open-json" class="vm-file__input" type="file" accept=".json,application/json" disabled={busy} onchange={on_open} />
                </div>
                <div class="vm-file">
                    <label class="vm-label" for="vm-import-xlsx">{ texts.f_import_xlsx }</label>
                    <input id="vm-import-xlsx" class="vm-file__input" type="file"
                        accept={format!(".xlsx,{}", super::workbook::XLSX)} disabled={busy} onchange={on_xlsx} />
                </div>
                <div class="vm-file">
                    <label class="vm-label" for="vm-import-csv">{ texts.f_import_csv }</label>
                    <input id="vm-import-csv" class="vm-file__input" type="file" multiple=true accept=".csv,.txt,.tsv,text/csv" disabled={busy} onchange={on_import} />
                </div>
                <div class="vm-file">
                    <label class="vm-label" for="vm-add-outbox">{ texts.f_add_outbox }</label>
                    <span class="vm-hint" id="vm-add-outbox-hint">{ texts.f_add_outbox_hint }</span>
                    <input id="vm-add-outbox" class="vm-file__input" type="file" multiple=true accept=".json,application/json"
                        aria-describedby="vm-add-outbox-hint" disabled={busy} onchange={on_outbox} />
                </div>
                { status }
            </section>

            <AreaImport loaded={props.loaded.clone()} {ui} level={sub} on_change={props.on_change.clone()} />

            <section class="vm-workbench__section">
                <Heading level={sub}>{ texts.f_edit_title }</Heading>
                <label class="vm-label" for="vm-edit-find">{ texts.f_find_initiative }</label>
                <input id="vm-edit-find" class="vm-input" type="search" value={(*query).clone()} oninput={on_query} />
                if !found.is_empty() { <ul class="vm-found">{ for found_list }</ul> }
                { edit_form.unwrap_or_default() }
            </section>

            <section class="vm-workbench__section">
                <Heading level={sub}>{ texts.f_export_title }</Heading>
                <p class="vm-hint">{ texts.f_export_hint }</p>
                <div class="vm-toolbar">
                    <button type="button" class="vm-button" data-export="json" onclick={on_json}>{ texts.f_export_json }</button>
                    <button type="button" class="vm-button vm-button--secondary" data-export="xlsx" onclick={on_workbook}>{ texts.f_export_xlsx }</button>
                    <button type="button" class="vm-button vm-button--secondary" data-export="template" onclick={on_template}>{ texts.f_template_xlsx }</button>
                    <button type="button" class="vm-button vm-button--secondary" data-export="ics" onclick={on_ics}>{ texts.f_ics_all }</button>
                    <button type="button" class="vm-button vm-button--secondary" data-export="jsonld" onclick={on_json_ld}>{ texts.f_export_json_ld }</button>
                </div>
                <p>{ texts.f_export_csv }</p>
                <ul class="vm-sheets">{ for sheet_buttons }</ul>
                if let Some(error) = &*export_failure {
                    <p class="vm-status vm-status--error" role="alert">{ texts.f_download_failed }{ " (" }{ error }{ ")" }</p>
                }
            </section>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_finder_folds_as_search_does() {
        for (query, id, title, found) in [
            ("strasse", "feest", "Feest in de Straße", true),
            (" CAFÉ ", "x", "Buurtcafe", true),
            ("Moestuin-1", "Moestuin-1", "Tuin", true),
            ("moestuin-1", "Moestuin-1", "Tuin", true),
            ("fiets", "x", "Moestuin", false),
            ("  ", "x", "Moestuin", false),
        ] {
            assert_eq!(finds(query, id, title), found, "{query:?} in {id:?} {title:?}");
        }
    }

    #[test]
    fn an_edit_in_one_language_keeps_the_others() {
        let (nl, en) = (Lang::new("nl").unwrap(), Lang::new("en").unwrap());
        let both = |n: &str, e: &str| Text::Translated(vec![(nl.clone(), n.into()), (en.clone(), e.into())]);
        // A plain Dutch title edited in the English interface gains an English one.
        let title = edit_text(Some(Text::plain("Moestuin")), "Moestuin", "Garden", &en, &nl);
        assert_eq!(title, Some(both("Moestuin", "Garden")));
        // Left as shown, nothing changes (no English copy of the Dutch text).
        assert_eq!(
            edit_text(Some(Text::plain("Moestuin")), "Moestuin", "Moestuin", &en, &nl),
            Some(Text::plain("Moestuin"))
        );
        // In the municipality's language a plain text is replaced.
        assert_eq!(
            edit_text(Some(Text::plain("Moestuin")), "Moestuin", "Buurttuin", &nl, &nl),
            Some(Text::plain("Buurttuin"))
        );
        // Clearing the English summary keeps the Dutch one; clearing the last one removes it.
        let summary = edit_text(Some(both("Samen", "Together")), "Together", "", &en, &nl);
        assert_eq!(summary, Some(Text::Translated(vec![(nl.clone(), "Samen".into())])));
        // Shown in Dutch (there is no English one), clearing removes the Dutch one that was seen.
        assert_eq!(edit_text(summary, "Samen", "", &en, &nl), None);
        assert_eq!(edit_text(Some(Text::plain("Samen")), "Samen", "", &en, &nl), None);
        // A new summary written in English is English.
        assert_eq!(
            edit_text(None, "", "Together", &en, &nl),
            Some(Text::Translated(vec![(en.clone(), "Together".into())]))
        );
        assert_eq!(edit_text(None, "", "Samen", &nl, &nl), Some(Text::plain("Samen")));
    }
}
