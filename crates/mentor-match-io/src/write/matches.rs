//! `matches.csv`: one row per matched pair, for administrators.

use std::io;

use mentor_match_model::{ColumnEffect, MatchResult, PairRank, RuleConfig, ScoreBreakdown};

use crate::write::sides::SortedSide;
use crate::write::write_text_record;

/// Renders one row per pair, ordered by mentor id and then mentee id.
///
/// That is the order [`MatchResult::pairs`] documents. Sorting here as well
/// keeps the file independent of input row order even for a result built
/// another way. Characteristics are never written.
///
/// Column and custom rules that give points get a `{name} points` column
/// each, after the built-in rules' columns, and a `pinned` column follows
/// the others when any pair was pinned. With `ranks` (indexed like the
/// result's pairs), two columns after the score give the mentor's rank
/// among the mentee's eligible mentors and their number.
pub(crate) fn render_matches(
    mentors: &SortedSide<'_>,
    mentees: &SortedSide<'_>,
    result: &MatchResult,
    ranks: Option<&[PairRank]>,
    rules: &RuleConfig,
) -> io::Result<Vec<u8>> {
    let mut pairs: Vec<_> = result
        .pairs
        .iter()
        .enumerate()
        .map(|(index, pair)| (pair, ranks.map(|ranks| ranks[index])))
        .collect();
    pairs.sort_by(|(a, _), (b, _)| {
        (&mentors.ids[a.mentor], &mentees.ids[a.mentee])
            .cmp(&(&mentors.ids[b.mentor], &mentees.ids[b.mentee]))
    });

    // Every pair lists the same other rules; without pairs, the configured
    // column rules with points name the columns.
    let other_rules: Vec<String> = match pairs.first() {
        Some((pair, _)) => pair.breakdown.other.iter().map(|points| points.rule.clone()).collect(),
        None => rules
            .column_rules
            .iter()
            .filter(|rule| matches!(rule.effect, ColumnEffect::Points(_)))
            .map(|rule| rule.name.clone())
            .collect(),
    };
    let any_pinned = pairs.iter().any(|(pair, _)| pair.pinned);

    let mut writer = csv::Writer::from_writer(Vec::new());
    write_text_record(&mut writer, &headings(&other_rules, ranks.is_some(), any_pinned))?;
    for (pair, rank) in pairs {
        let mentor = &mentors.participants[pair.mentor];
        let mentee = &mentees.participants[pair.mentee];
        let mut record: Vec<String> = vec![
            mentor.email.trim().to_owned(),
            mentee.email.trim().to_owned(),
            pair.score.to_string(),
        ];
        if let Some(rank) = rank {
            record.push(rank.rank.to_string());
            record.push(rank.eligible.to_string());
        }
        record.extend(pair.breakdown.values().iter().map(i64::to_string));
        record.extend(pair.breakdown.other.iter().map(|points| points.points.to_string()));
        for value in [
            &mentor.first_name,
            &mentor.last_name,
            &mentee.first_name,
            &mentee.last_name,
            &mentor.grade,
            &mentee.grade,
            &mentor.organisation,
            &mentee.organisation,
            &mentor.profession,
            &mentee.profession,
        ] {
            record.push(value.clone());
        }
        if any_pinned {
            record.push(if pair.pinned { "yes" } else { "no" }.to_owned());
        }
        write_text_record(&mut writer, &record)?;
    }
    writer.into_inner().map_err(|error| error.into_error())
}

/// Returns the column headings of `matches.csv`.
pub(crate) fn headings(other_rules: &[String], ranked: bool, pinned: bool) -> Vec<String> {
    let mut headings: Vec<String> =
        ["mentor email address", "mentee email address", "score"].map(String::from).into();
    if ranked {
        headings.push("mentor rank for mentee".to_owned());
        headings.push("mentee's eligible mentors".to_owned());
    }
    headings.extend(ScoreBreakdown::RULE_NAMES.iter().map(|rule| format!("{rule} points")));
    headings.extend(other_rules.iter().map(|rule| format!("{rule} points")));
    headings.extend(
        [
            "mentor first name",
            "mentor last name",
            "mentee first name",
            "mentee last name",
            "mentor grade",
            "mentee grade",
            "mentor organisation",
            "mentee organisation",
            "mentor profession",
            "mentee profession",
        ]
        .map(String::from),
    );
    if pinned {
        headings.push("pinned".to_owned());
    }
    headings
}
