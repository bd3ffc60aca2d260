//! The "start an initiative" and "offer help" views: the forms with inline checks, the live
//! suggestions and rules beside them, the drafts that are kept as the visitor types, the outbox
//! and the hand-over to the municipality.

use std::rc::Rc;

use verschilmaker::matching::{
    Explanation, Reason, applicable_rules, explain_adhoc, suggest_for_adhoc, suggest_for_draft,
};
use verschilmaker::{Kind, Sector, record_id};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

use crate::components::common::{Heading, join, number};
use crate::components::desk::{Desk, DeskAction, Saving, fresh_id, now};
use crate::components::detail::{contact, reason_text};
use crate::data::Loaded;
use crate::draft::{FieldError, Form, NeedForm, OfferForm, Problem, STEPS, StartForm, kind_of, submission};
use crate::handover::{MailTo, Target, announce, json_data_url, mailto, post, print};
use crate::i18n::{LaterTexts, UiLang};
use crate::route::Route;
use crate::storage::{self, Item};

/// How many partners or needs the live lists show.
const LIVE: usize = 5;

/// The props of [`Forms`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct FormsProps {
    /// The dataset.
    pub loaded: Rc<Loaded>,
    /// The visitor's language.
    pub ui: UiLang,
    /// The level of the view's heading.
    pub level: u8,
    /// The start form (else the offer form).
    pub start: bool,
    /// For the offer form: the initiative the visitor wants to help.
    #[prop_or_default]
    pub for_initiative: Option<String>,
    /// The `submit-to` attribute.
    #[prop_or_default]
    pub submit_to: AttrValue,
    /// Navigation to another view.
    pub on_nav: Callback<Route>,
}

type Dispatch = UseReducerDispatcher<Desk>;

/// The value of the input, select or text area an event came from.
fn value_of(event: &Event) -> String {
    event
        .target()
        .and_then(|t| js_sys::Reflect::get(&t, &"value".into()).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// A callback that applies `set` with the field's new value to a copy of the form.
///
/// `set` is a function pointer rather than an `impl Fn`, and so is `list` in [`toggle`]: with a
/// closure type per field, each of the forms' 30-odd fields instantiated these functions and
/// their callbacks anew in the wasm bundle; now there is one copy per form and event type.
fn edit<F: Clone + 'static, E: AsRef<Event> + 'static>(
    form: &F,
    wrap: fn(F) -> Form,
    dispatch: &Dispatch,
    set: fn(&mut F, String),
) -> Callback<E> {
    let (form, dispatch) = (form.clone(), dispatch.clone());
    Callback::from(move |event: E| {
        let mut next = form.clone();
        set(&mut next, value_of(event.as_ref()));
        dispatch.dispatch(DeskAction::Edit(wrap(next)));
    })
}

/// A callback that adds or removes `value` in a list of the form.
fn toggle<F: Clone + 'static>(
    form: &F,
    wrap: fn(F) -> Form,
    dispatch: &Dispatch,
    value: String,
    list: fn(&mut F) -> &mut Vec<String>,
) -> Callback<Event> {
    let (form, dispatch) = (form.clone(), dispatch.clone());
    Callback::from(move |_: Event| {
        let mut next = form.clone();
        crate::route::toggle(list(&mut next), value.clone());
        dispatch.dispatch(DeskAction::Edit(wrap(next)));
    })
}

/// The rows of a [`checkboxes`] group: each `(id, label)` of `items`, checked when `chosen` holds
/// the id, switched in `list` of the form when clicked.
fn choices<F: Clone + 'static>(
    form: &F,
    wrap: fn(F) -> Form,
    dispatch: &Dispatch,
    chosen: &[String],
    items: Vec<(String, String)>,
    list: fn(&mut F) -> &mut Vec<String>,
) -> Vec<(String, String, bool, Callback<Event>)> {
    items
        .into_iter()
        .map(|(id, label)| {
            let checked = chosen.contains(&id);
            let on_toggle = toggle(form, wrap, dispatch, id.clone(), list);
            (id, label, checked, on_toggle)
        })
        .collect()
}

/// [`edit`] for a field of the start form's need `i`.
fn edit_need<E: AsRef<Event> + 'static>(
    form: &StartForm,
    dispatch: &Dispatch,
    i: usize,
    set: fn(&mut NeedForm, String),
) -> Callback<E> {
    let (form, dispatch) = (form.clone(), dispatch.clone());
    Callback::from(move |event: E| {
        let mut next = form.clone();
        set(&mut next.needs[i], value_of(event.as_ref()));
        dispatch.dispatch(DeskAction::Edit(Form::Start(next)));
    })
}

/// [`toggle`] for the skills of the start form's need `i`.
fn toggle_need_skill(form: &StartForm, dispatch: &Dispatch, i: usize, value: String) -> Callback<Event> {
    let (form, dispatch) = (form.clone(), dispatch.clone());
    Callback::from(move |_: Event| {
        let mut next = form.clone();
        crate::route::toggle(&mut next.needs[i].skills, value.clone());
        dispatch.dispatch(DeskAction::Edit(Form::Start(next)));
    })
}

/// A click handler that dispatches `action()`.
fn click(desk: &UseReducerHandle<Desk>, action: impl Fn() -> DeskAction + 'static) -> Callback<MouseEvent> {
    let dispatch = desk.dispatcher();
    Callback::from(move |_: MouseEvent| dispatch.dispatch(action()))
}

fn problem_text(texts: &LaterTexts, problem: Problem) -> &'static str {
    match problem {
        Problem::Required => texts.e_required,
        Problem::Postcode => texts.e_postcode,
        Problem::PostcodeOutside => texts.e_postcode_outside,
        Problem::Date => texts.e_date,
        Problem::EndBeforeStart => texts.e_end_before_start,
        Problem::Amount => texts.e_amount,
        Problem::Email => texts.e_email,
        Problem::ContactNeeded => texts.e_contact,
        Problem::NoNeeds => texts.e_no_needs,
    }
}

/// What one field needs to show: its problem, when the checks are shown.
struct Checks<'a> {
    errors: &'a [FieldError],
    texts: &'static LaterTexts,
}

impl Checks<'_> {
    fn of(&self, field: &str) -> Option<&'static str> {
        self.errors.iter().find(|e| e.field == field).map(|e| problem_text(self.texts, e.problem))
    }
}

/// A labelled text control with its hint and inline error, linked by `aria-describedby`.
#[allow(clippy::too_many_arguments)] // One per part of a field; a struct would only rename them.
fn text_field(
    id: &str,
    label: &str,
    hint: Option<&str>,
    value: &str,
    checks: &Checks<'_>,
    kind: &'static str,
    autocomplete: Option<&'static str>,
    oninput: Callback<InputEvent>,
) -> Html {
    let error = checks.of(id);
    let mut described = Vec::new();
    if hint.is_some() {
        described.push(format!("{id}-hint"));
    }
    if error.is_some() {
        described.push(format!("{id}-error"));
    }
    let described = (!described.is_empty()).then(|| described.join(" "));
    let invalid = error.map(|_| "true");
    let control = if kind == "textarea" {
        html! {
            <textarea id={id.to_owned()} class="vm-input vm-textarea" rows="4" value={value.to_owned()}
                aria-describedby={described} aria-invalid={invalid} {oninput} />
        }
    } else {
        html! {
            <input id={id.to_owned()} class="vm-input" type={kind} value={value.to_owned()} autocomplete={autocomplete}
                aria-describedby={described} aria-invalid={invalid} {oninput} />
        }
    };
    html! {
        <div class={classes!("vm-field", error.map(|_| "vm-field--invalid"))}>
            <label class="vm-label" for={id.to_owned()}>{ label }</label>
            if let Some(hint) = hint {
                <span class="vm-hint" id={format!("{id}-hint")}>{ hint }</span>
            }
            if let Some(error) = error {
                <p class="vm-field-error" id={format!("{id}-error")}>
                    <span aria-hidden="true">{ "⚠ " }</span>{ error }
                </p>
            }
            { control }
        </div>
    }
}

/// A group of checkboxes, one per `(value, label)`.
fn checkboxes(
    id: &str,
    legend: &str,
    hint: Option<&str>,
    options: Vec<(String, String, bool, Callback<Event>)>,
) -> Html {
    let described = hint.map(|_| format!("{id}-hint"));
    html! {
        <fieldset class="vm-fieldset vm-field" aria-describedby={described}>
            <legend>{ legend }</legend>
            if let Some(hint) = hint {
                <span class="vm-hint" id={format!("{id}-hint")}>{ hint }</span>
            }
            <div class="vm-options vm-options--wrap">
                { for options.into_iter().enumerate().map(|(i, (_, label, checked, onchange))| {
                    let box_id = format!("{id}-{i}");
                    html! {
                        <div class="vm-option">
                            <input type="checkbox" id={box_id.clone()} {checked} {onchange} />
                            <label for={box_id}>{ label }</label>
                        </div>
                    }
                }) }
            </div>
        </fieldset>
    }
}

/// A select with a label.
fn select(id: &str, label: &str, value: &str, options: Vec<(String, String)>, onchange: Callback<Event>) -> Html {
    html! {
        <div class="vm-field">
            <label class="vm-label" for={id.to_owned()}>{ label }</label>
            <select id={id.to_owned()} class="vm-input" {onchange}>
                { for options.into_iter().map(|(v, l)| html! { <option selected={v == value} value={v.clone()}>{ l }</option> }) }
            </select>
        </div>
    }
}

/// Moves the focus to the element with `id` inside the widget.
fn focus_field(root: &NodeRef, id: &str) {
    let Some(root) = root.cast::<web_sys::Element>() else { return };
    if let Some(target) =
        root.query_selector(&format!("#{id}")).ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = target.focus();
    }
}

fn sectors(texts: &LaterTexts) -> Vec<(String, String)> {
    Sector::ALL.iter().map(|s| (s.as_str().to_owned(), capitalise(texts.sector_label(*s)))).collect()
}

fn kinds(texts: &LaterTexts) -> Vec<(String, String)> {
    Kind::ALL.iter().map(|k| (k.as_str().to_owned(), texts.kind_label(*k).to_owned())).collect()
}

/// "bewoners" → "Bewoners", for option labels.
fn capitalise(text: &str) -> String {
    let mut out = text.to_owned();
    if let Some(first) = out.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    out
}

/// Both forms, with the drafts, outbox and storage notice around them.
#[component]
pub fn Forms(props: &FormsProps) -> Html {
    let texts = props.ui.later_texts();
    let loaded = &props.loaded;
    let dataset = &*loaded.dataset;
    let desk = {
        let ns = storage::namespace(dataset.municipality.code.as_deref(), &dataset.municipality.name);
        let start = props.start;
        let for_initiative = props.for_initiative.clone();
        let loaded = props.loaded.clone();
        use_reducer(move || {
            let dataset = &*loaded.dataset;
            let helping =
                for_initiative.as_ref().and_then(|id| dataset.initiatives.iter().position(|i| i.id.as_str() == id));
            let form = match helping {
                _ if start => Form::Start(StartForm::default()),
                Some(at) => {
                    let initiative = &dataset.initiatives[at];
                    // Its first need that is still open, by the same rule as its page.
                    let open =
                        initiative.needs.iter().enumerate().find(|(j, need)| !loaded.coverage_of(at, *j).covers(need));
                    Form::Offer(OfferForm::helping(dataset, initiative, open.map(|(_, need)| need)))
                }
                None => Form::Offer(OfferForm {
                    interest: for_initiative.iter().cloned().collect(),
                    ..OfferForm::default()
                }),
            };
            let fresh = Item::new(fresh_id(), fresh_id(), form, now());
            let tab = fresh.tab.clone();
            Desk::new(ns, tab, fresh, move |item| match (&item.form, &for_initiative) {
                (Form::Start(_), _) => start,
                (Form::Offer(offer), Some(id)) => !start && offer.interest.contains(id),
                (Form::Offer(_), None) => !start,
            })
        })
    };
    let root = use_node_ref();

    // Another tab's saves arrive as `storage` events.
    {
        let dispatch = desk.dispatcher();
        use_effect_with((), move |()| {
            let callback = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
                let get = |name: &str| js_sys::Reflect::get(&event, &name.into()).ok().and_then(|v| v.as_string());
                dispatch.dispatch(DeskAction::External(get("key"), get("newValue")));
            });
            if let Some(window) = web_sys::window() {
                let _ = window.add_event_listener_with_callback("storage", callback.as_ref().unchecked_ref());
            }
            move || {
                if let Some(window) = web_sys::window() {
                    let _ = window.remove_event_listener_with_callback("storage", callback.as_ref().unchecked_ref());
                }
            }
        });
    }

    let target = Target::parse(&props.submit_to);
    let send = {
        let dispatch = desk.dispatcher();
        let target = target.clone();
        let root = root.clone();
        Callback::from(move |(id, document): (String, String)| {
            let taken = root.cast::<web_sys::Element>().is_some_and(|r| announce(&r, &document));
            if taken {
                dispatch.dispatch(DeskAction::Posted(id, Ok(())));
                return;
            }
            if let Target::Refused(why) = &target {
                web_sys::console::warn_1(&format!("verschil-maker: {why}; the submission was not sent").into());
            }
            if let Target::Post(url) = &target {
                dispatch.dispatch(DeskAction::Posting(id.clone()));
                let (dispatch, url) = (dispatch.clone(), url.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let result = post(&url, &document).await;
                    dispatch.dispatch(DeskAction::Posted(id, result));
                });
            }
        })
    };
    let retry = {
        let dispatch = desk.dispatcher();
        let target = target.clone();
        Callback::from(move |(id, document): (String, String)| {
            if let Target::Post(url) = &target {
                dispatch.dispatch(DeskAction::Posting(id.clone()));
                let (dispatch, url) = (dispatch.clone(), url.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let result = post(&url, &document).await;
                    dispatch.dispatch(DeskAction::Posted(id, result));
                });
            }
        })
    };

    let level = props.level;
    let sub = level.saturating_add(1);
    let title = if props.start { texts.nav_start } else { texts.nav_offer };
    let on_back = props.on_nav.reform(|_: MouseEvent| Route::Discover);
    let current = desk.current().cloned();
    let body = match &current {
        Some(item) if item.sent.is_some() => handover(item, &desk, props, &target, &retry, texts, sub),
        Some(Item { form: Form::Start(form), .. }) => html! {
            <StartView form={form.clone()} loaded={loaded.clone()} ui={props.ui} level={sub}
                show_errors={desk.show_errors} desk={desk.dispatcher()} root={root.clone()}
                id={desk.current.clone()} send={send.clone()} on_nav={props.on_nav.clone()} />
        },
        Some(Item { form: Form::Offer(form), .. }) => html! {
            <OfferView form={form.clone()} loaded={loaded.clone()} ui={props.ui} level={sub}
                show_errors={desk.show_errors} desk={desk.dispatcher()} root={root.clone()}
                id={desk.current.clone()} send={send.clone()} on_nav={props.on_nav.clone()} />
        },
        None => Html::default(),
    };
    html! {
        <section class="vm-form-page" ref={root}>
            <p><button type="button" class="vm-back vm-link-button" onclick={on_back}>{ "← " }{ texts.to_overview }</button></p>
            <Heading {level} class="vm-form__title vm-heading" focusable=true>{ title }</Heading>
            { saving_notice(&desk, current.as_ref(), texts) }
            { drafts(&desk, props.start, texts, sub) }
            { body }
            { outbox(&desk, props, &target, &retry, texts, sub) }
            { stored(&desk, texts, sub) }
        </section>
    }
}

/// Whether the draft is kept, and what to do when it is not.
fn saving_notice(desk: &UseReducerHandle<Desk>, current: Option<&Item>, texts: &LaterTexts) -> Html {
    let download = current.map(|item| {
        let href = json_data_url(&storage::encode(item));
        let name = format!("verschilmaker-concept-{}.json", item.id);
        html! { <a class="vm-button vm-button--secondary" href={href} download={name}>{ texts.download_draft }</a> }
    });
    match desk.saving {
        Saving::Idle => Html::default(),
        Saving::Saved => html! {
            <p class="vm-saved" role="status"><span aria-hidden="true">{ "✓ " }</span>{ texts.saved }</p>
        },
        Saving::Unavailable | Saving::Full => html! {
            <div class="vm-notice vm-not-saved" role="alert">
                <p>{ if desk.saving == Saving::Full { texts.not_saved_full } else { texts.not_saved_unavailable } }</p>
                <p>{ download.unwrap_or_default() }</p>
            </div>
        },
        Saving::Conflict => {
            let theirs = click(desk, move || DeskAction::TakeTheirs);
            let mine = click(desk, move || DeskAction::KeepMine);
            html! {
                <div class="vm-notice vm-conflict" role="alert">
                    <p>{ texts.conflict }</p>
                    <p class="vm-actions">
                        <button type="button" class="vm-button vm-button--secondary" onclick={theirs}>{ texts.conflict_theirs }</button>
                        <button type="button" class="vm-button" onclick={mine}>{ texts.conflict_mine }</button>
                    </p>
                </div>
            }
        }
    }
}

/// The other drafts of this form, to continue one or begin a new one.
fn drafts(desk: &UseReducerHandle<Desk>, start: bool, texts: &LaterTexts, level: u8) -> Html {
    let others: Vec<&Item> = desk
        .items
        .iter()
        .filter(|i| i.sent.is_none() && i.form.is_start() == start && i.id != desk.current && i.rev > 0)
        .collect();
    // The confirmation page has its own "begin a new draft"; an unsent draft that is kept is
    // worth a way to begin another.
    let current_started = desk.current().is_some_and(|i| i.rev > 0 && i.sent.is_none());
    if others.is_empty() && !current_started {
        return Html::default();
    }
    let blank = if start { Form::Start(StartForm::default()) } else { Form::Offer(OfferForm::default()) };
    let on_new = click(desk, move || DeskAction::New(blank.clone()));
    // The draft in the form is listed too, so that a visitor who comes back sees what is kept.
    let current = desk.current().filter(|_| current_started).map(|item| shown_label(item, texts));
    html! {
        <section class="vm-drafts">
            <Heading {level}>{ texts.drafts }</Heading>
            <ul class="vm-list-plain">
                if let Some(label) = current {
                    <li class="vm-draft vm-draft--current" aria-current="true">{ "“" }{ label }{ "” " }{ texts.draft_open_now }</li>
                }
                { for others.iter().map(|item| {
                        let label = shown_label(item, texts);
                        let open = { let id = item.id.clone(); click(desk, move || DeskAction::Open(id.clone())) };
                        let delete = { let id = item.id.clone(); click(desk, move || DeskAction::Delete(id.clone())) };
                        html! {
                            <li class="vm-draft">
                                <button type="button" class="vm-link-button" onclick={open}>{ texts.continue_with }{ " “" }{ &label }{ "”" }</button>
                                { " " }
                                <button type="button" class="vm-link-button vm-danger" onclick={delete}
                                    aria-label={format!("{} “{}”", texts.delete, label)}>{ texts.delete }</button>
                            </li>
                        }
                    }) }
            </ul>
            <p><button type="button" class="vm-button vm-button--secondary" onclick={on_new}>{ texts.new_draft }</button></p>
        </section>
    }
}

/// The hand-over of a sent item: its status and every way to pass it on.
fn handover_actions(
    item: &Item,
    desk: &UseReducerHandle<Desk>,
    props: &FormsProps,
    target: &Target,
    retry: &Callback<(String, String)>,
    texts: &LaterTexts,
) -> Html {
    let Some(sent) = &item.sent else { return Html::default() };
    let sending = desk.sending.contains(&item.id);
    let unkept = !sent.confirmed && desk.is_unkept(&item.id);
    let status = if sent.confirmed {
        html! { <p class="vm-sent vm-sent--ok" role="status"><span aria-hidden="true">{ "✓ " }</span>{ texts.status_received }</p> }
    } else if sending {
        html! { <p class="vm-sent" role="status">{ texts.status_sending }</p> }
    } else if let Some(error) = &sent.error {
        let failed = if unkept { texts.status_failed_unkept } else { texts.status_failed };
        html! { <p class="vm-sent vm-sent--failed" role="alert"><span aria-hidden="true">{ "⚠ " }</span>{ failed }{ " " }{ error }</p> }
    } else {
        html! { <p class="vm-sent" role="status">{ texts.status_waiting }</p> }
    };
    let dataset = &props.loaded.dataset;
    let address = match target {
        Target::Mail(to) => Some(to.clone()),
        _ => dataset
            .municipality
            .contact
            .as_ref()
            .and_then(|c| c.email.clone())
            .map(|address| MailTo { address, ..MailTo::default() }),
    };
    let subject = String::from(texts.mail_subject) + " " + &shown_label(item, texts);
    let retry_button = (matches!(target, Target::Post(_)) && !sent.confirmed).then(|| {
        let (id, document) = (item.id.clone(), sent.document.clone());
        let onclick = retry.reform(move |_: MouseEvent| (id.clone(), document.clone()));
        html! { <button type="button" class="vm-button" onclick={onclick} disabled={sending}>{ texts.retry_send }</button> }
    });
    let remove = {
        let id = item.id.clone();
        click(desk, move || DeskAction::Delete(id.clone()))
    };
    html! {
        <div class="vm-handover" data-id={item.id.clone()}>
            { status }
            if unkept {
                <p class="vm-notice vm-not-kept" role="alert">{ texts.not_kept }</p>
            }
            <p class="vm-hint">{ texts.handover_hint }</p>
            <p class="vm-actions">
                { retry_button.unwrap_or_default() }
                if let Some(address) = address {
                    <a class="vm-button vm-button--secondary vm-mail" href={mailto(&address, &subject, &sent.document)}>{ texts.by_email }</a>
                }
                <a class="vm-button vm-button--secondary vm-download" href={json_data_url(&sent.document)}
                    download={format!("verschilmaker-{}.json", item.id)}>{ texts.download_file }</a>
                <button type="button" class="vm-button vm-button--secondary" onclick={Callback::from(|_: MouseEvent| print())}>{ texts.print }</button>
                if !sent.confirmed {
                    <button type="button" class="vm-link-button vm-danger" onclick={remove}>{ texts.remove_item }</button>
                }
            </p>
        </div>
    }
}

/// The page after "send": what was sent and how the hand-over stands.
fn handover(
    item: &Item,
    desk: &UseReducerHandle<Desk>,
    props: &FormsProps,
    target: &Target,
    retry: &Callback<(String, String)>,
    texts: &LaterTexts,
    level: u8,
) -> Html {
    let blank = if props.start { Form::Start(StartForm::default()) } else { Form::Offer(OfferForm::default()) };
    let again = click(desk, move || DeskAction::New(blank.clone()));
    let document = item.sent.as_ref().map(|s| s.document.clone()).unwrap_or_default();
    html! {
        <section class="vm-section vm-confirmation">
            <Heading {level}>{ texts.your_submission }{ ": " }{ shown_label(item, texts) }</Heading>
            { handover_actions(item, desk, props, target, retry, texts) }
            <details class="vm-details">
                <summary>{ texts.details }</summary>
                <pre class="vm-document" tabindex="0">{ document }</pre>
            </details>
            <p><button type="button" class="vm-button vm-button--secondary" onclick={again}>{ texts.new_draft }</button></p>
        </section>
    }
}

/// Every item still waiting for its hand-over, except the one shown above.
fn outbox(
    desk: &UseReducerHandle<Desk>,
    props: &FormsProps,
    target: &Target,
    retry: &Callback<(String, String)>,
    texts: &LaterTexts,
    level: u8,
) -> Html {
    // Items confirmed in this visit stay listed (no longer stored), so the visitor sees it worked.
    let waiting: Vec<&Item> = desk.items.iter().filter(|i| i.sent.is_some() && i.id != desk.current).collect();
    if waiting.is_empty() {
        return Html::default();
    }
    html! {
        <section class="vm-section vm-outbox">
            <Heading {level}>{ texts.outbox }</Heading>
            <p class="vm-hint">{ texts.outbox_hint }</p>
            <ul class="vm-list-plain">
                { for waiting.iter().map(|item| html! {
                    <li class="vm-outbox__item">
                        <p><strong>{ shown_label(item, texts) }</strong></p>
                        { handover_actions(item, desk, props, target, retry, texts) }
                    </li>
                }) }
            </ul>
        </section>
    }
}

/// What is stored and why, with the button that deletes it all.
fn stored(desk: &UseReducerHandle<Desk>, texts: &LaterTexts, level: u8) -> Html {
    let count =
        desk.items.iter().filter(|i| i.rev > 0 && !i.sent.as_ref().is_some_and(|s| s.confirmed)).count() + desk.kept;
    let clear = click(desk, move || DeskAction::ClearAll);
    html! {
        <section class="vm-section vm-stored">
            <Heading {level}>{ texts.stored_title }</Heading>
            <p>{ texts.stored_text }</p>
            <p class="vm-stored__count">{ texts.stored_now }{ " " }{ count }{ " " }{ texts.stored_items }</p>
            { set_aside(desk.kept, texts) }
            <p><button type="button" class="vm-button vm-button--secondary vm-danger" onclick={clear}>{ texts.delete_all }</button></p>
            if desk.cleared {
                <p class="vm-saved" role="status">{ texts.deleted_all }</p>
            }
        </section>
    }
}

/// An item's name in lists and headings: its label, cut after [`LABEL_CHARS`] characters (a
/// title can be as long as storage allows), or "untitled".
fn shown_label(item: &Item, texts: &LaterTexts) -> String {
    let label = item.form.label();
    if label.is_empty() {
        return texts.untitled.to_owned();
    }
    match label.char_indices().nth(LABEL_CHARS) {
        Some((end, _)) => String::from(label.get(..end).unwrap_or(label).trim_end()) + "…",
        None => label.to_owned(),
    }
}

/// How many characters of a draft's title lists show.
const LABEL_CHARS: usize = 80;

/// What the widget found in storage and could not read: left alone, and said.
fn set_aside(count: usize, texts: &LaterTexts) -> Html {
    match count {
        0 => Html::default(),
        1 => html! { <p class="vm-notice vm-set-aside" role="status">{ texts.set_aside_one }</p> },
        _ => html! { <p class="vm-notice vm-set-aside" role="status">{ count }{ " " }{ texts.set_aside_many }</p> },
    }
}

/// The props of the two form views.
#[derive(Clone, PartialEq, Properties)]
pub struct ViewProps<F: Clone + PartialEq> {
    form: F,
    loaded: Rc<Loaded>,
    ui: UiLang,
    level: u8,
    show_errors: bool,
    desk: Dispatch,
    root: NodeRef,
    /// The item id, the base of the record id.
    id: String,
    /// Hands a submission (item id, document) over.
    send: Callback<(String, String)>,
    on_nav: Callback<Route>,
}

fn wrap_start(form: StartForm) -> Form {
    Form::Start(form)
}

fn wrap_offer(form: OfferForm) -> Form {
    Form::Offer(form)
}

/// Sending either form: with errors, show them and focus the first; else make the submission
/// document (its record id from `name`), keep it in the outbox and hand it over.
fn on_submit<F: Clone + PartialEq>(
    props: &ViewProps<F>,
    form: Form,
    name: &str,
    errors: Vec<FieldError>,
) -> Callback<SubmitEvent> {
    let (d, root, send, loaded, id) =
        (props.desk.clone(), props.root.clone(), props.send.clone(), props.loaded.clone(), props.id.clone());
    let name = name.to_owned();
    Callback::from(move |event: SubmitEvent| {
        event.prevent_default();
        if let Some(first) = errors.first() {
            d.dispatch(DeskAction::ShowErrors(true));
            focus_field(&root, &first.field);
            return;
        }
        let record = record_id(&name, &id);
        let at = now();
        let document = submission(&form, &loaded.dataset, &record, &at).to_json();
        d.dispatch(DeskAction::Submit(document.clone(), at));
        send.emit((id.clone(), document));
    })
}

/// The step-by-step start form with the live suggestions and rules beside it.
#[component]
fn StartView(props: &ViewProps<StartForm>) -> Html {
    let texts = props.ui.later_texts();
    let loaded = &props.loaded;
    let dataset = &*loaded.dataset;
    let form = &props.form;
    let d = &props.desk;
    let step = form.step.min(STEPS - 1);
    let plan = form.initiative(dataset, "x-draft");
    // The suggestions do not depend on the texts (only the rules' keywords do), so typing a
    // title or story does not rebuild the match index; on large data that takes milliseconds.
    let mut scored = plan.clone();
    scored.title = verschilmaker::Text::plain("");
    scored.summary = None;
    scored.description = None;
    let live = use_memo((loaded.clone(), scored), |(loaded, plan)| {
        suggest_for_draft(&loaded.dataset, &crate::data::match_config(), plan, LIVE)
    });
    // The focus follows the step, but not on the first render (the page heading gets it then).
    {
        let root = props.root.clone();
        let previous = use_mut_ref(|| None::<u8>);
        use_effect_with(step, move |&step| {
            let before = previous.borrow_mut().replace(step);
            if before.is_some_and(|b| b != step)
                && let Some(heading) = root
                    .cast::<web_sys::Element>()
                    .and_then(|r| r.query_selector(".vm-form__step").ok().flatten())
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = heading.focus();
            }
        });
    }
    // A need just added gets the focus, so that a keyboard user fills it in next.
    {
        let root = props.root.clone();
        let previous = use_mut_ref(|| None::<usize>);
        use_effect_with(form.needs.len(), move |&count| {
            let before = previous.borrow_mut().replace(count);
            if before.is_some_and(|b| count > b) {
                focus_field(&root, &format!("vm-s-need-{}-kind", count - 1));
            }
        });
    }
    let all_errors = form.errors(None, dataset);
    let step_errors = form.errors(Some(step), dataset);
    let shown: &[FieldError] =
        if props.show_errors { if step + 1 == STEPS { &all_errors } else { &step_errors } } else { &[] };
    let checks = Checks { errors: shown, texts };
    let go = |to: u8| {
        let (form, d) = (form.clone(), d.clone());
        Callback::from(move |_: MouseEvent| {
            let mut next = form.clone();
            next.step = to;
            d.dispatch(DeskAction::ShowErrors(false));
            d.dispatch(DeskAction::Edit(Form::Start(next)));
        })
    };
    let next = {
        let (form, d, root) = (form.clone(), d.clone(), props.root.clone());
        let errors = step_errors.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if let Some(first) = errors.first() {
                d.dispatch(DeskAction::ShowErrors(true));
                focus_field(&root, &first.field);
                return;
            }
            let mut next = form.clone();
            next.step = (step + 1).min(STEPS - 1);
            d.dispatch(DeskAction::ShowErrors(false));
            d.dispatch(DeskAction::Edit(Form::Start(next)));
        })
    };
    let submit = on_submit(props, Form::Start(form.clone()), &form.title, all_errors.clone());
    let step_names = [texts.step_what, texts.step_where, texts.step_needs, texts.step_who, texts.step_check];
    let fields = match step {
        0 => html! { <>
            { text_field("vm-s-title", texts.f_title, None, &form.title, &checks, "text", None,
                edit(form, wrap_start, d, |f, v| f.title = v)) }
            { text_field("vm-s-summary", texts.f_summary, Some(texts.f_summary_hint), &form.summary, &checks, "textarea", None,
                edit(form, wrap_start, d, |f, v| f.summary = v)) }
            { text_field("vm-s-description", texts.f_description, None, &form.description, &checks, "textarea", None,
                edit(form, wrap_start, d, |f, v| f.description = v)) }
        </> },
        1 => {
            let items = dataset.themes.iter().map(|t| (t.id.as_str().to_owned(), loaded.text(&t.name).to_owned()));
            let themes = choices(form, wrap_start, d, &form.themes, items.collect(), |f| &mut f.themes);
            let mut areas = vec![(String::new(), texts.f_area_none.to_owned())];
            areas.extend(dataset.areas.iter().map(|a| (a.id.as_str().to_owned(), a.name.clone())));
            html! { <>
                { checkboxes("vm-s-themes", texts.themes, None, themes) }
                { select("vm-s-area", texts.f_area, &form.area, areas, edit(form, wrap_start, d, |f, v| f.area = v)) }
                { text_field("vm-s-postcode", texts.f_postcode, Some(texts.f_postcode_hint), &form.postcode, &checks, "text", Some("postal-code"),
                    edit(form, wrap_start, d, |f, v| f.postcode = v)) }
                { text_field("vm-s-start", texts.f_start, None, &form.start, &checks, "date", None,
                    edit(form, wrap_start, d, |f, v| f.start = v)) }
                { text_field("vm-s-end", texts.f_end, None, &form.end, &checks, "date", None,
                    edit(form, wrap_start, d, |f, v| f.end = v)) }
            </> }
        }
        2 => {
            let add = {
                let (form, d) = (form.clone(), d.clone());
                Callback::from(move |_: MouseEvent| {
                    let mut next = form.clone();
                    next.needs.push(NeedForm { kind: Kind::Volunteers.as_str().to_owned(), ..NeedForm::default() });
                    d.dispatch(DeskAction::Edit(Form::Start(next)));
                })
            };
            let add_error = checks.of("vm-s-add-need");
            html! { <>
                { for form.needs.iter().enumerate().map(|(i, need)| need_fields(form, i, need, loaded, &checks, d, texts)) }
                if let Some(error) = add_error {
                    <p class="vm-field-error" id="vm-s-add-need-error"><span aria-hidden="true">{ "⚠ " }</span>{ error }</p>
                }
                <p><button type="button" id="vm-s-add-need" class="vm-button vm-button--secondary" onclick={add}
                    aria-describedby={add_error.map(|_| "vm-s-add-need-error")}>{ "+ " }{ texts.add_need }</button></p>
            </> }
        }
        3 => html! { <>
            { text_field("vm-s-initiator", texts.f_initiator, Some(texts.f_initiator_hint), &form.initiator, &checks, "text", Some("name"),
                edit(form, wrap_start, d, |f, v| f.initiator = v)) }
            { select("vm-s-sector", texts.f_sector, &form.sector, { let mut o = vec![(String::new(), texts.choose.to_owned())]; o.extend(sectors(texts)); o },
                edit(form, wrap_start, d, |f, v| f.sector = v)) }
            <p class="vm-hint" id="vm-s-contact-hint">{ texts.f_contact_hint }</p>
            { text_field("vm-s-contact-name", texts.f_contact_name, None, &form.contact_name, &checks, "text", Some("name"),
                edit(form, wrap_start, d, |f, v| f.contact_name = v)) }
            { text_field("vm-s-email", texts.email, None, &form.email, &checks, "email", Some("email"),
                edit(form, wrap_start, d, |f, v| f.email = v)) }
            { text_field("vm-s-phone", texts.phone, None, &form.phone, &checks, "tel", Some("tel"),
                edit(form, wrap_start, d, |f, v| f.phone = v)) }
        </> },
        _ => summary(form, loaded, texts, &go),
    };
    let last = step + 1 == STEPS;
    html! {
        <div class="vm-form-layout">
            <form class="vm-form" novalidate=true onsubmit={if last { submit } else { next }}>
                <ol class="vm-steps">
                    { for step_names.iter().enumerate().map(|(i, name)| {
                        let current = (i as u8 == step).then_some("step");
                        html! { <li class={classes!("vm-steps__item", current.map(|_| "vm-steps__item--current"))} aria-current={current}>{ *name }</li> }
                    }) }
                </ol>
                <Heading level={props.level} class="vm-form__step" focusable=true>
                    { texts.step }{ " " }{ step + 1 }{ " " }{ texts.of }{ " " }{ STEPS }{ ": " }{ step_names[usize::from(step)] }
                </Heading>
                if !shown.is_empty() {
                    { error_summary(shown, &props.root, texts) }
                }
                { fields }
                <p class="vm-actions">
                    if step > 0 {
                        <button type="button" class="vm-button vm-button--secondary" onclick={go(step - 1)}>{ "← " }{ texts.previous }</button>
                    }
                    <button type="submit" class="vm-button vm-form__next">{ if last { texts.submit.to_owned() } else { String::from(texts.next) + " →" } }</button>
                </p>
            </form>
            <aside class="vm-live" aria-live="polite">
                { live_partners(&live, &plan, loaded, texts, props.level) }
                { live_rules(&plan, loaded, texts, props.level) }
            </aside>
        </div>
    }
}

/// One need's fields.
fn need_fields(
    form: &StartForm,
    i: usize,
    need: &NeedForm,
    loaded: &Loaded,
    checks: &Checks<'_>,
    d: &Dispatch,
    texts: &LaterTexts,
) -> Html {
    let kind = kind_of(&need.kind);
    let prefix = format!("vm-s-need-{i}");
    let skills = loaded
        .dataset
        .skills
        .iter()
        .map(|s| {
            let id = s.id.as_str().to_owned();
            let checked = need.skills.contains(&id);
            (id.clone(), loaded.text(&s.name).to_owned(), checked, toggle_need_skill(form, d, i, id))
        })
        .collect();
    let remove = {
        let (form, d) = (form.clone(), d.clone());
        Callback::from(move |_: MouseEvent| {
            let mut next = form.clone();
            if i < next.needs.len() {
                next.needs.remove(i);
            }
            d.dispatch(DeskAction::Edit(Form::Start(next)));
        })
    };
    let amount_label = String::from(texts.f_amount) + " " + texts.unit_label(kind.default_unit().as_str());
    html! {
        <fieldset class="vm-fieldset vm-need-form">
            <legend>{ texts.need_n }{ " " }{ i + 1 }</legend>
            { select(&format!("{prefix}-kind"), texts.need_kinds, &need.kind, kinds(texts),
                edit_need(form, d, i, |n, v| n.kind = v)) }
            { text_field(&format!("{prefix}-amount"), &amount_label, None, &need.amount, checks, "text", None,
                edit_need(form, d, i, |n, v| n.amount = v)) }
            if !loaded.dataset.skills.is_empty() {
                { checkboxes(&format!("{prefix}-skills"), texts.f_skills, None, skills) }
            }
            { text_field(&format!("{prefix}-description"), texts.f_need_description, None, &need.description, checks, "text", None,
                edit_need(form, d, i, |n, v| n.description = v)) }
            <p><button type="button" class="vm-link-button vm-danger" onclick={remove}>{ texts.remove_need }{ " " }{ i + 1 }</button></p>
        </fieldset>
    }
}

/// The list of problems above the fields, each a button to its field.
fn error_summary(errors: &[FieldError], root: &NodeRef, texts: &LaterTexts) -> Html {
    html! {
        <div class="vm-error-summary" role="alert">
            <p><strong>{ texts.errors_title }</strong></p>
            <ul>
                { for errors.iter().map(|e| {
                    let (root, field) = (root.clone(), e.field.clone());
                    let onclick = Callback::from(move |_: MouseEvent| focus_field(&root, &field));
                    html! { <li><button type="button" class="vm-link-button" {onclick}>{ problem_text(texts, e.problem) }</button></li> }
                }) }
            </ul>
        </div>
    }
}

/// The last step: everything entered, with a way back to each step.
fn summary(form: &StartForm, loaded: &Loaded, texts: &LaterTexts, go: &impl Fn(u8) -> Callback<MouseEvent>) -> Html {
    let dataset = &*loaded.dataset;
    let or_not = |v: &str| if v.trim().is_empty() { texts.not_given.to_owned() } else { v.trim().to_owned() };
    let themes = join(
        form.themes
            .iter()
            .filter_map(|t| dataset.themes.iter().find(|x| x.id.as_str() == t))
            .map(|t| loaded.text(&t.name)),
    );
    let plan = form.initiative(dataset, "x-draft");
    let area = plan.area.as_ref().and_then(|a| dataset.area(a)).map_or(texts.whole_municipality, |a| a.name.as_str());
    // Dates as people write them when they are dates, else as typed (the checks say what is wrong).
    let written = |text: &str| {
        text.parse::<verschilmaker::DateValue>()
            .map_or_else(|_| text.to_owned(), |d| crate::written::moment(d, texts.ui))
    };
    let period = match (form.start.trim(), form.end.trim()) {
        ("", "") => texts.not_given.to_owned(),
        (start, "") => String::from(texts.since) + " " + &written(start),
        (start, end) => written(start) + " – " + &written(end),
    };
    let needs: Vec<String> = plan
        .needs
        .iter()
        .map(|n| {
            let mut line = String::from(texts.kind_label(n.kind));
            if let Some(amount) = n.amount {
                line.push_str(": ");
                line.push_str(&crate::written::quantity(amount, n.unit.as_str(), texts.ui));
            }
            if let Some(d) = &n.description {
                line.push_str(" – ");
                line.push_str(loaded.text(d));
            }
            line
        })
        .collect();
    let contact =
        join([form.contact_name.trim(), form.email.trim(), form.phone.trim()].into_iter().filter(|v| !v.is_empty()));
    let row = |label: &str, value: Html, step: u8| {
        html! {
            <div class="vm-summary__row">
                <dt>{ label }</dt>
                <dd>{ value }{ " " }<button type="button" class="vm-link-button" onclick={go(step)}
                    aria-label={format!("{} – {}", texts.change, label)}>{ texts.change }</button></dd>
            </div>
        }
    };
    html! { <>
        <p class="vm-hint">{ texts.check_hint }</p>
        <dl class="vm-summary">
            { row(texts.f_title, Html::from(or_not(&form.title)), 0) }
            { row(texts.f_summary, Html::from(or_not(&form.summary)), 0) }
            { row(texts.themes, Html::from(if themes.is_empty() { texts.not_given.to_owned() } else { themes }), 1) }
            { row(texts.area, Html::from(area), 1) }
            { row(texts.period, Html::from(period), 1) }
            { row(texts.needs, if needs.is_empty() { Html::from(texts.not_given) } else { html! { <ul>{ for needs.iter().map(|n| html! { <li>{ n }</li> }) }</ul> } }, 2) }
            { row(texts.initiators, Html::from(or_not(&form.initiator)), 3) }
            { row(texts.contact, Html::from(if contact.is_empty() { texts.not_given.to_owned() } else { contact }), 3) }
        </dl>
    </> }
}

/// The partners that could help with the needs entered so far.
fn live_partners(
    live: &[verschilmaker::matching::DraftSuggestion],
    plan: &verschilmaker::Initiative,
    loaded: &Loaded,
    texts: &LaterTexts,
    level: u8,
) -> Html {
    let dataset = &*loaded.dataset;
    html! {
        <section class="vm-live__section vm-live-partners">
            <Heading {level}>{ texts.suggested }</Heading>
            <p class="vm-hint">{ texts.live_hint }</p>
            if plan.needs.is_empty() {
                <p>{ texts.live_no_needs }</p>
            } else if live.is_empty() {
                <p>{ texts.no_suggestions }</p>
            } else {
                <ol class="vm-partners">
                    { for live.iter().filter_map(|s| {
                        // A few suggestions: a look-up by id in the dataset, so that the start
                        // form does not build the dataset's match index only for this.
                        let partner = dataset.partner(&s.partner)?;
                        let helps = join(
                            s.needs
                                .iter()
                                .filter_map(|id| plan.needs.iter().find(|n| n.id == *id))
                                .map(|n| texts.kind_label(n.kind)),
                        );
                        let reasons: Vec<String> = s.reasons.iter().filter_map(|r| reason_text(r, loaded, texts)).take(3).collect();
                        Some(html! {
                            <li class="vm-partner" data-id={partner.id.as_str().to_owned()}>
                                <p class="vm-partner__name"><strong>{ &partner.name }</strong>{ " (" }{ texts.sector_label(partner.sector) }{ ")" }
                                    <span class="vm-score">{ texts.match_score }{ " " }{ number((s.score * 100.0).round()) }{ "%" }</span></p>
                                <p>{ texts.helps_with }{ " " }{ helps }</p>
                                <ul class="vm-reasons">{ for reasons.iter().map(|r| html! { <li>{ r }</li> }) }</ul>
                            </li>
                        })
                    }) }
                </ol>
            }
        </section>
    }
}

/// The policy rules that apply to the plan as it stands, with whom to contact.
fn live_rules(plan: &verschilmaker::Initiative, loaded: &Loaded, texts: &LaterTexts, level: u8) -> Html {
    let dataset = &*loaded.dataset;
    let rules = applicable_rules(dataset, plan);
    html! {
        <section class="vm-live__section vm-live-rules">
            <Heading {level}>{ texts.rules }</Heading>
            if rules.is_empty() {
                <p>{ texts.no_rules }</p>
            } else {
                <ul class="vm-rules">
                    { for rules.iter().map(|rule| html! {
                        <li class="vm-rule" data-id={rule.id.as_str().to_owned()}>
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

/// The offer form with where the helper fits beside it.
#[component]
fn OfferView(props: &ViewProps<OfferForm>) -> Html {
    let texts = props.ui.later_texts();
    let loaded = &props.loaded;
    let dataset = &*loaded.dataset;
    let form = &props.form;
    let d = &props.desk;
    // Keyed on what matching sees, so that typing a name or an address does not rebuild the index.
    // The dataset's match index is built once per load and kept in `Loaded`.
    let fits = use_memo((loaded.clone(), form.adhoc()), |(loaded, offer)| {
        let index = loaded.matching();
        suggest_for_adhoc(index, offer, LIVE)
            .into_iter()
            .map(|s| {
                let reasons: Vec<Reason> =
                    explain_adhoc(index, offer, &s.need).map(Explanation::reasons_strongest_first).unwrap_or_default();
                (s.need, s.score, reasons)
            })
            .collect::<Vec<_>>()
    });
    let errors = form.errors();
    let shown: &[FieldError] = if props.show_errors { &errors } else { &[] };
    let checks = Checks { errors: shown, texts };
    let submit = on_submit(props, Form::Offer(form.clone()), &form.name, errors.clone());
    let interest: Vec<(String, String)> = form
        .interest
        .iter()
        .map(|id| {
            let title =
                dataset.initiatives.iter().find(|i| i.id.as_str() == id).map_or(id.as_str(), |i| loaded.text(&i.title));
            (id.clone(), title.to_owned())
        })
        .collect();
    let items = dataset.skills.iter().map(|s| (s.id.as_str().to_owned(), loaded.text(&s.name).to_owned()));
    let skills = choices(form, wrap_offer, d, &form.skills, items.collect(), |f| &mut f.skills);
    let items = dataset.areas.iter().filter(|a| a.parent.is_none()).map(|a| (a.id.as_str().to_owned(), a.name.clone()));
    let areas = choices(form, wrap_offer, d, &form.areas, items.collect(), |f| &mut f.areas);
    let items = dataset.themes.iter().map(|t| (t.id.as_str().to_owned(), loaded.text(&t.name).to_owned()));
    let themes = choices(form, wrap_offer, d, &form.themes, items.collect(), |f| &mut f.themes);
    let kind = kind_of(&form.kind);
    let amount_label = if form.per_month() {
        texts.o_hours.to_owned()
    } else {
        String::from(texts.f_amount) + " " + texts.unit_label(kind.default_unit().as_str())
    };
    let open = |id: String| props.on_nav.reform(move |_: MouseEvent| Route::Initiative(id.clone()));
    html! {
        <div class="vm-form-layout">
            <form class="vm-form" novalidate=true onsubmit={submit}>
                <p class="vm-lead">{ texts.offer_intro }</p>
                if !interest.is_empty() {
                    <p class="vm-interest">{ texts.o_interest }{ " " }{ join(interest.iter().map(|(_, t)| t.as_str())) }</p>
                }
                if !shown.is_empty() {
                    { error_summary(shown, &props.root, texts) }
                }
                { text_field("vm-o-name", texts.o_name, None, &form.name, &checks, "text", Some("name"),
                    edit(form, wrap_offer, d, |f, v| f.name = v)) }
                { select("vm-o-sector", texts.f_sector, &form.sector, sectors(texts), edit(form, wrap_offer, d, |f, v| f.sector = v)) }
                { select("vm-o-kind", texts.o_kind, &form.kind, kinds(texts), edit(form, wrap_offer, d, |f, v| f.kind = v)) }
                { text_field("vm-o-amount", &amount_label, None, &form.amount, &checks, "text", None,
                    edit(form, wrap_offer, d, |f, v| f.amount = v)) }
                if !dataset.skills.is_empty() {
                    { checkboxes("vm-o-skills", texts.o_skills, None, skills) }
                }
                { checkboxes("vm-o-areas", texts.o_areas, Some(texts.o_areas_hint), areas) }
                { checkboxes("vm-o-themes", texts.o_themes, None, themes) }
                { text_field("vm-o-description", texts.f_need_description, None, &form.description, &checks, "textarea", None,
                    edit(form, wrap_offer, d, |f, v| f.description = v)) }
                <p class="vm-hint">{ texts.f_contact_hint }</p>
                { text_field("vm-o-email", texts.email, None, &form.email, &checks, "email", Some("email"),
                    edit(form, wrap_offer, d, |f, v| f.email = v)) }
                { text_field("vm-o-phone", texts.phone, None, &form.phone, &checks, "tel", Some("tel"),
                    edit(form, wrap_offer, d, |f, v| f.phone = v)) }
                <p class="vm-actions"><button type="submit" class="vm-button vm-form__next">{ texts.submit }</button></p>
            </form>
            <aside class="vm-live" aria-live="polite">
                <section class="vm-live__section vm-fits">
                    <Heading level={props.level}>{ texts.fits }</Heading>
                    <p class="vm-hint">{ texts.fits_hint }</p>
                    if fits.is_empty() {
                        <p>{ texts.no_fits }</p>
                    } else {
                        <ol class="vm-partners">
                            { for fits.iter().filter_map(|(need, score, reasons)| {
                                let initiative = loaded.matching().initiative(&need.initiative)?;
                                let wanted = form.interest.iter().any(|i| i == initiative.id.as_str());
                                let need_data = loaded.matching().need(need)?;
                                let reasons: Vec<String> = reasons.iter().filter_map(|r| reason_text(r, loaded, texts)).take(3).collect();
                                Some(html! {
                                    <li class={classes!("vm-partner", "vm-fit", wanted.then_some("vm-fit--wanted"))} data-id={initiative.id.as_str().to_owned()}>
                                        <p class="vm-partner__name">
                                            <button type="button" class="vm-link-button" onclick={open(initiative.id.as_str().to_owned())}>{ loaded.text(&initiative.title) }</button>
                                            <span class="vm-score">{ texts.match_score }{ " " }{ number((score * 100.0).round()) }{ "%" }</span>
                                        </p>
                                        <p>{ texts.kind_label(need_data.kind) }
                                            if let Some(description) = &need_data.description { { ": " }{ loaded.text(description) } }
                                        </p>
                                        <ul class="vm-reasons">{ for reasons.iter().map(|r| html! { <li>{ r }</li> }) }</ul>
                                    </li>
                                })
                            }) }
                        </ol>
                    }
                </section>
            </aside>
        </div>
    }
}
