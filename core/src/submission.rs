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

use crate::{Contact, Dataset, DateValue, Initiative, InitiativeId, LoadError, Partner};

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
        let record = match &self.record {
            Record::Initiative(initiative) => serde_json::to_value(initiative),
            Record::Partner(partner) => serde_json::to_value(partner),
        };
        // The model serialises to plain JSON values: strings, finite numbers, lists and maps.
        out.insert(self.record.kind().into(), record.unwrap_or(Value::Null));
        if let Some(contact) = &self.contact {
            out.insert("contact".into(), serde_json::to_value(contact).unwrap_or(Value::Null));
        }
        if !self.interest.is_empty() {
            out.insert("interest".into(), self.interest.iter().map(|id| Value::from(id.as_str())).collect());
        }
        if let Some(municipality) = &self.municipality {
            out.insert("municipality".into(), Value::from(municipality.as_str()));
        }
        if let Some(submitted) = &self.submitted {
            out.insert("submitted".into(), serde_json::to_value(submitted).unwrap_or(Value::Null));
        }
        Value::Object(out)
    }

    /// The document as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.to_value()).unwrap_or_default()
    }
}

/// Why a submission could not be added to a dataset.
#[derive(Debug)]
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
                id: OfferId::new("uren").unwrap(),
                kind: Kind::Volunteers,
                description: None,
                capacity: Some(8.0),
                unit: Kind::Volunteers.default_unit(),
                per: Per::Month,
                skills: vec![crate::SkillId::new("tuinieren").unwrap()],
                period: None,
                conditions: None,
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
}
