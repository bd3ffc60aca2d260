//! Host pages whose styles would reach into the widget: a body and content column that set every
//! inherited property that can break a layout (on the widget's own element too), `dir="rtl"`,
//! a 320 px column on a wide screen, and a light and a dark house style in NL Design System
//! tokens. The widget keeps its own typography and direction, fits the column on every view,
//! takes the theme's component tokens, and axe finds nothing on any view in either theme.

use serde_json::Value;

use crate::browser::{Browser, Engine};
use crate::discover::{axe_source, axe_violations};
use crate::e2e::{TIMEOUT, save_screenshot, settled_widgets, site};

/// The views a resident meets, by fragment, with an element that shows each has rendered.
const VIEWS: [(&str, &str, &str); 4] = [
    ("overview", "", ".vm-card"),
    ("initiative", "#verschilmaker/initiatief/moestuin-de-vlier", ".vm-suggestions"),
    ("start-form", "#verschilmaker/starten", ".vm-form__title"),
    ("offer-form", "#verschilmaker/helpen?initiatief=moestuin-de-vlier", ".vm-form__title"),
];

fn open_view(browser: &Browser, page: &str, fragment: &str, ready: &str) {
    browser.goto("about:blank");
    browser.goto(&format!("{}{page}{fragment}", site().url));
    settled_widgets(browser, 1);
    let ready = serde_json::to_string(ready).expect("JSON");
    browser.wait_for(
        TIMEOUT,
        &format!("{ready} in {page}{fragment}"),
        |b| {
            let found = b.execute(&format!(
                "return !!document.querySelector('verschil-maker').shadowRoot.querySelector({ready})"
            ));
            (found == Value::Bool(true)).then_some(())
        },
        |b| format!("{:?}", b.widget_texts()),
    );
}

/// How far the widget's content reaches past the widget's own box, in CSS pixels, how wide the
/// widget is, and the element that reaches furthest (tag, class and the start of its text).
fn overflow(browser: &Browser) -> (f64, f64, String) {
    let value = browser.execute(
        "const host = document.querySelector('verschil-maker'); const box = host.getBoundingClientRect();\
         let right = box.right; let widest = '';\
         for (const el of host.shadowRoot.querySelectorAll('*')) {\
           const r = el.getBoundingClientRect();\
           if (r.width > 0 && r.right > right) {\
             right = r.right;\
             widest = el.tagName + '.' + (el.getAttribute('class') || '') + ' ' + (el.textContent || '').slice(0, 40);\
           }\
         }\
         return [right - box.right, box.width, widest];",
    );
    let widest = value[2].as_str().unwrap_or_default().to_owned();
    (value[0].as_f64().unwrap_or(f64::NAN), value[1].as_f64().unwrap_or(f64::NAN), widest)
}

#[test]
fn a_hostile_typographic_rtl_host_in_a_320_px_column_does_not_reach_inside() {
    let browser = Browser::start();
    // A wide screen (Firefox's headless window is wide already; viewport emulation is Chromium's).
    if Engine::from_env() == Engine::Chromium {
        browser.set_viewport(1280, 900);
    }
    let page = "/test/pages/typography-hostile.html";
    for (name, fragment, ready) in VIEWS {
        open_view(&browser, page, fragment, ready);
        let (over, width, widest) = overflow(&browser);
        assert!(width <= 320.5, "{name}: the widget is {width} px wide in a 320 px column");
        assert!(over <= 0.5, "{name}: content reaches {over} px past the widget's right edge: {widest}");
        // The widget's own text keeps the widget's typography and direction: the shadow tree's
        // top element, from which everything in it inherits (no host rule reaches inside).
        let style = browser.execute(
            "const root = document.querySelector('verschil-maker').shadowRoot;\
             const el = root.querySelector('.vm-mount');\
             const s = getComputedStyle(el);\
             return [s.letterSpacing, s.wordSpacing, s.textTransform, s.whiteSpace, s.textAlign, s.fontStyle,\
                     s.textIndent, s.direction, s.fontWeight, s.textShadow, s.fontFamily, s.lineHeight !== '48px'];",
        );
        let expected = serde_json::json!([
            "normal",
            "0px",
            "none",
            "normal",
            "start",
            "normal",
            "0px",
            "ltr",
            "400",
            "none",
            // The font family is the host's, on purpose.
            "\"DejaVu Serif\", Georgia, serif",
            true
        ]);
        assert_eq!(style, expected, "{name}: the host's inherited styles reached the widget");
        let dir = browser.execute(
            "return document.querySelector('verschil-maker').shadowRoot.querySelector('.vm-mount').getAttribute('dir')",
        );
        assert_eq!(dir.as_str(), Some("ltr"), "{name}: the widget says its own direction");
        save_screenshot(&browser, &format!("host-typography-{name}.png"));
    }
    // In a narrow column the filters and the map start closed, even on a wide screen.
    open_view(&browser, page, "", ".vm-card");
    let open = browser
        .execute("return document.querySelector('verschil-maker').shadowRoot.querySelector('.vm-filter-panel').open");
    assert_eq!(open, Value::Bool(false), "the filter panel follows the widget's width, not the window's");
}

#[test]
fn light_and_dark_nl_design_system_themes_style_the_buttons_and_pass_axe_on_every_view() {
    let axe = axe_source();
    let browser = Browser::start();
    browser.set_viewport(1280, 1000);
    let mut report = Vec::new();
    // The third sets the document's colours only: links, buttons and focus come from the widget,
    // derived from those two, and must be as readable (axe checks the contrast).
    for (theme, button) in [
        ("light", Some(("rgb(179, 0, 60)", "rgb(255, 255, 255)"))),
        ("dark", Some(("rgb(255, 229, 143)", "rgb(22, 22, 29)"))),
        ("dark-plain", None),
    ] {
        let page = format!("/test/pages/theme-{theme}.html");
        for (name, fragment, ready) in VIEWS {
            open_view(&browser, &page, fragment, ready);
            let violations = axe_violations(&browser, &axe);
            eprintln!("axe {theme} {name}: {violations:#?}");
            report.extend(violations.into_iter().map(|v| format!("{theme} {name}: {v}")));
            save_screenshot(&browser, &format!("theme-{theme}-{name}.png"));
        }
        // The primary button takes the theme's button tokens, not the link colour with white.
        let Some((button, button_text)) = button else { continue };
        open_view(&browser, &page, "", ".vm-card");
        let colours = browser.execute(
            "const b = document.querySelector('verschil-maker').shadowRoot.querySelector('.vm-button:not(.vm-button--secondary):not(.vm-way-in__offer)');\
             const s = getComputedStyle(b); return [s.backgroundColor, s.color];",
        );
        assert_eq!(colours, serde_json::json!([button, button_text]), "{theme}: the primary button");
    }
    assert_eq!(report, Vec::<String>::new());
}
