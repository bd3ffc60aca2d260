//! The English Snowball stemmer (Porter2) for folded words, step for step the algorithm of
//! `rust-stemmers` (the Snowball `english` of its version), on a byte array instead of its
//! general string machine.
//!
//! Why our own implementation, as for Dutch (`dutch.rs`)? The index build stems every distinct
//! term that occurs in an English text once, and `rust-stemmers` took about 5 000 wasm
//! instructions per word for it: a table search for every suffix list, character decoding at
//! every step. Characters that folding leaves (other scripts) are one byte here that no rule
//! names, consonants as in Snowball; property tests check that the stems are those of
//! `rust-stemmers`.
//!
//! The algorithm is Martin Porter's, from the Snowball project (BSD licence), as is the Dutch
//! one; this file follows its published definition rule by rule.

use std::borrow::Cow;

use super::{MAX_LETTERS, ends_with};

/// A vowel of the Snowball grouping `v` (`aeiouy`).
fn is_vowel(byte: u8) -> bool {
    matches!(byte, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// A letter of the grouping `v_WXY`: the vowels, `w`, `x`, and the consonant `Y`.
fn is_vowel_wxy(byte: u8) -> bool {
    is_vowel(byte) || matches!(byte, b'w' | b'x' | b'Y')
}

/// A letter that may come before a final `li` that Step 2 removes.
fn is_valid_li(byte: u8) -> bool {
    matches!(byte, b'c' | b'd' | b'e' | b'g' | b'h' | b'k' | b'm' | b'n' | b'r' | b't')
}

/// A word being stemmed: its bytes, its length and its regions.
struct Word {
    w: [u8; MAX_LETTERS],
    n: usize,
    p1: usize,
    p2: usize,
}

impl Word {
    fn ends_with(&self, suffix: &[u8]) -> bool {
        ends_with(&self.w, self.n, suffix)
    }

    /// The index of the longest of `count` suffixes (the `i`-th is `suffix(i)`) that the word
    /// ends with: Snowball's `among`, which takes the longest match and no other.
    fn longest_of(&self, count: usize, suffix: impl Fn(usize) -> &'static [u8]) -> Option<usize> {
        let mut best: Option<usize> = None;
        for index in 0..count {
            if self.ends_with(suffix(index)) && best.is_none_or(|b| suffix(b).len() < suffix(index).len()) {
                best = Some(index);
            }
        }
        best
    }

    /// The longest of `suffixes` that the word ends with, as its index in `suffixes`.
    fn longest(&self, suffixes: &[&'static [u8]]) -> Option<usize> {
        self.longest_of(suffixes.len(), |index| suffixes[index])
    }

    /// The byte at `at`, or 0 (no letter) outside the word.
    fn at(&self, at: usize) -> u8 {
        if at < self.n { self.w.get(at).copied().unwrap_or(0) } else { 0 }
    }

    /// Replaces the last `length` bytes with `by`.
    fn replace(&mut self, length: usize, by: &[u8]) {
        let start = self.n - length;
        for (at, &byte) in by.iter().enumerate() {
            if let Some(slot) = self.w.get_mut(start + at) {
                *slot = byte;
            }
        }
        self.n = start + by.len();
    }

    /// Whether a vowel is among the first `end` bytes.
    fn has_vowel_before(&self, end: usize) -> bool {
        self.w.get(..end).is_some_and(|part| part.iter().any(|&byte| is_vowel(byte)))
    }

    /// Snowball's `shortv` read backwards from `end`: a short syllable ends there (a non-vowel
    /// other than `w`, `x` and `Y` after a vowel after a non-vowel, or a vowel and a non-vowel
    /// that are the whole word).
    fn short_syllable_at(&self, end: usize) -> bool {
        if end >= 3 {
            let (a, b, c) = (self.at(end - 3), self.at(end - 2), self.at(end - 1));
            if !is_vowel_wxy(c) && is_vowel(b) && !is_vowel(a) {
                return true;
            }
        }
        end == 2 && is_vowel(self.at(0)) && !is_vowel(self.at(1))
    }
}

/// The whole-word exceptions checked before anything else, and what they become.
const EXCEPTIONS: &[(&[u8], &[u8])] = &[
    (b"skis", b"ski"),
    (b"skies", b"sky"),
    (b"dying", b"die"),
    (b"lying", b"lie"),
    (b"tying", b"tie"),
    (b"idly", b"idl"),
    (b"gently", b"gentl"),
    (b"ugly", b"ugli"),
    (b"early", b"earli"),
    (b"only", b"onli"),
    (b"singly", b"singl"),
    (b"sky", b"sky"),
    (b"news", b"news"),
    (b"howe", b"howe"),
    (b"atlas", b"atlas"),
    (b"cosmos", b"cosmos"),
    (b"bias", b"bias"),
    (b"andes", b"andes"),
];

/// Words that Step 1a leaves and the later steps must not touch.
const EXCEPTIONS_AFTER_1A: &[&[u8]] =
    &[b"inning", b"outing", b"canning", b"herring", b"earring", b"proceed", b"exceed", b"succeed"];

/// The English stem of a folded word (lowercase ASCII letters and digits, and other characters
/// that folding leaves, which Snowball treats as consonants here), or `None` for a word with
/// capitals or punctuation or of more than 64 characters.
///
/// The stem is borrowed from `word` when it is a prefix of it, so that most calls do not
/// allocate.
pub(crate) fn stem_folded(word: &str) -> Option<Cow<'_, str>> {
    let (w, n) = super::letters(word)?;
    if n == 0 {
        return None;
    }
    let input = &w[..n];
    // Every exception has three to six letters; the length test saves comparing the others.
    if let Some(&(_, stem)) = EXCEPTIONS.iter().find(|(exception, _)| n <= 6 && *exception == input) {
        return Some(super::stem_text(word, stem));
    }
    if n < 3 {
        return Some(Cow::Borrowed(word));
    }
    let mut word_ = Word { w, n, p1: n, p2: n };
    let x = &mut word_;

    // Prelude: an initial `y`, and a `y` after a vowel, are consonants (`Y`), scanning from
    // the left so that a marked `Y` is no vowel for the next one.
    let mut y_found = false;
    if x.w[0] == b'y' {
        x.w[0] = b'Y';
        y_found = true;
    }
    for at in 1..x.n {
        if x.w[at] == b'y' && is_vowel(x.w[at - 1]) {
            x.w[at] = b'Y';
            y_found = true;
        }
    }

    // Regions: R1 after the first non-vowel that follows a vowel (or after one of three
    // prefixes), R2 the same within R1.
    let after_vowel_consonant = |x: &Word, from: usize| -> Option<usize> {
        let mut at = from;
        while at < x.n && !is_vowel(x.w[at]) {
            at += 1;
        }
        while at < x.n && is_vowel(x.w[at]) {
            at += 1;
        }
        (at < x.n).then_some(at + 1)
    };
    let prefix = [&b"gener"[..], b"commun", b"arsen"].into_iter().find(|p| x.w[..x.n].starts_with(p));
    let p1 = match prefix {
        Some(p) => Some(p.len()),
        None => after_vowel_consonant(x, 0),
    };
    if let Some(p1) = p1 {
        x.p1 = p1;
        if let Some(p2) = after_vowel_consonant(x, p1) {
            x.p2 = p2;
        }
    }

    step_1a(x);
    // These have six or seven letters.
    if !(matches!(x.n, 6 | 7) && EXCEPTIONS_AFTER_1A.contains(&&x.w[..x.n])) {
        step_1b(x);
        step_1c(x);
        step_2(x);
        step_3(x);
        step_4(x);
        step_5(x);
    }

    if y_found {
        for byte in &mut x.w[..x.n] {
            if *byte == b'Y' {
                *byte = b'y';
            }
        }
    }
    Some(super::stem_text(word, &x.w[..x.n]))
}

/// Plurals and `-ied`/`-ies`.
fn step_1a(x: &mut Word) {
    const SUFFIXES: &[&[u8]] = &[b"sses", b"ied", b"ies", b"s", b"us", b"ss"];
    match x.longest(SUFFIXES) {
        Some(0) => x.replace(4, b"ss"),
        Some(1 | 2) => {
            // `hop 2`: at least two letters before the suffix.
            let by: &[u8] = if x.n - 3 >= 2 { b"i" } else { b"ie" };
            x.replace(3, by);
        }
        // Delete the `s` when a vowel comes before the letter before it.
        Some(3) if x.n >= 2 && x.has_vowel_before(x.n - 2) => x.n -= 1,
        _ => {}
    }
}

/// `-eed`, `-ed`, `-ing` and their `-ly` forms.
fn step_1b(x: &mut Word) {
    const SUFFIXES: &[&[u8]] = &[b"eed", b"eedly", b"ed", b"edly", b"ing", b"ingly"];
    let Some(found) = x.longest(SUFFIXES) else {
        return;
    };
    let length = SUFFIXES[found].len();
    let start = x.n - length;
    if found < 2 {
        if start >= x.p1 {
            x.replace(length, b"ee");
        }
        return;
    }
    if !x.has_vowel_before(start) {
        return;
    }
    x.n = start;
    const ENDINGS: &[&[u8]] = &[b"at", b"bl", b"iz", b"bb", b"dd", b"ff", b"gg", b"mm", b"nn", b"pp", b"rr", b"tt"];
    match x.longest(ENDINGS) {
        Some(0..=2) => x.replace(0, b"e"),
        Some(_) => x.n -= 1,
        None => {
            if x.n == x.p1 && x.short_syllable_at(x.n) {
                x.replace(0, b"e");
            }
        }
    }
}

/// A final `y` after a consonant that is not the first letter becomes `i`.
fn step_1c(x: &mut Word) {
    let last = x.at(x.n - 1);
    if (last == b'y' || last == b'Y') && x.n >= 3 && !is_vowel(x.at(x.n - 2)) {
        x.replace(1, b"i");
    }
}

/// Derivational suffixes in R1.
fn step_2(x: &mut Word) {
    const SUFFIXES: &[(&[u8], &[u8])] = &[
        (b"tional", b"tion"),
        (b"enci", b"ence"),
        (b"anci", b"ance"),
        (b"abli", b"able"),
        (b"entli", b"ent"),
        (b"izer", b"ize"),
        (b"ization", b"ize"),
        (b"ational", b"ate"),
        (b"ation", b"ate"),
        (b"ator", b"ate"),
        (b"alism", b"al"),
        (b"aliti", b"al"),
        (b"alli", b"al"),
        (b"fulness", b"ful"),
        (b"ousli", b"ous"),
        (b"ousness", b"ous"),
        (b"iveness", b"ive"),
        (b"iviti", b"ive"),
        (b"biliti", b"ble"),
        (b"bli", b"ble"),
        (b"ogi", b"og"),
        (b"fulli", b"ful"),
        (b"lessli", b"less"),
        (b"li", b""),
    ];
    let Some((suffix, by)) = longest_pair(x, SUFFIXES) else {
        return;
    };
    let start = x.n - suffix.len();
    if start < x.p1 {
        return;
    }
    match suffix {
        b"ogi" if start == 0 || x.at(start - 1) != b'l' => {}
        b"li" if start == 0 || !is_valid_li(x.at(start - 1)) => {}
        _ => x.replace(suffix.len(), by),
    }
}

/// More derivational suffixes in R1.
fn step_3(x: &mut Word) {
    const SUFFIXES: &[(&[u8], &[u8])] = &[
        (b"tional", b"tion"),
        (b"ational", b"ate"),
        (b"alize", b"al"),
        (b"icate", b"ic"),
        (b"iciti", b"ic"),
        (b"ical", b"ic"),
        (b"ful", b""),
        (b"ness", b""),
        (b"ative", b""),
    ];
    let Some((suffix, by)) = longest_pair(x, SUFFIXES) else {
        return;
    };
    let start = x.n - suffix.len();
    if start < x.p1 || (suffix == b"ative" && start < x.p2) {
        return;
    }
    x.replace(suffix.len(), by);
}

/// Suffixes removed in R2.
fn step_4(x: &mut Word) {
    const SUFFIXES: &[&[u8]] = &[
        b"ic", b"ance", b"ence", b"able", b"ible", b"ate", b"ive", b"ize", b"iti", b"al", b"ism", b"ion", b"er",
        b"ous", b"ant", b"ent", b"ment", b"ement",
    ];
    let Some(found) = x.longest(SUFFIXES) else {
        return;
    };
    let suffix = SUFFIXES[found];
    let start = x.n - suffix.len();
    if start < x.p2 {
        return;
    }
    if suffix == b"ion" && (start == 0 || !matches!(x.at(start - 1), b's' | b't')) {
        return;
    }
    x.n = start;
}

/// A final `e` in R2, or in R1 after no short syllable; a final double `l` in R2.
fn step_5(x: &mut Word) {
    let last = x.at(x.n - 1);
    let start = x.n - 1;
    if last == b'e' {
        if start >= x.p2 || (start >= x.p1 && !x.short_syllable_at(start)) {
            x.n = start;
        }
    } else if last == b'l' && start >= x.p2 && start >= 1 && x.at(start - 1) == b'l' {
        x.n = start;
    }
}

/// The longest suffix of `pairs` (suffix, replacement) that the word ends with.
fn longest_pair(x: &Word, pairs: &[(&'static [u8], &'static [u8])]) -> Option<(&'static [u8], &'static [u8])> {
    x.longest_of(pairs.len(), |index| pairs[index].0).map(|index| pairs[index])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(word: &str) -> String {
        rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English).stem(word).into_owned()
    }

    /// The fast path gives the stem of `rust-stemmers`.
    fn check(word: &str) {
        let fast = stem_folded(word).map(Cow::into_owned);
        assert_eq!(fast.as_deref(), Some(reference(word).as_str()), "English stem of {word:?}");
    }

    #[test]
    fn words() {
        for word in [
            "gardens",
            "garden",
            "volunteers",
            "neighbourhood",
            "neighbourhoods",
            "caresses",
            "ponies",
            "ties",
            "cries",
            "gas",
            "gaps",
            "kiwis",
            "feed",
            "agreed",
            "plastered",
            "bled",
            "motoring",
            "sing",
            "conflated",
            "troubled",
            "sized",
            "hopping",
            "tanned",
            "falling",
            "hissing",
            "fizzed",
            "failing",
            "filing",
            "happy",
            "sky",
            "cry",
            "by",
            "say",
            "relational",
            "conditional",
            "rational",
            "valenci",
            "hesitanci",
            "digitizer",
            "conformabli",
            "radicalli",
            "differentli",
            "vileli",
            "analogousli",
            "vietnamization",
            "predication",
            "operator",
            "feudalism",
            "decisiveness",
            "hopefulness",
            "callousness",
            "formaliti",
            "sensitiviti",
            "sensibiliti",
            "triplicate",
            "formative",
            "formalize",
            "electriciti",
            "electrical",
            "hopeful",
            "goodness",
            "revival",
            "allowance",
            "inference",
            "airliner",
            "gyroscopic",
            "adjustable",
            "defensible",
            "irritant",
            "replacement",
            "adjustment",
            "dependent",
            "adoption",
            "homologou",
            "communism",
            "activate",
            "angulariti",
            "homologous",
            "effective",
            "bowdlerize",
            "probate",
            "rate",
            "cease",
            "controll",
            "roll",
            "generous",
            "generate",
            "communication",
            "arsenal",
            "skis",
            "skies",
            "dying",
            "lying",
            "tying",
            "idly",
            "gently",
            "ugly",
            "early",
            "only",
            "singly",
            "news",
            "howe",
            "atlas",
            "cosmos",
            "bias",
            "andes",
            "inning",
            "innings",
            "outing",
            "outings",
            "canning",
            "herring",
            "earring",
            "proceed",
            "exceed",
            "succeed",
            "proceeding",
            "yellow",
            "youth",
            "sayyid",
            "playing",
            "boy",
            "boys",
            "toy",
            "enjoy",
            "enjoying",
            "fly",
            "flying",
            "flies",
            "logically",
            "ecology",
            "apology",
            "biology",
            "ab",
            "abe",
            "ox",
            "axe",
            "bowed",
            "taxed",
            "saw",
            "fix",
            "fixed",
            "hoping",
            "hopping",
            "capitalized",
            "2024",
            "a4",
            "covid19",
            "ied",
            "ies",
            "sses",
            "ss",
            "us",
            "bus",
            "eed",
            "ing",
            "ingly",
            "edly",
        ] {
            check(word);
        }
    }

    #[test]
    fn other_words_are_declined() {
        for word in ["", "Garden", "x-ray", &"a".repeat(MAX_LETTERS + 1)] {
            assert!(stem_folded(word).is_none(), "{word:?}");
        }
        for word in ["книгами", "gardenλ", "λgardens", "bəlieved", "hopeжful", "حدائق", "yλy", "λyed"]
        {
            check(word);
        }
    }

    proptest::proptest! {
        #[test]
        fn any_word(word in "[a-z0-9]{1,24}") {
            check(&word);
        }

        /// Words with characters that folding leaves (other scripts), among the letters the
        /// rules look at.
        #[test]
        fn words_with_other_characters(word in "[aeiouywxyslbtdgnmrzcpжλəح]{1,14}") {
            check(&word);
        }

        /// Words from the letters the rules look at, so that rare paths come up often.
        #[test]
        fn any_word_of_special_letters(word in "[aeiouywxyslbtdgnmrzcp]{1,14}") {
            check(&word);
        }

        /// Stems with the suffixes of every step, alone and stacked.
        #[test]
        fn stems_with_suffixes(
            stem in "[a-z]{1,8}",
            first in proptest::sample::select(vec![
                "", "s", "ss", "sses", "ies", "ied", "us", "eed", "eedly", "ed", "edly", "ing", "ingly", "y",
            ]),
            second in proptest::sample::select(vec![
                "", "tional", "enci", "anci", "abli", "entli", "izer", "ization", "ational", "ation", "ator",
                "alism", "aliti", "alli", "fulness", "ousli", "ousness", "iveness", "iviti", "biliti", "bli",
                "ogi", "fulli", "lessli", "li", "alize", "icate", "iciti", "ical", "ful", "ness", "ative", "al",
                "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti",
                "ous", "ive", "ize", "ion", "sion", "tion", "e", "ll", "le",
            ]),
        ) {
            check(&format!("{stem}{second}{first}"));
        }
    }
}
