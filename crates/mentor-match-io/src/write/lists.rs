//! The participant lists `mentees-list.csv` and `mentors-list.csv`, which
//! administrators mail-merge into each participant's match email.

use std::collections::HashSet;
use std::io;

use mentor_match_model::{MatchResult, Participant, ParticipantId, Role, RuleConfig};

use crate::headings::{is_sensitive_heading, normalise_heading};
use crate::write::sides::{SortedSide, capacity_slots, yes_no};
use crate::write::write_text_record;

/// Renders the list of one side: one row per participant in id order.
///
/// The columns are name, email and number of matches, then first name, last
/// name, email and biography of each match slot, then all match biographies
/// in one cell, then the participant's role flags and extra input columns.
/// There are at least as many slots as the side's default capacity (up to
/// [`MAX_CAPACITY_SLOTS`](crate::write::sides::MAX_CAPACITY_SLOTS)), so the
/// layout does not depend on the result.
///
/// Characteristics and "match with similar identity" values are never written, and
/// extra columns whose heading names either are left out too.
pub(crate) fn render_list(
    role: Role,
    own: &SortedSide<'_>,
    other: &SortedSide<'_>,
    result: &MatchResult,
    rules: &RuleConfig,
) -> io::Result<Vec<u8>> {
    let matches = matches_by_participant(role, own, other, result);
    let capacity = match role {
        Role::Mentor => rules.mentor_capacity,
        Role::Mentee => rules.mentee_capacity,
    };
    let largest_count = matches.iter().map(Vec::len).max().unwrap_or(0);
    let slots = capacity_slots(capacity).max(largest_count);

    let mut headings = fixed_headings(slots);
    let extra_columns = own.extra_columns(is_sensitive_heading);
    let fixed_heading_keys: HashSet<String> =
        headings.iter().map(|h| normalise_heading(h)).collect();
    headings.extend(extra_columns.headings.iter().map(|heading| {
        // An input column named like one of ours would make the heading
        // ambiguous for mail merge, so it gets a suffix.
        if fixed_heading_keys.contains(&normalise_heading(heading)) {
            format!("{heading} (input)")
        } else {
            heading.clone()
        }
    }));

    let other_ids = other.id_set();
    let mut writer = csv::Writer::from_writer(Vec::new());
    write_text_record(&mut writer, &headings)?;
    for (index, participant) in own.iter_sorted() {
        let both = participant.both_roles || other_ids.contains(&own.ids[index]);
        let own_matches: Vec<&Participant> =
            matches[index].iter().map(|m| &other.participants[m.other]).collect();
        let mut record = Vec::with_capacity(headings.len());
        record.push(participant.first_name.clone());
        record.push(participant.last_name.clone());
        record.push(participant.email.trim().to_owned());
        record.push(own_matches.len().to_string());
        for slot in 0..slots {
            match own_matches.get(slot) {
                Some(matched) => {
                    record.push(matched.first_name.clone());
                    record.push(matched.last_name.clone());
                    record.push(matched.email.trim().to_owned());
                    record.push(biography_or_contact(matched));
                }
                None => record.extend(std::iter::repeat_n(String::new(), 4)),
            }
        }
        let details: Vec<String> = own_matches.iter().map(|m| biography_or_contact(m)).collect();
        record.push(details.join("\n"));
        record.push(role.as_str().to_owned());
        record.push(yes_no(!both && role == Role::Mentor).to_owned());
        record.push(yes_no(!both && role == Role::Mentee).to_owned());
        record.push(yes_no(both).to_owned());
        record.extend(extra_columns.values(participant).into_iter().map(str::to_owned));
        write_text_record(&mut writer, &record)?;
    }
    writer.into_inner().map_err(|error| error.into_error())
}

fn fixed_headings(slots: usize) -> Vec<String> {
    let mut headings: Vec<String> =
        ["first name", "last name", "email address", "number of matches"].map(String::from).into();
    for slot in 1..=slots {
        for part in ["first name", "last name", "email address", "biography"] {
            headings.push(format!("match {slot} {part}"));
        }
    }
    for heading in ["match details", "type", "mentor only", "mentee only", "both mentor and mentee"]
    {
        headings.push(heading.to_owned());
    }
    headings
}

/// A match seen from one participant's side.
struct Match {
    score: i64,
    /// Index of the matched participant on the other side.
    other: usize,
}

/// Groups the result's pairs by participant of `role`, each group ordered
/// by score (highest first) and then by the other participant's id.
fn matches_by_participant(
    role: Role,
    own: &SortedSide<'_>,
    other: &SortedSide<'_>,
    result: &MatchResult,
) -> Vec<Vec<Match>> {
    let mut matches: Vec<Vec<Match>> = (0..own.participants.len()).map(|_| Vec::new()).collect();
    for pair in &result.pairs {
        let (own_index, other_index) = match role {
            Role::Mentor => (pair.mentor, pair.mentee),
            Role::Mentee => (pair.mentee, pair.mentor),
        };
        matches[own_index].push(Match { score: pair.score, other: other_index });
    }
    let other_ids: &[ParticipantId] = &other.ids;
    for list in &mut matches {
        list.sort_by(|a, b| {
            b.score.cmp(&a.score).then_with(|| other_ids[a.other].cmp(&other_ids[b.other]))
        });
    }
    matches
}

/// Returns the biography, or "First Last (email)" when it is blank, so
/// every match introduces someone the participant can contact.
pub(crate) fn biography_or_contact(participant: &Participant) -> String {
    if !participant.biography.trim().is_empty() {
        return participant.biography.clone();
    }
    let name: Vec<&str> = [participant.first_name.trim(), participant.last_name.trim()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect();
    format!("{} ({})", name.join(" "), participant.email.trim())
}
