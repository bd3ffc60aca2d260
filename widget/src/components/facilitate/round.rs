//! The allocation round: the matching engine's optimal assignment of partner capacity to open
//! needs (optionally fair across neighbourhoods), each proposal with its reasons, to accept,
//! reject or adjust, and the accepted ones turned into proposed commitments.

use std::rc::Rc;
use std::sync::Arc;

use verschilmaker::matching::{AllocationSteps, MatchConfig, MatchIndex, NeedRef, OfferRef, round_commitments};
use verschilmaker::{Commitment, Dataset};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::Change;
use super::charts::figure;
use super::io::{now_ms, today, yield_to_browser};
use crate::components::common::{Heading, fixed};
use crate::components::reason_text;
use crate::data::Loaded;
use crate::i18n::UiLang;

/// How many proposals are shown before "show more".
const PAGE: usize = 50;

/// What the facilitator decided about a proposal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Not decided yet.
    Open,
    /// To become a proposed commitment.
    Accepted,
    /// Left out.
    Rejected,
}

/// One assignment of the round, as the facilitator sees and adjusts it.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    /// The need.
    pub need: NeedRef,
    /// The offer.
    pub offer: OfferRef,
    /// The amount the round assigned.
    pub proposed: f64,
    /// The amount the facilitator settled on (at most `proposed`).
    pub amount: f64,
    /// Accepted, rejected or open.
    pub decision: Decision,
    /// The match score.
    pub score: f64,
    /// The strongest reasons, in words.
    pub reasons: Vec<String>,
}

/// The outcome of a round on one version of the working copy.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// The working copy the round ran on: proposals name its records by id.
    pub on: Rc<Loaded>,
    /// The round's match index over that copy, which finds the proposals' records by id.
    pub index: RoundIndex,
    /// The proposals.
    pub proposals: Vec<Proposal>,
    /// How long the round took, in milliseconds.
    pub millis: f64,
    /// Quantified open needs that stay (partly) unmet.
    pub unmet: usize,
}

/// The match index a round was built with (its configuration is the round's own), compared by
/// identity: one round, one index.
#[derive(Clone, Debug)]
pub struct RoundIndex(pub Rc<MatchIndex>);

impl PartialEq for RoundIndex {
    fn eq(&self, other: &RoundIndex) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Where the round stands.
#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Idle,
    /// Running: the step (1: indexing the offers, 2: finding candidates, 3: solving), and for
    /// step 2 the needs scanned and their number.
    Running(u8, usize, usize),
    Done(Rc<Outcome>),
    Failed(String),
}

/// How many needs the round scans for candidates between two turns of the page: about a tenth
/// of a second of work in Chromium.
const NEEDS_PER_STEP: usize = 500;

/// The props of [`Round`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct RoundProps {
    /// The working copy.
    pub loaded: Rc<Loaded>,
    /// The visitor's language.
    pub ui: UiLang,
    /// The level of the heading.
    pub level: u8,
    /// Receives the working copy with the new commitments.
    pub on_change: Callback<Change>,
}

/// Runs the round on `loaded`, yielding to the browser between its steps so that the busy
/// state and its progress show.
async fn run(loaded: Rc<Loaded>, config: MatchConfig, ui: UiLang, phase: UseStateHandle<Phase>) {
    phase.set(Phase::Running(1, 0, 0));
    yield_to_browser().await;
    let started = now_ms();
    // Its own index: the round's configuration (fairness floor) is not the default one.
    let index = Rc::new(MatchIndex::build(Arc::clone(&loaded.dataset), &config));
    let mut steps = AllocationSteps::new(&index);
    loop {
        let (scanned, of) = steps.progress();
        phase.set(Phase::Running(2, scanned, of));
        yield_to_browser().await;
        if !steps.scan(NEEDS_PER_STEP) {
            break;
        }
    }
    phase.set(Phase::Running(3, 0, 0));
    yield_to_browser().await;
    let result = match steps.finish() {
        Ok(result) => result,
        Err(error) => {
            phase.set(Phase::Failed(error.to_string()));
            return;
        }
    };
    let texts = ui.workbench_texts();
    let proposals = result
        .assignments
        .into_iter()
        .map(|assignment| {
            let score = assignment.explanation.score;
            let strongest = assignment.explanation.reasons_strongest_first();
            let reasons = strongest.iter().take(3).filter_map(|reason| reason_text(reason, &loaded, texts)).collect();
            Proposal {
                need: assignment.need,
                offer: assignment.offer,
                proposed: assignment.amount,
                amount: assignment.amount,
                decision: Decision::Open,
                score,
                reasons,
            }
        })
        .collect();
    let unmet = result.unmet.iter().filter(|need| need.unmet > 0.0).count();
    let millis = now_ms() - started;
    let index = RoundIndex(index);
    phase.set(Phase::Done(Rc::new(Outcome { on: loaded.clone(), index, proposals, millis, unmet })));
}

/// The accepted proposals as new proposed commitments (core's [`round_commitments`]: the id
/// scheme and the status live there).
pub fn commitments_from(dataset: &Dataset, proposals: &[Proposal], note: &str, stamp: &str) -> Vec<Commitment> {
    let accepted = proposals.iter().filter(|p| p.decision == Decision::Accepted);
    round_commitments(dataset, accepted.map(|p| (&p.need, &p.offer, p.amount)), note, stamp)
}

/// The allocation round.
#[component]
pub fn Round(props: &RoundProps) -> Html {
    let ui = props.ui;
    let texts = ui.workbench_texts();
    let phase = use_state(|| Phase::Idle);
    let fair = use_state(|| false);
    let floor = use_state(|| 25u32);
    let shown = use_state(|| PAGE);
    let message = use_state(|| None::<String>);

    let on_run = {
        let (phase, fair, floor, loaded, shown, message) =
            (phase.clone(), fair.clone(), floor.clone(), props.loaded.clone(), shown.clone(), message.clone());
        Callback::from(move |_: MouseEvent| {
            if matches!(*phase, Phase::Running(..)) {
                return;
            }
            let mut config = crate::data::match_config();
            config.fairness_floor = fair.then_some(f64::from(*floor) / 100.0);
            shown.set(PAGE);
            message.set(None);
            wasm_bindgen_futures::spawn_local(run(loaded.clone(), config, ui, phase.clone()));
        })
    };
    let on_fair = {
        let fair = fair.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            fair.set(input.checked());
        })
    };
    let on_floor = {
        let floor = floor.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            if let Ok(value) = input.value().trim().parse::<u32>() {
                floor.set(value.clamp(1, 100));
            }
        })
    };

    let update = |at: usize, change: fn(&mut Proposal, f64), value: f64| {
        let phase = phase.clone();
        move || {
            if let Phase::Done(outcome) = &*phase {
                let mut next = (**outcome).clone();
                if let Some(proposal) = next.proposals.get_mut(at) {
                    change(proposal, value);
                }
                phase.set(Phase::Done(Rc::new(next)));
            }
        }
    };
    let decide_all = |decision: Decision| {
        let phase = phase.clone();
        Callback::from(move |_: MouseEvent| {
            if let Phase::Done(outcome) = &*phase {
                let mut next = (**outcome).clone();
                for proposal in &mut next.proposals {
                    proposal.decision = decision;
                }
                phase.set(Phase::Done(Rc::new(next)));
            }
        })
    };

    let status = match &*phase {
        Phase::Idle => html! {},
        Phase::Running(step, scanned, of) => html! {
            <div class="vm-round__progress">
                <p class="vm-status vm-busy" role="status" aria-live="polite">
                    <span class="vm-spinner" aria-hidden="true"></span>
                    { texts.f_round_busy }{ " (" }{ step }{ "/3: " }
                    { match step { 1 => texts.f_round_step_index, 2 => texts.f_round_step_candidates, _ => texts.f_round_step_solving } }
                    if *step == 2 { { ", " }{ scanned }{ " " }{ texts.of }{ " " }{ of }{ " " }{ texts.f_needs_lower } }
                    { ")" }
                </p>
                if *step == 2 && *of > 0 {
                    <progress class="vm-progress" max={of.to_string()} value={scanned.to_string()} aria-label={texts.f_round_busy}></progress>
                }
            </div>
        },
        Phase::Failed(error) => html! {
            <p class="vm-status vm-status--error" role="alert">{ texts.f_round_failed }{ " (" }{ error }{ ")" }</p>
        },
        Phase::Done(outcome) if !Rc::ptr_eq(&outcome.on, &props.loaded) => html! {
            <p class="vm-status" role="status">{ texts.f_round_stale }</p>
        },
        Phase::Done(outcome) => {
            let loaded = &outcome.on;
            let index = &outcome.index.0;
            let accepted =
                outcome.proposals.iter().filter(|p| p.decision == Decision::Accepted && p.amount > 0.0).count();
            let rows = outcome.proposals.iter().enumerate().take(*shown).filter_map(|(at, proposal)| {
                let initiative = index.initiative(&proposal.need.initiative)?;
                let need = index.need(&proposal.need)?;
                let partner = index.partner(&proposal.offer.partner)?;
                let offer = index.offer(&proposal.offer)?;
                let unit = texts.unit_label(need.unit.as_str());
                let amount_id = format!("vm-round-amount-{at}");
                let on_accept = {
                    let set = update(at, |p, _| p.decision = Decision::Accepted, 0.0);
                    Callback::from(move |_: MouseEvent| set())
                };
                let on_reject = {
                    let set = update(at, |p, _| p.decision = Decision::Rejected, 0.0);
                    Callback::from(move |_: MouseEvent| set())
                };
                let on_amount = {
                    let (phase, proposed) = (phase.clone(), proposal.proposed);
                    Callback::from(move |event: Event| {
                        let input: HtmlInputElement = event.target_unchecked_into();
                        // The forms' rule for amounts (decimal comma, no thousands separators).
                        let Some(value) = verschilmaker::parse_amount(&input.value()) else { return };
                        let value = value.min(proposed);
                        if let Phase::Done(outcome) = &*phase {
                            let mut next = (**outcome).clone();
                            if let Some(p) = next.proposals.get_mut(at) {
                                p.amount = value;
                                // Adjusting is a way of accepting.
                                if p.decision == Decision::Open {
                                    p.decision = Decision::Accepted;
                                }
                            }
                            phase.set(Phase::Done(Rc::new(next)));
                        }
                    })
                };
                let (state_class, state_text) = match proposal.decision {
                    Decision::Open => ("vm-decision--open", texts.f_undecided),
                    Decision::Accepted => ("vm-decision--accepted", texts.f_accepted),
                    Decision::Rejected => ("vm-decision--rejected", texts.f_rejected),
                };
                Some(html! {
                    <li class="vm-proposal" data-need={format!("{}/{}", initiative.id.as_str(), need.id.as_str())}
                        data-offer={format!("{}/{}", partner.id.as_str(), offer.id.as_str())}>
                        <p class="vm-proposal__what">
                            <strong>{ &partner.name }</strong>{ " → " }<strong>{ loaded.text(&initiative.title) }</strong>
                            { ": " }{ crate::written::quantity(proposal.proposed, need.unit.as_str(), texts.ui) }{ " " }{ texts.kind_label(need.kind).to_lowercase() }
                            { " (" }{ texts.match_score }{ " " }{ fixed(proposal.score * 100.0, 0) }{ "%)" }
                        </p>
                        if !proposal.reasons.is_empty() {
                            <p class="vm-hint vm-proposal__why">{ crate::components::common::join(proposal.reasons.iter().map(String::as_str)) }</p>
                        }
                        <div class="vm-proposal__actions">
                            <span class={classes!("vm-decision", state_class)}>{ state_text }</span>
                            <button type="button" class="vm-button vm-button--small vm-proposal__accept" aria-pressed={if proposal.decision == Decision::Accepted { "true" } else { "false" }} onclick={on_accept}>{ texts.f_accept }</button>
                            <button type="button" class="vm-button vm-button--small vm-button--secondary vm-proposal__reject" aria-pressed={if proposal.decision == Decision::Rejected { "true" } else { "false" }} onclick={on_reject}>{ texts.f_reject }</button>
                            <label for={amount_id.clone()}>{ texts.f_quantity }{ " (" }{ unit }{ ")" }</label>
                            <input id={amount_id} class="vm-input vm-input--number" type="number" min="0" step="any"
                                max={fixed(proposal.proposed, 2)} value={figure(proposal.amount)} onchange={on_amount} />
                        </div>
                    </li>
                })
            });
            let on_more = {
                let shown = shown.clone();
                Callback::from(move |_: MouseEvent| shown.set(*shown + PAGE))
            };
            let on_commit = {
                let (phase, on_change, message, outcome) =
                    (phase.clone(), props.on_change.clone(), message.clone(), outcome.clone());
                let stamp = today().map(|d| d.to_string().replace('-', "")).unwrap_or_else(|| "0".into());
                let (note_text, made_text) = (texts.f_round_note, texts.f_commitments_made);
                Callback::from(move |_: MouseEvent| {
                    let mut dataset = (*outcome.on.dataset).clone();
                    let made = commitments_from(&dataset, &outcome.proposals, note_text, &stamp);
                    if made.is_empty() {
                        return;
                    }
                    let note = format!("{} {made_text}", made.len());
                    dataset.commitments.extend(made);
                    message.set(Some(note.clone()));
                    phase.set(Phase::Idle);
                    on_change.emit(Change { dataset, note });
                })
            };
            html! {
                <>
                    <p class="vm-status" role="status">
                        { outcome.proposals.len() }{ " " }
                        { if outcome.proposals.len() == 1 { texts.f_proposal_one } else { texts.f_proposals } }
                        { ", " }{ outcome.unmet }{ " " }
                        { if outcome.unmet == 1 { texts.f_unmet_after_one } else { texts.f_unmet_after } }
                        { " (" }{ fixed(outcome.millis, 0) }{ " ms)" }
                    </p>
                    if !outcome.proposals.is_empty() {
                        <div class="vm-toolbar">
                            <button type="button" class="vm-button vm-button--secondary" onclick={decide_all(Decision::Accepted)}>{ texts.f_accept_all }</button>
                            <button type="button" class="vm-button vm-button--secondary" onclick={decide_all(Decision::Rejected)}>{ texts.f_reject_all }</button>
                            <button type="button" class="vm-button vm-round__commit" disabled={accepted == 0} onclick={on_commit}>
                                { texts.f_make_commitments }{ " (" }{ accepted }{ ")" }
                            </button>
                        </div>
                        <ul class="vm-proposals">{ for rows }</ul>
                        if outcome.proposals.len() > *shown {
                            <button type="button" class="vm-button vm-button--secondary" onclick={on_more}>{ texts.more }</button>
                        }
                    }
                </>
            }
        }
    };
    let running = matches!(*phase, Phase::Running(..));
    // Committing replaces the proposals (and the button that had the focus) by a message: the
    // focus moves to it, so that a keyboard user goes on from there.
    let done = use_node_ref();
    {
        let done = done.clone();
        use_effect_with(message.is_some(), move |&shown| {
            if shown && let Some(message) = done.cast::<web_sys::HtmlElement>() {
                let _ = message.focus();
            }
        });
    }
    html! {
        <div class="vm-round" aria-busy={if running { "true" } else { "false" }}>
            <Heading level={props.level}>{ texts.f_tab_round }</Heading>
            <p class="vm-hint">{ texts.f_round_intro }</p>
            <div class="vm-toolbar">
                <label class="vm-option">
                    <input type="checkbox" checked={*fair} onchange={on_fair} />
                    { texts.f_fair }
                </label>
                if *fair {
                    <label class="vm-option" for="vm-round-floor">{ texts.f_floor }</label>
                    <input id="vm-round-floor" class="vm-input vm-input--number" type="number" min="1" max="100"
                        value={floor.to_string()} onchange={on_floor} />
                }
                // Not `disabled` while the round runs: a disabled button drops the keyboard focus
                // to the page's body. `on_run` ignores presses while it runs.
                <button type="button" class="vm-button vm-round__run" aria-disabled={if running { "true" } else { "false" }} onclick={on_run}>{ texts.f_run_round }</button>
            </div>
            if let Some(message) = &*message {
                <p class="vm-status vm-status--ok vm-round__done" role="status" tabindex="-1" ref={done.clone()}>{ message }{ " — " }{ texts.f_see_commitments }</p>
            }
            { status }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use verschilmaker::CommitmentStatus;

    #[test]
    fn accepted_proposals_become_proposed_commitments_with_fresh_ids() {
        let dataset = Dataset::from_json_strict(
            r#"{"schema": "verschilmaker/1", "municipality": {"name": "G", "languages": ["nl"]},
            "initiatives": [{"id": "a", "title": "A", "stage": "idea", "needs": [{"id": "geld", "kind": "funding", "amount": 600}]}],
            "partners": [{"id": "f", "name": "F", "sector": "foundation", "offers": [{"id": "s", "kind": "funding", "capacity": 1000}]}],
            "commitments": [{"id": "ronde-20260101-1", "initiative": "a", "partner": "f", "status": "withdrawn"}]}"#,
        )
        .unwrap();
        let proposal = |decision, amount| Proposal {
            need: NeedRef::new("a".parse().unwrap(), "geld".parse().unwrap()),
            offer: OfferRef::new("f".parse().unwrap(), "s".parse().unwrap()),
            proposed: 600.0,
            amount,
            decision,
            score: 0.5,
            reasons: Vec::new(),
        };
        let made = commitments_from(
            &dataset,
            &[
                proposal(Decision::Accepted, 400.0),
                proposal(Decision::Rejected, 600.0),
                proposal(Decision::Open, 600.0),
                proposal(Decision::Accepted, 0.0),
            ],
            "ronde",
            "20260101",
        );
        assert_eq!(made.len(), 1);
        assert_eq!(made[0].id.as_str(), "ronde-20260101-2", "the taken id is skipped");
        assert_eq!((made[0].status, made[0].amount), (CommitmentStatus::Proposed, Some(400.0)));
        assert_eq!(made[0].need.as_ref().map(|n| n.as_str()), Some("geld"));
        assert_eq!(made[0].offer.as_ref().map(|o| o.as_str()), Some("s"));
    }
}
