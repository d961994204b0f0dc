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
mod report;

use std::process::ExitCode;

use crate::cli::{Cli, Command};

/// Exit status for invalid input, a matching failure or a failed write.
/// Usage errors exit with clap's status 2.
const EXIT_FAILURE: u8 = 1;

fn main() -> ExitCode {
    let cli = Cli::parse_args();
    logging::init(cli.verbose);

    let outcome = match &cli.command {
        Command::Match(args) => commands::match_cmd::run(args, cli.quiet),
        Command::Generate(args) => commands::generate::run(args, cli.quiet),
    };

    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            for message in err.messages() {
                eprintln!("error: {message}");
            }
            ExitCode::from(EXIT_FAILURE)
        }
    }
}
