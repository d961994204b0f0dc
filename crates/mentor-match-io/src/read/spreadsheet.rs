//! Loading one worksheet of an `.xlsx` or `.ods` workbook (or of the other
//! formats calamine reads) into a table, with calamine.

use std::fs;
use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use calamine::{Data, Range, Reader, Sheets, open_workbook_auto_from_rs};
use mentor_match_model::Role;

use crate::error::ProblemKind;
use crate::read::problems::ProblemLog;
use crate::read::table::{Loaded, table_from_rows};

/// File name extensions read as spreadsheets, in lowercase. Every other
/// extension is read as CSV text.
pub const SPREADSHEET_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// Returns whether `path` names a spreadsheet by its extension, ignoring
/// case.
pub fn is_spreadsheet_path(path: &Path) -> bool {
    path.extension().and_then(|extension| extension.to_str()).is_some_and(|extension| {
        SPREADSHEET_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str())
    })
}

/// Reads the worksheet of `role` from the workbook at `path`, and returns
/// it with the sheet's name.
///
/// The sheet is the one named `mentors` or `mentees`, ignoring case and
/// surrounding spaces. A workbook with a single sheet that is not shared
/// with the other side may name it anything.
pub(crate) fn read_sheet(
    path: &Path,
    role: Role,
    shared_workbook: bool,
    log: &mut ProblemLog,
) -> (Loaded, Option<String>) {
    match fs::read(path) {
        Ok(bytes) => read_sheet_from_bytes(bytes, role, shared_workbook, log),
        Err(error) => {
            log.file(ProblemKind::Io { kind: error.kind(), message: error.to_string() });
            (Loaded::Failed, None)
        }
    }
}

/// Reads the worksheet of `role` from a workbook's bytes, as
/// [`read_sheet`] does.
pub(crate) fn read_sheet_from_bytes(
    bytes: Vec<u8>,
    role: Role,
    shared_workbook: bool,
    log: &mut ProblemLog,
) -> (Loaded, Option<String>) {
    // NOTE: calamine's parsers are not documented as panic-free on corrupt
    // files, so a panic is caught and reported as an unreadable workbook.
    // The default panic hook still prints its message on stderr.
    let opened = catch_unwind(AssertUnwindSafe(|| open_workbook_auto_from_rs(Cursor::new(bytes))));
    let mut workbook = match opened {
        Ok(Ok(workbook)) => workbook,
        Ok(Err(error)) => {
            log.file(ProblemKind::InvalidSpreadsheet { reason: error.to_string() });
            return (Loaded::Failed, None);
        }
        Err(_) => {
            log.file(ProblemKind::InvalidSpreadsheet { reason: "the file is corrupt".to_owned() });
            return (Loaded::Failed, None);
        }
    };

    let Some(sheet) = choose_sheet(&workbook.sheet_names(), role, shared_workbook) else {
        let expected = role_sheet_name(role).to_owned();
        log.file(ProblemKind::MissingSheet { expected, found: workbook.sheet_names() });
        return (Loaded::Failed, None);
    };
    log.set_sheet(&sheet);

    let range = match catch_unwind(AssertUnwindSafe(|| read_range(&mut workbook, &sheet))) {
        Ok(Ok(range)) => range,
        Ok(Err(reason)) => {
            log.file(ProblemKind::InvalidSpreadsheet { reason });
            return (Loaded::Failed, Some(sheet));
        }
        Err(_) => {
            let reason = "the sheet is corrupt".to_owned();
            log.file(ProblemKind::InvalidSpreadsheet { reason });
            return (Loaded::Failed, Some(sheet));
        }
    };
    (table_from_rows(range_rows(&range)), Some(sheet))
}

fn read_range(workbook: &mut Sheets<Cursor<Vec<u8>>>, sheet: &str) -> Result<Range<Data>, String> {
    workbook.worksheet_range(sheet).map_err(|error| error.to_string())
}

/// Returns the sheet name that lists one side's participants.
fn role_sheet_name(role: Role) -> &'static str {
    match role {
        Role::Mentor => "mentors",
        Role::Mentee => "mentees",
    }
}

fn choose_sheet(names: &[String], role: Role, shared_workbook: bool) -> Option<String> {
    let wanted = role_sheet_name(role);
    let named = names.iter().find(|name| name.trim().eq_ignore_ascii_case(wanted));
    match (named, names) {
        (Some(name), _) => Some(name.clone()),
        (None, [only]) if !shared_workbook => Some(only.clone()),
        (None, _) => None,
    }
}

/// Returns each row of the range with its 1-based row number in the sheet,
/// and its cells as text.
fn range_rows(range: &Range<Data>) -> impl Iterator<Item = (u64, Vec<String>)> + '_ {
    let first_row = range.start().map_or(0, |(row, _)| u64::from(row));
    range.rows().enumerate().map(move |(index, cells)| {
        (first_row + index as u64 + 1, cells.iter().map(cell_text).collect())
    })
}

/// Returns a cell's text as a spreadsheet program shows it for plain cells:
/// whole numbers without a decimal point, `TRUE`/`FALSE` for booleans, and
/// error values such as `#N/A` as written.
///
/// NOTE: dates and times are returned as calamine formats them (the serial
/// number for `.xlsx`, ISO 8601 for `.ods`), since the input format has no
/// date columns and extra columns are only copied.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Float(value) if value.fract() == 0.0 && value.abs() < 1e15 => {
            format!("{}", *value as i64)
        }
        Data::Bool(true) => "TRUE".to_owned(),
        Data::Bool(false) => "FALSE".to_owned(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|name| (*name).to_owned()).collect()
    }

    #[test]
    fn sheet_chosen_by_name_ignoring_case() {
        let sheets = names(&["Notes", " MENTEES ", "Mentors"]);
        assert_eq!(choose_sheet(&sheets, Role::Mentor, true), Some("Mentors".to_owned()));
        assert_eq!(choose_sheet(&sheets, Role::Mentee, true), Some(" MENTEES ".to_owned()));
    }

    #[test]
    fn single_sheet_used_unless_shared() {
        let sheets = names(&["Sheet1"]);
        assert_eq!(choose_sheet(&sheets, Role::Mentor, false), Some("Sheet1".to_owned()));
        assert_eq!(choose_sheet(&sheets, Role::Mentor, true), None);
        assert_eq!(choose_sheet(&names(&["a", "b"]), Role::Mentee, false), None);
    }

    #[test]
    fn cells_as_text() {
        assert_eq!(cell_text(&Data::Float(3.0)), "3");
        assert_eq!(cell_text(&Data::Float(2.5)), "2.5");
        assert_eq!(cell_text(&Data::Int(7)), "7");
        assert_eq!(cell_text(&Data::Bool(true)), "TRUE");
        assert_eq!(cell_text(&Data::String(" Grade 7 ".into())), " Grade 7 ");
        assert_eq!(cell_text(&Data::Empty), "");
    }

    #[test]
    fn extensions_ignore_case() {
        assert!(is_spreadsheet_path(Path::new("a/Book.XLSX")));
        assert!(is_spreadsheet_path(Path::new("book.ods")));
        assert!(!is_spreadsheet_path(Path::new("book.csv")));
        assert!(!is_spreadsheet_path(Path::new("xlsx")));
    }
}
