//! Word lists and weights for synthetic rosters. All names are invented.

/// Given names. None contains a characteristic's name, so tests can search
/// biographies for characteristics.
pub(crate) const FIRST_NAMES: [&str; 60] = [
    "Aaliyah", "Abdul", "Ada", "Aisha", "Alan", "Alex", "Amara", "Amir", "Ana", "Ben", "Bronwen",
    "Caitlin", "Charlie", "Chen", "Chidi", "Chloe", "Daniel", "Deepa", "Eilidh", "Elena", "Emeka",
    "Erin", "Fatima", "Finn", "Grace", "Hamza", "Hannah", "Harvey", "Imran", "Isla", "Jack",
    "Jamal", "Jess", "Kai", "Kemi", "Laura", "Leon", "Lucia", "Maya", "Mohammed", "Niamh", "Noah",
    "Olu", "Omar", "Priya", "Rhys", "Robin", "Rowan", "Sam", "Sanjay", "Sara", "Sean", "Siobhan",
    "Sofia", "Tariq", "Tomasz", "Uma", "Wei", "Yusuf", "Zara",
];

/// Family names, some with apostrophes and hyphens that email addresses
/// leave out.
pub(crate) const LAST_NAMES: [&str; 60] = [
    "Adeyemi",
    "Ahmed",
    "Ali",
    "Anderson",
    "Baker",
    "Banerjee",
    "Begum",
    "Campbell",
    "Chowdhury",
    "Clarke",
    "Davies",
    "Edwards",
    "Evans",
    "Fernandes",
    "Fraser",
    "Green",
    "Griffiths",
    "Hall",
    "Hughes",
    "Hussain",
    "Jackson",
    "James",
    "Jones",
    "Kaur",
    "Khan",
    "Kowalski",
    "Lewis",
    "Li",
    "MacDonald",
    "Martin",
    "Mensah",
    "Mitchell",
    "Morgan",
    "Murphy",
    "Nguyen",
    "Novak",
    "O'Brien",
    "O'Neill",
    "Okafor",
    "Owusu",
    "Patel",
    "Phillips",
    "Price",
    "Rahman",
    "Roberts",
    "Robinson",
    "Santos",
    "Scott",
    "Shah",
    "Singh",
    "Smith",
    "Smith-Jones",
    "Stewart",
    "Taylor",
    "Thomas",
    "Walker",
    "Wang",
    "Watson",
    "Williams",
    "Wilson",
];

/// Subjects of organisation names. Each yields three organisations (a
/// department-style, an agency-style and a service-style name), so there
/// are 90 in all.
pub(crate) const ORGANISATION_SUBJECTS: [&str; 30] = [
    "Transport",
    "Education",
    "Health",
    "Justice",
    "Culture",
    "Energy",
    "Trade",
    "Housing",
    "Environment",
    "Science",
    "Employment",
    "Defence",
    "Revenue",
    "Customs",
    "Borders",
    "Farming",
    "Fisheries",
    "Water",
    "Statistics",
    "Land",
    "Maritime Affairs",
    "Aviation",
    "Food Standards",
    "Heritage",
    "Skills",
    "Planning",
    "Competition",
    "Public Records",
    "Communities",
    "Veterans",
];

/// Name patterns for departments, agencies and services; `{}` stands for
/// the subject.
pub(crate) const DEPARTMENT_PATTERNS: [&str; 3] =
    ["Department for {}", "Ministry of {}", "Office for {}"];
pub(crate) const AGENCY_PATTERNS: [&str; 3] = ["{} Agency", "Agency of {}", "{} Commission"];
pub(crate) const SERVICE_PATTERNS: [&str; 3] = ["{} Service", "{} Board", "{} Inspectorate"];

/// Professions, most common first; sampled with Zipf-like weights.
pub(crate) const PROFESSIONS: [&str; 25] = [
    "Operational Delivery",
    "Policy",
    "Digital",
    "Project Delivery",
    "Finance",
    "Human Resources",
    "Commercial",
    "Communications",
    "Security",
    "Tax",
    "Legal",
    "Economics",
    "Statistics",
    "Science and Engineering",
    "Social Research",
    "Operational Research",
    "Internal Audit",
    "Counter Fraud",
    "Property",
    "Planning",
    "Knowledge and Information Management",
    "Intelligence Analysis",
    "Medical",
    "Veterinary",
    "Occupational Psychology",
];

/// Characteristics (identities) and their relative weights.
pub(crate) const CHARACTERISTICS: [(&str, u64); 6] = [
    ("Gay", 30),
    ("Lesbian", 18),
    ("Bisexual or pansexual", 26),
    ("Transgender", 8),
    ("Non-binary", 11),
    ("Asexual", 7),
];

/// Weights (percent) of the 11 grades of the default ladder, junior first.
/// Mentees peak at HEO and mentors at Grade 7, so mentors are on average
/// about two grades more senior, which suits the default seniority rule.
pub(crate) const MENTEE_GRADE_WEIGHTS: [u64; 11] = [4, 10, 18, 22, 19, 14, 8, 3, 1, 1, 0];
pub(crate) const MENTOR_GRADE_WEIGHTS: [u64; 11] = [0, 1, 4, 9, 15, 22, 21, 14, 8, 4, 2];
/// People on both sides sit in between.
pub(crate) const BOTH_ROLES_GRADE_WEIGHTS: [u64; 11] = [0, 3, 8, 16, 21, 22, 16, 9, 3, 2, 0];

/// Role words by grade index, used to build job titles.
pub(crate) const ROLE_BY_GRADE: [&str; 11] = [
    "Assistant",
    "Officer",
    "Officer",
    "Adviser",
    "Senior Adviser",
    "Lead",
    "Head",
    "Deputy Director",
    "Director",
    "Director General",
    "Permanent Secretary",
];

/// Index of the first senior (director-level) grade in [`ROLE_BY_GRADE`].
pub(crate) const FIRST_SENIOR_GRADE: usize = 7;

/// Closing sentences of biographies.
pub(crate) const INTERESTS: [&str; 12] = [
    "I can help with career planning and applying for promotion.",
    "I enjoy talking about building confidence at work.",
    "I would like to learn how to lead a team through change.",
    "I am happy to share what I learnt moving between departments.",
    "I am interested in working flexibly and part time.",
    "I can talk about preparing for interviews and assessment centres.",
    "I would value advice on managing stakeholders.",
    "I enjoy helping people find their way in a new profession.",
    "I am keen to build networks across government.",
    "I can share experience of returning to work after a career break.",
    "I would like to grow my skills in public speaking.",
    "I am glad to talk about balancing work and caring responsibilities.",
];
