//! The b-matching as a min-cost flow network.
//!
//! Node numbers follow a topological order of the arcs: source `0`,
//! mentees, mentees' profession sub-nodes, mentors, then the sink. Arcs:
//!
//! - source -> mentee: one arc per run of units with the same bonus (the
//!   1st, 2nd and 3rd match bonuses of the priority, then 0), `capacity`
//!   units in all;
//! - mentee -> profession sub-node: one arc per slot `k` with cost
//!   `-points[k]`, so the cheapest (highest-scoring) slots fill first, which
//!   is exact because the points never increase;
//! - mentee (or its sub-node, for a same-profession mentor) -> mentor: one
//!   unit per allowed pair at cost `-score`;
//! - mentor -> sink: one unit with the first-match bonus, then
//!   `capacity - 1` units at cost 0.
//!
//! All costs are multiplied by the [`Weights`] of the priority. Pinned
//! pairs are not in the network. A participant's units and a mentee's
//! profession slots start after those its pins use, and `capacity` is the
//! capacity the pins leave.

use mentor_match_model::RuleConfig;

use crate::MatchError;
use crate::candidates::{CandidateGraph, PairScorer};
use crate::compile::CompiledRoster;
use crate::flow::{FlowArc, FlowProblem};
use crate::objective::{self, Weights};
use crate::pricing::Layers;

/// The flow network of a roster, with the arc of every candidate pair.
#[derive(Debug, Clone)]
pub(crate) struct MatchNetwork {
    pub problem: FlowProblem,
    pub layout: NetworkLayout,
}

/// The nodes and arcs of the participants and pairs in a [`MatchNetwork`].
#[derive(Debug, Clone)]
pub(crate) struct NetworkLayout {
    /// Index into `problem.arcs` of each candidate (indexed like the
    /// candidate graph's entries).
    pub pair_arc: Vec<u32>,
    pub weights: Weights,
    /// Profession sub-node of each mentee, or `NO_NODE`.
    profession_node: Vec<u32>,
    first_mentor: u32,
    mentor_total: u32,
}

impl MatchNetwork {
    pub fn build(
        roster: &CompiledRoster,
        candidates: &CandidateGraph,
        rules: &RuleConfig,
    ) -> Result<Self, MatchError> {
        let n_mentees = roster.mentees.len();
        let n_mentors = roster.mentors.len();

        // Only mentees with an allowed same-profession pair need a sub-node.
        // Counting allowed pairs rather than candidates keeps the node
        // numbers and slot arcs fixed while candidates are added.
        let mut profession_node = vec![NO_NODE; n_mentees];
        let mut next_node = 1 + n_mentees as u32;
        for (node, &same) in profession_node.iter_mut().zip(&candidates.same_profession_allowed) {
            if same > 0 {
                *node = next_node;
                next_node += 1;
            }
        }
        let first_mentor = next_node;
        let sink = first_mentor + n_mentors as u32;
        let node_count = sink as usize + 1;

        let mentee_capacity: u64 = roster.mentees.capacity.iter().map(|&c| u64::from(c)).sum();
        let mentor_capacity: u64 = roster.mentors.capacity.iter().map(|&c| u64::from(c)).sum();
        // The weights must order every matching of the full allowed graph,
        // not only those of the candidates, so the bound uses all pairs.
        let max_pairs = mentee_capacity.min(mentor_capacity).min(candidates.allowed_count as u64);
        let pair_bound = objective::max_abs_pair_score(rules) + roster.custom.max_abs_points();
        let mut weights = objective::weights(
            rules.priority,
            n_mentees,
            n_mentors,
            max_pairs,
            node_count,
            pair_bound,
        )?;
        weights.pinned =
            i64::try_from(pinned_objective(roster, rules, &weights)).map_err(|_| {
                MatchError::TooLarge {
                    priority: rules.priority,
                    cause: None,
                    mentors: n_mentors,
                    mentees: n_mentees,
                    capacity: max_pairs,
                }
            })?;

        let mut arcs = Vec::with_capacity(2 * n_mentees + candidates.len() + 2 * n_mentors);
        let mut push = |tail: u32, head: u32, capacity: i64, cost: i64| {
            arcs.push(FlowArc { tail, head, capacity, cost });
            (arcs.len() - 1) as u32
        };

        for (mentee, &capacity) in roster.mentees.capacity.iter().enumerate() {
            let used = roster.mentees.pinned[mentee];
            add_unit_arcs(&mut push, 0, 1 + mentee as u32, used, capacity, |unit| {
                weights.mentee_unit_bonus(unit)
            });
        }
        for (mentee, &node) in profession_node.iter().enumerate() {
            if node == NO_NODE {
                continue;
            }
            let same = candidates.same_profession_allowed[mentee] as usize;
            let slots = same.min(roster.mentees.capacity[mentee] as usize);
            let first_slot = roster.mentees.pinned_same_profession[mentee] as usize;
            for slot in first_slot..first_slot + slots {
                let points = rules.profession_points_for_slot(slot);
                push(1 + mentee as u32, node, 1, -weights.score * points);
            }
        }
        let mut pair_arc = Vec::with_capacity(candidates.len());
        for (mentee, &sub_node) in profession_node.iter().enumerate() {
            for c in candidates.range(mentee) {
                let tail = if candidates.same_profession[c] { sub_node } else { 1 + mentee as u32 };
                let head = first_mentor + candidates.mentor[c];
                pair_arc.push(push(tail, head, 1, -weights.score * candidates.score[c]));
            }
        }
        for (mentor, &capacity) in roster.mentors.capacity.iter().enumerate() {
            let used = roster.mentors.pinned[mentor];
            add_unit_arcs(&mut push, first_mentor + mentor as u32, sink, used, capacity, |unit| {
                weights.mentor_unit_bonus(unit)
            });
        }

        let problem = FlowProblem { node_count, arcs, source: 0, sink };
        let layout = NetworkLayout {
            pair_arc,
            weights,
            profession_node,
            first_mentor,
            mentor_total: n_mentors as u32,
        };
        Ok(MatchNetwork { problem, layout })
    }
}

impl NetworkLayout {
    /// Returns the node a pair's arc leaves: the mentee's profession
    /// sub-node for a same-profession pair, else the mentee's node.
    pub fn pair_tail(&self, mentee: usize, same_profession: bool) -> usize {
        if same_profession { self.profession_node[mentee] as usize } else { 1 + mentee }
    }

    /// Returns the node ranges of the mentee, profession sub-node and
    /// mentor layers.
    pub fn layers(&self) -> Layers {
        let n_mentees = self.profession_node.len();
        let first_mentor = self.first_mentor as usize;
        Layers {
            mentees: 1..1 + n_mentees,
            sub_nodes: 1 + n_mentees..first_mentor,
            mentors: first_mentor..self.sink(),
        }
    }

    /// Returns a mentor's node.
    pub fn mentor_node(&self, mentor: u32) -> usize {
        (self.first_mentor + mentor) as usize
    }

    /// Returns the sink, the last node. The source is node 0.
    pub fn sink(&self) -> usize {
        self.first_mentor as usize + self.mentor_count()
    }

    /// Returns the number of mentors.
    pub fn mentor_count(&self) -> usize {
        self.mentor_total as usize
    }
}

const NO_NODE: u32 = u32::MAX;

/// Adds arcs for units `used + 1..=used + capacity`, one arc per run of
/// units with the same bonus, each unit costing minus its bonus.
///
/// Units are counted in `u64`, so the loop ends for any `u32` inputs, even
/// though the compiled capacities are at most `MAX_CAPACITY`.
fn add_unit_arcs(
    push: &mut impl FnMut(u32, u32, i64, i64) -> u32,
    tail: u32,
    head: u32,
    used: u32,
    capacity: u32,
    bonus: impl Fn(u32) -> i64,
) {
    let unit_bonus = |unit: u64| bonus(u32::try_from(unit).unwrap_or(u32::MAX));
    let end = u64::from(used) + u64::from(capacity);
    let mut unit = u64::from(used) + 1;
    while unit <= end {
        let value = unit_bonus(unit);
        let mut run_end = unit;
        while run_end < end && unit_bonus(run_end + 1) == value {
            run_end += 1;
        }
        push(tail, head, (run_end - unit + 1) as i64, -value);
        unit = run_end + 1;
    }
}

/// Returns the weighted objective of the pinned pairs: their scores with
/// the profession slots they take, and the bonuses of the units they use.
fn pinned_objective(roster: &CompiledRoster, rules: &RuleConfig, weights: &Weights) -> i128 {
    if roster.pinned_pairs.is_empty() {
        return 0;
    }
    let scorer = PairScorer::new(roster, rules);
    let mut value: i128 = 0;
    for &(mentor, mentee) in &roster.pinned_pairs {
        // Pins were checked against the rules when they were applied.
        let score = scorer.score_total(mentor as usize, mentee as usize).unwrap_or(0);
        value += i128::from(weights.score) * i128::from(score);
    }
    for &slots in &roster.mentees.pinned_same_profession {
        let points: i64 =
            (0..slots as usize).map(|slot| rules.profession_points_for_slot(slot)).sum();
        value += i128::from(weights.score) * i128::from(points);
    }
    for &used in &roster.mentees.pinned {
        value += (1..=used).map(|unit| i128::from(weights.mentee_unit_bonus(unit))).sum::<i128>();
    }
    for &used in &roster.mentors.pinned {
        value += (1..=used).map(|unit| i128::from(weights.mentor_unit_bonus(unit))).sum::<i128>();
    }
    value
}
