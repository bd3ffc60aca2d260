//! The conversions between core's types and the plain objects JavaScript sees: options in
//! (checked, with the JS names in camelCase), answers out (ids as strings, enums by their format
//! names, reasons as codes with their texts, highlight ranges in UTF-16 code units).
//!
//! Nothing here decides anything: every number and every order comes from core.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use verschilmaker::insights::{Gap, GroupTotals, Insights, NeedTotals};
use verschilmaker::matching::{
    AllocationResult, Coalition, CoalitionMethod, InitiativeSuggestions, MatchConfig, MatchIndex, NeedRef, OfferRef,
    OfferSuggestion, Reason,
};
use verschilmaker::search::{Field, Filters, Highlight, NeedStatus, Query, Results, Sort};
use verschilmaker::{Dataset, Initiative, LatLon, Problem, Severity, Text};

/// A problem of a dataset as JavaScript gets it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckedProblem {
    /// The JSON path; empty for the document itself.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// `"error"` or `"warning"`.
    pub severity: &'static str,
    /// For syntax errors, the 1-based line.
    pub line: Option<usize>,
    /// For syntax errors, the 1-based column.
    pub column: Option<usize>,
    /// The line `www check` prints after the file name and `": "`.
    pub text: String,
}

impl From<&Problem> for CheckedProblem {
    fn from(problem: &Problem) -> CheckedProblem {
        CheckedProblem {
            path: problem.path.clone(),
            message: problem.message.clone(),
            severity: match problem.severity {
                Severity::Warning => "warning",
                // A severity core may add later counts as an error: the safe side for a check.
                _ => "error",
            },
            line: problem.position.map(|(line, _)| line),
            column: problem.position.map(|(_, column)| column),
            text: problem.to_string(),
        }
    }
}

/// The path of the plan inside the document `rules_for` loads it in.
const PLAN_PATH: &str = "initiatives[0]";

/// A problem of the document built around a plan, with its path starting at `plan`.
fn into_plan_problem(mut problem: CheckedProblem) -> CheckedProblem {
    if let Some(rest) = problem.path.strip_prefix(PLAN_PATH) {
        let path = format!("plan{rest}");
        problem.text = problem.text.replacen(PLAN_PATH, "plan", 1);
        problem.path = path;
    }
    problem
}

/// The property names of an options object, as JavaScript writes them.
pub(crate) trait Fields {
    /// Every property the object may have.
    const FIELDS: &'static [&'static str];
}

/// `load`'s options.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct LoadOptions {
    pub lenient: bool,
    /// The date matching and insights are for, `YYYY-MM-DD`.
    pub today: Option<String>,
}

impl LoadOptions {
    /// The date of `today`, when given; an error names the option.
    pub fn today(&self) -> Result<Option<verschilmaker::Date>, String> {
        self.today
            .as_deref()
            .map(|text| {
                text.parse::<verschilmaker::Date>()
                    .map_err(|_| format!("options.today must be a date written YYYY-MM-DD, not {text:?}"))
            })
            .transpose()
    }
}

/// Options that only pick the language of the reasons' texts.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct LangOptions {
    pub lang: Lang,
}

impl LangOptions {
    pub fn lang(&self) -> &'static str {
        self.lang.as_str()
    }
}

/// The languages reasons are written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }
}

/// A point, for sorting by distance.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Point {
    lat: f64,
    lon: f64,
}

/// A search as JavaScript writes it.
#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct SearchQuery {
    pub text: String,
    pub sort: SortName,
    pub near: Option<Point>,
    pub offset: usize,
    pub limit: usize,
    pub typos: bool,
    pub stemming: bool,
}

impl Default for SearchQuery {
    /// Core's defaults (`Query::default()`).
    fn default() -> SearchQuery {
        let core = Query::default();
        SearchQuery {
            text: core.text,
            sort: SortName::Relevance,
            near: None,
            offset: core.offset,
            limit: core.limit,
            typos: core.typos,
            stemming: core.stemming,
        }
    }
}

/// The orders of hits, by their JS names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) enum SortName {
    #[default]
    Relevance,
    Newest,
    MostOpenNeeds,
    Nearest,
}

/// The facet filters as JavaScript writes them: format names and ids as strings.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct SearchFilters {
    pub themes: Vec<String>,
    pub areas: Vec<String>,
    pub stages: Vec<String>,
    pub need_kinds: Vec<String>,
    pub sectors: Vec<String>,
    pub need_status: Vec<String>,
    pub postcode: Option<String>,
}

/// Parses each name of `names` (at `what`), or says which one is wrong.
fn parse_all<T: std::str::FromStr>(names: &[String], what: &str) -> Result<Vec<T>, String>
where
    T::Err: std::fmt::Display,
{
    names.iter().enumerate().map(|(at, name)| name.parse().map_err(|e| format!("filters.{what}[{at}]: {e}"))).collect()
}

/// Core's query for a query and filters from JavaScript.
pub(crate) fn core_query(query: SearchQuery, filters: SearchFilters) -> Result<Query, String> {
    let need_status = filters
        .need_status
        .iter()
        .enumerate()
        .map(|(at, name)| match name.as_str() {
            "open" => Ok(NeedStatus::Open),
            "covered" => Ok(NeedStatus::Covered),
            other => Err(format!("filters.needStatus[{at}]: {other:?} is not \"open\" or \"covered\"")),
        })
        .collect::<Result<_, _>>()?;
    let sort = match (query.sort, query.near) {
        (SortName::Relevance, _) => Sort::Relevance,
        (SortName::Newest, _) => Sort::Newest,
        (SortName::MostOpenNeeds, _) => Sort::MostOpenNeeds,
        (SortName::Nearest, Some(point)) => Sort::Nearest(LatLon { lat: point.lat, lon: point.lon }),
        (SortName::Nearest, None) => return Err("query.sort \"nearest\" needs query.near {lat, lon}".to_owned()),
    };
    let core = Query {
        text: query.text,
        filters: Filters {
            themes: parse_all(&filters.themes, "themes")?,
            areas: parse_all(&filters.areas, "areas")?,
            stages: parse_all(&filters.stages, "stages")?,
            need_kinds: parse_all(&filters.need_kinds, "needKinds")?,
            sectors: parse_all(&filters.sectors, "sectors")?,
            need_status,
            postcode: filters.postcode,
        },
        sort,
        offset: query.offset,
        limit: query.limit,
        typos: query.typos,
        stemming: query.stemming,
    };
    Ok(core)
}

/// One facet value and its count.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct FacetOut {
    value: String,
    count: usize,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct FacetsOut {
    themes: Vec<FacetOut>,
    areas: Vec<FacetOut>,
    stages: Vec<FacetOut>,
    need_kinds: Vec<FacetOut>,
    sectors: Vec<FacetOut>,
    need_status: Vec<FacetOut>,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct HighlightOut {
    field: &'static str,
    position: Option<usize>,
    language: Option<String>,
    text: String,
    ranges: Vec<[usize; 2]>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct HitOut {
    id: String,
    score: f32,
    distance_km: Option<f64>,
    highlights: Vec<HighlightOut>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SearchResultsOut {
    pub total: usize,
    pub hits: Vec<HitOut>,
    facets: FacetsOut,
    postcode_areas: Option<Vec<String>>,
}

/// Search results for JavaScript.
pub(crate) fn search_results(dataset: &Dataset, results: &Results) -> SearchResultsOut {
    let counted = |ids: Vec<String>, counts: &[usize]| -> Vec<FacetOut> {
        ids.into_iter().zip(counts).map(|(value, count)| FacetOut { value, count: *count }).collect()
    };
    let named = |pairs: Vec<(String, usize)>| -> Vec<FacetOut> {
        pairs.into_iter().map(|(value, count)| FacetOut { value, count }).collect()
    };
    let facets = &results.facets;
    SearchResultsOut {
        total: results.total,
        hits: results
            .hits
            .iter()
            .map(|hit| HitOut {
                id: hit.id.to_string(),
                score: hit.score,
                distance_km: hit.distance_km,
                highlights: dataset
                    .initiatives
                    .get(hit.index)
                    .map(|initiative| hit.highlights.iter().map(|h| highlight(dataset, initiative, h)).collect())
                    .unwrap_or_default(),
            })
            .collect(),
        facets: FacetsOut {
            themes: counted(dataset.themes.iter().map(|t| t.id.to_string()).collect(), &facets.themes),
            areas: counted(dataset.areas.iter().map(|a| a.id.to_string()).collect(), &facets.areas),
            stages: named(facets.stages.iter().map(|f| (f.value.to_string(), f.count)).collect()),
            need_kinds: named(facets.need_kinds.iter().map(|f| (f.value.to_string(), f.count)).collect()),
            sectors: named(facets.sectors.iter().map(|f| (f.value.to_string(), f.count)).collect()),
            need_status: named(
                facets
                    .need_status
                    .iter()
                    .map(|f| (if f.value == NeedStatus::Covered { "covered" } else { "open" }.to_owned(), f.count))
                    .collect(),
            ),
        },
        postcode_areas: results.postcode_areas.as_ref().map(|ids| ids.iter().map(|id| id.to_string()).collect()),
    }
}

/// The text a highlight is about, found the way [`Field`] documents it.
fn highlighted_text<'d>(dataset: &'d Dataset, initiative: &'d Initiative, field: Field) -> Option<Texted<'d>> {
    Some(match field {
        Field::Title => Texted::Text(&initiative.title),
        Field::Summary => Texted::Text(initiative.summary.as_ref()?),
        Field::Description => Texted::Text(initiative.description.as_ref()?),
        Field::Need(at) => Texted::Text(initiative.needs.get(at)?.description.as_ref()?),
        Field::Theme(at) => Texted::Text(&dataset.theme(initiative.themes.get(at)?)?.name),
        Field::Initiator(at) => Texted::Plain(&initiative.initiators.get(at)?.name),
        Field::Area(up) => {
            let mut area = dataset.area(initiative.area.as_ref()?)?;
            for _ in 0..up {
                area = dataset.area(area.parent.as_ref()?)?;
            }
            Texted::Plain(&area.name)
        }
        _ => return None,
    })
}

enum Texted<'d> {
    Text(&'d Text),
    Plain(&'d str),
}

fn field_name(field: Field) -> (&'static str, Option<usize>) {
    match field {
        Field::Title => ("title", None),
        Field::Summary => ("summary", None),
        Field::Description => ("description", None),
        Field::Need(at) => ("need", Some(at)),
        Field::Theme(at) => ("theme", Some(at)),
        Field::Area(at) => ("area", Some(at)),
        Field::Initiator(at) => ("initiator", Some(at)),
        Field::Name => ("name", None),
        Field::Department => ("department", None),
        Field::Offer(at) => ("offer", Some(at)),
        _ => ("other", None),
    }
}

fn highlight(dataset: &Dataset, initiative: &Initiative, highlight: &Highlight) -> HighlightOut {
    let (field, position) = field_name(highlight.field);
    let text = match highlighted_text(dataset, initiative, highlight.field) {
        Some(Texted::Plain(text)) => text,
        Some(Texted::Text(Text::Plain(text))) => text.as_str(),
        Some(Texted::Text(Text::Translated(entries))) => entries
            .iter()
            .find(|(lang, _)| Some(lang.as_str()) == highlight.language.as_deref())
            .or(entries.first())
            .map_or("", |(_, text)| text.as_str()),
        None => "",
    };
    let ranges =
        highlight.ranges.iter().filter_map(|range| Some([utf16_at(text, range.start)?, utf16_at(text, range.end)?]));
    HighlightOut {
        field,
        position,
        language: highlight.language.clone(),
        text: text.to_owned(),
        ranges: ranges.collect(),
    }
}

/// The UTF-16 offset of the byte offset `at` of `text`, which JavaScript's strings count in;
/// `None` when `at` is not on a character boundary of `text`.
pub(crate) fn utf16_at(text: &str, at: usize) -> Option<usize> {
    text.get(..at).map(|before| before.encode_utf16().count())
}

/// A reason as JavaScript gets it: a stable code, its parameters, and the sentence.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct ReasonOut {
    code: &'static str,
    params: Value,
    text: String,
}

/// The code and parameters of a reason; the names follow core's variants.
pub(crate) fn reason_code(reason: &Reason) -> (&'static str, Value) {
    let ids = |ids: &[_]| ids.iter().map(|id: &verschilmaker::SkillId| id.to_string()).collect::<Vec<_>>();
    match reason {
        Reason::NoSkillsAsked => ("noSkillsAsked", json!({})),
        Reason::SharedSkills { shared, asked } => ("sharedSkills", json!({"shared": ids(shared), "asked": asked})),
        Reason::NoThemes => ("noThemes", json!({})),
        Reason::PartnerWithoutThemes => ("partnerWithoutThemes", json!({})),
        Reason::SharedThemes { shared, of } => {
            let shared: Vec<String> = shared.iter().map(|id| id.to_string()).collect();
            ("sharedThemes", json!({"shared": shared, "of": of}))
        }
        Reason::SameArea { area } => ("sameArea", json!({"area": area.as_str()})),
        Reason::ServesWiderArea { served, area } => {
            ("servesWiderArea", json!({"served": served.as_str(), "area": area.as_str()}))
        }
        Reason::ServesPartOfArea { served, area } => {
            ("servesPartOfArea", json!({"served": served.as_str(), "area": area.as_str()}))
        }
        Reason::NeighbouringArea { served, area } => {
            ("neighbouringArea", json!({"served": served.as_str(), "area": area.as_str()}))
        }
        Reason::WithinRadius { distance_km, radius_km } => {
            ("withinRadius", json!({"distanceKm": distance_km, "radiusKm": radius_km}))
        }
        Reason::ServesWholeMunicipality => ("servesWholeMunicipality", json!({})),
        Reason::InitiativeWholeMunicipality => ("initiativeWholeMunicipality", json!({})),
        Reason::NoPeriod => ("noPeriod", json!({})),
        Reason::PeriodOverlap { overlap_days, needed_days } => {
            ("periodOverlap", json!({"overlapDays": overlap_days, "neededDays": needed_days}))
        }
        Reason::Unquantified => ("unquantified", json!({})),
        Reason::AlreadyCovered => ("alreadyCovered", json!({})),
        Reason::CoversAll { offered, needed, unit } => {
            ("coversAll", json!({"offered": offered, "needed": needed, "unit": unit.as_str()}))
        }
        Reason::CoversPart { offered, needed, unit } => {
            ("coversPart", json!({"offered": offered, "needed": needed, "unit": unit.as_str()}))
        }
        Reason::NewSector { sector, present } => {
            let present: Vec<&str> = present.iter().map(|s| s.as_str()).collect();
            ("newSector", json!({"sector": sector.as_str(), "present": present}))
        }
        Reason::SectorPresent { sector } => ("sectorPresent", json!({"sector": sector.as_str()})),
        Reason::OfferUse { used, capacity } => ("offerUse", json!({"used": used, "capacity": capacity})),
        Reason::PartnerCommitments { count } => ("partnerCommitments", json!({"count": count})),
        Reason::NoWords => ("noWords", json!({})),
        Reason::SharedWords { words, of } => {
            let words: Vec<Value> = words.iter().map(|(lang, word)| json!({"lang": lang, "word": word})).collect();
            ("sharedWords", json!({"words": words, "of": of}))
        }
        // A reason core adds later still has its text.
        _ => ("other", json!({})),
    }
}

fn reason(dataset: &Dataset, reason: &Reason, lang: &str) -> ReasonOut {
    let (code, params) = reason_code(reason);
    ReasonOut { code, params, text: reason.render(dataset, lang) }
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct NeedRefOut {
    initiative: String,
    need: String,
}

impl From<&NeedRef> for NeedRefOut {
    fn from(need: &NeedRef) -> NeedRefOut {
        NeedRefOut { initiative: need.initiative.to_string(), need: need.need.to_string() }
    }
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct OfferRefOut {
    partner: String,
    offer: String,
}

impl From<&OfferRef> for OfferRefOut {
    fn from(offer: &OfferRef) -> OfferRefOut {
        OfferRefOut { partner: offer.partner.to_string(), offer: offer.offer.to_string() }
    }
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct OfferSuggestionOut {
    need: NeedRefOut,
    offer: OfferRefOut,
    score: f64,
}

impl From<&OfferSuggestion> for OfferSuggestionOut {
    fn from(s: &OfferSuggestion) -> OfferSuggestionOut {
        OfferSuggestionOut { need: (&s.need).into(), offer: (&s.offer).into(), score: s.score }
    }
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct NeedOffersOut {
    need: String,
    offers: Vec<OfferSuggestionOut>,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct PartnerSuggestionOut {
    partner: String,
    score: f64,
    offers: Vec<OfferSuggestionOut>,
    reasons: Vec<ReasonOut>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SuggestionsOut {
    per_need: Vec<NeedOffersOut>,
    partners: Vec<PartnerSuggestionOut>,
}

/// Suggestions for JavaScript: per need of `initiative` with the need's id (an empty list for a
/// need nobody fits), and per partner with its reasons.
pub(crate) fn suggestions(
    index: &MatchIndex,
    initiative: &Initiative,
    suggestions: &InitiativeSuggestions,
    lang: &str,
) -> SuggestionsOut {
    let dataset = index.dataset();
    SuggestionsOut {
        per_need: initiative
            .needs
            .iter()
            .zip(&suggestions.per_need)
            .map(|(need, offers)| NeedOffersOut {
                need: need.id.to_string(),
                offers: offers.iter().map(Into::into).collect(),
            })
            .collect(),
        partners: suggestions
            .partners
            .iter()
            .map(|partner| PartnerSuggestionOut {
                partner: partner.partner.to_string(),
                score: partner.score,
                offers: partner.offers.iter().map(Into::into).collect(),
                reasons: partner.reasons(index).iter().map(|r| reason(dataset, r, lang)).collect(),
            })
            .collect(),
    }
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct CoverageOut {
    need: String,
    covered: f64,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CoalitionOut {
    partners: Vec<String>,
    offers: Vec<OfferSuggestionOut>,
    coverage: Vec<CoverageOut>,
    complete: bool,
    total_score: f64,
    candidates: usize,
    method: &'static str,
}

pub(crate) fn coalition(coalition: &Coalition) -> CoalitionOut {
    CoalitionOut {
        partners: coalition.partners.iter().map(|p| p.to_string()).collect(),
        offers: coalition.offers.iter().map(Into::into).collect(),
        coverage: coalition
            .coverage
            .iter()
            .map(|(need, covered)| CoverageOut { need: need.to_string(), covered: *covered })
            .collect(),
        complete: coalition.complete,
        total_score: coalition.total_score,
        candidates: coalition.candidates,
        method: match coalition.method {
            CoalitionMethod::Exact => "exact",
            _ => "greedy",
        },
    }
}

/// `allocate`'s options.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct AllocateOptions {
    pub fairness_floor: Option<f64>,
    pub candidates_per_need: Option<usize>,
    pub lang: Option<Lang>,
}

impl AllocateOptions {
    /// Core's configuration: its defaults with what the options give.
    pub fn config(&self) -> Result<MatchConfig, String> {
        let mut config = MatchConfig::default();
        if let Some(floor) = self.fairness_floor {
            if !(0.0..=1.0).contains(&floor) {
                return Err(format!("options.fairnessFloor must be between 0 and 1, not {floor}"));
            }
            config.fairness_floor = Some(floor);
        }
        if let Some(candidates) = self.candidates_per_need {
            if candidates == 0 {
                return Err("options.candidatesPerNeed must be at least 1".to_owned());
            }
            config.candidates_per_need = candidates;
        }
        Ok(config)
    }
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct AssignmentOut {
    need: NeedRefOut,
    offer: OfferRefOut,
    amount: f64,
    score: f64,
    reasons: Vec<ReasonOut>,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct UnmetOut {
    need: NeedRefOut,
    open: f64,
    assigned: f64,
    unmet: f64,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct IdleOut {
    offer: OfferRefOut,
    open: f64,
    assigned: f64,
    idle: f64,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct AllocationOut {
    assignments: Vec<AssignmentOut>,
    unmet: Vec<UnmetOut>,
    idle: Vec<IdleOut>,
    objective: f64,
}

pub(crate) fn allocation(index: &MatchIndex, result: &AllocationResult, lang: &str) -> AllocationOut {
    let dataset = index.dataset();
    AllocationOut {
        assignments: result
            .assignments
            .iter()
            .map(|a| AssignmentOut {
                need: (&a.need).into(),
                offer: (&a.offer).into(),
                amount: a.amount,
                score: a.explanation.score,
                reasons: a.explanation.components.iter().map(|c| reason(dataset, &c.reason, lang)).collect(),
            })
            .collect(),
        unmet: result
            .unmet
            .iter()
            .map(|u| UnmetOut { need: (&u.need).into(), open: u.open, assigned: u.assigned, unmet: u.unmet })
            .collect(),
        idle: result
            .idle
            .iter()
            .map(|i| IdleOut { offer: (&i.offer).into(), open: i.open, assigned: i.assigned, idle: i.idle })
            .collect(),
        objective: result.objective,
    }
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct NeedTotalsOut {
    kind: &'static str,
    unit: String,
    needs: usize,
    open_needs: usize,
    needed: f64,
    covered: f64,
    open: f64,
}

impl From<&NeedTotals> for NeedTotalsOut {
    fn from(t: &NeedTotals) -> NeedTotalsOut {
        NeedTotalsOut {
            kind: t.kind.as_str(),
            unit: t.unit.clone(),
            needs: t.needs,
            open_needs: t.open_needs,
            needed: t.needed,
            covered: t.covered,
            open: t.open,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct GroupOut {
    key: Option<String>,
    initiatives: usize,
    totals: Vec<NeedTotalsOut>,
}

fn group<K>(group: &GroupTotals<K>, key: Option<String>) -> GroupOut {
    GroupOut { key, initiatives: group.initiatives, totals: group.totals.iter().map(Into::into).collect() }
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct OfferUseOut {
    partner: String,
    offer: String,
    kind: &'static str,
    unit: String,
    per: &'static str,
    capacity: Option<f64>,
    used: f64,
    commitments: usize,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct CapacityOut {
    kind: &'static str,
    unit: String,
    offers: usize,
    offered: f64,
    used: f64,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct SectorCountOut {
    sector: &'static str,
    count: usize,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct SectorMixOut {
    initiative: String,
    sectors: Vec<SectorCountOut>,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct StageOut {
    stage: &'static str,
    initiatives: usize,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct GapOut {
    key: Option<String>,
    kind: &'static str,
    unit: String,
    needs: usize,
    open: f64,
    initiatives: Vec<String>,
}

fn gap<K>(gap: &Gap<K>, key: Option<String>) -> GapOut {
    GapOut {
        key,
        kind: gap.kind.as_str(),
        unit: gap.unit.clone(),
        needs: gap.needs,
        open: gap.open,
        initiatives: gap.initiatives.iter().map(ToString::to_string).collect(),
    }
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct InsightsOut {
    by_kind: Vec<NeedTotalsOut>,
    by_theme: Vec<GroupOut>,
    by_area: Vec<GroupOut>,
    offers: Vec<OfferUseOut>,
    capacity: Vec<CapacityOut>,
    sector_mix: Vec<SectorMixOut>,
    stages: Vec<StageOut>,
    area_gaps: Vec<GapOut>,
    theme_gaps: Vec<GapOut>,
}

pub(crate) fn insights(insights: &Insights) -> InsightsOut {
    // Themes always have a key; areas may not (initiatives of the whole municipality).
    let area = |key: &Option<verschilmaker::AreaId>| key.as_ref().map(ToString::to_string);
    InsightsOut {
        by_kind: insights.by_kind.iter().map(Into::into).collect(),
        by_theme: insights.by_theme.iter().map(|g| group(g, Some(g.key.to_string()))).collect(),
        by_area: insights.by_area.iter().map(|g| group(g, area(&g.key))).collect(),
        offers: insights
            .offers
            .iter()
            .map(|o| OfferUseOut {
                partner: o.partner.to_string(),
                offer: o.offer.to_string(),
                kind: o.kind.as_str(),
                unit: o.unit.clone(),
                per: o.per.as_str(),
                capacity: o.capacity,
                used: o.used,
                commitments: o.commitments,
            })
            .collect(),
        capacity: insights
            .capacity
            .iter()
            .map(|c| CapacityOut {
                kind: c.kind.as_str(),
                unit: c.unit.clone(),
                offers: c.offers,
                offered: c.offered,
                used: c.used,
            })
            .collect(),
        sector_mix: insights
            .sector_mix
            .iter()
            .map(|m| SectorMixOut {
                initiative: m.initiative.to_string(),
                sectors: m
                    .sectors
                    .iter()
                    .map(|(s, count)| SectorCountOut { sector: s.as_str(), count: *count })
                    .collect(),
            })
            .collect(),
        stages: insights
            .stages
            .iter()
            .map(|s| StageOut { stage: s.stage.as_str(), initiatives: s.initiatives })
            .collect(),
        area_gaps: insights.area_gaps.iter().map(|g| gap(g, area(&g.key))).collect(),
        theme_gaps: insights.theme_gaps.iter().map(|g| gap(g, Some(g.key.to_string()))).collect(),
    }
}

/// `exportICalendar`'s options.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct CalendarOptions {
    pub now: Option<String>,
    pub languages: Vec<String>,
}

/// `exportJsonLd`'s options.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct JsonLdOptions {
    pub page_url: Option<String>,
}

/// A document of the format with the dataset's vocabularies (municipality, areas, themes,
/// skills, and the editions without the initiatives they list, which are not in it) and `plan`
/// as its one initiative, so that core's loader checks the plan (its references included) and
/// turns it into an [`Initiative`].
pub(crate) fn plan_document(dataset: &Dataset, plan: Value) -> Result<Value, String> {
    let value = |v: Result<Value, serde_json::Error>| v.map_err(|e| format!("cannot write the dataset: {e}"));
    let mut editions = value(serde_json::to_value(&dataset.editions))?;
    if let Value::Array(editions) = &mut editions {
        for edition in editions {
            if let Value::Object(edition) = edition {
                edition.remove("initiatives");
            }
        }
    }
    Ok(json!({
        "schema": dataset.schema,
        "municipality": value(serde_json::to_value(&dataset.municipality))?,
        "areas": value(serde_json::to_value(&dataset.areas))?,
        "themes": value(serde_json::to_value(&dataset.themes))?,
        "skills": value(serde_json::to_value(&dataset.skills))?,
        "editions": editions,
        "initiatives": [plan],
    }))
}

/// The problems of a plan's document that are the plan's, with their paths starting at `plan`.
pub(crate) fn plan_problems(problems: &[Problem]) -> Vec<CheckedProblem> {
    let all: Vec<CheckedProblem> = problems.iter().map(CheckedProblem::from).collect();
    let mine: Vec<CheckedProblem> =
        all.iter().filter(|p| p.path.starts_with(PLAN_PATH)).cloned().map(into_plan_problem).collect();
    if mine.is_empty() { all } else { mine }
}

impl Fields for LoadOptions {
    const FIELDS: &'static [&'static str] = &["lenient", "today"];
}

impl Fields for LangOptions {
    const FIELDS: &'static [&'static str] = &["lang"];
}

impl Fields for SearchQuery {
    const FIELDS: &'static [&'static str] = &["text", "sort", "near", "offset", "limit", "typos", "stemming"];
}

impl Fields for SearchFilters {
    const FIELDS: &'static [&'static str] =
        &["themes", "areas", "stages", "needKinds", "sectors", "needStatus", "postcode"];
}

impl Fields for AllocateOptions {
    const FIELDS: &'static [&'static str] = &["fairnessFloor", "candidatesPerNeed", "lang"];
}

impl Fields for CalendarOptions {
    const FIELDS: &'static [&'static str] = &["now", "languages"];
}

impl Fields for JsonLdOptions {
    const FIELDS: &'static [&'static str] = &["pageUrl"];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_count_code_units() {
        let text = "Één 🌱 tuin";
        // "Éé" is two bytes each, "n " one each, the seedling four bytes and two code units.
        assert_eq!(utf16_at(text, 0), Some(0));
        assert_eq!(utf16_at(text, 4), Some(2));
        assert_eq!(utf16_at(text, text.find("tuin").unwrap()), Some(7));
        assert_eq!(utf16_at(text, 1), None, "inside a character");
        assert_eq!(utf16_at(text, 100), None, "beyond the end");
    }

    #[test]
    fn query_names_become_core_values_and_wrong_ones_are_named() {
        let filters =
            SearchFilters { stages: vec!["idea".into()], need_status: vec!["open".into()], ..SearchFilters::default() };
        let query = core_query(SearchQuery { text: "tuin".into(), ..SearchQuery::default() }, filters).unwrap();
        assert_eq!(query.text, "tuin");
        assert_eq!(query.filters.stages, ["idea".parse().unwrap()]);
        assert_eq!(query.filters.need_status, [NeedStatus::Open]);
        assert_eq!((query.limit, query.typos), (Query::default().limit, Query::default().typos));

        let wrong = SearchFilters { stages: vec!["dancing".into()], ..SearchFilters::default() };
        let error = core_query(SearchQuery::default(), wrong).unwrap_err();
        assert!(error.starts_with("filters.stages[0]: "), "{error}");
        let nearest = SearchQuery { sort: SortName::Nearest, ..SearchQuery::default() };
        assert!(core_query(nearest, SearchFilters::default()).is_err());
    }

    #[test]
    fn plan_problems_are_named_from_the_plan() {
        let problem = CheckedProblem {
            path: "initiatives[0].stage".into(),
            message: "bad".into(),
            severity: "error",
            line: None,
            column: None,
            text: "initiatives[0].stage: bad".into(),
        };
        let renamed = into_plan_problem(problem);
        assert_eq!((renamed.path.as_str(), renamed.text.as_str()), ("plan.stage", "plan.stage: bad"));
    }
}
