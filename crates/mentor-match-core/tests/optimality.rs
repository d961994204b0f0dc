//! Property tests: the solver is exact, feasible and deterministic.

mod common;

use common::{
    Instance, brute_force_optimum, dense_instance_strategy, evaluate, instance_strategy, matcher,
    pairs_by_email, seeded_config,
};
use mentor_match_core::Matcher;
use mentor_match_model::{MatchResult, Roster};
use proptest::prelude::*;

fn solve(instance: &Instance) -> MatchResult {
    matcher(instance, Some(Matcher::DEFAULT_CANDIDATE_LIMIT)).solve().expect("solvable")
}

proptest! {
    #![proptest_config(seeded_config(600, 0x6d61_7463_6865_7231))]

    #[test]
    fn solver_matches_brute_force(instance in instance_strategy(5)) {
        let result = solve(&instance);
        let objective = evaluate(&instance, &result).map_err(TestCaseError::fail)?;
        prop_assert_eq!(objective.key(instance.rules.priority), brute_force_optimum(&instance));
    }

    /// Starting from one or two candidates per mentee forces the pricing
    /// rounds to add omitted pairs back; the optimum must not change.
    #[test]
    fn pruned_candidates_reach_brute_force(instance in instance_strategy(5), limit in 1usize..=2) {
        let report = matcher(&instance, Some(limit)).solve_detailed().expect("solvable");
        prop_assert!(report.candidate_pairs <= report.allowed_pairs);
        prop_assert_eq!(report.flow.check_optimality(&report.network), Ok(()));
        let objective = evaluate(&instance, &report.result).map_err(TestCaseError::fail)?;
        prop_assert_eq!(objective.key(instance.rules.priority), brute_force_optimum(&instance));
    }
}

proptest! {
    #![proptest_config(seeded_config(300, 0x6465_6e73_6521_2121))]

    /// Instances where most pairs are allowed, so that pins, column rules,
    /// third matches and the balanced priority's later levels all matter.
    #[test]
    fn dense_instances_match_brute_force(instance in dense_instance_strategy(6), limit in 1usize..=3) {
        let expected = brute_force_optimum(&instance);
        let result = solve(&instance);
        let objective = evaluate(&instance, &result).map_err(TestCaseError::fail)?;
        prop_assert_eq!(objective.key(instance.rules.priority), expected);

        let pruned = matcher(&instance, Some(limit)).solve().expect("solvable");
        let objective = evaluate(&instance, &pruned).map_err(TestCaseError::fail)?;
        prop_assert_eq!(objective.key(instance.rules.priority), expected);
    }
}

proptest! {
    #![proptest_config(seeded_config(150, 0x7368_7566_666c_6521))]

    #[test]
    fn result_independent_of_row_order(instance in instance_strategy(6), seed in any::<u64>()) {
        let result = solve(&instance);
        let mut mentors = instance.roster.mentors().to_vec();
        let mut mentees = instance.roster.mentees().to_vec();
        shuffle(&mut mentors, seed);
        shuffle(&mut mentees, seed.rotate_left(17));
        let shuffled = Instance { roster: Roster::new(mentors, mentees).unwrap(), ..instance.clone() };
        let shuffled_result = solve(&shuffled);
        prop_assert_eq!(pairs_by_email(&instance.roster, &result), pairs_by_email(&shuffled.roster, &shuffled_result));
        prop_assert_eq!(result.total_score, shuffled_result.total_score);
    }

    #[test]
    fn result_independent_of_thread_count(instance in instance_strategy(6)) {
        let run = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            pool.install(|| solve(&instance))
        };
        prop_assert_eq!(run(1), run(2));
    }
}

/// Fisher-Yates with SplitMix64, so the permutation depends only on `seed`.
fn shuffle<T>(items: &mut [T], mut seed: u64) {
    for i in (1..items.len()).rev() {
        seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        items.swap(i, (z % (i as u64 + 1)) as usize);
    }
}
