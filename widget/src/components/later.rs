//! The views that most visitors never open, fetched on first use.
//!
//! Most visits only search and browse, so the initiative page (with matching), the forms and the
//! agenda are not in the first download: `www build` splits their code into later wasm modules
//! (binaryen-style wasm splitting with `wasm_split_cli_support`; see docs/bundle-size.md), one
//! per [`LaterPart`], and what two or three of them share (yew, most of all) into modules of its
//! own that the split loader fetches with either. They share the first module's memory and
//! function table, so they work on the dataset that is already loaded and indexed.
//!
//! The later modules also hold yew: the first one is written without it (see [`crate::shell`]).
//! Each view runs as a yew app of its own in a host element the shell gives it; the shell talks
//! to it through [`LaterFns`], three plain functions per part, and hears back through
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

/// Which view of the later modules to show.
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

/// What a view of the later modules asks of the shell.
#[derive(Clone, Debug, PartialEq)]
pub enum LaterEvent {
    /// Back to the results.
    Back,
    /// To another route (a form, or the results).
    Nav(Route),
    /// The view rendered for a new route: focus may move to it.
    Shown,
    /// The visitor shows the intent to open a view of another later module: fetch it now.
    Intent(LaterPart),
}

/// Everything a view of the later modules needs.
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

/// Which of the later modules a view is in. Each is fetched on its first use, so that a
/// visitor who opens an initiative does not wait for the forms' code, nor one who fills in a
/// form for the initiative page's; what two of them share is in modules of its own that the
/// split loader fetches with either (`docs/bundle-size.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LaterPart {
    /// The initiative page, with matching.
    Detail,
    /// The start and offer forms.
    Forms,
    /// The pitch agenda.
    Agenda,
}

impl LaterPart {
    /// Its place in a per-part array (the loaded modules here, the shell's fetch states).
    pub fn index(self) -> usize {
        match self {
            LaterPart::Detail => 0,
            LaterPart::Forms => 1,
            LaterPart::Agenda => 2,
        }
    }
}

impl LaterRoute {
    /// The module this view is in.
    pub fn part(&self) -> LaterPart {
        match self {
            LaterRoute::Detail(_) => LaterPart::Detail,
            LaterRoute::Start | LaterRoute::Offer(_) => LaterPart::Forms,
            LaterRoute::Agenda => LaterPart::Agenda,
        }
    }
}

/// A later module's entry points, as plain function pointers (their code is in that module).
#[derive(Clone, Copy, Debug)]
pub struct LaterFns {
    /// Shows a view in `host` as a new app; returns the app's key.
    pub show: fn(Element, LaterRequest) -> u32,
    /// Gives a shown app new properties.
    pub update: fn(u32, LaterRequest),
    /// Removes a shown app.
    pub hide: fn(u32),
}

/// A shown app, whichever view's it is.
trait ShownApp {
    fn update(&mut self, props: LaterAppProps);
    fn destroy(self: Box<Self>);
}

impl<C: BaseComponent<Properties = LaterAppProps>> ShownApp for yew::AppHandle<C> {
    fn update(&mut self, props: LaterAppProps) {
        yew::AppHandle::update(self, props);
    }

    fn destroy(self: Box<Self>) {
        yew::AppHandle::destroy(*self);
    }
}

thread_local! {
    /// Per [`LaterPart`], its entry points once its module is there.
    static LOADED: [Cell<Option<LaterFns>>; 3] = const { [Cell::new(None), Cell::new(None), Cell::new(None)] };
    /// The apps shown, by key.
    static APPS: RefCell<Vec<(u32, Box<dyn ShownApp>)>> = RefCell::new(Vec::new());
    static NEXT_KEY: Cell<u32> = const { Cell::new(0) };
}

/// The entry points of the view `C`, one module's.
fn fns<C: BaseComponent<Properties = LaterAppProps>>() -> LaterFns {
    LaterFns { show: show::<C>, update, hide }
}

/// The split points: everything only one of these functions reaches (its view and what that
/// calls) goes into that view's module; what two or three reach, into a module they share.
#[cfg(not(feature = "workbench"))]
#[wasm_split(detail, fallible)]
fn detail_entry() -> Result<LaterFns, SplitLoaderError> {
    Ok(fns::<DetailApp>())
}

#[cfg(not(feature = "workbench"))]
#[wasm_split(forms, fallible)]
fn forms_entry() -> Result<LaterFns, SplitLoaderError> {
    Ok(fns::<FormsApp>())
}

#[cfg(not(feature = "workbench"))]
#[wasm_split(agenda, fallible)]
fn agenda_entry() -> Result<LaterFns, SplitLoaderError> {
    Ok(fns::<AgendaApp>())
}

/// The entry points of `part`, fetching its module the first time.
#[cfg(not(feature = "workbench"))]
async fn entry_points(part: LaterPart) -> Result<LaterFns, SplitLoaderError> {
    match part {
        LaterPart::Detail => detail_entry().await,
        LaterPart::Forms => forms_entry().await,
        LaterPart::Agenda => agenda_entry().await,
    }
}

/// The same without split points, in the workbench's build, which never shows these views.
///
/// Why? A split point is an export of the linked module, and the workbench bundle is not split:
/// the export kept the residents' views in it as dead code (measured: 399.6 KB gzipped with it,
/// 326.5 KB without).
#[cfg(feature = "workbench")]
async fn entry_points(part: LaterPart) -> Result<LaterFns, SplitLoaderError> {
    Ok(native(part))
}

/// The entry points without fetching anything (natively, and in the workbench's build).
#[cfg_attr(all(target_arch = "wasm32", not(feature = "workbench")), allow(dead_code))]
fn native(part: LaterPart) -> LaterFns {
    match part {
        LaterPart::Detail => fns::<DetailApp>(),
        LaterPart::Forms => fns::<FormsApp>(),
        LaterPart::Agenda => fns::<AgendaApp>(),
    }
}

/// The entry points of `part`, when its module is there (natively, always).
pub fn loaded(part: LaterPart) -> Option<LaterFns> {
    if cfg!(target_arch = "wasm32") { LOADED.with(|loaded| loaded[part.index()].get()) } else { Some(native(part)) }
}

/// Fetches the module of `part` (once per page); `None` when it could not be fetched. The split
/// loader shares one fetch between calls while it runs, so nothing is fetched twice.
pub async fn fetch(part: LaterPart) -> Option<LaterFns> {
    if let Some(fns) = loaded(part) {
        return Some(fns);
    }
    let fns = entry_points(part).await.ok()?;
    LOADED.with(|loaded| loaded[part.index()].set(Some(fns)));
    Some(fns)
}

fn show<C: BaseComponent<Properties = LaterAppProps>>(host: Element, request: LaterRequest) -> u32 {
    let key = NEXT_KEY.get();
    NEXT_KEY.set(key.wrapping_add(1));
    let props = LaterAppProps { request: Rc::new(request) };
    let handle: Box<dyn ShownApp> = Box::new(yew::Renderer::<C>::with_root_and_props(host, props).render());
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

/// The props of the later views' apps.
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

/// Tells the shell that a view rendered for a new route, so that focus may move to it.
#[hook]
fn use_shown(request: &LaterRequest) {
    let on_event = request.on_event.clone();
    use_effect_with(request.route.clone(), move |_| on_event(LaterEvent::Shown));
}

/// Asks the shell to go to another route.
fn nav(request: &LaterRequest) -> Callback<Route> {
    let on_event = request.on_event.clone();
    Callback::from(move |route: Route| on_event(LaterEvent::Nav(route)))
}

/// The initiative page, as an app of its own.
#[component]
pub fn DetailApp(props: &LaterAppProps) -> Html {
    let request = &props.request;
    use_shown(request);
    let LaterRoute::Detail(id) = &request.route else { return Html::default() };
    let on_event = request.on_event.clone();
    let props = DetailProps {
        loaded: request.loaded.clone(),
        id: id.clone(),
        ui: request.ui,
        level: request.level,
        on_back: Callback::from(move |()| on_event(LaterEvent::Back)),
        on_help: nav(request).reform(|id: String| Route::Offer(Some(id))),
        on_help_intent: {
            let on_event = request.on_event.clone();
            Callback::from(move |()| on_event(LaterEvent::Intent(LaterPart::Forms)))
        },
    };
    html! { <Detail ..props /> }
}

/// The start or offer form, as an app of its own.
#[component]
pub fn FormsApp(props: &LaterAppProps) -> Html {
    let request = &props.request;
    use_shown(request);
    let (start, for_initiative) = match &request.route {
        LaterRoute::Start => (true, None),
        LaterRoute::Offer(for_initiative) => (false, for_initiative.clone()),
        LaterRoute::Detail(_) | LaterRoute::Agenda => return Html::default(),
    };
    let props = FormsProps {
        loaded: request.loaded.clone(),
        ui: request.ui,
        level: request.level,
        start,
        for_initiative,
        submit_to: AttrValue::from(request.submit_to.clone()),
        on_nav: nav(request),
    };
    html! { <Forms ..props /> }
}

/// The pitch agenda, as an app of its own.
#[component]
pub fn AgendaApp(props: &LaterAppProps) -> Html {
    let request = &props.request;
    use_shown(request);
    let props = AgendaProps { loaded: request.loaded.clone(), ui: request.ui, level: request.level };
    html! { <Agenda ..props /> }
}
