//! Custom pair rules written in Rust, scored alongside the built-in rules.

use std::fmt;
use std::sync::Arc;

use mentor_match_model::Participant;

/// A rule that scores or forbids a mentor/mentee pair from the two
/// participants' records.
///
/// Add rules with [`MatcherBuilder::rule`](crate::MatcherBuilder::rule).
/// The matcher calls [`PairRule::score`] for every pair that the built-in
/// rules allow, possibly several times and from several threads, so it
/// must be cheap and return the same value for the same pair every time.
/// Points appear in each matched pair's
/// [`ScoreBreakdown::other`](mentor_match_model::ScoreBreakdown::other)
/// under [`PairRule::name`].
pub trait PairRule: Send + Sync {
    /// Name of the rule in outputs, for example in the `{name} points`
    /// column of `matches.csv`.
    fn name(&self) -> &str;

    /// Largest absolute value [`PairRule::score`] returns, at most
    /// [`MAX_ABS_POINTS`](mentor_match_model::MAX_ABS_POINTS).
    ///
    /// The matcher uses it to prove that its 64-bit costs cannot overflow,
    /// and clamps any score outside it to this bound.
    fn max_abs_points(&self) -> i64;

    /// Returns the points of the pair, or `None` when the rule forbids it.
    fn score(&self, mentor: &Participant, mentee: &Participant) -> Option<i64>;
}

/// The custom rules with the participants they score, in canonical order.
#[derive(Clone, Default)]
pub(crate) struct CustomRules {
    pub rules: Vec<Arc<dyn PairRule>>,
    pub mentors: Vec<Participant>,
    pub mentees: Vec<Participant>,
}

impl CustomRules {
    /// Calls `visit` with each rule's clamped points for a pair. Returns
    /// `None` as soon as one rule forbids the pair.
    #[inline]
    pub fn score(&self, mentor: usize, mentee: usize, mut visit: impl FnMut(i64)) -> Option<()> {
        for rule in &self.rules {
            let bound = rule.max_abs_points();
            let points = rule.score(&self.mentors[mentor], &self.mentees[mentee])?;
            visit(points.clamp(-bound, bound));
        }
        Some(())
    }

    /// Returns the sum of the rules' bounds.
    pub fn max_abs_points(&self) -> i64 {
        self.rules.iter().map(|rule| rule.max_abs_points()).sum()
    }
}

impl fmt::Debug for CustomRules {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.rules.iter().map(|rule| rule.name()).collect();
        f.debug_struct("CustomRules").field("rules", &names).finish_non_exhaustive()
    }
}
