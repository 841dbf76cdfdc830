//! Stage 2: walks `content/` into [`Sources`]: Markdown documents and assets, in a stable
//! order (sorted by path), so that two builds of the same folder see the same list.
//!
//! Hidden files and the temporary files editors leave while saving (`.#x.md`, `x.md~`,
//! `x.swp`) are not content.

use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;
use walkdir::WalkDir;

use crate::error::{Error, Problem};

/// The folder of articles inside the site root.
pub const CONTENT_DIR: &str = "content";

/// A file's place inside `content/`: `/`-separated, NFC, never empty, never `..`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourcePath(String);

impl SourcePath {
    /// From a path relative to `content/`; `None` for paths that leave it.
    pub fn new(relative: &str) -> Option<Self> {
        let nfc: String =
            if relative.is_ascii() { relative.replace('\\', "/") } else { relative.replace('\\', "/").nfc().collect() };
        let mut parts: Vec<&str> = Vec::new();
        for part in nfc.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop()?;
                }
                p => parts.push(p),
            }
        }
        (!parts.is_empty()).then(|| SourcePath(parts.join("/")))
    }

    /// Resolves a link written in this file (`../tin-tuc/a.md`) to the file it names.
    pub fn join_relative(&self, link: &str) -> Option<SourcePath> {
        let dir = self.dir();
        SourcePath::new(&format!("{dir}/{link}"))
    }

    /// The path inside `content/`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The folder the file is in, inside `content/` (`""` at the top).
    pub fn dir(&self) -> &str {
        self.0.rsplit_once('/').map_or("", |(d, _)| d)
    }

    /// The file name.
    pub fn file_name(&self) -> &str {
        self.0.rsplit_once('/').map_or(&self.0, |(_, f)| f)
    }

    /// The file name without its extension.
    pub fn stem(&self) -> &str {
        let name = self.file_name();
        name.rsplit_once('.').map_or(name, |(s, _)| s)
    }

    /// The path editors see, relative to the site root, for messages.
    pub fn display(&self) -> PathBuf {
        Path::new(CONTENT_DIR).join(&self.0)
    }
}

impl std::fmt::Display for SourcePath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", CONTENT_DIR, self.0)
    }
}

/// One file found under `content/`.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Its place inside `content/`.
    pub path: SourcePath,
    /// Where it is on disk.
    pub disk: PathBuf,
}

/// Everything under `content/`, sorted by path.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    /// Markdown files.
    pub documents: Vec<SourceFile>,
    /// Every other file: images, PDFs…, published as they are.
    pub assets: Vec<SourceFile>,
    /// Every folder (sections), including the top `""`… as paths inside `content/`.
    pub dirs: Vec<String>,
}

impl Sources {
    /// The Markdown file at `disk` (a path under `content_dir`), if the scan found it.
    pub fn document_at(&self, content_dir: &Path, disk: &Path) -> Option<&SourceFile> {
        find(&self.documents, content_dir, disk)
    }

    /// The asset at `disk` (a path under `content_dir`), if the scan found it.
    pub fn asset_at(&self, content_dir: &Path, disk: &Path) -> Option<&SourceFile> {
        find(&self.assets, content_dir, disk)
    }
}

/// Finds a file of a sorted list by its place in `content/`.
fn find<'a>(files: &'a [SourceFile], content_dir: &Path, disk: &Path) -> Option<&'a SourceFile> {
    let relative = disk.strip_prefix(content_dir).ok()?.to_str()?;
    let path = SourcePath::new(relative)?;
    let i = files.binary_search_by(|f| f.path.cmp(&path)).ok()?;
    (files[i].disk == disk).then(|| &files[i])
}

/// Whether a file name is an editor's temporary or hidden file, not content.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".part")
        || name.ends_with(".crdownload")
}

/// Walks `root/content`. A missing `content/` is a problem; unreadable entries are too.
pub fn scan(root: &Path) -> Result<Sources, Error> {
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        return Err(Error::problems(vec![
            Problem::file(CONTENT_DIR, "there is no content/ folder here")
                .hint(format!("run bantin in the site folder, or give it with --root (looked in {})", root.display())),
        ]));
    }
    let mut sources = Sources::default();
    let mut problems = Vec::new();
    let walker = WalkDir::new(&content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf()).unwrap_or_default();
                problems.push(Problem::file(path, format!("cannot read: {e}")));
                continue;
            }
        };
        let relative = entry.path().strip_prefix(&content).unwrap_or(entry.path());
        let Some(relative_str) = relative.to_str() else {
            problems.push(
                Problem::file(
                    entry.path().strip_prefix(root).unwrap_or(entry.path()),
                    "the file name is not valid Unicode",
                )
                .hint("rename the file"),
            );
            continue;
        };
        if entry.file_type().is_dir() {
            sources.dirs.push(SourcePath::new(relative_str).map(|p| p.0).unwrap_or_default());
            continue;
        }
        let Some(path) = SourcePath::new(relative_str) else { continue };
        let file = SourceFile { path, disk: entry.path().to_path_buf() };
        if file.path.as_str().ends_with(".md") {
            sources.documents.push(file);
        } else {
            sources.assets.push(file);
        }
    }
    // Sorted by their NFC form, so NFD file names (macOS) sort like everyone else's.
    sources.documents.sort_by(|a, b| a.path.cmp(&b.path));
    sources.assets.sort_by(|a, b| a.path.cmp(&b.path));
    sources.dirs.sort();
    sources.dirs.dedup();
    crate::error::ok_or_problems(sources, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_paths_resolve_relative_links() {
        let p = SourcePath::new("tin-tuc/a.md").unwrap();
        assert_eq!(p.join_relative("../mat-tran/b.md").unwrap().as_str(), "mat-tran/b.md");
        assert_eq!(p.join_relative("./c.md").unwrap().as_str(), "tin-tuc/c.md");
        assert!(p.join_relative("../../x.md").is_none());
        assert_eq!(p.stem(), "a");
        assert_eq!(p.dir(), "tin-tuc");
    }

    #[test]
    fn editor_temp_files_are_ignored() {
        for name in [".#a.md", "a.md~", ".a.md.swp", "#a.md#", ".DS_Store"] {
            assert!(is_ignored(name), "{name}");
        }
        assert!(!is_ignored("a.md"));
    }
}
