//! Loading one worksheet of an `.xlsx` or `.ods` workbook (or of the other
//! formats calamine reads) into a table, with calamine.

use std::fs;
use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use calamine::{Data, Range, Reader, Sheets, open_workbook_auto_from_rs};
use mentor_match_model::Role;

use crate::error::ProblemKind;
use crate::read::ods_extent::find_large_ods_sheet;
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
    let container = Container::of(&bytes);
    if container == Container::Zip {
        let too_large = |extent| check_limits_u64(extent).is_err();
        if let Some((sheet, far_cell)) = find_large_ods_sheet(&bytes, too_large) {
            log.set_sheet(&sheet);
            log.file(ProblemKind::SheetTooLarge {
                far_cell: cell_name_u64(far_cell),
                max_rows: MAX_SHEET_ROWS,
                max_columns: MAX_SHEET_COLUMNS,
                max_cells: MAX_SHEET_CELLS,
            });
            return (Loaded::Failed, Some(sheet));
        }
    }
    let opened = catch_unwind(AssertUnwindSafe(|| open_workbook_auto_from_rs(Cursor::new(bytes))));
    let mut workbook = match opened {
        Ok(Ok(workbook)) => workbook,
        Ok(Err(error)) => {
            let reason = container.failure_reason(&error.to_string());
            log.file(ProblemKind::InvalidSpreadsheet { reason });
            return (Loaded::Failed, None);
        }
        Err(_) => {
            let reason = container.failure_reason("the file is corrupt");
            log.file(ProblemKind::InvalidSpreadsheet { reason });
            return (Loaded::Failed, None);
        }
    };

    let names = workbook.sheet_names();
    let wanted = role_sheet_name(role);
    let same_names: Vec<String> =
        names.iter().filter(|name| name.trim().eq_ignore_ascii_case(wanted)).cloned().collect();
    if same_names.len() > 1 {
        log.file(ProblemKind::DuplicateSheet { expected: wanted.to_owned(), found: same_names });
        return (Loaded::Failed, None);
    }
    let Some(sheet) = choose_sheet(&names, role, shared_workbook) else {
        let expected = role_sheet_name(role).to_owned();
        log.file(ProblemKind::MissingSheet { expected, found: workbook.sheet_names() });
        return (Loaded::Failed, None);
    };
    log.set_sheet(&sheet);

    let cells = match catch_unwind(AssertUnwindSafe(|| read_cells(&mut workbook, &sheet))) {
        Ok(Ok(cells)) => cells,
        Ok(Err(SheetError::Unreadable(reason))) => {
            log.file(ProblemKind::InvalidSpreadsheet { reason });
            return (Loaded::Failed, Some(sheet));
        }
        Ok(Err(SheetError::TooLarge { far_cell })) => {
            log.file(ProblemKind::SheetTooLarge {
                far_cell: cell_name(far_cell),
                max_rows: MAX_SHEET_ROWS,
                max_columns: MAX_SHEET_COLUMNS,
                max_cells: MAX_SHEET_CELLS,
            });
            return (Loaded::Failed, Some(sheet));
        }
        Err(_) => {
            let reason = "the sheet is corrupt".to_owned();
            log.file(ProblemKind::InvalidSpreadsheet { reason });
            return (Loaded::Failed, Some(sheet));
        }
    };
    for ((row, column), value) in &cells {
        if let Data::Error(error) = value {
            let cell = cell_name((*row, *column));
            log.row(
                u64::from(*row) + 1,
                ProblemKind::ErrorValue { cell, error: error.to_string() },
            );
        }
    }
    (table_from_rows(cell_rows(cells)), Some(sheet))
}

/// The kind of file a workbook's first bytes show, to explain why it
/// cannot be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    /// A zip archive, as `.xlsx` and `.ods` files are.
    Zip,
    /// An OLE compound file: an `.xls` workbook, or an `.xlsx` workbook
    /// encrypted with a password.
    Ole,
    /// Text without NUL bytes, such as CSV.
    Text,
    /// Anything else.
    Other,
}

impl Container {
    /// Returns the container kind of a file from its first bytes.
    fn of(bytes: &[u8]) -> Container {
        const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
        const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        let start = &bytes[..bytes.len().min(1024)];
        if bytes.starts_with(ZIP_MAGIC) {
            Container::Zip
        } else if bytes.starts_with(OLE_MAGIC) {
            Container::Ole
        } else if !start.is_empty() && !start.contains(&0) {
            Container::Text
        } else {
            Container::Other
        }
    }

    /// Returns the reason to report when the workbook cannot be opened,
    /// given the spreadsheet reader's message.
    fn failure_reason(self, reader_message: &str) -> String {
        match self {
            Container::Zip => {
                format!("the zip archive is damaged or holds no workbook: {reader_message}")
            }
            Container::Ole => "the file is encrypted, probably with a password. Remove the \
                 password in the spreadsheet program and save the workbook again"
                .to_owned(),
            Container::Text => "the file is text, not a workbook. If it is CSV, give it the \
                 .csv extension"
                .to_owned(),
            Container::Other => "the file is not a workbook: it is neither a zip archive \
                 (.xlsx, .ods) nor an .xls file"
                .to_owned(),
        }
    }
}

/// Largest number of rows of a sheet that is read. A value in a later row
/// is an error.
pub const MAX_SHEET_ROWS: u32 = 1_000_000;

/// Largest number of columns of a sheet that is read. A value in a later
/// column is an error.
pub const MAX_SHEET_COLUMNS: u32 = 1_000;

/// Largest number of cells, from `A1` to the last row and column in use,
/// of a sheet that is read. It bounds the memory of the table built from
/// the sheet.
pub const MAX_SHEET_CELLS: u64 = 5_000_000;

/// A sheet that cannot be read.
enum SheetError {
    /// The reader failed, with its message.
    Unreadable(String),
    /// A value lies beyond the limits, at this 0-based (row, column).
    TooLarge { far_cell: (u32, u32) },
}

/// A non-empty cell, at its 0-based (row, column).
type SheetCell = ((u32, u32), Data);

/// Reads the non-empty cells of a sheet, checking the limits as it goes.
///
/// `.xlsx` and `.xlsb` sheets are read cell by cell, so a far cell is
/// found before any table is built. calamine reads `.ods` and `.xls`
/// sheets only whole into a dense range, so their limits are checked on
/// that range, and for `.ods` by [`find_large_ods_sheet`] before it too.
fn read_cells(
    workbook: &mut Sheets<Cursor<Vec<u8>>>,
    sheet: &str,
) -> Result<Vec<SheetCell>, SheetError> {
    let unreadable = |error: &dyn std::fmt::Display| SheetError::Unreadable(error.to_string());
    let mut cells = SheetCells::default();
    match workbook {
        Sheets::Xlsx(xlsx) => {
            let mut reader = xlsx.worksheet_cells_reader(sheet).map_err(|e| unreadable(&e))?;
            while let Some(cell) = reader.next_cell().map_err(|e| unreadable(&e))? {
                cells.push(cell.get_position(), Data::from(cell.get_value().clone()))?;
            }
        }
        Sheets::Xlsb(xlsb) => {
            let mut reader = xlsb.worksheet_cells_reader(sheet).map_err(|e| unreadable(&e))?;
            while let Some(cell) = reader.next_cell().map_err(|e| unreadable(&e))? {
                cells.push(cell.get_position(), Data::from(cell.get_value().clone()))?;
            }
        }
        other => {
            // `.ods` sheets were checked by `find_large_ods_sheet` before calamine
            // expanded their repeated rows and cells.
            let range: Range<Data> = other.worksheet_range(sheet).map_err(|e| unreadable(&e))?;
            if let Some((last_row, last_column)) = range.end() {
                check_limits(last_row, last_column)?;
            }
            let (first_row, first_column) = range.start().unwrap_or((0, 0));
            for (row, column, value) in range.used_cells() {
                let position = (first_row + row as u32, first_column + column as u32);
                cells.push(position, value.clone())?;
            }
        }
    }
    Ok(cells.cells)
}

/// The non-empty cells read so far, with the last row and column in use.
#[derive(Default)]
struct SheetCells {
    cells: Vec<SheetCell>,
    last_row: u32,
    last_column: u32,
}

impl SheetCells {
    /// Adds a cell unless it is empty, failing when it lies beyond the
    /// limits.
    fn push(&mut self, position: (u32, u32), value: Data) -> Result<(), SheetError> {
        if value == Data::Empty {
            return Ok(());
        }
        self.last_row = self.last_row.max(position.0);
        self.last_column = self.last_column.max(position.1);
        check_limits(self.last_row, self.last_column)?;
        self.cells.push((position, value));
        Ok(())
    }
}

/// Fails when a sheet whose last row and column in use (0-based) are these
/// is larger than the limits.
fn check_limits(last_row: u32, last_column: u32) -> Result<(), SheetError> {
    check_limits_u64((u64::from(last_row), u64::from(last_column)))
        .map_err(|()| SheetError::TooLarge { far_cell: (last_row, last_column) })
}

/// Fails when a sheet whose last row and column in use (0-based) are these
/// is larger than the limits, for positions beyond the `u32` range too.
fn check_limits_u64((last_row, last_column): (u64, u64)) -> Result<(), ()> {
    let cells = last_row.saturating_add(1).saturating_mul(last_column.saturating_add(1));
    let too_large = last_row >= u64::from(MAX_SHEET_ROWS)
        || last_column >= u64::from(MAX_SHEET_COLUMNS)
        || cells > MAX_SHEET_CELLS;
    if too_large { Err(()) } else { Ok(()) }
}

/// Returns the A1-notation name of a 0-based (row, column) cell, such as
/// `XFD1048576`.
fn cell_name((row, column): (u32, u32)) -> String {
    cell_name_u64((u64::from(row), u64::from(column)))
}

fn cell_name_u64((row, column): (u64, u64)) -> String {
    let mut letters = Vec::new();
    let mut rest = column.saturating_add(1);
    while rest > 0 {
        let digit = ((rest - 1) % 26) as u8;
        letters.push(char::from(b'A' + digit));
        rest = (rest - 1) / 26;
    }
    let column_name: String = letters.into_iter().rev().collect();
    format!("{column_name}{}", row.saturating_add(1))
}

/// Returns the rows that have a non-empty cell, in order, each with its
/// 1-based row number and its cells as text from the first column in use
/// to the last.
fn cell_rows(mut cells: Vec<SheetCell>) -> Vec<(u64, Vec<String>)> {
    cells.sort_by_key(|(position, _)| *position);
    let first_column = cells.iter().map(|((_, column), _)| *column).min().unwrap_or(0);
    let last_column = cells.iter().map(|((_, column), _)| *column).max().unwrap_or(0);
    let width = (last_column - first_column) as usize + 1;

    let mut rows: Vec<(u64, Vec<String>)> = Vec::new();
    for ((row, column), value) in cells {
        let line = u64::from(row) + 1;
        if rows.last().is_none_or(|(last_line, _)| *last_line != line) {
            rows.push((line, vec![String::new(); width]));
        }
        if let Some((_, texts)) = rows.last_mut() {
            texts[(column - first_column) as usize] = cell_text(&value);
        }
    }
    rows
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

/// Returns a cell's text as a spreadsheet program shows it for plain cells:
/// whole numbers without a decimal point, `TRUE`/`FALSE` for booleans, and
/// error values such as `#N/A` as written, since the reader reports them.
/// Dates become ISO 8601 dates, with the time only when it is not midnight.
///
/// NOTE: durations in `.xlsx` are returned as their serial number.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::DateTime(date) if date.is_datetime() => {
            let (year, month, day, hour, minute, second, _) = date.to_ymd_hms_milli();
            if (hour, minute, second) == (0, 0, 0) {
                format!("{year:04}-{month:02}-{day:02}")
            } else {
                format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}")
            }
        }
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
