//! Fixture sites in temporary folders, and running `bantin` on them as a user would.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// A site folder that lives as long as the test.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

impl TestSite {
    /// An empty site (not even `content/`).
    pub fn empty() -> TestSite {
        TestSite { dir: tempfile::tempdir().expect("a temporary folder") }
    }

    /// A site with these files (path → text).
    pub fn with(files: &[(&str, &str)]) -> TestSite {
        let site = TestSite::empty();
        for (path, text) in files {
            site.write(path, text);
        }
        site
    }

    /// A copy of a folder of the repository (a fixture).
    pub fn copy_of(folder: &Path) -> TestSite {
        let site = TestSite::empty();
        copy_dir(folder, site.root());
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// Writes `text` at `rel`; a photo's placeholder (a few bytes at a `.jpg`, `.png` or
    /// `.webp` path) becomes a real 8×6 photo, since bantin reads every photo it publishes.
    pub fn write(&self, rel: &str, text: &str) {
        match placeholder_photo(rel, text) {
            Some(bytes) => self.write_bytes(rel, &bytes),
            None => self.write_bytes(rel, text.as_bytes()),
        }
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().expect("a parent")).expect("create folders");
        std::fs::write(p, bytes).expect("write a fixture file");
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path(rel)).expect("remove a fixture file");
    }

    /// Runs `bantin ARGS --root <site>`.
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with(args, &[])
    }

    /// Runs `bantin ARGS --root <site>` with these environment variables set.
    pub fn run_with(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut cmd = Command::cargo_bin("bantin").expect("the bantin binary");
        cmd.args(args).arg("--root").arg(self.root());
        cmd.envs(env.iter().copied());
        cmd.output().expect("bantin runs")
    }

    /// Runs `bantin build` and insists that it succeeds.
    pub fn build_ok(&self, extra: &[&str]) -> Output {
        let mut args = vec!["build"];
        args.extend_from_slice(extra);
        let out = self.run(&args);
        assert!(out.status.success(), "build failed:\n{}", String::from_utf8_lossy(&out.stderr));
        out
    }

    /// Runs `bantin build`, insists that it fails, and returns stderr.
    pub fn build_err(&self) -> String {
        let out = self.run(&["build"]);
        assert!(!out.status.success(), "build should have failed:\n{}", String::from_utf8_lossy(&out.stdout));
        String::from_utf8_lossy(&out.stderr).into_owned()
    }

    /// A file of `output/` as text.
    pub fn out(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path("output").join(rel)).unwrap_or_else(|e| panic!("output/{rel}: {e}"))
    }

    pub fn has_out(&self, rel: &str) -> bool {
        self.path("output").join(rel).exists()
    }

    /// Every file of `output/` with its bytes.
    pub fn output_tree(&self) -> BTreeMap<String, Vec<u8>> {
        tree(&self.path("output"))
    }
}

/// Every file under `dir`, by relative path.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    if !dir.exists() {
        return BTreeMap::new();
    }
    let mut files = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.expect("walk output");
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(dir).expect("under dir").to_string_lossy().into_owned();
            files.insert(rel, std::fs::read(e.path()).expect("read output file"));
        }
    }
    files
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.expect("walk fixture");
        let rel = e.path().strip_prefix(from).expect("under fixture");
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("create folder");
        } else {
            std::fs::copy(e.path(), &dest).expect("copy file");
        }
    }
}

/// A minimal article's text.
pub fn article(title: &str, date: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndate: {date}\n{extra}---\n{body}\n")
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A real photo for a placeholder text at a photo's path.
fn placeholder_photo(rel: &str, text: &str) -> Option<Vec<u8>> {
    let ext = rel.rsplit_once('.')?.1.to_ascii_lowercase();
    let format = match ext.as_str() {
        "jpg" | "jpeg" => image::ImageFormat::Jpeg,
        "png" => image::ImageFormat::Png,
        "webp" => image::ImageFormat::WebP,
        _ => return None,
    };
    if text.len() > 16 {
        return None;
    }
    let img = image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(8, 6, image::Rgb([200, 120, 40])));
    let mut bytes = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut bytes), format).expect("a tiny photo");
    Some(bytes)
}
