//! Reasons: why a score component has its value, as codes with parameters that the widget
//! renders in the visitor's language.

use crate::{AreaId, Dataset, Sector, SkillId, ThemeId, Unit};

/// Why a component of a score has its value. The widget renders it with [`Reason::render`] or
/// its own texts; the parameters are ids and numbers, never formatted text.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Reason {
    /// Skills: the need asks for no particular skills.
    NoSkillsAsked,
    /// Skills: the offer brings `shared` of the `asked` skills the need asks for.
    SharedSkills {
        /// The skills both have, sorted.
        shared: Vec<SkillId>,
        /// How many skills the need asks for.
        asked: usize,
    },
    /// Themes: the initiative names no themes.
    NoThemes,
    /// Themes: the partner names no themes.
    PartnerWithoutThemes,
    /// Themes: the partner works on `shared` of the initiative's `of` themes.
    SharedThemes {
        /// The themes both have, sorted.
        shared: Vec<ThemeId>,
        /// How many themes the initiative has.
        of: usize,
    },
    /// Proximity: the partner serves the initiative's own area.
    SameArea {
        /// The area.
        area: AreaId,
    },
    /// Proximity: the partner serves an area that encloses the initiative's.
    ServesWiderArea {
        /// The area the partner serves.
        served: AreaId,
        /// The initiative's area.
        area: AreaId,
    },
    /// Proximity: the partner serves an area inside the initiative's.
    ServesPartOfArea {
        /// The area the partner serves.
        served: AreaId,
        /// The initiative's area.
        area: AreaId,
    },
    /// Proximity: the partner serves a neighbouring area (same parent).
    NeighbouringArea {
        /// The area the partner serves.
        served: AreaId,
        /// The initiative's area.
        area: AreaId,
    },
    /// Proximity: the initiative lies within the partner's radius.
    WithinRadius {
        /// The distance in kilometres.
        distance_km: f64,
        /// The partner's radius in kilometres.
        radius_km: f64,
    },
    /// Proximity: the partner serves the whole municipality.
    ServesWholeMunicipality,
    /// Proximity: the initiative is for the whole municipality.
    InitiativeWholeMunicipality,
    /// Period: the need or the offer has no period.
    NoPeriod,
    /// Period: the offer is available on `overlap_days` of the `needed_days`.
    PeriodOverlap {
        /// Days in both periods.
        overlap_days: u32,
        /// Days the need runs (an open end counts one year).
        needed_days: u32,
    },
    /// Capacity: the need or the offer is not quantified.
    Unquantified,
    /// Capacity: agreed commitments already cover the need.
    AlreadyCovered,
    /// Capacity: the offer covers all that is still needed.
    CoversAll {
        /// Open capacity of the offer.
        offered: f64,
        /// Open amount of the need.
        needed: f64,
        /// Their unit.
        unit: Unit,
    },
    /// Capacity: the offer covers part of what is still needed.
    CoversPart {
        /// Open capacity of the offer.
        offered: f64,
        /// Open amount of the need.
        needed: f64,
        /// Their unit.
        unit: Unit,
    },
    /// Diversity: the partner brings a sector the initiative does not have yet.
    NewSector {
        /// The partner's sector.
        sector: Sector,
        /// The sectors already present, in [`Sector::ALL`] order.
        present: Vec<Sector>,
    },
    /// Diversity: the initiative already has a partner or initiator of this sector.
    SectorPresent {
        /// The partner's sector.
        sector: Sector,
    },
    /// Load: `used` of the offer's `capacity` is already committed.
    OfferUse {
        /// Committed (agreed or delivered).
        used: f64,
        /// The offer's capacity.
        capacity: f64,
    },
    /// Load: the offer has no capacity; the partner has `count` agreed commitments.
    PartnerCommitments {
        /// Agreed commitments of the partner.
        count: u32,
    },
    /// Text: the need says nothing in words (no description, skills or title words that count).
    NoWords,
    /// Text: the offer's text has `words` of the need's `of` words.
    SharedWords {
        /// The need's words the offer also has, as (language code, word folded as the need
        /// writes it), in the need's order; a translated need has words in each language (see
        /// [`Reason::shared_words`]).
        words: Vec<(String, String)>,
        /// How many words of the need count.
        of: usize,
    },
}

/// The sector's name in Dutch or English.
fn sector_name(sector: Sector, nl: bool) -> &'static str {
    match (sector, nl) {
        (Sector::Resident, true) => "bewoners",
        (Sector::Resident, false) => "residents",
        (Sector::Youth, true) => "jongeren",
        (Sector::Youth, false) => "young people",
        (Sector::Business, true) => "bedrijven",
        (Sector::Business, false) => "businesses",
        (Sector::Institution, true) => "instellingen",
        (Sector::Institution, false) => "institutions",
        (Sector::Government, true) => "overheid",
        (Sector::Government, false) => "government",
        (Sector::Foundation, true) => "fondsen",
        (Sector::Foundation, false) => "foundations",
    }
}

/// A number as people write it: no decimals when whole, otherwise up to two.
fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        let text = format!("{value:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

impl Reason {
    /// The shared words of a [`Reason::SharedWords`] to show a visitor reading `lang`: those of
    /// that language, else (a need not written in it) all of them; none for another reason.
    pub fn shared_words(&self, lang: &str) -> Vec<&str> {
        let Reason::SharedWords { words, .. } = self else { return Vec::new() };
        let in_lang: Vec<&str> = words.iter().filter(|(l, _)| l == lang).map(|(_, w)| w.as_str()).collect();
        if in_lang.is_empty() { words.iter().map(|(_, w)| w.as_str()).collect() } else { in_lang }
    }

    /// The reason as a sentence in Dutch (`lang` = `"nl"`) or otherwise English, with the
    /// dataset's names for areas, themes and skills where it has them.
    ///
    /// ```
    /// use verschilmaker::{Dataset, Unit, matching::Reason};
    /// let dataset = Dataset::from_json_strict(r#"{"schema": "verschilmaker/1",
    ///   "municipality": {"name": "G", "languages": ["nl"]}}"#)?;
    /// let reason = Reason::CoversPart { offered: 40.0, needed: 60.0, unit: Unit::new("hours").unwrap() };
    /// assert_eq!(reason.render(&dataset, "en"), "offers 40 of the 60 hours still needed");
    /// assert_eq!(reason.render(&dataset, "nl"), "biedt 40 van de 60 hours die nog nodig zijn");
    /// # Ok::<(), verschilmaker::LoadError>(())
    /// ```
    pub fn render(&self, dataset: &Dataset, lang: &str) -> String {
        let nl = lang == "nl";
        let prefs: [&str; 2] = [lang, "en"];
        let area = |id: &AreaId| dataset.area(id).map_or_else(|| id.to_string(), |a| a.name.clone());
        let theme =
            |id: &ThemeId| dataset.theme(id).map_or_else(|| id.to_string(), |t| t.name.resolve(&prefs).to_owned());
        let skill =
            |id: &SkillId| dataset.skill(id).map_or_else(|| id.to_string(), |s| s.name.resolve(&prefs).to_owned());
        let list = |items: Vec<String>| {
            if items.is_empty() { if nl { "geen".to_owned() } else { "none".to_owned() } } else { items.join(", ") }
        };
        match self {
            Reason::NoSkillsAsked => {
                if nl { "geen bijzondere vaardigheden gevraagd" } else { "no particular skills asked" }.to_owned()
            }
            Reason::SharedSkills { shared, asked } if shared.is_empty() => {
                if nl {
                    format!("geen van de {asked} gevraagde vaardigheden")
                } else {
                    format!("none of the {asked} skills asked")
                }
            }
            Reason::SharedSkills { shared, asked } => {
                let names = list(shared.iter().map(skill).collect());
                if nl {
                    format!("{} van de {asked} gevraagde vaardigheden: {names}", shared.len())
                } else {
                    format!("{} of the {asked} skills asked: {names}", shared.len())
                }
            }
            Reason::NoThemes => {
                if nl { "initiatief noemt geen thema's" } else { "the initiative names no themes" }.to_owned()
            }
            Reason::PartnerWithoutThemes => {
                if nl { "partner noemt geen thema's" } else { "the partner names no themes" }.to_owned()
            }
            Reason::SharedThemes { shared, of } if shared.is_empty() => {
                if nl {
                    format!("werkt aan geen van de {of} thema's")
                } else {
                    format!("works on none of the {of} themes")
                }
            }
            Reason::SharedThemes { shared, of } => {
                let names = list(shared.iter().map(theme).collect());
                if nl {
                    format!("werkt ook aan {} van de {of} thema's: {names}", shared.len())
                } else {
                    format!("also works on {} of the {of} themes: {names}", shared.len())
                }
            }
            Reason::SameArea { area: a } => {
                if nl {
                    format!("zelfde buurt: {}", area(a))
                } else {
                    format!("same neighbourhood: {}", area(a))
                }
            }
            Reason::ServesWiderArea { served, area: a } => {
                if nl {
                    format!("helpt in heel {}, waar {} in ligt", area(served), area(a))
                } else {
                    format!("serves all of {}, which includes {}", area(served), area(a))
                }
            }
            Reason::ServesPartOfArea { served, area: a } => {
                if nl {
                    format!("helpt in {}, een deel van {}", area(served), area(a))
                } else {
                    format!("serves {}, part of {}", area(served), area(a))
                }
            }
            Reason::NeighbouringArea { served, area: a } => {
                if nl {
                    format!("helpt in {}, naast {}", area(served), area(a))
                } else {
                    format!("serves {}, next to {}", area(served), area(a))
                }
            }
            Reason::WithinRadius { distance_km, radius_km } => {
                let (d, r) = (number(*distance_km), number(*radius_km));
                if nl { format!("{d} km weg, binnen {r} km") } else { format!("{d} km away, within {r} km") }
            }
            Reason::ServesWholeMunicipality => {
                if nl { "helpt in de hele gemeente" } else { "serves the whole municipality" }.to_owned()
            }
            Reason::InitiativeWholeMunicipality => {
                if nl { "initiatief voor de hele gemeente" } else { "initiative for the whole municipality" }.to_owned()
            }
            Reason::NoPeriod => if nl { "geen periode opgegeven" } else { "no period given" }.to_owned(),
            Reason::PeriodOverlap { overlap_days, needed_days } => {
                if nl {
                    format!("beschikbaar op {overlap_days} van de {needed_days} dagen")
                } else {
                    format!("available on {overlap_days} of the {needed_days} days")
                }
            }
            Reason::Unquantified => if nl { "hoeveelheid niet opgegeven" } else { "amount not quantified" }.to_owned(),
            Reason::AlreadyCovered => {
                if nl { "al gedekt door afspraken" } else { "already covered by commitments" }.to_owned()
            }
            Reason::CoversAll { offered, needed, unit } => {
                let (o, n) = (number(*offered), number(*needed));
                if nl {
                    format!("biedt {o} {unit}, genoeg voor de {n} die nog nodig zijn", unit = unit.as_str())
                } else {
                    format!("offers {o} {unit}, enough for the {n} still needed", unit = unit.as_str())
                }
            }
            Reason::CoversPart { offered, needed, unit } => {
                let (o, n) = (number(*offered), number(*needed));
                if nl {
                    format!("biedt {o} van de {n} {unit} die nog nodig zijn", unit = unit.as_str())
                } else {
                    format!("offers {o} of the {n} {unit} still needed", unit = unit.as_str())
                }
            }
            Reason::NewSector { sector, present } => {
                let names = list(present.iter().map(|s| sector_name(*s, nl).to_owned()).collect());
                if nl {
                    format!("brengt {} erbij (al betrokken: {names})", sector_name(*sector, nl))
                } else {
                    format!("adds {} (already involved: {names})", sector_name(*sector, nl))
                }
            }
            Reason::SectorPresent { sector } => {
                if nl {
                    format!("{} zijn al betrokken", sector_name(*sector, nl))
                } else {
                    format!("{} are already involved", sector_name(*sector, nl))
                }
            }
            Reason::OfferUse { used, capacity } => {
                let (u, c) = (number(*used), number(*capacity));
                if nl { format!("{u} van {c} al toegezegd") } else { format!("{u} of {c} already committed") }
            }
            Reason::PartnerCommitments { count } => {
                if nl {
                    format!("{count} lopende afspraken")
                } else {
                    format!("{count} running commitments")
                }
            }
            Reason::NoWords => {
                if nl { "hulpvraag zonder omschrijving" } else { "the need has no description" }.to_owned()
            }
            Reason::SharedWords { words: shared, of } if shared.is_empty() => {
                if nl {
                    format!("noemt geen van de {of} woorden van de hulpvraag")
                } else {
                    format!("mentions none of the need's {of} words")
                }
            }
            Reason::SharedWords { .. } => {
                let words = self.shared_words(lang).join(", ");
                if nl { format!("biedt: {words}") } else { format!("offers: {words}") }
            }
        }
    }
}
