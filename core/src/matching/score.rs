//! The score of a need against an offer: the component values, computed from the index columns
//! for speed, their explanation, and a straightforward reference implementation on the model.

use std::collections::{BTreeMap, BTreeSet};

use super::conditions::per_request;
use super::index::{
    Geo, InitiativeSide, MatchIndex, NONE, NeedSide, OfferSide, PartnerSide, Span, initiative_point, load_value,
    open_amount, open_capacity, sector_bit, signature,
};
use super::suggest::OfferSuggestion;
use super::words::{self, OfferWords};
use super::{
    AdHocOffer, COMPONENTS, Component, ComponentScore, Explanation, MatchConfig, NeedAt, NeedRef, OfferAt, OfferRef,
    Reason, Weights,
};
use crate::{Coverage, Dataset, Sector};

/// Proximity values, also used by the reference implementation.
pub(crate) const SAME_AREA: f64 = 1.0;
pub(crate) const WIDER_AREA: f64 = 0.8;
pub(crate) const PART_OF_AREA: f64 = 0.7;
pub(crate) const NEIGHBOURING_AREA: f64 = 0.5;
pub(crate) const WHOLE_MUNICIPALITY: f64 = 0.4;
/// The diversity value of a sector the initiative already has.
pub(crate) const SECTOR_PRESENT: f64 = 0.25;
/// The value of a component that cannot be judged for lack of data.
pub(crate) const UNKNOWN: f64 = 0.5;
/// The default least score of a suggestion ([`MatchConfig::suggestion_floor`]).
pub const SUGGESTION_FLOOR: f64 = 0.4;

/// Why the proximity component has its value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Prox {
    Same(u32),
    Wider(u32),
    Part(u32),
    Neighbour(u32),
    Radius { distance: f64, radius: f64 },
    All,
    Anywhere,
}

/// How a served area relates to the initiative's area, or `None` when it is unrelated.
pub(crate) fn area_relation(ix: &MatchIndex, area: u32, served: u32) -> Option<(f64, Prox)> {
    if area == NONE {
        None
    } else if served == area {
        Some((SAME_AREA, Prox::Same(served)))
    } else if ix.area_inside(area, served) {
        Some((WIDER_AREA, Prox::Wider(served)))
    } else if ix.area_inside(served, area) {
        Some((PART_OF_AREA, Prox::Part(served)))
    } else {
        let parent = ix.area_parent_of(area);
        (parent != NONE && ix.area_parent_of(served) == parent).then_some((NEIGHBOURING_AREA, Prox::Neighbour(served)))
    }
}

/// The value of [`area_relation`] of every area to one initiative's area (−1 when
/// unrelated), computed once per query for the hot loop.
pub(crate) struct AreaTable {
    value: Vec<f64>,
    /// The related areas (value ≥ 0) with their values, in area order.
    pub related: Vec<(u32, f64)>,
}

impl AreaTable {
    pub fn new(ix: &MatchIndex, area: u32) -> AreaTable {
        let count = if area == NONE { 0 } else { ix.area_parent.len() as u32 };
        let value: Vec<f64> = (0..count).map(|served| area_relation(ix, area, served).map_or(-1.0, |r| r.0)).collect();
        let related = (0..count).zip(&value).filter(|&(_, &v)| v >= 0.0).map(|(a, &v)| (a, v)).collect();
        AreaTable { value, related }
    }
}

/// The proximity value alone, as [`proximity`] would give it, or −1 when the partner is not
/// near enough (the same candidates in the same order, so the same maximum). It reads only the
/// partner's coverage, radius and point, so that the hot loop loads nothing else of a partner
/// that is too far away.
#[inline]
pub(crate) fn proximity_value_of(
    init: &InitiativeSide<'_>,
    all_areas: bool,
    areas: &[u32],
    (radius, radius_limit): (f64, f64),
    point: Option<Geo>,
    table: &AreaTable,
) -> f64 {
    let mut best = -1.0f64;
    if init.area == NONE || all_areas {
        best = WHOLE_MUNICIPALITY;
    }
    for &served in areas {
        if let Some(&value) = table.value.get(served as usize)
            && value > best
        {
            best = value;
        }
    }
    // The radius ranks the places the partner serves; it never adds one (see `Component::Proximity`).
    if (0.0..SAME_AREA).contains(&best)
        && radius >= 0.0
        && let (Some(from), Some(to)) = (point, init.point)
        && let Some(distance) = from.distance_within(to, radius, radius_limit)
    {
        best = best.max(radius_value(distance, radius));
    }
    best
}

/// The best proximity relation between an initiative and a partner, or `None` when the
/// partner is not near enough (the hard filter).
pub(crate) fn proximity(ix: &MatchIndex, init: &InitiativeSide<'_>, p: &PartnerSide<'_>) -> Option<(f64, Prox)> {
    proximity_with(init, p, |served| area_relation(ix, init.area, served))
}

/// [`proximity`] with the area relations looked up in a table.
#[inline]
pub(crate) fn proximity_with(
    init: &InitiativeSide<'_>,
    p: &PartnerSide<'_>,
    relation: impl Fn(u32) -> Option<(f64, Prox)>,
) -> Option<(f64, Prox)> {
    let mut best: Option<(f64, Prox)> = None;
    if init.area == NONE {
        consider(&mut best, WHOLE_MUNICIPALITY, Prox::Anywhere);
    }
    if p.all_areas {
        consider(&mut best, WHOLE_MUNICIPALITY, Prox::All);
    }
    if init.area != NONE {
        for &served in p.areas {
            if let Some((value, why)) = relation(served) {
                consider(&mut best, value, why);
            }
        }
    }
    if best.is_some_and(|(b, _)| b < SAME_AREA)
        && let (Some(from), Some(to)) = (p.point, init.point)
        && p.radius >= 0.0
        && let Some(distance) = from.distance_within(to, p.radius, p.radius_limit)
    {
        consider(&mut best, radius_value(distance, p.radius), Prox::Radius { distance, radius: p.radius });
    }
    best
}

/// Keeps `value` when it beats the best so far; on a tie the earlier relation stays.
fn consider<T>(best: &mut Option<(f64, T)>, value: f64, why: T) {
    if best.as_ref().is_none_or(|(b, _)| value > *b) {
        *best = Some((value, why));
    }
}

fn radius_value(distance: f64, radius: f64) -> f64 {
    if radius > 0.0 { 1.0 - 0.5 * (distance / radius).clamp(0.0, 1.0) } else { 1.0 }
}

/// How many of `asked` are in `offered`; both sorted and deduplicated.
pub(crate) fn shared_count(asked: &[u32], asked_sig: u64, offered: &[u32], offered_sig: u64) -> usize {
    if asked_sig & offered_sig == 0 {
        return 0;
    }
    asked.iter().filter(|id| offered.binary_search(id).is_ok()).count()
}

pub(crate) fn share(shared: usize, of: usize) -> f64 {
    shared as f64 / of as f64
}

pub(crate) fn period_value(need: Span, offer: Span) -> (f64, i64, i64) {
    if need.is_none() || offer.is_none() {
        return (1.0, 0, 0);
    }
    let days = i64::from(need.end) - i64::from(need.start) + 1;
    let overlap = (i64::from(need.end.min(offer.end)) - i64::from(need.start.max(offer.start)) + 1).max(0);
    (overlap as f64 / days as f64, overlap, days)
}

pub(crate) fn capacity_value(amount: f64, capacity: f64) -> f64 {
    if amount.is_nan() || capacity.is_nan() {
        UNKNOWN
    } else if amount <= 0.0 {
        1.0
    } else {
        (capacity / amount).min(1.0)
    }
}

pub(crate) fn diversity_value(sectors: u8, sector: u8) -> f64 {
    if sectors & (1 << sector) != 0 { SECTOR_PRESENT } else { 1.0 }
}

/// The score from the component values: Σ wᵢ·vᵢ added in component order.
pub(crate) fn total(norm: &[f64; COMPONENTS], values: &[f64; COMPONENTS]) -> f64 {
    let mut score = 0.0;
    for i in 0..COMPONENTS {
        score += norm[i] * values[i];
    }
    score
}

/// The component values of a need and an offer, or `None` when a hard filter fails: kind and
/// unit, proximity, or one of the offer's conditions.
#[inline]
pub(crate) fn values(ix: &MatchIndex, n: &NeedSide<'_>, o: &OfferSide<'_>) -> Option<[f64; COMPONENTS]> {
    if n.class != o.class || n.class == NONE {
        return None;
    }
    if o.conditional && breaks(ix, n.at, o.at) {
        return None;
    }
    let (proximity, _) = proximity(ix, &n.initiative, &o.partner)?;
    let values = values_near(n, o, proximity);
    let gate = ix.class_units.get(n.class as usize).is_some_and(|c| words::gates(c.0, n.words, !n.skills.is_empty()));
    let shared_skills = !n.skills.is_empty() && values[0] > 0.0;
    words::fits(gate, values[7], words::evidence(n.words), !o.stems.is_empty(), shared_skills).then_some(values)
}

/// Whether the need at `need` breaks a condition of the offer at `offer`
/// ([`breach`](super::breach)); an offer not in the dataset has none.
#[inline(never)]
pub(crate) fn breaks(ix: &MatchIndex, need: NeedAt, offer: Option<OfferAt>) -> bool {
    let d = &ix.dataset;
    let Some(offer) = offer.and_then(|at| d.partners.get(at.partner)?.offers.get(at.offer)) else { return false };
    let Some(initiative) = d.initiatives.get(need.initiative) else { return false };
    let Some(model) = initiative.needs.get(need.need) else { return false };
    super::breach(d, initiative, model, offer).is_some()
}

/// The component values once the kind, unit, condition and proximity filters have passed.
#[inline]
pub(crate) fn values_near(n: &NeedSide<'_>, o: &OfferSide<'_>, proximity: f64) -> [f64; COMPONENTS] {
    values_shared(n, o, proximity, |k| share(k, n.skills.len()), |k| share(k, n.initiative.themes.len()))
}

/// [`values_near`] with the shares k / n looked up (the hot loop precomputes them per query;
/// a table of `share(k, n)` holds the very same values).
#[inline]
pub(crate) fn values_shared(
    n: &NeedSide<'_>,
    o: &OfferSide<'_>,
    proximity: f64,
    skill_share: impl Fn(usize) -> f64,
    theme_share: impl Fn(usize) -> f64,
) -> [f64; COMPONENTS] {
    let skills =
        if n.skills.is_empty() { 1.0 } else { skill_share(shared_count(n.skills, n.skill_sig, o.skills, o.skill_sig)) };
    let init = &n.initiative;
    let themes = if init.themes.is_empty() || o.partner.themes.is_empty() {
        UNKNOWN
    } else {
        theme_share(shared_count(init.themes, init.theme_sig, o.partner.themes, o.partner.theme_sig))
    };
    let (period, _, _) = period_value(n.period, o.period);
    let capacity = capacity_value(n.amount, o.capacity);
    let diversity = diversity_value(init.sectors, o.partner.sector);
    [skills, themes, proximity, period, capacity, diversity, o.load, words::value(n.words, o.stems)]
}

/// The score of need column `n` against offer column `o`, or `None` when filtered out.
#[inline]
pub(crate) fn score_columns(ix: &MatchIndex, n: &NeedSide<'_>, o: &OfferSide<'_>) -> Option<f64> {
    values(ix, n, o).map(|v| total(&ix.norm, &v))
}

/// Why a need and an offer score what they score, or `None` when they do not match (different
/// kind or unit, or the partner is not near enough) or an id is not in the dataset.
///
/// The score equals the one the suggestions report, bit for bit.
pub fn explain(index: &MatchIndex, need: &NeedRef, offer: &OfferRef) -> Option<Explanation> {
    explain_at(index, index.need_at(need)?, index.offer_at(offer)?)
}

/// [`explain`] by positions.
pub(crate) fn explain_at(index: &MatchIndex, need: NeedAt, offer: OfferAt) -> Option<Explanation> {
    let n = index.need_side(index.need_col(need.initiative, need.need)?);
    let o = index.offer_side(index.offer_col(offer.partner, offer.offer)?);
    let p = index.dataset.partners.get(offer.partner)?;
    let used = index.p_used.get(offer.partner)?.get(offer.offer).copied().unwrap_or(0.0);
    let capacity = p.offers.get(offer.offer)?.capacity;
    let load = match capacity {
        Some(c) if c > 0.0 => Reason::OfferUse { used, capacity: c },
        _ => Reason::PartnerCommitments { count: index.p_active.get(offer.partner).copied().unwrap_or(0) },
    };
    explain_sides(index, need, &n, &o, p.sector, load)
}

/// Like [`explain`], for an offer that is not in the dataset.
pub fn explain_adhoc(index: &MatchIndex, offer: &AdHocOffer, need: &NeedRef) -> Option<Explanation> {
    let need = index.need_at(need)?;
    let n = index.need_side(index.need_col(need.initiative, need.need)?);
    let owned = AdHocColumns::new(index, offer);
    let o = owned.side();
    explain_sides(index, need, &n, &o, offer.sector, Reason::PartnerCommitments { count: 0 })
}

fn explain_sides(
    ix: &MatchIndex,
    need: NeedAt,
    n: &NeedSide<'_>,
    o: &OfferSide<'_>,
    sector: Sector,
    load: Reason,
) -> Option<Explanation> {
    let values = values(ix, n, o)?;
    let (_, prox) = proximity(ix, &n.initiative, &o.partner)?;
    let skill_ids =
        |ids: Vec<u32>| ids.into_iter().filter_map(|i| ix.skill_names.get(i as usize)).map(|s| id(s)).collect();
    let theme_ids =
        |ids: Vec<u32>| ids.into_iter().filter_map(|i| ix.theme_names.get(i as usize)).map(|s| id(s)).collect();
    let area_id = |a: u32| ix.dataset.areas.get(a as usize).map(|a| a.id.clone());
    let init_area = ix.dataset.initiatives.get(need.initiative).and_then(|i| i.area.clone());
    let unit = ix.dataset.initiatives.get(need.initiative)?.needs.get(need.need)?.unit.clone();
    let skills = if n.skills.is_empty() {
        Reason::NoSkillsAsked
    } else {
        let shared: Vec<u32> = n.skills.iter().copied().filter(|s| o.skills.binary_search(s).is_ok()).collect();
        Reason::SharedSkills { shared: skill_ids(shared), asked: n.skills.len() }
    };
    let init = &n.initiative;
    let themes = if init.themes.is_empty() {
        Reason::NoThemes
    } else if o.partner.themes.is_empty() {
        Reason::PartnerWithoutThemes
    } else {
        let shared: Vec<u32> =
            init.themes.iter().copied().filter(|t| o.partner.themes.binary_search(t).is_ok()).collect();
        Reason::SharedThemes { shared: theme_ids(shared), of: init.themes.len() }
    };
    let proximity = match prox {
        Prox::Same(a) => Reason::SameArea { area: area_id(a)? },
        Prox::Wider(a) => Reason::ServesWiderArea { served: area_id(a)?, area: init_area? },
        Prox::Part(a) => Reason::ServesPartOfArea { served: area_id(a)?, area: init_area? },
        Prox::Neighbour(a) => Reason::NeighbouringArea { served: area_id(a)?, area: init_area? },
        Prox::Radius { distance, radius } => Reason::WithinRadius { distance_km: distance, radius_km: radius },
        Prox::All => Reason::ServesWholeMunicipality,
        Prox::Anywhere => Reason::InitiativeWholeMunicipality,
    };
    let (_, overlap, days) = period_value(n.period, o.period);
    let period = if n.period.is_none() || o.period.is_none() {
        Reason::NoPeriod
    } else {
        Reason::PeriodOverlap { overlap_days: overlap as u32, needed_days: days as u32 }
    };
    let capacity = if n.amount.is_nan() || o.capacity.is_nan() {
        Reason::Unquantified
    } else if n.amount <= 0.0 {
        Reason::AlreadyCovered
    } else if o.capacity >= n.amount {
        Reason::CoversAll { offered: o.capacity, needed: n.amount, unit: unit.clone() }
    } else {
        Reason::CoversPart { offered: o.capacity, needed: n.amount, unit: unit.clone() }
    };
    let diversity = if init.sectors & sector_bit(sector) != 0 {
        Reason::SectorPresent { sector }
    } else {
        let present = Sector::ALL.iter().copied().filter(|s| init.sectors & sector_bit(*s) != 0).collect();
        Reason::NewSector { sector, present }
    };
    let shared: Vec<(String, String)> = n
        .words
        .iter()
        .filter(|w| words::factor(w, o.stems) > 0.0)
        .map(|w| (String::from(&*w.lang), String::from(&*w.word)))
        .collect();
    let text =
        if n.words.is_empty() { Reason::NoWords } else { Reason::SharedWords { words: shared, of: n.words.len() } };
    let reasons = [skills, themes, proximity, period, capacity, diversity, load, text];
    let score = total(&ix.norm, &values);
    let components = Component::ALL
        .iter()
        .copied()
        .zip(reasons)
        .enumerate()
        .map(|(i, (component, reason))| ComponentScore {
            component,
            weight: ix.norm[i],
            value: values[i],
            contribution: ix.norm[i] * values[i],
            reason,
        })
        .collect();
    Some(Explanation { score, components })
}

fn id<T: From<Id>>(text: &str) -> T {
    T::from(Id(text.to_owned()))
}

/// A private carrier to build id newtypes that the index knows are valid.
pub(crate) struct Id(pub String);

macro_rules! from_id {
    ($($t:ty),*) => {$(
        impl From<Id> for $t {
            fn from(id: Id) -> $t {
                // Ids in the index came from the dataset, so they are valid; an empty fallback
                // can only be reached by a bug and still does not panic.
                <$t>::new(&id.0).unwrap_or_else(|| <$t>::new("?").expect("\"?\" is a valid id"))
            }
        }
    )*};
}
from_id!(crate::SkillId, crate::ThemeId);

/// Owned columns for an ad-hoc offer, so that it can be scored like any other.
pub(crate) struct AdHocColumns {
    pub class: u32,
    pub capacity: f64,
    pub skills: Vec<u32>,
    pub period: Span,
    pub sector: u8,
    pub all_areas: bool,
    pub areas: Vec<u32>,
    pub point: Option<Geo>,
    pub radius: f64,
    pub radius_limit: f64,
    pub themes: Vec<u32>,
}

impl AdHocColumns {
    pub fn new(ix: &MatchIndex, offer: &AdHocOffer) -> AdHocColumns {
        let unit = offer.unit.clone().unwrap_or_else(|| offer.kind.default_unit());
        let class = ix.class_of(offer.kind, unit.as_str()).unwrap_or(NONE);
        let sorted = |mut ids: Vec<u32>| {
            ids.sort_unstable();
            ids.dedup();
            ids
        };
        let (all_areas, areas) = match &offer.areas {
            Coverage::All => (true, Vec::new()),
            Coverage::Areas(areas) => {
                (false, sorted(areas.iter().filter_map(|a| ix.area_number(a.as_str())).collect()))
            }
        };
        AdHocColumns {
            class,
            capacity: open_capacity(offer.capacity.filter(|c| c.is_finite()), 0.0),
            skills: sorted(offer.skills.iter().filter_map(|s| ix.skill_number(s.as_str())).collect()),
            period: Span::for_offer(offer.period.as_ref()),
            sector: offer.sector as u8,
            all_areas,
            areas,
            point: offer.location.filter(|p| p.lat.is_finite() && p.lon.is_finite()).map(Geo::new),
            radius: offer.radius_km.filter(|r| r.is_finite() && *r >= 0.0).unwrap_or(f64::NAN),
            radius_limit: Geo::haversine_limit(offer.radius_km.unwrap_or(f64::NAN)),
            themes: sorted(offer.themes.iter().filter_map(|t| ix.theme_number(t.as_str())).collect()),
        }
    }

    pub fn side(&self) -> OfferSide<'_> {
        OfferSide {
            class: self.class,
            capacity: self.capacity,
            load: 1.0,
            skills: &self.skills,
            skill_sig: signature(&self.skills),
            period: self.period,
            partner: PartnerSide {
                sector: self.sector,
                all_areas: self.all_areas,
                areas: &self.areas,
                point: self.point,
                radius: self.radius,
                radius_limit: self.radius_limit,
                themes: &self.themes,
                theme_sig: signature(&self.themes),
            },
            stems: &[],
            at: None,
            conditional: false,
        }
    }
}

/// The straightforward reference implementation of the suggestions for one initiative: for each
/// need that is not covered and takes suggestions today, score every running offer of every
/// partner whose conditions it meets, from the model directly (string ids, no index), keep each
/// partner's best offer (the first by offer id among equals), drop those below
/// the configuration's `suggestion_floor`, sort by score (descending), then partner id and offer id, and keep `k`;
/// any other need gets an empty list. The text component's words and weights come from the
/// same functions as the index's (they are the rule), but are matched per offer here.
///
/// It computes the same formula as the index, value for value, and exists as the oracle of the
/// property tests and the baseline of the benchmark; use [`suggest_for_initiative`] instead.
///
/// [`suggest_for_initiative`]: super::suggest_for_initiative
#[doc(hidden)]
pub fn naive_suggest_for_initiative(
    dataset: &Dataset,
    config: &MatchConfig,
    initiative: usize,
    k: usize,
) -> Vec<Vec<OfferSuggestion>> {
    let Some(init) = dataset.initiatives.get(initiative) else { return Vec::new() };
    let norm = config.weights.unwrap_or_else(|| Weights::for_dataset(dataset)).normalized();
    // What commitments take, summed in dataset order like the index does.
    let mut used: BTreeMap<(&str, &str), f64> = BTreeMap::new();
    let mut active: BTreeMap<&str, u32> = BTreeMap::new();
    let mut covered: BTreeMap<&str, crate::NeedCoverage> = BTreeMap::new();
    let mut sectors: u8 = init.initiators.iter().filter_map(|x| x.sector).fold(0, |m, s| m | sector_bit(s));
    for c in &dataset.commitments {
        if !c.status.covers() {
            continue;
        }
        let partner = dataset.partners.iter().find(|p| p.id == c.partner);
        if c.status == crate::CommitmentStatus::Agreed && partner.is_some() {
            *active.entry(c.partner.as_str()).or_default() += 1;
        }
        if let (Some(offer), Some(amount), Some(p)) = (&c.offer, c.amount, partner)
            && p.offers.iter().any(|o| o.id == *offer)
        {
            *used.entry((c.partner.as_str(), offer.as_str())).or_default() += amount;
        }
        if c.initiative == init.id {
            if let Some(p) = partner {
                sectors |= sector_bit(p.sector);
            }
            if let Some(need) = &c.need
                && init.needs.iter().any(|n| n.id == *need)
            {
                covered.entry(need.as_str()).or_default().add(c);
            }
        }
    }
    let area_index = |id: &crate::AreaId| dataset.areas.iter().position(|a| a.id == *id).map(|i| i as u32);
    let parents: Vec<u32> =
        dataset.areas.iter().map(|a| a.parent.as_ref().and_then(area_index).unwrap_or(NONE)).collect();
    let init_area = init.area.as_ref().filter(|a| dataset.area(a).is_some());
    let init_point =
        initiative_point(dataset, init.location.as_ref(), init_area.and_then(area_index).unwrap_or(NONE), &parents);
    let init_themes: BTreeSet<&str> = init.themes.iter().map(|t| t.as_str()).collect();
    let parent_of = |id: &crate::AreaId| dataset.area(id).and_then(|a| a.parent.clone());
    let mut running: Vec<(u32, u32)> = Vec::new();
    for (p, partner) in dataset.partners.iter().enumerate() {
        for (o, offer) in partner.offers.iter().enumerate() {
            if super::offer_runs(offer, config.today) {
                running.push((p as u32, o as u32));
            }
        }
    }
    let offer_words = OfferWords::build(dataset, &running);
    let column_of = |p: usize, o: usize| running.binary_search(&(p as u32, o as u32)).ok();

    let mut result = Vec::new();
    for need in &init.needs {
        if covered.get(need.id.as_str()).copied().unwrap_or_default().covers(need)
            || !super::need_takes_suggestions(init, need, config.today)
        {
            result.push(Vec::new());
            continue;
        }
        let need_words = offer_words.need(words::need_words(dataset, init, need));
        let gate = words::gates(need.kind, &need_words, !need.skills.is_empty());
        let asked: BTreeSet<&str> = need.skills.iter().map(|s| s.as_str()).collect();
        let amount = open_amount(need.amount, covered.get(need.id.as_str()));
        let need_span = Span::for_need(need.period.as_ref().or(init.period.as_ref()));
        let mut all: Vec<(f64, &crate::PartnerId, &crate::OfferId)> = Vec::new();
        for (p, partner) in dataset.partners.iter().enumerate() {
            // Proximity, the hard filter, from the model.
            let mut best: Option<(f64, ())> = None;
            if init_area.is_none() {
                consider(&mut best, WHOLE_MUNICIPALITY, ());
            }
            match &partner.areas {
                Coverage::All => consider(&mut best, WHOLE_MUNICIPALITY, ()),
                Coverage::Areas(served) => {
                    if let Some(area) = init_area {
                        for s in served.iter().filter(|s| dataset.area(s).is_some()) {
                            if s == area {
                                consider(&mut best, SAME_AREA, ());
                            } else if dataset.area_within(area, s) {
                                consider(&mut best, WIDER_AREA, ());
                            } else if dataset.area_within(s, area) {
                                consider(&mut best, PART_OF_AREA, ());
                            } else if parent_of(area).is_some() && parent_of(area) == parent_of(s) {
                                consider(&mut best, NEIGHBOURING_AREA, ());
                            }
                        }
                    }
                }
            }
            if let (Some(from), Some(to), Some(radius)) =
                (partner.location.as_ref().and_then(|l| l.point()), init_point, partner.radius_km)
                && best.is_some_and(|(b, _)| b < SAME_AREA)
                && radius >= 0.0
            {
                // The same distance function as the index (see `Geo`).
                let distance = Geo::new(from).distance_km(Geo::new(to));
                if distance <= radius {
                    consider(&mut best, radius_value(distance, radius), ());
                }
            }
            let Some((proximity, ())) = best else { continue };
            let partner_themes: BTreeSet<&str> = partner.themes.iter().map(|t| t.as_str()).collect();
            let themes = if init_themes.is_empty() || partner_themes.is_empty() {
                UNKNOWN
            } else {
                share(init_themes.intersection(&partner_themes).count(), init_themes.len())
            };
            let mut best: Option<(f64, &crate::OfferId)> = None;
            for (o, offer) in partner.offers.iter().enumerate() {
                let Some(column) = column_of(p, o) else { continue };
                if offer.kind != need.kind
                    || offer.unit != need.unit
                    || super::breach(dataset, init, need, offer).is_some()
                {
                    continue;
                }
                let offered: BTreeSet<&str> = offer.skills.iter().map(|s| s.as_str()).collect();
                let skills =
                    if asked.is_empty() { 1.0 } else { share(asked.intersection(&offered).count(), asked.len()) };
                let (period, _, _) = period_value(need_span, Span::for_offer(offer.period.as_ref()));
                let u = used.get(&(partner.id.as_str(), offer.id.as_str())).copied().unwrap_or(0.0);
                let capacity = capacity_value(amount, per_request(open_capacity(offer.capacity, u), offer.max_amount));
                let diversity = diversity_value(sectors, partner.sector as u8);
                let load = load_value(offer.capacity, u, active.get(partner.id.as_str()).copied().unwrap_or(0));
                let text = words::value(&need_words, offer_words.of_column(column));
                let stems = offer_words.of_column(column);
                let evidence = words::evidence(&need_words);
                if !words::fits(gate, text, evidence, !stems.is_empty(), !asked.is_empty() && skills > 0.0) {
                    continue;
                }
                let score = total(&norm, &[skills, themes, proximity, period, capacity, diversity, load, text]);
                if score >= config.suggestion_floor
                    && best.is_none_or(|(b, id)| score > b || (score == b && offer.id < *id))
                {
                    best = Some((score, &offer.id));
                }
            }
            if let Some((score, offer)) = best {
                all.push((score, &partner.id, offer));
            }
        }
        all.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)).then(a.2.cmp(b.2)));
        let need_ref = NeedRef::new(init.id.clone(), need.id.clone());
        result.push(
            all.into_iter()
                .take(k)
                .map(|(score, partner, offer)| OfferSuggestion {
                    need: need_ref.clone(),
                    offer: OfferRef::new(partner.clone(), offer.clone()),
                    score,
                })
                .collect(),
        );
    }
    result
}
