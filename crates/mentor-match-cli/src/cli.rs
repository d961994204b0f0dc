//! Command-line arguments, parsed with clap's derive API.

use std::path::{Path, PathBuf};

use clap::error::ErrorKind;
use clap::{ArgAction, Args, CommandFactory, Parser, Subcommand, ValueEnum};
use mentor_match_io::{is_spreadsheet_path, read_config};
use mentor_match_model::{Priority, RuleConfig};

use crate::error::{CliError, InputDirProblem};
use crate::report::print_stderr;

/// File name of the mentors file inside an input folder.
pub const MENTORS_FILE: &str = "mentors.csv";
/// File name of the mentees file inside an input folder.
pub const MENTEES_FILE: &str = "mentees.csv";
/// Name of the output folder created inside the input folder by default.
pub const DEFAULT_OUTPUT_DIR: &str = "output";

/// Expands to the help text on exit statuses. It is a macro so that
/// `concat!` can append it to other help texts.
macro_rules! exit_status_help {
    () => {
        "\
Exit status:
  0  success
  1  invalid input, a matching failure, or a failed write
     (stderr has one `error:` line per problem)
  2  invalid command-line usage"
    };
}

/// Help text on exit statuses, shown after every command's options.
const EXIT_STATUS_HELP: &str = exit_status_help!();

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
        let mut cli = Cli::parse();
        if let Command::Explain(args) = &mut cli.command {
            args.take_email_from_dir();
        }
        if let Err(err) = cli.check() {
            err.exit();
        }
        cli
    }

    /// Checks the rules that clap's declarative constraints cannot state
    /// clearly.
    fn check(&self) -> Result<(), clap::Error> {
        match &self.command {
            Command::Match(args) if args.input.dir.is_none() && args.out.is_none() => {
                Err(usage_error("match", "--out <OUT_DIR> is required when DIR is not given"))
            }
            Command::Explain(args) if args.email.is_none() => {
                Err(usage_error("explain", "the participant's EMAIL is required"))
            }
            _ => Ok(()),
        }
    }
}

/// Returns a missing-argument error that shows the usage of `subcommand`.
fn usage_error(subcommand: &str, message: &str) -> clap::Error {
    // Building the command sets each subcommand's full name, so the usage
    // line reads `mentor-match match ...`.
    let mut command = Cli::command();
    command.build();
    match command.find_subcommand_mut(subcommand) {
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
    /// Match as `match` does, then write the final min-cost flow network in
    /// DIMACS format and print its size, optimal cost and timings.
    #[command(after_help = EXPORT_DIMACS_HELP)]
    ExportDimacs(ExportDimacsArgs),
    /// Write the default rules configuration, with a comment on every
    /// setting, to edit and pass to --config.
    #[command(after_help = EXIT_STATUS_HELP)]
    InitConfig(InitConfigArgs),
    /// Check the input files and list every problem, errors and warnings,
    /// without matching or writing anything.
    #[command(after_help = VALIDATE_HELP)]
    Validate(ValidateArgs),
    /// Match as `match` does (the result is the same), then explain one
    /// participant: their matches with points and ranks, the best eligible
    /// candidates not chosen and what choosing each would cost, and the
    /// rules that ruled the others out. Writes nothing.
    #[command(after_help = EXIT_STATUS_HELP)]
    Explain(ExplainArgs),
}

/// Arguments of `mentor-match explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Input files and options, as for `match`.
    #[command(flatten)]
    pub input: InputArgs,

    /// Email address of the participant to explain (any case). Required;
    /// clap treats it as optional only because DIR before it is optional.
    #[arg(value_name = "EMAIL")]
    pub email: Option<String>,

    /// Side to explain for a person on both sides; both when omitted.
    #[arg(long, value_enum)]
    pub role: Option<RoleArg>,

    /// How to print the explanation: readable text, or a JSON document for
    /// other tools.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

impl ExplainArgs {
    /// With --mentors and --mentees and a single positional value, clap
    /// takes that value for DIR, but it can only be the email address.
    fn take_email_from_dir(&mut self) {
        let files_given = self.input.mentors.is_some() && self.input.mentees.is_some();
        if self.email.is_none() && files_given {
            self.email =
                self.input.dir.take().and_then(|dir| dir.into_os_string().into_string().ok());
        }
    }
}

/// The `--role` values of `explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    /// The mentors file.
    Mentor,
    /// The mentees file.
    Mentee,
}

/// Help text of `validate` on its exit statuses.
const VALIDATE_HELP: &str = "\
Exit status:
  0  the input has no errors (it may have warnings)
  1  the input has at least one error
  2  invalid command-line usage";

/// Arguments of `mentor-match validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Input files, as for `match`.
    #[command(flatten)]
    pub input: InputArgs,

    /// How to print the problems: one line each, or a JSON document for
    /// other tools (its schema is in the README).
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

/// The `--format` values of `validate` and `explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Readable text: for `validate`, one line per problem, errors first,
    /// then a count.
    Text,
    /// One JSON object: for `validate`, with the errors and the warnings.
    Json,
}

/// Input options shared by `match`, `validate` and `export-dimacs`.
///
/// Input files come from `--mentors`/`--mentees` when given, otherwise from
/// `DIR` (see [`InputArgs::mentors_path`]). Clap rejects a command line that
/// names neither.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Folder containing mentors.csv and mentees.csv (or .xlsx or .ods
    /// files of those names, or one workbook), or a workbook file with
    /// sheets named mentors and mentees. Optional when both --mentors and
    /// --mentees are given.
    #[arg(value_name = "DIR", required_unless_present_all = ["mentors", "mentees"])]
    pub dir: Option<PathBuf>,

    /// Mentors file to read instead of the one in DIR: CSV, or .xlsx or
    /// .ods with a sheet named mentors (or a single sheet).
    #[arg(long, value_name = "FILE")]
    pub mentors: Option<PathBuf>,

    /// Mentees file to read instead of the one in DIR: CSV, or .xlsx or
    /// .ods with a sheet named mentees (or a single sheet).
    #[arg(long, value_name = "FILE")]
    pub mentees: Option<PathBuf>,

    /// Rules configuration file (TOML, see `mentor-match init-config`).
    /// Without it, the default rules apply.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// The objective to optimise first. Replaces the configuration file's
    /// priority; the default is best-matches. `validate` accepts it but
    /// does not use it.
    #[arg(long, value_enum)]
    pub priority: Option<PriorityArg>,

    /// CSV file of pairs never to match, one pair per row: mentor email
    /// address, then mentee email address (for example, the pairs of an
    /// earlier round).
    #[arg(long, value_name = "FILE")]
    pub exclude: Option<PathBuf>,

    /// CSV file of pairs that must be matched, in the same format as
    /// --exclude. Each pair must follow every hard rule and fit within both
    /// participants' maximum matches.
    #[arg(long, value_name = "FILE")]
    pub pins: Option<PathBuf>,
}

impl InputArgs {
    /// Returns the mentors file to read: `--mentors` when given, otherwise
    /// the one [`side_file_in`] finds from DIR.
    pub fn mentors_path(&self) -> PathBuf {
        self.mentors.clone().unwrap_or_else(|| side_file_in(self.input_dir(), MENTORS_FILE))
    }

    /// Returns the mentees file to read: `--mentees` when given, otherwise
    /// the one [`side_file_in`] finds from DIR.
    pub fn mentees_path(&self) -> PathBuf {
        self.mentees.clone().unwrap_or_else(|| side_file_in(self.input_dir(), MENTEES_FILE))
    }

    /// Returns every file this command reads, each with the option that
    /// names it: `--mentors` and `--mentees` (or `DIR` for the files it
    /// provides), `--config`, `--exclude` and `--pins`.
    pub fn input_files(&self) -> Vec<(&'static str, PathBuf)> {
        let option = |given: &Option<PathBuf>, name| if given.is_some() { name } else { "DIR" };
        let mut files = vec![
            (option(&self.mentors, "--mentors"), self.mentors_path()),
            (option(&self.mentees, "--mentees"), self.mentees_path()),
        ];
        for (option, path) in
            [("--config", &self.config), ("--exclude", &self.exclude), ("--pins", &self.pins)]
        {
            if let Some(path) = path {
                files.push((option, path.clone()));
            }
        }
        files
    }

    /// Checks DIR with [`check_input_dir`] when it provides a file for
    /// either side.
    pub fn check_dir(&self) -> Result<(), CliError> {
        match &self.dir {
            Some(dir) if self.mentors.is_none() || self.mentees.is_none() => check_input_dir(dir),
            _ => Ok(()),
        }
    }

    /// Returns the rules of the configuration file, or the default rules,
    /// with the priority of `--priority` when given.
    pub fn rules(&self) -> Result<RuleConfig, CliError> {
        let mut rules = match &self.config {
            Some(path) => read_config(path)?,
            None => RuleConfig::default(),
        };
        if let Some(priority) = self.priority {
            rules.priority = priority.into();
        }
        Ok(rules)
    }

    /// Returns DIR, or the current directory when DIR is absent. The argument
    /// rules allow DIR to be absent only when no path is derived from it.
    fn input_dir(&self) -> &Path {
        self.dir.as_deref().unwrap_or(Path::new("."))
    }
}

/// Arguments of `mentor-match match`.
///
/// Outputs go to `--out` when given, otherwise to `DIR/output`.
/// [`Cli::parse_args`] rejects a command line that gives neither.
#[derive(Debug, Args)]
pub struct MatchArgs {
    /// Input files and priority.
    #[command(flatten)]
    pub input: InputArgs,

    /// Folder to write the outputs into (created if missing) instead of
    /// DIR/output. Required when DIR is not given.
    #[arg(long, value_name = "OUT_DIR")]
    pub out: Option<PathBuf>,

    /// Overwrite output files that already exist.
    #[arg(long)]
    pub force: bool,
}

impl MatchArgs {
    /// Returns the folder to write outputs into: `--out`, or `output` in
    /// DIR, or beside DIR when DIR is a workbook file.
    pub fn out_dir(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| {
            let dir = self.input.input_dir();
            if is_workbook_file(dir) {
                dir.parent().unwrap_or(Path::new(".")).join(DEFAULT_OUTPUT_DIR)
            } else {
                dir.join(DEFAULT_OUTPUT_DIR)
            }
        })
    }
}

/// Returns the file of one side (`csv_name` is `mentors.csv` or
/// `mentees.csv`) that DIR provides, by the first rule that applies:
///
/// 1. DIR is a file with a spreadsheet extension (see
///    [`is_spreadsheet_path`]): DIR itself, with a sheet per side.
/// 2. `DIR/mentors.csv` exists: that file.
/// 3. `DIR/mentors.xlsx` or, failing that, `DIR/mentors.ods` exists: that
///    workbook.
/// 4. Neither side has a file of rules 2 and 3, and DIR contains exactly
///    one `.xlsx` or `.ods` file other than Excel's `~$` lock files: that
///    workbook, with a sheet per side.
/// 5. Otherwise `DIR/mentors.csv`, whose absence is then reported.
pub fn side_file_in(dir: &Path, csv_name: &str) -> PathBuf {
    if is_workbook_file(dir) {
        return dir.to_path_buf();
    }
    if let Some(path) = named_side_file(dir, csv_name) {
        return path;
    }
    let other = if csv_name == MENTORS_FILE { MENTEES_FILE } else { MENTORS_FILE };
    if named_side_file(dir, other).is_none() {
        if let Some(workbook) = single_workbook_in(dir) {
            return workbook;
        }
    }
    dir.join(csv_name)
}

fn is_workbook_file(path: &Path) -> bool {
    path.is_file() && is_spreadsheet_path(path)
}

/// Returns the existing CSV, `.xlsx` or `.ods` file named after one side,
/// in that order of preference.
fn named_side_file(dir: &Path, csv_name: &str) -> Option<PathBuf> {
    let stem = csv_name.trim_end_matches(".csv");
    ["csv", "xlsx", "ods"]
        .iter()
        .map(|extension| dir.join(format!("{stem}.{extension}")))
        .find(|path| path.is_file())
}

/// Prints a warning on stderr for each side file in `dir` that is ignored
/// because a file of the same side with a preferred extension exists, as
/// `mentors.xlsx` is beside `mentors.csv`.
fn warn_about_ignored_side_files(dir: &Path) {
    for csv_name in [MENTORS_FILE, MENTEES_FILE] {
        let stem = csv_name.trim_end_matches(".csv");
        let existing: Vec<PathBuf> = ["csv", "xlsx", "ods"]
            .iter()
            .map(|extension| dir.join(format!("{stem}.{extension}")))
            .filter(|path| path.is_file())
            .collect();
        if let [used, ignored @ ..] = existing.as_slice() {
            for ignored in ignored {
                print_stderr(&format!(
                    "warning: {} is read and {} is ignored. Remove or rename the file you do \
                     not mean to use",
                    used.display(),
                    ignored.display()
                ));
            }
        }
    }
}

/// Returns the only workbook [`workbooks_in`] finds in `dir`, or `None`
/// when there are none or several.
fn single_workbook_in(dir: &Path) -> Option<PathBuf> {
    match workbooks_in(dir).as_slice() {
        [only] => Some(only.clone()),
        _ => None,
    }
}

/// Returns the `.xlsx` and `.ods` files in `dir`, ignoring case, sorted by
/// name, or none when `dir` cannot be listed.
///
/// Files whose names start with `~$` are skipped: Excel creates them beside
/// an open workbook to lock it, and they hold no sheets.
fn workbooks_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut workbooks: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            let lock_file = path
                .file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.starts_with("~$"));
            let workbook = path.extension().and_then(|e| e.to_str()).is_some_and(|extension| {
                extension.eq_ignore_ascii_case("xlsx") || extension.eq_ignore_ascii_case("ods")
            });
            workbook && !lock_file && path.is_file()
        })
        .collect();
    workbooks.sort();
    workbooks
}

/// Checks that `dir` can provide input files: it must be a folder or a
/// workbook file, and a folder without files named after the sides must not
/// hold several workbooks to choose from.
pub fn check_input_dir(dir: &Path) -> Result<(), CliError> {
    if is_workbook_file(dir) {
        return Ok(());
    }
    if !dir.exists() {
        return Err(CliError::InputDir {
            dir: dir.to_path_buf(),
            problem: InputDirProblem::NotFound,
        });
    }
    if !dir.is_dir() {
        return Err(CliError::InputDir {
            dir: dir.to_path_buf(),
            problem: InputDirProblem::NotAFolder,
        });
    }
    warn_about_ignored_side_files(dir);
    let named = named_side_file(dir, MENTORS_FILE).is_some()
        || named_side_file(dir, MENTEES_FILE).is_some();
    let workbooks = workbooks_in(dir);
    if !named && workbooks.len() > 1 {
        let problem = InputDirProblem::SeveralWorkbooks { workbooks };
        return Err(CliError::InputDir { dir: dir.to_path_buf(), problem });
    }
    Ok(())
}

/// Help text of `export-dimacs` on what it writes, shown after its options.
const EXPORT_DIMACS_HELP: &str = concat!(
    "\
Output:
  FILE gets the network in the DIMACS minimum-cost flow format, with a
  zero-cost bypass arc from source to sink last, so that a solver with
  fixed supplies finds the same optimal cost. stdout gets one line per
  figure, the name then the value: file, nodes, arcs (both as on the
  `p` line), allowed pairs, network pairs, flow value, optimal cost,
  solve rounds, and reading ms, scoring ms, solving ms and writing ms.

",
    exit_status_help!()
);

/// Arguments of `mentor-match export-dimacs`.
///
/// FILE is the last positional argument and DIR the optional one before
/// it, so `export-dimacs --mentors a.csv --mentees b.csv net.min` assigns
/// `net.min` to FILE.
#[derive(Debug, Args)]
#[command(allow_missing_positional = true)]
pub struct ExportDimacsArgs {
    /// Input files and priority.
    #[command(flatten)]
    pub input: InputArgs,

    /// File to write the network to. It is written to a temporary file in
    /// the same folder and renamed, so it appears complete or not at all.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Overwrite FILE if it already exists.
    #[arg(long)]
    pub force: bool,
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
    /// Give as many mentees as possible one match, then two, then three,
    /// then maximise the total score.
    Balanced,
}

impl From<PriorityArg> for Priority {
    fn from(priority: PriorityArg) -> Self {
        match priority {
            PriorityArg::BestMatches => Priority::BestMatches,
            PriorityArg::MostMentees => Priority::MostMentees,
            PriorityArg::Balanced => Priority::Balanced,
        }
    }
}

/// Default file name of `init-config`.
pub const DEFAULT_CONFIG_FILE: &str = "rules.toml";

/// Arguments of `mentor-match init-config`.
#[derive(Debug, Args)]
pub struct InitConfigArgs {
    /// File to write the configuration to.
    #[arg(value_name = "FILE", default_value = DEFAULT_CONFIG_FILE)]
    pub file: PathBuf,

    /// Overwrite FILE if it already exists.
    #[arg(long)]
    pub force: bool,
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
            _ => panic!("expected the match subcommand"),
        }
    }

    fn export_args(args: &[&str]) -> ExportDimacsArgs {
        match parse(args).expect("arguments should parse").command {
            Command::ExportDimacs(export_args) => export_args,
            _ => panic!("expected the export-dimacs subcommand"),
        }
    }

    #[test]
    fn definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn dir_gives_default_paths() {
        let args = match_args(&["match", "programme"]);
        assert_eq!(args.input.mentors_path(), Path::new("programme/mentors.csv"));
        assert_eq!(args.input.mentees_path(), Path::new("programme/mentees.csv"));
        assert_eq!(args.out_dir(), Path::new("programme/output"));
        assert_eq!(args.input.priority, None);
        assert_eq!(args.input.rules().unwrap(), RuleConfig::default());
    }

    #[test]
    fn explicit_files_override_dir() {
        let args = match_args(&["match", "programme", "--mentors", "a.csv", "--out", "elsewhere"]);
        assert_eq!(args.input.mentors_path(), Path::new("a.csv"));
        assert_eq!(args.input.mentees_path(), Path::new("programme/mentees.csv"));
        assert_eq!(args.out_dir(), Path::new("elsewhere"));
    }

    #[test]
    fn explicit_files_without_dir_need_out() {
        let missing_out = parse(&["match", "--mentors", "a.csv", "--mentees", "b.csv"]);
        let err = missing_out.expect_err("--out should be required");
        assert_eq!(err.kind(), ErrorKind::MissingRequiredArgument);
        assert!(err.to_string().contains("--out"), "{err}");

        let args = match_args(&["match", "--mentors", "a.csv", "--mentees", "b.csv", "--out", "o"]);
        assert_eq!(args.input.dir, None);
        assert_eq!(args.out_dir(), Path::new("o"));
    }

    #[test]
    fn one_explicit_file_still_needs_dir() {
        assert!(parse(&["match", "--mentors", "a.csv", "--out", "o"]).is_err());
    }

    #[test]
    fn priority_values_map_to_model() {
        let args = match_args(&["match", "programme", "--priority", "most-mentees"]);
        assert_eq!(args.input.rules().unwrap().priority, Priority::MostMentees);
        let args = match_args(&["match", "programme", "--priority", "balanced"]);
        assert_eq!(args.input.rules().unwrap().priority, Priority::Balanced);
        assert_eq!(Priority::from(PriorityArg::BestMatches), Priority::BestMatches);
        assert!(parse(&["match", "programme", "--priority", "fastest"]).is_err());
    }

    #[test]
    fn export_takes_dir_and_file() {
        let args =
            export_args(&["export-dimacs", "programme", "net.min", "--priority", "most-mentees"]);
        assert_eq!(args.input.mentors_path(), Path::new("programme/mentors.csv"));
        assert_eq!(args.input.mentees_path(), Path::new("programme/mentees.csv"));
        assert_eq!(args.file, Path::new("net.min"));
        assert_eq!(args.input.rules().unwrap().priority, Priority::MostMentees);
        assert!(!args.force);
    }

    #[test]
    fn export_file_alone_after_explicit_inputs() {
        let args =
            export_args(&["export-dimacs", "--mentors", "a.csv", "--mentees", "b.csv", "net.min"]);
        assert_eq!(args.input.dir, None);
        assert_eq!(args.input.mentors_path(), Path::new("a.csv"));
        assert_eq!(args.input.mentees_path(), Path::new("b.csv"));
        assert_eq!(args.file, Path::new("net.min"));
    }

    #[test]
    fn export_needs_dir_or_both_files() {
        let err = parse(&["export-dimacs", "net.min"]).expect_err("DIR should be required");
        assert_eq!(err.kind(), ErrorKind::MissingRequiredArgument);
        assert!(parse(&["export-dimacs", "--mentors", "a.csv", "net.min"]).is_err());
        assert!(parse(&["export-dimacs", "programme"]).is_err());
    }

    #[test]
    fn priority_flag_replaces_config_priority() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("rules.toml");
        std::fs::write(&config, "priority = \"most-mentees\"\n[capacity]\nmentee = 1\n").unwrap();
        let config = config.to_str().unwrap();

        let args = match_args(&["match", "programme", "--config", config]);
        let rules = args.input.rules().unwrap();
        assert_eq!(rules.priority, Priority::MostMentees);
        assert_eq!(rules.mentee_capacity, 1);

        let args =
            match_args(&["match", "programme", "--config", config, "--priority", "balanced"]);
        let rules = args.input.rules().unwrap();
        assert_eq!(rules.priority, Priority::Balanced);
        assert_eq!(rules.mentee_capacity, 1);
    }

    #[test]
    fn init_config_defaults_to_rules_toml() {
        let cli = parse(&["init-config"]).expect("arguments should parse");
        let Command::InitConfig(args) = cli.command else { panic!("expected init-config") };
        assert_eq!(args.file, Path::new(DEFAULT_CONFIG_FILE));
        assert!(!args.force);
    }

    #[test]
    fn validate_takes_input_and_format() {
        let cli = parse(&["validate", "programme", "--format", "json", "--exclude", "x.csv"])
            .expect("arguments should parse");
        let Command::Validate(args) = cli.command else {
            panic!("expected the validate subcommand");
        };
        assert_eq!(args.format, ReportFormat::Json);
        assert_eq!(args.input.mentors_path(), Path::new("programme/mentors.csv"));
        assert_eq!(args.input.exclude.as_deref(), Some(Path::new("x.csv")));
        assert!(parse(&["validate", "programme", "--format", "xml"]).is_err());
        assert!(parse(&["validate"]).is_err());
    }

    #[test]
    fn dir_resolves_spreadsheets() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path();
        let touch = |name: &str| std::fs::write(dir.join(name), b"").unwrap();

        // One workbook of any name serves both sides.
        touch("programme.XLSX");
        assert_eq!(side_file_in(dir, MENTORS_FILE), dir.join("programme.XLSX"));
        assert_eq!(side_file_in(dir, MENTEES_FILE), dir.join("programme.XLSX"));

        // A file named after a side wins, and the other side is then
        // looked for by name only.
        touch("mentors.ods");
        assert_eq!(side_file_in(dir, MENTORS_FILE), dir.join("mentors.ods"));
        assert_eq!(side_file_in(dir, MENTEES_FILE), dir.join("mentees.csv"));
        touch("mentors.csv");
        assert_eq!(side_file_in(dir, MENTORS_FILE), dir.join("mentors.csv"));

        // DIR may be the workbook itself, and the outputs go beside it.
        let workbook = dir.join("programme.XLSX");
        assert_eq!(side_file_in(&workbook, MENTEES_FILE), workbook);

        // A CSV file is no folder and no workbook, so the usual path is
        // returned and reading it fails with a clear message.
        let csv = dir.join("mentors.csv");
        assert_eq!(side_file_in(&csv, MENTEES_FILE), csv.join(MENTEES_FILE));
        let workbook_arg = workbook.to_str().unwrap();
        let args = match_args(&["match", workbook_arg]);
        assert_eq!(args.out_dir(), dir.join("output"));
    }

    #[test]
    fn global_flags_after_subcommand() {
        let cli = parse(&["match", "programme", "-vv", "--quiet"]).expect("arguments should parse");
        assert_eq!(cli.verbose, 2);
        assert!(cli.quiet);
    }
}
