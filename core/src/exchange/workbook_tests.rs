//! Tests of the Excel workbook exchange (feature `xlsx`): typed cells, problems with sheet, row
//! and column, the explanation sheet, the lists to choose from, the template, and round trips
//! of generated datasets with texts in several languages.

use std::io::Read;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
#[cfg(feature = "synth")]
use proptest::prelude::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use super::*;
use crate::model::{CommitmentStatus, Kind, Per, Sector, Stage};
use crate::{Date, Lang, Text};

const DEMO: &str = include_str!("../../demo/initiatieven.json");

fn demo() -> Dataset {
    Dataset::from_json_strict(DEMO).expect("the demo data is valid")
}

fn config() -> WorkbookConfig {
    WorkbookConfig::new(Date::new(2027, 1, 15).expect("a date"))
}

fn export(dataset: &Dataset) -> Vec<u8> {
    export_workbook(dataset, &config()).expect("the dataset exports")
}

/// Exports `dataset`, imports the workbook again, and requires the same dataset back.
fn check_round_trip(dataset: &Dataset) {
    let bytes = export(dataset);
    let import = import_workbook(None, "gegevens.xlsx", &bytes);
    let errors: Vec<String> = import.problems.iter().filter(|p| p.is_error()).map(ToString::to_string).collect();
    assert_eq!(errors, Vec::<String>::new());
    assert!(import.dataset.as_ref() == Some(dataset), "the workbook reads back as a different dataset");
}

fn open(bytes: &[u8]) -> Xlsx<std::io::Cursor<&[u8]>> {
    open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("an xlsx workbook")
}

/// A workbook written by hand, as a civil servant's Excel would save it: `sheets` of rows.
fn workbook(sheets: &[(&str, Vec<Vec<Data>>)]) -> Vec<u8> {
    let mut workbook = Workbook::new();
    let date = Format::new().set_num_format("d-m-yyyy");
    for (name, rows) in sheets {
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    Data::String(text) => worksheet.write_string(r, c, text).map(|_| ()),
                    Data::Float(number) => worksheet.write_number(r, c, *number).map(|_| ()),
                    Data::Bool(yes) => worksheet.write_boolean(r, c, *yes).map(|_| ()),
                    Data::DateTimeIso(iso) => {
                        let [y, m, d]: [&str; 3] = iso.splitn(3, '-').collect::<Vec<_>>().try_into().unwrap();
                        let moment =
                            ExcelDateTime::from_ymd(y.parse().unwrap(), m.parse().unwrap(), d.parse().unwrap());
                        worksheet.write_datetime_with_format(r, c, moment.unwrap(), &date).map(|_| ())
                    }
                    _ => Ok(()),
                }
                .unwrap();
            }
        }
    }
    workbook.save_to_buffer().unwrap()
}

fn s(text: &str) -> Data {
    Data::String(text.to_owned())
}

fn municipality() -> (&'static str, Vec<Vec<Data>>) {
    ("gemeente", vec![vec![s("naam"), s("talen")], vec![s("Gemeente Voorbeeld"), s("nl, en")]])
}

#[test]
fn the_demo_data_round_trips() {
    check_round_trip(&demo());
}

#[test]
fn typed_numbers_and_dates_cannot_be_garbled() {
    let bytes = workbook(&[
        municipality(),
        (
            "initiatieven",
            vec![
                vec![s("id"), s("titel"), s("fase"), s("start"), s("lat"), s("lon")],
                vec![
                    s("moestuin"),
                    s("Moestuin"),
                    s("lopend"),
                    Data::DateTimeIso("2027-3-5".into()),
                    Data::Float(51.7),
                    Data::Float(5.25),
                ],
            ],
        ),
        (
            "behoeften",
            vec![
                vec![s("initiatief"), s("id"), s("soort"), s("hoeveelheid"), s("verplicht")],
                // A typed 1234.5 and a typed 1.234 (which as text would be ambiguous), and a
                // number typed as text with a decimal comma, as Dutch Excel users do.
                vec![s("moestuin"), s("geld"), s("geld"), Data::Float(1234.5), Data::Bool(true)],
                vec![s("moestuin"), s("meer-geld"), s("geld"), Data::Float(1.234), Data::Bool(false)],
                vec![s("moestuin"), s("handen"), s("vrijwilligers"), s("1.234,50")],
            ],
        ),
    ]);
    let import = import_workbook(None, "werkboek.xlsx", &bytes);
    assert_eq!(import.problems, Vec::new(), "no warning: a typed 1.234 is not ambiguous");
    let dataset = import.dataset.expect("a dataset");
    let initiative = &dataset.initiatives[0];
    assert_eq!(initiative.period.as_ref().map(|p| p.start.to_string()), Some("2027-03-05".to_owned()));
    assert_eq!(initiative.location.as_ref().map(|l| (l.lat, l.lon)), Some((Some(51.7), Some(5.25))));
    let amounts: Vec<(Option<f64>, bool)> = initiative.needs.iter().map(|n| (n.amount, n.required)).collect();
    assert_eq!(amounts, [(Some(1234.5), true), (Some(1.234), false), (Some(1234.5), true)]);
}

#[test]
fn problems_name_the_sheet_row_and_column() {
    let bytes = workbook(&[
        municipality(),
        ("Notities", vec![vec![s("wat dan ook")]]),
        ("Uitleg", vec![vec![s("wordt overgeslagen")]]),
        (
            "initiatieven",
            vec![vec![s("id"), s("titel"), s("fase")], vec![], vec![s("moestuin"), s("Moestuin"), s("dansen")]],
        ),
    ]);
    let import = import_workbook(None, "werkboek.xlsx", &bytes);
    let problems: Vec<String> = import.problems.iter().map(ToString::to_string).collect();
    assert!(import.dataset.is_none());
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert_eq!(
        problems[0],
        "warning: Notities: sheet left out: its name is not one of gemeente, gebieden, themas, vaardigheden, initiatieven, behoeften, links, partners, aanbod, afspraken, edities, regels, principes, Uitleg"
    );
    assert!(
        problems[1].starts_with("initiatieven, row 3, column fase: \"dansen\" is not one of"),
        "the row as Excel numbers it, the empty row counted: {problems:?}"
    );
}

#[test]
fn a_cell_with_an_excel_error_is_named_by_its_sheet_row_and_column() {
    // A range as calamine reads it, starting at C2: the header in row 2, a #DIV/0! in row 3.
    let mut range = calamine::Range::new((1, 2), (2, 4));
    for (col, name) in ["id", "titel", "fase"].into_iter().enumerate() {
        range.set_value((1, 2 + col as u32), s(name));
    }
    range.set_value((2, 2), s("feest"));
    range.set_value((2, 3), Data::Error(calamine::CellErrorType::Div0));
    range.set_value((2, 4), Data::Float(2.5));
    let mut problems = Vec::new();
    let records = super::xlsx::records("initiatieven", &range, &mut problems);
    let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems, ["initiatieven, row 3, column titel: the cell holds Excel's error #DIV/0!; put in a value"]);
    let rows: Vec<(usize, Vec<String>)> = records.into_iter().map(|r| (r.row, r.cells)).collect();
    assert_eq!(
        rows,
        [(2, vec!["id".into(), "titel".into(), "fase".into()]), (3, vec!["feest".into(), String::new(), "2,5".into()])]
    );
}

#[test]
fn not_a_workbook_is_a_problem_not_a_panic() {
    for bytes in [&b""[..], b"PK\x03\x04 broken", b"id;titel\r\n", &export(&demo())[..200]] {
        let import = import_workbook(None, "kapot.xlsx", bytes);
        assert!(import.dataset.is_none());
        let problem = import.problems[0].to_string();
        assert!(problem.starts_with("kapot.xlsx: is not an Excel workbook (.xlsx): "), "{problem}");
    }
}

#[test]
fn the_workbook_explains_itself_and_offers_lists() {
    let bytes = export(&demo());
    let mut workbook = open(&bytes);
    let names = workbook.sheet_names();
    let mut expected = vec![EXPLANATION_SHEET.to_owned()];
    expected.extend(sheets::SHEETS.iter().map(|sheet| sheet.name.to_owned()));
    assert_eq!(names, expected);
    // Every column of every sheet is explained, with its English name beside it.
    let explanation = workbook.worksheet_range(EXPLANATION_SHEET).unwrap();
    let rows: Vec<Vec<String>> =
        explanation.rows().map(|row| row.iter().map(|cell| cell.to_string()).collect()).collect();
    let header = rows.iter().position(|row| row.first().map(String::as_str) == Some("Blad")).expect("a header");
    assert_eq!(rows[header][..3], ["Blad", "Kolom", "English"]);
    for sheet in sheets::SHEETS {
        for column in sheet.columns {
            assert!(
                rows[header..].iter().any(|row| row[0] == sheet.name && row[1] == column.name),
                "{}.{} is explained",
                sheet.name,
                column.name
            );
        }
    }
    let english = |sheet: &str, column: &str| {
        rows.iter().find(|row| row[0] == sheet && row[1] == column).map(|row| row[2].clone()).unwrap_or_default()
    };
    for (sheet, column, name) in [
        ("initiatieven", "titel", "title"),
        ("initiatieven", "fase", "stage"),
        ("links", "url", "url"),
        ("links", "label", "label"),
        ("behoeften", "eind", "end"),
        ("aanbod", "partner", "partner"),
        ("edities", "start", "start"),
        ("aanbod", "alleen_gebieden", "only_areas"),
        ("aanbod", "max_hoeveelheid", "max_amount"),
        ("aanbod", "dagen", "weekdays"),
        ("behoeften", "dagdelen", "dayparts"),
        ("gemeente", "gewicht_tekst", "weight_text"),
    ] {
        assert_eq!(english(sheet, column), name, "{sheet}.{column}");
    }
    let stage = rows.iter().find(|row| row[0] == "initiatieven" && row[1] == "fase").unwrap();
    assert!(stage[4].contains("idee, gepitcht, opstart, lopend, afgerond, gepauzeerd"), "{stage:?}");
    let days = rows.iter().find(|row| row[0] == "aanbod" && row[1] == "dagen").unwrap();
    assert!(days[4].contains("een of meer van: maandag, dinsdag, woensdag"), "{days:?}");
    // A list to choose from in every enumerated column, with every value core knows, in the
    // Dutch the sheets are written in.
    let sheets_xml = worksheets_xml(&bytes);
    let lists: [(&[cells::EnumName], Vec<&str>); 5] = [
        (cells::KINDS, Kind::ALL.iter().map(|v| v.as_str()).collect()),
        (cells::STAGES, Stage::ALL.iter().map(|v| v.as_str()).collect()),
        (cells::SECTORS, Sector::ALL.iter().map(|v| v.as_str()).collect()),
        (cells::PERS, Per::ALL.iter().map(|v| v.as_str()).collect()),
        (cells::STATUSES, CommitmentStatus::ALL.iter().map(|v| v.as_str()).collect()),
    ];
    for (names, all) in lists {
        let dutch: Vec<&str> = all.iter().map(|name| cells::dutch_name(names, name)).collect();
        let formula = format!("<formula1>\"{}\"</formula1>", dutch.join(","));
        assert!(sheets_xml.contains(&formula), "a list {formula}");
    }
    assert!(sheets_xml.contains("<formula1>\"ja,nee\"</formula1>"));
    let mut units: Vec<String> = Vec::new();
    for kind in Kind::ALL {
        let unit = kind.default_unit().as_str().to_owned();
        if !units.contains(&unit) {
            units.push(unit);
        }
    }
    assert!(sheets_xml.contains(&format!("<formula1>\"{}\"</formula1>", units.join(","))), "the units {units:?}");
    assert!(sheets_xml.contains("<pane ySplit=\"1\" topLeftCell=\"A2\""), "the header row is frozen");
}

/// The XML of every worksheet in the workbook, one after the other.
fn worksheets_xml(bytes: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut xml = String::new();
    for at in 0..archive.len() {
        let mut file = archive.by_index(at).expect("a file");
        if file.name().is_ok_and(|name| name.starts_with("xl/worksheets/sheet")) {
            file.read_to_string(&mut xml).expect("XML text");
        }
    }
    xml
}

#[test]
fn the_template_has_one_example_row_per_sheet_and_imports() {
    let bytes = workbook_template(&config());
    let mut workbook = open(&bytes);
    for sheet in sheets::SHEETS {
        let range = workbook.worksheet_range(sheet.name).unwrap();
        assert_eq!(range.height(), 2, "{}: a header and one example", sheet.name);
    }
    let import = import_workbook(None, "sjabloon.xlsx", &bytes);
    assert_eq!(import.problems, Vec::new());
    let example = import.dataset.expect("the template imports");
    assert_eq!(example, Dataset::from_json_strict(include_str!("template.json")).unwrap());
}

#[test]
fn the_same_dataset_gives_the_same_bytes() {
    assert_eq!(export(&demo()), export(&demo()));
}

#[test]
fn awkward_texts_round_trip() {
    let mut dataset = demo();
    let nl = Lang::new("nl").unwrap();
    let texts = [
        "=HYPERLINK(\"http://evil\")",
        "'=al bewaakt",
        "_x0041_ is geen A",
        "Straße, café & \"aanhalingstekens\" <b>",
        "مرحبا بالجيران",
        "Привіт, сусіди",
        "👩‍🌾 tuin",
        "-5",
        "1.234",
        "regel één\nregel twee",
    ];
    for (initiative, text) in dataset.initiatives.iter_mut().zip(texts) {
        initiative.title.set(&nl, text, &nl);
    }
    dataset.municipality.name = "'s-Hertogenbosch".into();
    dataset.initiatives[0].needs[0].amount = Some(0.1 + 0.2);
    check_round_trip(&dataset);
}

#[test]
fn an_overlong_cell_is_named_not_cut() {
    let mut dataset = demo();
    dataset.initiatives[1].title = Text::plain("x".repeat(40_000));
    let error = export_workbook(&dataset, &config()).expect_err("too long for Excel");
    assert_eq!(error.problems().len(), 1);
    assert!(error.problems()[0].starts_with("initiatieven, row 3, column titel"), "{error}");
}

#[cfg(feature = "synth")]
mod synthetic {
    use super::*;
    use crate::synth::{SynthConfig, generate};

    /// Adds texts in `extra` languages to the municipality's languages and to initiatives'
    /// titles and summaries, and to themes' names.
    fn in_languages(mut dataset: Dataset, extra: &[(&str, String)]) -> Dataset {
        let first = dataset.municipality.languages.first().cloned().unwrap_or_else(|| Lang::new("nl").unwrap());
        for (code, _) in extra {
            let lang = Lang::new(code).unwrap();
            if !dataset.municipality.languages.contains(&lang) {
                dataset.municipality.languages.push(lang);
            }
        }
        for (at, initiative) in dataset.initiatives.iter_mut().enumerate() {
            let (code, text) = &extra[at % extra.len()];
            let lang = Lang::new(code).unwrap();
            initiative.title.set(&lang, text, &first);
            let mut summary = initiative.summary.take().unwrap_or_else(|| Text::plain("samen"));
            summary.set(&lang, format!("{text} ({at})"), &first);
            initiative.summary = Some(summary);
        }
        for (at, theme) in dataset.themes.iter_mut().enumerate() {
            let (code, text) = &extra[(at + 1) % extra.len()];
            theme.name.set(&Lang::new(code).unwrap(), text, &first);
        }
        dataset
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
        #[test]
        fn generated_datasets_in_several_languages_round_trip(
            seed in any::<u64>(),
            initiatives in 0usize..20,
            partners in 0usize..20,
            areas in 0usize..12,
            translated in any::<bool>(),
            matching in any::<bool>(),
            conditions in any::<bool>(),
            arabic in "[\u{0621}-\u{064A}][\u{0621}-\u{064A} ]{0,20}",
            polish in "[a-zA-ZąćęłńóśźżĄĆĘŁŃÓŚŹŻ][a-zA-ZąćęłńóśźżĄĆĘŁŃÓŚŹŻ ,.!?-]{0,30}",
            ukrainian in "[\u{0410}-\u{044F}][\u{0410}-\u{044F}і ]{0,20}",
            turkish in "[a-zçğıöşüÇĞİÖŞÜ][a-zçğıöşüÇĞİÖŞÜ '=+@_x0-9]{0,30}",
        ) {
            let config = SynthConfig {
                seed, initiatives, partners, areas, translated, matching, conditions,
                commitments: initiatives, ..SynthConfig::small(seed)
            };
            let extra = [("ar", arabic), ("pl", polish), ("uk", ukrainian), ("tr", turkish)];
            check_round_trip(&in_languages(generate(&config), &extra));
        }

        /// Nothing from outside panics: random bytes, and a real workbook with bytes changed.
        #[test]
        fn the_import_never_panics(
            bytes in proptest::collection::vec(any::<u8>(), 0..400),
            flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        ) {
            let _ = import_workbook(None, "x.xlsx", &bytes);
            let mut real = workbook_template(&config());
            for (at, byte) in flips {
                let at = at.index(real.len());
                real[at] = byte;
            }
            let _ = import_workbook(None, "x.xlsx", &real);
        }
    }
}
