//! The initiative page: the story, facts, links, needs with their progress, the policy rules
//! that apply with whom to call, the pitch edition, suggested partners with the matching
//! engine's reasons, the best coalition, and "I want to help".

use std::rc::Rc;

use verschilmaker::matching::{
    Reason, applicable_rules, coalition, need_takes_suggestions, stage_takes_suggestions, suggest_for_initiative,
};
use verschilmaker::{Contact, Dataset, Initiative, NeedId, PartnerId};
use yew::prelude::*;

use crate::components::common::{Heading, bar, data, data_list, join, link, number};
use crate::data::Loaded;
use crate::i18n::{LaterTexts, UiLang};
use crate::written;

/// How many partners are suggested.
const SUGGESTIONS: usize = 5;

/// The props of [`Detail`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct DetailProps {
    /// The dataset.
    pub loaded: Rc<Loaded>,
    /// The initiative's id.
    pub id: String,
    /// The visitor's language.
    pub ui: UiLang,
    /// The level of the page's heading.
    pub level: u8,
    /// Back to the results.
    pub on_back: Callback<()>,
    /// "I want to help": the offer form for this initiative, by id.
    #[prop_or_default]
    pub on_help: Callback<String>,
    /// The pointer over, or the focus on, "I want to help": the intent to open the offer form,
    /// whose module can be fetched then, so that the click does not wait for it.
    #[prop_or_default]
    pub on_help_intent: Callback<()>,
}

/// How many reasons the page shows per partner at most: the strongest that say something in
/// its favour.
pub const REASONS_SHOWN: usize = 4;

/// What the matching engine says about one initiative, kept as plain data.
#[derive(Debug, PartialEq)]
pub struct Matches {
    /// The initiative's position in `dataset.initiatives`.
    pub initiative: usize,
    /// Suggested partners: id, score, the reasons of its best offer (strongest first), and
    /// the ids of the needs it can help with.
    pub partners: Vec<(PartnerId, f64, Vec<Reason>, Vec<NeedId>)>,
    /// The best coalition's partners and whether it covers every required need.
    pub coalition: (Vec<PartnerId>, bool),
    /// The positions of the needs that commitments cover (core's `NeedCoverage::covers`): core
    /// suggests no partners for them, and the page says so.
    pub covered: Vec<usize>,
    /// The positions of the other needs whose period has ended (core's
    /// `need_takes_suggestions` with today's date): left out too, and said so.
    pub ended: Vec<usize>,
    /// The initiative's stage, when core suggests nothing at all in it (completed or paused).
    pub closed: Option<verschilmaker::Stage>,
}

/// Asks the matching engine about the initiative at `at`, through the match index that
/// `loaded` keeps for its dataset (built once, on the first initiative page or form).
pub fn matches(loaded: &Loaded, at: usize) -> Matches {
    let index = loaded.matching();
    let Some(initiative) = loaded.dataset.initiatives.get(at) else {
        return Matches {
            initiative: at,
            partners: Vec::new(),
            coalition: (Vec::new(), false),
            covered: Vec::new(),
            ended: Vec::new(),
            closed: None,
        };
    };
    let suggestions = suggest_for_initiative(index, &initiative.id, SUGGESTIONS);
    let partners = suggestions
        .partners
        .into_iter()
        .map(|suggestion| {
            let needs = suggestion.offers.iter().map(|o| o.need.need.clone()).collect();
            let reasons = suggestion.reasons(index);
            (suggestion.partner, suggestion.score, reasons, needs)
        })
        .collect();
    let best = coalition(index, &initiative.id);
    let covered: Vec<usize> = initiative
        .needs
        .iter()
        .enumerate()
        .filter(|(j, need)| loaded.coverage_of(at, *j).covers(need))
        .map(|(j, _)| j)
        .collect();
    let today = index.config().today;
    let ended = initiative
        .needs
        .iter()
        .enumerate()
        .filter(|(j, need)| !covered.contains(j) && !need_takes_suggestions(initiative, need, today))
        .map(|(j, _)| j)
        .collect();
    let closed = (!stage_takes_suggestions(initiative.stage)).then_some(initiative.stage);
    Matches { initiative: at, partners, coalition: (best.partners, best.complete), covered, ended, closed }
}

/// A reason in the visitor's words, or `None` for reasons that say nothing in the partner's
/// favour (no period given, not quantified, and the like).
pub fn reason_text(reason: &Reason, loaded: &Loaded, texts: &LaterTexts) -> Option<String> {
    let dataset = &*loaded.dataset;
    let area = |id: &verschilmaker::AreaId| dataset.area(id).map_or(id.as_str(), |a| a.name.as_str()).to_owned();
    let words = |parts: &[&str]| join_words(parts);
    let quantity = |value: f64, unit: &verschilmaker::Unit| written::quantity(value, unit.as_str(), texts.ui);
    Some(match reason {
        Reason::SameArea { area: a } => {
            words(&[texts.r_same_area, "(", &area(a), ")"]).replace("( ", "(").replace(" )", ")")
        }
        Reason::ServesWiderArea { served, .. } => words(&[texts.r_serves_all_of, &area(served)]),
        Reason::ServesPartOfArea { served, .. } => words(&[texts.r_serves, &area(served)]),
        Reason::NeighbouringArea { served, area: a } => {
            words(&[texts.r_serves, &(area(served) + ","), texts.r_next_to, &area(a)])
        }
        Reason::WithinRadius { distance_km, .. } => {
            words(&[&written::figure(*distance_km, 1, texts.ui), texts.r_km_away])
        }
        Reason::ServesWholeMunicipality => texts.r_whole_municipality.to_owned(),
        Reason::CoversPart { offered, needed, unit } => {
            let (offered, needed) = (quantity(*offered, unit), quantity(*needed, unit));
            words(&[texts.r_offers, &offered, texts.r_of_the, &needed])
        }
        Reason::CoversAll { offered, needed, unit } => {
            let (offered, needed) = (quantity(*offered, unit), quantity(*needed, unit));
            words(&[texts.r_offers, &(offered + ","), texts.r_enough_for, &needed])
        }
        Reason::SharedThemes { shared, .. } if !shared.is_empty() => {
            let names: Vec<String> = shared
                .iter()
                .map(|id| lower_first(dataset.theme(id).map_or(id.as_str(), |t| loaded.text(&t.name))))
                .collect();
            words(&[texts.r_also_works_on, &join(names.iter().map(String::as_str)), texts.r_projects])
        }
        Reason::SharedSkills { shared, .. } if !shared.is_empty() => {
            let names = join(shared.iter().map(|id| dataset.skill(id).map_or(id.as_str(), |s| loaded.text(&s.name))));
            words(&[texts.r_brings, &lower_first(&names)])
        }
        Reason::NewSector { sector, .. } => words(&[texts.r_new_sector, texts.sector_label(*sector)]),
        Reason::SharedWords { words: shared, .. } if !shared.is_empty() => {
            words(&[texts.r_says, &join(reason.shared_words(texts.ui.code()))])
        }
        Reason::PeriodOverlap { overlap_days, needed_days } if overlap_days < needed_days => words(&[
            texts.r_available,
            &overlap_days.to_string(),
            texts.r_of_the,
            &needed_days.to_string(),
            texts.r_days,
        ]),
        _ => return None,
    })
}

/// The name with an ASCII capital first letter in lower case ("Groen" → "groen"), for names
/// inside a sentence. Why not `to_lowercase`? It is 4 KB of Unicode tables for a capital.
fn lower_first(name: &str) -> String {
    let mut out = name.to_owned();
    if let Some(first) = out.get_mut(0..1) {
        first.make_ascii_lowercase();
    }
    out
}

/// Joins non-empty words with single spaces.
fn join_words(parts: &[&str]) -> String {
    let mut out = String::new();
    for part in parts.iter().filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// One initiative's page.
#[component]
pub fn Detail(props: &DetailProps) -> Html {
    let texts = props.ui.later_texts();
    let loaded = &props.loaded;
    let dataset = &*loaded.dataset;
    let at = dataset.initiatives.iter().position(|i| i.id.as_str() == props.id);
    let found = use_memo((loaded.clone(), at), |(loaded, at)| at.map(|at| matches(loaded, at)));
    let on_back = props.on_back.reform(|_: MouseEvent| ());
    let level = props.level;
    let back = html! {
        <p><button type="button" class="vm-back vm-link-button" onclick={on_back}>{ "← " }{ texts.back }</button></p>
    };
    let (Some(at), Some(found)) = (at, found.as_ref()) else {
        return html! {
            <section class="vm-detail">
                { back }
                <Heading level={level} class="vm-detail__title" focusable=true>{ texts.not_found }</Heading>
            </section>
        };
    };
    let initiative = &dataset.initiatives[at];
    let title = loaded.text(&initiative.title);
    let sub = level.saturating_add(1);
    html! {
        <article class="vm-detail">
            { back }
            <Heading level={level} class="vm-detail__title vm-heading" focusable=true>{ data(title) }</Heading>
            if let Some(summary) = &initiative.summary {
                <p class="vm-lead">{ data(loaded.text(summary)) }</p>
            }
            { facts(loaded, initiative, texts, props.ui) }
            { help_link(dataset, title, texts, props.on_help.reform({ let id = props.id.clone(); move |_: MouseEvent| id.clone() }), &props.on_help_intent) }
            if let Some(description) = &initiative.description {
                <section class="vm-section">
                    <Heading level={sub}>{ texts.story }</Heading>
                    { for loaded.text(description).split("\n\n").map(|p| html! { <p>{ data(p) }</p> }) }
                </section>
            }
            if !initiative.links.is_empty() {
                <section class="vm-section">
                    <Heading level={sub}>{ texts.links }</Heading>
                    <ul>
                        { for initiative.links.iter().map(|l| {
                            let label = l.label.as_ref().map_or(l.url.as_str(), |t| loaded.text(t));
                            html! { <li>{ link(&l.url, label) }</li> }
                        }) }
                    </ul>
                </section>
            }
            { needs(loaded, at, texts, sub) }
            { suggestions(loaded, found, texts, sub) }
            { rules(loaded, initiative, texts, sub) }
            { edition(loaded, initiative, texts, sub, props.ui) }
        </article>
    }
}

fn facts(loaded: &Loaded, initiative: &Initiative, texts: &LaterTexts, ui: UiLang) -> Html {
    let dataset = &*loaded.dataset;
    let mut themes = initiative.themes.iter().filter_map(|t| dataset.theme(t)).map(|t| loaded.text(&t.name)).peekable();
    let has_themes = themes.peek().is_some();
    let themes = data_list(themes);
    let area =
        initiative.area.as_ref().and_then(|a| dataset.area(a)).map_or(texts.whole_municipality, |a| a.name.as_str());
    let initiators: Vec<Html> = initiative
        .initiators
        .iter()
        .map(|i| match i.sector {
            Some(sector) => html! { <>{ data(&i.name) }{ " (" }{ texts.sector_label(sector) }{ ")" }</> },
            None => data(&i.name),
        })
        .collect();
    let period = initiative.period.as_ref().map(|p| match p.end {
        Some(end) => written::span(p.start, Some(end), ui),
        None => String::from(texts.since) + " " + &written::moment(p.start, ui),
    });
    html! {
        <dl class="vm-facts">
            if has_themes {
                <dt>{ texts.themes }</dt><dd>{ themes }</dd>
            }
            <dt>{ texts.area }</dt><dd>{ data(area) }</dd>
            <dt>{ texts.stage }</dt><dd><span class="vm-stage">{ texts.stage_label(initiative.stage) }</span></dd>
            if !initiators.is_empty() {
                <dt>{ texts.initiators }</dt><dd>{ for initiators.into_iter().enumerate().map(|(n, i)| html! { <>{ if n > 0 { ", " } else { "" } }{ i }</> }) }</dd>
            }
            if let Some(period) = period {
                <dt>{ texts.period }</dt><dd>{ period }</dd>
            }
        </dl>
    }
}

/// "I want to help": the offer form for this initiative, and a link to the municipality's counter
/// (mail, else web, else phone).
fn help_link(
    dataset: &Dataset,
    title: &str,
    texts: &LaterTexts,
    on_help: Callback<MouseEvent>,
    on_intent: &Callback<()>,
) -> Html {
    let button = html! {
        <button type="button" class="vm-button vm-help__offer" onclick={on_help}
            onpointerover={on_intent.reform(|_: PointerEvent| ())} onfocus={on_intent.reform(|_: FocusEvent| ())}>
            { texts.help }
        </button>
    };
    let Some(contact) = &dataset.municipality.contact else {
        return html! { <div class="vm-help">{ button }<p class="vm-hint">{ texts.help_offer_hint }</p></div> };
    };
    let href = if let Some(email) = &contact.email {
        let mut href = String::from("mailto:");
        href.push_str(email.trim());
        href.push_str("?subject=");
        href.push_str(&js_free_encode(title));
        href
    } else if let Some(url) = &contact.url {
        url.clone()
    } else if let Some(phone) = &contact.phone {
        String::from("tel:") + &phone.replace(' ', "")
    } else {
        return Html::default();
    };
    let counter = crate::components::common::safe_href(&href).is_some().then(|| {
        html! {
            <p><a class="vm-help__counter" href={href}>{ texts.mail_counter }</a>{ " – " }{ texts.help_hint }</p>
        }
    });
    html! {
        <div class="vm-help">
            { button }
            <p class="vm-hint">{ texts.help_offer_hint }</p>
            { counter.unwrap_or_default() }
        </div>
    }
}

/// Percent-encodes a mail subject.
fn js_free_encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[usize::from(byte >> 4)]));
            out.push(char::from(b"0123456789ABCDEF"[usize::from(byte & 15)]));
        }
    }
    out
}

fn needs(loaded: &Loaded, at: usize, texts: &LaterTexts, level: u8) -> Html {
    let initiative = &loaded.dataset.initiatives[at];
    if initiative.needs.is_empty() {
        return Html::default();
    }
    let items = initiative.needs.iter().enumerate().map(|(j, need)| {
        let coverage = loaded.coverage_of(at, j);
        let done = coverage.covers(need);
        let quantity = |value: f64| written::quantity(value, need.unit.as_str(), texts.ui);
        let status = match need.amount {
            _ if done && need.amount.is_none() => texts.fully_covered.to_owned(),
            Some(amount) => {
                let covered = coverage.covered_part(amount);
                join_words(&[
                    &quantity(covered),
                    texts.of,
                    &(quantity(amount) + " " + texts.covered + ","),
                    &quantity(coverage.open_part(amount)),
                    texts.open,
                ])
            }
            None => join_words(&[texts.not_quantified, "–", if coverage.any { texts.has_commitment } else { texts.no_commitment }]),
        };
        let (covered, total) = match need.amount {
            Some(amount) => (coverage.covered_part(amount), amount),
            None => (if done { 1.0 } else { 0.0 }, 1.0),
        };
        html! {
            <li class={classes!("vm-need", done.then_some("vm-need--done"))}>
                <p class="vm-need__title">
                    <span class="vm-need__icon" aria-hidden="true">{ if done { "✓" } else { "○" } }</span>
                    <strong>{ texts.kind_label(need.kind) }</strong>
                    if let Some(description) = &need.description {
                        { ": " }{ data(loaded.text(description)) }
                    }
                    if !need.required {
                        { " (" }{ texts.optional }{ ")" }
                    }
                </p>
                { bar(covered, total) }
                <p class="vm-need__status">{ if done && need.amount.is_some() { texts.fully_covered.to_owned() + ": " + &status } else { status } }</p>
            </li>
        }
    });
    html! {
        <section class="vm-section">
            <Heading {level}>{ texts.needs }</Heading>
            <ul class="vm-needs">{ for items }</ul>
        </section>
    }
}

/// Who could help: the suggested partners for the open needs, the needs left out because they
/// are covered, and the best coalition, with a line on why when it holds a partner that is not
/// among the suggestions (it covers the required needs with the fewest partners, while the
/// suggestions rank each partner on its own); one line instead when every need is covered.
fn suggestions(loaded: &Loaded, found: &Matches, texts: &LaterTexts, level: u8) -> Html {
    let index = loaded.matching();
    let initiative = loaded.dataset.initiatives.get(found.initiative);
    let need_count = initiative.map_or(0, |i| i.needs.len());
    let all_covered = need_count > 0 && found.covered.len() == need_count;
    let kinds = |needs: &[usize]| {
        join(needs.iter().filter_map(|&j| initiative?.needs.get(j)).map(|n| texts.kind_label(n.kind)))
    };
    let (covered, ended) = (kinds(&found.covered), kinds(&found.ended));
    let partners = found.partners.iter().filter_map(|(p, score, reasons, needs)| {
        let partner = index.partner(p)?;
        let helps_with = join(
            needs
                .iter()
                .filter_map(|id| initiative?.needs.iter().find(|need| need.id == *id))
                .map(|need| texts.kind_label(need.kind)),
        );
        let reasons: Vec<String> =
            reasons.iter().filter_map(|r| reason_text(r, loaded, texts)).take(REASONS_SHOWN).collect();
        let percent = number((score * 100.0).round());
        Some(html! {
            <li class="vm-partner">
                <p class="vm-partner__name">
                    <strong>{ &partner.name }</strong>
                    if let Some(department) = &partner.department {
                        { ", " }{ department }
                    }
                    { " (" }{ texts.sector_label(partner.sector) }{ ")" }
                    <span class="vm-score">{ texts.match_score }{ " " }{ percent }{ "%" }</span>
                </p>
                <p>{ texts.helps_with }{ " " }{ helps_with }</p>
                <ul class="vm-reasons">{ for reasons.iter().map(|r| html! { <li>{ r }</li> }) }</ul>
            </li>
        })
    });
    let (members, complete) = &found.coalition;
    let names = join(members.iter().filter_map(|p| index.partner(p)).map(|p| p.name.as_str()));
    let beyond = members.iter().any(|member| !found.partners.iter().any(|(p, ..)| p == member));
    html! {
        <section class="vm-section vm-suggestions">
            <Heading {level}>{ texts.suggested }</Heading>
            if let Some(stage) = found.closed {
                <p>{ if stage == verschilmaker::Stage::Paused { texts.paused_no_suggestions } else { texts.completed_no_suggestions } }</p>
            } else if all_covered {
                <p>{ texts.all_covered }</p>
            } else {
                <p class="vm-hint">{ texts.suggested_hint }</p>
                if !covered.is_empty() {
                    <p class="vm-hint">{ String::from(texts.covered_left_out) + " " + &covered }</p>
                }
                if !ended.is_empty() {
                    <p class="vm-hint">{ String::from(texts.ended_left_out) + " " + &ended }</p>
                }
                if found.partners.is_empty() {
                    <p>{ texts.no_suggestions }</p>
                } else {
                    <ol class="vm-partners">{ for partners }</ol>
                }
                <Heading level={level.saturating_add(1)}>{ texts.coalition }</Heading>
                if members.is_empty() {
                    <p>{ texts.coalition_none }</p>
                } else {
                    <p class="vm-coalition">{ names }</p>
                    <p>{ if *complete { texts.coalition_complete } else { texts.coalition_partial } }</p>
                    if beyond {
                        <p class="vm-hint">{ texts.coalition_fewest }</p>
                    }
                }
            }
        </section>
    }
}

/// A contact's name, phone, email and website as a list of links.
pub(crate) fn contact(contact: &Contact, texts: &LaterTexts) -> Html {
    html! {
        <ul class="vm-contact">
            if let Some(name) = &contact.name {
                <li>{ name }</li>
            }
            if let Some(phone) = &contact.phone {
                <li>{ texts.phone }{ ": " }{ link(&(String::from("tel:") + &phone.replace(' ', "")), phone) }</li>
            }
            if let Some(email) = &contact.email {
                <li>{ texts.email }{ ": " }{ link(&(String::from("mailto:") + email), email) }</li>
            }
            if let Some(url) = &contact.url {
                <li>{ texts.website }{ ": " }{ link(url, url) }</li>
            }
        </ul>
    }
}

fn rules(loaded: &Loaded, initiative: &Initiative, texts: &LaterTexts, level: u8) -> Html {
    let dataset = &*loaded.dataset;
    let rules = applicable_rules(dataset, initiative);
    html! {
        <section class="vm-section">
            <Heading {level}>{ texts.rules }</Heading>
            if rules.is_empty() {
                <p>{ texts.no_rules }</p>
            } else {
                <ul class="vm-rules">
                    { for rules.iter().map(|rule| html! {
                        <li class="vm-rule">
                            <p>{ loaded.text(&rule.advice) }</p>
                            if let Some(c) = rule.contact.as_ref().or(dataset.municipality.contact.as_ref()) {
                                <p class="vm-rule__contact"><strong>{ texts.contact }</strong></p>
                                { contact(c, texts) }
                            }
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}

fn edition(loaded: &Loaded, initiative: &Initiative, texts: &LaterTexts, level: u8, ui: UiLang) -> Html {
    let Some(edition) = initiative.edition.as_ref().and_then(|id| loaded.dataset.edition(id)) else {
        return Html::default();
    };
    let when = written::span(edition.start, edition.end, ui);
    html! {
        <section class="vm-section">
            <Heading {level}>{ texts.edition }</Heading>
            <p><strong>{ loaded.text(&edition.title) }</strong></p>
            <p>{ when }if let Some(venue) = &edition.venue { { ", " }{ venue } }</p>
            if let Some(url) = &edition.url {
                <p>{ link(url, url) }</p>
            }
        </section>
    }
}
