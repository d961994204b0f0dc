//! Writing rosters in the input format and reading them back.

use std::fs;

use mentor_match_io::synthetic::{SyntheticSpec, generate};
use mentor_match_io::{OutputError, read_roster, write_roster};
use mentor_match_model::{Participant, Roster, RuleConfig};

fn sorted_by_id(side: &[Participant]) -> Vec<Participant> {
    let mut side = side.to_vec();
    side.sort_by_key(Participant::id);
    side
}

fn round_trip(roster: &Roster) -> Roster {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("roster");
    write_roster(&folder, roster, false).unwrap();
    read_roster(&folder.join("mentors.csv"), &folder.join("mentees.csv"), &RuleConfig::default())
        .unwrap()
}

fn assert_same_participants(found: &Roster, expected: &Roster) {
    let (found_mentors, expected_mentors) =
        (sorted_by_id(found.mentors()), sorted_by_id(expected.mentors()));
    assert_eq!(found_mentors.len(), expected_mentors.len());
    for (found, expected) in found_mentors.iter().zip(&expected_mentors) {
        assert_eq!(found, expected);
    }
    let (found_mentees, expected_mentees) =
        (sorted_by_id(found.mentees()), sorted_by_id(expected.mentees()));
    assert_eq!(found_mentees.len(), expected_mentees.len());
    for (found, expected) in found_mentees.iter().zip(&expected_mentees) {
        assert_eq!(found, expected);
    }
}

#[test]
fn synthetic_roster_round_trips() {
    let roster = generate(&SyntheticSpec { mentors: 400, mentees: 600, seed: 11 });
    let read_back = round_trip(&roster);
    assert_same_participants(&read_back, &roster);
}

#[test]
fn awkward_values_round_trip() {
    let mut mentor = Participant::new("Zoë", "O'Brien", "Zoe@Example.org")
        .with_grade("SCS1")
        .with_organisation("Department for \"Quotes\", Commas")
        .with_profession("Policy")
        .with_characteristics(&["Gay", "Non-binary"])
        .with_both_roles(true)
        .with_biography("Line one,\nline two; \"quoted\".")
        .with_max_matches(5);
    mentor.job_title = "Head of Things".into();
    mentor.extra = vec![("Team".into(), "North, upper".into()), ("Pronouns".into(), String::new())];
    let plain_mentor = Participant::new("Sam", "Smith", "sam@example.org")
        .with_grade("Grade 6")
        .with_organisation("Org")
        .with_profession("Digital");
    let mut plain_mentor = plain_mentor;
    plain_mentor.extra = vec![("Team".into(), String::new()), ("Pronouns".into(), "he/him".into())];

    let mentee = Participant::new("Alan", "", "alan@example.org")
        .with_grade("HEO")
        .with_organisation("Org B")
        .with_profession("Digital")
        .with_characteristics(&["Bisexual or pansexual"])
        .with_wants_similar_identity(true)
        .with_max_matches(0);

    let roster = Roster::new(vec![mentor, plain_mentor], vec![mentee]).unwrap();
    let read_back = round_trip(&roster);
    assert_same_participants(&read_back, &roster);
}

#[test]
fn wide_extra_columns_round_trip() {
    let mut mentor = Participant::new("Ada", "Lovelace", "ada@example.org")
        .with_grade("Grade 6")
        .with_organisation("Org A")
        .with_profession("Digital");
    mentor.extra = (0..20_000).map(|i| (format!("extra {i}"), format!("value {i}"))).collect();
    let mentee = Participant::new("Alan", "Turing", "alan@example.org")
        .with_grade("HEO")
        .with_organisation("Org B")
        .with_profession("Digital");
    let roster = Roster::new(vec![mentor], vec![mentee]).unwrap();

    let read_back = round_trip(&roster);

    assert_same_participants(&read_back, &roster);
}

#[test]
fn written_files_use_input_headings() {
    let roster = generate(&SyntheticSpec { mentors: 3, mentees: 3, seed: 1 });
    let dir = tempfile::tempdir().unwrap();
    write_roster(dir.path(), &roster, false).unwrap();

    let mentors = fs::read_to_string(dir.path().join("mentors.csv")).unwrap();
    assert_eq!(
        mentors.lines().next().unwrap(),
        "first name,last name,email address,both mentor and mentee,job title,grade,\
         organisation,profession,characteristics,biography"
    );
    let mentees = fs::read_to_string(dir.path().join("mentees.csv")).unwrap();
    assert_eq!(
        mentees.lines().next().unwrap(),
        "first name,last name,email address,both mentor and mentee,job title,grade,\
         organisation,profession,match with similar identity,identity to match,biography"
    );
}

#[test]
fn rows_written_in_id_order() {
    let roster = generate(&SyntheticSpec { mentors: 50, mentees: 10, seed: 5 });
    let dir = tempfile::tempdir().unwrap();
    write_roster(dir.path(), &roster, false).unwrap();

    let mut reader = csv::Reader::from_path(dir.path().join("mentors.csv")).unwrap();
    let emails: Vec<String> =
        reader.records().map(|record| record.unwrap()[2].to_lowercase()).collect();
    let mut sorted = emails.clone();
    sorted.sort();
    assert_eq!(emails, sorted);
    assert_eq!(emails.len(), 50);
}

#[test]
fn existing_roster_files_kept_without_force() {
    let roster = generate(&SyntheticSpec { mentors: 3, mentees: 3, seed: 1 });
    let other = generate(&SyntheticSpec { mentors: 3, mentees: 3, seed: 2 });
    let dir = tempfile::tempdir().unwrap();
    write_roster(dir.path(), &roster, false).unwrap();
    let before = fs::read(dir.path().join("mentees.csv")).unwrap();

    let error = write_roster(dir.path(), &other, false).unwrap_err();
    assert!(matches!(error, OutputError::AlreadyExists { .. }), "{error:?}");
    assert_eq!(fs::read(dir.path().join("mentees.csv")).unwrap(), before);

    write_roster(dir.path(), &other, true).unwrap();
    assert_ne!(fs::read(dir.path().join("mentees.csv")).unwrap(), before);
}
