//! Column headings of the input format, shared by the reader and by
//! [`crate::write_roster`].

use mentor_match_model::Role;

/// A participant field that an input column provides, declared in the
/// order of [`Field::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    FirstName,
    LastName,
    Email,
    BothRoles,
    JobTitle,
    Grade,
    Organisation,
    Profession,
    SimilarIdentity,
    Characteristics,
    Biography,
    MaxMatches,
}

impl Field {
    /// Every field, in the column order [`crate::write_roster`] writes.
    pub(crate) const ALL: [Field; 12] = [
        Field::FirstName,
        Field::LastName,
        Field::Email,
        Field::BothRoles,
        Field::JobTitle,
        Field::Grade,
        Field::Organisation,
        Field::Profession,
        Field::SimilarIdentity,
        Field::Characteristics,
        Field::Biography,
        Field::MaxMatches,
    ];

    /// Returns the position of the field in [`Field::ALL`].
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// Returns the headings that name this field on one side, in normalised
    /// form (see [`normalise_heading`]), the preferred spelling first.
    pub(crate) fn headings(self, role: Role) -> &'static [&'static str] {
        match (self, role) {
            (Field::FirstName, _) => &["first name"],
            (Field::LastName, _) => &["last name"],
            (Field::Email, _) => &["email address", "email"],
            (Field::BothRoles, _) => &["both mentor and mentee"],
            (Field::JobTitle, _) => &["job title"],
            (Field::Grade, _) => &["grade"],
            (Field::Organisation, _) => &["organisation"],
            (Field::Profession, _) => &["profession"],
            (Field::Characteristics, Role::Mentor) => &["characteristics", "identity to match"],
            (Field::Characteristics, Role::Mentee) => &["identity to match", "characteristics"],
            (Field::SimilarIdentity, _) => &["match with similar identity"],
            (Field::Biography, _) => &["biography"],
            (Field::MaxMatches, _) => &["max matches"],
        }
    }

    /// Returns the heading [`crate::write_roster`] writes for this field.
    pub(crate) fn preferred_heading(self, role: Role) -> &'static str {
        self.headings(role)[0]
    }

    /// Returns whether a file for `role` must have this column.
    pub(crate) fn is_required(self, role: Role) -> bool {
        match self {
            Field::MaxMatches => false,
            Field::SimilarIdentity => role == Role::Mentee,
            _ => true,
        }
    }

    /// Returns whether the value is sensitive personal data that must never
    /// reach a participant-facing output.
    pub(crate) fn is_sensitive(self) -> bool {
        matches!(self, Field::Characteristics | Field::SimilarIdentity)
    }

    /// Returns the field a heading names on either side, if any.
    pub(crate) fn from_heading(heading: &str, role: Role) -> Option<Field> {
        let normalised = normalise_heading(heading);
        Field::ALL.into_iter().find(|field| field.headings(role).contains(&normalised.as_str()))
    }
}

/// Lowercases a heading, trims it and collapses inner runs of whitespace to
/// one space, so `" First  Name "` matches `first name`.
pub(crate) fn normalise_heading(heading: &str) -> String {
    heading.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Returns whether an extra column with this heading would leak sensitive
/// data (characteristics or "match with similar identity" values) if
/// written out.
pub(crate) fn is_sensitive_heading(heading: &str) -> bool {
    [Role::Mentor, Role::Mentee]
        .into_iter()
        .any(|role| Field::from_heading(heading, role).is_some_and(Field::is_sensitive))
}
