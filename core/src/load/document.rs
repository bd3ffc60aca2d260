//! The parsed document the decoder reads: JSON values whose strings borrow from the text, and
//! whose lists and objects lie in two arenas.
//!
//! Why not `serde_json::Value`? Building one cost more than all the decoding after it: a
//! `String` for every key and every string, and for every object an `IndexMap` (the workspace
//! enables serde_json's `preserve_order`) with a hash table and SipHash over each key, all freed
//! again right after decoding. Here a string without escapes is a slice of the text; an object
//! is a run of its fields in document order, which the decoder reads by name (records have a
//! dozen fields at most, so a scan beats hashing); and the items of all lists and the fields of
//! all objects are in two vectors, so that a document of a million lists and objects costs a
//! few allocations, not a million, to build and to free.

use std::borrow::Cow;

use serde_json::Number;

/// A JSON value as parsed for decoding; `'a` is the text's lifetime. A list or an object is a
/// [`Span`] of its document's arena, read through [`Arena`].
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value<'a> {
    Null,
    Bool(bool),
    Number(Number),
    /// Borrowed from the text unless it had an escape.
    String(Cow<'a, str>),
    /// The list's items in the arena's items.
    Array(Span),
    /// The object's fields in the arena's fields.
    Object(Span),
}

/// Where a list's items or an object's fields are in their arena.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Span {
    start: usize,
    len: usize,
}

/// A key and its value.
pub(super) type Field<'a> = (Cow<'a, str>, Value<'a>);

/// A JSON object: its fields in document order, each key once (of a repeated key, the parser
/// keeps the first place and the last value, as serde_json's map does). Read by [`Fields`].
pub(super) type Object<'a> = [Field<'a>];

impl Value<'_> {
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
}

/// Reading an object's fields by name.
pub(super) trait Fields<'a> {
    /// The value of the field `key`. A scan: a record has a dozen fields at most, and an object
    /// as large as a hostile file can make costs a scan per field the decoder asks for, which
    /// is time at worst, never memory.
    fn field(&self, key: &str) -> Option<&Value<'a>>;

    fn contains_key(&self, key: &str) -> bool {
        self.field(key).is_some()
    }

    fn keys(&self) -> impl Iterator<Item = &str>;
}

impl<'a> Fields<'a> for Object<'a> {
    fn field(&self, key: &str) -> Option<&Value<'a>> {
        self.iter().find(|(name, _)| same_key(name, key)).map(|(_, value)| value)
    }

    fn keys(&self) -> impl Iterator<Item = &str> {
        self.iter().map(|(key, _)| &**key)
    }
}

/// Whether two keys are the same: their lengths and first bytes first, which tell most of a
/// record's keys apart without a call to compare the bytes.
pub(super) fn same_key(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
}

/// A parsed document: its root value and the arenas its lists and objects are in.
#[derive(Debug)]
pub(super) struct Document<'a> {
    pub(super) root: Value<'a>,
    arena: Arenas<'a>,
}

/// The items of every list and the fields of every object of a document, each list's and each
/// object's together.
#[derive(Debug, Default)]
pub(super) struct Arenas<'a> {
    items: Vec<Value<'a>>,
    fields: Vec<Field<'a>>,
}

impl<'a> Arenas<'a> {
    /// Arenas with room for the lists and objects of a text of `bytes` bytes as data files
    /// are usually written: a field per 24 bytes and a list item per 96 (the generated towns
    /// have one per 23 and per 95). Each growth of an arena copies all of it; reserved this
    /// way, a large file's arenas grow once at most instead of some twenty times.
    pub(super) fn for_text(bytes: usize) -> Arenas<'a> {
        Arenas { items: Vec::with_capacity(bytes / 96), fields: Vec::with_capacity(bytes / 24) }
    }

    /// A list of `items`, moved to the end of the arena.
    pub(super) fn list(&mut self, items: impl Iterator<Item = Value<'a>>) -> Value<'a> {
        let start = self.items.len();
        self.items.extend(items);
        Value::Array(Span { start, len: self.items.len() - start })
    }

    /// An object of `fields`, moved to the end of the arena.
    pub(super) fn object(&mut self, fields: impl Iterator<Item = Field<'a>>) -> Value<'a> {
        let start = self.fields.len();
        self.fields.extend(fields);
        Value::Object(Span { start, len: self.fields.len() - start })
    }

    /// The document of `root`, whose lists and objects are in these arenas.
    pub(super) fn document(self, root: Value<'a>) -> Document<'a> {
        Document { root, arena: self }
    }
}

impl<'a> Document<'a> {
    /// How the decoder reads the document's lists and objects.
    pub(super) fn arena(&self) -> Arena<'_> {
        Arena { items: &self.arena.items, fields: &self.arena.fields }
    }

    /// The same document as `value`, borrowing its strings: for documents that a program built
    /// as a `serde_json::Value` (imports, submissions), which can repeat no key.
    pub(super) fn borrowed(value: &'a serde_json::Value) -> Document<'a> {
        fn convert<'a>(arenas: &mut Arenas<'a>, value: &'a serde_json::Value) -> Value<'a> {
            match value {
                serde_json::Value::Null => Value::Null,
                serde_json::Value::Bool(b) => Value::Bool(*b),
                serde_json::Value::Number(n) => Value::Number(n.clone()),
                serde_json::Value::String(s) => Value::String(Cow::Borrowed(s)),
                serde_json::Value::Array(items) => {
                    // The items first, which put their own lists and objects in the arenas;
                    // then the list's own run.
                    let items: Vec<Value<'a>> = items.iter().map(|item| convert(arenas, item)).collect();
                    arenas.list(items.into_iter())
                }
                serde_json::Value::Object(map) => {
                    let fields: Vec<Field<'a>> =
                        map.iter().map(|(key, value)| (Cow::Borrowed(key.as_str()), convert(arenas, value))).collect();
                    arenas.object(fields.into_iter())
                }
            }
        }
        let mut arenas = Arenas::default();
        let root = convert(&mut arenas, value);
        arenas.document(root)
    }

    /// The document as a `serde_json::Value`, to compare it with serde_json's parse in tests.
    #[cfg(test)]
    pub(super) fn to_serde(&self) -> serde_json::Value {
        fn convert(arena: Arena<'_>, value: &Value<'_>) -> serde_json::Value {
            if let Some(items) = arena.list(value) {
                return serde_json::Value::Array(items.iter().map(|item| convert(arena, item)).collect());
            }
            if let Some(fields) = arena.object(value) {
                let map = fields.iter().map(|(key, value)| (key.to_string(), convert(arena, value))).collect();
                return serde_json::Value::Object(map);
            }
            match value {
                Value::Bool(b) => serde_json::Value::Bool(*b),
                Value::Number(n) => serde_json::Value::Number(n.clone()),
                Value::String(s) => serde_json::Value::String(s.to_string()),
                _ => serde_json::Value::Null,
            }
        }
        convert(self.arena(), &self.root)
    }
}

/// A document's arenas, to read its lists and objects.
#[derive(Clone, Copy)]
pub(super) struct Arena<'d> {
    items: &'d [Value<'d>],
    fields: &'d [Field<'d>],
}

impl<'d> Arena<'d> {
    /// The items of `value` when it is a list.
    pub(super) fn list(self, value: &Value<'_>) -> Option<&'d [Value<'d>]> {
        match value {
            Value::Array(span) => self.items.get(span.start..span.start + span.len),
            _ => None,
        }
    }

    /// The fields of `value` when it is an object.
    pub(super) fn object(self, value: &Value<'_>) -> Option<&'d Object<'d>> {
        match value {
            Value::Object(span) => self.fields.get(span.start..span.start + span.len),
            _ => None,
        }
    }
}
