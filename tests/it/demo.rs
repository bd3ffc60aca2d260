//! What the browser tests share: the demo data and core's answers on it, and finding, waiting
//! for and searching the widgets on a served page.

use verschilmaker::Dataset;
use verschilmaker::search::{Query, build_index, search};
use verschilmaker_widget::i18n::UiLang;
use verschilmaker_widget::route::PAGE_SIZE;

use crate::browser::{Browser, Element, ShadowRoot};
use crate::e2e::{TIMEOUT, repo_path};

/// Where the demo dataset is in the repository (the site serves it as `/data/initiatieven.json`).
pub const DEMO: &str = "core/demo/initiatieven.json";

/// The demo dataset, loaded leniently as the widget loads it.
pub fn demo_dataset() -> Dataset {
    let json = std::fs::read_to_string(repo_path(DEMO)).expect("read the demo data");
    Dataset::from_json_lenient(&json).expect("the demo data loads").dataset
}

/// How many initiatives core finds for `text` in the demo data.
pub fn core_total(dataset: &Dataset, text: &str) -> usize {
    let index = build_index(dataset.clone());
    search(&index, &Query { text: text.into(), limit: PAGE_SIZE, ..Query::default() }).total
}

/// The shadow root of the `n`th widget on the page.
pub fn nth_shadow(browser: &Browser, n: usize) -> ShadowRoot {
    let hosts = browser.find_all("verschil-maker");
    browser.shadow_root(&hosts[n]).unwrap_or_else(|| panic!("widget {n} has no open shadow root"))
}

/// Types `text` into the `n`th widget's search box and waits until its count reads `total`.
pub fn search_in(browser: &Browser, n: usize, ui: UiLang, text: &str, total: usize) {
    let shadow = nth_shadow(browser, n);
    let input = browser.wait_for(
        TIMEOUT,
        "the search box",
        |b| b.find_all_in(&shadow, "#vm-q").into_iter().next(),
        |b| format!("{:?}", b.widget_texts()),
    );
    browser.type_into(&input, text);
    let count = format!("{} {}", ui.later_texts().initiative_count(total), ui.later_texts().found);
    browser.wait_for(
        TIMEOUT,
        &format!("widget {n} to count {count:?} for {text:?}"),
        |b| {
            let shown = b.find_all_in(&shadow, ".vm-result-count").first().map(|e| b.text(e)).unwrap_or_default();
            shown.starts_with(&count).then_some(())
        },
        |b| b.find_all_in(&shadow, ".vm-result-count").first().map(|e| b.text(e)).unwrap_or_default(),
    );
}

/// Waits for the first element in `shadow` that matches `css`, and returns it.
pub fn one(browser: &Browser, shadow: &ShadowRoot, css: &str) -> Element {
    browser.wait_for(
        TIMEOUT,
        css,
        |b| b.find_all_in(shadow, css).into_iter().next(),
        |b| b.widget_texts().first().cloned().unwrap_or_default(),
    )
}
