//! The loaded dataset with what the views need from it: the search index, the match index,
//! per-need coverage, and the area map's shapes.
//!
//! Why keep the dataset and not a list of strings? The discover view searches it on every
//! keystroke and the initiative page asks the matching engine about it; both take the model.

use std::cell::OnceCell;
use std::collections::HashMap;

use std::rc::Rc;
use std::sync::Arc;
use verschilmaker::IdHasher;

use verschilmaker::matching::{MatchConfig, MatchIndex};
use verschilmaker::search::{SearchIndex, build_index};
use verschilmaker::{Dataset, Date, LatLon, NeedCoverage, Problem, Text, need_coverage};

use crate::components::common::fixed;
use crate::fetch::LoadFailure;

/// Today in the visitor's time zone, or `None` natively (the render tests, where calling into
/// JavaScript would panic): for matching (needs and offers whose period has ended), overdue
/// commitments and the agenda.
pub fn today() -> Option<Date> {
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    web_sys::window()?;
    let now = js_sys::Date::new_0();
    Date::new(now.get_full_year() as u16, (now.get_month() + 1) as u8, now.get_date() as u8)
}

/// The matching configuration of every view: the defaults, with today's date, so that core
/// leaves out what has ended (see `verschilmaker::matching::need_takes_suggestions`).
pub fn match_config() -> MatchConfig {
    let mut config = MatchConfig::default();
    config.today = today();
    config
}

/// One dataset, parsed leniently and indexed, for a visitor who reads `lang`.
#[derive(Debug)]
pub struct Loaded {
    /// The dataset (shared with the search index and the match index).
    pub dataset: Arc<Dataset>,
    /// The search index.
    pub index: SearchIndex,
    /// The match index with the default configuration, built on first use (see [`Loaded::matching`]).
    matching: OnceCell<MatchIndex>,
    /// What lenient loading skipped, one "path: message" line per problem.
    pub skipped: Vec<String>,
    /// The languages texts are resolved in: the visitor's, then the municipality's first.
    pub preferred: [String; 2],
    /// Per initiative and need: what agreed and delivered commitments give it (core's
    /// [`need_coverage`]).
    pub coverage: Vec<Vec<NeedCoverage>>,
    /// Per initiative: how many of its needs are still open.
    pub open_needs: Vec<u32>,
    /// Per area (aligned with `dataset.areas`): open needs of the initiatives in it or its children.
    pub area_open_needs: Vec<u32>,
    /// The area map.
    pub map: MapShapes,
}

impl PartialEq for Loaded {
    /// Two loads are the same when they are the same allocation: a reload always makes a new one.
    fn eq(&self, other: &Loaded) -> bool {
        std::ptr::eq(self, other)
    }
}

/// The areas drawn on the map, projected into an SVG coordinate space.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapShapes {
    /// The view box's width and height.
    pub width: f64,
    /// See `width`.
    pub height: f64,
    /// Each drawn area: its position in `dataset.areas` and its SVG path.
    pub areas: Vec<(usize, String)>,
}

impl Loaded {
    /// Parses a dataset leniently and prepares it for a visitor who reads `lang`.
    pub fn from_json(json: &str, lang: &str) -> Result<Loaded, LoadFailure> {
        let loaded = Dataset::from_json_lenient(json).map_err(|error| {
            let problems = lines(error.problems());
            if problems.is_empty() {
                LoadFailure::Invalid(vec![error.to_string()])
            } else {
                LoadFailure::Invalid(problems)
            }
        })?;
        let skipped = lines(&loaded.skipped);
        Ok(Loaded::new(loaded.dataset, skipped, lang))
    }

    /// Fetches the data file `src` and prepares it for a visitor who reads `lang` (a BCP 47 tag):
    /// what both roots, the residents' shell and the workbench, do on mount.
    pub async fn fetch(src: &str, lang: &str) -> Result<Rc<Loaded>, LoadFailure> {
        let json = crate::fetch::fetch_text(src).await?;
        Loaded::from_json(&json, crate::i18n::UiLang::from_tag(lang).code()).map(Rc::new)
    }

    /// Prepares an already loaded dataset.
    pub fn new(dataset: Dataset, skipped: Vec<String>, lang: &str) -> Loaded {
        let first = dataset.municipality.languages.first().map_or("nl", |l| l.as_str()).to_owned();
        let coverage = need_coverage(&dataset);
        let mut open_needs = Vec::with_capacity(dataset.initiatives.len());
        for (initiative, covered) in dataset.initiatives.iter().zip(&coverage) {
            let mut open = 0;
            for (need, covered) in initiative.needs.iter().zip(covered) {
                open += u32::from(!covered.covers(need));
            }
            open_needs.push(open);
        }
        // Each area's chain of itself and its ancestors, by position, computed once: with
        // hundreds of areas and thousands of initiatives a walk per initiative would be slow.
        let by_id = positions(dataset.areas.iter().map(|a| a.id.as_str()));
        let position = |id: &str| by_id.get(id).copied();
        let parents: Vec<Option<usize>> =
            dataset.areas.iter().map(|a| a.parent.as_ref().and_then(|p| position(p.as_str()))).collect();
        let mut area_open_needs = vec![0u32; dataset.areas.len()];
        for (initiative, &open) in dataset.initiatives.iter().zip(&open_needs) {
            let mut current = initiative.area.as_ref().and_then(|a| position(a.as_str()));
            // The loader rejects cycles; the bound only guards against a dataset built by hand.
            for _ in 0..dataset.areas.len() {
                let Some(at) = current else { break };
                area_open_needs[at] += open;
                current = parents[at];
            }
        }
        let map = map_shapes(&dataset);
        let dataset = Arc::new(dataset);
        Loaded {
            index: build_index(Arc::clone(&dataset)),
            matching: OnceCell::new(),
            dataset,
            skipped,
            preferred: [lang.to_owned(), first],
            coverage,
            open_needs,
            area_open_needs,
            map,
        }
    }

    /// The match index of this dataset with [`match_config`]: the initiative page, the offer
    /// form and the allocation round's list ask it.
    ///
    /// Why built on first use and kept here? The overview never matches, so its first paint
    /// does not wait for the index; every view after that shares the one built for this load
    /// (a new load is a new `Loaded`, so the index never outlives its dataset).
    pub fn matching(&self) -> &MatchIndex {
        self.matching.get_or_init(|| MatchIndex::build(Arc::clone(&self.dataset), &match_config()))
    }

    /// What commitments give need `need` of initiative `initiative` (positions); nothing for a
    /// position that is not there.
    pub fn coverage_of(&self, initiative: usize, need: usize) -> NeedCoverage {
        self.coverage.get(initiative).and_then(|needs| needs.get(need)).copied().unwrap_or_default()
    }

    /// A dataset text in the visitor's language, else the municipality's, else any.
    pub fn text<'a>(&self, text: &'a Text) -> &'a str {
        text.resolve(&[self.preferred[0].as_str(), self.preferred[1].as_str()])
    }
}

/// One line per problem ("path: message").
///
/// Why a function? The two `map(..).collect()` chains it replaces were each an iterator type of
/// their own, with their own collecting code in the first wasm module.
fn lines(problems: &[Problem]) -> Vec<String> {
    let mut lines = Vec::with_capacity(problems.len());
    for problem in problems {
        lines.push(problem.to_string());
    }
    lines
}

/// Each id's position in its collection (the first, should a dataset built by hand repeat one).
///
/// Why a `HashMap<&str, usize>` with core's id hasher? The loader already uses exactly this type for the same job, so
/// its hash table code is in the bundle anyway; the sorted `Vec` with binary search this
/// replaces instantiated an unstable sort of its own (about 4 KB of wasm).
fn positions<'d>(ids: impl ExactSizeIterator<Item = &'d str>) -> HashMap<&'d str, usize, IdHasher> {
    let mut positions = HashMap::with_capacity_and_hasher(ids.len(), IdHasher::default());
    for (at, id) in ids.enumerate() {
        positions.entry(id).or_insert(at);
    }
    positions
}

/// The map: every area with a boundary that has no child with one (so nested areas do not
/// overlap), projected equirectangularly with longitude scaled by cos(latitude) and scaled to a
/// view box 400 units wide.
fn map_shapes(dataset: &Dataset) -> MapShapes {
    let drawn: Vec<usize> = (0..dataset.areas.len())
        .filter(|&at| {
            let area = &dataset.areas[at];
            area.boundary.is_some()
                && !dataset
                    .areas
                    .iter()
                    .any(|child| child.parent.as_ref() == Some(&area.id) && child.boundary.is_some())
        })
        .collect();
    let (mut min_lon, mut max_lon, mut min_lat, mut max_lat) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &at in &drawn {
        for polygon in dataset.areas[at].boundary.as_ref().map_or(&[][..], |b| b.polygons()) {
            for ring in polygon {
                for &[lon, lat] in ring {
                    min_lon = min_lon.min(lon);
                    max_lon = max_lon.max(lon);
                    min_lat = min_lat.min(lat);
                    max_lat = max_lat.max(lat);
                }
            }
        }
    }
    if drawn.is_empty() || !(max_lon > min_lon && max_lat > min_lat) {
        return MapShapes::default();
    }
    // Through core rather than `f64::cos`, which would link libm's reduction of huge arguments
    // into the first module (see core's `trig`).
    let k = LatLon { lat: (min_lat + max_lat) / 2.0, lon: 0.0 }.parallel_scale();
    let width = 400.0;
    let scale = width / ((max_lon - min_lon) * k);
    let height = ((max_lat - min_lat) * scale).ceil();
    let areas = drawn
        .into_iter()
        .map(|at| {
            let mut path = String::new();
            for polygon in dataset.areas[at].boundary.as_ref().map_or(&[][..], |b| b.polygons()) {
                for ring in polygon {
                    for (i, &[lon, lat]) in ring.iter().enumerate() {
                        let x = (lon - min_lon) * k * scale;
                        let y = (max_lat - lat) * scale;
                        path.push(if i == 0 { 'M' } else { 'L' });
                        path.push_str(&fixed(x, 1));
                        path.push(' ');
                        path.push_str(&fixed(y, 1));
                    }
                    path.push('Z');
                }
            }
            (at, path)
        })
        .collect();
    MapShapes { width, height, areas }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATA: &str = r#"{"schema": "verschilmaker/1",
        "municipality": {"name": "Gemeente X", "languages": ["nl", "en"]},
        "areas": [{"id": "noord", "name": "Noord", "boundary": {"type": "Polygon",
                    "coordinates": [[[5.0, 52.0], [5.1, 52.0], [5.1, 52.1], [5.0, 52.0]]]}},
                  {"id": "oost", "name": "Oost", "parent": "noord", "boundary": {"type": "Polygon",
                    "coordinates": [[[5.0, 52.0], [5.1, 52.0], [5.1, 52.1], [5.0, 52.0]]]}}],
        "initiatives": [
            {"id": "a", "title": {"nl": "Moestuin", "en": "Garden"}, "area": "oost", "stage": "running",
             "needs": [{"id": "n1", "kind": "volunteers", "amount": 10}, {"id": "n2", "kind": "space"}]},
            {"id": "b", "title": "Bad", "stage": "later"}],
        "partners": [{"id": "p", "name": "P", "sector": "business"}],
        "commitments": [{"id": "c", "initiative": "a", "need": "n1", "partner": "p", "amount": 10, "status": "agreed"}]}"#;

    #[test]
    fn coverage_open_needs_and_texts() {
        let loaded = Loaded::from_json(DATA, "en").unwrap();
        assert_eq!(loaded.text(&loaded.dataset.initiatives[0].title), "Garden");
        let coverage: Vec<(f64, bool)> = loaded.coverage[0].iter().map(|c| (c.committed, c.any)).collect();
        assert_eq!(coverage, [(10.0, true), (0.0, false)]);
        assert_eq!(loaded.open_needs, [1]);
        assert_eq!(loaded.area_open_needs, [1, 1], "a parent counts its children's needs");
        assert_eq!(loaded.skipped.len(), 1);
    }

    #[test]
    fn the_map_draws_only_the_innermost_areas_and_scales_longitude() {
        let map = Loaded::from_json(DATA, "nl").unwrap().map;
        assert_eq!(map.areas.len(), 1);
        assert_eq!(map.areas[0].0, 1);
        assert!(map.areas[0].1.starts_with("M0.0 "), "{}", map.areas[0].1);
        // 0.1° of latitude is taller than 0.1° of longitude at 52° north.
        assert!(map.height > map.width, "{map:?}");
    }

    #[test]
    fn document_defects_fail() {
        for bad in ["{", "[]", r#"{"schema": "verschilmaker/1"}"#] {
            assert!(matches!(Loaded::from_json(bad, "nl"), Err(LoadFailure::Invalid(p)) if !p.is_empty()), "{bad}");
        }
    }
}
