//! Native render tests: the components rendered to HTML with yew's server renderer, in Dutch and
//! English, on the demo dataset.

use std::rc::Rc;

use yew::ServerRenderer;
use yew::prelude::*;

use crate::components::{AreaMap, AreaMapProps, Detail, DetailProps, Discover, DiscoverProps, Forms, FormsProps};
use crate::data::Loaded;
use crate::i18n::UiLang;
use crate::route::Criteria;

const DEMO: &str = include_str!("../../../www/static/data/initiatieven.json");

fn loaded(ui: UiLang) -> Rc<Loaded> {
    Rc::new(Loaded::from_json(DEMO, ui.code()).expect("the demo data loads"))
}

fn render<C>(props: impl FnOnce() -> C::Properties + Send + 'static) -> String
where
    C: BaseComponent,
{
    futures::executor::block_on(ServerRenderer::<C>::with_props(props).render())
}

fn discover(ui: UiLang, criteria: Criteria) -> String {
    render::<Discover>(move || DiscoverProps {
        loaded: loaded(ui),
        criteria,
        ui,
        level: 2,
        on_action: Callback::noop(),
        on_open: Callback::noop(),
    })
}

fn detail(ui: UiLang, id: &'static str) -> String {
    render::<Detail>(move || DetailProps {
        loaded: loaded(ui),
        id: id.into(),
        ui,
        level: 3,
        on_back: Callback::noop(),
        on_help: Callback::noop(),
    })
}

#[test]
fn discover_lists_the_first_page_with_counts_in_both_languages() {
    let nl = discover(UiLang::Nl, Criteria { pages: 1, ..Criteria::default() });
    assert!(nl.contains("<h2 class=\"vm-heading\">Initiatieven in Gemeente Verschilstad</h2>"), "{nl}");
    assert!(nl.contains("28 initiatieven gevonden (20 getoond van de 28)"), "{nl}");
    assert_eq!(nl.matches("class=\"vm-card\"").count(), 20);
    assert!(nl.contains("Meer tonen"));
    assert!(nl.contains("Zoekt nog hulp"));
    assert!(nl.contains(r##"href="#verschilmaker/initiatief/moestuin-de-vlier""##));
    let en = discover(UiLang::En, Criteria { pages: 2, ..Criteria::default() });
    assert!(en.contains("Initiatives in Gemeente Verschilstad"));
    assert!(en.contains("28 initiatives found"), "{en}");
    assert_eq!(en.matches("class=\"vm-card\"").count(), 28);
    assert!(en.contains("Community garden De Vlier"));
    assert!(!en.contains("Meer tonen") && !en.contains("Show more"));
}

#[test]
fn search_words_are_marked_from_ranges_and_empty_results_offer_to_clear() {
    let html = discover(UiLang::Nl, Criteria { text: "buurtmoestuin".into(), pages: 1, ..Criteria::default() });
    assert!(html.contains("\"><mark>Buurtmoestuin</mark> De Vlier</a>"), "{html}");
    assert!(html.contains("1 initiatief gevonden"), "{html}");
    let none = discover(UiLang::En, Criteria { text: "zzzzqqq".into(), pages: 1, ..Criteria::default() });
    assert!(none.contains("No initiatives found."), "{none}");
    assert!(none.contains("Clear all filters"));
    assert!(none.contains("0 initiatives found"));
}

#[test]
fn the_map_has_a_toggle_per_area_and_a_table() {
    let ui = UiLang::Nl;
    let html = render::<AreaMap>(move || {
        let loaded = loaded(ui);
        let counts = vec![1; loaded.dataset.areas.len()];
        AreaMapProps {
            loaded,
            counts,
            selected: vec!["binnenstad".into()],
            by_open: false,
            ui,
            level: 3,
            on_area: Callback::noop(),
            on_shade: Callback::noop(),
            choose_shade: true,
            hint: None,
        }
    });
    assert_eq!(html.matches("<path").count(), 7, "the seven neighbourhoods");
    assert_eq!(html.matches("role=\"button\"").count(), 7);
    assert_eq!(html.matches("aria-pressed=\"true\"").count(), 1);
    assert!(html.contains("<th scope=\"row\">Binnenstad</th>"));
    assert!(html.contains("Kaart van de gebieden"));
    assert!(html.contains("aantal gevonden initiatieven"));
}

#[test]
fn the_initiative_page_shows_needs_rules_partners_with_reasons_and_help() {
    let nl = detail(UiLang::Nl, "moestuin-de-vlier");
    for expected in [
        "<h3 tabindex=\"-1\" class=\"vm-detail__title vm-heading\">Buurtmoestuin De Vlier</h3>",
        "<h4>Wat er nodig is</h4>",
        "Wie kan helpen",
        "<li>kan: tuinieren</li><li>biedt 80 uur, genoeg voor de 10 uur</li>",
        "Beste combinatie van partners",
        "Regels en wie u belt",
        "Ik wil helpen",
        "href=\"mailto:initiatieven@verschilstad.example?subject=Buurtmoestuin%20De%20Vlier\"",
        " uur gedekt, ",
    ] {
        assert!(nl.contains(expected), "{expected:?} not in {nl}");
    }
    let en = detail(UiLang::En, "moestuin-de-vlier");
    for expected in [
        "Community garden De Vlier",
        "What is needed",
        "Who could help",
        "<li>brings: gardening</li><li>offers 80 hours, enough for the 10 hours</li>",
        "I want to help",
        " hours covered, ",
    ] {
        assert!(en.contains(expected), "{expected:?} not in {en}");
    }
    let missing = detail(UiLang::En, "does-not-exist");
    assert!(missing.contains("This initiative does not exist (any more)."));
}

#[test]
fn reasons_read_as_sentences_in_both_languages() {
    use crate::components::{matches, reason_text};
    for (ui, same, part, themes) in [
        (UiLang::Nl, "zelfde buurt (", " van de ", "werkt ook aan projecten rond "),
        (UiLang::En, "same neighbourhood (", " of the ", "also works on "),
    ] {
        let loaded = loaded(ui);
        let mut all = Vec::new();
        for at in 0..loaded.dataset.initiatives.len() {
            for (_, _, reasons, _) in matches(&loaded.dataset, at).partners {
                all.extend(reasons.iter().filter_map(|r| reason_text(r, &loaded, ui.later_texts())));
            }
        }
        assert!(all.iter().any(|r| r.starts_with(same)), "{ui:?}: {all:#?}");
        let offers = ui.later_texts().r_offers;
        assert!(all.iter().any(|r| r.starts_with(offers) && r.contains(part)), "{ui:?}: {all:#?}");
        assert!(all.iter().any(|r| r.starts_with(themes)), "{ui:?}: {all:#?}");
    }
}

fn forms(ui: UiLang, start: bool, for_initiative: Option<&'static str>) -> String {
    render::<Forms>(move || FormsProps {
        loaded: loaded(ui),
        ui,
        level: 2,
        start,
        for_initiative: for_initiative.map(str::to_owned),
        submit_to: "/inzendingen/demo".into(),
        on_nav: Callback::noop(),
    })
}

#[test]
fn the_start_form_opens_on_its_first_step_with_labels_and_the_live_side_in_both_languages() {
    for ui in [UiLang::Nl, UiLang::En] {
        let texts = ui.later_texts();
        let html = forms(ui, true, None);
        for expected in [
            format!("<h2 tabindex=\"-1\" class=\"vm-form__title vm-heading\">{}</h2>", texts.nav_start),
            format!("<label for=\"vm-s-title\" class=\"vm-label\">{}</label>", texts.f_title),
            format!("{} 1 {} 5: {}", texts.step, texts.of, texts.step_what),
            format!(
                "<li aria-current=\"step\" class=\"vm-steps__item vm-steps__item--current\">{}</li>",
                texts.step_what
            ),
            texts.live_no_needs.to_owned(),
            texts.stored_title.to_owned(),
        ] {
            assert!(html.contains(&expected), "{expected:?} not in {html}");
        }
        // Natively there is no storage: the form says that its draft is not kept, and offers it
        // as a file.
        assert!(html.contains(texts.not_saved_unavailable), "{html}");
        assert!(html.contains("download=\"verschilmaker-concept-"), "{html}");
        // No inline errors before the visitor asks for the next step.
        assert!(!html.contains("vm-field-error"), "{html}");
    }
}

#[test]
fn the_offer_form_names_the_initiative_it_came_from_and_where_the_helper_fits() {
    let html = forms(UiLang::Nl, false, Some("moestuin-de-vlier"));
    let texts = UiLang::Nl.later_texts();
    for expected in [texts.nav_offer, texts.o_interest, "Buurtmoestuin De Vlier", texts.fits, texts.o_hours] {
        assert!(html.contains(expected), "{expected:?} not in {html}");
    }
    // With nothing said yet, an ad-hoc offer of volunteers already fits some open needs.
    assert!(html.contains("class=\"vm-partner vm-fit"), "{html}");
    let en = forms(UiLang::En, false, None);
    assert!(en.contains("Offer help") && en.contains("Where you fit best") && !en.contains(texts.o_interest), "{en}");
}

/// The yew map and `map_markup` compared, node by node, while both exist.
mod map_compare {
    use super::*;
    use crate::components::map::{MapMarkup, map_markup};
    use crate::markup::Markup;

    /// One token of HTML: a start tag with its attributes sorted, an end tag, or text, with
    /// character references decoded.
    #[derive(Debug, PartialEq)]
    enum Token {
        Start(String, Vec<(String, String)>),
        End(String),
        Text(String),
    }

    fn decode(text: &str) -> String {
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&#x27;", "'")
            .replace("&apos;", "'")
            .replace("&amp;", "&")
    }

    fn tokens(html: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut rest = html;
        while !rest.is_empty() {
            if let Some(comment) = rest.strip_prefix("<!--") {
                let end = comment.find("-->").expect("comment ends");
                rest = &comment[end + 3..];
            } else if let Some(tag) = rest.strip_prefix("</") {
                let end = tag.find('>').expect("end tag ends");
                out.push(Token::End(tag[..end].to_owned()));
                rest = &tag[end + 1..];
            } else if let Some(tag) = rest.strip_prefix('<') {
                let name_end = tag.find([' ', '>', '/']).expect("tag name ends");
                let name = tag[..name_end].to_owned();
                let mut attrs = Vec::new();
                let mut at = &tag[name_end..];
                loop {
                    at = at.trim_start();
                    if let Some(after) = at.strip_prefix("/>") {
                        rest = after;
                        out.push(Token::Start(name.clone(), std::mem::take(&mut attrs)));
                        out.push(Token::End(name.clone()));
                        break;
                    }
                    if let Some(after) = at.strip_prefix('>') {
                        rest = after;
                        out.push(Token::Start(name.clone(), std::mem::take(&mut attrs)));
                        break;
                    }
                    let key_end = at.find(['=', ' ', '>', '/']).expect("attribute name ends");
                    let key = at[..key_end].to_owned();
                    at = &at[key_end..];
                    let value = if let Some(quoted) = at.strip_prefix("=\"") {
                        let end = quoted.find('"').expect("value ends");
                        at = &quoted[end + 1..];
                        decode(&quoted[..end])
                    } else {
                        String::new()
                    };
                    attrs.push((key, value));
                }
                attrs.sort();
                if let Some(Token::Start(_, a)) = out.iter_mut().rev().find(|t| matches!(t, Token::Start(..))) {
                    a.sort();
                }
            } else {
                let end = rest.find('<').unwrap_or(rest.len());
                let text = decode(&rest[..end]);
                match out.last_mut() {
                    Some(Token::Text(before)) => before.push_str(&text),
                    _ if text.is_empty() => {}
                    _ => out.push(Token::Text(text)),
                }
                rest = &rest[end..];
            }
        }
        out
    }

    /// The demo data, with the Binnenstad's name changed to `name`.
    fn named(ui: UiLang, name: Option<&str>) -> Loaded {
        let json = match name {
            Some(name) => DEMO.replace("\"name\": \"Binnenstad\"", &format!("\"name\": {}", serde_json::json!(name))),
            None => DEMO.to_owned(),
        };
        Loaded::from_json(&json, ui.code()).expect("the demo data loads")
    }

    #[derive(Clone)]
    struct Case {
        ui: UiLang,
        selected: Vec<String>,
        by_open: bool,
        choose_shade: bool,
        hint: Option<&'static str>,
        name: Option<&'static str>,
    }

    fn check(case: Case) {
        let yew_case = case.clone();
        let from_yew = render::<AreaMap>(move || {
            let loaded = named(yew_case.ui, yew_case.name);
            let counts = (0..loaded.dataset.areas.len()).map(|i| i % 4).collect();
            AreaMapProps {
                loaded: Rc::new(loaded),
                counts,
                selected: yew_case.selected,
                by_open: yew_case.by_open,
                ui: yew_case.ui,
                level: 3,
                on_area: Callback::noop(),
                on_shade: Callback::noop(),
                choose_shade: yew_case.choose_shade,
                hint: yew_case.hint.map(AttrValue::Static),
            }
        });
        let loaded = named(case.ui, case.name);
        let counts: Vec<usize> = (0..loaded.dataset.areas.len()).map(|i| i % 4).collect();
        let mut m = Markup::new();
        map_markup(
            &mut m,
            &MapMarkup {
                loaded: &loaded,
                counts: &counts,
                selected: &case.selected,
                by_open: case.by_open,
                ui: case.ui,
                level: 3,
                choose_shade: case.choose_shade,
                hint: case.hint,
            },
        );
        let ours = m.finish();
        let mut ours_tokens = tokens(&ours);
        // The new attributes, for the delegated handlers.
        for token in &mut ours_tokens {
            if let Token::Start(_, attrs) = token {
                attrs.retain(|(k, _)| k != "data-area" && k != "value");
            }
        }
        let mut yew_tokens = tokens(&from_yew);
        for token in &mut yew_tokens {
            if let Token::Start(name, attrs) = token
                && name == "input"
            {
                attrs.retain(|(k, _)| k != "value");
            }
        }
        assert!(ours_tokens.len() > 100, "{ours}");
        assert_eq!(yew_tokens, ours_tokens, "\nyew:  {from_yew}\nours: {ours}");
    }

    #[test]
    fn the_markup_is_what_yew_rendered() {
        let selections: [&[&str]; 3] = [&[], &["binnenstad"], &["binnenstad", "molenkamp"]];
        let mut cases = 0;
        for ui in [UiLang::Nl, UiLang::En] {
            for selected in selections {
                for (by_open, choose_shade) in [(false, true), (true, true), (true, false), (false, false)] {
                    for hint in [None, Some("Kies <een> \"gebied\" & 'zo'")] {
                        for name in [None, Some("<script>alert(\"x\")</script> & 'co'")] {
                            let selected = selected.iter().map(|s| s.to_string()).collect();
                            check(Case { ui, selected, by_open, choose_shade, hint, name });
                            cases += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(cases, 96);
    }
}
