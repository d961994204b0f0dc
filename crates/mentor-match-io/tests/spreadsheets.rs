//! Reading `.xlsx` and `.ods` workbooks: one workbook with a sheet per
//! side, one single-sheet file per side, and problems located by sheet and
//! row. The fixtures are made by `tests/fixtures/spreadsheets/make_fixtures.py`.

mod common;

use std::path::PathBuf;

use common::{fixture, unknown_grade};
use mentor_match_io::{InputProblem, ProblemKind, check_roster, read_roster};
use mentor_match_model::{Roster, RuleConfig};

fn spreadsheet(name: &str) -> PathBuf {
    fixture(&format!("spreadsheets/{name}"))
}

fn check_programme(roster: &Roster) {
    let emails: Vec<&str> = roster.mentors().iter().map(|m| m.email.as_str()).collect();
    assert_eq!(emails, ["ada@example.org", "grace@example.org"]);
    let ada = &roster.mentors()[0];
    assert_eq!(ada.grade, "grade 6");
    assert_eq!(ada.characteristics, ["Zephyrine-Alpha", "Quokka-Beta"]);
    assert!(roster.mentors()[1].both_roles);

    let alan = &roster.mentees()[0];
    assert_eq!(alan.first_name, "Alan");
    assert!(alan.wants_similar_identity);
    assert_eq!(alan.max_matches, Some(2));
    assert_eq!(roster.mentees()[1].max_matches, None);
    assert_eq!(roster.mentees()[1].id(), roster.mentors()[1].id());
}

#[test]
fn xlsx_workbook_with_both_sheets() {
    let workbook = spreadsheet("programme.xlsx");
    let check = check_roster(&workbook, &workbook, &RuleConfig::default());
    assert_eq!(check.problems, Vec::<InputProblem>::new());
    check_programme(&check.roster.expect("the workbook is valid"));
}

#[test]
fn ods_workbook_with_both_sheets() {
    let workbook = spreadsheet("programme.ods");
    let roster = read_roster(&workbook, &workbook, &RuleConfig::default()).unwrap();
    check_programme(&roster);
}

#[test]
fn single_sheet_files_per_side() {
    let roster = read_roster(
        &spreadsheet("mentors-only.xlsx"),
        &spreadsheet("mentees-only.ods"),
        &RuleConfig::default(),
    )
    .unwrap();
    check_programme(&roster);
}

#[test]
fn problems_located_by_sheet_and_row() {
    let workbook = spreadsheet("problems.xlsx");
    let errors = read_roster(&workbook, &workbook, &RuleConfig::default()).unwrap_err();

    let cell = |row, column: &str, value: &str, kind| InputProblem {
        file: workbook.clone(),
        sheet: Some(
            if row == 3 && column.starts_with("both") { "mentors" } else { "mentees" }.into(),
        ),
        line: Some(row),
        column: Some(column.into()),
        value: Some(value.into()),
        kind,
    };
    assert_eq!(
        errors.problems,
        vec![
            // Grace is a mentor marked as a mentee too, but the
            // mentees sheet does not list her.
            cell(
                3,
                "both mentor and mentee",
                "yes",
                ProblemKind::RoleFlagMismatch {
                    says_both: true,
                    other_file: workbook.clone(),
                    other_sheet: Some("mentees".into()),
                    other_line: None,
                },
            ),
            cell(2, "email", "alan.example.org", ProblemKind::MissingAt),
            cell(2, "grade", "Grade 8", unknown_grade(None)),
            cell(3, "organisation", "", ProblemKind::EmptyRequiredField),
        ]
    );
    assert_eq!(
        errors.problems[0].to_string(),
        format!(
            "{0}, sheet \"mentors\", row 3: column \"both mentor and mentee\", value \"yes\": \
             \"both mentor and mentee\" is yes, but the email address is not in {0}, sheet \
             \"mentees\", so the person is matched on this side only. Add the person to that \
             file, or change the value to no",
            workbook.display()
        )
    );
    assert_eq!(
        errors.problems[2].to_string(),
        format!(
            "{}, sheet \"mentees\", row 2: column \"grade\", value \"Grade 8\": grade not on the \
             grade ladder. The grades are AA, AO, EO, HEO, SEO, \
             Grade 7, Grade 6, SCS1, SCS2, SCS3, SCS4",
            workbook.display()
        )
    );
}

#[test]
fn missing_sheet_lists_sheets() {
    let workbook = spreadsheet("no-mentees-sheet.xlsx");
    let errors = read_roster(&workbook, &workbook, &RuleConfig::default()).unwrap_err();
    assert_eq!(errors.problems.len(), 1, "{errors}");
    assert_eq!(
        errors.problems[0].kind,
        ProblemKind::MissingSheet {
            expected: "mentees".into(),
            found: vec!["mentors".into(), "Notes".into()],
        }
    );
    assert_eq!(
        errors.to_string(),
        format!(
            "{}: no sheet named \"mentees\"; the workbook has sheets \"mentors\", \"Notes\". \
             Rename the sheet that lists the mentees to \"mentees\"",
            workbook.display()
        )
    );
}

#[test]
fn one_sheet_workbook_not_read_twice() {
    // The same workbook under two spellings of its path is still one
    // workbook, so its single sheet cannot serve as both sides.
    let dir = tempfile::tempdir().unwrap();
    let workbook = dir.path().join("book.xlsx");
    std::fs::copy(spreadsheet("mentors-only.xlsx"), &workbook).unwrap();
    let other_spelling = dir.path().join(".").join("book.xlsx");

    let errors = read_roster(&workbook, &other_spelling, &RuleConfig::default()).unwrap_err();
    assert_eq!(errors.problems.len(), 2, "{errors}");
    for (problem, expected) in errors.problems.iter().zip(["mentors", "mentees"]) {
        assert_eq!(
            problem.kind,
            ProblemKind::MissingSheet { expected: expected.into(), found: vec!["Sheet1".into()] }
        );
    }
}

#[test]
fn csv_bytes_named_xlsx_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::write_file(dir.path(), "mentors.xlsx", "first name,email\nA,a@b\n");
    let errors =
        read_roster(&path, &spreadsheet("mentees-only.ods"), &RuleConfig::default()).unwrap_err();
    assert_eq!(errors.problems.len(), 1, "{errors}");
    assert!(matches!(errors.problems[0].kind, ProblemKind::InvalidSpreadsheet { .. }), "{errors}");
    assert_eq!(errors.problems[0].sheet, None);
}

#[test]
fn far_cell_rejected_without_reading() {
    // The sheet's last cell contains a value, so a dense range would need
    // 1048576 × 16384 cells.
    let workbook = spreadsheet("far-cell.xlsx");
    let errors = read_roster(&workbook, &spreadsheet("mentees-only.ods"), &RuleConfig::default())
        .unwrap_err();
    assert_eq!(errors.problems.len(), 1, "{errors}");
    let problem = &errors.problems[0];
    assert_eq!(problem.sheet.as_deref(), Some("mentors"));
    assert_eq!(
        problem.kind,
        ProblemKind::SheetTooLarge {
            far_cell: "XFD1048576".into(),
            max_rows: 1_000_000,
            max_columns: 1_000,
            max_cells: 5_000_000,
        }
    );
    let text = problem.to_string();
    assert!(text.contains("XFD1048576"), "{text}");
    assert!(text.contains("sheet \"mentors\""), "{text}");
}

#[test]
fn repeated_ods_cells_past_limit_rejected() {
    let workbook = spreadsheet("wide-row.ods");
    let errors = read_roster(&workbook, &spreadsheet("mentees-only.ods"), &RuleConfig::default())
        .unwrap_err();
    assert_eq!(errors.problems.len(), 1, "{errors}");
    assert!(
        matches!(&errors.problems[0].kind, ProblemKind::SheetTooLarge { far_cell, .. } if far_cell == "BXX2"),
        "{errors}"
    );
}

#[test]
fn error_value_cell_reported() {
    let workbook = spreadsheet("cells.xlsx");
    let errors = read_roster(&workbook, &workbook, &RuleConfig::default()).unwrap_err();
    let error_values: Vec<&InputProblem> = errors
        .problems
        .iter()
        .filter(|problem| matches!(problem.kind, ProblemKind::ErrorValue { .. }))
        .collect();
    assert_eq!(error_values.len(), 1, "{errors}");
    let problem = error_values[0];
    assert_eq!(problem.sheet.as_deref(), Some("mentees"));
    assert_eq!(problem.line, Some(3));
    assert_eq!(problem.kind, ProblemKind::ErrorValue { cell: "F3".into(), error: "#N/A".into() });
}

#[test]
fn date_cell_read_as_iso_date() {
    let roster = read_roster(
        &spreadsheet("cells.xlsx"),
        &spreadsheet("mentees-only.ods"),
        &RuleConfig::default(),
    )
    .unwrap();
    let ada = &roster.mentors()[0];
    let start = ada.extra.iter().find(|(heading, _)| heading == "start date");
    assert_eq!(start.map(|(_, value)| value.as_str()), Some("2024-01-02"), "{:?}", ada.extra);
}

#[test]
fn unreadable_shared_workbook_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    let valid = std::fs::read(spreadsheet("programme.xlsx")).unwrap();
    let mut encrypted = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    encrypted.resize(4096, 0);
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("csv-text.xlsx", b"first name,email\nA,a@b\n".to_vec(), "the file is text"),
        ("truncated.xlsx", valid[..valid.len() / 2].to_vec(), "the zip archive is damaged"),
        ("encrypted.xlsx", encrypted, "encrypted, probably with a password"),
        ("binary.xlsx", vec![0, 1, 2, 3, 0, 5], "neither a zip archive"),
    ];
    for (name, bytes, reason) in cases {
        let path = common::write_file(dir.path(), name, bytes);
        let errors = read_roster(&path, &path, &RuleConfig::default()).unwrap_err();
        assert_eq!(errors.problems.len(), 1, "{name}: {errors}");
        let problem = &errors.problems[0];
        assert!(matches!(problem.kind, ProblemKind::InvalidSpreadsheet { .. }), "{name}");
        assert!(problem.to_string().contains(reason), "{name}: {problem}");
    }
}

#[test]
fn sheets_differing_by_case_rejected() {
    let workbook = spreadsheet("two-mentors-sheets.xlsx");
    let errors = read_roster(&workbook, &workbook, &RuleConfig::default()).unwrap_err();
    assert_eq!(errors.problems.len(), 1, "{errors}");
    assert_eq!(
        errors.problems[0].kind,
        ProblemKind::DuplicateSheet {
            expected: "mentors".into(),
            found: vec!["mentors".into(), "Mentors ".into()],
        }
    );
    let text = errors.problems[0].to_string();
    assert!(text.contains("\"mentors\", \"Mentors \""), "{text}");
}

#[test]
fn repeated_ods_rows_rejected_before_expanding() {
    let workbook = spreadsheet("repeated-rows.ods");
    let started = std::time::Instant::now();

    let errors = read_roster(&workbook, &spreadsheet("mentees-only.ods"), &RuleConfig::default())
        .unwrap_err();

    assert_eq!(errors.problems.len(), 1, "{errors}");
    assert!(
        matches!(&errors.problems[0].kind, ProblemKind::SheetTooLarge { far_cell, .. } if far_cell == "J1000001"),
        "{errors}"
    );
    // Expanding the rows took seconds and over a gigabyte, while the
    // streaming check takes milliseconds.
    assert!(started.elapsed() < std::time::Duration::from_secs(2), "{:?}", started.elapsed());
}

#[test]
fn large_sheet_in_shared_workbook_reported_once() {
    let workbook = spreadsheet("repeated-rows.ods");
    let errors = read_roster(&workbook, &workbook, &RuleConfig::default()).unwrap_err();
    assert_eq!(errors.problems.len(), 1, "{errors}");
    assert_eq!(errors.problems[0].sheet.as_deref(), Some("mentors"));
}

#[test]
fn duplicate_email_in_sheet_names_row() {
    let workbook = spreadsheet("duplicate-email.xlsx");
    let errors = read_roster(&workbook, &spreadsheet("mentees-only.ods"), &RuleConfig::default())
        .unwrap_err();
    let duplicate = errors
        .problems
        .iter()
        .find(|problem| matches!(problem.kind, ProblemKind::DuplicateEmail { .. }))
        .expect("a duplicate email problem");
    assert_eq!(duplicate.kind, ProblemKind::DuplicateEmail { first_line: 2, in_sheet: true });
    let text = duplicate.to_string();
    assert!(text.contains("row 3: column"), "{text}");
    assert!(
        text.contains("already used on row 2. Each person must appear only once per sheet"),
        "{text}"
    );
}
