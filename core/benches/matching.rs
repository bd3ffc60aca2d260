//! Benchmarks matching beside straightforward baselines measured in the same run.
//!
//! `cargo bench -p verschilmaker --bench matching` (add `--features synth` when you like; the
//! data here comes from `benches/matching/data.rs`, a seeded generator).
//!
//! - suggestions for one initiative over 10 000 and 100 000 offers: [`suggest_for_initiative`]
//!   beside [`naive_suggest_for_initiative`] (every offer scored from the model, all sorted);
//!   and over 100 000 offers of a town whose partners are harder on the pruning (`data::WIDE`:
//!   half serve everywhere, most of those with a location have a radius up to 25 km);
//! - an allocation round with about 300 000 candidate arcs: [`allocate`] (min-cost flow)
//!   beside a greedy fill of the same candidate arcs by value per unit.
//!
//! After criterion's own report, a summary prints each figure beside its baseline.

#[path = "matching/data.rs"]
mod data;

use std::collections::HashMap;
use std::hint::black_box;
use std::sync::Arc;
use std::time::Instant;

use criterion::Criterion;
use verschilmaker::matching::{
    AllocationResult, MatchConfig, MatchIndex, NeedRef, OfferRef, allocate, naive_suggest_for_initiative,
    suggest_for_initiative, suggest_for_need,
};

const K: usize = 10;
/// Initiatives cycled through, so that one lucky initiative does not decide the figure.
const CYCLE: usize = 64;

/// Median wall time of `runs` calls of `f`, in milliseconds.
fn median_ms(runs: usize, mut f: impl FnMut(usize)) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|i| {
            let start = Instant::now();
            f(i);
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

/// CPU time this thread has run, in milliseconds (Linux's schedstat), or NaN elsewhere. The
/// machine the figures come from is shared, so CPU time is printed beside wall time.
fn cpu_ms() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|text| text.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(f64::NAN, |ns| ns / 1e6)
}

/// Mean CPU time per call over `calls` calls of `f`, in milliseconds.
fn cpu_per_call_ms(calls: usize, mut f: impl FnMut(usize)) -> f64 {
    let start = cpu_ms();
    for i in 0..calls {
        f(i);
    }
    (cpu_ms() - start) / calls as f64
}

/// The straightforward allocation: the same candidate arcs, filled greedily by value per unit
/// (score / open amount), best first. The open amounts and capacities are the round's own
/// (`unmet[].open`, `idle[].open`), so both objectives count alike. Returns its objective.
fn greedy_allocation(index: &MatchIndex, round: &AllocationResult) -> f64 {
    // Keyed by ids, as a program using the public API would keep them.
    let mut capacity: HashMap<&OfferRef, f64> = HashMap::with_capacity(round.idle.len());
    for idle in &round.idle {
        capacity.insert(&idle.offer, idle.open);
    }
    let mut open: HashMap<&NeedRef, f64> = HashMap::with_capacity(round.unmet.len());
    let mut arcs: Vec<(f64, &NeedRef, OfferRef, f64)> = Vec::new();
    for unmet in &round.unmet {
        open.insert(&unmet.need, unmet.open);
        for s in suggest_for_need(index, &unmet.need, index.config().candidates_per_need) {
            if s.score > 0.0 && capacity.get(&s.offer).is_some_and(|&c| c > 0.0) {
                arcs.push((s.score / unmet.open, &unmet.need, s.offer, s.score));
            }
        }
    }
    arcs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut objective = 0.0;
    for (per_unit, need, offer, _) in arcs {
        let (Some(left), Some(offered)) = (open.get(need).copied(), capacity.get_mut(&offer)) else { continue };
        let give = offered.min(left);
        if give > 0.0 {
            objective += give * per_unit;
            *offered -= give;
            open.insert(need, left - give);
        }
    }
    objective
}

fn main() {
    let mut criterion = Criterion::default()
        .configure_from_args()
        .sample_size(20)
        .warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(2));
    let config = MatchConfig::default();
    let mut summary: Vec<(String, f64, f64, String)> = Vec::new();
    // A criterion filter naming one part (`suggest` or `allocation`) runs only that part.
    let filter: String = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let run_suggest = !filter.contains("allocation");
    let run_allocation = !filter.contains("suggest");

    let cases = [(10_000, data::USUAL, ""), (100_000, data::USUAL, ""), (100_000, data::WIDE, ", wide mix")];
    for (offers, mix, label) in cases.into_iter().filter(|_| run_suggest) {
        let offers_label = format!("{offers} offers{label}");
        let dataset = Arc::new(data::generate_with(offers, 2_000, 7, mix));
        let index = MatchIndex::build(Arc::clone(&dataset), &config);
        let ids: Vec<_> = dataset.initiatives.iter().map(|i| i.id.clone()).collect();
        let mut group = criterion.benchmark_group(format!("suggest/{offers_label}"));
        let mut i = 0;
        group.bench_function("index", |b| {
            b.iter(|| {
                i = (i + 1) % CYCLE;
                black_box(suggest_for_initiative(&index, &ids[i], K))
            })
        });
        let mut i = 0;
        group.bench_function("baseline (score all from the model, sort)", |b| {
            b.iter(|| {
                i = (i + 1) % CYCLE;
                black_box(naive_suggest_for_initiative(&dataset, &config, i, K))
            })
        });
        group.finish();
        let ours = median_ms(CYCLE * 20, |i| {
            black_box(suggest_for_initiative(&index, &ids[i % CYCLE], K));
        });
        let baseline = median_ms(CYCLE, |i| {
            black_box(naive_suggest_for_initiative(&dataset, &config, i % CYCLE, K));
        });
        let ours_cpu = cpu_per_call_ms(CYCLE * 20, |i| {
            black_box(suggest_for_initiative(&index, &ids[i % CYCLE], K));
        });
        let baseline_cpu = cpu_per_call_ms(CYCLE, |i| {
            black_box(naive_suggest_for_initiative(&dataset, &config, i % CYCLE, K));
        });
        let build = median_ms(5, |_| {
            black_box(MatchIndex::build(Arc::clone(&dataset), &config));
        });
        summary.push((format!("suggestions, one initiative, {offers_label} (wall)"), ours, baseline, "ms".into()));
        summary.push((
            format!("suggestions, one initiative, {offers_label} (cpu)"),
            ours_cpu,
            baseline_cpu,
            "ms".into(),
        ));
        summary.push((format!("  (index build for {offers_label}, once per dataset)"), build, f64::NAN, "ms".into()));
        // What the text component costs: the same suggestions with its weight 0 beside them.
        let mut plain = config.clone();
        let mut weights = verschilmaker::matching::Weights::for_dataset(&dataset);
        weights.text = 0.0;
        plain.weights = Some(weights);
        let plain_index = MatchIndex::build(Arc::clone(&dataset), &plain);
        let without_text = median_ms(CYCLE * 20, |i| {
            black_box(suggest_for_initiative(&plain_index, &ids[i % CYCLE], K));
        });
        summary.push((
            format!("  the same, beside the text weight 0 ({offers_label})"),
            ours,
            without_text,
            "ms".into(),
        ));
    }

    // Allocation: about 30 000 open needs × 10 candidates.
    if run_allocation {
        allocation(&mut criterion, &config, &mut summary);
    }
    print_summary(summary);
}

fn allocation(criterion: &mut Criterion, config: &MatchConfig, summary: &mut Vec<(String, f64, f64, String)>) {
    let dataset = Arc::new(data::generate(10_000, 13_000, 11));
    let index = MatchIndex::build(Arc::clone(&dataset), config);
    let round = allocate(&index).expect("the round solves");
    let greedy = greedy_allocation(&index, &round);
    let needs: usize = dataset.initiatives.iter().map(|i| i.needs.len()).sum();
    println!("allocation dataset: {} offers, {needs} needs, {} candidate arcs", 10_000, round.candidate_arcs);
    let mut group = criterion.benchmark_group(format!("allocation/{} arcs", round.candidate_arcs));
    group.sample_size(10).measurement_time(std::time::Duration::from_secs(10));
    group.bench_function("min-cost flow", |b| b.iter(|| black_box(allocate(&index))));
    group.bench_function("baseline (greedy fill)", |b| b.iter(|| black_box(greedy_allocation(&index, &round))));
    group.finish();
    let ours = median_ms(5, |_| {
        black_box(allocate(&index).ok());
    });
    let baseline = median_ms(5, |_| {
        black_box(greedy_allocation(&index, &round));
    });
    // The candidate scan both share: the top offers of every need.
    let scan = median_ms(5, |_| {
        for initiative in &dataset.initiatives {
            for need in &initiative.needs {
                let need = NeedRef::new(initiative.id.clone(), need.id.clone());
                black_box(suggest_for_need(&index, &need, config.candidates_per_need));
            }
        }
    });
    summary.push((format!("allocation round, {} candidate arcs", round.candidate_arcs), ours, baseline, "ms".into()));
    summary.push(("  of which the candidate scan (both)".into(), scan, scan, "ms".into()));
    summary.push(("  objective (Σ amount·score/open; higher is better)".into(), round.objective, greedy, "".into()));
}

fn print_summary(summary: Vec<(String, f64, f64, String)>) {
    let sizes = MatchIndex::column_sizes();
    println!();
    println!("{:<52} {:>14} {:>14} {:>8}", "figure", "ours", "baseline", "ratio");
    for (name, ours, baseline, unit) in summary {
        let ratio = if baseline.is_nan() { String::from("-") } else { format!("{:.3}", ours / baseline) };
        let base = if baseline.is_nan() { String::from("-") } else { format!("{baseline:.4} {unit}") };
        println!("{name:<52} {:>14} {base:>14} {ratio:>8}", format!("{ours:.4} {unit}"));
    }
    println!(
        "scoring columns: {} bytes per offer (+ {} per partner, {} per need)",
        sizes.per_offer, sizes.per_partner, sizes.per_need
    );
}
