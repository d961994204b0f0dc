//! One parallel pass over every allowed pair, collecting the explanations'
//! inputs. It finds each mentee's eligible mentors and the ranks of its
//! matched pairs, each mentor's number of eligible mentees, and the
//! cheapest pairs left out of the solved network.

use std::collections::{BTreeMap, BinaryHeap};

use mentor_match_model::{PairRank, RuleConfig};
use rayon::prelude::*;

use super::eligible::Eligibility;
use crate::candidates::{AllowedPairs, CandidateGraph, PairScorer};
use crate::network::NetworkLayout;

/// Omitted pairs stored per tail node with the solved network's arcs.
/// Storing the cheapest few raises the bound below which a search must
/// enumerate a mentee's other omitted pairs.
const STORED_OMITTED: usize = 24;

/// Omitted pairs' arcs: the [`STORED_OMITTED`] cheapest of each tail node
/// as `(tail, mentee, mentor, reduced cost)`, and for each node the lowest
/// reduced cost among the rest (`i64::MAX` for none).
pub(crate) struct OmittedArcs {
    pub stored: Vec<(usize, u32, u32, i64)>,
    pub min_rest: Vec<i64>,
}

/// The pass's inputs: the rules, the solved network and its solution.
pub(crate) struct ScanInputs<'a> {
    pub scorer: &'a PairScorer<'a>,
    pub allowed: &'a AllowedPairs,
    pub rules: &'a RuleConfig,
    pub candidates: &'a CandidateGraph,
    pub layout: &'a NetworkLayout,
    pub potentials: &'a [i64],
    /// Mentors matched with each mentee through the network, sorted.
    pub network_matches: &'a [Vec<u32>],
    pub node_count: usize,
}

/// The pass's findings.
pub(crate) struct Scan {
    pub omitted: OmittedArcs,
    pub eligibility: Eligibility,
}

/// The pass's findings about one mentee.
struct MenteeScan {
    mentee: usize,
    eligible: usize,
    ranks: Vec<((u32, u32), PairRank)>,
    /// For other and same-profession pairs: the stored omitted arcs as
    /// (reduced cost, mentor) and the lowest reduced cost of the rest.
    omitted: [(Vec<(i64, u32)>, i64); 2],
}

/// One thread's share: eligible mentees per mentor, and mentee findings.
type Partial = (Vec<usize>, Vec<MenteeScan>);

/// Enumerates every allowed pair once, in parallel over mentees.
pub(crate) fn scan_allowed_pairs(inputs: &ScanInputs<'_>) -> Scan {
    let n_mentors = inputs.scorer.roster.mentors.len();
    let n_mentees = inputs.scorer.roster.mentees.len();
    let merge = |(mut counts, mut found): Partial, (more_counts, more_found): Partial| {
        counts.iter_mut().zip(more_counts).for_each(|(count, more)| *count += more);
        found.extend(more_found);
        (counts, found)
    };
    let (mentor_eligible, mut found) = (0..n_mentees)
        .into_par_iter()
        .fold(
            // Each thread marks the current mentee's candidates in a flag
            // per mentor: a lookup per pair, where a binary search over the
            // candidates took a tenth of a whole run at 50,000 a side.
            || (vec![0usize; n_mentors], Vec::new(), vec![false; n_mentors]),
            |(mut counts, mut found, mut is_candidate), mentee| {
                found.push(scan_mentee(inputs, mentee, &mut counts, &mut is_candidate));
                (counts, found, is_candidate)
            },
        )
        .map(|(counts, found, _)| (counts, found))
        .reduce(|| (vec![0usize; n_mentors], Vec::new()), merge);
    found.sort_unstable_by_key(|mentee| mentee.mentee);

    let mut omitted =
        OmittedArcs { stored: Vec::new(), min_rest: vec![i64::MAX; inputs.node_count] };
    let mut ranks = BTreeMap::new();
    let mut mentee_eligible = Vec::with_capacity(n_mentees);
    for mentee in found {
        mentee_eligible.push(mentee.eligible);
        ranks.extend(mentee.ranks);
        for (same, (list, rest)) in mentee.omitted.into_iter().enumerate() {
            if list.is_empty() && rest == i64::MAX {
                continue;
            }
            let tail = inputs.layout.pair_tail(mentee.mentee, same == 1);
            omitted.min_rest[tail] = rest;
            omitted.stored.extend(
                list.into_iter()
                    .map(|(reduced, mentor)| (tail, mentee.mentee as u32, mentor, reduced)),
            );
        }
    }
    Scan { omitted, eligibility: Eligibility { mentee_eligible, mentor_eligible, ranks } }
}

/// Scans one mentee's allowed pairs, adding one to each eligible mentor's
/// count when the mentee has room.
///
/// A participant's own lack of room does not change who is eligible for
/// them: a mentee with no room left still has eligible mentors (the ones
/// it could have had), but is no candidate for any mentor, and the network
/// has no arc out of it.
///
/// Nothing here grows with the number of pairs: at 50,000 a side a mentee
/// has about 14,000 allowed pairs, and vectors of that size per mentee left
/// the allocator holding gigabytes.
fn scan_mentee(
    inputs: &ScanInputs<'_>,
    mentee: usize,
    mentor_counts: &mut [usize],
    is_candidate: &mut [bool],
) -> MenteeScan {
    let (scorer, candidates, layout) = (inputs.scorer, inputs.candidates, inputs.layout);
    let has_room = scorer.roster.mentees.capacity[mentee] > 0;
    let first_slot = inputs.rules.profession_points_for_slot(0);
    let standalone = |score: i64, same: bool| score + if same { first_slot } else { 0 };
    // Matched and pinned pairs are allowed by the rules.
    let pair_value = |mentor: u32| {
        let mentor = mentor as usize;
        standalone(
            scorer.score_total(mentor, mentee).unwrap_or(0),
            scorer.same_profession(mentor, mentee),
        )
    };
    let pinned = inputs.allowed.pinned_mentors(mentee);
    let matched: Vec<(u32, i64)> = inputs.network_matches[mentee]
        .iter()
        .chain(pinned)
        .map(|&mentor| (mentor, pair_value(mentor)))
        .collect();
    let mut better = vec![0usize; matched.len()];
    let mut eligible = 0;
    let mut count_value = |value: i64| {
        eligible += 1;
        for (count, &(_, own)) in better.iter_mut().zip(&matched) {
            *count += usize::from(value > own);
        }
    };

    for c in candidates.range(mentee) {
        is_candidate[candidates.mentor[c] as usize] = true;
    }
    let mut omitted = [Cheapest::default(), Cheapest::default()];
    let mentor_room = &scorer.roster.mentors.capacity;
    inputs.allowed.for_each_rule_allowed(scorer, mentee, |mentor, score, same| {
        // A mentor without room is no candidate for the mentee, and the
        // other way round, but either may still have room for others.
        let mentor_has_room = mentor_room[mentor as usize] > 0;
        if mentor_has_room {
            count_value(standalone(score, same));
        }
        if !has_room {
            return;
        }
        mentor_counts[mentor as usize] += 1;
        if mentor_has_room && !is_candidate[mentor as usize] {
            let tail = layout.pair_tail(mentee, same);
            let reduced = -layout.weights.score * score + inputs.potentials[tail]
                - inputs.potentials[layout.mentor_node(mentor)];
            omitted[usize::from(same)].push((reduced, mentor));
        }
    });
    for c in candidates.range(mentee) {
        is_candidate[candidates.mentor[c] as usize] = false;
    }
    for &mentor in pinned {
        count_value(pair_value(mentor));
        mentor_counts[mentor as usize] += 1;
    }

    let ranks = matched
        .iter()
        .zip(better)
        .map(|(&(mentor, _), better)| {
            ((mentee as u32, mentor), PairRank { rank: better + 1, eligible })
        })
        .collect();
    MenteeScan { mentee, eligible, ranks, omitted: omitted.map(Cheapest::finish) }
}

/// The [`STORED_OMITTED`] cheapest arcs seen so far, by (reduced cost,
/// mentor), and the lowest reduced cost of the others.
struct Cheapest {
    cheapest: BinaryHeap<(i64, u32)>,
    rest: i64,
}

impl Default for Cheapest {
    fn default() -> Self {
        Cheapest { cheapest: BinaryHeap::with_capacity(STORED_OMITTED + 1), rest: i64::MAX }
    }
}

impl Cheapest {
    fn push(&mut self, arc: (i64, u32)) {
        self.cheapest.push(arc);
        if self.cheapest.len() > STORED_OMITTED
            && let Some((reduced, _)) = self.cheapest.pop()
        {
            self.rest = self.rest.min(reduced);
        }
    }

    /// Returns the kept arcs, cheapest first, and the lowest reduced cost
    /// of the others.
    fn finish(self) -> (Vec<(i64, u32)>, i64) {
        (self.cheapest.into_sorted_vec(), self.rest)
    }
}
