//! Data model for mentor-match.
//!
//! The types here describe a mentoring programme's input and output without
//! any I/O or scoring:
//!
//! - [`Participant`] is one row of a mentors or mentees file, identified by
//!   its [`ParticipantId`] (the email address, trimmed and lowercased).
//! - [`Roster`] contains both sides and checks that ids are unique per side.
//! - [`RuleConfig`] holds the matching rules ([`GradeLadder`] or numeric
//!   grades, capacities, [`SeniorityRule`], [`OrganisationRule`],
//!   profession and characteristic points, [`ColumnRule`]s on other
//!   columns) and the [`Priority`]. [`RuleConfig::default`] gives the rules of
//!   the UK Civil Service LGBT+ mentoring programme.
//! - [`Exclusions`] lists mentor/mentee pairs that must never be matched,
//!   and [`Pins`] pairs that must be.
//! - [`MatchResult`] is the outcome: [`MatchedPair`]s with their
//!   [`ScoreBreakdown`], the total score and per-participant match counts.
//! - [`Explanations`] give each pair's rank among the mentee's options and
//!   the reason a participant has fewer matches than allowed
//!   ([`Shortfall`]).
//! - [`Interner`] maps attribute values (organisations, professions,
//!   characteristics) to small integer ids for fast comparison.
//!
//! # Example
//!
//! ```
//! use mentor_match_model::{Participant, Roster, RuleConfig};
//!
//! let mentor = Participant::new("Ada", "Lovelace", "ada@example.org")
//!     .with_grade("Grade 7")
//!     .with_organisation("Department of Joy")
//!     .with_profession("Digital");
//! let mentee = Participant::new("Alan", "Turing", "Alan@Example.org ")
//!     .with_grade("SEO")
//!     .with_organisation("Department of Love")
//!     .with_profession("Digital");
//! assert_eq!(mentee.id().as_str(), "alan@example.org");
//!
//! let roster = Roster::new(vec![mentor], vec![mentee])?;
//! let rules = RuleConfig::default();
//! assert_eq!(rules.grades.index_of("grade 7"), Some(5));
//! assert_eq!(roster.mentors().len(), 1);
//! # Ok::<(), mentor_match_model::RosterError>(())
//! ```

#![warn(missing_docs)]

mod config;
mod exclusions;
mod explain;
mod intern;
mod participant;
mod result;
mod roster;

pub use config::{
    BUILT_IN_RULE_NAMES, ColumnEffect, ColumnRule, ConfigError, GradeLadder, MAX_ABS_POINTS,
    MAX_CAPACITY, NUMERIC_GRADE_RANGE, OrganisationRule, Priority, RuleConfig, SeniorityRule,
    comparison_key,
};
pub use exclusions::{ExcludedPair, Exclusions, Pins};
pub use explain::{
    Alternative, Constraint, Explanations, MatchExplanation, ObjectiveChange, PairRank,
    ParticipantExplanation, Quantity, Removal, Shortfall, ShortfallReason, display_name,
};
pub use intern::Interner;
pub use participant::{Participant, ParticipantId, Role, is_format_char};
pub use result::{CustomRuleSummary, MatchResult, MatchedPair, RulePoints, ScoreBreakdown};
pub use roster::{Roster, RosterError};
