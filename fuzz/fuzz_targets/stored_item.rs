//! Whatever `localStorage` may hold under the widget's key, through `storage::decode` (which
//! migrates older format versions) and what the forms do with a restored item; see
//! `check_stored_item`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Storage holds JavaScript strings; wasm-bindgen hands them over as UTF-8, with lone
    // surrogates replaced, as the lossy decoding does here.
    verschilmaker_fuzz::check_stored_item(&String::from_utf8_lossy(data));
});
