//! Collection of the problems found in one input file.

use std::path::{Path, PathBuf};

use crate::error::{InputProblem, ProblemKind};
use crate::headings::is_sensitive_heading;

/// The problems found so far in one file or worksheet, in the order they
/// were found.
pub(crate) struct ProblemLog {
    file: PathBuf,
    sheet: Option<String>,
    problems: Vec<InputProblem>,
}

impl ProblemLog {
    pub(crate) fn new(file: &Path) -> Self {
        ProblemLog { file: file.to_path_buf(), sheet: None, problems: Vec::new() }
    }

    /// Locates the problems recorded from now on in a worksheet.
    pub(crate) fn set_sheet(&mut self, sheet: &str) {
        self.sheet = Some(sheet.to_owned());
    }

    /// Records a problem with the whole file.
    pub(crate) fn file(&mut self, kind: ProblemKind) {
        self.push(None, None, None, kind);
    }

    /// Records a problem with a whole row.
    pub(crate) fn row(&mut self, line: u64, kind: ProblemKind) {
        self.push(Some(line), None, None, kind);
    }

    /// Records a problem with one cell or heading.
    ///
    /// The value is dropped when the column contains sensitive personal data
    /// (characteristics or "match with similar identity"), because problems
    /// are printed and may be logged or shared. The line and column still
    /// locate the cell.
    pub(crate) fn cell(
        &mut self,
        line: Option<u64>,
        column: Option<&str>,
        value: Option<&str>,
        kind: ProblemKind,
    ) {
        let value = value.filter(|_| !column.is_some_and(is_sensitive_heading));
        self.push(line, column.map(str::to_owned), value.map(str::to_owned), kind);
    }

    fn push(
        &mut self,
        line: Option<u64>,
        column: Option<String>,
        value: Option<String>,
        kind: ProblemKind,
    ) {
        let sheet = self.sheet.clone();
        let file = self.file.clone();
        self.problems.push(InputProblem { file, sheet, line, column, value, kind });
    }

    /// Returns whether any recorded problem is an error.
    pub(crate) fn has_errors(&self) -> bool {
        self.problems.iter().any(|problem| problem.severity() == crate::Severity::Error)
    }

    /// Returns the problems ordered by line, file-wide problems first, and
    /// otherwise in the order they were found.
    pub(crate) fn into_problems(mut self) -> Vec<InputProblem> {
        // The table loader reports row-shape problems before the heading
        // checks run, so the order found is not line order. The sort is
        // stable, which keeps a row's problems in field order.
        self.problems.sort_by_key(|problem| problem.line);
        self.problems
    }
}
