//! Splitting a bundle's wasm at the widget's split points, so that the first download holds only
//! what the first view needs.
//!
//! The widget marks split points with `wasm_split_helpers` (`widget/src/components/lazy.rs`):
//! the initiative page, the forms and the agenda. `wasm_split_cli_support` reads the linked
//! module (built with `--emit-relocs`, so that every function and table reference can be
//! moved), keeps in the main module what the rest of the code reaches without passing a split
//! point, and writes the other functions into modules that share the main module's memory and
//! function table, with a small JS file (`{bundle}_later/link.js`) that fetches and instantiates
//! them on the first call. The main module then goes through wasm-bindgen as before.
//!
//! Two fixes make the result work with this wasm-bindgen and on municipal web servers:
//! wasm-bindgen removes the function table's export that the later modules import (it is unused
//! by its own glue), so [`export_function_table`] adds it back; and the link file instantiates
//! with `WebAssembly.instantiateStreaming`, which fails when a server sends `.wasm` files with
//! another MIME type, so [`instantiate_from_bytes`] makes it read the bytes first, as the
//! wasm-bindgen glue falls back to doing.

use std::fs;
use std::path::{Path, PathBuf};

use crate::Error;
use crate::build::log;

/// The folder, beside the bundle's glue, that holds its later modules and their link file.
pub fn later_dir_name(bundle: &str) -> String {
    format!("{bundle}_later")
}

/// The name of the function table's export that the later modules import.
const TABLE_EXPORT: &str = "__indirect_function_table";

/// Splits `wasm` (the linked widget of bundle `bundle`): writes the later modules and the link
/// file into `bindgen_dir/{bundle}_later/`, and returns the main module, written into
/// `work_dir`, for wasm-bindgen.
pub fn split(wasm: &Path, work_dir: &Path, bindgen_dir: &Path, bundle: &str) -> Result<PathBuf, Error> {
    log(&format!("splitting {bundle} at its split points (wasm_split_cli_support)"));
    let input = fs::read(wasm).map_err(|e| Error::io(wasm, e))?;
    fs::create_dir_all(work_dir).map_err(|e| Error::io(work_dir, e))?;
    let main = work_dir.join(format!("{bundle}_main.wasm"));
    let later = bindgen_dir.join(later_dir_name(bundle));
    fs::create_dir_all(&later).map_err(|e| Error::io(&later, e))?;
    // The link file sits in the later folder, so that its `new URL("./split_….wasm",
    // import.meta.url)` finds the modules there; the main module imports it by this path,
    // relative to the glue `{bundle}.js`, and the link file imports the glue back.
    let link_name = format!("./{}/link.js", later_dir_name(bundle));
    let main_module = format!("../{bundle}.js");
    let mut options = wasm_split_cli_support::Options::new(&input);
    options.output_dir = bindgen_dir;
    options.main_out_path = &main;
    options.link_name = &link_name;
    options.main_module = &main_module;
    let result = wasm_split_cli_support::transform(options)
        .map_err(|e| Error::new(format!("splitting {} failed: {e:#}", wasm.display())))?;
    if result.split_modules.is_empty() {
        return Err(Error::new(format!(
            "{} has no split points: was it linked with --emit-relocs, and is `components::later::entry_points` still reachable from `mount`?",
            wasm.display()
        )));
    }
    // The tool writes the later modules into `output_dir` itself; move them beside the link file.
    for module in &result.split_modules {
        let name = module.file_name().ok_or_else(|| Error::new(format!("odd module path {}", module.display())))?;
        let to = later.join(name);
        fs::rename(module, &to).map_err(|e| Error::io(&to, e))?;
    }
    instantiate_from_bytes(&later.join("link.js"))?;
    Ok(main)
}

/// The later modules of a split bundle, to optimise: every `.wasm` in its later folder.
pub fn later_modules(bindgen_dir: &Path, bundle: &str) -> Result<Vec<PathBuf>, Error> {
    let dir = bindgen_dir.join(later_dir_name(bundle));
    let mut modules: Vec<PathBuf> = fs::read_dir(&dir)
        .map_err(|e| Error::io(&dir, e))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "wasm"))
        .collect();
    modules.sort();
    Ok(modules)
}

/// Exports the main module's function table again under the name the later modules import.
pub fn export_function_table(wasm: &Path) -> Result<(), Error> {
    let mut module =
        walrus::Module::from_file(wasm).map_err(|e| Error::new(format!("cannot read {}: {e:#}", wasm.display())))?;
    if module.exports.iter().any(|export| export.name == TABLE_EXPORT) {
        return Ok(());
    }
    let table = module
        .tables
        .main_function_table()
        .map_err(|e| Error::new(format!("{}: {e:#}", wasm.display())))?
        .ok_or_else(|| Error::new(format!("{} has no function table to share", wasm.display())))?;
    module.exports.add(TABLE_EXPORT, table);
    module.emit_wasm_file(wasm).map_err(|e| Error::new(format!("cannot write {}: {e:#}", wasm.display())))
}

/// What the link file calls to instantiate a fetched module, and what it calls instead.
const STREAMING: &str = "WebAssembly.instantiateStreaming(src, imports)";
const FROM_BYTES: &str = "src.then((response) => { if (!response.ok) throw new Error(`${response.status} ${response.url}`); \
     return response.arrayBuffer(); }).then((bytes) => WebAssembly.instantiate(bytes, imports))";

/// Makes the link file instantiate from the fetched bytes instead of streaming, which needs
/// the `application/wasm` MIME type, and fail clearly on an HTTP error.
fn instantiate_from_bytes(link_js: &Path) -> Result<(), Error> {
    let text = fs::read_to_string(link_js).map_err(|e| Error::io(link_js, e))?;
    if !text.contains(STREAMING) {
        return Err(Error::new(format!(
            "{} does not instantiate as expected (did wasm_split_cli_support change?)",
            link_js.display()
        )));
    }
    fs::write(link_js, text.replace(STREAMING, FROM_BYTES)).map_err(|e| Error::io(link_js, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_file_reads_bytes_instead_of_streaming() {
        let dir = std::env::temp_dir().join(format!("www-split-test-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let link = dir.join("link.js");
        let fetcher = "() => {\n    const src = fetch(new URL(\"./split_later.wasm\", import.meta.url));\n    \
                       src.catch(() => {});\n    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));\n}";
        fs::write(&link, fetcher).unwrap();
        instantiate_from_bytes(&link).unwrap();
        let patched = fs::read_to_string(&link).unwrap();
        assert!(!patched.contains("instantiateStreaming"), "{patched}");
        assert!(
            patched.contains("response.arrayBuffer()") && patched.contains("WebAssembly.instantiate(bytes, imports)")
        );
        // A link file of another shape is an error, not silently left streaming.
        fs::write(&link, "export const x = 1;").unwrap();
        assert!(instantiate_from_bytes(&link).is_err());
        fs::remove_dir_all(&dir).unwrap();
    }
}
