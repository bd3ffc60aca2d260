//! What a visitor types into the "start an initiative" and "offer help" forms, as plain strings,
//! with the checks the forms show inline and the turn into core's records and submission.
//!
//! Why strings? A form must keep exactly what was typed ("12,5", a half-typed postcode) so that a
//! reload restores it as it was; only the live suggestions and the submission need the model,
//! and they get it from [`StartForm::initiative`] and [`OfferForm::partner`].

use serde_json::{Map, Value};
use verschilmaker::matching::AdHocOffer;
use verschilmaker::submission::{Record, Submission};
use verschilmaker::{
    AreaId, Contact, Coverage, Dataset, Date, DateValue, Initiative, InitiativeId, Initiator, Kind, Need, NeedId,
    Offer, OfferId, Partner, PartnerId, Per, Period, Sector, SkillId, Stage, Text, ThemeId, is_email, parse_amount,
    pc4,
};

/// The steps of the start form, in order.
pub const STEPS: u8 = 5;

/// The "start an initiative" form.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize))] // To check `Form::to_value` against serde.
pub struct StartForm {
    /// The step shown (0 to [`STEPS`] − 1).
    pub step: u8,
    /// What: the title.
    pub title: String,
    /// Why: one or two sentences.
    pub summary: String,
    /// The longer story (optional).
    pub description: String,
    /// Theme ids.
    pub themes: Vec<String>,
    /// An area id, or empty.
    pub area: String,
    /// A postcode, as typed; fills in the area when it lies in one.
    pub postcode: String,
    /// Start date `YYYY-MM-DD`, or empty.
    pub start: String,
    /// End date `YYYY-MM-DD`, or empty.
    pub end: String,
    /// Who is behind it: a name or a group.
    pub initiator: String,
    /// The initiator's sector (a dataset sector name), or empty.
    pub sector: String,
    /// What is needed.
    pub needs: Vec<NeedForm>,
    /// The contact person.
    pub contact_name: String,
    /// The contact's email address.
    pub email: String,
    /// The contact's phone number.
    pub phone: String,
}

/// One need in the start form.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize))] // To check `Form::to_value` against serde.
pub struct NeedForm {
    /// A kind name (`volunteers`, `funding`, …).
    pub kind: String,
    /// The amount as typed (decimal point or comma), or empty.
    pub amount: String,
    /// Skill ids.
    pub skills: Vec<String>,
    /// What exactly.
    pub description: String,
}

/// The "offer help" form.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct OfferForm {
    /// The helper's name (a person or an organisation).
    pub name: String,
    /// A dataset sector name.
    pub sector: String,
    /// The kind of help (a kind name).
    pub kind: String,
    /// How much, as typed: hours per month for time, otherwise in the kind's unit.
    pub amount: String,
    /// Skill ids.
    pub skills: Vec<String>,
    /// Area ids; empty for the whole municipality.
    pub areas: Vec<String>,
    /// Theme ids.
    pub themes: Vec<String>,
    /// In the helper's own words.
    pub description: String,
    /// Email address.
    pub email: String,
    /// Phone number.
    pub phone: String,
    /// Initiatives the helper wants to help ("I want to help" on an initiative's page).
    pub interest: Vec<String>,
}

impl Default for OfferForm {
    fn default() -> OfferForm {
        OfferForm {
            name: String::new(),
            sector: Sector::Resident.as_str().to_owned(),
            kind: Kind::Volunteers.as_str().to_owned(),
            amount: String::new(),
            skills: Vec::new(),
            areas: Vec::new(),
            themes: Vec::new(),
            description: String::new(),
            email: String::new(),
            phone: String::new(),
            interest: Vec::new(),
        }
    }
}

/// Either form, as stored.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize), serde(tag = "form", rename_all = "lowercase"))]
pub enum Form {
    /// Start an initiative.
    Start(StartForm),
    /// Offer help.
    Offer(OfferForm),
}

/// Reading stored forms back. By hand rather than `#[derive(Deserialize)]`: serde's derived
/// deserialisers (with the buffering an internally tagged enum needs, and error messages that
/// format floats) cost about 25 KB of the gzipped bundle, and a field that is missing or of the
/// wrong type should simply be empty, as in a form the visitor has not filled in yet.
fn text_of(map: &Map<String, Value>, key: &str) -> String {
    map.get(key).and_then(Value::as_str).unwrap_or_default().to_owned()
}

fn list_of(map: &Map<String, Value>, key: &str) -> Vec<String> {
    map.get(key)
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(Value::as_str).map(str::to_owned).collect())
        .unwrap_or_default()
}

impl StartForm {
    /// The form from its stored JSON; missing or mistyped fields are empty.
    pub fn from_map(map: &Map<String, Value>) -> StartForm {
        let needs = map.get("needs").and_then(Value::as_array).map_or_else(Vec::new, |needs| {
            needs
                .iter()
                .filter_map(Value::as_object)
                .map(|need| NeedForm {
                    kind: text_of(need, "kind"),
                    amount: text_of(need, "amount"),
                    skills: list_of(need, "skills"),
                    description: text_of(need, "description"),
                })
                .collect()
        });
        StartForm {
            step: map.get("step").and_then(Value::as_u64).map_or(0, |s| s.min(u64::from(STEPS - 1)) as u8),
            title: text_of(map, "title"),
            summary: text_of(map, "summary"),
            description: text_of(map, "description"),
            themes: list_of(map, "themes"),
            area: text_of(map, "area"),
            postcode: text_of(map, "postcode"),
            start: text_of(map, "start"),
            end: text_of(map, "end"),
            initiator: text_of(map, "initiator"),
            sector: text_of(map, "sector"),
            needs,
            contact_name: text_of(map, "contact_name"),
            email: text_of(map, "email"),
            phone: text_of(map, "phone"),
        }
    }
}

impl OfferForm {
    /// The form from its stored JSON; missing or mistyped fields are empty or the defaults.
    pub fn from_map(map: &Map<String, Value>) -> OfferForm {
        let defaults = OfferForm::default();
        let or = |key: &str, default: String| Some(text_of(map, key)).filter(|v| !v.is_empty()).unwrap_or(default);
        OfferForm {
            name: text_of(map, "name"),
            sector: or("sector", defaults.sector),
            kind: or("kind", defaults.kind),
            amount: text_of(map, "amount"),
            skills: list_of(map, "skills"),
            areas: list_of(map, "areas"),
            themes: list_of(map, "themes"),
            description: text_of(map, "description"),
            email: text_of(map, "email"),
            phone: text_of(map, "phone"),
            interest: list_of(map, "interest"),
        }
    }
}

// Writing stored forms: by hand too, as a JSON value that the storage writes as text, so that
// serde's `Serialize` and its serializer stay out of the bundle (see `storage::encode`). The
// fields come in the order the forms declare them, after the tag `"form"`.
fn strings_value(list: &[String]) -> Value {
    Value::Array(list.iter().map(|item| Value::String(item.clone())).collect())
}

/// Adds `key: "text"`.
fn put_text(map: &mut Map<String, Value>, key: &str, text: &str) {
    map.insert(key.to_owned(), Value::String(text.to_owned()));
}

impl Form {
    /// The form as stored: `{"form": "start", …}` or `{"form": "offer", …}`.
    pub fn to_value(&self) -> Value {
        let mut map = Map::new();
        match self {
            Form::Start(start) => {
                put_text(&mut map, "form", "start");
                map.insert("step".into(), Value::from(start.step));
                put_text(&mut map, "title", &start.title);
                put_text(&mut map, "summary", &start.summary);
                put_text(&mut map, "description", &start.description);
                map.insert("themes".into(), strings_value(&start.themes));
                put_text(&mut map, "area", &start.area);
                put_text(&mut map, "postcode", &start.postcode);
                put_text(&mut map, "start", &start.start);
                put_text(&mut map, "end", &start.end);
                put_text(&mut map, "initiator", &start.initiator);
                put_text(&mut map, "sector", &start.sector);
                let needs = start.needs.iter().map(|need| {
                    let mut map = Map::new();
                    put_text(&mut map, "kind", &need.kind);
                    put_text(&mut map, "amount", &need.amount);
                    map.insert("skills".into(), strings_value(&need.skills));
                    put_text(&mut map, "description", &need.description);
                    Value::Object(map)
                });
                map.insert("needs".into(), Value::Array(needs.collect()));
                put_text(&mut map, "contact_name", &start.contact_name);
                put_text(&mut map, "email", &start.email);
                put_text(&mut map, "phone", &start.phone);
            }
            Form::Offer(offer) => {
                put_text(&mut map, "form", "offer");
                put_text(&mut map, "name", &offer.name);
                put_text(&mut map, "sector", &offer.sector);
                put_text(&mut map, "kind", &offer.kind);
                put_text(&mut map, "amount", &offer.amount);
                map.insert("skills".into(), strings_value(&offer.skills));
                map.insert("areas".into(), strings_value(&offer.areas));
                map.insert("themes".into(), strings_value(&offer.themes));
                put_text(&mut map, "description", &offer.description);
                put_text(&mut map, "email", &offer.email);
                put_text(&mut map, "phone", &offer.phone);
                map.insert("interest".into(), strings_value(&offer.interest));
            }
        }
        Value::Object(map)
    }
}

impl Form {
    /// The form from its stored JSON (`"form": "start"` or `"offer"`), or `None` for another kind.
    pub fn from_value(value: &Value) -> Option<Form> {
        let map = value.as_object()?;
        match map.get("form")?.as_str()? {
            "start" => Some(Form::Start(StartForm::from_map(map))),
            "offer" => Some(Form::Offer(OfferForm::from_map(map))),
            _ => None,
        }
    }

    /// Whether this is the start form (else the offer form).
    pub fn is_start(&self) -> bool {
        matches!(self, Form::Start(_))
    }

    /// A short name for lists of drafts: the title or the helper's name.
    pub fn label(&self) -> &str {
        match self {
            Form::Start(form) => form.title.trim(),
            Form::Offer(form) => form.name.trim(),
        }
    }
}

/// What is wrong with a field; the texts are in `i18n`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The field must be filled in.
    Required,
    /// Not a Dutch postcode (`verschilmaker::pc4`: four digits from 1000, optionally two letters).
    Postcode,
    /// A postcode outside every area of the municipality.
    PostcodeOutside,
    /// Not a date.
    Date,
    /// The end is before the start.
    EndBeforeStart,
    /// Not a number ≥ 0.
    Amount,
    /// Not an email address.
    Email,
    /// Neither an email address nor a phone number.
    ContactNeeded,
    /// No need entered yet.
    NoNeeds,
}

/// A problem with the field whose element has the id `field`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The id of the form control (and, with `-error`, of its message).
    pub field: String,
    /// What is wrong.
    pub problem: Problem,
}

fn error(field: &str, problem: Problem) -> FieldError {
    FieldError { field: field.to_owned(), problem }
}

fn contact_errors(email: &str, phone: &str, email_id: &str, out: &mut Vec<FieldError>) {
    if email.trim().is_empty() && phone.trim().is_empty() {
        out.push(error(email_id, Problem::ContactNeeded));
    } else if !email.trim().is_empty() && !is_email(email.trim()) {
        out.push(error(email_id, Problem::Email));
    }
}

/// A kind by name, defaulting to volunteers for an empty or unknown name.
pub fn kind_of(name: &str) -> Kind {
    name.parse::<Kind>().unwrap_or(Kind::Volunteers)
}

fn text(value: &str) -> Option<Text> {
    let value = value.trim();
    (!value.is_empty()).then(|| Text::plain(value))
}

fn ids<T>(list: &[String], make: impl Fn(&str) -> Option<T>) -> Vec<T> {
    list.iter().filter_map(|id| make(id)).collect()
}

fn contact(name: &str, email: &str, phone: &str) -> Option<Contact> {
    let pick = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
    let mut contact = Contact::default();
    contact.name = pick(name);
    contact.email = pick(email).filter(|e| is_email(e));
    contact.phone = pick(phone);
    (contact.email.is_some() || contact.phone.is_some()).then_some(contact)
}

impl StartForm {
    /// The problems on `step` (every step when `step` is `None`), in the order of the fields.
    pub fn errors(&self, step: Option<u8>, dataset: &Dataset) -> Vec<FieldError> {
        let mut out = Vec::new();
        let on = |s: u8| step.is_none_or(|at| at == s);
        if on(0) {
            if self.title.trim().is_empty() {
                out.push(error("vm-s-title", Problem::Required));
            }
            if self.summary.trim().is_empty() {
                out.push(error("vm-s-summary", Problem::Required));
            }
        }
        if on(1) {
            if !self.postcode.trim().is_empty() {
                if pc4(&self.postcode).is_none() {
                    out.push(error("vm-s-postcode", Problem::Postcode));
                } else if dataset.area_of_postcode(&self.postcode).is_none() {
                    out.push(error("vm-s-postcode", Problem::PostcodeOutside));
                }
            }
            let start = self.start.trim().parse::<Date>().ok();
            if !self.start.trim().is_empty() && start.is_none() {
                out.push(error("vm-s-start", Problem::Date));
            }
            match self.end.trim().parse::<Date>().ok() {
                None if !self.end.trim().is_empty() => out.push(error("vm-s-end", Problem::Date)),
                Some(end) if start.is_some_and(|s| end < s) => out.push(error("vm-s-end", Problem::EndBeforeStart)),
                _ => {}
            }
        }
        if on(2) {
            if self.needs.is_empty() {
                out.push(error("vm-s-add-need", Problem::NoNeeds));
            }
            for (i, need) in self.needs.iter().enumerate() {
                if !need.amount.trim().is_empty() && parse_amount(&need.amount).is_none() {
                    out.push(error(&format!("vm-s-need-{i}-amount"), Problem::Amount));
                }
            }
        }
        if on(3) {
            if self.initiator.trim().is_empty() {
                out.push(error("vm-s-initiator", Problem::Required));
            }
            contact_errors(&self.email, &self.phone, "vm-s-email", &mut out);
        }
        out
    }

    /// The plan as an initiative record with id `id`: what is valid so far (an invalid date or
    /// amount is left out), so the live suggestions and rules follow the typing.
    pub fn initiative(&self, dataset: &Dataset, id: &str) -> Initiative {
        let area = AreaId::new(self.area.trim())
            .filter(|a| dataset.area(a).is_some())
            .or_else(|| dataset.area_of_postcode(&self.postcode).cloned());
        let start = self.start.trim().parse::<Date>().ok();
        let end = self.end.trim().parse::<Date>().ok().filter(|e| start.is_none_or(|s| *e >= s));
        let period = start.map(|start| Period { start: DateValue::Date(start), end: end.map(DateValue::Date) });
        let needs = self
            .needs
            .iter()
            .enumerate()
            .map(|(i, need)| {
                let mut record = Need::new(NeedId::new_lossy(&format!("need-{}", i + 1)), kind_of(&need.kind));
                record.description = text(&need.description);
                record.amount = parse_amount(&need.amount);
                record.skills = ids(&need.skills, SkillId::new);
                record
            })
            .collect();
        let initiators = text(&self.initiator)
            .map(|_| {
                let mut initiator = Initiator::new(self.initiator.trim());
                initiator.sector = self.sector.parse::<Sector>().ok();
                initiator
            })
            .into_iter()
            .collect();
        let mut initiative = Initiative::new(
            InitiativeId::new_lossy(id),
            text(&self.title).unwrap_or_else(|| Text::plain("…")),
            Stage::Idea,
        );
        initiative.summary = text(&self.summary);
        initiative.description = text(&self.description);
        initiative.themes = ids(&self.themes, ThemeId::new);
        initiative.area = area;
        initiative.initiators = initiators;
        initiative.period = period;
        initiative.needs = needs;
        initiative
    }

    /// How to reach the initiator.
    pub fn contact(&self) -> Option<Contact> {
        contact(&self.contact_name, &self.email, &self.phone)
    }
}

impl OfferForm {
    /// The problems, in the order of the fields.
    pub fn errors(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        if self.name.trim().is_empty() {
            out.push(error("vm-o-name", Problem::Required));
        }
        if !self.amount.trim().is_empty() && parse_amount(&self.amount).is_none() {
            out.push(error("vm-o-amount", Problem::Amount));
        }
        contact_errors(&self.email, &self.phone, "vm-o-email", &mut out);
        out
    }

    /// The form for someone who wants to help `initiative` ("I want to help" on its page): the
    /// kind and skills of `need` (its first open need), its themes, and the top-level area it
    /// lies in, which the visitor can change.
    pub fn helping(dataset: &Dataset, initiative: &Initiative, need: Option<&Need>) -> OfferForm {
        let mut area = initiative.area.as_ref().and_then(|a| dataset.area(a));
        // The form offers the top-level areas; the loader rejects cycles, the bound guards anyway.
        for _ in 0..dataset.areas.len() {
            match area.and_then(|a| a.parent.as_ref()).and_then(|p| dataset.area(p)) {
                Some(parent) => area = Some(parent),
                None => break,
            }
        }
        let mut form = OfferForm {
            themes: initiative.themes.iter().map(|t| t.as_str().to_owned()).collect(),
            areas: area.map(|a| a.id.as_str().to_owned()).into_iter().collect(),
            interest: vec![initiative.id.as_str().to_owned()],
            ..OfferForm::default()
        };
        if let Some(need) = need {
            form.kind = need.kind.as_str().to_owned();
            form.skills = need.skills.iter().map(|s| s.as_str().to_owned()).collect();
        }
        form
    }

    /// Whether the amount is per month (time) rather than once.
    pub fn per_month(&self) -> bool {
        matches!(kind_of(&self.kind), Kind::Volunteers | Kind::Expertise | Kind::Coaching)
    }

    /// The offer as the matching engine's ad-hoc offer ("where do I fit?").
    pub fn adhoc(&self) -> AdHocOffer {
        let mut offer = AdHocOffer::new(kind_of(&self.kind));
        offer.capacity = parse_amount(&self.amount);
        offer.skills = ids(&self.skills, SkillId::new);
        offer.themes = ids(&self.themes, ThemeId::new);
        let areas: Vec<AreaId> = ids(&self.areas, AreaId::new);
        offer.areas = if areas.is_empty() { Coverage::All } else { Coverage::Areas(areas) };
        offer.sector = self.sector.parse::<Sector>().unwrap_or(Sector::Resident);
        offer
    }

    /// The helper as a partner record with id `id` and one offer.
    pub fn partner(&self, id: &str) -> Partner {
        let kind = kind_of(&self.kind);
        let areas: Vec<AreaId> = ids(&self.areas, AreaId::new);
        let mut offer = Offer::new(OfferId::new_lossy("offer-1"), kind);
        offer.description = text(&self.description);
        offer.capacity = parse_amount(&self.amount);
        offer.per = if self.per_month() { Per::Month } else { Per::Once };
        offer.skills = ids(&self.skills, SkillId::new);
        let sector = self.sector.parse::<Sector>().unwrap_or(Sector::Resident);
        let mut partner = Partner::new(PartnerId::new_lossy(id), self.name.trim(), sector);
        partner.areas = if areas.is_empty() { Coverage::All } else { Coverage::Areas(areas) };
        partner.themes = ids(&self.themes, ThemeId::new);
        partner.offers = vec![offer];
        partner.contact = contact(&self.name, &self.email, &self.phone);
        partner
    }
}

/// The submission document for a form, with record id `id`, sent at `now` (RFC 3339).
pub fn submission(form: &Form, dataset: &Dataset, id: &str, now: &str) -> Submission {
    let (record, contact, interest) = match form {
        Form::Start(start) => (Record::Initiative(start.initiative(dataset, id)), start.contact(), Vec::new()),
        Form::Offer(offer) => {
            let partner = offer.partner(id);
            let contact = partner.contact.clone();
            (Record::Partner(partner), contact, ids(&offer.interest, InitiativeId::new))
        }
    };
    Submission {
        record,
        contact,
        interest,
        municipality: Some(dataset.municipality.name.clone()),
        submitted: now.parse::<DateValue>().ok(),
    }
}

#[cfg(test)]
mod tests {

    /// An item id read back from storage with white space around it, or none at all, makes a
    /// record with a usable id instead of taking every widget on the page down.
    #[test]
    fn a_stored_id_with_white_space_or_none_still_makes_records() {
        let dataset = Dataset::from_json_strict(include_str!("../../core/demo/initiatieven.json")).unwrap();
        let start = StartForm { title: "Feest".into(), ..StartForm::default() };
        assert_eq!(start.initiative(&dataset, "feest-1 ").id.as_str(), "feest-1");
        assert_eq!(start.initiative(&dataset, "").id.as_str(), "_");
        let offer = OfferForm { name: "Jan".into(), ..OfferForm::default() };
        assert_eq!(offer.partner("\tjan-1").id.as_str(), "jan-1");
        assert_eq!(offer.partner(" ").id.as_str(), "_");
    }

    use super::*;
    use verschilmaker::record_id;
    use verschilmaker::submission::merge_into;

    fn demo() -> Dataset {
        let json = include_str!("../../core/demo/initiatieven.json");
        Dataset::from_json_strict(json).unwrap()
    }

    fn filled() -> StartForm {
        StartForm {
            title: "Buurtfeest Zuiderhof".into(),
            summary: "Een feest om buren te leren kennen.".into(),
            themes: vec!["ontmoeting".into()],
            postcode: "5231 ab".into(),
            start: "2026-06-01".into(),
            end: "2026-06-02".into(),
            initiator: "Buren van de Hof".into(),
            sector: "resident".into(),
            needs: vec![NeedForm {
                kind: "funding".into(),
                amount: "3000,50".into(),
                skills: Vec::new(),
                description: "Tent".into(),
            }],
            email: "hof@example.org".into(),
            ..StartForm::default()
        }
    }

    #[test]
    fn each_step_reports_its_own_fields() {
        let dataset = demo();
        let empty = StartForm::default();
        let fields = |step| empty.errors(Some(step), &dataset).into_iter().map(|e| e.field).collect::<Vec<_>>();
        assert_eq!(fields(0), ["vm-s-title", "vm-s-summary"]);
        assert_eq!(fields(1), Vec::<String>::new());
        assert_eq!(fields(2), ["vm-s-add-need"]);
        assert_eq!(fields(3), ["vm-s-initiator", "vm-s-email"]);
        assert_eq!(filled().errors(None, &dataset), []);
        let bad = StartForm {
            postcode: "1234".into(),
            start: "2026-06-02".into(),
            end: "2026-06-01".into(),
            needs: vec![NeedForm { amount: "-3".into(), ..NeedForm::default() }],
            email: "not-an-address".into(),
            ..filled()
        };
        let problems: Vec<(String, Problem)> =
            bad.errors(None, &dataset).into_iter().map(|e| (e.field, e.problem)).collect();
        assert_eq!(
            problems,
            [
                ("vm-s-postcode".into(), Problem::PostcodeOutside),
                ("vm-s-end".into(), Problem::EndBeforeStart),
                ("vm-s-need-0-amount".into(), Problem::Amount),
                ("vm-s-email".into(), Problem::Email),
            ]
        );
        assert_eq!(
            StartForm { postcode: "52".into(), ..filled() }.errors(Some(1), &dataset)[0].problem,
            Problem::Postcode
        );
    }

    /// The form refuses what the strict check refuses: it used to accept these addresses.
    #[test]
    fn the_form_refuses_what_the_strict_check_refuses() {
        let dataset = demo();
        let problems = |form: StartForm, step| {
            form.errors(Some(step), &dataset).into_iter().map(|e| e.problem).collect::<Vec<_>>()
        };
        for email in ["a@b@c.nl", "a@b..nl", "hof@example"] {
            assert_eq!(problems(StartForm { email: email.into(), ..filled() }, 3), [Problem::Email], "{email}");
            let offer = OfferForm { name: "Jan".into(), email: email.into(), ..OfferForm::default() };
            assert_eq!(offer.errors().into_iter().map(|e| e.problem).collect::<Vec<_>>(), [Problem::Email], "{email}");
            assert_eq!(offer.partner("jan-1").contact, None, "{email} is not kept as a contact");
        }
        assert_eq!(problems(StartForm { email: " hof@example.org ".into(), ..filled() }, 3), []);
        for postcode in ["0231 AB", "5231ABC", "5231 A"] {
            assert_eq!(
                problems(StartForm { postcode: postcode.into(), ..filled() }, 1),
                [Problem::Postcode],
                "{postcode}"
            );
        }
    }

    #[test]
    fn the_postcode_gives_the_innermost_area_and_the_plan_becomes_a_record() {
        let dataset = demo();
        let plan = filled().initiative(&dataset, "buurtfeest-zuiderhof-1");
        assert_eq!(plan.area.as_ref().map(AreaId::as_str), Some("zuiderhof"));
        assert_eq!(plan.needs[0].amount, Some(3000.5));
        assert_eq!(plan.needs[0].unit.as_str(), "eur");
        assert_eq!(plan.period.map(|p| p.start.date().to_string()), Some("2026-06-01".into()));
        // A half-typed amount is left out rather than guessed.
        let typing = StartForm { needs: vec![NeedForm { amount: "3.".into(), ..NeedForm::default() }], ..filled() };
        assert_eq!(typing.initiative(&dataset, "x").needs[0].amount, Some(3.0));
        let typing = StartForm { needs: vec![NeedForm { amount: "3x".into(), ..NeedForm::default() }], ..filled() };
        assert_eq!(typing.initiative(&dataset, "x").needs[0].amount, None);
    }

    #[test]
    fn both_submissions_merge_into_the_demo_data_strictly() {
        let dataset = demo();
        let start = submission(
            &Form::Start(filled()),
            &dataset,
            &record_id("Buurtfeest Zuiderhof!", "k3"),
            "2026-05-01T10:00:00Z",
        );
        let merged = merge_into(&start.to_json(), &dataset).unwrap();
        let added = merged.initiatives.last().unwrap();
        assert_eq!(added.id.as_str(), "buurtfeest-zuiderhof-k3");
        assert_eq!(start.to_value()["contact"]["email"], "hof@example.org");
        let offer = OfferForm {
            name: "Jan de Vries".into(),
            amount: "8".into(),
            skills: vec!["tuinieren".into()],
            areas: vec!["noord".into()],
            email: "jan@example.org".into(),
            interest: vec!["moestuin-de-vlier".into()],
            ..OfferForm::default()
        };
        assert_eq!(offer.errors(), []);
        let sent = submission(&Form::Offer(offer), &dataset, &record_id("Jan de Vries", "k4"), "2026-05-01T10:00:00Z");
        let value = sent.to_value();
        assert_eq!(value["partner"]["offers"][0]["per"], "month");
        assert_eq!(value["interest"][0], "moestuin-de-vlier");
        let merged = merge_into(&sent.to_json(), &dataset).unwrap();
        assert_eq!(merged.partners.last().unwrap().name, "Jan de Vries");
    }

    #[test]
    fn helping_an_initiative_fills_in_its_open_need_themes_and_area() {
        let dataset = demo();
        let garden = dataset.initiatives.iter().find(|i| i.id.as_str() == "moestuin-de-vlier").unwrap();
        let form = OfferForm::helping(&dataset, garden, garden.needs.first());
        assert_eq!((form.kind.as_str(), form.skills.as_slice()), ("volunteers", &["tuinieren".to_owned()][..]));
        assert_eq!(form.themes, ["groen", "ontmoeting"]);
        // The garden lies in Vliertuinen, a neighbourhood of Noord: the form offers Noord.
        assert_eq!(form.areas, ["noord"]);
        assert_eq!(form.interest, ["moestuin-de-vlier"]);
        let nothing_open = OfferForm::helping(&dataset, garden, None);
        assert_eq!((nothing_open.kind.as_str(), nothing_open.skills.len()), ("volunteers", 0));
    }
}
