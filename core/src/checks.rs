//! The rules for single values that both the loader and the widget's forms apply: e-mail
//! addresses, Dutch postcodes, amounts as a visitor types them, and record ids made from a name.
//!
//! Why here and not in the forms? A form that accepts what the municipality's strict check later
//! refuses lets a visitor send a submission that cannot be added. Each rule is written once, and
//! the property tests at the bottom hold the forms' side to the strict check's.

/// Whether `c` is a control character or an invisible formatting character (zero-width spaces,
/// bidirectional overrides, the byte order mark, a soft hyphen): characters that make two texts
/// look alike, or a text look unlike what it is.
pub(crate) fn is_invisible_or_control(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}'
            | '\u{061C}' | '\u{FEFF}' | '\u{00AD}' | '\u{FFF9}'..='\u{FFFB}')
}

/// Where `needle` (not empty) first occurs in `haystack`.
///
/// For the code in the residents' first download, instead of `str::find` and `str::contains` with
/// a string (or a non-ASCII character): those bring the standard library's substring search, and
/// with it string slicing's panic message and its formatting code, about 1 KB gzipped. Fine for
/// the short needles this code looks for.
pub(crate) fn find_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack.windows(needle.len()).position(|window| window == needle)
}

/// Whether `text` is an e-mail address, as the dataset's `email` fields and a submission's
/// contact must be: one `@` between a non-empty local part and a domain with a dot that neither
/// starts nor ends it nor doubles, and no white space, control or invisible characters.
///
/// A form trims what the visitor typed before it asks; the address itself has no white space.
///
/// ```
/// use verschilmaker::is_email;
/// assert!(is_email("hof@example.org"));
/// assert!(!is_email("a@b@c.nl"));
/// assert!(!is_email("a@b..nl"));
/// assert!(!is_email(" hof@example.org"));
/// ```
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let clean = |part: &str| {
        !part.is_empty() && !part.chars().any(|c| c.is_whitespace() || c == '@' || is_invisible_or_control(c))
    };
    clean(local)
        && clean(domain)
        && domain.bytes().any(|b| b == b'.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && find_bytes(domain.as_bytes(), b"..").is_none()
}

/// The PC4 part of a Dutch postcode (`5211 AB`, `5211ab`, `5211`), or `None` when `postcode`
/// (without white space around it) is not one.
///
/// Why this rule? A Dutch postcode is four digits from 1000 to 9999 (PostNL never gives out a
/// leading 0), optionally followed by a space and two letters: `0123` and `5211ABC` are not
/// postcodes, and reading the first four characters of either as one would put a plan in an
/// area it has nothing to do with. The dataset's areas list their PC4s with the same rule.
///
/// ```
/// use verschilmaker::pc4;
/// assert_eq!(pc4(" 5211 ab "), Some("5211"));
/// assert_eq!(pc4("5211AB"), Some("5211"));
/// assert_eq!(pc4("0123"), None);
/// assert_eq!(pc4("5211ABC"), None);
/// ```
pub fn pc4(postcode: &str) -> Option<&str> {
    let postcode = postcode.trim();
    let digits = postcode.get(..4).filter(|d| d.bytes().all(|b| b.is_ascii_digit()) && !d.starts_with('0'))?;
    let letters = postcode.get(4..).unwrap_or("").trim_start();
    let letters_ok = letters.is_empty() || (letters.len() == 2 && letters.bytes().all(|b| b.is_ascii_alphabetic()));
    letters_ok.then_some(digits)
}

/// An amount as a visitor types it ("12,5", " 40 ", "3."), or `None` when it is not a plain
/// decimal number from 0 to 10^12 with at most 15 digits: what a form accepts for a need's
/// amount or an offer's capacity.
///
/// Why not `str::parse::<f64>`? Its general algorithm (exponents, "inf", long inputs) adds about
/// 6 KB of wasm; an amount in a form is digits with at most one decimal separator. The digits
/// make an integer below 2^53 and one division by an exact power of ten rounds correctly.
///
/// ```
/// use verschilmaker::parse_amount;
/// assert_eq!(parse_amount(" 12,5 "), Some(12.5));
/// assert_eq!(parse_amount("-3"), None);
/// ```
pub fn parse_amount(text: &str) -> Option<f64> {
    let text = text.trim();
    let (whole, fraction) = match text.find([',', '.']) {
        Some(at) => (text.get(..at).unwrap_or(""), text.get(at + 1..).unwrap_or("")),
        None => (text, ""),
    };
    let digits = whole.len() + fraction.len();
    if digits == 0 || digits > 15 {
        return None;
    }
    if !whole.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mantissa = whole.bytes().chain(fraction.bytes()).fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
    let number = mantissa as f64 / 10f64.powi(fraction.len() as i32);
    (number <= 1e12).then_some(number)
}

/// A record id from a name: its words folded as search folds them ([`crate::search::fold`], so
/// "Straße" gives `strasse`), lowercase ASCII letters and digits joined by `-`, cut at about 40
/// bytes, then `-` and `suffix` (which keeps two submissions of the same title apart). A name
/// with nothing left gives `inzending`.
///
/// ```
/// use verschilmaker::record_id;
/// assert_eq!(record_id("Café Straße & co", "k3"), "cafe-strasse-co-k3");
/// assert_eq!(record_id("!!!", "k3"), "inzending-k3");
/// ```
pub fn record_id(name: &str, suffix: &str) -> String {
    let mut out = String::new();
    for c in crate::search::fold(name).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 40 {
            break;
        }
    }
    let mut out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        out.push_str("inzending");
    }
    out.push('-');
    out.push_str(suffix);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_bytes_finds_the_first_occurrence() {
        assert_eq!(find_bytes(b"a..b..c", b".."), Some(1));
        assert_eq!(find_bytes("x \u{FFFD} y".as_bytes(), "\u{FFFD}".as_bytes()), Some(2));
        assert_eq!(find_bytes(b"abc", b"abcd"), None);
        assert_eq!(find_bytes(b"", b"a"), None);
        assert_eq!(find_bytes(b"abc", b""), Some(0));
        assert_eq!(find_bytes(b"expected value at line 1 column 2", b" at line "), Some(14));
    }

    #[test]
    fn emails() {
        for good in ["a@b.nl", "hof@example.org", "jan.de.vries+buurt@gemeente.example.nl"] {
            assert!(is_email(good), "{good}");
        }
        for bad in ["", "a", "@b.nl", "a@", "a@b", "a@.b.nl", "a@b.nl.", "a@b..nl", "a@b@c.nl", "a b@c.nl", " a@b.nl"] {
            assert!(!is_email(bad), "{bad}");
        }
        assert!(!is_email("a@b\u{200B}.nl"));
    }

    #[test]
    fn postcodes() {
        for (typed, expected) in [
            ("5211", Some("5211")),
            ("5211AB", Some("5211")),
            ("5211 ab", Some("5211")),
            (" 5211  AB ", Some("5211")),
            ("1000", Some("1000")),
            ("0123", None),
            ("0123 AB", None),
            ("5211ABC", None),
            ("5211 A", None),
            ("5211 12", None),
            ("521", None),
            ("52a1", None),
            ("", None),
            ("5211é", None),
            ("ééé", None),
        ] {
            assert_eq!(pc4(typed), expected, "{typed:?}");
        }
    }

    #[test]
    fn amounts_are_read_as_typed_in_dutch_or_english() {
        for (typed, expected) in [
            ("40", Some(40.0)),
            (" 12,5 ", Some(12.5)),
            ("0.3", Some(0.3)),
            ("3.", Some(3.0)),
            (",5", Some(0.5)),
            ("1000000000000", Some(1e12)),
            ("1000000000001", None),
            ("-3", None),
            ("1e3", None),
            ("1.000,50", None),
            ("", None),
            (",", None),
            ("inf", None),
            ("1234567890123456", None),
            ("é,5", None),
        ] {
            assert_eq!(parse_amount(typed), expected, "{typed:?}");
        }
    }

    #[test]
    fn ids_are_readable_and_never_empty() {
        for (name, expected) in [
            ("  Café Ébène & co ", "cafe-ebene-co-a1"),
            ("Straße", "strasse-a1"),
            ("Ĳsbaan Ørsted", "ijsbaan-orsted-a1"),
            ("Şişli Ţară", "sisli-tara-a1"),
            ("!!!", "inzending-a1"),
            ("Москва", "inzending-a1"),
        ] {
            assert_eq!(record_id(name, "a1"), expected, "{name:?}");
        }
    }
}

/// The forms' side of each rule held to the strict check's: whatever a form accepts, a
/// submission carries into the data file and the strict check accepts, and the converse for
/// the fields that the strict check reads the way the forms do (e-mail, postcode).
#[cfg(all(test, feature = "serde"))]
mod forms_and_strict_check_agree {
    use proptest::prelude::*;

    use super::*;
    use crate::submission::{Record, Submission, merge_into};
    use crate::{
        AreaId, Contact, Dataset, Initiative, InitiativeId, Kind, Need, NeedId, Offer, OfferId, Partner, PartnerId,
        Sector, Stage, Text,
    };

    fn dataset() -> Dataset {
        Dataset::from_json_strict(
            r#"{"schema": "verschilmaker/1", "municipality": {"name": "G", "languages": ["nl"]},
            "areas": [{"id": "noord", "name": "Noord", "postcodes": ["5211"]}]}"#,
        )
        .unwrap()
    }

    /// Whether the strict check accepts `record` added to the dataset, as a facilitator would.
    fn accepted(record: Record) -> bool {
        let submission =
            Submission { record, contact: None, interest: Vec::new(), municipality: None, submitted: None };
        merge_into(&submission.to_json(), &dataset()).is_ok()
    }

    fn helper_with_email(email: &str) -> Record {
        let mut partner = Partner::new(PartnerId::new("helper").unwrap(), "Helper", Sector::Resident);
        partner.offers = vec![Offer::new(OfferId::new("offer-1").unwrap(), Kind::Volunteers)];
        partner.contact = Some(Contact { email: Some(email.to_owned()), ..Contact::default() });
        Record::Partner(partner)
    }

    fn plan(id: &str, amount: Option<f64>) -> Record {
        let mut initiative = Initiative::new(InitiativeId::new_lossy(id), Text::plain("Plan"), Stage::Idea);
        let mut need = Need::new(NeedId::new("need-1").unwrap(), Kind::Funding);
        need.amount = amount;
        initiative.needs = vec![need];
        Record::Initiative(initiative)
    }

    /// Whether the strict check accepts an area that lists `code` as a PC4.
    fn area_listing_accepted(code: &str) -> bool {
        let json = format!(
            r#"{{"schema": "verschilmaker/1", "municipality": {{"name": "G", "languages": ["nl"]}},
            "areas": [{{"id": "a", "name": "A", "postcodes": [{}]}}]}}"#,
            crate::exchange::json_text(&serde_json::Value::String(code.to_owned()))
        );
        Dataset::from_json_strict(&json).is_ok()
    }

    #[test]
    fn the_known_disagreements_are_gone() {
        // The form used to accept these; the strict check refuses them, and now so does the form.
        for email in ["a@b@c.nl", "a@b..nl"] {
            assert!(!is_email(email) && !accepted(helper_with_email(email)), "{email}");
        }
        // Search used to read these as a PC4; neither the form nor the data file does.
        for postcode in ["0123", "5211ABC"] {
            assert_eq!(pc4(postcode), None, "{postcode}");
        }
        assert!(!area_listing_accepted("0123"));
        assert!(dataset().area_of_postcode("5211ABC").is_none());
    }

    proptest! {
        /// The form trims what was typed and asks `is_email`; the strict check reads a
        /// contact's `email` field: they agree on every input.
        #[test]
        fn email(typed in "[ a-z.@\u{200B}-]{0,12}|[a-z]{1,4}@[a-z]{1,4}(\\.[a-z]{1,3}){0,2}|\\PC{0,16}") {
            let address = typed.trim();
            prop_assume!(!address.is_empty());
            prop_assert_eq!(is_email(address), accepted(helper_with_email(address)), "{:?}", address);
        }

        /// A postcode the form accepts lies in the area that lists its PC4, which the strict
        /// check accepts; an area's PC4 that the strict check accepts is a postcode for the form.
        #[test]
        fn postcode(typed in "[0-9]{3,5} ?[A-Za-z]{0,3}|\\PC{0,8}") {
            match pc4(&typed) {
                Some(code) => {
                    prop_assert!(area_listing_accepted(code), "{:?}", code);
                    let expected = (code == "5211").then(|| AreaId::new("noord").unwrap());
                    prop_assert_eq!(dataset().area_of_postcode(&typed).cloned(), expected);
                }
                None => prop_assert!(dataset().area_of_postcode(&typed).is_none()),
            }
        }

        #[test]
        fn pc4_in_an_area(code in "[0-9]{4}|[0-9 A-Z]{3,6}") {
            prop_assert_eq!(area_listing_accepted(&code), pc4(&code) == Some(code.as_str()), "{:?}", code);
        }

        /// An amount the form accepts is a need's amount that the strict check accepts.
        #[test]
        fn amount(typed in "[0-9]{0,14}[.,]?[0-9]{0,3}|\\PC{0,8}") {
            if let Some(amount) = parse_amount(&typed) {
                prop_assert!(accepted(plan("plan", Some(amount))), "{:?} → {}", typed, amount);
            }
        }

        /// Every whole amount the strict check accepts (0 to 10^12) the form reads as typed.
        #[test]
        fn whole_amounts_are_typed_as_they_are(amount in 0u64..=1_000_000_000_000) {
            prop_assert!(accepted(plan("plan", Some(amount as f64))));
            prop_assert_eq!(parse_amount(&amount.to_string()), Some(amount as f64));
        }

        /// A record id the form makes from any name is one the strict check accepts.
        #[test]
        fn ids(name in "\\PC{0,60}", suffix in "[a-z0-9]{1,6}") {
            let id = record_id(&name, &suffix);
            prop_assert!(InitiativeId::new(&id).is_some() && PartnerId::new(&id).is_some(), "{:?}", id);
            prop_assert!(id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{:?}", id);
            prop_assert!(accepted(plan(&id, None)), "{:?}", id);
        }
    }
}
