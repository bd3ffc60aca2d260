//! The error state: a friendly message in the visitor's language, technical details, and a retry.

use yew::prelude::*;

use crate::components::common::{button_line, details_list};
use crate::fetch::LoadFailure;
use crate::i18n::UiLang;

/// Shows why the overview cannot be shown, never a blank box; `on_retry` is called when the
/// visitor asks to try again.
///
/// Why a function and not a component? It has no state of its own, and every component type
/// instantiates yew's lifecycle code for itself in the first wasm module.
pub fn failure(failure: &LoadFailure, ui: UiLang, on_retry: Callback<MouseEvent>) -> Html {
    let texts = ui.texts();
    let (message, details): (&str, Vec<String>) = match failure {
        LoadFailure::NoSource => (texts.error_no_src, Vec::new()),
        LoadFailure::Network(reason) => (texts.error_network, vec![reason.clone()]),
        LoadFailure::Http { status, status_text } => {
            (texts.error_http, vec![format!("HTTP {status} {status_text}").trim_end().to_owned()])
        }
        LoadFailure::Invalid(problems) => (texts.error_invalid, problems.clone()),
    };
    // Retrying cannot help when the page itself names no data file.
    let can_retry = !matches!(failure, LoadFailure::NoSource);
    html! {
        <div class="vm-error" role="alert">
            <p class="vm-error__title">{ texts.error_title }</p>
            <p class="vm-error__message">{ message }</p>
            if !details.is_empty() {
                { details_list(texts.details, &details) }
            }
            if can_retry {
                { button_line("vm-button", on_retry, texts.retry) }
            }
        </div>
    }
}
