//! Script and URL injection in every text and link field of a dataset, shown in the widget:
//! nothing may execute, no markup from the data may become an element, no link may lead anywhere
//! but http(s), mailto or tel, and the text must show literally.
//!
//! The page runs under the server's strict CSP, which would block an injected inline script
//! anyway; so besides a canary global the test checks the DOM itself (no element or event
//! handler attribute from the data) and that no CSP violation was reported, which is what an
//! injection would cause even when the CSP stops it.

use serde_json::Value;
use verschilmaker::Dataset;

use crate::browser::Browser;
use crate::demo::{DEMO, nth_shadow};
use crate::e2e::{TIMEOUT, settled_widgets, site};

/// Markup and script in text fields. Each sets the canary `window.__vmPwned` if it runs.
const TEXT_PAYLOADS: [&str; 8] = [
    "<script>window.__vmPwned='script'</script>",
    "<img src=x onerror=\"window.__vmPwned='img'\">",
    "<svg onload=\"window.__vmPwned='svg'\"><circle r=\"9\"/></svg>",
    "<a href=\"javascript:window.__vmPwned='a'\">klik hier</a>",
    "<iframe srcdoc=\"<script>parent.__vmPwned='iframe'</script>\"></iframe>",
    "&lt;b&gt;vet&lt;/b&gt; &#106;avascript:window.__vmPwned='entity'",
    "{{constructor.constructor('window.__vmPwned=1')()}} <style>*{display:none}</style>",
    "javascript:window.__vmPwned='text-that-looks-like-a-url'",
];

/// Addresses no link may lead to. Core refuses them, so their records are skipped or the field
/// dropped; they must not come through as links either way.
const BAD_URLS: [&str; 10] = [
    "javascript:window.__vmPwned='url'",
    "JaVaScRiPt:window.__vmPwned='case'",
    "java\tscript:window.__vmPwned='tab'",
    "java\nscript:window.__vmPwned='newline'",
    " javascript:window.__vmPwned='space'",
    "&#106;avascript:window.__vmPwned='entity'",
    "data:text/html,<script>window.__vmPwned='data'</script>",
    "vbscript:msgbox(1)",
    "//evil.example/steal",
    "https:\\\\evil.example",
];

/// Addresses core accepts that carry markup in them: they may become links, but only as the
/// text of an attribute.
const TRICKY_URLS: [&str; 3] = [
    "https://example.org/\"><script>window.__vmPwned='attr'</script>",
    "https://example.org/x?<svg/onload=window.__vmPwned='query'>",
    "HTTPS://example.org/#javascript:window.__vmPwned='fragment'",
];

/// The keys whose string (or translated text) values are shown as text.
const TEXT_KEYS: [&str; 14] = [
    "name",
    "title",
    "summary",
    "description",
    "note",
    "venue",
    "label",
    "address",
    "department",
    "conditions",
    "advice",
    "principles",
    "unit",
    "keywords",
];
/// The keys whose values are addresses.
const LINK_KEYS: [&str; 4] = ["url", "website", "email", "phone"];

struct Injector {
    texts: usize,
    links: usize,
}

impl Injector {
    fn text(&mut self, original: &str) -> String {
        self.texts += 1;
        format!("{original} {}", TEXT_PAYLOADS[self.texts % TEXT_PAYLOADS.len()])
    }

    /// A bad address for records at odd places in their list, a tricky but valid one elsewhere
    /// (emails and phone numbers stay, so that the good records stay valid).
    fn link(&mut self, key: &str, odd: bool) -> Option<String> {
        self.links += 1;
        if odd {
            Some(BAD_URLS[self.links % BAD_URLS.len()].to_owned())
        } else if key == "url" || key == "website" {
            Some(TRICKY_URLS[self.links % TRICKY_URLS.len()].to_owned())
        } else {
            None
        }
    }

    /// Walks the document; `odd` says whether the nearest list item is at an odd place.
    fn walk(&mut self, value: &mut Value, key: &str, odd: bool, top: bool) {
        match value {
            Value::String(text) if TEXT_KEYS.contains(&key) => *text = self.text(text),
            Value::String(text) if LINK_KEYS.contains(&key) && !top => {
                if let Some(link) = self.link(key, odd) {
                    *text = link;
                }
            }
            Value::Object(map) if TEXT_KEYS.contains(&key) => {
                for text in map.values_mut() {
                    if let Value::String(text) = text {
                        *text = self.text(text);
                    }
                }
            }
            Value::Object(map) => {
                for (child_key, child) in map.iter_mut() {
                    // The municipality's own contact is document-level: a bad address there makes
                    // the whole file unusable, which the bad-data tests cover.
                    let top = top || key == "municipality";
                    self.walk(child, child_key, odd, top);
                }
            }
            Value::Array(items) if TEXT_KEYS.contains(&key) => {
                for item in items {
                    self.walk(item, key, odd, top);
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    self.walk(item, key, i % 2 == 1, top);
                }
            }
            _ => {}
        }
    }
}

/// The demo data with a payload in every text field and a hostile address in every link field.
fn injected_dataset() -> String {
    let json = std::fs::read_to_string(crate::e2e::repo_path(DEMO)).expect("read the demo data");
    let mut data: Value = serde_json::from_str(&json).expect("the demo data is JSON");
    let mut injector = Injector { texts: 0, links: 0 };
    injector.walk(&mut data, "", false, false);
    assert!(injector.texts > 300 && injector.links > 50, "{} texts, {} links", injector.texts, injector.links);
    serde_json::to_string_pretty(&data).expect("serialise")
}

fn write_page(json: &str) -> String {
    let dir = www::target_dir(&www::workspace_root()).join("it-generated");
    std::fs::create_dir_all(&dir).expect("create the generated pages folder");
    std::fs::write(dir.join("injection.json"), json).expect("write the injected dataset");
    let page = "<!doctype html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n\
                <link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\n\
                <title>Verschilmaker test: injection in every field</title>\n\
                <script src=\"/test/pages/csp-recorder.js\"></script>\n\
                <script type=\"module\" src=\"/verschilmaker/verschilmaker.js\"></script>\n</head>\n<body>\n<main>\n\
                <h1>Injection</h1>\n\
                <verschil-maker src=\"/generated/injection.json\" lang=\"nl\"></verschil-maker>\n\
                </main>\n</body>\n</html>\n";
    std::fs::write(dir.join("injection.html"), page).expect("write the injection page");
    "/generated/injection.html".to_owned()
}

/// Everything in the widget that data could have turned into markup or a live link, as lines;
/// empty when all is well.
const AUDIT: &str = "\
    const root = document.querySelector('verschil-maker').shadowRoot;\
    const found = [];\
    if (window.__vmPwned !== undefined) found.push('canary: ' + window.__vmPwned);\
    for (const v of window.cspViolations) found.push('csp: ' + v.directive + ' ' + v.blocked + ' ' + v.sample);\
    for (const e of root.querySelectorAll('script, iframe, img, object, embed, style, frame, base, meta, form[action], [srcdoc]'))\
      found.push('element: ' + e.outerHTML.slice(0, 120));\
    for (const e of root.querySelectorAll('*'))\
      for (const a of e.attributes)\
        if (/^on/i.test(a.name) || a.name === 'style') found.push('attribute: ' + a.name + ' on ' + e.tagName);\
    for (const a of root.querySelectorAll('a[href], area[href], [xlink\\\\:href]')) {\
      const raw = a.getAttribute('href') || '';\
      let url; try { url = new URL(raw, location.href); } catch (_) { found.push('unparsable href: ' + raw); continue; }\
      const fragment = raw.startsWith('#') && url.origin === location.origin;\
      if (!fragment && !['http:', 'https:', 'mailto:', 'tel:'].includes(url.protocol)) found.push('href: ' + raw);\
      if (url.hostname === 'evil.example') found.push('href to evil.example: ' + raw);\
    }\
    return found;";

fn audit(browser: &Browser, step: &str) -> Vec<String> {
    if let Some(text) = browser.dismiss_dialog() {
        return vec![format!("{step}: a dialog opened: {text:?}")];
    }
    let found = browser.execute(AUDIT);
    let found = found.as_array().unwrap_or_else(|| panic!("the audit did not run: {found}"));
    found.iter().map(|line| format!("{step}: {}", line.as_str().unwrap_or_default())).collect()
}

/// The widget's text with white space runs as one space.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn injection_in_every_field_executes_nothing_links_nowhere_and_shows_as_text() {
    let site = site();
    let json = injected_dataset();
    let loaded = Dataset::from_json_lenient(&json).expect("the injected dataset loads leniently");
    let dataset = loaded.dataset;
    assert!(dataset.initiatives.len() >= 10, "too few initiatives survive: {}", dataset.initiatives.len());
    // Some bad links made it as far as core, which refused them.
    assert!(!loaded.skipped.is_empty(), "core skipped nothing: the bad links were not in the data");
    let path = write_page(&json);

    let browser = Browser::start();
    browser.goto(&format!("{}{path}", site.url));
    let texts = settled_widgets(&browser, 1);
    let shadow = nth_shadow(&browser, 0);
    browser.wait_for(
        TIMEOUT,
        "the cards",
        |b| b.find_all_in(&shadow, ".vm-card").into_iter().next(),
        |_| String::new(),
    );
    let mut problems = audit(&browser, "discover");

    // The text shows literally: every card title is core's title, markup and all.
    let shown: Vec<String> =
        browser.find_all_in(&shadow, ".vm-card__title").iter().map(|h| words(&browser.text(h))).collect();
    assert!(!shown.is_empty());
    for (title, initiative) in shown.iter().zip(&dataset.initiatives) {
        assert_eq!(title, &words(initiative.title.resolve(&["nl"])));
    }
    let all_text = words(&texts[0]);
    assert!(all_text.contains(&words(&dataset.municipality.name)), "{all_text}");
    assert!(
        TEXT_PAYLOADS.iter().any(|payload| all_text.contains(&words(payload))),
        "no payload shown literally: {all_text}"
    );

    // Every initiative's page: its texts, needs, partners, rules and links.
    for initiative in &dataset.initiatives {
        let id = initiative.id.as_str();
        browser.execute(&format!("location.hash = '#verschilmaker/initiatief/{id}'"));
        let expected = words(initiative.title.resolve(&["nl"]));
        let title = browser.wait_for(
            TIMEOUT,
            &format!("the page of {id}"),
            |b| {
                let title = b.find_all_in(&shadow, ".vm-detail__title").into_iter().next()?;
                let text = words(&b.text(&title));
                (text == expected).then_some(text)
            },
            |b| format!("{:?}", b.widget_texts()),
        );
        assert_eq!(title, expected);
        browser.execute(
            "document.querySelector('verschil-maker').shadowRoot.querySelectorAll('details').forEach(d => d.open = true)",
        );
        if let Some(summary) = &initiative.summary {
            let page = words(&browser.widget_texts()[0]);
            assert!(page.contains(&words(summary.resolve(&["nl"]))), "{id}: the summary is not shown literally");
        }
        problems.extend(audit(&browser, id));
    }
    // The tricky but valid addresses that did become links keep their markup inside the
    // attribute value, as data.
    let hrefs = browser.execute(
        "return [...document.querySelector('verschil-maker').shadowRoot.querySelectorAll('a[href^=\"http\" i]')].map(a => a.getAttribute('href'))",
    );
    eprintln!("external links on the last page: {hrefs}");
    assert_eq!(problems, Vec::<String>::new());
    assert_eq!(browser.execute("return window.__vmPwned === undefined"), true);
}

#[test]
fn the_injection_audit_finds_markup_and_bad_links_when_they_are_there() {
    // The control for the test above: put into the widget what a defective renderer would, and
    // the audit must see each one.
    let site = site();
    let json = injected_dataset();
    let path = write_page(&json);
    let browser = Browser::start();
    browser.goto(&format!("{}{path}", site.url));
    settled_widgets(&browser, 1);
    browser.execute(
        "const app = document.querySelector('verschil-maker').shadowRoot.querySelector('.vm-app');\
         const a = document.createElement('a'); a.setAttribute('href', 'java\\tscript:void(0)'); app.append(a);\
         const b = document.createElement('a'); b.setAttribute('href', '//evil.example/x'); app.append(b);\
         const img = document.createElement('img'); img.setAttribute('onerror', 'x'); app.append(img);\
         window.__vmPwned = 'test';",
    );
    let found = audit(&browser, "control");
    for expected in ["canary", "element: <img", "attribute: onerror", "href: java", "evil.example"] {
        assert!(found.iter().any(|line| line.contains(expected)), "the audit missed {expected:?}: {found:#?}");
    }
}
