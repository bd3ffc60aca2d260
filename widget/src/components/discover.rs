//! The discover view: search box, postcode, order, facet filters with counts, the area map and
//! the results, all answered by core's search on every change.

use verschilmaker::search::{Field, Highlight, Hit, NeedStatus, Results};
use verschilmaker::{Kind, Stage, Text};
use wasm_bindgen::JsCast;
use web_sys::Event;

use crate::components::common::{fixed, text};
use crate::components::map::{MapMarkup, map_markup};
use crate::data::Loaded;
use crate::i18n::{Texts, UiLang};
use crate::markup::Markup;
use crate::morph::target_matching;
use crate::route::{Criteria, Route, SortKey, page_url, to_fragment};
use crate::state::Action;

/// The milliseconds since the page started, for timing core's search (0 natively).
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

/// What a visitor did in the discover view, read from an event on its markup.
#[derive(Clone, Debug)]
pub enum DiscoverInput {
    /// A change to what is searched for.
    Act(Action),
    /// Open an initiative, by id.
    Open(String),
    /// Shade the map by open needs (`true`) or by initiatives found.
    Shade(bool),
}

/// Reads an event from [`discover_markup`]'s controls (delegated to one listener per kind of
/// event): the search box and postcode (`input`), the order, the filters and the map's shading
/// (`change`), the cards' links, the map's areas and the buttons (`click`), and Enter or Space
/// on a map area (`keydown`).
pub fn discover_input(event: &Event) -> Option<DiscoverInput> {
    let act = |action| Some(DiscoverInput::Act(action));
    match event.type_().as_str() {
        "input" => {
            let input = event.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
            match input.id().as_str() {
                "vm-q" => act(Action::Text(input.value())),
                "vm-postcode" => act(Action::Postcode(input.value())),
                _ => None,
            }
        }
        "change" => {
            let target = event.target()?;
            if let Some(select) = target.dyn_ref::<web_sys::HtmlSelectElement>() {
                return act(Action::Sort(SortKey::parse(&select.value())));
            }
            let input = target.dyn_into::<web_sys::HtmlInputElement>().ok()?;
            let value = input.value();
            match input.name().as_str() {
                "vm-shade" => Some(DiscoverInput::Shade(value == "open")),
                "open" => act(Action::StillNeedsHelp(input.checked())),
                "theme" => act(Action::Theme(value)),
                "area" => act(Action::Area(value)),
                "stage" => act(Action::Stage(value.parse::<Stage>().ok()?)),
                "kind" => act(Action::Kind(value.parse::<Kind>().ok()?)),
                _ => None,
            }
        }
        "click" => {
            let mouse = event.dyn_ref::<web_sys::MouseEvent>()?;
            if let Some(link) = target_matching(event, "a[data-id]") {
                // Let the browser open a new tab or window as asked; otherwise navigate in place.
                if mouse.ctrl_key() || mouse.meta_key() || mouse.shift_key() || mouse.button() != 0 {
                    return None;
                }
                event.prevent_default();
                return Some(DiscoverInput::Open(link.get_attribute("data-id")?));
            }
            if let Some(area) = target_matching(event, "[data-area]") {
                return act(Action::Area(area.get_attribute("data-area")?));
            }
            match target_matching(event, "button[data-act]")?.get_attribute("data-act")?.as_str() {
                "more" => act(Action::More),
                "clear" => act(Action::ClearFilters),
                _ => None,
            }
        }
        "keydown" => {
            let key = event.dyn_ref::<web_sys::KeyboardEvent>()?.key();
            if key != "Enter" && key != " " {
                return None;
            }
            let area = target_matching(event, "[data-area]")?;
            event.prevent_default();
            act(Action::Area(area.get_attribute("data-area")?))
        }
        _ => None,
    }
}

/// The skip link, the widget's first focusable element: "Naar de resultaten (30)", past the
/// way in, the search, the filters and the map (a button: a fragment link would be a route).
pub fn skip_markup(m: &mut Markup, texts: &Texts, total: usize) {
    m.open("button").attr("type", "button").attr("class", "vm-button vm-skip").attr("data-act", "skip").close();
    m.text(texts.skip_to_results).text(" (").count(total).text(")").end("button");
}

/// The way into the forms from the overview: start an initiative, or offer help (buttons
/// `data-act="start"` and `data-act="offer"`).
pub fn way_in_markup(m: &mut Markup, texts: &Texts) {
    m.open("nav").attr("class", "vm-way-in").attr("aria-label", texts.way_in).close();
    m.element("p", "vm-way-in__text", texts.way_in);
    for (class, act, label) in [
        ("vm-button vm-way-in__start", "start", texts.nav_start),
        ("vm-button vm-way-in__offer", "offer", texts.nav_offer),
    ] {
        m.open("button").attr("type", "button").attr("class", class).attr("data-act", act).close();
        m.text(label).end("button");
    }
    m.end("nav");
}

fn sort_label(texts: &Texts, sort: SortKey) -> &'static str {
    match sort {
        SortKey::Relevance => texts.sort_relevance,
        SortKey::Newest => texts.sort_newest,
        SortKey::OpenNeeds => texts.sort_open_needs,
    }
}

/// The highlight ranges for the translation of `text` that `loaded` shows.
fn ranges_for<'a>(loaded: &Loaded, text: &Text, hit: &'a Hit, field: Field) -> &'a [std::ops::Range<usize>] {
    let shown = loaded.text(text);
    let language = text.translations().find(|(_, t)| std::ptr::eq(*t, shown)).and_then(|(lang, _)| lang);
    hit.highlights
        .iter()
        .find(|h: &&Highlight| {
            h.field == field && (language.is_none() || h.language.as_deref() == language.map(|l| l.as_str()))
        })
        .map_or(&[], |h| h.ranges.as_slice())
}

/// What the discover view shows, for [`discover_markup`].
pub struct DiscoverView<'a> {
    /// The dataset.
    pub loaded: &'a Loaded,
    /// What the visitor searches for.
    pub criteria: &'a Criteria,
    /// Core's answer to it.
    pub results: &'a Results,
    /// How long core took, in milliseconds (for the end-to-end tests).
    pub search_ms: f64,
    /// The visitor's language.
    pub ui: UiLang,
    /// The level of the view's heading.
    pub level: u8,
    /// The host page's `location.pathname` and `location.search`, which every link starts with
    /// (see `route::page_url`).
    pub page: &'a str,
    /// Whether the map and filters start open (on a wide screen).
    pub wide: bool,
    /// Whether the map shades by open needs rather than by initiatives found.
    pub shade_by_open: bool,
    /// Area ids asked for that the dataset does not have (see `State::unknown_areas`).
    pub unknown_areas: &'a [String],
}

/// The discover view as markup, every control named for [`discover_input`]: filter checkboxes by `name` (`theme`, `area`, `stage`, `kind`, `open`) and
/// `value`, buttons by `data-act` (`more`, `clear`), cards' links by `data-id`.
pub fn discover_markup(m: &mut Markup, view: &DiscoverView<'_>) {
    let DiscoverView { loaded, criteria, results, ui, level, .. } = *view;
    let texts = ui.texts();
    let dataset = &*loaded.dataset;
    m.start("section", "vm-discover");
    let tag = text::open_heading(m, level, "vm-heading");
    m.text(texts.initiatives_in).text(" ").text(&dataset.municipality.name).end(tag);
    if !loaded.skipped.is_empty() {
        skipped_notice_markup(m, &loaded.skipped, ui);
    }
    for id in view.unknown_areas {
        m.open("p").attr("class", "vm-notice").attr("role", "status").close();
        // The attribute or link is the host's or anyone's: cut, like every label from outside.
        let shown = id.get(..id.floor_char_boundary(80)).unwrap_or_default();
        m.text(texts.area_unknown).text(" “").text(shown).text("”. ").text(texts.area_unknown_all).end("p");
    }
    m.start("div", "vm-discover__layout").start("div", "vm-filters");
    m.open("form").attr("class", "vm-search").attr("role", "search").close();
    label_and_hint_markup(m, "vm-q", texts.search_label, "vm-q-hint", texts.search_hint);
    m.open("input").attr("id", "vm-q").attr("class", "vm-input").attr("type", "search").attr("autocomplete", "off");
    m.attr("aria-describedby", "vm-q-hint").attr("value", &criteria.text).close();
    label_and_hint_markup(m, "vm-postcode", texts.postcode_label, "vm-postcode-hint", texts.postcode_hint);
    m.open("input").attr("id", "vm-postcode").attr("class", "vm-input vm-input--short").attr("type", "text");
    m.attr("inputmode", "text").attr("autocomplete", "postal-code");
    m.attr("aria-describedby", "vm-postcode-hint vm-postcode-status").attr("value", &criteria.postcode).close();
    m.open("p").attr("id", "vm-postcode-status").attr("class", "vm-hint").attr("aria-live", "polite").close();
    if let Some(areas) = &results.postcode_areas {
        if areas.is_empty() {
            m.text(texts.postcode_unknown);
        } else {
            m.text(texts.postcode_in).text(" ");
            text::list(m, areas.iter().filter_map(|id| dataset.area(id)).map(|a| a.name.as_str()));
            m.text(".");
        }
    }
    m.end("p");
    m.open("label").attr("class", "vm-label").attr("for", "vm-sort").close().text(texts.sort_label).end("label");
    m.open("select").attr("id", "vm-sort").attr("class", "vm-input").close();
    for sort in SortKey::ALL {
        m.open("option").attr("value", sort.as_str()).flag("selected", sort == criteria.sort).close();
        m.text(sort_label(texts, sort)).end("option");
    }
    m.end("select").end("form");
    m.open("details").attr("class", "vm-filter-panel").flag("open", view.wide).close();
    m.start("summary", "vm-filter-panel__summary").text(texts.filters_and_map);
    let active = criteria.active_filters();
    if active > 0 {
        m.text(" (").count(active).text(" ").text(texts.filters_active).text(")");
    }
    m.end("summary");
    map_markup(
        m,
        &MapMarkup {
            loaded,
            counts: &results.facets.areas,
            selected: &criteria.areas,
            by_open: view.shade_by_open,
            ui,
            level: level.saturating_add(1),
            choose_shade: true,
            hint: None,
            current: None,
        },
    );
    facets_markup(m, view);
    m.end("details").end("div");
    results_markup(m, view);
    m.end("div").end("section");
}

/// The notice that lenient loading skipped some records, with the reasons behind a disclosure:
/// one "path: message" line per skipped record.
pub fn skipped_notice_markup(m: &mut Markup, skipped: &[String], ui: UiLang) {
    let texts = ui.texts();
    m.open("div").attr("class", "vm-notice").attr("role", "status").close();
    m.element("p", "vm-notice__title", texts.skipped_title);
    m.start("p", "").text(texts.skipped_text).text(" ").count(skipped.len()).end("p");
    text::details_list(m, texts.details, skipped);
    m.end("div");
}

/// A form field's label with its hint below it.
#[inline(never)]
fn label_and_hint_markup(m: &mut Markup, input: &'static str, label: &str, hint_id: &'static str, hint: &str) {
    m.open("label").attr("class", "vm-label").attr("for", input).close().text(label).end("label");
    m.open("span").attr("class", "vm-hint").attr("id", hint_id).close().text(hint).end("span");
}

/// The facet filters: "still needs help", then themes, kinds of need, stages and areas.
fn facets_markup(m: &mut Markup, view: &DiscoverView<'_>) {
    let DiscoverView { loaded, criteria, results, ui, .. } = *view;
    let texts = ui.texts();
    let dataset = &*loaded.dataset;
    let facets = &results.facets;
    m.open("div").attr("class", "vm-facets").attr("role", "group").attr("aria-label", texts.filters).close();
    let open_count = facets.need_status.iter().find(|c| c.value == NeedStatus::Open).map_or(0, |c| c.count);
    checkbox_markup(m, "vm-option vm-option--strong", "open", "", texts.still_needs_help, open_count, criteria.open);
    let mut list = Markup::new();
    for (at, theme) in dataset.themes.iter().enumerate() {
        let id = theme.id.as_str();
        let checked = criteria.themes.iter().any(|t| t == id);
        let count = facets.themes.get(at).copied().unwrap_or(0);
        option_markup(&mut list, "theme", id, loaded.text(&theme.name), count, checked);
    }
    fieldset_markup(m, "theme", texts.themes, list);
    let mut list = Markup::new();
    for c in &facets.need_kinds {
        let checked = criteria.kinds.contains(&c.value);
        option_markup(&mut list, "kind", c.value.as_str(), texts.kind_label(c.value), c.count, checked);
    }
    fieldset_markup(m, "kind", texts.need_kinds, list);
    let mut list = Markup::new();
    for c in &facets.stages {
        let checked = criteria.stages.contains(&c.value);
        option_markup(&mut list, "stage", c.value.as_str(), texts.stage_label(c.value), c.count, checked);
    }
    fieldset_markup(m, "stage", texts.stages, list);
    let mut list = Markup::new();
    for (at, area) in dataset.areas.iter().enumerate() {
        let id = area.id.as_str();
        let checked = criteria.areas.iter().any(|a| a == id);
        // The list names the districts; their neighbourhoods are on the map. A large
        // dataset has hundreds of neighbourhoods, too many for a list of checkboxes.
        if area.parent.is_some() && !checked {
            continue;
        }
        let count = facets.areas.get(at).copied().unwrap_or(0);
        option_markup(&mut list, "area", id, &area.name, count, checked);
    }
    fieldset_markup(m, "area", texts.areas, list);
    m.end("div");
}

/// One checkbox of a facet with its count; values without results are left out unless chosen.
fn option_markup(m: &mut Markup, name: &'static str, value: &str, label: &str, count: usize, checked: bool) {
    if count > 0 || checked {
        // Keyed, so that an option that disappears does not move the focus onto another one.
        m.open("li").attr("data-key", value).close();
        checkbox_markup(m, "vm-option", name, value, label, count, checked);
        m.end("li");
    }
}

/// A labelled checkbox with a count: a facet's value, or "still needs help".
#[inline(never)]
fn checkbox_markup(
    m: &mut Markup,
    class: &'static str,
    name: &'static str,
    value: &str,
    label: &str,
    count: usize,
    checked: bool,
) {
    m.start("label", class).open("input").attr("type", "checkbox").attr("name", name).attr("value", value);
    m.flag("checked", checked).close();
    m.text(label).text(" ").start("span", "vm-count-badge").count(count).end("span").end("label");
}

/// A facet's options under its legend; nothing when it has none.
fn fieldset_markup(m: &mut Markup, key: &'static str, legend: &str, options: Markup) {
    if options.is_empty() {
        return;
    }
    m.open("fieldset").attr("class", "vm-fieldset").attr("data-key", key).close();
    m.element("legend", "", legend).start("ul", "vm-options");
    m.append(options).end("ul").end("fieldset");
}

/// The count of results, the cards, and the buttons for more and for clearing the filters.
fn results_markup(m: &mut Markup, view: &DiscoverView<'_>) {
    let DiscoverView { loaded, criteria, results, ui, level, .. } = *view;
    let texts = ui.texts();
    m.open("div").attr("class", "vm-results").attr("data-search-ms", &fixed(view.search_ms, 2)).close();
    let shown = results.hits.len();
    m.open("p").attr("class", "vm-result-count").attr("aria-live", "polite").attr("aria-atomic", "true");
    // The skip link's target.
    m.attr("tabindex", "-1").close();
    m.text(&texts.initiative_count(results.total)).text(" ").text(texts.found);
    if shown < results.total {
        m.text(" (").count(shown).text(" ").text(texts.shown_of).text(" ").count(results.total).text(")");
    }
    m.end("p");
    if results.hits.is_empty() {
        m.start("div", "vm-empty").element("p", "vm-empty__title", texts.no_results);
        m.element("p", "", texts.no_results_help);
        if !criteria.is_unfiltered() {
            text::button_line(m, "vm-button", "clear", texts.clear_filters);
        }
        m.end("div");
    } else {
        m.start("ul", "vm-list");
        for hit in &results.hits {
            card_markup(m, loaded, hit, texts, level.saturating_add(1), view.page);
        }
        m.end("ul");
        if shown < results.total {
            text::button_line(m, "vm-button vm-button--secondary", "more", texts.more);
        }
        if !criteria.is_unfiltered() {
            text::button_line(m, "vm-link-button", "clear", texts.clear_filters);
        }
    }
    m.end("div");
}

/// One result: the title (a link to its page on the host page `page`) with highlights, summary,
/// facts and a needs bar.
pub fn card_markup(m: &mut Markup, loaded: &Loaded, hit: &Hit, texts: &Texts, level: u8, page: &str) {
    let dataset = &*loaded.dataset;
    let Some(initiative) = dataset.initiatives.get(hit.index) else { return };
    let id = initiative.id.as_str();
    m.open("li").attr("data-key", id).close().start("article", "vm-card");
    let tag = text::open_heading(m, level, "vm-card__title");
    let href = page_url(page, &to_fragment(&Route::Initiative(id.to_owned()), &Criteria::default()));
    m.open("a").attr("class", "vm-card__link").attr("href", &href).attr("data-id", id).close();
    text::marked(m, loaded.text(&initiative.title), ranges_for(loaded, &initiative.title, hit, Field::Title));
    m.end("a").end(tag);
    if let Some(summary) = &initiative.summary {
        m.start("p", "vm-card__summary");
        text::marked(m, loaded.text(summary), ranges_for(loaded, summary, hit, Field::Summary));
        m.end("p");
    }
    m.start("dl", "vm-facts");
    let mut themes = initiative.themes.iter().filter_map(|t| dataset.theme(t)).map(|t| loaded.text(&t.name)).peekable();
    if themes.peek().is_some() {
        m.element("dt", "", texts.themes).start("dd", "");
        text::list(m, themes);
        m.end("dd");
    }
    let area =
        initiative.area.as_ref().and_then(|a| dataset.area(a)).map_or(texts.whole_municipality, |a| a.name.as_str());
    m.element("dt", "", texts.area).element("dd", "", area);
    m.element("dt", "", texts.stage).start("dd", "").element("span", "vm-stage", texts.stage_label(initiative.stage));
    m.end("dd").end("dl");
    let needs = initiative.needs.len();
    if needs > 0 {
        let open = loaded.open_needs.get(hit.index).copied().unwrap_or(0) as usize;
        let covered = needs - open.min(needs);
        m.start("div", "vm-needs-bar");
        text::bar(m, covered as f64, needs as f64);
        m.start("span", "").count(covered).text(" ").text(texts.of).text(" ").count(needs).text(" ");
        m.text(texts.needs_covered).end("span").end("div");
    } else {
        m.element("p", "vm-needs-bar", texts.no_needs);
    }
    m.end("article").end("li");
}
