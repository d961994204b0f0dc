//! Short residual cycles through a forced pair, found without a search.
//!
//! Most cheapest cycles are short: the forced pair's mentor gives up a
//! unit (to the sink, or by dropping one of its mentees, who gives the unit
//! back to the source), and the source feeds the forced pair's mentee. The
//! cheapest such cycle bounds the exact search from above, so the search
//! only looks for strictly cheaper ones and prunes everything else.

use super::context::{Context, Step};
use super::forced::ForcedCycle;

/// Returns the cheapest way out of a mentor to the source: its reduced cost
/// and the pair it unmatches, if any.
fn exit_to_source(context: &Context<'_>, mentor: usize) -> Option<(i64, Option<(u32, u32)>)> {
    let node = context.layout.mentor_node(mentor as u32);
    let mut best: Option<(i64, Option<(u32, u32)>)> = None;
    let mut consider = |cost: i64, removed: Option<(u32, u32)>| {
        if cost != i64::MAX && best.is_none_or(|(best_cost, _)| cost < best_cost) {
            best = Some((cost, removed));
        }
    };
    consider(context.to_sink[node].saturating_add(context.sink_to_source), None);
    for arc in &context.arcs[context.first_out[node]..context.first_out[node + 1]] {
        let Step::Unmatch(mentee, matched_mentor) = arc.step else { continue };
        let mentee_node = context.layout.pair_tail(mentee as usize, false);
        let back_to_mentee =
            if arc.head as usize == mentee_node { 0 } else { context.slot_back[mentee as usize] };
        let cost = arc
            .reduced_cost
            .saturating_add(back_to_mentee)
            .saturating_add(context.to_source[mentee_node]);
        consider(cost, Some((mentee, matched_mentor)));
    }
    best
}

/// Returns the reduced cost of a path from the source to the forced pair's
/// tail: the mentee, or its profession sub-node for the same profession.
fn enter_from_source(context: &Context<'_>, mentee: usize, same: bool) -> i64 {
    let node = context.layout.pair_tail(mentee, false);
    let entry = context.from_source[node];
    if same { entry.saturating_add(context.slot_forward[mentee]) } else { entry }
}

/// A short cycle with its tie-break: cost, minus the forced pair's
/// standalone value, then the other participant's position.
type Ranked = ((i64, i64, u32), ForcedCycle);

fn cycle(cost: i64, mentee: u32, mentor: u32, removed: Option<(u32, u32)>) -> ForcedCycle {
    ForcedCycle {
        mentee,
        mentor,
        cost,
        added: vec![(mentee, mentor)],
        removed: removed.into_iter().collect(),
    }
}

/// Returns the cheapest short cycle forcing one of `seeds` (mentor,
/// reduced cost of the pair's arc, standalone value) into the mentee's
/// matches. `same` is true when the seeds' arcs leave the profession
/// sub-node.
pub(crate) fn for_mentee(
    context: &Context<'_>,
    mentee: usize,
    same: bool,
    seeds: &[(u32, i64, i64)],
) -> Option<Ranked> {
    let entry = enter_from_source(context, mentee, same);
    let mut best: Option<Ranked> = None;
    for &(mentor, reduced, value) in seeds {
        let Some((exit, removed)) = exit_to_source(context, mentor as usize) else { continue };
        let cost = reduced.saturating_add(exit).saturating_add(entry);
        if cost == i64::MAX {
            continue;
        }
        let key = (cost, -value, mentor);
        if best.as_ref().is_none_or(|(best_key, _)| key < *best_key) {
            best = Some((key, cycle(cost, mentee as u32, mentor, removed)));
        }
    }
    best
}

/// Returns the cheapest short cycle forcing one of `candidates` (mentee,
/// reduced cost of the pair's arc, whether the professions match,
/// standalone value) into the mentor's matches.
pub(crate) fn for_mentor(
    context: &Context<'_>,
    mentor: usize,
    candidates: &[(u32, i64, bool, i64)],
) -> Option<Ranked> {
    let (exit, removed) = exit_to_source(context, mentor)?;
    let mut best: Option<Ranked> = None;
    for &(mentee, reduced, same, value) in candidates {
        let cost = exit
            .saturating_add(enter_from_source(context, mentee as usize, same))
            .saturating_add(reduced);
        // Dropping a mentee and matching it again is no cycle.
        if cost == i64::MAX || removed.is_some_and(|(dropped, _)| dropped == mentee) {
            continue;
        }
        let key = (cost, -value, mentee);
        if best.as_ref().is_none_or(|(best_key, _)| key < *best_key) {
            best = Some((key, cycle(cost, mentee, mentor as u32, removed)));
        }
    }
    best
}
