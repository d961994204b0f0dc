//! Explanations of a matching: where each pair ranks among the mentee's
//! options, and why a participant has fewer matches than allowed.
//!
//! `mentor-match-core` computes these from the optimal flow and its
//! potentials. The types live here so that writers and other tools can use
//! them without the solver.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::{Priority, Role, Roster, RuleConfig};

/// The rank of a matched pair's mentor among the mentee's eligible mentors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairRank {
    /// 1 plus the number of eligible mentors with a strictly higher score
    /// for this mentee, so tied mentors share a rank. Scores here count the
    /// first profession slot's points for a same-profession mentor, which
    /// is what the pair would score as the mentee's only match.
    pub rank: usize,
    /// Number of mentors the hard rules and exclusions allow for this
    /// mentee, this one included.
    pub eligible: usize,
}

/// A hard rule (or other constraint) that keeps a participant from a
/// candidate on the other side.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "rule", content = "name")]
#[non_exhaustive]
pub enum Constraint {
    /// The candidate is the same person (listed on both sides).
    SamePerson,
    /// The seniority rule does not allow the two grades' gap.
    Seniority,
    /// The organisation rule requires different organisations.
    Organisation,
    /// The mentee requires a shared characteristic. Outputs name it only
    /// as a rule on sensitive data, because it reveals that the mentee
    /// requested a match with similar identity.
    Characteristic,
    /// A column rule (named) requires or forbids a shared value.
    Column(String),
    /// A custom rule (named) forbids the pair.
    Custom(String),
    /// The exclusions file lists the pair.
    Excluded,
    /// The two are already matched with each other.
    AlreadyMatched,
    /// The rules allow the pair, but the candidate takes no more matches:
    /// their `max matches` is 0, or pinned pairs use all of it.
    NoRoom,
}

impl Constraint {
    /// Returns a phrase that completes "N candidates ...", for example
    /// "are in the same organisation".
    pub fn phrase(&self, rules: &RuleConfig, role: Role) -> String {
        match self {
            Constraint::SamePerson => "are the same person".to_owned(),
            Constraint::NoRoom => {
                "have no room left (max matches 0, or filled by pinned pairs)".to_owned()
            }
            Constraint::Seniority => {
                let (low, high) = (rules.seniority.min_gap, rules.seniority.max_gap());
                let range = if low == high { low.to_string() } else { format!("{low} to {high}") };
                let direction = match role {
                    Role::Mentee => "above the mentee",
                    Role::Mentor => "below the mentor",
                };
                if low < 0 {
                    // "-1 to 1 grades above" needs a word on what a
                    // negative gap means.
                    format!(
                        "are not {range} grades {direction}, where a negative number means \
                         the other way (seniority rule)"
                    )
                } else {
                    format!("are not {range} grades {direction} (seniority rule)")
                }
            }
            Constraint::Organisation => {
                "are in the same organisation (organisation rule)".to_owned()
            }
            Constraint::Characteristic => {
                "are ruled out by a rule on sensitive personal data".to_owned()
            }
            Constraint::Column(name) => format!("are ruled out by the column rule {name:?}"),
            Constraint::Custom(name) => format!("are ruled out by the rule {name:?}"),
            Constraint::Excluded => "are excluded by the exclusions file".to_owned(),
            Constraint::AlreadyMatched => "are already matched with them".to_owned(),
        }
    }
}

/// How many candidates one constraint removed. Each candidate counts once,
/// for the first constraint it fails in [`Constraint`] order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removal {
    /// The constraint.
    #[serde(flatten)]
    pub constraint: Constraint,
    /// Number of candidates it removed.
    pub count: usize,
}

impl Removal {
    /// Describes the removal, for example "14 are in the same organisation
    /// (organisation rule)" or "1 is in the same organisation (...)".
    /// `role` is the side of the participant the candidates were removed
    /// for.
    pub fn describe(&self, rules: &RuleConfig, role: Role) -> String {
        let phrase = self.constraint.phrase(rules, role);
        let predicate = if self.count == 1 { singular(&phrase) } else { phrase };
        format!("{} {predicate}", self.count)
    }
}

/// Change in the quantities the priorities rank solutions by, from the
/// optimal matching to the best one with a given pair forced in. Positive
/// means the other has more.
///
/// The fields describe one such matching. The quantities the priority
/// ranks by ([`ObjectiveChange::stated`]) are the same in every best
/// matching with the pair forced in, so a re-solve with the pair pinned
/// reproduces them. The other fields can differ between equally good
/// matchings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectiveChange {
    /// Change in the total score.
    pub total_score: i64,
    /// Change in the number of pairs.
    pub pairs: i64,
    /// Change in the number of mentees with at least one match.
    pub mentees_matched: i64,
    /// Change in the number of mentees with at least two matches.
    pub mentees_with_two: i64,
    /// Change in the number of mentees with at least three matches.
    pub mentees_with_three: i64,
    /// Change in the number of mentors with at least one match.
    pub mentors_matched: i64,
}

/// A quantity that a priority ranks matchings by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quantity {
    /// The total score.
    TotalScore,
    /// The number of mentees with at least one match.
    MenteesMatched,
    /// The number of mentors with at least one match.
    MentorsMatched,
    /// The balanced priority's count of mentees' matches: 3 for each
    /// mentee's first match, 2 for the second and 1 for the third.
    BalancedMatches,
}

impl Quantity {
    /// Returns the name used in column headings and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Quantity::TotalScore => "score",
            Quantity::MenteesMatched => "mentees matched",
            Quantity::MentorsMatched => "mentors matched",
            Quantity::BalancedMatches => "balanced matches",
        }
    }
}

impl ObjectiveChange {
    /// Returns `true` when nothing the priorities look at changes.
    pub fn is_zero(&self) -> bool {
        *self == ObjectiveChange::default()
    }

    /// Returns the change in the balanced priority's count of mentees'
    /// matches (see [`Quantity::BalancedMatches`]).
    pub fn balanced_matches(&self) -> i64 {
        3 * self.mentees_matched + 2 * self.mentees_with_two + self.mentees_with_three
    }

    /// Returns the changes that every best matching with the pair forced
    /// in shares: the quantities `priority` ranks by, most important first.
    pub fn stated(&self, priority: Priority) -> Vec<(Quantity, i64)> {
        let (score, mentees, mentors) = (
            (Quantity::TotalScore, self.total_score),
            (Quantity::MenteesMatched, self.mentees_matched),
            (Quantity::MentorsMatched, self.mentors_matched),
        );
        match priority {
            Priority::BestMatches => vec![score, mentees, mentors],
            Priority::MostMentees => vec![mentees, mentors, score],
            Priority::Balanced => {
                vec![(Quantity::BalancedMatches, self.balanced_matches()), score]
            }
        }
    }

    /// Describes the changes [`ObjectiveChange::stated`] gives in words,
    /// for example "the total score would fall by 3 and 1 more mentee would
    /// be without a mentor".
    pub fn describe(&self, priority: Priority) -> String {
        let mut parts: Vec<String> = Vec::new();
        for (quantity, change) in self.stated(priority) {
            if change == 0 {
                continue;
            }
            let count = change.unsigned_abs();
            let plural = |noun: &str| if count == 1 { noun.to_owned() } else { format!("{noun}s") };
            parts.push(match quantity {
                Quantity::TotalScore => {
                    let verb = if change < 0 { "fall" } else { "rise" };
                    format!("the total score would {verb} by {count}")
                }
                // "1 more mentee would be without a mentor" reads better than
                // "1 fewer mentee would have a mentor".
                Quantity::MenteesMatched if change < 0 => {
                    format!("{count} more {} would be without a mentor", plural("mentee"))
                }
                Quantity::MenteesMatched => {
                    format!("{count} more {} would have a mentor", plural("mentee"))
                }
                Quantity::MentorsMatched if change < 0 => {
                    format!("{count} more {} would be without a mentee", plural("mentor"))
                }
                Quantity::MentorsMatched => {
                    format!("{count} more {} would have a mentee", plural("mentor"))
                }
                Quantity::BalancedMatches => {
                    let verb = if change < 0 { "fall" } else { "rise" };
                    format!(
                        "the balanced count of mentees' matches (3 for a first mentor, 2 for \
                         a second, 1 for a third) would {verb} by {count}"
                    )
                }
            });
        }
        if parts.is_empty() {
            return "the result would be equally good".to_owned();
        }
        join_words(&parts)
    }
}

/// The reason a participant has fewer matches than their `max matches`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "category")]
#[non_exhaustive]
pub enum ShortfallReason {
    /// The hard rules allow no participant on the other side, or none who
    /// is not already matched with them.
    NoEligibleCandidate {
        /// Participants on the other side.
        others: usize,
        /// Counts of the candidates removed, by constraint.
        removed: Vec<Removal>,
    },
    /// The hard rules allow some candidates, but the exclusions file
    /// forbids every one not already matched with them.
    Excluded {
        /// Participants on the other side.
        others: usize,
        /// Counts of the candidates removed, by constraint.
        removed: Vec<Removal>,
    },
    /// Eligible candidates exist, but matching any of them would make the
    /// result worse under the priority. `candidate` is the one that costs
    /// the least. Forcing that pair in and matching everything else again
    /// changes the quantities the priority ranks by exactly as
    /// [`ObjectiveChange::stated`] gives.
    WouldLowerObjective {
        /// Roster index of the candidate, on the other side.
        candidate: usize,
        /// Number of eligible candidates not already matched with them.
        eligible: usize,
        /// One best matching with the pair forced in, minus the optimum.
        change: ObjectiveChange,
    },
    /// Matching `candidate` gives an equally good result: the optimum is
    /// not unique and the deterministic tie-break chose another.
    EquallyGood {
        /// Roster index of the candidate, on the other side.
        candidate: usize,
        /// Number of eligible candidates not already matched with them.
        eligible: usize,
        /// One best matching with the pair forced in, minus the optimum.
        /// The quantities the priority ranks by do not change.
        change: ObjectiveChange,
    },
}

impl ShortfallReason {
    /// Returns the category's name as written in `unmatched.csv`.
    pub fn category(&self) -> &'static str {
        match self {
            ShortfallReason::NoEligibleCandidate { .. } => "no eligible candidate",
            ShortfallReason::Excluded { .. } => "excluded",
            ShortfallReason::WouldLowerObjective { .. } => "would lower the objective",
            ShortfallReason::EquallyGood { .. } => "equally good alternative",
        }
    }
}

/// A participant with fewer matches than allowed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shortfall {
    /// The participant's side.
    pub role: Role,
    /// Index into the roster's side.
    pub participant: usize,
    /// Number of matches they got.
    pub matches: u32,
    /// Their `max matches`.
    pub capacity: u32,
    /// The reason they have no more.
    pub reason: ShortfallReason,
}

impl Shortfall {
    /// Describes the reason in one or two sentences naming the candidate by
    /// name and email where there is one. Characteristics are never named.
    pub fn sentence(&self, roster: &Roster, rules: &RuleConfig) -> String {
        let other = self.role.other();
        let others_noun = other.as_str();
        match &self.reason {
            ShortfallReason::NoEligibleCandidate { others, removed } => format!(
                "No eligible {others_noun}: {}.",
                describe_removals(*others, others_noun, removed, rules, self.role)
            ),
            ShortfallReason::Excluded { others, removed } => format!(
                "Every {others_noun} the rules allow is excluded: {}.",
                describe_removals(*others, others_noun, removed, rules, self.role)
            ),
            ShortfallReason::WouldLowerObjective { candidate, eligible, change } => {
                let name = display_name(&roster.side(other)[*candidate]);
                format!(
                    "{eligible} eligible {others_noun}{} not matched with them; the best is {name}, \
                     and matching them would make the result worse: {}.",
                    if *eligible == 1 { " is" } else { "s are" },
                    change.describe(rules.priority)
                )
            }
            ShortfallReason::EquallyGood { candidate, eligible, .. } => {
                let name = display_name(&roster.side(other)[*candidate]);
                format!(
                    "{eligible} eligible {others_noun}{} not matched with them; matching {name} \
                     would give an equally good result, and the tie-break chose otherwise.",
                    if *eligible == 1 { " is" } else { "s are" }
                )
            }
        }
    }
}

/// Explanations of a whole result: a rank per pair and a reason per
/// participant short of matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanations {
    /// Rank of each pair, indexed like [`MatchResult::pairs`](crate::MatchResult::pairs).
    pub pair_ranks: Vec<PairRank>,
    /// Participants with fewer matches than their `max matches`: mentors,
    /// then mentees, each side in participant id order.
    pub shortfalls: Vec<Shortfall>,
}

impl Explanations {
    /// Returns how many shortfalls have each category, in the order of
    /// first appearance of [`ShortfallReason::category`] names: no eligible
    /// candidate, excluded, would lower the objective, equally good.
    pub fn counts_by_category(&self, role: Role) -> [(&'static str, usize); 4] {
        let mut counts = [
            ("no eligible candidate", 0),
            ("excluded", 0),
            ("would lower the objective", 0),
            ("equally good alternative", 0),
        ];
        for shortfall in self.shortfalls.iter().filter(|s| s.role == role) {
            let category = shortfall.reason.category();
            if let Some(entry) = counts.iter_mut().find(|(name, _)| *name == category) {
                entry.1 += 1;
            }
        }
        counts
    }
}

/// Returns `First Last <email>` on one line: line breaks and other control
/// characters in the input become spaces, so that a value cannot fake a
/// line of its own in text output.
pub fn display_name(participant: &crate::Participant) -> String {
    let name = format!("{} {}", participant.first_name.trim(), participant.last_name.trim());
    let text = format!("{} <{}>", name.trim(), participant.email.trim());
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// Describes the removals as "of the 44 mentors, 30 are ... and 14 are
/// ...", or "the only mentor is ..." for one.
fn describe_removals(
    others: usize,
    noun: &str,
    removed: &[Removal],
    rules: &RuleConfig,
    role: Role,
) -> String {
    if others == 0 {
        return format!("there are no {noun}s");
    }
    if let [removal] = removed
        && others == 1
        && removal.count == 1
    {
        return format!("the only {noun} {}", singular(&removal.constraint.phrase(rules, role)));
    }
    let parts: Vec<String> = removed.iter().map(|removal| removal.describe(rules, role)).collect();
    format!("of the {others} {noun}{}, {}", if others == 1 { "" } else { "s" }, join_words(&parts))
}

/// Turns a plural predicate ("are ...", "have ...") into the singular.
fn singular(phrase: &str) -> String {
    if let Some(rest) = phrase.strip_prefix("are ") {
        format!("is {rest}")
    } else if let Some(rest) = phrase.strip_prefix("have ") {
        format!("has {rest}")
    } else {
        phrase.to_owned()
    }
}

/// Joins phrases as "a", "a and b" or "a, b and c".
fn join_words(parts: &[String]) -> String {
    let mut text = String::new();
    for (index, part) in parts.iter().enumerate() {
        if index > 0 {
            text.push_str(if index + 1 == parts.len() { " and " } else { ", " });
        }
        let _ = write!(text, "{part}");
    }
    text
}

/// One match of the participant an explanation is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchExplanation {
    /// Roster index of the matched participant, on the other side.
    pub other: usize,
    /// The pair's score.
    pub score: i64,
    /// Points per rule.
    pub breakdown: crate::ScoreBreakdown,
    /// The mentor's rank among the mentee's eligible mentors.
    pub rank: PairRank,
    /// Whether the pair was pinned.
    pub pinned: bool,
}

/// An eligible candidate that was not matched, and what matching them
/// would change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alternative {
    /// Roster index of the candidate, on the other side.
    pub other: usize,
    /// The pair's score as the mentee's only match.
    pub score: i64,
    /// One best matching with this pair forced in, minus the optimum (see
    /// [`ObjectiveChange`] for which figures every such matching shares).
    pub change: ObjectiveChange,
}

/// Everything known about one participant's matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantExplanation {
    /// The participant's side.
    pub role: Role,
    /// Index into the roster's side.
    pub participant: usize,
    /// Their `max matches`.
    pub capacity: u32,
    /// Their matches, in participant id order of the other side.
    pub matches: Vec<MatchExplanation>,
    /// Number of participants on the other side that the hard rules and
    /// exclusions allow, matched ones included.
    pub eligible: usize,
    /// The best-scoring eligible candidates not matched with them, highest
    /// score first, at most [`ParticipantExplanation::MAX_ALTERNATIVES`].
    pub alternatives: Vec<Alternative>,
    /// The other side's participants that are not eligible, by the first
    /// constraint that rules each out.
    pub removed: Vec<Removal>,
    /// The reason they have fewer matches than their `max matches`, if
    /// they do.
    pub shortfall: Option<ShortfallReason>,
}

impl ParticipantExplanation {
    /// Largest number of alternatives listed.
    pub const MAX_ALTERNATIVES: usize = 5;

    /// Returns the participant's shortfall, for its
    /// [`Shortfall::sentence`], or `None` when they have all their matches.
    pub fn to_shortfall(&self) -> Option<Shortfall> {
        self.shortfall.as_ref().map(|reason| Shortfall {
            role: self.role,
            participant: self.participant,
            matches: self.matches.len() as u32,
            capacity: self.capacity,
            reason: reason.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn change_describes_the_stated_quantities() {
        let change = ObjectiveChange {
            total_score: -3,
            pairs: -1,
            mentees_matched: -1,
            mentees_with_two: 2,
            ..ObjectiveChange::default()
        };
        assert_eq!(
            change.describe(Priority::BestMatches),
            "the total score would fall by 3 and 1 more mentee would be without a mentor"
        );
        assert_eq!(
            change.describe(Priority::MostMentees),
            "1 more mentee would be without a mentor and the total score would fall by 3"
        );
        assert_eq!(change.balanced_matches(), 1);
        assert!(
            change
                .describe(Priority::Balanced)
                .ends_with("would rise by 1 and the total score would fall by 3")
        );
    }

    #[test]
    fn zero_change_is_equally_good() {
        assert!(ObjectiveChange::default().is_zero());
        assert_eq!(
            ObjectiveChange::default().describe(Priority::BestMatches),
            "the result would be equally good"
        );
    }

    #[test]
    fn removals_agree_in_number() {
        let rules = RuleConfig::default();
        let removed = [
            Removal { constraint: Constraint::Seniority, count: 1 },
            Removal { constraint: Constraint::Organisation, count: 2 },
        ];
        let text = describe_removals(3, "mentor", &removed, &rules, Role::Mentee);
        assert!(text.starts_with("of the 3 mentors, 1 is not "), "{text}");
        assert!(text.ends_with("and 2 are in the same organisation (organisation rule)"), "{text}");
    }
}
