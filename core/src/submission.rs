//! The submission document: what the widget hands over to the municipality when a resident
//! starts an initiative or offers help, in format `verschilmaker-submission/1`.
//!
//! The record inside is exactly a dataset record (an initiative or a partner, field for field
//! format `verschilmaker/1`), so a facilitator can paste it into the data file; [`merge_into`]
//! does that and runs the strict check over the result. How to reach the person who sent it
//! stays beside the record, in `contact`, because an initiative record has no contact field
//! and a resident's address does not belong in a published file.
//!
//! ```json
//! {"schema": "verschilmaker-submission/1", "kind": "initiative",
//!  "initiative": {"id": "…", "title": "…", "stage": "idea", "needs": […]},
//!  "contact": {"name": "…", "email": "…"}, "submitted": "2026-05-01T10:00:00Z"}
//! ```

use std::fmt;

use serde_json::{Map, Value};

use crate::exchange::json_text_pretty;
use crate::{
    Contact, Coverage, Dataset, DateValue, Initiative, InitiativeId, LoadError, Location, Need, Offer, Partner, Period,
    Text,
};

/// The `schema` value of a submission document in this version.
pub const SUBMISSION_SCHEMA: &str = "verschilmaker-submission/1";

/// The dataset record a submission carries.
#[derive(Clone, Debug, PartialEq)]
pub enum Record {
    /// "Start an initiative": a new initiative (stage `idea` as a rule) with its needs.
    Initiative(Initiative),
    /// "Offer help": a partner record, for a resident usually with sector `resident` or
    /// `youth`, with one or more offers.
    Partner(Partner),
}

impl Record {
    /// `initiative` or `partner`: the document's `kind`, and the key the record is under.
    pub fn kind(&self) -> &'static str {
        match self {
            Record::Initiative(_) => "initiative",
            Record::Partner(_) => "partner",
        }
    }
}

/// One submission, as the widget sends it.
#[derive(Clone, Debug, PartialEq)]
pub struct Submission {
    /// The record for the data file.
    pub record: Record,
    /// How to reach the sender; kept out of the record because it is not for publication.
    pub contact: Option<Contact>,
    /// The initiatives a helper said they want to help (from "I want to help" on their page).
    pub interest: Vec<InitiativeId>,
    /// The municipality's name from the dataset the form was filled in against.
    pub municipality: Option<String>,
    /// When the visitor sent it.
    pub submitted: Option<DateValue>,
}

impl Submission {
    /// The document as a JSON value, fields in a fixed order.
    pub fn to_value(&self) -> Value {
        let mut out = Map::new();
        out.insert("schema".into(), Value::from(SUBMISSION_SCHEMA));
        out.insert("kind".into(), Value::from(self.record.kind()));
        out.insert(self.record.kind().into(), record_value(&self.record));
        if let Some(contact) = &self.contact {
            out.insert("contact".into(), contact_value(contact));
        }
        if !self.interest.is_empty() {
            out.insert("interest".into(), self.interest.iter().map(|id| Value::from(id.as_str())).collect());
        }
        if let Some(municipality) = &self.municipality {
            out.insert("municipality".into(), Value::from(municipality.as_str()));
        }
        if let Some(submitted) = &self.submitted {
            out.insert("submitted".into(), date_value(submitted));
        }
        Value::Object(out)
    }

    /// The document as pretty-printed JSON (two spaces, as `serde_json::to_string_pretty`).
    pub fn to_json(&self) -> String {
        json_text_pretty(&self.to_value())
    }
}

/// The record as a JSON value: field for field, in the same order and with the same fields left
/// out, what the model's serde `Serialize` writes (a test compares the two on every record of
/// the demo dataset and on records with every optional field).
///
/// Why by hand? This is all the widget serialises from the model, and serde's derived impls
/// with serde_json's value serializer added about 20 KB raw to the residents' wasm bundle.
fn record_value(record: &Record) -> Value {
    match record {
        Record::Initiative(initiative) => initiative_value(initiative),
        Record::Partner(partner) => partner_value(partner),
    }
}

/// Adds `key: value`.
fn put(out: &mut Map<String, Value>, key: &str, value: Value) {
    out.insert(key.to_owned(), value);
}

/// Adds `key: value` when there is a value.
fn put_some(out: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(value) = value {
        out.insert(key.to_owned(), value);
    }
}

/// Adds `key: [..]` when the list is not empty.
fn put_list(out: &mut Map<String, Value>, key: &str, list: Vec<Value>) {
    if !list.is_empty() {
        out.insert(key.to_owned(), Value::Array(list));
    }
}

fn string(text: &str) -> Value {
    Value::String(text.to_owned())
}

fn text_value(text: &Text) -> Value {
    match text {
        Text::Plain(text) => string(text),
        Text::Translated(entries) => {
            Value::Object(entries.iter().map(|(lang, text)| (lang.as_str().to_owned(), string(text))).collect())
        }
    }
}

fn date_value(date: &DateValue) -> Value {
    Value::String(date.to_string())
}

fn period_value(period: &Period) -> Value {
    let mut out = Map::new();
    put(&mut out, "start", date_value(&period.start));
    put_some(&mut out, "end", period.end.as_ref().map(date_value));
    Value::Object(out)
}

fn location_value(location: &Location) -> Value {
    let mut out = Map::new();
    put_some(&mut out, "lat", location.lat.map(Value::from));
    put_some(&mut out, "lon", location.lon.map(Value::from));
    put_some(&mut out, "address", location.address.as_deref().map(string));
    Value::Object(out)
}

/// A contact as the dataset writes it.
fn contact_value(contact: &Contact) -> Value {
    let mut out = Map::new();
    put_some(&mut out, "name", contact.name.as_deref().map(string));
    put_some(&mut out, "email", contact.email.as_deref().map(string));
    put_some(&mut out, "phone", contact.phone.as_deref().map(string));
    put_some(&mut out, "url", contact.url.as_deref().map(string));
    Value::Object(out)
}

fn initiative_value(initiative: &Initiative) -> Value {
    let mut out = Map::new();
    put(&mut out, "id", string(initiative.id.as_str()));
    put(&mut out, "title", text_value(&initiative.title));
    put_some(&mut out, "summary", initiative.summary.as_ref().map(text_value));
    put_some(&mut out, "description", initiative.description.as_ref().map(text_value));
    put_list(&mut out, "themes", initiative.themes.iter().map(|id| string(id.as_str())).collect());
    put_some(&mut out, "area", initiative.area.as_ref().map(|id| string(id.as_str())));
    put_some(&mut out, "location", initiative.location.as_ref().map(location_value));
    put(&mut out, "stage", string(initiative.stage.as_str()));
    let initiators = initiative.initiators.iter().map(|initiator| {
        let mut out = Map::new();
        put(&mut out, "name", string(&initiator.name));
        put_some(&mut out, "sector", initiator.sector.map(|sector| string(sector.as_str())));
        Value::Object(out)
    });
    put_list(&mut out, "initiators", initiators.collect());
    put_list(&mut out, "audience", initiative.audience.iter().map(|tag| string(tag)).collect());
    put_some(&mut out, "period", initiative.period.as_ref().map(period_value));
    put_list(&mut out, "needs", initiative.needs.iter().map(need_value).collect());
    let links = initiative.links.iter().map(|link| {
        let mut out = Map::new();
        put_some(&mut out, "label", link.label.as_ref().map(text_value));
        put(&mut out, "url", string(&link.url));
        Value::Object(out)
    });
    put_list(&mut out, "links", links.collect());
    put_some(&mut out, "edition", initiative.edition.as_ref().map(|id| string(id.as_str())));
    put_some(&mut out, "updated", initiative.updated.as_ref().map(date_value));
    Value::Object(out)
}

fn need_value(need: &Need) -> Value {
    let mut out = Map::new();
    put(&mut out, "id", string(need.id.as_str()));
    put(&mut out, "kind", string(need.kind.as_str()));
    put_some(&mut out, "description", need.description.as_ref().map(text_value));
    put_some(&mut out, "amount", need.amount.map(Value::from));
    put(&mut out, "unit", string(need.unit.as_str()));
    put_list(&mut out, "skills", need.skills.iter().map(|id| string(id.as_str())).collect());
    put_some(&mut out, "period", need.period.as_ref().map(period_value));
    put(&mut out, "required", Value::Bool(need.required));
    put_list(&mut out, "weekdays", need.weekdays.iter().map(|day| string(day.as_str())).collect());
    put_list(&mut out, "dayparts", need.dayparts.iter().map(|part| string(part.as_str())).collect());
    Value::Object(out)
}

fn partner_value(partner: &Partner) -> Value {
    let mut out = Map::new();
    put(&mut out, "id", string(partner.id.as_str()));
    put(&mut out, "name", string(&partner.name));
    put(&mut out, "sector", string(partner.sector.as_str()));
    put_some(&mut out, "department", partner.department.as_deref().map(string));
    let areas = match &partner.areas {
        Coverage::All => string("all"),
        Coverage::Areas(areas) => Value::Array(areas.iter().map(|id| string(id.as_str())).collect()),
    };
    put(&mut out, "areas", areas);
    put_some(&mut out, "location", partner.location.as_ref().map(location_value));
    put_some(&mut out, "radius_km", partner.radius_km.map(Value::from));
    put_list(&mut out, "themes", partner.themes.iter().map(|id| string(id.as_str())).collect());
    put_list(&mut out, "offers", partner.offers.iter().map(offer_value).collect());
    put_some(&mut out, "contact", partner.contact.as_ref().map(contact_value));
    put_some(&mut out, "website", partner.website.as_deref().map(string));
    Value::Object(out)
}

fn offer_value(offer: &Offer) -> Value {
    let mut out = Map::new();
    put(&mut out, "id", string(offer.id.as_str()));
    put(&mut out, "kind", string(offer.kind.as_str()));
    put_some(&mut out, "description", offer.description.as_ref().map(text_value));
    put_some(&mut out, "capacity", offer.capacity.map(Value::from));
    put(&mut out, "unit", string(offer.unit.as_str()));
    put(&mut out, "per", string(offer.per.as_str()));
    put_list(&mut out, "skills", offer.skills.iter().map(|id| string(id.as_str())).collect());
    put_some(&mut out, "period", offer.period.as_ref().map(period_value));
    put_some(&mut out, "conditions", offer.conditions.as_ref().map(text_value));
    put_list(&mut out, "only_areas", offer.only_areas.iter().map(|id| string(id.as_str())).collect());
    put_list(&mut out, "only_themes", offer.only_themes.iter().map(|id| string(id.as_str())).collect());
    put_list(&mut out, "only_stages", offer.only_stages.iter().map(|stage| string(stage.as_str())).collect());
    put_list(&mut out, "only_initiators", offer.only_initiators.iter().map(|sector| string(sector.as_str())).collect());
    put_some(&mut out, "min_amount", offer.min_amount.map(Value::from));
    put_some(&mut out, "max_amount", offer.max_amount.map(Value::from));
    put_list(&mut out, "weekdays", offer.weekdays.iter().map(|day| string(day.as_str())).collect());
    put_list(&mut out, "dayparts", offer.dayparts.iter().map(|part| string(part.as_str())).collect());
    Value::Object(out)
}

/// Why a submission could not be added to a dataset.
#[derive(Debug)]
#[non_exhaustive]
pub enum SubmissionError {
    /// The document is not JSON, or not an object.
    Syntax(String),
    /// `schema` is missing or names another format or version.
    Schema(String),
    /// `kind` is missing or unknown, or the record is not under it.
    Kind(String),
    /// The dataset with the record added fails the strict check.
    Record(LoadError),
}

impl fmt::Display for SubmissionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SubmissionError::Syntax(why) => write!(f, "not a submission document: {why}"),
            SubmissionError::Schema(found) => {
                write!(f, "schema: expected \"{SUBMISSION_SCHEMA}\", found {found}")
            }
            SubmissionError::Kind(why) => write!(f, "kind: {why}"),
            SubmissionError::Record(error) => write!(f, "the record does not fit the data file: {error}"),
        }
    }
}

impl std::error::Error for SubmissionError {}

/// Adds the record of a submission document to `dataset`, as a facilitator would paste it into
/// the data file, and checks the result strictly: the record must be a valid record whose
/// themes, areas and skills exist, with an id the dataset does not have yet.
///
/// ```
/// use verschilmaker::Dataset;
/// use verschilmaker::submission::merge_into;
/// let dataset = Dataset::from_json_strict(r#"{"schema": "verschilmaker/1",
///   "municipality": {"name": "G", "languages": ["nl"]}}"#)?;
/// let merged = merge_into(r#"{"schema": "verschilmaker-submission/1", "kind": "initiative",
///   "initiative": {"id": "buurtfeest", "title": "Buurtfeest", "stage": "idea"}}"#, &dataset).unwrap();
/// assert_eq!(merged.initiatives[0].id.as_str(), "buurtfeest");
/// # Ok::<(), verschilmaker::LoadError>(())
/// ```
pub fn merge_into(submission: &str, dataset: &Dataset) -> Result<Dataset, SubmissionError> {
    let document: Value = serde_json::from_str(submission).map_err(|e| SubmissionError::Syntax(e.to_string()))?;
    let Value::Object(mut document) = document else {
        return Err(SubmissionError::Syntax("the document is not a JSON object".into()));
    };
    match document.get("schema") {
        Some(Value::String(schema)) if schema == SUBMISSION_SCHEMA => {}
        Some(other) => return Err(SubmissionError::Schema(other.to_string())),
        None => return Err(SubmissionError::Schema("nothing".into())),
    }
    let (collection, key) = match document.get("kind").and_then(Value::as_str) {
        Some("initiative") => ("initiatives", "initiative"),
        Some("partner") => ("partners", "partner"),
        Some(other) => return Err(SubmissionError::Kind(format!("unknown kind {other:?}"))),
        None => return Err(SubmissionError::Kind("missing".into())),
    };
    let record = document.remove(key).ok_or_else(|| SubmissionError::Kind(format!("no {key:?} record")))?;
    let mut merged = serde_json::to_value(dataset).map_err(|e| SubmissionError::Syntax(e.to_string()))?;
    if let Value::Object(root) = &mut merged {
        let list = root.entry(collection).or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(list) = list {
            list.push(record);
        }
    }
    Dataset::from_json_strict(&merged.to_string()).map_err(SubmissionError::Record)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Coverage, Kind, Need, NeedId, Offer, OfferId, PartnerId, Per, Sector, Stage, Text};

    const DATA: &str = r#"{"schema": "verschilmaker/1",
        "municipality": {"name": "Gemeente G", "languages": ["nl", "en"]},
        "areas": [{"id": "noord", "name": "Noord", "postcodes": ["5211"]}],
        "themes": [{"id": "groen", "name": "Groen"}],
        "skills": [{"id": "tuinieren", "name": "Tuinieren"}],
        "initiatives": [{"id": "bestaand", "title": "Bestaand", "stage": "running"}]}"#;

    fn initiative() -> Initiative {
        Initiative {
            id: InitiativeId::new("buurtmoestuin-2026").unwrap(),
            title: Text::plain("Buurtmoestuin \"De Vlier\"\nmet een regel erbij"),
            summary: Some(Text::plain("Samen groente kweken")),
            description: None,
            themes: vec![crate::ThemeId::new("groen").unwrap()],
            area: crate::AreaId::new("noord"),
            location: None,
            stage: Stage::Idea,
            initiators: vec![crate::Initiator { name: "Fatima".into(), sector: Some(Sector::Resident) }],
            audience: Vec::new(),
            period: None,
            needs: vec![Need {
                id: NeedId::new("handen").unwrap(),
                kind: Kind::Volunteers,
                description: Some(Text::plain("Wie helpt?")),
                amount: Some(40.5),
                unit: Kind::Volunteers.default_unit(),
                skills: vec![crate::SkillId::new("tuinieren").unwrap()],
                period: None,
                required: true,
                weekdays: Vec::new(),
                dayparts: Vec::new(),
            }],
            links: Vec::new(),
            edition: None,
            updated: DateValue::parse("2026-05-01"),
        }
    }

    fn submission(record: Record) -> Submission {
        Submission {
            record,
            contact: Some(Contact {
                name: Some("Fatima".into()),
                email: Some("f@example.org".into()),
                phone: None,
                url: None,
            }),
            interest: Vec::new(),
            municipality: Some("Gemeente G".into()),
            submitted: DateValue::parse("2026-05-01T10:00:00Z"),
        }
    }

    #[test]
    fn an_initiative_submission_is_the_dataset_record_and_merges_back_unchanged() {
        let dataset = Dataset::from_json_strict(DATA).unwrap();
        let sent = submission(Record::Initiative(initiative()));
        let value = sent.to_value();
        assert_eq!(value["schema"], SUBMISSION_SCHEMA);
        assert_eq!(value["kind"], "initiative");
        assert_eq!(value["initiative"]["needs"][0]["amount"], 40.5);
        assert_eq!(value["contact"]["email"], "f@example.org");
        assert_eq!(value["submitted"], "2026-05-01T10:00:00Z");
        assert!(value["initiative"].get("contact").is_none(), "the contact is not in the record");
        let merged = merge_into(&sent.to_json(), &dataset).unwrap();
        assert_eq!(merged.initiatives.len(), 2);
        assert_eq!(merged.initiatives[1], initiative());
    }

    #[test]
    fn a_partner_submission_merges_back_unchanged() {
        let dataset = Dataset::from_json_strict(DATA).unwrap();
        let partner = Partner {
            id: PartnerId::new("hulp-jan").unwrap(),
            name: "Jan".into(),
            sector: Sector::Resident,
            department: None,
            areas: Coverage::Areas(vec![crate::AreaId::new("noord").unwrap()]),
            location: None,
            radius_km: None,
            themes: vec![crate::ThemeId::new("groen").unwrap()],
            offers: vec![Offer {
                capacity: Some(8.0),
                per: Per::Month,
                skills: vec![crate::SkillId::new("tuinieren").unwrap()],
                ..Offer::new(OfferId::new("uren").unwrap(), Kind::Volunteers)
            }],
            contact: Some(Contact { name: None, email: Some("jan@example.org".into()), phone: None, url: None }),
            website: None,
        };
        let mut sent = submission(Record::Partner(partner.clone()));
        sent.interest.push(InitiativeId::new("bestaand").unwrap());
        let value = sent.to_value();
        assert_eq!((value["kind"].as_str(), value["interest"][0].as_str()), (Some("partner"), Some("bestaand")));
        let merged = merge_into(&sent.to_json(), &dataset).unwrap();
        assert_eq!(merged.partners, [partner]);
    }

    #[test]
    fn wrong_documents_are_refused_with_the_reason() {
        let dataset = Dataset::from_json_strict(DATA).unwrap();
        let refused = |json: &str| merge_into(json, &dataset).unwrap_err().to_string();
        assert!(refused("{").starts_with("not a submission document"));
        assert!(refused("[]").contains("not a JSON object"));
        assert!(refused(r#"{"schema": "verschilmaker-submission/2", "kind": "initiative"}"#).starts_with("schema:"));
        assert!(refused(r#"{"schema": "verschilmaker-submission/1", "kind": "commitment"}"#).contains("unknown kind"));
        assert!(refused(r#"{"schema": "verschilmaker-submission/1", "kind": "partner"}"#).contains("no \"partner\""));
        // A record with an unknown theme, or with a taken id, fails the strict check, with its path.
        let mut bad = initiative();
        bad.themes.push(crate::ThemeId::new("groenn").unwrap());
        let message = refused(&submission(Record::Initiative(bad)).to_json());
        assert!(message.contains("initiatives[1].themes[1]") && message.contains("groenn"), "{message}");
        let mut taken = initiative();
        taken.id = InitiativeId::new("bestaand").unwrap();
        let message = refused(&submission(Record::Initiative(taken)).to_json());
        assert!(message.contains("initiatives[1].id: duplicate id"), "{message}");
    }

    /// The hand-written record values against the model's serde `Serialize`, as text, so that
    /// field order counts.
    fn check_record(record: Record) {
        let derived = match &record {
            Record::Initiative(initiative) => serde_json::to_string_pretty(initiative).unwrap(),
            Record::Partner(partner) => serde_json::to_string_pretty(partner).unwrap(),
        };
        assert_eq!(json_text_pretty(&record_value(&record)), derived);
    }

    #[test]
    fn records_are_written_as_the_model_serialises_them() {
        let demo = Dataset::from_json_strict(include_str!("../demo/initiatieven.json")).unwrap();
        for initiative in &demo.initiatives {
            check_record(Record::Initiative(initiative.clone()));
        }
        for partner in &demo.partners {
            check_record(Record::Partner(partner.clone()));
        }
        // Every optional field, translated texts, a period with an end, odd numbers.
        let lang = |code: &str| crate::Lang::new(code).unwrap();
        let translated = Text::Translated(vec![(lang("nl"), "Tuin \"x\"\n".into()), (lang("en"), "Garden".into())]);
        let period = Period {
            start: DateValue::parse("2026-05-01").unwrap(),
            end: DateValue::parse("2026-06-01T10:00:00+02:00"),
        };
        let location = Location { lat: Some(51.69), lon: Some(5.3), address: Some("Markt 1".into()) };
        let mut full = initiative();
        full.description = Some(translated.clone());
        full.location = Some(location.clone());
        full.audience = vec!["jongeren".into()];
        full.period = Some(period);
        full.initiators.push(crate::Initiator { name: "Zonder sector".into(), sector: None });
        full.links = vec![
            crate::Link { label: Some(translated.clone()), url: "https://example.org".into() },
            crate::Link { label: None, url: "tel:0123".into() },
        ];
        full.edition = crate::EditionId::new("pitch-2026");
        full.needs[0].period = Some(period);
        full.needs[0].amount = Some(1e-7);
        full.needs[0].weekdays = vec![crate::Weekday::Saturday, crate::Weekday::Monday];
        full.needs[0].dayparts = vec![crate::Daypart::Evening];
        full.needs.push(Need {
            amount: None,
            required: false,
            description: None,
            skills: Vec::new(),
            weekdays: Vec::new(),
            dayparts: Vec::new(),
            ..full.needs[0].clone()
        });
        check_record(Record::Initiative(full));
        let mut bare = initiative();
        (bare.summary, bare.themes, bare.area, bare.initiators, bare.needs, bare.updated) =
            (None, Vec::new(), None, Vec::new(), Vec::new(), None);
        check_record(Record::Initiative(bare));
        let partner = Partner {
            id: PartnerId::new("p").unwrap(),
            name: "P".into(),
            sector: Sector::Foundation,
            department: Some("Afdeling".into()),
            areas: Coverage::All,
            location: Some(Location { lat: None, lon: None, address: Some("Ergens".into()) }),
            radius_km: Some(2.5),
            themes: vec![crate::ThemeId::new("groen").unwrap()],
            offers: vec![Offer {
                id: OfferId::new("o").unwrap(),
                kind: Kind::Funding,
                description: Some(translated.clone()),
                capacity: Some(1234567.89),
                unit: Kind::Funding.default_unit(),
                per: Per::Year,
                skills: vec![crate::SkillId::new("s").unwrap()],
                period: Some(period),
                conditions: Some(Text::plain("Alleen in 2026")),
                only_areas: vec![crate::AreaId::new("noord").unwrap()],
                only_themes: vec![crate::ThemeId::new("groen").unwrap()],
                only_stages: vec![Stage::Idea, Stage::Starting],
                only_initiators: vec![Sector::Institution],
                min_amount: Some(250.0),
                max_amount: Some(1e-7 + 750.5),
                weekdays: vec![crate::Weekday::Sunday],
                dayparts: vec![crate::Daypart::Morning, crate::Daypart::Afternoon],
            }],
            contact: Some(Contact {
                name: Some("N".into()),
                email: None,
                phone: Some("06".into()),
                url: Some("https://p.example".into()),
            }),
            website: Some("https://p.example".into()),
        };
        check_record(Record::Partner(partner.clone()));
        let bare = Partner {
            department: None,
            location: None,
            radius_km: None,
            themes: Vec::new(),
            offers: Vec::new(),
            contact: None,
            website: None,
            areas: Coverage::Areas(Vec::new()),
            ..partner
        };
        check_record(Record::Partner(bare));
    }

    #[test]
    fn the_document_is_written_as_serde_json_writes_it() {
        let mut sent = submission(Record::Initiative(initiative()));
        sent.interest.push(InitiativeId::new("bestaand").unwrap());
        assert_eq!(sent.to_json(), serde_json::to_string_pretty(&sent.to_value()).unwrap());
    }
}
