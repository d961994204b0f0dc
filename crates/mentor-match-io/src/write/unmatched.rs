//! `unmatched.csv`: every participant with fewer matches than their
//! `max matches`, and why.

use std::io;

use mentor_match_model::{Explanations, Roster, RuleConfig, ShortfallReason};

use crate::write::write_text_record;

/// Column headings of `unmatched.csv`.
const HEADINGS: [&str; 13] = [
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
    "pairs change",
    "mentees matched change",
    "mentors matched change",
];

/// Renders one row per shortfall, mentors first, each side in id order
/// (the order [`Explanations::shortfalls`] has).
///
/// The change columns hold what matching the best candidate would change,
/// for the two categories that name one, and are blank otherwise.
pub(crate) fn render_unmatched(
    roster: &Roster,
    explanations: &Explanations,
    rules: &RuleConfig,
) -> io::Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    write_text_record(&mut writer, &HEADINGS)?;
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
                record.extend(
                    [
                        change.total_score,
                        change.pairs,
                        change.mentees_matched,
                        change.mentors_matched,
                    ]
                    .map(|value| value.to_string()),
                );
            }
            _ => record.extend(std::iter::repeat_n(String::new(), 5)),
        }
        write_text_record(&mut writer, &record)?;
    }
    writer.into_inner().map_err(|error| error.into_error())
}
