//! The summary `mentor-match match` prints on stdout, and stdout and
//! stderr writing that tolerates a closed pipe.

use std::fmt;
use std::io::{self, Write};
use std::path::PathBuf;
use std::time::Duration;

use mentor_match_model::{MatchResult, Priority, RuleConfig};

use crate::error::CliError;

/// Width of the label column of the summary.
const LABEL_WIDTH: usize = 13;

/// Counts and timing of a finished matching run, printed on stdout. It
/// contains no personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchSummary {
    /// The priority that was optimised.
    pub priority: Priority,
    /// Number of mentees with 0, 1, 2, ... matches, without trailing zeros.
    pub mentees_by_match_count: Vec<usize>,
    /// Number of mentors with 0, 1, 2, ... matches, without trailing zeros.
    pub mentors_by_match_count: Vec<usize>,
    /// Number of the columns 0, 1, 2, ... that the table shows. It is at
    /// least the largest capacity plus one, so that a run with no 3-match
    /// participant still shows the 3 column.
    pub match_columns: usize,
    /// Number of matched pairs.
    pub pairs: usize,
    /// Sum of the pairs' scores.
    pub total_score: i64,
    /// Wall-clock time from the start of the command to the written outputs.
    pub elapsed: Duration,
    /// The folder the outputs were written to.
    pub out_dir: PathBuf,
}

impl MatchSummary {
    /// Collects the summary of a run.
    pub fn new(
        result: &MatchResult,
        rules: &RuleConfig,
        elapsed: Duration,
        out_dir: PathBuf,
    ) -> Self {
        let mentees_by_match_count = result.mentees_by_match_count();
        let mentors_by_match_count = result.mentors_by_match_count();
        let largest_capacity = rules.mentee_capacity.max(rules.mentor_capacity) as usize;
        let match_columns = (largest_capacity + 1)
            .max(mentees_by_match_count.len())
            .max(mentors_by_match_count.len());
        MatchSummary {
            priority: result.priority,
            mentees_by_match_count,
            mentors_by_match_count,
            match_columns,
            pairs: result.pairs.len(),
            total_score: result.total_score,
            elapsed,
            out_dir,
        }
    }
}

impl fmt::Display for MatchSummary {
    /// Writes a fixed-layout table, for example:
    ///
    /// ```text
    /// priority     best-matches
    /// pairs        137
    /// total score  2950
    /// time         41 ms
    ///
    /// matches            0      1      2      3  total
    /// mentees            2      3      5     40     50
    /// mentors            0      4     10     36     50
    ///
    /// output       examples/reference-small/output
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{:LABEL_WIDTH$}{}", "priority", self.priority)?;
        writeln!(f, "{:LABEL_WIDTH$}{}", "pairs", self.pairs)?;
        writeln!(f, "{:LABEL_WIDTH$}{}", "total score", self.total_score)?;
        writeln!(f, "{:LABEL_WIDTH$}{}", "time", format_duration(self.elapsed))?;
        writeln!(f)?;

        let mentee_cells = table_cells(&self.mentees_by_match_count, self.match_columns);
        let mentor_cells = table_cells(&self.mentors_by_match_count, self.match_columns);
        let header_cells: Vec<String> = (0..self.match_columns)
            .map(|count| count.to_string())
            .chain(std::iter::once("total".to_owned()))
            .collect();
        let width = header_cells
            .iter()
            .chain(&mentee_cells)
            .chain(&mentor_cells)
            .map(String::len)
            .max()
            .unwrap_or(0)
            + 2;
        write_row(f, "matches", &header_cells, width)?;
        write_row(f, "mentees", &mentee_cells, width)?;
        write_row(f, "mentors", &mentor_cells, width)?;
        writeln!(f)?;

        writeln!(f, "{:LABEL_WIDTH$}{}", "output", self.out_dir.display())
    }
}

/// Returns the counts padded with zeros to `columns` cells, then their total.
fn table_cells(counts: &[usize], columns: usize) -> Vec<String> {
    let padded = (0..columns).map(|i| counts.get(i).copied().unwrap_or(0));
    let total: usize = counts.iter().sum();
    padded.map(|n| n.to_string()).chain(std::iter::once(total.to_string())).collect()
}

/// Writes one table row: the label, then the cells right-aligned.
fn write_row(
    f: &mut fmt::Formatter<'_>,
    label: &str,
    cells: &[String],
    width: usize,
) -> fmt::Result {
    write!(f, "{label:LABEL_WIDTH$}")?;
    for cell in cells {
        write!(f, "{cell:>width$}")?;
    }
    writeln!(f)
}

/// Formats a duration in milliseconds below one second, else in seconds.
fn format_duration(elapsed: Duration) -> String {
    if elapsed < Duration::from_secs(1) {
        format!("{} ms", elapsed.as_millis())
    } else {
        format!("{:.2} s", elapsed.as_secs_f64())
    }
}

/// Writes text to stdout.
///
/// A closed pipe (as with `mentor-match match DIR | head -1`) is not an
/// error, because the outputs are already written by the time anything is
/// printed.
pub fn print_stdout(text: &str) -> Result<(), CliError> {
    let mut stdout = io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => Err(CliError::Stdout(err)),
        _ => Ok(()),
    }
}

/// Writes one line to stderr, ignoring failures.
///
/// A closed or failing stderr, as when stderr is piped into a command that
/// exits at once, leaves no other place to report the failure. The command
/// goes on and ends with its normal exit status, where `eprintln!` would
/// panic.
pub fn print_stderr(line: &str) {
    let mut stderr = io::stderr().lock();
    let _ = writeln!(stderr, "{line}");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary() -> MatchSummary {
        MatchSummary {
            priority: Priority::BestMatches,
            mentees_by_match_count: vec![2, 3, 5, 40],
            mentors_by_match_count: vec![0, 4, 10, 36],
            match_columns: 4,
            pairs: 137,
            total_score: 2950,
            elapsed: Duration::from_millis(41),
            out_dir: PathBuf::from("examples/reference-small/output"),
        }
    }

    #[test]
    fn summary_layout() {
        let expected = "\
priority     best-matches
pairs        137
total score  2950
time         41 ms

matches            0      1      2      3  total
mentees            2      3      5     40     50
mentors            0      4     10     36     50

output       examples/reference-small/output
";
        assert_eq!(summary().to_string(), expected);
    }

    #[test]
    fn summary_pads_missing_counts() {
        let empty = MatchSummary {
            mentees_by_match_count: vec![7],
            mentors_by_match_count: vec![],
            pairs: 0,
            total_score: 0,
            ..summary()
        };
        let text = empty.to_string();
        assert!(text.contains("mentees            7      0      0      0      7\n"), "{text}");
        assert!(text.contains("mentors            0      0      0      0      0\n"), "{text}");
    }

    #[test]
    fn summary_columns_cover_capacity() {
        let rules = RuleConfig::default();
        let result = MatchResult {
            priority: Priority::MostMentees,
            pairs: Vec::new(),
            total_score: 0,
            mentor_match_counts: vec![0, 0],
            mentee_match_counts: vec![0],
            custom_rules: Vec::new(),
        };
        let summary = MatchSummary::new(&result, &rules, Duration::ZERO, PathBuf::from("out"));
        assert_eq!(summary.match_columns, 4);
        assert_eq!(summary.mentors_by_match_count, vec![2]);
        assert_eq!(summary.priority, Priority::MostMentees);
    }

    #[test]
    fn durations_in_ms_or_seconds() {
        assert_eq!(format_duration(Duration::from_micros(41_700)), "41 ms");
        assert_eq!(format_duration(Duration::from_millis(12_345)), "12.35 s");
    }
}
