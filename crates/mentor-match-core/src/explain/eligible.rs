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

/// What one pass over a mentee's allowed pairs finds: its number of
/// eligible mentors and the ranks of its matched pairs.
struct MenteeFindings {
    mentee: usize,
    eligible: usize,
    ranks: Vec<((u32, u32), PairRank)>,
}

/// One thread's share of the pass: mentor counts and mentee findings.
type Partial = (Vec<usize>, Vec<MenteeFindings>);

impl Eligibility {
    /// Enumerates every allowed pair once, in parallel over mentees.
    pub fn new(context: &Context<'_>) -> Self {
        let n_mentors = context.roster.mentors.len();
        let n_mentees = context.roster.mentees.len();
        let merge = |(mut counts, mut findings): Partial, (more_counts, more_findings): Partial| {
            counts.iter_mut().zip(more_counts).for_each(|(count, more)| *count += more);
            findings.extend(more_findings);
            (counts, findings)
        };
        let (mentor_eligible, mut findings) = (0..n_mentees)
            .into_par_iter()
            .fold(
                || (vec![0usize; n_mentors], Vec::new()),
                |(mut counts, mut findings): Partial, mentee| {
                    findings.push(mentee_findings(context, mentee, &mut counts));
                    (counts, findings)
                },
            )
            .reduce(|| (vec![0usize; n_mentors], Vec::new()), merge);
        findings.sort_unstable_by_key(|found| found.mentee);
        let mut ranks = BTreeMap::new();
        let mut mentee_eligible = Vec::with_capacity(n_mentees);
        for found in findings {
            mentee_eligible.push(found.eligible);
            ranks.extend(found.ranks);
        }
        Eligibility { mentee_eligible, mentor_eligible, ranks }
    }

    /// Returns the rank of a matched pair, by position.
    pub fn rank(&self, mentee: usize, mentor: usize) -> Option<PairRank> {
        self.ranks.get(&(mentee as u32, mentor as u32)).copied()
    }
}

/// Enumerates a mentee's eligible mentors: counts them, adds one to each
/// mentor's count where the mentee has room, and ranks the mentee's
/// matched pairs.
///
/// A mentee with no room left still has eligible mentors (the ones it
/// could have had), but is no candidate for any mentor.
fn mentee_findings(
    context: &Context<'_>,
    mentee: usize,
    mentor_counts: &mut [usize],
) -> MenteeFindings {
    let has_room = context.roster.mentees.capacity[mentee] > 0;
    let mut values = Vec::new();
    let scorer = &context.scorer;
    context.allowed.for_each_ignoring_own_room(scorer, mentee, |mentor, score, same| {
        values.push(context.standalone_value(score, same));
        if has_room {
            mentor_counts[mentor as usize] += 1;
        }
    });
    let pinned = context.allowed.pinned_mentors(mentee);
    for &mentor in pinned {
        values.push(pair_value(context, mentor as usize, mentee));
        mentor_counts[mentor as usize] += 1;
    }
    let eligible = values.len();
    let ranks = context.network_matches[mentee]
        .iter()
        .chain(pinned)
        .map(|&mentor| {
            let own = pair_value(context, mentor as usize, mentee);
            let rank = 1 + values.iter().filter(|&&value| value > own).count();
            ((mentee as u32, mentor), PairRank { rank, eligible })
        })
        .collect();
    MenteeFindings { mentee, eligible, ranks }
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
