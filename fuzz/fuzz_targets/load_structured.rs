//! Documents with a valid head and records built from the format's field names, through the
//! check and both loads: the bytes choose the structure, so mutations reach the record decoders
//! and the reference checks instead of dying on a syntax error at the root.
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(document) = verschilmaker_fuzz::structured_document(&mut u) else {
        return;
    };
    // Compact most of the time; pretty now and then, so that syntax positions and white space vary too.
    let json = if data.first().is_some_and(|b| b & 7 == 0) {
        serde_json::to_string_pretty(&document)
    } else {
        serde_json::to_string(&document)
    };
    let Ok(json) = json else {
        return;
    };
    verschilmaker_fuzz::check_loading(json.as_bytes());
});
