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
/// A text of `words` words from a vocabulary of 3,000 made-up words, the first far more
/// frequent than the last (a cubed uniform draw, roughly Zipf-like), some of which end in
/// others (compounds): what the text component reads.
fn words(rng: &mut Rng, words: usize) -> Text {
    const SYLLABLES: &[&str] = &[
        "ka", "lo", "mi", "ter", "zaal", "tent", "bank", "hout", "fiets", "tuin", "ver", "ge", "bo", "spel", "markt",
        "licht", "ton", "kast", "stoel", "verf", "boom", "plant", "wa", "ren", "sta", "dak", "muur", "klus", "de",
    ];
    let mut text = String::new();
    for w in 0..words {
        let u = rng.float();
        let word = (u * u * u * 3000.0) as usize;
        if w > 0 {
            text.push(' ');
        }
        // The word's syllables from its number in base 29, at least two.
        let mut n = word + 29;
        while n > 0 {
            text.push_str(SYLLABLES[n % SYLLABLES.len()]);
            n /= SYLLABLES.len();
        }
    }
    Text::plain(text)
}

/// How partners cover the town: the share that serves everywhere, and the radii.
#[derive(Clone, Copy, Debug)]
pub struct Mix {
    /// Percent of the partners that serve the whole municipality (the rest list one or two areas).
    pub everywhere: u64,
    /// Percent of the partners with a location that have a radius, and the largest radius (km).
    pub radius: u64,
    pub radius_km: usize,
}

/// The mix the benchmarks have always used: a fifth serve everywhere, half of those with a
/// location have a radius of 1–10 km.
pub const USUAL: Mix = Mix { everywhere: 20, radius: 50, radius_km: 10 };

/// A mix that is harder on the pruning (issue 19: an independent file of this kind took 1.3 ms
/// per initiative where ours took 0.4): half of the partners serve everywhere, and four in five
/// of those with a location have a radius of 1–25 km, as `verschilmaker::synth` draws them.
pub const WIDE: Mix = Mix { everywhere: 50, radius: 80, radius_km: 25 };

/// [`generate_with`] the [`USUAL`] mix.
pub fn generate(offers: usize, initiatives: usize, seed: u64) -> Dataset {
    generate_with(offers, initiatives, seed, USUAL)
}

/// A dataset with `offers` offers and `initiatives` initiatives whose partners cover the town
/// as `mix` says (the rest as described above).
pub fn generate_with(offers: usize, initiatives: usize, seed: u64, mix: Mix) -> Dataset {
    let mut rng = Rng(seed);
    let mut areas = Vec::new();
    for w in 0..10 {
        let (lat, lon) = (51.65 + 0.02 * (w / 5) as f64, 5.25 + 0.02 * (w % 5) as f64);
        let mut district = Area::new(id(AreaId::new, format!("w{w}")), format!("Wijk {w}"));
        district.centroid = Some([lat, lon]);
        areas.push(district);
        for b in 0..8 {
            let mut neighbourhood = Area::new(id(AreaId::new, format!("w{w}b{b}")), format!("Buurt {w}.{b}"));
            neighbourhood.parent = Some(id(AreaId::new, format!("w{w}")));
            neighbourhood.centroid = Some([lat + 0.004 * (b / 4) as f64, lon + 0.004 * (b % 4) as f64]);
            areas.push(neighbourhood);
        }
    }
    let themes: Vec<Theme> =
        (0..12).map(|t| Theme::new(id(ThemeId::new, format!("thema{t}")), Text::plain(format!("Thema {t}")))).collect();
    let skills: Vec<Skill> =
        (0..40).map(|s| Skill::new(id(SkillId::new, format!("skill{s}")), Text::plain(format!("Skill {s}")))).collect();
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
    let location = |rng: &mut Rng| {
        let mut location = Location::default();
        location.lat = Some(51.64 + 0.06 * rng.float());
        location.lon = Some(5.24 + 0.12 * rng.float());
        location
    };

    // Fields are set in the order the generator has always drawn them, so that a seed still
    // gives the same data (and figures stay comparable across versions).
    let mut partners = Vec::new();
    let mut made = 0;
    while made < offers {
        let p = partners.len();
        let count = (1 + rng.below(5)).min(offers - made);
        made += count;
        let has_location = rng.chance(50);
        let sector = Sector::ALL[rng.below(6)];
        let mut partner = Partner::new(id(PartnerId::new, format!("partner{p:06}")), format!("Partner {p}"), sector);
        partner.areas = if rng.chance(mix.everywhere) {
            Coverage::All
        } else {
            Coverage::Areas((0..1 + rng.below(2)).map(|_| pick_area(&mut rng)).collect())
        };
        partner.location = has_location.then(|| location(&mut rng));
        partner.radius_km = (has_location && rng.chance(mix.radius)).then(|| 1.0 + rng.below(mix.radius_km) as f64);
        partner.themes = pick_themes(&mut rng, 3);
        partner.offers = (0..count)
            .map(|o| {
                let kind = Kind::ALL[rng.below(9)];
                let mut offer = Offer::new(id(OfferId::new, format!("offer{o}")), kind);
                offer.capacity = rng.chance(90).then(|| amount(&mut rng, kind));
                offer.skills = pick_skills(&mut rng, 3);
                offer.period = period(&mut rng);
                offer.description = rng.chance(90).then(|| {
                    let count = 3 + rng.below(6);
                    words(&mut rng, count)
                });
                offer
            })
            .collect();
        partners.push(partner);
    }

    let initiatives: Vec<Initiative> = (0..initiatives)
        .map(|i| {
            let title = Text::plain(format!("Initiative {i}"));
            let mut initiative =
                Initiative::new(id(InitiativeId::new, format!("initiative{i:06}")), title, Stage::Idea);
            initiative.themes = pick_themes(&mut rng, 2);
            initiative.area = rng.chance(90).then(|| pick_area(&mut rng));
            initiative.location = rng.chance(30).then(|| location(&mut rng));
            initiative.stage = Stage::ALL[rng.below(6)];
            let mut residents = Initiator::new("Bewoners");
            residents.sector = Some(Sector::ALL[rng.below(2)]);
            initiative.initiators = vec![residents];
            initiative.period = period(&mut rng);
            let count = 1 + rng.below(4);
            initiative.needs = (0..count)
                .map(|j| {
                    let kind = Kind::ALL[rng.below(9)];
                    let mut need = Need::new(id(NeedId::new, format!("need{j}")), kind);
                    need.amount = rng.chance(90).then(|| amount(&mut rng, kind));
                    need.skills = pick_skills(&mut rng, 2);
                    need.period = period(&mut rng);
                    need.required = rng.chance(80);
                    need.description = rng.chance(85).then(|| {
                        let count = 2 + rng.below(5);
                        words(&mut rng, count)
                    });
                    need
                })
                .collect();
            initiative
        })
        .collect();

    let mut commitments = Vec::new();
    for c in 0..initiatives.len() / 10 {
        let initiative = &initiatives[rng.below(initiatives.len())];
        let need = &initiative.needs[rng.below(initiative.needs.len())];
        let partner = &partners[rng.below(partners.len())];
        let offer = &partner.offers[rng.below(partner.offers.len())];
        let (initiative_id, partner_id) = (initiative.id.clone(), partner.id.clone());
        let mut commitment = Commitment::new(
            id(CommitmentId::new, format!("c{c}")),
            initiative_id,
            partner_id,
            CommitmentStatus::Agreed,
        );
        commitment.need = Some(need.id.clone());
        commitment.offer = (offer.kind == need.kind).then(|| offer.id.clone());
        commitment.amount = Some(amount(&mut rng, need.kind) / 4.0);
        commitments.push(commitment);
    }

    let mut dataset = Dataset::new(Municipality::new("Gemeente Benchstad", vec![Lang::new("nl").expect("valid")]));
    dataset.areas = areas;
    dataset.themes = themes;
    dataset.skills = skills;
    dataset.initiatives = initiatives;
    dataset.partners = partners;
    dataset.commitments = commitments;
    dataset
}
