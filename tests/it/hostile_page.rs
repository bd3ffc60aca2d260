//! A hostile host page, end to end: scripts that patch built-ins before the snippet loads,
//! aggressive global CSS, the snippet pasted twice and two instances. The widget must still
//! show the demo data, search must work in both instances, and the host page's own DOM,
//! styles, globals and patches must be left exactly as the host made them.

use serde_json::Value;
use verschilmaker_widget::i18n::UiLang;
use verschilmaker_widget::route::PAGE_SIZE;

use crate::browser::Browser;
use crate::demo::{core_total, demo_dataset, nth_shadow, search_in};
use crate::e2e::{settled_widgets, site};

#[test]
fn a_page_that_patches_built_ins_still_gets_two_working_widgets_and_stays_unharmed() {
    let site = site();
    let dataset = demo_dataset();
    let titles = |lang: &str| -> Vec<String> {
        dataset.initiatives.iter().map(|i| i.title.resolve(&[lang, "nl"]).to_owned()).collect()
    };
    let (titles_nl, titles_en) = (titles("nl"), titles("en"));
    let browser = Browser::start();
    browser.goto(&format!("{}/test/pages/hostile-scripts.html", site.url));
    let texts = settled_widgets(&browser, 2);

    // The demo data, readable, in both instances and both languages.
    let municipality = &dataset.municipality.name;
    assert!(
        texts[0].contains(&format!("{} {municipality}", UiLang::Nl.later_texts().initiatives_in)),
        "{:?}",
        texts[0]
    );
    assert!(
        texts[1].contains(&format!("{} {municipality}", UiLang::En.later_texts().initiatives_in)),
        "{:?}",
        texts[1]
    );
    for (n, titles) in [&titles_nl, &titles_en].into_iter().enumerate() {
        let shadow = nth_shadow(&browser, n);
        let shown: Vec<String> =
            browser.find_all_in(&shadow, ".vm-card__title").iter().map(|h| browser.text(h)).collect();
        assert_eq!(shown, titles[..PAGE_SIZE.min(titles.len())], "widget {n}");
        // Readable: the hostile `* { color: red !important }`, its letter spacing and the 8 px
        // inline divs did not get in.
        let style = browser.execute(&format!(
            "const root = document.querySelectorAll('verschil-maker')[{n}].shadowRoot;\
             const title = root.querySelector('.vm-card__title'); const s = getComputedStyle(title);\
             return [s.display, s.color, s.fontFamily, parseFloat(getComputedStyle(root.querySelector('.vm-app')).fontSize), s.letterSpacing]"
        ));
        assert_eq!(style[0], "block", "widget {n}: {style}");
        assert_ne!(style[1], "rgb(255, 0, 0)", "widget {n}: the host's colour leaked in: {style}");
        // The font family is the one thing of the host's typography the widget takes, on purpose
        // (issue 21: it follows the house style), so here it is the host's.
        assert!(style[2].as_str().unwrap_or_default().contains("Comic Sans"), "widget {n}: {style}");
        assert!(style[3].as_f64().unwrap_or(0.0) >= 16.0, "widget {n}: below 16 px: {style}");
        assert_eq!(style[4], "normal", "widget {n}: the host's letter spacing leaked in: {style}");
    }

    // Usable: search in each instance gives core's count.
    search_in(&browser, 0, UiLang::Nl, "groen", core_total(&dataset, "groen"));
    search_in(&browser, 1, UiLang::En, "moestuin", core_total(&dataset, "moestuin"));

    // The host page is unharmed.
    // The page's own audit (in hostile-patches.js) runs in the page's realm: Firefox runs
    // WebDriver scripts in a sandbox whose built-ins are not the page's.
    let host: Value = browser.execute("return window.hostPage.audit()");
    assert_eq!(host["mapIsTheHosts"], true, "the widget replaced the host's Array.prototype.map: {host}");
    assert_eq!(host["trimIsTheHosts"], true, "the widget replaced the host's String.prototype.trim: {host}");
    assert_eq!(host["pollution"], true, "{host}");
    assert_eq!(
        host["globals"],
        serde_json::json!([
            "the host page owns this",
            "the host page owns this too",
            "not the widget",
            "not the widget either"
        ]),
        "the widget overwrote a global of the host page"
    );
    // (Leaving out the two that ChromeDriver itself defines when it looks into shadow roots.)
    assert_eq!(host["newGlobals"], serde_json::json!([]), "the widget added globals");
    assert_eq!(host["noteText"], "The host page's own text.");
    assert_eq!(host["noteColor"], "rgb(0, 128, 0)", "the widget's styles leaked out: {host}");
    assert_eq!(host["noteBorder"], "dotted 7px", "the widget's styles leaked out: {host}");
    assert_eq!(host["sheets"], serde_json::json!(["/test/pages/hostile.css", "/test/pages/hostile-page.css"]));
    // The head is as served: 2 sheets, the favicon, the charset, the title, 2 scripts.
    assert_eq!(host["headChildren"], 7, "the widget added to the host's <head>: {host}");
    assert_eq!(host["lightChildren"], serde_json::json!([0, 0]), "the widget wrote into the light DOM");
    assert_eq!(host["title"], "Verschilmaker test: a host page that patches built-ins");
    // Nothing went wrong on the way, as the widget sees it.
    assert_eq!(host["errors"], serde_json::json!([]), "console.error was called: {host}");
    assert_eq!(host["warnings"], serde_json::json!([]), "console.warn was called: {host}");
    // The wrappers saw the widget go through them: it used the page's fetch, defined its element
    // once (a duplicated snippet must not define it again) and attached one shadow root each.
    assert_eq!(host["defined"], serde_json::json!(["verschil-maker"]), "{host}");
    assert_eq!(host["shadows"], 2, "{host}");
    let fetched: Vec<&str> = host["fetched"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(fetched.contains(&"/data/initiatieven.json"), "the data was not fetched through window.fetch: {fetched:?}");
    // The polluted `src` never became a request.
    assert!(!fetched.iter().any(|u| u.contains("polluted")), "{fetched:?}");
}
