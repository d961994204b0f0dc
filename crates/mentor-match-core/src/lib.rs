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
//! Pinned pairs and custom rules ([`PairRule`]) are set with
//! [`Matcher::builder`]. The workspace's `docs/ALGORITHM.md` gives the
//! network, the proof of exactness and the overflow bounds.
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
mod components;
pub mod dimacs;
mod error;
mod explain;
pub mod flow;
mod network;
mod objective;
mod pins;
mod pricing;
mod rules;
mod select;
mod simplex;

#[doc(no_inline)]
pub use mentor_match_model::Priority;
use mentor_match_model::{
    BUILT_IN_RULE_NAMES, Exclusions, Explanations, MAX_ABS_POINTS, MatchResult,
    ParticipantExplanation, Pins, Role, Roster, RuleConfig, comparison_key,
};
use tracing::{debug, info_span};

pub use error::{MatchError, TooLargeCause};
pub use rules::PairRule;

use std::borrow::Cow;
use std::sync::Arc;

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

/// Options of a [`Matcher`]: exclusions, pins, custom rules and the
/// candidate limit. Created by [`Matcher::builder`].
#[must_use]
pub struct MatcherBuilder<'a, 'b> {
    roster: &'b Roster,
    rules: &'a RuleConfig,
    exclusions: Option<&'b Exclusions>,
    pins: Option<&'b Pins>,
    custom: Vec<Arc<dyn PairRule>>,
    limit: Option<usize>,
}

impl<'a, 'b> MatcherBuilder<'a, 'b> {
    /// Sets pairs that must never be matched.
    pub fn exclusions(mut self, exclusions: &'b Exclusions) -> Self {
        self.exclusions = Some(exclusions);
        self
    }

    /// Sets pairs that must be matched. Every pin must name a mentor and a
    /// mentee of the roster, satisfy every hard rule, and fit within both
    /// participants' capacities.
    pub fn pins(mut self, pins: &'b Pins) -> Self {
        self.pins = Some(pins);
        self
    }

    /// Adds a custom rule, scored after the configured rules.
    pub fn rule(mut self, rule: impl PairRule + 'static) -> Self {
        self.custom.push(Arc::new(rule));
        self
    }

    /// Adds custom rules shared with other matchers.
    pub fn rules(mut self, rules: impl IntoIterator<Item = Arc<dyn PairRule>>) -> Self {
        self.custom.extend(rules);
        self
    }

    /// Sets the number of candidates kept per mentee for the first solve
    /// (see [`Matcher::with_candidate_limit`]).
    pub fn candidate_limit(mut self, limit: Option<usize>) -> Self {
        self.limit = limit;
        self
    }

    /// Validates the rules, compiles the roster, applies the pins and scores
    /// every allowed pair.
    ///
    /// # Errors
    ///
    /// [`MatchError::InvalidConfig`], [`MatchError::UnknownGrade`],
    /// [`MatchError::InvalidNumericGrade`], [`MatchError::UnknownColumn`],
    /// [`MatchError::InvalidRuleName`], [`MatchError::InvalidRuleBound`],
    /// [`MatchError::CapacityOutOfRange`], [`MatchError::InvalidPin`],
    /// [`MatchError::PinsExceedCapacity`] and
    /// [`MatchError::TooManyParticipants`].
    pub fn build(self) -> Result<Matcher<'a>, MatchError> {
        let MatcherBuilder { roster, rules, exclusions, pins, custom, limit } = self;

        rules.validate()?;
        for (index, rule) in custom.iter().enumerate() {
            check_custom_rule_name(rules, &custom[..index], rule.name())?;
            let points = rule.max_abs_points();
            if !(0..=MAX_ABS_POINTS).contains(&points) {
                return Err(MatchError::InvalidRuleBound { rule: rule.name().to_owned(), points });
            }
        }
        let (n_mentors, n_mentees) = (roster.mentors().len(), roster.mentees().len());
        if n_mentors > MAX_PARTICIPANTS_PER_SIDE || n_mentees > MAX_PARTICIPANTS_PER_SIDE {
            return Err(MatchError::TooManyParticipants { mentors: n_mentors, mentees: n_mentees });
        }

        let no_exclusions = Exclusions::new();
        let exclusions = exclusions.unwrap_or(&no_exclusions);
        let compiled = {
            let _span = info_span!("compile").entered();
            let mut compiled = CompiledRoster::new(roster, rules, &custom)?;
            if let Some(pins) = pins {
                pins::apply_pins(&mut compiled, rules, pins, exclusions)?;
            }
            compiled
        };

        let allowed = AllowedPairs::new(&compiled, rules, exclusions);
        let candidates = {
            let _span = info_span!("score").entered();
            CandidateGraph::build(&PairScorer::new(&compiled, rules), &allowed, rules, limit)
        };
        debug!(
            allowed = candidates.allowed_count,
            candidates = candidates.len(),
            pinned = compiled.pinned_pairs.len(),
            "scored allowed pairs"
        );
        Ok(Matcher { rules, compiled, allowed, candidates, candidate_limit: limit })
    }
}

/// Rejects a custom rule name that is blank or equal, by
/// [`comparison_key`], to a built-in rule's, a column rule's or an earlier
/// custom rule's name, because outputs label points by rule name.
fn check_custom_rule_name(
    rules: &RuleConfig,
    earlier: &[Arc<dyn PairRule>],
    name: &str,
) -> Result<(), MatchError> {
    let invalid = |reason: String| MatchError::InvalidRuleName { name: name.to_owned(), reason };
    let key = comparison_key(name);
    if key.is_empty() {
        return Err(invalid("the name is blank".to_owned()));
    }
    if let Some(built_in) = BUILT_IN_RULE_NAMES.iter().find(|built_in| **built_in == key) {
        return Err(invalid(format!("the built-in rule {built_in:?} has this name")));
    }
    if let Some(column_rule) =
        rules.column_rules.iter().find(|column_rule| comparison_key(&column_rule.name) == key)
    {
        return Err(invalid(format!("the column rule {:?} has this name", column_rule.name)));
    }
    if let Some(other) = earlier.iter().find(|other| comparison_key(other.name()) == key) {
        return Err(invalid(format!("another custom rule, {:?}, has this name", other.name())));
    }
    Ok(())
}

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
    /// Time spent in [`flow::solve`], summed over the rounds: the solver
    /// alone, without building networks or pricing omitted pairs.
    pub flow_solve_time: std::time::Duration,
    /// The nodes and arcs of the participants and candidate pairs in
    /// `network`, for [`Matcher::explain`].
    layout: network::NetworkLayout,
    /// The pairs of `network`.
    candidates: CandidateGraph,
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
        Matcher::builder(roster, rules).exclusions(exclusions).candidate_limit(limit).build()
    }

    /// Starts a matcher with pins, custom rules or other options.
    ///
    /// # Example
    ///
    /// A custom rule that adds 5 points when mentor and mentee work in the
    /// same city (an extra `City` column, whatever its case and spacing):
    ///
    /// ```
    /// use mentor_match_core::{Matcher, PairRule};
    /// use mentor_match_model::{Participant, Pins, Roster, RuleConfig, comparison_key};
    ///
    /// struct SameCity;
    ///
    /// impl SameCity {
    ///     fn city(participant: &Participant) -> Option<String> {
    ///         // Headings keep the spelling of the input file, such as "City".
    ///         let (_, city) =
    ///             participant.extra.iter().find(|(heading, _)| comparison_key(heading) == "city")?;
    ///         Some(comparison_key(city)).filter(|city| !city.is_empty())
    ///     }
    /// }
    ///
    /// impl PairRule for SameCity {
    ///     fn name(&self) -> &str {
    ///         "same city"
    ///     }
    ///     fn max_abs_points(&self) -> i64 {
    ///         5
    ///     }
    ///     fn score(&self, mentor: &Participant, mentee: &Participant) -> Option<i64> {
    ///         let same = Self::city(mentor).is_some() && Self::city(mentor) == Self::city(mentee);
    ///         Some(if same { 5 } else { 0 })
    ///     }
    /// }
    ///
    /// let person = |email: &str, grade: &str, organisation: &str, city: &str| {
    ///     let mut participant = Participant::new("First", "Last", email)
    ///         .with_grade(grade)
    ///         .with_organisation(organisation)
    ///         .with_profession("Policy")
    ///         .with_max_matches(1);
    ///     participant.extra.push(("City".to_owned(), city.to_owned()));
    ///     participant
    /// };
    /// let mentors = vec![
    ///     person("leeds@example.org", "Grade 7", "Treasury", "Leeds"),
    ///     person("york@example.org", "Grade 7", "Cabinet Office", "York"),
    /// ];
    /// let mentees = vec![
    ///     person("ann@example.org", "SEO", "Home Office", "York"),
    ///     person("bo@example.org", "SEO", "Home Office", "Leeds"),
    /// ];
    /// let roster = Roster::new(mentors, mentees)?;
    /// let rules = RuleConfig::default();
    ///
    /// let result = Matcher::builder(&roster, &rules).rule(SameCity).build()?.solve()?;
    /// // Each mentee gets the mentor in their own city.
    /// for pair in &result.pairs {
    ///     assert_eq!(roster.mentors()[pair.mentor].extra, roster.mentees()[pair.mentee].extra);
    ///     assert_eq!(pair.breakdown.other[0].rule, "same city");
    ///     assert_eq!(pair.breakdown.other[0].points, 5);
    /// }
    /// assert_eq!(result.total_score, 2 * (9 + 10 + 5));
    ///
    /// // A pinned pair is matched even though another pairing scores more.
    /// let mut pins = Pins::new();
    /// pins.insert("leeds@example.org", "ann@example.org");
    /// let result = Matcher::builder(&roster, &rules).rule(SameCity).pins(&pins).build()?.solve()?;
    /// assert!(result.pairs.iter().all(|pair| pair.pinned == (pair.mentor == 0)));
    /// assert_eq!(result.total_score, 2 * (9 + 10));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builder<'b>(roster: &'b Roster, rules: &'a RuleConfig) -> MatcherBuilder<'a, 'b> {
        MatcherBuilder {
            roster,
            rules,
            exclusions: None,
            pins: None,
            custom: Vec::new(),
            limit: Some(Matcher::DEFAULT_CANDIDATE_LIMIT),
        }
    }

    /// Returns the number of allowed mentor/mentee pairs.
    pub fn allowed_pair_count(&self) -> usize {
        self.candidates.allowed_count
    }

    /// Explains a result of [`Matcher::solve_detailed`] on this matcher:
    /// the rank of each pair among the mentee's eligible mentors, and for
    /// each participant with fewer matches than their `max matches`, why.
    ///
    /// A participant short of matches gets one reason: nobody on the other
    /// side is eligible (with the constraints that ruled each out, counted),
    /// the exclusions file removed everyone eligible, or eligible
    /// candidates exist and forcing the best of them in would make the
    /// result worse (by exactly the stated change) or leave it equally good.
    ///
    /// # Errors
    ///
    /// [`MatchError::ForeignReport`] when `report` did not come from this
    /// matcher.
    ///
    /// # Complexity
    ///
    /// One pass over the allowed pairs, plus one shortest-path search per
    /// participant short of matches, each stopping as soon as the cheapest
    /// way to force a pair in is known.
    ///
    /// # Example
    ///
    /// ```
    /// use mentor_match_core::Matcher;
    /// use mentor_match_model::{Participant, Roster, RuleConfig, ShortfallReason};
    ///
    /// let person = |email: &str, grade: &str, organisation: &str| {
    ///     Participant::new("First", "Last", email)
    ///         .with_grade(grade)
    ///         .with_organisation(organisation)
    ///         .with_profession("Policy")
    /// };
    /// let mentors = vec![person("m1@example.org", "Grade 7", "Treasury")];
    /// let mentees = vec![
    ///     person("e1@example.org", "SEO", "Home Office"),
    ///     person("e2@example.org", "SEO", "Treasury"),
    /// ];
    /// let roster = Roster::new(mentors, mentees)?;
    /// let rules = RuleConfig::default();
    /// let matcher = Matcher::builder(&roster, &rules).build()?;
    /// let report = matcher.solve_detailed()?;
    /// let explanations = matcher.explain(&report)?;
    ///
    /// // e1's only eligible mentor is their best.
    /// assert_eq!(explanations.pair_ranks[0].rank, 1);
    /// // e2 is in the mentor's organisation, which the default rules forbid.
    /// let e2 = explanations.shortfalls.iter().find(|s| s.participant == 1).unwrap();
    /// assert!(matches!(e2.reason, ShortfallReason::NoEligibleCandidate { .. }));
    /// assert_eq!(
    ///     e2.sentence(&roster, &rules),
    ///     "No eligible mentor: the only mentor is in the same organisation (organisation rule)."
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn explain(&self, report: &SolveReport) -> Result<Explanations, MatchError> {
        self.check_report(report)?;
        Ok(explain::explain_all(&self.compiled, self.rules, &self.allowed, report))
    }

    /// Explains one participant, by side and roster index: their matches
    /// with points and ranks, the best eligible candidates not chosen with
    /// what forcing each in would change, the constraints that ruled the
    /// others out, and why they have fewer matches than allowed, if they do.
    ///
    /// # Errors
    ///
    /// [`MatchError::ForeignReport`] when `report` did not come from this
    /// matcher, and [`MatchError::NoSuchParticipant`] when `index` is out
    /// of range.
    pub fn explain_participant(
        &self,
        report: &SolveReport,
        role: Role,
        index: usize,
    ) -> Result<ParticipantExplanation, MatchError> {
        self.check_report(report)?;
        let count = match role {
            Role::Mentor => self.compiled.mentors.len(),
            Role::Mentee => self.compiled.mentees.len(),
        };
        if index >= count {
            return Err(MatchError::NoSuchParticipant { role, index, count });
        }
        Ok(explain::explain_one(&self.compiled, self.rules, &self.allowed, report, role, index))
    }

    /// Checks that `report` is this matcher's, as far as its sizes tell.
    fn check_report(&self, report: &SolveReport) -> Result<(), MatchError> {
        let fits = report.result.mentor_match_counts.len() == self.compiled.mentors.len()
            && report.result.mentee_match_counts.len() == self.compiled.mentees.len()
            && report.candidates.offsets.len() == self.compiled.mentees.len() + 1
            && report.flow.potentials.len() == report.network.node_count
            && report.flow.flow.len() == report.network.arcs.len()
            && report.layout.sink() + 1 == report.network.node_count
            && report.candidates.len() == report.layout.pair_arc.len();
        if fits { Ok(()) } else { Err(MatchError::ForeignReport) }
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
        let mut flow_solve_time = std::time::Duration::ZERO;
        loop {
            rounds += 1;
            let network = MatchNetwork::build(&self.compiled, &candidates, self.rules)?;
            let mut solution = {
                let _span = info_span!("solve", round = rounds).entered();
                let started = std::time::Instant::now();
                // The network is acyclic and built from valid node numbers, so
                // neither `FlowError` can occur.
                let solution = flow::solve(&network.problem)
                    .expect("the matcher's network is well formed and acyclic");
                flow_solve_time += started.elapsed();
                solution
            };
            pricing::tighten_potentials(
                &network.problem,
                &solution.flow,
                &mut solution.potentials,
                &network.layout.layers(),
            );
            debug_assert_eq!(solution.check_optimality(&network.problem), Ok(()));
            debug!(
                round = rounds,
                flow = solution.value,
                cost = solution.cost,
                pivots = solution.pivots,
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
                let network_pairs = candidates.len();
                let result = assemble::assemble(
                    &self.compiled,
                    &candidates,
                    &network,
                    &solution,
                    self.rules,
                );
                debug_assert_eq!(
                    solution.cost,
                    -network.layout.weights.objective(&result),
                    "flow cost and decoded result disagree"
                );
                return Ok(SolveReport {
                    result,
                    layout: network.layout,
                    candidates: candidates.into_owned(),
                    network: network.problem,
                    flow: solution,
                    rounds,
                    allowed_pairs: self.candidates.allowed_count,
                    candidate_pairs: network_pairs,
                    flow_solve_time,
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
