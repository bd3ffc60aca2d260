//! The dataset loader beside parsing the same text into a `serde_json::Value`, from the same run.
//!
//! `cargo bench -p verschilmaker --features synth --bench load`: generates a town of 10,000
//! initiatives and 50,000 partners with the crate's own generator, writes it as compact JSON,
//! and times, as the median of several runs each, `serde_json::from_str::<Value>` of that text
//! (the baseline: what reading the JSON alone costs), the strict load
//! ([`Dataset::from_json_strict`]) and the lenient one ([`Dataset::from_json_lenient`]). Each
//! figure is given in ms, in MB/s and as a ratio to the baseline, so that it can be compared
//! across machines and days. Issue 19 asks for the strict load at ≥ 150 MB/s natively and the
//! lenient one not several times faster than the strict one.

use std::hint::black_box;
use std::time::{Duration, Instant};

use verschilmaker::Dataset;
use verschilmaker::synth::{SynthConfig, generate};

/// How many times each load is timed; the median is printed.
const RUNS: usize = 7;

fn main() {
    let config = SynthConfig { partners: 50_000, ..SynthConfig::with_initiatives(19, 10_000) };
    // Compact, as a program that publishes the data writes it; `exchange::export_json`'s pretty
    // print of the same town is half as large again, most of it indentation.
    let json = serde_json::to_string(&generate(&config)).expect("a dataset serialises");
    let megabytes = json.len() as f64 / 1e6;
    let dataset = Dataset::from_json_strict(&json).expect("the generated dataset is valid");
    let offers: usize = dataset.partners.iter().map(|partner| partner.offers.len()).sum();
    println!(
        "loading {} initiatives and {} partners ({offers} offers): {megabytes:.1} MB of JSON, median of {RUNS} runs",
        dataset.initiatives.len(),
        dataset.partners.len(),
    );
    drop(dataset);

    let baseline = median(|| serde_json::from_str::<serde_json::Value>(black_box(&json)).expect("valid JSON"));
    let strict = median(|| Dataset::from_json_strict(black_box(&json)).expect("valid dataset"));
    let lenient = median(|| Dataset::from_json_lenient(black_box(&json)).expect("valid dataset"));

    println!("{:<40} {:>9} {:>9} {:>14}", "", "ms", "MB/s", "× baseline");
    for (name, time) in
        [("serde_json::from_str::<Value> (baseline)", baseline), ("strict load", strict), ("lenient load", lenient)]
    {
        let seconds = time.as_secs_f64();
        let ratio = seconds / baseline.as_secs_f64();
        println!("{name:<40} {:>9.1} {:>9.1} {ratio:>14.2}", seconds * 1000.0, megabytes / seconds);
    }
}

/// The median time of [`RUNS`] runs of `run`. What it returns is dropped after the clock
/// stops: freeing a dataset is not part of loading it.
fn median<T>(mut run: impl FnMut() -> T) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let result = black_box(run());
            let time = start.elapsed();
            drop(result);
            time
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}
