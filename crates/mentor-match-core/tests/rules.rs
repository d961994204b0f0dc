//! Regression tests for how attribute values compare.

use mentor_match_core::match_roster;
use mentor_match_model::{Exclusions, Participant, Roster, RuleConfig};

fn person(email: &str, grade: &str, organisation: &str, profession: &str) -> Participant {
    Participant::new("First", "Last", email)
        .with_grade(grade)
        .with_organisation(organisation)
        .with_profession(profession)
}

#[test]
fn organisations_differing_in_inner_spaces_are_same() {
    for spelling in ["Dept  B", "Dept\u{a0}B", " dept b\t"] {
        let mentors = vec![person("bob@example.org", "Grade 7", spelling, "Policy")];
        let mentees = vec![person("dee@example.org", "SEO", "Dept B", "Finance")];
        let roster = Roster::new(mentors, mentees).unwrap();
        let result = match_roster(&roster, &RuleConfig::default(), &Exclusions::new()).unwrap();
        assert!(result.pairs.is_empty(), "{spelling:?} was treated as a different organisation");
    }
}

#[test]
fn professions_differing_in_inner_spaces_score() {
    let mentors = vec![person("bob@example.org", "Grade 7", "Dept A", "Policy  Team")];
    let mentees = vec![person("dee@example.org", "SEO", "Dept B", "policy\u{a0}team")];
    let roster = Roster::new(mentors, mentees).unwrap();
    let result = match_roster(&roster, &RuleConfig::default(), &Exclusions::new()).unwrap();
    assert_eq!(result.pairs.len(), 1);
    assert_eq!(result.pairs[0].breakdown.profession, 10);
}

#[test]
fn characteristics_differing_in_inner_spaces_score() {
    let mentors = vec![
        person("bob@example.org", "Grade 7", "Dept A", "Policy")
            .with_characteristics(&["Bisexual  or pansexual"]),
    ];
    let mentees = vec![
        person("dee@example.org", "SEO", "Dept B", "Finance")
            .with_characteristics(&["bisexual or pansexual"])
            .with_wants_similar_identity(true),
    ];
    let roster = Roster::new(mentors, mentees).unwrap();
    let result = match_roster(&roster, &RuleConfig::default(), &Exclusions::new()).unwrap();
    assert_eq!(result.pairs.len(), 1);
    assert_eq!(result.pairs[0].breakdown.characteristic, 6);
}
