//! The text component: which of the words of a need's text an offer's text has, weighted by
//! how rare each word is among the offers.
//!
//! A need's words are those of its description (the initiative's title and summary when the
//! need has no description); an offer's, those of its description. (Skills are compared as
//! ids by the skills component; their names here would count them twice.) Each word is folded and tokenised as search does, stemmed in its text's
//! language (Dutch and English; other languages are matched as folded), and left out when it is
//! a common function word or shorter than three letters. The free-text `conditions` are not
//! read: they are often negative ("niet op zaterdag"), and a shared word there would count for
//! the offer; the structured conditions are checked instead (see `conditions`).
//!
//! A need's word counts for an offer when the offer has the same stem (factor 1), or, for words
//! of four letters or more, a compound that ends in it or that it ends in (factor 0.7: Dutch
//! compounds end in their head, so `partytent` and `tent`, `regenton` and `ton` do not count,
//! as `ton` is shorter than four). Its weight is an inverse document frequency over the
//! offers, ln((N + 1) / (df + 0.5)) with N offers of which df have the stem, at least 0.1.
//! The value is Σ factor·weight over the need's words that count, divided by Σ weight over all
//! its words, per language of the need (a translated need is compared in each of its
//! languages, and the best counts, so that an offer written only in Dutch is not held against
//! the English half): 1 when the offer has every word of the need in one language, 0 when it
//! has none (and 0 for a need without words).
//!
//! Why not the search index itself? It indexes initiatives and partners for queries, with
//! prefixes and typos, per field; matching needs per-offer term sets and an inverted list per
//! stem over offers, built with the same folding, tokenising and stemming functions.

use std::collections::HashMap;

use crate::search::{StemLanguage, for_each_token, stem};
use crate::{Dataset, Initiative, Need, Offer, Text};

/// Whether offers of this kind are told apart by what they are, so that one that shows no sign
/// of being what a need asks is not suggested for it: a room is not a workshop, a tent is not
/// bread, an event permit is not a dike permit, an introduction to shopkeepers is not one to
/// speakers, a designer of leaflets is not one of playgrounds. Money is money, and a general
/// pool of volunteers helps with most hands-on needs, so funding and volunteers are not.
pub(crate) fn gated(kind: crate::Kind) -> bool {
    !matches!(kind, crate::Kind::Funding | crate::Kind::Volunteers)
}

/// The most text value that [`evidence`] asks: two fifths of the need's words by weight in one
/// of its languages.
pub(crate) const EVIDENCE: f64 = 0.4;

/// The least text value that shows an offer is what a need asks (see [`fits`]): two fifths of
/// its words by weight in one of its languages, or, for a need of many words, as much as one
/// of its words matched as part of a compound (0.7 / n for n words in its language with the
/// most), so that an offer of one of the things a need lists passes, while one common word
/// ("contact", "hulp"), whose weight is below the average, does not.
pub(crate) fn evidence(words: &[NeedWord]) -> f64 {
    let mut counts = [0usize; GROUPS];
    for word in words {
        if let Some(count) = counts.get_mut(word.group) {
            *count += 1;
        }
    }
    let most = counts.into_iter().max().unwrap_or(0).max(1);
    EVIDENCE.min(COMPOUND / most as f64)
}

/// Whether a need's offers must show they are what it asks: its kind is [`gated`], and it says
/// what it needs in words of its own or in skills (the initiative's title, which stands in for
/// a need without a description, does not count).
pub(crate) fn gates(kind: crate::Kind, words: &[NeedWord], asks_skills: bool) -> bool {
    gated(kind) && (asks_skills || words.iter().any(|w| w.own))
}

/// Whether an offer may be suggested for a need under the rule of [`gates`]: when the need is
/// gated, the offer shares one of its skills, or its text value is at least `evidence` (the
/// need's [`evidence`]), or
/// it says nothing in words at all (then it is unknown rather than different, and stays).
#[inline]
pub(crate) fn fits(gate: bool, text: f64, evidence: f64, offer_has_words: bool, shared_skills: bool) -> bool {
    !gate || !offer_has_words || shared_skills || text >= evidence
}

/// How many languages of a need are compared apart; further ones count with the last.
pub(crate) const GROUPS: usize = 4;

/// Factor of a word matched through a compound rather than the same stem.
pub(crate) const COMPOUND: f64 = 0.7;
/// The fewest letters a word needs to match as part of a compound.
const COMPOUND_LETTERS: usize = 4;

/// Function words of Dutch and English, and words every need or offer says, that say nothing
/// about what is asked or offered.
const STOP: &[&str] = &[
    "aan", "al", "all", "alle", "als", "and", "any", "are", "bij", "but", "can", "dan", "dat", "de", "deze", "die",
    "dit", "door", "een", "eigen", "elke", "en", "er", "for", "from", "geen", "graag", "het", "hoe", "hun", "iets",
    "ieder", "into", "is", "its", "kan", "kunnen", "maar", "meer", "met", "moet", "naar", "need", "needs", "niet",
    "nodig", "nog", "not", "of", "ons", "onze", "ook", "our", "over", "per", "some", "that", "the", "their", "them",
    "they", "this", "tot", "uit", "uw", "van", "veel", "voor", "wat", "we", "wel", "which", "who", "wie", "wij",
    "will", "with", "wordt", "you", "your", "zijn", "zo", "zoals", "zonder", "zou",
];

/// The stems of offers and the inverted lists, built once with the match index.
#[derive(Clone, Debug, Default)]
pub(crate) struct OfferWords {
    /// The offers' stems, sorted; a stem's number is its position.
    stems: Vec<Box<str>>,
    /// Stem numbers ordered by their reversed text, to find the compounds that end in a word.
    by_ending: Vec<u32>,
    /// Per stem, how many offers have it.
    df: Vec<u32>,
    /// How many offers there are.
    offers: u32,
    /// Per offer column, its stems (sorted): `o_stems[o_start[c]..o_start[c + 1]]`.
    o_start: Vec<u32>,
    o_stems: Vec<u32>,
    /// Per stem, the offer columns that have it (ascending): `postings[p_start[s]..p_start[s + 1]]`.
    p_start: Vec<u32>,
    postings: Vec<u32>,
}

/// One word of a need: its share of the need's weight, and the offer stems that match it with
/// their factors, the same stem first.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct NeedWord {
    /// Its share of the weight of the need's words in its language.
    pub share: f64,
    /// Its language's number among the need's languages (at most [`GROUPS`] − 1).
    pub group: usize,
    pub matches: Vec<(u32, f64)>,
    /// The word as the need writes it (folded), for the reasons.
    pub word: Box<str>,
    /// The language of the text it comes from (the municipality's first for a plain text).
    pub lang: Box<str>,
    /// Whether the need itself says it (its description), rather than its initiative.
    pub own: bool,
}

/// The language of a dataset's plain texts: the municipality's first.
fn plain_language(dataset: &Dataset) -> &str {
    dataset.municipality.languages.first().map_or("", |l| l.as_str())
}

/// Calls `each(stem, word, language)` for every word of `text` that counts (see the module).
fn text_words(text: &Text, plain: &str, each: &mut impl FnMut(String, &str, &str)) {
    for (lang, value) in text.translations() {
        let code = lang.map_or(plain, |l| l.as_str());
        let language = StemLanguage::from_code(code);
        for_each_token(value, |token, _| {
            if token.len() < 3 || token.bytes().all(|b| b.is_ascii_digit()) || STOP.contains(&token) {
                return;
            }
            let stemmed = match language {
                Some(language) => stem(language, token).into_owned(),
                None => token.to_owned(),
            };
            each(stemmed, token, code);
        });
    }
}

/// An offer's stems, in order of appearance.
pub(crate) fn offer_words(dataset: &Dataset, offer: &Offer) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(description) = &offer.description {
        text_words(description, plain_language(dataset), &mut |stem, _, _| out.push(stem));
    }
    out
}

/// A need's words, as (stem, word, language, whether the need itself says it), each stem
/// once per language, in order of appearance.
pub(crate) fn need_words(
    dataset: &Dataset,
    initiative: &Initiative,
    need: &Need,
) -> Vec<(String, String, String, bool)> {
    let plain = plain_language(dataset);
    let mut out: Vec<(String, String, String, bool)> = Vec::new();
    let mut add = |own: bool, text: &Text| {
        text_words(text, plain, &mut |stem: String, word: &str, lang: &str| {
            if !out.iter().any(|(s, _, l, _)| *s == stem && l == lang) {
                out.push((stem, word.to_owned(), lang.to_owned(), own));
            }
        });
    };
    match &need.description {
        Some(description) => add(true, description),
        None => {
            add(false, &initiative.title);
            if let Some(summary) = &initiative.summary {
                add(false, summary);
            }
        }
    }
    out
}

impl OfferWords {
    /// The words of the offers in column order (`columns[c]` is the (partner, offer) position
    /// of column `c`).
    pub(crate) fn build(dataset: &Dataset, columns: &[(u32, u32)]) -> OfferWords {
        // Stems are numbered as met, then renumbered in sorted order.
        let mut numbers: HashMap<String, u32> = HashMap::new();
        let mut per_column: Vec<Vec<u32>> = Vec::with_capacity(columns.len());
        for &(p, o) in columns {
            let offer = dataset.partners.get(p as usize).and_then(|p| p.offers.get(o as usize));
            let mut stems: Vec<u32> = Vec::new();
            if let Some(offer) = offer {
                for stem in offer_words(dataset, offer) {
                    let next = numbers.len() as u32;
                    stems.push(*numbers.entry(stem).or_insert(next));
                }
            }
            per_column.push(stems);
        }
        let mut sorted: Vec<(String, u32)> = numbers.into_iter().collect();
        sorted.sort_unstable();
        let mut renumber = vec![0u32; sorted.len()];
        for (new, (_, old)) in sorted.iter().enumerate() {
            renumber[*old as usize] = new as u32;
        }
        let stems: Vec<Box<str>> = sorted.into_iter().map(|(s, _)| s.into_boxed_str()).collect();
        let mut by_ending: Vec<u32> = (0..stems.len() as u32).collect();
        by_ending.sort_unstable_by(|&a, &b| stems[a as usize].bytes().rev().cmp(stems[b as usize].bytes().rev()));
        let mut o_start = Vec::with_capacity(columns.len() + 1);
        let mut o_stems = Vec::new();
        let mut df = vec![0u32; stems.len()];
        for list in &mut per_column {
            for s in list.iter_mut() {
                *s = renumber[*s as usize];
            }
            list.sort_unstable();
            list.dedup();
            o_start.push(o_stems.len() as u32);
            for &s in list.iter() {
                df[s as usize] += 1;
            }
            o_stems.extend_from_slice(list);
        }
        o_start.push(o_stems.len() as u32);
        // Inverted lists: counting sort by stem, columns ascending within each.
        let mut p_start = vec![0u32; stems.len() + 1];
        for (s, &count) in df.iter().enumerate() {
            p_start[s + 1] = p_start[s] + count;
        }
        let mut fill = p_start.clone();
        let mut postings = vec![0u32; o_stems.len()];
        for (column, list) in per_column.iter().enumerate() {
            for &s in list {
                let at = &mut fill[s as usize];
                postings[*at as usize] = column as u32;
                *at += 1;
            }
        }
        OfferWords { stems, by_ending, df, offers: columns.len() as u32, o_start, o_stems, p_start, postings }
    }

    fn number(&self, stem: &str) -> Option<u32> {
        self.stems.binary_search_by(|s| (**s).cmp(stem)).ok().map(|i| i as u32)
    }

    fn weight(&self, stem: Option<u32>) -> f64 {
        let df = stem.and_then(|s| self.df.get(s as usize)).copied().unwrap_or(0);
        (((f64::from(self.offers) + 1.0) / (f64::from(df) + 0.5)).ln()).max(0.1)
    }

    /// The offer stems that match `stem` (see the module), the same stem first, then
    /// compounds in stem order.
    fn matches(&self, stem: &str) -> Vec<(u32, f64)> {
        let mut out: Vec<(u32, f64)> = Vec::new();
        if let Some(s) = self.number(stem) {
            out.push((s, 1.0));
        }
        if stem.chars().count() >= COMPOUND_LETTERS {
            let mut compounds: Vec<u32> = Vec::new();
            // Offer stems that end in this one: a range of the stems ordered by their ending.
            let ends_with =
                |s: u32| self.stems.get(s as usize).is_some_and(|t| t.len() > stem.len() && t.ends_with(stem));
            let reversed = |s: u32| self.stems.get(s as usize).map(|t| t.bytes().rev());
            let first = self.by_ending.partition_point(|&s| {
                reversed(s).is_some_and(|t| t.cmp(stem.bytes().rev()) == std::cmp::Ordering::Less)
            });
            compounds.extend(
                self.by_ending
                    .get(first..)
                    .unwrap_or(&[])
                    .iter()
                    .take_while(|&&s| {
                        reversed(s).is_some_and(|t| {
                            let mut t = t;
                            stem.bytes().rev().all(|b| t.next() == Some(b))
                        })
                    })
                    .copied()
                    .filter(|&s| ends_with(s)),
            );
            // Offer stems this one ends in, of four letters or more.
            for (at, _) in stem.char_indices().skip(1) {
                let Some(tail) = stem.get(at..) else { continue };
                if tail.chars().count() < COMPOUND_LETTERS {
                    break;
                }
                if let Some(s) = self.number(tail) {
                    compounds.push(s);
                }
            }
            compounds.sort_unstable();
            compounds.dedup();
            out.extend(compounds.into_iter().map(|s| (s, COMPOUND)));
        }
        out
    }

    /// A need's words with their shares of its weight and their matching offer stems.
    pub(crate) fn need(&self, words: Vec<(String, String, String, bool)>) -> Vec<NeedWord> {
        // Languages in order of appearance; a need's text is compared language by language.
        let mut languages: Vec<&str> = Vec::new();
        let groups: Vec<usize> = words
            .iter()
            .map(|(_, _, lang, _)| {
                let at = languages.iter().position(|l| l == lang).unwrap_or_else(|| {
                    languages.push(lang);
                    languages.len() - 1
                });
                at.min(GROUPS - 1)
            })
            .collect();
        let weights: Vec<f64> = words.iter().map(|(stem, ..)| self.weight(self.number(stem))).collect();
        let mut totals = [0.0f64; GROUPS];
        for (&group, &weight) in groups.iter().zip(&weights) {
            totals[group] += weight;
        }
        words
            .into_iter()
            .zip(weights)
            .zip(groups)
            .map(|(((stem, word, lang, own), weight), group)| NeedWord {
                share: weight / totals[group],
                group,
                matches: self.matches(&stem),
                word: word.into_boxed_str(),
                lang: lang.into_boxed_str(),
                own,
            })
            .collect()
    }

    /// The stems of the offer in `column`, sorted.
    pub(crate) fn of_column(&self, column: usize) -> &[u32] {
        match (self.o_start.get(column), self.o_start.get(column + 1)) {
            (Some(&a), Some(&b)) => self.o_stems.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The offer columns that have `stem`, ascending.
    pub(crate) fn postings(&self, stem: u32) -> &[u32] {
        match (self.p_start.get(stem as usize), self.p_start.get(stem as usize + 1)) {
            (Some(&a), Some(&b)) => self.postings.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// The factor with which an offer with `stems` (sorted) has `word`: its best match, 0 for none.
#[inline]
pub(crate) fn factor(word: &NeedWord, stems: &[u32]) -> f64 {
    let mut best = 0.0f64;
    for &(stem, factor) in &word.matches {
        if factor > best && stems.binary_search(&stem).is_ok() {
            best = factor;
        }
    }
    best
}

/// The text value of an offer with `stems` (sorted) for a need's `words`: Σ share·factor, added
/// in the need's word order (the order the inverted lists add them in too).
pub(crate) fn value(words: &[NeedWord], stems: &[u32]) -> f64 {
    let mut sums = [0.0f64; GROUPS];
    for word in words {
        let f = factor(word, stems);
        if f > 0.0
            && let Some(sum) = sums.get_mut(word.group)
        {
            *sum += word.share * f;
        }
    }
    // Shares that add up to 1 may add up to a hair above it.
    sums.into_iter().fold(0.0, f64::max).min(1.0)
}

/// The text values of the offers in `columns` (a class's range) for a need's `words`, from the
/// inverted lists: a table over the range (empty when no offer there shares a word), the same
/// values as [`value`] to the bit.
pub(crate) fn values_in(ow: &OfferWords, words: &[NeedWord], columns: std::ops::Range<usize>) -> Vec<f64> {
    // One table per language of the need, then their maximum per column.
    let mut tables: [Vec<f64>; GROUPS] = Default::default();
    // Per column, the last word that credited it: a word's matches come best factor first, so
    // the first credit is the word's factor for that column, and later ones are skipped.
    let mut credited: Vec<u32> = Vec::new();
    for (w, word) in words.iter().enumerate() {
        let several = word.matches.len() > 1;
        let Some(table) = tables.get_mut(word.group) else { continue };
        for &(stem, factor) in &word.matches {
            let list = ow.postings(stem);
            let from = list.partition_point(|&c| (c as usize) < columns.start);
            for &c in list.get(from..).unwrap_or(&[]) {
                let at = (c as usize).wrapping_sub(columns.start);
                if at >= columns.len() {
                    break;
                }
                if table.is_empty() {
                    *table = vec![0.0; columns.len()];
                }
                if several {
                    if credited.is_empty() {
                        credited = vec![u32::MAX; columns.len()];
                    }
                    match credited.get_mut(at) {
                        Some(last) if *last != w as u32 => *last = w as u32,
                        _ => continue,
                    }
                }
                if let Some(slot) = table.get_mut(at) {
                    *slot += word.share * factor;
                }
            }
        }
    }
    let [first, rest @ ..] = tables;
    let mut table = first;
    for other in rest.into_iter().filter(|t| !t.is_empty()) {
        if table.is_empty() {
            table = other;
        } else {
            for (slot, value) in table.iter_mut().zip(other) {
                *slot = slot.max(value);
            }
        }
    }
    // As in `value`: at most 1.
    for slot in &mut table {
        *slot = slot.min(1.0);
    }
    table
}
