//! Dates, times and periods as people write them: "18 maart 2027, 19:30–22:30" and
//! "1 maart 2024 – 31 oktober 2027" in Dutch, "18 March 2027, 7:30–10:30 pm" in English.
//!
//! Why a table and not the browser's `Intl.DateTimeFormat`? The agenda, the initiative page and
//! the forms also render natively in tests, where there is no `Intl`; and two languages with
//! twelve month names each are a few hundred bytes in the second module, while a call into
//! `Intl` through `js-sys` has to build its options objects for every date. The times are the
//! dataset's local times as written (its offset is not converted to the visitor's zone: a pitch
//! night at 19:30 in Verschilstad is at 19:30 for everyone who goes).

use verschilmaker::{Date, DateValue};

use crate::i18n::UiLang;

const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "18 maart 2027" or "18 March 2027".
pub fn date(date: Date, ui: UiLang) -> String {
    let months = match ui {
        UiLang::Nl => &MONTHS_NL,
        UiLang::En => &MONTHS_EN,
    };
    let month = months.get(usize::from(date.month().saturating_sub(1))).copied().unwrap_or("?");
    format!("{} {month} {}", date.day(), date.year())
}

/// The time of day of `seconds` after midnight, without the meridiem in English: "19:30" in
/// Dutch, "7:30" in English (see [`meridiem`]).
fn clock(seconds: u32, ui: UiLang) -> String {
    let (hours, minutes) = (seconds / 3600 % 24, seconds / 60 % 60);
    match ui {
        UiLang::Nl => format!("{hours:02}:{minutes:02}"),
        UiLang::En => format!("{}:{minutes:02}", if hours % 12 == 0 { 12 } else { hours % 12 }),
    }
}

fn meridiem(seconds: u32) -> &'static str {
    if seconds / 3600 % 24 < 12 { "am" } else { "pm" }
}

/// A time of day: "19:30" or "7:30 pm".
pub fn time(seconds: u32, ui: UiLang) -> String {
    match ui {
        UiLang::Nl => clock(seconds, ui),
        UiLang::En => clock(seconds, ui) + " " + meridiem(seconds),
    }
}

/// A date, with its time when it has one: "18 maart 2027, 19:30".
pub fn moment(value: DateValue, ui: UiLang) -> String {
    match value {
        DateValue::Date(day) => date(day, ui),
        DateValue::DateTime { date: day, seconds, .. } => date(day, ui) + ", " + &time(seconds, ui),
    }
}

/// From `start` to `end`, written once where they share the day: "18 maart 2027, 19:30–22:30",
/// "18 March 2027, 7:30–10:30 pm", "1 maart 2024 – 31 oktober 2027". Without an end, the start.
pub fn span(start: DateValue, end: Option<DateValue>, ui: UiLang) -> String {
    let Some(end) = end else { return moment(start, ui) };
    match (start, end) {
        (DateValue::DateTime { date: a, seconds: from, .. }, DateValue::DateTime { date: b, seconds: to, .. })
            if a == b =>
        {
            let times = match ui {
                UiLang::Nl => clock(from, ui) + "–" + &clock(to, ui),
                UiLang::En if meridiem(from) == meridiem(to) => clock(from, ui) + "–" + &time(to, ui),
                UiLang::En => time(from, ui) + "–" + &time(to, ui),
            };
            date(a, ui) + ", " + &times
        }
        _ if start.date() == end.date() => moment(start, ui),
        _ => moment(start, ui) + " – " + &moment(end, ui),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> DateValue {
        text.parse().unwrap_or_else(|_| panic!("{text} is a date"))
    }

    #[test]
    fn dates_and_spans_read_as_people_write_them() {
        let evening = (value("2027-03-18T19:30:00+01:00"), Some(value("2027-03-18T22:30:00+01:00")));
        assert_eq!(span(evening.0, evening.1, UiLang::Nl), "18 maart 2027, 19:30–22:30");
        assert_eq!(span(evening.0, evening.1, UiLang::En), "18 March 2027, 7:30–10:30 pm");
        let noon = (value("2027-03-18T11:00:00Z"), Some(value("2027-03-18T13:00:00Z")));
        assert_eq!(span(noon.0, noon.1, UiLang::En), "18 March 2027, 11:00 am–1:00 pm");
        assert_eq!(span(noon.0, noon.1, UiLang::Nl), "18 maart 2027, 11:00–13:00");
        let period = (value("2024-03-01"), Some(value("2027-10-31")));
        assert_eq!(span(period.0, period.1, UiLang::Nl), "1 maart 2024 – 31 oktober 2027");
        assert_eq!(span(period.0, period.1, UiLang::En), "1 March 2024 – 31 October 2027");
        assert_eq!(span(value("2027-01-09"), None, UiLang::Nl), "9 januari 2027");
        assert_eq!(span(value("2027-01-09"), Some(value("2027-01-09")), UiLang::En), "9 January 2027");
        assert_eq!(moment(value("2027-12-31T00:05:00Z"), UiLang::En), "31 December 2027, 12:05 am");
        assert_eq!(moment(value("2027-12-31T00:05:00Z"), UiLang::Nl), "31 december 2027, 00:05");
        let overnight = (value("2027-06-01T22:00:00Z"), Some(value("2027-06-02T02:00:00Z")));
        assert_eq!(span(overnight.0, overnight.1, UiLang::Nl), "1 juni 2027, 22:00 – 2 juni 2027, 02:00");
    }
}
