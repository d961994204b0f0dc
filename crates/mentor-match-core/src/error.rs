use mentor_match_model::{ConfigError, ParticipantId, Role};
use thiserror::Error;

/// Error from matching a roster.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum MatchError {
    /// The rule configuration is invalid.
    #[error(transparent)]
    InvalidConfig(#[from] ConfigError),
    /// A participant's grade is not on the ladder.
    #[error("{role} {id} has grade {grade:?}, which is not on the grade ladder")]
    UnknownGrade {
        /// The side.
        role: Role,
        /// The participant.
        id: ParticipantId,
        /// The grade as given.
        grade: String,
    },
    /// A side has more than [`crate::MAX_PARTICIPANTS_PER_SIDE`] participants.
    #[error(
        "the roster has {mentors} mentors and {mentees} mentees, more than the supported 100000 a side; split the programme into smaller groups"
    )]
    TooManyParticipants {
        /// Number of mentors.
        mentors: usize,
        /// Number of mentees.
        mentees: usize,
    },
    /// The instance is so large that the lexicographic objective weights
    /// could overflow 64-bit arithmetic.
    #[error(
        "the roster is too large to match exactly with 64-bit costs ({mentors} mentors, {mentees} mentees, total capacity {capacity}); split the programme into smaller groups"
    )]
    TooLarge {
        /// Number of mentors.
        mentors: usize,
        /// Number of mentees.
        mentees: usize,
        /// Sum of the mentees' capacities.
        capacity: u64,
    },
}
