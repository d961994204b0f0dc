use std::fs;

use crate::support::{
    OUTPUT_FILES, Table, assert_success, read_summary, run, run_match, stderr, stdout,
    summary_count,
};

/// Runs `generate` into `<cwd>/<dir>` and asserts that it succeeds.
fn generate(cwd: &std::path::Path, dir: &str, seed: &str, extra_args: &[&str]) {
    let mut args = vec!["generate", "--mentors", "40", "--mentees", "60", "--seed", seed, dir];
    args.extend_from_slice(extra_args);
    let output = run(cwd, &args);
    assert_success(&output);
}

#[test]
fn generate_writes_both_files() {
    let temp = tempfile::tempdir().unwrap();
    let output = run(
        temp.path(),
        &["generate", "--mentors", "40", "--mentees", "60", "--seed", "7", "data"],
    );
    assert_success(&output);

    let mentors = Table::read(&temp.path().join("data").join("mentors.csv"));
    let mentees = Table::read(&temp.path().join("data").join("mentees.csv"));
    assert_eq!(mentors.rows.len(), 40);
    assert_eq!(mentees.rows.len(), 60);
    assert!(stdout(&output).contains("40 mentors"), "{}", stdout(&output));
}

#[test]
fn generate_then_match() {
    let temp = tempfile::tempdir().unwrap();
    generate(temp.path(), "data", "7", &[]);

    let dir = temp.path().join("data");
    run_match(&dir, &[]);

    for name in OUTPUT_FILES {
        assert!(dir.join("output").join(name).is_file(), "{name} is missing");
    }
    let summary = read_summary(&dir.join("output"));
    assert_eq!(summary_count(&summary, "mentors"), 40);
    assert_eq!(summary_count(&summary, "mentees"), 60);
    assert!(summary_count(&summary, "pairs") > 0, "no pairs: {summary}");
}

#[test]
fn same_seed_same_files() {
    let temp = tempfile::tempdir().unwrap();
    generate(temp.path(), "first", "7", &[]);
    generate(temp.path(), "second", "7", &[]);
    generate(temp.path(), "other", "8", &[]);

    for name in ["mentors.csv", "mentees.csv"] {
        let first = fs::read(temp.path().join("first").join(name)).unwrap();
        let second = fs::read(temp.path().join("second").join(name)).unwrap();
        let other = fs::read(temp.path().join("other").join(name)).unwrap();
        assert_eq!(first, second, "{name} differs for the same seed");
        assert_ne!(first, other, "{name} is the same for seeds 7 and 8");
    }
}

#[test]
fn generate_keeps_files_without_force() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("data");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("mentors.csv"), "hand-edited\n").unwrap();

    let output = run(temp.path(), &["generate", "--mentors", "5", "--mentees", "5", "data"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).starts_with("error: "), "{}", stderr(&output));
    assert!(stderr(&output).contains("pass --force to overwrite"), "{}", stderr(&output));
    assert_eq!(fs::read_to_string(dir.join("mentors.csv")).unwrap(), "hand-edited\n");

    generate(temp.path(), "data", "1", &["--force"]);
    assert_ne!(fs::read_to_string(dir.join("mentors.csv")).unwrap(), "hand-edited\n");
}

#[test]
fn synthetic_example_up_to_date() {
    let temp = tempfile::tempdir().unwrap();
    let output = run(
        temp.path(),
        &["generate", "--mentors", "500", "--mentees", "500", "--seed", "1", "data"],
    );
    assert_success(&output);

    let example =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/synthetic-500");
    for name in ["mentors.csv", "mentees.csv"] {
        let generated = fs::read(temp.path().join("data").join(name)).unwrap();
        let committed = fs::read(example.join(name)).unwrap();
        assert!(
            generated == committed,
            "examples/synthetic-500/{name} differs from the generator's output; regenerate it \
             with the command in examples/README.md"
        );
    }
}
