//! Times suggestions natively with the same data and loop as the wasm export, to print beside
//! the wasm figure.
//!
//! `matching-native OFFERS INITIATIVES SEED ROUNDS CALLS` prints one JSON line: the median
//! time per suggestion call in milliseconds and the checksum of the scores.

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
    let index = MatchIndex::build(&dataset, &MatchConfig::default());
    let mut checksum = 0.0;
    let mut times = Vec::new();
    for round in 0..rounds {
        let start = Instant::now();
        for call in 0..calls {
            let suggestions = suggest_for_initiative(&index, (round * calls + call) % CYCLE, K);
            checksum += suggestions.per_need.iter().flatten().map(|s| s.score).sum::<f64>();
            checksum += suggestions.partners.iter().map(|p| p.score).sum::<f64>();
        }
        times.push(start.elapsed().as_secs_f64() * 1000.0 / calls as f64);
    }
    times.sort_by(f64::total_cmp);
    println!("{{\"ms_per_call_median\": {}, \"checksum\": {checksum}}}", times[rounds / 2]);
}
