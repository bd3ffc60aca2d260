//! Where the visitor is (the results, one initiative or one of the forms) and what they searched
//! for, and how both are written into the host page's URL fragment.
//!
//! The fragment is `#verschilmaker/initiatief/ID` for an initiative and
//! `#verschilmaker/zoeken?q=…&thema=…` for the results; the forms are `#verschilmaker/starten`
//! and `#verschilmaker/helpen` (with `?initiatief=ID` when the visitor came from that
//! initiative). Only fragments that start with `#verschilmaker/` are ours: any other fragment
//! belongs to the host page and is left alone.

use verschilmaker::search::{Filters, NeedStatus, Query, Sort};
use verschilmaker::{AreaId, Kind, Stage, ThemeId};

/// The prefix of every fragment the widget reads or writes.
pub const PREFIX: &str = "#verschilmaker/";

/// How many results a page of the list shows.
pub const PAGE_SIZE: usize = 20;

/// Which view is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// The search with its results.
    Discover,
    /// One initiative, by id.
    Initiative(String),
    /// The "start an initiative" form (`#verschilmaker/starten`).
    Start,
    /// The "offer help" form (`#verschilmaker/helpen`), for one initiative when it came from
    /// "I want to help" on its page (`#verschilmaker/helpen?initiatief=ID`).
    Offer(Option<String>),
}

/// The order of the results.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    /// Best match (dataset order without search words).
    #[default]
    Relevance,
    /// Most recently updated first.
    Newest,
    /// Most open needs first.
    OpenNeeds,
}

impl SortKey {
    /// Every order, as shown in the sort menu.
    pub const ALL: [SortKey; 3] = [SortKey::Relevance, SortKey::Newest, SortKey::OpenNeeds];

    /// The value in the fragment and the menu.
    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Relevance => "relevantie",
            SortKey::Newest => "nieuw",
            SortKey::OpenNeeds => "open",
        }
    }

    /// The order with this value; unknown values are the default.
    pub fn parse(value: &str) -> SortKey {
        SortKey::ALL.into_iter().find(|s| s.as_str() == value).unwrap_or_default()
    }
}

/// What the visitor searched for: the search words, filters, order and how many pages they see.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Criteria {
    /// The search words.
    pub text: String,
    /// Theme ids.
    pub themes: Vec<String>,
    /// Area ids.
    pub areas: Vec<String>,
    /// Stages.
    pub stages: Vec<Stage>,
    /// Kinds of need.
    pub kinds: Vec<Kind>,
    /// Only initiatives that still have open needs.
    pub open: bool,
    /// A postcode, as typed.
    pub postcode: String,
    /// The order.
    pub sort: SortKey,
    /// How many pages of [`PAGE_SIZE`] results are shown (at least 1).
    pub pages: usize,
}

impl Criteria {
    /// No search words and no filters (order and paging do not count).
    pub fn is_unfiltered(&self) -> bool {
        self.text.trim().is_empty()
            && self.themes.is_empty()
            && self.areas.is_empty()
            && self.stages.is_empty()
            && self.kinds.is_empty()
            && !self.open
            && self.postcode.trim().is_empty()
    }

    /// How many filters behind the "map and filters" disclosure are on: each chosen theme, area,
    /// stage and kind, and "still needs help" (the search words and postcode are outside it).
    pub fn active_filters(&self) -> usize {
        self.themes.len() + self.areas.len() + self.stages.len() + self.kinds.len() + usize::from(self.open)
    }

    /// The search in core's terms.
    pub fn to_query(&self) -> Query {
        Query {
            text: self.text.clone(),
            filters: Filters {
                themes: self.themes.iter().filter_map(|id| ThemeId::new(id)).collect(),
                areas: self.areas.iter().filter_map(|id| AreaId::new(id)).collect(),
                stages: self.stages.clone(),
                need_kinds: self.kinds.clone(),
                need_status: if self.open { vec![NeedStatus::Open] } else { Vec::new() },
                postcode: Some(self.postcode.trim()).filter(|p| !p.is_empty()).map(str::to_owned),
                ..Filters::default()
            },
            sort: match self.sort {
                SortKey::Relevance => Sort::Relevance,
                SortKey::Newest => Sort::Newest,
                SortKey::OpenNeeds => Sort::MostOpenNeeds,
            },
            offset: 0,
            limit: PAGE_SIZE * self.pages.max(1),
            ..Query::default()
        }
    }
}

/// Adds `value` to `list` when absent, removes it when present.
pub fn toggle<T: PartialEq>(list: &mut Vec<T>, value: T) {
    match list.iter().position(|v| *v == value) {
        Some(at) => {
            list.remove(at);
        }
        None => list.push(value),
    }
}

/// The address of `fragment` on the host page `page` (its `location.pathname` and
/// `location.search`): every link and address the widget writes goes through here, so that it
/// stays on the page whatever a `<base href>` says (a bare `#…` resolves against the base, and a
/// CMS's base points elsewhere).
pub fn page_url(page: &str, fragment: &str) -> String {
    let mut url = String::with_capacity(page.len() + fragment.len());
    url.push_str(page.split('#').next().unwrap_or_default());
    url.push_str(fragment);
    url
}

/// The fragment for a route and the criteria (which only the results fragment carries).
pub fn to_fragment(route: &Route, criteria: &Criteria) -> String {
    let mut out = String::from(PREFIX);
    match route {
        Route::Initiative(id) => {
            out.push_str("initiatief/");
            encode_into(&mut out, id);
        }
        Route::Start => out.push_str("starten"),
        Route::Offer(for_initiative) => {
            out.push_str("helpen");
            if let Some(id) = for_initiative {
                out.push_str("?initiatief=");
                encode_into(&mut out, id);
            }
        }
        Route::Discover => {
            out.push_str("zoeken");
            let mut pairs: Vec<(&str, &str)> = Vec::new();
            if !criteria.text.is_empty() {
                pairs.push(("q", &criteria.text));
            }
            pairs.extend(criteria.themes.iter().map(|t| ("thema", t.as_str())));
            pairs.extend(criteria.areas.iter().map(|a| ("gebied", a.as_str())));
            pairs.extend(criteria.stages.iter().map(|s| ("fase", s.as_str())));
            pairs.extend(criteria.kinds.iter().map(|k| ("hulp", k.as_str())));
            if criteria.open {
                pairs.push(("open", "1"));
            }
            if !criteria.postcode.is_empty() {
                pairs.push(("postcode", &criteria.postcode));
            }
            if criteria.sort != SortKey::Relevance {
                pairs.push(("sortering", criteria.sort.as_str()));
            }
            for (i, (key, value)) in pairs.into_iter().enumerate() {
                out.push(if i == 0 { '?' } else { '&' });
                out.push_str(key);
                out.push('=');
                encode_into(&mut out, value);
            }
        }
    }
    out
}

/// Reads a fragment: `None` when it is not ours. Unknown keys and values are ignored.
pub fn from_fragment(fragment: &str) -> Option<(Route, Criteria)> {
    let rest = fragment.strip_prefix(PREFIX)?;
    let mut criteria = Criteria { pages: 1, ..Criteria::default() };
    if let Some(id) = rest.strip_prefix("initiatief/") {
        let id = decode(id);
        return (!id.is_empty()).then_some((Route::Initiative(id), criteria));
    }
    let (page, query) = rest.split_once('?').unwrap_or((rest, ""));
    match page {
        "starten" => return Some((Route::Start, criteria)),
        "helpen" => {
            let id = query
                .split('&')
                .filter_map(|pair| pair.strip_prefix("initiatief="))
                .map(decode)
                .find(|id| !id.is_empty());
            return Some((Route::Offer(id), criteria));
        }
        _ => {}
    }
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = decode(value);
        match key {
            "q" => criteria.text = value,
            "thema" => criteria.themes.push(value),
            "gebied" => criteria.areas.push(value),
            "fase" => criteria.stages.extend(value.parse::<Stage>().ok()),
            "hulp" => criteria.kinds.extend(value.parse::<Kind>().ok()),
            "open" => criteria.open = value == "1",
            "postcode" => criteria.postcode = value,
            "sortering" => criteria.sort = SortKey::parse(&value),
            _ => {}
        }
    }
    Some((Route::Discover, criteria))
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
pub(crate) fn encode_into(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 15)]));
        }
    }
}

/// Decodes `%XX` escapes and `+`; malformed escapes stay as they are, invalid UTF-8 is replaced.
fn decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match bytes[i] {
            b'%' if i + 2 < bytes.len() && hex(bytes[i + 1]).is_some() && hex(bytes[i + 2]).is_some() => {
                out.push((hex(bytes[i + 1]).unwrap_or(0) * 16 + hex(bytes[i + 2]).unwrap_or(0)) as u8);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            byte => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_stay_on_the_page_whatever_the_base() {
        let fragment = to_fragment(&Route::Initiative("moestuin".into()), &Criteria::default());
        assert_eq!(
            page_url("/cms/wijken/noord?x=1", &fragment),
            "/cms/wijken/noord?x=1#verschilmaker/initiatief/moestuin"
        );
        assert_eq!(page_url("", &fragment), "#verschilmaker/initiatief/moestuin");
        assert_eq!(page_url("/p#old", "#verschilmaker/starten"), "/p#verschilmaker/starten");
    }

    #[test]
    fn fragments_round_trip() {
        let criteria = Criteria {
            text: "repair café & meer".into(),
            themes: vec!["groen".into(), "zorg".into()],
            areas: vec!["de-akkers".into()],
            stages: vec![Stage::Idea],
            kinds: vec![Kind::Volunteers],
            open: true,
            postcode: "5211 AB".into(),
            sort: SortKey::Newest,
            pages: 1,
        };
        let fragment = to_fragment(&Route::Discover, &criteria);
        assert_eq!(
            fragment,
            "#verschilmaker/zoeken?q=repair%20caf%C3%A9%20%26%20meer&thema=groen&thema=zorg&gebied=de-akkers\
             &fase=idea&hulp=volunteers&open=1&postcode=5211%20AB&sortering=nieuw"
        );
        assert_eq!(from_fragment(&fragment), Some((Route::Discover, criteria)));
        let page = to_fragment(&Route::Initiative("moestuin de/vlier".into()), &Criteria::default());
        assert_eq!(page, "#verschilmaker/initiatief/moestuin%20de%2Fvlier");
        assert_eq!(from_fragment(&page).unwrap().0, Route::Initiative("moestuin de/vlier".into()));
        for (route, fragment) in [
            (Route::Start, "#verschilmaker/starten"),
            (Route::Offer(None), "#verschilmaker/helpen"),
            (Route::Offer(Some("de vlier".into())), "#verschilmaker/helpen?initiatief=de%20vlier"),
        ] {
            assert_eq!(to_fragment(&route, &Criteria::default()), fragment);
            assert_eq!(from_fragment(fragment).map(|r| r.0), Some(route));
        }
        assert_eq!(from_fragment("#verschilmaker/helpen?initiatief=").map(|r| r.0), Some(Route::Offer(None)));
    }

    #[test]
    fn other_fragments_are_the_host_pages() {
        for fragment in ["", "#", "#main", "#verschilmaker", "#/verschilmaker/zoeken", "#verschilmaker/initiatief/"] {
            assert_eq!(from_fragment(fragment).map(|r| r.0), None, "{fragment:?}");
        }
        let (route, criteria) = from_fragment("#verschilmaker/zoeken?fase=bogus&x=1&q=%zz+a").unwrap();
        assert_eq!(route, Route::Discover);
        assert_eq!(criteria.stages, []);
        assert_eq!(criteria.text, "%zz a");
    }

    #[test]
    fn criteria_become_a_query() {
        let criteria = Criteria { open: true, postcode: " 5211 ".into(), pages: 2, ..Criteria::default() };
        let query = criteria.to_query();
        assert_eq!(query.filters.need_status, [NeedStatus::Open]);
        assert_eq!(query.filters.postcode.as_deref(), Some("5211"));
        assert_eq!(query.limit, 2 * PAGE_SIZE);
        assert!(!criteria.is_unfiltered());
        assert!(Criteria::default().is_unfiltered());
    }
}
