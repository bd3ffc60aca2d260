//! Theming: NL Design System tokens set on the host page give the widget the house colours and
//! font inside its shadow root, `--nl-link-color` applies where the Utrecht link colour is not
//! set, and the widget's own `--verschilmaker-*` tokens win over both.

use serde_json::{Value, json};

use crate::browser::Browser;
use crate::e2e::{TIMEOUT, settled_widgets, site};

/// The computed colours and font of the `n`th widget: the app's text colour, background and font,
/// a card title's colour (the primary colour) and the search box's focus outline.
fn theme(browser: &Browser, n: usize) -> Value {
    browser.execute(&format!(
        "const root = document.querySelectorAll('verschil-maker')[{n}].shadowRoot;\
         const app = getComputedStyle(root.querySelector('.vm-app'));\
         const q = root.querySelector('#vm-q'); q.focus();\
         const focus = getComputedStyle(q);\
         const result = {{ color: app.color, background: app.backgroundColor, font: app.fontFamily,\
           primary: getComputedStyle(root.querySelector('.vm-card__title')).color,\
           focus: focus.outlineStyle + ' ' + focus.outlineColor }};\
         q.blur(); return result;"
    ))
}

#[test]
fn nl_design_system_tokens_give_the_house_style_and_the_widgets_own_tokens_win() {
    let site = site();
    let browser = Browser::start();
    browser.goto(&format!("{}/test/pages/tokens.html", site.url));
    settled_widgets(&browser, 3);
    for n in 0..3 {
        browser.wait_for(
            TIMEOUT,
            &format!("widget {n}'s cards"),
            |b| {
                let hosts = b.find_all("verschil-maker");
                let shadow = b.shadow_root(&hosts[n])?;
                b.find_all_in(&shadow, ".vm-card__title").into_iter().next()
            },
            |b| format!("{:?}", b.widget_texts()),
        );
    }
    let house = json!({
        "color": "rgb(20, 30, 40)",
        "background": "rgb(250, 245, 230)",
        "font": "\"Fira Sans\", Georgia, serif",
        "primary": "rgb(160, 0, 80)",
        "focus": "solid rgb(200, 100, 0)",
    });
    assert_eq!(theme(&browser, 0), house, "the Utrecht tokens");
    let mut nl_only = house.clone();
    nl_only["primary"] = json!("rgb(0, 100, 0)");
    assert_eq!(theme(&browser, 1), nl_only, "--nl-link-color where --utrecht-link-color is not set");
    let own = json!({
        "color": "rgb(1, 2, 3)",
        "background": "rgb(254, 254, 254)",
        "font": "\"Courier New\", monospace",
        "primary": "rgb(0, 0, 139)",
        "focus": "solid rgb(128, 0, 128)",
    });
    assert_eq!(theme(&browser, 2), own, "the --verschilmaker-* tokens win");
}
