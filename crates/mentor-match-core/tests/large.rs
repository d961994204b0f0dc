//! The solver on generated programmes: agreement with a plain reference
//! solver, the optimality certificate over every allowed pair, determinism
//! and the size limit.

mod common;

use std::collections::HashMap;

use common::{pairs_by_email, seeded_config};
use mentor_match_core::flow::{FlowProblem, FlowSolution};
use mentor_match_core::{MAX_PARTICIPANTS_PER_SIDE, MatchError, Matcher, SolveReport};
use mentor_match_io::synthetic::{SyntheticSpec, generate};
use mentor_match_model::{Exclusions, MatchResult, Participant, Priority, Roster, RuleConfig};
use proptest::prelude::*;

/// Successive shortest paths, one unit at a time, with a queue-based
/// Bellman-Ford search on the residual network and no potentials: slow and
/// simple, written independently of `flow::solve`. Returns the minimum cost
/// over every flow value.
fn reference_min_cost(problem: &FlowProblem) -> i64 {
    let n = problem.node_count;
    // Residual arcs: (head, capacity, cost, index of the reverse arc).
    let mut adjacency: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut arcs: Vec<(usize, i64, i64, usize)> = Vec::new();
    for arc in &problem.arcs {
        let forward = arcs.len();
        arcs.push((arc.head as usize, arc.capacity, arc.cost, forward + 1));
        arcs.push((arc.tail as usize, 0, -arc.cost, forward));
        adjacency[arc.tail as usize].push(forward);
        adjacency[arc.head as usize].push(forward + 1);
    }
    let (source, sink) = (problem.source as usize, problem.sink as usize);
    let mut total = 0;
    loop {
        let mut dist = vec![i64::MAX; n];
        let mut via = vec![usize::MAX; n];
        let mut queued = vec![false; n];
        let mut queue = std::collections::VecDeque::from([source]);
        dist[source] = 0;
        while let Some(v) = queue.pop_front() {
            queued[v] = false;
            for &a in &adjacency[v] {
                let (w, capacity, cost, _) = arcs[a];
                if capacity > 0 && dist[v] + cost < dist[w] {
                    dist[w] = dist[v] + cost;
                    via[w] = a;
                    if !queued[w] {
                        queued[w] = true;
                        queue.push_back(w);
                    }
                }
            }
        }
        if dist[sink] == i64::MAX || dist[sink] >= 0 {
            return total;
        }
        let mut v = sink;
        while v != source {
            let a = via[v];
            arcs[a].1 -= 1;
            let reverse = arcs[a].3;
            arcs[reverse].1 += 1;
            v = arcs[reverse].0;
        }
        total += dist[sink];
    }
}

fn roster(size: usize, seed: u64) -> Roster {
    generate(&SyntheticSpec { mentors: size, mentees: size, seed })
}

fn solve(roster: &Roster, rules: &RuleConfig, limit: Option<usize>) -> SolveReport {
    Matcher::with_candidate_limit(roster, rules, &Exclusions::new(), limit)
        .expect("valid roster")
        .solve_detailed()
        .expect("solvable")
}

/// Lexicographic key of a result under its priority.
fn key(result: &MatchResult) -> [i64; 4] {
    let s = result.total_score;
    let [e1, e2, e3] = [1, 2, 3].map(|k| result.mentees_with_at_least(k) as i64);
    let r = result.matched_mentor_count() as i64;
    match result.priority {
        Priority::BestMatches => [s, e1, r, 0],
        Priority::MostMentees => [e1, r, s, 0],
        _ => [e1, e2, e3, s],
    }
}

proptest! {
    #![proptest_config(seeded_config(16, 0x7265_6665_7265_6e63))]

    #[test]
    fn solver_agrees_with_reference_solver(size in 8usize..=30, seed in any::<u64>(), priority in 0u8..3) {
        let priority = [Priority::BestMatches, Priority::MostMentees, Priority::Balanced][priority as usize];
        let rules = RuleConfig { priority, ..RuleConfig::default() };
        let roster = roster(size, seed);

        let full = solve(&roster, &rules, None);
        prop_assert_eq!(full.flow.cost, reference_min_cost(&full.network));

        // Two candidates per mentee force pricing rounds; the optimum of the
        // full problem must come out all the same.
        let pruned = solve(&roster, &rules, Some(2));
        prop_assert_eq!(key(&pruned.result), key(&full.result));
    }
}

/// Maps the flow of `pruned` onto the arcs of `full`, which has the same
/// nodes and a superset of the arcs.
fn flow_on_full_network(pruned: &SolveReport, full: &FlowProblem) -> FlowSolution {
    let mut flows: HashMap<(u32, u32, i64), Vec<i64>> = HashMap::new();
    for (arc, &flow) in pruned.network.arcs.iter().zip(&pruned.flow.flow) {
        flows.entry((arc.tail, arc.head, arc.cost)).or_default().push(flow);
    }
    let flow = full
        .arcs
        .iter()
        .map(|arc| flows.get_mut(&(arc.tail, arc.head, arc.cost)).and_then(Vec::pop).unwrap_or(0))
        .collect();
    FlowSolution { flow, ..pruned.flow.clone() }
}

#[test]
fn certificate_covers_every_allowed_pair() {
    let roster = roster(300, 11);
    for priority in [Priority::BestMatches, Priority::MostMentees] {
        let rules = RuleConfig { priority, ..RuleConfig::default() };
        let pruned = solve(&roster, &rules, Some(4));
        assert!(
            pruned.candidate_pairs < pruned.allowed_pairs,
            "{priority}: the test needs omitted pairs"
        );
        assert_eq!(
            pruned.flow.check_optimality(&pruned.network),
            Ok(()),
            "{priority}: pruned network"
        );

        let full = solve(&roster, &rules, None);
        assert_eq!(full.network.node_count, pruned.network.node_count);
        let on_full = flow_on_full_network(&pruned, &full.network);
        assert_eq!(on_full.check_optimality(&full.network), Ok(()), "{priority}: full network");
        assert_eq!(on_full.cost, full.flow.cost, "{priority}: optimal costs");
    }
}

#[test]
fn mid_size_result_deterministic() {
    let roster = roster(1_500, 5);
    let rules = RuleConfig::default();
    let run = |roster: &Roster, threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| solve(roster, &rules, Some(Matcher::DEFAULT_CANDIDATE_LIMIT)).result)
    };
    let one_thread = run(&roster, 1);
    let two_threads = run(&roster, 2);
    assert_eq!(
        serde_json::to_string(&one_thread).unwrap(),
        serde_json::to_string(&two_threads).unwrap()
    );

    let mut mentors = roster.mentors().to_vec();
    let mut mentees = roster.mentees().to_vec();
    mentors.reverse();
    let third = mentees.len() / 3;
    mentees.rotate_left(third);
    let shuffled = Roster::new(mentors, mentees).unwrap();
    let shuffled_result = run(&shuffled, 2);
    assert_eq!(pairs_by_email(&roster, &one_thread), pairs_by_email(&shuffled, &shuffled_result));
}

/// The first solve on the default candidates is already optimal on a
/// generated roster, so no pricing round adds pairs. A worse choice of
/// candidates still gives the optimum, only after more rounds on a larger
/// network, so this guards the speed of the default, not its correctness.
#[test]
fn default_candidates_need_one_round_on_generated_roster() {
    let roster = roster(1_500, 5);
    for priority in [Priority::BestMatches, Priority::MostMentees] {
        let rules = RuleConfig { priority, ..RuleConfig::default() };
        let report = solve(&roster, &rules, Some(Matcher::DEFAULT_CANDIDATE_LIMIT));
        assert!(report.candidate_pairs < report.allowed_pairs, "{priority}: pairs were omitted");
        assert_eq!(report.rounds, 1, "{priority}: solve rounds");
    }
}

#[test]
fn roster_above_limit_rejected() {
    let mentors: Vec<Participant> = (0..=MAX_PARTICIPANTS_PER_SIDE)
        .map(|i| Participant::new("A", "B", &format!("m{i}@example.org")).with_grade("EO"))
        .collect();
    let roster = Roster::new(mentors, Vec::new()).unwrap();
    let rules = RuleConfig::default();
    let error = Matcher::new(&roster, &rules, &Exclusions::new()).unwrap_err();
    assert_eq!(
        error,
        MatchError::TooManyParticipants { mentors: MAX_PARTICIPANTS_PER_SIDE + 1, mentees: 0 }
    );
}
