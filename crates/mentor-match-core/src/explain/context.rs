//! The optimal solution seen as a residual network over every allowed
//! pair, for the searches that explain it.

use std::collections::HashMap;

use mentor_match_model::{ObjectiveChange, RuleConfig};

use super::eligible::Eligibility;
use super::scan::{Scan, ScanInputs, scan_allowed_pairs};
use crate::SolveReport;
use crate::candidates::{AllowedPairs, PairScorer};
use crate::compile::CompiledRoster;
use crate::flow::FlowArc;
use crate::network::NetworkLayout;

/// A pair of the residual path a search found: which pair it matches or
/// unmatches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// An arc that is not a pair's.
    Other,
    /// Matches the pair `(mentee, mentor)`, by position.
    Match(u32, u32),
    /// Unmatches the pair `(mentee, mentor)`, by position.
    Unmatch(u32, u32),
}

/// A residual arc other than the forward arc of an unmatched pair, which
/// the searches enumerate from the allowed pairs instead.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StaticArc {
    pub head: u32,
    pub reduced_cost: i64,
    pub step: Step,
}

/// The final flow, its potentials, and every allowed pair, so that a
/// search can follow any residual arc of the full network, pairs left out
/// of the solved network included.
pub(crate) struct Context<'a> {
    pub roster: &'a CompiledRoster,
    pub rules: &'a RuleConfig,
    pub scorer: PairScorer<'a>,
    pub allowed: &'a AllowedPairs,
    pub layout: &'a NetworkLayout,
    pub potentials: &'a [i64],
    /// Static residual arcs in compressed sparse row form by tail node.
    pub first_out: Vec<usize>,
    pub arcs: Vec<StaticArc>,
    /// Mentors matched with each mentee through the network, sorted.
    pub network_matches: Vec<Vec<u32>>,
    /// Lowest reduced cost of an allowed pair's arc that is neither in the
    /// solved network nor stored in `arcs`, by tail node (`i64::MAX` for
    /// none). A search enumerates a node's omitted pairs only when this
    /// shows one could help.
    pub min_omitted: Vec<i64>,
    /// Eligible candidates and pair ranks.
    pub eligibility: Eligibility,
    /// Lowest reduced cost of a residual arc other than a pair's, by node:
    /// from the source, to the source and to the sink (`i64::MAX` for
    /// none).
    pub from_source: Vec<i64>,
    pub to_source: Vec<i64>,
    pub to_sink: Vec<i64>,
    /// Lowest reduced cost of a stored residual arc into each node and out
    /// of each node. Every arc into a mentee or sub-node and every arc out
    /// of a mentor is stored, so for those nodes the values are exact
    /// bounds.
    pub min_in: Vec<i64>,
    pub min_out: Vec<i64>,
    /// Reduced cost of the arc sink -> source.
    pub sink_to_source: i64,
    /// Lowest reduced cost of a residual slot arc from each mentee to its
    /// profession sub-node, and back, by mentee position.
    pub slot_forward: Vec<i64>,
    pub slot_back: Vec<i64>,
    /// Matches of each mentor and mentee position, pins included.
    pub mentor_matches: Vec<u32>,
    pub mentee_matches: Vec<u32>,
    /// Mentee of each profession sub-node, by node minus the first one.
    sub_node_owner: Vec<u32>,
    first_sub_node: usize,
    /// Canonical position of each roster index.
    pub mentor_position: Vec<usize>,
    pub mentee_position: Vec<usize>,
}

/// The role of a node in the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Node {
    Mentee(usize),
    Profession(usize),
    Mentor(usize),
    Terminal,
}

impl<'a> Context<'a> {
    pub fn new(
        roster: &'a CompiledRoster,
        rules: &'a RuleConfig,
        allowed: &'a AllowedPairs,
        report: &'a SolveReport,
    ) -> Self {
        let layout = &report.layout;
        let candidates = &report.candidates;
        let problem = &report.network;
        let flow = &report.flow.flow;
        let potentials = &report.flow.potentials;
        let n_mentees = roster.mentees.len();

        let mut pair_of_arc: HashMap<u32, (u32, u32)> = HashMap::new();
        let mut network_matches = vec![Vec::new(); n_mentees];
        for (mentee, matches) in network_matches.iter_mut().enumerate() {
            for c in candidates.range(mentee) {
                let arc = layout.pair_arc[c];
                let mentor = candidates.mentor[c];
                if flow[arc as usize] > 0 {
                    pair_of_arc.insert(arc, (mentee as u32, mentor));
                    matches.push(mentor);
                }
            }
        }
        let is_pair_arc = {
            let mut is_pair = vec![false; problem.arcs.len()];
            for &arc in &layout.pair_arc {
                is_pair[arc as usize] = true;
            }
            is_pair
        };

        let reduced =
            |tail: usize, head: usize, cost: i64| cost + potentials[tail] - potentials[head];
        let mut by_tail: Vec<Vec<StaticArc>> = vec![Vec::new(); problem.node_count];
        for (k, arc) in problem.arcs.iter().enumerate() {
            let (tail, head) = (arc.tail as usize, arc.head as usize);
            if let Some(&(mentee, mentor)) = pair_of_arc.get(&(k as u32)) {
                by_tail[head].push(StaticArc {
                    head: tail as u32,
                    reduced_cost: reduced(head, tail, -arc.cost),
                    step: Step::Unmatch(mentee, mentor),
                });
                continue;
            }
            if is_pair_arc[k] {
                // Unmatched candidate pairs are stored with their mentee
                // and mentor, found below.
                continue;
            }
            if flow[k] < arc.capacity {
                by_tail[tail].push(StaticArc {
                    head: head as u32,
                    reduced_cost: reduced(tail, head, arc.cost),
                    step: Step::Other,
                });
            }
            if flow[k] > 0 {
                by_tail[head].push(StaticArc {
                    head: tail as u32,
                    reduced_cost: reduced(head, tail, -arc.cost),
                    step: Step::Other,
                });
            }
        }
        for mentee in 0..n_mentees {
            for c in candidates.range(mentee) {
                let arc = layout.pair_arc[c] as usize;
                if flow[arc] == 0 {
                    let FlowArc { tail, head, cost, .. } = problem.arcs[arc];
                    by_tail[tail as usize].push(StaticArc {
                        head,
                        reduced_cost: reduced(tail as usize, head as usize, cost),
                        step: Step::Match(mentee as u32, candidates.mentor[c]),
                    });
                }
            }
        }
        let scorer = PairScorer::new(roster, rules);
        let Scan { omitted, eligibility } = scan_allowed_pairs(&ScanInputs {
            scorer: &scorer,
            allowed,
            rules,
            candidates,
            layout,
            potentials,
            network_matches: &network_matches,
            node_count: problem.node_count,
        });
        for &(tail, mentee, mentor, reduced_cost) in &omitted.stored {
            by_tail[tail].push(StaticArc {
                head: layout.mentor_node(mentor) as u32,
                reduced_cost,
                step: Step::Match(mentee, mentor),
            });
        }
        // The flow may have any value, which the solver models as a
        // circulation with an arc sink -> source of cost 0.
        let (source, sink) = (problem.source as usize, problem.sink as usize);
        by_tail[sink].push(StaticArc {
            head: source as u32,
            reduced_cost: reduced(sink, source, 0),
            step: Step::Other,
        });
        if report.flow.value > 0 {
            by_tail[source].push(StaticArc {
                head: sink as u32,
                reduced_cost: reduced(source, sink, 0),
                step: Step::Other,
            });
        }
        let mut first_out = Vec::with_capacity(problem.node_count + 1);
        first_out.push(0);
        let mut arcs = Vec::new();
        for list in by_tail {
            arcs.extend(list);
            first_out.push(arcs.len());
        }
        let node_count = problem.node_count;
        let mut from_source = vec![i64::MAX; node_count];
        let mut to_source = vec![i64::MAX; node_count];
        let mut to_sink = vec![i64::MAX; node_count];
        let mut sink_to_source = i64::MAX;
        let mut slot_forward = vec![i64::MAX; n_mentees];
        let mut slot_back = vec![i64::MAX; n_mentees];
        let sub_nodes = layout.layers().sub_nodes;
        let mut min_in = vec![i64::MAX; node_count];
        let mut min_out = vec![i64::MAX; node_count];
        for tail in 0..node_count {
            for arc in &arcs[first_out[tail]..first_out[tail + 1]] {
                min_in[arc.head as usize] = min_in[arc.head as usize].min(arc.reduced_cost);
                min_out[tail] = min_out[tail].min(arc.reduced_cost);
                if arc.step != Step::Other {
                    continue;
                }
                let (head, cost) = (arc.head as usize, arc.reduced_cost);
                let lower = |slot: &mut i64| *slot = (*slot).min(cost);
                if tail == source && head == sink {
                    continue;
                } else if tail == source {
                    lower(&mut from_source[head]);
                } else if head == source && tail == sink {
                    sink_to_source = sink_to_source.min(cost);
                } else if head == source {
                    lower(&mut to_source[tail]);
                } else if head == sink {
                    lower(&mut to_sink[tail]);
                } else if sub_nodes.contains(&head) {
                    lower(&mut slot_forward[tail - 1]);
                } else if sub_nodes.contains(&tail) {
                    lower(&mut slot_back[head - 1]);
                }
            }
        }

        let layers = layout.layers();
        let mut sub_node_owner = vec![u32::MAX; layers.sub_nodes.len()];
        for mentee in 0..n_mentees {
            let node = layout.pair_tail(mentee, true);
            if layers.sub_nodes.contains(&node) {
                sub_node_owner[node - layers.sub_nodes.start] = mentee as u32;
            }
        }

        let mut mentor_matches = roster.mentors.pinned.clone();
        let mut mentee_matches = roster.mentees.pinned.clone();
        for (mentee, matches) in network_matches.iter().enumerate() {
            mentee_matches[mentee] += matches.len() as u32;
            for &mentor in matches {
                mentor_matches[mentor as usize] += 1;
            }
        }
        let positions = |roster_index: &[usize]| {
            let mut position = vec![0; roster_index.len()];
            for (pos, &index) in roster_index.iter().enumerate() {
                position[index] = pos;
            }
            position
        };

        Context {
            roster,
            rules,
            scorer,
            min_omitted: omitted.min_rest,
            eligibility,
            from_source,
            to_source,
            to_sink,
            sink_to_source,
            min_in,
            min_out,
            slot_forward,
            slot_back,
            allowed,
            layout,
            potentials,
            first_out,
            arcs,
            network_matches,
            mentor_matches,
            mentee_matches,
            sub_node_owner,
            first_sub_node: layers.sub_nodes.start,
            mentor_position: positions(&roster.mentors.roster_index),
            mentee_position: positions(&roster.mentees.roster_index),
        }
    }

    /// Returns what `node` stands for.
    pub fn node(&self, node: usize) -> Node {
        let n_mentees = self.roster.mentees.len();
        if (1..=n_mentees).contains(&node) {
            Node::Mentee(node - 1)
        } else if (self.first_sub_node..self.first_sub_node + self.sub_node_owner.len())
            .contains(&node)
        {
            Node::Profession(self.sub_node_owner[node - self.first_sub_node] as usize)
        } else if self.layout.layers().mentors.contains(&node) {
            Node::Mentor(node - self.layout.layers().mentors.start)
        } else {
            Node::Terminal
        }
    }

    /// Returns `true` when the pair was matched through the network.
    pub fn network_matched(&self, mentor: usize, mentee: usize) -> bool {
        self.network_matches[mentee].binary_search(&(mentor as u32)).is_ok()
    }

    /// Returns the participant's total capacity: `max matches`, pins
    /// included.
    pub fn mentor_capacity(&self, mentor: usize) -> u32 {
        self.roster.mentors.capacity[mentor] + self.roster.mentors.pinned[mentor]
    }

    /// Returns the mentee's total capacity.
    pub fn mentee_capacity(&self, mentee: usize) -> u32 {
        self.roster.mentees.capacity[mentee] + self.roster.mentees.pinned[mentee]
    }

    /// Returns the reduced cost of a pair's forward arc.
    pub fn pair_reduced_cost(&self, mentor: usize, mentee: usize, score: i64, same: bool) -> i64 {
        let tail = self.layout.pair_tail(mentee, same);
        -self.layout.weights.score * score + self.potentials[tail]
            - self.potentials[self.layout.mentor_node(mentor as u32)]
    }

    /// Returns what the pair would score as the mentee's only match: its
    /// points plus the first profession slot's for the same profession.
    pub fn standalone_value(&self, score: i64, same: bool) -> i64 {
        score + if same { self.rules.profession_points_for_slot(0) } else { 0 }
    }

    /// Returns what matching `added` and unmatching `removed` (positions
    /// `(mentee, mentor)`) would change.
    pub fn change(&self, added: &[(u32, u32)], removed: &[(u32, u32)]) -> ObjectiveChange {
        let mut mentor_delta: HashMap<u32, i64> = HashMap::new();
        let mut mentee_pairs: HashMap<u32, (Vec<u32>, Vec<u32>)> = HashMap::new();
        for &(mentee, mentor) in added {
            *mentor_delta.entry(mentor).or_default() += 1;
            mentee_pairs.entry(mentee).or_default().0.push(mentor);
        }
        for &(mentee, mentor) in removed {
            *mentor_delta.entry(mentor).or_default() -= 1;
            mentee_pairs.entry(mentee).or_default().1.push(mentor);
        }
        let mut change = ObjectiveChange {
            pairs: added.len() as i64 - removed.len() as i64,
            ..ObjectiveChange::default()
        };
        let at_least = |count: i64, level: i64| i64::from(count >= level);
        for (&mentor, &delta) in &mentor_delta {
            let old = i64::from(self.mentor_matches[mentor as usize]);
            change.mentors_matched += at_least(old + delta, 1) - at_least(old, 1);
        }
        for (&mentee, (plus, minus)) in &mentee_pairs {
            let mentee = mentee as usize;
            let mut mentors: Vec<u32> = self.network_matches[mentee].clone();
            mentors.extend_from_slice(self.allowed.pinned_mentors(mentee));
            let old_score = self.mentee_score(mentee, &mentors);
            let old_count = mentors.len() as i64;
            mentors.retain(|mentor| !minus.contains(mentor));
            mentors.extend_from_slice(plus);
            let new_score = self.mentee_score(mentee, &mentors);
            let new_count = mentors.len() as i64;
            change.total_score += new_score - old_score;
            for (level, field) in [
                (1, &mut change.mentees_matched),
                (2, &mut change.mentees_with_two),
                (3, &mut change.mentees_with_three),
            ] {
                *field += at_least(new_count, level) - at_least(old_count, level);
            }
        }
        change
    }

    /// Returns the total score of a mentee's matches: each pair's points,
    /// plus the profession slot points for as many slots as it has
    /// same-profession matches.
    fn mentee_score(&self, mentee: usize, mentors: &[u32]) -> i64 {
        let mut total = 0;
        let mut same_count = 0;
        for &mentor in mentors {
            // Every matched or forced pair is allowed by the rules.
            total += self.scorer.score_total(mentor as usize, mentee).unwrap_or(0);
            same_count += usize::from(self.scorer.same_profession(mentor as usize, mentee));
        }
        total + (0..same_count).map(|slot| self.rules.profession_points_for_slot(slot)).sum::<i64>()
    }

    /// Returns the change's weighted value under the priority's weights,
    /// which must equal minus the cost of the residual cycle that makes it.
    pub fn weighted(&self, change: &ObjectiveChange) -> i128 {
        let weights = &self.layout.weights;
        let term = |weight: i64, count: i64| i128::from(weight) * i128::from(count);
        term(weights.score, change.total_score)
            + term(weights.mentee_bonus[0], change.mentees_matched)
            + term(weights.mentee_bonus[1], change.mentees_with_two)
            + term(weights.mentee_bonus[2], change.mentees_with_three)
            + term(weights.mentor_bonus, change.mentors_matched)
    }
}
