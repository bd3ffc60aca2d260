//! The hot half of building the search index of `verschilmaker`: tokenising texts, interning
//! their words and counting postings ([`Collector`]), sorting the dictionary and grouping the
//! postings ([`sorted_ids`], [`group_postings`]), and stemming ([`stem`], with our own ports of
//! the Dutch and English Snowball algorithms). The `verschilmaker` crate turns what this
//! collects into its index (`search::inverted`), and knows what the documents and fields are.
//!
//! Why a crate of its own? The widget's wasm is built at opt-level `z` for size, and there this
//! code ran about a third more instructions than at opt-level 3. Cargo sets
//! the opt-level per crate, so this crate, and only this crate, is compiled at opt-level 3 in
//! the `wasm` profile (see the workspace's `Cargo.toml`): the index build of the benchmark's
//! 10 000 initiatives is the one place where the widget's speed is measured against a target.
//! Its public functions are not generic and not `#[inline]`, so that they are compiled here,
//! at this crate's opt-level, rather than in the crate that calls them.
//!
//! It is an internal part of `verschilmaker`; its API follows that crate's needs.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::borrow::Cow;
use std::hash::Hasher;

mod dutch;
mod english;

/// A fast non-cryptographic hasher: FxHash's step (rotate, xor, multiply; the hash rustc uses),
/// eight bytes at a time, with the murmur3 finaliser at the end. Hash flooding does not matter
/// here (the index is built from the municipality's own data in the visitor's own browser),
/// and the iteration order of the map never reaches any output.
///
/// Why not the `rustc-hash` crate? Its `FxHasher` made the residents' first download 0.5 KB
/// gzipped larger (measured on 2026-12-07, the same tree otherwise: 149.9 → 150.4 KB, over the
/// 150 KB budget).
#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.hash = (self.hash.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(SEED);
        }
        for &byte in chunks.remainder() {
            self.hash = (self.hash.rotate_left(5) ^ u64::from(byte)).wrapping_mul(SEED);
        }
    }

    fn finish(&self) -> u64 {
        // The multiply only mixes upwards, and hashbrown picks buckets with the low bits:
        // fold the high bits down (the murmur3 finaliser), or similar words collide.
        let mut h = self.hash;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h
    }
}

/// Interns words: an open-addressing table over one string arena, with short words kept in
/// the table itself, packed.
///
/// Why not a `HashMap<Box<str>, u32>`? Looking up every token of every text is most of the
/// build, and with boxed keys each lookup chases a pointer to a string somewhere on the heap.
/// Here a word of up to [`PACKED_BYTES`] bytes (nearly all of them) is three integers, which
/// the tokeniser produces as it scans, and a lookup compares them with one 32-byte slot.
#[derive(Default)]
pub struct Interner {
    /// The length is a power of two; `id == 0` marks an empty slot.
    slots: Vec<Slot>,
    /// 64 minus the bits of the table's length (see [`Interner::bucket`]); 0 while the table
    /// is empty, which makes every index fall past its end.
    shift: u32,
    arena: String,
    offsets: Vec<u32>,
}

#[derive(Clone, Copy, Default)]
struct Slot {
    /// The packed word (see [`Token::Packed`]), or for a longer word its hash and a marker.
    key: [u64; 3],
    /// The word's id plus one.
    id: u32,
}

/// The last byte of a packed key is the word's length, at most [`PACKED_BYTES`]; this one
/// marks the key of a longer word, which is compared through the arena.
const LONG_WORD: u64 = 0xFF << 56;

impl Interner {
    /// How many distinct words it holds.
    pub fn len(&self) -> usize {
        self.offsets.len()
    }

    /// Whether it holds no word.
    pub fn is_empty(&self) -> bool {
        self.offsets.is_empty()
    }

    /// The words back to back, in id order.
    pub fn arena(&self) -> &str {
        &self.arena
    }

    /// Where each word starts in [`Interner::arena`], by id; it ends where the next starts.
    pub fn offsets(&self) -> &[u32] {
        &self.offsets
    }

    /// The word with this id.
    pub fn get(&self, id: u32) -> &str {
        let start = self.offsets[id as usize] as usize;
        let end = self.offsets.get(id as usize + 1).map_or(self.arena.len(), |&end| end as usize);
        // Offsets are always on character boundaries; `get` rather than indexing keeps string
        // slicing's panic message, with its formatting code, out of the residents' download.
        self.arena.get(start..end).unwrap_or_default()
    }

    /// The bytes of a word, without the character boundary checks of [`Interner::get`].
    pub fn bytes(&self, id: u32) -> &[u8] {
        let start = self.offsets[id as usize] as usize;
        let end = self.offsets.get(id as usize + 1).map_or(self.arena.len(), |&end| end as usize);
        &self.arena.as_bytes()[start..end]
    }

    /// The slot a key hashes to: the three words folded into one, multiplied by an odd
    /// constant (Fibonacci hashing), and the top bits of the product, which depend on every bit
    /// of the folded word, taken as the index (`shift` is 64 minus the table's bits).
    ///
    /// Why not FxHash with a finaliser, as before? This is one multiplication instead of four,
    /// for every token of the build.
    #[inline(always)]
    fn bucket(key: &[u64; 3], shift: u32) -> usize {
        let folded = key[0] ^ key[1].rotate_left(23) ^ key[2].rotate_left(46);
        folded.wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_shr(shift) as usize
    }

    /// The key of a word given as a string.
    ///
    /// Built from up to three eight-byte loads rather than through a padded byte array, which
    /// at opt-level `z` was a slice-index call and a `copy_from_slice` call per raw word.
    fn key(word: &str) -> [u64; 3] {
        let bytes = word.as_bytes();
        if bytes.len() <= PACKED_BYTES {
            [load_padded(bytes, 0), load_padded(bytes, 8), load_padded(bytes, 16) | (bytes.len() as u64) << 56]
        } else {
            let mut hasher = FxHasher::default();
            hasher.write(bytes);
            [hasher.finish(), bytes.len() as u64, LONG_WORD]
        }
    }

    /// The id of a word given as a string, adding it with the next id when it is new.
    ///
    /// Out of line: the build's loop inlines the probe once, for packed words, and calls this
    /// for the few others.
    #[inline(never)]
    pub fn intern_word(&mut self, word: &str) -> u32 {
        self.intern_key(Interner::key(word), Some(word))
    }

    /// The id of the word with `key`; `word` is the word itself when it is not packed.
    ///
    /// Why `inline(always)` and a separate cold insert? This runs for every token of the
    /// build, and at the widget's opt-level `z` it stayed a call, with the hash another one
    /// inside; the probe is small, the insert (once per distinct word) is not.
    ///
    /// The table is never more than half full (see [`Interner::insert`]), so the probe ends at
    /// an empty slot; an empty table has no slots, and the probe ends at once.
    #[inline(always)]
    fn intern_key(&mut self, key: [u64; 3], word: Option<&str>) -> u32 {
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = Interner::bucket(&key, self.shift);
        while let Some(&slot) = self.slots.get(at) {
            if slot.id == 0 {
                break;
            }
            // Three integer compares; `==` on the arrays would be a `memcmp` call at opt-level z.
            if slot.key[0] == key[0]
                && slot.key[1] == key[1]
                && slot.key[2] == key[2]
                && (key[2] != LONG_WORD || word.is_some_and(|word| self.bytes(slot.id - 1) == word.as_bytes()))
            {
                return slot.id - 1;
            }
            at = (at + 1) & mask;
        }
        self.insert(key[0], key[1], key[2], word)
    }

    /// Adds a new word and returns its id, growing the table first when it would be more than
    /// half full: the check runs once per new word rather than once per token.
    #[cold]
    #[inline(never)]
    ///
    /// The key comes as three words rather than an array: an array argument is passed through
    /// memory, which made the inlined probe store every token's key there first.
    fn insert(&mut self, k0: u64, k1: u64, k2: u64, word: Option<&str>) -> u32 {
        let key = [k0, k1, k2];
        if (self.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut at = Interner::bucket(&key, self.shift);
        while self.slots.get(at).is_some_and(|slot| slot.id != 0) {
            at = (at + 1) & mask;
        }
        let id = self.offsets.len() as u32;
        self.offsets.push(self.arena.len() as u32);
        match word {
            Some(word) => self.arena.push_str(word),
            None => {
                let length = (key[2] >> 56) as usize;
                let mut bytes = [0u8; 24];
                for (chunk, part) in bytes.chunks_exact_mut(8).zip(key) {
                    chunk.copy_from_slice(&part.to_le_bytes());
                }
                // Packed words are ASCII, so this never fails.
                self.arena.push_str(std::str::from_utf8(&bytes[..length]).unwrap_or(""));
            }
        }
        if let Some(slot) = self.slots.get_mut(at) {
            *slot = Slot { key, id: id + 1 };
        }
        id
    }

    /// Doubles the table; rare, so kept out of line (it was inlined into the per-token probe).
    ///
    /// The slots keep their keys, so moving them only hashes them again.
    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        let capacity = (self.slots.len() * 2).max(1024);
        let mut slots = vec![Slot::default(); capacity];
        let mask = capacity - 1;
        let shift = 64 - capacity.trailing_zeros();
        for slot in self.slots.iter().filter(|slot| slot.id != 0) {
            let mut at = Interner::bucket(&slot.key, shift);
            while slots.get(at).is_some_and(|taken| taken.id != 0) {
                at = (at + 1) & mask;
            }
            if let Some(free) = slots.get_mut(at) {
                *free = *slot;
            }
        }
        self.slots = slots;
        self.shift = shift;
    }
}

/// The eight bytes of `bytes` from `at` as one little-endian integer, zero-padded past the end.
///
/// A plain loop: at opt-level `z`, iterator adapters and closures here stayed calls.
#[inline(always)]
pub fn load_padded(bytes: &[u8], at: usize) -> u64 {
    if let Some(window) = bytes.get(at..at + 8) {
        return u64::from_le_bytes(window.try_into().unwrap_or([0; 8]));
    }
    let mut part = 0u64;
    let mut i = at;
    while let Some(&byte) = bytes.get(i) {
        part |= u64::from(byte) << ((i - at) * 8);
        i += 1;
    }
    part
}

/// One term's occurrences in one field of one document.
#[derive(Clone, Copy, Debug)]
pub struct Posting {
    /// The document.
    pub doc: u32,
    /// The field of the document.
    pub field: u8,
    /// How often the term occurs in that field (at most 255).
    pub term_frequency: u8,
}

/// Collects the words of the texts of numbered documents: interns them and counts their
/// postings, for the search crate to turn into an index.
///
/// Fields are numbered `0..field_count`; documents in the order they are started.
pub struct Collector {
    field_count: usize,
    /// The distinct words, by term id in order of first occurrence.
    pub terms: Interner,
    /// Per term id: what the build tracks of it.
    pub term_states: Vec<TermState>,
    /// (term, posting) in the order they were made: by document, then field.
    pub raw_postings: Vec<(u32, Posting)>,
    /// Per document and field (`document * field_count + field`): its number of words.
    pub doc_field_lengths: Vec<u16>,
    /// How many documents were started.
    pub documents: u32,
    /// The current (document, field) visit: 1-based, so that 0 means "never".
    stamp: u32,
    stamp_key: (u32, u8),
    /// Words that the tokeniser passes on unfolded (see [`Token::Raw`]), as they stand in the
    /// texts; `raw_terms[raw id]` is the term each folds to, or [`NO_TERM`].
    raw_words: Interner,
    raw_terms: Vec<u32>,
    /// The buffer for folding a raw word, kept between texts.
    folded: String,
}

/// Folds a word as it stands in a text (a [`Token::Raw`]) into the buffer, which it clears
/// first; an empty result means the word is no word.
pub type Fold<'a> = &'a dyn Fn(&str, &mut String);

impl Collector {
    /// A collector for documents with `field_count` fields (at most 255).
    ///
    /// `text_bytes` is the expected size of all texts: it sizes the postings buffer up front,
    /// which saves copying it while it grows (about one posting per eight bytes of text).
    pub fn new(field_count: usize, text_bytes: usize) -> Collector {
        Collector {
            field_count,
            terms: Interner::default(),
            term_states: Vec::new(),
            raw_postings: Vec::with_capacity(text_bytes / 8),
            doc_field_lengths: Vec::new(),
            documents: 0,
            stamp: 0,
            stamp_key: (u32::MAX, 0),
            raw_words: Interner::default(),
            raw_terms: Vec::new(),
            folded: String::with_capacity(64),
        }
    }

    /// Starts the next document; texts added after this belong to it.
    pub fn start_document(&mut self) {
        self.documents += 1;
        self.doc_field_lengths.extend(std::iter::repeat_n(0, self.field_count));
    }

    /// Adds the words of a text to a field of the current document. `language_bit` is ORed
    /// into the [`TermState::languages`] of each word; `fold` folds the words that the
    /// tokeniser passes on raw, once per distinct word.
    ///
    /// Texts of one field should be added one after the other; a field that comes back later
    /// in the same document gets second postings.
    pub fn add_text(&mut self, field: u8, language_bit: u8, text: &str, fold: Fold<'_>) {
        if self.documents == 0 || usize::from(field) >= self.field_count || text.is_empty() {
            return;
        }
        let length_slot = (self.documents as usize - 1) * self.field_count + usize::from(field);
        let mut length = 0u16;
        let doc = self.documents - 1;
        if self.stamp_key != (doc, field) {
            self.stamp_key = (doc, field);
            self.stamp += 1;
        }
        let stamp = self.stamp;
        let terms = &mut self.terms;
        let term_states = &mut self.term_states;
        let raw_postings = &mut self.raw_postings;
        let (raw_words, raw_terms, folded) = (&mut self.raw_words, &mut self.raw_terms, &mut self.folded);
        for_each_index_token(text, |token| {
            let id = match token {
                Token::Packed(key) => terms.intern_key(key, None),
                Token::Raw(word) => raw_term(raw_words, raw_terms, terms, folded, fold, word),
            };
            if id == NO_TERM {
                return;
            }
            if id as usize == term_states.len() {
                term_states.push(TermState::NEW);
            }
            let Some(state) = term_states.get_mut(id as usize) else {
                return;
            };
            state.languages |= language_bit;
            if state.seen == stamp {
                if let Some((_, posting)) = raw_postings.get_mut(state.entry as usize) {
                    posting.term_frequency = posting.term_frequency.saturating_add(1);
                }
            } else {
                state.seen = stamp;
                state.entry = raw_postings.len() as u32;
                state.postings += 1;
                if state.last_document != doc {
                    state.last_document = doc;
                    state.documents += 1;
                }
                raw_postings.push((id, Posting { doc, field, term_frequency: 1 }));
            }
            length = length.saturating_add(1);
        });
        if let Some(slot) = self.doc_field_lengths.get_mut(length_slot) {
            *slot = slot.saturating_add(length);
        }
    }
}

/// The term of a raw word that folds to nothing (only ignorable characters): no word.
pub const NO_TERM: u32 = u32::MAX;

/// The term of a word as it stands in a text (see [`Token::Raw`]), adding it when it is new, or
/// [`NO_TERM`] when it folds to nothing. Each distinct raw word is folded once.
#[inline(never)]
fn raw_term(
    raw_words: &mut Interner,
    raw_terms: &mut Vec<u32>,
    terms: &mut Interner,
    folded: &mut String,
    fold: Fold<'_>,
    word: &str,
) -> u32 {
    let raw = raw_words.intern_word(word);
    if let Some(&term) = raw_terms.get(raw as usize) {
        return term;
    }
    fold(word, folded);
    let term = if folded.is_empty() { NO_TERM } else { terms.intern_word(folded) };
    raw_terms.push(term);
    term
}

/// What the build tracks per term, kept together so that a token touches one entry.
///
/// Why a visit stamp rather than collecting and sorting each document's terms? The stamp
/// finds the posting to count up in constant time.
///
/// Why count postings and documents here? `finish` needs both per term (to group the postings
/// and for the idf); counting them as postings are made saves two passes over all postings.
#[derive(Clone, Copy)]
pub struct TermState {
    /// The (document, field) visit the term was last seen in.
    pub seen: u32,
    /// Its posting in that visit, as an index into `raw_postings`.
    pub entry: u32,
    /// How many postings it has.
    pub postings: u32,
    /// The last document it has a posting in, `u32::MAX` for none.
    pub last_document: u32,
    /// How many documents it occurs in (its document frequency).
    pub documents: u32,
    /// A bit per stemmer language the term occurred in.
    pub languages: u8,
}

impl TermState {
    /// A term not seen yet.
    pub const NEW: TermState =
        TermState { seen: 0, entry: 0, postings: 0, last_document: u32::MAX, documents: 0, languages: 0 };
}

/// True for characters that are dropped entirely: combining marks, which carry accents in
/// decomposed text and vowel marks in Arabic, and format characters like soft hyphens and
/// zero-width joiners, which must not split a word.
pub fn is_ignorable(c: char) -> bool {
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

/// True when `c` can be part of a word. Ignorable characters (combining marks, soft hyphens)
/// are word characters too, so that they do not split a word; they fold to nothing.
#[inline]
pub fn is_word_char(c: char) -> bool {
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

/// A word as the index build sees it: either packed into three little-endian words (up to
/// [`PACKED_BYTES`] bytes of lowercase ASCII letters and digits, zero-padded, with the length
/// in the last byte), or as it stands in the text, not yet folded.
#[derive(Clone, Copy, Debug)]
pub enum Token<'a> {
    /// A short ASCII word, packed: the build interns it with three integer compares.
    Packed([u64; 3]),
    /// Any other word, exactly as it stands in the text. The search crate's `fold_into` gives the word
    /// that its `for_each_token` gives for it, which may be empty (a word of only ignorable characters
    /// is no word).
    ///
    /// Why not folded here? Such words are few and repeat (9 000 distinct ones make 115 000 of
    /// the 1.4 million words of the bench data): the build folds each distinct one once and
    /// remembers its term, where folding every occurrence was a tenth of the build.
    Raw(&'a str),
}

/// The longest word that is packed into a [`Token::Packed`].
pub const PACKED_BYTES: usize = 23;

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

/// The tokeniser of the index build: the same words as the search crate's `for_each_token`, without their
/// ranges, short ASCII words packed rather than copied, and other words not yet folded.
///
/// Why a second tokeniser? The build tokenises 1.4 million words for 10 000 initiatives, and
/// at the widget's opt-level `z` every small helper of the general one (`String::push`,
/// `Chars::next`, slice indexing) stays a call. Here an ASCII word is lowercased and packed in
/// one pass over its bytes with one table lookup per byte; only words with other characters
/// (or longer than [`PACKED_BYTES`]) are passed on whole, for the caller to fold. A property
/// test checks that both give the same words.
pub fn for_each_index_token(text: &str, mut each: impl FnMut(Token<'_>)) {
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
        // Where the word is known to go on to: the bytes before it are letters and digits.
        let mut known = begin;
        let token = 'token: {
            if class != NON_ASCII {
                // Eight bytes at a time while they are letters and digits, each chunk lowercased
                // and masked to the word straight into its part of the key. Three separate
                // integers rather than an array: an array indexed by a variable stays in memory
                // (the shadow stack) at opt-level `z`, three locals stay in registers.
                //
                // Why three chunks written out rather than a loop? Most words end in the first,
                // and the loop's dispatch to the right part of the key and its stack check (in
                // wasm, at every turn) cost as much as the chunk itself.
                let kept = |count: usize| if count == 8 { u64::MAX } else { (1u64 << (count * 8)) - 1 };
                let (lowered, count) = word_prefix(load_chunk(bytes, at));
                let (k0, mut k1, mut k2) = (lowered & kept(count), 0u64, 0u64);
                let mut length = count;
                if count == 8 {
                    let (lowered, count) = word_prefix(load_chunk(bytes, at + 8));
                    k1 = lowered & kept(count);
                    length += count;
                    if count == 8 {
                        // A third full chunk makes the word too long to pack (24 > 23 bytes).
                        let (lowered, count) = word_prefix(load_chunk(bytes, at + 16));
                        k2 = lowered & kept(count);
                        length += count;
                    }
                }
                // A word that goes on with a non-ASCII character is folded whole, below.
                let end = at + length;
                known = end;
                if length <= PACKED_BYTES && bytes.get(end).is_none_or(|&byte| byte < 0x80) {
                    // Most words are followed by one space: skipping it here saves a turn of
                    // the outer loop, which in wasm is a stack check and much reloading.
                    at = if bytes.get(end) == Some(&b' ') { end + 1 } else { end };
                    break 'token Token::Packed([k0, k1, k2 | (length as u64) << 56]);
                }
            } else {
                let c = text.get(at..).and_then(|rest| rest.chars().next()).unwrap_or(' ');
                if !is_word_char(c) {
                    at += c.len_utf8();
                    continue 'words;
                }
            }
            at = word_end(text, known);
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

/// The ids of the words stored back to back in `arena` (word `i` starts at `starts[i]` and
/// ends where the next one starts) in byte order of the words (the same as string order for
/// UTF-8), ties by id.
///
/// Why not `sort_unstable_by` on the words? Comparing two words found through their offsets
/// is a `memcmp` call each time, and the sort is 5 KB of wasm. Here the ids are sorted by their
/// first eight bytes as one integer (zero-padded: words hold no zero bytes, so a shorter word
/// comes first), then each run that shares those eight bytes by the next eight, and so on
/// until the words of a run have ended (they are then equal and stay in id order).
pub fn sorted_ids(arena: &[u8], starts: &[u32]) -> Vec<u32> {
    // One concrete function for both callers (terms and stems): one copy in the wasm bundle.
    let word = |id: u32| -> &[u8] {
        let start = starts.get(id as usize).map_or(arena.len(), |&start| start as usize);
        let end = starts.get(id as usize + 1).map_or(arena.len(), |&end| end as usize);
        arena.get(start..end).unwrap_or(&[])
    };
    let count = starts.len();
    // The eight bytes from `offset`, zero-padded, as a big-endian integer: one load (the byte
    // swap of the little-endian one), where a padded copy was two calls per word at `z`.
    let key = |id: u32, offset: usize| load_padded(word(id), offset).swap_bytes();
    let mut keys: Vec<(u64, u32)> = (0..count as u32).map(|id| (key(id, 0), id)).collect();
    sort_by_key_then_id(&mut keys);
    // Runs of equal keys still to sort, with the offset of the bytes to sort them by next.
    let mut runs: Vec<(usize, usize, usize)> = Vec::new();
    push_runs(&keys, 0, keys.len(), 8, &mut runs);
    while let Some((start, end, offset)) = runs.pop() {
        let Some(run) = keys.get_mut(start..end) else {
            continue;
        };
        let mut ended = true;
        for pair in run.iter_mut() {
            pair.0 = key(pair.1, offset);
            ended &= pair.0 == 0;
        }
        if ended {
            continue;
        }
        if run.len() <= 16 {
            insertion_sort(run);
        } else {
            let mut sorted = run.to_vec();
            sort_by_key_then_id(&mut sorted);
            run.copy_from_slice(&sorted);
        }
        push_runs(&keys, start, end, offset + 8, &mut runs);
    }
    keys.into_iter().map(|(_, id)| id).collect()
}

/// Pushes every run of two or more equal keys in `keys[start..end]`, to be sorted by the eight
/// bytes from `offset`.
fn push_runs(keys: &[(u64, u32)], start: usize, end: usize, offset: usize, runs: &mut Vec<(usize, usize, usize)>) {
    let mut at = start;
    while at < end {
        let first = keys.get(at).map(|pair| pair.0);
        let mut next = at + 1;
        while next < end && keys.get(next).map(|pair| pair.0) == first {
            next += 1;
        }
        if next - at > 1 {
            runs.push((at, next, offset));
        }
        at = next;
    }
}

/// Sorts a few `(key, id)` pairs by key, ties by id.
fn insertion_sort(pairs: &mut [(u64, u32)]) {
    for at in 1..pairs.len() {
        let mut to = at;
        while to > 0 && pairs[to] < pairs[to - 1] {
            pairs.swap(to, to - 1);
            to -= 1;
        }
    }
}

/// Sorts `(key, id)` pairs whose ids ascend (as `sorted_ids` makes them) into the order of
/// `sort_unstable`: by key, ties by id.
///
/// Why a radix sort? The keys are 8-byte word prefixes of some 60 000 terms and 90 000 stem
/// entries; a least-significant-byte-first radix sort is stable, so ties keep their ascending
/// ids, and it takes two passes over the pairs per byte (fewer when a byte is the same in all
/// keys) instead of a comparison sort's dozens of compares per pair.
pub fn sort_by_key_then_id(pairs: &mut Vec<(u64, u32)>) {
    let mut buffer = vec![(0u64, 0u32); pairs.len()];
    for shift in (0..64).step_by(8) {
        let mut starts = [0usize; 256];
        for &(key, _) in pairs.iter() {
            starts[((key >> shift) & 0xFF) as usize] += 1;
        }
        if starts.contains(&pairs.len()) {
            continue;
        }
        let mut total = 0;
        for start in &mut starts {
            let count = *start;
            *start = total;
            total += count;
        }
        for &pair in pairs.iter() {
            let start = &mut starts[((pair.0 >> shift) & 0xFF) as usize];
            if let Some(slot) = buffer.get_mut(*start) {
                *slot = pair;
            }
            *start += 1;
        }
        std::mem::swap(pairs, &mut buffer);
    }
}

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

/// Stems one folded token (see `verschilmaker::search::fold`) in the given language, with the
/// Snowball algorithm of that language.
///
/// Tokens shorter than three characters are returned as they are: stemming them only merges
/// unrelated short words. So are words that no folding gives (with capitals or punctuation) and
/// words of more than 64 characters (tokens are cut at 48 bytes).
///
/// Why our own ports of the two algorithms rather than `rust-stemmers`? Its general Snowball
/// runtime took 5 000 to 8 000 instructions per word in wasm, a quarter of the index build, and
/// about 6 KB of the gzipped widget; the ports (`dutch.rs`, `english.rs`) give the same stems
/// for every folded word, which property tests check against `rust-stemmers`.
pub fn stem(language: StemLanguage, folded_token: &str) -> Cow<'_, str> {
    if folded_token.len() < 3 || (!folded_token.is_ascii() && folded_token.chars().nth(2).is_none()) {
        return Cow::Borrowed(folded_token);
    }
    let stemmed = match language {
        StemLanguage::Dutch => dutch::stem_folded(folded_token),
        StemLanguage::English => english::stem_folded(folded_token),
    };
    match stemmed {
        // A stemmer that strips a word to nothing would make it match every other such word.
        Some(stemmed) if !stemmed.is_empty() => stemmed,
        _ => Cow::Borrowed(folded_token),
    }
}

/// The longest word the stemmer ports take, in characters. Indexed and query words are cut to
/// the search crate's `MAX_TOKEN_BYTES` (48), well below this.
pub(crate) const MAX_LETTERS: usize = 64;

/// Whether the word `w[..n]` (see [`letters`]) ends with `suffix`.
///
/// Byte by byte in a plain loop: the suffixes are one to seven bytes, and a slice comparison
/// was a call to `memcmp` (and its closure another call) for each of the hundreds of thousands
/// of suffix tests of a build.
#[inline]
pub(crate) fn ends_with(w: &[u8; MAX_LETTERS], n: usize, suffix: &[u8]) -> bool {
    let Some(start) = n.checked_sub(suffix.len()) else {
        return false;
    };
    let mut at = 0;
    while let Some(&byte) = suffix.get(at) {
        if w.get(start + at) != Some(&byte) {
            return false;
        }
        at += 1;
    }
    true
}

/// A folded word as one byte per character, for the stemmer ports: lowercase ASCII letters and
/// digits as themselves, and the `k`-th distinct other character as `0x80 + k`. No Snowball
/// rule of Dutch or English names such a byte, so to the ports it is a consonant like any
/// other, which is what the Snowball algorithms make of such a character (folding leaves only
/// letters of other scripts). `None` for a word with other ASCII characters (capitals,
/// punctuation: no folded word has them) or more than 64 characters.
pub(crate) fn letters(word: &str) -> Option<([u8; MAX_LETTERS], usize)> {
    let mut w = [0u8; MAX_LETTERS];
    if word.is_ascii() {
        let bytes = word.as_bytes();
        if bytes.len() > w.len() || !bytes.iter().all(|&byte| byte.is_ascii_lowercase() || byte.is_ascii_digit()) {
            return None;
        }
        w[..bytes.len()].copy_from_slice(bytes);
        return Some((w, bytes.len()));
    }
    let mut n = 0;
    for c in word.chars() {
        let byte = match c {
            'a'..='z' | '0'..='9' => c as u8,
            _ if c.is_ascii() => return None,
            // Distinct characters come first in order, so `k` is below the 64 characters.
            _ => 0x80 + other_characters(word).position(|other| other == c).unwrap_or(0) as u8,
        };
        *w.get_mut(n)? = byte;
        n += 1;
    }
    Some((w, n))
}

/// The distinct non-ASCII characters of `word` in order of first occurrence.
fn other_characters(word: &str) -> impl Iterator<Item = char> + '_ {
    word.char_indices()
        .filter(|&(at, c)| !c.is_ascii() && !word.get(..at).is_some_and(|before| before.chars().any(|b| b == c)))
        .map(|(_, c)| c)
}

/// The stem that a port left in `stem` (one byte per character, see [`letters`]) as a string:
/// a slice of `word` when it is a prefix of it, which it nearly always is.
pub(crate) fn stem_text<'a>(word: &'a str, stem: &[u8]) -> Cow<'a, str> {
    if stem.is_ascii() && word.as_bytes().starts_with(stem) {
        // The stem is ASCII and the same bytes start the word, so its end is a boundary.
        return Cow::Borrowed(word.get(..stem.len()).unwrap_or(word));
    }
    let text: String = stem
        .iter()
        .map(|&byte| match byte {
            0x80.. => other_characters(word).nth(usize::from(byte - 0x80)).unwrap_or(char::REPLACEMENT_CHARACTER),
            _ => char::from(byte),
        })
        .collect();
    match word.get(..text.len()) {
        Some(prefix) if prefix == text => Cow::Borrowed(prefix),
        _ => Cow::Owned(text),
    }
}

/// The postings grouped by term with a counting sort, which keeps their order within a term:
/// `cursor[term]` is where the first posting of `term` goes (each term's start, from the
/// counts in [`TermState::postings`]); it is moved on as postings are placed.
pub fn group_postings(raw_postings: Vec<(u32, Posting)>, mut cursor: Vec<u32>) -> Vec<Posting> {
    let placeholder = Posting { doc: 0, field: 0, term_frequency: 0 };
    let mut postings = vec![placeholder; raw_postings.len()];
    for (term, posting) in raw_postings {
        if let Some(slot) = cursor.get_mut(term as usize) {
            if let Some(target) = postings.get_mut(*slot as usize) {
                *target = posting;
            }
            *slot += 1;
        }
    }
    postings
}

/// The letter and bigram signatures of an ASCII word for the typo search, in one pass: the
/// same as the search crate's `signature` and `bigram_signature` of its characters (a test
/// there checks that), without decoding characters.
pub fn ascii_signatures(word: &[u8]) -> (u64, u64) {
    let (mut letters, mut bigrams) = (0u64, 0u64);
    let mut previous: Option<u8> = None;
    for &byte in word {
        let bit = match byte {
            b'a'..=b'z' => u32::from(byte - b'a'),
            b'0'..=b'9' => 26 + u32::from(byte - b'0'),
            _ => 36 + u32::from(byte) % 28,
        };
        letters |= 1 << bit;
        if let Some(p) = previous {
            let pair = u32::from(p).wrapping_mul(0x9E37_79B1) ^ u32::from(byte).wrapping_mul(0x85EB_CA77);
            bigrams |= 1 << (pair.wrapping_mul(0x2545_F491) >> 26);
        }
        previous = Some(byte);
    }
    (letters, bigrams)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Words in byte order, ties by id, as a comparison sort gives them: with long shared
        /// prefixes, repeated words, words that are prefixes of others, and runs long enough
        /// for the radix sort.
        #[test]
        fn sorted_ids_sort_like_a_comparison_sort(
            words in proptest::collection::vec("(gemeentehuizen|gemeente|g|é){0,3}[a-cé]{0,3}", 0..120),
        ) {
            let mut arena = String::new();
            let mut starts = Vec::new();
            for word in &words {
                starts.push(arena.len() as u32);
                arena.push_str(word);
            }
            let mut expected: Vec<u32> = (0..words.len() as u32).collect();
            expected.sort_by(|&a, &b| words[a as usize].as_bytes().cmp(words[b as usize].as_bytes()).then(a.cmp(&b)));
            proptest::prop_assert_eq!(sorted_ids(arena.as_bytes(), &starts), expected);
        }

        /// Any text, folded or not, gets a stem without a panic, and never an empty one for a
        /// non-empty word.
        #[test]
        fn any_text_has_a_stem(text in "\\PC{0,70}") {
            for language in StemLanguage::ALL {
                let stemmed = stem(language, &text);
                proptest::prop_assert!(text.is_empty() || !stemmed.is_empty());
            }
        }
    }
}
