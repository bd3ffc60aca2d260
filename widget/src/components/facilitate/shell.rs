//! The workbench's frame: the tabs over the working copy, kept in the browser's storage.
//!
//! Only in the workbench bundle (feature `workbench`); residents' `view="agenda"` needs
//! [`super::Agenda`] alone.

use std::rc::Rc;

use verschilmaker::Dataset;
use verschilmaker::exchange::export_json;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::{Agenda, Commitments, Dashboard, Round, Workbench, working};

use crate::components::common::Heading;
use crate::data::Loaded;
use crate::i18n::UiLang;

/// A tab of the workbench.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    /// The figures and the gaps.
    Dashboard,
    /// The allocation round.
    Round,
    /// The afspraken.
    Commitments,
    /// Import, check, edit and export.
    Data,
    /// The pitch agenda.
    Agenda,
}

impl Tab {
    /// Every tab, in the order shown.
    pub const ALL: [Tab; 5] = [Tab::Dashboard, Tab::Round, Tab::Commitments, Tab::Data, Tab::Agenda];

    /// The part of the tab's and panel's element ids after `vm-tab-` and `vm-panel-`.
    pub fn id(self) -> &'static str {
        match self {
            Tab::Dashboard => "dashboard",
            Tab::Round => "ronde",
            Tab::Commitments => "afspraken",
            Tab::Data => "gegevens",
            Tab::Agenda => "agenda",
        }
    }

    fn label(self, ui: UiLang) -> &'static str {
        let texts = ui.workbench_texts();
        match self {
            Tab::Dashboard => texts.f_tab_dashboard,
            Tab::Round => texts.f_tab_round,
            Tab::Commitments => texts.f_tab_commitments,
            Tab::Data => texts.f_tab_data,
            Tab::Agenda => texts.f_tab_agenda,
        }
    }
}

/// A new version of the working copy, from one of the tabs, with a line saying what changed.
#[derive(Debug)]
pub struct Change {
    /// The whole new dataset.
    pub dataset: Dataset,
    /// What changed, for the status line.
    pub note: String,
}

/// The workbench's state: the working copy and what the facilitator sees about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Bench {
    /// The working copy, prepared like a loaded file.
    pub working: Rc<Loaded>,
    /// Whether it has changes that were not exported as JSON since.
    pub dirty: bool,
    /// Whether it came from the browser's storage rather than the published file.
    pub restored: bool,
    /// How many changes were made in this visit; each one is saved.
    pub changes: u32,
    /// The tab shown.
    pub tab: Tab,
    /// The last change, said in words.
    pub note: Option<String>,
    /// A stored working copy that could not be read: kept, and not overwritten, until the
    /// facilitator has seen it and chosen to replace it.
    pub unreadable: Option<Rc<Unreadable>>,
}

/// A stored working copy this widget could not read.
#[derive(Debug, PartialEq)]
pub struct Unreadable {
    /// The stored value, whole.
    pub raw: String,
    /// Why it could not be read.
    pub why: String,
}

/// What can happen to the workbench.
#[derive(Debug)]
pub enum BenchAction {
    /// Another tab was chosen.
    Tab(Tab),
    /// The working copy changed.
    Changed(Rc<Loaded>, String),
    /// The JSON was exported, so nothing is unsaved any more.
    Exported,
    /// The stored working copy was discarded for the published file.
    Discarded(Rc<Loaded>, String),
    /// The facilitator chose to replace an unreadable stored copy with the working copy shown.
    ReplaceUnreadable(String),
}

impl Reducible for Bench {
    type Action = BenchAction;

    fn reduce(self: Rc<Self>, action: BenchAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            BenchAction::Tab(tab) => next.tab = tab,
            BenchAction::Changed(working, note) => {
                next.working = working;
                next.dirty = true;
                next.changes = next.changes.wrapping_add(1);
                next.note = Some(note);
            }
            BenchAction::Exported => {
                next.dirty = false;
                next.changes = next.changes.wrapping_add(1);
            }
            BenchAction::Discarded(working, note) => {
                next.working = working;
                next.dirty = false;
                next.restored = false;
                next.note = Some(note);
            }
            BenchAction::ReplaceUnreadable(note) => {
                next.unreadable = None;
                // Counted as a change, so that the copy shown is saved over the unreadable one now.
                next.changes = next.changes.wrapping_add(1);
                next.note = Some(note);
            }
        }
        Rc::new(next)
    }
}

/// The props of [`Facilitate`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct FacilitateProps {
    /// The published dataset as loaded from `src`.
    pub loaded: Rc<Loaded>,
    /// The visitor's language.
    pub ui: UiLang,
    /// The level of the top heading.
    pub level: u8,
}

/// The working copy at mount: the stored one for this municipality, else the published file.
///
/// A stored value that cannot be read is kept in [`Bench::unreadable`], and the published file
/// is shown until the facilitator decides what becomes of it.
fn initial_bench(loaded: &Rc<Loaded>, ui: UiLang) -> Bench {
    let lang = loaded.preferred[0].clone();
    let published = |unreadable: Option<Unreadable>| Bench {
        working: Rc::clone(loaded),
        dirty: false,
        restored: false,
        changes: 0,
        tab: Tab::Dashboard,
        note: None,
        unreadable: unreadable.map(Rc::new),
    };
    match working::restore(&working::key(&loaded.dataset)) {
        working::Stored::Nothing => published(None),
        working::Stored::Unreadable(raw) => {
            published(Some(Unreadable { raw, why: ui.workbench_texts().f_unreadable_format.to_owned() }))
        }
        working::Stored::Copy(json, dirty) => match Dataset::from_json_lenient(&json) {
            Ok(restored) => {
                let skipped = restored.skipped.iter().map(|p| p.to_string()).collect();
                let working = Rc::new(Loaded::new(restored.dataset, skipped, &lang));
                Bench { working, dirty, restored: true, changes: 0, tab: Tab::Dashboard, note: None, unreadable: None }
            }
            Err(error) => published(Some(Unreadable { raw: working::encode(&json, dirty), why: error.to_string() })),
        },
    }
}

/// The notice for a stored working copy that could not be read: what happened, its text as a
/// download, and the choice to replace it.
fn unreadable_notice(unreadable: &Rc<Unreadable>, dispatch: UseReducerDispatcher<Bench>, ui: UiLang) -> Html {
    let texts = ui.workbench_texts();
    let download = {
        let unreadable = Rc::clone(unreadable);
        let failed = texts.f_storage_failed;
        Callback::from(move |_: MouseEvent| {
            if let Err(error) =
                super::io::download("verschilmaker-werkkopie-onleesbaar.txt", "text/plain", &unreadable.raw)
            {
                web_sys::console::warn_1(&format!("{failed} ({error})").into());
            }
        })
    };
    let replace = {
        let note = texts.f_unreadable_replaced;
        Callback::from(move |_: MouseEvent| dispatch.dispatch(BenchAction::ReplaceUnreadable(note.to_owned())))
    };
    html! {
        <div class="vm-notice vm-unreadable-copy" role="alert">
            <p>{ texts.f_unreadable }{ " (" }{ &unreadable.why }{ ")" }</p>
            <p>{ texts.f_unreadable_hint }</p>
            <p class="vm-actions">
                <button type="button" class="vm-button vm-button--secondary vm-unreadable-copy__download" onclick={download}>{ texts.f_unreadable_download }</button>
                <button type="button" class="vm-button vm-danger vm-unreadable-copy__replace" onclick={replace}>{ texts.f_unreadable_replace }</button>
            </p>
        </div>
    }
}

/// The workbench.
#[component]
pub fn Facilitate(props: &FacilitateProps) -> Html {
    let bench = {
        let (loaded, ui) = (props.loaded.clone(), props.ui);
        use_reducer(move || initial_bench(&loaded, ui))
    };
    let storage_error = use_state(|| None::<String>);
    let ui = props.ui;
    let texts = ui.workbench_texts();
    let level = props.level.clamp(1, 6);

    // Every change is saved at once, so that a reload loses nothing; a full storage is said.
    // The key is the published file's municipality, not the working copy's: a file of another
    // municipality opened here is still this widget's working copy after a reload.
    {
        let storage_error = storage_error.clone();
        let working = bench.working.clone();
        let published = props.loaded.clone();
        let dirty = bench.dirty;
        // Nothing is saved over a stored copy that could not be read until the facilitator chose.
        let blocked = bench.unreadable.is_some();
        use_effect_with(bench.changes, move |&changes| {
            if changes > 0 && !blocked {
                let key = working::key(&published.dataset);
                match working::save(&key, &export_json(&working.dataset), dirty) {
                    Ok(()) => storage_error.set(None),
                    Err(error) => storage_error.set(Some(error)),
                }
            }
        });
    }

    let on_change = {
        let dispatch = bench.dispatcher();
        let lang = bench.working.preferred[0].clone();
        Callback::from(move |change: Change| {
            let loaded = Rc::new(Loaded::new(change.dataset, Vec::new(), &lang));
            dispatch.dispatch(BenchAction::Changed(loaded, change.note));
        })
    };
    let on_exported = {
        let dispatch = bench.dispatcher();
        Callback::from(move |()| dispatch.dispatch(BenchAction::Exported))
    };
    let on_discard = {
        let dispatch = bench.dispatcher();
        let published = props.loaded.clone();
        let storage_error = storage_error.clone();
        let note = texts.f_discarded;
        // An unreadable stored copy is not this widget's working copy: discarding leaves it.
        let keep_stored = bench.unreadable.is_some();
        Callback::from(move |()| {
            let result = if keep_stored { Ok(()) } else { working::discard(&working::key(&published.dataset)) };
            match result {
                Ok(()) => storage_error.set(None),
                Err(error) => storage_error.set(Some(error)),
            }
            dispatch.dispatch(BenchAction::Discarded(published.clone(), note.to_owned()));
        })
    };

    let tabs = Tab::ALL.iter().map(|&tab| {
        let selected = bench.tab == tab;
        let onclick = {
            let dispatch = bench.dispatcher();
            Callback::from(move |_: MouseEvent| dispatch.dispatch(BenchAction::Tab(tab)))
        };
        let onkeydown = {
            let dispatch = bench.dispatcher();
            Callback::from(move |event: KeyboardEvent| {
                let at = Tab::ALL.iter().position(|t| *t == tab).unwrap_or(0);
                let next = match event.key().as_str() {
                    "ArrowRight" => (at + 1) % Tab::ALL.len(),
                    "ArrowLeft" => (at + Tab::ALL.len() - 1) % Tab::ALL.len(),
                    "Home" => 0,
                    "End" => Tab::ALL.len() - 1,
                    _ => return,
                };
                event.prevent_default();
                dispatch.dispatch(BenchAction::Tab(Tab::ALL[next]));
                // The tab buttons stay the same elements, so the new one can take the focus now.
                let sibling = event
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|button| button.parent_element())
                    .and_then(|list| list.children().item(next as u32))
                    .and_then(|button| button.dyn_into::<web_sys::HtmlElement>().ok());
                if let Some(button) = sibling {
                    let _ = button.focus();
                }
            })
        };
        html! {
            <button type="button" role="tab" class="vm-tab" id={format!("vm-tab-{}", tab.id())}
                aria-selected={if selected { "true" } else { "false" }}
                aria-controls={selected.then(|| format!("vm-panel-{}", tab.id()))}
                tabindex={if selected { "0" } else { "-1" }} {onclick} {onkeydown}>
                { tab.label(ui) }
            </button>
        }
    });

    let working = bench.working.clone();
    let inner = level.saturating_add(1).min(6);
    let panel = match bench.tab {
        Tab::Dashboard => html! { <Dashboard loaded={working} {ui} level={inner} /> },
        Tab::Round => html! { <Round loaded={working} {ui} level={inner} on_change={on_change.clone()} /> },
        Tab::Commitments => html! { <Commitments loaded={working} {ui} level={inner} on_change={on_change.clone()} /> },
        Tab::Data => html! {
            <Workbench loaded={working} {ui} level={inner} dirty={bench.dirty} restored={bench.restored}
                on_change={on_change.clone()} {on_exported} {on_discard} />
        },
        Tab::Agenda => html! { <Agenda loaded={working} {ui} level={inner} /> },
    };
    let municipality = &bench.working.dataset.municipality.name;
    html! {
        <section class="vm-facilitate">
            <Heading {level} class="vm-facilitate__title">{ texts.f_workbench }{ " – " }{ municipality }</Heading>
            <p class="vm-hint">{ texts.f_intro }</p>
            <p class={classes!("vm-savestate", bench.dirty.then_some("vm-savestate--dirty"))} role="status">
                if bench.dirty {
                    <span aria-hidden="true">{ "● " }</span>{ texts.f_unsaved }
                } else {
                    <span aria-hidden="true">{ "✓ " }</span>{ texts.f_saved }
                }
                if let Some(note) = &bench.note { { " " }{ note } }
            </p>
            if let Some(unreadable) = &bench.unreadable {
                { unreadable_notice(unreadable, bench.dispatcher(), ui) }
            }
            if let Some(error) = &*storage_error {
                <p class="vm-status vm-status--error" role="alert">{ texts.f_storage_failed }{ " (" }{ error }{ ")" }</p>
            }
            <div class="vm-tabs" role="tablist" aria-label={texts.f_workbench}>{ for tabs }</div>
            <div class="vm-tabpanel" role="tabpanel" id={format!("vm-panel-{}", bench.tab.id())}
                aria-labelledby={format!("vm-tab-{}", bench.tab.id())} tabindex="0">
                { panel }
            </div>
        </section>
    }
}
