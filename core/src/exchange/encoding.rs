//! Turning the bytes of a spreadsheet file into text: UTF-8 with or without BOM, UTF-16 with BOM, or Windows-1252.

/// The encoding a file was read in, so that the import can say how it read the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Encoding {
    Utf8,
    Utf16,
    Windows1252,
}

/// Decodes a file. A UTF-8 or UTF-16 byte order mark decides; otherwise the bytes are UTF-8
/// when they are valid UTF-8, and Windows-1252 (what Dutch Excel writes for "CSV (gescheiden
/// door lijstscheidingsteken)") when they are not. Every byte sequence decodes to something.
pub(super) fn decode(bytes: &[u8]) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return (String::from_utf8_lossy(rest).into_owned(), Encoding::Utf8);
    }
    // Excel's "Unicode text" is UTF-16 little-endian with a byte order mark.
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return (utf16(rest, u16::from_le_bytes), Encoding::Utf16);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return (utf16(rest, u16::from_be_bytes), Encoding::Utf16);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), Encoding::Utf8),
        Err(_) => (bytes.iter().map(|&b| windows_1252(b)).collect(), Encoding::Windows1252),
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect()
}

/// The characters Windows-1252 puts at 0x80 to 0x9F, where Latin-1 has control characters.
/// The five bytes Windows-1252 leaves undefined map to the control characters with the same
/// number, as the WHATWG encoding standard does.
const WINDOWS_1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', //
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// One Windows-1252 byte as a character: the table for 0x80 to 0x9F, Latin-1 for the rest.
/// The dataset loader reads the bytes of a file that are not UTF-8 with it too.
pub(crate) fn windows_1252(byte: u8) -> char {
    match byte {
        0x80..=0x9F => WINDOWS_1252_HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(bytes: &[u8], expected: &str, encoding: Encoding) {
        assert_eq!(decode(bytes), (expected.to_owned(), encoding), "{bytes:x?}");
    }

    #[test]
    fn encodings() {
        check(b"caf\xC3\xA9", "café", Encoding::Utf8);
        check(b"\xEF\xBB\xBFcaf\xC3\xA9", "café", Encoding::Utf8);
        check(b"caf\xE9", "café", Encoding::Windows1252);
        check(b"\x80 5", "€ 5", Encoding::Windows1252);
        check(b"\x93ja\x94 \x91n\x92 \x84z\x93", "“ja” ‘n’ „z“", Encoding::Windows1252);
        check(b"a\x96b\x97c\x85\x99\x9f", "a–b—c…™Ÿ", Encoding::Windows1252);
        check(b"\x81\x8d\x8f\x90\x9d", "\u{81}\u{8d}\u{8f}\u{90}\u{9d}", Encoding::Windows1252);
        check(b"\xFF\xFEa\x00\xE9\x00", "aé", Encoding::Utf16);
        check(b"\xFE\xFF\x00a\x00\xE9", "aé", Encoding::Utf16);
        check(b"\xFF\xFE\x00\xD8", "\u{FFFD}", Encoding::Utf16);
    }

    #[test]
    fn the_whole_high_half_is_defined() {
        let decoded: String = (0x80..=0xFFu8).map(windows_1252).collect();
        assert_eq!(decoded.chars().count(), 128);
        assert!(decoded.starts_with("€\u{81}‚ƒ„…†‡ˆ‰Š‹Œ\u{8D}Ž\u{8F}\u{90}‘’“”•–—˜™š›œ\u{9D}žŸ\u{A0}¡"));
        assert!(decoded.ends_with("ÿ"));
    }
}
