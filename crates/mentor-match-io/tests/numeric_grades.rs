//! Reading rosters whose rules use numeric grades.

mod common;

use common::{MENTEE_HEADINGS, MENTOR_HEADINGS, valid_mentees, write_file};
use mentor_match_io::{ProblemKind, read_roster};
use mentor_match_model::RuleConfig;

fn numeric_rules() -> RuleConfig {
    RuleConfig { numeric_grades: true, ..RuleConfig::default() }
}

fn mentors_with_grade(dir: &std::path::Path, grade: &str) -> std::path::PathBuf {
    let row = format!("Mentor,Person,m@example.org,no,Lead,{grade},Department A,Policy,,Bio");
    write_file(dir, "mentors.csv", format!("{MENTOR_HEADINGS}\n{row}\n"))
}

fn mentees_with_grade(dir: &std::path::Path, grade: &str) -> std::path::PathBuf {
    let row = format!("Mentee,Person,e@example.org,no,Officer,{grade},Department B,Policy,,no,Bio");
    write_file(dir, "mentees.csv", format!("{MENTEE_HEADINGS}\n{row}\n"))
}

#[test]
fn numeric_grades_read() {
    let dir = tempfile::tempdir().unwrap();
    let mentors = mentors_with_grade(dir.path(), " 7 ");
    let mentees = mentees_with_grade(dir.path(), "-2");
    let roster = read_roster(&mentors, &mentees, &numeric_rules()).unwrap();
    assert_eq!(roster.mentors()[0].grade, "7");
    assert_eq!(roster.mentees()[0].grade, "-2");
}

#[test]
fn grade_name_rejected_under_numeric_grades() {
    let dir = tempfile::tempdir().unwrap();
    let mentors = mentors_with_grade(dir.path(), "Grade 7");
    let mentees = valid_mentees(dir.path());
    let errors = read_roster(&mentors, &mentees, &numeric_rules()).unwrap_err();
    // The valid mentees file uses the grade name HEO, so both files fail.
    assert_eq!(errors.problems.len(), 2);
    for problem in &errors.problems {
        assert_eq!(problem.kind, ProblemKind::InvalidNumericGrade);
        assert_eq!(problem.line, Some(2));
    }
    assert!(errors.to_string().contains("use a whole number from -1000 to 1000"), "{errors}");
}

#[test]
fn out_of_range_number_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let mentors = mentors_with_grade(dir.path(), "1001");
    let mentees = mentees_with_grade(dir.path(), "3");
    let errors = read_roster(&mentors, &mentees, &numeric_rules()).unwrap_err();
    assert_eq!(errors.problems.len(), 1);
    assert_eq!(errors.problems[0].value.as_deref(), Some("1001"));
}
