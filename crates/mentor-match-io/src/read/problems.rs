//! Collection of the problems found in one input file.

use std::path::{Path, PathBuf};

use crate::error::{InputProblem, ProblemKind};

/// The problems found so far in one file, in the order they were found.
pub(crate) struct ProblemLog {
    file: PathBuf,
    problems: Vec<InputProblem>,
}

impl ProblemLog {
    pub(crate) fn new(file: &Path) -> Self {
        ProblemLog { file: file.to_path_buf(), problems: Vec::new() }
    }

    /// Returns the file's path as the caller gave it.
    pub(crate) fn path(&self) -> &Path {
        &self.file
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
    pub(crate) fn cell(
        &mut self,
        line: Option<u64>,
        column: Option<&str>,
        value: Option<&str>,
        kind: ProblemKind,
    ) {
        self.push(line, column.map(str::to_owned), value.map(str::to_owned), kind);
    }

    fn push(
        &mut self,
        line: Option<u64>,
        column: Option<String>,
        value: Option<String>,
        kind: ProblemKind,
    ) {
        self.problems.push(InputProblem { file: self.file.clone(), line, column, value, kind });
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.problems.is_empty()
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
