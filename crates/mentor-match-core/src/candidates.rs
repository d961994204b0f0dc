//! Scoring: the compatibility graph of allowed pairs and their points.

use std::collections::HashMap;

use mentor_match_model::{
    ColumnEffect, Constraint, Exclusions, OrganisationRule, ParticipantId, Role, RuleConfig,
    RulePoints, ScoreBreakdown,
};
use rayon::prelude::*;

use crate::compile::CompiledRoster;
use crate::select::BestPerClass;

/// Rules compiled for scoring one pair from attribute ids.
///
/// Every hard rule except self-matches, exclusions and pins lives here, so
/// that candidate selection and pricing, which both enumerate pairs through
/// [`AllowedPairs::for_each`], agree by construction.
#[derive(Debug, Clone)]
pub(crate) struct PairScorer<'a> {
    pub roster: &'a CompiledRoster,
    rules: &'a RuleConfig,
    min_gap: i32,
    gap_points: &'a [i64],
    organisation: OrganisationRule,
    characteristic_points: i64,
    characteristic_required: bool,
    /// `false` when there are no column or custom rules, which lets the
    /// hot loop skip them.
    has_other_rules: bool,
}

impl<'a> PairScorer<'a> {
    pub fn new(roster: &'a CompiledRoster, rules: &'a RuleConfig) -> Self {
        PairScorer {
            roster,
            rules,
            min_gap: rules.seniority.min_gap,
            gap_points: &rules.seniority.points,
            organisation: rules.organisation,
            characteristic_points: rules.characteristic_points,
            characteristic_required: rules.characteristic_required,
            has_other_rules: !roster.column_rules.is_empty() || !roster.custom.rules.is_empty(),
        }
    }

    /// Scores a pair by canonical positions, without the profession points
    /// (which depend on the mentee's other matches). Returns `None` when a
    /// hard rule forbids the pair. The caller checks self-matches,
    /// exclusions and pins.
    #[inline]
    pub fn score_total(&self, mentor: usize, mentee: usize) -> Option<i64> {
        let mut total = self.built_in(mentor, mentee)?.iter().sum::<i64>();
        if self.has_other_rules {
            self.other_rules(mentor, mentee, |points| total += points)?;
        }
        Some(total)
    }

    /// Scores a pair like [`PairScorer::score_total`], rule by rule.
    pub fn score(&self, mentor: usize, mentee: usize) -> Option<ScoreBreakdown> {
        let [seniority, organisation, characteristic] = self.built_in(mentor, mentee)?;
        let mut values = Vec::new();
        self.other_rules(mentor, mentee, |points| values.push(points))?;
        let names = self
            .rules
            .column_rules
            .iter()
            .filter(|rule| matches!(rule.effect, ColumnEffect::Points(_)))
            .map(|rule| rule.name.as_str())
            .chain(self.roster.custom.rules.iter().map(|rule| rule.name()));
        let other =
            names.zip(values).map(|(rule, points)| RulePoints { rule: rule.to_owned(), points });
        Some(ScoreBreakdown {
            seniority,
            organisation,
            profession: 0,
            characteristic,
            other: other.collect(),
        })
    }

    /// Returns the seniority, organisation and characteristic points.
    #[inline]
    fn built_in(&self, mentor: usize, mentee: usize) -> Option<[i64; 3]> {
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
        let characteristic = if mentees.wants_similar[mentee] {
            if self.roster.shares_characteristic(mentor, mentee) {
                self.characteristic_points
            } else if self.characteristic_required {
                return None;
            } else {
                0
            }
        } else {
            0
        };
        Some([seniority, organisation, characteristic])
    }

    /// Calls `visit` with the points of each column rule that gives points,
    /// then of each custom rule. Returns `None` when one forbids the pair.
    #[inline]
    fn other_rules(&self, mentor: usize, mentee: usize, mut visit: impl FnMut(i64)) -> Option<()> {
        for rule in &self.roster.column_rules {
            let shares = rule.shares(mentor, mentee);
            match rule.effect {
                ColumnEffect::Required if !shares => return None,
                ColumnEffect::Forbidden if shares => return None,
                ColumnEffect::Required | ColumnEffect::Forbidden => {}
                ColumnEffect::Points(points) => visit(if shares { points } else { 0 }),
            }
        }
        self.roster.custom.score(mentor, mentee, visit)
    }

    /// Returns a description of the first rule that forbids the pair, or
    /// `None` when the rules of this scorer allow it.
    pub fn forbidding_rule(&self, mentor: usize, mentee: usize) -> Option<String> {
        Some(match self.forbidding_constraint(mentor, mentee)? {
            Constraint::Seniority => {
                let gap = self.roster.mentors.grade[mentor] - self.roster.mentees.grade[mentee];
                format!("the seniority rule does not allow a grade gap of {gap}")
            }
            Constraint::Organisation => {
                "the organisation rule requires different organisations".to_owned()
            }
            Constraint::Characteristic => "the mentee requires a shared characteristic".to_owned(),
            Constraint::Column(name) => {
                let forbids = self.rules.column_rules.iter().any(|rule| {
                    rule.name == name && matches!(rule.effect, ColumnEffect::Forbidden)
                });
                let verb = if forbids { "forbids" } else { "requires" };
                format!("column rule {name:?} {verb} a shared value")
            }
            Constraint::Custom(name) => format!("rule {name:?} forbids the pair"),
            // `forbidding_constraint` returns only the rules above.
            _ => "a hard rule forbids the pair".to_owned(),
        })
    }

    /// Returns the first rule of this scorer, in [`Constraint`] order, that
    /// forbids the pair, or `None` when they all allow it.
    pub fn forbidding_constraint(&self, mentor: usize, mentee: usize) -> Option<Constraint> {
        let (mentors, mentees) = (&self.roster.mentors, &self.roster.mentees);
        let gap = mentors.grade[mentor] - mentees.grade[mentee];
        if usize::try_from(gap - self.min_gap).ok().and_then(|i| self.gap_points.get(i)).is_none() {
            return Some(Constraint::Seniority);
        }
        if mentors.organisation[mentor] == mentees.organisation[mentee]
            && self.organisation == OrganisationRule::MustDiffer
        {
            return Some(Constraint::Organisation);
        }
        if self.characteristic_required
            && mentees.wants_similar[mentee]
            && !self.roster.shares_characteristic(mentor, mentee)
        {
            return Some(Constraint::Characteristic);
        }
        for (rule, compiled) in self.rules.column_rules.iter().zip(&self.roster.column_rules) {
            let shares = compiled.shares(mentor, mentee);
            let forbidden = match rule.effect {
                ColumnEffect::Required => !shares,
                ColumnEffect::Forbidden => shares,
                ColumnEffect::Points(_) => false,
            };
            if forbidden {
                return Some(Constraint::Column(rule.name.clone()));
            }
        }
        let custom = &self.roster.custom;
        custom
            .rules
            .iter()
            .find(|rule| rule.score(&custom.mentors[mentor], &custom.mentees[mentee]).is_none())
            .map(|rule| Constraint::Custom(rule.name().to_owned()))
    }

    /// Returns `true` when mentor and mentee have the same profession.
    #[inline]
    pub fn same_profession(&self, mentor: usize, mentee: usize) -> bool {
        self.roster.mentors.profession[mentor] == self.roster.mentees.profession[mentee]
    }
}

/// The hard rules that decide whether a pair is allowed, prepared for fast
/// enumeration: mentors bucketed by grade, self-matches, exclusions and
/// pins by canonical position.
///
/// Pinned pairs are left out: they are matched outside the flow network.
#[derive(Debug, Clone)]
pub(crate) struct AllowedPairs {
    /// Mentors by grade rank minus `min_rank`.
    mentors_by_grade: Vec<Vec<u32>>,
    min_rank: i32,
    /// Mentor position of the same person as each mentee, if any.
    same_person: Vec<Option<u32>>,
    /// Excluded mentor positions of each mentee, sorted.
    excluded: Vec<Vec<u32>>,
    /// Pinned mentor positions of each mentee, sorted.
    pinned: Vec<Vec<u32>>,
    gaps: Vec<i32>,
}

impl AllowedPairs {
    pub fn new(roster: &CompiledRoster, rules: &RuleConfig, exclusions: &Exclusions) -> Self {
        let (min_rank, max_rank) = rules.grade_rank_bounds();
        let buckets = (max_rank - min_rank + 1) as usize;
        let mut mentors_by_grade: Vec<Vec<u32>> = vec![Vec::new(); buckets];
        for (position, &grade) in roster.mentors.grade.iter().enumerate() {
            mentors_by_grade[(grade - min_rank) as usize].push(position as u32);
        }
        let mut pinned = vec![Vec::new(); roster.mentees.len()];
        // `pinned_pairs` is sorted by mentor, so each list comes out sorted.
        for &(mentor, mentee) in &roster.pinned_pairs {
            pinned[mentee as usize].push(mentor);
        }
        AllowedPairs {
            mentors_by_grade,
            min_rank,
            same_person: roster.same_person(),
            excluded: excluded_mentors_by_mentee(roster, exclusions),
            pinned,
            gaps: (rules.seniority.min_gap..=rules.seniority.max_gap()).collect(),
        }
    }

    /// Calls `visit(mentor, score, same_profession)` for every allowed pair
    /// of `mentee`, with `score` excluding profession points.
    ///
    /// Only mentors at an allowed seniority gap are looked at, so the cost is
    /// the number of those mentors rather than the number of all mentors.
    #[inline]
    pub fn for_each(
        &self,
        scorer: &PairScorer<'_>,
        mentee: usize,
        visit: impl FnMut(u32, i64, bool),
    ) {
        if scorer.roster.mentees.capacity[mentee] > 0 {
            self.for_each_in(&self.mentors_by_grade, true, scorer, mentee, visit);
        }
    }

    /// Calls `visit(mentor, score, same_profession)` for every pair of
    /// `mentee` that the hard rules and exclusions allow and that is not
    /// pinned, whether either side has room left or not.
    #[inline]
    pub fn for_each_rule_allowed(
        &self,
        scorer: &PairScorer<'_>,
        mentee: usize,
        visit: impl FnMut(u32, i64, bool),
    ) {
        self.for_each_in(&self.mentors_by_grade, false, scorer, mentee, visit);
    }

    /// Like [`AllowedPairs::for_each`], over the mentors still in `live`.
    #[inline]
    pub fn for_each_live(
        &self,
        live: &LiveMentors,
        scorer: &PairScorer<'_>,
        mentee: usize,
        visit: impl FnMut(u32, i64, bool),
    ) {
        if scorer.roster.mentees.capacity[mentee] > 0 {
            self.for_each_in(&live.buckets, true, scorer, mentee, visit);
        }
    }

    /// Visits the allowed pairs of `mentee` with the mentors of
    /// `mentors_by_grade`, which contains the same buckets as
    /// `self.mentors_by_grade` or subsets of them, leaving out mentors
    /// without room when `skip_full_mentors` is set.
    #[inline]
    fn for_each_in(
        &self,
        mentors_by_grade: &[Vec<u32>],
        skip_full_mentors: bool,
        scorer: &PairScorer<'_>,
        mentee: usize,
        mut visit: impl FnMut(u32, i64, bool),
    ) {
        let roster = scorer.roster;
        let grade = roster.mentees.grade[mentee] - self.min_rank;
        for &gap in &self.gaps {
            let Some(bucket) =
                usize::try_from(grade + gap).ok().and_then(|g| mentors_by_grade.get(g))
            else {
                continue;
            };
            for &mentor in bucket {
                let m = mentor as usize;
                if (skip_full_mentors && roster.mentors.capacity[m] == 0)
                    || self.same_person[mentee] == Some(mentor)
                    || self.excluded[mentee].binary_search(&mentor).is_ok()
                    || self.pinned[mentee].binary_search(&mentor).is_ok()
                {
                    continue;
                }
                if let Some(score) = scorer.score_total(m, mentee) {
                    visit(mentor, score, scorer.same_profession(m, mentee));
                }
            }
        }
    }
}

impl AllowedPairs {
    /// Returns the first constraint, in [`Constraint`] order, that keeps the
    /// pair out of the network, or `None` when [`AllowedPairs::for_each`]
    /// visits it. Pinned pairs count as [`Constraint::AlreadyMatched`].
    ///
    /// `role` is the side of the participant the question is about: only
    /// the other side's lack of room counts, because a participant's own
    /// room does not make a candidate ineligible for them.
    pub fn constraint(
        &self,
        scorer: &PairScorer<'_>,
        mentor: usize,
        mentee: usize,
        role: Role,
    ) -> Option<Constraint> {
        let roster = scorer.roster;
        if self.same_person[mentee] == Some(mentor as u32) {
            return Some(Constraint::SamePerson);
        }
        if let Some(constraint) = scorer.forbidding_constraint(mentor, mentee) {
            return Some(constraint);
        }
        if self.excluded[mentee].binary_search(&(mentor as u32)).is_ok() {
            return Some(Constraint::Excluded);
        }
        if self.is_pinned(mentor, mentee) {
            return Some(Constraint::AlreadyMatched);
        }
        let candidate_room = match role {
            Role::Mentor => roster.mentees.capacity[mentee],
            Role::Mentee => roster.mentors.capacity[mentor],
        };
        (candidate_room == 0).then_some(Constraint::NoRoom)
    }

    /// Returns `true` when the pair is pinned.
    pub fn is_pinned(&self, mentor: usize, mentee: usize) -> bool {
        self.pinned[mentee].binary_search(&(mentor as u32)).is_ok()
    }

    /// Returns the pinned mentors of a mentee, sorted by position.
    pub fn pinned_mentors(&self, mentee: usize) -> &[u32] {
        &self.pinned[mentee]
    }
}

/// The mentors of [`AllowedPairs`]' grade buckets that a search has not
/// yet removed, so that enumerating a mentee's pairs skips mentors the
/// search has settled.
///
/// Removal swaps the last mentor of a bucket into the gap, in `O(1)`.
/// [`LiveMentors::reset`] restores the changed buckets to their original
/// order, so every search enumerates in the same order whatever ran
/// before it on the same thread.
#[derive(Debug, Clone)]
pub(crate) struct LiveMentors {
    buckets: Vec<Vec<u32>>,
    /// Bucket and index in it of each mentor position.
    bucket_of: Vec<u32>,
    index_of: Vec<u32>,
    changed: Vec<u32>,
}

impl LiveMentors {
    pub fn new(allowed: &AllowedPairs) -> Self {
        let mentor_count = allowed.mentors_by_grade.iter().map(Vec::len).sum::<usize>();
        let mut live = LiveMentors {
            buckets: allowed.mentors_by_grade.clone(),
            bucket_of: vec![0; mentor_count],
            index_of: vec![0; mentor_count],
            changed: Vec::new(),
        };
        for (bucket, mentors) in allowed.mentors_by_grade.iter().enumerate() {
            for (index, &mentor) in mentors.iter().enumerate() {
                live.bucket_of[mentor as usize] = bucket as u32;
                live.index_of[mentor as usize] = index as u32;
            }
        }
        live
    }

    /// Removes a mentor; removing it twice changes nothing.
    pub fn remove(&mut self, mentor: u32) {
        let bucket_index = self.bucket_of[mentor as usize] as usize;
        let bucket = &mut self.buckets[bucket_index];
        let index = self.index_of[mentor as usize] as usize;
        if bucket.get(index) != Some(&mentor) {
            return;
        }
        bucket.swap_remove(index);
        if let Some(&moved) = bucket.get(index) {
            self.index_of[moved as usize] = index as u32;
        }
        self.changed.push(bucket_index as u32);
    }

    /// Puts every removed mentor back, in the original order.
    pub fn reset(&mut self, allowed: &AllowedPairs) {
        self.changed.sort_unstable();
        self.changed.dedup();
        for &bucket in &self.changed {
            let original = &allowed.mentors_by_grade[bucket as usize];
            let live = &mut self.buckets[bucket as usize];
            live.clear();
            live.extend_from_slice(original);
            for (index, &mentor) in original.iter().enumerate() {
                self.index_of[mentor as usize] = index as u32;
            }
        }
        self.changed.clear();
    }
}

/// One candidate pair of a mentee: mentor position, score without profession
/// points, and whether the professions match.
pub(crate) type Candidate = (u32, i64, bool);

/// The pairs the flow network is built on, in compressed sparse row form by
/// mentee position: a subset of the allowed pairs, or all of them.
///
/// Mentee `i`'s candidates are entries `offsets[i]..offsets[i + 1]`, sorted
/// by mentor position. `score` excludes profession points.
#[derive(Debug, Clone, Default)]
pub(crate) struct CandidateGraph {
    pub offsets: Vec<usize>,
    pub mentor: Vec<u32>,
    pub score: Vec<i64>,
    pub same_profession: Vec<bool>,
    /// Number of allowed same-profession pairs of each mentee, candidates
    /// or not. The network sizes the profession slots from it, so the slots
    /// do not change when candidates are added.
    pub same_profession_allowed: Vec<u32>,
    /// Number of allowed pairs, candidates or not.
    pub allowed_count: usize,
}

impl CandidateGraph {
    /// Scores every allowed pair in parallel over mentees and keeps, for
    /// each mentee, the `limit` best (all of them for `None`).
    ///
    /// "Best" means the highest score counting the first profession slot's
    /// points, ties broken by a hash of the two canonical positions. The
    /// hash spreads mentees with equal preferences over different mentors,
    /// which keeps the number of pricing rounds low, and it depends only on
    /// participant ids, so the choice is deterministic.
    pub fn build(
        scorer: &PairScorer<'_>,
        allowed: &AllowedPairs,
        rules: &RuleConfig,
        limit: Option<usize>,
    ) -> Self {
        let first_slot = rules.profession_points_for_slot(0);
        let value = |score: i64, same: bool| score + if same { first_slot } else { 0 };
        let mentor_grade = &scorer.roster.mentors.grade;
        let mentee_grade = &scorer.roster.mentees.grade;
        // Each mentee's candidates are split evenly over classes: the
        // seniority gap crossed with "same profession or not". Ranking by
        // score alone would give a mentee only mentors of its own profession
        // at the best-scoring gap, which the whole grade competes for, while
        // the optimum also gives most mentees mentors of other professions
        // and at other gaps. Without those pairs the first solve is far from
        // optimal, and the pricing rounds add them back a few at a time. On a
        // synthetic roster of 20,000 a side, ranking within gaps only took 4
        // rounds and a final network of 11 million pairs, against 1 round and
        // 1.8 million pairs with the profession split.
        let min_gap = allowed.gaps.first().copied().unwrap_or(0);
        let classes = 2 * allowed.gaps.len();
        let class_of = |gap: i32, same: bool| 2 * (gap - min_gap) as usize + usize::from(same);
        let n_mentees = scorer.roster.mentees.len();
        let mut per_mentee: Vec<(Vec<Candidate>, u32, usize)> = (0..n_mentees)
            .into_par_iter()
            .map_init(
                || BestPerClass::new(classes, limit.unwrap_or(0)),
                |best, mentee| {
                    let (mut allowed_count, mut same_count) = (0, 0);
                    let mut list: Vec<Candidate> = Vec::new();
                    allowed.for_each(scorer, mentee, |mentor, score, same| {
                        allowed_count += 1;
                        same_count += u32::from(same);
                        if limit.is_some() {
                            let gap = mentor_grade[mentor as usize] - mentee_grade[mentee];
                            let key = rank_key(value(score, same), mentee as u32, mentor);
                            best.push(class_of(gap, same), key, (mentor, score, same));
                        } else {
                            list.push((mentor, score, same));
                        }
                    });
                    if limit.is_some() {
                        best.finish(&mut list);
                    }
                    (list, same_count, allowed_count)
                },
            )
            .collect();

        // Mentors get no list of their own. Adding each mentor's best mentees
        // would enumerate every allowed pair a second time, and it saved no
        // round on generated rosters of 500 to 50,000 a side. A mentor that
        // no list includes still gets pairs through pricing. Each mentor
        // appears at most once in a mentee's list, so sorting is enough.
        per_mentee.par_iter_mut().for_each(|(list, _, _)| {
            list.sort_unstable_by_key(|&(mentor, _, _)| mentor);
        });

        let mut graph = CandidateGraph {
            allowed_count: per_mentee.iter().map(|(_, _, count)| count).sum(),
            same_profession_allowed: per_mentee.iter().map(|(_, same, _)| *same).collect(),
            ..CandidateGraph::default()
        };
        graph.fill(per_mentee.into_iter().map(|(list, _, _)| list));
        graph
    }

    fn fill(&mut self, lists: impl Iterator<Item = Vec<Candidate>>) {
        self.offsets.clear();
        self.mentor.clear();
        self.score.clear();
        self.same_profession.clear();
        self.offsets.push(0);
        for list in lists {
            for (mentor, score, same_profession) in list {
                self.mentor.push(mentor);
                self.score.push(score);
                self.same_profession.push(same_profession);
            }
            self.offsets.push(self.mentor.len());
        }
    }

    /// Returns the candidates with `extra[i]` added to mentee `i`'s list.
    pub fn with_added(&self, extra: &[Vec<Candidate>]) -> Self {
        let lists = (0..self.offsets.len() - 1).map(|mentee| {
            let mut list: Vec<Candidate> = self
                .range(mentee)
                .map(|c| (self.mentor[c], self.score[c], self.same_profession[c]))
                .collect();
            list.extend_from_slice(&extra[mentee]);
            list.sort_unstable_by_key(|&(mentor, _, _)| mentor);
            list.dedup_by_key(|c| c.0);
            list
        });
        let mut graph = CandidateGraph {
            same_profession_allowed: self.same_profession_allowed.clone(),
            allowed_count: self.allowed_count,
            ..CandidateGraph::default()
        };
        graph.fill(lists);
        graph
    }

    /// Returns the number of candidate pairs.
    pub fn len(&self) -> usize {
        self.mentor.len()
    }

    /// Returns the candidate range of a mentee.
    pub fn range(&self, mentee: usize) -> std::ops::Range<usize> {
        self.offsets[mentee]..self.offsets[mentee + 1]
    }

    /// Returns `true` when `mentor` is a candidate of `mentee`.
    pub fn contains(&self, mentee: usize, mentor: u32) -> bool {
        self.mentor[self.range(mentee)].binary_search(&mentor).is_ok()
    }
}

/// Returns the ranking key of a pair, smaller first: the higher `value`
/// first, ties broken by [`spread`]. Distinct pairs get distinct keys,
/// because SplitMix64 is a bijection.
fn rank_key(value: i64, mentee: u32, mentor: u32) -> u128 {
    // Flipping the sign bit maps i64 order onto u64 order, and the
    // complement reverses it, so a higher value gives a smaller key.
    let descending = !((value as u64) ^ (1 << 63));
    u128::from(descending) << 64 | u128::from(spread(mentee, mentor))
}

/// SplitMix64 of the two positions: a fixed, well-mixed tie-break.
fn spread(mentee: u32, mentor: u32) -> u64 {
    let mut z = (u64::from(mentee) << 32 | u64::from(mentor)).wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
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
