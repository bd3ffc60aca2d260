//! The Verschilmaker widget, mounted into a `verschil-maker` element.
//!
//! The embed loader (`assets/verschilmaker.js`) defines the custom element, attaches a shadow root,
//! shows a loading state, instantiates this wasm module once per page and calls [`mount`] for each
//! element with its attributes (`src`, `lang`, `heading-level`, `area`) and whether it owns the
//! URL fragment (the first instance on the page does). Everything the widget renders lives inside that
//! shadow root.
//!
//! The crate is built into two bundles: without the feature `workbench` for the residents' views
//! (`verschilmaker_app`), and with it for `view="facilitate"` (`verschilmaker_werkbank`); the
//! loader fetches the one the element's view needs.

pub mod components;
pub mod data;
pub mod draft;
pub mod fetch;
pub mod handover;
pub mod i18n;
pub mod markup;
pub mod morph;
pub mod route;
pub mod shell;
pub mod state;
pub mod storage;
pub mod written;

use wasm_bindgen::prelude::*;

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
mod alloc;

/// The allocator in the browser: Talc instead of the standard library's dlmalloc, growing
/// wasm memory by half of itself rather than page by page (see `alloc.rs`).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: alloc::Allocator = alloc::allocator();
/// One mounted widget instance, handed to the loader so it can update or unmount it.
#[wasm_bindgen]
pub struct Mounted {
    #[cfg(not(feature = "workbench"))]
    shell: Option<shell::Shell>,
    #[cfg(feature = "workbench")]
    handle: Option<yew::AppHandle<components::App>>,
    #[cfg(feature = "workbench")]
    props: components::AppProps,
}

#[wasm_bindgen]
impl Mounted {
    /// Passes changed `src` or `lang` attributes to the running widget.
    pub fn update(&mut self, src: String, lang: String) {
        #[cfg(not(feature = "workbench"))]
        if let Some(shell) = &self.shell {
            shell.update(src, lang);
        }
        #[cfg(feature = "workbench")]
        if let Some(handle) = &mut self.handle {
            self.props.src = src.into();
            self.props.lang = lang.into();
            handle.update(self.props.clone());
        }
    }

    /// Removes the widget from its container; later calls do nothing.
    pub fn unmount(&mut self) {
        #[cfg(not(feature = "workbench"))]
        if let Some(shell) = self.shell.take() {
            shell.unmount();
        }
        #[cfg(feature = "workbench")]
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
    }
}

/// Mounts a widget into `root` (a container inside the element's shadow root).
///
/// `src` is the dataset URL, `lang` the visitor's language tag, `heading_level` the level of the
/// widget's top heading (clamped to 1–6), `area` an area id to preselect (or empty), and
/// `owns_fragment` whether this instance reads and writes `#verschilmaker/…` fragments, `view` the
/// view the loader accepted (`discover` when unset), and `submit_to` the URL submissions are posted
/// to (or empty). Each call makes an independent widget, so several elements on one page each
/// have their own.
///
/// The residents' bundle mounts the [`shell::Shell`]; the workbench bundle (feature
/// `workbench`, only asked for `view="facilitate"`) the yew app of the workbench.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)] // One per attribute: flat arguments are the simplest JS boundary.
pub fn mount(
    root: web_sys::Element,
    src: String,
    lang: String,
    heading_level: u8,
    area: String,
    owns_fragment: bool,
    view: String,
    submit_to: String,
) -> Mounted {
    #[cfg(not(feature = "workbench"))]
    {
        let props = shell::Props { src, lang, heading_level, area, owns_fragment, view, submit_to };
        Mounted { shell: Some(shell::Shell::mount(root, props)) }
    }
    #[cfg(feature = "workbench")]
    {
        let _ = (area, owns_fragment, view, submit_to);
        let props =
            components::AppProps { src: src.into(), lang: lang.into(), heading_level: heading_level.clamp(1, 6) };
        let handle = yew::Renderer::<components::App>::with_root_and_props(root, props.clone()).render();
        Mounted { handle: Some(handle), props }
    }
}
