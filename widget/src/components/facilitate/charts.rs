//! Bar charts drawn as SVG, each with the same figures as a table: the picture for those who
//! would rather look, the table for screen readers and for those who want the numbers.
//!
//! No style attributes: the strict CSP forbids them, so sizes are SVG attributes and colours
//! come from classes in the stylesheet.

use yew::prelude::*;

use crate::components::common::fixed;

/// One bar: its label, its stacked parts (one per series) and extra table cells.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartRow {
    /// The label, shown beside the bar and as the table's row header.
    pub label: String,
    /// One value per series, stacked left to right.
    pub parts: Vec<f64>,
    /// Further cells for the table only (amounts in their units, for example).
    pub extra: Vec<String>,
}

/// What a chart shows: a caption, the series with their CSS classes, and extra table columns.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart<'a> {
    /// The element id stem (unique within the widget), for the caption the SVG is labelled by.
    pub id: &'a str,
    /// The caption.
    pub caption: &'a str,
    /// The header of the label column.
    pub label_header: &'a str,
    /// Each series' name and class (`vm-series-1` …).
    pub series: &'a [(&'a str, &'static str)],
    /// Headers of the extra table columns.
    pub extra_headers: &'a [&'a str],
    /// The text of the "as a table" toggle.
    pub table_toggle: &'a str,
}

/// The width of the drawing: labels, then bars, then the total.
const WIDTH: f64 = 640.0;
const LABEL_WIDTH: f64 = 210.0;
const BAR_WIDTH: f64 = 350.0;
const ROW_HEIGHT: f64 = 26.0;

/// A number for the picture and the table: whole, or with one decimal.
pub fn figure(value: f64) -> String {
    crate::components::common::number(value)
}

/// A horizontal stacked bar chart with its table.
pub fn bar_chart(chart: &Chart<'_>, rows: &[ChartRow]) -> Html {
    let max = rows.iter().map(|row| row.parts.iter().sum::<f64>()).fold(0.0f64, f64::max);
    let height = (rows.len().max(1) as f64) * ROW_HEIGHT + 4.0;
    let caption_id = format!("vm-chart-{}", chart.id);
    let bars = rows.iter().enumerate().map(|(at, row)| {
        let y = at as f64 * ROW_HEIGHT + 2.0;
        let mut x = LABEL_WIDTH;
        let mut label: String = row.label.chars().take(30).collect();
        if row.label.chars().count() > 30 {
            label.push('…');
        }
        let segments = row.parts.iter().zip(chart.series).map(|(&value, (_, class))| {
            let width = if max > 0.0 { value.max(0.0) / max * BAR_WIDTH } else { 0.0 };
            let rect = html! {
                <rect class={*class} x={fixed(x, 1)} y={fixed(y + 4.0, 1)} width={fixed(width, 1)} height={fixed(ROW_HEIGHT - 8.0, 1)} />
            };
            x += width;
            rect
        });
        let total: f64 = row.parts.iter().sum();
        html! {
            <g>
                <text class="vm-chart__label" x={fixed(LABEL_WIDTH - 6.0, 1)} y={fixed(y + ROW_HEIGHT / 2.0 + 5.0, 1)} text-anchor="end">{ label }</text>
                { for segments }
                <text class="vm-chart__value" x={fixed(x + 6.0, 1)} y={fixed(y + ROW_HEIGHT / 2.0 + 5.0, 1)}>{ figure(total) }</text>
            </g>
        }
    });
    let legend = (chart.series.len() > 1).then(|| {
        html! {
            <ul class="vm-chart__legend">
                { for chart.series.iter().map(|(name, class)| html! {
                    <li>
                        <svg class="vm-legend__swatch" viewBox="0 0 10 10" aria-hidden="true" focusable="false"><rect class={*class} width="10" height="10" /></svg>
                        { *name }
                    </li>
                }) }
            </ul>
        }
    });
    let table_rows = rows.iter().map(|row| {
        html! {
            <tr>
                <th scope="row">{ &row.label }</th>
                { for row.parts.iter().map(|v| html! { <td>{ figure(*v) }</td> }) }
                { for row.extra.iter().map(|v| html! { <td>{ v }</td> }) }
            </tr>
        }
    });
    html! {
        <figure class="vm-chart" data-chart={chart.id.to_owned()}>
            <figcaption id={caption_id.clone()} class="vm-chart__caption">{ chart.caption }</figcaption>
            if rows.is_empty() {
                <p class="vm-hint">{ "–" }</p>
            } else {
                <svg class="vm-chart__svg" viewBox={format!("0 0 {} {}", fixed(WIDTH, 0), fixed(height, 0))}
                    role="img" aria-labelledby={caption_id} focusable="false">
                    { for bars }
                </svg>
                { legend }
                <details class="vm-details">
                    <summary>{ chart.table_toggle }</summary>
                    // Focusable, so that a keyboard can scroll a table wider than the screen.
                    <div class="vm-table-wrap" role="region" tabindex="0" aria-label={chart.caption.to_owned()}>
                        <table class="vm-table vm-chart__table">
                        <thead><tr>
                            <th scope="col">{ chart.label_header }</th>
                            { for chart.series.iter().map(|(name, _)| html! { <th scope="col">{ *name }</th> }) }
                            { for chart.extra_headers.iter().map(|name| html! { <th scope="col">{ *name }</th> }) }
                        </tr></thead>
                        <tbody>{ for table_rows }</tbody>
                    </table></div>
                </details>
            }
        </figure>
    }
}
