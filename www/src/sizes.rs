//! Bundle sizes, raw and gzipped, because every visitor downloads the bundle, and the budget
//! they are held to.

use std::fmt;
use std::fs;
use std::io::Write;
use std::path::Path;

use flate2::Compression;
use flate2::write::GzEncoder;

use crate::Error;

/// The budget for the residents' widget (wasm + JS + CSS of its first download), gzipped, in
/// bytes: 150 KB (DESIGN.md's targets, issue 8).
///
/// Every build report and `www sizes` show the bundle beside it; `www sizes --enforce-budget`
/// fails when it is over, and CI runs it so (see `.ci/run`).
pub const BUNDLE_BUDGET_GZIP: u64 = 150_000;

/// The size of one file or a group of files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FileSize {
    /// Bytes on disk.
    pub raw: u64,
    /// Bytes after gzip at level 9, as a server that pre-compresses would send them.
    pub gzip: u64,
}

impl FileSize {
    /// Measures one file.
    pub fn of(path: &Path) -> Result<FileSize, Error> {
        let bytes = fs::read(path).map_err(|e| Error::io(path, e))?;
        Ok(FileSize::of_bytes(&bytes))
    }

    /// Measures bytes in memory.
    pub fn of_bytes(bytes: &[u8]) -> FileSize {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
        // Writing to a Vec cannot fail.
        let gzip = encoder.write_all(bytes).and_then(|()| encoder.finish()).map_or(0, |out| out.len() as u64);
        FileSize { raw: bytes.len() as u64, gzip }
    }

    pub(crate) fn add(self, other: FileSize) -> FileSize {
        FileSize { raw: self.raw + other.raw, gzip: self.gzip + other.gzip }
    }
}

impl fmt::Display for FileSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:>8.1} KB raw {:>8.1} KB gzipped", self.raw as f64 / 1000.0, self.gzip as f64 / 1000.0)
    }
}

/// The bundle's sizes by kind of file; each file is gzipped on its own, as it is served.
///
/// `wasm`, `js` and `css` are the first download, which the budget is about; `later` is what
/// the browser fetches only when a visitor first opens a view whose code was split off (see
/// `split.rs`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BundleSizes {
    /// The main `.wasm` module.
    pub wasm: FileSize,
    /// The loader and the generated bindings.
    pub js: FileSize,
    /// The style sheet.
    pub css: FileSize,
    /// The later modules, fetched on first use (the code that loads them is in the glue), and for the
    /// residents' bundle the later views' style sheet, linked then too.
    pub later: FileSize,
    /// Per view in `LATER_VIEWS`, what its first opening fetches: its own module and the modules
    /// it shares with other views (`chunk_{views}`, see `split.rs`), and the later style sheet.
    pub views: [FileSize; 3],
}

/// The views of the later modules, by their split points' names (`split_{name}.wasm`), with
/// what `www sizes` calls them.
pub const LATER_VIEWS: [(&str, &str); 3] =
    [("detail", "the initiative page"), ("forms", "a form"), ("agenda", "the agenda")];

/// Which of [`LATER_VIEWS`] fetch the later module named `file` (`split_detail.0123456789.wasm`,
/// `chunk_agenda_detail.0123456789.wasm`).
fn views_fetching(file: &str) -> [bool; 3] {
    let stem = file.split('.').next().unwrap_or_default();
    LATER_VIEWS.map(|(view, _)| match (stem.strip_prefix("split_"), stem.strip_prefix("chunk_")) {
        (Some(split), _) => split == view,
        (_, Some(shared)) => shared.split('_').any(|name| name == view),
        _ => false,
    })
}

impl BundleSizes {
    /// Measures every file under the bundle folder.
    pub fn measure(bundle_dir: &Path) -> Result<BundleSizes, Error> {
        BundleSizes::measure_without(bundle_dir, &[], None)
    }

    /// Measures every file under the bundle folder except those (and the folders) whose name
    /// starts with one of `other_stems`: one bundle's files with the shared loader and style
    /// sheet. The folder `later` (relative to `bundle_dir`), when given, counts as [`Self::later`].
    pub fn measure_without(bundle_dir: &Path, other_stems: &[&str], later: Option<&str>) -> Result<BundleSizes, Error> {
        let mut sizes = BundleSizes::default();
        sizes.add_dir(bundle_dir, other_stems, later)?;
        if let Some(later) = later.map(|name| bundle_dir.join(name)).filter(|dir| dir.is_dir()) {
            // Any JS there is imported with the glue, so it is part of the first download; the
            // modules are fetched on first use.
            let mut split_off = BundleSizes::default();
            split_off.add_dir(&later, other_stems, None)?;
            sizes.js = sizes.js.add(split_off.js);
            sizes.later = split_off.wasm;
            for entry in fs::read_dir(&later).map_err(|e| Error::io(&later, e))? {
                let path = entry.map_err(|e| Error::io(&later, e))?.path();
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                if !name.ends_with(".wasm") {
                    continue;
                }
                let size = FileSize::of(&path)?;
                for (view, fetches) in sizes.views.iter_mut().zip(views_fetching(name)) {
                    if fetches {
                        *view = view.add(size);
                    }
                }
            }
        }
        Ok(sizes)
    }

    fn add_dir(&mut self, dir: &Path, other_stems: &[&str], skip: Option<&str>) -> Result<(), Error> {
        for entry in fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
            let path = entry.map_err(|e| Error::io(dir, e))?.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            if other_stems.iter().any(|stem| name.starts_with(stem)) || skip == Some(name) {
                continue;
            }
            if path.is_dir() {
                self.add_dir(&path, other_stems, None)?;
                continue;
            }
            let slot = match path.extension().and_then(|e| e.to_str()) {
                Some("wasm") => &mut self.wasm,
                Some("js") => &mut self.js,
                Some("css") => &mut self.css,
                _ => continue,
            };
            *slot = slot.add(FileSize::of(&path)?);
        }
        Ok(())
    }

    /// The sum of wasm, JS and CSS: the first download.
    pub fn total(&self) -> FileSize {
        self.wasm.add(self.js).add(self.css)
    }

    /// Whether the gzipped total is within `budget` bytes.
    pub fn fits(&self, budget: u64) -> bool {
        self.total().gzip <= budget
    }

    /// One line: the gzipped total beside `budget`, and by how much it is under or over.
    pub fn budget_line(&self, budget: u64) -> String {
        let total = self.total().gzip;
        let kb = |bytes: u64| bytes as f64 / 1000.0;
        let verdict = if total <= budget {
            format!("within, {:.1} KB to spare", kb(budget - total))
        } else {
            format!("OVER by {:.1} KB ({:.0}% of the budget)", kb(total - budget), 100.0 * total as f64 / budget as f64)
        };
        format!("budget {:>8.1} KB gzipped (wasm + JS + CSS): {:.1} KB, {verdict}", kb(budget), kb(total))
    }
}

impl fmt::Display for BundleSizes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "bundle sizes:")?;
        writeln!(f, "  wasm  {}", self.wasm)?;
        writeln!(f, "  js    {}", self.js)?;
        writeln!(f, "  css   {}", self.css)?;
        writeln!(f, "  total {} (the first download)", self.total())?;
        if self.later.raw > 0 {
            writeln!(f, "  later {} (fetched on first use of the initiative page, a form or the agenda)", self.later)?;
            for ((_, view), size) in LATER_VIEWS.iter().zip(&self.views) {
                if size.raw > 0 {
                    writeln!(f, "        {size} (what opening {view} first fetches)")?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes(wasm: u64, js: u64, css: u64) -> BundleSizes {
        let size = |gzip| FileSize { raw: 2 * gzip, gzip };
        BundleSizes { wasm: size(wasm), js: size(js), css: size(css), later: size(90_000), ..BundleSizes::default() }
    }

    #[test]
    fn the_budget_counts_wasm_js_and_css_gzipped() {
        let check = |bundle: BundleSizes, budget, fits, line: &str| {
            assert_eq!(bundle.fits(budget), fits, "{bundle:?}");
            assert_eq!(bundle.budget_line(budget), line);
        };
        check(
            sizes(140_000, 8_000, 2_000),
            150_000,
            true,
            "budget    150.0 KB gzipped (wasm + JS + CSS): 150.0 KB, within, 0.0 KB to spare",
        );
        check(
            sizes(140_000, 8_000, 2_001),
            150_000,
            false,
            "budget    150.0 KB gzipped (wasm + JS + CSS): 150.0 KB, OVER by 0.0 KB (100% of the budget)",
        );
        check(
            sizes(245_500, 6_700, 2_200),
            150_000,
            false,
            "budget    150.0 KB gzipped (wasm + JS + CSS): 254.4 KB, OVER by 104.4 KB (170% of the budget)",
        );
        check(
            sizes(100_000, 5_000, 1_000),
            150_000,
            true,
            "budget    150.0 KB gzipped (wasm + JS + CSS): 106.0 KB, within, 44.0 KB to spare",
        );
    }

    #[test]
    fn a_bundle_counts_its_own_files_and_its_split_off_modules_apart() {
        let dir = std::env::temp_dir().join(format!("www-sizes-test-{}", std::process::id()));
        let write = |path: &str, bytes: usize| {
            let path = dir.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, vec![b'x'; bytes]).unwrap();
        };
        write("loader.js", 100);
        write("style.css", 50);
        write("app.js", 1_000);
        write("app_bg.wasm", 10_000);
        write("app_later/link.js", 10);
        write("app_later/split_later.wasm", 20_000);
        write("bench.js", 2_000);
        write("bench_bg.wasm", 30_000);
        write("bench_later/link.js", 20);
        write("bench_later/split_later.wasm", 40_000);
        let app = BundleSizes::measure_without(&dir, &["bench"], Some("app_later")).unwrap();
        assert_eq!((app.wasm.raw, app.js.raw, app.css.raw, app.later.raw), (10_000, 1_110, 50, 20_000));
        assert_eq!(app.total().raw, 11_160, "the first download leaves the later module out");
        // What each view fetches: its own module and those it shares.
        write("app_later/split_detail.0123456789.wasm", 3_000);
        write("app_later/split_forms.0123456789.wasm", 5_000);
        write("app_later/chunk_agenda_detail_forms.0123456789.wasm", 700);
        write("app_later/chunk_detail_forms.0123456789.wasm", 110);
        let app = BundleSizes::measure_without(&dir, &["bench"], Some("app_later")).unwrap();
        assert_eq!(app.views.map(|view| view.raw), [3_810, 5_810, 700]);
        assert_eq!(app.later.raw, 28_810, "the later modules in all");
        let bench = BundleSizes::measure_without(&dir, &["app"], Some("bench_later")).unwrap();
        assert_eq!((bench.wasm.raw, bench.js.raw, bench.later.raw), (30_000, 2_120, 40_000));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn gzip_shrinks_repetitive_bytes() {
        let size = FileSize::of_bytes(&[b'a'; 10_000]);
        assert_eq!(size.raw, 10_000);
        assert!(size.gzip > 0 && size.gzip < 200, "{size:?}");
    }
}
