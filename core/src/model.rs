//! The domain model: a municipality's dataset of areas, initiatives with their needs, partners with their offers, commitments, pitch editions and policy.
//!
//! The field names follow the dataset format v1 (see `schema/verschilmaker-1.schema.json`).
//! With the `serde` feature the model serialises to that format; reading goes through the
//! validating loader, also when a [`Dataset`] is deserialised with serde, because the format has
//! defaults and rules (a need's unit follows its kind, references must resolve) that a derived
//! `Deserialize` would not know.
//! Values in a [`Dataset`] that came from [`Dataset::from_json_strict`] or
//! [`Dataset::from_json_lenient`](crate::Dataset::from_json_lenient) have been validated:
//! ids are unique, references resolve, numbers are finite and in range.

use crate::date::{DateValue, Period};
use crate::ids::*;
use crate::text::{Lang, Text};
use crate::trig;

#[cfg(feature = "serde")]
use serde::Serialize;

/// The schema name and version every dataset declares.
pub const SCHEMA: &str = "verschilmaker/1";

/// A whole dataset as a municipality publishes it.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct Dataset {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// Who publishes the data.
    pub municipality: Municipality,
    /// Districts and neighbourhoods.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub areas: Vec<Area>,
    /// The theme vocabulary.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub themes: Vec<Theme>,
    /// The skill vocabulary; when empty, skills are free lowercase tags.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub skills: Vec<Skill>,
    /// Citizen initiatives.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub initiatives: Vec<Initiative>,
    /// Partners who can help (waarmakers).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub partners: Vec<Partner>,
    /// Agreed follow-up actions (afspraken).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub commitments: Vec<Commitment>,
    /// Pitch event editions.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub editions: Vec<Edition>,
    /// Policy principles and rules.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Policy::is_empty"))]
    pub policy: Policy,
    /// Weights of the matching score components that the municipality overrides.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub matching: Option<MatchingWeights>,
}

impl Dataset {
    /// An empty dataset of `municipality`, in the current [`SCHEMA`].
    ///
    /// ```
    /// use verschilmaker::{Dataset, Initiative, Kind, Lang, Municipality, Need, Stage, Text};
    /// let mut dataset = Dataset::new(Municipality::new("Gemeente Voorbeeld", vec![Lang::new("nl").unwrap()]));
    /// let mut garden = Initiative::new("moestuin".parse()?, Text::plain("Buurtmoestuin"), Stage::Idea);
    /// garden.needs.push(Need::new("handen".parse()?, Kind::Volunteers));
    /// dataset.initiatives.push(garden);
    /// assert_eq!(dataset.initiatives[0].needs[0].unit.as_str(), "hours");
    /// # Ok::<(), verschilmaker::ParseError>(())
    /// ```
    pub fn new(municipality: Municipality) -> Dataset {
        Dataset {
            schema: SCHEMA.to_owned(),
            municipality,
            areas: Vec::new(),
            themes: Vec::new(),
            skills: Vec::new(),
            initiatives: Vec::new(),
            partners: Vec::new(),
            commitments: Vec::new(),
            editions: Vec::new(),
            policy: Policy::default(),
            matching: None,
        }
    }
}

/// An empty dataset: a municipality without a name or languages, and no records. What a
/// workbench starts from before a file is opened, and what the sheet templates are derived from.
///
/// ```
/// use verschilmaker::Dataset;
/// let empty = Dataset::default();
/// assert!(empty.initiatives.is_empty() && empty.municipality.name.is_empty());
/// ```
impl Default for Dataset {
    fn default() -> Dataset {
        Dataset::new(Municipality::new(String::new(), Vec::new()))
    }
}

impl Dataset {
    /// The area with this id.
    pub fn area(&self, id: &AreaId) -> Option<&Area> {
        self.areas.iter().find(|area| area.id == *id)
    }

    /// The theme with this id.
    pub fn theme(&self, id: &ThemeId) -> Option<&Theme> {
        self.themes.iter().find(|theme| theme.id == *id)
    }

    /// The skill with this id in the vocabulary.
    pub fn skill(&self, id: &SkillId) -> Option<&Skill> {
        self.skills.iter().find(|skill| skill.id == *id)
    }

    /// The initiative with this id.
    pub fn initiative(&self, id: &InitiativeId) -> Option<&Initiative> {
        self.initiatives.iter().find(|initiative| initiative.id == *id)
    }

    /// The partner with this id.
    pub fn partner(&self, id: &PartnerId) -> Option<&Partner> {
        self.partners.iter().find(|partner| partner.id == *id)
    }

    /// The edition with this id.
    pub fn edition(&self, id: &EditionId) -> Option<&Edition> {
        self.editions.iter().find(|edition| edition.id == *id)
    }

    /// The innermost area whose postcodes include the PC4 of `postcode` (see [`crate::pc4`]):
    /// of the areas that list it, the first none of whose children lists it too. `None` when
    /// `postcode` is not a Dutch postcode or no area lists it.
    ///
    /// ```
    /// use verschilmaker::Dataset;
    /// let dataset = Dataset::from_json_strict(r#"{"schema": "verschilmaker/1",
    ///   "municipality": {"name": "G", "languages": ["nl"]},
    ///   "areas": [{"id": "noord", "name": "Noord", "postcodes": ["5211", "5212"]},
    ///             {"id": "vliert", "name": "Vliertuinen", "parent": "noord", "postcodes": ["5212"]}]}"#)?;
    /// assert_eq!(dataset.area_of_postcode("5212 AB").map(|a| a.as_str()), Some("vliert"));
    /// assert_eq!(dataset.area_of_postcode("5211").map(|a| a.as_str()), Some("noord"));
    /// assert_eq!(dataset.area_of_postcode("0211"), None);
    /// # Ok::<(), verschilmaker::LoadError>(())
    /// ```
    pub fn area_of_postcode(&self, postcode: &str) -> Option<&AreaId> {
        let pc4 = crate::pc4(postcode)?;
        let lists = |area: &&Area| area.postcodes.iter().any(|p| p == pc4);
        let mut within = self.areas.iter().filter(lists);
        let first = within.clone().next()?;
        let innermost =
            within.find(|area| !self.areas.iter().filter(lists).any(|c| c.parent.as_ref() == Some(&area.id)));
        Some(&innermost.unwrap_or(first).id)
    }

    /// Whether `area` is `ancestor` or lies (transitively) inside it.
    ///
    /// Parent links are acyclic in a validated dataset; the walk is bounded anyway.
    pub fn area_within(&self, area: &AreaId, ancestor: &AreaId) -> bool {
        let mut current = Some(area);
        for _ in 0..=self.areas.len() {
            match current {
                Some(id) if id == ancestor => return true,
                Some(id) => current = self.area(id).and_then(|found| found.parent.as_ref()),
                None => return false,
            }
        }
        false
    }
}

/// The municipality that publishes the dataset.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct Municipality {
    /// Its name, for example "Gemeente Verschilstad".
    pub name: String,
    /// The CBS code, `GM` and four digits.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub code: Option<String>,
    /// The languages of its texts, most important first; never empty.
    pub languages: Vec<Lang>,
    /// The single counter (loket) for initiatives.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub contact: Option<Contact>,
}

impl Municipality {
    /// A municipality with its name and the languages of its texts, most important first.
    pub fn new(name: impl Into<String>, languages: Vec<Lang>) -> Municipality {
        Municipality { name: name.into(), code: None, languages, contact: None }
    }
}

/// How to reach someone: at least one of email, phone and url.
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct Contact {
    /// A person or desk.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub name: Option<String>,
    /// A well-formed email address.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub email: Option<String>,
    /// A phone number as written.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub phone: Option<String>,
    /// An http or https address.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub url: Option<String>,
}

/// A point on the earth in WGS 84 degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct LatLon {
    /// Latitude, -90 to 90.
    pub lat: f64,
    /// Longitude, -180 to 180.
    pub lon: f64,
}

impl LatLon {
    /// The great-circle distance in kilometres (haversine on a sphere of radius 6371 km).
    ///
    /// Coordinates outside ±90 and ±180 (which the loader rejects) are clamped to that range.
    pub fn distance_km(self, other: LatLon) -> f64 {
        // Clamped so that every angle below is within ±π, the range `trig` is made for.
        let (a, b) = (self.clamped(), other.clamped());
        let (lat1, lat2) = (a.lat.to_radians(), b.lat.to_radians());
        let d_lat = lat2 - lat1;
        let d_lon = (b.lon - a.lon).to_radians();
        let h = trig::sin(d_lat / 2.0).powi(2) + trig::cos(lat1) * trig::cos(lat2) * trig::sin(d_lon / 2.0).powi(2);
        2.0 * 6371.0 * h.sqrt().min(1.0).asin()
    }

    /// How long a degree of longitude is at this latitude, relative to one on the equator:
    /// cos(lat), what an equirectangular map centred here multiplies longitudes by.
    ///
    /// A latitude outside ±90 (which the loader rejects) is clamped to that range.
    pub fn parallel_scale(self) -> f64 {
        trig::cos(self.clamped().lat.to_radians())
    }

    /// The point with latitude and longitude clamped to ±90 and ±180 (NaN stays NaN).
    pub(crate) fn clamped(self) -> LatLon {
        LatLon { lat: self.lat.clamp(-90.0, 90.0), lon: self.lon.clamp(-180.0, 180.0) }
    }
}

/// Where something is: a point, an address, or both.
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct Location {
    /// Latitude; given together with `lon`.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub lat: Option<f64>,
    /// Longitude; given together with `lat`.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub lon: Option<f64>,
    /// A street address as written.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub address: Option<String>,
}

impl Location {
    /// The point, when both coordinates are given.
    pub fn point(&self) -> Option<LatLon> {
        Some(LatLon { lat: self.lat?, lon: self.lon? })
    }
}

/// A district (wijk) or neighbourhood (buurt).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct Area {
    /// Unique among areas.
    pub id: AreaId,
    /// Its proper name.
    pub name: String,
    /// The enclosing area; areas form a forest.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub parent: Option<AreaId>,
    /// A representative point, written `[lat, lon]`.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub centroid: Option<[f64; 2]>,
    /// Four-digit postcodes (PC4) in the area.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub postcodes: Vec<String>,
    /// The outline, as GeoJSON geometry with `[lon, lat]` positions.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub boundary: Option<Boundary>,
}

impl Area {
    /// An area with nothing but its id and name.
    pub fn new(id: AreaId, name: impl Into<String>) -> Area {
        Area { id, name: name.into(), parent: None, centroid: None, postcodes: Vec::new(), boundary: None }
    }
}

impl Area {
    /// The centroid as a point.
    pub fn centroid_point(&self) -> Option<LatLon> {
        self.centroid.map(|[lat, lon]| LatLon { lat, lon })
    }
}

/// A linear ring of `[lon, lat]` positions, closed (first equals last), at least four positions.
pub type Ring = Vec<[f64; 2]>;

/// A GeoJSON Polygon or MultiPolygon geometry.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "serde", serde(tag = "type", content = "coordinates"))]
pub enum Boundary {
    /// One outer ring, then holes.
    Polygon(Vec<Ring>),
    /// Several polygons.
    MultiPolygon(Vec<Vec<Ring>>),
}

impl Boundary {
    /// The polygons, each a list of rings (outer ring first).
    pub fn polygons(&self) -> &[Vec<Ring>] {
        match self {
            Boundary::Polygon(rings) => std::slice::from_ref(rings),
            Boundary::MultiPolygon(polygons) => polygons,
        }
    }
}

/// An entry of the theme vocabulary.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct Theme {
    /// Unique among themes.
    pub id: ThemeId,
    /// Its name, for example "Groen" / "Green".
    pub name: Text,
}

impl Theme {
    /// A theme of the vocabulary.
    pub fn new(id: ThemeId, name: Text) -> Theme {
        Theme { id, name }
    }
}

/// An entry of the skill vocabulary.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct Skill {
    /// Unique among skills.
    pub id: SkillId,
    /// Its name.
    pub name: Text,
}

impl Skill {
    /// A skill of the vocabulary.
    pub fn new(id: SkillId, name: Text) -> Skill {
        Skill { id, name }
    }
}

/// A day of the week, as a need or an offer names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum Weekday {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

impl Weekday {
    /// Every day, Monday first.
    pub const ALL: &'static [Weekday] = &[
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// The dataset's name for this day.
    pub fn as_str(self) -> &'static str {
        match self {
            Weekday::Monday => "monday",
            Weekday::Tuesday => "tuesday",
            Weekday::Wednesday => "wednesday",
            Weekday::Thursday => "thursday",
            Weekday::Friday => "friday",
            Weekday::Saturday => "saturday",
            Weekday::Sunday => "sunday",
        }
    }

    /// The day a dataset name stands for.
    pub fn parse(name: &str) -> Option<Weekday> {
        Weekday::ALL.iter().copied().find(|d| d.as_str() == name)
    }
}

/// A part of the day, as a need or an offer names it: morning (until 12:00), afternoon (12:00 to
/// 18:00) or evening (from 18:00).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum Daypart {
    /// Until 12:00.
    Morning,
    /// 12:00 to 18:00.
    Afternoon,
    /// From 18:00.
    Evening,
}

impl Daypart {
    /// Every part of the day, in order.
    pub const ALL: &'static [Daypart] = &[Daypart::Morning, Daypart::Afternoon, Daypart::Evening];

    /// The dataset's name for this part of the day.
    pub fn as_str(self) -> &'static str {
        match self {
            Daypart::Morning => "morning",
            Daypart::Afternoon => "afternoon",
            Daypart::Evening => "evening",
        }
    }

    /// The part of the day a dataset name stands for.
    pub fn parse(name: &str) -> Option<Daypart> {
        Daypart::ALL.iter().copied().find(|d| d.as_str() == name)
    }
}

/// Where an initiative stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum Stage {
    /// Just an idea.
    Idea,
    /// Presented at a pitch event.
    Pitched,
    /// Getting under way.
    Starting,
    /// Up and running.
    Running,
    /// Done.
    Completed,
    /// On hold.
    Paused,
}

impl Stage {
    /// Every stage, in pipeline order.
    pub const ALL: &'static [Stage] =
        &[Stage::Idea, Stage::Pitched, Stage::Starting, Stage::Running, Stage::Completed, Stage::Paused];

    /// The dataset's name for this stage.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Idea => "idea",
            Stage::Pitched => "pitched",
            Stage::Starting => "starting",
            Stage::Running => "running",
            Stage::Completed => "completed",
            Stage::Paused => "paused",
        }
    }
}

/// The part of society a partner or initiator belongs to; co-creation across sectors is the point.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum Sector {
    /// Residents.
    Resident,
    /// Young people.
    Youth,
    /// Local businesses (the market).
    Business,
    /// Institutions such as schools, housing corporations, care providers.
    Institution,
    /// The municipality and other government.
    Government,
    /// Funds and foundations.
    Foundation,
}

impl Sector {
    /// Every sector.
    pub const ALL: &'static [Sector] = &[
        Sector::Resident,
        Sector::Youth,
        Sector::Business,
        Sector::Institution,
        Sector::Government,
        Sector::Foundation,
    ];

    /// The dataset's name for this sector.
    pub fn as_str(self) -> &'static str {
        match self {
            Sector::Resident => "resident",
            Sector::Youth => "youth",
            Sector::Business => "business",
            Sector::Institution => "institution",
            Sector::Government => "government",
            Sector::Foundation => "foundation",
        }
    }
}

/// What a need asks for or an offer gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum Kind {
    /// A place to meet, grow or build.
    Space,
    /// Money.
    Funding,
    /// Hands.
    Volunteers,
    /// Professional knowledge.
    Expertise,
    /// Things.
    Materials,
    /// Help with rules and permits.
    Permit,
    /// Getting the word out.
    Promotion,
    /// Introductions.
    Network,
    /// Process support.
    Coaching,
}

impl Kind {
    /// Every kind.
    pub const ALL: &'static [Kind] = &[
        Kind::Space,
        Kind::Funding,
        Kind::Volunteers,
        Kind::Expertise,
        Kind::Materials,
        Kind::Permit,
        Kind::Promotion,
        Kind::Network,
        Kind::Coaching,
    ];

    /// The dataset's name for this kind.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Space => "space",
            Kind::Funding => "funding",
            Kind::Volunteers => "volunteers",
            Kind::Expertise => "expertise",
            Kind::Materials => "materials",
            Kind::Permit => "permit",
            Kind::Promotion => "promotion",
            Kind::Network => "network",
            Kind::Coaching => "coaching",
        }
    }

    /// The unit a need or offer of this kind has when it names none.
    pub fn default_unit(self) -> Unit {
        let unit = match self {
            Kind::Funding => "eur",
            Kind::Volunteers | Kind::Expertise | Kind::Coaching => "hours",
            Kind::Space => "m2",
            Kind::Materials => "items",
            Kind::Permit | Kind::Promotion | Kind::Network => "requests",
        };
        Unit(unit.to_owned())
    }
}

/// A unit of amount: a short lowercase token such as `eur`, `hours` or `m2`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct Unit(String);

impl Unit {
    /// Makes a unit: 1 to 16 characters of lowercase ASCII letters, digits and `_`, starting with a letter.
    pub fn new(token: &str) -> Option<Unit> {
        let valid = (1..=16).contains(&token.len())
            && token.starts_with(|c: char| c.is_ascii_lowercase())
            && token.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        valid.then(|| Unit(token.to_owned()))
    }

    /// The token.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for Unit {
    type Err = crate::ParseError;

    fn from_str(token: &str) -> Result<Unit, crate::ParseError> {
        Unit::new(token).ok_or(crate::ParseError::new("a unit token"))
    }
}

impl TryFrom<String> for Unit {
    type Error = String;
    fn try_from(token: String) -> Result<Unit, String> {
        Unit::new(&token).ok_or_else(|| format!("not a unit token: {token:?}"))
    }
}

impl From<Unit> for String {
    fn from(unit: Unit) -> String {
        unit.0
    }
}

/// A citizen initiative.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct Initiative {
    /// Unique among initiatives.
    pub id: InitiativeId,
    /// Its title.
    pub title: Text,
    /// One or two sentences.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub summary: Option<Text>,
    /// The whole story.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub description: Option<Text>,
    /// Theme ids.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub themes: Vec<ThemeId>,
    /// Where it takes place; absent means the whole municipality.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub area: Option<AreaId>,
    /// A precise location.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub location: Option<Location>,
    /// Where it stands.
    pub stage: Stage,
    /// Who is behind it.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub initiators: Vec<Initiator>,
    /// Who it is for: free tags.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub audience: Vec<String>,
    /// When it runs.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub period: Option<Period>,
    /// What it needs.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub needs: Vec<Need>,
    /// Further reading.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub links: Vec<Link>,
    /// The pitch edition it was presented at.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub edition: Option<EditionId>,
    /// When the record was last changed.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub updated: Option<DateValue>,
}

impl Initiative {
    /// An initiative with its id, title and stage, and nothing else yet.
    pub fn new(id: InitiativeId, title: Text, stage: Stage) -> Initiative {
        Initiative {
            id,
            title,
            summary: None,
            description: None,
            themes: Vec::new(),
            area: None,
            location: None,
            stage,
            initiators: Vec::new(),
            audience: Vec::new(),
            period: None,
            needs: Vec::new(),
            links: Vec::new(),
            edition: None,
            updated: None,
        }
    }
}

/// Someone behind an initiative.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct Initiator {
    /// A name as the initiators want to be shown.
    pub name: String,
    /// Their sector.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub sector: Option<Sector>,
}

impl Initiator {
    /// An initiator by name, sector not given.
    pub fn new(name: impl Into<String>) -> Initiator {
        Initiator { name: name.into(), sector: None }
    }
}

/// A labelled link. Only http, https, mailto and tel addresses are valid.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct Link {
    /// What the link is.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub label: Option<Text>,
    /// Where it goes.
    pub url: String,
}

impl Link {
    /// A link without a label.
    pub fn new(url: impl Into<String>) -> Link {
        Link { label: None, url: url.into() }
    }
}

/// Something an initiative needs.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct Need {
    /// Unique within the initiative.
    pub id: NeedId,
    /// What kind of help.
    pub kind: Kind,
    /// In words.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub description: Option<Text>,
    /// The total needed, in `unit`; absent means not quantified.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub amount: Option<f64>,
    /// The unit of `amount`; defaults by kind.
    pub unit: Unit,
    /// Skills that help.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub skills: Vec<SkillId>,
    /// When it is needed.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub period: Option<Period>,
    /// Whether the initiative cannot go ahead without it (default true).
    pub required: bool,
    /// The days of the week it is needed on; empty means any day (or not said).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub weekdays: Vec<Weekday>,
    /// The parts of the day it is needed in; empty means any time (or not said).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub dayparts: Vec<Daypart>,
}

impl Need {
    /// A required need of `kind` in the kind's default unit, not quantified, with nothing else said.
    pub fn new(id: NeedId, kind: Kind) -> Need {
        Need {
            id,
            kind,
            description: None,
            amount: None,
            unit: kind.default_unit(),
            skills: Vec::new(),
            period: None,
            required: true,
            weekdays: Vec::new(),
            dayparts: Vec::new(),
        }
    }
}

/// A partner who can help (waarmaker).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct Partner {
    /// Unique among partners.
    pub id: PartnerId,
    /// Its proper name.
    pub name: String,
    /// Its part of society.
    pub sector: Sector,
    /// For the municipality and large institutions: the department.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub department: Option<String>,
    /// Which areas it serves.
    pub areas: Coverage,
    /// Where it is.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub location: Option<Location>,
    /// How far from its location it helps, in kilometres.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub radius_km: Option<f64>,
    /// Theme ids it works on.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub themes: Vec<ThemeId>,
    /// What it offers.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub offers: Vec<Offer>,
    /// How to reach it.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub contact: Option<Contact>,
    /// Its website (http or https).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub website: Option<String>,
}

impl Partner {
    /// A partner that serves the whole municipality, with no offers yet.
    pub fn new(id: PartnerId, name: impl Into<String>, sector: Sector) -> Partner {
        Partner {
            id,
            name: name.into(),
            sector,
            department: None,
            areas: Coverage::All,
            location: None,
            radius_km: None,
            themes: Vec::new(),
            offers: Vec::new(),
            contact: None,
            website: None,
        }
    }
}

/// The areas a partner serves. A served area includes its children.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Coverage {
    /// The whole municipality (the dataset writes `"all"`).
    #[default]
    All,
    /// Only these areas.
    Areas(Vec<AreaId>),
}

#[cfg(feature = "serde")]
impl Serialize for Coverage {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Coverage::All => serializer.serialize_str("all"),
            Coverage::Areas(areas) => areas.serialize(serializer),
        }
    }
}

/// How often an offer's capacity renews.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum Per {
    /// Once.
    #[default]
    Once,
    /// Every month.
    Month,
    /// Every year.
    Year,
}

impl Per {
    /// Every period of renewal.
    pub const ALL: &'static [Per] = &[Per::Once, Per::Month, Per::Year];

    /// The dataset's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Per::Once => "once",
            Per::Month => "month",
            Per::Year => "year",
        }
    }
}

/// Something a partner offers.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct Offer {
    /// Unique within the partner.
    pub id: OfferId,
    /// What kind of help.
    pub kind: Kind,
    /// In words.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub description: Option<Text>,
    /// How much, in `unit` per `per`; absent means not quantified.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub capacity: Option<f64>,
    /// The unit of `capacity`; defaults by kind.
    pub unit: Unit,
    /// How often the capacity renews.
    pub per: Per,
    /// Skills it brings.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub skills: Vec<SkillId>,
    /// When it is available.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub period: Option<Period>,
    /// Conditions attached, in words: shown to people, never read by matching (the fields
    /// below are the conditions matching checks).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub conditions: Option<Text>,
    /// Only for initiatives in these areas (or in an area inside one of them); empty means no
    /// such condition. The partner's own `areas` still apply.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub only_areas: Vec<AreaId>,
    /// Only for initiatives with at least one of these themes; empty means any.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub only_themes: Vec<ThemeId>,
    /// Only for initiatives in one of these stages; empty means any.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub only_stages: Vec<Stage>,
    /// Only for initiatives with an initiator of one of these sectors (for example
    /// `institution` for a fund that requires a school among the initiators); empty means any.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub only_initiators: Vec<Sector>,
    /// The least a request must ask (in `unit`): a need for less does not get this offer.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub min_amount: Option<f64>,
    /// The most one request can get (in `unit`): a larger need may still get this offer, for
    /// that part of it.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub max_amount: Option<f64>,
    /// The days of the week it is available; empty means any day (or not said).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub weekdays: Vec<Weekday>,
    /// The parts of the day it is available in; empty means any time (or not said).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub dayparts: Vec<Daypart>,
}

impl Offer {
    /// A one-off offer of `kind` in the kind's default unit, not quantified, with nothing else said.
    pub fn new(id: OfferId, kind: Kind) -> Offer {
        Offer {
            id,
            kind,
            description: None,
            capacity: None,
            unit: kind.default_unit(),
            per: Per::Once,
            skills: Vec::new(),
            period: None,
            conditions: None,
            only_areas: Vec::new(),
            only_themes: Vec::new(),
            only_stages: Vec::new(),
            only_initiators: Vec::new(),
            min_amount: None,
            max_amount: None,
            weekdays: Vec::new(),
            dayparts: Vec::new(),
        }
    }
}

/// Where a commitment stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum CommitmentStatus {
    /// Suggested, not yet agreed.
    Proposed,
    /// Agreed by both sides.
    Agreed,
    /// Done.
    Delivered,
    /// Called off.
    Withdrawn,
}

impl CommitmentStatus {
    /// Every status.
    pub const ALL: &'static [CommitmentStatus] = &[
        CommitmentStatus::Proposed,
        CommitmentStatus::Agreed,
        CommitmentStatus::Delivered,
        CommitmentStatus::Withdrawn,
    ];

    /// The dataset's name.
    pub fn as_str(self) -> &'static str {
        match self {
            CommitmentStatus::Proposed => "proposed",
            CommitmentStatus::Agreed => "agreed",
            CommitmentStatus::Delivered => "delivered",
            CommitmentStatus::Withdrawn => "withdrawn",
        }
    }

    /// Whether the commitment counts towards covering its need (agreed or delivered).
    pub fn covers(self) -> bool {
        matches!(self, CommitmentStatus::Agreed | CommitmentStatus::Delivered)
    }
}

/// An agreed follow-up action (afspraak) between a partner and an initiative.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct Commitment {
    /// Unique among commitments.
    pub id: CommitmentId,
    /// The initiative helped.
    pub initiative: InitiativeId,
    /// The need of that initiative it serves.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub need: Option<NeedId>,
    /// The partner who helps.
    pub partner: PartnerId,
    /// The offer of that partner it draws on.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub offer: Option<OfferId>,
    /// How much, in the need's unit.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub amount: Option<f64>,
    /// Where it stands.
    pub status: CommitmentStatus,
    /// When it is due.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub due: Option<DateValue>,
    /// A note.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub note: Option<Text>,
}

impl Commitment {
    /// A commitment of `partner` to `initiative`, without need, offer, amount or date.
    pub fn new(id: CommitmentId, initiative: InitiativeId, partner: PartnerId, status: CommitmentStatus) -> Commitment {
        Commitment { id, initiative, need: None, partner, offer: None, amount: None, status, due: None, note: None }
    }

    /// Whether the commitment is overdue on `today`: still to be done (proposed or agreed) and
    /// due on an earlier calendar day. A commitment without a due date is never overdue.
    ///
    /// ```
    /// use verschilmaker::{Commitment, CommitmentStatus, Date, DateValue};
    /// let mut commitment = Commitment::new("c".parse()?, "i".parse()?, "p".parse()?, CommitmentStatus::Agreed);
    /// commitment.due = Some(DateValue::Date("2026-05-01".parse()?));
    /// assert!(commitment.is_overdue("2026-05-02".parse()?));
    /// assert!(!commitment.is_overdue("2026-05-01".parse()?));
    /// # Ok::<(), verschilmaker::ParseError>(())
    /// ```
    pub fn is_overdue(&self, today: crate::Date) -> bool {
        matches!(self.status, CommitmentStatus::Proposed | CommitmentStatus::Agreed)
            && self.due.is_some_and(|due| due.date() < today)
    }
}

/// A pitch event edition.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct Edition {
    /// Unique among editions.
    pub id: EditionId,
    /// Its title.
    pub title: Text,
    /// When it starts.
    pub start: DateValue,
    /// When it ends.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub end: Option<DateValue>,
    /// Where it is held.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub venue: Option<String>,
    /// The initiatives pitched there.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub initiatives: Vec<InitiativeId>,
    /// More about it (http or https).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub url: Option<String>,
}

impl Edition {
    /// An edition with its title and start, and nothing else yet.
    pub fn new(id: EditionId, title: Text, start: DateValue) -> Edition {
        Edition { id, title, start, end: None, venue: None, initiatives: Vec::new(), url: None }
    }
}

/// The municipality's principles and the rules that say what applies to which plan.
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct Policy {
    /// Principles in words.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub principles: Vec<Text>,
    /// Rules.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub rules: Vec<Rule>,
}

impl Policy {
    /// Whether there are neither principles nor rules.
    pub fn is_empty(&self) -> bool {
        self.principles.is_empty() && self.rules.is_empty()
    }
}

/// A policy rule: advice and a contact for plans that meet its condition.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct Rule {
    /// Unique among rules.
    pub id: RuleId,
    /// When it applies.
    pub when: Condition,
    /// What to do.
    pub advice: Text,
    /// Whom to call.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub contact: Option<Contact>,
}

impl Rule {
    /// A rule that gives `advice` when `when` holds, without a contact of its own.
    pub fn new(id: RuleId, when: Condition, advice: Text) -> Rule {
        Rule { id, when, advice, contact: None }
    }
}

/// When a rule applies: every given key must hold (AND); values within a key are alternatives (OR).
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct Condition {
    /// The initiative has a need of one of these kinds.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub need_kinds: Vec<Kind>,
    /// The initiative has one of these themes.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub themes: Vec<ThemeId>,
    /// The initiative is in one of these stages.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub stages: Vec<Stage>,
    /// The initiative lies in one of these areas (or their children).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub areas: Vec<AreaId>,
    /// One of these words occurs in the initiative's texts (case- and diacritics-insensitive).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub keywords: Vec<String>,
    /// With `need_kinds`: a need of such a kind asks at least this amount.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub min_amount: Option<f64>,
}

/// Weights of the matching score components that the dataset overrides; absent ones keep their defaults.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct MatchingWeights {
    /// Skills overlap.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub skills: Option<f64>,
    /// Theme affinity.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub themes: Option<f64>,
    /// Proximity.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub proximity: Option<f64>,
    /// Period overlap.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub period: Option<f64>,
    /// How much of the amount the capacity covers.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub capacity: Option<f64>,
    /// Sector diversity.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub diversity: Option<f64>,
    /// Partner load.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub load: Option<f64>,
    /// What the need's and the offer's texts share.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub text: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::LatLon;

    /// The constructors give what the loader gives for a record with only the required fields,
    /// so that a record built in code and one read from a file agree on every default.
    #[cfg(feature = "serde")]
    #[test]
    fn constructors_give_the_formats_defaults() {
        use super::*;
        let json = r#"{"schema": "verschilmaker/1", "municipality": {"name": "G", "languages": ["nl"]},
            "areas": [{"id": "noord", "name": "Noord"}],
            "themes": [{"id": "groen", "name": "Groen"}],
            "skills": [{"id": "koken", "name": "Koken"}],
            "initiatives": [{"id": "i", "title": "I", "stage": "idea",
                "initiators": [{"name": "Bewoners"}], "links": [{"url": "https://example.org"}],
                "needs": [{"id": "n", "kind": "space"}]}],
            "partners": [{"id": "p", "name": "P", "sector": "business",
                "offers": [{"id": "o", "kind": "funding"}]}],
            "commitments": [{"id": "c", "initiative": "i", "partner": "p", "status": "agreed"}],
            "editions": [{"id": "e", "title": "E", "start": "2026-03-01"}],
            "policy": {"rules": [{"id": "r", "when": {}, "advice": "A"}]}}"#;
        let loaded = Dataset::from_json_strict(json).unwrap();
        fn id<T: std::str::FromStr<Err = crate::ParseError>>(text: &str) -> T {
            text.parse().unwrap()
        }
        let mut built = Dataset::new(Municipality::new("G", vec![Lang::new("nl").unwrap()]));
        built.areas.push(Area::new(id("noord"), "Noord"));
        built.themes.push(Theme::new(id("groen"), Text::plain("Groen")));
        built.skills.push(Skill::new(id("koken"), Text::plain("Koken")));
        let mut initiative = Initiative::new(id("i"), Text::plain("I"), Stage::Idea);
        initiative.initiators.push(Initiator::new("Bewoners"));
        initiative.links.push(Link::new("https://example.org"));
        initiative.needs.push(Need::new(id("n"), Kind::Space));
        built.initiatives.push(initiative);
        let mut partner = Partner::new(id("p"), "P", Sector::Business);
        partner.offers.push(Offer::new(id("o"), Kind::Funding));
        built.partners.push(partner);
        built.commitments.push(Commitment::new(id("c"), id("i"), id("p"), CommitmentStatus::Agreed));
        built.editions.push(Edition::new(id("e"), Text::plain("E"), "2026-03-01".parse().unwrap()));
        built.policy.rules.push(Rule::new(id("r"), Condition::default(), Text::plain("A")));
        assert_eq!(built, loaded);
    }

    fn at(lat: f64, lon: f64) -> LatLon {
        LatLon { lat, lon }
    }

    /// The haversine formula with the standard library's `sin` and `cos`.
    fn haversine_with_std(a: LatLon, b: LatLon) -> f64 {
        let (lat1, lat2) = (a.lat.to_radians(), b.lat.to_radians());
        let d_lon = (b.lon - a.lon).to_radians();
        let h = ((lat2 - lat1) / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (d_lon / 2.0).sin().powi(2);
        2.0 * 6371.0 * h.sqrt().min(1.0).asin()
    }

    #[test]
    fn distances_agree_with_the_formula_over_std() {
        let points =
            [at(51.71, 5.32), at(51.84, 5.86), at(-33.9, 151.2), at(90.0, 0.0), at(-90.0, 180.0), at(0.0, -180.0)];
        for a in points {
            for b in points {
                let (ours, std) = (a.distance_km(b), haversine_with_std(a, b));
                assert!((ours - std).abs() <= 1e-9 * std.max(1.0), "{a:?} to {b:?}: {ours} against {std}");
            }
        }
        assert_eq!(at(51.71, 5.32).distance_km(at(51.71, 5.32)), 0.0);
    }

    #[test]
    fn coordinates_out_of_range_are_clamped() {
        let half_circumference = at(90.0, 0.0).distance_km(at(-90.0, 0.0));
        assert!((half_circumference - std::f64::consts::PI * 6371.0).abs() < 1e-6);
        assert_eq!(at(95.0, 0.0).distance_km(at(-1e300, 0.0)), half_circumference);
        let origin = at(0.0, 0.0);
        assert_eq!(at(95.0, 0.0).distance_km(origin), at(90.0, 0.0).distance_km(origin));
        assert_eq!(at(0.0, 200.0).distance_km(origin), at(0.0, 180.0).distance_km(origin));
        assert_eq!(at(0.0, -1e300).distance_km(origin), at(0.0, -180.0).distance_km(origin));
        // NaN is not clamped; `min` then takes the formula to half the circumference, as before.
        let nan = at(f64::NAN, 0.0);
        assert_eq!(nan.distance_km(origin), haversine_with_std(nan, origin));
    }

    #[test]
    fn parallel_scale_is_the_cosine_of_the_latitude() {
        for lat in [-90.0, -60.0, 0.0, 51.7, 89.9] {
            assert!((at(lat, 3.0).parallel_scale() - f64::to_radians(lat).cos()).abs() < 1e-15, "{lat}");
        }
        assert_eq!(at(120.0, 0.0).parallel_scale(), at(90.0, 0.0).parallel_scale());
    }

    #[test]
    fn only_open_commitments_after_their_due_date_are_overdue() {
        use super::{Commitment, CommitmentStatus, DateValue};
        use crate::Date;
        let day = |d| Date::new(2026, 5, d).unwrap();
        for (status, due, today, expected) in [
            (CommitmentStatus::Agreed, Some(day(1)), day(2), true),
            (CommitmentStatus::Proposed, Some(day(1)), day(2), true),
            (CommitmentStatus::Agreed, Some(day(2)), day(2), false),
            (CommitmentStatus::Delivered, Some(day(1)), day(2), false),
            (CommitmentStatus::Withdrawn, Some(day(1)), day(2), false),
            (CommitmentStatus::Agreed, None, day(2), false),
        ] {
            let mut commitment =
                Commitment::new("c".parse().unwrap(), "i".parse().unwrap(), "p".parse().unwrap(), status);
            commitment.due = due.map(DateValue::Date);
            assert_eq!(commitment.is_overdue(today), expected, "{status:?} {due:?} {today:?}");
        }
        // A date-time is due on its calendar day.
        let mut commitment =
            Commitment::new("c".parse().unwrap(), "i".parse().unwrap(), "p".parse().unwrap(), CommitmentStatus::Agreed);
        commitment.due = "2026-05-01T23:00:00+02:00".parse::<DateValue>().ok();
        assert!(commitment.due.is_some());
        assert!(!commitment.is_overdue(day(1)));
        assert!(commitment.is_overdue(day(2)));
    }
}
