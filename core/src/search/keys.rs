//! Sort keys packed into one `u128`, so that every comparison sort of a query is the same
//! instantiation of `sort_unstable` and `select_nth_unstable`.
//!
//! Why? Each `sort_unstable_by` with its own element type or comparison closure is its own
//! copy of the standard library's quicksort (with its small sorts, heapsort and, for a select,
//! median of medians) in the wasm bundle: 1.5–3 KB raw each. A key whose unsigned order is the
//! wanted order (floats mapped as [`f32_key`] and [`f64_key`] do, a descending part negated)
//! needs no closure, and one key type serves every order.

/// The bits of `x`, mapped so that their unsigned order is the order of `f32::total_cmp`.
pub(crate) fn f32_key(x: f32) -> u32 {
    let bits = x.to_bits();
    if bits >> 31 == 1 { !bits } else { bits | 1 << 31 }
}

/// The float whose [`f32_key`] is `key`, bit for bit.
pub(crate) fn f32_from_key(key: u32) -> f32 {
    f32::from_bits(if key >> 31 == 1 { key & !(1 << 31) } else { !key })
}

/// The bits of `x`, mapped so that their unsigned order is the order of `f64::total_cmp`.
pub(crate) fn f64_key(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 { !bits } else { bits | 1 << 63 }
}

/// Sorts `values` ascending like `sort_unstable`, but without instantiating the standard
/// library's sort for `u32` in search: short runs (a document's facet values, an area list) by
/// insertion, longer ones through the `u128` sort that queries use anyway.
///
/// Why? The `u32` sort is also used by matching, in the module fetched later; once search no
/// longer calls it, it moves there and out of the first download.
pub(crate) fn sort_u32(values: &mut [u32]) {
    if values.len() <= 16 {
        for at in 1..values.len() {
            let mut to = at;
            while to > 0 && values[to] < values[to - 1] {
                values.swap(to, to - 1);
                to -= 1;
            }
        }
        return;
    }
    let mut keys: Vec<u128> = values.iter().map(|&value| u128::from(value)).collect();
    keys.sort_unstable();
    for (value, key) in values.iter_mut().zip(keys) {
        *value = key as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::{f32_from_key, f32_key, f64_key, sort_u32};
    use proptest::prelude::*;

    const F32S: [f32; 9] = [f32::NEG_INFINITY, -1.5, -0.0, 0.0, 1e-45, 0.25, 1.0, f32::INFINITY, f32::NAN];

    #[test]
    fn keys_order_like_total_cmp_on_special_values() {
        for a in F32S {
            assert_eq!(f32_from_key(f32_key(a)).to_bits(), a.to_bits(), "{a}");
            for b in F32S {
                assert_eq!(f32_key(a).cmp(&f32_key(b)), a.total_cmp(&b), "{a} against {b}");
                let (a, b) = (f64::from(a), f64::from(b));
                assert_eq!(f64_key(a).cmp(&f64_key(b)), a.total_cmp(&b), "{a} against {b}");
            }
        }
    }

    proptest! {
        #[test]
        fn sort_u32_sorts_like_sort_unstable(mut values in proptest::collection::vec(any::<u32>(), 0..60)) {
            let mut expected = values.clone();
            expected.sort_unstable();
            sort_u32(&mut values);
            prop_assert_eq!(values, expected);
        }

        #[test]
        fn f32_keys_order_like_total_cmp(a in any::<u32>().prop_map(f32::from_bits), b in any::<u32>().prop_map(f32::from_bits)) {
            prop_assert_eq!(f32_key(a).cmp(&f32_key(b)), a.total_cmp(&b));
            prop_assert_eq!(f32_from_key(f32_key(a)).to_bits(), a.to_bits());
        }

        #[test]
        fn f64_keys_order_like_total_cmp(a in any::<u64>().prop_map(f64::from_bits), b in any::<u64>().prop_map(f64::from_bits)) {
            prop_assert_eq!(f64_key(a).cmp(&f64_key(b)), a.total_cmp(&b));
        }
    }
}
