//! Command-line arguments, parsed with clap's derive API.

use std::path::{Path, PathBuf};

use clap::error::ErrorKind;
use clap::{ArgAction, Args, CommandFactory, Parser, Subcommand, ValueEnum};
use mentor_match_model::Priority;

/// File name of the mentors file inside an input folder.
pub const MENTORS_FILE: &str = "mentors.csv";
/// File name of the mentees file inside an input folder.
pub const MENTEES_FILE: &str = "mentees.csv";
/// Name of the output folder created inside the input folder by default.
pub const DEFAULT_OUTPUT_DIR: &str = "output";

/// Help text on exit statuses, shown after every command's options.
const EXIT_STATUS_HELP: &str = "\
Exit status:
  0  success
  1  invalid input, a matching failure, or a failed write
     (stderr has one `error:` line per problem)
  2  invalid command-line usage";

/// Matches a mentoring programme's mentors and mentees from two CSV files.
#[derive(Debug, Parser)]
#[command(name = "mentor-match", version, after_help = EXIT_STATUS_HELP)]
pub struct Cli {
    /// The subcommand to run.
    #[command(subcommand)]
    pub command: Command,

    /// Log progress to stderr with -v, and debugging detail with -vv or -vvv.
    /// Without it, only warnings and errors are logged.
    #[arg(short, long, action = ArgAction::Count, global = true)]
    pub verbose: u8,

    /// Print nothing on stdout. Errors and warnings still go to stderr.
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

impl Cli {
    /// Parses the process arguments, exiting with clap's status 2 and a
    /// usage message when they are invalid (status 0 for `--help` and
    /// `--version`).
    pub fn parse_args() -> Cli {
        let cli = Cli::parse();
        if let Err(err) = cli.check() {
            err.exit();
        }
        cli
    }

    /// Checks the rules that clap's declarative constraints cannot state
    /// clearly.
    fn check(&self) -> Result<(), clap::Error> {
        match &self.command {
            Command::Match(args) if args.dir.is_none() && args.out.is_none() => {
                Err(match_usage_error("--out <OUT_DIR> is required when DIR is not given"))
            }
            _ => Ok(()),
        }
    }
}

/// Returns a missing-argument error that shows the usage of `match`.
fn match_usage_error(message: &str) -> clap::Error {
    // Building the command sets each subcommand's full name, so the usage
    // line reads `mentor-match match ...`.
    let mut command = Cli::command();
    command.build();
    match command.find_subcommand_mut("match") {
        Some(subcommand) => subcommand.error(ErrorKind::MissingRequiredArgument, message),
        None => command.error(ErrorKind::MissingRequiredArgument, message),
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Match mentees to mentors and write participant lists and reports.
    #[command(after_help = EXIT_STATUS_HELP)]
    Match(MatchArgs),
    /// Write a synthetic mentors.csv and mentees.csv for trials and benchmarks.
    #[command(after_help = EXIT_STATUS_HELP)]
    Generate(GenerateArgs),
}

/// Arguments of `mentor-match match`.
///
/// Input files come from `--mentors`/`--mentees` when given, otherwise from
/// `DIR`. Outputs go to `--out` when given, otherwise to `DIR/output`.
/// Clap and [`Cli::parse_args`] reject a command line that leaves either
/// undetermined.
#[derive(Debug, Args)]
pub struct MatchArgs {
    /// Folder containing mentors.csv and mentees.csv. Outputs go to its
    /// `output` subfolder unless --out is given. Optional when both
    /// --mentors and --mentees are given, but then --out is required.
    #[arg(value_name = "DIR", required_unless_present_all = ["mentors", "mentees"])]
    pub dir: Option<PathBuf>,

    /// Mentors CSV file to read instead of DIR/mentors.csv.
    #[arg(long, value_name = "FILE")]
    pub mentors: Option<PathBuf>,

    /// Mentees CSV file to read instead of DIR/mentees.csv.
    #[arg(long, value_name = "FILE")]
    pub mentees: Option<PathBuf>,

    /// Folder to write the outputs into (created if missing) instead of
    /// DIR/output.
    #[arg(long, value_name = "OUT_DIR")]
    pub out: Option<PathBuf>,

    /// The objective to optimise first.
    #[arg(long, value_enum, default_value_t = PriorityArg::BestMatches)]
    pub priority: PriorityArg,

    /// CSV file of pairs never to match, one pair per row: mentor email
    /// address, then mentee email address (for example, the pairs of an
    /// earlier round).
    #[arg(long, value_name = "FILE")]
    pub exclude: Option<PathBuf>,

    /// Overwrite output files that already exist.
    #[arg(long)]
    pub force: bool,
}

impl MatchArgs {
    /// Returns the mentors file to read.
    pub fn mentors_path(&self) -> PathBuf {
        self.mentors.clone().unwrap_or_else(|| self.input_dir().join(MENTORS_FILE))
    }

    /// Returns the mentees file to read.
    pub fn mentees_path(&self) -> PathBuf {
        self.mentees.clone().unwrap_or_else(|| self.input_dir().join(MENTEES_FILE))
    }

    /// Returns the folder to write outputs into.
    pub fn out_dir(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| self.input_dir().join(DEFAULT_OUTPUT_DIR))
    }

    /// Returns DIR, or the current directory when DIR is absent. The argument
    /// rules allow DIR to be absent only when no path is derived from it.
    fn input_dir(&self) -> &Path {
        self.dir.as_deref().unwrap_or(Path::new("."))
    }
}

/// The `--priority` values, each mapped to one [`Priority`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PriorityArg {
    /// Maximise the total score, then, among equal totals, match more
    /// mentees, then more mentors.
    BestMatches,
    /// Match as many mentees as possible, then as many mentors as possible,
    /// then maximise the total score.
    MostMentees,
}

impl From<PriorityArg> for Priority {
    fn from(priority: PriorityArg) -> Self {
        match priority {
            PriorityArg::BestMatches => Priority::BestMatches,
            PriorityArg::MostMentees => Priority::MostMentees,
        }
    }
}

/// Arguments of `mentor-match generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Folder to write mentors.csv and mentees.csv into (created if missing).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,

    /// Number of mentors to generate.
    #[arg(long, value_name = "N")]
    pub mentors: usize,

    /// Number of mentees to generate.
    #[arg(long, value_name = "N")]
    pub mentees: usize,

    /// Seed of the random generator. The same seed and counts give the same
    /// files.
    #[arg(long, value_name = "SEED", default_value_t = 1)]
    pub seed: u64,

    /// Overwrite mentors.csv and mentees.csv if they already exist.
    #[arg(long)]
    pub force: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        let cli = Cli::try_parse_from(std::iter::once("mentor-match").chain(args.iter().copied()))?;
        cli.check()?;
        Ok(cli)
    }

    fn match_args(args: &[&str]) -> MatchArgs {
        match parse(args).expect("arguments should parse").command {
            Command::Match(match_args) => match_args,
            Command::Generate(_) => panic!("expected the match subcommand"),
        }
    }

    #[test]
    fn definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn dir_gives_default_paths() {
        let args = match_args(&["match", "programme"]);
        assert_eq!(args.mentors_path(), Path::new("programme/mentors.csv"));
        assert_eq!(args.mentees_path(), Path::new("programme/mentees.csv"));
        assert_eq!(args.out_dir(), Path::new("programme/output"));
        assert_eq!(args.priority, PriorityArg::BestMatches);
    }

    #[test]
    fn explicit_files_override_dir() {
        let args = match_args(&["match", "programme", "--mentors", "a.csv", "--out", "elsewhere"]);
        assert_eq!(args.mentors_path(), Path::new("a.csv"));
        assert_eq!(args.mentees_path(), Path::new("programme/mentees.csv"));
        assert_eq!(args.out_dir(), Path::new("elsewhere"));
    }

    #[test]
    fn explicit_files_without_dir_need_out() {
        let missing_out = parse(&["match", "--mentors", "a.csv", "--mentees", "b.csv"]);
        let err = missing_out.expect_err("--out should be required");
        assert_eq!(err.kind(), ErrorKind::MissingRequiredArgument);
        assert!(err.to_string().contains("--out"), "{err}");

        let args = match_args(&["match", "--mentors", "a.csv", "--mentees", "b.csv", "--out", "o"]);
        assert_eq!(args.dir, None);
        assert_eq!(args.out_dir(), Path::new("o"));
    }

    #[test]
    fn one_explicit_file_still_needs_dir() {
        assert!(parse(&["match", "--mentors", "a.csv", "--out", "o"]).is_err());
    }

    #[test]
    fn priority_values_map_to_model() {
        let args = match_args(&["match", "programme", "--priority", "most-mentees"]);
        assert_eq!(Priority::from(args.priority), Priority::MostMentees);
        assert_eq!(Priority::from(PriorityArg::BestMatches), Priority::BestMatches);
        assert!(parse(&["match", "programme", "--priority", "fastest"]).is_err());
    }

    #[test]
    fn global_flags_after_subcommand() {
        let cli = parse(&["match", "programme", "-vv", "--quiet"]).expect("arguments should parse");
        assert_eq!(cli.verbose, 2);
        assert!(cli.quiet);
    }
}
