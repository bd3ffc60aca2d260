//! A tiny synchronous W3C WebDriver client for headless Chromium (or Firefox ESR), started per
//! test.
//!
//! Why not a WebDriver crate? The ones on crates.io are async (tokio) and large; the tests need a
//! dozen commands, which are plain JSON over HTTP.
//!
//! `Browser::start()` drives Chromium, or Firefox when `VERSCHILMAKER_BROWSER=firefox` (through
//! geckodriver), so that the same end-to-end tests run in both. What only Chromium offers —
//! the console log, the network log, viewport emulation — is Chromium-only here too: in Firefox
//! the console log reads as empty, and the network log and the viewport panic with a message.

use std::net::{Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The key under which WebDriver returns an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
/// The key under which WebDriver returns a shadow root reference.
const SHADOW_KEY: &str = "shadow-6066-11e4-a52e-4f735466cecf";

const INSTALL_HINT: &str = "install Chromium and its driver (Debian: `apt-get install chromium chromium-driver`), \
     or set CHROME and CHROMEDRIVER to their paths";
const FIREFOX_HINT: &str = "install Firefox ESR (Debian: `apt-get install firefox-esr`) and geckodriver \
     (`cargo install geckodriver`), or set FIREFOX and GECKODRIVER to their paths";

/// Which browser a session drives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// Headless Chromium through ChromeDriver (the default).
    Chromium,
    /// Headless Firefox ESR through geckodriver.
    Firefox,
}

impl Engine {
    /// The engine chosen by `VERSCHILMAKER_BROWSER` (`chromium`, the default, or `firefox`).
    pub fn from_env() -> Engine {
        match std::env::var("VERSCHILMAKER_BROWSER").as_deref() {
            Ok("firefox") => Engine::Firefox,
            Ok("chromium") | Ok("") | Err(_) => Engine::Chromium,
            Ok(other) => panic!("VERSCHILMAKER_BROWSER={other:?}: expected chromium or firefox"),
        }
    }
}

/// How to start a session.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// The browser.
    pub engine: Engine,
    /// Whether to record every network request (Chromium's performance log), for
    /// [`Browser::requests`].
    pub network_log: bool,
}

impl Default for Options {
    /// The engine from `VERSCHILMAKER_BROWSER`, without a network log.
    fn default() -> Options {
        Options { engine: Engine::from_env(), network_log: false }
    }
}

/// One request the page made, from Chromium's network log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// The method, such as `GET`.
    pub method: String,
    /// The full URL.
    pub url: String,
    /// What Chromium says it was for: `Document`, `Script`, `Fetch`, `Stylesheet`, …
    pub kind: String,
    /// The URL of the document that made the request (for a navigation, the URL itself).
    pub document: String,
}

/// An element on the page or inside a shadow root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Element(String);

/// An element's open shadow root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShadowRoot(String);

/// A ChromeDriver process with one headless Chromium session; both end when this is dropped.
pub struct Browser {
    driver: Child,
    endpoint: String,
    session: String,
    agent: ureq::Agent,
    profile_dir: PathBuf,
    engine: Engine,
}

/// Finds a program: the environment variable, else the usual Debian path, else `PATH`.
fn find_program(env_var: &str, debian_path: &str, names: &[&str], hint: &str) -> PathBuf {
    if let Some(path) = std::env::var_os(env_var) {
        let path = PathBuf::from(path);
        assert!(path.is_file(), "{env_var}={} is not a file; {hint}", path.display());
        return path;
    }
    if Path::new(debian_path).is_file() {
        return PathBuf::from(debian_path);
    }
    let path_var = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path_var) {
        for name in names {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return candidate;
            }
        }
    }
    panic!("cannot find {} (looked at ${env_var}, {debian_path} and PATH); {hint}", names[0]);
}

// Why does every session ask for one request per connection (`Connection: close` in Chromium,
// one persistent connection per server in Firefox)? The test server used to be tiny_http 0.12,
// whose connection pool could queue a second connection behind a kept-alive first one, so that
// now and then a page never finished loading (5 of 19 loads of `hostile-scripts.html` in one
// session). `www::serve` now answers once per connection on a thread of its own, so the race is
// gone there; the tests keep asking for it because pages loaded two to three times faster here.

/// ChromeDriver's capabilities: headless, a throw-away profile, the console log, and the
/// network log when asked for.
fn chromium_capabilities(chrome: &Path, profile_dir: &Path, network_log: bool) -> Value {
    let args = [
        "--headless".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        "--disable-dev-shm-usage".to_owned(),
        "--disable-background-networking".to_owned(),
        "--disable-component-update".to_owned(),
        "--disable-sync".to_owned(),
        "--no-first-run".to_owned(),
        "--window-size=1280,1000".to_owned(),
        format!("--user-data-dir={}", profile_dir.display()),
    ];
    let mut options = json!({ "binary": chrome, "args": args });
    let mut logging = json!({ "browser": "ALL" });
    if network_log {
        options["perfLoggingPrefs"] = json!({ "enableNetwork": true, "enablePage": false });
        logging["performance"] = json!("ALL");
    }
    json!({ "browserName": "chrome", "goog:chromeOptions": options, "goog:loggingPrefs": logging })
}

/// A free loopback port, found by letting the OS pick one.
fn free_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind a free port");
    listener.local_addr().expect("local address").port()
}

impl Browser {
    /// Starts a headless browser session: Chromium, or Firefox when `VERSCHILMAKER_BROWSER=firefox`.
    ///
    /// Panics (failing the test) with an install hint when a program is missing.
    pub fn start() -> Browser {
        Browser::start_with(Options::default())
    }

    /// Starts a session as `options` say.
    pub fn start_with(options: Options) -> Browser {
        static PROFILES: AtomicUsize = AtomicUsize::new(0);
        let hint = match options.engine {
            Engine::Chromium => INSTALL_HINT,
            Engine::Firefox => FIREFOX_HINT,
        };
        let (driver_path, browser_path) = match options.engine {
            Engine::Chromium => (
                find_program("CHROMEDRIVER", "/usr/bin/chromedriver", &["chromedriver"], hint),
                find_program("CHROME", "/usr/bin/chromium", &["chromium", "chromium-browser", "google-chrome"], hint),
            ),
            Engine::Firefox => (
                find_program("GECKODRIVER", "/usr/local/bin/geckodriver", &["geckodriver"], hint),
                find_program("FIREFOX", "/usr/bin/firefox-esr", &["firefox-esr", "firefox"], hint),
            ),
        };
        let port = free_port();
        let mut driver = Command::new(&driver_path);
        match options.engine {
            Engine::Chromium => driver.arg(format!("--port={port}")),
            Engine::Firefox => driver.args(["--host", "127.0.0.1", "--port", &port.to_string()]),
        };
        let driver = driver
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}; {hint}", driver_path.display()));
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let profile_dir = std::env::temp_dir().join(format!(
            "verschilmaker-it-{}-{}-{}",
            if options.engine == Engine::Firefox { "firefox" } else { "chromium" },
            std::process::id(),
            PROFILES.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&profile_dir);
        let mut browser = Browser {
            driver,
            endpoint: format!("http://127.0.0.1:{port}"),
            session: String::new(),
            agent,
            profile_dir,
            engine: options.engine,
        };
        browser.wait_until_ready(hint);
        let capabilities = match options.engine {
            Engine::Chromium => chromium_capabilities(&browser_path, &browser.profile_dir, options.network_log),
            Engine::Firefox => {
                assert!(!options.network_log, "the network log is Chromium's performance log; Firefox has none here");
                json!({
                    "browserName": "firefox",
                    "moz:firefoxOptions": {
                        "binary": browser_path,
                        "args": ["-headless", "--width=1280", "--height=1000"],
                        // No update checks, telemetry or other traffic of the browser's own.
                        "prefs": {
                            // See the note above `chromium_capabilities`.
                            "network.http.max-persistent-connections-per-server": 1,
                            "app.update.enabled": false,
                            "datareporting.policy.dataSubmissionEnabled": false,
                            "toolkit.telemetry.enabled": false,
                            "browser.shell.checkDefaultBrowser": false,
                        },
                    },
                })
            }
        };
        let answer = browser
            .raw("POST", "/session", Some(json!({ "capabilities": { "alwaysMatch": capabilities } })))
            .unwrap_or_else(|e| panic!("cannot open a {:?} session: {e}; {hint}", options.engine));
        browser.session = answer["sessionId"].as_str().expect("the new session has an id").to_owned();
        if options.engine == Engine::Chromium {
            // One request per connection; see the note above `chromium_capabilities`.
            browser.command("POST", "/goog/cdp/execute", Some(json!({ "cmd": "Network.enable", "params": {} })));
            browser.command(
                "POST",
                "/goog/cdp/execute",
                Some(json!({
                    "cmd": "Network.setExtraHTTPHeaders",
                    "params": { "headers": { "Connection": "close" } },
                })),
            );
        }
        browser
    }

    fn wait_until_ready(&mut self, hint: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(Some(status)) = self.driver.try_wait() {
                panic!("the WebDriver server exited at start ({status}); {hint}");
            }
            if let Ok(value) = self.raw("GET", "/status", None)
                && value["ready"].as_bool() == Some(true)
            {
                return;
            }
            assert!(Instant::now() < deadline, "the WebDriver server did not become ready in 20 s");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends one WebDriver command and returns its `value`, or the WebDriver error as text.
    fn raw(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let url = format!("{}{path}", self.endpoint);
        let response = match method {
            "GET" => self.agent.get(&url).call(),
            "DELETE" => self.agent.delete(&url).call(),
            _ => self.agent.post(&url).send_json(body.unwrap_or_else(|| json!({}))),
        };
        let mut response = response.map_err(|e| format!("{method} {path}: {e}"))?;
        let status = response.status();
        let answer: Value =
            response.body_mut().read_json().map_err(|e| format!("{method} {path}: unreadable answer: {e}"))?;
        let value = answer.get("value").cloned().unwrap_or(Value::Null);
        if status.is_success() {
            Ok(value)
        } else {
            Err(format!(
                "{method} {path}: {} ({})",
                value["error"].as_str().unwrap_or("error"),
                value["message"].as_str().unwrap_or("").lines().next().unwrap_or("")
            ))
        }
    }

    /// A command on this session; panics on a WebDriver error.
    fn command(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.try_command(method, path, body).unwrap_or_else(|e| panic!("{e}"))
    }

    fn try_command(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        self.raw(method, &format!("/session/{}{path}", self.session), body)
    }

    /// Throttles the network in Chromium (chromedriver's `network_conditions`): `latency_ms`
    /// added to every request and `bytes_per_second` each way. Not available in Firefox.
    #[allow(
        dead_code,
        reason = "used by the throttled-connection benchmark (tests/bench/throttled.rs), not by the tests"
    )]
    pub fn set_network_conditions(&self, latency_ms: u64, bytes_per_second: u64) {
        let conditions = json!({ "network_conditions": {
            "offline": false,
            "latency": latency_ms,
            "download_throughput": bytes_per_second,
            "upload_throughput": bytes_per_second,
        }});
        self.command("POST", "/chromium/network_conditions", Some(conditions));
    }

    /// Navigates to `url` and waits for the page load.
    pub fn goto(&self, url: &str) {
        self.command("POST", "/url", Some(json!({ "url": url })));
    }

    /// Runs synchronous JavaScript in the page and returns its result.
    pub fn execute(&self, script: &str) -> Value {
        self.command("POST", "/execute/sync", Some(json!({ "script": script, "args": [] })))
    }

    /// Runs asynchronous JavaScript: the script calls `arguments[0]` with its result.
    pub fn execute_async(&self, script: &str) -> Value {
        self.command("POST", "/execute/async", Some(json!({ "script": script, "args": [] })))
    }

    /// Clicks an element (scrolling it into view first, as WebDriver does).
    pub fn click(&self, element: &Element) {
        self.command("POST", &format!("/element/{}/click", element.0), Some(json!({})));
    }

    /// Types text into an element, which gets the focus first.
    pub fn type_into(&self, element: &Element, text: &str) {
        self.command("POST", &format!("/element/{}/value", element.0), Some(json!({ "text": text })));
    }

    /// Presses and releases keys one after the other on whatever has the focus, through
    /// WebDriver actions (`\u{E004}` is Tab, `\u{E007}` Enter, `\u{E008}` Shift).
    pub fn press(&self, keys: &str) {
        let mut actions = Vec::new();
        for key in keys.chars() {
            actions.push(json!({ "type": "keyDown", "value": key.to_string() }));
            actions.push(json!({ "type": "keyUp", "value": key.to_string() }));
        }
        self.command(
            "POST",
            "/actions",
            Some(json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] })),
        );
    }

    /// Presses `key` while `modifier` is held (`\u{E008}` is Shift).
    pub fn press_chord(&self, modifier: &str, key: &str) {
        let actions = json!([
            { "type": "keyDown", "value": modifier },
            { "type": "keyDown", "value": key },
            { "type": "keyUp", "value": key },
            { "type": "keyUp", "value": modifier },
        ]);
        self.command(
            "POST",
            "/actions",
            Some(json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] })),
        );
    }

    /// The browser's back button.
    pub fn back(&self) {
        self.command("POST", "/back", Some(json!({})));
    }

    /// The browser's forward button.
    pub fn forward(&self) {
        self.command("POST", "/forward", Some(json!({})));
    }

    /// The handle of the current window.
    pub fn window_handle(&self) -> String {
        self.command("GET", "/window", None).as_str().unwrap_or_default().to_owned()
    }

    /// Opens a new tab (sharing the profile, so the same `localStorage`) and returns its handle;
    /// the current window stays the current one.
    pub fn new_window(&self) -> String {
        let answer = self.command("POST", "/window/new", Some(json!({ "type": "tab" })));
        answer["handle"].as_str().unwrap_or_default().to_owned()
    }

    /// Makes the window with this handle the current one.
    pub fn switch_to_window(&self, handle: &str) {
        self.command("POST", "/window", Some(json!({ "handle": handle })));
    }

    /// The page's current URL.
    pub fn current_url(&self) -> String {
        self.command("GET", "/url", None).as_str().unwrap_or_default().to_owned()
    }

    /// Emulates a viewport of `width` by `height` CSS pixels (Chromium's DevTools protocol), so
    /// that narrow screens can be tested whatever the window's minimum size.
    pub fn set_viewport(&self, width: u32, height: u32) {
        assert_eq!(self.engine, Engine::Chromium, "viewport emulation uses Chromium's DevTools protocol");
        self.command(
            "POST",
            "/goog/cdp/execute",
            Some(json!({
                "cmd": "Emulation.setDeviceMetricsOverride",
                "params": { "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false },
            })),
        );
    }

    /// Every element on the page matching a CSS selector.
    pub fn find_all(&self, css: &str) -> Vec<Element> {
        let found = self.command("POST", "/elements", Some(json!({ "using": "css selector", "value": css })));
        elements(&found)
    }

    /// The open shadow root of an element, if it has one yet.
    pub fn shadow_root(&self, element: &Element) -> Option<ShadowRoot> {
        let value = self.try_command("GET", &format!("/element/{}/shadow", element.0), None).ok()?;
        value[SHADOW_KEY].as_str().map(|id| ShadowRoot(id.to_owned()))
    }

    /// Every element inside a shadow root matching a CSS selector.
    pub fn find_all_in(&self, shadow: &ShadowRoot, css: &str) -> Vec<Element> {
        self.try_command(
            "POST",
            &format!("/shadow/{}/elements", shadow.0),
            Some(json!({ "using": "css selector", "value": css })),
        )
        .map(|found| elements(&found))
        .unwrap_or_default()
    }

    /// An element's rendered (visible) text; empty if it went stale.
    pub fn text(&self, element: &Element) -> String {
        self.try_command("GET", &format!("/element/{}/text", element.0), None)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// Whether an element is displayed (WebDriver's visibility rules).
    pub fn is_displayed(&self, element: &Element) -> bool {
        self.try_command("GET", &format!("/element/{}/displayed", element.0), None)
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
    }

    /// The rendered text of each `<verschil-maker>` element's shadow root, in page order.
    pub fn widget_texts(&self) -> Vec<String> {
        self.find_all("verschil-maker")
            .iter()
            .map(|host| {
                self.shadow_root(host)
                    .map(|shadow| {
                        self.find_all_in(&shadow, "div").first().map(|top| self.text(top)).unwrap_or_default()
                    })
                    .unwrap_or_default()
            })
            .collect()
    }

    /// A PNG screenshot of the viewport.
    pub fn screenshot(&self) -> Vec<u8> {
        use base64::Engine as _;
        let encoded = self.command("GET", "/screenshot", None);
        base64::engine::general_purpose::STANDARD
            .decode(encoded.as_str().expect("a base64 screenshot"))
            .expect("valid base64")
    }

    /// The browser console's messages since the last call (Chromium's `goog:loggingPrefs`).
    ///
    /// Always empty in Firefox: geckodriver has no log command, so tests that assert an empty
    /// console prove nothing there (they still prove it in Chromium).
    pub fn console_log(&self) -> Vec<String> {
        if self.engine == Engine::Firefox {
            return Vec::new();
        }
        self.try_command("POST", "/se/log", Some(json!({ "type": "browser" })))
            .ok()
            .and_then(|v| v.as_array().cloned())
            .unwrap_or_default()
            .iter()
            .map(|entry| {
                format!("{} {}", entry["level"].as_str().unwrap_or(""), entry["message"].as_str().unwrap_or(""))
            })
            .collect()
    }

    /// Every request the page started since the last call, from Chromium's network log
    /// (`Network.requestWillBeSent`); needs a session started with [`Options::network_log`].
    ///
    /// This is the browser's own record, so it includes what no page script can see or hide:
    /// module imports, style sheets in shadow roots, the favicon, preflights and redirects.
    pub fn requests(&self) -> Vec<Request> {
        assert_eq!(self.engine, Engine::Chromium, "the network log is Chromium's");
        let entries = self.command("POST", "/se/log", Some(json!({ "type": "performance" })));
        let entries = entries.as_array().cloned().unwrap_or_default();
        let mut requests = Vec::new();
        for entry in entries {
            let Some(message) = entry["message"].as_str() else { continue };
            let Ok(message) = serde_json::from_str::<Value>(message) else { continue };
            let message = &message["message"];
            if message["method"] != "Network.requestWillBeSent" {
                continue;
            }
            let params = &message["params"];
            requests.push(Request {
                method: params["request"]["method"].as_str().unwrap_or_default().to_owned(),
                url: params["request"]["url"].as_str().unwrap_or_default().to_owned(),
                kind: params["type"].as_str().unwrap_or_default().to_owned(),
                document: params["documentURL"].as_str().unwrap_or_default().to_owned(),
            });
        }
        requests
    }

    /// Every cookie the browser holds for the current page (WebDriver's Get All Cookies), as
    /// `name=value` lines.
    pub fn cookies(&self) -> Vec<String> {
        self.command("GET", "/cookie", None)
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .map(|c| format!("{}={}", c["name"].as_str().unwrap_or(""), c["value"].as_str().unwrap_or("")))
            .collect()
    }

    /// Whether a user prompt (`alert`, `confirm`, `prompt`) is open; it is dismissed if so.
    pub fn dismiss_dialog(&self) -> Option<String> {
        let text = self.try_command("GET", "/alert/text", None).ok()?;
        let _ = self.try_command("POST", "/alert/dismiss", Some(json!({})));
        Some(text.as_str().unwrap_or_default().to_owned())
    }

    /// Waits until the page has run every task queued so far and then painted a frame.
    ///
    /// A later event for tests that check that something does *not* happen: once the frame
    /// after the tasks that would have done it is painted, the page has gone past that point.
    pub fn wait_for_next_frame(&self) {
        self.execute_async(
            "const done = arguments[arguments.length - 1];\
             requestAnimationFrame(() => setTimeout(() => done(null), 0));",
        );
    }

    /// Polls `probe` until it returns `Some`, or panics after `timeout` with `what` and the last
    /// state `describe` reports.
    pub fn wait_for<T>(
        &self,
        timeout: Duration,
        what: &str,
        mut probe: impl FnMut(&Browser) -> Option<T>,
        describe: impl Fn(&Browser) -> String,
    ) -> T {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(found) = probe(self) {
                return found;
            }
            if Instant::now() >= deadline {
                panic!(
                    "timed out after {timeout:?} waiting for {what}\nlast state: {}\nconsole: {:#?}",
                    describe(self),
                    self.console_log()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

fn elements(found: &Value) -> Vec<Element> {
    found
        .as_array()
        .map(|list| list.iter().filter_map(|e| e[ELEMENT_KEY].as_str()).map(|id| Element(id.to_owned())).collect())
        .unwrap_or_default()
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self.raw("DELETE", &format!("/session/{}", self.session), None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile_dir);
    }
}
