//! Turning the bytes of a text file into UTF-8 text: UTF-8 with or without
//! a byte order mark, UTF-16 in either byte order, and Windows-1252 for
//! files that are not valid UTF-8.

use std::borrow::Cow;

use crate::error::ProblemKind;

/// Number of bytes at the start of a file that are examined for UTF-16
/// text and NUL bytes. Heading lines are far shorter, and a binary file may
/// have no line break for megabytes.
const MAX_SAMPLE_BYTES: usize = 4096;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The encoding a file was decoded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SourceEncoding {
    Utf8,
    Utf16,
    Windows1252,
    /// UTF-8 text with some invalid bytes, kept as they are so that the
    /// parser can report each cell that contains them.
    DamagedUtf8,
}

/// A file's contents as UTF-8, and the encoding they were decoded from.
pub(crate) struct Decoded<'a> {
    /// Valid UTF-8, except for [`SourceEncoding::DamagedUtf8`].
    pub(crate) bytes: Cow<'a, [u8]>,
    pub(crate) encoding: SourceEncoding,
}

/// Decodes a file's bytes to text, or returns the problem that makes them
/// unreadable as text.
///
/// - A UTF-8 byte order mark is dropped.
/// - A UTF-16 byte order mark (`FF FE` or `FE FF`) selects UTF-16 in that
///   byte order. So does a heading line in which every second byte is zero,
///   as in UTF-16 text in Latin script without a byte order mark.
/// - Otherwise a NUL byte in or before the heading line gives
///   [`ProblemKind::BinaryFile`]. Excel workbooks (`.xlsx` and `.xls`) have
///   NUL bytes within their first ten bytes.
/// - Valid UTF-8 is used as it is.
/// - Text that is not valid UTF-8 but contains valid UTF-8 sequences of
///   non-ASCII characters (such as `é` as `C3 A9`) is UTF-8 with damage,
///   for example from pasting text of another encoding. It is returned
///   unchanged as [`SourceEncoding::DamagedUtf8`], because decoding it as
///   Windows-1252 would garble every correct accented letter.
/// - Anything else is decoded as Windows-1252, the encoding Excel uses for
///   "CSV" on Western European and American systems. Every byte has a
///   meaning there, so this never fails, but it may give the wrong letters
///   for a file in another legacy encoding, which is why callers warn.
pub(crate) fn decode_text(bytes: &[u8]) -> Result<Decoded<'_>, ProblemKind> {
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(rest, Endian::Little);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(rest, Endian::Big);
    }
    let data = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);

    let sample = &data[..data.len().min(MAX_SAMPLE_BYTES)];
    let (start, line) = heading_line(sample);
    if let Some(endian) = utf16_without_bom(line, start) {
        return decode_utf16(data, endian);
    }
    if sample[..start + line.len()].contains(&0) {
        return Err(ProblemKind::BinaryFile);
    }

    if std::str::from_utf8(data).is_ok() {
        return Ok(Decoded { bytes: Cow::Borrowed(data), encoding: SourceEncoding::Utf8 });
    }
    if has_non_ascii_utf8(data) {
        return Ok(Decoded { bytes: Cow::Borrowed(data), encoding: SourceEncoding::DamagedUtf8 });
    }
    Ok(Decoded {
        bytes: Cow::Owned(decode_windows_1252(data).into_bytes()),
        encoding: SourceEncoding::Windows1252,
    })
}

/// Returns whether the valid parts of `data` contain a non-ASCII character,
/// that is, a well-formed UTF-8 sequence of two to four bytes.
///
/// Windows-1252 text seldom contains one by chance: it would take a letter
/// from `Â` to `ô` followed by one to three bytes from 0x80 to 0xBF, as in
/// `Ã©`, which is rare in names and prose.
fn has_non_ascii_utf8(data: &[u8]) -> bool {
    data.utf8_chunks().any(|chunk| !chunk.valid().is_ascii())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Endian {
    Little,
    Big,
}

/// Decodes UTF-16 without a byte order mark, dropping a byte order mark
/// that follows (a file with `FF FE` read as big-endian would otherwise
/// fail on it) and failing on an odd length or an unpaired surrogate.
fn decode_utf16(data: &[u8], endian: Endian) -> Result<Decoded<'_>, ProblemKind> {
    if data.len() % 2 != 0 {
        return Err(ProblemKind::Utf16Encoded);
    }
    let units = data.chunks_exact(2).map(|pair| match endian {
        Endian::Little => u16::from_le_bytes([pair[0], pair[1]]),
        Endian::Big => u16::from_be_bytes([pair[0], pair[1]]),
    });
    let mut text = String::with_capacity(data.len() / 2);
    for decoded in char::decode_utf16(units) {
        match decoded {
            Ok(character) => text.push(character),
            Err(_) => return Err(ProblemKind::Utf16Encoded),
        }
    }
    if let Some(rest) = text.strip_prefix('\u{feff}') {
        text = rest.to_owned();
    }
    if text.contains('\0') {
        return Err(ProblemKind::BinaryFile);
    }
    Ok(Decoded { bytes: Cow::Owned(text.into_bytes()), encoding: SourceEncoding::Utf16 })
}

/// Characters of the bytes 0x80 to 0x9F in Windows-1252, as the WHATWG
/// Encoding Standard maps them. The five bytes that Microsoft leaves
/// undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 control
/// characters of the same number, as in that standard. Every other byte has
/// the code point of the same number (ASCII and Latin-1).
const WINDOWS_1252_HIGH_CONTROL: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

/// Decodes Windows-1252 bytes. Every byte decodes to one character.
pub(crate) fn decode_windows_1252(data: &[u8]) -> String {
    data.iter()
        .map(|&byte| match byte {
            0x80..=0x9F => WINDOWS_1252_HIGH_CONTROL[usize::from(byte - 0x80)],
            _ => char::from(byte),
        })
        .collect()
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

/// Returns the byte order when `line`, which starts at offset `start` of
/// the file, looks like ASCII or Latin-1 text in UTF-16: at least two
/// characters, with every byte in one parity zero and none in the other.
///
/// The line was split at a `0x0A` byte, so it may start with the zero high
/// byte of the previous line's line feed (UTF-16LE) or end with the zero
/// high byte of its own (UTF-16BE). The parity of the zero bytes within the
/// file, not within the line, gives the byte order.
fn utf16_without_bom(line: &[u8], start: usize) -> Option<Endian> {
    if line.len() < 4 {
        return None;
    }
    [0, 1].into_iter().find_map(|zero_parity| {
        let matches =
            line.iter().enumerate().all(|(index, &byte)| (byte == 0) == (index % 2 == zero_parity));
        // In UTF-16LE the zero high byte of an ASCII character is at an odd
        // offset of the file, in UTF-16BE at an even one.
        matches.then(|| if (start + zero_parity) % 2 == 1 { Endian::Little } else { Endian::Big })
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

    fn decoded(bytes: &[u8]) -> (String, SourceEncoding) {
        let decoded = decode_text(bytes).expect("bytes should decode");
        let text = String::from_utf8(decoded.bytes.into_owned()).expect("decoded text is UTF-8");
        (text, decoded.encoding)
    }

    #[test]
    fn utf16_decoded_with_and_without_bom() {
        let text = "first name,email\r\nZoë,zoe@example.org\r\n";
        for little_endian in [true, false] {
            let mut with_bom = utf16("\u{feff}", little_endian);
            with_bom.extend(utf16(text, little_endian));
            assert_eq!(decoded(&with_bom), (text.to_owned(), SourceEncoding::Utf16));

            let without_bom = utf16(text, little_endian);
            assert_eq!(decoded(&without_bom), (text.to_owned(), SourceEncoding::Utf16));

            let after_blank_line = utf16(&format!("\r\n{text}"), little_endian);
            assert_eq!(decoded(&after_blank_line), (format!("\r\n{text}"), SourceEncoding::Utf16));
        }
    }

    #[test]
    fn invalid_utf16_rejected() {
        // An odd length, and an unpaired high surrogate.
        assert_eq!(decode_text(b"\xFF\xFEa\x00b").err(), Some(ProblemKind::Utf16Encoded));
        assert_eq!(decode_text(b"\xFF\xFE\x00\xD8a\x00").err(), Some(ProblemKind::Utf16Encoded));
    }

    #[test]
    fn nul_in_heading_line_is_binary() {
        for bytes in [&b"PK\x03\x04\x14\x00\x06\x00"[..], b"a,b\0c\n1,2\n", b"\0\0\0\0"] {
            assert_eq!(decode_text(bytes).err(), Some(ProblemKind::BinaryFile), "{bytes:?}");
        }
    }

    #[test]
    fn utf8_passes_unchanged() {
        for text in ["", "\n\r\n", "a", "a,b\n", "first name,email\n", "a,b\n1,\0\n", "naïve"] {
            assert_eq!(decoded(text.as_bytes()), (text.to_owned(), SourceEncoding::Utf8));
        }
        assert_eq!(decoded(b"\xEF\xBB\xBFa,b\n"), ("a,b\n".to_owned(), SourceEncoding::Utf8));
    }

    #[test]
    fn windows_1252_decoded() {
        let (text, encoding) = decoded(b"na\xefve,caf\xe9,\x80 5,\x93quoted\x94,\x9f\n");
        assert_eq!(text, "naïve,café,€ 5,\u{201c}quoted\u{201d},Ÿ\n");
        assert_eq!(encoding, SourceEncoding::Windows1252);
    }

    #[test]
    fn damaged_utf8_kept_as_bytes() {
        let bytes =
            "Zoë,caf\u{e9}\n".as_bytes().iter().copied().chain([0xE9, b'\n']).collect::<Vec<_>>();
        let decoded = decode_text(&bytes).expect("bytes should decode");
        assert_eq!(decoded.encoding, SourceEncoding::DamagedUtf8);
        assert_eq!(decoded.bytes.as_ref(), bytes.as_slice());
    }

    #[test]
    fn windows_1252_table_matches_latin1_outside_high_controls() {
        let all: Vec<u8> = (0..=255).collect();
        let text: Vec<char> = decode_windows_1252(&all).chars().collect();
        assert_eq!(text.len(), 256);
        for (byte, character) in all.iter().zip(&text) {
            if !(0x80..=0x9F).contains(byte) {
                assert_eq!(u32::from(*character), u32::from(*byte));
            }
        }
        assert_eq!(text[0x80], '€');
        assert_eq!(text[0x8A], 'Š');
        assert_eq!(text[0x96], '–');
        assert_eq!(text[0x81], '\u{81}');
    }
}
