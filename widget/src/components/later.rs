//! The views that most visitors never open, fetched on first use.
//!
//! Most visits only search and browse, so the initiative page (with matching), the forms and the
//! agenda are not in the first download: `www build` splits their code into a second wasm module
//! (binaryen-style wasm splitting with `wasm_split_cli_support`; see docs/bundle-size.md). That
//! module shares the first one's memory and function table, so it works on the dataset that is
//! already loaded and indexed.
//!
//! The second module also holds yew: the first one is written without it (see [`crate::shell`]).
//! Each view runs as a yew app of its own in a host element the shell gives it; the shell talks
//! to it through [`LaterFns`], three plain functions, and hears back through
//! [`LaterRequest::on_event`].
//!
//! Natively (tests) there is nothing to fetch: [`loaded`] has the functions at once.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_split_helpers::SplitLoaderError;
#[cfg(not(feature = "workbench"))]
use wasm_split_helpers::wasm_split;
use web_sys::Element;
use yew::prelude::*;

use crate::components::facilitate::AgendaProps;
use crate::components::{Agenda, Detail, DetailProps, Forms, FormsProps};
use crate::data::Loaded;
use crate::i18n::UiLang;
use crate::route::Route;

/// Which view of the second module to show.
#[derive(Clone, Debug, PartialEq)]
pub enum LaterRoute {
    /// One initiative's page, by id.
    Detail(String),
    /// The start form.
    Start,
    /// The offer form, for one initiative when it came from its page.
    Offer(Option<String>),
    /// The pitch agenda (`view="agenda"`).
    Agenda,
}

/// What a view of the second module asks of the shell.
#[derive(Clone, Debug, PartialEq)]
pub enum LaterEvent {
    /// Back to the results.
    Back,
    /// To another route (a form, or the results).
    Nav(Route),
    /// The view rendered for a new route: focus may move to it.
    Shown,
}

/// Everything a view of the second module needs.
#[derive(Clone)]
pub struct LaterRequest {
    /// The dataset.
    pub loaded: Rc<Loaded>,
    /// The view.
    pub route: LaterRoute,
    /// The visitor's language.
    pub ui: UiLang,
    /// The level of the view's heading.
    pub level: u8,
    /// The `submit-to` URL; empty when the host page set none.
    pub submit_to: String,
    /// Where the view's requests go.
    pub on_event: Rc<dyn Fn(LaterEvent)>,
}

impl std::fmt::Debug for LaterRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LaterRequest").field("route", &self.route).field("ui", &self.ui).finish_non_exhaustive()
    }
}

/// The second module's entry points, as plain function pointers (their code is in that module).
#[derive(Clone, Copy, Debug)]
pub struct LaterFns {
    /// Shows a view in `host` as a new app; returns the app's key.
    pub show: fn(Element, LaterRequest) -> u32,
    /// Gives a shown app new properties.
    pub update: fn(u32, LaterRequest),
    /// Removes a shown app.
    pub hide: fn(u32),
}

thread_local! {
    static LOADED: Cell<Option<LaterFns>> = const { Cell::new(None) };
    /// The apps shown, by key.
    static APPS: RefCell<Vec<(u32, yew::AppHandle<LaterApp>)>> = const { RefCell::new(Vec::new()) };
    static NEXT_KEY: Cell<u32> = const { Cell::new(0) };
    /// Whether [`prefetch`] has started a fetch that has not failed.
    static PREFETCHING: Cell<bool> = const { Cell::new(false) };
}

/// The split point: everything only this function reaches (the views below and what they call:
/// yew, matching, the forms' model, the calendar export) goes into the second module.
#[cfg(not(feature = "workbench"))]
#[wasm_split(later, fallible)]
fn entry_points() -> Result<LaterFns, SplitLoaderError> {
    Ok(LaterFns { show, update, hide })
}

/// The same without a split point, in the workbench's build, which never shows these views.
///
/// Why? A split point is an export of the linked module, and the workbench bundle is not split:
/// the export kept the residents' views in it as dead code (measured: 399.6 KB gzipped with it,
/// 326.5 KB without).
#[cfg(feature = "workbench")]
async fn entry_points() -> Result<LaterFns, SplitLoaderError> {
    Ok(LaterFns { show, update, hide })
}

/// The entry points, when the second module is there (natively, always).
pub fn loaded() -> Option<LaterFns> {
    if cfg!(target_arch = "wasm32") { LOADED.get() } else { Some(LaterFns { show, update, hide }) }
}

/// Fetches the second module (once per page); `None` when it could not be fetched.
pub async fn fetch() -> Option<LaterFns> {
    if let Some(fns) = loaded() {
        return Some(fns);
    }
    let fns = entry_points().await.ok()?;
    LOADED.set(Some(fns));
    Some(fns)
}

/// Starts fetching the second module, once per page, when a visitor shows the intent to open
/// one of its views (a pointer over or the focus on a card or a form's button), so that it is
/// there, or on its way, by the click. A failure is left for the click to show, with its retry.
/// The split loader shares one fetch between this and [`fetch`], so nothing is fetched twice.
pub fn prefetch() {
    if !cfg!(target_arch = "wasm32") || LOADED.get().is_some() || PREFETCHING.replace(true) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        if fetch().await.is_none() {
            // Let a later intent try again.
            PREFETCHING.set(false);
        }
    });
}

fn show(host: Element, request: LaterRequest) -> u32 {
    let key = NEXT_KEY.get();
    NEXT_KEY.set(key.wrapping_add(1));
    let props = LaterAppProps { request: Rc::new(request) };
    let handle = yew::Renderer::<LaterApp>::with_root_and_props(host, props).render();
    APPS.with_borrow_mut(|apps| apps.push((key, handle)));
    key
}

fn update(key: u32, request: LaterRequest) {
    APPS.with_borrow_mut(|apps| {
        if let Some((_, handle)) = apps.iter_mut().find(|(k, _)| *k == key) {
            handle.update(LaterAppProps { request: Rc::new(request) });
        }
    });
}

fn hide(key: u32) {
    let handle = APPS.with_borrow_mut(|apps| {
        let at = apps.iter().position(|(k, _)| *k == key)?;
        Some(apps.swap_remove(at).1)
    });
    if let Some(handle) = handle {
        handle.destroy();
    }
}

/// The props of [`LaterApp`].
#[derive(Clone, Debug, Properties)]
pub struct LaterAppProps {
    /// What to show.
    pub request: Rc<LaterRequest>,
}

impl PartialEq for LaterAppProps {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&self.request, &other.request);
        Rc::ptr_eq(&a.loaded, &b.loaded)
            && a.route == b.route
            && a.ui == b.ui
            && a.level == b.level
            && a.submit_to == b.submit_to
    }
}

/// One view of the second module, as an app of its own.
#[component]
pub fn LaterApp(props: &LaterAppProps) -> Html {
    let request = &props.request;
    {
        let on_event = request.on_event.clone();
        use_effect_with(request.route.clone(), move |_| on_event(LaterEvent::Shown));
    }
    let on_event = request.on_event.clone();
    let nav = Callback::from(move |route: Route| on_event(LaterEvent::Nav(route)));
    let (loaded, ui, level) = (request.loaded.clone(), request.ui, request.level);
    let forms = |start: bool, for_initiative: Option<String>| {
        let props = FormsProps {
            loaded: loaded.clone(),
            ui,
            level,
            start,
            for_initiative,
            submit_to: AttrValue::from(request.submit_to.clone()),
            on_nav: nav.clone(),
        };
        html! { <Forms ..props /> }
    };
    match &request.route {
        LaterRoute::Detail(id) => {
            let on_event = request.on_event.clone();
            let props = DetailProps {
                loaded: loaded.clone(),
                id: id.clone(),
                ui,
                level,
                on_back: Callback::from(move |()| on_event(LaterEvent::Back)),
                on_help: nav.reform(|id: String| Route::Offer(Some(id))),
            };
            html! { <Detail ..props /> }
        }
        LaterRoute::Start => forms(true, None),
        LaterRoute::Offer(for_initiative) => forms(false, for_initiative.clone()),
        LaterRoute::Agenda => {
            let props = AgendaProps { loaded, ui, level };
            html! { <Agenda ..props /> }
        }
    }
}
