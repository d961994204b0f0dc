//! Turning an optimal flow back into matched pairs.

use mentor_match_model::{CustomRuleSummary, MatchResult, MatchedPair, RuleConfig};

use crate::candidates::{CandidateGraph, PairScorer};
use crate::compile::CompiledRoster;
use crate::flow::FlowSolution;
use crate::network::MatchNetwork;

/// Reads the matched pairs off the flow, adds the pinned pairs, and orders
/// them by mentor id, then mentee id, with roster indices.
///
/// A mentee's same-profession matches get the profession slot points in
/// order of their other points (highest first), then mentor id. The slot
/// points never increase, so this order does not change the total.
pub(crate) fn assemble(
    roster: &CompiledRoster,
    candidates: &CandidateGraph,
    network: &MatchNetwork,
    solution: &FlowSolution,
    rules: &RuleConfig,
) -> MatchResult {
    let scorer = PairScorer::new(roster, rules);
    let mut positional: Vec<(usize, usize, MatchedPair)> = Vec::new();
    let mut pinned_by_mentee: Vec<Vec<usize>> = vec![Vec::new(); roster.mentees.len()];
    for &(mentor, mentee) in &roster.pinned_pairs {
        pinned_by_mentee[mentee as usize].push(mentor as usize);
    }
    for (mentee, pinned_mentors) in pinned_by_mentee.iter().enumerate() {
        let mut same_profession: Vec<(usize, MatchedPair)> = Vec::new();
        let matched = candidates
            .range(mentee)
            .filter(|&c| solution.flow[network.layout.pair_arc[c] as usize] != 0)
            .map(|c| (candidates.mentor[c] as usize, false));
        let pinned = pinned_mentors.iter().map(|&mentor| (mentor, true));
        for (mentor, is_pinned) in matched.chain(pinned) {
            // The candidate graph and the pins contain only pairs the scorer
            // allows.
            let Some(breakdown) = scorer.score(mentor, mentee) else { continue };
            let pair = MatchedPair {
                mentor: roster.mentors.roster_index[mentor],
                mentee: roster.mentees.roster_index[mentee],
                score: breakdown.total(),
                breakdown,
                pinned: is_pinned,
            };
            if scorer.same_profession(mentor, mentee) {
                same_profession.push((mentor, pair));
            } else {
                positional.push((mentor, mentee, pair));
            }
        }
        same_profession.sort_by(|(a_mentor, a), (b_mentor, b)| {
            b.score.cmp(&a.score).then(a_mentor.cmp(b_mentor))
        });
        for (slot, (mentor, mut pair)) in same_profession.into_iter().enumerate() {
            pair.breakdown.profession = rules.profession_points_for_slot(slot);
            pair.score = pair.breakdown.total();
            positional.push((mentor, mentee, pair));
        }
    }
    positional.sort_by_key(|&(mentor, mentee, _)| (mentor, mentee));

    let mut mentor_match_counts = vec![0u32; roster.mentors.len()];
    let mut mentee_match_counts = vec![0u32; roster.mentees.len()];
    let pairs: Vec<MatchedPair> = positional.into_iter().map(|(_, _, pair)| pair).collect();
    for pair in &pairs {
        mentor_match_counts[pair.mentor] += 1;
        mentee_match_counts[pair.mentee] += 1;
    }
    let total_score = pairs.iter().map(|p| p.score).sum();
    MatchResult {
        priority: rules.priority,
        pairs,
        total_score,
        mentor_match_counts,
        mentee_match_counts,
        custom_rules: roster
            .custom
            .rules
            .iter()
            .map(|rule| CustomRuleSummary {
                name: rule.name().to_owned(),
                max_abs_points: rule.max_abs_points(),
            })
            .collect(),
    }
}
