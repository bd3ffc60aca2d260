//! The commitments (afspraken): who helps which initiative with what, their status and due
//! date, overdue ones marked, filtered by partner, initiative and status; the status and the
//! due date can be changed here.

use std::collections::HashMap;
use std::rc::Rc;

use verschilmaker::{CommitmentStatus, DateValue};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::Change;
use super::charts::figure;
use super::io::today;
use crate::components::common::Heading;
use crate::data::Loaded;
use crate::i18n::{UiLang, WorkbenchTexts};

/// How many commitments are shown before "show more".
const PAGE: usize = 100;

/// The props of [`Commitments`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct CommitmentsProps {
    /// The working copy.
    pub loaded: Rc<Loaded>,
    /// The visitor's language.
    pub ui: UiLang,
    /// The level of the heading.
    pub level: u8,
    /// Receives the working copy with a changed status.
    pub on_change: Callback<Change>,
}

/// The label of a status.
pub fn status_label(texts: &WorkbenchTexts, status: CommitmentStatus) -> &'static str {
    match status {
        CommitmentStatus::Proposed => texts.f_status_proposed,
        CommitmentStatus::Agreed => texts.f_status_agreed,
        CommitmentStatus::Delivered => texts.f_status_delivered,
        CommitmentStatus::Withdrawn => texts.f_status_withdrawn,
        // A status that core gained after this table: its format name until the table has words.
        _ => status.as_str(),
    }
}

/// A partner's name with its department, which tells a municipality's departments apart.
fn partner_name(partner: &verschilmaker::Partner) -> String {
    match &partner.department {
        Some(department) => format!("{} – {department}", partner.name),
        None => partner.name.clone(),
    }
}

/// The commitments.
#[component]
pub fn Commitments(props: &CommitmentsProps) -> Html {
    let ui = props.ui;
    let texts = ui.workbench_texts();
    let partner = use_state(String::new);
    let initiative = use_state(String::new);
    let status = use_state(String::new);
    let shown = use_state(|| PAGE);
    let loaded = &props.loaded;
    let dataset = &*loaded.dataset;
    let today = today();

    let select = |state: &UseStateHandle<String>| {
        let (state, shown) = (state.clone(), shown.clone());
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            state.set(select.value());
            shown.set(PAGE);
        })
    };
    // Only partners and initiatives that have commitments are offered as filters.
    let mut partners: Vec<usize> = Vec::new();
    let mut initiatives: Vec<usize> = Vec::new();
    let partner_at: HashMap<&str, usize> =
        dataset.partners.iter().enumerate().map(|(at, p)| (p.id.as_str(), at)).collect();
    let initiative_at: HashMap<&str, usize> =
        dataset.initiatives.iter().enumerate().map(|(at, i)| (i.id.as_str(), at)).collect();
    for commitment in &dataset.commitments {
        partners.extend(partner_at.get(commitment.partner.as_str()));
        initiatives.extend(initiative_at.get(commitment.initiative.as_str()));
    }
    partners.sort_unstable();
    partners.dedup();
    initiatives.sort_unstable();
    initiatives.dedup();
    // By name (title in lower case), equal names by position: one `(String, usize)` sort for
    // both, rather than a stable sort per list, which linked the standard library's stable sort
    // into the workbench bundle.
    let by_name = |keyed: Vec<(String, usize)>| {
        let mut keyed = keyed;
        keyed.sort_unstable();
        keyed.into_iter().map(|(_, at)| at).collect::<Vec<usize>>()
    };
    let partners = by_name(partners.iter().map(|&at| (dataset.partners[at].name.clone(), at)).collect());
    let initiatives = by_name(
        initiatives.iter().map(|&at| (loaded.text(&dataset.initiatives[at].title).to_lowercase(), at)).collect(),
    );

    let matching: Vec<usize> = dataset
        .commitments
        .iter()
        .enumerate()
        .filter(|(_, c)| partner.is_empty() || c.partner.as_str() == *partner)
        .filter(|(_, c)| initiative.is_empty() || c.initiative.as_str() == *initiative)
        .filter(|(_, c)| {
            status.is_empty()
                || c.status.as_str() == *status
                || (*status == "overdue" && today.is_some_and(|today| c.is_overdue(today)))
        })
        .map(|(at, _)| at)
        .collect();
    let overdue_total = dataset.commitments.iter().filter(|c| today.is_some_and(|today| c.is_overdue(today))).count();

    let rows = matching.iter().take(*shown).map(|&at| {
        let commitment = &dataset.commitments[at];
        let initiative = initiative_at.get(commitment.initiative.as_str()).map(|&at| &dataset.initiatives[at]);
        let need = initiative.and_then(|i| commitment.need.as_ref().and_then(|n| i.needs.iter().find(|need| &need.id == n)));
        let partner = partner_at.get(commitment.partner.as_str()).map(|&at| &dataset.partners[at]);
        let overdue = today.is_some_and(|today| commitment.is_overdue(today));
        let on_status = {
            let (loaded, on_change) = (props.loaded.clone(), props.on_change.clone());
            let changed = texts.f_status_changed;
            Callback::from(move |event: Event| {
                let select: HtmlSelectElement = event.target_unchecked_into();
                let Some(status) = CommitmentStatus::ALL.iter().copied().find(|s| s.as_str() == select.value()) else { return };
                let mut dataset = (*loaded.dataset).clone();
                let Some(commitment) = dataset.commitments.get_mut(at) else { return };
                commitment.status = status;
                let note = format!("{}: {changed}", commitment.id.as_str());
                on_change.emit(Change { dataset, note });
            })
        };
        let select_id = format!("vm-status-{at}");
        let due_id = format!("vm-due-{at}");
        let on_due = {
            let (loaded, on_change) = (props.loaded.clone(), props.on_change.clone());
            let changed = texts.f_due_changed;
            Callback::from(move |event: Event| {
                let input: web_sys::HtmlInputElement = event.target_unchecked_into();
                let value = input.value();
                // An emptied field removes the due date; anything else must be a date.
                let due = match value.trim() {
                    "" => None,
                    text => match text.parse::<DateValue>().ok() {
                        Some(date) => Some(date),
                        None => return,
                    },
                };
                let mut dataset = (*loaded.dataset).clone();
                let Some(commitment) = dataset.commitments.get_mut(at) else { return };
                commitment.due = due;
                let note = format!("{}: {changed}", commitment.id.as_str());
                on_change.emit(Change { dataset, note });
            })
        };
        html! {
            <tr class={classes!(overdue.then_some("vm-overdue"))} data-id={commitment.id.as_str().to_owned()}>
                <th scope="row">{ initiative.map_or(commitment.initiative.as_str(), |i| loaded.text(&i.title)) }
                    if let Some(need) = need { <br /><span class="vm-hint">{ texts.kind_label(need.kind) }</span> }
                </th>
                <td>{ partner.map_or(commitment.partner.as_str().to_owned(), partner_name) }</td>
                <td>{ commitment.amount.map(|a| {
                    let mut text = figure(a);
                    if let Some(need) = need { text.push(' '); text.push_str(texts.unit_label(need.unit.as_str())); }
                    text
                }).unwrap_or_default() }</td>
                <td>
                    <label class="vm-visually-hidden" for={select_id.clone()}>{ texts.f_status }</label>
                    <select id={select_id} class="vm-select" onchange={on_status}>
                        { for CommitmentStatus::ALL.iter().map(|s| html! {
                            <option value={s.as_str()} selected={*s == commitment.status}>{ status_label(texts, *s) }</option>
                        }) }
                    </select>
                </td>
                <td>
                    <label class="vm-visually-hidden" for={due_id.clone()}>{ texts.f_due }</label>
                    <input id={due_id} class="vm-select" type="date"
                        value={commitment.due.map(|d| d.date().to_string()).unwrap_or_default()} onchange={on_due} />
                    if overdue { <br /><span class="vm-badge vm-badge--warning"><span aria-hidden="true">{ "⚠ " }</span>{ texts.f_overdue }</span> }
                </td>
            </tr>
        }
    });
    let on_more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + PAGE))
    };
    html! {
        <div class="vm-commitments">
            <Heading level={props.level}>{ texts.f_tab_commitments }</Heading>
            <p class="vm-hint">{ dataset.commitments.len() }{ " " }{ texts.f_commitments_lower }{ ", " }{ overdue_total }{ " " }{ texts.f_overdue_lower }</p>
            <div class="vm-toolbar vm-filters-row">
                <label for="vm-filter-partner">{ texts.f_partner }</label>
                <select id="vm-filter-partner" class="vm-select" onchange={select(&partner)}>
                    <option value="" selected={partner.is_empty()}>{ texts.f_all }</option>
                    { for partners.iter().map(|&at| { let p = &dataset.partners[at]; html! {
                        <option value={p.id.as_str().to_owned()} selected={p.id.as_str() == *partner}>{ partner_name(p) }</option>
                    }}) }
                </select>
                <label for="vm-filter-initiative">{ texts.f_initiative }</label>
                <select id="vm-filter-initiative" class="vm-select" onchange={select(&initiative)}>
                    <option value="" selected={initiative.is_empty()}>{ texts.f_all }</option>
                    { for initiatives.iter().map(|&at| { let i = &dataset.initiatives[at]; html! {
                        <option value={i.id.as_str().to_owned()} selected={i.id.as_str() == *initiative}>{ loaded.text(&i.title) }</option>
                    }}) }
                </select>
                <label for="vm-filter-status">{ texts.f_status }</label>
                <select id="vm-filter-status" class="vm-select" onchange={select(&status)}>
                    <option value="" selected={status.is_empty()}>{ texts.f_all }</option>
                    { for CommitmentStatus::ALL.iter().map(|s| html! {
                        <option value={s.as_str()} selected={s.as_str() == *status}>{ status_label(texts, *s) }</option>
                    }) }
                    <option value="overdue" selected={*status == "overdue"}>{ texts.f_overdue }</option>
                </select>
            </div>
            <p class="vm-status" role="status">{ matching.len() }{ " " }{ texts.f_commitments_lower }{ " " }{ texts.found }</p>
            if !matching.is_empty() {
                <div class="vm-table-wrap" role="region" tabindex="0" aria-label={texts.f_tab_commitments}>
                    <table class="vm-table vm-commitments__table">
                        <thead><tr>
                            <th scope="col">{ texts.f_initiative }</th><th scope="col">{ texts.f_partner }</th>
                            <th scope="col">{ texts.f_quantity }</th><th scope="col">{ texts.f_status }</th><th scope="col">{ texts.f_due }</th>
                        </tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
                if matching.len() > *shown {
                    <button type="button" class="vm-button vm-button--secondary" onclick={on_more}>{ texts.more }</button>
                }
            }
        </div>
    }
}
