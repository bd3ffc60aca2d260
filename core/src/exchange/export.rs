//! Exporting the dataset as one CSV file per collection, for Excel: `;`, decimal comma, UTF-8 with BOM, CRLF.

use serde_json::Value;

use super::Sheet;
use super::cells::{self, SECTORS};
use super::csv;
use super::import::{initiator, lookup};
use super::sheets::{self, Cell, Target};
use crate::model::Dataset;

/// See [`super::export_sheets`].
pub(super) fn export(dataset: &Dataset) -> Vec<Sheet> {
    tables(dataset)
        .iter()
        .map(|table| Sheet { name: format!("{}.csv", table.layout.name), bytes: write_csv(table) })
        .collect()
}

/// A sheet as the export writes it, whatever the file: the columns and the rows of cell texts.
/// The CSV writer and the workbook writer (`xlsx.rs`) both start from it, so that they write
/// the same columns with the same texts.
pub(super) struct Table {
    /// The sheet's layout.
    pub(super) layout: &'static sheets::Sheet,
    /// Per column: its index in the layout, its language (texts) and its name in the header.
    pub(super) columns: Vec<(usize, Option<String>, String)>,
    /// Per record: the cell texts, in the order of `columns`, guarded against formulas as CSV
    /// needs them ([`cells::guard`]).
    pub(super) rows: Vec<Vec<String>>,
}

/// Every sheet of the dataset, in the layout's order, each also when it has no rows.
pub(super) fn tables(dataset: &Dataset) -> Vec<Table> {
    let document = serde_json::to_value(dataset).unwrap_or(Value::Null);
    let languages: Vec<&str> = dataset.municipality.languages.iter().map(|lang| lang.as_str()).collect();
    sheets::SHEETS.iter().map(|layout| table(layout, &document, &languages)).collect()
}

/// The records a sheet holds, each with the id of its parent on sheets of needs, offers and links.
fn records<'a>(layout: &sheets::Sheet, document: &'a Value) -> Vec<(Option<&'a str>, Record<'a>)> {
    let list = |path: &[&str]| -> &'a [Value] {
        let mut value = document;
        for key in path {
            match value.get(*key) {
                Some(next) => value = next,
                None => return &[],
            }
        }
        value.as_array().map_or(&[], Vec::as_slice)
    };
    match layout.target {
        Target::Root => vec![(None, Record::Fields(document))],
        Target::List(path) => list(path).iter().map(|record| (None, Record::Fields(record))).collect(),
        Target::Child { parent, key } => {
            let Target::List(path) = sheets::sheet(parent).target else { return Vec::new() };
            let mut children = Vec::new();
            for record in list(path) {
                let id = record.get("id").and_then(Value::as_str);
                for child in record.get(key).and_then(Value::as_array).map_or(&[][..], Vec::as_slice) {
                    children.push((id, Record::Fields(child)));
                }
            }
            children
        }
        Target::Principles => list(&["policy", "principles"]).iter().map(|text| (None, Record::Text(text))).collect(),
    }
}

/// A record to write as a row: an object of fields, or a principle, which is one bare text
/// that the sheet's one column (`text`) holds.
#[derive(Clone, Copy)]
enum Record<'a> {
    Fields(&'a Value),
    Text(&'a Value),
}

/// A field of a record.
fn field<'a>(record: Record<'a>, path: &str) -> Option<&'a Value> {
    match record {
        Record::Fields(Value::Object(map)) => lookup(map, path),
        Record::Text(text) if path == "text" => Some(text),
        _ => None,
    }
}

fn table(layout: &'static sheets::Sheet, document: &Value, languages: &[&str]) -> Table {
    let records = records(layout, document);
    // The columns: one per field, and for texts one per language, plus a plain one when needed.
    let mut columns: Vec<(usize, Option<String>, String)> = Vec::new();
    for (index, column) in layout.columns.iter().enumerate() {
        if column.cell != Cell::Text {
            columns.push((index, None, column.name.to_owned()));
            continue;
        }
        let values: Vec<&Value> = records.iter().filter_map(|(_, record)| field(*record, column.json)).collect();
        if values.iter().any(|value| value.is_string()) {
            columns.push((index, None, column.name.to_owned()));
        }
        // The municipality's languages and any others a text has, in the order the loader gives
        // every text's translations (the import's loader puts them in that order again).
        let mut langs: Vec<&str> = languages.to_vec();
        for value in &values {
            if let Value::Object(map) = value {
                for lang in map.keys() {
                    if !langs.contains(&lang.as_str()) {
                        langs.push(lang);
                    }
                }
            }
        }
        langs.sort_by_key(|lang| crate::text::translation_order(languages, lang));
        for lang in langs {
            columns.push((index, Some(lang.to_owned()), format!("{}_{lang}", column.name)));
        }
    }
    let mut rows = Vec::with_capacity(records.len());
    for (parent, record) in &records {
        let mut row = Vec::with_capacity(columns.len());
        for (index, lang, _) in &columns {
            let Some(column) = layout.columns.get(*index) else { continue };
            let text = if column.cell == Cell::Parent {
                parent.unwrap_or_default().to_owned()
            } else {
                field(*record, column.json).map(|value| cell(column.cell, lang.as_deref(), value)).unwrap_or_default()
            };
            row.push(cells::guard(text));
        }
        rows.push(row);
    }
    Table { layout, columns, rows }
}

fn write_csv(table: &Table) -> Vec<u8> {
    let mut out = "\u{FEFF}".as_bytes().to_vec();
    let header: Vec<String> = table.columns.iter().map(|(_, _, name)| name.clone()).collect();
    csv::write_record(&mut out, &header, b';');
    for row in &table.rows {
        csv::write_record(&mut out, row, b';');
    }
    out
}

fn strings(value: &Value) -> impl Iterator<Item = &str> {
    value.as_array().map_or(&[][..], Vec::as_slice).iter().filter_map(Value::as_str)
}

/// A value of the dataset format as the text of a cell.
fn cell(cell: Cell, lang: Option<&str>, value: &Value) -> String {
    match cell {
        Cell::Token | Cell::Name | Cell::Unit | Cell::Date | Cell::Parent => {
            value.as_str().unwrap_or_default().to_owned()
        }
        Cell::Text => match (lang, value) {
            (None, Value::String(text)) => text.clone(),
            (Some(lang), Value::Object(map)) => map.get(lang).and_then(Value::as_str).unwrap_or_default().to_owned(),
            _ => String::new(),
        },
        Cell::Number => value.as_f64().map(cells::format_number).unwrap_or_default(),
        Cell::Bool => if value.as_bool() == Some(false) { "nee" } else { "ja" }.to_owned(),
        Cell::Enum(names) => cells::dutch_name(names, value.as_str().unwrap_or_default()).to_owned(),
        Cell::EnumList(names) => cells::format_list(strings(value).map(|name| cells::dutch_name(names, name)), &[]),
        Cell::List => cells::format_list(strings(value), &[]),
        Cell::Coverage => match value {
            Value::String(_) => "alle".to_owned(),
            Value::Array(items) if items.is_empty() => "geen".to_owned(),
            _ => cells::format_list(strings(value), &["alle", "all", "geen", "none"]),
        },
        Cell::Initiators => {
            let mut out = String::new();
            for (index, person) in value.as_array().map_or(&[][..], Vec::as_slice).iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                let name = person.get("name").and_then(Value::as_str).unwrap_or_default();
                let quoted = cells::needs_quotes(name);
                cells::push_item(&mut out, name, false);
                match person.get("sector").and_then(Value::as_str) {
                    Some(sector) => {
                        out.push_str(" (");
                        out.push_str(cells::dutch_name(SECTORS, sector));
                        out.push(')');
                    }
                    // An unquoted name that would read back with a sector, or shorter, gets an empty one.
                    None if !quoted && initiator(name) != serde_json::json!({ "name": name }) => out.push_str(" ()"),
                    None => {}
                }
            }
            out
        }
        Cell::Json => super::json_text(value),
    }
}
