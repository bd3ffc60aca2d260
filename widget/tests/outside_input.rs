//! Property tests of everything the widget reads from outside its own code, natively: the URL
//! fragment, the stored drafts and working copy, and the `submit-to` attribute. With
//! `panic = "abort"` one panic takes every widget on the page down, so each reader must take
//! any text, and what it accepts must survive its own writer.

use proptest::prelude::*;
use serde_json::Value;
use verschilmaker_widget::components::facilitate::working::{Stored, classify, encode as encode_working};
use verschilmaker_widget::handover::Target;
use verschilmaker_widget::route::{from_fragment, page_url, to_fragment};
use verschilmaker_widget::storage::{Decoded, decode, encode};

/// Any JSON value, a few levels deep, with the keys the readers look for among the others.
fn json_value() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("v".to_owned()),
        Just("id".to_owned()),
        Just("rev".to_owned()),
        Just("form".to_owned()),
        Just("sent".to_owned()),
        Just("document".to_owned()),
        Just("title".to_owned()),
        Just("needs".to_owned()),
        Just("step".to_owned()),
        Just("attempts".to_owned()),
        ".{0,6}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        prop_oneof![Just("start".to_owned()), Just("offer".to_owned()), Just("1".to_owned()), ".{0,12}"]
            .prop_map(Value::String),
        (0u64..4).prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..8)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

/// A stored draft's shape, with any values in its fields.
fn item_like() -> impl Strategy<Value = Value> {
    (json_value(), json_value(), json_value(), json_value(), prop::option::of(json_value())).prop_map(
        |(id, rev, form_fields, title, sent)| {
            let mut form = match form_fields {
                Value::Object(map) => map,
                _ => serde_json::Map::new(),
            };
            form.insert("form".into(), Value::from("start"));
            form.insert("title".into(), title);
            let mut item = serde_json::json!({"v": 1, "id": id, "rev": rev, "form": form});
            if let Some(sent) = sent {
                item["sent"] = sent;
            }
            item
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn any_fragment_is_read_without_panic_and_what_is_read_is_written_back_alike(fragment in "(#verschilmaker/)?((initiatief/|starten|helpen|zoeken)?[?&=a-z%0-9 +#/é\u{202e}-]{0,40}|.{0,40})") {
        if let Some((route, criteria)) = from_fragment(&fragment) {
            let written = to_fragment(&route, &criteria);
            prop_assert_eq!(from_fragment(&written), Some((route, criteria)), "{} was written as {}", fragment, written);
            let url = page_url("/cms/pagina?x=1", &written);
            prop_assert!(url.starts_with("/cms/pagina?x=1#verschilmaker/"), "{}", url);
        }
    }

    #[test]
    fn any_stored_text_is_read_without_panic(text in ".{0,200}") {
        let _ = decode(&text);
        let _ = classify(text);
    }

    #[test]
    fn any_stored_draft_shape_is_read_without_panic_and_what_is_read_survives_a_save(value in item_like()) {
        let text = value.to_string();
        match decode(&text) {
            Decoded::Item(item) => prop_assert_eq!(decode(&encode(&item)), Decoded::Item(item)),
            Decoded::Newer(version) => prop_assert!(version > 1),
            Decoded::Unreadable => {}
        }
    }

    #[test]
    fn a_working_copy_survives_its_own_header(json in ".{0,60}", dirty in any::<bool>()) {
        prop_assert_eq!(classify(encode_working(&json, dirty)), Stored::Copy(json.clone(), dirty));
    }

    #[test]
    fn any_submit_to_attribute_is_read_without_panic(attribute in "(mailto:|https?://|http:|tel:|/)?.{0,60}") {
        let _ = Target::parse(&attribute);
    }
}
