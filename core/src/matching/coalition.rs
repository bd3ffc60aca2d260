//! Coalitions: the best set of partners that together cover an initiative's required needs.

use super::index::MatchIndex;
use super::suggest::{OfferSuggestion, scan_offers};
use super::{NeedAt, OfferAt};
use crate::{InitiativeId, NeedId, PartnerId};

/// How a [`Coalition`] was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CoalitionMethod {
    /// Every subset of the candidates was considered, smallest first: the result is optimal.
    Exact,
    /// Greedy cover (more candidates than [`MatchConfig::exact_coalition_limit`]): at most
    /// H(d) ≤ ln d + 1 times as many partners as the optimum when every offer covers a whole
    /// need (d = most needs one partner covers), and at most 1 + ln(Δ/δ) times in general
    /// (Wolsey's bound for submodular cover; Δ the largest coverage one partner brings, δ the
    /// smallest positive coverage step).
    ///
    /// [`MatchConfig::exact_coalition_limit`]: super::MatchConfig::exact_coalition_limit
    Greedy,
}

/// The best set of partners for one initiative, and what it covers.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Coalition {
    /// The partners, ordered by id.
    pub partners: Vec<PartnerId>,
    /// For each required need and each coalition partner that fits it, that partner's best offer.
    pub offers: Vec<OfferSuggestion>,
    /// For each required need, in the initiative's order: the fraction of its open amount the
    /// coalition covers, in [0, 1].
    pub coverage: Vec<(NeedId, f64)>,
    /// Whether every required need is covered in full.
    pub complete: bool,
    /// Σ over required needs of the best score among the coalition's offers for it.
    pub total_score: f64,
    /// How many partners fit at least one required need.
    pub candidates: usize,
    /// Exact or greedy.
    pub method: CoalitionMethod,
}

/// The exact search never runs on more candidates than this: 2^25 subsets is already slow.
const EXACT_LIMIT_CAP: usize = 25;

/// Slack for comparing sums of coverage fractions.
const EPSILON: f64 = 1e-9;

/// What one candidate partner brings: per required need, coverage fraction and best score.
struct Candidate {
    partner: usize,
    cover: Vec<f64>,
    score: Vec<f64>,
    best_offer: Vec<Option<(OfferAt, f64)>>,
}

/// The best coalition for `initiative`: the fewest partners that together reach the greatest
/// coverage possible of its required needs, then the highest total score, then the smallest
/// partner ids.
///
/// A partner covers a need with the open capacity of all its fitting offers together (an
/// offer or need without an amount counts as covering the need in full), so the coverage of a
/// need is min(1, Σ capacity / open amount) over the coalition. When no set of partners covers
/// everything, the coalition reaches what all candidates together reach, and `coverage` shows
/// how far that is. A need already covered by commitments
/// ([`NeedCoverage::covers`](crate::NeedCoverage::covers)) counts as covered and needs no partner.
///
/// ```
/// # use verschilmaker::Dataset;
/// use verschilmaker::matching::{MatchConfig, MatchIndex, coalition};
/// # let dataset = Dataset::from_json_strict(r#"{"schema": "verschilmaker/1",
/// #   "municipality": {"name": "G", "languages": ["nl"]},
/// #   "initiatives": [{"id": "i", "title": "I", "stage": "idea", "needs": [
/// #       {"id": "geld", "kind": "funding", "amount": 1000},
/// #       {"id": "handen", "kind": "volunteers", "amount": 10}]}],
/// #   "partners": [
/// #     {"id": "fonds", "name": "Fonds", "sector": "foundation",
/// #      "offers": [{"id": "subsidie", "kind": "funding", "capacity": 1000}]},
/// #     {"id": "school", "name": "School", "sector": "institution",
/// #      "offers": [{"id": "leerlingen", "kind": "volunteers", "capacity": 10}]}]}"#)?;
/// let index = MatchIndex::build(dataset, &MatchConfig::default());
/// let best = coalition(&index, &"i".parse()?);
/// assert!(best.complete);
/// assert_eq!(best.partners.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// An unknown id gives an empty coalition: no partners, no needs, complete.
pub fn coalition(index: &MatchIndex, initiative: &InitiativeId) -> Coalition {
    // An unknown initiative is given a position past the end, which has no needs.
    coalition_at(index, index.initiative_at(initiative).unwrap_or(usize::MAX))
}

/// [`coalition`] by position.
pub(crate) fn coalition_at(index: &MatchIndex, initiative: usize) -> Coalition {
    let dataset = &*index.dataset;
    let required: Vec<usize> = dataset
        .initiatives
        .get(initiative)
        .map(|i| i.needs.iter().enumerate().filter(|(_, n)| n.required).map(|(j, _)| j).collect())
        .unwrap_or_default();
    let m = required.len();
    let mut by_partner: Vec<Option<Candidate>> = (0..dataset.partners.len()).map(|_| None).collect();
    let mut already = vec![false; m];
    for (r, &j) in required.iter().enumerate() {
        let Some(n) = index.need_col(initiative, j) else { continue };
        // Covered by commitments (also a need without an amount that has one): no partner needed.
        if index.n_covered[n] {
            already[r] = true;
            continue;
        }
        let amount = index.n_amount[n];
        scan_offers(index, n, |column, score| {
            let p = index.o_partner[column] as usize;
            let capacity = index.o_request[column];
            let fraction = if amount.is_nan() || capacity.is_nan() { 1.0 } else { (capacity / amount).min(1.0) };
            let candidate = by_partner[p].get_or_insert_with(|| Candidate {
                partner: p,
                cover: vec![0.0; m],
                score: vec![0.0; m],
                best_offer: vec![None; m],
            });
            candidate.cover[r] = (candidate.cover[r] + fraction).min(1.0);
            if candidate.best_offer[r].is_none_or(|(_, s)| score > s) {
                candidate.best_offer[r] = Some((OfferAt { partner: p, offer: index.o_offer[column] as usize }, score));
                candidate.score[r] = score;
            }
        });
    }
    // By partner id, equal ids by position: the index's partners by rank are in that order,
    // so no sort is needed (and none linked into the wasm bundle).
    let candidates: Vec<Candidate> =
        index.p_by_rank.iter().filter_map(|&p| by_partner.get_mut(p as usize).and_then(Option::take)).collect();
    let target: Vec<f64> = (0..m)
        .map(|r| if already[r] { 1.0 } else { candidates.iter().map(|c| c.cover[r]).fold(0.0, |a, b| a + b).min(1.0) })
        .collect();

    let (chosen, method) = if candidates.len() <= index.config.exact_coalition_limit.min(EXACT_LIMIT_CAP) {
        (exact(&candidates, &target, &already), CoalitionMethod::Exact)
    } else {
        (greedy(&candidates, &target, &already), CoalitionMethod::Greedy)
    };

    let coverage_of = |r: usize| {
        if already[r] { 1.0 } else { chosen.iter().map(|&c| candidates[c].cover[r]).fold(0.0, |a, b| a + b).min(1.0) }
    };
    let complete = (0..m).all(|r| coverage_of(r) >= 1.0 - EPSILON);
    // `required` is empty when the position is not in the dataset, so these index only needs
    // and partners that are there.
    let coverage: Vec<(NeedId, f64)> = required
        .iter()
        .enumerate()
        .map(|(r, &j)| (dataset.initiatives[initiative].needs[j].id.clone(), coverage_of(r)))
        .collect();
    let mut offers = Vec::new();
    for (r, &j) in required.iter().enumerate() {
        for &c in &chosen {
            if let Some((offer, score)) = candidates[c].best_offer[r] {
                let need = index.need_ref(NeedAt { initiative, need: j });
                offers.push(OfferSuggestion { need, offer: index.offer_ref(offer), score });
            }
        }
    }
    Coalition {
        total_score: total_score(&candidates, &chosen, m),
        partners: chosen.iter().map(|&c| dataset.partners[candidates[c].partner].id.clone()).collect(),
        offers,
        coverage,
        complete,
        candidates: candidates.len(),
        method,
    }
}

fn reaches(candidates: &[Candidate], chosen: &[usize], target: &[f64], already: &[bool]) -> bool {
    (0..target.len()).all(|r| {
        already[r]
            || chosen.iter().map(|&c| candidates[c].cover[r]).fold(0.0, |a, b| a + b).min(1.0) >= target[r] - EPSILON
    })
}

fn total_score(candidates: &[Candidate], chosen: &[usize], m: usize) -> f64 {
    (0..m).map(|r| chosen.iter().map(|&c| candidates[c].score[r]).fold(0.0, f64::max)).sum()
}

/// Smallest subsets first, in lexicographic order of candidates (which are sorted by id); the
/// first subset of the smallest size with the highest score wins.
fn exact(candidates: &[Candidate], target: &[f64], already: &[bool]) -> Vec<usize> {
    let n = candidates.len();
    let m = target.len();
    for size in 0..=n {
        let mut best: Option<(f64, Vec<usize>)> = None;
        let mut combo: Vec<usize> = (0..size).collect();
        loop {
            if reaches(candidates, &combo, target, already) {
                let score = total_score(candidates, &combo, m);
                if best.as_ref().is_none_or(|(s, _)| score > *s) {
                    best = Some((score, combo.clone()));
                }
            }
            // Next combination in lexicographic order.
            let Some(i) = (0..size).rev().find(|&i| combo[i] < n - size + i) else { break };
            combo[i] += 1;
            for t in i + 1..size {
                combo[t] = combo[t - 1] + 1;
            }
        }
        if let Some((_, chosen)) = best {
            return chosen;
        }
    }
    (0..n).collect()
}

/// Greedy cover: repeatedly take the candidate that adds the most coverage (towards the
/// target), then the most score, then the lowest id.
fn greedy(candidates: &[Candidate], target: &[f64], already: &[bool]) -> Vec<usize> {
    let m = target.len();
    let mut chosen: Vec<usize> = Vec::new();
    let mut covered = vec![0.0f64; m];
    let mut best_score = vec![0.0f64; m];
    while !reaches(candidates, &chosen, target, already) {
        let mut pick: Option<(f64, f64, usize)> = None;
        for (c, candidate) in candidates.iter().enumerate() {
            if chosen.contains(&c) {
                continue;
            }
            let mut gain = 0.0;
            let mut score_gain = 0.0;
            for r in 0..m {
                if already[r] {
                    continue;
                }
                gain += (covered[r] + candidate.cover[r]).min(target[r]) - covered[r].min(target[r]);
                score_gain += (candidate.score[r] - best_score[r]).max(0.0);
            }
            if pick.is_none_or(|(g, s, _)| gain > g + EPSILON || (gain > g - EPSILON && score_gain > s)) {
                pick = Some((gain, score_gain, c));
            }
        }
        match pick {
            Some((gain, _, c)) if gain > EPSILON => {
                chosen.push(c);
                for r in 0..m {
                    covered[r] += candidates[c].cover[r];
                    best_score[r] = best_score[r].max(candidates[c].score[r]);
                }
            }
            _ => break,
        }
    }
    // In candidate order. The chosen are distinct, so marking them puts them in order without
    // a sort.
    let mut marked = vec![false; candidates.len()];
    for &c in &chosen {
        marked[c] = true;
    }
    (0..candidates.len()).filter(|&c| marked[c]).collect()
}
