//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use mentor_match_io::{InputProblem, ProblemKind};
use mentor_match_model::GradeLadder;

/// Returns the path of a file under `tests/fixtures`.
pub fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(relative)
}

/// Builds an expected problem.
pub fn problem(
    file: &Path,
    line: Option<u64>,
    column: Option<&str>,
    value: Option<&str>,
    kind: ProblemKind,
) -> InputProblem {
    InputProblem {
        file: file.to_path_buf(),
        sheet: None,
        line,
        column: column.map(str::to_owned),
        value: value.map(str::to_owned),
        kind,
    }
}

/// Returns the `UnknownGrade` kind for the default ladder, a value that is
/// not a number, and the grade it suggests (`None` for no suggestion).
pub fn unknown_grade(suggestion: Option<&str>) -> ProblemKind {
    ProblemKind::UnknownGrade {
        suggestion: suggestion.map(str::to_owned),
        ladder: GradeLadder::default().names().to_vec(),
        numeric_value: false,
    }
}

/// Heading row of a complete mentors file.
pub const MENTOR_HEADINGS: &str = "first name,last name,email address,both mentor and mentee,\
     job title,grade,organisation,profession,characteristics,biography";

/// Heading row of a complete mentees file.
pub const MENTEE_HEADINGS: &str = "first name,last name,email address,both mentor and mentee,\
     job title,grade,organisation,profession,characteristics,match with similar identity,biography";

/// Returns a valid mentors data row for `email`.
pub fn mentor_row(email: &str) -> String {
    format!("Mentor,Person,{email},no,Lead,Grade 7,Department A,Policy,,Bio of {email}")
}

/// Returns a valid mentees data row for `email`.
pub fn mentee_row(email: &str) -> String {
    format!("Mentee,Person,{email},no,Officer,HEO,Department B,Policy,,no,Bio of {email}")
}

/// Writes `contents` to `dir/name` and returns the path.
pub fn write_file(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, contents).expect("write test file");
    path
}

/// Writes a valid one-row mentors file into `dir` and returns its path.
pub fn valid_mentors(dir: &Path) -> PathBuf {
    write_file(dir, "mentors.csv", format!("{MENTOR_HEADINGS}\n{}\n", mentor_row("m@example.org")))
}

/// Writes a valid one-row mentees file into `dir` and returns its path.
pub fn valid_mentees(dir: &Path) -> PathBuf {
    write_file(dir, "mentees.csv", format!("{MENTEE_HEADINGS}\n{}\n", mentee_row("e@example.org")))
}
