//! Suggestions: the best offers and partners for a need or an initiative, and the best needs for
//! a partner or for a volunteer's own offer.
//!
//! Every list is ordered by score (descending), then by id (partner id and offer id, or
//! initiative id and need id), so the same input always gives the same order.

use std::cmp::Ordering;

use super::index::{MatchIndex, NONE, NeedSide, OfferRow, OfferSide, PartnerRow, SortKey, descending, fold_skills};
use super::score::breaks;
use super::score::{
    AdHocColumns, AreaTable, UNKNOWN, WHOLE_MUNICIPALITY, capacity_value, diversity_value, period_value,
    proximity_value_of, score_columns, share, shared_count,
};
use super::words;
use super::{AdHocOffer, NeedAt, NeedRef, OfferAt, OfferRef};
use crate::{InitiativeId, PartnerId};

/// An offer suggested for a need, with its score; [`explain`](super::explain) says why.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
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
#[non_exhaustive]
pub struct PartnerSuggestion {
    /// The partner.
    pub partner: PartnerId,
    /// The mean over the initiative's open needs (those not covered) of the partner's best
    /// score for each (0 where none of its offers fits), so a partner that can help with more
    /// of them ranks higher.
    pub score: f64,
    /// Its best offer for each open need it fits, in need order.
    pub offers: Vec<OfferSuggestion>,
}

impl PartnerSuggestion {
    /// Why this partner: the reasons of its best offer (the first of the best, in need order),
    /// strongest first ([`super::Explanation::reasons_strongest_first`]).
    pub fn reasons(&self, index: &MatchIndex) -> Vec<super::Reason> {
        let best = self.offers.iter().fold(None::<&OfferSuggestion>, |best, o| match best {
            Some(b) if b.score >= o.score => Some(b),
            _ => Some(o),
        });
        best.and_then(|o| super::explain(index, &o.need, &o.offer))
            .map(super::Explanation::reasons_strongest_first)
            .unwrap_or_default()
    }
}

/// Suggestions for a whole initiative.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct InitiativeSuggestions {
    /// For each need, in the initiative's order, the top offers (none for a covered need).
    pub per_need: Vec<Vec<OfferSuggestion>>,
    /// The top partners overall, each once.
    pub partners: Vec<PartnerSuggestion>,
}

/// A need suggested for a partner or for an ad-hoc offer.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
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
        TopK::at_least(k, f64::NEG_INFINITY)
    }

    /// The best `k` items that score at least `least`.
    pub(crate) fn at_least(k: usize, least: f64) -> TopK {
        let floor = if k == 0 { f64::INFINITY } else { least };
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

fn offer_ref(ix: &MatchIndex, column: usize) -> OfferRef {
    ix.offer_ref_of_column(column)
}

fn need_ref(ix: &MatchIndex, column: usize) -> NeedRef {
    ix.need_ref_of_column(column)
}

/// Calls `found(offer column, score)` for every offer that matches need column `n`, in column order.
#[inline]
pub(crate) fn scan_offers(ix: &MatchIndex, n: usize, mut found: impl FnMut(usize, f64)) {
    scan_partner_offers(ix, n, |_, column, score| found(column, score));
}

/// What the scan of one need reads again and again: the need, and the shares k / n of its
/// skills and of its initiative's themes, looked up rather than divided.
struct NeedScan<'x> {
    ix: &'x MatchIndex,
    need: NeedSide<'x>,
    skill_share: Vec<f64>,
    theme_share: Vec<f64>,
    /// The need's skills folded as [`Run::skills`](super::index::Run), and whether no two of
    /// them fold to the same bit (then the shared bits count the skills a run may share).
    folded: u32,
    folded_distinct: bool,
    /// The text values of the class's offers (by column − `first_column`; empty when none
    /// shares a word with the need), and the best per run (by run − `first_run`).
    text: Vec<f64>,
    first_column: usize,
    run_text: Vec<f64>,
    first_run: usize,
    /// Whether each run reports only its best offer (suggestions: one offer per partner) or all.
    best_of_run: bool,
    /// Whether an offer must show it is what the need asks (`words::gates`), and the text
    /// value that shows it (`words::evidence`).
    gate: bool,
    evidence: f64,
}

impl<'x> NeedScan<'x> {
    fn new(ix: &'x MatchIndex, n: usize) -> NeedScan<'x> {
        let need = ix.need_side(n);
        let (skills, themes) = (need.skills.len(), need.initiative.themes.len());
        let runs = ix.runs_of_class(need.class);
        let first_column = ix.runs.get(runs.start).map_or(0, |r| r.start as usize);
        let end_column = ix.runs.get(runs.end).map_or(first_column, |r| r.start as usize);
        let text = words::values_in(&ix.words, need.words, first_column..end_column);
        let mut run_text = Vec::new();
        if !text.is_empty() {
            run_text = vec![0.0; runs.len()];
            for (at, slot) in run_text.iter_mut().enumerate() {
                let (Some(run), Some(next)) = (ix.runs.get(runs.start + at), ix.runs.get(runs.start + at + 1)) else {
                    break;
                };
                let columns = run.start as usize - first_column..next.start as usize - first_column;
                *slot = text.get(columns).unwrap_or(&[]).iter().fold(0.0, |best: f64, &v| best.max(v));
            }
        }
        NeedScan {
            ix,
            need,
            skill_share: (0..=skills).map(|k| share(k, skills)).collect(),
            theme_share: (0..=themes).map(|k| share(k, themes)).collect(),
            folded: fold_skills(need.skill_sig),
            folded_distinct: fold_skills(need.skill_sig).count_ones() as usize == skills,
            text,
            first_column,
            run_text,
            first_run: runs.start,
            best_of_run: false,
            gate: ix
                .class_units
                .get(need.class as usize)
                .is_some_and(|c| words::gates(c.0, need.words, !need.skills.is_empty())),
            evidence: words::evidence(need.words),
        }
    }

    /// The text component's value of the offer in `column`.
    #[inline(always)]
    fn text_value(&self, column: usize) -> f64 {
        self.text.get(column.wrapping_sub(self.first_column)).copied().unwrap_or(0.0)
    }

    /// Whether an offer of run `r` may pass the text rule (`words::fits`): always, unless the
    /// need is gated and no offer of the run can share a skill, reach the evidence or be
    /// without words. Most runs of a gated need fail it, and are left before they are read.
    #[inline(always)]
    fn may_fit(&self, r: usize, run: &super::index::Run) -> bool {
        if !self.gate {
            return true;
        }
        let text = self.run_text.get(r.wrapping_sub(self.first_run)).copied().unwrap_or(0.0);
        text >= self.evidence
            || (!self.need.skills.is_empty() && self.folded & run.skills != 0)
            || self.ix.run_wordless.get(r).copied().unwrap_or(true)
    }

    /// The most the text component adds for any offer of run `r` (weight × value).
    #[inline(always)]
    fn text_bound(&self, r: usize) -> f64 {
        self.ix.norm[7] * self.run_text.get(r.wrapping_sub(self.first_run)).copied().unwrap_or(0.0)
    }

    /// The most the skills component adds for any offer of run `r` (weight × value), from the
    /// run's folded skills alone.
    #[inline(always)]
    fn skill_bound(&self, run: &super::index::Run) -> f64 {
        let skills = self.need.skills.len();
        let shared = self.folded & run.skills;
        let most = if skills == 0 {
            return self.ix.norm[0];
        } else if shared == 0 {
            0
        } else if self.folded_distinct {
            shared.count_ones() as usize
        } else {
            skills
        };
        self.ix.norm[0] * self.skill_share.get(most).copied().unwrap_or(1.0)
    }

    /// The contributions of a partner's themes and sector (component weight × value): they
    /// depend on the partner and the initiative only.
    ///
    /// Why `inline(always)` here and below? At the widget's size-first opt-level (`z`) these
    /// small functions, called from several places, stayed out of line and cost a call per
    /// partner or offer: the wasm build was 15–20% slower than with the loop in one piece.
    #[inline(always)]
    fn partner_part(&self, partner: &PartnerRow) -> (f64, f64) {
        let (ix, init) = (self.ix, &self.need.initiative);
        let theme_share = |k: usize| self.theme_share.get(k).copied().unwrap_or(1.0);
        let themes = if init.themes.is_empty() || partner.themes.len == 0 {
            UNKNOWN
        } else if ix.themes_exact {
            theme_share(shared_bits(init.theme_sig, partner.theme_sig, init.themes.len()))
        } else {
            theme_share(shared_count(init.themes, init.theme_sig, partner.themes.of(&ix.pool), partner.theme_sig))
        };
        (ix.norm[1] * themes, ix.norm[5] * diversity_value(init.sectors, partner.sector))
    }

    /// The full proximity filter of the partner of run `r` (−1 when it fails).
    fn full_proximity(&self, table: &AreaTable, r: usize) -> f64 {
        let ix = self.ix;
        let Some(run) = ix.runs.get(r) else { return -1.0 };
        let p = run.partner as usize;
        let (Some(partner), Some(geo)) = (ix.p_rows.get(p), ix.p_geo.get(p)) else { return -1.0 };
        let limits = (geo.radius, geo.radius_limit);
        proximity_value_of(
            &self.need.initiative,
            partner.all_areas,
            partner.areas.of(&ix.pool),
            limits,
            geo.point,
            table,
        )
    }

    /// Scores the offers of run `r`, whose partner passed the proximity filter with value
    /// `proximity`.
    #[inline]
    fn score_run(&self, r: usize, proximity: f64, found: &mut impl FnMut(usize, usize, f64)) {
        let Some(run) = self.ix.runs.get(r) else { return };
        let Some(partner) = self.ix.p_rows.get(run.partner as usize) else { return };
        let (themes, diversity) = self.partner_part(partner);
        self.score_offers(r, themes, self.ix.norm[2] * proximity, diversity, found);
    }

    /// The skills component's value of the offer in `column` (whose row is `row`) for the need.
    #[inline(always)]
    fn skills_value(&self, column: usize, row: &OfferRow) -> f64 {
        let (ix, need) = (self.ix, &self.need);
        let skills_count = need.skills.len();
        let skill_share = |k: usize| self.skill_share.get(k).copied().unwrap_or(1.0);
        if skills_count == 0 {
            1.0
        } else if ix.skills_exact {
            skill_share(shared_bits(need.skill_sig, row.skill_sig, skills_count))
        } else {
            let offered = ix.o_skills.get(column).map_or(&[][..], |s| s.of(&ix.pool));
            skill_share(shared_count(need.skills, need.skill_sig, offered, row.skill_sig))
        }
    }

    /// The most that the offer-level components (skills, period, capacity, load) add for any
    /// offer of run `r`: a bound on its scores, with the partner's parts, that is much tighter
    /// than "each value is at most 1", because most offers share no skill with the need.
    #[inline(always)]
    fn best_offer_part(&self, r: usize) -> f64 {
        let (ix, need) = (self.ix, &self.need);
        let (Some(run), Some(next)) = (ix.runs.get(r), ix.runs.get(r + 1)) else { return 0.0 };
        let norm = &ix.norm;
        let mut best = 0.0f64;
        for column in run.start as usize..next.start as usize {
            let (Some(&capacity), Some(row)) = (ix.o_request.get(column), ix.o_rows.get(column)) else { break };
            let skills = self.skills_value(column, row);
            let part = norm[0] * skills
                + norm[3] * period_value(need.period, row.period).0
                + norm[4] * capacity_value(need.amount, capacity)
                + norm[6] * row.load
                + norm[7] * self.text_value(column);
            best = best.max(part);
        }
        best
    }

    /// Scores the offers of run `r` from its partner's three contributions. The score is added
    /// up exactly as [`total`](super::score::total) does, in component order, so it is the
    /// same to the bit.
    #[inline(always)]
    fn score_offers(
        &self,
        r: usize,
        themes: f64,
        proximity: f64,
        diversity: f64,
        found: &mut impl FnMut(usize, usize, f64),
    ) {
        let (ix, need) = (self.ix, &self.need);
        let (Some(run), Some(next)) = (ix.runs.get(r), ix.runs.get(r + 1)) else { return };
        let (p, norm) = (run.partner as usize, &ix.norm);
        // The run's best so far (the first among equals), when only that is reported.
        let mut best: Option<(usize, f64)> = None;
        for column in run.start as usize..next.start as usize {
            let (Some(&capacity), Some(row)) = (ix.o_request.get(column), ix.o_rows.get(column)) else { break };
            if ix.o_conditional.get(column).copied().unwrap_or(false) {
                let offer = ix.o_offer.get(column).map(|&o| OfferAt { partner: p, offer: o as usize });
                if breaks(ix, need.at, offer) {
                    continue;
                }
            }
            let text = self.text_value(column);
            let skills = self.skills_value(column, row);
            let shared_skills = !need.skills.is_empty() && skills > 0.0;
            if !words::fits(self.gate, text, self.evidence, !ix.words.of_column(column).is_empty(), shared_skills) {
                continue;
            }
            let score = norm[0] * skills
                + themes
                + proximity
                + norm[3] * period_value(need.period, row.period).0
                + norm[4] * capacity_value(need.amount, capacity)
                + diversity
                + norm[6] * row.load
                + norm[7] * text;
            if !self.best_of_run {
                found(p, column, score);
            } else if best.is_none_or(|(_, b)| score > b) {
                best = Some((column, score));
            }
        }
        if let Some((column, score)) = best {
            found(p, column, score);
        }
    }
}

/// The runs of a class whose partners serve an area related to the initiative's area (see
/// `RunBuckets`), each once with its best area's proximity value, in run order; none when
/// the initiative has no area.
///
/// Why not collect the areas' runs and sort them? An initiative's area has about ten
/// related areas with hundreds of runs each, and sorting them was a tenth of the whole
/// call; marking each run's best value in a table over the class's runs and reading it in
/// order gives the same list in linear time.
fn near_runs(ix: &MatchIndex, class: u32, area: u32, table: &AreaTable) -> Vec<(u32, f64)> {
    let mut near: Vec<(u32, f64)> = Vec::new();
    if area == NONE {
        return near;
    }
    if let [(area, value)] = table.related[..] {
        near.extend(ix.buckets.area_of(class, area).iter().map(|&r| (r, value)));
    } else {
        // A run's best value is marked as a byte, so that the table stays small: 1 + the
        // number of smaller values among the related areas' (`area_relation` has four values),
        // 0 for none. A bitmap of the marked runs then lists them in order at the cost of a
        // word per 64 runs. (No sort of the values: it would link a copy of the standard
        // library's sort into the wasm bundle.)
        let related = &table.related;
        let first = |at: usize| related.iter().take(at).all(|&(_, v)| v != related[at].1);
        let codes: Vec<u8> = related
            .iter()
            .map(|&(_, value)| {
                let smaller = (0..related.len()).filter(|&at| related[at].1 < value && first(at)).count();
                (smaller + 1).min(255) as u8
            })
            .collect();
        let mut values = [-1.0f64; 256];
        for (&(_, value), &code) in related.iter().zip(&codes) {
            values[usize::from(code)] = value;
        }
        let class_runs = ix.runs_of_class(class);
        let mut best = vec![0u8; class_runs.len()];
        let mut marked = vec![0u64; class_runs.len().div_ceil(64)];
        for (&(area, _), &code) in related.iter().zip(&codes) {
            for &r in ix.buckets.area_of(class, area) {
                let at = (r as usize).wrapping_sub(class_runs.start);
                if let (Some(slot), Some(word)) = (best.get_mut(at), marked.get_mut(at / 64)) {
                    *slot = (*slot).max(code);
                    *word |= 1 << (at % 64);
                }
            }
        }
        near.reserve(marked.iter().map(|word| word.count_ones() as usize).sum());
        for (w, &word) in marked.iter().enumerate() {
            let mut word = word;
            while word != 0 {
                let at = w * 64 + word.trailing_zeros() as usize;
                word &= word - 1;
                let code = best.get(at).copied().unwrap_or(0);
                let value = values.get(usize::from(code)).copied().unwrap_or(-1.0);
                near.push(((class_runs.start + at) as u32, value));
            }
        }
    }
    near
}

/// Calls `found(partner, offer column, score)` for every offer that matches need column `n`,
/// in column order (so one partner's offers come together, partners in id order).
///
/// It walks the class's partner runs: whatever depends only on the partner (the proximity
/// filter and value, themes, diversity) is computed once per run; then each offer costs its
/// skills, period, capacity and load. Coalitions use it, and the tests as the oracle of the
/// pruned scans: [`suggest_for_initiative`] walks the same runs in two stages and
/// [`top_offers`] (suggestions for a need, the allocation round's candidates) in one, and both
/// skip partners whose bound shows they cannot count.
///
/// When the initiative has an area, only the runs that can pass the proximity filter are
/// visited (see `RunBuckets`): partners for the whole municipality or with a radius, and the
/// partners of each related area, whose proximity value is that of the area.
#[inline]
pub(crate) fn scan_partner_offers(ix: &MatchIndex, n: usize, mut found: impl FnMut(usize, usize, f64)) {
    let scan = NeedScan::new(ix, n);
    let (class, area) = (scan.need.class, scan.need.initiative.area);
    let table = AreaTable::new(ix, area);
    let class_runs = ix.runs_of_class(class);
    let near = near_runs(ix, class, area, &table);
    let (plain, radius) = ix.buckets.open_of(class);
    let (mut next_run, mut i, mut ii, mut j) = (class_runs.start, 0, 0, 0);
    loop {
        // The next run that may pass, and its proximity value (−1 when it does not pass).
        let (r, proximity) = if area == NONE {
            if next_run >= class_runs.end {
                break;
            }
            next_run += 1;
            (next_run - 1, scan.full_proximity(&table, next_run - 1))
        } else {
            // The lowest run of the three lists' heads (they are disjoint), or the end.
            let plain_run = plain.get(i).map_or(usize::MAX, |&r| r as usize);
            let radius_run = radius.get(ii).map_or(usize::MAX, |&r| r as usize);
            let near_run = near.get(j).map_or(usize::MAX, |&(r, _)| r as usize);
            if plain_run < radius_run.min(near_run) {
                i += 1;
                // Without a radius an open partner serves the whole municipality.
                (plain_run, WHOLE_MUNICIPALITY)
            } else if radius_run < near_run {
                ii += 1;
                (radius_run, scan.full_proximity(&table, radius_run))
            } else if near_run < usize::MAX {
                let value = near[j].1;
                j += 1;
                (near_run, if ix.run_has_radius(near_run) { scan.full_proximity(&table, near_run) } else { value })
            } else {
                break;
            }
        };
        if proximity >= 0.0 {
            scan.score_run(r, proximity, &mut found);
        }
    }
}

/// The best `k` offers for need column `n` among those that `accept(column, score)` takes, by
/// (score descending, column ascending): what [`scan_offers`] into a [`TopK`] gives, without
/// the runs that cannot reach the top k. Suggestions for a need and the allocation round's
/// candidates use it.
///
/// It tests each run with the bounds of [`suggest_for_initiative`]'s second stage (there is
/// no partners' top k here, so only the need's floor counts), visiting the runs most likely
/// to score best first, so that the floor rises early: those of related areas, then those
/// that serve everywhere, then those with a radius, then (without an area) the rest.
///
/// With `suggesting`, it gives what a suggestion list shows: each partner's best offer only
/// (the first among equals), none below the configuration's `suggestion_floor`; without, every offer (the
/// allocation round's candidates).
pub(crate) fn top_offers(
    ix: &MatchIndex,
    n: usize,
    k: usize,
    suggesting: bool,
    accept: impl Fn(usize, f64) -> bool,
) -> TopK {
    let mut scan = NeedScan::new(ix, n);
    scan.best_of_run = suggesting;
    let (class, area) = (scan.need.class, scan.need.initiative.area);
    let table = AreaTable::new(ix, area);
    let norm = &ix.norm;
    let pruning = Pruning::new(ix, &[], f64::INFINITY);
    let mut top = if suggesting { TopK::at_least(k, ix.config.suggestion_floor) } else { TopK::new(k) };
    let consider = |top: &mut TopK, r: usize, radius: bool, nearness: f64| {
        let Some(parts) = pruning.quick(&scan, r, nearness, top.floor) else { return };
        let mut proximity = nearness;
        if radius {
            proximity = scan.full_proximity(&table, r);
            if proximity < 0.0 || parts.partner_this + norm[2] * proximity < top.floor {
                return;
            }
        }
        let tight = scan.best_offer_part(r) + parts.themes + parts.diversity + 2.0 * BOUND_MARGIN;
        if tight + norm[2] * proximity < top.floor {
            return;
        }
        scan.score_offers(r, parts.themes, norm[2] * proximity, parts.diversity, &mut |_, column, score| {
            if accept(column, score) {
                top.push(score, column as u32);
            }
        });
    };
    let (plain, radius) = ix.buckets.open_of(class);
    if area != NONE {
        for (r, nearness) in near_runs(ix, class, area, &table) {
            let radius = ix.run_has_radius(r as usize);
            consider(&mut top, r as usize, radius, if radius { 1.0 } else { nearness });
        }
    }
    for &r in plain {
        consider(&mut top, r as usize, false, WHOLE_MUNICIPALITY);
    }
    for &r in radius {
        consider(&mut top, r as usize, true, 1.0);
    }
    if area == NONE {
        // Every other partner of the class is WHOLE_MUNICIPALITY near to a need without an area.
        let (mut plain, mut radius) = (plain.iter().peekable(), radius.iter().peekable());
        for r in ix.runs_of_class(class) {
            let skip_plain = plain.next_if(|&&o| o as usize == r).is_some();
            if !skip_plain && radius.next_if(|&&o| o as usize == r).is_none() {
                let radius = ix.run_has_radius(r);
                consider(&mut top, r, radius, if radius { 1.0 } else { WHOLE_MUNICIPALITY });
            }
        }
    }
    top
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

/// The best `k` offers for one need; empty when the need is not in the dataset or is covered
/// ([`NeedCoverage::covers`](crate::NeedCoverage::covers)).
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
/// let index = MatchIndex::build(dataset, &MatchConfig::default());
/// let need = NeedRef::new("i".parse()?, "geld".parse()?);
/// let top = suggest_for_need(&index, &need, 3);
/// assert_eq!(top[0].offer.partner.as_str(), "fonds");
/// assert_eq!(index.offer(&top[0].offer).unwrap().capacity, Some(500.0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn suggest_for_need(index: &MatchIndex, need: &NeedRef, k: usize) -> Vec<OfferSuggestion> {
    let Some(at) = index.need_at(need) else { return Vec::new() };
    let Some(n) = index.open_need_col(at.initiative, at.need) else { return Vec::new() };
    top_offers(index, n, k, true, |_, _| true)
        .items
        .into_iter()
        .map(|(score, column)| OfferSuggestion { need: need.clone(), offer: offer_ref(index, column as usize), score })
        .collect()
}

/// The best `k` offers for each open need of an initiative, and the best `k` partners overall.
///
/// A need that is covered ([`NeedCoverage::covers`](crate::NeedCoverage::covers): its amount
/// reached by agreed and delivered commitments, or for a need without an amount any such
/// commitment) gets no suggestions and does not count for the partners: a partner appears once
/// overall, with its best offer for each open need it fits, and its score is the mean of those
/// best scores over the open needs. An initiative whose needs are all covered, and an unknown
/// id, get no suggestions.
pub fn suggest_for_initiative(index: &MatchIndex, initiative: &InitiativeId, k: usize) -> InitiativeSuggestions {
    match index.initiative_at(initiative) {
        Some(at) => suggest_for_initiative_at(index, at, k),
        None => InitiativeSuggestions { per_need: Vec::new(), partners: Vec::new() },
    }
}

/// [`suggest_for_initiative`] by position.
pub(crate) fn suggest_for_initiative_at(index: &MatchIndex, initiative: usize, k: usize) -> InitiativeSuggestions {
    let Some(init) = index.dataset.initiatives.get(initiative) else {
        return InitiativeSuggestions { per_need: Vec::new(), partners: Vec::new() };
    };
    let need_count = init.needs.len();
    // The needs a partner's mean is over: those not covered.
    let open_count = (0..need_count).filter(|&j| !index.need_covered(initiative, j)).count();
    if open_count == 0 {
        let per_need = (0..need_count).map(|_| Vec::new()).collect();
        return InitiativeSuggestions { per_need, partners: Vec::new() };
    }
    let area = index.i_area.get(initiative).copied().unwrap_or(NONE);
    let table = AreaTable::new(index, area);
    let scans: Vec<Option<NeedScan<'_>>> = (0..need_count)
        .map(|j| {
            index.open_need_col(initiative, j).map(|n| {
                let mut scan = NeedScan::new(index, n);
                scan.best_of_run = true;
                scan
            })
        })
        .collect();
    let floor = index.config.suggestion_floor;
    let mut tops: Vec<TopK> = (0..need_count).map(|_| TopK::at_least(k, floor)).collect();

    // Why two stages? Most partners can reach neither a need's top k nor the partners' top k,
    // and a bound on their score, from what the scan reads of them anyway, tells so before
    // their proximity and offers are looked at. The bound needs floors to compare with, so the
    // partners likely to score best come first and are scored in full: with an area, those of
    // related areas; without, those that serve everywhere or have a radius (the others are
    // all equally near). Both kinds are partner properties, the same for every need, so the
    // first stage also gives complete sums of those partners and a floor of the partners' top k.
    //
    // For each need, each fitting partner's best (rank, offer column, score), in rank order: a
    // class's offers come grouped by partner in id order, so this needs no sorting.
    let mut seeds: Vec<Vec<(u32, u32, f64)>> = Vec::with_capacity(need_count);
    for (scan, top) in scans.iter().zip(&mut tops) {
        let Some(scan) = scan else {
            seeds.push(Vec::new());
            continue;
        };
        let class = scan.need.class;
        if area != NONE {
            let near = near_runs(index, class, area, &table);
            let mut best = BestPerPartner::new(index, near.len());
            for (r, proximity) in near {
                let r = r as usize;
                let proximity = if index.run_has_radius(r) { scan.full_proximity(&table, r) } else { proximity };
                scan.score_run(r, proximity, &mut record(top, &mut best, true));
            }
            seeds.push(best.list);
        } else {
            let (plain, radius) = index.buckets.open_of(class);
            let mut plain_best = BestPerPartner::new(index, plain.len());
            for &r in plain {
                scan.score_run(r as usize, WHOLE_MUNICIPALITY, &mut record(top, &mut plain_best, true));
            }
            let mut radius_best = BestPerPartner::new(index, radius.len());
            for &r in radius {
                let proximity = scan.full_proximity(&table, r as usize);
                if proximity >= 0.0 {
                    scan.score_run(r as usize, proximity, &mut record(top, &mut radius_best, true));
                }
            }
            seeds.push(merge_by_rank(&plain_best.list, &radius_best.list));
        }
    }
    let mut partner_floor = TopK::new(k);
    sum_by_partner(&seeds, |rank, sum| partner_floor.push(sum / open_count as f64, rank));
    let partner_floor = partner_floor.floor;

    // The second stage: the other runs, each skipped when its bound is below both floors.
    let need_bits: Vec<u64> = scans.iter().flatten().map(|s| 1u64 << (s.need.class % 64)).collect();
    // A partner whose scores for the `s` needs its offers may serve are below b₁ … bₛ has a
    // mean below (b₁ + … + bₛ) / n: it may reach the partners' top k only when that sum is at
    // least `needed` (with margins as in BOUND_MARGIN).
    let needed = (partner_floor - BOUND_MARGIN) * open_count as f64 - BOUND_MARGIN;
    let pruning = Pruning::new(index, &need_bits, needed);
    let norm = &index.norm;
    let mut lists: Vec<Vec<(u32, u32, f64)>> = Vec::with_capacity(need_count);
    for ((scan, top), seed) in scans.iter().zip(&mut tops).zip(&seeds) {
        let Some(scan) = scan else {
            lists.push(Vec::new());
            continue;
        };
        // Scores run `r`, which passed `Pruning::quick` as `nearness` near at most, unless its
        // bounds are below both floors: with a radius, first with its proximity, computed now
        // (`quick` assumed 1); then with `tight` for this need, from what the run's offers add
        // at most (which costs reading them), and the other needs at `loose`. Each loop below
        // passes one value of `radius`, so the branches on it are predicted.
        let consider =
            |top: &mut TopK, r: usize, radius: bool, nearness: f64, parts: Parts, best: &mut BestPerPartner<'_>| {
                let Parts { themes, diversity, others, partner_loose, partner_this } = parts;
                let mut proximity = nearness;
                if radius {
                    // The proximity first: it fails or lowers the bound for most partners with a
                    // radius, and costs less than reading the offers.
                    proximity = scan.full_proximity(&table, r);
                    let (loose, this) = (partner_loose + norm[2] * proximity, partner_this + norm[2] * proximity);
                    if proximity < 0.0 || (this < top.floor && this + loose * others < needed) {
                        return;
                    }
                }
                let partner_tight = scan.best_offer_part(r) + themes + diversity + 2.0 * BOUND_MARGIN;
                let tight = partner_tight + norm[2] * proximity;
                let candidate = tight + (partner_loose + norm[2] * proximity) * others >= needed;
                if tight < top.floor && !candidate {
                    return;
                }
                // Only a partner that may reach the partners' top k needs its best.
                scan.score_offers(r, themes, norm[2] * proximity, diversity, &mut record(top, best, candidate));
            };
        let class = scan.need.class;
        let (plain, radius) = index.buckets.open_of(class);
        if area != NONE {
            // Those with a radius last: they cost most, as their radius has to be checked, and
            // the floors are highest by then.
            let mut plain_best = BestPerPartner::new(index, plain.len());
            for &r in plain {
                if let Some(parts) = pruning.quick(scan, r as usize, WHOLE_MUNICIPALITY, top.floor) {
                    consider(top, r as usize, false, WHOLE_MUNICIPALITY, parts, &mut plain_best);
                }
            }
            let mut radius_best = BestPerPartner::new(index, radius.len());
            for &r in radius {
                if let Some(parts) = pruning.quick(scan, r as usize, 1.0, top.floor) {
                    consider(top, r as usize, true, 1.0, parts, &mut radius_best);
                }
            }
            let open = merge_by_rank(&plain_best.list, &radius_best.list);
            lists.push(merge_by_rank(seed, &open));
        } else {
            // The runs the first stage left: partners with neither a radius nor the whole
            // municipality, which an initiative without an area finds WHOLE_MUNICIPALITY near.
            let class_runs = index.runs_of_class(class);
            let mut best = BestPerPartner::new(index, class_runs.len().saturating_sub(plain.len() + radius.len()));
            let (mut plain, mut radius) = (plain.iter().peekable(), radius.iter().peekable());
            for r in class_runs {
                let skip_plain = plain.next_if(|&&o| o as usize == r).is_some();
                if skip_plain || radius.next_if(|&&o| o as usize == r).is_some() {
                    continue;
                }
                // A partner that lists its areas may still be nearer through its radius.
                let with_radius = index.run_has_radius(r);
                let nearness = if with_radius { 1.0 } else { WHOLE_MUNICIPALITY };
                if let Some(parts) = pruning.quick(scan, r, nearness, top.floor) {
                    consider(top, r, with_radius, nearness, parts, &mut best);
                }
            }
            lists.push(merge_by_rank(seed, &best.list));
        }
    }
    let per_need = tops
        .into_iter()
        .enumerate()
        .map(|(j, top)| {
            let need = index.need_ref(NeedAt { initiative, need: j });
            top.items
                .into_iter()
                .map(|(score, column)| OfferSuggestion {
                    need: need.clone(),
                    offer: offer_ref(index, column as usize),
                    score,
                })
                .collect()
        })
        .collect();
    InitiativeSuggestions { per_need, partners: top_partners(index, initiative, &lists, open_count, k) }
}

/// The `k` partners with the highest mean over the initiative's `open` needs of their best
/// offer's score, from each need's (rank, offer column, score) list in rank order (empty for
/// a covered need), with those offers.
fn top_partners(
    index: &MatchIndex,
    initiative: usize,
    lists: &[Vec<(u32, u32, f64)>],
    open: usize,
    k: usize,
) -> Vec<PartnerSuggestion> {
    let mut top = TopK::new(k);
    sum_by_partner(lists, |rank, sum| top.push(sum / open as f64, rank));
    top.items
        .into_iter()
        .map(|(score, rank)| PartnerSuggestion {
            partner: index.dataset.partners[index.p_by_rank[rank as usize] as usize].id.clone(),
            score,
            offers: lists
                .iter()
                .enumerate()
                .filter_map(|(j, list)| {
                    let at = list.binary_search_by_key(&rank, |e| e.0).ok()?;
                    let (_, column, score) = list[at];
                    Some(OfferSuggestion {
                        need: index.need_ref(NeedAt { initiative, need: j }),
                        offer: offer_ref(index, column as usize),
                        score,
                    })
                })
                .collect(),
        })
        .collect()
}

/// [`suggest_for_initiative`] without its bounds: every partner near enough is scored for every
/// need and summed. The oracle of the property test that the bounds skip nothing that counts.
#[cfg(test)]
pub(crate) fn suggest_for_initiative_unpruned(
    index: &MatchIndex,
    initiative: usize,
    k: usize,
) -> InitiativeSuggestions {
    let Some(init) = index.dataset.initiatives.get(initiative) else {
        return InitiativeSuggestions { per_need: Vec::new(), partners: Vec::new() };
    };
    let need_count = init.needs.len();
    let open_count = (0..need_count).filter(|&j| !index.need_covered(initiative, j)).count();
    let (mut per_need, mut lists) = (Vec::new(), Vec::new());
    for j in 0..need_count {
        let floor = index.config.suggestion_floor;
        let (mut top, mut best) = (TopK::at_least(k, floor), BestPerPartner::new(index, 0));
        if let Some(n) = index.open_need_col(initiative, j) {
            scan_partner_offers(index, n, |p, column, score| best.push(p, column, score));
        }
        for &(_, column, score) in &best.list {
            top.push(score, column);
        }
        let need = index.need_ref(NeedAt { initiative, need: j });
        per_need.push(
            top.items
                .into_iter()
                .map(|(score, column)| OfferSuggestion {
                    need: need.clone(),
                    offer: offer_ref(index, column as usize),
                    score,
                })
                .collect(),
        );
        lists.push(best.list);
    }
    InitiativeSuggestions { per_need, partners: top_partners(index, initiative, &lists, open_count, k) }
}

/// Records an offer's score in a need's top k and, when `keep_best`, in its partners' bests.
///
/// Why a function? Every stage of [`suggest_for_initiative`] records through this one closure
/// type, so that the scan's loop is compiled once for all of them (the wasm bundle is small).
fn record<'a, 'x>(
    top: &'a mut TopK,
    best: &'a mut BestPerPartner<'x>,
    keep_best: bool,
) -> impl FnMut(usize, usize, f64) + use<'a, 'x> {
    #[inline(always)] // See `NeedScan::partner_part`.
    move |p, column, score| {
        top.push(score, column as u32);
        if keep_best {
            best.push(p, column, score);
        }
    }
}

/// What the second stage of [`suggest_for_initiative`] and [`top_offers`] test runs with.
struct Pruning<'a> {
    /// Bit `class mod 64` of each need's class.
    need_bits: &'a [u64],
    /// The most the offer-level components add together, and the skills and text alone.
    offer_bound: f64,
    offer_specific: f64,
    /// The least sum of a partner's best scores that reaches the partners' top k.
    needed: f64,
}

impl<'a> Pruning<'a> {
    /// For needs of the classes `need_bits`, and partners' sums that must reach `needed`.
    fn new(ix: &MatchIndex, need_bits: &'a [u64], needed: f64) -> Pruning<'a> {
        let norm = &ix.norm;
        // The most the offer-level components can add: each value is at most 1.
        Pruning {
            need_bits,
            offer_bound: norm[0] + norm[3] + norm[4] + norm[6] + norm[7],
            offer_specific: norm[0] + norm[7],
            needed,
        }
    }

    /// Whether run `r`, `nearness` near at most, may reach the need's top k (whose floor is
    /// `floor`) or the partners' top k by its partner's bound for any need, with the skills
    /// the run's offers may share (read from the run alone); if so, the partner's parts.
    ///
    /// This test is all that most runs cost, so it is inlined into each loop of the second
    /// stage and reads two rows; what follows it is out of line.
    #[inline(always)]
    fn quick(&self, scan: &NeedScan<'_>, r: usize, nearness: f64, floor: f64) -> Option<Parts> {
        let ix = scan.ix;
        let run = ix.runs.get(r)?;
        if !scan.may_fit(r, run) {
            return None;
        }
        let partner = ix.p_rows.get(run.partner as usize)?;
        let (themes, diversity) = scan.partner_part(partner);
        // The other needs the partner may serve; each adds at most `loose` to its sum.
        let mut served = 0u32;
        for &bit in self.need_bits {
            served += u32::from(partner.class_sig & bit != 0);
        }
        let others = served.max(1) - 1;
        let partner_loose = self.offer_bound + themes + diversity + BOUND_MARGIN;
        let loose = partner_loose + ix.norm[2] * nearness;
        let partner_this = partner_loose - self.offer_specific + scan.skill_bound(run) + scan.text_bound(r);
        let this = partner_this + ix.norm[2] * nearness;
        let others = others as f64;
        (this >= floor || this + loose * others >= self.needed).then_some(Parts {
            themes,
            diversity,
            others,
            partner_loose,
            partner_this,
        })
    }
}

/// A partner's parts of its bounds in the second stage of [`suggest_for_initiative`]: its
/// themes and diversity contributions, the number of the initiative's other needs it may
/// serve, and its bound for any need without the proximity.
#[derive(Clone, Copy)]
struct Parts {
    themes: f64,
    diversity: f64,
    others: f64,
    partner_loose: f64,
    /// The same for this need, with the skills the run's offers may share.
    partner_this: f64,
}

/// Far above the rounding of a sum of seven terms in [0, 1], far below any difference that
/// matters: a bound plus this margin is above every score it bounds, however it was rounded.
const BOUND_MARGIN: f64 = 1e-9;

/// Each partner's best (rank, offer column, score) for one need, in rank order, from offers
/// that come grouped by partner in rank order.
struct BestPerPartner<'x> {
    ranks: &'x [u32],
    /// Scores below it do not count (the configuration's `suggestion_floor`).
    floor: f64,
    last_partner: usize,
    list: Vec<(u32, u32, f64)>,
}

impl<'x> BestPerPartner<'x> {
    /// For up to `partners` partners: reserving that avoids copying as the list grows.
    fn new(index: &'x MatchIndex, partners: usize) -> BestPerPartner<'x> {
        BestPerPartner {
            ranks: &index.p_rank,
            floor: index.config.suggestion_floor,
            last_partner: usize::MAX,
            list: Vec::with_capacity(partners),
        }
    }

    #[inline(always)] // See `NeedScan::partner_part`.
    fn push(&mut self, p: usize, column: usize, score: f64) {
        if score.is_nan() || score < self.floor {
            return;
        }
        match self.list.last_mut() {
            // On equal scores the first (lowest id) offer stays.
            Some(last) if self.last_partner == p => {
                if score > last.2 {
                    *last = (last.0, column as u32, score);
                }
            }
            _ => {
                self.last_partner = p;
                self.list.push((self.ranks.get(p).copied().unwrap_or(u32::MAX), column as u32, score));
            }
        }
    }
}

/// Two lists of disjoint partners, each in rank order, as one in rank order.
fn merge_by_rank(a: &[(u32, u32, f64)], b: &[(u32, u32, f64)]) -> Vec<(u32, u32, f64)> {
    let mut merged = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i].0 < b[j].0 {
            merged.push(a[i]);
            i += 1;
        } else {
            merged.push(b[j]);
            j += 1;
        }
    }
    merged.extend_from_slice(&a[i..]);
    merged.extend_from_slice(&b[j..]);
    merged
}

/// Calls `out(rank, sum)` in rank order for every partner in the lists, with the sum of its
/// scores added in need order as the definition does (0 + the first need's best + the next …):
/// the lists are merged by rank one after the other, the last merge straight into `out`.
fn sum_by_partner(lists: &[Vec<(u32, u32, f64)>], mut out: impl FnMut(u32, f64)) {
    let mut sums: Vec<(u32, f64)> = Vec::new();
    for (j, list) in lists.iter().enumerate() {
        if j + 1 == lists.len() {
            merge_sums(&sums, list, &mut out);
        } else {
            let mut merged = Vec::with_capacity(sums.len() + list.len());
            merge_sums(&sums, list, |rank, sum| merged.push((rank, sum)));
            sums = merged;
        }
    }
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

/// Scores `offer` against every open need of its class; keeps the best offer per need.
fn scan_needs(
    index: &MatchIndex,
    offer: &OfferSide<'_>,
    found: &mut Vec<(u32, f64, Option<u32>)>,
    column: Option<u32>,
) {
    for n in index.needs_of_class(offer.class) {
        if index.n_covered[n] {
            continue;
        }
        let need = index.need_side(n);
        if let Some(score) = score_columns(index, &need, offer) {
            found.push((n as u32, score, column));
        }
    }
}

/// The best `k` needs of those `found` (need column, score, offer column), each with its best
/// offer: by score (descending), then initiative id and need id.
fn top_needs(index: &MatchIndex, found: Vec<(u32, f64, Option<u32>)>, k: usize) -> Vec<NeedSuggestion> {
    // Best offer per need: the highest score, then the lowest offer column (id order). A table
    // by need column rather than a sort by need, which would link one more copy of the standard
    // library's sort into the wasm bundle.
    let mut best: Vec<Option<(f64, Option<u32>)>> = vec![None; index.n_class.len()];
    let mut needs: Vec<SortKey<'_>> = Vec::new();
    for (n, score, column) in found {
        let Some(slot) = best.get_mut(n as usize) else { continue };
        match slot {
            None => {
                *slot = Some((score, column));
                needs.push((0, "", "", n as usize, 0));
            }
            Some(b) => {
                if score.total_cmp(&b.0).then(b.1.cmp(&column)) == Ordering::Greater {
                    *b = (score, column);
                }
            }
        }
    }
    // Equal ids (possible in a lenient dataset) keep column order, as they did by need.
    for key in &mut needs {
        let n = key.3;
        if let Some((score, _)) = best[n] {
            let initiative = &index.dataset.initiatives[index.n_initiative[n] as usize];
            let need = &initiative.needs[index.n_need[n] as usize];
            *key = (descending(score), initiative.id.as_str(), need.id.as_str(), n, 0);
        }
    }
    needs.sort_unstable();
    needs.truncate(k);
    needs
        .into_iter()
        .filter_map(|(_, _, _, n, _)| {
            let (score, column) = best[n]?;
            Some(NeedSuggestion {
                need: need_ref(index, n),
                offer: column.map(|c| offer_ref(index, c as usize)),
                score,
            })
        })
        .collect()
}

/// The best `k` needs (across all initiatives) for a partner, each with the partner's best offer
/// for it; a covered need is never among them. An unknown id gives no suggestions.
pub fn suggest_for_partner(index: &MatchIndex, partner: &PartnerId, k: usize) -> Vec<NeedSuggestion> {
    match index.partner_at(partner) {
        Some(at) => suggest_for_partner_at(index, at, k),
        None => Vec::new(),
    }
}

/// [`suggest_for_partner`] by position.
pub(crate) fn suggest_for_partner_at(index: &MatchIndex, partner: usize, k: usize) -> Vec<NeedSuggestion> {
    let Some(columns) = index.offer_column.get(partner) else { return Vec::new() };
    let mut found = Vec::new();
    for &column in columns {
        let offer = index.offer_side(column as usize);
        scan_needs(index, &offer, &mut found, Some(column));
    }
    top_needs(index, found, k)
}

/// The best `k` needs for an offer that is not in the dataset, such as a volunteer's "I can
/// help with …", leaving out covered needs; [`explain_adhoc`](super::explain_adhoc) says why.
///
/// ```
/// # use verschilmaker::Dataset;
/// use verschilmaker::{Kind, matching::{AdHocOffer, MatchConfig, MatchIndex, suggest_for_adhoc}};
/// # let dataset = Dataset::from_json_strict(r#"{"schema": "verschilmaker/1",
/// #   "municipality": {"name": "G", "languages": ["nl"]},
/// #   "initiatives": [{"id": "i", "title": "I", "stage": "idea",
/// #                    "needs": [{"id": "handen", "kind": "volunteers", "amount": 20}]}]}"#)?;
/// let index = MatchIndex::build(dataset, &MatchConfig::default());
/// let mut offer = AdHocOffer::new(Kind::Volunteers);
/// offer.capacity = Some(8.0);
/// let top = suggest_for_adhoc(&index, &offer, 5);
/// assert_eq!(top.len(), 1);
/// # Ok::<(), verschilmaker::LoadError>(())
/// ```
pub fn suggest_for_adhoc(index: &MatchIndex, offer: &AdHocOffer, k: usize) -> Vec<NeedSuggestion> {
    let owned = AdHocColumns::new(index, offer);
    let side = owned.side();
    let mut found = Vec::new();
    scan_needs(index, &side, &mut found, None);
    top_needs(index, found, k)
}
