//! Suggestions: the best offers and partners for a need or an initiative, and the best needs for
//! a partner or for a volunteer's own offer.
//!
//! Every list is ordered by score (descending), then by id (partner id and offer id, or
//! initiative id and need id), so the same input always gives the same order.

use std::cmp::Ordering;

use super::index::{MatchIndex, NONE, OfferSide};
use super::score::{
    AdHocColumns, AreaTable, UNKNOWN, WHOLE_MUNICIPALITY, capacity_value, diversity_value, period_value,
    proximity_value_of, score_columns, share, shared_count,
};
use super::{AdHocOffer, NeedRef, OfferRef};

/// An offer suggested for a need, with its score; [`explain`](super::explain) says why.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OfferSuggestion {
    /// The need.
    pub need: NeedRef,
    /// The offer.
    pub offer: OfferRef,
    /// The score in [0, 1].
    pub score: f64,
}

/// A partner suggested for a whole initiative.
#[derive(Clone, Debug, PartialEq)]
pub struct PartnerSuggestion {
    /// Index into `dataset.partners`.
    pub partner: usize,
    /// The mean over the initiative's needs of the partner's best score for each (0 where none
    /// of its offers fits), so a partner that can help with more needs ranks higher.
    pub score: f64,
    /// Its best offer for each need it fits, in need order.
    pub offers: Vec<OfferSuggestion>,
}

impl PartnerSuggestion {
    /// Why this partner: the reasons of its best offer (the first of the best, in need order),
    /// largest contribution first, ties in component order.
    pub fn reasons(&self, index: &MatchIndex<'_>) -> Vec<super::Reason> {
        let best = self.offers.iter().fold(None::<&OfferSuggestion>, |best, o| match best {
            Some(b) if b.score >= o.score => Some(b),
            _ => Some(o),
        });
        let mut components =
            best.and_then(|o| super::explain(index, o.need, o.offer)).map(|e| e.components).unwrap_or_default();
        // An insertion sort: a handful of components, and `sort_by` would link one more copy of
        // the standard library's stable sort (about 2.5 KB of wasm) for this one type.
        for sorted in 1..components.len() {
            let mut at = sorted;
            while at > 0 && components[at - 1].contribution < components[at].contribution {
                components.swap(at - 1, at);
                at -= 1;
            }
        }
        components.into_iter().map(|c| c.reason).collect()
    }
}

/// Suggestions for a whole initiative.
#[derive(Clone, Debug, PartialEq)]
pub struct InitiativeSuggestions {
    /// For each need, in the initiative's order, the top offers.
    pub per_need: Vec<Vec<OfferSuggestion>>,
    /// The top partners overall, each once.
    pub partners: Vec<PartnerSuggestion>,
}

/// A need suggested for a partner or for an ad-hoc offer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NeedSuggestion {
    /// The need.
    pub need: NeedRef,
    /// The partner's best offer for it; `None` for an ad-hoc offer.
    pub offer: Option<OfferRef>,
    /// The score in [0, 1].
    pub score: f64,
}

/// The best `k` items by (score descending, key ascending).
pub(crate) struct TopK {
    k: usize,
    pub(crate) items: Vec<(f64, u32)>,
    /// The k-th best score once there are `k` items (−∞ before): a lower score cannot enter,
    /// which one comparison tells for nearly every item pushed.
    floor: f64,
}

impl TopK {
    pub(crate) fn new(k: usize) -> TopK {
        let floor = if k == 0 { f64::INFINITY } else { f64::NEG_INFINITY };
        TopK { k, items: Vec::with_capacity(k.min(1024) + 1), floor }
    }

    fn better(a: (f64, u32), b: (f64, u32)) -> bool {
        a.0 > b.0 || (a.0 == b.0 && a.1 < b.1)
    }

    #[inline]
    pub(crate) fn push(&mut self, score: f64, key: u32) {
        if score < self.floor {
            return;
        }
        self.insert(score, key);
    }

    fn insert(&mut self, score: f64, key: u32) {
        if self.items.len() == self.k {
            match self.items.last() {
                Some(&last) if TopK::better((score, key), last) => {
                    self.items.pop();
                }
                _ => return,
            }
        }
        let pos = self.items.partition_point(|&item| TopK::better(item, (score, key)));
        self.items.insert(pos, (score, key));
        if self.items.len() == self.k
            && let Some(&(last, _)) = self.items.last()
        {
            self.floor = last;
        }
    }
}

fn offer_ref(ix: &MatchIndex<'_>, column: usize) -> OfferRef {
    OfferRef { partner: ix.o_partner[column] as usize, offer: ix.o_offer[column] as usize }
}

fn need_ref(ix: &MatchIndex<'_>, column: usize) -> NeedRef {
    NeedRef { initiative: ix.n_initiative[column] as usize, need: ix.n_need[column] as usize }
}

/// Calls `found(offer column, score)` for every offer that matches need column `n`, in column order.
#[inline]
pub(crate) fn scan_offers(ix: &MatchIndex<'_>, n: usize, mut found: impl FnMut(usize, f64)) {
    scan_partner_offers(ix, n, |_, column, score| found(column, score));
}

/// Calls `found(partner, offer column, score)` for every offer that matches need column `n`,
/// in column order (so one partner's offers come together, partners in id order).
///
/// This is the hot loop. It walks the class's partner runs: whatever depends only on the
/// partner (the proximity filter and value, themes, diversity) is computed once per run;
/// then each offer costs its skills, period, capacity and load. The score is added up
/// exactly as [`total`](super::score::total) does, in component order, so it is the same to
/// the bit.
///
/// When the initiative has an area, only the runs that can pass the proximity filter are
/// visited (see `RunBuckets`): partners for the whole municipality or with a radius, and the
/// partners of each related area, whose proximity value is that of the area.
#[inline]
pub(crate) fn scan_partner_offers(ix: &MatchIndex<'_>, n: usize, mut found: impl FnMut(usize, usize, f64)) {
    let need = ix.need_side(n);
    let init = &need.initiative;
    let table = AreaTable::new(ix, init.area);
    let skills_count = need.skills.len();
    let skill_share: Vec<f64> = (0..=skills_count).map(|k| share(k, skills_count)).collect();
    let skill_share = |k: usize| skill_share.get(k).copied().unwrap_or(1.0);
    let themes_count = init.themes.len();
    let theme_share: Vec<f64> = (0..=themes_count).map(|k| share(k, themes_count)).collect();
    let theme_share = |k: usize| theme_share.get(k).copied().unwrap_or(1.0);
    let norm = &ix.norm;
    let pool = &ix.pool;
    // The full proximity filter of the partner of run `r` (−1 when it fails).
    let full_proximity = |r: usize| {
        let Some(run) = ix.runs.get(r) else { return -1.0 };
        let p = run.partner as usize;
        let (Some(partner), Some(geo)) = (ix.p_rows.get(p), ix.p_geo.get(p)) else { return -1.0 };
        let limits = (geo.radius, geo.radius_limit);
        proximity_value_of(init, partner.all_areas, partner.areas.of(pool), limits, geo.point, &table)
    };
    let class_runs = ix.runs_of_class(need.class);
    let mut next_run = class_runs.start;
    // With an area: the partners of related areas, each once with its best area's value, in
    // run order, to be merged with the open runs (the two are disjoint).
    //
    // Why not collect the areas' runs and sort them? An initiative's area has about ten
    // related areas with hundreds of runs each, and sorting them was a tenth of the whole
    // call; marking each run's best value in a table over the class's runs and reading it in
    // order gives the same list in linear time.
    let mut near: Vec<(u32, f64)> = Vec::new();
    if init.area != NONE {
        if let [(area, value)] = table.related[..] {
            near.extend(ix.buckets.area_of(need.class, area).iter().map(|&r| (r, value)));
        } else {
            let mut best = vec![-1.0f64; class_runs.len()];
            for &(area, value) in &table.related {
                for &r in ix.buckets.area_of(need.class, area) {
                    if let Some(slot) = best.get_mut((r as usize).wrapping_sub(class_runs.start))
                        && value > *slot
                    {
                        *slot = value;
                    }
                }
            }
            for (at, &value) in best.iter().enumerate() {
                if value >= 0.0 {
                    near.push(((class_runs.start + at) as u32, value));
                }
            }
        }
    }
    let open = ix.buckets.open_of(need.class);
    let (mut i, mut j) = (0, 0);
    loop {
        // The next run that may pass, and its proximity value (−1 when it does not pass).
        let (r, proximity) = if init.area == NONE {
            if next_run >= class_runs.end {
                break;
            }
            next_run += 1;
            (next_run - 1, full_proximity(next_run - 1))
        } else {
            // The lower run of the two lists' heads (they are disjoint), or the end.
            let open_run = open.get(i).map_or(usize::MAX, |&(r, _)| r as usize);
            let near_run = near.get(j).map_or(usize::MAX, |&(r, _)| r as usize);
            if open_run < near_run {
                let radius = open[i].1;
                i += 1;
                // Without a radius an open partner serves the whole municipality.
                (open_run, if radius { full_proximity(open_run) } else { WHOLE_MUNICIPALITY })
            } else if near_run < usize::MAX {
                let value = near[j].1;
                j += 1;
                (near_run, value)
            } else {
                break;
            }
        };
        if proximity < 0.0 {
            continue;
        }
        let (Some(run), Some(next)) = (ix.runs.get(r), ix.runs.get(r + 1)) else { continue };
        let p = run.partner as usize;
        let Some(partner) = ix.p_rows.get(p) else { continue };
        let themes = if init.themes.is_empty() || partner.themes.len == 0 {
            UNKNOWN
        } else if ix.themes_exact {
            theme_share(shared_bits(init.theme_sig, partner.theme_sig, themes_count))
        } else {
            theme_share(shared_count(init.themes, init.theme_sig, partner.themes.of(pool), partner.theme_sig))
        };
        let diversity = diversity_value(init.sectors, partner.sector);
        // The partner's three contributions; the sum below adds them in component order.
        let (themes, proximity, diversity) = (norm[1] * themes, norm[2] * proximity, norm[5] * diversity);
        for column in run.start as usize..next.start as usize {
            let (Some(&capacity), Some(row)) = (ix.o_capacity.get(column), ix.o_rows.get(column)) else { break };
            let skills = if skills_count == 0 {
                1.0
            } else if ix.skills_exact {
                skill_share(shared_bits(need.skill_sig, row.skill_sig, skills_count))
            } else {
                let offered = ix.o_skills.get(column).map_or(&[][..], |s| s.of(pool));
                skill_share(shared_count(need.skills, need.skill_sig, offered, row.skill_sig))
            };
            let score = norm[0] * skills
                + themes
                + proximity
                + norm[3] * period_value(need.period, row.period).0
                + norm[4] * capacity_value(need.amount, capacity)
                + diversity
                + norm[6] * row.load;
            found(p, column, score);
        }
    }
}

/// How many ids two exact signatures share, where `asked` has `count` ids. Without a
/// `popcnt` instruction (plain x86-64) `count_ones` is a dozen operations; most needs ask
/// for one or two skills and most initiatives have one or two themes, which take two tests
/// (the shared bits are a subset of `asked`, so at most `count` of them are set).
#[inline]
fn shared_bits(asked: u64, offered: u64, count: usize) -> usize {
    let shared = asked & offered;
    if count <= 2 {
        usize::from(shared != 0) + usize::from(shared & shared.wrapping_sub(1) != 0)
    } else {
        shared.count_ones() as usize
    }
}

/// The best `k` offers for one need; empty when the position is not in the dataset.
///
/// ```
/// # use verschilmaker::Dataset;
/// use verschilmaker::matching::{MatchConfig, MatchIndex, NeedRef, suggest_for_need};
/// # let dataset = Dataset::from_json_strict(r#"{"schema": "verschilmaker/1",
/// #   "municipality": {"name": "G", "languages": ["nl"]},
/// #   "initiatives": [{"id": "i", "title": "I", "stage": "idea",
/// #                    "needs": [{"id": "geld", "kind": "funding", "amount": 1000}]}],
/// #   "partners": [{"id": "fonds", "name": "Fonds", "sector": "foundation",
/// #                 "offers": [{"id": "subsidie", "kind": "funding", "capacity": 500}]}]}"#)?;
/// let index = MatchIndex::build(&dataset, &MatchConfig::default());
/// let top = suggest_for_need(&index, NeedRef { initiative: 0, need: 0 }, 3);
/// assert_eq!(top[0].offer.ids(&dataset).unwrap().0.as_str(), "fonds");
/// # Ok::<(), verschilmaker::LoadError>(())
/// ```
pub fn suggest_for_need(index: &MatchIndex<'_>, need: NeedRef, k: usize) -> Vec<OfferSuggestion> {
    let Some(n) = index.need_col(need.initiative, need.need) else { return Vec::new() };
    let mut top = TopK::new(k);
    scan_offers(index, n, |column, score| top.push(score, column as u32));
    top.items
        .into_iter()
        .map(|(score, column)| OfferSuggestion { need, offer: offer_ref(index, column as usize), score })
        .collect()
}

/// The best `k` offers for each need of an initiative, and the best `k` partners overall.
///
/// A partner appears once overall, with its best offer for each need it fits; its score is the
/// mean of those best scores over all the initiative's needs.
pub fn suggest_for_initiative(index: &MatchIndex<'_>, initiative: usize, k: usize) -> InitiativeSuggestions {
    let Some(init) = index.dataset.initiatives.get(initiative) else {
        return InitiativeSuggestions { per_need: Vec::new(), partners: Vec::new() };
    };
    let need_count = init.needs.len();
    let mut per_need = Vec::with_capacity(need_count);
    // For each need, each fitting partner's best (rank, offer column, score), in rank order:
    // a class's offers come grouped by partner in id order, so this needs no sorting.
    let mut lists: Vec<Vec<(u32, u32, f64)>> = Vec::with_capacity(need_count);
    for j in 0..need_count {
        let need = NeedRef { initiative, need: j };
        let mut list: Vec<(u32, u32, f64)> = Vec::new();
        let mut top = TopK::new(k);
        if let Some(n) = index.need_col(initiative, j) {
            // At most one entry per partner run: reserving that avoids copying as the list grows.
            list.reserve(index.runs_of_class(index.n_class[n]).len());
            let mut last_partner = usize::MAX;
            scan_partner_offers(index, n, |p, column, score| {
                top.push(score, column as u32);
                match list.last_mut() {
                    // On equal scores the first (lowest id) offer stays.
                    Some(last) if last_partner == p => {
                        if score > last.2 {
                            *last = (last.0, column as u32, score);
                        }
                    }
                    _ => {
                        last_partner = p;
                        list.push((index.p_rank.get(p).copied().unwrap_or(u32::MAX), column as u32, score));
                    }
                }
            });
        }
        per_need.push(
            top.items
                .into_iter()
                .map(|(score, column)| OfferSuggestion { need, offer: offer_ref(index, column as usize), score })
                .collect(),
        );
        lists.push(list);
    }
    // Each partner's sum of best scores, added in need order as the definition does (0 + the
    // first need's best + the next …): the lists are merged by rank one after the other, the
    // last merge straight into the top k.
    let mut top = TopK::new(k);
    let mut sums: Vec<(u32, f64)> = Vec::new();
    for (j, list) in lists.iter().enumerate() {
        if j + 1 == lists.len() {
            merge_sums(&sums, list, |rank, sum| top.push(sum / need_count as f64, rank));
        } else {
            let mut merged = Vec::with_capacity(sums.len() + list.len());
            merge_sums(&sums, list, |rank, sum| merged.push((rank, sum)));
            sums = merged;
        }
    }
    let partners = top
        .items
        .into_iter()
        .map(|(score, rank)| PartnerSuggestion {
            partner: index.p_by_rank[rank as usize] as usize,
            score,
            offers: lists
                .iter()
                .enumerate()
                .filter_map(|(j, list)| {
                    let at = list.binary_search_by_key(&rank, |e| e.0).ok()?;
                    let (_, column, score) = list[at];
                    Some(OfferSuggestion {
                        need: NeedRef { initiative, need: j },
                        offer: offer_ref(index, column as usize),
                        score,
                    })
                })
                .collect(),
        })
        .collect();
    InitiativeSuggestions { per_need, partners }
}

/// Merges partial sums by rank with one need's (rank, column, score) list, both in rank order,
/// and calls `out(rank, sum)` in rank order.
fn merge_sums(sums: &[(u32, f64)], list: &[(u32, u32, f64)], mut out: impl FnMut(u32, f64)) {
    // Plain index loops: matching on a pair of `Option`s per step compiled to twice the code.
    let (mut a, mut b) = (0, 0);
    while a < sums.len() && b < list.len() {
        let (rank, sum) = sums[a];
        let (next, _, score) = list[b];
        if rank < next {
            out(rank, sum);
            a += 1;
        } else if next < rank {
            out(next, 0.0 + score);
            b += 1;
        } else {
            out(rank, sum + score);
            a += 1;
            b += 1;
        }
    }
    for &(rank, sum) in &sums[a..] {
        out(rank, sum);
    }
    for &(next, _, score) in &list[b..] {
        out(next, 0.0 + score);
    }
}

/// Orders need suggestions by score (descending), then initiative id and need id.
fn order_needs(index: &MatchIndex<'_>, a: &NeedSuggestion, b: &NeedSuggestion) -> Ordering {
    let ids = |s: &NeedSuggestion| s.need.ids(index.dataset);
    b.score.total_cmp(&a.score).then_with(|| ids(a).cmp(&ids(b)))
}

/// Scores `offer` against every need of its class; keeps the best offer per need.
fn scan_needs(
    index: &MatchIndex<'_>,
    offer: &OfferSide<'_>,
    found: &mut Vec<(u32, f64, Option<u32>)>,
    column: Option<u32>,
) {
    for n in index.needs_of_class(offer.class) {
        let need = index.need_side(n);
        if let Some(score) = score_columns(index, &need, offer) {
            found.push((n as u32, score, column));
        }
    }
}

fn top_needs(index: &MatchIndex<'_>, mut found: Vec<(u32, f64, Option<u32>)>, k: usize) -> Vec<NeedSuggestion> {
    // Best offer per need: by need, then score descending, then offer column (id order).
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));
    found.dedup_by_key(|f| f.0);
    let mut list: Vec<NeedSuggestion> = found
        .into_iter()
        .map(|(n, score, column)| NeedSuggestion {
            need: need_ref(index, n as usize),
            offer: column.map(|c| offer_ref(index, c as usize)),
            score,
        })
        .collect();
    list.sort_by(|a, b| order_needs(index, a, b));
    list.truncate(k);
    list
}

/// The best `k` needs (across all initiatives) for a partner, each with the partner's best offer for it.
pub fn suggest_for_partner(index: &MatchIndex<'_>, partner: usize, k: usize) -> Vec<NeedSuggestion> {
    let Some(columns) = index.offer_column.get(partner) else { return Vec::new() };
    let mut found = Vec::new();
    for &column in columns {
        let offer = index.offer_side(column as usize);
        scan_needs(index, &offer, &mut found, Some(column));
    }
    top_needs(index, found, k)
}

/// The best `k` needs for an offer that is not in the dataset, such as a volunteer's "I can
/// help with …"; [`explain_adhoc`](super::explain_adhoc) says why.
///
/// ```
/// # use verschilmaker::Dataset;
/// use verschilmaker::{Kind, matching::{AdHocOffer, MatchConfig, MatchIndex, suggest_for_adhoc}};
/// # let dataset = Dataset::from_json_strict(r#"{"schema": "verschilmaker/1",
/// #   "municipality": {"name": "G", "languages": ["nl"]},
/// #   "initiatives": [{"id": "i", "title": "I", "stage": "idea",
/// #                    "needs": [{"id": "handen", "kind": "volunteers", "amount": 20}]}]}"#)?;
/// let index = MatchIndex::build(&dataset, &MatchConfig::default());
/// let mut offer = AdHocOffer::new(Kind::Volunteers);
/// offer.capacity = Some(8.0);
/// let top = suggest_for_adhoc(&index, &offer, 5);
/// assert_eq!(top.len(), 1);
/// # Ok::<(), verschilmaker::LoadError>(())
/// ```
pub fn suggest_for_adhoc(index: &MatchIndex<'_>, offer: &AdHocOffer, k: usize) -> Vec<NeedSuggestion> {
    let owned = AdHocColumns::new(index, offer);
    let side = owned.side();
    let mut found = Vec::new();
    scan_needs(index, &side, &mut found, None);
    top_needs(index, found, k)
}
