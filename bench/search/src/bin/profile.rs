//! A small native driver for instruction-count profiling of the search engine:
//! `profile DIR build|query|dump [REPEAT]`.
//!
//! It parses `DIR/data.json` (and `DIR/queries.json`), then builds the index, or runs every
//! query, `REPEAT` times (default 1), and prints a checksum so that nothing is optimised away.
//! Timings on the shared development machine move by ±30 %; instruction counts do not, so
//! run it under `valgrind --tool=callgrind` (with `--toggle-collect='*build_index*'` or
//! `'*search*'` to leave the JSON parsing out) and compare the totals before and after a change.

use std::sync::Arc;

use verschilmaker::Dataset;
use verschilmaker::search::{build_index, search};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "bench/search/data".into());
    let what = args.next().unwrap_or_else(|| "build".into());
    let repeat: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let read = |name: &str| {
        std::fs::read_to_string(format!("{dir}/{name}")).unwrap_or_else(|error| {
            eprintln!("cannot read {dir}/{name}: {error}");
            std::process::exit(1);
        })
    };
    let dataset = match Dataset::from_json_strict(&read("data.json")) {
        Ok(dataset) => Arc::new(dataset),
        Err(error) => {
            eprintln!("invalid dataset: {error:?}");
            std::process::exit(1);
        }
    };
    let mut checksum = 0usize;
    match what.as_str() {
        "build" => {
            for _ in 0..repeat {
                checksum = checksum.wrapping_add(build_index(Arc::clone(&dataset)).heap_bytes());
            }
        }
        "query" => {
            let queries = serde_json::from_str(&read("queries.json"))
                .map(|value| bench_search::parse_queries(&value))
                .unwrap_or_default();
            let index = build_index(Arc::clone(&dataset));
            for _ in 0..repeat {
                for query in &queries {
                    checksum = checksum.wrapping_add(search(&index, query).total);
                }
            }
        }
        "dump" => {
            // Every query's total, hits, scores and highlights, one line each: diff two
            // versions' output to check that a change leaves the results alone.
            let queries = serde_json::from_str(&read("queries.json"))
                .map(|value| bench_search::parse_queries(&value))
                .unwrap_or_default();
            let index = build_index(Arc::clone(&dataset));
            for query in &queries {
                let results = search(&index, query);
                let hits: Vec<String> = results
                    .hits
                    .iter()
                    .map(|hit| format!("{}:{}:{:?}", hit.id.as_str(), hit.score, hit.highlights))
                    .collect();
                println!("{} {:?} {:?} {}", results.total, query.text, results.facets, hits.join(" "));
            }
        }
        other => {
            eprintln!("unknown mode {other:?}: use build, query or dump");
            std::process::exit(1);
        }
    }
    println!("{checksum}");
}
