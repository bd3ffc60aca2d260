//! One initiative as a card: title, summary, themes, area and stage.

use yew::prelude::*;

use crate::i18n::UiLang;
use crate::view_model::InitiativeCard;

/// The props of [`InitiativeCardView`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct InitiativeCardProps {
    /// The initiative.
    pub card: InitiativeCard,
    /// The visitor's language.
    pub ui: UiLang,
}

/// One initiative. Dataset texts are rendered as text nodes, never as markup.
#[component]
pub fn InitiativeCardView(props: &InitiativeCardProps) -> Html {
    let texts = props.ui.texts();
    let card = &props.card;
    let area = card.area.clone().unwrap_or_else(|| texts.whole_municipality.to_owned());
    html! {
        <article class="vm-card">
            <h3 class="vm-card__title">{ &card.title }</h3>
            if let Some(summary) = &card.summary {
                <p class="vm-card__summary">{ summary }</p>
            }
            <dl class="vm-facts">
                if !card.themes.is_empty() {
                    <dt>{ texts.themes }</dt>
                    <dd>{ card.themes.join(", ") }</dd>
                }
                <dt>{ texts.area }</dt>
                <dd>{ area }</dd>
                <dt>{ texts.stage }</dt>
                <dd><span class="vm-stage">{ texts.stage_label(card.stage) }</span></dd>
            </dl>
        </article>
    }
}
