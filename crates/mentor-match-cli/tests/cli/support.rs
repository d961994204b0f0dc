//! Helpers shared by the integration tests.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

/// The output files `match` writes.
pub const OUTPUT_FILES: [&str; 6] = [
    "mentees-list.csv",
    "mentors-list.csv",
    "matches.csv",
    "summary.json",
    "unmatched.csv",
    "report.html",
];

/// Returns the path of a fixture folder under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures").join(name)
}

/// Creates a temporary directory holding a copy of the fixture folder
/// `name` as `<tmp>/<name>`, and returns the directory and the copy's path.
pub fn copy_fixture(name: &str) -> (TempDir, PathBuf) {
    let temp = tempfile::tempdir().expect("failed to create a temporary directory");
    let copy = temp.path().join(name);
    copy_dir(&fixture(name), &copy);
    (temp, copy)
}

/// Copies the files of a flat folder.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("failed to create the fixture copy");
    for entry in fs::read_dir(from).expect("failed to list the fixture folder") {
        let entry = entry.expect("failed to read a fixture entry");
        fs::copy(entry.path(), to.join(entry.file_name())).expect("failed to copy a fixture file");
    }
}

/// Runs the binary with `args` in `cwd`, with no `-v` logging variables
/// inherited from the caller's environment.
pub fn run(cwd: &Path, args: &[&str]) -> Output {
    run_with_env(cwd, args, &[])
}

/// Runs the binary with `args` in `cwd` and extra environment variables.
pub fn run_with_env(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mentor-match"));
    command.args(args).current_dir(cwd).env_remove("RUST_LOG");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("failed to start mentor-match")
}

/// Runs `match` on `dir` with extra arguments and asserts that it succeeds.
pub fn run_match(dir: &Path, extra_args: &[&str]) -> Output {
    let dir_arg = dir.to_str().expect("temporary paths are UTF-8");
    let mut args = vec!["match", dir_arg];
    args.extend_from_slice(extra_args);
    let output = run(dir, &args);
    assert_success(&output);
    output
}

/// Asserts a zero exit status, showing both streams otherwise.
pub fn assert_success(output: &Output) {
    assert!(
        output.status.success(),
        "mentor-match failed with {}\nstdout:\n{}\nstderr:\n{}",
        output.status,
        stdout(output),
        stderr(output)
    );
}

/// Returns stdout as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Returns stderr as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A CSV file read into its header and rows.
pub struct Table {
    /// Column headings in file order.
    pub header: Vec<String>,
    /// Data rows, each as long as the header.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// Reads a CSV file, failing the test on any parse error.
    pub fn read(path: &Path) -> Table {
        let mut reader = csv::Reader::from_path(path)
            .unwrap_or_else(|err| panic!("failed to open {}: {err}", path.display()));
        let header = reader.headers().expect("failed to read the header").iter().map(String::from);
        let header: Vec<String> = header.collect();
        let rows = reader
            .records()
            .map(|record| record.expect("failed to read a row").iter().map(String::from).collect())
            .collect();
        Table { header, rows }
    }

    /// Returns the index of a column, failing the test when it is missing.
    pub fn column(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|heading| heading == name)
            .unwrap_or_else(|| panic!("no column {name:?} in {:?}", self.header))
    }

    /// Returns the values of a column, one per row.
    pub fn values(&self, name: &str) -> Vec<&str> {
        let index = self.column(name);
        self.rows.iter().map(|row| row[index].as_str()).collect()
    }
}

/// Reads `summary.json` from an output folder.
pub fn read_summary(out_dir: &Path) -> serde_json::Value {
    let text =
        fs::read_to_string(out_dir.join("summary.json")).expect("failed to read summary.json");
    serde_json::from_str(&text).expect("summary.json is not valid JSON")
}

/// Returns a non-negative integer field of the summary.
pub fn summary_count(summary: &serde_json::Value, key: &str) -> u64 {
    summary[key]
        .as_u64()
        .unwrap_or_else(|| panic!("summary field {key:?} is not a count: {summary}"))
}

/// Returns a list of counts from the summary.
pub fn summary_counts(summary: &serde_json::Value, key: &str) -> Vec<u64> {
    summary[key]
        .as_array()
        .unwrap_or_else(|| panic!("summary field {key:?} is not a list: {summary}"))
        .iter()
        .map(|value| value.as_u64().expect("counts are non-negative integers"))
        .collect()
}

/// Returns the (mentor, mentee) email pairs of `matches.csv`, lowercased.
pub fn matched_pairs(out_dir: &Path) -> Vec<(String, String)> {
    let matches = Table::read(&out_dir.join("matches.csv"));
    let mentors = matches.values("mentor email address");
    let mentees = matches.values("mentee email address");
    mentors
        .iter()
        .zip(&mentees)
        .map(|(mentor, mentee)| (mentor.trim().to_lowercase(), mentee.trim().to_lowercase()))
        .collect()
}

/// Returns the bytes of each output file, in [`OUTPUT_FILES`] order.
pub fn output_bytes(out_dir: &Path) -> Vec<Vec<u8>> {
    OUTPUT_FILES
        .iter()
        .map(|name| {
            fs::read(out_dir.join(name))
                .unwrap_or_else(|err| panic!("failed to read {name}: {err}"))
        })
        .collect()
}
