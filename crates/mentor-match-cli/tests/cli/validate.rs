use std::fs;
use std::path::Path;

use crate::support::{copy_dir, copy_fixture, fixture, run, stderr, stdout};

/// One problem planted in the `messy` fixture: severity, file, line (0 for
/// the whole file) and a piece of text its message must contain.
struct Planted {
    severity: &'static str,
    file: &'static str,
    line: u64,
    text: &'static str,
}

/// Every problem in the `messy` fixture. `mentors.csv` is Windows-1252
/// with semicolons and CRLF, `mentees.csv` is UTF-16LE with tabs, and
/// `exclusions.csv` is UTF-8.
const PLANTED: [Planted; 8] = [
    Planted {
        severity: "error",
        file: "mentors.csv",
        line: 3,
        text: "grade not on the grade ladder",
    },
    Planted { severity: "error", file: "mentors.csv", line: 4, text: "kai.chen.example.org" },
    Planted { severity: "error", file: "mentors.csv", line: 6, text: "already used on line 2" },
    Planted { severity: "error", file: "mentees.csv", line: 3, text: "\"organisation\"" },
    Planted { severity: "error", file: "mentees.csv", line: 4, text: "invalid yes/no value" },
    Planted { severity: "error", file: "exclusions.csv", line: 2, text: "ana.evans.example.org" },
    Planted { severity: "warning", file: "mentors.csv", line: 0, text: "Windows-1252" },
    Planted { severity: "warning", file: "mentors.csv", line: 5, text: "is yes, but" },
];

/// Returns the location prefix of a planted problem, as `Display` writes it
/// after the path `./FILE` the commands below give.
fn location(planted: &Planted) -> String {
    let path = if planted.file == "exclusions.csv" {
        "exclusions.csv".to_owned()
    } else {
        format!("./{}", planted.file)
    };
    if planted.line == 0 { format!("{path}: ") } else { format!("{path}:{}: ", planted.line) }
}

fn find_planted<'a>(lines: &[&'a str], planted: &Planted) -> Option<&'a str> {
    let prefix = format!("{}: {}", planted.severity, location(planted));
    lines.iter().copied().find(|line| line.starts_with(&prefix) && line.contains(planted.text))
}

#[test]
fn validate_lists_every_problem() {
    let (_temp, dir) = copy_fixture("messy");
    let output = run(&dir, &["validate", ".", "--exclude", "exclusions.csv"]);

    assert_eq!(output.status.code(), Some(1));
    let report = stdout(&output);
    let lines: Vec<&str> = report.lines().collect();
    for planted in &PLANTED {
        assert!(
            find_planted(&lines, planted).is_some(),
            "no {} about {} line {} ({}) in:\n{report}",
            planted.severity,
            planted.file,
            planted.line,
            planted.text
        );
    }
    // One line per problem, errors before warnings, then the counts.
    assert_eq!(lines.len(), PLANTED.len() + 1, "{report}");
    let first_warning = lines.iter().position(|line| line.starts_with("warning: ")).unwrap();
    assert!(lines[..first_warning].iter().all(|line| line.starts_with("error: ")), "{report}");
    assert_eq!(lines[PLANTED.len()], "6 errors, 2 warnings: fix the errors and run validate again");
    assert_eq!(stderr(&output), "error: the input has 6 errors. Fix them and run validate again\n");
}

#[test]
fn validate_hides_sensitive_values() {
    let (_temp, dir) = copy_fixture("messy");
    let output = run(&dir, &["validate", ".", "-vvv"]);

    // Cat's "match with similar identity" cell contains a characteristic.
    let all = format!("{}{}", stdout(&output), stderr(&output));
    assert!(
        all.contains("mentees.csv:4: column \"match with similar identity\": invalid"),
        "{all}"
    );
    assert!(!all.contains("Qwvidentity-beta"), "a characteristic was printed:\n{all}");
}

#[test]
fn validate_json_separates_errors_and_warnings() {
    let (_temp, dir) = copy_fixture("messy");
    let output = run(&dir, &["validate", ".", "--exclude", "exclusions.csv", "--format", "json"]);

    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    assert_eq!(report["schema_version"], 1);
    assert_eq!(report["valid"], false);
    assert_eq!(report["mentors"], serde_json::Value::Null);
    assert_eq!(report["exclusions_file"], "exclusions.csv");

    let codes = |key: &str| -> Vec<String> {
        let problems = report[key].as_array().unwrap_or_else(|| panic!("no {key} list"));
        problems.iter().map(|problem| problem["code"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(
        codes("errors"),
        [
            "unknown_grade",
            "missing_at",
            "duplicate_email",
            "empty_required_field",
            "invalid_yes_no",
            "missing_at"
        ]
    );
    assert_eq!(codes("warnings"), ["windows_1252_decoded", "role_flag_mismatch"]);

    let grade = &report["errors"][0];
    assert_eq!(grade["severity"], "error");
    assert_eq!(report["warnings"][0]["severity"], "warning");
    assert_eq!(grade["file"], "./mentors.csv");
    assert_eq!(grade["line"], 3);
    assert_eq!(grade["column"], "grade");
    assert_eq!(grade["value"], "Grade 8");
    assert_eq!(grade["sheet"], serde_json::Value::Null);
    assert!(grade["message"].as_str().unwrap().starts_with("grade not on the grade ladder"));
    let grade_text = grade["text"].as_str().unwrap();
    assert!(grade_text.starts_with("error: ./mentors.csv:3: column \"grade\""), "{grade_text}");
    let text_lines = stdout(&run(&dir, &["validate", ".", "--exclude", "exclusions.csv"]));
    assert!(text_lines.lines().any(|line| line == grade_text), "{text_lines}");
    let warning_text = report["warnings"][0]["text"].as_str().unwrap();
    assert!(warning_text.starts_with("warning: "), "{warning_text}");
    let hidden = &report["errors"][4];
    assert_eq!(hidden["column"], "match with similar identity");
    assert_eq!(hidden["value"], serde_json::Value::Null);
}

#[test]
fn match_lists_every_problem_and_writes_nothing() {
    let (_temp, dir) = copy_fixture("messy");
    let output = run(&dir, &["match", ".", "--exclude", "exclusions.csv", "--force"]);

    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    let messages = stderr(&output);
    let lines: Vec<&str> = messages.lines().collect();
    for planted in &PLANTED {
        assert!(
            find_planted(&lines, planted).is_some(),
            "no {} about {} line {} in:\n{messages}",
            planted.severity,
            planted.file,
            planted.line
        );
    }
    assert_eq!(lines.len(), PLANTED.len(), "{messages}");
    assert!(!dir.join("output").exists(), "the output folder was created");
}

#[test]
fn warnings_only_exit_zero() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    copy_dir(&fixture("distinct"), dir);
    // Windows-1252 bytes in a biography: the file is read with a warning.
    let mentors = fs::read(dir.join("mentors.csv")).unwrap();
    let text = String::from_utf8(mentors).unwrap().replace("coaching", "coaching \u{0}");
    let bytes = text.replace('\u{0}', "caf\u{e9}").into_bytes();
    let latin: Vec<u8> = String::from_utf8(bytes)
        .unwrap()
        .chars()
        .map(|c| u8::try_from(u32::from(c)).expect("Latin-1 text"))
        .collect();
    fs::write(dir.join("mentors.csv"), latin).unwrap();

    let output = run(dir, &["validate", "."]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report = stdout(&output);
    assert!(report.starts_with("warning: ./mentors.csv: the file is not valid UTF-8"), "{report}");
    assert!(report.ends_with("0 errors, 1 warning: 8 mentors and 8 mentees are ready to match\n"));

    let output = run(dir, &["match", "."]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).starts_with("warning: ./mentors.csv: the file is not valid UTF-8"));
    assert!(dir.join("output/matches.csv").exists());
}

#[test]
fn quiet_validate_prints_nothing() {
    let (_temp, dir) = copy_fixture("distinct");
    let output = run(&dir, &["validate", ".", "--quiet"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "");
}

/// Returns the spreadsheet fixtures folder of the io crate.
fn spreadsheets() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../mentor-match-io/tests/fixtures/spreadsheets")
}

#[test]
fn workbook_in_folder_matched() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("programme");
    fs::create_dir(&dir).unwrap();
    fs::copy(spreadsheets().join("programme.ods"), dir.join("Programme 2026.ods")).unwrap();

    let output = run(&dir, &["validate", "."]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("2 mentors and 2 mentees are ready to match"));

    let output = run(&dir, &["match", "."]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(dir.join("output/matches.csv").exists());
}

#[test]
fn workbook_problems_name_sheet_and_row() {
    let temp = tempfile::tempdir().unwrap();
    let workbook = temp.path().join("problems.xlsx");
    fs::copy(spreadsheets().join("problems.xlsx"), &workbook).unwrap();

    let output = run(temp.path(), &["validate", "problems.xlsx"]);
    assert_eq!(output.status.code(), Some(1));
    let report = stdout(&output);
    assert!(
        report.contains(
            "error: problems.xlsx, sheet \"mentees\", row 2: column \"grade\", value \"Grade 8\""
        ),
        "{report}"
    );
    assert!(
        report.contains("error: problems.xlsx, sheet \"mentees\", row 3: column \"organisation\"")
    );
}

#[test]
fn excel_lock_file_ignored() {
    let temp = tempfile::tempdir().unwrap();
    fs::copy(spreadsheets().join("programme.xlsx"), temp.path().join("programme.xlsx")).unwrap();
    fs::write(temp.path().join("~$programme.xlsx"), b"lock").unwrap();

    let output = run(temp.path(), &["validate", "."]);

    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("2 mentors and 2 mentees are ready to match"));
}

#[test]
fn several_workbooks_named() {
    let temp = tempfile::tempdir().unwrap();
    fs::copy(spreadsheets().join("programme.xlsx"), temp.path().join("b.xlsx")).unwrap();
    fs::copy(spreadsheets().join("programme.ods"), temp.path().join("a.ods")).unwrap();

    let output = run(temp.path(), &["validate", "."]);

    assert_eq!(output.status.code(), Some(1));
    let messages = stderr(&output);
    assert_eq!(messages.lines().count(), 1, "{messages}");
    assert!(messages.contains("2 workbooks (a.ods, b.xlsx), so none was chosen"), "{messages}");
    assert!(!messages.contains("mentors.csv"), "{messages}");
}

#[test]
fn input_dir_file_or_missing_explained() {
    let (_temp, dir) = copy_fixture("distinct");
    let cases = [
        ("mentors.csv", "error: mentors.csv is a file, but neither a folder nor a workbook"),
        ("programme.xlsx", "error: programme.xlsx not found"),
        ("missing", "error: missing not found"),
    ];
    for (dir_arg, expected) in cases {
        for command in ["validate", "match"] {
            let output = run(&dir, &[command, dir_arg]);
            assert_eq!(output.status.code(), Some(1), "{command} {dir_arg}");
            let messages = stderr(&output);
            assert!(messages.starts_with(expected), "{command} {dir_arg}: {messages}");
            assert!(!messages.contains("mentors.csv/"), "{command} {dir_arg}: {messages}");
        }
    }
}

#[test]
fn invalid_config_json_report() {
    let (_temp, dir) = copy_fixture("distinct");
    fs::write(dir.join("bad.toml"), "[capacity]\nmentee = \"three\"\n").unwrap();

    let output = run(&dir, &["validate", ".", "--config", "bad.toml", "--format", "json"]);

    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    assert_eq!(report["valid"], false);
    let errors = report["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{report}");
    assert_eq!(errors[0]["code"], "invalid_config");
    assert_eq!(errors[0]["file"], "bad.toml");
    assert_eq!(errors[0]["line"], 2);
    let text = errors[0]["text"].as_str().unwrap();
    assert!(text.starts_with("error: invalid configuration: bad.toml:2:"), "{text}");
    assert!(stderr(&output).starts_with("error: invalid configuration"), "{}", stderr(&output));
}

#[test]
fn ignored_workbook_beside_csv_warned() {
    let (_temp, dir) = copy_fixture("distinct");
    fs::copy(spreadsheets().join("programme.xlsx"), dir.join("mentors.xlsx")).unwrap();

    let output = run(&dir, &["validate", "."]);

    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let messages = stderr(&output);
    assert!(
        messages.contains("warning: ./mentors.csv is read and ./mentors.xlsx is ignored"),
        "{messages}"
    );
    assert!(!messages.contains("mentees.csv"), "{messages}");
}

#[test]
fn validate_help_explains_priority() {
    let temp = tempfile::tempdir().unwrap();
    let output = run(temp.path(), &["validate", "--help"]);
    assert_eq!(output.status.code(), Some(0));
    let help = stdout(&output).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(help.contains("`validate` accepts it but does not use it"), "{help}");
    for option in ["--config", "--pins", "--exclude", "--format"] {
        assert!(help.contains(option), "{option} missing from: {help}");
    }
}
