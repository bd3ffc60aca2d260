//! The error state: a friendly message in the visitor's language, technical details, and a retry.

use yew::prelude::*;

use crate::fetch::LoadFailure;
use crate::i18n::UiLang;

/// The props of [`Failure`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct FailureProps {
    /// What went wrong.
    pub failure: LoadFailure,
    /// The visitor's language.
    pub ui: UiLang,
    /// Called when the visitor asks to try again.
    pub on_retry: Callback<()>,
}

/// Shows why the overview cannot be shown, never a blank box.
#[component]
pub fn Failure(props: &FailureProps) -> Html {
    let texts = props.ui.texts();
    let (message, details): (&str, Vec<String>) = match &props.failure {
        LoadFailure::NoSource => (texts.error_no_src, Vec::new()),
        LoadFailure::Network(reason) => (texts.error_network, vec![reason.clone()]),
        LoadFailure::Http { status, status_text } => {
            (texts.error_http, vec![format!("HTTP {status} {status_text}").trim_end().to_owned()])
        }
        LoadFailure::Invalid(problems) => (texts.error_invalid, problems.clone()),
    };
    // Retrying cannot help when the page itself names no data file.
    let can_retry = !matches!(props.failure, LoadFailure::NoSource);
    let on_click = props.on_retry.reform(|_: MouseEvent| ());
    html! {
        <div class="vm-error" role="alert">
            <p class="vm-error__title">{ texts.error_title }</p>
            <p class="vm-error__message">{ message }</p>
            if !details.is_empty() {
                <details class="vm-details">
                    <summary>{ texts.details }</summary>
                    <ul>
                        { for details.iter().map(|line| html! { <li>{ line }</li> }) }
                    </ul>
                </details>
            }
            if can_retry {
                <p><button type="button" class="vm-button" onclick={on_click}>{ texts.retry }</button></p>
            }
        </div>
    }
}
