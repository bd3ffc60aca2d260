//! Matching: scores of a need against an offer with their explanations, suggestions in both
//! directions, coalitions of partners for one initiative, and the allocation round.
//!
//! Everything starts from a [`MatchIndex`], a compact column layout of a dataset built once and
//! kept beside it (it shares the dataset through an [`Arc`](std::sync::Arc)). The functions take
//! the index and ids, and their results name needs, offers and partners by id:
//!
//! ```
//! use verschilmaker::{Dataset, InitiativeId, NeedId};
//! use verschilmaker::matching::{MatchConfig, MatchIndex, NeedRef, explain, suggest_for_need};
//!
//! let dataset = Dataset::from_json_strict(r#"{
//!   "schema": "verschilmaker/1",
//!   "municipality": {"name": "Gemeente Voorbeeld", "languages": ["nl", "en"]},
//!   "areas": [{"id": "noord", "name": "Noord"}],
//!   "initiatives": [{"id": "moestuin", "title": "Buurtmoestuin", "stage": "idea", "area": "noord",
//!                    "needs": [{"id": "handen", "kind": "volunteers", "amount": 60}]}],
//!   "partners": [{"id": "buurthuis", "name": "Buurthuis", "sector": "institution", "areas": ["noord"],
//!                 "offers": [{"id": "vrijwilligers", "kind": "volunteers", "capacity": 40}]}]
//! }"#)?;
//! let index = MatchIndex::build(dataset, &MatchConfig::default());
//! let need = NeedRef::new("moestuin".parse()?, "handen".parse()?);
//! let top = suggest_for_need(&index, &need, 5);
//! assert_eq!(top.len(), 1);
//! assert_eq!(top[0].offer.partner.as_str(), "buurthuis");
//! let why = explain(&index, &need, &top[0].offer).unwrap();
//! assert_eq!(why.score, top[0].score);
//! // The contributions add up to the score exactly.
//! assert_eq!(why.components.iter().map(|c| c.contribution).sum::<f64>(), why.score);
//! for part in &why.components {
//!     println!("{:?}: {}", part.component, part.reason.render(index.dataset(), "en"));
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The score
//!
//! A need and an offer only match when their kind and unit are equal and the partner is near
//! enough (see [`Component::Proximity`]). Then each of seven components gives a value
//! vᵢ ∈ [0, 1], and the score is Σ wᵢ·vᵢ / Σ wᵢ with the weights of [`Weights`]. Each component
//! reports its contribution wᵢ·vᵢ / Σ wᵢ, and the score *is* the sum of the contributions (added
//! in component order), so an explanation always adds up.
//!
//! # Why ids rather than positions?
//!
//! Positions in the dataset's vectors are what the index's columns use inside, and they are
//! cheap, but they mean nothing to a program that holds another copy of the data or a newer
//! version of it, and a wrong one answers for the wrong need instead of for none. Ids are what
//! the format and every other program use; the index finds them by binary search, and an
//! unknown id gives an empty result or `None`, never a panic.

mod allocation;
mod coalition;
mod conditions;
mod draft;
mod index;
mod reason;
mod rules;
mod score;
mod suggest;
#[cfg(test)]
mod tests;
mod words;

pub use allocation::{
    AllocationResult, AllocationSteps, Assignment, IdleCapacity, UnmetNeed, allocate, round_commitments,
};
pub use coalition::{Coalition, CoalitionMethod, coalition};
pub use conditions::{Breach, breach, need_takes_suggestions, offer_runs, stage_takes_suggestions};
pub use draft::{DraftSuggestion, suggest_for_draft};
pub use index::MatchIndex;
// The benchmark's figures of bytes per column; not part of the API.
#[doc(hidden)]
pub use index::ColumnSizes;
pub use reason::Reason;
pub use rules::applicable_rules;
// The oracle of the property tests and the baseline of the benchmarks; not part of the API.
#[doc(hidden)]
pub use score::naive_suggest_for_initiative;
pub use score::{SUGGESTION_FLOOR, explain, explain_adhoc};
pub use suggest::{
    InitiativeSuggestions, NeedSuggestion, OfferSuggestion, PartnerSuggestion, suggest_for_adhoc,
    suggest_for_initiative, suggest_for_need, suggest_for_partner,
};

use crate::{
    Coverage, Dataset, InitiativeId, Kind, LatLon, NeedId, OfferId, PartnerId, Period, Sector, SkillId, ThemeId, Unit,
};

/// A need by its ids: the initiative's, and the need's own (unique within that initiative).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NeedRef {
    /// The initiative.
    pub initiative: InitiativeId,
    /// The need within it.
    pub need: NeedId,
}

impl NeedRef {
    /// The need `need` of initiative `initiative`.
    pub fn new(initiative: InitiativeId, need: NeedId) -> NeedRef {
        NeedRef { initiative, need }
    }
}

/// An offer by its ids: the partner's, and the offer's own (unique within that partner).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OfferRef {
    /// The partner.
    pub partner: PartnerId,
    /// The offer within it.
    pub offer: OfferId,
}

impl OfferRef {
    /// The offer `offer` of partner `partner`.
    pub fn new(partner: PartnerId, offer: OfferId) -> OfferRef {
        OfferRef { partner, offer }
    }
}

/// A need by position, `dataset.initiatives[initiative].needs[need]`: what the index's columns
/// and the algorithms use inside the crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct NeedAt {
    pub initiative: usize,
    pub need: usize,
}

/// An offer by position, `dataset.partners[partner].offers[offer]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct OfferAt {
    pub partner: usize,
    pub offer: usize,
}

/// The weighted components of a score, in the order an [`Explanation`] lists them.
///
/// Kind and unit are not a component: they are a hard filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Component {
    /// The share of the need's skills that the offer brings (1 when the need asks none).
    Skills,
    /// The share of the initiative's themes that the partner works on (0.5 when either side has
    /// no themes).
    Themes,
    /// How near the partner is. Also a hard filter: the partner must serve the whole
    /// municipality, or serve the initiative's area, an area around it, an area inside it or a
    /// neighbouring area (same parent); an initiative without an area is municipality-wide and
    /// passes for every partner. Values: same area 1, serves an enclosing area 0.8, serves part
    /// of the area 0.7, neighbouring area 0.5, the whole municipality 0.4; where it passes and
    /// the initiative is within the partner's `radius_km`, 1 − 0.5·distance/radius when that is
    /// more; the best that applies counts. A radius ranks the places a partner serves and never
    /// adds one: a housing corporation that works in two districts is not suggested in a third
    /// that happens to lie within its radius.
    Proximity,
    /// The share of the days the need runs (its own period, else the initiative's; an open end
    /// counts one year) in which the offer is available (1 when either has no period).
    Period,
    /// How much of the open amount the open capacity covers, min(1, capacity / amount); 0.5
    /// when either is not quantified, 1 when the need is already covered.
    Capacity,
    /// 1 when the partner's sector is new to the initiative (among its initiators and the
    /// partners of its agreed or delivered commitments), 0.25 when it is already there.
    Diversity,
    /// How free the offer is: 1 − (agreed and delivered amounts drawn on it) / capacity, or for
    /// an offer without capacity 1 / (1 + the partner's agreed commitments).
    Load,
    /// How much of the need's text the offer's text has: the need's words (of its description
    /// and skills) that the offer's description and skills also use, each weighted by how rare
    /// it is among the offers, over all the need's words; a word of a compound counts 0.7 (see
    /// the `words` module of the source for the exact rules). 0 when they share no word.
    Text,
}

impl Component {
    /// Every component, in explanation order.
    pub const ALL: &'static [Component] = &[
        Component::Skills,
        Component::Themes,
        Component::Proximity,
        Component::Period,
        Component::Capacity,
        Component::Diversity,
        Component::Load,
        Component::Text,
    ];

    /// The name used in the dataset's `matching` section.
    pub fn as_str(self) -> &'static str {
        match self {
            Component::Skills => "skills",
            Component::Themes => "themes",
            Component::Proximity => "proximity",
            Component::Period => "period",
            Component::Capacity => "capacity",
            Component::Diversity => "diversity",
            Component::Load => "load",
            Component::Text => "text",
        }
    }
}

/// The weight of each component; only their ratios matter.
///
/// Defaults: skills 3, themes 2, proximity 3, period 1, capacity 2, diversity 1, load 1, text
/// TEXT_WEIGHT (so what the offer is, a perfect skill match and a partner next door count most). A negative or non-finite weight
/// counts as 0; when all are 0 every component weighs the same.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct Weights {
    /// [`Component::Skills`].
    pub skills: f64,
    /// [`Component::Themes`].
    pub themes: f64,
    /// [`Component::Proximity`].
    pub proximity: f64,
    /// [`Component::Period`].
    pub period: f64,
    /// [`Component::Capacity`].
    pub capacity: f64,
    /// [`Component::Diversity`].
    pub diversity: f64,
    /// [`Component::Load`].
    pub load: f64,
    /// [`Component::Text`].
    pub text: f64,
}

impl Default for Weights {
    fn default() -> Weights {
        Weights {
            skills: 3.0,
            themes: 2.0,
            proximity: 3.0,
            period: 1.0,
            capacity: 2.0,
            diversity: 1.0,
            load: 1.0,
            text: TEXT_WEIGHT,
        }
    }
}

impl Weights {
    /// The defaults, overridden by the dataset's `matching` section where it gives a weight.
    ///
    /// ```
    /// use verschilmaker::{Dataset, matching::Weights};
    /// let dataset = Dataset::from_json_strict(r#"{"schema": "verschilmaker/1",
    ///   "municipality": {"name": "G", "languages": ["nl"]}, "matching": {"load": 0}}"#)?;
    /// let weights = Weights::for_dataset(&dataset);
    /// assert_eq!(weights.load, 0.0);
    /// assert_eq!(weights.skills, Weights::default().skills);
    /// # Ok::<(), verschilmaker::LoadError>(())
    /// ```
    pub fn for_dataset(dataset: &Dataset) -> Weights {
        let mut weights = Weights::default();
        if let Some(m) = &dataset.matching {
            let pairs = [
                (&mut weights.skills, m.skills),
                (&mut weights.themes, m.themes),
                (&mut weights.proximity, m.proximity),
                (&mut weights.period, m.period),
                (&mut weights.capacity, m.capacity),
                (&mut weights.diversity, m.diversity),
                (&mut weights.load, m.load),
                (&mut weights.text, m.text),
            ];
            for (slot, given) in pairs {
                if let Some(value) = given {
                    *slot = value;
                }
            }
        }
        weights
    }

    /// The weights in [`Component::ALL`] order.
    pub(crate) fn as_array(&self) -> [f64; COMPONENTS] {
        [self.skills, self.themes, self.proximity, self.period, self.capacity, self.diversity, self.load, self.text]
    }

    /// The weights divided by their sum, nudged down by a few ulps where needed so that their
    /// sum, added in order, is at most 1: then no score can exceed 1 by rounding.
    pub(crate) fn normalized(&self) -> [f64; COMPONENTS] {
        let mut raw = self.as_array().map(|w| if w.is_finite() && w > 0.0 { w } else { 0.0 });
        let mut total: f64 = raw.iter().sum();
        if !(total > 0.0 && total.is_finite()) {
            raw = [1.0; COMPONENTS];
            total = COMPONENTS as f64;
        }
        let mut norm = raw.map(|w| w / total);
        for _ in 0..64 {
            if norm.iter().sum::<f64>() <= 1.0 {
                break;
            }
            let largest = (0..COMPONENTS).fold(0, |best, i| if norm[i] > norm[best] { i } else { best });
            norm[largest] = norm[largest].next_down();
        }
        norm
    }
}

/// How many components a score has.
pub(crate) const COMPONENTS: usize = 8;

/// The default weight of [`Component::Text`].
const TEXT_WEIGHT: f64 = 4.0;

/// Settings for building a [`MatchIndex`] and for the coalition and allocation functions.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct MatchConfig {
    /// The weights; `None` takes [`Weights::for_dataset`].
    pub weights: Option<Weights>,
    /// How many best offers per need become arcs of the allocation network (default 10).
    pub candidates_per_need: usize,
    /// Coalitions are searched exactly up to this many candidate partners, greedily beyond
    /// (default 20). The exact search is exponential, so values above 25 count as 25.
    pub exact_coalition_limit: usize,
    /// Fairness floor for the allocation round: when capacity allows, every open need (and so
    /// every area) gets at least this fraction of its open amount. `None` (default) for plain
    /// maximal weighted match.
    pub fairness_floor: Option<f64>,
    /// Today: needs whose period has ended before it take no suggestions, and offers whose
    /// period has ended before it are not suggested (see [`need_takes_suggestions`] and
    /// [`offer_runs`]). `None` (default) leaves periods out of it; completed and paused
    /// initiatives take no suggestions either way. The widget passes the visitor's date.
    pub today: Option<crate::Date>,
    /// The least score of a suggestion (default [`SUGGESTION_FLOOR`]): an offer that scores
    /// lower for a need is not suggested for it, so that a list shows fewer offers rather
    /// than weak ones of the same kind. The allocation round does not use it.
    pub suggestion_floor: f64,
}

impl Default for MatchConfig {
    fn default() -> MatchConfig {
        MatchConfig {
            weights: None,
            candidates_per_need: 10,
            exact_coalition_limit: 20,
            fairness_floor: None,
            today: None,
            suggestion_floor: SUGGESTION_FLOOR,
        }
    }
}

/// One component of a score: its weight, value, contribution and why.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ComponentScore {
    /// Which component.
    pub component: Component,
    /// Its normalised weight wᵢ / Σ w.
    pub weight: f64,
    /// Its value in [0, 1].
    pub value: f64,
    /// weight × value; the contributions add up to the score.
    pub contribution: f64,
    /// Why it has this value, for the widget to render.
    pub reason: Reason,
}

/// Why a need and an offer score what they score.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Explanation {
    /// The score in [0, 1]: the sum of the contributions, in order.
    pub score: f64,
    /// Every component, in [`Component::ALL`] order.
    pub components: Vec<ComponentScore>,
}

impl Explanation {
    /// The components' reasons, strongest first: largest contribution first, ties in
    /// [`Component::ALL`] order. What every list of reasons shows (suggestions, the offer form,
    /// the allocation round), so that they all lead with the same one.
    pub fn reasons_strongest_first(self) -> Vec<Reason> {
        let mut components = self.components;
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

/// A volunteer's or partner's own offer that is not in the dataset ("what can I do?").
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct AdHocOffer {
    /// What kind of help.
    pub kind: Kind,
    /// The unit of `capacity`; `None` takes the kind's default.
    pub unit: Option<Unit>,
    /// Skills, as ids or tags of the dataset; unknown ones simply match nothing.
    pub skills: Vec<SkillId>,
    /// How much, if known.
    pub capacity: Option<f64>,
    /// Which areas the person can help in.
    pub areas: Coverage,
    /// Where they are, for `radius_km`.
    pub location: Option<LatLon>,
    /// How far they will travel.
    pub radius_km: Option<f64>,
    /// Themes they care about.
    pub themes: Vec<ThemeId>,
    /// When they are available.
    pub period: Option<Period>,
    /// Their sector (a volunteer is usually [`Sector::Resident`] or [`Sector::Youth`]).
    pub sector: Sector,
}

impl AdHocOffer {
    /// An offer of `kind` in the kind's default unit, anywhere, any time, with nothing else said.
    pub fn new(kind: Kind) -> AdHocOffer {
        AdHocOffer {
            kind,
            unit: None,
            skills: Vec::new(),
            capacity: None,
            areas: Coverage::All,
            location: None,
            radius_km: None,
            themes: Vec::new(),
            period: None,
            sector: Sector::Resident,
        }
    }
}
