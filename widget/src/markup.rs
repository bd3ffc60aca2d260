//! HTML as text: a writer that escapes every text and attribute value it is given.
//!
//! Why not yew's `html!` everywhere? Each element of `html!` is a few hundred bytes of wasm at
//! each place it appears, and the overview's cards, map and filters are most of the first
//! module's view code (docs/bundle-size.md). Written as text they are a few pushes onto one
//! string, and [`crate::morph`] brings the DOM up to date with it.
//!
//! Only this module writes markup characters: callers pass element and attribute names (always
//! `'static` strings of our own) and values, and every value is escaped on the way in.
//! A dataset text can therefore never become an element, an attribute or a script.

/// Markup being written.
#[derive(Debug, Default)]
pub struct Markup {
    out: String,
}

impl Markup {
    /// An empty writer.
    pub fn new() -> Markup {
        Markup::default()
    }

    /// The markup written so far.
    pub fn finish(self) -> String {
        self.out
    }

    /// Whether nothing was written.
    pub fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    /// Appends what another writer wrote (so escaped the same way).
    pub fn append(&mut self, other: Markup) -> &mut Markup {
        self.out.push_str(&other.out);
        self
    }

    /// Starts an element: `<tag`. Attributes follow, then [`Markup::close`].
    #[inline(never)]
    pub fn open(&mut self, tag: &'static str) -> &mut Markup {
        self.out.push('<');
        self.out.push_str(tag);
        self
    }

    /// An attribute of the element just opened, its value escaped.
    #[inline(never)]
    pub fn attr(&mut self, name: &'static str, value: &str) -> &mut Markup {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        self.escaped(value);
        self.out.push('"');
        self
    }

    /// A boolean attribute (`checked`, `open`, …), written only when `on`.
    #[inline(never)]
    pub fn flag(&mut self, name: &'static str, on: bool) -> &mut Markup {
        if on {
            self.out.push(' ');
            self.out.push_str(name);
        }
        self
    }

    /// Ends the start tag: `>`.
    #[inline(never)]
    pub fn close(&mut self) -> &mut Markup {
        self.out.push('>');
        self
    }

    /// An element with only a class attribute, its start tag closed: `<tag class="…">`.
    #[inline(never)]
    pub fn start(&mut self, tag: &'static str, class: &'static str) -> &mut Markup {
        self.open(tag);
        if !class.is_empty() {
            self.attr("class", class);
        }
        self.close()
    }

    /// Text content, escaped. A text with right-to-left letters or bidi controls (a dataset's
    /// Arabic or Hebrew title, say; the widget's own texts have none) goes into an isolate of its
    /// own, `<bdi>`: it takes its own direction, and cannot reorder the labels and counts around
    /// it or, with an unclosed override, the rest of the line.
    #[inline(never)]
    pub fn text(&mut self, text: &str) -> &mut Markup {
        let isolate = needs_isolate(text);
        if isolate {
            self.out.push_str("<bdi>");
        }
        self.escaped(text);
        if isolate {
            self.out.push_str("</bdi>");
        }
        self
    }

    /// Text content, escaped, without an isolate of its own: for pieces of a text that
    /// [`Markup::text`] would isolate as a whole (see `text::marked`).
    #[inline(never)]
    pub fn piece(&mut self, text: &str) -> &mut Markup {
        self.escaped(text);
        self
    }

    /// A number as text.
    #[inline(never)]
    pub fn count(&mut self, value: usize) -> &mut Markup {
        self.out.push_str(&value.to_string());
        self
    }

    /// An end tag: `</tag>`.
    #[inline(never)]
    pub fn end(&mut self, tag: &'static str) -> &mut Markup {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
        self
    }

    /// A whole element with only a class and text: `<tag class="…">text</tag>`.
    #[inline(never)]
    pub fn element(&mut self, tag: &'static str, class: &'static str, text: &str) -> &mut Markup {
        self.start(tag, class).text(text).end(tag)
    }

    /// `value` with `&`, `<`, `>`, `"` and `'` as character references: safe as text and as a
    /// quoted attribute value.
    fn escaped(&mut self, value: &str) {
        let mut rest = value;
        while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
            // `get` rather than indexing (the characters found are ASCII, so always on a boundary):
            // string slicing's panic message would add its formatting code to the download.
            self.out.push_str(rest.get(..at).unwrap_or_default());
            self.out.push_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            });
            rest = rest.get(at + 1..).unwrap_or_default();
        }
        self.out.push_str(rest);
    }
}

/// Whether `text` holds a right-to-left letter (Hebrew, Arabic, Syriac, Thaana, N'Ko and the
/// other scripts of U+0590–U+08FF, their presentation forms, and the historic right-to-left
/// scripts of plane 1) or an explicit bidi control, so that it needs an isolate of its own.
/// Read from the UTF-8 lead bytes, which costs the first download less than decoding; the
/// blocks it tests are a little wider than the right-to-left ones (Armenian's last letters,
/// the Latin ligatures before U+FB1D), and isolating a left-to-right text changes nothing.
pub fn needs_isolate(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(at, &lead)| {
        let next = bytes.get(at + 1).copied().unwrap_or(0);
        let third = bytes.get(at + 2).copied().unwrap_or(0);
        match lead {
            0xD6..=0xDF => true,
            0xE0 => matches!(next, 0xA0..=0xA3),
            0xE2 => matches!((next, third), (0x80, 0x8F | 0xAA..=0xAE) | (0x81, 0xA6..=0xA9)),
            0xEF => matches!(next, 0xAC..=0xB7 | 0xB9..=0xBB),
            0xF0 => matches!(next, 0x90 | 0x9E) && matches!(third, 0xA0..=0xBF),
            _ => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_to_left_texts_and_bidi_controls_get_an_isolate_of_their_own() {
        let mut m = Markup::new();
        m.text("Moestuin ").text("حديقة").text(" ").count(3).text(" שלום <b>").text("a\u{202E}b").text("Zoë");
        m.piece("مرحبا");
        assert_eq!(m.finish(), "Moestuin <bdi>حديقة</bdi> 3<bdi> שלום &lt;b&gt;</bdi><bdi>a\u{202E}b</bdi>Zoëمرحبا");
        for ltr in ["", "Straße", "Ελληνικά", "日本語", "Привет", "€ 1.250", "\u{200E}", "😀"] {
            assert!(!needs_isolate(ltr), "{ltr}");
        }
        for rtl in ["ܫܠܡܐ", "\u{2067}x", "x\u{200F}", "ﷺ", "\u{202A}", "ࢠ", "\u{10900}", "\u{1E900}", "ﻼ", "\u{2069}"]
        {
            assert!(needs_isolate(rtl), "{rtl:?}");
        }
    }

    #[test]
    fn text_and_attribute_values_cannot_make_markup() {
        let mut m = Markup::new();
        m.open("a").attr("href", "#x\" onclick=\"alert(1)\"").attr("title", "it's").close();
        m.text("<script>alert('&')</script>").end("a");
        assert_eq!(
            m.finish(),
            "<a href=\"#x&quot; onclick=&quot;alert(1)&quot;\" title=\"it&#39;s\">\
             &lt;script&gt;alert(&#39;&amp;&#39;)&lt;/script&gt;</a>"
        );
    }

    #[test]
    fn flags_classes_and_counts() {
        let mut m = Markup::new();
        m.open("input").attr("type", "checkbox").flag("checked", true).flag("disabled", false).close();
        m.start("span", "vm-count").count(42).end("span");
        m.start("p", "").end("p");
        m.element("li", "vm-x", "Zoë & co");
        assert_eq!(
            m.finish(),
            "<input type=\"checkbox\" checked><span class=\"vm-count\">42</span><p></p>\
             <li class=\"vm-x\">Zoë &amp; co</li>"
        );
    }

    #[test]
    fn multibyte_text_around_escapes_survives() {
        let mut m = Markup::new();
        m.text("één<twee>drie€");
        assert_eq!(m.finish(), "één&lt;twee&gt;drie€");
    }
}
