//! Random small instances and a brute-force oracle, shared by the property
//! tests.

#![allow(dead_code)]

use mentor_match_model::{
    ColumnEffect, ColumnRule, Exclusions, GradeLadder, MatchResult, OrganisationRule, Participant,
    Pins, Priority, Roster, RuleConfig, SeniorityRule, comparison_key,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

/// A random instance: roster, rules, exclusions and pins.
#[derive(Debug, Clone)]
pub struct Instance {
    pub roster: Roster,
    pub rules: RuleConfig,
    pub exclusions: Exclusions,
    pub pins: Pins,
    /// A custom rule to add to the matcher, if any.
    pub city_rule: Option<CityRule>,
}

/// A custom rule on the `City` extra column: `points` for the same city
/// (which may be negative), and, with `blank_forbidden`, no pair where
/// either city is blank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CityRule {
    pub points: i64,
    pub blank_forbidden: bool,
}

impl CityRule {
    fn city(participant: &Participant) -> String {
        participant
            .extra
            .iter()
            .find(|(heading, _)| heading == "City")
            .map(|(_, city)| comparison_key(city))
            .unwrap_or_default()
    }
}

impl mentor_match_core::PairRule for CityRule {
    fn name(&self) -> &str {
        "city"
    }

    fn max_abs_points(&self) -> i64 {
        self.points.abs()
    }

    fn score(&self, mentor: &Participant, mentee: &Participant) -> Option<i64> {
        let (a, b) = (Self::city(mentor), Self::city(mentee));
        if self.blank_forbidden && (a.is_empty() || b.is_empty()) {
            return None;
        }
        Some(if !a.is_empty() && a == b { self.points } else { 0 })
    }
}

/// Builds the matcher of an instance with every option it sets.
pub fn matcher(instance: &Instance, limit: Option<usize>) -> mentor_match_core::Matcher<'_> {
    let mut builder = mentor_match_core::Matcher::builder(&instance.roster, &instance.rules)
        .exclusions(&instance.exclusions)
        .pins(&instance.pins)
        .candidate_limit(limit);
    if let Some(rule) = instance.city_rule {
        builder = builder.rule(rule);
    }
    builder.build().expect("valid instance")
}

/// Seeded configuration, so that a failure replays on every machine.
pub fn seeded_config(cases: u32, seed: u64) -> Config {
    Config { cases, rng_seed: RngSeed::Fixed(seed), failure_persistence: None, ..Config::default() }
}

const GRADES: [&str; 6] = ["G0", "G1", "G2", "G3", "G4", "G5"];
const ORGANISATIONS: [&str; 3] = ["Org A", "org a ", "Org B"];
const PROFESSIONS: [&str; 3] = ["Policy", "Digital", "Finance"];
const CHARACTERISTICS: [&str; 3] = ["Gay", "Lesbian", "Trans"];
const CITIES: [&str; 4] = ["Leeds", " leeds ", "York", ""];
const LANGUAGES: [&str; 5] = ["en;fr", "FR", "", "de;  EN", ";"];

fn participant_strategy(
    prefix: &'static str,
    grades: usize,
) -> impl Strategy<Value = (Participant, usize)> {
    (
        0..grades,
        0..ORGANISATIONS.len(),
        0..PROFESSIONS.len(),
        0u8..8,
        any::<bool>(),
        prop_oneof![1 => Just(None), 4 => (0u32..=3).prop_map(Some)],
        0usize..8,
        (0..CITIES.len(), 0..LANGUAGES.len()),
    )
        .prop_map(
            move |(
                grade,
                organisation,
                profession,
                characteristics,
                wants,
                capacity,
                shared_email,
                (city, languages),
            )| {
                let characteristics: Vec<&str> = (0..3)
                    .filter(|bit| characteristics & (1 << bit) != 0)
                    .map(|bit| CHARACTERISTICS[bit])
                    .collect();
                let mut participant = Participant::new("First", "Last", "")
                    .with_grade(GRADES[grade])
                    .with_organisation(ORGANISATIONS[organisation])
                    .with_profession(PROFESSIONS[profession])
                    .with_characteristics(&characteristics)
                    .with_wants_similar_identity(wants);
                participant.max_matches = capacity;
                participant.extra = vec![
                    ("City".to_owned(), CITIES[city].to_owned()),
                    ("languages".to_owned(), LANGUAGES[languages].to_owned()),
                ];
                let _ = prefix;
                (participant, shared_email)
            },
        )
}

fn rules_strategy(dense: bool) -> impl Strategy<Value = RuleConfig> {
    let (min_gaps, gap_counts) = if dense { (-1i32..=0, 2..=3) } else { (-1i32..=1, 1..=3) };
    let seniority = (min_gaps, prop::collection::vec(-3i64..=15, gap_counts))
        .prop_map(|(min_gap, points)| SeniorityRule { min_gap, points });
    let must_differ = if dense { 1 } else { 3 };
    let organisation = prop_oneof![
        must_differ => Just(OrganisationRule::MustDiffer),
        1 => (-8i64..=4).prop_map(OrganisationRule::SamePoints),
    ];
    // Non-increasing profession points: sort a random vector descending.
    let profession = prop::collection::vec(-4i64..=12, 1..=3).prop_map(|mut points| {
        points.sort_unstable_by(|a, b| b.cmp(a));
        points
    });
    let effects = if dense { 0u8..6 } else { 0u8..3 };
    let column_rule =
        (any::<bool>(), effects, -5i64..=8).prop_map(|(list, effect, points)| ColumnRule {
            name: String::new(),
            column: if list { "Languages".to_owned() } else { "city".to_owned() },
            effect: match effect {
                0 => ColumnEffect::Required,
                1 => ColumnEffect::Forbidden,
                _ => ColumnEffect::Points(points),
            },
            separator: list.then(|| ";".to_owned()),
        });
    let column_rules = prop::collection::vec(column_rule, 0..=2).prop_map(|mut rules| {
        for (i, rule) in rules.iter_mut().enumerate() {
            rule.name = format!("rule {i}");
        }
        rules
    });
    let other = (any::<bool>(), 1u32..=3, 1u32..=3, prop_oneof![3 => Just(false), 1 => Just(true)]);
    (seniority, organisation, profession, 0i64..=8, priority_strategy(), column_rules, other)
        .prop_map(
            |(
                seniority,
                organisation,
                profession_points,
                characteristic_points,
                priority,
                column_rules,
                (characteristic_required, mentee_capacity, mentor_capacity, numeric_grades),
            )| {
                RuleConfig {
                    grades: GradeLadder::new(&GRADES).expect("valid ladder"),
                    numeric_grades,
                    mentee_capacity,
                    mentor_capacity,
                    seniority,
                    organisation,
                    profession_points,
                    characteristic_points,
                    characteristic_required,
                    column_rules,
                    priority,
                }
            },
        )
}

fn priority_strategy() -> impl Strategy<Value = Priority> {
    prop_oneof![Just(Priority::BestMatches), Just(Priority::MostMentees), Just(Priority::Balanced)]
}

/// Returns the grade text of ladder position `index`: the ladder name, or a
/// number (some negative) under numeric grades.
fn grade_text(index: usize, numeric: bool) -> String {
    if numeric { (index as i32 - 2).to_string() } else { GRADES[index].to_owned() }
}

/// Instances with up to `max_side` participants a side. About half use the
/// default rules with a six-grade ladder, the rest random rules.
pub fn instance_strategy(max_side: usize) -> impl Strategy<Value = Instance> {
    instances(max_side, false)
}

/// Instances with up to `max_side` participants a side, three grades,
/// random rules that allow most pairs, and pins on about one allowed pair
/// in four, so that mentees with three matches and pins are common.
pub fn dense_instance_strategy(max_side: usize) -> impl Strategy<Value = Instance> {
    instances(max_side, true)
}

fn instances(max_side: usize, dense: bool) -> impl Strategy<Value = Instance> {
    let grades = if dense { 3 } else { GRADES.len() };
    let min_side = if dense { 2 } else { 0 };
    let side = move |prefix| {
        prop::collection::vec(participant_strategy(prefix, grades), min_side..=max_side)
    };
    let default_rules = priority_strategy().prop_map(|priority| RuleConfig {
        grades: GradeLadder::new(&GRADES).expect("valid ladder"),
        priority,
        ..RuleConfig::default()
    });
    let rules = if dense {
        rules_strategy(true).boxed()
    } else {
        prop_oneof![default_rules, rules_strategy(false)].boxed()
    };
    let pin_threshold = if dense { 4 } else { 2 };
    let pinned = prop::collection::vec(0u8..16, 25);
    let city_rule = prop_oneof![
        2 => Just(None),
        1 => (-6i64..=9, any::<bool>())
            .prop_map(|(points, blank_forbidden)| Some(CityRule { points, blank_forbidden })),
    ];
    (
        side("mentor"),
        side("mentee"),
        rules,
        prop::collection::vec(any::<bool>(), 25),
        (pinned, city_rule),
    )
        .prop_map(move |(mentors, mentees, rules, excluded, (pinned, city_rule))| {
            // Participants with the same `shared_email` value below 3 on both
            // sides are the same person; the others get unique emails.
            let email = |role: &str, index: usize, shared: usize| {
                if shared < 3 {
                    format!("person{shared}@example.org")
                } else {
                    format!("{role}{index}@example.org")
                }
            };
            let mut seen = std::collections::HashSet::new();
            let mentors: Vec<Participant> = mentors
                .into_iter()
                .enumerate()
                .map(|(i, (mut p, shared))| {
                    let shared = if seen.insert(("r", shared)) { shared } else { 99 };
                    p.email = email("mentor", i, shared);
                    set_grade_text(&mut p, rules.numeric_grades);
                    p
                })
                .collect();
            let mentees: Vec<Participant> = mentees
                .into_iter()
                .enumerate()
                .map(|(i, (mut p, shared))| {
                    let shared = if seen.insert(("e", shared)) { shared } else { 99 };
                    p.email = email("mentee", i, shared);
                    set_grade_text(&mut p, rules.numeric_grades);
                    p
                })
                .collect();
            let mut exclusions = Exclusions::new();
            for (r, mentor) in mentors.iter().enumerate() {
                for (e, mentee) in mentees.iter().enumerate() {
                    if excluded[(r * 5 + e) % 25] && (r + e) % 2 == 0 {
                        exclusions.insert(&mentor.email, &mentee.email);
                    }
                }
            }
            let roster = Roster::new(mentors, mentees).expect("unique emails per side");
            let mut instance = Instance { roster, rules, exclusions, pins: Pins::new(), city_rule };
            instance.pins = random_pins(&instance, &pinned, pin_threshold);
            instance
        })
}

fn set_grade_text(participant: &mut Participant, numeric: bool) {
    let index = GRADES.iter().position(|g| *g == participant.grade).expect("generated grade");
    participant.grade = grade_text(index, numeric);
}

/// Pins allowed pairs whose draw (out of 16) is below `threshold`, within
/// every capacity.
fn random_pins(instance: &Instance, draws: &[u8], threshold: u8) -> Pins {
    let roster = &instance.roster;
    let rules = &instance.rules;
    let mut pins = Pins::new();
    let mut mentor_used = vec![0; roster.mentors().len()];
    let mut mentee_used = vec![0; roster.mentees().len()];
    for (r, mentor) in roster.mentors().iter().enumerate() {
        for (e, mentee) in roster.mentees().iter().enumerate() {
            let draw = draws[(r * 7 + e * 3) % draws.len()];
            if draw >= threshold || pair_score(instance, r, e).is_none() {
                continue;
            }
            if mentor_used[r] < capacity(mentor, rules.mentor_capacity)
                && mentee_used[e] < capacity(mentee, rules.mentee_capacity)
            {
                mentor_used[r] += 1;
                mentee_used[e] += 1;
                pins.insert(&mentor.email, &mentee.email);
            }
        }
    }
    pins
}

/// Returns the comparison keys of a participant's non-blank values in an
/// extra column, split by `separator` when given.
fn column_values(participant: &Participant, rule: &ColumnRule) -> Vec<String> {
    let heading = comparison_key(&rule.column);
    let value = participant
        .extra
        .iter()
        .find(|(name, _)| comparison_key(name) == heading)
        .map_or(String::new(), |(_, value)| value.clone());
    let items: Vec<&str> = match &rule.separator {
        Some(separator) => value.split(separator.as_str()).collect(),
        None => vec![value.as_str()],
    };
    items.into_iter().map(comparison_key).filter(|item| !item.is_empty()).collect()
}

/// Computes straight from the rule definitions the score of a pair without
/// profession points and whether the professions match. Returns `None` when
/// the pair is not allowed.
pub fn pair_score(instance: &Instance, mentor: usize, mentee: usize) -> Option<(i64, bool)> {
    let r = &instance.roster.mentors()[mentor];
    let e = &instance.roster.mentees()[mentee];
    let rules = &instance.rules;
    let norm = mentor_match_model::comparison_key;
    if norm(&r.email) == norm(&e.email) || instance.exclusions.contains(&r.id(), &e.id()) {
        return None;
    }
    let rank = |grade: &str| -> Option<i32> {
        if rules.numeric_grades {
            grade.trim().parse().ok()
        } else {
            rules.grades.index_of(grade).map(|index| index as i32)
        }
    };
    let gap = rank(&r.grade)? - rank(&e.grade)?;
    let mut score = rules.seniority.points_for_gap(gap)?;
    if norm(&r.organisation) == norm(&e.organisation) {
        match rules.organisation {
            OrganisationRule::MustDiffer => return None,
            OrganisationRule::SamePoints(points) => score += points,
        }
    }
    let shared =
        e.characteristics.iter().any(|c| r.characteristics.iter().any(|d| norm(c) == norm(d)));
    if e.wants_similar_identity && shared {
        score += rules.characteristic_points;
    }
    if e.wants_similar_identity && !shared && rules.characteristic_required {
        return None;
    }
    for rule in &rules.column_rules {
        let mentor_values = column_values(r, rule);
        let shares = column_values(e, rule).iter().any(|value| mentor_values.contains(value));
        match rule.effect {
            ColumnEffect::Required if !shares => return None,
            ColumnEffect::Forbidden if shares => return None,
            ColumnEffect::Points(points) if shares => score += points,
            _ => {}
        }
    }
    if let Some(rule) = instance.city_rule {
        let city = |p: &Participant| {
            let value = p.extra.iter().find(|(h, _)| h == "City").map(|(_, v)| v.as_str());
            norm(value.unwrap_or(""))
        };
        let (a, b) = (city(r), city(e));
        if rule.blank_forbidden && (a.is_empty() || b.is_empty()) {
            return None;
        }
        if !a.is_empty() && a == b {
            score += rule.points;
        }
    }
    Some((score, norm(&r.profession) == norm(&e.profession)))
}

fn capacity(participant: &Participant, default: u32) -> usize {
    participant.max_matches.unwrap_or(default) as usize
}

/// The objective components of a solution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Objective {
    pub total_score: i64,
    /// Mentees with at least 1, 2 and 3 matches.
    pub mentees_with: [usize; 3],
    pub mentors_matched: usize,
}

impl Objective {
    /// Returns the lexicographic key that the priority maximises, padded
    /// with zeros.
    pub fn key(&self, priority: Priority) -> [i64; 4] {
        let s = self.total_score;
        let [e1, e2, e3] = self.mentees_with.map(|count| count as i64);
        let r = self.mentors_matched as i64;
        match priority {
            Priority::BestMatches => [s, e1, r, 0],
            Priority::MostMentees => [e1, r, s, 0],
            Priority::Balanced => [e1, e2, e3, s],
        }
    }
}

/// Checks a result against the rules and returns its objective, or a
/// description of the first violation.
pub fn evaluate(instance: &Instance, result: &MatchResult) -> Result<Objective, String> {
    let roster = &instance.roster;
    let rules = &instance.rules;
    let mut mentor_count = vec![0usize; roster.mentors().len()];
    let mut mentee_count = vec![0usize; roster.mentees().len()];
    let mut same_profession = vec![0usize; roster.mentees().len()];
    let mut total = 0i64;
    let mut seen = std::collections::HashSet::new();
    for pair in &result.pairs {
        if !seen.insert((pair.mentor, pair.mentee)) {
            return Err(format!("pair {:?} appears twice", (pair.mentor, pair.mentee)));
        }
        let Some((score, same)) = pair_score(instance, pair.mentor, pair.mentee) else {
            return Err(format!("pair {:?} is not allowed", (pair.mentor, pair.mentee)));
        };
        let is_pinned = instance
            .pins
            .contains(&roster.mentors()[pair.mentor].id(), &roster.mentees()[pair.mentee].id());
        if pair.pinned != is_pinned {
            return Err(format!(
                "pair {:?} has pinned {}, expected {is_pinned}",
                (pair.mentor, pair.mentee),
                pair.pinned
            ));
        }
        let expected_rules: Vec<&str> = rules
            .column_rules
            .iter()
            .filter(|rule| matches!(rule.effect, ColumnEffect::Points(_)))
            .map(|rule| rule.name.as_str())
            .chain(instance.city_rule.map(|_| "city"))
            .collect();
        let listed: Vec<&str> = pair.breakdown.other.iter().map(|p| p.rule.as_str()).collect();
        if listed != expected_rules {
            return Err(format!(
                "pair {pair:?} lists rules {listed:?}, expected {expected_rules:?}"
            ));
        }
        if pair.breakdown.total() != pair.score {
            return Err(format!(
                "pair score {} differs from its breakdown {:?}",
                pair.score, pair.breakdown
            ));
        }
        if pair.score - pair.breakdown.profession != score {
            return Err(format!(
                "pair {:?} scores {} without profession, expected {score}",
                pair, pair.score
            ));
        }
        if same {
            same_profession[pair.mentee] += 1;
        } else if pair.breakdown.profession != 0 {
            return Err(format!("pair {pair:?} has profession points across professions"));
        }
        total += score;
        mentor_count[pair.mentor] += 1;
        mentee_count[pair.mentee] += 1;
    }
    for (r, &count) in mentor_count.iter().enumerate() {
        if count > capacity(&roster.mentors()[r], rules.mentor_capacity) {
            return Err(format!("mentor {r} has {count} matches, over capacity"));
        }
        if result.mentor_match_counts[r] as usize != count {
            return Err(format!(
                "mentor {r} count {} but {count} pairs",
                result.mentor_match_counts[r]
            ));
        }
    }
    for (e, &count) in mentee_count.iter().enumerate() {
        if count > capacity(&roster.mentees()[e], rules.mentee_capacity) {
            return Err(format!("mentee {e} has {count} matches, over capacity"));
        }
        if result.mentee_match_counts[e] as usize != count {
            return Err(format!(
                "mentee {e} count {} but {count} pairs",
                result.mentee_match_counts[e]
            ));
        }
    }
    let profession: i64 = same_profession
        .iter()
        .map(|&k| (0..k).map(|slot| rules.profession_points_for_slot(slot)).sum::<i64>())
        .sum();
    total += profession;
    let reported_profession: i64 = result.pairs.iter().map(|p| p.breakdown.profession).sum();
    if reported_profession != profession {
        return Err(format!("profession points {reported_profession}, expected {profession}"));
    }
    if result.total_score != total {
        return Err(format!("total score {} but pairs add up to {total}", result.total_score));
    }
    let pinned_in_result = result.pairs.iter().filter(|pair| pair.pinned).count();
    if pinned_in_result != instance.pins.len() {
        return Err(format!("{pinned_in_result} pinned pairs matched of {}", instance.pins.len()));
    }
    Ok(Objective {
        total_score: total,
        mentees_with: [1, 2, 3].map(|k| mentee_count.iter().filter(|&&c| c >= k).count()),
        mentors_matched: mentor_count.iter().filter(|&&c| c > 0).count(),
    })
}

/// Computes the optimal objective key by exhaustive dynamic programming
/// over mentees.
///
/// The state is the vector of mentors' used capacities (at most 4^5
/// states). For each mentee every subset of allowed mentors within the
/// capacities that contains the mentee's pinned mentors is tried. The
/// number of matched mentors depends only on the final state, so each state
/// keeps the best (score, mentees with at least 1, 2, 3 matches) for the
/// priority, and the mentor count is added at the end.
pub fn brute_force_optimum(instance: &Instance) -> [i64; 4] {
    use std::collections::HashMap;
    let roster = &instance.roster;
    let rules = &instance.rules;
    let priority = rules.priority;
    let n_mentors = roster.mentors().len();
    let mentor_cap: Vec<usize> =
        roster.mentors().iter().map(|m| capacity(m, rules.mentor_capacity)).collect();

    // (score, mentees with >= 1, >= 2, >= 3 matches)
    type Value = (i64, i64, i64, i64);
    let better = |a: Value, b: Value| match priority {
        Priority::BestMatches => (a.0, a.1) > (b.0, b.1),
        Priority::MostMentees => (a.1, a.0) > (b.1, b.0),
        _ => (a.1, a.2, a.3, a.0) > (b.1, b.2, b.3, b.0),
    };
    let mut states: HashMap<Vec<usize>, Value> = HashMap::new();
    states.insert(vec![0; n_mentors], (0, 0, 0, 0));
    for mentee in 0..roster.mentees().len() {
        let cap = capacity(&roster.mentees()[mentee], rules.mentee_capacity);
        let mentee_id = roster.mentees()[mentee].id();
        let allowed: Vec<(usize, i64, bool)> = (0..n_mentors)
            .filter_map(|r| pair_score(instance, r, mentee).map(|(s, same)| (r, s, same)))
            .collect();
        let pinned_mask: u32 = allowed
            .iter()
            .enumerate()
            .filter(|(_, (r, _, _))| instance.pins.contains(&roster.mentors()[*r].id(), &mentee_id))
            .map(|(bit, _)| 1 << bit)
            .sum();
        let mut next: HashMap<Vec<usize>, Value> = HashMap::new();
        for (used, &(score, at_least_1, at_least_2, at_least_3)) in &states {
            for subset in 0u32..(1 << allowed.len()) {
                let size = subset.count_ones() as usize;
                if size > cap || subset & pinned_mask != pinned_mask {
                    continue;
                }
                let mut new_used = used.clone();
                let mut gained = 0i64;
                let mut same = 0usize;
                let mut feasible = true;
                for (bit, &(r, s, same_prof)) in allowed.iter().enumerate() {
                    if subset & (1 << bit) != 0 {
                        new_used[r] += 1;
                        feasible &= new_used[r] <= mentor_cap[r];
                        gained += s;
                        same += usize::from(same_prof);
                    }
                }
                if !feasible {
                    continue;
                }
                gained += (0..same).map(|slot| rules.profession_points_for_slot(slot)).sum::<i64>();
                let value = (
                    score + gained,
                    at_least_1 + i64::from(size >= 1),
                    at_least_2 + i64::from(size >= 2),
                    at_least_3 + i64::from(size >= 3),
                );
                let entry = next.entry(new_used).or_insert(value);
                if better(value, *entry) {
                    *entry = value;
                }
            }
        }
        states = next;
    }
    states
        .into_iter()
        .map(|(used, (score, at_least_1, at_least_2, at_least_3))| {
            let objective = Objective {
                total_score: score,
                mentees_with: [at_least_1 as usize, at_least_2 as usize, at_least_3 as usize],
                mentors_matched: used.iter().filter(|&&u| u > 0).count(),
            };
            objective.key(priority)
        })
        .max()
        .expect("the pins alone are a feasible matching")
}

/// Pairs as (mentor email, mentee email, score), sorted, so that results of
/// differently ordered rosters compare.
pub fn pairs_by_email(roster: &Roster, result: &MatchResult) -> Vec<(String, String, i64)> {
    let mut pairs: Vec<_> = result
        .pairs
        .iter()
        .map(|p| {
            (
                roster.mentors()[p.mentor].email.clone(),
                roster.mentees()[p.mentee].email.clone(),
                p.score,
            )
        })
        .collect();
    pairs.sort();
    pairs
}
