//! A seeded generator of valid synthetic datasets of any size, for tests and benchmarks.
//!
//! [`generate`] builds a [`Dataset`] from a [`SynthConfig`]: the same seed always gives the same
//! dataset, and every dataset it makes passes the strict check with zero problems (ids unique,
//! references resolved, areas nested with tiling boundaries, periods in order, amounts in range).
//! Titles and descriptions are assembled from a few hundred Dutch and English words, some with
//! diacritics ("café", "ruïne", "één"), so that search and keyword rules have something to chew on.
//!
//! ```
//! use verschilmaker::synth::{SynthConfig, generate};
//!
//! let dataset = generate(&SynthConfig::with_initiatives(7, 200));
//! assert_eq!(dataset.initiatives.len(), 200);
//! assert_eq!(dataset, generate(&SynthConfig::with_initiatives(7, 200)), "the same seed gives the same data");
//! ```

use std::ops::RangeInclusive;

use crate::date::{Date, DateValue, Period};
use crate::ids::*;
use crate::model::*;
use crate::text::{Lang, Text};

/// What to generate. Plain fields: any combination is valid, including zeros.
#[derive(Clone, Debug, PartialEq)]
pub struct SynthConfig {
    /// The seed; the same seed and config always give the same dataset.
    pub seed: u64,
    /// How many initiatives.
    pub initiatives: usize,
    /// How many partners.
    pub partners: usize,
    /// How many areas in total: districts (wijken) and, inside them, neighbourhoods (buurten).
    pub areas: usize,
    /// How many themes in the vocabulary.
    pub themes: usize,
    /// How many skills in the vocabulary; with 0, needs and offers use free lowercase tags.
    pub skills: usize,
    /// How many needs each initiative has (drawn uniformly from the range).
    pub needs_per_initiative: RangeInclusive<usize>,
    /// How many offers each partner has (drawn uniformly from the range).
    pub offers_per_partner: RangeInclusive<usize>,
    /// How many commitments (afspraken); fewer when there are no needs or partners to connect.
    pub commitments: usize,
    /// How many pitch editions.
    pub editions: usize,
    /// How many policy rules.
    pub rules: usize,
    /// Whether texts are translated maps `{"nl", "en"}` (municipality languages nl and en) or
    /// plain Dutch strings (municipality language nl).
    pub translated: bool,
    /// Whether the dataset overrides matching weights.
    pub matching: bool,
    /// Whether some offers carry the conditions matching checks (`only_areas` … `dayparts`)
    /// and some needs their days and parts of the day. They are drawn from a random stream of
    /// their own, so that the rest of the town is the same with them as without.
    pub conditions: bool,
}

impl Default for SynthConfig {
    /// A small town: 40 initiatives, 60 partners, 10 areas.
    fn default() -> SynthConfig {
        SynthConfig {
            seed: 0,
            initiatives: 40,
            partners: 60,
            areas: 10,
            themes: 9,
            skills: 12,
            needs_per_initiative: 1..=4,
            offers_per_partner: 1..=3,
            commitments: 30,
            editions: 2,
            rules: 6,
            translated: true,
            matching: false,
            conditions: false,
        }
    }
}

impl SynthConfig {
    /// The default small town with this seed.
    pub fn small(seed: u64) -> SynthConfig {
        SynthConfig { seed, ..SynthConfig::default() }
    }

    /// A town of `initiatives` initiatives, with partners, areas, commitments and editions scaled to match.
    pub fn with_initiatives(seed: u64, initiatives: usize) -> SynthConfig {
        SynthConfig {
            seed,
            initiatives,
            partners: initiatives.saturating_mul(3) / 2,
            areas: (initiatives / 25).clamp(4, 400),
            themes: 15,
            skills: 20,
            commitments: initiatives,
            editions: (initiatives / 100).clamp(2, 50),
            rules: 12,
            ..SynthConfig::default()
        }
    }
}

/// Generates a valid dataset, deterministically for the config (see the [module docs](self)).
pub fn generate(config: &SynthConfig) -> Dataset {
    let mut g = Gen {
        rng: Rng::new(config.seed),
        translated: config.translated,
        conditions: config.conditions.then(|| Rng::new(config.seed ^ CONDITIONS_STREAM)),
    };
    let languages: Vec<Lang> =
        if config.translated { ["nl", "en"].iter().filter_map(|c| Lang::new(c)).collect() } else { nl() };
    let town = g.pick(PLACES);
    let municipality = Municipality {
        name: format!("Gemeente {town}stad"),
        code: Some(format!("GM{:04}", g.rng.below(10_000))),
        languages,
        contact: Some(Contact {
            name: Some("Loket Initiatieven".into()),
            email: Some("initiatieven@gemeente.example".into()),
            phone: Some("14 0999".into()),
            url: Some("https://www.gemeente.example/initiatieven".into()),
        }),
    };
    let areas = g.areas(config.areas);
    let themes: Vec<Theme> = (0..config.themes)
        .filter_map(|i| {
            let (id, nl, en) = vocabulary_entry(THEMES, i, "thema", "Thema", "Theme");
            Some(Theme { id: ThemeId::new(&id)?, name: g.text(&nl, &en) })
        })
        .collect();
    let skills: Vec<Skill> = (0..config.skills)
        .filter_map(|i| {
            let (id, nl, en) = vocabulary_entry(SKILLS, i, "vaardigheid", "Vaardigheid", "Skill");
            Some(Skill { id: SkillId::new(&id)?, name: g.text(&nl, &en) })
        })
        .collect();
    let cx = Context { areas: &areas, themes: &themes, skills: &skills };
    let mut initiatives: Vec<Initiative> =
        (0..config.initiatives).filter_map(|i| g.initiative(i, &cx, &config.needs_per_initiative)).collect();
    let partners: Vec<Partner> =
        (0..config.partners).filter_map(|i| g.partner(i, &cx, &config.offers_per_partner)).collect();
    let mut editions: Vec<Edition> = (0..config.editions).filter_map(|i| g.edition(i)).collect();
    if !editions.is_empty() {
        for initiative in &mut initiatives {
            if g.rng.chance(0.2) {
                let pick = g.rng.below(editions.len());
                let edition = &mut editions[pick];
                initiative.edition = Some(edition.id.clone());
                edition.initiatives.push(initiative.id.clone());
            }
        }
    }
    let commitments = g.commitments(config.commitments, &initiatives, &partners);
    let policy = Policy {
        principles: PRINCIPLES.iter().map(|(nl, en)| g.text(nl, en)).collect(),
        rules: (0..config.rules).filter_map(|i| g.rule(i, &cx)).collect(),
    };
    let matching = config.matching.then(|| MatchingWeights {
        skills: Some(g.weight()),
        themes: Some(g.weight()),
        proximity: Some(g.weight()),
        period: Some(g.weight()),
        capacity: Some(g.weight()),
        diversity: Some(g.weight()),
        load: None,
        text: Some(g.weight()),
    });
    Dataset {
        schema: SCHEMA.to_owned(),
        municipality,
        areas,
        themes,
        skills,
        initiatives,
        partners,
        commitments,
        editions,
        policy,
        matching,
    }
}

fn nl() -> Vec<Lang> {
    Lang::new("nl").into_iter().collect()
}

/// SplitMix64 (Steele, Lea and Flood): tiny, fast, and good enough for test data; no dependency.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; 0 when `n` is 0.
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        // Multiply-shift maps 64 random bits onto 0..n without a modulo bias worth caring about here.
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }

    fn in_range(&mut self, range: &RangeInclusive<usize>) -> usize {
        let (low, high) = (*range.start(), *range.end());
        if high < low { low } else { low + self.below(high - low + 1) }
    }

    /// A float in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

/// What later records refer to.
struct Context<'a> {
    areas: &'a [Area],
    themes: &'a [Theme],
    skills: &'a [Skill],
}

struct Gen {
    rng: Rng,
    translated: bool,
    /// The stream that draws offers' conditions and needs' times, when the config asks for them.
    conditions: Option<Rng>,
}

/// Mixed into the seed for the stream of conditions, so that it is not the main stream.
const CONDITIONS_STREAM: u64 = 0xC0D1_7105_5EED_0022;

/// The town's bounding box: around 51.69 N, 5.30 E, about 9 by 5 km.
const TOWN: ([f64; 2], [f64; 2]) = ([5.24, 51.665], [5.37, 51.71]);

impl Gen {
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.rng.below(items.len())]
    }

    fn text(&self, nl: &str, en: &str) -> Text {
        match (self.translated, Lang::new("nl"), Lang::new("en")) {
            (true, Some(l_nl), Some(l_en)) => Text::Translated(vec![(l_nl, nl.to_owned()), (l_en, en.to_owned())]),
            _ => Text::Plain(nl.to_owned()),
        }
    }

    fn weight(&mut self) -> f64 {
        (self.rng.unit() * 4.0 * 100.0).round() / 100.0
    }

    fn date(&mut self, from_year: u16, years: usize) -> Option<DateValue> {
        let year = from_year + self.rng.below(years.max(1)) as u16;
        let date = Date::new(year, 1 + self.rng.below(12) as u8, 1 + self.rng.below(28) as u8)?;
        Some(DateValue::Date(date))
    }

    /// A date-time with a Dutch offset (+01:00 in winter, +02:00 in summer, roughly), or sometimes UTC.
    fn date_time(&mut self, from_year: u16, years: usize) -> Option<DateValue> {
        let date = self.date(from_year, years)?.date();
        let hour = 9 + self.rng.below(12) as u32;
        let minute = [0, 15, 30, 45][self.rng.below(4)];
        let offset_minutes = match (self.rng.chance(0.1), (4..=10).contains(&date.month())) {
            (true, _) => 0,
            (false, true) => 120,
            (false, false) => 60,
        };
        Some(DateValue::DateTime { date, seconds: hour * 3600 + minute * 60, offset_minutes })
    }

    /// A period of up to about two years, open-ended now and then.
    fn period(&mut self) -> Option<Period> {
        let start = self.date(2024, 4)?;
        let end = if self.rng.chance(0.2) {
            None
        } else {
            let first = start.date();
            let days = self.rng.below(700) as i64;
            Some(DateValue::Date(date_after(first, days)?))
        };
        Some(Period { start, end })
    }

    /// Districts as vertical strips across the town, each cut into neighbourhoods as horizontal
    /// bands: non-overlapping, tiling, children inside their parent, for any count.
    fn areas(&mut self, count: usize) -> Vec<Area> {
        if count == 0 {
            return Vec::new();
        }
        let districts = ((count as f64 / 3.0).sqrt().ceil() as usize).clamp(1, count);
        let neighbourhoods = count - districts;
        let ([west, south], [east, north]) = TOWN;
        let width = (east - west) / districts as f64;
        let mut areas = Vec::with_capacity(count);
        let mut postcode = 0usize;
        for d in 0..districts {
            let (left, right) = (west + width * d as f64, west + width * (d + 1) as f64);
            let Some(district_id) = AreaId::new(&format!("wijk-{}", d + 1)) else { continue };
            let name = numbered(PLACES, d);
            let children = neighbourhoods / districts + usize::from(d < neighbourhoods % districts);
            let mut district = Area {
                id: district_id.clone(),
                name,
                parent: None,
                centroid: Some([decimals((south + north) / 2.0, 7), decimals((left + right) / 2.0, 7)]),
                postcodes: Vec::new(),
                boundary: Some(rectangle(left, south, right, north)),
            };
            let mut buurten = Vec::with_capacity(children);
            let height = (north - south) / children.max(1) as f64;
            for c in 0..children {
                let (bottom, top) = (south + height * c as f64, south + height * (c + 1) as f64);
                let Some(id) = AreaId::new(&format!("buurt-{}-{}", d + 1, c + 1)) else { continue };
                let code = pc4(postcode);
                district.postcodes.push(code.clone());
                buurten.push(Area {
                    id,
                    name: numbered(PLACES, districts + postcode),
                    parent: Some(district_id.clone()),
                    centroid: Some([decimals((bottom + top) / 2.0, 7), decimals((left + right) / 2.0, 7)]),
                    postcodes: vec![code],
                    boundary: Some(rectangle(left, bottom, right, top)),
                });
                postcode += 1;
            }
            if district.postcodes.is_empty() {
                district.postcodes.push(pc4(postcode));
                postcode += 1;
            }
            areas.push(district);
            areas.extend(buurten);
        }
        areas
    }

    /// A point inside `area` (its boundary's bounding box), or anywhere in town.
    fn point_in(&mut self, area: Option<&Area>) -> (f64, f64) {
        let ([mut west, mut south], [mut east, mut north]) = TOWN;
        if let Some(Boundary::Polygon(rings)) = area.and_then(|a| a.boundary.as_ref())
            && let Some(ring) = rings.first()
        {
            west = ring.iter().map(|p| p[0]).fold(f64::INFINITY, f64::min);
            east = ring.iter().map(|p| p[0]).fold(f64::NEG_INFINITY, f64::max);
            south = ring.iter().map(|p| p[1]).fold(f64::INFINITY, f64::min);
            north = ring.iter().map(|p| p[1]).fold(f64::NEG_INFINITY, f64::max);
        }
        // Seven decimals (about a centimetre), as real data has: see `decimals` for why.
        let lat = decimals(south + (north - south) * self.rng.unit(), 7);
        let lon = decimals(west + (east - west) * self.rng.unit(), 7);
        (lat, lon)
    }

    fn address(&mut self) -> String {
        format!("{} {}, {}", self.pick(STREETS), 1 + self.rng.below(180), self.pick(PLACES))
    }

    fn location(&mut self, area: Option<&Area>) -> Location {
        let (lat, lon) = self.point_in(area);
        match self.rng.below(4) {
            0 => Location { lat: None, lon: None, address: Some(self.address()) },
            1 => Location { lat: Some(lat), lon: Some(lon), address: None },
            _ => Location { lat: Some(lat), lon: Some(lon), address: Some(self.address()) },
        }
    }

    fn theme_ids(&mut self, cx: &Context<'_>, max: usize) -> Vec<ThemeId> {
        let mut ids: Vec<ThemeId> = Vec::new();
        for _ in 0..self.rng.below(max + 1) {
            if cx.themes.is_empty() {
                break;
            }
            let id = &cx.themes[self.rng.below(cx.themes.len())].id;
            if !ids.contains(id) {
                ids.push(id.clone());
            }
        }
        ids
    }

    /// Skills from the vocabulary, or free lowercase tags when there is none.
    fn skill_ids(&mut self, cx: &Context<'_>) -> Vec<SkillId> {
        let mut ids: Vec<SkillId> = Vec::new();
        for _ in 0..self.rng.below(3) {
            let id = if cx.skills.is_empty() {
                SkillId::new(self.pick(SKILLS).0)
            } else {
                Some(cx.skills[self.rng.below(cx.skills.len())].id.clone())
            };
            if let Some(id) = id
                && !ids.contains(&id)
            {
                ids.push(id);
            }
        }
        ids
    }

    fn amount(&mut self, kind: Kind) -> f64 {
        let (low, high) = match kind {
            Kind::Funding => (100.0, 30_000.0),
            Kind::Volunteers | Kind::Expertise | Kind::Coaching => (2.0, 300.0),
            Kind::Space => (10.0, 3_000.0),
            Kind::Materials => (1.0, 250.0),
            Kind::Permit | Kind::Promotion | Kind::Network => (1.0, 4.0),
        };
        let amount = low + (high - low) * self.rng.unit() * self.rng.unit();
        // Mostly round numbers as people write them; now and then a fraction.
        if self.rng.chance(0.1) { (amount * 4.0).round() / 4.0 } else { amount.round() }
    }

    fn initiative(&mut self, index: usize, cx: &Context<'_>, needs: &RangeInclusive<usize>) -> Option<Initiative> {
        let noun = self.pick(NOUNS);
        let adjective = self.pick(ADJECTIVES);
        let activity = self.pick(ACTIVITIES);
        let second = self.pick(ACTIVITIES);
        let area = if cx.areas.is_empty() || self.rng.chance(0.15) {
            None
        } else {
            Some(&cx.areas[self.rng.below(cx.areas.len())])
        };
        let place = area.map_or("de hele stad", |a| a.name.as_str());
        let place_en = area.map_or("the whole town", |a| a.name.as_str());
        let title = self.text(
            &capitalise(&format!("{} {} {place}", adjective.0, noun.0)),
            &capitalise(&format!("{} {} {place_en}", adjective.1, noun.1)),
        );
        let summary = self.text(
            &format!("Een {} {} in {place}: {}.", adjective.0, noun.0, activity.0),
            &format!("A {} {} in {place_en}: {}.", adjective.1, noun.1, activity.1),
        );
        let audience_word = self.pick(AUDIENCES);
        let description = self.text(
            &format!(
                "Bewoners willen {} en {}. Met de {} willen we {} bereiken. Iedereen is welkom, ook als je één keer wilt helpen.",
                activity.0, second.0, noun.0, audience_word.0
            ),
            &format!(
                "Residents want to be {} and {}. With the {} we want to reach {}. Everyone is welcome, even to help just once.",
                activity.1, second.1, noun.1, audience_word.1
            ),
        );
        let stage = self.pick(Stage::ALL);
        let initiators = (0..1 + self.rng.below(2))
            .map(|_| Initiator {
                name: self.pick(FIRST_NAMES).to_owned(),
                sector: self.rng.chance(0.8).then(|| self.pick(&[Sector::Resident, Sector::Youth, Sector::Business])),
            })
            .collect();
        let audience = if self.rng.chance(0.6) { vec![self.pick(AUDIENCES).0.to_owned()] } else { Vec::new() };
        let need_count = self.rng.in_range(needs);
        let needs = (0..need_count)
            .filter_map(|n| {
                let kind = self.pick(Kind::ALL);
                let description = self.rng.chance(0.7).then(|| {
                    let (nl, en) = kind_words(kind);
                    self.text(&format!("{nl} voor de {}", noun.0), &format!("{en} for the {}", noun.1))
                });
                let mut need = Need {
                    id: NeedId::new(&format!("behoefte-{}", n + 1))?,
                    kind,
                    description,
                    amount: self.rng.chance(0.9).then(|| self.amount(kind)),
                    unit: kind.default_unit(),
                    skills: self.skill_ids(cx),
                    period: if self.rng.chance(0.4) { self.period() } else { None },
                    required: self.rng.chance(0.8),
                    weekdays: Vec::new(),
                    dayparts: Vec::new(),
                };
                self.times(&mut need.weekdays, &mut need.dayparts);
                Some(need)
            })
            .collect();
        let links = if self.rng.chance(0.3) {
            vec![Link {
                label: Some(self.text("Meer informatie", "More information")),
                url: format!("https://initiatieven.example.org/{}", index + 1),
            }]
        } else {
            Vec::new()
        };
        Some(Initiative {
            id: InitiativeId::new(&format!("initiatief-{}", index + 1))?,
            title,
            summary: Some(summary),
            description: self.rng.chance(0.9).then_some(description),
            themes: self.theme_ids(cx, 3),
            area: area.map(|a| a.id.clone()),
            location: if self.rng.chance(0.7) { Some(self.location(area)) } else { None },
            stage,
            initiators,
            audience,
            period: if self.rng.chance(0.7) { self.period() } else { None },
            needs,
            links,
            edition: None,
            updated: self.date(2025, 2),
        })
    }

    fn partner(&mut self, index: usize, cx: &Context<'_>, offers: &RangeInclusive<usize>) -> Option<Partner> {
        let sector = self.pick(Sector::ALL);
        let place = self.pick(PLACES);
        let (name, department) = match sector {
            Sector::Resident => (format!("{} uit {place}", self.pick(FIRST_NAMES)), None),
            Sector::Youth => (format!("{} {place}", self.pick(YOUTH_GROUPS)), None),
            Sector::Business => (format!("{} {}", self.pick(BUSINESSES), self.pick(SURNAMES)), None),
            Sector::Institution => (format!("{} {place}", self.pick(INSTITUTIONS)), None),
            Sector::Government => ("Gemeente".to_owned(), Some(self.pick(DEPARTMENTS).to_owned())),
            Sector::Foundation => (format!("Stichting {} {place}", self.pick(NOUNS).0), None),
        };
        let areas = if cx.areas.is_empty() || self.rng.chance(0.5) {
            Coverage::All
        } else {
            let mut ids: Vec<AreaId> = Vec::new();
            for _ in 0..1 + self.rng.below(3) {
                let id = &cx.areas[self.rng.below(cx.areas.len())].id;
                if !ids.contains(id) {
                    ids.push(id.clone());
                }
            }
            Coverage::Areas(ids)
        };
        let home = match &areas {
            Coverage::Areas(ids) => ids.first().and_then(|id| cx.areas.iter().find(|a| a.id == *id)),
            Coverage::All => None,
        };
        let location = self.rng.chance(0.7).then(|| self.location(home));
        let offer_count = self.rng.in_range(offers);
        let offers = (0..offer_count)
            .filter_map(|n| {
                let kind = self.pick(Kind::ALL);
                let (nl, en) = kind_words(kind);
                let per = self.pick(&[Per::Once, Per::Month, Per::Year]);
                // The fields the generator draws; the conditions come below, from their own stream.
                let mut offer = Offer {
                    description: self.rng.chance(0.8).then(|| {
                        let adjective = self.pick(ADJECTIVES);
                        self.text(
                            &capitalise(&format!("{} {}", adjective.0, lower(nl))),
                            &capitalise(&format!("{} {}", adjective.1, lower(en))),
                        )
                    }),
                    capacity: self.rng.chance(0.9).then(|| (self.amount(kind) * 1.5).round()),
                    unit: kind.default_unit(),
                    per,
                    skills: self.skill_ids(cx),
                    period: if self.rng.chance(0.25) { self.period() } else { None },
                    conditions: self.rng.chance(0.15).then(|| {
                        self.text("Alleen voor initiatieven zonder winstoogmerk", "Only for non-profit initiatives")
                    }),
                    ..Offer::new(OfferId::new(&format!("aanbod-{}", n + 1))?, kind)
                };
                self.offer_conditions(&mut offer, cx);
                Some(offer)
            })
            .collect();
        let slug = format!("partner{}", index + 1);
        Some(Partner {
            id: PartnerId::new(&format!("partner-{}", index + 1))?,
            name,
            sector,
            department,
            areas,
            radius_km: location.as_ref().filter(|_| self.rng.chance(0.8)).map(|_| (1 + self.rng.below(25)) as f64),
            location,
            themes: self.theme_ids(cx, 3),
            offers,
            contact: self.rng.chance(0.8).then(|| Contact {
                name: None,
                email: Some(format!("info@{slug}.example")),
                phone: self.rng.chance(0.3).then(|| format!("06-{:08}", self.rng.below(100_000_000))),
                url: None,
            }),
            website: self.rng.chance(0.4).then(|| format!("https://{slug}.example.org")),
        })
    }

    /// Now and then days and parts of the day, for a need or an offer (with `conditions` on).
    fn times(&mut self, weekdays: &mut Vec<Weekday>, dayparts: &mut Vec<Daypart>) {
        let Some(rng) = &mut self.conditions else { return };
        if rng.chance(0.2) {
            *weekdays = subset(rng, Weekday::ALL, 0.4);
        }
        if rng.chance(0.2) {
            *dayparts = subset(rng, Daypart::ALL, 0.4);
        }
    }

    /// Now and then the conditions an offer states in fields (with `conditions` on): areas,
    /// themes, stages and sectors from what the town has, amounts within the format's range
    /// with the least never above the most.
    fn offer_conditions(&mut self, offer: &mut Offer, cx: &Context<'_>) {
        let Some(rng) = &mut self.conditions else { return };
        if !cx.areas.is_empty() && rng.chance(0.2) {
            let ids: Vec<AreaId> = cx.areas.iter().map(|area| area.id.clone()).collect();
            // A few areas, also in a town of hundreds.
            offer.only_areas = subset(rng, &ids, 2.0 / ids.len() as f64);
        }
        if !cx.themes.is_empty() && rng.chance(0.15) {
            let ids: Vec<ThemeId> = cx.themes.iter().map(|theme| theme.id.clone()).collect();
            offer.only_themes = subset(rng, &ids, 2.0 / ids.len() as f64);
        }
        if rng.chance(0.1) {
            offer.only_stages = subset(rng, Stage::ALL, 0.4);
        }
        if rng.chance(0.1) {
            offer.only_initiators = subset(rng, Sector::ALL, 0.2);
        }
        if rng.chance(0.15) {
            let least = (1 + rng.below(20)) as f64 * 5.0;
            offer.min_amount = rng.chance(0.7).then_some(least);
            offer.max_amount = rng.chance(0.7).then(|| least * (2 + rng.below(10)) as f64 + 0.5);
        }
        self.times(&mut offer.weekdays, &mut offer.dayparts);
    }

    fn edition(&mut self, index: usize) -> Option<Edition> {
        let start = self.date_time(2024, 4)?;
        let DateValue::DateTime { date, seconds, offset_minutes } = start else { return None };
        let end = DateValue::DateTime { date, seconds: (seconds + 3 * 3600).min(23 * 3600 + 59 * 60), offset_minutes };
        Some(Edition {
            id: EditionId::new(&format!("editie-{}", index + 1))?,
            title: self.text(&format!("Pitchavond #{}", index + 1), &format!("Pitch night #{}", index + 1)),
            start,
            end: self.rng.chance(0.8).then_some(end),
            venue: self.rng.chance(0.8).then(|| format!("{} {}", self.pick(INSTITUTIONS), self.pick(PLACES))),
            initiatives: Vec::new(),
            url: self.rng.chance(0.5).then(|| format!("https://www.gemeente.example/pitch/{}", index + 1)),
        })
    }

    /// Commitments between needs and offers of the same kind (and so the same unit) when there
    /// are any, otherwise between a need and a partner without naming an offer.
    fn commitments(&mut self, count: usize, initiatives: &[Initiative], partners: &[Partner]) -> Vec<Commitment> {
        let mut offers_by_kind: Vec<Vec<(usize, usize)>> = vec![Vec::new(); Kind::ALL.len()];
        for (p, partner) in partners.iter().enumerate() {
            for (o, offer) in partner.offers.iter().enumerate() {
                offers_by_kind[offer.kind as usize].push((p, o));
            }
        }
        let with_needs: Vec<usize> = (0..initiatives.len()).filter(|&i| !initiatives[i].needs.is_empty()).collect();
        if with_needs.is_empty() || partners.is_empty() {
            return Vec::new();
        }
        let mut commitments = Vec::with_capacity(count);
        for index in 0..count {
            let initiative = &initiatives[with_needs[self.rng.below(with_needs.len())]];
            let need = &initiative.needs[self.rng.below(initiative.needs.len())];
            let candidates = &offers_by_kind[need.kind as usize];
            let (partner, offer) = if candidates.is_empty() {
                (&partners[self.rng.below(partners.len())], None)
            } else {
                let (p, o) = candidates[self.rng.below(candidates.len())];
                (&partners[p], Some(&partners[p].offers[o]))
            };
            let amount = need.amount.filter(|_| self.rng.chance(0.9)).map(|total| {
                let share = total * (0.1 + 0.9 * self.rng.unit());
                if total >= 10.0 { share.round() } else { share.ceil().min(total) }
            });
            let Some(id) = CommitmentId::new(&format!("afspraak-{}", index + 1)) else { continue };
            commitments.push(Commitment {
                id,
                initiative: initiative.id.clone(),
                need: Some(need.id.clone()),
                partner: partner.id.clone(),
                offer: offer.map(|o| o.id.clone()),
                amount,
                status: self.pick(CommitmentStatus::ALL),
                due: if self.rng.chance(0.7) { self.date(2025, 3) } else { None },
                note: self
                    .rng
                    .chance(0.2)
                    .then(|| self.text("Afgesproken op de pitchavond", "Agreed at the pitch night")),
            });
        }
        commitments
    }

    fn rule(&mut self, index: usize, cx: &Context<'_>) -> Option<Rule> {
        let mut when = Condition::default();
        // At least one key, so that a rule never applies to everything by accident.
        while when == Condition::default() {
            if self.rng.chance(0.5) {
                when.need_kinds = vec![self.pick(Kind::ALL)];
                if self.rng.chance(0.4) {
                    when.min_amount = Some(self.amount(when.need_kinds[0]).max(1.0).round());
                }
            }
            if self.rng.chance(0.4) {
                when.themes = self.theme_ids(cx, 2);
            }
            if self.rng.chance(0.2) {
                when.stages = vec![self.pick(Stage::ALL), self.pick(Stage::ALL)];
                when.stages.dedup();
            }
            if self.rng.chance(0.2) && !cx.areas.is_empty() {
                when.areas = vec![cx.areas[self.rng.below(cx.areas.len())].id.clone()];
            }
            if self.rng.chance(0.3) {
                let noun = self.pick(NOUNS).0;
                when.keywords = vec![noun.rsplit(' ').next().unwrap_or(noun).to_owned()];
            }
        }
        let (nl, en) = self.pick(ADVICE);
        Some(Rule {
            id: RuleId::new(&format!("regel-{}", index + 1))?,
            when,
            advice: self.text(nl, en),
            contact: self.rng.chance(0.7).then(|| Contact {
                name: Some(format!("Afdeling {}", self.pick(DEPARTMENTS))),
                email: Some(format!("regel{}@gemeente.example", index + 1)),
                phone: None,
                url: None,
            }),
        })
    }
}

/// Some of `all`, in their order, each with chance `p`, and at least one (none when `all` is empty).
fn subset<T: Clone>(rng: &mut Rng, all: &[T], p: f64) -> Vec<T> {
    let mut some: Vec<T> = all.iter().filter(|_| rng.chance(p)).cloned().collect();
    if some.is_empty()
        && let Some(one) = all.get(rng.below(all.len()))
    {
        some.push(one.clone());
    }
    some
}

fn rectangle(west: f64, south: f64, east: f64, north: f64) -> Boundary {
    let (west, south, east, north) = (decimals(west, 7), decimals(south, 7), decimals(east, 7), decimals(north, 7));
    Boundary::Polygon(vec![vec![[west, south], [east, south], [east, north], [west, north], [west, south]]])
}

/// Rounds to `places` decimals. Generated numbers are kept short on purpose: serde_json without
/// its `float_roundtrip` feature may parse a 17-digit number one unit in the last place off, so
/// full-precision floats would not survive a JSON round trip (see the crate's report on this).
fn decimals(value: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    (value * scale).round() / scale
}

/// A PC4 postcode: four digits, not starting with 0.
fn pc4(n: usize) -> String {
    format!("{}", 1000 + n % 9000)
}

fn date_after(date: Date, days: i64) -> Option<Date> {
    // Walk month by month; at most about two years, so this stays cheap.
    let (mut year, mut month, mut day) = (date.year(), date.month(), i64::from(date.day()));
    let mut left = days;
    loop {
        let length = days_in(year, month);
        if day + left <= length {
            return Date::new(year, month, (day + left) as u8);
        }
        left -= length - day + 1;
        day = 1;
        month += 1;
        if month > 12 {
            month = 1;
            year = year.checked_add(1).filter(|y| *y <= 9999)?;
        }
    }
}

fn days_in(year: u16, month: u8) -> i64 {
    (28..=31).rev().find(|&d| Date::new(year, month, d as u8).is_some()).unwrap_or(28)
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn lower(text: &str) -> String {
    text.to_lowercase()
}

/// The `i`th entry of a vocabulary, numbered past its end: (id, nl, en).
fn vocabulary_entry(
    words: &[(&str, &str, &str)],
    i: usize,
    id_prefix: &str,
    nl_prefix: &str,
    en_prefix: &str,
) -> (String, String, String) {
    match words.get(i) {
        Some((id, nl, en)) => ((*id).to_owned(), (*nl).to_owned(), (*en).to_owned()),
        None => (format!("{id_prefix}-{}", i + 1), format!("{nl_prefix} {}", i + 1), format!("{en_prefix} {}", i + 1)),
    }
}

/// The `i`th item, numbered past the end of the list so that names stay unique.
fn numbered(items: &[&str], i: usize) -> String {
    match (items.get(i), items.is_empty()) {
        (Some(item), _) => (*item).to_owned(),
        (None, false) => format!("{} {}", items[i % items.len()], i / items.len() + 1),
        (None, true) => format!("Gebied {}", i + 1),
    }
}

fn kind_words(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Space => ("Ruimte", "Space"),
        Kind::Funding => ("Geld", "Money"),
        Kind::Volunteers => ("Vrijwilligers", "Volunteers"),
        Kind::Expertise => ("Kennis", "Expertise"),
        Kind::Materials => ("Materiaal", "Materials"),
        Kind::Permit => ("Hulp met vergunningen", "Help with permits"),
        Kind::Promotion => ("Publiciteit", "Publicity"),
        Kind::Network => ("Contacten", "Contacts"),
        Kind::Coaching => ("Begeleiding", "Coaching"),
    }
}

const THEMES: &[(&str, &str, &str)] = &[
    ("groen", "Groen", "Green"),
    ("cultuur", "Cultuur", "Culture"),
    ("sport", "Sport en bewegen", "Sport and exercise"),
    ("zorg", "Zorg en welzijn", "Care and wellbeing"),
    ("energie", "Energie en klimaat", "Energy and climate"),
    ("jeugd", "Jeugd", "Youth"),
    ("ontmoeting", "Ontmoeting", "Meeting people"),
    ("duurzaam", "Duurzaam en circulair", "Sustainable and circular"),
    ("democratie", "Meedenken en debat", "Participation and debate"),
    ("onderwijs", "Onderwijs", "Education"),
    ("veiligheid", "Veiligheid", "Safety"),
    ("wonen", "Wonen", "Housing"),
    ("voedsel", "Voedsel", "Food"),
    ("erfgoed", "Erfgoed", "Heritage"),
    ("mobiliteit", "Mobiliteit", "Mobility"),
    ("gezondheid", "Gezondheid", "Health"),
    ("armoede", "Armoede en schulden", "Poverty and debt"),
    ("digitaal", "Digitaal meedoen", "Digital inclusion"),
    ("dieren", "Dieren", "Animals"),
    ("kunst", "Kunst", "Art"),
];

const SKILLS: &[(&str, &str, &str)] = &[
    ("tuinieren", "Tuinieren", "Gardening"),
    ("repareren", "Repareren", "Repairing"),
    ("timmeren", "Timmeren", "Carpentry"),
    ("koken", "Koken", "Cooking"),
    ("evenementen", "Evenementen organiseren", "Organising events"),
    ("communicatie", "Communicatie", "Communication"),
    ("fondsenwerving", "Fondsenwerving", "Fundraising"),
    ("sportbegeleiding", "Sportbegeleiding", "Sports coaching"),
    ("taal", "Taal en voorlezen", "Language and reading"),
    ("digitaal", "Digitale vaardigheden", "Digital skills"),
    ("energieadvies", "Energieadvies", "Energy advice"),
    ("regelgeving", "Regels en vergunningen", "Rules and permits"),
    ("procesbegeleiding", "Procesbegeleiding", "Facilitation"),
    ("fotografie", "Fotografie", "Photography"),
    ("muziek", "Muziek", "Music"),
    ("boekhouding", "Boekhouding", "Bookkeeping"),
    ("schilderen", "Schilderen", "Painting"),
    ("verzorging", "Verzorging", "Care work"),
    ("vertalen", "Vertalen", "Translating"),
    ("rijden", "Chauffeur", "Driving"),
];

/// Place names for areas and addresses.
const PLACES: &[&str] = &[
    "Vliertuinen",
    "Molenkamp",
    "Westerpark",
    "Binnenstad",
    "Havenkwartier",
    "Zuiderhof",
    "De Akkers",
    "Noorderhout",
    "Oosterveld",
    "Kerkebuurt",
    "Lindenhof",
    "Beekdal",
    "Het Zand",
    "De Weide",
    "Kastanjehof",
    "Wilgenrijk",
    "De Hoven",
    "Bloemenbuurt",
    "Schildersbuurt",
    "Vogelwijk",
    "Rivierenbuurt",
    "Dijkzicht",
    "Sterrenwijk",
    "Ruïnekwartier",
    "Kloosterhof",
    "De Brink",
    "Zonnewijde",
    "Bergakker",
    "Café-eiland",
    "Reeënveld",
];

const STREETS: &[&str] = &[
    "Kerkstraat",
    "Dorpsstraat",
    "Molenweg",
    "Schoolstraat",
    "Lindelaan",
    "Stationsplein",
    "Markt",
    "Beukenlaan",
    "Julianastraat",
    "Havenweg",
    "Zuidsingel",
    "Vlierstraat",
    "Akkerlaan",
    "Kadestraat",
    "Slotlaan",
    "Brinkweg",
    "Eikenlaan",
    "Kastanjeplein",
];

const NOUNS: &[(&str, &str)] = &[
    ("moestuin", "vegetable garden"),
    ("buurtfeest", "street party"),
    ("festival", "festival"),
    ("ruilmarkt", "swap market"),
    ("debatavond", "debate night"),
    ("repair café", "repair café"),
    ("sportdag", "sports day"),
    ("wandelgroep", "walking group"),
    ("taalcafé", "language café"),
    ("buurtkamer", "community living room"),
    ("speeltuin", "playground"),
    ("voedselbos", "food forest"),
    ("kunstroute", "art trail"),
    ("theatervoorstelling", "theatre show"),
    ("koor", "choir"),
    ("werkplaats", "workshop"),
    ("fietsenwerkplaats", "bike workshop"),
    ("kookclub", "cooking club"),
    ("huiswerkklas", "homework club"),
    ("podium", "stage"),
    ("markt", "market"),
    ("zonnedak", "solar roof"),
    ("energiecoöperatie", "energy cooperative"),
    ("geveltuin", "façade garden"),
    ("schoolplein", "schoolyard"),
    ("buurtbus", "neighbourhood bus"),
    ("kledingbank", "clothing bank"),
    ("voedselbank", "food bank"),
    ("jongerencentrum", "youth centre"),
    ("ruïne", "ruin"),
    ("crèche", "crèche"),
    ("reünie", "reunion"),
    ("expositie", "exhibition"),
    ("filmavond", "film night"),
    ("pannakooi", "football cage"),
    ("dansles", "dance class"),
    ("computerles", "computer class"),
    ("boomgaard", "orchard"),
    ("bijenhotel", "bee hotel"),
    ("wijkkrant", "neighbourhood paper"),
    ("podcast", "podcast"),
    ("opruimactie", "clean-up"),
    ("muurschildering", "mural"),
    ("buurtmaaltijd", "community meal"),
    ("muziekschool", "music school"),
    ("klimaatstraat", "climate street"),
    ("regentonactie", "water butt campaign"),
    ("leesclub", "reading club"),
    ("naaiatelier", "sewing studio"),
    ("speelstraat", "play street"),
    ("zwemles", "swimming lesson"),
    ("kinderboerderij", "petting farm"),
    ("ideeënbus", "ideas box"),
    ("patiëntencafé", "patients' café"),
    ("skatebaan", "skate park"),
];

const ADJECTIVES: &[(&str, &str)] = &[
    ("groene", "green"),
    ("nieuwe", "new"),
    ("kleine", "small"),
    ("grote", "big"),
    ("duurzame", "sustainable"),
    ("gezellige", "cosy"),
    ("open", "open"),
    ("gedeelde", "shared"),
    ("jonge", "young"),
    ("zomerse", "summery"),
    ("creatieve", "creative"),
    ("sportieve", "sporty"),
    ("eerlijke", "fair"),
    ("lokale", "local"),
    ("zonnige", "sunny"),
    ("stille", "quiet"),
    ("vrolijke", "cheerful"),
    ("circulaire", "circular"),
    ("betaalbare", "affordable"),
    ("wekelijkse", "weekly"),
    ("maandelijkse", "monthly"),
    ("gezonde", "healthy"),
    ("veilige", "safe"),
    ("toegankelijke", "accessible"),
    ("digitale", "digital"),
    ("culturele", "cultural"),
    ("ééndaagse", "one-day"),
    ("financiële", "financial"),
    ("naïeve", "naive"),
    ("coöperatieve", "cooperative"),
];

const ACTIVITIES: &[(&str, &str)] = &[
    ("samen groente kweken", "growing vegetables together"),
    ("buren met elkaar verbinden", "connecting neighbours"),
    ("afval verminderen", "reducing waste"),
    ("eenzaamheid tegengaan", "tackling loneliness"),
    ("jongeren een podium geven", "giving young people a stage"),
    ("kapotte spullen repareren", "repairing broken things"),
    ("energie besparen", "saving energy"),
    ("de wijk vergroenen", "greening the neighbourhood"),
    ("kinderen laten bewegen", "getting children moving"),
    ("nieuwkomers welkom heten", "welcoming newcomers"),
    ("ideeën uitwisselen", "exchanging ideas"),
    ("verhalen delen", "sharing stories"),
    ("één keer per maand samen koken", "cooking together once a month"),
    ("de oude ruïne opknappen", "restoring the old ruin"),
    ("ouderen helpen met hun telefoon", "helping older people with their phones"),
    ("de straat autovrij maken", "making the street car-free"),
    ("muziek maken in het park", "making music in the park"),
    ("spullen ruilen in plaats van kopen", "swapping things instead of buying them"),
    ("zonnepanelen op daken leggen", "putting solar panels on roofs"),
    ("regenwater opvangen", "collecting rainwater"),
    ("een café voor iedereen openen", "opening a café for everyone"),
    ("kinderen voorlezen", "reading to children"),
    ("bijen en vlinders helpen", "helping bees and butterflies"),
    ("praten over de toekomst van de wijk", "talking about the future of the neighbourhood"),
    ("gezond eten betaalbaar maken", "making healthy food affordable"),
];

const AUDIENCES: &[(&str, &str)] = &[
    ("ouderen", "older people"),
    ("jongeren", "young people"),
    ("kinderen", "children"),
    ("gezinnen", "families"),
    ("nieuwkomers", "newcomers"),
    ("buurtbewoners", "neighbours"),
    ("iedereen", "everyone"),
    ("studenten", "students"),
    ("mantelzorgers", "carers"),
    ("ondernemers", "entrepreneurs"),
];

const FIRST_NAMES: &[&str] = &[
    "Fatima",
    "Joop",
    "Sanne",
    "Yusuf",
    "Mo",
    "Daan",
    "Ineke",
    "Amira",
    "Henk",
    "Samir",
    "Noor",
    "Jayden",
    "Marieke",
    "Ahmed",
    "Kees",
    "Piet",
    "Lotte",
    "Bram",
    "Zeynep",
    "Emma",
    "Sem",
    "Anouk",
    "Ruud",
    "Priya",
    "Chloë",
    "Joëlle",
    "Daniëlle",
    "Zoë",
    "Thijs",
    "Özlem",
];

const SURNAMES: &[&str] =
    &["De Linde", "Van Dam", "Snel", "Zonnig", "De Pers", "Het Zoete Hart", "Cijfer & Co", "De Hoek", "Verschil"];

const BUSINESSES: &[&str] =
    &["Bakkerij", "Tuincentrum", "Drukkerij", "Café", "Fietsenmaker", "Installatiebedrijf", "Bouwmarkt", "Hotel"];

const INSTITUTIONS: &[&str] =
    &["Bibliotheek", "Basisschool", "Zorgcentrum", "Buurthuis", "ROC", "Woonstichting", "Theater", "Museum"];

const YOUTH_GROUPS: &[&str] = &["Jongerenraad", "Scouting", "Jongerencollectief", "Leerlingenraad", "Studententeam"];

const DEPARTMENTS: &[&str] = &[
    "Groen en Openbare Ruimte",
    "Vergunningen en Evenementen",
    "Subsidieloket",
    "Sociaal Domein",
    "Sport en Bewegen",
    "Communicatie",
    "Wijkregie",
    "Erfgoed",
];

const PRINCIPLES: &[(&str, &str)] = &[
    ("Faciliteren: wij gaan uit van de kracht van inwoners.", "Facilitating: we start from residents' own strength."),
    (
        "Maatwerk: het initiatief staat centraal, niet de procedure.",
        "Tailor-made: the initiative comes first, not the procedure.",
    ),
    ("Eén loket: één aanspreekpunt in plaats van vele loketten.", "One counter: one point of contact instead of many."),
    (
        "Samen leren: wij passen de aanpak geleidelijk aan op wat werkt.",
        "Learning together: we adjust gradually to what works.",
    ),
];

const ADVICE: &[(&str, &str)] = &[
    (
        "Vraag minstens acht weken vooraf een evenementenvergunning aan.",
        "Apply for an event permit at least eight weeks ahead.",
    ),
    ("Dien een aanvraag in bij het initiatievenfonds.", "Apply to the initiatives fund."),
    ("Maak een beheerafspraak met Team Groen.", "Make a management agreement with Team Green."),
    (
        "Vrijwilligers die met kinderen werken vragen een gratis VOG aan.",
        "Volunteers who work with children apply for a free certificate of conduct.",
    ),
    ("Het energieloket geeft gratis advies.", "The energy desk gives free advice."),
    ("Volg de hygiënecode als u voor anderen kookt.", "Follow the hygiene code when cooking for others."),
    ("Overleg vooraf met de erfgoedadviseur.", "Consult the heritage adviser beforehand."),
];

#[cfg(all(test, feature = "serde"))]
mod tests {
    use std::time::{Duration, Instant};

    use proptest::prelude::*;

    use super::*;

    /// Serializes `dataset`, checks the document strictly, and parses it back: the dataset must
    /// come back the same and without a single problem, warnings included; the published JSON
    /// Schema must accept the document too.
    ///
    /// "The same" is `==` on the model: every number, string, list and translation order must
    /// survive exactly.
    fn check_round_trip(dataset: &Dataset) {
        let json = serde_json::to_string(dataset).expect("the model serializes");
        let problems = crate::check(&json);
        assert!(problems.is_empty(), "{:#?}", &problems[..problems.len().min(20)]);
        let parsed = Dataset::from_json_strict(&json).expect("a checked document loads");
        if *dataset != parsed {
            let back = serde_json::to_string(&parsed).expect("the model serializes");
            let at = json.bytes().zip(back.bytes()).position(|(a, b)| a != b).unwrap_or(json.len().min(back.len()));
            let from = at.saturating_sub(120);
            panic!(
                "the round trip changed the dataset near byte {at}:\n  sent {}\n  back {}",
                &json[from..(at + 120).min(json.len())],
                &back[from..(at + 120).min(back.len())]
            );
        }
        let lenient = Dataset::from_json_lenient(&json).expect("a checked document loads leniently");
        assert!(lenient.skipped.is_empty() && lenient.warnings.is_empty());
        assert_eq!(lenient.dataset, parsed);
        check_schema_accepts(&json);
    }

    #[test]
    fn presets_round_trip_without_problems() {
        check_round_trip(&generate(&SynthConfig::default()));
        check_round_trip(&generate(&SynthConfig::small(42)));
        check_round_trip(&generate(&SynthConfig::with_initiatives(3, 500)));
        check_round_trip(&generate(&SynthConfig { matching: true, ..SynthConfig::small(5) }));
        check_round_trip(&generate(&SynthConfig { conditions: true, ..SynthConfig::with_initiatives(6, 300) }));
    }

    #[test]
    fn edge_cases_round_trip_without_problems() {
        let empty = SynthConfig {
            initiatives: 0,
            partners: 0,
            areas: 0,
            themes: 0,
            skills: 0,
            needs_per_initiative: 0..=0,
            offers_per_partner: 0..=0,
            commitments: 10,
            editions: 0,
            rules: 0,
            ..SynthConfig::default()
        };
        check_round_trip(&generate(&empty));
        check_round_trip(&generate(&SynthConfig { areas: 1, initiatives: 5, ..empty.clone() }));
        check_round_trip(&generate(&SynthConfig { skills: 0, ..SynthConfig::small(1) }));
        check_round_trip(&generate(&SynthConfig { translated: false, ..SynthConfig::small(2) }));
        // An empty range on purpose: a config cannot make the generator panic.
        let empty_range = RangeInclusive::new(5, 2);
        check_round_trip(&generate(&SynthConfig { needs_per_initiative: empty_range, ..SynthConfig::small(3) }));
        check_round_trip(&generate(&SynthConfig { themes: 40, skills: 40, areas: 120, ..SynthConfig::small(4) }));
    }

    proptest! {
        #[test]
        fn every_generated_dataset_is_valid(
            seed in any::<u64>(),
            initiatives in 0usize..30,
            partners in 0usize..30,
            areas in 0usize..25,
            themes in 0usize..25,
            skills in 0usize..25,
            needs in 0usize..5,
            offers in 0usize..5,
            commitments in 0usize..40,
            editions in 0usize..4,
            rules in 0usize..10,
            translated in any::<bool>(),
            matching in any::<bool>(),
            conditions in any::<bool>(),
        ) {
            let config = SynthConfig {
                seed, initiatives, partners, areas, themes, skills,
                needs_per_initiative: 0..=needs,
                offers_per_partner: 0..=offers,
                commitments, editions, rules, translated, matching, conditions,
            };
            let dataset = generate(&config);
            prop_assert_eq!(dataset.initiatives.len(), initiatives);
            prop_assert_eq!(dataset.partners.len(), partners);
            prop_assert_eq!(dataset.areas.len(), areas);
            check_round_trip(&dataset);
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_dataset() {
        for seed in [0, 1, 73, u64::MAX] {
            assert_eq!(generate(&SynthConfig::small(seed)), generate(&SynthConfig::small(seed)));
        }
        assert_ne!(generate(&SynthConfig::small(1)), generate(&SynthConfig::small(2)));
    }

    #[test]
    fn conditions_come_on_top_of_the_same_town() {
        let plain = generate(&SynthConfig::small(9));
        let mut with = generate(&SynthConfig { conditions: true, ..SynthConfig::small(9) });
        let offers = || with.partners.iter().flat_map(|partner| &partner.offers);
        let needs = || with.initiatives.iter().flat_map(|initiative| &initiative.needs);
        // Every kind of condition is there, and the least a request must ask is never above the most.
        assert!(offers().any(|o| !o.only_areas.is_empty()) && offers().any(|o| !o.only_themes.is_empty()));
        assert!(offers().any(|o| !o.only_stages.is_empty()) && offers().any(|o| !o.only_initiators.is_empty()));
        assert!(offers().any(|o| o.min_amount.is_some()) && offers().any(|o| o.max_amount.is_some()));
        assert!(offers().any(|o| !o.weekdays.is_empty()) && offers().any(|o| !o.dayparts.is_empty()));
        assert!(needs().any(|n| !n.weekdays.is_empty()) && needs().any(|n| !n.dayparts.is_empty()));
        assert!(offers().all(|o| o.min_amount.zip(o.max_amount).is_none_or(|(least, most)| least <= most)));
        // Without them it is the town without conditions.
        for partner in &mut with.partners {
            for offer in &mut partner.offers {
                (offer.only_areas, offer.only_themes) = (Vec::new(), Vec::new());
                (offer.only_stages, offer.only_initiators) = (Vec::new(), Vec::new());
                (offer.min_amount, offer.max_amount) = (None, None);
                (offer.weekdays, offer.dayparts) = (Vec::new(), Vec::new());
            }
        }
        for initiative in &mut with.initiatives {
            for need in &mut initiative.needs {
                (need.weekdays, need.dayparts) = (Vec::new(), Vec::new());
            }
        }
        assert_eq!(with, plain);
    }

    #[test]
    fn a_small_town_has_every_kind_stage_sector_and_status() {
        let dataset = generate(&SynthConfig::small(11));
        for &kind in Kind::ALL {
            assert!(dataset.initiatives.iter().flat_map(|i| &i.needs).any(|n| n.kind == kind), "need {kind:?}");
            assert!(dataset.partners.iter().flat_map(|p| &p.offers).any(|o| o.kind == kind), "offer {kind:?}");
        }
        for &stage in Stage::ALL {
            assert!(dataset.initiatives.iter().any(|i| i.stage == stage), "{stage:?}");
        }
        for &sector in Sector::ALL {
            assert!(dataset.partners.iter().any(|p| p.sector == sector), "{sector:?}");
        }
        for &status in CommitmentStatus::ALL {
            assert!(dataset.commitments.iter().any(|c| c.status == status), "{status:?}");
        }
        assert!(dataset.editions.iter().any(|e| !e.initiatives.is_empty()));
    }

    #[test]
    fn texts_have_words_with_diacritics() {
        let dataset = generate(&SynthConfig::with_initiatives(9, 300));
        let texts: String = dataset
            .initiatives
            .iter()
            .flat_map(|i| [Some(&i.title), i.summary.as_ref(), i.description.as_ref()])
            .flatten()
            .map(|text| text.resolve(&["nl"]))
            .collect::<Vec<_>>()
            .join(" ");
        for word in ["café", "ruïne", "één", "coöperatie", "ideeën"] {
            assert!(texts.contains(word), "{word}");
        }
    }

    /// The bounding box of an area's outer ring: (west, south, east, north).
    fn bbox(area: &Area) -> (f64, f64, f64, f64) {
        let ring = &area.boundary.as_ref().expect("every generated area has a boundary").polygons()[0][0];
        let fold = |f: fn(f64, f64) -> f64, start: f64, i: usize| ring.iter().map(|p| p[i]).fold(start, f);
        (
            fold(f64::min, f64::INFINITY, 0),
            fold(f64::min, f64::INFINITY, 1),
            fold(f64::max, f64::NEG_INFINITY, 0),
            fold(f64::max, f64::NEG_INFINITY, 1),
        )
    }

    #[test]
    fn areas_tile_the_town_and_children_lie_in_their_parent() {
        for count in [1, 2, 3, 7, 10, 31, 100] {
            let dataset = generate(&SynthConfig { areas: count, ..SynthConfig::small(count as u64) });
            let leaves: Vec<&Area> = dataset
                .areas
                .iter()
                .filter(|a| !dataset.areas.iter().any(|c| c.parent.as_ref() == Some(&a.id)))
                .collect();
            let ([west, south], [east, north]) = TOWN;
            let total: f64 = leaves.iter().map(|a| bbox(a)).map(|(w, s, e, n)| (e - w) * (n - s)).sum();
            assert!((total - (east - west) * (north - south)).abs() < 1e-9, "{count} areas cover the town exactly");
            for (i, a) in leaves.iter().enumerate() {
                for b in &leaves[i + 1..] {
                    let ((aw, as_, ae, an), (bw, bs, be, bn)) = (bbox(a), bbox(b));
                    let overlap = (ae.min(be) - aw.max(bw)).max(0.0) * (an.min(bn) - as_.max(bs)).max(0.0);
                    assert!(overlap < 1e-12, "{} and {} overlap", a.id, b.id);
                }
            }
            for area in &dataset.areas {
                if let Some(parent) = area.parent.as_ref().and_then(|p| dataset.area(p)) {
                    let ((w, s, e, n), (pw, ps, pe, pn)) = (bbox(area), bbox(parent));
                    assert!(w >= pw && s >= ps && e <= pe && n <= pn, "{} lies in {}", area.id, parent.id);
                }
                let [lat, lon] = area.centroid.expect("every generated area has a centroid");
                let (w, s, e, n) = bbox(area);
                assert!((w..=e).contains(&lon) && (s..=n).contains(&lat));
            }
        }
    }

    #[test]
    fn ten_thousand_initiatives_generate_quickly() {
        let started = Instant::now();
        let dataset = generate(&SynthConfig::with_initiatives(10, 10_000));
        let elapsed = started.elapsed();
        println!("generated 10 000 initiatives in {elapsed:?}");
        assert_eq!(dataset.initiatives.len(), 10_000);
        assert_eq!(dataset.partners.len(), 15_000);
        // Generous, for an unoptimised test build on a shared machine.
        assert!(elapsed < Duration::from_secs(10), "took {elapsed:?}");
        // The full round trip is tested on smaller sizes; at this size checking validity is enough.
        let json = serde_json::to_string(&dataset).expect("the model serializes");
        let problems = crate::check(&json);
        assert!(problems.is_empty(), "{:#?}", &problems[..problems.len().min(20)]);
    }

    const SCHEMA_JSON: &str = include_str!("../schema/verschilmaker-1.schema.json");
    const DEMO_JSON: &str = include_str!("../demo/initiatieven.json");

    /// The published JSON Schema, compiled.
    fn schema() -> &'static (boon::Schemas, boon::SchemaIndex) {
        static SCHEMA: std::sync::OnceLock<(boon::Schemas, boon::SchemaIndex)> = std::sync::OnceLock::new();
        SCHEMA.get_or_init(|| {
            let value: serde_json::Value = serde_json::from_str(SCHEMA_JSON).expect("the schema is JSON");
            let mut schemas = boon::Schemas::new();
            let mut compiler = boon::Compiler::new();
            compiler.add_resource("verschilmaker-1.schema.json", value).expect("the schema is a resource");
            let index = compiler.compile("verschilmaker-1.schema.json", &mut schemas).expect("the schema compiles");
            (schemas, index)
        })
    }

    fn check_schema_accepts(json: &str) {
        let (schemas, index) = schema();
        let value: serde_json::Value = serde_json::from_str(json).expect("the document is JSON");
        if let Err(error) = schemas.validate(&value, *index) {
            panic!("the schema rejects a valid document: {error:#}");
        }
    }

    #[test]
    fn the_schema_names_every_collection_and_record() {
        let value: serde_json::Value = serde_json::from_str(SCHEMA_JSON).expect("the schema is JSON");
        assert_eq!(value["$schema"], "https://json-schema.org/draft/2020-12/schema");
        // The schema's root fields are exactly those the loader accepts.
        let mut root: Vec<&str> =
            value["properties"].as_object().expect("root properties").keys().map(String::as_str).collect();
        let mut loader = crate::load::decode::ROOT_FIELDS.to_vec();
        root.sort_unstable();
        loader.sort_unstable();
        assert_eq!(root, loader);
        for record in
            ["area", "initiative", "need", "partner", "offer", "commitment", "edition", "rule", "condition", "text"]
        {
            assert!(value["$defs"][record].is_object(), "{record}");
        }
        // A need's, an offer's and the weights' fields are exactly those the loader reads.
        let fields = |properties: &serde_json::Value| -> Vec<String> {
            let mut fields: Vec<String> = properties.as_object().expect("properties").keys().cloned().collect();
            fields.sort_unstable();
            fields
        };
        let loader = |fields: &[&str]| -> Vec<String> {
            let mut fields: Vec<String> = fields.iter().map(|&field| field.to_owned()).collect();
            fields.sort_unstable();
            fields
        };
        use crate::load::decode::{NEED_FIELDS, OFFER_FIELDS, WEIGHT_NAMES};
        assert_eq!(fields(&value["$defs"]["need"]["properties"]), loader(NEED_FIELDS));
        assert_eq!(fields(&value["$defs"]["offer"]["properties"]), loader(OFFER_FIELDS));
        assert_eq!(fields(&value["properties"]["matching"]["properties"]), loader(WEIGHT_NAMES));
    }

    #[test]
    fn the_schema_accepts_the_demo_data() {
        check_schema_accepts(DEMO_JSON);
    }

    #[test]
    fn the_schema_accepts_generated_datasets() {
        for config in [
            SynthConfig::small(1),
            SynthConfig { matching: true, translated: false, skills: 0, ..SynthConfig::small(2) },
            SynthConfig { conditions: true, ..SynthConfig::small(4) },
            SynthConfig::with_initiatives(3, 300),
        ] {
            check_schema_accepts(&serde_json::to_string(&generate(&config)).expect("the model serializes"));
        }
    }

    /// The schema rejects what the strict check rejects for its shape, and allows `x-` extensions.
    #[test]
    fn the_schema_rejects_typos_and_bad_values() {
        let (schemas, index) = schema();
        let demo: serde_json::Value = serde_json::from_str(DEMO_JSON).expect("the demo data is JSON");
        let check = |pointer: &str, field: &str, bad: serde_json::Value, valid: bool| {
            let mut document = demo.clone();
            document.pointer_mut(pointer).and_then(|v| v.as_object_mut()).expect(pointer).insert(field.into(), bad);
            assert_eq!(schemas.validate(&document, *index).is_ok(), valid, "{pointer}/{field}");
        };
        check("/initiatives/0", "titel", "Moestuin".into(), false);
        check("/initiatives/0", "x-titel", "Moestuin".into(), true);
        check("/initiatives/0", "stage", "dancing".into(), false);
        check("/initiatives/0", "title", serde_json::json!({}), false);
        check("/initiatives/0", "title", serde_json::json!({"NL": "Moestuin"}), false);
        check("/initiatives/0", "id", " moestuin".into(), false);
        check("/initiatives/0/needs/0", "amount", (-5).into(), false);
        check("/initiatives/0/needs/0", "kind", "money".into(), false);
        check("/initiatives/0/needs/0", "unit", "Hours".into(), false);
        check("/initiatives/0", "location", serde_json::json!({"lat": 51.7}), false);
        check("/areas/0", "postcodes", serde_json::json!(["0123"]), false);
        check("/areas/0", "centroid", serde_json::json!([91.0, 5.3]), false);
        check("/municipality", "code", "GM123".into(), false);
        check("/municipality", "languages", serde_json::json!([]), false);
        check("/editions/0", "start", "2026-12-10T19:30:00".into(), false);
        check("/editions/0", "start", "2026-13-10".into(), false);
        check("/partners/0", "areas", "some".into(), false);
        check("/partners/0", "contact", serde_json::json!({"name": "Loket"}), false);
        check("/partners/0/offers/0", "per", "week".into(), false);
        check("/partners/0/offers/0", "weekdays", serde_json::json!(["saturday", "sunday"]), true);
        check("/partners/0/offers/0", "weekdays", serde_json::json!(["zaterdag"]), false);
        check("/partners/0/offers/0", "dayparts", serde_json::json!(["evening"]), true);
        check("/partners/0/offers/0", "dayparts", "evening".into(), false);
        check("/partners/0/offers/0", "only_stages", serde_json::json!(["later"]), false);
        check("/partners/0/offers/0", "only_initiators", serde_json::json!(["school"]), false);
        check("/partners/0/offers/0", "only_areas", serde_json::json!([" noord"]), false);
        check("/partners/0/offers/0", "max_amount", (-1).into(), false);
        check("/partners/0/offers/0", "only_area", serde_json::json!([]), false);
        check("/initiatives/0/needs/0", "weekdays", serde_json::json!(["saturday"]), true);
        check("/initiatives/0/needs/0", "dayparts", serde_json::json!(["night"]), false);
        check("", "matching", serde_json::json!({"text": 2, "skills": 1}), true);
        check("", "matching", serde_json::json!({"text": -2}), false);
        check("/policy/rules/0/when", "min_amount", 100.into(), false);
        check("/commitments/0", "status", "done".into(), false);
        check("", "schema", "verschilmaker/2".into(), false);
    }
}
