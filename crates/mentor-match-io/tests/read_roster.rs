//! Reading mentors and mentees files: valid input, every problem kind, and
//! the messy spellings real spreadsheet exports contain.

mod common;

use std::io;

use common::{
    MENTEE_HEADINGS, MENTOR_HEADINGS, fixture, mentee_row, mentor_row, problem, unknown_grade,
    valid_mentees, valid_mentors, write_file,
};
use mentor_match_io::{InputErrors, ProblemKind, read_roster};
use mentor_match_model::{Participant, Roster, RuleConfig};

fn read(mentors: &std::path::Path, mentees: &std::path::Path) -> Result<Roster, InputErrors> {
    read_roster(mentors, mentees, &RuleConfig::default())
}

fn owned_pairs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(h, v)| ((*h).to_owned(), (*v).to_owned())).collect()
}

#[test]
fn valid_fixture_reads_every_field() {
    let roster = read(&fixture("valid/mentors.csv"), &fixture("valid/mentees.csv")).unwrap();

    assert_eq!(roster.mentors().len(), 3);
    assert_eq!(roster.mentees().len(), 3);

    let ada = &roster.mentors()[0];
    let expected_ada = Participant {
        first_name: "Ada".into(),
        last_name: "Lovelace".into(),
        email: "Ada@Example.org".into(),
        both_roles: false,
        job_title: "Head of Analysis".into(),
        grade: "Grade 6".into(),
        organisation: "Department for Joy".into(),
        profession: "Digital".into(),
        characteristics: vec!["Zephyrine-Alpha".into(), "Quokka-Beta".into()],
        wants_similar_identity: false,
        biography: "Ada leads the analysis team. ada@example.org".into(),
        max_matches: None,
        extra: owned_pairs(&[("Team", "North"), ("Pronouns", "she/her")]),
    };
    assert_eq!(ada, &expected_ada);

    let kim = &roster.mentors()[2];
    assert_eq!(kim.biography, "Kim works in policy, and likes \"quotes\". kim@example.org");
    assert_eq!(kim.characteristics, ["Quokka-Beta"]);

    let alan = &roster.mentees()[0];
    assert_eq!(alan.email, "alan@example.org");
    assert_eq!(alan.characteristics, ["Xylo-Gamma"]);
    assert!(alan.wants_similar_identity);
    assert_eq!(alan.max_matches, Some(2));
    assert_eq!(alan.extra, owned_pairs(&[("Team", "West")]));

    let grace = &roster.mentees()[1];
    assert!(grace.both_roles);
    assert_eq!(grace.characteristics, ["Zephyrine-Alpha", "Quokka-Beta"]);
    assert!(grace.wants_similar_identity);
    assert_eq!(grace.max_matches, None);
    assert_eq!(grace.id(), roster.mentors()[1].id());

    let joan = &roster.mentees()[2];
    assert!(!joan.both_roles);
    assert!(joan.characteristics.is_empty());
    assert!(!joan.wants_similar_identity);
    assert_eq!(joan.biography, "");
    assert_eq!(joan.max_matches, Some(1));
}

#[test]
fn problem_fixture_reports_all_problems() {
    let mentors = fixture("problems/mentors.csv");
    let mentees = fixture("problems/mentees.csv");
    let errors = read(&mentors, &mentees).unwrap_err();

    let expected = vec![
        problem(
            &mentors,
            Some(1),
            Some("Email"),
            None,
            ProblemKind::DuplicateColumn { first_heading: "email address".into(), first_column: 3 },
        ),
        problem(
            &mentors,
            Some(1),
            Some("profession"),
            None,
            ProblemKind::MissingColumn { accepted: vec!["profession".into()] },
        ),
        problem(
            &mentors,
            Some(2),
            Some("both mentor and mentee"),
            Some("maybe"),
            ProblemKind::InvalidYesNo,
        ),
        problem(&mentors, Some(3), Some("first name"), Some(""), ProblemKind::EmptyRequiredField),
        problem(
            &mentors,
            Some(3),
            Some("email address"),
            Some("grace.example.org"),
            ProblemKind::MissingAt,
        ),
        problem(&mentors, Some(3), Some("grade"), Some("Grade 9"), unknown_grade(None)),
        problem(
            &mentors,
            Some(4),
            Some("email address"),
            Some("ADA@example.org"),
            ProblemKind::DuplicateEmail { first_line: 2, in_sheet: false },
        ),
        problem(&mentors, Some(4), Some("organisation"), Some(""), ProblemKind::EmptyRequiredField),
        problem(
            &mentors,
            Some(5),
            None,
            None,
            ProblemKind::WrongFieldCount { expected: 10, found: 3 },
        ),
        problem(
            &mentees,
            Some(2),
            Some("match with similar identity"),
            // Values of sensitive columns are never repeated in a problem.
            None,
            ProblemKind::InvalidYesNo,
        ),
        problem(&mentees, Some(2), Some("max matches"), Some("three"), ProblemKind::InvalidNumber),
        problem(&mentees, Some(3), Some("max matches"), Some("-1"), ProblemKind::InvalidNumber),
        problem(&mentees, Some(5), Some("grade"), Some("Grade 8"), unknown_grade(None)),
    ];
    assert_eq!(errors.problems.len(), expected.len(), "{errors}");
    for (found, expected) in errors.problems.iter().zip(&expected) {
        assert_eq!(found, expected);
    }
}

#[test]
fn problem_display_is_one_located_line() {
    let mentors = fixture("problems/mentors.csv");
    let mentees = fixture("problems/mentees.csv");
    let errors = read(&mentors, &mentees).unwrap_err();
    let text = errors.to_string();

    assert_eq!(text.lines().count(), errors.problems.len());
    let grade_line = format!(
        "{}:5: column \"grade\", value \"Grade 8\": grade not on the grade ladder. \
         The grades are AA, AO, EO, HEO, SEO, Grade 7, Grade 6, \
         SCS1, SCS2, SCS3, SCS4",
        mentees.display()
    );
    assert!(text.lines().any(|line| line == grade_line), "{text}");
    let duplicate_line = format!(
        "{}:4: column \"email address\", value \"ADA@example.org\": email address already used \
         on line 2. Each person must appear only once per file",
        mentors.display()
    );
    assert!(text.lines().any(|line| line == duplicate_line), "{text}");
    let missing_line = format!(
        "{}:1: column \"profession\": missing required column. Add a column headed \"profession\"",
        mentors.display()
    );
    assert!(text.lines().any(|line| line == missing_line), "{text}");
}

#[test]
fn display_escapes_line_breaks_in_values() {
    let dir = tempfile::tempdir().unwrap();
    let mentors = valid_mentors(dir.path());
    let mentees = write_file(
        dir.path(),
        "mentees.csv",
        format!("{MENTEE_HEADINGS}\nA,B,a@example.org,no,x,\"Grade\n8\",Org,Prof,,no,bio\n"),
    );
    let errors = read(&mentors, &mentees).unwrap_err();
    assert_eq!(errors.problems.len(), 1);
    assert_eq!(errors.problems[0].value.as_deref(), Some("Grade\n8"));
    assert_eq!(errors.to_string().lines().count(), 1);
    assert!(errors.to_string().contains(r#"value "Grade\n8""#), "{errors}");
}

#[test]
fn missing_files_reported_together() {
    let dir = tempfile::tempdir().unwrap();
    let mentors = dir.path().join("no-mentors.csv");
    let mentees = dir.path().join("no-mentees.csv");
    let errors = read(&mentors, &mentees).unwrap_err();

    assert_eq!(errors.problems.len(), 2);
    for (found, path) in errors.problems.iter().zip([&mentors, &mentees]) {
        assert_eq!(&found.file, path);
        assert_eq!(found.line, None);
        assert!(
            matches!(&found.kind, ProblemKind::Io { kind: io::ErrorKind::NotFound, .. }),
            "{found:?}"
        );
    }
}

#[test]
fn directory_instead_of_file_is_io_problem() {
    let dir = tempfile::tempdir().unwrap();
    let mentees = valid_mentees(dir.path());
    let errors = read(dir.path(), &mentees).unwrap_err();
    assert_eq!(errors.problems.len(), 1);
    assert!(matches!(errors.problems[0].kind, ProblemKind::Io { .. }), "{errors:?}");
}

#[test]
fn byte_order_mark_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let mentors = write_file(
        dir.path(),
        "mentors.csv",
        format!("\u{feff}{MENTOR_HEADINGS}\n{}\n", mentor_row("m@example.org")),
    );
    let mentees = valid_mentees(dir.path());
    let roster = read(&mentors, &mentees).unwrap();
    assert_eq!(roster.mentors()[0].first_name, "Mentor");
    assert!(roster.mentors()[0].extra.is_empty());
}

#[test]
fn empty_and_heading_only_files_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let mentors = write_file(dir.path(), "mentors.csv", "");
    let mentees = write_file(dir.path(), "mentees.csv", format!("{MENTEE_HEADINGS}\n\n,,,\n"));
    let errors = read(&mentors, &mentees).unwrap_err();
    assert_eq!(
        errors.problems,
        vec![
            problem(&mentors, None, None, None, ProblemKind::EmptyFile),
            problem(&mentees, None, None, None, ProblemKind::NoDataRows),
        ]
    );
    let lines: Vec<String> = errors.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines[0],
        format!(
            "{}: the file is empty. It needs a heading row and one row per participant",
            mentors.display()
        )
    );
    assert_eq!(
        lines[1],
        format!(
            "{}: the file has a heading row but no data rows. Add one row per participant",
            mentees.display()
        )
    );
}

#[test]
fn binary_file_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    let mentees = valid_mentees(dir.path());
    // The first bytes of an .xlsx workbook (a ZIP archive), then a CSV file
    // whose heading row contains a NUL byte.
    let workbook = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml".to_vec();
    let mut nul_heading = MENTOR_HEADINGS.replace("grade", "gr\0ade").into_bytes();
    nul_heading.extend(format!("\n{}\n", mentor_row("m@example.org")).as_bytes());
    for bytes in [workbook, nul_heading] {
        let mentors = write_file(dir.path(), "mentors.csv", bytes);

        let errors = read(&mentors, &mentees).unwrap_err();

        assert_eq!(
            errors.problems,
            vec![problem(&mentors, None, None, None, ProblemKind::BinaryFile)]
        );
        assert!(errors.to_string().contains("is not a CSV text file"), "{errors}");
    }
}

#[test]
fn unclosed_quote_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    let mentors = write_file(
        dir.path(),
        "mentors.csv",
        format!(
            "{MENTOR_HEADINGS}\n{}\n{}\nA,B,c@example.org,no,\"Lead,Grade 7,Org,Policy,,Bio\n{}\n",
            mentor_row("a@example.org"),
            mentor_row("b@example.org"),
            mentor_row("d@example.org"),
        ),
    );
    let mentees = valid_mentees(dir.path());
    let errors = read(&mentors, &mentees).unwrap_err();
    assert_eq!(errors.problems.len(), 1, "{errors}");
    assert_eq!(errors.problems[0].line, Some(4));
    assert!(matches!(errors.problems[0].kind, ProblemKind::MalformedCsv { .. }), "{errors}");
}

#[test]
fn wrong_field_counts_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mentors = write_file(
        dir.path(),
        "mentors.csv",
        format!(
            "{MENTOR_HEADINGS}\n{},extra\nA,B\n{},,  ,\n",
            mentor_row("a@example.org"),
            mentor_row("b@example.org"),
        ),
    );
    let mentees = valid_mentees(dir.path());
    let errors = read(&mentors, &mentees).unwrap_err();
    assert_eq!(
        errors.problems,
        vec![
            problem(
                &mentors,
                Some(2),
                None,
                None,
                ProblemKind::WrongFieldCount { expected: 10, found: 11 }
            ),
            problem(
                &mentors,
                Some(3),
                None,
                None,
                ProblemKind::WrongFieldCount { expected: 10, found: 2 }
            ),
        ]
    );
}

#[test]
fn trailing_blank_cells_accepted() {
    let dir = tempfile::tempdir().unwrap();
    // Spreadsheets export formatted but empty columns as blank headings.
    let mentors = write_file(
        dir.path(),
        "mentors.csv",
        format!(
            "{MENTOR_HEADINGS},,\n{}\n{},,\n",
            mentor_row("a@example.org"),
            mentor_row("b@example.org")
        ),
    );
    let mentees = valid_mentees(dir.path());
    let roster = read(&mentors, &mentees).unwrap();
    assert_eq!(roster.mentors().len(), 2);
    assert!(roster.mentors().iter().all(|m| m.extra.is_empty()));
}

#[test]
fn blank_rows_skipped_and_lines_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mentors = write_file(
        dir.path(),
        "mentors.csv",
        format!(
            "{MENTOR_HEADINGS}\r\n,,,,,,,,,\r\n\r\n{}\r\n  ,,\t,,,,,,,\r\nA,B,c@example.org,no,x,Grade 99,Org,Prof,,Bio\r\n,,,,,,,,,\r\n,,,,,,,,,\r\n",
            mentor_row("a@example.org"),
        ),
    );
    let mentees = valid_mentees(dir.path());
    let errors = read(&mentors, &mentees).unwrap_err();
    assert_eq!(
        errors.problems,
        vec![problem(&mentors, Some(6), Some("grade"), Some("Grade 99"), unknown_grade(None))]
    );
}

#[test]
fn yes_no_spellings_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let answers = [
        ("yes", true),
        ("Yes", true),
        ("Y", true),
        ("TRUE", true),
        ("1", true),
        (" y ", true),
        ("no", false),
        ("NO", false),
        ("n", false),
        ("False", false),
        ("0", false),
        ("", false),
    ];
    let mut text = format!("{MENTOR_HEADINGS}\n");
    for (i, (answer, _)) in answers.iter().enumerate() {
        text.push_str(&format!("M,P,m{i}@example.org,{answer},Lead,Grade 7,Org,Policy,,Bio\n"));
    }
    let mentors = write_file(dir.path(), "mentors.csv", text);
    let mentees = valid_mentees(dir.path());
    let roster = read(&mentors, &mentees).unwrap();
    for (mentor, (answer, expected)) in roster.mentors().iter().zip(answers) {
        assert_eq!(mentor.both_roles, expected, "answer {answer:?}");
    }
}

#[test]
fn headings_match_loosely_with_aliases() {
    let dir = tempfile::tempdir().unwrap();
    let mentors = write_file(
        dir.path(),
        "mentors.csv",
        " FIRST  NAME ,Last Name,E-Mail Notes,EMAIL,Both Mentor And Mentee,Job Title,GRADE,\
         Organisation,Profession,Identity To Match,Biography\n\
         Ada,L,note,ada@example.org,no,Lead,grade 7,Org,Policy,Gay,Bio\n",
    );
    let mentees = write_file(
        dir.path(),
        "mentees.csv",
        "first name,last name,email,both mentor and mentee,job title,grade,organisation,\
         profession,Characteristics,Match With Similar Identity,biography\n\
         Alan,T,alan@example.org,no,Officer,heo,Org B,Policy,Lesbian,yes,Bio\n",
    );
    let roster = read(&mentors, &mentees).unwrap();
    let ada = &roster.mentors()[0];
    assert_eq!(ada.first_name, "Ada");
    assert_eq!(ada.email, "ada@example.org");
    assert_eq!(ada.grade, "grade 7");
    assert_eq!(ada.characteristics, ["Gay"]);
    assert_eq!(ada.extra, owned_pairs(&[("E-Mail Notes", "note")]));
    let alan = &roster.mentees()[0];
    assert_eq!(alan.characteristics, ["Lesbian"]);
    assert!(alan.wants_similar_identity);
}

#[test]
fn semicolon_delimited_file_read() {
    let dir = tempfile::tempdir().unwrap();
    let mentors = write_file(
        dir.path(),
        "mentors.csv",
        format!(
            "{}\n{}\n",
            MENTOR_HEADINGS.replace(',', ";"),
            "Ada;L;ada@example.org;no;Lead;Grade 7;Org;Policy;\"Gay, Asexual\";Hello, world"
        ),
    );
    let mentees = valid_mentees(dir.path());
    let roster = read(&mentors, &mentees).unwrap();
    let ada = &roster.mentors()[0];
    assert_eq!(ada.characteristics, ["Gay", "Asexual"]);
    assert_eq!(ada.biography, "Hello, world");
}

#[test]
fn mentee_similar_identity_column_required() {
    let dir = tempfile::tempdir().unwrap();
    let mentors = valid_mentors(dir.path());
    let mentees = write_file(
        dir.path(),
        "mentees.csv",
        format!("{MENTOR_HEADINGS}\n{}\n", mentor_row("e@example.org")),
    );
    let errors = read(&mentors, &mentees).unwrap_err();
    assert_eq!(
        errors.problems,
        vec![problem(
            &mentees,
            Some(1),
            Some("match with similar identity"),
            None,
            ProblemKind::MissingColumn { accepted: vec!["match with similar identity".into()] }
        )]
    );
}

#[test]
fn every_missing_column_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mentors = write_file(dir.path(), "mentors.csv", "name,notes\nAda,hi\n");
    let mentees = valid_mentees(dir.path());
    let errors = read(&mentors, &mentees).unwrap_err();
    let missing: Vec<&str> = errors.problems.iter().filter_map(|p| p.column.as_deref()).collect();
    assert_eq!(
        missing,
        [
            "first name",
            "last name",
            "email address",
            "both mentor and mentee",
            "job title",
            "grade",
            "organisation",
            "profession",
            "characteristics",
            "biography"
        ]
    );
    let email = &errors.problems[2];
    assert_eq!(
        email.kind,
        ProblemKind::MissingColumn { accepted: vec!["email address".into(), "email".into()] }
    );
}

#[test]
fn mentor_similar_identity_column_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let mentors = write_file(
        dir.path(),
        "mentors.csv",
        format!(
            "{MENTOR_HEADINGS},match with similar identity,Team\n{},yes,Red\n",
            mentor_row("m@example.org")
        ),
    );
    let mentees = valid_mentees(dir.path());
    let roster = read(&mentors, &mentees).unwrap();
    let mentor = &roster.mentors()[0];
    assert!(!mentor.wants_similar_identity);
    assert_eq!(mentor.extra, owned_pairs(&[("Team", "Red")]));
}

#[test]
fn duplicate_extra_heading_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let mentors = write_file(
        dir.path(),
        "mentors.csv",
        format!("{MENTOR_HEADINGS},Team,team \n{},a,b\n", mentor_row("m@example.org")),
    );
    let mentees = valid_mentees(dir.path());
    let errors = read(&mentors, &mentees).unwrap_err();
    assert_eq!(
        errors.problems,
        vec![problem(
            &mentors,
            Some(1),
            Some("team"),
            None,
            ProblemKind::DuplicateColumn { first_heading: "Team".into(), first_column: 11 }
        )]
    );
}

#[test]
fn duplicate_heading_message_names_other_column() {
    let dir = tempfile::tempdir().unwrap();
    let mentors = write_file(
        dir.path(),
        "mentors.csv",
        format!("{MENTOR_HEADINGS},Team,team \n{},a,b\n", mentor_row("m@example.org")),
    );
    let mentees = valid_mentees(dir.path());
    let errors = read(&mentors, &mentees).unwrap_err();
    assert_eq!(
        errors.to_string(),
        format!(
            "{}:1: column \"team\": the column appears twice (also column 11, headed \"Team\"). \
             Rename or remove one of the two",
            mentors.display()
        )
    );
    assert!(!errors.to_string().contains("field"), "{errors}");
}

#[test]
fn same_email_allowed_across_files() {
    let dir = tempfile::tempdir().unwrap();
    let mentors = write_file(
        dir.path(),
        "mentors.csv",
        format!("{MENTOR_HEADINGS}\n{}\n", mentor_row("Both@Example.org")),
    );
    let mentees = write_file(
        dir.path(),
        "mentees.csv",
        format!("{MENTEE_HEADINGS}\n{}\n", mentee_row("both@example.org")),
    );
    let roster = read(&mentors, &mentees).unwrap();
    assert_eq!(roster.mentors()[0].id(), roster.mentees()[0].id());
}

#[test]
fn max_matches_accepts_zero_and_rejects_fractions() {
    let dir = tempfile::tempdir().unwrap();
    let mentors = write_file(
        dir.path(),
        "mentors.csv",
        format!(
            "{MENTOR_HEADINGS},Max Matches\n{},0\n{},2.5\n{}, 4 \n",
            mentor_row("a@example.org"),
            mentor_row("b@example.org"),
            mentor_row("c@example.org"),
        ),
    );
    let mentees = valid_mentees(dir.path());
    let errors = read(&mentors, &mentees).unwrap_err();
    assert_eq!(
        errors.problems,
        vec![problem(
            &mentors,
            Some(3),
            Some("Max Matches"),
            Some("2.5"),
            ProblemKind::InvalidNumber
        )]
    );

    let mentors = write_file(
        dir.path(),
        "mentors.csv",
        format!(
            "{MENTOR_HEADINGS},Max Matches\n{},0\n{}, 4 \n",
            mentor_row("a@example.org"),
            mentor_row("c@example.org"),
        ),
    );
    let roster = read(&mentors, &mentees).unwrap();
    assert_eq!(roster.mentors()[0].max_matches, Some(0));
    assert_eq!(roster.mentors()[1].max_matches, Some(4));
}

#[test]
fn custom_grade_ladder_used() {
    let dir = tempfile::tempdir().unwrap();
    let mentors = write_file(
        dir.path(),
        "mentors.csv",
        format!("{MENTOR_HEADINGS}\nA,B,a@example.org,no,Lead,Senior,Org,Policy,,Bio\n"),
    );
    let mentees = write_file(
        dir.path(),
        "mentees.csv",
        format!("{MENTEE_HEADINGS}\nC,D,c@example.org,no,Officer,Grade 7,Org,Policy,,no,Bio\n"),
    );
    let rules = RuleConfig {
        grades: mentor_match_model::GradeLadder::new(&["Junior", "Senior"]).unwrap(),
        ..RuleConfig::default()
    };
    let errors = read_roster(&mentors, &mentees, &rules).unwrap_err();
    assert_eq!(
        errors.problems,
        vec![problem(
            &mentees,
            Some(2),
            Some("grade"),
            Some("Grade 7"),
            ProblemKind::UnknownGrade {
                suggestion: None,
                ladder: vec!["Junior".into(), "Senior".into()],
                numeric_value: false,
            }
        )]
    );
}

#[test]
fn max_matches_too_large_gives_limit() {
    let dir = tempfile::tempdir().unwrap();
    let values = [
        "1000",
        "4294967295",
        "4294967296",
        "99999999999999999999999",
        "-1",
        "-99999999999",
        "many",
        "1001",
        "2147483647",
    ];
    let mut text = format!("{MENTOR_HEADINGS},max matches\n");
    for (i, value) in values.iter().enumerate() {
        text.push_str(&format!("{},{value}\n", mentor_row(&format!("m{i}@example.org"))));
    }
    let mentors = write_file(dir.path(), "mentors.csv", text);
    let mentees = valid_mentees(dir.path());

    let errors = read(&mentors, &mentees).unwrap_err();

    let max_matches =
        |line, value, kind| problem(&mentors, Some(line), Some("max matches"), Some(value), kind);
    assert_eq!(
        errors.problems,
        vec![
            max_matches(3, "4294967295", ProblemKind::NumberTooLarge),
            max_matches(4, "4294967296", ProblemKind::NumberTooLarge),
            max_matches(5, "99999999999999999999999", ProblemKind::NumberTooLarge),
            max_matches(6, "-1", ProblemKind::InvalidNumber),
            max_matches(7, "-99999999999", ProblemKind::InvalidNumber),
            max_matches(8, "many", ProblemKind::InvalidNumber),
            max_matches(9, "1001", ProblemKind::NumberTooLarge),
            max_matches(10, "2147483647", ProblemKind::NumberTooLarge),
        ]
    );
    let too_large = errors.problems[0].to_string();
    assert!(too_large.contains("Use 0 to 1000"), "{too_large}");
    let negative = errors.problems[3].to_string();
    assert!(negative.contains("Use a whole number of 0 or more"), "{negative}");
}

#[test]
fn number_grade_mentions_numeric_setting() {
    let dir = tempfile::tempdir().unwrap();
    let mentors = valid_mentors(dir.path());
    let mentees = write_file(
        dir.path(),
        "mentees.csv",
        format!("{MENTEE_HEADINGS}\nC,D,c@example.org,no,Officer,7,Org,Policy,,no,Bio\n"),
    );

    let errors = read(&mentors, &mentees).unwrap_err();

    assert_eq!(errors.problems.len(), 1, "{errors}");
    assert_eq!(
        errors.problems[0].kind,
        ProblemKind::UnknownGrade {
            suggestion: None,
            ladder: mentor_match_model::GradeLadder::default().names().to_vec(),
            numeric_value: true,
        }
    );
    let text = errors.problems[0].to_string();
    assert!(text.contains("set `numeric = true` under `[grades]`"), "{text}");
    assert!(!text.contains("Did you mean"), "{text}");
}

#[test]
fn malformed_emails_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let emails = ["@", "bob@", "a@b@c", "ann smith@example.org", "ok@example.org"];
    let mut text = format!("{MENTOR_HEADINGS}\n");
    for email in emails {
        text.push_str(&format!("{}\n", mentor_row(email)));
    }
    let mentors = write_file(dir.path(), "mentors.csv", text);
    let mentees = valid_mentees(dir.path());

    let errors = read(&mentors, &mentees).unwrap_err();

    let invalid = |line, value: &str, reason: &str| {
        let kind = ProblemKind::InvalidEmail { reason: reason.into() };
        problem(&mentors, Some(line), Some("email address"), Some(value), kind)
    };
    assert_eq!(
        errors.problems,
        vec![
            invalid(2, "@", "nothing comes before the \"@\""),
            invalid(3, "bob@", "nothing comes after the \"@\""),
            invalid(4, "a@b@c", "it has more than one \"@\""),
            invalid(5, "ann smith@example.org", "it contains a space"),
        ]
    );
}

#[test]
fn invisible_characters_ignored_in_ids() {
    let dir = tempfile::tempdir().unwrap();
    let mentors = write_file(
        dir.path(),
        "mentors.csv",
        format!(
            "{MENTOR_HEADINGS}\n{}\n{}\n{}\n",
            mentor_row("ada@example.org"),
            mentor_row("\u{200b}ada@example.org"),
            mentor_row("dee@example.org\u{2060}"),
        ),
    );
    let mentees = write_file(
        dir.path(),
        "mentees.csv",
        format!("{MENTEE_HEADINGS}\n{}\n", mentee_row("\u{feff}DEE@example.org")),
    );

    let errors = read(&mentors, &mentees).unwrap_err();

    let duplicates: Vec<_> = errors
        .problems
        .iter()
        .filter(|problem| matches!(problem.kind, ProblemKind::DuplicateEmail { .. }))
        .collect();
    assert_eq!(duplicates.len(), 1, "{errors}");
    assert_eq!(duplicates[0].line, Some(3));
    assert_eq!(duplicates[0].kind, ProblemKind::DuplicateEmail { first_line: 2, in_sheet: false });
    // Dee's rows give "no" for both roles, yet the two addresses are one
    // person, so both rows get a role flag warning.
    let flagged: Vec<_> = errors
        .problems
        .iter()
        .filter(|problem| matches!(problem.kind, ProblemKind::RoleFlagMismatch { .. }))
        .map(|problem| (problem.file.clone(), problem.line))
        .collect();
    assert_eq!(flagged, vec![(mentors.clone(), Some(4)), (mentees.clone(), Some(2))]);
}

#[test]
fn control_characters_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let mentors = write_file(
        dir.path(),
        "mentors.csv",
        format!(
            "{MENTOR_HEADINGS}\n{}\n{}\n{}\n",
            mentor_row("a@example.org").replace("Bio of", "Bio\0of"),
            mentor_row("b@example.org").replace("Lead", "Le\u{7}ad"),
            mentor_row("c@example.org").replace("Bio of", "\"Bio\tof\r\nthree\""),
        ),
    );
    let mentees = valid_mentees(dir.path());

    let errors = read(&mentors, &mentees).unwrap_err();

    let control = |line, column, value: &str| {
        problem(&mentors, Some(line), Some(column), Some(value), ProblemKind::ControlCharacter)
    };
    assert_eq!(
        errors.problems,
        vec![
            control(2, "biography", "Bio\0of a@example.org"),
            control(3, "job title", "Le\u{7}ad"),
        ]
    );
}

#[test]
fn one_cell_row_message_singular() {
    let dir = tempfile::tempdir().unwrap();
    let mentors = write_file(dir.path(), "mentors.csv", format!("{MENTOR_HEADINGS}\nlonely\n"));
    let mentees = valid_mentees(dir.path());

    let errors = read(&mentors, &mentees).unwrap_err();

    let text = errors.to_string();
    assert!(text.contains("the row has 1 cell but the heading row has 10"), "{text}");
}

#[test]
fn unnamed_column_runs_warned_once() {
    let dir = tempfile::tempdir().unwrap();
    let mentors = write_file(
        dir.path(),
        "mentors.csv",
        format!(
            "{MENTOR_HEADINGS},,,,team,\n{},x,y,,North,z\n{},,,w,South,\n",
            mentor_row("a@example.org"),
            mentor_row("b@example.org"),
        ),
    );
    let mentees = valid_mentees(dir.path());

    let roster = mentor_match_io::check_roster(&mentors, &mentees, &RuleConfig::default());

    let warnings: Vec<&ProblemKind> = roster.problems.iter().map(|problem| &problem.kind).collect();
    assert_eq!(
        warnings,
        vec![
            &ProblemKind::UnnamedColumnIgnored { position: 11, last_position: 13, filled_cells: 3 },
            &ProblemKind::UnnamedColumnIgnored { position: 15, last_position: 15, filled_cells: 1 },
        ]
    );
    let text = roster.problems[0].to_string();
    assert!(
        text.contains("columns 11 to 13 have no heading, so the values in their 3 filled cells"),
        "{text}"
    );
}
