//! Solves arbitrary small flow networks and rosters.
//!
//! A flow solution must respect capacities and conservation and carry an
//! optimality certificate. A matching must keep every hard rule of the
//! default configuration and every capacity.

#![no_main]

use std::collections::HashSet;

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use mentor_match_core::flow::{FlowArc, FlowProblem, solve};
use mentor_match_core::match_roster;
use mentor_match_model::{Exclusions, GradeLadder, Participant, Priority, Roster, RuleConfig};

#[derive(Debug, Arbitrary)]
struct Input {
    nodes: u8,
    arcs: Vec<(u8, u8, u8, i8)>,
    people: Vec<Person>,
    most_mentees: bool,
    exclusions: Vec<(u8, u8)>,
}

#[derive(Debug, Arbitrary)]
struct Person {
    is_mentor: bool,
    /// Same email as an earlier person on the other side.
    both: Option<u8>,
    grade: u8,
    organisation: u8,
    profession: u8,
    characteristic: u8,
    wants_similar: bool,
    max_matches: Option<u8>,
}

fuzz_target!(|input: Input| {
    check_flow(&input);
    check_matching(&input);
});

fn check_flow(input: &Input) {
    let node_count = usize::from(input.nodes % 12) + 2;
    let arcs: Vec<FlowArc> = input
        .arcs
        .iter()
        .take(40)
        .map(|&(tail, head, capacity, cost)| FlowArc {
            tail: u32::from(tail) % node_count as u32,
            head: u32::from(head) % node_count as u32,
            capacity: i64::from(capacity % 6),
            cost: i64::from(cost % 20),
        })
        .collect();
    let problem = FlowProblem { node_count, arcs, source: 0, sink: node_count as u32 - 1 };
    let Ok(solution) = solve(&problem) else {
        // Negative-cost cycles are rejected, not solved.
        return;
    };

    let mut balance = vec![0i64; node_count];
    let mut cost = 0;
    for (arc, &flow) in problem.arcs.iter().zip(&solution.flow) {
        assert!((0..=arc.capacity).contains(&flow), "flow {flow} on {arc:?}");
        balance[arc.tail as usize] -= flow;
        balance[arc.head as usize] += flow;
        cost += flow * arc.cost;
    }
    for (node, &net) in balance.iter().enumerate() {
        if node != 0 && node != node_count - 1 {
            assert_eq!(net, 0, "flow is not conserved at node {node}");
        }
    }
    assert_eq!(balance[node_count - 1], solution.value);
    assert_eq!(cost, solution.cost);
    solution.check_optimality(&problem).expect("optimality certificate");
}

fn check_matching(input: &Input) {
    let ladder = GradeLadder::default();
    let names = ladder.names();
    let mut mentors = Vec::new();
    let mut mentees = Vec::new();
    for (index, person) in input.people.iter().take(24).enumerate() {
        let own_side = if person.is_mentor { &mentors } else { &mentees };
        let other_side: &Vec<Participant> = if person.is_mentor { &mentees } else { &mentors };
        let shared = person.both.and_then(|pick| {
            (!other_side.is_empty())
                .then(|| other_side[usize::from(pick) % other_side.len()].clone())
        });
        let email = match &shared {
            Some(other) if !own_side.iter().any(|p: &Participant| p.email == other.email) => {
                other.email.clone()
            }
            _ => format!("p{index}@example.org"),
        };
        let mut participant = Participant::new("P", "Q", &email)
            .with_grade(&names[usize::from(person.grade) % names.len()])
            .with_organisation(&format!("org {}", person.organisation % 3))
            .with_profession(&format!("profession {}", person.profession % 3));
        participant.characteristics = vec![format!("c{}", person.characteristic % 3)];
        participant.wants_similar_identity = person.wants_similar;
        participant.max_matches = person.max_matches.map(|max| u32::from(max % 5));
        participant.both_roles = shared.is_some();
        if person.is_mentor {
            mentors.push(participant);
        } else {
            mentees.push(participant);
        }
    }
    let Ok(roster) = Roster::new(mentors, mentees) else {
        return;
    };

    let mut exclusions = Exclusions::new();
    for &(mentor, mentee) in &input.exclusions {
        if let (Some(m), Some(e)) =
            (roster.mentors().get(usize::from(mentor)), roster.mentees().get(usize::from(mentee)))
        {
            exclusions.insert(&m.email, &e.email);
        }
    }
    let priority = if input.most_mentees { Priority::MostMentees } else { Priority::BestMatches };
    let rules = RuleConfig { priority, ..RuleConfig::default() };
    let result = match_roster(&roster, &rules, &exclusions).expect("a valid roster matches");

    let mut seen = HashSet::new();
    let mut mentor_counts = vec![0u32; roster.mentors().len()];
    let mut mentee_counts = vec![0u32; roster.mentees().len()];
    for pair in &result.pairs {
        assert!(seen.insert((pair.mentor, pair.mentee)), "pair twice: {pair:?}");
        let mentor = &roster.mentors()[pair.mentor];
        let mentee = &roster.mentees()[pair.mentee];
        assert_ne!(mentor.id(), mentee.id(), "a person matched with themselves");
        assert!(!exclusions.contains(&mentor.id(), &mentee.id()), "an excluded pair");
        assert_ne!(mentor.organisation, mentee.organisation, "same organisation");
        let gap = ladder.index_of(&mentor.grade).unwrap() as i64
            - ladder.index_of(&mentee.grade).unwrap() as i64;
        assert!((1..=2).contains(&gap), "seniority gap {gap}");
        mentor_counts[pair.mentor] += 1;
        mentee_counts[pair.mentee] += 1;
    }
    for (participant, &count) in roster.mentors().iter().zip(&mentor_counts) {
        assert!(count <= participant.max_matches.unwrap_or(rules.mentor_capacity));
    }
    for (participant, &count) in roster.mentees().iter().zip(&mentee_counts) {
        assert!(count <= participant.max_matches.unwrap_or(rules.mentee_capacity));
    }
    assert_eq!(result.mentor_match_counts, mentor_counts);
    assert_eq!(result.mentee_match_counts, mentee_counts);
    assert_eq!(result.total_score, result.pairs.iter().map(|pair| pair.score).sum::<i64>());
}
