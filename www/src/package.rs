//! The widget as a web editor gets it: an npm package folder with `package.json`, a README for
//! web editors, server settings for Apache, nginx and IIS, and an example page, packed with
//! `npm pack` into `verschilmaker-<version>.tgz`, and the same files as `verschilmaker-<version>.zip`.
//! Beside the widget, the core as a JavaScript library (`verschilmaker/core`, in `core/`, with an
//! example page of its own) and the command `verschilmaker check` (`bin/`).
//!
//! The version is the workspace's: the widget, the data format's crate and the package move
//! together.

use std::fmt;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::Error;
use crate::build::{BUNDLE_DIR, DEMO_DATA, LOADER, copy_file, copy_tree, log, target_dir};
use crate::core_js::{CORE_DIR, CoreModuleReport, build_core_module};

/// The npm package's name, and the stem of the tarball's and the zip's names.
pub const PACKAGE_NAME: &str = "verschilmaker";

/// The version of the package: the workspace's.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What [`package`] wrote.
#[derive(Clone, Debug)]
pub struct PackageReport {
    /// The package folder, as the tarball holds it (under `package/`).
    pub folder: PathBuf,
    /// `verschilmaker-<version>.tgz`, written by `npm pack`.
    pub tarball: PathBuf,
    /// `verschilmaker-<version>.zip`: the same files under `verschilmaker-<version>/`.
    pub zip: PathBuf,
    /// Every file of the package, relative to its folder, with its size in bytes.
    pub files: Vec<(String, u64)>,
    /// The core module for JavaScript in it (`core/`).
    pub core: CoreModuleReport,
}

impl fmt::Display for PackageReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "package folder {}", self.folder.display())?;
        for (name, size) in &self.files {
            writeln!(f, "  {size:>9}  {name}")?;
        }
        let size = |path: &Path| fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        write!(f, "{}", self.core)?;
        writeln!(f, "npm package {} ({} bytes)", self.tarball.display(), size(&self.tarball))?;
        writeln!(f, "zip         {} ({} bytes)", self.zip.display(), size(&self.zip))
    }
}

/// Writes the package of the bundle in `site_dir` (a site that `build_site` wrote) into
/// `out_dir`: the folder `out_dir/verschilmaker`, the tarball and the zip beside it. Needs `npm`
/// for the tarball.
pub fn package(workspace_root: &Path, site_dir: &Path, out_dir: &Path) -> Result<PackageReport, Error> {
    let bundle = site_dir.join(BUNDLE_DIR);
    if !bundle.join(LOADER).is_file() {
        return Err(Error::new(format!("{}: no built bundle here; build the site first", bundle.display())));
    }
    let folder = out_dir.join(PACKAGE_NAME);
    if folder.exists() {
        fs::remove_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
    }
    copy_tree(&bundle, &folder)?;
    let sources = workspace_root.join("www").join("package");
    // After the bundle, which `www build` has content-hashed: these files keep their names.
    let built_core = build_core_module(workspace_root, &target_dir(workspace_root).join("www-core"))?;
    copy_tree(&built_core.dir, &folder.join(CORE_DIR))?;
    let core = CoreModuleReport { dir: folder.join(CORE_DIR), ..built_core };
    copy_tree(&sources.join("bin"), &folder.join("bin"))?;
    copy_file(&sources.join("core-example.html"), &folder.join("core-example.html"))?;
    copy_tree(&sources.join("server"), &folder.join("server"))?;
    copy_file(&sources.join("example.html"), &folder.join("example.html"))?;
    copy_file(&workspace_root.join(DEMO_DATA), &folder.join("example-data.json"))?;
    copy_file(&workspace_root.join("LICENSE"), &folder.join("LICENSE"))?;
    let readme = fs::read_to_string(sources.join("README.md")).map_err(|e| Error::io(&sources, e))?;
    write(&folder.join("README.md"), readme.replace("{version}", VERSION).as_bytes())?;
    write(&folder.join("package.json"), package_json().as_bytes())?;

    let mut files = Vec::new();
    list(&folder, "", &mut files)?;
    let tarball = npm_pack(&folder, out_dir)?;
    let zip = out_dir.join(format!("{PACKAGE_NAME}-{VERSION}.zip"));
    write_zip(&folder, &files, &zip)?;
    Ok(PackageReport { folder, tarball, zip, files, core })
}

/// The package's manifest. `exports` makes the loader the package's entry and every other file
/// reachable by its path (bundlers and CDNs resolve the CSS and wasm through it); `sideEffects`
/// names the loader, which defines the custom element, so that a bundler never drops it.
/// `./core` is the core library: Node reads its wasm with `fs`, everything else fetches it
/// beside the module; `bin` is `npx verschilmaker check`.
fn package_json() -> String {
    format!(
        r#"{{
  "name": "{PACKAGE_NAME}",
  "version": "{VERSION}",
  "description": "Show a municipality's citizen initiatives, what they need and who could help, on any website: one web component, no server",
  "keywords": ["web-component", "custom-element", "wasm", "municipality", "gemeente", "initiatives", "nl-design-system"],
  "license": "MIT",
  "type": "module",
  "main": "./{LOADER}",
  "exports": {{
    ".": "./{LOADER}",
    "./{LOADER}": "./{LOADER}",
    "./core": {{
      "types": "./core/index.d.ts",
      "node": "./core/node.js",
      "default": "./core/browser.js"
    }},
    "./core/*": "./core/*",
    "./*.css": "./*.css",
    "./*.wasm": "./*.wasm",
    "./*.js": "./*.js",
    "./package.json": "./package.json"
  }},
  "unpkg": "{LOADER}",
  "jsdelivr": "{LOADER}",
  "sideEffects": ["./{LOADER}", "./core/browser.js", "./core/node.js"],
  "bin": {{
    "verschilmaker": "./bin/verschilmaker.js"
  }},
  "engines": {{
    "node": ">=18"
  }},
  "files": [
    "*.js",
    "*.css",
    "*.wasm",
    "*_later/",
    "snippets/",
    "server/",
    "core/",
    "bin/",
    "example.html",
    "core-example.html",
    "example-data.json"
  ]
}}
"#
    )
}

/// Runs `npm pack` in `folder`, writing the tarball into `out_dir`.
fn npm_pack(folder: &Path, out_dir: &Path) -> Result<PathBuf, Error> {
    log("packing the npm package: npm pack");
    let output = Command::new("npm")
        .args(["pack", "--silent", "--pack-destination"])
        .arg(out_dir)
        .current_dir(folder)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| {
            Error::new(format!("cannot run npm (needed for the tarball; Debian: apt-get install npm): {e}"))
        })?;
    if !output.status.success() {
        return Err(Error::new(format!(
            "npm pack failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    let tarball = out_dir.join(format!("{PACKAGE_NAME}-{VERSION}.tgz"));
    if !tarball.is_file() {
        return Err(Error::new(format!("npm pack did not write {}", tarball.display())));
    }
    Ok(tarball)
}

/// Writes `files` of `folder` into a zip under one top folder, `verschilmaker-<version>/`.
fn write_zip(folder: &Path, files: &[(String, u64)], zip_path: &Path) -> Result<(), Error> {
    let file = fs::File::create(zip_path).map_err(|e| Error::io(zip_path, e))?;
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let top = format!("{PACKAGE_NAME}-{VERSION}");
    let failed = |e: &dyn fmt::Display| Error::new(format!("{}: {e}", zip_path.display()));
    for (name, _) in files {
        let bytes = fs::read(folder.join(name)).map_err(|e| Error::io(&folder.join(name), e))?;
        zip.start_file(format!("{top}/{name}"), options).map_err(|e| failed(&e))?;
        zip.write_all(&bytes).map_err(|e| failed(&e))?;
    }
    zip.finish().map_err(|e| failed(&e))?;
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    fs::write(path, bytes).map_err(|e| Error::io(path, e))
}

/// Every file under `dir`, relative to the package folder with `/` between folders, sorted.
fn list(dir: &Path, prefix: &str, out: &mut Vec<(String, u64)>) -> Result<(), Error> {
    let mut entries: Vec<_> =
        fs::read_dir(dir).map_err(|e| Error::io(dir, e))?.collect::<Result<_, _>>().map_err(|e| Error::io(dir, e))?;
    entries.sort_by_key(|entry| entry.file_name());
    for entry in entries {
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        let path = entry.path();
        if path.is_dir() {
            list(&path, &format!("{name}/"), out)?;
        } else {
            let size = entry.metadata().map_err(|e| Error::io(&path, e))?.len();
            out.push((name, size));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_is_json_with_the_loader_as_entry_and_side_effect() {
        let manifest: serde_json::Value = serde_json::from_str(&package_json()).expect("package.json is JSON");
        assert_eq!(manifest["name"], PACKAGE_NAME);
        assert_eq!(manifest["version"], VERSION);
        assert_eq!(manifest["type"], "module");
        assert_eq!(manifest["exports"]["."], "./verschilmaker.js");
        assert_eq!(manifest["sideEffects"][0], "./verschilmaker.js");
        assert_eq!(manifest["unpkg"], "verschilmaker.js");
        assert_eq!(manifest["license"], "MIT");
        assert_eq!(manifest["exports"]["./core"]["node"], "./core/node.js");
        assert_eq!(manifest["exports"]["./core"]["default"], "./core/browser.js");
        assert_eq!(manifest["bin"]["verschilmaker"], "./bin/verschilmaker.js");
    }
}
