//! Property tests: no input file makes a reader panic, and every problem
//! message stays on one line.

mod common;

use std::path::Path;

use common::{MENTEE_HEADINGS, MENTOR_HEADINGS, fixture, valid_mentees, write_file};
use mentor_match_io::synthetic::{SyntheticSpec, generate};
use mentor_match_io::{InputErrors, check_roster, read_exclusions, read_roster, write_roster};
use mentor_match_model::{Participant, RuleConfig};
use proptest::prelude::*;

/// Checks the contract of an `Err`: at least one problem, one line each.
fn check_errors(errors: &InputErrors) -> Result<(), TestCaseError> {
    prop_assert!(!errors.problems.is_empty());
    for problem in &errors.problems {
        let line = problem.to_string();
        prop_assert!(!line.contains('\n'), "multi-line message {line:?}");
        prop_assert!(!line.contains('\r'), "carriage return in message {line:?}");
    }
    prop_assert_eq!(errors.to_string().lines().count(), errors.problems.len());
    Ok(())
}

fn read_mentors_file(dir: &Path, bytes: &[u8]) -> Result<(), TestCaseError> {
    let mentors = write_file(dir, "mentors.csv", bytes);
    let mentees = valid_mentees(dir);
    if let Err(errors) = read_roster(&mentors, &mentees, &RuleConfig::default()) {
        check_errors(&errors)?;
    }
    Ok(())
}

/// Reads `bytes` as a workbook with both sheets, and checks that the result
/// is a roster or problems, each on one line.
fn read_workbook(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    let path = write_file(dir, name, bytes);
    let check = check_roster(&path, &path, &RuleConfig::default());
    prop_assert_eq!(check.roster.is_none(), check.has_errors());
    if let Err(errors) = read_roster(&path, &path, &RuleConfig::default()) {
        check_errors(&errors)?;
    }
    Ok(())
}

/// Cell-like text with the characters that matter to the CSV parser and
/// the value checks.
fn messy_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-zA-Z0-9@ ,;\"\n\r\t.\u{feff}é\u{a0}-]{0,400}").unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2_000)) {
        let dir = tempfile::tempdir().unwrap();
        read_mentors_file(dir.path(), &bytes)?;
    }

    #[test]
    fn arbitrary_rows_never_panic(rows in messy_text()) {
        let dir = tempfile::tempdir().unwrap();
        read_mentors_file(dir.path(), format!("{MENTOR_HEADINGS}\n{rows}").as_bytes())?;

        let mentees = write_file(dir.path(), "mentees.csv", format!("{MENTEE_HEADINGS}\n{rows}"));
        let mentors = write_file(dir.path(), "mentors.csv", format!("{MENTOR_HEADINGS}\n{rows}"));
        if let Err(errors) = read_roster(&mentors, &mentees, &RuleConfig::default()) {
            check_errors(&errors)?;
        }
    }

    #[test]
    fn arbitrary_workbook_bytes_never_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..2_000),
        ods in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        read_workbook(dir.path(), if ods { "book.ods" } else { "book.xlsx" }, &bytes)?;
    }

    #[test]
    fn damaged_workbooks_never_panic(
        edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8),
        cut in any::<usize>(),
        ods in any::<bool>(),
    ) {
        // Damages a valid workbook: overwritten bytes, then a truncation.
        let name = if ods { "programme.ods" } else { "programme.xlsx" };
        let mut bytes = std::fs::read(fixture(&format!("spreadsheets/{name}"))).unwrap();
        for (position, value) in edits {
            let index = position % bytes.len();
            bytes[index] = value;
        }
        bytes.truncate(bytes.len() - cut % (bytes.len() / 4));
        let dir = tempfile::tempdir().unwrap();
        read_workbook(dir.path(), name, &bytes)?;
    }

    #[test]
    fn arbitrary_exclusions_never_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..1_000),
        rows in messy_text(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = write_file(dir.path(), "exclusions.csv", &bytes);
        if let Err(errors) = read_exclusions(&path) {
            check_errors(&errors)?;
        }
        let path = write_file(dir.path(), "exclusions.csv", format!("mentor,mentee\n{rows}"));
        if let Err(errors) = read_exclusions(&path) {
            check_errors(&errors)?;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn synthetic_rosters_round_trip(
        seed in any::<u64>(),
        mentors in 1usize..40,
        mentees in 1usize..40,
    ) {
        let roster = generate(&SyntheticSpec { mentors, mentees, seed });
        let dir = tempfile::tempdir().unwrap();
        write_roster(dir.path(), &roster, false).unwrap();
        let read_back = read_roster(
            &dir.path().join("mentors.csv"),
            &dir.path().join("mentees.csv"),
            &RuleConfig::default(),
        )
        .unwrap();

        let sorted = |side: &[Participant]| {
            let mut side = side.to_vec();
            side.sort_by_key(Participant::id);
            side
        };
        prop_assert_eq!(sorted(read_back.mentors()), sorted(roster.mentors()));
        prop_assert_eq!(sorted(read_back.mentees()), sorted(roster.mentees()));
    }
}
