//! Min-cost flow: the exact solver behind the allocation round, and a reader for `.flow` files.
//!
//! The solver is a primal network simplex with block-search pivoting, after the design of
//! LEMON's `NetworkSimplex` (Kovács, "Minimum-cost flow algorithms: an experimental
//! evaluation", 2015). It keeps a spanning tree as parent/thread lists over compact `u32`
//! arrays, so each pivot only touches the nodes whose place in the tree changes.
//! [`solve`] suits any network; [`solve_with`] takes a [`FlowConfig`], whose block size an
//! allocation round should set to its number of candidates per need.
//!
//! # Why a network simplex?
//!
//! Kovács' evaluation found it the fastest exact method on most network families, ahead of
//! cost scaling, which is what OR-Tools uses; on the benchmark network of an allocation round
//! (`benchmark_network`) it takes less than half of OR-Tools' time (see `benches/flow.rs`). It also ends with node potentials,
//! which prove the flow optimal and are returned. Successive shortest paths, the textbook
//! method, needs one shortest-path search per augmentation and was not tried.
//!
//! # Example
//!
//! ```
//! use verschilmaker::flow::{solve, FlowArc, FlowNetwork};
//!
//! // Node 0 supplies 4 units, node 2 demands them; the direct arc is dearer than the detour.
//! let network = FlowNetwork {
//!     node_count: 3,
//!     arcs: vec![
//!         FlowArc { from: 0, to: 2, capacity: 4, cost: 5 },
//!         FlowArc { from: 0, to: 1, capacity: 3, cost: 1 },
//!         FlowArc { from: 1, to: 2, capacity: 3, cost: 1 },
//!     ],
//!     supplies: vec![4, 0, -4],
//! };
//! let solution = solve(&network).unwrap();
//! assert_eq!(solution.flows, vec![1, 3, 3]);
//! assert_eq!(solution.total_cost, 11);
//! ```

use std::fmt;

/// One directed arc of a [`FlowNetwork`]: it carries between 0 and `capacity` units, each at `cost`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FlowArc {
    /// The node the flow leaves, in `0..node_count`.
    pub from: u32,
    /// The node the flow enters, in `0..node_count`.
    pub to: u32,
    /// The most units the arc may carry; must be ≥ 0.
    pub capacity: i64,
    /// The cost of one unit on this arc; may be negative.
    pub cost: i64,
}

/// A min-cost flow problem: nodes `0..node_count`, arcs between them, and a supply per node.
///
/// The fields are plain: [`solve`] checks them and reports every problem it finds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FlowNetwork {
    /// The number of nodes.
    pub node_count: usize,
    /// The arcs, in the order in which [`FlowSolution::flows`] reports their flow.
    pub arcs: Vec<FlowArc>,
    /// One entry per node: positive at a source, negative at a sink; they must sum to 0.
    pub supplies: Vec<i64>,
}

/// An optimal flow, as found by [`solve`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlowSolution {
    /// The flow on each arc, in the order of [`FlowNetwork::arcs`].
    pub flows: Vec<i64>,
    /// The sum over the arcs of flow × cost; no feasible flow costs less.
    pub total_cost: i64,
    /// Node potentials that certify optimality: for every arc, `cost + potential[from] -
    /// potential[to]` is ≥ 0 where the flow is below capacity and ≤ 0 where it is above 0.
    pub potentials: Vec<i64>,
}

/// One problem found in a network or a `.flow` file: where it is, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlowProblem {
    /// Where the problem is, such as `arcs[3].to` or `line 7`.
    pub place: String,
    /// What is wrong there, in lowercase without a trailing period.
    pub message: String,
}

impl fmt::Display for FlowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// Why [`solve`] or [`parse_flow_file`] gave no answer.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FlowError {
    /// The input is malformed: a bad node index, a negative capacity, supplies that do not
    /// sum to 0, or a line that cannot be read. Every problem found is listed.
    Invalid(Vec<FlowProblem>),
    /// The input is well formed, but no flow within the capacities meets every supply.
    Infeasible,
    /// The numbers are so large that the solver's 64-bit arithmetic could overflow.
    TooLarge(String),
}

impl FlowError {
    /// The problems of an [`FlowError::Invalid`] input; empty for the other kinds of error.
    pub fn problems(&self) -> &[FlowProblem] {
        match self {
            FlowError::Invalid(problems) => problems,
            _ => &[],
        }
    }
}

impl fmt::Display for FlowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FlowError::Invalid(problems) => {
                for (i, problem) in problems.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{problem}")?;
                }
                Ok(())
            }
            FlowError::Infeasible => f.write_str("no flow within the capacities meets every supply"),
            FlowError::TooLarge(what) => write!(f, "numbers too large to solve safely: {what}"),
        }
    }
}

impl std::error::Error for FlowError {}

fn problem(place: impl Into<String>, message: impl Into<String>) -> FlowProblem {
    FlowProblem { place: place.into(), message: message.into() }
}

/// The most nodes that `parse_flow_file` accepts: 2^24, about 560 times the nodes of the
/// benchmark network. Solving that many takes about 70 bytes a node, some 1.2 GiB before any
/// arc, which still fits in wasm32's 4 GiB.
#[doc(hidden)]
pub const MAX_FILE_NODES: usize = 1 << 24;

/// Reads a network in the `.flow` format: a line `NODES ARCS`, then `ARCS` lines `FROM TO
/// CAPACITY COST`, then lines `NODE SUPPLY` for the nodes whose supply is not 0.
///
/// Reading stops at nothing: every problem is reported with its line number (1-based). The
/// network is also checked as [`solve`] would check it, so a file that parses is solvable
/// unless it is infeasible or too large.
///
/// ```
/// use verschilmaker::flow::{parse_flow_file, solve};
///
/// let network = parse_flow_file("2 1\n0 1 5 -3\n0 2\n1 -2\n").unwrap();
/// assert_eq!(solve(&network).unwrap().total_cost, -6);
/// ```
#[doc(hidden)]
pub fn parse_flow_file(text: &str) -> Result<FlowNetwork, FlowError> {
    let mut problems = Vec::new();
    let mut lines = text.lines().enumerate().map(|(i, line)| (i + 1, line));
    // Blank lines carry nothing; skipping them lets a file end with an empty line.
    let mut next_line = || lines.find(|(_, line)| !line.trim().is_empty());

    let Some((header_number, header)) = next_line() else {
        return Err(FlowError::Invalid(vec![problem("line 1", "missing header `NODES ARCS`")]));
    };
    let Some([node_count, arc_count]) = parse_fields::<2>(header) else {
        return Err(FlowError::Invalid(vec![problem(
            format!("line {header_number}"),
            "header must be two non-negative integers `NODES ARCS`",
        )]));
    };
    let (Ok(node_count), Ok(arc_count)) = (usize::try_from(node_count), usize::try_from(arc_count)) else {
        return Err(FlowError::Invalid(vec![problem(
            format!("line {header_number}"),
            "header must be two non-negative integers `NODES ARCS`",
        )]));
    };
    // A short file could otherwise declare billions of nodes and make us allocate gigabytes
    // for their supplies before reading a single arc.
    if node_count > MAX_FILE_NODES || u32::try_from(arc_count).is_err() {
        return Err(FlowError::TooLarge(format!(
            "line {header_number}: a file may declare at most {MAX_FILE_NODES} nodes and {} arcs",
            u32::MAX - 1
        )));
    }

    // The arc count comes from the file, so it only hints the allocation: a lying header
    // must not make us reserve gigabytes.
    let mut arcs = Vec::with_capacity(arc_count.min(text.len() / 8 + 1));
    let mut last_line = header_number;
    while arcs.len() < arc_count {
        let Some((number, line)) = next_line() else {
            problems.push(problem(
                format!("line {}", last_line + 1),
                format!("expected {arc_count} arc lines, found {}", arcs.len()),
            ));
            break;
        };
        last_line = number;
        match parse_fields::<4>(line) {
            Some([from, to, capacity, cost]) => {
                let mut endpoint = |value: i64, name: &str| match u32::try_from(value) {
                    Ok(node) if (node as usize) < node_count => node,
                    _ => {
                        problems.push(problem(
                            format!("line {number}"),
                            format!("{name} node {value} is not in 0..{node_count}"),
                        ));
                        0
                    }
                };
                let from = endpoint(from, "from");
                let to = endpoint(to, "to");
                if capacity < 0 {
                    problems.push(problem(format!("line {number}"), format!("capacity {capacity} must be ≥ 0")));
                }
                arcs.push(FlowArc { from, to, capacity, cost });
            }
            None => {
                problems.push(problem(
                    format!("line {number}"),
                    "an arc line must be four integers `FROM TO CAPACITY COST`",
                ));
                arcs.push(FlowArc { from: 0, to: 0, capacity: 0, cost: 0 });
            }
        }
    }

    let mut supplies = vec![0i64; node_count];
    let mut seen = vec![false; node_count];
    while let Some((number, line)) = next_line() {
        match parse_fields::<2>(line) {
            Some([node, supply]) => match usize::try_from(node) {
                Ok(node) if node < node_count => {
                    if seen[node] {
                        problems
                            .push(problem(format!("line {number}"), format!("node {node} already has a supply line")));
                    }
                    seen[node] = true;
                    supplies[node] = supply;
                }
                _ => problems.push(problem(format!("line {number}"), format!("node {node} is not in 0..{node_count}"))),
            },
            None => {
                problems.push(problem(format!("line {number}"), "a supply line must be two integers `NODE SUPPLY`"))
            }
        }
    }
    let supply_sum: i128 = supplies.iter().map(|&s| i128::from(s)).sum();
    if supply_sum != 0 {
        problems.push(problem("supplies", format!("sum to {supply_sum}, must sum to 0")));
    }

    if problems.is_empty() { Ok(FlowNetwork { node_count, arcs, supplies }) } else { Err(FlowError::Invalid(problems)) }
}

/// Splits a line into exactly `N` integers separated by spaces, or gives `None`.
fn parse_fields<const N: usize>(line: &str) -> Option<[i64; N]> {
    let mut values = [0i64; N];
    let mut fields = line.split_ascii_whitespace();
    for value in &mut values {
        *value = fields.next()?.parse().ok()?;
    }
    fields.next().is_none().then_some(values)
}

/// Lists every problem that makes `network` malformed.
fn validate(network: &FlowNetwork) -> Vec<FlowProblem> {
    let mut problems = Vec::new();
    let node_count = network.node_count;
    if network.supplies.len() != node_count {
        problems.push(problem(
            "supplies",
            format!("has {} entries, must have node_count = {node_count}", network.supplies.len()),
        ));
    }
    for (i, arc) in network.arcs.iter().enumerate() {
        if arc.from as usize >= node_count {
            problems.push(problem(format!("arcs[{i}].from"), format!("node {} is not in 0..{node_count}", arc.from)));
        }
        if arc.to as usize >= node_count {
            problems.push(problem(format!("arcs[{i}].to"), format!("node {} is not in 0..{node_count}", arc.to)));
        }
        if arc.capacity < 0 {
            problems.push(problem(format!("arcs[{i}].capacity"), format!("{} must be ≥ 0", arc.capacity)));
        }
    }
    let supply_sum: i128 = network.supplies.iter().map(|&s| i128::from(s)).sum();
    if supply_sum != 0 {
        problems.push(problem("supplies", format!("sum to {supply_sum}, must sum to 0")));
    }
    problems
}

/// Finds a flow of least total cost that meets every supply within the capacities.
///
/// The result is exact and deterministic: the same network always gives the same flows.
/// Errors: [`FlowError::Invalid`] lists every malformed part of the network,
/// [`FlowError::Infeasible`] says that no flow meets the supplies, and
/// [`FlowError::TooLarge`] guards the 64-bit arithmetic (it needs the sum of all capacities
/// and absolute supplies to fit in an `i64`, and the largest absolute cost times
/// 8 × (node count + 1) too).
pub fn solve(network: &FlowNetwork) -> Result<FlowSolution, FlowError> {
    solve_with(network, &FlowConfig::default())
}

/// How [`solve_with`] searches. The answer's cost never depends on it, only the time taken
/// to find it (and, among equally cheap flows, which one is returned).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FlowConfig {
    /// How many arcs each pivot scans, at least, for the most violating entering arc.
    ///
    /// `None` takes √(arc count), LEMON's default, which is robust on networks of every
    /// shape: on random transshipment networks a tenth of that is 3–5 times slower. Yet on
    /// an allocation round, where every candidate arc is cheaper than leaving the need unmet
    /// and the arcs are grouped by need, a block of about one need's candidates is more than
    /// twice as fast (the benchmark network, 50 candidates per need: measured on its first
    /// version, about 170 ms against 380 ms),
    /// because the pivot count barely grows while each scan shrinks tenfold.
    /// `Some(0)` counts as `Some(1)`.
    pub block_size: Option<usize>,
}

/// Like [`solve`], with the search tuned by `config`.
///
/// ```
/// use verschilmaker::flow::{solve_with, FlowArc, FlowConfig, FlowNetwork};
///
/// let network = FlowNetwork {
///     node_count: 2,
///     arcs: vec![FlowArc { from: 0, to: 1, capacity: 3, cost: -7 }],
///     supplies: vec![2, -2],
/// };
/// let config = FlowConfig { block_size: Some(50) };
/// assert_eq!(solve_with(&network, &config).unwrap().total_cost, -14);
/// ```
pub fn solve_with(network: &FlowNetwork, config: &FlowConfig) -> Result<FlowSolution, FlowError> {
    let problems = validate(network);
    if !problems.is_empty() {
        return Err(FlowError::Invalid(problems));
    }
    check_sizes(network)?;
    let mut simplex = Simplex::new(network, config);
    simplex.run();
    simplex.into_solution(network)
}

/// Rejects networks whose flows or potentials could overflow `i64` inside the solver.
fn check_sizes(network: &FlowNetwork) -> Result<(), FlowError> {
    // Node and arc indices are u32, with one extra node (the root) and one artificial arc
    // per node; the sentinel u32::MAX must stay free.
    let all_arcs = network.arcs.len() as u128 + network.node_count as u128;
    if network.node_count as u128 + 1 >= u128::from(u32::MAX) || all_arcs >= u128::from(u32::MAX) {
        return Err(FlowError::TooLarge(format!("at most {} nodes plus arcs are supported", u32::MAX - 2)));
    }
    // Every flow the solver holds, on a real or an artificial arc, is bounded by the total
    // of the capacities and absolute supplies.
    let flow_bound: i128 = network.arcs.iter().map(|a| i128::from(a.capacity)).sum::<i128>()
        + network.supplies.iter().map(|&s| i128::from(s).abs()).sum::<i128>();
    if flow_bound > i128::from(i64::MAX) {
        return Err(FlowError::TooLarge("capacities and absolute supplies must sum to at most i64::MAX".into()));
    }
    // Potentials stay within twice the artificial cost, reduced costs within five times.
    let max_cost = network.arcs.iter().map(|a| i128::from(a.cost).abs()).max().unwrap_or(0);
    if (max_cost + 1) * (network.node_count as i128 + 1) * 8 > i128::from(i64::MAX) {
        return Err(FlowError::TooLarge(
            "the largest absolute cost times 8 × (node count + 1) must fit in an i64".into(),
        ));
    }
    Ok(())
}

/// Marks "no node" or "no arc" in the `u32` tree arrays.
const NONE: u32 = u32::MAX;

/// Arc states, chosen so that `state × reduced cost < 0` exactly when the arc may enter.
const STATE_UPPER: i8 = -1;
const STATE_TREE: i8 = 0;
const STATE_LOWER: i8 = 1;

/// Direction of a node's tree arc: up when the node is its source, down when its target.
const DIR_UP: i8 = 1;
const DIR_DOWN: i8 = -1;

/// The state of the network simplex. Arcs `0..real_arc_count` are the network's; one
/// artificial arc per node joins it to the extra root node `node_count`, so the first
/// spanning tree is a star and every supply is met at a high artificial cost.
struct Simplex {
    real_arc_count: usize,
    /// Source, target and cost of each arc, side by side because pricing reads them together.
    ends: Vec<(u32, u32, i64)>,
    capacity: Vec<i64>,
    flow: Vec<i64>,
    state: Vec<i8>,

    potential: Vec<i64>,
    parent: Vec<u32>,
    /// The tree arc between a node and its parent.
    pred: Vec<u32>,
    pred_dir: Vec<i8>,
    /// The preorder ("thread") of the tree, and its reverse.
    thread: Vec<u32>,
    rev_thread: Vec<u32>,
    /// The size of each subtree, and its last node in thread order.
    succ_num: Vec<u32>,
    last_succ: Vec<u32>,
    dirty_revs: Vec<u32>,

    block_size: usize,
    next_arc: usize,

    // The current pivot.
    in_arc: usize,
    join: u32,
    u_in: u32,
    v_in: u32,
    u_out: u32,
    delta: i64,
}

impl Simplex {
    fn new(network: &FlowNetwork, config: &FlowConfig) -> Simplex {
        let n = network.node_count;
        let m = network.arcs.len();
        let root = n as u32;
        let all = m + n;

        let max_cost = network.arcs.iter().map(|a| a.cost.unsigned_abs()).max().unwrap_or(0);
        // Any path of real arcs costs less than this in absolute value, so an optimal
        // solution never routes flow through the root when a real route exists.
        // check_sizes makes sure that this cannot overflow.
        let artificial_cost = (max_cost as i64 + 1) * (n as i64 + 1);

        let mut ends = Vec::with_capacity(all);
        let mut capacity = Vec::with_capacity(all);
        for arc in &network.arcs {
            ends.push((arc.from, arc.to, arc.cost));
            capacity.push(arc.capacity);
        }
        let mut flow = vec![0i64; all];
        let mut state = vec![STATE_LOWER; all];

        let mut potential = vec![0i64; n + 1];
        let mut parent = vec![NONE; n + 1];
        let mut pred = vec![NONE; n + 1];
        let mut pred_dir = vec![DIR_UP; n + 1];
        let mut thread = vec![0u32; n + 1];
        let mut rev_thread = vec![0u32; n + 1];
        let mut succ_num = vec![1u32; n + 1];
        let mut last_succ = vec![0u32; n + 1];

        // The root comes first in the thread, then the nodes in order.
        thread[n] = 0;
        rev_thread[0] = root;
        succ_num[n] = n as u32 + 1;
        last_succ[n] = if n == 0 { root } else { root - 1 };
        if n == 0 {
            thread[n] = root;
            rev_thread[n] = root;
        }
        for u in 0..n {
            let e = m + u;
            parent[u] = root;
            pred[u] = e as u32;
            let next = (u + 1) as u32;
            thread[u] = next;
            rev_thread[u + 1] = u as u32;
            last_succ[u] = u as u32;
            state[e] = STATE_TREE;
            capacity.push(i64::MAX);
            let supply = network.supplies[u];
            if supply >= 0 {
                pred_dir[u] = DIR_UP;
                ends.push((u as u32, root, 0));
                flow[e] = supply;
                potential[u] = 0;
            } else {
                pred_dir[u] = DIR_DOWN;
                ends.push((root, u as u32, artificial_cost));
                flow[e] = -supply;
                potential[u] = artificial_cost;
            }
        }
        if n > 0 {
            // The thread is a cycle: the last node leads back to the root.
            thread[n - 1] = root;
            rev_thread[n] = (n - 1) as u32;
        }

        // Blocks of about √m arcs (LEMON's choice) balance the cost of a scan against the
        // quality of the entering arc it finds; see FlowConfig::block_size.
        let block_size = match config.block_size {
            Some(size) => size.max(1),
            None => ((m as f64).sqrt() as usize).max(10),
        };

        Simplex {
            real_arc_count: m,
            ends,
            capacity,
            flow,
            state,
            potential,
            parent,
            pred,
            pred_dir,
            thread,
            rev_thread,
            succ_num,
            last_succ,
            dirty_revs: Vec::new(),
            block_size,
            next_arc: 0,
            in_arc: 0,
            join: 0,
            u_in: 0,
            v_in: 0,
            u_out: 0,
            delta: 0,
        }
    }

    fn run(&mut self) {
        while self.find_entering_arc() {
            self.find_join_node();
            let change = self.find_leaving_arc();
            self.change_flow(change);
            if change {
                self.update_tree_structure();
                self.update_potential();
            }
        }
    }

    /// Block search: scans the arcs from where the last search stopped, a block at a time,
    /// and takes the most violating arc of the first block that has any.
    fn find_entering_arc(&mut self) -> bool {
        let m = self.real_arc_count;
        let potential = &self.potential[..];
        let mut min = 0i64;
        let mut best = 0usize;
        let mut e = self.next_arc;
        let mut scanned = 0;
        while scanned < m {
            // A block stops at the end of the arcs, so that the inner loop runs over plain
            // slices and the compiler can drop most bounds checks.
            let end = (e + self.block_size).min(m);
            let ends = &self.ends[e..end];
            let states = &self.state[e..end];
            for (i, (&(s, t, cost), &state)) in ends.iter().zip(states).enumerate() {
                let c = i64::from(state) * (cost + potential[s as usize] - potential[t as usize]);
                if c < min {
                    min = c;
                    best = e + i;
                }
            }
            scanned += end - e;
            e = if end == m { 0 } else { end };
            if min < 0 {
                self.in_arc = best;
                self.next_arc = e;
                return true;
            }
        }
        false
    }

    fn find_join_node(&mut self) {
        let (mut u, mut v, _) = self.ends[self.in_arc];
        while u != v {
            if self.succ_num[u as usize] < self.succ_num[v as usize] {
                u = self.parent[u as usize];
            } else {
                v = self.parent[v as usize];
            }
        }
        self.join = u;
    }

    /// Finds the arc of the cycle that blocks first; returns false when the entering arc
    /// itself blocks first (it then just moves to its other bound).
    fn find_leaving_arc(&mut self) -> bool {
        let (s, t, _) = self.ends[self.in_arc];
        let (first, second) = if self.state[self.in_arc] == STATE_LOWER { (s, t) } else { (t, s) };
        let mut delta = self.capacity[self.in_arc];
        let mut result = 0;

        let mut u = first;
        while u != self.join {
            let e = self.pred[u as usize] as usize;
            let mut d = self.flow[e];
            if self.pred_dir[u as usize] == DIR_DOWN {
                let c = self.capacity[e];
                d = if c == i64::MAX { i64::MAX } else { c - d };
            }
            if d < delta {
                delta = d;
                self.u_out = u;
                result = 1;
            }
            u = self.parent[u as usize];
        }

        let mut u = second;
        while u != self.join {
            let e = self.pred[u as usize] as usize;
            let mut d = self.flow[e];
            if self.pred_dir[u as usize] == DIR_UP {
                let c = self.capacity[e];
                d = if c == i64::MAX { i64::MAX } else { c - d };
            }
            if d <= delta {
                delta = d;
                self.u_out = u;
                result = 2;
            }
            u = self.parent[u as usize];
        }

        if result == 1 {
            self.u_in = first;
            self.v_in = second;
        } else {
            self.u_in = second;
            self.v_in = first;
        }
        self.delta = delta;
        result != 0
    }

    fn change_flow(&mut self, change: bool) {
        let in_arc = self.in_arc;
        if self.delta > 0 {
            let val = i64::from(self.state[in_arc]) * self.delta;
            self.flow[in_arc] += val;
            let (s, t, _) = self.ends[in_arc];
            let mut u = s;
            while u != self.join {
                let e = self.pred[u as usize] as usize;
                self.flow[e] -= i64::from(self.pred_dir[u as usize]) * val;
                u = self.parent[u as usize];
            }
            let mut u = t;
            while u != self.join {
                let e = self.pred[u as usize] as usize;
                self.flow[e] += i64::from(self.pred_dir[u as usize]) * val;
                u = self.parent[u as usize];
            }
        }
        if change {
            self.state[in_arc] = STATE_TREE;
            let out = self.pred[self.u_out as usize] as usize;
            self.state[out] = if self.flow[out] == 0 { STATE_LOWER } else { STATE_UPPER };
        } else {
            self.state[in_arc] = -self.state[in_arc];
        }
    }

    /// Replaces the leaving arc by the entering one in the tree: the stem from `u_out` to
    /// `u_in` is re-hung below `v_in`, and the thread, parents and subtree data follow.
    fn update_tree_structure(&mut self) {
        let u_in = self.u_in as usize;
        let v_in = self.v_in as usize;
        let u_out = self.u_out as usize;
        let join = self.join as usize;
        let old_rev_thread = self.rev_thread[u_out] as usize;
        let old_succ_num = self.succ_num[u_out];
        let old_last_succ = self.last_succ[u_out] as usize;
        let v_out = self.parent[u_out] as usize;

        if u_in == u_out {
            // Only the subtree of u_out moves, unchanged inside.
            self.parent[u_in] = v_in as u32;
            self.pred[u_in] = self.in_arc as u32;
            self.pred_dir[u_in] = if self.ends[self.in_arc].0 as usize == u_in { DIR_UP } else { DIR_DOWN };
            if self.thread[v_in] as usize != u_out {
                let mut after = self.thread[old_last_succ];
                self.thread[old_rev_thread] = after;
                self.rev_thread[after as usize] = old_rev_thread as u32;
                after = self.thread[v_in];
                self.thread[v_in] = u_out as u32;
                self.rev_thread[u_out] = v_in as u32;
                self.thread[old_last_succ] = after;
                self.rev_thread[after as usize] = old_last_succ as u32;
            }
        } else {
            // When old_rev_thread is v_in, join and v_out coincide.
            let thread_continue = if old_rev_thread == v_in { self.thread[old_last_succ] } else { self.thread[v_in] };

            // Re-link the thread and parents along the stem, from u_in up to u_out.
            let mut stem = u_in;
            let mut par_stem = v_in;
            let mut last = self.last_succ[u_in] as usize;
            let mut after = self.thread[last];
            self.thread[v_in] = u_in as u32;
            self.dirty_revs.clear();
            self.dirty_revs.push(v_in as u32);
            while stem != u_out {
                let next_stem = self.parent[stem] as usize;
                self.thread[last] = next_stem as u32;
                self.dirty_revs.push(last as u32);

                // Cut the subtree of stem out of the thread.
                let before = self.rev_thread[stem];
                self.thread[before as usize] = after;
                self.rev_thread[after as usize] = before;

                self.parent[stem] = par_stem as u32;
                par_stem = stem;
                stem = next_stem;

                last = if self.last_succ[stem] == self.last_succ[par_stem] {
                    self.rev_thread[par_stem] as usize
                } else {
                    self.last_succ[stem] as usize
                };
                after = self.thread[last];
            }
            self.parent[u_out] = par_stem as u32;
            self.thread[last] = thread_continue;
            self.rev_thread[thread_continue as usize] = last as u32;
            self.last_succ[u_out] = last as u32;

            if old_rev_thread != v_in {
                self.thread[old_rev_thread] = after;
                self.rev_thread[after as usize] = old_rev_thread as u32;
            }

            for i in 0..self.dirty_revs.len() {
                let u = self.dirty_revs[i] as usize;
                let next = self.thread[u] as usize;
                self.rev_thread[next] = u as u32;
            }

            // Reverse pred, pred_dir, succ_num and last_succ along the stem.
            let mut tmp_sc = 0u32;
            let tmp_ls = self.last_succ[u_out];
            let mut u = u_out;
            while u != u_in {
                let p = self.parent[u] as usize;
                self.pred[u] = self.pred[p];
                self.pred_dir[u] = -self.pred_dir[p];
                tmp_sc = tmp_sc.wrapping_add(self.succ_num[u].wrapping_sub(self.succ_num[p]));
                self.succ_num[u] = tmp_sc;
                self.last_succ[p] = tmp_ls;
                u = p;
            }
            self.pred[u_in] = self.in_arc as u32;
            self.pred_dir[u_in] = if self.ends[self.in_arc].0 as usize == u_in { DIR_UP } else { DIR_DOWN };
            self.succ_num[u_in] = old_succ_num;
        }

        // Update last_succ from v_in towards the root.
        let up_limit_out = if self.last_succ[join] as usize == v_in { join as u32 } else { NONE };
        let last_succ_out = self.last_succ[u_out];
        let mut u = v_in as u32;
        while u != NONE && self.last_succ[u as usize] as usize == v_in {
            self.last_succ[u as usize] = last_succ_out;
            u = self.parent[u as usize];
        }

        // Update last_succ from v_out towards the root.
        if join != old_rev_thread && v_in != old_rev_thread {
            let mut u = v_out as u32;
            while u != up_limit_out && self.last_succ[u as usize] as usize == old_last_succ {
                self.last_succ[u as usize] = old_rev_thread as u32;
                u = self.parent[u as usize];
            }
        } else if last_succ_out as usize != old_last_succ {
            let mut u = v_out as u32;
            while u != up_limit_out && self.last_succ[u as usize] as usize == old_last_succ {
                self.last_succ[u as usize] = last_succ_out;
                u = self.parent[u as usize];
            }
        }

        // Update succ_num from v_in and from v_out up to join.
        let mut u = v_in;
        while u != join {
            self.succ_num[u] += old_succ_num;
            u = self.parent[u] as usize;
        }
        let mut u = v_out;
        while u != join {
            self.succ_num[u] -= old_succ_num;
            u = self.parent[u] as usize;
        }
    }

    /// Shifts the potentials of the re-hung subtree so the entering arc's reduced cost is 0.
    fn update_potential(&mut self) {
        let u_in = self.u_in as usize;
        let sigma = self.potential[self.v_in as usize]
            - self.potential[u_in]
            - i64::from(self.pred_dir[u_in]) * self.ends[self.in_arc].2;
        let end = self.thread[self.last_succ[u_in] as usize];
        let mut u = self.u_in;
        while u != end {
            self.potential[u as usize] += sigma;
            u = self.thread[u as usize];
        }
    }

    fn into_solution(self, network: &FlowNetwork) -> Result<FlowSolution, FlowError> {
        let m = self.real_arc_count;
        if self.flow[m..].iter().any(|&f| f != 0) {
            return Err(FlowError::Infeasible);
        }
        let total: i128 =
            network.arcs.iter().zip(&self.flow).map(|(arc, &f)| i128::from(arc.cost) * i128::from(f)).sum();
        let total_cost = i64::try_from(total)
            .map_err(|_| FlowError::TooLarge(format!("the optimal total cost {total} does not fit in an i64")))?;
        let mut flows = self.flow;
        flows.truncate(m);
        let mut potentials = self.potential;
        potentials.truncate(network.node_count);
        Ok(FlowSolution { flows, total_cost, potentials })
    }
}

/// The shape of a generated benchmark network: an allocation round's min-cost flow, as
/// [`benchmark_network`] builds it.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BenchmarkShape {
    /// The seed of the generator; the same shape and seed always give the same network.
    pub seed: u64,
    /// Open needs, nodes `1..=needs`.
    pub needs: u32,
    /// Offers with capacity left, nodes after the needs.
    pub offers: u32,
    /// Candidate offers per need.
    pub candidates: u32,
}

impl BenchmarkShape {
    /// The benchmark instance the tests and benchmarks solve: the size of an allocation round
    /// over 2,000 initiatives and 10,000 partners (29,588 nodes, 281,887 arcs).
    pub const MEDIUM: BenchmarkShape = BenchmarkShape { seed: 2026, needs: 5_046, offers: 24_541, candidates: 50 };

    /// The optimum of [`BenchmarkShape::MEDIUM`] (minus the least cost), found by this solver
    /// and confirmed by OR-Tools' `SimpleMinCostFlow` on the same network
    /// (`bench/ortools/solve_flowfile.py`, 2026-12-07).
    pub const MEDIUM_OPTIMUM: i64 = 3_136_508_000;
}

/// Generates an allocation round's min-cost flow network for benchmarks and tests, from a
/// small generator of its own so that the network never changes with the dataset generator or
/// the scoring: node 0 is the sink; each open need supplies its open amount and has arcs to its
/// candidate offers of the same class (capacity the amount, cost minus a score of 300 to 1000
/// in steps of 50, best first), then a slack arc to the sink (cost 0: a need may stay unmet);
/// each offer has an arc to the sink with its capacity left.
///
/// Why generated, not a file? The network is the benchmark's contract, and 5 MB of numbers in
/// the repository would say less than the forty lines that make it; its optimum is recorded
/// beside the shape and checked by a test.
#[doc(hidden)]
pub fn benchmark_network(shape: &BenchmarkShape) -> FlowNetwork {
    // SplitMix64: tiny, fixed forever, and good enough to spread the choices.
    let mut state = shape.seed;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    // Nine classes, as the nine kinds of need: class 0 counts euros, the others hours or items.
    const CLASSES: u64 = 9;
    let amount = |class: u64, r: u64| -> i64 {
        let r = r % 1000;
        let small = 3 + (r % 58) as i64;
        match class {
            0 => 250 * (1 + (r % 40) as i64),
            _ if r < 80 => 250,
            _ => small,
        }
    };
    let needs = shape.needs as usize;
    let offers = shape.offers as usize;
    let node_count = 1 + needs + offers;
    let class_of_offer = |offer: usize| (offer as u64 * CLASSES) / offers.max(1) as u64;
    let first_offer_of = |class: u64| (class * offers as u64).div_ceil(CLASSES) as usize;
    let mut arcs = Vec::with_capacity(needs * (shape.candidates as usize + 1) + offers);
    let mut supplies = vec![0i64; node_count];
    let mut candidates: Vec<(i64, u32)> = Vec::with_capacity(shape.candidates as usize);
    for need in 0..needs {
        let class = next() % CLASSES;
        let open = amount(class, next());
        let node = (1 + need) as u32;
        supplies[node as usize] = open;
        supplies[0] -= open;
        let (first, end) = (first_offer_of(class), first_offer_of(class + 1));
        let pool = end.saturating_sub(first);
        candidates.clear();
        // Distinct offers of the class; a pool smaller than the candidates gives all of it.
        let wanted = (shape.candidates as usize).min(pool);
        while candidates.len() < wanted {
            let offer = (first + (next() % pool as u64) as usize) as u32;
            if candidates.iter().all(|&(_, o)| o != offer) {
                let score = 300 + 50 * (next() % 15) as i64;
                candidates.push((-score, offer));
            }
        }
        candidates.sort_unstable();
        for &(cost, offer) in &candidates {
            arcs.push(FlowArc { from: node, to: 1 + needs as u32 + offer, capacity: open, cost });
        }
        arcs.push(FlowArc { from: node, to: 0, capacity: open, cost: 0 });
    }
    for offer in 0..offers {
        // Offers hold about 60 % of what the needs of their class ask, so that choices matter.
        let capacity = amount(class_of_offer(offer), next()) * 3 / 5;
        arcs.push(FlowArc { from: 1 + (needs + offer) as u32, to: 0, capacity, cost: 0 });
    }
    FlowNetwork { node_count, arcs, supplies }
}

/// Writes `network` in the `.flow` format that [`parse_flow_file`] reads, for other solvers
/// to solve the same network.
#[doc(hidden)]
pub fn write_flow_file(network: &FlowNetwork) -> String {
    use std::fmt::Write as _;
    let mut text = String::with_capacity(network.arcs.len() * 20);
    let _ = writeln!(text, "{} {}", network.node_count, network.arcs.len());
    for arc in &network.arcs {
        let _ = writeln!(text, "{} {} {} {}", arc.from, arc.to, arc.capacity, arc.cost);
    }
    for (node, supply) in network.supplies.iter().enumerate().filter(|(_, supply)| **supply != 0) {
        let _ = writeln!(text, "{node} {supply}");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Parses and solves `input`, and compares a one-line summary with `expected`: the total
    /// cost and the flows (`cost -6 flows [2]`), or the error message.
    #[track_caller]
    fn check(input: &str, expected: &str) {
        let actual = match parse_flow_file(input).and_then(|network| {
            let solution = solve(&network)?;
            assert_certified(&network, &solution);
            Ok(solution)
        }) {
            Ok(solution) => format!("cost {} flows {:?}", solution.total_cost, solution.flows),
            Err(error) => error.to_string(),
        };
        assert_eq!(actual, expected, "input:\n{input}");
    }

    #[test]
    fn tiny_networks() {
        check("0 0\n", "cost 0 flows []");
        check("1 0\n", "cost 0 flows []");
        check("2 1\n0 1 5 -3\n0 2\n1 -2\n", "cost -6 flows [2]");
        // A lone negative arc carries nothing: flow must be conserved.
        check("2 1\n0 1 5 -3\n", "cost 0 flows [0]");
        check("2 1\n0 1 5 3\n", "cost 0 flows [0]");
        // The cheaper of two parallel arcs fills up first.
        check("2 2\n0 1 2 4\n0 1 5 1\n0 6\n1 -6\n", "cost 9 flows [1, 5]");
        // A detour beats the direct arc.
        check("3 3\n0 2 4 5\n0 1 3 1\n1 2 3 1\n0 4\n2 -4\n", "cost 11 flows [1, 3, 3]");
        // Transshipment through a node with supply 0, and a zero-capacity arc.
        check("3 3\n0 1 9 1\n1 2 9 1\n0 2 0 -100\n0 3\n2 -3\n", "cost 6 flows [3, 3, 0]");
        // Two sources, two sinks: the assignment crosses.
        check("4 4\n0 2 5 1\n0 3 5 3\n1 2 5 2\n1 3 5 9\n0 2\n1 2\n2 -2\n3 -2\n", "cost 10 flows [0, 2, 2, 0]");
    }

    #[test]
    fn cycles_and_self_loops() {
        // A negative self-loop is saturated; a positive one is left empty.
        check("1 2\n0 0 4 -2\n0 0 4 2\n", "cost -8 flows [4, 0]");
        // A negative cycle is saturated up to its tightest arc.
        check("3 3\n0 1 5 1\n1 2 3 1\n2 0 9 -5\n", "cost -9 flows [3, 3, 3]");
        // A cycle that costs 0 or more is left empty.
        check("2 2\n0 1 5 1\n1 0 5 -1\n", "cost 0 flows [0, 0]");
        // Supplies and a negative cycle at once.
        check("3 4\n0 1 5 1\n1 2 3 1\n2 0 9 -5\n0 2 1 0\n0 1\n2 -1\n", "cost -9 flows [3, 3, 3, 1]");
    }

    #[test]
    fn infeasible_networks() {
        let infeasible = "no flow within the capacities meets every supply";
        check("2 0\n0 1\n1 -1\n", infeasible);
        check("2 1\n0 1 1 0\n0 2\n1 -2\n", infeasible);
        // The arc points the wrong way.
        check("2 1\n1 0 5 0\n0 2\n1 -2\n", infeasible);
        check("3 2\n0 1 5 0\n1 2 1 0\n0 2\n2 -2\n", infeasible);
    }

    #[test]
    fn malformed_files_name_the_line() {
        check("", "line 1: missing header `NODES ARCS`");
        check("\n\n", "line 1: missing header `NODES ARCS`");
        check("2\n", "line 1: header must be two non-negative integers `NODES ARCS`");
        check("-2 1\n", "line 1: header must be two non-negative integers `NODES ARCS`");
        check("2 1 7\n", "line 1: header must be two non-negative integers `NODES ARCS`");
        check("2 2\n0 1 1 1\n", "line 3: expected 2 arc lines, found 1");
        check(
            "2 2\n0 1 x 1\n0 1 1\n",
            "line 2: an arc line must be four integers `FROM TO CAPACITY COST`; \
             line 3: an arc line must be four integers `FROM TO CAPACITY COST`",
        );
        check("2 1\n0 2 -1 1\n", "line 2: to node 2 is not in 0..2; line 2: capacity -1 must be ≥ 0");
        check("2 1\n-1 1 1 1\n", "line 2: from node -1 is not in 0..2");
        check("2 1\n0 1 1 1\n0 1\n", "supplies: sum to 1, must sum to 0");
        check(
            "2 1\n0 1 1 1\n0 1\n0 -1\n5 0\n1 2 3\n",
            "line 4: node 0 already has a supply line; line 5: node 5 is not in 0..2; \
             line 6: a supply line must be two integers `NODE SUPPLY`; \
             supplies: sum to -1, must sum to 0",
        );
        check("2 1\n0 1 1 99999999999999999999\n", "line 2: an arc line must be four integers `FROM TO CAPACITY COST`");
        check(
            "16777217 0\n",
            "numbers too large to solve safely: line 1: a file may declare at most 16777216 nodes and 4294967294 arcs",
        );
        // Blank lines and a missing final newline are fine.
        check("\n2 1\n\n0 1 5 -3\n\n0 2\n1 -2", "cost -6 flows [2]");
    }

    #[track_caller]
    fn check_network(network: FlowNetwork, expected: &str) {
        let actual = match solve(&network) {
            Ok(solution) => format!("cost {} flows {:?}", solution.total_cost, solution.flows),
            Err(error) => error.to_string(),
        };
        assert_eq!(actual, expected);
    }

    fn arc(from: u32, to: u32, capacity: i64, cost: i64) -> FlowArc {
        FlowArc { from, to, capacity, cost }
    }

    #[test]
    fn malformed_networks_list_every_problem() {
        check_network(
            FlowNetwork { node_count: 2, arcs: vec![arc(0, 2, -1, 0), arc(7, 1, 1, 0)], supplies: vec![1] },
            "supplies: has 1 entries, must have node_count = 2; \
             arcs[0].to: node 2 is not in 0..2; arcs[0].capacity: -1 must be ≥ 0; \
             arcs[1].from: node 7 is not in 0..2; supplies: sum to 1, must sum to 0",
        );
        check_network(
            FlowNetwork { node_count: 0, arcs: vec![arc(0, 0, 1, 1)], supplies: vec![] },
            "arcs[0].from: node 0 is not in 0..0; arcs[0].to: node 0 is not in 0..0",
        );
        let error = solve(&FlowNetwork { node_count: 1, arcs: vec![], supplies: vec![3] }).unwrap_err();
        assert_eq!(error.problems().len(), 1);
        assert_eq!(FlowError::Infeasible.problems(), &[]);
    }

    #[test]
    fn numbers_too_large_are_refused_not_overflowed() {
        check_network(
            FlowNetwork { node_count: 2, arcs: vec![arc(0, 1, i64::MAX, 1), arc(0, 1, 1, 1)], supplies: vec![0, 0] },
            "numbers too large to solve safely: capacities and absolute supplies must sum to at most i64::MAX",
        );
        check_network(
            FlowNetwork { node_count: 2, arcs: vec![arc(0, 1, 1, i64::MIN)], supplies: vec![0, 0] },
            "numbers too large to solve safely: the largest absolute cost times 8 × (node count + 1) must fit in an i64",
        );
        check_network(
            FlowNetwork {
                node_count: 2,
                arcs: vec![arc(0, 1, 1 << 40, -(1 << 40)), arc(1, 0, 1 << 40, 0)],
                supplies: vec![0, 0],
            },
            "numbers too large to solve safely: the optimal total cost -1208925819614629174706176 does not fit in an i64",
        );
        // Just inside the limits, a negative cycle is filled exactly.
        check_network(
            FlowNetwork {
                node_count: 2,
                arcs: vec![arc(0, 1, i64::MAX / 4, -1), arc(1, 0, i64::MAX / 4, 0)],
                supplies: vec![0, 0],
            },
            &format!("cost {} flows [{1}, {1}]", -(i64::MAX / 4), i64::MAX / 4),
        );
    }

    /// Checks that `solution` is a feasible flow of `network` whose cost is what it says,
    /// and that its potentials prove it optimal (complementary slackness).
    #[track_caller]
    fn assert_certified(network: &FlowNetwork, solution: &FlowSolution) {
        assert_eq!(solution.flows.len(), network.arcs.len());
        assert_eq!(solution.potentials.len(), network.node_count);
        let mut balance: Vec<i128> = network.supplies.iter().map(|&s| i128::from(s)).collect();
        let mut total: i128 = 0;
        for (i, (arc, &flow)) in network.arcs.iter().zip(&solution.flows).enumerate() {
            assert!((0..=arc.capacity).contains(&flow), "arcs[{i}]: flow {flow} outside 0..={}", arc.capacity);
            balance[arc.from as usize] -= i128::from(flow);
            balance[arc.to as usize] += i128::from(flow);
            total += i128::from(flow) * i128::from(arc.cost);
            let reduced = i128::from(arc.cost) + i128::from(solution.potentials[arc.from as usize])
                - i128::from(solution.potentials[arc.to as usize]);
            assert!(flow == arc.capacity || reduced >= 0, "arcs[{i}]: could carry more at reduced cost {reduced}");
            assert!(flow == 0 || reduced <= 0, "arcs[{i}]: should carry less at reduced cost {reduced}");
        }
        assert!(balance.iter().all(|&b| b == 0), "flow not conserved: {balance:?}");
        assert_eq!(total, i128::from(solution.total_cost));
    }

    /// An independent oracle: saturate every negative arc, so that no residual arc costs
    /// less than 0, then send the remaining excesses along shortest paths found by
    /// Bellman-Ford (successive shortest paths). Gives the least cost, or `None` when
    /// infeasible.
    fn oracle_min_cost(network: &FlowNetwork) -> Option<i64> {
        struct Edge {
            to: usize,
            residual: i64,
            cost: i64,
        }
        let n = network.node_count;
        let (source, sink) = (n, n + 1);
        let mut edges: Vec<Edge> = Vec::new();
        let mut out: Vec<Vec<usize>> = vec![Vec::new(); n + 2];
        let mut add = |edges: &mut Vec<Edge>, from: usize, to: usize, capacity: i64, cost: i64| {
            out[from].push(edges.len());
            edges.push(Edge { to, residual: capacity, cost });
            out[to].push(edges.len());
            edges.push(Edge { to: from, residual: 0, cost: -cost });
        };
        let mut excess: Vec<i64> = network.supplies.clone();
        let mut total = 0i64;
        for a in &network.arcs {
            let (from, to) = (a.from as usize, a.to as usize);
            if a.cost < 0 {
                // Saturated: the reverse residual arc carries the whole capacity back.
                add(&mut edges, to, from, a.capacity, -a.cost);
                total += a.capacity * a.cost;
                excess[from] -= a.capacity;
                excess[to] += a.capacity;
            } else {
                add(&mut edges, from, to, a.capacity, a.cost);
            }
        }
        let mut needed = 0;
        for (v, &e) in excess.iter().enumerate() {
            if e > 0 {
                add(&mut edges, source, v, e, 0);
                needed += e;
            } else if e < 0 {
                add(&mut edges, v, sink, -e, 0);
            }
        }
        let nodes = n + 2;
        loop {
            let mut distance = vec![i64::MAX; nodes];
            let mut via = vec![usize::MAX; nodes];
            distance[source] = 0;
            for _ in 0..nodes {
                let mut changed = false;
                for u in 0..nodes {
                    if distance[u] == i64::MAX {
                        continue;
                    }
                    for &e in &out[u] {
                        let edge = &edges[e];
                        if edge.residual > 0 && distance[u] + edge.cost < distance[edge.to] {
                            distance[edge.to] = distance[u] + edge.cost;
                            via[edge.to] = e;
                            changed = true;
                        }
                    }
                }
                if !changed {
                    break;
                }
            }
            if distance[sink] == i64::MAX {
                break;
            }
            let mut bottleneck = i64::MAX;
            let mut v = sink;
            while v != source {
                let e = via[v];
                bottleneck = bottleneck.min(edges[e].residual);
                v = edges[e ^ 1].to;
            }
            let mut v = sink;
            while v != source {
                let e = via[v];
                edges[e].residual -= bottleneck;
                edges[e ^ 1].residual += bottleneck;
                v = edges[e ^ 1].to;
            }
            needed -= bottleneck;
            total += bottleneck * distance[sink];
        }
        (needed == 0).then_some(total)
    }

    /// Small networks with parallel arcs, self-loops, negative cycles and balanced supplies.
    fn small_network() -> impl Strategy<Value = FlowNetwork> {
        (1usize..=7).prop_flat_map(|n| {
            let arcs = prop::collection::vec(
                (0..n as u32, 0..n as u32, 0i64..=6, -5i64..=8).prop_map(|(from, to, capacity, cost)| FlowArc {
                    from,
                    to,
                    capacity,
                    cost,
                }),
                0..=18,
            );
            let supplies = prop::collection::vec(-4i64..=4, n).prop_map(|mut supplies| {
                let sum: i64 = supplies.iter().sum();
                supplies[0] -= sum;
                supplies
            });
            (arcs, supplies).prop_map(move |(arcs, supplies)| FlowNetwork { node_count: n, arcs, supplies })
        })
    }

    /// Larger networks, whose spanning trees grow deep enough to exercise every case of
    /// the tree update; a few sources and sinks, as in an allocation round.
    fn larger_network() -> impl Strategy<Value = FlowNetwork> {
        (10usize..=60).prop_flat_map(|n| {
            let arcs = prop::collection::vec(
                (0..n as u32, 0..n as u32, 0i64..=20, -30i64..=50).prop_map(|(from, to, capacity, cost)| FlowArc {
                    from,
                    to,
                    capacity,
                    cost,
                }),
                n..=6 * n,
            );
            let supplies = prop::collection::vec((0..n, -15i64..=15), 0..=8).prop_map(move |pairs| {
                let mut supplies = vec![0i64; n];
                for (node, supply) in pairs {
                    supplies[node] += supply;
                    supplies[(node + n / 2) % n] -= supply;
                }
                supplies
            });
            (arcs, supplies).prop_map(move |(arcs, supplies)| FlowNetwork { node_count: n, arcs, supplies })
        })
    }

    /// The solver, with this block size, finds the oracle's optimum with a certified solution, or
    /// both find the network infeasible.
    fn agrees_with_the_oracle(network: &FlowNetwork, block_size: Option<usize>) -> Result<(), TestCaseError> {
        match (solve_with(network, &FlowConfig { block_size }), oracle_min_cost(network)) {
            (Ok(solution), Some(expected)) => {
                assert_certified(network, &solution);
                prop_assert_eq!(solution.total_cost, expected);
            }
            (Err(FlowError::Infeasible), None) => {}
            (actual, expected) => prop_assert!(false, "solver {actual:?}, oracle {expected:?}"),
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn optimal_like_the_oracle_on_larger_networks(
            network in larger_network(),
            block_size in prop::option::of(1usize..20),
        ) {
            agrees_with_the_oracle(&network, block_size)?;
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn optimal_like_the_oracle(
            network in small_network(),
            block_size in prop::option::of(0usize..4),
        ) {
            agrees_with_the_oracle(&network, block_size)?;
        }

        #[test]
        fn deterministic(network in small_network()) {
            prop_assert_eq!(solve(&network), solve(&network.clone()));
        }

        #[test]
        fn never_panics_on_any_network(
            node_count in 0usize..5,
            arcs in prop::collection::vec((0u32..7, 0u32..7, any::<i64>(), any::<i64>()), 0..6),
            supplies in prop::collection::vec(any::<i64>(), 0..6),
        ) {
            let arcs = arcs.into_iter().map(|(from, to, capacity, cost)| FlowArc { from, to, capacity, cost }).collect();
            let network = FlowNetwork { node_count, arcs, supplies };
            if let Ok(solution) = solve(&network) {
                assert_certified(&network, &solution);
            }
        }

        #[test]
        fn never_panics_on_any_text(text in "[0-9 \\-\n]{0,60}|\\PC{0,40}") {
            if let Ok(network) = parse_flow_file(&text) {
                let _ = solve(&network);
            }
        }

        #[test]
        fn reads_back_what_it_writes(network in small_network()) {
            let mut text = format!("{} {}\n", network.node_count, network.arcs.len());
            for a in &network.arcs {
                text += &format!("{} {} {} {}\n", a.from, a.to, a.capacity, a.cost);
            }
            for (node, supply) in network.supplies.iter().enumerate().filter(|(_, s)| **s != 0) {
                text += &format!("{node} {supply}\n");
            }
            prop_assert_eq!(parse_flow_file(&text), Ok(network));
        }
    }

    /// The benchmark instance, solved to its recorded optimum (which OR-Tools confirmed on the
    /// same network), with both pivot rules.
    #[test]
    fn benchmark_network_reaches_its_known_optimum() {
        let network = benchmark_network(&BenchmarkShape::MEDIUM);
        assert_eq!((network.node_count, network.arcs.len()), (29_588, 281_887));
        for block_size in [None, Some(50)] {
            let solution = solve_with(&network, &FlowConfig { block_size }).expect("the benchmark network is feasible");
            assert_eq!(-solution.total_cost, BenchmarkShape::MEDIUM_OPTIMUM, "block size {block_size:?}");
            assert_certified(&network, &solution);
        }
    }

    /// Other solvers read the benchmark network from the text `write_flow_file` makes.
    #[test]
    fn the_written_benchmark_network_reads_back() {
        // 90 offers in nine classes: ten per class, more than the eight candidates of a need.
        let shape = BenchmarkShape { seed: 7, needs: 40, offers: 90, candidates: 8 };
        let network = benchmark_network(&shape);
        assert_eq!(network.arcs.len(), 40 * (8 + 1) + 90);
        assert_eq!(network.supplies.iter().sum::<i64>(), 0);
        assert_eq!(parse_flow_file(&write_flow_file(&network)), Ok(network.clone()));
        assert_eq!(benchmark_network(&shape), network, "the same shape gives the same network");
        assert_ne!(benchmark_network(&BenchmarkShape { seed: 8, ..shape }), network);
    }
}
