//! The notice that lenient loading skipped some records, with the reasons behind a disclosure.

use yew::prelude::*;

use crate::i18n::UiLang;

/// The props of [`SkippedNotice`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct SkippedNoticeProps {
    /// One "path: message" line per skipped record.
    pub skipped: Vec<String>,
    /// The visitor's language.
    pub ui: UiLang,
}

/// Tells the visitor that not everything is shown, and why.
#[component]
pub fn SkippedNotice(props: &SkippedNoticeProps) -> Html {
    let texts = props.ui.texts();
    html! {
        <div class="vm-notice" role="status">
            <p class="vm-notice__title">{ texts.skipped_title }</p>
            <p>{ texts.skipped_text }{ " " }{ props.skipped.len() }</p>
            <details class="vm-details">
                <summary>{ texts.details }</summary>
                <ul>
                    { for props.skipped.iter().map(|line| html! { <li>{ line }</li> }) }
                </ul>
            </details>
        </div>
    }
}
