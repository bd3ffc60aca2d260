//! Handing a submission over to the municipality, in every way the embedding page allows: a DOM
//! event for the host page's own forms, a POST of the JSON to the `submit-to` URL, a `mailto:`
//! link with the content filled in, and a file to download or a page to print.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The name of the DOM event fired on the `<verschil-maker>` element for every submission.
pub const EVENT: &str = "verschilmaker-submit";

/// Where `submit-to` points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// Nowhere: the event, the email to the municipality's counter and the file remain.
    None,
    /// An http(s) URL, or a path on the host's own site, that receives a POST of the JSON.
    Post(String),
    /// An email address (from `mailto:`).
    Mail(String),
}

impl Target {
    /// Reads the `submit-to` attribute. Only http(s) URLs, paths and `mailto:` are used; any other
    /// scheme (`javascript:`, `data:`) is ignored, as the widget follows no other links.
    pub fn parse(attribute: &str) -> Target {
        let value = attribute.trim();
        if value.is_empty() {
            return Target::None;
        }
        if let Some(address) = value.get(..7).filter(|s| s.eq_ignore_ascii_case("mailto:")).map(|_| &value[7..]) {
            let address = address.split('?').next().unwrap_or("").trim();
            return if address.contains('@') { Target::Mail(address.to_owned()) } else { Target::None };
        }
        let scheme = value.split_once(':').map(|(s, _)| s).filter(|s| !s.contains('/'));
        match scheme {
            Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => {
                Target::Post(value.to_owned())
            }
            Some(_) => Target::None,
            None => Target::Post(value.to_owned()),
        }
    }
}

/// Percent-encodes everything but unreserved characters, for `mailto:` and `data:` URLs.
pub fn percent(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3 / 2);
    crate::route::encode_into(&mut out, text);
    out
}

/// A `mailto:` link to `address` with the subject and the document as the body.
pub fn mailto(address: &str, subject: &str, document: &str) -> String {
    let mut href = String::from("mailto:");
    href.push_str(&percent(address.trim()).replace("%40", "@"));
    href.push_str("?subject=");
    href.push_str(&percent(subject));
    href.push_str("&body=");
    href.push_str(&percent(document));
    href
}

/// A `data:` URL of a JSON document, for a download link that needs no script and no request.
pub fn json_data_url(document: &str) -> String {
    String::from("data:application/json;charset=utf-8,") + &percent(document)
}

/// Fires the submission event on the `<verschil-maker>` element that holds `inside`, with the
/// document (parsed) as `detail`. Returns `true` when the host page called `preventDefault()`:
/// it took the submission into its own form, which counts as a confirmed hand-over.
pub fn announce(inside: &web_sys::Element, document: &str) -> bool {
    let Ok(detail) = js_sys::JSON::parse(document) else { return false };
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_cancelable(true);
    init.set_detail(&detail);
    let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(EVENT, &init) else { return false };
    let root = inside.get_root_node();
    let host = js_sys::Reflect::get(&root, &JsValue::from_str("host"))
        .ok()
        .and_then(|host| host.dyn_into::<web_sys::EventTarget>().ok());
    let target: web_sys::EventTarget = host.unwrap_or_else(|| inside.clone().into());
    matches!(target.dispatch_event(&event), Ok(false))
}

/// POSTs the document as JSON; `Ok` for a 2xx answer, else what went wrong in a few words.
pub async fn post(url: &str, document: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&JsValue::from_str(document));
    let headers = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&headers, &"Content-Type".into(), &"application/json".into());
    init.set_headers(&headers);
    let answer = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await.map_err(|e| describe(&e))?;
    let response: web_sys::Response = answer.dyn_into().map_err(|e| describe(&e))?;
    if response.ok() {
        Ok(())
    } else {
        let mut why = String::from("HTTP ");
        why.push_str(&response.status().to_string());
        let text = response.status_text();
        if !text.is_empty() {
            why.push(' ');
            why.push_str(&text);
        }
        Err(why)
    }
}

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

fn describe(value: &JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    value.as_string().unwrap_or_else(|| "unknown error".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn submit_to_accepts_http_paths_and_mail_only() {
        assert_eq!(Target::parse(""), Target::None);
        assert_eq!(Target::parse(" https://gemeente.example/in "), Target::Post("https://gemeente.example/in".into()));
        assert_eq!(Target::parse("/inzendingen/demo"), Target::Post("/inzendingen/demo".into()));
        assert_eq!(
            Target::parse("MAILTO:loket@gemeente.example?subject=x"),
            Target::Mail("loket@gemeente.example".into())
        );
        for ignored in ["javascript:alert(1)", "data:text/plain,x", "mailto:", "ftp://x"] {
            assert_eq!(Target::parse(ignored), Target::None, "{ignored}");
        }
    }

    #[test]
    fn links_carry_the_document_encoded() {
        let href = mailto("loket@gemeente.example", "Inzending: Feest & co", "{\"a\": 1}\n");
        assert_eq!(
            href,
            "mailto:loket@gemeente.example?subject=Inzending%3A%20Feest%20%26%20co&body=%7B%22a%22%3A%201%7D%0A"
        );
        assert_eq!(json_data_url("{}"), "data:application/json;charset=utf-8,%7B%7D");
    }
}
