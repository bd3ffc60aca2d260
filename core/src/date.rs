//! Calendar dates and RFC 3339 date-times as the dataset writes them, and periods between them.

use std::cmp::Ordering;
use std::fmt;

/// A calendar date (proleptic Gregorian), years 1 to 9999.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// Makes a date, or `None` when it does not exist (such as 2023-02-29).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid =
            (1..=9999).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`; the public way is `FromStr`.
    pub(crate) fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let year = digits(&bytes[0..4])?;
        let month = digits(&bytes[5..7])?;
        let day = digits(&bytes[8..10])?;
        Date::new(year as u16, month as u8, day as u8)
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 0001-01-01, which makes date arithmetic simple.
    pub fn day_number(self) -> i64 {
        // Howard Hinnant's days-from-civil algorithm: the year starts in March (month 0), so that
        // the leap day is the last day of a year; his epoch is 1970-01-01, ours 0001-01-01, which
        // is day 306 of the era that starts on 0000-03-01.
        let (year, month) = (i64::from(self.year), i64::from(self.month));
        let year = if month <= 2 { year - 1 } else { year };
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month_from_march = (month + 9) % 12;
        let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 306
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |acc, &b| b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0')))
}

/// A date, or an RFC 3339 date-time with an offset, as the dataset allows for every date field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateValue {
    /// A whole day.
    Date(Date),
    /// A moment: the local date and time and the offset from UTC in minutes.
    DateTime {
        /// The local date.
        date: Date,
        /// Seconds since local midnight.
        seconds: u32,
        /// Offset from UTC in minutes, for example 60 for `+01:00`.
        offset_minutes: i16,
    },
}

impl DateValue {
    /// Parses `YYYY-MM-DD` or an RFC 3339 date-time; the public way is `FromStr`.
    pub(crate) fn parse(text: &str) -> Option<DateValue> {
        if text.len() == 10 {
            return Date::parse(text).map(DateValue::Date);
        }
        let bytes = text.as_bytes();
        if bytes.len() < 20 || !matches!(bytes[10], b'T' | b't') || bytes[13] != b':' || bytes[16] != b':' {
            return None;
        }
        let date = Date::parse(text.get(..10)?)?;
        let (hour, minute, second) = (digits(&bytes[11..13])?, digits(&bytes[14..16])?, digits(&bytes[17..19])?);
        // A leap second (60) is allowed by RFC 3339.
        if hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        let mut rest = &bytes[19..];
        if let Some(fraction) = rest.strip_prefix(b".") {
            let len = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
            if len == 0 {
                return None;
            }
            rest = &fraction[len..];
        }
        let offset_minutes = match rest {
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let (hours, minutes) = (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?);
                if hours > 23 || minutes > 59 {
                    return None;
                }
                let total = (hours * 60 + minutes) as i16;
                if *sign == b'-' { -total } else { total }
            }
            _ => return None,
        };
        Some(DateValue::DateTime { date, seconds: hour * 3600 + minute * 60 + second.min(59), offset_minutes })
    }

    /// The (local) calendar date.
    pub fn date(self) -> Date {
        match self {
            DateValue::Date(date) | DateValue::DateTime { date, .. } => date,
        }
    }

    /// Compares two values: two date-times as instants, anything else by calendar date.
    pub fn compare(self, other: DateValue) -> Ordering {
        match (self.instant(), other.instant()) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => self.date().cmp(&other.date()),
        }
    }

    fn instant(self) -> Option<i64> {
        match self {
            DateValue::Date(_) => None,
            DateValue::DateTime { date, seconds, offset_minutes } => {
                Some(date.day_number() * 86_400 + i64::from(seconds) - i64::from(offset_minutes) * 60)
            }
        }
    }
}

/// Parses `YYYY-MM-DD`.
///
/// ```
/// use verschilmaker::Date;
/// assert!("2024-02-29".parse::<Date>().is_ok());
/// assert!("2023-02-29".parse::<Date>().is_err());
/// assert!("2024-2-9".parse::<Date>().is_err());
/// ```
impl std::str::FromStr for Date {
    type Err = crate::ParseError;

    fn from_str(text: &str) -> Result<Date, crate::ParseError> {
        Date::parse(text).ok_or(crate::ParseError::new("a date written YYYY-MM-DD"))
    }
}

/// Parses `YYYY-MM-DD` or an RFC 3339 date-time with `Z` or a `±HH:MM` offset.
///
/// ```
/// use verschilmaker::DateValue;
/// assert!("2025-06-01".parse::<DateValue>().is_ok());
/// assert!("2025-06-01T19:30:00+02:00".parse::<DateValue>().is_ok());
/// assert!("2025-06-01T19:30:00".parse::<DateValue>().is_err(), "an offset is required");
/// assert!("2025-06-01T25:00:00Z".parse::<DateValue>().is_err());
/// ```
impl std::str::FromStr for DateValue {
    type Err = crate::ParseError;

    fn from_str(text: &str) -> Result<DateValue, crate::ParseError> {
        DateValue::parse(text).ok_or(crate::ParseError::new("a date or an RFC 3339 date-time"))
    }
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            DateValue::Date(date) => write!(f, "{date}"),
            DateValue::DateTime { date, seconds, offset_minutes } => {
                write!(f, "{date}T{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60)?;
                if offset_minutes == 0 {
                    return f.write_str("Z");
                }
                let sign = if offset_minutes < 0 { '-' } else { '+' };
                let minutes = offset_minutes.unsigned_abs();
                write!(f, "{sign}{:02}:{:02}", minutes / 60, minutes % 60)
            }
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for DateValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for DateValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<DateValue, D::Error> {
        let text = String::deserialize(deserializer)?;
        DateValue::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a date or RFC 3339 date-time: {text:?}")))
    }
}

/// A period: a start and an optional end that is not before the start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Period {
    /// The first day or moment.
    pub start: DateValue,
    /// The last day or moment; absent means open-ended.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub end: Option<DateValue>,
}

impl Period {
    /// Whether two periods share at least one day (open ends extend forever).
    pub fn overlaps(&self, other: &Period) -> bool {
        let starts_before_other_ends = other.end.is_none_or(|end| self.start.date() <= end.date());
        let other_starts_before_end = self.end.is_none_or(|end| other.start.date() <= end.date());
        starts_before_other_ends && other_starts_before_end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_date(text: &str, valid: bool) {
        assert_eq!(Date::parse(text).is_some(), valid, "{text}");
    }

    #[test]
    fn dates() {
        check_date("2024-01-31", true);
        check_date("2024-02-29", true);
        check_date("2000-02-29", true);
        check_date("1900-02-29", false);
        check_date("2024-04-31", false);
        check_date("2024-13-01", false);
        check_date("2024-00-10", false);
        check_date("0000-01-01", false);
        check_date("2024-01-1", false);
        check_date("2024/01/10", false);
        check_date("２０２４-01-10", false);
    }

    #[test]
    fn day_numbers_are_consecutive() {
        assert_eq!(Date::new(1, 1, 1).unwrap().day_number(), 0);
        let a = Date::parse("2024-02-28").unwrap().day_number();
        assert_eq!(Date::parse("2024-02-29").unwrap().day_number(), a + 1);
        assert_eq!(Date::parse("2024-03-01").unwrap().day_number(), a + 2);
        assert_eq!(
            Date::parse("2025-01-01").unwrap().day_number() - Date::parse("2024-01-01").unwrap().day_number(),
            366
        );
    }

    #[test]
    fn date_times_round_trip_and_compare_as_instants() {
        for text in ["2025-06-01T19:30:00+02:00", "2025-06-01T17:30:00Z", "2025-06-01T00:00:00-05:30"] {
            assert_eq!(DateValue::parse(text).unwrap().to_string(), text);
        }
        let a = DateValue::parse("2025-06-01T19:30:00+02:00").unwrap();
        let b = DateValue::parse("2025-06-01T17:30:00Z").unwrap();
        assert_eq!(a.compare(b), Ordering::Equal);
        assert!(DateValue::parse("2025-06-01T19:30:00.123+02:00").is_some());
        assert!(DateValue::parse("2025-06-01T19:30:00.+02:00").is_none());
        assert!(DateValue::parse("2025-06-01T19:30:00+24:00").is_none());
    }

    proptest::proptest! {
        /// `Display` and `FromStr` round-trip for every date and date-time.
        #[test]
        fn display_and_from_str_round_trip(
            year in 1u16..=9999,
            month in 1u8..=12,
            day in 1u8..=31,
            seconds in 0u32..86_400,
            offset in -1439i16..=1439,
            with_time: bool,
        ) {
            let Some(date) = Date::new(year, month, day) else { return Ok(()) };
            let value = if with_time {
                DateValue::DateTime { date, seconds, offset_minutes: offset }
            } else {
                DateValue::Date(date)
            };
            proptest::prop_assert_eq!(value.to_string().parse::<DateValue>(), Ok(value));
            proptest::prop_assert_eq!(date.to_string().parse::<Date>(), Ok(date));
        }
    }

    #[test]
    fn periods_overlap_with_open_ends() {
        let period = |start: &str, end: Option<&str>| Period {
            start: DateValue::parse(start).unwrap(),
            end: end.map(|end| DateValue::parse(end).unwrap()),
        };
        assert!(period("2025-01-01", Some("2025-01-31")).overlaps(&period("2025-01-31", None)));
        assert!(!period("2025-01-01", Some("2025-01-31")).overlaps(&period("2025-02-01", None)));
        assert!(period("2025-03-01", None).overlaps(&period("2024-01-01", None)));
    }
}
