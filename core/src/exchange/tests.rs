//! Tests of the exchange formats: imports of what Excel writes, problems with their places, and round trips of every export.

use proptest::prelude::*;

use super::*;
use crate::date::DateValue;

const DEMO: &str = include_str!("../../demo/initiatieven.json");
const MUNICIPALITY: &str = "naam;talen\r\nGemeente Voorbeeld;nl, en\r\n";

fn sheet(name: &str, bytes: &[u8]) -> Sheet {
    Sheet { name: name.to_owned(), bytes: bytes.to_vec() }
}

fn demo() -> Dataset {
    Dataset::from_json_strict(DEMO).expect("the demo data is valid")
}

/// Imports `sheets` after a minimal `gemeente.csv` and compares the problems as displayed.
fn check(sheets: &[(&str, &[u8])], expected: &[&str]) -> Import {
    let mut all = vec![sheet("gemeente.csv", MUNICIPALITY.as_bytes())];
    all.extend(sheets.iter().map(|(name, bytes)| sheet(name, bytes)));
    let import = import_sheets(None, &all);
    let problems: Vec<String> = import.problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems, expected, "{sheets:?}");
    assert_eq!(import.dataset.is_some(), !import.problems.iter().any(ImportProblem::is_error));
    import
}

fn dataset(import: &Import) -> &Dataset {
    import.dataset.as_ref().expect("a dataset")
}

#[test]
fn semicolons_decimal_commas_and_dutch_enum_names() {
    let import = check(
        &[
            ("initiatieven.csv", b"id;titel_nl;titel_en;fase;themas\r\nmoestuin;Moestuin;Garden;idee;\r\n"),
            (
                "behoeften.csv",
                b"initiatief;id;soort;hoeveelheid;verplicht\r\nmoestuin;geld;geld;1.234,50;ja\r\nmoestuin;uren;vrijwilligers;12,5;nee\r\nmoestuin;plek;ruimte;1234.5;\r\n",
            ),
        ],
        &[],
    );
    let initiative = &dataset(&import).initiatives[0];
    assert_eq!(initiative.title.resolve(&["en"]), "Garden");
    assert_eq!(initiative.stage, crate::Stage::Idea);
    let amounts: Vec<Option<f64>> = initiative.needs.iter().map(|need| need.amount).collect();
    assert_eq!(amounts, [Some(1234.5), Some(12.5), Some(1234.5)]);
    assert_eq!(initiative.needs[1].unit.as_str(), "hours");
    assert!(!initiative.needs[1].required);
    assert!(initiative.needs[2].required, "an empty cell keeps the default");
}

#[test]
fn english_names_commas_and_tabs() {
    let import = check(
        &[("initiatives.csv", b"id,title,stage,themes\nmoestuin,Garden,idea,\"a, b\"\n")],
        &[
            "initiatives.csv, row 2, column themes: unknown theme \"a\"",
            "initiatives.csv, row 2, column themes: unknown theme \"b\"",
        ],
    );
    assert!(import.dataset.is_none());
    check(&[("initiatieven.csv", b"id\ttitel\tfase\r\nmoestuin\tMoestuin\tlopend\r\n\r\n\r\n")], &[]);
}

#[test]
fn byte_order_mark_and_windows_1252() {
    let import = check(&[("themas.csv", b"\xEF\xBB\xBFid;naam\r\ncafe;Caf\xC3\xA9\r\n")], &[]);
    assert_eq!(dataset(&import).themes[0].name.resolve(&[]), "Café");
    let import = check(&[("themas.csv", b"id;naam\r\ngeld;\x80 5 \x93mooi\x94 caf\xE9\r\n")], &[]);
    assert_eq!(dataset(&import).themes[0].name.resolve(&[]), "€ 5 “mooi” café");
}

#[test]
fn quoted_newlines_and_doubled_quotes() {
    let import = check(
        &[(
            "initiatieven.csv",
            b"id;titel;samenvatting;fase\r\nfeest;\"Het \"\"grote\"\" feest\";\"Regel een;\r\nregel twee\";idee\r\nmarkt;Markt;;idee\r\n",
        )],
        &[],
    );
    let dataset = dataset(&import);
    assert_eq!(dataset.initiatives[0].title.resolve(&[]), "Het \"grote\" feest");
    assert_eq!(dataset.initiatives[0].summary.as_ref().unwrap().resolve(&[]), "Regel een;\r\nregel twee");
    assert_eq!(dataset.initiatives[1].summary, None);
}

#[test]
fn bad_rows_are_reported_with_their_rows_and_columns() {
    check(
        &[
            (
                "initiatieven.csv",
                b"id;titel;fase;gebied\r\na;A;idee;\r\nb;B;dansen;\r\n\"c\r\n\";C;idee;\r\nd;;idee;nergens\r\na;A2;idee;\r\n",
            ),
            ("behoeften.csv", b"initiatief;id;soort;hoeveelheid\r\na;x;geld;veel\r\na;y;geld;-5\r\nzz;z;geld;1\r\n"),
        ],
        &[
            "initiatieven.csv, row 3, column fase: \"dansen\" is not one of idee (idea), gepitcht (pitched), opstart (starting), lopend (running), afgerond (completed), gepauzeerd (paused)",
            "behoeften.csv, row 2, column hoeveelheid: \"veel\" is not a number such as 1234,50",
            "behoeften.csv, row 4, column initiatief: there is no initiatief with id \"zz\" in initiatieven.csv",
            "behoeften.csv, row 3, column hoeveelheid: must be ≥ 0, not -5",
            "initiatieven.csv, row 5, column titel: is required",
            "initiatieven.csv, row 6, column id: duplicate id \"a\"; the first is at initiatives[0]",
        ],
    );
}

#[test]
fn unknown_and_missing_columns_are_reported_once_per_file() {
    check(
        &[
            ("initiatieven.csv", b"id;titell;x-notitie;kleur\r\na;A;mijn notitie;rood\r\nb;B;;\r\n"),
            ("partners.csv", b"id;naam\r\np;P\r\n"),
            ("aanbod.csv", b"id;soort\r\nzaal;ruimte\r\n"),
            ("behoeften.csv", b"initiatief;id;soort\r\n;geld;geld\r\n"),
        ],
        &[
            "initiatieven.csv, row 1, column titell: unknown column (did you mean \"titel\"?); this sheet has id, titel, samenvatting, beschrijving, themas, gebied, lat, lon, adres, fase, initiatiefnemers, doelgroep, start, eind, editie, bijgewerkt",
            "initiatieven.csv, row 1, column kleur: unknown column; this sheet has id, titel, samenvatting, beschrijving, themas, gebied, lat, lon, adres, fase, initiatiefnemers, doelgroep, start, eind, editie, bijgewerkt",
            "initiatieven.csv, column titel: the required column is missing (or titel_nl, titel_en, …)",
            "initiatieven.csv, column fase: the required column is missing",
            "partners.csv, column sector: the required column is missing",
            "aanbod.csv, column partner: the required column is missing",
            "behoeften.csv, row 2, column initiatief: is required",
        ],
    );
}

#[test]
fn offer_conditions_and_times_in_dutch_or_english() {
    const PARTNERS: &[u8] = b"id;naam;sector\r\nfonds;Fonds;stichting\r\nbuurthuis;Buurthuis;instelling\r\n";
    const AREAS: &[u8] = b"id;naam;ouder\r\nnoord;Noord;\r\nbloemhof;Bloemhof;noord\r\n";
    let import = check(
        &[
            ("gebieden.csv", AREAS),
            ("themas.csv", b"id;naam\r\ngroen;Groen\r\n"),
            ("partners.csv", PARTNERS),
            (
                "aanbod.csv",
                "partner;id;soort;voorwaarden;alleen_gebieden;alleen_themas;alleen_fases;alleen_initiatiefnemers;min_hoeveelheid;max_hoeveelheid;dagen;dagdelen\r\n\
                 fonds;geld;geld;Alleen met een school, tot € 750;bloemhof;groen;idee, opstart;instelling;100;750;;\r\n\
                 buurthuis;zaal;ruimte;Niet op vrijdag en zaterdag;;;;;;;ma, di, woensdag, donderdag, Zondag;avond\r\n"
                    .as_bytes(),
            ),
            (
                "behoeften.csv",
                b"initiative;id;kind;weekdays;dayparts\r\nfeest;zaal;space;saturday;evening, Afternoon\r\n",
            ),
            ("initiatieven.csv", b"id;titel;fase\r\nfeest;Feest;idee\r\n"),
        ],
        &[],
    );
    let dataset = dataset(&import);
    let (fund, room) = (&dataset.partners[0].offers[0], &dataset.partners[1].offers[0]);
    let ids = |ids: Vec<&str>| ids.join(" ");
    assert_eq!(ids(fund.only_areas.iter().map(|id| id.as_str()).collect()), "bloemhof");
    assert_eq!(ids(fund.only_themes.iter().map(|id| id.as_str()).collect()), "groen");
    assert_eq!(fund.only_stages, [crate::Stage::Idea, crate::Stage::Starting]);
    assert_eq!(fund.only_initiators, [crate::Sector::Institution]);
    assert_eq!((fund.min_amount, fund.max_amount), (Some(100.0), Some(750.0)));
    use crate::Weekday::*;
    assert_eq!(room.weekdays, [Monday, Tuesday, Wednesday, Thursday, Sunday]);
    assert_eq!(room.dayparts, [crate::Daypart::Evening]);
    let need = &dataset.initiatives[0].needs[0];
    assert_eq!(
        (need.weekdays.as_slice(), need.dayparts.as_slice()),
        (&[Saturday][..], &[crate::Daypart::Evening, crate::Daypart::Afternoon][..])
    );
    check_round_trip(dataset);
    // A bad value is named by its sheet, row and column, as the check names its path.
    check(
        &[
            ("gebieden.csv", AREAS),
            ("partners.csv", PARTNERS),
            (
                "aanbod.csv",
                b"partner;id;soort;alleen_gebieden;min_hoeveelheid;max_hoeveelheid;dagen;dagdelen\r\n\
                  buurthuis;a;geld;zuid;;;;\r\nfonds;b;geld;;500;100;;\r\nfonds;c;geld;;;;zaterdag, feestdag;\r\nfonds;d;geld;;;;;nacht\r\n",
            ),
        ],
        &[
            "aanbod.csv, row 4, column dagen: \"feestdag\" is not one of maandag (monday), dinsdag (tuesday), woensdag (wednesday), donderdag (thursday), vrijdag (friday), zaterdag (saturday), zondag (sunday)",
            "aanbod.csv, row 5, column dagdelen: \"nacht\" is not one of ochtend (morning), middag (afternoon), avond (evening)",
            "aanbod.csv, row 3, column max_hoeveelheid: must be ≥ min_amount (500), not 100",
            "aanbod.csv, row 2, column alleen_gebieden: unknown area \"zuid\"",
        ],
    );
}

#[test]
fn sheet_level_problems() {
    let import = import_sheets(
        None,
        &[
            sheet("initiatieven.csv", b"id;titel;fase\r\na;A;idee\r\n"),
            sheet("rommel.csv", b"a;b\r\n"),
            sheet("Initiatives.csv", b"id;titel;fase\r\n"),
            sheet("themas.csv", b""),
            sheet("edities.csv", b"id;titel;start\r\ne;E;\"2026-01-01\r\n"),
        ],
    );
    let problems: Vec<String> = import.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            "rommel.csv: unknown sheet; expected one of gemeente.csv, gebieden.csv, themas.csv, vaardigheden.csv, initiatieven.csv, behoeften.csv, links.csv, partners.csv, aanbod.csv, afspraken.csv, edities.csv, regels.csv, principes.csv",
            "Initiatives.csv: the same sheet as initiatieven.csv; give each sheet once",
            "themas.csv: the file is empty; its first row must name the columns",
            "edities.csv, row 2: a quoted cell is not closed: a \" is missing",
            "municipality: is required: give gemeente.csv (the municipality) or import into an existing dataset",
        ]
    );
}

#[test]
fn dutch_excel_dates_lists_and_initiators() {
    let import = check(
        &[
            (
                "initiatieven.csv",
                b"id;titel;fase;start;initiatiefnemers;doelgroep\r\na;A;idee;1-6-2026;\"\"\"Jansen, P.\"\" (bewoner), Buurthuis (stichting), Wij ()\";ouderen, jongeren\r\n",
            ),
            ("partners.csv", b"id;naam;sector;gebieden\r\np;P;Bedrijf;alle\r\nq;Q;overheid;geen\r\nr;R;jongeren;\r\n"),
        ],
        &[],
    );
    let dataset = dataset(&import);
    let initiative = &dataset.initiatives[0];
    assert_eq!(initiative.period.unwrap().start.to_string(), "2026-06-01");
    let initiators: Vec<(&str, Option<crate::Sector>)> =
        initiative.initiators.iter().map(|i| (i.name.as_str(), i.sector)).collect();
    assert_eq!(
        initiators,
        [("Jansen, P.", Some(crate::Sector::Resident)), ("Buurthuis", Some(crate::Sector::Foundation)), ("Wij", None)]
    );
    assert_eq!(initiative.audience, ["ouderen", "jongeren"]);
    let coverage: Vec<&crate::Coverage> = dataset.partners.iter().map(|p| &p.areas).collect();
    assert_eq!(coverage, [&crate::Coverage::All, &crate::Coverage::Areas(Vec::new()), &crate::Coverage::All]);
}

#[test]
fn an_ambiguous_thousands_point_is_a_warning() {
    let import = check(
        &[
            ("behoeften.csv", b"initiatief;id;soort;hoeveelheid\r\na;b;geld;1.500\r\n"),
            ("initiatieven.csv", b"id;titel;fase\r\na;A;idee\r\n"),
        ],
        &[
            "warning: behoeften.csv, row 2, column hoeveelheid: \"1.500\" is read with a decimal point, as 1,5; for a thousand and more write it without the point or with a decimal comma",
        ],
    );
    assert_eq!(dataset(&import).initiatives[0].needs[0].amount, Some(1.5));
}

#[test]
fn a_base_keeps_what_the_sheets_do_not_give() {
    let base = demo();
    // Only the initiatives sheet: needs, links and everything else come from the base.
    let sheets = export_sheets(&base);
    let initiatives: Vec<Sheet> = sheets.iter().filter(|s| s.name == "initiatieven.csv").cloned().collect();
    let import = import_sheets(Some(&base), &initiatives);
    assert_eq!(import.problems, []);
    assert_eq!(import.dataset.as_ref(), Some(&base));
    // A needs sheet alone replaces the needs.
    let needs = sheet("behoeften.csv", b"initiatief;id;soort\r\nmoestuin-de-vlier;alleen;geld\r\n");
    let import = import_sheets(Some(&base), &[needs]);
    let problems: Vec<String> = import.problems.iter().map(ToString::to_string).collect();
    assert!(
        problems.iter().all(|p| p.contains("commitments[")),
        "only commitments to removed needs fail: {problems:?}"
    );
    assert!(!problems.is_empty());
}

#[test]
fn problems_in_records_from_the_base_name_their_path() {
    let base = demo();
    let commitments =
        sheet("afspraken.csv", b"id;initiatief;partner;status\r\nx;moestuin-de-vlier;niemand;voorgesteld\r\n");
    let import = import_sheets(Some(&base), &[commitments]);
    let problems: Vec<String> = import.problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems, ["afspraken.csv, row 2, column partner: unknown partner \"niemand\""]);
}

fn check_round_trip(dataset: &Dataset) {
    let sheets = export_sheets(dataset);
    for sheet in &sheets {
        assert!(sheet.bytes.starts_with(b"\xEF\xBB\xBF"), "{} has a BOM", sheet.name);
        let text = std::str::from_utf8(&sheet.bytes).unwrap();
        assert!(!text.replace("\r\n", "").contains('\n') || text.contains('"'), "{}: CRLF line ends", sheet.name);
    }
    let import = import_sheets(None, &sheets);
    let errors: Vec<String> = import.problems.iter().filter(|p| p.is_error()).map(ToString::to_string).collect();
    assert_eq!(errors, Vec::<String>::new());
    assert!(import.dataset.as_ref() == Some(dataset), "the sheets read back as a different dataset");
    let json = export_json(dataset);
    assert_eq!(Dataset::from_json_strict(&json).as_ref(), Ok(dataset));
}

#[test]
fn translations_in_any_column_order_come_back_in_one_order() {
    // Two sheets write their languages in other orders, and some are not the municipality's
    // (nl, en): a sheet has one column order for all its rows, so the translations of every
    // text are put in one order, the municipality's languages first, then the others
    // alphabetically, and an export imports back as the same dataset.
    let import = check(
        &[
            ("themas.csv", b"id;naam_fr;naam_en;naam_de\r\nt1;Jardin;Garden;Garten\r\nt2;;Play;\r\n"),
            ("vaardigheden.csv", b"id;naam_de;naam_nl\r\ns1;Kochen;Koken\r\n"),
        ],
        &[
            "warning: themas.csv, row 2, column naam_fr: language \"fr\" is not among the municipality's languages",
            "warning: themas.csv, row 2, column naam_de: language \"de\" is not among the municipality's languages",
            "warning: vaardigheden.csv, row 2, column naam_de: language \"de\" is not among the municipality's languages",
        ],
    );
    let dataset = dataset(&import);
    let langs = |text: &crate::Text| -> Vec<String> {
        text.translations().map(|(lang, _)| lang.map_or_else(String::new, ToString::to_string)).collect()
    };
    assert_eq!(langs(&dataset.themes[0].name), ["en", "de", "fr"]);
    assert_eq!(langs(&dataset.themes[1].name), ["en"]);
    assert_eq!(langs(&dataset.skills[0].name), ["nl", "de"]);
    // Which the fallback of `resolve` shows: the first.
    assert_eq!(dataset.themes[0].name.resolve(&["fy"]), "Garden");
    check_round_trip(dataset);
    // The JSON loader puts them in the same order, whatever order the file gives.
    let json = r#"{"schema": "verschilmaker/1", "municipality": {"name": "G", "languages": ["nl", "en"]},
        "themes": [{"id": "t1", "name": {"fr": "Jardin", "de": "Garten", "en": "Garden"}}]}"#;
    let loaded = Dataset::from_json_lenient(json).expect("loads").dataset;
    assert_eq!(loaded.themes[0].name, dataset.themes[0].name);
}

#[test]
fn the_demo_data_round_trips_through_every_sheet_and_json() {
    check_round_trip(&demo());
}

#[test]
fn exported_sheets_look_like_what_excel_writes() {
    let sheets = export_sheets(&demo());
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "gemeente.csv",
            "gebieden.csv",
            "themas.csv",
            "vaardigheden.csv",
            "initiatieven.csv",
            "behoeften.csv",
            "links.csv",
            "partners.csv",
            "aanbod.csv",
            "afspraken.csv",
            "edities.csv",
            "regels.csv",
            "principes.csv",
        ]
    );
    let needs = std::str::from_utf8(&sheets[5].bytes).unwrap();
    let mut lines = needs.split("\r\n");
    assert_eq!(
        lines.next(),
        Some(
            "\u{FEFF}initiatief;id;soort;omschrijving_nl;omschrijving_en;hoeveelheid;eenheid;vaardigheden;start;eind;verplicht;dagen;dagdelen"
        )
    );
    assert_eq!(
        lines.next(),
        Some(
            "moestuin-de-vlier;handen;vrijwilligers;Vaste tuinploeg op zaterdagochtend;A regular garden crew on Saturday mornings;120;hours;tuinieren;2026-03-01;2027-10-31;ja;zaterdag;ochtend"
        )
    );
}

#[test]
fn exported_text_that_looks_like_a_formula_is_guarded() {
    let mut dataset = demo();
    dataset.initiatives[0].title = crate::Text::plain("=HYPERLINK(\"http://evil\")");
    let sheets = export_sheets(&dataset);
    let text = std::str::from_utf8(&sheets[4].bytes).unwrap();
    assert!(text.contains(";\"'=HYPERLINK(\"\"http://evil\"\")\";"), "{text}");
    check_round_trip(&dataset);
}

#[test]
fn awkward_values_round_trip() {
    let mut dataset = demo();
    let initiative = &mut dataset.initiatives[0];
    initiative.initiators = vec![
        crate::Initiator { name: "Jansen, P.".into(), sector: None },
        crate::Initiator { name: "Groep (bewoner)".into(), sector: None },
        crate::Initiator { name: "Groep, Noord (bewoner)".into(), sector: Some(crate::Sector::Business) },
        crate::Initiator { name: "\"Wij\" ()".into(), sector: Some(crate::Sector::Youth) },
    ];
    initiative.audience = vec!["a, b".into(), "\"c\"".into()];
    initiative.needs[0].amount = Some(0.1 + 0.2);
    dataset.partners[0].areas = crate::Coverage::Areas(Vec::new());
    dataset.partners[1].areas = crate::Coverage::Areas(vec![crate::AreaId::new("noord").unwrap()]);
    dataset.municipality.name = "'s-Hertogenbosch".into();
    check_round_trip(&dataset);
}

#[cfg(feature = "synth")]
mod synthetic {
    use super::*;
    use crate::synth::{SynthConfig, generate};

    #[test]
    fn presets_round_trip() {
        check_round_trip(&generate(&SynthConfig::default()));
        check_round_trip(&generate(&SynthConfig {
            matching: true,
            translated: false,
            skills: 0,
            ..SynthConfig::small(7)
        }));
        check_round_trip(&generate(&SynthConfig { conditions: true, ..SynthConfig::small(8) }));
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
        #[test]
        fn generated_datasets_round_trip_through_the_sheets(
            seed in any::<u64>(),
            initiatives in 0usize..25,
            partners in 0usize..25,
            areas in 0usize..15,
            translated in any::<bool>(),
            matching in any::<bool>(),
            conditions in any::<bool>(),
        ) {
            let config = SynthConfig {
                seed, initiatives, partners, areas, translated, matching, conditions,
                commitments: initiatives, ..SynthConfig::small(seed)
            };
            check_round_trip(&generate(&config));
        }
    }

    /// A large import round-trips, and prints how long it took beside a JSON load of the same
    /// data (a measurement, not a timed assertion). 2 000 initiatives keep the debug-build test
    /// quick; set VERSCHILMAKER_IMPORT_SIZE=10000 (with --release) for the figure in the notes.
    #[test]
    fn large_import_round_trips() {
        let size = std::env::var("VERSCHILMAKER_IMPORT_SIZE").ok().and_then(|n| n.parse().ok()).unwrap_or(2_000);
        let dataset = generate(&SynthConfig::with_initiatives(1, size));
        let export_start = std::time::Instant::now();
        let sheets = export_sheets(&dataset);
        let export_time = export_start.elapsed();
        let bytes: usize = sheets.iter().map(|s| s.bytes.len()).sum();
        let start = std::time::Instant::now();
        let import = import_sheets(None, &sheets);
        let import_time = start.elapsed();
        assert!(import.dataset.as_ref() == Some(&dataset));
        // The baseline, measured in the same run: loading the same dataset from its JSON file.
        let json = export_json(&dataset);
        let start = std::time::Instant::now();
        let loaded = Dataset::from_json_strict(&json);
        let json_time = start.elapsed();
        assert!(loaded.as_ref() == Ok(&dataset));
        println!(
            "{} initiatives, {} needs, {} partners: {} KB of CSV in {} sheets exported in {} ms; \
             imported in {} ms, against {} ms to load the same dataset from {} KB of JSON",
            dataset.initiatives.len(),
            dataset.initiatives.iter().map(|i| i.needs.len()).sum::<usize>(),
            dataset.partners.len(),
            bytes / 1024,
            sheets.len(),
            export_time.as_millis(),
            import_time.as_millis(),
            json_time.as_millis(),
            json.len() / 1024,
        );
    }
}

/// Parses an iCalendar text back: checks CRLF and the 75-octet limit, unfolds, and returns the
/// content lines as (name with parameters, value).
fn parse_icalendar(text: &str) -> Vec<(String, String)> {
    assert!(text.ends_with("\r\n"));
    let physical: Vec<&str> = text.split_terminator("\r\n").collect();
    let mut lines: Vec<String> = Vec::new();
    for line in physical {
        assert!(!line.contains(['\r', '\n']), "a bare line break in {line:?}");
        assert!(line.len() <= 75, "longer than 75 octets: {line:?}");
        match line.strip_prefix(' ') {
            Some(rest) => lines.last_mut().expect("a continuation follows a line").push_str(rest),
            None => lines.push(line.to_owned()),
        }
    }
    lines
        .into_iter()
        .map(|line| {
            let (name, value) = line.split_once(':').expect("name:value");
            (name.to_owned(), value.to_owned())
        })
        .collect()
}

fn unescape(value: &str) -> String {
    value.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\")
}

#[test]
fn the_pitch_agenda_as_icalendar() {
    let mut dataset = demo();
    dataset.editions[1].title = crate::Text::plain(
        "Pitch; with, \\ escapes and a very long title that has to be folded somewhere — ëëëëëëëëëë",
    );
    dataset.editions.push(crate::Edition {
        id: crate::EditionId::new("zomer").unwrap(),
        title: crate::Text::plain("Zomer"),
        start: DateValue::parse("2026-07-01").unwrap(),
        end: Some(DateValue::parse("2026-07-03").unwrap()),
        venue: None,
        initiatives: Vec::new(),
        url: None,
    });
    let now = DateValue::parse("2026-11-29T13:00:00+01:00").unwrap();
    let text = export_icalendar(&dataset, &CalendarConfig { now, languages: &["en"] });
    let lines = parse_icalendar(&text);
    let get = |name: &str| lines.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str()).collect::<Vec<_>>();
    assert_eq!(lines.first().map(|(n, v)| (n.as_str(), v.as_str())), Some(("BEGIN", "VCALENDAR")));
    assert_eq!(get("PRODID"), ["-//Verschilmaker//Pitch agenda//NL"]);
    assert_eq!(get("BEGIN").len(), 4);
    assert_eq!(
        get("UID"),
        [
            "edition-pitchavond-2026-voorjaar.gm9999@verschilmaker",
            "edition-pitchavond-2026-winter.gm9999@verschilmaker",
            "edition-zomer.gm9999@verschilmaker",
        ]
    );
    assert_eq!(get("DTSTAMP"), ["20261129T120000Z"; 3]);
    assert_eq!(get("DTSTART"), ["20260521T173000Z", "20261210T183000Z"]);
    assert_eq!(get("DTEND"), ["20260521T203000Z", "20261210T210000Z"]);
    assert_eq!(get("DTSTART;VALUE=DATE"), ["20260701"]);
    assert_eq!(get("DTEND;VALUE=DATE"), ["20260704"]);
    let summaries: Vec<String> = get("SUMMARY").into_iter().map(unescape).collect();
    assert_eq!(summaries[0], "Verschilstad pitch night #4");
    assert_eq!(
        summaries[1],
        "Pitch; with, \\ escapes and a very long title that has to be folded somewhere — ëëëëëëëëëë"
    );
    assert_eq!(unescape(get("LOCATION")[0]), "Stadstheater Verschilstad, kleine zaal");
    let description = unescape(get("DESCRIPTION")[0]);
    assert!(description.starts_with("Pitches:\n- "), "{description}");
    assert_eq!(description.lines().count(), 1 + dataset.editions[0].initiatives.len());
    assert_eq!(
        get("URL"),
        ["https://www.verschilstad.example/pitchavond/4", "https://www.verschilstad.example/pitchavond/5"]
    );
}

#[test]
fn the_initiatives_as_json_ld() {
    let dataset = demo();
    let text =
        export_json_ld(&dataset, &JsonLdConfig { page_url: Some("https://www.verschilstad.example/initiatieven") });
    let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(value["@context"], "https://schema.org");
    let graph = value["@graph"].as_array().expect("a graph");
    assert_eq!(graph.len(), dataset.initiatives.len());
    let garden = &graph[0];
    assert_eq!(garden["@type"], "Project");
    assert_eq!(garden["@id"], "https://www.verschilstad.example/initiatieven#initiatief-moestuin-de-vlier");
    assert_eq!(garden["name"][1], serde_json::json!({"@value": "Community garden De Vlier", "@language": "en"}));
    assert_eq!(garden["areaServed"]["@type"], "Place");
    assert_eq!(garden["location"]["geo"]["latitude"], 51.70127);
    assert_eq!(garden["founder"][0]["@type"], "Person");
    assert!(graph.iter().any(|item| item.get("funder").is_some()), "some initiative has an agreed funder");
    assert!(graph.iter().any(|item| item.get("sponsor").is_some()));
}

/// Found by the `import_sheets` fuzz target: a column named with a control character was shown
/// raw in the problem. File and column names come from the user's files, as cell values do.
#[test]
fn file_and_column_names_with_hidden_characters_are_shown_escaped() {
    check(
        &[("initiatieven.csv", b"id;titel;fase;\x03email\r\nm;M;idee;x\r\n")],
        &["initiatieven.csv, row 1, column \"\\u{3}email\": unknown column; this sheet has \
           id, titel, samenvatting, beschrijving, themas, gebied, lat, lon, adres, fase, initiatiefnemers, doelgroep, \
           start, eind, editie, bijgewerkt"],
    );
    let sheets = [sheet("gemeente.csv", MUNICIPALITY.as_bytes()), sheet("themas\u{202e}.csv", b"id;naam\r\n")];
    let shown: Vec<String> = import_sheets(None, &sheets).problems.iter().map(ToString::to_string).collect();
    assert!(shown[0].starts_with("\"themas\\u{202e}.csv\": unknown sheet"), "{shown:?}");
    let sheets = [
        sheet("gemeente.csv", MUNICIPALITY.as_bytes()),
        sheet("a\u{202e}/themas.csv", b"id;naam\r\nx;X\r\n"),
        sheet("themas.csv", b"id;naam\r\n"),
    ];
    let shown: Vec<String> = import_sheets(None, &sheets).problems.iter().map(ToString::to_string).collect();
    assert!(shown.iter().any(|s| s.contains("the same sheet as \"a\\u{202e}/themas.csv\"")), "{shown:?}");
    // Found next: the cut after 60 characters took three bytes away and the `…` added three, so
    // the length was as if nothing had been escaped, and the name was shown raw.
    let name = format!("{}ab\r", "x".repeat(60));
    let shown = import_sheets(None, &[sheet(&name, b"")]).problems[0].to_string();
    assert!(shown.starts_with(&format!("\"{}…\": unknown sheet", "x".repeat(60))), "{shown:?}");
}

proptest! {
    #[test]
    fn the_import_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400), kind in 0usize..13) {
        let name = format!("{}.csv", ["gemeente", "gebieden", "themas", "vaardigheden", "initiatieven", "behoeften",
            "links", "partners", "aanbod", "afspraken", "edities", "regels", "principes"][kind]);
        let _ = import_sheets(None, &[sheet(&name, &bytes)]);
        let _ = import_sheets(Some(&demo()), &[sheet(&name, &bytes)]);
    }

    #[test]
    fn the_import_never_panics_on_rows_under_a_real_header(
        rows in proptest::collection::vec("[a-z0-9;,\"'=\\-. \r\n()€é]{0,60}", 0..8),
        kind in 0usize..13,
    ) {
        let dataset = demo();
        let sheets = export_sheets(&dataset);
        let header = std::str::from_utf8(&sheets[kind].bytes).unwrap().split("\r\n").next().unwrap().to_owned();
        let text = format!("{header}\r\n{}", rows.join("\r\n"));
        let _ = import_sheets(Some(&dataset), &[sheet(&sheets[kind].name, text.as_bytes())]);
    }
}

#[test]
fn a_workbook_as_dutch_excel_saves_it() {
    // gemeente, themas and initiatieven are Windows-1252 (what "CSV (gescheiden door
    // lijstscheidingsteken)" writes); behoeften is UTF-8 with BOM ("CSV UTF-8").
    let fixture = |name: &str, bytes: &[u8]| sheet(&format!("excel-nl/{name}"), bytes);
    let sheets = [
        fixture("gemeente.csv", include_bytes!("../../testdata/excel-nl/gemeente.csv")),
        fixture("themas.csv", include_bytes!("../../testdata/excel-nl/themas.csv")),
        fixture("initiatieven.csv", include_bytes!("../../testdata/excel-nl/initiatieven.csv")),
        fixture("behoeften.csv", include_bytes!("../../testdata/excel-nl/behoeften.csv")),
    ];
    let import = import_sheets(None, &sheets);
    assert_eq!(import.problems, []);
    let dataset = dataset(&import);
    assert_eq!(dataset.themes[1].name.resolve(&["nl"]), "Cultuur & café");
    let [garden, festival] = &dataset.initiatives[..] else { panic!("two initiatives") };
    assert_eq!(garden.title.resolve(&["nl"]), "Buurtmoestuin „De Vlier”");
    assert_eq!(
        garden.summary.as_ref().unwrap().resolve(&["nl"]),
        "Samen groente kweken – ook voor \"ouderen\";\r\nmet bakken op tafelhoogte"
    );
    assert_eq!(garden.period.unwrap().start.to_string(), "2025-04-01");
    assert_eq!(festival.summary.as_ref().unwrap().resolve(&[]), "Muziek, eten € 5 entree…");
    assert_eq!(festival.initiators[0].name, "Stichting Zomer, Noord");
    assert_eq!(festival.needs[0].amount, Some(1234.5));
    assert!(!festival.needs[1].required);
    assert_eq!(festival.needs[1].unit.as_str(), "m2");
}

#[test]
fn json_exports_are_written_as_serde_json_writes_them() {
    let dataset = demo();
    let mut expected = serde_json::to_string_pretty(&dataset).unwrap();
    expected.push('\n');
    assert_eq!(export_json(&dataset), expected);
    let config = JsonLdConfig::default();
    let graph: serde_json::Value = serde_json::from_str(&export_json_ld(&dataset, &config)).unwrap();
    assert_eq!(export_json_ld(&dataset, &config), serde_json::to_string_pretty(&graph).unwrap());
}
