//! The "most mentees" priority checked against petgraph's maximum flow: no
//! matching within the rules can give at least one mentor to more mentees.

mod common;

use common::{Instance, pair_score};
use mentor_match_core::match_roster;
use mentor_match_io::synthetic::{SyntheticSpec, generate};
use mentor_match_model::{Exclusions, Priority, RuleConfig};
use petgraph::algo::dinics;
use petgraph::graph::DiGraph;

/// Largest number of mentees that can each get one mentor: a maximum flow
/// from a source through every mentee (capacity 1), every allowed pair
/// (capacity 1) and every mentor (its capacity) to a sink.
fn max_mentees_matched(instance: &Instance) -> u32 {
    let roster = &instance.roster;
    let mut graph = DiGraph::<(), u32>::new();
    let source = graph.add_node(());
    let sink = graph.add_node(());
    let mentees: Vec<_> = roster.mentees().iter().map(|_| graph.add_node(())).collect();
    let mentors: Vec<_> = roster.mentors().iter().map(|_| graph.add_node(())).collect();
    for (e, &node) in mentees.iter().enumerate() {
        let capacity = roster.mentees()[e].max_matches.unwrap_or(instance.rules.mentee_capacity);
        graph.add_edge(source, node, capacity.min(1));
    }
    for (r, &node) in mentors.iter().enumerate() {
        let capacity = roster.mentors()[r].max_matches.unwrap_or(instance.rules.mentor_capacity);
        graph.add_edge(node, sink, capacity);
        for (e, &mentee) in mentees.iter().enumerate() {
            if pair_score(instance, r, e).is_some() {
                graph.add_edge(mentee, node, 1);
            }
        }
    }
    dinics(&graph, source, sink).0
}

#[test]
fn most_mentees_reaches_max_flow() {
    for (size, seed) in [(20, 1), (60, 2), (150, 3), (150, 4)] {
        let mut roster = generate(&SyntheticSpec { mentors: size, mentees: 2 * size, seed });
        // Fewer mentors than mentees, so that not every mentee can be
        // matched and the maximum is a real constraint.
        if roster.mentors().len() > size / 2 {
            let mentors = roster.mentors()[..size / 2].to_vec();
            roster = mentor_match_model::Roster::new(mentors, roster.mentees().to_vec()).unwrap();
        }
        let rules = RuleConfig { priority: Priority::MostMentees, ..RuleConfig::default() };
        let instance = Instance {
            roster,
            rules,
            exclusions: Exclusions::new(),
            pins: Default::default(),
            city_rule: None,
        };
        let result = match_roster(&instance.roster, &instance.rules, &instance.exclusions).unwrap();

        let optimum = max_mentees_matched(&instance);
        assert!(
            optimum < instance.roster.mentees().len() as u32,
            "size {size}: the test needs unmatched mentees"
        );
        assert_eq!(result.matched_mentee_count() as u32, optimum, "size {size}, seed {seed}");
    }
}
