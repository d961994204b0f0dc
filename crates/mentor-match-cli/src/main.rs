//! `mentor-match`: matches a mentoring programme's mentors and mentees from
//! two CSV files and writes participant lists and reports.
//!
//! The work happens in the library crates: `mentor-match-io` reads and
//! writes files and `mentor-match-core` computes the matching. This crate
//! parses arguments, wires the two together and reports the outcome.

#![warn(missing_docs)]

mod cli;
mod commands;
mod error;
mod logging;
mod progress;
mod report;

use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::progress::Progress;

/// Exit status for invalid input, a matching failure or a failed write.
/// Usage errors exit with clap's status 2.
const EXIT_FAILURE: u8 = 1;

fn main() -> ExitCode {
    let cli = Cli::parse_args();
    let long_running =
        matches!(cli.command, Command::Match(_) | Command::ExportDimacs(_) | Command::Explain(_));
    let show_spinner =
        long_running && progress::spinner_allowed(cli.quiet, progress::stderr_is_terminal());
    let progress = Progress::new(show_spinner);
    logging::init(cli.verbose, progress.log_writer());

    let outcome = match &cli.command {
        Command::Match(args) => commands::match_cmd::run(args, cli.quiet, &progress),
        Command::ExportDimacs(args) => commands::export_dimacs::run(args, cli.quiet, &progress),
        Command::Generate(args) => commands::generate::run(args, cli.quiet),
        Command::InitConfig(args) => commands::init_config::run(args, cli.quiet),
        Command::Validate(args) => commands::validate::run(args, cli.quiet),
        Command::Explain(args) => commands::explain::run(args, &progress),
    };
    progress.finish();

    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            for message in err.messages() {
                report::print_stderr(&format!("error: {message}"));
            }
            ExitCode::from(EXIT_FAILURE)
        }
    }
}
