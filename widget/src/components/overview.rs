//! The overview: the municipality, a notice about skipped records, and the list of initiatives.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::{InitiativeCardView, SkippedNotice};
use crate::i18n::UiLang;
use crate::view_model::Overview;

/// The props of [`OverviewView`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct OverviewProps {
    /// What to show.
    pub overview: Rc<Overview>,
    /// The visitor's language.
    pub ui: UiLang,
}

/// The loaded dataset as a heading and a list of cards.
#[component]
pub fn OverviewView(props: &OverviewProps) -> Html {
    let texts = props.ui.texts();
    let overview = &props.overview;
    html! {
        <section class="vm-overview">
            <h2 class="vm-heading">{ texts.initiatives_in }{ " " }{ &overview.municipality }</h2>
            <p class="vm-subheading">{ texts.initiative_count(overview.initiatives.len()) }</p>
            if !overview.skipped.is_empty() {
                <SkippedNotice skipped={overview.skipped.clone()} ui={props.ui} />
            }
            if overview.initiatives.is_empty() {
                <p class="vm-status">{ texts.no_initiatives }</p>
            } else {
                <ul class="vm-list">
                    { for overview.initiatives.iter().map(|card| html! {
                        <li key={card.id.clone()}>
                            <InitiativeCardView card={card.clone()} ui={props.ui} />
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}
