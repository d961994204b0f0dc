//! Integer weights that turn the lexicographic priorities into one linear
//! cost, and the proof that they fit in `i64`.
//!
//! A solution has total score `S`, `M1` mentees with at least one match and
//! `M2` mentors with at least one match. With `n_e` mentees, `n_r` mentors
//! and `R` a bound on `|S - S'|` between any two solutions, the matcher
//! maximises
//!
//! - best matches: `(n_e + 1)(n_r + 1) S + (n_r + 1) M1 + M2`. The tie-break
//!   part `(n_r + 1) M1 + M2` lies in `0..(n_e + 1)(n_r + 1)`, so one point of
//!   score outweighs any change in it, and one more matched mentee outweighs
//!   any change in `M2` (at most `n_r`).
//! - most mentees: `(n_r + 1)(R + 1) M1 + (R + 1) M2 + S`. One more matched
//!   mentor is worth `R + 1`, more than any change in `S`. One more matched
//!   mentee is worth `(n_r + 1)(R + 1)`, more than any change in
//!   `(R + 1) M2 + S`, which is at most `n_r (R + 1) + R`.
//!
//! The bonuses for `M1` and `M2` sit on the first unit of each source ->
//! mentee and mentor -> sink arc pair, so they count a participant once.

use mentor_match_model::{MatchResult, OrganisationRule, Priority, RuleConfig};

use crate::MatchError;

/// Per-unit weights of the linear objective (all non-negative).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Weights {
    /// Multiplier of a pair's score.
    pub score: i64,
    /// Bonus for a mentee's first match.
    pub mentee_bonus: i64,
    /// Bonus for a mentor's first match.
    pub mentor_bonus: i64,
    /// Largest absolute arc cost in the network.
    pub max_arc_cost: i64,
}

impl Weights {
    /// Returns the weighted objective of a result, which equals minus the
    /// cost of the flow it came from.
    pub fn objective(&self, result: &MatchResult) -> i64 {
        self.score * result.total_score
            + self.mentee_bonus * result.matched_mentee_count() as i64
            + self.mentor_bonus * result.matched_mentor_count() as i64
    }
}

/// Largest absolute score one pair can get under `rules`, including the
/// profession points.
pub(crate) fn max_abs_pair_score(rules: &RuleConfig) -> i64 {
    let seniority = rules.seniority.points.iter().map(|p| p.abs()).max().unwrap_or(0);
    let organisation = match rules.organisation {
        OrganisationRule::MustDiffer => 0,
        OrganisationRule::SamePoints(points) => points.abs(),
    };
    let profession = rules.profession_points.iter().map(|p| p.abs()).max().unwrap_or(0);
    seniority + organisation + profession + rules.characteristic_points.abs()
}

/// Computes the weights and checks that no intermediate value of the solver
/// can overflow.
///
/// `max_pairs` bounds the number of matched pairs (the smaller total
/// capacity of the two sides), and `node_count` is the flow network's size.
///
/// Overflow argument, with `n` nodes and `C` the largest arc cost: the
/// solver's potentials stay within `3 n C` in absolute value. They start as
/// shortest distances of at most `n C`, and a node's potential never rises
/// by more than the sink's, which is itself a distance. Reduced costs are
/// then within `7 n C`. The flow decomposes into paths of at most 4 arcs
/// (the network is layered), so the total cost is within `4 P C` for `P`
/// pairs. Requiring `8 n C` and `4 P C` to fit in `i64` covers both.
pub(crate) fn weights(
    rules: &RuleConfig,
    n_mentees: usize,
    n_mentors: usize,
    max_pairs: u64,
    node_count: usize,
) -> Result<Weights, MatchError> {
    let too_large =
        || MatchError::TooLarge { mentors: n_mentors, mentees: n_mentees, capacity: max_pairs };
    let n_e = n_mentees as i128;
    let n_r = n_mentors as i128;
    let pair_bound = max_abs_pair_score(rules) as i128;

    let (score, mentee_bonus, mentor_bonus) = match rules.priority {
        Priority::BestMatches => ((n_e + 1) * (n_r + 1), n_r + 1, 1),
        Priority::MostMentees => {
            let score_range = 2 * max_pairs as i128 * pair_bound;
            let mentor_bonus = score_range + 1;
            (1, (n_r + 1) * mentor_bonus, mentor_bonus)
        }
    };
    let max_arc_cost = (score * pair_bound).max(mentee_bonus).max(mentor_bonus);
    let limit = i64::MAX as i128;
    if 8 * node_count as i128 * max_arc_cost > limit || 4 * max_pairs as i128 * max_arc_cost > limit
    {
        return Err(too_large());
    }
    let narrow = |value: i128| i64::try_from(value).map_err(|_| too_large());
    Ok(Weights {
        score: narrow(score)?,
        mentee_bonus: narrow(mentee_bonus)?,
        mentor_bonus: narrow(mentor_bonus)?,
        max_arc_cost: narrow(max_arc_cost)?,
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

    #[test]
    fn weights_fit_at_supported_maximum() {
        let size = crate::MAX_PARTICIPANTS_PER_SIDE;
        for priority in [Priority::BestMatches, Priority::MostMentees] {
            let rules = RuleConfig { priority, ..RuleConfig::default() };
            let (pairs, nodes) = network_size(size);
            let weights = weights(&rules, size, size, pairs, nodes).expect("fits in i64");
            assert!(weights.max_arc_cost > 0);
            assert!(
                (8 * nodes as i128 * weights.max_arc_cost as i128) <= i64::MAX as i128,
                "{priority}: potential bound overflows"
            );
        }
    }

    #[test]
    fn weights_reject_overflowing_sizes() {
        let rules = RuleConfig::default();
        let (pairs, nodes) = network_size(100_000_000);
        assert_eq!(
            weights(&rules, 100_000_000, 100_000_000, pairs, nodes),
            Err(MatchError::TooLarge {
                mentors: 100_000_000,
                mentees: 100_000_000,
                capacity: pairs
            })
        );
    }

    #[test]
    fn best_matches_weights_order_lexicographically() {
        let rules = RuleConfig::default();
        let w = weights(&rules, 4, 6, 12, 12).unwrap();
        // One point of score beats every mentee and mentor bonus together.
        assert!(w.score > 4 * w.mentee_bonus + 6 * w.mentor_bonus);
        // One mentee beats every mentor bonus.
        assert!(w.mentee_bonus > 6 * w.mentor_bonus);
    }

    #[test]
    fn most_mentees_weights_order_lexicographically() {
        let rules = RuleConfig { priority: Priority::MostMentees, ..RuleConfig::default() };
        let pairs = 12;
        let w = weights(&rules, 4, 6, pairs, 12).unwrap();
        let score_range = 2 * pairs as i64 * max_abs_pair_score(&rules);
        assert!(w.mentor_bonus > score_range);
        assert!(w.mentee_bonus > 6 * w.mentor_bonus + score_range);
    }
}
