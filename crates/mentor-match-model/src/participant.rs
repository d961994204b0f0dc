use std::fmt;

use serde::{Deserialize, Serialize};

/// Side of the programme a participant is on in a given file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// A participant offering mentoring.
    Mentor,
    /// A participant asking for mentoring.
    Mentee,
}

impl Role {
    /// Returns the lowercase English name used in files and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Mentor => "mentor",
            Role::Mentee => "mentee",
        }
    }

    /// Returns the other side.
    pub fn other(self) -> Role {
        match self {
            Role::Mentor => Role::Mentee,
            Role::Mentee => Role::Mentor,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Identity of a participant: the email address without invisible format
/// characters, trimmed of Unicode whitespace and lowercased.
///
/// Two rows with the same id in the two files are the same person, who is
/// never matched with themselves. Ids order lexicographically by their
/// bytes, which is the tie-break order the matcher uses everywhere.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ParticipantId(String);

impl ParticipantId {
    /// Normalises an email address into an id.
    ///
    /// ```
    /// use mentor_match_model::ParticipantId;
    /// assert_eq!(ParticipantId::from_email(" Kim@Example.ORG "), ParticipantId::from_email("kim@example.org"));
    /// ```
    ///
    /// Format characters (Unicode general category Cf, such as the
    /// zero-width space U+200B and the byte order mark U+FEFF) are removed
    /// first, because they are invisible in spreadsheets and would make
    /// one person look like two.
    ///
    /// ```
    /// use mentor_match_model::ParticipantId;
    /// assert_eq!(ParticipantId::from_email("\u{200b}ada@example.org\u{feff}"), ParticipantId::from_email("ada@example.org"));
    /// ```
    pub fn from_email(email: &str) -> Self {
        let visible: String = email.chars().filter(|c| !is_format_char(*c)).collect();
        ParticipantId(visible.trim().to_lowercase())
    }

    /// Returns the normalised email address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Returns whether `c` is a Unicode format character (general category
/// Cf). The ranges are those of Unicode 14.0.
pub fn is_format_char(c: char) -> bool {
    matches!(
        u32::from(c),
        0x00AD
            | 0x0600..=0x0605
            | 0x061C
            | 0x06DD
            | 0x070F
            | 0x0890..=0x0891
            | 0x08E2
            | 0x180E
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x2064
            | 0x2066..=0x206F
            | 0xFEFF
            | 0xFFF9..=0xFFFB
            | 0x110BD
            | 0x110CD
            | 0x13430..=0x13438
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0001
            | 0xE0020..=0xE007F
    )
}

impl fmt::Display for ParticipantId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One registered mentor or mentee, as read from a row of an input file.
///
/// Text fields keep the spelling of the input. Comparisons between
/// participants (organisation, profession, characteristics, grade) ignore
/// case and surrounding whitespace.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Participant {
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// Email address as written in the input; [`Participant::id`] normalises it.
    pub email: String,
    /// Value of the "both mentor and mentee" column.
    pub both_roles: bool,
    /// Job title, passed through to the outputs.
    pub job_title: String,
    /// Grade name on the configured [`crate::GradeLadder`], or a whole
    /// number when [`crate::RuleConfig::numeric_grades`] is set.
    pub grade: String,
    /// Organisation (department, agency or company).
    pub organisation: String,
    /// Profession (job family).
    pub profession: String,
    /// Characteristics (identities) the participant shares for matching.
    ///
    /// Sensitive personal data: never written to participant-facing outputs.
    pub characteristics: Vec<String>,
    /// For mentees: whether they asked for a mentor who shares one of their
    /// characteristics. Ignored for mentors.
    pub wants_similar_identity: bool,
    /// Text sent to the participant's matches.
    pub biography: String,
    /// Maximum number of matches for this participant; `None` uses the
    /// configured default for their role.
    pub max_matches: Option<u32>,
    /// Input columns the matcher does not use, as (heading, value) pairs in
    /// file order; writers pass them through.
    pub extra: Vec<(String, String)>,
}

impl Participant {
    /// Creates a participant with a name and email and every other field empty.
    pub fn new(first_name: &str, last_name: &str, email: &str) -> Self {
        Participant {
            first_name: first_name.to_owned(),
            last_name: last_name.to_owned(),
            email: email.to_owned(),
            ..Participant::default()
        }
    }

    /// Returns the participant's id (normalised email).
    pub fn id(&self) -> ParticipantId {
        ParticipantId::from_email(&self.email)
    }

    /// Sets the grade name.
    pub fn with_grade(mut self, grade: &str) -> Self {
        self.grade = grade.to_owned();
        self
    }

    /// Sets the organisation.
    pub fn with_organisation(mut self, organisation: &str) -> Self {
        self.organisation = organisation.to_owned();
        self
    }

    /// Sets the profession.
    pub fn with_profession(mut self, profession: &str) -> Self {
        self.profession = profession.to_owned();
        self
    }

    /// Sets the characteristics.
    pub fn with_characteristics<S: AsRef<str>>(mut self, characteristics: &[S]) -> Self {
        self.characteristics = characteristics.iter().map(|c| c.as_ref().to_owned()).collect();
        self
    }

    /// Sets whether a mentee asked for a mentor with a shared characteristic.
    pub fn with_wants_similar_identity(mut self, wants: bool) -> Self {
        self.wants_similar_identity = wants;
        self
    }

    /// Sets the value of the "both mentor and mentee" column.
    pub fn with_both_roles(mut self, both: bool) -> Self {
        self.both_roles = both;
        self
    }

    /// Sets the biography.
    pub fn with_biography(mut self, biography: &str) -> Self {
        self.biography = biography.to_owned();
        self
    }

    /// Sets a personal maximum number of matches.
    pub fn with_max_matches(mut self, max_matches: u32) -> Self {
        self.max_matches = Some(max_matches);
        self
    }
}
