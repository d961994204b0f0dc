//! Readers for the programme's input files.

mod columns;
mod encoding;
mod exclusions;
mod participants;
mod problems;
mod table;
mod values;

use std::path::Path;

use mentor_match_model::{Role, Roster, RosterError, RuleConfig};

pub use exclusions::{read_exclusions, read_pins};

use crate::error::{InputErrors, InputProblem, ProblemKind};
use crate::headings::Field;
use participants::read_side;

/// Reads the mentors and mentees files into a roster.
///
/// Both files use the input format described in the crate documentation.
/// Values are trimmed, and columns the matcher does not use are kept in
/// [`Participant::extra`](mentor_match_model::Participant::extra).
///
/// # Errors
///
/// Every problem in both files, mentors first, each with its file, line,
/// column and value. See [`ProblemKind`] for what is checked.
pub fn read_roster(
    mentors: &Path,
    mentees: &Path,
    rules: &RuleConfig,
) -> Result<Roster, InputErrors> {
    let mentor_side = read_side(mentors, Role::Mentor, rules);
    let mentee_side = read_side(mentees, Role::Mentee, rules);
    let (mentor_side, mentee_side) = match (mentor_side, mentee_side) {
        (Ok(mentor_side), Ok(mentee_side)) => (mentor_side, mentee_side),
        (mentor_side, mentee_side) => {
            let mut problems = mentor_side.err().unwrap_or_default();
            problems.extend(mentee_side.err().unwrap_or_default());
            return Err(InputErrors { problems });
        }
    };

    let mentor_lines = mentor_side.lines;
    let mentee_lines = mentee_side.lines;
    Roster::new(mentor_side.participants, mentee_side.participants).map_err(|error| {
        let (path, lines) = match roster_error_role(&error) {
            Role::Mentor => (mentors, &mentor_lines),
            Role::Mentee => (mentees, &mentee_lines),
        };
        InputErrors { problems: vec![problem_from_roster_error(&error, path, lines)] }
    })
}

fn roster_error_role(error: &RosterError) -> Role {
    match error {
        RosterError::MissingEmail { role, .. } | RosterError::DuplicateId { role, .. } => *role,
        _ => Role::Mentor,
    }
}

/// Converts a roster error into a located problem.
///
/// The per-file checks already reject blank and duplicate email addresses
/// with the same normalisation as [`Roster::new`], so this runs only if the
/// two ever disagree.
fn problem_from_roster_error(error: &RosterError, path: &Path, lines: &[u64]) -> InputProblem {
    let column = Some(Field::Email.preferred_heading(Role::Mentor).to_owned());
    let (line, kind) = match error {
        RosterError::MissingEmail { index, .. } => {
            (lines.get(*index).copied(), ProblemKind::EmptyRequiredField)
        }
        RosterError::DuplicateId { first_index, second_index, .. } => (
            lines.get(*second_index).copied(),
            ProblemKind::DuplicateEmail {
                first_line: lines.get(*first_index).copied().unwrap_or_default(),
            },
        ),
        other => (None, ProblemKind::MalformedCsv { reason: other.to_string() }),
    };
    let value = match error {
        RosterError::DuplicateId { id, .. } => Some(id.to_string()),
        _ => None,
    };
    InputProblem { file: path.to_path_buf(), line, column, value, kind }
}
