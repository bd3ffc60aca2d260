//! Benchmarks the min-cost flow solver on the benchmark network of an allocation round beside
//! OR-Tools, measured in the same run.
//!
//! `cargo bench -p verschilmaker --bench flow`. The network is generated
//! (`flow::benchmark_network`, the size of a round over 2,000 initiatives and 10,000 partners)
//! and written to `target/bench/medium.flow`; OR-Tools solves that file through
//! `bench/ortools/solve_flowfile.py` with the Python named by `ORTOOLS_PYTHON` (by default
//! `target/ortools-venv/bin/python`; `bench/ortools/README.md` says how to set it up).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use criterion::Criterion;
use verschilmaker::flow::{BenchmarkShape, FlowConfig, FlowNetwork, benchmark_network, solve_with, write_flow_file};

/// The objective (minus the least cost) recorded for the benchmark network.
const MEDIUM_OPTIMUM: i64 = BenchmarkShape::MEDIUM_OPTIMUM;

fn repository_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The benchmark network, and the `.flow` file written for OR-Tools to solve the same one.
fn load_medium() -> (PathBuf, FlowNetwork) {
    let network = benchmark_network(&BenchmarkShape::MEDIUM);
    let dir = repository_dir().join("target/bench");
    let path = dir.join("medium.flow");
    let written = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, write_flow_file(&network)));
    if let Err(error) = written {
        panic!("cannot write {}: {error}", path.display());
    }
    (path, network)
}

/// The configurations measured: the default, and the block of one need's candidates that
/// suits allocation rounds (medium.flow has 50 candidates per need).
const CONFIGS: [(&str, FlowConfig); 2] = [
    ("default (block √m)", FlowConfig { block_size: None }),
    ("allocation (block 50)", FlowConfig { block_size: Some(50) }),
];

/// Our median solve time over `runs` solves, in milliseconds, and the objective.
fn time_ours(network: &FlowNetwork, config: &FlowConfig, runs: usize) -> (f64, i64) {
    let mut times = Vec::with_capacity(runs);
    let mut objective = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let solution = solve_with(network, config).expect("medium.flow is feasible");
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        objective = -solution.total_cost;
    }
    times.sort_by(f64::total_cmp);
    (times[runs / 2], objective)
}

/// Runs OR-Tools' solver script; gives its objective and median solve time (5 solves), or
/// says why it could not.
fn time_ortools(flow_file: &Path) -> Result<(i64, f64), String> {
    let python = std::env::var_os("ORTOOLS_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/ortools-venv/bin/python"));
    if !python.exists() {
        return Err(format!(
            "no Python at {}: set ORTOOLS_PYTHON, or run `python3 -m venv target/ortools-venv && \
             target/ortools-venv/bin/pip install -r bench/ortools/requirements.txt`",
            python.display()
        ));
    }
    let script = repository_dir().join("bench/ortools/solve_flowfile.py");
    let output = Command::new(&python)
        .arg(&script)
        .arg(flow_file)
        .output()
        .map_err(|error| format!("cannot run {}: {error}", python.display()))?;
    if !output.status.success() {
        return Err(format!("{} failed: {}", script.display(), String::from_utf8_lossy(&output.stderr).trim()));
    }
    // The script prints one flat JSON object; two numeric fields are all we need.
    let stdout = String::from_utf8_lossy(&output.stdout);
    let field = |name: &str| -> Option<&str> {
        let rest = &stdout[stdout.find(&format!("\"{name}\": "))? + name.len() + 4..];
        Some(rest[..rest.find([',', '}'])?].trim())
    };
    let objective = field("objective").and_then(|v| v.parse().ok());
    let millis = field("solve_ms_median_of_5").and_then(|v| v.parse().ok());
    match (objective, millis) {
        (Some(objective), Some(millis)) => Ok((objective, millis)),
        _ => Err(format!("unexpected output from {}: {stdout}", script.display())),
    }
}

fn main() {
    // `cargo bench` passes `--bench`; without it (`cargo test --benches`) criterion runs each
    // benchmark once as a test, and the timings and the OR-Tools baseline are skipped.
    let args: Vec<String> = std::env::args().collect();
    let test_mode =
        !args.iter().any(|arg| arg == "--bench") || args.iter().any(|arg| arg == "--test" || arg == "--list");
    let (path, network) = load_medium();

    let mut criterion = Criterion::default().sample_size(10).configure_from_args();
    let mut group = criterion.benchmark_group("flow/medium");
    for (name, config) in &CONFIGS {
        group.bench_function(*name, |b| b.iter(|| solve_with(&network, config)));
    }
    group.finish();
    criterion.final_summary();
    if test_mode {
        return;
    }

    // Our own medians, taken right before OR-Tools runs, so that the ratios compare
    // figures from the same minutes of a shared machine.
    let runs = 7;
    println!();
    println!(
        "the benchmark network ({} nodes, {} arcs), known optimum {MEDIUM_OPTIMUM}",
        network.node_count,
        network.arcs.len()
    );
    let mut ours = Vec::new();
    for (name, config) in &CONFIGS {
        let (millis, objective) = time_ours(&network, config, runs);
        assert_eq!(objective, MEDIUM_OPTIMUM, "{name} missed the known optimum");
        println!("  ours, {name:<24} objective {objective}, median of {runs}: {millis:8.1} ms");
        ours.push((name, millis));
    }
    match time_ortools(&path) {
        Ok((objective, ortools_ms)) => {
            println!("  OR-Tools SimpleMinCostFlow     objective {objective}, median of 5: {ortools_ms:8.1} ms");
            for (name, millis) in ours {
                println!("  ratio ours {name} / OR-Tools: {:.2}", millis / ortools_ms);
            }
            if objective != MEDIUM_OPTIMUM {
                println!("  WARNING: OR-Tools' objective differs from the known optimum");
            }
        }
        Err(why) => println!("  OR-Tools baseline not measured: {why}"),
    }
}
