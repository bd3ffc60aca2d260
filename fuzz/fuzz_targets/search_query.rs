//! Arbitrary query text, filters, sort, paging and switches over the demo dataset, through
//! `search` and `search_partners`: no panic, a page within its limit, and highlights that are
//! ascending ranges on character boundaries of the text they name.
#![no_main]

use std::sync::{Arc, OnceLock};

use arbitrary::{Arbitrary, Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use verschilmaker::search::{
    Field, Filters, Highlight, NeedStatus, PartnerFilters, PartnerQuery, Query, SearchIndex, Sort, build_index, search,
    search_partners,
};
use verschilmaker::{AreaId, Dataset, Kind, LatLon, Sector, Stage, Text, ThemeId};

fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let json = include_str!("../../core/demo/initiatieven.json");
        let dataset = Dataset::from_json_strict(json).expect("the demo data is valid");
        build_index(Arc::new(dataset))
    })
}

/// Picks a few values from `all`, and now and then an id that is not in the dataset.
fn some<T: Clone>(u: &mut Unstructured<'_>, all: &[T]) -> Result<Vec<T>> {
    let mut chosen = Vec::new();
    for _ in 0..u.int_in_range(0..=3)? {
        if all.is_empty() {
            break;
        }
        chosen.push(u.choose(all)?.clone());
    }
    Ok(chosen)
}

fn ids<T>(u: &mut Unstructured<'_>, known: Vec<String>, make: fn(&str) -> Option<T>) -> Result<Vec<T>> {
    let mut known = known;
    known.push("bestaat-niet".into());
    Ok(some(u, &known)?.iter().filter_map(|id| make(id)).collect())
}

fn text(u: &mut Unstructured<'_>) -> Result<String> {
    // Mostly words from a small list (so that queries hit), glued with arbitrary text.
    const WORDS: &[&str] =
        &["moestuin", "buurt", "groen", "repair", "café", "kinderen", "wijk", "ééé", "e\u{301}", "ß", "İ", " ", "-"];
    let mut text = String::new();
    for _ in 0..u.int_in_range(0..=4)? {
        if u.ratio(2, 3)? {
            text.push_str(u.choose(WORDS)?);
        } else {
            text.push_str(&String::arbitrary(u)?);
        }
        if u.arbitrary()? {
            text.push(' ');
        }
    }
    Ok(text)
}

/// A page size: mostly small, sometimes absurd, since the widget passes numbers through.
fn count(u: &mut Unstructured<'_>) -> Result<usize> {
    Ok(match u.int_in_range(0..=3)? {
        0 => usize::MAX,
        1 => usize::arbitrary(u)?,
        _ => u.int_in_range(0..=50)?,
    })
}

fn check_highlights(highlights: &[Highlight], text_of: impl Fn(Field) -> Option<&'static Text>) {
    for highlight in highlights {
        for pair in highlight.ranges.windows(2) {
            assert!(pair[0].end <= pair[1].start, "overlapping or unordered ranges: {highlight:?}");
        }
        let Some(text) = text_of(highlight.field) else {
            continue;
        };
        let translation = text
            .translations()
            .find(|(lang, _)| lang.map(|l| l.as_str()) == highlight.language.as_deref())
            .map(|(_, t)| t);
        let translation = translation.unwrap_or_else(|| panic!("no translation for {highlight:?}"));
        for range in &highlight.ranges {
            assert!(range.start < range.end, "empty range: {highlight:?}");
            assert!(translation.get(range.clone()).is_some(), "range off the text: {highlight:?} in {translation:?}");
        }
    }
}

fn run(u: &mut Unstructured<'_>) -> Result<()> {
    let index = index();
    let dataset: &'static Dataset = index.dataset();
    let themes: Vec<String> = dataset.themes.iter().map(|t| t.id.as_str().to_owned()).collect();
    let areas: Vec<String> = dataset.areas.iter().map(|a| a.id.as_str().to_owned()).collect();
    let sort = match u.int_in_range(0..=3)? {
        0 => Sort::Relevance,
        1 => Sort::Newest,
        2 => Sort::MostOpenNeeds,
        // Any two numbers, also NaN and infinities: the model does not stop a caller passing them.
        _ => Sort::Nearest(LatLon { lat: f64::arbitrary(u)?, lon: f64::arbitrary(u)? }),
    };
    let postcode = if u.ratio(1, 4)? { Some(String::arbitrary(u)?) } else { None };
    let query = Query {
        text: text(u)?,
        filters: Filters {
            themes: ids(u, themes.clone(), ThemeId::new)?,
            areas: ids(u, areas.clone(), AreaId::new)?,
            stages: some(u, Stage::ALL)?,
            need_kinds: some(u, Kind::ALL)?,
            sectors: some(u, Sector::ALL)?,
            need_status: some(u, &NeedStatus::ALL)?,
            postcode: postcode.clone(),
        },
        sort,
        offset: count(u)?,
        limit: count(u)?,
        typos: u.arbitrary()?,
        stemming: u.arbitrary()?,
    };
    let results = search(index, &query);
    assert!(results.hits.len() <= query.limit);
    assert!(results.hits.len() <= results.total.saturating_sub(query.offset));
    assert!(results.total <= dataset.initiatives.len());
    assert_eq!(results, search(index, &query), "search is not deterministic");
    for hit in &results.hits {
        let initiative = &dataset.initiatives[hit.index];
        assert_eq!(hit.id, initiative.id);
        check_highlights(&hit.highlights, |field| match field {
            Field::Title => Some(&initiative.title),
            Field::Summary => initiative.summary.as_ref(),
            Field::Description => initiative.description.as_ref(),
            _ => None,
        });
    }

    let partner_query = PartnerQuery {
        text: text(u)?,
        filters: PartnerFilters {
            sectors: some(u, Sector::ALL)?,
            themes: ids(u, themes, ThemeId::new)?,
            areas: ids(u, areas, AreaId::new)?,
            offer_kinds: some(u, Kind::ALL)?,
            postcode,
        },
        offset: count(u)?,
        limit: count(u)?,
        typos: u.arbitrary()?,
        stemming: u.arbitrary()?,
    };
    let results = search_partners(index, &partner_query);
    assert!(results.hits.len() <= partner_query.limit);
    assert!(results.hits.len() <= results.total.saturating_sub(partner_query.offset));
    for hit in &results.hits {
        assert_eq!(hit.id, dataset.partners[hit.index].id);
        check_highlights(&hit.highlights, |_| None);
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(&mut Unstructured::new(data));
});
