//! CSV and spreadsheet readers and output writers for mentor-match.
//!
//! This crate moves a mentoring programme's data between files and the
//! [`mentor_match_model`] types. It never scores or matches; pair it with
//! `mentor-match-core` for that.
//!
//! - [`read_config`] reads a TOML rules configuration, and
//!   [`render_config`] writes one with a comment on every setting.
//! - [`read_roster`] reads `mentors.csv` and `mentees.csv` (or `.xlsx` and
//!   `.ods` workbooks) into a [`Roster`](mentor_match_model::Roster), and
//!   [`read_exclusions`] reads pairs that must never be matched. Both report
//!   every problem in the files at once, each with file, line, column and
//!   value ([`InputErrors`]). [`check_roster`] returns the warnings too,
//!   for a validation report.
//! - [`write_outputs`] writes the output folder ([`OUTPUT_FILES`]):
//!   participant lists for mail merge, `matches.csv` for administrators and
//!   `summary.json`. The files are deterministic and written atomically.
//! - [`write_roster`] writes a roster back in the input format, and
//!   [`synthetic::generate`] makes realistic rosters of any size.
//!
//! # Input format
//!
//! One file per side, with a heading row: a CSV file, or a workbook whose
//! extension is one of [`SPREADSHEET_EXTENSIONS`] (see [`check_roster`] for
//! how its sheet is chosen). Headings match ignoring case, surrounding
//! whitespace and repeated inner spaces.
//!
//! CSV files may be UTF-8 with or without a byte order mark, or UTF-16 in
//! either byte order (with a byte order mark, or recognised from a heading
//! line in Latin script). A file that is not valid UTF-8 is read as
//! Windows-1252 with a warning, unless it also contains valid UTF-8
//! accented letters: then each cell with invalid bytes is an error. The delimiter is whichever of `,`, `;` and
//! tab occurs most often outside quotes in the heading line. Rows whose
//! cells are all blank are skipped, and so are trailing empty cells and
//! columns with a blank heading. A binary file that is not a known
//! spreadsheet gets a single problem for the whole file.
//!
//! | heading | required value | notes |
//! |---|---|---|
//! | `first name` | yes | |
//! | `last name` | no | |
//! | `email address` (or `email`) | yes | must contain `@`; unique per file, ignoring case; it identifies the person |
//! | `both mentor and mentee` | no | yes/no |
//! | `job title` | no | |
//! | `grade` | yes | a name on the rules' grade ladder, or a whole number with numeric grades |
//! | `organisation` | yes | |
//! | `profession` | yes | |
//! | `characteristics` (or `identity to match`) | no | list separated by commas or semicolons |
//! | `match with similar identity` | no | yes/no; mentees file only |
//! | `biography` | no | |
//! | `max matches` | no | optional column: a whole number, blank for the rules' default |
//!
//! Every column is required except `max matches`, and except `match with
//! similar identity` in the mentors file. Yes/no cells accept `yes`, `y`,
//! `true`, `1`, `no`, `n`, `false`, `0` in any case, and blank means no.
//! Other columns are kept, in file order, in
//! [`Participant::extra`](mentor_match_model::Participant::extra) and copied
//! to the participant lists.
//!
//! Characteristics and the "match with similar identity" values are
//! sensitive personal data, and no output file contains them. Problems
//! never repeat them either: a problem in one of those columns has its
//! line and column but no value. Biographies are copied as written,
//! though, so whatever a participant wrote in their own biography reaches
//! their matches.
//!
//! Each problem is an error or a warning ([`Severity`]). Warnings (a file
//! read as Windows-1252, an ignored column with values but no heading, a
//! "both mentor and mentee" value that disagrees with the other file) do
//! not stop reading.
//!
//! # Example
//!
//! ```
//! use std::fs;
//!
//! use mentor_match_io::read_roster;
//! use mentor_match_model::RuleConfig;
//!
//! let dir = tempfile::tempdir()?;
//! let mentors = dir.path().join("mentors.csv");
//! let mentees = dir.path().join("mentees.csv");
//! fs::write(
//!     &mentors,
//!     "first name,last name,email address,both mentor and mentee,job title,grade,\
//!      organisation,profession,characteristics,biography\n\
//!      Ada,Lovelace,ada@example.org,no,Analyst,Grade 7,Department of Joy,Digital,,Hello\n",
//! )?;
//! fs::write(
//!     &mentees,
//!     "first name,last name,email,both mentor and mentee,job title,grade,organisation,\
//!      profession,identity to match,match with similar identity,biography,team\n\
//!      Alan,Turing,alan@example.org,No,Officer,SEO,Department of Love,Digital,Gay,Yes,Hi,Blue\n",
//! )?;
//!
//! let roster = read_roster(&mentors, &mentees, &RuleConfig::default())?;
//! let mentee = &roster.mentees()[0];
//! assert_eq!(mentee.characteristics, ["Gay"]);
//! assert!(mentee.wants_similar_identity);
//! assert_eq!(mentee.extra, [("team".to_owned(), "Blue".to_owned())]);
//!
//! // A problem is reported with its file, line, column and value.
//! fs::write(&mentees, fs::read_to_string(&mentees)?.replace("SEO", "Grade 8"))?;
//! let errors = read_roster(&mentors, &mentees, &RuleConfig::default()).unwrap_err();
//! assert_eq!(errors.problems.len(), 1);
//! assert_eq!(errors.problems[0].line, Some(2));
//! assert!(errors.to_string().contains(r#"mentees.csv:2: column "grade", value "Grade 8""#));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

mod config;
mod config_number;
mod error;
mod headings;
mod read;
pub mod synthetic;
mod write;

pub use config::{ConfigFileError, parse_config, read_config, render_config};
pub use error::{InputErrors, InputProblem, OutputError, ProblemKind, Severity};
pub use read::{
    ExclusionsCheck, RosterCheck, SPREADSHEET_EXTENSIONS, check_exclusions, check_pair_people,
    check_roster, is_spreadsheet_path, read_exclusions, read_pins, read_roster,
};
pub use write::{InputFiles, OutputOptions, write_outputs, write_roster};

/// Names of the files [`write_outputs`] always writes, in the order it
/// writes them.
pub const OUTPUT_FILES: [&str; 4] =
    ["mentees-list.csv", "mentors-list.csv", "matches.csv", "summary.json"];

/// Names of the files [`write_outputs`] writes after [`OUTPUT_FILES`] when
/// it is given explanations.
pub const EXPLANATION_FILES: [&str; 2] = ["unmatched.csv", "report.html"];
