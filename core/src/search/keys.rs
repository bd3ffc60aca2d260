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

#[cfg(test)]
mod tests {
    use super::{f32_from_key, f32_key, f64_key};
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
