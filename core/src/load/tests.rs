//! Data-driven tests of loading: one `check_*` helper per behaviour, many one-line cases.

use crate::{Dataset, Severity};

const HEAD: &str =
    r#""schema": "verschilmaker/1", "municipality": {"name": "Gemeente Test", "languages": ["nl", "en"]}"#;

/// A document with the standard head and `rest` as further root fields.
fn doc(rest: &str) -> String {
    if rest.is_empty() { format!("{{{HEAD}}}") } else { format!("{{{HEAD}, {rest}}}") }
}

/// Vocabulary and records that the cases below can point at.
const BASE: &str = r#"
  "areas": [{"id": "noord", "name": "Noord"}, {"id": "noord-oost", "name": "Noord-Oost", "parent": "noord"}],
  "themes": [{"id": "groen", "name": {"nl": "Groen", "en": "Green"}}],
  "skills": [{"id": "tuinieren", "name": "Tuinieren"}]"#;

fn with_base(rest: &str) -> String {
    doc(&format!("{BASE}, {rest}"))
}

/// Asserts that a strict check reports exactly `expected`, as displayed, in order.
#[track_caller]
fn check_problems(json: &str, expected: &[&str]) {
    let problems: Vec<String> = crate::check(json).iter().map(ToString::to_string).collect();
    assert_eq!(problems, expected, "\n{json}");
}

#[test]
fn demo_data_is_valid() {
    let json = include_str!("../../demo/initiatieven.json");
    check_problems(json, &[]);
}

#[test]
fn document_level_problems() {
    check_problems("", &["line 1, column 1: invalid JSON: EOF while parsing a value"]);
    check_problems(
        "{\n  \"schema\": \"verschilmaker/1\",\n  \"municipality\": {",
        &["line 3, column 19: invalid JSON: EOF while parsing an object"],
    );
    check_problems("{\"a\": 1,}", &["line 1, column 9: invalid JSON: trailing comma"]);
    // A language named twice is an error at its second place.
    check_problems(
        r#"{"schema": "verschilmaker/1", "municipality": {"name": "G", "languages": ["nl", "en", "nl"]}}"#,
        &["municipality.languages[2]: \"nl\" is named twice"],
    );
    // A web page where the data file belongs (a 404 or login page) is named as such.
    check_problems(
        "\n  <!doctype html><html><body>Niet gevonden</body></html>",
        &["line 2, column 3: a web page (HTML), not a JSON data file: check its address"],
    );
    check_problems("[]", &["the document must be a JSON object with \"schema\": \"verschilmaker/1\""]);
    check_problems("{}", &["schema: is required: \"verschilmaker/1\"", "municipality: is required"]);
    check_problems(
        r#"{"schema": "verschilmaker/2", "municipality": {"name": "X", "languages": ["nl"]}}"#,
        &["schema: unsupported schema version \"verschilmaker/2\"; this version reads \"verschilmaker/1\""],
    );
    check_problems(
        r#"{"schema": 1, "municipality": {"name": "X", "languages": ["nl"]}}"#,
        &["schema: must be \"verschilmaker/1\", not 1"],
    );
    check_problems(
        r#"{"schema": "verschilmaker/1", "municipality": {"name": " ", "languages": [], "code": "GM12"}}"#,
        &[
            "municipality.name: must not be empty",
            "municipality.code: must be a CBS code: GM and four digits, not \"GM12\"",
            "municipality.languages: must name at least one language",
        ],
    );
    check_problems(
        r#"{"schema": "verschilmaker/1", "municipality": {"name": "X", "languages": ["NL"]}}"#,
        &["municipality.languages[0]: \"NL\" is not an ISO 639-1 language code such as \"nl\" or \"en\""],
    );
}

#[test]
fn a_leading_byte_order_mark_is_tolerated() {
    check_problems(&format!("\u{FEFF}{}", doc("")), &[]);
}

#[test]
fn unknown_fields_are_errors_except_extensions() {
    check_problems(
        &doc(r#""initiatives": [{"id": "a", "titel": "Moestuin", "stage": "idea", "x-intern": 5}]"#),
        &["initiatives[0].titel: unknown field (did you mean \"title\"?)", "initiatives[0].title: is required"],
    );
    check_problems(&doc(r#""x-cms": {"page": 12}"#), &[]);
    check_problems(&doc(r#""colour": "red""#), &["colour: unknown field"]);
}

#[test]
fn wrong_types_and_missing_fields() {
    check_problems(&doc(r#""initiatives": {}"#), &["initiatives: must be a list, not an object"]);
    check_problems(&doc(r#""initiatives": [7]"#), &["initiatives[0]: must be an object, not 7"]);
    check_problems(
        &doc(r#""initiatives": [{"id": 3, "title": ["x"], "stage": "idea", "needs": [{"id": "n"}]}]"#),
        &[
            "initiatives[0].id: must be a string, not 3",
            "initiatives[0].title: must be a string or a map of language code to string, not a list",
            "initiatives[0].needs[0].kind: is required",
        ],
    );
    check_problems(
        &doc(r#""initiatives": [{"id": "a", "title": {}, "stage": "idea"}]"#),
        &["initiatives[0].title: must name at least one language"],
    );
    check_problems(
        &doc(r#""initiatives": [{"id": "a", "title": {"nederlands": "x"}, "stage": "idea"}]"#),
        &["initiatives[0].title.nederlands: \"nederlands\" is not an ISO 639-1 language code such as \"nl\" or \"en\""],
    );
    check_problems(
        &doc(
            r#""initiatives": [{"id": "a", "title": "t", "stage": "idea", "needs": [{"id": "n", "kind": "space", "required": "yes"}]}]"#,
        ),
        &["initiatives[0].needs[0].required: must be true or false, not \"yes\""],
    );
}

#[test]
fn languages_outside_the_municipality_are_warnings() {
    check_problems(
        &doc(r#""initiatives": [{"id": "a", "title": {"nl": "Tuin", "fy": "Tún"}, "stage": "idea"}]"#),
        &["warning: initiatives[0].title.fy: language \"fy\" is not among the municipality's languages"],
    );
    assert!(
        Dataset::from_json_strict(&doc(r#""initiatives": [{"id": "a", "title": {"fy": "Tún"}, "stage": "idea"}]"#))
            .is_ok()
    );
}

#[test]
fn ids() {
    check_problems(
        &doc(r#""initiatives": [{"id": "", "title": "t", "stage": "idea"}]"#),
        &["initiatives[0].id: must not be empty"],
    );
    check_problems(
        &doc(r#""initiatives": [{"id": " a", "title": "t", "stage": "idea"}]"#),
        &["initiatives[0].id: must not have white space around it: \" a\""],
    );
    check_problems(
        &doc(
            r#""initiatives": [{"id": "a", "title": "t", "stage": "idea"}, {"id": "a", "title": "u", "stage": "idea"}]"#,
        ),
        &["initiatives[1].id: duplicate id \"a\"; the first is at initiatives[0]"],
    );
    check_problems(
        &doc(
            r#""initiatives": [{"id": "a", "title": "t", "stage": "idea", "needs": [{"id": "n", "kind": "space"}, {"id": "n", "kind": "funding"}]}]"#,
        ),
        &["initiatives[0].needs[1].id: duplicate need id \"n\"; the first is at index 0"],
    );
    check_problems(
        &doc(
            r#""partners": [{"id": "p", "name": "P", "sector": "business", "offers": [{"id": "o", "kind": "space"}, {"id": "o", "kind": "space"}]}]"#,
        ),
        &["partners[0].offers[1].id: duplicate offer id \"o\"; the first is at index 0"],
    );
    check_problems(
        &doc(r#""themes": [{"id": "groen", "name": "Groen"}, {"id": "groen", "name": "Green"}]"#),
        &["themes[1].id: duplicate id \"groen\"; the first is at themes[0]"],
    );
}

#[test]
fn enums() {
    check_problems(
        &doc(r#""initiatives": [{"id": "a", "title": "t", "stage": "Idea"}]"#),
        &[
            "initiatives[0].stage: unknown stage \"Idea\"; expected one of idea, pitched, starting, running, completed, paused",
        ],
    );
    check_problems(
        &doc(r#""initiatives": [{"id": "a", "title": "t", "stage": "idea", "needs": [{"id": "n", "kind": "money"}]}]"#),
        &[
            "initiatives[0].needs[0].kind: unknown kind \"money\"; expected one of space, funding, volunteers, expertise, materials, permit, promotion, network, coaching",
        ],
    );
    check_problems(
        &doc(r#""partners": [{"id": "p", "name": "P", "sector": "market"}]"#),
        &[
            "partners[0].sector: unknown sector \"market\"; expected one of resident, youth, business, institution, government, foundation",
        ],
    );
    check_problems(
        &doc(
            r#""partners": [{"id": "p", "name": "P", "sector": "business", "offers": [{"id": "o", "kind": "space", "per": "week"}]}]"#,
        ),
        &["partners[0].offers[0].per: unknown period unit \"week\"; expected one of once, month, year"],
    );
    check_problems(
        &doc(
            r#""partners": [{"id": "p", "name": "P", "sector": "business", "offers": [{"id": "o", "kind": "space", "unit": "M²"}]}]"#,
        ),
        &["partners[0].offers[0].unit: must be a short lowercase token such as \"hours\" or \"eur\", not \"M²\""],
    );
}

#[test]
fn numbers() {
    let need = |amount: &str| {
        doc(&format!(
            r#""initiatives": [{{"id": "a", "title": "t", "stage": "idea", "needs": [{{"id": "n", "kind": "funding", "amount": {amount}}}]}}]"#
        ))
    };
    check_problems(&need("0"), &[]);
    check_problems(&need("1e12"), &[]);
    check_problems(&need("-0.5"), &["initiatives[0].needs[0].amount: must be ≥ 0, not -0.5"]);
    check_problems(&need("1e13"), &["initiatives[0].needs[0].amount: must be at most 10^12, not 10000000000000.0"]);
    check_problems(&need("\"5\""), &["initiatives[0].needs[0].amount: must be a number, not \"5\""]);
    check_problems(&need("null"), &["initiatives[0].needs[0].amount: must be a number, not null"]);
    // A number beyond f64 is a syntax error in JSON's sense: serde_json rejects it with its position.
    let problems = crate::check(&need("1e400"));
    assert_eq!(problems.len(), 1);
    assert!(problems[0].position.is_some() && problems[0].message.contains("number out of range"), "{problems:?}");
    check_problems(
        &doc(r#""partners": [{"id": "p", "name": "P", "sector": "business", "radius_km": -1}]"#),
        &["partners[0].radius_km: must be ≥ 0, not -1"],
    );
    check_problems(
        &doc(r#""matching": {"skills": -1, "proximity": 2, "beauty": 1}"#),
        &["matching.beauty: unknown field", "matching.skills: must be ≥ 0, not -1"],
    );
}

#[test]
fn dates_and_periods() {
    let period = |period: &str| {
        doc(&format!(r#""initiatives": [{{"id": "a", "title": "t", "stage": "idea", "period": {period}}}]"#))
    };
    check_problems(&period(r#"{"start": "2025-03-01", "end": "2025-03-01"}"#), &[]);
    check_problems(&period(r#"{"start": "2025-03-01T10:00:00+01:00", "end": "2025-03-01T09:30:00Z"}"#), &[]);
    check_problems(
        &period(r#"{"start": "2025-03-01", "end": "2025-02-28"}"#),
        &["initiatives[0].period.end: must not be before the start 2025-03-01, not \"2025-02-28\""],
    );
    check_problems(
        &period(r#"{"start": "2025-02-30"}"#),
        &[
            "initiatives[0].period.start: must be a date YYYY-MM-DD or an RFC 3339 date-time with offset, not \"2025-02-30\"",
        ],
    );
    check_problems(&period(r#"{"end": "2025-02-10"}"#), &["initiatives[0].period.start: is required"]);
    check_problems(
        &doc(r#""editions": [{"id": "e", "title": "E", "start": "2025-06-01", "end": "2025-05-01"}]"#),
        &["editions[0].end: must not be before the start 2025-06-01, not \"2025-05-01\""],
    );
    check_problems(
        &doc(r#""initiatives": [{"id": "a", "title": "t", "stage": "idea", "updated": "gisteren"}]"#),
        &["initiatives[0].updated: must be a date YYYY-MM-DD or an RFC 3339 date-time with offset, not \"gisteren\""],
    );
}

#[test]
fn coordinates_and_geometry() {
    check_problems(
        &doc(r#""areas": [{"id": "a", "name": "A", "centroid": [91, 5]}]"#),
        &["areas[0].centroid[0]: latitude must be from -90 to 90, not 91"],
    );
    check_problems(
        &doc(r#""initiatives": [{"id": "a", "title": "t", "stage": "idea", "location": {"lat": 51.7, "lon": 181}}]"#),
        &["initiatives[0].location.lon: longitude must be from -180 to 180, not 181"],
    );
    check_problems(
        &doc(r#""initiatives": [{"id": "a", "title": "t", "stage": "idea", "location": {"lat": 51.7}}]"#),
        &["initiatives[0].location: lat and lon must be given together"],
    );
    check_problems(
        &doc(
            r#""areas": [{"id": "a", "name": "A", "boundary": {"type": "Polygon", "coordinates": [[[5, 51], [6, 51], [6, 52], [5, 51.5]]]}}]"#,
        ),
        &["areas[0].boundary.coordinates[0]: a ring must be closed: its last position must equal its first"],
    );
    check_problems(
        &doc(
            r#""areas": [{"id": "a", "name": "A", "boundary": {"type": "Polygon", "coordinates": [[[5, 51], [6, 51], [5, 51]]]}}]"#,
        ),
        &["areas[0].boundary.coordinates[0]: a ring needs at least 4 positions, not 3"],
    );
    check_problems(
        &doc(r#""areas": [{"id": "a", "name": "A", "boundary": {"type": "Point", "coordinates": [5, 51]}}]"#),
        &["areas[0].boundary.type: must be \"Polygon\" or \"MultiPolygon\", not \"Point\""],
    );
    check_problems(
        &doc(r#""areas": [{"id": "a", "name": "A", "postcodes": ["5211", "52111", "0123"]}]"#),
        &[
            "areas[0].postcodes[1]: must be a four-digit postcode (PC4) such as \"5211\", not \"52111\"",
            "areas[0].postcodes[2]: must be a four-digit postcode (PC4) such as \"5211\", not \"0123\"",
        ],
    );
}

#[test]
fn contacts_and_links() {
    // A repeated key is reported; the last value is the one checked, as JSON parsers read it.
    check_problems(
        &doc(r#""municipality": 1"#),
        &[
            "municipality: the key \"municipality\" appears twice; only the last would be read",
            "municipality: must be an object, not 1",
        ],
    );
    check_problems(
        &doc(
            r#""partners": [{"id": "p", "name": "P", "sector": "business", "contact": {"name": "Piet"}, "website": "javascript:alert(1)"}]"#,
        ),
        &[
            "partners[0].contact: needs at least one of email, phone and url",
            "partners[0].website: must be an http or https address, not \"javascript:alert(1)\"",
        ],
    );
    check_problems(
        &doc(
            r#""partners": [{"id": "p", "name": "P", "sector": "business", "contact": {"email": "piet(at)example.org"}}]"#,
        ),
        &["partners[0].contact.email: must be an email address, not \"piet(at)example.org\""],
    );
    let link = |url: &str| {
        doc(&format!(r#""initiatives": [{{"id": "a", "title": "t", "stage": "idea", "links": [{{"url": "{url}"}}]}}]"#))
    };
    for good in ["https://example.org/x", "mailto:a@example.org", "tel:+31 73 123 45 67"] {
        check_problems(&link(good), &[]);
    }
    check_problems(
        &link("javascript:alert(1)"),
        &["initiatives[0].links[0].url: must be an http, https, mailto or tel address, not \"javascript:alert(1)\""],
    );
    check_problems(
        &link("data:text/html,x"),
        &["initiatives[0].links[0].url: must be an http, https, mailto or tel address, not \"data:text/html,x\""],
    );
}

#[test]
fn dangling_references() {
    check_problems(
        &with_base(
            r#""initiatives": [{"id": "a", "title": "t", "stage": "idea", "area": "zuid", "themes": ["groenn"]}]"#,
        ),
        &["initiatives[0].themes[0]: unknown theme \"groenn\"", "initiatives[0].area: unknown area \"zuid\""],
    );
    check_problems(
        &with_base(
            r#""initiatives": [{"id": "a", "title": "t", "stage": "idea", "needs": [{"id": "n", "kind": "volunteers", "skills": ["koken"]}]}]"#,
        ),
        &["initiatives[0].needs[0].skills[0]: unknown skill \"koken\""],
    );
    check_problems(
        &with_base(
            r#""partners": [{"id": "p", "name": "P", "sector": "youth", "areas": ["zuid"], "themes": ["blauw"], "offers": [{"id": "o", "kind": "volunteers", "skills": ["koken"]}]}]"#,
        ),
        &[
            "partners[0].areas[0]: unknown area \"zuid\"",
            "partners[0].themes[0]: unknown theme \"blauw\"",
            "partners[0].offers[0].skills[0]: unknown skill \"koken\"",
        ],
    );
    check_problems(
        // Not `with_base`, whose areas this would repeat as a second "areas" key.
        &doc(r#""areas": [{"id": "x", "name": "X", "parent": "y"}]"#),
        &["areas[0].parent: unknown area \"y\""],
    );
    check_problems(
        &with_base(
            r#""initiatives": [{"id": "a", "title": "t", "stage": "idea", "needs": [{"id": "n", "kind": "space"}]}],
            "partners": [{"id": "p", "name": "P", "sector": "business", "offers": [{"id": "o", "kind": "space"}]}],
            "commitments": [
              {"id": "c1", "initiative": "b", "partner": "p", "status": "agreed"},
              {"id": "c2", "initiative": "a", "need": "m", "partner": "q", "status": "agreed"},
              {"id": "c3", "initiative": "a", "need": "n", "partner": "p", "offer": "z", "status": "proposed"},
              {"id": "c4", "initiative": "a", "need": "n", "partner": "p", "offer": "o", "status": "maybe"}]"#,
        ),
        &[
            "commitments[3].status: unknown status \"maybe\"; expected one of proposed, agreed, delivered, withdrawn",
            "commitments[0].initiative: unknown initiative \"b\"",
            "commitments[1].need: initiative \"a\" has no need \"m\"",
            "commitments[1].partner: unknown partner \"q\"",
            "commitments[2].offer: partner \"p\" has no offer \"z\"",
        ],
    );
    check_problems(
        &with_base(
            r#""initiatives": [{"id": "a", "title": "t", "stage": "pitched", "edition": "e2"}, {"id": "b", "title": "u", "stage": "pitched", "edition": "e1"}],
            "editions": [{"id": "e1", "title": "Editie 1", "start": "2025-05-01", "initiatives": ["a", "c"]}]"#,
        ),
        &[
            "initiatives[0].edition: unknown edition \"e2\"",
            "initiatives[1].edition: edition \"e1\" does not list this initiative",
            "editions[0].initiatives[0]: initiative \"a\" names edition \"e2\" instead",
            "editions[0].initiatives[1]: unknown initiative \"c\"",
        ],
    );
    check_problems(
        &with_base(
            r#""policy": {"rules": [{"id": "r", "when": {"themes": ["groenn"], "areas": ["zuid"], "min_amount": 5}, "advice": "Bel ons"}]}"#,
        ),
        &["policy.rules[0].when.min_amount: needs need_kinds: the amount is that of a need of those kinds"],
    );
    check_problems(
        &with_base(
            r#""policy": {"rules": [{"id": "r", "when": {"themes": ["groenn"], "areas": ["zuid"]}, "advice": "Bel ons"}]}"#,
        ),
        &[
            "policy.rules[0].when.themes[0]: unknown theme \"groenn\"",
            "policy.rules[0].when.areas[0]: unknown area \"zuid\"",
        ],
    );
}

#[test]
fn a_reference_to_a_defective_record_is_not_reported_twice() {
    check_problems(
        &with_base(
            r#""initiatives": [{"id": "a", "title": "t", "stage": "later"}],
            "commitments": [{"id": "c", "initiative": "a", "partner": "p", "status": "agreed"}],
            "partners": [{"id": "p", "name": "P", "sector": "business"}]"#,
        ),
        &[
            "initiatives[0].stage: unknown stage \"later\"; expected one of idea, pitched, starting, running, completed, paused",
        ],
    );
}

#[test]
fn area_cycles() {
    check_problems(
        &doc(
            r#""areas": [{"id": "a", "name": "A", "parent": "b"}, {"id": "b", "name": "B", "parent": "a"}, {"id": "c", "name": "C", "parent": "c"}]"#,
        ),
        &[
            "areas[0].parent: area \"a\" is its own ancestor",
            "areas[1].parent: area \"b\" is its own ancestor",
            "areas[2].parent: area \"c\" is its own ancestor",
        ],
    );
}

#[test]
fn free_skill_tags_must_be_lowercase_without_a_vocabulary() {
    check_problems(
        &doc(
            r#""initiatives": [{"id": "a", "title": "t", "stage": "idea", "needs": [{"id": "n", "kind": "expertise", "skills": ["koken", "Bakken"]}]}]"#,
        ),
        &["initiatives[0].needs[0].skills[1]: a free skill tag must be lowercase, not \"Bakken\""],
    );
}

#[test]
fn long_texts_and_hostile_characters_are_reported_visibly() {
    let long = "a".repeat(100_001);
    check_problems(
        &doc(&format!(r#""initiatives": [{{"id": "a", "title": "{long}", "stage": "idea"}}]"#)),
        &["initiatives[0].title: is longer than 100000 characters"],
    );
    check_problems(
        &doc(r#""initiatives": [{"id": "a", "title": "t", "stage": "id\u202eea\u0000"}]"#),
        &[
            "initiatives[0].stage: unknown stage \"id\\u{202e}ea\\u{0}\"; expected one of idea, pitched, starting, running, completed, paused",
        ],
    );
}

#[test]
fn defaults() {
    let dataset = Dataset::from_json_strict(&doc(r#""initiatives": [{"id": "a", "title": "t", "stage": "idea", "needs": [
        {"id": "1", "kind": "funding"}, {"id": "2", "kind": "volunteers"}, {"id": "3", "kind": "space"},
        {"id": "4", "kind": "materials"}, {"id": "5", "kind": "network", "required": false}, {"id": "6", "kind": "funding", "unit": "vouchers"}]}],
        "partners": [{"id": "p", "name": "P", "sector": "business", "offers": [{"id": "o", "kind": "coaching"}]}]"#)).unwrap();
    let units: Vec<&str> = dataset.initiatives[0].needs.iter().map(|need| need.unit.as_str()).collect();
    assert_eq!(units, ["eur", "hours", "m2", "items", "requests", "vouchers"]);
    assert!(dataset.initiatives[0].needs[0].required);
    assert!(!dataset.initiatives[0].needs[4].required);
    let partner = &dataset.partners[0];
    assert_eq!(partner.areas, crate::Coverage::All);
    assert_eq!(partner.offers[0].per, crate::Per::Once);
    assert_eq!(partner.offers[0].unit.as_str(), "hours");
}

/// Asserts what a lenient load keeps (initiative ids, need ids per kept initiative, commitment
/// ids) and the paths of the skip notices.
#[track_caller]
fn check_lenient(json: &str, initiatives: &[&str], commitments: &[&str], skipped_paths: &[&str]) {
    let loaded = Dataset::from_json_lenient(json).unwrap_or_else(|e| panic!("{e}"));
    let kept: Vec<&str> = loaded.dataset.initiatives.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(kept, initiatives);
    let kept: Vec<&str> = loaded.dataset.commitments.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(kept, commitments);
    let paths: Vec<&str> = loaded.skipped.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, skipped_paths);
    assert!(loaded.skipped.iter().all(|p| p.severity == Severity::Error));
}

#[test]
fn lenient_loading_skips_defective_records() {
    check_lenient(
        &with_base(
            r#""initiatives": [{"id": "a", "title": "t", "stage": "idea"}, {"id": "b", "title": "u", "stage": "later"}, {"id": "a", "title": "dup", "stage": "idea"}]"#,
        ),
        &["a"],
        &[],
        &["initiatives[1].stage", "initiatives[2].id"],
    );
    // Unknown fields are not defects in a lenient load: the widget shows what it can.
    check_lenient(
        &with_base(r#""initiatives": [{"id": "a", "title": "t", "stage": "idea", "colour": "red"}]"#),
        &["a"],
        &[],
        &[],
    );
}

#[test]
fn lenient_loading_drops_just_a_bad_need_and_what_points_at_it() {
    let json = with_base(
        r#""initiatives": [{"id": "a", "title": "t", "stage": "idea", "needs": [
              {"id": "ok", "kind": "space"}, {"id": "bad", "kind": "space", "amount": -1}, {"id": "koks", "kind": "expertise", "skills": ["koken"]}]}],
           "partners": [{"id": "p", "name": "P", "sector": "business", "offers": [{"id": "o", "kind": "space"}]}],
           "commitments": [
              {"id": "c1", "initiative": "a", "need": "ok", "partner": "p", "offer": "o", "status": "agreed"},
              {"id": "c2", "initiative": "a", "need": "bad", "partner": "p", "status": "agreed"},
              {"id": "c3", "initiative": "a", "need": "koks", "partner": "p", "status": "agreed"}]"#,
    );
    check_lenient(
        &json,
        &["a"],
        &["c1"],
        &[
            "initiatives[0].needs[1].amount",
            "initiatives[0].needs[2].skills[0]",
            "commitments[1].need",
            "commitments[2].need",
        ],
    );
    let loaded = Dataset::from_json_lenient(&json).unwrap();
    let needs: Vec<&str> = loaded.dataset.initiatives[0].needs.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(needs, ["ok"]);
}

#[test]
fn lenient_loading_cascades_through_areas_editions_and_commitments() {
    let json = doc(
        r#""areas": [{"id": "wijk", "name": "W", "parent": "nergens"}, {"id": "buurt", "name": "B", "parent": "wijk"}],
           "initiatives": [{"id": "a", "title": "t", "stage": "pitched", "area": "buurt", "edition": "e"}, {"id": "b", "title": "u", "stage": "idea"}],
           "editions": [{"id": "e", "title": "E", "start": "2025-01-01", "initiatives": ["a"]}],
           "partners": [{"id": "p", "name": "P", "sector": "business", "areas": ["wijk"]}],
           "commitments": [{"id": "c", "initiative": "b", "partner": "p", "status": "agreed"}]"#,
    );
    // Notices come round by round: every area under a skipped one goes in the first round, then
    // what points at those areas, then what points at that.
    check_lenient(
        &json,
        &["b"],
        &[],
        &[
            "areas[0].parent",
            "areas[1].parent",
            "initiatives[0].area",
            "partners[0].areas[0]",
            "editions[0].initiatives[0]",
            "commitments[0].partner",
        ],
    );
    let loaded = Dataset::from_json_lenient(&json).unwrap();
    assert_eq!(loaded.skipped[1].to_string(), "areas[1].parent: area \"wijk\" was skipped");
    assert!(
        loaded.dataset.areas.is_empty() && loaded.dataset.editions.is_empty() && loaded.dataset.partners.is_empty()
    );
}

#[test]
fn lenient_loading_fails_only_at_document_level() {
    for bad in [
        "{",
        "[]",
        r#"{"schema": "verschilmaker/9", "municipality": {"name": "X", "languages": ["nl"]}}"#,
        r#"{"schema": "verschilmaker/1", "municipality": {"name": "X", "languages": "nl"}}"#,
    ] {
        let error = Dataset::from_json_lenient(bad).unwrap_err();
        assert!(error.is_document_level(), "{bad}: {error}");
    }
    let loaded = Dataset::from_json_lenient(&doc(r#""initiatives": "none", "themes": [1]"#)).unwrap();
    assert_eq!(loaded.skipped.len(), 2);
}

#[test]
fn strict_load_error_lists_everything() {
    let error = Dataset::from_json_strict(&doc(r#""initiatives": [{"id": "a"}]"#)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the dataset has 2 errors\ninitiatives[0].title: is required\ninitiatives[0].stage: is required"
    );
    assert!(!error.is_document_level());
}

#[test]
fn serialised_datasets_load_back_the_same() {
    let json = include_str!("../../demo/initiatieven.json");
    let dataset = Dataset::from_json_strict(json).unwrap();
    let written = serde_json::to_string_pretty(&dataset).unwrap();
    let again = Dataset::from_json_strict(&written).unwrap_or_else(|e| panic!("{e}\n{written}"));
    assert_eq!(again, dataset);
}

mod properties {
    use proptest::prelude::*;

    /// Arbitrary JSON values, deep enough to reach the record decoders.
    fn json_value() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::Bool),
            any::<i32>().prop_map(|n| serde_json::json!(n)),
            (-1e13f64..1e13).prop_map(|n| serde_json::json!(n)),
            prop_oneof![
                "[a-z]{0,8}",
                Just("idea".to_owned()),
                Just("space".to_owned()),
                Just("2025-02-29".to_owned()),
                Just("verschilmaker/1".to_owned()),
                Just("saturday".to_owned()),
                "\\PC{0,6}",
            ]
            .prop_map(serde_json::Value::String),
        ];
        leaf.prop_recursive(5, 64, 6, |inner| {
            let key = prop_oneof![
                Just("id".to_owned()),
                Just("title".to_owned()),
                Just("stage".to_owned()),
                Just("needs".to_owned()),
                Just("kind".to_owned()),
                Just("amount".to_owned()),
                Just("nl".to_owned()),
                Just("parent".to_owned()),
                Just("period".to_owned()),
                Just("start".to_owned()),
                Just("end".to_owned()),
                Just("offers".to_owned()),
                Just("areas".to_owned()),
                Just("themes".to_owned()),
                Just("only_areas".to_owned()),
                Just("weekdays".to_owned()),
                Just("min_amount".to_owned()),
                Just("max_amount".to_owned()),
                "[a-z]{1,5}",
            ];
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(serde_json::Value::Array),
                prop::collection::btree_map(key, inner, 0..6)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    /// A document with a valid head and arbitrary collections, so that decoding gets past the root.
    fn document() -> impl Strategy<Value = String> {
        let collection = prop_oneof![
            Just("areas"),
            Just("themes"),
            Just("skills"),
            Just("initiatives"),
            Just("partners"),
            Just("commitments"),
            Just("editions"),
            Just("policy"),
            Just("matching"),
        ];
        prop::collection::btree_map(collection, json_value(), 0..6).prop_map(|fields| {
            let mut root =
                serde_json::json!({"schema": "verschilmaker/1", "municipality": {"name": "X", "languages": ["nl"]}});
            for (key, value) in fields {
                root[key] = value;
            }
            root.to_string()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn loading_never_panics_on_arbitrary_text(text in "\\PC{0,200}") {
            let _ = crate::check(&text);
            let _ = crate::Dataset::from_json_lenient(&text);
        }

        #[test]
        fn loading_bytes_never_panics_and_never_shows_a_replacement_character_silently(
            json in document(),
            noise in prop::collection::vec((any::<prop::sample::Index>(), 0x80u8..=0xFF), 0..4),
        ) {
            let mut bytes = json.into_bytes();
            for (at, byte) in noise {
                let at = at.index(bytes.len().max(1)).min(bytes.len().saturating_sub(1));
                if let Some(slot) = bytes.get_mut(at) {
                    *slot = byte;
                }
            }
            let problems = crate::check_bytes(&bytes);
            let strict = crate::Dataset::from_json_bytes_strict(&bytes);
            prop_assert_eq!(strict.is_ok(), !problems.iter().any(|p| p.is_error()));
            if let Ok(lenient) = crate::Dataset::from_json_bytes_lenient(&bytes) {
                let written = serde_json::to_string(&lenient.dataset).unwrap();
                let said = lenient.warnings.iter().any(|w| w.message.contains("U+FFFD") || w.message.contains("not UTF-8"));
                prop_assert!(!written.contains('\u{FFFD}') || said, "{}", written);
            }
        }

        #[test]
        fn loading_never_panics_and_modes_agree(json in document()) {
            let problems = crate::check(&json);
            let strict = crate::Dataset::from_json_strict(&json);
            let lenient = crate::Dataset::from_json_lenient(&json);
            let errors = problems.iter().filter(|p| p.is_error()).count();
            // The strict load succeeds exactly when the check finds no errors.
            prop_assert_eq!(strict.is_ok(), errors == 0);
            // The head is valid, so a lenient load always succeeds, and what it keeps is itself strictly valid.
            let lenient = lenient.expect("a valid head loads leniently");
            if let Ok(strict) = strict {
                prop_assert_eq!(&lenient.dataset, &strict);
                prop_assert!(lenient.skipped.is_empty());
            }
            let written = serde_json::to_string(&lenient.dataset).unwrap();
            let reloaded = crate::Dataset::from_json_strict(&written);
            prop_assert!(reloaded.is_ok(), "{:?}\n{}", reloaded.err(), written);
        }
    }
}

#[test]
fn deeply_nested_json_is_an_error_not_a_stack_overflow() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let problems = crate::check(&doc(&format!(r#""x-deep": {deep}"#)));
    assert_eq!(problems.len(), 1);
    assert!(problems[0].message.contains("recursion limit"), "{problems:?}");
}

#[test]
fn translations_keep_document_order_and_coordinates_survive_exactly() {
    let dataset =
        Dataset::from_json_strict(&doc(r#""themes": [{"id": "groen", "name": {"nl": "Groen", "en": "Green"}}],
           "areas": [{"id": "a", "name": "A", "centroid": [51.6711364, 5.3]}]"#))
        .unwrap();
    assert_eq!(dataset.themes[0].name.resolve(&["fy"]), "Groen", "the first language is the fallback");
    // Seven decimals (1 cm) survive exactly; serde_json without float_roundtrip may be one
    // unit in the last place off only for 16–17 significant digits.
    assert_eq!(dataset.areas[0].centroid, Some([51.6711364, 5.3]));
}

#[test]
fn a_strict_check_reports_duplicates_and_references_of_records_with_other_errors() {
    check_problems(
        &with_base(
            r#""initiatives": [{"id": "a", "title": "A", "stage": "dancing"}, {"id": "a", "title": "B", "stage": "idea"}]"#,
        ),
        &[
            "initiatives[0].stage: unknown stage \"dancing\"; expected one of idea, pitched, starting, running, completed, paused",
            "initiatives[1].id: duplicate id \"a\"; the first is at initiatives[0]",
        ],
    );
    check_problems(
        &doc(
            r#""areas": [{"id": "a", "name": "A", "boundary": {"type": "Polygon", "coordinates": [[[5, 51, "hoog"], [6, 51], [6, 52], [5, 51]]]}}]"#,
        ),
        &["areas[0].boundary.coordinates[0][0][2]: must be a number, not \"hoog\""],
    );
}

#[test]
fn serde_deserialisation_goes_through_the_strict_loader() {
    let json = include_str!("../../demo/initiatieven.json");
    let via_serde: Dataset = serde_json::from_str(json).unwrap();
    assert_eq!(via_serde, Dataset::from_json_strict(json).unwrap());
    let error = serde_json::from_str::<Dataset>(&doc(r#""initiatives": [{"id": "a"}]"#)).unwrap_err();
    assert!(error.to_string().contains("initiatives[0].title: is required"), "{error}");
}

#[test]
fn a_long_chain_of_areas_under_a_bad_root_is_skipped_in_one_round() {
    // Was cubic: one generation per round, each round walking the chain again.
    let areas: Vec<String> = (0..3000)
        .map(|i| {
            let parent = if i == 0 { "nergens".to_owned() } else { format!("a{}", i - 1) };
            format!(r#"{{"id": "a{i}", "name": "A{i}", "parent": "{parent}"}}"#)
        })
        .collect();
    let json = doc(&format!(r#""areas": [{}]"#, areas.join(",")));
    let loaded = Dataset::from_json_lenient(&json).unwrap();
    assert!(loaded.dataset.areas.is_empty());
    assert_eq!(loaded.skipped.len(), 3000);
    assert_eq!(loaded.skipped[0].to_string(), "areas[0].parent: unknown area \"nergens\"");
    assert_eq!(loaded.skipped[2999].to_string(), "areas[2999].parent: area \"a2998\" was skipped");
    let problems = crate::check(&json);
    assert_eq!(problems.len(), 1, "a strict check reports the one real problem");
}

/// The error's text lists the first ten problems and counts the rest; `problems` has them all.
#[track_caller]
fn check_error_text(bad_records: usize) {
    let initiatives: Vec<String> =
        (0..bad_records).map(|i| format!(r#"{{"id": "i{i}", "title": "T", "stage": "unknown"}}"#)).collect();
    let json = doc(&format!(r#""initiatives": [{}]"#, initiatives.join(", ")));
    let error = Dataset::from_json_strict(&json).expect_err("every record is bad");
    assert_eq!(error.problems().len(), bad_records, "one problem per record");
    let text = error.to_string();
    let lines: Vec<&str> = text.lines().collect();
    let shown = bad_records.min(10);
    assert_eq!(lines[0], format!("the dataset has {bad_records} error{}", if bad_records == 1 { "" } else { "s" }));
    for (line, problem) in lines[1..=shown].iter().zip(error.problems()) {
        assert_eq!(*line, problem.to_string());
    }
    let rest = bad_records - shown;
    match rest {
        0 => assert_eq!(lines.len(), 1 + shown, "{text}"),
        1 => assert_eq!(lines[1 + shown..], ["… and 1 more problem"]),
        _ => assert_eq!(lines[1 + shown..], [format!("… and {rest} more problems")]),
    }
}

#[test]
fn error_text_is_bounded() {
    for bad_records in [1, 2, 9, 10, 11, 12, 123] {
        check_error_text(bad_records);
    }
}

// Issue 18 §4: the loader keeps its promise.

/// Asserts what a lenient load says, as displayed: its skip notices and its warnings.
#[track_caller]
fn check_lenient_notices(json: &str, skipped: &[&str], warnings: &[&str]) -> crate::Lenient {
    let loaded = Dataset::from_json_lenient(json).unwrap_or_else(|e| panic!("{e}"));
    let shown: Vec<String> = loaded.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(shown, skipped, "skipped\n{json}");
    let shown: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(shown, warnings, "warnings\n{json}");
    loaded
}

#[test]
fn repeated_keys_are_errors_with_their_path() {
    check_problems(
        &doc(r#""initiatives": [{"id": "a", "title": "Moestuin", "stage": "idea", "title": "Tuin"}]"#),
        &["initiatives[0].title: the key \"title\" appears twice; only the last would be read"],
    );
    check_problems(
        &doc(r#""initiatives": [{"id": "a", "title": {"nl": "Tuin", "nl": "Moestuin"}, "stage": "idea",
                "needs": [{"id": "n", "kind": "space", "amount": 1, "amount": 2, "amount": 3}]}]"#),
        &[
            "initiatives[0].title.nl: the key \"nl\" appears twice; only the last would be read",
            "initiatives[0].needs[0].amount: the key \"amount\" appears 3 times; only the last would be read",
        ],
    );
    // Also where the loader reads nothing: an extension and an unknown field.
    check_problems(
        &doc(
            r#""x-cms": {"page": 1, "page": 2}, "initiatives": [{"id": "a", "title": "t", "stage": "idea", "x-b": [{"k": 1, "k": 1}]}]"#,
        ),
        &[
            "initiatives[0].x-b[0].k: the key \"k\" appears twice; only the last would be read",
            "x-cms.page: the key \"page\" appears twice; only the last would be read",
        ],
    );
    // At the root, in both modes a document-level error.
    let root = r#"{"schema": "verschilmaker/1", "schema": "verschilmaker/1", "municipality": {"name": "X", "languages": ["nl"]}}"#;
    check_problems(root, &["schema: the key \"schema\" appears twice; only the last would be read"]);
    let error = Dataset::from_json_lenient(root).unwrap_err();
    assert!(error.is_document_level(), "{error}");
    let municipality =
        r#"{"schema": "verschilmaker/1", "municipality": {"name": "X", "name": "Y", "languages": ["nl"]}}"#;
    assert!(Dataset::from_json_lenient(municipality).unwrap_err().is_document_level());
    // Through serde too.
    let error = serde_json::from_str::<Dataset>(root).unwrap_err();
    assert!(error.to_string().contains("the key \"schema\" appears twice"), "{error}");
}

#[test]
fn a_lenient_load_skips_the_record_with_a_repeated_key_and_warns_of_one_it_does_not_read() {
    let json = doc(r#""initiatives": [
             {"id": "a", "title": "Tuin", "stage": "idea", "title": "Moestuin"},
             {"id": "b", "title": "Feest", "stage": "idea", "needs": [{"id": "n", "kind": "space", "kind": "funding"}, {"id": "m", "kind": "space"}]},
             {"id": "c", "title": "Buurt", "stage": "idea", "x-intern": {"k": 1, "k": 2}}]"#);
    let loaded = check_lenient_notices(
        &json,
        &[
            "initiatives[0].title: the key \"title\" appears twice; only the last would be read",
            "initiatives[1].needs[0].kind: the key \"kind\" appears twice; only the last would be read",
        ],
        &["warning: initiatives[2].x-intern.k: the key \"k\" appears twice; only the last would be read"],
    );
    let kept: Vec<&str> = loaded.dataset.initiatives.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(kept, ["b", "c"]);
    let needs: Vec<&str> = loaded.dataset.initiatives[0].needs.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(needs, ["m"], "a repeated key in a need drops just that need");
}

#[test]
fn a_defective_municipality_hides_no_other_problem() {
    let json = r#"{"schema": "verschilmaker/1", "municipality": {"name": "X", "code": "0796", "languages": ["nl"]},
        "initiatives": [{"id": "a", "title": "t", "stage": "dancing"}], "colour": 1}"#;
    let expected = [
        "colour: unknown field",
        "municipality.code: must be a CBS code: GM and four digits, not \"0796\"",
        "initiatives[0].stage: unknown stage \"dancing\"; expected one of idea, pitched, starting, running, completed, paused",
    ];
    check_problems(json, &expected);
    // The lenient load stops (the municipality is the document's), but its error lists them all.
    let error = Dataset::from_json_lenient(json).unwrap_err();
    assert!(error.is_document_level());
    assert!(error.problems().iter().any(|p| p.path == "initiatives[0].stage"), "{error}");
    // Without usable languages, texts are still checked, only not against them.
    check_problems(
        r#"{"schema": "verschilmaker/1", "municipality": {"name": "X", "languages": "nl"},
            "themes": [{"id": "g", "name": {"nl": " "}}]}"#,
        &["municipality.languages: must be a list, not \"nl\"", "themes[0].name.nl: must not be empty"],
    );
}

#[test]
fn required_texts_must_not_be_blank_in_any_language() {
    check_problems(
        &doc(r#""initiatives": [{"id": "a", "title": "  ", "stage": "idea", "summary": ""}]"#),
        &["initiatives[0].title: must not be empty"],
    );
    check_problems(
        &doc(r#""initiatives": [{"id": "a", "title": {"nl": "Tuin", "en": "\t\n"}, "stage": "idea"}]"#),
        &["initiatives[0].title.en: must not be empty"],
    );
    check_problems(
        &doc(r#""themes": [{"id": "g", "name": ""}], "skills": [{"id": "s", "name": {"nl": " "}}],
               "editions": [{"id": "e", "title": "\u00a0", "start": "2025-01-01"}],
               "policy": {"principles": ["Samen", ""], "rules": [{"id": "r", "when": {}, "advice": {"nl": ""}}]}"#),
        &[
            "themes[0].name: must not be empty",
            "skills[0].name.nl: must not be empty",
            "editions[0].title: must not be empty",
            "policy.principles[1]: must not be empty",
            "policy.rules[0].advice.nl: must not be empty",
        ],
    );
}

#[test]
fn language_codes_must_be_iso_639_1() {
    for (code, shown) in [("xx", "\"xx\""), ("dutch", "\"dutch\""), ("NL-nl", "\"NL-nl\""), ("du", "\"du\"")] {
        check_problems(
            &format!(
                r#"{{"schema": "verschilmaker/1", "municipality": {{"name": "X", "languages": ["nl", "{code}"]}}}}"#
            ),
            &[&format!(
                "municipality.languages[1]: {shown} is not an ISO 639-1 language code such as \"nl\" or \"en\""
            )],
        );
    }
    check_problems(
        &doc(r#""initiatives": [{"id": "a", "title": {"nl": "Tuin", "xx": "Garden"}, "stage": "idea"}]"#),
        &["initiatives[0].title.xx: \"xx\" is not an ISO 639-1 language code such as \"nl\" or \"en\""],
    );
    check_problems(&format!("{{{}}}", HEAD.replace("\"en\"", "\"fy\"")), &[]);
}

#[test]
fn bytes_that_are_not_utf8_are_named_by_line_and_column() {
    let bytes = doc(r#""initiatives": [{"id": "a", "title": "Caf_ Sonne", "stage": "idea"}]"#).replace('_', "\u{1}");
    let mut bytes = bytes.replace(r#", "initiatives""#, ",\n  \"initiatives\"").into_bytes();
    let at = bytes.iter().position(|&b| b == 1).unwrap_or(0);
    bytes[at] = 0xE9;
    let problems: Vec<String> = crate::check_bytes(&bytes).iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            "line 2, column 44: the file is not UTF-8: the byte 0xE9 (\"é\" in Windows-1252) is not part of a UTF-8 character; save the file as UTF-8"
        ]
    );
    assert!(Dataset::from_json_bytes_strict(&bytes).unwrap_err().is_document_level());
    // A lenient load reads such bytes as Windows-1252, and says so where.
    let loaded = Dataset::from_json_bytes_lenient(&bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.dataset.initiatives[0].title.resolve(&[]), "Café Sonne");
    assert_eq!(loaded.warnings.len(), 1);
    assert_eq!(loaded.warnings[0].position, Some((2, 44)));
    assert!(loaded.warnings[0].message.ends_with("such bytes were read as Windows-1252; save the file as UTF-8"));
    // The other problems are listed as well, in the text read as Windows-1252.
    let with_more = String::from_utf8_lossy(&bytes).replace("idea", "later").replace('\u{FFFD}', "\u{1}");
    let mut with_more = with_more.into_bytes();
    let at = with_more.iter().position(|&b| b == 1).unwrap_or(0);
    with_more[at] = 0x93;
    let problems = crate::check_bytes(&with_more);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].message.contains("the byte 0x93 (\"“\" in Windows-1252)"), "{problems:?}");
    assert_eq!(problems[1].path, "initiatives[0].stage");
    // UTF-8 with or without a byte order mark is the same as text; UTF-16 is refused.
    let valid = doc("");
    assert_eq!(crate::check_bytes(valid.as_bytes()), []);
    assert_eq!(crate::check_bytes(format!("\u{FEFF}{valid}").as_bytes()), []);
    let utf16: Vec<u8> = valid.encode_utf16().flat_map(u16::to_le_bytes).collect();
    for bytes in [[&[0xFF, 0xFE][..], &utf16].concat(), utf16.clone()] {
        let problems: Vec<String> = crate::check_bytes(&bytes).iter().map(ToString::to_string).collect();
        assert_eq!(problems, ["line 1, column 1: the file is UTF-16; save the file as UTF-8"]);
        assert!(Dataset::from_json_bytes_lenient(&bytes).unwrap_err().is_document_level());
    }
}

#[test]
fn a_replacement_character_is_never_shown_without_a_word() {
    let json = doc(r#""initiatives": [{"id": "a", "title": "Caf\ufffd", "stage": "idea"}]"#);
    check_lenient_notices(
        &json,
        &[],
        &[
            "warning: initiatives[0].title: has the replacement character U+FFFD where a character was lost, probably when the file was read in the wrong encoding; type the character again",
        ],
    );
}

/// Needs and offers are found by id by a scan up to `SCANNED` of them in one record and through
/// a table beyond: the same answers either way, for repeated ids and for commitments.
#[test]
fn needs_and_offers_are_found_by_id_however_many_a_record_has() {
    let scanned = super::SCANNED;
    for count in [1, 2, scanned - 1, scanned, scanned + 1, 3 * scanned] {
        let last = count - 1;
        let records = |key: &str, repeat_last: bool| {
            let mut records: Vec<String> =
                (0..count).map(|n| format!(r#"{{"id": "{key}{n}", "kind": "space"}}"#)).collect();
            if repeat_last {
                records.push(format!(r#"{{"id": "{key}{last}", "kind": "funding"}}"#));
            }
            records.join(", ")
        };
        let town = |repeat_last: bool, commitments: &str| {
            doc(&format!(
                r#""initiatives": [{{"id": "a", "title": "t", "stage": "idea", "needs": [{}]}}],
                "partners": [{{"id": "p", "name": "P", "sector": "business", "offers": [{}]}}],
                "commitments": [{commitments}]"#,
                records("n", repeat_last),
                records("o", repeat_last),
            ))
        };
        check_problems(
            &town(true, ""),
            &[
                &format!(
                    "initiatives[0].needs[{count}].id: duplicate need id \"n{last}\"; the first is at index {last}"
                ),
                &format!(
                    "partners[0].offers[{count}].id: duplicate offer id \"o{last}\"; the first is at index {last}"
                ),
            ],
        );
        let commitments = format!(
            r#"{{"id": "c1", "initiative": "a", "need": "n{last}", "partner": "p", "offer": "o{last}", "status": "agreed"}},
               {{"id": "c2", "initiative": "a", "need": "n{count}", "partner": "p", "offer": "o{count}", "status": "agreed"}}"#
        );
        check_problems(
            &town(false, &commitments),
            &[
                &format!("commitments[1].need: initiative \"a\" has no need \"n{count}\""),
                &format!("commitments[1].offer: partner \"p\" has no offer \"o{count}\""),
            ],
        );
    }
}

/// The one search of the whole text for U+FFFD finds it as itself and as a `\u` escape,
/// wherever it is in the text's chunks, and does not find it where it is not.
#[test]
fn the_text_is_searched_for_replacement_characters_at_every_position() {
    use super::decode::may_have_replacement_characters;
    for padding in 0..70 {
        let before = "a".repeat(padding);
        for (rest, expected) in [
            ("", false),
            ("\u{FFFD}", true),
            ("\\ufffd", true),
            ("\\u0041", true),
            ("\\n \\\" é", false),
            ("\u{FFFE}", false),
            ("\\", false),
            ("\u{FFEF} ï", false),
        ] {
            let text = format!("{before}{rest}");
            assert_eq!(may_have_replacement_characters(&text), expected, "{text:?}");
        }
    }
}

#[test]
fn every_bad_number_of_a_position_is_a_problem() {
    check_problems(
        &doc(r#""areas": [{"id": "a", "name": "A", "centroid": [91, "5"]}]"#),
        &[
            "areas[0].centroid[0]: latitude must be from -90 to 90, not 91",
            "areas[0].centroid[1]: must be a number, not \"5\"",
        ],
    );
    check_problems(
        &doc(
            r#""areas": [{"id": "a", "name": "A", "boundary": {"type": "Polygon", "coordinates": [[[500, 91, "hoog"], [6, 51], [6, 52], [5, 51]]]}}]"#,
        ),
        &[
            "areas[0].boundary.coordinates[0][0][0]: longitude must be from -180 to 180, not 500",
            "areas[0].boundary.coordinates[0][0][1]: latitude must be from -90 to 90, not 91",
            "areas[0].boundary.coordinates[0][0][2]: must be a number, not \"hoog\"",
        ],
    );
}

#[test]
fn a_geojson_feature_where_a_geometry_belongs_is_named() {
    let area = |boundary: &str| doc(&format!(r#""areas": [{{"id": "a", "name": "A", "boundary": {boundary}}}]"#));
    let polygon = r#"{"type": "Polygon", "coordinates": [[[5, 51], [6, 51], [6, 52], [5, 51]]]}"#;
    check_problems(&area(polygon), &[]);
    check_problems(
        &area(&format!(r#"{{"type": "Feature", "properties": {{"naam": "A"}}, "geometry": {polygon}}}"#)),
        &["areas[0].boundary: this is a GeoJSON Feature; give its \"geometry\" (a Polygon or MultiPolygon)"],
    );
    check_problems(
        &area(&format!(
            r#"{{"type": "FeatureCollection", "features": [{{"type": "Feature", "geometry": {polygon}}}]}}"#
        )),
        &[
            "areas[0].boundary: this is a GeoJSON FeatureCollection; give the \"geometry\" of its feature (a Polygon or MultiPolygon)",
        ],
    );
    check_problems(
        &area(&format!(r#"{{"properties": {{}}, "geometry": {polygon}}}"#)),
        &["areas[0].boundary: this looks like a GeoJSON Feature; give its \"geometry\""],
    );
}

#[test]
fn links_are_checked_for_what_they_carry() {
    let link = |url: &str| {
        doc(&format!(r#""initiatives": [{{"id": "a", "title": "t", "stage": "idea", "links": [{{"url": "{url}"}}]}}]"#))
    };
    for good in [
        "tel:+31 (0)73-123 45 67",
        "mailto:a@example.org,b@example.org",
        "mailto:a@example.org?subject=Moestuin%20Noord&cc=b@example.org&body=Hallo%0D%0Awereld",
        "https://example.org/a?b=c%22d",
    ] {
        check_problems(&link(good), &[]);
    }
    let path = "initiatives[0].links[0].url";
    for (bad, problem) in [
        (r#"https://example.org/a\"onclick=x"#, "the character \"\\\"\" may not appear in an address; write it as %22"),
        ("https://example.org/<b>", "the character \"<\" may not appear in an address; write it as %3C"),
        (
            "mailto:a@example.org?subject=Hoi%0D%0ABcc:c@example.org",
            "the mailto: field \"subject\" may not have a line break (%0D or %0A)",
        ),
        ("mailto:a@example.org?cc=iedereen", "the mailto: field \"cc\" must be email addresses"),
        ("mailto:a@example.org%0A", "must be an email address after mailto:, not \"a@example.org%0A\""),
        ("mailto:a@example.org?bcc=c@example.org", "a mailto: link may set subject, cc and body, not \"bcc\""),
        ("mailto:a@example.org?subject=%zz", "the mailto: field \"subject\" has a broken %-escape"),
        ("tel:bel ons", "must be a phone number after tel:, not \"tel:bel ons\""),
        ("tel:+", "must be a phone number after tel:, not \"tel:+\""),
    ] {
        check_problems(&link(bad), &[&format!("{path}: {problem}")]);
    }
}

#[test]
fn a_bad_link_costs_only_that_link_in_a_lenient_load() {
    let json = with_base(
        r#""initiatives": [{"id": "a", "title": "t", "stage": "idea", "edition": "e", "links": [
               {"url": "https://example.org/\"x"}, {"url": "tel:073 123 45 67"}, {"url": "mailto:a@example.org?subject=%0Ax"}, {"label": 5, "url": "https://example.org"}]}],
           "partners": [{"id": "p", "name": "P", "sector": "business", "website": "www.example.org",
               "contact": {"name": "Piet", "email": "piet(at)example.org", "phone": "073 123"}}],
           "editions": [{"id": "e", "title": "E", "start": "2025-01-01", "url": "javascript:alert(1)", "initiatives": ["a"]}],
           "policy": {"rules": [{"id": "r", "when": {}, "advice": "Bel", "contact": {"url": "ftp://x.nl"}}]},
           "commitments": [{"id": "c", "initiative": "a", "partner": "p", "status": "agreed"}]"#,
    );
    let loaded = Dataset::from_json_lenient(&json).unwrap_or_else(|e| panic!("{e}"));
    let paths: Vec<&str> = loaded.skipped.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "initiatives[0].links[0].url",
            "initiatives[0].links[2].url",
            "initiatives[0].links[3].label",
            "partners[0].contact.email",
            "partners[0].website",
            "editions[0].url",
            "policy.rules[0].contact.url",
        ]
    );
    let d = &loaded.dataset;
    let urls: Vec<&str> = d.initiatives[0].links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(urls, ["tel:073 123 45 67"]);
    assert_eq!((d.partners.len(), d.editions.len(), d.policy.rules.len(), d.commitments.len()), (1, 1, 1, 1));
    assert_eq!(d.partners[0].website, None);
    let contact = d.partners[0].contact.as_ref().map(|c| (c.email.as_deref(), c.phone.as_deref()));
    assert_eq!(contact, Some((None, Some("073 123"))));
    assert_eq!(d.editions[0].url, None);
    assert_eq!(d.policy.rules[0].contact, None, "a contact whose only address was dropped is dropped");
    // The municipality's own contact: a bad url does not make the document unusable.
    let municipality = r#"{"schema": "verschilmaker/1",
        "municipality": {"name": "X", "languages": ["nl"], "contact": {"email": "a@x.nl", "url": "x.nl"}}}"#;
    let loaded = Dataset::from_json_lenient(municipality).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.dataset.municipality.contact.as_ref().and_then(|c| c.email.as_deref()), Some("a@x.nl"));
    assert_eq!(loaded.skipped[0].path, "municipality.contact.url");
}

#[test]
fn a_lenient_load_warns_of_every_field_it_ignores() {
    check_lenient_notices(
        &doc(r#""matching": {"weights": {"skills": 3}, "skill": 2, "proximity": 1}, "weights": {"themes": 2},
               "initiatives": [{"id": "a", "titel": "t", "title": "t", "stage": "idea", "x-intern": 1}]"#),
        &[],
        &[
            "warning: weights: unknown field, ignored",
            "warning: initiatives[0].titel: unknown field, ignored (did you mean \"title\"?)",
            "warning: matching.weights: unknown field, ignored",
            "warning: matching.skill: unknown field, ignored (did you mean \"skills\"?)",
        ],
    );
    check_problems(&doc(r#""matching": {"weights": {"skills": 3}}"#), &["matching.weights: unknown field"]);
}

#[test]
fn an_unreadable_rule_condition_never_makes_a_rule_apply_everywhere() {
    let json = doc(r#""policy": {"rules": [
             {"id": "vergunning", "when": {"keyword": ["vuur"]}, "advice": "Vraag een vergunning aan"},
             {"id": "geld", "when": {"need_kinds": ["funding"]}, "advice": "Kijk naar de subsidies"}]}"#);
    check_problems(&json, &["policy.rules[0].when.keyword: unknown field (did you mean \"keywords\"?)"]);
    let loaded = check_lenient_notices(
        &json,
        &["policy.rules[0].when.keyword: unknown field (did you mean \"keywords\"?)"],
        &[],
    );
    let rules: Vec<&str> = loaded.dataset.policy.rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(rules, ["geld"]);
}

// Issue 22 §2: the conditions of an offer that matching checks, and when a need is needed.

/// A document whose one partner has one offer with `fields` besides its id and kind, and
/// another offer without, and a commitment that names the first.
fn with_offer(fields: &str) -> String {
    with_base(&format!(
        r#""initiatives": [{{"id": "a", "title": "t", "stage": "idea"}}],
           "partners": [{{"id": "p", "name": "P", "sector": "foundation", "offers": [
              {{"id": "o", "kind": "funding", {fields}}}, {{"id": "ander", "kind": "funding"}}]}}],
           "commitments": [{{"id": "c", "initiative": "a", "partner": "p", "offer": "o", "status": "agreed"}}]"#
    ))
}

/// A document whose one initiative has one need with `fields` besides its id and kind, and
/// another need without.
fn with_need(fields: &str) -> String {
    with_base(&format!(
        r#""initiatives": [{{"id": "a", "title": "t", "stage": "idea", "needs": [
              {{"id": "n", "kind": "volunteers", {fields}}}, {{"id": "ander", "kind": "space"}}]}}]"#
    ))
}

#[test]
fn offer_conditions_and_times_are_read() {
    let json = with_offer(
        r#""conditions": "Alleen voor scholen in Noord-Oost, op zaterdagavond",
           "only_areas": ["noord-oost"], "only_themes": ["groen"], "only_stages": ["idea", "starting"],
           "only_initiators": ["institution"], "min_amount": 100, "max_amount": 750.5,
           "weekdays": ["saturday", "sunday"], "dayparts": ["evening"]"#,
    );
    check_problems(&json, &[]);
    let dataset = Dataset::from_json_strict(&json).unwrap();
    let offer = &dataset.partners[0].offers[0];
    let ids = |ids: Vec<&str>| ids.join(" ");
    assert_eq!(ids(offer.only_areas.iter().map(|id| id.as_str()).collect()), "noord-oost");
    assert_eq!(ids(offer.only_themes.iter().map(|id| id.as_str()).collect()), "groen");
    assert_eq!(offer.only_stages, [crate::Stage::Idea, crate::Stage::Starting]);
    assert_eq!(offer.only_initiators, [crate::Sector::Institution]);
    assert_eq!((offer.min_amount, offer.max_amount), (Some(100.0), Some(750.5)));
    assert_eq!(offer.weekdays, [crate::Weekday::Saturday, crate::Weekday::Sunday]);
    assert_eq!(offer.dayparts, [crate::Daypart::Evening]);
    assert!(offer.conditions.is_some(), "the conditions in words stay");
    // Absent is no condition: empty lists and no amounts.
    let other = &dataset.partners[0].offers[1];
    assert!(other.only_areas.is_empty() && other.only_themes.is_empty() && other.only_stages.is_empty());
    assert!(other.only_initiators.is_empty() && other.weekdays.is_empty() && other.dayparts.is_empty());
    assert_eq!((other.min_amount, other.max_amount), (None, None));
    // A minimum equal to the maximum is one exact amount; empty lists are no condition.
    check_problems(&with_offer(r#""min_amount": 500, "max_amount": 500, "only_areas": [], "weekdays": []"#), &[]);
    // Written out, they load back the same.
    let written = serde_json::to_string(&dataset).unwrap();
    assert_eq!(Dataset::from_json_strict(&written).as_ref(), Ok(&dataset), "{written}");
}

#[test]
fn need_times_are_read() {
    let json = with_need(
        r#""description": "Eén zaterdagochtend per maand", "weekdays": ["saturday"], "dayparts": ["morning", "afternoon"]"#,
    );
    check_problems(&json, &[]);
    let dataset = Dataset::from_json_strict(&json).unwrap();
    let needs = &dataset.initiatives[0].needs;
    assert_eq!(needs[0].weekdays, [crate::Weekday::Saturday]);
    assert_eq!(needs[0].dayparts, [crate::Daypart::Morning, crate::Daypart::Afternoon]);
    assert!(needs[1].weekdays.is_empty() && needs[1].dayparts.is_empty());
    let written = serde_json::to_string(&dataset).unwrap();
    assert_eq!(Dataset::from_json_strict(&written).as_ref(), Ok(&dataset), "{written}");
}

#[test]
fn the_text_weight_is_read_as_the_other_weights() {
    let dataset = Dataset::from_json_strict(&doc(r#""matching": {"skills": 3, "text": 1.5}"#)).unwrap();
    let matching = dataset.matching.unwrap();
    assert_eq!((matching.skills, matching.text, matching.themes), (Some(3.0), Some(1.5), None));
    check_problems(&doc(r#""matching": {"text": -1}"#), &["matching.text: must be ≥ 0, not -1"]);
    check_problems(&doc(r#""matching": {"text": "veel"}"#), &["matching.text: must be a number, not \"veel\""]);
    check_problems(&doc(r#""matching": {"tekst": 1}"#), &["matching.tekst: unknown field (did you mean \"text\"?)"]);
}

#[test]
fn wrong_conditions_and_times_are_named_by_their_path() {
    let offer = |fields: &str, problems: &[&str]| {
        let expected: Vec<String> = problems.iter().map(|p| format!("partners[0].offers[0].{p}")).collect();
        let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
        check_problems(&with_offer(fields), &expected);
    };
    // Wrong types.
    offer(r#""only_areas": "noord""#, &["only_areas: must be a list, not \"noord\""]);
    offer(r#""only_themes": [3]"#, &["only_themes[0]: must be a string, not 3"]);
    offer(r#""only_stages": "idea""#, &["only_stages: must be a list, not \"idea\""]);
    offer(
        r#""only_initiators": [{"sector": "institution"}]"#,
        &["only_initiators[0]: must be a string, not an object"],
    );
    offer(r#""min_amount": "100""#, &["min_amount: must be a number, not \"100\""]);
    offer(r#""max_amount": null"#, &["max_amount: must be a number, not null"]);
    offer(r#""weekdays": "saturday""#, &["weekdays: must be a list, not \"saturday\""]);
    offer(r#""dayparts": {"evening": true}"#, &["dayparts: must be a list, not an object"]);
    // Ids of the wrong form.
    offer(r#""only_areas": ["noord", ""]"#, &["only_areas[1]: must not be empty"]);
    offer(r#""only_themes": [" groen"]"#, &["only_themes[0]: must not have white space around it: \" groen\""]);
    // Names that are not among the enum's, as every enum says it.
    offer(
        r#""only_stages": ["idea", "Running"]"#,
        &[
            "only_stages[1]: unknown stage \"Running\"; expected one of idea, pitched, starting, running, completed, paused",
        ],
    );
    offer(
        r#""only_initiators": ["school"]"#,
        &[
            "only_initiators[0]: unknown sector \"school\"; expected one of resident, youth, business, institution, government, foundation",
        ],
    );
    offer(
        r#""weekdays": ["zaterdag", "Sunday"]"#,
        &[
            "weekdays[0]: unknown weekday \"zaterdag\"; expected one of monday, tuesday, wednesday, thursday, friday, saturday, sunday",
            "weekdays[1]: unknown weekday \"Sunday\"; expected one of monday, tuesday, wednesday, thursday, friday, saturday, sunday",
        ],
    );
    offer(
        r#""dayparts": ["night"]"#,
        &["dayparts[0]: unknown part of the day \"night\"; expected one of morning, afternoon, evening"],
    );
    // Amounts: from 0 to 10^12, and the least a request must ask not above the most it can get.
    offer(r#""min_amount": -1"#, &["min_amount: must be ≥ 0, not -1"]);
    offer(r#""max_amount": 1e13"#, &["max_amount: must be at most 10^12, not 10000000000000.0"]);
    offer(r#""min_amount": 500, "max_amount": 100"#, &["max_amount: must be ≥ min_amount (500), not 100"]);
    offer(r#""min_amount": 0.5, "max_amount": 0.25"#, &["max_amount: must be ≥ min_amount (0.5), not 0.25"]);
    // References to areas and themes that are not there.
    offer(r#""only_areas": ["noord", "zuid"]"#, &["only_areas[1]: unknown area \"zuid\""]);
    offer(r#""only_themes": ["groenn"]"#, &["only_themes[0]: unknown theme \"groenn\""]);
    // A misspelt field is unknown, with the field it is probably meant to be.
    offer(r#""only_area": ["noord"]"#, &["only_area: unknown field (did you mean \"only_areas\"?)"]);
    offer(r#""max_amont": 5"#, &["max_amont: unknown field (did you mean \"max_amount\"?)"]);
    // A need's times, the same way.
    check_problems(
        &with_need(r#""weekdays": ["saturday", 6], "dayparts": ["avond"], "weekday": ["sunday"]"#),
        &[
            "initiatives[0].needs[0].weekday: unknown field (did you mean \"weekdays\"?)",
            "initiatives[0].needs[0].weekdays[1]: must be a string, not 6",
            "initiatives[0].needs[0].dayparts[0]: unknown part of the day \"avond\"; expected one of morning, afternoon, evening",
        ],
    );
}

#[test]
fn a_lenient_load_drops_just_the_offer_or_need_with_a_bad_condition() {
    // A bad condition makes its offer defective, as a bad capacity does: the offer is dropped
    // with a notice (and the commitment that names it), the partner and its other offer stay.
    // Without the condition the offer would be suggested to initiatives it is not for.
    for (fields, path) in [
        (r#""weekdays": ["zaterdag"]"#, "partners[0].offers[0].weekdays[0]"),
        (r#""min_amount": 500, "max_amount": 100"#, "partners[0].offers[0].max_amount"),
        (r#""only_initiators": "institution""#, "partners[0].offers[0].only_initiators"),
        (r#""only_areas": ["zuid"]"#, "partners[0].offers[0].only_areas[0]"),
        (r#""only_themes": ["blauw"]"#, "partners[0].offers[0].only_themes[0]"),
    ] {
        let json = with_offer(fields);
        let loaded = Dataset::from_json_lenient(&json).unwrap_or_else(|e| panic!("{e}"));
        let paths: Vec<&str> = loaded.skipped.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, [path, "commitments[0].offer"], "{fields}");
        let offers: Vec<&str> = loaded.dataset.partners[0].offers.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(offers, ["ander"], "{fields}");
        assert_eq!(loaded.dataset.initiatives.len(), 1);
    }
    // An area skipped for its own problem takes the offers that are only for it along.
    let json = doc(r#""areas": [{"id": "wijk", "name": "W", "parent": "nergens"}],
        "partners": [{"id": "p", "name": "P", "sector": "business", "offers": [
           {"id": "o", "kind": "space", "only_areas": ["wijk"]}, {"id": "ander", "kind": "space"}]}]"#);
    let loaded = check_lenient_notices(
        &json,
        &[
            "areas[0].parent: unknown area \"nergens\"",
            "partners[0].offers[0].only_areas[0]: area \"wijk\" was skipped",
        ],
        &[],
    );
    assert_eq!(loaded.dataset.partners[0].offers.len(), 1);
    // A need with bad times is dropped alone too.
    let loaded = check_lenient_notices(
        &with_need(r#""dayparts": ["nacht"]"#),
        &[
            "initiatives[0].needs[0].dayparts[0]: unknown part of the day \"nacht\"; expected one of morning, afternoon, evening",
        ],
        &[],
    );
    let needs: Vec<&str> = loaded.dataset.initiatives[0].needs.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(needs, ["ander"]);
}

#[test]
fn every_enum_fits_the_loaders_table_of_names() {
    use crate::{CommitmentStatus, Daypart, Kind, Per, Sector, Stage, Weekday};
    let sizes = [
        Kind::ALL.len(),
        Stage::ALL.len(),
        Sector::ALL.len(),
        Per::ALL.len(),
        CommitmentStatus::ALL.len(),
        Weekday::ALL.len(),
        Daypart::ALL.len(),
    ];
    assert!(sizes.iter().all(|&size| size <= super::decode::MAX_ENUM_VALUES), "{sizes:?}");
}
