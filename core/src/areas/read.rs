//! Reading one GeoJSON FeatureCollection as CBS and PDOK publish the wijk- en buurtkaart: the
//! coordinate system, the area codes and names in any of the three property schemes, the water
//! flag and the geometry. Statistics columns (and their sentinels such as `-99997`) are never read.

use serde_json::{Map, Value};

use super::rd;
use super::{FeatureRef, ReportLine};

/// The coordinate system a file's positions are in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Crs {
    /// Longitude, latitude in degrees (CRS84, EPSG:4326, EPSG:4258).
    LonLat,
    /// RD New, metres.
    RdNew,
}

/// Whether a code names a wijk or a buurt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Level {
    Wijk,
    Buurt,
}

/// A feature that is an area, its positions in `[lon, lat]`.
#[derive(Clone, Debug)]
pub(crate) struct Feature {
    pub(crate) at: FeatureRef,
    pub(crate) level: Level,
    pub(crate) code: String,
    pub(crate) name: Option<String>,
    /// For a buurt: its wijk's code and, when the feature gives it, the wijk's name.
    pub(crate) wijk: Option<(String, Option<String>)>,
    /// Polygons, each a list of rings (outer first) as given, closed or not.
    pub(crate) polygons: Vec<Vec<Vec<[f64; 2]>>>,
}

/// What one file holds: its areas and the lines for the report, or its problems.
pub(crate) struct FileContents {
    /// How many features the file's `features` holds, read or left out.
    pub(crate) features_in_file: usize,
    pub(crate) features: Vec<Feature>,
    pub(crate) lines: Vec<ReportLine>,
}

const BUURT_CODE: [&str; 2] = ["buurtcode", "BU_CODE"];
const BUURT_NAME: [&str; 3] = ["buurtnaam", "BU_NAAM", "statnaam"];
const WIJK_CODE: [&str; 2] = ["wijkcode", "WK_CODE"];
const WIJK_NAME: [&str; 3] = ["wijknaam", "WK_NAAM", "statnaam"];
const MUNICIPALITY_CODE: [&str; 2] = ["gemeentecode", "GM_CODE"];
const WATER: [&str; 2] = ["water", "WATER"];

/// Reads one file; `problems` collects everything wrong with it, each naming the place.
pub(crate) fn read_file(name: &str, text: &str, problems: &mut Vec<String>) -> FileContents {
    let mut contents = FileContents { features_in_file: 0, features: Vec::new(), lines: Vec::new() };
    let document: Value = match serde_json::from_str(text) {
        Ok(document) => document,
        Err(error) => {
            problems.push(format!("{name}: not GeoJSON: {error}"));
            return contents;
        }
    };
    let Some(object) = document.as_object() else {
        problems.push(format!("{name}: not GeoJSON: the document is not an object"));
        return contents;
    };
    match object.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => {}
        Some(other) => {
            problems.push(format!("{name}: a GeoJSON {other}, not a FeatureCollection of wijken or buurten"));
            return contents;
        }
        None => {
            problems.push(format!("{name}: not GeoJSON: no \"type\""));
            return contents;
        }
    }
    let Some(features) = object.get("features").and_then(Value::as_array) else {
        problems.push(format!("{name}: features: missing or not a list"));
        return contents;
    };
    contents.features_in_file = features.len();
    let declared = match declared_crs(object) {
        Ok(declared) => declared,
        Err(problem) => {
            problems.push(format!("{name}: {problem}"));
            return contents;
        }
    };
    let before = problems.len();
    let mut read = Vec::new();
    for (index, value) in features.iter().enumerate() {
        let at = FeatureRef { file: name.to_owned(), index };
        if let Some(feature) = read_feature(&at, value, &mut contents.lines, problems) {
            read.push(feature);
        }
    }
    if problems.len() > before {
        return contents;
    }
    let crs = match declared {
        Some(crs) => {
            if let Some((at, position)) = first_outside(&read, crs) {
                problems.push(format!(
                    "{at}: coordinates out of range for {}: [{}, {}]",
                    crs_name(crs),
                    position[0],
                    position[1]
                ));
                return contents;
            }
            contents.lines.push(ReportLine::CoordinateSystem {
                file: name.to_owned(),
                crs_name: crs_name(crs),
                declared: true,
            });
            crs
        }
        None => {
            let Some(crs) = [Crs::LonLat, Crs::RdNew].into_iter().find(|&crs| first_outside(&read, crs).is_none())
            else {
                let (at, position) = first_outside(&read, Crs::RdNew).unwrap_or_default();
                problems.push(format!(
                    "{at}: coordinates out of range: [{}, {}] is neither longitude/latitude nor RD New (EPSG:28992)",
                    position[0], position[1]
                ));
                return contents;
            };
            contents.lines.push(ReportLine::CoordinateSystem {
                file: name.to_owned(),
                crs_name: crs_name(crs),
                declared: false,
            });
            crs
        }
    };
    if crs == Crs::RdNew {
        for feature in &mut read {
            for position in feature.polygons.iter_mut().flatten().flatten() {
                *position = rd::rd_to_wgs84(*position);
            }
        }
    } else if latitude_first(&read) {
        for position in read.iter_mut().flat_map(|feature| feature.polygons.iter_mut()).flatten().flatten() {
            position.swap(0, 1);
        }
        contents.lines.push(ReportLine::LatitudeFirst { file: name.to_owned() });
    }
    contents.features = read;
    contents
}

/// Whether the positions are `[lat, lon]` in the Netherlands: EPSG:4326's own axis order, which
/// PDOK's OGC API answers with when asked for EPSG:4326 rather than CRS84, and some WFS servers
/// use. Read as `[lon, lat]`, they would lie in the Indian Ocean; the Netherlands' longitudes
/// (3.2° to 7.3°) never reach 50°, so the two cannot be confused.
fn latitude_first(features: &[Feature]) -> bool {
    let mut positions = features.iter().flat_map(|feature| feature.polygons.iter()).flatten().flatten().peekable();
    positions.peek().is_some()
        && positions.all(|&[first, second]| (50.0..=54.0).contains(&first) && (2.0..=8.0).contains(&second))
}

fn crs_name(crs: Crs) -> &'static str {
    match crs {
        Crs::LonLat => "longitude/latitude (WGS 84)",
        Crs::RdNew => "RD New (EPSG:28992)",
    }
}

/// The coordinate system a `crs` member (GeoJSON 2008, as WFS servers and QGIS write it) or a
/// `coordRefSys` member (JSON-FG, as OGC API Features may answer) names, if any.
fn declared_crs(object: &Map<String, Value>) -> Result<Option<Crs>, String> {
    let named = match (object.get("crs"), object.get("coordRefSys")) {
        (Some(Value::Null) | None, None) => return Ok(None),
        (Some(crs), _) if !crs.is_null() => {
            let name = crs.get("properties").and_then(|properties| properties.get("name")).and_then(Value::as_str);
            match name {
                Some(name) => name,
                None => {
                    return Err(format!(
                        "crs: unknown coordinate reference system {crs}; give RD New (EPSG:28992) or longitude/latitude (CRS84)"
                    ));
                }
            }
        }
        (_, Some(Value::String(name))) => name.as_str(),
        (_, Some(other)) => {
            return Err(format!(
                "coordRefSys: unknown coordinate reference system {other}; give RD New (EPSG:28992) or longitude/latitude (CRS84)"
            ));
        }
        (_, None) => return Ok(None),
    };
    // "EPSG:28992", "urn:ogc:def:crs:EPSG::28992", "http://www.opengis.net/def/crs/EPSG/0/28992",
    // "urn:ogc:def:crs:OGC:1.3:CRS84": the last part names the system.
    let last = named.rsplit([':', '/']).next().unwrap_or_default().trim();
    match last.to_ascii_uppercase().as_str() {
        "28992" => Ok(Some(Crs::RdNew)),
        "CRS84" | "4326" | "4258" => Ok(Some(Crs::LonLat)),
        _ => Err(format!(
            "crs: unknown coordinate reference system {named:?}; give RD New (EPSG:28992) or longitude/latitude (CRS84)"
        )),
    }
}

/// The first position that `crs` cannot hold, with its feature.
fn first_outside(features: &[Feature], crs: Crs) -> Option<(FeatureRef, [f64; 2])> {
    let fits = |position: [f64; 2]| match crs {
        Crs::LonLat => position[0].abs() <= 180.0 && position[1].abs() <= 90.0,
        Crs::RdNew => rd::in_rd_area(position),
    };
    features.iter().find_map(|feature| {
        let outside = feature.polygons.iter().flatten().flatten().find(|&&position| !fits(position))?;
        Some((feature.at.clone(), *outside))
    })
}

fn text_property<'a>(properties: &'a Map<String, Value>, names: &[&'static str]) -> Option<(&'static str, &'a str)> {
    names.iter().find_map(|&name| {
        let text = properties.get(name)?.as_str()?.trim();
        (!text.is_empty()).then_some((name, text))
    })
}

/// Whether `code` is `prefix` followed by exactly `digits` ASCII digits.
fn is_code(code: &str, prefix: &str, digits: usize) -> bool {
    code.strip_prefix(prefix).is_some_and(|rest| rest.len() == digits && rest.bytes().all(|b| b.is_ascii_digit()))
}

/// The wijk code a buurt code implies: `BU07960101` lies in `WK079601`.
pub(crate) fn wijk_of_buurt(code: &str) -> Option<String> {
    is_code(code, "BU", 8).then(|| format!("WK{}", code.get(2..8).unwrap_or_default()))
}

fn read_feature(
    at: &FeatureRef,
    value: &Value,
    lines: &mut Vec<ReportLine>,
    problems: &mut Vec<String>,
) -> Option<Feature> {
    let Some(feature) = value.as_object().filter(|f| f.get("type").and_then(Value::as_str) == Some("Feature")) else {
        problems.push(format!("{at}: not a GeoJSON Feature"));
        return None;
    };
    let empty = Map::new();
    let properties = feature.get("properties").and_then(Value::as_object).unwrap_or(&empty);
    let buurt = text_property(properties, &BUURT_CODE);
    let wijk = text_property(properties, &WIJK_CODE);
    let stat = text_property(properties, &["statcode"]);
    let (level, key, code) = if let Some((key, code)) = buurt {
        (Level::Buurt, key, code)
    } else if let Some((key, code)) = wijk {
        (Level::Wijk, key, code)
    } else if let Some((key, code)) = stat {
        match code.get(..2) {
            Some("BU") => (Level::Buurt, key, code),
            Some("WK") => (Level::Wijk, key, code),
            Some("GM") => {
                lines.push(ReportLine::MunicipalityLeftOut { at: at.clone(), code: code.to_owned() });
                return None;
            }
            _ => {
                problems.push(format!("{at}.properties.statcode: {code:?} is not a wijk (WK) or buurt (BU) code"));
                return None;
            }
        }
    } else if let Some((_, code)) = text_property(properties, &MUNICIPALITY_CODE) {
        lines.push(ReportLine::MunicipalityLeftOut { at: at.clone(), code: code.to_owned() });
        return None;
    } else {
        problems.push(format!("{at}.properties: no area code (buurtcode, wijkcode, BU_CODE, WK_CODE or statcode)"));
        return None;
    };
    let valid = match level {
        Level::Buurt => is_code(code, "BU", 8),
        Level::Wijk => is_code(code, "WK", 6),
    };
    if !valid {
        let expected =
            if level == Level::Buurt { "a buurt code: BU and 8 digits" } else { "a wijk code: WK and 6 digits" };
        problems.push(format!("{at}.properties.{key}: {code:?} is not {expected}"));
        return None;
    }
    if text_property(properties, &WATER).is_some_and(|(_, water)| water.eq_ignore_ascii_case("JA")) {
        lines.push(ReportLine::WaterLeftOut { at: at.clone(), code: code.to_owned() });
        return None;
    }
    let name_keys: &[&str] = if level == Level::Buurt { &BUURT_NAME } else { &WIJK_NAME };
    let name = text_property(properties, name_keys).map(|(_, name)| name.to_owned());
    let parent = match (level, wijk) {
        (Level::Wijk, _) => None,
        (Level::Buurt, Some((key, wijk))) => {
            if !is_code(wijk, "WK", 6) {
                problems.push(format!("{at}.properties.{key}: {wijk:?} is not a wijk code: WK and 6 digits"));
                return None;
            }
            Some(wijk.to_owned())
        }
        (Level::Buurt, None) => wijk_of_buurt(code),
    };
    let wijk_name = text_property(properties, &WIJK_NAME[..2]).map(|(_, name)| name.to_owned());
    let polygons = read_geometry(at, feature.get("geometry"), problems)?;
    Some(Feature {
        at: at.clone(),
        level,
        code: code.to_owned(),
        name,
        wijk: parent.map(|parent| (parent, wijk_name)),
        polygons,
    })
}

fn read_geometry(
    at: &FeatureRef,
    geometry: Option<&Value>,
    problems: &mut Vec<String>,
) -> Option<Vec<Vec<Vec<[f64; 2]>>>> {
    let Some(geometry) = geometry.and_then(Value::as_object) else {
        problems.push(format!("{at}.geometry: missing; an area needs its outline"));
        return None;
    };
    let coordinates = geometry.get("coordinates");
    let polygons = match geometry.get("type").and_then(Value::as_str) {
        Some("Polygon") => read_polygon(coordinates).map(|polygon| vec![polygon]),
        Some("MultiPolygon") => coordinates
            .and_then(Value::as_array)
            .and_then(|polygons| polygons.iter().map(|polygon| read_polygon(Some(polygon))).collect()),
        Some(other) => {
            problems.push(format!("{at}.geometry: a {other}, not a Polygon or MultiPolygon"));
            return None;
        }
        None => None,
    };
    if polygons.is_none() {
        problems.push(format!("{at}.geometry: not a GeoJSON Polygon or MultiPolygon"));
    }
    polygons
}

fn read_polygon(value: Option<&Value>) -> Option<Vec<Vec<[f64; 2]>>> {
    let rings = value?.as_array()?;
    if rings.is_empty() {
        return None;
    }
    rings
        .iter()
        .map(|ring| {
            ring.as_array()?
                .iter()
                .map(|position| {
                    let position = position.as_array()?;
                    match position.as_slice() {
                        [x, y, ..] => Some([x.as_f64()?, y.as_f64()?]),
                        _ => None,
                    }
                })
                .collect()
        })
        .collect()
}
