//! A streaming pass over the sheets of an `.ods` file that finds each
//! sheet's last non-empty row and column, counting repeated rows and cells
//! without expanding them as calamine does.

use std::io::{BufReader, Cursor};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// Returns the first sheet of the `.ods` file `bytes` for which `too_large`
/// returns true, with the 0-based (row, column) of its last non-empty row and
/// column, or `None` when there is none or the file cannot be scanned.
///
/// calamine expands every sheet of an `.ods` file when it opens the file,
/// so this check must run before. A file this pass cannot read returns
/// `None`, so that calamine reports the problem with its own message.
pub(crate) fn find_large_ods_sheet(
    bytes: &[u8],
    too_large: impl Fn((u64, u64)) -> bool,
) -> Option<(String, (u64, u64))> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let content = archive.by_name("content.xml").ok()?;
    scan_content(BufReader::new(content), too_large)
}

/// The position reached while scanning one sheet.
#[derive(Default)]
struct Scan {
    /// Rows before the current one, repeats included.
    row: u64,
    /// Cells before the current one in the current row, repeats included.
    column: u64,
    /// Repeats of the current row.
    row_repeats: u64,
    /// Whether the current row contains a value.
    row_has_value: bool,
    /// Last non-empty row, and the last non-empty column of any row, so
    /// far.
    last: Option<(u64, u64)>,
    /// Last non-empty column of any row so far.
    last_column: u64,
}

fn scan_content<R: std::io::BufRead>(
    source: R,
    too_large: impl Fn((u64, u64)) -> bool,
) -> Option<(String, (u64, u64))> {
    let mut reader = Reader::from_reader(source);
    let mut buffer = Vec::new();
    let mut sheet: Option<String> = None;
    let mut scan = Scan::default();
    loop {
        let event = reader.read_event_into(&mut buffer).ok()?;
        let in_sheet = sheet.is_some();
        match event {
            Event::Start(element) if element.name().as_ref() == b"table:table" => {
                sheet = Some(attribute(&element, b"table:name").unwrap_or_default());
                scan = Scan::default();
            }
            Event::End(element) if element.name().as_ref() == b"table:table" => {
                if let (Some(name), Some(extent)) = (sheet.take(), scan.last) {
                    if too_large(extent) {
                        return Some((name, extent));
                    }
                }
            }
            Event::Start(element) if in_sheet && element.name().as_ref() == b"table:table-row" => {
                scan.row_repeats = repeats(&element, b"table:number-rows-repeated");
                scan.column = 0;
                scan.row_has_value = false;
            }
            Event::Empty(element) if in_sheet && element.name().as_ref() == b"table:table-row" => {
                let count = repeats(&element, b"table:number-rows-repeated");
                scan.row = scan.row.saturating_add(count);
            }
            Event::End(element) if in_sheet && element.name().as_ref() == b"table:table-row" => {
                if scan.row_has_value {
                    let last_row = scan.row.saturating_add(scan.row_repeats - 1);
                    scan.last = Some((last_row, scan.last_column));
                }
                scan.row = scan.row.saturating_add(scan.row_repeats);
            }
            Event::Start(element) | Event::Empty(element) if in_sheet && is_cell(&element) => {
                let count = repeats(&element, b"table:number-columns-repeated");
                if attribute(&element, b"office:value-type").is_some() {
                    scan.row_has_value = true;
                    let last_column = scan.column.saturating_add(count - 1);
                    scan.last_column = scan.last_column.max(last_column);
                }
                scan.column = scan.column.saturating_add(count);
            }
            Event::Eof => return None,
            _ => {}
        }
        buffer.clear();
    }
}

fn is_cell(element: &BytesStart<'_>) -> bool {
    let name = element.name();
    name.as_ref() == b"table:table-cell" || name.as_ref() == b"table:covered-table-cell"
}

/// Returns the value of a repeat attribute, at least 1.
fn repeats(element: &BytesStart<'_>, name: &[u8]) -> u64 {
    attribute(element, name).and_then(|value| value.parse::<u64>().ok()).unwrap_or(1).max(1)
}

fn attribute(element: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    let attribute = element.try_get_attribute(name).ok()??;
    Some(String::from_utf8_lossy(&attribute.value).into_owned())
}
