//! Matching quality on judged sets, beside baselines from the same run.
//!
//! `cargo bench -p verschilmaker --bench quality`: for each judged set in `testdata/judged/` (the
//! demo data, and a dataset of offers that resemble each other)
//! (grades 0/1/2 a facilitator gave each offer for each need, written from the texts before
//! and without any engine output; see its README), the per-need suggestions of
//! [`suggest_for_initiative`](verschilmaker::matching::suggest_for_initiative) scored as
//! precision at 5, nDCG at 5 and "first suggestion wrong", beside the same candidates in random
//! order (the mean of 20 seeded shuffles: what the ordering adds) and the best possible lists
//! (each need's judged offers by grade). Quality, not time: no timing here.
//!
//! `tests/quality.rs` fails when the first-wrong count rises above today's.

#[path = "quality/judged.rs"]
mod judged;

use verschilmaker::Dataset;

/// The judged sets: a name, the dataset and the grades.
const SETS: [(&str, &str, &str); 2] = [
    ("the demo data", include_str!("../demo/initiatieven.json"), include_str!("../testdata/judged/demo.json")),
    (
        "similar offers",
        include_str!("../testdata/judged/similar-offers.json"),
        include_str!("../testdata/judged/similar-offers.grades.json"),
    ),
];

fn main() {
    for (name, data, grades) in SETS {
        let dataset = Dataset::from_json_strict(data).expect("the judged set's dataset is valid");
        let judged = judged::judged_needs(grades);
        let engine = judged::engine_lists(&dataset, &judged, judged::K);
        let candidates = judged::engine_lists(&dataset, &judged, usize::MAX);
        // The same engine without its text component, a baseline from this run (the scoring
        // before issue 22 is in the README's table: it had neither text nor conditions).
        let mut plain = judged::config();
        let mut weights = verschilmaker::matching::Weights::for_dataset(&dataset);
        weights.text = 0.0;
        plain.weights = Some(weights);
        let without_text = judged::engine_lists_with(&dataset, &judged, judged::K, &plain);
        let rows = [
            ("engine", judged::quality(&judged, &engine)),
            ("the engine without its text component", judged::quality(&judged, &without_text)),
            ("its candidates in random order", judged::random_order(&judged, &candidates, 20)),
            ("best possible", judged::quality(&judged, &judged::best_lists(&judged))),
            (
                "best, same kind, one offer per partner",
                judged::quality(&judged, &judged::best_lists_same_kind(&dataset, &judged)),
            ),
        ];
        println!("matching quality on the judged set of {name} ({} needs)", judged.len());
        println!("{:<40} {:>8} {:>8} {:>13} {:>10}", "", "P@5", "nDCG@5", "first wrong", "suggested");
        for (row, q) in rows {
            println!("{row:<40} {:>8.2} {:>8.2} {:>13} {:>10}", q.precision, q.ndcg, q.first_wrong, q.suggested);
        }
        println!();
    }
}
