//! What may be suggested at all, before any score: the rules of time and stage (which needs
//! take suggestions today, which offers still run) and the conditions an offer states in its
//! structured fields. Every list of suggestions, the allocation round, coalitions and the
//! insights ask these functions, so that they all leave out the same needs and offers.

use crate::{Dataset, Date, Initiative, Need, Offer, Stage};

/// Whether an initiative in this stage takes suggestions at all: a completed or paused one does
/// not (its page says so instead of listing who can help).
pub fn stage_takes_suggestions(stage: Stage) -> bool {
    !matches!(stage, Stage::Completed | Stage::Paused)
}

/// Whether `need` of `initiative` takes suggestions on `today`: the initiative is neither
/// completed nor paused ([`stage_takes_suggestions`]), and the need's period (its own, else
/// the initiative's) has not ended before `today`. Without a date (`None`) only the stage
/// counts. Coverage is a separate rule ([`NeedCoverage::covers`](crate::NeedCoverage::covers)).
///
/// ```
/// use verschilmaker::{Date, Dataset};
/// use verschilmaker::matching::need_takes_suggestions;
/// let dataset = Dataset::from_json_strict(r#"{"schema": "verschilmaker/1",
///   "municipality": {"name": "G", "languages": ["nl"]},
///   "initiatives": [{"id": "feest", "title": "Feest", "stage": "starting",
///                    "period": {"start": "2026-06-01", "end": "2026-06-30"},
///                    "needs": [{"id": "tent", "kind": "materials"}]}]}"#)?;
/// let (feest, tent) = (&dataset.initiatives[0], &dataset.initiatives[0].needs[0]);
/// assert!(need_takes_suggestions(feest, tent, Date::new(2026, 6, 30)));
/// assert!(!need_takes_suggestions(feest, tent, Date::new(2026, 7, 1)));
/// # Ok::<(), verschilmaker::LoadError>(())
/// ```
pub fn need_takes_suggestions(initiative: &Initiative, need: &Need, today: Option<Date>) -> bool {
    let period = need.period.as_ref().or(initiative.period.as_ref());
    let ended = match (today, period.and_then(|p| p.end)) {
        (Some(today), Some(end)) => end.date() < today,
        _ => false,
    };
    stage_takes_suggestions(initiative.stage) && !ended
}

/// Whether `offer` still runs on `today`: its period has not ended before it. Without a date,
/// every offer runs.
pub fn offer_runs(offer: &Offer, today: Option<Date>) -> bool {
    match (today, offer.period.as_ref().and_then(|p| p.end)) {
        (Some(today), Some(end)) => end.date() >= today,
        _ => true,
    }
}

/// Which of an offer's conditions a need breaks (the first, in the order of the variants).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Breach {
    /// The offer is only for initiatives in other areas (`only_areas`); an initiative for the
    /// whole municipality is in none of them.
    Area,
    /// The offer is only for initiatives with other themes (`only_themes`).
    Theme,
    /// The offer is only for initiatives in other stages (`only_stages`).
    Stage,
    /// The offer requires an initiator of another sector (`only_initiators`).
    Initiator,
    /// The need asks less than the offer's `min_amount`.
    Amount,
    /// The need is on days the offer is not available (`weekdays`, both sides given).
    Weekday,
    /// The need is at times the offer is not available (`dayparts`, both sides given).
    Daypart,
}

/// Whether the offer's structured conditions say anything: most offers have none, and then
/// no need can break them.
pub(crate) fn has_conditions(offer: &Offer) -> bool {
    !(offer.only_areas.is_empty()
        && offer.only_themes.is_empty()
        && offer.only_stages.is_empty()
        && offer.only_initiators.is_empty()
        && offer.min_amount.is_none()
        && offer.weekdays.is_empty()
        && offer.dayparts.is_empty())
}

/// The first of the offer's conditions that `need` of `initiative` breaks, or `None` when it
/// meets them all. A need that breaks one never gets the offer suggested. What one side does
/// not say cannot break anything: a need without an amount meets every `min_amount`, and days
/// or times count only when both sides give them. (`max_amount` is no condition: it caps what
/// the offer gives one request, see [`Component::Capacity`](super::Component::Capacity).)
///
/// ```
/// use verschilmaker::Dataset;
/// use verschilmaker::matching::{Breach, breach};
/// let dataset = Dataset::from_json_strict(r#"{"schema": "verschilmaker/1",
///   "municipality": {"name": "G", "languages": ["nl"]},
///   "initiatives": [{"id": "dansen", "title": "Dansen", "stage": "running",
///                    "needs": [{"id": "zaal", "kind": "space", "weekdays": ["saturday"]}]}],
///   "partners": [{"id": "buurthuis", "name": "Buurthuis", "sector": "institution",
///                 "offers": [{"id": "zaal", "kind": "space",
///                             "weekdays": ["monday", "tuesday", "wednesday", "thursday", "sunday"],
///                             "conditions": "Niet op vrijdag en zaterdag"}]}]}"#)?;
/// let (initiative, offer) = (&dataset.initiatives[0], &dataset.partners[0].offers[0]);
/// assert_eq!(breach(&dataset, initiative, &initiative.needs[0], offer), Some(Breach::Weekday));
/// # Ok::<(), verschilmaker::LoadError>(())
/// ```
pub fn breach(dataset: &Dataset, initiative: &Initiative, need: &Need, offer: &Offer) -> Option<Breach> {
    if !offer.only_areas.is_empty() {
        let inside = initiative
            .area
            .as_ref()
            .is_some_and(|area| offer.only_areas.iter().any(|only| dataset.area_within(area, only)));
        if !inside {
            return Some(Breach::Area);
        }
    }
    if !offer.only_themes.is_empty() && !initiative.themes.iter().any(|t| offer.only_themes.contains(t)) {
        return Some(Breach::Theme);
    }
    if !offer.only_stages.is_empty() && !offer.only_stages.contains(&initiative.stage) {
        return Some(Breach::Stage);
    }
    if !offer.only_initiators.is_empty()
        && !initiative.initiators.iter().any(|x| x.sector.is_some_and(|s| offer.only_initiators.contains(&s)))
    {
        return Some(Breach::Initiator);
    }
    if let (Some(least), Some(amount)) = (offer.min_amount, need.amount)
        && amount < least
    {
        return Some(Breach::Amount);
    }
    if !offer.weekdays.is_empty()
        && !need.weekdays.is_empty()
        && !need.weekdays.iter().any(|d| offer.weekdays.contains(d))
    {
        return Some(Breach::Weekday);
    }
    if !offer.dayparts.is_empty()
        && !need.dayparts.is_empty()
        && !need.dayparts.iter().any(|d| offer.dayparts.contains(d))
    {
        return Some(Breach::Daypart);
    }
    None
}

/// What an offer gives one request at most: its open capacity, capped by `max_amount` (which
/// also quantifies an offer without capacity). NaN when neither is known.
pub(crate) fn per_request(open_capacity: f64, max_amount: Option<f64>) -> f64 {
    match max_amount.filter(|m| m.is_finite() && *m >= 0.0) {
        Some(most) if open_capacity.is_nan() || most < open_capacity => most,
        _ => open_capacity,
    }
}
