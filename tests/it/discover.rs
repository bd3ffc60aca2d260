//! End-to-end tests of the discover view, the area map and the initiative page in headless
//! Chromium: counts compared with core's own answers, deep links and the back button, a
//! keyboard-only pass, axe-core on every view in both languages, screenshots at desktop width
//! and at 320 px, and how loading and typing grow from 1 000 to 10 000 generated initiatives.

use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;
use verschilmaker::search::{Filters, Query, build_index, search};
use verschilmaker::synth::{SynthConfig, generate};
use verschilmaker::{AreaId, Dataset, Stage, ThemeId};
use verschilmaker_widget::components::{matches, reason_text};
use verschilmaker_widget::data::Loaded;
use verschilmaker_widget::i18n::UiLang;
use verschilmaker_widget::route::PAGE_SIZE;

use crate::browser::{Browser, ShadowRoot};
use crate::demo::{DEMO, demo_dataset, one};
use crate::e2e::{TIMEOUT, repo_path, save_screenshot, settled_widgets, severe_console_messages, site};
use crate::keyboard::{ENTER, SHIFT, SPACE, TAB, focus_is_visible, focused, tab_until};

/// The initiative the page tests open: it has needs, rules, an area and partners nearby.
const GARDEN: &str = "moestuin-de-vlier";
const SYNTH_INITIATIVES: usize = 10_000;

/// Writes the generated pages and data the tests below serve under `/generated/`.
pub fn write_generated(dir: &Path) {
    write_dataset_page(dir, "synth-10k", &generate(&SynthConfig::with_initiatives(2026, SYNTH_INITIATIVES)));
    // A tenth of it, the baseline of `ten_thousand_initiatives_stay_responsive`.
    write_dataset_page(dir, "synth-1k", &generate(&SynthConfig::with_initiatives(2026, SYNTH_INITIATIVES / 10)));
    // Two initiatives from the demo: one idea without needs, one running with needs, so that
    // filtering on the idea stage empties the kinds-of-need filter, which sits above the stages.
    let mut two = demo_dataset();
    let idea = two.initiatives.iter().position(|i| i.stage == Stage::Idea).expect("an idea in the demo");
    let running = two.initiatives.iter().position(|i| i.stage == Stage::Running).expect("a running one");
    let (mut idea, running) = (two.initiatives[idea].clone(), two.initiatives[running].clone());
    idea.needs.clear();
    two.initiatives = vec![idea, running];
    two.commitments.clear();
    two.editions.clear();
    write_dataset_page(dir, "two-initiatives", &two);
}

/// Writes `{name}.json` and `{name}.html`, a page with one widget on that data.
fn write_dataset_page(dir: &Path, name: &str, dataset: &Dataset) {
    let json = serde_json::to_string(dataset).expect("the dataset serialises");
    std::fs::write(dir.join(format!("{name}.json")), json).expect("write the dataset");
    let widget = format!("<verschil-maker src=\"/generated/{name}.json\"></verschil-maker>");
    std::fs::write(dir.join(format!("{name}.html")), page("nl", &widget)).expect("write the page");
}

fn page(lang: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\n<title>Verschilmaker test</title>\n\
         <script type=\"module\" src=\"/verschilmaker/verschilmaker.js\"></script>\n</head>\n<body>\n<main>\n\
         <h1>Verschilmaker test</h1>\n{body}\n</main>\n</body>\n</html>\n"
    )
}

/// Core's answer for a query over the demo data: the total and the first page's ids.
pub(crate) fn core_answer(dataset: &Dataset, query: Query) -> (usize, Vec<String>) {
    let index = build_index(dataset.clone());
    let results = search(&index, &Query { limit: PAGE_SIZE, ..query });
    (results.total, results.hits.iter().map(|h| h.id.as_str().to_owned()).collect())
}

/// Starts a browser on the demo page and waits until its one widget has settled.
fn open_demo_page() -> (Browser, ShadowRoot) {
    let browser = Browser::start();
    browser.goto(&format!("{}/", site().url));
    settled_widgets(&browser, 1);
    let shadow = shadow(&browser);
    (browser, shadow)
}

fn shadow(browser: &Browser) -> ShadowRoot {
    let host = &browser.find_all("verschil-maker")[0];
    browser.shadow_root(host).expect("the widget has an open shadow root")
}

/// The ids of the cards shown.
fn card_ids(browser: &Browser) -> Vec<String> {
    let ids = browser.execute(
        "return [...document.querySelector('verschil-maker').shadowRoot.querySelectorAll('.vm-card__link')]\
         .map(a => a.dataset.id)",
    );
    ids.as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect()).unwrap_or_default()
}

/// Waits until the result count reads `total` and the cards are `ids`.
pub(crate) fn expect_results(browser: &Browser, shadow: &ShadowRoot, ui: UiLang, total: usize, ids: &[String]) {
    let count = ui.later_texts().initiative_count(total) + " " + ui.later_texts().found;
    browser.wait_for(
        TIMEOUT,
        &format!("the count {count:?} and {} cards", ids.len()),
        |b| {
            let text = b.find_all_in(shadow, ".vm-result-count").first().map(|e| b.text(e)).unwrap_or_default();
            (text.starts_with(&count) && card_ids(b) == ids).then_some(())
        },
        |b| {
            let text = b.find_all_in(shadow, ".vm-result-count").first().map(|e| b.text(e)).unwrap_or_default();
            format!("{text:?}, cards {:?}", card_ids(b))
        },
    );
}

/// Text with every run of white space (flex items are on lines of their own) as one space.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn search_and_filters_narrow_the_list_with_the_cores_counts() {
    let dataset = demo_dataset();
    let (browser, shadow) = open_demo_page();
    let ui = UiLang::Nl;

    let (total, ids) = core_answer(&dataset, Query::default());
    expect_results(&browser, &shadow, ui, total, &ids);

    let search_box = one(&browser, &shadow, "#vm-q");
    browser.type_into(&search_box, "groen");
    let text_query = Query { text: "groen".into(), ..Query::default() };
    let (total, ids) = core_answer(&dataset, text_query.clone());
    assert!(total > 1 && total < dataset.initiatives.len(), "a search that narrows: {total}");
    expect_results(&browser, &shadow, ui, total, &ids);
    // The title's matched words are <mark> elements.
    let marks = browser.execute(
        "return [...document.querySelector('verschil-maker').shadowRoot.querySelectorAll('.vm-card__title mark')]\
         .map(m => m.textContent.toLowerCase())",
    );
    assert!(
        marks.as_array().is_some_and(|m| !m.is_empty() && m.iter().all(|m| m.as_str().unwrap().contains("groen"))),
        "{marks}"
    );

    // The theme facet shows core's disjunctive count; choosing it narrows the list to core's answer.
    let groen = ThemeId::new("groen").unwrap();
    let index = build_index(dataset.clone());
    let facet = search(&index, &text_query).facets.themes[dataset.themes.iter().position(|t| t.id == groen).unwrap()];
    let label = browser.wait_for(
        TIMEOUT,
        "the Groen option",
        |b| {
            b.find_all_in(&shadow, ".vm-options .vm-option")
                .into_iter()
                .find(|o| words(&b.text(o)).starts_with("Groen "))
        },
        |b| {
            format!(
                "{:?}",
                b.find_all_in(&shadow, ".vm-options .vm-option").iter().map(|o| b.text(o)).collect::<Vec<_>>()
            )
        },
    );
    assert_eq!(words(&browser.text(&label)), format!("Groen {facet}"));
    browser.click(&label);
    let filtered = Query { filters: Filters { themes: vec![groen], ..Filters::default() }, ..text_query.clone() };
    let (total, ids) = core_answer(&dataset, filtered);
    expect_results(&browser, &shadow, ui, total, &ids);

    // "Still needs help" narrows further, or keeps the list when every one does.
    let open = one(&browser, &shadow, ".vm-option--strong");
    browser.click(&open);
    let still_open = Query {
        filters: Filters {
            themes: vec![ThemeId::new("groen").unwrap()],
            need_status: vec![verschilmaker::search::NeedStatus::Open],
            ..Filters::default()
        },
        ..text_query
    };
    let (total, ids) = core_answer(&dataset, still_open);
    expect_results(&browser, &shadow, ui, total, &ids);

    // A postcode selects its area.
    let postcode = one(&browser, &shadow, "#vm-postcode");
    browser.type_into(&postcode, "5211 AB");
    let by_postcode = Query {
        filters: Filters {
            themes: vec![ThemeId::new("groen").unwrap()],
            need_status: vec![verschilmaker::search::NeedStatus::Open],
            postcode: Some("5211 AB".into()),
            ..Filters::default()
        },
        text: "groen".into(),
        ..Query::default()
    };
    let (total, ids) = core_answer(&dataset, by_postcode);
    expect_results(&browser, &shadow, ui, total, &ids);
    let status = browser.text(&one(&browser, &shadow, "#vm-postcode-status"));
    assert!(status.contains("Binnenstad"), "{status:?}");

    // Nothing found: help, and a button that clears every filter.
    browser.type_into(&search_box, "zzqx");
    expect_results(&browser, &shadow, ui, 0, &[]);
    let clear = one(&browser, &shadow, ".vm-empty .vm-button");
    assert_eq!(browser.text(&clear), ui.later_texts().clear_filters);
    browser.click(&clear);
    let (total, ids) = core_answer(&dataset, Query::default());
    expect_results(&browser, &shadow, ui, total, &ids);
    assert_eq!(severe_console_messages(&browser), Vec::<String>::new());
}

#[test]
fn the_map_filters_by_area_with_mouse_and_keyboard() {
    let dataset = demo_dataset();
    let (browser, shadow) = open_demo_page();
    let paths = browser.wait_for(
        TIMEOUT,
        "the map's areas",
        |b| Some(b.find_all_in(&shadow, ".vm-map__area")).filter(|p| !p.is_empty()),
        |_| String::new(),
    );
    let names: Vec<String> = browser
        .execute(
            "return [...document.querySelector('verschil-maker').shadowRoot.querySelectorAll('.vm-map__area')]\
             .map(p => p.querySelector('title').textContent)",
        )
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    let leaves: Vec<&str> = dataset
        .areas
        .iter()
        .filter(|a| !dataset.areas.iter().any(|c| c.parent.as_ref() == Some(&a.id)))
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(names.len(), leaves.len(), "one shape per innermost area: {names:?}");

    let pressed = |b: &Browser| {
        b.execute(
            "return [...document.querySelector('verschil-maker').shadowRoot.querySelectorAll('.vm-map__area')]\
             .map(p => p.getAttribute('aria-pressed'))",
        )
    };
    browser.click(&paths[0]);
    let first = dataset.areas.iter().find(|a| a.name == names[0]).unwrap();
    let (total, ids) = core_answer(
        &dataset,
        Query { filters: Filters { areas: vec![first.id.clone()], ..Filters::default() }, ..Query::default() },
    );
    expect_results(&browser, &shadow, UiLang::Nl, total, &ids);
    assert_eq!(pressed(&browser)[0], "true");

    // The keyboard: focus the second area by script, then Enter and Space switch it.
    browser.execute("document.querySelector('verschil-maker').shadowRoot.querySelectorAll('.vm-map__area')[1].focus()");
    browser.press(ENTER);
    let second = dataset.areas.iter().find(|a| a.name == names[1]).unwrap();
    let areas: Vec<AreaId> = vec![first.id.clone(), second.id.clone()];
    let (total, ids) =
        core_answer(&dataset, Query { filters: Filters { areas, ..Filters::default() }, ..Query::default() });
    expect_results(&browser, &shadow, UiLang::Nl, total, &ids);
    assert_eq!(pressed(&browser)[1], "true");
    // The map is patched in place, so the area keeps the focus after Enter and after Space.
    let second_has_focus = |b: &Browser| {
        b.execute(
            "const root = document.querySelector('verschil-maker').shadowRoot;\
             return root.activeElement === root.querySelectorAll('.vm-map__area')[1]",
        )
    };
    assert_eq!(second_has_focus(&browser), true, "the focus after Enter");
    browser.press(" ");
    let (total, ids) = core_answer(
        &dataset,
        Query { filters: Filters { areas: vec![first.id.clone()], ..Filters::default() }, ..Query::default() },
    );
    expect_results(&browser, &shadow, UiLang::Nl, total, &ids);
    assert_eq!(pressed(&browser)[1], "false");
    assert_eq!(second_has_focus(&browser), true, "the focus after Space");
    // The table has the same figures as the map.
    let row = browser.execute(&format!(
        "const rows = [...document.querySelector('verschil-maker').shadowRoot.querySelectorAll('.vm-table tbody tr')];\
         return rows.map(r => r.textContent).find(t => t.startsWith({:?}))",
        names[0]
    ));
    assert!(row.as_str().is_some(), "no table row for {:?}", names[0]);

    // The shading: by open needs, and back to initiatives found, through the two radios.
    let texts = UiLang::Nl.texts();
    let shading = |b: &Browser| {
        b.execute(
            "const root = document.querySelector('verschil-maker').shadowRoot;\
             return [root.querySelector('.vm-map__area').getAttribute('aria-label'),\
               ...[...root.querySelectorAll('input[name=vm-shade]')].map(i => i.checked)]",
        )
    };
    for (value, unit, one_unit, checked) in [
        ("open", texts.open_needs_lower, texts.open_need_lower, [false, true]),
        ("found", texts.initiatives_lower, texts.initiative_one, [true, false]),
    ] {
        // "Noord: 3 initiatieven", but "Noord: 1 initiatief".
        let named = |label: &str| {
            if label.contains(": 1 ") { label.ends_with(&format!(": 1 {one_unit}")) } else { label.ends_with(unit) }
        };
        browser.click(&one(&browser, &shadow, &format!("input[name=vm-shade][value={value}]")));
        let shown = browser.wait_for(
            TIMEOUT,
            &format!("the map shaded by {unit}"),
            |b| Some(shading(b)).filter(|s| s[0].as_str().is_some_and(named)),
            |b| shading(b).to_string(),
        );
        assert_eq!((shown[1].as_bool(), shown[2].as_bool()), (Some(checked[0]), Some(checked[1])), "{shown}");
    }
}

#[test]
fn an_initiative_shows_partners_with_reasons_and_the_back_button_keeps_the_search() {
    let site = site();
    let json = std::fs::read_to_string(repo_path(DEMO)).unwrap();
    let dataset = demo_dataset();
    let browser = Browser::start();

    // A deep link opens the page directly.
    browser.goto(&format!("{}/#verschilmaker/initiatief/{GARDEN}", site.url));
    settled_widgets(&browser, 1);
    let shadow = shadow(&browser);
    let title = one(&browser, &shadow, ".vm-detail__title");
    assert_eq!(browser.text(&title), "Buurtmoestuin De Vlier");
    // The partners and reasons are core's, rendered in the visitor's language.
    let loaded = Loaded::from_json(&json, "nl").unwrap();
    let at = loaded.dataset.initiatives.iter().position(|i| i.id.as_str() == GARDEN).unwrap();
    let found = matches(&loaded, at);
    assert!(!found.partners.is_empty());
    let shown = browser.text(&one(&browser, &shadow, ".vm-suggestions"));
    for (partner, _, reasons, _) in &found.partners {
        let partner = loaded.dataset.partner(partner).expect("a partner of the dataset");
        assert!(shown.contains(&partner.name), "{shown}");
        if let Some(first) = reasons.iter().find_map(|r| reason_text(r, &loaded, UiLang::Nl.later_texts())) {
            assert!(shown.contains(&first), "{first:?} not in {shown}");
        }
    }
    assert!(shown.contains(UiLang::Nl.later_texts().coalition));
    let help = browser.execute(
        "return document.querySelector('verschil-maker').shadowRoot.querySelector('.vm-help a').getAttribute('href')",
    );
    assert!(help.as_str().unwrap().starts_with("mailto:initiatieven@verschilstad.example"), "{help}");

    // From the results: search, open, back, forward.
    browser.goto(&format!("{}/", site.url));
    settled_widgets(&browser, 1);
    let shadow = self::shadow(&browser);
    browser.type_into(&one(&browser, &shadow, "#vm-q"), "moestuin");
    let link = browser.wait_for(
        TIMEOUT,
        "the garden's card",
        |b| b.find_all_in(&shadow, &format!(".vm-card__link[data-id='{GARDEN}']")).into_iter().next(),
        |b| format!("{:?}", card_ids(b)),
    );
    browser.click(&link);
    one(&browser, &shadow, ".vm-detail__title");
    assert!(
        browser.current_url().ends_with(&format!("#verschilmaker/initiatief/{GARDEN}")),
        "{}",
        browser.current_url()
    );
    browser.back();
    one(&browser, &shadow, "#vm-q");
    let value =
        browser.execute("return document.querySelector('verschil-maker').shadowRoot.querySelector('#vm-q').value");
    assert_eq!(value.as_str(), Some("moestuin"), "the search is kept");
    assert!(browser.current_url().ends_with("#verschilmaker/zoeken?q=moestuin"), "{}", browser.current_url());
    browser.forward();
    one(&browser, &shadow, ".vm-detail__title");
    // The page's own back button returns to the same results.
    browser.click(&one(&browser, &shadow, ".vm-back"));
    one(&browser, &shadow, "#vm-q");
    assert!(card_ids(&browser).contains(&GARDEN.to_owned()));

    // A host page's own fragment is left alone while the visitor searches. (From another page
    // first: from the same page, only the fragment would change, and the search box would
    // still hold "moestuin".)
    browser.goto("about:blank");
    browser.goto(&format!("{}/#main", site.url));
    settled_widgets(&browser, 1);
    let shadow = self::shadow(&browser);
    browser.type_into(&one(&browser, &shadow, "#vm-q"), "feest");
    // The fragment is written right after the results are rendered (`after_render`), so once
    // core's answer for "feest" is shown, the widget is past the point where it would have
    // replaced the host's fragment.
    let (total, ids) = core_answer(&dataset, Query { text: "feest".into(), ..Query::default() });
    expect_results(&browser, &shadow, UiLang::Nl, total, &ids);
    assert!(browser.current_url().ends_with("/#main"), "{}", browser.current_url());
    assert_eq!(severe_console_messages(&browser), Vec::<String>::new());
}

#[test]
fn the_whole_flow_works_with_the_keyboard_alone() {
    let dataset = demo_dataset();
    let (browser, shadow) = open_demo_page();

    tab_until(&browser, 20, "search box", |f| f.starts_with("input#vm-q"));
    browser.press("moestuin");
    let (total, ids) = core_answer(&dataset, Query { text: "moestuin".into(), ..Query::default() });
    expect_results(&browser, &shadow, UiLang::Nl, total, &ids);

    // Through the filters and the map to the first card; every stop shows a 2 px outline.
    let mut stops = Vec::new();
    let card = loop {
        browser.press(TAB);
        let now = focused(&browser);
        assert!(!now.starts_with("outside"), "the focus left the widget before a card: {stops:#?}");
        if let Err(e) = focus_is_visible(&browser) {
            panic!("{now}: {e}");
        }
        stops.push(now.clone());
        if now.contains("vm-card__link") {
            break now;
        }
        assert!(stops.len() < 80, "no card after 80 Tab presses: {stops:#?}");
    };
    // The map is one stop (its areas are reached with the arrow keys), not one per area.
    let areas = stops.iter().filter(|s| s.starts_with("path")).count();
    assert_eq!(areas, 1, "the map is one stop in the tab order: {stops:#?}");
    let id = card.rsplit_once('[').unwrap().1.trim_end_matches(']').to_owned();
    assert_eq!(id, ids[0]);

    browser.press(ENTER);
    browser.wait_for(
        TIMEOUT,
        "the page's heading to have the focus",
        |b| focused(b).contains("vm-detail__title").then_some(()),
        focused,
    );
    // Tab reaches "I want to help"; Shift+Tab goes back to the back button (the heading is
    // focusable by script only).
    tab_until(&browser, 5, "help link", |f| f.contains("vm-button"));
    browser.press_chord(SHIFT, TAB);
    assert!(focused(&browser).contains("vm-back"), "{}", focused(&browser));
    browser.press(ENTER);
    browser.wait_for(
        TIMEOUT,
        "the focus back on the card",
        |b| focused(b).ends_with(&format!("[{id}]")).then_some(()),
        focused,
    );
    let value =
        browser.execute("return document.querySelector('verschil-maker').shadowRoot.querySelector('#vm-q').value");
    assert_eq!(value.as_str(), Some("moestuin"));
}

/// Installs axe-core once into `target/tools` (like www installs binaryen) and returns its source.
pub fn axe_source() -> String {
    let tools = www::target_dir(&www::workspace_root()).join("tools");
    let file = tools.join("node_modules/axe-core/axe.min.js");
    if !file.is_file() {
        std::fs::create_dir_all(&tools).expect("create target/tools");
        let status = Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&tools)
            .arg("axe-core@4")
            .stdin(Stdio::null())
            .status()
            .expect("run npm (needed once to install axe-core)");
        assert!(status.success(), "npm install axe-core@4 failed");
    }
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// Runs axe-core on the page (which includes the widget's open shadow root) with the WCAG 2.x
/// A and AA rules, and returns the violations as "rule: targets" lines.
pub fn axe_violations(browser: &Browser, axe: &str) -> Vec<String> {
    browser.execute(&format!("{axe}\n;return typeof axe"));
    // Open every disclosure, so that what it hides is checked too.
    browser.execute(
        "document.querySelector('verschil-maker').shadowRoot.querySelectorAll('details').forEach(d => d.open = true)",
    );
    let result = browser.execute_async(
        "const done = arguments[arguments.length - 1];\
         axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] })\
           .then(r => done([r.passes.length, r.violations.map(v => v.id + ': ' + v.nodes.map(n => JSON.stringify(n.target)).join(' '))]))\
           .catch(e => done([0, ['axe failed: ' + e]]));",
    );
    // Rules that passed prove that axe ran and saw the widget's content.
    let passes = result[0].as_u64().unwrap_or(0);
    assert!(passes >= 10, "axe passed only {passes} rules: {result}");
    eprintln!("axe: {passes} rules passed");
    result[1].as_array().map(|v| v.iter().filter_map(|s| s.as_str().map(str::to_owned)).collect()).unwrap_or_default()
}

/// The pages and fragments of every view, in Dutch (the demo) and English (a host page in English).
fn views(site_url: &str) -> Vec<(String, String)> {
    let mut views = Vec::new();
    for (lang, page) in [("nl", "/"), ("en", "/test/pages/english.html")] {
        views.push((format!("discover-{lang}"), format!("{site_url}{page}")));
        views.push((format!("initiative-{lang}"), format!("{site_url}{page}#verschilmaker/initiatief/{GARDEN}")));
    }
    views
}

fn wait_for_view(browser: &Browser, name: &str) {
    settled_widgets(browser, 1);
    let shadow = shadow(browser);
    one(browser, &shadow, if name.starts_with("discover") { ".vm-card" } else { ".vm-suggestions" });
}

#[test]
fn axe_finds_no_wcag_violations_on_any_view_in_either_language() {
    let site = site();
    let axe = axe_source();
    let browser = Browser::start();
    let mut report = Vec::new();
    for (name, url) in views(&site.url) {
        browser.goto(&url);
        wait_for_view(&browser, &name);
        let violations = axe_violations(&browser, &axe);
        eprintln!("axe {name}: {} violation(s) {violations:#?}", violations.len());
        report.extend(violations.into_iter().map(|v| format!("{name}: {v}")));
    }
    assert_eq!(report, Vec::<String>::new());
}

#[test]
fn every_view_reflows_at_320_px_and_is_captured_on_screen() {
    let site = site();
    let browser = Browser::start();
    for (width, height) in [(1280, 1000), (320, 900)] {
        browser.set_viewport(width, height);
        for (name, url) in views(&site.url) {
            browser.goto(&url);
            wait_for_view(&browser, &name);
            let overflow = browser.execute("return document.documentElement.scrollWidth - window.innerWidth");
            assert!(overflow.as_f64().unwrap_or(1.0) <= 0.0, "{name} at {width} px scrolls sideways by {overflow} px");
            let path = save_screenshot(&browser, &format!("{name}-{width}.png"));
            eprintln!("screenshot: {}", path.display());
            // And the part further down that matters most: the map, or the partners.
            let part = if name.starts_with("discover") { ".vm-map" } else { ".vm-suggestions" };
            browser.execute(&format!(
                "document.querySelector('verschil-maker').shadowRoot.querySelector('{part}').scrollIntoView()"
            ));
            save_screenshot(&browser, &format!("{name}-{width}-more.png"));
        }
    }
    // The English page sets `heading-level="1"`: the widget's top heading is an h1 there.
    browser.goto(&format!("{}/test/pages/english.html", site.url));
    wait_for_view(&browser, "discover-en");
    let heading = browser
        .execute("return document.querySelector('verschil-maker').shadowRoot.querySelector('.vm-heading').tagName");
    assert_eq!(heading.as_str(), Some("H1"));
    // It also names an unknown view, which falls back to discover with a warning.
    let log = browser.console_log();
    assert!(log.iter().any(|l| l.contains("unknown view \\\"bogus-view\\\"")), "{log:#?}");
}

/// The page load and the keystrokes of [`ten_thousand_initiatives_stay_responsive`] on one
/// generated page: milliseconds from navigation start to the first results, and the sum of the
/// keystroke-to-paint times of typing "moestuin" letter by letter; with the last count shown.
struct Responsiveness {
    first_results_ms: f64,
    typing_ms: f64,
    last_count: String,
}

/// Opens `page` (under `/generated/`), waits for its results and types "moestuin" into the
/// search box one letter at a time, timing each keystroke to the paint after it.
fn measure_responsiveness(browser: &Browser, page: &str) -> Responsiveness {
    browser.goto(&format!("{}/generated/{page}.html", site().url));
    settled_widgets(browser, 1);
    let shadow = shadow(browser);
    one(browser, &shadow, ".vm-card");
    let mark = browser.execute(
        "const m = performance.getEntriesByName('verschilmaker:first-results')[0]; return m ? m.startTime : null",
    );
    // Only one page is rendered, however many match.
    assert_eq!(browser.find_all_in(&shadow, ".vm-card").len(), PAGE_SIZE, "{page}");
    let timings: Value = browser.execute_async(
        "const done = arguments[arguments.length - 1];\
         const root = document.querySelector('verschil-maker').shadowRoot;\
         const input = root.getElementById('vm-q');\
         const words = ['m', 'mo', 'moe', 'moes', 'moest', 'moestu', 'moestui', 'moestuin'];\
         const out = [];\
         const step = (i) => {\
           if (i === words.length) { done(out); return; }\
           const t0 = performance.now();\
           input.value = words[i];\
           input.dispatchEvent(new InputEvent('input', { bubbles: true }));\
           requestAnimationFrame(() => {\
             setTimeout(() => {\
               out.push([words[i], performance.now() - t0,\
                 parseFloat(root.querySelector('.vm-results').dataset.searchMs),\
                 root.querySelector('.vm-result-count').textContent]);\
               step(i + 1);\
             }, 0);\
           });\
         };\
         step(0);",
    );
    let rows = timings.as_array().expect("timings").clone();
    eprintln!("{page}: keystroke → after paint | core search (ms) | count");
    for row in &rows {
        eprintln!(
            "{:>10} {:>8.1} {:>8.2}  {}",
            row[0].as_str().unwrap_or(""),
            row[1].as_f64().unwrap_or(f64::NAN),
            row[2].as_f64().unwrap_or(f64::NAN),
            row[3].as_str().unwrap_or("")
        );
    }
    let first_results_ms = mark.as_f64().unwrap_or_else(|| panic!("{page}: no first-results mark"));
    let typing_ms = rows.iter().map(|row| row[1].as_f64().unwrap_or(f64::INFINITY)).sum();
    let last_count = rows.last().and_then(|r| r[3].as_str()).unwrap_or_default().to_owned();
    eprintln!("{page}: first results at {first_results_ms:.0} ms, typing {typing_ms:.0} ms in all");
    Responsiveness { first_results_ms, typing_ms, last_count }
}

#[test]
fn ten_thousand_initiatives_stay_responsive() {
    // The same run measures a tenth of the data as its baseline, so that the ratio cancels the
    // machine's speed (STYLE.md, rule 6). The bounds are generous on purpose: ten times the
    // data may take twenty times as long. Loading is linear (parse, index), so it stays near
    // ten; typing should hardly grow at all, since the index answers and one page is rendered.
    // A view that rendered every match, or a search that scanned every initiative per
    // keystroke with quadratic work, would break the bound; a busy machine would not.
    let browser = Browser::start();
    let small = measure_responsiveness(&browser, "synth-1k");
    let large = measure_responsiveness(&browser, "synth-10k");
    let load_ratio = large.first_results_ms / small.first_results_ms.max(1.0);
    let typing_ratio = large.typing_ms / small.typing_ms.max(1.0);
    eprintln!("×10 initiatives: first results ×{load_ratio:.1}, typing ×{typing_ratio:.1}");
    assert!(load_ratio <= 20.0, "first results: {:.0} → {:.0} ms", small.first_results_ms, large.first_results_ms);
    assert!(typing_ratio <= 20.0, "typing \"moestuin\": {:.0} → {:.0} ms", small.typing_ms, large.typing_ms);
    // The last count is core's own answer for the same data and words.
    for (answer, initiatives) in [(&small, SYNTH_INITIATIVES / 10), (&large, SYNTH_INITIATIVES)] {
        let dataset = generate(&SynthConfig::with_initiatives(2026, initiatives));
        let (total, _) = core_answer(&dataset, Query { text: "moestuin".into(), ..Query::default() });
        let last = &answer.last_count;
        assert!(last.starts_with(&UiLang::Nl.later_texts().initiative_count(total)), "{last:?} vs core's {total}");
    }
}

#[test]
fn the_area_attribute_preselects_and_only_the_first_instance_owns_the_fragment() {
    let site = site();
    let dataset = demo_dataset();
    let browser = Browser::start();
    browser.goto(&format!("{}/test/pages/area.html", site.url));
    settled_widgets(&browser, 2);
    let second = browser.shadow_root(&browser.find_all("verschil-maker")[1]).expect("a shadow root");
    let zuid = AreaId::new("zuid").unwrap();
    let (total, _) = core_answer(
        &dataset,
        Query { filters: Filters { areas: vec![zuid], ..Filters::default() }, ..Query::default() },
    );
    let count = browser.text(&one(&browser, &second, ".vm-result-count"));
    assert!(count.starts_with(&UiLang::Nl.later_texts().initiative_count(total)), "{count:?} vs core's {total}");
    let heading = browser.execute(
        "return document.querySelectorAll('verschil-maker')[1].shadowRoot.querySelector('.vm-heading').tagName",
    );
    assert_eq!(heading.as_str(), Some("H3"));

    // Opening an initiative in the second instance leaves the URL alone; in the first it does not.
    let link = one(&browser, &second, ".vm-card__link");
    browser.click(&link);
    one(&browser, &second, ".vm-detail__title");
    assert!(!browser.current_url().contains('#'), "{}", browser.current_url());
    let first = shadow(&browser);
    browser.click(&one(&browser, &first, ".vm-card__link"));
    one(&browser, &first, ".vm-detail__title");
    assert!(browser.current_url().contains("#verschilmaker/initiatief/"), "{}", browser.current_url());
}

#[test]
fn a_filter_that_empties_another_keeps_the_focus_on_its_own_checkbox() {
    let site = site();
    let browser = Browser::start();
    browser.goto(&format!("{}/generated/two-initiatives.html", site.url));
    settled_widgets(&browser, 1);
    let shadow = shadow(&browser);
    one(&browser, &shadow, ".vm-card");
    assert!(!browser.find_all_in(&shadow, "input[name=kind]").is_empty(), "the running one's needs are listed");
    let checkbox = "document.querySelector('verschil-maker').shadowRoot.querySelector('input[name=stage][value=idea]')";
    browser.execute(&format!("{checkbox}.focus()"));
    browser.press(SPACE);
    browser.wait_for(
        TIMEOUT,
        "one result, the idea",
        |b| (b.find_all_in(&shadow, ".vm-card").len() == 1).then_some(()),
        |b| format!("{:?}", b.widget_texts()),
    );
    // The kinds of need are gone (the idea has none); the stages moved up into their place.
    assert!(browser.find_all_in(&shadow, "input[name=kind]").is_empty());
    let active = browser.execute(
        "const a = document.querySelector('verschil-maker').shadowRoot.activeElement;\
         return a ? [a.name, a.value, a.checked, a.isConnected] : null",
    );
    assert_eq!(active, serde_json::json!(["stage", "idea", true, true]), "the focus stays on the idea stage");
}
