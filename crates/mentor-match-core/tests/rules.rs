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

mod configured {
    use mentor_match_core::{MatchError, Matcher, PairRule, match_roster};
    use mentor_match_model::{
        ColumnEffect, ColumnRule, Exclusions, Participant, Pins, Priority, Role, Roster, RuleConfig,
    };

    fn person(email: &str, grade: &str, organisation: &str, team: &str) -> Participant {
        let mut participant = Participant::new("First", "Last", email)
            .with_grade(grade)
            .with_organisation(organisation)
            .with_profession("Policy");
        participant.extra.push(("Team".to_owned(), team.to_owned()));
        participant
    }

    fn team_rule(effect: ColumnEffect) -> ColumnRule {
        ColumnRule { name: "team".into(), column: " team ".into(), effect, separator: None }
    }

    #[test]
    fn numeric_grades_use_number_gap() {
        let rules = RuleConfig { numeric_grades: true, ..RuleConfig::default() };
        let mentors = vec![person("r1@x.org", "7", "A", ""), person("r2@x.org", "9", "A", "")];
        let mentees = vec![person("e1@x.org", "5", "B", "")];
        let roster = Roster::new(mentors, mentees).unwrap();
        let result = match_roster(&roster, &rules, &Exclusions::new()).unwrap();
        // Gap 2 scores 12, gap 4 is not allowed.
        assert_eq!(result.pairs.len(), 1);
        assert_eq!(result.pairs[0].mentor, 0);
        assert_eq!(result.pairs[0].breakdown.seniority, 12);
    }

    #[test]
    fn non_numeric_grade_rejected() {
        let rules = RuleConfig { numeric_grades: true, ..RuleConfig::default() };
        let roster = Roster::new(
            vec![person("r1@x.org", "Grade 7", "A", "")],
            vec![person("e1@x.org", "5", "B", "")],
        )
        .unwrap();
        let error = match_roster(&roster, &rules, &Exclusions::new()).unwrap_err();
        assert!(
            matches!(error, MatchError::InvalidNumericGrade { role: Role::Mentor, .. }),
            "{error}"
        );
    }

    #[test]
    fn forbidden_column_value_blocks_pair() {
        let rules = RuleConfig {
            column_rules: vec![team_rule(ColumnEffect::Forbidden)],
            ..RuleConfig::default()
        };
        let mentors = vec![
            person("r1@x.org", "Grade 7", "A", "Blue"),
            person("r2@x.org", "Grade 7", "C", "red"),
        ];
        let mentees = vec![person("e1@x.org", "SEO", "B", " BLUE ")];
        let roster = Roster::new(mentors, mentees).unwrap();
        let result = match_roster(&roster, &rules, &Exclusions::new()).unwrap();
        assert_eq!(result.pairs.len(), 1);
        assert_eq!(result.pairs[0].mentor, 1);
    }

    #[test]
    fn column_points_listed_in_breakdown() {
        let rules = RuleConfig {
            column_rules: vec![team_rule(ColumnEffect::Points(-3))],
            ..RuleConfig::default()
        };
        let roster = Roster::new(
            vec![person("r1@x.org", "Grade 7", "A", "Blue")],
            vec![person("e1@x.org", "SEO", "B", "blue")],
        )
        .unwrap();
        let result = match_roster(&roster, &rules, &Exclusions::new()).unwrap();
        let other = &result.pairs[0].breakdown.other;
        assert_eq!(other.len(), 1);
        assert_eq!((other[0].rule.as_str(), other[0].points), ("team", -3));
        assert_eq!(result.total_score, 9 + 10 - 3);
    }

    #[test]
    fn missing_rule_column_rejected() {
        let rules = RuleConfig {
            column_rules: vec![ColumnRule {
                column: "office".into(),
                ..team_rule(ColumnEffect::Required)
            }],
            ..RuleConfig::default()
        };
        let roster = Roster::new(
            vec![person("r1@x.org", "Grade 7", "A", "")],
            vec![person("e1@x.org", "SEO", "B", "")],
        )
        .unwrap();
        let error = match_roster(&roster, &rules, &Exclusions::new()).unwrap_err();
        assert_eq!(
            error,
            MatchError::UnknownColumn {
                rule: "team".into(),
                column: "office".into(),
                role: Role::Mentor
            }
        );
    }

    struct Unbounded;

    impl PairRule for Unbounded {
        fn name(&self) -> &str {
            "unbounded"
        }
        fn max_abs_points(&self) -> i64 {
            i64::MAX
        }
        fn score(&self, _: &Participant, _: &Participant) -> Option<i64> {
            Some(0)
        }
    }

    #[test]
    fn custom_rule_bound_checked() {
        let roster = Roster::new(vec![], vec![]).unwrap();
        let rules = RuleConfig::default();
        let error = Matcher::builder(&roster, &rules).rule(Unbounded).build().unwrap_err();
        assert!(matches!(error, MatchError::InvalidRuleBound { .. }), "{error}");
    }

    #[test]
    fn pin_against_seniority_rejected() {
        let roster = Roster::new(
            vec![person("r1@x.org", "SEO", "A", "")],
            vec![person("e1@x.org", "Grade 7", "B", "")],
        )
        .unwrap();
        let rules = RuleConfig { priority: Priority::Balanced, ..RuleConfig::default() };
        let mut pins = Pins::new();
        pins.insert("r1@x.org", "e1@x.org");
        let error = Matcher::builder(&roster, &rules).pins(&pins).build().unwrap_err();
        let MatchError::InvalidPin { reason, .. } = error else { panic!("{error}") };
        assert_eq!(reason, "the seniority rule does not allow a grade gap of -1");
    }
}
