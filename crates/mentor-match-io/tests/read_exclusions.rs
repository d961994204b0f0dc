//! Reading the exclusions file.

mod common;

use common::{fixture, problem, write_file};
use mentor_match_io::{ProblemKind, check_exclusions, read_exclusions};
use mentor_match_model::ParticipantId;

fn id(email: &str) -> ParticipantId {
    ParticipantId::from_email(email)
}

#[test]
fn fixture_pairs_read_by_heading() {
    let exclusions = read_exclusions(&fixture("exclusions.csv")).unwrap();
    assert_eq!(exclusions.len(), 2);
    assert!(exclusions.contains(&id("ada@example.org"), &id("alan@example.org")));
    assert!(exclusions.contains(&id("grace@example.org"), &id("joan@example.org")));
    assert!(!exclusions.contains(&id("alan@example.org"), &id("ada@example.org")));
}

#[test]
fn headings_found_in_any_column_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(
        dir.path(),
        "exclusions.csv",
        "note,MENTEE,Mentor\nfirst round,e@example.org,m@example.org\n",
    );
    let exclusions = read_exclusions(&path).unwrap();
    assert_eq!(exclusions.len(), 1);
    assert!(exclusions.contains(&id("m@example.org"), &id("e@example.org")));
}

#[test]
fn unrecognised_headings_use_first_two_columns() {
    let dir = tempfile::tempdir().unwrap();
    let path =
        write_file(dir.path(), "exclusions.csv", "from,to,why\nm@example.org,e@example.org,x\n");
    let exclusions = read_exclusions(&path).unwrap();
    assert_eq!(exclusions.len(), 1);
    assert!(exclusions.contains(&id("m@example.org"), &id("e@example.org")));
}

#[test]
fn headingless_file_keeps_first_pair() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(
        dir.path(),
        "exclusions.csv",
        "m1@example.org,e1@example.org\nm2@example.org,e2@example.org\n",
    );
    let exclusions = read_exclusions(&path).unwrap();
    assert_eq!(exclusions.len(), 2);
    assert!(exclusions.contains(&id("m1@example.org"), &id("e1@example.org")));
    assert!(exclusions.contains(&id("m2@example.org"), &id("e2@example.org")));
}

#[test]
fn heading_only_file_is_empty_set() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), "exclusions.csv", "mentor,mentee\n");
    assert!(read_exclusions(&path).unwrap().is_empty());
}

#[test]
fn row_problems_reported_with_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(
        dir.path(),
        "exclusions.csv",
        "mentor email address,mentee email address,note\n\
         m@example.org,,x\n\
         \n\
         m-at-example.org,e@example.org,y\n\
         m@example.org\n",
    );
    let errors = read_exclusions(&path).unwrap_err();
    assert_eq!(
        errors.problems,
        vec![
            problem(
                &path,
                Some(2),
                Some("mentee email address"),
                Some(""),
                ProblemKind::EmptyRequiredField
            ),
            problem(
                &path,
                Some(4),
                Some("mentor email address"),
                Some("m-at-example.org"),
                ProblemKind::MissingAt
            ),
            problem(
                &path,
                Some(5),
                None,
                None,
                ProblemKind::WrongFieldCount { expected: 3, found: 1 }
            ),
        ]
    );
}

#[test]
fn one_recognised_heading_is_missing_column() {
    let dir = tempfile::tempdir().unwrap();
    let path =
        write_file(dir.path(), "exclusions.csv", "mentor,person\nm@example.org,e@example.org\n");
    let errors = read_exclusions(&path).unwrap_err();
    assert_eq!(
        errors.problems,
        vec![problem(
            &path,
            Some(1),
            Some("mentee email address"),
            None,
            ProblemKind::MissingColumn {
                accepted: vec![
                    "mentee email address".into(),
                    "mentee email".into(),
                    "mentee".into()
                ]
            }
        )]
    );
}

#[test]
fn single_column_file_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), "exclusions.csv", "emails\nm@example.org\n");
    let errors = read_exclusions(&path).unwrap_err();
    assert_eq!(errors.problems.len(), 1);
    assert!(matches!(errors.problems[0].kind, ProblemKind::MissingColumn { .. }), "{errors}");
}

#[test]
fn empty_files_are_empty_set() {
    let dir = tempfile::tempdir().unwrap();
    for (name, contents) in
        [("empty.csv", ""), ("blank-lines.csv", "\n\r\n\n"), ("blank-row.csv", ",,\n")]
    {
        let path = write_file(dir.path(), name, contents);
        let exclusions = read_exclusions(&path).unwrap_or_else(|errors| panic!("{name}: {errors}"));
        assert!(exclusions.is_empty(), "{name}");
    }
}

#[test]
fn heading_only_file_still_needs_two_columns() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), "exclusions.csv", "emails\n");
    let errors = read_exclusions(&path).unwrap_err();
    assert_eq!(errors.problems.len(), 1);
    assert!(matches!(errors.problems[0].kind, ProblemKind::MissingColumn { .. }), "{errors}");
}

#[test]
fn missing_file_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.csv");
    let errors = read_exclusions(&missing).unwrap_err();
    assert_eq!(errors.problems.len(), 1);
    assert!(matches!(errors.problems[0].kind, ProblemKind::Io { .. }), "{errors}");
}

#[test]
fn utf16_exclusions_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "mentor,mentee\r\nm@example.org,e@example.org\r\n".encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let path = write_file(dir.path(), "exclusions.csv", bytes);
    let exclusions = read_exclusions(&path).unwrap();
    assert_eq!(exclusions.len(), 1);
    assert!(exclusions.contains(
        &ParticipantId::from_email("m@example.org"),
        &ParticipantId::from_email("e@example.org")
    ));
}

#[test]
fn windows_1252_exclusions_warned() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(
        dir.path(),
        "exclusions.csv",
        b"mentor,mentee\nzo\xeb@example.org,e@example.org\n",
    );

    let check = check_exclusions(&path);
    assert_eq!(
        check.problems,
        vec![problem(&path, None, None, None, ProblemKind::Windows1252Decoded)]
    );
    let exclusions = check.exclusions.expect("a warning keeps the pairs");
    assert!(exclusions.contains(
        &ParticipantId::from_email("zo\u{eb}@example.org"),
        &ParticipantId::from_email("e@example.org")
    ));
    assert_eq!(read_exclusions(&path).unwrap().len(), 1);
}
