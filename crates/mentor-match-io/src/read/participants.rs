//! Reading one side's file into participants.

use std::collections::HashMap;
use std::num::IntErrorKind;
use std::path::{Path, PathBuf};

use mentor_match_model::{
    MAX_CAPACITY, Participant, ParticipantId, Role, RuleConfig, is_format_char,
};

use crate::error::{InputProblem, ProblemKind};
use crate::headings::Field;
use crate::read::columns::{ColumnMap, map_columns};
use crate::read::problems::ProblemLog;
use crate::read::spreadsheet::{is_spreadsheet_path, read_sheet};
use crate::read::table::{Loaded, Row, Table, read_table};
use crate::read::values::{nearest_name, parse_yes_no, split_list};

/// One side's participants with the line each was read from.
///
/// Rows with problems are included, so that checks across the two files
/// can still run on them.
#[derive(Default)]
pub(crate) struct Side {
    pub(crate) participants: Vec<Participant>,
    pub(crate) lines: Vec<u64>,
    /// The worksheet the rows came from, for a spreadsheet file.
    pub(crate) sheet: Option<String>,
}

/// The result of reading one side's file.
pub(crate) struct SideReading {
    /// The file, as the caller gave its path.
    pub(crate) path: PathBuf,
    /// The rows read, empty when the file could not be loaded.
    pub(crate) side: Side,
    /// Every problem found in the file, errors and warnings.
    pub(crate) problems: Vec<InputProblem>,
    /// Whether the file was loaded as a table, so that its rows are all
    /// the participants it lists.
    pub(crate) loaded: bool,
}

impl SideReading {
    pub(crate) fn has_errors(&self) -> bool {
        self.problems.iter().any(|problem| problem.severity() == crate::Severity::Error)
    }
}

/// Reads a mentors or mentees file, CSV or spreadsheet by its extension,
/// returning every problem found in it.
///
/// `shared_workbook` is true when the other side is read from the same
/// workbook, so the sheet must be named after the side.
pub(crate) fn read_side(
    path: &Path,
    role: Role,
    rules: &RuleConfig,
    shared_workbook: bool,
) -> SideReading {
    let mut log = ProblemLog::new(path);
    let mut side = Side::default();
    let loaded = if is_spreadsheet_path(path) {
        let (loaded, sheet) = read_sheet(path, role, shared_workbook, &mut log);
        side.sheet = sheet;
        loaded
    } else {
        read_table(path, &mut log)
    };
    let table = match loaded {
        Loaded::Table(table) => table,
        Loaded::Empty => {
            log.file(ProblemKind::EmptyFile);
            return SideReading {
                path: path.to_path_buf(),
                side,
                problems: log.into_problems(),
                loaded: false,
            };
        }
        Loaded::Failed => {
            return SideReading {
                path: path.to_path_buf(),
                side,
                problems: log.into_problems(),
                loaded: false,
            };
        }
    };
    let columns = map_columns(&table, role, &mut log);
    check_control_characters(&table, &mut log);
    if table.rows.is_empty() {
        log.file(ProblemKind::NoDataRows);
    }

    side.participants.reserve(table.rows.len());
    side.lines.reserve(table.rows.len());
    let mut first_line_by_id: HashMap<ParticipantId, u64> =
        HashMap::with_capacity(table.rows.len());
    for row in &table.rows {
        let in_sheet = side.sheet.is_some();
        let mut reader =
            RowReader { table: &table, columns: &columns, row, in_sheet, log: &mut log };
        let participant = reader.participant(role, rules, &mut first_line_by_id);
        side.participants.push(participant);
        side.lines.push(row.line);
    }

    tracing::debug!(
        file = %path.display(),
        role = %role,
        rows = side.participants.len(),
        "read participants file"
    );
    SideReading { path: path.to_path_buf(), side, problems: log.into_problems(), loaded: true }
}

/// Reads and checks the cells of one row.
struct RowReader<'a> {
    table: &'a Table,
    columns: &'a ColumnMap,
    row: &'a Row,
    /// Whether the row comes from a worksheet, where lines are rows.
    in_sheet: bool,
    log: &'a mut ProblemLog,
}

impl RowReader<'_> {
    fn participant(
        &mut self,
        role: Role,
        rules: &RuleConfig,
        first_line_by_id: &mut HashMap<ParticipantId, u64>,
    ) -> Participant {
        // Fields are read in the order of `Field::ALL`, so a row's problems
        // are reported in a stable order.
        let first_name = self.required(Field::FirstName);
        let last_name = self.optional(Field::LastName);
        let email = self.required(Field::Email);
        self.check_email(&email, first_line_by_id);
        let both_roles = self.yes_no(Field::BothRoles);
        let job_title = self.optional(Field::JobTitle);
        let grade = self.required(Field::Grade);
        if !grade.is_empty() && rules.grade_rank(&grade).is_none() {
            let kind = if rules.numeric_grades {
                ProblemKind::InvalidNumericGrade
            } else {
                let ladder = rules.grades.names().to_vec();
                let suggestion = nearest_name(&grade, &ladder).map(str::to_owned);
                let numeric_value = grade.parse::<f64>().is_ok();
                ProblemKind::UnknownGrade { suggestion, ladder, numeric_value }
            };
            self.report(Field::Grade, kind);
        }
        let organisation = self.required(Field::Organisation);
        let profession = self.required(Field::Profession);
        let wants_similar_identity = match role {
            Role::Mentee => self.yes_no(Field::SimilarIdentity),
            // The model ignores this flag for mentors, so the mentors file's
            // column is never read.
            Role::Mentor => false,
        };

        Participant {
            first_name,
            last_name,
            email,
            both_roles,
            job_title,
            grade,
            organisation,
            profession,
            characteristics: split_list(&self.optional(Field::Characteristics)),
            wants_similar_identity,
            biography: self.optional(Field::Biography),
            max_matches: self.max_matches(),
            extra: self.extras(),
        }
    }

    /// Returns the trimmed cell of a field, or "" when the column is missing.
    fn optional(&self, field: Field) -> String {
        self.columns.position(field).map(|i| self.row.fields[i].clone()).unwrap_or_default()
    }

    /// Returns the cell of a field that must not be blank, reporting a blank.
    ///
    /// A missing column is reported once for the file, not once per row.
    fn required(&mut self, field: Field) -> String {
        let value = self.optional(field);
        if value.is_empty() && self.columns.position(field).is_some() {
            self.report(field, ProblemKind::EmptyRequiredField);
        }
        value
    }

    fn yes_no(&mut self, field: Field) -> bool {
        let value = self.optional(field);
        parse_yes_no(&value).unwrap_or_else(|| {
            self.report(field, ProblemKind::InvalidYesNo);
            false
        })
    }

    fn max_matches(&mut self) -> Option<u32> {
        let value = self.optional(Field::MaxMatches);
        if value.is_empty() {
            return None;
        }
        match value.parse::<u32>() {
            Ok(max) if max > MAX_CAPACITY => {
                self.report(Field::MaxMatches, ProblemKind::NumberTooLarge);
                None
            }
            Ok(max) => Some(max),
            Err(error) => {
                // Parsing as u32 rejects a minus sign as an invalid digit, so
                // only a value with too many digits overflows.
                let kind = match error.kind() {
                    IntErrorKind::PosOverflow => ProblemKind::NumberTooLarge,
                    _ => ProblemKind::InvalidNumber,
                };
                self.report(Field::MaxMatches, kind);
                None
            }
        }
    }

    fn check_email(&mut self, email: &str, first_line_by_id: &mut HashMap<ParticipantId, u64>) {
        if email.is_empty() {
            return;
        }
        if !email.contains('@') {
            self.report(Field::Email, ProblemKind::MissingAt);
        } else if let Some(reason) = email_problem(email) {
            self.report(Field::Email, ProblemKind::InvalidEmail { reason: reason.to_owned() });
        }
        let id = ParticipantId::from_email(email);
        match first_line_by_id.get(&id) {
            Some(&first_line) => {
                let in_sheet = self.in_sheet;
                self.report(Field::Email, ProblemKind::DuplicateEmail { first_line, in_sheet })
            }
            None => {
                first_line_by_id.insert(id, self.row.line);
            }
        }
    }

    fn extras(&self) -> Vec<(String, String)> {
        self.columns
            .extras
            .iter()
            .map(|(position, heading)| (heading.clone(), self.row.fields[*position].clone()))
            .collect()
    }

    /// Reports a problem with this row's cell for `field`, whose column exists.
    fn report(&mut self, field: Field, kind: ProblemKind) {
        let Some(position) = self.columns.position(field) else {
            return;
        };
        self.log.cell(
            Some(self.row.line),
            Some(&self.table.headings[position]),
            Some(&self.row.fields[position]),
            kind,
        );
    }
}

/// Returns what is wrong with an email address that contains `@`, or
/// `None` when it has exactly one `@` with text on both sides and no
/// whitespace. Invisible format characters are ignored, as
/// [`ParticipantId::from_email`] ignores them.
fn email_problem(email: &str) -> Option<&'static str> {
    let visible: String = email.chars().filter(|c| !is_format_char(*c)).collect();
    let visible = visible.trim();
    let (local, domain) = visible.split_once('@')?;
    if domain.contains('@') {
        Some("it has more than one \"@\"")
    } else if local.is_empty() {
        Some("nothing comes before the \"@\"")
    } else if domain.is_empty() {
        Some("nothing comes after the \"@\"")
    } else if visible.chars().any(char::is_whitespace) {
        Some("it contains a space")
    } else {
        None
    }
}

/// Reports each cell, heading included, that contains a control character
/// other than tab, line feed and carriage return. Such characters, NUL
/// among them, are invisible in spreadsheets and would be copied into the
/// outputs.
fn check_control_characters(table: &Table, log: &mut ProblemLog) {
    let has_control =
        |value: &str| value.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
    for heading in table.headings.iter().filter(|heading| has_control(heading)) {
        log.cell(Some(table.header_line), Some(heading), None, ProblemKind::ControlCharacter);
    }
    for row in &table.rows {
        for (heading, value) in table.headings.iter().zip(&row.fields) {
            if has_control(value) {
                let kind = ProblemKind::ControlCharacter;
                log.cell(Some(row.line), Some(heading), Some(value), kind);
            }
        }
    }
}
