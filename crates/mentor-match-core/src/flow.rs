//! Min-cost flow of any amount, by primal-dual augmentation.
//!
//! # Problem
//!
//! Given a directed network with integer capacities `u(a) >= 0` and integer
//! costs `c(a)`, a source `s` and a sink `t`, find an `s`-`t` flow `f` of
//! *any* value that minimises `sum c(a) f(a)`. The matcher needs "any value"
//! because a match is made only while it improves the objective.
//!
//! # Method
//!
//! Successive shortest paths with node potentials `p` (Ahuja, Magnanti and
//! Orlin, *Network Flows*, 1993, sections 9.7 and 9.8). The invariant kept
//! between iterations: every residual arc has a non-negative reduced cost
//! `c_p(a) = c(a) + p(tail) - p(head)`, so Dijkstra's algorithm finds shortest
//! paths. Each phase
//!
//! 1. runs Dijkstra from `s` on reduced costs and adds `min(d(v), d(t))` to
//!    every potential, which keeps the invariant and gives the arcs on
//!    shortest paths a reduced cost of 0;
//! 2. stops if `t` is unreachable or the shortest path's true cost
//!    `p(t) - p(s)` is not negative: path costs never decrease from one
//!    augmentation to the next, so no later path could lower the cost;
//! 3. otherwise saturates the shortest paths with a blocking flow (Dinic's
//!    level graph restricted to arcs of reduced cost 0), so that one
//!    Dijkstra search serves many augmenting paths.
//!
//! On return, the potentials certify optimality. The any-value problem is a
//! min-cost circulation with an extra arc `t -> s` of cost 0. Under the
//! returned potentials, every residual arc of that circulation has a
//! non-negative reduced cost, including the extra arc and its reverse.
//! [`FlowSolution::check_optimality`] checks this.
//!
//! # Complexity
//!
//! Each phase costs `O(m log n)` for Dijkstra plus `O(n m)` in the worst
//! case for the blocking flow. The number of phases is at most the number of
//! distinct shortest-path costs, and at most the flow value. Initial
//! potentials come from Bellman-Ford passes over the arcs, one pass when node
//! numbers follow a topological order of the arcs (as the matcher's network
//! does).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

use rayon::prelude::*;

use crate::components;

/// An arc of a [`FlowProblem`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlowArc {
    /// Tail node.
    pub tail: u32,
    /// Head node.
    pub head: u32,
    /// Capacity, at least 0.
    pub capacity: i64,
    /// Cost per unit of flow.
    pub cost: i64,
}

/// A min-cost flow problem of any flow value from `source` to `sink`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FlowProblem {
    /// Number of nodes, numbered `0..node_count`.
    pub node_count: usize,
    /// The arcs; solution flows are indexed like this vector.
    pub arcs: Vec<FlowArc>,
    /// The source node.
    pub source: u32,
    /// The sink node.
    pub sink: u32,
}

/// An optimal flow with the potentials that prove it optimal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowSolution {
    /// Flow on each arc of the problem, indexed like [`FlowProblem::arcs`].
    pub flow: Vec<i64>,
    /// Total cost `sum cost * flow`.
    pub cost: i64,
    /// Flow value leaving the source.
    pub value: i64,
    /// Node potentials under which no residual arc has a negative reduced
    /// cost.
    pub potentials: Vec<i64>,
    /// Number of augmentation phases (shortest-path searches that found an
    /// improving path), for performance diagnostics.
    pub phases: usize,
}

/// A flow problem the solver cannot handle.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FlowError {
    /// An arc names a node outside `0..node_count`, or has a negative capacity.
    #[error("arc {arc} is invalid: it names a missing node or has a negative capacity")]
    InvalidArc {
        /// Index of the arc.
        arc: usize,
    },
    /// The network contains a cycle of negative cost, so the initial
    /// potentials cannot be computed.
    #[error("the network contains a negative-cost cycle")]
    NegativeCycle,
}

/// Residual network in compressed sparse row form.
///
/// Residual arcs are numbered by their position in the CSR order, so the
/// arcs leaving node `v` are `first_out[v]..first_out[v + 1]` and a scan
/// over them reads `head`, `cost` and `residual` sequentially. `twin[a]` is
/// the reverse of arc `a`, and `forward[k]` the forward copy of problem arc
/// `k`.
struct Residual {
    first_out: Vec<usize>,
    head: Vec<u32>,
    cost: Vec<i64>,
    residual: Vec<i64>,
    twin: Vec<u32>,
    forward: Vec<u32>,
}

impl Residual {
    fn new(problem: &FlowProblem) -> Self {
        let n = problem.node_count;
        let m = problem.arcs.len();
        let mut first_out = vec![0usize; n + 1];
        for arc in &problem.arcs {
            first_out[arc.tail as usize + 1] += 1;
            first_out[arc.head as usize + 1] += 1;
        }
        for v in 0..n {
            first_out[v + 1] += first_out[v];
        }
        let mut next = first_out.clone();
        let mut head = vec![0u32; 2 * m];
        let mut cost = vec![0i64; 2 * m];
        let mut residual = vec![0i64; 2 * m];
        let mut twin = vec![0u32; 2 * m];
        let mut forward = vec![0u32; m];
        for (k, arc) in problem.arcs.iter().enumerate() {
            let a = next[arc.tail as usize];
            next[arc.tail as usize] += 1;
            let b = next[arc.head as usize];
            next[arc.head as usize] += 1;
            head[a] = arc.head;
            cost[a] = arc.cost;
            residual[a] = arc.capacity;
            head[b] = arc.tail;
            cost[b] = -arc.cost;
            twin[a] = b as u32;
            twin[b] = a as u32;
            forward[k] = a as u32;
        }
        Residual { first_out, head, cost, residual, twin, forward }
    }

    fn arcs_of(&self, v: usize) -> std::ops::Range<usize> {
        self.first_out[v]..self.first_out[v + 1]
    }

    fn tail(&self, a: usize) -> usize {
        self.head[self.twin[a] as usize] as usize
    }

    /// Returns the flow on problem arc `k`: the residual capacity of its
    /// reverse.
    fn flow(&self, k: usize) -> i64 {
        self.residual[self.twin[self.forward[k] as usize] as usize]
    }
}

/// Solves a min-cost flow problem of any flow value.
///
/// # Errors
///
/// [`FlowError::InvalidArc`] for a malformed arc and
/// [`FlowError::NegativeCycle`] when the network has a negative-cost cycle.
/// The caller must keep `node_count * max |cost|` well inside `i64`:
/// potentials are bounded by the cost of a simple path.
///
/// # Example
///
/// Two paths from 0 to 3, of costs -5 and +2; only the first is worth using.
///
/// ```
/// use mentor_match_core::flow::{solve, FlowArc, FlowProblem};
///
/// let arc = |tail, head, capacity, cost| FlowArc { tail, head, capacity, cost };
/// let problem = FlowProblem {
///     node_count: 4,
///     arcs: vec![arc(0, 1, 1, -5), arc(1, 3, 1, 0), arc(0, 2, 1, 2), arc(2, 3, 1, 0)],
///     source: 0,
///     sink: 3,
/// };
/// let solution = solve(&problem)?;
/// assert_eq!(solution.cost, -5);
/// assert_eq!(solution.flow, vec![1, 1, 0, 0]);
/// assert!(solution.check_optimality(&problem).is_ok());
/// # Ok::<(), mentor_match_core::flow::FlowError>(())
/// ```
pub fn solve(problem: &FlowProblem) -> Result<FlowSolution, FlowError> {
    let n = problem.node_count;
    for (index, arc) in problem.arcs.iter().enumerate() {
        if arc.tail as usize >= n || arc.head as usize >= n || arc.capacity < 0 {
            return Err(FlowError::InvalidArc { arc: index });
        }
    }
    if problem.source as usize >= n || problem.sink as usize >= n {
        return Err(FlowError::InvalidArc { arc: problem.arcs.len() });
    }
    match components::split(problem) {
        Some(parts) => {
            let solutions = parts
                .par_iter()
                .map(|part| solve_connected(&part.problem))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(components::merge(problem, &parts, &solutions))
        }
        None => solve_connected(problem),
    }
}

/// Solves a problem that [`components::split`] does not split, or one of
/// its parts. The arcs must already be validated.
fn solve_connected(problem: &FlowProblem) -> Result<FlowSolution, FlowError> {
    let n = problem.node_count;
    let mut net = Residual::new(problem);
    let mut potentials = initial_potentials(&net, n)?;
    let source = problem.source as usize;
    let sink = problem.sink as usize;
    let mut value = 0i64;
    let mut phases = 0;
    let mut search = PhaseBuffers::new(n);

    if source != sink {
        loop {
            let gap_before = potentials[sink] - potentials[source];
            let sink_dist = shortest_paths(
                &net,
                &potentials,
                source,
                sink,
                &mut search.dist,
                &mut search.settled,
            );
            let improving = sink_dist.is_some_and(|d| gap_before + d < 0);
            if !improving {
                // Raise the potentials only far enough to close the gap, so
                // that p(t) = p(s) when flow was sent and p(t) >= p(s) when
                // none was: that makes the potentials a certificate for the
                // any-value problem (see `check_optimality`).
                let theta = (-gap_before).max(0);
                raise_potentials(&mut potentials, &search.dist, theta);
                break;
            }
            let sink_dist = sink_dist.unwrap_or(0);
            raise_potentials(&mut potentials, &search.dist, sink_dist);
            for &v in &search.settled {
                search.in_region[v as usize] = true;
            }
            value += blocking_flow(&mut net, &potentials, source, sink, &mut search);
            for &v in &search.settled {
                search.in_region[v as usize] = false;
            }
            phases += 1;
        }
    }

    let flow: Vec<i64> = (0..problem.arcs.len()).map(|k| net.flow(k)).collect();
    let cost = problem.arcs.iter().zip(&flow).map(|(arc, f)| arc.cost * f).sum();
    Ok(FlowSolution { flow, cost, value, potentials, phases })
}

/// Bellman-Ford from a virtual root joined to every node by a 0-cost arc,
/// so every node gets a finite potential and every arc with capacity a
/// non-negative reduced cost.
fn initial_potentials(net: &Residual, n: usize) -> Result<Vec<i64>, FlowError> {
    let mut potentials = vec![0i64; n];
    for _pass in 0..=n {
        let mut changed = false;
        for v in 0..n {
            for a in net.arcs_of(v) {
                if net.residual[a] > 0 {
                    let w = net.head[a] as usize;
                    let candidate = potentials[v] + net.cost[a];
                    if candidate < potentials[w] {
                        potentials[w] = candidate;
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            return Ok(potentials);
        }
    }
    Err(FlowError::NegativeCycle)
}

struct PhaseBuffers {
    dist: Vec<i64>,
    level: Vec<u32>,
    current: Vec<usize>,
    queue: VecDeque<u32>,
    path: Vec<u32>,
    /// Nodes the last search settled, in order.
    settled: Vec<u32>,
    /// `true` for the nodes in `settled` while a blocking flow runs.
    in_region: Vec<bool>,
    /// Residual arc ids of reduced cost 0 between settled nodes, grouped by
    /// tail: node `v`'s are `equality[equality_start[v]..equality_end[v]]`.
    equality: Vec<u32>,
    equality_start: Vec<usize>,
    equality_end: Vec<usize>,
}

impl PhaseBuffers {
    fn new(n: usize) -> Self {
        PhaseBuffers {
            dist: vec![0; n],
            level: vec![0; n],
            current: vec![0; n],
            queue: VecDeque::new(),
            path: Vec::new(),
            settled: Vec::new(),
            in_region: vec![false; n],
            equality: Vec::new(),
            equality_start: vec![0; n],
            equality_end: vec![0; n],
        }
    }
}

const UNREACHED: i64 = i64::MAX;
const NO_LEVEL: u32 = u32::MAX;

/// Runs Dijkstra on reduced costs from `source` into `dist` and returns the
/// sink's distance, or `None` when the sink is unreachable.
///
/// The search stops when the sink is settled, so a node farther away keeps a
/// tentative distance that is at least the sink's, or `UNREACHED`. Callers
/// only use `min(dist, theta)` with `theta` at most the sink's distance,
/// which is exact for those nodes too.
fn shortest_paths(
    net: &Residual,
    potentials: &[i64],
    source: usize,
    sink: usize,
    dist: &mut [i64],
    settled: &mut Vec<u32>,
) -> Option<i64> {
    settled.clear();
    dist.fill(UNREACHED);
    dist[source] = 0;
    let mut heap = BinaryHeap::new();
    heap.push(Reverse((0i64, source as u32)));
    while let Some(Reverse((d, v))) = heap.pop() {
        let v = v as usize;
        if d > dist[v] {
            continue;
        }
        settled.push(v as u32);
        if v == sink {
            break;
        }
        for a in net.arcs_of(v) {
            if net.residual[a] == 0 {
                continue;
            }
            let w = net.head[a] as usize;
            let reduced = net.cost[a] + potentials[v] - potentials[w];
            debug_assert!(reduced >= 0, "negative reduced cost {reduced} on residual arc {a}");
            let candidate = d + reduced;
            if candidate < dist[w] {
                dist[w] = candidate;
                heap.push(Reverse((candidate, w as u32)));
            }
        }
    }
    let sink_dist = dist[sink];
    (sink_dist != UNREACHED).then_some(sink_dist)
}

/// Adds `min(dist(v), theta)` to every potential.
///
/// For any `theta >= 0` this keeps every residual arc's reduced cost
/// non-negative: for an arc `(u, v)` with reduced cost `r`, Dijkstra gives
/// `dist(v) <= dist(u) + r`, so `min(dist(v), theta) <= min(dist(u), theta) + r`.
fn raise_potentials(potentials: &mut [i64], dist: &[i64], theta: i64) {
    for (p, &d) in potentials.iter_mut().zip(dist) {
        *p += d.min(theta);
    }
}

/// Saturates the admissible network (residual arcs of reduced cost 0
/// between settled nodes) with Dinic's algorithm and returns the flow added.
fn blocking_flow(
    net: &mut Residual,
    potentials: &[i64],
    source: usize,
    sink: usize,
    buffers: &mut PhaseBuffers,
) -> i64 {
    collect_equality_arcs(net, potentials, buffers);
    let mut pushed = 0;
    while build_levels(net, source, sink, buffers) {
        pushed += augment_along_levels(net, source, sink, buffers);
    }
    pushed
}

/// Lists, for every settled node, the arcs of reduced cost 0 to other
/// settled nodes, whatever their residual capacity.
///
/// Only these arcs can be admissible during the blocking flow, because the
/// potentials stay fixed and an arc's reverse has reduced cost 0 exactly
/// when the arc has. The blocking flow rebuilds its level graph many times
/// per phase, and scanning this list instead of every arc of the region
/// makes each rebuild proportional to the admissible network, which is a
/// small part of the candidate network.
fn collect_equality_arcs(net: &Residual, potentials: &[i64], buffers: &mut PhaseBuffers) {
    buffers.equality.clear();
    for &v in &buffers.settled {
        let v = v as usize;
        buffers.equality_start[v] = buffers.equality.len();
        for a in net.arcs_of(v) {
            let w = net.head[a] as usize;
            if net.cost[a] + potentials[v] - potentials[w] == 0 && buffers.in_region[w] {
                buffers.equality.push(a as u32);
            }
        }
        buffers.equality_end[v] = buffers.equality.len();
    }
}

/// Labels nodes with their breadth-first distance from `source` over
/// admissible arcs (equality arcs with spare capacity), and returns whether
/// the sink got a level. Levels keep the depth-first search acyclic even
/// when zero-cost cycles exist among admissible arcs.
fn build_levels(net: &Residual, source: usize, sink: usize, buffers: &mut PhaseBuffers) -> bool {
    let level = &mut buffers.level;
    level.fill(NO_LEVEL);
    level[source] = 0;
    buffers.queue.clear();
    buffers.queue.push_back(source as u32);
    while let Some(v) = buffers.queue.pop_front() {
        let v = v as usize;
        // Nodes at or beyond the sink's level lead to no shortest
        // augmenting path of this round.
        if level[sink] != NO_LEVEL && level[v] >= level[sink] {
            break;
        }
        for &a in &buffers.equality[buffers.equality_start[v]..buffers.equality_end[v]] {
            let a = a as usize;
            let w = net.head[a] as usize;
            if net.residual[a] > 0 && level[w] == NO_LEVEL {
                level[w] = level[v] + 1;
                buffers.queue.push_back(w as u32);
            }
        }
    }
    level[sink] != NO_LEVEL
}

/// Sends flow along every path of increasing levels from `source` to
/// `sink` until none is left, and returns the amount sent.
///
/// The depth-first search keeps a current-arc pointer per node and is
/// iterative, because augmenting paths can be as long as the number of
/// nodes.
fn augment_along_levels(
    net: &mut Residual,
    source: usize,
    sink: usize,
    buffers: &mut PhaseBuffers,
) -> i64 {
    // `current[v]` is a position in `equality`, not an arc id.
    for &v in &buffers.settled {
        buffers.current[v as usize] = buffers.equality_start[v as usize];
    }
    let sink_level = buffers.level[sink];
    let path = &mut buffers.path;
    path.clear();
    let mut pushed = 0;
    let mut v = source;
    loop {
        if v == sink {
            let bottleneck = path.iter().map(|&a| net.residual[a as usize]).min().unwrap_or(0);
            let mut retreat_to = path.len();
            for (i, &a) in path.iter().enumerate() {
                let a = a as usize;
                net.residual[a] -= bottleneck;
                let twin = net.twin[a] as usize;
                net.residual[twin] += bottleneck;
                if net.residual[a] == 0 && retreat_to == path.len() {
                    retreat_to = i;
                }
            }
            pushed += bottleneck;
            path.truncate(retreat_to);
            v = path.last().map_or(source, |&a| net.head[a as usize] as usize);
            continue;
        }
        let end = buffers.equality_end[v];
        let mut advanced = false;
        while buffers.current[v] < end {
            let a = buffers.equality[buffers.current[v]] as usize;
            let w = net.head[a] as usize;
            if net.residual[a] > 0
                && buffers.level[w] == buffers.level[v] + 1
                && (w == sink || buffers.level[w] < sink_level)
            {
                path.push(a as u32);
                v = w;
                advanced = true;
                break;
            }
            buffers.current[v] += 1;
        }
        if advanced {
            continue;
        }
        // Dead end: remove v from the level graph and step back.
        buffers.level[v] = NO_LEVEL;
        match path.pop() {
            Some(a) => {
                v = net.tail(a as usize);
                buffers.current[v] += 1;
            }
            None => return pushed,
        }
    }
}

/// A residual arc whose reduced cost is negative under the returned
/// potentials, which would disprove optimality.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateViolation {
    /// Index of the problem arc.
    pub arc: usize,
    /// `true` when the violating residual arc is the reverse of the arc.
    pub reverse: bool,
    /// The negative reduced cost.
    pub reduced_cost: i64,
}

impl FlowSolution {
    /// Checks feasibility (capacities and conservation) and the optimality
    /// certificate: no residual arc has a negative reduced cost, and no
    /// augmenting path of negative cost remains from source to sink.
    ///
    /// # Errors
    ///
    /// A description of the first violation found.
    pub fn check_optimality(&self, problem: &FlowProblem) -> Result<(), String> {
        let n = problem.node_count;
        let mut balance = vec![0i64; n];
        for (k, (arc, &f)) in problem.arcs.iter().zip(&self.flow).enumerate() {
            if f < 0 || f > arc.capacity {
                return Err(format!("arc {k} carries {f}, outside 0..={}", arc.capacity));
            }
            balance[arc.tail as usize] -= f;
            balance[arc.head as usize] += f;
            let reduced =
                arc.cost + self.potentials[arc.tail as usize] - self.potentials[arc.head as usize];
            if f < arc.capacity && reduced < 0 {
                let violation =
                    CertificateViolation { arc: k, reverse: false, reduced_cost: reduced };
                return Err(format!("{violation:?}"));
            }
            if f > 0 && reduced > 0 {
                let violation =
                    CertificateViolation { arc: k, reverse: true, reduced_cost: -reduced };
                return Err(format!("{violation:?}"));
            }
        }
        for (v, &b) in balance.iter().enumerate() {
            let expected = if v == problem.source as usize {
                -self.value
            } else if v == problem.sink as usize {
                self.value
            } else {
                0
            };
            if problem.source != problem.sink && b != expected {
                return Err(format!("node {v} has net inflow {b}, expected {expected}"));
            }
        }
        // The any-value problem is a min-cost circulation with an extra arc
        // t -> s of cost 0 and unbounded capacity. Its residual copy needs
        // p(t) >= p(s), and its reverse, present when flow was sent, needs
        // p(t) <= p(s).
        let gap = self.potentials[problem.sink as usize] - self.potentials[problem.source as usize];
        if gap < 0 {
            return Err(format!("an augmenting path may cost {gap} < 0: p(t) < p(s)"));
        }
        if self.value > 0 && gap != 0 {
            return Err(format!("cancelling flow may save {gap}: p(t) > p(s) with flow sent"));
        }
        Ok(())
    }
}
