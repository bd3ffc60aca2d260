//! Policy rules: which of the municipality's rules apply to an initiative's plan.

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
///   descriptions, in any language, ignoring case and diacritics (so `cafe` finds `Café`). A
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

/// Lowercases and strips the diacritics of Latin letters (é → e, ĳ → ij, ß → ss).
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // The search's run-length lowercase, equal to `char::to_lowercase` for every character, so
    // that the standard library's 11.7 KB table is not in the bundle.
    let lower = text.chars().flat_map(|c| {
        let (first, second) = crate::search::lowercase::to_lowercase(c);
        std::iter::once(first).chain(second)
    });
    for c in lower {
        let plain = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'æ' => "ae",
            'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
            'ď' | 'đ' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
            'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
            'ĥ' | 'ħ' => "h",
            'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
            'ĳ' => "ij",
            'ĵ' => "j",
            'ķ' => "k",
            'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
            'ñ' | 'ń' | 'ņ' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
            'œ' => "oe",
            'ŕ' | 'ŗ' | 'ř' => "r",
            'ś' | 'ŝ' | 'ş' | 'š' => "s",
            'ß' => "ss",
            'ţ' | 'ť' | 'ŧ' => "t",
            'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
            'ŵ' => "w",
            'ý' | 'ÿ' | 'ŷ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            // Combining marks (a decomposed é is e + U+0301) are dropped.
            '\u{300}'..='\u{36f}' => "",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(plain);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    fn check(input: &str, expected: &str) {
        assert_eq!(fold(input), expected, "{input}");
    }

    #[test]
    fn folding() {
        check("Café", "cafe");
        check("CAFE\u{301}", "cafe");
        check("IJsselmeer", "ijsselmeer");
        check("ĳsbaan", "ijsbaan");
        check("Straße", "strasse");
        check("Zoë", "zoe");
        check("", "");
    }
}
