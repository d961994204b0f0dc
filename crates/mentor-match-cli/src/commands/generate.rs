//! `mentor-match generate`: write a synthetic roster as the two input files.

use mentor_match_io::synthetic::{self, SyntheticSpec};
use mentor_match_io::write_roster;
use tracing::info;

use crate::cli::{GenerateArgs, MENTEES_FILE, MENTORS_FILE};
use crate::error::CliError;
use crate::report::print_stdout;

/// Runs `mentor-match generate`.
pub fn run(args: &GenerateArgs, quiet: bool) -> Result<(), CliError> {
    let spec = SyntheticSpec { mentors: args.mentors, mentees: args.mentees, seed: args.seed };
    let roster = synthetic::generate(&spec);
    write_roster(&args.dir, &roster, args.force)?;
    info!(
        mentors = args.mentors,
        mentees = args.mentees,
        seed = args.seed,
        folder = %args.dir.display(),
        "wrote synthetic roster"
    );

    if !quiet {
        print_stdout(&format!(
            "wrote {} mentors to {} and {} mentees to {}\n",
            args.mentors,
            args.dir.join(MENTORS_FILE).display(),
            args.mentees,
            args.dir.join(MENTEES_FILE).display(),
        ))?;
    }
    Ok(())
}
