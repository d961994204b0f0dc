use mentor_match_model::{ConfigError, ParticipantId, Priority, Role};
use thiserror::Error;

/// Error from matching a roster.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum MatchError {
    /// The rule configuration is invalid.
    #[error(transparent)]
    InvalidConfig(#[from] ConfigError),
    /// A [`SolveReport`](crate::SolveReport) passed to
    /// [`Matcher::explain`](crate::Matcher::explain) came from another
    /// matcher.
    #[error(
        "the solve report does not belong to this matcher: solve with the same matcher and pass its report"
    )]
    ForeignReport,
    /// A participant index is out of range.
    #[error("there is no {role} number {index}: the roster has {count} {role}s")]
    NoSuchParticipant {
        /// The side.
        role: Role,
        /// The index asked for.
        index: usize,
        /// Number of participants on that side.
        count: usize,
    },
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
    /// A participant's grade is not an integer in the numeric grade range.
    #[error(
        "{role} {id} has grade {grade:?}, which is not a whole number between -1000 and 1000 (the rules use numeric grades)"
    )]
    InvalidNumericGrade {
        /// The side.
        role: Role,
        /// The participant.
        id: ParticipantId,
        /// The grade as given.
        grade: String,
    },
    /// A column rule names a column that a file with participants lacks.
    #[error(
        "column rule {rule:?} uses the column {column:?}, which the {role}s file does not have; add the column to both files or remove the rule"
    )]
    UnknownColumn {
        /// The rule's name.
        rule: String,
        /// The column heading as configured.
        column: String,
        /// The side whose file lacks the column.
        role: Role,
    },
    /// A pinned pair cannot be matched.
    #[error("the pinned pair {mentor} (mentor), {mentee} (mentee) cannot be matched: {reason}")]
    InvalidPin {
        /// The mentor's id.
        mentor: ParticipantId,
        /// The mentee's id.
        mentee: ParticipantId,
        /// Why not.
        reason: String,
    },
    /// A participant's maximum number of matches is above
    /// [`MAX_CAPACITY`](mentor_match_model::MAX_CAPACITY).
    #[error(
        "{role} {id} has a maximum of {capacity} matches, more than the supported 1000; lower their max matches"
    )]
    CapacityOutOfRange {
        /// The side.
        role: Role,
        /// The participant.
        id: ParticipantId,
        /// The participant's maximum number of matches.
        capacity: u32,
    },
    /// A participant has more pinned pairs than their capacity.
    #[error("{role} {id} has more pinned pairs than their capacity of {capacity}")]
    PinsExceedCapacity {
        /// The side.
        role: Role,
        /// The participant.
        id: ParticipantId,
        /// The participant's maximum number of matches.
        capacity: u32,
    },
    /// A custom rule declares a points bound out of range.
    #[error("rule {rule:?} declares a maximum of {points} points, outside 0..=1000000")]
    InvalidRuleBound {
        /// The rule's name.
        rule: String,
        /// The declared bound.
        points: i64,
    },
    /// A custom rule's name is blank or already names another rule. Names
    /// compare by [`comparison_key`](mentor_match_model::comparison_key).
    #[error("custom rule name {name:?} is invalid: {reason}; give each rule its own name")]
    InvalidRuleName {
        /// The name as given.
        name: String,
        /// The clash: the rule that already has the name, or a blank name.
        reason: String,
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
    #[error("{}", too_large_message(*priority, *cause, *mentors, *mentees, *capacity))]
    TooLarge {
        /// The priority whose weights do not fit.
        priority: Priority,
        /// The cause: the roster size or the rule points, or `None` when
        /// the matcher cannot tell them apart.
        cause: Option<TooLargeCause>,
        /// Number of mentors.
        mentors: usize,
        /// Number of mentees.
        mentees: usize,
        /// Smaller of the two sides' total capacities, capped by the number
        /// of allowed pairs.
        capacity: u64,
    },
}

/// Cause of a [`MatchError::TooLarge`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TooLargeCause {
    /// The roster is too large for the priority even with the points of
    /// the default rules.
    Size,
    /// The roster would fit with the points of the default rules, but not
    /// with the larger points configured.
    Points,
}

fn too_large_message(
    priority: Priority,
    cause: Option<TooLargeCause>,
    mentors: usize,
    mentees: usize,
    capacity: u64,
) -> String {
    let roster = format!("{mentors} mentors, {mentees} mentees, {capacity} possible matches");
    match cause {
        Some(TooLargeCause::Size) => format!(
            "the roster ({roster}) is too large to match exactly with the {priority} priority; \
             choose another priority or split the programme into smaller groups"
        ),
        Some(TooLargeCause::Points) => format!(
            "the rule points are too large to match this roster ({roster}) exactly with the \
             {priority} priority; use smaller points, choose another priority or split the \
             programme into smaller groups"
        ),
        None => format!(
            "the roster ({roster}) and the rule points are too large to match exactly with the \
             {priority} priority; use smaller points, choose another priority or split the \
             programme into smaller groups"
        ),
    }
}
