//! Reads arbitrary bytes as a mentors CSV file, beside a valid mentees file,
//! and as an exclusions file. Reading must return a roster or problems,
//! never panic, and every problem must print on one line.

#![no_main]

use std::fs;
use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use mentor_match_io::{check_roster, read_exclusions};
use mentor_match_model::RuleConfig;

const MENTEES: &str = "first name,last name,email address,both mentor and mentee,job title,grade,\
organisation,profession,identity to match,match with similar identity,biography\n\
Alan,Turing,alan@example.org,no,Officer,HEO,Department B,Policy,,no,Hello\n";

/// A folder that lives as long as the fuzzing process, with the fixed
/// mentees file in it.
fn folder() -> &'static (tempfile::TempDir, PathBuf) {
    static FOLDER: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    FOLDER.get_or_init(|| {
        let dir = tempfile::tempdir().expect("create a temporary folder");
        let mentees = dir.path().join("mentees.csv");
        fs::write(&mentees, MENTEES).expect("write the mentees file");
        (dir, mentees)
    })
}

fuzz_target!(|data: &[u8]| {
    let (dir, mentees) = folder();
    let mentors = dir.path().join("mentors.csv");
    fs::write(&mentors, data).expect("write the mentors file");

    let check = check_roster(&mentors, mentees, &RuleConfig::default());
    assert_eq!(check.roster.is_none(), check.has_errors());
    for problem in &check.problems {
        assert!(!problem.to_string().contains(['\n', '\r']), "{problem}");
    }

    if let Err(errors) = read_exclusions(&mentors) {
        assert!(errors.errors().next().is_some());
    }
});
