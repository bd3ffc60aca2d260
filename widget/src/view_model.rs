//! What the widget shows, resolved from the dataset into plain strings in the visitor's language.
//!
//! Why a separate view model? Components then render plain data and stay free of dataset rules
//! (language fallback, lenient loading), and this conversion can be tested natively.

use crate::fetch::LoadFailure;

/// The overview of one dataset, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct Overview {
    /// The municipality's name.
    pub municipality: String,
    /// The initiatives, in the dataset's order.
    pub initiatives: Vec<InitiativeCard>,
    /// What lenient loading skipped, one "path: message" line per problem.
    pub skipped: Vec<String>,
}

/// One initiative, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct InitiativeCard {
    /// The initiative's id, used as the list key.
    pub id: String,
    /// The title in the visitor's language (or the best available).
    pub title: String,
    /// The summary, if there is one.
    pub summary: Option<String>,
    /// The names of the initiative's themes.
    pub themes: Vec<String>,
    /// The area's name; `None` means the whole municipality.
    pub area: Option<String>,
    /// The stage's dataset value (`idea`, `running`, …), translated when rendered.
    pub stage: &'static str,
}

impl Overview {
    /// Parses a dataset leniently and resolves its texts for a visitor who reads `lang`.
    ///
    /// Texts are shown in the visitor's language, then the municipality's first language, then
    /// any language the text has.
    pub fn from_json(json: &str, lang: &str) -> Result<Overview, LoadFailure> {
        let loaded = verschilmaker::Dataset::from_json_lenient(json).map_err(|error| {
            let problems: Vec<String> = error.problems().iter().map(|p| p.to_string()).collect();
            if problems.is_empty() {
                LoadFailure::Invalid(vec![error.to_string()])
            } else {
                LoadFailure::Invalid(problems)
            }
        })?;
        let dataset = &loaded.dataset;
        let mut preferred: Vec<&str> = vec![lang];
        if let Some(first) = dataset.municipality.languages.first() {
            preferred.push(first.as_str());
        }
        let initiatives = dataset
            .initiatives
            .iter()
            .map(|initiative| InitiativeCard {
                id: initiative.id.as_str().to_owned(),
                title: initiative.title.resolve(&preferred).to_owned(),
                summary: initiative.summary.as_ref().map(|summary| summary.resolve(&preferred).to_owned()),
                themes: initiative
                    .themes
                    .iter()
                    .filter_map(|id| dataset.theme(id))
                    .map(|theme| theme.name.resolve(&preferred).to_owned())
                    .collect(),
                area: initiative.area.as_ref().and_then(|id| dataset.area(id)).map(|area| area.name.clone()),
                stage: initiative.stage.as_str(),
            })
            .collect();
        Ok(Overview {
            municipality: dataset.municipality.name.clone(),
            initiatives,
            skipped: loaded.skipped.iter().map(|p| p.to_string()).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATA: &str = r#"{"schema": "verschilmaker/1",
        "municipality": {"name": "Gemeente X", "languages": ["nl", "en"]},
        "areas": [{"id": "noord", "name": "Noord"}],
        "themes": [{"id": "groen", "name": {"nl": "Groen", "en": "Green"}}],
        "initiatives": [
            {"id": "a", "title": {"nl": "Moestuin", "en": "Garden"}, "summary": "Samen", "themes": ["groen"],
             "area": "noord", "stage": "running"},
            {"id": "b", "title": {"nl": "Alleen Nederlands"}, "stage": "later"},
            {"id": "c", "title": {"fy": "Allinnich Frysk"}, "stage": "idea"}]}"#;

    #[test]
    fn resolves_texts_in_the_visitors_language_then_the_municipalitys() {
        let overview = Overview::from_json(DATA, "en").unwrap();
        assert_eq!(overview.municipality, "Gemeente X");
        let titles: Vec<&str> = overview.initiatives.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(titles, ["Garden", "Allinnich Frysk"]);
        let first = &overview.initiatives[0];
        assert_eq!(first.themes, ["Green"]);
        assert_eq!(first.area.as_deref(), Some("Noord"));
        assert_eq!(first.summary.as_deref(), Some("Samen"));
        assert_eq!(first.stage, "running");
        assert_eq!(overview.initiatives[1].area, None);
        assert_eq!(Overview::from_json(DATA, "nl").unwrap().initiatives[0].title, "Moestuin");
    }

    #[test]
    fn lists_skipped_records_and_fails_on_document_defects() {
        let overview = Overview::from_json(DATA, "nl").unwrap();
        assert_eq!(overview.skipped.len(), 1);
        assert!(overview.skipped[0].starts_with("initiatives[1].stage: "), "{:?}", overview.skipped);
        for bad in ["{", "[]", r#"{"schema": "verschilmaker/1"}"#] {
            match Overview::from_json(bad, "nl") {
                Err(LoadFailure::Invalid(problems)) => assert!(!problems.is_empty(), "{bad}"),
                other => panic!("{bad}: {other:?}"),
            }
        }
    }
}
