//! Id-ordered views of the roster that every writer shares.

use std::collections::{HashMap, HashSet};

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

    /// Returns the distinct extra columns of this side, in the order first
    /// met when walking participants in id order, keeping the first
    /// spelling of headings equal after normalisation and leaving out those
    /// that `exclude` rejects.
    ///
    /// `exclude` is called once per distinct normalised heading.
    pub(crate) fn extra_columns(&self, mut exclude: impl FnMut(&str) -> bool) -> ExtraColumns {
        let mut columns = ExtraColumns { headings: Vec::new(), positions: HashMap::new() };
        let mut excluded: HashSet<String> = HashSet::new();
        for (_, participant) in self.iter_sorted() {
            for (heading, _) in &participant.extra {
                let key = normalise_heading(heading);
                if columns.positions.contains_key(&key) || excluded.contains(&key) {
                    continue;
                }
                if exclude(heading) {
                    excluded.insert(key);
                } else {
                    columns.positions.insert(key, columns.headings.len());
                    columns.headings.push(heading.clone());
                }
            }
        }
        columns
    }
}

/// The extra input columns that a writer copies for one side.
pub(crate) struct ExtraColumns {
    /// Headings in output order, each as first spelled.
    pub(crate) headings: Vec<String>,
    /// Output position of each normalised heading.
    positions: HashMap<String, usize>,
}

impl ExtraColumns {
    /// Returns a participant's value for each heading, in output order, with
    /// "" where they have none.
    ///
    /// Headings are compared after normalisation. When two of the
    /// participant's headings normalise alike, the first one's value is
    /// used. The cost is linear in the number of the participant's extra
    /// values, so wide files are written in linear time.
    pub(crate) fn values<'p>(&self, participant: &'p Participant) -> Vec<&'p str> {
        let mut values: Vec<Option<&'p str>> = vec![None; self.headings.len()];
        for (heading, value) in &participant.extra {
            if let Some(&position) = self.positions.get(&normalise_heading(heading)) {
                values[position].get_or_insert(value.as_str());
            }
        }
        values.into_iter().map(Option::unwrap_or_default).collect()
    }
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
