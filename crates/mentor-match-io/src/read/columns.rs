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
            warn_if_blank_heading_has_values(table, position, log);
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

/// Warns about a column with a blank heading whose cells are not all blank.
/// Trailing empty columns, which spreadsheets export for stray formatting,
/// pass silently.
fn warn_if_blank_heading_has_values(table: &Table, position: usize, log: &mut ProblemLog) {
    let filled_cells = table.rows.iter().filter(|row| !row.fields[position].is_empty()).count();
    if filled_cells > 0 {
        log.row(
            table.header_line,
            ProblemKind::UnnamedColumnIgnored { position: position + 1, filled_cells },
        );
    }
}
