//! Native render tests of the workbench and the agenda on the demo data, in both languages.

use std::rc::Rc;

use verschilmaker::CommitmentStatus;
use verschilmaker::insights::insights;
use yew::ServerRenderer;
use yew::prelude::*;

use super::shell::Tab;
use super::{
    Agenda, AgendaProps, Commitments, CommitmentsProps, Facilitate, FacilitateProps, Workbench, WorkbenchProps,
};
use crate::data::Loaded;
use crate::i18n::UiLang;

const DEMO: &str = include_str!("../../../../core/demo/initiatieven.json");

fn loaded(ui: UiLang) -> Rc<Loaded> {
    Rc::new(Loaded::from_json(DEMO, ui.code()).expect("the demo data loads"))
}

fn render<C>(props: impl FnOnce() -> C::Properties + Send + 'static) -> String
where
    C: BaseComponent,
{
    futures::executor::block_on(ServerRenderer::<C>::with_props(props).render())
}

#[test]
fn the_workbench_opens_on_the_dashboard_with_a_tablist_and_every_chart() {
    for ui in [UiLang::Nl, UiLang::En] {
        let html = render::<Facilitate>(move || FacilitateProps { loaded: loaded(ui), ui, level: 2 });
        let texts = ui.workbench_texts();
        assert_eq!(html.matches("role=\"tab\"").count(), Tab::ALL.len(), "one tab each: {html}");
        assert_eq!(html.matches("aria-selected=\"true\"").count(), 1);
        assert!(html.contains("role=\"tabpanel\""));
        assert!(html.contains("id=\"vm-panel-dashboard\""));
        assert!(html.contains(texts.f_tab_dashboard));
        let charts = ["kind", "theme", "area", "capacity", "stage", "sector"];
        for chart in charts {
            assert!(html.contains(&format!("data-chart=\"{chart}\"")), "{ui:?}: chart {chart}");
        }
        // Every chart is labelled by its caption and has a table.
        assert_eq!(html.matches("data-chart=\"").count(), charts.len(), "no other chart");
        assert_eq!(html.matches("role=\"img\"").count(), charts.len());
        assert_eq!(html.matches("vm-chart__table").count(), charts.len());
        // The area map is a `Patched` part, which the server renderer leaves empty: its markup is
        // tested in `components::render_tests`, and the browser test of the dashboard counts its
        // areas.
        assert!(!html.contains("vm-shade"), "the dashboard's map has no choice of shading");
    }
}

#[test]
fn the_pipeline_table_counts_what_core_counts() {
    let ui = UiLang::En;
    let html = render::<Facilitate>(move || FacilitateProps { loaded: loaded(ui), ui, level: 2 });
    let figures = insights(&loaded(ui).dataset);
    for row in &figures.stages {
        let cell = format!("<th scope=\"row\">{}</th><td>{}</td>", ui.texts().stage_label(row.stage), row.initiatives);
        assert!(html.contains(&cell), "{cell}");
    }
    let total: usize = figures.by_kind.iter().map(|row| row.needs).sum();
    assert!(html.contains(&format!("<dd>{total}</dd>")), "the number of needs");
}

#[test]
fn the_agenda_lists_every_edition_with_its_pitches_and_a_calendar_button() {
    for ui in [UiLang::Nl, UiLang::En] {
        let html = render::<Agenda>(move || AgendaProps { loaded: loaded(ui), ui, level: 2 });
        let dataset = loaded(ui).dataset.clone();
        assert_eq!(html.matches("class=\"vm-edition\"").count(), dataset.editions.len());
        let pitched: usize = dataset.editions.iter().map(|e| e.initiatives.len()).sum();
        assert_eq!(html.matches("<li><strong>").count(), pitched);
        assert_eq!(html.matches(ui.later_texts().f_ics).count(), dataset.editions.len());
        assert!(html.contains("Verschilstad"));
    }
}

#[test]
fn commitments_are_listed_with_their_status() {
    let ui = UiLang::Nl;
    let html = render::<Commitments>(move || CommitmentsProps {
        loaded: loaded(ui),
        ui,
        level: 3,
        on_change: Callback::noop(),
    });
    let dataset = loaded(ui).dataset.clone();
    assert_eq!(html.matches("data-id=\"afspraak-").count(), dataset.commitments.len());
    // Each commitment's status is the one chosen in its list.
    for &status in CommitmentStatus::ALL {
        let count = dataset.commitments.iter().filter(|c| c.status == status).count();
        let chosen = format!("<option value=\"{}\" selected=\"selected\">", status.as_str());
        assert_eq!(html.matches(&chosen).count(), count, "{status:?}: {html}");
    }
    assert!(
        dataset.commitments.iter().any(|c| c.status == CommitmentStatus::Delivered),
        "the demo has a delivered one"
    );
}

#[test]
fn the_data_tab_offers_every_import_and_every_export() {
    let ui = UiLang::En;
    let html = render::<Workbench>(move || WorkbenchProps {
        loaded: loaded(ui),
        ui,
        level: 3,
        dirty: true,
        restored: false,
        on_change: Callback::noop(),
        on_exported: Callback::noop(),
        on_discard: Callback::noop(),
    });
    assert!(html.contains("type=\"file\" accept=\".json,application/json\""));
    assert!(html.contains("multiple"));
    for export in ["json", "xlsx", "template", "ics", "jsonld"] {
        assert!(html.contains(&format!("data-export=\"{export}\"")), "{export}");
    }
    // The workbook and the wijken and buurten each have a labelled file input of their own.
    for (input, label) in [("vm-import-xlsx", "Import an Excel workbook"), ("vm-import-areas", "Choose GeoJSON files")]
    {
        assert!(html.contains(&format!("<label for=\"{input}\" class=\"vm-label\">{label}")), "{input}");
        assert!(html.contains(&format!("id=\"{input}\"")), "{input}");
    }
    assert!(html.contains("accept=\".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\""));
    for sheet in ["initiatieven.csv", "behoeften.csv", "partners.csv", "aanbod.csv", "afspraken.csv"] {
        assert!(html.contains(&format!("data-sheet=\"{sheet}\"")), "{sheet}");
    }
}

#[test]
fn gaps_are_listed_per_area_with_their_initiatives() {
    const DATA: &str = r#"{"schema": "verschilmaker/1",
        "municipality": {"name": "Gemeente X", "languages": ["nl"]},
        "areas": [{"id": "noord", "name": "Noord"}, {"id": "zuid", "name": "Zuid"}],
        "initiatives": [
            {"id": "a", "title": "Moestuin", "stage": "idea", "area": "zuid",
             "needs": [{"id": "n", "kind": "space", "amount": 50}, {"id": "m", "kind": "funding", "amount": 10}]},
            {"id": "b", "title": "Buurtfeest", "stage": "idea", "area": "zuid",
             "needs": [{"id": "n", "kind": "space", "amount": 20}]}],
        "partners": [{"id": "p", "name": "P", "sector": "business", "areas": ["noord"],
            "offers": [{"id": "o", "kind": "space", "capacity": 100}]},
            {"id": "f", "name": "Fonds", "sector": "foundation", "offers": [{"id": "g", "kind": "funding"}]}]}"#;
    let ui = UiLang::Nl;
    let html = render::<Facilitate>(move || FacilitateProps {
        loaded: Rc::new(Loaded::from_json(DATA, "nl").unwrap()),
        ui,
        level: 2,
    });
    // Space in Zuid: nobody serves it (P only serves Noord); the fund serves everywhere.
    assert_eq!(html.matches("class=\"vm-gap\"").count(), 1, "{html}");
    assert!(html.contains("<strong>Zuid: Ruimte</strong> — 2 hulpvragen, 70 m² nog open"), "{html}");
    assert!(html.contains("Moestuin, Buurtfeest"), "both initiatives are named");
}
