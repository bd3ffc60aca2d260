//! Importing wijken and buurten from the CBS wijk- en buurtkaart as CBS and PDOK publish it
//! (GeoJSON, in RD New or longitude/latitude), into the dataset's `areas`.
//!
//! [`import_areas`] reads one or more FeatureCollections (PDOK's OGC API Features answer for
//! `cbs/wijken-en-buurten-<year>`, a WFS answer with a `crs` member, a QGIS export of the CBS
//! files), in any of the three property schemes (PDOK's `buurtcode`…, CBS's `BU_CODE`…, the
//! gebiedsindelingen's `statcode`). It converts RD New to WGS 84, leaves water out, creates the
//! wijken that only the buurten name, simplifies all outlines together so that neighbours keep
//! exactly the same border, and puts a centroid inside each area. [`merge_areas`] puts the result
//! into a working copy by id, keeping postcodes.
//!
//! ```
//! use verschilmaker::areas::{AreaFile, AreaImportConfig, import_areas};
//!
//! let buurten = r#"{"type": "FeatureCollection", "features": [{"type": "Feature",
//!   "properties": {"buurtcode": "BU07960101", "buurtnaam": "Binnenstad-Noord", "wijknaam": "Centrum"},
//!   "geometry": {"type": "Polygon", "coordinates": [[[149000, 411000], [150000, 411000],
//!                                                    [150000, 412000], [149000, 411000]]]}}]}"#;
//! let import = import_areas(&[AreaFile { name: "buurten.json", text: buurten }], &AreaImportConfig::default())?;
//! let ids: Vec<&str> = import.areas.iter().map(|area| area.id.as_str()).collect();
//! assert_eq!(ids, ["WK079601", "BU07960101"], "the wijk is made from its buurt");
//! assert_eq!(import.areas[1].parent.as_ref().map(|id| id.as_str()), Some("WK079601"));
//! # Ok::<(), verschilmaker::areas::AreaImportError>(())
//! ```

mod rd;
mod read;
mod shape;
#[cfg(any(test, feature = "synth"))]
mod synth;
#[cfg(test)]
mod tests;
mod topology;

use std::collections::BTreeMap;
use std::fmt;

use crate::{Area, AreaId, Boundary, Dataset, Ring};
use read::{Feature, Level};
use shape::{Shape, clean_ring, degrees, orient, point_on_surface};

#[cfg(feature = "synth")]
#[doc(hidden)]
pub use synth::{FixtureShape, SyntheticMap, synthetic_map};

/// The tolerance of the simplification in metres: a few metres is less than a pixel on the
/// widget's map of a whole municipality, and it keeps the shape of a street corner.
pub const DEFAULT_TOLERANCE_M: f64 = 3.0;

/// One input file: its name (for the report and the errors) and its text.
#[derive(Clone, Copy, Debug)]
pub struct AreaFile<'a> {
    /// The file name, as the civil servant knows it.
    pub name: &'a str,
    /// The GeoJSON text.
    pub text: &'a str,
}

/// How to import.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct AreaImportConfig {
    /// The simplification's tolerance in metres; 0 keeps every position.
    pub tolerance_m: f64,
}

impl Default for AreaImportConfig {
    fn default() -> AreaImportConfig {
        AreaImportConfig { tolerance_m: DEFAULT_TOLERANCE_M }
    }
}

/// Where a feature was: its file and its index in `features`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct FeatureRef {
    /// The file's name.
    pub file: String,
    /// The index in the file's `features`.
    pub index: usize,
}

impl fmt::Display for FeatureRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: features[{}]", self.file, self.index)
    }
}

/// A line of the report for the civil servant.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ReportLine {
    /// The coordinate system a file was read in, from its `crs` member or from the ranges.
    CoordinateSystem {
        /// The file.
        file: String,
        /// The system, in words.
        crs_name: &'static str,
        /// Whether the file named it (otherwise the coordinates' ranges told).
        declared: bool,
    },
    /// A file's longitude/latitude positions were written latitude first (EPSG:4326's axis
    /// order) and were read that way.
    LatitudeFirst {
        /// The file.
        file: String,
    },
    /// A feature that is water only was left out.
    WaterLeftOut {
        /// The feature.
        at: FeatureRef,
        /// Its code.
        code: String,
    },
    /// A feature of the municipality itself was left out: it is not a wijk or buurt.
    MunicipalityLeftOut {
        /// The feature.
        at: FeatureRef,
        /// Its code.
        code: String,
    },
    /// A ring that encloses no area on the grid of 6 decimals was left out.
    RingLeftOut {
        /// The feature.
        at: FeatureRef,
        /// The polygon's index (0 for a Polygon).
        polygon: usize,
        /// The ring's index in the polygon (0 is the outer ring).
        ring: usize,
    },
    /// Several features had the same code; their polygons make up one area.
    FeaturesJoined {
        /// The code.
        code: String,
        /// How many features.
        features: usize,
    },
    /// A wijk that only its buurten name was made from them.
    WijkCreated {
        /// Its code.
        code: String,
        /// The name it got.
        name: String,
        /// How many buurten make it up.
        buurten: usize,
    },
    /// An area without a name in the input got its code as name: rename it.
    Rename {
        /// The code.
        code: String,
    },
}

impl fmt::Display for ReportLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReportLine::CoordinateSystem { file, crs_name, declared } => {
                let how = if *declared { "as its crs says" } else { "judged by the coordinates" };
                write!(f, "{file}: coordinates in {crs_name} ({how})")
            }
            ReportLine::LatitudeFirst { file } => {
                write!(f, "{file}: the positions are written latitude first (EPSG:4326); read them so")
            }
            ReportLine::WaterLeftOut { at, code } => write!(f, "{at}: {code} is water only; left out"),
            ReportLine::MunicipalityLeftOut { at, code } => {
                write!(f, "{at}: {code} is the municipality, not a wijk or buurt; left out")
            }
            ReportLine::RingLeftOut { at, polygon, ring } => {
                write!(f, "{at}: polygon {polygon}, ring {ring} encloses no area at 6 decimals; left out")
            }
            ReportLine::FeaturesJoined { code, features } => {
                write!(f, "{code}: {features} features with this code make up one area")
            }
            ReportLine::WijkCreated { code, name, buurten: 1 } => {
                write!(f, "{code}: wijk \"{name}\" created from its buurt")
            }
            ReportLine::WijkCreated { code, name, buurten } => {
                write!(f, "{code}: wijk \"{name}\" created from its {buurten} buurten")
            }
            ReportLine::Rename { code } => write!(f, "{code}: no name in the input, named by its code; rename it"),
        }
    }
}

/// What an import did, for the civil servant.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct AreaImportReport {
    /// The features in the files' `features`, those left out (water, the municipality) included.
    pub features_read: usize,
    /// What was left out, created or joined, in the order it happened.
    pub lines: Vec<ReportLine>,
    /// The simplification's tolerance in metres.
    pub tolerance_m: f64,
    /// Positions in the outlines before simplification (rings closed, as written).
    pub vertices_before: usize,
    /// Positions in the outlines after simplification.
    pub vertices_after: usize,
    /// Bytes of the outlines as JSON before simplification (6 decimals).
    pub bytes_before: usize,
    /// Bytes of the outlines as JSON after simplification.
    pub bytes_after: usize,
    /// The largest distance in metres from a position left out to the simplified outline.
    pub largest_distance_m: f64,
}

impl fmt::Display for AreaImportReport {
    /// The features read, one line per report line, then the simplification's figures.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} features read", self.features_read)?;
        for line in &self.lines {
            writeln!(f, "{line}")?;
        }
        let percent = |before: usize, after: usize| {
            if before == 0 { 0.0 } else { 100.0 * (before - after.min(before)) as f64 / before as f64 }
        };
        writeln!(
            f,
            "simplified with a tolerance of {} m: {} → {} positions ({:.0}% fewer), {} → {} bytes of outlines ({:.0}% fewer); the largest distance to the original outline is {:.2} m",
            self.tolerance_m,
            self.vertices_before,
            self.vertices_after,
            percent(self.vertices_before, self.vertices_after),
            self.bytes_before,
            self.bytes_after,
            percent(self.bytes_before, self.bytes_after),
            self.largest_distance_m
        )
    }
}

/// The imported areas and the report.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct AreaImport {
    /// Wijken, each followed by its buurten, by code; ids are the CBS codes.
    pub areas: Vec<Area>,
    /// What happened.
    pub report: AreaImportReport,
}

/// Why an import failed: every problem, each naming its file and place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AreaImportError {
    problems: Vec<String>,
}

impl AreaImportError {
    /// The problems, each as "file: place: what is wrong".
    pub fn problems(&self) -> &[String] {
        &self.problems
    }
}

impl fmt::Display for AreaImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.problems.join("\n"))
    }
}

impl std::error::Error for AreaImportError {}

/// An area on its way: what the features said, the outline on the grid.
struct Draft {
    level: Level,
    name: Option<String>,
    wijk: Option<String>,
    shape: Shape,
    features: usize,
}

/// Imports wijken and buurten from GeoJSON files; see the [module](self) for what it accepts.
pub fn import_areas(files: &[AreaFile<'_>], config: &AreaImportConfig) -> Result<AreaImport, AreaImportError> {
    let mut problems = Vec::new();
    let mut lines = Vec::new();
    let mut features: Vec<Feature> = Vec::new();
    let mut features_read = 0;
    if files.is_empty() {
        problems.push("no file given".to_owned());
    }
    for file in files {
        let contents = read::read_file(file.name, file.text, &mut problems);
        lines.extend(contents.lines);
        features_read += contents.features_in_file;
        features.extend(contents.features);
    }
    let mut drafts: BTreeMap<String, Draft> = BTreeMap::new();
    let mut wijk_names: BTreeMap<String, String> = BTreeMap::new();
    for feature in features {
        let shape = clean_shape(&feature, &mut lines);
        if shape.is_empty() {
            problems.push(format!("{}.geometry: no ring encloses an area at 6 decimals", feature.at));
            continue;
        }
        let (wijk, wijk_name) = feature.wijk.unzip();
        if let (Some(wijk), Some(Some(name))) = (&wijk, wijk_name) {
            wijk_names.entry(wijk.clone()).or_insert(name);
        }
        let draft = drafts.entry(feature.code.clone()).or_insert_with(|| Draft {
            level: feature.level,
            name: None,
            wijk: wijk.clone(),
            shape: Vec::new(),
            features: 0,
        });
        if draft.level != feature.level || draft.wijk != wijk {
            problems.push(format!("{}: {} appears before with another wijk", feature.at, feature.code));
            continue;
        }
        draft.name = draft.name.take().or(feature.name);
        // The same feature twice (a file given twice, overlapping pages of an API) adds nothing.
        let before = draft.shape.len();
        for polygon in shape {
            if !draft.shape.contains(&polygon) {
                draft.shape.push(polygon);
            }
        }
        if draft.shape.len() > before {
            draft.features += 1;
        }
    }
    if problems.is_empty() && drafts.is_empty() {
        problems.push("no wijken or buurten in the input".to_owned());
    }
    if !problems.is_empty() {
        return Err(AreaImportError { problems });
    }
    for (code, draft) in &drafts {
        if draft.features > 1 {
            lines.push(ReportLine::FeaturesJoined { code: code.clone(), features: draft.features });
        }
    }
    create_missing_wijken(&mut drafts, &wijk_names, &mut lines);
    // Wijken, each followed by its buurten.
    let mut ordered: Vec<(String, Draft)> = drafts.into_iter().collect();
    ordered.sort_by(|(a_code, a), (b_code, b)| {
        let key = |code: &String, draft: &Draft| (draft.wijk.clone().unwrap_or_else(|| code.clone()), draft.level);
        key(a_code, a).cmp(&key(b_code, b)).then_with(|| a_code.cmp(b_code))
    });
    let shapes: Vec<Shape> = ordered.iter().map(|(_, draft)| draft.shape.clone()).collect();
    let tolerance_m = if config.tolerance_m > 0.0 { config.tolerance_m } else { 0.0 };
    let simplified = topology::simplify_shared(&shapes, tolerance_m);
    let (mut vertices_before, mut bytes_before, mut vertices_after, mut bytes_after) = (0, 0, 0, 0);
    let mut areas = Vec::with_capacity(ordered.len());
    for ((code, draft), (original, simple)) in
        ordered.into_iter().zip(simplified.originals.iter().zip(simplified.shapes))
    {
        let before = boundary(original);
        vertices_before += positions(&before);
        bytes_before += json_length(&before);
        let after = boundary(&simple);
        vertices_after += positions(&after);
        bytes_after += json_length(&after);
        let name = draft.name.unwrap_or_else(|| {
            if draft.level == Level::Buurt {
                lines.push(ReportLine::Rename { code: code.clone() });
            }
            code.clone()
        });
        let mut area = Area::new(AreaId::new_lossy(&code), name);
        area.parent = draft.wijk.as_deref().map(AreaId::new_lossy);
        area.centroid = point_on_surface(&simple).map(|[lon, lat]| [lat, lon]);
        area.boundary = Some(after);
        areas.push(area);
    }
    let report = AreaImportReport {
        features_read,
        lines,
        tolerance_m,
        vertices_before,
        vertices_after,
        bytes_before,
        bytes_after,
        largest_distance_m: simplified.largest_distance_m,
    };
    Ok(AreaImport { areas, report })
}

/// The feature's polygons on the grid, oriented, without the rings that enclose nothing.
fn clean_shape(feature: &Feature, lines: &mut Vec<ReportLine>) -> Shape {
    let mut shape = Shape::new();
    for (p, polygon) in feature.polygons.iter().enumerate() {
        let mut rings = Vec::new();
        for (r, ring) in polygon.iter().enumerate() {
            match clean_ring(ring) {
                Some(ring) => rings.push(ring),
                None => {
                    lines.push(ReportLine::RingLeftOut { at: feature.at.clone(), polygon: p, ring: r });
                    // Without its outer ring, the polygon's holes mean nothing.
                    if r == 0 {
                        break;
                    }
                }
            }
        }
        if !rings.is_empty() {
            shape.push(rings);
        }
    }
    orient(&mut shape);
    shape
}

/// Adds the wijken that buurten name but the input does not hold: the union of their buurten,
/// named as the buurten say, or by code.
fn create_missing_wijken(
    drafts: &mut BTreeMap<String, Draft>,
    names: &BTreeMap<String, String>,
    lines: &mut Vec<ReportLine>,
) {
    let mut missing: BTreeMap<String, Vec<&Shape>> = BTreeMap::new();
    for draft in drafts.values() {
        if let Some(wijk) = &draft.wijk
            && !drafts.contains_key(wijk)
        {
            missing.entry(wijk.clone()).or_default().push(&draft.shape);
        }
    }
    let created: Vec<(String, Draft, usize)> = missing
        .into_iter()
        .map(|(code, buurten)| {
            let draft = Draft {
                level: Level::Wijk,
                name: names.get(&code).cloned(),
                wijk: None,
                shape: shape::dissolve(&buurten),
                features: 0,
            };
            (code, draft, buurten.len())
        })
        .collect();
    for (code, draft, buurten) in created {
        let name = draft.name.clone().unwrap_or_else(|| code.clone());
        lines.push(ReportLine::WijkCreated { code: code.clone(), name, buurten });
        if draft.name.is_none() {
            lines.push(ReportLine::Rename { code: code.clone() });
        }
        drafts.insert(code, draft);
    }
}

/// The shape as GeoJSON geometry, rings closed.
fn boundary(shape: &Shape) -> Boundary {
    let polygons: Vec<Vec<Ring>> = shape
        .iter()
        .map(|polygon| {
            polygon.iter().map(|ring| ring.iter().chain(ring.first()).map(|&point| degrees(point)).collect()).collect()
        })
        .collect();
    match <[Vec<Ring>; 1]>::try_from(polygons) {
        Ok([polygon]) => Boundary::Polygon(polygon),
        Err(polygons) => Boundary::MultiPolygon(polygons),
    }
}

fn positions(boundary: &Boundary) -> usize {
    boundary.polygons().iter().flatten().map(Vec::len).sum()
}

fn json_length(boundary: &Boundary) -> usize {
    serde_json::to_string(boundary).map_or(0, |json| json.len())
}

/// What [`merge_areas`] did, by id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct AreaMerge {
    /// Areas that were there: outline, centroid, name and parent replaced.
    pub updated: Vec<AreaId>,
    /// Areas that were not.
    pub added: Vec<AreaId>,
}

/// Puts imported areas into a dataset by id. An area that is there gets the imported outline,
/// centroid, name and parent, and keeps its postcodes; since its id stays, everything that points
/// at it still does. Other areas are added at the end.
pub fn merge_areas(dataset: &mut Dataset, imported: Vec<Area>) -> AreaMerge {
    let mut merge = AreaMerge::default();
    for area in imported {
        match dataset.areas.iter_mut().find(|existing| existing.id == area.id) {
            Some(existing) => {
                existing.name = area.name;
                existing.parent = area.parent;
                existing.centroid = area.centroid;
                existing.boundary = area.boundary;
                merge.updated.push(area.id);
            }
            None => {
                merge.added.push(area.id.clone());
                dataset.areas.push(area);
            }
        }
    }
    merge
}
