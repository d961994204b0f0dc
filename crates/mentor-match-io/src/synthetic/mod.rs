//! Deterministic synthetic rosters for tests, benchmarks and demonstrations.
//!
//! Generated data mimics a large programme: all 11 grades of the default
//! ladder with mentors more senior than mentees, 90 organisations and 25
//! professions of skewed (Zipf-like) sizes, six characteristics, and about
//! one person in ten registered on both sides. All names are invented and
//! every email address is at `example.org`.

mod data;
mod random;

use mentor_match_model::{GradeLadder, Participant, Roster};

use data::{
    AGENCY_PATTERNS, BOTH_ROLES_GRADE_WEIGHTS, CHARACTERISTICS, DEPARTMENT_PATTERNS, FIRST_NAMES,
    FIRST_SENIOR_GRADE, INTERESTS, LAST_NAMES, MENTEE_GRADE_WEIGHTS, MENTOR_GRADE_WEIGHTS,
    ORGANISATION_SUBJECTS, PROFESSIONS, ROLE_BY_GRADE, SERVICE_PATTERNS,
};
use random::{SplitMix64, Weighted};

/// Size and seed of a synthetic roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SyntheticSpec {
    /// Number of rows in the mentors file.
    pub mentors: usize,
    /// Number of rows in the mentees file.
    pub mentees: usize,
    /// Seed of the pseudo-random generator; the same seed and sizes always
    /// give the same roster.
    pub seed: u64,
}

/// Generates a roster of exactly `spec.mentors` mentors and `spec.mentees`
/// mentees.
///
/// The output for a spec is fixed: it uses its own SplitMix64 generator and
/// integer weights, so it does not change with dependency versions or
/// platforms. In detail:
///
/// - `min(mentors, mentees) / 10` people are on both sides, with the same
///   email and details in both files and "both mentor and mentee" set.
/// - Grades follow fixed distributions: mentees peak at HEO, mentors at
///   Grade 7.
/// - Organisations (90) and professions (25) have Zipf-like sizes.
/// - Mentors have 0 to 2 characteristics and mentees 0 or 1. About 60% of
///   mentees with a characteristic ask for a mentor with a similar identity.
/// - Emails are `first.last.N@example.org` with a unique `N`.
/// - Biographies name the person, grade, job title, organisation and
///   profession, and end with the email address. They never mention
///   characteristics.
///
/// Participants are listed in a shuffled order, like rows of a real export.
/// No participant has a personal maximum or extra columns.
pub fn generate(spec: &SyntheticSpec) -> Roster {
    let mut generator = Generator::new(spec.seed);
    let shared = spec.mentors.min(spec.mentees) / 10;

    let mut mentors = Vec::with_capacity(spec.mentors);
    let mut mentees = Vec::with_capacity(spec.mentees);
    for _ in 0..shared {
        let person = generator.person(PersonKind::BothRoles);
        mentors.push(Participant { wants_similar_identity: false, ..person.clone() });
        mentees.push(person);
    }
    for _ in shared..spec.mentors {
        mentors.push(generator.person(PersonKind::Mentor));
    }
    for _ in shared..spec.mentees {
        mentees.push(generator.person(PersonKind::Mentee));
    }
    generator.shuffle(&mut mentors);
    generator.shuffle(&mut mentees);

    // Every email has a unique counter, so ids are unique on each side.
    Roster::new(mentors, mentees).expect("synthetic email addresses are unique")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum PersonKind {
    Mentor,
    Mentee,
    BothRoles,
}

struct Generator {
    rng: SplitMix64,
    next_number: u64,
    grade_names: Vec<String>,
    organisations: Vec<String>,
    organisation_weights: Weighted,
    profession_weights: Weighted,
    characteristic_weights: Weighted,
    mentor_grades: Weighted,
    mentee_grades: Weighted,
    both_roles_grades: Weighted,
}

impl Generator {
    fn new(seed: u64) -> Self {
        let organisations = organisation_names();
        let organisation_weights = Weighted::zipf(organisations.len());
        let characteristic_weights: Vec<u64> = CHARACTERISTICS.iter().map(|(_, w)| *w).collect();
        Generator {
            rng: SplitMix64::new(seed),
            next_number: 1,
            grade_names: GradeLadder::default().names().to_vec(),
            organisations,
            organisation_weights,
            profession_weights: Weighted::zipf(PROFESSIONS.len()),
            characteristic_weights: Weighted::new(&characteristic_weights),
            mentor_grades: Weighted::new(&MENTOR_GRADE_WEIGHTS),
            mentee_grades: Weighted::new(&MENTEE_GRADE_WEIGHTS),
            both_roles_grades: Weighted::new(&BOTH_ROLES_GRADE_WEIGHTS),
        }
    }

    fn person(&mut self, kind: PersonKind) -> Participant {
        let first_name = FIRST_NAMES[self.rng.index(FIRST_NAMES.len())];
        let last_name = LAST_NAMES[self.rng.index(LAST_NAMES.len())];
        let email = format!(
            "{}.{}.{}@example.org",
            email_part(first_name),
            email_part(last_name),
            self.next_number
        );
        self.next_number += 1;

        let grade_index = match kind {
            PersonKind::Mentor => self.mentor_grades.sample(&mut self.rng),
            PersonKind::Mentee => self.mentee_grades.sample(&mut self.rng),
            PersonKind::BothRoles => self.both_roles_grades.sample(&mut self.rng),
        };
        let grade = self.grade_names[grade_index].clone();
        let organisation =
            self.organisations[self.organisation_weights.sample(&mut self.rng)].clone();
        let profession = PROFESSIONS[self.profession_weights.sample(&mut self.rng)];
        let job_title = job_title(grade_index, profession);

        // Percent chance of 1 characteristic and of 2, by kind. A person on
        // both sides gets at most one, which fits both sides' limits.
        let (one, two) = match kind {
            PersonKind::Mentor => (50, 20),
            PersonKind::Mentee => (75, 0),
            PersonKind::BothRoles => (70, 0),
        };
        let characteristics = self.characteristics(one, two);
        // Only mentees request a mentor with a similar identity, so mentors
        // never have the flag set.
        let wants_similar_identity =
            kind != PersonKind::Mentor && !characteristics.is_empty() && self.rng.percent(60);

        let interest = INTERESTS[self.rng.index(INTERESTS.len())];
        let article = indefinite_article(&job_title);
        let biography = format!(
            "{first_name} {last_name} is {article} {job_title} ({grade}) at the {organisation}, \
             in the {profession} profession. {interest} Contact {first_name} at {email}."
        );

        Participant {
            first_name: first_name.to_owned(),
            last_name: last_name.to_owned(),
            email,
            both_roles: kind == PersonKind::BothRoles,
            job_title,
            grade,
            organisation,
            profession: profession.to_owned(),
            characteristics,
            wants_similar_identity,
            biography,
            max_matches: None,
            extra: Vec::new(),
        }
    }

    /// Draws 0, 1 or 2 distinct characteristics, with `one_percent` and
    /// `two_percent` chances of one and two.
    fn characteristics(&mut self, one_percent: u64, two_percent: u64) -> Vec<String> {
        let roll = self.rng.below(100);
        let count = if roll < two_percent {
            2
        } else if roll < two_percent + one_percent {
            1
        } else {
            0
        };
        let mut picked: Vec<usize> = Vec::with_capacity(count);
        while picked.len() < count {
            let index = self.characteristic_weights.sample(&mut self.rng);
            if !picked.contains(&index) {
                picked.push(index);
            }
        }
        picked.into_iter().map(|i| CHARACTERISTICS[i].0.to_owned()).collect()
    }

    /// Shuffles in place (Fisher-Yates).
    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.rng.index(i + 1);
            items.swap(i, j);
        }
    }
}

/// Returns the 90 organisation names, largest first: departments, then
/// agencies, then services.
fn organisation_names() -> Vec<String> {
    let mut names = Vec::with_capacity(3 * ORGANISATION_SUBJECTS.len());
    for patterns in [DEPARTMENT_PATTERNS, AGENCY_PATTERNS, SERVICE_PATTERNS] {
        for (i, subject) in ORGANISATION_SUBJECTS.iter().enumerate() {
            names.push(patterns[i % patterns.len()].replace("{}", subject));
        }
    }
    names
}

fn job_title(grade_index: usize, profession: &str) -> String {
    let role = ROLE_BY_GRADE[grade_index.min(ROLE_BY_GRADE.len() - 1)];
    if grade_index >= FIRST_SENIOR_GRADE {
        format!("{role}, {profession}")
    } else {
        format!("{profession} {role}")
    }
}

fn indefinite_article(phrase: &str) -> &'static str {
    match phrase.chars().next() {
        Some('A' | 'E' | 'I' | 'O' | 'U' | 'a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}

/// Lowercases a name and keeps only ASCII letters and digits, so "O'Brien"
/// becomes "obrien".
fn email_part(name: &str) -> String {
    name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}
