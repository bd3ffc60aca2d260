//! Tests of matching: unit cases, property tests on generated datasets against straightforward
//! oracles, the same invariants and a few rules on the demo data, and one small snapshot of how
//! explanations read.

use proptest::prelude::*;

use super::allocation::{floor_network, round_network};
use super::*;
use crate::flow::FlowNetwork;
use crate::*;

// The tests below walk the dataset by position; these adapters turn positions into ids and
// call the public functions, which take ids (they shadow the glob-imported ones).

fn suggest_for_initiative(index: &MatchIndex, i: usize, k: usize) -> InitiativeSuggestions {
    super::suggest_for_initiative(index, &index.dataset().initiatives[i].id, k)
}

fn suggest_for_partner(index: &MatchIndex, p: usize, k: usize) -> Vec<NeedSuggestion> {
    super::suggest_for_partner(index, &index.dataset().partners[p].id, k)
}

fn coalition(index: &MatchIndex, i: usize) -> Coalition {
    super::coalition(index, &index.dataset().initiatives[i].id)
}

fn suggest_for_need(index: &MatchIndex, need: NeedAt, k: usize) -> Vec<OfferSuggestion> {
    super::suggest_for_need(index, &index.need_ref(need), k)
}

fn explain(index: &MatchIndex, need: NeedAt, offer: OfferAt) -> Option<Explanation> {
    super::explain(index, &index.need_ref(need), &index.offer_ref(offer))
}

fn explain_adhoc(index: &MatchIndex, offer: &AdHocOffer, need: NeedAt) -> Option<Explanation> {
    super::explain_adhoc(index, offer, &index.need_ref(need))
}

/// A small deterministic random generator (SplitMix64), so that a proptest seed is a dataset.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick_subset<T: Clone>(&mut self, items: &[T], percent: u64) -> Vec<T> {
        items.iter().filter(|_| self.chance(percent)).cloned().collect()
    }
}

fn date(rng: &mut Rng) -> DateValue {
    DateValue::Date(Date::new(2025, 1 + rng.below(12) as u8, 1 + rng.below(28) as u8).unwrap())
}

fn period(rng: &mut Rng) -> Option<Period> {
    if !rng.chance(40) {
        return None;
    }
    let (a, b) = (date(rng), date(rng));
    let (start, end) = if a.date() <= b.date() { (a, b) } else { (b, a) };
    Some(Period { start, end: rng.chance(70).then_some(end) })
}

/// A short Dutch text of words that match as the same stem (`tenten`, `tent`), as compounds
/// (`partytent`, `bierbank`), as function words (`de`, `voor`) or not at all; `None` sometimes.
fn words(rng: &mut Rng) -> Option<Text> {
    const WORDS: &[&str] = &[
        "tent",
        "tenten",
        "partytent",
        "zaal",
        "buurtzaal",
        "bank",
        "bierbank",
        "gereedschap",
        "soldeerbout",
        "de",
        "voor",
        "tafels",
        "ton",
        "regenton",
        "Zaterdag",
        "moestuin",
        "ruimte",
    ];
    rng.chance(70).then(|| {
        let words: Vec<&str> = (0..1 + rng.below(4)).map(|_| WORDS[rng.below(WORDS.len())]).collect();
        Text::plain(words.join(" "))
    })
}

fn weekdays(rng: &mut Rng) -> Vec<Weekday> {
    if rng.chance(70) { Vec::new() } else { rng.pick_subset(Weekday::ALL, 40) }
}

fn dayparts(rng: &mut Rng) -> Vec<Daypart> {
    if rng.chance(75) { Vec::new() } else { rng.pick_subset(Daypart::ALL, 50) }
}

fn amount(rng: &mut Rng) -> Option<f64> {
    rng.chance(85).then(|| [5.0, 10.0, 12.5, 40.0, 60.0, 100.0, 0.3, 1000.0][rng.below(8)])
}

/// A valid dataset of modest size: few kinds, so that needs and offers meet often.
fn generate(seed: u64, initiatives: usize, partners: usize) -> Dataset {
    let mut rng = Rng(seed);
    let area_count = rng.below(6);
    let areas: Vec<Area> = (0..area_count)
        .map(|i| Area {
            id: AreaId::new(&format!("a{i}")).unwrap(),
            name: format!("Area {i}"),
            parent: (i > 0 && rng.chance(60)).then(|| AreaId::new(&format!("a{}", rng.below(i))).unwrap()),
            centroid: rng.chance(70).then(|| [51.6 + rng.below(20) as f64 * 0.01, 5.2 + rng.below(20) as f64 * 0.01]),
            postcodes: Vec::new(),
            boundary: None,
        })
        .collect();
    let area_ids: Vec<AreaId> = areas.iter().map(|a| a.id.clone()).collect();
    let themes: Vec<ThemeId> = (0..rng.below(5)).map(|i| ThemeId::new(&format!("t{i}")).unwrap()).collect();
    let skills: Vec<SkillId> = (0..6).map(|i| SkillId::new(&format!("s{i}")).unwrap()).collect();
    let kinds = [Kind::Funding, Kind::Volunteers, Kind::Space, Kind::Materials];
    let kind_unit = |rng: &mut Rng| {
        let kind = kinds[rng.below(4)];
        let unit = if rng.chance(10) { Unit::new("dagen").unwrap() } else { kind.default_unit() };
        (kind, unit)
    };
    let location = |rng: &mut Rng| {
        rng.chance(40).then(|| Location {
            lat: Some(51.6 + rng.below(30) as f64 * 0.01),
            lon: Some(5.2 + rng.below(30) as f64 * 0.01),
            address: None,
        })
    };
    let initiatives: Vec<Initiative> = (0..initiatives)
        .map(|i| Initiative {
            id: InitiativeId::new(&format!("i{i}")).unwrap(),
            title: Text::plain(format!("Initiative {i}")),
            summary: None,
            description: None,
            themes: rng.pick_subset(&themes, 40),
            area: (!area_ids.is_empty() && rng.chance(75)).then(|| area_ids[rng.below(area_ids.len())].clone()),
            location: location(&mut rng),
            stage: if rng.chance(80) { Stage::Idea } else { Stage::ALL[rng.below(Stage::ALL.len())] },
            initiators: (0..rng.below(2))
                .map(|_| Initiator { name: "X".into(), sector: Some(Sector::ALL[rng.below(6)]) })
                .collect(),
            audience: Vec::new(),
            period: period(&mut rng),
            needs: (0..1 + rng.below(3))
                .map(|j| {
                    let (kind, unit) = kind_unit(&mut rng);
                    Need {
                        id: NeedId::new(&format!("n{j}")).unwrap(),
                        kind,
                        description: words(&mut rng),
                        amount: amount(&mut rng),
                        unit,
                        skills: rng.pick_subset(&skills, 25),
                        period: period(&mut rng),
                        required: rng.chance(80),
                        weekdays: weekdays(&mut rng),
                        dayparts: dayparts(&mut rng),
                    }
                })
                .collect(),
            links: Vec::new(),
            edition: None,
            updated: None,
        })
        .collect();
    let partners: Vec<Partner> = (0..partners)
        .map(|p| Partner {
            id: PartnerId::new(&format!("p{p:02}")).unwrap(),
            name: format!("Partner {p}"),
            sector: Sector::ALL[rng.below(6)],
            department: None,
            areas: if area_ids.is_empty() || rng.chance(30) {
                Coverage::All
            } else {
                Coverage::Areas(rng.pick_subset(&area_ids, 40))
            },
            location: location(&mut rng),
            radius_km: rng.chance(50).then(|| rng.below(30) as f64),
            themes: rng.pick_subset(&themes, 40),
            offers: (0..1 + rng.below(3))
                .map(|o| {
                    let (kind, unit) = kind_unit(&mut rng);
                    Offer {
                        id: OfferId::new(&format!("o{o}")).unwrap(),
                        kind,
                        description: words(&mut rng),
                        capacity: amount(&mut rng),
                        unit,
                        per: Per::Once,
                        skills: rng.pick_subset(&skills, 35),
                        period: period(&mut rng),
                        conditions: None,
                        only_areas: if rng.chance(80) { Vec::new() } else { rng.pick_subset(&area_ids, 50) },
                        only_themes: if rng.chance(85) { Vec::new() } else { rng.pick_subset(&themes, 50) },
                        only_stages: if rng.chance(90) { Vec::new() } else { rng.pick_subset(Stage::ALL, 50) },
                        only_initiators: if rng.chance(85) { Vec::new() } else { rng.pick_subset(Sector::ALL, 50) },
                        min_amount: rng.chance(15).then(|| [1.0, 10.0, 50.0][rng.below(3)]),
                        max_amount: rng.chance(15).then(|| [5.0, 20.0, 500.0][rng.below(3)]),
                        weekdays: weekdays(&mut rng),
                        dayparts: dayparts(&mut rng),
                    }
                })
                .collect(),
            contact: None,
            website: None,
        })
        .collect();
    let mut commitments = Vec::new();
    for c in 0..rng.below(4) {
        if initiatives.is_empty() || partners.is_empty() {
            break;
        }
        let (i, p) = (rng.below(initiatives.len()), rng.below(partners.len()));
        let need = &initiatives[i].needs[rng.below(initiatives[i].needs.len())];
        let offer = &partners[p].offers[rng.below(partners[p].offers.len())];
        commitments.push(Commitment {
            id: CommitmentId::new(&format!("c{c}")).unwrap(),
            initiative: initiatives[i].id.clone(),
            need: Some(need.id.clone()),
            partner: partners[p].id.clone(),
            offer: Some(offer.id.clone()),
            amount: rng.chance(80).then(|| rng.below(20) as f64),
            status: CommitmentStatus::ALL[rng.below(4)],
            due: None,
            note: None,
        });
    }
    let matching = rng.chance(30).then(|| MatchingWeights {
        skills: Some(rng.below(4) as f64),
        load: Some(0.0),
        ..MatchingWeights::default()
    });
    Dataset {
        schema: SCHEMA.to_owned(),
        municipality: Municipality {
            name: "G".into(),
            code: None,
            languages: vec![Lang::new("nl").unwrap()],
            contact: None,
        },
        areas,
        themes: themes.iter().map(|t| Theme { id: t.clone(), name: Text::plain(t.as_str()) }).collect(),
        skills: skills.iter().map(|s| Skill { id: s.clone(), name: Text::plain(s.as_str()) }).collect(),
        initiatives,
        partners,
        commitments,
        editions: Vec::new(),
        policy: Policy::default(),
        matching,
    }
}

fn every_offer(dataset: &Dataset) -> Vec<OfferAt> {
    let mut all = Vec::new();
    for (p, partner) in dataset.partners.iter().enumerate() {
        for o in 0..partner.offers.len() {
            all.push(OfferAt { partner: p, offer: o });
        }
    }
    all
}

fn every_need(dataset: &Dataset) -> Vec<NeedAt> {
    let mut all = Vec::new();
    for (i, initiative) in dataset.initiatives.iter().enumerate() {
        for j in 0..initiative.needs.len() {
            all.push(NeedAt { initiative: i, need: j });
        }
    }
    all
}

/// Whether a need takes no suggestions, by core's rules (not the index's copy of the answer):
/// it is covered, or its initiative's stage or its period ends it (without a date here).
fn covered(dataset: &Dataset, need: NeedAt) -> bool {
    let coverage = crate::need_coverage(dataset);
    let initiative = &dataset.initiatives[need.initiative];
    coverage[need.initiative][need.need].covers(&initiative.needs[need.need])
        || !super::need_takes_suggestions(initiative, &initiative.needs[need.need], None)
}

/// The naive top-k: explain every offer, keep each partner's best (the first offer id among
/// equals) at or above the floor, sort by (score desc, partner id, offer id), take k; nothing
/// for a covered need.
fn naive_top(index: &MatchIndex, need: NeedAt, k: usize) -> Vec<(OfferRef, f64)> {
    let dataset = index.dataset();
    let initiative = &dataset.initiatives[need.initiative];
    if covered(dataset, need)
        || !super::need_takes_suggestions(initiative, &initiative.needs[need.need], index.config().today)
    {
        return Vec::new();
    }
    let mut all: Vec<(OfferRef, f64)> = every_offer(dataset)
        .into_iter()
        .filter_map(|offer| explain(index, need, offer).map(|e| (index.offer_ref(offer), e.score)))
        .filter(|(_, score)| *score >= index.config().suggestion_floor)
        .collect();
    all.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut seen: Vec<PartnerId> = Vec::new();
    all.retain(|(offer, _)| {
        let first = !seen.contains(&offer.partner);
        seen.push(offer.partner.clone());
        first
    });
    all.truncate(k);
    all
}

fn dataset_strategy() -> impl Strategy<Value = Dataset> {
    (any::<u64>(), 0usize..7, 0usize..9).prop_map(|(seed, i, p)| generate(seed, i, p))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Every score lies in [0, 1] and is exactly the sum of its contributions, and each
    /// contribution is weight × value with the value in [0, 1].
    #[test]
    fn explanations_add_up(dataset in dataset_strategy()) {
        let index = MatchIndex::build(dataset.clone(), &MatchConfig::default());
        for need in every_need(&dataset) {
            for offer in every_offer(&dataset) {
                if let Some(e) = explain(&index, need, offer) {
                    prop_assert!((0.0..=1.0).contains(&e.score), "{}", e.score);
                    let sum = e.components.iter().fold(0.0, |s, c| s + c.contribution);
                    prop_assert_eq!(sum, e.score);
                    for c in &e.components {
                        prop_assert!((0.0..=1.0).contains(&c.value), "{:?} {}", c.component, c.value);
                        prop_assert_eq!(c.contribution, c.weight * c.value);
                    }
                    // Kind and unit are a hard filter.
                    let (n, o) = (&dataset.initiatives[need.initiative].needs[need.need],
                                  &dataset.partners[offer.partner].offers[offer.offer]);
                    prop_assert!(n.kind == o.kind && n.unit == o.unit);
                }
            }
        }
    }

    /// Suggestions for a need are the naive top-k: every candidate explained, sorted by
    /// (score desc, id asc), cut at k; and the model-direct reference gives the same lists.
    #[test]
    fn suggestions_equal_the_naive_baseline(dataset in dataset_strategy(), k in 0usize..6, dated: bool) {
        // Today in the middle of the generated periods (2025), so that some have ended.
        let config = MatchConfig { today: dated.then(|| Date::new(2025, 7, 1)).flatten(), ..MatchConfig::default() };
        let index = MatchIndex::build(dataset.clone(), &config);
        for (i, initiative) in dataset.initiatives.iter().enumerate() {
            let all = suggest_for_initiative(&index, i, k);
            let reference = naive_suggest_for_initiative(&dataset, &config, i, k);
            prop_assert_eq!(&all.per_need, &reference);
            for j in 0..initiative.needs.len() {
                let need = NeedAt { initiative: i, need: j };
                let fast: Vec<(OfferRef, f64)> =
                    suggest_for_need(&index, need, k).iter().map(|s| (s.offer.clone(), s.score)).collect();
                prop_assert_eq!(&fast, &naive_top(&index, need, k));
                prop_assert_eq!(&all.per_need[j], &suggest_for_need(&index, need, k));
            }
        }
    }

    /// A partner's overall score is the mean over the initiative's open needs of its best
    /// offer's score, it appears once, and the list is sorted by (score desc, id asc).
    #[test]
    fn partner_suggestions_are_consistent(dataset in dataset_strategy()) {
        let index = MatchIndex::build(dataset.clone(), &MatchConfig::default());
        for (i, initiative) in dataset.initiatives.iter().enumerate() {
            let open: Vec<usize> =
                (0..initiative.needs.len()).filter(|&j| !covered(&dataset, NeedAt { initiative: i, need: j })).collect();
            let mut expected: Vec<(f64, &PartnerId, usize)> = Vec::new();
            for (p, partner) in dataset.partners.iter().enumerate() {
                let mut total = 0.0;
                let mut any = false;
                for &j in &open {
                    let best = (0..partner.offers.len())
                        .filter_map(|o| explain(&index, NeedAt { initiative: i, need: j }, OfferAt { partner: p, offer: o }))
                        .map(|e| e.score)
                        .filter(|&s| s >= index.config().suggestion_floor)
                        .fold(None, |m: Option<f64>, s| Some(m.map_or(s, |m| m.max(s))));
                    if let Some(best) = best { total += best; any = true; }
                }
                if any { expected.push((total / open.len() as f64, &partner.id, p)); }
            }
            expected.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
            let got = suggest_for_initiative(&index, i, usize::MAX).partners;
            prop_assert_eq!(got.len(), expected.len());
            for (g, e) in got.iter().zip(&expected) {
                prop_assert_eq!(&g.partner, &dataset.partners[e.2].id);
                prop_assert!((g.score - e.0).abs() < 1e-12);
            }
        }
    }

    /// The reverse direction: the needs suggested for a partner, and for an ad-hoc offer, are the
    /// naive top-k of the best score per open need.
    #[test]
    fn reverse_suggestions_equal_the_naive_baseline(dataset in dataset_strategy(), k in 1usize..6, seed: u64) {
        let index = MatchIndex::build(dataset.clone(), &MatchConfig::default());
        let key = |n: &NeedAt| index.need_ref(*n);
        for p in 0..dataset.partners.len() {
            let mut expected: Vec<(NeedAt, f64)> = Vec::new();
            for need in every_need(&dataset).into_iter().filter(|&need| !covered(&dataset, need)) {
                let best = (0..dataset.partners[p].offers.len())
                    .filter_map(|o| explain(&index, need, OfferAt { partner: p, offer: o }))
                    .map(|e| e.score)
                    .fold(None, |m: Option<f64>, s| Some(m.map_or(s, |m| m.max(s))));
                if let Some(best) = best { expected.push((need, best)); }
            }
            expected.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| key(&a.0).cmp(&key(&b.0))));
            expected.truncate(k);
            let expected: Vec<(NeedRef, f64)> = expected.into_iter().map(|(n, s)| (key(&n), s)).collect();
            let got: Vec<(NeedRef, f64)> =
                suggest_for_partner(&index, p, k).into_iter().map(|s| (s.need, s.score)).collect();
            prop_assert_eq!(got, expected);
        }
        let mut rng = Rng(seed);
        let mut adhoc = AdHocOffer::new([Kind::Funding, Kind::Volunteers, Kind::Space][rng.below(3)]);
        adhoc.capacity = rng.chance(50).then_some(10.0);
        adhoc.skills = vec![SkillId::new("s1").unwrap(), SkillId::new("unknown").unwrap()];
        adhoc.themes = vec![ThemeId::new("t0").unwrap()];
        if !dataset.areas.is_empty() && rng.chance(50) {
            adhoc.areas = Coverage::Areas(vec![dataset.areas[0].id.clone()]);
        }
        let mut expected: Vec<(NeedAt, f64)> = every_need(&dataset)
            .into_iter()
            .filter(|&need| !covered(&dataset, need))
            .filter_map(|need| explain_adhoc(&index, &adhoc, need).map(|e| (need, e.score)))
            .collect();
        expected.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| key(&a.0).cmp(&key(&b.0))));
        expected.truncate(k);
        let expected: Vec<(NeedRef, f64)> = expected.into_iter().map(|(n, s)| (key(&n), s)).collect();
        let got: Vec<(NeedRef, f64)> = suggest_for_adhoc(&index, &adhoc, k).into_iter().map(|s| (s.need, s.score)).collect();
        prop_assert_eq!(got, expected);
    }

    /// A covered need gets no suggestions in either direction: no offers for it, no partner
    /// suggested for it (nor reasons that say it is already covered), and it is never suggested
    /// to a partner or a helper; an initiative whose needs are all covered gets no partners, and
    /// its coalition is complete without any. Agreed commitments cover a random part of the
    /// needs first (every need of some initiatives), with and without amounts.
    #[test]
    fn covered_needs_get_no_suggestions(dataset in dataset_strategy(), seed: u64) {
        let mut dataset = dataset;
        let mut rng = Rng(seed);
        if let Some(partner) = dataset.partners.first().map(|p| p.id.clone()) {
            let mut added = Vec::new();
            for initiative in &dataset.initiatives {
                let every = rng.chance(30);
                for need in &initiative.needs {
                    if every || rng.chance(40) {
                        added.push(Commitment {
                            id: CommitmentId::new(&format!("cover{}", added.len())).unwrap(),
                            initiative: initiative.id.clone(),
                            need: Some(need.id.clone()),
                            partner: partner.clone(),
                            offer: None,
                            amount: need.amount,
                            status: CommitmentStatus::Agreed,
                            due: None,
                            note: None,
                        });
                    }
                }
            }
            dataset.commitments.extend(added);
        }
        let index = MatchIndex::build(dataset.clone(), &MatchConfig::default());
        for (i, initiative) in dataset.initiatives.iter().enumerate() {
            let is_covered = |j: usize| covered(&dataset, NeedAt { initiative: i, need: j });
            let found = suggest_for_initiative(&index, i, 5);
            prop_assert_eq!(found.per_need.len(), initiative.needs.len());
            for j in (0..initiative.needs.len()).filter(|&j| is_covered(j)) {
                prop_assert!(found.per_need[j].is_empty());
                let for_need = suggest_for_need(&index, NeedAt { initiative: i, need: j }, 5);
                prop_assert!(for_need.is_empty());
            }
            for partner in &found.partners {
                for offer in &partner.offers {
                    let j = initiative.needs.iter().position(|n| n.id == offer.need.need).unwrap();
                    prop_assert!(!is_covered(j), "{:?} suggested for a covered need", partner.partner);
                }
                prop_assert!(!partner.reasons(&index).contains(&Reason::AlreadyCovered));
            }
            if (0..initiative.needs.len()).all(is_covered) {
                prop_assert!(found.partners.is_empty());
                let best = coalition(&index, i);
                prop_assert!(best.partners.is_empty() && best.complete);
            }
        }
        let never_covered = |found: &[NeedSuggestion]| {
            found.iter().all(|s| !covered(&dataset, index.need_at(&s.need).unwrap()))
        };
        for p in 0..dataset.partners.len() {
            prop_assert!(never_covered(&suggest_for_partner(&index, p, usize::MAX)));
        }
        for kind in Kind::ALL {
            prop_assert!(never_covered(&suggest_for_adhoc(&index, &AdHocOffer::new(*kind), usize::MAX)));
        }
    }

    /// The same input gives the same output, whatever was computed before.
    #[test]
    fn deterministic(dataset in dataset_strategy()) {
        let a = MatchIndex::build(dataset.clone(), &MatchConfig::default());
        let copy = dataset.clone();
        let b = MatchIndex::build(copy.clone(), &MatchConfig::default());
        for i in 0..dataset.initiatives.len() {
            prop_assert_eq!(suggest_for_initiative(&a, i, 5), suggest_for_initiative(&b, i, 5));
            prop_assert_eq!(coalition(&a, i), coalition(&b, i));
        }
        prop_assert_eq!(allocate(&a).unwrap(), allocate(&b).unwrap());
    }

    /// The exact coalition equals brute force over every subset of candidates: the fewest
    /// partners that reach the best reachable coverage, then the highest total score.
    #[test]
    fn coalition_is_optimal(dataset in dataset_strategy()) {
        let index = MatchIndex::build(dataset.clone(), &MatchConfig::default());
        for (i, initiative) in dataset.initiatives.iter().enumerate() {
            let got = coalition(&index, i);
            prop_assert_eq!(got.method, CoalitionMethod::Exact);
            let candidates: Vec<usize> = (0..dataset.partners.len())
                .filter(|&p| initiative.needs.iter().enumerate().any(|(j, n)| n.required
                    && !covered(&dataset, NeedAt { initiative: i, need: j })
                    && (0..dataset.partners[p].offers.len()).any(|o| explain(&index, NeedAt { initiative: i, need: j }, OfferAt { partner: p, offer: o }).is_some())))
                .collect();
            prop_assert_eq!(got.candidates, candidates.len());
            let (best_size, best_coverage, best_score) = brute_force_coalition(&index, i, &candidates);
            prop_assert_eq!(got.partners.len(), best_size);
            let coverage: f64 = got.coverage.iter().map(|c| c.1).sum();
            prop_assert!((coverage - best_coverage).abs() < 1e-6, "{coverage} vs {best_coverage}");
            prop_assert!((got.total_score - best_score).abs() < 1e-9, "{} vs {best_score}", got.total_score);
        }
    }

    /// The greedy coalition (forced with a limit of 0) reaches the same coverage as the exact
    /// one, never with fewer partners than the exact optimum, and every chosen partner adds
    /// something.
    #[test]
    fn greedy_coalition_reaches_the_coverage(dataset in dataset_strategy()) {
        let exact_index = MatchIndex::build(dataset.clone(), &MatchConfig::default());
        let greedy_config = MatchConfig { exact_coalition_limit: 0, ..MatchConfig::default() };
        let greedy_index = MatchIndex::build(dataset.clone(), &greedy_config);
        for i in 0..dataset.initiatives.len() {
            let exact = coalition(&exact_index, i);
            let greedy = coalition(&greedy_index, i);
            prop_assert!(greedy.method == CoalitionMethod::Greedy || greedy.candidates == 0);
            prop_assert!(greedy.partners.len() >= exact.partners.len());
            prop_assert!(greedy.partners.len() <= greedy.candidates);
            prop_assert_eq!(greedy.complete, exact.complete);
            for (g, e) in greedy.coverage.iter().zip(&exact.coverage) {
                prop_assert_eq!(&g.0, &e.0);
                prop_assert!((g.1 - e.1).abs() < 1e-6, "{g:?} vs {e:?}");
            }
        }
    }

    /// The allocation never exceeds an offer's open capacity or a need's open amount, only
    /// assigns matching pairs, and its integer cost equals an independent Bellman-Ford
    /// successive-shortest-path oracle on the same network.
    #[test]
    fn allocation_is_feasible_and_optimal(dataset in dataset_strategy(), per_need in 1usize..4, dated: bool) {
        // Today in the middle of the generated periods (2025), so that some have ended.
        let today = dated.then(|| Date::new(2025, 7, 1)).flatten();
        let config = MatchConfig { candidates_per_need: per_need, today, ..MatchConfig::default() };
        let index = MatchIndex::build(dataset.clone(), &config);
        let result = allocate(&index).unwrap();
        check_feasible(&index, &result)?;
        let oracle = ssp_min_cost(&round_network(&index).network);
        prop_assert_eq!(result.cost, oracle);
    }

    /// With a fairness floor, every need reaches its floor whenever the candidate arcs allow all
    /// floors at once (checked with the oracle), and the allocation stays feasible.
    #[test]
    fn fairness_floor_is_met_when_possible(dataset in dataset_strategy(), floor in 0.0f64..=1.0) {
        let config = MatchConfig { fairness_floor: Some(floor), ..MatchConfig::default() };
        let index = MatchIndex::build(dataset.clone(), &config);
        let result = allocate(&index).unwrap();
        check_feasible(&index, &result)?;
        let round = round_network(&index);
        let floors = floor_network(&round, floor);
        let total_floor: i64 = round.needs.iter().map(|&(_, _, arc)| floors.arcs[arc].capacity).sum();
        if max_flow_through_needs(&floors) == total_floor {
            for &(n, q, arc) in &round.needs {
                let need = index.need_ref_of_column(n as usize);
                let got: f64 = result.assignments.iter().filter(|a| a.need == need).map(|a| a.amount).sum();
                let quantum = round.quantum[index.n_class[n as usize] as usize];
                prop_assert!(got >= floors.arcs[arc].capacity as f64 * quantum - 1e-9,
                    "need {need:?} got {got} of {q} quanta, floor {}", floors.arcs[arc].capacity);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 60, ..ProptestConfig::default() })]

    /// With more than 64 skills and themes the signatures are no longer exact sets and the
    /// scan counts shared ids the slow way: suggestions still equal the reference.
    #[test]
    fn large_vocabularies_match_the_reference(dataset in dataset_strategy(), k in 1usize..6) {
        let mut dataset = dataset;
        for i in 0..70 {
            dataset.skills.push(Skill { id: SkillId::new(&format!("x{i:02}")).unwrap(), name: Text::plain("x") });
            dataset.themes.push(Theme { id: ThemeId::new(&format!("x{i:02}")).unwrap(), name: Text::plain("x") });
        }
        let config = MatchConfig::default();
        let index = MatchIndex::build(dataset.clone(), &config);
        for i in 0..dataset.initiatives.len() {
            let all = suggest_for_initiative(&index, i, k);
            prop_assert_eq!(&all.per_need, &naive_suggest_for_initiative(&dataset, &config, i, k));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

    /// Suggestions for an initiative skip partners whose bound is below the floors of the
    /// needs' and the partners' top k: they equal the scan that scores every partner, with the
    /// same offers, scores and order, on small datasets and on larger ones where the floors
    /// fill up and most partners are skipped, and when skill numbers collide in the signatures
    /// and in the folded skills of a run, which the skill bound reads.
    #[test]
    fn pruned_suggestions_equal_the_full_scan(
        dataset in pruning_dataset(),
        k in 0usize..8,
    ) {
        let index = MatchIndex::build(dataset.clone(), &MatchConfig::default());
        for i in 0..dataset.initiatives.len() {
            prop_assert_eq!(
                suggest_for_initiative(&index, i, k),
                super::suggest::suggest_for_initiative_unpruned(&index, i, k)
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 80, ..ProptestConfig::default() })]

    /// The best offers for a need with runs skipped by their bounds (`top_offers`, which
    /// suggestions for a need and the allocation round use) equal the full scan into the same
    /// top k, with and without a filter of the offers, and with colliding skill numbers.
    #[test]
    fn pruned_top_offers_equal_the_full_scan(
        dataset in pruning_dataset(),
        k in 0usize..8,
    ) {
        let index = MatchIndex::build(dataset.clone(), &MatchConfig::default());
        let filters: [&dyn Fn(usize, f64) -> bool; 2] =
            [&|_, _| true, &|column, score| score > 0.3 && column % 3 != 1];
        for n in 0..index.n_class.len() {
            for accept in filters {
                let mut full = super::suggest::TopK::new(k);
                super::suggest::scan_offers(&index, n, |column, score| {
                    if accept(column, score) {
                        full.push(score, column as u32);
                    }
                });
                prop_assert_eq!(super::suggest::top_offers(&index, n, k, false, accept).items, full.items);
            }
        }
    }
}

/// Datasets for the tests of the pruned scans: small ones, larger ones where the floors fill up
/// and most partners are skipped, and either with skill numbers that collide in the
/// signatures and in the folded skills of a run ([`with_colliding_skills`]).
fn pruning_dataset() -> impl Strategy<Value = Dataset> {
    (
        any::<u64>(),
        1usize..8,
        prop_oneof![0usize..9, 20usize..160],
        prop_oneof![Just(None), any::<bool>().prop_map(Some)],
    )
        .prop_map(|(seed, initiatives, partners, colliding)| {
            let dataset = generate(seed, initiatives, partners);
            match colliding {
                Some(everywhere) => with_colliding_skills(dataset, everywhere),
                None => dataset,
            }
        })
}

/// The colliding skills make signatures inexact only when declared between every used skill.
#[test]
fn colliding_skills_keep_signatures_exact_only_when_few() {
    for (everywhere, exact) in [(false, true), (true, false)] {
        let dataset = with_colliding_skills(generate(3, 4, 30), everywhere);
        assert_eq!(MatchIndex::build(dataset.clone(), &MatchConfig::default()).skills_exact, exact);
    }
}

/// `dataset` with unused skills declared between the used ones `s0` … `s5`, so that skill
/// numbers collide: with `everywhere`, 31 after each used skill (161 in all, so signatures are
/// no longer exact sets); otherwise 31 after `s0` only (37 in all, so signatures stay exact,
/// but `s0` and `s1` fold to the same bit of a run's skills).
fn with_colliding_skills(mut dataset: Dataset, everywhere: bool) -> Dataset {
    let used: Vec<SkillId> = dataset.skills.iter().map(|s| s.id.clone()).collect();
    for (at, skill) in used.iter().enumerate() {
        if at == 0 || (everywhere && at + 1 < used.len()) {
            for filler in 0..31 {
                let id = SkillId::new(&format!("{}-{filler:02}", skill.as_str())).unwrap();
                dataset.skills.push(Skill { id: id.clone(), name: Text::plain(id.as_str()) });
            }
        }
    }
    dataset
}

#[cfg(feature = "synth")]
proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// The same invariants on the data branch's synthetic towns (translated texts, vocabularies,
    /// commitments, rules): contributions add up, suggestions equal the naive baseline, the
    /// allocation is feasible and optimal against the oracle, rules never panic.
    #[test]
    fn synth_towns_keep_the_invariants(seed: u64) {
        let dataset = crate::synth::generate(&crate::synth::SynthConfig {
            initiatives: 12,
            partners: 15,
            ..crate::synth::SynthConfig::small(seed)
        });
        let config = MatchConfig { candidates_per_need: 3, ..MatchConfig::default() };
        let index = MatchIndex::build(dataset.clone(), &config);
        for (i, initiative) in dataset.initiatives.iter().enumerate() {
            let all = suggest_for_initiative(&index, i, 4);
            prop_assert_eq!(&all.per_need, &naive_suggest_for_initiative(&dataset, &config, i, 4));
            for list in &all.per_need {
                for s in list {
                    let e = super::explain(&index, &s.need, &s.offer).unwrap();
                    prop_assert_eq!(e.score, s.score);
                    prop_assert_eq!(e.components.iter().fold(0.0, |a, c| a + c.contribution), e.score);
                }
            }
            let _ = applicable_rules(&dataset, initiative);
            let _ = coalition(&index, i);
        }
        let result = allocate(&index).unwrap();
        check_feasible(&index, &result)?;
        prop_assert_eq!(result.cost, ssp_min_cost(&round_network(&index).network));
    }
}

fn check_feasible(index: &MatchIndex, result: &AllocationResult) -> Result<(), TestCaseError> {
    let today = index.config().today;
    for a in &result.assignments {
        let n = index.need(&a.need).unwrap();
        let o = index.offer(&a.offer).unwrap();
        prop_assert!(n.kind == o.kind && n.unit == o.unit);
        prop_assert!(a.amount > 0.0);
        // The same rules as suggestions: nothing for a closed need or from an ended offer.
        let initiative = index.dataset().initiative(&a.need.initiative).unwrap();
        prop_assert!(super::need_takes_suggestions(initiative, n, today), "{:?} is closed", a.need);
        prop_assert!(super::offer_runs(o, today), "{:?} has ended", a.offer);
    }
    for idle in &result.idle {
        let given: f64 = result.assignments.iter().filter(|a| a.offer == idle.offer).map(|a| a.amount).sum();
        prop_assert!(given <= idle.open + 1e-9, "{given} > {}", idle.open);
        prop_assert!((given - idle.assigned).abs() < 1e-9);
        let offer = index.offer(&idle.offer).unwrap();
        prop_assert!(idle.open <= offer.capacity.unwrap_or(0.0));
    }
    for unmet in &result.unmet {
        let got: f64 = result.assignments.iter().filter(|a| a.need == unmet.need).map(|a| a.amount).sum();
        prop_assert!(got <= unmet.open + 1e-9, "{got} > {}", unmet.open);
        prop_assert!((unmet.open - got - unmet.unmet).abs() < 1e-6);
    }
    // Every assigned offer and need is listed.
    for a in &result.assignments {
        prop_assert!(result.idle.iter().any(|i| i.offer == a.offer));
        prop_assert!(result.unmet.iter().any(|u| u.need == a.need));
    }
    Ok(())
}

/// Brute force over every subset: (fewest partners reaching the best coverage, that coverage, best score at that size).
fn brute_force_coalition(index: &MatchIndex, i: usize, candidates: &[usize]) -> (usize, f64, f64) {
    let dataset = index.dataset();
    let initiative = &dataset.initiatives[i];
    let required: Vec<usize> = (0..initiative.needs.len()).filter(|&j| initiative.needs[j].required).collect();
    let measure = |set: &[usize]| -> (f64, f64) {
        let mut coverage = 0.0;
        let mut score = 0.0;
        for &j in &required {
            let need = NeedAt { initiative: i, need: j };
            let column = index.need_col(i, j).unwrap();
            let open = index.n_amount[column];
            if covered(dataset, need) {
                coverage += 1.0;
                continue;
            }
            let mut sum = 0.0;
            let mut best: f64 = 0.0;
            for &p in set {
                let mut partner_sum = 0.0;
                for o in 0..dataset.partners[p].offers.len() {
                    if let Some(e) = explain(index, need, OfferAt { partner: p, offer: o }) {
                        let cap = index.o_request[index.offer_col(p, o).unwrap()];
                        partner_sum += if open.is_nan() || cap.is_nan() { 1.0 } else { (cap / open).min(1.0) };
                        best = best.max(e.score);
                    }
                }
                sum += f64::min(partner_sum, 1.0);
            }
            coverage += sum.min(1.0);
            score += best;
        }
        (coverage, score)
    };
    let n = candidates.len();
    let (full, _) = measure(candidates);
    for size in 0..=n {
        let mut best: Option<f64> = None;
        for mask in 0u32..(1 << n) {
            if mask.count_ones() as usize != size {
                continue;
            }
            let set: Vec<usize> = (0..n).filter(|b| mask & (1 << b) != 0).map(|b| candidates[b]).collect();
            let (coverage, score) = measure(&set);
            if coverage >= full - 1e-9 {
                best = Some(best.map_or(score, |b: f64| b.max(score)));
            }
        }
        if let Some(score) = best {
            return (size, full, score);
        }
    }
    (n, full, 0.0)
}

/// Minimum cost of a flow meeting every supply, by successive shortest paths with Bellman-Ford
/// (handles the negative costs directly). For networks with a single source 0 and sink 1.
fn ssp_min_cost(network: &FlowNetwork) -> i64 {
    let n = network.node_count;
    // Residual graph: arc 2a forward, 2a + 1 backward.
    let mut cap: Vec<i64> = Vec::new();
    let mut ends: Vec<(usize, usize, i64)> = Vec::new();
    for arc in &network.arcs {
        ends.push((arc.from as usize, arc.to as usize, arc.cost));
        cap.push(arc.capacity);
        ends.push((arc.to as usize, arc.from as usize, -arc.cost));
        cap.push(0);
    }
    let mut remaining = network.supplies[0];
    let mut total: i64 = 0;
    while remaining > 0 {
        let mut dist = vec![i64::MAX; n];
        let mut via = vec![usize::MAX; n];
        dist[0] = 0;
        for _ in 0..n {
            let mut changed = false;
            for (e, &(u, v, c)) in ends.iter().enumerate() {
                if cap[e] > 0 && dist[u] != i64::MAX && dist[u] + c < dist[v] {
                    dist[v] = dist[u] + c;
                    via[v] = e;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        assert!(dist[1] != i64::MAX, "the bypass arc keeps the sink reachable");
        let mut bottleneck = remaining;
        let mut v = 1;
        while v != 0 {
            bottleneck = bottleneck.min(cap[via[v]]);
            v = ends[via[v]].0;
        }
        let mut v = 1;
        while v != 0 {
            cap[via[v]] -= bottleneck;
            cap[via[v] ^ 1] += bottleneck;
            v = ends[via[v]].0;
        }
        total += bottleneck * dist[1];
        remaining -= bottleneck;
    }
    total
}

/// Max flow from 0 to 1 not using the bypass arc (the last one), by augmenting paths.
fn max_flow_through_needs(network: &FlowNetwork) -> i64 {
    let mut capped = network.clone();
    // Every unit that reaches the sink through a need costs -1: then min cost = -max flow.
    for arc in &mut capped.arcs {
        arc.cost = if arc.to == 1 { -1 } else { 0 };
    }
    // The last arc is the free bypass from the source to the sink, which takes the supply that
    // reaches no need: it does not count.
    let last = capped.arcs.len() - 1;
    assert_eq!((capped.arcs[last].from, capped.arcs[last].to), (0, 1), "the bypass arc");
    capped.arcs[last].cost = 0;
    -ssp_min_cost(&capped)
}

#[test]
fn weights_never_sum_above_one() {
    for weights in [
        Weights::default(),
        Weights {
            skills: 0.1,
            themes: 0.2,
            proximity: 0.3,
            period: 0.7,
            capacity: 1e-300,
            diversity: 3.0,
            load: 1e300,
            text: 0.4,
        },
        Weights {
            skills: f64::NAN,
            themes: -1.0,
            proximity: 0.0,
            period: 0.0,
            capacity: 0.0,
            diversity: 0.0,
            load: 0.0,
            text: f64::INFINITY,
        },
    ] {
        let norm = weights.normalized();
        assert!(norm.iter().sum::<f64>() <= 1.0, "{weights:?}");
        assert!(norm.iter().all(|w| *w >= 0.0));
    }
    let zero = Weights {
        skills: 0.0,
        themes: 0.0,
        proximity: 0.0,
        period: 0.0,
        capacity: 0.0,
        diversity: 0.0,
        load: 0.0,
        text: 0.0,
    };
    assert_eq!(zero.normalized(), [1.0 / 8.0; 8]);
}

#[test]
fn columns_fit_the_budget() {
    let sizes = MatchIndex::column_sizes();
    assert!(sizes.per_offer <= 64, "{sizes:?}");
}

fn rules_for(when: &str, initiative: &str) -> Vec<String> {
    let json = format!(
        r#"{{"schema": "verschilmaker/1", "municipality": {{"name": "G", "languages": ["nl", "en"]}},
        "areas": [{{"id": "noord", "name": "Noord"}}, {{"id": "oost", "name": "Oost", "parent": "noord"}}],
        "themes": [{{"id": "groen", "name": "Groen"}}],
        "initiatives": [{initiative}],
        "policy": {{"rules": [{{"id": "r", "when": {when}, "advice": "A"}}]}}}}"#
    );
    let dataset = Dataset::from_json_strict(&json).unwrap();
    applicable_rules(&dataset, &dataset.initiatives[0]).iter().map(|r| r.id.to_string()).collect()
}

fn check_rule(when: &str, initiative: &str, applies: bool) {
    assert_eq!(rules_for(when, initiative).len() == 1, applies, "{when} on {initiative}");
}

#[test]
fn rules() {
    let garden = r#"{"id": "i", "title": {"nl": "Moestuin bij het Café", "en": "Garden"}, "stage": "idea",
        "area": "oost", "themes": ["groen"],
        "needs": [{"id": "geld", "kind": "funding", "amount": 5000}, {"id": "hulp", "kind": "volunteers"}]}"#;
    let nowhere = r#"{"id": "i", "title": "Plan", "stage": "running"}"#;
    check_rule("{}", garden, true);
    check_rule("{}", nowhere, true);
    check_rule(r#"{"keywords": ["cafe"]}"#, garden, true);
    check_rule(r#"{"keywords": ["CAFÉ"]}"#, garden, true);
    check_rule(r#"{"keywords": ["tuin"]}"#, garden, true);
    check_rule(r#"{"keywords": ["garden"]}"#, garden, true);
    check_rule(r#"{"keywords": ["fiets", "tuin"]}"#, garden, true);
    check_rule(r#"{"keywords": ["fiets"]}"#, garden, false);
    check_rule(r#"{"areas": ["noord"]}"#, garden, true);
    check_rule(r#"{"areas": ["oost"]}"#, garden, true);
    check_rule(r#"{"areas": ["noord"]}"#, nowhere, false);
    check_rule(r#"{"themes": ["groen"]}"#, garden, true);
    check_rule(r#"{"themes": ["groen"]}"#, nowhere, false);
    check_rule(r#"{"stages": ["idea", "pitched"]}"#, garden, true);
    check_rule(r#"{"stages": ["pitched"]}"#, garden, false);
    check_rule(r#"{"need_kinds": ["funding"]}"#, garden, true);
    check_rule(r#"{"need_kinds": ["space"]}"#, garden, false);
    check_rule(r#"{"need_kinds": ["funding"], "min_amount": 5000}"#, garden, true);
    check_rule(r#"{"need_kinds": ["funding"], "min_amount": 5001}"#, garden, false);
    check_rule(r#"{"need_kinds": ["volunteers"], "min_amount": 1}"#, garden, false);
    check_rule(r#"{"themes": ["groen"], "stages": ["running"]}"#, garden, false);
    check_rule(r#"{"themes": ["groen"], "stages": ["idea"], "keywords": ["moestuin"]}"#, garden, true);
}

/// A policy keyword matches the words search matches: for letters beyond Latin-1 and ligatures
/// (ș ț ð þ ə ß æ ø ł œ ĳ, a soft hyphen, a decomposed é), written with or without their
/// diacritics on either side, the rule applies to a plan exactly when a search for the keyword
/// as a whole word (no prefix, typos or stemming) finds it.
#[test]
fn keywords_match_the_words_search_matches() {
    use crate::search::{Query, build_index, search};
    for (title, keyword, found) in [
        ("Straße", "strasse", true),
        ("Strasse", "Straße", true),
        ("Ștefan și țara", "stefan", true),
        ("tara", "țară", true),
        ("Fróðleikur", "frodleikur", true),
        ("Þingvellir", "thingvellir", true),
        ("Əli", "eli", true),
        ("Ærø", "aero", true),
        ("Søren", "SØREN", true),
        ("Łódź", "lodz", true),
        ("Œuvre", "oeuvre", true),
        ("Ĳsbaan", "ijsbaan", true),
        ("mee\u{ad}doen", "meedoen", true),
        ("Cafe\u{301}", "café", true),
        ("Søren", "fiets", false),
        ("Straße", "strata", false),
    ] {
        let initiative = format!(r#"{{"id": "i", "title": "{title}", "stage": "idea"}}"#);
        let applies = rules_for(&format!(r#"{{"keywords": ["{keyword}"]}}"#), &initiative).len() == 1;
        let json = format!(
            r#"{{"schema": "verschilmaker/1", "municipality": {{"name": "G", "languages": ["nl"]}},
            "initiatives": [{initiative}]}}"#
        );
        let index = build_index(Dataset::from_json_strict(&json).unwrap());
        let query = Query { text: format!("{keyword} "), typos: false, stemming: false, ..Query::default() };
        let searched = search(&index, &query).total == 1;
        assert_eq!((applies, searched), (found, found), "{keyword:?} in {title:?}: (rule, search)");
    }
}

/// The demo data and its match index with the default configuration.
fn demo() -> (Dataset, MatchIndex) {
    let dataset = Dataset::from_json_strict(include_str!("../../demo/initiatieven.json")).unwrap();
    let index = MatchIndex::build(dataset.clone(), &MatchConfig::default());
    (dataset, index)
}

/// Every suggestion for every need of the demo data, top 3 as the widget shows them.
fn demo_suggestions(dataset: &Dataset, index: &MatchIndex) -> Vec<OfferSuggestion> {
    (0..dataset.initiatives.len())
        .flat_map(|i| suggest_for_initiative(index, i, 3).per_need.into_iter().flatten())
        .collect()
}

/// What the property tests check on generated data holds on the demo data, which the widget
/// and the workbench show: each score is the sum of weight × value over the components, kind
/// and unit always match, the lists are sorted by score, and the allocation round is feasible.
#[test]
fn the_demo_data_keeps_the_matching_invariants() {
    let (dataset, index) = demo();
    let suggestions = demo_suggestions(&dataset, &index);
    assert!(suggestions.len() > dataset.initiatives.len(), "the demo has suggestions for most initiatives");
    for s in &suggestions {
        let e = super::explain(&index, &s.need, &s.offer).unwrap();
        let sum = e.components.iter().fold(0.0, |sum, c| sum + c.contribution);
        assert_eq!(sum, e.score, "{}/{}: the score is the sum of the contributions", s.need.need, s.offer.offer);
        assert_eq!(e.score, s.score, "the suggestion's score is its explanation's");
        let order: Vec<Component> = e.components.iter().map(|c| c.component).collect();
        assert_eq!(order, Component::ALL, "every component, in the documented order");
        for c in &e.components {
            assert_eq!(c.contribution, c.weight * c.value, "{:?}", c.component);
        }
        let (need, offer) = (index.need(&s.need).unwrap(), index.offer(&s.offer).unwrap());
        assert!(need.kind == offer.kind && need.unit == offer.unit, "kind and unit are a hard filter");
    }
    for i in 0..dataset.initiatives.len() {
        for list in suggest_for_initiative(&index, i, 3).per_need {
            assert!(list.len() <= 3);
            assert!(list.windows(2).all(|w| w[0].score >= w[1].score), "strongest first: {list:?}");
        }
    }
    let round = allocate(&index).unwrap();
    check_feasible(&index, &round).unwrap();
    assert!(!round.assignments.is_empty(), "the demo's round assigns something");
}

/// Every reason of the demo's suggestions reads as a sentence in each language of the demo:
/// not empty, and with no placeholder or debug output left in it.
#[test]
fn every_reason_on_the_demo_data_renders_as_text() {
    let (dataset, index) = demo();
    let languages: Vec<String> = dataset.municipality.languages.iter().map(|l| l.to_string()).collect();
    assert!(!languages.is_empty());
    for s in demo_suggestions(&dataset, &index) {
        for c in super::explain(&index, &s.need, &s.offer).unwrap().components {
            for lang in &languages {
                let text = c.reason.render(&dataset, lang);
                let leftover = ["{", "}", "Some(", "None", "Id(", "  "];
                let not_a_number = text.split(|c: char| !c.is_alphanumeric()).any(|w| w == "NaN" || w == "inf");
                assert!(
                    !text.trim().is_empty() && !leftover.iter().any(|l| text.contains(l)) && !not_a_number,
                    "{}/{} {:?} in {lang}: {text:?}",
                    s.need.need,
                    s.offer.offer,
                    c.component
                );
            }
        }
    }
}

/// The skills component: an offer that has every skill a need asks for scores 1 on it, one
/// that has none of them 0. Checked on every suggestion of the demo data whose need asks for
/// skills, with the skills read from the data.
#[test]
fn an_offer_with_every_asked_skill_scores_full_on_skills() {
    let (dataset, index) = demo();
    let (mut all, mut none) = (0, 0);
    for s in demo_suggestions(&dataset, &index) {
        let (need, offer) = (index.need(&s.need).unwrap(), index.offer(&s.offer).unwrap());
        if need.skills.is_empty() {
            continue;
        }
        let explanation = super::explain(&index, &s.need, &s.offer).unwrap();
        let skills = explanation.components.iter().find(|c| c.component == Component::Skills).unwrap();
        let has = need.skills.iter().filter(|skill| offer.skills.contains(skill)).count();
        if has == need.skills.len() {
            all += 1;
            assert_eq!(skills.value, 1.0, "{}/{} has every asked skill", s.need.need, s.offer.offer);
        }
        if has == 0 && offer.skills.is_empty() {
            none += 1;
            assert_eq!(skills.value, 0.0, "{}/{} has no skills at all", s.need.need, s.offer.offer);
        }
    }
    assert!(all > 0 && none > 0, "the demo has both cases: {all} with every skill, {none} with none");
}

/// The wording of one need's explanations, to review in a diff: the volunteers of the garden
/// initiative (its first need), the top three offers with every component and its reason.
#[test]
fn the_garden_volunteers_explained() {
    use std::fmt::Write;
    let (dataset, index) = demo();
    let garden = dataset.initiatives.iter().position(|i| i.id.as_str() == "moestuin-de-vlier").unwrap();
    let first = suggest_for_initiative(&index, garden, 3).per_need.into_iter().next().unwrap();
    let mut out = String::new();
    for s in &first {
        writeln!(out, "{}/{} for {}: {:.3}", s.offer.partner, s.offer.offer, s.need.need, s.score).unwrap();
        for c in super::explain(&index, &s.need, &s.offer).unwrap().components {
            let (name, reason) = (c.component.as_str(), c.reason.render(&dataset, "en"));
            writeln!(out, "  {name} {:.3} × {:.2} = {:.3}: {reason}", c.weight, c.value, c.contribution).unwrap();
        }
    }
    insta::assert_snapshot!(out);
}

/// The fairness floor changes the round where it must: one offer of 10 hours, two needs of 10
/// hours, one a far better match. Without a floor the better match takes all 10 hours; with a
/// floor of 30 % the other need gets its 3 hours first and the better match the remaining 7.
#[test]
fn a_fairness_floor_gives_the_weaker_match_its_share() {
    let dataset = Dataset::from_json_strict(
        r#"{"schema": "verschilmaker/1",
        "municipality": {"name": "G", "languages": ["nl"]},
        "areas": [{"id": "noord", "name": "Noord"}, {"id": "zuid", "name": "Zuid"}],
        "themes": [{"id": "groen", "name": "Groen"}],
        "initiatives": [
          {"id": "tuin", "title": "Tuin", "stage": "idea", "area": "noord", "themes": ["groen"],
           "needs": [{"id": "hulp", "kind": "volunteers", "amount": 10, "skills": ["tuinieren"]}]},
          {"id": "feest", "title": "Feest", "stage": "idea", "area": "zuid",
           "needs": [{"id": "hulp", "kind": "volunteers", "amount": 10, "skills": ["koken"]}]}],
        "partners": [{"id": "groenploeg", "name": "Groenploeg", "sector": "foundation",
          "areas": ["noord", "zuid"], "themes": ["groen"],
          "offers": [{"id": "uren", "kind": "volunteers", "capacity": 10, "skills": ["tuinieren"]}]}]}"#,
    )
    .expect("valid");
    let got = |floor: Option<f64>| -> Vec<(String, f64)> {
        let config = MatchConfig { fairness_floor: floor, ..MatchConfig::default() };
        let result = allocate(&MatchIndex::build(dataset.clone(), &config)).expect("solves");
        let mut got: Vec<(String, f64)> =
            result.assignments.iter().map(|a| (a.need.initiative.as_str().to_owned(), a.amount)).collect();
        got.sort_by(|a, b| a.0.cmp(&b.0));
        got
    };
    assert_eq!(got(None), [("tuin".to_owned(), 10.0)]);
    assert_eq!(got(Some(0.3)), [("feest".to_owned(), 3.0), ("tuin".to_owned(), 7.0)]);
}

/// Suggestions are for the open needs only: a partner that fits a covered need and an open one
/// is suggested for the open one, with that need's score as its mean; once every need is
/// covered (the amount reached, or for a need without an amount any agreed commitment), the
/// initiative gets no suggestions and its coalition needs no partner.
#[test]
fn covered_needs_are_left_out_of_the_suggestions() {
    let dataset = |commitments: &str| {
        Dataset::from_json_strict(&format!(
            r#"{{"schema": "verschilmaker/1", "municipality": {{"name": "G", "languages": ["nl"]}},
            "initiatives": [{{"id": "buurthuis", "title": "Buurthuis", "stage": "idea", "needs": [
                {{"id": "ruimte", "kind": "space"}},
                {{"id": "geld", "kind": "funding", "amount": 500}},
                {{"id": "handen", "kind": "volunteers", "amount": 20}}]}}],
            "partners": [{{"id": "school", "name": "School", "sector": "institution", "offers": [
                {{"id": "aula", "kind": "space"}},
                {{"id": "fonds", "kind": "funding", "capacity": 500}},
                {{"id": "leerlingen", "kind": "volunteers", "capacity": 20}}]}}],
            "commitments": [{commitments}]}}"#
        ))
        .expect("valid")
    };
    let commitment = |id: &str, need: &str, amount: &str| {
        format!(
            r#"{{"id": "{id}", "initiative": "buurthuis", "need": "{need}", "partner": "school", "status": "agreed"{amount}}}"#
        )
    };
    let check = |commitments: &[String], open: &[&str]| {
        let index = MatchIndex::build(dataset(&commitments.join(",")), &MatchConfig::default());
        let found = suggest_for_initiative(&index, 0, 5);
        let with_offers: Vec<&str> =
            found.per_need.iter().filter_map(|list| list.first()).map(|s| s.need.need.as_str()).collect();
        assert_eq!(with_offers, open, "{commitments:?}");
        let helps_with: Vec<&str> =
            found.partners.iter().flat_map(|p| &p.offers).map(|o| o.need.need.as_str()).collect();
        assert_eq!(helps_with, open, "{commitments:?}");
        if let Some(school) = found.partners.first() {
            let mean = school.offers.iter().map(|o| o.score).sum::<f64>() / open.len() as f64;
            assert_eq!(school.score, mean, "{commitments:?}");
        }
        let best = coalition(&index, 0);
        assert_eq!((best.complete, best.partners.is_empty()), (true, open.is_empty()), "{commitments:?}");
    };
    check(&[], &["ruimte", "geld", "handen"]);
    check(&[commitment("c1", "ruimte", "")], &["geld", "handen"]);
    check(&[commitment("c1", "geld", r#", "amount": 200"#)], &["ruimte", "geld", "handen"]);
    check(&[commitment("c1", "geld", r#", "amount": 500"#), commitment("c2", "ruimte", "")], &["handen"]);
    let all = [
        commitment("c1", "ruimte", ""),
        commitment("c2", "geld", r#", "amount": 500"#),
        commitment("c3", "handen", r#", "amount": 20"#),
    ];
    check(&all, &[]);
}

/// Ids that are not in the dataset give empty answers or `None`, never a panic; so does a known
/// initiative with an unknown need, or a known partner with an unknown offer.
#[test]
fn unknown_ids_give_empty_answers() {
    let dataset = generate(5, 4, 6);
    let index = MatchIndex::build(dataset.clone(), &MatchConfig::default());
    let (initiative, partner) = (&dataset.initiatives[0], &dataset.partners[0]);
    let unknown_initiative = InitiativeId::new("nowhere").unwrap();
    let unknown_partner = PartnerId::new("nobody").unwrap();
    assert_eq!(
        super::suggest_for_initiative(&index, &unknown_initiative, 5),
        InitiativeSuggestions { per_need: Vec::new(), partners: Vec::new() }
    );
    assert_eq!(super::suggest_for_partner(&index, &unknown_partner, 5), []);
    let none = super::coalition(&index, &unknown_initiative);
    assert!(none.partners.is_empty() && none.offers.is_empty() && none.coverage.is_empty());
    assert_eq!(index.initiative(&unknown_initiative), None);
    assert_eq!(index.partner(&unknown_partner), None);
    assert_eq!(index.initiative(&initiative.id), Some(initiative));
    assert_eq!(index.partner(&partner.id), Some(partner));

    let needs = [
        NeedRef::new(unknown_initiative.clone(), NeedId::new("n0").unwrap()),
        NeedRef::new(initiative.id.clone(), NeedId::new("no-such-need").unwrap()),
    ];
    let offers = [
        OfferRef::new(unknown_partner.clone(), OfferId::new("o0").unwrap()),
        OfferRef::new(partner.id.clone(), OfferId::new("no-such-offer").unwrap()),
    ];
    let known_need = NeedRef::new(initiative.id.clone(), initiative.needs[0].id.clone());
    let known_offer = OfferRef::new(partner.id.clone(), partner.offers[0].id.clone());
    for need in &needs {
        assert_eq!(index.need(need), None);
        assert_eq!(super::suggest_for_need(&index, need, 5), []);
        assert_eq!(super::explain(&index, need, &known_offer), None);
        assert_eq!(super::explain_adhoc(&index, &AdHocOffer::new(Kind::Funding), need), None);
    }
    for offer in &offers {
        assert_eq!(index.offer(offer), None);
        assert_eq!(super::explain(&index, &known_need, offer), None);
    }
    assert_eq!(index.need(&known_need), Some(&initiative.needs[0]));
    assert_eq!(index.offer(&known_offer), Some(&partner.offers[0]));
}

/// The text component on the demo: the festival's party tents find the scouts' tents through
/// the compound's head (0.7 of the word's weight), the reason names the need's word in the
/// reader's language, and the bakery's bread, which shares no word, is not suggested for them.
#[test]
fn party_tents_find_tents_by_their_words() {
    let (dataset, index) = demo();
    let need = NeedRef::new("zomerfestival-markt".parse().unwrap(), "tenten".parse().unwrap());
    let tents = OfferRef::new("scouting".parse().unwrap(), "tenten".parse().unwrap());
    let why = super::explain(&index, &need, &tents).expect("the scouts' tents fit");
    let text = why.components.iter().find(|c| c.component == Component::Text).unwrap();
    assert!(text.value > 0.0 && text.value < 1.0, "{}", text.value);
    assert_eq!(text.reason.render(&dataset, "nl"), "biedt: partytenten");
    // The scouts write only in Dutch: a reader in English sees the Dutch word.
    assert_eq!(text.reason.render(&dataset, "en"), "offers: partytenten");
    let bread = OfferRef::new("bakkerij-zoete-hart".parse().unwrap(), "brood".parse().unwrap());
    assert_eq!(super::explain(&index, &need, &bread), None, "bread is no tent");
    let listed = super::suggest_for_need(&index, &need, 10);
    assert!(listed.iter().all(|s| s.offer.partner.as_str() != "bakkerij-zoete-hart"), "{listed:?}");
}

/// A partner's `radius_km` ranks the places it serves and never adds one: a housing
/// corporation that works in Zuid is not suggested for the market square in Centrum, though the
/// square lies well within its radius; in Zuid it is (same area), and a partner that serves the
/// whole municipality counts as nearer within its radius than beyond it.
#[test]
fn a_radius_never_widens_the_areas_a_partner_lists() {
    let dataset = Dataset::from_json_strict(
        r#"{"schema": "verschilmaker/1", "municipality": {"name": "G", "languages": ["nl"]},
        "areas": [{"id": "zuid", "name": "Zuid", "centroid": [51.680, 5.299]},
                  {"id": "centrum", "name": "Centrum", "centroid": [51.690, 5.301]}],
        "initiatives": [
            {"id": "markt", "title": "Markt", "stage": "idea", "area": "centrum",
             "needs": [{"id": "geld", "kind": "funding", "amount": 500}]},
            {"id": "plein", "title": "Plein", "stage": "idea", "area": "zuid",
             "needs": [{"id": "geld", "kind": "funding", "amount": 500}]}],
        "partners": [
            {"id": "corporatie", "name": "Corporatie", "sector": "institution", "areas": ["zuid"],
             "location": {"lat": 51.680, "lon": 5.299}, "radius_km": 5,
             "offers": [{"id": "budget", "kind": "funding", "capacity": 1000}]},
            {"id": "waterschap", "name": "Waterschap", "sector": "government",
             "location": {"lat": 51.690, "lon": 5.301}, "radius_km": 25,
             "offers": [{"id": "fonds", "kind": "funding", "capacity": 1000}]}]}"#,
    )
    .expect("valid");
    let index = MatchIndex::build(dataset, &MatchConfig::default());
    let need = |i: &str| NeedRef::new(i.parse().unwrap(), "geld".parse().unwrap());
    let offer = |p: &str, o: &str| OfferRef::new(p.parse().unwrap(), o.parse().unwrap());
    let proximity = |i: &str, p: &str, o: &str| {
        super::explain(&index, &need(i), &offer(p, o)).map(|why| {
            why.components.iter().find(|c| c.component == Component::Proximity).map(|c| c.value).unwrap_or(-1.0)
        })
    };
    assert_eq!(proximity("markt", "corporatie", "budget"), None, "Centrum is not one of its areas");
    assert_eq!(proximity("plein", "corporatie", "budget"), Some(1.0), "Zuid is");
    let near = proximity("markt", "waterschap", "fonds").expect("it serves everywhere");
    assert!(near > 0.9 && near <= 1.0, "within its radius: {near}");
    let listed: Vec<String> =
        super::suggest_for_need(&index, &need("markt"), 5).iter().map(|s| s.offer.partner.to_string()).collect();
    assert_eq!(listed, ["waterschap"]);
    let helps: Vec<String> = suggest_for_partner(&index, 0, 5).iter().map(|s| s.need.initiative.to_string()).collect();
    assert_eq!(helps, ["plein"]);
}
