//! `unmatched.csv`: every participant with fewer matches than their
//! `max matches`, and why.

use std::io;

use mentor_match_model::{Explanations, Priority, Quantity, Roster, RuleConfig, ShortfallReason};

use crate::write::write_text_record;

/// Column headings of `unmatched.csv`.
const HEADINGS: [&str; 12] = [
    "role",
    "email address",
    "first name",
    "last name",
    "matches",
    "max matches",
    "reason category",
    "reason",
    "best candidate email address",
    "score change",
    "mentees matched change",
    "mentors matched change",
];

/// The quantities of the change columns, in heading order. The balanced
/// priority ranks by its own count of matches, which gets a column of its
/// own after these.
const CHANGE_COLUMNS: [Quantity; 3] =
    [Quantity::TotalScore, Quantity::MenteesMatched, Quantity::MentorsMatched];

/// Renders one row per shortfall, mentors first, each side in id order
/// (the order [`Explanations::shortfalls`] has).
///
/// The change columns hold what matching the best candidate would change,
/// for the two categories that name one, and are blank otherwise. Only the
/// quantities the priority ranks by are filled in, because only those are
/// the same in every best matching with the pair forced in. Under the
/// balanced priority that is the score and a `balanced matches change`
/// column.
pub(crate) fn render_unmatched(
    roster: &Roster,
    explanations: &Explanations,
    rules: &RuleConfig,
) -> io::Result<Vec<u8>> {
    let priority = rules.priority;
    let balanced = priority == Priority::Balanced;
    let mut headings = HEADINGS.to_vec();
    if balanced {
        headings.push("balanced matches change");
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    write_text_record(&mut writer, &headings)?;
    for shortfall in &explanations.shortfalls {
        let participant = &roster.side(shortfall.role)[shortfall.participant];
        let mut record = vec![
            shortfall.role.as_str().to_owned(),
            participant.email.trim().to_owned(),
            participant.first_name.clone(),
            participant.last_name.clone(),
            shortfall.matches.to_string(),
            shortfall.capacity.to_string(),
            shortfall.reason.category().to_owned(),
            shortfall.sentence(roster, rules),
        ];
        match &shortfall.reason {
            ShortfallReason::WouldLowerObjective { candidate, change, .. }
            | ShortfallReason::EquallyGood { candidate, change, .. } => {
                let other = &roster.side(shortfall.role.other())[*candidate];
                record.push(other.email.trim().to_owned());
                let stated = change.stated(priority);
                let value = |quantity: Quantity| {
                    stated
                        .iter()
                        .find(|(stated, _)| *stated == quantity)
                        .map_or(String::new(), |(_, change)| change.to_string())
                };
                record.extend(CHANGE_COLUMNS.map(value));
                if balanced {
                    record.push(value(Quantity::BalancedMatches));
                }
            }
            _ => record.extend(std::iter::repeat_n(String::new(), headings.len() - record.len())),
        }
        write_text_record(&mut writer, &record)?;
    }
    writer.into_inner().map_err(|error| error.into_error())
}
