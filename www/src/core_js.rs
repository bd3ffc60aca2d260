//! The core as a JavaScript library: `js/` (package `verschilmaker-js`) compiled to wasm with its
//! own profile, wasm-bindgen's `web` bindings with their TypeScript declarations, and the entry
//! points of `www/package/core/` (one for browsers, one for Node, the types) beside them. The
//! package step puts the folder into the npm package as `core/`, after the widget's bundle has
//! been content-hashed: these files keep their names, because `verschilmaker/core` is an import
//! path that programs write, not a file a loader finds.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::Error;
use crate::build::{copy_tree, log, target_dir};
use crate::sizes::FileSize;

/// The file name stem of the core module's bindings: `verschilmaker_core.js`,
/// `verschilmaker_core_bg.wasm` and `verschilmaker_core.d.ts`.
pub const CORE_NAME: &str = "verschilmaker_core";

/// The folder of the core module in the npm package, and its import path `verschilmaker/core`.
pub const CORE_DIR: &str = "core";

/// The cargo profile the core module is built with (see the workspace's `Cargo.toml`).
const PROFILE: &str = "wasm-js";

/// What [`build_core_module`] wrote.
#[derive(Clone, Debug)]
pub struct CoreModuleReport {
    /// The folder with the module, its bindings and entry points.
    pub dir: PathBuf,
    /// The wasm file's size.
    pub wasm: FileSize,
    /// The bindings' size (`verschilmaker_core.js`).
    pub js: FileSize,
}

impl fmt::Display for CoreModuleReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "core module for JavaScript ({}):", self.dir.display())?;
        writeln!(f, "  wasm {}", self.wasm)?;
        writeln!(f, "  js   {}", self.js)
    }
}

/// Builds the core module into `out_dir` (replaced if it is there): compiles `verschilmaker-js`
/// for wasm32, generates its bindings, and copies the entry points beside them.
pub fn build_core_module(workspace_root: &Path, out_dir: &Path) -> Result<CoreModuleReport, Error> {
    let wasm = compile(workspace_root)?;
    if out_dir.exists() {
        fs::remove_dir_all(out_dir).map_err(|e| Error::io(out_dir, e))?;
    }
    log(&format!("generating JS bindings and types for {CORE_NAME} with wasm-bindgen (target web)"));
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .out_name(CORE_NAME)
        .typescript(true)
        .remove_name_section(true)
        .remove_producers_section(true)
        .web(true)
        .and_then(|b| b.generate(out_dir))
        .map_err(|e| Error::new(format!("wasm-bindgen failed: {e:#}")))?;
    // The declarations of the wasm's raw exports: nothing imports them.
    let raw = out_dir.join(format!("{CORE_NAME}_bg.wasm.d.ts"));
    if raw.exists() {
        fs::remove_file(&raw).map_err(|e| Error::io(&raw, e))?;
    }
    copy_tree(&workspace_root.join("www").join("package").join(CORE_DIR), out_dir)?;
    Ok(CoreModuleReport {
        dir: out_dir.to_path_buf(),
        wasm: FileSize::of(&out_dir.join(format!("{CORE_NAME}_bg.wasm")))?,
        js: FileSize::of(&out_dir.join(format!("{CORE_NAME}.js")))?,
    })
}

/// Compiles `verschilmaker-js` for wasm32 and returns its `.wasm` file.
fn compile(root: &Path) -> Result<PathBuf, Error> {
    log(&format!("compiling the core module for wasm32-unknown-unknown (profile `{PROFILE}`)"));
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(&cargo)
        .current_dir(root)
        .args(["build", "--package", "verschilmaker-js", "--lib", "--target", "wasm32-unknown-unknown"])
        .args(["--profile", PROFILE])
        // Flags meant for the host build (coverage, sanitizers) must not leak into the wasm one.
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .stdin(Stdio::null())
        .status()
        .map_err(|e| Error::new(format!("cannot run cargo ({}): {e}", cargo.to_string_lossy())))?;
    if !status.success() {
        return Err(Error::new(format!("compiling the core module failed ({status})")));
    }
    let wasm = target_dir(root).join("wasm32-unknown-unknown").join(PROFILE).join("verschilmaker_js.wasm");
    if !wasm.is_file() {
        return Err(Error::new(format!("cargo did not produce {}", wasm.display())));
    }
    Ok(wasm)
}

/// The time of a strict check of one generated file, natively and in Node, from the same run.
#[derive(Clone, Debug)]
pub struct CheckTiming {
    /// The file checked.
    pub file: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// The median of the native check (`www check`'s `check_file`), in milliseconds.
    pub native_ms: f64,
    /// The median of `check` of the core module in Node (reading the file included), in
    /// milliseconds.
    pub node_ms: f64,
    /// How many runs each median is of.
    pub runs: usize,
}

impl fmt::Display for CheckTiming {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "check of {} ({} bytes), median of {} runs:", self.file.display(), self.bytes, self.runs)?;
        writeln!(f, "  native www check   {:>9.1} ms", self.native_ms)?;
        writeln!(f, "  Node, core module  {:>9.1} ms", self.node_ms)?;
        writeln!(f, "  ratio Node/native  {:>9.2}", self.node_ms / self.native_ms)
    }
}

/// Node's side of [`bench_check`]: imports the core module's Node entry, reads the file and times
/// `check` `runs` times; prints the median in milliseconds and the number of problems.
const NODE_BENCH: &str = "\
const [entry, file, runs] = process.argv.slice(1);
const { check } = await import(entry);
const { readFileSync } = await import('node:fs');
const times = [];
let problems = 0;
for (let run = 0; run < Number(runs); run++) {
  const start = performance.now();
  problems = check(readFileSync(file, 'utf8')).length;
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ median: times[times.length >> 1], problems }));
";

/// Generates a valid dataset of `initiatives` initiatives (seeded), writes it into `work_dir`,
/// and times its strict check natively and with the core module in `core_dir` in Node.
pub fn bench_check(core_dir: &Path, work_dir: &Path, initiatives: usize, runs: usize) -> Result<CheckTiming, Error> {
    use verschilmaker::synth::{SynthConfig, generate};
    fs::create_dir_all(work_dir).map_err(|e| Error::io(work_dir, e))?;
    let file = work_dir.join(format!("initiatieven-{initiatives}.json"));
    let dataset = generate(&SynthConfig::with_initiatives(7, initiatives));
    fs::write(&file, verschilmaker::exchange::export_json(&dataset)).map_err(|e| Error::io(&file, e))?;
    let bytes = fs::metadata(&file).map_err(|e| Error::io(&file, e))?.len();

    let runs = runs.max(1);
    let mut native = Vec::new();
    for _ in 0..runs {
        let started = std::time::Instant::now();
        let check = crate::check_file(&file);
        native.push(started.elapsed().as_secs_f64() * 1000.0);
        if !check.is_ok() {
            return Err(Error::new(format!("the generated file does not pass the check:\n{check}")));
        }
    }
    native.sort_by(f64::total_cmp);

    let entry = core_dir.join("node.js");
    let output = Command::new("node")
        .args(["--input-type=module", "-e", NODE_BENCH])
        .arg(format!("file://{}", entry.display()))
        .arg(&file)
        .arg(runs.to_string())
        .stdin(Stdio::null())
        .output()
        .map_err(|e| Error::new(format!("cannot run node: {e}")))?;
    if !output.status.success() {
        return Err(Error::new(format!("node failed: {}", String::from_utf8_lossy(&output.stderr).trim())));
    }
    let answer: serde_json::Value = serde_json::from_slice(&output.stdout).map_err(|e| {
        Error::new(format!("node's answer is not JSON ({e}): {}", String::from_utf8_lossy(&output.stdout)))
    })?;
    if answer["problems"] != 0 {
        return Err(Error::new(format!("Node's check found problems the native one did not: {answer}")));
    }
    let node_ms = answer["median"].as_f64().ok_or_else(|| Error::new(format!("no median in {answer}")))?;
    Ok(CheckTiming { file, bytes, native_ms: native[runs / 2], node_ms, runs })
}
