//! The `www` command line: build the widget bundle and the demo site, serve it, check datasets.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

mod areas;

const USAGE: &str = "\
usage: cargo run -p www -- [COMMAND] [OPTIONS]

commands:
  serve            build the site and serve it (the default)
  build            build the site without serving it
  package          build the site, then write the npm package verschilmaker-<version>.tgz
                   and the zip verschilmaker-<version>.zip (default into
                   target/widget-package; needs npm)
  check FILE...    validate dataset files strictly; exits 1 when any has a problem
  areas FILE...    import wijken and buurten from CBS/PDOK GeoJSON (RD New or lon/lat):
                   prints the dataset's `areas` array on standard output and the report
                   on standard error; exits 1 on bad input
  core             build the core as a JavaScript library (verschilmaker/core) into
                   target/www-core (or --out DIR) and print its size
  bench-core       time the strict check of a generated 10 000-initiative file natively and
                   with the core module in Node, in the same run (run with --release)
  sizes [DIR]      measure each built bundle (default target/site/verschilmaker); the
                   residents' widget against its budget of 150 KB gzipped (exits 1 when
                   it is over only with --enforce-budget)

options:
  --port N         port for `serve` (default 8080; 0 picks a free one)
  --out DIR        where to write the site (default target/site), or for `package` the
                   package, tarball and zip (default target/widget-package)
  --no-wasm-opt    do not optimise the wasm with wasm-opt
  --enforce-budget for `sizes`: fail when the residents' widget is over its budget
  --tolerance M    for `areas`: simplify the outlines within M metres (default 3; 0 keeps
                   every position)
  -h, --help       show this help";

/// Where the demo site takes submissions in (the demo page's `submit-to` posts below it).
const INBOX: &str = "/inzendingen/";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("www: error: {message}");
            ExitCode::FAILURE
        }
    }
}

enum Command {
    Serve,
    Build,
    Package,
    Check(Vec<PathBuf>),
    Areas(Vec<PathBuf>),
    Sizes(Option<PathBuf>),
    Core,
    BenchCore,
}

fn run(args: Vec<String>) -> Result<ExitCode, String> {
    let mut command = None;
    let mut files = Vec::new();
    let mut port: u16 = 8080;
    let mut options = www::BuildOptions::new();
    let mut enforce_budget = false;
    let mut out: Option<PathBuf> = None;
    let mut tolerance_m: Option<f64> = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(ExitCode::SUCCESS);
            }
            "--port" => {
                let value = args.next().ok_or("--port needs a number")?;
                port = value.parse().map_err(|_| format!("--port: not a port number: {value:?}"))?;
            }
            "--out" => out = Some(PathBuf::from(args.next().ok_or("--out needs a folder")?)),
            "--no-wasm-opt" => options.wasm_opt = www::WasmOpt::Off,
            "--enforce-budget" => enforce_budget = true,
            "--tolerance" => {
                let value = args.next().ok_or("--tolerance needs a number of metres")?;
                let metres = value.parse::<f64>().ok().filter(|metres| metres.is_finite() && *metres >= 0.0);
                tolerance_m = Some(metres.ok_or_else(|| format!("--tolerance: not a number of metres: {value:?}"))?);
            }
            "serve" | "build" | "package" | "check" | "sizes" | "core" | "bench-core" | "areas"
                if command.is_none() =>
            {
                command = Some(arg)
            }
            _ if matches!(command.as_deref(), Some("check" | "areas")) && !arg.starts_with('-') => {
                files.push(PathBuf::from(arg))
            }
            _ if command.as_deref() == Some("sizes") && !arg.starts_with('-') && files.is_empty() => {
                files.push(PathBuf::from(arg))
            }
            _ => return Err(format!("unexpected argument {arg:?}\n\n{USAGE}")),
        }
    }
    let command = match command.as_deref() {
        None | Some("serve") => Command::Serve,
        Some("build") => Command::Build,
        Some("package") => Command::Package,
        Some("sizes") => Command::Sizes(files.pop()),
        Some("core") => Command::Core,
        Some("bench-core") => Command::BenchCore,
        Some("areas") => Command::Areas(files),
        _ => Command::Check(files),
    };
    let target = www::target_dir(&options.workspace_root);
    let package_dir = match (&command, out) {
        (Command::Package, Some(dir)) => dir,
        (Command::Package, None) => target.join("widget-package"),
        (Command::Core | Command::BenchCore, Some(dir)) => dir,
        (Command::Core | Command::BenchCore, None) => target.join("www-core"),
        (_, Some(dir)) => {
            options.out_dir = dir;
            PathBuf::new()
        }
        (_, None) => PathBuf::new(),
    };
    match command {
        Command::Package => {
            let report = www::build_site(&options).map_err(|e| e.to_string())?;
            print!("{report}");
            std::fs::create_dir_all(&package_dir).map_err(|e| format!("{}: {e}", package_dir.display()))?;
            let package =
                www::package(&options.workspace_root, &report.site_dir, &package_dir).map_err(|e| e.to_string())?;
            print!("{package}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Check(files) => Ok(check(&files)),
        Command::Areas(files) => {
            if files.is_empty() {
                eprintln!("www: areas needs at least one FILE\n\n{USAGE}");
                return Ok(ExitCode::from(2));
            }
            areas::areas(&files, tolerance_m)
        }
        Command::Core => {
            let report = www::build_core_module(&options.workspace_root, &package_dir).map_err(|e| e.to_string())?;
            print!("{report}");
            Ok(ExitCode::SUCCESS)
        }
        Command::BenchCore => {
            if cfg!(debug_assertions) {
                eprintln!("www: WARNING: a debug build; the native figure means little (use --release)");
            }
            let report = www::build_core_module(&options.workspace_root, &package_dir).map_err(|e| e.to_string())?;
            print!("{report}");
            let timing =
                www::bench_check(&report.dir, &target.join("www-bench"), 10_000, 5).map_err(|e| e.to_string())?;
            print!("{timing}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Sizes(dir) => {
            let dir = dir.unwrap_or_else(|| options.out_dir.join(www::BUNDLE_DIR));
            let bundles = www::measure_bundles(&dir).map_err(|e| e.to_string())?;
            println!("{}", dir.display());
            let mut over = false;
            for ((name, sizes), bundle) in bundles.into_iter().zip(www::BUNDLES) {
                // An empty or wrong folder would "fit" any budget.
                if sizes.wasm.raw == 0 {
                    return Err(format!("{}: no {name} .wasm file here; build the site first", dir.display()));
                }
                println!("{name}:");
                print!("{sizes}");
                println!("  {}", www::budget_line(&sizes, bundle.budget));
                over |= bundle.budget.is_some_and(|budget| !sizes.fits(budget));
            }
            if enforce_budget && over {
                eprintln!("www: the residents' widget is over its budget (--enforce-budget)");
                return Ok(ExitCode::FAILURE);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Build => {
            let report = www::build_site(&options).map_err(|e| e.to_string())?;
            print!("{report}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve => {
            let report = www::build_site(&options).map_err(|e| e.to_string())?;
            print!("{report}");
            let server = www::serve(www::ServeOptions {
                root: report.site_dir,
                mounts: Vec::new(),
                addr: SocketAddr::from((Ipv4Addr::LOCALHOST, port)),
                // The demo page's `submit-to`: submissions are printed here, so a visitor's
                // hand-over can be seen arriving.
                inbox: Some((INBOX.to_owned(), www::Inbox::new(true))),
                gzip: true,
            })
            .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
            println!("serving the demo site on {}/ (Ctrl-C stops)", server.url());
            println!("submissions POSTed to {}{INBOX}… are printed here", server.url());
            server.wait();
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn check(files: &[PathBuf]) -> ExitCode {
    if files.is_empty() {
        eprintln!("www: check needs at least one FILE\n\n{USAGE}");
        return ExitCode::from(2);
    }
    let mut failed = false;
    for file in files {
        let result = www::check_file(file);
        failed |= !result.is_ok();
        print!("{result}");
    }
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}
