//! The notice that lenient loading skipped some records, with the reasons behind a disclosure.

use yew::prelude::*;

use crate::components::common::details_list;
use crate::i18n::UiLang;

/// Tells the visitor that not everything is shown, and why: one "path: message" line per
/// skipped record.
///
/// Why a function and not a component? It has no state of its own, and every component type
/// instantiates yew's lifecycle code for itself in the first wasm module.
pub fn skipped_notice(skipped: &[String], ui: UiLang) -> Html {
    let texts = ui.texts();
    html! {
        <div class="vm-notice" role="status">
            <p class="vm-notice__title">{ texts.skipped_title }</p>
            <p>{ texts.skipped_text }{ " " }{ skipped.len() }</p>
            { details_list(texts.details, skipped) }
        </div>
    }
}
