//! Writing a roster back in the input format.

use std::io;

use mentor_match_model::{Participant, Role};

use crate::headings::Field;
use crate::write::sides::{SortedSide, yes_no};

/// Renders one side in the input format, in id order.
///
/// The "max matches" column is written only when a participant on the side
/// has a personal maximum. Extra columns follow the fixed ones, except those
/// whose heading the reader would take for a field, which would otherwise
/// change meaning on the way back in.
pub(crate) fn render_side(role: Role, side: &SortedSide<'_>) -> io::Result<Vec<u8>> {
    let with_max_matches = side.participants.iter().any(|p| p.max_matches.is_some());
    let fields: Vec<Field> = Field::ALL
        .into_iter()
        .filter(|&field| match field {
            Field::SimilarIdentity => role == Role::Mentee,
            Field::MaxMatches => with_max_matches,
            _ => true,
        })
        .collect();
    let extra_columns = side.extra_columns(|heading| {
        let is_field = Field::from_heading(heading, role).is_some();
        if is_field {
            tracing::warn!(heading, "not writing an extra column named like an input field");
        }
        is_field
    });

    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut headings: Vec<&str> = fields.iter().map(|f| f.preferred_heading(role)).collect();
    headings.extend(extra_columns.headings.iter().map(String::as_str));
    writer.write_record(&headings)?;

    for (_, participant) in side.iter_sorted() {
        let mut record: Vec<String> =
            fields.iter().map(|&field| field_value(participant, field)).collect();
        record.extend(extra_columns.values(participant).into_iter().map(str::to_owned));
        writer.write_record(&record)?;
    }
    writer.into_inner().map_err(|error| error.into_error())
}

fn field_value(participant: &Participant, field: Field) -> String {
    match field {
        Field::FirstName => participant.first_name.clone(),
        Field::LastName => participant.last_name.clone(),
        Field::Email => participant.email.clone(),
        Field::BothRoles => yes_no(participant.both_roles).to_owned(),
        Field::JobTitle => participant.job_title.clone(),
        Field::Grade => participant.grade.clone(),
        Field::Organisation => participant.organisation.clone(),
        Field::Profession => participant.profession.clone(),
        Field::SimilarIdentity => yes_no(participant.wants_similar_identity).to_owned(),
        // NOTE: a characteristic that itself contains a comma or semicolon
        // is split in two when the file is read back.
        Field::Characteristics => participant.characteristics.join(", "),
        Field::Biography => participant.biography.clone(),
        Field::MaxMatches => participant.max_matches.map(|m| m.to_string()).unwrap_or_default(),
    }
}
