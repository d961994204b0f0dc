//! Matching a file's headings to participant fields.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use mentor_match_model::Role;

use crate::error::ProblemKind;
use crate::headings::{Field, normalise_heading};
use crate::read::problems::ProblemLog;
use crate::read::table::Table;

/// Positions of each field's column in a file, and the extra columns.
pub(crate) struct ColumnMap {
    positions: [Option<usize>; Field::ALL.len()],
    /// Columns the matcher does not use: (position, heading as written).
    pub(crate) extras: Vec<(usize, String)>,
}

impl ColumnMap {
    /// Returns the position of the field's column, if the file has one.
    pub(crate) fn position(&self, field: Field) -> Option<usize> {
        self.positions[field.index()]
    }
}

/// Maps the table's headings to fields, reporting duplicate and missing
/// columns.
///
/// Columns with a blank heading are ignored, because spreadsheets export
/// them for stray formatting. A mentors file's "match with similar identity"
/// column is recognised but never read, so it cannot leak into the outputs
/// as an extra column.
pub(crate) fn map_columns(table: &Table, role: Role, log: &mut ProblemLog) -> ColumnMap {
    let mut map = ColumnMap { positions: [None; Field::ALL.len()], extras: Vec::new() };
    // Position of the first extra column with each normalised heading. A map
    // keeps this linear in the number of columns, which can be in the
    // thousands in a spreadsheet export.
    let mut extra_positions: HashMap<String, usize> = HashMap::new();
    let line = Some(table.header_line);
    let duplicate_of = |first: usize| ProblemKind::DuplicateColumn {
        first_heading: table.headings[first].clone(),
        first_column: first + 1,
    };

    for (position, heading) in table.headings.iter().enumerate() {
        if heading.is_empty() {
            continue;
        }
        match Field::from_heading(heading, role) {
            Some(field) => match map.positions[field.index()] {
                Some(first) => log.cell(line, Some(heading), None, duplicate_of(first)),
                None => map.positions[field.index()] = Some(position),
            },
            None => match extra_positions.entry(normalise_heading(heading)) {
                Entry::Occupied(first) => {
                    log.cell(line, Some(heading), None, duplicate_of(*first.get()));
                }
                Entry::Vacant(slot) => {
                    slot.insert(position);
                    map.extras.push((position, heading.clone()));
                }
            },
        }
    }

    warn_about_unnamed_columns(table, log);

    for field in Field::ALL {
        if field.is_required(role) && map.position(field).is_none() {
            let accepted = field.headings(role).iter().map(|h| (*h).to_owned()).collect();
            log.cell(
                line,
                Some(field.preferred_heading(role)),
                None,
                ProblemKind::MissingColumn { accepted },
            );
        }
    }
    map
}

/// Warns once about each run of adjacent columns with a blank heading whose
/// cells are not all blank. Trailing empty columns, which spreadsheets
/// export for stray formatting, pass silently.
fn warn_about_unnamed_columns(table: &Table, log: &mut ProblemLog) {
    // (first position, last position, filled cells) of the current run.
    let mut run: Option<(usize, usize, usize)> = None;
    for (position, heading) in table.headings.iter().enumerate() {
        let filled_cells = if heading.is_empty() {
            table.rows.iter().filter(|row| !row.fields[position].is_empty()).count()
        } else {
            0
        };
        run = match run {
            Some((first, _, filled)) if filled_cells > 0 => {
                Some((first, position, filled + filled_cells))
            }
            None if filled_cells > 0 => Some((position, position, filled_cells)),
            Some(finished) => {
                report_unnamed_columns(table, finished, log);
                None
            }
            None => None,
        };
    }
    if let Some(finished) = run {
        report_unnamed_columns(table, finished, log);
    }
}

fn report_unnamed_columns(
    table: &Table,
    (first, last, filled_cells): (usize, usize, usize),
    log: &mut ProblemLog,
) {
    let kind = ProblemKind::UnnamedColumnIgnored {
        position: first + 1,
        last_position: last + 1,
        filled_cells,
    };
    log.row(table.header_line, kind);
}
