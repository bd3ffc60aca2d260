//! The Verschilmaker widget: a yew app mounted into a `verschil-maker` element.
//!
//! The embed loader (`assets/verschilmaker.js`) defines the custom element, attaches a shadow root,
//! shows a loading state, instantiates this wasm module once per page and calls [`mount`] for each
//! element with its `src` and `lang` attributes. Everything the widget renders lives inside that
//! shadow root.

pub mod components;
pub mod fetch;
pub mod i18n;
pub mod state;
pub mod view_model;

use wasm_bindgen::prelude::*;
use yew::{AppHandle, Renderer};

use crate::components::{App, AppProps};

/// One mounted widget instance, handed to the loader so it can update or unmount it.
#[wasm_bindgen]
pub struct Mounted {
    handle: Option<AppHandle<App>>,
}

#[wasm_bindgen]
impl Mounted {
    /// Passes changed `src` or `lang` attributes to the running app.
    pub fn update(&mut self, src: String, lang: String) {
        if let Some(handle) = &mut self.handle {
            handle.update(props(src, lang));
        }
    }

    /// Removes the app from its container; later calls do nothing.
    pub fn unmount(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
    }
}

/// Mounts a widget into `root` (a container inside the element's shadow root).
///
/// `src` is the dataset URL and `lang` the visitor's language tag. Each call makes an independent
/// app, so several elements on one page each have their own.
#[wasm_bindgen]
pub fn mount(root: web_sys::Element, src: String, lang: String) -> Mounted {
    let handle = Renderer::<App>::with_root_and_props(root, props(src, lang)).render();
    Mounted { handle: Some(handle) }
}

fn props(src: String, lang: String) -> AppProps {
    AppProps { src: src.into(), lang: lang.into() }
}
