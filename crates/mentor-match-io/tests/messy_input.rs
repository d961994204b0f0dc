//! Regression tests for messy exports: one committed file under
//! `tests/fixtures/messy` per encoding, dialect or value problem, each read
//! as the mentors file beside a valid mentees file.

mod common;

use std::path::PathBuf;

use common::{fixture, problem, unknown_grade};
use mentor_match_io::{InputProblem, ProblemKind, RosterCheck, Severity, check_roster};
use mentor_match_model::{Participant, Roster, RuleConfig};

fn messy(name: &str) -> PathBuf {
    fixture(&format!("messy/{name}"))
}

/// Checks `messy/NAME` as the mentors file beside `messy/mentees.csv`.
fn check(name: &str) -> RosterCheck {
    check_roster(&messy(name), &messy("mentees.csv"), &RuleConfig::default())
}

/// Checks `messy/NAME` and returns the roster, failing on any problem.
fn read_clean(name: &str) -> Roster {
    let check = check(name);
    assert_eq!(check.problems, Vec::<InputProblem>::new(), "{name}");
    check.roster.expect("a file without problems gives a roster")
}

fn mentor_names(roster: &Roster) -> Vec<&str> {
    roster.mentors().iter().map(|mentor| mentor.first_name.as_str()).collect()
}

fn lines(check: &RosterCheck) -> Vec<String> {
    check.problems.iter().map(ToString::to_string).collect()
}

// Encodings and dialects.

#[test]
fn utf8_bom_dropped() {
    let roster = read_clean("utf8-bom.csv");
    assert_eq!(mentor_names(&roster), ["Zoë"]);
    assert_eq!(roster.mentors()[0].email, "zoe@example.org");
}

#[test]
fn utf16_little_endian_decoded() {
    let roster = read_clean("utf16le-bom.csv");
    assert_eq!(mentor_names(&roster), ["Zoë"]);
    assert_eq!(roster.mentors()[0].biography, "Hello");
}

#[test]
fn utf16_big_endian_decoded() {
    let roster = read_clean("utf16be-bom.csv");
    assert_eq!(mentor_names(&roster), ["Zoë"]);
    assert_eq!(roster.mentors()[0].grade, "Grade 7");
}

#[test]
fn windows_1252_decoded_with_warning() {
    let path = messy("windows-1252.csv");
    let check = check("windows-1252.csv");

    assert_eq!(
        check.problems,
        vec![problem(&path, None, None, None, ProblemKind::Windows1252Decoded)]
    );
    assert_eq!(check.problems[0].severity(), Severity::Warning);
    assert_eq!(
        lines(&check),
        [format!(
            "{}: the file is not valid UTF-8, so it was read as Windows-1252 (Excel's \"CSV\" \
             on Western systems). Check that accented letters look right in the results, \
             or save the file as \"CSV UTF-8\" to remove this warning",
            path.display()
        )]
    );
    let roster = check.roster.expect("a warning keeps the roster");
    assert_eq!(mentor_names(&roster), ["André"]);
    assert_eq!(roster.mentors()[0].biography, "\u{201c}Café\u{201d} €5");
}

#[test]
fn damaged_utf8_reported_per_cell() {
    // Valid UTF-8 ("Zoë") with one Windows-1252 byte pasted in: decoding the
    // whole file as Windows-1252 would garble the valid letters.
    let path = messy("damaged-utf8.csv");
    let check = check("damaged-utf8.csv");

    assert_eq!(
        check.problems,
        vec![problem(
            &path,
            Some(3),
            Some("biography"),
            Some("Caf\u{fffd} owner"),
            ProblemKind::InvalidUtf8
        )]
    );
    assert_eq!(
        lines(&check),
        [format!(
            "{}:3: column \"biography\", value \"Caf\u{fffd} owner\": the text is not valid \
             UTF-8. Save the file as \"CSV UTF-8\" and try again",
            path.display()
        )]
    );
}

#[test]
fn semicolon_delimiter_detected() {
    let roster = read_clean("semicolon.csv");
    let ada = &roster.mentors()[0];
    assert_eq!(ada.characteristics, ["Gay", "Bi"]);
    assert_eq!(ada.biography, "Costs 1,50");
}

#[test]
fn tab_delimiter_detected() {
    let roster = read_clean("tab.csv");
    let ada = &roster.mentors()[0];
    assert_eq!(ada.characteristics, ["Gay", "Bi"]);
    assert_eq!(ada.biography, "Hello, world");
}

#[test]
fn crlf_line_endings_read() {
    let roster = read_clean("crlf.csv");
    assert_eq!(mentor_names(&roster), ["Ada", "Bo"]);
    assert_eq!(roster.mentors()[1].biography, "Hello");
}

#[test]
fn quoted_newlines_and_commas_kept() {
    let roster = read_clean("quoted.csv");
    let ada = &roster.mentors()[0];
    assert_eq!(ada.job_title, "Lead, analysis");
    assert_eq!(ada.characteristics, ["Gay", "Bi"]);
    assert_eq!(ada.biography, "Line one,\nline two \"quoted\"");
    assert_eq!(roster.mentors()[1].first_name, "Bo");
}

#[test]
fn trailing_blank_rows_and_columns_ignored() {
    let roster = read_clean("trailing.csv");
    assert_eq!(mentor_names(&roster), ["Ada", "Bo"]);
    assert_eq!(roster.mentors()[0].extra, Vec::<(String, String)>::new());
}

#[test]
fn unnamed_column_with_values_warned() {
    let path = messy("unnamed-column.csv");
    let check = check("unnamed-column.csv");

    assert_eq!(
        check.problems,
        vec![problem(
            &path,
            Some(1),
            None,
            None,
            ProblemKind::UnnamedColumnIgnored { position: 12, last_position: 12, filled_cells: 1 },
        )]
    );
    assert_eq!(check.problems[0].severity(), Severity::Warning);
    assert_eq!(
        lines(&check),
        [format!(
            "{}:1: column 12 has no heading, so the values in its 1 filled cell are ignored. \
             Give the column a heading to keep them, or clear them",
            path.display()
        )]
    );
    let roster = check.roster.expect("a warning keeps the roster");
    assert_eq!(roster.mentors()[0].extra, Vec::<(String, String)>::new());
}

// Values.

#[test]
fn headings_trimmed_and_case_insensitive() {
    let roster = read_clean("headings.csv");
    let ada = &roster.mentors()[0];
    assert_eq!(ada.email, "ada@example.org");
    assert_eq!(ada.last_name, "Person");
    assert_eq!(ada.grade, "Grade 7");
}

#[test]
fn duplicate_heading_names_both_columns() {
    let path = messy("duplicate-heading.csv");
    let check = check("duplicate-heading.csv");

    assert!(check.roster.is_none());
    assert_eq!(
        check.problems,
        vec![problem(
            &path,
            Some(1),
            Some("Grade"),
            None,
            ProblemKind::DuplicateColumn { first_heading: "grade".into(), first_column: 6 },
        )]
    );
    assert_eq!(
        lines(&check),
        [format!(
            "{}:1: column \"Grade\": the column appears twice (also column 6, headed \"grade\"). \
             Rename or remove one of the two",
            path.display()
        )]
    );
}

#[test]
fn grades_trimmed_case_insensitive_or_suggested() {
    let path = messy("grades.csv");
    let check = check("grades.csv");

    assert_eq!(
        check.problems,
        vec![
            problem(&path, Some(4), Some("grade"), Some("Grade7"), unknown_grade(Some("Grade 7"))),
            problem(&path, Some(5), Some("grade"), Some("HE0"), unknown_grade(Some("HEO"))),
        ]
    );
    assert_eq!(
        lines(&check)[1],
        format!(
            "{}:5: column \"grade\", value \"HE0\": grade not on the grade ladder. \
             Did you mean \"HEO\"? The grades are AA, AO, EO, HEO, SEO, Grade 7, Grade 6, \
             SCS1, SCS2, SCS3, SCS4",
            path.display()
        )
    );
}

#[test]
fn trimmed_grades_accepted() {
    // Rows 2 and 3 of the same file spell ladder grades with stray spaces
    // and another case, and get no problem.
    let check = check("grades.csv");
    let reported: Vec<u64> = check.problems.iter().filter_map(|problem| problem.line).collect();
    assert!(!reported.contains(&2), "{:?}", lines(&check));
    assert!(!reported.contains(&3), "{:?}", lines(&check));
}

#[test]
fn list_values_split_trimmed() {
    let roster = read_clean("lists.csv");
    assert_eq!(roster.mentors()[0].characteristics, ["Gay", "Bi", "Trans"]);
}

#[test]
fn duplicate_email_names_both_lines() {
    let path = messy("duplicate-email.csv");
    let check = check("duplicate-email.csv");

    assert!(check.roster.is_none());
    assert_eq!(
        lines(&check),
        [format!(
            "{}:4: column \"email address\", value \"ADA@Example.org\": email address already \
             used on line 2. Each person must appear only once per file",
            path.display()
        )]
    );
}

#[test]
fn role_flag_mismatch_warned() {
    let mentors = messy("role-flags.csv");
    let mentees = messy("mentees.csv");
    let check = check("role-flags.csv");

    let flag = |file: &PathBuf, line, value: &str, kind| InputProblem {
        file: file.clone(),
        sheet: None,
        line: Some(line),
        column: Some("both mentor and mentee".into()),
        value: Some(value.into()),
        kind,
    };
    assert_eq!(
        check.problems,
        vec![
            flag(
                &mentors,
                2,
                "yes",
                ProblemKind::RoleFlagMismatch {
                    says_both: true,
                    other_file: mentees.clone(),
                    other_sheet: None,
                    other_line: None,
                },
            ),
            flag(
                &mentors,
                3,
                "no",
                ProblemKind::RoleFlagMismatch {
                    says_both: false,
                    other_file: mentees.clone(),
                    other_sheet: None,
                    other_line: Some(2),
                },
            ),
            flag(
                &mentees,
                2,
                "no",
                ProblemKind::RoleFlagMismatch {
                    says_both: false,
                    other_file: mentors.clone(),
                    other_sheet: None,
                    other_line: Some(3),
                },
            ),
        ]
    );
    assert!(check.problems.iter().all(|problem| problem.severity() == Severity::Warning));
    assert_eq!(
        lines(&check)[0],
        format!(
            "{}:2: column \"both mentor and mentee\", value \"yes\": \"both mentor and mentee\" \
             is yes, but the email address is not in {}, so the person is matched on this side \
             only. Add the person to that file, or change the value to no",
            mentors.display(),
            mentees.display()
        )
    );
    let roster = check.roster.expect("warnings keep the roster");
    assert_eq!(roster.mentors().len(), 3);
}

#[test]
fn invalid_role_flag_not_warned_again() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(messy("role-flags.csv")).unwrap();
    let mentors = common::write_file(dir.path(), "mentors.csv", text.replace(",no,", ",maybe,"));
    let check = check_roster(&mentors, &messy("mentees.csv"), &RuleConfig::default());

    // Mona's and Mo's rows get one error each and Ada's row its warning.
    // Mona's row in the mentees file still gets its warning.
    let kinds: Vec<(u64, &str)> =
        check.problems.iter().map(|problem| (problem.line.unwrap(), problem.kind.code())).collect();
    assert_eq!(
        kinds,
        [
            (2, "role_flag_mismatch"),
            (3, "invalid_yes_no"),
            (4, "invalid_yes_no"),
            (2, "role_flag_mismatch")
        ]
    );
}

#[test]
fn email_without_at_rejected() {
    let path = messy("email-without-at.csv");
    let check = check("email-without-at.csv");
    assert_eq!(
        lines(&check),
        [format!(
            "{}:2: column \"email address\", value \"ada.example.org\": invalid email address: \
             it has no \"@\". Correct the address",
            path.display()
        )]
    );
    assert!(check.has_errors());
}

#[test]
fn header_only_file_rejected() {
    let path = messy("header-only.csv");
    let check = check("header-only.csv");
    assert_eq!(check.problems, vec![problem(&path, None, None, None, ProblemKind::NoDataRows)]);
    assert_eq!(
        lines(&check),
        [format!(
            "{}: the file has a heading row but no data rows. Add one row per participant",
            path.display()
        )]
    );
    assert!(check.roster.is_none());
}

#[test]
fn empty_file_rejected() {
    let path = messy("empty.csv");
    let check = check("empty.csv");
    assert_eq!(check.problems, vec![problem(&path, None, None, None, ProblemKind::EmptyFile)]);
    assert!(check.roster.is_none());
}

#[test]
fn similar_identity_value_never_echoed() {
    let dir = tempfile::tempdir().unwrap();
    let mentees = common::write_file(
        dir.path(),
        "mentees.csv",
        format!("{}\n{}\n", common::MENTEE_HEADINGS, common::mentee_row("e@example.org"))
            .replace(",no,Bio", ",Qzx-secret-answer,Bio"),
    );
    let check = check_roster(&messy("crlf.csv"), &mentees, &RuleConfig::default());

    assert_eq!(check.problems.len(), 1, "{:?}", lines(&check));
    assert_eq!(check.problems[0].kind, ProblemKind::InvalidYesNo);
    assert_eq!(check.problems[0].value, None);
    assert!(!lines(&check)[0].contains("Qzx"), "{}", lines(&check)[0]);
}

#[test]
fn participants_keep_their_fields() {
    // Guards the fixtures: a clean file reads into complete participants.
    let roster = read_clean("crlf.csv");
    let expected = Participant::new("Ada", "Person", "ada@example.org")
        .with_grade("Grade 7")
        .with_organisation("Department A")
        .with_profession("Policy")
        .with_biography("Hello");
    let mut expected = expected;
    expected.job_title = "Lead".into();
    assert_eq!(roster.mentors()[0], expected);
}
