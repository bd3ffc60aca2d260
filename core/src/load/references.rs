//! Cross-record checks: duplicate ids, dangling references, area cycles, edition agreement; and
//! for a lenient load, skipping every record that points at a skipped one.

use super::{Map as HashMap, SCANNED, map_with_capacity};
use std::fmt::Write as _;

use super::decode::{At, Decoded, Mode};
use super::values::{Cx, Path, quoted};
use crate::ids::{AreaId, ThemeId};
use crate::model::*;

/// Which records are still in. A strict load never removes anything (it reports); a lenient
/// load removes defective records and, in rounds, those that point at removed ones.
struct Alive {
    areas: Vec<bool>,
    themes: Vec<bool>,
    skills: Vec<bool>,
    initiatives: Vec<bool>,
    /// Per initiative, per kept need.
    needs: Vec<Vec<bool>>,
    partners: Vec<bool>,
    offers: Vec<Vec<bool>>,
    commitments: Vec<bool>,
    editions: Vec<bool>,
    rules: Vec<bool>,
}

/// Ids, each with where its first record is: in the document for the raw ids, among the
/// decoded records otherwise. One table type for every use, so that its code exists once.
type Ids<'d> = HashMap<&'d str, usize>;

/// The ids that references may point at in the current round.
struct Known<'d> {
    areas: Ids<'d>,
    themes: Ids<'d>,
    skills: Ids<'d>,
    initiatives: Ids<'d>,
    partners: Ids<'d>,
    editions: Ids<'d>,
}

/// Checks references and assembles the dataset of the records that remain.
// Out of line, as the record decoders are (see `decode`): inlined into its one caller it only
// made a larger function of `load_value`, and the module compresses better this way.
#[inline(never)]
pub(super) fn resolve(cx: &mut Cx, decoded: Decoded<'_>) -> Dataset {
    // A strict check reports duplicates among all records, also those with other errors, so
    // that fixing one error does not reveal the next; a lenient load reports the records it drops.
    let report = cx.mode == Mode::Lenient;
    let strict = !report;
    let ids = &decoded.raw_ids;
    let root = Path::Root;
    let areas = raw_ids(cx, strict, &root.key("areas"), &ids.areas);
    let themes = raw_ids(cx, strict, &root.key("themes"), &ids.themes);
    let skills = raw_ids(cx, strict, &root.key("skills"), &ids.skills);
    let initiatives = raw_ids(cx, strict, &root.key("initiatives"), &ids.initiatives);
    let partners = raw_ids(cx, strict, &root.key("partners"), &ids.partners);
    // Nothing points at commitments or rules: their ids are only checked for repeats.
    if strict {
        raw_ids(cx, strict, &root.key("commitments"), &ids.commitments);
    }
    let editions = raw_ids(cx, strict, &root.key("editions"), &ids.editions);
    if strict {
        raw_ids(cx, strict, &root.key("policy").key("rules"), &ids.rules);
    }
    let raw = Known { areas, themes, skills, initiatives, partners, editions };
    let ids = Columns {
        areas: id_column(&decoded.areas, |r| r.id.as_str()),
        themes: id_column(&decoded.themes, |r| r.id.as_str()),
        skills: id_column(&decoded.skills, |r| r.id.as_str()),
        initiatives: id_column(&decoded.initiatives, |r| r.id.as_str()),
        partners: id_column(&decoded.partners, |r| r.id.as_str()),
        commitments: id_column(&decoded.commitments, |r| r.id.as_str()),
        editions: id_column(&decoded.editions, |r| r.id.as_str()),
        rules: id_column(&decoded.rules, |r| r.id.as_str()),
    };
    let (areas, area_positions) = unique(cx, report, &Path::Root.key("areas"), &ids.areas);
    let (themes, _) = unique(cx, report, &Path::Root.key("themes"), &ids.themes);
    let (skills, _) = unique(cx, report, &Path::Root.key("skills"), &ids.skills);
    let (initiatives, initiative_positions) = unique(cx, report, &Path::Root.key("initiatives"), &ids.initiatives);
    let (partners, partner_positions) = unique(cx, report, &Path::Root.key("partners"), &ids.partners);
    let (commitments, _) = unique(cx, report, &Path::Root.key("commitments"), &ids.commitments);
    let (editions, edition_positions) = unique(cx, report, &Path::Root.key("editions"), &ids.editions);
    let (rules, _) = unique(cx, report, &Path::Root.key("policy").key("rules"), &ids.rules);
    let mut alive = Alive {
        areas,
        themes,
        skills,
        initiatives,
        needs: decoded.initiatives.iter().map(|at| vec![true; at.record.needs.len()]).collect(),
        partners,
        offers: decoded.partners.iter().map(|at| vec![true; at.record.offers.len()]).collect(),
        commitments,
        editions,
        rules,
    };
    // Where records are does not change from round to round; only which are alive does.
    let pos = Positions {
        areas: area_positions,
        initiatives: initiative_positions,
        partners: partner_positions,
        editions: edition_positions,
        needs: decoded
            .initiatives
            .iter()
            .map(|at| sub_table(at.record.needs.iter().map(|need| need.id.as_str())))
            .collect(),
        offers: decoded
            .partners
            .iter()
            .map(|at| sub_table(at.record.offers.iter().map(|offer| offer.id.as_str())))
            .collect(),
    };
    match cx.mode {
        Mode::Strict => {
            check_round(cx, &decoded, &pos, &mut alive, &raw, &raw);
        }
        Mode::Lenient => loop {
            let known = known_alive(&ids, &alive);
            if !check_round(cx, &decoded, &pos, &mut alive, &known, &raw) {
                break;
            }
        },
    }
    assemble(decoded, &alive)
}

/// Where the first record with each id is in the document, among all records whose id could
/// be read; when `report`, every later one is reported. One table for both, so that a strict
/// check, which reports duplicates among all records, also those with other errors (so that
/// fixing one error does not reveal the next), hashes each id once for it.
fn raw_ids<'v>(cx: &mut Cx, report: bool, collection: &Path<'_>, raw: &[(usize, &'v str)]) -> Ids<'v> {
    let mut first: Ids<'v> = map_with_capacity(raw.len());
    for &(index, id) in raw {
        match first.get(id) {
            Some(&earlier) if report => {
                cx.error(&collection.index(index).key("id"), duplicate(id, collection, earlier))
            }
            Some(_) => {}
            None => {
                first.insert(id, index);
            }
        }
    }
    first
}

/// The document index and id of each decoded record of the collections: what the checks below
/// need of a record, in one type for every collection.
///
/// Why columns? The checks were generic over the record type and compiled once per collection
/// into the wasm bundle; over these columns each exists once.
struct Columns<'d> {
    areas: Vec<(usize, &'d str)>,
    themes: Vec<(usize, &'d str)>,
    skills: Vec<(usize, &'d str)>,
    initiatives: Vec<(usize, &'d str)>,
    partners: Vec<(usize, &'d str)>,
    commitments: Vec<(usize, &'d str)>,
    editions: Vec<(usize, &'d str)>,
    rules: Vec<(usize, &'d str)>,
}

fn id_column<'d, T>(records: &'d [At<T>], id: fn(&'d T) -> &'d str) -> Vec<(usize, &'d str)> {
    let mut column = Vec::with_capacity(records.len());
    for at in records {
        column.push((at.index, id(&at.record)));
    }
    column
}

/// Marks the later of decoded records with the same id as dead, reporting them when `report`;
/// also returns where the first record with each id is among them, which following references
/// needs (see [`Positions`]).
fn unique<'d>(cx: &mut Cx, report: bool, collection: &Path<'_>, ids: &[(usize, &'d str)]) -> (Vec<bool>, Ids<'d>) {
    let mut first: Ids<'d> = map_with_capacity(ids.len());
    let mut alive = vec![true; ids.len()];
    for (i, (&(index, key), alive)) in ids.iter().zip(&mut alive).enumerate() {
        if let Some(&earlier) = first.get(key) {
            *alive = false;
            if report {
                let earlier = ids.get(earlier).map_or(0, |&(index, _)| index);
                cx.error(&collection.index(index).key("id"), duplicate(key, collection, earlier));
            }
        } else {
            first.insert(key, i);
        }
    }
    (alive, first)
}

fn known_alive<'d>(ids: &Columns<'d>, alive: &Alive) -> Known<'d> {
    fn known<'d>(ids: &[(usize, &'d str)], alive: &[bool]) -> Ids<'d> {
        ids.iter().zip(alive).enumerate().filter(|(_, (_, alive))| **alive).map(|(i, (&(_, id), _))| (id, i)).collect()
    }
    Known {
        areas: known(&ids.areas, &alive.areas),
        themes: known(&ids.themes, &alive.themes),
        skills: known(&ids.skills, &alive.skills),
        initiatives: known(&ids.initiatives, &alive.initiatives),
        partners: known(&ids.partners, &alive.partners),
        editions: known(&ids.editions, &alive.editions),
    }
}

/// Where the first record with each id is among the decoded records, to follow references in constant time.
struct Positions<'d> {
    areas: Ids<'d>,
    initiatives: Ids<'d>,
    partners: Ids<'d>,
    editions: Ids<'d>,
    /// Per initiative position, need id → need position for an initiative with more than
    /// [`SCANNED`] needs, so that commitments find their need in constant time even when one
    /// initiative has many; the needs of the others are scanned (see [`Positions::need`]). A
    /// table per initiative rather than one keyed by (position, id), so that it is the
    /// `HashMap<&str, usize>` that the loader and the widget use already, not a hash table type
    /// of its own in the wasm bundle.
    needs: Vec<Option<HashMap<&'d str, usize>>>,
    /// Per partner position, offer id → offer position, as for needs.
    offers: Vec<Option<HashMap<&'d str, usize>>>,
}

/// A table of `ids` to their positions when there are too many to scan.
fn sub_table<'d>(ids: impl ExactSizeIterator<Item = &'d str>) -> Option<HashMap<&'d str, usize>> {
    (ids.len() > SCANNED).then(|| ids.enumerate().map(|(at, id)| (id, at)).collect())
}

impl<'d> Positions<'d> {
    /// The position of the need `id` among the needs of the initiative at position `initiative`.
    fn need(&self, d: &Decoded<'_>, initiative: usize, id: &str) -> Option<usize> {
        match self.needs.get(initiative)? {
            Some(table) => table.get(id).copied(),
            None => d.initiatives.get(initiative)?.record.needs.iter().position(|need| need.id.as_str() == id),
        }
    }

    /// The position of the offer `id` among the offers of the partner at position `partner`.
    fn offer(&self, d: &Decoded<'_>, partner: usize, id: &str) -> Option<usize> {
        match self.offers.get(partner)? {
            Some(table) => table.get(id).copied(),
            None => d.partners.get(partner)?.record.offers.iter().position(|offer| offer.id.as_str() == id),
        }
    }
}

/// Which areas lie on a cycle of parent links, found in one pass over the parent forest.
fn areas_in_cycles(d: &Decoded<'_>, positions: &Positions<'_>) -> Vec<bool> {
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let parent_of =
        |i: usize| d.areas[i].record.parent.as_ref().and_then(|parent| positions.areas.get(parent.as_str()).copied());
    let mut state = vec![NEW; d.areas.len()];
    let mut in_cycle = vec![false; d.areas.len()];
    let mut path = Vec::new();
    for start in 0..d.areas.len() {
        let mut current = Some(start);
        while let Some(i) = current {
            match state[i] {
                NEW => {
                    state[i] = ON_PATH;
                    path.push(i);
                    current = parent_of(i);
                }
                ON_PATH => {
                    // The walk came back to an area of this very path: from there on it is a cycle.
                    let from = path.iter().position(|&p| p == i).unwrap_or(path.len());
                    for &p in &path[from..] {
                        in_cycle[p] = true;
                    }
                    current = None;
                }
                _ => current = None,
            }
        }
        for p in path.drain(..) {
            state[p] = DONE;
        }
    }
    in_cycle
}

/// A reference check: reports and, in a lenient load, kills. Returns whether anything died.
struct Round<'c, 'd> {
    cx: &'c mut Cx<'d>,
    changed: bool,
}

impl Round<'_, '_> {
    /// Reports a problem with a record that is alive and marks it dead.
    fn kill(&mut self, flag: &mut bool, path: &Path<'_>, message: String) {
        if !*flag {
            return;
        }
        self.cx.error(path, message);
        if self.cx.mode == Mode::Lenient {
            *flag = false;
            self.changed = true;
        }
    }

    /// Reports each of `ids` that `known` does not have, at its index in `list`, as a reference
    /// to a `what`, and marks the record of `flag` dead. Not generic, so that the loop exists
    /// once for every list of references.
    #[inline(never)]
    fn references(
        &mut self,
        flag: &mut bool,
        list: &Path<'_>,
        ids: &mut dyn Iterator<Item = &str>,
        what: &str,
        known: &Ids<'_>,
        raw: &Ids<'_>,
    ) {
        for (k, id) in ids.enumerate() {
            if !known.contains_key(id) {
                self.kill(flag, &list.index(k), missing(what, id, raw));
            }
        }
    }
}

fn missing(what: &str, id: &str, raw: &Ids<'_>) -> String {
    let (before, after) = if raw.contains_key(id) { ("", " was skipped") } else { ("unknown ", "") };
    let mut message = before.to_owned();
    message.push_str(what);
    message.push_str(&quoted(" ", id, after));
    message
}

/// The message for a record whose id the record at `collection[earlier]` already has.
fn duplicate(id: &str, collection: &Path<'_>, earlier: usize) -> String {
    let mut message = quoted("duplicate id ", id, "; the first is at ");
    let _ = write!(message, "{collection}[{earlier}]");
    message
}

/// A message that shows two values from the document: `before`, `first`, `between`, `second`, `after`.
fn quoted_two(before: &str, first: &str, between: &str, second: &str, after: &str) -> String {
    let mut message = quoted(before, first, between);
    message.push_str(&quoted("", second, after));
    message
}

fn check_round(
    cx: &mut Cx,
    d: &Decoded<'_>,
    pos: &Positions<'_>,
    alive: &mut Alive,
    known: &Known<'_>,
    raw: &Known<'_>,
) -> bool {
    let mut round = Round { cx, changed: false };
    let root = Path::Root;
    let skill_vocabulary = !raw.skills.is_empty();
    let skill_problem = |skill: &str| -> Option<String> {
        if skill_vocabulary {
            (!known.skills.contains_key(skill)).then(|| missing("skill", skill, &raw.skills))
        } else {
            let tag = skill.chars().all(|c| !c.is_uppercase() && !c.is_control());
            (!tag).then(|| quoted("a free skill tag must be lowercase, not ", skill, ""))
        }
    };

    // An area's own problems are a missing parent and a cycle. A lenient load also skips every
    // area below a skipped one, all in this round: one memoised walk up the parents instead of a
    // round per generation, which made a long chain under a bad root cubic.
    let in_cycle = areas_in_cycles(d, pos);
    let own_problem = |i: usize| -> Option<String> {
        let record = &d.areas[i].record;
        let parent = record.parent.as_ref()?;
        if !known.areas.contains_key(parent.as_str()) {
            Some(missing("area", parent.as_str(), &raw.areas))
        } else if in_cycle[i] {
            Some(quoted("area ", record.id.as_str(), " is its own ancestor"))
        } else {
            None
        }
    };
    let mut chain_ok: Vec<Option<bool>> = vec![None; d.areas.len()];
    if round.cx.mode == Mode::Lenient {
        let mut path = Vec::new();
        for start in 0..d.areas.len() {
            let mut current = start;
            // Walk up to an area whose state is known, a root, or an area with its own problem.
            let verdict = loop {
                if let Some(ok) = chain_ok[current] {
                    break ok;
                }
                if !alive.areas[current] || own_problem(current).is_some() {
                    chain_ok[current] = Some(false);
                    break false;
                }
                let parent = d.areas[current].record.parent.as_ref();
                match parent.and_then(|parent| pos.areas.get(parent.as_str()).copied()) {
                    None => {
                        chain_ok[current] = Some(true);
                        break true;
                    }
                    Some(next) => {
                        path.push(current);
                        current = next;
                    }
                }
            };
            for p in path.drain(..) {
                chain_ok[p] = Some(verdict);
            }
        }
    }
    let areas = root.key("areas");
    for (i, at) in d.areas.iter().enumerate() {
        let path = areas.index(at.index);
        let problem = own_problem(i).or_else(|| {
            let skipped_above = chain_ok[i] == Some(false);
            skipped_above.then(|| {
                let parent = at.record.parent.as_ref().map_or("", |parent| parent.as_str());
                missing("area", parent, &raw.areas)
            })
        });
        if let Some(problem) = problem {
            round.kill(&mut alive.areas[i], &path.key("parent"), problem);
        }
    }

    let initiatives = root.key("initiatives");
    for (i, at) in d.initiatives.iter().enumerate() {
        let path = initiatives.index(at.index);
        let record = &at.record;
        let themes = &mut record.themes.iter().map(ThemeId::as_str);
        round.references(&mut alive.initiatives[i], &path.key("themes"), themes, "theme", &known.themes, &raw.themes);
        if let Some(area) = &record.area
            && !known.areas.contains_key(area.as_str())
        {
            round.kill(&mut alive.initiatives[i], &path.key("area"), missing("area", area.as_str(), &raw.areas));
        }
        if let Some(edition) = &record.edition {
            if !known.editions.contains_key(edition.as_str()) {
                round.kill(
                    &mut alive.initiatives[i],
                    &path.key("edition"),
                    missing("edition", edition.as_str(), &raw.editions),
                );
            } else if let Some(listed) = pos.editions.get(edition.as_str()).map(|&e| &d.editions[e])
                && !listed.record.initiatives.is_empty()
                && !listed.record.initiatives.contains(&record.id)
            {
                let message = quoted("edition ", edition.as_str(), " does not list this initiative");
                round.kill(&mut alive.initiatives[i], &path.key("edition"), message);
            }
        }
        for (n, need) in record.needs.iter().enumerate() {
            let needs_path = path.key("needs");
            let need_path = needs_path.index(at.sub_index(n));
            for (k, skill) in need.skills.iter().enumerate() {
                if let Some(problem) = skill_problem(skill.as_str()) {
                    round.kill(&mut alive.needs[i][n], &need_path.key("skills").index(k), problem);
                }
            }
        }
    }

    let partners = root.key("partners");
    for (i, at) in d.partners.iter().enumerate() {
        let path = partners.index(at.index);
        let record = &at.record;
        if let Coverage::Areas(areas) = &record.areas {
            let areas = &mut areas.iter().map(AreaId::as_str);
            round.references(&mut alive.partners[i], &path.key("areas"), areas, "area", &known.areas, &raw.areas);
        }
        let themes = &mut record.themes.iter().map(ThemeId::as_str);
        round.references(&mut alive.partners[i], &path.key("themes"), themes, "theme", &known.themes, &raw.themes);
        for (n, offer) in record.offers.iter().enumerate() {
            let offers_path = path.key("offers");
            let offer_path = offers_path.index(at.sub_index(n));
            for (k, skill) in offer.skills.iter().enumerate() {
                if let Some(problem) = skill_problem(skill.as_str()) {
                    round.kill(&mut alive.offers[i][n], &offer_path.key("skills").index(k), problem);
                }
            }
            // The areas and themes of an offer's conditions: one that is not there (a typo, or a
            // record that was skipped) costs the offer, as a skill does, and not the partner.
            let alive = &mut alive.offers[i][n];
            let areas = &mut offer.only_areas.iter().map(AreaId::as_str);
            round.references(alive, &offer_path.key("only_areas"), areas, "area", &known.areas, &raw.areas);
            let themes = &mut offer.only_themes.iter().map(ThemeId::as_str);
            round.references(alive, &offer_path.key("only_themes"), themes, "theme", &known.themes, &raw.themes);
        }
    }

    let editions = root.key("editions");
    for (i, at) in d.editions.iter().enumerate() {
        let path = editions.index(at.index);
        for (k, initiative) in at.record.initiatives.iter().enumerate() {
            let list = path.key("initiatives");
            let entry = list.index(k);
            if !known.initiatives.contains_key(initiative.as_str()) {
                round.kill(
                    &mut alive.editions[i],
                    &entry,
                    missing("initiative", initiative.as_str(), &raw.initiatives),
                );
                continue;
            }
            // An initiative that names another edition disagrees with this list; the initiative
            // is the record that is inconsistent, so a lenient load skips it, not the edition.
            let found = pos.initiatives.get(initiative.as_str()).copied();
            if let Some(j) = found
                && let Some(other) = &d.initiatives[j].record.edition
                && *other != at.record.id
            {
                let message =
                    quoted_two("initiative ", initiative.as_str(), " names edition ", other.as_str(), " instead");
                round.kill(&mut alive.initiatives[j], &entry, message);
            }
        }
    }

    let commitments = root.key("commitments");
    for (i, at) in d.commitments.iter().enumerate() {
        let path = commitments.index(at.index);
        let record = &at.record;
        let initiative = pos.initiatives.get(record.initiative.as_str()).copied();
        if !known.initiatives.contains_key(record.initiative.as_str()) {
            round.kill(
                &mut alive.commitments[i],
                &path.key("initiative"),
                missing("initiative", record.initiative.as_str(), &raw.initiatives),
            );
        } else if let (Some(need), Some(j)) = (&record.need, initiative) {
            let found = pos.need(d, j, need.as_str());
            match found {
                Some(n) if alive.needs[j][n] => {}
                Some(_) => round.kill(
                    &mut alive.commitments[i],
                    &path.key("need"),
                    quoted("need ", need.as_str(), " was skipped"),
                ),
                None => round.kill(
                    &mut alive.commitments[i],
                    &path.key("need"),
                    quoted_two("initiative ", record.initiative.as_str(), " has no need ", need.as_str(), ""),
                ),
            }
        }
        let partner = pos.partners.get(record.partner.as_str()).copied();
        if !known.partners.contains_key(record.partner.as_str()) {
            round.kill(
                &mut alive.commitments[i],
                &path.key("partner"),
                missing("partner", record.partner.as_str(), &raw.partners),
            );
        } else if let (Some(offer), Some(j)) = (&record.offer, partner) {
            let found = pos.offer(d, j, offer.as_str());
            match found {
                Some(n) if alive.offers[j][n] => {}
                Some(_) => round.kill(
                    &mut alive.commitments[i],
                    &path.key("offer"),
                    quoted("offer ", offer.as_str(), " was skipped"),
                ),
                None => round.kill(
                    &mut alive.commitments[i],
                    &path.key("offer"),
                    quoted_two("partner ", record.partner.as_str(), " has no offer ", offer.as_str(), ""),
                ),
            }
        }
    }

    let policy = root.key("policy");
    let rules = policy.key("rules");
    for (i, at) in d.rules.iter().enumerate() {
        let rule = rules.index(at.index);
        let path = rule.key("when");
        let themes = &mut at.record.when.themes.iter().map(ThemeId::as_str);
        round.references(&mut alive.rules[i], &path.key("themes"), themes, "theme", &known.themes, &raw.themes);
        let areas = &mut at.record.when.areas.iter().map(AreaId::as_str);
        round.references(&mut alive.rules[i], &path.key("areas"), areas, "area", &known.areas, &raw.areas);
    }
    round.changed
}

fn keep<T>(records: Vec<At<T>>, alive: &[bool]) -> Vec<T> {
    records.into_iter().zip(alive).filter(|(_, alive)| **alive).map(|(at, _)| at.record).collect()
}

#[inline(never)]
fn assemble(d: Decoded<'_>, alive: &Alive) -> Dataset {
    let initiatives = d
        .initiatives
        .into_iter()
        .zip(&alive.initiatives)
        .zip(&alive.needs)
        .filter(|((_, alive), _)| **alive)
        .map(|((at, _), needs_alive)| {
            let mut initiative = at.record;
            let mut flags = needs_alive.iter();
            initiative.needs.retain(|_| *flags.next().unwrap_or(&true));
            initiative
        })
        .collect();
    let partners = d
        .partners
        .into_iter()
        .zip(&alive.partners)
        .zip(&alive.offers)
        .filter(|((_, alive), _)| **alive)
        .map(|((at, _), offers_alive)| {
            let mut partner = at.record;
            let mut flags = offers_alive.iter();
            partner.offers.retain(|_| *flags.next().unwrap_or(&true));
            partner
        })
        .collect();
    Dataset {
        schema: SCHEMA.to_owned(),
        municipality: d.municipality,
        areas: keep(d.areas, &alive.areas),
        themes: keep(d.themes, &alive.themes),
        skills: keep(d.skills, &alive.skills),
        initiatives,
        partners,
        commitments: keep(d.commitments, &alive.commitments),
        editions: keep(d.editions, &alive.editions),
        policy: Policy { principles: d.principles, rules: keep(d.rules, &alive.rules) },
        matching: d.matching,
    }
}
