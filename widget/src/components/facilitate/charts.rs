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

/// The drawing: each row is its label on a line of its own, then the bar and its total below
/// it. A label beside the bar had 210 units and was cut at its start when longer
/// ("ntmoeting & eenzaamheid"); above the bar it has the whole width.
const WIDTH: f64 = 640.0;
const BAR_WIDTH: f64 = 560.0;
const ROW_HEIGHT: f64 = 44.0;
/// The longest label drawn whole (about the drawing's width at its font size); longer ones end
/// in "…" in the picture and stay whole in the table.
const LABEL_CHARS: usize = 70;

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
        let mut x = 0.0;
        let mut label: String = row.label.chars().take(LABEL_CHARS).collect();
        if row.label.chars().count() > LABEL_CHARS {
            label.push('…');
        }
        let segments = row.parts.iter().zip(chart.series).map(|(&value, (_, class))| {
            let width = if max > 0.0 { value.max(0.0) / max * BAR_WIDTH } else { 0.0 };
            let rect = html! {
                <rect class={*class} x={fixed(x, 1)} y={fixed(y + 22.0, 1)} width={fixed(width, 1)} height="16" />
            };
            x += width;
            rect
        });
        let total: f64 = row.parts.iter().sum();
        html! {
            <g>
                <text class="vm-chart__label" x="0" y={fixed(y + 15.0, 1)}>{ label }</text>
                { for segments }
                <text class="vm-chart__value" x={fixed(x + 6.0, 1)} y={fixed(y + 35.0, 1)}>{ figure(total) }</text>
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

#[cfg(test)]
mod tests {
    use super::*;

    #[function_component]
    fn One() -> Html {
        let chart = Chart {
            id: "t",
            caption: "Hulpvragen per thema",
            label_header: "Thema",
            series: &[("Gedekt", "vm-series-covered"), ("Nog open", "vm-series-open")],
            extra_headers: &[],
            table_toggle: "Als tabel",
        };
        let long = "Ontmoeting & eenzaamheid bestrijden in de wijk, samen met de buren van hiernaast en verder";
        let rows = [
            ChartRow { label: long.to_owned(), parts: vec![3.0, 2.0], extra: Vec::new() },
            ChartRow { label: "Groen".to_owned(), parts: vec![0.0, 7.0], extra: Vec::new() },
        ];
        bar_chart(&chart, &rows)
    }

    /// The labels are drawn from the drawing's left edge on a line of their own, so none is cut
    /// at its start; only one longer than the line ends in "…", and the table has it whole.
    #[test]
    fn labels_are_drawn_from_their_start_and_whole_in_the_table() {
        let html = futures::executor::block_on(yew::ServerRenderer::<One>::new().render());
        let long = "Ontmoeting & eenzaamheid bestrijden in de wijk, samen met de buren van hiernaast en verder";
        let cut: String = long.chars().take(LABEL_CHARS).collect::<String>().replace('&', "&amp;") + "…";
        assert!(html.contains(&format!(">{cut}<")), "{html}");
        assert!(html.contains(">Groen<"));
        assert!(html.contains("<th scope=\"row\">Ontmoeting &amp; eenzaamheid bestrijden in de wijk, samen met de buren van hiernaast en verder</th>"));
        assert!(!html.contains("text-anchor=\"end\""), "a label anchored at its end is cut at its start");
        assert_eq!(html.matches("<text x=\"0\" ").count(), 2, "every label starts at the left edge");
    }
}
