use std::fs;

use crate::support::{OUTPUT_FILES, copy_fixture, run, run_match, stderr};

/// Text planted in an existing output file.
const EARLIER_OUTPUT: &str = "output of an earlier run\n";

#[test]
fn existing_output_kept_without_force() {
    let (_temp, dir) = copy_fixture("reference-small");
    let out = dir.join("output");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("matches.csv"), EARLIER_OUTPUT).unwrap();

    let output = run(&dir, &["match", "."]);

    assert_eq!(output.status.code(), Some(1));
    let messages = stderr(&output);
    assert!(messages.starts_with("error: "), "{messages}");
    assert!(messages.contains("matches.csv"), "{messages}");
    assert!(messages.contains("--force"), "{messages}");
    assert_eq!(fs::read_to_string(out.join("matches.csv")).unwrap(), EARLIER_OUTPUT);
    for name in OUTPUT_FILES.iter().filter(|name| **name != "matches.csv") {
        assert!(!out.join(name).exists(), "{name} was written");
    }
}

#[test]
fn second_run_needs_force() {
    let (_temp, dir) = copy_fixture("reference-small");
    run_match(&dir, &[]);
    let first = fs::read(dir.join("output").join("summary.json")).unwrap();

    let output = run(&dir, &["match", "."]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(fs::read(dir.join("output").join("summary.json")).unwrap(), first);
}

#[test]
fn force_overwrites_output() {
    let (_temp, dir) = copy_fixture("reference-small");
    let out = dir.join("output");
    fs::create_dir(&out).unwrap();
    for name in OUTPUT_FILES {
        fs::write(out.join(name), EARLIER_OUTPUT).unwrap();
    }

    run_match(&dir, &["--force"]);

    for name in OUTPUT_FILES {
        let contents = fs::read_to_string(out.join(name)).unwrap();
        assert_ne!(contents, EARLIER_OUTPUT, "{name} was not overwritten");
    }
}

#[test]
fn force_never_replaces_exclusions_input() {
    let (_temp, dir) = copy_fixture("reference-small");
    run_match(&dir, &[]);
    let exclusions = dir.join("output").join("matches.csv");
    let before = fs::read(&exclusions).unwrap();

    let output = run(&dir, &["match", ".", "--exclude", "output/matches.csv", "--force"]);

    assert_eq!(output.status.code(), Some(1));
    let messages = stderr(&output);
    assert_eq!(messages.lines().count(), 1, "{messages}");
    assert!(messages.starts_with("error: "), "{messages}");
    assert!(messages.contains("matches.csv"), "{messages}");
    assert!(messages.contains("--exclude"), "{messages}");
    assert_eq!(fs::read(&exclusions).unwrap(), before);
}

#[test]
fn force_never_replaces_participants_input() {
    let (_temp, dir) = copy_fixture("reference-small");
    fs::rename(dir.join("mentees.csv"), dir.join("mentees-list.csv")).unwrap();
    let before = fs::read(dir.join("mentees-list.csv")).unwrap();

    // The output folder is named through `..` so that only resolved paths
    // match.
    let output = run(
        &dir,
        &[
            "match",
            "--mentors",
            "mentors.csv",
            "--mentees",
            "mentees-list.csv",
            "--out",
            "../reference-small",
            "--force",
        ],
    );

    assert_eq!(output.status.code(), Some(1));
    let messages = stderr(&output);
    assert!(messages.contains("mentees-list.csv"), "{messages}");
    assert!(messages.contains("--mentees"), "{messages}");
    assert_eq!(fs::read(dir.join("mentees-list.csv")).unwrap(), before);
    assert!(!dir.join("matches.csv").exists(), "matches.csv was written");
}
