//! The residents' widget without yew in its first module: loading, the error state, the overview
//! and the URL fragment, written as markup (see [`crate::markup`]) and patched into place (see
//! [`crate::morph`]); the initiative page, the forms and the agenda are yew views that come with
//! the second module (see [`crate::components::later`]).
//!
//! Why not the yew `App` here as well? yew and the views built with it were 30 % of the first
//! download, and the overview is one form, a list of cards and an SVG map. Written as text, the
//! first download no longer carries yew at all (docs/bundle-size.md). The views in the second
//! module are forms with state and validation, where yew's model pays for itself.
//!
//! One [`Shell`] per `<verschil-maker>` element. It keeps the same [`State`] and the same
//! [`Action`]s as the workbench's yew `App`, and the same rules: the fragment is read and written
//! only by the instance that owns it, focus follows navigation, a slow answer for an old `src`
//! never replaces a newer one.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use verschilmaker::search::{Results, search};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, Event, HtmlElement};
use yew::Reducible;

use crate::components::common::text::{button_line, status_line};
use crate::components::discover::{
    DiscoverInput, DiscoverView, discover_input, discover_markup, now_ms, skip_markup, way_in_markup,
};
use crate::components::failure_markup;
use crate::components::later::{self, LaterEvent, LaterFns, LaterPart, LaterRequest, LaterRoute};
use crate::components::map;
use crate::data::Loaded;
use crate::i18n::UiLang;
use crate::markup::Markup;
use crate::morph::{morph, target_matching};
use crate::route::{Criteria, PREFIX, Route, from_fragment, page_url, to_fragment};
use crate::state::{Action, Load, State};

/// The attributes of the `<verschil-maker>` element, as the loader passes them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Props {
    /// The dataset URL.
    pub src: String,
    /// The visitor's language, a BCP 47 tag.
    pub lang: String,
    /// The level of the widget's top heading (1–6).
    pub heading_level: u8,
    /// An area id to preselect as filter.
    pub area: String,
    /// Whether this instance reads and writes the URL fragment (the first on the page does).
    pub owns_fragment: bool,
    /// The `view` attribute as the loader accepted it (`discover` when unset).
    pub view: String,
    /// The `submit-to` URL that submissions are posted to; empty when the host page set none.
    pub submit_to: String,
}

/// The state at mount: the route and criteria from the fragment when this instance owns it and
/// the fragment is ours, else the results with the `area` attribute as filter.
pub fn initial_state(props: &Props, fragment: &str) -> State {
    if props.owns_fragment
        && let Some((route, criteria)) = from_fragment(fragment)
    {
        return State::new(route, criteria);
    }
    let mut criteria = Criteria { pages: 1, ..Criteria::default() };
    if !props.area.trim().is_empty() {
        criteria.areas.push(props.area.trim().to_owned());
    }
    let route = match props.view.as_str() {
        "start" => Route::Start,
        "offer" => Route::Offer(None),
        _ => Route::Discover,
    };
    State::new(route, criteria)
}

/// Where a later module stands for this instance.
#[derive(Clone, Copy)]
enum Part {
    /// Not asked for yet.
    Idle,
    /// Being fetched.
    Fetching,
    /// It could not be fetched.
    Failed,
    /// It is there.
    Ready(LaterFns),
}

/// A view of a later module that is shown: its module, its app's key in that module and which
/// form or page it is (a new one is a fresh app, so the start form and each offer form share no
/// state).
struct Shown {
    part: LaterPart,
    fns: LaterFns,
    app: u32,
    key: String,
}

/// Core's answer to the criteria, for the dataset it was computed for, and how long it took (ms).
type Answer = (Criteria, Rc<Loaded>, Rc<Results>, f64);

/// An event listener: where, for which event, and the closure (kept alive until removed).
type Listener = (web_sys::EventTarget, &'static str, Closure<dyn Fn(Event)>);

/// One mounted widget.
pub struct Shell {
    inner: Rc<Inner>,
}

struct Inner {
    /// The element the loader mounted us into.
    root: Element,
    props: RefCell<Props>,
    state: RefCell<Rc<State>>,
    /// Counts loads, so that a slow answer for an old `src` never replaces a newer one.
    generation: Cell<u32>,
    /// The search answer for the criteria and dataset it was computed for.
    answer: RefCell<Option<Answer>>,
    /// Whether the map shades by open needs.
    shade_by_open: Cell<bool>,
    /// Whether the map and filters start open: where there is room beside the results.
    wide: bool,
    /// Per [`LaterPart`], where its module stands.
    parts: [Cell<Part>; 3],
    shown: RefCell<Option<Shown>>,
    /// The route of the last render, to move focus when it changes.
    previous: RefCell<Option<Route>>,
    /// A view of the second module is on its way and should take the focus when it appears.
    focus_pending: Cell<bool>,
    /// Whether the first results were marked for the tests' timing.
    marked: Cell<bool>,
    /// Whether the element was removed (`Shell::unmount`).
    unmounted: Cell<bool>,
    /// The event listeners, removed on unmount.
    listeners: RefCell<Vec<Listener>>,
}

impl Shell {
    /// Mounts a widget into `root` and starts loading its data.
    pub fn mount(root: Element, props: Props) -> Shell {
        let state = initial_state(&props, &current_fragment());
        let inner = Rc::new(Inner {
            wide: is_wide(&root),
            root,
            props: RefCell::new(props),
            state: RefCell::new(Rc::new(state)),
            generation: Cell::new(0),
            answer: RefCell::default(),
            shade_by_open: Cell::new(false),
            parts: [Cell::new(Part::Idle), Cell::new(Part::Idle), Cell::new(Part::Idle)],
            shown: RefCell::default(),
            previous: RefCell::default(),
            focus_pending: Cell::new(false),
            marked: Cell::new(false),
            unmounted: Cell::new(false),
            listeners: RefCell::default(),
        });
        {
            let props = inner.props.borrow();
            // A page that opens on a view from a later module fetches it beside the data.
            if let Some(route) = later_route(&props.view, &inner.state.borrow().route) {
                Inner::fetch_part(&inner, route.part());
            }
        }
        Inner::listen(&inner);
        Inner::load(&inner);
        Shell { inner }
    }

    /// Follows changed `src` or `lang` attributes: loads again.
    pub fn update(&self, src: String, lang: String) {
        {
            let mut props = self.inner.props.borrow_mut();
            if props.src == src && props.lang == lang {
                return;
            }
            props.src = src;
            props.lang = lang;
        }
        Inner::load(&self.inner);
    }

    /// Removes the widget: its listeners, the second module's app, and its markup.
    pub fn unmount(&self) {
        let inner = &self.inner;
        inner.unmounted.set(true);
        inner.generation.set(inner.generation.get().wrapping_add(1));
        for (target, event, callback) in inner.listeners.take() {
            let _ = target.remove_event_listener_with_callback(event, callback.as_ref().unchecked_ref());
        }
        inner.hide_part();
        inner.root.replace_children_with_node_0();
    }
}

impl Inner {
    /// Sends `action` to the state and shows the result when it changed anything.
    fn dispatch(self: &Rc<Self>, action: Action) {
        let next = {
            let state = self.state.borrow();
            Rc::clone(&state).reduce(action)
        };
        if Rc::ptr_eq(&next, &self.state.borrow()) {
            return;
        }
        *self.state.borrow_mut() = next;
        self.render();
    }

    /// Fetches and parses the data file, then shows it (or why not).
    fn load(self: &Rc<Self>) {
        let this_load = self.generation.get().wrapping_add(1);
        self.generation.set(this_load);
        let started = Rc::clone(&self.state.borrow()).reduce(Action::Started);
        *self.state.borrow_mut() = started;
        self.render();
        let (src, lang) = {
            let props = self.props.borrow();
            (props.src.clone(), props.lang.clone())
        };
        let weak = Rc::downgrade(self);
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = Loaded::fetch(&src, &lang).await;
            if let Some(this) = weak.upgrade()
                && this.generation.get() == this_load
            {
                this.dispatch(Action::Finished(outcome));
            }
        });
    }

    /// Where the module of `part` stands.
    fn part(&self, part: LaterPart) -> &Cell<Part> {
        &self.parts[part.index()]
    }

    /// Starts fetching the module of `part`, unless it is there, on its way, or failed (then the
    /// visitor's retry sets it back to idle first): for the view shown, or on the visitor's
    /// intent to open one of its views (a pointer over or the focus on a card or a form's
    /// button), so that it is there, or on its way, by the click.
    fn fetch_part(self: &Rc<Self>, part: LaterPart) {
        if let Some(fns) = later::loaded(part) {
            self.part(part).set(Part::Ready(fns));
            return;
        }
        if !matches!(self.part(part).get(), Part::Idle) {
            return;
        }
        self.part(part).set(Part::Fetching);
        let weak = Rc::downgrade(self);
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = later::fetch(part).await;
            if let Some(this) = weak.upgrade() {
                let needed = later_route(&this.props.borrow().view, &this.state.borrow().route)
                    .is_some_and(|r| r.part() == part);
                // A fetch on intent that failed is left for the click to try again, with the
                // failure and its retry shown if that fails too.
                this.part(part).set(match outcome {
                    Some(fns) => Part::Ready(fns),
                    None if needed => Part::Failed,
                    None => Part::Idle,
                });
                // Focus moves when the view appears only if the visitor navigated to it
                // (`after_render` set `focus_pending`), never for a page that opened on it.
                if needed {
                    this.render();
                }
            }
        });
    }

    /// The search answer for the current criteria, computed once per change.
    fn answer(&self, loaded: &Rc<Loaded>, criteria: &Criteria) -> (Rc<Results>, f64) {
        let mut answer = self.answer.borrow_mut();
        if let Some((c, l, results, ms)) = &*answer
            && c == criteria
            && Rc::ptr_eq(l, loaded)
        {
            return (Rc::clone(results), *ms);
        }
        let started = now_ms();
        let results = Rc::new(search(&loaded.index, &criteria.to_query()));
        let ms = now_ms() - started;
        *answer = Some((criteria.clone(), Rc::clone(loaded), Rc::clone(&results), ms));
        (results, ms)
    }

    /// Shows the state: writes the markup, patches it into place, then does what follows a
    /// render (the second module's view, the fragment, the focus).
    fn render(self: &Rc<Self>) {
        // A fetch that ends after the element was removed has nothing to show.
        if self.unmounted.get() {
            return;
        }
        let state = Rc::clone(&self.state.borrow());
        let props = self.props.borrow().clone();
        let ui = UiLang::from_tag(&props.lang);
        let texts = ui.texts();
        let level = props.heading_level.clamp(1, 6);
        let mut m = Markup::new();
        m.open("div").attr("class", "vm-app").attr("lang", ui.code()).close();
        let mut later_view = None;
        let mut results_shown = false;
        match &state.load {
            Load::Loading => status_line(&mut m, texts.loading),
            Load::Failed(reason) => failure_markup(&mut m, reason, ui),
            Load::Loaded(loaded) => {
                match later_route(&props.view, &state.route) {
                    None => {
                        let (results, search_ms) = self.answer(loaded, &state.criteria);
                        skip_markup(&mut m, texts, results.total);
                        way_in_markup(&mut m, texts);
                        let page = current_page();
                        let view = DiscoverView {
                            loaded,
                            criteria: &state.criteria,
                            results: &results,
                            search_ms,
                            ui,
                            level,
                            page: &page,
                            wide: self.wide,
                            shade_by_open: self.shade_by_open.get(),
                            unknown_areas: &state.unknown_areas,
                        };
                        discover_markup(&mut m, &view);
                        results_shown = true;
                    }
                    Some(route) => {
                        self.fetch_part(route.part());
                        match self.part(route.part()).get() {
                            Part::Ready(_) => {
                                // The second module's app owns what is inside (`data-foreign`).
                                m.open("div").attr("class", "vm-part").attr("data-foreign", "").close().end("div");
                                later_view = Some((route, Rc::clone(loaded)));
                            }
                            Part::Failed => {
                                m.open("div").attr("class", "vm-error").attr("role", "alert").close();
                                m.element("p", "vm-error__message", texts.error_part);
                                button_line(&mut m, "vm-button", "retry-part", texts.retry);
                                m.end("div");
                            }
                            Part::Idle | Part::Fetching => status_line(&mut m, texts.loading),
                        }
                    }
                }
            }
        }
        m.end("div");
        if later_view.is_none() {
            self.hide_part();
        }
        morph(&self.root, &m.finish());
        if let Some((route, loaded)) = later_view {
            self.show_part(route, loaded, &props, ui, level);
        }
        self.after_render(&state, results_shown);
    }

    /// Shows `route` of the second module in its host, a fresh app when it is another form or
    /// page, else the same app with new properties.
    fn show_part(self: &Rc<Self>, route: LaterRoute, loaded: Rc<Loaded>, props: &Props, ui: UiLang, level: u8) {
        let part = route.part();
        let Part::Ready(fns) = self.part(part).get() else { return };
        let Ok(Some(host)) = self.root.query_selector("[data-foreign]") else { return };
        let key = match &route {
            LaterRoute::Detail(_) => "detail".to_owned(),
            LaterRoute::Start => "start".to_owned(),
            LaterRoute::Offer(for_initiative) => "offer-".to_owned() + for_initiative.as_deref().unwrap_or(""),
            LaterRoute::Agenda => "agenda".to_owned(),
        };
        let weak: Weak<Inner> = Rc::downgrade(self);
        let request = LaterRequest {
            loaded,
            route,
            ui,
            level,
            submit_to: props.submit_to.clone(),
            on_event: Rc::new(move |event| {
                if let Some(this) = weak.upgrade() {
                    this.on_later_event(event);
                }
            }),
        };
        // Not borrowed across the calls: the app may call back (`on_later_event`) as it renders.
        let shown = self.shown.take();
        let shown = match shown {
            Some(current) if current.part == part && current.key == key => {
                (fns.update)(current.app, request);
                current
            }
            other => {
                if let Some(old) = other {
                    (old.fns.hide)(old.app);
                }
                Shown { part, fns, app: (fns.show)(host, request), key }
            }
        };
        *self.shown.borrow_mut() = Some(shown);
    }

    /// Removes the later module's app, if one is shown.
    fn hide_part(&self) {
        if let Some(shown) = self.shown.take() {
            (shown.fns.hide)(shown.app);
        }
    }

    /// What the views of the second module ask for.
    fn on_later_event(self: &Rc<Self>, event: LaterEvent) {
        match event {
            LaterEvent::Back => self.back(),
            LaterEvent::Nav(route) => self.navigate(route),
            LaterEvent::Shown => {
                if self.focus_pending.take() {
                    let route = self.state.borrow().route.clone();
                    self.focus_after_navigation(&route, None);
                }
            }
            LaterEvent::Intent(part) => self.fetch_part(part),
        }
    }

    /// After the markup is in place: the fragment, the later style sheet, the focus and the mark
    /// for the first results.
    fn after_render(self: &Rc<Self>, state: &State, results_shown: bool) {
        let owns = self.props.borrow().owns_fragment;
        // The results' criteria go into the fragment (replacing the entry, so typing makes no
        // history), but only over a fragment that is ours or empty: the host's own is left alone.
        if owns && state.route == Route::Discover {
            let current = current_fragment();
            if current.starts_with(PREFIX) || (current.len() <= 1 && !state.criteria.is_unfiltered()) {
                let wanted = to_fragment(&state.route, &state.criteria);
                if wanted != current {
                    replace_fragment(&wanted);
                }
            }
        }
        if state.route != Route::Discover {
            self.link_later_styles();
        }
        if results_shown && !self.marked.replace(true) {
            // A mark for the first render with results, which the end-to-end tests read.
            if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
                let _ = performance.mark("verschilmaker:first-results");
            }
        }
        let loaded = matches!(state.load, Load::Loaded(_));
        let before = self.previous.borrow_mut().replace(state.route.clone());
        if !loaded || before.is_none() || before.as_ref() == Some(&state.route) {
            return;
        }
        let focused = self.focus_after_navigation(&state.route, state.came_from.as_deref());
        self.focus_pending.set(!focused && state.route != Route::Discover);
    }

    /// Links the style sheet of the views in the second module, which the loader leaves without
    /// an address (`data-vm-later`) on a page that opens on the overview.
    fn link_later_styles(&self) {
        let shadow = self.root.get_root_node();
        let Some(shadow) = shadow.dyn_ref::<web_sys::DocumentFragment>() else { return };
        let Ok(Some(link)) = shadow.query_selector("link[data-vm-later]:not([href])") else { return };
        if let Some(href) = link.get_attribute("data-vm-later") {
            let _ = link.set_attribute("href", &href);
        }
    }

    /// Moves focus to what navigating to `route` shows: the page's heading, or the card the
    /// visitor came back from. Whether there was something to focus.
    fn focus_after_navigation(&self, route: &Route, came_from: Option<&str>) -> bool {
        let target = match route {
            Route::Initiative(_) => self.root.query_selector(".vm-detail__title").ok().flatten(),
            Route::Start | Route::Offer(_) => self.root.query_selector(".vm-form__title").ok().flatten(),
            Route::Discover => came_from.and_then(|id| {
                let links = self.root.query_selector_all(".vm-card__link").ok()?;
                (0..links.length())
                    .filter_map(|i| links.item(i)?.dyn_into::<Element>().ok())
                    .find(|link| link.get_attribute("data-id").as_deref() == Some(id))
            }),
        };
        target.and_then(|t| t.dyn_into::<HtmlElement>().ok()).is_some_and(|target| target.focus().is_ok())
    }

    /// Opens an initiative from the results, as a new history entry.
    fn open(self: &Rc<Self>, id: String) {
        if self.props.borrow().owns_fragment {
            let criteria = self.state.borrow().criteria.clone();
            let current = current_fragment();
            if current.starts_with(PREFIX) || current.len() <= 1 {
                replace_fragment(&to_fragment(&Route::Discover, &criteria));
            }
            push_fragment(&to_fragment(&Route::Initiative(id.clone()), &criteria));
        }
        self.dispatch(Action::OpenInitiative(id));
    }

    /// Back from an initiative to the results: the history entry before, when the visitor came
    /// from there.
    fn back(self: &Rc<Self>) {
        if self.props.borrow().owns_fragment {
            let (criteria, came_from_results) = {
                let state = self.state.borrow();
                (state.criteria.clone(), state.came_from.is_some())
            };
            match web_sys::window().and_then(|w| w.history().ok()) {
                Some(history) if came_from_results => {
                    let _ = history.back();
                }
                _ => push_fragment(&to_fragment(&Route::Discover, &criteria)),
            }
        }
        self.dispatch(Action::Navigate(Route::Discover, None));
    }

    /// Into one of the forms (or back), as a new history entry like opening an initiative.
    fn navigate(self: &Rc<Self>, route: Route) {
        if self.props.borrow().owns_fragment {
            let criteria = self.state.borrow().criteria.clone();
            push_fragment(&to_fragment(&route, &criteria));
        }
        self.dispatch(Action::Navigate(route, None));
    }

    /// Listens to the visitor: one listener per kind of event on the mount point (the markup's
    /// controls say what they are by `name`, `id` and `data-` attributes), and to the fragment
    /// when this instance owns it.
    fn listen(self: &Rc<Self>) {
        let mut listeners = self.listeners.borrow_mut();
        for kind in ["click", "keydown", "input", "change", "submit", "pointerover", "focusin"] {
            let weak = Rc::downgrade(self);
            let callback = Closure::<dyn Fn(Event)>::new(move |event: Event| {
                if let Some(this) = weak.upgrade() {
                    this.on_event(&event);
                }
            });
            let target: web_sys::EventTarget = self.root.clone().into();
            let _ = target.add_event_listener_with_callback(kind, callback.as_ref().unchecked_ref());
            listeners.push((target, kind, callback));
        }
        if !self.props.borrow().owns_fragment {
            return;
        }
        let Some(window) = web_sys::window() else { return };
        let was_ours = Rc::new(Cell::new(current_fragment().starts_with(PREFIX)));
        for kind in ["hashchange", "popstate"] {
            let (weak, was_ours) = (Rc::downgrade(self), Rc::clone(&was_ours));
            let callback = Closure::<dyn Fn(Event)>::new(move |_: Event| {
                if let Some(this) = weak.upgrade() {
                    this.on_fragment(&was_ours);
                }
            });
            let target: web_sys::EventTarget = window.clone().into();
            let _ = target.add_event_listener_with_callback(kind, callback.as_ref().unchecked_ref());
            listeners.push((target, kind, callback));
        }
    }

    /// The fragment changed: our fragments are navigation; leaving one of ours for a fragment
    /// of the host page returns to the results.
    fn on_fragment(self: &Rc<Self>, was_ours: &Cell<bool>) {
        match from_fragment(&current_fragment()) {
            Some((route, criteria)) => {
                was_ours.set(true);
                let criteria = (route == Route::Discover).then_some(criteria);
                self.dispatch(Action::Navigate(route, criteria));
            }
            None if was_ours.get() => {
                was_ours.set(false);
                self.dispatch(Action::Navigate(Route::Discover, None));
            }
            None => {}
        }
    }

    /// One event from the markup.
    fn on_event(self: &Rc<Self>, event: &Event) {
        // The second module's views handle their own events.
        if target_matching(event, "[data-foreign]").is_some() {
            return;
        }
        // A pointer over, or the focus on, something that opens a view of a later module is the
        // intent to open it: fetch that module now, so that the click does not wait for it.
        if matches!(event.type_().as_str(), "pointerover" | "focusin") {
            if target_matching(event, INTENT_DETAIL).is_some() {
                self.fetch_part(LaterPart::Detail);
            } else if target_matching(event, INTENT_FORMS).is_some() {
                self.fetch_part(LaterPart::Forms);
            }
            if event.type_() == "focusin"
                && let Some(area) = target_matching(event, "[data-area]")
            {
                map::focus_moved(&area);
            }
            return;
        }
        if event.type_() == "keydown" && map::roving_key(event) {
            return;
        }
        if event.type_() == "submit" {
            event.prevent_default();
            return;
        }
        if event.type_() == "click"
            && let Some(button) = target_matching(event, "button[data-act]")
        {
            match button.get_attribute("data-act").as_deref() {
                Some("retry") => return Inner::load(self),
                Some("retry-part") => {
                    // The render fetches the current view's module again.
                    for part in &self.parts {
                        if matches!(part.get(), Part::Failed) {
                            part.set(Part::Idle);
                        }
                    }
                    self.render();
                    return;
                }
                Some("skip") => {
                    let count = self.root.query_selector(".vm-result-count").ok().flatten();
                    if let Some(count) = count.and_then(|c| c.dyn_into::<HtmlElement>().ok()) {
                        let _ = count.focus();
                    }
                    return;
                }
                Some("start") => return self.navigate(Route::Start),
                Some("offer") => return self.navigate(Route::Offer(None)),
                _ => {}
            }
        }
        match discover_input(event) {
            Some(DiscoverInput::Act(action)) => self.dispatch(action),
            Some(DiscoverInput::Open(id)) => self.open(id),
            Some(DiscoverInput::Shade(by_open)) => {
                self.shade_by_open.set(by_open);
                self.render();
            }
            None => {}
        }
    }
}

/// The view of a later module that the `view` attribute and the route show, if any.
fn later_route(view: &str, route: &Route) -> Option<LaterRoute> {
    match route {
        _ if view == "agenda" => Some(LaterRoute::Agenda),
        Route::Discover => None,
        Route::Initiative(id) => Some(LaterRoute::Detail(id.clone())),
        Route::Start => Some(LaterRoute::Start),
        Route::Offer(for_initiative) => Some(LaterRoute::Offer(for_initiative.clone())),
    }
}

/// What opens the initiative page, whose module a pointer over it or the focus on it fetches: a
/// card's link.
const INTENT_DETAIL: &str = ".vm-card__link";
/// What opens a form: the start and offer buttons.
const INTENT_FORMS: &str = "button[data-act=start], button[data-act=offer]";

/// The host page's current fragment, such as `#verschilmaker/zoeken`.
fn current_fragment() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// The host page's `location.pathname` and `location.search`: where the widget's links and
/// addresses stay (see `route::page_url`).
fn current_page() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else { return String::new() };
    let mut page = location.pathname().unwrap_or_default();
    page.push_str(&location.search().unwrap_or_default());
    page
}

/// Replaces the current history entry's fragment without a new entry or a `hashchange`; the
/// address is the page's own, not resolved against a `<base href>`.
fn replace_fragment(fragment: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let url = page_url(&current_page(), fragment);
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Sets the fragment as a new history entry (the browser fires `hashchange`).
fn push_fragment(fragment: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(fragment);
    }
}

/// Whether the widget itself (not the window: a content column can be narrow on a wide screen)
/// is wide enough for the filters beside the results (52em at 16 px, as the style sheet's
/// container query). An element not laid out yet (width 0) counts as narrow.
fn is_wide(root: &Element) -> bool {
    root.client_width() >= 832
}

#[cfg(test)]
mod tests {
    use super::*;

    fn props(view: &str) -> Props {
        Props {
            src: "/data.json".into(),
            lang: "nl".into(),
            heading_level: 2,
            area: "zuid".into(),
            owns_fragment: false,
            view: view.to_owned(),
            submit_to: String::new(),
        }
    }

    #[test]
    fn the_view_attribute_chooses_the_first_view() {
        assert_eq!(initial_state(&props("start"), "").route, Route::Start);
        assert_eq!(initial_state(&props("offer"), "").route, Route::Offer(None));
        let discover = initial_state(&props("discover"), "");
        assert_eq!((discover.route, discover.criteria.areas), (Route::Discover, vec!["zuid".to_owned()]));
        assert_eq!(initial_state(&props(""), "").route, Route::Discover);
    }

    #[test]
    fn only_the_owner_reads_the_fragment() {
        let fragment = "#verschilmaker/initiatief/moestuin-de-vlier";
        assert_eq!(initial_state(&props(""), fragment).route, Route::Discover);
        let owner = Props { owns_fragment: true, ..props("") };
        assert_eq!(initial_state(&owner, fragment).route, Route::Initiative("moestuin-de-vlier".into()));
    }
}
