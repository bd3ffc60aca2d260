//! Building the site: the widget compiled to wasm, its JS bindings, wasm-opt, minified JS and
//! CSS, and the static files.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::Error;
use crate::sizes::{BUNDLE_BUDGET_GZIP, BundleSizes, FileSize};
use crate::{names, split};

/// The file name stem of the resident bundle's bindings: `verschilmaker_app.js` and
/// `verschilmaker_app_bg.wasm`. The loader imports them by these names for every view but
/// `facilitate`.
pub const APP_NAME: &str = "verschilmaker_app";

/// The file name stem of the workbench bundle's bindings (`verschilmaker_werkbank.js` and
/// `verschilmaker_werkbank_bg.wasm`), which the loader imports for `view="facilitate"`.
pub const WORKBENCH_NAME: &str = "verschilmaker_werkbank";

/// The bundles the site has, each the widget crate built with its own features: the residents'
/// without the facilitator's workbench, and the workbench with everything.
///
/// Why two? The workbench (dashboard, allocation round with the flow solver, import and export)
/// was a quarter of the one bundle it was in (459 KB gzipped; 340 KB without it), and a resident
/// never uses it. The second build reuses most of the first's compiled dependencies; it compiles
/// again the widget, core with its feature `sheets` (which the workbench turns on) and the few
/// crates whose features the `csv` crate changes, and links. See docs/bundle-size.md.
pub const BUNDLES: &[Bundle] = &[
    Bundle {
        name: APP_NAME,
        cargo_features: &["--no-default-features"],
        later_styles_up_front: false,
        split: true,
        budget: Some(BUNDLE_BUDGET_GZIP),
    },
    Bundle { name: WORKBENCH_NAME, cargo_features: &[], later_styles_up_front: true, split: false, budget: None },
];

/// One wasm bundle of the widget: the stem of its file names and the cargo feature flags it is
/// built with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bundle {
    /// The file name stem: `{name}.js` and `{name}_bg.wasm`.
    pub name: &'static str,
    /// The feature flags passed to `cargo build` for the widget crate.
    pub cargo_features: &'static [&'static str],
    /// Whether its first view needs [`LATER_STYLES`] (the loader links it at once for the
    /// workbench's view), so that the sheet counts in its first download rather than later.
    pub later_styles_up_front: bool,
    /// Whether it is split into a first module and one fetched on first use (the residents'
    /// bundle; the workbench needs all of its code at once and is one module).
    pub split: bool,
    /// The budget of its first download, gzipped bytes: the residents' widget's 150 KB
    /// ([`BUNDLE_BUDGET_GZIP`]). The workbench, a tool for the municipality's own staff, has
    /// none; its size is reported all the same.
    pub budget: Option<u64>,
}

/// The style sheet of the views in the second module and the workbench, beside
/// `verschilmaker.css` in the bundle folder; linked when such a view is first shown.
pub const LATER_STYLES: &str = "verschilmaker-later.css";

/// The folder of the site that holds the bundle; the embed snippet points into it.
pub const BUNDLE_DIR: &str = "verschilmaker";

/// The loader, the one file of the bundle folder that keeps its name: the snippet points at it.
/// Every other file gets a content hash in its name (see `hashing.rs`).
pub const LOADER: &str = "verschilmaker.js";

/// The wasm-opt flags: `-Os --converge` without inlining and without `local-cse`, and the
/// post-MVP features that Rust 1.95 emits for wasm32 by default.
///
/// Why not plain `-Oz`? Measured on this bundle with binaryen 132 (gzip -9 of the wasm, from
/// 247.5 KB without wasm-opt): `-O1` 245.8 KB, `-O2` 263.1 KB, `-Os` 262.0 KB, `-Oz`
/// 262.1 KB. The levels from `-O2` up inline (`inlining-optimizing` alone added 21.6 KB to
/// `-O1`'s gzipped size) and run `local-cse` (3.5 KB); both shrink the raw size but break up
/// the repeated instruction sequences that gzip feeds on. With both switched off (`-aimfs`,
/// `-ocimfs` and `-fimfs` are the inlining size limits), `-Oz` measured 239.5 KB, `-Os`
/// 238.5 KB and `-Os --converge` 238.2 KB, against 242.0 KB for `-O1` and 244.1 KB for none.
/// See docs/bundle-size.md.
const WASM_OPT_ARGS: &[&str] = &[
    "-Os",
    "--converge",
    "--always-inline-max-function-size",
    "0",
    "--one-caller-inline-max-function-size",
    "0",
    "--flexible-inline-max-function-size",
    "0",
    "--skip-pass=local-cse",
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-multivalue",
    "--enable-sign-ext",
    "--enable-mutable-globals",
];

/// Whether to run wasm-opt over the bundle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WasmOpt {
    /// Use a working wasm-opt if there is one (installing the npm package `binaryen` once when npm
    /// is there); otherwise warn and go on without it.
    Auto,
    /// Never run wasm-opt.
    Off,
}

/// What to build and where.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// The workspace root: the folder with the root `Cargo.toml`.
    pub workspace_root: PathBuf,
    /// Where to write the site. The folder is replaced on every build; it must be absent, empty,
    /// or a site written by an earlier build.
    pub out_dir: PathBuf,
    /// Whether to optimise the wasm with wasm-opt.
    pub wasm_opt: WasmOpt,
}

impl BuildOptions {
    /// The defaults: this workspace, `target/site`, and wasm-opt when available.
    pub fn new() -> BuildOptions {
        let workspace_root = workspace_root();
        BuildOptions { out_dir: target_dir(&workspace_root).join("site"), workspace_root, wasm_opt: WasmOpt::Auto }
    }
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions::new()
    }
}

/// What a build produced.
#[derive(Clone, Debug)]
pub struct BuildReport {
    /// The folder the site was written to.
    pub site_dir: PathBuf,
    /// Each bundle in [`BUNDLES`] order.
    pub bundles: Vec<BundleReport>,
}

/// What a build produced for one bundle.
#[derive(Clone, Debug)]
pub struct BundleReport {
    /// The bundle's file name stem.
    pub name: &'static str,
    /// What a visitor of a view in this bundle downloads: its wasm and bindings, and the shared
    /// loader and style sheet.
    pub sizes: BundleSizes,
    /// What wasm-opt did.
    pub wasm_opt: WasmOptOutcome,
    /// Its budget (see [`Bundle::budget`]).
    pub budget: Option<u64>,
}

/// What became of the wasm-opt step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WasmOptOutcome {
    /// wasm-opt was switched off or no working one was found.
    NotRun,
    /// wasm-opt ran and its output is in the bundle.
    Kept {
        /// The wasm-opt that ran.
        tool: PathBuf,
        /// The wasm before.
        before: FileSize,
        /// The wasm after.
        after: FileSize,
    },
    /// wasm-opt ran, but its output was larger gzipped, so the bundle has the wasm from before.
    Discarded {
        /// The wasm-opt that ran.
        tool: PathBuf,
        /// The wasm before, which is in the bundle.
        before: FileSize,
        /// What wasm-opt made of it.
        after: FileSize,
    },
}

impl fmt::Display for BuildReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "site written to {}", self.site_dir.display())?;
        for bundle in &self.bundles {
            write!(f, "{bundle}")?;
        }
        Ok(())
    }
}

impl fmt::Display for BundleReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}:", self.name)?;
        match &self.wasm_opt {
            WasmOptOutcome::NotRun => writeln!(f, "wasm-opt: not run")?,
            WasmOptOutcome::Kept { tool, before, after } => {
                writeln!(f, "wasm-opt ({}): kept\n  before {before}\n  after  {after}", tool.display())?
            }
            WasmOptOutcome::Discarded { tool, before, after } => writeln!(
                f,
                "wasm-opt ({}): discarded, larger gzipped\n  before {before} (in the bundle)\n  after  {after}",
                tool.display()
            )?,
        }
        write!(f, "{}", self.sizes)?;
        writeln!(f, "  {}", budget_line(&self.sizes, self.budget))
    }
}

/// The workspace root, known at compile time from this crate's manifest folder.
pub fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

/// Cargo's target folder: `CARGO_TARGET_DIR` when set, else `target/` in the workspace.
pub fn target_dir(workspace_root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => workspace_root.join(dir),
        None => workspace_root.join("target"),
    }
}

/// Builds the widget bundles and writes the whole site to `options.out_dir`.
///
/// Progress goes to standard error; a first build compiles the widget in release mode and takes
/// a while.
pub fn build_site(options: &BuildOptions) -> Result<BuildReport, Error> {
    let started = Instant::now();
    let root = &options.workspace_root;
    let target = target_dir(root);

    let bindgen_dir = target.join("www-bindgen");
    if bindgen_dir.exists() {
        fs::remove_dir_all(&bindgen_dir).map_err(|e| Error::io(&bindgen_dir, e))?;
    }
    let wasm_opt_tool = match options.wasm_opt {
        WasmOpt::Off => {
            log("wasm-opt switched off; the wasm is not optimised");
            None
        }
        WasmOpt::Auto => {
            let tool = find_or_install_wasm_opt(&target);
            if tool.is_none() {
                log("WARNING: no working wasm-opt found (looked on PATH and in target/tools; \
                     `npm install --prefix target/tools binaryen` provides one); \
                     the bundle is built without it");
            }
            tool
        }
    };
    // One after the other: the wasm that cargo writes has the same name for both, so each goes
    // through wasm-bindgen (which writes it under the bundle's own name) before the next build.
    let mut outcomes = Vec::new();
    for bundle in BUNDLES {
        let wasm = compile_widget(root, bundle)?;
        let main = if bundle.split {
            split::split(&wasm, &target.join("www-split"), &bindgen_dir, bundle.name)?
        } else {
            wasm
        };
        generate_bindings(&main, &bindgen_dir, bundle.name)?;
        if bundle.split {
            split::inline_link(&bindgen_dir, bundle.name)?;
        }
        let bundle_wasm = bindgen_dir.join(format!("{}_bg.wasm", bundle.name));
        if bundle.split {
            split::export_function_table(&bundle_wasm)?;
        }
        let glue = bindgen_dir.join(format!("{}.js", bundle.name));
        let shortened = names::shorten(&bundle_wasm, &glue, bundle.name)?;
        log(&format!("gave {shortened} imports and exports of {} short names", bundle.name));
        let outcome = match &wasm_opt_tool {
            Some(tool) => {
                if bundle.split {
                    for later in split::later_modules(&bindgen_dir, bundle.name)? {
                        optimise(tool.clone(), &later)?;
                    }
                }
                optimise(tool.clone(), &bundle_wasm)?
            }
            None => WasmOptOutcome::NotRun,
        };
        outcomes.push((bundle.name, outcome));
    }

    assemble(root, &bindgen_dir, &options.out_dir)?;
    let bundle_dir = options.out_dir.join(BUNDLE_DIR);
    match find_or_install_esbuild(&target) {
        Some(tool) => {
            let glue = BUNDLES.iter().map(|bundle| format!("{}.js", bundle.name));
            for name in glue.chain([LOADER, "verschilmaker.css", LATER_STYLES].map(str::to_owned)) {
                minify(&tool, &bundle_dir.join(name))?;
            }
        }
        None => log("WARNING: no working esbuild found (looked on PATH and in target/tools; \
                     `npm install --prefix target/tools esbuild` provides one); \
                     the JS and CSS are not minified"),
    }
    shorten_custom_properties(&[bundle_dir.join("verschilmaker.css"), bundle_dir.join(LATER_STYLES)])?;
    let renamed = crate::hashing::hash_names(&bundle_dir, LOADER)?;
    log(&format!("gave {} files of {} content-hashed names", renamed.len(), bundle_dir.display()));
    let mut bundles = Vec::new();
    for (((name, sizes), (_, wasm_opt)), bundle) in measure_bundles(&bundle_dir)?.into_iter().zip(outcomes).zip(BUNDLES)
    {
        bundles.push(BundleReport { name, sizes, wasm_opt, budget: bundle.budget });
    }
    log(&format!("site built in {:.1} s", started.elapsed().as_secs_f64()));
    Ok(BuildReport { site_dir: options.out_dir.clone(), bundles })
}

/// The line that sets a bundle's first download beside its budget, or says it has none.
pub fn budget_line(sizes: &BundleSizes, budget: Option<u64>) -> String {
    match budget {
        Some(budget) => sizes.budget_line(budget),
        None => "budget: none (the facilitator's workbench, a tool for the municipality's staff; \
                 the 150 KB budget is the residents' widget's)"
            .to_owned(),
    }
}

/// Each bundle's sizes in [`BUNDLES`] order, measured in a built bundle folder: its own wasm and
/// JS glue, with the shared loader and style sheet that every page with it also downloads, and
/// [`LATER_STYLES`] in the first download or with the later module, as the bundle's first view
/// needs it.
pub fn measure_bundles(bundle_dir: &Path) -> Result<Vec<(&'static str, BundleSizes)>, Error> {
    let names: Vec<&str> = BUNDLES.iter().map(|bundle| bundle.name).collect();
    let later_styles_file = crate::hashing::find(bundle_dir, LATER_STYLES)
        .ok_or_else(|| Error::new(format!("{}: no {LATER_STYLES} here; build the site first", bundle_dir.display())))?;
    let later_styles = FileSize::of(&later_styles_file)?;
    let later_styles_stem = LATER_STYLES.trim_end_matches("css");
    BUNDLES
        .iter()
        .map(|bundle| {
            let mut skip: Vec<&str> = names.iter().copied().filter(|other| *other != bundle.name).collect();
            skip.push(later_styles_stem);
            let later = split::later_dir_name(bundle.name);
            let mut sizes = BundleSizes::measure_without(bundle_dir, &skip, Some(&later))?;
            if bundle.later_styles_up_front {
                sizes.css = sizes.css.add(later_styles);
            } else {
                sizes.later = sizes.later.add(later_styles);
                for view in sizes.views.iter_mut().filter(|view| view.raw > 0) {
                    *view = view.add(later_styles);
                }
            }
            Ok((bundle.name, sizes))
        })
        .collect()
}

/// Compiles the widget for wasm32 with the `wasm` profile and the bundle's features, and returns
/// the `.wasm` file.
fn compile_widget(root: &Path, bundle: &Bundle) -> Result<PathBuf, Error> {
    log(&format!(
        "compiling the widget for wasm32-unknown-unknown as {} (profile `wasm`; a first build is slow)",
        bundle.name
    ));
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    // `cargo rustc` so that the link flag reaches the widget's own link step only: the
    // dependencies stay as `cargo build` and the tests built them. `--emit-relocs` keeps the
    // relocations that splitting needs (see `split.rs`).
    let status = Command::new(&cargo)
        .current_dir(root)
        .args([
            "rustc",
            "--package",
            "verschilmaker-widget",
            "--lib",
            "--crate-type",
            "cdylib",
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            "wasm",
        ])
        .args(bundle.cargo_features)
        .args(if bundle.split { &["--", "-C", "link-arg=--emit-relocs"][..] } else { &[] })
        // Flags meant for the host build (coverage, sanitizers) must not leak into the wasm one.
        .env_remove("RUSTFLAGS")
        .env("CARGO_ENCODED_RUSTFLAGS", remap_registry())
        .stdin(Stdio::null())
        .status()
        .map_err(|e| Error::new(format!("cannot run cargo ({}): {e}", cargo.to_string_lossy())))?;
    if !status.success() {
        return Err(Error::new(format!(
            "compiling the widget failed ({status}); is the wasm32-unknown-unknown target \
             installed? (`rustup target add wasm32-unknown-unknown`)"
        )));
    }
    let wasm = target_dir(root).join("wasm32-unknown-unknown").join("wasm").join("verschilmaker_widget.wasm");
    if !wasm.is_file() {
        return Err(Error::new(format!("cargo did not produce {}", wasm.display())));
    }
    Ok(wasm)
}

/// The flag that writes the crates.io sources' folder as `crates` in the panic locations the
/// wasm carries (`/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/js-sys-…/src/…`):
/// about 25 paths, 0.1 KB of the residents' gzipped first download, and the build machine's
/// home folder no longer in the bundle.
fn remap_registry() -> String {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")));
    let mut flags: Vec<String> = Vec::new();
    if let Some(home) = home {
        let registry = home.join("registry").join("src");
        // Each registry's folder (`index.crates.io-<hash>`) is one level below.
        let folders = fs::read_dir(&registry).into_iter().flatten().filter_map(|entry| entry.ok());
        flags.extend(folders.map(|entry| format!("--remap-path-prefix={}=crates", entry.path().display())));
    }
    flags.join("\x1f")
}

/// Generates the `web`-target JS bindings for `wasm` into `out_dir`, as `{name}.js` and
/// `{name}_bg.wasm`.
fn generate_bindings(wasm: &Path, out_dir: &Path, name: &str) -> Result<(), Error> {
    log(&format!("generating JS bindings for {name} with wasm-bindgen (target web)"));
    let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
    bindgen
        .input_path(wasm)
        .out_name(name)
        .typescript(false)
        // Function names and the producers record only help debugging; every visitor pays for them.
        .remove_name_section(true)
        .remove_producers_section(true)
        .web(true)
        .and_then(|b| b.generate(out_dir))
        .map_err(|e| Error::new(format!("wasm-bindgen failed: {e:#}")))
}

/// Finds a wasm-opt that runs: on PATH, then in `target/tools`; installs the npm package
/// `binaryen` there once when npm is available.
fn find_or_install_wasm_opt(target: &Path) -> Option<PathBuf> {
    find_or_install_npm_tool(target, "binaryen", "wasm-opt", working_wasm_opt)
}

/// Finds an esbuild that runs: on PATH, then in `target/tools`; installs the npm package
/// `esbuild` there once when npm is available.
fn find_or_install_esbuild(target: &Path) -> Option<PathBuf> {
    find_or_install_npm_tool(target, "esbuild", "esbuild", |path| {
        let runs = Command::new(path)
            .arg("--version")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        runs.then(|| path.to_path_buf())
    })
}

/// Finds the program `bin` on PATH or in `target/tools` (checked with `works`), installing the
/// npm package `package` there once when npm is available.
fn find_or_install_npm_tool(
    target: &Path,
    package: &str,
    bin: &str,
    works: impl Fn(&Path) -> Option<PathBuf>,
) -> Option<PathBuf> {
    let local = target.join("tools").join("node_modules").join(".bin").join(bin);
    for candidate in [PathBuf::from(bin), local.clone()] {
        if let Some(tool) = works(&candidate) {
            return Some(tool);
        }
    }
    if local.exists() {
        // Installed but broken: do not reinstall on every build.
        return None;
    }
    let npm_works = Command::new("npm")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !npm_works {
        return None;
    }
    log(&format!("installing {bin} once: npm install --prefix target/tools {package}"));
    let tools = target.join("tools");
    if fs::create_dir_all(&tools).is_err() {
        return None;
    }
    let installed = Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&tools)
        .arg(package)
        .stdin(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !installed {
        return None;
    }
    works(&local)
}

/// `Some(path)` when `path --version` runs and succeeds. Debian's old binaryen runs but cannot
/// parse Rust 1.95 wasm; that shows up when optimising, which then fails loudly.
fn working_wasm_opt(path: &Path) -> Option<PathBuf> {
    let output = Command::new(path).arg("--version").stdin(Stdio::null()).output().ok()?;
    if !output.status.success() {
        return None;
    }
    let version = String::from_utf8_lossy(&output.stdout);
    // Versions before 116 cannot read the bulk-memory and sign-ext code that Rust emits.
    let number = version
        .split(|c: char| !c.is_ascii_digit())
        .find(|part| !part.is_empty())
        .and_then(|part| part.parse::<u32>().ok())
        .unwrap_or(0);
    if number < 116 {
        log(&format!("ignoring {} ({}): too old for the wasm that Rust 1.95 emits", path.display(), version.trim()));
        return None;
    }
    Some(path.to_path_buf())
}

/// Runs wasm-opt over `wasm`, and keeps its output only when that is smaller gzipped.
///
/// Why not always keep it? Measured on this bundle, `-Oz` (and `-Os`, `-O2`, `-O3`) cut the raw
/// size by about 12 % but made the gzipped size, which is what visitors download, larger; `-O1`
/// gains a little today, but that can turn. The transfer budget is set in gzipped bytes, so the
/// smaller download wins.
fn optimise(tool: PathBuf, wasm: &Path) -> Result<WasmOptOutcome, Error> {
    log(&format!("optimising the wasm with {}", tool.display()));
    let optimised = wasm.with_extension("opt.wasm");
    let status = Command::new(&tool)
        .args(WASM_OPT_ARGS)
        .arg(wasm)
        .arg("-o")
        .arg(&optimised)
        .stdin(Stdio::null())
        .status()
        .map_err(|e| Error::new(format!("cannot run {}: {e}", tool.display())))?;
    if !status.success() {
        return Err(Error::new(format!("{} failed ({status}) on {}", tool.display(), wasm.display())));
    }
    let before = FileSize::of(wasm)?;
    let after = FileSize::of(&optimised)?;
    if after.gzip < before.gzip {
        fs::rename(&optimised, wasm).map_err(|e| Error::io(wasm, e))?;
        Ok(WasmOptOutcome::Kept { tool, before, after })
    } else {
        log("wasm-opt made the wasm larger gzipped; keeping the wasm from before");
        fs::remove_file(&optimised).map_err(|e| Error::io(&optimised, e))?;
        Ok(WasmOptOutcome::Discarded { tool, before, after })
    }
}

/// Minifies a JS or CSS file of the bundle in place with esbuild, keeping the result only when
/// it is smaller gzipped.
///
/// Why minify? The wasm-bindgen glue is written to be read (comments, JSDoc, long names) and
/// was 10 KB of the gzipped bundle; minified, the JS and CSS measured about 4 KB smaller
/// gzipped. esbuild only minifies here: no bundling, and no lowering of syntax, so what the
/// browser runs is the same code.
fn minify(tool: &Path, file: &Path) -> Result<(), Error> {
    let minified = file.with_extension(match file.extension().and_then(|e| e.to_str()) {
        Some("css") => "min.css",
        _ => "min.js",
    });
    let status = Command::new(tool)
        .arg(file)
        .arg("--minify")
        .arg("--log-level=warning")
        .arg(format!("--outfile={}", minified.display()))
        .stdin(Stdio::null())
        .status()
        .map_err(|e| Error::new(format!("cannot run {}: {e}", tool.display())))?;
    if !status.success() {
        return Err(Error::new(format!("{} failed ({status}) on {}", tool.display(), file.display())));
    }
    let before = FileSize::of(file)?;
    let after = FileSize::of(&minified)?;
    if after.gzip < before.gzip {
        log(&format!("minified {}: {} -> {} bytes gzipped", file.display(), before.gzip, after.gzip));
        fs::rename(&minified, file).map_err(|e| Error::io(file, e))
    } else {
        fs::remove_file(&minified).map_err(|e| Error::io(&minified, e))
    }
}

/// Renames the widget's own custom properties (`--vm-…`) to short names (`--v0`, `--v1`, …, the
/// most used first) in both style sheets, with one mapping for both.
///
/// Why? They are internal: a host page styles the widget through the public
/// `--verschilmaker-…` and NL Design System tokens, which keep their names, and no code sets a
/// `--vm-` property. Their long, readable names were about 0.4 KB of the residents' gzipped
/// first download.
fn shorten_custom_properties(files: &[PathBuf]) -> Result<(), Error> {
    let texts: Vec<String> =
        files.iter().map(|file| fs::read_to_string(file).map_err(|e| Error::io(file, e))).collect::<Result<_, _>>()?;
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for text in &texts {
        for name in internal_properties(text) {
            *counts.entry(name).or_default() += 1;
        }
    }
    let mut names: Vec<(&str, usize)> = counts.into_iter().collect();
    names.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let short: std::collections::BTreeMap<&str, String> =
        names.iter().enumerate().map(|(at, (name, _))| (*name, format!("--v{at:x}"))).collect();
    for (file, text) in files.iter().zip(&texts) {
        let mut out = String::with_capacity(text.len());
        let mut rest = text.as_str();
        while let Some(at) = rest.find("--vm-") {
            out.push_str(&rest[..at]);
            let len = property_len(&rest[at..]);
            let name = &rest[at..at + len];
            out.push_str(short.get(name).map_or(name, String::as_str));
            rest = &rest[at + len..];
        }
        out.push_str(rest);
        fs::write(file, out).map_err(|e| Error::io(file, e))?;
    }
    Ok(())
}

/// Every `--vm-…` custom property name in a style sheet, as often as it occurs.
fn internal_properties(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices("--vm-").map(|(at, _)| &text[at..at + property_len(&text[at..])])
}

/// The length of the custom property name at the start of `text` (which starts with `--`).
fn property_len(text: &str) -> usize {
    2 + text[2..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(text.len() - 2)
}

/// The file in an output folder that says "a build wrote this", so that a rebuild may delete it.
const SITE_MARKER: &str = ".verschilmaker-site";

/// Where the demo municipality's dataset lives in the workspace: in the core crate, so that
/// core's own tests read it from inside the packaged crate, and the site publishes it as
/// [`DEMO_DATA_URL_PATH`].
pub const DEMO_DATA: &str = "core/demo/initiatieven.json";

/// Where the demo site serves [`DEMO_DATA`]; the demo pages' snippets point here.
pub const DEMO_DATA_URL_PATH: &str = "data/initiatieven.json";

/// Writes the site: `www/static/` as it is, the demo dataset under `data/`, and the bundle under
/// `verschilmaker/`.
fn assemble(root: &Path, bindgen_dir: &Path, out_dir: &Path) -> Result<(), Error> {
    log(&format!("assembling the site in {}", out_dir.display()));
    clear_site_dir(out_dir)?;
    copy_tree(&root.join("www").join("static"), out_dir)?;
    let data = out_dir.join(DEMO_DATA_URL_PATH);
    if let Some(dir) = data.parent() {
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    copy_file(&root.join(DEMO_DATA), &data)?;

    let bundle = out_dir.join(BUNDLE_DIR);
    fs::create_dir_all(&bundle).map_err(|e| Error::io(&bundle, e))?;
    let assets = root.join("widget").join("assets");
    for name in [LOADER, "verschilmaker.css", LATER_STYLES] {
        copy_file(&assets.join(name), &bundle.join(name))?;
    }
    // The bindings: the JS glue, the wasm, and any `snippets/` of inline JS from dependencies.
    copy_tree(bindgen_dir, &bundle)?;
    fs::write(out_dir.join(SITE_MARKER), "written by `cargo run -p www -- build`\n").map_err(|e| Error::io(out_dir, e))
}

/// Empties `dir` if it is a site from an earlier build; refuses to touch any other folder.
fn clear_site_dir(dir: &Path) -> Result<(), Error> {
    if dir.exists() {
        let empty = fs::read_dir(dir).map_err(|e| Error::io(dir, e))?.next().is_none();
        if !empty && !dir.join(SITE_MARKER).exists() {
            return Err(Error::new(format!(
                "{} exists and was not written by a site build; refusing to replace it",
                dir.display()
            )));
        }
        fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))
}

pub(crate) fn copy_tree(from: &Path, to: &Path) -> Result<(), Error> {
    fs::create_dir_all(to).map_err(|e| Error::io(to, e))?;
    let mut entries: Vec<_> = fs::read_dir(from)
        .map_err(|e| Error::io(from, e))?
        .collect::<Result<_, _>>()
        .map_err(|e| Error::io(from, e))?;
    entries.sort_by_key(|entry| entry.file_name());
    for entry in entries {
        let kind = entry.file_type().map_err(|e| Error::io(&entry.path(), e))?;
        let target = to.join(entry.file_name());
        if kind.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else if kind.is_file() {
            copy_file(&entry.path(), &target)?;
        }
    }
    Ok(())
}

pub(crate) fn copy_file(from: &Path, to: &Path) -> Result<(), Error> {
    fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| Error::new(format!("cannot copy {} to {}: {e}", from.display(), to.display())))
}

/// Progress output, on standard error so that standard output stays for results.
pub(crate) fn log(message: &str) {
    eprintln!("www: {message}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_custom_properties_get_short_names_and_public_tokens_keep_theirs() {
        let dir = std::env::temp_dir().join(format!("vm-css-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let (first, later) = (dir.join("a.css"), dir.join("b.css"));
        fs::write(
            &first,
            ":host{--vm-color:var(--verschilmaker-color,#111);--vm-primary:red}.a{color:var(--vm-color)}",
        )
        .unwrap();
        fs::write(&later, ".b{color:var(--vm-color);fill:var(--vm-primary-2,var(--vm-primary))}").unwrap();
        shorten_custom_properties(&[first.clone(), later.clone()]).unwrap();
        let (a, b) = (fs::read_to_string(&first).unwrap(), fs::read_to_string(&later).unwrap());
        fs::remove_dir_all(&dir).unwrap();
        // --vm-color is used most, so it is --v0; one mapping across both sheets; a name that
        // merely starts like another (--vm-primary-2) is a name of its own.
        assert_eq!(a, ":host{--v0:var(--verschilmaker-color,#111);--v1:red}.a{color:var(--v0)}");
        assert_eq!(b, ".b{color:var(--v0);fill:var(--v2,var(--v1))}");
    }
}
