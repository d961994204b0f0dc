//! Explanations: every stated reason and change is checked against
//! re-solving with the pair pinned, and against the rules themselves.

mod common;

use common::{
    Instance, dense_instance_strategy, evaluate, instance_strategy, matcher, pair_score,
    seeded_config,
};
use mentor_match_core::Matcher;
use mentor_match_model::{
    Constraint, Exclusions, MatchResult, ObjectiveChange, Participant, ParticipantExplanation,
    Priority, Role, Roster, RuleConfig, Shortfall, ShortfallReason,
};
use proptest::prelude::*;

/// Returns the quantities the priority ranks by, most important first. Balanced
/// weights 1, 2 and 3 matches as 3, 2 and 1 steps, so only that sum and
/// the score are fixed by the optimum.
fn key(priority: Priority, score: i64, mentees: [i64; 3], mentors: i64) -> [i64; 3] {
    match priority {
        Priority::BestMatches => [score, mentees[0], mentors],
        Priority::MostMentees => [mentees[0], mentors, score],
        Priority::Balanced => [3 * mentees[0] + 2 * mentees[1] + mentees[2], score, 0],
    }
}

fn result_key(instance: &Instance, result: &MatchResult) -> Result<[i64; 3], TestCaseError> {
    let objective = evaluate(instance, result).map_err(TestCaseError::fail)?;
    let mentees = objective.mentees_with.map(|count| count as i64);
    Ok(key(
        instance.rules.priority,
        objective.total_score,
        mentees,
        objective.mentors_matched as i64,
    ))
}

fn change_key(priority: Priority, change: &ObjectiveChange) -> [i64; 3] {
    key(
        priority,
        change.total_score,
        [change.mentees_matched, change.mentees_with_two, change.mentees_with_three],
        change.mentors_matched,
    )
}

/// Returns the priority's key of the optimum with one more pin, or `None`
/// when the pin is invalid (for example because it would exceed a
/// capacity).
fn solve_with_pin(instance: &Instance, mentor: usize, mentee: usize) -> Option<[i64; 3]> {
    let mut pinned = instance.clone();
    pinned
        .pins
        .insert(&instance.roster.mentors()[mentor].email, &instance.roster.mentees()[mentee].email);
    let mut builder = Matcher::builder(&pinned.roster, &pinned.rules)
        .exclusions(&pinned.exclusions)
        .pins(&pinned.pins);
    if let Some(rule) = pinned.city_rule {
        builder = builder.rule(rule);
    }
    let result = builder.build().ok()?.solve().expect("solvable");
    Some(result_key(&pinned, &result).expect("feasible"))
}

/// Returns `(mentor, mentee)` of the participant and another one.
fn pair_of(shortfall: &Shortfall, other: usize) -> (usize, usize) {
    match shortfall.role {
        Role::Mentor => (shortfall.participant, other),
        Role::Mentee => (other, shortfall.participant),
    }
}

fn matched(result: &MatchResult, mentor: usize, mentee: usize) -> bool {
    result.pairs.iter().any(|pair| pair.mentor == mentor && pair.mentee == mentee)
}

fn others(instance: &Instance, role: Role) -> usize {
    instance.roster.side(role.other()).len()
}

fn check_explanations(instance: &Instance, limit: Option<usize>) -> Result<(), TestCaseError> {
    let matcher = matcher(instance, limit);
    let report = matcher.solve_detailed().expect("solvable");
    let explanations = matcher.explain(&report).expect("own report");
    let result = &report.result;
    let base = result_key(instance, result)?;
    let priority = instance.rules.priority;
    prop_assert_eq!(explanations.pair_ranks.len(), result.pairs.len());

    for shortfall in &explanations.shortfalls {
        let role = shortfall.role;
        let counts = match role {
            Role::Mentor => &result.mentor_match_counts,
            Role::Mentee => &result.mentee_match_counts,
        };
        prop_assert_eq!(shortfall.matches, counts[shortfall.participant]);
        prop_assert!(shortfall.matches < shortfall.capacity);
        match &shortfall.reason {
            ShortfallReason::WouldLowerObjective { candidate, change, .. }
            | ShortfallReason::EquallyGood { candidate, change, .. } => {
                let (mentor, mentee) = pair_of(shortfall, *candidate);
                prop_assert!(!matched(result, mentor, mentee));
                let forced_key = solve_with_pin(instance, mentor, mentee)
                    .ok_or_else(|| TestCaseError::fail("the named candidate cannot be pinned"))?;
                let actual: Vec<i64> = forced_key.iter().zip(base).map(|(f, b)| f - b).collect();
                prop_assert_eq!(&actual[..], &change_key(priority, change)[..]);
                let equally_good = matches!(shortfall.reason, ShortfallReason::EquallyGood { .. });
                prop_assert_eq!(equally_good, actual.iter().all(|&d| d == 0));
                // No other candidate costs less to force in.
                for other in 0..others(instance, role) {
                    let (mentor, mentee) = pair_of(shortfall, other);
                    if pair_score(instance, mentor, mentee).is_none()
                        || matched(result, mentor, mentee)
                    {
                        continue;
                    }
                    if let Some(other_key) = solve_with_pin(instance, mentor, mentee) {
                        prop_assert!(other_key <= forced_key);
                    }
                }
            }
            ShortfallReason::NoEligibleCandidate { others: count, removed }
            | ShortfallReason::Excluded { others: count, removed } => {
                prop_assert_eq!(*count, others(instance, role));
                let counted: usize = removed.iter().map(|removal| removal.count).sum();
                prop_assert_eq!(counted, *count);
                let mut unexcluded = instance.clone();
                unexcluded.exclusions = Exclusions::new();
                let mut any_excluded = false;
                for other in 0..*count {
                    let (mentor, mentee) = pair_of(shortfall, other);
                    if pair_score(instance, mentor, mentee).is_some()
                        && !matched(result, mentor, mentee)
                    {
                        // Allowed and unmatched: only a full other side explains it.
                        prop_assert!(solve_with_pin(instance, mentor, mentee).is_none());
                    }
                    any_excluded |= pair_score(&unexcluded, mentor, mentee).is_some()
                        && pair_score(instance, mentor, mentee).is_none();
                }
                let excluded_count = removed
                    .iter()
                    .filter(|removal| removal.constraint == Constraint::Excluded)
                    .map(|removal| removal.count)
                    .sum::<usize>();
                prop_assert_eq!(
                    matches!(shortfall.reason, ShortfallReason::Excluded { .. }),
                    excluded_count > 0
                );
                prop_assert!(excluded_count == 0 || any_excluded);
            }
            other => prop_assert!(false, "unexpected reason {other:?}"),
        }
    }

    // Each alternative in a participant's explanation states exactly what
    // pinning it changes.
    for role in [Role::Mentor, Role::Mentee] {
        if instance.roster.side(role).is_empty() {
            continue;
        }
        let explained = matcher.explain_participant(&report, role, 0).expect("in range");
        prop_assert!(explained.alternatives.len() <= ParticipantExplanation::MAX_ALTERNATIVES);
        for alternative in &explained.alternatives {
            let (mentor, mentee) = match role {
                Role::Mentor => (0, alternative.other),
                Role::Mentee => (alternative.other, 0),
            };
            let forced_key = solve_with_pin(instance, mentor, mentee)
                .ok_or_else(|| TestCaseError::fail("an alternative cannot be pinned"))?;
            let actual: Vec<i64> = forced_key.iter().zip(base).map(|(f, b)| f - b).collect();
            prop_assert_eq!(&actual[..], &change_key(priority, &alternative.change)[..]);
        }
    }

    // Everyone short of matches has an explanation.
    for role in [Role::Mentor, Role::Mentee] {
        let counts = match role {
            Role::Mentor => &result.mentor_match_counts,
            Role::Mentee => &result.mentee_match_counts,
        };
        let default = match role {
            Role::Mentor => instance.rules.mentor_capacity,
            Role::Mentee => instance.rules.mentee_capacity,
        };
        for (index, participant) in instance.roster.side(role).iter().enumerate() {
            let capacity = participant.max_matches.unwrap_or(default);
            let listed = explanations
                .shortfalls
                .iter()
                .any(|shortfall| shortfall.role == role && shortfall.participant == index);
            prop_assert_eq!(listed, counts[index] < capacity);
        }
    }
    Ok(())
}

/// Checks each pair's rank against the rules: 1 plus the number of
/// eligible mentors whose standalone value beats the pair's.
fn check_ranks(instance: &Instance) -> Result<(), TestCaseError> {
    let matcher = matcher(instance, Some(2));
    let report = matcher.solve_detailed().expect("solvable");
    let explanations = matcher.explain(&report).expect("own report");
    let result = &report.result;
    let first_slot = instance.rules.profession_points_for_slot(0);
    let value = |(score, same): (i64, bool)| score + if same { first_slot } else { 0 };
    let pinned_count = |mentor: usize| {
        let id = instance.roster.mentors()[mentor].id();
        instance.pins.iter().filter(|(pinned, _)| **pinned == id).count() as u32
    };
    for (pair, rank) in result.pairs.iter().zip(&explanations.pair_ranks) {
        let own = value(pair_score(instance, pair.mentor, pair.mentee).expect("allowed"));
        let mut eligible = 0;
        let mut better = 0;
        for mentor in 0..instance.roster.mentors().len() {
            let Some(scored) = pair_score(instance, mentor, pair.mentee) else { continue };
            let capacity = instance.roster.mentors()[mentor]
                .max_matches
                .unwrap_or(instance.rules.mentor_capacity);
            let pinned_here = instance.pins.contains(
                &instance.roster.mentors()[mentor].id(),
                &instance.roster.mentees()[pair.mentee].id(),
            );
            if capacity <= pinned_count(mentor) && !pinned_here {
                continue;
            }
            eligible += 1;
            better += usize::from(value(scored) > own);
        }
        prop_assert_eq!(rank.eligible, eligible);
        prop_assert_eq!(rank.rank, better + 1);
    }
    Ok(())
}

proptest! {
    #![proptest_config(seeded_config(300, 0x6578_706c_6169_6e21))]

    #[test]
    fn stated_changes_equal_pinned_resolves(instance in instance_strategy(5), limit in prop_oneof![Just(Some(1)), Just(None)]) {
        check_explanations(&instance, limit)?;
    }

    #[test]
    fn stated_changes_hold_on_dense_instances(instance in dense_instance_strategy(5)) {
        check_explanations(&instance, Some(1))?;
    }

    /// Without exclusions, more participants have eligible candidates that
    /// lost out, which exercises the forced-pair searches on both sides.
    #[test]
    fn stated_changes_hold_under_competition(
        instance in dense_instance_strategy(6).prop_map(|mut instance| {
            instance.exclusions = Exclusions::new();
            instance
        }),
        limit in prop_oneof![Just(Some(1)), Just(None)],
    ) {
        check_explanations(&instance, limit)?;
    }

    #[test]
    fn ranks_follow_the_rules(instance in instance_strategy(5)) {
        check_ranks(&instance)?;
    }
}

fn person(email: &str, grade: &str, organisation: &str, profession: &str) -> Participant {
    Participant::new("First", "Last", email)
        .with_grade(grade)
        .with_organisation(organisation)
        .with_profession(profession)
}

fn explain(
    roster: &Roster,
    rules: &RuleConfig,
    exclusions: &Exclusions,
) -> Vec<(String, Shortfall)> {
    let matcher = Matcher::builder(roster, rules).exclusions(exclusions).build().expect("valid");
    let report = matcher.solve_detailed().expect("solvable");
    let explanations = matcher.explain(&report).expect("own report");
    explanations
        .shortfalls
        .into_iter()
        .map(|shortfall| {
            let email = roster.side(shortfall.role)[shortfall.participant].email.clone();
            (email, shortfall)
        })
        .collect()
}

fn reason_of<'a>(shortfalls: &'a [(String, Shortfall)], email: &str) -> &'a Shortfall {
    &shortfalls.iter().find(|(e, _)| e == email).expect("listed").1
}

#[test]
fn no_eligible_mentor_counts_each_rule() {
    // Three mentors at a grade gap the rules forbid and two in the mentee's
    // organisation at an allowed gap.
    let mut mentors: Vec<Participant> = (0..3)
        .map(|i| person(&format!("low{i}@example.org"), "EO", "Treasury", "Policy"))
        .collect();
    mentors.extend(
        (0..2).map(|i| person(&format!("same{i}@example.org"), "Grade 7", "Home Office", "Policy")),
    );
    let mentees = vec![person("e@example.org", "SEO", "Home Office", "Policy")];
    let roster = Roster::new(mentors, mentees).unwrap();
    let rules = RuleConfig::default();
    let shortfalls = explain(&roster, &rules, &Exclusions::new());
    let shortfall = reason_of(&shortfalls, "e@example.org");
    let ShortfallReason::NoEligibleCandidate { others, removed } = &shortfall.reason else {
        panic!("expected no eligible candidate, got {:?}", shortfall.reason);
    };
    assert_eq!(*others, 5);
    let counts: Vec<(Constraint, usize)> =
        removed.iter().map(|removal| (removal.constraint.clone(), removal.count)).collect();
    assert_eq!(counts, vec![(Constraint::Seniority, 3), (Constraint::Organisation, 2)]);
    let sentence = shortfall.sentence(&roster, &rules);
    assert!(sentence.starts_with("No eligible mentor: of the 5 mentors, 3 are not"), "{sentence}");
    assert!(sentence.contains("and 2 are in the same organisation"), "{sentence}");
}

#[test]
fn excluded_mentee_names_the_exclusions() {
    let mentors = vec![
        person("m@example.org", "Grade 7", "Treasury", "Policy"),
        person("low@example.org", "EO", "Treasury", "Policy"),
    ];
    let mentees = vec![person("e@example.org", "SEO", "Home Office", "Policy")];
    let roster = Roster::new(mentors, mentees).unwrap();
    let mut exclusions = Exclusions::new();
    exclusions.insert("m@example.org", "e@example.org");
    let rules = RuleConfig::default();
    let shortfalls = explain(&roster, &rules, &exclusions);
    let shortfall = reason_of(&shortfalls, "e@example.org");
    assert!(matches!(shortfall.reason, ShortfallReason::Excluded { others: 2, .. }));
    let sentence = shortfall.sentence(&roster, &rules);
    assert!(sentence.contains("1 is excluded by the exclusions file"), "{sentence}");
    assert!(sentence.contains("1 is not"), "{sentence}");
}

#[test]
fn losing_mentee_names_the_mentor_and_the_loss() {
    // One mentor with room for one; the Digital mentee scores 10 more
    // (same profession), so the Policy mentee loses out.
    let mentors =
        vec![person("m@example.org", "Grade 7", "Treasury", "Digital").with_max_matches(1)];
    let mentees = vec![
        person("digital@example.org", "SEO", "Home Office", "Digital"),
        person("policy@example.org", "SEO", "Home Office", "Policy"),
    ];
    let roster = Roster::new(mentors, mentees).unwrap();
    let rules = RuleConfig::default();
    let shortfalls = explain(&roster, &rules, &Exclusions::new());
    let shortfall = reason_of(&shortfalls, "policy@example.org");
    let ShortfallReason::WouldLowerObjective { candidate, eligible, change } = &shortfall.reason
    else {
        panic!("expected a worse objective, got {:?}", shortfall.reason);
    };
    assert_eq!((*candidate, *eligible), (0, 1));
    assert_eq!(change.total_score, -10);
    assert_eq!(change.pairs, 0);
    let sentence = shortfall.sentence(&roster, &rules);
    assert!(sentence.contains("<m@example.org>"), "{sentence}");
    assert!(sentence.contains("the total score would fall by 10"), "{sentence}");
}

#[test]
fn tied_mentees_get_an_equally_good_reason() {
    let mentors =
        vec![person("m@example.org", "Grade 7", "Treasury", "Digital").with_max_matches(1)];
    let mentees = vec![
        person("a@example.org", "SEO", "Home Office", "Policy"),
        person("b@example.org", "SEO", "Home Office", "Policy"),
    ];
    let roster = Roster::new(mentors, mentees).unwrap();
    let rules = RuleConfig::default();
    let shortfalls = explain(&roster, &rules, &Exclusions::new());
    let unmatched: Vec<&Shortfall> = shortfalls
        .iter()
        .map(|(_, s)| s)
        .filter(|s| s.role == Role::Mentee && s.matches == 0)
        .collect();
    assert_eq!(unmatched.len(), 1);
    let ShortfallReason::EquallyGood { change, .. } = &unmatched[0].reason else {
        panic!("expected an equally good alternative, got {:?}", unmatched[0].reason);
    };
    assert!(change.is_zero());
}

#[test]
fn explain_rejects_another_matchers_report() {
    let mentors = vec![person("m@example.org", "Grade 7", "Treasury", "Digital")];
    let one =
        Roster::new(mentors.clone(), vec![person("a@example.org", "SEO", "Home Office", "Policy")])
            .unwrap();
    let two = Roster::new(
        mentors,
        vec![
            person("a@example.org", "SEO", "Home Office", "Policy"),
            person("b@example.org", "SEO", "Home Office", "Policy"),
        ],
    )
    .unwrap();
    let rules = RuleConfig::default();
    let first = Matcher::builder(&one, &rules).build().unwrap();
    let second = Matcher::builder(&two, &rules).build().unwrap();
    let report = first.solve_detailed().unwrap();
    assert_eq!(second.explain(&report), Err(mentor_match_core::MatchError::ForeignReport));
    assert!(matches!(
        first.explain_participant(&report, Role::Mentee, 1),
        Err(mentor_match_core::MatchError::NoSuchParticipant { index: 1, count: 1, .. })
    ));
}

/// A mentee filled by a pinned pair has the other mentor as eligible: its
/// own lack of room does not rule anyone out.
#[test]
fn own_pins_do_not_blame_candidates() {
    let mentors = vec![
        person("ann@example.org", "Grade 7", "Treasury", "Policy"),
        person("bob@example.org", "Grade 7", "Cabinet Office", "Policy"),
    ];
    let mentees =
        vec![person("xia@example.org", "SEO", "Home Office", "Policy").with_max_matches(1)];
    let roster = Roster::new(mentors, mentees).unwrap();
    let rules = RuleConfig::default();
    let mut pins = mentor_match_model::Pins::new();
    pins.insert("bob@example.org", "xia@example.org");
    let matcher = Matcher::builder(&roster, &rules).pins(&pins).build().unwrap();
    let report = matcher.solve_detailed().unwrap();
    let xia = matcher.explain_participant(&report, Role::Mentee, 0).unwrap();
    assert_eq!(xia.eligible, 2);
    assert!(xia.removed.is_empty(), "{:?}", xia.removed);
    assert!(xia.shortfall.is_none());
}

/// A mentor filled by pins reports the rule that rules a mentee out, not
/// its own lack of room.
#[test]
fn full_mentor_reports_the_rule() {
    let mentors =
        vec![person("ann@example.org", "Grade 7", "Treasury", "Policy").with_max_matches(1)];
    let mentees = vec![
        person("xia@example.org", "SEO", "Home Office", "Policy"),
        person("yan@example.org", "EO", "Home Office", "Policy"),
    ];
    let roster = Roster::new(mentors, mentees).unwrap();
    let rules = RuleConfig::default();
    let mut pins = mentor_match_model::Pins::new();
    pins.insert("ann@example.org", "xia@example.org");
    let matcher = Matcher::builder(&roster, &rules).pins(&pins).build().unwrap();
    let report = matcher.solve_detailed().unwrap();
    let ann = matcher.explain_participant(&report, Role::Mentor, 0).unwrap();
    let removed: Vec<(Constraint, usize)> =
        ann.removed.iter().map(|removal| (removal.constraint.clone(), removal.count)).collect();
    assert_eq!(removed, vec![(Constraint::Seniority, 1)]);
    assert!(ann.alternatives.is_empty());
    // Yan has no eligible mentor, because of the seniority rule alone.
    let explanations = matcher.explain(&report).unwrap();
    let yan = explanations.shortfalls.iter().find(|s| s.role == Role::Mentee && s.participant == 1);
    let Some(Shortfall { reason: ShortfallReason::NoEligibleCandidate { removed, .. }, .. }) = yan
    else {
        panic!("expected no eligible mentor for yan, got {yan:?}");
    };
    assert_eq!(removed[0].constraint, Constraint::Seniority);
}
