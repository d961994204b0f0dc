use serde::{Deserialize, Serialize};

use crate::Priority;

/// Points one configured column rule or custom rule gave a pair.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RulePoints {
    /// The rule's name.
    pub rule: String,
    /// The points.
    pub points: i64,
}

/// Points each rule gave a matched pair; the pair's score is their sum.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ScoreBreakdown {
    /// Seniority gap points.
    pub seniority: i64,
    /// Organisation points (non-zero only when same-organisation pairs are
    /// allowed with points).
    pub organisation: i64,
    /// Profession points: the mentee's same-profession slot points, or 0.
    pub profession: i64,
    /// Shared-characteristic points.
    pub characteristic: i64,
    /// Points of the column rules that give points, then of the custom
    /// rules, in configuration order. Every pair of one result lists the
    /// same rules in the same order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other: Vec<RulePoints>,
}

impl ScoreBreakdown {
    /// Built-in rule names in the order of [`ScoreBreakdown::values`].
    pub const RULE_NAMES: [&'static str; 4] =
        ["seniority", "organisation", "profession", "characteristic"];

    /// Returns the sum of all rules' points, built-in and other.
    #[inline]
    pub fn total(&self) -> i64 {
        self.values().iter().sum::<i64>() + self.other.iter().map(|p| p.points).sum::<i64>()
    }

    /// Returns the built-in rules' points in the order of
    /// [`ScoreBreakdown::RULE_NAMES`].
    #[inline]
    pub fn values(&self) -> [i64; 4] {
        [self.seniority, self.organisation, self.profession, self.characteristic]
    }
}

/// One mentor/mentee match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchedPair {
    /// Index into [`crate::Roster::mentors`].
    pub mentor: usize,
    /// Index into [`crate::Roster::mentees`].
    pub mentee: usize,
    /// The pair's score, equal to `breakdown.total()`.
    pub score: i64,
    /// Points per rule.
    pub breakdown: ScoreBreakdown,
    /// Whether the pair was pinned (matched because the input required it).
    #[serde(default)]
    pub pinned: bool,
}

/// The outcome of a matching run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchResult {
    /// The priority that was optimised.
    pub priority: Priority,
    /// Matched pairs, ordered by mentor id, then mentee id.
    pub pairs: Vec<MatchedPair>,
    /// Sum of the pairs' scores.
    pub total_score: i64,
    /// Number of matches of each mentor, indexed like [`crate::Roster::mentors`].
    pub mentor_match_counts: Vec<u32>,
    /// Number of matches of each mentee, indexed like [`crate::Roster::mentees`].
    pub mentee_match_counts: Vec<u32>,
    /// The custom rules scored alongside the configured ones, in the order
    /// they were added. Their points are in `total_score`, but a rule
    /// configuration cannot express them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub custom_rules: Vec<CustomRuleSummary>,
}

/// Name and points bound of a custom rule used in a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomRuleSummary {
    /// The rule's name, as in [`RulePoints::rule`].
    pub name: String,
    /// The largest absolute points the rule declared it gives a pair.
    pub max_abs_points: i64,
}

impl MatchResult {
    /// Returns how many mentees have 0, 1, 2, ... matches, up to the largest
    /// count that occurs (an empty roster gives `[]`).
    pub fn mentees_by_match_count(&self) -> Vec<usize> {
        histogram(&self.mentee_match_counts)
    }

    /// Returns how many mentors have 0, 1, 2, ... matches.
    pub fn mentors_by_match_count(&self) -> Vec<usize> {
        histogram(&self.mentor_match_counts)
    }

    /// Returns the number of mentees with at least one match.
    pub fn matched_mentee_count(&self) -> usize {
        self.mentee_match_counts.iter().filter(|&&c| c > 0).count()
    }

    /// Returns the number of mentees with at least `k` matches.
    pub fn mentees_with_at_least(&self, k: u32) -> usize {
        self.mentee_match_counts.iter().filter(|&&c| c >= k).count()
    }

    /// Returns the number of mentors with at least one match.
    pub fn matched_mentor_count(&self) -> usize {
        self.mentor_match_counts.iter().filter(|&&c| c > 0).count()
    }

    /// Iterates over the pairs of one mentee.
    pub fn pairs_of_mentee(&self, mentee: usize) -> impl Iterator<Item = &MatchedPair> {
        self.pairs.iter().filter(move |p| p.mentee == mentee)
    }

    /// Iterates over the pairs of one mentor.
    pub fn pairs_of_mentor(&self, mentor: usize) -> impl Iterator<Item = &MatchedPair> {
        self.pairs.iter().filter(move |p| p.mentor == mentor)
    }
}

fn histogram(counts: &[u32]) -> Vec<usize> {
    let Some(&max) = counts.iter().max() else {
        return Vec::new();
    };
    let mut bins = vec![0; max as usize + 1];
    for &count in counts {
        bins[count as usize] += 1;
    }
    bins
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_counts_every_participant() {
        let result = MatchResult {
            priority: Priority::BestMatches,
            pairs: Vec::new(),
            total_score: 0,
            mentor_match_counts: vec![],
            mentee_match_counts: vec![0, 3, 1, 3],
            custom_rules: Vec::new(),
        };
        assert_eq!(result.mentees_by_match_count(), vec![1, 1, 0, 2]);
        assert_eq!(result.mentors_by_match_count(), Vec::<usize>::new());
        assert_eq!(result.matched_mentee_count(), 3);
    }
}
