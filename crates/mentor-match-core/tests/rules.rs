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

    #[test]
    fn capacity_above_bound_rejected() {
        for max_matches in [u32::MAX, 1_000_000_000, 1_001] {
            let mentor = person("r1@x.org", "Grade 7", "A", "").with_max_matches(max_matches);
            let roster =
                Roster::new(vec![mentor], vec![person("e1@x.org", "SEO", "B", "")]).unwrap();
            let error =
                match_roster(&roster, &RuleConfig::default(), &Exclusions::new()).unwrap_err();
            assert_eq!(
                error,
                MatchError::CapacityOutOfRange {
                    role: Role::Mentor,
                    id: roster.mentors()[0].id(),
                    capacity: max_matches,
                }
            );
            assert!(error.to_string().contains("r1@x.org"), "{error}");
        }
    }

    #[test]
    fn capacity_at_bound_matches() {
        let mentee = person("e1@x.org", "SEO", "B", "").with_max_matches(1_000);
        let roster =
            Roster::new(vec![person("r1@x.org", "Grade 7", "A", "")], vec![mentee]).unwrap();
        let result = match_roster(&roster, &RuleConfig::default(), &Exclusions::new()).unwrap();
        assert_eq!(result.pairs.len(), 1);
    }

    fn language_rule(effect: ColumnEffect) -> ColumnRule {
        ColumnRule {
            name: "language".into(),
            column: "languages".into(),
            effect,
            separator: Some(" / ".into()),
        }
    }

    fn speaker(email: &str, grade: &str, organisation: &str, languages: &str) -> Participant {
        let mut participant = person(email, grade, organisation, "");
        participant.extra.push(("Languages".to_owned(), languages.to_owned()));
        participant
    }

    #[test]
    fn spaced_separator_forbids_shared_items() {
        let rules = RuleConfig {
            column_rules: vec![language_rule(ColumnEffect::Forbidden)],
            ..RuleConfig::default()
        };
        // Readers trim cells, so the trailing " / " arrives as " /".
        for (mentor, mentee) in
            [("French / Welsh /", "Welsh / French /"), ("French / Welsh / ", "Welsh / French / ")]
        {
            let roster = Roster::new(
                vec![speaker("r1@x.org", "Grade 7", "A", mentor)],
                vec![speaker("e1@x.org", "SEO", "B", mentee)],
            )
            .unwrap();
            let result = match_roster(&roster, &rules, &Exclusions::new()).unwrap();
            assert!(result.pairs.is_empty(), "{mentor:?} and {mentee:?} were matched");
        }
    }

    #[test]
    fn spaced_separator_scores_shared_items() {
        for (effect, points) in [
            (ColumnEffect::Points(4), 4),
            (ColumnEffect::Points(-4), -4),
            (ColumnEffect::Required, 0),
        ] {
            let rules =
                RuleConfig { column_rules: vec![language_rule(effect)], ..RuleConfig::default() };
            let roster = Roster::new(
                vec![speaker("r1@x.org", "Grade 7", "A", "French / Welsh /")],
                vec![speaker("e1@x.org", "SEO", "B", "/ welsh")],
            )
            .unwrap();
            let result = match_roster(&roster, &rules, &Exclusions::new()).unwrap();
            assert_eq!(result.pairs.len(), 1, "{effect:?}");
            assert_eq!(result.total_score, 9 + 10 + points, "{effect:?}");
        }
    }

    struct Named(&'static str);

    impl PairRule for Named {
        fn name(&self) -> &str {
            self.0
        }
        fn max_abs_points(&self) -> i64 {
            1
        }
        fn score(&self, _: &Participant, _: &Participant) -> Option<i64> {
            Some(0)
        }
    }

    #[test]
    fn custom_rule_name_clashes_rejected() {
        let roster = Roster::new(vec![], vec![]).unwrap();
        let rules = RuleConfig {
            column_rules: vec![team_rule(ColumnEffect::Points(1))],
            ..RuleConfig::default()
        };
        let cases: [(&[&'static str], &str, &str); 5] = [
            (&["  "], "  ", "the name is blank"),
            (&["Seniority"], "Seniority", "the built-in rule \"seniority\" has this name"),
            (&[" TEAM "], " TEAM ", "the column rule \"team\" has this name"),
            (
                &["same city", "Same  City"],
                "Same  City",
                "another custom rule, \"same city\", has this name",
            ),
            (&["organisation"], "organisation", "the built-in rule \"organisation\" has this name"),
        ];
        for (names, name, reason) in cases {
            let mut builder = Matcher::builder(&roster, &rules);
            for &custom in names {
                builder = builder.rule(Named(custom));
            }
            let error = builder.build().unwrap_err();
            assert_eq!(
                error,
                MatchError::InvalidRuleName { name: name.into(), reason: reason.into() },
                "{names:?}"
            );
        }
    }

    #[test]
    fn distinct_custom_rule_names_accepted() {
        let roster = Roster::new(vec![], vec![]).unwrap();
        let rules = RuleConfig::default();
        let matcher = Matcher::builder(&roster, &rules)
            .rule(Named("same city"))
            .rule(Named("team"))
            .build()
            .unwrap();
        let result = matcher.solve().unwrap();
        let recorded: Vec<(&str, i64)> = result
            .custom_rules
            .iter()
            .map(|rule| (rule.name.as_str(), rule.max_abs_points))
            .collect();
        assert_eq!(recorded, [("same city", 1), ("team", 1)]);
    }

    #[test]
    fn result_without_custom_rules_lists_none() {
        let roster = Roster::new(vec![], vec![]).unwrap();
        let result = match_roster(&roster, &RuleConfig::default(), &Exclusions::new()).unwrap();
        assert!(result.custom_rules.is_empty());
    }
}
