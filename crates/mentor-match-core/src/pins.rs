//! Pinned pairs: checked against the rules and taken out of the network.
//!
//! A pinned pair is matched outside the flow network. Its participants'
//! capacities shrink by their pins, and the network starts their per-unit
//! bonus sequences and the mentee's profession slots after the units the
//! pins use. Because every sequence is non-increasing and the slots are
//! interchangeable, this gives the same optimum as forcing one unit of flow
//! through each pinned pair's arc (see `docs/ALGORITHM.md`).

use mentor_match_model::{Exclusions, ParticipantId, Pins, Role, RuleConfig};

use crate::MatchError;
use crate::candidates::PairScorer;
use crate::compile::CompiledRoster;

/// Checks every pin and records it in `roster`.
///
/// # Errors
///
/// [`MatchError::InvalidPin`] for the first pin (in id order) that names
/// someone not on the roster, pairs a person with themselves, is also
/// excluded, breaks a hard rule, or exceeds a participant's capacity.
pub(crate) fn apply_pins(
    roster: &mut CompiledRoster,
    rules: &RuleConfig,
    pins: &Pins,
    exclusions: &Exclusions,
) -> Result<(), MatchError> {
    let mut pairs = Vec::with_capacity(pins.len());
    for (mentor_id, mentee_id) in pins.iter() {
        let invalid = |reason: String| MatchError::InvalidPin {
            mentor: mentor_id.clone(),
            mentee: mentee_id.clone(),
            reason,
        };
        let mentor = position(&roster.mentors.ids, mentor_id)
            .ok_or_else(|| invalid(format!("no mentor has the email address {mentor_id}")))?;
        let mentee = position(&roster.mentees.ids, mentee_id)
            .ok_or_else(|| invalid(format!("no mentee has the email address {mentee_id}")))?;
        if mentor_id == mentee_id {
            return Err(invalid("a person cannot be matched with themselves".to_owned()));
        }
        if exclusions.contains(mentor_id, mentee_id) {
            return Err(invalid("the pair is also in the exclusions".to_owned()));
        }
        if let Some(reason) = PairScorer::new(roster, rules).forbidding_rule(mentor, mentee) {
            return Err(invalid(reason));
        }
        pairs.push((mentor as u32, mentee as u32));
    }

    for &(mentor, mentee) in &pairs {
        let same_profession =
            PairScorer::new(roster, rules).same_profession(mentor as usize, mentee as usize);
        for (role, side, position) in [
            (Role::Mentor, &mut roster.mentors, mentor as usize),
            (Role::Mentee, &mut roster.mentees, mentee as usize),
        ] {
            if side.capacity[position] == 0 {
                return Err(MatchError::PinsExceedCapacity {
                    role,
                    id: side.ids[position].clone(),
                    capacity: side.pinned[position],
                });
            }
            side.capacity[position] -= 1;
            side.pinned[position] += 1;
        }
        if same_profession {
            roster.mentees.pinned_same_profession[mentee as usize] += 1;
        }
    }
    pairs.sort_unstable();
    roster.pinned_pairs = pairs;
    Ok(())
}

/// Returns the canonical position of an id (the ids are sorted).
fn position(ids: &[ParticipantId], id: &ParticipantId) -> Option<usize> {
    ids.binary_search(id).ok()
}
