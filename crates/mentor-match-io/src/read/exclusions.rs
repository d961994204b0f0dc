//! Reading the exclusions file: mentor/mentee pairs that must never be
//! matched.

use std::collections::HashSet;
use std::path::Path;

use mentor_match_model::{Exclusions, Participant, ParticipantId, Pins, Role, Roster};

use crate::error::{InputErrors, InputProblem, ProblemKind};
use crate::headings::normalise_heading;
use crate::read::problems::ProblemLog;
use crate::read::table::{Loaded, Table, read_table};

const MENTOR_HEADINGS: [&str; 3] = ["mentor email address", "mentor email", "mentor"];
const MENTEE_HEADINGS: [&str; 3] = ["mentee email address", "mentee email", "mentee"];

/// Reads a CSV file of mentor/mentee pairs that must never be matched.
///
/// The columns are found by their headings: `mentor email address`,
/// `mentor email` or `mentor`, and `mentee email address`, `mentee email` or
/// `mentee`, in any case. When neither heading is recognised, the first two
/// columns are used, and a first row whose two cells both contain `@` is
/// read as a pair rather than as headings. Other columns are ignored.
///
/// A file with no pairs is a normal "no exclusions" file: an empty file, a
/// file of blank lines and a file with only a heading row all give an empty
/// set without error. A heading row is still checked, so a lone heading row
/// with too few columns is an error.
///
/// # Errors
///
/// Every problem in the file, when at least one is an error: an unreadable
/// file, a binary or invalid UTF-16 file, fewer than two columns, only one
/// of the two headings recognised, rows with the wrong number of fields,
/// and blank or `@`-less email addresses. The list includes the warnings.
/// A file read as Windows-1252 gets a warning, which does not stop reading:
/// use [`check_exclusions`] to see it.
pub fn read_exclusions(path: &Path) -> Result<Exclusions, InputErrors> {
    let check = check_exclusions(path);
    match check.exclusions {
        Some(exclusions) => Ok(exclusions),
        None => Err(InputErrors { problems: check.problems }),
    }
}

/// The result of checking an exclusions file: the pairs when there is no
/// error, and every problem found, errors and warnings.
#[derive(Debug, Clone)]
pub struct ExclusionsCheck {
    /// The pairs, or `None` when any problem is an error.
    pub exclusions: Option<Exclusions>,
    /// Every problem, in line order.
    pub problems: Vec<InputProblem>,
}

/// Reads and checks an exclusions file as [`read_exclusions`] does,
/// returning the warnings too.
pub fn check_exclusions(path: &Path) -> ExclusionsCheck {
    let mut log = ProblemLog::new(path);
    let exclusions = match read_table(path, &mut log) {
        Loaded::Table(table) => pairs_from_table(&table, &mut log).unwrap_or_default(),
        Loaded::Empty | Loaded::Failed => Exclusions::new(),
    };
    tracing::debug!(file = %path.display(), pairs = exclusions.len(), "read exclusions file");
    let exclusions = (!log.has_errors()).then_some(exclusions);
    ExclusionsCheck { exclusions, problems: log.into_problems() }
}

/// Reads a CSV file of mentor/mentee pairs that must be matched, in the
/// same format as [`read_exclusions`].
///
/// # Errors
///
/// The same problems as [`read_exclusions`]. Whether each pair names
/// people on the roster and can be matched is checked by the matcher.
pub fn read_pins(path: &Path) -> Result<Pins, InputErrors> {
    let pairs = read_exclusions(path)?;
    let mut pins = Pins::new();
    for pair in pairs.iter() {
        pins.insert(pair.mentor.as_str(), pair.mentee.as_str());
    }
    Ok(pins)
}

/// Checks that every pair of an exclusions or pins file names a mentor and
/// a mentee of `roster`, returning one problem per pair that does not.
///
/// With `pinned` false the file is an exclusions file, whose unknown pairs
/// have no effect and get a [`ProblemKind::UnknownExcludedPerson`]
/// warning. With `pinned` true it is a pins file, whose unknown pairs
/// cannot be matched and get a [`ProblemKind::UnknownPinnedPerson`] error.
/// A file that cannot be read gives no problem here, because
/// [`check_exclusions`] reports it.
pub fn check_pair_people(path: &Path, roster: &Roster, pinned: bool) -> Vec<InputProblem> {
    let mut ignored = ProblemLog::new(path);
    let Loaded::Table(table) = read_table(path, &mut ignored) else { return Vec::new() };
    let Some((mentor, mentee)) = pair_columns(&table, &mut ignored) else { return Vec::new() };

    let mentors: HashSet<ParticipantId> = roster.mentors().iter().map(Participant::id).collect();
    let mentees: HashSet<ParticipantId> = roster.mentees().iter().map(Participant::id).collect();
    let mut log = ProblemLog::new(path);
    for (line, fields) in pair_rows(&table, mentor, mentee) {
        let (mentor_email, mentee_email) = (&fields[mentor], &fields[mentee]);
        let mentor_id = ParticipantId::from_email(mentor_email);
        let mentee_id = ParticipantId::from_email(mentee_email);
        let swapped = mentees.contains(&mentor_id) && mentors.contains(&mentee_id);
        let (position, side) = if !mentors.contains(&mentor_id) {
            (mentor, Role::Mentor)
        } else if !mentees.contains(&mentee_id) {
            (mentee, Role::Mentee)
        } else {
            continue;
        };
        let kind = if pinned {
            ProblemKind::UnknownPinnedPerson { side, swapped }
        } else {
            ProblemKind::UnknownExcludedPerson { side, swapped }
        };
        let heading = &table.headings[position];
        log.cell(Some(line), Some(heading), Some(&fields[position]), kind);
    }
    log.into_problems()
}

/// Returns the rows of a pairs table that hold a pair with both email
/// addresses, with their lines, including a heading row that is a pair.
fn pair_rows(table: &Table, mentor: usize, mentee: usize) -> Vec<(u64, &[String])> {
    let mut rows: Vec<(u64, &[String])> = Vec::new();
    if is_header_pair(table, mentor, mentee) {
        rows.push((table.header_line, &table.headings));
    }
    for row in &table.rows {
        let fields = &row.fields;
        if fields[mentor].contains('@') && fields[mentee].contains('@') {
            rows.push((row.line, fields));
        }
    }
    rows
}

fn is_header_pair(table: &Table, mentor: usize, mentee: usize) -> bool {
    table.headings[mentor].contains('@') && table.headings[mentee].contains('@')
}

/// Returns the positions of the mentor and mentee columns, reporting
/// missing and duplicate headings.
fn pair_columns(table: &Table, log: &mut ProblemLog) -> Option<(usize, usize)> {
    let line = Some(table.header_line);
    let mentor = find_column(table, &MENTOR_HEADINGS, log);
    let mentee = find_column(table, &MENTEE_HEADINGS, log);

    match (mentor, mentee) {
        (Some(mentor), Some(mentee)) => Some((mentor, mentee)),
        (None, None) if table.headings.len() >= 2 => Some((0, 1)),
        (None, None) => {
            log.cell(line, None, None, ProblemKind::MissingColumn { accepted: all_headings() });
            None
        }
        (Some(_), None) | (None, Some(_)) => {
            let (missing, accepted) = if mentor.is_none() {
                (MENTOR_HEADINGS[0], MENTOR_HEADINGS)
            } else {
                (MENTEE_HEADINGS[0], MENTEE_HEADINGS)
            };
            let accepted = accepted.iter().map(|h| (*h).to_owned()).collect();
            log.cell(line, Some(missing), None, ProblemKind::MissingColumn { accepted });
            None
        }
    }
}

fn pairs_from_table(table: &Table, log: &mut ProblemLog) -> Option<Exclusions> {
    let (mentor, mentee) = pair_columns(table, log)?;
    let mut exclusions = Exclusions::new();
    if is_header_pair(table, mentor, mentee) {
        exclusions.insert(&table.headings[mentor], &table.headings[mentee]);
    }

    for row in &table.rows {
        let mut valid = true;
        for position in [mentor, mentee] {
            let value = &row.fields[position];
            let kind = if value.is_empty() {
                ProblemKind::EmptyRequiredField
            } else if !value.contains('@') {
                ProblemKind::MissingAt
            } else {
                continue;
            };
            log.cell(Some(row.line), Some(&table.headings[position]), Some(value), kind);
            valid = false;
        }
        if valid {
            exclusions.insert(&row.fields[mentor], &row.fields[mentee]);
        }
    }
    Some(exclusions)
}

/// Returns the position of the column with one of `accepted` as heading,
/// reporting any further column with such a heading as a duplicate.
fn find_column(table: &Table, accepted: &[&str], log: &mut ProblemLog) -> Option<usize> {
    let mut found: Option<usize> = None;
    for (position, heading) in table.headings.iter().enumerate() {
        if !accepted.contains(&normalise_heading(heading).as_str()) {
            continue;
        }
        match found {
            Some(first) => log.cell(
                Some(table.header_line),
                Some(heading),
                None,
                ProblemKind::DuplicateColumn {
                    first_heading: table.headings[first].clone(),
                    first_column: first + 1,
                },
            ),
            None => found = Some(position),
        }
    }
    found
}

fn all_headings() -> Vec<String> {
    MENTOR_HEADINGS.iter().chain(&MENTEE_HEADINGS).map(|h| (*h).to_owned()).collect()
}
