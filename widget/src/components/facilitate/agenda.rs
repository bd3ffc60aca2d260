//! The pitch agenda (also `view="agenda"` for residents): upcoming and past editions with the
//! initiatives pitched, each as an iCalendar download; past editions show what became of their
//! initiatives.

use std::rc::Rc;

use verschilmaker::exchange::{CalendarConfig, export_icalendar};
use verschilmaker::{Dataset, DateValue, Edition};
use yew::prelude::*;

use super::io::{download, now_utc, today};
use crate::components::common::{Heading, link, sort_few_by};
use crate::data::Loaded;
use crate::i18n::UiLang;

/// The props of [`Agenda`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct AgendaProps {
    /// The dataset (the working copy in the workbench).
    pub loaded: Rc<Loaded>,
    /// The visitor's language.
    pub ui: UiLang,
    /// The level of the heading.
    pub level: u8,
}

/// The dataset reduced to what one edition's calendar needs: the municipality, the edition and
/// the initiatives pitched there (for their titles).
pub fn edition_calendar_dataset(dataset: &Dataset, edition: &Edition) -> Dataset {
    let mut reduced = Dataset::new(dataset.municipality.clone());
    reduced.schema = dataset.schema.clone();
    reduced.initiatives = edition.initiatives.iter().filter_map(|id| dataset.initiative(id).cloned()).collect();
    reduced.editions = vec![edition.clone()];
    reduced
}

/// The iCalendar text of a dataset's editions, stamped now (natively, at the Unix epoch).
pub fn calendar_text(dataset: &Dataset, lang: &str) -> String {
    let Some(now) = now_utc().or_else(|| "1970-01-01".parse::<DateValue>().ok()) else { return String::new() };
    export_icalendar(dataset, &CalendarConfig { now, languages: &[lang] })
}

/// The agenda.
#[component]
pub fn Agenda(props: &AgendaProps) -> Html {
    let ui = props.ui;
    let texts = ui.later_texts();
    let loaded = &props.loaded;
    let dataset = &*loaded.dataset;
    let failure = use_state(|| None::<String>);
    let today = today();

    let mut editions: Vec<&Edition> = dataset.editions.iter().collect();
    sort_few_by(&mut editions, |a, b| a.start.compare(b.start));
    let is_past = |edition: &Edition| {
        let last = edition.end.unwrap_or(edition.start).date();
        today.is_some_and(|today| last < today)
    };
    let (past, upcoming): (Vec<&Edition>, Vec<&Edition>) = editions.into_iter().partition(|e| is_past(e));

    let card = |edition: &Edition, past: bool| {
        let on_download = {
            let (loaded, edition, failure) = (props.loaded.clone(), edition.clone(), failure.clone());
            Callback::from(move |_: MouseEvent| {
                let reduced = edition_calendar_dataset(&loaded.dataset, &edition);
                let text = calendar_text(&reduced, &loaded.preferred[0]);
                let name = format!("pitch-{}.ics", edition.id.as_str());
                failure.set(download(&name, "text/calendar", &text).err());
            })
        };
        let when = crate::written::span(edition.start, edition.end, ui);
        let pitched = edition.initiatives.iter().map(|id| {
            let Some((at, initiative)) = dataset.initiatives.iter().enumerate().find(|(_, i)| &i.id == id) else {
                return html! { <li>{ id.as_str() }</li> };
            };
            let needs = initiative.needs.len();
            let covered = initiative
                .needs
                .iter()
                .zip(loaded.coverage.get(at).map_or(&[][..], Vec::as_slice))
                .filter(|(need, coverage)| coverage.covers(need))
                .count();
            html! {
                <li>
                    <strong>{ loaded.text(&initiative.title) }</strong>
                    if past {
                        { " — " }{ texts.f_now }{ ": " }<span class="vm-badge">{ texts.stage_label(initiative.stage) }</span>
                        if needs > 0 { { ", " }{ covered }{ " " }{ texts.of }{ " " }{ needs }{ " " }{ texts.needs_covered } }
                    }
                </li>
            }
        });
        html! {
            <li class="vm-edition" data-id={edition.id.as_str().to_owned()}>
                <Heading level={props.level.saturating_add(2).min(6)} class="vm-edition__title">{ loaded.text(&edition.title) }</Heading>
                <p class="vm-edition__when"><time datetime={edition.start.to_string()}>{ when }</time>
                    if let Some(venue) = &edition.venue { { " · " }{ venue } }
                </p>
                if let Some(url) = &edition.url { <p>{ link(url, texts.f_more_about) }</p> }
                if edition.initiatives.is_empty() {
                    <p class="vm-hint">{ texts.f_no_pitches }</p>
                } else {
                    <p>{ if past { texts.f_pitched_past } else { texts.f_pitched } }</p>
                    <ul class="vm-edition__initiatives">{ for pitched }</ul>
                }
                <button type="button" class="vm-button vm-button--secondary" onclick={on_download}>
                    { texts.f_ics }<span class="vm-visually-hidden">{ ": " }{ loaded.text(&edition.title) }</span>
                </button>
            </li>
        }
    };
    let on_all = {
        let (loaded, failure) = (props.loaded.clone(), failure.clone());
        Callback::from(move |_: MouseEvent| {
            let text = calendar_text(&loaded.dataset, &loaded.preferred[0]);
            failure.set(download("pitch-agenda.ics", "text/calendar", &text).err());
        })
    };
    let sub = props.level.saturating_add(1).min(6);
    html! {
        <div class="vm-agenda">
            <Heading level={props.level}>{ texts.f_tab_agenda }{ " – " }{ &dataset.municipality.name }</Heading>
            if dataset.editions.is_empty() {
                <p>{ texts.f_no_editions }</p>
            } else {
                <button type="button" class="vm-button" onclick={on_all}>{ texts.f_ics_all }</button>
                if let Some(error) = &*failure {
                    <p class="vm-status vm-status--error" role="alert">{ texts.f_download_failed }{ " (" }{ error }{ ")" }</p>
                }
                <section class="vm-agenda__upcoming">
                    <Heading level={sub}>{ texts.f_upcoming }</Heading>
                    if upcoming.is_empty() { <p>{ texts.f_no_upcoming }</p> }
                    else { <ul class="vm-editions">{ for upcoming.iter().map(|e| card(e, false)) }</ul> }
                </section>
                if !past.is_empty() {
                    <section class="vm-agenda__past">
                        <Heading level={sub}>{ texts.f_past }</Heading>
                        <ul class="vm-editions">{ for past.iter().rev().map(|e| card(e, true)) }</ul>
                    </section>
                }
            }
        </div>
    }
}
