//! Core functions exported to wasm32 for timing under Node (see README.md).
//!
//! The exports are raw `extern "C"` functions, so no wasm-bindgen CLI is needed: JavaScript
//! asks for an input buffer, writes a `.flow` file's bytes into it, loads it, then times
//! `flow_solve` alone.

// `#[unsafe(no_mangle)]` on the exports counts as unsafe code for the workspace lint; it is
// the only unsafe thing here, and it is what makes the functions visible to JavaScript.
#![allow(unsafe_code)]

use std::sync::{Mutex, MutexGuard};

use verschilmaker::flow::{FlowConfig, FlowNetwork, parse_flow_file, solve_with};

/// Matching suggestions, timed by `bench/matching.mjs`.
pub mod matching;

/// The bytes JavaScript writes before calling a loader.
static INPUT: Mutex<Vec<u8>> = Mutex::new(Vec::new());
/// The network that `flow_load` read, for `flow_solve` to solve again and again.
static NETWORK: Mutex<Option<FlowNetwork>> = Mutex::new(None);

/// Locks a mutex; a panic cannot poison it here (wasm aborts), but native tests might.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Makes room for `len` bytes of input and returns where in memory JavaScript should write
/// them. The buffer stays put until the next call.
#[unsafe(no_mangle)]
pub extern "C" fn input_buffer(len: usize) -> *mut u8 {
    let mut input = lock(&INPUT);
    input.clear();
    input.resize(len, 0);
    input.as_mut_ptr()
}

/// Parses the input buffer as a `.flow` file and keeps the network. Returns its arc count,
/// or -1 when the input is not a valid `.flow` file.
#[unsafe(no_mangle)]
pub extern "C" fn flow_load() -> i64 {
    let input = lock(&INPUT);
    let parsed = std::str::from_utf8(&input).ok().and_then(|text| parse_flow_file(text).ok());
    let arc_count = parsed.as_ref().map_or(-1, |network| network.arcs.len() as i64);
    *lock(&NETWORK) = parsed;
    arc_count
}

/// Solves the loaded network with pivot blocks of `block_size` arcs (0: the default) and
/// returns the objective (minus the least cost), or `NaN` when nothing is loaded or the
/// network has no solution. An `f64` holds every objective up to 2^53 exactly, and
/// JavaScript reads it without BigInt.
#[unsafe(no_mangle)]
pub extern "C" fn flow_solve(block_size: u32) -> f64 {
    let config = FlowConfig { block_size: (block_size > 0).then_some(block_size as usize) };
    match lock(&NETWORK).as_ref().map(|network| solve_with(network, &config)) {
        Some(Ok(solution)) => -(solution.total_cost as f64),
        _ => f64::NAN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_and_solves_through_the_exports() {
        let text = b"2 1\n0 1 5 -3\n0 2\n1 -2\n";
        let pointer = input_buffer(text.len());
        assert!(!pointer.is_null());
        lock(&INPUT).copy_from_slice(text);
        assert_eq!(flow_load(), 1);
        assert_eq!(flow_solve(0), 6.0);
        assert_eq!(flow_solve(50), 6.0);

        input_buffer(3);
        lock(&INPUT).copy_from_slice(b"1 x");
        assert_eq!(flow_load(), -1);
        assert!(flow_solve(0).is_nan());
    }
}
