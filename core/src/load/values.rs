//! The decoding context and the decoders of single JSON values: strings, ids, texts, numbers, dates, addresses.

use std::fmt::{self, Write as _};

use serde_json::{Map, Value};

use super::Problem;
use crate::date::{DateValue, Period};
use crate::text::{Lang, Text};

/// The longest text the format allows, in characters.
pub(super) const MAX_TEXT_CHARS: usize = 100_000;
/// The largest amount, capacity or radius the format allows.
pub(super) const MAX_AMOUNT: f64 = 1e12;

/// A JSON path, built on the stack as decoding descends, and only formatted when a problem is found.
#[derive(Clone, Copy)]
pub(super) enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    pub(super) fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    pub(super) fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Key(parent, key) => {
                let plain = !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
                match (plain, matches!(parent, Path::Root)) {
                    (true, true) => f.write_str(key),
                    (true, false) => write!(f, "{parent}.{key}"),
                    (false, _) => write!(f, "{parent}[{}]", escape_for_display(key)),
                }
            }
            Path::Index(parent, index) => write!(f, "{parent}[{index}]"),
        }
    }
}

/// Shows a value from the document safely in a message: quoted, control and bidirectional
/// formatting characters made visible as `\u{…}` escapes, and cut after 60 characters.
///
/// ```
/// use verschilmaker::escape_for_display;
/// assert_eq!(escape_for_display("groenn"), "\"groenn\"");
/// assert_eq!(escape_for_display("a\u{202E}b\n"), "\"a\\u{202e}b\\n\"");
/// ```
pub fn escape_for_display(value: &str) -> String {
    let mut shown = String::with_capacity(value.len().min(64) + 2);
    escape_into(&mut shown, value);
    shown
}

/// Appends [`escape_for_display`]'s rendering of `value` to `shown`.
fn escape_into(shown: &mut String, value: &str) {
    shown.push('"');
    for (count, c) in value.chars().enumerate() {
        if count == 60 {
            shown.push('…');
            break;
        }
        match c {
            '"' => shown.push_str("\\\""),
            '\\' => shown.push_str("\\\\"),
            '\n' => shown.push_str("\\n"),
            '\r' => shown.push_str("\\r"),
            '\t' => shown.push_str("\\t"),
            c if is_invisible_or_control(c) => {
                // `write!` into the message rather than `format!` and a copy.
                let _ = write!(shown, "\\u{{{:x}}}", c as u32);
            }
            c => shown.push(c),
        }
    }
    shown.push('"');
}

/// A message made of `before`, the value shown as [`escape_for_display`] does, and `after`.
///
/// Why not `format!`? Each `format!` call site inlines its own argument plumbing and copy; the
/// loader has dozens of messages of this one shape, and in the wasm bundle one non-generic
/// function for all of them is smaller.
#[inline(never)]
pub(super) fn quoted(before: &str, value: &str, after: &str) -> String {
    let mut message = String::with_capacity(before.len() + value.len().min(64) + 2 + after.len());
    message.push_str(before);
    escape_into(&mut message, value);
    message.push_str(after);
    message
}

/// A message made of `before` and the value as [`describe`] shows it (see [`quoted`] for why).
#[inline(never)]
pub(super) fn described(before: &str, value: &Value) -> String {
    let mut message = before.to_owned();
    message.push_str(&describe(value));
    message
}

/// Control characters, bidirectional formatting characters and other invisible code points
/// that could make a message lie about what the document contains.
fn is_invisible_or_control(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}'
            | '\u{061C}' | '\u{FEFF}' | '\u{00AD}' | '\u{FFF9}'..='\u{FFFB}')
}

/// A value as a problem message shows it. Scalars are spelled out here rather than through
/// `Value`'s `Display`, which would link serde_json's whole serializer into the widget bundle.
pub(super) fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => escape_for_display(s),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// Strict or lenient loading.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Mode {
    Strict,
    Lenient,
}

/// The decoding context: the mode, the municipality's languages, and every problem found so far.
pub(super) struct Cx {
    pub(super) mode: Mode,
    pub(super) languages: Vec<Lang>,
    pub(super) problems: Vec<Problem>,
    errors: usize,
    /// Errors of sub-records (needs, offers) that a lenient load dropped, so that they do not
    /// make the enclosing record defective too.
    absorbed: usize,
}

/// A point in the decoding to ask later whether a record got errors since.
#[derive(Clone, Copy)]
pub(super) struct Mark(usize);

impl Cx {
    pub(super) fn new(mode: Mode) -> Cx {
        Cx { mode, languages: Vec::new(), problems: Vec::new(), errors: 0, absorbed: 0 }
    }

    // Out of line: the loader reports from some fifty places, and inlined each would carry its
    // own copy of formatting the path and pushing the problem.
    #[inline(never)]
    pub(super) fn error(&mut self, path: &Path<'_>, message: impl Into<String>) {
        self.errors += 1;
        self.problems.push(Problem::error(path.to_string(), message));
    }

    #[inline(never)]
    pub(super) fn warning(&mut self, path: &Path<'_>, message: impl Into<String>) {
        self.problems.push(Problem::warning(path.to_string(), message));
    }

    pub(super) fn mark(&self) -> Mark {
        Mark(self.errors - self.absorbed)
    }

    pub(super) fn failed_since(&self, mark: Mark) -> bool {
        self.errors - self.absorbed > mark.0
    }

    /// Drops a sub-record that failed since `mark`, in a lenient load: its errors stay as
    /// notices but no longer count against the enclosing record.
    pub(super) fn absorb_since(&mut self, mark: Mark) {
        self.absorbed = self.errors - mark.0;
    }

    pub(super) fn object<'v>(&mut self, value: &'v Value, path: &Path<'_>) -> Option<&'v Map<String, Value>> {
        match value {
            Value::Object(map) => Some(map),
            other => {
                self.error(path, described("must be an object, not ", other));
                None
            }
        }
    }

    pub(super) fn list<'v>(&mut self, value: &'v Value, path: &Path<'_>) -> Option<&'v [Value]> {
        match value {
            Value::Array(items) => Some(items),
            other => {
                self.error(path, described("must be a list, not ", other));
                None
            }
        }
    }

    /// Reports the fields of `map` that are not in `known` and do not start with `x-`; only a
    /// strict load does, since an unknown field is usually a typo such as `titel`.
    pub(super) fn unknown_fields(&mut self, map: &Map<String, Value>, path: &Path<'_>, known: &[&str]) {
        if self.mode != Mode::Strict {
            return;
        }
        for key in map.keys() {
            if known.contains(&key.as_str()) || key.starts_with("x-") {
                continue;
            }
            let hint = known
                .iter()
                .find(|candidate| edit_distance_at_most(key, candidate, 2))
                .map(|candidate| format!(" (did you mean \"{candidate}\"?)"))
                .unwrap_or_default();
            self.error(&path.key(key), format!("unknown field{hint}"));
        }
    }

    pub(super) fn required<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        path: &Path<'_>,
        key: &str,
    ) -> Option<&'v Value> {
        let value = map.get(key);
        if value.is_none() {
            self.error(&path.key(key), "is required");
        }
        value
    }

    /// The field `key` of `map` read with `read`, when it is there.
    ///
    /// Why a helper for `map.get(key).and_then(..)`? The records have some fifty fields; out of
    /// line and over a fn pointer, each is one call in the wasm bundle instead of the lookup,
    /// the path and the call inlined.
    #[inline(never)]
    pub(super) fn optional<T>(
        &mut self,
        map: &Map<String, Value>,
        path: &Path<'_>,
        key: &str,
        read: fn(&mut Cx, &Value, &Path<'_>) -> Option<T>,
    ) -> Option<T> {
        let value = map.get(key)?;
        read(self, value, &path.key(key))
    }

    /// The field `key` of `map` read with `read`; an error when it is missing (see [`Cx::optional`]).
    #[inline(never)]
    pub(super) fn field<T>(
        &mut self,
        map: &Map<String, Value>,
        path: &Path<'_>,
        key: &str,
        read: fn(&mut Cx, &Value, &Path<'_>) -> Option<T>,
    ) -> Option<T> {
        let value = self.required(map, path, key)?;
        read(self, value, &path.key(key))
    }

    pub(super) fn string<'v>(&mut self, value: &'v Value, path: &Path<'_>) -> Option<&'v str> {
        match value {
            Value::String(text) if text.chars().count() > MAX_TEXT_CHARS => {
                self.error(path, format!("is longer than {MAX_TEXT_CHARS} characters"));
                None
            }
            Value::String(text) => Some(text),
            other => {
                self.error(path, described("must be a string, not ", other));
                None
            }
        }
    }

    /// A proper name or other plain string that must not be blank.
    pub(super) fn name(&mut self, value: &Value, path: &Path<'_>) -> Option<String> {
        let text = self.string(value, path)?;
        if text.trim().is_empty() {
            self.error(path, "must not be empty");
            return None;
        }
        Some(text.to_owned())
    }

    pub(super) fn id<T>(&mut self, value: &Value, path: &Path<'_>, make: fn(&str) -> Option<T>) -> Option<T> {
        let text = self.string(value, path)?;
        let id = make(text);
        if id.is_none() {
            let problem = if text.is_empty() {
                "must not be empty".to_owned()
            } else {
                quoted("must not have white space around it: ", text, "")
            };
            self.error(path, problem);
        }
        id
    }

    pub(super) fn boolean(&mut self, value: &Value, path: &Path<'_>) -> Option<bool> {
        match value {
            Value::Bool(b) => Some(*b),
            other => {
                self.error(path, described("must be true or false, not ", other));
                None
            }
        }
    }

    pub(super) fn number(&mut self, value: &Value, path: &Path<'_>) -> Option<f64> {
        match value.as_f64() {
            Some(number) if number.is_finite() => Some(number),
            _ => {
                self.error(path, described("must be a number, not ", value));
                None
            }
        }
    }

    /// An amount, capacity or radius: a number from 0 to 10^12.
    pub(super) fn amount(&mut self, value: &Value, path: &Path<'_>) -> Option<f64> {
        let number = self.number(value, path)?;
        if number < 0.0 {
            self.error(path, described("must be ≥ 0, not ", value));
            None
        } else if number > MAX_AMOUNT {
            self.error(path, described("must be at most 10^12, not ", value));
            None
        } else {
            Some(number)
        }
    }

    /// A human-readable text: a plain string or a non-empty map of language code to string.
    pub(super) fn text(&mut self, value: &Value, path: &Path<'_>) -> Option<Text> {
        let Value::Object(map) = value else {
            if !value.is_string() {
                self.error(path, described("must be a string or a map of language code to string, not ", value));
                return None;
            }
            return self.string(value, path).map(Text::plain);
        };
        if map.is_empty() {
            self.error(path, "must name at least one language");
            return None;
        }
        let mark = self.mark();
        let mut entries = Vec::with_capacity(map.len());
        for (code, text) in map {
            let path = path.key(code);
            let text = self.string(text, &path);
            let Some(lang) = Lang::new(code) else {
                self.error(&path, quoted("", code, " is not an ISO 639-1 language code such as \"nl\" or \"en\""));
                continue;
            };
            if !self.languages.is_empty() && !self.languages.contains(&lang) {
                self.warning(&path, format!("language \"{lang}\" is not among the municipality's languages"));
            }
            if let Some(text) = text {
                entries.push((lang, text.to_owned()));
            }
        }
        (!self.failed_since(mark)).then_some(Text::Translated(entries))
    }

    pub(super) fn date(&mut self, value: &Value, path: &Path<'_>) -> Option<DateValue> {
        let text = self.string(value, path)?;
        let date = DateValue::parse(text);
        if date.is_none() {
            self.error(path, quoted("must be a date YYYY-MM-DD or an RFC 3339 date-time with offset, not ", text, ""));
        }
        date
    }

    pub(super) fn period(&mut self, value: &Value, path: &Path<'_>) -> Option<Period> {
        let map = self.object(value, path)?;
        self.unknown_fields(map, path, &["start", "end"]);
        let start = self.required(map, path, "start").and_then(|v| self.date(v, &path.key("start")));
        let end = map.get("end").and_then(|v| self.date(v, &path.key("end")));
        let start = start?;
        if let Some(end) = end
            && end.compare(start).is_lt()
        {
            self.error(&path.key("end"), format!("must not be before the start {start}, not \"{end}\""));
            return None;
        }
        if map.get("end").is_some() && end.is_none() {
            return None;
        }
        Some(Period { start, end })
    }

    pub(super) fn url(&mut self, value: &Value, path: &Path<'_>) -> Option<String> {
        let text = self.string(value, path)?;
        if !is_web_url(text) {
            self.error(path, quoted("must be an http or https address, not ", text, ""));
            return None;
        }
        Some(text.to_owned())
    }

    pub(super) fn email(&mut self, value: &Value, path: &Path<'_>) -> Option<String> {
        let text = self.string(value, path)?;
        if !is_email(text) {
            self.error(path, quoted("must be an email address, not ", text, ""));
            return None;
        }
        Some(text.to_owned())
    }

    /// A list whose items are decoded one by one; `None` when the value is not a list or any item failed.
    pub(super) fn items<T>(
        &mut self,
        value: &Value,
        path: &Path<'_>,
        mut decode: impl FnMut(&mut Cx, &Value, &Path<'_>) -> Option<T>,
    ) -> Option<Vec<T>> {
        let mut decoded: Vec<T> = Vec::new();
        let sound = self.each_item(value, path, &mut |cx, item, path| {
            if let Some(item) = decode(cx, item, path) {
                decoded.push(item);
            }
        });
        sound.then_some(decoded)
    }

    /// Calls `each` with every item of a list and its path; returns whether the value is a list
    /// and no error was found since the walk began.
    ///
    /// Why `&mut dyn FnMut` rather than a generic? The loader decodes lists of a dozen item
    /// types; as a generic, the walk and its checks were compiled again into each of them.
    #[inline(never)]
    pub(super) fn each_item(
        &mut self,
        value: &Value,
        path: &Path<'_>,
        each: &mut dyn FnMut(&mut Cx, &Value, &Path<'_>),
    ) -> bool {
        let Some(items) = self.list(value, path) else {
            return false;
        };
        let mark = self.mark();
        for (i, item) in items.iter().enumerate() {
            each(self, item, &path.index(i));
        }
        !self.failed_since(mark)
    }
}

/// Whether `text` is an absolute http or https URL with a plausible host and no white space.
pub(crate) fn is_web_url(text: &str) -> bool {
    let rest = match text.split_once("://") {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") => rest,
        _ => return false,
    };
    if text.chars().any(|c| c.is_whitespace() || c.is_control() || is_invisible_or_control(c)) {
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = match host_port.strip_prefix('[') {
        Some(v6) => return v6.contains(']'),
        None => host_port.split(':').next().unwrap_or(""),
    };
    !host.is_empty()
        && host.split('.').all(|label| !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-'))
}

/// Whether `text` looks like an email address: one `@`, a local part, and a domain with a dot.
pub(crate) fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let clean = |part: &str| {
        !part.is_empty()
            && !part.chars().any(|c| c.is_whitespace() || c.is_control() || c == '@' || is_invisible_or_control(c))
    };
    clean(local)
        && clean(domain)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

/// Whether `a` and `b` differ by at most `limit` single-character edits (Levenshtein).
fn edit_distance_at_most(a: &str, b: &str, limit: usize) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > limit || a.len() > 64 {
        return false;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            current[j + 1] = (previous[j] + usize::from(ca != cb)).min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()] <= limit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        for good in [
            "https://example.nl",
            "http://localhost:8080/a?b#c",
            "https://a.b.c/x y".split(' ').next().unwrap(),
            "https://[::1]/",
        ] {
            assert!(is_web_url(good), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "ftp://x.nl",
            "https://",
            "https:///x",
            "https://a..b",
            "https://a b",
            "//x.nl",
            "https://a\u{202e}.nl",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
    }

    #[test]
    fn emails() {
        for good in ["loket@gemeente.nl", "a.b+c@d.example.org"] {
            assert!(is_email(good), "{good}");
        }
        for bad in ["loket", "@gemeente.nl", "loket@", "loket@gemeente", "a@b@c.nl", "a b@c.nl", "a@.nl", "a@b..nl"] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn edit_distances() {
        assert!(edit_distance_at_most("titel", "title", 2));
        assert!(!edit_distance_at_most("summary", "title", 2));
    }

    #[test]
    fn paths() {
        let root = Path::Root;
        let a = root.key("initiatives");
        let b = a.index(3);
        let c = b.key("needs");
        assert_eq!(c.to_string(), "initiatives[3].needs");
        let odd = b.key("we\"ird key");
        assert_eq!(odd.to_string(), "initiatives[3][\"we\\\"ird key\"]");
    }
}
