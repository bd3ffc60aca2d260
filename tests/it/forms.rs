//! End-to-end tests of the forms in headless Chromium: starting an initiative and offering help,
//! drafts restored after a reload, the hand-over to a local endpoint (succeeding, failing and
//! retried), storage that is full or blocked, the live suggestions and rules, two tabs on one
//! draft, keyboard-only use, and axe-core on every step in both languages.

use std::path::Path;

use serde_json::Value;
use verschilmaker::Dataset;
use verschilmaker::matching::{MatchConfig, suggest_for_draft};
use verschilmaker::submission::merge_into;
use verschilmaker_widget::draft::{NeedForm, StartForm};
use verschilmaker_widget::i18n::UiLang;

use crate::browser::Browser;
use crate::discover::{axe_source, axe_violations};
use crate::e2e::{TIMEOUT, repo_path, save_screenshot, severe_console_messages, site};
use crate::keyboard::{ENTER, SPACE, TAB, tab_until};

/// The demo municipality's storage namespace (its CBS code, lower case).
const KEYS: &str = "verschilmaker/gm9999/";
const GARDEN: &str = "moestuin-de-vlier";

/// The script that makes every `localStorage.setItem` fail as a full storage does.
const FULL_JS: &str = "// Simulates a full storage: every write fails with a QuotaExceededError.\n\
    Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };\n";
/// The script that makes `localStorage` itself throw, as when the browser blocks storage.
const BLOCKED_JS: &str = "// Simulates blocked storage: reading localStorage throws a SecurityError.\n\
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('Access is denied.', 'SecurityError'); } });\n";

/// Writes the pages these tests open under `/generated/`: one per test, each posting to its own
/// inbox path so that tests running at once do not see each other's submissions.
pub fn write_generated(dir: &Path) {
    std::fs::write(dir.join("storage-full.js"), FULL_JS).expect("write storage-full.js");
    std::fs::write(dir.join("storage-blocked.js"), BLOCKED_JS).expect("write storage-blocked.js");
    for (name, lang, script) in [
        ("reload", "nl", None),
        ("submit", "nl", None),
        ("retry", "nl", None),
        ("full", "nl", Some("storage-full.js")),
        ("blocked", "nl", Some("storage-blocked.js")),
        ("live", "nl", None),
        ("tabs", "nl", None),
        ("keyboard", "nl", None),
        ("reflow", "nl", None),
        ("mail", "nl", None),
        ("axe-nl", "nl", None),
        ("axe-en", "en", None),
    ] {
        let script = script.map(|s| format!("<script src=\"/generated/{s}\"></script>\n")).unwrap_or_default();
        let submit_to =
            if name == "mail" { "mailto:loket@gemeente.example".to_owned() } else { format!("/inzendingen/{name}") };
        let page = format!(
            "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\n<title>Verschilmaker forms test</title>\n\
             {script}<script type=\"module\" src=\"/verschilmaker/verschilmaker.js\"></script>\n</head>\n<body>\n<main>\n\
             <h1>Verschilmaker forms test</h1>\n\
             <verschil-maker src=\"/data/initiatieven.json\" submit-to=\"{submit_to}\"></verschil-maker>\n\
             </main>\n</body>\n</html>\n"
        );
        std::fs::write(dir.join(format!("forms-{name}.html")), page).expect("write a forms page");
    }
}

fn demo() -> Dataset {
    let json = std::fs::read_to_string(repo_path("core/demo/initiatieven.json")).expect("read the demo data");
    Dataset::from_json_strict(&json).expect("the demo data is valid")
}

/// JavaScript that starts with `R`, the (first) widget's shadow root.
pub fn js(browser: &Browser, body: &str) -> Value {
    browser.execute(&format!("const R = document.querySelector('verschil-maker').shadowRoot; {body}"))
}

/// Polls a script until it returns something other than `null`, `false` or `""`.
pub fn wait_js(browser: &Browser, what: &str, body: &str) -> Value {
    browser.wait_for(
        TIMEOUT,
        what,
        |b| {
            let value = js(b, body);
            let done = !matches!(&value, Value::Null | Value::Bool(false)) && value != "";
            done.then_some(value)
        },
        |b| {
            js(b, "return R ? R.textContent : 'no shadow root'")
                .as_str()
                .unwrap_or_default()
                .chars()
                .take(3000)
                .collect()
        },
    )
}

fn url(page: &str, fragment: &str) -> String {
    format!("{}/generated/forms-{page}.html#verschilmaker/{fragment}", site().url)
}

/// Opens a forms page and waits for the form.
fn open(browser: &Browser, page: &str, fragment: &str) {
    browser.goto(&url(page, fragment));
    wait_js(browser, "the form", "return R.querySelector('.vm-form__title') !== null");
}

/// Sets a text field (or select) as typing would, through its input or change event.
fn set(browser: &Browser, id: &str, value: &str) {
    let value = serde_json::to_string(value).unwrap();
    let done = js(
        browser,
        &format!(
            "const el = R.querySelector('#{id}'); if (!el) return false; el.value = {value};\
             el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', {{ bubbles: true }})); return true"
        ),
    );
    assert_eq!(done, Value::Bool(true), "no field #{id}");
    wait_js(
        browser,
        &format!("#{id} to hold its value"),
        &format!("return R.querySelector('#{id}').value === {value}"),
    );
}

fn click(browser: &Browser, css: &str) {
    let css = serde_json::to_string(css).unwrap();
    wait_js(
        browser,
        &format!("{css} to click"),
        &format!("const el = R.querySelector({css}); if (!el) return false; el.click(); return true"),
    );
}

/// Presses "next" and waits for step `to` (1-based).
fn next(browser: &Browser, to: u8) {
    click(browser, ".vm-form__next");
    let want = format!("{} {to} ", UiLang::Nl.later_texts().step);
    wait_js(
        browser,
        &format!("step {to}"),
        &format!("const h = R.querySelector('.vm-form__step'); return h && h.textContent.startsWith({want:?})"),
    );
}

/// Reloads the page and waits until the new page's form is there.
fn reload(browser: &Browser) {
    browser.execute("window.vmBeforeReload = true; location.reload()");
    browser.wait_for(
        TIMEOUT,
        "the reloaded page's form",
        |b| {
            let ready = b.execute(
                "return window.vmBeforeReload === undefined && \
                 !!document.querySelector('verschil-maker')?.shadowRoot?.querySelector('.vm-form__title')",
            );
            (ready == Value::Bool(true)).then_some(())
        },
        |b| b.current_url(),
    );
}

fn stored(browser: &Browser) -> Vec<Value> {
    let values = browser.execute(&format!(
        "return Object.keys(localStorage).filter(k => k.startsWith('{KEYS}')).map(k => localStorage.getItem(k))"
    ));
    values
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter_map(|v| serde_json::from_str(v.as_str()?).ok())
        .collect()
}

/// Fills every step of the start form with a complete plan and ends on the summary.
fn fill_start(browser: &Browser, title: &str) {
    set(browser, "vm-s-title", title);
    set(browser, "vm-s-summary", "Een feest om buren te leren kennen.");
    next(browser, 2);
    click(browser, "#vm-s-themes-6");
    set(browser, "vm-s-postcode", "5231 AB");
    set(browser, "vm-s-start", "2026-06-01");
    next(browser, 3);
    click(browser, "#vm-s-add-need");
    set(browser, "vm-s-need-0-kind", "funding");
    set(browser, "vm-s-need-0-amount", "3000");
    next(browser, 4);
    set(browser, "vm-s-initiator", "Buren van de Hof");
    set(browser, "vm-s-email", "hof@example.org");
    next(browser, 5);
}

/// Waits for the hand-over status of the item shown and returns its text.
fn sent_status(browser: &Browser, class: &str) -> String {
    wait_js(
        browser,
        class,
        &format!("const s = R.querySelector('.vm-confirmation .{class}'); return s && s.textContent"),
    )
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

/// Decodes a `data:` or `mailto:` URL's percent-encoded part.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).expect("a hex escape"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("UTF-8")
}

/// The value with every number as a float, so that `3000` and `3000.0` compare equal.
fn numbers_as_f64(value: Value) -> Value {
    match value {
        Value::Number(n) => n.as_f64().map_or(Value::Null, Value::from),
        Value::Array(items) => Value::Array(items.into_iter().map(numbers_as_f64).collect()),
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, numbers_as_f64(v))).collect()),
        other => other,
    }
}

#[test]
fn forms_a_partly_filled_start_form_survives_a_reload() {
    let browser = Browser::start();
    open(&browser, "reload", "starten");
    set(&browser, "vm-s-title", "Buurtfeest in de Hof");
    set(&browser, "vm-s-summary", "Buren leren elkaar kennen.");
    next(&browser, 2);
    set(&browser, "vm-s-postcode", "5231 AB");
    wait_js(
        &browser,
        "the saved note",
        &format!("return R.querySelector('.vm-saved')?.textContent.includes({:?})", UiLang::Nl.later_texts().saved),
    );
    let kept = stored(&browser);
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(kept[0]["form"]["postcode"], "5231 AB");
    assert_eq!(kept[0]["v"], 1);

    reload(&browser);
    wait_js(
        &browser,
        "the restored step",
        "const h = R.querySelector('.vm-form__step'); return h && h.textContent.startsWith('Stap 2 ')",
    );
    assert_eq!(js(&browser, "return R.querySelector('#vm-s-postcode').value"), "5231 AB");
    click(&browser, ".vm-form .vm-button--secondary");
    wait_js(&browser, "step 1", "return R.querySelector('#vm-s-title')?.value === 'Buurtfeest in de Hof'");
    assert_eq!(js(&browser, "return R.querySelector('#vm-s-summary').value"), "Buren leren elkaar kennen.");

    // The visitor is told what is kept and can delete all of it.
    let texts = UiLang::Nl.later_texts();
    let told = js(&browser, "return R.querySelector('.vm-stored').textContent");
    assert!(told.as_str().unwrap().contains(texts.stored_text), "{told}");
    assert!(told.as_str().unwrap().contains(&format!("{} 1 ", texts.stored_now)), "{told}");
    click(&browser, ".vm-stored .vm-button");
    wait_js(
        &browser,
        "the deletion to be confirmed",
        &format!("return R.querySelector('.vm-stored').textContent.includes({:?})", texts.deleted_all),
    );
    assert_eq!(stored(&browser), Vec::<Value>::new());
    assert_eq!(js(&browser, "return R.querySelector('#vm-s-title').value"), "");
    reload(&browser);
    assert_eq!(js(&browser, "return R.querySelector('#vm-s-title').value"), "", "nothing comes back after a reload");
    assert_eq!(severe_console_messages(&browser), Vec::<String>::new());
}

#[test]
fn forms_a_submission_reaches_the_endpoint_exactly_and_fires_the_event() {
    let site = site();
    let browser = Browser::start();
    open(&browser, "submit", "starten");
    browser.execute(
        "window.verschilmakerEvents = [];\
         document.querySelector('verschil-maker').addEventListener('verschilmaker-submit', e => window.verschilmakerEvents.push(e.detail))",
    );
    fill_start(&browser, "Buurtfeest Zuiderhof");
    // The summary shows what will be sent.
    let summary =
        js(&browser, "return R.querySelector('.vm-summary').textContent").as_str().unwrap_or_default().to_owned();
    // The amount and the date as people write them ("€ 3.000", "1 juni 2026").
    let amount = verschilmaker_widget::written::quantity(3000.0, "eur", UiLang::Nl);
    for expected in ["Buurtfeest Zuiderhof", "Zuiderhof", &amount, "1 juni 2026", "hof@example.org"] {
        assert!(summary.contains(expected), "{expected:?} not in {summary:?}");
    }
    click(&browser, ".vm-form__next");
    let status = sent_status(&browser, "vm-sent--ok");
    assert!(status.contains(UiLang::Nl.later_texts().status_received), "{status}");

    let received = site.inbox.received("/inzendingen/submit");
    assert_eq!(received.len(), 1, "{received:?}");
    let body = &received[0];
    // Exactly the document the visitor can see, download, mail and that the host page got.
    let shown = js(&browser, "return R.querySelector('.vm-document').textContent");
    assert_eq!(shown.as_str(), Some(body.as_str()));
    let download = js(&browser, "return R.querySelector('.vm-confirmation .vm-download').getAttribute('href')");
    let download =
        download.as_str().unwrap().strip_prefix("data:application/json;charset=utf-8,").expect("a JSON data URL");
    assert_eq!(&percent_decode(download), body);
    let mail = js(&browser, "return R.querySelector('.vm-confirmation .vm-mail').getAttribute('href')");
    let mail = mail.as_str().unwrap();
    assert!(mail.starts_with("mailto:initiatieven@verschilstad.example?subject="), "{mail}");
    assert_eq!(&percent_decode(mail.split_once("&body=").unwrap().1), body);
    // JavaScript has one number type, so 3000.0 comes back as 3000: compare numbers as numbers.
    let events = browser.execute("return window.verschilmakerEvents");
    let document: Value = serde_json::from_str(body).unwrap();
    assert_eq!(numbers_as_f64(events), Value::Array(vec![numbers_as_f64(document.clone())]));

    // The document is a versioned submission whose record a facilitator can add to the data file.
    assert_eq!(document["schema"], "verschilmaker-submission/1");
    let merged = merge_into(body, &demo()).unwrap_or_else(|e| panic!("{e}\n{body}"));
    let added = merged.initiatives.last().unwrap();
    assert_eq!(added.title.resolve(&["nl"]), "Buurtfeest Zuiderhof");
    assert_eq!(added.area.as_ref().map(|a| a.as_str()), Some("zuiderhof"));
    assert_eq!(added.needs[0].amount, Some(3000.0));
    assert_eq!(document["contact"]["email"], "hof@example.org");
    // Confirmed, so the browser no longer keeps it.
    assert_eq!(stored(&browser), Vec::<Value>::new());
    assert_eq!(severe_console_messages(&browser), Vec::<String>::new());
}

#[test]
fn forms_a_failing_endpoint_keeps_the_submission_until_a_retry_succeeds() {
    let site = site();
    site.inbox.fail_with("/inzendingen/retry", Some(503));
    let browser = Browser::start();
    open(&browser, "retry", "starten");
    fill_start(&browser, "Repair café Zuid");
    click(&browser, ".vm-form__next");
    let status = sent_status(&browser, "vm-sent--failed");
    assert!(status.contains(UiLang::Nl.later_texts().status_failed) && status.contains("503"), "{status}");
    assert_eq!(site.inbox.received("/inzendingen/retry"), Vec::<String>::new());
    let kept = stored(&browser);
    assert_eq!(kept.len(), 1, "{kept:?}");
    let document = kept[0]["sent"]["document"].as_str().expect("the document is kept").to_owned();
    assert_eq!(kept[0]["sent"]["error"].as_str().map(|e| e.contains("503")), Some(true));

    // Even a reload loses nothing: the submission waits in the outbox with its error.
    reload(&browser);
    let outbox = wait_js(&browser, "the outbox", "return R.querySelector('.vm-outbox')?.textContent");
    assert!(outbox.as_str().unwrap().contains("Repair café Zuid"), "{outbox}");
    assert!(outbox.as_str().unwrap().contains("503"), "{outbox}");

    site.inbox.fail_with("/inzendingen/retry", None);
    let retry = UiLang::Nl.later_texts().retry_send;
    wait_js(
        &browser,
        "the retry button",
        &format!(
            "const b = [...R.querySelectorAll('.vm-outbox button')].find(b => b.textContent === {retry:?}); if (!b) return false; b.click(); return true"
        ),
    );
    let status =
        wait_js(&browser, "the confirmation", "return R.querySelector('.vm-outbox .vm-sent--ok')?.textContent");
    assert!(status.as_str().unwrap().contains(UiLang::Nl.later_texts().status_received), "{status}");
    assert_eq!(site.inbox.received("/inzendingen/retry"), [document]);
    assert_eq!(stored(&browser).iter().filter(|v| v["sent"].is_object()).count(), 0);
}

#[test]
fn forms_full_or_blocked_storage_warns_offers_a_download_and_still_submits() {
    let site = site();
    let texts = UiLang::Nl.later_texts();
    for (page, warning) in [("full", texts.not_saved_full), ("blocked", texts.not_saved_unavailable)] {
        let browser = Browser::start();
        open(&browser, page, "starten");
        set(&browser, "vm-s-title", "Zwerfafval opruimen");
        let shown = wait_js(&browser, "the warning", "return R.querySelector('.vm-not-saved')?.textContent");
        assert!(shown.as_str().unwrap().contains(warning), "{page}: {shown}");
        assert_eq!(js(&browser, "return R.querySelector('.vm-not-saved').getAttribute('role')"), "alert");
        let href = js(&browser, "return R.querySelector('.vm-not-saved a[download]').getAttribute('href')");
        let draft =
            percent_decode(href.as_str().unwrap().strip_prefix("data:application/json;charset=utf-8,").unwrap());
        let draft: Value = serde_json::from_str(&draft).unwrap();
        assert_eq!(draft["form"]["title"], "Zwerfafval opruimen", "{page}");

        // The form works on, and the hand-over too.
        fill_start(&browser, "Zwerfafval opruimen");
        click(&browser, ".vm-form__next");
        sent_status(&browser, "vm-sent--ok");
        let received = site.inbox.received(&format!("/inzendingen/{page}"));
        assert_eq!(received.len(), 1, "{page}");
        assert!(received[0].contains("Zwerfafval opruimen"));
    }
}

#[test]
fn forms_live_suggestions_and_rules_follow_the_needs() {
    let dataset = demo();
    let browser = Browser::start();
    open(&browser, "live", "starten");
    set(&browser, "vm-s-title", "Buurtmoestuin achter de school");
    set(&browser, "vm-s-summary", "Samen groente kweken.");
    next(&browser, 2);
    click(&browser, "#vm-s-themes-0");
    set(&browser, "vm-s-postcode", "5221");
    next(&browser, 3);
    let no_needs = UiLang::Nl.later_texts().live_no_needs;
    wait_js(
        &browser,
        "no partners before a need",
        &format!("return R.querySelector('.vm-live-partners').textContent.includes({no_needs:?})"),
    );
    let rule_ids = |b: &Browser| {
        js(b, "return [...R.querySelectorAll('.vm-live-rules [data-id]')].map(e => e.dataset.id).join(' ')")
    };
    let partner_ids = |b: &Browser| {
        js(b, "return [...R.querySelectorAll('.vm-live-partners [data-id]')].map(e => e.dataset.id).join(' ')")
    };

    let mut form = StartForm {
        title: "Buurtmoestuin achter de school".into(),
        summary: "Samen groente kweken.".into(),
        themes: vec!["groen".into()],
        postcode: "5221".into(),
        ..StartForm::default()
    };
    // A space need, then a large funding need, then that funding need made small.
    for (at, need, amount) in [(0, "space", "200"), (1, "funding", "3000"), (1, "funding", "100")] {
        if form.needs.len() == at {
            click(&browser, "#vm-s-add-need");
            form.needs.push(NeedForm { kind: "volunteers".into(), ..NeedForm::default() });
        }
        set(&browser, &format!("vm-s-need-{at}-kind"), need);
        set(&browser, &format!("vm-s-need-{at}-amount"), amount);
        form.needs[at].kind = need.into();
        form.needs[at].amount = amount.into();
        // Core's answer for the same plan, and the rules that apply to it.
        let plan = form.initiative(&dataset, "x-draft");
        let expected: Vec<String> = suggest_for_draft(&dataset, &MatchConfig::default(), &plan, 5)
            .iter()
            .map(|s| s.partner.as_str().to_owned())
            .collect();
        let rules: Vec<String> = verschilmaker::matching::applicable_rules(&dataset, &plan)
            .iter()
            .map(|r| r.id.as_str().to_owned())
            .collect();
        assert!(!expected.is_empty());
        browser.wait_for(
            TIMEOUT,
            &format!("partners {expected:?} and rules {rules:?} after {need} {amount}"),
            |b| (partner_ids(b) == expected.join(" ") && rule_ids(b) == rules.join(" ")).then_some(()),
            |b| format!("partners {}, rules {}", partner_ids(b), rule_ids(b)),
        );
        eprintln!("after {need} {amount}: partners {expected:?}, rules {rules:?}");
        match amount {
            "200" => assert!(rules.contains(&"groen-in-openbare-ruimte".to_owned()), "{rules:?}"),
            "3000" => assert!(rules.contains(&"initiatievenfonds".to_owned()), "{rules:?}"),
            _ => assert!(
                !rules.contains(&"initiatievenfonds".to_owned()),
                "under 2500 the fund does not apply: {rules:?}"
            ),
        }
    }
    let reasons = js(&browser, "return R.querySelector('.vm-live-partners .vm-reasons').textContent");
    assert!(!reasons.as_str().unwrap_or_default().is_empty(), "every suggestion says why");
}

#[test]
fn forms_two_tabs_on_one_draft_do_not_overwrite_each_other() {
    let browser = Browser::start();
    open(&browser, "tabs", "starten");
    set(&browser, "vm-s-title", "Versie van tab A");
    wait_js(&browser, "A saved", "return R.querySelector('.vm-saved') !== null");
    let first = browser.window_handle();
    let second = browser.new_window();
    browser.switch_to_window(&second);
    open(&browser, "tabs", "starten");
    wait_js(&browser, "B restored A's draft", "return R.querySelector('#vm-s-title')?.value === 'Versie van tab A'");
    set(&browser, "vm-s-title", "Versie van tab B");
    wait_js(&browser, "B saved", "return R.querySelector('.vm-saved') !== null");

    browser.switch_to_window(&first);
    let conflict = wait_js(&browser, "the conflict notice in A", "return R.querySelector('.vm-conflict')?.textContent");
    assert!(conflict.as_str().unwrap().contains(UiLang::Nl.later_texts().conflict), "{conflict}");
    // Typing on in A does not overwrite B's version.
    set(&browser, "vm-s-title", "Versie van tab A, verder getypt");
    let titles = |b: &Browser| {
        let mut t: Vec<String> =
            stored(b).iter().filter_map(|v| v["form"]["title"].as_str().map(str::to_owned)).collect();
        t.sort();
        t
    };
    assert_eq!(titles(&browser), ["Versie van tab B"]);
    // Keeping both: A's version becomes a draft of its own.
    click(&browser, ".vm-conflict .vm-button:not(.vm-button--secondary)");
    wait_js(
        &browser,
        "A saved as a new draft",
        "return R.querySelector('.vm-conflict') === null && R.querySelector('.vm-saved') !== null",
    );
    assert_eq!(titles(&browser), ["Versie van tab A, verder getypt", "Versie van tab B"]);
}

#[test]
fn forms_both_forms_can_be_completed_with_the_keyboard_alone() {
    let site = site();
    let browser = Browser::start();
    browser.goto(&format!("{}/generated/forms-keyboard.html", site.url));
    wait_js(&browser, "the overview", "return R.querySelector('.vm-way-in__start') !== null");
    tab_until(&browser, 60, "the start button", |f| f.contains("vm-way-in__start"));
    browser.press(ENTER);
    wait_js(
        &browser,
        "the form heading to have the focus",
        "return R.activeElement?.classList.contains('vm-form__title')",
    );
    tab_until(&browser, 60, "the title", |f| f.starts_with("input#vm-s-title"));
    browser.press("Fietsenplan");
    browser.press(TAB);
    browser.press("Fietsen repareren met buren.");
    tab_until(&browser, 60, "next", |f| f.contains("vm-form__next"));
    browser.press(ENTER);
    wait_js(
        &browser,
        "step 2 with the focus on its heading",
        "return R.activeElement?.classList.contains('vm-form__step') && R.activeElement.textContent.startsWith('Stap 2')",
    );
    tab_until(&browser, 60, "next", |f| f.contains("vm-form__next"));
    browser.press(ENTER);
    wait_js(&browser, "step 3", "return R.activeElement?.textContent.startsWith('Stap 3')");
    // "Next" without a need: the error is announced and the focus goes to the add button.
    tab_until(&browser, 60, "next", |f| f.contains("vm-form__next"));
    browser.press(ENTER);
    wait_js(
        &browser,
        "the error on the need",
        "return R.activeElement?.id === 'vm-s-add-need' && R.querySelector('.vm-error-summary') !== null",
    );
    browser.press(ENTER);
    wait_js(&browser, "the new need's kind", "return R.activeElement?.id === 'vm-s-need-0-kind'");
    browser.press("g");
    wait_js(&browser, "funding chosen", "return R.querySelector('#vm-s-need-0-kind').value === 'funding'");
    browser.press(TAB);
    browser.press("500");
    tab_until(&browser, 60, "next", |f| f.contains("vm-form__next"));
    browser.press(ENTER);
    wait_js(&browser, "step 4", "return R.activeElement?.textContent.startsWith('Stap 4')");
    tab_until(&browser, 60, "the initiator", |f| f.starts_with("input#vm-s-initiator"));
    browser.press("Fietsclub");
    tab_until(&browser, 60, "the email", |f| f.starts_with("input#vm-s-email"));
    browser.press("fiets@example.org");
    tab_until(&browser, 60, "next", |f| f.contains("vm-form__next"));
    browser.press(ENTER);
    wait_js(&browser, "step 5", "return R.activeElement?.textContent.startsWith('Stap 5')");
    tab_until(&browser, 60, "send", |f| f.contains("vm-form__next"));
    browser.press(ENTER);
    wait_js(&browser, "the confirmation", "return R.querySelector('.vm-confirmation .vm-sent--ok') !== null");

    // Offer help, from the initiative page's "I want to help", which fills in the initiative.
    browser.goto(&format!("{}/generated/forms-keyboard.html#verschilmaker/initiatief/{GARDEN}", site.url));
    wait_js(&browser, "the initiative", "return R.querySelector('.vm-help__offer') !== null");
    tab_until(&browser, 60, "I want to help", |f| f.contains("vm-help__offer"));
    browser.press(ENTER);
    wait_js(&browser, "the offer form", "return R.activeElement?.classList.contains('vm-form__title')");
    assert!(
        browser.current_url().ends_with(&format!("#verschilmaker/helpen?initiatief={GARDEN}")),
        "{}",
        browser.current_url()
    );
    let interest = js(&browser, "return R.querySelector('.vm-interest').textContent");
    assert!(interest.as_str().unwrap().contains("Buurtmoestuin De Vlier"), "{interest}");
    tab_until(&browser, 60, "the name", |f| f.starts_with("input#vm-o-name"));
    browser.press("Jan de Vries");
    tab_until(&browser, 60, "the hours", |f| f.starts_with("input#vm-o-amount"));
    browser.press("8");
    // The garden's open need asks for gardening: that skill is ticked already; add repairing.
    assert_eq!(js(&browser, "return R.querySelector('#vm-o-skills-0').checked"), true);
    tab_until(&browser, 60, "the second skill", |f| f.starts_with("input#vm-o-skills-1"));
    browser.press(SPACE);
    wait_js(&browser, "the fits", "return R.querySelectorAll('.vm-fits [data-id]').length > 0");
    tab_until(&browser, 60, "the email", |f| f.starts_with("input#vm-o-email"));
    browser.press("jan@example.org");
    tab_until(&browser, 60, "send", |f| f.contains("vm-form__next"));
    browser.press(ENTER);
    wait_js(&browser, "the confirmation", "return R.querySelector('.vm-confirmation .vm-sent--ok') !== null");

    let received = site.inbox.received("/inzendingen/keyboard");
    assert_eq!(received.len(), 2, "{received:?}");
    let start: Value = serde_json::from_str(&received[0]).unwrap();
    assert_eq!(start["initiative"]["title"], "Fietsenplan");
    assert_eq!(start["initiative"]["needs"][0]["kind"], "funding");
    assert_eq!(start["initiative"]["needs"][0]["amount"], 500.0);
    let offer: Value = serde_json::from_str(&received[1]).unwrap();
    assert_eq!(offer["kind"], "partner");
    assert_eq!(offer["partner"]["name"], "Jan de Vries");
    assert_eq!(offer["partner"]["offers"][0]["capacity"], 8.0);
    assert_eq!(offer["partner"]["offers"][0]["skills"], serde_json::json!(["tuinieren", "repareren"]));
    assert_eq!(offer["partner"]["themes"], serde_json::json!(["groen", "ontmoeting"]));
    assert_eq!(offer["partner"]["areas"], serde_json::json!(["noord"]));
    assert_eq!(offer["interest"], serde_json::json!([GARDEN]));
    merge_into(&received[1], &demo()).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn forms_axe_finds_no_wcag_violations_on_any_step_in_either_language() {
    let axe = axe_source();
    let browser = Browser::start();
    let mut report = Vec::new();
    let mut check = |browser: &Browser, name: String| {
        let violations = axe_violations(browser, &axe);
        eprintln!("axe {name}: {} violation(s) {violations:#?}", violations.len());
        report.extend(violations.into_iter().map(|v| format!("{name}: {v}")));
    };
    for lang in ["nl", "en"] {
        let page = format!("axe-{lang}");
        let step = UiLang::from_tag(lang).later_texts().step;
        let at_step = |browser: &Browser, n: u8| {
            wait_js(
                browser,
                &format!("step {n}"),
                &format!("return R.querySelector('.vm-form__step')?.textContent.startsWith('{step} {n} ')"),
            );
        };
        let next_step = |browser: &Browser, n: u8| {
            click(browser, ".vm-form__next");
            at_step(browser, n);
        };
        open(&browser, &page, "starten");
        // The first step with its inline errors shown.
        click(&browser, ".vm-form__next");
        wait_js(&browser, "the errors", "return R.querySelector('.vm-error-summary') !== null");
        check(&browser, format!("{lang} step 1 with errors"));
        set(&browser, "vm-s-title", "Buurtfeest");
        set(&browser, "vm-s-summary", "Buren leren elkaar kennen.");
        check(&browser, format!("{lang} step 1"));
        next_step(&browser, 2);
        set(&browser, "vm-s-postcode", "5231");
        check(&browser, format!("{lang} step 2"));
        next_step(&browser, 3);
        click(&browser, "#vm-s-add-need");
        set(&browser, "vm-s-need-0-kind", "funding");
        set(&browser, "vm-s-need-0-amount", "3000");
        wait_js(&browser, "the live partners", "return R.querySelectorAll('.vm-live-partners [data-id]').length > 0");
        check(&browser, format!("{lang} step 3"));
        next_step(&browser, 4);
        set(&browser, "vm-s-initiator", "Buren");
        set(&browser, "vm-s-email", "buren@example.org");
        check(&browser, format!("{lang} step 4"));
        next_step(&browser, 5);
        check(&browser, format!("{lang} step 5"));
        click(&browser, ".vm-form__next");
        sent_status(&browser, "vm-sent--ok");
        check(&browser, format!("{lang} confirmation"));
        browser.goto(&url(&page, "helpen"));
        wait_js(&browser, "the offer form", "return R.querySelector('#vm-o-name') !== null");
        click(&browser, ".vm-form__next");
        wait_js(&browser, "the errors", "return R.querySelector('.vm-error-summary') !== null");
        check(&browser, format!("{lang} offer with errors"));
        set(&browser, "vm-o-name", "Jan");
        wait_js(&browser, "the fits", "return R.querySelectorAll('.vm-fits [data-id]').length > 0");
        check(&browser, format!("{lang} offer"));
    }
    // The not-saved warning with its download.
    open(&browser, "full", "starten");
    set(&browser, "vm-s-title", "Buurtfeest");
    wait_js(&browser, "the warning", "return R.querySelector('.vm-not-saved') !== null");
    check(&browser, "nl storage full".into());
    assert_eq!(report, Vec::<String>::new());
}

#[test]
fn forms_reflow_at_320_px_and_are_captured_on_screen() {
    let browser = Browser::start();
    let overflow = |b: &Browser, name: &str| {
        let by = b.execute("return document.documentElement.scrollWidth - window.innerWidth");
        assert!(by.as_f64().unwrap_or(1.0) <= 0.0, "{name} scrolls sideways by {by} px");
        let path = save_screenshot(b, &format!("{name}.png"));
        eprintln!("screenshot: {}", path.display());
    };
    for (width, height) in [(1280, 1400), (320, 900)] {
        browser.set_viewport(width, height);
        open(&browser, "reflow", "starten");
        click(&browser, ".vm-stored .vm-button");
        set(&browser, "vm-s-title", "Buurtfeest met een heel lange naam die over meerdere regels loopt");
        set(&browser, "vm-s-summary", "Buren leren elkaar kennen.");
        next(&browser, 2);
        set(&browser, "vm-s-postcode", "5231");
        next(&browser, 3);
        click(&browser, "#vm-s-add-need");
        set(&browser, "vm-s-need-0-kind", "funding");
        set(&browser, "vm-s-need-0-amount", "3000");
        wait_js(&browser, "the live partners", "return R.querySelectorAll('.vm-live-partners [data-id]').length > 0");
        overflow(&browser, &format!("start-needs-{width}"));
        next(&browser, 4);
        set(&browser, "vm-s-initiator", "Buren");
        set(&browser, "vm-s-email", "buren@example.org");
        next(&browser, 5);
        overflow(&browser, &format!("start-summary-{width}"));
        click(&browser, ".vm-form__next");
        sent_status(&browser, "vm-sent--ok");
        overflow(&browser, &format!("start-sent-{width}"));
        browser.goto(&url("reflow", &format!("helpen?initiatief={GARDEN}")));
        wait_js(&browser, "the fits", "return R.querySelectorAll('.vm-fits [data-id]').length > 0");
        overflow(&browser, &format!("offer-{width}"));
    }
}

#[test]
fn forms_without_a_post_address_the_submission_waits_until_mailed_or_taken_by_the_host_page() {
    let texts = UiLang::Nl.later_texts();
    let browser = Browser::start();
    open(&browser, "mail", "starten");
    fill_start(&browser, "Buurtfeest per mail");
    click(&browser, ".vm-form__next");
    // Nobody confirmed it: it waits, offered by email to the address the page set.
    let status = sent_status(&browser, "vm-sent");
    assert!(status.contains(texts.status_waiting), "{status}");
    let mail = js(&browser, "return R.querySelector('.vm-confirmation .vm-mail').getAttribute('href')");
    assert!(mail.as_str().unwrap().starts_with("mailto:loket@gemeente.example?subject="), "{mail}");
    let kept = stored(&browser);
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(kept[0]["sent"]["document"].as_str().unwrap().contains("Buurtfeest per mail"));
    assert_eq!(kept[0]["sent"]["confirmed"], false);
    // It stays in the outbox across a reload, until the visitor removes it.
    reload(&browser);
    wait_js(
        &browser,
        "the outbox",
        "return R.querySelector('.vm-outbox')?.textContent.includes('Buurtfeest per mail')",
    );
    let remove = texts.remove_item;
    wait_js(
        &browser,
        "the remove button",
        &format!(
            "const b = [...R.querySelectorAll('.vm-outbox button')].find(b => b.textContent === {remove:?}); if (!b) return false; b.click(); return true"
        ),
    );
    wait_js(&browser, "the outbox emptied", "return R.querySelector('.vm-outbox') === null");
    assert_eq!(stored(&browser), Vec::<Value>::new());

    // A host page that takes the submission into its own form confirms it with preventDefault().
    browser.execute(
        "document.querySelector('verschil-maker').addEventListener('verschilmaker-submit', e => {\
           window.verschilmakerTaken = e.detail; e.preventDefault(); })",
    );
    click(&browser, ".vm-stored .vm-button");
    fill_start(&browser, "Buurtfeest via de pagina");
    click(&browser, ".vm-form__next");
    let status = sent_status(&browser, "vm-sent--ok");
    assert!(status.contains(texts.status_received), "{status}");
    let taken = browser.execute("return window.verschilmakerTaken.initiative.title");
    assert_eq!(taken, "Buurtfeest via de pagina");
    assert_eq!(stored(&browser), Vec::<Value>::new());
}
