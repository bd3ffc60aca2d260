//! A small static file server for the built site: correct content types, no directory traversal,
//! and an optional inbox that takes the widget's submissions as POSTed JSON.

use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// The Content-Security-Policy sent with every HTML page: the strict policy the widget promises
/// to work under, so the demo proves it.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
                       style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'";

/// What to serve, and where.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// The folder served at `/`.
    pub root: PathBuf,
    /// Further folders served under a URL prefix such as `/test/` (the end-to-end tests' pages).
    pub mounts: Vec<(String, PathBuf)>,
    /// The address to listen on; port 0 picks a free port.
    pub addr: SocketAddr,
    /// Where POSTed submissions are taken in: a URL prefix such as `/inzendingen/` and the inbox
    /// that keeps them. Without it the server answers every POST with 405.
    pub inbox: Option<(String, Arc<Inbox>)>,
    /// Whether to gzip text, JSON, SVG and wasm for a browser that accepts it, as a
    /// municipality's server should; off only to measure what compression saves.
    pub gzip: bool,
}

/// The largest submission the inbox takes; a form's JSON is a few kilobytes.
const MAX_SUBMISSION: u64 = 1 << 20;

/// Submissions POSTed to the site, the way the widget's `submit-to` sends them: each body is kept
/// under the path it was posted to, so that tests (and a demo) can read exactly what arrived.
/// A path can be switched to failing, to show what a visitor sees when the hand-over fails.
#[derive(Debug, Default)]
pub struct Inbox {
    received: Mutex<Vec<(String, String)>>,
    failing: Mutex<Vec<(String, u16)>>,
    log: bool,
}

impl Inbox {
    /// An empty inbox; with `log`, every submission is also printed to stderr (for the demo).
    pub fn new(log: bool) -> Arc<Inbox> {
        Arc::new(Inbox { log, ..Inbox::default() })
    }

    /// The bodies received at `path` (such as `/inzendingen/demo`), oldest first.
    pub fn received(&self, path: &str) -> Vec<String> {
        let received = self.received.lock().unwrap_or_else(|e| e.into_inner());
        received.iter().filter(|(p, _)| p == path).map(|(_, body)| body.clone()).collect()
    }

    /// Makes POSTs to `path` fail with `status` (nothing is kept then), or succeed again with `None`.
    pub fn fail_with(&self, path: &str, status: Option<u16>) {
        let mut failing = self.failing.lock().unwrap_or_else(|e| e.into_inner());
        failing.retain(|(p, _)| p != path);
        if let Some(status) = status {
            failing.push((path.to_owned(), status));
        }
    }

    /// Takes one POSTed body and says which status to answer.
    fn take(&self, path: &str, body: Result<String, ()>) -> u16 {
        let failing = self.failing.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, status)) = failing.iter().find(|(p, _)| p == path) {
            return *status;
        }
        drop(failing);
        let Ok(body) = body else { return 413 };
        if serde_json::from_str::<serde_json::Value>(&body).is_err() {
            return 400;
        }
        if self.log {
            eprintln!("www: received a submission at {path} ({} bytes):\n{body}", body.len());
        }
        self.received.lock().unwrap_or_else(|e| e.into_inner()).push((path.to_owned(), body));
        201
    }
}

/// A running server; it stops when dropped.
pub struct Server {
    addr: SocketAddr,
    stopping: Arc<AtomicBool>,
    acceptor: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server").field("addr", &self.addr).finish()
    }
}

impl Server {
    /// The address the server listens on (with the real port when port 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL, such as `http://127.0.0.1:8080`, without a trailing slash.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Blocks until the server stops (which, without a drop from another thread, is never).
    pub fn wait(mut self) {
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        // Wake the blocking `accept` with a connection of our own; it then sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

/// The longest request head (request line and headers) read; the browsers' are under 2 KB.
const MAX_HEAD: u64 = 64 * 1024;

/// How long a connection may take to send its request.
const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Starts serving in background threads and returns at once.
///
/// Why not an HTTP crate? The one used before (tiny_http 0.12) could queue a second connection
/// behind a kept-alive first one, so a page sometimes never finished loading. Here every
/// connection gets its own thread and one answer with `Connection: close`: slower than
/// keep-alive in theory, but a browser on loopback does not notice, and nothing can wait behind
/// another connection.
pub fn serve(options: ServeOptions) -> io::Result<Server> {
    let listener = TcpListener::bind(options.addr)?;
    let addr = listener.local_addr()?;
    let options = Arc::new(options);
    let stopping = Arc::new(AtomicBool::new(false));
    let acceptor = {
        let stopping = Arc::clone(&stopping);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let options = Arc::clone(&options);
                std::thread::spawn(move || {
                    // The client may have gone away; there is nobody to tell.
                    let _ = handle(&options, stream);
                });
            }
        })
    };
    Ok(Server { addr, stopping, acceptor: Some(acceptor) })
}

/// The request methods the server knows; anything else is answered with 405.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Method {
    Get,
    Head,
    Post,
    Other,
}

/// Reads one request from `stream`, answers it and closes the connection.
fn handle(options: &ServeOptions, stream: TcpStream) -> io::Result<()> {
    stream.set_read_timeout(Some(READ_TIMEOUT))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut head = reader.by_ref().take(MAX_HEAD);
    let mut request_line = String::new();
    head.read_line(&mut request_line)?;
    let mut parts = request_line.split_whitespace();
    let (method, url) = match (parts.next(), parts.next()) {
        (Some(method), Some(url)) => (method, url.to_owned()),
        _ => return write_answer(stream, Method::Other, error_page(400, "Bad Request")),
    };
    let method = match method {
        "GET" => Method::Get,
        "HEAD" => Method::Head,
        "POST" => Method::Post,
        _ => Method::Other,
    };
    let mut content_length: Option<u64> = None;
    let mut accepts_gzip = false;
    loop {
        let mut line = String::new();
        if head.read_line(&mut line)? == 0 {
            return write_answer(stream, method, error_page(400, "Bad Request"));
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                content_length = value.trim().parse().ok();
            } else if name.trim().eq_ignore_ascii_case("accept-encoding") {
                accepts_gzip = accepts(value, "gzip");
            }
        }
    }
    let path = url.split(['?', '#']).next().unwrap_or("").to_owned();
    let inbox = options.inbox.as_ref().filter(|(prefix, _)| path.starts_with(prefix.as_str()));
    let answer = match inbox {
        Some((_, inbox)) if method == Method::Post => {
            let body = match content_length {
                Some(length) if length <= MAX_SUBMISSION => {
                    let mut bytes = vec![0; length as usize];
                    reader.read_exact(&mut bytes)?;
                    String::from_utf8(bytes).map_err(|_| ())
                }
                _ => Err(()),
            };
            let status = inbox.take(&path, body);
            let ok = status < 300;
            Answer {
                status,
                headers: vec![
                    ("Content-Type", "application/json".to_owned()),
                    ("Cache-Control", "no-store".to_owned()),
                ],
                body: format!("{{\"received\": {ok}}}\n").into_bytes(),
            }
        }
        _ => {
            let answer = answer(options, method, &url);
            if accepts_gzip && options.gzip { compressed(answer) } else { answer }
        }
    };
    write_answer(stream, method, answer)
}

/// The reason phrase for the statuses this server sends.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Content Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

fn write_answer(mut stream: TcpStream, method: Method, answer: Answer) -> io::Result<()> {
    let mut out = format!("HTTP/1.1 {} {}\r\n", answer.status, reason(answer.status));
    for (name, value) in &answer.headers {
        // Header values are ours; a line break in one would split the response.
        if !value.contains(['\r', '\n']) {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    out.push_str(&format!("Content-Length: {}\r\nConnection: close\r\n\r\n", answer.body.len()));
    let mut bytes = out.into_bytes();
    if method != Method::Head {
        bytes.extend_from_slice(&answer.body);
    }
    stream.write_all(&bytes)?;
    stream.flush()?;
    stream.shutdown(std::net::Shutdown::Write)
}

/// Whether an `Accept-Encoding` value accepts `coding` (and does not refuse it with `q=0`).
fn accepts(header: &str, coding: &str) -> bool {
    header.split(',').any(|part| {
        let mut fields = part.split(';').map(str::trim);
        let named = fields.next().is_some_and(|name| name.eq_ignore_ascii_case(coding));
        let refused = fields
            .any(|field| field.strip_prefix("q=").is_some_and(|q| q.trim().parse::<f64>().is_ok_and(|q| q <= 0.0)));
        named && !refused
    })
}

/// A successful answer of a text or wasm type, gzipped, as a municipality's server sends it
/// (the package README asks for compression): the throttled measurements then show what
/// visitors wait for. Other answers, and bodies gzip does not shrink, go as they are.
fn compressed(mut answer: Answer) -> Answer {
    let content_type = answer.headers.iter().find(|(name, _)| *name == "Content-Type").map(|(_, value)| value.as_str());
    let compressible = content_type.is_some_and(|kind| {
        kind.starts_with("text/")
            || kind.starts_with("application/wasm")
            || kind.starts_with("application/json")
            || kind.starts_with("image/svg+xml")
    });
    if answer.status != 200 || !compressible || answer.body.len() < 512 {
        return answer;
    }
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    let Ok(body) = encoder.write_all(&answer.body).and_then(|()| encoder.finish()) else { return answer };
    if body.len() < answer.body.len() {
        answer.body = body;
        answer.headers.push(("Content-Encoding", "gzip".to_owned()));
    }
    answer.headers.push(("Vary", "Accept-Encoding".to_owned()));
    answer
}

/// How long a browser may keep `file`: a file with a content hash in its name never changes
/// under that name, so it is kept for a year without asking again; everything else (the loader,
/// the pages, the data) is revalidated on every use, so that a rebuild or a new data file shows
/// at once. The package README gives municipalities the same two rules.
pub fn cache_control(file: &Path) -> &'static str {
    let name = file.file_name().and_then(|name| name.to_str()).unwrap_or_default();
    if crate::hashing::is_hashed(name) { IMMUTABLE } else { "no-cache" }
}

/// The `Cache-Control` of a file with a content-hashed name.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// A response before it is sent.
#[derive(Debug)]
struct Answer {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

fn answer(options: &ServeOptions, method: Method, url: &str) -> Answer {
    let head = method == Method::Head;
    if !(head || method == Method::Get) {
        return error_page(405, "Method Not Allowed");
    }
    let Some(file) = resolve(options, url) else {
        return error_page(404, "Not Found");
    };
    let Ok(body) = fs::read(&file) else {
        return error_page(404, "Not Found");
    };
    let content_type = content_type(&file);
    let mut headers = vec![
        ("Content-Type", content_type.to_owned()),
        ("Cache-Control", cache_control(&file).to_owned()),
        ("X-Content-Type-Options", "nosniff".to_owned()),
    ];
    if content_type.starts_with("text/html") {
        headers.push(("Content-Security-Policy", CSP.to_owned()));
    }
    // A HEAD answer keeps its body here so that `Content-Length` is right; it is not sent.
    Answer { status: 200, headers, body }
}

fn error_page(status: u16, reason: &str) -> Answer {
    let body = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{status} {reason}</title></head>\
         <body><h1>{status} {reason}</h1></body></html>\n"
    );
    Answer {
        status,
        headers: vec![
            ("Content-Type", "text/html; charset=utf-8".to_owned()),
            ("Content-Security-Policy", CSP.to_owned()),
        ],
        body: body.into_bytes(),
    }
}

/// Maps a request URL to a file under one of the served folders, or `None` for a 404.
///
/// Segments are percent-decoded one by one; any `..`, dot file, backslash, NUL or absolute
/// component is refused rather than normalised, and the final path must stay inside its folder
/// even through symbolic links.
fn resolve(options: &ServeOptions, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return None;
    }
    let (base, rest) = options
        .mounts
        .iter()
        .find_map(|(prefix, dir)| {
            let prefix = prefix.trim_end_matches('/');
            let rest = path.strip_prefix(prefix)?;
            (rest.is_empty() || rest.starts_with('/')).then_some((dir.as_path(), rest))
        })
        .unwrap_or((options.root.as_path(), path));

    let mut file = base.to_path_buf();
    for segment in rest.split('/').filter(|s| !s.is_empty()) {
        let segment = percent_decode(segment)?;
        // Dot files (and `.`, `..`) are never served: the build marker, editor files, `.git`.
        if segment.starts_with('.') || segment.contains(['/', '\\', '\0']) {
            return None;
        }
        let mut components = Path::new(&segment).components();
        if !matches!((components.next(), components.next()), (Some(Component::Normal(_)), None)) {
            return None;
        }
        file.push(segment);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    let canonical = file.canonicalize().ok()?;
    let base = base.canonicalize().ok()?;
    (canonical.starts_with(&base) && canonical.is_file()).then_some(canonical)
}

/// Decodes `%XX` escapes; `None` for a malformed escape or bytes that are not UTF-8.
fn percent_decode(segment: &str) -> Option<String> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = segment.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type for a file, by its extension.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("wasm") => "application/wasm",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("txt" | "md") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(name: &str) -> (PathBuf, ServeOptions) {
        let dir = std::env::temp_dir().join(format!("www-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("root/data")).unwrap();
        fs::create_dir_all(dir.join("extra")).unwrap();
        fs::write(dir.join("root/index.html"), "home").unwrap();
        fs::write(dir.join("root/.hidden"), "marker").unwrap();
        fs::write(dir.join("root/data/a b.json"), "{}").unwrap();
        fs::write(dir.join("secret.txt"), "secret").unwrap();
        fs::write(dir.join("extra/page.html"), "extra").unwrap();
        let options = ServeOptions {
            root: dir.join("root"),
            mounts: vec![("/test/".to_owned(), dir.join("extra"))],
            addr: "127.0.0.1:0".parse().unwrap(),
            inbox: None,
            gzip: true,
        };
        (dir, options)
    }

    #[test]
    fn resolves_files_and_refuses_traversal() {
        let (dir, options) = site("resolve");
        let found = |url: &str| resolve(&options, url).map(|p| fs::read_to_string(p).unwrap());
        assert_eq!(found("/").as_deref(), Some("home"));
        assert_eq!(found("/index.html?x=1").as_deref(), Some("home"));
        assert_eq!(found("/data/a%20b.json").as_deref(), Some("{}"));
        assert_eq!(found("/test/page.html").as_deref(), Some("extra"));
        for bad in [
            "/../secret.txt",
            "/data/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/data/..%2f..%2fsecret.txt",
            "/..%5csecret.txt",
            "/test/../secret.txt",
            "/missing.html",
            "/%zz",
            "/.hidden",
            "relative",
        ] {
            assert_eq!(found(bad), None, "{bad}");
        }
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn content_types_by_extension() {
        for (name, expected) in [
            ("a.wasm", "application/wasm"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("a.css", "text/css; charset=utf-8"),
            ("a.json", "application/json"),
            ("a.html", "text/html; charset=utf-8"),
            ("a.svg", "image/svg+xml"),
            ("a", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(name)), expected, "{name}");
        }
    }

    #[test]
    fn accept_encoding_is_read_with_its_weights() {
        assert!(accepts("gzip, deflate, br", "gzip"));
        assert!(accepts("br;q=1.0, GZIP;q=0.5", "gzip"));
        assert!(!accepts("gzip;q=0", "gzip"));
        assert!(!accepts("identity", "gzip"));
        assert!(!accepts("x-gzip", "gzip"));
    }

    #[test]
    fn text_and_wasm_go_gzipped_to_a_client_that_accepts_it() {
        let (dir, options) = site("gzip");
        let body = "<p>Verschilstad</p>\n".repeat(100);
        fs::write(dir.join("root/big.html"), &body).unwrap();
        let plain = answer(&options, Method::Get, "/big.html");
        let packed = compressed(answer(&options, Method::Get, "/big.html"));
        assert!(packed.headers.contains(&("Content-Encoding", "gzip".to_owned())), "{:?}", packed.headers);
        assert!(packed.body.len() < plain.body.len() / 10);
        let mut unpacked = String::new();
        flate2::read::GzDecoder::new(&packed.body[..]).read_to_string(&mut unpacked).unwrap();
        assert_eq!(unpacked, body);
        let missing = compressed(answer(&options, Method::Get, "/nothing-here.html"));
        assert!(!missing.headers.iter().any(|(name, _)| *name == "Content-Encoding"));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn hashed_files_are_kept_for_good_and_the_rest_revalidated() {
        for (name, expected) in [
            ("verschilmaker/verschilmaker_app_bg.0a1b2c3d4e.wasm", IMMUTABLE),
            ("verschilmaker/verschilmaker_app_later/link.0a1b2c3d4e.js", IMMUTABLE),
            ("verschilmaker/verschilmaker.js", "no-cache"),
            ("data/initiatieven.json", "no-cache"),
            ("index.html", "no-cache"),
            ("verschilmaker/verschilmaker.0a1b2c3d4.css", "no-cache"),
        ] {
            assert_eq!(cache_control(Path::new(name)), expected, "{name}");
        }
    }

    #[test]
    fn answers_404_405_and_csp() {
        let (dir, options) = site("answer");
        assert_eq!(answer(&options, Method::Get, "/nope").status, 404);
        assert_eq!(answer(&options, Method::Post, "/").status, 405);
        let home = answer(&options, Method::Get, "/");
        assert_eq!(home.status, 200);
        assert!(home.headers.iter().any(|(n, v)| *n == "Content-Security-Policy" && v == CSP));
        let head = answer(&options, Method::Head, "/");
        assert_eq!(head.body, home.body, "kept for Content-Length, not sent (see the test over HTTP)");
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_inbox_keeps_json_per_path_and_can_be_made_to_fail() {
        let inbox = Inbox::new(false);
        assert_eq!(inbox.take("/in/a", Ok("{\"x\": 1}".into())), 201);
        assert_eq!(inbox.take("/in/a", Ok("not json".into())), 400);
        assert_eq!(inbox.take("/in/a", Err(())), 413);
        inbox.fail_with("/in/b", Some(503));
        assert_eq!(inbox.take("/in/b", Ok("{}".into())), 503);
        inbox.fail_with("/in/b", None);
        assert_eq!(inbox.take("/in/b", Ok("{}".into())), 201);
        assert_eq!(inbox.received("/in/a"), ["{\"x\": 1}"]);
        assert_eq!(inbox.received("/in/b"), ["{}"]);
    }

    /// Sends `request` as it is and returns the whole answer.
    fn exchange(server: &Server, request: &str) -> String {
        let mut stream = TcpStream::connect(server.addr()).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        answer
    }

    #[test]
    fn answers_over_http_with_one_answer_per_connection() {
        let (dir, options) = site("wire");
        let server = serve(options).unwrap();
        let get = exchange(&server, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(get.starts_with("HTTP/1.1 200 OK\r\n"), "{get}");
        assert!(get.contains("\r\nContent-Length: 4\r\nConnection: close\r\n\r\nhome"), "{get}");
        let head = exchange(&server, "HEAD / HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(head.ends_with("Content-Length: 4\r\nConnection: close\r\n\r\n"), "no body: {head}");
        let missing = exchange(&server, "GET /nope HTTP/1.1\r\n\r\n");
        assert!(missing.starts_with("HTTP/1.1 404 Not Found\r\n"), "{missing}");
        let garbage = exchange(&server, "\r\n");
        assert!(garbage.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{garbage}");
        drop(server);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_silent_connection_does_not_hold_up_the_others() {
        let (dir, options) = site("silent");
        let server = serve(options).unwrap();
        // Connections that send nothing (as a browser's spare, preconnected sockets do).
        let idle: Vec<TcpStream> = (0..8).map(|_| TcpStream::connect(server.addr()).unwrap()).collect();
        let get = exchange(&server, "GET /test/page.html HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(get.ends_with("\r\n\r\nextra"), "{get}");
        drop(idle);
        drop(server);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_post_reaches_the_inbox_over_http() {
        let (dir, mut options) = site("post");
        let inbox = Inbox::new(false);
        options.inbox = Some(("/in/".to_owned(), Arc::clone(&inbox)));
        let server = serve(options).unwrap();
        let post = |path: &str, body: &str| {
            use std::io::Write;
            let mut stream = std::net::TcpStream::connect(server.addr()).unwrap();
            write!(stream, "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len()).unwrap();
            let mut answer = String::new();
            stream.read_to_string(&mut answer).unwrap();
            answer
        };
        assert!(post("/in/demo", "{\"a\": 1}").starts_with("HTTP/1.1 201"));
        assert!(post("/elsewhere", "{}").starts_with("HTTP/1.1 405"));
        assert_eq!(inbox.received("/in/demo"), ["{\"a\": 1}"]);
        drop(server);
        fs::remove_dir_all(dir).unwrap();
    }
}
