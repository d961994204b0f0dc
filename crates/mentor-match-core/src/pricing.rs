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
    let weight = network.weights.score;
    let per_mentee_lists: Vec<(Vec<Candidate>, usize)> = (0..scorer.roster.mentees.len())
        .into_par_iter()
        .map(|mentee| {
            let mut violations: Vec<(i64, Candidate)> = Vec::new();
            allowed.for_each(scorer, mentee, |mentor, score, same| {
                let tail = network.pair_tail(mentee, same);
                let reduced =
                    -weight * score + potentials[tail] - potentials[network.mentor_node(mentor)];
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
            (violations.into_iter().map(|(_, candidate)| candidate).collect(), count)
        })
        .collect();
    let total = per_mentee_lists.iter().map(|(_, count)| count).sum();
    (per_mentee_lists.into_iter().map(|(list, _)| list).collect(), total)
}
