use std::fs;

use crate::support::{copy_fixture, fixture, run, stderr, stdout};

/// One problem planted in the `invalid` fixture: the file, the 1-based line
/// and a piece of text the message must contain (the offending value, or
/// the column when the value is blank).
struct Planted {
    file: &'static str,
    line: u32,
    text: &'static str,
}

const PLANTED: [Planted; 5] = [
    Planted { file: "mentees.csv", line: 1, text: "profession" },
    Planted { file: "mentors.csv", line: 3, text: "maybe" },
    Planted { file: "mentors.csv", line: 4, text: "Grade 8" },
    Planted { file: "mentors.csv", line: 5, text: "email" },
    Planted { file: "mentors.csv", line: 6, text: "avery.stone@example.org" },
];

/// Returns whether `line` contains `number` as a whole number.
fn mentions_number(line: &str, number: u32) -> bool {
    line.split(|c: char| !c.is_ascii_digit()).any(|token| token == number.to_string())
}

#[test]
fn every_problem_reported() {
    let (_temp, dir) = copy_fixture("invalid");
    let output = run(&dir, &["match", "."]);

    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    let messages = stderr(&output);
    let lines: Vec<&str> = messages.lines().collect();
    for line in &lines {
        assert!(line.starts_with("error: "), "unprefixed line {line:?} in:\n{messages}");
    }
    for planted in PLANTED {
        let found = lines.iter().any(|line| {
            line.contains(planted.file)
                && mentions_number(line, planted.line)
                && line.to_lowercase().contains(&planted.text.to_lowercase())
        });
        assert!(
            found,
            "no message about {} line {} ({}) in:\n{messages}",
            planted.file, planted.line, planted.text
        );
    }
}

#[test]
fn invalid_input_writes_nothing() {
    let (_temp, dir) = copy_fixture("invalid");
    let before: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();

    let output = run(&dir, &["match", ".", "--force"]);

    assert_eq!(output.status.code(), Some(1));
    assert!(!dir.join("output").exists(), "the output folder was created");
    let after: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(after.len(), before.len());
}

#[test]
fn missing_input_file_reported() {
    let temp = tempfile::tempdir().unwrap();
    let output = run(temp.path(), &["match", "."]);

    assert_eq!(output.status.code(), Some(1));
    let messages = stderr(&output);
    assert!(messages.starts_with("error: "), "{messages}");
    assert!(messages.contains("mentors.csv"), "{messages}");
    assert!(!temp.path().join("output").exists());
}

#[test]
fn invalid_exclusions_reported_with_roster() {
    let (temp, dir) = copy_fixture("invalid");
    let exclusions = temp.path().join("exclusions.csv");
    fs::write(&exclusions, "mentor email address\nonly-one-column@example.org\n").unwrap();

    let output = run(&dir, &["match", ".", "--exclude", exclusions.to_str().unwrap()]);

    assert_eq!(output.status.code(), Some(1));
    let messages = stderr(&output);
    assert!(messages.contains("exclusions.csv"), "{messages}");
    assert!(messages.contains("mentors.csv"), "{messages}");
}

#[test]
fn usage_errors_exit_2() {
    let dir = fixture("reference-small");
    let dir = dir.to_str().unwrap();
    let cases: [&[&str]; 5] = [
        &[],
        &["match"],
        &["match", dir, "--priority", "fastest"],
        &["match", "--mentors", "a.csv", "--mentees", "b.csv"],
        &["generate", "--mentors", "ten", "--mentees", "10", "somewhere"],
    ];
    let temp = tempfile::tempdir().unwrap();
    for args in cases {
        let output = run(temp.path(), args);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
    }
    assert_eq!(fs::read_dir(temp.path()).unwrap().count(), 0, "a usage error wrote files");
}

#[test]
fn help_documents_exit_status() {
    let temp = tempfile::tempdir().unwrap();
    for args in [&["--help"][..], &["match", "--help"], &["generate", "--help"]] {
        let output = run(temp.path(), args);
        assert_eq!(output.status.code(), Some(0));
        let help = stdout(&output);
        assert!(help.contains("Exit status:"), "{args:?}:\n{help}");
        assert!(help.contains("2  invalid command-line usage"), "{args:?}:\n{help}");
    }
}

#[test]
fn closed_stderr_keeps_exit_status() {
    let (_temp, dir) = copy_fixture("invalid");
    for args in [&["validate", "."][..], &["match", "."]] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mentor-match"))
            .args(args)
            .current_dir(&dir)
            .env_remove("RUST_LOG")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("failed to start mentor-match");
        // Closing the read end makes every write to stderr fail with a
        // broken pipe.
        drop(child.stderr.take());

        let status = child.wait().unwrap();

        assert_eq!(status.code(), Some(1), "{args:?}");
    }
}
