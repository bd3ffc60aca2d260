//! Excel workbooks (`.xlsx`): the whole dataset in one file, one sheet per collection named as
//! the CSV files are, read with `calamine` and written with `rust_xlsxwriter` (feature `xlsx`).
//!
//! Both directions go through the CSV exchange's cell model, so that every rule of a column is
//! written once: a workbook's cells become the records the CSV reader makes (typed cells turned
//! into the texts that model reads without doubt: a number with a decimal comma, a date as
//! `yyyy-mm-dd`), and the workbook is written from the export's table of cell texts (with
//! numbers and dates as typed cells again, so that Excel can count and sort them).

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet,
    XlsxError,
};

use super::cells::{self, EnumName};
use super::csv::Record;
use super::export::{Table, tables};
use super::import::Steps;
use super::sheets::{self, Cell};
use super::{Import, ImportProblem, Sheet};
use crate::Date;
use crate::load::Severity;
use crate::model::{CommitmentStatus, Dataset, Kind, Per, Sector, Stage};

/// The first sheet of an exported workbook, which explains the others; the import passes it by.
pub const EXPLANATION_SHEET: &str = "Uitleg";

/// The sheet names the import passes by without a word: the explanation, in Dutch and English.
const PASSED_BY: [&str; 2] = [EXPLANATION_SHEET, "Explanation"];

/// How to write a workbook.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct WorkbookConfig {
    /// The creation date in the file's properties. Given rather than read from a clock, so that
    /// the same dataset gives the same bytes (and core reads no clock).
    pub created: Date,
}

impl WorkbookConfig {
    /// A workbook made on `created`.
    pub fn new(created: Date) -> WorkbookConfig {
        WorkbookConfig { created }
    }
}

/// Why a workbook could not be written: each problem names its sheet, row and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkbookError {
    problems: Vec<String>,
}

impl WorkbookError {
    /// The problems, each as "sheet, row, column: what is wrong".
    pub fn problems(&self) -> &[String] {
        &self.problems
    }
}

impl std::fmt::Display for WorkbookError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.problems.join("\n"))
    }
}

impl std::error::Error for WorkbookError {}

/// Excel's limit on the characters of one cell.
const MAX_CELL_CHARS: usize = 32_767;

// ---------------------------------------------------------------------------------------------
// Reading

/// See [`super::import_workbook`].
pub(super) fn import(base: Option<&Dataset>, file_name: &str, bytes: &[u8]) -> Import {
    let (inputs, tables, problems) = read_workbook(file_name, bytes);
    if problems.iter().any(ImportProblem::is_error) {
        return Import { dataset: None, problems };
    }
    let mut steps = Steps::read_already(base, &inputs, tables, problems);
    while steps.read_next() {}
    steps.finish()
}

/// A workbook's sheets as inputs of the import (named by the sheet, without bytes) with their
/// records, and the problems found reading it.
fn read_workbook(file_name: &str, bytes: &[u8]) -> (Vec<Sheet>, Vec<Vec<Record>>, Vec<ImportProblem>) {
    let mut problems = Vec::new();
    let mut workbook: Xlsx<_> = match open_workbook_from_rs(Cursor::new(bytes)) {
        Ok(workbook) => workbook,
        Err(error) => {
            problems.push(file_problem(file_name, format!("is not an Excel workbook (.xlsx): {error}")));
            return (Vec::new(), Vec::new(), problems);
        }
    };
    let (mut inputs, mut tables) = (Vec::new(), Vec::new());
    for name in workbook.sheet_names() {
        if PASSED_BY.iter().any(|passed| sheets::normalise(passed) == sheets::normalise(&name)) {
            continue;
        }
        if sheets::sheet_for_file(&name).is_none() {
            let known: Vec<&str> = sheets::SHEETS.iter().map(|sheet| sheet.name).collect();
            problems.push(ImportProblem {
                severity: Severity::Warning,
                ..file_problem(
                    &name,
                    format!("sheet left out: its name is not one of {}, {EXPLANATION_SHEET}", known.join(", ")),
                )
            });
            continue;
        }
        match workbook.worksheet_range(&name) {
            Ok(range) => {
                tables.push(records(&name, &range, &mut problems));
                inputs.push(Sheet { name, bytes: Vec::new() });
            }
            Err(error) => problems.push(file_problem(&name, format!("cannot be read: {error}"))),
        }
    }
    (inputs, tables, problems)
}

fn file_problem(file: &str, message: String) -> ImportProblem {
    ImportProblem {
        file: Some(file.to_owned()),
        row: None,
        column: None,
        path: None,
        message,
        severity: Severity::Error,
    }
}

/// A sheet's rows as the records of the CSV reader: rows numbered as Excel numbers them, the
/// cells from the sheet's first used column on, typed cells as the texts the CSV model reads.
pub(super) fn records(sheet: &str, range: &calamine::Range<Data>, problems: &mut Vec<ImportProblem>) -> Vec<Record> {
    let Some((first_row, _)) = range.start() else { return Vec::new() };
    let mut records: Vec<Record> = Vec::new();
    for (offset, row) in range.rows().enumerate() {
        let number = first_row as usize + offset + 1;
        let mut cells = Vec::with_capacity(row.len());
        for (position, data) in row.iter().enumerate() {
            match text(data) {
                Ok(text) => cells.push(text),
                Err(message) => {
                    let column = records.first().and_then(|header| header.cells.get(position)).cloned();
                    problems.push(ImportProblem {
                        row: Some(number),
                        column: column.filter(|name| !name.trim().is_empty()),
                        ..file_problem(sheet, message)
                    });
                    cells.push(String::new());
                }
            }
        }
        records.push(Record { row: number, cells });
    }
    records
}

/// A cell as the CSV model holds it. Text is guarded as the CSV export guards it, because the
/// model's reader takes the guard off again; a number gets a decimal comma, which that reader
/// takes without doubt; a date is `yyyy-mm-dd` (with the time, when it has one).
fn text(data: &Data) -> Result<String, String> {
    Ok(match data {
        Data::Empty => String::new(),
        Data::String(text) => cells::guard(text.clone()),
        Data::Int(number) => number.to_string(),
        Data::Float(number) => cells::format_number(*number),
        Data::Bool(yes) => if *yes { "ja" } else { "nee" }.to_owned(),
        Data::DateTime(moment) if moment.is_datetime() => {
            let (year, month, day, hour, minute, second, _) = moment.to_ymd_hms_milli();
            if (hour, minute, second) == (0, 0, 0) {
                format!("{year:04}-{month:02}-{day:02}")
            } else {
                format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}")
            }
        }
        // A duration (a time of day without a date): its number, for the column's rule to judge.
        Data::DateTime(moment) => cells::format_number(moment.as_f64()),
        Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Error(error) => return Err(format!("the cell holds Excel's error {error}; put in a value")),
    })
}

// ---------------------------------------------------------------------------------------------
// Writing

/// See [`super::export_workbook`].
pub(super) fn export(dataset: &Dataset, config: &WorkbookConfig) -> Result<Vec<u8>, WorkbookError> {
    let mut problems = Vec::new();
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(config.created.year(), config.created.month(), config.created.day());
    if let Ok(created) = created {
        workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    }
    let formats = Formats::new();
    if let Err(error) = write_explanation(workbook.add_worksheet(), &formats) {
        problems.push(format!("{EXPLANATION_SHEET}: {error}"));
    }
    for table in tables(dataset) {
        let worksheet = workbook.add_worksheet();
        if let Err(error) = write_table(worksheet, &table, &formats, &mut problems) {
            problems.push(format!("{}: {error}", table.layout.name));
        }
    }
    if !problems.is_empty() {
        return Err(WorkbookError { problems });
    }
    workbook.save_to_buffer().map_err(|error| WorkbookError { problems: vec![error.to_string()] })
}

/// See [`super::workbook_template`].
pub(super) fn template(config: &WorkbookConfig) -> Vec<u8> {
    let example = Dataset::from_json_strict(TEMPLATE_EXAMPLE).unwrap_or_default();
    // The example is small and holds to the format (a test checks both), so this cannot fail;
    // if it did, an empty workbook with the explanation is still a template.
    export(&example, config).unwrap_or_default()
}

/// The one example record of each sheet in the template: a small dataset in the format.
const TEMPLATE_EXAMPLE: &str = include_str!("template.json");

struct Formats {
    header: Format,
    date: Format,
    wrapped: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new().set_bold().set_background_color("#E7EEF7"),
            date: Format::new().set_num_format("yyyy-mm-dd").set_align(FormatAlign::Left),
            wrapped: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

/// Writes a sheet: the header in bold and frozen, the rows with numbers and dates as typed
/// cells, a list to choose from in every enumerated column, and widths that fit the contents.
fn write_table(
    worksheet: &mut Worksheet,
    table: &Table,
    formats: &Formats,
    problems: &mut Vec<String>,
) -> Result<(), XlsxError> {
    worksheet.set_name(table.layout.name)?;
    worksheet.set_freeze_panes(1, 0)?;
    let mut widths: Vec<usize> = table.columns.iter().map(|(_, _, name)| name.chars().count()).collect();
    for (col, (_, _, name)) in table.columns.iter().enumerate() {
        worksheet.write_string_with_format(0, col as u16, name, &formats.header)?;
    }
    for (at, row) in table.rows.iter().enumerate() {
        let row_number = at as u32 + 1;
        for (col, (text, (index, _, name))) in row.iter().zip(&table.columns).enumerate() {
            let col = col as u16;
            let text = cells::unguard(text);
            if text.is_empty() {
                continue;
            }
            let cell = table.layout.columns.get(*index).map_or(Cell::Name, |column| column.cell);
            let chars = text.chars().count();
            widths[col as usize] = widths[col as usize].max(chars.min(60));
            if chars > MAX_CELL_CHARS {
                problems.push(format!(
                    "{}, row {}, column {name}: {chars} characters, more than the {MAX_CELL_CHARS} a cell of Excel holds; export the JSON file for this one",
                    table.layout.name,
                    row_number + 1
                ));
                continue;
            }
            match (cell, typed(cell, text)) {
                (_, Some(Typed::Number(number))) => worksheet.write_number(row_number, col, number)?,
                (_, Some(Typed::Date(date))) => {
                    worksheet.write_datetime_with_format(row_number, col, &date, &formats.date)?
                }
                _ => worksheet.write_string(row_number, col, text)?,
            };
        }
    }
    let last_row = table.rows.len().max(1000) as u32;
    for (col, (index, _, _)) in table.columns.iter().enumerate() {
        let col = col as u16;
        let Some(column) = table.layout.columns.get(*index) else { continue };
        if let Some(choices) = choices(column.cell) {
            let validation = DataValidation::new()
                .allow_list_strings(&choices)?
                .ignore_blank(true)
                // Other names the import understands (English ones, older Dutch ones) stay possible.
                .set_error_style(DataValidationErrorStyle::Warning);
            worksheet.add_data_validation(1, col, last_row, col, &validation)?;
        }
        worksheet.set_column_width(col, (widths[col as usize] + 2).clamp(8, 62) as f64)?;
    }
    Ok(())
}

/// A cell written as a typed cell: a number, or a date without a time.
enum Typed {
    Number(f64),
    Date(ExcelDateTime),
}

fn typed(cell: Cell, text: &str) -> Option<Typed> {
    match cell {
        Cell::Number => cells::parse_number(text).map(|(number, _)| Typed::Number(number)),
        Cell::Date => {
            let date: Date = text.parse().ok()?;
            ExcelDateTime::from_ymd(date.year(), date.month(), date.day()).ok().map(Typed::Date)
        }
        _ => None,
    }
}

/// The values to choose from in an enumerated column, in the Dutch the export writes, from
/// core's lists of every value; a unit's from the units the kinds have.
fn choices(cell: Cell) -> Option<Vec<String>> {
    fn dutch<T: Copy>(names: &[EnumName], all: &[T], name: fn(T) -> &'static str) -> Vec<String> {
        all.iter().map(|&value| cells::dutch_name(names, name(value)).to_owned()).collect()
    }
    Some(match cell {
        Cell::Enum(names) if names == cells::KINDS => dutch(names, Kind::ALL, Kind::as_str),
        Cell::Enum(names) if names == cells::STAGES => dutch(names, Stage::ALL, Stage::as_str),
        Cell::Enum(names) if names == cells::SECTORS => dutch(names, Sector::ALL, Sector::as_str),
        Cell::Enum(names) if names == cells::PERS => dutch(names, Per::ALL, Per::as_str),
        Cell::Enum(names) if names == cells::STATUSES => dutch(names, CommitmentStatus::ALL, CommitmentStatus::as_str),
        Cell::Enum(names) => names.iter().map(|(_, dutch, _)| (*dutch).to_owned()).collect(),
        Cell::Bool => vec!["ja".to_owned(), "nee".to_owned()],
        Cell::Unit => units(),
        _ => return None,
    })
}

/// The units the kinds have when a need or offer names none, each once.
fn units() -> Vec<String> {
    let mut units: Vec<String> = Vec::new();
    for kind in Kind::ALL {
        let unit = kind.default_unit().as_str().to_owned();
        if !units.contains(&unit) {
            units.push(unit);
        }
    }
    units
}

/// The explanation sheet: what the workbook is, then every column of every sheet with its
/// English name, whether it is required, what it holds and its field in the data file.
fn write_explanation(worksheet: &mut Worksheet, formats: &Formats) -> Result<(), XlsxError> {
    worksheet.set_name(EXPLANATION_SHEET)?;
    let intro = [
        "Dit werkboek bevat de gegevens van Verschilmaker: elk blad is één verzameling (initiatieven, behoeften, partners, aanbod …), zoals de CSV-bestanden.",
        "De eerste rij van een blad noemt de kolommen. Kolommen mogen in een andere volgorde staan, en de Engelse namen mogen ook. Een kolom die met x- begint, wordt niet ingelezen.",
        "Teksten per taal: titel_nl, titel_en, … (één kolom per taal). Lijsten scheidt u met komma's. Getallen en datums mogen als getal en datum in Excel staan.",
        "Bij de lijstkolommen (soort, fase, sector, per, status, eenheid) kiest u uit een lijst; de Engelse namen worden ook begrepen. Dit blad Uitleg wordt bij het inlezen overgeslagen.",
        "De voorwaarden van aanbod in de kolommen alleen_gebieden tot dagdelen controleert het koppelen; de voorwaarden in woorden (voorwaarden_nl, …) zien bezoekers, maar het koppelen leest ze niet.",
        "This workbook holds Verschilmaker's data, one sheet per collection; the English column names beside the Dutch ones below are understood too.",
    ];
    for (row, line) in intro.iter().enumerate() {
        worksheet.write_string(row as u32, 0, *line)?;
    }
    let header_row = intro.len() as u32 + 1;
    let headers = ["Blad", "Kolom", "English", "Verplicht", "Wat erin staat", "Veld in het gegevensbestand"];
    for (col, name) in headers.iter().enumerate() {
        worksheet.write_string_with_format(header_row, col as u16, *name, &formats.header)?;
    }
    let mut row = header_row + 1;
    for sheet in sheets::SHEETS {
        for column in sheet.columns {
            let english = english_name(column);
            let cells = [
                sheet.name.to_owned(),
                column.name.to_owned(),
                english.to_owned(),
                if column.required { "ja" } else { "nee" }.to_owned(),
                holds(column.cell),
                if column.cell == Cell::Parent { String::new() } else { column.json.to_owned() },
            ];
            for (col, text) in cells.iter().enumerate() {
                worksheet.write_string_with_format(row, col as u16, text, &formats.wrapped)?;
            }
            row += 1;
        }
    }
    worksheet.set_freeze_panes(header_row + 1, 0)?;
    for (col, width) in [14.0, 24.0, 22.0, 10.0, 70.0, 30.0].into_iter().enumerate() {
        worksheet.set_column_width(col as u16, width)?;
    }
    Ok(())
}

/// Column names that English uses as they are; the others' English name is their first alias.
const SAME_IN_ENGLISH: [&str; 14] = [
    "id",
    "url",
    "label",
    "sector",
    "per",
    "status",
    "start",
    "code",
    "lat",
    "lon",
    "postcodes",
    "website",
    "partner",
    "contact_email",
];

/// A column's English name, for the explanation sheet.
fn english_name(column: &sheets::Column) -> &'static str {
    if SAME_IN_ENGLISH.contains(&column.name) {
        return column.name;
    }
    column.aliases.first().copied().unwrap_or(column.name)
}

/// What a column holds, in Dutch, for the explanation sheet.
fn holds(cell: Cell) -> String {
    let list = |names: &[EnumName]| names.iter().map(|(_, dutch, _)| *dutch).collect::<Vec<_>>().join(", ");
    match cell {
        Cell::Token => "een code of id, zonder spaties (zoals moestuin-noord)".to_owned(),
        Cell::Name => "een naam of tekst, precies zoals hij er staat".to_owned(),
        Cell::Text => "een tekst; per taal een eigen kolom, zoals titel_nl en titel_en".to_owned(),
        Cell::Number => "een getal (1234,50)".to_owned(),
        Cell::Bool => "ja of nee".to_owned(),
        Cell::Date => "een datum (2027-03-18), of datum en tijd met tijdzone (2027-03-18T19:30:00+01:00)".to_owned(),
        Cell::Unit => format!("de eenheid, zoals {} (leeg: die van de soort)", units().join(", ")),
        Cell::List => "een lijst van codes, gescheiden door komma's".to_owned(),
        Cell::Enum(names) => format!("één van: {}", list(names)),
        Cell::EnumList(names) => format!("een of meer van: {}, gescheiden door komma's", list(names)),
        Cell::Coverage => "alle, geen, of de codes van gebieden, gescheiden door komma's".to_owned(),
        Cell::Initiators => {
            "namen met hun sector tussen haakjes: Els de Vries (bewoner), Bakkerij Jansen (bedrijf)".to_owned()
        }
        Cell::Json => "een GeoJSON-geometrie (Polygon of MultiPolygon) als tekst".to_owned(),
        Cell::Parent => "de id van het initiatief of de partner waar de rij bij hoort".to_owned(),
    }
}
