//! Privacy: every request the browser makes while a visitor uses the widget, from Chromium's own
//! network log (not a page script's view, which module imports, style sheets in shadow roots and
//! the favicon would escape), must go to the page's own origin and be one of the bundle's files,
//! the dataset, or what the host page itself loads; and no cookie may be set.

use std::collections::BTreeSet;

use verschilmaker_widget::i18n::UiLang;

use crate::browser::{Browser, Options};
use crate::demo::one;
use crate::demo::{core_total, demo_dataset, nth_shadow, search_in};
use crate::e2e::{TIMEOUT, settled_widgets, site};
use crate::split::wait_for_later_styles;

/// The widget's own files of the first download, by their names in the sources (the paths
/// below are compared without the content hashes of the built names): the loader, the
/// generated bindings, the wasm and the style sheet.
const BUNDLE: [&str; 4] = [
    "/verschilmaker/verschilmaker.js",
    "/verschilmaker/verschilmaker_app.js",
    "/verschilmaker/verschilmaker_app_bg.wasm",
    "/verschilmaker/verschilmaker.css",
];
/// The folder of the modules split off the first download: one per view (the initiative page,
/// the forms, the agenda: `split_{view}.wasm`) and those that views share (`chunk_{views}.wasm`,
/// named by the views that fetch them).
const LATER_DIR: &str = "/verschilmaker/verschilmaker_app_later/";

/// Whether `path` is one of the later modules.
fn is_later_module(path: &str) -> bool {
    path.strip_prefix(LATER_DIR).is_some_and(|name| {
        (name.starts_with("split_") || name.starts_with("chunk_")) && name.ends_with(".wasm") && !name.contains('/')
    })
}

/// Checks the later modules among `paths`: the module of `view` and only modules that it shares
/// (a chunk whose name lists it), so that opening one view never fetches another's code.
fn assert_later_modules_of(view: &str, paths: &BTreeSet<String>, step: &str) {
    let later: Vec<&str> = paths.iter().map(String::as_str).filter(|path| is_later_module(path)).collect();
    assert!(
        later.contains(&format!("{LATER_DIR}split_{view}.wasm").as_str()),
        "{step}: no module of {view}: {paths:?}"
    );
    for path in &later {
        let name = path.trim_start_matches(LATER_DIR).trim_end_matches(".wasm");
        let shared = name.strip_prefix("chunk_").is_some_and(|views| views.split('_').any(|v| v == view));
        assert!(shared || name == format!("split_{view}"), "{step}: {path} is not {view}'s: {paths:?}");
    }
}
/// The style sheet of those views, linked when the first of them is shown.
const LATER_STYLES: &str = "/verschilmaker/verschilmaker-later.css";
const DATA: &str = "/data/initiatieven.json";

/// A session that records the network.
fn recording_browser() -> Browser {
    Browser::start_with(Options { network_log: true, ..Options::default() })
}

/// The paths the site's pages requested since the last call, without the content hashes of the
/// bundle's file names; panics on any request they made to
/// another origin (`data:` URLs, which reach no server, are not requests in this sense). Requests of the browser's own pages (its new-tab page at start) are left out
/// by the document that made them.
fn requested_paths(browser: &Browser, origin: &str, step: &str) -> BTreeSet<String> {
    let mut paths = BTreeSet::new();
    for request in browser.requests() {
        if !request.document.starts_with(&format!("{origin}/")) {
            assert!(
                request.document.starts_with("chrome:") || request.document.starts_with("about:"),
                "{step}: a request from an unexpected document: {request:?}"
            );
            continue;
        }
        eprintln!("{step}: {} {} ({})", request.method, request.url, request.kind);
        // A `data:` URL is decoded inside the browser and contacts nobody: Chromium's own
        // calendar icon of an `<input type=date>` (the workbench's due dates) is one.
        if request.url.starts_with("data:") {
            continue;
        }
        let rest = request
            .url
            .strip_prefix(origin)
            .filter(|rest| rest.starts_with('/'))
            .unwrap_or_else(|| panic!("{step}: a request to another origin than {origin}: {request:?}"));
        assert_eq!(request.method, "GET", "{step}: {request:?}");
        paths.insert(www::unhashed(rest.split(['?', '#']).next().unwrap_or_default()));
    }
    paths
}

/// Whether the first area on the map is pressed (`aria-pressed`).
fn first_area_pressed(browser: &Browser) -> String {
    let pressed = browser.execute(
        "const area = document.querySelector('verschil-maker').shadowRoot.querySelector('.vm-map__area');\
         return area ? area.getAttribute('aria-pressed') : null",
    );
    pressed.as_str().unwrap_or_default().to_owned()
}

/// Everything the widget keeps in `localStorage`, as one text.
fn stored_drafts(browser: &Browser) -> String {
    let values = browser.execute(
        "return Object.keys(localStorage).filter(k => k.startsWith('verschilmaker/')).map(k => localStorage.getItem(k)).join('\\n')",
    );
    values.as_str().unwrap_or_default().to_owned()
}

fn assert_no_cookies(browser: &Browser, step: &str) {
    assert_eq!(browser.execute("return document.cookie"), "", "{step}: document.cookie");
    assert_eq!(browser.cookies(), Vec::<String>::new(), "{step}: the browser's cookie store");
}

#[test]
fn the_widget_contacts_only_its_bundle_and_data_and_sets_no_cookie() {
    let site = site();
    let dataset = demo_dataset();
    let browser = recording_browser();
    let page_files = ["/", "/css/site.css", "/favicon.svg"];
    let allowed: BTreeSet<&str> = BUNDLE.iter().chain([&DATA, &LATER_STYLES]).chain(&page_files).copied().collect();
    let mut seen = BTreeSet::new();

    browser.goto(&format!("{}/", site.url));
    settled_widgets(&browser, 1);
    let shadow = nth_shadow(&browser, 0);
    one(&browser, &shadow, ".vm-card");
    let discover = requested_paths(&browser, &site.url, "discover");
    // The log works: everything the widget needs was seen, once each at most per kind.
    for path in BUNDLE.iter().chain([&DATA]) {
        assert!(discover.contains(*path), "{path} was not requested (is the network log on?): {discover:?}");
    }
    assert!(
        !discover.contains(LATER_STYLES) && !discover.iter().any(|path| path.starts_with(LATER_DIR)),
        "searching and browsing need only the first download: {discover:?}"
    );
    seen.extend(discover);
    assert_no_cookies(&browser, "discover");

    search_in(&browser, 0, UiLang::Nl, "groen", core_total(&dataset, "groen"));
    seen.extend(requested_paths(&browser, &site.url, "search"));
    assert_no_cookies(&browser, "search");

    let area = one(&browser, &shadow, ".vm-map__area");
    browser.click(&area);
    // The area is filtered on once the map shows it pressed; anything the click would fetch
    // has been asked for by the frame after that.
    browser.wait_for(
        TIMEOUT,
        "the clicked area to be pressed",
        |b| (first_area_pressed(b) == "true").then_some(()),
        first_area_pressed,
    );
    browser.wait_for_next_frame();
    let map = requested_paths(&browser, &site.url, "map");
    assert!(!map.contains(LATER_STYLES) && !map.iter().any(|path| path.starts_with(LATER_DIR)), "{map:?}");
    seen.extend(map);

    let card = one(&browser, &shadow, ".vm-card__link");
    browser.click(&card);
    one(&browser, &shadow, ".vm-detail__title");
    // The page is complete once the later style sheet applies; whatever it fetches lazily has
    // been asked for by the frame after that.
    wait_for_later_styles(&browser, "on the initiative page");
    browser.wait_for_next_frame();
    let initiative = requested_paths(&browser, &site.url, "initiative");
    assert!(initiative.contains(LATER_STYLES), "the initiative page comes with the later styles: {initiative:?}");
    assert_later_modules_of("detail", &initiative, "initiative");
    seen.extend(initiative);
    assert_no_cookies(&browser, "initiative");

    let unexpected: Vec<&String> =
        seen.iter().filter(|p| !allowed.contains(p.as_str()) && !is_later_module(p)).collect();
    assert!(unexpected.is_empty(), "requests beyond the bundle, the data and the page: {unexpected:?}");
    eprintln!("every path requested: {seen:?}");
}

#[test]
fn a_configured_submit_address_is_not_contacted_while_the_visitor_only_looks() {
    let site = site();
    let browser = recording_browser();
    browser.goto(&format!("{}/test/pages/privacy-submit.html", site.url));
    settled_widgets(&browser, 1);
    let shadow = nth_shadow(&browser, 0);
    let card = one(&browser, &shadow, ".vm-card__link");
    browser.click(&card);
    one(&browser, &shadow, ".vm-detail__title");
    // Past the point where a page that contacted the address on showing would have done so.
    wait_for_later_styles(&browser, "on the initiative page");
    browser.wait_for_next_frame();
    let seen = requested_paths(&browser, &site.url, "submit page");
    let allowed: BTreeSet<&str> = BUNDLE
        .iter()
        .chain([&DATA, &LATER_STYLES, &"/test/pages/privacy-submit.html", &"/favicon.svg"])
        .copied()
        .collect();
    let unexpected: Vec<&String> =
        seen.iter().filter(|p| !allowed.contains(p.as_str()) && !is_later_module(p)).collect();
    assert!(unexpected.is_empty(), "requests beyond the bundle, the data and the page: {unexpected:?}");
    assert!(seen.contains(DATA), "{seen:?}");
    assert_no_cookies(&browser, "submit page");
}

/// The workbench's own files: the shared loader and style sheets (its view needs the later one
/// at once), and its own bundle.
const WORKBENCH_BUNDLE: [&str; 5] = [
    "/verschilmaker/verschilmaker.js",
    "/verschilmaker/verschilmaker_werkbank.js",
    "/verschilmaker/verschilmaker_werkbank_bg.wasm",
    "/verschilmaker/verschilmaker.css",
    LATER_STYLES,
];

#[test]
fn the_workbench_and_the_start_form_contact_only_their_bundle_and_data_and_set_no_cookie() {
    let site = site();
    let browser = recording_browser();

    // The workbench: every tab, and an allocation round (all of it runs in the browser).
    browser.goto(&format!("{}/facilitate.html", site.url));
    settled_widgets(&browser, 1);
    let shadow = nth_shadow(&browser, 0);
    one(&browser, &shadow, ".vm-tab");
    let tab_ids: Vec<String> = browser
        .execute("return [...document.querySelector('verschil-maker').shadowRoot.querySelectorAll('.vm-tab')].map(t => t.id)")
        .as_array()
        .map(|ids| ids.iter().filter_map(|id| id.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    assert!(tab_ids.len() >= 5, "the workbench has its five tabs: {tab_ids:?}");
    let mut rounds = 0;
    for id in &tab_ids {
        browser.click(&one(&browser, &shadow, &format!("#{id}")));
        // Shown: the tab is selected and its panel is there; the frame after that has its content.
        let panel = format!("#{}", id.replacen("vm-tab-", "vm-panel-", 1));
        let selected = |b: &Browser| {
            b.execute(&format!(
                "const root = document.querySelector('verschil-maker').shadowRoot;\
                 return root.getElementById('{id}').getAttribute('aria-selected') === 'true'\
                   && !!root.querySelector('{panel}')"
            ))
        };
        browser.wait_for(
            TIMEOUT,
            &format!("the tab {id} to show"),
            |b| (selected(b) == true).then_some(()),
            |b| format!("{:?}", b.widget_texts()),
        );
        browser.wait_for_next_frame();
        if let Some(run) = browser.find_all_in(&shadow, ".vm-round__run").into_iter().next() {
            browser.click(&run);
            one(&browser, &shadow, ".vm-proposal__accept");
            rounds += 1;
        }
    }
    // A tab that renders slowly fails here instead of leaving the round out unnoticed.
    assert_eq!(rounds, 1, "one tab has the allocation round, and its round ran: {tab_ids:?}");
    let workbench = requested_paths(&browser, &site.url, "workbench");
    let allowed: BTreeSet<&str> =
        WORKBENCH_BUNDLE.iter().chain(&[DATA, "/facilitate.html", "/css/site.css", "/favicon.svg"]).copied().collect();
    for path in WORKBENCH_BUNDLE.iter().chain([&DATA]) {
        assert!(workbench.contains(*path), "{path} was not requested (is the network log on?): {workbench:?}");
    }
    let unexpected: Vec<&String> = workbench.iter().filter(|p| !allowed.contains(p.as_str())).collect();
    assert!(
        unexpected.is_empty(),
        "the workbench requested more than its bundle, the data and the page: {unexpected:?}"
    );
    assert_no_cookies(&browser, "workbench");

    // The start form: typing saves a draft in the browser, and nothing leaves it until Send.
    browser.goto(&format!("{}/#verschilmaker/starten", site.url));
    settled_widgets(&browser, 1);
    let shadow = nth_shadow(&browser, 0);
    let title = one(&browser, &shadow, "#vm-s-title");
    browser.click(&title);
    browser.type_into(&title, "Moestuin aan de Dommel");
    one(&browser, &shadow, ".vm-live");
    // Typing is done once its draft is in the browser's storage; a request it would make
    // (saving elsewhere) has been asked for by the frame after that.
    browser.wait_for(
        TIMEOUT,
        "the draft to be saved in localStorage",
        |b| (stored_drafts(b).contains("Moestuin aan de Dommel")).then_some(()),
        stored_drafts,
    );
    browser.wait_for_next_frame();
    let form = requested_paths(&browser, &site.url, "start form");
    let allowed: BTreeSet<&str> =
        BUNDLE.iter().chain(&[DATA, LATER_STYLES, "/", "/css/site.css", "/favicon.svg"]).copied().collect();
    let unexpected: Vec<&String> =
        form.iter().filter(|p| !allowed.contains(p.as_str()) && !is_later_module(p)).collect();
    assert!(
        unexpected.is_empty(),
        "the start form requested more than its bundle, the data and the page: {unexpected:?}"
    );
    assert_later_modules_of("forms", &form, "start form");
    assert_no_cookies(&browser, "start form");
}
