//! Host pages unlike the demo's: a CMS page with `<base href>` elsewhere. Every link and
//! address the widget writes stays on the page itself.

use verschilmaker_widget::i18n::UiLang;

use crate::browser::Browser;
use crate::demo::one;
use crate::demo::{core_total, demo_dataset, nth_shadow, search_in};
use crate::e2e::{settled_widgets, site};

const PAGE: &str = "/test/pages/base-href.html";

/// The page's path and fragment as the browser has them now.
fn location(browser: &Browser) -> (String, String) {
    let value = browser.execute("return [location.pathname, location.hash]");
    (value[0].as_str().unwrap_or_default().to_owned(), value[1].as_str().unwrap_or_default().to_owned())
}

#[test]
fn under_a_base_href_links_and_addresses_stay_on_the_page() {
    let site = site();
    let dataset = demo_dataset();
    let browser = Browser::start();
    browser.goto(&format!("{}{PAGE}", site.url));
    settled_widgets(&browser, 1);
    let shadow = nth_shadow(&browser, 0);
    one(&browser, &shadow, ".vm-card__link");

    // Every card's link, as the browser resolves it (what a middle click or "copy link" uses),
    // is this page with the initiative's fragment, not the base folder.
    let links = browser.execute(
        "return [...document.querySelector('verschil-maker').shadowRoot.querySelectorAll('.vm-card__link')]\
             .map((a) => [new URL(a.href).pathname, new URL(a.href).hash])",
    );
    let links: Vec<(String, String)> = serde_json::from_value(links).expect("the links");
    assert!(!links.is_empty());
    for (path, hash) in &links {
        assert_eq!(path, PAGE, "a card links to another page: {path}{hash}");
        assert!(hash.starts_with("#verschilmaker/initiatief/"), "{hash}");
    }

    // A search rewrites the address in place: it stays this page.
    search_in(&browser, 0, UiLang::Nl, "groen", core_total(&dataset, "groen"));
    let (path, hash) = location(&browser);
    assert_eq!(path, PAGE, "the search moved the page to {path}{hash}");
    assert!(hash.starts_with("#verschilmaker/zoeken"), "{hash}");

    // A click opens the initiative on this page, and a reload of that address shows it again.
    let card = one(&browser, &shadow, ".vm-card__link");
    browser.click(&card);
    one(&browser, &shadow, ".vm-detail__title");
    let (path, hash) = location(&browser);
    assert_eq!(path, PAGE, "the click left the page for {path}{hash}");
    assert!(hash.starts_with("#verschilmaker/initiatief/"), "{hash}");
    let url = browser.current_url();
    browser.goto("about:blank");
    browser.goto(&url);
    settled_widgets(&browser, 1);
    let shadow = nth_shadow(&browser, 0);
    one(&browser, &shadow, ".vm-detail__title");
    assert_eq!(location(&browser), (PAGE.to_owned(), hash));
}

/// A `heading-level` out of range is brought into 1–6 (the editor meant a deep or a top
/// heading); one that is no number gives the default, 2.
#[test]
fn heading_levels_out_of_range_are_clamped() {
    let site = site();
    let browser = Browser::start();
    browser.goto(&format!("{}/test/pages/heading-levels.html", site.url));
    settled_widgets(&browser, 4);
    for (n, expected) in ["H6", "H1", "H1", "H2"].into_iter().enumerate() {
        let shadow = nth_shadow(&browser, n);
        let heading = one(&browser, &shadow, ".vm-heading");
        let tag = browser.execute(&format!(
            "return document.querySelectorAll('verschil-maker')[{n}].shadowRoot.querySelector('.vm-heading').tagName"
        ));
        assert_eq!(tag, serde_json::json!(expected), "widget {n}: {}", browser.text(&heading));
    }
}
