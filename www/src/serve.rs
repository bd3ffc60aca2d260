//! A small static file server for the built site: correct content types, no directory traversal.

use std::fs;
use std::io;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use tiny_http::{Header, Method, Request, Response, StatusCode};

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
}

/// A running server; it stops when dropped.
pub struct Server {
    inner: Arc<tiny_http::Server>,
    addr: SocketAddr,
    workers: Vec<JoinHandle<()>>,
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
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        for _ in &self.workers {
            self.inner.unblock();
        }
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}

/// How many requests are answered at once: a browser opens several connections per page.
const WORKERS: usize = 4;

/// Starts serving in background threads and returns at once.
pub fn serve(options: ServeOptions) -> io::Result<Server> {
    let inner = tiny_http::Server::http(options.addr).map_err(io::Error::other)?;
    let addr = inner.server_addr().to_ip().ok_or_else(|| io::Error::other("the server is not on an IP address"))?;
    let inner = Arc::new(inner);
    let options = Arc::new(options);
    let workers = (0..WORKERS)
        .map(|_| {
            let inner = Arc::clone(&inner);
            let options = Arc::clone(&options);
            std::thread::spawn(move || {
                while let Ok(request) = inner.recv() {
                    respond(&options, request);
                }
            })
        })
        .collect();
    Ok(Server { inner, addr, workers })
}

fn respond(options: &ServeOptions, request: Request) {
    let answer = answer(options, request.method(), request.url());
    let mut response = Response::from_data(answer.body).with_status_code(StatusCode(answer.status));
    for (name, value) in answer.headers {
        if let Ok(header) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    // The client may have gone away; there is nobody to tell.
    let _ = request.respond(response);
}

/// A response before it is sent.
#[derive(Debug)]
struct Answer {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

fn answer(options: &ServeOptions, method: &Method, url: &str) -> Answer {
    let head = *method == Method::Head;
    if !(head || *method == Method::Get) {
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
        // A development server: always revalidate, so a rebuild shows at once.
        ("Cache-Control", "no-cache".to_owned()),
        ("X-Content-Type-Options", "nosniff".to_owned()),
    ];
    if content_type.starts_with("text/html") {
        headers.push(("Content-Security-Policy", CSP.to_owned()));
    }
    Answer { status: 200, headers, body: if head { Vec::new() } else { body } }
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
    fn answers_404_405_and_csp() {
        let (dir, options) = site("answer");
        assert_eq!(answer(&options, &Method::Get, "/nope").status, 404);
        assert_eq!(answer(&options, &Method::Post, "/").status, 405);
        let home = answer(&options, &Method::Get, "/");
        assert_eq!(home.status, 200);
        assert!(home.headers.iter().any(|(n, v)| *n == "Content-Security-Policy" && v == CSP));
        let head = answer(&options, &Method::Head, "/");
        assert!(head.body.is_empty());
        fs::remove_dir_all(dir).unwrap();
    }
}
