//! A seeded generator of wijk- en buurtkaarten in the three shapes the importer reads: a grid of
//! buurten with wiggly shared borders, a MultiPolygon buurt, and a lake (a water feature in a
//! buurt's hole). For the tests' fixtures and the municipality-sized figures; hidden from the
//! documentation.

use serde_json::{Value, json};

use super::rd::rd_to_wgs84;

/// Which source the generated file imitates.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixtureShape {
    /// PDOK's OGC API Features answer for `cbs/wijken-en-buurten-<year>/collections/buurten`
    /// in CRS84: PDOK property names, buurten only, no `crs` member.
    PdokCrs84,
    /// A WFS GeoJSON answer with a `crs` member naming EPSG:28992, RD coordinates, PDOK
    /// property names, wijken and buurten in one collection.
    WfsRd,
    /// A QGIS export of the CBS buurt file: CBS property names (`BU_CODE`…), RD coordinates,
    /// no `crs` member, no wijk names.
    QgisCbs,
}

/// The size of the generated map.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct SyntheticMap {
    /// Buurten from west to east.
    pub columns: usize,
    /// Buurten from south to north.
    pub rows: usize,
    /// Positions inside each border between two grid nodes.
    pub points_per_edge: usize,
    /// Buurten per wijk along each side.
    pub wijk_size: usize,
}

const ORIGIN: [f64; 2] = [146_000.0, 408_000.0];
const CELL: f64 = 600.0;
const MUNICIPALITY: &str = "0796";
const FIRST: [&str; 8] = ["Vlier", "Linde", "Beuken", "Eiken", "Wilgen", "Essen", "Berken", "Iepen"];
const SECOND: [&str; 6] = ["tuinen", "hof", "veld", "kwartier", "dreef", "park"];
const WIJKEN: [&str; 8] = ["Centrum", "Noord", "Oost", "Zuid", "West", "Rosmalen", "Empel", "Engelen"];

/// The name of wijk `number` (from 1).
fn wijk_name(number: usize) -> String {
    let name = WIJKEN[(number - 1) % WIJKEN.len()];
    match (number - 1) / WIJKEN.len() {
        0 => name.to_owned(),
        round => format!("{name} {}", round + 1),
    }
}

/// A number in [-1, 1] that depends only on its arguments (splitmix64).
fn noise(a: usize, b: usize, c: usize) -> f64 {
    let mut z =
        (a as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (b as u64).wrapping_mul(0xBF58_476D_1CE4_E5B9) ^ (c as u64);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 52) as f64 - 1.0
}

fn node(i: usize, j: usize) -> [f64; 2] {
    [ORIGIN[0] + i as f64 * CELL + 60.0 * noise(i, j, 1), ORIGIN[1] + j as f64 * CELL + 60.0 * noise(i, j, 2)]
}

/// The border from grid node `a` to grid node `b`, both included: a wave of 25 m with a metre of
/// noise, the same positions whichever way it is asked for.
fn border(a: (usize, usize), b: (usize, usize), points: usize) -> Vec<[f64; 2]> {
    let (from, to, reversed) = if a <= b { (a, b, false) } else { (b, a, true) };
    let (p, q) = (node(from.0, from.1), node(to.0, to.1));
    let (dx, dy) = (q[0] - p[0], q[1] - p[1]);
    let length = dx.hypot(dy);
    let normal = [-dy / length, dx / length];
    let salt = from.0 * 7919 + from.1 * 104_729 + to.0 * 31 + to.1;
    let mut line = vec![p];
    for k in 1..=points {
        let t = k as f64 / (points + 1) as f64;
        let offset = 25.0 * (std::f64::consts::TAU * 2.0 * t).sin() * noise(salt, 0, 3).signum() + noise(salt, k, 4);
        line.push([p[0] + t * dx + offset * normal[0], p[1] + t * dy + offset * normal[1]]);
    }
    line.push(q);
    if reversed {
        line.reverse();
    }
    line
}

/// The counter-clockwise ring of cell `(i, j)`, closed.
fn cell_ring(i: usize, j: usize, points: usize) -> Vec<[f64; 2]> {
    let corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1), (i, j)];
    let mut ring = vec![node(i, j)];
    for pair in corners.windows(2) {
        ring.extend(border(pair[0], pair[1], points).into_iter().skip(1));
    }
    ring
}

/// The lake in cell `(i, j)`, counter-clockwise and closed.
fn lake(i: usize, j: usize) -> Vec<[f64; 2]> {
    let centre = [ORIGIN[0] + (i as f64 + 0.5) * CELL, ORIGIN[1] + (j as f64 + 0.5) * CELL];
    let mut ring: Vec<[f64; 2]> = (0..16)
        .map(|k| {
            let angle = std::f64::consts::TAU * k as f64 / 16.0;
            let radius = 0.2 * CELL + 12.0 * noise(i, k, 5);
            [centre[0] + radius * angle.cos(), centre[1] + radius * angle.sin()]
        })
        .collect();
    ring.push(ring[0]);
    ring
}

/// The ring of a block of cells: the outline of a wijk, counter-clockwise and closed.
fn block_ring(columns: std::ops::Range<usize>, rows: std::ops::Range<usize>, points: usize) -> Vec<[f64; 2]> {
    let mut corners = Vec::new();
    corners.extend(columns.clone().map(|i| (i, rows.start)));
    corners.extend(rows.clone().map(|j| (columns.end, j)));
    corners.extend(columns.clone().rev().map(|i| (i + 1, rows.end)));
    corners.extend(rows.clone().rev().map(|j| (columns.start, j + 1)));
    corners.push((columns.start, rows.start));
    let mut ring = vec![node(columns.start, rows.start)];
    for pair in corners.windows(2) {
        ring.extend(border(pair[0], pair[1], points).into_iter().skip(1));
    }
    ring
}

/// A GeoJSON FeatureCollection of the map in the given shape, one feature per line.
#[doc(hidden)]
pub fn synthetic_map(map: SyntheticMap, shape: FixtureShape) -> String {
    let ws = map.wijk_size.max(1);
    let wijk_columns = map.columns.div_ceil(ws);
    let wijk_of = |i: usize, j: usize| (j / ws) * wijk_columns + i / ws + 1;
    let in_rd = shape != FixtureShape::PdokCrs84;
    let position = |p: [f64; 2]| -> Value {
        if in_rd {
            json!([(p[0] * 1000.0).round() / 1000.0, (p[1] * 1000.0).round() / 1000.0])
        } else {
            let [lon, lat] = rd_to_wgs84(p);
            json!([(lon * 1e8).round() / 1e8, (lat * 1e8).round() / 1e8])
        }
    };
    let ring_json = |ring: &[[f64; 2]]| -> Value { Value::Array(ring.iter().map(|&p| position(p)).collect()) };
    let multi = map.columns >= 2 && map.rows >= 2 && ws >= 2;
    let last = (map.columns.saturating_sub(1), map.rows.saturating_sub(1));
    let mut numbers = std::collections::BTreeMap::<usize, usize>::new();
    let mut features = Vec::new();
    let properties = |code: &str, name: &str, wijk: usize, water: bool, inhabitants: i64| -> Value {
        let wijk_code = format!("WK{MUNICIPALITY}{wijk:02}");
        let wijk_name = wijk_name(wijk);
        let water = if water { "JA" } else { "NEE" };
        match shape {
            FixtureShape::PdokCrs84 | FixtureShape::WfsRd => json!({
                "buurtcode": code, "buurtnaam": name, "wijkcode": wijk_code, "wijknaam": wijk_name,
                "gemeentecode": format!("GM{MUNICIPALITY}"), "gemeentenaam": "Verschilstad", "water": water,
                "aantalInwoners": inhabitants, "gemiddeldeWoningwaarde": -99997,
            }),
            FixtureShape::QgisCbs => json!({
                "BU_CODE": code, "BU_NAAM": name, "WK_CODE": wijk_code, "GM_CODE": format!("GM{MUNICIPALITY}"),
                "GM_NAAM": "Verschilstad", "WATER": water, "AANT_INW": inhabitants, "WOZ": -99_999_999,
            }),
        }
    };
    for j in 0..map.rows {
        for i in 0..map.columns {
            if multi && (i, j) == (1, 1) {
                continue;
            }
            let wijk = wijk_of(i, j);
            let number = numbers.entry(wijk).or_default();
            *number += 1;
            let code = format!("BU{MUNICIPALITY}{wijk:02}{:02}", *number);
            let name = format!("{}{}", FIRST[(i + j) % FIRST.len()], SECOND[(i * 3 + j) % SECOND.len()]);
            let mut outer = cell_ring(i, j, map.points_per_edge);
            let geometry = if multi && (i, j) == (0, 0) {
                json!({"type": "MultiPolygon", "coordinates": [[ring_json(&outer)], [ring_json(&cell_ring(1, 1, map.points_per_edge))]]})
            } else if (i, j) == last && map.columns * map.rows > 1 {
                let mut hole = lake(i, j);
                hole.reverse();
                // QGIS writes rings as the source has them; turn this buurt's around to show that
                // the importer orients rings itself.
                if shape == FixtureShape::QgisCbs {
                    outer.reverse();
                }
                json!({"type": "Polygon", "coordinates": [ring_json(&outer), ring_json(&hole)]})
            } else {
                json!({"type": "Polygon", "coordinates": [ring_json(&outer)]})
            };
            let inhabitants = if (i + j) % 5 == 0 { -99_997 } else { 200 + ((i * 37 + j * 11) % 900) as i64 };
            features.push(json!({"type": "Feature", "properties": properties(&code, &name, wijk, false, inhabitants), "geometry": geometry}));
            if (i, j) == last && map.columns * map.rows > 1 {
                let code = format!("BU{MUNICIPALITY}{wijk:02}90");
                let geometry = json!({"type": "Polygon", "coordinates": [ring_json(&lake(i, j))]});
                features.push(json!({"type": "Feature", "properties": properties(&code, "De Plas", wijk, true, 0), "geometry": geometry}));
            }
        }
    }
    if shape == FixtureShape::WfsRd {
        for wy in 0..map.rows.div_ceil(ws) {
            for wx in 0..wijk_columns {
                let wijk = wy * wijk_columns + wx + 1;
                let columns = wx * ws..((wx + 1) * ws).min(map.columns);
                let rows = wy * ws..((wy + 1) * ws).min(map.rows);
                let properties = json!({
                    "wijkcode": format!("WK{MUNICIPALITY}{wijk:02}"), "wijknaam": wijk_name(wijk),
                    "gemeentecode": format!("GM{MUNICIPALITY}"), "water": "NEE", "aantalInwoners": -99_997,
                });
                let geometry = json!({"type": "Polygon", "coordinates": [ring_json(&block_ring(columns, rows, map.points_per_edge))]});
                features.push(json!({"type": "Feature", "properties": properties, "geometry": geometry}));
            }
        }
    }
    for (index, feature) in features.iter_mut().enumerate() {
        if let Some(object) = feature.as_object_mut() {
            object.insert("id".to_owned(), json!(index + 1));
        }
    }
    let head = match shape {
        FixtureShape::PdokCrs84 => format!(
            r#""type":"FeatureCollection","numberReturned":{},"timeStamp":"2026-12-07T06:00:00Z","links":[{{"rel":"self","type":"application/geo+json","title":"This document as GeoJSON","href":"https://example.org/cbs/wijken-en-buurten-2024/ogc/v1/collections/buurten/items?f=json"}}],"features""#,
            features.len()
        ),
        FixtureShape::WfsRd => r#""type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features""#.to_owned(),
        FixtureShape::QgisCbs => r#""type":"FeatureCollection","name":"buurt_2024_v1","features""#.to_owned(),
    };
    let lines: Vec<String> = features.iter().map(Value::to_string).collect();
    format!("{{{head}:[\n{}\n]}}\n", lines.join(",\n"))
}
