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
mod error;
pub mod flow;
mod network;
mod objective;

#[doc(no_inline)]
pub use mentor_match_model::Priority;
use mentor_match_model::{Exclusions, MatchResult, Roster, RuleConfig};
use tracing::{debug, info_span};

pub use error::MatchError;

use crate::candidates::CandidateGraph;
use crate::compile::CompiledRoster;
use crate::flow::FlowProblem;
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

/// A roster compiled and scored under a set of rules, ready to solve.
///
/// Splitting the two stages lets callers time or inspect the scoring (for
/// example the number of allowed pairs) before solving, and reuse one
/// scoring for several solves.
#[derive(Debug, Clone)]
pub struct Matcher<'a> {
    rules: &'a RuleConfig,
    compiled: CompiledRoster,
    candidates: CandidateGraph,
}

impl<'a> Matcher<'a> {
    /// Validates the rules, compiles the roster and scores every allowed
    /// pair.
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
        rules.validate()?;
        let compiled = {
            let _span = info_span!("compile").entered();
            CompiledRoster::new(roster, rules)?
        };
        let candidates = {
            let _span = info_span!("score").entered();
            CandidateGraph::build(&compiled, rules, exclusions)
        };
        debug!(pairs = candidates.len(), "scored allowed pairs");
        Ok(Matcher { rules, compiled, candidates })
    }

    /// Returns the number of allowed mentor/mentee pairs.
    pub fn allowed_pair_count(&self) -> usize {
        self.candidates.len()
    }

    /// Returns the min-cost flow network that [`Matcher::solve`] solves.
    ///
    /// # Errors
    ///
    /// [`MatchError::TooLarge`] when the costs could overflow.
    pub fn flow_problem(&self) -> Result<FlowProblem, MatchError> {
        Ok(MatchNetwork::build(&self.compiled, &self.candidates, self.rules)?.problem)
    }

    /// Finds an optimal matching.
    ///
    /// # Errors
    ///
    /// [`MatchError::TooLarge`] when the costs could overflow.
    pub fn solve(&self) -> Result<MatchResult, MatchError> {
        let network = MatchNetwork::build(&self.compiled, &self.candidates, self.rules)?;
        let solution = {
            let _span = info_span!("solve").entered();
            // The network is acyclic and built from valid node numbers, so
            // neither `FlowError` can occur.
            flow::solve(&network.problem).expect("the matcher's network is well formed and acyclic")
        };
        debug_assert_eq!(solution.check_optimality(&network.problem), Ok(()));
        debug!(flow = solution.value, cost = solution.cost, "solved");

        let result =
            assemble::assemble(&self.compiled, &self.candidates, &network, &solution, self.rules);
        debug_assert_eq!(
            solution.cost,
            -network.weights.objective(&result),
            "flow cost and decoded result disagree"
        );
        Ok(result)
    }
}
