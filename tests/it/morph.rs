//! The rules of `widget/src/morph.rs`, one test each, in a real browser: the residents' view is
//! patched into place on every keystroke and filter, so driving it as a visitor does runs the
//! morph on real markup, with no test hook in the first download.
//!
//! Each test marks the live nodes it cares about with a property of its own (`vmMorphMark`)
//! before the change. The markup cannot carry such a property, so a node that still has it
//! after the change was kept, and one without it was replaced.

use serde_json::{Value, json};
use verschilmaker::Dataset;
use verschilmaker::search::{Query, build_index, search};
use verschilmaker_widget::i18n::UiLang;
use verschilmaker_widget::route::{Criteria, SortKey};

use crate::browser::{Browser, ShadowRoot};
use crate::demo::{demo_dataset, nth_shadow, one};
use crate::discover::{core_answer, expect_results};
use crate::e2e::{TIMEOUT, settled_widgets, site};

/// The start of every script below: the first widget's shadow root as `root`.
const ROOT: &str = "const root = document.querySelector('verschil-maker').shadowRoot;";

/// Opens the demo page and waits until its widget shows its results.
fn open_demo(browser: &Browser) -> ShadowRoot {
    browser.goto(&format!("{}/", site().url));
    settled_widgets(browser, 1);
    let shadow = nth_shadow(browser, 0);
    one(browser, &shadow, ".vm-card");
    shadow
}

/// Runs `body` after [`ROOT`] and returns its result.
fn run(browser: &Browser, body: &str) -> Value {
    browser.execute(&format!("{ROOT}{body}"))
}

/// Sets the search box to `text` by script, as an `input` event, without moving the focus.
fn search_by_script(browser: &Browser, text: &str) {
    run(
        browser,
        &format!(
            "const input = root.getElementById('vm-q'); input.value = {};\
             input.dispatchEvent(new InputEvent('input', {{ bubbles: true }}));",
            json!(text)
        ),
    );
}

/// Waits until the results are core's for `text` in the demo data.
fn expect_search(browser: &Browser, shadow: &ShadowRoot, dataset: &Dataset, text: &str) {
    let (total, ids) = core_answer(dataset, Query { text: text.into(), ..Query::default() });
    expect_results(browser, shadow, UiLang::Nl, total, &ids);
}

#[test]
fn the_focused_search_box_keeps_the_focus_and_the_caret_while_the_results_change() {
    let dataset = demo_dataset();
    let browser = Browser::start();
    let shadow = open_demo(&browser);
    let input = one(&browser, &shadow, "#vm-q");
    browser.type_into(&input, "moestuin");
    expect_search(&browser, &shadow, &dataset, "moestuin");
    run(&browser, "root.getElementById('vm-q').vmMorphMark = 'search box';");

    // Typing in the middle: a value written back into the box would put the caret at its end.
    run(&browser, "root.getElementById('vm-q').setSelectionRange(3, 3);");
    browser.press("x");
    expect_search(&browser, &shadow, &dataset, "moexstuin");
    let state = run(
        &browser,
        "const a = root.activeElement;\
         return a ? [a.vmMorphMark || null, a.value, a.selectionStart, a.selectionEnd] : null",
    );
    assert_eq!(
        state,
        json!(["search box", "moexstuin", 4, 4]),
        "the same search box keeps the focus, and the caret stays after the typed letter"
    );
}

#[test]
fn a_selection_in_the_search_box_survives_a_new_order_of_the_results() {
    let dataset = demo_dataset();
    let browser = Browser::start();
    let shadow = open_demo(&browser);
    browser.type_into(&one(&browser, &shadow, "#vm-q"), "buurt");
    expect_search(&browser, &shadow, &dataset, "buurt");
    // Another order, chosen by script, which moves no focus. The form around the search box
    // changes (the chosen option), so it is patched around a box whose value did not change;
    // the order, read from core, must differ, so that the results are rendered again too.
    let criteria = |sort: SortKey| Criteria { text: "buurt".into(), sort, pages: 1, ..Criteria::default() };
    let (_, relevance) = core_answer(&dataset, criteria(SortKey::Relevance).to_query());
    let (sort, (total, ids)) = SortKey::ALL
        .into_iter()
        .map(|sort| (sort, core_answer(&dataset, criteria(sort).to_query())))
        .find(|(_, (_, ids))| *ids != relevance)
        .expect("an order other than relevance that changes the results for \"buurt\"");
    run(
        &browser,
        "const input = root.getElementById('vm-q'); input.vmMorphMark = 'search box';\
         input.setSelectionRange(1, 4, 'backward');",
    );
    run(
        &browser,
        &format!(
            "const sort = root.getElementById('vm-sort'); sort.value = {};\
             sort.dispatchEvent(new Event('change', {{ bubbles: true }}));",
            json!(sort.as_str())
        ),
    );
    expect_results(&browser, &shadow, UiLang::Nl, total, &ids);
    let state = run(
        &browser,
        "const a = root.activeElement;\
         return a ? [a.vmMorphMark || null, a.selectionStart, a.selectionEnd, a.selectionDirection] : null",
    );
    assert_eq!(state, json!(["search box", 1, 4, "backward"]), "the focus and the selection stay as they were");
}

#[test]
fn a_disclosure_stays_as_the_visitor_left_it() {
    let dataset = demo_dataset();
    let browser = Browser::start();
    let shadow = open_demo(&browser);
    // The filter panel's `open` comes from the markup (open on a wide page); the map's table
    // is closed in the markup. The visitor turns both the other way.
    let panel = ".vm-filter-panel";
    let table = ".vm-filter-panel details.vm-details";
    let open = |b: &Browser| {
        run(b, &format!("return [root.querySelector('{panel}').open, root.querySelector('{table}').open]"))
    };
    assert_eq!(open(&browser), json!([true, false]), "on a page 1280 px wide the panel starts open, the table closed");
    browser.click(&one(&browser, &shadow, &format!("{table} > summary")));
    let figures = |b: &Browser| run(b, &format!("return root.querySelector('{table}').textContent"));
    let figures_before = figures(&browser);
    browser.click(&one(&browser, &shadow, &format!("{panel} > summary")));
    run(
        &browser,
        &format!(
            "root.querySelector('{panel}').vmMorphMark = 'panel';\
             root.querySelector('{table}').vmMorphMark = 'table';"
        ),
    );
    assert_eq!(open(&browser), json!([false, true]), "the visitor closed the panel and opened the table");

    // New results change the counts inside both, so both are patched, not left alone.
    search_by_script(&browser, "moestuin");
    expect_search(&browser, &shadow, &dataset, "moestuin");
    assert_ne!(figures(&browser), figures_before, "the table's figures changed with the results");
    let after = run(
        &browser,
        &format!(
            "const p = root.querySelector('{panel}'), t = root.querySelector('{table}');\
             return [p.vmMorphMark || null, p.open, t.vmMorphMark || null, t.open]"
        ),
    );
    assert_eq!(after, json!(["panel", false, "table", true]), "each disclosure kept, as the visitor left it");
}

/// A search text of the demo data and a theme whose option stays listed for it, with an option
/// above it in the list that the search empties: (text, the option that goes, the one that stays).
fn an_option_that_disappears_above_another(dataset: &Dataset) -> (String, String, String) {
    let index = build_index(dataset.clone());
    let counts = |text: &str| search(&index, &Query { text: text.into(), ..Query::default() }).facets.themes;
    let everything = counts("");
    let words = dataset.initiatives.iter().flat_map(|i| i.title.resolve(&["nl"]).split_whitespace());
    for word in words.map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()) {
        if word.chars().count() < 4 {
            continue;
        }
        let narrowed = counts(&word);
        let gone = (0..everything.len()).find(|&at| everything[at] > 0 && narrowed[at] == 0);
        let kept = gone.and_then(|gone| (gone + 1..narrowed.len()).find(|&at| narrowed[at] > 0));
        if let (Some(gone), Some(kept)) = (gone, kept) {
            let id = |at: usize| dataset.themes[at].id.as_str().to_owned();
            return (word, id(gone), id(kept));
        }
    }
    panic!("no title word of the demo data empties a theme above another that stays");
}

#[test]
fn keyed_options_keep_their_nodes_when_one_above_them_goes_and_comes_back() {
    let dataset = demo_dataset();
    let (word, gone, kept) = an_option_that_disappears_above_another(&dataset);
    let browser = Browser::start();
    let shadow = open_demo(&browser);
    let option = |value: &str| format!("root.querySelector('li[data-key={}]')", json!(value));
    run(
        &browser,
        &format!(
            "const li = {}; li.vmMorphMark = 'option'; const box = li.querySelector('input');\
             box.vmMorphMark = 'checkbox'; box.focus();",
            option(&kept)
        ),
    );
    let focused = |b: &Browser| {
        run(
            b,
            &format!(
                "const a = root.activeElement, li = {};\
                 return [a ? a.vmMorphMark || null : null, a ? a.value : null, li ? li.vmMorphMark || null : null,\
                   !!{}]",
                option(&kept),
                option(&gone)
            ),
        )
    };
    assert_eq!(focused(&browser), json!(["checkbox", kept, "option", true]));

    // The option above goes: the focused one is the same node, standing for the same theme.
    search_by_script(&browser, &word);
    expect_search(&browser, &shadow, &dataset, &word);
    assert_eq!(
        focused(&browser),
        json!(["checkbox", kept, "option", false]),
        "searching {word:?} removed the option {gone:?} above {kept:?}"
    );

    // And comes back in front of it: inserted, not made by patching the kept one.
    search_by_script(&browser, "");
    expect_search(&browser, &shadow, &dataset, "");
    assert_eq!(focused(&browser), json!(["checkbox", kept, "option", true]), "{gone:?} is back above {kept:?}");
}

#[test]
fn what_another_app_put_in_a_foreign_host_is_left_alone() {
    let dataset = demo_dataset();
    let (first, second) = (&dataset.initiatives[0], &dataset.initiatives[1]);
    let browser = Browser::start();
    browser.goto(&format!("{}/#verschilmaker/initiatief/{}", site().url, first.id));
    let shadow = nth_shadow(&browser, 0);
    let title =
        |b: &Browser| b.find_all_in(&shadow, ".vm-detail__title").first().map(|t| b.text(t)).unwrap_or_default();
    let wait_for_title = |wanted: &str| {
        browser.wait_for(TIMEOUT, &format!("the page of {wanted:?}"), |b| (title(b) == wanted).then_some(()), title)
    };
    wait_for_title(first.title.resolve(&["nl"]));
    // The second module's app renders inside the `data-foreign` host; the shell's markup has
    // the host empty. A node of someone else's beside the app's shows that nothing inside is
    // touched, not only what the app would render again.
    run(
        &browser,
        "const host = root.querySelector('[data-foreign]'); host.vmMorphMark = 'host';\
         const mine = document.createElement('span'); mine.className = 'vm-morph-foreign';\
         host.appendChild(mine);",
    );
    // Another initiative: the shell renders its markup again and morphs it into place.
    browser.execute(&format!("location.hash = {}", json!(format!("#verschilmaker/initiatief/{}", second.id))));
    wait_for_title(second.title.resolve(&["nl"]));
    let host = run(
        &browser,
        "const host = root.querySelector('[data-foreign]');\
         return [host.vmMorphMark || null, !!host.querySelector('.vm-morph-foreign'), !!host.querySelector('.vm-detail__title')]",
    );
    assert_eq!(host, json!(["host", true, true]), "the host, its foreign node and the app's page are all kept");
}
