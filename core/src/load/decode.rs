//! Decoding the JSON document into the model, record by record, collecting every problem with its path.

use super::{Map as HashMap, SCANNED, map_with_capacity};

use super::document::{Document, Fields, Object, Value};

use super::Problem;
use super::parse::{self, Duplicates};
use super::references;
pub(crate) use super::values::Mode;
use super::values::{Cx, Path, describe, described, escape_for_display, quoted};
use crate::checks::find_bytes;
use crate::exchange::encoding::windows_1252;
use crate::ids::*;
use crate::model::*;
use crate::text::Lang;

/// A decoded record with its index in the document, so that later checks can name its path.
pub(super) struct At<T> {
    pub(super) index: usize,
    pub(super) record: T,
    /// For initiatives and partners: the document index of each kept need or offer; empty when
    /// every one was kept, so that the n-th is at index n (read by [`At::sub_index`]).
    pub(super) sub_indices: Vec<usize>,
}

impl<T> At<T> {
    /// The document index of the record's `n`-th kept need or offer.
    pub(super) fn sub_index(&self, n: usize) -> usize {
        self.sub_indices.get(n).copied().unwrap_or(n)
    }
}

/// The collections as decoded, before references are checked.
pub(super) struct Decoded<'d> {
    pub(super) municipality: Municipality,
    pub(super) areas: Vec<At<Area>>,
    pub(super) themes: Vec<At<Theme>>,
    pub(super) skills: Vec<At<Skill>>,
    pub(super) initiatives: Vec<At<Initiative>>,
    pub(super) partners: Vec<At<Partner>>,
    pub(super) commitments: Vec<At<Commitment>>,
    pub(super) editions: Vec<At<Edition>>,
    pub(super) principles: Vec<crate::text::Text>,
    pub(super) rules: Vec<At<Rule>>,
    pub(super) matching: Option<MatchingWeights>,
    /// Ids seen in the document, also of records that failed to decode, so that a strict check
    /// does not report a reference to a defective record as dangling as well.
    pub(super) raw_ids: RawIds<'d>,
}

/// The ids present in the document per collection, whatever state their records are in,
/// borrowed from the parsed document.
#[derive(Default)]
pub(super) struct RawIds<'d> {
    pub(super) areas: Vec<(usize, &'d str)>,
    pub(super) themes: Vec<(usize, &'d str)>,
    pub(super) skills: Vec<(usize, &'d str)>,
    pub(super) initiatives: Vec<(usize, &'d str)>,
    pub(super) partners: Vec<(usize, &'d str)>,
    pub(super) commitments: Vec<(usize, &'d str)>,
    pub(super) editions: Vec<(usize, &'d str)>,
    pub(super) rules: Vec<(usize, &'d str)>,
}

/// The fields a dataset document may have at its root (besides `x-` extensions).
pub(crate) const ROOT_FIELDS: &[&str] = &[
    "schema",
    "municipality",
    "areas",
    "themes",
    "skills",
    "initiatives",
    "partners",
    "commitments",
    "editions",
    "policy",
    "matching",
];

/// Loads a document; returns the dataset (strict: only when free of errors at document level)
/// and every problem found.
pub(crate) fn load(json: &str, mode: Mode) -> (Option<Dataset>, Vec<Problem>) {
    let json = json.strip_prefix('\u{FEFF}').unwrap_or(json);
    let (document, duplicates) = match parse::parse(json) {
        Ok(parsed) => parsed,
        Err(error) => {
            let mut message = error.to_string();
            // serde_json appends " at line L column C"; the position is given separately.
            if let Some(cut) = find_bytes(message.as_bytes(), b" at line ") {
                message.truncate(cut);
            }
            // A web page where the data file was expected: a "not found" or login page, or the
            // address of the page that shows the widget. Said as such, not as a JSON error.
            let message = if json.trim_start().starts_with('<') {
                String::from("a web page (HTML), not a JSON data file: check its address")
            } else {
                format!("invalid JSON: {message}")
            };
            let problem = Problem {
                // serde_json gives column 0 when the input ends at the start of a line; positions are 1-based.
                position: Some((error.line(), error.column().max(1))),
                ..Problem::error("", message)
            };
            return (None, vec![problem]);
        }
    };
    load_parsed(&document, duplicates, may_have_replacement_characters(json), mode)
}

/// Whether a string of `json` can hold U+FFFD: only as itself or as a `\u` escape. One pass
/// over the whole text spares a search of every string in the usual case.
///
/// Why by hand? Two searches for the two byte strings (`find_bytes`, a comparison at every
/// byte) took a tenth of a strict load. This looks at 32 bytes at a time for a backslash or
/// the first byte of U+FFFD, a test that compiles to a few vector compares, and looks closer
/// only where it finds one.
pub(super) fn may_have_replacement_characters(json: &str) -> bool {
    const CHUNK: usize = 32;
    let bytes = json.as_bytes();
    let starts_one = |at: usize| match bytes.get(at) {
        Some(b'\\') => bytes.get(at + 1) == Some(&b'u'),
        Some(_) => bytes.get(at..at + 3) == Some("\u{FFFD}".as_bytes()),
        None => false,
    };
    let mut chunks = bytes.chunks_exact(CHUNK);
    let mut start = 0;
    for chunk in &mut chunks {
        if chunk.iter().fold(false, |seen, &b| seen | (b == b'\\') | (b == 0xEF))
            && (start..start + CHUNK).any(starts_one)
        {
            return true;
        }
        start += CHUNK;
    }
    (start..bytes.len()).any(starts_one)
}

/// Loads the bytes of a file. UTF-8 (with or without a byte order mark) is read as text;
/// UTF-16 is refused with how to fix it; other bytes that are not UTF-8 are read as
/// Windows-1252, with an error in a strict load and a warning in a lenient one, each with the
/// line and column of the first such byte.
pub(crate) fn load_bytes(bytes: &[u8], mode: Mode) -> (Option<Dataset>, Vec<Problem>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let utf16 = bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF")
        || bytes.get(..2).is_some_and(|first| first.contains(&0));
    if utf16 {
        let problem =
            Problem { position: Some((1, 1)), ..Problem::error("", "the file is UTF-16; save the file as UTF-8") };
        return (None, vec![problem]);
    }
    let error = match std::str::from_utf8(bytes) {
        Ok(json) => return load(json, mode),
        Err(error) => error,
    };
    let at = error.valid_up_to();
    let line_start = bytes[..at].iter().rposition(|&b| b == b'\n').map_or(0, |newline| newline + 1);
    let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
    let column = 1 + String::from_utf8_lossy(&bytes[line_start..at]).chars().count();
    let byte = bytes.get(at).copied().unwrap_or(0);
    let mut shown = [0; 4];
    let as_windows_1252 = windows_1252(byte).encode_utf8(&mut shown);
    let mut message = format!("the file is not UTF-8: the byte 0x{byte:02X} (");
    message.push_str(&escape_for_display(as_windows_1252));
    message.push_str(" in Windows-1252) is not part of a UTF-8 character; ");
    // Valid stretches stay as they are and each byte that is not UTF-8 is read as Windows-1252,
    // so that a file saved by an old Windows program and a UTF-8 file with one pasted byte both
    // read right, and no text gets the replacement character.
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        text.extend(chunk.invalid().iter().map(|&b| windows_1252(b)));
    }
    let (dataset, mut problems) = load(&text, mode);
    let problem = match mode {
        Mode::Strict => {
            message.push_str("save the file as UTF-8");
            Problem::error("", message)
        }
        Mode::Lenient => {
            message.push_str("such bytes were read as Windows-1252; save the file as UTF-8");
            Problem::warning("", message)
        }
    };
    problems.insert(0, Problem { position: Some((line, column)), ..problem });
    let dataset = if mode == Mode::Strict { None } else { dataset };
    (dataset, problems)
}

/// Decodes a document that a program built as a value (it can have no repeated keys).
pub(crate) fn load_value(value: &serde_json::Value, mode: Mode) -> (Option<Dataset>, Vec<Problem>) {
    load_parsed(&Document::borrowed(value), Duplicates::default(), true, mode)
}

/// Decodes a parsed document, with the keys it repeats. The dataset is `None` when the
/// document as a whole is unusable; even then every problem that can be found is listed.
pub(super) fn load_parsed(
    document: &Document<'_>,
    duplicates: Duplicates,
    may_have_replacement_characters: bool,
    mode: Mode,
) -> (Option<Dataset>, Vec<Problem>) {
    let mut cx = Cx::new(mode, document.arena());
    cx.duplicates = duplicates;
    cx.may_have_replacement_characters = may_have_replacement_characters;
    let decoded = decode_document(&mut cx, &document.root);
    let dataset = decoded.map(|(decoded, usable)| (references::resolve(&mut cx, decoded), usable));
    cx.remaining_repeated_keys();
    let dataset = dataset.and_then(|(dataset, usable)| usable.then_some(dataset));
    (dataset, cx.problems)
}

/// Decodes the document; `None` when it is not one of this format at all, and otherwise what
/// was decoded and whether the document as a whole is usable. An unusable one (a defective
/// municipality, a repeated key at the root) is still decoded to the end, so that a check lists
/// all its problems at once rather than hiding the rest behind the first.
#[inline(never)]
fn decode_document<'d>(cx: &mut Cx<'d>, value: &'d Value<'d>) -> Option<(Decoded<'d>, bool)> {
    let root = Path::Root;
    let Some(map) = cx.arena.object(value) else {
        cx.error(&root, "the document must be a JSON object with \"schema\": \"verschilmaker/1\"");
        return None;
    };
    let mark = cx.mark();
    cx.repeated_keys(&root);
    let root_keys_unique = !cx.failed_since(mark);
    let schema = match map.field("schema") {
        None => {
            cx.error(&root.key("schema"), format!("is required: \"{SCHEMA}\""));
            None
        }
        Some(Value::String(schema)) if schema == SCHEMA => Some(()),
        Some(Value::String(schema)) if schema.starts_with("verschilmaker/") => {
            cx.error(
                &root.key("schema"),
                format!("unsupported schema version {}; this version reads \"{SCHEMA}\"", escape_for_display(schema)),
            );
            None
        }
        Some(other) => {
            cx.error(&root.key("schema"), format!("must be \"{SCHEMA}\", not {}", describe(other)));
            None
        }
    };
    cx.unknown_fields(map, &root, ROOT_FIELDS);
    let municipality =
        cx.required(map, &root, "municipality").and_then(|v| decode_municipality(cx, v, &root.key("municipality")));
    // Another format or version: its records would be misread, so nothing more is read.
    schema?;
    let usable = root_keys_unique && municipality.is_some();
    let municipality = municipality.unwrap_or_else(|| Municipality::new("", Vec::new()));
    cx.languages = municipality.languages.clone();

    let mut raw_ids = RawIds::default();
    let areas = collection(cx, map.field("areas"), &root.key("areas"), &mut raw_ids.areas, plain(decode_area));
    let themes = collection(cx, map.field("themes"), &root.key("themes"), &mut raw_ids.themes, |cx, v, p| {
        term(cx, v, p).and_then(|(id, name)| Some((Theme { id: ThemeId::new(&id)?, name }, Vec::new())))
    });
    let skills = collection(cx, map.field("skills"), &root.key("skills"), &mut raw_ids.skills, |cx, v, p| {
        term(cx, v, p).and_then(|(id, name)| Some((Skill { id: SkillId::new(&id)?, name }, Vec::new())))
    });
    let initiatives =
        collection(cx, map.field("initiatives"), &root.key("initiatives"), &mut raw_ids.initiatives, decode_initiative);
    let partners = collection(cx, map.field("partners"), &root.key("partners"), &mut raw_ids.partners, decode_partner);
    let commitments = collection(
        cx,
        map.field("commitments"),
        &root.key("commitments"),
        &mut raw_ids.commitments,
        plain(decode_commitment),
    );
    let editions =
        collection(cx, map.field("editions"), &root.key("editions"), &mut raw_ids.editions, plain(decode_edition));
    let (principles, rules) = match map.field("policy") {
        Some(value) => decode_policy(cx, value, &root.key("policy"), &mut raw_ids.rules),
        None => (Vec::new(), Vec::new()),
    };
    let matching = map.field("matching").and_then(|v| decode_matching(cx, v, &root.key("matching")));
    let decoded = Decoded {
        municipality,
        areas,
        themes,
        skills,
        initiatives,
        partners,
        commitments,
        editions,
        principles,
        rules,
        matching,
        raw_ids,
    };
    Some((decoded, usable))
}

/// Decodes a collection of records: a top-level one, or the policy's rules. A record with errors
/// is left out (the strict load fails on the errors anyway); its id, when readable, is
/// remembered in `raw_ids`.
fn collection<'d, T>(
    cx: &mut Cx<'d>,
    value: Option<&'d Value<'d>>,
    path: &Path<'_>,
    raw_ids: &mut Vec<(usize, &'d str)>,
    mut decode: impl FnMut(&mut Cx<'d>, &Value<'d>, &Path<'_>) -> Option<(T, Vec<usize>)>,
) -> Vec<At<T>> {
    let mut records = Vec::with_capacity(value.and_then(|value| cx.arena.list(value)).map_or(0, <[_]>::len));
    each_record(cx, value, path, raw_ids, &mut |cx, item, path, index| {
        let mark = cx.mark();
        if let Some((record, sub_indices)) = decode(cx, item, path)
            && !cx.failed_since(mark)
        {
            records.push(At { index, record, sub_indices });
        }
    });
    records
}

/// Calls `each` with every item of the collection at `path` (when there is one), its path and
/// index, after remembering its id in `raw_ids`. Not generic (see [`Cx::each_item`] for why).
#[inline(never)]
fn each_record<'d>(
    cx: &mut Cx<'d>,
    value: Option<&'d Value<'d>>,
    path: &Path<'_>,
    raw_ids: &mut Vec<(usize, &'d str)>,
    each: &mut dyn FnMut(&mut Cx<'d>, &Value<'d>, &Path<'_>, usize),
) {
    let Some(value) = value else {
        return;
    };
    let Some(items) = cx.list(value, path) else {
        return;
    };
    raw_ids.reserve(items.len());
    for (index, item) in items.iter().enumerate() {
        if let Some(id) = cx.arena.object(item).and_then(|map| map.field("id")).and_then(Value::as_str) {
            raw_ids.push((index, id));
        }
        each(cx, item, &path.index(index), index);
    }
}

/// Adapts a decoder of a record without needs or offers to [`collection`].
fn plain<'d, T>(
    decode: fn(&mut Cx<'d>, &Value<'d>, &Path<'_>) -> Option<T>,
) -> impl FnMut(&mut Cx<'d>, &Value<'d>, &Path<'_>) -> Option<(T, Vec<usize>)> {
    move |cx, value, path| decode(cx, value, path).map(|record| (record, Vec::new()))
}

// The record decoders are kept out of line: inlined, each into its one caller, they made
// `decode_document` one function of over 30 KB in the wasm bundle.
#[inline(never)]
fn decode_municipality<'d>(cx: &mut Cx<'d>, value: &Value<'d>, path: &Path<'_>) -> Option<Municipality> {
    // Before the object is read, so that a key it repeats makes it defective.
    let mark = cx.mark();
    let map = cx.object(value, path)?;
    cx.unknown_fields(map, path, &["name", "code", "languages", "contact"]);
    let name = cx.field(map, path, "name", Cx::name);
    let code = map.field("code").and_then(|v| {
        let path = path.key("code");
        let code = cx.string(v, &path)?;
        let valid = code.len() == 6 && code.starts_with("GM") && code.bytes().skip(2).all(|b| b.is_ascii_digit());
        if !valid {
            cx.error(&path, quoted("must be a CBS code: GM and four digits, not ", code, ""));
        }
        valid.then(|| code.to_owned())
    });
    let languages = cx.required(map, path, "languages").and_then(|v| {
        let path = path.key("languages");
        let languages = cx.items(v, &path, |cx, v, p| {
            let code = cx.string(v, p)?;
            let lang = Lang::new(code);
            if lang.is_none() {
                cx.error(p, quoted("", code, " is not an ISO 639-1 language code such as \"nl\" or \"en\""));
            }
            lang
        })?;
        if languages.is_empty() {
            cx.error(&path, "must name at least one language");
        }
        // A language named twice would give its texts two columns in a spreadsheet export.
        for (at, lang) in languages.iter().enumerate() {
            if languages[..at].contains(lang) {
                cx.error(&path.index(at), quoted("", lang.as_str(), " is named twice"));
            }
        }
        Some(languages)
    });
    let contact = cx.optional(map, path, "contact", decode_contact);
    if cx.failed_since(mark) {
        return None;
    }
    let (Some(name), Some(languages)) = (name, languages) else { return None };
    Some(Municipality { name, code, languages, contact })
}

fn decode_contact<'d>(cx: &mut Cx<'d>, value: &Value<'d>, path: &Path<'_>) -> Option<Contact> {
    let map = cx.object(value, path)?;
    cx.unknown_fields(map, path, &["name", "email", "phone", "url"]);
    let mark = cx.mark();
    // A bad address or url costs just that field in a lenient load (see `Cx::droppable`).
    let contact = Contact {
        name: cx.optional(map, path, "name", Cx::name),
        email: cx.droppable(|cx| cx.optional(map, path, "email", Cx::email)),
        phone: cx.optional(map, path, "phone", Cx::name),
        url: cx.droppable(|cx| cx.optional(map, path, "url", Cx::url)),
    };
    if cx.failed_since(mark) {
        return None;
    }
    if contact.email.is_none() && contact.phone.is_none() && contact.url.is_none() {
        if ["email", "phone", "url"].iter().any(|key| map.contains_key(key)) {
            // What it had was dropped, with a notice: the record keeps going without a contact.
            return None;
        }
        cx.error(path, "needs at least one of email, phone and url");
        return None;
    }
    Some(contact)
}

fn latitude<'d>(cx: &mut Cx<'d>, value: &Value<'d>, path: &Path<'_>) -> Option<f64> {
    let lat = cx.number(value, path)?;
    if !(-90.0..=90.0).contains(&lat) {
        cx.error(path, described("latitude must be from -90 to 90, not ", value));
        return None;
    }
    Some(lat)
}

fn longitude<'d>(cx: &mut Cx<'d>, value: &Value<'d>, path: &Path<'_>) -> Option<f64> {
    let lon = cx.number(value, path)?;
    if !(-180.0..=180.0).contains(&lon) {
        cx.error(path, described("longitude must be from -180 to 180, not ", value));
        return None;
    }
    Some(lon)
}

fn decode_location<'d>(cx: &mut Cx<'d>, value: &Value<'d>, path: &Path<'_>) -> Option<Location> {
    let map = cx.object(value, path)?;
    cx.unknown_fields(map, path, &["lat", "lon", "address"]);
    let mark = cx.mark();
    let lat = cx.optional(map, path, "lat", latitude);
    let lon = cx.optional(map, path, "lon", longitude);
    let address = cx.optional(map, path, "address", Cx::name);
    if cx.failed_since(mark) {
        return None;
    }
    if lat.is_some() != lon.is_some() {
        cx.error(path, "lat and lon must be given together");
        return None;
    }
    if lat.is_none() && address.is_none() {
        cx.error(path, "needs lat and lon, or an address");
        return None;
    }
    Some(Location { lat, lon, address })
}

#[inline(never)]
fn decode_area<'d>(cx: &mut Cx<'d>, value: &Value<'d>, path: &Path<'_>) -> Option<Area> {
    let map = cx.object(value, path)?;
    cx.unknown_fields(map, path, &["id", "name", "parent", "centroid", "postcodes", "boundary"]);
    let id = cx.required(map, path, "id").and_then(|v| cx.id(v, &path.key("id"), AreaId::new));
    let name = cx.field(map, path, "name", Cx::name);
    let parent = map.field("parent").and_then(|v| cx.id(v, &path.key("parent"), AreaId::new));
    let centroid = map.field("centroid").and_then(|v| {
        let path = path.key("centroid");
        match cx.list(v, &path)? {
            // Both numbers are checked before either answers, so that two bad ones are two problems.
            [lat, lon] => match (latitude(cx, lat, &path.index(0)), longitude(cx, lon, &path.index(1))) {
                (Some(lat), Some(lon)) => Some([lat, lon]),
                _ => None,
            },
            _ => {
                cx.error(&path, "must be [lat, lon]");
                None
            }
        }
    });
    let postcodes = map.field("postcodes").and_then(|v| {
        cx.items(v, &path.key("postcodes"), |cx, v, p| {
            let code = cx.string(v, p)?;
            // Exactly a PC4, as `pc4` reads it from a postcode: four digits, the first not 0.
            let valid = crate::pc4(code) == Some(code);
            if !valid {
                cx.error(p, quoted("must be a four-digit postcode (PC4) such as \"5211\", not ", code, ""));
            }
            valid.then(|| code.to_owned())
        })
    });
    let boundary = cx.optional(map, path, "boundary", decode_boundary);
    let (Some(id), Some(name)) = (id, name) else { return None };
    Some(Area { id, name, parent, centroid, postcodes: postcodes.unwrap_or_default(), boundary })
}

fn decode_boundary<'d>(cx: &mut Cx<'d>, value: &Value<'d>, path: &Path<'_>) -> Option<Boundary> {
    let map = cx.object(value, path)?;
    // A Feature or FeatureCollection is what GIS tools export; what belongs here is the
    // geometry inside it, and saying so helps more than listing its fields as unknown.
    let wrapper = match map.field("type").and_then(Value::as_str) {
        Some("Feature") => Some("this is a GeoJSON Feature; give its \"geometry\" (a Polygon or MultiPolygon)"),
        Some("FeatureCollection") => Some(
            "this is a GeoJSON FeatureCollection; give the \"geometry\" of its feature (a Polygon or MultiPolygon)",
        ),
        Some("GeometryCollection") => Some("this is a GeoJSON GeometryCollection; give one Polygon or MultiPolygon"),
        None if map.contains_key("geometry") => Some("this looks like a GeoJSON Feature; give its \"geometry\""),
        None if map.contains_key("features") => {
            Some("this looks like a GeoJSON FeatureCollection; give the \"geometry\" of its feature")
        }
        _ => None,
    };
    if let Some(problem) = wrapper {
        cx.error(path, problem);
        return None;
    }
    cx.unknown_fields(map, path, &["type", "coordinates", "bbox"]);
    let kind = cx.required(map, path, "type").and_then(|v| cx.string(v, &path.key("type")));
    let coordinates = cx.required(map, path, "coordinates")?;
    let cpath = path.key("coordinates");
    match kind? {
        "Polygon" => polygon(cx, coordinates, &cpath).map(Boundary::Polygon),
        "MultiPolygon" => cx.items(coordinates, &cpath, polygon).map(Boundary::MultiPolygon),
        other => {
            cx.error(&path.key("type"), quoted("must be \"Polygon\" or \"MultiPolygon\", not ", other, ""));
            None
        }
    }
}

fn polygon<'d>(cx: &mut Cx<'d>, value: &Value<'d>, path: &Path<'_>) -> Option<Vec<Ring>> {
    let rings = cx.items(value, path, ring)?;
    if rings.is_empty() {
        cx.error(path, "a polygon needs at least its outer ring");
        return None;
    }
    Some(rings)
}

fn ring<'d>(cx: &mut Cx<'d>, value: &Value<'d>, path: &Path<'_>) -> Option<Ring> {
    // Every number of a position is checked before the position answers, so that a position
    // with two bad numbers is two problems.
    let positions = cx.items(value, path, |cx, v, p| match cx.list(v, p)? {
        [lon, lat] => match (longitude(cx, lon, &p.index(0)), latitude(cx, lat, &p.index(1))) {
            (Some(lon), Some(lat)) => Some([lon, lat]),
            _ => None,
        },
        // GeoJSON allows an altitude as a third number; it is checked and dropped.
        [lon, lat, altitude] => {
            let (lon, lat) = (longitude(cx, lon, &p.index(0)), latitude(cx, lat, &p.index(1)));
            let altitude = cx.number(altitude, &p.index(2));
            match (lon, lat, altitude) {
                (Some(lon), Some(lat), Some(_)) => Some([lon, lat]),
                _ => None,
            }
        }
        _ => {
            cx.error(p, "a position must be [lon, lat]");
            None
        }
    })?;
    if positions.len() < 4 {
        cx.error(path, format!("a ring needs at least 4 positions, not {}", positions.len()));
        return None;
    }
    if positions.first() != positions.last() {
        cx.error(path, "a ring must be closed: its last position must equal its first");
        return None;
    }
    Some(positions)
}

/// A vocabulary entry: id and name.
#[inline(never)]
fn term<'d>(cx: &mut Cx<'d>, value: &Value<'d>, path: &Path<'_>) -> Option<(String, crate::text::Text)> {
    let map = cx.object(value, path)?;
    cx.unknown_fields(map, path, &["id", "name"]);
    let id = cx
        .required(map, path, "id")
        .and_then(|v| cx.id(v, &path.key("id"), |s| ThemeId::new(s).map(|id| id.as_str().to_owned())));
    let name = cx.field(map, path, "name", Cx::required_text);
    Some((id?, name?))
}

/// The most values an enum of the format may have (a test holds every enum to it).
pub(super) const MAX_ENUM_VALUES: usize = 16;

/// One of the names of an enum: `all` in order, named by `name`. Out of line: compiled for each
/// enum type, the copies are the same code, which wasm-opt then keeps once.
#[inline(never)]
fn enum_value<'d, T: Copy>(
    cx: &mut Cx<'d>,
    value: &Value<'d>,
    path: &Path<'_>,
    what: &str,
    all: &[T],
    name: fn(T) -> &'static str,
) -> Option<T> {
    // The names on the stack rather than collected into a `Vec`: the collect was compiled
    // once per enum type into the first download.
    let mut names = [""; MAX_ENUM_VALUES];
    for (slot, &item) in names.iter_mut().zip(all) {
        *slot = name(item);
    }
    let names = names.get(..all.len()).unwrap_or(&names);
    choose(cx, value, path, what, names).and_then(|i| all.get(i).copied())
}

/// The position of the value among `names`, or an error naming them all. Not generic, so that
/// the search and the message exist once for all the enums.
#[inline(never)]
fn choose<'d>(cx: &mut Cx<'d>, value: &Value<'d>, path: &Path<'_>, what: &str, names: &[&str]) -> Option<usize> {
    let text = cx.string(value, path)?;
    let found = names.iter().position(|name| *name == text);
    if found.is_none() {
        let mut message = String::from("unknown ");
        message.push_str(what);
        message.push_str(&quoted(" ", text, "; expected one of "));
        message.push_str(&names.join(", "));
        cx.error(path, message);
    }
    found
}

fn kind<'d>(cx: &mut Cx<'d>, value: &Value<'d>, path: &Path<'_>) -> Option<Kind> {
    enum_value(cx, value, path, "kind", Kind::ALL, Kind::as_str)
}

fn stage<'d>(cx: &mut Cx<'d>, value: &Value<'d>, path: &Path<'_>) -> Option<Stage> {
    enum_value(cx, value, path, "stage", Stage::ALL, Stage::as_str)
}

fn sector<'d>(cx: &mut Cx<'d>, value: &Value<'d>, path: &Path<'_>) -> Option<Sector> {
    enum_value(cx, value, path, "sector", Sector::ALL, Sector::as_str)
}

fn weekday<'d>(cx: &mut Cx<'d>, value: &Value<'d>, path: &Path<'_>) -> Option<Weekday> {
    enum_value(cx, value, path, "weekday", Weekday::ALL, Weekday::as_str)
}

fn daypart<'d>(cx: &mut Cx<'d>, value: &Value<'d>, path: &Path<'_>) -> Option<Daypart> {
    enum_value(cx, value, path, "part of the day", Daypart::ALL, Daypart::as_str)
}

fn unit<'d>(cx: &mut Cx<'d>, map: &'d Object<'d>, path: &Path<'_>, kind: Option<Kind>) -> Option<Unit> {
    match map.field("unit") {
        None => kind.map(Kind::default_unit),
        Some(v) => {
            let path = path.key("unit");
            let text = cx.string(v, &path)?;
            let unit = Unit::new(text);
            if unit.is_none() {
                cx.error(&path, quoted("must be a short lowercase token such as \"hours\" or \"eur\", not ", text, ""));
            }
            unit
        }
    }
}

/// Skill references; checked against the vocabulary later, here only their form.
fn skill_list<'d>(cx: &mut Cx<'d>, map: &'d Object<'d>, path: &Path<'_>) -> Option<Vec<SkillId>> {
    match map.field("skills") {
        None => Some(Vec::new()),
        Some(v) => cx.items(v, &path.key("skills"), |cx, v, p| cx.id(v, p, SkillId::new)),
    }
}

/// The list at `key`, each item read with `read` (empty when absent, and what was sound after an
/// error, which makes the record defective anyway).
fn list_of<'d, T>(
    cx: &mut Cx<'d>,
    map: &'d Object<'d>,
    path: &Path<'_>,
    key: &str,
    read: fn(&mut Cx<'d>, &Value<'d>, &Path<'_>) -> Option<T>,
) -> Vec<T> {
    let mut list = Vec::new();
    if let Some(v) = map.field(key) {
        let _ = cx.each_item(v, &path.key(key), &mut |cx, v, p| {
            if let Some(item) = read(cx, v, p) {
                list.push(item);
            }
        });
    }
    list
}

fn id_list<'d, T>(
    cx: &mut Cx<'d>,
    map: &'d Object<'d>,
    path: &Path<'_>,
    key: &str,
    make: fn(&str) -> Option<T>,
) -> Option<Vec<T>> {
    match map.field(key) {
        None => Some(Vec::new()),
        Some(v) => cx.items(v, &path.key(key), |cx, v, p| cx.id(v, p, make)),
    }
}

#[inline(never)]
fn decode_initiative<'d>(cx: &mut Cx<'d>, value: &Value<'d>, path: &Path<'_>) -> Option<(Initiative, Vec<usize>)> {
    let map = cx.object(value, path)?;
    cx.unknown_fields(
        map,
        path,
        &[
            "id",
            "title",
            "summary",
            "description",
            "themes",
            "area",
            "location",
            "stage",
            "initiators",
            "audience",
            "period",
            "needs",
            "links",
            "edition",
            "updated",
        ],
    );
    let id = cx.required(map, path, "id").and_then(|v| cx.id(v, &path.key("id"), InitiativeId::new));
    let title = cx.field(map, path, "title", Cx::required_text);
    let summary = cx.optional(map, path, "summary", Cx::text);
    let description = cx.optional(map, path, "description", Cx::text);
    let themes = id_list(cx, map, path, "themes", ThemeId::new);
    let area = map.field("area").and_then(|v| cx.id(v, &path.key("area"), AreaId::new));
    let location = cx.optional(map, path, "location", decode_location);
    let stage = cx.field(map, path, "stage", stage);
    let initiators = map.field("initiators").and_then(|v| {
        cx.items(v, &path.key("initiators"), |cx, v, p| {
            let map = cx.object(v, p)?;
            cx.unknown_fields(map, p, &["name", "sector"]);
            let name = cx.required(map, p, "name").and_then(|v| cx.name(v, &p.key("name")));
            let sector = map.field("sector").and_then(|v| sector(cx, v, &p.key("sector")));
            Some(Initiator { name: name?, sector })
        })
    });
    let audience = map.field("audience").and_then(|v| cx.items(v, &path.key("audience"), |cx, v, p| cx.name(v, p)));
    let period = cx.optional(map, path, "period", Cx::period);
    let needs = map.field("needs").map(|v| sub_records(cx, v, &path.key("needs"), decode_need));
    // A defective link costs that link alone in a lenient load (see `Cx::droppable`).
    let mut links = Vec::new();
    if let Some(v) = map.field("links") {
        let _ = cx.each_item(v, &path.key("links"), &mut |cx, v, p| {
            if let Some(link) = cx.droppable(|cx| decode_link(cx, v, p)) {
                links.push(link);
            }
        });
    }
    let edition = map.field("edition").and_then(|v| cx.id(v, &path.key("edition"), EditionId::new));
    let updated = cx.optional(map, path, "updated", Cx::date);
    let needs = needs.unwrap_or_default();
    let (needs, need_indices) = first_of_each(cx, needs, &path.key("needs"), |need| need.id.as_str(), "need");
    // One exit for every missing field, rather than a `?` per field, each of which would have
    // its own code to drop what was decoded before it.
    let (Some(id), Some(title), Some(themes), Some(stage)) = (id, title, themes, stage) else { return None };
    let initiative = Initiative {
        id,
        title,
        summary,
        description,
        themes,
        area,
        location,
        stage,
        initiators: initiators.unwrap_or_default(),
        audience: audience.unwrap_or_default(),
        period,
        needs,
        links,
        edition,
        updated,
    };
    Some((initiative, need_indices))
}

fn decode_link<'d>(cx: &mut Cx<'d>, value: &Value<'d>, path: &Path<'_>) -> Option<Link> {
    let map = cx.object(value, path)?;
    cx.unknown_fields(map, path, &["label", "url"]);
    let label = map.field("label").and_then(|v| cx.text(v, &path.key("label")));
    let url = cx.required(map, path, "url").and_then(|v| cx.link(v, &path.key("url")));
    Some(Link { label, url: url? })
}

/// Needs of an initiative or offers of a partner. In a lenient load a defective one is dropped
/// on its own; in a strict load its errors make the enclosing record fail.
fn sub_records<'d, T>(
    cx: &mut Cx<'d>,
    value: &Value<'d>,
    path: &Path<'_>,
    mut decode: impl FnMut(&mut Cx<'d>, &Value<'d>, &Path<'_>) -> Option<T>,
) -> Vec<At<T>> {
    let mut records = Vec::with_capacity(cx.arena.list(value).map_or(0, <[_]>::len));
    let mut index = 0;
    // Whether the list as a whole is sound does not matter here: each item answers for itself.
    let _ = cx.each_item(value, path, &mut |cx, item, path| {
        let mark = cx.mark();
        match decode(cx, item, path) {
            Some(record) if !cx.failed_since(mark) => records.push(At { index, record, sub_indices: Vec::new() }),
            _ if cx.mode == Mode::Lenient => cx.absorb_since(mark),
            _ => {}
        }
        index += 1;
    });
    records
}

/// Reports repeated ids among needs or offers and keeps the first of each, with their document
/// indices (in a lenient load the repeats are notices; in a strict one, errors of the record);
/// no indices when every one is kept (see [`At::sub_index`]).
fn first_of_each<'d, T>(
    cx: &mut Cx<'d>,
    records: Vec<At<T>>,
    path: &Path<'_>,
    id: fn(&T) -> &str,
    what: &str,
) -> (Vec<T>, Vec<usize>) {
    // The usual case, which needs no allocation beyond the kept records: a few, each at its own
    // index (none was dropped), none repeating an earlier one's id.
    let all_kept = records.iter().enumerate().all(|(n, at)| at.index == n);
    let distinct = || {
        let earlier = |n: usize| records.get(..n).unwrap_or_default().iter();
        records.iter().enumerate().all(|(n, at)| earlier(n).all(|before| id(&before.record) != id(&at.record)))
    };
    if all_kept && records.len() <= SCANNED && distinct() {
        return (records.into_iter().map(|at| at.record).collect(), Vec::new());
    }
    let first = {
        let mut ids = Vec::with_capacity(records.len());
        for at in &records {
            ids.push((at.index, id(&at.record)));
        }
        first_flags(cx, &ids, path, what)
    };
    let mut kept: Vec<T> = Vec::with_capacity(records.len());
    let mut indices = Vec::with_capacity(records.len());
    for (at, first) in records.into_iter().zip(first) {
        if first {
            kept.push(at.record);
            indices.push(at.index);
        }
    }
    (kept, indices)
}

/// Whether each (document index, id) is the first with its id, reporting the others. Not
/// generic, so that the hash table work exists once for needs and offers; borrowed ids in a
/// `HashMap<&str, usize>`, the table type the reference checks use, so no table code of its
/// own, and only for more than [`SCANNED`] ids (fewer are scanned).
#[inline(never)]
fn first_flags<'d>(cx: &mut Cx<'d>, ids: &[(usize, &str)], path: &Path<'_>, what: &str) -> Vec<bool> {
    let mut table: Option<HashMap<&str, usize>> = (ids.len() > SCANNED).then(|| map_with_capacity(ids.len()));
    let mut first = Vec::with_capacity(ids.len());
    for (at, &(index, key)) in ids.iter().enumerate() {
        let earlier = match &mut table {
            Some(table) => match table.get(key) {
                Some(&earlier) => Some(earlier),
                None => {
                    table.insert(key, index);
                    None
                }
            },
            None => ids.get(..at).unwrap_or_default().iter().find(|&&(_, id)| id == key).map(|&(earlier, _)| earlier),
        };
        match earlier {
            Some(earlier) => {
                let mark = cx.mark();
                let mut message = String::from("duplicate ");
                message.push_str(what);
                message.push_str(&quoted(" id ", key, "; the first is at index "));
                message.push_str(&earlier.to_string());
                cx.error(&path.index(index).key("id"), message);
                if cx.mode == Mode::Lenient {
                    cx.absorb_since(mark);
                }
                first.push(false);
            }
            None => first.push(true),
        }
    }
    first
}

/// The fields a need may have (besides `x-` extensions).
pub(crate) const NEED_FIELDS: &[&str] =
    &["id", "kind", "description", "amount", "unit", "skills", "period", "required", "weekdays", "dayparts"];

fn decode_need<'d>(cx: &mut Cx<'d>, value: &Value<'d>, path: &Path<'_>) -> Option<Need> {
    let map = cx.object(value, path)?;
    cx.unknown_fields(map, path, NEED_FIELDS);
    let id = cx.required(map, path, "id").and_then(|v| cx.id(v, &path.key("id"), NeedId::new));
    let kind = cx.field(map, path, "kind", kind);
    let description = cx.optional(map, path, "description", Cx::text);
    let amount = cx.optional(map, path, "amount", Cx::amount);
    let unit = unit(cx, map, path, kind);
    let skills = skill_list(cx, map, path);
    let period = cx.optional(map, path, "period", Cx::period);
    let required = cx.optional(map, path, "required", Cx::boolean);
    let (weekdays, dayparts) = times(cx, map, path);
    let (Some(id), Some(kind), Some(unit), Some(skills)) = (id, kind, unit, skills) else { return None };
    Some(Need {
        id,
        kind,
        description,
        amount,
        unit,
        skills,
        period,
        required: required.unwrap_or(true),
        weekdays,
        dayparts,
    })
}

/// The days of the week and the parts of the day of a need or an offer (each empty when absent).
/// An error in either makes the need or offer defective, as in its other fields.
#[inline(never)]
fn times<'d>(cx: &mut Cx<'d>, map: &'d Object<'d>, path: &Path<'_>) -> (Vec<Weekday>, Vec<Daypart>) {
    (list_of(cx, map, path, "weekdays", weekday), list_of(cx, map, path, "dayparts", daypart))
}

#[inline(never)]
fn decode_partner<'d>(cx: &mut Cx<'d>, value: &Value<'d>, path: &Path<'_>) -> Option<(Partner, Vec<usize>)> {
    let map = cx.object(value, path)?;
    cx.unknown_fields(
        map,
        path,
        &[
            "id",
            "name",
            "sector",
            "department",
            "areas",
            "location",
            "radius_km",
            "themes",
            "offers",
            "contact",
            "website",
        ],
    );
    let id = cx.required(map, path, "id").and_then(|v| cx.id(v, &path.key("id"), PartnerId::new));
    let name = cx.field(map, path, "name", Cx::name);
    let sector = cx.field(map, path, "sector", sector);
    let department = cx.optional(map, path, "department", Cx::name);
    let areas = match map.field("areas") {
        None => Some(Coverage::All),
        Some(Value::String(word)) if word == "all" => Some(Coverage::All),
        Some(v @ Value::Array(_)) => {
            cx.items(v, &path.key("areas"), |cx, v, p| cx.id(v, p, AreaId::new)).map(Coverage::Areas)
        }
        Some(other) => {
            cx.error(&path.key("areas"), described("must be \"all\" or a list of area ids, not ", other));
            None
        }
    };
    let location = cx.optional(map, path, "location", decode_location);
    let radius_km = cx.optional(map, path, "radius_km", Cx::amount);
    let themes = id_list(cx, map, path, "themes", ThemeId::new);
    let offers = map.field("offers").map(|v| sub_records(cx, v, &path.key("offers"), decode_offer)).unwrap_or_default();
    let contact = cx.optional(map, path, "contact", decode_contact);
    let website = cx.droppable(|cx| cx.optional(map, path, "website", Cx::url));
    let (offers, offer_indices) = first_of_each(cx, offers, &path.key("offers"), |offer| offer.id.as_str(), "offer");
    let (Some(id), Some(name), Some(sector), Some(areas), Some(themes)) = (id, name, sector, areas, themes) else {
        return None;
    };
    let partner =
        Partner { id, name, sector, department, areas, location, radius_km, themes, offers, contact, website };
    Some((partner, offer_indices))
}

/// The fields an offer may have (besides `x-` extensions).
pub(crate) const OFFER_FIELDS: &[&str] = &[
    "id",
    "kind",
    "description",
    "capacity",
    "unit",
    "per",
    "skills",
    "period",
    "conditions",
    "only_areas",
    "only_themes",
    "only_stages",
    "only_initiators",
    "min_amount",
    "max_amount",
    "weekdays",
    "dayparts",
];

fn decode_offer<'d>(cx: &mut Cx<'d>, value: &Value<'d>, path: &Path<'_>) -> Option<Offer> {
    let map = cx.object(value, path)?;
    cx.unknown_fields(map, path, OFFER_FIELDS);
    let id = cx.required(map, path, "id").and_then(|v| cx.id(v, &path.key("id"), OfferId::new));
    let kind = cx.field(map, path, "kind", kind);
    let description = cx.optional(map, path, "description", Cx::text);
    let capacity = cx.optional(map, path, "capacity", Cx::amount);
    let unit = unit(cx, map, path, kind);
    let per = match map.field("per") {
        None => Some(Per::Once),
        Some(v) => enum_value(cx, v, &path.key("per"), "period unit", &[Per::Once, Per::Month, Per::Year], Per::as_str),
    };
    let skills = skill_list(cx, map, path);
    let period = cx.optional(map, path, "period", Cx::period);
    let conditions = cx.optional(map, path, "conditions", Cx::text);
    // The conditions matching checks. An error in one makes the offer defective, as in its
    // other fields, so that a lenient load drops the offer with a notice: dropped alone, the
    // condition would leave the offer suggested to initiatives it is not for.
    let only_areas = id_list(cx, map, path, "only_areas", AreaId::new).unwrap_or_default();
    let only_themes = id_list(cx, map, path, "only_themes", ThemeId::new).unwrap_or_default();
    let only_stages = list_of(cx, map, path, "only_stages", stage);
    let only_initiators = list_of(cx, map, path, "only_initiators", sector);
    let min_amount = cx.optional(map, path, "min_amount", Cx::amount);
    let max_amount = cx.optional(map, path, "max_amount", Cx::amount);
    if let (Some(min), Some(max), Some(low), Some(high)) =
        (min_amount, max_amount, map.field("min_amount"), map.field("max_amount"))
        && max < min
    {
        let mut message = described("must be ≥ min_amount (", low);
        message.push_str(&described("), not ", high));
        cx.error(&path.key("max_amount"), message);
    }
    let (weekdays, dayparts) = times(cx, map, path);
    let (Some(id), Some(kind), Some(unit), Some(per), Some(skills)) = (id, kind, unit, per, skills) else {
        return None;
    };
    Some(Offer {
        id,
        kind,
        description,
        capacity,
        unit,
        per,
        skills,
        period,
        conditions,
        only_areas,
        only_themes,
        only_stages,
        only_initiators,
        min_amount,
        max_amount,
        weekdays,
        dayparts,
    })
}

#[inline(never)]
fn decode_commitment<'d>(cx: &mut Cx<'d>, value: &Value<'d>, path: &Path<'_>) -> Option<Commitment> {
    let map = cx.object(value, path)?;
    cx.unknown_fields(map, path, &["id", "initiative", "need", "partner", "offer", "amount", "status", "due", "note"]);
    let id = cx.required(map, path, "id").and_then(|v| cx.id(v, &path.key("id"), CommitmentId::new));
    let initiative =
        cx.required(map, path, "initiative").and_then(|v| cx.id(v, &path.key("initiative"), InitiativeId::new));
    let need = map.field("need").and_then(|v| cx.id(v, &path.key("need"), NeedId::new));
    let partner = cx.required(map, path, "partner").and_then(|v| cx.id(v, &path.key("partner"), PartnerId::new));
    let offer = map.field("offer").and_then(|v| cx.id(v, &path.key("offer"), OfferId::new));
    let amount = cx.optional(map, path, "amount", Cx::amount);
    let status = cx.required(map, path, "status").and_then(|v| {
        enum_value(cx, v, &path.key("status"), "status", CommitmentStatus::ALL, CommitmentStatus::as_str)
    });
    let due = cx.optional(map, path, "due", Cx::date);
    let note = cx.optional(map, path, "note", Cx::text);
    let (Some(id), Some(initiative), Some(partner), Some(status)) = (id, initiative, partner, status) else {
        return None;
    };
    Some(Commitment { id, initiative, need, partner, offer, amount, status, due, note })
}

#[inline(never)]
fn decode_edition<'d>(cx: &mut Cx<'d>, value: &Value<'d>, path: &Path<'_>) -> Option<Edition> {
    let map = cx.object(value, path)?;
    cx.unknown_fields(map, path, &["id", "title", "start", "end", "venue", "initiatives", "url"]);
    let id = cx.required(map, path, "id").and_then(|v| cx.id(v, &path.key("id"), EditionId::new));
    let title = cx.field(map, path, "title", Cx::required_text);
    let start = cx.field(map, path, "start", Cx::date);
    let end = cx.optional(map, path, "end", Cx::date);
    if let (Some(start), Some(end)) = (start, end)
        && end.compare(start).is_lt()
    {
        cx.error(&path.key("end"), format!("must not be before the start {start}, not \"{end}\""));
    }
    let venue = cx.optional(map, path, "venue", Cx::name);
    let initiatives = id_list(cx, map, path, "initiatives", InitiativeId::new);
    let url = cx.droppable(|cx| cx.optional(map, path, "url", Cx::url));
    let (Some(id), Some(title), Some(start), Some(initiatives)) = (id, title, start, initiatives) else { return None };
    Some(Edition { id, title, start, end, venue, initiatives, url })
}

#[inline(never)]
fn decode_policy<'d>(
    cx: &mut Cx<'d>,
    value: &'d Value<'d>,
    path: &Path<'_>,
    raw_ids: &mut Vec<(usize, &'d str)>,
) -> (Vec<crate::text::Text>, Vec<At<Rule>>) {
    let Some(map) = cx.object(value, path) else {
        return (Vec::new(), Vec::new());
    };
    cx.unknown_fields(map, path, &["principles", "rules"]);
    let mut principles = Vec::new();
    if let Some(v) = map.field("principles") {
        // Whether all principles are sound does not matter: each is kept or reported on its own.
        let _ = cx.each_item(v, &path.key("principles"), &mut |cx, v, p| {
            if let Some(principle) = cx.required_text(v, p) {
                principles.push(principle);
            }
        });
    }
    let rules = collection(cx, map.field("rules"), &path.key("rules"), raw_ids, plain(decode_rule));
    (principles, rules)
}

#[inline(never)]
fn decode_rule<'d>(cx: &mut Cx<'d>, value: &Value<'d>, path: &Path<'_>) -> Option<Rule> {
    let map = cx.object(value, path)?;
    cx.unknown_fields(map, path, &["id", "when", "advice", "contact"]);
    let id = cx.required(map, path, "id").and_then(|v| cx.id(v, &path.key("id"), RuleId::new));
    let when = cx.field(map, path, "when", decode_condition);
    let advice = cx.field(map, path, "advice", Cx::required_text);
    let contact = cx.optional(map, path, "contact", decode_contact);
    let (Some(id), Some(when), Some(advice)) = (id, when, advice) else { return None };
    Some(Rule { id, when, advice, contact })
}

#[inline(never)]
fn decode_condition<'d>(cx: &mut Cx<'d>, value: &Value<'d>, path: &Path<'_>) -> Option<Condition> {
    let map = cx.object(value, path)?;
    // An unread condition would make the rule apply to plans it was not meant for, every plan
    // if it was the only one (the typo `keyword`): an error in both modes, so that a lenient
    // load skips the rule with a notice rather than giving its advice everywhere.
    cx.unknown_fields_are_errors(map, path, &["need_kinds", "themes", "stages", "areas", "keywords", "min_amount"]);
    let need_kinds =
        map.field("need_kinds").map(|v| cx.items(v, &path.key("need_kinds"), kind)).unwrap_or(Some(Vec::new()));
    let themes = id_list(cx, map, path, "themes", ThemeId::new);
    let stages = map.field("stages").map(|v| cx.items(v, &path.key("stages"), stage)).unwrap_or(Some(Vec::new()));
    let areas = id_list(cx, map, path, "areas", AreaId::new);
    let keywords = map
        .field("keywords")
        .map(|v| cx.items(v, &path.key("keywords"), |cx, v, p| cx.name(v, p)))
        .unwrap_or(Some(Vec::new()));
    let min_amount = cx.optional(map, path, "min_amount", Cx::amount);
    let need_kinds = need_kinds?;
    if min_amount.is_some() && need_kinds.is_empty() {
        cx.error(&path.key("min_amount"), "needs need_kinds: the amount is that of a need of those kinds");
        return None;
    }
    let (Some(themes), Some(stages), Some(areas), Some(keywords)) = (themes, stages, areas, keywords) else {
        return None;
    };
    Some(Condition { need_kinds, themes, stages, areas, keywords, min_amount })
}

/// The weights the `matching` section may have.
pub(crate) const WEIGHT_NAMES: &[&str] =
    &["skills", "themes", "proximity", "period", "capacity", "diversity", "load", "text"];

#[inline(never)]
fn decode_matching<'d>(cx: &mut Cx<'d>, value: &Value<'d>, path: &Path<'_>) -> Option<MatchingWeights> {
    let map = cx.object(value, path)?;
    cx.unknown_fields(map, path, WEIGHT_NAMES);
    let mut weight = |name: &str| {
        map.field(name).and_then(|v| {
            let path = path.key(name);
            let weight = cx.number(v, &path)?;
            if weight < 0.0 {
                cx.error(&path, described("must be ≥ 0, not ", v));
                return None;
            }
            Some(weight)
        })
    };
    Some(MatchingWeights {
        skills: weight("skills"),
        themes: weight("themes"),
        proximity: weight("proximity"),
        period: weight("period"),
        capacity: weight("capacity"),
        diversity: weight("diversity"),
        load: weight("load"),
        text: weight("text"),
    })
}
