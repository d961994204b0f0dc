//! Failures that end a command with exit status 1, and how they are printed.

use std::error::Error;
use std::io;
use std::path::{Path, PathBuf};

use mentor_match_core::MatchError;
use mentor_match_io::{ConfigFileError, InputProblem, OutputError};
use mentor_match_model::Role;

/// The reason DIR cannot provide the input files.
#[derive(Debug)]
pub enum InputDirProblem {
    /// Nothing exists at that path.
    NotFound,
    /// It is a file but not a workbook.
    NotAFolder,
    /// It is a folder without `mentors` or `mentees` files, and with more
    /// than one workbook.
    SeveralWorkbooks {
        /// The workbooks found, sorted by name.
        workbooks: Vec<PathBuf>,
    },
}

/// A failed command. Each variant prints as one or more `error:` lines.
#[derive(Debug)]
pub enum CliError {
    /// Errors in the input files, all of them, in the order found.
    Input(Vec<InputProblem>),
    /// `explain` was given an email address that no participant has (on
    /// the side asked for, if any).
    UnknownParticipant {
        /// The address as given.
        email: String,
        /// The side asked for, or `None` for either.
        role: Option<Role>,
        /// Whether the address is on the other side.
        on_other_side: bool,
    },
    /// The rules configuration file cannot be read or is invalid.
    Config(ConfigFileError),
    /// `validate` found errors, which it has already printed.
    Invalid {
        /// Number of errors.
        errors: usize,
    },
    /// Output files that already exist while `--force` is not given.
    OutputsExist {
        /// The output folder.
        dir: PathBuf,
        /// Names of the existing files in that folder.
        files: Vec<&'static str>,
    },
    /// An output file is also one of the input files, which writing would
    /// replace. `--force` does not allow it.
    OutputIsInput {
        /// The output file, as the command would write it.
        output: PathBuf,
        /// The option that names the input file, such as `--exclude`.
        option: &'static str,
    },
    /// DIR cannot provide the input files.
    InputDir {
        /// DIR as given.
        dir: PathBuf,
        /// The fault found.
        problem: InputDirProblem,
    },
    /// A file to write already exists while `--force` is not given.
    FileExists {
        /// The existing file.
        path: PathBuf,
    },
    /// Writing a file other than the match outputs failed.
    WriteFile {
        /// The file being written.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// The matcher rejected the roster or the rules.
    Matching(MatchError),
    /// A column rule's column is missing from an input file.
    MissingColumn {
        /// The file without the column.
        path: PathBuf,
        /// The matcher's [`MatchError::UnknownColumn`].
        error: MatchError,
    },
    /// Writing the outputs failed.
    Output(OutputError),
    /// Printing to stdout failed for a reason other than a closed pipe.
    Stdout(io::Error),
}

impl CliError {
    /// Returns one message per problem, without the `error: ` prefix.
    pub fn messages(&self) -> Vec<String> {
        match self {
            CliError::Input(problems) => problems.iter().map(ToString::to_string).collect(),
            CliError::Config(err) => vec![format!("invalid configuration: {err}")],
            CliError::Invalid { errors } => vec![format!(
                "the input has {errors} {}. Fix {} and run validate again",
                if *errors == 1 { "error" } else { "errors" },
                if *errors == 1 { "it" } else { "them" },
            )],
            CliError::OutputsExist { dir, files } => vec![format!(
                "output folder {} already contains {}: pass --force to overwrite",
                dir.display(),
                files.join(", ")
            )],
            CliError::OutputIsInput { output, option } => vec![format!(
                "the output file {} is also an input file (given by {option}): \
                 choose another output folder or file, because writing it would replace the input",
                output.display()
            )],
            CliError::InputDir { dir, problem } => vec![input_dir_message(dir, problem)],
            CliError::FileExists { path } => {
                vec![format!("{} already exists: pass --force to overwrite", path.display())]
            }
            CliError::WriteFile { path, source } => {
                vec![format!("failed to write {}: {source}", path.display())]
            }
            CliError::Matching(err) => vec![format!("matching failed: {}", describe(err))],
            CliError::UnknownParticipant { email, role: Some(role), on_other_side: true } => {
                vec![format!(
                    "{email:?} is in the {other}s file, not the {role}s file: \
                     use --role {other} or leave out --role",
                    other = role.other()
                )]
            }
            CliError::UnknownParticipant { email, role, .. } => {
                let side = match role {
                    Some(role) => format!("{role}s file"),
                    None => "mentors or mentees file".to_owned(),
                };
                vec![format!("no participant in the {side} has the email address {email:?}")]
            }
            CliError::MissingColumn { path, error } => {
                vec![format!("invalid input: {}: {error}", path.display())]
            }
            // The library's message names the option generically, so the
            // CLI replaces it with the flag's spelling.
            CliError::Output(OutputError::AlreadyExists { path }) => {
                vec![format!("{} already exists: pass --force to overwrite", path.display())]
            }
            CliError::Output(err) => vec![describe(err)],
            CliError::Stdout(err) => vec![format!("failed to write to stdout: {err}")],
        }
    }
}

impl From<MatchError> for CliError {
    fn from(err: MatchError) -> Self {
        CliError::Matching(err)
    }
}

impl From<ConfigFileError> for CliError {
    fn from(err: ConfigFileError) -> Self {
        CliError::Config(err)
    }
}

impl From<OutputError> for CliError {
    fn from(err: OutputError) -> Self {
        CliError::Output(err)
    }
}

fn input_dir_message(dir: &Path, problem: &InputDirProblem) -> String {
    let dir = dir.display();
    match problem {
        InputDirProblem::NotFound => {
            format!("{dir} not found. Give the folder that contains the input files, or a workbook")
        }
        InputDirProblem::NotAFolder => format!(
            "{dir} is a file, but neither a folder nor a workbook (.xlsx, .xlsm, .xlsb, .xls or \
             .ods). Give the folder that contains it, or pass it with --mentors or --mentees"
        ),
        InputDirProblem::SeveralWorkbooks { workbooks } => {
            let names: Vec<String> = workbooks
                .iter()
                .map(|path| path.file_name().unwrap_or(path.as_os_str()).to_string_lossy().into())
                .collect();
            format!(
                "{dir} contains no mentors or mentees file and {} workbooks ({}), so none was \
                 chosen. Give the workbook to read as DIR",
                workbooks.len(),
                names.join(", ")
            )
        }
    }
}

/// Formats an error and its chain of sources on one line, separated by ": ".
///
/// A source whose text the message already contains is skipped, because
/// many error types repeat their source in their own message.
fn describe(err: &dyn Error) -> String {
    let mut message = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !message.contains(&cause_text) {
            message.push_str(": ");
            message.push_str(&cause_text);
        }
        source = cause.source();
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt;

    #[derive(Debug)]
    struct Wrapper {
        repeats_source: bool,
        source: io::Error,
    }

    impl fmt::Display for Wrapper {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            if self.repeats_source {
                write!(f, "failed to write out.csv: {}", self.source)
            } else {
                write!(f, "failed to write out.csv")
            }
        }
    }

    impl Error for Wrapper {
        fn source(&self) -> Option<&(dyn Error + 'static)> {
            Some(&self.source)
        }
    }

    #[test]
    fn describe_appends_source() {
        let err = Wrapper { repeats_source: false, source: io::Error::other("disk full") };
        assert_eq!(describe(&err), "failed to write out.csv: disk full");
    }

    #[test]
    fn describe_skips_repeated_source() {
        let err = Wrapper { repeats_source: true, source: io::Error::other("disk full") };
        assert_eq!(describe(&err), "failed to write out.csv: disk full");
    }

    #[test]
    fn existing_outputs_name_folder_and_files() {
        let err = CliError::OutputsExist {
            dir: PathBuf::from("programme/output"),
            files: vec!["matches.csv", "summary.json"],
        };
        assert_eq!(
            err.messages(),
            vec![
                "output folder programme/output already contains matches.csv, summary.json: \
                 pass --force to overwrite"
                    .to_owned()
            ]
        );
    }
}
