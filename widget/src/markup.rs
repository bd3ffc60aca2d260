//! HTML as text: a writer that escapes every text and attribute value it is given.
//!
//! Why not yew's `html!` everywhere? Each element of `html!` is a few hundred bytes of wasm at
//! each place it appears, and the overview's cards, map and filters are most of the first
//! module's view code (docs/bundle-size.md). Written as text they are a few pushes onto one
//! string, and [`crate::morph`] brings the DOM up to date with it.
//!
//! Only this module writes markup characters: callers pass element and attribute names (always
//! `'static` strings of our own) and values, and every value goes through `Markup::escaped`.
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

    /// Text content, escaped.
    #[inline(never)]
    pub fn text(&mut self, text: &str) -> &mut Markup {
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
            self.out.push_str(&rest[..at]);
            self.out.push_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            });
            rest = &rest[at + 1..];
        }
        self.out.push_str(rest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
