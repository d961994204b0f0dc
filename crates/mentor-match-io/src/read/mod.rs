//! Readers for the programme's input files.

mod columns;
mod encoding;
mod exclusions;
mod ods_extent;
mod participants;
mod problems;
mod spreadsheet;
mod table;
mod values;

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use mentor_match_model::{ParticipantId, Role, Roster, RosterError, RuleConfig};

pub use exclusions::{
    ExclusionsCheck, check_exclusions, check_pair_people, read_exclusions, read_pins,
};
pub use spreadsheet::{SPREADSHEET_EXTENSIONS, is_spreadsheet_path};

use crate::error::{InputErrors, InputProblem, ProblemKind, Severity};
use crate::headings::Field;
use participants::{Side, SideReading, read_side};

/// The result of checking the two participants files: the roster when
/// there is no error, and every problem found, errors and warnings.
#[derive(Debug, Clone)]
pub struct RosterCheck {
    /// The roster, or `None` when any problem is an error.
    pub roster: Option<Roster>,
    /// Every problem, mentors file first, each file's in line order.
    pub problems: Vec<InputProblem>,
}

impl RosterCheck {
    /// Returns whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|problem| problem.severity() == Severity::Error)
    }
}

/// Reads the mentors and mentees files into a roster.
///
/// Both files use the input format described in the crate documentation.
/// Values are trimmed, and columns the matcher does not use are kept in
/// [`Participant::extra`](mentor_match_model::Participant::extra). A file
/// whose extension is one of [`SPREADSHEET_EXTENSIONS`] is read as a
/// workbook (see [`check_roster`]), any other as CSV.
///
/// Warnings do not stop reading: use [`check_roster`] to see them too.
///
/// # Errors
///
/// Every problem in both files, mentors first, each with its file, line,
/// column and value, when at least one is an error. The list includes the
/// warnings. See [`ProblemKind`] for what is checked.
pub fn read_roster(
    mentors: &Path,
    mentees: &Path,
    rules: &RuleConfig,
) -> Result<Roster, InputErrors> {
    let check = check_roster(mentors, mentees, rules);
    match check.roster {
        Some(roster) => Ok(roster),
        None => Err(InputErrors { problems: check.problems }),
    }
}

/// Reads and checks the mentors and mentees files, returning the roster
/// when they have no error, and every problem, errors and warnings.
///
/// Each path is read as CSV text, or as a workbook when its extension is
/// one of [`SPREADSHEET_EXTENSIONS`] (ignoring case). From a workbook the
/// reader takes the sheet named `mentors` or `mentees` (ignoring case and
/// surrounding spaces). When the two paths differ and a workbook has one
/// sheet only, that sheet is read whatever its name, so one-sheet files
/// saved from either side's CSV work too.
///
/// Beyond the per-file checks, a row whose "both mentor and mentee" value
/// disagrees with whether its email address appears in the other file gets
/// a [`ProblemKind::RoleFlagMismatch`] warning.
pub fn check_roster(mentors: &Path, mentees: &Path, rules: &RuleConfig) -> RosterCheck {
    let shared_workbook = same_file(mentors, mentees);
    let mut mentor_reading = read_side(mentors, Role::Mentor, rules, shared_workbook);
    let mut mentee_reading = read_side(mentees, Role::Mentee, rules, shared_workbook);
    if shared_workbook {
        // A workbook that cannot be opened, or has a sheet too large to
        // read, fails the same way for both sides, so such a problem is
        // reported once.
        let mentor_file_problems: Vec<(Option<String>, ProblemKind)> = mentor_reading
            .problems
            .iter()
            .filter(|problem| problem.line.is_none())
            .map(|problem| (problem.sheet.clone(), problem.kind.clone()))
            .collect();
        mentee_reading.problems.retain(|problem| {
            let key = (problem.sheet.clone(), problem.kind.clone());
            problem.line.is_some() || !mentor_file_problems.contains(&key)
        });
    }

    if mentor_reading.loaded && mentee_reading.loaded {
        check_role_flags(&mut mentor_reading, &mentee_reading, mentees);
        check_role_flags(&mut mentee_reading, &mentor_reading, mentors);
    }

    let has_errors = mentor_reading.has_errors() || mentee_reading.has_errors();
    let mut problems = mentor_reading.problems;
    problems.extend(mentee_reading.problems);
    if has_errors {
        return RosterCheck { roster: None, problems };
    }

    let mut mentor_side = mentor_reading.side;
    let mut mentee_side = mentee_reading.side;
    let roster = Roster::new(
        std::mem::take(&mut mentor_side.participants),
        std::mem::take(&mut mentee_side.participants),
    );
    match roster {
        Ok(roster) => RosterCheck { roster: Some(roster), problems },
        Err(error) => {
            let (path, side) = match roster_error_role(&error) {
                Role::Mentor => (mentors, &mentor_side),
                Role::Mentee => (mentees, &mentee_side),
            };
            problems.push(problem_from_roster_error(&error, path, side));
            RosterCheck { roster: None, problems }
        }
    }
}

/// Returns whether two paths name the same file, comparing them as given
/// when either cannot be resolved (for example, because it does not exist).
fn same_file(first: &Path, second: &Path) -> bool {
    match (fs::canonicalize(first), fs::canonicalize(second)) {
        (Ok(first), Ok(second)) => first == second,
        _ => first == second,
    }
}

/// Adds a warning to `reading` for each row whose "both mentor and mentee"
/// value disagrees with whether its email address is in `other`.
fn check_role_flags(reading: &mut SideReading, other: &SideReading, other_path: &Path) {
    let other_lines: HashMap<ParticipantId, u64> = other
        .side
        .participants
        .iter()
        .zip(&other.side.lines)
        .filter(|(participant, _)| !participant.email.is_empty())
        .map(|(participant, &line)| (participant.id(), line))
        .collect();

    // A row whose flag is invalid already has an error, and its flag was
    // read as no, so a warning would only repeat the problem wrongly.
    let invalid_flag_lines: Vec<u64> = reading
        .problems
        .iter()
        .filter(|problem| problem.kind == ProblemKind::InvalidYesNo)
        .filter(|problem| {
            problem.column.as_deref().and_then(|heading| Field::from_heading(heading, Role::Mentor))
                == Some(Field::BothRoles)
        })
        .filter_map(|problem| problem.line)
        .collect();

    let mut warnings = Vec::new();
    for (participant, &line) in reading.side.participants.iter().zip(&reading.side.lines) {
        if participant.email.is_empty() || invalid_flag_lines.contains(&line) {
            continue;
        }
        let other_line = other_lines.get(&participant.id()).copied();
        if participant.both_roles == other_line.is_some() {
            continue;
        }
        warnings.push((line, participant.both_roles, other_line));
    }
    if warnings.is_empty() {
        return;
    }

    for (line, says_both, other_line) in warnings {
        reading.problems.push(InputProblem {
            file: reading.path.clone(),
            sheet: reading.side.sheet.clone(),
            line: Some(line),
            column: Some(Field::BothRoles.preferred_heading(Role::Mentor).to_owned()),
            value: Some(if says_both { "yes" } else { "no" }.to_owned()),
            kind: ProblemKind::RoleFlagMismatch {
                says_both,
                other_file: other_path.to_path_buf(),
                other_sheet: other.side.sheet.clone(),
                other_line,
            },
        });
    }
    reading.problems.sort_by_key(|problem| problem.line);
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
fn problem_from_roster_error(error: &RosterError, path: &Path, side: &Side) -> InputProblem {
    let lines = &side.lines;
    let column = Some(Field::Email.preferred_heading(Role::Mentor).to_owned());
    let (line, kind) = match error {
        RosterError::MissingEmail { index, .. } => {
            (lines.get(*index).copied(), ProblemKind::EmptyRequiredField)
        }
        RosterError::DuplicateId { first_index, second_index, .. } => (
            lines.get(*second_index).copied(),
            ProblemKind::DuplicateEmail {
                first_line: lines.get(*first_index).copied().unwrap_or_default(),
                in_sheet: side.sheet.is_some(),
            },
        ),
        other => (None, ProblemKind::MalformedCsv { reason: other.to_string() }),
    };
    let value = match error {
        RosterError::DuplicateId { id, .. } => Some(id.to_string()),
        _ => None,
    };
    InputProblem { file: path.to_path_buf(), sheet: side.sheet.clone(), line, column, value, kind }
}
