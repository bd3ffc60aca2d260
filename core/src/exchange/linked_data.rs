//! The initiatives as schema.org JSON-LD, so that search engines and open-data portals can read them.

use serde_json::{Map, Value, json};

use crate::model::{Dataset, Initiative, Kind, Sector};
use crate::text::Text;

/// What the JSON-LD export needs besides the dataset.
#[derive(Clone, Debug, Default)]
pub struct JsonLdConfig<'a> {
    /// The address of the page that shows the initiatives; each item then gets the `@id`
    /// `{page_url}#initiatief-{id}`. Without it items have no `@id`, only an `identifier`.
    pub page_url: Option<&'a str>,
}

/// The initiatives as a JSON-LD document: `{"@context": "https://schema.org", "@graph": [...]}`
/// with one item per initiative, in the dataset's order.
///
/// Each initiative is a schema.org `Project` (a kind of `Organization`: "an enterprise planned
/// to achieve a particular aim") with `identifier`, `name`, `description` (the summary, else
/// the description), `keywords` (its theme names), `areaServed` (its area as a `Place`, or the
/// municipality as an `AdministrativeArea`), `location` (a `Place` with `address` and
/// `GeoCoordinates`), `foundingDate` (the start of its period), `founder` (initiators: a
/// `Person` for residents and youth, else an `Organization`), `url` (its first web link), and
/// the partners of agreed or delivered commitments: `funder` for funding, `sponsor` for other
/// help. Translated texts become language-tagged values (`{"@value": …, "@language": "nl"}`).
///
/// ```
/// use verschilmaker::{Dataset, exchange::{JsonLdConfig, export_json_ld}};
/// let dataset = Dataset::from_json_strict(r#"{"schema": "verschilmaker/1",
///     "municipality": {"name": "Gemeente Voorbeeld", "languages": ["nl"]},
///     "initiatives": [{"id": "moestuin", "title": "Buurtmoestuin", "stage": "idea"}]}"#)?;
/// let json_ld = export_json_ld(&dataset, &JsonLdConfig { page_url: Some("https://voorbeeld.nl/initiatieven") });
/// let value: serde_json::Value = serde_json::from_str(&json_ld).unwrap();
/// assert_eq!(value["@graph"][0]["@type"], "Project");
/// assert_eq!(value["@graph"][0]["@id"], "https://voorbeeld.nl/initiatieven#initiatief-moestuin");
/// # Ok::<(), verschilmaker::LoadError>(())
/// ```
pub fn export_json_ld(dataset: &Dataset, config: &JsonLdConfig<'_>) -> String {
    let graph: Vec<Value> = dataset.initiatives.iter().map(|initiative| project(dataset, config, initiative)).collect();
    let document = json!({"@context": "https://schema.org", "@graph": graph});
    super::json_text_pretty(&document)
}

fn text(text: &Text) -> Value {
    match text {
        Text::Plain(plain) => Value::String(plain.clone()),
        Text::Translated(entries) => Value::Array(
            entries.iter().map(|(lang, value)| json!({"@value": value, "@language": lang.as_str()})).collect(),
        ),
    }
}

fn project(dataset: &Dataset, config: &JsonLdConfig<'_>, initiative: &Initiative) -> Value {
    let languages: Vec<&str> = dataset.municipality.languages.iter().map(|lang| lang.as_str()).collect();
    let mut item = Map::new();
    item.insert("@type".into(), "Project".into());
    if let Some(page) = config.page_url {
        item.insert("@id".into(), format!("{page}#initiatief-{}", initiative.id).into());
    }
    item.insert("identifier".into(), initiative.id.as_str().into());
    item.insert("name".into(), text(&initiative.title));
    if let Some(description) = initiative.summary.as_ref().or(initiative.description.as_ref()) {
        item.insert("description".into(), text(description));
    }
    let keywords: Vec<Value> = initiative
        .themes
        .iter()
        .filter_map(|id| dataset.theme(id))
        .map(|theme| theme.name.resolve(&languages).into())
        .collect();
    if !keywords.is_empty() {
        item.insert("keywords".into(), Value::Array(keywords));
    }
    let area = initiative.area.as_ref().and_then(|id| dataset.area(id));
    let served = match area {
        Some(area) => json!({"@type": "Place", "name": area.name}),
        None => json!({"@type": "AdministrativeArea", "name": dataset.municipality.name}),
    };
    item.insert("areaServed".into(), served);
    if let Some(location) = &initiative.location {
        let mut place = Map::new();
        place.insert("@type".into(), "Place".into());
        if let Some(address) = &location.address {
            place.insert("address".into(), address.as_str().into());
        }
        if let Some(point) = location.point() {
            place.insert(
                "geo".into(),
                json!({"@type": "GeoCoordinates", "latitude": point.lat, "longitude": point.lon}),
            );
        }
        item.insert("location".into(), Value::Object(place));
    }
    if let Some(period) = &initiative.period {
        item.insert("foundingDate".into(), period.start.to_string().into());
    }
    let founders: Vec<Value> = initiative
        .initiators
        .iter()
        .map(|initiator| {
            let person = matches!(initiator.sector, None | Some(Sector::Resident) | Some(Sector::Youth));
            json!({"@type": if person { "Person" } else { "Organization" }, "name": initiator.name})
        })
        .collect();
    if !founders.is_empty() {
        item.insert("founder".into(), Value::Array(founders));
    }
    if let Some(link) = initiative.links.iter().find(|link| link.url.starts_with("http")) {
        item.insert("url".into(), link.url.as_str().into());
    }
    let (mut funders, mut sponsors): (Vec<Value>, Vec<Value>) = (Vec::new(), Vec::new());
    let mut seen: Vec<(&str, bool)> = Vec::new();
    for commitment in dataset.commitments.iter().filter(|c| c.initiative == initiative.id && c.status.covers()) {
        let Some(partner) = dataset.partner(&commitment.partner) else { continue };
        let need_kind = commitment
            .need
            .as_ref()
            .and_then(|id| initiative.needs.iter().find(|need| need.id == *id))
            .map(|need| need.kind);
        let offer_kind = commitment
            .offer
            .as_ref()
            .and_then(|id| partner.offers.iter().find(|offer| offer.id == *id))
            .map(|offer| offer.kind);
        let funding = need_kind.or(offer_kind) == Some(Kind::Funding);
        if seen.contains(&(partner.id.as_str(), funding)) {
            continue;
        }
        seen.push((partner.id.as_str(), funding));
        let mut organisation = json!({"@type": "Organization", "name": partner.name});
        if let (Some(website), Value::Object(map)) = (&partner.website, &mut organisation) {
            map.insert("url".into(), website.as_str().into());
        }
        if funding { funders.push(organisation) } else { sponsors.push(organisation) }
    }
    if !funders.is_empty() {
        item.insert("funder".into(), Value::Array(funders));
    }
    if !sponsors.is_empty() {
        item.insert("sponsor".into(), Value::Array(sponsors));
    }
    Value::Object(item)
}
