//! Submissions from residents' outboxes, added to a dataset: each file holds one or more new
//! initiatives or partners (the "offer help" form sends a partner record) in the dataset format,
//! checked with the rest of the dataset.

use serde_json::{Map, Value};

use super::{Import, ImportProblem, Sheet};
use crate::load::Severity;
use crate::load::decode::{Mode, load_value};
use crate::model::{Dataset, SCHEMA};

/// The two collections a submission can add to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Collection {
    Initiatives,
    Partners,
}

impl Collection {
    /// The key of the collection in a dataset.
    fn key(self) -> &'static str {
        match self {
            Collection::Initiatives => "initiatives",
            Collection::Partners => "partners",
        }
    }

    /// The key of one record in a submission, and the name used in problems.
    fn singular(self) -> &'static str {
        match self {
            Collection::Initiatives => "initiative",
            Collection::Partners => "partner",
        }
    }
}

/// The records in a submission document: an object with `initiative` or `partner` (one record,
/// as in a `verschilmaker-submission/1` document) or `initiatives` or `partners` (lists), a bare
/// initiative record (it has an `id` and a `title`), or a list of any of these. Other fields
/// (the submitter's contact, a timestamp) are not part of the dataset and are left out.
fn records_in(value: Value, found: &mut Vec<(Collection, Value)>) {
    match value {
        Value::Array(items) => {
            for item in items {
                records_in(item, found);
            }
        }
        Value::Object(mut object) => {
            let mut any = false;
            for collection in [Collection::Initiatives, Collection::Partners] {
                if let Some(one) = object.remove(collection.singular()) {
                    found.push((collection, one));
                    any = true;
                } else if let Some(Value::Array(many)) = object.remove(collection.key()) {
                    found.extend(many.into_iter().map(|record| (collection, record)));
                    any = true;
                }
            }
            if !any && object.contains_key("id") && object.contains_key("title") {
                found.push((Collection::Initiatives, Value::Object(object)));
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
    // Per collection: the dataset's records, then the added ones; where the added ones start;
    // the ids taken; and where each added record came from (its file and number in that file).
    let collections = [Collection::Initiatives, Collection::Partners];
    let mut lists: Vec<Vec<Value>> = collections
        .iter()
        .map(|c| match document.remove(c.key()) {
            Some(Value::Array(list)) => list,
            _ => Vec::new(),
        })
        .collect();
    let first_new: Vec<usize> = lists.iter().map(Vec::len).collect();
    let mut taken: Vec<Vec<String>> = vec![
        base.initiatives.iter().map(|i| i.id.as_str().to_owned()).collect(),
        base.partners.iter().map(|p| p.id.as_str().to_owned()).collect(),
    ];
    let mut origins: Vec<Vec<(usize, usize)>> = vec![Vec::new(), Vec::new()];
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
        records_in(value, &mut found);
        if found.is_empty() {
            let message = "no initiative or partner found; expected {\"initiative\": {…}} or {\"partner\": {…}}";
            problems.push(problem(file, None, message.into()));
        }
        let mut numbers = [0usize; 2];
        for (collection, mut record) in found {
            let c = collection as usize;
            let number = numbers[c];
            numbers[c] += 1;
            let id = record.get("id").and_then(Value::as_str).map(str::to_owned);
            if let Some(id) = &id
                && taken[c].contains(id)
            {
                let name = collection.singular();
                let path = Some(format!("{name}[{number}].id"));
                let shown = crate::load::escape_for_display(id);
                problems.push(problem(
                    file,
                    path,
                    format!("{} with id {shown} is already in the dataset", article(name)),
                ));
                continue;
            }
            // A plan handed in is an idea until the municipality says otherwise.
            if collection == Collection::Initiatives
                && let Value::Object(map) = &mut record
            {
                map.entry("stage").or_insert_with(|| Value::String("idea".into()));
            }
            taken[c].extend(id);
            origins[c].push((at, number));
            lists[c].push(record);
        }
    }
    for (collection, list) in collections.iter().zip(lists) {
        document.insert(collection.key().into(), Value::Array(list));
    }
    let document = Value::Object(document);
    let (dataset, found) = load_value(&document, Mode::Strict);
    for found in found {
        let place = collections.iter().find_map(|&collection| {
            let c = collection as usize;
            let rest = found.path.strip_prefix(collection.key())?.strip_prefix('[')?;
            let (index, tail) = rest.split_once(']')?;
            let index: usize = index.parse().ok()?;
            let (file, number) = *origins[c].get(index.checked_sub(first_new[c])?)?;
            Some((file, format!("{}[{number}]{tail}", collection.singular())))
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

/// "an initiative" or "a partner", for messages.
fn article(name: &str) -> String {
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    format!("{article} {name}")
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
    fn offers_of_help_add_partners_and_their_problems_name_the_partner() {
        let files = [
            file(
                "hulp.json",
                r#"{"schema": "verschilmaker-submission/1", "kind": "partner",
                    "partner": {"id": "els", "name": "Els", "sector": "resident",
                                "offers": [{"id": "handen", "kind": "volunteers", "capacity": 8}]},
                    "contact": {"email": "els@example.org"}}"#,
            ),
            file(
                "plan.json",
                r#"{"schema": "verschilmaker-submission/1", "kind": "initiative", "initiative": {"id": "a", "title": "A"}}"#,
            ),
        ];
        let added = add(&base(), &files);
        assert_eq!(added.problems, []);
        let dataset = added.dataset.unwrap();
        assert_eq!(dataset.partners.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["els"]);
        assert_eq!(dataset.initiatives.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["bestaand", "a"]);

        let bad = [
            file(
                "twee.json",
                r#"[{"partner": {"id": "p", "name": "P", "sector": "resident"}},
                                  {"partner": {"id": "q", "name": "Q", "sector": "buurman"}}]"#,
            ),
            file("weer.json", r#"{"partner": {"id": "p", "name": "P again", "sector": "youth"}}"#),
        ];
        let added = add(&base(), &bad);
        assert!(added.dataset.is_none());
        let shown: Vec<String> = added.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(shown.len(), 2, "{shown:#?}");
        assert!(shown[0].starts_with("weer.json, partner[0].id: a partner with id"), "{shown:#?}");
        assert!(shown[1].starts_with("twee.json, partner[1].sector: "), "{shown:#?}");
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
        assert!(shown[2].starts_with("leeg.json: no initiative or partner found"), "{shown:#?}");
        assert!(shown[3].starts_with("fout.json, initiative[1].needs[0].kind: "), "{shown:#?}");
    }
}
