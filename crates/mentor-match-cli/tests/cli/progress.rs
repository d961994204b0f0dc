use std::io::Write;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::support::{assert_success, copy_fixture, run_match, stderr};

/// Log messages of the phases of `match`, in order.
const MATCH_PHASES: [&str; 4] = ["read input files", "scored pairs", "solved", "wrote outputs"];

/// How long the slow run below keeps its input open. It must exceed the
/// one-second delay before the spinner is drawn.
const SLOW_INPUT: Duration = Duration::from_millis(1500);

/// Fails when `text` contains terminal control output: escape sequences,
/// carriage returns, or the Braille characters of indicatif's spinner.
fn assert_no_terminal_output(text: &str) {
    assert!(!text.contains('\x1b'), "escape sequence in:\n{text:?}");
    assert!(!text.contains('\r'), "carriage return in:\n{text:?}");
    let spinner_frame = text.chars().find(|c| ('\u{2800}'..='\u{28ff}').contains(c));
    assert_eq!(spinner_frame, None, "spinner frame in:\n{text:?}");
}

#[test]
fn verbose_logs_each_phase() {
    let (_temp, dir) = copy_fixture("reference-small");
    let logs = stderr(&run_match(&dir, &["-v"]));

    let mut previous_position = 0;
    for phase in MATCH_PHASES {
        let line = logs
            .lines()
            .find(|line| line.contains(&format!("INFO {phase} ")))
            .unwrap_or_else(|| panic!("no info line for {phase:?} in:\n{logs}"));
        assert!(line.contains("elapsed_ms="), "{line:?} has no duration");
        let position = logs.find(line).unwrap();
        assert!(position >= previous_position, "{phase:?} logged out of order in:\n{logs}");
        previous_position = position;
    }
}

#[test]
fn default_logs_nothing() {
    // The `distinct` fixture has no input warnings, which would be printed
    // without -v.
    let (_temp, dir) = copy_fixture("distinct");
    let output = run_match(&dir, &[]);

    assert_eq!(stderr(&output), "");
}

#[cfg(unix)]
#[test]
fn piped_stderr_has_no_spinner() {
    // Mentors are read from stdin, which the test keeps open past the
    // spinner's delay, so a spinner drawn on a pipe would show up here
    // however fast the matching itself is.
    let (_temp, dir) = copy_fixture("reference-small");
    let mentors = std::fs::read(dir.join("mentors.csv")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_mentor-match"))
        .args(["match", "-v", "--mentors", "/dev/stdin", "--mentees", "mentees.csv"])
        .args(["--out", "output"])
        .current_dir(&dir)
        .env_remove("RUST_LOG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("failed to start mentor-match");

    let started = Instant::now();
    let mut stdin = child.stdin.take().unwrap();
    let writer = thread::spawn(move || {
        thread::sleep(SLOW_INPUT);
        stdin.write_all(&mentors).unwrap();
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();

    assert_success(&output);
    assert!(started.elapsed() >= SLOW_INPUT);
    assert!(stderr(&output).contains("read input files"), "{}", stderr(&output));
    assert_no_terminal_output(&stderr(&output));
    assert_no_terminal_output(&String::from_utf8_lossy(&output.stdout));
}
