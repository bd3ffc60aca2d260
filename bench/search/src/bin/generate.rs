//! Writes the benchmark's dataset and queries: `generate DIR [INITIATIVES] [QUERIES]`.
//!
//! `DIR/data.json` is a dataset in format v1, `DIR/queries.json` the queries; every engine in
//! the comparison reads these same two files.

use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "bench/search/data".into()));
    let initiatives: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let queries: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1_000);
    let dataset = bench_search::generate::dataset(initiatives, 2026);
    let query_list = bench_search::generate::queries(&dataset, queries, 73);
    if let Err(error) = std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(dir.join("data.json"), dataset.to_string()))
        .and_then(|()| std::fs::write(dir.join("queries.json"), query_list.to_string()))
    {
        eprintln!("cannot write to {}: {error}", dir.display());
        std::process::exit(1);
    }
    eprintln!("wrote {initiatives} initiatives and {queries} queries to {}", dir.display());
}
