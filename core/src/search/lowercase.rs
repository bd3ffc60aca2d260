//! Unicode lowercase mapping in a run-length table, for folding search text.
//!
//! Why not `char::to_lowercase`? The standard library maps each of the 1 400-odd non-ASCII
//! uppercase letters with a pair of `u32`s (11.7 KB in the widget's first download, 4.3 KB of it
//! gzipped). Most of those mappings come in runs: a block of capitals `+32` or `+80` from their
//! small letters, or capitals and small letters alternating. [`to_lowercase`] keeps one `u64`
//! per run (184 runs, 1.5 KB) and gives the same result for every `char`, which a test checks
//! against the standard library for all of them; when the toolchain's Unicode version moves,
//! that test fails and the table is regenerated (see the test for how).

/// The runs of single-character lowercase mappings above ASCII, by first character. Each run
/// packs: the first character (bits 0–20), the number of characters in it (21–27), whether they
/// are every other code point rather than consecutive (28), and the distance to their small
/// letters plus 65 536 (29–45).
#[rustfmt::skip]
static RUNS: [u64; 184] = [
    0x200402e000c0, 0x200400e000d8, 0x200033000100, 0x200030600132, 0x200031000139, 0x200032e0014a,
    0x1ff0e0200178, 0x200030600179, 0x201a40200181, 0x200030400182, 0x2019c0200186, 0x200020200187,
    0x2019a0400189, 0x20002020018b, 0x2009e020018e, 0x20194020018f, 0x201960200190, 0x200020200191,
    0x2019a0200193, 0x2019e0200194, 0x201a60200196, 0x201a20200197, 0x200020200198, 0x201a6020019c,
    0x201aa020019d, 0x201ac020019f, 0x2000306001a0, 0x201b402001a6, 0x2000202001a7, 0x201b402001a9,
    0x2000202001ac, 0x201b402001ae, 0x2000202001af, 0x201b204001b1, 0x2000304001b3, 0x201b602001b7,
    0x2000202001b8, 0x2000202001bc, 0x2000402001c4, 0x2000202001c5, 0x2000402001c7, 0x2000202001c8,
    0x2000402001ca, 0x2000312001cb, 0x2000312001de, 0x2000402001f1, 0x2000304001f2, 0x1ff3e02001f6,
    0x1ff9002001f7, 0x2000328001f8, 0x1fefc0200220, 0x200031200222, 0x25456020023a, 0x20002020023b,
    0x1feba020023d, 0x25450020023e, 0x200020200241, 0x1fe7a0200243, 0x2008a0200244, 0x2008e0200245,
    0x200030a00246, 0x200030400370, 0x200020200376, 0x200e8020037f, 0x2004c0200386, 0x2004a0600388,
    0x20080020038c, 0x2007e040038e, 0x200402200391, 0x2004012003a3, 0x2001002003cf, 0x2000318003d8,
    0x1ff8802003f4, 0x2000202003f7, 0x1fff202003f9, 0x2000202003fa, 0x1fefc06003fd, 0x200a02000400,
    0x200404000410, 0x200032200460, 0x20003360048a, 0x2001e02004c0, 0x200030e004c1, 0x2000360004d0,
    0x200604c00531, 0x238c04c010a0, 0x238c002010c7, 0x238c002010cd, 0x32fa0a0013a0, 0x200100c013f0,
    0x200020201c89, 0x1e8805601c90, 0x1e8800601cbd, 0x200039601e00, 0x1c4820201e9e, 0x200036001ea0,
    0x1fff01001f08, 0x1fff00c01f18, 0x1fff01001f28, 0x1fff01001f38, 0x1fff00c01f48, 0x1fff10801f59,
    0x1fff01001f68, 0x1fff01001f88, 0x1fff01001f98, 0x1fff01001fa8, 0x1fff00401fb8, 0x1ff6c0401fba,
    0x1ffee0201fbc, 0x1ff540801fc8, 0x1ffee0201fcc, 0x1fff00401fd8, 0x1ff380401fda, 0x1fff00401fe8,
    0x1ff200401fea, 0x1fff20201fec, 0x1ff000401ff8, 0x1ff040401ffa, 0x1ffee0201ffc, 0x1c5460202126,
    0x1be82020212a, 0x1bf74020212b, 0x200380202132, 0x200202002160, 0x200020202183, 0x2003434024b6,
    0x200606002c00, 0x200020202c60, 0x1ac120202c62, 0x1e2340202c63, 0x1ac320202c64, 0x200030602c67,
    0x1abc80202c6d, 0x1ac060202c6e, 0x1abc20202c6f, 0x1abc40202c70, 0x200020202c72, 0x200020202c75,
    0x1ab820402c7e, 0x200036402c80, 0x200030402ceb, 0x200020202cf2, 0x200032e0a640, 0x200031c0a680,
    0x200030e0a722, 0x200033e0a732, 0x20003040a779, 0xebf8020a77d, 0x200030a0a77e, 0x20002020a78b,
    0xb5b0020a78d, 0x20003040a790, 0x20003140a796, 0xb578020a7aa, 0xb562020a7ab, 0xb56a020a7ac,
    0xb57e020a7ad, 0xb578020a7ae, 0xb5dc020a7b0, 0xb5ac020a7b1, 0xb5d6020a7b2, 0x20740020a7b3,
    0x20003100a7b4, 0x1ffa0020a7c4, 0xb57a020a7c5, 0xeb90020a7c6, 0x20003040a7c7, 0xb532020a7cb,
    0x20003100a7cc, 0xb37e020a7dc, 0x20002020a7f5, 0x20040340ff21, 0x200505010400, 0x2005048104b0,
    0x2004e1610570, 0x2004e1e1057c, 0x2004e0e1058c, 0x2004e0410594, 0x200806610c80, 0x200402c10d50,
    0x2004040118a0, 0x200404016e40, 0x200363216ea0, 0x20044441e900,
];

/// One entry of [`RUNS`], unpacked.
struct Run {
    first: u32,
    len: u32,
    stride: u32,
    distance: i64,
}

impl Run {
    fn unpack(run: u64) -> Run {
        Run {
            first: (run & 0x1F_FFFF) as u32,
            len: ((run >> 21) & 0x7F) as u32,
            stride: if run >> 28 & 1 == 1 { 2 } else { 1 },
            distance: ((run >> 29) & 0x1_FFFF) as i64 - (1 << 16),
        }
    }
}

/// The lowercase of `c`: one character, or `İ` (U+0130), the only capital that lowercases to two
/// (`i` and a combining dot above), as `('i', Some('\u{307}'))`.
pub(crate) fn to_lowercase(c: char) -> (char, Option<char>) {
    if c.is_ascii() {
        return (c.to_ascii_lowercase(), None);
    }
    if c == '\u{130}' {
        return ('i', Some('\u{307}'));
    }
    let code = u32::from(c);
    let after = RUNS.partition_point(|&run| Run::unpack(run).first <= code);
    let Some(&run) = after.checked_sub(1).and_then(|at| RUNS.get(at)) else {
        return (c, None);
    };
    let Run { first, len, stride, distance } = Run::unpack(run);
    let offset = code - first;
    if offset >= len * stride || !offset.is_multiple_of(stride) {
        return (c, None);
    }
    let lower = u32::try_from(i64::from(code) + distance).ok().and_then(char::from_u32);
    (lower.unwrap_or(c), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `char` lowercases as the standard library does it. If this fails after a toolchain
    /// update (a new Unicode version), regenerate [`RUNS`]: collect the non-ASCII characters whose
    /// `to_lowercase` is one other character, in order, and cut them greedily into runs of the
    /// same distance with a step of 1 or 2 and at most 127 characters, packed as described there.
    #[test]
    fn every_char_lowercases_as_the_standard_library_does() {
        let mut differ = 0;
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let expected: Vec<char> = c.to_lowercase().collect();
            let (first, second) = to_lowercase(c);
            let got: Vec<char> = std::iter::once(first).chain(second).collect();
            assert_eq!(got, expected, "{c:?} (U+{:04X})", u32::from(c));
            differ += usize::from(got != [c]);
        }
        // The table is not empty by accident: Unicode has well over a thousand capitals.
        assert!(differ > 1400, "{differ}");
        // Folding keeps only the first character of a lowercase; the second one of `İ` is
        // dropped anyway as a combining mark.
        assert!(verschilmaker_index_build::is_ignorable('\u{307}'));
    }

    #[test]
    fn runs_are_sorted_and_do_not_overlap() {
        let mut end = 0x80;
        for run in RUNS {
            let Run { first, len, stride, .. } = Run::unpack(run);
            assert!(first >= end && len > 0, "{run:#x}");
            end = first + (len - 1) * stride + 1;
        }
    }
}
