//! `www check`: the command a municipality runs on its data file before publishing it.

use std::path::Path;

#[test]
fn the_demo_data_passes_the_strict_check() {
    let path = www::workspace_root().join("core/demo/initiatieven.json");
    let check = www::check_file(&path);
    assert!(check.is_ok(), "{check}");
    assert!(check.problems.is_empty(), "the demo data should not even have warnings: {check}");
    assert_eq!(check.to_string(), format!("{}: OK\n", path.display()));
}

#[test]
fn every_problem_is_printed_with_the_file_name() {
    let path = www::workspace_root().join("tests/fixtures/data/not-a-dataset.json");
    let check = www::check_file(&path);
    assert!(!check.is_ok());
    assert!(check.errors >= 1);
    let report = check.to_string();
    assert!(!report.contains(": OK"), "{report}");
    for line in report.lines() {
        assert!(line.starts_with(&format!("{}: ", path.display())), "{line}");
    }
}

#[test]
fn a_missing_file_is_a_problem_not_a_panic() {
    let check = www::check_file(Path::new("/nonexistent/initiatieven.json"));
    assert!(!check.is_ok());
    assert!(check.problems[0].starts_with("cannot read the file"), "{:?}", check.problems);
}

#[test]
fn check_prints_exactly_the_expected_problems_of_every_bad_fixture() {
    let dir = www::workspace_root().join("tests/fixtures/bad");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("the bad-data fixtures") {
        let path = entry.expect("a directory entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let expected = std::fs::read_to_string(path.with_extension("expected")).expect("the .expected file");
        let check = www::check_file(&path);
        assert!(!check.is_ok(), "{} passed the check", path.display());
        let wanted: String = expected.lines().map(|line| format!("{}: {line}\n", path.display())).collect();
        assert_eq!(check.to_string(), wanted, "{}", path.display());
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} fixtures found in {}", dir.display());
}
