//! Min-cost flow of any amount, by the primal network simplex method.
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
//! The any-value problem is a min-cost circulation with an extra arc
//! `t -> s` of cost 0. The primal network simplex method with strongly
//! feasible trees solves it from the zero flow and a shortest-path tree. The `simplex` module describes the
//! basis, the pricing and the pivots. Problems that split into parts
//! sharing only `s` and `t` are solved part by part, in parallel.
//!
//! On return, the potentials certify optimality: under them every residual
//! arc of the circulation has a non-negative reduced cost
//! `c(a) + p(tail) - p(head)`, including the extra arc and its reverse.
//! [`FlowSolution::check_optimality`] checks this.
//!
//! # Complexity
//!
//! Building the initial basis takes Bellman-Ford passes over the arcs:
//! two when node numbers follow a topological order of the arcs, as in the
//! matcher's network. Each pivot costs at least one pricing block plus the
//! length of its cycle and the size of the subtree it moves. The number of
//! pivots has no useful polynomial bound, but on generated rosters of 500
//! to 10,000 a side it is 6 to 11 per unit of flow.

use rayon::prelude::*;

use crate::{components, simplex};

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
    /// Number of network simplex pivots, for performance diagnostics.
    pub pivots: usize,
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
                .map(|part| simplex::solve_connected(&part.problem))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(components::merge(problem, &parts, &solutions))
        }
        None => simplex::solve_connected(problem),
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
