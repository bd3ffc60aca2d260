//! `www areas` as a civil servant runs it: the three shapes of the CBS wijk- en buurtkaart in,
//! the `areas` array out (a dataset with it passes the strict check), the report on standard
//! error, and a clear message with exit code 1 on bad input.

use std::path::PathBuf;
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../core/testdata/areas").join(name)
}

fn www(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_www")).args(args).output().expect("www runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn each_shape_prints_areas_that_a_dataset_accepts() {
    for name in ["pdok-buurten-crs84.json", "wfs-wijken-buurten-rd.json", "qgis-cbs-buurten.json"] {
        let path = fixture(name);
        let output = www(&["areas", path.to_str().unwrap()]);
        let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
        assert!(output.status.success(), "{name}: {stderr}");
        let areas: serde_json::Value = serde_json::from_str(&stdout).expect("the areas array is JSON");
        let areas = areas.as_array().expect("an array");
        let wijken = areas.iter().filter(|area| area.get("parent").is_none()).count();
        let buurten = areas.iter().filter(|area| area["parent"].is_string()).count();
        // The fixtures hold 4 wijken of 11 buurten (a twelfth buurt is water).
        assert_eq!((wijken, buurten), (4, 11), "{name}");
        let dataset = serde_json::json!({
            "schema": "verschilmaker/1",
            "municipality": {"name": "Verschilstad", "languages": ["nl"]},
            "areas": areas,
        });
        if let Err(error) = verschilmaker::Dataset::from_json_strict(&dataset.to_string()) {
            panic!("{name}: {error}");
        }
        assert!(stderr.contains("BU07960490 is water only; left out"), "{name}: {stderr}");
        assert!(stderr.contains("simplified with a tolerance of 3 m"), "{name}: {stderr}");
    }
}

#[test]
fn the_tolerance_option_changes_the_simplification() {
    let path = fixture("wfs-wijken-buurten-rd.json");
    let positions = |tolerance: &str| -> usize {
        let output = www(&["areas", "--tolerance", tolerance, path.to_str().unwrap()]);
        assert!(output.status.success(), "{}", text(&output.stderr));
        text(&output.stdout).matches("],[").count()
    };
    assert!(positions("0") > positions("3"));
    assert!(positions("3") > positions("20"));
}

#[test]
fn bad_input_exits_with_one_and_names_the_problem() {
    let dir = std::env::temp_dir().join(format!("www-areas-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases = [
        ("nonsense.json", "<html></html>", "nonsense.json: not GeoJSON"),
        ("feature.json", r#"{"type":"Feature","properties":{},"geometry":null}"#, "not a FeatureCollection"),
        (
            "nocode.json",
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"naam":"x"},"geometry":null}]}"#,
            "features[0].properties: no area code",
        ),
        (
            "mercator.json",
            r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:3857"}},"features":[]}"#,
            "unknown coordinate reference system \"EPSG:3857\"",
        ),
    ];
    for (name, content, expected) in cases {
        let path = dir.join(name);
        std::fs::write(&path, content).unwrap();
        let output = www(&["areas", path.to_str().unwrap()]);
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{name}: {stderr}");
        assert!(output.stdout.is_empty(), "{name}: nothing on standard output");
        assert!(stderr.contains(expected), "{name}: {stderr}");
    }
    let output = www(&["areas", dir.join("missing.json").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("missing.json"));
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(www(&["areas"]).status.code(), Some(2), "no file is a usage error");
}
