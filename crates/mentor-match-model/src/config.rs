use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Objective of the matcher: criteria maximised in lexicographic order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Priority {
    /// Maximise the total score. Among equal totals, maximise the number of
    /// mentees with at least one match, then the number of mentors with at
    /// least one match.
    #[default]
    BestMatches,
    /// Maximise the number of mentees with at least one match, then the
    /// number of mentors with at least one match, then the total score.
    MostMentees,
    /// Maximise the number of mentees with at least one match, then with at
    /// least two, then with at least three, then the total score.
    Balanced,
}

impl Priority {
    /// Returns the kebab-case name used on the command line and in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::BestMatches => "best-matches",
            Priority::MostMentees => "most-mentees",
            Priority::Balanced => "balanced",
        }
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Priority {
    type Err = ConfigError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "best-matches" => Ok(Priority::BestMatches),
            "most-mentees" => Ok(Priority::MostMentees),
            "balanced" => Ok(Priority::Balanced),
            _ => Err(ConfigError::UnknownPriority(s.to_owned())),
        }
    }
}

/// Ordered grade names, junior first.
///
/// Grade names compare case-insensitively after trimming.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct GradeLadder {
    names: Vec<String>,
}

impl GradeLadder {
    /// Creates a ladder from names ordered junior to senior.
    ///
    /// # Errors
    ///
    /// [`ConfigError::EmptyGradeLadder`] for no names, and
    /// [`ConfigError::DuplicateGrade`] when two names are equal after
    /// trimming and lowercasing.
    pub fn new<S: AsRef<str>>(names: &[S]) -> Result<Self, ConfigError> {
        let ladder =
            GradeLadder { names: names.iter().map(|n| n.as_ref().trim().to_owned()).collect() };
        ladder.validate()?;
        Ok(ladder)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        if self.names.is_empty() {
            return Err(ConfigError::EmptyGradeLadder);
        }
        for (i, name) in self.names.iter().enumerate() {
            if name.trim().is_empty() {
                return Err(ConfigError::EmptyGradeName { position: i + 1 });
            }
            if self.names[..i].iter().any(|earlier| normalise(earlier) == normalise(name)) {
                return Err(ConfigError::DuplicateGrade(name.clone()));
            }
        }
        Ok(())
    }

    /// Returns the names, junior first.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Returns the number of grades.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Returns `true` when the ladder has no grades (never, once validated).
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Returns the 0-based seniority of a grade name, or `None` if it is not
    /// on the ladder.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        let wanted = normalise(name);
        self.names.iter().position(|n| normalise(n) == wanted)
    }
}

impl Default for GradeLadder {
    /// Returns the UK Civil Service ladder: AA, AO, EO, HEO, SEO, Grade 7,
    /// Grade 6, SCS1, SCS2, SCS3, SCS4.
    fn default() -> Self {
        let names =
            ["AA", "AO", "EO", "HEO", "SEO", "Grade 7", "Grade 6", "SCS1", "SCS2", "SCS3", "SCS4"];
        GradeLadder { names: names.iter().map(|n| (*n).to_owned()).collect() }
    }
}

/// Allowed seniority gaps (mentor grade index minus mentee grade index) and
/// their points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeniorityRule {
    /// Smallest allowed gap.
    pub min_gap: i32,
    /// Points for the gaps `min_gap`, `min_gap + 1`, ...; the largest
    /// allowed gap is `min_gap + points.len() - 1`.
    pub points: Vec<i64>,
}

impl SeniorityRule {
    /// Returns the points for a gap, or `None` when the gap is not allowed.
    pub fn points_for_gap(&self, gap: i32) -> Option<i64> {
        let offset = gap.checked_sub(self.min_gap)?;
        usize::try_from(offset).ok().and_then(|i| self.points.get(i).copied())
    }

    /// Returns the largest allowed gap.
    pub fn max_gap(&self) -> i32 {
        self.min_gap + self.points.len() as i32 - 1
    }
}

impl Default for SeniorityRule {
    /// Gaps of 1 (9 points) and 2 (12 points).
    fn default() -> Self {
        SeniorityRule { min_gap: 1, points: vec![9, 12] }
    }
}

/// Rule on the organisations of a mentor and a mentee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OrganisationRule {
    /// Mentor and mentee must be in different organisations.
    #[default]
    MustDiffer,
    /// Same-organisation pairs are allowed and score these points (usually
    /// negative).
    SamePoints(i64),
}

/// Effect of a [`ColumnRule`] when a mentor and a mentee share a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ColumnEffect {
    /// Only pairs that share a value may be matched.
    Required,
    /// Pairs that share a value must not be matched.
    Forbidden,
    /// Pairs that share a value score these points (negative for a penalty).
    Points(i64),
}

/// A rule on a column present in both input files that the matcher does not
/// otherwise use (a value of [`crate::Participant::extra`]).
///
/// Values compare with [`comparison_key`]. With a `separator`, a cell is a
/// list and two cells share a value when they share an item. A blank cell
/// or item shares nothing, so under [`ColumnEffect::Required`] a participant
/// with a blank cell gets no match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnRule {
    /// Name shown in outputs, for example as the `{name} points` column.
    pub name: String,
    /// Heading of the column, matched like the other headings (ignoring case
    /// and repeated whitespace).
    pub column: String,
    /// Effect of a shared value.
    pub effect: ColumnEffect,
    /// Separator of list items, or `None` when a cell is a single value.
    pub separator: Option<String>,
}

impl ColumnRule {
    /// Returns the points of a pair that shares a value (0 for the hard
    /// rules).
    pub fn points(&self) -> i64 {
        match self.effect {
            ColumnEffect::Points(points) => points,
            ColumnEffect::Required | ColumnEffect::Forbidden => 0,
        }
    }
}

/// Smallest and largest value of a numeric grade.
pub const NUMERIC_GRADE_RANGE: std::ops::RangeInclusive<i32> = -1_000..=1_000;

/// The matching rules and priority.
///
/// [`RuleConfig::default`] gives the reference programme's rules: capacities
/// of 3, seniority gap 1 or 2 (9 or 12 points), different organisations,
/// profession points `[10, 10, -1]`, characteristic points 6 as a
/// preference, no column rules, and [`Priority::BestMatches`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RuleConfig {
    /// Grade names, junior first. Not used for matching when
    /// `numeric_grades` is set, and then not checked by
    /// [`RuleConfig::validate`] (the configuration file reader still
    /// checks a ladder given in the file).
    pub grades: GradeLadder,
    /// Whether grades are integers (in [`NUMERIC_GRADE_RANGE`]) instead of
    /// names on the ladder. The seniority gap is then the mentor's number
    /// minus the mentee's.
    pub numeric_grades: bool,
    /// Default maximum matches per mentee.
    pub mentee_capacity: u32,
    /// Default maximum matches per mentor.
    pub mentor_capacity: u32,
    /// Allowed seniority gaps and their points.
    pub seniority: SeniorityRule,
    /// Organisation rule.
    pub organisation: OrganisationRule,
    /// Points for a mentee's 1st, 2nd, ... match with a mentor of the same
    /// profession. Matches past the end of the list score its last value.
    /// The sequence must not increase, which is what keeps the flow model
    /// exact (a later slot is never worth more than an earlier one).
    pub profession_points: Vec<i64>,
    /// Points when the mentee asked for a similar identity and the mentor
    /// shares one of the mentee's characteristics.
    pub characteristic_points: i64,
    /// Whether a mentee who asked for a similar identity may only be matched
    /// with mentors who share one of their characteristics.
    pub characteristic_required: bool,
    /// Rules on further columns present in both files.
    pub column_rules: Vec<ColumnRule>,
    /// Objective of the matcher.
    pub priority: Priority,
}

impl Default for RuleConfig {
    fn default() -> Self {
        RuleConfig {
            grades: GradeLadder::default(),
            numeric_grades: false,
            mentee_capacity: 3,
            mentor_capacity: 3,
            seniority: SeniorityRule::default(),
            organisation: OrganisationRule::MustDiffer,
            profession_points: vec![10, 10, -1],
            characteristic_points: 6,
            characteristic_required: false,
            column_rules: Vec::new(),
            priority: Priority::BestMatches,
        }
    }
}

/// Largest absolute value of any single rule's points.
///
/// Keeping points this small leaves room in `i64` for the lexicographic
/// weights the matcher multiplies them by.
pub const MAX_ABS_POINTS: i64 = 1_000_000;

/// Largest default or personal capacity.
///
/// Larger values would only make the overflow checks fail later with a less
/// clear message.
pub const MAX_CAPACITY: u32 = 1_000;

/// Names no column rule or custom rule may take, because they are the
/// built-in rules' names in outputs. Names compare by [`comparison_key`].
pub const BUILT_IN_RULE_NAMES: [&str; 4] =
    ["seniority", "organisation", "profession", "characteristic"];

impl RuleConfig {
    /// Checks the configuration for values the matcher cannot use.
    ///
    /// # Errors
    ///
    /// The first problem found, as a [`ConfigError`].
    pub fn validate(&self) -> Result<(), ConfigError> {
        if !self.numeric_grades {
            self.grades.validate()?;
        }
        if self.seniority.points.is_empty() {
            return Err(ConfigError::NoSeniorityGap);
        }
        for (side, capacity) in [("mentee", self.mentee_capacity), ("mentor", self.mentor_capacity)]
        {
            if capacity > MAX_CAPACITY {
                return Err(ConfigError::CapacityOutOfRange { side, capacity });
            }
        }
        let mut all_points: Vec<(String, i64)> = Vec::new();
        all_points.extend(self.seniority.points.iter().map(|&p| ("seniority".to_owned(), p)));
        all_points.extend(self.profession_points.iter().map(|&p| ("profession".to_owned(), p)));
        all_points.push(("characteristic".to_owned(), self.characteristic_points));
        if let OrganisationRule::SamePoints(p) = self.organisation {
            all_points.push(("organisation".to_owned(), p));
        }
        all_points.extend(self.column_rules.iter().map(|rule| (rule.name.clone(), rule.points())));
        for (rule, points) in all_points {
            if points.abs() > MAX_ABS_POINTS {
                return Err(ConfigError::PointsOutOfRange { rule, points });
            }
        }
        if self.seniority.min_gap.abs() > 1_000 || self.seniority.points.len() > 1_000 {
            return Err(ConfigError::GapOutOfRange { min_gap: self.seniority.min_gap });
        }
        if self.profession_points.is_empty() {
            return Err(ConfigError::NoProfessionPoints);
        }
        if let Some(w) = self.profession_points.windows(2).find(|w| w[1] > w[0]) {
            return Err(ConfigError::IncreasingProfessionPoints { earlier: w[0], later: w[1] });
        }
        self.validate_column_rules()
    }

    fn validate_column_rules(&self) -> Result<(), ConfigError> {
        for (i, rule) in self.column_rules.iter().enumerate() {
            let invalid = |reason: &str| ConfigError::InvalidColumnRule {
                name: rule.name.clone(),
                reason: reason.to_owned(),
            };
            if rule.name.trim().is_empty() {
                return Err(invalid("the rule name is blank"));
            }
            if rule.column.trim().is_empty() {
                return Err(invalid("the column heading is blank"));
            }
            if rule.separator.as_deref().is_some_and(|s| s.is_empty()) {
                return Err(invalid(
                    "the list separator is empty: remove it or give at least one character",
                ));
            }
            let key = normalise(&rule.name);
            if BUILT_IN_RULE_NAMES.contains(&key.as_str()) {
                return Err(invalid("the name is taken by a built-in rule"));
            }
            if self.column_rules[..i].iter().any(|earlier| normalise(&earlier.name) == key) {
                return Err(invalid("another column rule has the same name"));
            }
        }
        Ok(())
    }

    /// Returns the seniority rank of a grade: its 0-based position on the
    /// ladder, or its number with `numeric_grades`. `None` when the grade
    /// is not on the ladder, or not an integer in [`NUMERIC_GRADE_RANGE`].
    pub fn grade_rank(&self, grade: &str) -> Option<i32> {
        if self.numeric_grades {
            grade.trim().parse::<i32>().ok().filter(|rank| NUMERIC_GRADE_RANGE.contains(rank))
        } else {
            self.grades.index_of(grade).map(|index| index as i32)
        }
    }

    /// Returns the smallest and largest rank [`RuleConfig::grade_rank`] can
    /// return.
    pub fn grade_rank_bounds(&self) -> (i32, i32) {
        if self.numeric_grades {
            (*NUMERIC_GRADE_RANGE.start(), *NUMERIC_GRADE_RANGE.end())
        } else {
            (0, self.grades.len() as i32 - 1)
        }
    }

    /// Returns the points of the `slot`-th (0-based) same-profession match
    /// of a mentee.
    pub fn profession_points_for_slot(&self, slot: usize) -> i64 {
        match self.profession_points.get(slot) {
            Some(&p) => p,
            None => self.profession_points.last().copied().unwrap_or(0),
        }
    }
}

/// A rule configuration the matcher cannot use.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The grade ladder has no grades.
    #[error("the grade ladder is empty: list at least one grade, junior first")]
    EmptyGradeLadder,
    /// A grade name is blank.
    #[error("grade number {position} on the ladder is blank")]
    EmptyGradeName {
        /// 1-based position on the ladder.
        position: usize,
    },
    /// Two ladder names are equal ignoring case and whitespace.
    #[error("grade {0:?} appears twice on the grade ladder")]
    DuplicateGrade(String),
    /// The seniority rule allows no gap at all.
    #[error("the seniority rule allows no grade gap: give points for at least one gap")]
    NoSeniorityGap,
    /// The seniority gap range is unreasonably large.
    #[error("seniority gaps must lie within -1000..=1000, but the minimum gap is {min_gap}")]
    GapOutOfRange {
        /// The configured minimum gap.
        min_gap: i32,
    },
    /// A rule's points are outside `-MAX_ABS_POINTS..=MAX_ABS_POINTS`.
    #[error("{rule} points {points} are out of range: use values between -1000000 and 1000000")]
    PointsOutOfRange {
        /// The rule.
        rule: String,
        /// The offending value.
        points: i64,
    },
    /// Profession points increase from one slot to the next.
    #[error(
        "profession points must not increase from one match to the next, but {earlier} is followed by {later}"
    )]
    IncreasingProfessionPoints {
        /// The earlier slot's points.
        earlier: i64,
        /// The later, larger slot's points.
        later: i64,
    },
    /// The profession points list is empty.
    #[error("the profession points list is empty: give at least one value, such as [0]")]
    NoProfessionPoints,
    /// A default capacity is larger than [`MAX_CAPACITY`].
    #[error("the default {side} capacity {capacity} is out of range: use at most 1000")]
    CapacityOutOfRange {
        /// `mentee` or `mentor`.
        side: &'static str,
        /// The configured capacity.
        capacity: u32,
    },
    /// A column rule cannot be used.
    #[error("column rule {name:?} is invalid: {reason}")]
    InvalidColumnRule {
        /// The rule's name.
        name: String,
        /// What is wrong.
        reason: String,
    },
    /// A priority name is not known.
    #[error("unknown priority {0:?}: use best-matches, most-mentees or balanced")]
    UnknownPriority(String),
}

/// Returns the comparison key of a text value: lowercase, with every run of
/// Unicode whitespace (including no-break spaces from spreadsheets) turned
/// into one space and none at either end.
///
/// ```
/// use mentor_match_model::comparison_key;
/// assert_eq!(comparison_key("  Dept\u{a0} of  JOY "), "dept of joy");
/// ```
pub fn comparison_key(value: &str) -> String {
    let mut key = String::with_capacity(value.len());
    for word in value.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

pub(crate) fn normalise(value: &str) -> String {
    comparison_key(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_ladder_orders_grades() {
        let ladder = GradeLadder::default();
        assert_eq!(ladder.index_of("AA"), Some(0));
        assert_eq!(ladder.index_of(" scs4 "), Some(10));
        assert_eq!(ladder.index_of("Grade 8"), None);
    }

    #[test]
    fn ladder_ignores_inner_whitespace() {
        let ladder = GradeLadder::default();
        assert_eq!(ladder.index_of("Grade  7"), Some(5));
        assert_eq!(ladder.index_of("grade\u{a0}6"), Some(6));
    }

    #[test]
    fn seniority_points_by_gap() {
        let rule = SeniorityRule::default();
        assert_eq!(rule.points_for_gap(0), None);
        assert_eq!(rule.points_for_gap(1), Some(9));
        assert_eq!(rule.points_for_gap(2), Some(12));
        assert_eq!(rule.points_for_gap(3), None);
        assert_eq!(rule.points_for_gap(i32::MIN), None);
        assert_eq!(rule.max_gap(), 2);
    }

    #[test]
    fn default_config_is_valid() {
        assert_eq!(RuleConfig::default().validate(), Ok(()));
    }

    #[test]
    fn increasing_profession_points_rejected() {
        let config = RuleConfig { profession_points: vec![5, 10], ..RuleConfig::default() };
        assert_eq!(
            config.validate(),
            Err(ConfigError::IncreasingProfessionPoints { earlier: 5, later: 10 })
        );
    }

    #[test]
    fn duplicate_grade_rejected() {
        assert_eq!(GradeLadder::new(&["EO", " eo"]), Err(ConfigError::DuplicateGrade("eo".into())));
    }

    #[test]
    fn profession_slots_repeat_last_value() {
        let config = RuleConfig::default();
        let slots: Vec<i64> = (0..5).map(|s| config.profession_points_for_slot(s)).collect();
        assert_eq!(slots, vec![10, 10, -1, -1, -1]);
    }

    #[test]
    fn priority_parses_kebab_case() {
        assert_eq!("most-mentees".parse::<Priority>(), Ok(Priority::MostMentees));
        assert!("fastest".parse::<Priority>().is_err());
        let json = serde_json::to_string(&Priority::BestMatches).unwrap();
        assert_eq!(json, "\"best-matches\"");
    }
}
