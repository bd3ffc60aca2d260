//! The widget as a web editor installs it: the npm tarball that `www package` writes, installed
//! with `npm install ./verschilmaker-<version>.tgz` into an empty folder, published under a path
//! of the host's choosing (`/assets/vm/<version>/`) by a plain static file server (Python's),
//! and used from a page of its own: the overview, an initiative page with the second module and
//! its style sheet, and the workbench. And the demo server's cache headers: a repeat visit
//! fetches no wasm again.
//!
//! In Chromium by default and in Firefox with `VERSCHILMAKER_BROWSER=firefox` (`.ci/run`).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

use crate::browser::Browser;
use crate::demo::nth_shadow;
use crate::demo::one;
use crate::e2e::{settled_widgets, site};

/// Where the host page publishes the package: not `/verschilmaker/`, so that a loader that
/// looked for its files at a fixed path would fail.
pub(crate) fn published_at() -> String {
    format!("/assets/vm/{}/", www::VERSION)
}

/// The npm project the tarball is installed into (`node_modules/verschilmaker`), made by
/// [`host_site`].
pub(crate) fn npm_project() -> PathBuf {
    host_site();
    www::target_dir(&www::workspace_root()).join("it-npm-project")
}

/// The host's site folder: its pages, its data, and the installed package under
/// [`published_at`]. Made once per test binary.
pub(crate) fn host_site() -> &'static Path {
    static HOST: OnceLock<PathBuf> = OnceLock::new();
    HOST.get_or_init(|| {
        site();
        let root = www::workspace_root();
        let target = www::target_dir(&root);
        let out = target.join("it-package");
        let _ = std::fs::remove_dir_all(&out);
        std::fs::create_dir_all(&out).expect("create the package folder");
        let report = www::package(&root, &target.join("it-site"), &out).unwrap_or_else(|e| panic!("packaging: {e}"));
        eprintln!("{report}");

        // An empty project that installs the tarball from the file, without the network.
        let project = target.join("it-npm-project");
        let _ = std::fs::remove_dir_all(&project);
        std::fs::create_dir_all(&project).expect("create the npm project");
        let status = Command::new("npm")
            .args(["install", "--offline", "--no-audit", "--no-fund", "--silent"])
            .arg(&report.tarball)
            .current_dir(&project)
            .stdin(Stdio::null())
            .status()
            .expect("run npm install");
        assert!(status.success(), "npm install {} failed", report.tarball.display());
        let installed = project.join("node_modules").join(www::PACKAGE_NAME);
        for file in [
            "verschilmaker.js",
            "package.json",
            "README.md",
            "server/web.config",
            "server/nginx.conf",
            "core/node.js",
            "core/browser.js",
            "core/index.d.ts",
            "core/verschilmaker_core_bg.wasm",
            "core-example.html",
            "bin/verschilmaker.js",
        ] {
            assert!(installed.join(file).is_file(), "the installed package has no {file}");
        }

        let host = target.join("it-npm-host");
        let _ = std::fs::remove_dir_all(&host);
        let assets = host.join(published_at().trim_matches('/'));
        copy_dir(&installed, &assets);
        std::fs::create_dir_all(host.join("data")).expect("create the data folder");
        std::fs::copy(root.join(www::DEMO_DATA), host.join("data/initiatieven.json")).expect("copy the data");
        for (page, view) in [("index.html", "discover"), ("werkbank.html", "facilitate")] {
            std::fs::write(host.join(page), host_page(view)).expect("write a host page");
        }
        host
    })
}

fn host_page(view: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n<link rel=\"icon\" href=\"data:,\">\n<title>Host with the npm package</title>\n\
         <script type=\"module\" src=\"{}verschilmaker.js\"></script>\n</head>\n<body>\n<main>\n<h1>Initiatieven</h1>\n\
         <verschil-maker src=\"data/initiatieven.json\" lang=\"nl\" view=\"{view}\"></verschil-maker>\n</main>\n</body>\n</html>\n",
        published_at()
    )
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create a folder");
    for entry in std::fs::read_dir(from).expect("read a folder") {
        let entry = entry.expect("a folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

/// Python's static file server on a free loopback port, stopped when dropped. It also stops when
/// the test binary ends without dropping it: it reads its standard input, which closes then.
pub(crate) struct StaticServer {
    child: Child,
    pub(crate) url: String,
}

const SERVER: &str = "\
import functools, http.server, os, sys, threading
handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])
handler.log_message = lambda *args: None
server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
print(server.server_address[1], flush=True)
threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
server.serve_forever()
";

impl StaticServer {
    pub(crate) fn start(root: &Path) -> StaticServer {
        let mut child = Command::new("python3")
            .args(["-c", SERVER])
            .arg(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start python3 -m http.server (python3 is needed for this test)");
        let mut port = String::new();
        BufReader::new(child.stdout.take().expect("its standard output")).read_line(&mut port).expect("its port");
        let port: u16 = port.trim().parse().unwrap_or_else(|_| panic!("not a port: {port:?}"));
        StaticServer { child, url: format!("http://127.0.0.1:{port}") }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The paths of the resources the page fetched whose address contains `part`.
fn fetched(browser: &Browser, part: &str) -> Vec<String> {
    let names = browser.execute(&format!(
        "return performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)\
             .filter((path) => path.includes({part:?}))"
    ));
    serde_json::from_value(names).unwrap_or_default()
}

#[test]
fn the_installed_package_works_from_a_path_of_the_hosts_choosing() {
    let server = StaticServer::start(host_site());
    let browser = Browser::start();
    browser.goto(&format!("{}/index.html", server.url));
    settled_widgets(&browser, 1);
    let shadow = nth_shadow(&browser, 0);
    let card = one(&browser, &shadow, ".vm-card__link");

    // Every file came from where the host put the package, under its hashed name.
    let wasm = fetched(&browser, ".wasm");
    assert!(!wasm.is_empty() && wasm.iter().all(|path| path.starts_with(&published_at())), "{wasm:?}");
    assert!(wasm.iter().all(|path| www::is_hashed(path)), "{wasm:?}");

    // The initiative page: the second module and its style sheet, fetched on first use.
    browser.click(&card);
    one(&browser, &shadow, ".vm-detail__title");
    one(&browser, &shadow, ".vm-need");
    crate::split::wait_for_later_styles(&browser, "from the installed package");
    let later = fetched(&browser, "_later/");
    assert!(later.iter().any(|path| path.ends_with(".wasm")), "the second module was not fetched: {later:?}");
    let styles = fetched(&browser, "verschilmaker-later.");
    assert!(styles.iter().all(|path| path.starts_with(&published_at()) && www::is_hashed(path)), "{styles:?}");
    let severe = crate::e2e::severe_console_messages(&browser);
    assert!(severe.is_empty(), "{severe:?}");
}

#[test]
fn the_installed_packages_workbench_works() {
    let server = StaticServer::start(host_site());
    let browser = Browser::start();
    browser.goto(&format!("{}/werkbank.html", server.url));
    settled_widgets(&browser, 1);
    let shadow = nth_shadow(&browser, 0);
    one(&browser, &shadow, "[role=tablist] [role=tab]");
    one(&browser, &shadow, ".vm-dashboard");
    let wasm = fetched(&browser, "verschilmaker_werkbank_bg.");
    assert_eq!(wasm.len(), 1, "{wasm:?}");
    assert!(wasm[0].starts_with(&published_at()) && www::is_hashed(&wasm[0]), "{wasm:?}");
}

/// The demo server sends the hashed files as `immutable`, so a second visit in the same browser
/// profile takes the wasm from the cache: its resource entry shows no bytes transferred.
#[test]
fn a_repeat_visit_fetches_no_wasm_again() {
    let site = site();
    let browser = Browser::start();
    let visit = |browser: &Browser| {
        browser.goto(&format!("{}/", site.url));
        settled_widgets(browser, 1);
        one(browser, &nth_shadow(browser, 0), ".vm-card");
        let entries = browser.execute(
            "return performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm'))\
                 .map((e) => [new URL(e.name).pathname, e.transferSize])",
        );
        serde_json::from_value::<Vec<(String, f64)>>(entries).expect("resource entries")
    };
    let first = visit(&browser);
    assert!(!first.is_empty() && first.iter().all(|(_, bytes)| *bytes > 0.0), "the first visit fetches: {first:?}");
    browser.goto("about:blank");
    let second = visit(&browser);
    assert_eq!(
        second.iter().map(|(path, _)| path).collect::<Vec<_>>(),
        first.iter().map(|(path, _)| path).collect::<Vec<_>>(),
        "the same files"
    );
    assert!(second.iter().all(|(_, bytes)| *bytes == 0.0), "the second visit fetched again: {second:?}");
}
