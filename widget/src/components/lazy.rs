//! The views that most visitors never open, fetched on first use.
//!
//! Most visits only search and browse, so the initiative page (with matching), the forms and the
//! agenda are not in the first download: `www build` splits their code into a second wasm module
//! (binaryen-style wasm splitting with `wasm_split_cli_support`; see docs/bundle-size.md). That
//! module shares the first one's memory and function table, so it works on the dataset that is
//! already loaded and indexed. [`Later`] shows a status line while the module arrives, and an
//! error with a retry when it cannot be fetched; after that first time the views render at once.
//!
//! Natively (tests, server rendering) there is nothing to fetch: the views render directly.

use std::cell::Cell;

use wasm_split_helpers::{SplitLoaderError, wasm_split};
use yew::prelude::*;

use crate::components::common::{button_line, status_line};
use crate::components::facilitate::AgendaProps;
use crate::components::{Agenda, Detail, DetailProps, Forms, FormsProps};
use crate::i18n::UiLang;

/// A view whose code comes with the second module, with its properties.
#[derive(Clone, Debug, PartialEq)]
pub enum LaterView {
    /// One initiative's page.
    Detail(DetailProps),
    /// The start or offer form.
    Forms(FormsProps),
    /// The pitch agenda (`view="agenda"`).
    Agenda(AgendaProps),
}

/// Renders a [`LaterView`]; its code lives in the second module.
type Render = fn(&LaterView) -> Html;

/// The renderer, once the second module is there (it stays for the page's lifetime).
fn loaded_renderer() -> Option<Render> {
    if cfg!(target_arch = "wasm32") { RENDERER.get() } else { Some(render) }
}

thread_local! {
    static RENDERER: Cell<Option<Render>> = const { Cell::new(None) };
}

/// The split point: everything only this function reaches (the views below and what they call:
/// matching, the forms' model, the calendar export) goes into the second module.
#[wasm_split(later, fallible, preload(
    /// Fetches the second module without showing anything (a failure is left to [`Later`]).
    async_preload
))]
fn renderer() -> Result<Render, SplitLoaderError> {
    Ok(render)
}

fn render(view: &LaterView) -> Html {
    match view.clone() {
        LaterView::Detail(props) => html! { <Detail ..props /> },
        LaterView::Forms(props) => html! { <Forms ..props /> },
        LaterView::Agenda(props) => html! { <Agenda ..props /> },
    }
}

/// Starts fetching the second module now, for a page that will need it as soon as the data is
/// there (a link to an initiative, a form or the agenda), so that both come in parallel.
pub fn fetch_early() {
    if cfg!(target_arch = "wasm32") && RENDERER.get().is_none() {
        wasm_bindgen_futures::spawn_local(async {
            let _ = async_preload().await;
        });
    }
}

/// Properties of [`Later`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct LaterProps {
    /// The view to show.
    pub view: LaterView,
    /// The visitor's language, for the status and error lines.
    pub ui: UiLang,
    /// Called once the view is shown after its module was fetched (not when it was there
    /// already), so that focus can move to it as it would have at once.
    #[prop_or_default]
    pub on_shown: Callback<()>,
}

/// Where a [`Later`] stands.
///
/// Why one state and not three (the renderer, the fetch, the attempt)? Each state hook of another
/// type is yew's hook code instantiated once more in the first module.
#[derive(Clone, Copy)]
enum Stage {
    /// The second module is being fetched; the number counts the visitor's retries, so that
    /// each attempt is a change of the fetching effect's dependency.
    Fetching(u32),
    /// That attempt failed.
    Failed(u32),
    /// The module is there.
    Shown(Render),
}

/// Shows `view`, fetching the second module first when this page has not done so yet.
#[component]
pub fn Later(props: &LaterProps) -> Html {
    let stage = use_state(|| loaded_renderer().map_or(Stage::Fetching(0), Stage::Shown));
    // The view is in the DOM when effects run: tell the parent when it came after a fetch.
    // `bool::default` as in `App`, so both share one instantiation of the hook.
    let fetched = use_mut_ref(bool::default);
    {
        let fetched = fetched.clone();
        let on_shown = props.on_shown.clone();
        use_effect_with(matches!(*stage, Stage::Shown(_)), move |shown| {
            if *shown && std::mem::take(&mut *fetched.borrow_mut()) {
                on_shown.emit(());
            }
        });
    }
    {
        let stage = stage.clone();
        let fetching = match *stage {
            Stage::Fetching(attempt) => Some(attempt),
            Stage::Failed(_) | Stage::Shown(_) => None,
        };
        use_effect_with(fetching, move |fetching| {
            if let Some(attempt) = *fetching {
                wasm_bindgen_futures::spawn_local(async move {
                    match renderer().await {
                        Ok(render) => {
                            RENDERER.set(Some(render));
                            *fetched.borrow_mut() = true;
                            stage.set(Stage::Shown(render));
                        }
                        Err(_) => stage.set(Stage::Failed(attempt)),
                    }
                });
            }
        });
    }
    let texts = props.ui.texts();
    match *stage {
        Stage::Shown(render) => render(&props.view),
        Stage::Fetching(_) => status_line(texts.loading),
        Stage::Failed(attempt) => {
            let stage = stage.clone();
            let on_retry = Callback::from(move |_: MouseEvent| stage.set(Stage::Fetching(attempt.wrapping_add(1))));
            html! {
                <div class="vm-error" role="alert">
                    <p class="vm-error__message">{ texts.error_part }</p>
                    { button_line("vm-button", on_retry, texts.retry) }
                </div>
            }
        }
    }
}
