//! Times the native min-cost flow solver on a `.flow` file, to print beside the wasm figure.
//!
//! `flow-native FILE [RUNS] [BLOCK_SIZE]` prints one JSON line: the objective and the median
//! solve time. A block size of 0 (the default) means the solver's default.
//! `flow-native --write-benchmark FILE` writes core's benchmark network (an allocation round over
//! 2,000 initiatives and 10,000 partners) to FILE, for the wasm build and OR-Tools to solve.

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: flow-native FILE [RUNS] [BLOCK_SIZE]\n       flow-native --write-benchmark FILE");
        std::process::exit(2);
    };
    if path == "--write-benchmark" {
        let Some(out) = args.next() else {
            eprintln!("usage: flow-native --write-benchmark FILE");
            std::process::exit(2);
        };
        let network = verschilmaker::flow::benchmark_network(&verschilmaker::flow::BenchmarkShape::MEDIUM);
        if let Err(error) = std::fs::write(&out, verschilmaker::flow::write_flow_file(&network)) {
            eprintln!("cannot write {out}: {error}");
            std::process::exit(2);
        }
        return;
    }
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(7);
    let block_size: usize = args.next().and_then(|b| b.parse().ok()).unwrap_or(0);
    let config = verschilmaker::flow::FlowConfig { block_size: (block_size > 0).then_some(block_size) };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("cannot read {path}: {error}");
            std::process::exit(2);
        }
    };
    let network = match verschilmaker::flow::parse_flow_file(&text) {
        Ok(network) => network,
        Err(error) => {
            eprintln!("{path}: {error}");
            std::process::exit(1);
        }
    };
    let mut times = Vec::with_capacity(runs);
    let mut objective = 0;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let solution = match verschilmaker::flow::solve_with(&network, &config) {
            Ok(solution) => solution,
            Err(error) => {
                eprintln!("{path}: {error}");
                std::process::exit(1);
            }
        };
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        objective = -solution.total_cost;
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!("{{\"objective\": {objective}, \"solve_ms_median\": {median:.1}, \"runs\": {}}}", times.len());
}
