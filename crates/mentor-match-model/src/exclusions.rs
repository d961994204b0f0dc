use std::collections::{BTreeSet, HashSet};

use serde::{Deserialize, Serialize};

use crate::ParticipantId;

/// A mentor/mentee pair that must never be matched.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ExcludedPair {
    /// The mentor's id.
    pub mentor: ParticipantId,
    /// The mentee's id.
    pub mentee: ParticipantId,
}

/// A set of pairs that must never be matched, for example pairs from an
/// earlier round.
///
/// Pairs that name people not on the roster are allowed and have no effect.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exclusions {
    pairs: HashSet<ExcludedPair>,
}

impl Exclusions {
    /// Creates an empty set.
    pub fn new() -> Self {
        Exclusions::default()
    }

    /// Adds a pair given by email addresses (normalised into ids).
    pub fn insert(&mut self, mentor_email: &str, mentee_email: &str) {
        self.pairs.insert(ExcludedPair {
            mentor: ParticipantId::from_email(mentor_email),
            mentee: ParticipantId::from_email(mentee_email),
        });
    }

    /// Returns `true` when the pair is excluded.
    pub fn contains(&self, mentor: &ParticipantId, mentee: &ParticipantId) -> bool {
        // Avoids cloning ids into an `ExcludedPair` on the hot path when the set is empty.
        !self.pairs.is_empty()
            && self.pairs.contains(&ExcludedPair { mentor: mentor.clone(), mentee: mentee.clone() })
    }

    /// Returns the number of pairs.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Returns `true` when no pair is excluded.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Iterates over the pairs in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &ExcludedPair> {
        self.pairs.iter()
    }
}

impl FromIterator<(String, String)> for Exclusions {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(iter: I) -> Self {
        let mut exclusions = Exclusions::new();
        for (mentor, mentee) in iter {
            exclusions.insert(&mentor, &mentee);
        }
        exclusions
    }
}

/// A set of mentor/mentee pairs that must be matched, for example pairs
/// agreed before the run.
///
/// Unlike [`Exclusions`], every pair must name a mentor and a mentee of the
/// roster, and the matcher reports a pair that does not.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pins {
    pairs: BTreeSet<(ParticipantId, ParticipantId)>,
}

impl Pins {
    /// Creates an empty set.
    pub fn new() -> Self {
        Pins::default()
    }

    /// Adds a pair given by email addresses (normalised into ids).
    pub fn insert(&mut self, mentor_email: &str, mentee_email: &str) {
        self.pairs.insert((
            ParticipantId::from_email(mentor_email),
            ParticipantId::from_email(mentee_email),
        ));
    }

    /// Returns `true` when the pair is pinned.
    pub fn contains(&self, mentor: &ParticipantId, mentee: &ParticipantId) -> bool {
        self.pairs.contains(&(mentor.clone(), mentee.clone()))
    }

    /// Returns the number of pairs.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Returns `true` when no pair is pinned.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Iterates over the pairs as (mentor id, mentee id), in id order.
    pub fn iter(&self) -> impl Iterator<Item = (&ParticipantId, &ParticipantId)> {
        self.pairs.iter().map(|(mentor, mentee)| (mentor, mentee))
    }
}

impl FromIterator<(String, String)> for Pins {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(iter: I) -> Self {
        let mut pins = Pins::new();
        for (mentor, mentee) in iter {
            pins.insert(&mentor, &mentee);
        }
        pins
    }
}
