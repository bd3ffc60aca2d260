//! What the workbench asks of the browser: yielding so that a long task can show its progress,
//! today's date, reading chosen files, and offering text as a download.
//!
//! Everything here is a thin call into the DOM; natively (in the render tests) each call does
//! nothing or reports that the browser is missing.

use verschilmaker::DateValue;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The browser window, or `None` natively (where calling into JavaScript would panic), so that
/// the components render in the native render tests.
pub fn browser() -> Option<web_sys::Window> {
    if cfg!(target_arch = "wasm32") { web_sys::window() } else { None }
}

/// Lets the browser paint and handle input before the next step of a long task: waits for the
/// next animation frame (the busy state is painted after it) and then for a zero timeout.
///
/// Why both? A zero timeout alone may run before the next paint; an animation frame alone runs
/// just before it, so a long step started there would still hold the old picture on screen.
pub async fn yield_to_browser() {
    let Some(window) = browser() else { return };
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window.request_animation_frame(&resolve);
    });
    let _ = JsFuture::from(frame).await;
    let timeout = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = JsFuture::from(timeout).await;
}

/// Milliseconds since the page started, for the timings the workbench shows (0 natively).
pub fn now_ms() -> f64 {
    browser().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

pub use crate::data::today;

/// Now as a UTC date-time, for the `DTSTAMP` of calendar exports.
pub fn now_utc() -> Option<DateValue> {
    browser()?;
    let iso = String::from(js_sys::Date::new_0().to_iso_string());
    // `2026-05-01T12:00:00.000Z`: the loader's parser takes fractions of seconds.
    iso.parse::<DateValue>().ok()
}

/// The files chosen in the file input that fired `event` (its `change`), in the order the
/// browser lists them. The input is cleared, so that choosing the same file again is a change.
pub fn chosen_files(event: &web_sys::Event) -> Vec<web_sys::File> {
    use yew::TargetCast;
    let input: web_sys::HtmlInputElement = event.target_unchecked_into();
    let files = match input.files() {
        Some(list) => (0..list.length()).filter_map(|i| list.get(i)).collect(),
        None => Vec::new(),
    };
    input.set_value("");
    files
}

/// A file's bytes.
pub async fn file_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|e| describe(&e))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Offers `text` as a file download named `name`: a Blob, an object URL and a click on a
/// detached `<a download>`. The URL is revoked a minute later, once the download has started.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    offer(name, mime, &JsValue::from_str(text))
}

/// Offers `bytes` as a file download named `name`, as [`download`] offers text.
#[cfg(feature = "workbench")]
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    browser().ok_or("no window")?;
    offer(name, mime, &js_sys::Uint8Array::from(bytes))
}

/// The Blob of one part, its URL and the click. The part may be a string or a byte array: the
/// binding's name says strings, but JavaScript's `Blob` takes either.
fn offer(name: &str, mime: &str, part: &JsValue) -> Result<(), String> {
    let window = browser().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|e| describe(&e))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| describe(&e))?;
    let link: web_sys::HtmlElement =
        document.create_element("a").map_err(|e| describe(&e))?.dyn_into().map_err(|e| describe(&e))?;
    link.set_attribute("href", &url).map_err(|e| describe(&e))?;
    link.set_attribute("download", name).map_err(|e| describe(&e))?;
    link.click();
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    Ok(())
}

/// A short description of a JavaScript error value.
pub fn describe(value: &JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        let mut text = String::from(error.name());
        text.push_str(": ");
        text.push_str(&String::from(error.message()));
        return text;
    }
    value.as_string().unwrap_or_else(|| "unknown error".to_owned())
}
