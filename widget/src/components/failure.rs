//! The error state: a friendly message in the visitor's language, technical details, and a retry.

use crate::components::common::text::{button_line, details_list};
use crate::fetch::LoadFailure;
use crate::i18n::UiLang;
use crate::markup::Markup;

/// Why the overview cannot be shown, never a blank box; its retry button is `data-act="retry"`.
pub fn failure_markup(m: &mut Markup, failure: &LoadFailure, ui: UiLang) {
    let texts = ui.texts();
    let (message, details): (&str, Vec<String>) = match failure {
        LoadFailure::NoSource => (texts.error_no_src, Vec::new()),
        LoadFailure::Network(reason) => (texts.error_network, vec![reason.clone()]),
        LoadFailure::Http { status, status_text } => {
            let mut line = format!("HTTP {status}");
            // HTTP/2 has no reason phrase: then the code alone.
            if !status_text.is_empty() {
                line.push(' ');
                line.push_str(status_text);
            }
            (texts.error_http, vec![line])
        }
        LoadFailure::Invalid(problems) => (texts.error_invalid, problems.clone()),
    };
    m.open("div").attr("class", "vm-error").attr("role", "alert").close();
    m.element("p", "vm-error__title", texts.error_title);
    m.element("p", "vm-error__message", message);
    if !details.is_empty() {
        details_list(m, texts.details, &details);
    }
    // Retrying cannot help when the page itself names no data file.
    if !matches!(failure, LoadFailure::NoSource) {
        button_line(m, "vm-button", "retry", texts.retry);
    }
    m.end("div");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markup(failure: &LoadFailure, ui: UiLang) -> String {
        let mut m = Markup::new();
        failure_markup(&mut m, failure, ui);
        m.finish()
    }

    #[test]
    fn every_failure_says_what_happened_with_details_and_a_retry() {
        let invalid = markup(&LoadFailure::Invalid(vec!["initiatives[0].id: <missing>".into()]), UiLang::Nl);
        assert!(invalid.starts_with("<div class=\"vm-error\" role=\"alert\">"), "{invalid}");
        assert!(invalid.contains("Het overzicht kan niet worden getoond"), "{invalid}");
        assert!(invalid.contains("<li>initiatives[0].id: &lt;missing&gt;</li>"), "{invalid}");
        assert!(invalid.contains("data-act=\"retry\">Opnieuw proberen</button>"), "{invalid}");
        let http = markup(&LoadFailure::Http { status: 404, status_text: String::new() }, UiLang::En);
        assert!(http.contains("<li>HTTP 404</li>") && http.contains("Try again"), "{http}");
        let http = markup(&LoadFailure::Http { status: 503, status_text: "Service Unavailable".into() }, UiLang::En);
        assert!(http.contains("<li>HTTP 503 Service Unavailable</li>"), "{http}");
    }

    #[test]
    fn without_a_source_there_is_nothing_to_retry() {
        let none = markup(&LoadFailure::NoSource, UiLang::En);
        assert!(none.contains("the src attribute is missing"), "{none}");
        assert!(!none.contains("<button") && !none.contains("<details"), "{none}");
    }
}
