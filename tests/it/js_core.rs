//! The core as a JavaScript library (`verschilmaker/core`), installed from the npm tarball that
//! `www package` writes: Node's test runner over the API (`tests/js/core.test.mjs`) against the
//! native core's answers, which this file writes as JSON; the TypeScript declarations against a
//! typed example (`tests/js/typed-example.ts`, `tsc --strict`); `npx verschilmaker check` against
//! `www check`; and the example page in a browser (Chromium, or Firefox with
//! `VERSCHILMAKER_BROWSER=firefox`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

use serde_json::{Value, json};
use verschilmaker::matching::{self, MatchConfig, MatchIndex};
use verschilmaker::search::{self, Filters, NeedStatus, Query, Sort};
use verschilmaker::{Dataset, DateValue};

use crate::browser::Browser;
use crate::package::{StaticServer, host_site, npm_project, published_at};

fn root() -> PathBuf {
    www::workspace_root()
}

fn demo() -> PathBuf {
    root().join(www::DEMO_DATA)
}

fn demo_dataset() -> Dataset {
    let json = std::fs::read_to_string(demo()).expect("the demo data");
    Dataset::from_json_strict(&json).expect("the demo data loads")
}

/// The searches both sides run: the query and filters as JavaScript passes them, and the same
/// as core's `Query`.
fn searches() -> Vec<(Value, Value, Query)> {
    let query = |text: &str| Query { text: text.to_owned(), ..Query::default() };
    vec![
        (json!(""), json!({}), query("")),
        (json!("tuin"), json!({}), query("tuin")),
        (json!("moestuin"), json!({}), query("moestuin")),
        (json!("sprot"), json!({}), query("sprot")),
        (json!({"text": "buurt", "limit": 5, "offset": 2}), json!({}), Query { offset: 2, limit: 5, ..query("buurt") }),
        (
            json!({"text": "energie", "typos": false, "stemming": false}),
            json!({}),
            Query { typos: false, stemming: false, ..query("energie") },
        ),
        (
            json!({"sort": "newest", "limit": 100}),
            json!({"stages": ["idea", "running"]}),
            Query {
                sort: Sort::Newest,
                limit: 100,
                filters: Filters {
                    stages: vec!["idea".parse().unwrap(), "running".parse().unwrap()],
                    ..Filters::default()
                },
                ..query("")
            },
        ),
        (
            json!({"sort": "mostOpenNeeds"}),
            json!({"needKinds": ["volunteers"], "needStatus": ["open"]}),
            Query {
                sort: Sort::MostOpenNeeds,
                filters: Filters {
                    need_kinds: vec!["volunteers".parse().unwrap()],
                    need_status: vec![NeedStatus::Open],
                    ..Filters::default()
                },
                ..query("")
            },
        ),
        (
            json!("wijk"),
            json!({"themes": ["groen"], "areas": ["noord"]}),
            Query {
                filters: Filters {
                    themes: vec!["groen".parse().unwrap()],
                    areas: vec!["noord".parse().unwrap()],
                    ..Filters::default()
                },
                ..query("wijk")
            },
        ),
    ]
}

/// The native core's answers for the demo data, for the Node tests to compare with.
fn native_answers() -> Value {
    let dataset = demo_dataset();
    let index = search::build_index(dataset.clone());
    let searches: Vec<Value> = searches()
        .into_iter()
        .map(|(query, filters, core)| {
            let results = search::search(&index, &core);
            let hits: Vec<Value> =
                results.hits.iter().map(|hit| json!([hit.id.as_str(), f64::from(hit.score)])).collect();
            json!({"query": query, "filters": filters, "total": results.total, "hits": hits})
        })
        .collect();

    let matches = MatchIndex::build(dataset.clone(), &MatchConfig::default());
    let mut suggestions = serde_json::Map::new();
    let mut coalitions = serde_json::Map::new();
    let mut rules = serde_json::Map::new();
    for initiative in &dataset.initiatives {
        let found = matching::suggest_for_initiative(&matches, &initiative.id, 3);
        let per_need: Vec<Value> = initiative
            .needs
            .iter()
            .zip(&found.per_need)
            .map(|(need, offers)| {
                let offers: Vec<Value> =
                    offers.iter().map(|o| json!([o.offer.partner.as_str(), o.offer.offer.as_str(), o.score])).collect();
                json!([need.id.as_str(), offers])
            })
            .collect();
        let partners: Vec<Value> = found
            .partners
            .iter()
            .map(|p| {
                let reasons: Vec<String> = p.reasons(&matches).iter().map(|r| r.render(&dataset, "en")).collect();
                json!([p.partner.as_str(), p.score, reasons])
            })
            .collect();
        suggestions.insert(initiative.id.to_string(), json!({"perNeed": per_need, "partners": partners}));
        let coalition = matching::coalition(&matches, &initiative.id);
        let partners: Vec<&str> = coalition.partners.iter().map(|p| p.as_str()).collect();
        coalitions.insert(
            initiative.id.to_string(),
            json!({"partners": partners, "complete": coalition.complete, "totalScore": coalition.total_score}),
        );
        let applicable: Vec<&str> =
            matching::applicable_rules(&dataset, initiative).iter().map(|rule| rule.id.as_str()).collect();
        rules.insert(initiative.id.to_string(), json!(applicable));
    }

    let objective = |config: &MatchConfig| {
        let index = MatchIndex::build(dataset.clone(), config);
        let result = matching::allocate(&index).expect("the allocation round");
        json!({"objective": result.objective, "assignments": result.assignments.len()})
    };
    let mut fair = MatchConfig::default();
    fair.fairness_floor = Some(0.2);
    let mut narrow = MatchConfig::default();
    narrow.candidates_per_need = 3;

    let insights = verschilmaker::insights::insights(&dataset);
    let by_kind: Vec<Value> =
        insights.by_kind.iter().map(|t| json!([t.kind.as_str(), t.needs, t.open_needs, t.open])).collect();

    let now: DateValue = "2026-05-01T12:00:00Z".parse().expect("a date-time");
    let calendar = verschilmaker::exchange::export_icalendar(
        &dataset,
        &verschilmaker::exchange::CalendarConfig { now, languages: &["en"] },
    );
    let json_ld = verschilmaker::exchange::export_json_ld(
        &dataset,
        &verschilmaker::exchange::JsonLdConfig { page_url: Some("https://www.verschilstad.example/initiatieven") },
    );
    let sheets: Vec<Value> = verschilmaker::exchange::export_sheets(&dataset)
        .iter()
        .map(|sheet| json!([sheet.name, String::from_utf8_lossy(&sheet.bytes)]))
        .collect();

    json!({
        "demo": demo(),
        "bad": root().join("tests/fixtures/bad"),
        "initiatives": dataset.initiatives.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
        "searches": searches,
        "suggestions": suggestions,
        "coalitions": coalitions,
        "rules": rules,
        "allocation": {
            "default": objective(&MatchConfig::default()),
            "fair": objective(&fair),
            "narrow": objective(&narrow),
        },
        "insightsByKind": by_kind,
        "exports": {
            "json": verschilmaker::exchange::export_json(&dataset),
            "icalendar": calendar,
            "jsonLd": json_ld,
            "csv": sheets,
        },
    })
}

/// The npm project with the package installed and the test files beside it; made once.
fn project() -> &'static Path {
    static PROJECT: OnceLock<PathBuf> = OnceLock::new();
    PROJECT.get_or_init(|| {
        let project = npm_project();
        let tests = project.join("tests");
        let _ = std::fs::remove_dir_all(&tests);
        std::fs::create_dir_all(&tests).expect("create the tests folder");
        for entry in std::fs::read_dir(root().join("tests/js")).expect("tests/js") {
            let entry = entry.expect("a file");
            std::fs::copy(entry.path(), tests.join(entry.file_name())).expect("copy a test file");
        }
        let native = serde_json::to_string_pretty(&native_answers()).expect("JSON");
        std::fs::write(tests.join("native.json"), native).expect("write the native answers");
        project
    })
}

fn run(command: &mut Command) -> Output {
    let output = command.stdin(Stdio::null()).output().unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    eprintln!("{}", String::from_utf8_lossy(&output.stderr));
    output
}

#[test]
fn node_runs_the_api_tests_against_the_native_answers() {
    let project = project();
    let output = run(Command::new("node").args(["--test", "tests/"]).current_dir(project));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "node --test failed:\n{stdout}");
    // The runner's summary: tests ran, and none failed.
    let count = |name: &str| {
        stdout
            .lines()
            .find_map(|line| line.strip_prefix(&format!("# {name} ")))
            .and_then(|n| n.trim().parse::<usize>().ok())
            .unwrap_or_else(|| panic!("no \"# {name}\" line in:\n{stdout}"))
    };
    assert!(count("pass") >= 15, "{stdout}");
    assert_eq!(count("fail"), 0, "{stdout}");
}

/// `tsc --noEmit --strict` over an example that uses every function and field through the
/// package's `verschilmaker/core` types.
#[test]
fn the_typescript_declarations_describe_a_typed_example() {
    let project = project();
    let tsc = typescript();
    let output = run(Command::new(&tsc).args(["--noEmit", "-p", "tests/tsconfig.json"]).current_dir(project));
    assert!(
        output.status.success(),
        "tsc found type errors:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    // And a use the types forbid is an error: the declarations are not `any`.
    let wrong = project.join("tests/wrong.ts");
    std::fs::write(&wrong, "import { search, load } from \"verschilmaker/core\";\nconst hits: string = search(load(\"{}\"), \"x\").total;\n")
        .expect("write wrong.ts");
    let output = run(Command::new(&tsc)
        .args(["--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext"])
        .args(["--target", "es2022", "--lib", "es2022,esnext.disposable,dom"])
        .arg(&wrong)
        .current_dir(project));
    let _ = std::fs::remove_file(&wrong);
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success() && said.contains("TS2322"), "tsc accepted a number as a string:\n{said}");
}

/// TypeScript's compiler from npm, installed into `target/tools` once.
fn typescript() -> PathBuf {
    static TSC: OnceLock<PathBuf> = OnceLock::new();
    TSC.get_or_init(|| {
        let tools = www::target_dir(&root()).join("tools");
        let tsc = tools.join("node_modules/.bin/tsc");
        if !tsc.exists() {
            let status = Command::new("npm")
                .args(["install", "--no-audit", "--no-fund", "--silent", "--prefix"])
                .arg(&tools)
                .arg("typescript@5")
                .stdin(Stdio::null())
                .status()
                .expect("run npm");
            assert!(status.success(), "npm install typescript failed");
        }
        tsc
    })
    .clone()
}

/// `npx verschilmaker check` prints what `www check` prints, byte for byte, and exits the same.
#[test]
fn npx_verschilmaker_check_prints_what_www_check_prints() {
    let project = project();
    let bad = root().join("tests/fixtures/bad");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&bad)
        .expect("the bad fixtures")
        .map(|entry| entry.expect("a file").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "{files:?}");
    for file in files.iter().chain([&demo()]) {
        let output =
            run(Command::new("npx").args(["--no-install", "verschilmaker", "check"]).arg(file).current_dir(project));
        let native = www::check_file(file);
        assert_eq!(String::from_utf8_lossy(&output.stdout), native.to_string(), "{}", file.display());
        assert_eq!(output.status.code(), Some(if native.is_ok() { 0 } else { 1 }), "{}", file.display());
        if file.starts_with(&bad) {
            let expected = std::fs::read_to_string(file.with_extension("expected")).expect("the .expected file");
            let wanted: String = expected.lines().map(|line| format!("{}: {line}\n", file.display())).collect();
            assert_eq!(String::from_utf8_lossy(&output.stdout), wanted, "{}", file.display());
        }
    }

    // Several files at once, one missing: every file is reported, and the run fails.
    let bin = project.join("node_modules/.bin/verschilmaker");
    let missing = root().join("tests/fixtures/no-such-file.json");
    let output = run(Command::new(&bin).arg("check").arg(demo()).arg(&missing).current_dir(project));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.starts_with(&format!("{}: OK\n{}: cannot read the file: ", demo().display(), missing.display())),
        "{stdout}"
    );

    // No file, or no command: a usage error.
    for args in [&["check"][..], &[][..], &["lint", "x.json"][..]] {
        let output = run(Command::new(&bin).args(args).current_dir(project));
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("usage: verschilmaker check FILE"), "{args:?}");
    }
}

/// The example page lists the demo's initiatives with `search` in a browser, in core's order, and
/// narrows the list as the visitor types, with the matched words marked.
#[test]
fn the_example_page_lists_and_searches_in_a_browser() {
    let server = StaticServer::start(host_site());
    let browser = Browser::start();
    browser.goto(&format!("{}{}core-example.html", server.url, published_at()));
    let listed = |browser: &Browser| -> Vec<String> {
        serde_json::from_value(
            browser.execute("return [...document.querySelectorAll('#initiatieven li')].map((li) => li.dataset.id)"),
        )
        .unwrap_or_default()
    };
    let describe =
        |browser: &Browser| format!("{:?}", browser.execute("return document.body.outerHTML.slice(0, 2000)"));
    browser.wait_for(
        Duration::from_secs(30),
        "the example page to be ready",
        |browser| (browser.execute("return document.body.dataset.ready") == json!("true")).then_some(()),
        describe,
    );

    let dataset = demo_dataset();
    let index = search::build_index(dataset.clone());
    let native = |text: &str| -> Vec<String> {
        let query = Query { text: text.to_owned(), limit: 100, ..Query::default() };
        search::search(&index, &query).hits.iter().map(|hit| hit.id.to_string()).collect()
    };
    assert_eq!(listed(&browser), native(""));
    assert_eq!(native("").len(), dataset.initiatives.len());

    let input = browser.find_all("#tekst").into_iter().next().expect("the search box");
    browser.type_into(&input, "moestuin");
    let wanted = native("moestuin");
    assert!(!wanted.is_empty() && wanted.len() < dataset.initiatives.len(), "{wanted:?}");
    browser.wait_for(
        Duration::from_secs(10),
        "the list to show the hits for \"moestuin\"",
        |browser| (listed(browser) == wanted).then_some(()),
        |browser| format!("{:?}", listed(browser)),
    );
    let marks: Vec<String> = serde_json::from_value(
        browser.execute("return [...document.querySelectorAll('#initiatieven mark')].map((m) => m.textContent)"),
    )
    .expect("marks");
    assert!(marks.iter().any(|mark| mark.to_lowercase().contains("moestuin")), "{marks:?}");
    let severe = crate::e2e::severe_console_messages(&browser);
    assert!(severe.is_empty(), "{severe:?}");
}

/// wasm-bindgen's class for the handle registers every handle with a `FinalizationRegistry`,
/// which frees a forgotten one, and `free()` unregisters it.
#[test]
fn forgotten_handles_are_registered_for_finalization() {
    let glue = project().join("node_modules/verschilmaker/core").join(format!("{}.js", www::CORE_NAME));
    let glue = std::fs::read_to_string(&glue).expect("the core module's glue");
    assert!(glue.contains("new FinalizationRegistry(ptr => wasm.__wbg_dataset_free(ptr, 1))"), "no registry");
    assert!(glue.contains("DatasetFinalization.register(obj, obj.__wbg_ptr, obj)"), "handles are not registered");
    assert!(glue.contains("DatasetFinalization.unregister(this)"), "free() does not unregister");
}
