//! The two bundles: the loader fetches the resident bundle for the residents' views and the
//! workbench bundle only for `view="facilitate"`, each at most once per page, as the browser's
//! own resource timing shows.

use crate::browser::Browser;
use crate::e2e::{settled_widgets, site};

const APP: &str = "verschilmaker_app";
const WORKBENCH: &str = "verschilmaker_werkbank";

/// Opens `path`, waits until its `count` widgets have settled, and returns the bundle files the
/// page fetched (the last path segment of every resource under `/verschilmaker/`), by their names
/// in the sources: every one but the loader has a content hash in its name, which is checked and
/// taken out.
fn fetched_bundle_files(path: &str, count: usize) -> Vec<String> {
    let browser = Browser::start();
    browser.goto(&format!("{}{path}", site().url));
    settled_widgets(&browser, count);
    let names = browser.execute(
        "return performance.getEntriesByType('resource')\
           .map((entry) => new URL(entry.name).pathname)\
           .filter((path) => path.startsWith('/verschilmaker/'))\
           .map((path) => path.split('/').pop());",
    );
    let names: Vec<String> = names
        .as_array()
        .unwrap_or_else(|| panic!("resource names: {names}"))
        .iter()
        .filter_map(|name| name.as_str().map(str::to_owned))
        .collect();
    for name in &names {
        assert_eq!(www::is_hashed(name), name != www::LOADER, "{name}: only the loader keeps its name");
    }
    names.iter().map(|name| www::unhashed(name)).collect()
}

fn count(files: &[String], name: &str) -> usize {
    files.iter().filter(|file| *file == name).count()
}

#[test]
fn a_discover_page_fetches_only_the_resident_bundle() {
    let files = fetched_bundle_files("/", 1);
    assert_eq!(count(&files, &format!("{APP}.js")), 1, "{files:?}");
    assert_eq!(count(&files, &format!("{APP}_bg.wasm")), 1, "{files:?}");
    assert!(!files.iter().any(|file| file.starts_with(WORKBENCH)), "a resident page fetched the workbench: {files:?}");
}

#[test]
fn the_agenda_is_in_the_resident_bundle() {
    let files = fetched_bundle_files("/agenda.html", 1);
    assert_eq!(count(&files, &format!("{APP}_bg.wasm")), 1, "{files:?}");
    assert!(!files.iter().any(|file| file.starts_with(WORKBENCH)), "the agenda fetched the workbench: {files:?}");
}

#[test]
fn a_facilitate_page_fetches_only_the_workbench_bundle() {
    let files = fetched_bundle_files("/facilitate.html", 1);
    assert_eq!(count(&files, &format!("{WORKBENCH}.js")), 1, "{files:?}");
    assert_eq!(count(&files, &format!("{WORKBENCH}_bg.wasm")), 1, "{files:?}");
    assert!(
        !files.iter().any(|file| file.starts_with(APP)),
        "the workbench page fetched the resident bundle: {files:?}"
    );
}

#[test]
fn a_page_with_both_kinds_of_view_fetches_each_bundle_once() {
    let files = fetched_bundle_files("/test/pages/both-bundles.html", 3);
    for name in [APP, WORKBENCH] {
        assert_eq!(count(&files, &format!("{name}.js")), 1, "{files:?}");
        assert_eq!(count(&files, &format!("{name}_bg.wasm")), 1, "{files:?}");
    }
    assert_eq!(count(&files, "verschilmaker.js"), 1, "{files:?}");
}
