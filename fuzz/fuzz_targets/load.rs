//! Arbitrary bytes, decoded as UTF-8 lossily, through the check and both loads.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    verschilmaker_fuzz::check_loading(&String::from_utf8_lossy(data));
});
