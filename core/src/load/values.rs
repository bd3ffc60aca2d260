//! The decoding context and the decoders of single JSON values: strings, ids, texts, numbers, dates, addresses.

use std::fmt::{self, Write as _};

use super::document::{Arena, Fields, Object, Value, same_key};

use super::Problem;
use super::parse::{Duplicates, Repeated};
use crate::checks::{is_email, is_invisible_or_control};
use crate::date::{DateValue, Period};
use crate::text::{Lang, Text, translation_order};

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
pub(super) fn described(before: &str, value: &Value<'_>) -> String {
    let mut message = before.to_owned();
    message.push_str(&describe(value));
    message
}

/// A value as a problem message shows it. Scalars are spelled out here rather than through
/// `Value`'s `Display`, which would link serde_json's whole serializer into the widget bundle.
pub(super) fn describe(value: &Value<'_>) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => number_text(n),
        Value::String(s) => escape_for_display(s),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// A JSON number as a problem message shows it: a whole number exactly (`3`, or `3.0` when it
/// was written as a decimal, as serde_json shows it), any other to six decimals (enough to find
/// it in the file), and words beyond 10^19 and below a millionth.
///
/// Why not `Number`'s `Display`? It links serde_json's shortest float printer with its tables:
/// 1.9 KB gzipped of the residents' first download, for messages alone.
fn number_text(n: &serde_json::Number) -> String {
    if let Some(whole) = n.as_i64() {
        return whole.to_string();
    }
    if let Some(whole) = n.as_u64() {
        return whole.to_string();
    }
    let value = n.as_f64().unwrap_or_default();
    let magnitude = value.abs();
    if magnitude >= 1e19 {
        return "a number of 10^19 or more".into();
    }
    // Below 10^19 the whole part fits a u64 exactly; the rest is below 1, so its millionths are
    // exact to the rounding.
    let mut whole = magnitude.trunc() as u64;
    let mut millionths = ((magnitude - magnitude.trunc()) * 1e6).round() as u64;
    if millionths == 1_000_000 {
        whole += 1;
        millionths = 0;
    }
    if whole == 0 && millionths == 0 && magnitude > 0.0 {
        return "a number of less than a millionth".into();
    }
    let mut text = if value < 0.0 && (whole > 0 || millionths > 0) { String::from("-") } else { String::new() };
    text.push_str(&whole.to_string());
    text.push('.');
    if millionths == 0 {
        text.push('0');
        return text;
    }
    let mut digits = 6;
    while millionths.is_multiple_of(10) {
        millionths /= 10;
        digits -= 1;
    }
    let fraction = millionths.to_string();
    text.extend(std::iter::repeat_n('0', digits - fraction.len()));
    text.push_str(&fraction);
    text
}

/// The message for a key that an object names `count` times.
fn repeated_key(key: &str, count: usize) -> String {
    let times = if count == 2 { "twice".to_owned() } else { format!("{count} times") };
    let mut message = quoted("the key ", key, " appears ");
    message.push_str(&times);
    message.push_str("; only the last would be read");
    message
}

/// Strict or lenient loading.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Mode {
    Strict,
    Lenient,
}

/// The decoding context: the mode, the municipality's languages, and every problem found so far.
pub(super) struct Cx<'d> {
    /// The document's lists and objects.
    pub(super) arena: Arena<'d>,
    pub(super) mode: Mode,
    pub(super) languages: Vec<Lang>,
    pub(super) problems: Vec<Problem>,
    /// The keys the document repeats, per object; each is reported when the decoder reads its
    /// object, so that it counts against the record it is in, and the rest at the end.
    pub(super) duplicates: Duplicates,
    /// Whether the document may have U+FFFD in a string; when its text has none, the strings
    /// need not be searched one by one.
    pub(super) may_have_replacement_characters: bool,
    errors: usize,
    /// Errors of sub-records (needs, offers) that a lenient load dropped, so that they do not
    /// make the enclosing record defective too.
    absorbed: usize,
}

/// A point in the decoding to ask later whether a record got errors since.
#[derive(Clone, Copy)]
pub(super) struct Mark(usize);

impl<'d> Cx<'d> {
    pub(super) fn new(mode: Mode, arena: Arena<'d>) -> Cx<'d> {
        Cx {
            arena,
            mode,
            languages: Vec::new(),
            problems: Vec::new(),
            duplicates: Duplicates::default(),
            may_have_replacement_characters: true,
            errors: 0,
            absorbed: 0,
        }
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

    /// Warns of a text with U+FFFD: what a program puts where it could not read a character,
    /// so the text lost something before it got here, and shows the � to visitors.
    #[cold]
    #[inline(never)]
    fn replacement_character(&mut self, path: &Path<'_>) {
        self.warning(
            path,
            "has the replacement character U+FFFD where a character was lost, probably when the \
             file was read in the wrong encoding; type the character again",
        );
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

    /// Reads `value` as an error in a lenient load costs only it: when `read` finds errors, they
    /// stay as notices but no longer count against the enclosing record, and the value is
    /// dropped. For what a record can do without, such as a link, so that a bad link costs
    /// that link and not its initiative (and all that points at the initiative).
    pub(super) fn droppable<T>(&mut self, read: impl FnOnce(&mut Cx<'d>) -> Option<T>) -> Option<T> {
        let mark = self.mark();
        let value = read(self);
        if !self.failed_since(mark) {
            return value;
        }
        if self.mode == Mode::Lenient {
            self.absorb_since(mark);
        }
        None
    }

    /// Reports the keys that the object at `path` repeats, as errors of the record it is in.
    /// Nothing to do, and no path formatted, when the document repeats no key.
    pub(super) fn repeated_keys(&mut self, path: &Path<'_>) {
        if self.duplicates.is_empty() {
            return;
        }
        if let Some(keys) = self.duplicates.by_object.remove(&path.to_string()) {
            for repeated in keys {
                self.error(&path.key(&repeated.key), repeated_key(&repeated.key, repeated.count));
            }
        }
    }

    /// Reports the repeated keys of objects the decoder did not read (extensions, unknown
    /// fields, records it stopped reading): errors in a strict load; in a lenient one, whose
    /// records are read already, warnings, since nothing that was used is in doubt.
    pub(super) fn remaining_repeated_keys(&mut self) {
        let mut remaining: Vec<Repeated> =
            std::mem::take(&mut self.duplicates.by_object).into_values().flatten().collect();
        // Each (object, key) is one entry, so the paths are distinct and an unstable sort gives
        // the same order (and links no stable sort into the first download).
        remaining.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        for repeated in remaining {
            let message = repeated_key(&repeated.key, repeated.count);
            match self.mode {
                Mode::Strict => {
                    self.errors += 1;
                    self.problems.push(Problem::error(repeated.path, message));
                }
                Mode::Lenient => self.problems.push(Problem::warning(repeated.path, message)),
            }
        }
    }

    pub(super) fn object(&mut self, value: &Value<'d>, path: &Path<'_>) -> Option<&'d Object<'d>> {
        match self.arena.object(value) {
            Some(map) => {
                self.repeated_keys(path);
                Some(map)
            }
            None => {
                self.error(path, described("must be an object, not ", value));
                None
            }
        }
    }

    pub(super) fn list(&mut self, value: &Value<'d>, path: &Path<'_>) -> Option<&'d [Value<'d>]> {
        let items = self.arena.list(value);
        if items.is_none() {
            self.error(path, described("must be a list, not ", value));
        }
        items
    }

    /// Reports the fields of `map` that are not in `known` and do not start with `x-`: errors in
    /// a strict load, since an unknown field is usually a typo such as `titel`; warnings in a
    /// lenient one, which uses the rest, so that what the municipality wrote is not ignored
    /// without a word (weights under another name, a setting in the wrong place).
    pub(super) fn unknown_fields(&mut self, map: &'d Object<'d>, path: &Path<'_>, known: &[&str]) {
        let as_errors = self.mode == Mode::Strict;
        self.report_unknown_fields(map, path, known, as_errors);
    }

    /// Reports the fields of `map` that are not in `known` as errors in both modes: for
    /// objects whose meaning an unread field would change, such as a rule's `when`, where a
    /// misspelt condition would make the rule apply to every plan.
    pub(super) fn unknown_fields_are_errors(&mut self, map: &'d Object<'d>, path: &Path<'_>, known: &[&str]) {
        self.report_unknown_fields(map, path, known, true);
    }

    #[inline(never)]
    fn report_unknown_fields(&mut self, map: &'d Object<'d>, path: &Path<'_>, known: &[&str], as_errors: bool) {
        for key in map.keys() {
            if known.iter().any(|known| same_key(known, key)) || key.starts_with("x-") {
                continue;
            }
            let hint = known
                .iter()
                .find(|candidate| edit_distance_at_most(key, candidate, 2))
                .map(|candidate| format!(" (did you mean \"{candidate}\"?)"))
                .unwrap_or_default();
            if as_errors {
                self.error(&path.key(key), format!("unknown field{hint}"));
            } else {
                self.warning(&path.key(key), format!("unknown field, ignored{hint}"));
            }
        }
    }

    pub(super) fn required(&mut self, map: &'d Object<'d>, path: &Path<'_>, key: &str) -> Option<&'d Value<'d>> {
        let value = map.field(key);
        if value.is_none() {
            self.error(&path.key(key), "is required");
        }
        value
    }

    /// The field `key` of `map` read with `read`, when it is there.
    ///
    /// Why a helper for `map.field(key).and_then(..)`? The records have some fifty fields; out of
    /// line and over a fn pointer, each is one call in the wasm bundle instead of the lookup,
    /// the path and the call inlined.
    #[inline(never)]
    pub(super) fn optional<T>(
        &mut self,
        map: &'d Object<'d>,
        path: &Path<'_>,
        key: &str,
        read: fn(&mut Cx<'d>, &Value<'d>, &Path<'_>) -> Option<T>,
    ) -> Option<T> {
        let value = map.field(key)?;
        read(self, value, &path.key(key))
    }

    /// The field `key` of `map` read with `read`; an error when it is missing (see [`Cx::optional`]).
    #[inline(never)]
    pub(super) fn field<T>(
        &mut self,
        map: &'d Object<'d>,
        path: &Path<'_>,
        key: &str,
        read: fn(&mut Cx<'d>, &Value<'d>, &Path<'_>) -> Option<T>,
    ) -> Option<T> {
        let value = self.required(map, path, key)?;
        read(self, value, &path.key(key))
    }

    pub(super) fn string<'v>(&mut self, value: &'v Value<'d>, path: &Path<'_>) -> Option<&'v str> {
        match value {
            // The bytes first: a text has no more characters than bytes, and counting them
            // is a walk over every string of the document.
            Value::String(text) if text.len() > MAX_TEXT_CHARS && text.chars().count() > MAX_TEXT_CHARS => {
                self.error(path, format!("is longer than {MAX_TEXT_CHARS} characters"));
                None
            }
            Value::String(text) => {
                if self.may_have_replacement_characters && text.chars().any(|c| c == char::REPLACEMENT_CHARACTER) {
                    self.replacement_character(path);
                }
                Some(text)
            }
            other => {
                self.error(path, described("must be a string, not ", other));
                None
            }
        }
    }

    /// A proper name or other plain string that must not be blank.
    pub(super) fn name(&mut self, value: &Value<'d>, path: &Path<'_>) -> Option<String> {
        let text = self.string(value, path)?;
        if text.trim().is_empty() {
            self.error(path, "must not be empty");
            return None;
        }
        Some(text.to_owned())
    }

    pub(super) fn id<T>(&mut self, value: &Value<'d>, path: &Path<'_>, make: fn(&str) -> Option<T>) -> Option<T> {
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

    pub(super) fn boolean(&mut self, value: &Value<'d>, path: &Path<'_>) -> Option<bool> {
        match value {
            Value::Bool(b) => Some(*b),
            other => {
                self.error(path, described("must be true or false, not ", other));
                None
            }
        }
    }

    pub(super) fn number(&mut self, value: &Value<'d>, path: &Path<'_>) -> Option<f64> {
        match value.as_f64() {
            Some(number) if number.is_finite() => Some(number),
            _ => {
                self.error(path, described("must be a number, not ", value));
                None
            }
        }
    }

    /// An amount, capacity or radius: a number from 0 to 10^12.
    pub(super) fn amount(&mut self, value: &Value<'d>, path: &Path<'_>) -> Option<f64> {
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
    pub(super) fn text(&mut self, value: &Value<'d>, path: &Path<'_>) -> Option<Text> {
        self.text_of(value, path, false)
    }

    /// A text that must say something, such as a title: as [`Cx::text`], and neither the plain
    /// string nor any translation may be empty or white space only.
    pub(super) fn required_text(&mut self, value: &Value<'d>, path: &Path<'_>) -> Option<Text> {
        self.text_of(value, path, true)
    }

    #[inline(never)]
    fn text_of(&mut self, value: &Value<'d>, path: &Path<'_>, not_blank: bool) -> Option<Text> {
        let Some(map) = self.arena.object(value) else {
            if !value.is_string() {
                self.error(path, described("must be a string or a map of language code to string, not ", value));
                return None;
            }
            let text = self.string(value, path)?;
            if not_blank && text.trim().is_empty() {
                self.error(path, "must not be empty");
                return None;
            }
            return Some(Text::plain(text));
        };
        self.repeated_keys(path);
        if map.is_empty() {
            self.error(path, "must name at least one language");
            return None;
        }
        let mark = self.mark();
        let mut entries = Vec::with_capacity(map.len());
        for (code, text) in map.iter() {
            let path = path.key(code);
            let text = self.string(text, &path);
            if not_blank && text.is_some_and(|text| text.trim().is_empty()) {
                self.error(&path, "must not be empty");
            }
            let Some(lang) = Lang::new(code) else {
                self.error(&path, quoted("", code, " is not an ISO 639-1 language code such as \"nl\" or \"en\""));
                continue;
            };
            if !self.languages.is_empty() && !self.languages.contains(&lang) {
                self.warning(&path, format!("language \"{lang}\" is not among the municipality's languages"));
            }
            if let Some(text) = text {
                // One order for every text, whatever the file's (see `translation_order`). An
                // insertion rather than a sort afterwards: a text has a few translations, and a
                // sort would add its code to the residents' download.
                let rank = translation_order(&self.languages, lang.as_str());
                let at = entries.partition_point(|(other, _): &(Lang, String)| {
                    translation_order(&self.languages, other.as_str()) <= rank
                });
                entries.insert(at, (lang, text.to_owned()));
            }
        }
        (!self.failed_since(mark)).then_some(Text::Translated(entries))
    }

    pub(super) fn date(&mut self, value: &Value<'d>, path: &Path<'_>) -> Option<DateValue> {
        let text = self.string(value, path)?;
        let date = DateValue::parse(text);
        if date.is_none() {
            self.error(path, quoted("must be a date YYYY-MM-DD or an RFC 3339 date-time with offset, not ", text, ""));
        }
        date
    }

    pub(super) fn period(&mut self, value: &Value<'d>, path: &Path<'_>) -> Option<Period> {
        let map = self.object(value, path)?;
        self.unknown_fields(map, path, &["start", "end"]);
        let start = self.required(map, path, "start").and_then(|v| self.date(v, &path.key("start")));
        let end = map.field("end").and_then(|v| self.date(v, &path.key("end")));
        let start = start?;
        if let Some(end) = end
            && end.compare(start).is_lt()
        {
            self.error(&path.key("end"), format!("must not be before the start {start}, not \"{end}\""));
            return None;
        }
        if map.field("end").is_some() && end.is_none() {
            return None;
        }
        Some(Period { start, end })
    }

    pub(super) fn url(&mut self, value: &Value<'d>, path: &Path<'_>) -> Option<String> {
        let text = self.string(value, path)?;
        if let Some(problem) = unsafe_in_address(text) {
            self.error(path, problem);
            return None;
        }
        if !is_web_url(text) {
            self.error(path, quoted("must be an http or https address, not ", text, ""));
            return None;
        }
        Some(text.to_owned())
    }

    /// The address of a link: only http, https, mailto and tel are ever followed.
    pub(super) fn link(&mut self, value: &Value<'d>, path: &Path<'_>) -> Option<String> {
        let text = self.string(value, path)?;
        let problem = unsafe_in_address(text).or_else(|| {
            let lower = text.get(..7).unwrap_or(text).to_ascii_lowercase();
            if lower.starts_with("mailto:") {
                mailto_problem(text.get(7..).unwrap_or_default())
            } else if lower.starts_with("tel:") {
                (!is_phone_number(text.get(4..).unwrap_or_default()))
                    .then(|| quoted("must be a phone number after tel:, not ", text, ""))
            } else {
                (!is_web_url(text)).then(|| quoted("must be an http, https, mailto or tel address, not ", text, ""))
            }
        });
        if let Some(problem) = problem {
            self.error(path, problem);
            return None;
        }
        Some(text.to_owned())
    }

    pub(super) fn email(&mut self, value: &Value<'d>, path: &Path<'_>) -> Option<String> {
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
        value: &Value<'d>,
        path: &Path<'_>,
        mut decode: impl FnMut(&mut Cx<'d>, &Value<'d>, &Path<'_>) -> Option<T>,
    ) -> Option<Vec<T>> {
        // Room for every item, so that the list is allocated once.
        let mut decoded: Vec<T> = Vec::with_capacity(self.arena.list(value).map_or(0, <[_]>::len));
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
        value: &Value<'d>,
        path: &Path<'_>,
        each: &mut dyn FnMut(&mut Cx<'d>, &Value<'d>, &Path<'_>),
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
    // Byte prefixes rather than `split_once("://")`: a string pattern brings the substring
    // search, and with it string slicing's panic message, into the residents' download.
    let scheme = text.bytes().take_while(|b| *b != b':').count();
    let rest = match (text.get(..scheme), text.get(scheme..).and_then(|rest| rest.strip_prefix("://"))) {
        (Some(scheme), Some(rest)) if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") => {
            rest
        }
        _ => return false,
    };
    if text.chars().any(|c| c.is_whitespace() || c.is_control() || is_invisible_or_control(c)) {
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = match host_port.strip_prefix('[') {
        Some(v6) => return v6.bytes().any(|b| b == b']'),
        None => host_port.split(':').next().unwrap_or(""),
    };
    !host.is_empty()
        && host.split('.').all(|label| !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-'))
}

/// Why an address cannot be used as it is written, when a character in it must be
/// percent-encoded: a quote, an angle bracket, a backtick or a backslash, which browsers and
/// mail programs read differently, and which could end an attribute wherever the address is
/// copied without care.
fn unsafe_in_address(text: &str) -> Option<String> {
    let c = text.chars().find(|c| matches!(c, '"' | '<' | '>' | '`' | '\\'))?;
    let mut message = String::from("the character ");
    escape_into(&mut message, c.encode_utf8(&mut [0; 4]));
    let _ = write!(message, " may not appear in an address; write it as %{:02X}", c as u32);
    Some(message)
}

/// What is wrong with the part of a `mailto:` link after the colon: one or more addresses,
/// then optionally `?subject=…`, `&cc=…` and `&body=…`. Line breaks, also percent-encoded,
/// are refused everywhere but in the body, since in a header field they would start a header
/// of their own (`%0D%0ABcc: …`); other header fields (`bcc`, `to`, `from`, …) are refused, so
/// that a link cannot add hidden recipients.
fn mailto_problem(rest: &str) -> Option<String> {
    let (to, query) = rest.split_once('?').unwrap_or((rest, ""));
    let addresses_are_sound =
        |list: &str| percent_decoded(list).is_some_and(|list| !list.is_empty() && list.split(',').all(is_email));
    if !addresses_are_sound(to) {
        return Some(quoted("must be an email address after mailto:, not ", to, ""));
    }
    for field in query.split('&').filter(|field| !field.is_empty()) {
        let (name, value) = field.split_once('=').unwrap_or((field, ""));
        let Some(decoded) = percent_decoded(value) else {
            return Some(quoted("the mailto: field ", name, " has a broken %-escape"));
        };
        let problem = match name.to_ascii_lowercase().as_str() {
            "body" => None,
            "subject" if decoded.contains(['\r', '\n']) => Some(" may not have a line break (%0D or %0A)"),
            "subject" => None,
            "cc" if !addresses_are_sound(value) => Some(" must be email addresses"),
            "cc" => None,
            _ => return Some(quoted("a mailto: link may set subject, cc and body, not ", name, "")),
        };
        if let Some(problem) = problem {
            return Some(quoted("the mailto: field ", name, problem));
        }
    }
    None
}

/// `text` with its %-escapes decoded, or `None` when an escape is broken or does not make UTF-8.
fn percent_decoded(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

/// Whether `text` is a phone number as people write it: digits, a leading `+`, and spaces,
/// hyphens and parentheses between them (the characters the published schema allows), with at
/// least three digits.
fn is_phone_number(text: &str) -> bool {
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    let body = text.strip_prefix('+').unwrap_or(text);
    digits >= 3 && body.bytes().all(|b| b.is_ascii_digit() || matches!(b, b' ' | b'-' | b'(' | b')'))
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
    fn numbers_in_messages_read_as_written_to_six_decimals() {
        let text = |json: &str| number_text(&serde_json::from_str(json).expect("a JSON number"));
        for (json, shown) in [
            ("3", "3"),
            ("-12", "-12"),
            ("18446744073709551615", "18446744073709551615"),
            ("3.5", "3.5"),
            ("-0.25", "-0.25"),
            ("0.0", "0.0"),
            ("-0.0", "0.0"),
            ("2.0", "2.0"),
            ("51.5", "51.5"),
            ("5.1234567", "5.123457"),
            ("0.000001", "0.000001"),
            ("0.00012", "0.00012"),
            ("1e3", "1000.0"),
            ("999999999999.5", "999999999999.5"),
            ("1e13", "10000000000000.0"),
            ("0.9999999", "1.0"),
            ("1e20", "a number of 10^19 or more"),
            ("-1e300", "a number of 10^19 or more"),
            ("1e-9", "a number of less than a millionth"),
        ] {
            assert_eq!(text(json), shown, "{json}");
        }
        // Whatever the digits, the text is what `f64` reads back to within half a millionth.
        for json in ["0.1", "2.675", "123456.654321", "-7.0000005"] {
            let value: f64 = json.parse().unwrap();
            let back: f64 = text(json).parse().unwrap();
            assert!((value - back).abs() <= 0.5e-6 + 1e-12, "{json} -> {back}");
        }
    }

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
