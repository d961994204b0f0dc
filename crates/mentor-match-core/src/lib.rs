//! Exact mentor/mentee matching (temporary stub while the solver is written).
#![warn(missing_docs)]

use mentor_match_model::{
    ConfigError, Exclusions, MatchResult, ParticipantId, Role, Roster, RuleConfig,
};
use thiserror::Error;

/// Matches a roster under the rules, excluding the given pairs.
pub fn match_roster(
    roster: &Roster,
    rules: &RuleConfig,
    exclusions: &Exclusions,
) -> Result<MatchResult, MatchError> {
    let _ = (exclusions,);
    rules.validate()?;
    Ok(MatchResult {
        priority: rules.priority,
        pairs: Vec::new(),
        total_score: 0,
        mentor_match_counts: vec![0; roster.mentors().len()],
        mentee_match_counts: vec![0; roster.mentees().len()],
    })
}

/// Why a roster could not be matched.
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
}
