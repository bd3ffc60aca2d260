//! End-to-end tests: the demo site built by `www`, served on a free port, driven in headless
//! Chromium through WebDriver.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use serde_json::Value;
use verschilmaker_widget::i18n::UiLang;
use verschilmaker_widget::route::PAGE_SIZE;

use crate::browser::Browser;

/// How long the widget may take to appear. Generous: CI machines are slow and share two cores
/// between the browser, the driver and the server.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// The built site, served for the whole test binary.
pub struct Site {
    pub url: String,
    /// Submissions POSTed under `/inzendingen/` (the demo page's `submit-to`).
    pub inbox: std::sync::Arc<www::Inbox>,
    _server: www::Server,
}

/// Builds the site once per test binary and serves it, with `tests/fixtures/` under `/test/`.
pub fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let root = www::workspace_root();
        let options = www::BuildOptions {
            out_dir: www::target_dir(&root).join("it-site"),
            workspace_root: root.clone(),
            wasm_opt: www::WasmOpt::Auto,
        };
        let report = www::build_site(&options).unwrap_or_else(|e| panic!("building the site: {e}"));
        eprintln!("{report}");
        // The loader alone, without the bindings and wasm beside it.
        let broken = www::target_dir(&root).join("it-broken-bundle");
        std::fs::create_dir_all(&broken).expect("create the broken bundle folder");
        std::fs::copy(report.site_dir.join("verschilmaker/verschilmaker.js"), broken.join("verschilmaker.js"))
            .expect("copy the loader");
        let generated = www::target_dir(&root).join("it-generated");
        std::fs::create_dir_all(&generated).expect("create the generated pages folder");
        std::fs::write(generated.join("bad-data.html"), bad_data_page()).expect("write the bad data page");
        crate::discover::write_generated(&generated);
        crate::forms::write_generated(&generated);
        crate::hostile_storage::write_generated(&generated);
        let inbox = www::Inbox::new(false);
        let server = www::serve(www::ServeOptions {
            root: report.site_dir,
            mounts: vec![
                ("/test/".to_owned(), root.join("tests").join("fixtures")),
                ("/broken-bundle/".to_owned(), broken),
                ("/generated/".to_owned(), generated),
            ],
            addr: "127.0.0.1:0".parse().expect("a loopback address"),
            inbox: Some(("/inzendingen/".to_owned(), std::sync::Arc::clone(&inbox))),
            gzip: true,
        })
        .expect("serving the site");
        Site { url: server.url(), inbox, _server: server }
    })
}

/// The bad-data fixtures (`tests/fixtures/bad/*.json`), sorted by name.
fn bad_fixtures() -> Vec<String> {
    let dir = repo_path("tests/fixtures/bad");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".json"))
        .collect();
    names.sort();
    names
}

/// A page with one widget per bad-data fixture, generated so that new fixtures are covered.
fn bad_data_page() -> String {
    let widgets: String = bad_fixtures()
        .iter()
        .map(|name| format!("    <verschil-maker src=\"/test/bad/{name}\" lang=\"nl\"></verschil-maker>\n"))
        .collect();
    format!(
        "<!doctype html>\n<html lang=\"nl\">\n<head>\n  <meta charset=\"utf-8\">\n\
         <link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\n\
         <title>Verschilmaker test: every bad data file</title>\n\
         <script type=\"module\" src=\"/verschilmaker/verschilmaker.js\"></script>\n</head>\n<body>\n<main>\n\
         {widgets}</main>\n</body>\n</html>\n"
    )
}

pub fn repo_path(relative: &str) -> PathBuf {
    www::workspace_root().join(relative)
}

/// A dataset text as the widget should show it: the preferred language, then the municipality's
/// first language, then any. Read straight from the JSON, independently of `core`.
fn resolve_text(text: &Value, preferred: &[&str]) -> String {
    match text {
        Value::String(plain) => plain.clone(),
        Value::Object(map) => preferred
            .iter()
            .find_map(|lang| map.get(*lang))
            .or_else(|| map.values().next())
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        _ => String::new(),
    }
}

/// The municipality's name and every initiative title of a dataset file, for a visitor reading
/// `lang`.
fn expected_overview(path: &str, lang: &str) -> (String, Vec<String>) {
    let json = std::fs::read_to_string(repo_path(path)).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    let data: Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("parsing {path}: {e}"));
    let first = data["municipality"]["languages"][0].as_str().unwrap_or("nl");
    let preferred = [lang, first];
    let titles = data["initiatives"]
        .as_array()
        .map(|list| list.iter().map(|i| resolve_text(&i["title"], &preferred)).collect())
        .unwrap_or_default();
    let name = data["municipality"]["name"].as_str().unwrap_or_default().to_owned();
    (name, titles)
}

/// Waits until there are `count` widgets and every one has left its loading state.
pub fn settled_widgets(browser: &Browser, count: usize) -> Vec<String> {
    browser.wait_for(
        TIMEOUT,
        &format!("{count} widget(s) to finish loading"),
        |b| {
            let texts = b.widget_texts();
            let loading = [UiLang::Nl.later_texts().loading, UiLang::En.later_texts().loading];
            let done = texts.len() == count
                && texts.iter().all(|t| !t.trim().is_empty() && !loading.iter().any(|l| t.contains(l)));
            done.then_some(texts)
        },
        |b| format!("{:?}", b.widget_texts()),
    )
}

/// Console errors, including CSP violations and failed requests.
pub fn severe_console_messages(browser: &Browser) -> Vec<String> {
    browser.console_log().into_iter().filter(|line| line.starts_with("SEVERE")).collect()
}

pub fn save_screenshot(browser: &Browser, name: &str) -> PathBuf {
    let dir = repo_path("tests/artifacts");
    std::fs::create_dir_all(&dir).expect("create tests/artifacts");
    let path = dir.join(name);
    std::fs::write(&path, browser.screenshot()).expect("write the screenshot");
    path
}

#[test]
fn demo_page_shows_every_initiative_of_the_demo_data() {
    let site = site();
    let (municipality, titles) = expected_overview("core/demo/initiatieven.json", "nl");
    assert!(!titles.is_empty(), "the demo data has no initiatives");

    // The demo is served under the strict CSP the widget promises to work under; with no console
    // errors below, that shows it does.
    let page = ureq::get(&format!("{}/", site.url)).call().expect("the demo page is served");
    let csp = page.headers().get("content-security-policy").and_then(|v| v.to_str().ok());
    assert_eq!(csp, Some(www::CSP));

    let browser = Browser::start();
    browser.goto(&format!("{}/", site.url));
    let texts = settled_widgets(&browser, 1);
    let text = &texts[0];
    assert!(text.contains(&municipality), "municipality {municipality:?} not in {text:?}");

    // Each title is its own visible card heading, in the data's order: the first page, then
    // all of them after "more".
    let host = &browser.find_all("verschil-maker")[0];
    let shadow = browser.shadow_root(host).expect("the widget has an open shadow root");
    let headings = browser.find_all_in(&shadow, ".vm-card__title");
    let shown: Vec<String> = headings.iter().map(|h| browser.text(h)).collect();
    assert_eq!(shown, titles[..PAGE_SIZE.min(titles.len())]);
    assert!(headings.iter().all(|h| browser.is_displayed(h)));
    let first_results = browser.execute(
        "const m = performance.getEntriesByName('verschilmaker:first-results')[0]; return m ? m.startTime : null",
    );
    eprintln!("first render with results: {first_results} ms after navigation start");
    if titles.len() > PAGE_SIZE {
        let more = browser.find_all_in(&shadow, ".vm-button--secondary");
        browser.click(&more[0]);
        let all = browser.wait_for(
            TIMEOUT,
            "every card after \"more\"",
            |b| {
                let shown: Vec<String> = b.find_all_in(&shadow, ".vm-card__title").iter().map(|h| b.text(h)).collect();
                (shown.len() == titles.len()).then_some(shown)
            },
            |b| format!("{} cards", b.find_all_in(&shadow, ".vm-card__title").len()),
        );
        assert_eq!(all, titles);
    }

    // The host page around the widget is intact.
    let h1 = browser.execute("return document.querySelector('h1').textContent");
    assert_eq!(h1.as_str(), Some("Initiatieven van inwoners"));
    // The style sheet loaded inside the shadow root (CSP allows only 'self' styles).
    let border = browser.execute(
        "const card = document.querySelector('verschil-maker').shadowRoot.querySelector('.vm-card');\
         return getComputedStyle(card).borderTopStyle",
    );
    assert_eq!(border.as_str(), Some("solid"), "verschilmaker.css did not apply");

    assert_eq!(severe_console_messages(&browser), Vec::<String>::new());
    let screenshot = save_screenshot(&browser, "demo.png");
    eprintln!("screenshot: {}", screenshot.display());
}

#[test]
fn unusable_data_shows_a_friendly_error_in_the_visitors_language() {
    let site = site();
    let browser = Browser::start();
    browser.goto(&format!("{}/test/pages/errors.html", site.url));
    let texts = settled_widgets(&browser, 4);
    let (nl, en) = (UiLang::Nl.later_texts(), UiLang::En.later_texts());
    // In page order: a 404 (Dutch), an unreachable host (English), a file that is not a dataset
    // (Dutch, from `<html lang>`), and no `src` at all (English).
    let expected = [nl.error_http, en.error_network, nl.error_invalid, en.error_no_src];
    for (text, message) in texts.iter().zip(expected) {
        assert!(text.contains(message), "{message:?} not in {text:?}");
    }
    // The technical details are there, folded away behind a disclosure.
    let details = browser
        .execute("return document.querySelector('verschil-maker').shadowRoot.querySelector('details').textContent");
    let details = details.as_str().unwrap_or_default();
    assert!(details.contains("HTTP 404"), "{details:?}");
    for (text, title) in texts.iter().zip([nl, en, nl, en].map(|t| t.error_title)) {
        assert!(text.contains(title), "{title:?} not in {text:?}");
    }
    // The host page still works around the failing widgets.
    let host_text = browser.execute("return document.querySelector('main p').textContent");
    assert_eq!(host_text.as_str(), Some("Deze pagina blijft werken, ook als de widget faalt."));
}

#[test]
fn snippet_pasted_twice_gives_two_working_instances() {
    let site = site();
    let (municipality, titles) = expected_overview("core/demo/initiatieven.json", "nl");
    let (_, titles_en) = expected_overview("core/demo/initiatieven.json", "en");
    let browser = Browser::start();
    browser.goto(&format!("{}/test/pages/twice.html", site.url));
    let texts = settled_widgets(&browser, 2);
    let heading_nl = format!("{} {municipality}", UiLang::Nl.later_texts().initiatives_in);
    let heading_en = format!("{} {municipality}", UiLang::En.later_texts().initiatives_in);
    assert!(texts[0].contains(&heading_nl), "{heading_nl:?} not in {:?}", texts[0]);
    assert!(texts[1].contains(&heading_en), "{heading_en:?} not in {:?}", texts[1]);
    for title in titles.iter().take(PAGE_SIZE) {
        assert!(texts[0].contains(title), "{title:?} not in the Dutch instance");
    }
    for title in titles_en.iter().take(PAGE_SIZE) {
        assert!(texts[1].contains(title), "{title:?} not in the English instance");
    }
    let defined = browser.execute("return typeof customElements.get('verschil-maker')");
    assert_eq!(defined.as_str(), Some("function"));
    let errors: Vec<String> = browser.console_log().into_iter().filter(|line| line.starts_with("SEVERE")).collect();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
}

#[test]
fn a_defective_record_is_skipped_with_a_notice() {
    let site = site();
    let browser = Browser::start();
    browser.goto(&format!("{}/test/pages/skipped.html", site.url));
    let texts = settled_widgets(&browser, 1);
    let text = &texts[0];
    let en = UiLang::En.later_texts();
    // English from `<html lang="en">`; a text without English falls back to the municipality's
    // first language.
    for shown in ["Initiatives in Gemeente Proefdorp", "Façade gardens", "Repair Café", "Green", en.skipped_title] {
        assert!(text.contains(shown), "{shown:?} not in {text:?}");
    }
    assert!(!text.contains("onbekende fase"), "the defective record is shown: {text:?}");
    let details = browser.execute(
        "return document.querySelector('verschil-maker').shadowRoot.querySelector('.vm-notice details').textContent",
    );
    assert!(details.as_str().unwrap_or_default().contains("initiatives[1].stage"), "{details}");
}

#[test]
fn a_hostile_host_page_cannot_restyle_the_widget() {
    let site = site();
    let (_, titles) = expected_overview("core/demo/initiatieven.json", "nl");
    let browser = Browser::start();
    browser.goto(&format!("{}/test/pages/hostile.html", site.url));
    let texts = settled_widgets(&browser, 1);
    for title in titles.iter().take(PAGE_SIZE) {
        assert!(texts[0].contains(title), "{title:?} not in {:?}", texts[0]);
    }
    let style = browser.execute(
        "const title = document.querySelector('verschil-maker').shadowRoot.querySelector('.vm-card__title');\
         const app = title.closest('.vm-app');\
         const s = getComputedStyle(title);\
         return [s.display, s.color === 'rgb(255, 0, 0)', parseFloat(getComputedStyle(app).fontSize)]",
    );
    assert_eq!(style[0].as_str(), Some("block"), "{style}");
    assert_eq!(style[1].as_bool(), Some(false), "the host's colour leaked in: {style}");
    assert!(style[2].as_f64().unwrap_or(0.0) >= 16.0, "the base size is below 16 px: {style}");
}

#[test]
fn a_missing_bundle_shows_an_error_instead_of_a_blank_box() {
    let site = site();
    let browser = Browser::start();
    browser.goto(&format!("{}/test/pages/broken-bundle.html", site.url));
    let failed = "The overview of initiatives cannot be loaded right now.";
    browser.wait_for(
        TIMEOUT,
        "the loader's error message",
        |b| b.widget_texts().first().filter(|t| t.contains(failed)).cloned(),
        |b| format!("{:?}", b.widget_texts()),
    );
}

#[test]
fn every_bad_data_file_gives_an_error_state_or_a_notice_never_a_blank_box() {
    let site = site();
    let fixtures = bad_fixtures();
    assert!(fixtures.len() >= 10, "expected the bad-data fixtures, found {fixtures:?}");
    let browser = Browser::start();
    browser.goto(&format!("{}/generated/bad-data.html", site.url));
    let texts = settled_widgets(&browser, fixtures.len());
    let nl = UiLang::Nl.later_texts();
    for (name, text) in fixtures.iter().zip(&texts) {
        // What the widget should do follows from core's lenient load: a document-level defect is
        // an error state, anything else an overview with a notice of what was skipped.
        let bytes = std::fs::read(repo_path(&format!("tests/fixtures/bad/{name}"))).expect("read the fixture");
        // The widget reads the answer as text, as the browser decodes it: bytes that are not
        // UTF-8 (one fixture) become U+FFFD, which the lenient load warns of.
        let json = String::from_utf8_lossy(&bytes);
        match verschilmaker::Dataset::from_json_lenient(&json) {
            Err(_) => {
                assert!(text.contains(nl.error_invalid), "{name}: no error message in {text:?}")
            }
            Ok(loaded) => {
                assert!(text.contains(nl.initiatives_in), "{name}: no overview in {text:?}");
                assert_eq!(
                    text.contains(nl.skipped_title),
                    !loaded.skipped.is_empty(),
                    "{name}: the notice does not match what was skipped: {text:?}"
                );
            }
        }
    }
    assert_eq!(severe_console_messages(&browser), Vec::<String>::new());
}
