//! Explanations of an optimal matching: each pair's rank among the
//! mentee's options, and why a participant has fewer matches than allowed.
//!
//! The stated changes are exact. "Would lower the objective" comes from
//! the cheapest residual cycle through the candidate's pair (see
//! [`forced`]). Re-solving with that pair pinned changes each quantity
//! the priority ranks by exactly as that cycle does.

mod context;
mod eligible;
mod forced;
mod scan;
mod short;

use mentor_match_model::{
    Alternative, Constraint, Explanations, MatchExplanation, MatchResult, ParticipantExplanation,
    Role, RuleConfig, Shortfall, ShortfallReason,
};
use rayon::prelude::*;

use crate::SolveReport;
use crate::candidates::AllowedPairs;
use crate::compile::CompiledRoster;
use context::Context;
use eligible::{Eligibility, removals};
use forced::{DistanceTree, ForcedCycle, Search};

/// Explains every pair and every participant short of matches.
pub(crate) fn explain_all(
    roster: &CompiledRoster,
    rules: &RuleConfig,
    allowed: &AllowedPairs,
    report: &SolveReport,
) -> Explanations {
    let context = Context::new(roster, rules, allowed, report);
    let eligibility = &context.eligibility;
    let pair_ranks = report
        .result
        .pairs
        .iter()
        .map(|pair| {
            let mentor = context.mentor_position[pair.mentor];
            let mentee = context.mentee_position[pair.mentee];
            // Every pair of the result is a network or pinned pair.
            eligibility
                .rank(mentee, mentor)
                .unwrap_or(mentor_match_model::PairRank { rank: 0, eligible: 0 })
        })
        .collect();
    let node_count = report.network.node_count;
    let from_sink =
        Search::new(&context, node_count).distance_tree(&context, context.layout.sink());
    let participants: Vec<(Role, usize)> = (0..roster.mentors.len())
        .map(|position| (Role::Mentor, position))
        .chain((0..roster.mentees.len()).map(|position| (Role::Mentee, position)))
        .collect();
    let shortfalls = participants
        .into_par_iter()
        .map_init(
            || Search::new(&context, node_count),
            |search, (role, position)| {
                shortfall(&context, eligibility, &from_sink, search, role, position)
            },
        )
        .flatten()
        .collect();
    Explanations { pair_ranks, shortfalls }
}

/// Explains one participant, by roster index.
pub(crate) fn explain_one(
    roster: &CompiledRoster,
    rules: &RuleConfig,
    allowed: &AllowedPairs,
    report: &SolveReport,
    role: Role,
    index: usize,
) -> ParticipantExplanation {
    let context = Context::new(roster, rules, allowed, report);
    let eligibility = &context.eligibility;
    let mut search = Search::new(&context, report.network.node_count);
    let from_sink = search.distance_tree(&context, context.layout.sink());
    let position = match role {
        Role::Mentor => context.mentor_position[index],
        Role::Mentee => context.mentee_position[index],
    };
    let matches = match_explanations(&context, eligibility, &report.result, role, index);

    let mut candidates = unmatched_candidates(&context, role, position);
    candidates.sort_by_key(|&(mentor, mentee, value)| {
        let other = if role == Role::Mentor { mentee } else { mentor };
        (-value, other)
    });
    candidates.truncate(ParticipantExplanation::MAX_ALTERNATIVES);
    let alternatives = candidates
        .into_iter()
        .filter_map(|(mentor, mentee, value)| {
            let score = context.scorer.score_total(mentor, mentee)?;
            let same = context.scorer.same_profession(mentor, mentee);
            let seed =
                (mentor as u32, context.pair_reduced_cost(mentor, mentee, score, same), value);
            let tail = context.layout.pair_tail(mentee, same);
            let cycle = search.cheapest_into(&context, mentee, tail, &[seed], i64::MAX)?;
            let other = match role {
                Role::Mentor => roster.mentees.roster_index[mentee],
                Role::Mentee => roster.mentors.roster_index[mentor],
            };
            Some(Alternative { other, score: value, change: checked_change(&context, &cycle) })
        })
        .collect();

    let (eligible, capacity) = match role {
        Role::Mentor => (eligibility.mentor_eligible[position], context.mentor_capacity(position)),
        Role::Mentee => (eligibility.mentee_eligible[position], context.mentee_capacity(position)),
    };
    let removed = removals(&context, role, position)
        .into_iter()
        .filter(|removal| removal.constraint != Constraint::AlreadyMatched)
        .collect();
    let shortfall = shortfall(&context, eligibility, &from_sink, &mut search, role, position)
        .map(|shortfall| shortfall.reason);
    ParticipantExplanation {
        role,
        participant: index,
        capacity,
        matches,
        eligible,
        alternatives,
        removed,
        shortfall,
    }
}

/// Returns the participant's matches with points and ranks, in id order of
/// the other side.
fn match_explanations(
    context: &Context<'_>,
    eligibility: &Eligibility,
    result: &MatchResult,
    role: Role,
    index: usize,
) -> Vec<MatchExplanation> {
    let mut matches: Vec<(usize, MatchExplanation)> = result
        .pairs
        .iter()
        .filter(|pair| match role {
            Role::Mentor => pair.mentor == index,
            Role::Mentee => pair.mentee == index,
        })
        .map(|pair| {
            let mentor = context.mentor_position[pair.mentor];
            let mentee = context.mentee_position[pair.mentee];
            let (other, other_position) = match role {
                Role::Mentor => (pair.mentee, mentee),
                Role::Mentee => (pair.mentor, mentor),
            };
            let rank = eligibility
                .rank(mentee, mentor)
                .unwrap_or(mentor_match_model::PairRank { rank: 0, eligible: 0 });
            let explanation = MatchExplanation {
                other,
                score: pair.score,
                breakdown: pair.breakdown.clone(),
                rank,
                pinned: pair.pinned,
            };
            (other_position, explanation)
        })
        .collect();
    matches.sort_by_key(|(position, _)| *position);
    matches.into_iter().map(|(_, explanation)| explanation).collect()
}

/// Returns the eligible pairs `(mentor, mentee, standalone value)` of a
/// participant that are not matched.
fn unmatched_candidates(
    context: &Context<'_>,
    role: Role,
    position: usize,
) -> Vec<(usize, usize, i64)> {
    let mut candidates = Vec::new();
    match role {
        Role::Mentee => {
            context.allowed.for_each(&context.scorer, position, |mentor, score, same| {
                if !context.network_matched(mentor as usize, position) {
                    candidates.push((
                        mentor as usize,
                        position,
                        context.standalone_value(score, same),
                    ));
                }
            });
        }
        // Pinned pairs fill a mentor with no room left, and the network has
        // no arc into it to force a pair through.
        Role::Mentor if context.roster.mentors.capacity[position] == 0 => {}
        Role::Mentor => {
            for (mentee, score, same) in unmatched_mentees(context, position) {
                candidates.push((position, mentee, context.standalone_value(score, same)));
            }
        }
    }
    candidates
}

/// Iterates over the mentees eligible for `mentor` and not matched with
/// it, as `(mentee, score, same profession)`.
fn unmatched_mentees<'c>(
    context: &'c Context<'_>,
    mentor: usize,
) -> impl Iterator<Item = (usize, i64, bool)> + 'c {
    (0..context.roster.mentees.len()).filter_map(move |mentee| {
        let allowed = context.allowed.constraint(&context.scorer, mentor, mentee, Role::Mentor);
        if allowed.is_some() || context.network_matched(mentor, mentee) {
            return None;
        }
        let score = context.scorer.score_total(mentor, mentee)?;
        Some((mentee, score, context.scorer.same_profession(mentor, mentee)))
    })
}

/// Returns why a participant has fewer matches than allowed, or `None` when
/// they are full.
fn shortfall(
    context: &Context<'_>,
    eligibility: &Eligibility,
    from_sink: &DistanceTree,
    search: &mut Search,
    role: Role,
    position: usize,
) -> Option<Shortfall> {
    let (capacity, matches, eligible, others, roster_index) = match role {
        Role::Mentor => (
            context.mentor_capacity(position),
            context.mentor_matches[position],
            eligibility.mentor_eligible[position],
            context.roster.mentees.len(),
            context.roster.mentors.roster_index[position],
        ),
        Role::Mentee => (
            context.mentee_capacity(position),
            context.mentee_matches[position],
            eligibility.mentee_eligible[position],
            context.roster.mentors.len(),
            context.roster.mentees.roster_index[position],
        ),
    };
    if matches >= capacity {
        return None;
    }
    let unmatched_eligible = eligible.saturating_sub(matches as usize);
    let reason = if unmatched_eligible == 0 {
        let removed = removals(context, role, position);
        if removed.iter().any(|removal| removal.constraint == Constraint::Excluded) {
            ShortfallReason::Excluded { others, removed }
        } else {
            ShortfallReason::NoEligibleCandidate { others, removed }
        }
    } else {
        let Some(cycle) = cheapest_forced(context, from_sink, search, role, position) else {
            // Every eligible pair closes a cycle through the sink -> source
            // arc, so this needs a bug; leaving the participant out beats
            // stating a wrong reason.
            debug_assert!(false, "no residual cycle through an eligible pair");
            return None;
        };
        let change = checked_change(context, &cycle);
        let candidate = match role {
            Role::Mentor => context.roster.mentees.roster_index[cycle.mentee as usize],
            Role::Mentee => context.roster.mentors.roster_index[cycle.mentor as usize],
        };
        let eligible = unmatched_eligible;
        if cycle.cost == 0 {
            ShortfallReason::EquallyGood { candidate, eligible, change }
        } else {
            ShortfallReason::WouldLowerObjective { candidate, eligible, change }
        }
    };
    Some(Shortfall { role, participant: roster_index, matches, capacity, reason })
}

/// Returns the cheapest cycle that forces one of the participant's
/// unmatched eligible pairs in.
///
/// The cheapest short cycle ([`short`]) bounds the exact search, which then
/// only has to find a strictly cheaper one.
fn cheapest_forced(
    context: &Context<'_>,
    from_sink: &DistanceTree,
    search: &mut Search,
    role: Role,
    position: usize,
) -> Option<ForcedCycle> {
    match role {
        Role::Mentor => {
            let candidates: Vec<(u32, i64, bool, i64)> = unmatched_mentees(context, position)
                .map(|(mentee, score, same)| {
                    let reduced = context.pair_reduced_cost(position, mentee, score, same);
                    (mentee as u32, reduced, same, context.standalone_value(score, same))
                })
                .collect();
            let node = context.layout.mentor_node(position as u32);
            let mut bounded = short::for_mentor(context, position, &candidates);
            // Cycles that leave the mentor towards the sink: the arc to the
            // sink, then the sink's shortest path to the pair's tail.
            let leave = context.to_sink[node];
            for &(mentee, reduced, same, value) in &candidates {
                let tail = context.layout.pair_tail(mentee as usize, same);
                let cost = leave.saturating_add(from_sink.distance(tail)).saturating_add(reduced);
                let key = (cost, -value, mentee);
                if cost == i64::MAX || bounded.as_ref().is_some_and(|(best, _)| key >= *best) {
                    continue;
                }
                // A tree path through the mentor itself closes the cycle
                // there: the loop cut off costs 0, because no cycle through
                // the forced arc costs less than this one.
                let mut added = vec![(mentee, position as u32)];
                let mut removed = Vec::new();
                from_sink.path_steps(tail, node, &mut added, &mut removed);
                let cycle = ForcedCycle { mentee, mentor: position as u32, cost, added, removed };
                bounded = Some((key, cycle));
            }
            let bounded = bounded.map(|(_, cycle)| cycle);
            let bound = bounded.as_ref().map_or(i64::MAX, |cycle| cycle.cost);
            // The other cycles unmatch one of the mentor's mentees first.
            let unmatch = context.arcs[context.first_out[node]..context.first_out[node + 1]]
                .iter()
                .filter(|arc| matches!(arc.step, context::Step::Unmatch(..)))
                .map(|arc| arc.reduced_cost)
                .min();
            let lowest = candidates
                .iter()
                .map(|&(mentee, reduced, same, _)| {
                    let tail = context.layout.pair_tail(mentee as usize, same);
                    reduced.saturating_add(context.min_in[tail])
                })
                .min()
                .zip(unmatch)
                .map_or(i64::MAX, |(enter, leave)| enter.saturating_add(leave));
            if lowest >= bound {
                return bounded;
            }
            search.cheapest_from_mentor(context, position, bound).or(bounded)
        }
        Role::Mentee => {
            // A same-profession pair's arc leaves the profession sub-node,
            // so those pairs close their cycles there, in a search of their
            // own.
            let mut seeds: [Vec<(u32, i64, i64)>; 2] = [Vec::new(), Vec::new()];
            context.allowed.for_each(&context.scorer, position, |mentor, score, same| {
                if !context.network_matched(mentor as usize, position) {
                    let reduced = context.pair_reduced_cost(mentor as usize, position, score, same);
                    seeds[usize::from(same)].push((
                        mentor,
                        reduced,
                        context.standalone_value(score, same),
                    ));
                }
            });
            let mut best: Option<((i64, i64, u32), ForcedCycle)> = None;
            let keep = |best: &mut Option<_>, candidate: Option<((i64, i64, u32), ForcedCycle)>| {
                if let Some((key, cycle)) = candidate
                    && best.as_ref().is_none_or(|(best_key, _)| key < *best_key)
                {
                    *best = Some((key, cycle));
                }
            };
            for (same, seeds) in seeds.iter().enumerate() {
                keep(&mut best, short::for_mentee(context, position, same == 1, seeds));
            }
            // A cycle through a seed's arc also leaves its mentor and enters
            // the tail, which bounds its cost from below.
            let lower_bound = |same: usize, &(mentor, reduced, _): &(u32, i64, i64)| {
                let tail = context.layout.pair_tail(position, same == 1);
                reduced
                    .saturating_add(context.min_out[context.layout.mentor_node(mentor)])
                    .saturating_add(context.min_in[tail])
            };
            for (same, seeds) in seeds.iter_mut().enumerate() {
                let bound = best.as_ref().map_or(i64::MAX, |(key, _)| key.0);
                seeds.retain(|seed| lower_bound(same, seed) < bound);
                if seeds.is_empty() {
                    continue;
                }
                let tail = context.layout.pair_tail(position, same == 1);
                let found = search.cheapest_into(context, position, tail, seeds, bound);
                keep(
                    &mut best,
                    found.map(|cycle| {
                        let value = seeds
                            .iter()
                            .find(|seed| seed.0 == cycle.mentor)
                            .map_or(0, |seed| seed.2);
                        ((cycle.cost, -value, cycle.mentor), cycle)
                    }),
                );
            }
            best.map(|(_, cycle)| cycle)
        }
    }
}

/// Returns the cycle's change in the priorities' quantities, checked in
/// debug builds against the cycle's cost.
fn checked_change(
    context: &Context<'_>,
    cycle: &ForcedCycle,
) -> mentor_match_model::ObjectiveChange {
    let change = context.change(&cycle.added, &cycle.removed);
    debug_assert_eq!(
        context.weighted(&change),
        -i128::from(cycle.cost),
        "the change {change:?} disagrees with the cycle's cost"
    );
    change
}
