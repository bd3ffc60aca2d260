//! A seeded generator of a synthetic municipality dataset (format v1) and of search queries,
//! so that our engine (native and wasm), MiniSearch and FlexSearch all see exactly the same.
//!
//! This file depends on `serde_json` and `std` only: the core crate's benchmark includes it
//! with `#[path]`, which avoids a dependency cycle between `verschilmaker` and this crate.

use serde_json::{Value, json};

/// SplitMix64: small, fast, and the same on every platform, which is all a benchmark needs.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// A float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// A skewed pick (frequent words first), roughly like word frequencies in real text.
    pub fn skewed(&mut self, n: usize) -> usize {
        let u = self.unit();
        ((u * u * u) * n as f64) as usize % n.max(1)
    }
}

const DUTCH_ROOTS: &[&str] = &[
    "buurt",
    "tuin",
    "moes",
    "wijk",
    "huis",
    "school",
    "kerk",
    "plein",
    "park",
    "speel",
    "sport",
    "muziek",
    "kunst",
    "feest",
    "markt",
    "koffie",
    "eten",
    "groente",
    "fruit",
    "boom",
    "bloem",
    "natuur",
    "water",
    "straat",
    "fiets",
    "auto",
    "energie",
    "zon",
    "wind",
    "warmte",
    "afval",
    "plastic",
    "repair",
    "kleding",
    "boek",
    "lees",
    "taal",
    "les",
    "jongeren",
    "ouderen",
    "kind",
    "gezin",
    "vrijwilliger",
    "buur",
    "bewoner",
    "ontmoeting",
    "samen",
    "zorg",
    "gezond",
    "bewegen",
    "wandel",
    "dans",
    "theater",
    "film",
    "foto",
    "verhaal",
    "geschiedenis",
    "erfgoed",
    "museum",
    "bibliotheek",
    "werk",
    "geld",
    "fonds",
    "budget",
    "ruimte",
    "gebouw",
    "schuur",
    "kas",
    "dak",
    "gevel",
    "groen",
    "bij",
    "vogel",
    "dier",
    "hond",
    "kat",
    "voedsel",
    "bank",
    "kast",
    "ruil",
    "deel",
    "gereedschap",
    "klus",
    "hout",
    "verf",
    "licht",
    "lamp",
    "veilig",
    "preventie",
    "debat",
    "avond",
    "dag",
    "week",
    "zomer",
    "winter",
    "lente",
    "herfst",
    "kamp",
    "reis",
    "bus",
    "trein",
    "station",
    "haven",
    "rivier",
    "dijk",
    "polder",
    "veld",
    "bos",
    "heide",
    "weide",
    "boer",
    "kaas",
    "brood",
    "bakker",
    "slager",
    "winkel",
    "café",
    "restaurant",
    "keuken",
    "kook",
    "tafel",
    "stoel",
    "bed",
    "tent",
    "podium",
    "pitch",
    "idee",
    "plan",
    "project",
    "initiatief",
    "netwerk",
    "coöperatie",
    "ideeën",
    "privé",
    "één",
    "creëren",
    "geïnteresseerd",
    "reünie",
    "naïef",
    "cliënt",
    "patiënt",
    "financiën",
    "efficiënt",
    "coördinator",
    "zeeën",
    "knieën",
    "geëmigreerd",
];
const DUTCH_SUFFIXES: &[&str] = &["", "", "", "", "en", "s", "je", "jes", "tje", "ing", "ers", "er", "e"];
const DUTCH_GLUE: &[&str] = &[
    "de",
    "het",
    "een",
    "en",
    "van",
    "voor",
    "met",
    "in",
    "op",
    "aan",
    "bij",
    "naar",
    "om",
    "te",
    "samen",
    "nieuwe",
    "oude",
    "grote",
    "kleine",
    "mooie",
    "groene",
    "veel",
    "meer",
    "alle",
    "wij",
    "we",
    "ons",
    "onze",
    "jullie",
    "iedereen",
    "helpen",
    "maken",
    "bouwen",
    "delen",
    "zoeken",
    "organiseren",
    "starten",
    "verbeteren",
    "ontmoeten",
    "leren",
    "spelen",
    "koken",
];
const ENGLISH_WORDS: &[&str] = &[
    "community",
    "garden",
    "gardens",
    "gardening",
    "neighbourhood",
    "neighbours",
    "school",
    "church",
    "square",
    "park",
    "play",
    "playground",
    "sports",
    "music",
    "art",
    "arts",
    "party",
    "market",
    "coffee",
    "food",
    "vegetables",
    "fruit",
    "trees",
    "flowers",
    "nature",
    "water",
    "street",
    "bicycle",
    "bikes",
    "energy",
    "solar",
    "wind",
    "heating",
    "waste",
    "recycling",
    "repair",
    "clothes",
    "books",
    "reading",
    "language",
    "lessons",
    "youth",
    "elderly",
    "children",
    "families",
    "volunteers",
    "volunteering",
    "residents",
    "meeting",
    "together",
    "care",
    "healthy",
    "walking",
    "dance",
    "theatre",
    "film",
    "photography",
    "stories",
    "history",
    "heritage",
    "museum",
    "library",
    "work",
    "money",
    "fund",
    "budget",
    "space",
    "building",
    "shed",
    "greenhouse",
    "roof",
    "green",
    "bees",
    "birds",
    "animals",
    "dogs",
    "sharing",
    "tools",
    "wood",
    "paint",
    "light",
    "safety",
    "debate",
    "evening",
    "summer",
    "winter",
    "camp",
    "trip",
    "river",
    "forest",
    "farm",
    "cheese",
    "bread",
    "bakery",
    "shop",
    "kitchen",
    "cooking",
    "table",
    "stage",
    "idea",
    "plan",
    "project",
    "initiative",
    "network",
    "the",
    "a",
    "and",
    "of",
    "for",
    "with",
    "in",
    "on",
    "to",
    "our",
    "new",
    "old",
    "big",
    "small",
    "help",
    "make",
    "build",
    "share",
    "organise",
    "start",
    "improve",
    "learn",
];
/// English function words: visitors do not search for these.
const ENGLISH_GLUE: &[&str] = &["the", "and", "for", "with", "our", "new", "old", "big", "small"];
const FIRST_NAMES: &[&str] = &[
    "Anouk", "Bram", "Chantal", "Daan", "Eva", "Fatima", "Gert", "Hanneke", "Ilse", "Jan", "Kees", "Lotte", "Mohammed",
    "Noor", "Olga", "Pieter", "Quinten", "Ria", "Sanne", "Tom", "Umut", "Vera", "Wim", "Yara", "Zoë", "Aïsha", "Björn",
    "Ömer", "Renée", "Joëlle",
];
const LAST_NAMES: &[&str] = &[
    "de Vries",
    "Jansen",
    "van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "Yılmaz",
    "El Amrani",
    "Kaya",
    "Öztürk",
];
const THEMES: &[(&str, &str, &str)] = &[
    ("groen", "Groen en natuur", "Green and nature"),
    ("cultuur", "Kunst en cultuur", "Arts and culture"),
    ("sport", "Sport en bewegen", "Sports and exercise"),
    ("zorg", "Zorg en welzijn", "Care and wellbeing"),
    ("jeugd", "Jeugd en jongeren", "Youth"),
    ("ouderen", "Ouderen", "Older people"),
    ("energie", "Energie en duurzaamheid", "Energy and sustainability"),
    ("voedsel", "Voedsel", "Food"),
    ("veiligheid", "Veiligheid", "Safety"),
    ("onderwijs", "Onderwijs en taal", "Education and language"),
    ("ontmoeting", "Ontmoeting", "Meeting people"),
    ("economie", "Werk en economie", "Work and economy"),
];
const WIJKEN: &[&str] = &["Centrum", "Noord", "Oost", "Zuid", "West", "De Haven", "Rosmalen", "Empel"];
const BUURTEN: &[&str] = &[
    "Kruiskamp",
    "Hintham",
    "Graafsepoort",
    "Muntel",
    "Vliert",
    "Orthen",
    "Deuteren",
    "Maaspoort",
    "Boschveld",
    "Paleiskwartier",
    "De Haren",
    "Zuiderpark",
    "Vught-Noord",
    "Rosmalen-Zuid",
    "Sparrenburg",
    "De Groote Wielen",
    "Empel-Oost",
    "Kloosterstraat",
    "Binnenstad",
    "Het Zand",
    "Westenburg",
    "Brabantpoort",
    "De Schutskamp",
    "Aawijk",
];
const STAGES: &[&str] = &["idea", "pitched", "starting", "running", "completed", "paused"];
const KINDS: &[&str] =
    &["space", "funding", "volunteers", "expertise", "materials", "permit", "promotion", "network", "coaching"];
const SECTORS: &[&str] = &["resident", "youth", "business", "institution", "government", "foundation"];

/// Syllables for the long tail of the vocabulary: Dutch-looking words that are not in the root
/// list, so that the dataset has tens of thousands of distinct words, as real text does.
const SYLLABLES: &[&str] = &[
    "ver", "schil", "ma", "ker", "wer", "ken", "hoog", "laag", "dorp", "stad", "ge", "be", "ont", "aan", "bo", "ter",
    "lin", "den", "sto", "pel", "ran", "dijk", "wa", "gen", "mo", "len", "ste", "ring", "vel", "de", "ko", "per",
    "zil", "al", "ui", "oe", "ij", "ei", "au", "ruim", "ba", "kel", "ro", "zen", "tu", "ri", "na", "le", "vo", "ge",
    "ën", "lië", "ré", "cö",
];

/// The content vocabulary: the real roots first (the most frequent words), then compounds and
/// inflections of them, then syllable words, up to `size` distinct words.
pub fn vocabulary(size: usize, seed: u64) -> Vec<String> {
    let mut rng = Rng::new(seed);
    let mut words: Vec<String> = DUTCH_ROOTS.iter().map(|w| (*w).to_owned()).collect();
    let mut seen: std::collections::HashSet<String> = words.iter().cloned().collect();
    let mut attempts = 0;
    while words.len() < size && attempts < size * 20 {
        attempts += 1;
        let word = match rng.below(3) {
            0 => format!(
                "{}{}",
                DUTCH_ROOTS[rng.below(DUTCH_ROOTS.len())],
                DUTCH_SUFFIXES[rng.below(DUTCH_SUFFIXES.len())]
            ),
            1 => format!(
                "{}{}{}",
                DUTCH_ROOTS[rng.below(DUTCH_ROOTS.len())],
                DUTCH_ROOTS[rng.below(DUTCH_ROOTS.len())],
                DUTCH_SUFFIXES[rng.below(DUTCH_SUFFIXES.len())]
            ),
            _ => (0..2 + rng.below(3)).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect(),
        };
        if seen.insert(word.clone()) {
            words.push(word);
        }
    }
    words
}

/// The content words of both languages.
struct Vocabulary {
    dutch: Vec<String>,
    english: Vec<String>,
}

/// A word rank with Zipf–Mandelbrot frequencies, P(r) ∝ 1 / (r + 50): the most frequent
/// content word is about 0.3 % of content words, as in real text.
fn zipf(rng: &mut Rng, size: usize) -> usize {
    let q = 50.0;
    let x = q * ((size as f64 + q) / q).powf(rng.unit());
    ((x - q) as usize).min(size.saturating_sub(1))
}

/// A Dutch sentence of `words` words, with glue words in between, the first capitalised.
fn dutch_sentence(rng: &mut Rng, vocabulary: &[String], words: usize) -> String {
    let mut out = String::new();
    for i in 0..words {
        if i > 0 {
            out.push(' ');
        }
        let word = if rng.chance(0.4) {
            DUTCH_GLUE[rng.skewed(DUTCH_GLUE.len())]
        } else {
            vocabulary[zipf(rng, vocabulary.len())].as_str()
        };
        if i == 0 {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push_str(word);
        }
    }
    out
}

/// English function words used as glue in generated sentences.
const ENGLISH_FUNCTION_WORDS: &[&str] = &["the", "a", "and", "of", "for", "with", "in", "on", "to", "our"];

/// The English content vocabulary: the word list first, then inflections and syllable words.
pub fn english_vocabulary(size: usize, seed: u64) -> Vec<String> {
    let mut rng = Rng::new(seed ^ 0xE11);
    let base: Vec<&str> = ENGLISH_WORDS.iter().copied().filter(|w| !ENGLISH_FUNCTION_WORDS.contains(w)).collect();
    let mut words: Vec<String> = base.iter().map(|w| (*w).to_owned()).collect();
    let mut seen: std::collections::HashSet<String> = words.iter().cloned().collect();
    let mut attempts = 0;
    while words.len() < size && attempts < size * 20 {
        attempts += 1;
        let word = match rng.below(3) {
            0 => format!("{}{}", base[rng.below(base.len())], ["s", "ing", "ed", "er", "ers"][rng.below(5)]),
            1 => format!("{}{}", base[rng.below(base.len())], base[rng.below(base.len())]),
            _ => (0..2 + rng.below(3)).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect(),
        };
        if seen.insert(word.clone()) {
            words.push(word);
        }
    }
    words
}

/// An English sentence like [`dutch_sentence`]: 40 % function words, the rest Zipf-distributed.
fn english_sentence(rng: &mut Rng, vocabulary: &[String], words: usize) -> String {
    let mut out = String::new();
    for i in 0..words {
        if i > 0 {
            out.push(' ');
        }
        if rng.chance(0.4) {
            out.push_str(ENGLISH_FUNCTION_WORDS[rng.skewed(ENGLISH_FUNCTION_WORDS.len())]);
        } else {
            out.push_str(&vocabulary[zipf(rng, vocabulary.len())]);
        }
    }
    out
}

/// A text of `least + below(spread)` words: Dutch only, or Dutch and English (about a third
/// of the time).
fn text(rng: &mut Rng, vocabulary: &Vocabulary, least: usize, spread: usize) -> Value {
    let words = least + rng.below(spread);
    let nl = dutch_sentence(rng, &vocabulary.dutch, words);
    if rng.chance(0.33) {
        json!({"nl": nl, "en": english_sentence(rng, &vocabulary.english, words)})
    } else {
        json!(nl)
    }
}

fn date(rng: &mut Rng) -> String {
    format!("20{:02}-{:02}-{:02}", 23 + rng.below(3), 1 + rng.below(12), 1 + rng.below(28))
}

/// A dataset in format v1 with `initiatives` initiatives and a proportional number of
/// partners (one per 20 initiatives, at least 5) and commitments.
pub fn dataset(initiatives: usize, seed: u64) -> Value {
    let mut rng = Rng::new(seed);
    let vocabulary = Vocabulary { dutch: vocabulary(30_000, seed), english: english_vocabulary(10_000, seed) };
    let mut areas = Vec::new();
    let mut buurt_ids = Vec::new();
    let mut postcode = 5211;
    for (w, wijk) in WIJKEN.iter().enumerate() {
        let wijk_id = format!("w{w}");
        let (lat, lon) = (51.66 + 0.01 * (w % 4) as f64, 5.26 + 0.02 * (w / 4) as f64);
        areas.push(json!({"id": wijk_id, "name": wijk, "centroid": [lat, lon]}));
        for b in 0..5 {
            let id = format!("w{w}b{b}");
            let name = format!("{} {}", BUURTEN[(w * 5 + b) % BUURTEN.len()], b + 1);
            areas.push(json!({
                "id": id, "name": name, "parent": wijk_id,
                "centroid": [lat + 0.002 * b as f64, lon + 0.003 * b as f64],
                "postcodes": [postcode.to_string(), (postcode + 1).to_string()],
            }));
            postcode += 2;
            buurt_ids.push(id);
        }
    }
    let themes: Vec<Value> =
        THEMES.iter().map(|(id, nl, en)| json!({"id": id, "name": {"nl": nl, "en": en}})).collect();

    let mut initiative_list = Vec::with_capacity(initiatives);
    let mut need_refs = Vec::new();
    for i in 0..initiatives {
        let id = format!("i{i}");
        let mut needs = Vec::new();
        for n in 0..1 + rng.below(4) {
            let kind = KINDS[rng.below(KINDS.len())];
            let mut need = json!({"id": format!("n{n}"), "kind": kind});
            if rng.chance(0.8) {
                need["amount"] = json!(10 * (1 + rng.below(100)));
            }
            if rng.chance(0.7) {
                need["description"] = text(&mut rng, &vocabulary, 5, 6);
            }
            need_refs.push((id.clone(), format!("n{n}"), kind));
            needs.push(need);
        }
        let mut theme_ids: Vec<&str> = Vec::new();
        for _ in 0..1 + rng.below(2) {
            let theme = THEMES[rng.below(THEMES.len())].0;
            if !theme_ids.contains(&theme) {
                theme_ids.push(theme);
            }
        }
        let initiators: Vec<Value> = (0..1 + rng.below(2))
            .map(|_| {
                json!({
                    "name": format!("{} {}", FIRST_NAMES[rng.below(FIRST_NAMES.len())], LAST_NAMES[rng.below(LAST_NAMES.len())]),
                    "sector": SECTORS[rng.skewed(SECTORS.len())],
                })
            })
            .collect();
        let mut initiative = json!({
            "id": id,
            "title": text(&mut rng, &vocabulary, 3, 4),
            "summary": text(&mut rng, &vocabulary, 10, 11),
            "description": text(&mut rng, &vocabulary, 40, 41),
            "themes": theme_ids,
            "stage": STAGES[rng.below(STAGES.len())],
            "initiators": initiators,
            "needs": needs,
            "updated": date(&mut rng),
        });
        if rng.chance(0.9) {
            initiative["area"] = json!(buurt_ids[rng.below(buurt_ids.len())]);
        }
        if rng.chance(0.5) {
            initiative["location"] = json!({"lat": 51.65 + 0.06 * rng.unit(), "lon": 5.25 + 0.1 * rng.unit()});
        }
        initiative_list.push(initiative);
    }

    let partner_count = (initiatives / 20).max(5);
    let mut partners = Vec::with_capacity(partner_count);
    let mut offer_refs = Vec::new();
    for p in 0..partner_count {
        let id = format!("p{p}");
        let offers: Vec<Value> = (0..1 + rng.below(3))
            .map(|o| {
                let kind = KINDS[rng.below(KINDS.len())];
                offer_refs.push((id.clone(), format!("o{o}"), kind));
                json!({"id": format!("o{o}"), "kind": kind, "capacity": 50 * (1 + rng.below(40)),
                       "description": text(&mut rng, &vocabulary, 4, 8)})
            })
            .collect();
        let mut partner = json!({
            "id": id,
            "name": format!("{} {}", dutch_sentence(&mut rng, &vocabulary.dutch, 2), p),
            "sector": SECTORS[rng.below(SECTORS.len())],
            "themes": [THEMES[rng.below(THEMES.len())].0],
            "offers": offers,
        });
        if rng.chance(0.6) {
            partner["areas"] = json!([format!("w{}", rng.below(WIJKEN.len()))]);
        }
        partners.push(partner);
    }

    // Commitments: for some needs, a partner with an offer of the same kind.
    let mut commitments = Vec::new();
    for (c, (initiative, need, kind)) in need_refs.iter().enumerate() {
        if !rng.chance(0.3) {
            continue;
        }
        let matching: Vec<&(String, String, &str)> = offer_refs.iter().filter(|(_, _, k)| k == kind).collect();
        if matching.is_empty() {
            continue;
        }
        let (partner, offer, _) = matching[rng.below(matching.len())];
        let status = ["proposed", "agreed", "delivered", "withdrawn"][rng.below(4)];
        commitments.push(json!({
            "id": format!("c{c}"), "initiative": initiative, "need": need,
            "partner": partner, "offer": offer, "amount": 10 * (1 + rng.below(100)),
            "status": status,
        }));
    }

    json!({
        "schema": "verschilmaker/1",
        "municipality": {"name": "Gemeente Benchstad", "languages": ["nl", "en"]},
        "areas": areas,
        "themes": themes,
        "initiatives": initiative_list,
        "partners": partners,
        "commitments": commitments,
    })
}

/// Words of a text value (all translations), split on anything that is not a letter.
fn words_of(value: &Value) -> Vec<String> {
    let mut texts = Vec::new();
    match value {
        Value::String(text) => texts.push(text.as_str()),
        Value::Object(map) => texts.extend(map.values().filter_map(Value::as_str)),
        _ => {}
    }
    texts
        .iter()
        .flat_map(|text| text.split(|c: char| !c.is_alphanumeric()))
        .filter(|word| word.chars().count() >= 3)
        .filter(|word| !DUTCH_GLUE.contains(&word.to_lowercase().as_str()))
        .filter(|word| !ENGLISH_GLUE.contains(&word.to_lowercase().as_str()))
        .filter(|word| !ENGLISH_FUNCTION_WORDS.contains(&word.to_lowercase().as_str()))
        .map(str::to_owned)
        .collect()
}

/// Strips the accents the generator uses, as a visitor typing without them would.
fn plain_letters(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'é' | 'ë' | 'è' => 'e',
            'ï' => 'i',
            'ö' => 'o',
            'ü' => 'u',
            other => other,
        })
        .collect()
}

/// `count` queries of one or two content words (no function words like `de` or `voor`) taken
/// from the dataset's titles and summaries, as a visitor would type them: lowercase, sometimes without accents, a third still being typed
/// (the last word cut short), a tenth with a typo; half of them with one or two filters.
pub fn queries(dataset: &Value, count: usize, seed: u64) -> Value {
    let mut rng = Rng::new(seed);
    let initiatives = dataset["initiatives"].as_array().cloned().unwrap_or_default();
    let mut out = Vec::with_capacity(count);
    if initiatives.is_empty() {
        return json!(out);
    }
    let wijken = WIJKEN.len();
    while out.len() < count {
        let initiative = &initiatives[rng.below(initiatives.len())];
        let mut words = words_of(&initiative["title"]);
        words.extend(words_of(&initiative["summary"]));
        if words.is_empty() {
            continue;
        }
        let n = 1 + rng.below(2);
        let mut picked: Vec<String> = (0..n).map(|_| words[rng.below(words.len())].to_lowercase()).collect();
        if rng.chance(0.5) {
            for word in &mut picked {
                *word = plain_letters(word);
            }
        }
        let roll = rng.unit();
        let mut text = if roll < 0.33 {
            // Still typing: the last word cut short to at least three characters.
            if let Some(last) = picked.last_mut() {
                let chars: Vec<char> = last.chars().collect();
                let keep = 3 + rng.below(chars.len().saturating_sub(2).max(1));
                *last = chars[..keep.min(chars.len())].iter().collect();
            }
            picked.join(" ")
        } else if roll < 0.43 {
            // A typo: two neighbouring letters swapped in a word of at least five.
            if let Some(word) = picked.iter_mut().find(|w| w.chars().count() >= 5) {
                let mut chars: Vec<char> = word.chars().collect();
                let at = 1 + rng.below(chars.len() - 2);
                chars.swap(at, at + 1);
                *word = chars.into_iter().collect();
            }
            picked.join(" ") + " "
        } else {
            picked.join(" ") + " "
        };
        if text.trim().is_empty() {
            text = "buurt".to_owned();
        }
        let mut filters = json!({});
        if rng.chance(0.5) {
            for _ in 0..1 + rng.below(2) {
                match rng.below(4) {
                    0 => filters["themes"] = json!([THEMES[rng.below(THEMES.len())].0]),
                    1 => filters["areas"] = json!([format!("w{}", rng.below(wijken))]),
                    2 => filters["stages"] = json!([STAGES[rng.below(STAGES.len())], STAGES[rng.below(STAGES.len())]]),
                    _ => filters["need_kinds"] = json!([KINDS[rng.below(KINDS.len())]]),
                }
            }
        }
        out.push(json!({"text": text, "filters": filters}));
    }
    json!(out)
}
