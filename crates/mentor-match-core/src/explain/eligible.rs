//! Who is eligible for whom: counts, ranks and the constraints that rule
//! the others out.

use std::collections::BTreeMap;

use mentor_match_model::{Constraint, PairRank, Removal, Role};
use rayon::prelude::*;

use super::context::Context;

/// Eligible candidates of every participant, by position.
pub(crate) struct Eligibility {
    /// Eligible mentors of each mentee, matched ones and pins included.
    pub mentee_eligible: Vec<usize>,
    /// Eligible mentees of each mentor.
    pub mentor_eligible: Vec<usize>,
    /// Rank of each network or pinned pair `(mentee, mentor)` by position.
    ranks: BTreeMap<(u32, u32), PairRank>,
}

impl Eligibility {
    /// Enumerates every allowed pair once, in parallel over mentees.
    pub fn new(context: &Context<'_>) -> Self {
        let n_mentors = context.roster.mentors.len();
        let per_mentee: Vec<(usize, Vec<((u32, u32), PairRank)>)> =
            (0..context.roster.mentees.len())
                .into_par_iter()
                .map(|mentee| {
                    let mut values = Vec::new();
                    let mut eligible_mentors = Vec::new();
                    let scorer = &context.scorer;
                    context.allowed.for_each_ignoring_own_room(
                        scorer,
                        mentee,
                        |mentor, score, same| {
                            values.push(context.standalone_value(score, same));
                            eligible_mentors.push(mentor);
                        },
                    );
                    let matched: Vec<u32> = context.network_matches[mentee]
                        .iter()
                        .chain(context.allowed.pinned_mentors(mentee))
                        .copied()
                        .collect();
                    for &mentor in context.allowed.pinned_mentors(mentee) {
                        values.push(pair_value(context, mentor as usize, mentee));
                        eligible_mentors.push(mentor);
                    }
                    let eligible = values.len();
                    let ranks = matched
                        .iter()
                        .map(|&mentor| {
                            let own = pair_value(context, mentor as usize, mentee);
                            let rank = 1 + values.iter().filter(|&&value| value > own).count();
                            ((mentee as u32, mentor), PairRank { rank, eligible })
                        })
                        .collect();
                    (eligible, ranks)
                })
                .collect();
        let mentor_eligible = (0..context.roster.mentees.len())
            .into_par_iter()
            .fold(
                || vec![0usize; n_mentors],
                |mut counts, mentee| {
                    context.allowed.for_each(&context.scorer, mentee, |mentor, _, _| {
                        counts[mentor as usize] += 1;
                    });
                    for &mentor in context.allowed.pinned_mentors(mentee) {
                        counts[mentor as usize] += 1;
                    }
                    counts
                },
            )
            .reduce(
                || vec![0usize; n_mentors],
                |mut a, b| {
                    a.iter_mut().zip(b).for_each(|(a, b)| *a += b);
                    a
                },
            );
        let mut ranks = BTreeMap::new();
        let mut mentee_eligible = Vec::with_capacity(per_mentee.len());
        for (eligible, list) in per_mentee {
            mentee_eligible.push(eligible);
            ranks.extend(list);
        }
        Eligibility { mentee_eligible, mentor_eligible, ranks }
    }

    /// Returns the rank of a matched pair, by position.
    pub fn rank(&self, mentee: usize, mentor: usize) -> Option<PairRank> {
        self.ranks.get(&(mentee as u32, mentor as u32)).copied()
    }
}

/// Returns a matched pair's standalone value; pairs here are allowed.
fn pair_value(context: &Context<'_>, mentor: usize, mentee: usize) -> i64 {
    let score = context.scorer.score_total(mentor, mentee).unwrap_or(0);
    context.standalone_value(score, context.scorer.same_profession(mentor, mentee))
}

/// Counts the other side's participants by the first constraint that rules
/// each out; eligible ones matched with the participant count as already
/// matched, and other eligible ones are not counted.
pub(crate) fn removals(context: &Context<'_>, role: Role, position: usize) -> Vec<Removal> {
    let mut counts: BTreeMap<Constraint, usize> = BTreeMap::new();
    let others = match role {
        Role::Mentor => context.roster.mentees.len(),
        Role::Mentee => context.roster.mentors.len(),
    };
    for other in 0..others {
        let (mentor, mentee) = match role {
            Role::Mentor => (position, other),
            Role::Mentee => (other, position),
        };
        let constraint = match context.allowed.constraint(&context.scorer, mentor, mentee) {
            Some(constraint) => constraint,
            None if context.network_matched(mentor, mentee) => Constraint::AlreadyMatched,
            None => continue,
        };
        *counts.entry(constraint).or_default() += 1;
    }
    counts.into_iter().map(|(constraint, count)| Removal { constraint, count }).collect()
}
