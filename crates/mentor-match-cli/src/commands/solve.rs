//! The steps `match` and `export-dimacs` share: read the input files,
//! score the pairs and solve, each shown on the spinner and logged at info
//! level with its duration.

use std::collections::HashMap;
use std::fs;
use std::path::PathBuf;
use std::time::Duration;

use mentor_match_core::{MatchError, Matcher, SolveReport};
use mentor_match_io::{InputProblem, Severity};
use mentor_match_model::{Exclusions, Pins, Role, Roster, RuleConfig};
use tracing::info;

use crate::cli::InputArgs;
use crate::commands::validate::check_inputs;
use crate::error::CliError;
use crate::progress::{Phase, Progress};
use crate::report::print_stderr;

/// A roster read and solved, with the duration of each phase.
#[derive(Debug)]
pub struct Solved {
    /// The roster as read.
    pub roster: Roster,
    /// The optimal matching and the network it was solved on.
    pub report: SolveReport,
    /// Time spent reading and validating the input files.
    pub reading: Duration,
    /// Time spent compiling the roster and scoring the allowed pairs.
    pub scoring: Duration,
    /// Time spent solving, over every pricing round.
    pub solving: Duration,
}

/// Reads the inputs named by `input`, scores the allowed pairs under
/// `rules` and solves.
pub fn read_and_solve(
    input: &InputArgs,
    rules: &RuleConfig,
    progress: &Progress,
) -> Result<Solved, CliError> {
    Ok(read_solve_and(input, rules, progress, |_, _, _| Ok(()))?.0)
}

/// Like [`read_and_solve`], then calls `inspect` with the roster, the
/// matcher and its report, which the matcher borrows and so cannot
/// outlive this call.
pub fn read_solve_and<T>(
    input: &InputArgs,
    rules: &RuleConfig,
    progress: &Progress,
    inspect: impl FnOnce(&Roster, &Matcher<'_>, &SolveReport) -> Result<T, CliError>,
) -> Result<(Solved, T), CliError> {
    let started = progress.start(Phase::Reading);
    let Inputs { roster, exclusions, pins } = read_inputs(input, rules, progress)?;
    let reading = started.elapsed();
    info!(
        mentors = roster.mentors().len(),
        mentees = roster.mentees().len(),
        excluded_pairs = exclusions.len(),
        pinned_pairs = pins.len(),
        elapsed_ms = reading.as_millis(),
        "read input files"
    );

    let started = progress.start(Phase::Scoring);
    let matcher =
        Matcher::builder(&roster, rules).exclusions(&exclusions).pins(&pins).build().map_err(
            |error| match error {
                MatchError::UnknownColumn { role, .. } => {
                    let path = match role {
                        Role::Mentor => input.mentors_path(),
                        Role::Mentee => input.mentees_path(),
                    };
                    CliError::MissingColumn { path, error }
                }
                error => CliError::Matching(error),
            },
        )?;
    let scoring = started.elapsed();
    info!(
        allowed_pairs = matcher.allowed_pair_count(),
        elapsed_ms = scoring.as_millis(),
        "scored pairs"
    );

    let started = progress.start(Phase::Solving);
    let report = matcher.solve_detailed()?;
    let solving = started.elapsed();
    info!(
        priority = %report.result.priority,
        pairs = report.result.pairs.len(),
        total_score = report.result.total_score,
        rounds = report.rounds,
        network_pairs = report.candidate_pairs,
        elapsed_ms = solving.as_millis(),
        "solved"
    );

    let inspected = inspect(&roster, &matcher, &report)?;
    drop(matcher);
    Ok((Solved { roster, report, reading, scoring, solving }, inspected))
}

/// Fails when any of `outputs` is one of the files `input` reads.
///
/// Paths are compared after resolving symbolic links and `..`, so
/// `dir/../dir/mentors.csv` and a link to it both count. An output that
/// does not exist yet cannot be an input, because every input must exist
/// to be read, so only existing outputs are resolved.
pub fn check_outputs_are_not_inputs(
    input: &InputArgs,
    outputs: &[PathBuf],
) -> Result<(), CliError> {
    let inputs: Vec<(&'static str, PathBuf)> = input
        .input_files()
        .into_iter()
        .filter_map(|(option, path)| fs::canonicalize(&path).ok().map(|path| (option, path)))
        .collect();
    for output in outputs {
        let Ok(resolved) = fs::canonicalize(output) else { continue };
        if let Some((option, _)) = inputs.iter().find(|(_, path)| *path == resolved) {
            return Err(CliError::OutputIsInput { output: output.clone(), option });
        }
    }
    Ok(())
}

/// The input files, read.
struct Inputs {
    roster: Roster,
    exclusions: Exclusions,
    pins: Pins,
}

/// Largest number of input warnings of one kind that `match` and
/// `export-dimacs` print one by one. `validate` prints them all.
const MAX_LISTED_WARNINGS_PER_KIND: usize = 5;

/// Prints input warnings on stderr, at most
/// [`MAX_LISTED_WARNINGS_PER_KIND`] of each kind, then a count of the rest.
fn print_warnings(warnings: &[&InputProblem]) {
    let mut printed: HashMap<&'static str, usize> = HashMap::new();
    let mut left_out: Vec<(&'static str, usize)> = Vec::new();
    for warning in warnings {
        let code = warning.kind.code();
        let count = printed.entry(code).or_default();
        *count += 1;
        if *count <= MAX_LISTED_WARNINGS_PER_KIND {
            print_stderr(&format!("warning: {warning}"));
        } else {
            match left_out.iter_mut().find(|(left_code, _)| *left_code == code) {
                Some((_, count)) => *count += 1,
                None => left_out.push((code, 1)),
            }
        }
    }
    for (code, count) in left_out {
        print_stderr(&format!(
            "warning: {count} more warnings of the same kind ({code}) are not shown. \
             Run `mentor-match validate` with the same input options to list them all"
        ));
    }
}

/// Reads and checks the input files as `validate` does, printing each
/// warning on stderr and returning every error together.
fn read_inputs(
    args: &InputArgs,
    rules: &RuleConfig,
    progress: &Progress,
) -> Result<Inputs, CliError> {
    let checked = check_inputs(args, rules);
    progress.suspend(|| print_warnings(&checked.with_severity(Severity::Warning)));
    match (checked.roster, checked.exclusions, checked.pins) {
        (Some(roster), Some(exclusions), Some(pins)) => Ok(Inputs { roster, exclusions, pins }),
        _ => Err(CliError::Input(
            checked.problems.into_iter().filter(|p| p.severity() == Severity::Error).collect(),
        )),
    }
}
