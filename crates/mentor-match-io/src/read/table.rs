//! Loading a CSV file into trimmed text rows with physical line numbers.

use std::fs;
use std::path::Path;

use crate::error::ProblemKind;
use crate::read::encoding::{SourceEncoding, decode_text};
use crate::read::problems::ProblemLog;

/// A CSV file's heading row and its non-blank data rows.
pub(crate) struct Table {
    /// Headings as written, trimmed.
    pub(crate) headings: Vec<String>,
    /// Physical line of the heading row.
    pub(crate) header_line: u64,
    /// Data rows, each with exactly `headings.len()` fields.
    pub(crate) rows: Vec<Row>,
}

/// Result of loading a CSV file.
pub(crate) enum Loaded {
    /// The heading row and the data rows, if any.
    Table(Table),
    /// The file is empty or contains only blank lines and blank rows.
    Empty,
    /// The file could not be read, or is not CSV text. The problems are in
    /// the log.
    Failed,
}

/// One data row.
pub(crate) struct Row {
    /// 1-based physical line where the row starts.
    pub(crate) line: u64,
    /// Trimmed cell values, one per heading.
    pub(crate) fields: Vec<String>,
}

/// Reads `path` as CSV, reporting every problem to `log`.
///
/// Returns [`Loaded::Failed`] when the file cannot be read, is binary or
/// invalid UTF-16 (see [`decode_text`]), or its heading row cannot be
/// parsed. Callers decide whether an empty file is a problem. Rows
/// whose fields are all blank are skipped, and so are rows with the wrong
/// number of fields (after reporting them), so callers see only rows that
/// line up with the headings.
///
/// A file that is not valid UTF-8 is decoded as Windows-1252, with a
/// warning for the whole file, unless it looks like damaged UTF-8 (see
/// [`decode_text`]). Then each cell with invalid bytes is reported, and
/// kept with those bytes replaced by U+FFFD so that the rest of its row can
/// still be checked.
pub(crate) fn read_table(path: &Path, log: &mut ProblemLog) -> Loaded {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            log.file(ProblemKind::Io { kind: error.kind(), message: error.to_string() });
            return Loaded::Failed;
        }
    };
    let decoded = match decode_text(&bytes) {
        Ok(decoded) => decoded,
        Err(kind) => {
            log.file(kind);
            return Loaded::Failed;
        }
    };
    if decoded.encoding == SourceEncoding::Windows1252 {
        log.file(ProblemKind::Windows1252Decoded);
    }
    parse_table(&decoded.bytes, log)
}

/// Builds a table from a worksheet's rows, each with its 1-based row
/// number, all as wide as the sheet's used range.
///
/// The first row with a non-blank cell is the heading row, and later rows
/// whose cells are all blank are skipped, as in a CSV file.
pub(crate) fn table_from_rows(rows: impl IntoIterator<Item = (u64, Vec<String>)>) -> Loaded {
    let mut table: Option<Table> = None;
    for (line, cells) in rows {
        let mut fields: Vec<String> = cells.iter().map(|cell| cell.trim().to_owned()).collect();
        if fields.iter().all(String::is_empty) {
            continue;
        }
        match &mut table {
            None => table = Some(Table { headings: fields, header_line: line, rows: Vec::new() }),
            Some(table) => {
                fields.resize(table.headings.len(), String::new());
                table.rows.push(Row { line, fields });
            }
        }
    }
    match table {
        Some(table) => Loaded::Table(table),
        None => Loaded::Empty,
    }
}

fn parse_table(data: &[u8], log: &mut ProblemLog) -> Loaded {
    let delimiter = sniff_delimiter(data);
    let unclosed_quote = find_unclosed_quote(data, delimiter);

    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(data);
    let mut lines = LineCounter::new(data);
    let mut record = csv::ByteRecord::new();
    let mut table: Option<Table> = None;

    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => {
                // Unreachable with flexible rows read from memory, but a
                // parser error must still reach the user rather than a panic.
                let line = error.position().map(|p| p.line());
                log.cell(line, None, None, ProblemKind::MalformedCsv { reason: error.to_string() });
                break;
            }
        }
        let start = record_start(data, record.position().map_or(0, |p| p.byte()));
        let line = lines.line_at(start);

        let is_last = reader.position().byte() >= data.len() as u64;
        if let Some(quote) = unclosed_quote.filter(|&quote| is_last && quote >= start) {
            // This record runs from the stray quote to the end of the file, so
            // its fields are garbage and checking them would only add noise.
            let quote_line = lines.clone().line_at(quote);
            log.row(
                quote_line,
                ProblemKind::MalformedCsv {
                    reason: "a quoted value starts on this line but its closing quote is missing, \
                             so the rest of the file reads as one value. Add the closing quote"
                        .to_owned(),
                },
            );
            break;
        }

        if record.iter().all(is_blank) {
            continue;
        }
        match &mut table {
            None => table = Some(header_table(&record, line, log)),
            Some(table) => {
                if let Some(fields) = row_fields(&record, line, &table.headings, log) {
                    table.rows.push(Row { line, fields });
                }
            }
        }
    }

    match table {
        Some(table) => Loaded::Table(table),
        None if !log.has_errors() => Loaded::Empty,
        None => Loaded::Failed,
    }
}

fn header_table(record: &csv::ByteRecord, line: u64, log: &mut ProblemLog) -> Table {
    let headings = record
        .iter()
        .map(|raw| {
            let (text, valid) = decode(raw);
            if !valid {
                log.cell(Some(line), None, Some(&text), ProblemKind::InvalidUtf8);
            }
            text
        })
        .collect();
    Table { headings, header_line: line, rows: Vec::new() }
}

/// Decodes and trims a data row, or reports it and returns `None` when its
/// field count does not match the headings.
///
/// Spreadsheets sometimes add or drop empty cells at the end of a row, so a
/// row may have extra trailing fields if they are blank, and may lack
/// trailing fields whose headings are blank.
fn row_fields(
    record: &csv::ByteRecord,
    line: u64,
    headings: &[String],
    log: &mut ProblemLog,
) -> Option<Vec<String>> {
    let expected = headings.len();
    let found = record.len();
    let acceptable = if found > expected {
        record.iter().skip(expected).all(is_blank)
    } else {
        headings[found..].iter().all(|h| h.is_empty())
    };
    if !acceptable {
        log.row(line, ProblemKind::WrongFieldCount { expected, found });
        return None;
    }

    let mut fields = Vec::with_capacity(expected);
    for (raw, heading) in record.iter().zip(headings) {
        let (text, valid) = decode(raw);
        if !valid {
            log.cell(Some(line), Some(heading), Some(&text), ProblemKind::InvalidUtf8);
        }
        fields.push(text);
    }
    fields.resize(expected, String::new());
    Some(fields)
}

/// Returns the trimmed text of a field and whether it was valid UTF-8.
fn decode(raw: &[u8]) -> (String, bool) {
    match std::str::from_utf8(raw) {
        Ok(text) => (text.trim().to_owned(), true),
        Err(_) => (String::from_utf8_lossy(raw).trim().to_owned(), false),
    }
}

fn is_blank(field: &[u8]) -> bool {
    match std::str::from_utf8(field) {
        Ok(text) => text.trim().is_empty(),
        Err(_) => false,
    }
}

/// Picks the delimiter that occurs most often outside quotes on the first
/// line: `,`, `;` (exports from spreadsheets set to a locale with decimal
/// commas) or a tab ("Unicode text" and tab-separated exports). A tie goes
/// to the earlier of `,`, `;` and tab, so a line with none of them gives
/// `,`.
fn sniff_delimiter(data: &[u8]) -> u8 {
    let mut in_quotes = false;
    let (mut commas, mut semicolons, mut tabs) = (0usize, 0usize, 0usize);
    for &byte in data {
        match byte {
            b'"' => in_quotes = !in_quotes,
            b'\n' | b'\r' if !in_quotes => break,
            b',' if !in_quotes => commas += 1,
            b';' if !in_quotes => semicolons += 1,
            b'\t' if !in_quotes => tabs += 1,
            _ => {}
        }
    }
    if tabs > commas && tabs > semicolons {
        b'\t'
    } else if semicolons > commas {
        b';'
    } else {
        b','
    }
}

/// Returns the byte offset of a quote that opens a value and is never
/// closed, following the quoting rules of the `csv` crate's parser.
///
/// That parser treats such a quote as running to the end of the file, which
/// would otherwise show up only as a confusing field count on one row.
fn find_unclosed_quote(data: &[u8], delimiter: u8) -> Option<usize> {
    #[derive(Clone, Copy)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted { opened_at: usize },
        QuoteInQuoted { opened_at: usize },
    }

    let ends_field = |byte: u8| byte == delimiter || byte == b'\n' || byte == b'\r';
    let mut state = State::FieldStart;
    for (offset, &byte) in data.iter().enumerate() {
        state = match state {
            State::FieldStart if byte == b'"' => State::Quoted { opened_at: offset },
            State::FieldStart | State::Unquoted if ends_field(byte) => State::FieldStart,
            State::FieldStart | State::Unquoted => State::Unquoted,
            State::Quoted { opened_at } if byte == b'"' => State::QuoteInQuoted { opened_at },
            State::Quoted { opened_at } => State::Quoted { opened_at },
            // A doubled quote inside a quoted value is a literal quote.
            State::QuoteInQuoted { opened_at } if byte == b'"' => State::Quoted { opened_at },
            State::QuoteInQuoted { .. } if ends_field(byte) => State::FieldStart,
            State::QuoteInQuoted { .. } => State::Unquoted,
        };
    }
    match state {
        State::Quoted { opened_at } => Some(opened_at),
        _ => None,
    }
}

/// Returns the offset of the first byte of a record that the parser reports
/// at `offset`.
///
/// The parser reports the offset just after the previous record, which can
/// be before the `\n` of a CRLF pair or before skipped empty lines.
fn record_start(data: &[u8], offset: u64) -> usize {
    let mut start = usize::try_from(offset).unwrap_or(data.len()).min(data.len());
    while start < data.len() && matches!(data[start], b'\r' | b'\n') {
        start += 1;
    }
    start
}

/// Physical line numbers by byte offset, counting `\n`, `\r\n` and a lone
/// `\r` as one line break each, as the CSV parser does.
///
/// The `csv` crate's `Position::line` (version 1.4) counts only `\n` and
/// reports the line where the previous record ended, so it is off by one
/// after CRLF line endings and after blank lines.
#[derive(Clone)]
struct LineCounter<'a> {
    data: &'a [u8],
    offset: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(data: &'a [u8]) -> Self {
        LineCounter { data, offset: 0, line: 1 }
    }

    /// Returns the line of the byte at `target`, which must not be before
    /// the previous call's target.
    fn line_at(&mut self, target: usize) -> u64 {
        let target = target.min(self.data.len());
        while self.offset < target {
            let byte = self.data[self.offset];
            let next = self.data.get(self.offset + 1).copied();
            if byte == b'\n' || (byte == b'\r' && next != Some(b'\n')) {
                self.line += 1;
            }
            self.offset += 1;
        }
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(text: &str) -> Vec<u64> {
        let mut log = ProblemLog::new(Path::new("t.csv"));
        let Loaded::Table(table) = parse_table(text.as_bytes(), &mut log) else {
            panic!("no table in {text:?}");
        };
        let mut lines = vec![table.header_line];
        lines.extend(table.rows.iter().map(|r| r.line));
        lines
    }

    #[test]
    fn line_numbers_with_lf() {
        assert_eq!(lines_of("h1,h2\na,b\nc,d\n"), vec![1, 2, 3]);
    }

    #[test]
    fn line_numbers_with_crlf() {
        assert_eq!(lines_of("h1,h2\r\na,b\r\nc,d\r\n"), vec![1, 2, 3]);
    }

    #[test]
    fn line_numbers_with_lone_cr() {
        assert_eq!(lines_of("h1,h2\ra,b\rc,d\r"), vec![1, 2, 3]);
    }

    #[test]
    fn line_numbers_after_blank_lines() {
        assert_eq!(lines_of("\n\nh1,h2\n\n\na,b\r\n\r\nc,d"), vec![3, 6, 8]);
    }

    #[test]
    fn line_numbers_after_multiline_value() {
        assert_eq!(lines_of("h1,h2\na,\"b\nb\r\nb\"\nc,d\n"), vec![1, 2, 5]);
    }

    #[test]
    fn blank_looking_rows_skipped() {
        assert_eq!(lines_of("h1,h2\n , \na,b\n,\n"), vec![1, 3]);
    }

    #[test]
    fn semicolon_delimiter_detected() {
        assert_eq!(sniff_delimiter(b"a;b;c\n1,5;2;3"), b';');
        assert_eq!(sniff_delimiter(b"a,b;c,d\n"), b',');
        assert_eq!(sniff_delimiter(b"\"a,b,c\";d\n"), b';');
        assert_eq!(sniff_delimiter(b"\"a;b;c\",d\n"), b',');
    }

    #[test]
    fn tab_delimiter_detected() {
        assert_eq!(sniff_delimiter(b"a\tb\tc\n1,5\t2\t3"), b'\t');
        assert_eq!(sniff_delimiter(b"a,b\tc,d\n"), b',');
        assert_eq!(sniff_delimiter(b"\"a\tb\",c\n"), b',');
    }

    #[test]
    fn unclosed_quote_found() {
        assert_eq!(find_unclosed_quote(b"a,b\n\"x,y\n", b','), Some(4));
        assert_eq!(find_unclosed_quote(b"a,\"b\"\"c\"\n", b','), None);
        assert_eq!(find_unclosed_quote(b"a,5\" tall\n", b','), None);
        assert_eq!(find_unclosed_quote(b"a,\"b\"c\"\n", b','), None);
    }
}
