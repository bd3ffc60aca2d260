//! The importer on the three fixture shapes (`testdata/areas/`), on hand-made edge cases and on
//! a map the size of a real municipality.

use proptest::prelude::*;

use super::shape::{Point, inside, quantize, signed_area2};
use super::synth::{FixtureShape, SyntheticMap, synthetic_map};
use super::*;

/// The fixtures: 4 × 3 buurten in 4 wijken of 2 × 2, 24 positions inside every border.
const FIXTURE_MAP: SyntheticMap = SyntheticMap { columns: 4, rows: 3, points_per_edge: 24, wijk_size: 2 };

const FIXTURES: [(&str, FixtureShape); 3] = [
    ("pdok-buurten-crs84.json", FixtureShape::PdokCrs84),
    ("wfs-wijken-buurten-rd.json", FixtureShape::WfsRd),
    ("qgis-cbs-buurten.json", FixtureShape::QgisCbs),
];

fn fixture(name: &str) -> String {
    let path = format!("{}/testdata/areas/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn import(name: &str, text: &str, tolerance_m: f64) -> AreaImport {
    let config = AreaImportConfig { tolerance_m };
    import_areas(&[AreaFile { name, text }], &config).unwrap_or_else(|error| panic!("{name}: {error}"))
}

/// The committed fixtures are what the generator makes; `UPDATE_AREA_FIXTURES=1` rewrites them.
#[test]
fn the_fixtures_are_the_generators_output() {
    for (name, shape) in FIXTURES {
        let generated = synthetic_map(FIXTURE_MAP, shape);
        if std::env::var_os("UPDATE_AREA_FIXTURES").is_some() {
            let path = format!("{}/testdata/areas/{name}", env!("CARGO_MANIFEST_DIR"));
            std::fs::write(&path, &generated).unwrap_or_else(|error| panic!("{path}: {error}"));
        }
        assert!(fixture(name) == generated, "{name} is out of date: run with UPDATE_AREA_FIXTURES=1");
    }
}

fn points(ring: &[[f64; 2]]) -> Vec<Point> {
    let mut ring: Vec<Point> = ring.iter().map(|&p| quantize(p)).collect();
    ring.pop();
    ring
}

fn shape_of(area: &Area) -> Vec<Vec<Vec<Point>>> {
    let boundary = area.boundary.as_ref().expect("every imported area has an outline");
    boundary.polygons().iter().map(|polygon| polygon.iter().map(|ring| points(ring)).collect()).collect()
}

fn kind(area: &Area) -> String {
    match &area.boundary {
        Some(Boundary::Polygon(rings)) => format!("Polygon/{}", rings.len()),
        Some(Boundary::MultiPolygon(polygons)) => format!("MultiPolygon/{}", polygons.len()),
        None => "none".to_owned(),
    }
}

/// Whether `point` (in millionths of a degree) is inside the area, holes and all.
fn covers(shape: &[Vec<Vec<Point>>], point: (f64, f64)) -> bool {
    shape.iter().flatten().filter(|ring| inside(ring, point)).count() % 2 == 1
}

/// Metres between a point and a segment, in millionths of a degree at latitude 51.7.
fn metres_to_segment(p: Point, a: Point, b: Point) -> f64 {
    let (kx, ky) = (0.111_320 * 51.7f64.to_radians().cos(), 0.110_574);
    let at = |q: Point| (f64::from(q.0) * kx, f64::from(q.1) * ky);
    let (p, a, b) = (at(p), at(a), at(b));
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length2 = dx * dx + dy * dy;
    let t = if length2 > 0.0 { (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / length2).clamp(0.0, 1.0) } else { 0.0 };
    (p.0 - a.0 - t * dx).hypot(p.1 - a.1 - t * dy)
}

fn metres_to_outline(p: Point, shape: &[Vec<Vec<Point>>]) -> f64 {
    shape
        .iter()
        .flatten()
        .flat_map(|ring| (0..ring.len()).map(move |i| (ring[i], ring[(i + 1) % ring.len()])))
        .map(|(a, b)| metres_to_segment(p, a, b))
        .fold(f64::INFINITY, f64::min)
}

#[test]
fn each_shape_gives_the_codes_names_parents_and_geometry_types_of_the_map() {
    let buurten = [
        ("BU07960101", "Vliertuinen", "MultiPolygon/2"),
        ("BU07960102", "Lindekwartier", "Polygon/1"),
        ("BU07960103", "Lindehof", "Polygon/1"),
        ("BU07960201", "Beukentuinen", "Polygon/1"),
        ("BU07960202", "Eikenkwartier", "Polygon/1"),
        ("BU07960203", "Eikenhof", "Polygon/1"),
        ("BU07960204", "Wilgendreef", "Polygon/1"),
        ("BU07960301", "Beukenveld", "Polygon/1"),
        ("BU07960302", "Eikenpark", "Polygon/1"),
        ("BU07960401", "Wilgenveld", "Polygon/1"),
        ("BU07960402", "Essenpark", "Polygon/2"),
    ];
    for (file, shape) in FIXTURES {
        let imported = import(file, &fixture(file), DEFAULT_TOLERANCE_M);
        let wijk_names: [&str; 4] = match shape {
            FixtureShape::QgisCbs => ["WK079601", "WK079602", "WK079603", "WK079604"],
            _ => ["Centrum", "Noord", "Oost", "Zuid"],
        };
        let mut expected = Vec::new();
        for (w, wijk_name) in wijk_names.iter().enumerate() {
            let wijk = format!("WK0796{:02}", w + 1);
            // A wijk made from its buurten keeps the lake as a hole; the WFS's own outline has none.
            let wijk_kind = if w == 3 && shape != FixtureShape::WfsRd { "Polygon/2" } else { "Polygon/1" };
            expected.push((wijk.clone(), wijk_name.to_string(), None, wijk_kind.to_owned()));
            for (code, name, kind) in buurten.iter().filter(|(code, ..)| code[2..8] == wijk[2..]) {
                expected.push((code.to_string(), name.to_string(), Some(wijk.clone()), kind.to_string()));
            }
        }
        let actual: Vec<(String, String, Option<String>, String)> = imported
            .areas
            .iter()
            .map(|area| {
                (area.id.to_string(), area.name.clone(), area.parent.as_ref().map(AreaId::to_string), kind(area))
            })
            .collect();
        assert_eq!(actual, expected, "{file}");
        let lines = &imported.report.lines;
        assert!(
            lines.iter().any(|line| matches!(line, ReportLine::WaterLeftOut { code, .. } if code == "BU07960490")),
            "{file}: {lines:?}"
        );
        let created = lines.iter().filter(|line| matches!(line, ReportLine::WijkCreated { .. })).count();
        let renames = lines.iter().filter(|line| matches!(line, ReportLine::Rename { .. })).count();
        let (expected_created, expected_renames) = match shape {
            FixtureShape::PdokCrs84 => (4, 0),
            FixtureShape::WfsRd => (0, 0),
            FixtureShape::QgisCbs => (4, 4),
        };
        assert_eq!((created, renames), (expected_created, expected_renames), "{file}: {lines:?}");
        let crs = lines.iter().find_map(|line| match line {
            ReportLine::CoordinateSystem { crs_name, declared, .. } => Some((*crs_name, *declared)),
            _ => None,
        });
        let expected_crs = match shape {
            FixtureShape::PdokCrs84 => ("longitude/latitude (WGS 84)", false),
            FixtureShape::WfsRd => ("RD New (EPSG:28992)", true),
            FixtureShape::QgisCbs => ("RD New (EPSG:28992)", false),
        };
        assert_eq!(crs, Some(expected_crs), "{file}");
    }
}

/// Every position of the unsimplified outline lies within the tolerance of the simplified one,
/// and the report's largest distance is that largest distance.
#[test]
fn the_simplified_outlines_stay_within_the_tolerance_of_the_originals() {
    for (file, _) in FIXTURES {
        let text = fixture(file);
        let original = import(file, &text, 0.0);
        let simplified = import(file, &text, DEFAULT_TOLERANCE_M);
        assert_eq!(original.report.largest_distance_m, 0.0);
        let mut largest: f64 = 0.0;
        for (before, after) in original.areas.iter().zip(&simplified.areas) {
            assert_eq!(before.id, after.id);
            let after_shape = shape_of(after);
            for &point in shape_of(before).iter().flatten().flatten() {
                largest = largest.max(metres_to_outline(point, &after_shape));
            }
        }
        assert!(largest <= DEFAULT_TOLERANCE_M + 0.05, "{file}: {largest} m");
        assert!(largest > 0.0, "{file}: nothing was simplified");
        let reported = simplified.report.largest_distance_m;
        assert!((reported - largest).abs() < 0.05, "{file}: reported {reported} m, measured {largest} m");
    }
}

/// Neighbours share their borders exactly: a wijk's area equals the sum of its buurten's areas
/// (outer rings; exact, in square millionths of a degree), and no point of the map lies in two
/// buurten, nor in none where the original map had one buurt further than the tolerance from a
/// border.
#[test]
fn neighbours_have_no_gap_and_no_overlap_after_simplification() {
    for (file, _) in FIXTURES {
        let text = fixture(file);
        let original = import(file, &text, 0.0);
        let simplified = import(file, &text, DEFAULT_TOLERANCE_M);
        let outer_area2 = |area: &Area| shape_of(area).iter().map(|polygon| signed_area2(&polygon[0])).sum::<i128>();
        for wijk in simplified.areas.iter().filter(|area| area.parent.is_none()) {
            let buurten: i128 =
                simplified.areas.iter().filter(|area| area.parent.as_ref() == Some(&wijk.id)).map(outer_area2).sum();
            assert_eq!(outer_area2(wijk), buurten, "{file}: {}", wijk.id);
        }
        let buurten = |import: &AreaImport| -> Vec<Vec<Vec<Vec<Point>>>> {
            import.areas.iter().filter(|area| area.parent.is_some()).map(shape_of).collect()
        };
        let (before, after) = (buurten(&original), buurten(&simplified));
        let all: Vec<Point> = before.iter().flatten().flatten().flatten().copied().collect();
        let (min_x, max_x) = (all.iter().map(|p| p.0).min().unwrap(), all.iter().map(|p| p.0).max().unwrap());
        let (min_y, max_y) = (all.iter().map(|p| p.1).min().unwrap(), all.iter().map(|p| p.1).max().unwrap());
        let steps = 60;
        let mut checked = 0;
        for sx in 0..=steps {
            for sy in 0..=steps {
                let x = f64::from(min_x) + f64::from(max_x - min_x) * (f64::from(sx) + 0.37) / f64::from(steps + 1);
                let y = f64::from(min_y) + f64::from(max_y - min_y) * (f64::from(sy) + 0.61) / f64::from(steps + 1);
                let count_after = after.iter().filter(|shape| covers(shape, (x, y))).count();
                assert!(count_after <= 1, "{file}: ({x}, {y}) lies in {count_after} buurten");
                let count_before = before.iter().filter(|shape| covers(shape, (x, y))).count();
                let point = (x.round() as i32, y.round() as i32);
                let clear = before.iter().all(|shape| metres_to_outline(point, shape) > DEFAULT_TOLERANCE_M + 0.2);
                if count_before == 1 && clear {
                    assert_eq!(count_after, 1, "{file}: ({x}, {y}) fell into a gap");
                    checked += 1;
                }
            }
        }
        assert!(checked > steps * steps / 2, "{file}: only {checked} points checked");
    }
}

#[test]
fn the_report_counts_the_positions_and_bytes_before_and_after() {
    for (file, _) in FIXTURES {
        let text = fixture(file);
        let original = import(file, &text, 0.0);
        let simplified = import(file, &text, DEFAULT_TOLERANCE_M);
        let positions = |import: &AreaImport| -> usize {
            import
                .areas
                .iter()
                .map(|area| area.boundary.as_ref().map_or(0, |b| b.polygons().iter().flatten().map(Vec::len).sum()))
                .sum()
        };
        let bytes = |import: &AreaImport| -> usize {
            import.areas.iter().map(|area| serde_json::to_string(area.boundary.as_ref().unwrap()).unwrap().len()).sum()
        };
        let report = &simplified.report;
        assert_eq!((report.vertices_before, report.bytes_before), (positions(&original), bytes(&original)), "{file}");
        assert_eq!((report.vertices_after, report.bytes_after), (positions(&simplified), bytes(&simplified)), "{file}");
        // The borders are a wave of 25 m with a metre of noise on every position: at 3 m the
        // noise goes, so at least a third of the positions (and their bytes) must.
        assert!(report.vertices_after * 3 < report.vertices_before * 2, "{file}: {report}");
        assert!(report.bytes_after * 3 < report.bytes_before * 2, "{file}: {report}");
        assert_eq!(report.tolerance_m, DEFAULT_TOLERANCE_M);
        assert!(report.to_string().contains("tolerance of 3 m"), "{report}");
        // Every feature of the file counts as read, water and all.
        let document: serde_json::Value = serde_json::from_str(&text).unwrap();
        let features = document["features"].as_array().map_or(0, Vec::len);
        assert_eq!(report.features_read, features, "{file}");
        assert!(report.to_string().starts_with(&format!("{features} features read\n")), "{report}");
    }
}

#[test]
fn every_centroid_lies_inside_its_area() {
    for (file, _) in FIXTURES {
        for area in import(file, &fixture(file), DEFAULT_TOLERANCE_M).areas {
            let [lat, lon] = area.centroid.expect("every imported area has a centroid");
            let point = quantize([lon, lat]);
            assert!(covers(&shape_of(&area), (f64::from(point.0), f64::from(point.1))), "{file}: {}", area.id);
        }
    }
}

/// A crescent: its centre of mass lies in the bite, outside; the centroid does not.
#[test]
fn the_centroid_of_a_crescent_is_on_its_surface() {
    // The outer arc of a circle of 1 km from 30° to 330°, back along a circle around (400 m, 0)
    // through the same ends, so that the bite holds the centre.
    let at = |x: f64, y: f64| [150_000.0 + x, 450_000.0 + y];
    let mut ring = Vec::new();
    for k in 0..=36 {
        let angle = (30.0 + 300.0 * f64::from(k) / 36.0f64).to_radians();
        ring.push(at(1000.0 * angle.cos(), 1000.0 * angle.sin()));
    }
    let end = (1000.0 * 330f64.to_radians().cos() - 400.0, 1000.0 * 330f64.to_radians().sin());
    let (radius, start) = (end.0.hypot(end.1), end.1.atan2(end.0));
    for k in 1..36 {
        let angle = start - (std::f64::consts::TAU + 2.0 * start) * f64::from(k) / 36.0;
        ring.push(at(400.0 + radius * angle.cos(), radius * angle.sin()));
    }
    ring.push(ring[0]);
    let geometry = serde_json::json!({"type": "Polygon", "coordinates": [ring]});
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"statcode":"WK079601","statnaam":"Maan"}},"geometry":{geometry}}}]}}"#
    );
    let imported = import("maan.json", &text, DEFAULT_TOLERANCE_M);
    let area = &imported.areas[0];
    let shape = shape_of(area);
    let outer = &shape[0][0];
    let n = outer.len() as f64;
    let mean =
        (outer.iter().map(|p| f64::from(p.0)).sum::<f64>() / n, outer.iter().map(|p| f64::from(p.1)).sum::<f64>() / n);
    assert!(!covers(&shape, mean), "the test's crescent must have its mean outside");
    let [lat, lon] = area.centroid.unwrap();
    let point = quantize([lon, lat]);
    assert!(covers(&shape, (f64::from(point.0), f64::from(point.1))));
}

/// The gebiedsindelingen's `statcode`/`statnaam`, in longitude/latitude with a `crs` member:
/// parents from the codes, the municipality left out, a wijk without name named by its code.
#[test]
fn statcodes_give_levels_and_parents() {
    let square = |x: f64, y: f64| serde_json::json!({"type": "Polygon", "coordinates": [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]]});
    let feature = |properties: serde_json::Value, geometry: serde_json::Value| serde_json::json!({"type": "Feature", "properties": properties, "geometry": geometry});
    let text = serde_json::json!({
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
        "features": [
            feature(serde_json::json!({"statcode": "GM0796", "statnaam": "Verschilstad"}), square(5.3, 51.7)),
            feature(serde_json::json!({"statcode": "BU07960102", "statnaam": "Oost"}), square(5.31, 51.7)),
            feature(serde_json::json!({"statcode": "BU07960101", "statnaam": "West"}), square(5.3, 51.7)),
            feature(serde_json::json!({"statcode": "BU07960201"}), square(5.3, 51.71)),
        ]
    })
    .to_string();
    let imported = import("gebieden.json", &text, DEFAULT_TOLERANCE_M);
    let summary: Vec<(&str, &str, Option<&str>)> = imported
        .areas
        .iter()
        .map(|area| (area.id.as_str(), area.name.as_str(), area.parent.as_ref().map(AreaId::as_str)))
        .collect();
    assert_eq!(
        summary,
        [
            ("WK079601", "WK079601", None),
            ("BU07960101", "West", Some("WK079601")),
            ("BU07960102", "Oost", Some("WK079601")),
            ("WK079602", "WK079602", None),
            ("BU07960201", "BU07960201", Some("WK079602")),
        ]
    );
    // The two squares of WK079601 dissolve into one rectangle.
    assert_eq!(shape_of(&imported.areas[0]).iter().flatten().count(), 1);
    let report = imported.report.to_string();
    for expected in [
        "gebieden.json: features[0]: GM0796 is the municipality, not a wijk or buurt; left out",
        "WK079601: wijk \"WK079601\" created from its 2 buurten",
        "WK079601: no name in the input, named by its code; rename it",
        "BU07960201: no name in the input, named by its code; rename it",
        "gebieden.json: coordinates in longitude/latitude (WGS 84) (as its crs says)",
    ] {
        assert!(report.contains(expected), "{expected:?} not in\n{report}");
    }
}

/// PDOK's OGC API asked for EPSG:4326 (not CRS84) writes latitude first, without a `crs` member;
/// the same map read either way gives the same areas.
#[test]
fn latitude_first_positions_are_recognised() {
    let file = FIXTURES[0].0;
    let text = fixture(file);
    let mut swapped: serde_json::Value = serde_json::from_str(&text).unwrap();
    for feature in swapped["features"].as_array_mut().unwrap() {
        let geometry = &mut feature["geometry"];
        let depth = if geometry["type"] == "Polygon" { 1 } else { 2 };
        fn swap(value: &mut serde_json::Value, depth: usize) {
            for item in value.as_array_mut().unwrap() {
                if depth == 0 {
                    item.as_array_mut().unwrap().swap(0, 1);
                } else {
                    swap(item, depth - 1);
                }
            }
        }
        swap(&mut geometry["coordinates"], depth);
    }
    let expected = import(file, &text, DEFAULT_TOLERANCE_M);
    let imported = import("lat-lon.json", &swapped.to_string(), DEFAULT_TOLERANCE_M);
    assert_eq!(imported.areas, expected.areas);
    assert!(imported.report.lines.contains(&ReportLine::LatitudeFirst { file: "lat-lon.json".to_owned() }));
    assert!(!expected.report.lines.iter().any(|line| matches!(line, ReportLine::LatitudeFirst { .. })));
}

/// Buurten from PDOK in CRS84 and wijken from a WFS in RD New, imported together: the wijken
/// are taken, not created, and every buurt hangs under one; a file given twice changes nothing.
#[test]
fn files_in_different_systems_import_together() {
    let wfs: serde_json::Value = serde_json::from_str(&fixture(FIXTURES[1].0)).unwrap();
    let mut wijken = wfs.clone();
    wijken["features"].as_array_mut().unwrap().retain(|feature| feature["properties"].get("buurtcode").is_none());
    let wijken = wijken.to_string();
    let buurten = fixture(FIXTURES[0].0);
    let files = [AreaFile { name: "buurten.json", text: &buurten }, AreaFile { name: "wijken.json", text: &wijken }];
    let together = import_areas(&files, &AreaImportConfig::default()).unwrap();
    let alone = import(FIXTURES[1].0, &fixture(FIXTURES[1].0), DEFAULT_TOLERANCE_M);
    let summary = |import: &AreaImport| -> Vec<(String, String, Option<AreaId>, String)> {
        import
            .areas
            .iter()
            .map(|area| (area.id.to_string(), area.name.clone(), area.parent.clone(), kind(area)))
            .collect()
    };
    assert_eq!(summary(&together), summary(&alone));
    assert!(!together.report.lines.iter().any(|line| matches!(line, ReportLine::WijkCreated { .. })));
    let twice = [files[0], files[0]];
    let doubled = import_areas(&twice, &AreaImportConfig::default()).unwrap();
    let once = import("buurten.json", &buurten, DEFAULT_TOLERANCE_M);
    assert_eq!(doubled.areas, once.areas);
    assert!(!doubled.report.lines.iter().any(|line| matches!(line, ReportLine::FeaturesJoined { .. })));
}

fn check_error(text: &str, expected: &[&str]) {
    let error = import_areas(&[AreaFile { name: "in.json", text }], &AreaImportConfig::default())
        .expect_err("the input is bad");
    assert_eq!(error.problems(), expected, "{text}");
}

#[test]
fn bad_input_gives_clear_errors() {
    let polygon = r#"{"type":"Polygon","coordinates":[[[5.3,51.7],[5.4,51.7],[5.4,51.8],[5.3,51.7]]]}"#;
    check_error("<html>", &["in.json: not GeoJSON: expected value at line 1 column 1"]);
    check_error("[]", &["in.json: not GeoJSON: the document is not an object"]);
    check_error(r#"{"type":"Feature"}"#, &["in.json: a GeoJSON Feature, not a FeatureCollection of wijken or buurten"]);
    check_error(r#"{"type":"FeatureCollection"}"#, &["in.json: features: missing or not a list"]);
    check_error(r#"{"type":"FeatureCollection","features":[]}"#, &["no wijken or buurten in the input"]);
    check_error(
        r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:3857"}},"features":[]}"#,
        &[
            r#"in.json: crs: unknown coordinate reference system "EPSG:3857"; give RD New (EPSG:28992) or longitude/latitude (CRS84)"#,
        ],
    );
    check_error(
        &format!(
            r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"BU_NAAM":"x","AANT_INW":-99997}},"geometry":{polygon}}},{{"type":"Feature","properties":{{"buurtcode":"BU123"}},"geometry":{polygon}}},{{"type":"Feature","properties":{{"wijkcode":"WK079601"}},"geometry":{{"type":"Point","coordinates":[5,51]}}}},{{"type":"Feature","properties":{{"wijkcode":"WK079601"}},"geometry":null}},7]}}"#
        ),
        &[
            "in.json: features[0].properties: no area code (buurtcode, wijkcode, BU_CODE, WK_CODE or statcode)",
            r#"in.json: features[1].properties.buurtcode: "BU123" is not a buurt code: BU and 8 digits"#,
            "in.json: features[2].geometry: a Point, not a Polygon or MultiPolygon",
            "in.json: features[3].geometry: missing; an area needs its outline",
            "in.json: features[4]: not a GeoJSON Feature",
        ],
    );
    check_error(
        r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[{"type":"Feature","properties":{"wijkcode":"WK079601"},"geometry":{"type":"Polygon","coordinates":[[[5.3,51.7],[5.4,51.7],[5.4,51.8],[5.3,51.7]]]}}]}"#,
        &["in.json: features[0]: coordinates out of range for RD New (EPSG:28992): [5.3, 51.7]"],
    );
    check_error(
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"wijkcode":"WK079601"},"geometry":{"type":"Polygon","coordinates":[[[1000000,51.7],[5.4,51.7],[5.4,51.8],[1000000,51.7]]]}}]}"#,
        &[
            "in.json: features[0]: coordinates out of range: [1000000, 51.7] is neither longitude/latitude nor RD New (EPSG:28992)",
        ],
    );
}

/// Areas already in the working copy keep their postcodes and what points at them; the rest
/// of the import is added.
#[test]
fn merging_updates_outline_name_and_parent_and_keeps_postcodes() {
    let json = r#"{
      "schema": "verschilmaker/1",
      "municipality": {"name": "Verschilstad", "languages": ["nl"]},
      "areas": [{"id": "BU07960102", "name": "Oude naam", "postcodes": ["5211"], "centroid": [51.0, 5.0]},
                {"id": "eigen", "name": "Eigen gebied"}],
      "initiatives": [{"id": "moestuin", "title": "Moestuin", "stage": "idea", "area": "BU07960102"}]
    }"#;
    let mut dataset = Dataset::from_json_strict(json).expect("valid");
    let file = FIXTURES[0].0;
    let imported = import(file, &fixture(file), DEFAULT_TOLERANCE_M);
    let fresh = imported.areas.iter().find(|area| area.id.as_str() == "BU07960102").unwrap().clone();
    let merge = merge_areas(&mut dataset, imported.areas.clone());
    assert_eq!(merge.updated, [AreaId::new("BU07960102").unwrap()]);
    assert_eq!(merge.added.len(), imported.areas.len() - 1);
    let area = dataset.area(&AreaId::new("BU07960102").unwrap()).unwrap();
    assert_eq!(area.name, "Lindekwartier");
    assert_eq!(area.parent, fresh.parent);
    assert_eq!(area.boundary, fresh.boundary);
    assert_eq!(area.centroid, fresh.centroid);
    assert_eq!(area.postcodes, ["5211"]);
    assert_eq!(dataset.areas[1].name, "Eigen gebied");
    let reloaded = Dataset::from_json_strict(&serde_json::to_string(&dataset).unwrap()).expect("still valid");
    assert_eq!(reloaded.initiatives[0].area.as_ref().map(AreaId::as_str), Some("BU07960102"));
}

/// Whether any two segments of the outlines cross, other than at shared ends (brute force).
fn crossings(areas: &[&Area]) -> usize {
    let mut segments = Vec::new();
    for area in areas {
        for ring in shape_of(area).iter().flatten() {
            segments.extend((0..ring.len()).map(|i| (ring[i], ring[(i + 1) % ring.len()])));
        }
    }
    let cross = |(a, b): (Point, Point), (c, d): (Point, Point)| {
        let side = |p: Point, q: Point, r: Point| {
            ((i128::from(q.0) - i128::from(p.0)) * (i128::from(r.1) - i128::from(p.1))
                - (i128::from(q.1) - i128::from(p.1)) * (i128::from(r.0) - i128::from(p.0)))
            .signum()
        };
        let shared = a == c || a == d || b == c || b == d;
        !shared && side(a, b, c) * side(a, b, d) < 0 && side(c, d, a) * side(c, d, b) < 0
    };
    let mut count = 0;
    for (i, &s) in segments.iter().enumerate() {
        count += segments[i + 1..].iter().filter(|&&t| cross(s, t)).count();
    }
    count
}

/// A corridor 2 m wide that winds with 30 m waves, its northern border with a ripple of 4 m
/// and sampled at other places: simplified at 10 m without the check for crossings, its borders
/// cross 14 times; the importer keeps them apart.
#[test]
fn a_narrow_winding_corridor_does_not_cross_its_neighbours() {
    let wave = |x: f64, offset: f64| 463_000.0 + offset + 30.0 * (x / 80.0).sin() + offset * 0.4 * (x / 7.0).sin();
    let border = |offset: f64, shift: f64| -> Vec<[f64; 2]> {
        (0..=100)
            .map(|k| f64::from(k) * 10.0 + if k == 0 || k == 100 { 0.0 } else { shift })
            .map(|x| [155_000.0 + x, wave(x, offset)])
            .collect()
    };
    let (low, high) = (border(0.0, 0.0), border(2.0, 5.0));
    let reversed = |line: &[[f64; 2]]| -> Vec<[f64; 2]> { line.iter().rev().copied().collect() };
    let closed = |mut ring: Vec<[f64; 2]>| {
        ring.push(ring[0]);
        ring
    };
    let corridor = closed([low.clone(), reversed(&high)].concat());
    let north = closed([high.clone(), vec![[156_000.0, 463_300.0], [155_000.0, 463_300.0]]].concat());
    let south = closed([vec![[155_000.0, 462_700.0], [156_000.0, 462_700.0]], reversed(&low)].concat());
    let features: Vec<serde_json::Value> = [("BU07960101", corridor), ("BU07960102", north), ("BU07960103", south)]
        .into_iter()
        .map(|(code, ring)| serde_json::json!({"type": "Feature", "properties": {"buurtcode": code}, "geometry": {"type": "Polygon", "coordinates": [ring]}}))
        .collect();
    let text = serde_json::json!({"type": "FeatureCollection", "features": features}).to_string();
    let imported = import("gang.json", &text, 10.0);
    let buurten: Vec<&Area> = imported.areas.iter().filter(|area| area.parent.is_some()).collect();
    assert_eq!(buurten.len(), 3);
    assert_eq!(crossings(&buurten), 0);
    let report = &imported.report;
    assert!(report.vertices_after * 2 < report.vertices_before, "{report}");
    assert!(report.largest_distance_m <= 10.0, "{report}");
}

/// The size of a real municipality: about 100 buurten and 20,000 positions. The figures go
/// into the closing note (run with `--nocapture --release`).
#[test]
fn a_municipality_sized_map_is_simplified_within_the_tolerance() {
    let map = SyntheticMap { columns: 10, rows: 10, points_per_edge: 49, wijk_size: 3 };
    let text = synthetic_map(map, FixtureShape::PdokCrs84);
    let started = std::time::Instant::now();
    let imported = import("gemeente.json", &text, DEFAULT_TOLERANCE_M);
    let elapsed = started.elapsed();
    let report = &imported.report;
    let buurten = imported.areas.iter().filter(|area| area.parent.is_some()).count();
    assert_eq!(buurten, map.columns * map.rows - 1, "one buurt is a MultiPolygon of two cells");
    assert!(report.largest_distance_m <= DEFAULT_TOLERANCE_M, "{report}");
    assert!(report.vertices_after * 2 < report.vertices_before, "{report}");
    eprintln!("{buurten} buurten, {} bytes of input, imported in {elapsed:?}\n{report}", text.len());
}

proptest! {
    /// No input panics: random text, and random polygons in either coordinate system.
    #[test]
    fn nothing_from_outside_panics(text in ".{0,200}") {
        let _ = import_areas(&[AreaFile { name: "x", text: &text }], &AreaImportConfig::default());
    }

    #[test]
    fn random_polygons_never_panic(
        rings in prop::collection::vec(prop::collection::vec((0i32..20, 0i32..20), 0..12), 1..6),
        rd in any::<bool>(),
        tolerance_m in prop_oneof![Just(0.0), Just(3.0), Just(f64::NAN), Just(-1.0), Just(1e9)],
    ) {
        let features: Vec<serde_json::Value> = rings.iter().enumerate().map(|(index, ring)| {
            let positions: Vec<[f64; 2]> = ring.iter().map(|&(x, y)| if rd {
                [150_000.0 + f64::from(x) * 10.0, 450_000.0 + f64::from(y) * 10.0]
            } else {
                [5.3 + f64::from(x) * 1e-5, 51.7 + f64::from(y) * 1e-5]
            }).collect();
            serde_json::json!({"type": "Feature", "properties": {"buurtcode": format!("BU079601{:02}", index % 3)},
                               "geometry": {"type": "Polygon", "coordinates": [positions]}})
        }).collect();
        let text = serde_json::json!({"type": "FeatureCollection", "features": features}).to_string();
        let config = AreaImportConfig { tolerance_m };
        if let Ok(imported) = import_areas(&[AreaFile { name: "x", text: &text }], &config) {
            for area in &imported.areas {
                for ring in area.boundary.as_ref().unwrap().polygons().iter().flatten() {
                    prop_assert!(ring.len() >= 4 && ring.first() == ring.last());
                }
            }
        }
    }
}
