//! The parsed document the decoder reads: JSON values whose strings borrow from the text.
//!
//! Why not `serde_json::Value`? Building one cost more than all the decoding after it: a
//! `String` for every key and every string, and for every object an `IndexMap` (the workspace
//! enables serde_json's `preserve_order`) with a hash table and SipHash over each key, all freed
//! again right after decoding. Here a string without escapes is a slice of the text, and an
//! object is a list of its fields in document order, which the decoder reads by name (records
//! have a dozen fields at most, so a scan beats hashing). About a third of the allocations,
//! and none of the hashing.

use std::borrow::Cow;

use serde_json::Number;

/// A JSON value as parsed for decoding; `'a` is the text's lifetime.
#[derive(Debug, PartialEq)]
pub(super) enum Value<'a> {
    Null,
    Bool(bool),
    Number(Number),
    /// Borrowed from the text unless it had an escape.
    String(Cow<'a, str>),
    Array(Vec<Value<'a>>),
    Object(Object<'a>),
}

impl<'a> Value<'a> {
    /// The field `key` when this is an object that has it.
    pub(super) fn get(&self, key: &str) -> Option<&Value<'a>> {
        match self {
            Value::Object(object) => object.get(key),
            _ => None,
        }
    }

    pub(super) fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    pub(super) fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(number) => number.as_f64(),
            _ => None,
        }
    }

    pub(super) fn is_string(&self) -> bool {
        matches!(self, Value::String(_))
    }

    /// The same document as `value`, borrowing its strings: for documents that a program built
    /// as a `serde_json::Value` (imports, submissions), which can repeat no key.
    pub(super) fn borrowed(value: &'a serde_json::Value) -> Value<'a> {
        match value {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => Value::Number(n.clone()),
            serde_json::Value::String(s) => Value::String(Cow::Borrowed(s)),
            serde_json::Value::Array(items) => Value::Array(items.iter().map(Value::borrowed).collect()),
            serde_json::Value::Object(map) => Value::Object(Object {
                fields: map.iter().map(|(key, value)| (Cow::Borrowed(key.as_str()), Value::borrowed(value))).collect(),
            }),
        }
    }
}

/// A JSON object: its fields in document order, each key once (of a repeated key, the parser
/// keeps the first place and the last value, as serde_json's map does).
#[derive(Debug, Default, PartialEq)]
pub(super) struct Object<'a> {
    pub(super) fields: Vec<(Cow<'a, str>, Value<'a>)>,
}

impl<'a> Object<'a> {
    /// The value of the field `key`. A scan: a record has a dozen fields at most, and an object
    /// as large as a hostile file can make costs a scan per field the decoder asks for, which
    /// is time at worst, never memory.
    pub(super) fn get(&self, key: &str) -> Option<&Value<'a>> {
        self.fields.iter().find(|(name, _)| name.len() == key.len() && *name == key).map(|(_, value)| value)
    }

    pub(super) fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub(super) fn keys(&self) -> impl Iterator<Item = &str> {
        self.fields.iter().map(|(key, _)| &**key)
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = (&str, &Value<'a>)> {
        self.fields.iter().map(|(key, value)| (&**key, value))
    }

    pub(super) fn len(&self) -> usize {
        self.fields.len()
    }

    pub(super) fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }
}
