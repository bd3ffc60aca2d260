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
