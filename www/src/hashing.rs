//! Content-hashed file names: every file of the bundle folder that the loader fetches, directly
//! or through another file, gets a hash of its bytes in its name (`verschilmaker_app_bg.wasm`
//! becomes `verschilmaker_app_bg.1a2b3c4d5e.wasm`), so that a server may let browsers keep it
//! for good (`Cache-Control: immutable`). Only the loader keeps its name: it is what a web
//! editor's snippet points at, so it must be revalidated, and it is small.
//!
//! A file names another as a quoted relative path (`"./verschilmaker_app_later/link.js"`,
//! `'verschilmaker.css'`); those are the references that are rewritten. A file is hashed after
//! every file it names, so a changed byte anywhere changes the names of the files that lead to
//! it, up to the loader. The build fails, rather than write a bundle that cannot load, when two
//! files name each other in a cycle or when a file is named by no other file (its name would be
//! built at run time, which the rewrite cannot see).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::Error;

/// How many hex digits of the SHA-256 go into a name: 40 bits, enough that two versions of one
/// file never share a name.
const HASH_DIGITS: usize = 10;

/// Gives every file under `bundle_dir` except `loader` (a path relative to it) a content-hashed
/// name, rewriting the references between the files and in the loader. Returns each file's
/// old relative path with its new one (with `/` between folders).
pub fn hash_names(bundle_dir: &Path, loader: &str) -> Result<BTreeMap<String, String>, Error> {
    let mut files = Vec::new();
    list_files(bundle_dir, "", &mut files)?;
    if !files.iter().any(|file| file == loader) {
        return Err(Error::new(format!("{}: no loader {loader} to start from", bundle_dir.display())));
    }
    files.retain(|file| file != loader);

    // Who names whom, read once from the files as they are before any rename.
    let mut contents: BTreeMap<String, Option<String>> = BTreeMap::new();
    for file in files.iter().chain(std::iter::once(&loader.to_owned())) {
        let path = bundle_dir.join(file);
        let text = if is_text(file) { Some(fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?) } else { None };
        contents.insert(file.clone(), text);
    }
    let names = |from: &str| -> BTreeSet<String> {
        let Some(Some(text)) = contents.get(from) else { return BTreeSet::new() };
        files.iter().filter(|to| *to != from && spellings(from, to).iter().any(|s| text.contains(s))).cloned().collect()
    };
    let graph: BTreeMap<String, BTreeSet<String>> =
        files.iter().chain(std::iter::once(&loader.to_owned())).map(|file| (file.clone(), names(file))).collect();
    let named: BTreeSet<&String> = graph.values().flatten().collect();
    if let Some(orphan) = files.iter().find(|file| !named.contains(file)) {
        return Err(Error::new(format!(
            "{}: no file names {orphan} in quotes, so its hashed name could not be written where it is \
             used; a name built at run time must be written out whole",
            bundle_dir.display()
        )));
    }

    // Leaves first: a file is renamed once every file it names has its new name.
    let mut renamed: BTreeMap<String, String> = BTreeMap::new();
    let mut pending: Vec<String> = files.clone();
    while !pending.is_empty() {
        let ready: Vec<String> =
            pending.iter().filter(|file| graph[*file].iter().all(|to| renamed.contains_key(to))).cloned().collect();
        if ready.is_empty() {
            return Err(Error::new(format!(
                "{}: these files name each other in a cycle, so none can be hashed first: {}",
                bundle_dir.display(),
                pending.join(", ")
            )));
        }
        for file in ready {
            let bytes = rewritten(bundle_dir, &file, &contents[&file], &graph[&file], &renamed)?;
            let new_name = hashed_name(&file, &bytes);
            let old_path = bundle_dir.join(&file);
            fs::write(bundle_dir.join(&new_name), &bytes).map_err(|e| Error::io(&old_path, e))?;
            fs::remove_file(&old_path).map_err(|e| Error::io(&old_path, e))?;
            pending.retain(|other| *other != file);
            renamed.insert(file, new_name);
        }
    }
    let bytes = rewritten(bundle_dir, loader, &contents[loader], &graph[loader], &renamed)?;
    let loader_path = bundle_dir.join(loader);
    fs::write(&loader_path, bytes).map_err(|e| Error::io(&loader_path, e))?;
    Ok(renamed)
}

/// The name `file` gets for `bytes`: the hash goes before the last extension.
pub fn hashed_name(file: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest
        .iter()
        .flat_map(|byte| [byte >> 4, byte & 0xf])
        .map(|d| char::from_digit(u32::from(d), 16).unwrap_or('0'))
        .take(HASH_DIGITS)
        .collect();
    let (dir, name) = match file.rsplit_once('/') {
        Some((dir, name)) => (format!("{dir}/"), name),
        None => (String::new(), file),
    };
    match name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() => format!("{dir}{stem}.{hex}.{extension}"),
        _ => format!("{dir}{name}.{hex}"),
    }
}

/// Whether `name` is a hashed name that the build writes (`stem.0123456789.ext`): such a
/// file never changes under its name, so it may be cached for good.
pub fn is_hashed(name: &str) -> bool {
    let name = name.rsplit('/').next().unwrap_or(name);
    let mut parts = name.rsplit('.');
    let (Some(extension), Some(hash), Some(stem)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !stem.is_empty()
        && !extension.is_empty()
        && hash.len() == HASH_DIGITS
        && hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The name `name` had in the sources: without its hash when it has one
/// (`app_bg.0123456789.wasm` → `app_bg.wasm`), else as it is. Folders before it stay.
pub fn unhashed(name: &str) -> String {
    if !is_hashed(name) {
        return name.to_owned();
    }
    let (rest, extension) = name.rsplit_once('.').unwrap_or((name, ""));
    let (stem, _hash) = rest.rsplit_once('.').unwrap_or((rest, ""));
    format!("{stem}.{extension}")
}

/// Finds the file that was `logical` (a name relative to `dir`, as in the sources) in a folder
/// whose names may be hashed: `logical` itself when it is there, else its one hashed version.
pub fn find(dir: &Path, logical: &str) -> Option<std::path::PathBuf> {
    let plain = dir.join(logical);
    if plain.is_file() {
        return Some(plain);
    }
    let (sub, name) = logical.rsplit_once('/').unwrap_or(("", logical));
    let (stem, extension) = name.rsplit_once('.')?;
    let folder = dir.join(sub);
    let mut found = fs::read_dir(&folder).ok()?.filter_map(|entry| entry.ok()).filter_map(|entry| {
        let name = entry.file_name().into_string().ok()?;
        let middle = name.strip_prefix(stem)?.strip_prefix('.')?.strip_suffix(extension)?.strip_suffix('.')?;
        (is_hashed(&name) && middle.len() == HASH_DIGITS).then(|| folder.join(name))
    });
    let first = found.next()?;
    // Two hashed versions of one file: a stale folder, which no answer fits.
    found.next().is_none().then_some(first)
}

/// The quoted spellings by which `from` may name `to`: the path relative to `from`'s folder,
/// with and without `./`, in each kind of JS quote.
fn spellings(from: &str, to: &str) -> Vec<String> {
    let relative = relative_path(from, to);
    let mut forms = vec![relative.clone()];
    if !relative.starts_with("../") {
        forms.push(format!("./{relative}"));
    }
    forms.iter().flat_map(|form| ['"', '\'', '`'].map(|quote| format!("{quote}{form}{quote}"))).collect()
}

/// The path of `to` relative to the folder of `from` (both relative to the bundle folder).
fn relative_path(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from_dirs.len() - common];
    parts.extend(&to_parts[common..]);
    parts.join("/")
}

/// `file`'s bytes with every quoted name of a file in `names` replaced by its new name.
fn rewritten(
    bundle_dir: &Path,
    file: &str,
    text: &Option<String>,
    names: &BTreeSet<String>,
    renamed: &BTreeMap<String, String>,
) -> Result<Vec<u8>, Error> {
    let Some(text) = text else {
        let path = bundle_dir.join(file);
        return fs::read(&path).map_err(|e| Error::io(&path, e));
    };
    let mut text = text.clone();
    for to in names {
        let new = &renamed[to];
        for (old_form, new_form) in spellings(file, to).into_iter().zip(spellings(file, new)) {
            text = text.replace(&old_form, &new_form);
        }
    }
    Ok(text.into_bytes())
}

fn is_text(file: &str) -> bool {
    [".js", ".mjs", ".css"].iter().any(|extension| file.ends_with(extension))
}

/// Every file under `dir`, as paths relative to the bundle folder with `/` between folders.
fn list_files(dir: &Path, prefix: &str, out: &mut Vec<String>) -> Result<(), Error> {
    let mut entries: Vec<_> =
        fs::read_dir(dir).map_err(|e| Error::io(dir, e))?.collect::<Result<_, _>>().map_err(|e| Error::io(dir, e))?;
    entries.sort_by_key(|entry| entry.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if path.is_dir() {
            list_files(&path, &format!("{prefix}{name}/"), out)?;
        } else {
            out.push(format!("{prefix}{name}"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A bundle folder in the shape the build writes: the loader names the glue and the style
    /// sheet, the glue names the link file of its later module, which names that module.
    fn bundle(dir: &Path, later_wasm: &[u8]) {
        let _ = fs::remove_dir_all(dir);
        fs::create_dir_all(dir.join("app_later")).unwrap();
        fs::write(dir.join("loader.js"), "const F={glue:'app.js',wasm:\"app_bg.wasm\",css:'app.css'};").unwrap();
        fs::write(
            dir.join("app.js"),
            "import * as l from \"./app_later/link.js\"; new URL('app_bg.wasm', import.meta.url)",
        )
        .unwrap();
        fs::write(dir.join("app_bg.wasm"), b"\0asm main").unwrap();
        fs::write(dir.join("app.css"), "p{color:red}").unwrap();
        fs::write(dir.join("app_later/link.js"), "fetch(new URL(\"./split.wasm\", import.meta.url))").unwrap();
        fs::write(dir.join("app_later/split.wasm"), later_wasm).unwrap();
    }

    fn scratch(name: &str) -> std::path::PathBuf {
        std::env::temp_dir().join(format!("vm-hashing-{}-{name}", std::process::id()))
    }

    #[test]
    fn every_file_but_the_loader_gets_a_hashed_name_and_every_reference_follows() {
        let dir = scratch("follow");
        bundle(&dir, b"\0asm later");
        let renamed = hash_names(&dir, "loader.js").unwrap();
        assert_eq!(renamed.len(), 5);
        for (old, new) in &renamed {
            assert!(is_hashed(new), "{new}");
            assert!(!dir.join(old).exists() && dir.join(new).is_file(), "{old} -> {new}");
            assert_eq!(find(&dir, old), Some(dir.join(new)), "{old}");
        }
        let loader = fs::read_to_string(dir.join("loader.js")).unwrap();
        assert!(loader.contains(&format!("'{}'", renamed["app.js"])), "{loader}");
        assert!(loader.contains(&format!("\"{}\"", renamed["app_bg.wasm"])), "{loader}");
        let glue = fs::read_to_string(dir.join(&renamed["app.js"])).unwrap();
        assert!(glue.contains(&format!("\"./{}\"", renamed["app_later/link.js"])), "{glue}");
        let link = fs::read_to_string(dir.join(&renamed["app_later/link.js"])).unwrap();
        let split = renamed["app_later/split.wasm"].trim_start_matches("app_later/");
        assert!(link.contains(&format!("\"./{split}\"")), "{link}");
        fs::remove_dir_all(&dir).unwrap();
    }

    /// One changed byte in a module fetched last changes its name and the names of the files
    /// that lead to it, and of no other file.
    #[test]
    fn one_changed_byte_changes_the_names_on_the_way_to_it() {
        let dir = scratch("byte");
        bundle(&dir, b"\0asm later");
        let before = hash_names(&dir, "loader.js").unwrap();
        bundle(&dir, b"\0asm lateR");
        let after = hash_names(&dir, "loader.js").unwrap();
        for file in ["app_later/split.wasm", "app_later/link.js", "app.js"] {
            assert_ne!(before[file], after[file], "{file}");
        }
        for file in ["app_bg.wasm", "app.css"] {
            assert_eq!(before[file], after[file], "{file}");
        }
        bundle(&dir, b"\0asm later");
        assert_eq!(hash_names(&dir, "loader.js").unwrap(), before, "the same bytes give the same names");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_file_nobody_names_or_a_cycle_fails_the_build() {
        let dir = scratch("orphan");
        bundle(&dir, b"\0asm later");
        fs::write(dir.join("stray.js"), "1").unwrap();
        let error = hash_names(&dir, "loader.js").unwrap_err().to_string();
        assert!(error.contains("no file names stray.js"), "{error}");

        bundle(&dir, b"\0asm later");
        fs::write(dir.join("app_later/link.js"), "import '../app.js'; fetch(new URL('./split.wasm', import.meta.url))")
            .unwrap();
        let error = hash_names(&dir, "loader.js").unwrap_err().to_string();
        assert!(error.contains("cycle") && error.contains("app.js, app_later/link.js"), "{error}");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn relative_paths_and_hashed_names() {
        assert_eq!(relative_path("app.js", "app_later/link.js"), "app_later/link.js");
        assert_eq!(relative_path("app_later/link.js", "app_later/split.wasm"), "split.wasm");
        assert_eq!(relative_path("app_later/link.js", "app.js"), "../app.js");
        let name = hashed_name("app_later/link.js", b"x");
        assert!(name.starts_with("app_later/link.") && name.ends_with(".js") && is_hashed(&name), "{name}");
        assert_eq!(unhashed("/vm/app_later/split.0123456789.wasm"), "/vm/app_later/split.wasm");
        assert_eq!(unhashed("verschilmaker.js"), "verschilmaker.js");
        assert!(!is_hashed("verschilmaker.js") && !is_hashed("a.0123456789.") && !is_hashed("a.012345678g.js"));
    }
}
