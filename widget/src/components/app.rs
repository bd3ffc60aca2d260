//! The root component: loads the data file named by `src`, shows the discover view, one
//! initiative or one of the forms, and keeps the view in the host page's URL fragment when this instance owns it.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

#[cfg(feature = "workbench")]
use crate::components::Facilitate;
use crate::components::common::{send, status_line};
use crate::components::facilitate::AgendaProps;
use crate::components::{DetailProps, Discover, FormsProps, Later, LaterView, failure, fetch_early};
use crate::data::Loaded;
use crate::fetch::fetch_text;
use crate::i18n::UiLang;
use crate::route::{Criteria, PREFIX, Route, from_fragment, to_fragment};
use crate::state::{Action, Load, State};

/// The attributes of the `<verschil-maker>` element.
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct AppProps {
    /// The dataset URL.
    pub src: AttrValue,
    /// The visitor's language, a BCP 47 tag.
    pub lang: AttrValue,
    /// The level of the widget's top heading (1–6).
    #[prop_or(2)]
    pub heading_level: u8,
    /// An area id to preselect as filter.
    #[prop_or_default]
    pub area: AttrValue,
    /// Whether this instance reads and writes the URL fragment (the first on the page does).
    #[prop_or_default]
    pub owns_fragment: bool,
    /// The `view` attribute as the loader accepted it (`discover` when unset).
    #[prop_or_default]
    pub view: AttrValue,
    /// The `submit-to` URL that submissions are posted to; empty when the host page set none.
    #[prop_or_default]
    pub submit_to: AttrValue,
}

/// The host page's current fragment, such as `#verschilmaker/zoeken` (empty natively).
fn current_fragment() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Replaces the current history entry's fragment without a new entry or a `hashchange`.
fn replace_fragment(fragment: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(fragment));
    }
}

/// Sets the fragment as a new history entry (the browser fires `hashchange`).
fn push_fragment(fragment: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(fragment);
    }
}

/// Links the style sheet of the views in the second module, which the loader leaves without an
/// address (`data-vm-later`) on a page that opens on the overview; nothing when it is linked.
fn link_later_styles(root: &NodeRef) {
    let Some(root) = root.cast::<web_sys::Element>() else { return };
    let shadow = root.get_root_node();
    let Some(shadow) = shadow.dyn_ref::<web_sys::DocumentFragment>() else { return };
    let Ok(Some(link)) = shadow.query_selector("link[data-vm-later]:not([href])") else { return };
    if let Some(href) = link.get_attribute("data-vm-later") {
        let _ = link.set_attribute("href", &href);
    }
}

/// Moves focus to what navigating to `route` shows: the page's heading, or the card the
/// visitor came back from. Whether there was something to focus.
fn focus_after_navigation(root: &NodeRef, route: &Route, came_from: Option<&str>) -> bool {
    let Some(root) = root.cast::<web_sys::Element>() else { return false };
    let target = match route {
        Route::Initiative(_) => root.query_selector(".vm-detail__title").ok().flatten(),
        Route::Start | Route::Offer(_) => root.query_selector(".vm-form__title").ok().flatten(),
        Route::Discover => came_from.and_then(|id| {
            let links = root.query_selector_all(".vm-card__link").ok()?;
            (0..links.length())
                .filter_map(|i| links.item(i)?.dyn_into::<web_sys::Element>().ok())
                .find(|link| link.get_attribute("data-id").as_deref() == Some(id))
        }),
    };
    target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()).is_some_and(|target| target.focus().is_ok())
}

/// The state at mount: the route and criteria from the fragment when this instance owns it and
/// the fragment is ours, else the results with the `area` attribute as filter.
fn initial_state(props: &AppProps) -> State {
    if props.owns_fragment
        && let Some((route, criteria)) = from_fragment(&current_fragment())
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

/// Listens to `hashchange` and `popstate` while it lives, and turns our fragments into
/// navigation; leaving one of our fragments for a fragment of the host page returns to the results.
struct FragmentListener {
    callback: Closure<dyn Fn()>,
}

impl FragmentListener {
    fn new(dispatch: UseReducerDispatcher<State>) -> FragmentListener {
        let was_ours = Rc::new(Cell::new(current_fragment().starts_with(PREFIX)));
        let callback = Closure::<dyn Fn()>::new(move || match from_fragment(&current_fragment()) {
            Some((route, criteria)) => {
                was_ours.set(true);
                let criteria = (route == Route::Discover).then_some(criteria);
                dispatch.dispatch(Action::Navigate(route, criteria));
            }
            None if was_ours.get() => {
                was_ours.set(false);
                dispatch.dispatch(Action::Navigate(Route::Discover, None));
            }
            None => {}
        });
        if let Some(window) = web_sys::window() {
            for event in ["hashchange", "popstate"] {
                let _ = window.add_event_listener_with_callback(event, callback.as_ref().unchecked_ref());
            }
        }
        FragmentListener { callback }
    }
}

impl Drop for FragmentListener {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            for event in ["hashchange", "popstate"] {
                let _ = window.remove_event_listener_with_callback(event, self.callback.as_ref().unchecked_ref());
            }
        }
    }
}

/// The way into the forms from the overview: start an initiative, or offer help.
fn way_in(texts: &crate::i18n::Texts, on_nav: &Callback<Route>) -> Html {
    // One closure type for both buttons, as `send` does for actions.
    let go = |route: Route| on_nav.reform(move |_: MouseEvent| route.clone());
    let (start, offer) = (go(Route::Start), go(Route::Offer(None)));
    html! {
        <nav class="vm-way-in" aria-label={texts.way_in}>
            <p class="vm-way-in__text">{ texts.way_in }</p>
            <button type="button" class="vm-button vm-way-in__start" onclick={start}>{ texts.nav_start }</button>
            <button type="button" class="vm-button vm-way-in__offer" onclick={offer}>{ texts.nav_offer }</button>
        </nav>
    }
}

/// A view from the second module, keyed: a new key makes a new `Later` (a fresh form per route).
///
/// Why one function for the three places? Each `html!` of a component inlines its properties'
/// builder and the conversion to a node; once is enough. (The initiative page and the agenda had
/// no key before: their keys stay the same as long as the view does, so nothing is remade that
/// was kept before.)
fn later(key: String, view: LaterView, ui: UiLang, on_shown: Callback<()>) -> Html {
    html! { <Later {key} {view} {ui} {on_shown} /> }
}

/// The whole widget.
#[component]
pub fn App(props: &AppProps) -> Html {
    let state = {
        let props = props.clone();
        use_reducer(move || {
            let state = initial_state(&props);
            // A page that opens on a view from the second module fetches it beside the data.
            // Here, where the first state is made (once), rather than in an effect of its own:
            // every effect is yew's effect code instantiated once more in the first module.
            if props.view == "agenda" || state.route != Route::Discover {
                fetch_early();
            }
            state
        })
    };
    // Counts loads, so that a slow answer for an old `src` never replaces a newer one.
    let generation = use_mut_ref(|| Rc::new(Cell::new(0u32)));
    let root = use_node_ref();

    {
        let state = state.clone();
        let generation = generation.borrow().clone();
        use_effect_with((props.src.clone(), props.lang.clone(), state.attempt), move |(src, lang, _attempt)| {
            let this_load = generation.get().wrapping_add(1);
            generation.set(this_load);
            state.dispatch(Action::Started);
            let (src, lang) = (src.clone(), lang.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let ui = UiLang::from_tag(&lang);
                let outcome = match fetch_text(&src).await {
                    Ok(json) => Loaded::from_json(&json, ui.code()).map(Rc::new),
                    Err(failure) => Err(failure),
                };
                if generation.get() == this_load {
                    state.dispatch(Action::Finished(outcome));
                }
            });
        });
    }

    {
        let dispatch = state.dispatcher();
        use_effect_with(props.owns_fragment, move |&owns| {
            let listener = owns.then(|| FragmentListener::new(dispatch));
            move || drop(listener)
        });
    }

    // The results' criteria go into the fragment (replacing the entry, so typing makes no
    // history), but only over a fragment that is ours or empty: the host's own is left alone.
    use_effect_with((state.route.clone(), state.criteria.clone(), props.owns_fragment), |(route, criteria, owns)| {
        if *owns && *route == Route::Discover {
            let current = current_fragment();
            if current.starts_with(PREFIX) || (current.len() <= 1 && !criteria.is_unfiltered()) {
                let wanted = to_fragment(route, criteria);
                if wanted != current {
                    replace_fragment(&wanted);
                }
            }
        }
    });

    // Focus follows navigation: to the page's heading, and back to the card the visitor came from.
    // A view whose module is still being fetched has no heading yet: its `Later` calls
    // `on_shown` when it appears, and focus moves then.
    let focus_pending = use_mut_ref(bool::default);
    {
        let previous = use_mut_ref(|| None::<Route>);
        let root = root.clone();
        let came_from = state.came_from.clone();
        let loaded = matches!(state.load, Load::Loaded(_));
        let focus_pending = focus_pending.clone();
        use_effect_with((state.route.clone(), loaded), move |(route, loaded)| {
            if *route != Route::Discover {
                // Beside the second module's code, which `Later` fetches now.
                link_later_styles(&root);
            }
            let before = previous.borrow_mut().replace(route.clone());
            if !*loaded || before.is_none() || before.as_ref() == Some(route) {
                return;
            }
            let focused = focus_after_navigation(&root, route, came_from.as_deref());
            *focus_pending.borrow_mut() = !focused && *route != Route::Discover;
        });
    }
    let on_shown = {
        let root = root.clone();
        let route = state.route.clone();
        Callback::from(move |()| {
            if std::mem::take(&mut *focus_pending.borrow_mut()) {
                focus_after_navigation(&root, &route, None);
            }
        })
    };

    let owns = props.owns_fragment;
    let on_action = {
        let dispatch = state.dispatcher();
        Callback::from(move |action: Action| dispatch.dispatch(action))
    };
    let on_open = {
        let dispatch = state.dispatcher();
        let criteria = state.criteria.clone();
        Callback::from(move |id: String| {
            if owns {
                let current = current_fragment();
                if current.starts_with(PREFIX) || current.len() <= 1 {
                    replace_fragment(&to_fragment(&Route::Discover, &criteria));
                }
                push_fragment(&to_fragment(&Route::Initiative(id.clone()), &criteria));
            }
            dispatch.dispatch(Action::OpenInitiative(id));
        })
    };
    let on_back = {
        let dispatch = state.dispatcher();
        let criteria = state.criteria.clone();
        let came_from_results = state.came_from.is_some();
        Callback::from(move |()| {
            if owns {
                // The entry before is the results when the visitor came from there.
                let history = web_sys::window().and_then(|w| w.history().ok());
                match history {
                    Some(history) if came_from_results => {
                        let _ = history.back();
                    }
                    _ => push_fragment(&to_fragment(&Route::Discover, &criteria)),
                }
            }
            dispatch.dispatch(Action::Navigate(Route::Discover, None));
        })
    };

    // Into one of the forms (or back), as a new history entry like opening an initiative.
    let on_nav = {
        let dispatch = state.dispatcher();
        let criteria = state.criteria.clone();
        Callback::from(move |route: Route| {
            if owns {
                push_fragment(&to_fragment(&route, &criteria));
            }
            dispatch.dispatch(Action::Navigate(route, None));
        })
    };

    let ui = UiLang::from_tag(&props.lang);
    let texts = ui.texts();
    let level = props.heading_level.clamp(1, 6);
    // A fresh form per route (its `key`): the start form and each offer form share no state.
    let forms = |loaded: &Rc<Loaded>, start: bool, for_initiative: Option<String>| {
        let key =
            if start { "start".to_owned() } else { "offer-".to_owned() + for_initiative.as_deref().unwrap_or("") };
        let view = LaterView::Forms(FormsProps {
            loaded: loaded.clone(),
            ui,
            level,
            start,
            for_initiative,
            submit_to: props.submit_to.clone(),
            on_nav: on_nav.clone(),
        });
        later(key, view, ui, on_shown.clone())
    };
    let body = match &state.load {
        Load::Loading => status_line(texts.loading),
        Load::Failed(reason) => failure(reason, ui, send(&on_action, Action::Retry)),
        // The facilitator's workbench and the agenda replace the resident routes (issue 7). The
        // resident bundle has no workbench; the loader never asks it for `facilitate`.
        #[cfg(feature = "workbench")]
        Load::Loaded(loaded) if props.view == "facilitate" => html! {
            <Facilitate loaded={loaded.clone()} {ui} {level} />
        },
        Load::Loaded(loaded) if props.view == "agenda" => {
            let view = LaterView::Agenda(AgendaProps { loaded: loaded.clone(), ui, level });
            later("agenda".to_owned(), view, ui, Callback::noop())
        }
        Load::Loaded(loaded) => match &state.route {
            Route::Discover => html! { <>
                { way_in(texts, &on_nav) }
                <Discover loaded={loaded.clone()} criteria={state.criteria.clone()} {ui} {level} {on_action} {on_open} />
            </> },
            // The initiative page and the forms come with the second module (`Later`).
            Route::Initiative(id) => {
                let on_help = on_nav.reform(|id: String| Route::Offer(Some(id)));
                let view = LaterView::Detail(DetailProps {
                    loaded: loaded.clone(),
                    id: id.clone(),
                    ui,
                    level,
                    on_back,
                    on_help,
                });
                later("detail".to_owned(), view, ui, on_shown.clone())
            }
            Route::Start => forms(loaded, true, None),
            Route::Offer(for_initiative) => forms(loaded, false, for_initiative.clone()),
        },
    };
    html! {
        <div class="vm-app" lang={ui.code()} ref={root}>{ body }</div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn props(view: &str) -> AppProps {
        AppProps {
            src: "/data.json".into(),
            lang: "nl".into(),
            heading_level: 2,
            area: "zuid".into(),
            owns_fragment: false,
            view: view.to_owned().into(),
            submit_to: AttrValue::default(),
        }
    }

    #[test]
    fn the_view_attribute_chooses_the_first_view() {
        assert_eq!(initial_state(&props("start")).route, Route::Start);
        assert_eq!(initial_state(&props("offer")).route, Route::Offer(None));
        let discover = initial_state(&props("discover"));
        assert_eq!((discover.route, discover.criteria.areas), (Route::Discover, vec!["zuid".to_owned()]));
        assert_eq!(initial_state(&props("")).route, Route::Discover);
    }
}
