//! Who is eligible for whom: counts and ranks (found by
//! [`scan`](super::scan)), and the constraints that rule the others out.

use std::collections::BTreeMap;

use mentor_match_model::{Constraint, PairRank, Removal, Role};

use super::context::Context;

/// Eligible candidates of every participant, by position.
pub(crate) struct Eligibility {
    /// Eligible mentors of each mentee, matched ones and pins included.
    pub mentee_eligible: Vec<usize>,
    /// Eligible mentees of each mentor.
    pub mentor_eligible: Vec<usize>,
    /// Rank of each network or pinned pair `(mentee, mentor)` by position.
    pub ranks: BTreeMap<(u32, u32), PairRank>,
}

impl Eligibility {
    /// Returns the rank of a matched pair, by position.
    pub fn rank(&self, mentee: usize, mentor: usize) -> Option<PairRank> {
        self.ranks.get(&(mentee as u32, mentor as u32)).copied()
    }
}

/// Counts the other side's participants by the first constraint that rules
/// each out. Eligible ones matched with the participant count as already
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
        let constraint = match context.allowed.constraint(&context.scorer, mentor, mentee, role) {
            Some(constraint) => constraint,
            None if context.network_matched(mentor, mentee) => Constraint::AlreadyMatched,
            None => continue,
        };
        *counts.entry(constraint).or_default() += 1;
    }
    counts.into_iter().map(|(constraint, count)| Removal { constraint, count }).collect()
}
