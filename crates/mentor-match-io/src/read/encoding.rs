//! Recognising input files that are not UTF-8 CSV text at all, so they get
//! one clear problem instead of a missing-column problem for every heading.

use crate::error::ProblemKind;

/// Number of bytes at the start of a file that are examined. Heading lines
/// are far shorter, and a binary file may have no line break for megabytes.
const MAX_SAMPLE_BYTES: usize = 4096;

/// Returns the problem that makes `data` unreadable as CSV text, or `None`
/// when it may be UTF-8 text.
///
/// `data` is the file's contents after any UTF-8 byte order mark. Only the
/// start of the file is examined:
///
/// - A UTF-16 byte order mark (`FF FE` or `FE FF`) gives
///   [`ProblemKind::Utf16Encoded`].
/// - So does a heading line in UTF-16 without a byte order mark, recognised
///   because every second byte is zero. That holds for headings in Latin
///   script.
/// - A NUL byte in or before the heading line gives
///   [`ProblemKind::BinaryFile`]. Excel workbooks (`.xlsx` and `.xls`) have
///   NUL bytes within their first ten bytes.
///
/// Text in a legacy 8-bit encoding such as Windows-1252 passes, and the
/// parser reports its non-UTF-8 cells one by one.
///
/// TODO: decode UTF-16 input instead of rejecting it.
pub(crate) fn check_text_encoding(data: &[u8]) -> Option<ProblemKind> {
    if data.starts_with(b"\xFF\xFE") || data.starts_with(b"\xFE\xFF") {
        return Some(ProblemKind::Utf16Encoded);
    }
    let sample = &data[..data.len().min(MAX_SAMPLE_BYTES)];
    let (start, line) = heading_line(sample);
    if is_utf16_without_bom(line) {
        Some(ProblemKind::Utf16Encoded)
    } else if sample[..start + line.len()].contains(&0) {
        Some(ProblemKind::BinaryFile)
    } else {
        None
    }
}

/// Returns the offset and bytes of the first line that contains anything
/// but carriage returns, spaces, tabs and NUL bytes, without its line feed.
/// Without such a line, returns the end of `sample` and an empty line.
///
/// NUL bytes count as blank here because a blank line in UTF-16 consists of
/// a carriage return and NUL bytes.
fn heading_line(sample: &[u8]) -> (usize, &[u8]) {
    let mut start = 0;
    for line in sample.split(|&byte| byte == b'\n') {
        if line.iter().any(|byte| !matches!(byte, b'\r' | b' ' | b'\t' | 0)) {
            return (start, line);
        }
        start += line.len() + 1;
    }
    (sample.len(), &[])
}

/// Returns whether `line` looks like ASCII or Latin-1 text in UTF-16: at
/// least two characters, with every byte in one parity zero and none in the
/// other.
///
/// The line was split at a `0x0A` byte, so it may start with the zero high
/// byte of the previous line's line feed (UTF-16LE) or end with the zero
/// high byte of its own (UTF-16BE). Checking both parities covers both byte
/// orders in either case.
fn is_utf16_without_bom(line: &[u8]) -> bool {
    if line.len() < 4 {
        return false;
    }
    [0, 1].into_iter().any(|zero_parity| {
        line.iter().enumerate().all(|(index, &byte)| (byte == 0) == (index % 2 == zero_parity))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|unit| if little_endian { unit.to_le_bytes() } else { unit.to_be_bytes() })
            .collect()
    }

    #[test]
    fn utf16_recognised_with_and_without_bom() {
        let text = "first name,email\r\nAda,ada@example.org\r\n";
        for little_endian in [true, false] {
            let mut with_bom = utf16("\u{feff}", little_endian);
            with_bom.extend(utf16(text, little_endian));
            assert_eq!(check_text_encoding(&with_bom), Some(ProblemKind::Utf16Encoded));
            let without_bom = utf16(text, little_endian);
            assert_eq!(check_text_encoding(&without_bom), Some(ProblemKind::Utf16Encoded));
            let after_blank_line = utf16(&format!("\r\n{text}"), little_endian);
            assert_eq!(check_text_encoding(&after_blank_line), Some(ProblemKind::Utf16Encoded));
        }
    }

    #[test]
    fn nul_in_heading_line_is_binary() {
        assert_eq!(
            check_text_encoding(b"PK\x03\x04\x14\x00\x06\x00"),
            Some(ProblemKind::BinaryFile)
        );
        assert_eq!(check_text_encoding(b"a,b\0c\n1,2\n"), Some(ProblemKind::BinaryFile));
        assert_eq!(check_text_encoding(b"\0\0\0\0"), Some(ProblemKind::BinaryFile));
    }

    #[test]
    fn text_files_pass() {
        for text in [
            &b""[..],
            b"\n\r\n",
            b"a",
            b"a,b\n",
            b"first name,email\n",
            b"\n\nfirst name\n",
            b"na\xefve,caf\xe9\n",
            b"a,b\n1,\0\n",
        ] {
            assert_eq!(check_text_encoding(text), None, "{text:?}");
        }
    }
}
