//! Error types for reading input files and writing output folders.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use mentor_match_model::Role;
use thiserror::Error;

/// Every problem found in one or more input files.
///
/// Readers collect all problems before returning, so one run shows the
/// administrator everything that needs fixing. The list contains at least
/// one error, and may hold warnings too (see [`ProblemKind::severity`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputErrors {
    /// The problems, in file order and then in line order.
    pub problems: Vec<InputProblem>,
}

impl InputErrors {
    /// Returns the problems that prevent matching.
    pub fn errors(&self) -> impl Iterator<Item = &InputProblem> {
        self.problems.iter().filter(|problem| problem.severity() == Severity::Error)
    }

    /// Returns the problems that do not prevent matching.
    pub fn warnings(&self) -> impl Iterator<Item = &InputProblem> {
        self.problems.iter().filter(|problem| problem.severity() == Severity::Warning)
    }
}

/// The seriousness of a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The input cannot be matched until the problem is fixed.
    Error,
    /// The input can be matched, but the result may not be what the
    /// administrator expects.
    Warning,
}

impl Severity {
    /// Returns `"error"` or `"warning"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for InputErrors {
    /// Writes one line per problem, without a trailing newline.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InputErrors {}

/// One problem in an input file, located as precisely as possible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputProblem {
    /// The file, as the caller gave its path.
    pub file: PathBuf,
    /// The worksheet, for a spreadsheet file, or `None` for a CSV file and
    /// for problems with a whole workbook.
    pub sheet: Option<String>,
    /// 1-based physical line where the offending record starts (the heading
    /// row is usually line 1), or the 1-based row number in a worksheet, or
    /// `None` for problems with the whole file or sheet.
    pub line: Option<u64>,
    /// Column heading: as written in the file for a column that exists, or
    /// the expected heading for a missing column.
    pub column: Option<String>,
    /// The offending value, trimmed. It is `None` for problems with no
    /// single value, and for values of the sensitive columns
    /// (characteristics and "match with similar identity"), which problems
    /// never repeat.
    pub value: Option<String>,
    /// The kind of problem. Its message says how to fix it.
    pub kind: ProblemKind,
}

/// Maximum number of characters of a value that a problem's one-line
/// message shows.
///
/// A garbled biography can be thousands of characters long, and the message
/// only needs enough of it for the reader to find the cell.
const MAX_DISPLAYED_VALUE_CHARS: usize = 80;

impl InputProblem {
    /// Returns whether the problem prevents matching.
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }
}

impl fmt::Display for InputProblem {
    /// Writes `FILE:LINE: column "HEADING", value "VALUE": MESSAGE` on one
    /// line for a CSV file, and `FILE, sheet "SHEET", row ROW: ...` for a
    /// worksheet, leaving out the parts that are `None`.
    ///
    /// Values are shown with Rust string escapes, so a line break inside a
    /// value cannot break the one-line format.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        match (&self.sheet, self.line) {
            (Some(sheet), Some(row)) => write!(f, ", sheet {sheet:?}, row {row}")?,
            (Some(sheet), None) => write!(f, ", sheet {sheet:?}")?,
            (None, Some(line)) => write!(f, ":{line}")?,
            (None, None) => {}
        }
        f.write_str(": ")?;
        if let Some(column) = &self.column {
            write!(f, "column {column:?}")?;
            f.write_str(if self.value.is_some() { ", " } else { ": " })?;
        }
        if let Some(value) = &self.value {
            write!(f, "value {:?}: ", shorten(value))?;
        }
        write!(f, "{}", self.kind)
    }
}

impl std::error::Error for InputProblem {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.kind)
    }
}

fn shorten(value: &str) -> String {
    match value.char_indices().nth(MAX_DISPLAYED_VALUE_CHARS) {
        Some((cut, _)) => format!("{}…", &value[..cut]),
        None => value.to_owned(),
    }
}

/// Kind of problem found in an input file, row or cell.
///
/// Each message ends with what to do about it. Messages start in lowercase
/// because [`InputProblem`]'s `Display` prefixes them with the location.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ProblemKind {
    /// The file could not be read (not found, a directory, no permission).
    #[error("failed to read the file ({message}). Check the path and the file's permissions")]
    Io {
        /// The operating system's error kind.
        kind: io::ErrorKind,
        /// The operating system's message.
        message: String,
    },
    /// A cell or heading is not valid UTF-8 text.
    #[error("the text is not valid UTF-8. Save the file as \"CSV UTF-8\" and try again")]
    InvalidUtf8,
    /// The file is not valid CSV.
    #[error("malformed CSV: {reason}")]
    MalformedCsv {
        /// Description of the parse failure and its fix.
        reason: String,
    },
    /// A row has a different number of fields from the heading row.
    #[error(
        "the row has {found} {} but the heading row has {expected}. \
         Check the row for an unclosed quote or an unquoted delimiter inside a value",
        if *found == 1 { "cell" } else { "cells" }
    )]
    WrongFieldCount {
        /// Number of fields in the heading row.
        expected: usize,
        /// Number of fields in this row.
        found: usize,
    },
    /// The file is empty or contains only blank lines.
    #[error("the file is empty. It needs a heading row and one row per participant")]
    EmptyFile,
    /// A participants file has a heading row but no data rows.
    #[error("the file has a heading row but no data rows. Add one row per participant")]
    NoDataRows,
    /// The file starts with a UTF-16 byte order mark, or its heading line
    /// looks like UTF-16 text, but the rest is not valid UTF-16 (an odd
    /// number of bytes, or an unpaired surrogate).
    #[error(
        "the file looks like UTF-16 text but is not valid UTF-16. \
         Save it as \"CSV UTF-8\" and try again"
    )]
    Utf16Encoded,
    /// The file is not valid UTF-8, so it was read as Windows-1252.
    #[error(
        "the file is not valid UTF-8, so it was read as Windows-1252 (Excel's \"CSV\" \
         on Western systems). Check that accented letters look right in the results, \
         or save the file as \"CSV UTF-8\" to remove this warning"
    )]
    Windows1252Decoded,
    /// The heading line contains NUL bytes, as binary files such as Excel
    /// workbooks do.
    #[error(
        "the file is not a CSV text file (it contains NUL bytes). \
         If it is a spreadsheet, give it the .xlsx or .ods extension, \
         or save it as \"CSV UTF-8\", and try again"
    )]
    BinaryFile,
    /// A spreadsheet file could not be opened or one of its sheets could not
    /// be read.
    #[error(
        "failed to read the spreadsheet ({reason}). Check that it opens in a spreadsheet program and is saved as .xlsx or .ods"
    )]
    InvalidSpreadsheet {
        /// The spreadsheet reader's message.
        reason: String,
    },
    /// A sheet has a value beyond the rows or columns the reader accepts,
    /// or uses more cells than it accepts in all.
    #[error(
        "the sheet uses cells up to {far_cell}, beyond the limit of {max_rows} rows, \
         {max_columns} columns and {max_cells} cells in all. Delete the rows and columns \
         after the participants (or clear the far cell) and save again"
    )]
    SheetTooLarge {
        /// The cell, in A1 notation, of the last row and column in use.
        far_cell: String,
        /// The largest number of rows read.
        max_rows: u32,
        /// The largest number of columns read.
        max_columns: u32,
        /// The largest number of cells, rows times columns, read.
        max_cells: u64,
    },
    /// A spreadsheet cell contains an error value, such as the result of a
    /// formula that failed.
    #[error(
        "cell {cell} contains the error value {error}. Fix the formula or replace it with a value"
    )]
    ErrorValue {
        /// The cell in A1 notation.
        cell: String,
        /// The error value as the spreadsheet shows it, such as `#DIV/0!`.
        error: String,
    },
    /// A pair of the exclusions file names no mentor or no mentee of the
    /// participants files, so it has no effect.
    #[error(
        "no {} has this email address, so the excluded pair has no effect. {}",
        side_name(*side),
        pair_advice(*swapped)
    )]
    UnknownExcludedPerson {
        /// The side whose email address is unknown.
        side: Role,
        /// Whether the two addresses name a mentee and a mentor, in the
        /// wrong order.
        swapped: bool,
    },
    /// A pair of the pins file names no mentor or no mentee of the
    /// participants files, so it cannot be matched.
    #[error(
        "no {} has this email address, so the pinned pair cannot be matched. {}",
        side_name(*side),
        pair_advice(*swapped)
    )]
    UnknownPinnedPerson {
        /// The side whose email address is unknown.
        side: Role,
        /// Whether the two addresses name a mentee and a mentor, in the
        /// wrong order.
        swapped: bool,
    },
    /// A workbook has several sheets whose names match this side's, ignoring
    /// case and surrounding spaces, so the one to read is unclear.
    #[error(
        "several sheets are named {expected:?} when case and surrounding spaces are ignored: {}. \
         Rename or delete all but the one that lists the {expected}",
        found.iter().map(|name| format!("{name:?}")).collect::<Vec<_>>().join(", ")
    )]
    DuplicateSheet {
        /// The sheet name that was looked for, in lowercase.
        expected: String,
        /// The matching sheet names, in workbook order.
        found: Vec<String>,
    },
    /// A workbook has no sheet for this side of the programme.
    #[error(
        "no sheet named {expected:?}; the workbook has {}. Rename the sheet that lists the {expected} to {expected:?}",
        if found.is_empty() { "no sheets".to_owned() } else { format!("sheets {}", quoted_alternatives(found).replace(" or ", ", ")) }
    )]
    MissingSheet {
        /// The sheet name that was looked for, in lowercase.
        expected: String,
        /// The sheets the workbook has.
        found: Vec<String>,
    },
    /// Adjacent columns with a blank heading contain values, which are
    /// ignored.
    #[error(
        "{} no heading, so the values in {} are ignored. \
         Give the {} a heading to keep them, or clear them",
        if position == last_position { format!("column {position} has") } else { format!("columns {position} to {last_position} have") },
        if *filled_cells == 1 { "its 1 filled cell".to_owned() } else { format!("their {filled_cells} filled cells") },
        if position == last_position { "column" } else { "columns" }
    )]
    UnnamedColumnIgnored {
        /// 1-based position of the first column of the run.
        position: usize,
        /// 1-based position of the last column of the run, equal to
        /// `position` for a single column.
        last_position: usize,
        /// Number of data rows with a value in the column.
        filled_cells: usize,
    },
    /// A required column is missing.
    #[error("missing required column. Add a column headed {}", quoted_alternatives(accepted))]
    MissingColumn {
        /// Headings that would satisfy the requirement.
        accepted: Vec<String>,
    },
    /// Two columns have the same heading, or two headings that name the
    /// same participant field (such as `email` and `email address`).
    #[error(
        "the column appears twice (also column {first_column}, headed {first_heading:?}). \
         Rename or remove one of the two"
    )]
    DuplicateColumn {
        /// Heading of the earlier column, as written.
        first_heading: String,
        /// 1-based position of the earlier column.
        first_column: usize,
    },
    /// A value that must not be blank is blank.
    #[error("required value is blank. Fill it in")]
    EmptyRequiredField,
    /// The grade is not on the configured grade ladder.
    #[error("{}", unknown_grade_message(suggestion.as_deref(), ladder, *numeric_value))]
    UnknownGrade {
        /// The ladder's grade name nearest to the value, when one is close
        /// enough to be a likely misspelling: few single-character edits
        /// apart (ignoring case and repeated spaces) and with the same
        /// digits. The more junior of equally near names wins.
        suggestion: Option<String>,
        /// The ladder's grade names, junior first.
        ladder: Vec<String>,
        /// Whether the value is a number, which suggests that the
        /// configuration should enable numeric grades.
        numeric_value: bool,
    },
    /// The rules use numeric grades, and the grade is not a whole number
    /// in the allowed range.
    #[error("invalid grade. The rules use numeric grades: use a whole number from -1000 to 1000")]
    InvalidNumericGrade,
    /// A yes/no cell is neither yes nor no.
    #[error(
        "invalid yes/no value. Use yes or no (y, n, true, false, 1 and 0 also work, and blank means no)"
    )]
    InvalidYesNo,
    /// A number of matches is not a non-negative whole number.
    #[error(
        "invalid number of matches. Use a whole number of 0 or more, or leave it blank for the default"
    )]
    InvalidNumber,
    /// A number of matches is a whole number larger than the largest
    /// accepted capacity, [`MAX_CAPACITY`](mentor_match_model::MAX_CAPACITY).
    #[error(
        "number of matches too large. Use 0 to {}, or leave it blank for the default",
        mentor_match_model::MAX_CAPACITY
    )]
    NumberTooLarge,
    /// The email address already appears on an earlier line of the same
    /// file, or an earlier row of the same sheet.
    #[error(
        "email address already used on {} {first_line}. Each person must appear only once per {}",
        if *in_sheet { "row" } else { "line" },
        if *in_sheet { "sheet" } else { "file" }
    )]
    DuplicateEmail {
        /// Line, or row in a sheet, of the first row with this address.
        first_line: u64,
        /// Whether the rows are in a worksheet rather than a CSV file.
        in_sheet: bool,
    },
    /// A value contains a control character other than tab, line feed and
    /// carriage return, such as NUL.
    #[error(
        "the value contains an invisible control character (such as NUL). \
         Retype the value, or remove the character"
    )]
    ControlCharacter,
    /// The email address has no `@`.
    #[error("invalid email address: it has no \"@\". Correct the address")]
    MissingAt,
    /// The email address has an `@` but is still invalid.
    #[error("invalid email address: {reason}. Correct the address")]
    InvalidEmail {
        /// The fault found, such as `it has more than one "@"`.
        reason: String,
    },
    /// The "both mentor and mentee" value disagrees with whether the email
    /// address appears in the other side's file. The person is treated as
    /// both a mentor and a mentee exactly when the address is in both files.
    #[error("{}", role_flag_message(*says_both, other_file, other_sheet.as_deref(), *other_line))]
    RoleFlagMismatch {
        /// Whether the cell's value is yes.
        says_both: bool,
        /// The other side's file.
        other_file: PathBuf,
        /// The other side's worksheet, when that file is a spreadsheet.
        other_sheet: Option<String>,
        /// The line or row of the same address in the other file, when it
        /// is there.
        other_line: Option<u64>,
    },
}

impl ProblemKind {
    /// Returns whether this kind of problem prevents matching. Only
    /// [`ProblemKind::Windows1252Decoded`], [`ProblemKind::UnnamedColumnIgnored`],
    /// [`ProblemKind::RoleFlagMismatch`] and
    /// [`ProblemKind::UnknownExcludedPerson`] are warnings.
    pub fn severity(&self) -> Severity {
        match self {
            ProblemKind::Windows1252Decoded
            | ProblemKind::UnnamedColumnIgnored { .. }
            | ProblemKind::RoleFlagMismatch { .. }
            | ProblemKind::UnknownExcludedPerson { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// Returns a stable snake_case name of the kind, for tools that read
    /// problems as data.
    pub fn code(&self) -> &'static str {
        match self {
            ProblemKind::Io { .. } => "io",
            ProblemKind::InvalidUtf8 => "invalid_utf8",
            ProblemKind::MalformedCsv { .. } => "malformed_csv",
            ProblemKind::WrongFieldCount { .. } => "wrong_field_count",
            ProblemKind::EmptyFile => "empty_file",
            ProblemKind::NoDataRows => "no_data_rows",
            ProblemKind::Utf16Encoded => "invalid_utf16",
            ProblemKind::Windows1252Decoded => "windows_1252_decoded",
            ProblemKind::BinaryFile => "binary_file",
            ProblemKind::InvalidSpreadsheet { .. } => "invalid_spreadsheet",
            ProblemKind::MissingSheet { .. } => "missing_sheet",
            ProblemKind::DuplicateSheet { .. } => "duplicate_sheet",
            ProblemKind::SheetTooLarge { .. } => "sheet_too_large",
            ProblemKind::UnknownExcludedPerson { .. } => "unknown_excluded_person",
            ProblemKind::UnknownPinnedPerson { .. } => "unknown_pinned_person",
            ProblemKind::ErrorValue { .. } => "error_value",
            ProblemKind::UnnamedColumnIgnored { .. } => "unnamed_column_ignored",
            ProblemKind::MissingColumn { .. } => "missing_column",
            ProblemKind::DuplicateColumn { .. } => "duplicate_column",
            ProblemKind::EmptyRequiredField => "empty_required_field",
            ProblemKind::UnknownGrade { .. } => "unknown_grade",
            ProblemKind::InvalidNumericGrade => "invalid_numeric_grade",
            ProblemKind::InvalidYesNo => "invalid_yes_no",
            ProblemKind::InvalidNumber => "invalid_number",
            ProblemKind::NumberTooLarge => "number_too_large",
            ProblemKind::DuplicateEmail { .. } => "duplicate_email",
            ProblemKind::MissingAt => "missing_at",
            ProblemKind::ControlCharacter => "control_character",
            ProblemKind::InvalidEmail { .. } => "invalid_email",
            ProblemKind::RoleFlagMismatch { .. } => "role_flag_mismatch",
        }
    }
}

fn role_flag_message(
    says_both: bool,
    other_file: &Path,
    other_sheet: Option<&str>,
    other_line: Option<u64>,
) -> String {
    let other = match other_sheet {
        Some(sheet) => format!("{}, sheet {sheet:?}", other_file.display()),
        None => other_file.display().to_string(),
    };
    let place = if other_sheet.is_some() { "row" } else { "line" };
    match (says_both, other_line) {
        (true, _) => format!(
            "\"both mentor and mentee\" is yes, but the email address is not in {other}, \
             so the person is matched on this side only. Add the person to that file, \
             or change the value to no"
        ),
        (false, Some(line)) => format!(
            "\"both mentor and mentee\" is no, but the email address is also on {place} {line} of \
             {other}, so the person is treated as both and never matched with themselves. \
             Change the value to yes, or remove one of the two rows"
        ),
        (false, None) => format!(
            "\"both mentor and mentee\" is no, but the email address is also in {other}. \
             Change the value to yes, or remove one of the two rows"
        ),
    }
}

fn quoted_alternatives(headings: &[String]) -> String {
    let quoted: Vec<String> = headings.iter().map(|h| format!("{h:?}")).collect();
    quoted.join(" or ")
}

/// Failure to write an output folder or roster files.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum OutputError {
    /// An output file exists and overwriting was not enabled.
    #[error(
        "{} already exists, so no output was written. \
         Choose another output folder, remove the file, or enable overwriting (force)",
        path.display()
    )]
    AlreadyExists {
        /// The existing file.
        path: PathBuf,
    },
    /// The output path exists but is not a directory.
    #[error("{} exists but is not a directory. Choose a folder path for the output", path.display())]
    NotADirectory {
        /// The output path.
        path: PathBuf,
    },
    /// An output file's path is a directory, so it cannot be replaced.
    #[error(
        "{} is a directory, so no output was written. \
         Remove or rename the directory, or choose another output folder",
        path.display()
    )]
    IsADirectory {
        /// The directory at the output file's path.
        path: PathBuf,
    },
    /// Creating, writing or renaming a file or directory failed before any
    /// output file was replaced.
    #[error("failed to write {}: {source}. {} and try again", path.display(), advice(source))]
    Io {
        /// The output file or folder being written. It is never the path of
        /// a temporary file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// Moving a complete file into place failed after other output files
    /// had already been moved into place, so the folder mixes new and old
    /// files.
    #[error(
        "failed to write {}: {source}. {} had already been written, so the folder \
         now mixes new and old output files. {}, then write all the outputs again",
        path.display(),
        join_paths(written),
        advice(source)
    )]
    PartlyWritten {
        /// The output file that could not be moved into place.
        path: PathBuf,
        /// The output files already replaced or created, in the order
        /// written.
        written: Vec<PathBuf>,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// The match result refers to participants the roster does not have, or
    /// its match counts disagree with its pairs.
    #[error("the match result does not belong to this roster: {reason}")]
    ResultMismatch {
        /// The first inconsistency found.
        reason: String,
    },
}

/// Returns the next step after a failed write, worded to be followed by
/// "and try again" or ", then ...".
fn advice(error: &io::Error) -> &'static str {
    match error.kind() {
        io::ErrorKind::PermissionDenied => "Check that the folder is writable",
        io::ErrorKind::ReadOnlyFilesystem => {
            "The folder is on a read-only file system, so choose another output folder"
        }
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => "Free some disk space",
        io::ErrorKind::NotFound => "Check that the output folder still exists",
        _ => "Check the output folder",
    }
}

fn join_paths(paths: &[PathBuf]) -> String {
    let displayed: Vec<String> = paths.iter().map(|path| path.display().to_string()).collect();
    match displayed.as_slice() {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn side_name(side: Role) -> &'static str {
    match side {
        Role::Mentor => "mentor",
        Role::Mentee => "mentee",
    }
}

fn pair_advice(swapped: bool) -> &'static str {
    if swapped {
        "The two addresses seem swapped: put the mentor's email address first"
    } else {
        "Check the spelling against the participants files"
    }
}

fn unknown_grade_message(
    suggestion: Option<&str>,
    ladder: &[String],
    numeric_value: bool,
) -> String {
    let mut message = "grade not on the grade ladder.".to_owned();
    if let Some(suggestion) = suggestion {
        message.push_str(&format!(" Did you mean {suggestion:?}?"));
    }
    message.push_str(&format!(" The grades are {}", ladder.join(", ")));
    if numeric_value {
        message.push_str(
            ". For grades that are numbers, set `numeric = true` under `[grades]` in the \
             configuration file (see docs/CONFIG.md)",
        );
    }
    message
}
