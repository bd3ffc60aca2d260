//! The split-off modules (one each for the initiative page, the forms and the agenda, and those
//! they share): fetched only when first needed, each view's without another's, and when they
//! cannot be fetched, the visitor sees why and can try again without reloading the page or losing
//! the results.

use verschilmaker_widget::i18n::UiLang;

use crate::browser::{Browser, ShadowRoot};
use crate::demo::nth_shadow;
use crate::demo::one;
use crate::e2e::{settled_widgets, site};

/// Opens the demo site's overview and waits for its cards; the widget's shadow root.
fn open_overview(browser: &Browser, url: &str) -> ShadowRoot {
    browser.goto(&format!("{url}/"));
    settled_widgets(browser, 1);
    let shadow = nth_shadow(browser, 0);
    one(browser, &shadow, ".vm-card");
    shadow
}

#[test]
fn an_unreachable_split_off_module_shows_an_error_with_a_retry_that_works() {
    let site = site();
    let browser = Browser::start();
    let shadow = open_overview(&browser, &site.url);
    // The connection drops for the modules only (the page's own `fetch`, which the link file
    // uses, fails for them as it would offline).
    browser.execute(
        "window.__realFetch = window.fetch;
         window.fetch = (input, init) => String(input).includes('_later/')
             ? Promise.reject(new TypeError('Failed to fetch'))
             : window.__realFetch(input, init);",
    );
    let card = one(&browser, &shadow, ".vm-card__link");
    browser.click(&card);
    let error = one(&browser, &shadow, ".vm-error[role=alert]");
    let texts = UiLang::Nl.later_texts();
    assert!(browser.text(&error).contains(texts.error_part), "{}", browser.text(&error));
    assert!(browser.find_all_in(&shadow, ".vm-detail__title").is_empty());

    // Back online: "Opnieuw proberen" fetches it again and shows the initiative.
    browser.execute("window.fetch = window.__realFetch;");
    let retry = one(&browser, &shadow, ".vm-error .vm-button");
    assert_eq!(browser.text(&retry), texts.retry);
    browser.click(&retry);
    let title = one(&browser, &shadow, ".vm-detail__title");
    assert!(!browser.text(&title).is_empty());
    assert!(browser.find_all_in(&shadow, ".vm-error").is_empty(), "the error is gone");
}

#[test]
fn a_link_to_an_initiative_fetches_the_second_module_beside_the_data() {
    let site = site();
    let dataset = crate::demo::demo_dataset();
    let id = dataset.initiatives[0].id.to_string();
    let browser = Browser::start();
    browser.goto(&format!("{}/#verschilmaker/initiatief/{id}", site.url));
    let shadow = nth_shadow(&browser, 0);
    one(&browser, &shadow, ".vm-detail__title");
    // A page that opens on the initiative leaves the focus where the browser put it: only a
    // visitor's own navigation moves it into the widget. The focus would move when the page
    // reports that it is shown, in the task that rendered the title; the next frame comes after.
    browser.wait_for_next_frame();
    let active = browser.execute("return document.querySelector('verschil-maker').shadowRoot.activeElement === null");
    assert_eq!(active, serde_json::json!(true), "the widget took the focus on page load");
    // Without the early fetch, the module is asked for only once the data has arrived and been
    // indexed; with it, the request starts while the data is still on its way.
    let timing = browser.execute(
        "const entry = (part) => performance.getEntriesByType('resource').find((e) => e.name.includes(part));
         const data = entry('initiatieven.json'), later = entry('split_detail.');
         return [later.startTime, data.responseEnd];",
    );
    let [later_start, data_end] = [0, 1].map(|i| timing[i].as_f64().expect("both were fetched"));
    assert!(
        later_start < data_end,
        "the module was requested at {later_start} ms, after the data ended at {data_end} ms"
    );
}

/// The border style of the first need on the initiative page: `solid` only when the later views'
/// style sheet (`verschilmaker-later.css`) applies.
pub(crate) fn need_border(browser: &Browser) -> String {
    let style = browser.execute(
        "const need = document.querySelector('verschil-maker').shadowRoot.querySelector('.vm-need');\
         return need ? getComputedStyle(need).borderTopStyle : null",
    );
    style.as_str().unwrap_or_default().to_owned()
}

/// Waits until the initiative page's first need has its border from the later style sheet.
pub(crate) fn wait_for_later_styles(browser: &Browser, when: &str) {
    browser.wait_for(
        std::time::Duration::from_secs(10),
        &format!("the later style sheet to apply {when}"),
        |b| Some(need_border(b)).filter(|style| style == "solid"),
        need_border,
    );
}

#[test]
fn the_later_views_styles_are_linked_when_the_first_of_them_opens() {
    let site = site();
    let browser = Browser::start();
    open_overview(&browser, &site.url);
    // On the overview the sheet is there without an address, so nothing is fetched.
    let unlinked = browser.execute(
        "const link = document.querySelector('verschil-maker').shadowRoot.querySelector('link[data-vm-later]');\
         return link ? [link.hasAttribute('href'), link.getAttribute('data-vm-later')] : null",
    );
    assert_eq!(unlinked[0], false, "{unlinked}");
    assert!(
        unlinked[1].as_str().is_some_and(|url| www::unhashed(url).ends_with("/verschilmaker/verschilmaker-later.css")),
        "{unlinked}"
    );

    // The overview looks the same with the later sheet as without it: no rule it needs is only
    // there, and none there reaches it. Every element's computed style, before and after the
    // sheet is linked by hand, but for the sizes that come from layout rather than from rules
    // (Chromium lays out the contents of a closed `<details>` only when something asks).
    let changed = browser.execute_async(
        "const done = arguments[arguments.length - 1];
         const root = document.querySelector('verschil-maker').shadowRoot;
         const layout = ['width', 'height', 'inline-size', 'block-size', 'perspective-origin', 'transform-origin'];
         const styles = () => [...root.querySelectorAll('*')].map((element) => {
             const style = getComputedStyle(element);
             return [...style].filter((name) => !layout.includes(name))
                 .map((name) => name + ': ' + style.getPropertyValue(name));
         });
         const before = styles();
         const link = root.querySelector('link[data-vm-later]');
         link.addEventListener('load', () => {
             const after = styles();
             const elements = [...root.querySelectorAll('*')];
             const name = (element) => element.tagName + '.' + element.getAttribute('class');
             done(before.length === after.length
                 ? before.flatMap((style, i) => style.flatMap((property, j) => property === after[i][j]
                     ? [] : [name(elements[i]) + ' ' + property + ' → ' + after[i][j]]))
                 : ['the number of elements changed']);
         });
         link.addEventListener('error', () => done(['the later sheet did not load']));
         link.setAttribute('href', link.getAttribute('data-vm-later'));",
    );
    assert_eq!(changed, serde_json::json!([]), "elements of the overview styled by the later sheet");

    // Back to a fresh overview, where the app links it itself when an initiative opens.
    browser.goto("about:blank");
    let shadow = open_overview(&browser, &site.url);
    let card = one(&browser, &shadow, ".vm-card__link");
    browser.click(&card);
    one(&browser, &shadow, ".vm-detail__title");
    one(&browser, &shadow, ".vm-need");
    wait_for_later_styles(&browser, "after a click on a card");

    // A page that opens on an initiative links it too (a fresh load, not a change of fragment).
    let id = crate::demo::demo_dataset().initiatives[0].id.to_string();
    browser.goto("about:blank");
    browser.goto(&format!("{}/#verschilmaker/initiatief/{id}", site.url));
    let shadow = nth_shadow(&browser, 0);
    one(&browser, &shadow, ".vm-need");
    wait_for_later_styles(&browser, "after a deep link");
}

/// How many times the page has fetched the later module of `view` (`detail`, `forms`, `agenda`;
/// a resource entry is there once its response has ended).
fn module_fetches(browser: &Browser, view: &str) -> u64 {
    browser
        .execute(&format!(
            "return performance.getEntriesByType('resource').filter((e) => e.name.includes('/split_{view}.')).length"
        ))
        .as_u64()
        .unwrap_or_default()
}

/// Waits until the page has fetched the later module of `view`, on `intent`.
fn wait_for_module(browser: &Browser, view: &str, intent: &str) {
    browser.wait_for(
        std::time::Duration::from_secs(30),
        &format!("the module of {view} to be fetched on {intent}"),
        |b| (module_fetches(b, view) > 0).then_some(()),
        |b| format!("{:?}", b.widget_texts()),
    );
}

/// A pointer over a card, or the focus on one, is the intent to open it: the second module is
/// fetched then, before any click, and the click opens the initiative with it.
#[test]
fn the_intent_to_open_an_initiative_fetches_the_second_module_before_the_click() {
    let site = site();
    for (intent, script) in [
        (
            "a pointer over a card",
            "card.dispatchEvent(new PointerEvent('pointerover', {bubbles: true, composed: true}))",
        ),
        ("the focus on a card", "card.focus()"),
    ] {
        let browser = Browser::start();
        let shadow = open_overview(&browser, &site.url);
        // The overview alone does not fetch it (searching and browsing need only the first
        // download): the data is in, the cards are there, and the module is not.
        assert_eq!(module_fetches(&browser, "detail"), 0, "fetched before any intent");
        browser.execute(&format!(
            "const card = document.querySelector('verschil-maker').shadowRoot.querySelector('.vm-card__link'); {script};"
        ));
        wait_for_module(&browser, "detail", intent);
        assert!(browser.find_all_in(&shadow, ".vm-detail__title").is_empty(), "{intent} opened nothing by itself");
        let card = one(&browser, &shadow, ".vm-card__link");
        browser.click(&card);
        one(&browser, &shadow, ".vm-detail__title");
        assert_eq!(module_fetches(&browser, "detail"), 1, "{intent}: the click fetched the module again");
        // The initiative page without the forms' code, which is the larger part.
        assert_eq!(module_fetches(&browser, "forms"), 0, "{intent}: the initiative page fetched the forms");
    }
}

/// The start and offer buttons are the intent to open a form: the forms' module is fetched then,
/// and not the initiative page's; on the initiative page, "I want to help" is that intent too.
#[test]
fn the_intent_to_open_a_form_fetches_the_forms_module_and_only_that() {
    let site = site();
    let browser = Browser::start();
    let shadow = open_overview(&browser, &site.url);
    browser.execute(
        "document.querySelector('verschil-maker').shadowRoot.querySelector('button[data-act=start]')         .dispatchEvent(new PointerEvent('pointerover', {bubbles: true, composed: true}))",
    );
    wait_for_module(&browser, "forms", "a pointer over the start button");
    assert_eq!(module_fetches(&browser, "detail"), 0, "a form's intent fetched the initiative page");
    assert!(browser.find_all_in(&shadow, ".vm-form__title").is_empty(), "the intent opened nothing by itself");

    // On an initiative's page, the focus on "I want to help" (its own view, in another module).
    let browser = Browser::start();
    let shadow = open_overview(&browser, &site.url);
    browser.click(&one(&browser, &shadow, ".vm-card__link"));
    let help = one(&browser, &shadow, ".vm-help__offer");
    assert_eq!(module_fetches(&browser, "forms"), 0, "the initiative page fetched the forms by itself");
    browser.execute("document.querySelector('verschil-maker').shadowRoot.querySelector('.vm-help__offer').focus()");
    wait_for_module(&browser, "forms", "the focus on \"I want to help\"");
    browser.click(&help);
    one(&browser, &shadow, ".vm-form__title");
    assert_eq!(module_fetches(&browser, "forms"), 1, "the click fetched the forms again");
}
