//! Drafts and the outbox in the browser's `localStorage`, so that nothing a visitor types is lost
//! to a reload, a closed tab or a crash, and a submission stays until its hand-over is confirmed.
//!
//! Layout: one key per item, `verschilmaker/<municipality>/<item id>`, so that two municipalities
//! on one site never see each other's drafts and two tabs only collide on the same item. The
//! value is an [`Item`] as JSON with a format version `v`. Reading goes through [`decode`], which
//! migrates older versions step by step ([`migrate`]), leaves items of a newer version (written by
//! a newer widget in another tab) untouched, and never deletes what it cannot read.
//!
//! Two tabs: every save carries a revision and the tab's id. A save first reads the stored item;
//! when another tab has saved a newer revision since, it does not overwrite it but reports a
//! [`SaveError::Conflict`], and the `storage` event tells an open form at once.
//!
//! Natively (in tests) there is no storage: every call reports [`SaveError::Unavailable`].

use serde_json::{Map, Value};
use verschilmaker::exchange::json_text;

#[cfg(target_arch = "wasm32")]
use crate::components::common::sort_few_by;
use crate::draft::Form;

/// The format version this widget writes.
pub const FORMAT: u64 = 1;

/// The prefix of every key.
pub const PREFIX: &str = "verschilmaker/";

/// One draft or outbox item.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize))] // To check `encode` against serde.
pub struct Item {
    /// The format version.
    pub v: u64,
    /// The item's id; also the base of the record id in the submission.
    pub id: String,
    /// Counts saves; a save over a higher revision from another tab is a conflict.
    pub rev: u64,
    /// The tab that saved it last.
    pub tab: String,
    /// When it was saved last (RFC 3339).
    pub updated: String,
    /// What was typed.
    pub form: Form,
    /// Set once the visitor sent it: then it is in the outbox.
    #[cfg_attr(test, serde(default, skip_serializing_if = "Option::is_none"))]
    pub sent: Option<Sent>,
}

/// A submitted item's hand-over.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Sent {
    /// The submission document as sent.
    pub document: String,
    /// When it was submitted.
    pub at: String,
    /// How many times it was posted.
    pub attempts: u32,
    /// The last failure, for the visitor.
    #[cfg_attr(test, serde(default, skip_serializing_if = "Option::is_none"))]
    pub error: Option<String>,
    /// Whether the receiving address confirmed it (then it is removed from storage).
    pub confirmed: bool,
}

impl Item {
    /// A new, empty item.
    pub fn new(id: String, tab: String, form: Form, now: String) -> Item {
        Item { v: FORMAT, id, rev: 0, tab, updated: now, form, sent: None }
    }

    /// Whether it waits in the outbox.
    pub fn in_outbox(&self) -> bool {
        self.sent.as_ref().is_some_and(|s| !s.confirmed)
    }
}

/// What a stored value turned out to be.
#[derive(Clone, Debug, PartialEq)]
pub enum Decoded {
    /// An item, migrated to [`FORMAT`] when it was older.
    Item(Box<Item>),
    /// Written by a newer widget: left as it is.
    Newer(u64),
    /// Not an item at all (damaged, or written by something else): left as it is.
    Unreadable,
}

/// Brings a stored value of any older format version up to [`FORMAT`], one step at a time, and
/// reports newer or unreadable values instead.
///
/// When format 2 comes, its step goes here, so that every item a visitor saved with an older
/// widget is still restored.
pub fn migrate(value: Value) -> Result<Value, Decoded> {
    let Some(version) = value.get("v").and_then(Value::as_u64) else { return Err(Decoded::Unreadable) };
    if version > FORMAT {
        return Err(Decoded::Newer(version));
    }
    // Format 1 is the first, so there is no step yet; a value claiming an older version was not
    // written by this widget. The step to format 2 will turn a version-1 value into a version-2 one here.
    if version < FORMAT {
        return Err(Decoded::Unreadable);
    }
    Ok(value)
}

/// Reads a stored value.
pub fn decode(text: &str) -> Decoded {
    let Ok(value) = serde_json::from_str::<Value>(text) else { return Decoded::Unreadable };
    match migrate(value) {
        Ok(value) => item_of(&value).map_or(Decoded::Unreadable, |item| Decoded::Item(Box::new(item))),
        Err(other) => other,
    }
}

/// An item from a value of the current format: the id and the form are required, the rest
/// defaults (see `draft::Form::from_value` for why this is not a serde derive).
fn item_of(value: &Value) -> Option<Item> {
    let map = value.as_object()?;
    let text = |key: &str| map.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
    let id = map.get("id")?.as_str().filter(|id| !id.is_empty())?.to_owned();
    let sent = match map.get("sent") {
        None | Some(Value::Null) => None,
        Some(sent) => {
            let sent = sent.as_object()?;
            Some(Sent {
                document: sent.get("document")?.as_str()?.to_owned(),
                at: sent.get("at").and_then(Value::as_str).unwrap_or_default().to_owned(),
                attempts: sent.get("attempts").and_then(Value::as_u64).map_or(0, |a| a.min(u64::from(u32::MAX)) as u32),
                error: sent.get("error").and_then(Value::as_str).map(str::to_owned),
                confirmed: sent.get("confirmed").and_then(Value::as_bool).unwrap_or(false),
            })
        }
    };
    Some(Item {
        v: FORMAT,
        id,
        rev: map.get("rev").and_then(Value::as_u64).unwrap_or(0),
        tab: text("tab"),
        updated: text("updated"),
        form: Form::from_value(map.get("form")?)?,
        sent,
    })
}

/// Writes an item, as compact JSON with the fields in declaration order.
///
/// By hand rather than with serde's `Serialize`, like the reading (see
/// `draft::Form::from_value`): the derived impls and serde_json's serializer were about 4 KB of
/// the wasm, and a JSON value written by `json_text` is all it takes.
pub fn encode(item: &Item) -> String {
    let mut map = Map::new();
    map.insert("v".into(), Value::from(item.v));
    map.insert("id".into(), Value::from(item.id.as_str()));
    map.insert("rev".into(), Value::from(item.rev));
    map.insert("tab".into(), Value::from(item.tab.as_str()));
    map.insert("updated".into(), Value::from(item.updated.as_str()));
    map.insert("form".into(), item.form.to_value());
    if let Some(sent) = &item.sent {
        let mut out = Map::new();
        out.insert("document".into(), Value::from(sent.document.as_str()));
        out.insert("at".into(), Value::from(sent.at.as_str()));
        out.insert("attempts".into(), Value::from(sent.attempts));
        if let Some(error) = &sent.error {
            out.insert("error".into(), Value::from(error.as_str()));
        }
        out.insert("confirmed".into(), Value::Bool(sent.confirmed));
        map.insert("sent".into(), Value::Object(out));
    }
    json_text(&Value::Object(map))
}

/// The namespace of a municipality: its CBS code, else its name, as a key-safe token.
pub fn namespace(code: Option<&str>, name: &str) -> String {
    let source = code.filter(|c| !c.trim().is_empty()).unwrap_or(name);
    let token: String =
        source.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').map(|c| c.to_ascii_lowercase()).collect();
    if token.is_empty() { String::from("gemeente") } else { token }
}

/// The key of an item.
pub fn key(namespace: &str, id: &str) -> String {
    let mut key = String::from(PREFIX);
    key.push_str(namespace);
    key.push('/');
    key.push_str(id);
    key
}

/// Why a save did not happen.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveError {
    /// The browser gives no storage (disabled, private mode, blocked third-party storage).
    Unavailable,
    /// The storage is full.
    Full,
    /// Another tab saved a newer revision of this item; it is not overwritten.
    Conflict(Box<Item>),
}

/// What [`load`] found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Found {
    /// Every readable item of the namespace, most recently saved first.
    pub items: Vec<Item>,
    /// How many values were left alone (newer format or unreadable).
    pub kept: usize,
}

#[cfg(target_arch = "wasm32")]
fn local() -> Option<web_sys::Storage> {
    // `localStorage` itself throws where storage is blocked, so both failures mean "none".
    web_sys::window()?.local_storage().ok().flatten()
}

/// Every item of the namespace, or `Err` when there is no storage.
pub fn load(namespace: &str) -> Result<Found, SaveError> {
    #[cfg(target_arch = "wasm32")]
    {
        let storage = local().ok_or(SaveError::Unavailable)?;
        let prefix = key(namespace, "");
        let mut found = Found::default();
        let length = storage.length().map_err(|_| SaveError::Unavailable)?;
        for i in 0..length {
            let Some(name) = storage.key(i).ok().flatten() else { continue };
            if !name.starts_with(&prefix) {
                continue;
            }
            match storage.get_item(&name).ok().flatten().map(|text| decode(&text)) {
                Some(Decoded::Item(item)) => found.items.push(*item),
                _ => found.kept += 1,
            }
        }
        sort_few_by(&mut found.items, |a, b| b.updated.cmp(&a.updated).then_with(|| a.id.cmp(&b.id)));
        Ok(found)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = namespace;
        Err(SaveError::Unavailable)
    }
}

/// Saves `item` over revision `base` (the revision this tab last read or wrote), raising its
/// revision; refuses to overwrite a newer revision from another tab.
pub fn save(namespace: &str, item: &mut Item, base: u64) -> Result<(), SaveError> {
    #[cfg(target_arch = "wasm32")]
    {
        let storage = local().ok_or(SaveError::Unavailable)?;
        let name = key(namespace, &item.id);
        if let Some(Decoded::Item(stored)) = storage.get_item(&name).ok().flatten().map(|text| decode(&text))
            && stored.rev > base
            && stored.tab != item.tab
        {
            return Err(SaveError::Conflict(stored));
        }
        item.rev = base + 1;
        item.v = FORMAT;
        storage.set_item(&name, &encode(item)).map_err(|error| {
            let name = js_sys::Reflect::get(&error, &"name".into()).ok().and_then(|n| n.as_string());
            if name.as_deref() == Some("QuotaExceededError") { SaveError::Full } else { SaveError::Unavailable }
        })
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (namespace, item, base);
        Err(SaveError::Unavailable)
    }
}

/// Removes one item.
pub fn remove(namespace: &str, id: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(storage) = local() {
        let _ = storage.remove_item(&key(namespace, id));
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (namespace, id);
}

/// Removes everything the widget stored for this municipality, readable or not.
pub fn clear(namespace: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(storage) = local() {
        let prefix = key(namespace, "");
        let length = storage.length().unwrap_or(0);
        let names: Vec<String> =
            (0..length).filter_map(|i| storage.key(i).ok().flatten()).filter(|k| k.starts_with(&prefix)).collect();
        for name in names {
            let _ = storage.remove_item(&name);
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = namespace;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::{OfferForm, StartForm};

    fn item() -> Item {
        let form = Form::Start(StartForm { title: "Buurtfeest".into(), step: 2, ..StartForm::default() });
        Item::new("buurtfeest-k3".into(), "tab1".into(), form, "2026-05-01T10:00:00Z".into())
    }

    #[test]
    fn items_round_trip_through_the_current_format() {
        let mut sent = item();
        sent.sent = Some(Sent {
            document: "{}".into(),
            at: "2026-05-01T10:00:00Z".into(),
            attempts: 2,
            error: Some("HTTP 500".into()),
            confirmed: false,
        });
        for original in [item(), sent] {
            let text = encode(&original);
            assert!(text.starts_with("{\"v\":1,"), "{text}");
            assert_eq!(decode(&text), Decoded::Item(Box::new(original)));
        }
    }

    #[test]
    fn items_are_written_as_serde_would_write_them() {
        let offer = OfferForm {
            name: "Jan \"de\" Vries\n".into(),
            amount: "12,5".into(),
            skills: vec!["tuinieren".into(), "koken".into()],
            interest: vec!["moestuin".into()],
            ..OfferForm::default()
        };
        let start = StartForm {
            themes: vec!["groen".into()],
            needs: vec![crate::draft::NeedForm {
                kind: "space".into(),
                skills: vec!["x".into()],
                ..Default::default()
            }],
            ..StartForm::default()
        };
        let sent = |error: Option<&str>| Sent {
            document: "{\"a\": 1}".into(),
            at: "2026-05-01T10:00:00Z".into(),
            attempts: 3,
            error: error.map(str::to_owned),
            confirmed: true,
        };
        let mut items = vec![item()];
        for (form, sent) in [(Form::Offer(offer), Some(sent(Some("HTTP 500")))), (Form::Start(start), Some(sent(None)))]
        {
            let mut item = Item::new("a-1".into(), "tab2".into(), form, "2026-05-02T10:00:00Z".into());
            item.sent = sent;
            item.rev = 7;
            items.push(item);
        }
        items.push(Item::new("b".into(), "t".into(), Form::Offer(OfferForm::default()), String::new()));
        for item in items {
            assert_eq!(encode(&item), serde_json::to_string(&item).unwrap());
        }
    }

    #[test]
    fn migration_keeps_what_it_cannot_read_and_leaves_newer_formats_alone() {
        // Written by a later widget in another tab: not ours to rewrite.
        let newer = r#"{"v": 2, "id": "x", "something": "new"}"#;
        assert_eq!(decode(newer), Decoded::Newer(2));
        // Damaged or foreign values are reported, never mistaken for an empty draft.
        for bad in ["", "{", "[]", r#"{"id": "x"}"#, r#"{"v": 0, "id": "x"}"#, r#"{"v": "1"}"#, r#"{"v": 1, "id": 5}"#]
        {
            assert_eq!(decode(bad), Decoded::Unreadable, "{bad}");
        }
        // Fields a form gained later default when an older item of the same format lacks them.
        let sparse = r#"{"v": 1, "id": "x", "rev": 3, "tab": "t", "updated": "2026-05-01T10:00:00Z",
                         "form": {"form": "offer", "name": "Jan"}}"#;
        let Decoded::Item(item) = decode(sparse) else { panic!("{sparse} is an item") };
        assert_eq!(item.form, Form::Offer(OfferForm { name: "Jan".into(), ..OfferForm::default() }));
        assert_eq!((item.rev, item.sent), (3, None));
        assert_eq!(migrate(serde_json::json!({"v": 1, "id": "x"})), Ok(serde_json::json!({"v": 1, "id": "x"})));
    }

    #[test]
    fn keys_are_namespaced_per_municipality() {
        assert_eq!(namespace(Some("GM9999"), "Gemeente Verschilstad"), "gm9999");
        assert_eq!(namespace(None, "Gemeente 's-Hertogenbosch"), "gemeentes-hertogenbosch");
        assert_eq!(namespace(Some(" "), "!!"), "gemeente");
        assert_eq!(key("gm9999", "a-1"), "verschilmaker/gm9999/a-1");
    }

    #[test]
    fn without_storage_nothing_is_saved_and_that_is_said() {
        let mut draft = item();
        assert_eq!(save("gm9999", &mut draft, 0), Err(SaveError::Unavailable));
        assert_eq!(load("gm9999"), Err(SaveError::Unavailable));
    }
}
