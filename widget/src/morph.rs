//! Bringing a part of the page up to date with markup from [`crate::markup`], changing only what
//! differs, and [`Patched`], the component that hosts such a part inside a yew view.
//!
//! Why not replace the part's `innerHTML`? A visitor who is on a map area or a checkbox when the
//! results change would lose their place: replaced elements drop focus. Patching keeps every
//! element whose position and kind stay the same, so focus, the caret and an opened disclosure
//! stay where they were.
//!
//! The rules, node by node in document order: the same kind of node at the same place (same
//! element name and the same key, `data-key` or `id`, if any) is kept. Kept, it is left alone
//! when it equals the new one (the browser compares the whole subtree), swapped for the new one
//! when it holds neither the focus nor a form control, a disclosure or a yew app (one call
//! instead of a walk: on a map of 400 areas that walk was most of a keystroke's time), and
//! otherwise patched: its attributes and text are changed to the new ones, child by child. A
//! keyed node is looked for further on first (see `patch_children`); anything else is replaced
//! by the new node; what is left over at the end is removed.
//! Three properties follow the markup, because the browser stops reflecting them once the
//! visitor has touched the control: an input's `checked` and an option's `selected` on every
//! patch, and an input's `value` when its attribute changed (so that the caret of a visitor who
//! is typing is not moved by a value that is already there).
//! A `<details>` keeps its `open` as the visitor left it; the markup sets it only when the
//! element is new. The children of an element marked `data-foreign` belong to someone else (a
//! yew app of the second module, see [`crate::shell`]) and are left alone.

use wasm_bindgen::JsCast;
use web_sys::{Element, Node};
use yew::prelude::*;

/// Makes the children of `container` equal to `markup`, keeping the nodes that can stay.
pub fn morph(container: &Element, markup: &str) {
    let Some(document) = container.owner_document() else { return };
    let Ok(template) = document.create_element("template") else { return };
    template.set_inner_html(markup);
    let Ok(template) = template.dyn_into::<web_sys::HtmlTemplateElement>() else { return };
    let active = active_element(container);
    patch_children(container, &template.content(), active.as_ref());
}

/// The element that has the focus in `container`'s document or shadow root, if any.
fn active_element(container: &Element) -> Option<Element> {
    let root = container.get_root_node();
    if let Some(shadow) = root.dyn_ref::<web_sys::ShadowRoot>() {
        return shadow.active_element();
    }
    root.dyn_ref::<web_sys::Document>()?.active_element()
}

/// What a changed element must be patched rather than replaced for: state the markup does not
/// hold (what was typed or chosen, an opened disclosure, a yew app's content).
const KEEP: &str = "input,select,textarea,details,[data-foreign]";

/// Whether a changed `current` may simply be replaced by its new version: it holds neither the
/// focus nor anything of [`KEEP`]. One call to the browser instead of a walk over its attributes
/// and children, which on a map of 400 areas was most of the time a keystroke took.
fn replaceable(current: &Node, active: Option<&Element>) -> bool {
    let Some(element) = current.dyn_ref::<Element>() else { return true };
    !active.is_some_and(|active| current.contains(Some(active)))
        && !element.matches(KEEP).unwrap_or(true)
        && element.query_selector(KEEP).ok().flatten().is_none()
}

/// Patches the children of `live` into those of `new`, moving new nodes over where needed.
///
/// Keyed children (`data-key`, or an `id`) are matched by key as long as their order stays
/// the same: the live ones before a match that the new markup left out are removed, and a new
/// key is inserted before the live node. So a filter option that disappears above the focused
/// one does not make the focused checkbox stand for another option.
fn patch_children(live: &Node, new: &Node, active: Option<&Element>) {
    let mut at = live.first_child();
    let mut next_new = new.first_child();
    while let Some(wanted) = next_new {
        next_new = wanted.next_sibling();
        let Some(current) = at.clone() else {
            let _ = live.append_child(&wanted);
            continue;
        };
        if same_kind(&current, &wanted) {
            at = current.next_sibling();
            // The browser compares a whole subtree at once: most of a long list or a large map
            // stays the same from one keystroke to the next.
            if current.is_equal_node(Some(&wanted)) {
                continue;
            }
            if replaceable(&current, active) {
                let _ = live.replace_child(&wanted, &current);
            } else {
                patch_node(&current, &wanted, active);
            }
            continue;
        }
        let key = key_of(&wanted);
        if key.is_none() {
            at = current.next_sibling();
            let _ = live.replace_child(&wanted, &current);
            continue;
        }
        // Further on among the live siblings?
        let mut ahead = current.next_sibling();
        while let Some(node) = &ahead {
            if key_of(node) == key {
                break;
            }
            ahead = node.next_sibling();
        }
        match ahead {
            Some(found) if same_kind(&found, &wanted) => {
                let mut drop = Some(current);
                while let Some(node) = drop.filter(|node| node != &found) {
                    drop = node.next_sibling();
                    let _ = live.remove_child(&node);
                }
                at = found.next_sibling();
                patch_node(&found, &wanted, active);
            }
            // A new key: in front of the live node, which may still match a later one.
            _ => {
                let _ = live.insert_before(&wanted, Some(&current));
            }
        }
    }
    while let Some(extra) = at {
        at = extra.next_sibling();
        let _ = live.remove_child(&extra);
    }
}

/// A keyed node's key: its `data-key`, else its `id`.
fn key_of(node: &Node) -> Option<String> {
    let element = node.dyn_ref::<Element>()?;
    element.get_attribute("data-key").or_else(|| element.get_attribute("id"))
}

/// Whether `current` can be patched into `wanted` rather than replaced: the same kind of node,
/// the same element name, the same key.
fn same_kind(current: &Node, wanted: &Node) -> bool {
    current.node_type() == wanted.node_type()
        && current.node_name() == wanted.node_name()
        && key_of(current) == key_of(wanted)
}

/// Patches one node of the same kind: text, or an element's attributes, properties and children.
fn patch_node(current: &Node, wanted: &Node, active: Option<&Element>) {
    let (Some(element), Some(model)) = (current.dyn_ref::<Element>(), wanted.dyn_ref::<Element>()) else {
        let text = wanted.node_value();
        if current.node_value() != text {
            current.set_node_value(text.as_deref());
        }
        return;
    };
    let keep_open = element.local_name() == "details";
    let names = model.get_attribute_names();
    for name in names.iter().filter_map(|n| n.as_string()) {
        if keep_open && name == "open" {
            continue;
        }
        let value = model.get_attribute(&name).unwrap_or_default();
        if element.get_attribute(&name).as_deref() != Some(value.as_str()) {
            let _ = element.set_attribute(&name, &value);
            if name == "value"
                && let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>()
            {
                input.set_value(&value);
            }
        }
    }
    for name in element.get_attribute_names().iter().filter_map(|n| n.as_string()) {
        let kept = keep_open && name == "open";
        if !kept && !model.has_attribute(&name) {
            let _ = element.remove_attribute(&name);
        }
    }
    if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_checked(model.has_attribute("checked"));
    } else if let Some(option) = element.dyn_ref::<web_sys::HtmlOptionElement>() {
        option.set_selected(model.has_attribute("selected"));
    }
    // What is inside a host for a yew app of the second module is that app's.
    if !element.has_attribute("data-foreign") {
        patch_children(current, wanted, active);
    }
}

/// The props of [`Patched`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct PatchedProps {
    /// The content, as written by [`crate::markup::Markup`].
    pub markup: AttrValue,
    /// The class of the `div` that holds it.
    #[prop_or_default]
    pub class: AttrValue,
    /// Clicks inside, for the view to act on by their target (event delegation).
    #[prop_or_default]
    pub onclick: Option<Callback<MouseEvent>>,
    /// Key presses inside.
    #[prop_or_default]
    pub onkeydown: Option<Callback<KeyboardEvent>>,
    /// Changes of controls inside.
    #[prop_or_default]
    pub onchange: Option<Callback<Event>>,
    /// Input into text fields inside.
    #[prop_or_default]
    pub oninput: Option<Callback<InputEvent>>,
    /// Submissions of forms inside.
    #[prop_or_default]
    pub onsubmit: Option<Callback<SubmitEvent>>,
    /// The focus coming to an element inside.
    #[prop_or_default]
    pub onfocusin: Option<Callback<FocusEvent>>,
}

/// A `div` whose content is markup, patched into place after each render where it changed.
///
/// The content is not part of yew's virtual DOM, so yew's server renderer (the native tests)
/// leaves the `div` empty; the tests check the markup functions themselves.
#[component]
pub fn Patched(props: &PatchedProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(props.markup.clone(), move |markup| {
            if let Some(element) = node.cast::<Element>() {
                morph(&element, markup);
            }
        });
    }
    html! {
        <div class={props.class.clone()} ref={node} onclick={props.onclick.clone()}
            onkeydown={props.onkeydown.clone()} onchange={props.onchange.clone()}
            oninput={props.oninput.clone()} onsubmit={props.onsubmit.clone()}
            onfocusin={props.onfocusin.clone()} />
    }
}

/// The element an event inside a [`Patched`] part came from, or the nearest of its ancestors
/// that matches `selector` (such as `[data-area]`), if any.
pub fn target_matching(event: &Event, selector: &str) -> Option<Element> {
    let target = event.target()?;
    let element = target.dyn_ref::<Element>()?;
    element.closest(selector).ok().flatten()
}
