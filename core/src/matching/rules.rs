//! Policy rules: which of the municipality's rules apply to an initiative's plan.

use crate::search::fold;
use crate::{Dataset, Initiative, Rule, Text};

/// The rules of `dataset.policy` that apply to `initiative`, in the dataset's order.
///
/// A rule applies when every key of its `when` holds (AND) and, within a key, one of the values
/// does (OR):
/// - `need_kinds`: the initiative has a need of one of these kinds; with `min_amount`, that need
///   must also ask at least that amount (a need without an amount does not);
/// - `min_amount` without `need_kinds`: some need asks at least that amount;
/// - `themes`, `stages`: the initiative has one of them;
/// - `areas`: the initiative's area is one of them or lies inside one (an initiative without an
///   area is for the whole municipality and is not "in" a particular area);
/// - `keywords`: one of them occurs in the initiative's title, summary, description or need
///   descriptions, in any language, ignoring case and diacritics exactly as search does (both
///   fold with [`crate::search::fold`], so `cafe` finds `Café` and `strasse` finds `Straße`). A
///   keyword matches inside longer words too, which suits Dutch compounds (`tuin` finds
///   `moestuin`). An empty keyword never matches.
///
/// A rule with an empty `when` applies to every initiative.
///
/// ```
/// use verschilmaker::{Dataset, matching::applicable_rules};
/// let dataset = Dataset::from_json_strict(r#"{"schema": "verschilmaker/1",
///   "municipality": {"name": "G", "languages": ["nl"]},
///   "initiatives": [{"id": "feest", "title": "Straatfeest met muziek", "stage": "idea",
///                    "needs": [{"id": "geld", "kind": "funding", "amount": 2500}]}],
///   "policy": {"rules": [
///     {"id": "evenement", "when": {"keywords": ["straatfeest", "festival"]}, "advice": "Vraag een evenementenvergunning aan."},
///     {"id": "grote-subsidie", "when": {"need_kinds": ["funding"], "min_amount": 5000}, "advice": "Dien een begroting in."}
///   ]}}"#)?;
/// let rules = applicable_rules(&dataset, &dataset.initiatives[0]);
/// assert_eq!(rules.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["evenement"]);
/// # Ok::<(), verschilmaker::LoadError>(())
/// ```
pub fn applicable_rules<'d>(dataset: &'d Dataset, initiative: &Initiative) -> Vec<&'d Rule> {
    let mut texts: Option<String> = None;
    dataset
        .policy
        .rules
        .iter()
        .filter(|rule| {
            let when = &rule.when;
            let kinds_ok = if when.need_kinds.is_empty() && when.min_amount.is_none() {
                true
            } else {
                initiative.needs.iter().any(|need| {
                    (when.need_kinds.is_empty() || when.need_kinds.contains(&need.kind))
                        && when.min_amount.is_none_or(|min| need.amount.is_some_and(|a| a >= min))
                })
            };
            let themes_ok = when.themes.is_empty() || initiative.themes.iter().any(|t| when.themes.contains(t));
            let stages_ok = when.stages.is_empty() || when.stages.contains(&initiative.stage);
            let areas_ok = when.areas.is_empty()
                || initiative.area.as_ref().is_some_and(|area| when.areas.iter().any(|a| dataset.area_within(area, a)));
            let keywords_ok = when.keywords.is_empty() || {
                let haystack = texts.get_or_insert_with(|| initiative_text(initiative));
                when.keywords.iter().map(|k| fold(k)).any(|k| !k.trim().is_empty() && haystack.contains(k.trim()))
            };
            kinds_ok && themes_ok && stages_ok && areas_ok && keywords_ok
        })
        .collect()
}

/// Every text of the initiative in every language, folded, separated by newlines.
fn initiative_text(initiative: &Initiative) -> String {
    let mut all = String::new();
    let mut add = |text: &Text| {
        for (_, s) in text.translations() {
            all.push_str(&fold(s));
            all.push('\n');
        }
    };
    add(&initiative.title);
    initiative.summary.iter().for_each(&mut add);
    initiative.description.iter().for_each(&mut add);
    for need in &initiative.needs {
        need.description.iter().for_each(&mut add);
    }
    all
}
