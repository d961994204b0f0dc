//! Id-ordered views of the roster that every writer shares.

use std::collections::HashSet;

use mentor_match_model::{Participant, ParticipantId, Role, Roster};

use crate::headings::normalise_heading;

/// One side of the roster with its ids and its order by id.
pub(crate) struct SortedSide<'a> {
    pub(crate) participants: &'a [Participant],
    /// `ids[i]` is the id of `participants[i]`.
    pub(crate) ids: Vec<ParticipantId>,
    /// Indices into `participants`, ordered by id, so that output does not
    /// depend on the order of input rows.
    pub(crate) order: Vec<usize>,
}

impl<'a> SortedSide<'a> {
    pub(crate) fn new(roster: &'a Roster, role: Role) -> Self {
        let participants = roster.side(role);
        let ids: Vec<ParticipantId> = participants.iter().map(Participant::id).collect();
        let mut order: Vec<usize> = (0..participants.len()).collect();
        order.sort_by(|&a, &b| ids[a].cmp(&ids[b]));
        SortedSide { participants, ids, order }
    }

    /// Iterates over the participants in id order, with their indices.
    pub(crate) fn iter_sorted(&self) -> impl Iterator<Item = (usize, &'a Participant)> + '_ {
        self.order.iter().map(|&i| (i, &self.participants[i]))
    }

    /// Returns the set of ids on this side.
    pub(crate) fn id_set(&self) -> HashSet<&ParticipantId> {
        self.ids.iter().collect()
    }

    /// Returns the distinct extra-column headings of this side, in the order
    /// first met when walking participants in id order, keeping the first
    /// spelling of headings equal after normalisation and leaving out those
    /// that `exclude` rejects.
    pub(crate) fn extra_headings(&self, exclude: impl Fn(&str) -> bool) -> Vec<String> {
        let mut seen: HashSet<String> = HashSet::new();
        let mut headings = Vec::new();
        for (_, participant) in self.iter_sorted() {
            for (heading, _) in &participant.extra {
                if exclude(heading) {
                    continue;
                }
                if seen.insert(normalise_heading(heading)) {
                    headings.push(heading.clone());
                }
            }
        }
        headings
    }
}

/// Returns a participant's value for an extra heading (compared after
/// normalisation), or "" when they have none.
pub(crate) fn extra_value<'p>(participant: &'p Participant, heading: &str) -> &'p str {
    let wanted = normalise_heading(heading);
    participant
        .extra
        .iter()
        .find(|(h, _)| normalise_heading(h) == wanted)
        .map_or("", |(_, value)| value.as_str())
}

/// Largest number of match slots (list columns and summary bins) that a
/// side's default capacity alone adds.
///
/// A capacity set very high to mean "unlimited" would otherwise add
/// thousands of always-empty columns. Slots that participants actually
/// fill are always written, whatever this limit.
pub(crate) const MAX_CAPACITY_SLOTS: u32 = 100;

/// Returns the number of match slots to lay out for a side's default
/// capacity, at most [`MAX_CAPACITY_SLOTS`].
pub(crate) fn capacity_slots(capacity: u32) -> usize {
    capacity.min(MAX_CAPACITY_SLOTS) as usize
}

/// Returns "yes" or "no".
pub(crate) fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}
