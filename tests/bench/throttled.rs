//! The residents' widget on a slow connection: the first card and the first initiative page,
//! throttled to 1.6 Mbps with 150 ms latency (Chromium's network emulation), beside the same
//! figures unthrottled, measured in the same run.
//!
//! `cargo bench -p tests --bench throttled` (needs Chromium and ChromeDriver, as the browser
//! tests do). Each figure is the median of `RUNS` fresh browser profiles, so every run is a first
//! visit with an empty cache. It reports:
//! - the first card: from the navigation's start to the widget's `verschilmaker:first-results`
//!   mark, from a server that gzips (as the package README asks) and from one that does not;
//! - click to page: from a click on a card to the initiative's title on screen, when the click
//!   comes at once (the pointer moves onto the card and clicks: the second module is fetched
//!   from then on) and when the pointer rested on the card for a second first (the second module
//!   is fetched on that intent).
//!
//! Why a benchmark and not a test? The figures depend on the machine; a test asserts behaviour
//! (`tests/it/split.rs` checks that the intent fetches the module before the click).

#[path = "../it/browser.rs"]
#[allow(dead_code, reason = "the browser client is shared with the test binary, which uses all of it")]
mod browser;

use std::time::Duration;

use browser::{Browser, Options};

/// The throttled link: 1.6 Mbps (200,000 bytes a second) each way, 150 ms latency.
const SLOW: (u64, u64) = (150, 200_000);
const RUNS: usize = 3;
const TIMEOUT: Duration = Duration::from_secs(60);

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Waits until `script` returns a number, and returns it.
fn wait_number(browser: &Browser, what: &str, script: &str) -> f64 {
    browser.wait_for(TIMEOUT, what, |b| b.execute(script).as_f64(), |b| format!("{:?}", b.widget_texts()))
}

/// One first visit: the first card's time, and the click-to-page time after `intent_ms` of the
/// pointer resting on a card.
fn visit(url: &str, throttled: bool, intent_ms: u64) -> (f64, f64) {
    let browser = Browser::start_with(Options::default());
    if throttled {
        browser.set_network_conditions(SLOW.0, SLOW.1);
    }
    browser.goto(url);
    let first_card = wait_number(
        &browser,
        "the first results",
        "const mark = performance.getEntriesByName('verschilmaker:first-results')[0]; return mark ? mark.startTime : null",
    );
    // Record the click and the page's title appearing, in the page's own clock.
    browser.execute(
        "window.__vm = { click: null, page: null };
         const root = document.querySelector('verschil-maker').shadowRoot;
         document.addEventListener('click', () => { window.__vm.click ??= performance.now(); }, true);
         new MutationObserver(() => {
             if (window.__vm.page === null && root.querySelector('.vm-detail__title')) window.__vm.page = performance.now();
         }).observe(root, { childList: true, subtree: true });",
    );
    let card = browser.wait_for(
        TIMEOUT,
        "a card",
        |b| {
            let host = b.find_all("verschil-maker").into_iter().next()?;
            let shadow = b.shadow_root(&host)?;
            b.find_all_in(&shadow, ".vm-card__link").into_iter().next()
        },
        |b| format!("{:?}", b.widget_texts()),
    );
    if intent_ms > 0 {
        browser.execute(
            "document.querySelector('verschil-maker').shadowRoot.querySelector('.vm-card__link')\
                 .dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }))",
        );
        std::thread::sleep(Duration::from_millis(intent_ms));
    }
    browser.click(&card);
    let click_to_page = wait_number(
        &browser,
        "the initiative page",
        "const t = window.__vm; return t.page !== null && t.click !== null ? t.page - t.click : null",
    );
    (first_card, click_to_page)
}

fn main() {
    // `cargo test --benches` runs this once without `--bench`: build and serve nothing then.
    if !std::env::args().any(|arg| arg == "--bench") {
        return;
    }
    let root = www::workspace_root();
    let options = www::BuildOptions {
        out_dir: www::target_dir(&root).join("bench-site"),
        workspace_root: root.clone(),
        wasm_opt: www::WasmOpt::Auto,
    };
    let report = www::build_site(&options).unwrap_or_else(|e| panic!("building the site: {e}"));
    let serve = |gzip: bool| {
        www::serve(www::ServeOptions {
            root: report.site_dir.clone(),
            mounts: Vec::new(),
            addr: "127.0.0.1:0".parse().expect("a loopback address"),
            inbox: None,
            gzip,
        })
        .expect("serving the site")
    };
    let (gzipped, plain) = (serve(true), serve(false));
    println!("\nthe residents' widget on the demo page, median of {RUNS} first visits (ms)");
    println!("{:<52} {:>12} {:>12} {:>7}", "", "unthrottled", "1.6 Mbps", "ratio");
    let row = |name: &str, fast: f64, slow: f64| println!("{name:<52} {fast:>12.0} {slow:>12.0} {:>6.1}x", slow / fast);
    let measure = |url: &str, throttled: bool, intent_ms: u64| -> (f64, f64) {
        let runs: Vec<(f64, f64)> = (0..RUNS).map(|_| visit(url, throttled, intent_ms)).collect();
        (median(runs.iter().map(|r| r.0).collect()), median(runs.iter().map(|r| r.1).collect()))
    };
    let (gz_fast, click_fast) = measure(&format!("{}/", gzipped.url()), false, 0);
    let (gz_slow, click_slow) = measure(&format!("{}/", gzipped.url()), true, 0);
    let (plain_fast, _) = measure(&format!("{}/", plain.url()), false, 0);
    let (plain_slow, _) = measure(&format!("{}/", plain.url()), true, 0);
    let (_, intent_fast) = measure(&format!("{}/", gzipped.url()), false, 1000);
    let (_, intent_slow) = measure(&format!("{}/", gzipped.url()), true, 1000);
    row("first card, gzip (as the package README asks)", gz_fast, gz_slow);
    row("first card, no compression", plain_fast, plain_slow);
    row("click to page, click at once", click_fast, click_slow);
    row("click to page, after 1 s of the pointer on the card", intent_fast, intent_slow);
}
