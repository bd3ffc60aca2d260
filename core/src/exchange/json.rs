//! JSON text from a [`serde_json::Value`], written by hand: byte for byte what
//! `serde_json::to_string` and `serde_json::to_string_pretty` write for the same value.
//!
//! Why by hand? serde's serializer is generic over the value and the formatter, so every
//! `Serialize` type and every formatter the widget used added its own copy of the code to the
//! wasm bundle (the model's derived impls, the submission's pretty printer and the outbox's
//! compact one: about 30 KB raw). A value tree walked by one plain function is a few hundred
//! bytes. Numbers are written by `serde_json::Number`'s `Display`, which is what the serializer
//! writes too (`itoa` for integers, `ryu` for floats).

use serde_json::Value;

/// The value as compact JSON text, as `serde_json::to_string` writes it.
///
/// ```
/// use verschilmaker::exchange::json_text;
/// let value = serde_json::json!({"a": [1, 2.5, "x\n"], "b": {}});
/// assert_eq!(json_text(&value), r#"{"a":[1,2.5,"x\n"],"b":{}}"#);
/// ```
pub fn json_text(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, None);
    out
}

/// The value as JSON text indented by two spaces, as `serde_json::to_string_pretty` writes it
/// (for example `{"a": [1], "b": []}` as `"{\n  \"a\": [\n    1\n  ],\n  \"b\": []\n}"`).
pub(crate) fn json_text_pretty(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, Some(0));
    out
}

/// Writes `value`; `indent` is the current depth when pretty-printing, `None` for compact text.
fn write_value(out: &mut String, value: &Value, indent: Option<usize>) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(number) => {
            use std::fmt::Write;
            // Writing to a `String` cannot fail.
            let _ = write!(out, "{number}");
        }
        Value::String(text) => write_string(out, text),
        Value::Array(items) => {
            out.push('[');
            for (at, item) in items.iter().enumerate() {
                separator(out, at, indent);
                write_value(out, item, indent.map(|depth| depth + 1));
            }
            close(out, !items.is_empty(), indent, ']');
        }
        Value::Object(entries) => {
            out.push('{');
            for (at, (key, item)) in entries.iter().enumerate() {
                separator(out, at, indent);
                write_string(out, key);
                out.push_str(if indent.is_some() { ": " } else { ":" });
                write_value(out, item, indent.map(|depth| depth + 1));
            }
            close(out, !entries.is_empty(), indent, '}');
        }
    }
}

/// Before the item at `at` of a list or object: a comma after the first, and when
/// pretty-printing a new line indented one level deeper than the list.
fn separator(out: &mut String, at: usize, indent: Option<usize>) {
    if at > 0 {
        out.push(',');
    }
    if let Some(depth) = indent {
        out.push('\n');
        push_indent(out, depth + 1);
    }
}

/// The closing bracket; when pretty-printing a non-empty list, on a line of its own.
fn close(out: &mut String, any: bool, indent: Option<usize>, bracket: char) {
    if let (true, Some(depth)) = (any, indent) {
        out.push('\n');
        push_indent(out, depth);
    }
    out.push(bracket);
}

fn push_indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// A JSON string with serde_json's escapes: `\"`, `\\`, the short forms `\b \t \n \f \r`,
/// `\u00XX` (lowercase hex) for the other control characters, and everything else as it is.
fn write_string(out: &mut String, text: &str) {
    out.push('"');
    let mut start = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            b'\t' => "\\t",
            b'\n' => "\\n",
            0x0C => "\\f",
            b'\r' => "\\r",
            0x00..=0x1F => "",
            _ => continue,
        };
        // Every byte matched above is ASCII, so `at` is a character boundary.
        out.push_str(&text[start..at]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xF)]));
        } else {
            out.push_str(escape);
        }
        start = at + 1;
    }
    out.push_str(&text[start..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Both writers against serde_json's on the same value.
    fn check(value: Value) {
        assert_eq!(json_text(&value), serde_json::to_string(&value).unwrap(), "compact: {value:?}");
        assert_eq!(json_text_pretty(&value), serde_json::to_string_pretty(&value).unwrap(), "pretty: {value:?}");
    }

    #[test]
    fn scalars() {
        for value in [json!(null), json!(true), json!(false), json!(0), json!(-7), json!(u64::MAX), json!(i64::MIN)] {
            check(value);
        }
        for number in
            [0.0, -0.0, 8.0, 40.5, 0.1, 1e-7, 1.5e16, 1e12, 123456789.125, f64::MAX, f64::MIN_POSITIVE, 5e-324]
        {
            check(json!(number));
        }
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let every_control: String = (0u8..0x20).map(char::from).collect();
        for text in [
            "",
            "plain",
            "quote \" and \\ backslash",
            "/ slash",
            "é ü ß 漢字 😀",
            "\u{7f}\u{80}\u{2028}\u{202e}",
            &every_control,
        ] {
            check(json!(text));
            check(json!({ text: text }));
        }
    }

    #[test]
    fn nesting() {
        check(json!([]));
        check(json!({}));
        check(json!([[], {}, [[]], {"a": {}}]));
        check(json!({"a": [1, {"b": [null, true, "x"]}], "c": {"d": {"e": []}}, "f": 2.5}));
    }

    #[test]
    fn the_demo_dataset_as_a_value() {
        let json = include_str!("../../demo/initiatieven.json");
        check(serde_json::from_str(json).unwrap());
    }
}
