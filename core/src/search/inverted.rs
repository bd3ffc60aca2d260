//! The generic full-text engine: an inverted index over documents made of weighted fields in
//! several languages, with exact, stem, prefix and typo matching, BM25 ranking and highlights.
//!
//! It knows nothing of initiatives or partners: `search/mod.rs` maps the model onto fields.
//!
//! Layout, chosen for a small footprint and cache-friendly queries in wasm:
//! - terms are the folded surface forms, sorted, so a prefix is one contiguous id range;
//! - postings are one flat array, grouped by term (CSR) and sorted by document then field;
//! - stems map to the terms that share them (CSR), per linked stemmer;
//! - terms are bucketed by length in characters, with a 64-bit letter signature each, so the
//!   typo search only runs edit distance on terms that could be close.

use std::hash::BuildHasherDefault;
use std::ops::Range;

pub(crate) use verschilmaker_index_build::FxHasher;
use verschilmaker_index_build::{Collector, Posting, TermState, ascii_signatures, group_postings, sorted_ids};

use super::keys::{f32_key, sort_u32};
use super::text::{MAX_TOKEN_BYTES, StemLanguage, fold_into, for_each_token, stem};

/// How a query word matched an indexed word; the order is the ranking order (exact first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    /// The folded word itself.
    Exact,
    /// Another word with the same Dutch or English stem (`moestuinen` for `moestuin`).
    Stem,
    /// A word that starts with the word being typed (only the last query word).
    Prefix,
    /// A word within a small edit distance (one edit from 5 characters, two from 9), for
    /// query words that match nothing as typed.
    Typo,
}

/// Score factors per match kind. They keep exact > stem > prefix > typo for otherwise equal
/// documents; prefix matches lose more the more of the word is still missing.
const STEM_FACTOR: f32 = 0.7;
const PREFIX_FACTOR_MAX: f32 = 0.5;
const PREFIX_FACTOR_MIN: f32 = 0.3;
const TYPO1_FACTOR: f32 = 0.25;
const TYPO2_FACTOR: f32 = 0.15;
/// A prefix of one or two letters can match thousands of words; only the most frequent ones
/// are expanded, which bounds query time.
const MAX_PREFIX_TERMS: usize = 32;
/// Typo tolerance only starts at this many characters: shorter words have too many
/// neighbours. Dutch has many three- and four-letter function words one edit away from a
/// four-letter content word (`eten` → `een`, `voor` → `door`), which made four too early.
pub const TYPO1_MIN_CHARS: usize = 5;
/// Two edits are tolerated from this many characters on.
pub const TYPO2_MIN_CHARS: usize = 9;
const BM25_K1: f32 = 1.2;
const BM25_B: f32 = 0.75;

pub(crate) type FxBuild = BuildHasherDefault<FxHasher>;

/// Builds a [`TextIndex`]; documents are numbered in the order they are started.
///
/// The words are collected by [`Collector`], in a crate of its own compiled for speed (see
/// that crate's documentation); this adds the fields' boosts and finishes the index.
pub(crate) struct TextIndexBuilder {
    boosts: Vec<f32>,
    collector: Collector,
}

impl TextIndexBuilder {
    /// A builder for documents with `boosts.len()` fields (at most 255) of the given weights.
    ///
    /// `text_bytes` is the expected size of all texts (see [`Collector::new`]).
    pub(crate) fn new(boosts: &[f32], text_bytes: usize) -> TextIndexBuilder {
        TextIndexBuilder { boosts: boosts.to_vec(), collector: Collector::new(boosts.len(), text_bytes) }
    }

    /// Starts the next document; texts added after this belong to it.
    ///
    /// Texts of one field should be added one after the other (as the callers do); a field
    /// that comes back later in the same document gets second postings, which score the same
    /// but count term frequency separately.
    pub(crate) fn start_document(&mut self) {
        self.collector.start_document();
    }

    /// Adds a text in a language (an ISO 639-1 code, or `None`) to a field of the current
    /// document.
    pub(crate) fn add_text(&mut self, field: u8, language: Option<&str>, text: &str) {
        let language_bit = match language.and_then(StemLanguage::from_code) {
            Some(StemLanguage::Dutch) => 1,
            Some(StemLanguage::English) => 2,
            None => 0,
        };
        self.collector.add_text(field, language_bit, text, &fold_into);
    }

    /// Finishes the index: sorts the term dictionary, groups postings by term, stems every term
    /// once and buckets terms for the typo search.
    pub(crate) fn finish(self) -> TextIndex {
        let TextIndexBuilder { boosts, collector } = self;
        let Collector {
            terms: interned, term_states, raw_postings, doc_field_lengths, documents: document_count, ..
        } = collector;
        let field_count = boosts.len();
        let documents = document_count as usize;

        // The term dictionary, sorted so that a prefix is a contiguous range of ids.
        let by_name = sorted_ids(interned.arena().as_bytes(), interned.offsets());
        let term_count = by_name.len();
        let mut terms = String::with_capacity(interned.arena().len());
        let mut term_offsets = Vec::with_capacity(term_count + 1);
        let mut term_languages = Vec::with_capacity(term_count);
        // Postings grouped by term with a counting sort, which keeps document order: the
        // postings of the term at sorted position `i` start at `posting_offsets[i]`, and
        // `cursor[old id]` is where the next posting of a term (by its interned id) goes.
        //
        // Why `get` everywhere below? At the widget's opt-level `z`, `vec[i]` stays a call to
        // `Vec::index` (5 million of them here, 6 % of the build in wasm); `get` is inlined.
        let mut posting_offsets = Vec::with_capacity(term_count + 1);
        let mut cursor = vec![0u32; term_count];
        let mut idf = Vec::with_capacity(term_count);
        let mut running = 0u32;
        for &old in &by_name {
            term_offsets.push(terms.len() as u32);
            terms.push_str(interned.get(old));
            let state = term_states.get(old as usize).copied().unwrap_or(TermState::NEW);
            term_languages.push(state.languages);
            posting_offsets.push(running);
            if let Some(start) = cursor.get_mut(old as usize) {
                *start = running;
            }
            running += state.postings;
            let n = documents as f32;
            let df = state.documents as f32;
            idf.push((1.0 + (n - df + 0.5) / (df + 0.5)).ln());
        }
        posting_offsets.push(running);
        term_offsets.push(terms.len() as u32);
        drop(by_name);
        drop(interned);

        let postings = group_postings(raw_postings, cursor);

        // BM25 length normalisation per document and field, precomputed.
        let mut average = vec![0f32; field_count];
        if field_count > 0 {
            for lengths in doc_field_lengths.chunks_exact(field_count).take(documents) {
                for (sum, &length) in average.iter_mut().zip(lengths) {
                    *sum += f32::from(length);
                }
            }
        }
        for sum in &mut average {
            *sum = if documents == 0 { 1.0 } else { (*sum / documents as f32).max(1.0) };
        }
        let norms = doc_field_lengths
            .iter()
            .zip(average.iter().cycle())
            .map(|(&length, &average)| BM25_K1 * (1.0 - BM25_B + BM25_B * f32::from(length) / average))
            .collect();

        let dictionary = Dictionary { terms, term_offsets };

        let (stems, stem_term_offsets, stem_terms) = stem_table(&dictionary, &term_languages);

        // Terms by length in characters, with their signatures, for the typo search.
        let mut by_length: Vec<Vec<TypoEntry>> = Vec::new();
        for term in 0..term_count {
            let name = dictionary.term(term as u32);
            // Most terms are ASCII: their length and signatures need no character decoding.
            let ascii = name.is_ascii();
            let (length, letters, bigrams) = if ascii {
                let (letters, bigrams) = ascii_signatures(name.as_bytes());
                (name.len(), letters, bigrams)
            } else {
                (name.chars().count(), signature(name.chars()), bigram_signature(name.chars()))
            };
            if by_length.len() <= length {
                by_length.resize(length + 1, Vec::new());
            }
            if let Some(bucket) = by_length.get_mut(length) {
                bucket.push(TypoEntry { letters, bigrams, term: term as u32, ascii });
            }
        }

        TextIndex {
            boosts,
            documents: document_count,
            dictionary,
            posting_offsets,
            postings,
            idf,
            norms,
            stems,
            stem_term_offsets,
            stem_terms,
            by_length,
        }
    }
}

/// Stems, per linked stemmer, computed once per term rather than once per occurrence: the
/// stems as a dictionary, and per stem (CSR offsets into the last vector) the terms that have
/// it, ascending.
fn stem_table(dictionary: &Dictionary, term_languages: &[u8]) -> (Dictionary, Vec<u32>, Vec<u32>) {
    // One entry per (term, language) in one arena, in term order, so that sorting the entries
    // (ties by entry) lists the terms of each stem in ascending order.
    let mut arena = String::new();
    let mut starts: Vec<u32> = Vec::new();
    let mut owners: Vec<u32> = Vec::new();
    for (term, &languages) in term_languages.iter().enumerate() {
        let name = dictionary.term(term as u32);
        for (bit, language) in [(1u8, StemLanguage::Dutch), (2u8, StemLanguage::English)] {
            if languages & bit != 0 {
                starts.push(arena.len() as u32);
                arena.push_str(&stem(language, name));
                owners.push(term as u32);
            }
        }
    }
    let entry = |at: u32| -> &str {
        let start = starts[at as usize] as usize;
        let end = starts.get(at as usize + 1).map_or(arena.len(), |&end| end as usize);
        arena.get(start..end).unwrap_or("")
    };
    let mut stems = Dictionary { terms: String::new(), term_offsets: Vec::new() };
    let mut stem_term_offsets = Vec::new();
    let mut stem_terms: Vec<u32> = Vec::new();
    let mut previous: Option<u32> = None;
    for at in sorted_ids(arena.as_bytes(), &starts) {
        let term = owners[at as usize];
        let name = entry(at);
        if previous.is_none_or(|previous| entry(previous) != name) {
            stems.term_offsets.push(stems.terms.len() as u32);
            stems.terms.push_str(name);
            stem_term_offsets.push(stem_terms.len() as u32);
        } else if stem_terms.last() == Some(&term) {
            // The same term with the same stem in both languages.
            continue;
        }
        stem_terms.push(term);
        previous = Some(at);
    }
    stems.term_offsets.push(stems.terms.len() as u32);
    stem_term_offsets.push(stem_terms.len() as u32);
    stem_terms.shrink_to_fit();
    (stems, stem_term_offsets, stem_terms)
}

/// Sorted strings stored back to back, addressed by id.
#[derive(Clone, Debug)]
struct Dictionary {
    terms: String,
    term_offsets: Vec<u32>,
}

impl Dictionary {
    fn len(&self) -> usize {
        self.term_offsets.len().saturating_sub(1)
    }

    fn term(&self, id: u32) -> &str {
        let id = id as usize;
        match (self.term_offsets.get(id), self.term_offsets.get(id + 1)) {
            (Some(&start), Some(&end)) => self.terms.get(start as usize..end as usize).unwrap_or(""),
            _ => "",
        }
    }

    /// The bytes of an entry, without the character boundary checks of [`Dictionary::term`].
    fn term_bytes(&self, id: u32) -> &[u8] {
        let id = id as usize;
        match (self.term_offsets.get(id), self.term_offsets.get(id + 1)) {
            (Some(&start), Some(&end)) => self.terms.as_bytes().get(start as usize..end as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The id of `name`, if present, or the id where it would be inserted.
    fn find(&self, name: &str) -> Result<u32, u32> {
        let (mut low, mut high) = (0usize, self.len());
        while low < high {
            let middle = low + (high - low) / 2;
            match self.term(middle as u32).cmp(name) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => return Ok(middle as u32),
            }
        }
        Err(low as u32)
    }

    /// The ids of all entries that start with `prefix`.
    fn prefix_range(&self, prefix: &str) -> Range<u32> {
        let start = match self.find(prefix) {
            Ok(id) | Err(id) => id,
        };
        // Words with the prefix are contiguous from `start`: bisect for the first one without.
        let (mut low, mut high) = (start, self.len() as u32);
        while low < high {
            let middle = low + (high - low) / 2;
            if self.term(middle).starts_with(prefix) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        start..low
    }
}

/// A 64-bit set of the characters in a word: an edit changes at most two bits, so two words
/// whose signatures differ in more than `2 × d` bits are more than `d` edits apart.
fn signature(word: impl Iterator<Item = char>) -> u64 {
    let mut bits = 0u64;
    for c in word {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            '0'..='9' => 26 + (c as u32 - '0' as u32),
            _ => 36 + (c as u32 % 28),
        };
        bits |= 1 << bit;
    }
    bits
}

/// A 64-bit set of the pairs of neighbouring characters in a word. One edit changes at most
/// three pairs each way (a transposition of `ab` in `xaby`), so words whose bigram signatures
/// differ in more than `6 × d` bits are more than `d` edits apart.
fn bigram_signature(word: impl Iterator<Item = char>) -> u64 {
    let mut bits = 0u64;
    let mut previous: Option<char> = None;
    for c in word {
        if let Some(p) = previous {
            let pair = (p as u32).wrapping_mul(0x9E37_79B1) ^ (c as u32).wrapping_mul(0x85EB_CA77);
            bits |= 1 << (pair.wrapping_mul(0x2545_F491) >> 26);
        }
        previous = Some(c);
    }
    bits
}

/// Optimal string alignment distance (Levenshtein plus adjacent transpositions), or `None`
/// when it exceeds `limit`. Stops early once every cell of a row is over the limit.
///
/// Equal prefixes and suffixes are skipped first (they never change the distance), so most
/// comparisons of similar words are done before any table is filled, and the table lives on
/// the stack: query words and indexed words are at most [`MAX_TOKEN_BYTES`] long.
fn bounded_distance<T: PartialEq>(a: &[T], b: &[T], limit: usize) -> Option<usize> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    if a.is_empty() || b.is_empty() {
        let distance = a.len().max(b.len());
        return (distance <= limit).then_some(distance);
    }
    const WIDTH: usize = MAX_TOKEN_BYTES + 2;
    let width = b.len() + 1;
    if width > WIDTH {
        return None;
    }
    // Values are capped at `limit + 1`, which fits a byte and is all the bound needs.
    let cap = u8::try_from(limit + 1).unwrap_or(u8::MAX);
    let mut before = [0u8; WIDTH];
    let mut previous = [0u8; WIDTH];
    let mut current = [0u8; WIDTH];
    for (j, cell) in previous.iter_mut().enumerate().take(width) {
        *cell = u8::try_from(j).unwrap_or(u8::MAX).min(cap);
    }
    for i in 1..=a.len() {
        current[0] = u8::try_from(i).unwrap_or(u8::MAX).min(cap);
        let mut row_minimum = current[0];
        for j in 1..width {
            let cost = u8::from(a[i - 1] != b[j - 1]);
            let mut value = (previous[j] + 1).min(current[j - 1] + 1).min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                value = value.min(before[j - 2] + 1);
            }
            let value = value.min(cap);
            current[j] = value;
            row_minimum = row_minimum.min(value);
        }
        if usize::from(row_minimum) > limit {
            return None;
        }
        before = previous;
        previous = current;
    }
    let distance = usize::from(previous[b.len()]);
    (distance <= limit).then_some(distance)
}

/// An inverted index over documents with weighted fields. Build it with [`TextIndexBuilder`].
#[derive(Clone, Debug)]
pub(crate) struct TextIndex {
    boosts: Vec<f32>,
    documents: u32,
    dictionary: Dictionary,
    posting_offsets: Vec<u32>,
    postings: Vec<Posting>,
    idf: Vec<f32>,
    norms: Vec<f32>,
    stems: Dictionary,
    stem_term_offsets: Vec<u32>,
    stem_terms: Vec<u32>,
    /// Per length in characters, the terms of that length with their signatures, stored
    /// together so that the typo search reads memory in order.
    by_length: Vec<Vec<TypoEntry>>,
}

/// A term and the two signatures the typo search filters on before computing any distance.
#[derive(Clone, Copy, Debug)]
struct TypoEntry {
    letters: u64,
    bigrams: u64,
    term: u32,
    ascii: bool,
}

/// One query word's matches: indexed term ids with their score factor and kind.
#[derive(Clone, Debug, Default)]
pub(crate) struct WordMatches {
    pub(crate) terms: Vec<(u32, f32, MatchKind)>,
}

/// Which matching rules are on.
#[derive(Clone, Copy, Debug)]
pub(crate) struct MatchRules {
    pub(crate) stemming: bool,
    pub(crate) typos: bool,
}

/// The outcome of the text part of a query.
#[derive(Clone, Debug, Default)]
pub(crate) struct TextMatches {
    /// Matching documents, ascending, with their scores.
    pub(crate) documents: Vec<(u32, f32)>,
    /// For each of `documents`, a bit per field in which any query word matched: highlights
    /// only need to look at those fields.
    pub(crate) fields: Vec<u16>,
    /// Every matched term id (sorted, unique), for highlighting.
    pub(crate) terms: Vec<u32>,
}

impl TextIndex {
    /// The number of documents.
    pub(crate) fn documents(&self) -> u32 {
        self.documents
    }

    /// Finds the indexed terms one query word matches.
    pub(crate) fn match_word(&self, word: &str, is_prefix: bool, rules: MatchRules) -> WordMatches {
        let mut found: Vec<(u32, f32, MatchKind)> = Vec::new();
        if let Ok(id) = self.dictionary.find(word) {
            found.push((id, 1.0, MatchKind::Exact));
        }
        if rules.stemming {
            for language in StemLanguage::ALL {
                let stemmed = stem(language, word);
                if let Ok(stem_id) = self.stems.find(&stemmed) {
                    let start = self.stem_term_offsets[stem_id as usize] as usize;
                    let end = self.stem_term_offsets[stem_id as usize + 1] as usize;
                    for &term in &self.stem_terms[start..end] {
                        found.push((term, STEM_FACTOR, MatchKind::Stem));
                    }
                }
            }
        }
        let word_chars = word.chars().count();
        if is_prefix {
            let range = self.dictionary.prefix_range(word);
            let mut candidates: Vec<u32> = range.collect();
            if candidates.len() > MAX_PREFIX_TERMS {
                // Keep the most frequent words (lowest idf), ties by term order: deterministic.
                // Sorted as packed keys (see `keys`): idf by `total_cmp`, then the term.
                let mut keys: Vec<u128> = candidates
                    .iter()
                    .map(|&term| u128::from(f32_key(self.idf[term as usize])) << 32 | u128::from(term))
                    .collect();
                keys.sort_unstable();
                candidates = keys.into_iter().take(MAX_PREFIX_TERMS).map(|key| key as u32).collect();
            }
            for term in candidates {
                let term_chars = self.dictionary.term(term).chars().count().max(1);
                let completeness = word_chars as f32 / term_chars as f32;
                let factor = PREFIX_FACTOR_MIN + (PREFIX_FACTOR_MAX - PREFIX_FACTOR_MIN) * completeness;
                found.push((term, factor, MatchKind::Prefix));
            }
        }
        // Why only for words that match nothing as typed? A word that occurs in the data as it
        // was typed (or, for the word being typed, that starts some word) is taken to be meant;
        // looking for its neighbours as well would mostly add noise (`kerken` → `werken`) and
        // is the most expensive step of a query. A misspelt word does not occur, and then its
        // neighbours are searched. Typesense does the same by default.
        let matched_as_typed = !found.is_empty();
        if rules.typos && !matched_as_typed && word_chars >= TYPO1_MIN_CHARS {
            let limit = if word_chars >= TYPO2_MIN_CHARS { 2 } else { 1 };
            let word_letters = signature(word.chars());
            let word_bigrams = bigram_signature(word.chars());
            let query_chars: Vec<char> = word.chars().collect();
            let ascii = word.is_ascii();
            let mut buffer: Vec<char> = Vec::with_capacity(64);
            let lengths = word_chars.saturating_sub(limit)..=word_chars + limit;
            for length in lengths {
                let Some(bucket) = self.by_length.get(length) else {
                    continue;
                };
                for entry in bucket {
                    if (entry.letters ^ word_letters).count_ones() as usize > 2 * limit
                        || (entry.bigrams ^ word_bigrams).count_ones() as usize > 6 * limit
                    {
                        continue;
                    }
                    // Most words are ASCII: compare bytes without decoding characters.
                    let distance = if ascii && entry.ascii {
                        let name = self.dictionary.term_bytes(entry.term);
                        bounded_distance(word.as_bytes(), name, limit)
                    } else {
                        let name = self.dictionary.term(entry.term);
                        buffer.clear();
                        buffer.extend(name.chars());
                        bounded_distance(&query_chars, &buffer, limit)
                    };
                    let factor = match distance {
                        Some(1) => TYPO1_FACTOR,
                        Some(2) => TYPO2_FACTOR,
                        _ => continue,
                    };
                    found.push((entry.term, factor, MatchKind::Typo));
                }
            }
        }
        // One entry per term, keeping the best way it matched: sorted by term, factor descending
        // (`total_cmp`), kind, as packed keys (see `keys`) that also carry the entry's place.
        let mut keys: Vec<u128> = found
            .iter()
            .enumerate()
            .map(|(at, &(term, factor, kind))| {
                u128::from(term) << 96 | u128::from(!f32_key(factor)) << 64 | (kind as u128) << 32 | at as u128
            })
            .collect();
        keys.sort_unstable();
        let mut terms: Vec<(u32, f32, MatchKind)> = Vec::with_capacity(keys.len());
        for key in keys {
            let Some(&entry) = found.get(key as u32 as usize) else { continue };
            if terms.last().is_none_or(|last| last.0 != entry.0) {
                terms.push(entry);
            }
        }
        WordMatches { terms }
    }

    /// Scores all documents that match every word of `words` (AND); the last word is matched
    /// as a prefix too when `last_is_prefix`.
    pub(crate) fn match_text(&self, words: &[String], last_is_prefix: bool, rules: MatchRules) -> TextMatches {
        let documents = self.documents as usize;
        let mut total = vec![0f32; documents];
        let mut word_score = vec![0f32; documents];
        let mut fields = vec![0u16; documents];
        let mut touched: Vec<u32> = Vec::new();
        let mut candidates: Vec<u32> = Vec::new();
        let mut all_terms: Vec<u32> = Vec::new();
        for (index, word) in words.iter().enumerate() {
            let is_prefix = last_is_prefix && index + 1 == words.len();
            let matches = self.match_word(word, is_prefix, rules);
            touched.clear();
            for &(term, factor, _) in &matches.terms {
                all_terms.push(term);
                let idf = self.idf[term as usize];
                let start = self.posting_offsets[term as usize] as usize;
                let end = self.posting_offsets[term as usize + 1] as usize;
                let mut current_doc = u32::MAX;
                let mut sum = 0f32;
                for posting in &self.postings[start..end] {
                    if posting.doc != current_doc {
                        if current_doc != u32::MAX {
                            self.keep_best(&mut word_score, &mut touched, current_doc, sum * factor);
                        }
                        current_doc = posting.doc;
                        sum = 0.0;
                    }
                    // `get` rather than indexing: at opt-level `z` each `vec[i]` stays a call, and
                    // this runs for every posting of every matched term. Postings only hold
                    // documents and fields that exist, so the `None` cases never happen.
                    if let Some(bits) = fields.get_mut(posting.doc as usize) {
                        *bits |= 1u16.checked_shl(posting.field.into()).unwrap_or(0);
                    }
                    let slot = posting.doc as usize * self.boosts.len() + usize::from(posting.field);
                    let tf = f32::from(posting.term_frequency);
                    let boost = self.boosts.get(usize::from(posting.field)).copied().unwrap_or(0.0);
                    let norm = self.norms.get(slot).copied().unwrap_or(0.0);
                    sum += boost * idf * tf * (BM25_K1 + 1.0) / (tf + norm);
                }
                if current_doc != u32::MAX {
                    self.keep_best(&mut word_score, &mut touched, current_doc, sum * factor);
                }
            }
            if index == 0 {
                sort_documents(&mut touched, documents);
                candidates.clone_from(&touched);
            } else {
                candidates.retain(|&doc| word_score.get(doc as usize).is_some_and(|&score| score > 0.0));
            }
            for &doc in &candidates {
                if let (Some(sum), Some(&score)) = (total.get_mut(doc as usize), word_score.get(doc as usize)) {
                    *sum += score;
                }
            }
            for &doc in &touched {
                if let Some(score) = word_score.get_mut(doc as usize) {
                    *score = 0.0;
                }
            }
            if candidates.is_empty() {
                break;
            }
        }
        sort_u32(&mut all_terms);
        all_terms.dedup();
        TextMatches {
            fields: candidates.iter().map(|&doc| fields.get(doc as usize).copied().unwrap_or(0)).collect(),
            documents: candidates
                .into_iter()
                .map(|doc| (doc, total.get(doc as usize).copied().unwrap_or(0.0)))
                .collect(),
            terms: all_terms,
        }
    }

    #[inline]
    fn keep_best(&self, scores: &mut [f32], touched: &mut Vec<u32>, doc: u32, score: f32) {
        let Some(slot) = scores.get_mut(doc as usize) else {
            return;
        };
        if *slot == 0.0 {
            touched.push(doc);
        }
        if score > *slot {
            *slot = score;
        }
    }

    /// The matched terms as strings, for [`highlight`].
    pub(crate) fn term_set(&self, terms: &[u32]) -> TermSet<'_> {
        let mut set = TermSet::default();
        for &term in terms {
            let name = self.dictionary.term(term);
            set.first_bytes |= first_byte_bit(name);
            set.lengths |= length_bit(name);
            set.terms.insert(name);
        }
        set
    }

    /// An estimate of the heap memory the index holds, in bytes.
    pub(crate) fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.dictionary.terms.capacity()
            + self.dictionary.term_offsets.capacity() * 4
            + self.posting_offsets.capacity() * 4
            + self.postings.capacity() * size_of::<Posting>()
            + self.idf.capacity() * 4
            + self.norms.capacity() * 4
            + self.stems.terms.capacity()
            + self.stems.term_offsets.capacity() * 4
            + self.stem_term_offsets.capacity() * 4
            + self.stem_terms.capacity() * 4
            + self.by_length.iter().map(|bucket| bucket.capacity() * size_of::<TypoEntry>() + 24).sum::<usize>()
    }
}

/// Sorts document numbers below `documents` ascending, as `sort_unstable` does.
///
/// Why not just `sort_unstable`? A common first word touches thousands of documents, and
/// sorting them was a tenth of such a query; a counting sort over all documents is linear.
fn sort_documents(docs: &mut Vec<u32>, documents: usize) {
    if docs.len() < documents / 16 || docs.iter().any(|&doc| doc as usize >= documents) {
        sort_u32(docs);
        return;
    }
    let mut counts = vec![0u32; documents];
    for &doc in docs.iter() {
        if let Some(count) = counts.get_mut(doc as usize) {
            *count += 1;
        }
    }
    docs.clear();
    for (doc, &count) in counts.iter().enumerate() {
        for _ in 0..count {
            docs.push(doc as u32);
        }
    }
}

/// A set of matched words, to mark them in a text.
///
/// Why the two bit sets? Highlighting looks up every word of the 20 hits' texts, most of which
/// match nothing; a word whose first byte or length no matched word has is rejected without
/// hashing it (a third of a query's time in wasm went to those lookups).
#[derive(Debug, Default)]
pub(crate) struct TermSet<'a> {
    terms: std::collections::HashSet<&'a str, FxBuild>,
    /// A bit per first byte (modulo 64) of the matched words.
    first_bytes: u64,
    /// A bit per length in bytes (63 for longer) of the matched words.
    lengths: u64,
}

fn first_byte_bit(word: &str) -> u64 {
    word.as_bytes().first().map_or(0, |&byte| 1 << (byte & 63))
}

fn length_bit(word: &str) -> u64 {
    1 << word.len().min(63)
}

impl TermSet<'_> {
    /// Whether nothing can match.
    pub(crate) fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// The byte ranges of the words of `text` that are in `matched`.
pub(crate) fn highlight(text: &str, matched: &TermSet<'_>) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    if matched.is_empty() {
        return ranges;
    }
    for_each_token(text, |token, range| {
        if first_byte_bit(token) & matched.first_bytes != 0
            && length_bit(token) & matched.lengths != 0
            && matched.terms.contains(token)
        {
            ranges.push(range);
        }
    });
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;
    use verschilmaker_index_build::sort_by_key_then_id;

    fn index(docs: &[&str]) -> TextIndex {
        let mut builder = TextIndexBuilder::new(&[1.0], 0);
        for doc in docs {
            builder.start_document();
            builder.add_text(0, Some("nl"), doc);
        }
        builder.finish()
    }

    const RULES: MatchRules = MatchRules { stemming: true, typos: true };

    /// The documents (by index) a query finds, best first.
    fn check(docs: &[&str], query: &str, expected: &[u32]) {
        let index = index(docs);
        let words = super::super::text::tokens(query);
        let last_is_prefix = !query.ends_with(' ');
        let mut found = index.match_text(&words, last_is_prefix, RULES).documents;
        found.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let found: Vec<u32> = found.into_iter().map(|(doc, _)| doc).collect();
        assert_eq!(found, expected, "query {query:?} over {docs:?}");
    }

    fn check_distance(a: &str, b: &str, limit: usize, expected: Option<usize>) {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        assert_eq!(bounded_distance(&a, &b, limit), expected);
    }

    #[test]
    fn matching_rules() {
        // Folding, both ways.
        check(&["café de Buurt", "kerk"], "cafe ", &[0]);
        check(&["cafe", "kerk"], "café ", &[0]);
        check(&["Ëindhoven", "kerk"], "eindhoven ", &[0]);
        // Stemming: plural finds singular and back.
        check(&["moestuin", "kerk"], "moestuinen ", &[0]);
        check(&["moestuinen", "kerk"], "moestuin ", &[0]);
        check(&["community gardens", "kerk"], "garden ", &[0]);
        // Prefix only for the last word, and only without a trailing space.
        check(&["moestuin", "kerk"], "moes", &[0]);
        check(&["moestuin", "kerk"], "moes ", &[]);
        check(&["moestuin kerk", "kerk"], "moes kerk", &[]);
        check(&["moestuin kerk", "kerk"], "kerk moes", &[0]);
        // Typos: one edit from 5 characters, two from 9, none below 5.
        check(&["moestuin", "kerk"], "moestiun ", &[0]);
        check(&["moestuin", "kerk"], "moestxyn ", &[]);
        check(&["moestuinen", "kerk"], "moestxynen ", &[0]);
        check(&["vrijwilligers", "kerk"], "vrywiliggers ", &[]);
        check(&["vrijwilligers", "kerk"], "vrijwiligers ", &[0]);
        check(&["kerken", "werken"], "kerken ", &[0]);
        check(&["kerken", "werken"], "kerkem ", &[0]);
        check(&["kerken", "verken"], "kerkem ", &[0]);
        check(&["kerken", "kerkes"], "kerkem ", &[0, 1]);
        check(&["kerk", "werk"], "kerk ", &[0]);
        check(&["tuinen", "kerk"], "tuinem ", &[0]);
        check(&["tuin", "kerk"], "tuim ", &[]);
        // AND semantics.
        check(&["moestuin kerk", "moestuin", "kerk"], "moestuin kerk ", &[0]);
        check(&["moestuin"], "moestuin onbekendwoord ", &[]);
        // Nothing found, empty index.
        check(&[], "moestuin", &[]);
        check(&["moestuin"], "zzzz", &[]);
    }

    #[test]
    fn ranking_rules() {
        // Exact beats stem beats prefix beats typo, for otherwise equal documents.
        check(&["moestuinen", "moestuin"], "moestuin ", &[1, 0]);
        check(&["moestuinen", "moestuin"], "moestuinen ", &[0, 1]);
        check(&["moestuintje", "moestuin"], "moestuin", &[1, 0]);
        check(&["moestuintje", "moestuin"], "moestui", &[1, 0]);
        check(&["moestuin", "moestuim"], "moestuin ", &[0]);
        check(&["moestuinen", "moestuim"], "moestuin ", &[0]);
        // Exact beats typo when a word matches nothing as typed.
        check(&["moestuiin", "moestuim"], "moestuin ", &[0, 1]);
        // A closer prefix ranks higher.
        check(&["moestuinvereniging", "moestuintje"], "moestuin", &[1, 0]);
        // More occurrences rank higher; shorter fields rank higher (BM25).
        check(&["tuin", "tuin tuin"], "tuin ", &[1, 0]);
        check(&["tuin en nog veel meer woorden hier", "tuin hier"], "tuin ", &[1, 0]);
        // Rare words weigh more than common ones.
        check(&["kerk tuin", "tuin bank", "tuin stoel"], "tuin kerk ", &[0]);
    }

    #[test]
    fn field_boosts_rank_the_title_first() {
        let mut builder = TextIndexBuilder::new(&[3.0, 1.0], 0);
        builder.start_document();
        builder.add_text(1, None, "moestuin");
        builder.add_text(0, None, "kerk");
        builder.start_document();
        builder.add_text(0, None, "moestuin");
        builder.add_text(1, None, "kerk");
        let index = builder.finish();
        let mut found = index.match_text(&["moestuin".into()], false, RULES).documents;
        found.sort_by(|a, b| b.1.total_cmp(&a.1));
        assert_eq!(found[0].0, 1);
    }

    #[test]
    fn highlights_are_byte_ranges_of_every_match() {
        let text = "De Moestuinen van café Ëxtra";
        let index = index(&[text, "kerk"]);
        let words = super::super::text::tokens("moestuin cafe extr");
        let matches = index.match_text(&words, true, RULES);
        let set = index.term_set(&matches.terms);
        let marked: Vec<&str> = highlight(text, &set).into_iter().map(|r| &text[r]).collect();
        assert_eq!(marked, ["Moestuinen", "café", "Ëxtra"]);
        assert!(highlight("kerk", &set).is_empty());
    }

    proptest::proptest! {
        /// The build's one-pass signatures of ASCII terms are the signatures of their characters.
        #[test]
        fn ascii_signatures_are_the_signatures(word in "[ -~]{0,30}") {
            let expected = (signature(word.chars()), bigram_signature(word.chars()));
            proptest::prop_assert_eq!(ascii_signatures(word.as_bytes()), expected);
        }

        /// The radix sort sorts like `sort_unstable` when the ids ascend, as they do.
        #[test]
        fn pairs_sort_like_sort_unstable(keys in proptest::collection::vec(
            proptest::prop_oneof![0u64..4, proptest::num::u64::ANY, proptest::strategy::Strategy::prop_map(0u64..4, |k| k << 56)], 0..300)
        ) {
            let mut pairs: Vec<(u64, u32)> = keys.into_iter().zip(0u32..).collect();
            let mut expected = pairs.clone();
            expected.sort_unstable();
            sort_by_key_then_id(&mut pairs);
            proptest::prop_assert_eq!(pairs, expected);
        }

        /// The counting sort sorts like `sort_unstable`, duplicates and all.
        #[test]
        fn documents_sort_like_sort_unstable(mut docs in proptest::collection::vec(0u32..300, 0..400), documents in 1usize..320) {
            let mut expected = docs.clone();
            expected.sort_unstable();
            sort_documents(&mut docs, documents);
            proptest::prop_assert_eq!(docs, expected);
        }

        /// The bit sets only skip words that are not in the set: the ranges are those of a
        /// plain lookup of every word.
        #[test]
        fn highlights_equal_plain_lookups(
            text in "[a-eA-Eé ]{0,60}",
            words in proptest::collection::vec("[a-eé]{1,4}", 0..6),
        ) {
            let set = TermSet {
                terms: words.iter().map(String::as_str).collect(),
                first_bytes: words.iter().fold(0, |bits, word| bits | first_byte_bit(word)),
                lengths: words.iter().fold(0, |bits, word| bits | length_bit(word)),
            };
            let mut plain = Vec::new();
            for_each_token(&text, |token, range| {
                if words.iter().any(|word| word == token) {
                    plain.push(range);
                }
            });
            proptest::prop_assert_eq!(highlight(&text, &set), plain);
        }
    }

    #[test]
    fn distances() {
        check_distance("kerk", "kerk", 1, Some(0));
        check_distance("kerk", "berk", 1, Some(1));
        check_distance("kerk", "kekr", 1, Some(1));
        check_distance("kerk", "kerken", 1, None);
        check_distance("kerk", "kerken", 2, Some(2));
        check_distance("", "ab", 2, Some(2));
        check_distance("abc", "", 2, None);
        check_distance("ab", "ba", 1, Some(1));
        check_distance("abc", "bac", 1, Some(1));
        check_distance("moestuin", "moestiun", 1, Some(1));
        check_distance("moestuin", "moestxyn", 2, Some(2));
        check_distance("moestuin", "moestxyn", 1, None);
        check_distance("aaaa", "aaaa", 2, Some(0));
        check_distance(&"a".repeat(60), &"b".repeat(60), 2, None);
    }

    #[test]
    fn prefix_ranges() {
        let index = index(&["aa ab abc abd b ba"]);
        let names =
            |range: Range<u32>| -> Vec<String> { range.map(|id| index.dictionary.term(id).to_owned()).collect() };
        assert_eq!(names(index.dictionary.prefix_range("ab")), ["ab", "abc", "abd"]);
        assert_eq!(names(index.dictionary.prefix_range("a")), ["aa", "ab", "abc", "abd"]);
        assert_eq!(names(index.dictionary.prefix_range("b")), ["b", "ba"]);
        assert_eq!(names(index.dictionary.prefix_range("c")), Vec::<String>::new());
        assert_eq!(names(index.dictionary.prefix_range("")).len(), 6);
    }
}
