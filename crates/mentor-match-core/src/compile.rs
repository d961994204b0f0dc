//! Rules and participants compiled into flat per-participant attribute arrays.

use std::collections::HashMap;

use mentor_match_model::{Interner, Participant, ParticipantId, Role, Roster, RuleConfig};

use crate::MatchError;

/// One side of the roster in canonical order (sorted by participant id), so
/// that everything built from it is independent of the input row order.
#[derive(Debug, Clone)]
pub(crate) struct CompiledSide {
    /// Roster index of the participant at each canonical position.
    pub roster_index: Vec<usize>,
    /// Participant id at each canonical position.
    pub ids: Vec<ParticipantId>,
    /// Grade index on the ladder.
    pub grade: Vec<i32>,
    /// Interned organisation.
    pub organisation: Vec<u32>,
    /// Interned profession.
    pub profession: Vec<u32>,
    /// Characteristic bitsets, `words` `u64`s per participant.
    pub characteristics: Vec<u64>,
    /// Whether the (mentee) participant asked for a shared characteristic.
    pub wants_similar: Vec<bool>,
    /// Maximum number of matches.
    pub capacity: Vec<u32>,
}

impl CompiledSide {
    pub fn len(&self) -> usize {
        self.ids.len()
    }
}

/// Both sides compiled against one set of interners.
#[derive(Debug, Clone)]
pub(crate) struct CompiledRoster {
    pub mentors: CompiledSide,
    pub mentees: CompiledSide,
    /// Number of `u64` words in each characteristic bitset.
    pub words: usize,
}

struct Interners {
    organisations: Interner,
    professions: Interner,
    characteristics: Interner,
}

impl CompiledRoster {
    /// Compiles a roster.
    ///
    /// # Errors
    ///
    /// [`MatchError::UnknownGrade`] for the first participant (in canonical
    /// order, mentors first) whose grade is not on the ladder.
    pub fn new(roster: &Roster, rules: &RuleConfig) -> Result<Self, MatchError> {
        let mentor_order = canonical_order(roster.mentors());
        let mentee_order = canonical_order(roster.mentees());

        // Interning in canonical order makes the ids independent of row order.
        let mut interners = Interners {
            organisations: Interner::new(),
            professions: Interner::new(),
            characteristics: Interner::new(),
        };
        for (side, order) in [(roster.mentors(), &mentor_order), (roster.mentees(), &mentee_order)]
        {
            for &index in order {
                for characteristic in &side[index].characteristics {
                    if !characteristic.trim().is_empty() {
                        interners.characteristics.intern(characteristic);
                    }
                }
            }
        }
        let words = interners.characteristics.len().div_ceil(64).max(1);

        let mentors = compile_side(
            Role::Mentor,
            roster.mentors(),
            mentor_order,
            rules,
            words,
            &mut interners,
        )?;
        let mentees = compile_side(
            Role::Mentee,
            roster.mentees(),
            mentee_order,
            rules,
            words,
            &mut interners,
        )?;
        Ok(CompiledRoster { mentors, mentees, words })
    }

    /// Returns `true` when the two bitsets share a characteristic.
    #[inline]
    pub fn shares_characteristic(&self, mentor: usize, mentee: usize) -> bool {
        let a = &self.mentors.characteristics[mentor * self.words..(mentor + 1) * self.words];
        let b = &self.mentees.characteristics[mentee * self.words..(mentee + 1) * self.words];
        a.iter().zip(b).any(|(x, y)| x & y != 0)
    }

    /// Maps each mentee position to the mentor position with the same id.
    pub fn same_person(&self) -> Vec<Option<u32>> {
        let mentor_position: HashMap<&ParticipantId, u32> =
            self.mentors.ids.iter().enumerate().map(|(pos, id)| (id, pos as u32)).collect();
        self.mentees.ids.iter().map(|id| mentor_position.get(id).copied()).collect()
    }
}

/// Returns roster indices sorted by participant id.
fn canonical_order(participants: &[Participant]) -> Vec<usize> {
    let ids: Vec<ParticipantId> = participants.iter().map(Participant::id).collect();
    let mut order: Vec<usize> = (0..participants.len()).collect();
    order.sort_by(|&a, &b| ids[a].cmp(&ids[b]));
    order
}

fn compile_side(
    role: Role,
    participants: &[Participant],
    order: Vec<usize>,
    rules: &RuleConfig,
    words: usize,
    interners: &mut Interners,
) -> Result<CompiledSide, MatchError> {
    let n = order.len();
    let default_capacity = match role {
        Role::Mentor => rules.mentor_capacity,
        Role::Mentee => rules.mentee_capacity,
    };
    let mut side = CompiledSide {
        roster_index: Vec::with_capacity(n),
        ids: Vec::with_capacity(n),
        grade: Vec::with_capacity(n),
        organisation: Vec::with_capacity(n),
        profession: Vec::with_capacity(n),
        characteristics: vec![0; n * words],
        wants_similar: Vec::with_capacity(n),
        capacity: Vec::with_capacity(n),
    };
    for (position, &index) in order.iter().enumerate() {
        let participant = &participants[index];
        let grade =
            rules.grades.index_of(&participant.grade).ok_or_else(|| MatchError::UnknownGrade {
                role,
                id: participant.id(),
                grade: participant.grade.clone(),
            })?;
        side.roster_index.push(index);
        side.ids.push(participant.id());
        side.grade.push(grade as i32);
        side.organisation.push(interners.organisations.intern(&participant.organisation));
        side.profession.push(interners.professions.intern(&participant.profession));
        for characteristic in participant.characteristics.iter().filter(|c| !c.trim().is_empty()) {
            // Every non-blank characteristic was interned up front; blank ones
            // are skipped so that two blanks never count as shared.
            if let Some(bit) = interners.characteristics.get(characteristic) {
                let bit = bit as usize;
                side.characteristics[position * words + bit / 64] |= 1 << (bit % 64);
            }
        }
        side.wants_similar.push(role == Role::Mentee && participant.wants_similar_identity);
        side.capacity.push(participant.max_matches.unwrap_or(default_capacity));
    }
    Ok(side)
}
