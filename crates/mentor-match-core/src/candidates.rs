//! Scoring: the compatibility graph of allowed pairs and their points.

use std::collections::HashMap;

use mentor_match_model::{Exclusions, OrganisationRule, ParticipantId, RuleConfig, ScoreBreakdown};
use rayon::prelude::*;

use crate::compile::CompiledRoster;

/// Rules compiled for scoring one pair from attribute ids.
#[derive(Debug, Clone)]
pub(crate) struct PairScorer<'a> {
    roster: &'a CompiledRoster,
    min_gap: i32,
    gap_points: &'a [i64],
    organisation: OrganisationRule,
    characteristic_points: i64,
}

impl<'a> PairScorer<'a> {
    pub fn new(roster: &'a CompiledRoster, rules: &'a RuleConfig) -> Self {
        PairScorer {
            roster,
            min_gap: rules.seniority.min_gap,
            gap_points: &rules.seniority.points,
            organisation: rules.organisation,
            characteristic_points: rules.characteristic_points,
        }
    }

    /// Scores a pair by canonical positions, without the profession points
    /// (which depend on the mentee's other matches). Returns `None` when a
    /// hard rule forbids the pair; self-matches and exclusions are checked
    /// by the caller.
    pub fn score(&self, mentor: usize, mentee: usize) -> Option<ScoreBreakdown> {
        let mentors = &self.roster.mentors;
        let mentees = &self.roster.mentees;
        let gap = mentors.grade[mentor] - mentees.grade[mentee];
        let seniority =
            *usize::try_from(gap - self.min_gap).ok().and_then(|i| self.gap_points.get(i))?;
        let organisation = if mentors.organisation[mentor] == mentees.organisation[mentee] {
            match self.organisation {
                OrganisationRule::MustDiffer => return None,
                OrganisationRule::SamePoints(points) => points,
            }
        } else {
            0
        };
        let characteristic =
            if mentees.wants_similar[mentee] && self.roster.shares_characteristic(mentor, mentee) {
                self.characteristic_points
            } else {
                0
            };
        Some(ScoreBreakdown { seniority, organisation, profession: 0, characteristic })
    }

    /// Returns `true` when mentor and mentee have the same profession.
    pub fn same_profession(&self, mentor: usize, mentee: usize) -> bool {
        self.roster.mentors.profession[mentor] == self.roster.mentees.profession[mentee]
    }
}

/// Allowed pairs in compressed sparse row form, by mentee position.
///
/// Mentee `i`'s candidates are entries `offsets[i]..offsets[i + 1]`, sorted
/// by mentor position. `score` excludes profession points.
#[derive(Debug, Clone, Default)]
pub(crate) struct CandidateGraph {
    pub offsets: Vec<usize>,
    pub mentor: Vec<u32>,
    pub score: Vec<i64>,
    pub same_profession: Vec<bool>,
}

impl CandidateGraph {
    /// Scores every allowed pair, in parallel over mentees.
    ///
    /// Mentors are bucketed by grade, so only mentors at an allowed
    /// seniority gap are visited: `O(sum over mentees of mentors at allowed
    /// gaps)` rather than `O(mentors * mentees)`.
    pub fn build(roster: &CompiledRoster, rules: &RuleConfig, exclusions: &Exclusions) -> Self {
        let scorer = PairScorer::new(roster, rules);
        let n_grades = rules.grades.len();
        let mut mentors_by_grade: Vec<Vec<u32>> = vec![Vec::new(); n_grades];
        for (position, &grade) in roster.mentors.grade.iter().enumerate() {
            mentors_by_grade[grade as usize].push(position as u32);
        }
        let same_person = roster.same_person();
        let excluded = excluded_mentors_by_mentee(roster, exclusions);
        let gaps: Vec<i32> = (rules.seniority.min_gap..=rules.seniority.max_gap()).collect();

        let per_mentee: Vec<Vec<(u32, i64, bool)>> = (0..roster.mentees.len())
            .into_par_iter()
            .map(|mentee| {
                let mut list = Vec::new();
                if roster.mentees.capacity[mentee] == 0 {
                    return list;
                }
                let grade = roster.mentees.grade[mentee];
                for &gap in &gaps {
                    let Some(bucket) =
                        usize::try_from(grade + gap).ok().and_then(|g| mentors_by_grade.get(g))
                    else {
                        continue;
                    };
                    for &mentor in bucket {
                        let m = mentor as usize;
                        if roster.mentors.capacity[m] == 0
                            || same_person[mentee] == Some(mentor)
                            || excluded[mentee].binary_search(&mentor).is_ok()
                        {
                            continue;
                        }
                        if let Some(breakdown) = scorer.score(m, mentee) {
                            list.push((
                                mentor,
                                breakdown.total(),
                                scorer.same_profession(m, mentee),
                            ));
                        }
                    }
                }
                list.sort_unstable_by_key(|&(mentor, _, _)| mentor);
                list
            })
            .collect();

        let total: usize = per_mentee.iter().map(Vec::len).sum();
        let mut graph = CandidateGraph {
            offsets: Vec::with_capacity(per_mentee.len() + 1),
            mentor: Vec::with_capacity(total),
            score: Vec::with_capacity(total),
            same_profession: Vec::with_capacity(total),
        };
        graph.offsets.push(0);
        for list in per_mentee {
            for (mentor, score, same_profession) in list {
                graph.mentor.push(mentor);
                graph.score.push(score);
                graph.same_profession.push(same_profession);
            }
            graph.offsets.push(graph.mentor.len());
        }
        graph
    }

    /// Returns the number of allowed pairs.
    pub fn len(&self) -> usize {
        self.mentor.len()
    }

    /// Returns the candidate range of a mentee.
    pub fn range(&self, mentee: usize) -> std::ops::Range<usize> {
        self.offsets[mentee]..self.offsets[mentee + 1]
    }
}

/// Translates excluded pairs into sorted mentor positions per mentee
/// position, dropping pairs that name someone not on the roster.
fn excluded_mentors_by_mentee(roster: &CompiledRoster, exclusions: &Exclusions) -> Vec<Vec<u32>> {
    let mut excluded = vec![Vec::new(); roster.mentees.len()];
    if exclusions.is_empty() {
        return excluded;
    }
    let position = |ids: &[ParticipantId]| -> HashMap<ParticipantId, u32> {
        ids.iter().enumerate().map(|(p, id)| (id.clone(), p as u32)).collect()
    };
    let mentor_position = position(&roster.mentors.ids);
    let mentee_position = position(&roster.mentees.ids);
    for pair in exclusions.iter() {
        if let (Some(&mentor), Some(&mentee)) =
            (mentor_position.get(&pair.mentor), mentee_position.get(&pair.mentee))
        {
            excluded[mentee as usize].push(mentor);
        }
    }
    for list in &mut excluded {
        list.sort_unstable();
        list.dedup();
    }
    excluded
}
