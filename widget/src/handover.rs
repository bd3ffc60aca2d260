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
    /// An https URL, an http URL on this computer (`localhost`), or a path on the host's own
    /// site, that receives a POST of the JSON.
    Post(String),
    /// An email address (from `mailto:`), with the host's own `subject` and `cc`, if it gave them.
    Mail(MailTo),
    /// An address the widget will not send to, and why (for the console): the visitor gets the
    /// other ways to hand over, as with [`Target::None`].
    Refused(&'static str),
}

/// A `mailto:` target: the address, and the `subject` and `cc` the host page wrote, as it wrote
/// them (percent-encoded).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MailTo {
    /// The address.
    pub address: String,
    /// The host's `subject=`, used instead of the widget's own.
    pub subject: Option<String>,
    /// The host's `cc=`.
    pub cc: Option<String>,
}

impl Target {
    /// Reads the `submit-to` attribute. A POST goes only to an https URL, to http on this
    /// computer (`localhost`, `127.0.0.1`, `[::1]`: a municipality's test set-up), or to a path
    /// on the host's own site (`/…`, not `//…`, which is another site); plain http elsewhere
    /// would send a resident's contact details readable to anyone on the way. `mailto:` keeps the
    /// host's `subject` and `cc`. Any other scheme (`javascript:`, `data:`) is refused, as the
    /// widget follows no other links.
    pub fn parse(attribute: &str) -> Target {
        let value = attribute.trim();
        if value.is_empty() {
            return Target::None;
        }
        if let Some(rest) = value.get(..7).filter(|s| s.eq_ignore_ascii_case("mailto:")).map(|_| &value[7..]) {
            return mail_target(rest);
        }
        if value.starts_with("//") {
            return Target::Refused("submit-to: an address starting with // is another site; give https://… or a path");
        }
        let scheme = value.split_once(':').map(|(s, _)| s).filter(|s| !s.contains('/'));
        match scheme {
            Some(s) if s.eq_ignore_ascii_case("https") => Target::Post(value.to_owned()),
            Some(s) if s.eq_ignore_ascii_case("http") => {
                if is_local(&value[5..]) {
                    Target::Post(value.to_owned())
                } else {
                    Target::Refused("submit-to: plain http is not used outside localhost; give an https:// address")
                }
            }
            Some(_) => Target::Refused("submit-to: only https:, a path on this site or mailto: are used"),
            None => Target::Post(value.to_owned()),
        }
    }
}

/// Whether the rest of an `http:` URL (`//host:port/…`) names this computer.
fn is_local(rest: &str) -> bool {
    let Some(authority) = rest.strip_prefix("//") else { return false };
    let authority = authority.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    let host = if host.starts_with('[') {
        host.split_inclusive(']').next().unwrap_or_default()
    } else {
        host.split(':').next().unwrap_or_default()
    };
    host.eq_ignore_ascii_case("localhost") || host == "127.0.0.1" || host == "[::1]"
}

/// The target of a `mailto:` attribute's rest (`address?subject=…&cc=…`).
fn mail_target(rest: &str) -> Target {
    let (address, query) = rest.split_once('?').unwrap_or((rest, ""));
    let address = address.trim();
    if !address.contains('@') {
        return Target::None;
    }
    let mut target = MailTo { address: address.to_owned(), ..MailTo::default() };
    for pair in query.split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        // What the host wrote goes into the link as it is, so it must not carry a line break
        // (raw or encoded), which would start another header of the message.
        let lowered = value.to_ascii_lowercase();
        if value.is_empty() || value.contains(['\r', '\n']) || lowered.contains("%0a") || lowered.contains("%0d") {
            continue;
        }
        if name.eq_ignore_ascii_case("subject") {
            target.subject = Some(value.to_owned());
        } else if name.eq_ignore_ascii_case("cc") {
            target.cc = Some(value.to_owned());
        }
    }
    Target::Mail(target)
}

/// Percent-encodes everything but unreserved characters, for `mailto:` and `data:` URLs.
pub fn percent(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3 / 2);
    crate::route::encode_into(&mut out, text);
    out
}

/// A `mailto:` link to `to` with the document as the body, and the host's subject (else
/// `subject`) and cc.
pub fn mailto(to: &MailTo, subject: &str, document: &str) -> String {
    let mut href = String::from("mailto:");
    href.push_str(&percent(to.address.trim()).replace("%40", "@"));
    href.push_str("?subject=");
    match &to.subject {
        Some(theirs) => href.push_str(theirs),
        None => href.push_str(&percent(subject)),
    }
    if let Some(cc) = &to.cc {
        href.push_str("&cc=");
        href.push_str(cc);
    }
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

    fn mail(address: &str) -> MailTo {
        MailTo { address: address.into(), ..MailTo::default() }
    }

    #[test]
    fn submit_to_accepts_https_paths_local_http_and_mail_only() {
        assert_eq!(Target::parse(""), Target::None);
        assert_eq!(Target::parse(" https://gemeente.example/in "), Target::Post("https://gemeente.example/in".into()));
        assert_eq!(Target::parse("/inzendingen/demo"), Target::Post("/inzendingen/demo".into()));
        for local in ["http://localhost:8080/in", "HTTP://127.0.0.1/in", "http://[::1]:3000/", "http://u@localhost/x"] {
            assert_eq!(Target::parse(local), Target::Post(local.into()), "{local}");
        }
        for refused in [
            "http://gemeente.example/in",
            "http://localhost.example/in",
            "http://127.0.0.1.example/",
            "//gemeente.example/in",
            "javascript:alert(1)",
            "data:text/plain,x",
            "ftp://x",
        ] {
            assert!(matches!(Target::parse(refused), Target::Refused(_)), "{refused}");
        }
        assert_eq!(Target::parse("mailto:"), Target::None);
        assert_eq!(Target::parse("MAILTO:loket@gemeente.example"), Target::Mail(mail("loket@gemeente.example")));
    }

    /// The host's own subject and cc stay; a value with a line break in it is dropped.
    #[test]
    fn a_mailto_target_keeps_the_hosts_subject_and_cc() {
        let Target::Mail(to) =
            Target::parse("mailto:loket@gemeente.example?subject=Initiatief%20Noord&cc=wijk@gemeente.example")
        else {
            panic!("a mail target")
        };
        assert_eq!(to.subject.as_deref(), Some("Initiatief%20Noord"));
        assert_eq!(to.cc.as_deref(), Some("wijk@gemeente.example"));
        let href = mailto(&to, "Inzending: Feest", "{}");
        assert_eq!(
            href,
            "mailto:loket@gemeente.example?subject=Initiatief%20Noord&cc=wijk@gemeente.example&body=%7B%7D"
        );
        let Target::Mail(to) = Target::parse("mailto:a@b.example?subject=x%0D%0ABcc:%20c@d.example&cc=e@f.example%0a")
        else {
            panic!("a mail target")
        };
        assert_eq!((to.subject, to.cc), (None, None));
    }

    #[test]
    fn links_carry_the_document_encoded() {
        let href = mailto(&mail("loket@gemeente.example"), "Inzending: Feest & co", "{\"a\": 1}\n");
        assert_eq!(
            href,
            "mailto:loket@gemeente.example?subject=Inzending%3A%20Feest%20%26%20co&body=%7B%22a%22%3A%201%7D%0A"
        );
        assert_eq!(json_data_url("{}"), "data:application/json;charset=utf-8,%7B%7D");
    }
}
