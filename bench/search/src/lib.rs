//! The search benchmark's shared code: the dataset and query generator, the mapping of
//! generated queries onto [`verschilmaker::search::Query`], and the raw wasm exports that the
//! Node script drives.
// The wasm exports hand raw pointers across the JavaScript boundary; that needs `unsafe`, and
// only this benchmark crate does it (the core crate forbids it).
#![allow(unsafe_code)]

pub mod generate;

use serde_json::Value;
use verschilmaker::search::{Filters, Query};
use verschilmaker::{AreaId, Kind, Stage, ThemeId};

/// Maps generated queries (see [`generate::queries`]) onto search queries: 20 hits, typo
/// tolerance and stemming on, sorted by relevance.
pub fn parse_queries(json: &Value) -> Vec<Query> {
    let strings = |value: &Value| -> Vec<String> {
        value
            .as_array()
            .map(|items| items.iter().filter_map(|item| item.as_str().map(str::to_owned)).collect())
            .unwrap_or_default()
    };
    json.as_array()
        .map(|queries| {
            queries
                .iter()
                .map(|query| {
                    let filters = &query["filters"];
                    Query {
                        text: query["text"].as_str().unwrap_or("").to_owned(),
                        filters: Filters {
                            themes: strings(&filters["themes"]).iter().filter_map(|id| ThemeId::new(id)).collect(),
                            areas: strings(&filters["areas"]).iter().filter_map(|id| AreaId::new(id)).collect(),
                            stages: strings(&filters["stages"])
                                .iter()
                                .filter_map(|s| s.parse::<Stage>().ok())
                                .collect(),
                            need_kinds: strings(&filters["need_kinds"])
                                .iter()
                                .filter_map(|k| k.parse::<Kind>().ok())
                                .collect(),
                            ..Filters::default()
                        },
                        limit: 20,
                        ..Query::default()
                    }
                })
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(target_arch = "wasm32")]
mod exports;
