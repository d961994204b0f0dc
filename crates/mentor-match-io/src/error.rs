//! Error types for reading input files and writing output folders.

use std::fmt;
use std::io;
use std::path::PathBuf;

use thiserror::Error;

/// Every problem found in one or more input files.
///
/// Readers collect all problems before returning, so one run shows the
/// administrator everything that needs fixing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputErrors {
    /// The problems, in file order and then in line order.
    pub problems: Vec<InputProblem>,
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
    /// 1-based physical line where the offending record starts (the heading
    /// row is usually line 1), or `None` for problems with the whole file.
    pub line: Option<u64>,
    /// Column heading: as written in the file for a column that exists, or
    /// the expected heading for a missing column.
    pub column: Option<String>,
    /// The offending value, trimmed.
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

impl fmt::Display for InputProblem {
    /// Writes `FILE:LINE: column "HEADING", value "VALUE": MESSAGE` on one
    /// line, leaving out the parts that are `None`.
    ///
    /// Values are shown with Rust string escapes, so a line break inside a
    /// value cannot break the one-line format.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
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
        "the row has {found} fields but the heading row has {expected}. \
         Check the row for an unclosed quote or an unquoted delimiter inside a value"
    )]
    WrongFieldCount {
        /// Number of fields in the heading row.
        expected: usize,
        /// Number of fields in this row.
        found: usize,
    },
    /// The file has no heading row, or no data rows where at least one is
    /// required.
    #[error("the file contains no rows. It needs a heading row and then one row per entry")]
    EmptyFile,
    /// A required column is missing.
    #[error("missing required column. Add a column headed {}", quoted_alternatives(accepted))]
    MissingColumn {
        /// Headings that would satisfy the requirement.
        accepted: Vec<String>,
    },
    /// Two columns provide the same field.
    #[error(
        "duplicate of column {first_heading:?}, which already provides this field. \
         Remove or rename one of the two columns"
    )]
    DuplicateColumn {
        /// Heading of the earlier column, as written.
        first_heading: String,
    },
    /// A value that must not be blank is blank.
    #[error("required value is blank. Fill it in")]
    EmptyRequiredField,
    /// The grade is not on the configured grade ladder.
    #[error("grade not on the grade ladder. Use one of {}", ladder.join(", "))]
    UnknownGrade {
        /// The ladder's grade names, junior first.
        ladder: Vec<String>,
    },
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
    /// The email address already appears on an earlier line of the same file.
    #[error(
        "email address already used on line {first_line}. Each person must appear only once per file"
    )]
    DuplicateEmail {
        /// Line of the first row with this address.
        first_line: u64,
    },
    /// The email address has no `@`.
    #[error("invalid email address: it has no \"@\". Correct the address")]
    MissingAt,
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
    /// Creating, writing or renaming a file or directory failed.
    #[error("failed to write {}: {source}", path.display())]
    Io {
        /// The file or directory being written.
        path: PathBuf,
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
