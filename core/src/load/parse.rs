//! Parsing JSON into the loader's [`Value`] while noting every key that appears twice in one object.
//!
//! Why not `serde_json::from_str::<serde_json::Value>`? Its map keeps the last of two equal keys
//! and says nothing: `{"title": "Moestuin", "title": ""}` would lose the first title without a
//! word; and building its values cost more than decoding them (see [`super::document`]). This
//! reads the text with serde_json's own parser, so that syntax errors are its errors, through a
//! [`DeserializeSeed`] that knows the path it is at, so the check costs no second parse.

use super::Map as HashMap;
use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Number;

use super::document::{Arenas, Document, Value};
use super::values::Path;

/// Where the parser is: the keys and indices from the root down to the value being read.
enum Step<'de> {
    Key(Cow<'de, str>),
    Index(usize),
}

/// The keys that appear more than once, per object, the objects named by their JSON path as
/// [`Path`] displays it.
#[derive(Default)]
pub(super) struct Duplicates {
    /// Object path → its repeated keys, in the order found.
    pub(super) by_object: HashMap<String, Vec<Repeated>>,
}

/// A key that one object names more than once.
pub(super) struct Repeated {
    pub(super) key: String,
    /// How often the object names it: 2 or more.
    pub(super) count: usize,
    /// The path of the key in the object, such as `initiatives[3].title`.
    pub(super) path: String,
}

impl Duplicates {
    pub(super) fn is_empty(&self) -> bool {
        self.by_object.is_empty()
    }
}

/// The parser's state: the steps down to the current value, what was found, the values of the
/// lists and objects being read, and the arenas of those read.
struct State<'de> {
    steps: Vec<Step<'de>>,
    duplicates: Duplicates,
    /// The items of the lists being read, innermost last: a list's items go here while it is
    /// read, since the lists inside it are read meanwhile, and then together into the arena.
    items: Vec<Value<'de>>,
    /// The fields of the objects being read, innermost last, for the same reason.
    fields: Vec<(Cow<'de, str>, Value<'de>)>,
    arenas: Arenas<'de>,
}

/// From how many fields an object's keys are looked up in a hash table rather than by a scan
/// of those read so far: records have fewer, so they are scanned; an object as large as a
/// hostile file can make still costs a hash lookup per key.
const SCANNED_FIELDS: usize = 16;

impl State<'_> {
    /// Notes the keys repeated in the object at the current path.
    #[cold]
    fn repeated(&mut self, keys: Vec<(String, usize)>) {
        let object = display_steps(&self.steps, &Path::Root);
        let mut repeated = Vec::with_capacity(keys.len());
        for (key, count) in keys {
            self.steps.push(Step::Key(Cow::Owned(key)));
            let path = display_steps(&self.steps, &Path::Root);
            if let Some(Step::Key(key)) = self.steps.pop() {
                repeated.push(Repeated { key: key.into_owned(), count, path });
            }
        }
        self.duplicates.by_object.insert(object, repeated);
    }
}

/// The path of `steps` below `parent`, formatted by [`Path`] so that it reads exactly as the
/// decoder's paths do. Recursive, as deep as the document, which serde_json limits to 128.
fn display_steps(steps: &[Step<'_>], parent: &Path<'_>) -> String {
    match steps.split_first() {
        None => parent.to_string(),
        Some((Step::Key(key), rest)) => display_steps(rest, &parent.key(key)),
        Some((Step::Index(index), rest)) => display_steps(rest, &parent.index(*index)),
    }
}

/// Parses `json` (which has no byte order mark) into a document and the keys that appear twice.
pub(super) fn parse(json: &str) -> Result<(Document<'_>, Duplicates), serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let (document, duplicates) = parse_with(&mut deserializer, Arenas::for_text(json.len()))?;
    deserializer.end()?;
    Ok((document, duplicates))
}

/// Reads one value from any deserializer, noting duplicate keys.
pub(super) fn parse_from<'de, D: Deserializer<'de>>(deserializer: D) -> Result<(Document<'de>, Duplicates), D::Error> {
    parse_with(deserializer, Arenas::default())
}

/// [`parse_from`] into `arenas`.
fn parse_with<'de, D: Deserializer<'de>>(
    deserializer: D,
    arenas: Arenas<'de>,
) -> Result<(Document<'de>, Duplicates), D::Error> {
    let mut state =
        State { steps: Vec::new(), duplicates: Duplicates::default(), items: Vec::new(), fields: Vec::new(), arenas };
    let root = Seed(&mut state).deserialize(deserializer)?;
    Ok((state.arenas.document(root), state.duplicates))
}

/// Reads one value at the path the state is at.
struct Seed<'s, 'de>(&'s mut State<'de>);

impl<'de> DeserializeSeed<'de> for Seed<'_, 'de> {
    type Value = Value<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value<'de>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

// The same values serde_json's own `Value` visitor builds, one for one, but for strings that
// borrow from the text where they can, and objects as lists of fields.
impl<'de> Visitor<'de> for Seed<'_, 'de> {
    type Value = Value<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value<'de>, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value<'de>, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value<'de>, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value<'de>, E> {
        Ok(Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_borrowed_str<E>(self, value: &'de str) -> Result<Value<'de>, E> {
        Ok(Value::String(Cow::Borrowed(value)))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value<'de>, E> {
        Ok(Value::String(Cow::Owned(value.to_owned())))
    }

    fn visit_string<E>(self, value: String) -> Result<Value<'de>, E> {
        Ok(Value::String(Cow::Owned(value)))
    }

    fn visit_none<E>(self) -> Result<Value<'de>, E> {
        Ok(Value::Null)
    }

    fn visit_unit<E>(self) -> Result<Value<'de>, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value<'de>, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value<'de>, A::Error> {
        let state = self.0;
        let start = state.items.len();
        state.steps.push(Step::Index(0));
        loop {
            if let Some(Step::Index(index)) = state.steps.last_mut() {
                *index = state.items.len() - start;
            }
            match seq.next_element_seed(Seed(&mut *state))? {
                Some(item) => state.items.push(item),
                None => break,
            }
        }
        state.steps.pop();
        Ok(state.arenas.list(state.items.drain(start..)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value<'de>, A::Error> {
        let state = self.0;
        let start = state.fields.len();
        // Where each key is among the fields, once there are too many to scan (see
        // [`SCANNED_FIELDS`]).
        let mut table: Option<HashMap<Cow<'de, str>, usize>> = None;
        // The keys seen more than once and how often, and where each is in that list: empty,
        // and so without an allocation, unless the object repeats a key.
        let mut repeats: Vec<(String, usize)> = Vec::new();
        let mut repeat_at: HashMap<String, usize> = HashMap::default();
        while let Some(key) = access.next_key_seed(Key)? {
            // The key goes onto the path while its value is read and comes back for the
            // object: moved, never copied.
            state.steps.push(Step::Key(key));
            let value = access.next_value_seed(Seed(&mut *state))?;
            let Some(Step::Key(key)) = state.steps.pop() else {
                continue;
            };
            let fields = state.fields.get_mut(start..).unwrap_or_default();
            let earlier = match &table {
                Some(table) => table.get(&*key).copied(),
                None => fields.iter().position(|(name, _)| *name == key),
            };
            match earlier.and_then(|at| fields.get_mut(at)) {
                None => {
                    if let Some(table) = &mut table {
                        table.insert(key.clone(), fields.len());
                    }
                    state.fields.push((key, value));
                    let fields = state.fields.get(start..).unwrap_or_default();
                    if table.is_none() && fields.len() == SCANNED_FIELDS {
                        table = Some(fields.iter().enumerate().map(|(at, (name, _))| (name.clone(), at)).collect());
                    }
                }
                Some((name, earlier)) => {
                    match repeat_at.get(&**name) {
                        Some(&at) => {
                            if let Some((_, count)) = repeats.get_mut(at) {
                                *count += 1;
                            }
                        }
                        None => {
                            repeat_at.insert(name.to_string(), repeats.len());
                            repeats.push((name.to_string(), 2));
                        }
                    }
                    // As serde_json does: the first place, the last value (and the repeat reported).
                    *earlier = value;
                }
            }
        }
        if !repeats.is_empty() {
            state.repeated(repeats);
        }
        Ok(state.arenas.object(state.fields.drain(start..)))
    }
}

/// Reads a key, borrowed from the text unless it has an escape.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Cow<'de, str>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string key")
    }

    fn visit_borrowed_str<E>(self, value: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(value))
    }

    fn visit_str<E>(self, value: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(json: &str, expected: &[(&str, &str, usize)]) {
        let (document, duplicates) = parse(json).unwrap();
        let theirs = serde_json::from_str::<serde_json::Value>(json).unwrap();
        assert_eq!(document.to_serde(), theirs, "the same value as serde_json's");
        let mut found: Vec<(String, String, usize)> = duplicates
            .by_object
            .into_iter()
            .flat_map(|(path, keys)| keys.into_iter().map(move |r| (path.clone(), r.key, r.count)))
            .collect();
        found.sort();
        let expected: Vec<(String, String, usize)> =
            expected.iter().map(|&(p, k, c)| (p.to_owned(), k.to_owned(), c)).collect();
        assert_eq!(found, expected, "{json}");
    }

    #[test]
    fn duplicate_keys_are_found_with_their_object_path() {
        check(r#"{"a": [1, 2.5, -3, null, true, "x", {"b": {}}]}"#, &[]);
        check(r#"{"a": 1, "a": 2}"#, &[("", "a", 2)]);
        check(r#"{"a": 1, "a": 2, "a": 3, "b": 1, "b": 1}"#, &[("", "a", 3), ("", "b", 2)]);
        check(
            r#"{"initiatives": [{}, {}, {}, {"title": "x", "needs": [{"id": "n", "id": "m"}], "title": "y"}]}"#,
            &[("initiatives[3]", "title", 2), ("initiatives[3].needs[0]", "id", 2)],
        );
        check(r#"{"x-a b": [[{"k": 1, "k": 1}]]}"#, &[("[\"x-a b\"][0][0]", "k", 2)]);
        check(r#"{"a\u0062": 1, "ab": 2, "c": {"d\n": [], "d\n": {}}}"#, &[("", "ab", 2), ("c", "d\n", 2)]);
        // Repeats among the scanned fields and among those looked up in a table, and of keys
        // on either side of the point where the table takes over.
        for count in [SCANNED_FIELDS - 1, SCANNED_FIELDS, SCANNED_FIELDS + 1, 3 * SCANNED_FIELDS] {
            let keys: Vec<String> = (0..count).map(|k| format!("k{k}")).collect();
            let mut fields: Vec<String> = keys.iter().map(|key| format!(r#""{key}": 1"#)).collect();
            let (first, last) = (&keys[0], &keys[count - 1]);
            fields.extend([format!(r#""{last}": 2"#), format!(r#""{first}": 2"#), format!(r#""{last}": 3"#)]);
            let json = format!("{{{}}}", fields.join(", "));
            check(&json, &[("", first, 2), ("", last, 3)]);
        }
    }

    #[test]
    fn syntax_errors_are_serde_json_s() {
        for bad in ["", "{", "[1,]", "{\"a\": 1} x", "1e400"] {
            let ours = parse(bad).err().map(|e| e.to_string());
            let theirs = serde_json::from_str::<serde_json::Value>(bad).err().map(|e| e.to_string());
            assert_eq!(ours, theirs, "{bad}");
        }
    }
}
