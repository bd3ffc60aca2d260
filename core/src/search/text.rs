//! Text normalisation for search: case and diacritics folding, tokenising with byte ranges, and stemming.
//!
//! Why a hand-written folding table instead of `unicode-normalization`? The widget bundle has a
//! budget of 150 KB gzipped, and full Unicode decomposition tables cost far more than the few
//! hundred bytes of the table below. The table covers Latin-1 Supplement and Latin Extended-A
//! (every letter used in Dutch, Frisian, English, German, French, Turkish, Polish and the other
//! European languages a Dutch municipality meets), and combining marks are dropped, so text that
//! arrives already decomposed (NFD) folds the same as composed text (NFC). Arabic vowel marks
//! (harakat) are combining marks too, so `كَتَبَ` finds `كتب`.

use std::ops::Range;

pub use verschilmaker_index_build::{StemLanguage, stem};
use verschilmaker_index_build::{is_ignorable, is_word_char};

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
    // `İ` lowercases to `i` plus a combining dot above, which is ignorable, so the second
    // character of a lowercase is never kept.
    let (lower, _) = super::lowercase::to_lowercase(c);
    if is_ignorable(lower) {
        return;
    }
    match fold_lowercase(lower) {
        Some(base) => out.push_str(base),
        None => out.push(lower),
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
            each(text.get(begin..begin + cut).unwrap_or_default(), begin..end);
        } else {
            fold_into(text.get(begin..end).unwrap_or_default(), &mut folded);
            // A word made only of ignorable characters folds to nothing and is not a word.
            if !folded.is_empty() {
                each(&folded, begin..end);
            }
        }
    }
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
    use verschilmaker_index_build::{Token, for_each_index_token};

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
