//! What the browser's storage holds is outside input too: another version of the widget, an
//! extension, a hand edit in the developer tools or a crash halfway through a write can leave
//! anything under the widget's keys. These tests plant such values in headless Chromium and
//! check that every widget keeps working (with `panic = "abort"`, one panic would take every
//! widget on the page down), that what it cannot read is said and left untouched, and that a
//! submission or working copy that cannot be kept is never lost without a word.

use std::path::Path;

use serde_json::{Value, json};
use verschilmaker_widget::i18n::UiLang;

use crate::browser::Browser;
use crate::e2e::{TIMEOUT, save_screenshot, severe_console_messages, site};
use crate::forms::{js, wait_js};

/// The demo municipality's storage namespace (its CBS code, lower case).
const KEYS: &str = "verschilmaker/gm9999/";
/// The demo municipality's working-copy key.
const WORKING_KEY: &str = "verschilmaker:werkkopie:v1:GM9999";

/// Writes this module's pages under `/generated/`: the forms with storage that refuses every
/// write and a `mailto:` hand-over (so a submission stays in the outbox), and a page with the
/// forms beside a second widget.
pub fn write_generated(dir: &Path) {
    let page = |script: &str, widgets: &str| {
        format!(
            "<!doctype html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n\
             <link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\n<title>Verschilmaker hostile storage test</title>\n\
             {script}<script type=\"module\" src=\"/verschilmaker/verschilmaker.js\"></script>\n</head>\n<body>\n<main>\n\
             <h1>Hostile storage</h1>\n{widgets}</main>\n</body>\n</html>\n"
        )
    };
    let forms = "<verschil-maker id=\"forms\" src=\"/data/initiatieven.json\" submit-to=\"mailto:loket@gemeente.example\"></verschil-maker>\n";
    let second = "<verschil-maker id=\"agenda\" src=\"/data/initiatieven.json\" view=\"agenda\"></verschil-maker>\n";
    std::fs::write(dir.join("hostile-storage.html"), page("", &format!("{forms}{second}"))).expect("write a page");
    // A page of the same origin without the widget, to plant values before any widget reads them.
    std::fs::write(
        dir.join("hostile-storage-blank.html"),
        "<!doctype html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n\
         <link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\n<title>Blank</title>\n</head>\n<body></body>\n</html>\n",
    )
    .expect("write a page");
    std::fs::write(
        dir.join("hostile-storage-full.html"),
        page("<script src=\"/generated/storage-full.js\"></script>\n", forms),
    )
    .expect("write a page");
}

/// A stored draft of the current format, with `form` as the form.
fn item(id: &str, form: Value) -> String {
    json!({"v": 1, "id": id, "rev": 1, "tab": "other-tab", "updated": "2026-11-01T10:00:00Z", "form": form}).to_string()
}

/// A complete start form, on its last step, so that opening it builds the submission.
fn complete_start(title: &str) -> Value {
    json!({
        "form": "start", "step": 4, "title": title, "summary": "Een feest om buren te leren kennen.",
        "themes": ["ontmoeting"], "postcode": "5231 AB", "start": "2026-06-01",
        "needs": [{"kind": "funding", "amount": "3000", "skills": [], "description": ""}],
        "initiator": "Buren van de Hof", "email": "hof@example.org"
    })
}

/// Plants `values` under their keys in this origin's `localStorage`, after clearing it.
fn plant(browser: &Browser, values: &[(String, String)]) {
    browser.goto(&format!("{}/generated/hostile-storage-blank.html", site().url));
    let values = serde_json::to_string(values).expect("JSON");
    let planted = browser.execute(&format!(
        "localStorage.clear(); for (const [k, v] of {values}) localStorage.setItem(k, v); return localStorage.length"
    ));
    assert_eq!(planted.as_u64(), Some(serde_json::from_str::<Vec<Value>>(&values).map_or(0, |v| v.len() as u64)));
}

fn stored(browser: &Browser, key: &str) -> Option<String> {
    browser
        .execute(&format!("return localStorage.getItem({})", serde_json::to_string(key).expect("JSON")))
        .as_str()
        .map(str::to_owned)
}

fn assert_no_panic(browser: &Browser, when: &str) {
    let severe = severe_console_messages(browser);
    assert!(severe.is_empty(), "{when}: console errors (a panic aborts every widget): {severe:#?}");
}

#[test]
fn hostile_drafts_in_storage_are_set_aside_and_said_and_the_forms_keep_working() {
    let browser = Browser::start();
    let key = |id: &str| format!("{KEYS}{id}");
    // Readable items that a careless widget would choke on.
    let readable = [
        // A trailing space in the id: the record id built from it once hit an `unreachable!`.
        // It is the most recent start draft, so the form opens it.
        (key("spatie "), item("spatie ", complete_start("Spatie achter de id")).replace("2026-11-01", "2026-11-09")),
        // An id that is only white space, one with a slash, quotes and markup, and one with
        // control and bidi characters.
        (key("  "), item("  ", json!({"form": "start", "title": "Alleen spaties"}))),
        (key("a/b"), item("a/b\"<img src=x onerror=alert(1)>", json!({"form": "start", "title": "Rare id"}))),
        (key("ctl"), item("\u{0}\u{202e}x", json!({"form": "offer", "name": "Stuurtekens", "interest": ["\u{202e}"]}))),
        // Wrong types everywhere the form reads: each falls back to its default.
        (
            key("types"),
            json!({"v": 1, "id": "types", "rev": "7", "tab": 3, "updated": null,
                   "form": {"form": "start", "title": ["x"], "step": -3, "needs": "veel",
                            "themes": [1, null, {}], "postcode": 5231}})
            .to_string(),
        ),
        // An offer in the outbox whose document is not JSON and whose attempts overflow.
        (
            key("outbox"),
            json!({"v": 1, "id": "outbox", "rev": 2, "tab": "t", "updated": "2026-11-02T10:00:00Z",
                   "form": {"form": "offer", "name": "Uit de outbox"},
                   "sent": {"document": "geen json {", "at": "gisteren", "attempts": 1e300, "confirmed": "nee"}})
            .to_string(),
        ),
        // A huge value: a title of a million characters.
        (key("huge"), item("huge", json!({"form": "start", "title": format!("Groot{}", "a".repeat(1_000_000))}))),
    ];
    // Values it cannot read: each must be left exactly as it is, and counted.
    let unreadable = [
        (key("old"), item("old", json!({"form": "start", "title": "Oud"})).replace("\"v\":1", "\"v\":0")),
        (key("newer"), item("newer", json!({"form": "start", "title": "Nieuw"})).replace("\"v\":1", "\"v\":99")),
        (key("truncated"), item("truncated", complete_start("Afgebroken"))[..60].to_owned()),
        (key("number-id"), r#"{"v": 1, "id": 5, "form": {"form": "start"}}"#.to_owned()),
        (key("no-form"), r#"{"v": 1, "id": "no-form"}"#.to_owned()),
        (
            key("bad-sent"),
            r#"{"v": 1, "id": "bad-sent", "form": {"form": "offer"}, "sent": {"document": 5}}"#.to_owned(),
        ),
        (key("not-json"), "dit is geen JSON".to_owned()),
        (key("null"), "null".to_owned()),
        (key("array"), "[1, 2, 3]".to_owned()),
        (key("big-number"), "1e999".to_owned()),
        (key("huge-junk"), "{".repeat(500_000)),
        (key(""), r#"{"v": "1"}"#.to_owned()),
    ];
    // Another municipality's and another app's values are not ours to count.
    let foreign = [
        ("verschilmaker/gm0001/x".to_owned(), "kapot".to_owned()),
        ("iets-anders".to_owned(), "{\"v\": 1}".to_owned()),
    ];
    let all: Vec<(String, String)> = readable.iter().chain(unreadable.iter()).chain(foreign.iter()).cloned().collect();
    plant(&browser, &all);

    browser.goto(&format!("{}/generated/hostile-storage.html#verschilmaker/starten", site().url));
    let texts = UiLang::Nl.later_texts();
    let notice = wait_js(
        &browser,
        "the notice of what was set aside",
        "const n = R.querySelector('.vm-set-aside'); return n && n.textContent",
    );
    assert_eq!(
        notice.as_str(),
        Some(format!("{} {}", unreadable.len(), texts.set_aside_many).as_str()),
        "every unreadable value of this municipality is counted, and nothing else"
    );
    // The second widget on the page is alive too.
    browser.wait_for(
        TIMEOUT,
        "the agenda widget",
        |b| {
            let text = b.execute("return document.querySelector('#agenda').shadowRoot?.textContent ?? ''");
            text.as_str().is_some_and(|t| t.contains("Pitch") || t.contains("pitch") || t.len() > 200).then_some(())
        },
        |b| b.execute("return document.querySelector('#agenda').shadowRoot?.textContent ?? ''").to_string(),
    );
    assert_no_panic(&browser, "after loading the hostile storage");
    save_screenshot(&browser, "hostile-storage-start.png");

    // The drafts it could read are offered to continue, whatever their ids hold.
    let drafts = js(&browser, "return [...R.querySelectorAll('.vm-draft')].map(d => d.textContent)");
    let drafts = drafts.as_array().cloned().unwrap_or_default();
    for title in ["Alleen spaties", "Rare id", "Grootaaa"] {
        assert!(drafts.iter().any(|d| d.as_str().is_some_and(|d| d.contains(title))), "{title} among {drafts:?}");
    }
    // The draft in the form is listed too, marked as the one open now.
    let current = js(&browser, "return R.querySelector('.vm-draft--current')?.textContent");
    assert!(current.as_str().is_some_and(|c| c.contains("Spatie achter de id")), "{current}");
    // A title as long as storage allows is shortened in the list, not laid out whole.
    let longest = drafts.iter().filter_map(Value::as_str).map(|d| d.chars().count()).max().unwrap_or(0);
    assert!(longest < 200, "a draft in the list is {longest} characters long");

    // The form opened the draft whose id ends in a space on its summary, which builds the
    // submission and its record id from that id; sending it puts it in the outbox.
    let last_step = format!("{} 5 ", texts.step);
    wait_js(
        &browser,
        "the draft with a space in its id, on its last step",
        &format!("return R.querySelector('.vm-form__step')?.textContent.startsWith({last_step:?})"),
    );
    assert_no_panic(&browser, "after opening the draft with a space in its id");
    wait_js(
        &browser,
        "the send button",
        "const b = R.querySelector('.vm-form__next'); if (!b) return false; b.click(); return true",
    );
    let document = wait_js(&browser, "the submission", "return R.querySelector('.vm-document')?.textContent");
    let document: Value = serde_json::from_str(document.as_str().unwrap_or_default()).expect("the submission is JSON");
    let record_id = document.pointer("/initiative/id").and_then(Value::as_str).unwrap_or_default().to_owned();
    assert!(
        !record_id.is_empty() && record_id.trim() == record_id && !record_id.contains(char::is_whitespace),
        "the record id is an id: {record_id:?}"
    );
    assert_no_panic(&browser, "after sending the draft with a space in its id");

    // Typing in a new draft saves, and nothing set aside was changed or removed.
    let new_draft = serde_json::to_string(texts.new_draft).expect("JSON");
    wait_js(
        &browser,
        "a new draft",
        &format!(
            "const b = [...R.querySelectorAll('.vm-confirmation button')].find(b => b.textContent === {new_draft});\
             if (!b) return false; b.click(); return true"
        ),
    );
    wait_js(
        &browser,
        "typing into a new draft",
        "const t = R.querySelector('#vm-s-title'); if (!t) return false; t.value = 'Nieuw feest';\
         t.dispatchEvent(new Event('input', { bubbles: true })); return true",
    );
    wait_js(&browser, "the draft to be saved", "return R.querySelector('.vm-saved') !== null");
    for (key, value) in unreadable.iter().chain(foreign.iter()) {
        assert!(stored(&browser, key).as_deref() == Some(value.as_str()), "{key:?} was changed or removed");
    }
    assert_no_panic(&browser, "after typing");

    // After a reload the same: the widget works, and still says what it left alone.
    browser.goto(&format!("{}/generated/hostile-storage.html#verschilmaker/helpen", site().url));
    let notice = wait_js(&browser, "the notice after a reload", "return R.querySelector('.vm-set-aside')?.textContent");
    assert!(notice.as_str().is_some_and(|n| n.starts_with(&unreadable.len().to_string())), "{notice}");
    assert_no_panic(&browser, "after a reload on the offer form");
}

#[test]
fn a_submission_that_cannot_be_kept_says_so_and_can_still_be_downloaded() {
    let browser = Browser::start();
    plant(&browser, &[(format!("{KEYS}feest"), item("feest", complete_start("Feest in de Hof")))]);
    // On this page every write to storage fails as a full storage does.
    browser.goto(&format!("{}/generated/hostile-storage-full.html#verschilmaker/starten", site().url));
    let last_step = format!("{} 5 ", UiLang::Nl.later_texts().step);
    wait_js(
        &browser,
        "the restored draft on its last step",
        &format!("return R.querySelector('.vm-form__step')?.textContent.startsWith({last_step:?})"),
    );
    wait_js(
        &browser,
        "the send button",
        "const b = R.querySelector('.vm-form__next'); if (!b) return false; b.click(); return true",
    );
    let texts = UiLang::Nl.later_texts();
    let warning = wait_js(
        &browser,
        "the not-kept warning",
        "return R.querySelector('.vm-confirmation .vm-not-kept')?.textContent",
    );
    assert_eq!(warning.as_str(), Some(texts.not_kept));
    let role = js(&browser, "return R.querySelector('.vm-not-kept').getAttribute('role')");
    assert_eq!(role.as_str(), Some("alert"), "said to screen readers at once");
    // The download holds the submission itself.
    let href = js(&browser, "return R.querySelector('.vm-confirmation .vm-download')?.getAttribute('href')");
    let href = href.as_str().unwrap_or_default();
    assert!(href.starts_with("data:application/json"), "a download of the submission: {href:.60}");
    assert!(href.contains("Feest%20in%20de%20Hof") || href.contains("Feest in de Hof"), "{href:.200}");
    assert_eq!(
        stored(&browser, &format!("{KEYS}feest")).map(|v| v.contains("\"sent\"")),
        Some(false),
        "the write failed"
    );
    assert_no_panic(&browser, "after a submission that could not be kept");
}

#[test]
fn an_unreadable_working_copy_is_shown_offered_and_kept_until_the_facilitator_chooses() {
    let browser = Browser::start();
    let texts = UiLang::Nl.workbench_texts();
    for raw in ["v1 dirty\n{\"schema\": \"verschilmaker/1\", \"municipality\": ", "v7 dirty\n{}", "geen werkkopie"] {
        plant(&browser, &[(WORKING_KEY.to_owned(), raw.to_owned())]);
        browser.goto(&format!("{}/facilitate.html", site().url));
        let notice = wait_js(
            &browser,
            "the unreadable working copy",
            "return R.querySelector('.vm-unreadable-copy')?.textContent",
        );
        assert!(notice.as_str().is_some_and(|n| n.contains(texts.f_unreadable)), "{raw:?}: {notice}");
        assert_no_panic(&browser, raw);
        // Its text can be downloaded whole.
        browser.execute(
            "window.__vmBlobs = []; const create = URL.createObjectURL;\
             URL.createObjectURL = function (blob) { window.__vmBlobs.push(blob); return create.call(URL, blob); };\
             HTMLAnchorElement.prototype.click = function () {};",
        );
        wait_js(
            &browser,
            "the download button",
            "const b = R.querySelector('.vm-unreadable-copy__download'); if (!b) return false; b.click(); return true",
        );
        let text = browser.execute_async(
            "const done = arguments[arguments.length - 1]; const wait = () => window.__vmBlobs.length ? \
             window.__vmBlobs[0].text().then(done) : setTimeout(wait, 20); wait();",
        );
        assert_eq!(text.as_str(), Some(raw), "the download is the stored value, whole");
        // A change of the workbench's state (an export, which is saved as "no unsaved changes")
        // is not saved over it.
        wait_js(
            &browser,
            "the data tab",
            "const t = R.querySelector('#vm-tab-gegevens'); if (!t) return false; t.click(); return true",
        );
        wait_js(
            &browser,
            "the JSON export",
            "const b = R.querySelector('[data-export=json]'); if (!b) return false; b.click(); return true",
        );
        browser.wait_for(
            TIMEOUT,
            "the export's download",
            |b| (b.execute("return window.__vmBlobs.length").as_u64() >= Some(2)).then_some(()),
            |b| b.execute("return window.__vmBlobs.length").to_string(),
        );
        assert_eq!(stored(&browser, WORKING_KEY).as_deref(), Some(raw), "kept until the facilitator chooses");
        // Replacing it is a choice, and then the copy shown is saved.
        wait_js(
            &browser,
            "the replace button",
            "const b = R.querySelector('.vm-unreadable-copy__replace'); if (!b) return false; b.click(); return true",
        );
        wait_js(&browser, "the notice to go", "return R.querySelector('.vm-unreadable-copy') === null");
        let saved = browser.wait_for(
            TIMEOUT,
            "the working copy to be saved",
            |b| {
                let value = b.execute(&format!("return localStorage.getItem({WORKING_KEY:?})"));
                value.as_str().filter(|v| v.starts_with("v1 ")).map(str::to_owned)
            },
            |b| b.execute(&format!("return localStorage.getItem({WORKING_KEY:?})")).to_string(),
        );
        assert!(saved.contains("\"GM9999\""), "the published file's copy replaced it");
        assert_no_panic(&browser, "after replacing");
    }
}
