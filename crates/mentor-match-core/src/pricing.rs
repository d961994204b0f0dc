//! Pricing: checking the pairs left out of the network against the optimal
//! node potentials.
//!
//! Solving on a subset of the allowed pairs gives a flow and potentials
//! under which every arc of that smaller network has a non-negative reduced
//! cost. If every omitted pair's arc also has a non-negative reduced cost,
//! the same potentials certify the flow as optimal for the full network
//! (an omitted arc carries no flow, so only its forward copy is residual).
//! Otherwise the violating pairs join the network and it is solved again,
//! as in column generation for linear programmes.

use rayon::prelude::*;

use crate::candidates::{AllowedPairs, Candidate, CandidateGraph, PairScorer};
use crate::flow::FlowProblem;
use crate::network::MatchNetwork;

/// Returns, for each mentee, up to `per_mentee` omitted pairs with a
/// negative reduced cost (the most negative first), and the total number of
/// violating pairs.
pub(crate) fn find_violations(
    scorer: &PairScorer<'_>,
    allowed: &AllowedPairs,
    candidates: &CandidateGraph,
    network: &MatchNetwork,
    potentials: &[i64],
    per_mentee: usize,
) -> (Vec<Vec<Candidate>>, usize) {
    let weight = network.layout.weights.score;
    let per_mentee_lists: Vec<(Vec<Candidate>, usize)> = (0..scorer.roster.mentees.len())
        .into_par_iter()
        .map(|mentee| {
            let mut violations: Vec<(i64, Candidate)> = Vec::new();
            allowed.for_each(scorer, mentee, |mentor, score, same| {
                let tail = network.layout.pair_tail(mentee, same);
                let reduced = -weight * score + potentials[tail]
                    - potentials[network.layout.mentor_node(mentor)];
                if reduced < 0 && !candidates.contains(mentee, mentor) {
                    violations.push((reduced, (mentor, score, same)));
                }
            });
            let count = violations.len();
            if violations.len() > per_mentee {
                violations.select_nth_unstable_by_key(per_mentee, |&(reduced, (mentor, _, _))| {
                    (reduced, mentor)
                });
                violations.truncate(per_mentee);
            }
            let mut selected: Vec<Candidate> =
                violations.into_iter().map(|(_, candidate)| candidate).collect();
            // The collect may reuse the allocation of every violation.
            selected.shrink_to_fit();
            (selected, count)
        })
        .collect();
    let total = per_mentee_lists.iter().map(|(_, count)| count).sum();
    (per_mentee_lists.into_iter().map(|(list, _)| list).collect(), total)
}

/// Moves the potentials of mentors down and of mentees and their
/// profession sub-nodes up, as far as every residual arc's reduced cost
/// stays non-negative.
///
/// Potentials that certify an optimum are far from unique. The solver's
/// are loose for nodes it never reached: the potential of a mentor that no
/// candidate pair reaches keeps rising with the sink's, which makes omitted
/// arcs into that mentor look improving. An omitted arc `u -> r` has reduced
/// cost `c + p(u) - p(r)`, so the lowest valid `p(r)` and the highest valid
/// `p(u)` remove every violation that is an artefact of the choice of
/// potentials. Each node moves to the end of its feasible interval given its
/// neighbours, and nodes of
/// one layer are never adjacent, so a whole layer can move at once.
pub(crate) fn tighten_potentials(
    problem: &FlowProblem,
    flow: &[i64],
    potentials: &mut [i64],
    layers: &Layers,
) {
    // Residual arcs as (tail, head, cost): forward while below capacity,
    // backward while carrying flow.
    let residual_arcs = || {
        problem.arcs.iter().zip(flow).flat_map(|(arc, &f)| {
            let forward =
                (f < arc.capacity).then_some((arc.tail as usize, arc.head as usize, arc.cost));
            let backward = (f > 0).then_some((arc.head as usize, arc.tail as usize, -arc.cost));
            forward.into_iter().chain(backward)
        })
    };
    for _ in 0..2 {
        // Lowest p(r) with c + p(r) - p(w) >= 0 on every residual arc r -> w.
        let mut lowest = vec![i64::MIN; potentials.len()];
        for (tail, head, cost) in residual_arcs() {
            if layers.mentors.contains(&tail) {
                lowest[tail] = lowest[tail].max(potentials[head] - cost);
            }
        }
        for r in layers.mentors.clone() {
            if lowest[r] != i64::MIN {
                potentials[r] = lowest[r];
            }
        }
        for layer in [&layers.mentees, &layers.sub_nodes] {
            // Highest p(v) with c + p(u) - p(v) >= 0 on every residual arc u -> v.
            let mut highest = vec![i64::MAX; potentials.len()];
            for (tail, head, cost) in residual_arcs() {
                if layer.contains(&head) {
                    highest[head] = highest[head].min(potentials[tail] + cost);
                }
            }
            for v in layer.clone() {
                if highest[v] != i64::MAX {
                    potentials[v] = highest[v];
                }
            }
        }
    }
}

/// Node ranges of the matcher's network, by layer.
#[derive(Debug, Clone)]
pub(crate) struct Layers {
    pub mentees: std::ops::Range<usize>,
    pub sub_nodes: std::ops::Range<usize>,
    pub mentors: std::ops::Range<usize>,
}
