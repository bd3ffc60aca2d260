//! The widget under exactly the Content-Security-Policy of issue 8
//! (`default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'`), across
//! discover, search, the area map and an initiative page: no violation may be reported, neither
//! to the page (`securitypolicyviolation` events) nor in the console.
//!
//! The server sends `www::CSP` with every HTML page. That policy adds `img-src 'self' data:`,
//! which is looser for images than the issue's `default-src 'self'`, so the test page also
//! carries the issue's policy in a `<meta>` element: a browser enforces every policy it is given,
//! so the page runs under both, and the issue's policy is the one that rules images.

use serde_json::Value;
use verschilmaker_widget::i18n::UiLang;

use crate::browser::Browser;
use crate::demo::one;
use crate::demo::{core_total, demo_dataset, nth_shadow, search_in};
use crate::e2e::{TIMEOUT, settled_widgets, site};

/// The policy of issue 8, word for word.
pub const ISSUE_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/// The violations the page's recorder saw, and the console's errors and warnings about CSP.
fn violations(browser: &Browser) -> (Vec<Value>, Vec<String>) {
    let recorded = browser.execute("return window.cspViolations");
    let recorded = recorded.as_array().cloned().unwrap_or_else(|| panic!("the recorder did not run: {recorded}"));
    let console = browser
        .console_log()
        .into_iter()
        .filter(|line| line.contains("Content Security Policy") || line.contains("Content-Security-Policy"))
        .collect();
    (recorded, console)
}

#[test]
fn the_test_page_carries_the_issues_policy_and_the_server_adds_its_own() {
    let site = site();
    let page = ureq::get(&format!("{}/test/pages/csp.html", site.url)).call().expect("the CSP page is served");
    let header = page.headers().get("content-security-policy").and_then(|v| v.to_str().ok()).map(str::to_owned);
    assert_eq!(header.as_deref(), Some(www::CSP));
    let html = page.into_body().read_to_string().expect("the page's text");
    assert!(html.contains(&format!("content=\"{ISSUE_POLICY}\"")), "the meta policy is not the issue's: {html}");
    // The server's header is at least as strict for everything but images, which the meta rules.
    for directive in ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'"] {
        assert!(www::CSP.split("; ").any(|d| d == directive), "{directive:?} not in {:?}", www::CSP);
    }
}

#[test]
fn the_csp_recorder_sees_a_violation_when_there_is_one() {
    // The control for the test below: a page that sets an inline style in a shadow root.
    let site = site();
    let browser = Browser::start();
    browser.goto(&format!("{}/test/pages/csp-canary.html", site.url));
    let seen = browser.wait_for(
        TIMEOUT,
        "the canary's violation",
        |b| {
            let (recorded, _) = violations(b);
            (!recorded.is_empty()).then_some(recorded)
        },
        |b| format!("{:?}", violations(b)),
    );
    // One report per policy that forbids it: the meta element's (the issue's) is enforced.
    let by_issue_policy = seen.iter().find(|v| v["policy"] == ISSUE_POLICY);
    let by_issue_policy = by_issue_policy.unwrap_or_else(|| panic!("the issue's policy reported nothing: {seen:?}"));
    assert_eq!(by_issue_policy["directive"], "style-src-attr", "{seen:?}");
}

#[test]
fn under_the_issues_strict_csp_nothing_is_blocked_on_any_view() {
    let site = site();
    let dataset = demo_dataset();
    let browser = Browser::start();
    browser.goto(&format!("{}/test/pages/csp.html", site.url));
    let texts = settled_widgets(&browser, 1);
    assert!(texts[0].contains(&dataset.municipality.name), "{texts:?}");
    let shadow = nth_shadow(&browser, 0);
    let mut log = Vec::new();
    let mut check = |browser: &Browser, step: &str| {
        let (recorded, console) = violations(browser);
        eprintln!("{step}: {} violation(s), {} console line(s) about CSP", recorded.len(), console.len());
        log.extend(recorded.into_iter().map(|v| format!("{step}: {v}")));
        log.extend(console.into_iter().map(|line| format!("{step}: console: {line}")));
    };
    // The style sheet applied (it is the one thing `style-src 'self'` could have blocked).
    let border = browser.execute(
        "return getComputedStyle(document.querySelector('verschil-maker').shadowRoot.querySelector('.vm-card')).borderTopStyle",
    );
    assert_eq!(border, "solid", "verschilmaker.css did not apply");
    check(&browser, "discover");

    search_in(&browser, 0, UiLang::Nl, "groen", core_total(&dataset, "groen"));
    check(&browser, "search");

    // The map: a click on an area filters, and its shapes are drawn from the data.
    let area = one(&browser, &shadow, ".vm-map__area");
    browser.click(&area);
    browser.wait_for(
        TIMEOUT,
        "the area to be pressed",
        |b| {
            let pressed = b.execute(
                "return document.querySelector('verschil-maker').shadowRoot.querySelector('.vm-map__area').getAttribute('aria-pressed')",
            );
            (pressed == "true").then_some(())
        },
        |_| String::new(),
    );
    check(&browser, "map");

    // Clear the filters, open the first initiative, and come back.
    browser.goto(&format!("{}/test/pages/csp.html#verschilmaker/initiatief/moestuin-de-vlier", site.url));
    settled_widgets(&browser, 1);
    let shadow = nth_shadow(&browser, 0);
    let title = one(&browser, &shadow, ".vm-detail__title");
    assert_eq!(browser.text(&title), "Buurtmoestuin De Vlier");
    browser.execute(
        "document.querySelector('verschil-maker').shadowRoot.querySelectorAll('details').forEach(d => d.open = true)",
    );
    check(&browser, "initiative");
    browser.click(&one(&browser, &shadow, ".vm-back"));
    one(&browser, &shadow, ".vm-card");
    check(&browser, "back");
    assert_eq!(log, Vec::<String>::new(), "CSP violations");
}
