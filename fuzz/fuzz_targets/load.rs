//! Arbitrary bytes through the check and both loads, as `www check` and the widget read a file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    verschilmaker_fuzz::check_loading(data);
});
