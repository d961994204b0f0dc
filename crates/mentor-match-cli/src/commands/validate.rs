//! `mentor-match validate`: check the input files and list every problem,
//! and the input checks that `match` and `export-dimacs` run first.

use mentor_match_io::{
    ConfigFileError, InputProblem, Severity, check_exclusions, check_pair_people, check_roster,
    read_pins,
};
use mentor_match_model::{Exclusions, Pins, Roster, RuleConfig};
use serde_json::{Value, json};

use crate::cli::{InputArgs, ReportFormat, ValidateArgs};
use crate::error::CliError;
use crate::report::print_stdout;

/// Version of the JSON document `validate --format json` prints. It changes
/// only when a field is removed or changes meaning.
pub const JSON_SCHEMA_VERSION: u32 = 1;

/// The input files read and checked.
#[derive(Debug)]
pub struct CheckedInputs {
    /// The roster, when the participants files have no error.
    pub roster: Option<Roster>,
    /// The exclusions, when there is no exclusions file or it has no error.
    pub exclusions: Option<Exclusions>,
    /// The pinned pairs, when there is no pins file or it has no error.
    pub pins: Option<Pins>,
    /// Every problem in the files, errors and warnings, participants files
    /// first.
    pub problems: Vec<InputProblem>,
}

impl CheckedInputs {
    /// Returns the problems of one severity, in file order.
    pub fn with_severity(&self, severity: Severity) -> Vec<&InputProblem> {
        self.problems.iter().filter(|problem| problem.severity() == severity).collect()
    }
}

/// Reads and checks the participants files and the exclusions file named by
/// `input`, with the grade ladder of `rules`.
pub fn check_inputs(input: &InputArgs, rules: &RuleConfig) -> CheckedInputs {
    let check = check_roster(&input.mentors_path(), &input.mentees_path(), rules);
    let mut problems = check.problems;
    let exclusions = match &input.exclude {
        Some(path) => {
            let check = check_exclusions(path);
            problems.extend(check.problems);
            check.exclusions
        }
        None => Some(Exclusions::new()),
    };
    let pins = match &input.pins {
        Some(path) => match read_pins(path) {
            Ok(pins) => Some(pins),
            Err(errors) => {
                problems.extend(errors.problems);
                None
            }
        },
        None => Some(Pins::new()),
    };
    if let Some(roster) = &check.roster {
        if let (Some(path), Some(_)) = (&input.exclude, &exclusions) {
            problems.extend(check_pair_people(path, roster, false));
        }
        if let (Some(path), Some(_)) = (&input.pins, &pins) {
            problems.extend(check_pair_people(path, roster, true));
        }
    }
    let pins = pins.filter(|_| !problems.iter().any(|p| p.severity() == Severity::Error));
    CheckedInputs { roster: check.roster, exclusions, pins, problems }
}

/// Runs `mentor-match validate`: prints every problem on stdout and fails
/// when any is an error.
pub fn run(args: &ValidateArgs, quiet: bool) -> Result<(), CliError> {
    args.input.check_dir()?;
    let rules = match args.input.rules() {
        Ok(rules) => rules,
        Err(CliError::Config(error)) => {
            if args.format == ReportFormat::Json && !quiet {
                print_stdout(&(config_json_report(&args.input, &error) + "\n"))?;
            }
            return Err(CliError::Config(error));
        }
        Err(other) => return Err(other),
    };
    let checked = check_inputs(&args.input, &rules);
    let errors = checked.with_severity(Severity::Error);

    if !quiet {
        let report = match args.format {
            ReportFormat::Text => text_report(&checked),
            ReportFormat::Json => json_report(&args.input, &checked) + "\n",
        };
        print_stdout(&report)?;
    }
    if errors.is_empty() { Ok(()) } else { Err(CliError::Invalid { errors: errors.len() }) }
}

/// Returns one `error:` line per error, then one `warning:` line per
/// warning, then a line with the counts.
fn text_report(checked: &CheckedInputs) -> String {
    let errors = checked.with_severity(Severity::Error);
    let warnings = checked.with_severity(Severity::Warning);
    let mut report = String::new();
    for problem in errors.iter().chain(&warnings) {
        report.push_str(&format!("{}: {problem}\n", problem.severity()));
    }
    let counts =
        format!("{}, {}", plural(errors.len(), "error"), plural(warnings.len(), "warning"));
    match &checked.roster {
        Some(roster) if errors.is_empty() => report.push_str(&format!(
            "{counts}: {} and {} are ready to match\n",
            plural(roster.mentors().len(), "mentor"),
            plural(roster.mentees().len(), "mentee"),
        )),
        _ => report.push_str(&format!("{counts}: fix the errors and run validate again\n")),
    }
    report
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 { format!("1 {noun}") } else { format!("{count} {noun}s") }
}

/// Returns the JSON document described in the README's "validate" section.
fn json_report(input: &InputArgs, checked: &CheckedInputs) -> String {
    let problems = |severity| -> Vec<Value> {
        checked.with_severity(severity).into_iter().map(problem_json).collect()
    };
    let errors = problems(Severity::Error);
    let document = json!({
        "schema_version": JSON_SCHEMA_VERSION,
        "valid": errors.is_empty(),
        "mentors_file": input.mentors_path().display().to_string(),
        "mentees_file": input.mentees_path().display().to_string(),
        "exclusions_file": input.exclude.as_ref().map(|path| path.display().to_string()),
        "mentors": checked.roster.as_ref().map(|roster| roster.mentors().len()),
        "mentees": checked.roster.as_ref().map(|roster| roster.mentees().len()),
        "errors": errors,
        "warnings": problems(Severity::Warning),
    });
    // Serialising a `Value` cannot fail: its map keys are strings.
    serde_json::to_string_pretty(&document).unwrap_or_default()
}

/// Returns the JSON document for a configuration file that cannot be used:
/// the files are not checked, so the one error is the configuration's, with
/// the code `invalid_config`.
fn config_json_report(input: &InputArgs, error: &ConfigFileError) -> String {
    let (line, message) = match error {
        ConfigFileError::Invalid { line, message, .. } => (Some(*line), message.clone()),
        ConfigFileError::Rules { source, .. } => (None, source.to_string()),
        other => (None, other.to_string()),
    };
    let config_error = json!({
        "severity": "error",
        "code": "invalid_config",
        "file": input.config.as_ref().map(|path| path.display().to_string()),
        "sheet": null,
        "line": line,
        "column": null,
        "value": null,
        "message": message,
        "text": format!("error: invalid configuration: {error}"),
    });
    let document = json!({
        "schema_version": JSON_SCHEMA_VERSION,
        "valid": false,
        "mentors_file": input.mentors_path().display().to_string(),
        "mentees_file": input.mentees_path().display().to_string(),
        "exclusions_file": input.exclude.as_ref().map(|path| path.display().to_string()),
        "mentors": null,
        "mentees": null,
        "errors": [config_error],
        "warnings": [],
    });
    serde_json::to_string_pretty(&document).unwrap_or_default()
}

fn problem_json(problem: &InputProblem) -> Value {
    json!({
        "severity": problem.severity().as_str(),
        "code": problem.kind.code(),
        "file": problem.file.display().to_string(),
        "sheet": problem.sheet,
        "line": problem.line,
        "column": problem.column,
        "value": problem.value,
        "message": problem.kind.to_string(),
        "text": format!("{}: {problem}", problem.severity()),
    })
}
