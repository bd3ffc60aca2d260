//! The root component: loads the data file named by `src` and shows the overview or what went wrong.

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use crate::components::{Failure, OverviewView};
use crate::fetch::fetch_text;
use crate::i18n::UiLang;
use crate::state::{Action, Load, State};
use crate::view_model::Overview;

/// The attributes of the `<verschil-maker>` element.
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct AppProps {
    /// The dataset URL.
    pub src: AttrValue,
    /// The visitor's language, a BCP 47 tag.
    pub lang: AttrValue,
}

/// The whole widget.
#[component]
pub fn App(props: &AppProps) -> Html {
    let state = use_reducer(State::default);
    // Counts loads, so that a slow answer for an old `src` never replaces a newer one.
    let generation = use_mut_ref(|| Rc::new(Cell::new(0u32)));

    {
        let state = state.clone();
        let generation = generation.borrow().clone();
        use_effect_with((props.src.clone(), props.lang.clone(), state.attempt), move |(src, lang, _attempt)| {
            let this_load = generation.get().wrapping_add(1);
            generation.set(this_load);
            state.dispatch(Action::Started);
            let (src, lang) = (src.clone(), lang.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = match fetch_text(&src).await {
                    Ok(json) => Overview::from_json(&json, &lang),
                    Err(failure) => Err(failure),
                };
                if generation.get() == this_load {
                    state.dispatch(Action::Finished(outcome));
                }
            });
        });
    }

    let ui = UiLang::from_tag(&props.lang);
    let texts = ui.texts();
    let body = match &state.load {
        Load::Loading => html! {
            <p class="vm-status" role="status">{ texts.loading }</p>
        },
        Load::Failed(failure) => {
            let on_retry = {
                let state = state.clone();
                Callback::from(move |()| state.dispatch(Action::Retry))
            };
            html! { <Failure failure={failure.clone()} {ui} {on_retry} /> }
        }
        Load::Loaded(overview) => html! { <OverviewView overview={overview.clone()} {ui} /> },
    };
    html! {
        <div class="vm-app" lang={ if ui == UiLang::En { "en" } else { "nl" } }>{ body }</div>
    }
}
