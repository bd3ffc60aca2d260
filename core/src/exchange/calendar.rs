//! The pitch agenda as iCalendar (RFC 5545): one event per edition, for any calendar program.

use crate::date::{Date, DateValue};
use crate::model::Dataset;

/// What the calendar export needs besides the dataset.
#[derive(Clone, Debug)]
pub struct CalendarConfig<'a> {
    /// The moment of the export, written as every event's `DTSTAMP`; core has no clock, so the
    /// caller gives it. A date without a time counts as midnight UTC.
    pub now: DateValue,
    /// The languages to show titles in, most wanted first; then the municipality's first language, then any.
    pub languages: &'a [&'a str],
}

/// The pitch agenda: a `VCALENDAR` with one `VEVENT` per edition, in the dataset's order.
///
/// An edition with dates is an all-day event (`DTSTART;VALUE=DATE`, with `DTEND` the day after
/// its last day); one with date-times is converted to UTC. The description lists the
/// initiatives pitched. Text is escaped, lines are folded at 75 octets without splitting a
/// character, and every line ends in CRLF.
///
/// ```
/// use verschilmaker::{Dataset, DateValue, exchange::{CalendarConfig, export_icalendar}};
/// let dataset = Dataset::from_json_strict(r#"{"schema": "verschilmaker/1",
///     "municipality": {"name": "Gemeente Voorbeeld", "code": "GM0796", "languages": ["nl"]},
///     "editions": [{"id": "4", "title": "Pitchavond #4", "start": "2026-05-21T19:30:00+02:00",
///                   "venue": "Theater, kleine zaal"}]}"#)?;
/// let now = "2026-05-01T12:00:00Z".parse::<DateValue>().unwrap();
/// let calendar = export_icalendar(&dataset, &CalendarConfig { now, languages: &["nl"] });
/// assert!(calendar.contains("\r\nDTSTART:20260521T173000Z\r\n"));
/// assert!(calendar.contains("\r\nLOCATION:Theater\\, kleine zaal\r\n"));
/// # Ok::<(), verschilmaker::LoadError>(())
/// ```
pub fn export_icalendar(dataset: &Dataset, config: &CalendarConfig<'_>) -> String {
    let mut preferred: Vec<&str> = config.languages.to_vec();
    preferred.extend(dataset.municipality.languages.iter().map(|lang| lang.as_str()));
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Verschilmaker//Pitch agenda//NL");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(&dataset.municipality.name)));
    // ASCII lower-casing: a CBS code is `GM` and four digits (the loader accepts nothing else) and
    // the name is filtered to ASCII letters and digits, so Unicode's `str::to_lowercase` (4.9 KB
    // of wasm that only this used in the residents' bundle) would give the same.
    let domain = match &dataset.municipality.code {
        Some(code) => code.to_ascii_lowercase(),
        None => dataset
            .municipality
            .name
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase(),
    };
    let stamp = utc_stamp(config.now);
    for edition in &dataset.editions {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", escape(&format!("edition-{}.{domain}@verschilmaker", edition.id))));
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        match edition.start {
            DateValue::Date(start) => {
                line(&mut out, &format!("DTSTART;VALUE=DATE:{}", compact(start)));
                let last = edition.end.map_or(start, |end| end.date());
                if let Some(after) = next_day(last) {
                    line(&mut out, &format!("DTEND;VALUE=DATE:{}", compact(after)));
                }
            }
            start @ DateValue::DateTime { offset_minutes, .. } => {
                line(&mut out, &format!("DTSTART:{}", utc_stamp(start)));
                let end = match edition.end {
                    Some(end @ DateValue::DateTime { .. }) => Some(end),
                    // An end date means the end of that day, in the start's time zone.
                    Some(DateValue::Date(last)) => {
                        next_day(last).map(|date| DateValue::DateTime { date, seconds: 0, offset_minutes })
                    }
                    None => None,
                };
                if let Some(end) = end {
                    line(&mut out, &format!("DTEND:{}", utc_stamp(end)));
                }
            }
        }
        line(&mut out, &format!("SUMMARY:{}", escape(edition.title.resolve(&preferred))));
        if let Some(venue) = &edition.venue {
            line(&mut out, &format!("LOCATION:{}", escape(venue)));
        }
        if !edition.initiatives.is_empty() {
            let mut description = String::from("Pitches:");
            for id in &edition.initiatives {
                description.push_str("\n- ");
                match dataset.initiative(id) {
                    Some(initiative) => description.push_str(initiative.title.resolve(&preferred)),
                    None => description.push_str(id.as_str()),
                }
            }
            line(&mut out, &format!("DESCRIPTION:{}", escape(&description)));
        }
        if let Some(url) = &edition.url {
            // A URI value is not escaped; a validated URL has no control characters anyway.
            let url: String = url.chars().filter(|c| !c.is_control()).collect();
            line(&mut out, &format!("URL:{url}"));
        }
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            // Other control characters are not allowed in a content line.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes a content line folded at 75 octets: continuation lines start with a space, and a
/// fold never splits a UTF-8 sequence.
fn line(out: &mut String, content: &str) {
    let mut rest = content;
    let mut limit = 75;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = 74;
    }
}

fn compact(date: Date) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// A moment as a UTC date-time, `YYYYMMDDTHHMMSSZ`; a date counts as midnight UTC.
fn utc_stamp(value: DateValue) -> String {
    let (date, seconds) = match value {
        DateValue::Date(date) => (date, 0),
        DateValue::DateTime { date, seconds, offset_minutes } => {
            let instant = i64::from(seconds) - i64::from(offset_minutes) * 60;
            let days = instant.div_euclid(86_400);
            let seconds = instant.rem_euclid(86_400) as u32;
            (date_from_day_number(date.day_number() + days).unwrap_or(date), seconds)
        }
    };
    format!("{}T{:02}{:02}{:02}Z", compact(date), seconds / 3600, seconds / 60 % 60, seconds % 60)
}

fn next_day(date: Date) -> Option<Date> {
    date_from_day_number(date.day_number() + 1)
}

/// The inverse of [`Date::day_number`] (days since 0001-01-01), after Howard Hinnant's algorithm.
pub(super) fn date_from_day_number(days: i64) -> Option<Date> {
    let z = days + 306;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 { month_from_march + 3 } else { month_from_march - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    Date::new(u16::try_from(year).ok()?, month as u8, day as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_invert() {
        for text in ["0001-01-01", "2024-02-29", "2024-03-01", "1999-12-31", "2000-01-01", "9999-12-31"] {
            let date = Date::parse(text).unwrap();
            assert_eq!(date_from_day_number(date.day_number()), Some(date), "{text}");
        }
        assert_eq!(date_from_day_number(-1), None);
        assert_eq!(next_day(Date::parse("9999-12-31").unwrap()), None);
    }

    #[test]
    fn utc() {
        let check = |text: &str, expected: &str| assert_eq!(utc_stamp(DateValue::parse(text).unwrap()), expected);
        check("2026-05-21T19:30:00+02:00", "20260521T173000Z");
        check("2026-01-01T00:30:00+01:00", "20251231T233000Z");
        check("2025-12-31T23:30:00-01:00", "20260101T003000Z");
        check("2026-05-21", "20260521T000000Z");
    }

    #[test]
    fn escaping_and_folding() {
        assert_eq!(escape("a\\b;c,d\ne\r\nf\u{7}"), "a\\\\b\\;c\\,d\\ne\\nf");
        let mut out = String::new();
        line(&mut out, &format!("SUMMARY:{}", "é".repeat(60)));
        for physical in out.split_terminator("\r\n") {
            assert!(physical.len() <= 75, "{physical:?}");
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}", "é".repeat(60)));
    }
}
