//! Splitting a bundle's wasm at the widget's split points, so that the first download holds only
//! what the first view needs.
//!
//! The widget marks split points with `wasm_split_helpers` (`widget/src/components/later.rs`):
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
//!
//! Then [`inline_link`] moves the link file into the glue. The two import each other (the glue
//! imports the link file's loader, the link file the glue's `initSync`), and two files that
//! name each other cannot both carry a hash of their content in their names (`hashing.rs`); as
//! one file, the glue names only the later modules.

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
    // The linked module, with its function names, beside the main module: what is in it and not
    // in the main module is what the later modules hold (see `docs/bundle-size.md`).
    let linked = work_dir.join(format!("{bundle}_linked.wasm"));
    fs::write(&linked, &input).map_err(|e| Error::io(&linked, e))?;
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
    // The tool writes the later modules into `output_dir` itself; move them beside the link file,
    // each shared module under a name that says which views share it.
    let chunks = chunk_names(&result.prefetch_map);
    let link = later.join("link.js");
    let mut link_text = fs::read_to_string(&link).map_err(|e| Error::io(&link, e))?;
    for module in &result.split_modules {
        let name = module
            .file_name()
            .and_then(|name| name.to_str())
            .ok_or_else(|| Error::new(format!("odd module path {}", module.display())))?;
        let stem = name.trim_end_matches(".wasm");
        let name = match chunks.iter().find(|(chunk, _)| chunk == stem) {
            Some((_, named)) => {
                let (old, new) = (format!("\"./{name}\""), format!("\"./{named}.wasm\""));
                if !link_text.contains(&old) {
                    return Err(Error::new(format!(
                        "{} does not fetch {name} (did wasm_split_cli_support change?)",
                        link.display()
                    )));
                }
                link_text = link_text.replace(&old, &new);
                format!("{named}.wasm")
            }
            None => name.to_owned(),
        };
        let to = later.join(name);
        fs::rename(module, &to).map_err(|e| Error::io(&to, e))?;
    }
    fs::write(&link, link_text).map_err(|e| Error::io(&link, e))?;
    instantiate_from_bytes(&link)?;
    Ok(main)
}

/// For each module that split points share (`chunk_4`), a name that says which
/// (`chunk_agenda_detail`), from the tool's map of split point to the modules it fetches: so that
/// `www sizes` can tell what opening each view fetches, and a network panel shows it too.
fn chunk_names(prefetch_map: &std::collections::HashMap<String, Vec<String>>) -> Vec<(String, String)> {
    let mut chunks: Vec<(String, Vec<&str>)> = Vec::new();
    for (split, files) in prefetch_map {
        for file in files.iter().filter(|file| file.starts_with("chunk_")) {
            match chunks.iter_mut().find(|(chunk, _)| chunk == file) {
                Some((_, splits)) => splits.push(split),
                None => chunks.push((file.clone(), vec![split])),
            }
        }
    }
    chunks
        .into_iter()
        .map(|(chunk, mut splits)| {
            splits.sort_unstable();
            (chunk, format!("chunk_{}", splits.join("_")))
        })
        .collect()
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
/// Moves the link file of bundle `bundle` (in `bindgen_dir/{bundle}_later/link.js`) into its
/// glue `bindgen_dir/{bundle}.js` and deletes it: the glue's `import * as NAME from
/// "./{bundle}_later/link.js"` becomes `const NAME = (() => { … })();` with the link file's code
/// inside, its own import of the glue's `initSync` dropped (the function is in scope) and the
/// addresses of its modules made relative to the glue. The build fails when either file does not
/// have the shape this expects.
pub fn inline_link(bindgen_dir: &Path, bundle: &str) -> Result<(), Error> {
    let later = later_dir_name(bundle);
    let link_path = bindgen_dir.join(&later).join("link.js");
    let glue_path = bindgen_dir.join(format!("{bundle}.js"));
    let link = fs::read_to_string(&link_path).map_err(|e| Error::io(&link_path, e))?;
    let glue = fs::read_to_string(&glue_path).map_err(|e| Error::io(&glue_path, e))?;
    let inlined = inlined_glue(&glue, &link, bundle).map_err(|problem| {
        Error::new(format!(
            "cannot move {} into {}: {problem} (did wasm_split_cli_support or wasm-bindgen change?)",
            link_path.display(),
            glue_path.display()
        ))
    })?;
    fs::write(&glue_path, inlined).map_err(|e| Error::io(&glue_path, e))?;
    fs::remove_file(&link_path).map_err(|e| Error::io(&link_path, e))
}

/// The glue with the link file's code in place of its import of the link file.
fn inlined_glue(glue: &str, link: &str, bundle: &str) -> Result<String, String> {
    let later = later_dir_name(bundle);
    let link_import = format!("import {{ initSync }} from \"../{bundle}.js\";");
    if link.matches(&link_import).count() != 1 {
        return Err(format!("the link file does not import initSync once as `{link_import}`"));
    }
    let mut exports = Vec::new();
    let mut body = String::new();
    for line in link.replace(&link_import, "").lines() {
        if line.trim_start().starts_with("import ") {
            return Err(format!("the link file has another import: {line}"));
        }
        match line.strip_prefix("export const ") {
            Some(rest) => {
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$').collect();
                body.push_str("const ");
                body.push_str(rest);
                exports.push(name);
            }
            None if line.starts_with("export ") => return Err(format!("an export of another kind: {line}")),
            None => body.push_str(line),
        }
        body.push('\n');
    }
    if exports.is_empty() {
        return Err("the link file exports nothing".to_owned());
    }
    let relative = "new URL(\"./";
    if !body.contains(relative) {
        return Err("the link file fetches no module relative to itself".to_owned());
    }
    let body = body.replace(relative, &format!("new URL(\"./{later}/"));

    let import_tail = format!(" from \"./{later}/link.js\"");
    // wasm-bindgen imports the link file once per later module (once per loader it calls): the
    // first import becomes the link file's code, the others names for it.
    let mut first: Option<String> = None;
    let mut aliases: Vec<String> = Vec::new();
    let mut out = String::with_capacity(glue.len() + body.len());
    for line in glue.split_inclusive('\n') {
        let name = line
            .trim_end()
            .strip_prefix("import * as ")
            .and_then(|rest| rest.trim_end_matches(';').strip_suffix(&import_tail));
        match (name, &first) {
            (Some(name), None) => {
                out.push_str(&format!(
                    "// The link file of the later modules (wasm_split_cli_support), moved into the glue by `www build`.\n\
                     const {name} = (() => {{\n{body}return {{ {} }};\n}})();\n",
                    exports.join(", ")
                ));
                first = Some(name.to_owned());
            }
            (Some(name), Some(first)) => {
                out.push_str(&format!("const {name} = {first};\n"));
                aliases.push(format!("\"./{later}/link.js\": {name},"));
            }
            // The imports object names the link file once per import: one key is enough.
            (None, _) if aliases.iter().any(|alias| line.trim() == alias) => {}
            (None, _) => out.push_str(line),
        }
    }
    if first.is_none() {
        return Err(format!("the glue has no `import * as NAME{import_tail}`"));
    }
    Ok(out)
}

const STREAMING: &str = "WebAssembly.instantiateStreaming(src, imports)";
/// What each module's fetcher calls instead: one function for all of them, which the link file
/// gets once, as each later module and shared chunk has a fetcher of its own.
const FROM_BYTES_CALL: &str = "vmFromBytes(src, imports)";
const FROM_BYTES: &str = "function vmFromBytes(src, imports) {\n    return src.then((response) => { \
     if (!response.ok) throw new Error(`${response.status} ${response.url}`); return response.arrayBuffer(); })\
     .then((bytes) => WebAssembly.instantiate(bytes, imports));\n}\n";

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
    let patched = text.replace(STREAMING, FROM_BYTES_CALL) + FROM_BYTES;
    fs::write(link_js, patched).map_err(|e| Error::io(link_js, e))
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
        assert!(patched.contains("return async (imports) => (vmFromBytes(src, imports));"), "{patched}");
        // Once, however many fetchers call it.
        let two = format!("{fetcher}\n{fetcher}");
        fs::write(&link, &two).unwrap();
        instantiate_from_bytes(&link).unwrap();
        let patched = fs::read_to_string(&link).unwrap();
        assert_eq!(
            (patched.matches("vmFromBytes(src, imports)").count(), patched.matches("function vmFromBytes").count()),
            (3, 1)
        );
        // A link file of another shape is an error, not silently left streaming.
        fs::write(&link, "export const x = 1;").unwrap();
        assert!(instantiate_from_bytes(&link).is_err());
        fs::remove_dir_all(&dir).unwrap();
    }

    const LINK: &str = "import { initSync } from \"../app.js\";\n\
        let shared = undefined;\n\
        function load() { return initSync(undefined, undefined); }\n\
        export const __wasm_split_load_later = () => fetch(new URL(\"./split_later.wasm\", import.meta.url));\n";

    const GLUE: &str = "import * as import1 from \"./app_later/link.js\"\n\
        export function mount() {}\n\
        const imports = { \"./app_later/link.js\": import1 };\n\
        function initSync(module) {}\n";

    #[test]
    fn the_link_file_moves_into_the_glue() {
        let glue = inlined_glue(GLUE, LINK, "app").unwrap();
        assert!(!glue.contains("import * as") && !glue.contains("from \"../app.js\""), "{glue}");
        assert!(glue.contains("const import1 = (() => {"), "{glue}");
        assert!(glue.contains("const __wasm_split_load_later = "), "{glue}");
        assert!(glue.contains("return { __wasm_split_load_later };\n})();"), "{glue}");
        assert!(glue.contains("new URL(\"./app_later/split_later.wasm\", import.meta.url)"), "{glue}");
        assert!(glue.contains("function initSync(module) {}"), "the glue's own code stays: {glue}");
    }

    #[test]
    fn shared_modules_are_named_by_the_views_that_share_them() {
        let map: std::collections::HashMap<String, Vec<String>> = [
            ("detail", vec!["chunk_4", "chunk_5", "split_detail"]),
            ("forms", vec!["chunk_5", "chunk_6", "split_forms"]),
            ("agenda", vec!["chunk_4", "chunk_5", "chunk_6", "split_agenda"]),
        ]
        .into_iter()
        .map(|(split, files)| (split.to_owned(), files.into_iter().map(str::to_owned).collect()))
        .collect();
        let mut names = chunk_names(&map);
        names.sort();
        let expected = [
            ("chunk_4", "chunk_agenda_detail"),
            ("chunk_5", "chunk_agenda_detail_forms"),
            ("chunk_6", "chunk_agenda_forms"),
        ];
        assert_eq!(names, expected.map(|(a, b)| (a.to_owned(), b.to_owned())));
    }

    #[test]
    fn a_glue_that_imports_the_link_file_per_later_module_gets_its_code_once() {
        let glue = GLUE.replacen(
            "import * as import1 from \"./app_later/link.js\"\n",
            "import * as import1 from \"./app_later/link.js\"\nimport * as import2 from \"./app_later/link.js\"\n\
             import * as import3 from \"./app_later/link.js\"\n",
            1,
        );
        let glue = inlined_glue(&glue, LINK, "app").unwrap();
        assert!(!glue.contains("import * as"), "{glue}");
        assert_eq!(glue.matches("const __wasm_split_load_later = ").count(), 1, "{glue}");
        assert!(glue.contains("const import1 = (() => {"), "{glue}");
        let (first, rest) = glue.split_once("const import1 = (() => {").unwrap();
        assert!(!first.contains("import2") && !first.contains("import3"), "named before the code: {glue}");
        assert!(rest.contains("const import2 = import1;\nconst import3 = import1;\n"), "{glue}");
        // The imports object names the link file once.
        let glue = inlined_glue(
            &GLUE
                .replace(
                    "const imports = { \"./app_later/link.js\": import1 };",
                    "const imports = {\n  \"./app_later/link.js\": import1,\n  \"./app_later/link.js\": import2,\n};",
                )
                .replacen("\n", "\nimport * as import2 from \"./app_later/link.js\"\n", 1),
            LINK,
            "app",
        )
        .unwrap();
        assert!(glue.contains("\"./app_later/link.js\": import1,") && !glue.contains(": import2"), "{glue}");
    }

    #[test]
    fn a_link_file_or_glue_of_another_shape_fails_the_build() {
        assert!(inlined_glue(GLUE, "export const x = 1;", "app").unwrap_err().contains("initSync"));
        let two_imports = format!("import {{ y }} from \"./y.js\";\n{LINK}");
        assert!(inlined_glue(GLUE, &two_imports, "app").unwrap_err().contains("another import"));
        assert!(inlined_glue("export function mount() {}", LINK, "app").unwrap_err().contains("no `import * as"));
        assert!(inlined_glue(GLUE, LINK, "other").is_err(), "the link file imports another bundle's glue");
    }
}
