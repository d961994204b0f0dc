use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::{Participant, ParticipantId, Role};

/// Both sides of a programme: mentors and mentees, each with unique ids.
///
/// Indices into [`Roster::mentors`] and [`Roster::mentees`] are the
/// participant indices used by [`crate::MatchResult`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RosterParts")]
pub struct Roster {
    mentors: Vec<Participant>,
    mentees: Vec<Participant>,
}

#[derive(Deserialize)]
struct RosterParts {
    mentors: Vec<Participant>,
    mentees: Vec<Participant>,
}

impl TryFrom<RosterParts> for Roster {
    type Error = RosterError;

    fn try_from(parts: RosterParts) -> Result<Self, Self::Error> {
        Roster::new(parts.mentors, parts.mentees)
    }
}

impl Roster {
    /// Creates a roster.
    ///
    /// # Errors
    ///
    /// [`RosterError::MissingEmail`] for a blank email and
    /// [`RosterError::DuplicateId`] when two participants on the same side
    /// share an id. The same id on both sides is allowed: that person is
    /// both a mentor and a mentee.
    pub fn new(mentors: Vec<Participant>, mentees: Vec<Participant>) -> Result<Self, RosterError> {
        check_side(Role::Mentor, &mentors)?;
        check_side(Role::Mentee, &mentees)?;
        Ok(Roster { mentors, mentees })
    }

    /// Returns the mentors in input order.
    pub fn mentors(&self) -> &[Participant] {
        &self.mentors
    }

    /// Returns the mentees in input order.
    pub fn mentees(&self) -> &[Participant] {
        &self.mentees
    }

    /// Returns one side.
    pub fn side(&self, role: Role) -> &[Participant] {
        match role {
            Role::Mentor => &self.mentors,
            Role::Mentee => &self.mentees,
        }
    }
}

fn check_side(role: Role, participants: &[Participant]) -> Result<(), RosterError> {
    let mut seen: HashMap<ParticipantId, usize> = HashMap::with_capacity(participants.len());
    for (index, participant) in participants.iter().enumerate() {
        let id = participant.id();
        if id.as_str().is_empty() {
            return Err(RosterError::MissingEmail { role, index });
        }
        if let Some(&first_index) = seen.get(&id) {
            return Err(RosterError::DuplicateId { role, id, first_index, second_index: index });
        }
        seen.insert(id, index);
    }
    Ok(())
}

/// A roster that breaks the id rules.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum RosterError {
    /// A participant has a blank email address.
    #[error("{role} number {} has no email address", index + 1)]
    MissingEmail {
        /// The side.
        role: Role,
        /// 0-based index on that side.
        index: usize,
    },
    /// Two participants on one side share an email address.
    #[error("{role}s number {} and {} share the email address {id}", first_index + 1, second_index + 1)]
    DuplicateId {
        /// The side.
        role: Role,
        /// The shared id.
        id: ParticipantId,
        /// 0-based index of the first occurrence.
        first_index: usize,
        /// 0-based index of the second occurrence.
        second_index: usize,
    },
}
