//! Data-driven tests of loading: one `check_*` helper per behaviour, many one-line cases.

#[test]
fn demo_data_is_valid() {
    let json = include_str!("../../../www/static/data/initiatieven.json");
    let problems = crate::check(json);
    assert!(problems.is_empty(), "{problems:#?}");
}
