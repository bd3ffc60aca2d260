//! Importing spreadsheets: one CSV file per collection, assembled into a document of the dataset format and checked by the same strict loader as JSON.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::cells::{self, SECTORS};
use super::csv;
use super::sheets::{self, Cell, SheetKind, Target};
use super::{Import, ImportProblem, Sheet};
use crate::load::Severity;
use crate::load::decode::{Mode, load_value};
use crate::model::{Dataset, SCHEMA};

/// A data row of a sheet as a record of the dataset format, with where it came from.
struct Row {
    row: usize,
    record: Map<String, Value>,
    /// On a sheet of needs, offers or links: the id of the initiative or partner.
    parent: Option<String>,
}

/// A file that was recognised as a sheet.
struct ReadSheet {
    file: usize,
    layout: &'static sheets::Sheet,
    /// For each column of the layout that the header has: the header text per language (`None` for plain).
    headers: Vec<(usize, Option<String>, String)>,
    rows: Vec<Row>,
}

/// Where a record of the assembled document came from.
#[derive(Clone, Copy)]
struct Origin {
    sheet: usize,
    row: usize,
    /// Whether column paths are relative to the record (all sheets but `gemeente.csv`).
    relative: bool,
}

struct Importer<'a> {
    inputs: &'a [Sheet],
    problems: Vec<ImportProblem>,
    /// Cells and columns already reported, so that the loader does not report them again.
    reported_cells: HashSet<(usize, usize, usize)>,
    missing_columns: HashSet<(usize, usize)>,
    /// The dataset, once checked without errors.
    dataset: Option<Dataset>,
}

impl Importer<'_> {
    fn problem(&mut self, file: usize, row: Option<usize>, column: Option<String>, message: impl Into<String>) {
        self.problems.push(ImportProblem {
            file: self.inputs.get(file).map(|input| input.name.clone()),
            row,
            column,
            path: None,
            message: message.into(),
            severity: Severity::Error,
        });
    }

    fn warning(&mut self, file: usize, row: usize, column: String, message: String) {
        self.problems.push(ImportProblem {
            file: self.inputs.get(file).map(|input| input.name.clone()),
            row: Some(row),
            column: Some(column),
            path: None,
            message,
            severity: Severity::Warning,
        });
    }
}

/// See [`super::import_sheets`].
pub(super) fn import(base: Option<&Dataset>, inputs: &[Sheet]) -> Import {
    let mut steps = Steps::new(base, inputs);
    while steps.read_next() {}
    steps.finish()
}

/// An import in steps: one per sheet, then the assembly and the check (see [`super::ImportSteps`]).
pub(super) struct Steps<'a> {
    base: Option<&'a Dataset>,
    importer: Importer<'a>,
    read: Vec<ReadSheet>,
    next: usize,
    /// Per input, the records when they were read already (a workbook's sheets); a CSV input's
    /// records come from its bytes.
    tables: Vec<Option<Vec<csv::Record>>>,
}

impl<'a> Steps<'a> {
    pub(super) fn new(base: Option<&'a Dataset>, inputs: &'a [Sheet]) -> Steps<'a> {
        let importer = Importer {
            inputs,
            problems: Vec::new(),
            reported_cells: HashSet::new(),
            missing_columns: HashSet::new(),
            dataset: None,
        };
        Steps { base, importer, read: Vec::new(), next: 0, tables: Vec::new() }
    }

    /// An import of sheets whose records were read already, one list per input (a workbook's
    /// sheets, named by `inputs`), with the problems found reading them.
    #[cfg(feature = "xlsx")]
    pub(super) fn read_already(
        base: Option<&'a Dataset>,
        inputs: &'a [Sheet],
        tables: Vec<Vec<csv::Record>>,
        problems: Vec<ImportProblem>,
    ) -> Steps<'a> {
        let mut steps = Steps::new(base, inputs);
        steps.tables = tables.into_iter().map(Some).collect();
        steps.importer.problems = problems;
        steps
    }

    /// Reads the next file; `false` when every file has been read.
    pub(super) fn read_next(&mut self) -> bool {
        let inputs = self.importer.inputs;
        let Some(input) = inputs.get(self.next) else { return false };
        let file = self.next;
        self.next += 1;
        let Some(layout) = sheets::sheet_for_file(&input.name) else {
            let names: Vec<String> = sheets::SHEETS.iter().map(|sheet| format!("{}.csv", sheet.name)).collect();
            self.importer.problem(file, None, None, format!("unknown sheet; expected one of {}", names.join(", ")));
            return true;
        };
        if let Some(first) = self.read.iter().find(|sheet| sheet.layout.kind == layout.kind) {
            let first = inputs.get(first.file).map_or_else(String::new, |input| super::shown_name(&input.name));
            self.importer.problem(file, None, None, format!("the same sheet as {first}; give each sheet once"));
            return true;
        }
        let records = match self.tables.get_mut(file).and_then(Option::take) {
            Some(records) => records,
            None => read_csv(&mut self.importer, file, &input.bytes),
        };
        if let Some(sheet) = read_sheet(&mut self.importer, file, layout, records) {
            self.read.push(sheet);
        }
        true
    }

    /// How many files have been read, and how many there are.
    pub(super) fn progress(&self) -> (usize, usize) {
        (self.next, self.importer.inputs.len())
    }

    /// Reads what is left, assembles the document and checks it.
    pub(super) fn finish(mut self) -> Import {
        while self.read_next() {}
        let Steps { base, mut importer, mut read, .. } = self;
        check_assembled(&mut importer, base, &mut read);
        Import { dataset: importer.dataset.take(), problems: importer.problems }
    }
}

fn check_assembled(importer: &mut Importer<'_>, base: Option<&Dataset>, read: &mut [ReadSheet]) {
    let (document, origins) = assemble(importer, base, read);
    // One pass of the loader when all is well: the document only has fields of the format (the
    // sheets' columns and the base's own fields), so the strict check's extra rule about
    // unknown fields cannot fire, and a lenient load that skips nothing has met every rule of
    // the strict one. Only when something is wrong does the strict check run, for its report.
    // The assembled value goes straight into the loader: writing it out as JSON text and
    // parsing that again took about two thirds of a 10 000-initiative import.
    let mut dataset = None;
    let (loaded, problems) = load_value(&document, Mode::Lenient);
    match loaded {
        Some(loaded) if !problems.iter().any(|problem| problem.severity == Severity::Error) => {
            for warning in problems {
                locate(importer, read, &origins, base, warning);
            }
            dataset = Some(loaded);
        }
        _ => {
            for problem in load_value(&document, Mode::Strict).1 {
                locate(importer, read, &origins, base, problem);
            }
        }
    }
    drop(document);
    if importer.problems.iter().any(|problem| problem.severity == Severity::Error) {
        dataset = None;
    }
    importer.dataset = dataset;
}

/// The records of a CSV file.
fn read_csv(importer: &mut Importer<'_>, file: usize, bytes: &[u8]) -> Vec<csv::Record> {
    let (text, _) = super::encoding::decode(bytes);
    let parsed = csv::parse(&text);
    if let Some(row) = parsed.unterminated_quote {
        importer.problem(file, Some(row), None, "a quoted cell is not closed: a \" is missing");
    }
    parsed.records
}

/// Reads a sheet's records, the first naming the columns: the one cell model of every import.
fn read_sheet(
    importer: &mut Importer<'_>,
    file: usize,
    layout: &'static sheets::Sheet,
    records: Vec<csv::Record>,
) -> Option<ReadSheet> {
    let mut records = records.into_iter();
    let Some(header_record) = records.next() else {
        importer.problem(file, None, None, "the file is empty; its first row must name the columns");
        return None;
    };
    // For each cell position of the file: the layout column and language it holds, if any.
    let mut positions: Vec<Option<(usize, Option<String>)>> = Vec::with_capacity(header_record.cells.len());
    let mut headers: Vec<(usize, Option<String>, String)> = Vec::new();
    let mut unnamed: Vec<usize> = Vec::new();
    for (position, cell) in header_record.cells.iter().enumerate() {
        let name = cell.trim();
        if name.is_empty() {
            unnamed.push(position);
            positions.push(None);
            continue;
        }
        if name.starts_with("x-") || name.starts_with("x_") || name.starts_with("X-") || name.starts_with("X_") {
            positions.push(None);
            continue;
        }
        match sheets::header(layout, name) {
            Some(found) => {
                let duplicate = headers.iter().any(|(column, lang, _)| *column == found.column && *lang == found.lang);
                if duplicate {
                    importer.problem(
                        file,
                        Some(header_record.row),
                        Some(name.to_owned()),
                        "this column is given twice",
                    );
                    positions.push(None);
                } else {
                    headers.push((found.column, found.lang.clone(), name.to_owned()));
                    positions.push(Some((found.column, found.lang)));
                }
            }
            None => {
                let hint = suggestion(layout, name).map(|s| format!(" (did you mean \"{s}\"?)")).unwrap_or_default();
                let names: Vec<&str> = layout.columns.iter().map(|column| column.name).collect();
                importer.problem(
                    file,
                    Some(header_record.row),
                    Some(name.to_owned()),
                    format!("unknown column{hint}; this sheet has {}", names.join(", ")),
                );
                positions.push(None);
            }
        }
    }
    for (index, column) in layout.columns.iter().enumerate() {
        if column.required && !headers.iter().any(|(c, _, _)| *c == index) {
            let also = if column.cell == Cell::Text {
                format!(" (or {}_nl, {}_en, …)", column.name, column.name)
            } else {
                String::new()
            };
            importer.problem(file, None, Some(column.name.to_owned()), format!("the required column is missing{also}"));
            importer.missing_columns.insert((file, index));
        }
    }
    let mut rows = Vec::new();
    let mut unnamed_reported = false;
    for record in records {
        if record.cells.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if record.cells.len() > positions.len() && record.cells[positions.len()..].iter().any(|c| !c.trim().is_empty())
        {
            importer.problem(
                file,
                Some(record.row),
                None,
                format!("has more cells than the header has columns ({})", positions.len()),
            );
        }
        if !unnamed_reported && unnamed.iter().any(|&p| record.cells.get(p).is_some_and(|c| !c.trim().is_empty())) {
            unnamed_reported = true;
            importer.problem(file, Some(header_record.row), None, "a column with values has no name in the first row");
        }
        rows.push(read_row(importer, file, layout, &positions, &headers, record));
    }
    Some(ReadSheet { file, layout, headers, rows })
}

/// A known column name at most two edits away from `name`.
fn suggestion(layout: &sheets::Sheet, name: &str) -> Option<&'static str> {
    let name = sheets::normalise(name);
    layout.columns.iter().map(|column| column.name).find(|candidate| edit_distance(&name, candidate) <= 2)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            current.push((previous[j] + cost).min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous.last().copied().unwrap_or(0)
}

fn read_row(
    importer: &mut Importer<'_>,
    file: usize,
    layout: &'static sheets::Sheet,
    positions: &[Option<(usize, Option<String>)>],
    headers: &[(usize, Option<String>, String)],
    record: csv::Record,
) -> Row {
    let mut object = Map::new();
    let mut parent = None;
    let row = record.row;
    for (position, cell) in record.cells.iter().enumerate() {
        let Some(Some((index, lang))) = positions.get(position) else { continue };
        let Some(column) = layout.columns.get(*index) else { continue };
        let cell = cells::unguard(cell);
        if cell.trim().is_empty() {
            continue;
        }
        // The column as the header names it; only needed for a problem, so made on demand.
        let header = || {
            headers
                .iter()
                .find(|(c, l, _)| c == index && l == lang)
                .map_or_else(|| column.name.to_owned(), |(_, _, name)| name.clone())
        };
        let fail = |importer: &mut Importer<'_>, message: String| {
            importer.reported_cells.insert((file, row, *index));
            importer.problem(file, Some(row), Some(header()), message);
        };
        let value = match column.cell {
            Cell::Parent => {
                parent = Some(cell.trim().to_owned());
                continue;
            }
            Cell::Token => Value::String(cell.trim().to_owned()),
            Cell::Name => Value::String(cell.to_owned()),
            Cell::Unit => Value::String(cell.trim().to_lowercase()),
            Cell::Date => Value::String(cells::normalise_date(cell)),
            Cell::Text => {
                let existing = lookup(&object, column.json);
                let conflict = matches!((existing, lang), (Some(Value::String(_)), _) | (Some(Value::Object(_)), None));
                if conflict {
                    fail(importer, format!("give {} either without a language or per language, not both", column.name));
                    continue;
                }
                match lang {
                    None => Value::String(cell.to_owned()),
                    Some(lang) => {
                        let mut translations = match existing {
                            Some(Value::Object(map)) => map.clone(),
                            _ => Map::new(),
                        };
                        translations.insert(lang.clone(), Value::String(cell.to_owned()));
                        Value::Object(translations)
                    }
                }
            }
            Cell::Number => match cells::parse_number(cell) {
                Some((number, ambiguous)) => {
                    if ambiguous {
                        importer.warning(
                            file,
                            row,
                            header(),
                            format!(
                                "{} is read with a decimal point, as {}; for a thousand and more write it without the point or with a decimal comma",
                                crate::load::escape_for_display(cell.trim()),
                                cells::format_number(number)
                            ),
                        );
                    }
                    json_number(number)
                }
                None => {
                    fail(
                        importer,
                        format!("{} is not a number such as 1234,50", crate::load::escape_for_display(cell.trim())),
                    );
                    continue;
                }
            },
            Cell::Bool => match cells::parse_bool(cell) {
                Some(yes) => Value::Bool(yes),
                None => {
                    fail(
                        importer,
                        format!("{} is not ja or nee (yes or no)", crate::load::escape_for_display(cell.trim())),
                    );
                    continue;
                }
            },
            Cell::Enum(names) => match cells::parse_enum(names, cell) {
                Some(name) => Value::String(name.to_owned()),
                None => {
                    fail(
                        importer,
                        format!(
                            "{} is not one of {}",
                            crate::load::escape_for_display(cell.trim()),
                            cells::describe_enum(names)
                        ),
                    );
                    continue;
                }
            },
            Cell::List | Cell::EnumList(_) | Cell::Coverage | Cell::Initiators => {
                let items = match cells::parse_list(cell) {
                    Ok(items) => items,
                    Err(message) => {
                        fail(importer, message);
                        continue;
                    }
                };
                match list_value(column.cell, items) {
                    Ok(value) => value,
                    Err(message) => {
                        fail(importer, message);
                        continue;
                    }
                }
            }
            Cell::Json => match serde_json::from_str::<Value>(cell) {
                Ok(value) => value,
                Err(error) => {
                    fail(importer, format!("is not GeoJSON geometry: {error}"));
                    continue;
                }
            },
        };
        insert(&mut object, column.json, value);
    }
    Row { row, record: object, parent }
}

/// A number for the document; whole numbers as integers, so that the loader's messages show
/// `-5` as the sheet wrote it rather than `-5.0`.
fn json_number(number: f64) -> Value {
    if number.fract() == 0.0 && number.abs() < 9e15 {
        Value::from(number as i64)
    } else {
        serde_json::Number::from_f64(number).map_or(Value::Null, Value::Number)
    }
}

fn list_value(cell: Cell, items: Vec<cells::Item>) -> Result<Value, String> {
    if cell == Cell::Initiators {
        return items.into_iter().map(initiator_item).collect::<Result<Vec<_>, _>>().map(Value::Array);
    }
    if items.iter().any(|item| !item.suffix.is_empty()) {
        return Err("after a quoted item in the list a comma must follow".into());
    }
    let strings =
        |items: Vec<cells::Item>| Value::Array(items.into_iter().map(|item| Value::String(item.text)).collect());
    match cell {
        Cell::EnumList(names) => {
            let mut values = Vec::with_capacity(items.len());
            for item in items {
                match cells::parse_enum(names, &item.text) {
                    Some(name) => values.push(Value::String(name.to_owned())),
                    None => {
                        return Err(format!(
                            "{} is not one of {}",
                            crate::load::escape_for_display(&item.text),
                            cells::describe_enum(names)
                        ));
                    }
                }
            }
            Ok(Value::Array(values))
        }
        Cell::Coverage => match items.as_slice() {
            [item] if !item.quoted && ["alle", "all"].contains(&item.text.to_lowercase().as_str()) => {
                Ok(Value::String("all".into()))
            }
            [item] if !item.quoted && ["geen", "none"].contains(&item.text.to_lowercase().as_str()) => {
                Ok(Value::Array(Vec::new()))
            }
            _ => Ok(strings(items)),
        },
        _ => Ok(strings(items)),
    }
}

/// An initiator item: `Naam (sector)`, or a quoted name `"Jansen, P." (bewoner)`, which is
/// taken literally, with the sector after it.
fn initiator_item(item: cells::Item) -> Result<Value, String> {
    if !item.quoted {
        return Ok(initiator(&item.text));
    }
    let mut object = Map::new();
    object.insert("name".into(), Value::String(item.text));
    if !item.suffix.is_empty() {
        let inner = item.suffix.strip_prefix('(').and_then(|rest| rest.strip_suffix(')'));
        match inner.map(|inner| (inner, cells::parse_enum(SECTORS, inner))) {
            Some((_, Some(sector))) => {
                object.insert("sector".into(), Value::String(sector.into()));
            }
            Some((inner, None)) if inner.trim().is_empty() => {}
            _ => {
                return Err(format!(
                    "after a quoted name only a sector in brackets may follow, such as (bewoner), not {}",
                    crate::load::escape_for_display(&item.suffix)
                ));
            }
        }
    }
    Ok(Value::Object(object))
}

/// `Naam (sector)` as an initiator; `Naam ()` is a name without a sector, for names that end in
/// something that looks like a sector.
pub(super) fn initiator(text: &str) -> Value {
    let mut object = Map::new();
    let mut name = text;
    if let Some(open) = text.rfind('(')
        && let Some(inner) = text[open + 1..].strip_suffix(')')
    {
        let before = &text[..open];
        let before = before.strip_suffix(' ').unwrap_or(before);
        if inner.trim().is_empty() {
            name = before;
        } else if let Some(sector) = cells::parse_enum(SECTORS, inner) {
            name = before;
            object.insert("sector".into(), Value::String(sector.into()));
        }
    }
    object.insert("name".into(), Value::String(name.to_owned()));
    // Keep the document's usual order: name first.
    let mut ordered = Map::new();
    for key in ["name", "sector"] {
        if let Some(value) = object.remove(key) {
            ordered.insert(key.into(), value);
        }
    }
    Value::Object(ordered)
}

/// The segments of a column path: `location.lat` is two keys, `centroid[0]` a key and an index.
fn segments(path: &str) -> impl Iterator<Item = (&str, Option<usize>)> {
    path.split('.').map(|segment| match segment.split_once('[') {
        Some((key, index)) => (key, index.strip_suffix(']').and_then(|i| i.parse().ok())),
        None => (segment, None),
    })
}

pub(super) fn lookup<'a>(object: &'a Map<String, Value>, path: &str) -> Option<&'a Value> {
    let mut current: Option<&Value> = None;
    for (key, index) in segments(path) {
        let map = match current {
            None => object,
            Some(Value::Object(map)) => map,
            Some(_) => return None,
        };
        let value = map.get(key)?;
        current = Some(match index {
            Some(index) => value.as_array()?.get(index)?,
            None => value,
        });
    }
    current
}

fn insert(object: &mut Map<String, Value>, path: &str, value: Value) {
    let parts: Vec<(&str, Option<usize>)> = segments(path).collect();
    let mut map = object;
    for (position, (key, index)) in parts.iter().enumerate() {
        let last = position + 1 == parts.len();
        let slot = map.entry(key.to_string()).or_insert_with(|| match index {
            Some(_) => Value::Array(Vec::new()),
            None => Value::Object(Map::new()),
        });
        let slot = match index {
            Some(index) => {
                if !slot.is_array() {
                    *slot = Value::Array(Vec::new());
                }
                let Value::Array(items) = slot else { return };
                if items.len() <= *index {
                    items.resize(index + 1, Value::Null);
                }
                &mut items[*index]
            }
            None => slot,
        };
        if last {
            *slot = value;
            return;
        }
        if !slot.is_object() {
            *slot = Value::Object(Map::new());
        }
        let Value::Object(next) = slot else { return };
        map = next;
    }
}

fn id_of(value: &Value) -> Option<&str> {
    value.get("id").and_then(Value::as_str)
}

/// Puts the sheets into one document: the base dataset's collections, replaced by those given.
fn assemble(
    importer: &mut Importer<'_>,
    base: Option<&Dataset>,
    read: &mut [ReadSheet],
) -> (Value, HashMap<String, Origin>) {
    let mut document = match base.map(serde_json::to_value) {
        Some(Ok(Value::Object(map))) => map,
        _ => Map::new(),
    };
    document.insert("schema".into(), Value::String(SCHEMA.into()));
    let mut origins: HashMap<String, Origin> = HashMap::new();

    let kinds: Vec<SheetKind> = read.iter().map(|sheet| sheet.layout.kind).collect();
    let given = |kind: SheetKind| kinds.contains(&kind);
    for (index, sheet) in read.iter_mut().enumerate() {
        let at = |row: usize, relative: bool| Origin { sheet: index, row, relative };
        match sheet.layout.target {
            Target::Root => {
                let mut rows = sheet.rows.iter_mut();
                match rows.next() {
                    None => importer.problem(sheet.file, None, None, "needs one row below the column names"),
                    Some(row) => {
                        document.remove("matching");
                        for (key, value) in std::mem::take(&mut row.record) {
                            document.insert(key, value);
                        }
                        for key in ["municipality", "matching"] {
                            origins.insert(key.into(), at(row.row, false));
                        }
                    }
                }
                for extra in rows {
                    importer.problem(
                        sheet.file,
                        Some(extra.row),
                        None,
                        "this sheet has one row only: the municipality",
                    );
                }
            }
            Target::List(path) => {
                let list_key = path.join(".");
                let base_list = if child_keys_of(sheet.layout.kind, &given).is_empty() {
                    Vec::new()
                } else {
                    list_at(&document, path).cloned().unwrap_or_default()
                };
                // Children come from the base when their sheet is not given.
                let child_keys = child_keys_of(sheet.layout.kind, &given);
                let base_by_id: HashMap<&str, &Value> = if child_keys.is_empty() {
                    HashMap::new()
                } else {
                    base_list.iter().filter_map(|v| Some((id_of(v)?, v))).collect()
                };
                let mut list = Vec::with_capacity(sheet.rows.len());
                for (position, row) in sheet.rows.iter_mut().enumerate() {
                    let mut record = std::mem::take(&mut row.record);
                    if sheet.layout.kind == SheetKind::Rules {
                        record.entry("when").or_insert_with(|| Value::Object(Map::new()));
                    }
                    if let Some(old) = record.get("id").and_then(Value::as_str).and_then(|id| base_by_id.get(id)) {
                        for key in &child_keys {
                            if let Some(children) = old.get(*key) {
                                record.insert((*key).into(), children.clone());
                            }
                        }
                    }
                    origins.insert(format!("{list_key}[{position}]"), at(row.row, true));
                    list.push(Value::Object(record));
                }
                set_list(&mut document, path, list);
            }
            Target::Principles => {
                let list: Vec<Value> = sheet
                    .rows
                    .iter_mut()
                    .enumerate()
                    .map(|(position, row)| {
                        origins.insert(format!("policy.principles[{position}]"), at(row.row, true));
                        row.record.remove("text").unwrap_or(Value::Null)
                    })
                    .collect();
                set_list(&mut document, &["policy", "principles"], list);
            }
            Target::Child { .. } => {}
        }
    }

    for (index, sheet) in read.iter_mut().enumerate() {
        let Target::Child { parent, key } = sheet.layout.target else { continue };
        let Target::List(parent_path) = sheets::sheet(parent).target else { continue };
        let parent_key = parent_path.join(".");
        // Taken out and put back rather than cloned: with 10 000 initiatives a copy per child
        // sheet was a good part of the import's time.
        let mut parents = take_list(&mut document, parent_path);
        let mut position_of: HashMap<String, usize> = HashMap::with_capacity(parents.len());
        for (position, record) in parents.iter_mut().enumerate() {
            if let Some(id) = id_of(record) {
                position_of.entry(id.to_owned()).or_insert(position);
            }
            if let Value::Object(map) = record {
                map.remove(key);
            }
        }
        let mut children: Vec<Vec<(usize, Value)>> = vec![Vec::new(); parents.len()];
        let parent_column = sheet.layout.columns.first().map_or("", |column| column.name);
        let parent_sheet = sheets::sheet(parent).name;
        for row in &mut sheet.rows {
            let Some(id) = &row.parent else {
                // A missing parent column was reported once for the file already.
                if !importer.missing_columns.contains(&(sheet.file, 0)) {
                    importer.problem(sheet.file, Some(row.row), Some(parent_column.into()), "is required");
                }
                continue;
            };
            match position_of.get(id.as_str()) {
                Some(&position) => children[position].push((row.row, Value::Object(std::mem::take(&mut row.record)))),
                None => importer.problem(
                    sheet.file,
                    Some(row.row),
                    Some(parent_column.into()),
                    format!(
                        "there is no {} with id {} in {parent_sheet}.csv",
                        parent_column,
                        crate::load::escape_for_display(id)
                    ),
                ),
            }
        }
        for (position, (record, kids)) in parents.iter_mut().zip(children).enumerate() {
            if kids.is_empty() {
                continue;
            }
            let Value::Object(map) = record else { continue };
            let mut list = Vec::with_capacity(kids.len());
            for (number, (row, child)) in kids.into_iter().enumerate() {
                origins.insert(
                    format!("{parent_key}[{position}].{key}[{number}]"),
                    Origin { sheet: index, row, relative: true },
                );
                list.push(child);
            }
            map.insert(key.into(), Value::Array(list));
        }
        set_list(&mut document, parent_path, parents);
    }
    if let Some(Value::Object(policy)) = document.get("policy")
        && policy.is_empty()
    {
        document.remove("policy");
    }
    (Value::Object(document), origins)
}

/// The keys of the children of records of `kind` whose own sheet is not given (they are kept
/// from the base).
fn child_keys_of(kind: SheetKind, given: &dyn Fn(SheetKind) -> bool) -> Vec<&'static str> {
    sheets::SHEETS
        .iter()
        .filter_map(|child| match child.target {
            Target::Child { parent, key } if parent == kind && !given(child.kind) => Some(key),
            _ => None,
        })
        .collect()
}

/// Takes the list at `path` out of the document, leaving an empty one (or nothing) behind.
fn take_list(document: &mut Map<String, Value>, path: &[&str]) -> Vec<Value> {
    let Some((last, parents)) = path.split_last() else { return Vec::new() };
    let mut map = document;
    for key in parents {
        match map.get_mut(*key) {
            Some(Value::Object(next)) => map = next,
            _ => return Vec::new(),
        }
    }
    match map.get_mut(*last) {
        Some(Value::Array(list)) => std::mem::take(list),
        _ => Vec::new(),
    }
}

fn list_at<'a>(document: &'a Map<String, Value>, path: &[&str]) -> Option<&'a Vec<Value>> {
    let (last, parents) = path.split_last()?;
    let mut map = document;
    for key in parents {
        map = map.get(*key)?.as_object()?;
    }
    map.get(*last)?.as_array()
}

fn set_list(document: &mut Map<String, Value>, path: &[&str], list: Vec<Value>) {
    let Some((last, parents)) = path.split_last() else { return };
    let mut map = document;
    for key in parents {
        let slot = map.entry((*key).to_owned()).or_insert_with(|| Value::Object(Map::new()));
        if !slot.is_object() {
            *slot = Value::Object(Map::new());
        }
        let Value::Object(next) = slot else { return };
        map = next;
    }
    if list.is_empty() {
        map.remove(*last);
    } else {
        map.insert((*last).to_owned(), Value::Array(list));
    }
}

/// Turns a problem of the loader into a problem with file, row and column where the record came from a sheet.
fn locate(
    importer: &mut Importer<'_>,
    read: &[ReadSheet],
    origins: &HashMap<String, Origin>,
    base: Option<&Dataset>,
    problem: crate::Problem,
) {
    let path = problem.path.as_str();
    if path == "municipality" && base.is_none() && !read.iter().any(|s| s.layout.kind == SheetKind::Municipality) {
        importer.problems.push(ImportProblem {
            path: Some(problem.path),
            message: "is required: give gemeente.csv (the municipality) or import into an existing dataset".into(),
            ..ImportProblem::from_path_problem(problem.message, problem.severity)
        });
        return;
    }
    let cuts = path.char_indices().filter(|(_, c)| *c == '.' || *c == '[').map(|(at, _)| at).chain([path.len()]);
    let mut cuts: Vec<usize> = cuts.collect();
    cuts.reverse();
    let found = cuts.into_iter().find_map(|cut| origins.get(&path[..cut]).map(|origin| (cut, *origin)));
    let Some((cut, origin)) = found else {
        importer.problems.push(ImportProblem {
            path: Some(problem.path),
            ..ImportProblem::from_path_problem(problem.message, problem.severity)
        });
        return;
    };
    let Some(sheet) = read.get(origin.sheet) else { return };
    let rest = if origin.relative { path[cut..].trim_start_matches('.') } else { path };
    let column = column_for(sheet, rest);
    if let Some((index, _)) = &column
        && (importer.missing_columns.contains(&(sheet.file, *index))
            || importer.reported_cells.contains(&(sheet.file, origin.row, *index)))
    {
        return;
    }
    importer.problems.push(ImportProblem {
        file: importer.inputs.get(sheet.file).map(|input| input.name.clone()),
        row: Some(origin.row),
        column: column.map(|(_, name)| name),
        path: Some(problem.path),
        message: problem.message,
        severity: problem.severity,
    });
}

/// The column a path inside a record is about, with its name as the file's header gives it.
fn column_for(sheet: &ReadSheet, rest: &str) -> Option<(usize, String)> {
    let under = |json: &str| json == rest || rest.strip_prefix(json).is_some_and(|tail| tail.starts_with(['.', '[']));
    let layout = sheet.layout;
    let best = layout
        .columns
        .iter()
        .enumerate()
        .filter(|(_, column)| !column.json.is_empty() && under(column.json))
        .max_by_key(|(_, column)| column.json.len());
    if let Some((index, column)) = best {
        let lang =
            rest[column.json.len()..].strip_prefix('.').map(|tail| tail.split(['.', '[']).next().unwrap_or(tail));
        let lang = lang.filter(|_| column.cell == Cell::Text);
        let header =
            sheet.headers.iter().find(|(c, l, _)| *c == index && l.as_deref() == lang).map(|(_, _, name)| name.clone());
        let name = header.unwrap_or_else(|| match lang {
            Some(lang) => format!("{}_{lang}", column.name),
            None => column.name.to_owned(),
        });
        return Some((index, name));
    }
    // A problem about a group of columns, such as a location without lat or lon.
    let group: Vec<&str> = layout
        .columns
        .iter()
        .filter(|column| {
            !rest.is_empty() && column.json.strip_prefix(rest).is_some_and(|tail| tail.starts_with(['.', '[']))
        })
        .map(|column| column.name)
        .collect();
    let first = layout.columns.iter().position(|column| group.first() == Some(&column.name))?;
    Some((first, group.join(", ")))
}
