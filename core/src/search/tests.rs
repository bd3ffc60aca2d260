//! Tests of the search API: one `check` line per matching, ranking, filtering and sorting rule,
//! and property tests that facet counts agree with filtering and that results are
//! deterministic.

use proptest::prelude::*;

use super::*;
use crate::LatLon;

/// A small municipality: two districts with a neighbourhood each, three themes.
const DATASET: &str = r#"{
  "schema": "verschilmaker/1",
  "municipality": {"name": "Gemeente Test", "languages": ["nl", "en"]},
  "areas": [
    {"id": "noord", "name": "Noord", "centroid": [51.70, 5.30], "postcodes": ["5211"]},
    {"id": "kruiskamp", "name": "Kruiskamp", "parent": "noord", "centroid": [51.71, 5.31], "postcodes": ["5215"]},
    {"id": "zuid", "name": "Zuid", "centroid": [51.60, 5.30], "postcodes": ["5221"]}
  ],
  "themes": [
    {"id": "groen", "name": {"nl": "Groen", "en": "Green"}},
    {"id": "cultuur", "name": {"nl": "Cultuur", "en": "Culture"}},
    {"id": "zorg", "name": "Zorg"}
  ],
  "initiatives": [
    {"id": "moestuin", "title": {"nl": "Buurtmoestuin Noord", "en": "Community garden North"},
     "summary": "Samen groente kweken in de moestuinen van de wijk.",
     "themes": ["groen"], "area": "kruiskamp", "stage": "starting", "updated": "2025-03-01",
     "initiators": [{"name": "Anouk de Vries", "sector": "resident"}],
     "needs": [{"id": "handen", "kind": "volunteers", "amount": 60, "description": "Vrijwilligers voor het onkruid"},
               {"id": "grond", "kind": "space", "amount": 400}]},
    {"id": "festival", "title": "Cultuurfestival Zuid", "summary": "Muziek, theater en een café op het plein.",
     "themes": ["cultuur"], "area": "zuid", "stage": "idea", "updated": "2025-06-01",
     "initiators": [{"name": "Stichting Plein", "sector": "foundation"}],
     "needs": [{"id": "geld", "kind": "funding", "amount": 5000}]},
    {"id": "repair", "title": "Repair café", "description": "Elke maand repareren we samen kapotte spullen.",
     "themes": ["groen", "zorg"], "stage": "running",
     "location": {"lat": 51.69, "lon": 5.29},
     "initiators": [{"name": "Bram Jansen", "sector": "resident"}, {"name": "Bouwmarkt", "sector": "business"}],
     "needs": [{"id": "gereedschap", "kind": "materials"}]},
    {"id": "tuinen", "title": "Geveltuinen in Noord", "themes": ["groen"], "area": "noord", "stage": "completed",
     "updated": "2024-01-01",
     "needs": [{"id": "planten", "kind": "materials", "amount": 10}]}
  ],
  "partners": [
    {"id": "hovenier", "name": "Hoveniersbedrijf Groen", "sector": "business", "areas": ["noord"], "themes": ["groen"],
     "offers": [{"id": "planten", "kind": "materials", "capacity": 100, "description": "Planten en advies"}]},
    {"id": "fonds", "name": "Cultuurfonds", "sector": "foundation", "themes": ["cultuur"],
     "offers": [{"id": "subsidie", "kind": "funding", "capacity": 10000}]}
  ],
  "commitments": [
    {"id": "c1", "initiative": "tuinen", "need": "planten", "partner": "hovenier", "offer": "planten", "amount": 10, "status": "delivered"},
    {"id": "c2", "initiative": "repair", "need": "gereedschap", "partner": "hovenier", "status": "proposed"}
  ]
}"#;

fn index() -> SearchIndex {
    match Dataset::from_json_strict(DATASET) {
        Ok(dataset) => build_index(dataset),
        Err(error) => panic!("test dataset: {error:?}"),
    }
}

fn ids(results: &Results) -> Vec<&str> {
    results.hits.iter().map(|hit| hit.id.as_str()).collect()
}

/// The ids a query finds, in order.
fn check(query: Query, expected: &[&str]) {
    let index = index();
    let results = search(&index, &query);
    assert_eq!(ids(&results), expected, "{query:?}");
    assert_eq!(results.total, expected.len(), "total of {query:?}");
}

fn text(text: &str) -> Query {
    Query { text: text.into(), ..Query::default() }
}

fn filtered(filters: Filters) -> Query {
    Query { filters, ..Query::default() }
}

fn sorted(sort: Sort) -> Query {
    Query { sort, ..Query::default() }
}

#[test]
fn text_rules() {
    // Everything without text, in dataset order.
    check(text(""), &["moestuin", "festival", "repair", "tuinen"]);
    check(text("  ,. "), &["moestuin", "festival", "repair", "tuinen"]);
    // Diacritics both ways, and case.
    check(text("cafe "), &["repair", "festival"]);
    check(text("CAFÉ "), &["repair", "festival"]);
    // Stemming (Dutch plural, English plural) and other languages of the same text.
    check(text("moestuin "), &["moestuin"]);
    check(text("gardens "), &["moestuin"]);
    // Theme, area (with its parent) and initiator names.
    check(text("cultuur "), &["festival"]);
    check(text("culture "), &["festival"]);
    check(text("kruiskamp "), &["moestuin"]);
    check(text("noord "), &["tuinen", "moestuin"]);
    check(text("anouk "), &["moestuin"]);
    // Need descriptions.
    check(text("onkruid "), &["moestuin"]);
    // Prefix of the word being typed, not of earlier words.
    check(text("cultuurfest"), &["festival"]);
    check(text("cultuurfest "), &[]);
    // A typo: one edit from four characters.
    check(text("cultuurfestvial "), &["festival"]);
    check(text("cultuurfstvial "), &["festival"]);
    check(text("cultuurfstvl "), &[]);
    check(text("thaeter "), &["festival"]);
    check(text("cfae "), &[]);
    check(text("caffe "), &["repair", "festival"]);
    check(text("reapir "), &["repair"]);
    // All words must match.
    check(text("repair noord "), &[]);
    check(text("geveltuinen noord "), &["tuinen"]);
    check(text("onbekendwoord "), &[]);
}

#[test]
fn ranking_rules() {
    // Field boosts: a word in a summary (moestuin) beats the same word in a description (repair).
    check(text("samen "), &["moestuin", "repair"]);
    // BM25 length normalisation: the shorter title of two that both match in title and area.
    check(text("noord "), &["tuinen", "moestuin"]);
    // Exact (café in repair's title) beats a typo match ("cafe" is one edit from "café"? no:
    // it folds to it, so both are exact) — and the shorter title wins.
    check(text("café "), &["repair", "festival"]);
    let results = search(&index(), &text("noord "));
    assert!(results.hits[0].score > results.hits[1].score);
    assert!(results.hits[1].score > 0.0);
}

#[test]
fn filter_rules() {
    let theme = |id: &str| ThemeId::new(id).into_iter().collect();
    let area = |id: &str| AreaId::new(id).into_iter().collect();
    check(filtered(Filters { themes: theme("groen"), ..Filters::default() }), &["moestuin", "repair", "tuinen"]);
    check(filtered(Filters { themes: theme("onbekend"), ..Filters::default() }), &[]);
    // A parent area includes its children; initiatives without an area are in none.
    check(filtered(Filters { areas: area("noord"), ..Filters::default() }), &["moestuin", "tuinen"]);
    check(filtered(Filters { areas: area("kruiskamp"), ..Filters::default() }), &["moestuin"]);
    check(
        filtered(Filters { stages: vec![Stage::Idea, Stage::Running], ..Filters::default() }),
        &["festival", "repair"],
    );
    check(filtered(Filters { need_kinds: vec![Kind::Materials], ..Filters::default() }), &["repair", "tuinen"]);
    check(filtered(Filters { sectors: vec![Sector::Business], ..Filters::default() }), &["repair"]);
    // Covered: every need has agreed or delivered commitments reaching its amount. A proposed
    // commitment covers nothing.
    check(filtered(Filters { need_status: vec![NeedStatus::Covered], ..Filters::default() }), &["tuinen"]);
    check(
        filtered(Filters { need_status: vec![NeedStatus::Open], ..Filters::default() }),
        &["moestuin", "festival", "repair"],
    );
    // Postcodes: PC4 of any form; a child's postcode picks the child only; unknown matches nothing.
    check(filtered(Filters { postcode: Some("5211 AB".into()), ..Filters::default() }), &["moestuin", "tuinen"]);
    check(filtered(Filters { postcode: Some("5215ab".into()), ..Filters::default() }), &["moestuin"]);
    check(filtered(Filters { postcode: Some("9999".into()), ..Filters::default() }), &[]);
    check(filtered(Filters { postcode: Some("abc".into()), ..Filters::default() }), &[]);
    // Not a postcode, though it starts with a PC4 that an area lists: the rule of `pc4`.
    check(filtered(Filters { postcode: Some("5211ABC".into()), ..Filters::default() }), &[]);
    // Filters combine with AND, values within one filter with OR.
    check(
        filtered(Filters {
            themes: theme("groen"),
            stages: vec![Stage::Starting, Stage::Completed],
            ..Filters::default()
        }),
        &["moestuin", "tuinen"],
    );
}

#[test]
fn postcode_resolution_is_reported() {
    let query = filtered(Filters { postcode: Some("5215".into()), ..Filters::default() });
    let results = search(&index(), &query);
    let areas: Vec<&str> = results.postcode_areas.iter().flatten().map(AreaId::as_str).collect();
    assert_eq!(areas, ["kruiskamp"]);
    assert_eq!(search(&index(), &Query::default()).postcode_areas, None);
}

#[test]
fn postcode_table_groups_areas_by_pc4() {
    // Areas share a PC4, one lists a PC4 twice, and they come in another order than their PC4s.
    let json = r#"{"schema": "verschilmaker/1", "municipality": {"name": "G", "languages": ["nl"]},
      "areas": [
        {"id": "a", "name": "A", "postcodes": ["5221", "5211", "5211"]},
        {"id": "b", "name": "B", "postcodes": ["5211"]},
        {"id": "c", "name": "C", "postcodes": ["1011", "5221"]}
      ]}"#;
    let index = build_index(Dataset::from_json_lenient(json).expect("test dataset").dataset);
    let table: Vec<(&str, &[u32])> = index.postcodes.iter().map(|(pc4, areas)| (pc4.as_str(), &areas[..])).collect();
    assert_eq!(table, [("1011", &[2][..]), ("5211", &[0, 1][..]), ("5221", &[0, 2][..])]);
}

#[test]
fn sort_rules() {
    check(sorted(Sort::Newest), &["festival", "moestuin", "tuinen", "repair"]);
    check(sorted(Sort::MostOpenNeeds), &["moestuin", "festival", "repair", "tuinen"]);
    // Nearest: repair's own location, then area centroids (tuinen: Noord; moestuin: Kruiskamp).
    check(sorted(Sort::Nearest(LatLon { lat: 51.69, lon: 5.29 })), &["repair", "tuinen", "moestuin", "festival"]);
    let results = search(&index(), &sorted(Sort::Nearest(LatLon { lat: 51.69, lon: 5.29 })));
    assert_eq!(results.hits[0].distance_km, Some(0.0));
}

#[test]
fn paging() {
    let page = |offset, limit| {
        let query = Query { offset, limit, ..Query::default() };
        let results = search(&index(), &query);
        (results.total, ids(&results).into_iter().map(str::to_owned).collect::<Vec<_>>())
    };
    assert_eq!(page(0, 2), (4, vec!["moestuin".to_owned(), "festival".to_owned()]));
    assert_eq!(page(2, 2), (4, vec!["repair".to_owned(), "tuinen".to_owned()]));
    assert_eq!(page(3, 10), (4, vec!["tuinen".to_owned()]));
    assert_eq!(page(4, 10), (4, vec![]));
    assert_eq!(page(usize::MAX, usize::MAX), (4, vec![]));
    assert_eq!(page(0, 0), (4, vec![]));
}

#[test]
fn facet_counts_are_disjunctive() {
    let index = index();
    let query = filtered(Filters {
        themes: vec![ThemeId::new("groen").unwrap_or_else(|| unreachable!())],
        ..Filters::default()
    });
    let results = search(&index, &query);
    // Theme counts ignore the theme filter itself: groen 3, cultuur 1, zorg 1.
    assert_eq!(results.facets.themes, [3, 1, 1]);
    // Stage counts apply it: starting (moestuin), running (repair), completed (tuinen).
    let stages: Vec<usize> = results.facets.stages.iter().map(|count| count.count).collect();
    assert_eq!(stages, [0, 0, 1, 1, 1, 0]);
    // Areas: noord counts its child kruiskamp's initiative too.
    assert_eq!(results.facets.areas, [2, 1, 0]);
}

#[test]
fn highlights_mark_matched_words_in_each_language() {
    let index = index();
    let results = search(&index, &text("garden moestuin"));
    let hit = &results.hits[0];
    let dataset = index.dataset();
    let marked: Vec<(Field, Option<&str>, Vec<&str>)> = hit
        .highlights
        .iter()
        .map(|highlight| {
            let initiative = &dataset.initiatives[hit.index];
            let text = match highlight.field {
                Field::Title => initiative.title.resolve(&[highlight.language.as_deref().unwrap_or("")]),
                Field::Summary => initiative.summary.as_ref().map_or("", |t| t.resolve(&[])),
                _ => "",
            };
            let words = highlight.ranges.iter().map(|range| &text[range.clone()]).collect();
            (highlight.field, highlight.language.as_deref(), words)
        })
        .collect();
    assert_eq!(
        marked,
        // "Buurtmoestuin" is a compound: without decompounding it is its own word.
        [(Field::Title, Some("en"), vec!["garden"]), (Field::Summary, Some("nl"), vec!["moestuinen"])]
    );
}

#[test]
fn partner_search() {
    let index = index();
    let found = |query: PartnerQuery| -> Vec<String> {
        search_partners(&index, &query).hits.iter().map(|hit| hit.id.as_str().to_owned()).collect()
    };
    assert_eq!(found(PartnerQuery { text: "planten ".into(), ..PartnerQuery::default() }), ["hovenier"]);
    assert_eq!(found(PartnerQuery { text: "cultuur".into(), ..PartnerQuery::default() }), ["fonds"]);
    // A partner serving Noord serves Kruiskamp; one serving everything serves Zuid.
    let area = |id: &str| PartnerFilters { areas: AreaId::new(id).into_iter().collect(), ..PartnerFilters::default() };
    assert_eq!(found(PartnerQuery { filters: area("kruiskamp"), ..PartnerQuery::default() }), ["hovenier", "fonds"]);
    assert_eq!(found(PartnerQuery { filters: area("zuid"), ..PartnerQuery::default() }), ["fonds"]);
    let by_postcode = PartnerFilters { postcode: Some("5221".into()), ..PartnerFilters::default() };
    assert_eq!(found(PartnerQuery { filters: by_postcode, ..PartnerQuery::default() }), ["fonds"]);
    let funding = PartnerFilters { offer_kinds: vec![Kind::Funding], ..PartnerFilters::default() };
    let results = search_partners(&index, &PartnerQuery { filters: funding, ..PartnerQuery::default() });
    assert_eq!(results.total, 1);
    let kinds: Vec<usize> = results.facets.offer_kinds.iter().map(|count| count.count).collect();
    assert_eq!(kinds.iter().sum::<usize>(), 2, "kind counts ignore the kind filter");
}

/// The first hits of a few queries on the demo dataset, with scores and highlighted words:
/// a change in ranking shows up as a reviewable diff.
#[test]
fn demo_data_snapshot() {
    let json = include_str!("../../demo/initiatieven.json");
    let index = match Dataset::from_json_strict(json) {
        Ok(dataset) => build_index(dataset),
        Err(error) => panic!("demo data: {error:?}"),
    };
    let dataset = index.dataset();
    let mut out = String::new();
    for text in ["moestuin", "cafe ", "vrijwilligers ", "energie", "jongeren sport "] {
        let results = search(&index, &Query { text: text.into(), limit: 5, ..Query::default() });
        out.push_str(&format!("{text:?}: {} found\n", results.total));
        for hit in &results.hits {
            let initiative = &dataset.initiatives[hit.index];
            out.push_str(&format!("  {:.3} {} — {}\n", hit.score, hit.id, initiative.title.resolve(&["nl"])));
            for highlight in &hit.highlights {
                let text = highlighted_text(initiative, dataset, highlight);
                let words: Vec<&str> = highlight.ranges.iter().filter_map(|range| text.get(range.clone())).collect();
                out.push_str(&format!("      {:?} {:?}: {words:?}\n", highlight.field, highlight.language));
            }
        }
    }
    insta::assert_snapshot!(out);
}

/// The text a highlight refers to.
fn highlighted_text<'a>(initiative: &'a crate::Initiative, dataset: &'a Dataset, highlight: &Highlight) -> &'a str {
    let language = [highlight.language.as_deref().unwrap_or("")];
    let pick = |text: &'a Text| -> &'a str {
        match highlight.language {
            Some(_) => text.resolve(&language),
            None => text.resolve(&[]),
        }
    };
    match highlight.field {
        Field::Title => pick(&initiative.title),
        Field::Summary => initiative.summary.as_ref().map_or("", pick),
        Field::Description => initiative.description.as_ref().map_or("", pick),
        Field::Need(at) => initiative.needs.get(at).and_then(|need| need.description.as_ref()).map_or("", pick),
        Field::Theme(at) => {
            initiative.themes.get(at).and_then(|id| dataset.theme(id)).map_or("", |theme| pick(&theme.name))
        }
        Field::Area(depth) => {
            let mut area = initiative.area.as_ref().and_then(|id| dataset.area(id));
            for _ in 0..depth {
                area = area.and_then(|a| a.parent.as_ref()).and_then(|id| dataset.area(id));
            }
            area.map_or("", |area| area.name.as_str())
        }
        Field::Initiator(at) => initiative.initiators.get(at).map_or("", |initiator| initiator.name.as_str()),
        Field::Name | Field::Department | Field::Offer(_) => "",
    }
}

// ---- Properties, over random small datasets.

const WORDS: &[&str] = &["tuin", "moestuin", "moestuinen", "café", "cafe", "buurt", "feest", "kerk", "repair", "groen"];
const STAGES: &[&str] = &["idea", "pitched", "starting", "running", "completed", "paused"];
const KINDS: &[&str] = &["space", "funding", "volunteers", "materials"];
const SECTORS: &[&str] = &["resident", "business", "youth"];

#[derive(Clone, Debug)]
struct Spec {
    title: Vec<usize>,
    themes: Vec<usize>,
    area: Option<usize>,
    stage: usize,
    needs: Vec<(usize, Option<u32>)>,
    sectors: Vec<usize>,
    committed: Vec<u32>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        prop::collection::vec(0..WORDS.len(), 1..4),
        prop::collection::vec(0..3usize, 0..3),
        prop::option::of(0..4usize),
        0..STAGES.len(),
        prop::collection::vec((0..KINDS.len(), prop::option::of(1..100u32)), 0..3),
        prop::collection::vec(0..SECTORS.len(), 0..3),
        prop::collection::vec(0..120u32, 0..3),
    )
        .prop_map(|(title, themes, area, stage, needs, sectors, committed)| Spec {
            title,
            themes,
            area,
            stage,
            needs,
            sectors,
            committed,
        })
}

/// A dataset in format v1 from specs: areas a0 ⊃ a1, a2 ⊃ a3; themes t0..t2.
fn dataset_json(specs: &[Spec]) -> String {
    let mut initiatives = Vec::new();
    let mut commitments = Vec::new();
    for (i, spec) in specs.iter().enumerate() {
        let title: Vec<&str> = spec.title.iter().map(|&w| WORDS[w]).collect();
        let mut themes: Vec<String> = spec.themes.iter().map(|t| format!("\"t{t}\"")).collect();
        themes.sort();
        themes.dedup();
        let needs: Vec<String> = spec
            .needs
            .iter()
            .enumerate()
            .map(|(n, (kind, amount))| {
                let amount = amount.map(|a| format!(", \"amount\": {a}")).unwrap_or_default();
                format!("{{\"id\": \"n{n}\", \"kind\": \"{}\"{amount}}}", KINDS[*kind])
            })
            .collect();
        for (n, amount) in spec.committed.iter().enumerate() {
            if n < spec.needs.len() {
                commitments.push(format!(
                    "{{\"id\": \"c{i}-{n}\", \"initiative\": \"i{i}\", \"need\": \"n{n}\", \"partner\": \"p\", \"amount\": {amount}, \"status\": \"agreed\"}}"
                ));
            }
        }
        let initiators: Vec<String> =
            spec.sectors.iter().map(|&s| format!("{{\"name\": \"x\", \"sector\": \"{}\"}}", SECTORS[s])).collect();
        let area = spec.area.map(|a| format!("\"area\": \"a{a}\",")).unwrap_or_default();
        initiatives.push(format!(
            "{{\"id\": \"i{i}\", \"title\": \"{}\", {area} \"themes\": [{}], \"stage\": \"{}\", \"needs\": [{}], \"initiators\": [{}]}}",
            title.join(" "),
            themes.join(","),
            STAGES[spec.stage],
            needs.join(","),
            initiators.join(",")
        ));
    }
    format!(
        r#"{{"schema": "verschilmaker/1", "municipality": {{"name": "P", "languages": ["nl"]}},
        "areas": [{{"id": "a0", "name": "A"}}, {{"id": "a1", "name": "B", "parent": "a0", "postcodes": ["1234"]}},
                  {{"id": "a2", "name": "C"}}, {{"id": "a3", "name": "D", "parent": "a2"}}],
        "themes": [{{"id": "t0", "name": "T"}}, {{"id": "t1", "name": "U"}}, {{"id": "t2", "name": "V"}}],
        "partners": [{{"id": "p", "name": "P", "sector": "business"}}],
        "initiatives": [{}], "commitments": [{}]}}"#,
        initiatives.join(","),
        commitments.join(",")
    )
}

fn filters() -> impl Strategy<Value = Filters> {
    (
        prop::collection::vec(0..4usize, 0..2),
        prop::collection::vec(0..5usize, 0..2),
        prop::collection::vec(0..STAGES.len(), 0..2),
        prop::collection::vec(0..KINDS.len(), 0..2),
        prop::collection::vec(0..SECTORS.len(), 0..2),
        prop::collection::vec(0..2usize, 0..2),
        prop::option::of(prop_oneof![Just("1234".to_owned()), Just("9999".to_owned())]),
    )
        .prop_map(|(themes, areas, stages, kinds, sectors, status, postcode)| Filters {
            // Theme t3 and area a4 do not exist: unknown values must match nothing.
            themes: themes.iter().filter_map(|t| ThemeId::new(&format!("t{t}"))).collect(),
            areas: areas.iter().filter_map(|a| AreaId::new(&format!("a{a}"))).collect(),
            stages: stages.iter().filter_map(|&s| STAGES[s].parse().ok()).collect(),
            need_kinds: kinds.iter().filter_map(|&k| KINDS[k].parse().ok()).collect(),
            sectors: sectors.iter().filter_map(|&s| SECTORS[s].parse().ok()).collect(),
            need_status: status.iter().map(|&s| NeedStatus::ALL[s]).collect(),
            postcode,
        })
}

fn query_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        (0..WORDS.len(), any::<bool>()).prop_map(|(w, typing)| format!(
            "{}{}",
            WORDS[w],
            if typing { "" } else { " " }
        )),
        (0..WORDS.len()).prop_map(|w| WORDS[w].chars().take(3).collect()),
        (0..WORDS.len(), 0..WORDS.len()).prop_map(|(a, b)| format!("{} {}", WORDS[a], WORDS[b])),
    ]
}

fn total_with(index: &SearchIndex, query: &Query, change: impl FnOnce(&mut Filters)) -> usize {
    let mut query = query.clone();
    change(&mut query.filters);
    search(index, &query).total
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// For every facet value, its count is the number of results with the facet's own filter
    /// replaced by that value alone (the usual disjunctive faceting contract).
    #[test]
    fn facet_counts_match_filtering(specs in prop::collection::vec(spec(), 0..12), filters in filters(), text in query_text()) {
        let dataset = Dataset::from_json_strict(&dataset_json(&specs));
        prop_assert!(dataset.is_ok(), "{:?}", dataset.err());
        let index = build_index(dataset.unwrap_or_else(|_| unreachable!()));
        let query = Query { text, filters, limit: 100, ..Query::default() };
        let results = search(&index, &query);
        let data = index.dataset();
        for (at, &count) in results.facets.themes.iter().enumerate() {
            prop_assert_eq!(count, total_with(&index, &query, |f| f.themes = vec![data.themes[at].id.clone()]));
        }
        for (at, &count) in results.facets.areas.iter().enumerate() {
            prop_assert_eq!(count, total_with(&index, &query, |f| f.areas = vec![data.areas[at].id.clone()]));
        }
        for count in &results.facets.stages {
            prop_assert_eq!(count.count, total_with(&index, &query, |f| f.stages = vec![count.value]));
        }
        for count in &results.facets.need_kinds {
            prop_assert_eq!(count.count, total_with(&index, &query, |f| f.need_kinds = vec![count.value]));
        }
        for count in &results.facets.sectors {
            prop_assert_eq!(count.count, total_with(&index, &query, |f| f.sectors = vec![count.value]));
        }
        for count in &results.facets.need_status {
            prop_assert_eq!(count.count, total_with(&index, &query, |f| f.need_status = vec![count.value]));
        }
        // The hits are the first page of the total, each passing every filter once.
        prop_assert_eq!(results.hits.len(), results.total.min(100));
        let mut seen: Vec<usize> = results.hits.iter().map(|hit| hit.index).collect();
        seen.sort_unstable();
        seen.dedup();
        prop_assert_eq!(seen.len(), results.hits.len());
    }

    /// The same query on two indexes of the same data gives identical results, and pages
    /// concatenate to the full list.
    #[test]
    fn deterministic_and_pages_concatenate(specs in prop::collection::vec(spec(), 0..12), text in query_text(), newest in any::<bool>()) {
        let json = dataset_json(&specs);
        let first = build_index(Dataset::from_json_strict(&json).unwrap_or_else(|_| unreachable!()));
        let second = build_index(Dataset::from_json_strict(&json).unwrap_or_else(|_| unreachable!()));
        let sort = if newest { Sort::MostOpenNeeds } else { Sort::Relevance };
        let query = Query { text, sort, limit: 1000, ..Query::default() };
        let all = search(&first, &query);
        prop_assert_eq!(&all, &search(&second, &query));
        let mut paged = Vec::new();
        for offset in (0..all.total).step_by(3) {
            let page = search(&first, &Query { offset, limit: 3, ..query.clone() });
            paged.extend(page.hits.into_iter().map(|hit| hit.index));
        }
        prop_assert_eq!(paged, all.hits.iter().map(|hit| hit.index).collect::<Vec<_>>());
    }

    /// Any text, however odd, is a valid query.
    #[test]
    fn any_text_is_a_query(text in any::<String>(), offset in 0..10usize, limit in 0..10usize) {
        let results = search(&index(), &Query { text: text.clone(), offset, limit, ..Query::default() });
        prop_assert!(results.hits.len() <= limit);
        let partners = search_partners(&index(), &PartnerQuery { text, ..PartnerQuery::default() });
        prop_assert!(partners.total <= 2);
    }

    /// Each token is the folded text of its byte range (cut at the length limit).
    #[test]
    fn tokens_are_their_folded_ranges(text in "[a-zA-Zé ë,.'\u{301}ß0-9İ-]{0,80}") {
        let mut checked = 0;
        for_each_token(&text, |token, range| {
            let folded = fold(&text[range.clone()]);
            assert!(folded.starts_with(token), "{token:?} from {:?}", &text[range]);
            checked += 1;
        });
        prop_assert_eq!(checked, tokens(&text).len());
    }

    /// Folding is idempotent and tokens are folded and never empty.
    #[test]
    fn folding_is_idempotent(text in any::<String>()) {
        let folded = fold(&text);
        prop_assert_eq!(fold(&folded), folded.clone());
        for token in tokens(&text) {
            prop_assert!(!token.is_empty());
            prop_assert!(token.len() <= MAX_TOKEN_BYTES);
            prop_assert_eq!(fold(&token), token);
        }
    }
}

#[test]
fn every_postcode_of_many_areas_resolves() {
    // Thirty areas whose postcodes are far from sorted: the lookup is a binary search, which
    // finds them only if the index sorted them.
    let areas: Vec<String> = (0..30)
        .map(|i| {
            let pc4 = format!("{:04}", (i * 7919 + 1000) % 9000 + 1000);
            format!(r#"{{"id": "a{i}", "name": "A{i}", "centroid": [51.7, 5.3], "postcodes": ["{pc4}"]}}"#)
        })
        .collect();
    let json = format!(
        r#"{{"schema": "verschilmaker/1", "municipality": {{"name": "G", "languages": ["nl"]}}, "areas": [{}]}}"#,
        areas.join(", ")
    );
    let index = match Dataset::from_json_strict(&json) {
        Ok(dataset) => build_index(dataset),
        Err(error) => panic!("test dataset: {error:?}"),
    };
    assert!(index.postcodes.windows(2).all(|pair| pair[0].0 < pair[1].0));
    for i in 0..30u32 {
        let postcode = format!("{:04} AB", (i * 7919 + 1000) % 9000 + 1000);
        assert_eq!(index.resolve_postcode(Some(&postcode)), Some(vec![i]), "{postcode}");
    }
}
