//! Matching quality on a judged set (`testdata/judged/`): precision at 5, nDCG at 5 and the
//! number of needs whose first suggestion a facilitator judged wrong, for any way of ranking a
//! need's offers. Shared by the benchmark `benches/quality.rs` and the test `tests/quality.rs`.

use std::collections::HashMap;

use serde_json::Value;
use verschilmaker::matching::{MatchConfig, MatchIndex, suggest_for_initiative};
use verschilmaker::{Dataset, Date};

/// How many suggestions count.
pub const K: usize = 5;

/// One judged need: its initiative and id, and the grade (0, 1, 2) of each judged offer by
/// `partner/offer`; an offer not judged counts as 0.
pub struct JudgedNeed {
    pub initiative: String,
    pub need: String,
    pub grades: HashMap<String, u8>,
}

/// The judged set in `json` (the shape of `testdata/judged/demo.json`).
pub fn judged_needs(json: &str) -> Vec<JudgedNeed> {
    let value: Value = serde_json::from_str(json).expect("the judged set is JSON");
    let needs = value["needs"].as_array().expect("a list of needs");
    needs
        .iter()
        .map(|need| JudgedNeed {
            initiative: need["initiative"].as_str().expect("an initiative id").to_owned(),
            need: need["need"].as_str().expect("a need id").to_owned(),
            grades: need["offers"]
                .as_array()
                .expect("a list of offers")
                .iter()
                .map(|offer| {
                    let key = format!(
                        "{}/{}",
                        offer["partner"].as_str().expect("a partner"),
                        offer["offer"].as_str().expect("an offer")
                    );
                    (key, offer["grade"].as_u64().expect("a grade") as u8)
                })
                .collect(),
        })
        .collect()
}

/// The engine's suggestions for each judged need, as `partner/offer` keys, best first (at most
/// `k`; none for a need the engine leaves out, such as a covered one). With a large `k`, every
/// candidate the engine finds.
pub fn engine_lists(dataset: &Dataset, judged: &[JudgedNeed], k: usize) -> Vec<Vec<String>> {
    engine_lists_with(dataset, judged, k, &config())
}

/// The configuration the sets were judged with: today is the day of the judging, 2026-12-07.
pub fn config() -> MatchConfig {
    let mut config = MatchConfig::default();
    config.today = Date::new(2026, 12, 7);
    config
}

/// [`engine_lists`] with another configuration (other weights, for a baseline).
pub fn engine_lists_with(dataset: &Dataset, judged: &[JudgedNeed], k: usize, config: &MatchConfig) -> Vec<Vec<String>> {
    let index = MatchIndex::build(dataset.clone(), config);
    judged
        .iter()
        .map(|judged| {
            let Some(initiative) = dataset.initiatives.iter().find(|i| i.id.as_str() == judged.initiative) else {
                return Vec::new();
            };
            let Some(at) = initiative.needs.iter().position(|n| n.id.as_str() == judged.need) else {
                return Vec::new();
            };
            let suggestions = suggest_for_initiative(&index, &initiative.id, k);
            suggestions
                .per_need
                .get(at)
                .map(|list| list.iter().map(|s| format!("{}/{}", s.offer.partner, s.offer.offer)).collect())
                .unwrap_or_default()
        })
        .collect()
}

/// The measures of one way of ranking, over the judged needs.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Quality {
    /// Mean over the needs of (offers graded 1 or 2 among the first K) / K.
    pub precision: f64,
    /// Mean over the needs that have an offer graded above 0 of DCG@K / ideal DCG@K, with
    /// gains 2^grade − 1.
    pub ndcg: f64,
    /// Needs whose first suggestion is graded 0.
    pub first_wrong: usize,
    /// Needs with at least one suggestion.
    pub suggested: usize,
}

fn dcg(grades: impl Iterator<Item = u8>) -> f64 {
    grades.take(K).enumerate().map(|(i, g)| f64::from((1u32 << g) - 1) / ((i + 2) as f64).log2()).sum()
}

/// The measures of `lists` (one per judged need, best first).
pub fn quality(judged: &[JudgedNeed], lists: &[Vec<String>]) -> Quality {
    let grade = |need: &JudgedNeed, key: &String| need.grades.get(key).copied().unwrap_or(0);
    let mut precision = 0.0;
    let (mut ndcg, mut ideal_needs) = (0.0, 0);
    let (mut first_wrong, mut suggested) = (0, 0);
    for (need, list) in judged.iter().zip(lists) {
        precision += list.iter().take(K).filter(|key| grade(need, key) > 0).count() as f64 / K as f64;
        let mut ideal: Vec<u8> = need.grades.values().copied().collect();
        ideal.sort_unstable_by(|a, b| b.cmp(a));
        let ideal = dcg(ideal.into_iter());
        if ideal > 0.0 {
            ndcg += dcg(list.iter().map(|key| grade(need, key))) / ideal;
            ideal_needs += 1;
        }
        if let Some(first) = list.first() {
            suggested += 1;
            first_wrong += usize::from(grade(need, first) == 0);
        }
    }
    let n = judged.len().max(1) as f64;
    Quality { precision: precision / n, ndcg: ndcg / f64::from(ideal_needs.max(1)), first_wrong, suggested }
}

/// The best possible lists: each need's judged offers by grade, those graded 0 left out.
pub fn best_lists(judged: &[JudgedNeed]) -> Vec<Vec<String>> {
    judged
        .iter()
        .map(|need| {
            let mut offers: Vec<(&String, u8)> =
                need.grades.iter().filter(|(_, g)| **g > 0).map(|(k, g)| (k, *g)).collect();
            offers.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            offers.into_iter().map(|(key, _)| key.clone()).collect()
        })
        .collect()
}

/// The best possible lists under the engine's own rules: each need's judged offers of its own
/// kind and unit (matching never suggests another kind), one per partner (its best graded),
/// by grade, those graded 0 left out.
pub fn best_lists_same_kind(dataset: &Dataset, judged: &[JudgedNeed]) -> Vec<Vec<String>> {
    judged
        .iter()
        .map(|need| {
            let Some(asked) = dataset
                .initiatives
                .iter()
                .find(|i| i.id.as_str() == need.initiative)
                .and_then(|i| i.needs.iter().find(|n| n.id.as_str() == need.need))
            else {
                return Vec::new();
            };
            let same_kind = |key: &str| {
                let Some((partner, offer)) = key.split_once('/') else { return false };
                dataset
                    .partners
                    .iter()
                    .filter(|p| p.id.as_str() == partner)
                    .flat_map(|p| &p.offers)
                    .any(|o| o.id.as_str() == offer && o.kind == asked.kind && o.unit == asked.unit)
            };
            let mut offers: Vec<(&String, u8)> =
                need.grades.iter().filter(|(k, g)| **g > 0 && same_kind(k)).map(|(k, g)| (k, *g)).collect();
            offers.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            let mut partners: Vec<&str> = Vec::new();
            offers.retain(|(key, _)| {
                let partner = key.split_once('/').map_or(key.as_str(), |(p, _)| p);
                let first = !partners.contains(&partner);
                partners.push(partner);
                first
            });
            offers.into_iter().map(|(key, _)| key.clone()).collect()
        })
        .collect()
}

/// The same lists in a shuffled order (a seeded generator of our own, so the figure is the same
/// on every run): given every candidate the engine finds, what its ordering adds.
pub fn shuffled(lists: &[Vec<String>], seed: u64) -> Vec<Vec<String>> {
    let mut state = seed;
    let mut next = move || {
        // SplitMix64.
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    lists
        .iter()
        .map(|list| {
            let mut list = list.clone();
            for i in (1..list.len()).rev() {
                list.swap(i, (next() % (i as u64 + 1)) as usize);
            }
            list
        })
        .collect()
}

/// The mean of the measures of the engine's candidates in `runs` random orders.
pub fn random_order(judged: &[JudgedNeed], candidates: &[Vec<String>], runs: u64) -> Quality {
    let mut sum = Quality::default();
    let mut first_wrong = 0.0;
    let mut suggested = 0;
    for seed in 0..runs {
        let q = quality(judged, &shuffled(candidates, seed));
        sum.precision += q.precision / runs as f64;
        sum.ndcg += q.ndcg / runs as f64;
        first_wrong += q.first_wrong as f64 / runs as f64;
        suggested = q.suggested;
    }
    Quality { first_wrong: first_wrong.round() as usize, suggested, ..sum }
}
