//! The keyboard and small screens reach the results: the skip link is the widget's first stop,
//! the map is one stop with arrow keys between its areas and a focus ring no neighbour covers,
//! a 320 px column shows the results before the filters (closed, with the count of active
//! ones), an `area` the data does not have shows every area with a notice, and dataset texts in
//! right-to-left scripts keep to their own isolate.

use serde_json::Value;
use verschilmaker_widget::i18n::UiLang;

use crate::browser::{Browser, Engine};
use crate::demo::{core_total, demo_dataset, nth_shadow, one};
use crate::e2e::{TIMEOUT, save_screenshot, settled_widgets, site};
use crate::keyboard::{ENTER, SHIFT, TAB, focus_is_visible, focused, tab_until};

/// WebDriver's codes for the keys that move between the map's areas.
const ARROW_RIGHT: &str = "\u{E014}";
const ARROW_LEFT: &str = "\u{E012}";
const HOME: &str = "\u{E011}";
const END: &str = "\u{E010}";

/// Opens `page` in a wide window and waits for `count` widgets with their cards.
fn open(page: &str, count: usize) -> Browser {
    let browser = Browser::start();
    if Engine::from_env() == Engine::Chromium {
        browser.set_viewport(1280, 900);
    }
    browser.goto(&format!("{}{page}", site().url));
    settled_widgets(&browser, count);
    for n in 0..count {
        one(&browser, &nth_shadow(&browser, n), ".vm-card");
    }
    browser
}

/// Runs `script` with `root` bound to the first widget's shadow root.
fn in_widget(browser: &Browser, script: &str) -> Value {
    browser.execute(&format!("const root = document.querySelector('verschil-maker').shadowRoot; {script}"))
}

#[test]
fn the_skip_link_is_the_first_stop_and_two_tabs_reach_the_first_result() {
    let browser = open("/test/pages/column.html", 1);
    let total = core_total(&demo_dataset(), "");
    let texts = UiLang::Nl.texts();

    browser.press(TAB);
    let first = focused(&browser);
    assert!(first.contains("vm-skip"), "the first Tab stop is the skip link, not {first}");
    let skip =
        in_widget(&browser, "const a = root.activeElement; return [a.textContent, a.getBoundingClientRect().width]");
    assert_eq!(skip[0].as_str(), Some(format!("{} ({total})", texts.skip_to_results).as_str()), "{skip}");
    assert!(skip[1].as_f64().unwrap_or(0.0) > 20.0, "the skip link shows when it has the focus: {skip}");
    focus_is_visible(&browser).unwrap_or_else(|e| panic!("the skip link: {e}"));

    browser.press(ENTER);
    browser.wait_for(
        TIMEOUT,
        "the focus on the result count",
        |b| focused(b).contains("vm-result-count").then_some(()),
        focused,
    );
    browser.press(TAB);
    let card = focused(&browser);
    assert!(card.contains("vm-card__link"), "the second Tab reaches the first result, not {card}");
    // Out of sight again once the focus has left it.
    let hidden = in_widget(&browser, "return root.querySelector('.vm-skip').getBoundingClientRect().width");
    assert!(hidden.as_f64().unwrap_or(f64::NAN) <= 1.0, "the skip link hides again: {hidden}");
}

#[test]
fn the_map_is_one_tab_stop_with_arrow_keys_between_its_areas_and_a_ring_on_top() {
    let browser = open("/", 1);
    let areas = in_widget(&browser, "return [...root.querySelectorAll('.vm-map__area')].map(p => p.dataset.area)");
    let areas: Vec<String> =
        areas.as_array().expect("areas").iter().filter_map(|v| v.as_str().map(str::to_owned)).collect();
    assert!(areas.len() >= 3, "the demo map has areas: {areas:?}");
    // What has the focus on the map, which areas have tabindex 0, and the ring: its d against
    // the focused area's, whether it shows, and whether it is the map's last shape.
    let state = |b: &Browser| {
        in_widget(
            b,
            "const a = root.activeElement; const svg = root.querySelector('.vm-map__svg');\
             const ring = svg.querySelector('.vm-map__ring');\
             return [a && a.dataset ? a.dataset.area || null : null,\
               [...svg.querySelectorAll('.vm-map__area[tabindex=\"0\"]')].map(p => p.dataset.area),\
               !!a && ring.getAttribute('d') === a.getAttribute('d'), getComputedStyle(ring).display,\
               svg.lastElementChild === ring]",
        )
    };
    let expect_on = |b: &Browser, area: &str, why: &str| {
        let now = state(b);
        assert_eq!(now[0].as_str(), Some(area), "{why}: the focus: {now}");
        assert_eq!(now[1], serde_json::json!([area]), "{why}: one Tab stop, on the focused area: {now}");
        assert_eq!(
            (&now[2], &now[3], &now[4]),
            (&Value::Bool(true), &Value::from("inline"), &Value::Bool(true)),
            "{why}: the ring: {now}"
        );
        focus_is_visible(b).unwrap_or_else(|e| panic!("{why}: {e}"));
    };

    tab_until(&browser, 40, "a map area", |f| f.starts_with("path"));
    expect_on(&browser, &areas[0], "Tab into the map");
    browser.press(ARROW_RIGHT);
    expect_on(&browser, &areas[1], "ArrowRight");
    browser.press(END);
    expect_on(&browser, &areas[areas.len() - 1], "End");
    browser.press(ARROW_RIGHT);
    expect_on(&browser, &areas[0], "ArrowRight from the last wraps");
    browser.press(ARROW_LEFT);
    expect_on(&browser, &areas[areas.len() - 1], "ArrowLeft from the first wraps");
    browser.press(HOME);
    browser.press(ARROW_RIGHT);
    expect_on(&browser, &areas[1], "Home, then ArrowRight");

    // Enter chooses the area; the results change, and the focus, the Tab stop and the ring stay.
    browser.press(ENTER);
    browser.wait_for(
        TIMEOUT,
        "the area pressed",
        |b| (in_widget(b, "return root.activeElement.getAttribute('aria-pressed')") == "true").then_some(()),
        |b| state(b).to_string(),
    );
    expect_on(&browser, &areas[1], "after Enter");

    // One Tab leaves the map; Shift+Tab comes back to the area last focused, not the first.
    browser.press(TAB);
    let after = focused(&browser);
    assert!(!after.starts_with("path"), "one Tab leaves the map: {after}");
    browser.press_chord(SHIFT, TAB);
    expect_on(&browser, &areas[1], "Shift+Tab back into the map");
    save_screenshot(&browser, "map-focus-ring.png");
}

#[test]
fn in_a_320_px_column_the_results_come_before_the_closed_filters_which_count_the_active_ones() {
    let browser = open("/test/pages/column.html", 1);
    let layout = in_widget(
        &browser,
        "const top = root.host.getBoundingClientRect().top;\
         const card = root.querySelector('.vm-card').getBoundingClientRect();\
         const panel = root.querySelector('.vm-filter-panel');\
         return [card.top - top, panel.open, root.querySelector('.vm-map__svg').checkVisibility(),\
           root.querySelector('.vm-filter-panel__summary').textContent, root.host.getBoundingClientRect().width]",
    );
    let texts = UiLang::Nl.texts();
    assert!(layout[4].as_f64().unwrap_or(f64::NAN) <= 320.5, "{layout}");
    assert_eq!(layout[1], false, "the filters and the map start closed: {layout}");
    assert_eq!(layout[2], false, "the map is not drawn while closed: {layout}");
    assert_eq!(layout[3].as_str(), Some(texts.filters_and_map), "no filter on, no count: {layout}");
    // The way in, the search box, the postcode and the order come first; then the first card,
    // within a screen's height (it was 10,500 px down with every filter and the map open).
    let card_top = layout[0].as_f64().unwrap_or(f64::NAN);
    assert!(card_top < 900.0, "the first card is {card_top} px below the widget's top");
    save_screenshot(&browser, "column-320.png");

    // Two filters chosen in the opened panel: the summary counts them.
    in_widget(&browser, "root.querySelector('.vm-filter-panel__summary').click()");
    for name in ["open", "stage"] {
        let input = one(&browser, &nth_shadow(&browser, 0), &format!("input[name={name}]"));
        browser.click(&input);
    }
    let expected = format!("{} (2 {})", texts.filters_and_map, texts.filters_active);
    browser.wait_for(
        TIMEOUT,
        "the summary to count two filters",
        |b| {
            (in_widget(b, "return root.querySelector('.vm-filter-panel__summary').textContent") == expected.as_str())
                .then_some(())
        },
        |b| in_widget(b, "return root.querySelector('.vm-filter-panel__summary').textContent").to_string(),
    );
}

#[test]
fn an_area_the_data_does_not_have_shows_every_area_with_a_notice() {
    let browser = open("/test/pages/unknown-area.html", 3);
    let texts = UiLang::Nl.texts();
    let read = |n: usize| {
        browser.execute(&format!(
            "const root = document.querySelectorAll('verschil-maker')[{n}].shadowRoot;\
             return [root.querySelector('.vm-result-count').textContent,\
               [...root.querySelectorAll('.vm-notice')].map(e => e.textContent).join('|'),\
               root.querySelector('.vm-filter-panel__summary').textContent]"
        ))
    };
    let (unknown, known, plain) = (read(0), read(1), read(2));
    assert_eq!(unknown[0], plain[0], "an unknown area filters nothing: {unknown} against {plain}");
    let notice = unknown[1].as_str().unwrap_or_default();
    assert!(
        notice.contains(texts.area_unknown)
            && notice.contains("nergens-te-vinden")
            && notice.contains(texts.area_unknown_all),
        "the notice names the area: {unknown}"
    );
    assert_eq!(unknown[2].as_str(), Some(texts.filters_and_map), "no filter is on: {unknown}");
    // A known area filters, without a notice, and counts as one active filter.
    assert_ne!(known[0], plain[0], "{known}");
    assert_eq!(known[1], "", "{known}");
    assert_eq!(known[2].as_str(), Some(format!("{} (1 {})", texts.filters_and_map, texts.filters_active).as_str()));
    assert_eq!(plain[1], "", "{plain}");
}

#[test]
fn right_to_left_dataset_texts_keep_to_their_own_isolate() {
    let browser = open("/test/pages/rtl-data.html", 1);
    // Every card title, theme and summary with right-to-left letters or a bidi control is in a
    // `bdi` of its own; the Latin ones are not.
    let isolated = in_widget(
        &browser,
        "return [...root.querySelectorAll('.vm-card__link')].map(a => [a.dataset.id, a.querySelectorAll('bdi').length])",
    );
    assert_eq!(isolated, serde_json::json!([["ginna", 1], ["omgekeerd", 1], ["gewoon", 0]]), "{isolated}");
    // A theme's name and its count: the count stays to the right of the Arabic name (without
    // the isolate the digits join the right-to-left run and show on its left), and of a name
    // that starts with an unclosed right-to-left override (which would take the count with it).
    for theme in ["tuinen", "samen"] {
        let placed = in_widget(
            &browser,
            &format!(
                "root.querySelector('.vm-filter-panel').open = true;\
                 const label = root.querySelector('input[name=theme][value={theme}]').closest('label');\
                 const name = label.querySelector('bdi');\
                 if (!name) return [label.innerHTML];\
                 const count = label.querySelector('.vm-count-badge').getBoundingClientRect();\
                 return [name.getBoundingClientRect().right, count.left, name.textContent]"
            ),
        );
        assert!(placed.as_array().is_some_and(|a| a.len() == 3), "{theme}: the name has no isolate: {placed}");
        assert!(placed[0].as_f64() <= placed[1].as_f64(), "{theme}: the count is right of the name: {placed}");
    }
    save_screenshot(&browser, "rtl-texts.png");
}
