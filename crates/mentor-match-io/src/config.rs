//! The rules configuration file: TOML in, [`RuleConfig`] out, and back.
//!
//! Every key is optional and takes the default of [`RuleConfig::default`]
//! when missing. `docs/CONFIG.md` in the repository describes each setting,
//! and [`render_config`] writes a file with a comment on every setting.

use std::fmt::Write as _;
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use mentor_match_model::{
    BUILT_IN_RULE_NAMES, ColumnEffect, ColumnRule, ConfigError, GradeLadder, MAX_ABS_POINTS,
    MAX_CAPACITY, OrganisationRule, Priority, Role, RuleConfig, SeniorityRule,
};
use serde::Deserialize;
use thiserror::Error;
use toml::Spanned;

use crate::config_number::WholeNumber;
use crate::headings::Field;

/// A capacity: 0 to [`MAX_CAPACITY`].
type Capacity = WholeNumber<0, { MAX_CAPACITY as i64 }>;
/// A seniority gap: -1000 to 1000.
type Gap = WholeNumber<-1_000, 1_000>;
/// Points of a built-in rule, which may be negative.
type Points = WholeNumber<{ -MAX_ABS_POINTS }, MAX_ABS_POINTS>;
/// Points of a column rule's bonus or penalty, whose effect gives the sign.
type UnsignedPoints = WholeNumber<0, MAX_ABS_POINTS>;

/// Error from reading a rules configuration file.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ConfigFileError {
    /// The file could not be read.
    #[error("cannot read the configuration file {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A setting is missing its value, has an unknown key, the wrong type or
    /// an invalid value.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line of the offending key or value.
        line: usize,
        /// 1-based column, counted in characters.
        column: usize,
        /// Description of the problem and of the fix.
        message: String,
    },
    /// The settings are valid one by one but not together.
    #[error("{}: {source}", path.display())]
    Rules {
        /// The file.
        path: PathBuf,
        /// The problem.
        source: ConfigError,
    },
}

/// Reads and validates a rules configuration file.
///
/// # Errors
///
/// [`ConfigFileError::Read`] when the file cannot be read, and otherwise as
/// [`parse_config`].
pub fn read_config(path: &Path) -> Result<RuleConfig, ConfigFileError> {
    let text = fs::read_to_string(path)
        .map_err(|source| ConfigFileError::Read { path: path.to_path_buf(), source })?;
    parse_config(&text, path)
}

/// Parses and validates a rules configuration from TOML text; `path` names
/// the text in error messages.
///
/// # Errors
///
/// [`ConfigFileError::Invalid`] with the line and column of the first
/// unknown key, value of the wrong type or invalid value, and
/// [`ConfigFileError::Rules`] for a combination of settings that
/// [`RuleConfig::validate`] rejects.
///
/// # Example
///
/// ```
/// use std::path::Path;
///
/// use mentor_match_io::{ConfigFileError, parse_config};
/// use mentor_match_model::Priority;
///
/// let rules = parse_config("priority = \"balanced\"\n[capacity]\nmentee = 2\n", Path::new("rules.toml"))?;
/// assert_eq!(rules.priority, Priority::Balanced);
/// assert_eq!(rules.mentee_capacity, 2);
/// assert_eq!(rules.mentor_capacity, 3);
///
/// let error = parse_config("[capacity]\nmentees = 2\n", Path::new("rules.toml")).unwrap_err();
/// assert!(matches!(error, ConfigFileError::Invalid { line: 2, column: 1, .. }), "{error}");
/// # Ok::<(), ConfigFileError>(())
/// ```
pub fn parse_config(text: &str, path: &Path) -> Result<RuleConfig, ConfigFileError> {
    let invalid = |span: Range<usize>, message: String| {
        let (line, column) = line_and_column(text, span.start);
        ConfigFileError::Invalid { path: path.to_path_buf(), line, column, message }
    };
    let file: ConfigFile = toml::from_str(text)
        .map_err(|error| invalid(error.span().unwrap_or(0..0), error.message().to_owned()))?;
    let rules = file.into_rules().map_err(|(span, message)| invalid(span, message))?;
    rules
        .validate()
        .map_err(|source| ConfigFileError::Rules { path: path.to_path_buf(), source })?;
    Ok(rules)
}

/// Returns the 1-based line and character column of a byte offset.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    (line, before[line_start..].chars().count() + 1)
}

type Checked<T> = Result<T, (Range<usize>, String)>;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    priority: Option<Priority>,
    #[serde(default)]
    grades: GradesSection,
    #[serde(default)]
    capacity: CapacitySection,
    #[serde(default)]
    seniority: SenioritySection,
    #[serde(default)]
    organisation: OrganisationSection,
    #[serde(default)]
    profession: ProfessionSection,
    #[serde(default)]
    characteristics: CharacteristicsSection,
    #[serde(default, rename = "column-rule")]
    column_rules: ColumnRuleSections,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct GradesSection {
    numeric: Option<bool>,
    ladder: Option<Spanned<Vec<String>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct CapacitySection {
    mentee: Option<Capacity>,
    mentor: Option<Capacity>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct SenioritySection {
    min_gap: Option<Gap>,
    points: Option<Spanned<Vec<Points>>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum SameOrganisation {
    MustDiffer,
    Allowed,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct OrganisationSection {
    same: Option<SameOrganisation>,
    same_points: Option<Spanned<Points>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ProfessionSection {
    points: Option<Spanned<Vec<Points>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct CharacteristicsSection {
    points: Option<Points>,
    required: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Effect {
    Required,
    Forbidden,
    Bonus,
    Penalty,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ColumnRuleSection {
    name: Spanned<String>,
    column: Spanned<String>,
    effect: Effect,
    points: Option<Spanned<UnsignedPoints>>,
    separator: Option<Spanned<String>>,
}

/// The `[[column-rule]]` tables, in file order.
#[derive(Debug, Default)]
struct ColumnRuleSections(Vec<Spanned<ColumnRuleSection>>);

impl<'de> Deserialize<'de> for ColumnRuleSections {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ColumnRuleSectionsVisitor)
    }
}

struct ColumnRuleSectionsVisitor;

impl<'de> serde::de::Visitor<'de> for ColumnRuleSectionsVisitor {
    type Value = ColumnRuleSections;

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("one [[column-rule]] table (double brackets) per rule")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut rules = Vec::new();
        while let Some(rule) = seq.next_element()? {
            rules.push(rule);
        }
        Ok(ColumnRuleSections(rules))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(serde::de::Error::custom(
            "a column rule must be a [[column-rule]] table: use [[column-rule]] (double \
             brackets) for each rule",
        ))
    }
}

impl ConfigFile {
    /// Converts the file into rules, reporting an invalid value at its own
    /// location.
    fn into_rules(self) -> Checked<RuleConfig> {
        let defaults = RuleConfig::default();
        let mut rules = RuleConfig {
            priority: self.priority.unwrap_or(defaults.priority),
            numeric_grades: self.grades.numeric.unwrap_or(defaults.numeric_grades),
            characteristic_required: self
                .characteristics
                .required
                .unwrap_or(defaults.characteristic_required),
            ..RuleConfig::default()
        };
        if let Some(ladder) = self.grades.ladder {
            let span = ladder.span();
            rules.grades = GradeLadder::new(ladder.get_ref())
                .map_err(|error| (span, format!("invalid grade ladder: {error}")))?;
        }
        // `Capacity` is at most `MAX_CAPACITY`, so the casts are exact.
        if let Some(WholeNumber(capacity)) = self.capacity.mentee {
            rules.mentee_capacity = capacity as u32;
        }
        if let Some(WholeNumber(capacity)) = self.capacity.mentor {
            rules.mentor_capacity = capacity as u32;
        }
        rules.seniority = self.seniority.into_rule(defaults.seniority)?;
        rules.organisation = self.organisation.into_rule()?;
        if let Some(points) = self.profession.points {
            rules.profession_points = check_profession_points(&points)?;
        }
        if let Some(WholeNumber(points)) = self.characteristics.points {
            rules.characteristic_points = points;
        }
        for rule in self.column_rules.0 {
            let rule = rule.into_inner().into_rule(&rules.column_rules)?;
            rules.column_rules.push(rule);
        }
        Ok(rules)
    }
}

/// Returns the values of a points list, rejecting an empty one.
fn check_point_list(points: &Spanned<Vec<Points>>, what: &str) -> Checked<Vec<i64>> {
    if points.get_ref().is_empty() {
        return Err((points.span(), format!("{what} is empty: give at least one number")));
    }
    Ok(points.get_ref().iter().map(|&WholeNumber(value)| value).collect())
}

fn check_profession_points(points: &Spanned<Vec<Points>>) -> Checked<Vec<i64>> {
    let values = check_point_list(points, "the profession points list")?;
    if let Some(pair) = values.windows(2).find(|pair| pair[1] > pair[0]) {
        let message = format!(
            "invalid profession points: {} is followed by the larger {}. The points of later \
             same-profession matches must not increase",
            pair[0], pair[1]
        );
        return Err((points.span(), message));
    }
    Ok(values)
}

impl SenioritySection {
    fn into_rule(self, default: SeniorityRule) -> Checked<SeniorityRule> {
        let mut rule = default;
        // `Gap` is within -1000..=1000, so the cast is exact.
        if let Some(WholeNumber(min_gap)) = self.min_gap {
            rule.min_gap = min_gap as i32;
        }
        if let Some(points) = self.points {
            rule.points = check_point_list(&points, "the seniority points list")?;
            if rule.points.len() > 1_000 {
                return Err((points.span(), "too many seniority gaps: give at most 1000".into()));
            }
        }
        Ok(rule)
    }
}

impl OrganisationSection {
    fn into_rule(self) -> Checked<OrganisationRule> {
        match (self.same.unwrap_or(SameOrganisation::MustDiffer), self.same_points) {
            (SameOrganisation::MustDiffer, None) => Ok(OrganisationRule::MustDiffer),
            (SameOrganisation::MustDiffer, Some(points)) => Err((
                points.span(),
                "same-points applies only with same = \"allowed\": remove it or allow \
                 same-organisation pairs"
                    .to_owned(),
            )),
            (SameOrganisation::Allowed, points) => {
                let points = points.map_or(0, |points| points.get_ref().0);
                Ok(OrganisationRule::SamePoints(points))
            }
        }
    }
}

impl ColumnRuleSection {
    fn into_rule(self, earlier: &[ColumnRule]) -> Checked<ColumnRule> {
        let name = self.name.get_ref().trim().to_owned();
        if name.is_empty() {
            return Err((self.name.span(), "the rule name is blank: give it a name".to_owned()));
        }
        let key = mentor_match_model::comparison_key(&name);
        if BUILT_IN_RULE_NAMES.contains(&key.as_str())
            || earlier.iter().any(|rule| mentor_match_model::comparison_key(&rule.name) == key)
        {
            let message = format!("the rule name {name:?} is already used: choose another name");
            return Err((self.name.span(), message));
        }
        let column = check_rule_column(&self.column)?;

        let effect = match (self.effect, &self.points) {
            (Effect::Required, None) => ColumnEffect::Required,
            (Effect::Forbidden, None) => ColumnEffect::Forbidden,
            (Effect::Required | Effect::Forbidden, Some(points)) => {
                let message = "points apply only to the bonus and penalty effects: remove them";
                return Err((points.span(), message.to_owned()));
            }
            (Effect::Bonus | Effect::Penalty, None) => {
                let message = format!("column rule {name:?} needs points for its bonus or penalty");
                return Err((self.name.span(), message));
            }
            (Effect::Bonus | Effect::Penalty, Some(points)) => {
                let value = points.get_ref().0;
                if self.effect == Effect::Bonus {
                    ColumnEffect::Points(value)
                } else {
                    ColumnEffect::Points(-value)
                }
            }
        };

        let separator = match self.separator {
            Some(separator) if separator.get_ref().is_empty() => {
                let message = "the separator is empty: remove it or give at least one character";
                return Err((separator.span(), message.to_owned()));
            }
            Some(separator) => Some(separator.into_inner()),
            None => None,
        };
        Ok(ColumnRule { name, column, effect, separator })
    }
}

/// Returns a column rule's trimmed heading, rejecting a blank one and one
/// that the reader uses itself.
fn check_rule_column(column: &Spanned<String>) -> Checked<String> {
    let heading = column.get_ref().trim().to_owned();
    if heading.is_empty() {
        return Err((column.span(), "the column heading is blank".to_owned()));
    }

    // The reader moves only columns it does not read itself into
    // `Participant::extra`, so a rule on one of its columns never finds it.
    let read_by_reader = [Role::Mentor, Role::Mentee]
        .into_iter()
        .any(|role| Field::from_heading(&heading, role).is_some());
    if read_by_reader {
        let message = format!(
            "the column {heading:?} is one mentor-match reads itself, so a column rule cannot \
             use it: name another column that both files have"
        );
        return Err((column.span(), message));
    }
    Ok(heading)
}

/// Renders rules as a configuration file with a comment on every setting.
///
/// [`parse_config`] reads the text back to the same rules.
///
/// ```
/// use std::path::Path;
///
/// use mentor_match_io::{parse_config, render_config};
/// use mentor_match_model::RuleConfig;
///
/// let text = render_config(&RuleConfig::default());
/// assert!(text.contains("priority = \"best-matches\""));
/// assert_eq!(parse_config(&text, Path::new("rules.toml"))?, RuleConfig::default());
/// # Ok::<(), mentor_match_io::ConfigFileError>(())
/// ```
pub fn render_config(rules: &RuleConfig) -> String {
    let mut out = String::new();
    let quoted = |text: &str| toml::Value::String(text.to_owned()).to_string();
    let list = |values: &[i64]| {
        let items: Vec<String> = values.iter().map(i64::to_string).collect();
        format!("[{}]", items.join(", "))
    };
    let ladder: Vec<String> = rules.grades.names().iter().map(|name| quoted(name)).collect();
    let (same, same_points) = match rules.organisation {
        OrganisationRule::MustDiffer => ("must-differ", None),
        OrganisationRule::SamePoints(points) => ("allowed", Some(points)),
    };

    // Writing to a String cannot fail.
    let _ = write!(
        out,
        "\
# mentor-match rules. Every setting is optional: a missing one takes the
# default shown by `mentor-match init-config`. See docs/CONFIG.md.
# All points are whole numbers from -1000000 to 1000000.

# What to maximise first:
#   \"best-matches\"  the total score, then mentees with a match, then mentors
#   \"most-mentees\"  mentees with a match, then mentors with a match, then the score
#   \"balanced\"      mentees with at least 1 match, then 2, then 3, then the score
priority = {priority}

[grades]
# false: the grade column holds names from `ladder`. true: it holds whole
# numbers from -1000 to 1000, and `ladder` is not used for matching (it is
# still checked and recorded in summary.json).
numeric = {numeric}
# Grade names, junior first. Names compare ignoring case and extra spaces.
ladder = [{ladder}]

[capacity]
# Maximum matches of each mentee and each mentor (0 to 1000). A whole number
# in a participant's `max matches` column replaces it for that participant,
# and 0 there means no match at all.
mentee = {mentee}
mentor = {mentor}

[seniority]
# The seniority gap is the mentor's grade minus the mentee's, counted in
# ladder steps or in numbers. Allowed gaps are min-gap, min-gap + 1, ...,
# one per entry of `points` (1 to 1000 entries), and each gap scores its
# entry. min-gap is a whole number from -1000 to 1000.
min-gap = {min_gap}
points = {seniority_points}

[organisation]
# \"must-differ\": a mentor and mentee never share an organisation.
# \"allowed\": they may, and such a pair scores `same-points` (default 0,
# usually negative).
same = {same}
",
        priority = quoted(rules.priority.as_str()),
        numeric = rules.numeric_grades,
        ladder = ladder.join(", "),
        mentee = rules.mentee_capacity,
        mentor = rules.mentor_capacity,
        min_gap = rules.seniority.min_gap,
        seniority_points = list(&rules.seniority.points),
        same = quoted(same),
    );
    match same_points {
        Some(points) => {
            let _ = writeln!(out, "same-points = {points}");
        }
        None => out.push_str("# same-points = -5\n"),
    }
    let _ = write!(
        out,
        "
[profession]
# Points for a mentee's 1st, 2nd, 3rd, ... match with a mentor of the same
# profession; later matches score the last entry. The list must not increase.
points = {profession}

[characteristics]
# Points when a mentee asked, in the mentees file, for a mentor with a shared
# characteristic and the mentor shares one.
points = {characteristic}
# true: such a mentee is only matched with mentors who share a
# characteristic. false: sharing one is a preference worth `points`.
required = {required}

# Rules on further columns present in both files, one [[column-rule]] table
# each. `effect` is \"required\" (only pairs with a shared value), \"forbidden\"
# (never pairs with a shared value), \"bonus\" or \"penalty\" (add or subtract
# `points`, 0 to 1000000, for a shared value). With `separator`, a cell
# is a list and a shared item counts. Values compare ignoring case and extra
# spaces, and a blank value shares nothing. Each `name` must differ from the
# other rules' names (ignoring case and extra spaces) and must not be
# seniority, organisation, profession or characteristic. `column` must be a
# column that mentor-match does not read itself, present in both files.
",
        profession = list(&rules.profession_points),
        characteristic = rules.characteristic_points,
        required = rules.characteristic_required,
    );
    if rules.column_rules.is_empty() {
        out.push_str(
            "#
# [[column-rule]]
# name = \"location\"
# column = \"location\"
# effect = \"bonus\"
# points = 5
# separator = \";\"
",
        );
    }
    for rule in &rules.column_rules {
        let (effect, points) = match rule.effect {
            ColumnEffect::Required => ("required", None),
            ColumnEffect::Forbidden => ("forbidden", None),
            ColumnEffect::Points(points) if points < 0 => ("penalty", Some(-points)),
            ColumnEffect::Points(points) => ("bonus", Some(points)),
        };
        let _ = write!(
            out,
            "\n[[column-rule]]\nname = {}\ncolumn = {}\neffect = {}\n",
            quoted(&rule.name),
            quoted(&rule.column),
            quoted(effect)
        );
        if let Some(points) = points {
            let _ = writeln!(out, "points = {points}");
        }
        if let Some(separator) = &rule.separator {
            let _ = writeln!(out, "separator = {}", quoted(separator));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<RuleConfig, ConfigFileError> {
        parse_config(text, Path::new("rules.toml"))
    }

    /// Returns the line, column and message of an `Invalid` error.
    fn location(text: &str) -> (usize, usize, String) {
        match parse(text) {
            Err(ConfigFileError::Invalid { line, column, message, .. }) => (line, column, message),
            other => panic!("expected an invalid-value error, got {other:?}"),
        }
    }

    #[test]
    fn default_file_parses_to_defaults() {
        let text = render_config(&RuleConfig::default());
        assert_eq!(parse(&text).unwrap(), RuleConfig::default());
    }

    #[test]
    fn empty_file_gives_defaults() {
        assert_eq!(parse("").unwrap(), RuleConfig::default());
    }

    #[test]
    fn every_setting_round_trips() {
        let text = r#"
priority = "balanced"
[grades]
numeric = true
ladder = ["Band 1", "Band 2"]
[capacity]
mentee = 2
mentor = 0
[seniority]
min-gap = -1
points = [1, 5, 3]
[organisation]
same = "allowed"
same-points = -4
[profession]
points = [8, 2]
[characteristics]
points = 3
required = true
[[column-rule]]
name = "location"
column = "Location"
effect = "required"
[[column-rule]]
name = "languages"
column = "languages"
effect = "penalty"
points = 2
separator = "; "
[[column-rule]]
name = "team"
column = "team"
effect = "bonus"
points = 7
"#;
        let first = parse(text).unwrap();
        assert_eq!(first.priority, Priority::Balanced);
        assert!(first.numeric_grades);
        assert_eq!(first.mentor_capacity, 0);
        assert_eq!(first.organisation, OrganisationRule::SamePoints(-4));
        assert_eq!(first.column_rules[1].effect, ColumnEffect::Points(-2));
        assert_eq!(first.column_rules[1].separator.as_deref(), Some("; "));
        assert_eq!(first.column_rules[2].effect, ColumnEffect::Points(7));
        let second = parse(&render_config(&first)).unwrap();
        assert_eq!(second, first);
    }

    #[test]
    fn unknown_key_has_location() {
        let (line, column, message) = location("[capacity]\nmentee = 2\nmentors = 4\n");
        assert_eq!((line, column), (3, 1));
        assert!(message.contains("unknown field `mentors`"), "{message}");
    }

    #[test]
    fn unknown_section_has_location() {
        let (line, column, _) = location("priority = \"balanced\"\n\n[capacities]\n");
        assert_eq!((line, column), (3, 2));
    }

    #[test]
    fn wrong_type_has_location() {
        let (line, column, message) = location("[capacity]\nmentee = \"three\"\n");
        assert_eq!((line, column), (2, 10));
        assert!(message.contains("without quotes"), "{message}");
    }

    #[test]
    fn unknown_priority_has_location() {
        let (line, column, message) = location("priority = \"fastest\"\n");
        assert_eq!((line, column), (1, 12));
        assert!(message.contains("balanced"), "{message}");
    }

    #[test]
    fn increasing_profession_points_have_location() {
        let (line, column, message) = location("[profession]\npoints = [1, 5]\n");
        assert_eq!((line, column), (2, 10));
        assert!(message.contains("must not increase"), "{message}");
    }

    #[test]
    fn capacity_out_of_range_has_location() {
        let (line, column, message) = location("[capacity]\n  mentor = 5000\n");
        assert_eq!((line, column), (2, 12));
        assert!(message.contains("5000"), "{message}");
    }

    #[test]
    fn negative_capacity_is_invalid() {
        let (line, column, _) = location("[capacity]\nmentee = -1\n");
        assert_eq!((line, column), (2, 10));
    }

    #[test]
    fn bonus_without_points_is_invalid() {
        let text = "[[column-rule]]\nname = \"city\"\ncolumn = \"city\"\neffect = \"bonus\"\n";
        let (line, column, message) = location(text);
        assert_eq!((line, column), (2, 8));
        assert!(message.contains("needs points"), "{message}");
    }

    #[test]
    fn duplicate_rule_name_is_invalid() {
        let rule = "[[column-rule]]\nname = \"city\"\ncolumn = \"city\"\neffect = \"required\"\n";
        let (line, column, _) = location(&format!("{rule}{rule}"));
        assert_eq!((line, column), (6, 8));
    }

    #[test]
    fn same_points_need_allowed() {
        let (line, column, _) = location("[organisation]\nsame-points = -3\n");
        assert_eq!((line, column), (2, 15));
    }

    #[test]
    fn columns_count_characters() {
        let (line, column, _) = location("[grades]\nladder = [\"Év\", \"év\"]\n");
        assert_eq!((line, column), (2, 10));
    }

    #[test]
    fn built_in_column_rule_is_invalid() {
        for heading in [
            "organisation",
            " Email  Address",
            "characteristics",
            "max matches",
            "identity to match",
        ] {
            let text = format!(
                "[[column-rule]]\nname = \"same\"\ncolumn = \"{heading}\"\neffect = \"forbidden\"\n"
            );
            let (line, column, message) = location(&text);
            assert_eq!((line, column), (3, 10), "{heading:?}");
            let trimmed = heading.trim();
            assert_eq!(
                message,
                format!(
                    "the column \"{trimmed}\" is one mentor-match reads itself, so a column rule \
                     cannot use it: name another column that both files have"
                )
            );
        }
    }

    #[test]
    fn invalid_numbers_named_in_plain_words() {
        let capacity = "use a whole number from 0 to 1000";
        let gap = "use a whole number from -1000 to 1000";
        let points = "use a whole number from -1000000 to 1000000";
        let unsigned_points = "use a whole number from 0 to 1000000";
        let rule = "[[column-rule]]\nname = \"team\"\ncolumn = \"team\"\neffect = \"bonus\"\n";
        let cases = [
            ("[capacity]\nmentee = -1\n", (2, 10), format!("invalid value -1: {capacity}")),
            ("[capacity]\nmentor = 1001\n", (2, 10), format!("invalid value 1001: {capacity}")),
            (
                "[capacity]\nmentor = 99999999999999999999\n",
                (2, 10),
                format!("invalid value 99999999999999999999: {capacity}"),
            ),
            (
                "[capacity]\nmentee = \"2\"\n",
                (2, 10),
                format!("invalid value \"2\": {capacity}, without quotes"),
            ),
            (
                "[seniority]\nmin-gap = 1.0\n",
                (2, 11),
                format!("invalid value 1.0: {gap}, without a decimal point"),
            ),
            ("[seniority]\nmin-gap = 1001\n", (2, 11), format!("invalid value 1001: {gap}")),
            ("[seniority]\npoints = [9, true]\n", (2, 14), format!("invalid value true: {points}")),
            (
                "[characteristics]\npoints = -1000001\n",
                (2, 10),
                format!("invalid value -1000001: {points}"),
            ),
            (
                "[organisation]\nsame = \"allowed\"\nsame-points = 2000000\n",
                (3, 15),
                format!("invalid value 2000000: {points}"),
            ),
            (
                &format!("{rule}points = 1000001\n"),
                (5, 10),
                format!("invalid value 1000001: {unsigned_points}"),
            ),
            (
                &format!("{rule}points = -5\n"),
                (5, 10),
                format!("invalid value -5: {unsigned_points}"),
            ),
        ];
        for (text, expected_location, expected_message) in cases {
            let (line, column, message) = location(text);
            assert_eq!(message, expected_message, "{text:?}");
            assert_eq!((line, column), expected_location, "{text:?}");
        }
    }

    #[test]
    fn single_bracket_column_rule_invalid() {
        let text = "[column-rule]\nname = \"team\"\ncolumn = \"team\"\neffect = \"required\"\n";
        let (line, _, message) = location(text);
        assert_eq!(
            message,
            "a column rule must be a [[column-rule]] table: use [[column-rule]] (double brackets) \
             for each rule"
        );
        assert_eq!(line, 1);
    }

    #[test]
    fn default_file_states_limits() {
        let text = render_config(&RuleConfig::default());
        for statement in [
            "# All points are whole numbers from -1000000 to 1000000.",
            "# entry. min-gap is a whole number from -1000 to 1000.",
            "# `points`, 0 to 1000000, for a shared value).",
            "# seniority, organisation, profession or characteristic.",
            "# other rules' names (ignoring case and extra spaces)",
        ] {
            assert!(text.contains(statement), "missing {statement:?} in:\n{text}");
        }
    }

    #[test]
    fn numeric_grades_keep_checked_ladder() {
        let rules = parse("[grades]\nnumeric = true\n").unwrap();
        assert_eq!(rules.grades, GradeLadder::default());

        let (line, column, message) =
            location("[grades]\nnumeric = true\nladder = [\"B1\", \"b1\"]\n");
        assert_eq!((line, column), (3, 10));
        assert!(message.contains("appears twice"), "{message}");
    }
}
