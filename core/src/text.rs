//! Human-readable text in one or more languages, and ISO 639-1 language codes.

use std::fmt;

/// The two-letter codes of ISO 639-1, sorted, two bytes each (`sh`, withdrawn in 2000, is not
/// among them). Why a table rather than "two lowercase letters"? A code such as `xx` or `du` is
/// a typo that would make a translation unreachable without a word. Why bytes rather than a list
/// of `&str`? 366 bytes in the wasm bundle instead of some 1.8 KB of slices.
const ISO_639_1: &[u8; 366] = b"aaabaeafakamanarasavayaz\
    babebgbibmbnbobrbs\
    cacechcocrcscucvcy\
    dadedvdz\
    eeeleneoeseteu\
    fafffifjfofrfy\
    gagdglgngugv\
    hahehihohrhthuhyhz\
    iaidieigiiikioisitiu\
    jajv\
    kakgkikjkkklkmknkokrkskukvkwky\
    lalblglilnloltlulv\
    mgmhmimkmlmnmrmsmtmy\
    nanbndnengnlnnnonrnvny\
    ocojomoros\
    papiplpspt\
    qu\
    rmrnrorurw\
    sascsdsesgsiskslsmsnsosqsrssstsusvsw\
    tatetgthtitktltntotrtstttwty\
    ugukuruz\
    vevivo\
    wawo\
    xh\
    yiyo\
    zazhzu";

/// An ISO 639-1 language code such as `nl`, `en` or `fy`: one of its 183 two-letter codes.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct Lang(String);

impl Lang {
    /// Makes a language code, or returns `None` when `code` is not one of the 183 codes of
    /// ISO 639-1 (two lowercase letters).
    ///
    /// ```
    /// use verschilmaker::Lang;
    /// assert_eq!(Lang::new("nl").unwrap().as_str(), "nl");
    /// assert!(Lang::new("fy").is_some());
    /// assert!(Lang::new("NL").is_none());
    /// assert!(Lang::new("nld").is_none());
    /// assert!(Lang::new("xx").is_none());
    /// ```
    pub fn new(code: &str) -> Option<Lang> {
        let valid = ISO_639_1.chunks_exact(2).any(|known| known == code.as_bytes());
        valid.then(|| Lang(code.to_owned()))
    }

    /// The code as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Lang {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for Lang {
    type Err = crate::ParseError;

    fn from_str(code: &str) -> Result<Lang, crate::ParseError> {
        Lang::new(code).ok_or(crate::ParseError::new("an ISO 639-1 language code"))
    }
}

impl TryFrom<String> for Lang {
    type Error = String;
    fn try_from(code: String) -> Result<Lang, String> {
        Lang::new(&code).ok_or_else(|| format!("not an ISO 639-1 language code: {code:?}"))
    }
}

impl From<Lang> for String {
    fn from(lang: Lang) -> String {
        lang.0
    }
}

/// A human-readable text: either one plain string, or translations keyed by language.
///
/// The dataset writes a plain text as a JSON string and translations as a non-empty
/// object such as `{"nl": "Moestuin", "en": "Vegetable garden"}`.
#[derive(Clone, Debug, PartialEq)]
pub enum Text {
    /// One string, in whatever language the municipality wrote it.
    Plain(String),
    /// Translations; never empty, languages unique. As loaded, in one order: the
    /// municipality's languages in its order, then any others alphabetically.
    Translated(Vec<(Lang, String)>),
}

/// Where a translation in `lang` goes among a text's translations, given the municipality's
/// `languages`: its languages first, in their order, then any others alphabetically.
///
/// One order for every text, whatever order a file wrote them in. The loader puts every text's
/// translations in this order, and the spreadsheet export writes a text's columns in it, so
/// that a dataset comes back from a spreadsheet round trip as it was: a sheet has one column
/// order for all its rows and cannot keep a per-record order. The order matters to
/// [`Text::resolve`], which falls back to the first translation.
#[cfg_attr(not(feature = "serde"), allow(dead_code))]
pub(crate) fn translation_order<'a, L: AsRef<str>>(languages: &[L], lang: &'a str) -> (usize, &'a str) {
    let rank = languages.iter().position(|known| known.as_ref() == lang).unwrap_or(languages.len());
    // The municipality's languages compare by rank alone; the others by their code.
    (rank, if rank < languages.len() { "" } else { lang })
}

impl Text {
    /// Makes a plain text.
    pub fn plain(text: impl Into<String>) -> Text {
        Text::Plain(text.into())
    }

    /// The text in the first of `preferred` languages that it has, otherwise in any language.
    ///
    /// A plain text is returned as it is, whatever the preference.
    ///
    /// ```
    /// use verschilmaker::{Lang, Text};
    /// let text = Text::Translated(vec![
    ///     (Lang::new("nl").unwrap(), "Moestuin".into()),
    ///     (Lang::new("en").unwrap(), "Vegetable garden".into()),
    /// ]);
    /// assert_eq!(text.resolve(&["en", "nl"]), "Vegetable garden");
    /// assert_eq!(text.resolve(&["fy", "nl"]), "Moestuin");
    /// assert_eq!(text.resolve(&["fy"]), "Moestuin");
    /// ```
    pub fn resolve(&self, preferred: &[&str]) -> &str {
        match self {
            Text::Plain(text) => text,
            Text::Translated(entries) => preferred
                .iter()
                .find_map(|want| entries.iter().find(|(lang, _)| lang.as_str() == *want))
                .or_else(|| entries.first())
                .map_or("", |(_, text)| text.as_str()),
        }
    }

    /// Sets the text in `lang` to `value`, keeping every other language.
    ///
    /// A plain text is in the language the municipality wrote it in, `plain_lang` (its first
    /// language): set in that language, it is replaced; set in another, it becomes a translated
    /// text with the old text in `plain_lang` and `value` in `lang`, so that editing a Dutch
    /// title in the English interface adds an English title rather than overwriting the Dutch.
    ///
    /// ```
    /// use verschilmaker::{Lang, Text};
    /// let (nl, en) = (Lang::new("nl").unwrap(), Lang::new("en").unwrap());
    /// let mut title = Text::plain("Moestuin");
    /// title.set(&en, "Vegetable garden", &nl);
    /// assert_eq!((title.resolve(&["nl"]), title.resolve(&["en"])), ("Moestuin", "Vegetable garden"));
    /// title.set(&nl, "Buurtmoestuin", &nl);
    /// assert_eq!((title.resolve(&["nl"]), title.resolve(&["en"])), ("Buurtmoestuin", "Vegetable garden"));
    /// ```
    pub fn set(&mut self, lang: &Lang, value: impl Into<String>, plain_lang: &Lang) {
        let value = value.into();
        match self {
            Text::Plain(plain) if lang == plain_lang => *plain = value,
            Text::Plain(plain) => {
                let old = std::mem::take(plain);
                *self = Text::Translated(vec![(plain_lang.clone(), old), (lang.clone(), value)]);
            }
            Text::Translated(entries) => match entries.iter_mut().find(|(l, _)| l == lang) {
                Some(entry) => entry.1 = value,
                None => entries.push((lang.clone(), value)),
            },
        }
    }

    /// The text without its version in `lang`, keeping every other language; `None` when no
    /// language is left. A plain text is in `plain_lang`, as for [`Text::set`]: cleared in that
    /// language it is gone, cleared in another it stays as it is.
    ///
    /// ```
    /// use verschilmaker::{Lang, Text};
    /// let (nl, en) = (Lang::new("nl").unwrap(), Lang::new("en").unwrap());
    /// let summary = Text::Translated(vec![(nl.clone(), "Samen tuinieren".into()), (en.clone(), "Gardening".into())]);
    /// let summary = summary.without(&en, &nl).unwrap();
    /// assert_eq!(summary, Text::Translated(vec![(nl.clone(), "Samen tuinieren".into())]));
    /// assert_eq!(summary.without(&nl, &nl), None);
    /// assert_eq!(Text::plain("Samen").without(&en, &nl), Some(Text::plain("Samen")));
    /// ```
    pub fn without(self, lang: &Lang, plain_lang: &Lang) -> Option<Text> {
        match self {
            Text::Plain(_) if lang == plain_lang => None,
            Text::Plain(plain) => Some(Text::Plain(plain)),
            Text::Translated(mut entries) => {
                entries.retain(|(l, _)| l != lang);
                (!entries.is_empty()).then_some(Text::Translated(entries))
            }
        }
    }

    /// Every string of this text with its language (`None` for a plain text).
    pub fn translations(&self) -> impl Iterator<Item = (Option<&Lang>, &str)> {
        let (plain, entries) = match self {
            Text::Plain(text) => (Some(text.as_str()), &[][..]),
            Text::Translated(entries) => (None, entries.as_slice()),
        };
        plain.map(|text| (None, text)).into_iter().chain(entries.iter().map(|(lang, text)| (Some(lang), text.as_str())))
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text::Plain(text.to_owned())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            Text::Plain(text) => serializer.serialize_str(text),
            Text::Translated(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (lang, text) in entries {
                    map.serialize_entry(lang.as_str(), text)?;
                }
                map.end()
            }
        }
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a non-empty map of language code to string")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Text, E> {
                Ok(Text::Plain(text.to_owned()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut entries: Vec<(Lang, String)> = Vec::new();
                while let Some((lang, text)) = map.next_entry::<Lang, String>()? {
                    if entries.iter().any(|(seen, _)| *seen == lang) {
                        return Err(serde::de::Error::custom(format!("duplicate language {lang}")));
                    }
                    entries.push((lang, text));
                }
                if entries.is_empty() {
                    return Err(serde::de::Error::custom("a translated text must not be empty"));
                }
                Ok(Text::Translated(entries))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_table_is_iso_639_1() {
        // Sorted and so unique, and letters only.
        let codes: Vec<&[u8]> = ISO_639_1.chunks_exact(2).collect();
        assert_eq!(codes.len(), 183);
        assert!(codes.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(ISO_639_1.iter().all(u8::is_ascii_lowercase));
        for code in ["nl", "en", "fy", "de", "fr", "ar", "tr", "pl", "uk", "zu", "aa"] {
            assert!(Lang::new(code).is_some(), "{code}");
        }
        for code in ["xx", "du", "sh", "NL", "nl-NL", "dutch", "n", ""] {
            assert!(Lang::new(code).is_none(), "{code}");
        }
    }

    #[test]
    fn translations_go_in_the_municipalitys_order_then_alphabetically() {
        let municipality = ["nl", "en"];
        let mut langs = vec!["fr", "en", "de", "nl", "ar"];
        langs.sort_by_key(|lang| translation_order(&municipality, lang));
        assert_eq!(langs, ["nl", "en", "ar", "de", "fr"]);
        // Whatever order they came in.
        let mut reversed: Vec<&str> = langs.iter().rev().copied().collect();
        reversed.sort_by_key(|lang| translation_order(&municipality, lang));
        assert_eq!(reversed, langs);
        // Without languages of the municipality's: alphabetically.
        let mut others = vec!["tr", "ar", "pl"];
        others.sort_by_key(|lang| translation_order::<&str>(&[], lang));
        assert_eq!(others, ["ar", "pl", "tr"]);
    }
}
