//! The allocation round: partner capacity assigned to open needs across all initiatives, by
//! min-cost flow on a sparse graph of candidate arcs (documented on [`allocate`]).

use super::index::{MatchIndex, SortKey};
use super::score::explain_at;
use super::suggest::top_offers;
use super::{Explanation, NeedAt, NeedRef, OfferAt, OfferRef};
use crate::flow::{FlowArc, FlowConfig, FlowError, FlowNetwork, solve_with};
use crate::{Commitment, CommitmentId, CommitmentStatus, Dataset, Text};

/// Part of an offer's capacity assigned to a need.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Assignment {
    /// The need.
    pub need: NeedRef,
    /// The offer.
    pub offer: OfferRef,
    /// How much, in the need's unit.
    pub amount: f64,
    /// Why this offer fits this need.
    pub explanation: Explanation,
}

/// What is left of a need after the round.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct UnmetNeed {
    /// The need.
    pub need: NeedRef,
    /// Its open amount before the round.
    pub open: f64,
    /// Assigned in this round.
    pub assigned: f64,
    /// Still unmet: open − assigned.
    pub unmet: f64,
}

/// What is left of an offer after the round.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct IdleCapacity {
    /// The offer.
    pub offer: OfferRef,
    /// Its open capacity before the round.
    pub open: f64,
    /// Assigned in this round.
    pub assigned: f64,
    /// Still idle: open − assigned.
    pub idle: f64,
}

/// The outcome of an allocation round.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct AllocationResult {
    /// Every assignment, ordered by need (initiative, need position), then offer.
    pub assignments: Vec<Assignment>,
    /// Every quantified need with an open amount, in dataset order.
    pub unmet: Vec<UnmetNeed>,
    /// Every quantified offer with open capacity, in dataset order.
    pub idle: Vec<IdleCapacity>,
    /// The objective Σ amount · score / open amount over the assignments.
    pub objective: f64,
    /// The integer cost the solver minimised for the whole assignment (phase-2 costs).
    pub cost: i64,
    /// How many candidate arcs the network had.
    pub candidate_arcs: usize,
}

/// The network of one round, and how to read its flows back.
pub(crate) struct RoundNetwork {
    pub network: FlowNetwork,
    /// For each candidate arc (in the order they follow the offer arcs): need column, offer column, score.
    pub candidates: Vec<(u32, u32, f64)>,
    /// Index of the first candidate arc in `network.arcs`.
    pub first_candidate: usize,
    /// Need columns in the network with their open amount in quanta and their arc to the sink.
    pub needs: Vec<(u32, i64, usize)>,
    /// Offer columns in the network with their open capacity in quanta and their arc from the source.
    pub offers: Vec<(u32, i64, usize)>,
    /// Quantum per class.
    pub quantum: Vec<f64>,
    /// The cost scale S.
    pub scale: i64,
}

/// Whole quanta in `value`, rounding down but forgiving binary fractions (0.3 / 0.01 = 29.999…).
fn quanta(value: f64, quantum: f64) -> i64 {
    if !(value.is_finite() && value > 0.0) {
        return 0;
    }
    let exact = value / quantum;
    let nearest = exact.round();
    let whole = if (exact - nearest).abs() <= 1e-9 * nearest.abs().max(1.0) { nearest } else { exact.floor() };
    whole.min(4_294_967_296.0) as i64
}

/// The first part of building a round: the quanta, and the candidate offers of the needs
/// scanned so far. Scanning is the bulk of a round's work on large data, so it can be done a
/// number of needs at a time (see [`AllocationSteps`]).
pub(crate) struct CandidateScan {
    quantum: Vec<f64>,
    has_capacity: Vec<bool>,
    candidates: Vec<(u32, u32, f64)>,
    open_needs: Vec<u32>,
    /// The next need column to scan.
    next: usize,
}

impl CandidateScan {
    fn new(index: &MatchIndex) -> CandidateScan {
        let classes = index.class_units.len();
        let mut largest = vec![0.0f64; classes];
        for (c, &amount) in index.n_class.iter().zip(&index.n_amount) {
            if amount.is_finite() {
                largest[*c as usize] = largest[*c as usize].max(amount);
            }
        }
        for (c, &capacity) in index.o_class.iter().zip(&index.o_capacity) {
            if capacity.is_finite() {
                largest[*c as usize] = largest[*c as usize].max(capacity);
            }
        }
        let quantum: Vec<f64> = largest
            .iter()
            .map(|&max| {
                let mut exponent = -2;
                while max / 10f64.powi(exponent) > 4_294_967_296.0 && exponent < 20 {
                    exponent += 1;
                }
                10f64.powi(exponent)
            })
            .collect();
        // Whether each offer has capacity, worked out once rather than per need and offer.
        let has_capacity: Vec<bool> = (0..index.o_class.len())
            .map(|o| quanta(index.o_capacity[o], quantum[index.o_class[o] as usize]) > 0)
            .collect();
        CandidateScan { quantum, has_capacity, candidates: Vec::new(), open_needs: Vec::new(), next: 0 }
    }

    /// Scans up to `needs` more need columns; `false` once every need has been scanned.
    fn scan(&mut self, index: &MatchIndex, needs: usize) -> bool {
        let k = index.config.candidates_per_need;
        let end = self.next.saturating_add(needs).min(index.n_class.len());
        for n in self.next..end {
            // Closed needs take no capacity: covered ones, and those that take no suggestions
            // today (a completed or paused initiative, a period that has ended).
            if index.n_covered[n] || quanta(index.n_amount[n], self.quantum[index.n_class[n] as usize]) <= 0 {
                continue;
            }
            self.open_needs.push(n as u32);
            let has_capacity = &self.has_capacity;
            let top = top_offers(index, n, k, false, |column, score| {
                score > 0.0 && has_capacity.get(column).copied().unwrap_or(false)
            });
            self.candidates.extend(top.items.into_iter().map(|(score, column)| (n as u32, column, score)));
        }
        self.next = end;
        self.next < index.n_class.len()
    }
}

/// Builds the round's network: source 0, sink 1, then offers, then needs. (The round itself
/// builds it through [`AllocationSteps`]; the tests look at the network directly.)
#[cfg(test)]
pub(crate) fn round_network(index: &MatchIndex) -> RoundNetwork {
    let mut scan = CandidateScan::new(index);
    while scan.scan(index, usize::MAX) {}
    network_from(index, scan)
}

/// The round's network from a finished scan.
fn network_from(index: &MatchIndex, scan: CandidateScan) -> RoundNetwork {
    let CandidateScan { quantum, candidates, open_needs, .. } = scan;
    let need_quanta = |n: usize| quanta(index.n_amount[n], quantum[index.n_class[n] as usize]);
    let offer_quanta = |o: usize| quanta(index.o_capacity[o], quantum[index.o_class[o] as usize]);
    let mut offer_node = vec![u32::MAX; index.o_class.len()];
    for &(_, o, _) in &candidates {
        offer_node[o as usize] = 0;
    }
    let mut next = 2u32;
    let mut offers = Vec::new();
    for (o, node) in offer_node.iter_mut().enumerate() {
        if *node == 0 {
            *node = next;
            next += 1;
            offers.push((o as u32, offer_quanta(o), 0usize));
        }
    }
    let mut need_node = vec![u32::MAX; index.n_class.len()];
    let mut needs = Vec::new();
    for &n in &open_needs {
        need_node[n as usize] = next;
        next += 1;
        needs.push((n, need_quanta(n as usize), 0usize));
    }
    let node_count = next as usize;
    let limit = i64::MAX / (8 * (node_count as i64 + 1)) - 2;
    let scale = limit.clamp(1, 1 << 40);

    let mut arcs = Vec::with_capacity(offers.len() + candidates.len() + needs.len() + 1);
    let mut supply: i64 = 0;
    for (o, q, arc) in &mut offers {
        *arc = arcs.len();
        arcs.push(FlowArc { from: 0, to: offer_node[*o as usize], capacity: *q, cost: 0 });
        supply += *q;
    }
    let first_candidate = arcs.len();
    for &(n, o, score) in &candidates {
        let amount = need_quanta(n as usize);
        let capacity = offer_quanta(o as usize).min(amount);
        let cost = -((scale as f64) * score / amount as f64).round() as i64;
        arcs.push(FlowArc { from: offer_node[o as usize], to: need_node[n as usize], capacity, cost });
    }
    for (n, q, arc) in &mut needs {
        *arc = arcs.len();
        arcs.push(FlowArc { from: need_node[*n as usize], to: 1, capacity: *q, cost: 0 });
    }
    arcs.push(FlowArc { from: 0, to: 1, capacity: supply, cost: 0 });
    let mut supplies = vec![0i64; node_count];
    supplies[0] = supply;
    supplies[1] = -supply;
    RoundNetwork {
        network: FlowNetwork { node_count, arcs, supplies },
        candidates,
        first_candidate,
        needs,
        offers,
        quantum,
        scale,
    }
}

/// Phase 1 of the fair round: the same graph, needs capped at their floor, score-blind costs.
pub(crate) fn floor_network(round: &RoundNetwork, floor: f64) -> FlowNetwork {
    let mut network = round.network.clone();
    // Not `f64::clamp`: its assertion formats floats with `{:?}`, about 20 KB of wasm in the widget.
    let floor = if floor.is_finite() && floor > 0.0 { floor.min(1.0) } else { 0.0 };
    let mut floor_of = std::collections::BTreeMap::new();
    for &(n, q, arc) in &round.needs {
        let cap = ((floor * q as f64).ceil() as i64).min(q);
        network.arcs[arc].capacity = cap;
        floor_of.insert(n, q);
    }
    for (i, &(n, _, _)) in round.candidates.iter().enumerate() {
        let q = floor_of.get(&n).copied().unwrap_or(1).max(1);
        network.arcs[round.first_candidate + i].cost = -((round.scale as f64) / q as f64).round().max(1.0) as i64;
    }
    network
}

/// Runs the allocation round over all open needs of all initiatives.
///
/// # The objective
///
/// Each need j has an open amount Aⱼ (amount minus agreed and delivered commitments), each offer
/// o an open capacity Cₒ (capacity minus agreed and delivered commitments drawn on it). An
/// assignment xₒⱼ ≥ 0 respects Σⱼ xₒⱼ ≤ Cₒ and Σₒ xₒⱼ ≤ Aⱼ, and the round maximises
///
/// > Σ xₒⱼ · scoreₒⱼ / Aⱼ
///
/// so a unit counts relative to its need: covering a €10 000 need in full and a 10-hour need
/// in full weigh the same, each times its match score. Only the best
/// [`MatchConfig::candidates_per_need`] offers of each need (by score) become arcs.
///
/// # Integer scaling
///
/// The flow solver works in integers. Needs and offers only meet within one kind and unit, so
/// each (kind, unit) class gets its own quantum q = 10ᵉ with e ≥ −2 the smallest exponent for
/// which the largest open amount or capacity of the class is at most 2³² quanta: amounts up to
/// about 43 million are exact to the cent, larger ones (up to 10¹²) are counted in coarser
/// steps. Amounts and capacities are rounded *down* to whole quanta, so no capacity or need is
/// ever exceeded; what rounding leaves shows up as unmet or idle. The cost of a quantum on arc
/// (o, j) is −round(S · scoreₒⱼ / Aⱼ) with Aⱼ in quanta and S = min(2⁴⁰, the largest scale the
/// solver's 64-bit guard allows): the flow is exactly optimal for these integer costs, and the
/// real objective differs from the optimum by at most the rounding of the costs (½ per quantum
/// in units of 1/S).
///
/// # Fairness
///
/// With [`MatchConfig::fairness_floor`] = f, the round runs in two phases. Phase 1 gives every
/// need up to ⌈f · Aⱼ⌉ quanta and maximises Σ xⱼ / Aⱼ within those floors (cost
/// −round(S / Aⱼ) per quantum, whatever the score). Phase 2 keeps phase 1's assignment and
/// maximises the weighted match with the capacity left. Guarantee: when the candidate arcs allow
/// every open need to reach its floor at once, every need reaches it (any flow that misses a
/// floor costs strictly more in phase 1), so every area's coverage is at least f. When they do
/// not, the total floor coverage Σ min(xⱼ, ⌈f·Aⱼ⌉) / Aⱼ is as large as possible. The weighted
/// match is then optimal among allocations that extend phase 1's, not among all allocations
/// that meet the floors.
///
/// [`MatchConfig::candidates_per_need`]: super::MatchConfig::candidates_per_need
/// [`MatchConfig::fairness_floor`]: super::MatchConfig::fairness_floor
///
/// Needs and offers without an amount cannot be allocated and are left out. Errors come from
/// the flow solver and can only be [`FlowError::TooLarge`] for a network beyond 64-bit
/// arithmetic.
///
/// ```
/// # use verschilmaker::Dataset;
/// use verschilmaker::matching::{MatchConfig, MatchIndex, allocate};
/// # let dataset = Dataset::from_json_strict(r#"{"schema": "verschilmaker/1",
/// #   "municipality": {"name": "G", "languages": ["nl"]},
/// #   "initiatives": [
/// #     {"id": "a", "title": "A", "stage": "idea", "needs": [{"id": "geld", "kind": "funding", "amount": 600}]},
/// #     {"id": "b", "title": "B", "stage": "idea", "needs": [{"id": "geld", "kind": "funding", "amount": 600}]}],
/// #   "partners": [{"id": "fonds", "name": "Fonds", "sector": "foundation",
/// #                 "offers": [{"id": "subsidie", "kind": "funding", "capacity": 1000}]}]}"#)?;
/// let index = MatchIndex::build(dataset, &MatchConfig::default());
/// let round = allocate(&index).unwrap();
/// let given: f64 = round.assignments.iter().map(|a| a.amount).sum();
/// assert_eq!(given, 1000.0, "all capacity is used, and no more");
/// assert_eq!(round.idle[0].idle, 0.0);
/// # Ok::<(), verschilmaker::LoadError>(())
/// ```
pub fn allocate(index: &MatchIndex) -> Result<AllocationResult, FlowError> {
    AllocationSteps::new(index).finish()
}

/// The allocation round in steps, for a user interface that shows progress and lets the page
/// breathe on large data: [`AllocationSteps::scan`] finds the candidate offers of a number of
/// needs at a time (the bulk of the work), and [`AllocationSteps::finish`] solves the round.
/// The result is exactly that of [`allocate`].
///
/// ```
/// # use verschilmaker::Dataset;
/// use verschilmaker::matching::{AllocationSteps, MatchConfig, MatchIndex, allocate};
/// # let dataset = Dataset::from_json_strict(r#"{"schema": "verschilmaker/1",
/// #   "municipality": {"name": "G", "languages": ["nl"]},
/// #   "initiatives": [
/// #     {"id": "a", "title": "A", "stage": "idea", "needs": [{"id": "geld", "kind": "funding", "amount": 600}]},
/// #     {"id": "b", "title": "B", "stage": "idea", "needs": [{"id": "geld", "kind": "funding", "amount": 600}]}],
/// #   "partners": [{"id": "fonds", "name": "Fonds", "sector": "foundation",
/// #                 "offers": [{"id": "subsidie", "kind": "funding", "capacity": 1000}]}]}"#)?;
/// let index = MatchIndex::build(dataset, &MatchConfig::default());
/// let mut steps = AllocationSteps::new(&index);
/// while steps.scan(1) {
///     // Show `steps.progress()` and yield to the event loop here.
/// }
/// assert_eq!(steps.progress(), (2, 2));
/// assert_eq!(steps.finish().unwrap(), allocate(&index).unwrap());
/// # Ok::<(), verschilmaker::LoadError>(())
/// ```
pub struct AllocationSteps<'i> {
    index: &'i MatchIndex,
    scan: CandidateScan,
}

impl<'i> AllocationSteps<'i> {
    /// Starts a round over the index's dataset, with its configuration.
    pub fn new(index: &'i MatchIndex) -> AllocationSteps<'i> {
        AllocationSteps { index, scan: CandidateScan::new(index) }
    }

    /// Finds the candidate offers of up to `needs` more needs; `false` once all are done.
    pub fn scan(&mut self, needs: usize) -> bool {
        self.scan.scan(self.index, needs)
    }

    /// How many needs have been scanned, and how many there are.
    pub fn progress(&self) -> (usize, usize) {
        (self.scan.next, self.index.n_class.len())
    }

    /// Scans any needs left and solves the round (see [`allocate`]).
    pub fn finish(mut self) -> Result<AllocationResult, FlowError> {
        while self.scan(usize::MAX) {}
        solve_round(self.index, network_from(self.index, self.scan))
    }
}

impl std::fmt::Debug for AllocationSteps<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (scanned, of) = self.progress();
        write!(f, "AllocationSteps({scanned} of {of} needs scanned)")
    }
}

fn solve_round(index: &MatchIndex, round: RoundNetwork) -> Result<AllocationResult, FlowError> {
    // The network's arcs are grouped by need, so a pivot block of one need's candidates
    // suits it (see `FlowConfig::block_size`; measured on the benchmark round: 10 and 50
    // beat the default √m).
    let flow_config = FlowConfig { block_size: Some(index.config.candidates_per_need.max(1)) };
    let solve = |network: &FlowNetwork| solve_with(network, &flow_config);
    let flows = match index.config.fairness_floor {
        None => solve(&round.network)?.flows,
        Some(floor) => {
            let first = solve(&floor_network(&round, floor))?.flows;
            // Phase 2: keep phase 1's flows and fill the rest.
            let mut rest = round.network.clone();
            for (arc, &flow) in rest.arcs.iter_mut().zip(&first) {
                arc.capacity -= flow;
            }
            let total_arc = rest.arcs.len() - 1;
            let used: i64 = round.offers.iter().map(|&(_, _, arc)| first[arc]).sum();
            rest.arcs[total_arc].capacity = rest.supplies[0] - used;
            rest.supplies[0] -= used;
            rest.supplies[1] += used;
            let second = solve(&rest)?.flows;
            first.iter().zip(&second).map(|(a, b)| a + b).collect()
        }
    };
    Ok(read_back(index, &round, &flows))
}

fn read_back(index: &MatchIndex, round: &RoundNetwork, flows: &[i64]) -> AllocationResult {
    let need_at = |n: u32| NeedAt {
        initiative: index.n_initiative[n as usize] as usize,
        need: index.n_need[n as usize] as usize,
    };
    let offer_at =
        |o: u32| OfferAt { partner: index.o_partner[o as usize] as usize, offer: index.o_offer[o as usize] as usize };
    let mut assignments = Vec::new();
    let mut objective = 0.0;
    let mut cost: i64 = 0;
    let mut need_quanta = vec![1i64; index.n_class.len()];
    for &(n, q, _) in &round.needs {
        need_quanta[n as usize] = q.max(1);
    }
    let mut need_got = std::collections::BTreeMap::new();
    let mut offer_gave = std::collections::BTreeMap::new();
    for (i, &(n, o, score)) in round.candidates.iter().enumerate() {
        let arc = round.first_candidate + i;
        let flow = flows.get(arc).copied().unwrap_or(0);
        if flow <= 0 {
            continue;
        }
        cost += flow * round.network.arcs[arc].cost;
        let q = round.quantum[index.n_class[n as usize] as usize];
        let amount = flow as f64 * q;
        objective += flow as f64 * score / need_quanta[n as usize] as f64;
        *need_got.entry(n).or_insert(0i64) += flow;
        *offer_gave.entry(o).or_insert(0i64) += flow;
        if let Some(explanation) = explain_at(index, need_at(n), offer_at(o)) {
            assignments.push((need_at(n), offer_at(o), amount, explanation));
        }
    }
    // In need order, then offer order, by position. Positions as flat numbers (monotone in
    // the order of `NeedAt` and `OfferAt`) through the shared `SortKey`, so that no stable
    // sort is linked into the workbench bundle for these three lists.
    let need_number = |need: NeedAt| (need.initiative as u64) << 32 | need.need as u64;
    let mut first_offer = Vec::with_capacity(index.dataset.partners.len());
    let mut offers = 0;
    for partner in &index.dataset.partners {
        first_offer.push(offers);
        offers += partner.offers.len();
    }
    let offer_number = |offer: OfferAt| first_offer.get(offer.partner).map_or(usize::MAX, |first| first + offer.offer);
    let assignments = sort_stably(assignments, |a| (need_number(a.0), offer_number(a.1)))
        .into_iter()
        .map(|(need, offer, amount, explanation)| Assignment {
            need: index.need_ref(need),
            offer: index.offer_ref(offer),
            amount,
            explanation,
        })
        .collect();
    let unmet: Vec<(NeedAt, f64, f64)> = round
        .needs
        .iter()
        .map(|&(n, _, _)| {
            let open = index.n_amount[n as usize];
            let q = round.quantum[index.n_class[n as usize] as usize];
            let assigned = need_got.get(&n).copied().unwrap_or(0) as f64 * q;
            (need_at(n), open, assigned)
        })
        .collect();
    let unmet = sort_stably(unmet, |u| (need_number(u.0), 0))
        .into_iter()
        .map(|(need, open, assigned)| UnmetNeed {
            need: index.need_ref(need),
            open,
            assigned,
            unmet: (open - assigned).max(0.0),
        })
        .collect();
    let idle: Vec<(OfferAt, f64, f64)> = (0..index.o_class.len() as u32)
        .filter(|&o| index.o_capacity[o as usize] > 0.0)
        .map(|o| {
            let open = index.o_capacity[o as usize];
            let q = round.quantum[index.o_class[o as usize] as usize];
            let assigned = offer_gave.get(&o).copied().unwrap_or(0) as f64 * q;
            (offer_at(o), open, assigned)
        })
        .collect();
    let idle = sort_stably(idle, |x| (offer_number(x.0) as u64, 0))
        .into_iter()
        .map(|(offer, open, assigned)| IdleCapacity {
            offer: index.offer_ref(offer),
            open,
            assigned,
            idle: (open - assigned).max(0.0),
        })
        .collect();
    AllocationResult { assignments, unmet, idle, objective, cost, candidate_arcs: round.candidates.len() }
}

/// `items` ordered stably by two numbers: their position breaks ties, so the one unstable sort
/// of [`SortKey`] gives what a stable sort would.
fn sort_stably<T>(items: Vec<T>, key: impl Fn(&T) -> (u64, usize)) -> Vec<T> {
    let mut keys: Vec<SortKey<'_>> = items
        .iter()
        .enumerate()
        .map(|(at, item)| {
            let (first, second) = key(item);
            (first, "", "", second, at)
        })
        .collect();
    keys.sort_unstable();
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    keys.iter().filter_map(|&(_, _, _, _, at)| slots.get_mut(at).and_then(Option::take)).collect()
}

/// The commitments that a facilitator's accepted assignments of an allocation round become: one
/// per assignment with an amount above 0, each [`CommitmentStatus::Proposed`] (the partner has
/// not agreed yet), for the assignment's need and offer, with `note` and the id
/// `ronde-{stamp}-{n}`, where `n` counts from 1 and skips the ids `dataset` already uses.
///
/// `stamp` tells rounds apart (the workbench uses the date and time of the round).
///
/// ```
/// use verschilmaker::{CommitmentStatus, Dataset, matching::{NeedRef, OfferRef, round_commitments}};
/// let dataset = Dataset::default();
/// let need = NeedRef::new("moestuin".parse()?, "handen".parse()?);
/// let offer = OfferRef::new("buurthuis".parse()?, "vrijwilligers".parse()?);
/// let made = round_commitments(&dataset, [(&need, &offer, 8.0), (&need, &offer, 0.0)], "Ronde", "20260601");
/// assert_eq!(made.len(), 1);
/// assert_eq!((made[0].id.as_str(), made[0].status), ("ronde-20260601-1", CommitmentStatus::Proposed));
/// # Ok::<(), verschilmaker::ParseError>(())
/// ```
pub fn round_commitments<'a>(
    dataset: &Dataset,
    accepted: impl IntoIterator<Item = (&'a NeedRef, &'a OfferRef, f64)>,
    note: &str,
    stamp: &str,
) -> Vec<Commitment> {
    let mut taken: Vec<&str> = dataset.commitments.iter().map(|c| c.id.as_str()).collect();
    taken.sort_unstable();
    let mut made = Vec::new();
    let mut counter = 0usize;
    for (need, offer, amount) in accepted.into_iter().filter(|(_, _, amount)| *amount > 0.0) {
        let id = loop {
            counter += 1;
            let candidate = format!("ronde-{stamp}-{counter}");
            if taken.binary_search(&candidate.as_str()).is_err() {
                break candidate;
            }
        };
        let mut commitment = Commitment::new(
            CommitmentId::new_lossy(&id),
            need.initiative.clone(),
            offer.partner.clone(),
            CommitmentStatus::Proposed,
        );
        commitment.need = Some(need.need.clone());
        commitment.offer = Some(offer.offer.clone());
        commitment.amount = Some(amount);
        commitment.note = Some(Text::plain(note));
        made.push(commitment);
    }
    made
}
