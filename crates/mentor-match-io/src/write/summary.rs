//! `summary.json`: counts, total score and the rules used.

use serde::Serialize;

use std::collections::BTreeMap;

use mentor_match_model::{
    CustomRuleSummary, Explanations, MatchResult, Priority, Role, Roster, RuleConfig,
};

use crate::write::InputFiles;
use crate::write::sides::capacity_slots;

/// The summary's fields, serialised in declaration order.
#[derive(Serialize)]
struct Summary<'a> {
    priority: Priority,
    total_score: i64,
    mentors: usize,
    mentees: usize,
    pairs: usize,
    mentees_matched: usize,
    mentors_matched: usize,
    mentees_by_match_count: Vec<usize>,
    mentors_by_match_count: Vec<usize>,
    pinned_pairs: usize,
    /// Participants short of matches by reason category, per side, when
    /// the result was explained.
    #[serde(skip_serializing_if = "Option::is_none")]
    unmatched: Option<BTreeMap<&'static str, BTreeMap<&'static str, usize>>>,
    inputs: &'a InputFiles,
    rules: &'a RuleConfig,
    /// The rules as a configuration file, to save and pass to `--config`.
    config_toml: String,
    /// Custom rules from the library API, which `config_toml` cannot
    /// express: a run with any cannot be repeated from the file alone.
    custom_rules: &'a [CustomRuleSummary],
}

/// Renders the summary as pretty-printed JSON with a trailing newline.
///
/// The `*_by_match_count` arrays count participants with 0, 1, 2, ...
/// matches and have at least `capacity + 1` entries, so every count up to
/// the side's default capacity (up to [`MAX_CAPACITY_SLOTS`](crate::write::sides::MAX_CAPACITY_SLOTS)) is present
/// even when no one reached it.
pub(crate) fn render_summary(
    roster: &Roster,
    result: &MatchResult,
    explanations: Option<&Explanations>,
    rules: &RuleConfig,
    inputs: &InputFiles,
) -> serde_json::Result<Vec<u8>> {
    let unmatched = explanations.map(|explanations| {
        [Role::Mentor, Role::Mentee]
            .into_iter()
            .map(|role| {
                let side = if role == Role::Mentor { "mentors" } else { "mentees" };
                (side, explanations.counts_by_category(role).into_iter().collect())
            })
            .collect()
    });
    let summary = Summary {
        priority: result.priority,
        total_score: result.total_score,
        mentors: roster.mentors().len(),
        mentees: roster.mentees().len(),
        pairs: result.pairs.len(),
        mentees_matched: result.matched_mentee_count(),
        mentors_matched: result.matched_mentor_count(),
        mentees_by_match_count: padded(result.mentees_by_match_count(), rules.mentee_capacity),
        mentors_by_match_count: padded(result.mentors_by_match_count(), rules.mentor_capacity),
        pinned_pairs: result.pairs.iter().filter(|pair| pair.pinned).count(),
        unmatched,
        inputs,
        rules,
        config_toml: crate::config::render_config(rules),
        custom_rules: &result.custom_rules,
    };
    let mut json = serde_json::to_vec_pretty(&summary)?;
    json.push(b'\n');
    Ok(json)
}

fn padded(mut bins: Vec<usize>, capacity: u32) -> Vec<usize> {
    let length = capacity_slots(capacity) + 1;
    if bins.len() < length {
        bins.resize(length, 0);
    }
    bins
}
