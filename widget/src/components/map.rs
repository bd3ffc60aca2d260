//! The area map: the dataset's own boundaries as SVG, shaded by initiatives found or by open
//! needs, each area a toggle button for the area filter, with the same figures as a table.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use crate::components::common::{fixed, heading_tag};
use crate::data::Loaded;
use crate::i18n::UiLang;
use crate::markup::Markup;
use crate::morph::{Patched, target_matching};

/// The props of [`AreaMap`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct AreaMapProps {
    /// The dataset with the projected shapes.
    pub loaded: Rc<Loaded>,
    /// Initiatives found per area (aligned with `dataset.areas`).
    pub counts: Vec<usize>,
    /// The area ids filtered on.
    pub selected: Vec<String>,
    /// Shade by open needs instead of initiatives found.
    pub by_open: bool,
    /// The visitor's language.
    pub ui: UiLang,
    /// The heading level.
    pub level: u8,
    /// Switches an area filter, by id.
    pub on_area: Callback<String>,
    /// Chooses the shading: `true` for open needs.
    pub on_shade: Callback<bool>,
    /// Whether the visitor can choose the shading (the dashboard always shades by open needs).
    #[prop_or(true)]
    pub choose_shade: bool,
    /// A hint instead of "choose an area to filter on", for a map that does not filter.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
}

/// How many shades the map uses besides "none".
const SHADES: usize = 4;

/// The map as a yew view, for the workbench's dashboard (the residents' overview writes
/// [`map_markup`] itself): the markup in a [`Patched`] part, with one handler each for clicks,
/// keys and the shading choice, which find the area by its `data-area`. Nothing when the dataset
/// has no boundaries.
#[component]
pub fn AreaMap(props: &AreaMapProps) -> Html {
    // The area that takes the map's Tab stop: the last one focused.
    let current = use_state(|| None::<String>);
    if props.loaded.map.areas.is_empty() {
        return Html::default();
    }
    let mut m = Markup::new();
    map_markup(
        &mut m,
        &MapMarkup {
            loaded: &props.loaded,
            counts: &props.counts,
            selected: &props.selected,
            by_open: props.by_open,
            ui: props.ui,
            level: props.level,
            choose_shade: props.choose_shade,
            hint: props.hint.as_deref(),
            current: current.as_deref(),
        },
    );
    let onfocusin = {
        let current = current.clone();
        Callback::from(move |event: FocusEvent| {
            if let Some(area) = target_matching(&event, "[data-area]") {
                focus_moved(&area);
                current.set(area.get_attribute("data-area"));
            }
        })
    };
    let onclick = {
        let on_area = props.on_area.clone();
        Callback::from(move |event: MouseEvent| {
            if let Some(id) = area_of(&event) {
                on_area.emit(id);
            }
        })
    };
    let onkeydown = {
        let on_area = props.on_area.clone();
        Callback::from(move |event: KeyboardEvent| {
            let key = event.key();
            if roving_key(&event) {
                return;
            }
            if (key == "Enter" || key == " ")
                && let Some(id) = area_of(&event)
            {
                event.prevent_default();
                on_area.emit(id);
            }
        })
    };
    let onchange = {
        let on_shade = props.on_shade.clone();
        Callback::from(move |event: Event| {
            if let Some(input) = target_matching(&event, "input[name=vm-shade]") {
                on_shade.emit(input.get_attribute("value").as_deref() == Some("open"));
            }
        })
    };
    html! { <Patched markup={AttrValue::from(m.finish())} {onclick} {onkeydown} {onchange} {onfocusin} /> }
}

/// The id of the area an event came from, by the `data-area` of its path.
fn area_of(event: &Event) -> Option<String> {
    target_matching(event, "[data-area]")?.get_attribute("data-area")
}

/// Moves the focus between the map's areas with the arrow keys, Home and End, so that the map
/// is one Tab stop, not one per area (a roving tabindex; [`focus_moved`] follows the focus).
/// Whether the key was one of those. The areas are the map's first children, the ring its last.
pub fn roving_key(event: &Event) -> bool {
    let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>().map(|e| e.key()) else { return false };
    let Some(area) = target_matching(event, "[data-area]") else { return false };
    let Some(svg) = area.parent_element() else { return false };
    let last = || svg.last_element_child().and_then(|ring| ring.previous_element_sibling());
    let is_area = |e: &Element| e.has_attribute("data-area");
    let next = match key.as_str() {
        "ArrowRight" | "ArrowDown" => area.next_element_sibling().filter(is_area).or_else(|| svg.first_element_child()),
        "ArrowLeft" | "ArrowUp" => area.previous_element_sibling().or_else(last),
        "Home" => svg.first_element_child(),
        "End" => last(),
        _ => return false,
    };
    event.prevent_default();
    // An SVG element: `focus` is the same method as an HTML element's (the binding only calls it).
    if let Some(next) = next.filter(is_area) {
        let _ = next.unchecked_into::<web_sys::HtmlElement>().focus();
    }
    true
}

/// After the focus came to a map area: it takes the map's one Tab stop, and the focus ring,
/// drawn after every area so that no neighbour covers it, takes its outline.
pub fn focus_moved(area: &Element) {
    let Some(svg) = area.parent_element() else { return };
    if let Ok(Some(before)) = svg.query_selector("[tabindex='0']") {
        let _ = before.set_attribute("tabindex", "-1");
    }
    let _ = area.set_attribute("tabindex", "0");
    if let (Some(ring), Some(d)) = (svg.last_element_child(), area.get_attribute("d")) {
        let _ = ring.set_attribute("d", &d);
    }
}

/// What the map's markup shows: [`AreaMapProps`] without the callbacks.
#[derive(Clone, Copy, Debug)]
pub struct MapMarkup<'a> {
    /// The dataset with the projected shapes.
    pub loaded: &'a Loaded,
    /// Initiatives found per area (aligned with `dataset.areas`).
    pub counts: &'a [usize],
    /// The area ids filtered on.
    pub selected: &'a [String],
    /// Shade by open needs instead of initiatives found.
    pub by_open: bool,
    /// The visitor's language.
    pub ui: UiLang,
    /// The heading level.
    pub level: u8,
    /// Whether the visitor can choose the shading.
    pub choose_shade: bool,
    /// A hint instead of "choose an area to filter on".
    pub hint: Option<&'a str>,
    /// The area last focused, which keeps the map's one Tab stop; without it (or when it is not
    /// on the map) the first area filtered on, or else the first area.
    pub current: Option<&'a str>,
}

/// Writes the map as markup: the heading, the shading choice, one toggle button per area (each
/// with `data-area`, its id, for the delegated handlers to find), the legend and the table.
/// Writes nothing when the dataset has no boundaries.
pub fn map_markup(m: &mut Markup, props: &MapMarkup) {
    let texts = props.ui.texts();
    let loaded = props.loaded;
    let map = &loaded.map;
    if map.areas.is_empty() {
        return;
    }
    let dataset = &*loaded.dataset;
    let value = |at: usize| -> usize {
        if props.by_open {
            loaded.area_open_needs.get(at).copied().unwrap_or(0) as usize
        } else {
            props.counts.get(at).copied().unwrap_or(0)
        }
    };
    let max = map.areas.iter().map(|(at, _)| value(*at)).max().unwrap_or(0).max(1);
    let unit = |v: usize| match (props.by_open, v == 1) {
        (true, true) => texts.open_need_lower,
        (true, false) => texts.open_needs_lower,
        (false, true) => texts.initiative_one,
        (false, false) => texts.initiatives_lower,
    };
    m.start("section", "vm-map");
    let title = heading_tag(props.level);
    m.start(title, "vm-map__title").text(texts.map_title).end(title);
    m.element("p", "vm-hint", props.hint.unwrap_or(texts.map_hint));
    if props.choose_shade {
        m.start("fieldset", "vm-fieldset").element("legend", "", texts.shade_by);
        for (by_open, value, label) in
            [(false, "found", texts.shade_initiatives), (true, "open", texts.shade_open_needs)]
        {
            m.start("label", "vm-option");
            m.open("input").attr("type", "radio").attr("name", "vm-shade").attr("value", value);
            m.flag("checked", props.by_open == by_open).close().text(label).end("label");
        }
        m.end("fieldset");
    }
    // A margin of 3 units around the shapes, for the half of their outlines (up to 5 units wide
    // when focused) that lies outside them: otherwise the outlines along the edge reach past the
    // widget in a narrow column.
    let view_box = String::from("-3 -3 ") + &fixed(map.width + 6.0, 0) + " " + &fixed(map.height + 6.0, 0);
    m.open("svg").attr("class", "vm-map__svg").attr("viewBox", &view_box).attr("role", "group");
    m.attr("aria-label", texts.map_title).close();
    let id_of = |at: usize| dataset.areas.get(at).map_or("", |a| a.id.as_str());
    let entry = map
        .areas
        .iter()
        .position(|(at, _)| props.current == Some(id_of(*at)))
        .or_else(|| map.areas.iter().position(|(at, _)| props.selected.iter().any(|s| s == id_of(*at))))
        .unwrap_or(0);
    for (n, (at, path)) in map.areas.iter().enumerate() {
        let area = &dataset.areas[*at];
        let id = area.id.as_str();
        let pressed = props.selected.iter().any(|s| s == id);
        let v = value(*at);
        let shade = if v == 0 { 0 } else { (v * SHADES).div_ceil(max).clamp(1, SHADES) };
        let mut label = area.name.clone();
        label.push_str(": ");
        label.push_str(&v.to_string());
        label.push(' ');
        label.push_str(unit(v));
        let mut class = String::from("vm-map__area ");
        class.push_str(SHADE_CLASSES[shade]);
        if pressed {
            class.push_str(" vm-map__area--pressed");
        }
        m.open("path").attr("class", &class).attr("d", path).attr("role", "button");
        m.attr("tabindex", if n == entry { "0" } else { "-1" });
        m.attr("aria-label", &label).attr("aria-pressed", if pressed { "true" } else { "false" });
        m.attr("data-area", id).close();
        m.element("title", "", &area.name).end("path");
    }
    // The focus ring of the focused area, on top of its neighbours (see `focus_moved`).
    let ring = map.areas.get(entry).map_or("", |(_, path)| path.as_str());
    m.open("path").attr("class", "vm-map__ring").attr("d", ring).attr("aria-hidden", "true").close().end("path");
    m.end("svg");
    m.open("div").attr("class", "vm-legend").attr("aria-hidden", "true").close();
    m.element("span", "", texts.legend_low);
    for class in SHADE_CLASSES {
        m.open("svg").attr("class", "vm-legend__swatch").attr("viewBox", "0 0 10 10").attr("focusable", "false");
        m.close().open("rect").attr("class", class).attr("width", "10").attr("height", "10").close();
        m.end("rect").end("svg");
    }
    m.start("span", "").text(texts.legend_high).text(" (").count(max).text(")").end("span");
    m.end("div");
    m.start("p", "vm-hint").text(texts.shade_by).text(": ");
    m.text(if props.by_open { texts.shade_open_needs } else { texts.shade_initiatives }).end("p");
    m.start("details", "vm-details").element("summary", "", texts.map_table);
    // A box of its own that scrolls (and takes the focus for that) when the screen is narrower
    // than the table.
    m.open("div").attr("class", "vm-table-wrap").attr("role", "region").attr("tabindex", "0");
    m.attr("aria-label", texts.map_table).close();
    m.start("table", "vm-table").start("thead", "").start("tr", "");
    for label in [texts.area, texts.col_initiatives, texts.col_open_needs] {
        m.open("th").attr("scope", "col").close().text(label).end("th");
    }
    m.end("tr").end("thead").start("tbody", "");
    for (at, _) in &map.areas {
        m.start("tr", "").open("th").attr("scope", "row").close().text(&dataset.areas[*at].name).end("th");
        m.start("td", "").count(props.counts.get(*at).copied().unwrap_or(0)).end("td");
        m.start("td", "").count(loaded.area_open_needs.get(*at).copied().unwrap_or(0) as usize).end("td");
        m.end("tr");
    }
    m.end("tbody").end("table").end("div").end("details").end("section");
}

const SHADE_CLASSES: [&str; SHADES + 1] = ["vm-shade-0", "vm-shade-1", "vm-shade-2", "vm-shade-3", "vm-shade-4"];
