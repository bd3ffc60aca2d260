//! Submissions from residents' outboxes, added to a dataset: each file holds one or more new
//! initiatives in the dataset format, checked with the rest of the dataset.

use serde_json::{Map, Value};

use super::{Import, ImportProblem, Sheet};
use crate::load::Severity;
use crate::load::decode::{Mode, load_value};
use crate::model::{Dataset, SCHEMA};

/// The initiative records in a submission document: an object with `initiative` (one record)
/// or `initiatives` (a list), a bare initiative record (it has an `id` and a `title`), or a list
/// of any of these. Other fields (the submitter's contact, a timestamp) are not part of the
/// dataset and are left out.
fn initiatives_in(value: Value, found: &mut Vec<Value>) {
    match value {
        Value::Array(items) => {
            for item in items {
                initiatives_in(item, found);
            }
        }
        Value::Object(mut object) => {
            if let Some(one) = object.remove("initiative") {
                found.push(one);
            } else if let Some(Value::Array(many)) = object.remove("initiatives") {
                found.extend(many);
            } else if object.contains_key("id") && object.contains_key("title") {
                found.push(Value::Object(object));
            }
        }
        _ => {}
    }
}

/// See [`super::add_submissions`].
pub(super) fn add(base: &Dataset, files: &[Sheet]) -> Import {
    let mut problems = Vec::new();
    let problem = |file: &Sheet, path: Option<String>, message: String| ImportProblem {
        file: Some(file.name.clone()),
        row: None,
        column: None,
        path,
        message,
        severity: Severity::Error,
    };
    let mut document = match serde_json::to_value(base) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    document.insert("schema".into(), Value::String(SCHEMA.into()));
    let mut list = match document.remove("initiatives") {
        Some(Value::Array(list)) => list,
        _ => Vec::new(),
    };
    let first_new = list.len();
    let mut taken: Vec<String> = base.initiatives.iter().map(|i| i.id.as_str().to_owned()).collect();
    // Where each added record came from: its file and its number within that file.
    let mut origins: Vec<(usize, usize)> = Vec::new();
    for (at, file) in files.iter().enumerate() {
        let (text, _) = super::encoding::decode(&file.bytes);
        let value: Value = match serde_json::from_str(text.trim_start_matches('\u{feff}')) {
            Ok(value) => value,
            Err(error) => {
                let mut message = error.to_string();
                if let Some(cut) = message.find(" at line ") {
                    message.truncate(cut);
                }
                let message =
                    format!("invalid JSON at line {} column {}: {message}", error.line(), error.column().max(1));
                problems.push(problem(file, None, message));
                continue;
            }
        };
        let mut found = Vec::new();
        initiatives_in(value, &mut found);
        if found.is_empty() {
            problems.push(problem(file, None, "no initiative found; expected {\"initiative\": {…}}".into()));
        }
        for (number, mut record) in found.into_iter().enumerate() {
            let id = record.get("id").and_then(Value::as_str).map(str::to_owned);
            if let Some(id) = &id
                && taken.contains(id)
            {
                let path = Some(format!("initiative[{number}].id"));
                let shown = crate::load::escape_for_display(id);
                problems.push(problem(file, path, format!("an initiative with id {shown} is already in the dataset")));
                continue;
            }
            // A plan handed in is an idea until the municipality says otherwise.
            if let Value::Object(map) = &mut record {
                map.entry("stage").or_insert_with(|| Value::String("idea".into()));
            }
            taken.extend(id);
            origins.push((at, number));
            list.push(record);
        }
    }
    document.insert("initiatives".into(), Value::Array(list));
    let document = Value::Object(document);
    let (dataset, found) = load_value(&document, Mode::Strict);
    for found in found {
        let place = found.path.strip_prefix("initiatives[").and_then(|rest| {
            let (index, tail) = rest.split_once(']')?;
            let index: usize = index.parse().ok()?;
            let (file, number) = *origins.get(index.checked_sub(first_new)?)?;
            Some((file, format!("initiative[{number}]{tail}")))
        });
        problems.push(match place {
            Some((file, path)) => {
                ImportProblem { severity: found.severity, ..problem(&files[file], Some(path), found.message) }
            }
            None => ImportProblem {
                file: None,
                row: None,
                column: None,
                path: Some(found.path),
                message: found.message,
                severity: found.severity,
            },
        });
    }
    let dataset = if problems.iter().any(ImportProblem::is_error) { None } else { dataset };
    Import { dataset, problems }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Dataset {
        Dataset::from_json_strict(
            r#"{"schema": "verschilmaker/1", "municipality": {"name": "G", "languages": ["nl"]},
            "initiatives": [{"id": "bestaand", "title": "Bestaand", "stage": "running"}]}"#,
        )
        .unwrap()
    }

    fn file(name: &str, text: &str) -> Sheet {
        Sheet { name: name.into(), bytes: text.as_bytes().to_vec() }
    }

    #[test]
    fn every_shape_of_submission_adds_its_initiatives_in_order() {
        let files = [
            file("a.json", r#"{"initiative": {"id": "a", "title": "A"}, "contact": {"name": "Els"}}"#),
            file(
                "b.json",
                r#"[{"id": "b", "title": "B", "stage": "pitched"}, {"initiatives": [{"id": "c", "title": "C"}]}]"#,
            ),
        ];
        let added = add(&base(), &files);
        assert_eq!(added.problems, []);
        let ids: Vec<&str> = added.dataset.as_ref().unwrap().initiatives.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["bestaand", "a", "b", "c"]);
    }

    #[test]
    fn problems_name_the_file_and_the_place_in_it() {
        let files = [
            file("ok.json", r#"{"initiative": {"id": "a", "title": "A"}}"#),
            file("dubbel.json", r#"{"initiative": {"id": "bestaand", "title": "Weer"}}"#),
            file("kapot.json", "{\"initiative\": "),
            file("leeg.json", "{}"),
            file(
                "fout.json",
                r#"[{"id": "b", "title": "B"}, {"id": "c", "title": "C", "needs": [{"id": "n", "kind": "geld"}]}]"#,
            ),
        ];
        let added = add(&base(), &files);
        assert!(added.dataset.is_none());
        let shown: Vec<String> = added.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(shown.len(), 4, "{shown:#?}");
        assert!(shown[0].starts_with("dubbel.json, initiative[0].id: an initiative with id"), "{shown:#?}");
        assert!(shown[1].starts_with("kapot.json: invalid JSON at line 1"), "{shown:#?}");
        assert!(shown[2].starts_with("leeg.json: no initiative found"), "{shown:#?}");
        assert!(shown[3].starts_with("fout.json, initiative[1].needs[0].kind: "), "{shown:#?}");
    }
}
