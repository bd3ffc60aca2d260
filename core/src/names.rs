//! The format's names as text: `Display` and `FromStr` for the enumerations of the model and of
//! matching, and [`ParseError`], the one error of parsing any of them.
//!
//! Each enumeration keeps an `as_str` that the loader, search and the widget use on hot paths;
//! `Display` writes exactly that name and `FromStr` reads it back, so the two round-trip.

use std::fmt;
use std::str::FromStr;

use crate::matching::Component;
use crate::model::{CommitmentStatus, Kind, Per, Sector, Stage};

/// Text that is not a valid value of the type it was parsed as.
///
/// ```
/// use verschilmaker::Kind;
/// let error = "vrijwilligers".parse::<Kind>().unwrap_err();
/// assert_eq!(error.to_string(), "not a kind of need or offer");
/// assert_eq!("volunteers".parse::<Kind>(), Ok(Kind::Volunteers));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseError {
    expected: &'static str,
}

impl ParseError {
    pub(crate) fn new(expected: &'static str) -> ParseError {
        ParseError { expected }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not {}", self.expected)
    }
}

impl std::error::Error for ParseError {}

/// `Display` and `FromStr` from a type's `as_str` and its `ALL` list.
macro_rules! names {
    ($($name:ident: $expected:literal),* $(,)?) => {$(
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = ParseError;

            fn from_str(name: &str) -> Result<$name, ParseError> {
                $name::ALL.iter().copied().find(|value| value.as_str() == name).ok_or(ParseError::new($expected))
            }
        }
    )*};
}

names!(
    Kind: "a kind of need or offer",
    Stage: "a stage",
    Sector: "a sector",
    CommitmentStatus: "a commitment status",
    Per: "a period of renewal",
    Component: "a matching component",
);

#[cfg(test)]
mod tests {
    use super::*;

    /// Every value of `all` displays as its `as_str`, parses back to itself, and no two share
    /// a name; a name with anything around it does not parse.
    fn check<T>(all: &[T], as_str: fn(&T) -> &'static str)
    where
        T: Copy + fmt::Display + FromStr<Err = ParseError> + PartialEq + fmt::Debug,
    {
        for value in all {
            let text = value.to_string();
            assert_eq!(text, as_str(value));
            assert_eq!(text.parse::<T>(), Ok(*value), "{text}");
            assert!(format!(" {text}").parse::<T>().is_err());
            assert!(text.to_uppercase().parse::<T>().is_err());
            assert_eq!(all.iter().filter(|other| other.to_string() == text).count(), 1, "{text}");
        }
        assert!("".parse::<T>().is_err());
    }

    #[test]
    fn names_round_trip() {
        check(Kind::ALL, |v| v.as_str());
        check(Stage::ALL, |v| v.as_str());
        check(Sector::ALL, |v| v.as_str());
        check(CommitmentStatus::ALL, |v| v.as_str());
        check(Per::ALL, |v| v.as_str());
        check(Component::ALL, |v| v.as_str());
    }

    #[test]
    fn names_are_the_formats() {
        let table: [(&str, Result<Kind, ParseError>); 4] = [
            ("space", Ok(Kind::Space)),
            ("coaching", Ok(Kind::Coaching)),
            ("Space", Err(ParseError::new("a kind of need or offer"))),
            ("vrijwilligers", Err(ParseError::new("a kind of need or offer"))),
        ];
        for (text, expected) in table {
            assert_eq!(text.parse::<Kind>(), expected, "{text}");
        }
        assert_eq!("month".parse::<Per>(), Ok(Per::Month));
        assert_eq!("withdrawn".parse::<CommitmentStatus>(), Ok(CommitmentStatus::Withdrawn));
        assert_eq!("youth".parse::<Sector>(), Ok(Sector::Youth));
        assert_eq!("paused".parse::<Stage>(), Ok(Stage::Paused));
        assert_eq!("load".parse::<Component>(), Ok(Component::Load));
        assert_eq!("kind".parse::<Per>().unwrap_err().to_string(), "not a period of renewal");
    }
}
