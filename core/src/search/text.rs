//! Text normalisation for search: case and diacritics folding, tokenising with byte ranges, and stemming.
//!
//! Why a hand-written folding table instead of `unicode-normalization`? The widget bundle has a
//! budget of 150 KB gzipped, and full Unicode decomposition tables cost far more than the few
//! hundred bytes of the table below. The table covers Latin-1 Supplement and Latin Extended-A
//! (every letter used in Dutch, Frisian, English, German, French, Turkish, Polish and the other
//! European languages a Dutch municipality meets), and combining marks are dropped, so text that
//! arrives already decomposed (NFD) folds the same as composed text (NFC). Arabic vowel marks
//! (harakat) are combining marks too, so `كَتَبَ` finds `كتب`.

use std::borrow::Cow;
use std::ops::Range;

/// A language whose stemmer is linked into the library.
///
/// Other languages are indexed without stemming: folding, prefix and typo matching still apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StemLanguage {
    /// Dutch (Snowball `dutch`).
    Dutch,
    /// English (Snowball `english`, also known as Porter2).
    English,
}

impl StemLanguage {
    /// The stemmer for an ISO 639-1 language code (`nl`, `en`), if one is linked.
    ///
    /// Regional variants (`nl-BE`, `en_GB`) use the stemmer of their language.
    pub fn from_code(code: &str) -> Option<StemLanguage> {
        // Bytes rather than `split(['-', '_'])`: the index build asks this for every text.
        let code = code.as_bytes();
        let base = code.get(..code.iter().position(|&b| b == b'-' || b == b'_').unwrap_or(code.len())).unwrap_or(&[]);
        // `byte | 0x20` is the lowercase of an ASCII letter, and only `N` and `n` give `n`.
        let is = |code: &[u8; 2]| matches!(base, &[a, b] if a | 0x20 == code[0] && b | 0x20 == code[1]);
        if is(b"nl") {
            Some(StemLanguage::Dutch)
        } else if is(b"en") {
            Some(StemLanguage::English)
        } else {
            None
        }
    }

    /// All linked stemmers, in a fixed order.
    pub const ALL: [StemLanguage; 2] = [StemLanguage::Dutch, StemLanguage::English];
}

/// Stems one folded token (see [`fold`]) in the given language.
///
/// Tokens shorter than three characters are returned as they are: stemming them only merges
/// unrelated short words.
pub fn stem(language: StemLanguage, folded_token: &str) -> Cow<'_, str> {
    if folded_token.len() < 3 || (!folded_token.is_ascii() && folded_token.chars().nth(2).is_none()) {
        return Cow::Borrowed(folded_token);
    }
    // Nearly every Dutch word is lowercase ASCII once folded: those take the fast path, which
    // gives the same stems (see `dutch.rs`).
    if language == StemLanguage::Dutch
        && let Some(stemmed) = super::dutch::stem_ascii(folded_token)
    {
        return if stemmed.is_empty() { Cow::Borrowed(folded_token) } else { stemmed };
    }
    // The algorithm is a constant at each call site, so only these two stemmers are linked.
    let stemmer = match language {
        StemLanguage::Dutch => rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Dutch),
        StemLanguage::English => rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English),
    };
    let stemmed = stemmer.stem(folded_token);
    // A stemmer that strips a word to nothing would make it match every other such word.
    if stemmed.is_empty() { Cow::Borrowed(folded_token) } else { stemmed }
}

/// True for characters that are dropped entirely: combining marks, which carry accents in
/// decomposed text and vowel marks in Arabic, and format characters like soft hyphens and
/// zero-width joiners, which must not split a word.
fn is_ignorable(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'   // combining diacritical marks
        | '\u{0483}'..='\u{0489}' // Cyrillic combining marks
        | '\u{0591}'..='\u{05C7}' // Hebrew points
        | '\u{0610}'..='\u{061A}' // Arabic signs
        | '\u{064B}'..='\u{065F}' // Arabic harakat
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{00AD}'              // soft hyphen
        | '\u{200B}'..='\u{200D}' // zero-width space, non-joiner, joiner
        | '\u{2060}'
        | '\u{FEFF}'
        | '\u{FE00}'..='\u{FE0F}' // variation selectors
    )
}

/// Folds one lowercase character to its base letter(s), or returns `None` when it has no folding.
fn fold_lowercase(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' => "a",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ə' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ǒ' => "o",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' | 'ſ' => "s",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ǔ' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'þ' => "th",
        'ĳ' => "ij",
        _ => return None,
    })
}

/// Appends the folded form of one character to `out`: lowercase, without diacritics.
#[inline]
fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if is_ignorable(c) {
        return;
    }
    for lower in c.to_lowercase() {
        if is_ignorable(lower) {
            // `İ` lowercases to `i` plus a combining dot above.
            continue;
        }
        match fold_lowercase(lower) {
            Some(base) => out.push_str(base),
            None => out.push(lower),
        }
    }
}

/// Folds a text for matching: lowercase, diacritics removed, ligatures expanded.
///
/// Only case and accents change; separators and punctuation are kept, so this is also usable on
/// a single token. `Café Ëxtra` becomes `cafe extra`.
///
/// ```
/// use verschilmaker::search::fold;
/// assert_eq!(fold("Café Ëxtra"), "cafe extra");
/// assert_eq!(fold("Straße"), "strasse");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_folded(c, &mut out);
    }
    out
}

/// True when `c` can be part of a word. Ignorable characters (combining marks, soft hyphens)
/// are word characters too, so that they do not split a word; they fold to nothing.
#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Latin-1 Supplement letters and Latin Extended-A and -B (every accented letter of the
    // languages a Dutch municipality meets) are letters, without the Unicode table lookup of
    // `is_alphanumeric`; a test checks the range against it.
    if ('\u{C0}'..='\u{24F}').contains(&c) {
        return c != '×' && c != '÷';
    }
    c.is_alphanumeric() || is_ignorable(c)
}

/// The longest token that is indexed, in bytes of its folded form. Longer runs of letters are
/// cut here: they are almost never words, and bounding them bounds the typo search.
pub const MAX_TOKEN_BYTES: usize = 48;

/// Splits `text` into words and calls `each(folded_word, byte_range_in_text)` for each.
///
/// Words are maximal runs of letters and digits (in any script); everything else separates
/// them, including apostrophes and hyphens, so `'s-Hertogenbosch` gives `s` and `hertogenbosch`.
/// The folded word is reused between calls, so the callback must copy it if it keeps it.
///
/// Why two paths? Most words are already lowercase ASCII: those are passed on as slices of
/// `text` without copying; only words with capitals or non-ASCII letters are folded into a
/// buffer. This is the innermost loop of both the index build and highlighting.
pub fn for_each_token(text: &str, mut each: impl FnMut(&str, Range<usize>)) {
    let bytes = text.as_bytes();
    let mut folded = String::with_capacity(32);
    let mut at = 0;
    while at < bytes.len() {
        // Skip separators, ASCII ones quickly.
        let Some((begin, simple)) = next_word_start(text, &mut at) else {
            return;
        };
        // Scan the word; `simple` stays true while it is lowercase ASCII letters and digits.
        let mut simple = simple;
        let mut end = at;
        while end < bytes.len() {
            let byte = bytes[end];
            if byte < 0x80 {
                if byte.is_ascii_lowercase() || byte.is_ascii_digit() {
                    end += 1;
                } else if byte.is_ascii_uppercase() {
                    simple = false;
                    end += 1;
                } else {
                    break;
                }
            } else {
                let c = text.get(end..).and_then(|rest| rest.chars().next()).unwrap_or(' ');
                if !is_word_char(c) {
                    break;
                }
                simple = false;
                end += c.len_utf8();
            }
        }
        at = end;
        if simple {
            let cut = (end - begin).min(MAX_TOKEN_BYTES);
            each(&text[begin..begin + cut], begin..end);
        } else {
            fold_into(&text[begin..end], &mut folded);
            // A word made only of ignorable characters folds to nothing and is not a word.
            if !folded.is_empty() {
                each(&folded, begin..end);
            }
        }
    }
}

/// A word as the index build sees it: either packed into three little-endian words (up to
/// [`PACKED_BYTES`] bytes of lowercase ASCII letters and digits, zero-padded, with the length
/// in the last byte), or as it stands in the text, not yet folded.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Token<'a> {
    /// A short ASCII word, packed: the build interns it with three integer compares.
    Packed([u64; 3]),
    /// Any other word, exactly as it stands in the text. [`fold_into`] gives the word that
    /// [`for_each_token`] gives for it, which may be empty (a word of only ignorable characters
    /// is no word).
    ///
    /// Why not folded here? Such words are few and repeat (9 000 distinct ones make 115 000 of
    /// the 1.4 million words of the bench data): the build folds each distinct one once and
    /// remembers its term, where folding every occurrence was a tenth of the build.
    Raw(&'a str),
}

/// The longest word that is packed into a [`Token::Packed`].
pub(crate) const PACKED_BYTES: usize = 23;

/// Per byte: the byte lowercased for an ASCII letter or digit, [`SEPARATOR`] for other ASCII,
/// [`NON_ASCII`] for a byte of a multi-byte character.
static BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = if b >= 0x80 {
            NON_ASCII
        } else if b.is_ascii_uppercase() {
            b + 32
        } else if b.is_ascii_lowercase() || b.is_ascii_digit() {
            b
        } else {
            SEPARATOR
        };
        byte += 1;
    }
    table
};
const SEPARATOR: u8 = 0;
const NON_ASCII: u8 = 0xFF;

/// The tokeniser of the index build: the same words as [`for_each_token`], without their
/// ranges, short ASCII words packed rather than copied, and other words not yet folded.
///
/// Why a second tokeniser? The build tokenises 1.4 million words for 10 000 initiatives, and
/// at the widget's opt-level `z` every small helper of the general one (`String::push`,
/// `Chars::next`, slice indexing) stays a call. Here an ASCII word is lowercased and packed in
/// one pass over its bytes with one table lookup per byte; only words with other characters
/// (or longer than [`PACKED_BYTES`]) are passed on whole, for the caller to fold. A property
/// test checks that both give the same words.
pub(crate) fn for_each_index_token(text: &str, mut each: impl FnMut(Token<'_>)) {
    let bytes = text.as_bytes();
    let mut at = 0;
    'words: while let Some(&first) = bytes.get(at) {
        let class = BYTE_CLASS[usize::from(first)];
        if class == SEPARATOR {
            at += 1;
            continue;
        }
        let begin = at;
        // One call of `each` at the end, not one per kind of token: a closure called from one
        // place is inlined even at opt-level `z`, and this loop is the whole index build.
        let token = 'token: {
            if class != NON_ASCII {
                // Eight bytes at a time while they are letters and digits, each chunk lowercased
                // and masked to the word straight into its part of the key. Three separate
                // integers rather than an array: an array indexed by a variable stays in memory
                // (the shadow stack) at opt-level `z`, three locals stay in registers.
                let (mut k0, mut k1, mut k2) = (0u64, 0u64, 0u64);
                let mut length = 0usize;
                loop {
                    let (lowered, count) = word_prefix(load_chunk(bytes, at + length));
                    let kept = if count == 8 { u64::MAX } else { (1u64 << (count * 8)) - 1 };
                    match length {
                        0 => k0 = lowered & kept,
                        8 => k1 = lowered & kept,
                        _ => k2 = lowered & kept,
                    }
                    length += count;
                    if count < 8 || length > PACKED_BYTES {
                        break;
                    }
                }
                // A word that goes on with a non-ASCII character is folded whole, below.
                let end = at + length;
                if length <= PACKED_BYTES && bytes.get(end).is_none_or(|&byte| byte < 0x80) {
                    at = end;
                    break 'token Token::Packed([k0, k1, k2 | (length as u64) << 56]);
                }
            } else {
                let c = text.get(at..).and_then(|rest| rest.chars().next()).unwrap_or(' ');
                if !is_word_char(c) {
                    at += c.len_utf8();
                    continue 'words;
                }
            }
            at = word_end(text, begin);
            Token::Raw(text.get(begin..at).unwrap_or(""))
        };
        each(token);
    }
}

/// The eight bytes of `bytes` from `at` as one little-endian integer; past the end of the text,
/// spaces (which end a word).
#[inline]
fn load_chunk(bytes: &[u8], at: usize) -> u64 {
    if let Some(window) = bytes.get(at..at + 8) {
        return u64::from_le_bytes(window.try_into().unwrap_or([0; 8]));
    }
    let mut chunk = u64::from_le_bytes([b' '; 8]);
    for (i, &byte) in bytes.get(at..).unwrap_or(&[]).iter().enumerate().take(8) {
        chunk = (chunk & !(0xFF << (i * 8))) | u64::from(byte) << (i * 8);
    }
    chunk
}

/// Reads eight bytes of text as one little-endian integer: returns them with ASCII capitals
/// lowercased, and how many of them, from the first, are ASCII letters or digits (8 for all).
///
/// Each test is a subtraction per byte at once (SWAR): with every byte's high bit set first, a
/// byte's high bit survives subtracting `c` exactly when its low seven bits are at least `c`.
#[inline]
fn word_prefix(chunk: u64) -> (u64, usize) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let at_least = |c: u8| ((chunk | HIGH) - ONES * u64::from(c)) & HIGH;
    let lower = at_least(b'a') & !at_least(b'z' + 1);
    let upper = at_least(b'A') & !at_least(b'Z' + 1);
    let digit = at_least(b'0') & !at_least(b'9' + 1);
    let word = (lower | upper | digit) & !chunk & HIGH;
    let count = (!word & HIGH).trailing_zeros() as usize / 8;
    (chunk | (upper >> 2), count)
}

/// Where the word that starts at `begin` (a word character) ends.
fn word_end(text: &str, begin: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = begin;
    while end < bytes.len() {
        let byte = bytes[end];
        if byte < 0x80 {
            if !byte.is_ascii_alphanumeric() {
                break;
            }
            end += 1;
        } else {
            let c = text.get(end..).and_then(|rest| rest.chars().next()).unwrap_or(' ');
            if !is_word_char(c) {
                break;
            }
            end += c.len_utf8();
        }
    }
    end
}

/// Folds one word into `folded`, cut to at most [`MAX_TOKEN_BYTES`] at a character boundary.
///
/// Runs of ASCII are copied and lowercased at once, other characters folded one by one; the
/// folding stops once the limit is reached, since the rest would be cut off anyway.
pub(crate) fn fold_into(word: &str, folded: &mut String) {
    folded.clear();
    let mut rest = word;
    while folded.len() < MAX_TOKEN_BYTES {
        let Some(&byte) = rest.as_bytes().first() else {
            break;
        };
        if byte < 0x80 {
            // A run of ASCII at once, lowercased in place; never more than the limit, as the
            // rest would be cut off anyway.
            let run = rest.bytes().position(|byte| byte >= 0x80).unwrap_or(rest.len());
            let run = run.min(MAX_TOKEN_BYTES - folded.len());
            let start = folded.len();
            folded.push_str(rest.get(..run).unwrap_or(""));
            if let Some(added) = folded.get_mut(start..) {
                added.make_ascii_lowercase();
            }
            rest = rest.get(run..).unwrap_or("");
        } else {
            let mut chars = rest.chars();
            if let Some(c) = chars.next() {
                push_folded(c, folded);
            }
            rest = chars.as_str();
        }
    }
    if folded.len() > MAX_TOKEN_BYTES {
        let mut cut = MAX_TOKEN_BYTES;
        while !folded.is_char_boundary(cut) {
            cut -= 1;
        }
        folded.truncate(cut);
    }
}

/// Advances `at` past separators to the first character of the next word; returns where the
/// word starts and whether that first character is lowercase ASCII or a digit.
fn next_word_start(text: &str, at: &mut usize) -> Option<(usize, bool)> {
    let bytes = text.as_bytes();
    while *at < bytes.len() {
        let byte = bytes[*at];
        if byte < 0x80 {
            if byte.is_ascii_alphanumeric() {
                let begin = *at;
                *at += 1;
                return Some((begin, !byte.is_ascii_uppercase()));
            }
            *at += 1;
        } else {
            let c = text.get(*at..).and_then(|rest| rest.chars().next()).unwrap_or(' ');
            let begin = *at;
            *at += c.len_utf8().max(1);
            if is_word_char(c) {
                return Some((begin, false));
            }
        }
    }
    None
}

/// The folded words of a text, in order. A convenience over [`for_each_token`].
///
/// ```
/// use verschilmaker::search::tokens;
/// assert_eq!(tokens("Moestuin 's-Hertogenbosch: café!"), ["moestuin", "s", "hertogenbosch", "cafe"]);
/// ```
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_token(text, |token, _| out.push(token.to_owned()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_fold(input: &str, expected: &str) {
        assert_eq!(fold(input), expected, "fold({input:?})");
    }

    fn check_tokens(input: &str, expected: &[&str]) {
        assert_eq!(tokens(input), expected, "tokens({input:?})");
    }

    fn check_ranges(input: &str, expected: &[&str]) {
        let mut slices = Vec::new();
        for_each_token(input, |_, range| slices.push(&input[range]));
        assert_eq!(slices, expected, "ranges of {input:?}");
    }

    fn check_stem(language: StemLanguage, input: &str, expected: &str) {
        assert_eq!(stem(language, input), expected, "stem({language:?}, {input:?})");
    }

    #[test]
    fn folding() {
        check_fold("café", "cafe");
        check_fold("CAFÉ", "cafe");
        check_fold("ë", "e");
        check_fold("Ëindhoven", "eindhoven");
        check_fold("coöperatie", "cooperatie");
        check_fold("cafe\u{0301}", "cafe"); // decomposed é (NFD)
        check_fold("Straße", "strasse");
        check_fold("Ĳsselmeer", "ijsselmeer");
        check_fold("ĳs", "ijs");
        check_fold("Œuvre", "oeuvre");
        check_fold("Æble", "aeble");
        check_fold("Łódź", "lodz");
        check_fold("İstanbul", "istanbul");
        check_fold("Şişli", "sisli");
        check_fold("Ørsted", "orsted");
        check_fold("mee\u{00AD}doen", "meedoen"); // soft hyphen
        check_fold("كَتَبَ", "كتب");
        check_fold("МОСКВА", "москва");
        check_fold("", "");
    }

    #[test]
    fn tokenising() {
        check_tokens("", &[]);
        check_tokens("   ", &[]);
        check_tokens("Moestuin", &["moestuin"]);
        check_tokens("de Groene-Wijk", &["de", "groene", "wijk"]);
        check_tokens("'s-Hertogenbosch", &["s", "hertogenbosch"]);
        check_tokens("zo'n café’s", &["zo", "n", "cafe", "s"]);
        check_tokens("PC 5211AB", &["pc", "5211ab"]);
        check_tokens("€ 1.500,-", &["1", "500"]);
        check_tokens("mee\u{00AD}doen", &["meedoen"]);
        check_tokens("e\u{0301}e\u{0301}n", &["een"]);
        check_tokens("\u{0301}", &[]);
        check_tokens("مرحبا بالعالم", &["مرحبا", "بالعالم"]);
        check_tokens(&"a".repeat(100), &["a".repeat(MAX_TOKEN_BYTES).as_str()]);
        check_tokens(&"é".repeat(100), &["e".repeat(MAX_TOKEN_BYTES).as_str()]);
        check_tokens(&"ß".repeat(100), &["s".repeat(MAX_TOKEN_BYTES).as_str()]);
    }

    #[test]
    fn byte_ranges_point_into_the_original() {
        check_ranges("Café Ëxtra", &["Café", "Ëxtra"]);
        check_ranges("  (Moestuin)  ", &["Moestuin"]);
        check_ranges("e\u{0301}en", &["e\u{0301}en"]);
    }

    #[test]
    fn stemming() {
        use StemLanguage::{Dutch, English};
        check_stem(Dutch, "moestuinen", "moestuin");
        check_stem(Dutch, "moestuin", "moestuin");
        check_stem(Dutch, "vrijwilligers", "vrijwilliger");
        check_stem(Dutch, "buurten", "buurt");
        check_stem(Dutch, "activiteiten", "activiteit");
        check_stem(English, "gardens", "garden");
        check_stem(English, "gardening", "garden");
        check_stem(English, "volunteers", "volunt");
        check_stem(English, "volunteering", "volunt");
        check_stem(English, "is", "is");
        check_stem(Dutch, "de", "de");
    }

    /// The build's tokeniser gives the words of [`for_each_token`], in order.
    fn check_index_tokens(input: &str) {
        let mut folded = String::new();
        let mut words = Vec::new();
        for_each_index_token(input, |token| match token {
            Token::Packed(key) => {
                let length = (key[2] >> 56) as usize;
                let bytes: Vec<u8> = key.iter().flat_map(|part| part.to_le_bytes()).take(length).collect();
                words.push(String::from_utf8(bytes).expect("packed words are ASCII"));
            }
            // Folded as the index build folds it: a word that folds to nothing is skipped.
            Token::Raw(word) => {
                fold_into(word, &mut folded);
                if !folded.is_empty() {
                    words.push(folded.clone());
                }
            }
        });
        assert_eq!(words, tokens(input), "index tokens of {input:?}");
    }

    #[test]
    fn index_tokens_are_the_tokens() {
        for input in [
            "",
            "Moestuin 's-Hertogenbosch: café!",
            "PC 5211AB € 1.500,-",
            "abcdefgh ABCDEFGHIJKLMNOP abcdefghijklmnopqrstuvw abcdefghijklmnopqrstuvwx",
            "ideeën coöperatie Ëindhoven mee\u{00AD}doen e\u{0301}e\u{0301}n \u{0301} x\u{0301}",
            "Straße ĳs İstanbul كَتَبَ МОСКВА",
            &"a".repeat(100),
            &"Ab".repeat(30),
            &"é".repeat(100),
            &format!("{}é", "a".repeat(60)),
        ] {
            check_index_tokens(input);
        }
    }

    proptest::proptest! {
        #[test]
        fn index_tokens_match_any_text(input in "[a-zA-Z0-9 .,'éëĳßİ\u{0301}\u{00AD}-]{0,80}") {
            check_index_tokens(&input);
        }

        /// Words of every length around the eight-byte chunks and the packed limit.
        #[test]
        fn index_tokens_match_long_words(input in "([a-zA-Z0-9]{0,30}[ ,.é\u{0301}]{0,2}){0,6}") {
            check_index_tokens(&input);
        }

        #[test]
        fn index_tokens_match_any_string(input in "\\PC{0,60}") {
            check_index_tokens(&input);
        }
    }

    #[test]
    fn latin_letters_are_word_characters() {
        for c in '\u{C0}'..='\u{24F}' {
            assert_eq!(is_word_char(c), c.is_alphanumeric() || is_ignorable(c), "{c:?}");
        }
    }

    #[test]
    fn language_codes() {
        assert_eq!(StemLanguage::from_code("nl"), Some(StemLanguage::Dutch));
        assert_eq!(StemLanguage::from_code("nl-BE"), Some(StemLanguage::Dutch));
        assert_eq!(StemLanguage::from_code("EN_gb"), Some(StemLanguage::English));
        assert_eq!(StemLanguage::from_code("fy"), None);
        assert_eq!(StemLanguage::from_code("NL"), Some(StemLanguage::Dutch));
        assert_eq!(StemLanguage::from_code("En-US"), Some(StemLanguage::English));
        assert_eq!(StemLanguage::from_code("nll"), None);
        assert_eq!(StemLanguage::from_code("n"), None);
        assert_eq!(StemLanguage::from_code("\u{e}l"), None);
        assert_eq!(StemLanguage::from_code("-nl"), None);
        assert_eq!(StemLanguage::from_code(""), None);
    }
}
