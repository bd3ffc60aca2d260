//! The match index: the dataset laid out once as compact columns (a struct of arrays), grouped
//! by kind and unit, so that scoring touches a few bytes per offer and never a string.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::conditions::{has_conditions, need_takes_suggestions, offer_runs, per_request};
use super::words::{NeedWord, OfferWords, need_words};
use super::{COMPONENTS, MatchConfig, NeedAt, NeedRef, OfferAt, OfferRef, Weights};
use crate::{
    Coverage, Dataset, Initiative, InitiativeId, Kind, LatLon, Need, Offer, Partner, PartnerId, Period, Sector, trig,
};

/// Marks "none" in `u32` columns.
pub(crate) const NONE: u32 = u32::MAX;

/// The one element type that matching sorts: a number, two ids and two positions, sorted with
/// `sort_unstable`.
///
/// Why one type? Every element type and every comparison closure that a slice is sorted by
/// links its own copy of the standard library's sort into the wasm bundle (2.5 KB raw for the
/// unstable sort, twice that for the stable one). The offers and needs in column order, the
/// partners by id and the needs suggested for a partner all sort this tuple instead. The
/// positions at the end are distinct, so the order is total and the unstable sort gives what a
/// stable sort by the first fields would.
pub(crate) type SortKey<'a> = (u64, &'a str, &'a str, usize, usize);

/// The distinct ids in sorted order, and the number of each: `first` for the first.
fn number_in_order(distinct: HashSet<&str>, first: usize) -> (Vec<&str>, HashMap<&str, usize>) {
    let mut keys: Vec<SortKey<'_>> = distinct.into_iter().map(|id| (0, id, "", 0, 0)).collect();
    keys.sort_unstable();
    let names: Vec<&str> = keys.into_iter().map(|(_, id, _, _, _)| id).collect();
    let mut numbers = HashMap::with_capacity(names.len());
    for (i, &id) in names.iter().enumerate() {
        numbers.insert(id, first + i);
    }
    (names, numbers)
}

/// The names as owned strings, for an index that outlives the borrow it was built under.
fn owned(names: &[&str]) -> Vec<Box<str>> {
    let mut out = Vec::with_capacity(names.len());
    for &name in names {
        out.push(Box::from(name));
    }
    out
}

/// One vector of `fill` per record, as long as that record's count.
fn filled<T: Clone>(counts: &[usize], fill: T) -> Vec<Vec<T>> {
    let mut vectors = Vec::with_capacity(counts.len());
    for &count in counts {
        vectors.push(vec![fill.clone(); count]);
    }
    vectors
}

/// A number whose order as `u64` is the order of `score` by [`f64::total_cmp`], reversed: the
/// first field of a [`SortKey`] that puts the highest score first.
pub(crate) fn descending(score: f64) -> u64 {
    !crate::search::keys::f64_key(score)
}

/// An open end of a need's period counts this many days.
pub(crate) const OPEN_END_DAYS: i32 = 365;

/// A period as inclusive day numbers; `start > end` means "no period".
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Span {
    pub start: i32,
    pub end: i32,
}

impl Span {
    pub const NONE: Span = Span { start: i32::MAX, end: i32::MIN };

    pub fn is_none(self) -> bool {
        self.start > self.end
    }

    /// A need's period: an open end counts [`OPEN_END_DAYS`].
    pub fn for_need(period: Option<&Period>) -> Span {
        let Some(period) = period else { return Span::NONE };
        let start = day(period.start.date().day_number());
        let end = match period.end {
            Some(end) => day(end.date().day_number()),
            None => start.saturating_add(OPEN_END_DAYS - 1),
        };
        Span { start, end: end.max(start) }
    }

    /// An offer's period: an open end lasts for ever.
    pub fn for_offer(period: Option<&Period>) -> Span {
        let Some(period) = period else { return Span::NONE };
        let start = day(period.start.date().day_number());
        let end = period.end.map_or(i32::MAX - 1, |end| day(end.date().day_number()));
        Span { start, end: end.max(start) }
    }
}

fn day(number: i64) -> i32 {
    number.clamp(i64::from(i32::MIN / 2), i64::from(i32::MAX / 2)) as i32
}

/// A start and length into a pool of ids.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub(crate) struct Slice {
    pub start: u32,
    pub len: u32,
}

impl Slice {
    #[inline]
    pub fn of(self, pool: &[u32]) -> &[u32] {
        pool.get(self.start as usize..(self.start as usize + self.len as usize)).unwrap_or(&[])
    }
}

/// Sets bit `id mod 64`: a quick "maybe shares something" test before the exact one.
pub(crate) fn signature(ids: &[u32]) -> u64 {
    ids.iter().fold(0, |sig, &id| sig | 1 << (id % 64))
}

/// A point with the sines and cosines of its latitude and longitude computed once, so that a
/// distance costs no trigonometry but one `asin`.
///
/// The distance is the haversine (great-circle) distance on a sphere of radius 6371 km, as
/// [`LatLon::distance_km`], with hav(Δ) = (1 − cos Δ) / 2 expanded by the angle-difference
/// identity. Both matching paths (index and reference) use this function, so they agree bit
/// for bit; it differs from [`LatLon::distance_km`] only by rounding (well under a millimetre
/// at the distances of a municipality).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Geo {
    pub sin_lat: f64,
    pub cos_lat: f64,
    pub sin_lon: f64,
    pub cos_lon: f64,
}

/// Earth's radius in kilometres, as in [`LatLon::distance_km`].
const EARTH_KM: f64 = 6371.0;

impl Geo {
    pub fn new(point: LatLon) -> Geo {
        // Clamped as in `LatLon::distance_km`, so that the angles are within ±π (see `trig`).
        let point = point.clamped();
        let (lat, lon) = (point.lat.to_radians(), point.lon.to_radians());
        Geo { sin_lat: trig::sin(lat), cos_lat: trig::cos(lat), sin_lon: trig::sin(lon), cos_lon: trig::cos(lon) }
    }

    /// hav(central angle), in [0, 1].
    fn haversine(self, other: Geo) -> f64 {
        let hav_lat = (1.0 - (self.cos_lat * other.cos_lat + self.sin_lat * other.sin_lat)) / 2.0;
        let hav_lon = (1.0 - (self.cos_lon * other.cos_lon + self.sin_lon * other.sin_lon)) / 2.0;
        (hav_lat + self.cos_lat * other.cos_lat * hav_lon).clamp(0.0, 1.0)
    }

    /// The great-circle distance in kilometres.
    pub fn distance_km(self, other: Geo) -> f64 {
        2.0 * EARTH_KM * self.haversine(other).sqrt().asin()
    }

    /// The distance when it is at most `radius` km (with `limit` = [`Geo::haversine_limit`] of
    /// that radius), else `None`. Points clearly outside cost no `asin`.
    #[inline]
    pub fn distance_within(self, other: Geo, radius: f64, limit: f64) -> Option<f64> {
        let h = self.haversine(other);
        // A margin far above rounding: whatever is rejected here is also more than `radius`
        // away by `distance_km`.
        if h > limit * (1.0 + 1e-9) + 1e-18 {
            return None;
        }
        let distance = 2.0 * EARTH_KM * h.sqrt().asin();
        (distance <= radius).then_some(distance)
    }

    /// hav of the central angle of `radius` km (1 beyond half the globe).
    pub fn haversine_limit(radius: f64) -> f64 {
        let half = radius / (2.0 * EARTH_KM);
        if half >= std::f64::consts::FRAC_PI_2 { 1.0 } else { trig::sin(half).powi(2) }
    }
}

/// A run of one partner's offers within a class: columns `start` up to the next run's start.
///
/// The scan computes everything that depends only on the partner (proximity, themes,
/// diversity) once per run. A sentinel run with partner [`NONE`] closes the last class.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Run {
    pub start: u32,
    pub partner: u32,
    /// The skills of the run's offers, folded to bit `id mod 32` ([`fold_skills`]): which
    /// skills a need may share with them, known without reading the offers.
    pub skills: u32,
}

/// A skill signature (bit `id mod 64`) folded to bit `id mod 32`, as in [`Run::skills`].
pub(crate) fn fold_skills(sig: u64) -> u32 {
    (sig | sig >> 32) as u32
}

/// The runs of each class sorted by what decides whether an initiative with an area can use
/// them, so that a query never touches a partner that serves only unrelated areas.
///
/// - *Open* runs: partners that serve the whole municipality. They are looked at by every
///   query: first those without a radius, then those with one (whose radius has to be
///   checked), each in run order, so that a scan of one kind has no branch on the kind.
/// - *Area* runs: every other partner, under each area it serves. A query looks only at the
///   areas related to its own (the same, enclosing, enclosed or neighbouring areas); for a
///   partner with a radius ([`MatchIndex::run_has_radius`]) it computes the full proximity, as
///   the radius may raise the area's value.
///
/// A query without an area matches every partner and walks all runs of the class.
#[derive(Clone, Debug, Default)]
pub(crate) struct RunBuckets {
    /// Open runs of every class: per class, those without a radius, then those with one.
    pub open: Vec<u32>,
    /// Where the open runs of each class start, where those with a radius start, and the end.
    pub open_range: Vec<(u32, u32, u32)>,
    /// Area runs: those of (class c, area a) are `area_runs[start[c·A + a]..start[c·A + a + 1]]`
    /// with A areas, in run order.
    pub area_start: Vec<u32>,
    pub area_runs: Vec<u32>,
    pub areas: usize,
}

impl RunBuckets {
    fn build(
        runs: &[Run],
        run_range: &[(u32, u32)],
        rows: &[PartnerRow],
        geo: &[PartnerGeo],
        pool: &[u32],
        areas: usize,
    ) -> RunBuckets {
        let mut open = Vec::new();
        let mut open_range = Vec::with_capacity(run_range.len());
        let mut with_radius = Vec::new();
        let mut keyed: Vec<(usize, u32)> = Vec::new();
        for (class, &(first, end)) in run_range.iter().enumerate() {
            let start = open.len() as u32;
            for r in first..end {
                let p = runs[r as usize].partner as usize;
                let (row, radius) = (&rows[p], geo[p].has_radius());
                if row.all_areas && radius {
                    with_radius.push(r);
                } else if row.all_areas {
                    open.push(r);
                } else {
                    // A radius never adds an area (`Component::Proximity`), so a partner that
                    // lists its areas is found under them, radius or not.
                    for &a in row.areas.of(pool) {
                        keyed.push((class * areas + a as usize, r));
                    }
                }
            }
            let split = open.len() as u32;
            open.append(&mut with_radius);
            open_range.push((start, split, open.len() as u32));
        }
        let mut area_start = vec![0u32; run_range.len() * areas + 1];
        for &(key, _) in &keyed {
            area_start[key + 1] += 1;
        }
        for i in 1..area_start.len() {
            area_start[i] += area_start[i - 1];
        }
        // A counting sort: each run goes to the next free place of its bucket, so each bucket
        // keeps run order, in linear time and without linking a sort for this type.
        let mut next = area_start.clone();
        let mut area_runs = vec![0u32; keyed.len()];
        for &(key, r) in &keyed {
            area_runs[next[key] as usize] = r;
            next[key] += 1;
        }
        RunBuckets { open, open_range, area_start, area_runs, areas }
    }

    /// The open runs of a class: those without a radius and those with one.
    pub fn open_of(&self, class: u32) -> (&[u32], &[u32]) {
        let (a, split, b) = self.open_range.get(class as usize).copied().unwrap_or((0, 0, 0));
        let part = |from: u32, to: u32| self.open.get(from as usize..to as usize).unwrap_or(&[]);
        (part(a, split), part(split, b))
    }

    /// The area runs of a class under one area.
    pub fn area_of(&self, class: u32, area: u32) -> &[u32] {
        let key = class as usize * self.areas + area as usize;
        match (self.area_start.get(key), self.area_start.get(key + 1)) {
            (Some(&a), Some(&b)) if area < self.areas as u32 => {
                self.area_runs.get(a as usize..b as usize).unwrap_or(&[])
            }
            _ => &[],
        }
    }
}

/// What the scan reads of an offer besides its capacity, side by side.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct OfferRow {
    /// The value of the load component.
    pub load: f64,
    pub skill_sig: u64,
    pub period: Span,
}

/// What scoring reads of a partner, side by side; its geometry is in [`PartnerGeo`], which
/// only partners with a radius need.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct PartnerRow {
    pub theme_sig: u64,
    /// Bit `class mod 64` for each class the partner has offers in: a superset, so that a
    /// count of an initiative's needs it may serve is an upper bound (see `suggest`).
    pub class_sig: u64,
    pub themes: Slice,
    pub areas: Slice,
    pub sector: u8,
    pub all_areas: bool,
}

/// Where a partner is and how far it goes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct PartnerGeo {
    pub point: Option<Geo>,
    /// NaN when the partner gives no radius.
    pub radius: f64,
    /// [`Geo::haversine_limit`] of the radius.
    pub radius_limit: f64,
}

impl MatchIndex {
    /// Whether the partner of run `r` has a radius that may raise its proximity above the
    /// value of the area it serves (see [`RunBuckets`]).
    #[inline]
    pub(crate) fn run_has_radius(&self, r: usize) -> bool {
        self.runs.get(r).and_then(|run| self.p_geo.get(run.partner as usize)).is_some_and(PartnerGeo::has_radius)
    }
}

impl PartnerGeo {
    /// Whether the radius can ever apply: the partner has a point and a radius.
    pub fn has_radius(&self) -> bool {
        self.point.is_some() && self.radius >= 0.0
    }
}

/// What the scoring reads of an offer.
#[derive(Clone, Copy, Debug)]
pub(crate) struct OfferSide<'a> {
    pub class: u32,
    /// Open capacity (capacity minus agreed and delivered commitments on it); NaN when unquantified.
    pub capacity: f64,
    /// The value of the load component.
    pub load: f64,
    pub skills: &'a [u32],
    pub skill_sig: u64,
    pub period: Span,
    pub partner: PartnerSide<'a>,
    /// Its stems (the text component), sorted.
    pub stems: &'a [u32],
    /// Its position, for its conditions; `None` for an offer not in the dataset.
    pub at: Option<OfferAt>,
    /// Whether it states conditions a need may break.
    pub conditional: bool,
}

/// What the scoring reads of a partner.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PartnerSide<'a> {
    pub sector: u8,
    pub all_areas: bool,
    pub areas: &'a [u32],
    pub point: Option<Geo>,
    /// NaN when the partner gives no radius.
    pub radius: f64,
    /// [`Geo::haversine_limit`] of the radius.
    pub radius_limit: f64,
    pub themes: &'a [u32],
    pub theme_sig: u64,
}

/// What the scoring reads of a need.
#[derive(Clone, Copy, Debug)]
pub(crate) struct NeedSide<'a> {
    pub class: u32,
    /// Open amount (amount minus agreed and delivered commitments); NaN when unquantified.
    pub amount: f64,
    pub skills: &'a [u32],
    pub skill_sig: u64,
    pub period: Span,
    pub initiative: InitiativeSide<'a>,
    /// Its words (the text component).
    pub words: &'a [NeedWord],
    /// Its position.
    pub at: NeedAt,
}

/// What the scoring reads of an initiative.
#[derive(Clone, Copy, Debug)]
pub(crate) struct InitiativeSide<'a> {
    pub area: u32,
    pub point: Option<Geo>,
    pub themes: &'a [u32],
    pub theme_sig: u64,
    /// Bit per [`Sector`] present among initiators and committed partners.
    pub sectors: u8,
}

pub(crate) fn sector_bit(sector: Sector) -> u8 {
    1 << (sector as u8)
}

/// The dataset's matching data as columns, built once by [`MatchIndex::build`].
///
/// Offers are grouped by kind and unit and, within a group, ordered by partner id and offer id;
/// needs likewise by initiative id and need id. So "lower column" means "lower id", which is
/// how ties are broken everywhere.
///
/// The index shares its dataset (an [`Arc`]), so that a program can keep one index per dataset
/// for as long as it keeps the dataset, and find records by id through it quickly.
#[derive(Clone, Debug)]
pub struct MatchIndex {
    pub(crate) dataset: Arc<Dataset>,
    pub(crate) config: MatchConfig,
    pub(crate) weights: Weights,
    pub(crate) norm: [f64; COMPONENTS],
    /// The skill ids and free tags, sorted: a skill's number is its position here.
    pub(crate) skill_names: Vec<Box<str>>,
    /// The theme ids, sorted, likewise.
    pub(crate) theme_names: Vec<Box<str>>,
    pub(crate) area_parent: Vec<u32>,
    /// The kind and unit of each class, in class order.
    pub(crate) class_units: Vec<(Kind, Box<str>)>,
    /// Initiative positions by id, equal ids by position (like `p_by_rank` for partners).
    pub(crate) i_by_id: Vec<u32>,
    // Offer columns, in column order.
    pub(crate) o_class: Vec<u32>,
    pub(crate) o_partner: Vec<u32>,
    pub(crate) o_offer: Vec<u32>,
    pub(crate) o_capacity: Vec<f64>,
    /// What one request can get: the open capacity capped by `max_amount` (the capacity
    /// component reads this; the allocation round shares out `o_capacity`).
    pub(crate) o_request: Vec<f64>,
    /// Load, skill signature and period: what the scan reads of each offer besides its capacity.
    pub(crate) o_rows: Vec<OfferRow>,
    pub(crate) o_skills: Vec<Slice>,
    /// Whether the offer states conditions a need may break (see `conditions::breach`).
    pub(crate) o_conditional: Vec<bool>,
    /// The offers' words and their inverted lists (the text component).
    pub(crate) words: OfferWords,
    pub(crate) offer_column: Vec<Vec<u32>>,
    /// The runs that an initiative with an area has to look at.
    pub(crate) buckets: RunBuckets,
    /// Partner runs of every class, in column order, then a sentinel.
    pub(crate) runs: Vec<Run>,
    /// Per run, whether one of its offers says nothing in words (so the text rule cannot
    /// leave the whole run out; see `words::fits`).
    pub(crate) run_wordless: Vec<bool>,
    /// The runs of each class.
    pub(crate) run_range: Vec<(u32, u32)>,
    /// Whether the skill vocabulary has at most 64 ids, so that signatures are exact sets.
    pub(crate) skills_exact: bool,
    /// Whether the theme vocabulary has at most 64 ids, likewise.
    pub(crate) themes_exact: bool,
    // Partner columns, by dataset position.
    pub(crate) p_rank: Vec<u32>,
    pub(crate) p_by_rank: Vec<u32>,
    /// What scoring reads of each partner, in one row so that the scan loads it at once.
    pub(crate) p_rows: Vec<PartnerRow>,
    pub(crate) p_geo: Vec<PartnerGeo>,
    pub(crate) p_used: Vec<Vec<f64>>,
    pub(crate) p_active: Vec<u32>,
    // Need columns, in column order.
    pub(crate) need_range: Vec<(u32, u32)>,
    pub(crate) n_class: Vec<u32>,
    pub(crate) n_initiative: Vec<u32>,
    pub(crate) n_need: Vec<u32>,
    pub(crate) n_amount: Vec<f64>,
    /// Whether the need is covered ([`crate::NeedCoverage::covers`]): suggestions in either
    /// direction leave it out, and a coalition counts it as covered.
    pub(crate) n_covered: Vec<bool>,
    /// Each need's words (the text component).
    pub(crate) n_words: Vec<Vec<NeedWord>>,
    pub(crate) n_skill_sig: Vec<u64>,
    pub(crate) n_skills: Vec<Slice>,
    pub(crate) n_period: Vec<Span>,
    pub(crate) need_column: Vec<Vec<u32>>,
    // Initiative columns, by dataset position.
    pub(crate) i_area: Vec<u32>,
    pub(crate) i_point: Vec<Option<Geo>>,
    pub(crate) i_themes: Vec<Slice>,
    pub(crate) i_theme_sig: Vec<u64>,
    pub(crate) i_sectors: Vec<u8>,
    pub(crate) pool: Vec<u32>,
}

/// Bytes per element of the index's columns, as measured with `size_of`: a figure for the
/// benchmark and a test, not part of the API.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ColumnSizes {
    /// The per-offer scoring columns: class, partner, offer, open capacity, load, skill
    /// signature, skill slice and period, and a partner run (at most one per offer).
    pub per_offer: usize,
    /// The per-partner columns that offers share: sector, coverage, point, radius, themes and
    /// the classes it has offers in.
    pub per_partner: usize,
    /// The per-need columns.
    pub per_need: usize,
}

impl MatchIndex {
    /// Lays the dataset out as columns. Costs O(n log n) in the size of the dataset.
    ///
    /// Takes the dataset itself or an `Arc<Dataset>` that the program shares with others (the
    /// widget's search index holds the same one).
    pub fn build(dataset: impl Into<Arc<Dataset>>, config: &MatchConfig) -> MatchIndex {
        MatchIndex::build_shared(dataset.into(), config)
    }

    /// [`MatchIndex::build`], not generic: one copy of the build in the wasm bundle.
    fn build_shared(shared: Arc<Dataset>, config: &MatchConfig) -> MatchIndex {
        let dataset: &Dataset = &shared;
        let weights = config.weights.unwrap_or_else(|| Weights::for_dataset(dataset));
        let norm = weights.normalized();

        // Vocabularies, numbered in sorted order so that the index does not depend on hash
        // order. The tables are the loader's own types, `HashSet<&str>` and `HashMap<&str,
        // usize>`: B-trees here were the bundle's only ones, about 28 KB of wasm for these
        // lookups alone, and a hash table of the same types as the loader's adds no code.
        let mut skills: HashSet<&str> = HashSet::new();
        let mut themes: HashSet<&str> = HashSet::new();
        // The units of each kind, by `Kind::ALL` position.
        let mut units: Vec<HashSet<&str>> = Vec::with_capacity(Kind::ALL.len());
        for _ in Kind::ALL {
            units.push(HashSet::new());
        }
        for skill in &dataset.skills {
            skills.insert(skill.id.as_str());
        }
        for theme in &dataset.themes {
            themes.insert(theme.id.as_str());
        }
        for initiative in &dataset.initiatives {
            for theme in &initiative.themes {
                themes.insert(theme.as_str());
            }
            for need in &initiative.needs {
                for skill in &need.skills {
                    skills.insert(skill.as_str());
                }
                units[need.kind as usize].insert(need.unit.as_str());
            }
        }
        for partner in &dataset.partners {
            for theme in &partner.themes {
                themes.insert(theme.as_str());
            }
            for offer in &partner.offers {
                for skill in &offer.skills {
                    skills.insert(skill.as_str());
                }
                units[offer.kind as usize].insert(offer.unit.as_str());
            }
        }
        let (skill_names, skill_ids) = number_in_order(skills, 0);
        let (theme_names, theme_ids) = number_in_order(themes, 0);
        // Classes in (kind, unit) order.
        let mut class_units: Vec<(Kind, &str)> = Vec::new();
        let mut classes: Vec<HashMap<&str, usize>> = Vec::with_capacity(Kind::ALL.len());
        for (&kind, units) in Kind::ALL.iter().zip(units) {
            let (names, ids) = number_in_order(units, class_units.len());
            class_units.extend(names.into_iter().map(|unit| (kind, unit)));
            classes.push(ids);
        }

        // The first area of each id (inserted last).
        let mut area_ids: HashMap<&str, usize> = HashMap::with_capacity(dataset.areas.len());
        for (i, area) in dataset.areas.iter().enumerate().rev() {
            area_ids.insert(area.id.as_str(), i);
        }
        let area_id = |id: &str| area_ids.get(id).map(|&i| i as u32);
        // (Columns here are filled by loops rather than `map(..).collect()`, which would
        // instantiate an iterator adapter and a collecting loop for each of them in the wasm
        // bundle.)
        let mut area_parent: Vec<u32> = Vec::with_capacity(dataset.areas.len());
        for area in &dataset.areas {
            area_parent.push(area.parent.as_ref().and_then(|p| area_id(p.as_str())).unwrap_or(NONE));
        }

        let mut pool: Vec<u32> = Vec::new();
        let mut push_ids = |ids: &mut dyn Iterator<Item = u32>| -> Slice {
            let start = pool.len() as u32;
            let mut list: Vec<u32> = ids.collect();
            list.sort_unstable();
            list.dedup();
            pool.extend_from_slice(&list);
            Slice { start, len: list.len() as u32 }
        };

        // Commitments: what agreed and delivered ones already take from needs and offers. (In
        // reverse, so that the first of equal ids is inserted last and wins.)
        let mut partner_pos: HashMap<&str, usize> = HashMap::with_capacity(dataset.partners.len());
        for (i, partner) in dataset.partners.iter().enumerate().rev() {
            partner_pos.insert(partner.id.as_str(), i);
        }
        // Initiatives by id, equal ids by position, for finding one by id.
        let mut by_id: Vec<SortKey<'_>> = Vec::with_capacity(dataset.initiatives.len());
        for (i, initiative) in dataset.initiatives.iter().enumerate() {
            by_id.push((0, initiative.id.as_str(), "", i, 0));
        }
        by_id.sort_unstable();
        let mut i_by_id: Vec<u32> = Vec::with_capacity(by_id.len());
        for &(_, _, _, i, _) in &by_id {
            i_by_id.push(i as u32);
        }
        let mut initiative_pos: HashMap<&str, usize> = HashMap::with_capacity(dataset.initiatives.len());
        for (i, initiative) in dataset.initiatives.iter().enumerate().rev() {
            initiative_pos.insert(initiative.id.as_str(), i);
        }
        let offer_counts: Vec<usize> = dataset.partners.iter().map(|p| p.offers.len()).collect();
        let need_counts: Vec<usize> = dataset.initiatives.iter().map(|i| i.needs.len()).collect();
        let mut p_used: Vec<Vec<f64>> = filled(&offer_counts, 0.0);
        let mut p_active = vec![0u32; dataset.partners.len()];
        let coverage = crate::coverage::need_coverage(dataset);
        let mut i_sectors: Vec<u8> = Vec::with_capacity(dataset.initiatives.len());
        for initiative in &dataset.initiatives {
            i_sectors.push(initiative.initiators.iter().filter_map(|x| x.sector).fold(0, |m, s| m | sector_bit(s)));
        }
        for c in &dataset.commitments {
            if !c.status.covers() {
                continue;
            }
            let partner = partner_pos.get(c.partner.as_str()).copied();
            let initiative = initiative_pos.get(c.initiative.as_str()).copied();
            if let Some(p) = partner {
                if c.status == crate::CommitmentStatus::Agreed {
                    p_active[p] += 1;
                }
                if let (Some(i), Some(sector)) = (initiative, Some(dataset.partners[p].sector)) {
                    i_sectors[i] |= sector_bit(sector);
                }
                if let (Some(offer), Some(amount)) = (&c.offer, c.amount)
                    && let Some(o) = dataset.partners[p].offers.iter().position(|x| x.id == *offer)
                {
                    p_used[p][o] += amount;
                }
            }
        }

        // Partners.
        let mut p_sector = Vec::new();
        let mut p_all_areas = Vec::new();
        let mut p_areas = Vec::new();
        let mut p_point = Vec::new();
        let mut p_radius = Vec::new();
        let mut p_radius_limit = Vec::new();
        let mut p_themes = Vec::new();
        let mut p_theme_sig = Vec::new();
        for partner in &dataset.partners {
            p_sector.push(partner.sector as u8);
            match &partner.areas {
                Coverage::All => {
                    p_all_areas.push(true);
                    p_areas.push(Slice::default());
                }
                Coverage::Areas(areas) => {
                    p_all_areas.push(false);
                    let mut ids = areas.iter().filter_map(|a| area_id(a.as_str()));
                    p_areas.push(push_ids(&mut ids));
                }
            }
            p_point.push(partner.location.as_ref().and_then(|l| l.point()).map(Geo::new));
            let radius = partner.radius_km.filter(|r| r.is_finite() && *r >= 0.0).unwrap_or(f64::NAN);
            p_radius.push(radius);
            p_radius_limit.push(Geo::haversine_limit(radius));
            let mut ids = partner.themes.iter().filter_map(|t| theme_ids.get(t.as_str()).map(|&i| i as u32));
            let slice = push_ids(&mut ids);
            p_theme_sig.push(0);
            p_themes.push(slice);
        }

        // Partners by id, equal ids by position: the rank breaks ties between partners.
        let mut by_id: Vec<SortKey<'_>> = Vec::with_capacity(dataset.partners.len());
        for (p, partner) in dataset.partners.iter().enumerate() {
            by_id.push((0, partner.id.as_str(), "", p, 0));
        }
        by_id.sort_unstable();
        let mut p_by_rank: Vec<u32> = Vec::with_capacity(by_id.len());
        for &(_, _, _, p, _) in &by_id {
            p_by_rank.push(p as u32);
        }
        let mut p_rank = vec![0u32; dataset.partners.len()];
        for (rank, &p) in p_by_rank.iter().enumerate() {
            p_rank[p as usize] = rank as u32;
        }

        // Offers, ordered by class, then partner id, then offer id.
        let mut order: Vec<SortKey<'_>> = Vec::new();
        for (p, partner) in dataset.partners.iter().enumerate() {
            for (o, offer) in partner.offers.iter().enumerate() {
                // An offer that has ended is in no column: it is never suggested, explained
                // or allocated.
                if !offer_runs(offer, config.today) {
                    continue;
                }
                let class = classes[offer.kind as usize][offer.unit.as_str()];
                order.push((class as u64, partner.id.as_str(), offer.id.as_str(), p, o));
            }
        }
        order.sort_unstable();
        let mut offer_column: Vec<Vec<u32>> = filled(&offer_counts, NONE);
        let n = order.len();
        let mut o_class = Vec::with_capacity(n);
        let (mut o_partner, mut o_offer, mut o_capacity, mut o_load) =
            (Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n));
        let (mut o_skill_sig, mut o_skills, mut o_period) =
            (Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n));
        let mut o_conditional = Vec::with_capacity(n);
        let mut o_request = Vec::with_capacity(n);
        for (column, &(class, _, _, p, o)) in order.iter().enumerate() {
            let offer = &dataset.partners[p].offers[o];
            offer_column[p][o] = column as u32;
            o_class.push(class as u32);
            o_partner.push(p as u32);
            o_offer.push(o as u32);
            let used = p_used[p][o];
            let open = open_capacity(offer.capacity, used);
            o_capacity.push(open);
            o_request.push(per_request(open, offer.max_amount));
            o_conditional.push(has_conditions(offer));
            o_load.push(load_value(offer.capacity, used, p_active[p]));
            let mut ids = offer.skills.iter().filter_map(|s| skill_ids.get(s.as_str()).map(|&i| i as u32));
            let slice = push_ids(&mut ids);
            o_skills.push(slice);
            o_skill_sig.push(0);
            o_period.push(Span::for_offer(offer.period.as_ref()));
        }

        let mut p_class_sig = vec![0u64; dataset.partners.len()];
        for (&class, &p) in o_class.iter().zip(&o_partner) {
            p_class_sig[p as usize] |= 1 << (class % 64);
        }

        // Runs of one partner's offers within a class.
        let mut runs: Vec<Run> = Vec::new();
        let mut run_range = vec![(0u32, 0u32); class_units.len()];
        for column in 0..o_class.len() {
            let class = o_class[column] as usize;
            if column == 0 || o_class[column - 1] as usize != class || o_partner[column - 1] != o_partner[column] {
                let range = &mut run_range[class];
                if range.1 == range.0 {
                    *range = (runs.len() as u32, runs.len() as u32);
                }
                range.1 = runs.len() as u32 + 1;
                runs.push(Run { start: column as u32, partner: o_partner[column], skills: 0 });
            }
        }
        runs.push(Run { start: o_class.len() as u32, partner: NONE, skills: 0 });

        // Initiatives.
        let mut i_area = Vec::new();
        let mut i_point = Vec::new();
        let mut i_themes = Vec::new();
        let mut i_theme_sig = Vec::new();
        for initiative in &dataset.initiatives {
            let area = initiative.area.as_ref().and_then(|a| area_id(a.as_str())).unwrap_or(NONE);
            i_area.push(area);
            i_point.push(initiative_point(dataset, initiative.location.as_ref(), area, &area_parent).map(Geo::new));
            let mut ids = initiative.themes.iter().filter_map(|t| theme_ids.get(t.as_str()).map(|&i| i as u32));
            let slice = push_ids(&mut ids);
            i_themes.push(slice);
            i_theme_sig.push(0);
        }

        // Needs, ordered by class, then initiative id, then need id.
        let mut order: Vec<SortKey<'_>> = Vec::new();
        for (i, initiative) in dataset.initiatives.iter().enumerate() {
            for (j, need) in initiative.needs.iter().enumerate() {
                let class = classes[need.kind as usize][need.unit.as_str()];
                order.push((class as u64, initiative.id.as_str(), need.id.as_str(), i, j));
            }
        }
        order.sort_unstable();
        let mut need_range = vec![(0u32, 0u32); class_units.len()];
        let mut need_column: Vec<Vec<u32>> = filled(&need_counts, NONE);
        let mut n_class = Vec::new();
        let (mut n_initiative, mut n_need, mut n_amount) = (Vec::new(), Vec::new(), Vec::new());
        let mut n_covered = Vec::new();
        let (mut n_skill_sig, mut n_skills, mut n_period) = (Vec::new(), Vec::new(), Vec::new());
        for (column, &(class, _, _, i, j)) in order.iter().enumerate() {
            let initiative = &dataset.initiatives[i];
            let need = &initiative.needs[j];
            let range = &mut need_range[class as usize];
            if range.1 == range.0 {
                *range = (column as u32, column as u32);
            }
            range.1 = column as u32 + 1;
            need_column[i][j] = column as u32;
            n_class.push(class as u32);
            n_initiative.push(i as u32);
            n_need.push(j as u32);
            let covered = coverage.get(i).and_then(|row| row.get(j));
            n_amount.push(open_amount(need.amount, covered));
            // Closed: covered, or taking no suggestions today (stage and periods).
            n_covered.push(
                covered.is_some_and(|c| c.covers(need)) || !need_takes_suggestions(initiative, need, config.today),
            );
            let mut ids = need.skills.iter().filter_map(|s| skill_ids.get(s.as_str()).map(|&i| i as u32));
            n_skills.push(push_ids(&mut ids));
            n_skill_sig.push(0);
            n_period.push(Span::for_need(need.period.as_ref().or(initiative.period.as_ref())));
        }

        // Signatures, now that the pool is complete.
        for (sig, slice) in o_skill_sig.iter_mut().zip(&o_skills) {
            *sig = signature(slice.of(&pool));
        }
        for (sig, slice) in n_skill_sig.iter_mut().zip(&n_skills) {
            *sig = signature(slice.of(&pool));
        }
        for r in 0..runs.len().saturating_sub(1) {
            let columns = runs[r].start as usize..runs[r + 1].start as usize;
            runs[r].skills =
                o_skill_sig.get(columns).unwrap_or(&[]).iter().fold(0, |union, &sig| union | fold_skills(sig));
        }
        for (sig, slice) in p_theme_sig.iter_mut().zip(&p_themes) {
            *sig = signature(slice.of(&pool));
        }
        for (sig, slice) in i_theme_sig.iter_mut().zip(&i_themes) {
            *sig = signature(slice.of(&pool));
        }

        let mut positions: Vec<(u32, u32)> = Vec::with_capacity(o_partner.len());
        for (&p, &o) in o_partner.iter().zip(&o_offer) {
            positions.push((p, o));
        }
        let words = OfferWords::build(dataset, &positions);
        let mut run_wordless: Vec<bool> = Vec::with_capacity(runs.len());
        for r in 0..runs.len().saturating_sub(1) {
            let columns = runs[r].start as usize..runs[r + 1].start as usize;
            run_wordless.push(columns.into_iter().any(|c| words.of_column(c).is_empty()));
        }
        let mut n_words: Vec<Vec<NeedWord>> = Vec::with_capacity(n_initiative.len());
        for (&i, &j) in n_initiative.iter().zip(&n_need) {
            let initiative = &dataset.initiatives[i as usize];
            let need = &initiative.needs[j as usize];
            n_words.push(words.need(need_words(dataset, initiative, need)));
        }

        let mut o_rows: Vec<OfferRow> = Vec::with_capacity(o_load.len());
        for ((&load, &skill_sig), &period) in o_load.iter().zip(&o_skill_sig).zip(&o_period) {
            o_rows.push(OfferRow { load, skill_sig, period });
        }
        let mut p_rows: Vec<PartnerRow> = Vec::with_capacity(dataset.partners.len());
        let mut p_geo: Vec<PartnerGeo> = Vec::with_capacity(dataset.partners.len());
        for p in 0..dataset.partners.len() {
            p_rows.push(PartnerRow {
                theme_sig: p_theme_sig[p],
                class_sig: p_class_sig[p],
                themes: p_themes[p],
                areas: p_areas[p],
                sector: p_sector[p],
                all_areas: p_all_areas[p],
            });
            p_geo.push(PartnerGeo { point: p_point[p], radius: p_radius[p], radius_limit: p_radius_limit[p] });
        }

        // Which runs a query with an area has to look at (see `RunBuckets`).
        let buckets = RunBuckets::build(&runs, &run_range, &p_rows, &p_geo, &pool, area_parent.len());
        let (skills_exact, themes_exact) = (skill_names.len() <= 64, theme_names.len() <= 64);
        MatchIndex {
            dataset: Arc::clone(&shared),
            config: config.clone(),
            weights,
            norm,
            skill_names: owned(&skill_names),
            theme_names: owned(&theme_names),
            area_parent,
            class_units: class_units.iter().map(|&(kind, unit)| (kind, Box::from(unit))).collect(),
            i_by_id,
            o_class,
            o_partner,
            o_offer,
            o_capacity,
            o_request,
            o_rows,
            o_skills,
            o_conditional,
            words,
            offer_column,
            runs,
            run_wordless,
            run_range,
            skills_exact,
            themes_exact,
            p_rank,
            p_by_rank,
            p_rows,
            p_geo,
            buckets,
            p_used,
            p_active,
            need_range,
            n_class,
            n_initiative,
            n_need,
            n_amount,
            n_covered,
            n_words,
            n_skill_sig,
            n_skills,
            n_period,
            need_column,
            i_area,
            i_point,
            i_themes,
            i_theme_sig,
            i_sectors,
            pool,
        }
    }

    /// The dataset the index was built from, shared.
    pub fn dataset(&self) -> &Arc<Dataset> {
        &self.dataset
    }

    /// The initiative with this id (the first, should a dataset built by hand repeat one), by
    /// binary search.
    pub fn initiative(&self, id: &InitiativeId) -> Option<&Initiative> {
        self.dataset.initiatives.get(self.initiative_at(id)?)
    }

    /// The partner with this id (the first, should a dataset built by hand repeat one), by
    /// binary search.
    pub fn partner(&self, id: &PartnerId) -> Option<&Partner> {
        self.dataset.partners.get(self.partner_at(id)?)
    }

    /// The need with these ids.
    pub fn need(&self, need: &NeedRef) -> Option<&Need> {
        let at = self.need_at(need)?;
        self.dataset.initiatives.get(at.initiative)?.needs.get(at.need)
    }

    /// The offer with these ids.
    pub fn offer(&self, offer: &OfferRef) -> Option<&Offer> {
        let at = self.offer_at(offer)?;
        self.dataset.partners.get(at.partner)?.offers.get(at.offer)
    }

    /// The position of the initiative with this id.
    pub(crate) fn initiative_at(&self, id: &InitiativeId) -> Option<usize> {
        let initiatives = &self.dataset.initiatives;
        let id_at = |i: u32| initiatives.get(i as usize).map_or("", |x| x.id.as_str());
        let first = self.i_by_id.partition_point(|&i| id_at(i) < id.as_str());
        let &i = self.i_by_id.get(first)?;
        (id_at(i) == id.as_str()).then_some(i as usize)
    }

    /// The position of the partner with this id.
    pub(crate) fn partner_at(&self, id: &PartnerId) -> Option<usize> {
        let partners = &self.dataset.partners;
        let id_at = |p: u32| partners.get(p as usize).map_or("", |x| x.id.as_str());
        let first = self.p_by_rank.partition_point(|&p| id_at(p) < id.as_str());
        let &p = self.p_by_rank.get(first)?;
        (id_at(p) == id.as_str()).then_some(p as usize)
    }

    /// The position of a need given by ids.
    pub(crate) fn need_at(&self, need: &NeedRef) -> Option<NeedAt> {
        let initiative = self.initiative_at(&need.initiative)?;
        let at = self.dataset.initiatives.get(initiative)?.needs.iter().position(|n| n.id == need.need)?;
        Some(NeedAt { initiative, need: at })
    }

    /// The position of an offer given by ids.
    pub(crate) fn offer_at(&self, offer: &OfferRef) -> Option<OfferAt> {
        let partner = self.partner_at(&offer.partner)?;
        let at = self.dataset.partners.get(partner)?.offers.iter().position(|o| o.id == offer.offer)?;
        Some(OfferAt { partner, offer: at })
    }

    /// The ids of the need at a position the index handed out (a column's, or one checked).
    pub(crate) fn need_ref(&self, at: NeedAt) -> NeedRef {
        let initiative = &self.dataset.initiatives[at.initiative];
        NeedRef { initiative: initiative.id.clone(), need: initiative.needs[at.need].id.clone() }
    }

    /// The ids of the offer at a position the index handed out.
    pub(crate) fn offer_ref(&self, at: OfferAt) -> OfferRef {
        let partner = &self.dataset.partners[at.partner];
        OfferRef { partner: partner.id.clone(), offer: partner.offers[at.offer].id.clone() }
    }

    /// The ids of the need in column `n`.
    pub(crate) fn need_ref_of_column(&self, n: usize) -> NeedRef {
        self.need_ref(NeedAt { initiative: self.n_initiative[n] as usize, need: self.n_need[n] as usize })
    }

    /// The ids of the offer in column `o`.
    pub(crate) fn offer_ref_of_column(&self, o: usize) -> OfferRef {
        self.offer_ref(OfferAt { partner: self.o_partner[o] as usize, offer: self.o_offer[o] as usize })
    }

    /// The number of a skill id or tag.
    pub(crate) fn skill_number(&self, id: &str) -> Option<u32> {
        self.skill_names.binary_search_by(|name| (**name).cmp(id)).ok().map(|i| i as u32)
    }

    /// The number of a theme id.
    pub(crate) fn theme_number(&self, id: &str) -> Option<u32> {
        self.theme_names.binary_search_by(|name| (**name).cmp(id)).ok().map(|i| i as u32)
    }

    /// The class of a kind and unit.
    pub(crate) fn class_of(&self, kind: Kind, unit: &str) -> Option<u32> {
        self.class_units.iter().position(|(k, u)| *k == kind && **u == *unit).map(|c| c as u32)
    }

    /// The number of an area id (the first area with it).
    pub(crate) fn area_number(&self, id: &str) -> Option<u32> {
        self.dataset.areas.iter().position(|a| a.id.as_str() == id).map(|a| a as u32)
    }

    /// The weights in use (the config's, or the dataset's over the defaults).
    pub fn weights(&self) -> Weights {
        self.weights
    }

    /// The configuration the index was built with.
    pub fn config(&self) -> &MatchConfig {
        &self.config
    }

    /// The bytes per element of the scoring columns.
    ///
    /// ```
    /// use verschilmaker::matching::MatchIndex;
    /// assert!(MatchIndex::column_sizes().per_offer <= 64);
    /// ```
    #[doc(hidden)]
    pub fn column_sizes() -> ColumnSizes {
        use std::mem::size_of;
        ColumnSizes {
            // Class, partner, offer; capacity; the row; the skill slice; at most one run.
            per_offer: size_of::<u32>() * 3
                + size_of::<f64>()
                + size_of::<OfferRow>()
                + size_of::<Slice>()
                + size_of::<Run>(),
            per_partner: size_of::<PartnerRow>() + size_of::<PartnerGeo>(),
            per_need: size_of::<u32>() * 2
                + size_of::<f64>()
                + size_of::<bool>()
                + size_of::<u64>()
                + size_of::<Slice>()
                + size_of::<Span>()
                + size_of::<u32>(),
        }
    }

    #[inline]
    pub(crate) fn partner_side(&self, p: usize) -> PartnerSide<'_> {
        let (row, geo) = (&self.p_rows[p], &self.p_geo[p]);
        PartnerSide {
            sector: row.sector,
            all_areas: row.all_areas,
            areas: row.areas.of(&self.pool),
            point: geo.point,
            radius: geo.radius,
            radius_limit: geo.radius_limit,
            themes: row.themes.of(&self.pool),
            theme_sig: row.theme_sig,
        }
    }

    #[inline]
    pub(crate) fn offer_side(&self, column: usize) -> OfferSide<'_> {
        let p = self.o_partner[column] as usize;
        OfferSide {
            class: self.o_class[column],
            capacity: self.o_request[column],
            load: self.o_rows[column].load,
            skills: self.o_skills[column].of(&self.pool),
            skill_sig: self.o_rows[column].skill_sig,
            period: self.o_rows[column].period,
            partner: self.partner_side(p),
            stems: self.words.of_column(column),
            at: Some(OfferAt { partner: p, offer: self.o_offer[column] as usize }),
            conditional: self.o_conditional[column],
        }
    }

    #[inline]
    pub(crate) fn initiative_side(&self, i: usize) -> InitiativeSide<'_> {
        InitiativeSide {
            area: self.i_area[i],
            point: self.i_point[i],
            themes: self.i_themes[i].of(&self.pool),
            theme_sig: self.i_theme_sig[i],
            sectors: self.i_sectors[i],
        }
    }

    #[inline]
    pub(crate) fn need_side(&self, column: usize) -> NeedSide<'_> {
        let i = self.n_initiative[column] as usize;
        NeedSide {
            class: self.n_class[column],
            amount: self.n_amount[column],
            skills: self.n_skills[column].of(&self.pool),
            skill_sig: self.n_skill_sig[column],
            period: self.n_period[column],
            initiative: self.initiative_side(i),
            words: &self.n_words[column],
            at: NeedAt { initiative: i, need: self.n_need[column] as usize },
        }
    }

    /// The column of a need, when the position is valid.
    pub(crate) fn need_col(&self, initiative: usize, need: usize) -> Option<usize> {
        let column = *self.need_column.get(initiative)?.get(need)?;
        (column != NONE).then_some(column as usize)
    }

    /// Whether the need at this position is covered (false for an invalid position).
    pub(crate) fn need_covered(&self, initiative: usize, need: usize) -> bool {
        self.need_col(initiative, need).is_some_and(|column| self.n_covered[column])
    }

    /// The column of a need that is open (not covered), when the position is valid: the needs
    /// that suggestions are for.
    pub(crate) fn open_need_col(&self, initiative: usize, need: usize) -> Option<usize> {
        self.need_col(initiative, need).filter(|&column| !self.n_covered[column])
    }

    /// The column of an offer, when the position is valid.
    pub(crate) fn offer_col(&self, partner: usize, offer: usize) -> Option<usize> {
        let column = *self.offer_column.get(partner)?.get(offer)?;
        (column != NONE).then_some(column as usize)
    }

    /// The partner runs of a class, as indexes into `runs` (the run after the last is always there).
    pub(crate) fn runs_of_class(&self, class: u32) -> std::ops::Range<usize> {
        self.run_range.get(class as usize).map_or(0..0, |&(a, b)| a as usize..b as usize)
    }

    /// The need columns of a class.
    pub(crate) fn needs_of_class(&self, class: u32) -> std::ops::Range<usize> {
        self.need_range.get(class as usize).map_or(0..0, |&(a, b)| a as usize..b as usize)
    }

    /// Whether area `inner` is `outer` or lies inside it (bounded walk).
    pub(crate) fn area_inside(&self, inner: u32, outer: u32) -> bool {
        let mut current = inner;
        for _ in 0..=self.area_parent.len() {
            if current == NONE {
                return false;
            }
            if current == outer {
                return true;
            }
            current = self.area_parent.get(current as usize).copied().unwrap_or(NONE);
        }
        false
    }

    pub(crate) fn area_parent_of(&self, area: u32) -> u32 {
        self.area_parent.get(area as usize).copied().unwrap_or(NONE)
    }
}

/// Capacity minus what agreed and delivered commitments draw on it (never below 0); NaN when not quantified.
pub(crate) fn open_capacity(capacity: Option<f64>, used: f64) -> f64 {
    capacity.map_or(f64::NAN, |c| (c - used).max(0.0))
}

/// What agreed and delivered commitments leave open of a need's amount
/// ([`crate::NeedCoverage::open_part`]); NaN when the need is not quantified.
pub(crate) fn open_amount(amount: Option<f64>, coverage: Option<&crate::NeedCoverage>) -> f64 {
    amount.map_or(f64::NAN, |amount| coverage.map_or(amount, |coverage| coverage.open_part(amount)))
}

/// The load component's value for an offer.
pub(crate) fn load_value(capacity: Option<f64>, used: f64, active: u32) -> f64 {
    match capacity {
        Some(c) if c > 0.0 => 1.0 - (used / c).clamp(0.0, 1.0),
        _ => 1.0 / (1.0 + f64::from(active)),
    }
}

/// The initiative's point: its location, else its area's centroid, else the nearest enclosing
/// area's centroid.
pub(crate) fn initiative_point(
    dataset: &Dataset,
    location: Option<&crate::Location>,
    area: u32,
    parents: &[u32],
) -> Option<LatLon> {
    if let Some(point) = location.and_then(|l| l.point()) {
        return Some(point);
    }
    let mut current = area;
    for _ in 0..=parents.len() {
        let a = dataset.areas.get(current as usize)?;
        if let Some(point) = a.centroid_point() {
            return Some(point);
        }
        current = *parents.get(current as usize)?;
    }
    None
}
