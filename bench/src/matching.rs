//! Matching exported to wasm32 for timing under Node (see `bench/matching.mjs`).
//!
//! The dataset is generated inside the module by the same seeded generator the native
//! benchmark uses (`core/benches/matching/data.rs`), so no JSON parsing or serde is needed.

use std::sync::Mutex;

use verschilmaker::matching::{MatchConfig, MatchIndex, suggest_for_initiative};

#[path = "../../core/benches/matching/data.rs"]
#[allow(dead_code)] // The generator's helpers are not all used here.
mod data;

/// Suggestions are timed over this many initiatives in turn, as natively.
pub const CYCLE: usize = 64;
/// Top-k per need and overall, as natively.
pub const K: usize = 10;

/// The index, which owns its dataset: built once, then queried again and again.
static INDEX: Mutex<Option<MatchIndex>> = Mutex::new(None);

/// Generates a dataset of `offers` offers and `initiatives` initiatives from `seed` and builds
/// its index. Returns how many offers the index holds.
#[unsafe(no_mangle)]
pub extern "C" fn matching_setup(offers: u32, initiatives: u32, seed: u32) -> u32 {
    let dataset = data::generate(offers as usize, initiatives as usize, u64::from(seed));
    let index = MatchIndex::build(dataset, &MatchConfig::default());
    let count = index.dataset().partners.iter().map(|p| p.offers.len()).sum::<usize>();
    *INDEX.lock().unwrap_or_else(|p| p.into_inner()) = Some(index);
    count as u32
}

/// Runs `calls` suggestion calls for initiatives `first, first + 1, …` (mod [`CYCLE`]) and
/// returns the sum of the scores, so that the work cannot be skipped.
#[unsafe(no_mangle)]
pub extern "C" fn matching_suggest(first: u32, calls: u32) -> f64 {
    let guard = INDEX.lock().unwrap_or_else(|p| p.into_inner());
    let Some(index) = guard.as_ref() else { return f64::NAN };
    run(index, first as usize, calls as usize)
}

/// The timed loop, shared with the native binary.
pub fn run(index: &MatchIndex, first: usize, calls: usize) -> f64 {
    let initiatives = &index.dataset().initiatives;
    let mut checksum = 0.0;
    for call in 0..calls {
        let Some(initiative) = initiatives.get((first + call) % CYCLE) else { return f64::NAN };
        let suggestions = suggest_for_initiative(index, &initiative.id, K);
        checksum += suggestions.per_need.iter().flatten().map(|s| s.score).sum::<f64>();
        checksum += suggestions.partners.iter().map(|p| p.score).sum::<f64>();
    }
    checksum
}
