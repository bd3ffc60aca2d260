//! Discovery: full-text search with facets over initiatives and partners.
//!
//! [`build_index`] indexes a [`Dataset`] once; [`search`] answers a [`Query`] over initiatives
//! and [`search_partners`] a [`PartnerQuery`] over partners, each with ranked hits, highlights
//! and facet counts. Everything runs in memory and in the visitor's browser.
//!
//! ```
//! use verschilmaker::Dataset;
//! use verschilmaker::search::{Query, build_index, search};
//!
//! let json = r#"{"schema": "verschilmaker/1",
//!   "municipality": {"name": "Gemeente Voorbeeld", "languages": ["nl"]},
//!   "themes": [{"id": "groen", "name": {"nl": "Groen", "en": "Green"}}],
//!   "initiatives": [
//!     {"id": "a", "title": "Moestuinen in de wijk", "stage": "idea", "themes": ["groen"]},
//!     {"id": "b", "title": "Buurtfeest", "stage": "running"}]}"#;
//! let dataset = Dataset::from_json_strict(json).unwrap();
//! let index = build_index(dataset); // or an `Arc<Dataset>`, to share it
//!
//! // Stemming, diacritics folding and prefix matching of the word being typed.
//! let results = search(&index, &Query { text: "moëstuin gro".into(), ..Query::default() });
//! assert_eq!(results.total, 1);
//! assert_eq!(results.hits[0].id.as_str(), "a");
//! let title = &results.hits[0].highlights[0];
//! let text = index.dataset().initiatives[0].title.resolve(&[]);
//! assert_eq!(&text[title.ranges[0].clone()], "Moestuinen");
//! // Facet counts: one initiative is in the "groen" theme.
//! assert_eq!(results.facets.themes[0], 1);
//! ```
//!
//! Why AND across query words? A visitor who types two words means both; typo tolerance and
//! stemming make a miss on one word rare, and an OR would fill the list with half matches.
//!
//! Why our own Dutch and English stemmers? They are the Snowball project's algorithms (the ones
//! `rust-stemmers` generates into Rust, as tantivy uses them), ported step for step to byte
//! arrays in `verschilmaker-index-build`: the general Snowball runtime took a quarter of the
//! index build in wasm and about 6 KB of the gzipped widget. Property tests hold the ports to
//! `rust-stemmers`. Other languages are indexed unstemmed.
//!
//! Why a hand-written diacritics table rather than Unicode normalisation? See [`fold`]: the
//! decomposition tables would cost more than the whole search engine.
//!
//! Why look for typos only when a word matches nothing as typed? A word that occurs in the data
//! as it was typed is taken to be meant; its neighbours (`kerken` → `werken`) would mostly add
//! noise, and the neighbour search is the most expensive step of a query. A misspelt word
//! occurs nowhere, and then words within one edit (from 5 characters) or two (from 9) are
//! found. Typesense behaves the same by default.
//!
//! Why does the index hold the dataset? Highlights are computed for the hits of a page only,
//! by tokenising their texts again, which keeps token positions out of the index; sharing the
//! dataset (an `Arc`) lets [`search`] stand on the index alone without copying any text.

mod facets;
mod inverted;
pub(crate) mod keys;
pub(crate) mod lowercase;
mod text;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::{AreaId, Coverage, Dataset, InitiativeId, Kind, LatLon, PartnerId, Sector, Stage, Text, ThemeId};
use facets::{FacetColumn, FacetFilter, filter_and_count};
pub(crate) use inverted::FxBuild;
use inverted::{MatchRules, TermSet, TextIndex, TextIndexBuilder, TextMatches, highlight};
use keys::{f32_from_key, f32_key, f64_key};

pub use inverted::{MatchKind, TYPO1_MIN_CHARS, TYPO2_MIN_CHARS};
pub use text::{MAX_TOKEN_BYTES, StemLanguage, fold, for_each_token, stem, tokens};

/// Where a highlighted text lives in the initiative or partner a hit points at.
///
/// Positions index the lists of the record itself (`Need(0)` is `initiative.needs[0]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Field {
    /// An initiative's `title`.
    Title,
    /// An initiative's `summary`.
    Summary,
    /// An initiative's `description`.
    Description,
    /// The `description` of an initiative's need at this position.
    Need(usize),
    /// The name of the theme at this position of the record's `themes`.
    Theme(usize),
    /// The name of the record's area (0), its parent (1), and so on up.
    Area(usize),
    /// The name of an initiative's initiator at this position.
    Initiator(usize),
    /// A partner's `name`.
    Name,
    /// A partner's `department`.
    Department,
    /// The `description` of a partner's offer at this position.
    Offer(usize),
}

const INITIATIVE_FIELDS: [(Field, f32); 7] = [
    (Field::Title, 4.0),
    (Field::Summary, 2.0),
    (Field::Description, 1.0),
    (Field::Need(0), 1.0),
    (Field::Theme(0), 2.0),
    (Field::Area(0), 1.5),
    (Field::Initiator(0), 1.5),
];
const PARTNER_FIELDS: [(Field, f32); 5] = [
    (Field::Name, 4.0),
    (Field::Department, 2.0),
    (Field::Offer(0), 1.0),
    (Field::Theme(0), 2.0),
    (Field::Area(0), 1.5),
];

/// Makes a field of the kind at `slot` with a position.
fn field_at(fields: &[(Field, f32)], slot: u8, part: usize) -> Field {
    match fields.get(usize::from(slot)).map(|(field, _)| *field) {
        Some(Field::Need(_)) => Field::Need(part),
        Some(Field::Theme(_)) => Field::Theme(part),
        Some(Field::Area(_)) => Field::Area(part),
        Some(Field::Initiator(_)) => Field::Initiator(part),
        Some(Field::Offer(_)) => Field::Offer(part),
        Some(other) => other,
        None => Field::Title,
    }
}

/// The matched words in one text of a hit, as byte ranges into that text.
///
/// The text is the one at [`field`](Highlight::field) in the language
/// [`language`](Highlight::language) (`None` for a plain text), so the widget can mark the
/// ranges without parsing any markup.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Highlight {
    /// Which text.
    pub field: Field,
    /// The language of the translation that matched, or `None` for a plain text.
    pub language: Option<String>,
    /// Byte ranges of the matched words, ascending and not overlapping.
    pub ranges: Vec<Range<usize>>,
}

/// Whether an initiative still has needs to fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum NeedStatus {
    /// At least one need is open: agreed and delivered commitments do not reach its amount
    /// (or, for a need without an amount, there is no such commitment yet).
    Open,
    /// It has needs and every one is covered.
    Covered,
}

impl NeedStatus {
    /// Both values, in a fixed order.
    pub const ALL: [NeedStatus; 2] = [NeedStatus::Open, NeedStatus::Covered];
}

/// Filters on initiatives. An empty list means "no filter"; values within one list are
/// alternatives (OR) and the lists all have to hold (AND).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    /// Initiatives with any of these themes.
    pub themes: Vec<ThemeId>,
    /// Initiatives in any of these areas or their children. Initiatives without an area (the
    /// whole municipality) are not in any area.
    pub areas: Vec<AreaId>,
    /// Initiatives at any of these stages.
    pub stages: Vec<Stage>,
    /// Initiatives with a need of any of these kinds.
    pub need_kinds: Vec<Kind>,
    /// Initiatives with an initiator from any of these sectors.
    pub sectors: Vec<Sector>,
    /// Initiatives with open needs, or with all needs covered.
    pub need_status: Vec<NeedStatus>,
    /// A postcode; its PC4 (see [`crate::pc4`]) picks the areas that list it. A postcode that no
    /// area lists, or a text that is not a Dutch postcode (`5211ABC`), matches nothing, so a
    /// visitor from outside sees an empty list, not everything.
    pub postcode: Option<String>,
}

/// How hits are ordered. Ties are broken by relevance, then dataset order.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Sort {
    /// Best text match first; without query text, dataset order.
    #[default]
    Relevance,
    /// Most recently `updated` first; initiatives without a date last.
    Newest,
    /// Most open needs first.
    MostOpenNeeds,
    /// Nearest to this point first, by the initiative's location or else its area's centroid
    /// (or the nearest ancestor's); initiatives without either last.
    Nearest(LatLon),
}

/// A search over initiatives. `Query::default()` lists everything, 20 at a time.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    /// What the visitor typed. The last word is also matched as a prefix unless the text ends
    /// in a space or punctuation.
    pub text: String,
    /// Facet filters.
    pub filters: Filters,
    /// The order of the hits.
    pub sort: Sort,
    /// How many hits to skip (for paging).
    pub offset: usize,
    /// How many hits to return at most.
    pub limit: usize,
    /// Match words within a small edit distance (one edit from 5 characters, two from 9)
    /// when they match nothing as typed.
    pub typos: bool,
    /// Match words with the same Dutch or English stem.
    pub stemming: bool,
}

impl Default for Query {
    fn default() -> Query {
        Query {
            text: String::new(),
            filters: Filters::default(),
            sort: Sort::Relevance,
            offset: 0,
            limit: 20,
            typos: true,
            stemming: true,
        }
    }
}

/// One facet value and how many results it would have.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct FacetCount<T> {
    /// The value.
    pub value: T,
    /// The number of results with this value under every active filter except this facet's own.
    pub count: usize,
}

/// Counts per facet value. Every value is listed, also with a count of 0.
///
/// Theme and area counts are aligned with `dataset.themes` and `dataset.areas` (plain
/// numbers, so that a query allocates no ids); the others list their values in the model's
/// order (`Stage::ALL`, `Kind::ALL`, `Sector::ALL`, `NeedStatus::ALL`).
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct FacetCounts {
    /// Per theme: `themes[i]` counts `dataset.themes[i]`.
    pub themes: Vec<usize>,
    /// Per area: `areas[i]` counts `dataset.areas[i]`, including the initiatives in its children.
    pub areas: Vec<usize>,
    /// Per stage.
    pub stages: Vec<FacetCount<Stage>>,
    /// Per kind of need.
    pub need_kinds: Vec<FacetCount<Kind>>,
    /// Per initiator sector.
    pub sectors: Vec<FacetCount<Sector>>,
    /// Open versus covered.
    pub need_status: Vec<FacetCount<NeedStatus>>,
}

/// One initiative found.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Hit {
    /// Its position in `dataset.initiatives`.
    pub index: usize,
    /// Its id.
    pub id: InitiativeId,
    /// The relevance score (0 without query text); higher is better.
    pub score: f32,
    /// The distance to the point of [`Sort::Nearest`], in kilometres, when known.
    pub distance_km: Option<f64>,
    /// The matched words per text.
    pub highlights: Vec<Highlight>,
}

/// The answer to a [`Query`].
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Results {
    /// How many initiatives match in all (before offset and limit).
    pub total: usize,
    /// The page asked for.
    pub hits: Vec<Hit>,
    /// Disjunctive counts per facet value.
    pub facets: FacetCounts,
    /// The areas the postcode filter resolved to (empty when no area lists it), when one was given.
    pub postcode_areas: Option<Vec<AreaId>>,
}

/// Filters on partners; like [`Filters`], empty lists are no filter.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PartnerFilters {
    /// Partners from any of these sectors.
    pub sectors: Vec<Sector>,
    /// Partners working on any of these themes.
    pub themes: Vec<ThemeId>,
    /// Partners serving any of these areas (a partner serving a parent area serves its children).
    pub areas: Vec<AreaId>,
    /// Partners offering any of these kinds.
    pub offer_kinds: Vec<Kind>,
    /// Partners serving the areas of this postcode (PC4).
    pub postcode: Option<String>,
}

/// A search over partners; hits come best first, or in dataset order without text.
#[derive(Clone, Debug, PartialEq)]
pub struct PartnerQuery {
    /// What the visitor typed.
    pub text: String,
    /// Facet filters.
    pub filters: PartnerFilters,
    /// How many hits to skip.
    pub offset: usize,
    /// How many hits to return at most.
    pub limit: usize,
    /// Match words within a small edit distance.
    pub typos: bool,
    /// Match words with the same Dutch or English stem.
    pub stemming: bool,
}

impl Default for PartnerQuery {
    fn default() -> PartnerQuery {
        PartnerQuery {
            text: String::new(),
            filters: PartnerFilters::default(),
            offset: 0,
            limit: 20,
            typos: true,
            stemming: true,
        }
    }
}

/// Counts per partner facet value (disjunctive, and aligned like [`FacetCounts`]).
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct PartnerFacetCounts {
    /// Per sector.
    pub sectors: Vec<FacetCount<Sector>>,
    /// Per theme: `themes[i]` counts `dataset.themes[i]`.
    pub themes: Vec<usize>,
    /// Per area served: `areas[i]` counts `dataset.areas[i]`.
    pub areas: Vec<usize>,
    /// Per kind offered.
    pub offer_kinds: Vec<FacetCount<Kind>>,
}

/// One partner found.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct PartnerHit {
    /// Its position in `dataset.partners`.
    pub index: usize,
    /// Its id.
    pub id: PartnerId,
    /// The relevance score (0 without query text).
    pub score: f32,
    /// The matched words per text.
    pub highlights: Vec<Highlight>,
}

/// The answer to a [`PartnerQuery`].
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct PartnerResults {
    /// How many partners match in all.
    pub total: usize,
    /// The page asked for.
    pub hits: Vec<PartnerHit>,
    /// Disjunctive counts per facet value.
    pub facets: PartnerFacetCounts,
    /// The areas the postcode filter resolved to, when one was given.
    pub postcode_areas: Option<Vec<AreaId>>,
}

/// Facet columns of the initiative collection, in this order.
const FACET_THEMES: usize = 0;
const FACET_AREAS: usize = 1;
const FACET_STAGES: usize = 2;
const FACET_NEED_KINDS: usize = 3;
const FACET_SECTORS: usize = 4;
const FACET_NEED_STATUS: usize = 5;

/// Facet columns of the partner collection, in this order.
const PARTNER_FACET_SECTORS: usize = 0;
const PARTNER_FACET_THEMES: usize = 1;
const PARTNER_FACET_AREAS: usize = 2;
const PARTNER_FACET_KINDS: usize = 3;

/// A searchable collection: the text index plus facet columns.
#[derive(Clone, Debug)]
struct Collection {
    text: TextIndex,
    columns: Vec<FacetColumn>,
}

/// What a query over a collection found before sorting and paging.
struct Found {
    /// Matching documents, ascending, with scores.
    documents: Vec<(u32, f32)>,
    /// Text matches before filtering, ascending, with the fields each matched in (empty
    /// without query text).
    matched: TextMatches,
    counts: Vec<Vec<u32>>,
}

impl Found {
    /// The fields of `doc` in which query words matched, as bits by field slot.
    fn fields(&self, doc: u32) -> u16 {
        self.matched
            .documents
            .binary_search_by_key(&doc, |(at, _)| *at)
            .ok()
            .and_then(|at| self.matched.fields.get(at).copied())
            .unwrap_or(0)
    }
}

impl Collection {
    fn find(&self, text: &str, rules: MatchRules, filters: &[FacetFilter]) -> Found {
        let words = tokens(text);
        let last_is_prefix = text.chars().next_back().is_some_and(|c| c.is_alphanumeric());
        let mut documents = Vec::new();
        let keep = |doc: u32, score: f32| documents.push((doc, score));
        if words.is_empty() {
            let all = (0..self.text.documents()).map(|doc| (doc, 0.0));
            let counts = filter_and_count(&self.columns, filters, all, keep);
            return Found { documents, counts, matched: TextMatches::default() };
        }
        let matched = self.text.match_text(&words, last_is_prefix, rules);
        let counts = filter_and_count(&self.columns, filters, matched.documents.iter().copied(), keep);
        Found { documents, counts, matched }
    }

    fn heap_bytes(&self) -> usize {
        self.text.heap_bytes() + self.columns.iter().map(FacetColumn::heap_bytes).sum::<usize>()
    }
}

/// Per-initiative values used for sorting.
#[derive(Clone, Debug)]
struct SortKeys {
    /// Seconds since 0001-01-01 (UTC for date-times), or `None`.
    updated: Option<i64>,
    open_needs: u32,
    point: Option<LatLon>,
}

/// The search index of one dataset. Build it with [`build_index`].
///
/// It shares the dataset (an [`Arc`]) rather than copying its texts: highlights are computed
/// from the dataset's own texts, and the widget keeps the dataset anyway.
#[derive(Clone, Debug)]
pub struct SearchIndex {
    dataset: Arc<Dataset>,
    lookups: Lookups,
    initiatives: Collection,
    initiative_ids: Vec<InitiativeId>,
    sort_keys: Vec<SortKeys>,
    partners: Collection,
    partner_ids: Vec<PartnerId>,
    theme_ids: Vec<ThemeId>,
    area_ids: Vec<AreaId>,
    /// PC4 → indices of the areas that list it, sorted.
    postcodes: Vec<(String, Vec<u32>)>,
}

impl SearchIndex {
    /// The dataset this index searches.
    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// An estimate of the heap memory the index holds, in bytes (without allocator overhead
    /// and without the shared dataset).
    pub fn heap_bytes(&self) -> usize {
        self.initiatives.heap_bytes()
            + self.partners.heap_bytes()
            + self.sort_keys.capacity() * std::mem::size_of::<SortKeys>()
            + self.initiative_ids.iter().map(|id| id.as_str().len() + 24).sum::<usize>()
            + self.partner_ids.iter().map(|id| id.as_str().len() + 24).sum::<usize>()
    }
}

/// Calls `visit(field slot, part, language, text)` for every translation of `text`; plain
/// texts are taken to be in the municipality's first language, so that they are stemmed.
///
/// The same as going through [`Text::translations`], whose chained iterator stayed a call per
/// step at opt-level `z` (the build visits 100 000 texts twice).
fn visit_text<'a>(
    visit: &mut impl FnMut(u8, usize, Option<&'a str>, &'a str),
    slot: u8,
    part: usize,
    text: &'a Text,
    default_language: Option<&'a str>,
) {
    match text {
        Text::Plain(value) => visit(slot, part, default_language, value),
        Text::Translated(entries) => {
            for (language, value) in entries {
                visit(slot, part, Some(language.as_str()), value);
            }
        }
    }
}

/// Where an initiative's themes and area are in the dataset.
///
/// Why not look them up where they are needed? The build visits every initiative's texts twice
/// (once to size its buffers) and its facets once, and each lookup hashes an id string: the
/// build looks them up once per initiative instead.
struct Placement<'l> {
    /// Per theme of the initiative, its position in `dataset.themes` (`None` for an unknown id).
    themes: &'l [Option<u32>],
    /// Its area and the area's ancestors (see [`Lookups::chain`]).
    chain: &'l [u32],
}

/// Every searchable text of an initiative, in a fixed order: what [`build_index`] indexes and
/// what highlights are computed on.
fn initiative_texts<'a>(
    dataset: &'a Dataset,
    placement: &Placement<'_>,
    initiative: &'a crate::Initiative,
    mut visit: impl FnMut(u8, usize, Option<&'a str>, &'a str),
) {
    let language = dataset.municipality.languages.first().map(|language| language.as_str());
    visit_text(&mut visit, 0, 0, &initiative.title, language);
    if let Some(summary) = &initiative.summary {
        visit_text(&mut visit, 1, 0, summary, language);
    }
    if let Some(description) = &initiative.description {
        visit_text(&mut visit, 2, 0, description, language);
    }
    for (position, need) in initiative.needs.iter().enumerate() {
        if let Some(description) = &need.description {
            visit_text(&mut visit, 3, position, description, language);
        }
    }
    for (position, theme_at) in placement.themes.iter().enumerate() {
        if let Some(theme) = theme_at.and_then(|at| dataset.themes.get(at as usize)) {
            visit_text(&mut visit, 4, position, &theme.name, language);
        }
    }
    for (depth, &area_at) in placement.chain.iter().enumerate() {
        visit(5, depth, None, &dataset.areas[area_at as usize].name);
    }
    for (position, initiator) in initiative.initiators.iter().enumerate() {
        visit(6, position, None, &initiator.name);
    }
}

/// Every searchable text of a partner, in a fixed order.
fn partner_texts<'a>(
    dataset: &'a Dataset,
    lookups: &Lookups,
    partner: &'a crate::Partner,
    mut visit: impl FnMut(u8, usize, Option<&'a str>, &'a str),
) {
    let language = dataset.municipality.languages.first().map(|language| language.as_str());
    visit(0, 0, None, &partner.name);
    if let Some(department) = &partner.department {
        visit(1, 0, None, department);
    }
    for (position, offer) in partner.offers.iter().enumerate() {
        if let Some(description) = &offer.description {
            visit_text(&mut visit, 2, position, description, language);
        }
    }
    for (position, theme) in partner.themes.iter().enumerate() {
        if let Some(&theme_at) = lookups.themes.get(theme.as_str()) {
            visit_text(&mut visit, 3, position, &dataset.themes[theme_at as usize].name, language);
        }
    }
    if let Coverage::Areas(listed) = &partner.areas {
        for (position, area) in listed.iter().enumerate() {
            if let Some(&area_at) = lookups.areas.get(area.as_str()) {
                visit(4, position, None, &dataset.areas[area_at as usize].name);
            }
        }
    }
}

/// Positions of themes and areas by id, and each area's chain of itself and its ancestors.
#[derive(Clone, Debug, Default)]
///
/// The maps hash with FxHash rather than the standard SipHash: the build looks up every
/// initiative's themes and area (about 50 000 lookups for 10 000 initiatives), and the keys
/// come from the municipality's own data, so hash flooding is no concern.
struct Lookups {
    themes: HashMap<String, u32, FxBuild>,
    areas: HashMap<String, u32, FxBuild>,
    chains: Vec<Vec<u32>>,
}

impl Lookups {
    fn new(dataset: &Dataset) -> Lookups {
        let (areas, chains) = area_chains(dataset);
        Lookups {
            themes: dataset
                .themes
                .iter()
                .enumerate()
                .map(|(at, theme)| (theme.id.as_str().to_owned(), at as u32))
                .collect(),
            areas: areas.into_iter().map(|(id, at)| (id.to_owned(), at)).collect(),
            chains,
        }
    }

    /// The position of each theme in `dataset.themes`, in `out` (cleared first).
    fn place_themes(&self, themes: &[ThemeId], out: &mut Vec<Option<u32>>) {
        out.clear();
        out.extend(themes.iter().map(|theme| self.themes.get(theme.as_str()).copied()));
    }

    /// The area with its ancestors, or nothing for no (or an unknown) area.
    fn chain(&self, area: Option<&AreaId>) -> &[u32] {
        area.and_then(|id| self.areas.get(id.as_str())).map_or(&[][..], |&at| self.chains[at as usize].as_slice())
    }
}

/// The index of each area, and each area's chain of itself and its ancestors.
fn area_chains(dataset: &Dataset) -> (HashMap<&str, u32, FxBuild>, Vec<Vec<u32>>) {
    let positions: HashMap<&str, u32, FxBuild> =
        dataset.areas.iter().enumerate().map(|(at, area)| (area.id.as_str(), at as u32)).collect();
    let chains = dataset
        .areas
        .iter()
        .enumerate()
        .map(|(at, area)| {
            let mut chain = vec![at as u32];
            let mut parent = area.parent.as_ref();
            // Parent links are acyclic in a loaded dataset; the walk is bounded anyway.
            while let Some(id) = parent {
                match positions.get(id.as_str()) {
                    Some(&up) if !chain.contains(&up) && chain.len() <= dataset.areas.len() => {
                        chain.push(up);
                        parent = dataset.areas[up as usize].parent.as_ref();
                    }
                    _ => break,
                }
            }
            chain
        })
        .collect();
    (positions, chains)
}

fn position_in<T: PartialEq>(all: &[T], value: &T) -> u32 {
    all.iter().position(|x| x == value).unwrap_or(0) as u32
}

/// Indexes a dataset for [`search`] and [`search_partners`].
///
/// Takes the dataset by value or as an [`Arc`] to share it. Linear in the size of the texts.
pub fn build_index(dataset: impl Into<Arc<Dataset>>) -> SearchIndex {
    let dataset: Arc<Dataset> = dataset.into();
    let lookups = Lookups::new(&dataset);
    let coverage = crate::coverage::need_coverage(&dataset);

    // Initiatives, with their themes and areas looked up once (see [`Placement`]).
    let mut theme_places: Vec<Option<u32>> = Vec::new();
    let mut theme_starts: Vec<usize> = Vec::with_capacity(dataset.initiatives.len() + 1);
    let mut chains: Vec<&[u32]> = Vec::with_capacity(dataset.initiatives.len());
    theme_starts.push(0);
    for initiative in &dataset.initiatives {
        theme_places.extend(initiative.themes.iter().map(|theme| lookups.themes.get(theme.as_str()).copied()));
        theme_starts.push(theme_places.len());
        chains.push(lookups.chain(initiative.area.as_ref()));
    }
    let placement = |at: usize| Placement {
        themes: theme_starts.get(at..at + 2).and_then(|bounds| theme_places.get(bounds[0]..bounds[1])).unwrap_or(&[]),
        chain: chains.get(at).copied().unwrap_or(&[]),
    };
    let boosts: Vec<f32> = INITIATIVE_FIELDS.iter().map(|(_, boost)| *boost).collect();
    let mut text_bytes = 0;
    for (at, initiative) in dataset.initiatives.iter().enumerate() {
        initiative_texts(&dataset, &placement(at), initiative, |_, _, _, text| text_bytes += text.len());
    }
    let mut builder = TextIndexBuilder::new(&boosts, text_bytes);
    let mut columns = vec![
        FacetColumn::new(dataset.themes.len()),
        FacetColumn::new(dataset.areas.len()),
        FacetColumn::new(Stage::ALL.len()),
        FacetColumn::new(Kind::ALL.len()),
        FacetColumn::new(Sector::ALL.len()),
        FacetColumn::new(NeedStatus::ALL.len()),
    ];
    let mut sort_keys = Vec::with_capacity(dataset.initiatives.len());
    for (at, initiative) in dataset.initiatives.iter().enumerate() {
        builder.start_document();
        let placed = placement(at);
        initiative_texts(&dataset, &placed, initiative, |slot, _, language, text| {
            builder.add_text(slot, language, text);
        });
        let themes = placed.themes.iter().flatten().copied();
        let chain = placed.chain;
        let mut open_needs = 0u32;
        for (need, covered) in initiative.needs.iter().zip(&coverage[at]) {
            if !covered.covers(need) {
                open_needs += 1;
            }
        }
        columns[FACET_THEMES].push_document(themes);
        columns[FACET_AREAS].push_document(chain.iter().copied());
        columns[FACET_STAGES].push_document([position_in(Stage::ALL, &initiative.stage)]);
        columns[FACET_NEED_KINDS].push_document(initiative.needs.iter().map(|need| position_in(Kind::ALL, &need.kind)));
        columns[FACET_SECTORS].push_document(
            initiative
                .initiators
                .iter()
                .filter_map(|initiator| initiator.sector)
                .map(|sector| position_in(Sector::ALL, &sector)),
        );
        let status = match (initiative.needs.is_empty(), open_needs) {
            (true, _) => None,
            (false, 0) => Some(1),
            (false, _) => Some(0),
        };
        columns[FACET_NEED_STATUS].push_document(status);
        let point = initiative
            .location
            .as_ref()
            .and_then(|location| location.point())
            .or_else(|| chain.iter().find_map(|&area_at| dataset.areas[area_at as usize].centroid_point()));
        sort_keys.push(SortKeys {
            updated: initiative.updated.map(|updated| match updated {
                crate::DateValue::Date(date) => date.day_number() * 86_400,
                crate::DateValue::DateTime { date, seconds, offset_minutes } => {
                    date.day_number() * 86_400 + i64::from(seconds) - i64::from(offset_minutes) * 60
                }
            }),
            open_needs,
            point,
        });
    }
    let initiatives = Collection { text: builder.finish(), columns };

    // Partners.
    let boosts: Vec<f32> = PARTNER_FIELDS.iter().map(|(_, boost)| *boost).collect();
    let mut text_bytes = 0;
    for partner in &dataset.partners {
        partner_texts(&dataset, &lookups, partner, |_, _, _, text| text_bytes += text.len());
    }
    let mut builder = TextIndexBuilder::new(&boosts, text_bytes);
    let mut columns = vec![
        FacetColumn::new(Sector::ALL.len()),
        FacetColumn::new(dataset.themes.len()),
        FacetColumn::new(dataset.areas.len()),
        FacetColumn::new(Kind::ALL.len()),
    ];
    for partner in &dataset.partners {
        builder.start_document();
        partner_texts(&dataset, &lookups, partner, |slot, _, language, text| {
            builder.add_text(slot, language, text);
        });
        let themes = partner.themes.iter().filter_map(|theme| lookups.themes.get(theme.as_str()).copied());
        // The areas a partner serves, children included: the areas whose chain meets its list.
        let served: Vec<u32> = match &partner.areas {
            Coverage::All => (0..dataset.areas.len() as u32).collect(),
            Coverage::Areas(listed) => {
                let listed: Vec<u32> = listed.iter().filter_map(|id| lookups.areas.get(id.as_str()).copied()).collect();
                (0..dataset.areas.len() as u32)
                    .filter(|&area| lookups.chains[area as usize].iter().any(|up| listed.contains(up)))
                    .collect()
            }
        };
        columns[PARTNER_FACET_SECTORS].push_document([position_in(Sector::ALL, &partner.sector)]);
        columns[PARTNER_FACET_THEMES].push_document(themes);
        columns[PARTNER_FACET_AREAS].push_document(served);
        columns[PARTNER_FACET_KINDS]
            .push_document(partner.offers.iter().map(|offer| position_in(Kind::ALL, &offer.kind)));
    }
    let partners = Collection { text: builder.finish(), columns };

    // Every (PC4, area) pair as one packed key, sorted through the packed keys of `keys`, so that
    // this is the sort queries use rather than one more in the bundle, and without a hash map: a
    // PC4 is four ASCII digits, and as one big-endian integer it orders as the string does.
    let mut pairs: Vec<u128> = Vec::new();
    for (at, area) in dataset.areas.iter().enumerate() {
        for postcode in &area.postcodes {
            if let Some(pc4) = crate::pc4(postcode) {
                let key = pc4.bytes().fold(0u32, |key, byte| key << 8 | u32::from(byte));
                pairs.push(u128::from(key) << 32 | at as u128);
            }
        }
    }
    pairs.sort_unstable();
    let mut postcodes: Vec<(String, Vec<u32>)> = Vec::new();
    for key in pairs {
        let pc4: String = ((key >> 32) as u32).to_be_bytes().into_iter().map(char::from).collect();
        let area = key as u32;
        match postcodes.last_mut() {
            Some((last, areas)) if *last == pc4 => {
                if areas.last() != Some(&area) {
                    areas.push(area);
                }
            }
            _ => postcodes.push((pc4, vec![area])),
        }
    }

    SearchIndex {
        initiatives,
        lookups,
        initiative_ids: dataset.initiatives.iter().map(|i| i.id.clone()).collect(),
        sort_keys,
        partners,
        partner_ids: dataset.partners.iter().map(|p| p.id.clone()).collect(),
        theme_ids: dataset.themes.iter().map(|t| t.id.clone()).collect(),
        area_ids: dataset.areas.iter().map(|a| a.id.clone()).collect(),
        postcodes,
        dataset,
    }
}

/// A filter that allows the listed values.
fn filter<T: PartialEq>(facet: usize, all: &[T], wanted: &[T]) -> Option<FacetFilter> {
    if wanted.is_empty() {
        return None;
    }
    Some(FacetFilter { facet, allowed: all.iter().map(|value| wanted.contains(value)).collect(), disjunctive: true })
}

impl SearchIndex {
    /// Resolves a postcode to area indices: `None` without a postcode.
    fn resolve_postcode(&self, postcode: Option<&String>) -> Option<Vec<u32>> {
        let postcode = postcode?;
        let found = crate::pc4(postcode)
            .and_then(|pc4| self.postcodes.binary_search_by(|(known, _)| known.as_str().cmp(pc4)).ok());
        Some(found.map_or_else(Vec::new, |at| self.postcodes[at].1.clone()))
    }

    fn postcode_filter(&self, facet: usize, areas: Option<&Vec<u32>>) -> Option<FacetFilter> {
        let areas = areas?;
        let mut allowed = vec![false; self.area_ids.len()];
        for &area in areas {
            if let Some(slot) = allowed.get_mut(area as usize) {
                *slot = true;
            }
        }
        Some(FacetFilter { facet, allowed, disjunctive: false })
    }

    fn area_names(&self, areas: Option<Vec<u32>>) -> Option<Vec<AreaId>> {
        areas.map(|areas| areas.iter().filter_map(|&at| self.area_ids.get(at as usize).cloned()).collect())
    }
}

/// Adds the highlight of one text, when any of its words matched.
fn push_highlight(
    highlights: &mut Vec<Highlight>,
    fields: &[(Field, f32)],
    slot: u8,
    part: usize,
    language: Option<&str>,
    text: &str,
    matched: &TermSet<'_>,
) {
    let ranges = highlight(text, matched);
    if !ranges.is_empty() {
        highlights.push(Highlight {
            field: field_at(fields, slot, part),
            language: language.map(str::to_owned),
            ranges,
        });
    }
}

fn plain_counts(counts: &[u32]) -> Vec<usize> {
    counts.iter().map(|&count| count as usize).collect()
}

fn counts_of<T: Clone>(values: &[T], counts: &[u32]) -> Vec<FacetCount<T>> {
    values
        .iter()
        .zip(counts)
        .map(|(value, &count)| FacetCount { value: value.clone(), count: count as usize })
        .collect()
}

/// A document's place in the order of hits as one key: the primary key ascending, then the
/// score descending, then the document ascending (dataset order breaks every tie, so the
/// order is total and deterministic). The score and the document can be read back with
/// [`ranked_score`] and [`ranked_doc`].
fn ranked(primary: f64, score: f32, doc: u32) -> u128 {
    u128::from(f64_key(primary)) << 64 | u128::from(!f32_key(score)) << 32 | u128::from(doc)
}

/// The document of a [`ranked`] key.
fn ranked_doc(key: u128) -> u32 {
    key as u32
}

/// The score of a [`ranked`] key, bit for bit.
fn ranked_score(key: u128) -> f32 {
    f32_from_key(!((key >> 32) as u32))
}

/// Orders the [`ranked`] keys and returns the page `offset..offset + limit`, sorting only as
/// much as the page needs.
fn page(mut documents: Vec<u128>, offset: usize, limit: usize) -> Vec<u128> {
    let end = offset.saturating_add(limit).min(documents.len());
    if offset >= end {
        return Vec::new();
    }
    if end < documents.len() {
        documents.select_nth_unstable(end - 1);
        documents.truncate(end);
    }
    documents.sort_unstable();
    documents.drain(..offset);
    documents
}

/// Searches initiatives: ranked hits with highlights, the total and the facet counts.
///
/// Deterministic: the same index and query give the same results.
///
/// ```
/// use verschilmaker::{Dataset, Kind, LatLon, Stage};
/// use verschilmaker::search::{Filters, Query, Sort, build_index, search};
///
/// let json = r#"{"schema": "verschilmaker/1",
///   "municipality": {"name": "Gemeente Voorbeeld", "languages": ["nl"]},
///   "areas": [{"id": "noord", "name": "Noord", "postcodes": ["5211"], "centroid": [51.7, 5.3]},
///             {"id": "oost", "name": "Oost", "parent": "noord", "centroid": [51.71, 5.32]}],
///   "initiatives": [
///     {"id": "a", "title": "Repair café", "stage": "running", "area": "oost",
///      "needs": [{"id": "n", "kind": "volunteers", "amount": 10}]},
///     {"id": "b", "title": "Taalcafé", "stage": "idea", "area": "noord",
///      "needs": [{"id": "n", "kind": "space"}]}]}"#;
/// let index = build_index(Dataset::from_json_strict(json).unwrap());
/// let query = Query {
///     text: "cafe ".into(),
///     // A postcode in Noord also finds initiatives in its child area Oost.
///     filters: Filters { postcode: Some("5211 AB".into()), need_kinds: vec![Kind::Volunteers], ..Filters::default() },
///     sort: Sort::Nearest(LatLon { lat: 51.71, lon: 5.32 }),
///     ..Query::default()
/// };
/// let results = search(&index, &query);
/// assert_eq!(results.total, 1);
/// assert_eq!(results.hits[0].id.as_str(), "a");
/// assert_eq!(results.hits[0].distance_km, Some(0.0));
/// // Kind counts ignore the kind filter: one initiative needs space.
/// let space = results.facets.need_kinds.iter().find(|c| c.value == Kind::Space).unwrap();
/// assert_eq!(space.count, 0, "\"taalcafe\" is a different word than \"cafe\"");
/// let running = results.facets.stages.iter().find(|c| c.value == Stage::Running).unwrap();
/// assert_eq!(running.count, 1);
/// ```
pub fn search(index: &SearchIndex, query: &Query) -> Results {
    let filters_in = &query.filters;
    let postcode_areas = index.resolve_postcode(filters_in.postcode.as_ref());
    let filters: Vec<FacetFilter> = [
        filter(FACET_THEMES, &index.theme_ids, &filters_in.themes),
        filter(FACET_AREAS, &index.area_ids, &filters_in.areas),
        filter(FACET_STAGES, Stage::ALL, &filters_in.stages),
        filter(FACET_NEED_KINDS, Kind::ALL, &filters_in.need_kinds),
        filter(FACET_SECTORS, Sector::ALL, &filters_in.sectors),
        filter(FACET_NEED_STATUS, &NeedStatus::ALL, &filters_in.need_status),
        index.postcode_filter(FACET_AREAS, postcode_areas.as_ref()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let rules = MatchRules { stemming: query.stemming, typos: query.typos };
    let found = index.initiatives.find(&query.text, rules, &filters);
    let total = found.documents.len();

    let keys = &index.sort_keys;
    let distance = |doc: u32| -> Option<f64> {
        match query.sort {
            Sort::Nearest(point) => keys
                .get(doc as usize)
                .and_then(|key| key.point)
                .map(|at| at.distance_km(point))
                .filter(|km| km.is_finite()),
            _ => None,
        }
    };
    // Every order is "primary key ascending, then score descending, then dataset order", so
    // one key (and one instantiation of the sort, which matters for the wasm size) serves them
    // all. Missing dates and distances sort last.
    let ranked_keys: Vec<u128> = found
        .documents
        .iter()
        .map(|&(doc, score)| {
            let key = keys.get(doc as usize);
            let primary = match query.sort {
                Sort::Relevance => 0.0,
                Sort::Newest => key.and_then(|key| key.updated).map_or(f64::INFINITY, |seconds| -(seconds as f64)),
                Sort::MostOpenNeeds => key.map_or(0.0, |key| -f64::from(key.open_needs)),
                Sort::Nearest(_) => distance(doc).unwrap_or(f64::INFINITY),
            };
            ranked(primary, score, doc)
        })
        .collect();
    let ordered = page(ranked_keys, query.offset, query.limit);
    let matched = index.initiatives.text.term_set(&found.matched.terms);
    let dataset = &*index.dataset;
    let hits = ordered
        .into_iter()
        .map(|key| (ranked_doc(key), ranked_score(key)))
        .map(|(doc, score)| Hit {
            index: doc as usize,
            id: index.initiative_ids[doc as usize].clone(),
            score,
            // Computed again for the page's hits only, the same way: the same value.
            distance_km: distance(doc),
            highlights: match dataset.initiatives.get(doc as usize) {
                Some(initiative) if !matched.is_empty() => {
                    let mut highlights = Vec::new();
                    let fields = found.fields(doc);
                    let mut themes = Vec::new();
                    index.lookups.place_themes(&initiative.themes, &mut themes);
                    let placed = Placement { themes: &themes, chain: index.lookups.chain(initiative.area.as_ref()) };
                    initiative_texts(dataset, &placed, initiative, |slot, part, language, text| {
                        if fields & (1 << slot) == 0 {
                            return;
                        }
                        push_highlight(&mut highlights, &INITIATIVE_FIELDS, slot, part, language, text, &matched);
                    });
                    highlights
                }
                _ => Vec::new(),
            },
        })
        .collect();
    let counts = &found.counts;
    Results {
        total,
        hits,
        facets: FacetCounts {
            themes: plain_counts(&counts[FACET_THEMES]),
            areas: plain_counts(&counts[FACET_AREAS]),
            stages: counts_of(Stage::ALL, &counts[FACET_STAGES]),
            need_kinds: counts_of(Kind::ALL, &counts[FACET_NEED_KINDS]),
            sectors: counts_of(Sector::ALL, &counts[FACET_SECTORS]),
            need_status: counts_of(&NeedStatus::ALL, &counts[FACET_NEED_STATUS]),
        },
        postcode_areas: index.area_names(postcode_areas),
    }
}

/// Searches partners: ranked hits with highlights, the total and the facet counts.
///
/// ```
/// use verschilmaker::{Dataset, Sector};
/// use verschilmaker::search::{PartnerQuery, build_index, search_partners};
///
/// let json = r#"{"schema": "verschilmaker/1",
///   "municipality": {"name": "Gemeente Voorbeeld", "languages": ["nl"]},
///   "partners": [
///     {"id": "p1", "name": "Bouwmarkt De Schroef", "sector": "business",
///      "offers": [{"id": "o1", "kind": "materials", "description": "Gereedschap en hout"}]},
///     {"id": "p2", "name": "Wijkcentrum", "sector": "institution"}]}"#;
/// let index = build_index(Dataset::from_json_strict(json).unwrap());
/// let results = search_partners(&index, &PartnerQuery { text: "gereedschap".into(), ..PartnerQuery::default() });
/// assert_eq!(results.hits[0].id.as_str(), "p1");
/// let business = results.facets.sectors.iter().find(|c| c.value == Sector::Business).unwrap();
/// assert_eq!(business.count, 1);
/// ```
pub fn search_partners(index: &SearchIndex, query: &PartnerQuery) -> PartnerResults {
    let filters_in = &query.filters;
    let postcode_areas = index.resolve_postcode(filters_in.postcode.as_ref());
    let filters: Vec<FacetFilter> = [
        filter(PARTNER_FACET_SECTORS, Sector::ALL, &filters_in.sectors),
        filter(PARTNER_FACET_THEMES, &index.theme_ids, &filters_in.themes),
        filter(PARTNER_FACET_AREAS, &index.area_ids, &filters_in.areas),
        filter(PARTNER_FACET_KINDS, Kind::ALL, &filters_in.offer_kinds),
        index.postcode_filter(PARTNER_FACET_AREAS, postcode_areas.as_ref()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let rules = MatchRules { stemming: query.stemming, typos: query.typos };
    let mut found = index.partners.find(&query.text, rules, &filters);
    let total = found.documents.len();
    let ranked_keys: Vec<u128> =
        std::mem::take(&mut found.documents).into_iter().map(|(doc, score)| ranked(0.0, score, doc)).collect();
    let ordered = page(ranked_keys, query.offset, query.limit);
    let matched = index.partners.text.term_set(&found.matched.terms);
    let dataset = &*index.dataset;
    let hits = ordered
        .into_iter()
        .map(|key| (ranked_doc(key), ranked_score(key)))
        .map(|(doc, score)| PartnerHit {
            index: doc as usize,
            id: index.partner_ids[doc as usize].clone(),
            score,
            highlights: match dataset.partners.get(doc as usize) {
                Some(partner) if !matched.is_empty() => {
                    let mut highlights = Vec::new();
                    let fields = found.fields(doc);
                    partner_texts(dataset, &index.lookups, partner, |slot, part, language, text| {
                        if fields & (1 << slot) == 0 {
                            return;
                        }
                        push_highlight(&mut highlights, &PARTNER_FIELDS, slot, part, language, text, &matched);
                    });
                    highlights
                }
                _ => Vec::new(),
            },
        })
        .collect();
    let counts = &found.counts;
    PartnerResults {
        total,
        hits,
        facets: PartnerFacetCounts {
            sectors: counts_of(Sector::ALL, &counts[PARTNER_FACET_SECTORS]),
            themes: plain_counts(&counts[PARTNER_FACET_THEMES]),
            areas: plain_counts(&counts[PARTNER_FACET_AREAS]),
            offer_kinds: counts_of(Kind::ALL, &counts[PARTNER_FACET_KINDS]),
        },
        postcode_areas: index.area_names(postcode_areas),
    }
}

#[cfg(all(test, feature = "serde"))]
mod tests;
