//! Verschilmaker's core as a WebAssembly module for JavaScript: load and check a dataset,
//! search, suggest, coalitions, the allocation round, insights, the rules for a plan, and the
//! exports, with plain JS objects and arrays in and out.
//!
//! This crate only converts: every answer comes from `verschilmaker` (the core crate), and
//! nothing here decides anything a municipality's data could depend on. What JavaScript passes
//! in is checked on the way (wrong types, unknown names and ids become thrown `Error`s with a
//! message, never a panic), and what goes out is described by the TypeScript interfaces in
//! `types.d.ts`, which wasm-bindgen puts into the generated `.d.ts`.
//!
//! A loaded dataset is a handle, a `Dataset` object of wasm-bindgen's, that owns the dataset and
//! its search and match indexes (each built on first use). `free()` releases it; wasm-bindgen's
//! classes also register with a `FinalizationRegistry`, so a handle that is forgotten is
//! released when the garbage collector takes it.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod convert;

use std::cell::OnceCell;
use std::sync::Arc;

use js_sys::{Error, JsString, Reflect};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

use verschilmaker::matching::{self, MatchConfig, MatchIndex};
use verschilmaker::search::{self, SearchIndex};
use verschilmaker::{Dataset, InitiativeId};

pub use convert::CheckedProblem;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

/// A loaded dataset: what `load` returns. Holds the dataset and, once asked for, its search
/// index and match index; `free()` releases all of them.
#[wasm_bindgen(js_name = Dataset)]
pub struct Handle {
    dataset: Arc<Dataset>,
    skipped: Vec<CheckedProblem>,
    warnings: Vec<CheckedProblem>,
    search: OnceCell<SearchIndex>,
    matching: OnceCell<MatchIndex>,
    /// The date matching and insights are for (`load`'s `today`), or none: no date is applied.
    today: Option<verschilmaker::Date>,
}

impl Handle {
    fn new(dataset: Dataset, skipped: Vec<CheckedProblem>, warnings: Vec<CheckedProblem>) -> Handle {
        Handle {
            dataset: Arc::new(dataset),
            skipped,
            warnings,
            search: OnceCell::new(),
            matching: OnceCell::new(),
            today: None,
        }
    }

    /// Core's matching configuration for this handle: the defaults, with its `today`.
    fn match_config(&self) -> MatchConfig {
        let mut config = MatchConfig::default();
        config.today = self.today;
        config
    }

    fn search_index(&self) -> &SearchIndex {
        self.search.get_or_init(|| search::build_index(Arc::clone(&self.dataset)))
    }

    fn match_index(&self) -> &MatchIndex {
        self.matching.get_or_init(|| MatchIndex::build(Arc::clone(&self.dataset), &self.match_config()))
    }

    /// The id of an initiative of the dataset, from a JS value that should be its id.
    ///
    /// Why `JsValue` and not `&str`? wasm-bindgen's glue does not check that a string argument is
    /// a string, and a number there reads memory out of bounds in the wasm.
    fn initiative_id(&self, id: &JsValue) -> Result<InitiativeId, JsValue> {
        let Some(id) = id.as_string() else {
            return Err(type_error("initiativeId must be a string"));
        };
        let parsed: InitiativeId = id.parse().map_err(|e| type_error(&format!("initiative id {id:?}: {e}")))?;
        if self.dataset.initiative(&parsed).is_none() {
            return Err(range_error(&format!("no initiative with the id {id:?}")));
        }
        Ok(parsed)
    }
}

#[wasm_bindgen(js_class = Dataset)]
impl Handle {
    /// The records a lenient load skipped, each with the path of its problem (empty after a
    /// strict load).
    #[wasm_bindgen(getter, unchecked_return_type = "Problem[]")]
    pub fn skipped(&self) -> Result<JsValue, JsValue> {
        to_js(&self.skipped)
    }

    /// The warnings of the load: problems that did not stop anything from being used.
    #[wasm_bindgen(getter, unchecked_return_type = "Problem[]")]
    pub fn warnings(&self) -> Result<JsValue, JsValue> {
        to_js(&self.warnings)
    }

    /// The municipality's name.
    #[wasm_bindgen(getter, js_name = municipality)]
    pub fn municipality(&self) -> String {
        self.dataset.municipality.name.clone()
    }

    /// The ids of the initiatives, in the dataset's order.
    #[wasm_bindgen(js_name = initiativeIds)]
    pub fn initiative_ids(&self) -> Vec<JsString> {
        self.dataset.initiatives.iter().map(|i| JsString::from(i.id.as_str())).collect()
    }

    /// One initiative as the format writes it (texts as strings or per language), or
    /// `undefined` for an unknown id.
    #[wasm_bindgen(unchecked_return_type = "Initiative | undefined")]
    pub fn initiative(&self, #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue) -> Result<JsValue, JsValue> {
        let Some(Ok(id)) = id.as_string().map(|id| id.parse::<InitiativeId>()) else { return Ok(JsValue::UNDEFINED) };
        match self.dataset.initiative(&id) {
            Some(initiative) => to_js(initiative),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// The whole dataset as a plain object in the format `verschilmaker/1`.
    #[wasm_bindgen(js_name = toObject, unchecked_return_type = "DatasetDocument")]
    pub fn to_object(&self) -> Result<JsValue, JsValue> {
        to_js(&*self.dataset)
    }
}

/// Loads a dataset from JSON text, the bytes of a file (`Uint8Array`) or a plain object in the
/// format `verschilmaker/1`.
///
/// Strict by default: any error throws an `Error` named `LoadError` whose `problems` lists
/// every problem with its path. With `{lenient: true}` broken records are skipped (listed in the
/// handle's `skipped`) and only a document that cannot be used at all throws. With `{today:
/// "YYYY-MM-DD"}` matching and the insights' gaps follow that date, as in the widget: needs and
/// offers whose period has ended are left out.
#[wasm_bindgen(unchecked_return_type = "Dataset")]
pub fn load(
    #[wasm_bindgen(unchecked_param_type = "string | object | Uint8Array")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "LoadOptions")] options: Option<JsValue>,
) -> Result<Handle, JsValue> {
    let options: convert::LoadOptions = from_js_or_default(options, "options")?;
    let today = options.today().map_err(|e| type_error(&e))?;
    let json = document_bytes(&input)?;
    let with_today = |mut handle: Handle| {
        handle.today = today;
        handle
    };
    if options.lenient {
        match Dataset::from_json_bytes_lenient(&json) {
            Ok(loaded) => {
                let skipped = loaded.skipped.iter().map(CheckedProblem::from).collect();
                let warnings = loaded.warnings.iter().map(CheckedProblem::from).collect();
                Ok(with_today(Handle::new(loaded.dataset, skipped, warnings)))
            }
            Err(error) => Err(load_error(&error.to_string(), error.problems())),
        }
    } else {
        let problems = verschilmaker::check_bytes(&json);
        if problems.iter().any(|p| p.is_error()) {
            let message = match Dataset::from_json_bytes_strict(&json) {
                Err(error) => error.to_string(),
                Ok(_) => "the dataset has errors".to_owned(),
            };
            return Err(load_error(&message, &problems));
        }
        let dataset = Dataset::from_json_bytes_strict(&json).map_err(|e| load_error(&e.to_string(), e.problems()))?;
        let warnings = problems.iter().map(CheckedProblem::from).collect();
        Ok(with_today(Handle::new(dataset, Vec::new(), warnings)))
    }
}

/// Checks a dataset strictly, as `www check` does: every problem, errors and warnings, in
/// document order; each with `text`, the line `www check` prints after the file name. An empty
/// list means the dataset is ready to publish. Given the file's bytes (a `Uint8Array`, such as
/// Node's `readFileSync` gives), bytes that are not UTF-8 are a problem with their line and
/// column, as in `www check`, and the rest is checked as well.
#[wasm_bindgen(unchecked_return_type = "Problem[]")]
pub fn check(
    #[wasm_bindgen(unchecked_param_type = "string | object | Uint8Array")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let problems = verschilmaker::check_bytes(&document_bytes(&input)?);
    let problems: Vec<CheckedProblem> = problems.iter().map(CheckedProblem::from).collect();
    to_js(&problems)
}

/// Searches the initiatives: `query` is the text typed or a `SearchQuery`; `filters` are the
/// facets. The hits come with highlights (UTF-16 ranges into the texts they name) and the
/// disjunctive counts per facet value.
#[wasm_bindgen(unchecked_return_type = "SearchResults")]
pub fn search(
    dataset: &Handle,
    #[wasm_bindgen(unchecked_param_type = "string | SearchQuery")] query: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SearchFilters")] filters: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let query: convert::SearchQuery = match query.as_string() {
        Some(text) => convert::SearchQuery { text, ..Default::default() },
        None => from_js_or_default(Some(query), "query")?,
    };
    let filters: convert::SearchFilters = from_js_or_default(filters, "filters")?;
    let query = convert::core_query(query, filters).map_err(|e| type_error(&e))?;
    let index = dataset.search_index();
    let results = search::search(index, &query);
    to_js(&convert::search_results(&dataset.dataset, &results))
}

/// The partners and offers that could help `initiativeId`, best first: the top `k` offers per
/// open need (none for a need that commitments cover) and the top `k` partners, each partner
/// with the reasons of its best offer as codes and as texts in `options.lang` (`nl` or `en`,
/// default `nl`).
#[wasm_bindgen(unchecked_return_type = "Suggestions")]
pub fn suggest(
    dataset: &Handle,
    #[wasm_bindgen(js_name = initiativeId, unchecked_param_type = "string")] initiative_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] k: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "LangOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let options: convert::LangOptions = from_js_or_default(options, "options")?;
    let id = dataset.initiative_id(&initiative_id)?;
    let k = match k.as_f64() {
        Some(k) if k >= 0.0 && k.fract() == 0.0 => k,
        _ => return Err(type_error("k must be a whole number ≥ 0")),
    };
    // No answer is longer than the dataset has offers; a huge k asks for nothing more.
    let offers: usize = dataset.dataset.partners.iter().map(|p| p.offers.len()).sum();
    let k = (k.min(usize::MAX as f64) as usize).min(offers.max(dataset.dataset.partners.len()));
    let index = dataset.match_index();
    let suggestions = matching::suggest_for_initiative(index, &id, k);
    let Some(initiative) = index.initiative(&id) else {
        return Err(range_error(&format!("no initiative with the id {:?}", id.as_str())));
    };
    to_js(&convert::suggestions(index, initiative, &suggestions, options.lang()))
}

/// The fewest partners that together cover `initiativeId`'s required needs.
#[wasm_bindgen(unchecked_return_type = "Coalition")]
pub fn coalition(
    dataset: &Handle,
    #[wasm_bindgen(js_name = initiativeId, unchecked_param_type = "string")] initiative_id: JsValue,
) -> Result<JsValue, JsValue> {
    let id = dataset.initiative_id(&initiative_id)?;
    to_js(&convert::coalition(&matching::coalition(dataset.match_index(), &id)))
}

/// The allocation round: the optimal division of the partners' open capacity over all open
/// needs, every assignment with its score and reasons. `options.fairnessFloor` gives every open
/// need at least that share first; `options.candidatesPerNeed` the offers per need considered.
#[wasm_bindgen(unchecked_return_type = "Allocation")]
pub fn allocate(
    dataset: &Handle,
    #[wasm_bindgen(unchecked_optional_param_type = "AllocateOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let options: convert::AllocateOptions = from_js_or_default(options, "options")?;
    let mut config = options.config().map_err(|e| range_error(&e))?;
    config.today = dataset.today;
    let lang = options.lang.unwrap_or_default();
    let own;
    let index = if config == dataset.match_config() {
        dataset.match_index()
    } else {
        own = MatchIndex::build(Arc::clone(&dataset.dataset), &config);
        &own
    };
    let result = matching::allocate(index).map_err(|e| Error::new(&format!("the allocation round failed: {e}")))?;
    to_js(&convert::allocation(index, &result, lang.as_str()))
}

/// The facilitator's figures: open and covered per kind, theme and area, capacity use, the
/// sector mix, initiatives per stage and the gaps.
#[wasm_bindgen(unchecked_return_type = "Insights")]
pub fn insights(dataset: &Handle) -> Result<JsValue, JsValue> {
    to_js(&convert::insights(&verschilmaker::insights::insights_on(&dataset.dataset, dataset.today)))
}

/// The policy rules that apply to a plan: an initiative in the format (`id`, `title`, `stage`
/// and whatever else is known), which need not be in the dataset. A plan that is not a valid
/// initiative throws a `LoadError` with its problems, their paths starting at `plan`.
#[wasm_bindgen(js_name = rulesFor, unchecked_return_type = "Rule[]")]
pub fn rules_for(
    dataset: &Handle,
    #[wasm_bindgen(unchecked_param_type = "Initiative")] plan: JsValue,
) -> Result<JsValue, JsValue> {
    let plan: serde_json::Value = from_js(plan, "plan")?;
    let document = convert::plan_document(&dataset.dataset, plan).map_err(|e| Error::new(&e))?;
    let text = serde_json::to_string(&document).map_err(|e| Error::new(&e.to_string()))?;
    let with_plan = Dataset::from_json_strict(&text).map_err(|error| {
        let problems = convert::plan_problems(error.problems());
        load_error_from(&format!("the plan is not a valid initiative: {}", problems_summary(&problems)), &problems)
    })?;
    let Some(initiative) = with_plan.initiatives.first() else {
        return Err(Error::new("the plan did not load").into());
    };
    let rules: Vec<_> = matching::applicable_rules(&dataset.dataset, initiative).into_iter().cloned().collect();
    to_js(&rules)
}

/// The dataset as pretty-printed JSON, ready to publish.
#[wasm_bindgen(js_name = exportJson)]
pub fn export_json(dataset: &Handle) -> String {
    verschilmaker::exchange::export_json(&dataset.dataset)
}

/// Every collection as a CSV file for Excel (`;`, decimal comma, UTF-8 with BOM): names and bytes.
#[wasm_bindgen(js_name = exportCsv, unchecked_return_type = "CsvFile[]")]
pub fn export_csv(dataset: &Handle) -> Result<JsValue, JsValue> {
    let files = js_sys::Array::new();
    for sheet in verschilmaker::exchange::export_sheets(&dataset.dataset) {
        let file = js_sys::Object::new();
        Reflect::set(&file, &"name".into(), &sheet.name.into())?;
        Reflect::set(&file, &"bytes".into(), &js_sys::Uint8Array::from(sheet.bytes.as_slice()))?;
        files.push(&file);
    }
    Ok(files.into())
}

/// The pitch agenda as iCalendar text. `options.now` (an RFC 3339 date-time or a date) is written
/// as every event's `DTSTAMP` and defaults to the current time; `options.languages` are the
/// languages of the titles, most wanted first.
#[wasm_bindgen(js_name = exportICalendar)]
pub fn export_icalendar(
    dataset: &Handle,
    #[wasm_bindgen(unchecked_optional_param_type = "CalendarOptions")] options: Option<JsValue>,
) -> Result<String, JsValue> {
    let options: convert::CalendarOptions = from_js_or_default(options, "options")?;
    let now = match options.now {
        Some(now) => now,
        None => String::from(js_sys::Date::new_0().to_iso_string()),
    };
    let now = now.parse().map_err(|e| range_error(&format!("options.now {now:?}: {e}")))?;
    let languages: Vec<&str> = options.languages.iter().map(String::as_str).collect();
    let config = verschilmaker::exchange::CalendarConfig { now, languages: &languages };
    Ok(verschilmaker::exchange::export_icalendar(&dataset.dataset, &config))
}

/// The initiatives as schema.org JSON-LD text; with `options.pageUrl` every item gets an `@id`
/// on that page.
#[wasm_bindgen(js_name = exportJsonLd)]
pub fn export_json_ld(
    dataset: &Handle,
    #[wasm_bindgen(unchecked_optional_param_type = "JsonLdOptions")] options: Option<JsValue>,
) -> Result<String, JsValue> {
    let options: convert::JsonLdOptions = from_js_or_default(options, "options")?;
    let config = verschilmaker::exchange::JsonLdConfig { page_url: options.page_url.as_deref() };
    Ok(verschilmaker::exchange::export_json_ld(&dataset.dataset, &config))
}

/// The text of a dataset document: a string as it is, anything else as the engine's
/// `JSON.stringify` writes it.
///
/// Why text? Core's loader reads JSON text (`check`, `from_json_strict`, `from_json_lenient`):
/// that is where the paths, the lenient skipping and every rule of the format live, and this
/// crate does not copy them. The engine's own `JSON.stringify` is the quickest way from an
/// object to that text, and it throws on what JSON cannot hold (cycles, `BigInt`), which
/// becomes a `TypeError` here.
/// The document's bytes: a `Uint8Array` as it is, text or an object as UTF-8.
fn document_bytes(input: &JsValue) -> Result<Vec<u8>, JsValue> {
    match input.dyn_ref::<js_sys::Uint8Array>() {
        Some(bytes) => Ok(bytes.to_vec()),
        None => document_text(input).map(String::into_bytes),
    }
}

fn document_text(input: &JsValue) -> Result<String, JsValue> {
    if let Some(text) = input.as_string() {
        return Ok(text);
    }
    if !input.is_object() || input.is_null() {
        return Err(type_error("load and check take JSON text or a plain object"));
    }
    let text = js_sys::JSON::stringify(input).map_err(|e| {
        let why = e.dyn_ref::<Error>().map(|e| String::from(e.message())).unwrap_or_default();
        type_error(&format!("the dataset object is not JSON: {why}"))
    })?;
    text.as_string().ok_or_else(|| type_error("the dataset object is not JSON"))
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| Error::new(&format!("cannot convert the answer: {e}")).into())
}

fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| type_error(&format!("{what}: {e}")))
}

/// An options object from JavaScript: `undefined` and `null` give the defaults, and a property
/// that is not one of `T`'s is an error rather than ignored, so that a typo (`needkinds`) does not
/// silently filter nothing.
///
/// Why check the names here? serde-wasm-bindgen reads a struct by looking up each of its fields
/// on the object, so it never sees the others and `deny_unknown_fields` cannot fire.
fn from_js_or_default<T: DeserializeOwned + Default + convert::Fields>(
    value: Option<JsValue>,
    what: &str,
) -> Result<T, JsValue> {
    let Some(value) = value.filter(|value| !value.is_undefined() && !value.is_null()) else {
        return Ok(T::default());
    };
    if let Some(object) = value.dyn_ref::<js_sys::Object>().filter(|_| !value.is_function()) {
        for key in js_sys::Object::keys(object).iter() {
            let key = key.as_string().unwrap_or_default();
            if !T::FIELDS.contains(&key.as_str()) {
                return Err(type_error(&format!(
                    "{what}: unknown property {key:?}; expected one of {}",
                    T::FIELDS.join(", ")
                )));
            }
        }
    }
    from_js(value, what)
}

fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

fn range_error(message: &str) -> JsValue {
    js_sys::RangeError::new(message).into()
}

fn load_error(message: &str, problems: &[verschilmaker::Problem]) -> JsValue {
    let problems: Vec<CheckedProblem> = problems.iter().map(CheckedProblem::from).collect();
    load_error_from(message, &problems)
}

/// An `Error` named `LoadError` with the problems as its `problems` property.
fn load_error_from(message: &str, problems: &[CheckedProblem]) -> JsValue {
    let error = Error::new(message);
    error.set_name("LoadError");
    let list = to_js(problems).unwrap_or(JsValue::NULL);
    // Setting a property on a fresh Error object cannot fail.
    let _ = Reflect::set(&error, &"problems".into(), &list);
    error.into()
}

fn problems_summary(problems: &[CheckedProblem]) -> String {
    let errors: Vec<&str> = problems.iter().filter(|p| p.severity == "error").map(|p| p.text.as_str()).collect();
    errors.join("; ")
}
