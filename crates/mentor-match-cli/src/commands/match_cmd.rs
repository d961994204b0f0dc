//! `mentor-match match`: read the two input files, match, write the outputs
//! and print a summary.

use std::path::{Path, PathBuf};
use std::time::Instant;

use mentor_match_core::SolveReport;
use mentor_match_io::{EXPLANATION_FILES, InputFiles, OUTPUT_FILES, OutputOptions, write_outputs};
use tracing::info;

use crate::cli::MatchArgs;
use crate::commands::solve::{Solved, check_outputs_are_not_inputs, read_solve_and};
use crate::error::CliError;
use crate::progress::{Phase, Progress};
use crate::report::{MatchSummary, print_stdout};

/// Runs `mentor-match match`. Nothing is written unless every step before
/// writing succeeds.
pub fn run(args: &MatchArgs, quiet: bool, progress: &Progress) -> Result<(), CliError> {
    let started = Instant::now();
    args.input.check_dir()?;
    let rules = args.input.rules()?;
    let out_dir = args.out_dir();

    let outputs: Vec<PathBuf> = all_outputs().map(|name| out_dir.join(name)).collect();
    check_outputs_are_not_inputs(&args.input, &outputs)?;

    // The writer checks for existing files too, but checking first avoids
    // solving a large roster only to fail at the end.
    if !args.force {
        check_no_outputs(&out_dir)?;
    }

    let (Solved { roster, report, .. }, explanations) =
        read_solve_and(&args.input, &rules, progress, |_, matcher, report| {
            let started = progress.start(Phase::Explaining);
            let explanations = matcher.explain(report)?;
            info!(
                shortfalls = explanations.shortfalls.len(),
                elapsed_ms = started.elapsed().as_millis(),
                "explained the result"
            );
            Ok(explanations)
        })?;
    let SolveReport { result, network, flow, .. } = report;
    // The outputs are built in memory, so free the network and the flow
    // first to keep the peak memory down.
    drop((network, flow));

    let writing_started = progress.start(Phase::Writing);
    let input = &args.input;
    let options = OutputOptions {
        force: args.force,
        inputs: InputFiles {
            mentors: Some(input.mentors_path()),
            mentees: Some(input.mentees_path()),
            config: input.config.clone(),
            exclusions: input.exclude.clone(),
            pins: input.pins.clone(),
        },
    };
    write_outputs(&out_dir, &roster, &result, Some(&explanations), &rules, &options)?;
    info!(
        folder = %out_dir.display(),
        elapsed_ms = writing_started.elapsed().as_millis(),
        "wrote outputs"
    );

    progress.finish();
    if !quiet {
        let summary = MatchSummary::new(&result, &rules, started.elapsed(), out_dir);
        print_stdout(&summary.to_string())?;
    }
    Ok(())
}

/// Fails when any output file already exists in `out_dir`.
fn check_no_outputs(out_dir: &Path) -> Result<(), CliError> {
    let files: Vec<&'static str> =
        all_outputs().filter(|name| out_dir.join(name).exists()).collect();
    if files.is_empty() {
        Ok(())
    } else {
        Err(CliError::OutputsExist { dir: out_dir.to_path_buf(), files })
    }
}

/// Returns the names of every file `match` writes.
fn all_outputs() -> impl Iterator<Item = &'static str> {
    OUTPUT_FILES.into_iter().chain(EXPLANATION_FILES)
}
