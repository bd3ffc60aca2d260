//! A seeded generator of large, valid datasets for the matching benchmarks (native and wasm).
//!
//! It lives beside the benchmark rather than in the library because only benchmarks need it;
//! `bench/src/matching.rs` includes the same file with `#[path]`, so that both builds time
//! the same data.

use verschilmaker::*;

/// SplitMix64: small, fast and the same on every platform.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn float(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn id<T>(make: fn(&str) -> Option<T>, text: String) -> T {
    make(&text).expect("generated ids are valid")
}

fn period(rng: &mut Rng) -> Option<Period> {
    if !rng.chance(30) {
        return None;
    }
    let start = Date::new(2026, 1 + rng.below(12) as u8, 1 + rng.below(28) as u8).expect("valid date");
    let end =
        Date::new(2026 + rng.below(2) as u16, 1 + rng.below(12) as u8, 1 + rng.below(28) as u8).expect("valid date");
    let (start, end) = if start <= end { (start, end) } else { (end, start) };
    Some(Period { start: DateValue::Date(start), end: rng.chance(70).then_some(DateValue::Date(end)) })
}

fn amount(rng: &mut Rng, kind: Kind) -> f64 {
    let base = match kind {
        Kind::Funding => 5000.0,
        Kind::Space => 200.0,
        Kind::Volunteers | Kind::Expertise | Kind::Coaching => 40.0,
        Kind::Materials => 50.0,
        _ => 5.0,
    };
    (base * (0.2 + 2.0 * rng.float())).round()
}

/// A dataset with `offers` offers (about three per partner) and `initiatives` initiatives
/// (about 2.5 needs each), in 10 districts of 8 neighbourhoods each.
pub fn generate(offers: usize, initiatives: usize, seed: u64) -> Dataset {
    let mut rng = Rng(seed);
    let mut areas = Vec::new();
    for w in 0..10 {
        let (lat, lon) = (51.65 + 0.02 * (w / 5) as f64, 5.25 + 0.02 * (w % 5) as f64);
        areas.push(Area {
            id: id(AreaId::new, format!("w{w}")),
            name: format!("Wijk {w}"),
            parent: None,
            centroid: Some([lat, lon]),
            postcodes: Vec::new(),
            boundary: None,
        });
        for b in 0..8 {
            areas.push(Area {
                id: id(AreaId::new, format!("w{w}b{b}")),
                name: format!("Buurt {w}.{b}"),
                parent: Some(id(AreaId::new, format!("w{w}"))),
                centroid: Some([lat + 0.004 * (b / 4) as f64, lon + 0.004 * (b % 4) as f64]),
                postcodes: Vec::new(),
                boundary: None,
            });
        }
    }
    let themes: Vec<Theme> = (0..12)
        .map(|t| Theme { id: id(ThemeId::new, format!("thema{t}")), name: Text::plain(format!("Thema {t}")) })
        .collect();
    let skills: Vec<Skill> = (0..40)
        .map(|s| Skill { id: id(SkillId::new, format!("skill{s}")), name: Text::plain(format!("Skill {s}")) })
        .collect();
    let pick_area = |rng: &mut Rng| areas[rng.below(areas.len())].id.clone();
    let pick_themes = |rng: &mut Rng, most: usize| -> Vec<ThemeId> {
        let mut list: Vec<ThemeId> = (0..rng.below(most + 1)).map(|_| themes[rng.below(12)].id.clone()).collect();
        list.sort();
        list.dedup();
        list
    };
    let pick_skills = |rng: &mut Rng, most: usize| -> Vec<SkillId> {
        let mut list: Vec<SkillId> = (0..rng.below(most + 1)).map(|_| skills[rng.below(40)].id.clone()).collect();
        list.sort();
        list.dedup();
        list
    };
    let location = |rng: &mut Rng| Location {
        lat: Some(51.64 + 0.06 * rng.float()),
        lon: Some(5.24 + 0.12 * rng.float()),
        address: None,
    };

    let mut partners = Vec::new();
    let mut made = 0;
    while made < offers {
        let p = partners.len();
        let count = (1 + rng.below(5)).min(offers - made);
        made += count;
        let has_location = rng.chance(50);
        partners.push(Partner {
            id: id(PartnerId::new, format!("partner{p:06}")),
            name: format!("Partner {p}"),
            sector: Sector::ALL[rng.below(6)],
            department: None,
            areas: if rng.chance(20) {
                Coverage::All
            } else {
                Coverage::Areas((0..1 + rng.below(2)).map(|_| pick_area(&mut rng)).collect())
            },
            location: has_location.then(|| location(&mut rng)),
            radius_km: (has_location && rng.chance(50)).then(|| 1.0 + rng.below(10) as f64),
            themes: pick_themes(&mut rng, 3),
            offers: (0..count)
                .map(|o| {
                    let kind = Kind::ALL[rng.below(9)];
                    Offer {
                        id: id(OfferId::new, format!("offer{o}")),
                        kind,
                        description: None,
                        capacity: rng.chance(90).then(|| amount(&mut rng, kind)),
                        unit: kind.default_unit(),
                        per: Per::Once,
                        skills: pick_skills(&mut rng, 3),
                        period: period(&mut rng),
                        conditions: None,
                    }
                })
                .collect(),
            contact: None,
            website: None,
        });
    }

    let initiatives: Vec<Initiative> = (0..initiatives)
        .map(|i| Initiative {
            id: id(InitiativeId::new, format!("initiative{i:06}")),
            title: Text::plain(format!("Initiative {i}")),
            summary: None,
            description: None,
            themes: pick_themes(&mut rng, 2),
            area: rng.chance(90).then(|| pick_area(&mut rng)),
            location: rng.chance(30).then(|| location(&mut rng)),
            stage: Stage::ALL[rng.below(6)],
            initiators: vec![Initiator { name: "Bewoners".into(), sector: Some(Sector::ALL[rng.below(2)]) }],
            audience: Vec::new(),
            period: period(&mut rng),
            needs: {
                let count = 1 + rng.below(4);
                (0..count)
                    .map(|j| {
                        let kind = Kind::ALL[rng.below(9)];
                        Need {
                            id: id(NeedId::new, format!("need{j}")),
                            kind,
                            description: None,
                            amount: rng.chance(90).then(|| amount(&mut rng, kind)),
                            unit: kind.default_unit(),
                            skills: pick_skills(&mut rng, 2),
                            period: period(&mut rng),
                            required: rng.chance(80),
                        }
                    })
                    .collect()
            },
            links: Vec::new(),
            edition: None,
            updated: None,
        })
        .collect();

    let mut commitments = Vec::new();
    for c in 0..initiatives.len() / 10 {
        let initiative = &initiatives[rng.below(initiatives.len())];
        let need = &initiative.needs[rng.below(initiative.needs.len())];
        let partner = &partners[rng.below(partners.len())];
        let offer = &partner.offers[rng.below(partner.offers.len())];
        commitments.push(Commitment {
            id: id(CommitmentId::new, format!("c{c}")),
            initiative: initiative.id.clone(),
            need: Some(need.id.clone()),
            partner: partner.id.clone(),
            offer: (offer.kind == need.kind).then(|| offer.id.clone()),
            amount: Some(amount(&mut rng, need.kind) / 4.0),
            status: CommitmentStatus::Agreed,
            due: None,
            note: None,
        });
    }

    Dataset {
        schema: SCHEMA.to_owned(),
        municipality: Municipality {
            name: "Gemeente Benchstad".into(),
            code: None,
            languages: vec![Lang::new("nl").expect("valid")],
            contact: None,
        },
        areas,
        themes,
        skills,
        initiatives,
        partners,
        commitments,
        editions: Vec::new(),
        policy: Policy::default(),
        matching: None,
    }
}
