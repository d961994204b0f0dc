//! `mentor-match explain`: match, then explain one participant in words or
//! JSON.

use std::fmt::Write as _;

use std::collections::BTreeMap;

use mentor_match_model::{
    ObjectiveChange, ParticipantExplanation, ParticipantId, Priority, Quantity, Removal, Role,
    Roster, RuleConfig, ScoreBreakdown, ShortfallReason, display_name,
};
use serde::Serialize;

use crate::cli::{ExplainArgs, ReportFormat, RoleArg};
use crate::commands::solve::read_solve_and;
use crate::error::CliError;
use crate::progress::{Phase, Progress};
use crate::report::print_stdout;

/// Runs `mentor-match explain`.
pub fn run(args: &ExplainArgs, progress: &Progress) -> Result<(), CliError> {
    args.input.check_dir()?;
    let rules = args.input.rules()?;
    // `Cli::parse_args` rejects a command line without the address.
    let email = args.email.clone().unwrap_or_default();
    let requested = ParticipantId::from_email(&email);
    let role = args.role.map(|role| match role {
        RoleArg::Mentor => Role::Mentor,
        RoleArg::Mentee => Role::Mentee,
    });
    let (solved, explanations) =
        read_solve_and(&args.input, &rules, progress, |roster, matcher, report| {
            let started = progress.start(Phase::Explaining);
            let mut explanations = Vec::new();
            for side in [Role::Mentor, Role::Mentee] {
                if role.is_some_and(|role| role != side) {
                    continue;
                }
                if let Some(index) = roster.side(side).iter().position(|p| p.id() == requested) {
                    explanations.push(matcher.explain_participant(report, side, index)?);
                }
            }
            tracing::info!(elapsed_ms = started.elapsed().as_millis(), "explained the participant");
            Ok(explanations)
        })?;
    progress.finish();
    if explanations.is_empty() {
        let other_side = role.filter(|role| {
            solved.roster.side(role.other()).iter().any(|participant| participant.id() == requested)
        });
        return Err(CliError::UnknownParticipant {
            email,
            role,
            on_other_side: other_side.is_some(),
        });
    }
    let text = match args.format {
        ReportFormat::Text => explanations
            .iter()
            .map(|explanation| render_text(&solved.roster, &rules, explanation))
            .collect::<Vec<_>>()
            .join("\n"),
        ReportFormat::Json => {
            let documents: Vec<JsonExplanation> = explanations
                .iter()
                .map(|explanation| JsonExplanation::new(&solved.roster, &rules, explanation))
                .collect();
            let mut json = serde_json::to_string_pretty(&JsonDocument {
                schema_version: 1,
                participants: documents,
            })
            .expect("explanations serialise");
            json.push('\n');
            json
        }
    };
    print_stdout(&text)
}

/// Returns `First Last <email>` on one line.
fn name_and_email(roster: &Roster, role: Role, index: usize) -> String {
    display_name(&roster.side(role)[index])
}

/// Returns the points per rule as "seniority 9, organisation 0, ...".
fn points_text(breakdown: &ScoreBreakdown) -> String {
    let built_in =
        ScoreBreakdown::RULE_NAMES.iter().zip(breakdown.values()).map(|(n, p)| format!("{n} {p}"));
    let other = breakdown.other.iter().map(|points| format!("{} {}", points.rule, points.points));
    built_in.chain(other).collect::<Vec<_>>().join(", ")
}

/// Renders one explanation as text for a terminal.
fn render_text(
    roster: &Roster,
    rules: &RuleConfig,
    explanation: &ParticipantExplanation,
) -> String {
    let role = explanation.role;
    let other = role.other();
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{} {}",
        capitalised(role.as_str()),
        name_and_email(roster, role, explanation.participant)
    );
    let _ = writeln!(
        text,
        "Matches: {} of at most {}. Eligible {}s: {} of {}.",
        explanation.matches.len(),
        explanation.capacity,
        other,
        explanation.eligible,
        roster.side(other).len()
    );

    let matches = explanation.matches.iter().map(|matched| {
        format!(
            "{}: score {} ({}); the mentor ranks {} of {} for the mentee{}",
            name_and_email(roster, other, matched.other),
            matched.score,
            points_text(&matched.breakdown),
            matched.rank.rank,
            matched.rank.eligible,
            if matched.pinned { "; pinned" } else { "" }
        )
    });
    write_section(&mut text, "Matched with", "nobody", matches);

    let alternatives = explanation.alternatives.iter().map(|alternative| {
        format!(
            "{}: score {}; if they were matched: {}",
            name_and_email(roster, other, alternative.other),
            alternative.score,
            alternative.change.describe(rules.priority)
        )
    });
    write_section(&mut text, &format!("Best eligible {other}s not chosen"), "none", alternatives);

    let removed = explanation.removed.iter().map(|removal| removal.describe(rules, role));
    write_section(&mut text, "Ruled out by the rules", "nobody", removed);
    if let Some(shortfall) = explanation.to_shortfall() {
        let _ = writeln!(text, "\nWhy not more matches: {}", shortfall.sentence(roster, rules));
    }
    text
}

/// Writes a heading and its lines, indented, or `empty` for no lines.
fn write_section(
    text: &mut String,
    heading: &str,
    empty: &str,
    lines: impl Iterator<Item = String>,
) {
    let _ = writeln!(text, "\n{heading}:");
    let mut any = false;
    for line in lines {
        any = true;
        let _ = writeln!(text, "  {line}");
    }
    if !any {
        let _ = writeln!(text, "  {empty}");
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The JSON output: a schema version and one entry per side explained.
#[derive(Serialize)]
struct JsonDocument {
    schema_version: u32,
    participants: Vec<JsonExplanation>,
}

/// One participant's explanation with email addresses in place of roster
/// indices.
#[derive(Serialize)]
struct JsonExplanation {
    role: Role,
    email: String,
    max_matches: u32,
    eligible: usize,
    matches: Vec<JsonMatch>,
    alternatives: Vec<JsonAlternative>,
    ruled_out: Vec<JsonRemoval>,
    shortfall: Option<JsonShortfall>,
}

#[derive(Serialize)]
struct JsonMatch {
    email: String,
    score: i64,
    points: ScoreBreakdown,
    rank: usize,
    eligible_mentors: usize,
    pinned: bool,
}

#[derive(Serialize)]
struct JsonAlternative {
    email: String,
    score: i64,
    /// The changes in the quantities the priority ranks by.
    change: BTreeMap<&'static str, i64>,
    description: String,
}

#[derive(Serialize)]
struct JsonRemoval {
    #[serde(flatten)]
    removal: mentor_match_model::Removal,
    description: String,
}

/// The reason a participant has fewer matches than allowed, with the category
/// names of `unmatched.csv` and email addresses in place of row numbers,
/// which change with the input's row order.
#[derive(Serialize)]
struct JsonShortfall {
    category: &'static str,
    sentence: String,
    /// The candidate's email for the reasons that name one.
    candidate_email: Option<String>,
    /// Eligible candidates not matched with the participant, for the
    /// reasons that name a candidate.
    eligible: Option<usize>,
    /// The change that matching the candidate would make, in the
    /// quantities the priority ranks by.
    change: Option<BTreeMap<&'static str, i64>>,
    /// Counts of the candidates each constraint ruled out, for the reasons
    /// without a candidate.
    ruled_out: Option<Vec<JsonRemoval>>,
}

impl JsonExplanation {
    fn new(roster: &Roster, rules: &RuleConfig, explanation: &ParticipantExplanation) -> Self {
        let role = explanation.role;
        let other = role.other();
        let email = |role: Role, index: usize| roster.side(role)[index].email.trim().to_owned();
        let shortfall = explanation.to_shortfall().map(|shortfall| {
            let reason = &shortfall.reason;
            let stated = |change: &ObjectiveChange| stated_change(change, rules.priority);
            let removals = |removed: &[Removal]| {
                removed
                    .iter()
                    .map(|removal| JsonRemoval {
                        removal: removal.clone(),
                        description: removal.describe(rules, role),
                    })
                    .collect()
            };
            let sentence = shortfall.sentence(roster, rules);
            let category = reason.category();
            match reason {
                ShortfallReason::WouldLowerObjective { candidate, eligible, change }
                | ShortfallReason::EquallyGood { candidate, eligible, change } => JsonShortfall {
                    category,
                    sentence,
                    candidate_email: Some(email(other, *candidate)),
                    eligible: Some(*eligible),
                    change: Some(stated(change)),
                    ruled_out: None,
                },
                ShortfallReason::NoEligibleCandidate { removed, .. }
                | ShortfallReason::Excluded { removed, .. } => JsonShortfall {
                    category,
                    sentence,
                    candidate_email: None,
                    eligible: None,
                    change: None,
                    ruled_out: Some(removals(removed)),
                },
                _ => JsonShortfall {
                    category,
                    sentence,
                    candidate_email: None,
                    eligible: None,
                    change: None,
                    ruled_out: None,
                },
            }
        });
        JsonExplanation {
            role,
            email: email(role, explanation.participant),
            max_matches: explanation.capacity,
            eligible: explanation.eligible,
            matches: explanation
                .matches
                .iter()
                .map(|matched| JsonMatch {
                    email: email(other, matched.other),
                    score: matched.score,
                    points: matched.breakdown.clone(),
                    rank: matched.rank.rank,
                    eligible_mentors: matched.rank.eligible,
                    pinned: matched.pinned,
                })
                .collect(),
            alternatives: explanation
                .alternatives
                .iter()
                .map(|alternative| JsonAlternative {
                    email: email(other, alternative.other),
                    score: alternative.score,
                    change: stated_change(&alternative.change, rules.priority),
                    description: alternative.change.describe(rules.priority),
                })
                .collect(),
            ruled_out: explanation
                .removed
                .iter()
                .map(|removal| JsonRemoval {
                    removal: removal.clone(),
                    description: removal.describe(rules, role),
                })
                .collect(),
            shortfall,
        }
    }
}

/// Returns the changes in the quantities `priority` ranks by, keyed by
/// their names with spaces replaced by underscores.
fn stated_change(change: &ObjectiveChange, priority: Priority) -> BTreeMap<&'static str, i64> {
    change
        .stated(priority)
        .into_iter()
        .map(|(quantity, value)| {
            let key = match quantity {
                Quantity::TotalScore => "total_score",
                Quantity::MenteesMatched => "mentees_matched",
                Quantity::MentorsMatched => "mentors_matched",
                Quantity::BalancedMatches => "balanced_matches",
            };
            (key, value)
        })
        .collect()
}
