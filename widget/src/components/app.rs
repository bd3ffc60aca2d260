//! The workbench's root component (`view="facilitate"`, the workbench bundle): loads the data
//! file named by `src` and shows the facilitator's workbench, or why it cannot.
//!
//! The residents' views have a root of their own without yew, [`crate::shell::Shell`]; both read
//! the file the same way and show the same loading and error states (the same markup).

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use crate::components::Facilitate;
use crate::components::common::text::status_line;
use crate::components::failure_markup;
use crate::data::Loaded;
use crate::i18n::UiLang;
use crate::markup::Markup;
use crate::morph::{Patched, target_matching};
use crate::state::{Action, Load, State};

/// The attributes of the `<verschil-maker>` element that the workbench uses.
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct AppProps {
    /// The dataset URL.
    pub src: AttrValue,
    /// The visitor's language, a BCP 47 tag.
    pub lang: AttrValue,
    /// The level of the widget's top heading (1–6).
    #[prop_or(2)]
    pub heading_level: u8,
}

/// The workbench with its data.
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
                let outcome = Loaded::fetch(&src, &lang).await;
                if generation.get() == this_load {
                    state.dispatch(Action::Finished(outcome));
                }
            });
        });
    }
    let ui = UiLang::from_tag(&props.lang);
    let level = props.heading_level.clamp(1, 6);
    let mut m = Markup::new();
    let body = match &state.load {
        Load::Loaded(loaded) => html! { <Facilitate loaded={loaded.clone()} {ui} {level} /> },
        Load::Loading => {
            status_line(&mut m, ui.texts().loading);
            html! { <Patched class="vm-part" markup={AttrValue::from(m.finish())} /> }
        }
        Load::Failed(reason) => {
            failure_markup(&mut m, reason, ui);
            let dispatch = state.dispatcher();
            let onclick = Callback::from(move |event: MouseEvent| {
                if target_matching(&event, "button[data-act=retry]").is_some() {
                    dispatch.dispatch(Action::Retry);
                }
            });
            html! { <Patched class="vm-part" markup={AttrValue::from(m.finish())} {onclick} /> }
        }
    };
    html! {
        <div class="vm-app" lang={ui.code()}>{ body }</div>
    }
}
