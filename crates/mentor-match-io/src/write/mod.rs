//! Writers for the output folder and for rosters in the input format.

mod atomic;
mod lists;
mod matches;
mod report;
mod roster;
mod sides;
mod summary;
mod unmatched;

use std::borrow::Cow;
use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

use mentor_match_model::{Explanations, MatchResult, Role, Roster, RuleConfig, ShortfallReason};

use crate::error::OutputError;
use crate::{EXPLANATION_FILES, OUTPUT_FILES};
use atomic::{OutputFile, write_files};
use sides::SortedSide;

/// Returns a cell value that a spreadsheet program shows as text, never
/// as a formula.
///
/// Excel and other programs evaluate a CSV cell that starts with `=`, `+`,
/// `-` or `@` as a formula, and tab and carriage return can hide such a
/// start, so a participant could plant a formula in the administrators'
/// files. Such a value gets a leading `'`, which spreadsheet programs hide
/// and which marks the cell as text. A value that is a plain number, such
/// as a negative score `-1`, is kept as it is, because it is no formula.
pub(crate) fn neutralise_formula(value: &str) -> Cow<'_, str> {
    let risky = value.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let number = value.parse::<f64>().is_ok_and(f64::is_finite);
    if risky && !number { Cow::Owned(format!("'{value}")) } else { Cow::Borrowed(value) }
}

/// Writes one CSV record with every cell passed through
/// [`neutralise_formula`].
pub(crate) fn write_text_record<S: AsRef<str>>(
    writer: &mut csv::Writer<Vec<u8>>,
    record: &[S],
) -> csv::Result<()> {
    writer.write_record(record.iter().map(|cell| neutralise_formula(cell.as_ref()).into_owned()))
}

/// Options for [`write_outputs`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutputOptions {
    /// Replace output files that already exist in the output folder.
    pub force: bool,
    /// The files the run read, recorded in `summary.json`.
    pub inputs: InputFiles,
}

/// The files a run read, recorded in `summary.json` so that the run can be
/// repeated. `None` means the file was not given.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct InputFiles {
    /// The mentors file.
    pub mentors: Option<PathBuf>,
    /// The mentees file.
    pub mentees: Option<PathBuf>,
    /// The rules configuration file; `None` means the default rules (with
    /// any command-line priority).
    pub config: Option<PathBuf>,
    /// The exclusions file.
    pub exclusions: Option<PathBuf>,
    /// The pins file.
    pub pins: Option<PathBuf>,
}

/// Writes the output folder: the two participant lists, `matches.csv` and
/// `summary.json` (see [`OUTPUT_FILES`]), and with `explanations` (from
/// `Matcher::explain` in `mentor-match-core`) also `unmatched.csv` and
/// `report.html` ([`EXPLANATION_FILES`]), a rank per pair in
/// `matches.csv` and counts of the reasons in `summary.json`.
///
/// The files depend only on the roster's contents, the result and the
/// rules, never on the order of input rows: participants and pairs are
/// written in [`ParticipantId`](mentor_match_model::ParticipantId) order.
/// The files contain no timestamps, so the same inputs give byte-identical
/// files.
///
/// A missing `out_dir` (and its missing parents) is created, and appears
/// only once all files are complete. In an existing `out_dir`, all four
/// files are first written in full to temporary files there, and only then
/// renamed over the old files one after another. No other file there is
/// touched. Everything is rendered in memory before the first file is
/// written.
///
/// # Errors
///
/// - [`OutputError::ResultMismatch`] when `result` has pair indices outside
///   the roster, count vectors of the wrong length, counts that disagree
///   with its pairs, or the same pair twice, or when `explanations` do not
///   fit `result` and the roster.
/// - [`OutputError::AlreadyExists`] when one of the output files exists and
///   `options.force` is false, and [`OutputError::IsADirectory`] when an
///   output file's path is a directory. Nothing is written in either case.
/// - [`OutputError::NotADirectory`] and [`OutputError::Io`] for file system
///   failures before any output file was replaced. The temporary files are
///   removed, so the folder is left as it was.
/// - [`OutputError::PartlyWritten`] when renaming a file into place fails
///   after earlier files were renamed, which needs a change to the folder
///   by another process or a file system failure during the renames. The
///   error lists the files already replaced.
pub fn write_outputs(
    out_dir: &Path,
    roster: &Roster,
    result: &MatchResult,
    explanations: Option<&Explanations>,
    rules: &RuleConfig,
    options: &OutputOptions,
) -> Result<(), OutputError> {
    check_result(roster, result)?;
    if let Some(explanations) = explanations {
        check_explanations(roster, result, explanations)?;
    }
    let mentors = SortedSide::new(roster, Role::Mentor);
    let mentees = SortedSide::new(roster, Role::Mentee);
    let [mentees_list, mentors_list, matches_csv, summary_json] = OUTPUT_FILES;

    let rendering_error =
        |name: &str, source: io::Error| OutputError::Io { path: out_dir.join(name), source };
    let mut outputs = vec![
        (mentees_list, Output::MenteesList),
        (mentors_list, Output::MentorsList),
        (matches_csv, Output::Matches),
        (summary_json, Output::Summary),
    ];
    if let Some(explanations) = explanations {
        let [unmatched_csv, report_html] = EXPLANATION_FILES;
        outputs.push((unmatched_csv, Output::Unmatched(explanations)));
        outputs.push((report_html, Output::Report(explanations)));
    }
    // Each file renders on its own thread: together they took a quarter
    // of a 500-a-side run.
    let rendered = atomic::in_parallel(&outputs, |(_, output)| match output {
        Output::MenteesList => lists::render_list(Role::Mentee, &mentees, &mentors, result, rules),
        Output::MentorsList => lists::render_list(Role::Mentor, &mentors, &mentees, result, rules),
        Output::Matches => {
            let ranks = explanations.map(|e| e.pair_ranks.as_slice());
            matches::render_matches(&mentors, &mentees, result, ranks, rules)
        }
        Output::Summary => {
            summary::render_summary(roster, result, explanations, rules, &options.inputs)
                .map_err(io::Error::from)
        }
        Output::Unmatched(explanations) => unmatched::render_unmatched(roster, explanations, rules),
        Output::Report(explanations) => {
            Ok(report::render_report(roster, result, explanations, rules).into_bytes())
        }
    });
    let mut files = Vec::with_capacity(outputs.len());
    for ((name, _), contents) in outputs.into_iter().zip(rendered) {
        files.push(OutputFile { name, contents: contents.map_err(|e| rendering_error(name, e))? });
    }
    write_files(out_dir, &files, options.force)?;
    tracing::info!(
        dir = %out_dir.display(),
        pairs = result.pairs.len(),
        "wrote output folder"
    );
    Ok(())
}

/// One file of the output folder, to render.
enum Output<'a> {
    MenteesList,
    MentorsList,
    Matches,
    Summary,
    Unmatched(&'a Explanations),
    Report(&'a Explanations),
}

/// Writes `dir/mentors.csv` and `dir/mentees.csv` in the input format that
/// [`read_roster`](crate::read_roster) reads, in participant id order.
///
/// Reading the two files back gives the same participants (in id order) for
/// any roster whose values have no surrounding whitespace, whose
/// characteristics contain no comma or semicolon, and whose participants on
/// one side share the same extra headings. Mentors are written without the
/// "match with similar identity" column, so a mentor's
/// `wants_similar_identity` reads back as false. Creation and replacement
/// follow the same rules as [`write_outputs`].
///
/// # Errors
///
/// The same as [`write_outputs`], except [`OutputError::ResultMismatch`].
pub fn write_roster(dir: &Path, roster: &Roster, force: bool) -> Result<(), OutputError> {
    let mut files = Vec::with_capacity(2);
    for (name, role) in [("mentors.csv", Role::Mentor), ("mentees.csv", Role::Mentee)] {
        let side = SortedSide::new(roster, role);
        let contents = roster::render_side(role, &side)
            .map_err(|source| OutputError::Io { path: dir.join(name), source })?;
        files.push(OutputFile { name, contents });
    }
    write_files(dir, &files, force)
}

/// Checks that explanations fit the result and the roster, so rendering
/// can index both without panicking.
fn check_explanations(
    roster: &Roster,
    result: &MatchResult,
    explanations: &Explanations,
) -> Result<(), OutputError> {
    let mismatch = |reason: String| Err(OutputError::ResultMismatch { reason });
    if explanations.pair_ranks.len() != result.pairs.len() {
        return mismatch(format!(
            "its explanations rank {} pairs, but it has {}",
            explanations.pair_ranks.len(),
            result.pairs.len()
        ));
    }
    for shortfall in &explanations.shortfalls {
        let own = roster.side(shortfall.role).len();
        let others = roster.side(shortfall.role.other()).len();
        let candidate = match &shortfall.reason {
            ShortfallReason::WouldLowerObjective { candidate, .. }
            | ShortfallReason::EquallyGood { candidate, .. } => Some(*candidate),
            _ => None,
        };
        if shortfall.participant >= own || candidate.is_some_and(|candidate| candidate >= others) {
            return mismatch(format!(
                "its explanations name {} {} or a candidate outside the roster",
                shortfall.role, shortfall.participant
            ));
        }
    }
    Ok(())
}

/// Checks that the result describes matches between this roster's
/// participants, so rendering can index the roster without panicking.
fn check_result(roster: &Roster, result: &MatchResult) -> Result<(), OutputError> {
    let mismatch = |reason: String| Err(OutputError::ResultMismatch { reason });
    let (mentor_count, mentee_count) = (roster.mentors().len(), roster.mentees().len());
    if result.mentor_match_counts.len() != mentor_count {
        return mismatch(format!(
            "it has match counts for {} mentors, but the roster has {mentor_count}",
            result.mentor_match_counts.len()
        ));
    }
    if result.mentee_match_counts.len() != mentee_count {
        return mismatch(format!(
            "it has match counts for {} mentees, but the roster has {mentee_count}",
            result.mentee_match_counts.len()
        ));
    }

    let mut mentor_counts = vec![0u32; mentor_count];
    let mut mentee_counts = vec![0u32; mentee_count];
    let mut seen = HashSet::with_capacity(result.pairs.len());
    for pair in &result.pairs {
        if pair.mentor >= mentor_count || pair.mentee >= mentee_count {
            return mismatch(format!(
                "pair (mentor {}, mentee {}) is out of range for {mentor_count} mentors and \
                 {mentee_count} mentees",
                pair.mentor, pair.mentee
            ));
        }
        if !seen.insert((pair.mentor, pair.mentee)) {
            return mismatch(format!(
                "pair (mentor {}, mentee {}) appears twice",
                pair.mentor, pair.mentee
            ));
        }
        mentor_counts[pair.mentor] += 1;
        mentee_counts[pair.mentee] += 1;
    }
    if mentor_counts != result.mentor_match_counts {
        return mismatch("its mentor match counts disagree with its pairs".to_owned());
    }
    if mentee_counts != result.mentee_match_counts {
        return mismatch("its mentee match counts disagree with its pairs".to_owned());
    }
    Ok(())
}
