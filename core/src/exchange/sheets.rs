//! The spreadsheet layout: which file holds which collection, and which column holds which field of the dataset format.
//!
//! One table drives both the import and the export, so that they read and write the same columns.

use super::cells::{self, EnumName};

/// What a cell holds, and so how it is read and written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Cell {
    /// A short token: an id, a reference, a code, an address; trimmed.
    Token,
    /// A proper name or free string, kept exactly as written.
    Name,
    /// A human-readable text: a plain column `naam`, or one column per language `naam_nl`.
    Text,
    /// A decimal-comma number.
    Number,
    /// Yes or no.
    Bool,
    /// A date or date-time.
    Date,
    /// A unit token, lowercased.
    Unit,
    /// A comma-separated list of tokens.
    List,
    /// One value of an enumeration, in Dutch or English.
    Enum(&'static [EnumName]),
    /// A comma-separated list of enumeration values.
    EnumList(&'static [EnumName]),
    /// A partner's areas: `alle`, `geen`, or a list of area ids.
    Coverage,
    /// Initiators: a list of `Naam (sector)`.
    Initiators,
    /// A GeoJSON geometry as JSON text.
    Json,
    /// On a sheet of needs, offers or links: the id of the record it belongs to.
    Parent,
}

/// A column: its Dutch name, English aliases, where its value goes in a record of the dataset
/// format (a path such as `location.lat` or `centroid[0]`), and whether it must be present.
#[derive(Clone, Copy, Debug)]
pub(super) struct Column {
    pub(super) name: &'static str,
    pub(super) aliases: &'static [&'static str],
    pub(super) json: &'static str,
    pub(super) cell: Cell,
    pub(super) required: bool,
}

/// Where the records of a sheet go in the dataset.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Target {
    /// The one row of `gemeente.csv`: its column paths start at the document root.
    Root,
    /// A top-level list such as `initiatives`, or `policy.rules`.
    List(&'static [&'static str]),
    /// A list inside the records of another sheet, such as `needs` inside initiatives.
    Child { parent: SheetKind, key: &'static str },
    /// `policy.principles`: each row is one text.
    Principles,
}

/// The sheets, in the order the export writes them and the import assembles them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum SheetKind {
    Municipality,
    Areas,
    Themes,
    Skills,
    Initiatives,
    Needs,
    Links,
    Partners,
    Offers,
    Commitments,
    Editions,
    Rules,
    Principles,
}

/// A sheet: its file name (without `.csv`), the other names it is recognised by, its target and its columns.
#[derive(Debug)]
pub(super) struct Sheet {
    pub(super) kind: SheetKind,
    pub(super) name: &'static str,
    pub(super) aliases: &'static [&'static str],
    pub(super) target: Target,
    pub(super) columns: &'static [Column],
}

const fn col(name: &'static str, aliases: &'static [&'static str], json: &'static str, cell: Cell) -> Column {
    Column { name, aliases, json, cell, required: false }
}

const fn req(name: &'static str, aliases: &'static [&'static str], json: &'static str, cell: Cell) -> Column {
    Column { name, aliases, json, cell, required: true }
}

const ID: Column = req("id", &[], "id", Cell::Token);

macro_rules! contact_columns {
    ($prefix:literal) => {
        [
            col("contact_naam", &["contact_name"], concat!($prefix, "contact.name"), Cell::Name),
            col("contact_email", &["contact_e-mail", "contact_mail"], concat!($prefix, "contact.email"), Cell::Token),
            col("contact_telefoon", &["contact_phone"], concat!($prefix, "contact.phone"), Cell::Name),
            col("contact_url", &["contact_website"], concat!($prefix, "contact.url"), Cell::Token),
        ]
    };
}

const MUNICIPALITY_CONTACT: [Column; 4] = contact_columns!("municipality.");
const CONTACT: [Column; 4] = contact_columns!("");

/// When a need is needed or an offer is available: on needs' and offers' sheets alike.
const WEEKDAYS: Column = col("dagen", &["weekdays"], "weekdays", Cell::EnumList(cells::WEEKDAYS));
const DAYPARTS: Column = col("dagdelen", &["dayparts"], "dayparts", Cell::EnumList(cells::DAYPARTS));

/// Every sheet. Column order is the export's order.
pub(super) static SHEETS: &[Sheet] = &[
    Sheet {
        kind: SheetKind::Municipality,
        name: "gemeente",
        aliases: &["municipality"],
        target: Target::Root,
        columns: &[
            req("naam", &["name"], "municipality.name", Cell::Name),
            col("code", &["cbs_code"], "municipality.code", Cell::Token),
            req("talen", &["languages"], "municipality.languages", Cell::List),
            MUNICIPALITY_CONTACT[0],
            MUNICIPALITY_CONTACT[1],
            MUNICIPALITY_CONTACT[2],
            MUNICIPALITY_CONTACT[3],
            col("gewicht_vaardigheden", &["weight_skills"], "matching.skills", Cell::Number),
            col("gewicht_themas", &["weight_themes"], "matching.themes", Cell::Number),
            col("gewicht_nabijheid", &["weight_proximity"], "matching.proximity", Cell::Number),
            col("gewicht_periode", &["weight_period"], "matching.period", Cell::Number),
            col("gewicht_capaciteit", &["weight_capacity"], "matching.capacity", Cell::Number),
            col("gewicht_diversiteit", &["weight_diversity"], "matching.diversity", Cell::Number),
            col("gewicht_belasting", &["weight_load"], "matching.load", Cell::Number),
            col("gewicht_tekst", &["weight_text"], "matching.text", Cell::Number),
        ],
    },
    Sheet {
        kind: SheetKind::Areas,
        name: "gebieden",
        aliases: &["areas", "wijken"],
        target: Target::List(&["areas"]),
        columns: &[
            ID,
            req("naam", &["name"], "name", Cell::Name),
            col("ouder", &["parent", "wijk"], "parent", Cell::Token),
            col("lat", &["centroid_lat"], "centroid[0]", Cell::Number),
            col("lon", &["centroid_lon"], "centroid[1]", Cell::Number),
            col("postcodes", &[], "postcodes", Cell::List),
            col("grens", &["boundary", "geojson"], "boundary", Cell::Json),
        ],
    },
    Sheet {
        kind: SheetKind::Themes,
        name: "themas",
        aliases: &["themes", "thema's"],
        target: Target::List(&["themes"]),
        columns: &[ID, req("naam", &["name"], "name", Cell::Text)],
    },
    Sheet {
        kind: SheetKind::Skills,
        name: "vaardigheden",
        aliases: &["skills"],
        target: Target::List(&["skills"]),
        columns: &[ID, req("naam", &["name"], "name", Cell::Text)],
    },
    Sheet {
        kind: SheetKind::Initiatives,
        name: "initiatieven",
        aliases: &["initiatives"],
        target: Target::List(&["initiatives"]),
        columns: &[
            ID,
            req("titel", &["title"], "title", Cell::Text),
            col("samenvatting", &["summary"], "summary", Cell::Text),
            col("beschrijving", &["description"], "description", Cell::Text),
            col("themas", &["themes", "thema's"], "themes", Cell::List),
            col("gebied", &["area", "wijk", "buurt"], "area", Cell::Token),
            col("lat", &["location_lat"], "location.lat", Cell::Number),
            col("lon", &["location_lon"], "location.lon", Cell::Number),
            col("adres", &["address"], "location.address", Cell::Name),
            req("fase", &["stage"], "stage", Cell::Enum(cells::STAGES)),
            col("initiatiefnemers", &["initiators"], "initiators", Cell::Initiators),
            col("doelgroep", &["audience", "doelgroepen"], "audience", Cell::List),
            col("start", &["begin", "period_start"], "period.start", Cell::Date),
            col("eind", &["end", "einde", "period_end"], "period.end", Cell::Date),
            col("editie", &["edition"], "edition", Cell::Token),
            col("bijgewerkt", &["updated"], "updated", Cell::Date),
        ],
    },
    Sheet {
        kind: SheetKind::Needs,
        name: "behoeften",
        aliases: &["needs"],
        target: Target::Child { parent: SheetKind::Initiatives, key: "needs" },
        columns: &[
            req("initiatief", &["initiative"], "", Cell::Parent),
            ID,
            req("soort", &["kind"], "kind", Cell::Enum(cells::KINDS)),
            col("omschrijving", &["description", "beschrijving"], "description", Cell::Text),
            col("hoeveelheid", &["amount", "aantal"], "amount", Cell::Number),
            col("eenheid", &["unit"], "unit", Cell::Unit),
            col("vaardigheden", &["skills"], "skills", Cell::List),
            col("start", &["begin", "period_start"], "period.start", Cell::Date),
            col("eind", &["end", "einde", "period_end"], "period.end", Cell::Date),
            col("verplicht", &["required", "nodig"], "required", Cell::Bool),
            WEEKDAYS,
            DAYPARTS,
        ],
    },
    Sheet {
        kind: SheetKind::Links,
        name: "links",
        aliases: &["koppelingen"],
        target: Target::Child { parent: SheetKind::Initiatives, key: "links" },
        columns: &[
            req("initiatief", &["initiative"], "", Cell::Parent),
            col("label", &["tekst"], "label", Cell::Text),
            req("url", &["adres", "link"], "url", Cell::Token),
        ],
    },
    Sheet {
        kind: SheetKind::Partners,
        name: "partners",
        aliases: &["waarmakers"],
        target: Target::List(&["partners"]),
        columns: &[
            ID,
            req("naam", &["name"], "name", Cell::Name),
            req("sector", &[], "sector", Cell::Enum(cells::SECTORS)),
            col("afdeling", &["department"], "department", Cell::Name),
            col("gebieden", &["areas"], "areas", Cell::Coverage),
            col("lat", &["location_lat"], "location.lat", Cell::Number),
            col("lon", &["location_lon"], "location.lon", Cell::Number),
            col("adres", &["address"], "location.address", Cell::Name),
            col("straal_km", &["radius_km", "straal"], "radius_km", Cell::Number),
            col("themas", &["themes", "thema's"], "themes", Cell::List),
            CONTACT[0],
            CONTACT[1],
            CONTACT[2],
            CONTACT[3],
            col("website", &["site"], "website", Cell::Token),
        ],
    },
    Sheet {
        kind: SheetKind::Offers,
        name: "aanbod",
        aliases: &["offers"],
        target: Target::Child { parent: SheetKind::Partners, key: "offers" },
        columns: &[
            req("partner", &[], "", Cell::Parent),
            ID,
            req("soort", &["kind"], "kind", Cell::Enum(cells::KINDS)),
            col("omschrijving", &["description", "beschrijving"], "description", Cell::Text),
            col("capaciteit", &["capacity", "hoeveelheid"], "capacity", Cell::Number),
            col("eenheid", &["unit"], "unit", Cell::Unit),
            col("per", &[], "per", Cell::Enum(cells::PERS)),
            col("vaardigheden", &["skills"], "skills", Cell::List),
            col("start", &["begin", "period_start"], "period.start", Cell::Date),
            col("eind", &["end", "einde", "period_end"], "period.end", Cell::Date),
            col("voorwaarden", &["conditions"], "conditions", Cell::Text),
            col("alleen_gebieden", &["only_areas"], "only_areas", Cell::List),
            col("alleen_themas", &["only_themes", "alleen_thema's"], "only_themes", Cell::List),
            col("alleen_fases", &["only_stages"], "only_stages", Cell::EnumList(cells::STAGES)),
            col("alleen_initiatiefnemers", &["only_initiators"], "only_initiators", Cell::EnumList(cells::SECTORS)),
            col("min_hoeveelheid", &["min_amount"], "min_amount", Cell::Number),
            col("max_hoeveelheid", &["max_amount"], "max_amount", Cell::Number),
            WEEKDAYS,
            DAYPARTS,
        ],
    },
    Sheet {
        kind: SheetKind::Commitments,
        name: "afspraken",
        aliases: &["commitments"],
        target: Target::List(&["commitments"]),
        columns: &[
            ID,
            req("initiatief", &["initiative"], "initiative", Cell::Token),
            col("behoefte", &["need"], "need", Cell::Token),
            req("partner", &[], "partner", Cell::Token),
            col("aanbod", &["offer"], "offer", Cell::Token),
            col("hoeveelheid", &["amount", "aantal"], "amount", Cell::Number),
            req("status", &[], "status", Cell::Enum(cells::STATUSES)),
            col("uiterlijk", &["due", "deadline"], "due", Cell::Date),
            col("notitie", &["note", "opmerking"], "note", Cell::Text),
        ],
    },
    Sheet {
        kind: SheetKind::Editions,
        name: "edities",
        aliases: &["editions", "pitchavonden"],
        target: Target::List(&["editions"]),
        columns: &[
            ID,
            req("titel", &["title"], "title", Cell::Text),
            req("start", &["begin"], "start", Cell::Date),
            col("eind", &["end", "einde"], "end", Cell::Date),
            col("locatie", &["venue", "plaats"], "venue", Cell::Name),
            col("initiatieven", &["initiatives"], "initiatives", Cell::List),
            col("url", &["website"], "url", Cell::Token),
        ],
    },
    Sheet {
        kind: SheetKind::Rules,
        name: "regels",
        aliases: &["rules"],
        target: Target::List(&["policy", "rules"]),
        columns: &[
            ID,
            col("soorten", &["need_kinds"], "when.need_kinds", Cell::EnumList(cells::KINDS)),
            col("themas", &["themes", "thema's"], "when.themes", Cell::List),
            col("fases", &["stages"], "when.stages", Cell::EnumList(cells::STAGES)),
            col("gebieden", &["areas"], "when.areas", Cell::List),
            col("trefwoorden", &["keywords"], "when.keywords", Cell::List),
            col("min_hoeveelheid", &["min_amount"], "when.min_amount", Cell::Number),
            req("advies", &["advice"], "advice", Cell::Text),
            CONTACT[0],
            CONTACT[1],
            CONTACT[2],
            CONTACT[3],
        ],
    },
    Sheet {
        kind: SheetKind::Principles,
        name: "principes",
        aliases: &["principles", "beginselen"],
        target: Target::Principles,
        columns: &[req("tekst", &["text"], "text", Cell::Text)],
    },
];

/// The sheet of this kind.
pub(super) fn sheet(kind: SheetKind) -> &'static Sheet {
    // SHEETS lists every kind; the fallback is never taken.
    SHEETS.iter().find(|sheet| sheet.kind == kind).unwrap_or(&SHEETS[0])
}

/// Normalises a header or file name for comparison: lowercase, trimmed, spaces and hyphens as `_`.
pub(super) fn normalise(name: &str) -> String {
    name.trim().to_lowercase().chars().map(|c| if c == ' ' || c == '-' { '_' } else { c }).collect()
}

/// The sheet a file name stands for: `initiatieven.csv`, `Initiatives.CSV`, `themas.txt`, or a
/// name in a folder or zip path.
pub(super) fn sheet_for_file(file_name: &str) -> Option<&'static Sheet> {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let stem = match base.rsplit_once('.') {
        Some((stem, extension)) if ["csv", "txt", "tsv"].contains(&extension.to_ascii_lowercase().as_str()) => stem,
        _ => base,
    };
    let stem = normalise(stem);
    SHEETS.iter().find(|sheet| sheet.name == stem || sheet.aliases.iter().any(|alias| normalise(alias) == stem))
}

/// What a header names: a column, and for a text column the language (`titel_nl`).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Header {
    pub(super) column: usize,
    pub(super) lang: Option<String>,
}

/// Reads a header cell of a sheet.
pub(super) fn header(sheet: &Sheet, cell: &str) -> Option<Header> {
    let wanted = normalise(cell);
    let named =
        |column: &Column| column.name == wanted || column.aliases.iter().any(|alias| normalise(alias) == wanted);
    if let Some(column) = sheet.columns.iter().position(named) {
        return Some(Header { column, lang: None });
    }
    let (base, lang) = wanted.rsplit_once('_')?;
    let is_lang = lang.len() == 2 && lang.bytes().all(|b| b.is_ascii_lowercase());
    let column = sheet.columns.iter().position(|column| {
        column.cell == Cell::Text
            && (column.name == base || column.aliases.iter().any(|alias| normalise(alias) == base))
    })?;
    is_lang.then(|| Header { column, lang: Some(lang.to_owned()) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names() {
        let kind = |name: &str| sheet_for_file(name).map(|sheet| sheet.kind);
        assert_eq!(kind("initiatieven.csv"), Some(SheetKind::Initiatives));
        assert_eq!(kind("Initiatives.CSV"), Some(SheetKind::Initiatives));
        assert_eq!(kind("export/thema's.csv"), Some(SheetKind::Themes));
        assert_eq!(kind("C:\\data\\behoeften.txt"), Some(SheetKind::Needs));
        assert_eq!(kind("gemeente"), Some(SheetKind::Municipality));
        assert_eq!(kind("initiatieven.xlsx"), None);
        assert_eq!(kind("rest.csv"), None);
    }

    #[test]
    fn headers() {
        let initiatives = sheet(SheetKind::Initiatives);
        let at = |name: &str| header(initiatives, name).map(|h| (initiatives.columns[h.column].name, h.lang));
        assert_eq!(at("titel"), Some(("titel", None)));
        assert_eq!(at(" Titel_NL "), Some(("titel", Some("nl".into()))));
        assert_eq!(at("title_en"), Some(("titel", Some("en".into()))));
        assert_eq!(at("Stage"), Some(("fase", None)));
        assert_eq!(at("themas_nl"), None, "themes is not a text column");
        assert_eq!(at("titel_nld"), None);
        assert_eq!(at("titel_"), None);
        assert_eq!(at("titell"), None);
    }

    #[test]
    fn names_are_unique_within_a_sheet() {
        for sheet in SHEETS {
            let mut names: Vec<String> = Vec::new();
            for column in sheet.columns {
                for name in std::iter::once(&column.name).chain(column.aliases) {
                    let name = normalise(name);
                    assert!(!names.contains(&name), "{} repeats {name}", sheet.name);
                    names.push(name);
                }
            }
        }
    }
}
