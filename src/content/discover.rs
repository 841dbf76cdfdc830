//! Stage 2: walks `content/` into [`Sources`]: Markdown documents and assets, in a stable
//! order (sorted by path), so that two builds of the same folder see the same list.
//!
//! Hidden files and the temporary files editors leave while saving (`.#x.md`, `x.md~`,
//! `x.swp`) are not content.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::base::error::{Error, Problem};
use crate::base::paths::SourcePath;
use crate::msg;

pub(crate) use crate::base::paths::CONTENT_DIR;

/// One file found under `content/`.
#[derive(Debug, Clone)]
pub(crate) struct SourceFile {
    /// Its place inside `content/`.
    pub(crate) path: SourcePath,
    /// Where it is on disk.
    pub(crate) disk: PathBuf,
}

/// Everything under `content/`, sorted by path.
#[derive(Debug, Default, Clone)]
pub(crate) struct Sources {
    /// Markdown files.
    pub(crate) documents: Vec<SourceFile>,
    /// Every other file: images, PDFs…, published as they are.
    pub(crate) assets: Vec<SourceFile>,
    /// Every folder (sections), including the top `""`… as paths inside `content/`.
    pub(crate) dirs: Vec<String>,
    /// The site's folder.
    pub(crate) root: PathBuf,
}

impl Sources {
    /// The Markdown file at `disk` (a path under `content_dir`), if the scan found it.
    pub(crate) fn document_at(&self, content_dir: &Path, disk: &Path) -> Option<&SourceFile> {
        find(&self.documents, content_dir, disk)
    }

    /// The asset at `disk` (a path under `content_dir`), if the scan found it.
    pub(crate) fn asset_at(&self, content_dir: &Path, disk: &Path) -> Option<&SourceFile> {
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
pub(crate) fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".part")
        || name.ends_with(".crdownload")
}

/// Where the bytes of a file to publish or read come from: the disk, the binary (the
/// built-in theme), or bantin's cache.
#[derive(Debug, Clone)]
pub enum FileSource {
    /// A file on disk.
    Disk(PathBuf),
    /// A file of the built-in theme.
    Embedded(&'static [u8]),
    /// A file bantin made into its cache (a photo's size), published only as it was made.
    Cached(CachedFile),
}

impl FileSource {
    /// The file's bytes.
    pub(crate) fn read(&self) -> Result<std::borrow::Cow<'static, [u8]>, Error> {
        match self {
            FileSource::Disk(p) => crate::base::text::read_text_file(p).map(Into::into).map_err(|e| Error::io(p, e)),
            FileSource::Embedded(b) => Ok((*b).into()),
            FileSource::Cached(c) => c.read().map(Into::into).map_err(|e| Error::io(&c.path, e)),
        }
    }
}

/// A file of bantin's cache, with the length and digest it had when it was made: anything
/// else found there (a file cut short or overwritten, a link put in its place) is refused.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CachedFile {
    pub(crate) path: PathBuf,
    pub(crate) len: u64,
    /// The XXH3-128 digest of its bytes.
    pub(crate) digest: u128,
}

impl CachedFile {
    /// Its bytes, if they are still those that were made (opened without following a link).
    pub(crate) fn read(&self) -> std::io::Result<Vec<u8>> {
        let bytes = read_no_link(&self.path, Some(self.len))?;
        if bytes.len() as u64 != self.len || xxhash_rust::xxh3::xxh3_128(&bytes) != self.digest {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "this file of bantin's cache changed since it was made: build again",
            ));
        }
        Ok(bytes)
    }
}

/// The bytes of the regular file at `path`, never through a symbolic link (on Linux the file
/// is opened with `O_NOFOLLOW`, so a link put there between a check and the read is refused
/// too). With `len`, a file of another length is refused before it is read.
pub(crate) fn read_no_link(path: &Path, len: Option<u64>) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let refuse = |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_string());
    let meta = std::fs::symlink_metadata(path)?;
    if !meta.file_type().is_file() {
        return Err(refuse("not a regular file (a link, or a folder)"));
    }
    if len.is_some_and(|l| l != meta.len()) {
        return Err(refuse("not the length it had when it was made"));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    let mut file = options.open(path)?;
    if !file.metadata()?.file_type().is_file() {
        return Err(refuse("not a regular file"));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// One file or folder found by [`walk`].
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// Its path inside the walked folder, `/`-separated, as the file system spells it.
    pub(crate) relative: String,
    /// Where it is on disk.
    pub(crate) disk: PathBuf,
    /// A folder (else a regular file).
    pub(crate) is_dir: bool,
}

/// Walks a folder of the site at `root` (`content/`, `static/`, a theme) in file-name order,
/// the one way bantin looks at folders. It yields folders and regular files, never hidden or
/// temporary files; a named pipe, socket or device, a link that leads outside the site (it
/// would publish `/etc/passwd`), a name that is not Unicode or an unreadable entry is a problem.
pub(crate) fn walk(root: &Path, dir: &Path) -> (Vec<Entry>, Vec<Problem>) {
    let shown = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let real_dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    // The folder itself may be a link too (`themes/x -> /`): the same rule holds.
    if !real_dir.starts_with(&real_root) {
        problems.push(
            Problem::file(shown(dir), msg!("file-link-outside", target = &real_dir))
                .hint(msg!("file-link-outside-folder-hint")),
        );
        return (entries, problems);
    }
    let mut walker = WalkDir::new(dir).follow_links(true).sort_by_file_name().into_iter();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(shown).unwrap_or_default();
                let hint = if e.loop_ancestor().is_some() {
                    msg!("file-link-loop-hint")
                } else {
                    msg!("file-cannot-read-hint")
                };
                problems.push(Problem::file(path, msg!("file-cannot-read", detail = e.to_string())).hint(hint));
                continue;
            }
        };
        if entry.depth() > 0 && is_ignored(&entry.file_name().to_string_lossy()) {
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if entry.depth() > 0 && entry.path_is_symlink() {
            let target = entry.path().canonicalize().unwrap_or_else(|_| entry.path().to_path_buf());
            if !target.starts_with(&real_root) && !target.starts_with(&real_dir) {
                problems.push(
                    Problem::file(shown(entry.path()), msg!("file-link-outside", target = &target))
                        .hint(msg!("file-link-outside-file-hint")),
                );
                if entry.file_type().is_dir() {
                    walker.skip_current_dir();
                }
                continue;
            }
        }
        let file_type = entry.file_type();
        if !file_type.is_dir() && !file_type.is_file() {
            problems.push(
                Problem::file(
                    shown(entry.path()),
                    msg!("file-special", kind = crate::base::text::special_kind(file_type)),
                )
                .hint(msg!("file-special-hint")),
            );
            continue;
        }
        let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let Some(relative) = relative.to_str() else {
            problems.push(Problem::file(shown(entry.path()), msg!("file-name-not-unicode")).hint(msg!("file-rename")));
            continue;
        };
        entries.push(Entry {
            relative: relative.replace('\\', "/"),
            disk: entry.path().to_path_buf(),
            is_dir: file_type.is_dir(),
        });
    }
    (entries, problems)
}

/// Walks `root/content`. A missing `content/` is a problem; so is every entry [`walk`] refuses.
pub(crate) fn scan(root: &Path) -> Result<Sources, Error> {
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        return Err(Error::problems(vec![
            Problem::file(CONTENT_DIR, msg!("file-no-content-folder"))
                .hint(msg!("file-no-content-folder-hint", root = root)),
        ]));
    }
    let mut sources = Sources { root: root.to_path_buf(), ..Sources::default() };
    let (entries, problems) = walk(root, &content);
    for entry in entries {
        if entry.is_dir {
            sources.dirs.push(SourcePath::new(&entry.relative).map(|p| p.as_str().to_string()).unwrap_or_default());
            continue;
        }
        let Some(path) = SourcePath::new(&entry.relative) else { continue };
        let file = SourceFile { path, disk: entry.disk };
        if file.path.is_markdown() {
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
    crate::base::error::ok_or_problems(sources, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_temp_files_are_ignored() {
        for name in [".#a.md", "a.md~", ".a.md.swp", "#a.md#", ".DS_Store"] {
            assert!(is_ignored(name), "{name}");
        }
        assert!(!is_ignored("a.md"));
    }
}
