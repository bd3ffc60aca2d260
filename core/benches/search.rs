//! Native search benchmark: index build time and memory, and query latency (p50, p95) over
//! 1 000 seeded queries on 10 000 generated initiatives, each beside a baseline measured in
//! the same run (a linear scan over pre-folded texts, no index).
//!
//! `cargo bench -p verschilmaker --bench search [-- --data DIR] [--json FILE]`
//!
//! With `--data DIR` it reads `DIR/data.json` and `DIR/queries.json` as written by
//! `bench-search`'s generator, so that its figures line up with the wasm and JavaScript ones;
//! otherwise it generates the same data in process. `--json FILE` also writes the figures
//! for `bench/search/compare.mjs`.

use std::sync::Arc;
use std::time::Instant;

use verschilmaker::Dataset;
use verschilmaker::search::{Query, SearchIndex, build_index, fold, search, tokens};

#[path = "../../bench/search/src/generate.rs"]
#[allow(dead_code, reason = "shared with the bench-search crate, which uses all of it")]
mod generate;

fn percentile(samples: &mut [f64], p: f64) -> f64 {
    samples.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * samples.len() as f64).ceil() as usize;
    samples[rank.clamp(1, samples.len()) - 1]
}

fn median(samples: &mut [f64]) -> f64 {
    percentile(samples, 50.0)
}

/// The baseline: every initiative's texts folded into one string, scanned per query.
struct Scan {
    texts: Vec<String>,
}

fn scan_build(dataset: &Dataset) -> Scan {
    let texts = dataset
        .initiatives
        .iter()
        .map(|initiative| {
            let mut all = String::new();
            let mut add = |text: &verschilmaker::Text| {
                for (_, value) in text.translations() {
                    all.push_str(&fold(value));
                    all.push(' ');
                }
            };
            add(&initiative.title);
            initiative.summary.iter().for_each(&mut add);
            initiative.description.iter().for_each(&mut add);
            for need in &initiative.needs {
                need.description.iter().for_each(&mut add);
            }
            all
        })
        .collect();
    Scan { texts }
}

fn scan_query(scan: &Scan, dataset: &Dataset, query: &Query) -> usize {
    let words = tokens(&query.text);
    let filters = &query.filters;
    scan.texts
        .iter()
        .zip(&dataset.initiatives)
        .filter(|(text, initiative)| {
            (filters.stages.is_empty() || filters.stages.contains(&initiative.stage))
                && (filters.themes.is_empty() || initiative.themes.iter().any(|t| filters.themes.contains(t)))
                && (filters.need_kinds.is_empty()
                    || initiative.needs.iter().any(|n| filters.need_kinds.contains(&n.kind)))
                && (filters.areas.is_empty()
                    || initiative
                        .area
                        .as_ref()
                        .is_some_and(|area| filters.areas.iter().any(|wanted| dataset.area_within(area, wanted))))
                && words.iter().all(|word| text.contains(word.as_str()))
        })
        .count()
}

struct Figures {
    name: String,
    build_ms: f64,
    memory_bytes: usize,
    p50_us: f64,
    p95_us: f64,
    mean_us: f64,
    mean_results: f64,
}

fn time_queries(queries: &[Query], mut run: impl FnMut(&Query) -> usize) -> (f64, f64, f64, f64) {
    for query in queries {
        run(query);
    }
    let mut samples = Vec::with_capacity(queries.len() * 3);
    let mut results = 0usize;
    for round in 0..3 {
        for query in queries {
            let start = Instant::now();
            let total = run(query);
            samples.push(start.elapsed().as_secs_f64() * 1e6);
            if round == 0 {
                results += total;
            }
        }
    }
    let mean = samples.iter().sum::<f64>() / samples.len() as f64;
    let p50 = percentile(&mut samples, 50.0);
    let p95 = percentile(&mut samples, 95.0);
    (p50, p95, mean, results as f64 / queries.len().max(1) as f64)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut data_dir, mut json_out) = (None, None);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--data" => data_dir = args.next(),
            "--json" => json_out = args.next(),
            _ => {} // `cargo bench` passes `--bench`; filters do not apply here.
        }
    }
    let (data_json, queries_json) = match &data_dir {
        Some(dir) => {
            let read = |name: &str| {
                std::fs::read_to_string(format!("{dir}/{name}"))
                    .unwrap_or_else(|error| panic!("cannot read {dir}/{name}: {error}"))
            };
            (read("data.json"), read("queries.json"))
        }
        None => {
            let dataset = generate::dataset(10_000, 2026);
            let queries = generate::queries(&dataset, 1_000, 73);
            (dataset.to_string(), queries.to_string())
        }
    };
    let dataset = Arc::new(Dataset::from_json_strict(&data_json).expect("the generated dataset is valid"));
    let queries = parse_queries(&queries_json);
    let with_filters = queries.iter().filter(|q| q.filters != Default::default()).count();

    let mut build_times = Vec::new();
    let mut index: Option<SearchIndex> = None;
    for _ in 0..5 {
        drop(index.take()); // free the previous build first, as a fresh page would
        let start = Instant::now();
        index = Some(build_index(Arc::clone(&dataset)));
        build_times.push(start.elapsed().as_secs_f64() * 1e3);
    }
    let index = index.expect("built five times");
    let (p50, p95, mean, results) = time_queries(&queries, |query| search(&index, query).total);
    let ours = Figures {
        name: "verschilmaker (native)".into(),
        build_ms: median(&mut build_times),
        memory_bytes: index.heap_bytes(),
        p50_us: p50,
        p95_us: p95,
        mean_us: mean,
        mean_results: results,
    };

    let mut scan_times = Vec::new();
    let mut scan = None;
    for _ in 0..5 {
        drop(scan.take());
        let start = Instant::now();
        scan = Some(scan_build(&dataset));
        scan_times.push(start.elapsed().as_secs_f64() * 1e3);
    }
    let scan = scan.expect("built five times");
    let scan_bytes = scan.texts.iter().map(|t| t.capacity() + 24).sum();
    let (p50, p95, mean, results) = time_queries(&queries, |query| scan_query(&scan, &dataset, query));
    let baseline = Figures {
        name: "baseline: linear scan of folded text (native)".into(),
        build_ms: median(&mut scan_times),
        memory_bytes: scan_bytes,
        p50_us: p50,
        p95_us: p95,
        mean_us: mean,
        mean_results: results,
    };

    println!(
        "\n{} initiatives, {} queries ({} with filters), 3 rounds, median of 5 builds\n",
        dataset.initiatives.len(),
        queries.len(),
        with_filters
    );
    println!(
        "{:<48} {:>9} {:>10} {:>8} {:>8} {:>8} {:>8}",
        "engine", "build ms", "memory MB", "p50 µs", "p95 µs", "mean µs", "results"
    );
    for row in [&ours, &baseline] {
        println!(
            "{:<48} {:>9.1} {:>10.1} {:>8.1} {:>8.1} {:>8.1} {:>8.1}",
            row.name,
            row.build_ms,
            row.memory_bytes as f64 / 1e6,
            row.p50_us,
            row.p95_us,
            row.mean_us,
            row.mean_results
        );
    }
    println!(
        "\nratio (baseline / ours): p50 {:.1}×, p95 {:.1}×; the baseline matches substrings, without stemming, typos or facet counts",
        baseline.p50_us / ours.p50_us,
        baseline.p95_us / ours.p95_us
    );
    if let Some(path) = json_out {
        let rows: Vec<serde_json::Value> = [&ours, &baseline]
            .iter()
            .map(|row| {
                serde_json::json!({
                    "name": row.name, "build_ms": row.build_ms, "memory_bytes": row.memory_bytes,
                    "p50_us": row.p50_us, "p95_us": row.p95_us, "mean_us": row.mean_us,
                    "mean_results": row.mean_results,
                    "note": if row.name.starts_with("verschilmaker") { "memory by the index's own count (heap_bytes)" } else { "memory: the folded texts" },
                })
            })
            .collect();
        std::fs::write(&path, serde_json::Value::from(rows).to_string())
            .unwrap_or_else(|error| panic!("cannot write {path}: {error}"));
    }
}

/// The same mapping as `bench_search::parse_queries`, repeated here because the core crate
/// cannot depend on the bench crate.
fn parse_queries(json: &str) -> Vec<Query> {
    use verschilmaker::search::Filters;
    use verschilmaker::{AreaId, Kind, Stage, ThemeId};
    let value: serde_json::Value = serde_json::from_str(json).expect("queries are JSON");
    let strings = |value: &serde_json::Value| -> Vec<String> {
        value
            .as_array()
            .map(|items| items.iter().filter_map(|item| item.as_str().map(str::to_owned)).collect())
            .unwrap_or_default()
    };
    value
        .as_array()
        .map(|queries| {
            queries
                .iter()
                .map(|query| {
                    let filters = &query["filters"];
                    Query {
                        text: query["text"].as_str().unwrap_or("").to_owned(),
                        filters: Filters {
                            themes: strings(&filters["themes"]).iter().filter_map(|id| ThemeId::new(id)).collect(),
                            areas: strings(&filters["areas"]).iter().filter_map(|id| AreaId::new(id)).collect(),
                            stages: strings(&filters["stages"])
                                .iter()
                                .filter_map(|s| s.parse::<Stage>().ok())
                                .collect(),
                            need_kinds: strings(&filters["need_kinds"])
                                .iter()
                                .filter_map(|k| k.parse::<Kind>().ok())
                                .collect(),
                            ..Filters::default()
                        },
                        limit: 20,
                        ..Query::default()
                    }
                })
                .collect()
        })
        .unwrap_or_default()
}
