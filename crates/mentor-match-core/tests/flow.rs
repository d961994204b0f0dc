//! The min-cost flow solver on its own: exactness against enumeration on
//! tiny networks, the optimality certificate, and malformed input.

mod common;

use common::seeded_config;
use mentor_match_core::flow::{FlowArc, FlowError, FlowProblem, solve};
use proptest::prelude::*;

/// Minimum cost over every feasible flow of any value, by enumerating all
/// arc flows (capacities are tiny).
fn brute_force_min_cost(problem: &FlowProblem) -> i64 {
    let n_arcs = problem.arcs.len();
    let mut flow = vec![0i64; n_arcs];
    let mut best = i64::MAX;
    loop {
        let mut balance = vec![0i64; problem.node_count];
        for (arc, &f) in problem.arcs.iter().zip(&flow) {
            balance[arc.tail as usize] -= f;
            balance[arc.head as usize] += f;
        }
        let conserved = (0..problem.node_count)
            .all(|v| v == problem.source as usize || v == problem.sink as usize || balance[v] == 0);
        let value = -balance[problem.source as usize];
        if conserved && value == balance[problem.sink as usize] && value >= 0 {
            best = best.min(problem.arcs.iter().zip(&flow).map(|(a, f)| a.cost * f).sum());
        }
        // Next flow vector in mixed radix (capacity + 1 per arc).
        let mut i = 0;
        loop {
            if i == n_arcs {
                return best;
            }
            if flow[i] < problem.arcs[i].capacity {
                flow[i] += 1;
                break;
            }
            flow[i] = 0;
            i += 1;
        }
    }
}

/// Random acyclic networks (every arc goes from a lower to a higher node),
/// so no negative cycle exists, with parallel arcs allowed.
fn dag_strategy() -> impl Strategy<Value = FlowProblem> {
    (3usize..=6).prop_flat_map(|n| {
        let arc = (0..n as u32, 0..n as u32, 0i64..=2, -6i64..=6).prop_filter_map(
            "self loop",
            |(a, b, capacity, cost)| {
                (a != b).then(|| FlowArc { tail: a.min(b), head: a.max(b), capacity, cost })
            },
        );
        prop::collection::vec(arc, 1..=8).prop_map(move |arcs| FlowProblem {
            node_count: n,
            arcs,
            source: 0,
            sink: n as u32 - 1,
        })
    })
}

proptest! {
    #![proptest_config(seeded_config(400, 0x666c_6f77_5f6f_7261))]

    #[test]
    fn solver_cost_matches_enumeration(problem in dag_strategy()) {
        let solution = solve(&problem).expect("acyclic network");
        prop_assert_eq!(solution.check_optimality(&problem), Ok(()));
        prop_assert_eq!(solution.cost, brute_force_min_cost(&problem));
    }
}

/// Random networks with cycles, parallel and opposite arcs, self loops
/// and arcs of capacity 0. Each cost is `w + p(tail) - p(head)` for a
/// random `w >= 0` and random node values `p`, so every cycle costs
/// `sum w >= 0` and no negative cycle exists, while `s`-`t` paths may
/// still be worth using. Zero-cost cycles and ties make many degenerate
/// pivots.
fn cyclic_strategy() -> impl Strategy<Value = FlowProblem> {
    (3usize..=6).prop_flat_map(|n| {
        let values = prop::collection::vec(-4i64..=4, n);
        let arcs = prop::collection::vec((0..n as u32, 0..n as u32, 0i64..=2, 0i64..=2), 1..=8);
        (values, arcs).prop_map(move |(values, arcs)| FlowProblem {
            node_count: n,
            arcs: arcs
                .into_iter()
                .map(|(tail, head, capacity, slack)| FlowArc {
                    tail,
                    head,
                    capacity,
                    cost: slack + values[tail as usize] - values[head as usize],
                })
                .collect(),
            source: 0,
            sink: n as u32 - 1,
        })
    })
}

proptest! {
    #![proptest_config(seeded_config(400, 0x6379_636c_6963_5f66))]

    #[test]
    fn solver_cost_matches_enumeration_with_cycles(problem in cyclic_strategy()) {
        let solution = solve(&problem).expect("no negative cycle");
        prop_assert_eq!(solution.check_optimality(&problem), Ok(()));
        prop_assert_eq!(solution.cost, brute_force_min_cost(&problem));
    }
}

/// Networks made of 2 to 4 random acyclic parts that share only the
/// source (node 0) and the sink (node 1).
fn parts_strategy() -> impl Strategy<Value = FlowProblem> {
    let part = (2usize..=6).prop_flat_map(|inner| {
        // Part-local numbering: 0 is the source, 1..=inner the inner nodes
        // in topological order, inner + 1 the sink.
        let arc = (0..inner as u32 + 2, 0..inner as u32 + 2, 0i64..=3, -9i64..=9);
        (Just(inner), prop::collection::vec(arc, 1..=12))
    });
    prop::collection::vec(part, 2..=4).prop_map(|parts| {
        let mut problem = FlowProblem { node_count: 2, arcs: Vec::new(), source: 0, sink: 1 };
        for (inner, arcs) in parts {
            let first = problem.node_count as u32;
            let global = |v: u32| match v {
                0 => 0,
                v if v == inner as u32 + 1 => 1,
                v => first + v - 1,
            };
            for (a, b, capacity, cost) in arcs {
                let (tail, head) = (a.min(b), a.max(b));
                // Skip self loops and direct source-sink arcs, which would
                // join every part.
                if tail == head || (tail == 0 && head == inner as u32 + 1) {
                    continue;
                }
                problem.arcs.push(FlowArc {
                    tail: global(tail),
                    head: global(head),
                    capacity,
                    cost,
                });
            }
            problem.node_count += inner;
        }
        problem
    })
}

proptest! {
    #![proptest_config(seeded_config(300, 0x7061_7274_735f_666c))]

    /// Solving the parts apart and merging them gives the same optimal cost
    /// as solving the network whole, and a valid certificate. Arcs of
    /// capacity 0 between the parts join them for the split, so the second
    /// solve runs on one connected network with the same optimum.
    #[test]
    fn split_parts_match_whole_network(problem in parts_strategy()) {
        let split = solve(&problem).expect("acyclic network");
        prop_assert_eq!(split.check_optimality(&problem), Ok(()));

        let mut joined = problem.clone();
        for v in 3..joined.node_count as u32 {
            joined.arcs.push(FlowArc { tail: v - 1, head: v, capacity: 0, cost: 0 });
        }
        let whole = solve(&joined).expect("acyclic network");
        prop_assert_eq!(whole.check_optimality(&joined), Ok(()));
        prop_assert_eq!(split.cost, whole.cost);
    }
}

fn arc(tail: u32, head: u32, capacity: i64, cost: i64) -> FlowArc {
    FlowArc { tail, head, capacity, cost }
}

#[test]
fn zero_cost_cycle_terminates() {
    // 1 -> 2 -> 1 is a zero-cost cycle among admissible arcs.
    let problem = FlowProblem {
        node_count: 4,
        arcs: vec![
            arc(0, 1, 2, -3),
            arc(1, 2, 2, 0),
            arc(2, 1, 2, 0),
            arc(2, 3, 1, 0),
            arc(1, 3, 1, 1),
        ],
        source: 0,
        sink: 3,
    };
    let solution = solve(&problem).unwrap();
    assert_eq!(solution.cost, -5);
    assert_eq!(solution.value, 2);
    assert_eq!(solution.check_optimality(&problem), Ok(()));
}

#[test]
fn negative_cycle_rejected() {
    let problem = FlowProblem {
        node_count: 3,
        arcs: vec![arc(0, 1, 1, 0), arc(1, 2, 1, -1), arc(2, 1, 1, -1)],
        source: 0,
        sink: 2,
    };
    assert_eq!(solve(&problem), Err(FlowError::NegativeCycle));
}

#[test]
fn invalid_arc_rejected() {
    let problem = FlowProblem { node_count: 2, arcs: vec![arc(0, 5, 1, 0)], source: 0, sink: 1 };
    assert_eq!(solve(&problem), Err(FlowError::InvalidArc { arc: 0 }));
    let negative = FlowProblem { node_count: 2, arcs: vec![arc(0, 1, -1, 0)], source: 0, sink: 1 };
    assert_eq!(solve(&negative), Err(FlowError::InvalidArc { arc: 0 }));
}

#[test]
fn certificate_rejects_suboptimal_flow() {
    let problem = FlowProblem { node_count: 2, arcs: vec![arc(0, 1, 1, -4)], source: 0, sink: 1 };
    let mut solution = solve(&problem).unwrap();
    assert_eq!(solution.flow, vec![1]);
    solution.flow = vec![0];
    solution.value = 0;
    assert!(solution.check_optimality(&problem).is_err());
}
