//! Whether a need is covered: what agreed and delivered commitments give each need, and the one
//! rule that reads it. Search, matching, the insights and the widget all ask here.

use std::collections::HashMap;

use crate::search::FxBuild;
use crate::{Commitment, Dataset, Need};

/// What the commitments that count (agreed and delivered, [`crate::CommitmentStatus::covers`])
/// give one need: their amounts added up, and whether there is any.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct NeedCoverage {
    /// The amounts of the commitments that count, added up (a commitment without one adds 0).
    pub committed: f64,
    /// Whether any commitment counts.
    pub any: bool,
}

impl NeedCoverage {
    /// Adds `commitment` when it counts (agreed or delivered); the caller knows it is for this need.
    pub fn add(&mut self, commitment: &Commitment) {
        if commitment.status.covers() {
            self.committed += commitment.amount.unwrap_or(0.0);
            self.any = true;
        }
    }

    /// Whether `need` is covered: its amount reached, or for a need without an amount any
    /// commitment that counts.
    ///
    /// ```
    /// use verschilmaker::{Kind, Need, NeedCoverage};
    /// let mut need = Need::new("geld".parse()?, Kind::Funding);
    /// need.amount = Some(500.0);
    /// let mut coverage = NeedCoverage::default();
    /// coverage.committed = 200.0;
    /// coverage.any = true;
    /// assert!(!coverage.covers(&need));
    /// need.amount = None;
    /// assert!(coverage.covers(&need));
    /// # Ok::<(), verschilmaker::ParseError>(())
    /// ```
    pub fn covers(&self, need: &Need) -> bool {
        match need.amount {
            Some(amount) => self.committed >= amount,
            None => self.any,
        }
    }

    /// The part of `amount` that counts as covered: what is committed, kept within 0..=`amount`.
    ///
    /// Not `f64::clamp`: that one asserts its bounds with a message that formats floats with
    /// `{:?}`, which alone links about 20 KB of float formatting into the widget's bundle.
    pub fn covered_part(&self, amount: f64) -> f64 {
        self.committed.max(0.0).min(amount)
    }

    /// What is still open of `amount`: `amount` minus [`Self::covered_part`], never below 0.
    pub fn open_part(&self, amount: f64) -> f64 {
        (amount - self.covered_part(amount)).max(0.0)
    }
}

/// How much of each need is covered, indexed `[initiative][need]` in the dataset's order.
///
/// A commitment counts for the need it names in the initiative it names; one whose initiative
/// or need is unknown counts for nothing.
pub fn need_coverage(dataset: &Dataset) -> Vec<Vec<NeedCoverage>> {
    let mut coverage: Vec<Vec<NeedCoverage>> =
        dataset.initiatives.iter().map(|initiative| vec![NeedCoverage::default(); initiative.needs.len()]).collect();
    // `u32` positions, so that this is the map type of search's `area_chains` and not one more
    // in the bundle.
    let initiatives: HashMap<&str, u32, FxBuild> =
        dataset.initiatives.iter().enumerate().map(|(at, initiative)| (initiative.id.as_str(), at as u32)).collect();
    for commitment in &dataset.commitments {
        let Some(need_id) = &commitment.need else {
            continue;
        };
        let Some(&initiative) = initiatives.get(commitment.initiative.as_str()) else {
            continue;
        };
        let (Some(needs), Some(row)) =
            (dataset.initiatives.get(initiative as usize), coverage.get_mut(initiative as usize))
        else {
            continue;
        };
        if let Some(entry) = needs.needs.iter().position(|need| &need.id == need_id).and_then(|at| row.get_mut(at)) {
            entry.add(commitment);
        }
    }
    coverage
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CommitmentStatus, Kind};

    fn need(amount: Option<f64>) -> Need {
        let mut need = Need::new("n".parse().unwrap(), Kind::Funding);
        need.amount = amount;
        need
    }

    fn check(amount: Option<f64>, commitments: &[(CommitmentStatus, Option<f64>)], covered: bool) {
        let mut coverage = NeedCoverage::default();
        for &(status, committed) in commitments {
            let mut commitment =
                Commitment::new("c".parse().unwrap(), "i".parse().unwrap(), "p".parse().unwrap(), status);
            commitment.amount = committed;
            coverage.add(&commitment);
        }
        assert_eq!(coverage.covers(&need(amount)), covered, "{amount:?} {commitments:?}");
    }

    #[test]
    fn a_need_is_covered_when_agreed_and_delivered_commitments_reach_it() {
        use CommitmentStatus::{Agreed, Delivered, Proposed, Withdrawn};
        check(Some(100.0), &[], false);
        check(Some(100.0), &[(Agreed, Some(60.0)), (Delivered, Some(40.0))], true);
        check(Some(100.0), &[(Agreed, Some(60.0)), (Proposed, Some(40.0))], false);
        check(Some(100.0), &[(Withdrawn, Some(100.0))], false);
        check(Some(0.0), &[], true);
        check(None, &[], false);
        check(None, &[(Proposed, None)], false);
        check(None, &[(Agreed, None)], true);
    }

    #[test]
    fn the_covered_part_stays_within_the_amount() {
        let coverage = |committed| NeedCoverage { committed, any: true };
        assert_eq!((coverage(30.0).covered_part(100.0), coverage(30.0).open_part(100.0)), (30.0, 70.0));
        assert_eq!((coverage(130.0).covered_part(100.0), coverage(130.0).open_part(100.0)), (100.0, 0.0));
        assert_eq!((coverage(-5.0).covered_part(100.0), coverage(-5.0).open_part(100.0)), (0.0, 100.0));
    }
}
