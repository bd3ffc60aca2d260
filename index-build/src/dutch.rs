//! The Dutch Snowball stemmer for folded words, step for step the algorithm of `rust-stemmers`
//! (the original Snowball `dutch`), on a byte array instead of its general string machine.
//!
//! Why our own implementation? The index build stems every distinct term (about 35 000 for
//! 10 000 initiatives), and `rust-stemmers` runs the generated Snowball code through a general
//! runtime: a table search per character in the prelude, character decoding at every step and
//! a new `String` for every change. That took about 8 000 instructions per word, a quarter of
//! the whole build. Folded words are lowercase ASCII but for the few characters that folding
//! leaves (other scripts), which Snowball's Dutch rules treat as consonants: so here every
//! such character is one byte that no rule names (see `letters` in `lib.rs`), and the
//! algorithm is a few comparisons at the end of the word. Property tests check that it gives
//! the stem of `rust-stemmers` for such words.

use std::borrow::Cow;

use super::{MAX_LETTERS, ends_with};

/// A vowel of the Snowball grouping `v` (`aeiouyè`, of which ASCII only has these).
fn is_vowel(byte: u8) -> bool {
    matches!(byte, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// The Dutch stem of a folded word (lowercase ASCII letters and digits, and other characters
/// that folding leaves, which Snowball treats as consonants here), or `None` for a word with
/// capitals or punctuation or of more than 64 characters.
///
/// The stem is borrowed from `word` when it is a prefix of it (every change but two is the
/// removal of a suffix), so that most calls do not allocate.
pub(crate) fn stem_folded(word: &str) -> Option<Cow<'_, str>> {
    let (mut w, mut n) = super::letters(word)?;
    if n == 0 {
        return None;
    }

    // Prelude. Accents are replaced first in Snowball; folded words have none. Then an initial `y`,
    // a `y` after a vowel and an `i` between vowels become consonants (`Y`, `I`), scanning
    // from the left so that a marked letter no longer counts as a vowel for the next one.
    if w[0] == b'y' {
        w[0] = b'Y';
    }
    for at in 0..n - 1 {
        if is_vowel(w[at]) {
            if w[at + 1] == b'i' && at + 2 < n && is_vowel(w[at + 2]) {
                w[at + 1] = b'I';
            } else if w[at + 1] == b'y' {
                w[at + 1] = b'Y';
            }
        }
    }

    // Regions: R1 starts after the first non-vowel that follows a vowel (but not before the
    // fourth letter), R2 after the next such non-vowel in R1.
    let mut p1 = n;
    let mut p2 = n;
    // `gopast` a vowel (or a non-vowel): the position after the first one from `from` on.
    let go_past = |from: usize, want_vowel: bool| -> Option<usize> {
        (from..n).find(|&at| is_vowel(w[at]) == want_vowel).map(|at| at + 1)
    };
    // "Not before the fourth letter" counts bytes of UTF-8 in Snowball (and `rust-stemmers`):
    // here the first character that starts at byte 3 or later.
    let min_p1 = if word.len() == n { 3 } else { word.char_indices().position(|(at, _)| at >= 3).unwrap_or(n) };
    if let Some(after) = go_past(0, true).and_then(|at| go_past(at, false)) {
        p1 = after.max(min_p1);
        if let Some(after) = go_past(after, true).and_then(|at| go_past(at, false)) {
            p2 = after;
        }
    }
    let (p1, p2) = (p1, p2);

    let ends = ends_with;
    // `undouble`: `dd`, `kk` or `tt` at the end loses its last letter.
    let undouble = |w: &[u8; MAX_LETTERS], n: &mut usize| {
        if ends(w, *n, b"dd") || ends(w, *n, b"kk") || ends(w, *n, b"tt") {
            *n -= 1;
        }
    };
    // `en_ending` for a suffix that starts at `start`: in R1, after a non-vowel, not after `gem`.
    let en_ending = |w: &[u8; MAX_LETTERS], n: &mut usize, start: usize| {
        if p1 <= start && start >= 1 && !is_vowel(w[start - 1]) && !ends(w, start, b"gem") {
            *n = start;
            undouble(w, n);
        }
    };
    // `e_ending`: a final `e` in R1 after a non-vowel; says whether it was removed.
    let e_ending = |w: &[u8; MAX_LETTERS], n: &mut usize| -> bool {
        if ends(w, *n, b"e") {
            let start = *n - 1;
            if p1 <= start && start >= 1 && !is_vowel(w[start - 1]) {
                *n = start;
                undouble(w, n);
                return true;
            }
        }
        false
    };

    // Step 1: the longest of `heden`, `ene`, `en`, `se`, `s`.
    if ends(&w, n, b"heden") {
        if p1 <= n - 5 {
            w[n - 5..n - 1].copy_from_slice(b"heid");
            n -= 1;
        }
    } else if ends(&w, n, b"ene") {
        let start = n - 3;
        en_ending(&w, &mut n, start);
    } else if ends(&w, n, b"en") {
        let start = n - 2;
        en_ending(&w, &mut n, start);
    } else if ends(&w, n, b"se") || ends(&w, n, b"s") {
        let start = if ends(&w, n, b"se") { n - 2 } else { n - 1 };
        if p1 <= start && start >= 1 && !matches!(w[start - 1], b'a' | b'e' | b'i' | b'j' | b'o' | b'u' | b'y') {
            n = start;
        }
    }

    // Step 2: a final `e`.
    let e_found = e_ending(&w, &mut n);

    // Step 3a: `heid` in R2, not after `c`, then `en` as in step 1.
    if ends(&w, n, b"heid") {
        let start = n - 4;
        if p2 <= start && !(start >= 1 && w[start - 1] == b'c') {
            n = start;
            if ends(&w, n, b"en") {
                let start = n - 2;
                en_ending(&w, &mut n, start);
            }
        }
    }

    // Step 3b: `end`, `ing`, `ig`, `lijk`, `baar`, `bar` in R2 (no two of them can end one word).
    if ends(&w, n, b"end") || ends(&w, n, b"ing") {
        if p2 <= n - 3 {
            n -= 3;
            if ends(&w, n, b"ig") && p2 <= n - 2 && !(n - 2 >= 1 && w[n - 3] == b'e') {
                n -= 2;
            } else {
                undouble(&w, &mut n);
            }
        }
    } else if ends(&w, n, b"ig") {
        if p2 <= n - 2 && !(n - 2 >= 1 && w[n - 3] == b'e') {
            n -= 2;
        }
    } else if ends(&w, n, b"lijk") {
        if p2 <= n - 4 {
            n -= 4;
            e_ending(&w, &mut n);
        }
    } else if ends(&w, n, b"baar") {
        if p2 <= n - 4 {
            n -= 4;
        }
    } else if ends(&w, n, b"bar") && p2 <= n - 3 && e_found {
        n -= 3;
    }

    // Step 4: a doubled vowel between two non-vowels at the end loses one of its letters.
    if n >= 4
        && !matches!(w[n - 1], b'I' | b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
        && w[n - 2] == w[n - 3]
        && matches!(w[n - 2], b'a' | b'e' | b'o' | b'u')
        && !is_vowel(w[n - 4])
    {
        w[n - 2] = w[n - 1];
        n -= 1;
    }

    // Postlude: the marked consonants become letters again.
    for byte in &mut w[..n] {
        *byte = byte.to_ascii_lowercase();
    }
    Some(super::stem_text(word, &w[..n]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(word: &str) -> String {
        rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Dutch).stem(word).into_owned()
    }

    /// The fast path gives the stem of `rust-stemmers`.
    fn check(word: &str) {
        let fast = stem_folded(word).map(Cow::into_owned);
        assert_eq!(fast.as_deref(), Some(reference(word).as_str()), "Dutch stem of {word:?}");
    }

    #[test]
    fn words() {
        for word in [
            "moestuinen",
            "moestuin",
            "vrijwilligers",
            "buurten",
            "activiteiten",
            "mogelijkheden",
            "mogelijkheid",
            "vrijheid",
            "lichtheid",
            "duidelijk",
            "betaalbaar",
            "eetbaar",
            "wandelend",
            "wandeling",
            "koninklijke",
            "lastig",
            "achtige",
            "heerlijkheden",
            "maan",
            "brood",
            "gemeenten",
            "gemeente",
            "zeggen",
            "bakken",
            "ladder",
            "lidden",
            "ruimte",
            "yoghurt",
            "haaien",
            "mooiste",
            "royaal",
            "kooien",
            "ayayay",
            "sociaal",
            "huizen",
            "reizen",
            "buurtbewoners",
            "glasvezel",
            "jongeren",
            "ouderen",
            "zwembad",
            "spelen",
            "speeltuin",
            "kinderen",
            "kinderboerderij",
            "3d",
            "5211ab",
            "a1b2c3",
            "aaa",
            "eee",
            "heden",
            "ende",
            "igig",
            "baarbaar",
            "bar",
            "ebar",
            "tebar",
            "lijklijk",
            "ingig",
            "eigig",
            "bedding",
            "rotting",
            "se",
            "s",
            "e",
            "y",
            "yy",
            "iy",
            "aiy",
        ] {
            check(word);
        }
    }

    #[test]
    fn other_words_are_declined() {
        assert!(stem_folded("").is_none());
        assert!(stem_folded("Moestuin").is_none());
        assert!(stem_folded("moes-tuin").is_none());
        assert!(stem_folded(&"a".repeat(MAX_LETTERS + 1)).is_none());
        check(&"a".repeat(MAX_LETTERS));
        for word in ["книгами", "tuinλ", "λtuinen", "bəkenden", "moestuinжen", "حدائق"] {
            check(word);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

        /// Letters that the algorithm treats specially, in any order.
        #[test]
        fn any_word_of_special_letters(word in "[aeiouyjdktgmnsbhlrc1]{1,14}") {
            check(&word);
        }

        /// A stem followed by suffixes the algorithm removes.
        #[test]
        fn stems_with_suffixes(
            word in "[a-z]{0,8}(heden|heid|ene|en|se|s|e|end|ing|ig|lijk|baar|bar|gem|aan|oot|eed|uur|dd|kk|tt|ie|iy|yi|c){0,4}",
        ) {
            if !word.is_empty() {
                check(&word);
            }
        }

        /// Any lowercase ASCII word with digits.
        #[test]
        fn any_word(word in "[a-z0-9]{1,24}") {
            check(&word);
        }

        /// Words with characters that folding leaves (other scripts), among the letters the
        /// rules look at.
        #[test]
        fn words_with_other_characters(word in "[aeiouyjdktgmnsbhlrcжλəح]{1,14}") {
            check(&word);
        }
    }
}
