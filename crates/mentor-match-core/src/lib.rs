//! Exact mentor/mentee matching.
//!
//! [`match_roster`] finds matches that are optimal, not approximately so,
//! under a [`RuleConfig`] and its [`Priority`]: the best total score, or the
//! most mentees matched, with the lexicographic tie-breaks described on
//! [`Priority`]. It never touches files; `mentor-match-io` reads and writes
//! them.
//!
//! # How it works
//!
//! 1. The roster is compiled into flat arrays of attribute ids (grade index,
//!    interned organisation and profession, characteristic bitsets) in
//!    participant-id order, so results do not depend on input row order.
//! 2. Allowed pairs are scored in parallel (rayon) into a compressed sparse
//!    row graph, visiting only mentors at an allowed seniority gap.
//! 3. The capacitated matching (a b-matching) becomes a min-cost flow
//!    network whose per-unit costs encode every rule exactly, including the
//!    profession slot points and the lexicographic priorities.
//! 4. [`flow::solve`] finds a min-cost flow of any value and node potentials
//!    that certify its optimality.
//!
//! The workspace's `docs/ALGORITHM.md` gives the network, the proof of
//! exactness and the overflow bounds.
//!
//! # Example
//!
//! ```
//! use mentor_match_core::match_roster;
//! use mentor_match_model::{Exclusions, Participant, Priority, RuleConfig, Roster};
//!
//! let person = |email: &str, grade: &str, organisation: &str| {
//!     Participant::new("First", "Last", email)
//!         .with_grade(grade)
//!         .with_organisation(organisation)
//!         .with_profession("Policy")
//! };
//! let mentors = vec![person("m1@example.org", "Grade 7", "Treasury"), person("m2@example.org", "Grade 6", "Home Office")];
//! let mentees = vec![person("e1@example.org", "SEO", "Home Office")];
//! let roster = Roster::new(mentors, mentees)?;
//!
//! let result = match_roster(&roster, &RuleConfig::default(), &Exclusions::new())?;
//! // m1 is one grade above (9 points); m2 is in the mentee's organisation.
//! assert_eq!(result.pairs.len(), 1);
//! assert_eq!(result.pairs[0].mentor, 0);
//! assert_eq!(result.total_score, 9 + 10);
//! assert_eq!(result.priority, Priority::BestMatches);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

mod assemble;
mod candidates;
mod compile;
pub mod dimacs;
mod error;
pub mod flow;
mod network;
mod objective;
mod pricing;

#[doc(no_inline)]
pub use mentor_match_model::Priority;
use mentor_match_model::{Exclusions, MatchResult, Roster, RuleConfig};
use tracing::{debug, info_span};

pub use error::MatchError;

use std::borrow::Cow;

use crate::candidates::{AllowedPairs, CandidateGraph, PairScorer};
use crate::compile::CompiledRoster;
use crate::flow::{FlowProblem, FlowSolution};
use crate::network::MatchNetwork;

/// Matches a roster optimally under `rules`, never pairing a participant
/// with themselves (same id on both sides) or any pair in `exclusions`.
///
/// This is [`Matcher::new`] followed by [`Matcher::solve`]. The result is
/// the same, byte for byte once serialised, whatever the order of the
/// roster's rows and whatever the number of rayon threads.
///
/// # Errors
///
/// [`MatchError::InvalidConfig`] for invalid rules, [`MatchError::UnknownGrade`]
/// for a grade missing from the ladder, and [`MatchError::TooLarge`] when
/// the instance would overflow the solver's 64-bit costs.
pub fn match_roster(
    roster: &Roster,
    rules: &RuleConfig,
    exclusions: &Exclusions,
) -> Result<MatchResult, MatchError> {
    Matcher::new(roster, rules, exclusions)?.solve()
}

/// Largest number of mentors, and of mentees, that [`Matcher`] accepts.
///
/// At this size the objective weights of both priorities fit in `i64` with
/// the default rules, with room to spare for the solver's potentials (see
/// `docs/ALGORITHM.md`). Rules with much larger points can overflow sooner,
/// which [`MatchError::TooLarge`] reports.
pub const MAX_PARTICIPANTS_PER_SIDE: usize = 100_000;

/// A roster compiled and scored under a set of rules, ready to solve.
///
/// Splitting the two stages lets callers time or inspect the scoring (for
/// example the number of allowed pairs) before solving.
#[derive(Debug, Clone)]
pub struct Matcher<'a> {
    rules: &'a RuleConfig,
    compiled: CompiledRoster,
    allowed: AllowedPairs,
    candidates: CandidateGraph,
    candidate_limit: Option<usize>,
}

/// Result of [`Matcher::solve_detailed`]: the matching and the final flow
/// network with its certified solution.
#[derive(Debug, Clone)]
pub struct SolveReport {
    /// The optimal matching.
    pub result: MatchResult,
    /// The last flow network solved: every allowed pair's arc, or the
    /// candidate pairs when the pricing rounds proved the others unneeded.
    pub network: FlowProblem,
    /// The optimal flow on `network` with its potentials.
    pub flow: FlowSolution,
    /// Number of times the network was solved (1 when no omitted pair was
    /// needed).
    pub rounds: usize,
    /// Number of allowed pairs.
    pub allowed_pairs: usize,
    /// Number of pairs in the final network.
    pub candidate_pairs: usize,
}

impl<'a> Matcher<'a> {
    /// Candidates kept per mentee before the first solve, by default.
    ///
    /// Any value gives the same optimal result, because pairs left out are
    /// priced against the optimal potentials and added back when they could
    /// improve the objective. This value only trades the size of each solve
    /// against the number of solves.
    pub const DEFAULT_CANDIDATE_LIMIT: usize = 64;

    /// Validates the rules, compiles the roster and scores every allowed
    /// pair, keeping [`Matcher::DEFAULT_CANDIDATE_LIMIT`] candidates per
    /// mentee for the first solve.
    ///
    /// # Errors
    ///
    /// [`MatchError::InvalidConfig`] and [`MatchError::UnknownGrade`].
    ///
    /// # Complexity
    ///
    /// Linear in the number of mentor/mentee pairs at an allowed grade gap,
    /// spread over the rayon thread pool, plus sorting both sides by id.
    pub fn new(
        roster: &Roster,
        rules: &'a RuleConfig,
        exclusions: &Exclusions,
    ) -> Result<Self, MatchError> {
        Matcher::with_candidate_limit(
            roster,
            rules,
            exclusions,
            Some(Matcher::DEFAULT_CANDIDATE_LIMIT),
        )
    }

    /// Like [`Matcher::new`], keeping at most `limit` candidates per mentee
    /// for the first solve, or every allowed pair for `None`. The result
    /// does not depend on the limit.
    ///
    /// # Errors
    ///
    /// As [`Matcher::new`].
    pub fn with_candidate_limit(
        roster: &Roster,
        rules: &'a RuleConfig,
        exclusions: &Exclusions,
        limit: Option<usize>,
    ) -> Result<Self, MatchError> {
        rules.validate()?;
        let (n_mentors, n_mentees) = (roster.mentors().len(), roster.mentees().len());
        if n_mentors > MAX_PARTICIPANTS_PER_SIDE || n_mentees > MAX_PARTICIPANTS_PER_SIDE {
            return Err(MatchError::TooManyParticipants { mentors: n_mentors, mentees: n_mentees });
        }
        let compiled = {
            let _span = info_span!("compile").entered();
            CompiledRoster::new(roster, rules)?
        };
        let allowed = AllowedPairs::new(&compiled, rules, exclusions);
        let candidates = {
            let _span = info_span!("score").entered();
            CandidateGraph::build(&PairScorer::new(&compiled, rules), &allowed, rules, limit)
        };
        debug!(
            allowed = candidates.allowed_count,
            candidates = candidates.len(),
            "scored allowed pairs"
        );
        Ok(Matcher { rules, compiled, allowed, candidates, candidate_limit: limit })
    }

    /// Returns the number of allowed mentor/mentee pairs.
    pub fn allowed_pair_count(&self) -> usize {
        self.candidates.allowed_count
    }

    /// Finds an optimal matching.
    ///
    /// # Errors
    ///
    /// [`MatchError::TooLarge`] when the costs could overflow.
    pub fn solve(&self) -> Result<MatchResult, MatchError> {
        Ok(self.solve_detailed()?.result)
    }

    /// Finds an optimal matching and returns it with the network it was
    /// solved on.
    ///
    /// # Errors
    ///
    /// [`MatchError::TooLarge`] when the costs could overflow.
    pub fn solve_detailed(&self) -> Result<SolveReport, MatchError> {
        let scorer = PairScorer::new(&self.compiled, self.rules);
        let mut candidates = Cow::Borrowed(&self.candidates);
        let mut rounds = 0;
        loop {
            rounds += 1;
            let network = MatchNetwork::build(&self.compiled, &candidates, self.rules)?;
            let mut solution = {
                let _span = info_span!("solve", round = rounds).entered();
                // The network is acyclic and built from valid node numbers, so
                // neither `FlowError` can occur.
                flow::solve(&network.problem)
                    .expect("the matcher's network is well formed and acyclic")
            };
            pricing::tighten_potentials(
                &network.problem,
                &solution.flow,
                &mut solution.potentials,
                &network.layers(),
            );
            debug_assert_eq!(solution.check_optimality(&network.problem), Ok(()));
            debug!(
                round = rounds,
                flow = solution.value,
                cost = solution.cost,
                phases = solution.phases,
                "solved"
            );

            let (violations, violation_count) = if candidates.len() == candidates.allowed_count {
                (Vec::new(), 0)
            } else {
                let _span = info_span!("price", round = rounds).entered();
                // Adding several times the initial limit per round trades a
                // larger network for fewer rounds, which measured faster on
                // synthetic rosters of 2,000 to 10,000 a side.
                let per_mentee =
                    self.candidate_limit.unwrap_or(usize::MAX).max(1).saturating_mul(4);
                pricing::find_violations(
                    &scorer,
                    &self.allowed,
                    &candidates,
                    &network,
                    &solution.potentials,
                    per_mentee,
                )
            };
            if violation_count == 0 {
                let result = assemble::assemble(
                    &self.compiled,
                    &candidates,
                    &network,
                    &solution,
                    self.rules,
                );
                debug_assert_eq!(
                    solution.cost,
                    -network.weights.objective(&result),
                    "flow cost and decoded result disagree"
                );
                return Ok(SolveReport {
                    result,
                    network: network.problem,
                    flow: solution,
                    rounds,
                    allowed_pairs: candidates.allowed_count,
                    candidate_pairs: candidates.len(),
                });
            }
            debug!(
                round = rounds,
                violations = violation_count,
                "omitted pairs could improve the result"
            );
            candidates = Cow::Owned(candidates.with_added(&violations));
        }
    }
}
