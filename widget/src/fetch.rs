//! Fetching the data file with the browser's `fetch`, and the ways that can fail.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why the data file could not be turned into an overview.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadFailure {
    /// The element has no `src` attribute.
    NoSource,
    /// The request failed before an answer came: offline, refused, blocked by CORS or CSP.
    Network(String),
    /// The server answered with an error status.
    Http {
        /// The HTTP status code.
        status: u16,
        /// The status text the server sent, possibly empty.
        status_text: String,
    },
    /// The file arrived but is not a usable dataset; each entry is one problem ("path: message").
    Invalid(Vec<String>),
}

/// Fetches `src` (resolved against the page's URL) and returns the body as text.
pub async fn fetch_text(src: &str) -> Result<String, LoadFailure> {
    if src.trim().is_empty() {
        return Err(LoadFailure::NoSource);
    }
    let window = web_sys::window().ok_or_else(|| LoadFailure::Network("no window".into()))?;
    let response =
        JsFuture::from(window.fetch_with_str(src)).await.map_err(|error| LoadFailure::Network(describe(&error)))?;
    let response: web_sys::Response = response.dyn_into().map_err(|value| LoadFailure::Network(describe(&value)))?;
    if !response.ok() {
        return Err(LoadFailure::Http { status: response.status(), status_text: response.status_text() });
    }
    let text = response.text().map_err(|error| LoadFailure::Network(describe(&error)))?;
    let text = JsFuture::from(text).await.map_err(|error| LoadFailure::Network(describe(&error)))?;
    text.as_string().ok_or_else(|| LoadFailure::Network("the response is not text".into()))
}

/// A short description of a JavaScript error value, for the technical details.
fn describe(value: &wasm_bindgen::JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    value.as_string().unwrap_or_else(|| "unknown error".to_owned())
}
