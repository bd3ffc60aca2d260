//! The published format beside the loader: the bad fixtures in `tests/fixtures/bad` give exactly
//! the problems recorded beside them, the JSON Schema rejects those it can see, and the minimal
//! example of the format documentation (in both languages) is valid.
//!
//! These read files outside the core crate (the fixtures and `docs/`), so they live here rather
//! than in core, whose packaged tests must stand on their own.

use verschilmaker::Dataset;

/// The published JSON Schema, compiled.
fn schema() -> &'static (boon::Schemas, boon::SchemaIndex) {
    static SCHEMA: std::sync::OnceLock<(boon::Schemas, boon::SchemaIndex)> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(|| {
        let text = include_str!("../../core/schema/verschilmaker-1.schema.json");
        let value: serde_json::Value = serde_json::from_str(text).expect("the schema is JSON");
        let mut schemas = boon::Schemas::new();
        let mut compiler = boon::Compiler::new();
        compiler.add_resource("verschilmaker-1.schema.json", value).expect("the schema is a resource");
        let index = compiler.compile("verschilmaker-1.schema.json", &mut schemas).expect("the schema compiles");
        (schemas, index)
    })
}

fn check_schema_accepts(json: &str) {
    let (schemas, index) = schema();
    let value: serde_json::Value = serde_json::from_str(json).expect("the document is JSON");
    if let Err(error) = schemas.validate(&value, *index) {
        panic!("the schema rejects a valid document: {error:#}");
    }
}

/// The bad datasets in `tests/fixtures/bad` as bytes (one is not UTF-8 on purpose), each with
/// the problems `check_bytes` reports for it.
fn bad_fixtures() -> Vec<(String, Vec<u8>, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/bad");
    let mut fixtures: Vec<(String, Vec<u8>, String)> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/bad exists")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let json = std::fs::read(&path).expect("a fixture can be read");
            let expected = std::fs::read_to_string(path.with_extension("expected"))
                .unwrap_or_else(|_| panic!("{name} has a sibling .expected file"));
            (name, json, expected)
        })
        .collect();
    fixtures.sort();
    fixtures
}

#[test]
fn bad_fixtures_report_exactly_the_expected_problems() {
    let fixtures = bad_fixtures();
    assert!(fixtures.len() >= 10, "the fixtures are found");
    for (name, json, expected) in fixtures {
        let problems = verschilmaker::check_bytes(&json);
        let actual: String = problems.iter().map(|problem| format!("{problem}\n")).collect();
        assert_eq!(actual, expected, "{name}");
        assert!(problems.iter().any(|problem| problem.is_error()), "{name} has an error");
        assert!(Dataset::from_json_bytes_strict(&json).is_err(), "{name}");
        // For text, the bytes' entry points and the text's agree.
        if let Ok(text) = std::str::from_utf8(&json) {
            assert_eq!(verschilmaker::check(text), problems, "{name}");
        }
    }
}

/// What the schema can see of each bad fixture: it rejects all of them except those whose
/// only problems it cannot see, which only the check finds:
/// - problems between records (duplicate ids, dangling references);
/// - a key repeated in one object: a JSON Schema validator sees the object after its parser
///   kept one of the values;
/// - texts that are blank: the schema's `text` allows any string (the loader's rule for
///   required texts is newer than the schema).
#[test]
fn the_schema_rejects_the_bad_fixtures_it_can_see() {
    let (schemas, index) = schema();
    for (name, json, _) in bad_fixtures() {
        let Ok(value) = serde_json::from_slice::<serde_json::Value>(&json) else {
            // Not UTF-8 is not JSON text either, for the schema's validators as for serde_json;
            // nor is a web page.
            assert!(
                matches!(name.as_str(), "truncated.json" | "not-utf8.json" | "html-page.json"),
                "{name} is not JSON"
            );
            continue;
        };
        let unseen = matches!(
            name.as_str(),
            "duplicate-ids.json" | "dangling-references.json" | "repeated-keys.json" | "blank-texts.json"
        );
        assert_eq!(schemas.validate(&value, *index).is_ok(), unseen, "{name}");
    }
}

/// The minimal example in the format documentation, in both languages, passes the check.
#[test]
fn the_documented_minimal_example_is_valid() {
    for doc in [include_str!("../../docs/dataset-format.md"), include_str!("../../docs/dataformaat.md")] {
        let example = doc
            .split("```json\n")
            .nth(1)
            .and_then(|rest| rest.split("```").next())
            .expect("the documentation has a JSON example");
        assert!(verschilmaker::check(example).is_empty(), "{:#?}", verschilmaker::check(example));
        check_schema_accepts(example);
    }
}
