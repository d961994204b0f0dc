//! `mentor-match match`: read the two input files, match, write the outputs
//! and print a summary.

use std::path::Path;
use std::time::Instant;

use mentor_match_core::match_roster;
use mentor_match_io::{OUTPUT_FILES, OutputOptions, read_exclusions, read_roster, write_outputs};
use mentor_match_model::{Exclusions, Roster, RuleConfig};
use tracing::info;

use crate::cli::MatchArgs;
use crate::error::CliError;
use crate::report::{MatchSummary, print_stdout};

/// Runs `mentor-match match`. Nothing is written unless every step before
/// writing succeeds.
pub fn run(args: &MatchArgs, quiet: bool) -> Result<(), CliError> {
    let started = Instant::now();
    let rules = RuleConfig { priority: args.priority.into(), ..RuleConfig::default() };
    let out_dir = args.out_dir();

    // The writer checks for existing files too, but checking first avoids
    // solving a large roster only to fail at the end.
    if !args.force {
        check_no_outputs(&out_dir)?;
    }

    let (roster, exclusions) = read_inputs(args, &rules)?;
    info!(
        mentors = roster.mentors().len(),
        mentees = roster.mentees().len(),
        excluded_pairs = exclusions.len(),
        elapsed_ms = started.elapsed().as_millis(),
        "read input files"
    );

    let matching_started = Instant::now();
    let result = match_roster(&roster, &rules, &exclusions)?;
    info!(
        priority = %result.priority,
        pairs = result.pairs.len(),
        total_score = result.total_score,
        elapsed_ms = matching_started.elapsed().as_millis(),
        "matched"
    );

    write_outputs(&out_dir, &roster, &result, &rules, &OutputOptions { force: args.force })?;

    if !quiet {
        let summary = MatchSummary::new(&result, &rules, started.elapsed(), out_dir);
        print_stdout(&summary.to_string())?;
    }
    Ok(())
}

/// Reads the roster and the optional exclusions file, reporting the problems
/// of all files together.
fn read_inputs(args: &MatchArgs, rules: &RuleConfig) -> Result<(Roster, Exclusions), CliError> {
    let roster = read_roster(&args.mentors_path(), &args.mentees_path(), rules);
    let exclusions = match &args.exclude {
        Some(path) => read_exclusions(path),
        None => Ok(Exclusions::new()),
    };

    match (roster, exclusions) {
        (Ok(roster), Ok(exclusions)) => Ok((roster, exclusions)),
        (roster, exclusions) => {
            let mut problems = Vec::new();
            if let Err(errors) = roster {
                problems.extend(errors.problems);
            }
            if let Err(errors) = exclusions {
                problems.extend(errors.problems);
            }
            Err(CliError::Input(problems))
        }
    }
}

/// Fails when any output file already exists in `out_dir`.
fn check_no_outputs(out_dir: &Path) -> Result<(), CliError> {
    let files: Vec<&'static str> =
        OUTPUT_FILES.iter().copied().filter(|name| out_dir.join(name).exists()).collect();
    if files.is_empty() {
        Ok(())
    } else {
        Err(CliError::OutputsExist { dir: out_dir.to_path_buf(), files })
    }
}
