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
//! - balanced: `w1 M1 + w2 M2 + w3 M3 + S` with `w3 = D + 1`,
//!   `w2 = 2 (D + 1)` and `w1 = 3 (D + 1)`, where `D = n D_a` bounds the
//!   score change along one simple cycle of the residual network (`n`
//!   nodes, each arc's score at most `D_a`). The argument goes through
//!   cycles rather than whole solutions. A solution better than the
//!   min-cost flow `x` differs from it by a sum of simple residual cycles.
//!   Its gain in `(M1, M2, M3, S)` is the sum of theirs, so one cycle alone
//!   must gain lexicographically. A simple cycle visits the source
//!   at most once, so it adds at most one unit at some level `k` and
//!   removes at most one at a level `k'`. If it gains, then `k < k'` (or it
//!   removes nothing, or only `S` changes), and its weighted gain is at
//!   least `w_k - w_k' - D > 0`: a negative-cost cycle, impossible at the
//!   optimum. So the weights grow with the roster size, not its cube.
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
/// network simplex's potentials are costs of tree paths from a root whose
/// own arcs cost 0, so they stay within `n C` in absolute value, and
/// pricing's sums `c(a) + p(tail) - p(head)` within `2 n C`. The flow
/// decomposes into paths of at most 4 arcs (the network is layered), so
/// the total cost is within `4 P C` for `P` pairs. Requiring `8 n C` and
/// `4 P C` to fit in `i64` covers both, with room to spare on the first.
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
            // Every arc of the network scores at most `pair_bound` (a pair's
            // score or a profession slot's points), and a simple cycle has
            // at most one arc per node.
            let step = size.node_count as i128 * pair_bound + 1;
            (1, [3 * step, 2 * step, step], 0)
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
        for priority in [Priority::BestMatches, Priority::MostMentees, Priority::Balanced] {
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
        let (mentees, pairs, nodes) = (4, 12, 17);
        let bound = max_abs_pair_score(&RuleConfig::default());
        let w = weights(Priority::Balanced, mentees, 6, pairs, nodes, bound).unwrap();
        // No simple cycle changes the score by more than one arc's bound per
        // node, so each level must outweigh that on its own.
        let cycle_range = nodes as i64 * bound;
        let [first, second, third] = w.mentee_bonus;
        assert!(third > cycle_range);
        assert!(second - third > cycle_range);
        assert!(first - second > cycle_range);
        assert_eq!(w.score, 1);
        assert_eq!(w.mentor_bonus, 0);
    }

    #[test]
    fn large_points_blamed_for_overflow() {
        let size = crate::MAX_PARTICIPANTS_PER_SIDE;
        let (pairs, nodes) = network_size(size);
        let error = weights(Priority::Balanced, size, size, pairs, nodes, 5_000_000).unwrap_err();
        assert_eq!(
            error,
            MatchError::TooLarge {
                priority: Priority::Balanced,
                cause: Some(TooLargeCause::Points),
                mentors: size,
                mentees: size,
                capacity: pairs,
            }
        );
        assert_eq!(
            error.to_string(),
            "the rule points are too large to match this roster (100000 mentors, 100000 mentees, \
             300000 possible matches) exactly with the balanced priority; use smaller points, \
             choose another priority or split the programme into smaller groups"
        );
    }

    #[test]
    fn balanced_fits_beyond_cubic_limit() {
        // Weights that grew with the cube of the size overflowed from about
        // 7,000 a side with the default rules.
        for size in [8_000, 50_000] {
            assert!(default_weights(Priority::Balanced, size).is_ok(), "{size} a side");
        }
    }
}
