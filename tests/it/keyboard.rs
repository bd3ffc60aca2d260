//! Keyboard helpers shared by the browser tests: the WebDriver key codes, what has the focus
//! inside the (first) widget, and pressing Tab until the focus reaches what a test wants.

use crate::browser::Browser;

/// WebDriver's code for the Tab key.
pub const TAB: &str = "\u{E004}";
/// WebDriver's code for the Enter key.
pub const ENTER: &str = "\u{E007}";
/// WebDriver's code for the space bar.
pub const SPACE: &str = "\u{E00D}";
/// WebDriver's code for the Shift key (for [`Browser::press_chord`]).
pub const SHIFT: &str = "\u{E008}";
/// WebDriver's code for the right arrow key.
pub const ARROW_RIGHT: &str = "\u{E014}";

/// What has the focus inside the first widget's shadow root, as `tag#id.class[data-id]`, or
/// `outside:TAG` when the focus is not in the widget.
pub fn focused(browser: &Browser) -> String {
    browser
        .execute(
            "const a = document.querySelector('verschil-maker').shadowRoot.activeElement;\
             if (!a) return 'outside:' + document.activeElement.tagName;\
             return a.tagName.toLowerCase() + '#' + a.id + '.' + (a.getAttribute('class') || '') \
               + '[' + (a.dataset ? a.dataset.id || '' : '') + ']'",
        )
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Presses Tab (or Shift+Tab when `back`) at most `limit` times until `want` holds for what has
/// the focus, and returns that; panics with every stop on the way if it never does.
pub fn tab_until(browser: &Browser, limit: usize, what: &str, want: impl Fn(&str) -> bool) -> String {
    step_until(browser, false, limit, what, want)
}

/// [`tab_until`] with Shift+Tab: backwards through the tab order.
pub fn shift_tab_until(browser: &Browser, limit: usize, what: &str, want: impl Fn(&str) -> bool) -> String {
    step_until(browser, true, limit, what, want)
}

fn step_until(browser: &Browser, back: bool, limit: usize, what: &str, want: impl Fn(&str) -> bool) -> String {
    let mut seen = Vec::new();
    for _ in 0..limit {
        if back {
            browser.press_chord(SHIFT, TAB);
        } else {
            browser.press(TAB);
        }
        let now = focused(browser);
        if want(&now) {
            return now;
        }
        seen.push(now);
    }
    panic!("no {what} after {limit} presses of {}Tab: {seen:#?}", if back { "Shift+" } else { "" });
}

/// Whether the element with the focus in the first widget shows a visible focus indicator: a
/// solid outline of 2 px, or (for the map's SVG areas) a 5 px stroke.
pub fn focus_is_visible(browser: &Browser) -> Result<(), String> {
    let style = browser.execute(
        "const a = document.querySelector('verschil-maker').shadowRoot.activeElement;\
         if (!a) return null;\
         const s = getComputedStyle(a);\
         return [a.tagName.toLowerCase(), s.outlineStyle, s.outlineWidth, s.strokeWidth]",
    );
    let visible = style[1] == "solid" && style[2] == "2px" || style[0] == "path" && style[3] == "5px";
    if visible { Ok(()) } else { Err(format!("no visible focus indicator: {style}")) }
}
