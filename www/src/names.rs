//! Short names for the imports and exports between a bundle's wasm and its JS glue.
//!
//! wasm-bindgen names every JS function the wasm imports after its Rust binding with a 16-digit
//! hash (`__wbg_addEventListener_1f3c…`), and every closure trampoline it exports after its
//! mangled Rust path with another hash. Each name is written twice, once in the wasm and once in
//! the glue, and the hashes do not compress: in the residents' first module 146 imports took
//! 9 KB of the wasm alone. The names mean nothing to a visitor's browser, so [`shorten`] renames
//! them to `$0`, `$1`, … in both files, and the import module `./{bundle}_bg.js` to `$`.
//!
//! The rename is done on whole JS identifiers, so it is exact: the build fails, rather than
//! writing a broken bundle, when a name is missing from the glue or a short name is already in
//! use there.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;

use crate::Error;

/// What the wasm-bindgen glue's trampolines for Rust closures are named after.
const CLOSURE_INVOKE: &str = "__invoke__h";

/// The import module that all of the glue's functions are in, after [`shorten`].
const SHORT_MODULE: &str = "$";

/// Renames the glue imports and closure exports of `wasm` (written by wasm-bindgen for bundle
/// `bundle`) and the same names in its glue `js`; returns how many names were shortened.
pub fn shorten(wasm: &Path, js: &Path, bundle: &str) -> Result<usize, Error> {
    let mut module =
        walrus::Module::from_file(wasm).map_err(|e| Error::new(format!("cannot read {}: {e:#}", wasm.display())))?;
    let glue_module = format!("./{bundle}_bg.js");
    let mut renames: HashMap<String, String> = HashMap::new();
    for import in module.imports.iter_mut() {
        if import.module == glue_module {
            let short = short_name(renames.len());
            renames.insert(std::mem::replace(&mut import.name, short.clone()), short);
            import.module = SHORT_MODULE.to_owned();
        }
    }
    for export in module.exports.iter_mut() {
        if export.name.contains(CLOSURE_INVOKE) {
            let short = short_name(renames.len());
            renames.insert(std::mem::replace(&mut export.name, short.clone()), short);
        }
    }
    if renames.is_empty() {
        return Ok(0);
    }
    let text = fs::read_to_string(js).map_err(|e| Error::io(js, e))?;
    let renamed = rename_in_glue(&text, &renames, &glue_module)
        .map_err(|problem| Error::new(format!("cannot shorten the names in {}: {problem}", js.display())))?;
    module.emit_wasm_file(wasm).map_err(|e| Error::new(format!("cannot write {}: {e:#}", wasm.display())))?;
    fs::write(js, renamed).map_err(|e| Error::io(js, e))?;
    Ok(renames.len())
}

/// The `n`th short name: `$0` … `$9`, `$a` … `$z`, `$10`, … (base 36; `$` keeps them apart from
/// every name wasm-bindgen writes).
fn short_name(mut n: usize) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut digits = Vec::new();
    loop {
        digits.push(DIGITS[n % 36]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    digits.push(b'$');
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

/// Whether `c` can be part of a JS identifier (ASCII is all the glue uses for its names).
fn is_identifier_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'$'
}

/// `js` with every identifier in `renames` replaced and the quoted import module `glue_module`
/// replaced by `"$"`; an error when a name or the module is missing, or a short name is taken.
fn rename_in_glue(js: &str, renames: &HashMap<String, String>, glue_module: &str) -> Result<String, String> {
    let quoted_module = format!("\"{glue_module}\"");
    if js.matches(&quoted_module).count() != 1 {
        return Err(format!("expected the import module {quoted_module} once"));
    }
    let js = js.replace(&quoted_module, &format!("\"{SHORT_MODULE}\""));
    let bytes = js.as_bytes();
    let mut out = String::with_capacity(js.len());
    let mut seen: HashSet<&str> = HashSet::with_capacity(renames.len());
    let shorts: HashSet<&str> = renames.values().map(String::as_str).collect();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !is_identifier_byte(bytes[i]) {
            i += 1;
            continue;
        }
        let end = bytes[i..].iter().position(|&c| !is_identifier_byte(c)).map_or(bytes.len(), |n| i + n);
        let word = &js[i..end];
        if shorts.contains(word) {
            return Err(format!("the short name {word} is already used"));
        }
        if let Some((old, short)) = renames.get_key_value(word) {
            out.push_str(&js[start..i]);
            out.push_str(short);
            start = end;
            seen.insert(old);
        }
        i = end;
    }
    out.push_str(&js[start..]);
    if let Some(missing) = renames.keys().find(|old| !seen.contains(old.as_str())) {
        return Err(format!("{missing} is not in the glue"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn renames(pairs: &[(&str, usize)]) -> HashMap<String, String> {
        pairs.iter().map(|(old, n)| ((*old).to_owned(), short_name(*n))).collect()
    }

    #[test]
    fn short_names_count_in_base_36() {
        let names: Vec<String> = [0, 9, 10, 35, 36, 1295, 1296].into_iter().map(short_name).collect();
        assert_eq!(names, ["$0", "$9", "$a", "$z", "$10", "$zz", "$100"]);
        for n in [0, 7, 35, 36, 500, 1296] {
            assert_eq!(usize::from_str_radix(&short_name(n)[1..], 36), Ok(n));
        }
    }

    #[test]
    fn whole_identifiers_are_renamed_in_the_glue() {
        let js = "function F(){const i={__wbg_get_0123456789abcdef:function(a){return a},\
                  __wbg_get_0123456789abcdef_x:1};return{\"./b_bg.js\":i}}\
                  wasm.run__invoke__h99(1);x.__wbg_get_0123456789abcdef(2);";
        let map = renames(&[("__wbg_get_0123456789abcdef", 0), ("run__invoke__h99", 1)]);
        let out = rename_in_glue(js, &map, "./b_bg.js").unwrap();
        assert_eq!(
            out,
            "function F(){const i={$0:function(a){return a},__wbg_get_0123456789abcdef_x:1};\
             return{\"$\":i}}wasm.$1(1);x.$0(2);"
        );
    }

    #[test]
    fn a_glue_that_does_not_match_is_an_error() {
        let map = renames(&[("__wbg_a_0", 0)]);
        // The name is missing.
        assert!(rename_in_glue("const m={\"./b_bg.js\":{}}", &map, "./b_bg.js").unwrap_err().contains("__wbg_a_0"));
        // The module is missing.
        assert!(rename_in_glue("const m={__wbg_a_0:1}", &map, "./b_bg.js").is_err());
        // A short name is taken already.
        let taken = "const $0=1;const m={\"./b_bg.js\":{__wbg_a_0:1}}";
        assert!(rename_in_glue(taken, &map, "./b_bg.js").unwrap_err().contains("$0"));
    }
}
