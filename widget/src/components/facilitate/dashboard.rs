//! The dashboard: where help is missing and where it comes from, from core's insights — needs
//! per kind, theme and area (with the area map shaded by open needs), capacity offered and
//! used, the pipeline by stage, the sector mix, and the gaps no partner can fill.

use std::rc::Rc;

use verschilmaker::Sector;
use verschilmaker::insights::{Insights, NeedTotals, insights_on};
use yew::prelude::*;

use super::charts::{Chart, ChartRow, bar_chart};
use crate::components::AreaMap;
use crate::components::common::Heading;
use crate::data::Loaded;
use crate::i18n::{Texts, UiLang};

/// The props of [`Dashboard`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct DashboardProps {
    /// The working copy.
    pub loaded: Rc<Loaded>,
    /// The visitor's language.
    pub ui: UiLang,
    /// The level of the section headings.
    pub level: u8,
}

/// "40 uur" or "€ 1.200".
fn amount(ui: UiLang, value: f64, unit: &str) -> String {
    crate::written::quantity(value, unit, ui)
}

/// A kind with its unit, when the unit is not the kind's usual one ("Ruimte (uur)").
fn kind_unit(texts: &Texts, kind: verschilmaker::Kind, unit: &str) -> String {
    let mut label = texts.kind_label(kind).to_owned();
    if kind.default_unit().as_str() != unit {
        label.push_str(" (");
        label.push_str(texts.unit_label(unit));
        label.push(')');
    }
    label
}

/// Needs and open needs over a group's totals.
fn counts(totals: &[NeedTotals]) -> (usize, usize) {
    totals.iter().fold((0, 0), |(needs, open), row| (needs + row.needs, open + row.open_needs))
}

/// Covered and open needs as chart parts, with the counts as extra cells.
fn need_row(label: String, totals: &[NeedTotals], initiatives: Option<usize>) -> ChartRow {
    let (needs, open) = counts(totals);
    let mut extra = vec![needs.to_string()];
    if let Some(initiatives) = initiatives {
        extra.push(initiatives.to_string());
    }
    ChartRow { label, parts: vec![(needs - open) as f64, open as f64], extra }
}

/// The dashboard.
#[component]
pub fn Dashboard(props: &DashboardProps) -> Html {
    let ui = props.ui;
    let texts = ui.workbench_texts();
    let loaded = props.loaded.clone();
    let figures: Rc<Insights> = use_memo(loaded.clone(), |loaded| insights_on(&loaded.dataset, crate::data::today()));
    let chosen_area = use_state(|| None::<String>);
    let dataset = &*loaded.dataset;
    let level = props.level;
    let covered_open: [(&str, &'static str); 2] =
        [(texts.f_covered, "vm-series-covered"), (texts.f_open, "vm-series-open")];

    let needs_total: usize = figures.by_kind.iter().map(|row| row.needs).sum();
    let open_total: usize = figures.by_kind.iter().map(|row| row.open_needs).sum();
    let offers_total: usize = dataset.partners.iter().map(|p| p.offers.len()).sum();
    let summary = [
        (texts.col_initiatives, dataset.initiatives.len()),
        (texts.f_needs, needs_total),
        (texts.col_open_needs, open_total),
        (texts.f_partners, dataset.partners.len()),
        (texts.f_offers, offers_total),
        (texts.f_tab_commitments, dataset.commitments.len()),
    ];

    let kind_rows: Vec<ChartRow> = figures
        .by_kind
        .iter()
        .map(|row| ChartRow {
            label: kind_unit(texts, row.kind, &row.unit),
            parts: vec![(row.needs - row.open_needs) as f64, row.open_needs as f64],
            extra: vec![
                row.needs.to_string(),
                amount(ui, row.needed, &row.unit),
                amount(ui, row.covered, &row.unit),
                amount(ui, row.open, &row.unit),
            ],
        })
        .collect();
    let theme_rows: Vec<ChartRow> = figures
        .by_theme
        .iter()
        .filter_map(|group| {
            let theme = dataset.theme(&group.key)?;
            Some(need_row(loaded.text(&theme.name).to_owned(), &group.totals, Some(group.initiatives)))
        })
        .collect();
    let area_rows: Vec<ChartRow> = figures
        .by_area
        .iter()
        .map(|group| {
            let label = match &group.key {
                Some(id) => dataset.area(id).map_or(id.as_str(), |a| a.name.as_str()).to_owned(),
                None => texts.whole_municipality.to_owned(),
            };
            need_row(label, &group.totals, Some(group.initiatives))
        })
        .collect();
    let capacity_rows: Vec<ChartRow> = figures
        .capacity
        .iter()
        .map(|row| {
            let used = row.used.min(row.offered).max(0.0);
            ChartRow {
                label: kind_unit(texts, row.kind, &row.unit),
                parts: vec![used, (row.offered - used).max(0.0)],
                extra: vec![
                    row.offers.to_string(),
                    amount(ui, row.offered, &row.unit),
                    amount(ui, row.used, &row.unit),
                ],
            }
        })
        .collect();
    let stage_rows: Vec<ChartRow> = figures
        .stages
        .iter()
        .map(|row| ChartRow {
            label: texts.stage_label(row.stage).to_owned(),
            parts: vec![row.initiatives as f64],
            extra: Vec::new(),
        })
        .collect();
    let sector_rows: Vec<ChartRow> = Sector::ALL
        .iter()
        .map(|&sector| {
            let initiatives =
                figures.sector_mix.iter().filter(|mix| mix.sectors.iter().any(|(s, _)| *s == sector)).count();
            let partners = dataset.partners.iter().filter(|p| p.sector == sector).count();
            let mut label = texts.sector_label(sector).to_owned();
            // ASCII only, as every sector name starts: full Unicode upper-casing costs 3 KB of wasm.
            if let Some(first) = label.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            ChartRow { label, parts: vec![initiatives as f64], extra: vec![partners.to_string()] }
        })
        .collect();
    let mixed = figures.sector_mix.iter().filter(|mix| mix.sectors.len() >= 2).count();

    let title_of = |id: &verschilmaker::InitiativeId| {
        dataset.initiative(id).map_or(id.as_str(), |initiative| loaded.text(&initiative.title)).to_owned()
    };
    let gaps = figures.area_gaps.iter().map(|gap| {
        let area = match &gap.key {
            Some(id) => dataset.area(id).map_or(id.as_str(), |a| a.name.as_str()).to_owned(),
            None => texts.whole_municipality.to_owned(),
        };
        let titles: Vec<String> = gap.initiatives.iter().take(12).map(title_of).collect();
        let more = gap.initiatives.len().saturating_sub(titles.len());
        html! {
            <li class="vm-gap">
                <strong>{ area }{ ": " }{ kind_unit(texts, gap.kind, &gap.unit) }</strong>
                { " — " }{ gap.needs }{ " " }{ if gap.needs == 1 { texts.f_need_one } else { texts.f_need_many } }
                if gap.open > 0.0 { { ", " }{ amount(ui, gap.open, &gap.unit) }{ " " }{ texts.open } }
                <br />
                <span class="vm-hint">{ texts.col_initiatives }{ ": " }{ crate::components::common::join(titles.iter().map(String::as_str)) }
                    if more > 0 { { " " }{ texts.f_and_more }{ " " }{ more } }
                </span>
            </li>
        }
    });
    let theme_gap_rows = figures.theme_gaps.iter().map(|gap| {
        let theme = dataset.theme(&gap.key).map_or(gap.key.as_str(), |t| loaded.text(&t.name));
        html! {
            <tr>
                <th scope="row">{ theme }</th>
                <td>{ kind_unit(texts, gap.kind, &gap.unit) }</td>
                <td>{ gap.needs }</td>
                <td>{ amount(ui, gap.open, &gap.unit) }</td>
            </tr>
        }
    });

    let area_counts: Vec<usize> =
        (0..dataset.areas.len()).map(|at| figures.by_area.get(at).map_or(0, |g| g.initiatives)).collect();
    let on_area = {
        let chosen_area = chosen_area.clone();
        Callback::from(move |id: String| {
            chosen_area.set(if chosen_area.as_deref() == Some(id.as_str()) { None } else { Some(id) })
        })
    };
    let chosen = chosen_area.as_ref().and_then(|id| {
        let at = dataset.areas.iter().position(|a| a.id.as_str() == id)?;
        let group = figures.by_area.get(at)?;
        let (needs, open) = counts(&group.totals);
        Some(html! {
            <p class="vm-dashboard__area" role="status">
                <strong>{ &dataset.areas[at].name }</strong>{ ": " }
                { texts.initiative_count(group.initiatives) }{ ", " }{ needs }{ " " }{ if needs == 1 { texts.f_need_one } else { texts.f_needs_lower } }{ ", " }
                { open }{ " " }{ if open == 1 { texts.open_need_lower } else { texts.open_needs_lower } }
            </p>
        })
    });
    let selected: Vec<String> = chosen_area.iter().cloned().collect();

    html! {
        <div class="vm-dashboard">
            <Heading {level}>{ texts.f_tab_dashboard }</Heading>
            <dl class="vm-figures">
                { for summary.iter().map(|(label, value)| html! {
                    <div class="vm-figures__item"><dt>{ *label }</dt><dd>{ value }</dd></div>
                }) }
            </dl>
            <section class="vm-dashboard__section">
                <Heading level={level.saturating_add(1).min(6)}>{ texts.f_gaps_title }</Heading>
                <p class="vm-hint">{ texts.f_gaps_hint }</p>
                if figures.area_gaps.is_empty() {
                    <p>{ texts.f_no_gaps }</p>
                } else {
                    <ul class="vm-gaps">{ for gaps }</ul>
                    <details class="vm-details">
                        <summary>{ texts.f_gaps_by_theme }</summary>
                        <div class="vm-table-wrap" role="region" tabindex="0" aria-label={texts.f_gaps_by_theme}><table class="vm-table">
                            <thead><tr><th scope="col">{ texts.themes }</th><th scope="col">{ texts.need_kinds }</th>
                                <th scope="col">{ texts.f_needs }</th><th scope="col">{ texts.f_open }</th></tr></thead>
                            <tbody>{ for theme_gap_rows }</tbody>
                        </table></div>
                    </details>
                }
            </section>
            <div class="vm-dashboard__charts">
                { bar_chart(&Chart { id: "kind", caption: texts.f_chart_kind, label_header: texts.need_kinds,
                    series: &covered_open, table_toggle: texts.f_as_table,
                    extra_headers: &[texts.f_needs, texts.f_needed_amount, texts.f_covered_amount, texts.f_open_amount] }, &kind_rows) }
                { bar_chart(&Chart { id: "theme", caption: texts.f_chart_theme, label_header: texts.themes,
                    series: &covered_open, table_toggle: texts.f_as_table,
                    extra_headers: &[texts.f_needs, texts.col_initiatives] }, &theme_rows) }
                { bar_chart(&Chart { id: "area", caption: texts.f_chart_area, label_header: texts.area,
                    series: &covered_open, table_toggle: texts.f_as_table,
                    extra_headers: &[texts.f_needs, texts.col_initiatives] }, &area_rows) }
            </div>
            <AreaMap loaded={loaded.clone()} counts={area_counts} {selected} by_open={true} {ui}
                level={level.saturating_add(1).min(6)} {on_area} on_shade={Callback::noop()}
                choose_shade={false} hint={texts.f_map_hint} />
            { chosen }
            <div class="vm-dashboard__charts">
                { bar_chart(&Chart { id: "capacity", caption: texts.f_chart_capacity, label_header: texts.need_kinds,
                    series: &[(texts.f_used, "vm-series-covered"), (texts.f_free, "vm-series-free")], table_toggle: texts.f_as_table,
                    extra_headers: &[texts.f_offers, texts.f_offered_amount, texts.f_used_amount] }, &capacity_rows) }
                { bar_chart(&Chart { id: "stage", caption: texts.f_chart_stage, label_header: texts.stage,
                    series: &[(texts.col_initiatives, "vm-series-stage")], table_toggle: texts.f_as_table,
                    extra_headers: &[] }, &stage_rows) }
                { bar_chart(&Chart { id: "sector", caption: texts.f_chart_sector, label_header: texts.f_sector_col,
                    series: &[(texts.col_initiatives, "vm-series-sector")], table_toggle: texts.f_as_table,
                    extra_headers: &[texts.f_partners] }, &sector_rows) }
            </div>
            <p class="vm-hint">{ texts.f_mixed }{ ": " }{ mixed }{ " " }{ texts.of }{ " " }{ dataset.initiatives.len() }</p>
        </div>
    }
}
