//! The discover view: search box, postcode, order, facet filters with counts, the area map and
//! the results, all answered by core's search on every change.

use std::rc::Rc;

use verschilmaker::search::{Field, Highlight, Hit, NeedStatus, Results, search};
use verschilmaker::{Kind, Stage, Text};
use yew::prelude::*;

use crate::components::common::{bar, button_line, fixed, heading, join, marked, send};
use crate::components::map::{AreaMapProps, area_map};
use crate::components::skipped_notice;
use crate::data::Loaded;
use crate::i18n::{Texts, UiLang};
use crate::route::{Criteria, Route, SortKey, to_fragment};
use crate::state::Action;

/// The props of [`Discover`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct DiscoverProps {
    /// The dataset.
    pub loaded: Rc<Loaded>,
    /// What the visitor searches for.
    pub criteria: Criteria,
    /// The visitor's language.
    pub ui: UiLang,
    /// The level of the view's heading.
    pub level: u8,
    /// Changes to the criteria.
    pub on_action: Callback<Action>,
    /// Opens an initiative, by id.
    pub on_open: Callback<String>,
}

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

/// Whether the viewport is wide enough for the filters beside the results (52em at 16 px).
fn is_wide() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window().and_then(|w| w.inner_width().ok()).and_then(|w| w.as_f64()).is_none_or(|w| w >= 832.0)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        true
    }
}

/// Search, filters and results.
#[component]
pub fn Discover(props: &DiscoverProps) -> Html {
    let texts = props.ui.texts();
    let loaded = &props.loaded;
    let dataset = &*loaded.dataset;
    let answer = use_memo((loaded.clone(), props.criteria.clone()), |(loaded, criteria)| {
        let started = now_ms();
        let results = search(&loaded.index, &criteria.to_query());
        (results, now_ms() - started)
    });
    let (results, search_ms): &(Results, f64) = &answer;
    // Both initial values through one `fn() -> bool` type, so that the state hook is
    // instantiated once for the two.
    let by_open_at_first: fn() -> bool = bool::default;
    let wide_at_first: fn() -> bool = is_wide;
    let shade_by_open = use_state(by_open_at_first);
    // On a narrow screen the map and filters start folded, so the results come into view
    // right below the search box; where there is room they sit open beside the results.
    let wide = use_state(wide_at_first);
    use_effect_with((), |()| {
        // A mark for the first render with results, which the end-to-end tests read.
        #[cfg(target_arch = "wasm32")]
        if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
            let _ = performance.mark("verschilmaker:first-results");
        }
    });

    let criteria = &props.criteria;
    let act = |make: fn(String) -> Action| {
        props.on_action.reform(move |event: InputEvent| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            make(input.value())
        })
    };
    let on_sort = props.on_action.reform(|event: Event| {
        let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
        Action::Sort(SortKey::parse(&select.value()))
    });
    let on_submit = Callback::from(|event: SubmitEvent| event.prevent_default());
    let level = props.level;

    // Plain loops with one `option` helper rather than four iterator chains, each with a
    // callback closure of its own: every closure and adapter type is code of its own in the
    // first wasm module.
    let facets = &results.facets;
    let on_action = &props.on_action;
    let mut themes: Vec<Html> = Vec::new();
    for (at, theme) in dataset.themes.iter().enumerate() {
        let id = theme.id.as_str().to_owned();
        let checked = criteria.themes.contains(&id);
        let count = facets.themes.get(at).copied().unwrap_or(0);
        themes.extend(option(loaded.text(&theme.name), count, checked, send(on_action, Action::Theme(id))));
    }
    let mut areas: Vec<Html> = Vec::new();
    for (at, area) in dataset.areas.iter().enumerate() {
        let id = area.id.as_str().to_owned();
        let checked = criteria.areas.contains(&id);
        // The list names the districts; their neighbourhoods are on the map. A large
        // dataset has hundreds of neighbourhoods, too many for a list of checkboxes.
        if area.parent.is_some() && !checked {
            continue;
        }
        let count = facets.areas.get(at).copied().unwrap_or(0);
        areas.extend(option(&area.name, count, checked, send(on_action, Action::Area(id))));
    }
    let mut stages: Vec<Html> = Vec::new();
    for c in &facets.stages {
        let stage: Stage = c.value;
        let checked = criteria.stages.contains(&stage);
        stages.extend(option(texts.stage_label(stage), c.count, checked, send(on_action, Action::Stage(stage))));
    }
    let mut kinds: Vec<Html> = Vec::new();
    for c in &facets.need_kinds {
        let kind: Kind = c.value;
        let checked = criteria.kinds.contains(&kind);
        kinds.extend(option(texts.kind_label(kind), c.count, checked, send(on_action, Action::Kind(kind))));
    }
    let open_count = facets.need_status.iter().find(|c| c.value == NeedStatus::Open).map_or(0, |c| c.count);
    let on_open_filter = send(on_action, Action::StillNeedsHelp(!criteria.open));

    let postcode_status = results.postcode_areas.as_ref().map(|areas| {
        if areas.is_empty() {
            texts.postcode_unknown.to_owned()
        } else {
            let names = join(areas.iter().filter_map(|id| dataset.area(id)).map(|a| a.name.as_str()));
            let mut text = String::from(texts.postcode_in);
            text.push(' ');
            text.push_str(&names);
            text.push('.');
            text
        }
    });

    let shown = results.hits.len();
    let mut count_text = texts.initiative_count(results.total);
    count_text.push(' ');
    count_text.push_str(texts.found);
    if shown < results.total {
        count_text.push_str(" (");
        count_text.push_str(&shown.to_string());
        count_text.push(' ');
        count_text.push_str(texts.shown_of);
        count_text.push(' ');
        count_text.push_str(&results.total.to_string());
        count_text.push(')');
    }
    let on_clear = send(on_action, Action::ClearFilters);
    let on_more = send(on_action, Action::More);
    let on_shade = {
        let shade = shade_by_open.clone();
        Callback::from(move |by_open: bool| shade.set(by_open))
    };
    let on_area = props.on_action.reform(Action::Area);

    html! {
        <section class="vm-discover">
            { heading(level, "vm-heading", html! { <>{ texts.initiatives_in }{ " " }{ &dataset.municipality.name }</> }) }
            if !loaded.skipped.is_empty() {
                { skipped_notice(&loaded.skipped, props.ui) }
            }
            <div class="vm-discover__layout">
                <div class="vm-filters">
                    <form class="vm-search" role="search" onsubmit={on_submit}>
                        { label_and_hint("vm-q", texts.search_label, "vm-q-hint", texts.search_hint) }
                        <input id="vm-q" class="vm-input" type="search" autocomplete="off" aria-describedby="vm-q-hint"
                            value={criteria.text.clone()} oninput={act(Action::Text)} />
                        { label_and_hint("vm-postcode", texts.postcode_label, "vm-postcode-hint", texts.postcode_hint) }
                        <input id="vm-postcode" class="vm-input vm-input--short" type="text" inputmode="text"
                            autocomplete="postal-code" aria-describedby="vm-postcode-hint vm-postcode-status"
                            value={criteria.postcode.clone()} oninput={act(Action::Postcode)} />
                        <p id="vm-postcode-status" class="vm-hint" aria-live="polite">{ postcode_status.unwrap_or_default() }</p>
                        <label class="vm-label" for="vm-sort">{ texts.sort_label }</label>
                        <select id="vm-sort" class="vm-input" onchange={on_sort}>
                            { for SortKey::ALL.iter().map(|sort| html! {
                                <option value={sort.as_str()} selected={*sort == criteria.sort}>{ sort_label(texts, *sort) }</option>
                            }) }
                        </select>
                    </form>
                    <details class="vm-filter-panel" open={*wide}>
                        <summary class="vm-filter-panel__summary">{ texts.filters_and_map }</summary>
                        { area_map(&AreaMapProps {
                            loaded: loaded.clone(),
                            counts: facets.areas.clone(),
                            selected: criteria.areas.clone(),
                            by_open: *shade_by_open,
                            ui: props.ui,
                            level: level.saturating_add(1),
                            on_area,
                            on_shade,
                            choose_shade: true,
                            hint: None,
                        }) }
                    <div class="vm-facets" role="group" aria-label={texts.filters}>
                        { checkbox("vm-option vm-option--strong", texts.still_needs_help, open_count, criteria.open, on_open_filter) }
                        { fieldset(texts.themes, themes) }
                        { fieldset(texts.need_kinds, kinds) }
                        { fieldset(texts.stages, stages) }
                        { fieldset(texts.areas, areas) }
                    </div>
                    </details>
                </div>
                <div class="vm-results" data-search-ms={fixed(*search_ms, 2)}>
                    <p class="vm-result-count" aria-live="polite" aria-atomic="true">{ count_text }</p>
                    if results.hits.is_empty() {
                        <div class="vm-empty">
                            <p class="vm-empty__title">{ texts.no_results }</p>
                            <p>{ texts.no_results_help }</p>
                            if !criteria.is_unfiltered() {
                                { button_line("vm-button", on_clear, texts.clear_filters) }
                            }
                        </div>
                    } else {
                        <ul class="vm-list">
                            { for results.hits.iter().map(|hit| card(loaded, hit, texts, level.saturating_add(1), &props.on_open)) }
                        </ul>
                        if shown < results.total {
                            { button_line("vm-button vm-button--secondary", on_more, texts.more) }
                        }
                        if !criteria.is_unfiltered() {
                            { button_line("vm-link-button", on_clear, texts.clear_filters) }
                        }
                    }
                </div>
            </div>
        </section>
    }
}

fn sort_label(texts: &Texts, sort: SortKey) -> &'static str {
    match sort {
        SortKey::Relevance => texts.sort_relevance,
        SortKey::Newest => texts.sort_newest,
        SortKey::OpenNeeds => texts.sort_open_needs,
    }
}

// The helpers below are shapes of markup that the view repeats, each built once: inlined, every
// element is a few hundred bytes of wasm at each place it appears.

/// A form field's label with its hint below it.
#[inline(never)]
fn label_and_hint(input: &'static str, label: &'static str, hint_id: &'static str, hint: &'static str) -> Html {
    html! { <>
        <label class="vm-label" for={input}>{ label }</label>
        <span class="vm-hint" id={hint_id}>{ hint }</span>
    </> }
}

/// One term and its value in a card's facts.
#[inline(never)]
fn fact(term: &'static str, value: Html) -> Html {
    html! { <><dt>{ term }</dt><dd>{ value }</dd></> }
}

/// One checkbox of a facet with its count; values without results are left out unless chosen.
fn option(label: &str, count: usize, checked: bool, onchange: Callback<Event>) -> Option<Html> {
    (count > 0 || checked).then(|| html! { <li>{ checkbox("vm-option", label, count, checked, onchange) }</li> })
}

/// A labelled checkbox with a count: a facet's value, or "still needs help".
#[inline(never)]
fn checkbox(class: &'static str, label: &str, count: usize, checked: bool, onchange: Callback<Event>) -> Html {
    html! {
        <label {class}>
            <input type="checkbox" {checked} {onchange} />
            { label }{ " " }<span class="vm-count-badge">{ count }</span>
        </label>
    }
}

fn fieldset(legend: &str, options: Vec<Html>) -> Html {
    if options.is_empty() {
        return Html::default();
    }
    html! {
        <fieldset class="vm-fieldset">
            <legend>{ legend }</legend>
            <ul class="vm-options">{ for options }</ul>
        </fieldset>
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

/// One result: the title (a link to its page) with highlights, summary, facts and a needs bar.
pub fn card(loaded: &Loaded, hit: &Hit, texts: &Texts, level: u8, on_open: &Callback<String>) -> Html {
    let dataset = &*loaded.dataset;
    let Some(initiative) = dataset.initiatives.get(hit.index) else { return Html::default() };
    let id = initiative.id.as_str().to_owned();
    let href = to_fragment(&Route::Initiative(id.clone()), &Criteria::default());
    let onclick = {
        let (on_open, id) = (on_open.clone(), id.clone());
        Callback::from(move |event: MouseEvent| {
            // Let the browser open a new tab or window as asked; otherwise navigate in place.
            if event.ctrl_key() || event.meta_key() || event.shift_key() || event.button() != 0 {
                return;
            }
            event.prevent_default();
            on_open.emit(id.clone());
        })
    };
    let title = loaded.text(&initiative.title);
    let summary = initiative.summary.as_ref().map(|s| (loaded.text(s), ranges_for(loaded, s, hit, Field::Summary)));
    let themes = join(initiative.themes.iter().filter_map(|t| dataset.theme(t)).map(|t| loaded.text(&t.name)));
    let area =
        initiative.area.as_ref().and_then(|a| dataset.area(a)).map_or(texts.whole_municipality, |a| a.name.as_str());
    let needs = initiative.needs.len();
    let open = loaded.open_needs.get(hit.index).copied().unwrap_or(0) as usize;
    let covered = needs - open.min(needs);
    let mut needs_text = covered.to_string();
    needs_text.push(' ');
    needs_text.push_str(texts.of);
    needs_text.push(' ');
    needs_text.push_str(&needs.to_string());
    needs_text.push(' ');
    needs_text.push_str(texts.needs_covered);
    html! {
        <li key={id.clone()}>
            <article class="vm-card">
                { heading(level, "vm-card__title", html! {
                    <a class="vm-card__link" href={href} data-id={id} {onclick}>
                        { marked(title, ranges_for(loaded, &initiative.title, hit, Field::Title)) }
                    </a>
                }) }
                if let Some((summary, ranges)) = summary {
                    <p class="vm-card__summary">{ marked(summary, ranges) }</p>
                }
                <dl class="vm-facts">
                    if !themes.is_empty() {
                        { fact(texts.themes, Html::from(themes)) }
                    }
                    { fact(texts.area, Html::from(area)) }
                    { fact(texts.stage, html! { <span class="vm-stage">{ texts.stage_label(initiative.stage) }</span> }) }
                </dl>
                if needs > 0 {
                    <div class="vm-needs-bar">
                        { bar(covered as f64, needs as f64) }
                        <span>{ needs_text }</span>
                    </div>
                } else {
                    <p class="vm-needs-bar">{ texts.no_needs }</p>
                }
            </article>
        </li>
    }
}
