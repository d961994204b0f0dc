//! Integer weights that turn the lexicographic priorities into one linear
//! cost, and the proof that they fit in `i64`.
//!
//! A solution has total score `S`, `M1` mentees with at least one match,
//! `M2` and `M3` mentees with at least two and three matches, and `N1`
//! mentors with at least one match. With `n_e` mentees, `n_r` mentors and
//! `R` a bound on `|S - S'|` between any two solutions, the matcher
//! maximises
//!
//! - best matches: `(n_e + 1)(n_r + 1) S + (n_r + 1) M1 + N1`. The tie-break
//!   part `(n_r + 1) M1 + N1` lies in `0..(n_e + 1)(n_r + 1)`, so one point of
//!   score outweighs any change in it, and one more matched mentee outweighs
//!   any change in `N1` (at most `n_r`).
//! - most mentees: `(n_r + 1)(R + 1) M1 + (R + 1) N1 + S`. One more matched
//!   mentor is worth `R + 1`, more than any change in `S`. One more matched
//!   mentee is worth `(n_r + 1)(R + 1)`, more than any change in
//!   `(R + 1) N1 + S`, which is at most `n_r (R + 1) + R`.
//! - balanced: `w1 M1 + w2 M2 + w3 M3 + S` with `w3 = R + 1`,
//!   `w2 = (n_e + 1) w3` and `w1 = (n_e + 1) w2`. Each `Mk` changes by at
//!   most `n_e`, so `w3 > R`, `w2 = n_e w3 + w3 > n_e w3 + R` and
//!   `w1 = n_e w2 + w2 > n_e w2 + n_e w3 + R`: each weight outweighs every
//!   change of the terms after it.
//!
//! The bonuses for `M1`, `M2`, `M3` and `N1` sit on the 1st, 2nd and 3rd
//! unit of each mentee's source arcs and on the 1st unit of each mentor's
//! sink arcs, so they count a participant once per level. The bonuses never
//! increase from one unit to the next, so the cheapest units fill first.

use mentor_match_model::{MatchResult, OrganisationRule, Priority, RuleConfig};

use crate::{MatchError, TooLargeCause};

/// Per-unit weights of the linear objective (all non-negative).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Weights {
    /// Multiplier of a pair's score.
    pub score: i64,
    /// Bonus for a mentee's 1st, 2nd and 3rd match; later matches get none.
    pub mentee_bonus: [i64; 3],
    /// Bonus for a mentor's first match.
    pub mentor_bonus: i64,
    /// Largest absolute arc cost in the network.
    pub max_arc_cost: i64,
    /// Weighted objective of the pinned pairs, which are matched outside the
    /// network.
    pub pinned: i64,
}

impl Weights {
    /// Returns the bonus of a mentee's `unit`-th match (1-based).
    pub fn mentee_unit_bonus(&self, unit: u32) -> i64 {
        match unit {
            1..=3 => self.mentee_bonus[unit as usize - 1],
            _ => 0,
        }
    }

    /// Returns the bonus of a mentor's `unit`-th match (1-based).
    pub fn mentor_unit_bonus(&self, unit: u32) -> i64 {
        if unit == 1 { self.mentor_bonus } else { 0 }
    }

    /// Returns the weighted objective of a result without the pinned pairs'
    /// share, which equals minus the cost of the flow it came from.
    pub fn objective(&self, result: &MatchResult) -> i64 {
        let mut value = i128::from(self.score) * i128::from(result.total_score)
            + i128::from(self.mentor_bonus) * result.matched_mentor_count() as i128
            - i128::from(self.pinned);
        for (level, &bonus) in self.mentee_bonus.iter().enumerate() {
            value += i128::from(bonus) * result.mentees_with_at_least(level as u32 + 1) as i128;
        }
        // The overflow checks in `weights` bound this value.
        value as i64
    }
}

/// Largest number of mentors, and of mentees, for which the balanced
/// priority's weights fit in `i64` with the default rules and capacities.
///
/// The weights grow with the cube of the roster size, so this is far below
/// [`crate::MAX_PARTICIPANTS_PER_SIDE`]; larger rosters get
/// [`MatchError::TooLarge`].
#[cfg(test)]
const BALANCED_DEFAULT_SUPPORTED: usize = 6_500;

/// Largest absolute score one pair can get under `rules`, including the
/// profession and column rule points but not custom rules.
pub(crate) fn max_abs_pair_score(rules: &RuleConfig) -> i64 {
    let seniority = rules.seniority.points.iter().map(|p| p.abs()).max().unwrap_or(0);
    let organisation = match rules.organisation {
        OrganisationRule::MustDiffer => 0,
        OrganisationRule::SamePoints(points) => points.abs(),
    };
    let profession = rules.profession_points.iter().map(|p| p.abs()).max().unwrap_or(0);
    let columns: i64 = rules.column_rules.iter().map(|rule| rule.points().abs()).sum();
    seniority + organisation + profession + rules.characteristic_points.abs() + columns
}

/// Computes the weights and checks that no intermediate value of the solver
/// can overflow.
///
/// `max_pairs` bounds the number of pairs matched through the network (the
/// smaller total capacity of the two sides), `node_count` is the flow
/// network's size and `pair_bound` bounds the absolute score of one pair.
///
/// Overflow argument, with `n` nodes and `C` the largest arc cost: the
/// solver's potentials stay within `3 n C` in absolute value. They start as
/// shortest distances of at most `n C`, and a node's potential never rises
/// by more than the sink's, which is itself a distance. Reduced costs are
/// then within `7 n C`. The flow decomposes into paths of at most 4 arcs
/// (the network is layered), so the total cost is within `4 P C` for `P`
/// pairs. Requiring `8 n C` and `4 P C` to fit in `i64` covers both.
pub(crate) fn weights(
    priority: Priority,
    n_mentees: usize,
    n_mentors: usize,
    max_pairs: u64,
    node_count: usize,
    pair_bound: i64,
) -> Result<Weights, MatchError> {
    let size = NetworkSize { n_mentees, n_mentors, max_pairs, node_count };
    checked_weights(priority, &size, pair_bound).ok_or_else(|| {
        // A roster that overflows even with the default rules' points is
        // blamed on its size, and otherwise on the larger points.
        let default_bound = max_abs_pair_score(&RuleConfig::default());
        let cause = if checked_weights(priority, &size, pair_bound.min(default_bound)).is_some() {
            TooLargeCause::Points
        } else {
            TooLargeCause::Size
        };
        MatchError::TooLarge {
            priority,
            cause: Some(cause),
            mentors: n_mentors,
            mentees: n_mentees,
            capacity: max_pairs,
        }
    })
}

struct NetworkSize {
    n_mentees: usize,
    n_mentors: usize,
    max_pairs: u64,
    node_count: usize,
}

/// Returns the weights, or `None` when they or the solver's intermediate
/// values could overflow `i64`.
fn checked_weights(priority: Priority, size: &NetworkSize, pair_bound: i64) -> Option<Weights> {
    let n_e = size.n_mentees as i128;
    let n_r = size.n_mentors as i128;
    let max_pairs = size.max_pairs as i128;
    let pair_bound = pair_bound as i128;
    let score_range = 2 * max_pairs * pair_bound;

    let (score, mentee_bonus, mentor_bonus) = match priority {
        Priority::BestMatches => ((n_e + 1) * (n_r + 1), [n_r + 1, 0, 0], 1),
        Priority::MostMentees => {
            let mentor_bonus = score_range + 1;
            (1, [(n_r + 1) * mentor_bonus, 0, 0], mentor_bonus)
        }
        Priority::Balanced => {
            let third = score_range + 1;
            let second = (n_e + 1) * third;
            (1, [(n_e + 1) * second, second, third], 0)
        }
    };
    let max_arc_cost = (score * pair_bound).max(mentee_bonus[0]).max(mentor_bonus);
    let limit = i64::MAX as i128;
    if 8 * size.node_count as i128 * max_arc_cost > limit || 4 * max_pairs * max_arc_cost > limit {
        return None;
    }
    let narrow = |value: i128| i64::try_from(value).ok();
    Some(Weights {
        score: narrow(score)?,
        mentee_bonus: [
            narrow(mentee_bonus[0])?,
            narrow(mentee_bonus[1])?,
            narrow(mentee_bonus[2])?,
        ],
        mentor_bonus: narrow(mentor_bonus)?,
        max_arc_cost: narrow(max_arc_cost)?,
        pinned: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn network_size(per_side: usize) -> (u64, usize) {
        // Every mentee of a default programme can have a profession sub-node.
        let pairs = 3 * per_side as u64;
        (pairs, 3 * per_side + 2)
    }

    fn default_weights(priority: Priority, per_side: usize) -> Result<Weights, MatchError> {
        let (pairs, nodes) = network_size(per_side);
        let bound = max_abs_pair_score(&RuleConfig::default());
        weights(priority, per_side, per_side, pairs, nodes, bound)
    }

    #[test]
    fn weights_fit_at_supported_maximum() {
        let size = crate::MAX_PARTICIPANTS_PER_SIDE;
        for priority in [Priority::BestMatches, Priority::MostMentees] {
            let (_, nodes) = network_size(size);
            let weights = default_weights(priority, size).expect("fits in i64");
            assert!(weights.max_arc_cost > 0);
            assert!(
                (8 * nodes as i128 * weights.max_arc_cost as i128) <= i64::MAX as i128,
                "{priority}: potential bound overflows"
            );
        }
    }

    #[test]
    fn balanced_fits_up_to_documented_size() {
        // docs/ALGORITHM.md states this size for the default points.
        let supported = BALANCED_DEFAULT_SUPPORTED;
        let weights = default_weights(Priority::Balanced, supported).expect("fits in i64");
        let (_, nodes) = network_size(supported);
        assert!((8 * nodes as i128 * weights.max_arc_cost as i128) <= i64::MAX as i128);
        assert!(matches!(
            default_weights(Priority::Balanced, 7_000),
            Err(MatchError::TooLarge { cause: Some(TooLargeCause::Size), .. })
        ));
    }

    #[test]
    fn weights_reject_overflowing_sizes() {
        let (pairs, _) = network_size(100_000_000);
        for priority in [Priority::BestMatches, Priority::MostMentees, Priority::Balanced] {
            assert_eq!(
                default_weights(priority, 100_000_000),
                Err(MatchError::TooLarge {
                    priority,
                    cause: Some(TooLargeCause::Size),
                    mentors: 100_000_000,
                    mentees: 100_000_000,
                    capacity: pairs
                })
            );
        }
    }

    #[test]
    fn best_matches_weights_order_lexicographically() {
        let bound = max_abs_pair_score(&RuleConfig::default());
        let w = weights(Priority::BestMatches, 4, 6, 12, 12, bound).unwrap();
        // One point of score beats every mentee and mentor bonus together.
        assert!(w.score > 4 * w.mentee_bonus[0] + 6 * w.mentor_bonus);
        // One mentee beats every mentor bonus.
        assert!(w.mentee_bonus[0] > 6 * w.mentor_bonus);
        assert_eq!(w.mentee_bonus[1..], [0, 0]);
    }

    #[test]
    fn most_mentees_weights_order_lexicographically() {
        let pairs = 12;
        let bound = max_abs_pair_score(&RuleConfig::default());
        let w = weights(Priority::MostMentees, 4, 6, pairs, 12, bound).unwrap();
        let score_range = 2 * pairs as i64 * bound;
        assert!(w.mentor_bonus > score_range);
        assert!(w.mentee_bonus[0] > 6 * w.mentor_bonus + score_range);
    }

    #[test]
    fn balanced_weights_order_lexicographically() {
        let (mentees, pairs) = (4, 12);
        let bound = max_abs_pair_score(&RuleConfig::default());
        let w = weights(Priority::Balanced, mentees, 6, pairs, 12, bound).unwrap();
        let score_range = 2 * pairs as i64 * bound;
        let [first, second, third] = w.mentee_bonus;
        assert!(third > score_range);
        assert!(second > mentees as i64 * third + score_range);
        assert!(first > mentees as i64 * (second + third) + score_range);
        assert_eq!(w.mentor_bonus, 0);
    }

    #[test]
    fn large_points_blamed_for_overflow() {
        let (pairs, nodes) = network_size(500);
        let error = weights(Priority::Balanced, 500, 500, pairs, nodes, 4_000_000).unwrap_err();
        assert_eq!(
            error,
            MatchError::TooLarge {
                priority: Priority::Balanced,
                cause: Some(TooLargeCause::Points),
                mentors: 500,
                mentees: 500,
                capacity: pairs,
            }
        );
        assert_eq!(
            error.to_string(),
            "the rule points are too large to match this roster (500 mentors, 500 mentees, 1500 \
             possible matches) exactly with the balanced priority (with the default rules, \
             balanced supports about 6,500 participants a side); use smaller points, choose \
             another priority or split the programme into smaller groups"
        );
    }

    #[test]
    fn large_balanced_roster_blamed_for_overflow() {
        let error = default_weights(Priority::Balanced, 8_000).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the roster (8000 mentors, 8000 mentees, 24000 possible matches) is too large to \
             match exactly with the balanced priority (with the default rules, balanced supports \
             about 6,500 participants a side); choose another priority or split the programme \
             into smaller groups"
        );
    }
}
