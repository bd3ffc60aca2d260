//! Dates, times, periods, numbers and amounts as people write them: "18 maart 2027,
//! 19:30–22:30", "1 maart 2024 – 31 oktober 2027", "€ 133.050" and "1.250 m²" in Dutch,
//! "18 March 2027, 7:30–10:30 pm", "€133,050" and "1 hour" in English.
//!
//! Why a table and not the browser's `Intl.DateTimeFormat`? The agenda, the initiative page and
//! the forms also render natively in tests, where there is no `Intl`; and two languages with
//! twelve month names each are a few hundred bytes in the second module, while a call into
//! `Intl` through `js-sys` has to build its options objects for every date. The times are the
//! dataset's local times as written (its offset is not converted to the visitor's zone: a pitch
//! night at 19:30 in Verschilstad is at 19:30 for everyone who goes).

use verschilmaker::{Date, DateValue};

use crate::components::common::fixed;
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

/// A number with the language's thousands separator and decimal mark: "133.050", "12,5" in
/// Dutch, "133,050", "12.5" in English; whole numbers without decimals, otherwise `decimals`.
pub fn figure(value: f64, decimals: u32, ui: UiLang) -> String {
    let (group, point) = match ui {
        UiLang::Nl => ('.', ','),
        UiLang::En => (',', '.'),
    };
    let whole_value = (value - value.round()).abs() < 0.005;
    let plain = fixed(value, if whole_value { 0 } else { decimals });
    let (sign, digits) = plain.strip_prefix('-').map_or(("", plain.as_str()), |rest| ("-", rest));
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let mut out = String::from(sign);
    for (at, digit) in whole.chars().enumerate() {
        if at > 0 && (whole.len() - at) % 3 == 0 {
            out.push(group);
        }
        out.push(digit);
    }
    if !fraction.is_empty() {
        out.push(point);
        out.push_str(fraction);
    }
    out
}

/// An amount in its unit: "€ 133.050" (Dutch) or "€133,050" (English) for euros, else the
/// figure and the unit's word for that count ("1 uur", "2 hours", "1.250 m²"). Unknown unit
/// tokens are shown as they are.
pub fn quantity(value: f64, unit: &str, ui: UiLang) -> String {
    if unit == "eur" {
        let amount = figure(value, 2, ui);
        return match ui {
            UiLang::Nl => String::from("€ ") + &amount,
            UiLang::En => String::from("€") + &amount,
        };
    }
    figure(value, 1, ui) + " " + ui.later_texts().unit_for(unit, value)
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

    #[test]
    fn numbers_and_amounts_read_as_people_write_them() {
        assert_eq!(quantity(133_050.0, "eur", UiLang::Nl), "€ 133.050");
        assert_eq!(quantity(133_050.0, "eur", UiLang::En), "€133,050");
        assert_eq!(quantity(12.5, "eur", UiLang::Nl), "€ 12,50");
        assert_eq!(quantity(1250.0, "m2", UiLang::Nl), "1.250 m²");
        assert_eq!(quantity(1.0, "hours", UiLang::Nl), "1 uur");
        assert_eq!(quantity(1.0, "hours", UiLang::En), "1 hour");
        assert_eq!(quantity(2.0, "hours", UiLang::En), "2 hours");
        assert_eq!(quantity(1.0, "requests", UiLang::Nl), "1 verzoek");
        assert_eq!(quantity(3.0, "requests", UiLang::Nl), "3 verzoeken");
        assert_eq!(quantity(1.0, "items", UiLang::Nl), "1 stuk");
        assert_eq!(quantity(7.5, "hours", UiLang::Nl), "7,5 uur");
        assert_eq!(quantity(5.0, "introductions", UiLang::Nl), "5 introductions");
        assert_eq!(figure(1_234_567.0, 1, UiLang::Nl), "1.234.567");
        assert_eq!(figure(-1_234.25, 2, UiLang::En), "-1,234.25");
        assert_eq!(figure(999.0, 1, UiLang::Nl), "999");
        assert_eq!(figure(0.0, 1, UiLang::Nl), "0");
        assert_eq!(figure(f64::NAN, 1, UiLang::Nl), "0");
    }
}
