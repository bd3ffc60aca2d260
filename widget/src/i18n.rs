//! The widget's own texts in Dutch and English: one table, so that every visible string has both.

/// The language the widget's own texts are shown in.
///
/// Why only two? The dataset can carry any language, and its texts are resolved separately
/// (visitor's language, then the municipality's first, then any); the widget's own chrome is
/// translated into Dutch and English, and Dutch is the default for every other language because
/// the widget is made for Dutch municipalities.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UiLang {
    /// Dutch, the default.
    Nl,
    /// English.
    En,
}

impl UiLang {
    /// Chooses the widget language for a BCP 47 tag such as `en-GB` or `nl`.
    pub fn from_tag(tag: &str) -> UiLang {
        let primary = tag.split(['-', '_']).next().unwrap_or("").trim();
        if primary.eq_ignore_ascii_case("en") { UiLang::En } else { UiLang::Nl }
    }

    /// The texts in this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            UiLang::Nl => &NL,
            UiLang::En => &EN,
        }
    }
}

/// Every text the widget shows that does not come from the dataset.
#[derive(Debug)]
pub struct Texts {
    /// Shown while the data file is being fetched.
    pub loading: &'static str,
    /// The heading above the list, before the municipality's name.
    pub initiatives_in: &'static str,
    /// The count of initiatives, singular.
    pub initiative_one: &'static str,
    /// The count of initiatives, plural.
    pub initiative_many: &'static str,
    /// Shown when the dataset has no initiatives.
    pub no_initiatives: &'static str,
    /// Labels of an initiative's facts.
    pub themes: &'static str,
    /// The area label.
    pub area: &'static str,
    /// The stage label.
    pub stage: &'static str,
    /// The area of an initiative without one.
    pub whole_municipality: &'static str,
    /// The title of the notice about skipped records.
    pub skipped_title: &'static str,
    /// The notice's text; the count follows.
    pub skipped_text: &'static str,
    /// The summary of the expandable list of technical details.
    pub details: &'static str,
    /// The title of every error state.
    pub error_title: &'static str,
    /// The data file could not be reached at all.
    pub error_network: &'static str,
    /// The server answered with an HTTP error; the status follows in the details.
    pub error_http: &'static str,
    /// The data file was fetched but is not a usable dataset.
    pub error_invalid: &'static str,
    /// The element has no `src` attribute.
    pub error_no_src: &'static str,
    /// The retry button.
    pub retry: &'static str,
    /// The label of each stage, by its dataset value.
    pub stages: [(&'static str, &'static str); 6],
    /// The label of a stage this version does not know.
    pub unknown_stage: &'static str,
}

impl Texts {
    /// The label of a stage, by its dataset value (`idea`, `pitched`, …).
    pub fn stage_label(&self, stage: &str) -> &'static str {
        self.stages.iter().find(|(value, _)| *value == stage).map_or(self.unknown_stage, |(_, label)| label)
    }

    /// "1 initiatief", "3 initiatieven".
    pub fn initiative_count(&self, count: usize) -> String {
        let noun = if count == 1 { self.initiative_one } else { self.initiative_many };
        format!("{count} {noun}")
    }
}

static NL: Texts = Texts {
    loading: "Laden…",
    initiatives_in: "Initiatieven in",
    initiative_one: "initiatief",
    initiative_many: "initiatieven",
    no_initiatives: "Er zijn nog geen initiatieven.",
    themes: "Thema’s",
    area: "Gebied",
    stage: "Fase",
    whole_municipality: "Hele gemeente",
    skipped_title: "Niet alles kon worden getoond",
    skipped_text: "Een deel van de gegevens bevat fouten en is overgeslagen. Aantal overgeslagen onderdelen:",
    details: "Technische details",
    error_title: "Het overzicht kan niet worden getoond",
    error_network: "De gegevens konden niet worden opgehaald. Controleer uw internetverbinding en probeer het later opnieuw.",
    error_http: "De gegevens zijn op dit moment niet beschikbaar. Probeer het later opnieuw.",
    error_invalid: "Het gegevensbestand bevat fouten en kan niet worden gelezen. Probeer het later opnieuw.",
    error_no_src: "Er is geen gegevensbestand ingesteld: het attribuut src ontbreekt.",
    retry: "Opnieuw proberen",
    stages: [
        ("idea", "Idee"),
        ("pitched", "Gepitcht"),
        ("starting", "In de startfase"),
        ("running", "Loopt"),
        ("completed", "Afgerond"),
        ("paused", "Gepauzeerd"),
    ],
    unknown_stage: "Onbekend",
};

static EN: Texts = Texts {
    loading: "Loading…",
    initiatives_in: "Initiatives in",
    initiative_one: "initiative",
    initiative_many: "initiatives",
    no_initiatives: "There are no initiatives yet.",
    themes: "Themes",
    area: "Area",
    stage: "Stage",
    whole_municipality: "Whole municipality",
    skipped_title: "Not everything could be shown",
    skipped_text: "Part of the data contains errors and was skipped. Number of skipped items:",
    details: "Technical details",
    error_title: "The overview cannot be shown",
    error_network: "The data could not be fetched. Check your internet connection and try again later.",
    error_http: "The data is not available at the moment. Please try again later.",
    error_invalid: "The data file contains errors and cannot be read. Please try again later.",
    error_no_src: "No data file is configured: the src attribute is missing.",
    retry: "Try again",
    stages: [
        ("idea", "Idea"),
        ("pitched", "Pitched"),
        ("starting", "Starting"),
        ("running", "Running"),
        ("completed", "Completed"),
        ("paused", "Paused"),
    ],
    unknown_stage: "Unknown",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_choose_english_only_for_english() {
        for (tag, expected) in [
            ("en", UiLang::En),
            ("EN-gb", UiLang::En),
            ("en_US", UiLang::En),
            ("nl", UiLang::Nl),
            ("nl-BE", UiLang::Nl),
            ("fy", UiLang::Nl),
            ("", UiLang::Nl),
            ("eng", UiLang::Nl),
        ] {
            assert_eq!(UiLang::from_tag(tag), expected, "{tag:?}");
        }
    }

    #[test]
    fn stage_labels_follow_the_language() {
        assert_eq!(UiLang::Nl.texts().stage_label("running"), "Loopt");
        assert_eq!(UiLang::En.texts().stage_label("running"), "Running");
        assert_eq!(UiLang::En.texts().stage_label("bogus"), "Unknown");
    }

    #[test]
    fn counts_use_singular_for_one() {
        assert_eq!(UiLang::Nl.texts().initiative_count(1), "1 initiatief");
        assert_eq!(UiLang::En.texts().initiative_count(3), "3 initiatives");
    }
}
