//! Times suggestions natively with the same data and loop as the wasm export, to print beside
//! the wasm figure.
//!
//! `matching-native OFFERS INITIATIVES SEED ROUNDS CALLS` prints one JSON line: the median
//! time per suggestion call in milliseconds, the median CPU time of this thread per call
//! (from `/proc/thread-self/schedstat`, so that waiting for a core on a busy machine does
//! not count; NaN elsewhere) and the checksum of the scores.

use std::time::Instant;

use verschilmaker::matching::{MatchConfig, MatchIndex, suggest_for_initiative};

#[path = "../../../core/benches/matching/data.rs"]
#[allow(dead_code)] // The generator's helpers are not all used here.
mod data;

const CYCLE: usize = 64;
const K: usize = 10;

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let [offers, initiatives, seed, rounds, calls] = args[..] else {
        eprintln!("usage: matching-native OFFERS INITIATIVES SEED ROUNDS CALLS");
        std::process::exit(2);
    };
    let dataset = data::generate(offers, initiatives, seed as u64);
    let ids: Vec<_> = dataset.initiatives.iter().map(|i| i.id.clone()).collect();
    let index = MatchIndex::build(dataset, &MatchConfig::default());
    let mut checksum = 0.0;
    let mut times = Vec::new();
    let mut cpu_times = Vec::new();
    for round in 0..rounds {
        let cpu_start = cpu_ms();
        let start = Instant::now();
        for call in 0..calls {
            let suggestions = suggest_for_initiative(&index, &ids[(round * calls + call) % CYCLE], K);
            checksum += suggestions.per_need.iter().flatten().map(|s| s.score).sum::<f64>();
            checksum += suggestions.partners.iter().map(|p| p.score).sum::<f64>();
        }
        times.push(start.elapsed().as_secs_f64() * 1000.0 / calls as f64);
        cpu_times.push((cpu_ms() - cpu_start) / calls as f64);
    }
    times.sort_by(f64::total_cmp);
    cpu_times.sort_by(f64::total_cmp);
    println!(
        "{{\"ms_per_call_median\": {}, \"cpu_ms_per_call_median\": {}, \"checksum\": {checksum}}}",
        times[rounds / 2],
        cpu_times[rounds / 2]
    );
}

/// The CPU time this thread has run, in milliseconds.
fn cpu_ms() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|text| text.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(f64::NAN, |ns| ns / 1e6)
}
