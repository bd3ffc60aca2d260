//! Insights for the facilitator: open and covered needs by kind, theme and area, partner
//! capacity offered and used, the sector mix per initiative, the pipeline by stage, and the
//! gaps where open needs have no candidate partner at all.
//!
//! Everything here is plain data the widget can chart. Amounts are only ever added up within
//! one kind *and* unit: 40 hours and 40 euros are not 80 of anything.
//!
//! Ordering is deterministic: kinds, stages and sectors in the model's order, units
//! alphabetically within a kind, themes, areas, partners and initiatives in dataset order.

use std::collections::HashMap;

use crate::coverage::{NeedCoverage, need_coverage};
use crate::{AreaId, Coverage, Dataset, InitiativeId, Kind, OfferId, PartnerId, Per, Sector, Stage, ThemeId};

/// Needed, covered and open amounts of one kind and unit.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct NeedTotals {
    /// The kind of need.
    pub kind: Kind,
    /// The unit the amounts are in.
    pub unit: String,
    /// How many needs of this kind and unit.
    pub needs: usize,
    /// How many of them are open (see [`search::NeedStatus::Open`](crate::search::NeedStatus::Open)).
    pub open_needs: usize,
    /// The sum of the needs' amounts (needs without an amount add nothing).
    pub needed: f64,
    /// The part of `needed` that agreed and delivered commitments cover (never more than a
    /// need's own amount).
    pub covered: f64,
    /// `needed - covered`.
    pub open: f64,
}

/// The need totals of one group (a theme or an area).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct GroupTotals<K> {
    /// The theme or area; `None` as an area means initiatives for the whole municipality.
    pub key: K,
    /// How many initiatives are in the group.
    pub initiatives: usize,
    /// Totals per kind and unit, only for kinds the group has needs of.
    pub totals: Vec<NeedTotals>,
}

/// One offer's capacity and how much of it agreed and delivered commitments use.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct OfferUse {
    /// The partner.
    pub partner: PartnerId,
    /// The offer.
    pub offer: OfferId,
    /// Its kind.
    pub kind: Kind,
    /// Its unit.
    pub unit: String,
    /// How often the capacity renews.
    pub per: Per,
    /// The capacity, when the offer gives one.
    pub capacity: Option<f64>,
    /// The sum of agreed and delivered commitment amounts on this offer.
    pub used: f64,
    /// How many commitments (of any status but withdrawn) name this offer.
    pub commitments: usize,
}

/// Offered capacity and use per kind and unit, over all partners.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct CapacityTotals {
    /// The kind.
    pub kind: Kind,
    /// The unit.
    pub unit: String,
    /// How many offers.
    pub offers: usize,
    /// The sum of the offers' capacities (offers without one add nothing).
    pub offered: f64,
    /// The sum of agreed and delivered commitment amounts on these offers.
    pub used: f64,
}

/// The sectors that take part in one initiative: its initiators and the partners with a
/// commitment (proposed, agreed or delivered) to it.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct SectorMix {
    /// The initiative.
    pub initiative: InitiativeId,
    /// Per sector, in the model's order, how many initiators and committed partners (each
    /// partner once) belong to it; sectors with none are left out.
    pub sectors: Vec<(Sector, usize)>,
}

/// How many initiatives are at one stage.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct StageCount {
    /// The stage.
    pub stage: Stage,
    /// How many initiatives.
    pub initiatives: usize,
}

/// Open needs of one kind and unit, in one area or theme, that no partner could take on:
/// no offer of that kind and unit comes from a partner serving the initiative's area.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Gap<K> {
    /// The area (`None`: initiatives for the whole municipality) or theme.
    pub key: K,
    /// The kind of the needs.
    pub kind: Kind,
    /// Their unit.
    pub unit: String,
    /// How many such needs.
    pub needs: usize,
    /// Their open amount in all.
    pub open: f64,
    /// The initiatives that have them, in dataset order.
    pub initiatives: Vec<InitiativeId>,
}

/// The whole picture of a dataset for the facilitator's dashboard.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Insights {
    /// Need totals per kind and unit.
    pub by_kind: Vec<NeedTotals>,
    /// Need totals per theme, in dataset order (an initiative counts for each of its themes).
    pub by_theme: Vec<GroupTotals<ThemeId>>,
    /// Need totals per area, in dataset order; an area includes its children. A last entry with
    /// key `None` holds the initiatives without an area, when there are any.
    pub by_area: Vec<GroupTotals<Option<AreaId>>>,
    /// Every offer with its capacity and use, in dataset order.
    pub offers: Vec<OfferUse>,
    /// Capacity offered and used per kind and unit.
    pub capacity: Vec<CapacityTotals>,
    /// The sector mix of every initiative, in dataset order.
    pub sector_mix: Vec<SectorMix>,
    /// Initiatives per stage, in pipeline order, every stage listed.
    pub stages: Vec<StageCount>,
    /// Areas with open needs that no partner serving the area could take on.
    pub area_gaps: Vec<Gap<Option<AreaId>>>,
    /// Themes with open needs that no partner serving the initiative's area could take on.
    pub theme_gaps: Vec<Gap<ThemeId>>,
}

/// Adds one need to a list of totals, keeping kinds in model order and units sorted.
fn add_need(
    totals: &mut Vec<NeedTotals>,
    kind: Kind,
    unit: &str,
    amount: Option<f64>,
    coverage: &NeedCoverage,
    open: bool,
) {
    let key = (kind_rank(kind), unit);
    let at = match totals.binary_search_by(|row| (kind_rank(row.kind), row.unit.as_str()).cmp(&key)) {
        Ok(at) => at,
        Err(at) => {
            totals.insert(
                at,
                NeedTotals {
                    kind,
                    unit: unit.to_owned(),
                    needs: 0,
                    open_needs: 0,
                    needed: 0.0,
                    covered: 0.0,
                    open: 0.0,
                },
            );
            at
        }
    };
    let row = &mut totals[at];
    row.needs += 1;
    row.open_needs += usize::from(open);
    if let Some(amount) = amount {
        row.needed += amount;
        row.covered += coverage.covered_part(amount);
        row.open += coverage.open_part(amount);
    }
}

fn kind_rank(kind: Kind) -> usize {
    Kind::ALL.iter().position(|k| *k == kind).unwrap_or(usize::MAX)
}

/// Computes the dashboard figures of a dataset.
///
/// ```
/// use verschilmaker::{Dataset, Kind};
/// use verschilmaker::insights::insights;
///
/// let json = r#"{"schema": "verschilmaker/1",
///   "municipality": {"name": "Gemeente Voorbeeld", "languages": ["nl"]},
///   "initiatives": [{"id": "a", "title": "Moestuin", "stage": "idea",
///     "needs": [{"id": "geld", "kind": "funding", "amount": 500}]}],
///   "partners": [{"id": "fonds", "name": "Buurtfonds", "sector": "foundation",
///     "offers": [{"id": "subsidie", "kind": "funding", "capacity": 1000}]}],
///   "commitments": [{"id": "c1", "initiative": "a", "need": "geld", "partner": "fonds",
///     "offer": "subsidie", "amount": 200, "status": "agreed"}]}"#;
/// let insights = insights(&Dataset::from_json_strict(json).unwrap());
/// let funding = &insights.by_kind[0];
/// assert_eq!((funding.kind, funding.needed, funding.covered, funding.open), (Kind::Funding, 500.0, 200.0, 300.0));
/// assert_eq!(insights.offers[0].used, 200.0);
/// assert!(insights.area_gaps.is_empty(), "the fund serves the whole municipality");
/// ```
pub fn insights(dataset: &Dataset) -> Insights {
    insights_on(dataset, None)
}

/// [`insights`] on a given day: the gaps follow the rules of matching
/// ([`need_takes_suggestions`](crate::matching::need_takes_suggestions),
/// [`offer_runs`](crate::matching::offer_runs) and [`breach`](crate::matching::breach)), so
/// a need of a completed or paused initiative or one whose period has ended is no gap, and
/// an offer that has ended or whose conditions the need breaks is no candidate.
pub fn insights_on(dataset: &Dataset, today: Option<crate::Date>) -> Insights {
    let coverage = need_coverage(dataset);
    let area_positions: HashMap<&str, usize> =
        dataset.areas.iter().enumerate().map(|(at, area)| (area.id.as_str(), at)).collect();
    let theme_positions: HashMap<&str, usize> =
        dataset.themes.iter().enumerate().map(|(at, theme)| (theme.id.as_str(), at)).collect();
    // Each area with itself and its ancestors; the walk is bounded even on a cyclic dataset.
    let chains: Vec<Vec<usize>> = dataset
        .areas
        .iter()
        .enumerate()
        .map(|(at, area)| {
            let mut chain = vec![at];
            let mut parent = area.parent.as_ref();
            while let Some(&up) = parent.and_then(|id| area_positions.get(id.as_str())) {
                if chain.contains(&up) {
                    break;
                }
                chain.push(up);
                parent = dataset.areas[up].parent.as_ref();
            }
            chain
        })
        .collect();
    let chain_of = |area: Option<&AreaId>| -> &[usize] {
        area.and_then(|id| area_positions.get(id.as_str())).map_or(&[][..], |&at| chains[at].as_slice())
    };

    let mut by_kind = Vec::new();
    let mut by_theme: Vec<GroupTotals<ThemeId>> = dataset
        .themes
        .iter()
        .map(|theme| GroupTotals { key: theme.id.clone(), initiatives: 0, totals: Vec::new() })
        .collect();
    let mut by_area: Vec<GroupTotals<Option<AreaId>>> = dataset
        .areas
        .iter()
        .map(|area| GroupTotals { key: Some(area.id.clone()), initiatives: 0, totals: Vec::new() })
        .collect();
    let mut whole_municipality = GroupTotals { key: None, initiatives: 0, totals: Vec::new() };
    let mut stages: Vec<StageCount> = Stage::ALL.iter().map(|&stage| StageCount { stage, initiatives: 0 }).collect();

    // Which (kind, unit) offers each partner has, to find candidates for open needs.
    let partner_offers: Vec<Vec<(Kind, &str)>> = dataset
        .partners
        .iter()
        .map(|partner| partner.offers.iter().map(|offer| (offer.kind, offer.unit.as_str())).collect())
        .collect();
    let serves = |coverage: &Coverage, chain: &[usize]| match coverage {
        Coverage::All => true,
        Coverage::Areas(listed) => {
            listed.iter().any(|id| area_positions.get(id.as_str()).is_some_and(|at| chain.contains(at)))
        }
    };
    let mut area_gaps: Vec<Gap<Option<AreaId>>> = Vec::new();
    let mut theme_gaps: Vec<Gap<ThemeId>> = Vec::new();

    for (at, initiative) in dataset.initiatives.iter().enumerate() {
        if let Some(row) = stages.iter_mut().find(|row| row.stage == initiative.stage) {
            row.initiatives += 1;
        }
        let chain = chain_of(initiative.area.as_ref());
        let themes: Vec<usize> = {
            let mut themes: Vec<usize> =
                initiative.themes.iter().filter_map(|id| theme_positions.get(id.as_str()).copied()).collect();
            themes.sort_unstable();
            themes.dedup();
            themes
        };
        for &theme in &themes {
            by_theme[theme].initiatives += 1;
        }
        for &area in chain {
            by_area[area].initiatives += 1;
        }
        if chain.is_empty() {
            whole_municipality.initiatives += 1;
        }
        for (need, covered) in initiative.needs.iter().zip(&coverage[at]) {
            let open = !covered.covers(need);
            let unit = need.unit.as_str();
            add_need(&mut by_kind, need.kind, unit, need.amount, covered, open);
            for &theme in &themes {
                add_need(&mut by_theme[theme].totals, need.kind, unit, need.amount, covered, open);
            }
            for &area in chain {
                add_need(&mut by_area[area].totals, need.kind, unit, need.amount, covered, open);
            }
            if chain.is_empty() {
                add_need(&mut whole_municipality.totals, need.kind, unit, need.amount, covered, open);
            }
            if !open || !crate::matching::need_takes_suggestions(initiative, need, today) {
                continue;
            }
            let has_candidate = dataset.partners.iter().zip(&partner_offers).any(|(partner, offers)| {
                offers.contains(&(need.kind, unit))
                    && serves(&partner.areas, chain)
                    && partner.offers.iter().any(|offer| {
                        offer.kind == need.kind
                            && offer.unit == need.unit
                            && crate::matching::offer_runs(offer, today)
                            && crate::matching::breach(dataset, initiative, need, offer).is_none()
                    })
            });
            if has_candidate {
                continue;
            }
            let open_amount = need.amount.map_or(0.0, |amount| covered.open_part(amount));
            let area_key = chain.first().map(|&area| dataset.areas[area].id.clone());
            add_gap(&mut area_gaps, area_key, need.kind, unit, open_amount, &initiative.id);
            for &theme in &themes {
                add_gap(
                    &mut theme_gaps,
                    dataset.themes[theme].id.clone(),
                    need.kind,
                    unit,
                    open_amount,
                    &initiative.id,
                );
            }
        }
    }
    if whole_municipality.initiatives > 0 {
        by_area.push(whole_municipality);
    }
    // Gaps in dataset order of their key, then kind and unit.
    let area_rank = |key: &Option<AreaId>| {
        key.as_ref().and_then(|id| area_positions.get(id.as_str()).copied()).unwrap_or(usize::MAX)
    };
    area_gaps.sort_unstable_by(|a, b| {
        (area_rank(&a.key), kind_rank(a.kind), &a.unit).cmp(&(area_rank(&b.key), kind_rank(b.kind), &b.unit))
    });
    let theme_rank = |key: &ThemeId| theme_positions.get(key.as_str()).copied().unwrap_or(usize::MAX);
    theme_gaps.sort_unstable_by(|a, b| {
        (theme_rank(&a.key), kind_rank(a.kind), &a.unit).cmp(&(theme_rank(&b.key), kind_rank(b.kind), &b.unit))
    });

    let (offers, capacity) = offer_use(dataset);
    Insights {
        by_kind,
        by_theme,
        by_area,
        offers,
        capacity,
        sector_mix: sector_mix(dataset),
        stages,
        area_gaps,
        theme_gaps,
    }
}

fn add_gap<K: PartialEq>(gaps: &mut Vec<Gap<K>>, key: K, kind: Kind, unit: &str, open: f64, initiative: &InitiativeId) {
    let found = gaps.iter_mut().find(|gap| gap.key == key && gap.kind == kind && gap.unit == unit);
    let gap = match found {
        Some(gap) => gap,
        None => {
            gaps.push(Gap { key, kind, unit: unit.to_owned(), needs: 0, open: 0.0, initiatives: Vec::new() });
            let last = gaps.len() - 1;
            &mut gaps[last]
        }
    };
    gap.needs += 1;
    gap.open += open;
    if gap.initiatives.last() != Some(initiative) {
        gap.initiatives.push(initiative.clone());
    }
}

/// Every offer with its use, and the totals per kind and unit.
fn offer_use(dataset: &Dataset) -> (Vec<OfferUse>, Vec<CapacityTotals>) {
    let mut used: HashMap<(&str, &str), (f64, usize)> = HashMap::new();
    for commitment in &dataset.commitments {
        let Some(offer) = &commitment.offer else {
            continue;
        };
        if commitment.status == crate::CommitmentStatus::Withdrawn {
            continue;
        }
        let entry = used.entry((commitment.partner.as_str(), offer.as_str())).or_default();
        entry.1 += 1;
        if commitment.status.covers() {
            entry.0 += commitment.amount.unwrap_or(0.0);
        }
    }
    let mut offers = Vec::new();
    let mut capacity: Vec<CapacityTotals> = Vec::new();
    for partner in &dataset.partners {
        for offer in &partner.offers {
            let (amount_used, commitments) =
                used.get(&(partner.id.as_str(), offer.id.as_str())).copied().unwrap_or((0.0, 0));
            let unit = offer.unit.as_str();
            let key = (kind_rank(offer.kind), unit);
            let at = match capacity.binary_search_by(|row| (kind_rank(row.kind), row.unit.as_str()).cmp(&key)) {
                Ok(at) => at,
                Err(at) => {
                    capacity.insert(
                        at,
                        CapacityTotals { kind: offer.kind, unit: unit.to_owned(), offers: 0, offered: 0.0, used: 0.0 },
                    );
                    at
                }
            };
            capacity[at].offers += 1;
            capacity[at].offered += offer.capacity.unwrap_or(0.0);
            capacity[at].used += amount_used;
            offers.push(OfferUse {
                partner: partner.id.clone(),
                offer: offer.id.clone(),
                kind: offer.kind,
                unit: unit.to_owned(),
                per: offer.per,
                capacity: offer.capacity,
                used: amount_used,
                commitments,
            });
        }
    }
    (offers, capacity)
}

/// The sectors of each initiative's initiators and committed partners.
fn sector_mix(dataset: &Dataset) -> Vec<SectorMix> {
    let partner_sectors: HashMap<&str, Sector> =
        dataset.partners.iter().map(|partner| (partner.id.as_str(), partner.sector)).collect();
    let mut committed: HashMap<&str, Vec<&str>> = HashMap::new();
    for commitment in &dataset.commitments {
        if commitment.status == crate::CommitmentStatus::Withdrawn {
            continue;
        }
        let partners = committed.entry(commitment.initiative.as_str()).or_default();
        if !partners.contains(&commitment.partner.as_str()) {
            partners.push(commitment.partner.as_str());
        }
    }
    dataset
        .initiatives
        .iter()
        .map(|initiative| {
            let mut counts = [0usize; Sector::ALL.len()];
            let initiators = initiative.initiators.iter().filter_map(|initiator| initiator.sector);
            let partners = committed
                .get(initiative.id.as_str())
                .into_iter()
                .flatten()
                .filter_map(|id| partner_sectors.get(id).copied());
            for sector in initiators.chain(partners) {
                if let Some(at) = Sector::ALL.iter().position(|s| *s == sector) {
                    counts[at] += 1;
                }
            }
            SectorMix {
                initiative: initiative.id.clone(),
                sectors: Sector::ALL
                    .iter()
                    .zip(counts)
                    .filter(|(_, count)| *count > 0)
                    .map(|(sector, count)| (*sector, count))
                    .collect(),
            }
        })
        .collect()
}

#[cfg(all(test, feature = "serde"))]
mod tests {
    use super::*;

    fn dataset(json_body: &str) -> Dataset {
        let json = format!(
            r#"{{"schema": "verschilmaker/1",
                "municipality": {{"name": "Test", "languages": ["nl"]}}, {json_body}}}"#
        );
        match Dataset::from_json_strict(&json) {
            Ok(dataset) => dataset,
            Err(error) => panic!("test dataset: {error:?}"),
        }
    }

    const AREAS: &str = r#""areas": [{"id": "noord", "name": "Noord"},
        {"id": "noord-oost", "name": "Noord-Oost", "parent": "noord"},
        {"id": "zuid", "name": "Zuid"}],
        "themes": [{"id": "groen", "name": "Groen"}, {"id": "cultuur", "name": "Cultuur"}]"#;

    /// The demo data, which the workbench's dashboard shows.
    fn demo() -> Dataset {
        match Dataset::from_json_strict(include_str!("../demo/initiatieven.json")) {
            Ok(dataset) => dataset,
            Err(error) => panic!("demo data: {error:?}"),
        }
    }

    /// One need of the demo, as the oracles below see it: its kind, unit and amount, what
    /// agreed and delivered commitments give it, and whether it is still open.
    struct NeedFacts<'a> {
        initiative: &'a crate::Initiative,
        kind: Kind,
        unit: &'a str,
        amount: Option<f64>,
        committed: f64,
        open: bool,
    }

    /// Every need of `dataset`, read straight from the data: a need is open while agreed and
    /// delivered commitments give less than its amount, or, without an amount, while none
    /// names it.
    fn need_facts(dataset: &Dataset) -> Vec<NeedFacts<'_>> {
        let mut facts = Vec::new();
        for initiative in &dataset.initiatives {
            for need in &initiative.needs {
                let covering: Vec<&crate::Commitment> = dataset
                    .commitments
                    .iter()
                    .filter(|c| c.status.covers() && c.initiative == initiative.id && c.need.as_ref() == Some(&need.id))
                    .collect();
                let committed: f64 = covering.iter().map(|c| c.amount.unwrap_or(0.0)).sum();
                let open = need.amount.map_or(covering.is_empty(), |amount| committed < amount);
                facts.push(NeedFacts {
                    initiative,
                    kind: need.kind,
                    unit: need.unit.as_str(),
                    amount: need.amount,
                    committed,
                    open,
                });
            }
        }
        facts
    }

    /// Checks `totals` against the needs `facts` selects: one row per kind and unit they have,
    /// kinds in the model's order and units sorted, with counts and sums from the data.
    fn check_totals(what: &str, totals: &[NeedTotals], facts: &[&NeedFacts<'_>]) {
        let mut keys: Vec<(usize, &str)> = facts.iter().map(|f| (kind_rank(f.kind), f.unit)).collect();
        keys.sort_unstable();
        keys.dedup();
        let shown: Vec<(usize, &str)> = totals.iter().map(|t| (kind_rank(t.kind), t.unit.as_str())).collect();
        assert_eq!(shown, keys, "{what}: one row per kind and unit, kinds in model order, units sorted");
        for row in totals {
            let mine: Vec<&&NeedFacts<'_>> =
                facts.iter().filter(|f| f.kind == row.kind && f.unit == row.unit).collect();
            let needed: f64 = mine.iter().filter_map(|f| f.amount).sum();
            // Coverage counts at most a need's own amount: 40 extra hours on one need do not
            // cover another.
            let covered: f64 =
                mine.iter().filter_map(|f| f.amount.map(|amount| f.committed.max(0.0).min(amount))).sum();
            let context = format!("{what}: {:?} in {}", row.kind, row.unit);
            assert_eq!(row.needs, mine.len(), "{context}: needs");
            assert_eq!(row.open_needs, mine.iter().filter(|f| f.open).count(), "{context}: open needs");
            assert!((row.needed - needed).abs() < 1e-9, "{context}: needed {} vs {needed}", row.needed);
            assert!((row.covered - covered).abs() < 1e-9, "{context}: covered {} vs {covered}", row.covered);
            assert!((row.open - (needed - covered)).abs() < 1e-9, "{context}: open is needed minus covered");
        }
    }

    /// Whether `area` is `ancestor` or lies inside it, following the parents in the data.
    fn in_area(dataset: &Dataset, area: Option<&AreaId>, ancestor: &AreaId) -> bool {
        let mut at = area;
        for _ in 0..=dataset.areas.len() {
            let Some(id) = at else { return false };
            if id == ancestor {
                return true;
            }
            at = dataset.area(id).and_then(|a| a.parent.as_ref());
        }
        false
    }

    #[test]
    fn the_demo_totals_by_kind_theme_and_area_add_up_from_the_data() {
        let dataset = demo();
        let found = insights(&dataset);
        let facts = need_facts(&dataset);
        assert!(facts.iter().any(|f| !f.open) && facts.iter().any(|f| f.open), "the demo has open and covered needs");
        check_totals("by kind", &found.by_kind, &facts.iter().collect::<Vec<_>>());

        // An initiative counts once for each of its themes.
        assert_eq!(found.by_theme.len(), dataset.themes.len(), "every theme, in dataset order");
        for (row, theme) in found.by_theme.iter().zip(&dataset.themes) {
            assert_eq!(row.key, theme.id);
            let with = |i: &crate::Initiative| i.themes.contains(&theme.id);
            assert_eq!(row.initiatives, dataset.initiatives.iter().filter(|i| with(i)).count(), "{}", theme.id);
            let mine: Vec<&NeedFacts<'_>> = facts.iter().filter(|f| with(f.initiative)).collect();
            check_totals(&format!("theme {}", theme.id), &row.totals, &mine);
        }

        // An area includes its children; initiatives without an area get a last row of their own.
        let without_area = dataset.initiatives.iter().filter(|i| i.area.is_none()).count();
        assert_eq!(found.by_area.len(), dataset.areas.len() + usize::from(without_area > 0));
        for (row, area) in found.by_area.iter().zip(&dataset.areas) {
            assert_eq!(row.key.as_ref(), Some(&area.id));
            let inside = |i: &crate::Initiative| in_area(&dataset, i.area.as_ref(), &area.id);
            assert_eq!(row.initiatives, dataset.initiatives.iter().filter(|i| inside(i)).count(), "{}", area.id);
            let mine: Vec<&NeedFacts<'_>> = facts.iter().filter(|f| inside(f.initiative)).collect();
            check_totals(&format!("area {}", area.id), &row.totals, &mine);
        }
        assert!(
            dataset.areas.iter().any(|a| a.parent.is_some()
                && found.by_area.iter().any(|r| r.key.as_ref() == a.parent.as_ref() && r.initiatives > 0)),
            "the demo has a district with neighbourhoods, so that the inclusion is checked"
        );
        if without_area > 0 {
            let last = found.by_area.last().unwrap();
            assert_eq!((last.key.as_ref(), last.initiatives), (None, without_area));
            let mine: Vec<&NeedFacts<'_>> = facts.iter().filter(|f| f.initiative.area.is_none()).collect();
            check_totals("the whole municipality", &last.totals, &mine);
        }

        // Every stage, in pipeline order, and every initiative at one of them.
        let stages: Vec<(Stage, usize)> = found.stages.iter().map(|s| (s.stage, s.initiatives)).collect();
        let expected: Vec<(Stage, usize)> = Stage::ALL
            .iter()
            .map(|&stage| (stage, dataset.initiatives.iter().filter(|i| i.stage == stage).count()))
            .collect();
        assert_eq!(stages, expected);
    }

    #[test]
    fn the_demo_offers_capacity_and_sectors_add_up_from_the_data() {
        let dataset = demo();
        let found = insights(&dataset);
        // Every offer in dataset order; use counts agreed and delivered amounts, the number of
        // commitments every status but withdrawn.
        let offers: Vec<(&PartnerId, &crate::Offer)> =
            dataset.partners.iter().flat_map(|p| p.offers.iter().map(move |o| (&p.id, o))).collect();
        assert_eq!(found.offers.len(), offers.len());
        for (row, (partner, offer)) in found.offers.iter().zip(&offers) {
            assert_eq!(
                (&row.partner, &row.offer, row.kind, row.capacity),
                (*partner, &offer.id, offer.kind, offer.capacity)
            );
            let naming: Vec<&crate::Commitment> = dataset
                .commitments
                .iter()
                .filter(|c| &c.partner == *partner && c.offer.as_ref() == Some(&offer.id))
                .collect();
            let used: f64 = naming.iter().filter(|c| c.status.covers()).map(|c| c.amount.unwrap_or(0.0)).sum();
            let counted = naming.iter().filter(|c| c.status != crate::CommitmentStatus::Withdrawn).count();
            assert!((row.used - used).abs() < 1e-9, "{partner}/{}: used", offer.id);
            assert_eq!(row.commitments, counted, "{partner}/{}: commitments", offer.id);
        }
        assert!(found.offers.iter().any(|o| o.used > 0.0), "the demo uses some offers, so that use is checked");
        // Capacity per kind and unit is the sum of its offers.
        for row in &found.capacity {
            let mine: Vec<&OfferUse> =
                found.offers.iter().filter(|o| o.kind == row.kind && o.unit == row.unit).collect();
            assert_eq!(row.offers, mine.len(), "{:?} {}", row.kind, row.unit);
            assert!((row.offered - mine.iter().filter_map(|o| o.capacity).sum::<f64>()).abs() < 1e-9);
            assert!((row.used - mine.iter().map(|o| o.used).sum::<f64>()).abs() < 1e-9);
        }
        assert_eq!(found.capacity.iter().map(|c| c.offers).sum::<usize>(), offers.len());
        // The sector mix: the initiators' sectors, and each committed partner once.
        assert_eq!(found.sector_mix.len(), dataset.initiatives.len());
        for (mix, initiative) in found.sector_mix.iter().zip(&dataset.initiatives) {
            let mut partners: Vec<&PartnerId> = dataset
                .commitments
                .iter()
                .filter(|c| c.initiative == initiative.id && c.status != crate::CommitmentStatus::Withdrawn)
                .map(|c| &c.partner)
                .collect();
            partners.sort_unstable();
            partners.dedup();
            let sectors: Vec<Sector> = initiative
                .initiators
                .iter()
                .filter_map(|i| i.sector)
                .chain(partners.iter().filter_map(|id| dataset.partner(id)).map(|p| p.sector))
                .collect();
            let expected: Vec<(Sector, usize)> = Sector::ALL
                .iter()
                .map(|&sector| (sector, sectors.iter().filter(|s| **s == sector).count()))
                .filter(|(_, count)| *count > 0)
                .collect();
            assert_eq!(mix.sectors, expected, "{}", initiative.id);
        }
    }

    #[test]
    fn the_demo_gaps_are_exactly_the_open_needs_nobody_serving_the_area_offers() {
        // The demo has a candidate for every open need; without the offers of the kind of its
        // first open need, each open need of that kind becomes a gap.
        let dataset = demo();
        assert_eq!(check_gaps(&dataset), 0, "the demo has a candidate partner for every open need");
        let first_open = need_facts(&dataset).iter().find(|f| f.open).map(|f| f.kind).unwrap();
        let mut without = dataset.clone();
        for partner in &mut without.partners {
            partner.offers.retain(|o| o.kind != first_open);
        }
        let open_of_kind = need_facts(&without)
            .iter()
            .filter(|f| f.open && f.kind == first_open && crate::matching::stage_takes_suggestions(f.initiative.stage))
            .count();
        assert_eq!(check_gaps(&without), open_of_kind, "every open {first_open:?} need is a gap");
    }

    /// Checks the gaps of `dataset` against the open needs that no partner serving their area
    /// offers their kind and unit to, and returns how many needs are gaps.
    fn check_gaps(dataset: &Dataset) -> usize {
        let found = insights(dataset);
        // A partner is a candidate when it offers the need's kind and unit and serves the
        // initiative's area: everywhere, or an area that contains it.
        // (Its offer must not have a condition the need breaks: matching's one rule.)
        let has_candidate = |f: &NeedFacts<'_>| {
            dataset.partners.iter().any(|partner| {
                partner.offers.iter().any(|o| {
                    o.kind == f.kind
                        && o.unit.as_str() == f.unit
                        && f.initiative.needs.iter().any(|n| {
                            n.kind == f.kind
                                && n.unit.as_str() == f.unit
                                && crate::matching::breach(dataset, f.initiative, n, o).is_none()
                        })
                }) && match &partner.areas {
                    Coverage::All => true,
                    Coverage::Areas(listed) => listed.iter().any(|a| in_area(dataset, f.initiative.area.as_ref(), a)),
                }
            })
        };
        let facts = need_facts(dataset);
        // Completed and paused initiatives take no suggestions, so their needs are no gaps.
        let takes = |f: &NeedFacts<'_>| crate::matching::stage_takes_suggestions(f.initiative.stage);
        let gaps: Vec<&NeedFacts<'_>> = facts.iter().filter(|f| f.open && takes(f) && !has_candidate(f)).collect();
        assert_eq!(found.area_gaps.iter().map(|g| g.needs).sum::<usize>(), gaps.len(), "every gap once by area");
        for gap in &found.area_gaps {
            let mine: Vec<&&NeedFacts<'_>> = gaps
                .iter()
                .filter(|f| f.kind == gap.kind && f.unit == gap.unit && f.initiative.area == gap.key)
                .collect();
            assert_eq!(gap.needs, mine.len(), "{:?} {:?} {}", gap.key, gap.kind, gap.unit);
            let open: f64 = mine.iter().map(|f| f.amount.map_or(0.0, |a| (a - f.committed.max(0.0)).max(0.0))).sum();
            assert!((gap.open - open).abs() < 1e-9, "{:?} {:?}: open", gap.key, gap.kind);
            let mut initiatives: Vec<&InitiativeId> = mine.iter().map(|f| &f.initiative.id).collect();
            initiatives.dedup();
            assert_eq!(gap.initiatives.iter().collect::<Vec<_>>(), initiatives);
        }
        for gap in &found.theme_gaps {
            let mine = gaps
                .iter()
                .filter(|f| f.kind == gap.kind && f.unit == gap.unit && f.initiative.themes.contains(&gap.key))
                .count();
            assert_eq!(gap.needs, mine, "theme {} {:?} {}", gap.key, gap.kind, gap.unit);
        }
        let by_theme: usize = gaps.iter().map(|f| f.initiative.themes.len()).sum();
        assert_eq!(found.theme_gaps.iter().map(|g| g.needs).sum::<usize>(), by_theme, "once per theme of each gap");
        gaps.len()
    }

    #[test]
    fn gaps_respect_area_coverage_including_children() {
        let data = dataset(&format!(
            r#"{AREAS},
            "initiatives": [
              {{"id": "a", "title": "A", "stage": "idea", "area": "noord-oost", "themes": ["groen"],
                "needs": [{{"id": "n", "kind": "space", "amount": 100}}]}},
              {{"id": "b", "title": "B", "stage": "idea", "area": "zuid", "themes": ["groen"],
                "needs": [{{"id": "n", "kind": "space", "amount": 50}}]}},
              {{"id": "c", "title": "C", "stage": "idea", "area": "zuid", "themes": ["cultuur"],
                "needs": [{{"id": "n", "kind": "space", "unit": "hours", "amount": 5}}]}}],
            "partners": [{{"id": "p", "name": "P", "sector": "business", "areas": ["noord"],
                "offers": [{{"id": "o", "kind": "space", "capacity": 10}}]}},
              {{"id": "q", "name": "Q", "sector": "business",
                "offers": [{{"id": "o", "kind": "funding"}}]}}]"#
        ));
        let found = insights(&data);
        // a: a partner serving "noord" serves its child "noord-oost". b: nobody serves "zuid"
        // with space in m2. c: nobody offers space in hours.
        let gaps: Vec<(Option<&str>, Kind, &str, usize, f64)> = found
            .area_gaps
            .iter()
            .map(|gap| (gap.key.as_ref().map(AreaId::as_str), gap.kind, gap.unit.as_str(), gap.needs, gap.open))
            .collect();
        assert_eq!(gaps, [(Some("zuid"), Kind::Space, "hours", 1, 5.0), (Some("zuid"), Kind::Space, "m2", 1, 50.0)]);
        let theme_gaps: Vec<&str> = found.theme_gaps.iter().map(|gap| gap.key.as_str()).collect();
        assert_eq!(theme_gaps, ["groen", "cultuur"]);
        // Area totals roll children up into parents.
        let noord = &found.by_area[0];
        assert_eq!((noord.initiatives, noord.totals[0].needed), (1, 100.0));
    }

    #[test]
    fn covered_amounts_count_agreed_and_delivered_only() {
        let data = dataset(&format!(
            r#"{AREAS},
            "initiatives": [{{"id": "a", "title": "A", "stage": "running",
                "initiators": [{{"name": "Els", "sector": "resident"}}],
                "needs": [{{"id": "geld", "kind": "funding", "amount": 100}},
                          {{"id": "hulp", "kind": "volunteers"}}]}}],
            "partners": [{{"id": "p", "name": "P", "sector": "foundation",
                "offers": [{{"id": "o", "kind": "funding", "capacity": 1000, "per": "year"}}]}},
              {{"id": "q", "name": "Q", "sector": "business",
                "offers": [{{"id": "v", "kind": "volunteers"}}]}}],
            "commitments": [
              {{"id": "c1", "initiative": "a", "need": "geld", "partner": "p", "offer": "o", "amount": 70, "status": "agreed"}},
              {{"id": "c2", "initiative": "a", "need": "geld", "partner": "p", "offer": "o", "amount": 70, "status": "delivered"}},
              {{"id": "c3", "initiative": "a", "need": "geld", "partner": "p", "offer": "o", "amount": 70, "status": "proposed"}},
              {{"id": "c4", "initiative": "a", "need": "hulp", "partner": "q", "offer": "v", "status": "withdrawn"}}]"#
        ));
        let found = insights(&data);
        let funding = &found.by_kind[0];
        // 140 committed, capped at the need's 100.
        assert_eq!((funding.needed, funding.covered, funding.open, funding.open_needs), (100.0, 100.0, 0.0, 0));
        let volunteers = &found.by_kind[1];
        assert_eq!((volunteers.kind, volunteers.needs, volunteers.open_needs), (Kind::Volunteers, 1, 1));
        assert_eq!(found.offers[0].used, 140.0);
        assert_eq!(found.offers[0].commitments, 3);
        assert_eq!(found.offers[1].commitments, 0);
        assert_eq!(found.capacity[0].offered, 1000.0);
        assert_eq!(found.sector_mix[0].sectors, [(Sector::Resident, 1), (Sector::Foundation, 1)]);
        assert_eq!(found.stages.iter().map(|s| s.initiatives).sum::<usize>(), 1);
        assert!(found.area_gaps.is_empty());
    }
}
