//! Small pieces every view uses: headings at the host's level, highlighted text, progress bars,
//! numbers, the rule for which links may be followed, and a sort for short lists.

use std::cmp::Ordering;
use std::ops::Range;

use yew::prelude::*;

/// The props of [`Heading`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct HeadingProps {
    /// 1–6; values outside are clamped, so a deep outline never makes an invalid element.
    pub level: u8,
    /// CSS classes.
    #[prop_or_default]
    pub class: Classes,
    /// Whether script may focus it (`tabindex="-1"`), for moving focus to a new view.
    #[prop_or_default]
    pub focusable: bool,
    /// The content.
    pub children: Html,
}

/// A heading whose level fits the host page's outline (the `heading-level` attribute).
#[component]
pub fn Heading(props: &HeadingProps) -> Html {
    html! {
        <@{heading_tag(props.level)} class={props.class.clone()} tabindex={props.focusable.then_some("-1")}>{ props.children.clone() }</@>
    }
}

/// The element of a heading at `level`, clamped to 1–6.
pub(crate) fn heading_tag(level: u8) -> &'static str {
    match level.clamp(1, 6) {
        1 => "h1",
        2 => "h2",
        3 => "h3",
        4 => "h4",
        5 => "h5",
        _ => "h6",
    }
}

/// `text` with the byte `ranges` wrapped in `<mark>`: the search engine's ranges, never markup.
/// Ranges that overlap, run backwards or split a character are skipped.
pub fn marked(text: &str, ranges: &[Range<usize>]) -> Html {
    let mut parts: Vec<Html> = Vec::new();
    let mut at = 0;
    for range in ranges {
        if range.start < at {
            continue;
        }
        let (Some(before), Some(hit)) = (text.get(at..range.start), text.get(range.clone())) else { continue };
        if !before.is_empty() {
            parts.push(Html::from(before.to_owned()));
        }
        parts.push(html! { <mark>{ hit }</mark> });
        at = range.end;
    }
    parts.push(Html::from(text.get(at..).unwrap_or_default().to_owned()));
    parts.into_iter().collect()
}

/// A horizontal bar: the covered part filled, the rest open. Decorative: the text beside it
/// says the same, so it is hidden from screen readers. SVG attributes rather than a style
/// attribute, because the strict CSP forbids inline styles.
pub fn bar(covered: f64, total: f64) -> Html {
    let share = if total > 0.0 { (covered / total).clamp(0.0, 1.0) } else { 0.0 };
    let width = number(share * 100.0);
    html! {
        <svg class="vm-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <rect class="vm-bar__open" width="100" height="8" />
            <rect class="vm-bar__covered" width={width} height="8" />
        </svg>
    }
}

/// Markup counterparts of the helpers above, for the views written as text (see
/// [`crate::markup`]).
pub mod text {
    use std::ops::Range;

    use super::{heading_tag, number};
    use crate::markup::Markup;

    /// Opens a heading at `level` (clamped to 1–6) with `class`; the caller ends it with the
    /// returned tag.
    #[inline(never)]
    pub fn open_heading(m: &mut Markup, level: u8, class: &'static str) -> &'static str {
        let tag = heading_tag(level);
        m.start(tag, class);
        tag
    }

    /// `text` with the byte `ranges` wrapped in `<mark>`, as [`super::marked`].
    pub fn marked(m: &mut Markup, text: &str, ranges: &[Range<usize>]) {
        // One isolate for the whole text, if it needs one, not one per piece (see `Markup::text`).
        let isolate = crate::markup::needs_isolate(text);
        if isolate {
            m.start("bdi", "");
        }
        let mut at = 0;
        for range in ranges {
            if range.start < at {
                continue;
            }
            let (Some(before), Some(hit)) = (text.get(at..range.start), text.get(range.clone())) else { continue };
            m.piece(before).start("mark", "").piece(hit).end("mark");
            at = range.end;
        }
        m.piece(text.get(at..).unwrap_or_default());
        if isolate {
            m.end("bdi");
        }
    }

    /// Dataset texts separated by commas, each in an isolate of its own when it needs one
    /// (the markup twin of [`super::data_list`]).
    pub fn list<'a>(m: &mut Markup, items: impl IntoIterator<Item = &'a str>) {
        for (n, item) in items.into_iter().enumerate() {
            if n > 0 {
                m.text(", ");
            }
            m.text(item);
        }
    }

    /// The bar of [`super::bar`].
    pub fn bar(m: &mut Markup, covered: f64, total: f64) {
        let share = if total > 0.0 { (covered / total).clamp(0.0, 1.0) } else { 0.0 };
        m.open("svg").attr("class", "vm-bar").attr("viewBox", "0 0 100 8").attr("preserveAspectRatio", "none");
        m.attr("aria-hidden", "true").attr("focusable", "false").close();
        m.open("rect").attr("class", "vm-bar__open").attr("width", "100").attr("height", "8").close().end("rect");
        m.open("rect").attr("class", "vm-bar__covered").attr("width", &number(share * 100.0));
        m.attr("height", "8").close().end("rect").end("svg");
    }

    /// A status line (`role="status"`), such as "Loading…".
    #[inline(never)]
    pub fn status_line(m: &mut Markup, text: &str) {
        m.open("p").attr("class", "vm-status").attr("role", "status").close().text(text).end("p");
    }

    /// A disclosure with a list of lines: the technical details of a failure, or why records
    /// were skipped.
    pub fn details_list(m: &mut Markup, summary: &str, lines: &[String]) {
        m.start("details", "vm-details").element("summary", "", summary).start("ul", "");
        for line in lines {
            m.element("li", "", line);
        }
        m.end("ul").end("details");
    }

    /// A button in a paragraph of its own; `act` names it for the view's click handler
    /// (`data-act`).
    #[inline(never)]
    pub fn button_line(m: &mut Markup, class: &'static str, act: &'static str, label: &str) {
        m.start("p", "").open("button").attr("type", "button").attr("class", class).attr("data-act", act).close();
        m.text(label).end("button").end("p");
    }
}

/// A number as people write it: whole numbers without decimals, otherwise one decimal.
pub fn number(value: f64) -> String {
    let tenths = (value * 10.0).round();
    // Whether the tenths are a whole number, by integer arithmetic: `tenths % 10.0` linked libm's
    // `fmod` (2.7 KB of wasm) for this alone. `tenths` is a whole number, so below 2^63 the
    // conversion is exact; above it (and for NaN and infinities) `fixed` writes "0" whichever
    // way this goes.
    let whole = tenths.abs() < 9.2e18 && (tenths as i64) % 10 == 0;
    if whole { fixed(value, 0) } else { fixed(value, 1) }
}

/// `value` with exactly `decimals` decimals (at most 3), by integer arithmetic.
///
/// Why not `format!("{:.1}")`? Float formatting adds about 13 KB of wasm that nothing else in
/// the bundle needs; the widget only ever shows a few decimals.
pub fn fixed(value: f64, decimals: u32) -> String {
    let scale = 10i64.pow(decimals.min(3));
    let scaled = (value * scale as f64).round();
    if !scaled.is_finite() || scaled.abs() >= 9e15 {
        return String::from("0");
    }
    let scaled = scaled as i64;
    let mut out = String::new();
    if scaled < 0 {
        out.push('-');
    }
    let magnitude = scaled.unsigned_abs();
    let scale = scale.unsigned_abs();
    out.push_str(&(magnitude / scale).to_string());
    if decimals > 0 {
        out.push('.');
        let fraction = (magnitude % scale).to_string();
        for _ in fraction.len()..decimals.min(3) as usize {
            out.push('0');
        }
        out.push_str(&fraction);
    }
    out
}

/// The URL when it may be followed: http, https, mailto and tel only (case-insensitive).
pub fn safe_href(url: &str) -> Option<&str> {
    let url = url.trim();
    let scheme = url.split_once(':')?.0;
    ["http", "https", "mailto", "tel"].iter().any(|s| scheme.eq_ignore_ascii_case(s)).then_some(url)
}

/// A link when the URL may be followed, else the label and the URL as plain text.
pub fn link(url: &str, label: &str) -> Html {
    match safe_href(url) {
        Some(href) => html! { <a href={href.to_owned()} rel="noopener noreferrer">{ label }</a> },
        None if label == url => html! { <span>{ url }</span> },
        None => html! { <span>{ label }{ " (" }{ url }{ ")" }</span> },
    }
}

/// The items joined by ", ".
pub fn join<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for item in items {
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.push_str(item);
    }
    out
}

/// A dataset text as yew content, in an isolate of its own when it needs one (right-to-left
/// letters or bidi controls; see `Markup::text`).
pub fn data(text: &str) -> Html {
    if crate::markup::needs_isolate(text) {
        html! { <bdi>{ text }</bdi> }
    } else {
        Html::from(text.to_owned())
    }
}

/// Dataset texts separated by commas, each in an isolate of its own when it needs one.
pub fn data_list<'a>(items: impl IntoIterator<Item = &'a str>) -> Html {
    let mut parts = Vec::new();
    for item in items {
        if !parts.is_empty() {
            parts.push(Html::from(", "));
        }
        parts.push(data(item));
    }
    parts.into_iter().collect()
}

/// Sorts a short list (drafts, pitch editions) stably by `compare`, as `slice::sort_by` does.
///
/// Why not `sort_by`? Each `sort_by` instantiates the standard library's driftsort for its
/// element type and comparison, 4 to 5 KB of wasm apiece, which is a lot for lists of a few
/// dozen items at most; an insertion sort is a few hundred bytes and as fast at that length.
pub fn sort_few_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    for sorted in 1..items.len() {
        let mut at = sorted;
        while at > 0 && compare(&items[at - 1], &items[at]) == Ordering::Greater {
            items.swap(at - 1, at);
            at -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::Markup;

    #[test]
    fn only_four_schemes_are_followed() {
        for good in ["https://a.example/x", "HTTP://a", "mailto:a@b.example", "tel:+31140999", " https://x "] {
            assert!(safe_href(good).is_some(), "{good}");
        }
        for bad in ["javascript:alert(1)", "JaVaScRiPt:x", "data:text/html,x", "/relative", "ftp://x", "vbscript:x", ""]
        {
            assert_eq!(safe_href(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_marked_right_to_left_text_is_one_isolate_around_its_marks() {
        let mut m = Markup::new();
        // The first word of each marked, as search's highlight ranges would give.
        text::marked(&mut m, "גינה קהילתית", std::slice::from_ref(&(0..8)));
        text::marked(&mut m, "Moestuin", std::slice::from_ref(&(0..3)));
        assert_eq!(m.finish(), "<bdi><mark>גינה</mark> קהילתית</bdi><mark>Moe</mark>stuin");
    }

    #[test]
    fn short_lists_sort_stably() {
        let mut items = [(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e'), (0, 'f')];
        let mut expected = items;
        expected.sort_by_key(|item| item.0);
        sort_few_by(&mut items, |a, b| a.0.cmp(&b.0));
        assert_eq!(items, expected);
        let mut empty: [u8; 0] = [];
        sort_few_by(&mut empty, u8::cmp);
    }

    #[test]
    fn numbers_read_naturally() {
        for (value, text) in
            [(40.0, "40"), (2.25, "2.3"), (0.04, "0"), (1234567.0, "1234567"), (-0.5, "-0.5"), (12.5, "12.5")]
        {
            assert_eq!(number(value), text, "{value}");
        }
    }

    #[test]
    fn numbers_are_what_the_float_remainder_gave() {
        let by_remainder = |value: f64| {
            let tenths = (value * 10.0).round();
            if tenths % 10.0 == 0.0 { fixed(value, 0) } else { fixed(value, 1) }
        };
        let mut values = vec![0.0, -0.0, 0.05, -0.05, 0.95, 9.95, 1e12, 9e14, 9e14 + 0.5, 8.9e15, 9e15, 1e16, 9.2e17];
        values.extend([1e18, 9.3e17, 1e300, f64::MAX, f64::MIN, f64::NAN, f64::INFINITY, f64::NEG_INFINITY]);
        values.extend((-2000..2000).map(|i| f64::from(i) * 0.037));
        values.extend((0..64).map(|p| 2f64.powi(p) + 0.5).chain((0..64).map(|p| -(2f64.powi(p) * 1.1))));
        for value in values {
            assert_eq!(number(value), by_remainder(value), "{value}");
        }
    }
}
