//! The values inside cells: decimal-comma numbers, yes/no, lists, Dutch dates, Dutch or English enum names, and the guard against spreadsheet formulas.

/// A number as Dutch Excel writes it: `1.234,50`, `1234,5` and `1234.5` are all 1234.5; a
/// leading `€` and spaces are ignored. Returns the number and whether it was ambiguous (a
/// single point followed by three digits, such as `1.234`, is read as a decimal point).
pub(super) fn parse_number(cell: &str) -> Option<(f64, bool)> {
    let text = cell.trim_matches(|c: char| c.is_whitespace() || c == '\u{202F}');
    let text = text.strip_prefix('€').unwrap_or(text).trim_start();
    let (sign, digits) = match text.strip_prefix(['-', '+']) {
        Some(rest) => (&text[..1], rest),
        None => ("", text),
    };
    let (mantissa, exponent) = match digits.find(['e', 'E']) {
        Some(at) => (&digits[..at], &digits[at..]),
        None => (digits, ""),
    };
    let mut ambiguous = false;
    let normalised = if let Some((whole, fraction)) = mantissa.split_once(',') {
        if fraction.contains([',', '.']) {
            return None;
        }
        format!("{}.{fraction}", without_grouping(whole)?)
    } else if mantissa.matches('.').count() > 1 {
        without_grouping(mantissa)?
    } else {
        if let Some((whole, fraction)) = mantissa.split_once('.') {
            ambiguous = fraction.len() == 3 && (1..=3).contains(&whole.len()) && !whole.starts_with('0');
        }
        mantissa.to_owned()
    };
    let valid = normalised.bytes().any(|b| b.is_ascii_digit())
        && normalised.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && (exponent.is_empty() || is_exponent(&exponent[1..]));
    if !valid {
        return None;
    }
    let number: f64 = format!("{sign}{normalised}{exponent}").parse().ok()?;
    number.is_finite().then_some((number, ambiguous))
}

fn is_exponent(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Removes thousands separators (`.`) from the whole part of a number, when they group by three.
fn without_grouping(whole: &str) -> Option<String> {
    if !whole.contains('.') {
        return Some(whole.to_owned());
    }
    let mut groups = whole.split('.');
    let first = groups.next()?;
    let valid = (1..=3).contains(&first.len()) && groups.all(|group| group.len() == 3);
    valid.then(|| whole.replace('.', ""))
}

/// Writes a number with a decimal comma and no thousands separators. Whole numbers go through
/// integer formatting and the rest through serde_json's shortest round-trip formatting, which
/// keeps the formatting code of `f64`'s `Display` out of the wasm bundle.
pub(super) fn format_number(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        return (number as i64).to_string();
    }
    serde_json::Number::from_f64(number).map(|n| n.to_string().replace('.', ",")).unwrap_or_default()
}

/// Yes or no, in Dutch or English.
pub(super) fn parse_bool(cell: &str) -> Option<bool> {
    match cell.trim().to_lowercase().as_str() {
        "ja" | "j" | "yes" | "y" | "true" | "waar" | "1" | "x" => Some(true),
        "nee" | "n" | "no" | "false" | "onwaar" | "0" => Some(false),
        _ => None,
    }
}

/// A date as the dataset writes it, or `d-m-yyyy` as Dutch Excel writes a date it recognised;
/// the latter is turned into `yyyy-mm-dd`. Anything else is passed on for the loader to judge.
pub(super) fn normalise_date(cell: &str) -> String {
    let text = cell.trim();
    let parts: Vec<&str> = text.split(['-', '/']).collect();
    if let [day, month, year] = parts[..]
        && (1..=2).contains(&day.len())
        && (1..=2).contains(&month.len())
        && year.len() == 4
        && [day, month, year].iter().all(|part| part.bytes().all(|b| b.is_ascii_digit()))
    {
        return format!("{year}-{month:0>2}-{day:0>2}");
    }
    text.to_owned()
}

/// One value of an enumeration: the dataset's (English) name, the Dutch name the export
/// writes, and further names the import accepts.
pub(super) type EnumName = (&'static str, &'static str, &'static [&'static str]);

pub(super) const KINDS: &[EnumName] = &[
    ("space", "ruimte", &["ruimtes", "plek"]),
    ("funding", "geld", &["financiering", "budget"]),
    ("volunteers", "vrijwilligers", &["vrijwilliger", "handen"]),
    ("expertise", "expertise", &["kennis"]),
    ("materials", "materialen", &["materiaal", "spullen"]),
    ("permit", "vergunning", &["vergunningen", "regels"]),
    ("promotion", "promotie", &["publiciteit"]),
    ("network", "netwerk", &[]),
    ("coaching", "begeleiding", &["procesbegeleiding"]),
];

pub(super) const STAGES: &[EnumName] = &[
    ("idea", "idee", &[]),
    ("pitched", "gepitcht", &["gepitched"]),
    ("starting", "opstart", &["opstarten", "startend", "start"]),
    ("running", "lopend", &["loopt", "actief"]),
    ("completed", "afgerond", &["klaar", "voltooid"]),
    ("paused", "gepauzeerd", &["pauze", "gepauseerd"]),
];

pub(super) const SECTORS: &[EnumName] = &[
    ("resident", "bewoner", &["bewoners", "inwoner", "inwoners"]),
    ("youth", "jongeren", &["jongere", "jeugd"]),
    ("business", "bedrijf", &["bedrijven", "ondernemer", "ondernemers"]),
    ("institution", "instelling", &["instellingen"]),
    ("government", "overheid", &["gemeente"]),
    ("foundation", "stichting", &["fonds", "stichtingen"]),
];

pub(super) const PERS: &[EnumName] = &[
    ("once", "eenmalig", &["eenmaal"]),
    ("month", "maand", &["per maand", "maandelijks"]),
    ("year", "jaar", &["per jaar", "jaarlijks"]),
];

pub(super) const STATUSES: &[EnumName] = &[
    ("proposed", "voorgesteld", &["voorstel"]),
    ("agreed", "afgesproken", &["akkoord"]),
    ("delivered", "geleverd", &["gedaan"]),
    ("withdrawn", "ingetrokken", &["vervallen"]),
];

pub(super) const WEEKDAYS: &[EnumName] = &[
    ("monday", "maandag", &["ma"]),
    ("tuesday", "dinsdag", &["di"]),
    ("wednesday", "woensdag", &["wo"]),
    ("thursday", "donderdag", &["do"]),
    ("friday", "vrijdag", &["vr"]),
    ("saturday", "zaterdag", &["za"]),
    ("sunday", "zondag", &["zo"]),
];

pub(super) const DAYPARTS: &[EnumName] = &[
    ("morning", "ochtend", &["morgen", "ochtenden"]),
    ("afternoon", "middag", &["middagen"]),
    ("evening", "avond", &["avonden"]),
];

/// The dataset name of an enumeration value given in Dutch or English, in any case.
pub(super) fn parse_enum(names: &[EnumName], cell: &str) -> Option<&'static str> {
    let wanted = cell.trim().to_lowercase();
    names
        .iter()
        .find(|(english, dutch, more)| *english == wanted || *dutch == wanted || more.contains(&wanted.as_str()))
        .map(|(english, _, _)| *english)
}

/// The Dutch name of a dataset enumeration value; an unknown value is written as it is.
pub(super) fn dutch_name<'a>(names: &[EnumName], english: &'a str) -> &'a str {
    names.iter().find(|(name, _, _)| *name == english).map_or(english, |(_, dutch, _)| dutch)
}

/// The accepted names of an enumeration, for messages: `idee (idea), gepitcht (pitched), …`.
pub(super) fn describe_enum(names: &[EnumName]) -> String {
    names.iter().map(|(english, dutch, _)| format!("{dutch} ({english})")).collect::<Vec<_>>().join(", ")
}

/// An item of a list inside a cell, and whether it was quoted.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Item {
    pub(super) text: String,
    pub(super) quoted: bool,
    /// Text between a closing quote and the next comma, such as ` (bewoner)` after a quoted
    /// initiator's name; trimmed. Only initiators allow it.
    pub(super) suffix: String,
}

/// Splits a cell into a comma-separated list. Items are trimmed; an item with a comma, a quote
/// or white space at its ends is written in double quotes with `""` for a quote. Empty
/// unquoted items (`a,,b` or a trailing comma) are skipped.
pub(super) fn parse_list(cell: &str) -> Result<Vec<Item>, String> {
    let mut items = Vec::new();
    let mut chars = cell.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let Some(&first) = chars.peek() else { break };
        if first == '"' {
            chars.next();
            let mut text = String::new();
            let mut closed = false;
            while let Some(c) = chars.next() {
                if c == '"' {
                    if chars.next_if_eq(&'"').is_some() {
                        text.push('"');
                    } else {
                        closed = true;
                        break;
                    }
                } else {
                    text.push(c);
                }
            }
            if !closed {
                return Err("a quoted item in the list has no closing quote".into());
            }
            let mut suffix = String::new();
            while let Some(c) = chars.next_if(|&c| c != ',') {
                suffix.push(c);
            }
            chars.next();
            items.push(Item { text, quoted: true, suffix: suffix.trim().to_owned() });
        } else {
            let mut text = String::new();
            while let Some(c) = chars.next_if(|&c| c != ',') {
                text.push(c);
            }
            chars.next();
            let text = text.trim_end();
            if !text.is_empty() {
                items.push(Item { text: text.to_owned(), quoted: false, suffix: String::new() });
            }
        }
    }
    Ok(items)
}

/// Writes a list for [`parse_list`]; items equal (ignoring case) to one of `keywords` are
/// quoted, so that they read back as themselves and not as the keyword.
pub(super) fn format_list<'a>(items: impl IntoIterator<Item = &'a str>, keywords: &[&str]) -> String {
    let mut out = String::new();
    for (index, item) in items.into_iter().enumerate() {
        if index > 0 {
            out.push_str(", ");
        }
        let keyword = keywords.iter().any(|keyword| keyword.eq_ignore_ascii_case(item));
        push_item(&mut out, item, keyword);
    }
    out
}

/// Writes one list item, in quotes when it has to be or when `force` says so.
pub(super) fn push_item(out: &mut String, item: &str, force: bool) {
    if force || needs_quotes(item) {
        out.push('"');
        out.push_str(&item.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(item);
    }
}

/// Whether a list item only reads back as itself in quotes.
pub(super) fn needs_quotes(item: &str) -> bool {
    item.is_empty()
        || item.contains([',', '"'])
        || item.starts_with(char::is_whitespace)
        || item.ends_with(char::is_whitespace)
}

/// The characters that make a spreadsheet read a cell as a formula.
fn starts_formula(text: &str) -> bool {
    text.trim_start_matches('\'').starts_with(['=', '+', '-', '@'])
}

/// Protects a cell against formula injection: a text that a spreadsheet would run as a formula
/// (`=HYPERLINK(…)`, `+31 …`, `@…`) gets a leading `'`, as OWASP advises. Numbers such as `-5`
/// stay numbers. [`unguard`] undoes this exactly.
pub(super) fn guard(cell: String) -> String {
    if starts_formula(&cell) && parse_number(&cell).is_none() { format!("'{cell}") } else { cell }
}

/// Removes the `'` that [`guard`] adds. A cell that starts with `'` followed by anything else
/// (`'s-Hertogenbosch`) is left alone.
pub(super) fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if starts_formula(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_number(cell: &str, expected: Option<f64>) {
        assert_eq!(parse_number(cell).map(|(n, _)| n), expected, "{cell:?}");
    }

    #[test]
    fn numbers() {
        check_number("1.234,50", Some(1234.5));
        check_number("1234,5", Some(1234.5));
        check_number("1234.5", Some(1234.5));
        check_number("1.234.567", Some(1234567.0));
        check_number("1.234.567,25", Some(1234567.25));
        check_number(" € 12,50 ", Some(12.5));
        check_number("€1.000", Some(1.0));
        check_number("-5", Some(-5.0));
        check_number("+5", Some(5.0));
        check_number("0,25", Some(0.25));
        check_number(",5", Some(0.5));
        check_number("1,5e-7", Some(1.5e-7));
        check_number("1e21", Some(1e21));
        check_number("12.34.5", None);
        check_number("1,2,3", None);
        check_number("1.23,4.5", None);
        check_number("abc", None);
        check_number("", None);
        check_number("-", None);
        check_number("inf", None);
        check_number("NaN", None);
        check_number("1e", None);
        check_number("5 uur", None);
        assert_eq!(parse_number("1.234"), Some((1.234, true)));
        assert_eq!(parse_number("0.234"), Some((0.234, false)));
        assert_eq!(parse_number("1.5"), Some((1.5, false)));
    }

    #[test]
    fn numbers_are_written_with_a_decimal_comma_and_read_back() {
        for (number, text) in [(1234.5, "1234,5"), (60.0, "60"), (0.25, "0,25"), (-3.0, "-3"), (1e-7, "1e-7")] {
            assert_eq!(format_number(number), text);
            assert_eq!(parse_number(text).map(|(n, _)| n), Some(number));
        }
        for number in [51.69061, 5.30155, 0.1 + 0.2, 1e12, 123456789.123, 7.0e-5] {
            assert_eq!(parse_number(&format_number(number)).map(|(n, _)| n), Some(number), "{number}");
        }
    }

    #[test]
    fn dates() {
        assert_eq!(normalise_date("1-6-2025"), "2025-06-01");
        assert_eq!(normalise_date("01-06-2025"), "2025-06-01");
        assert_eq!(normalise_date("31/12/2025"), "2025-12-31");
        assert_eq!(normalise_date(" 2025-06-01 "), "2025-06-01");
        assert_eq!(normalise_date("2025-06-01T19:30:00+02:00"), "2025-06-01T19:30:00+02:00");
        assert_eq!(normalise_date("morgen"), "morgen");
    }

    fn check_list(cell: &str, expected: &[(&str, bool)]) {
        let items: Vec<(String, bool)> = parse_list(cell)
            .unwrap()
            .into_iter()
            .inspect(|i| assert_eq!(i.suffix, ""))
            .map(|i| (i.text, i.quoted))
            .collect();
        let expected: Vec<(String, bool)> = expected.iter().map(|(t, q)| (t.to_string(), *q)).collect();
        assert_eq!(items, expected, "{cell:?}");
    }

    #[test]
    fn lists() {
        check_list("groen, ontmoeting", &[("groen", false), ("ontmoeting", false)]);
        check_list("groen,ontmoeting,", &[("groen", false), ("ontmoeting", false)]);
        check_list("  ", &[]);
        check_list("\"Jansen, P.\" , b", &[("Jansen, P.", true), ("b", false)]);
        check_list("\"say \"\"hi\"\"\"", &[("say \"hi\"", true)]);
        check_list("\"all\"", &[("all", true)]);
        assert!(parse_list("\"open").is_err());
        assert_eq!(parse_list("\"a, b\" (bewoner), c").unwrap()[0].suffix, "(bewoner)");
        let items = ["a", "b, c", " d", "\"e\"", "all", ""];
        let written = format_list(items, &["all"]);
        assert_eq!(written, "a, \"b, c\", \" d\", \"\"\"e\"\"\", \"all\", \"\"");
        let back: Vec<String> = parse_list(&written).unwrap().into_iter().map(|i| i.text).collect();
        assert_eq!(back, items);
    }

    #[test]
    fn enums_in_dutch_and_english() {
        assert_eq!(parse_enum(STAGES, "idee"), Some("idea"));
        assert_eq!(parse_enum(STAGES, " Idea "), Some("idea"));
        assert_eq!(parse_enum(KINDS, "Vrijwilligers"), Some("volunteers"));
        assert_eq!(parse_enum(PERS, "per maand"), Some("month"));
        assert_eq!(parse_enum(STATUSES, "dancing"), None);
        assert_eq!(parse_enum(WEEKDAYS, "Za"), Some("saturday"));
        assert_eq!(parse_enum(DAYPARTS, "Avond"), Some("evening"));
        for names in [KINDS, STAGES, SECTORS, PERS, STATUSES, WEEKDAYS, DAYPARTS] {
            for (english, _, _) in names {
                assert_eq!(parse_enum(names, dutch_name(names, english)), Some(*english));
            }
        }
    }

    #[test]
    fn formulas_are_guarded_and_unguarded_exactly() {
        for (text, written) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+31 6 12345678", "'+31 6 12345678"),
            ("@user", "'@user"),
            ("-5", "-5"),
            ("-5,3", "-5,3"),
            ("'s-Hertogenbosch", "'s-Hertogenbosch"),
            ("'=x", "''=x"),
            ("plain", "plain"),
        ] {
            assert_eq!(guard(text.to_owned()), written);
            assert_eq!(unguard(written), text);
        }
    }
}
