//! End-to-end tests of the facilitator's workbench (`view="facilitate"`) and the pitch agenda
//! (`view="agenda"`) in headless Chromium: the dashboard's figures against core's insights, an
//! allocation round whose accepted proposals become commitments (and survive a reload), a
//! spreadsheet import with errors listed as core lists them, every export compared with core's
//! and imported again, axe-core on every tab, a 10 000-initiative import with its timing, and
//! wijken and buurten imported from GeoJSON (drawn on the map; a municipality-sized map timed),
//! and Excel workbooks imported through the file input and downloaded.
//!
//! Downloads are checked honestly: the test replaces `HTMLAnchorElement.prototype.click` with a
//! recorder, so the widget's own `<a download>` hands over its file name and object URL, and the
//! test reads the Blob behind that URL: the bytes the browser would save.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;
use verschilmaker::areas::{
    AreaFile, AreaImport, AreaImportConfig, FixtureShape, ReportLine, SyntheticMap, import_areas, synthetic_map,
};
use verschilmaker::exchange::{
    CalendarConfig, JsonLdConfig, Sheet, WorkbookConfig, export_icalendar, export_json_ld, export_sheets,
    export_workbook, import_sheets, import_workbook, workbook_template,
};
use verschilmaker::insights::insights;
use verschilmaker::matching::{MatchConfig, MatchIndex, allocate};
use verschilmaker::synth::{SynthConfig, generate};
use verschilmaker::{Dataset, Date, DateValue, Text};

use crate::browser::{Browser, ShadowRoot};
use crate::discover::{axe_source, axe_violations};
use crate::e2e::{TIMEOUT, repo_path, save_screenshot, settled_widgets, site};
use crate::keyboard::{ARROW_RIGHT, ENTER, SPACE, TAB, focus_is_visible, focused, shift_tab_until, tab_until};

const DEMO: &str = "core/demo/initiatieven.json";

fn demo() -> Dataset {
    let json = std::fs::read_to_string(repo_path(DEMO)).expect("read the demo data");
    Dataset::from_json_strict(&json).expect("the demo data is valid")
}

/// Opens a page with one widget and waits until it has settled.
fn open(browser: &Browser, path: &str) -> ShadowRoot {
    browser.goto(&format!("{}{path}", site().url));
    settled_widgets(browser, 1);
    let host = &browser.find_all("verschil-maker")[0];
    browser.shadow_root(host).expect("the widget has an open shadow root")
}

/// Runs `body` with `root` bound to the first widget's shadow root and returns its value.
fn js(browser: &Browser, body: &str) -> Value {
    browser.execute(&format!("const root = document.querySelector('verschil-maker').shadowRoot;\n{body}"))
}

/// Waits until `body` (with `root` bound) returns something other than null or false.
fn wait_js(browser: &Browser, what: &str, body: &str) -> Value {
    wait_js_for(browser, TIMEOUT, what, body)
}

fn wait_js_for(browser: &Browser, timeout: Duration, what: &str, body: &str) -> Value {
    browser.wait_for(
        timeout,
        what,
        |b| {
            let value = js(b, body);
            (!value.is_null() && value != Value::Bool(false)).then_some(value)
        },
        |b| js(b, "return root.textContent.slice(0, 3000)").to_string(),
    )
}

/// Clicks the first element in the widget that matches `css`, as a user would.
fn click(browser: &Browser, shadow: &ShadowRoot, css: &str) {
    let element = browser.wait_for(
        TIMEOUT,
        &format!("an element {css}"),
        |b| b.find_all_in(shadow, css).into_iter().next(),
        |b| js(b, "return root.innerHTML.slice(0, 2000)").to_string(),
    );
    browser.click(&element);
}

fn tab(browser: &Browser, shadow: &ShadowRoot, id: &str) {
    click(browser, shadow, &format!("#vm-tab-{id}"));
    wait_js(browser, &format!("the {id} panel"), &format!("return root.querySelector('#vm-panel-{id}') !== null"));
}

/// The cells of every body row of a table, as text.
fn table(browser: &Browser, css: &str) -> Vec<Vec<String>> {
    let rows = js(
        browser,
        &format!(
            "return Array.from(root.querySelectorAll('{css} tbody tr'))\
               .map(tr => Array.from(tr.children).map(c => c.textContent.trim()))"
        ),
    );
    serde_json::from_value(rows).expect("rows of cells")
}

/// Records downloads instead of saving them: the widget's `<a download>` click hands its name
/// and object URL to `window.__vmDownloads`, and the Blob made for that URL is kept.
fn record_downloads(browser: &Browser) {
    // The page's CSP does not let `fetch` read `blob:` URLs, so the Blob behind each object URL
    // is kept as it is made, and read directly.
    browser.execute(
        "window.__vmDownloads = []; window.__vmBlobs = new Map();\
         const create = URL.createObjectURL;\
         URL.createObjectURL = function (blob) { const url = create.call(URL, blob); window.__vmBlobs.set(url, blob); return url; };\
         HTMLAnchorElement.prototype.click = function () {\
           if (this.hasAttribute('download')) window.__vmDownloads.push([this.download, this.href]);\
         };",
    );
}

/// Clicks `css` and returns the file it offers for download: its name and bytes, read through
/// the object URL the widget made.
fn download(browser: &Browser, shadow: &ShadowRoot, css: &str) -> (String, Vec<u8>) {
    let before = browser.execute("return window.__vmDownloads.length").as_u64().expect("downloads are recorded");
    click(browser, shadow, css);
    browser.wait_for(
        TIMEOUT,
        &format!("a download from {css}"),
        |b| (b.execute("return window.__vmDownloads.length").as_u64() > Some(before)).then_some(()),
        |b| js(b, "return root.querySelector('[role=alert]')?.textContent ?? 'no alert'").to_string(),
    );
    let found = browser.execute_async(&format!(
        "const done = arguments[arguments.length - 1];\
         const [name, url] = window.__vmDownloads[{before}];\
         window.__vmBlobs.get(url).arrayBuffer().then(b => done([name, Array.from(new Uint8Array(b))]))\
           .catch(e => done([name, 'failed: ' + e]));"
    ));
    let name = found[0].as_str().expect("a file name").to_owned();
    let bytes: Vec<u8> = serde_json::from_value(found[1].clone()).unwrap_or_else(|_| panic!("{name}: {}", found[1]));
    (name, bytes)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// A fresh folder for the files a test uploads.
fn upload_dir(name: &str) -> PathBuf {
    let dir = www::target_dir(&www::workspace_root()).join("it-uploads").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the upload folder");
    dir
}

/// Chooses files in a file input by sending their paths, one per line (WebDriver's way of
/// uploading).
fn upload(browser: &Browser, shadow: &ShadowRoot, input: &str, files: &[PathBuf]) {
    let element = browser.find_all_in(shadow, input).into_iter().next().unwrap_or_else(|| panic!("no {input}"));
    let paths: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    browser.type_into(&element, &paths.join("\n"));
}

fn write_sheets(dir: &Path, sheets: &[Sheet]) -> Vec<PathBuf> {
    sheets
        .iter()
        .map(|sheet| {
            let path = dir.join(&sheet.name);
            std::fs::write(&path, &sheet.bytes).expect("write a sheet");
            path
        })
        .collect()
}

/// An iCalendar text without its `DTSTAMP` lines (the moment of export).
fn without_stamps(calendar: &str) -> String {
    calendar.split("\r\n").filter(|line| !line.starts_with("DTSTAMP:")).collect::<Vec<_>>().join("\r\n")
}

#[test]
fn facilitate_dashboard_figures_match_core_insights() {
    let browser = Browser::start();
    let shadow = open(&browser, "/facilitate.html");
    wait_js(&browser, "the dashboard", "return root.querySelector('.vm-dashboard') !== null");
    let dataset = demo();
    let figures = insights(&dataset);

    let summary = js(&browser, "return Array.from(root.querySelectorAll('.vm-figures dd')).map(d => d.textContent)");
    let needs: usize = figures.by_kind.iter().map(|row| row.needs).sum();
    let open: usize = figures.by_kind.iter().map(|row| row.open_needs).sum();
    let offers: usize = dataset.partners.iter().map(|p| p.offers.len()).sum();
    let expected: Vec<String> =
        [dataset.initiatives.len(), needs, open, dataset.partners.len(), offers, dataset.commitments.len()]
            .iter()
            .map(usize::to_string)
            .collect();
    assert_eq!(summary, serde_json::json!(expected), "the key figures");

    // Per kind: covered and open needs, and the number of needs, row by row in core's order.
    let kinds = table(&browser, "[data-chart=kind]");
    assert_eq!(kinds.len(), figures.by_kind.len());
    for (row, core) in kinds.iter().zip(&figures.by_kind) {
        let expected =
            [(core.needs - core.open_needs).to_string(), core.open_needs.to_string(), core.needs.to_string()];
        assert_eq!(row[1..4], expected, "{:?} {}", core.kind, core.unit);
    }
    // The pipeline: every stage with its count.
    let stages = table(&browser, "[data-chart=stage]");
    let counts: Vec<String> = stages.iter().map(|row| row[1].clone()).collect();
    let expected: Vec<String> = figures.stages.iter().map(|s| s.initiatives.to_string()).collect();
    assert_eq!(counts, expected, "initiatives per stage");
    // Per area: open needs per area, in core's order (an area counts its children).
    let areas = table(&browser, "[data-chart=area]");
    assert_eq!(areas.len(), figures.by_area.len());
    for (row, core) in areas.iter().zip(&figures.by_area) {
        let open: usize = core.totals.iter().map(|t| t.open_needs).sum();
        assert_eq!(row[2], open.to_string(), "open needs in {:?}", core.key);
        assert_eq!(row[4], core.initiatives.to_string(), "initiatives in {:?}", core.key);
    }
    // Capacity offered per kind and unit.
    let capacity = table(&browser, "[data-chart=capacity]");
    assert_eq!(capacity.len(), figures.capacity.len());
    for (row, core) in capacity.iter().zip(&figures.capacity) {
        assert_eq!(row[3], core.offers.to_string(), "offers of {:?}", core.kind);
    }
    // The gaps: one item per area, kind and unit that nobody serves, naming the area.
    let gaps = js(&browser, "return Array.from(root.querySelectorAll('.vm-gap')).map(g => g.textContent)");
    let gaps: Vec<String> = serde_json::from_value(gaps).expect("gap texts");
    assert_eq!(gaps.len(), figures.area_gaps.len(), "{gaps:#?}");
    for (shown, core) in gaps.iter().zip(&figures.area_gaps) {
        let area = core.key.as_ref().and_then(|id| dataset.area(id)).map_or("", |a| a.name.as_str());
        assert!(shown.contains(area), "{shown} names {area}");
        assert!(shown.contains(&format!(" {} ", core.needs)), "{shown} counts {} needs", core.needs);
    }
    // The area map is shaded by open needs and drawn from the dataset's own boundaries.
    let paths = js(&browser, "return root.querySelectorAll('.vm-map__area').length").as_u64().unwrap_or(0);
    assert!(paths > 0, "the area map is drawn");
    let leaves =
        dataset.areas.iter().filter(|a| !dataset.areas.iter().any(|c| c.parent.as_ref() == Some(&a.id))).count();
    assert_eq!(paths, leaves as u64, "one shape per innermost area");
    // No choice of shading here; choosing an area names its figures below the map.
    assert_eq!(js(&browser, "return root.querySelectorAll('.vm-dashboard input[name=vm-shade]').length"), 0);
    click(&browser, &shadow, ".vm-dashboard .vm-map__area");
    let chosen =
        wait_js(&browser, "the chosen area's figures", "return root.querySelector('.vm-dashboard__area')?.textContent");
    let pressed = js(&browser, "return root.querySelector('.vm-dashboard .vm-map__area').getAttribute('aria-pressed')");
    assert_eq!(pressed, "true");
    let name = js(&browser, "return root.querySelector('.vm-dashboard .vm-map__area title').textContent");
    assert!(chosen.as_str().unwrap_or_default().starts_with(name.as_str().unwrap_or("?")), "{chosen} names {name}");
}

#[test]
fn an_allocation_round_s_accepted_proposals_become_commitments_and_survive_a_reload() {
    let browser = Browser::start();
    let shadow = open(&browser, "/facilitate.html");
    let dataset = demo();
    let round = allocate(&MatchIndex::build(dataset.clone(), &MatchConfig::default())).expect("the round solves");
    assert!(round.assignments.len() >= 2, "the demo round assigns something");

    // The tabs are a tablist the arrow keys move through.
    js(&browser, "root.querySelector('#vm-tab-dashboard').focus()");
    browser.press(ARROW_RIGHT);
    wait_js(
        &browser,
        "the round tab",
        "return root.querySelector('#vm-tab-ronde').getAttribute('aria-selected') === 'true'",
    );
    let focused = js(&browser, "return root.activeElement && root.activeElement.id");
    assert_eq!(focused.as_str(), Some("vm-tab-ronde"), "the focus follows the arrow key");

    click(&browser, &shadow, ".vm-round__run");
    let shown = wait_js(
        &browser,
        "the proposals",
        "const s = root.querySelector('.vm-round .vm-status'); return s && /ms\\)/.test(s.textContent) ? s.textContent : null",
    );
    eprintln!("allocation round on the demo data: {shown}");
    assert!(
        shown.as_str().unwrap_or("").starts_with(&format!("{} ", round.assignments.len())),
        "core proposes {} assignments: {shown}",
        round.assignments.len()
    );
    // The counts in words, singular for one.
    let unmet = round.unmet.iter().filter(|need| need.unmet > 0.0).count();
    let proposals = if round.assignments.len() == 1 { "voorstel" } else { "voorstellen" };
    let still_open = if unmet == 1 { "hulpvraag blijft (deels) open" } else { "hulpvragen blijven (deels) open" };
    let words = format!("{} {proposals}, {unmet} {still_open} (", round.assignments.len());
    assert!(shown.as_str().unwrap_or("").starts_with(&words), "expected {words:?} in {shown}");
    // The proposals are core's, in core's order.
    let needs = js(&browser, "return Array.from(root.querySelectorAll('.vm-proposal')).map(p => p.dataset.need)");
    let expected: Vec<String> = round
        .assignments
        .iter()
        .take(50)
        .map(|a| format!("{}/{}", a.need.initiative.as_str(), a.need.need.as_str()))
        .collect();
    assert_eq!(needs, serde_json::json!(expected));

    // Accept the first two, the first with a smaller amount, and reject the third.
    let first = round.assignments[0].amount;
    let adjusted = (first / 2.0).floor().max(1.0).min(first);
    js(
        &browser,
        &format!(
            "const input = root.querySelector('#vm-round-amount-0'); input.value = '{adjusted}';\
             input.dispatchEvent(new Event('change', {{ bubbles: true }}));"
        ),
    );
    click(&browser, &shadow, ".vm-proposal:nth-child(2) .vm-proposal__accept");
    if round.assignments.len() > 2 {
        click(&browser, &shadow, ".vm-proposal:nth-child(3) .vm-proposal__reject");
    }
    wait_js(&browser, "two accepted", "return root.querySelectorAll('.vm-decision--accepted').length === 2");
    click(&browser, &shadow, ".vm-round__commit");
    wait_js(&browser, "the commitments made", "return root.querySelector('.vm-round .vm-status--ok') !== null");

    let check_commitments = |browser: &Browser| {
        let shadow = browser.shadow_root(&browser.find_all("verschil-maker")[0]).expect("shadow root");
        tab(browser, &shadow, "afspraken");
        let rows = table(browser, ".vm-commitments__table");
        assert_eq!(rows.len(), dataset.commitments.len() + 2, "two commitments were added");
        let made = js(
            browser,
            "return Array.from(root.querySelectorAll('tr[data-id^=ronde-]'))\
               .map(tr => [tr.dataset.id, tr.querySelector('select').value, tr.children[2].textContent])",
        );
        let made: Vec<(String, String, String)> = serde_json::from_value(made).expect("new rows");
        assert_eq!(made.len(), 2, "{made:?}");
        assert!(made.iter().all(|(_, status, _)| status == "proposed"), "{made:?}");
        assert!(made[0].2.starts_with(&format!("{adjusted} ")), "the adjusted amount: {made:?}");
        let second = round.assignments[1].amount;
        assert!(made[1].2.starts_with(&format!("{} ", verschilmaker_widget::components::common::number(second))));
        // The working copy is not exported yet.
        let state = js(browser, "return root.querySelector('.vm-savestate').className");
        assert!(state.as_str().unwrap_or("").contains("vm-savestate--dirty"), "{state}");
    };
    check_commitments(&browser);
    // The working copy is kept in the browser: a reload shows the same commitments.
    let _ = open(&browser, "/facilitate.html");
    check_commitments(&browser);
    // Filtering on the new commitments' status shows them and the demo's proposed ones.
    let proposed = dataset.commitments.iter().filter(|c| c.status.as_str() == "proposed").count() + 2;
    js(
        &browser,
        "const s = root.querySelector('#vm-filter-status'); s.value = 'proposed';\
         s.dispatchEvent(new Event('change', { bubbles: true }));",
    );
    wait_js(
        &browser,
        "the status filter",
        &format!("return root.querySelectorAll('.vm-commitments__table tbody tr').length === {proposed}"),
    );
}

#[test]
fn a_round_can_be_run_and_committed_with_the_keyboard_alone() {
    let browser = Browser::start();
    let _ = open(&browser, "/facilitate.html");
    let dataset = demo();
    let round = allocate(&MatchIndex::build(dataset.clone(), &MatchConfig::default())).expect("the round solves");

    // From the top of the page, Tab reaches the selected tab; every stop in the widget shows its
    // focus.
    let visible = |browser: &Browser, at: &str| {
        if let Err(e) = focus_is_visible(browser) {
            panic!("{at}: {e}");
        }
    };
    tab_until(&browser, 20, "the dashboard tab", |f| f.starts_with("button#vm-tab-dashboard"));
    visible(&browser, "the dashboard tab");
    // The other tabs are reached with the arrow keys, not with Tab (one tab stop for the list).
    browser.press(TAB);
    assert!(!focused(&browser).contains("vm-tab-"), "Tab left the tablist: {}", focused(&browser));
    shift_tab_until(&browser, 1, "the dashboard tab again", |f| f.starts_with("button#vm-tab-dashboard"));
    browser.press(ARROW_RIGHT);
    wait_js(
        &browser,
        "the round panel",
        "return root.querySelector('#vm-panel-ronde') !== null && root.activeElement?.id === 'vm-tab-ronde'",
    );

    // Run the round: Tab through the panel's options to the button, every stop visible.
    let mut stops = Vec::new();
    loop {
        browser.press(TAB);
        let now = focused(&browser);
        assert!(!now.starts_with("outside"), "the focus left the widget before the run button: {stops:#?}");
        visible(&browser, &now);
        stops.push(now.clone());
        if now.contains("vm-round__run") {
            break;
        }
        assert!(stops.len() < 10, "no run button after 10 Tab presses: {stops:#?}");
    }
    browser.press(ENTER);
    wait_js(
        &browser,
        "the proposals",
        "const s = root.querySelector('.vm-round .vm-status'); return s && /ms\\)/.test(s.textContent)",
    );
    // The focus stays in the widget while the round runs and after (a disabled button would drop
    // it to the page's body).
    let after_run = focused(&browser);
    assert!(!after_run.starts_with("outside"), "the focus was lost when the round ran: {after_run}");

    // Accept the first proposal with the space bar, then commit with Enter.
    tab_until(&browser, 15, "the first accept button", |f| f.contains("vm-proposal__accept"));
    visible(&browser, "the first accept button");
    browser.press(SPACE);
    wait_js(&browser, "one accepted", "return root.querySelectorAll('.vm-decision--accepted').length === 1");
    let pressed = js(&browser, "return root.querySelector('.vm-proposal__accept').getAttribute('aria-pressed')");
    assert_eq!(pressed.as_str(), Some("true"), "the accept button says it is pressed");
    // Pressed and focused are told apart: the focus outline stays the 2 px one.
    visible(&browser, "the pressed accept button");
    shift_tab_until(&browser, 10, "the commit button", |f| f.contains("vm-round__commit"));
    visible(&browser, "the commit button");
    browser.press(ENTER);
    wait_js(&browser, "the commitment made", "return root.querySelector('.vm-round .vm-status--ok') !== null");
    let after_commit = focused(&browser);
    assert!(!after_commit.starts_with("outside"), "the focus was lost on commit: {after_commit}");

    // Back to the tablist and on to the commitments, where the new one is listed.
    shift_tab_until(&browser, 20, "the round tab", |f| f.starts_with("button#vm-tab-ronde"));
    browser.press(ARROW_RIGHT);
    wait_js(
        &browser,
        "the commitments panel",
        "return root.querySelector('.vm-commitments__table') !== null && root.activeElement?.id === 'vm-tab-afspraken'",
    );
    let rows = table(&browser, ".vm-commitments__table");
    assert_eq!(rows.len(), dataset.commitments.len() + 1, "one commitment was added");
    let initiative = &round.assignments[0].need.initiative;
    let made =
        js(&browser, "return Array.from(root.querySelectorAll('tr[data-id^=ronde-]')).map(tr => tr.textContent)");
    let made = made.as_array().expect("rows");
    assert_eq!(made.len(), 1, "{made:?}");
    let title = &dataset.initiatives.iter().find(|i| i.id == *initiative).expect("the initiative").title;
    let title = title.resolve(&["nl"]);
    assert!(made[0].as_str().unwrap_or("").contains(title), "{made:?} names {title}");
}

#[test]
fn importing_spreadsheets_with_errors_lists_every_problem_as_core_does() {
    let browser = Browser::start();
    let shadow = open(&browser, "/facilitate.html");
    tab(&browser, &shadow, "gegevens");
    // Windows-1252 as Excel saves it (é is 0xE9, € is 0x80), `;` separated, with a decimal comma.
    let initiatives = b"id;titel;fase;samenvatting\r\n\
        moestuin;Buurtmoestuin;lopend;Caf\xe9 en tuin\r\n\
        festival;Zomerfestival;dansen;\x80 5 entree\r\n\
        ;Zonder id;idee;\r\n"
        .to_vec();
    let needs = "\u{feff}initiatief;id;soort;hoeveelheid\r\nmoestuin;geld;geld;1.234,50\r\nmoestuin;handen;vrijwilligers;-5\r\nfestival;x;geldd;3\r\n";
    let sheets = vec![
        Sheet { name: "initiatieven.csv".into(), bytes: initiatives },
        Sheet { name: "behoeften.csv".into(), bytes: needs.as_bytes().to_vec() },
    ];
    let expected: Vec<String> = import_sheets(Some(&demo()), &sheets).problems.iter().map(|p| p.to_string()).collect();
    assert!(
        expected.iter().any(|p| p.starts_with("initiatieven.csv, row 3, column fase")),
        "core reports the bad stage: {expected:#?}"
    );
    let dir = upload_dir("errors");
    upload(&browser, &shadow, "#vm-import-csv", &write_sheets(&dir, &sheets));
    let shown = wait_js(
        &browser,
        "the problems",
        "const list = root.querySelectorAll('.vm-problem code');\
         return list.length ? Array.from(list).map(c => c.textContent) : null",
    );
    assert_eq!(shown, serde_json::json!(expected), "every problem, with its place, in core's words");
    // Nothing was changed.
    let intro = js(&browser, "return root.querySelector('.vm-workbench p').textContent");
    assert!(intro.as_str().unwrap_or("").contains(&format!("{} initiatieven", demo().initiatives.len())), "{intro}");
    let state = js(&browser, "return root.querySelector('.vm-savestate').className");
    assert!(!state.as_str().unwrap_or("").contains("dirty"), "{state}");

    // Residents' submissions from the outbox: a bad one is listed as core lists it, a good one
    // is added as an idea.
    let bad = Sheet {
        name: "aanmelding-fout.json".into(),
        bytes: br#"{"initiative": {"id": "x", "title": "X", "stage": "dansen"}}"#.to_vec(),
    };
    // Both kinds of document the forms send (`verschilmaker-submission/1`), in one file.
    let good = Sheet {
        name: "aanmelding.json".into(),
        bytes: r#"[{"schema": "verschilmaker-submission/1", "kind": "initiative",
                    "initiative": {"id": "buurtsoep", "title": "Buurtsoep op woensdag"},
                    "contact": {"email": "els@example.org"}},
                   {"schema": "verschilmaker-submission/1", "kind": "partner",
                    "partner": {"id": "inwoner-kees", "name": "Kees", "sector": "resident",
                                "offers": [{"id": "handen", "kind": "volunteers", "capacity": 6, "per": "month"}]},
                    "contact": {"email": "kees@example.org"}}]"#
            .as_bytes()
            .to_vec(),
    };
    let expected: Vec<String> = verschilmaker::exchange::add_submissions(&demo(), std::slice::from_ref(&bad))
        .problems
        .iter()
        .map(|p| p.to_string())
        .collect();
    upload(&browser, &shadow, "#vm-add-outbox", &write_sheets(&dir, &[bad]));
    wait_js(
        &browser,
        "the submission's problem",
        &format!(
            "const list = Array.from(root.querySelectorAll('.vm-problem code')).map(c => c.textContent);\
             return JSON.stringify(list) === JSON.stringify({})",
            serde_json::json!(expected)
        ),
    );
    upload(&browser, &shadow, "#vm-add-outbox", &write_sheets(&dir, &[good]));
    wait_js(&browser, "the submission added", "return root.querySelector('.vm-import-done') !== null");
    let done = js(&browser, "return root.querySelector('.vm-import-done').textContent");
    assert!(
        done.as_str().unwrap_or("").contains("1 nieuwe initiatieven en 1 nieuwe partners toegevoegd"),
        "the initiative and the offer of help are both added: {done}"
    );
    let intro = js(&browser, "return root.querySelector('.vm-workbench p').textContent");
    assert!(
        intro.as_str().unwrap_or("").contains(&format!("{} initiatieven", demo().initiatives.len() + 1)),
        "{intro}"
    );
}

#[test]
fn every_export_is_core_s_and_imports_back_to_the_same_dataset() {
    let browser = Browser::start();
    let shadow = open(&browser, "/facilitate.html");
    tab(&browser, &shadow, "gegevens");
    record_downloads(&browser);
    let dataset = demo();

    let (name, json) = download(&browser, &shadow, "[data-export=json]");
    assert_eq!(name, "initiatieven.json");
    let exported = Dataset::from_json_strict(&text(&json)).expect("the export loads strictly");
    assert_eq!(exported, dataset, "the JSON export is the dataset");

    // Each sheet is exactly core's, byte for byte (BOM, `;`, decimal comma, CRLF).
    let core_sheets = export_sheets(&dataset);
    let mut sheets = Vec::new();
    for sheet in &core_sheets {
        let (name, bytes) = download(&browser, &shadow, &format!("[data-sheet='{}']", sheet.name));
        assert_eq!(name, sheet.name);
        assert_eq!(bytes, sheet.bytes, "{name}");
        sheets.push(Sheet { name, bytes });
    }

    let (name, ics) = download(&browser, &shadow, "[data-export=ics]");
    assert_eq!(name, "pitch-agenda.ics");
    let now = "2026-01-01T00:00:00Z".parse::<DateValue>().expect("a date-time");
    let core_ics = export_icalendar(&dataset, &CalendarConfig { now, languages: &["nl"] });
    assert_eq!(without_stamps(&text(&ics)), without_stamps(&core_ics));
    assert_eq!(text(&ics).matches("BEGIN:VEVENT").count(), dataset.editions.len());

    let (name, json_ld) = download(&browser, &shadow, "[data-export=jsonld]");
    assert_eq!(name, "initiatieven.jsonld");
    let page = format!("{}/facilitate.html", site().url);
    assert_eq!(text(&json_ld), export_json_ld(&dataset, &JsonLdConfig { page_url: Some(&page) }));

    // The sheets imported again give the same dataset: export the JSON once more and compare.
    let dir = upload_dir("round-trip");
    upload(&browser, &shadow, "#vm-import-csv", &write_sheets(&dir, &sheets));
    wait_js(&browser, "the import", "return root.querySelector('.vm-import-done') !== null");
    let state = js(&browser, "return root.querySelector('.vm-savestate').className");
    assert!(state.as_str().unwrap_or("").contains("dirty"), "an import is a change: {state}");
    let (_, again) = download(&browser, &shadow, "[data-export=json]");
    assert_eq!(Dataset::from_json_strict(&text(&again)).expect("loads"), dataset, "CSV out and in again");
    let state = js(&browser, "return root.querySelector('.vm-savestate').className");
    assert!(!state.as_str().unwrap_or("").contains("dirty"), "exporting the JSON saves: {state}");

    // And the JSON file opened again is the same too.
    let path = dir.join("initiatieven.json");
    std::fs::write(&path, &json).expect("write the JSON");
    upload(&browser, &shadow, "#vm-open-json", &[path]);
    wait_js(
        &browser,
        "the file opened",
        "return /initiatieven.json/.test(root.querySelector('.vm-import-done')?.textContent ?? '')",
    );
    let (_, third) = download(&browser, &shadow, "[data-export=json]");
    assert_eq!(third, json, "JSON out and in again, to the byte");
}

#[test]
fn the_agenda_view_lists_the_editions_with_a_calendar_file_each() {
    let browser = Browser::start();
    let shadow = open(&browser, "/agenda.html");
    let dataset = demo();
    wait_js(&browser, "the agenda", "return root.querySelector('.vm-agenda') !== null");
    let shown = js(&browser, "return Array.from(root.querySelectorAll('.vm-edition')).map(e => e.dataset.id)");
    let mut ids: Vec<String> = serde_json::from_value(shown).expect("edition ids");
    ids.sort();
    let mut expected: Vec<String> = dataset.editions.iter().map(|e| e.id.as_str().to_owned()).collect();
    expected.sort();
    assert_eq!(ids, expected);
    record_downloads(&browser);
    let edition = &dataset.editions[0];
    let (name, ics) = download(&browser, &shadow, &format!(".vm-edition[data-id='{}'] button", edition.id.as_str()));
    assert_eq!(name, format!("pitch-{}.ics", edition.id.as_str()));
    let ics = text(&ics);
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1, "{ics}");
    assert!(ics.contains(&format!("UID:edition-{}.", edition.id.as_str())), "{ics}");
    // Each pitched initiative is listed by title.
    for id in &edition.initiatives {
        let title = dataset.initiative(id).map(|i| i.title.resolve(&["nl"]).to_owned()).unwrap_or_default();
        let found = js(&browser, &format!("return root.textContent.includes({})", serde_json::json!(title)));
        assert_eq!(found, Value::Bool(true), "{title}");
    }
}

#[test]
fn axe_finds_no_violations_on_any_tab_of_the_workbench_or_the_agenda() {
    let site = site();
    let generated = www::target_dir(&www::workspace_root()).join("it-generated");
    std::fs::write(
        generated.join("facilitate-en.html"),
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\n<title>Workbench test</title>\n\
         <script type=\"module\" src=\"/verschilmaker/verschilmaker.js\"></script>\n</head>\n<body>\n<main>\n\
         <h1>Workbench</h1>\n<verschil-maker src=\"/data/initiatieven.json\" view=\"facilitate\"></verschil-maker>\n\
         </main>\n</body>\n</html>\n",
    )
    .expect("write the English workbench page");
    let axe = axe_source();
    let browser = Browser::start();
    let mut report = Vec::new();
    for page in ["/facilitate.html", "/generated/facilitate-en.html"] {
        let shadow = open(&browser, page);
        for id in ["dashboard", "ronde", "afspraken", "gegevens", "agenda"] {
            tab(&browser, &shadow, id);
            if id == "ronde" {
                click(&browser, &shadow, ".vm-round__run");
                wait_js(&browser, "the proposals", "return root.querySelector('.vm-proposal') !== null");
            }
            let violations = axe_violations(&browser, &axe);
            eprintln!("axe {page} {id}: {} violation(s) {violations:#?}", violations.len());
            report.extend(violations.into_iter().map(|v| format!("{page} {id}: {v}")));
        }
    }
    let _ = open(&browser, "/agenda.html");
    let violations = axe_violations(&browser, &axe);
    report.extend(violations.into_iter().map(|v| format!("agenda: {v}")));
    assert_eq!(report, Vec::<String>::new());
    let _ = site;
}

#[test]
fn a_10000_initiative_import_shows_its_steps_and_reports_its_time() {
    const INITIATIVES: usize = 10_000;
    let dataset = generate(&SynthConfig::with_initiatives(2027, INITIATIVES));
    let sheets = export_sheets(&dataset);
    let dir = upload_dir("large");
    let files = write_sheets(&dir, &sheets);
    let bytes: usize = sheets.iter().map(|s| s.bytes.len()).sum();

    let browser = Browser::start();
    let shadow = open(&browser, "/facilitate.html");
    tab(&browser, &shadow, "gegevens");
    // Long tasks (main-thread blocks over 50 ms) and every busy text the widget shows.
    js(
        &browser,
        "window.__vmLong = []; window.__vmBusy = [];\
         new PerformanceObserver(list => list.getEntries().forEach(e => window.__vmLong.push(e.duration)))\
           .observe({ type: 'longtask' });\
         new MutationObserver(() => {\
           const busy = root.querySelector('.vm-busy');\
           if (busy && !window.__vmBusy.includes(busy.textContent)) window.__vmBusy.push(busy.textContent);\
         }).observe(root, { subtree: true, childList: true, characterData: true });",
    );
    let started = Instant::now();
    upload(&browser, &shadow, "#vm-import-csv", &files);
    let done = wait_js_for(
        &browser,
        Duration::from_secs(240),
        "the large import",
        "const done = root.querySelector('.vm-import-done'); return done ? done.textContent : null",
    );
    let wall = started.elapsed();
    let long: Vec<f64> = serde_json::from_value(browser.execute("return window.__vmLong")).unwrap_or_default();
    let busy: Vec<String> = serde_json::from_value(browser.execute("return window.__vmBusy")).unwrap_or_default();
    let longest = long.iter().copied().fold(0.0f64, f64::max);
    let storage = js(&browser, "return root.querySelector('[role=alert]')?.textContent ?? 'saved in localStorage'");
    eprintln!(
        "10 000-initiative import ({} sheets, {:.1} MB): widget reports {done}; {:.1} s from upload to done as the test saw it; \
         {} long tasks, the longest {longest:.0} ms; busy states shown: {busy:?}; working copy: {storage}",
        sheets.len(),
        bytes as f64 / 1e6,
        wall.as_secs_f64(),
        long.len(),
    );
    // The page said what it was doing before each long step.
    for step in ["(1/4", "(2/4", "(3/4", "(4/4"] {
        assert!(busy.iter().any(|b| b.contains(step)), "step {step} was shown: {busy:?}");
    }
    let intro = wait_js(
        &browser,
        "the working copy's counts",
        "const p = root.querySelector('.vm-workbench p'); return p && /10000 /.test(p.textContent) ? p.textContent : null",
    );
    assert!(intro.as_str().unwrap_or("").contains(&format!("{INITIATIVES} initiatieven")), "{intro}");

    // An allocation round over the imported data shows its steps too.
    tab(&browser, &shadow, "ronde");
    browser.execute("window.__vmLong.length = 0; window.__vmBusy.length = 0;");
    let started = Instant::now();
    click(&browser, &shadow, ".vm-round__run");
    let shown = wait_js_for(
        &browser,
        Duration::from_secs(240),
        "the large round",
        "const s = root.querySelector('.vm-round .vm-status'); return s && /ms\\)/.test(s.textContent) ? s.textContent : null",
    );
    let wall = started.elapsed();
    let long: Vec<f64> = serde_json::from_value(browser.execute("return window.__vmLong")).unwrap_or_default();
    let busy: Vec<String> = serde_json::from_value(browser.execute("return window.__vmBusy")).unwrap_or_default();
    eprintln!(
        "allocation round on 10 000 initiatives: {shown}; {:.1} s as the test saw it; longest block {:.0} ms; busy states: {busy:?}",
        wall.as_secs_f64(),
        long.iter().copied().fold(0.0f64, f64::max),
    );
    for step in ["(1/3", "(2/3", "(3/3"] {
        assert!(busy.iter().any(|b| b.contains(step)), "step {step} was shown: {busy:?}");
    }

    // The dashboard of the large dataset: its figures are core's.
    browser.execute("window.__vmLong.length = 0;");
    let started = Instant::now();
    tab(&browser, &shadow, "dashboard");
    let shown = wait_js_for(
        &browser,
        Duration::from_secs(120),
        "the large dashboard",
        "const dd = root.querySelector('.vm-figures dd'); return dd ? dd.textContent : null",
    );
    let long: Vec<f64> = serde_json::from_value(browser.execute("return window.__vmLong")).unwrap_or_default();
    eprintln!(
        "dashboard of 10 000 initiatives: {:.1} s to show, longest block {:.0} ms",
        started.elapsed().as_secs_f64(),
        long.iter().copied().fold(0.0f64, f64::max),
    );
    assert_eq!(shown.as_str(), Some(INITIATIVES.to_string().as_str()));
}

#[test]
fn every_tab_reflows_at_320_px_and_is_captured_on_screen() {
    let browser = Browser::start();
    for (width, height) in [(1280, 1000), (320, 900)] {
        browser.set_viewport(width, height);
        let shadow = open(&browser, "/facilitate.html");
        for id in ["dashboard", "ronde", "afspraken", "gegevens", "agenda"] {
            tab(&browser, &shadow, id);
            if id == "ronde" {
                click(&browser, &shadow, ".vm-round__run");
                wait_js(&browser, "the proposals", "return root.querySelector('.vm-proposal') !== null");
            }
            // Every disclosure open, so that the tables count too.
            js(&browser, "root.querySelectorAll('details').forEach(d => d.open = true)");
            let overflow = browser.execute("return document.documentElement.scrollWidth - window.innerWidth");
            if overflow.as_f64().unwrap_or(1.0) > 0.0 {
                // Name the elements that stick out, outermost first, to say what to fix.
                let wide = js(
                    &browser,
                    "const out = e => e.getBoundingClientRect().right > window.innerWidth + 1;\
                     return Array.from(root.querySelectorAll('*'))\
                       .filter(e => out(e) && !e.closest('.vm-table-wrap') && !(e.parentElement && out(e.parentElement)))\
                       .slice(0, 8).map(e => e.tagName + '.' + e.getAttribute('class') + ' ' + Math.round(e.getBoundingClientRect().width))",
                );
                panic!("{id} at {width} px scrolls sideways by {overflow} px: {wide}");
            }
            let path = save_screenshot(&browser, &format!("facilitate-{id}-{width}.png"));
            eprintln!("screenshot: {}", path.display());
        }
        let _ = open(&browser, "/agenda.html");
        save_screenshot(&browser, &format!("agenda-{width}.png"));
    }
}

/// The wijken and buurten the workbench's area import test reads: a map in the shape of PDOK's
/// answer (CRS84, buurten only, one of them water), made by core's generator.
const AREA_FIXTURE: &str = "tests/fixtures/areas/pdok-buurten.json";
const AREA_FIXTURE_MAP: SyntheticMap = SyntheticMap { columns: 4, rows: 3, points_per_edge: 12, wijk_size: 2 };

/// What core's importer makes of a GeoJSON text, as the workbench calls it.
fn core_area_import(name: &str, text: &str) -> AreaImport {
    import_areas(&[AreaFile { name, text }], &AreaImportConfig::default()).expect("core imports the file")
}

/// The committed fixture is what the generator makes; `UPDATE_AREA_FIXTURES=1` rewrites it.
#[test]
fn areas_fixture_is_the_generators_output() {
    let generated = synthetic_map(AREA_FIXTURE_MAP, FixtureShape::PdokCrs84);
    if std::env::var_os("UPDATE_AREA_FIXTURES").is_some() {
        std::fs::write(repo_path(AREA_FIXTURE), &generated).expect("write the fixture");
    }
    let committed = std::fs::read_to_string(repo_path(AREA_FIXTURE)).expect("read the fixture");
    assert!(committed == generated, "{AREA_FIXTURE} is out of date: run with UPDATE_AREA_FIXTURES=1");
}

/// A whole number as Dutch writes it: `20.355`.
fn dutch(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            out.push('.');
        }
        out.push(digit);
    }
    out
}

/// The areas list on the dashboard's map: each drawn area's id, its name (the path's title) and
/// whether its path has a shape.
fn drawn_areas(browser: &Browser) -> Vec<(String, String, bool)> {
    let drawn = js(
        browser,
        "return Array.from(root.querySelectorAll('.vm-map path[data-area]'))\
           .map(p => [p.dataset.area, p.querySelector('title')?.textContent ?? '', /^M[0-9.]+ [0-9.]+ ?L/.test(p.getAttribute('d') ?? '')])",
    );
    serde_json::from_value(drawn).expect("drawn areas")
}

#[test]
fn areas_imported_from_geojson_are_drawn_on_the_map_and_a_broken_file_changes_nothing() {
    let browser = Browser::start();
    let shadow = open(&browser, "/facilitate.html");
    tab(&browser, &shadow, "gegevens");
    let dir = upload_dir("areas");
    let demo_areas = demo().areas.len();

    // A broken file: core's problems, in its words, and the working copy as it was.
    let broken = dir.join("kapot.geojson");
    let broken_text = r#"{"type": "FeatureCollection", "features": [{"type": "Feature",
        "properties": {"buurtcode": "BU07960101"}, "geometry": {"type": "Point", "coordinates": [5.3, 51.7]}}]}"#;
    std::fs::write(&broken, broken_text).expect("write the broken file");
    let expected = import_areas(&[AreaFile { name: "kapot.geojson", text: broken_text }], &AreaImportConfig::default())
        .expect_err("core refuses a point")
        .problems()
        .to_vec();
    upload(&browser, &shadow, "#vm-import-areas", &[broken]);
    let shown = wait_js(
        &browser,
        "the area import's problems",
        "const list = root.querySelectorAll('.vm-area-import .vm-problem code');\
         return list.length ? Array.from(list).map(c => c.textContent) : null",
    );
    assert_eq!(shown, serde_json::json!(expected), "every problem, in core's words");
    let count = js(&browser, "return root.querySelector('.vm-area-import p:not(.vm-hint)').textContent");
    assert!(count.as_str().unwrap_or("").contains(&format!("{demo_areas} gebieden")), "{count}");
    let state = js(&browser, "return root.querySelector('.vm-savestate').className");
    assert!(!state.as_str().unwrap_or("").contains("dirty"), "nothing changed: {state}");

    // The real file: the report as core makes it, and the areas in the working copy.
    let text = std::fs::read_to_string(repo_path(AREA_FIXTURE)).expect("read the fixture");
    let imported = core_area_import("pdok-buurten.json", &text);
    let report = &imported.report;
    let buurten: Vec<_> = imported.areas.iter().filter(|a| a.parent.is_some()).collect();
    let wijken = imported.areas.len() - buurten.len();
    let water = report.lines.iter().filter(|l| matches!(l, ReportLine::WaterLeftOut { .. })).count();
    assert!(water > 0 && wijken > 1, "the fixture has water and several wijken: {report}");
    upload(&browser, &shadow, "#vm-import-areas", &[repo_path(AREA_FIXTURE)]);
    wait_js(&browser, "the area report", "return root.querySelector('.vm-area-report') !== null");
    let line = |class: &str| -> String {
        js(&browser, &format!("return root.querySelector('.vm-area-report__{class}').textContent"))
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(line("read"), format!("Objecten gelezen: {}", dutch(report.features_read)));
    assert_eq!(
        line("areas"),
        format!("{wijken} wijken, {} buurten: {} nieuw, 0 bijgewerkt", buurten.len(), imported.areas.len())
    );
    assert!(line("water").starts_with(&format!("Water weggelaten: {water} (")), "{}", line("water"));
    assert!(line("created").starts_with(&format!("Wijken gemaakt uit hun buurten: {wijken} (")), "{}", line("created"));
    let simplified = line("simplified");
    for figure in [report.vertices_before, report.vertices_after, report.bytes_before, report.bytes_after] {
        assert!(simplified.contains(&dutch(figure)), "{figure} in {simplified}");
    }
    let lines = js(
        &browser,
        "return Array.from(root.querySelectorAll('.vm-area-report details code')).map(c => c.textContent)",
    );
    let core_lines: Vec<String> = report.lines.iter().map(ToString::to_string).collect();
    assert_eq!(lines, serde_json::json!(core_lines), "core's report, line for line");
    let count = js(&browser, "return root.querySelector('.vm-area-import p:not(.vm-hint)').textContent");
    assert!(
        count.as_str().unwrap_or("").contains(&format!("{} gebieden", demo_areas + imported.areas.len())),
        "{count}"
    );
    let state = js(&browser, "return root.querySelector('.vm-savestate').className");
    assert!(state.as_str().unwrap_or("").contains("dirty"), "an import is a change: {state}");

    // The dashboard's map draws every buurt (the wijken lie under them) with its name.
    tab(&browser, &shadow, "dashboard");
    wait_js(&browser, "the map", "return root.querySelector('.vm-map path[data-area]') !== null");
    let drawn = drawn_areas(&browser);
    for buurt in &buurten {
        let found = drawn.iter().find(|(id, _, _)| id == buurt.id.as_str());
        assert_eq!(
            found.map(|(_, name, shaped)| (name.as_str(), *shaped)),
            Some((buurt.name.as_str(), true)),
            "{} is drawn with its name: {drawn:?}",
            buurt.id.as_str()
        );
    }
    let table = js(
        &browser,
        "return Array.from(root.querySelectorAll('.vm-map table tbody th, .vm-map table tbody td:first-child')).map(c => c.textContent.trim())",
    );
    let table: Vec<String> = serde_json::from_value(table).expect("the map's table");
    for buurt in &buurten {
        assert!(table.iter().any(|cell| cell == &buurt.name), "{} in the map's table: {table:?}", buurt.name);
    }

    // Imported again, every area is updated rather than added: the same ids, nothing doubled.
    tab(&browser, &shadow, "gegevens");
    upload(&browser, &shadow, "#vm-import-areas", &[repo_path(AREA_FIXTURE)]);
    wait_js(
        &browser,
        "the second report",
        "return /bijgewerkt/.test(root.querySelector('.vm-area-report__areas')?.textContent ?? '') \
           && / 0 nieuw/.test(root.querySelector('.vm-area-report__areas').textContent)",
    );
    assert_eq!(
        line("areas"),
        format!("{wijken} wijken, {} buurten: 0 nieuw, {} bijgewerkt", buurten.len(), imported.areas.len())
    );
}

/// A map the size of a real municipality (about 100 buurten, 20,000 positions): the busy steps
/// are shown, the widget's figures are core's, and the time from the file input's change to the
/// report is measured in the page (printed for the closing note).
#[test]
fn areas_of_a_municipality_sized_map_import_with_their_steps_shown() {
    let map = SyntheticMap { columns: 10, rows: 10, points_per_edge: 49, wijk_size: 3 };
    let text = synthetic_map(map, FixtureShape::PdokCrs84);
    let document: Value = serde_json::from_str(&text).expect("GeoJSON");
    let input_positions: usize = document["features"]
        .as_array()
        .expect("features")
        .iter()
        .map(|feature| {
            let coordinates = &feature["geometry"]["coordinates"];
            let polygons = if feature["geometry"]["type"] == "Polygon" {
                vec![coordinates.clone()]
            } else {
                coordinates.as_array().cloned().unwrap_or_default()
            };
            polygons
                .iter()
                .flat_map(|p| p.as_array().cloned().unwrap_or_default())
                .map(|r| r.as_array().map_or(0, Vec::len))
                .sum::<usize>()
        })
        .sum();
    assert!((18_000..22_000).contains(&input_positions), "about 20,000 positions in the buurten: {input_positions}");
    let imported = core_area_import("gemeente.json", &text);
    let report = &imported.report;
    let dir = upload_dir("areas-large");
    let path = dir.join("gemeente.json");
    std::fs::write(&path, &text).expect("write the map");

    let browser = Browser::start();
    let shadow = open(&browser, "/facilitate.html");
    tab(&browser, &shadow, "gegevens");
    js(
        &browser,
        "window.__vmBusy = []; window.__vmLong = [];\
         new PerformanceObserver(list => list.getEntries().forEach(e => window.__vmLong.push(e.duration)))\
           .observe({ type: 'longtask' });\
         root.querySelector('#vm-import-areas').addEventListener('change', () => { window.__vmChanged = performance.now(); });\
         new MutationObserver(() => {\
           const busy = root.querySelector('.vm-area-import .vm-busy');\
           if (busy && !window.__vmBusy.includes(busy.textContent)) window.__vmBusy.push(busy.textContent);\
           if (root.querySelector('.vm-area-report') && !window.__vmShown) window.__vmShown = performance.now();\
         }).observe(root, { subtree: true, childList: true, characterData: true });",
    );
    upload(&browser, &shadow, "#vm-import-areas", &[path]);
    wait_js_for(
        &browser,
        Duration::from_secs(120),
        "the report",
        "return root.querySelector('.vm-area-report') !== null",
    );
    let ms = js(&browser, "return window.__vmShown - window.__vmChanged").as_f64().expect("both moments");
    let busy: Vec<String> = serde_json::from_value(js(&browser, "return window.__vmBusy")).unwrap_or_default();
    let long: Vec<f64> = serde_json::from_value(browser.execute("return window.__vmLong")).unwrap_or_default();
    for step in ["(1/3", "(2/3", "(3/3"] {
        assert!(busy.iter().any(|b| b.contains(step)), "step {step} was shown: {busy:?}");
    }
    let simplified = js(&browser, "return root.querySelector('.vm-area-report__simplified').textContent");
    let simplified = simplified.as_str().unwrap_or_default();
    for figure in [report.vertices_before, report.vertices_after, report.bytes_before, report.bytes_after] {
        assert!(simplified.contains(&dutch(figure)), "core's {figure} in {simplified}");
    }
    assert!(report.largest_distance_m <= report.tolerance_m, "{report}");
    assert!(ms > 0.0, "the report came after the change: {ms}");
    let buurten = imported.areas.iter().filter(|a| a.parent.is_some()).count();
    eprintln!(
        "municipality-sized area import: {buurten} buurten, {input_positions} positions and {:.1} MB of GeoJSON; outlines with the wijken made from the buurten: {} → {} positions, {} → {} bytes of outlines, \
         largest distance {:.2} m; {ms:.0} ms in the browser from the input's change to the report; {} long tasks, the longest {:.0} ms; \
         widget: {simplified}",
        text.len() as f64 / 1e6,
        report.vertices_before,
        report.vertices_after,
        report.bytes_before,
        report.bytes_after,
        report.largest_distance_m,
        long.len(),
        long.iter().copied().fold(0.0f64, f64::max),
    );
}

/// Chooses a workbook in the Data tab's workbook input.
fn import_workbook_file(browser: &Browser, shadow: &ShadowRoot, path: PathBuf) {
    upload(browser, shadow, "#vm-import-xlsx", &[path]);
}

#[test]
fn xlsx_workbooks_import_through_the_file_input_and_export_as_core_writes_them() {
    let browser = Browser::start();
    let shadow = open(&browser, "/facilitate.html");
    tab(&browser, &shadow, "gegevens");
    record_downloads(&browser);
    let dir = upload_dir("xlsx");
    let config = WorkbookConfig::new(Date::new(2027, 1, 15).expect("a date"));

    // A workbook with a mistake, as a civil servant's Excel saves it: core's problems with
    // sheet, row and column, and nothing changed.
    let bad_bytes = {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.set_name("initiatieven").expect("a sheet name");
        for (col, (header, value)) in
            [("id", "moestuin"), ("titel", "Moestuin"), ("fase", "dansen")].into_iter().enumerate()
        {
            sheet.write_string(0, col as u16, header).expect("a cell");
            sheet.write_string(1, col as u16, value).expect("a cell");
        }
        workbook.save_to_buffer().expect("a workbook")
    };
    let expected: Vec<String> =
        import_workbook(Some(&demo()), "fout.xlsx", &bad_bytes).problems.iter().map(ToString::to_string).collect();
    assert!(expected.iter().any(|p| p.starts_with("initiatieven, row 2, column fase: ")), "{expected:#?}");
    let path = dir.join("fout.xlsx");
    std::fs::write(&path, &bad_bytes).expect("write the workbook");
    import_workbook_file(&browser, &shadow, path);
    let shown = wait_js(
        &browser,
        "the workbook's problems",
        "const list = root.querySelectorAll('.vm-problem code');\
         return list.length ? Array.from(list).map(c => c.textContent) : null",
    );
    assert_eq!(shown, serde_json::json!(expected), "every problem, with its sheet, row and column");
    let state = js(&browser, "return root.querySelector('.vm-savestate').className");
    assert!(!state.as_str().unwrap_or("").contains("dirty"), "nothing changed: {state}");

    // A good workbook, made by core's exporter: the working copy becomes its dataset.
    let mut dataset = demo();
    dataset.initiatives[0].title = Text::plain("Moestuin uit Excel");
    dataset.initiatives[1].needs[0].amount = Some(1234.5);
    let path = dir.join("gegevens.xlsx");
    std::fs::write(&path, export_workbook(&dataset, &config).expect("core exports")).expect("write the workbook");
    import_workbook_file(&browser, &shadow, path);
    wait_js(
        &browser,
        "the workbook imported",
        "return /gegevens.xlsx/.test(root.querySelector('.vm-import-done')?.textContent ?? '')",
    );
    let (_, json) = download(&browser, &shadow, "[data-export=json]");
    assert_eq!(
        Dataset::from_json_strict(&text(&json)).expect("loads"),
        dataset,
        "the workbook's data is the working copy"
    );
    click(&browser, &shadow, "#vm-edit-find");
    let finder = browser.find_all_in(&shadow, "#vm-edit-find").into_iter().next().expect("the finder");
    browser.type_into(&finder, "uit Excel");
    wait_js(
        &browser,
        "the imported title",
        "return /Moestuin uit Excel/.test(root.querySelector('.vm-found')?.textContent ?? '')",
    );

    // The whole working copy as one workbook: an xlsx that core reads back as the same dataset.
    let (name, bytes) = download(&browser, &shadow, "[data-export=xlsx]");
    assert_eq!(name, "verschilmaker.xlsx");
    assert!(bytes.starts_with(b"PK\x03\x04"), "a zip");
    let again = import_workbook(None, &name, &bytes);
    assert_eq!(again.problems, Vec::new());
    assert_eq!(again.dataset, Some(dataset), "the downloaded workbook holds the working copy");

    // The template: every sheet with one example row, which imports as core's template does.
    let (name, bytes) = download(&browser, &shadow, "[data-export=template]");
    assert_eq!(name, "verschilmaker-sjabloon.xlsx");
    let template = import_workbook(None, &name, &bytes).dataset.expect("the template imports");
    let core_template = import_workbook(None, "sjabloon.xlsx", &workbook_template(&config)).dataset;
    assert_eq!(Some(template), core_template);
}
