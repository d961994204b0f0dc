//! Random small instances and a brute-force oracle, shared by the property
//! tests.

#![allow(dead_code)]

use mentor_match_model::{
    Exclusions, GradeLadder, MatchResult, OrganisationRule, Participant, Priority, Roster,
    RuleConfig, SeniorityRule,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

/// A random instance: roster, rules and exclusions.
#[derive(Debug, Clone)]
pub struct Instance {
    pub roster: Roster,
    pub rules: RuleConfig,
    pub exclusions: Exclusions,
}

/// Seeded configuration, so that a failure replays on every machine.
pub fn seeded_config(cases: u32, seed: u64) -> Config {
    Config { cases, rng_seed: RngSeed::Fixed(seed), failure_persistence: None, ..Config::default() }
}

const GRADES: [&str; 6] = ["G0", "G1", "G2", "G3", "G4", "G5"];
const ORGANISATIONS: [&str; 3] = ["Org A", "org a ", "Org B"];
const PROFESSIONS: [&str; 3] = ["Policy", "Digital", "Finance"];
const CHARACTERISTICS: [&str; 3] = ["Gay", "Lesbian", "Trans"];

fn participant_strategy(prefix: &'static str) -> impl Strategy<Value = (Participant, usize)> {
    (
        0..GRADES.len(),
        0..ORGANISATIONS.len(),
        0..PROFESSIONS.len(),
        0u8..8,
        any::<bool>(),
        1u32..=3,
        0usize..8,
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
            )| {
                let characteristics: Vec<&str> = (0..3)
                    .filter(|bit| characteristics & (1 << bit) != 0)
                    .map(|bit| CHARACTERISTICS[bit])
                    .collect();
                let participant = Participant::new("First", "Last", "")
                    .with_grade(GRADES[grade])
                    .with_organisation(ORGANISATIONS[organisation])
                    .with_profession(PROFESSIONS[profession])
                    .with_characteristics(&characteristics)
                    .with_wants_similar_identity(wants)
                    .with_max_matches(capacity);
                let _ = prefix;
                (participant, shared_email)
            },
        )
}

fn rules_strategy() -> impl Strategy<Value = RuleConfig> {
    let seniority = (-1i32..=1, prop::collection::vec(-3i64..=15, 1..=3))
        .prop_map(|(min_gap, points)| SeniorityRule { min_gap, points });
    let organisation = prop_oneof![
        3 => Just(OrganisationRule::MustDiffer),
        1 => (-8i64..=4).prop_map(OrganisationRule::SamePoints),
    ];
    // Non-increasing profession points: sort a random vector descending.
    let profession = prop::collection::vec(-4i64..=12, 1..=3).prop_map(|mut points| {
        points.sort_unstable_by(|a, b| b.cmp(a));
        points
    });
    let priority = prop_oneof![Just(Priority::BestMatches), Just(Priority::MostMentees)];
    (seniority, organisation, profession, 0i64..=8, priority).prop_map(
        |(seniority, organisation, profession_points, characteristic_points, priority)| {
            RuleConfig {
                grades: GradeLadder::new(&GRADES).expect("valid ladder"),
                seniority,
                organisation,
                profession_points,
                characteristic_points,
                priority,
                ..RuleConfig::default()
            }
        },
    )
}

/// Instances with up to `max_side` participants a side. About half use the
/// default rules with a six-grade ladder, the rest random rules.
pub fn instance_strategy(max_side: usize) -> impl Strategy<Value = Instance> {
    let side = move |prefix| prop::collection::vec(participant_strategy(prefix), 0..=max_side);
    let default_rules = prop_oneof![Just(Priority::BestMatches), Just(Priority::MostMentees)]
        .prop_map(|priority| RuleConfig {
            grades: GradeLadder::new(&GRADES).expect("valid ladder"),
            priority,
            ..RuleConfig::default()
        });
    let rules = prop_oneof![default_rules, rules_strategy()];
    (side("mentor"), side("mentee"), rules, prop::collection::vec(any::<bool>(), 25)).prop_map(
        |(mentors, mentees, rules, excluded)| {
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
                    p
                })
                .collect();
            let mentees: Vec<Participant> = mentees
                .into_iter()
                .enumerate()
                .map(|(i, (mut p, shared))| {
                    let shared = if seen.insert(("e", shared)) { shared } else { 99 };
                    p.email = email("mentee", i, shared);
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
            Instance { roster, rules, exclusions }
        },
    )
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
    let gap = rules.grades.index_of(&r.grade)? as i32 - rules.grades.index_of(&e.grade)? as i32;
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
    Some((score, norm(&r.profession) == norm(&e.profession)))
}

fn capacity(participant: &Participant, default: u32) -> usize {
    participant.max_matches.unwrap_or(default) as usize
}

/// The three objective components of a solution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Objective {
    pub total_score: i64,
    pub mentees_matched: usize,
    pub mentors_matched: usize,
}

impl Objective {
    /// Returns the lexicographic key that the priority maximises.
    pub fn key(&self, priority: Priority) -> (i64, i64, i64) {
        let (s, e, r) =
            (self.total_score, self.mentees_matched as i64, self.mentors_matched as i64);
        match priority {
            Priority::BestMatches => (s, e, r),
            Priority::MostMentees => (e, r, s),
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
    Ok(Objective {
        total_score: total,
        mentees_matched: mentee_count.iter().filter(|&&c| c > 0).count(),
        mentors_matched: mentor_count.iter().filter(|&&c| c > 0).count(),
    })
}

/// Computes the optimal objective key by exhaustive dynamic programming
/// over mentees.
///
/// The state is the vector of mentors' used capacities (at most 4^5
/// states). For each mentee every subset of allowed mentors within the
/// capacities is tried. The number of matched mentors depends only on the
/// final state, so each state keeps the best (score, mentees) pair for the
/// priority and the mentor count is added at the end.
pub fn brute_force_optimum(instance: &Instance) -> (i64, i64, i64) {
    use std::collections::HashMap;
    let roster = &instance.roster;
    let rules = &instance.rules;
    let priority = rules.priority;
    let n_mentors = roster.mentors().len();
    let mentor_cap: Vec<usize> =
        roster.mentors().iter().map(|m| capacity(m, rules.mentor_capacity)).collect();

    let better = |a: (i64, i64), b: (i64, i64)| match priority {
        Priority::BestMatches => a > b,
        Priority::MostMentees => (a.1, a.0) > (b.1, b.0),
    };
    let mut states: HashMap<Vec<usize>, (i64, i64)> = HashMap::new();
    states.insert(vec![0; n_mentors], (0, 0));
    for mentee in 0..roster.mentees().len() {
        let cap = capacity(&roster.mentees()[mentee], rules.mentee_capacity);
        let allowed: Vec<(usize, i64, bool)> = (0..n_mentors)
            .filter_map(|r| pair_score(instance, r, mentee).map(|(s, same)| (r, s, same)))
            .collect();
        let mut next: HashMap<Vec<usize>, (i64, i64)> = HashMap::new();
        for (used, &(score, matched)) in &states {
            for subset in 0u32..(1 << allowed.len()) {
                if subset.count_ones() as usize > cap {
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
                let value = (score + gained, matched + i64::from(subset != 0));
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
        .map(|(used, (score, matched))| {
            let objective = Objective {
                total_score: score,
                mentees_matched: matched as usize,
                mentors_matched: used.iter().filter(|&&u| u > 0).count(),
            };
            objective.key(priority)
        })
        .max()
        .expect("the empty matching is always feasible")
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
