//! Sine and cosine for the angles of coordinates, without libm's reduction of huge arguments.
//!
//! Why not `f64::sin` and `f64::cos`? Compiled to wasm32 they are compiler_builtins' libm, a
//! port of musl, whose argument reduction links `rem_pio2_large` and its table of 2/π (4 KB of
//! code and the table) for arguments beyond 2^20·π/2. Ours are angles of latitudes and
//! longitudes, at most π. The functions here are musl's `sin` and `cos` with only the medium
//! (Cody–Waite) reduction by π/2, which is exact enough for every |x| < 2^20·π/2; they return
//! NaN outside that range (and for NaN and infinities), where `f64::sin` would still answer.
//! Callers keep their arguments within ±π.
//!
//! Why not bit-exact with `f64::sin`? Natively `f64::sin` is the platform's libm (glibc on
//! Linux, correctly rounded in practice), and on wasm32 it is musl's, whose error is below one
//! ulp; the two differ in the last bit for some arguments. The tests check that these functions
//! are within one ulp of `f64::sin` and `f64::cos` over the whole accepted range, and equal bit
//! for bit to the `libm` crate's `sin` and `cos` (the code wasm32 linked before), so the bundle
//! computes the same distances as before.

/// The first argument beyond the accepted range: |x| must be below 2^20·π/2.
const LIMIT: f64 = 1_647_099.0;

// musl's coefficients and constants, given by their bits as musl's comments give them.
const S1: f64 = f64::from_bits(0xBFC55555_55555549);
const S2: f64 = f64::from_bits(0x3F811111_1110F8A6);
const S3: f64 = f64::from_bits(0xBF2A01A0_19C161D5);
const S4: f64 = f64::from_bits(0x3EC71DE3_57B1FE7D);
const S5: f64 = f64::from_bits(0xBE5AE5E6_8A2B9CEB);
const S6: f64 = f64::from_bits(0x3DE5D93A_5ACFD57C);

const C1: f64 = f64::from_bits(0x3FA55555_5555554C);
const C2: f64 = f64::from_bits(0xBF56C16C_16C15177);
const C3: f64 = f64::from_bits(0x3EFA01A0_19CB1590);
const C4: f64 = f64::from_bits(0xBE927E4F_809C52AD);
const C5: f64 = f64::from_bits(0x3E21EE9E_BDB4B1C4);
const C6: f64 = f64::from_bits(0xBDA8FAE9_BE8838D4);

/// Adding and subtracting this rounds a double below 2^51 to an integer.
const TO_INT: f64 = 1.5 / f64::EPSILON;
const INV_PIO2: f64 = f64::from_bits(0x3FE45F30_6DC9C883);
/// π/2 in three parts of 33 bits (`PIO2_1`, `PIO2_2`, `PIO2_3`), each with its tail (`…T`).
const PIO2_1: f64 = f64::from_bits(0x3FF921FB_54400000);
const PIO2_1T: f64 = f64::from_bits(0x3DD0B461_1A626331);
const PIO2_2: f64 = f64::from_bits(0x3DD0B461_1A600000);
const PIO2_2T: f64 = f64::from_bits(0x3BA3198A_2E037073);
const PIO2_3: f64 = f64::from_bits(0x3BA3198A_2E000000);
const PIO2_3T: f64 = f64::from_bits(0x397B839A_252049C1);

/// The sine of `x` (radians) for |x| < 2^20·π/2, else NaN; within one ulp of the true value.
pub(crate) fn sin(x: f64) -> f64 {
    // As musl: below 2^-26 the sine is `x` itself, which also keeps the sign of −0.
    if x.abs() < 1.0 / (1u64 << 26) as f64 {
        return x;
    }
    // As musl: up to the high word of π/4 the argument needs no reduction.
    if high_word(x) <= 0x3fe921fb {
        return kernel_sin(x, 0.0, false);
    }
    let Some((n, y0, y1)) = reduce(x) else { return f64::NAN };
    match n & 3 {
        0 => kernel_sin(y0, y1, true),
        1 => kernel_cos(y0, y1),
        2 => -kernel_sin(y0, y1, true),
        _ => -kernel_cos(y0, y1),
    }
}

/// The cosine of `x` (radians) for |x| < 2^20·π/2, else NaN; within one ulp of the true value.
pub(crate) fn cos(x: f64) -> f64 {
    if high_word(x) <= 0x3fe921fb {
        return kernel_cos(x, 0.0);
    }
    let Some((n, y0, y1)) = reduce(x) else { return f64::NAN };
    match n & 3 {
        0 => kernel_cos(y0, y1),
        1 => -kernel_sin(y0, y1, true),
        2 => -kernel_cos(y0, y1),
        _ => kernel_sin(y0, y1, true),
    }
}

/// The high 32 bits of |x|, which musl compares against its bounds.
fn high_word(x: f64) -> u32 {
    (x.to_bits() >> 32) as u32 & 0x7fff_ffff
}

/// musl's `__rem_pio2` without its reduction of huge arguments: `n` and `y0 + y1 = x − n·π/2`
/// with |y0 + y1| about π/4 at most, or `None` when |x| is not below [`LIMIT`] (NaN included).
///
/// Up to 9π/4 musl takes a fixed multiple of π/2 for each range of the high word, one round
/// good to 85 bits, except next to a multiple of π/2, where cancellation needs the medium case;
/// its answer can differ from the medium case's in the last bit (just above 5π/4, the medium
/// case rounds to the next multiple), so both are here, to stay bit for bit with musl.
fn reduce(x: f64) -> Option<(i32, f64, f64)> {
    if !x.is_finite() || x.abs() >= LIMIT {
        return None;
    }
    let ix = high_word(x);
    let small = match ix {
        _ if ix <= 0x400f6a7a => (ix & 0xfffff != 0x921fb).then_some(if ix <= 0x4002d97c { 1 } else { 2 }),
        _ if ix <= 0x4015fdbc => (ix != 0x4012d97c).then_some(3),
        _ if ix <= 0x401c463b => (ix != 0x401921fb).then_some(4),
        _ => None,
    };
    if let Some(k) = small {
        // Exact: k·PIO2_1 has 35 bits, and a negative k only flips signs.
        let k = if x.is_sign_negative() { -k } else { k };
        let z = x - f64::from(k) * PIO2_1;
        let y0 = z - f64::from(k) * PIO2_1T;
        let y1 = (z - y0) - f64::from(k) * PIO2_1T;
        return Some((k, y0, y1));
    }
    let f_n = (x * INV_PIO2 + TO_INT) - TO_INT;
    // Exact: |f_n| ≤ 2^20.
    let n = f_n as i32;
    let exponent = |y: f64| (y.to_bits() >> 52) as i32 & 0x7ff;
    let ex = exponent(x);
    let mut r = x - f_n * PIO2_1;
    // The first round is good to 85 bits; when x is close to a multiple of π/2, the result
    // lost bits to cancellation and a second (118 bits) or third round (151 bits) follows.
    let mut w = f_n * PIO2_1T;
    let mut y0 = r - w;
    if ex - exponent(y0) > 16 {
        let t = r;
        w = f_n * PIO2_2;
        r = t - w;
        w = f_n * PIO2_2T - ((t - r) - w);
        y0 = r - w;
        if ex - exponent(y0) > 49 {
            let t = r;
            w = f_n * PIO2_3;
            r = t - w;
            w = f_n * PIO2_3T - ((t - r) - w);
            y0 = r - w;
        }
    }
    let y1 = (r - y0) - w;
    Some((n, y0, y1))
}

/// musl's `__sin`: the sine of `x + y` for |x + y| ≤ π/4, where `y` is the tail of a reduced
/// argument (`tail` false: `y` is zero and ignored).
fn kernel_sin(x: f64, y: f64, tail: bool) -> f64 {
    let z = x * x;
    let w = z * z;
    let r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
    let v = z * x;
    if tail { x - ((z * (0.5 * y - v * r) - y) - v * S1) } else { x + v * (S1 + z * r) }
}

/// musl's `__cos`: the cosine of `x + y` for |x + y| ≤ π/4, where `y` is the tail of a reduced
/// argument.
fn kernel_cos(x: f64, y: f64) -> f64 {
    let z = x * x;
    let w = z * z;
    let r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
    let hz = 0.5 * z;
    let w = 1.0 - hz;
    w + (((1.0 - w) - hz) + (z * r - x * y))
}

#[cfg(test)]
mod tests {
    use super::{LIMIT, cos, sin};
    use proptest::prelude::*;
    use std::f64::consts::FRAC_PI_2;

    /// How many doubles lie between `a` and `b` (0 when equal; signed zeros are equal).
    fn ulps(a: f64, b: f64) -> u64 {
        let ordered = |x: f64| {
            let bits = x.to_bits() as i64;
            if bits < 0 { i64::MIN - bits } else { bits }
        };
        ordered(a).abs_diff(ordered(b))
    }

    /// Both functions agree with the standard library's to one ulp at `x`, and bit for bit with
    /// the `libm` crate's, which is what `f64::sin` and `f64::cos` were in the wasm bundle.
    fn check(x: f64) {
        assert!(ulps(sin(x), x.sin()) <= 1, "sin({x:e}) = {:e}, std {:e}", sin(x), x.sin());
        assert!(ulps(cos(x), x.cos()) <= 1, "cos({x:e}) = {:e}, std {:e}", cos(x), x.cos());
        assert_eq!(sin(x).to_bits(), libm::sin(x).to_bits(), "sin({x:e}) against libm");
        assert_eq!(cos(x).to_bits(), libm::cos(x).to_bits(), "cos({x:e}) against libm");
    }

    #[test]
    fn agree_with_std_on_a_dense_sweep_of_coordinate_angles() {
        // Every angle a coordinate gives, ±2π, in steps that are not a fraction of π.
        let steps = 2_000_000;
        for i in -steps..=steps {
            check(i as f64 * (2.0 * std::f64::consts::PI / steps as f64) * 0.999_999_7);
        }
    }

    #[test]
    fn agree_with_std_near_multiples_of_half_pi() {
        // Where the reduction cancels most bits: k·π/2 and its neighbouring doubles.
        for k in (0..1 << 20).step_by(997).chain(0..64) {
            let at = k as f64 * FRAC_PI_2;
            let mut x = at;
            for _ in 0..40 {
                check(x);
                check(-x);
                x = x.next_up();
            }
            let mut x = at;
            for _ in 0..40 {
                check(x);
                x = x.next_down();
            }
        }
        check(LIMIT.next_down());
    }

    #[test]
    fn special_values() {
        for x in [0.0, -0.0, f64::MIN_POSITIVE, 5e-324, 1e-9, std::f64::consts::FRAC_PI_4] {
            check(x);
            check(-x);
        }
        assert_eq!(sin(-0.0).to_bits(), (-0.0f64).to_bits());
        for x in [LIMIT, -LIMIT, 1e300, f64::INFINITY, f64::NEG_INFINITY, f64::NAN] {
            assert!(sin(x).is_nan() && cos(x).is_nan(), "{x}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn agree_with_std_over_the_accepted_range(x in -LIMIT..LIMIT) {
            check(x);
        }

        #[test]
        fn agree_with_std_over_small_angles(x in -8.0f64..8.0) {
            check(x);
        }
    }

    /// Arguments where a reduction other than musl's differed from it in the last bit: just
    /// above 5π/4, where musl's fixed multiple and the medium case's rounding disagree, and just
    /// above π/4 within the same high word.
    #[test]
    fn agree_with_libm_where_the_reductions_part() {
        for x in [3.9269922944375346, std::f64::consts::FRAC_PI_4.next_up(), f64::from_bits(0x3fe9_21fb_6000_0000)] {
            check(x);
            check(-x);
        }
        for (low, high) in [(0x4002d97c_u64, 0x400f6a7a_u64), (0x3fe921fb, 0x4002d97c), (0x4015fdbc, 0x401c463b)] {
            for high_word in [low, low + 1, high, high + 1] {
                for low_word in [0u64, 1, 0x5555_5555, 0xffff_ffff] {
                    check(f64::from_bits(high_word << 32 | low_word));
                }
            }
        }
    }
}
