//! Stage 6: the output folder, replaced atomically.
//!
//! A build writes into a staging folder beside `output/`, and only when every file is written
//! swaps it in (one `renameat2(RENAME_EXCHANGE)` on Linux, two renames elsewhere). A failed
//! build leaves the previous site exactly as it was; a successful one leaves no stale file.
//!
//! bantin deletes the old output, so it refuses any folder where that could destroy work:
//! the site root itself, a folder holding `content/` or `themes/`, a folder inside the site's
//! sources, a folder outside the site not named with `--output`, and a non-empty folder that
//! bantin did not write (it marks its own with `.bantin-output`).

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::base::error::Error;
use crate::base::messages::Message;
use crate::content::discover::FileSource;
use crate::msg;

/// The file that marks a folder as written by bantin; it lists the digest of every file.
pub const MARKER: &str = ".bantin-output";

/// Where a build's files go: a staging folder swapped in at the end, a preview server's own
/// folder, or nowhere (`bantin check`).
pub trait Sink: Sync {
    /// Stores new bytes at `path` (relative to the site root).
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Error>;
    /// Publishes a file as it is (static files, images).
    fn copy(&self, path: &str, source: &FileSource) -> Result<(), Error>;
    /// `path` has not changed since the last build.
    fn keep(&self, path: &str) -> Result<(), Error>;
    /// `path` is no longer part of the site.
    fn remove(&self, path: &str) -> Result<(), Error>;
}

/// A sink that writes nothing, for `bantin check`.
pub(crate) struct Nowhere;

impl Sink for Nowhere {
    fn put(&self, path: &str, _: &[u8]) -> Result<(), Error> {
        check_file_path(path)
    }
    fn copy(&self, path: &str, _: &FileSource) -> Result<(), Error> {
        check_file_path(path)
    }
    fn keep(&self, path: &str) -> Result<(), Error> {
        check_file_path(path)
    }
    fn remove(&self, path: &str) -> Result<(), Error> {
        check_file_path(path)
    }
}

/// What the marker file of an output folder says of the build that wrote it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Manifest {
    /// Per file: the digest of its bytes, the fingerprint of what made it, and its size.
    pub(crate) files: std::collections::HashMap<String, (u64, u64, u64)>,
    /// What the search index was made from, if there is one.
    pub(crate) search: Option<u64>,
}

/// Reads the marker file of an output folder (an empty manifest if there is none, or if a
/// journal says a rebuild was stopped halfway).
pub(crate) fn read_manifest(dir: &Path) -> Manifest {
    // A rebuild was stopped while changing the folder: what it holds may not be what the
    // marker says, so nothing is reused and the next build writes a whole new site.
    if dir.join(JOURNAL).exists() {
        return Manifest::default();
    }
    let text = std::fs::read_to_string(dir.join(MARKER)).unwrap_or_default();
    let mut manifest = Manifest::default();
    // A marker of another format (an older bantin) is not read: the next build writes all.
    if !text.starts_with(MANIFEST_HEADER) {
        return manifest;
    }
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let mut parts = line.splitn(4, ' ');
        let (Some(a), Some(b), Some(size), Some(c)) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let (Ok(a), Ok(b), Ok(size)) =
            (u64::from_str_radix(a, 16), u64::from_str_radix(b, 16), u64::from_str_radix(size, 16))
        else {
            continue;
        };
        if c == "@search" {
            manifest.search = Some(a);
        } else {
            manifest.files.insert(c.to_string(), (a, b, size));
        }
    }
    manifest
}

/// The first line of the marker file, which names its format.
const MANIFEST_HEADER: &str = "# bantin output, format 2";

/// The text of the marker file: a line for humans, then `digest fingerprint size path` per
/// file (hexadecimal numbers).
pub(crate) fn manifest_text<'a>(
    files: impl Iterator<Item = (&'a String, u64, u64, u64)>,
    search: Option<u64>,
) -> String {
    let mut lines: Vec<(&String, String)> = files
        .map(|(path, digest, fingerprint, size)| (path, format!("{digest:016x} {fingerprint:016x} {size:x} {path}")))
        .collect();
    lines.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut text = format!(
        "{MANIFEST_HEADER}: written by bantin and replaced by each build; digest, fingerprint, size and path of each file.\n"
    );
    if let Some(search) = search {
        text.push_str(&format!("{search:016x} {:016x} 0 @search\n", 0));
    }
    for (_, l) in lines {
        text.push_str(&l);
        text.push('\n');
    }
    text
}

fn write_file(dest: &Path, bytes: &[u8]) -> Result<(), Error> {
    if let Some(parent) = dest.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    std::fs::write(dest, bytes).map_err(|e| Error::io(dest, e))
}

fn copy_file(dest: &Path, source: &FileSource) -> Result<(), Error> {
    if let Some(parent) = dest.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    match source {
        FileSource::Disk(p) => std::fs::copy(p, dest).map(|_| ()).map_err(|e| Error::io(p, e)),
        FileSource::Embedded(bytes) => std::fs::write(dest, bytes).map_err(|e| Error::io(dest, e)),
        // What is published is checked as it is copied: a cache file changed after the photos
        // were checked (by another program, while this build ran) is not published.
        FileSource::Cached(c) => {
            let bytes = c.read().map_err(|e| Error::io(&c.path, e))?;
            std::fs::write(dest, bytes).map_err(|e| Error::io(dest, e))
        }
    }
}

/// How the output folder was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OutputChoice {
    /// The default `output/` in the site root.
    Default,
    /// Given with `--output`: may lie outside the site.
    Explicit,
}

/// The real, absolute form of `path`, as the system will resolve it once the missing folders
/// are made: `..` and symbolic links are resolved one component at a time, from the left, so
/// `missing/../content` is `content` and `out -> ..` is the site root.
pub(crate) fn resolve(path: &Path) -> Result<PathBuf, Error> {
    use std::path::Component;
    let abs = std::path::absolute(path).map_err(|e| Error::io(path, e))?;
    let mut out = PathBuf::new();
    for part in abs.components() {
        match part {
            Component::Prefix(_) | Component::RootDir => out.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(name) => {
                out.push(name);
                if let Ok(real) = out.canonicalize() {
                    out = real;
                }
            }
        }
    }
    Ok(out)
}

/// The longest file or folder name most file systems accept, in bytes.
pub(crate) const MAX_NAME: usize = 255;

/// Checks a path that a build writes, relative to the output folder: plain names separated by
/// `/`, none empty, `.` or `..`, none longer than the file system allows. Every sink checks
/// every path with it, `bantin check`'s too, so nothing is written outside `output/` and
/// `check` refuses what `build` would fail on.
pub(crate) fn check_file_path(path: &str) -> Result<(), Error> {
    let refuse = |reason: Message| Err(Error::OutsideOutput { file: path.to_string(), reason });
    if path.is_empty() || path.starts_with('/') || path.contains('\\') || path.contains('\0') {
        return refuse(msg!("output-path-not-plain"));
    }
    for name in path.split('/') {
        if name.is_empty() || name == "." || name == ".." {
            return refuse(msg!("output-path-leaves"));
        }
        if name.starts_with('.') {
            return refuse(msg!("output-path-hidden"));
        }
        if name.len() > MAX_NAME {
            return refuse(msg!("output-path-too-long", max = MAX_NAME));
        }
    }
    Ok(())
}

/// Checks that bantin may replace `output` for the site at `root`; returns its absolute path.
pub(crate) fn check_target(root: &Path, output: &Path, choice: OutputChoice) -> Result<PathBuf, Error> {
    let root = resolve(root)?;
    let out = resolve(output)?;
    let refuse = |reason: Message| Err(Error::UnsafeOutput { path: output.to_path_buf(), reason });
    if out == root {
        return refuse(msg!("output-is-site"));
    }
    if root.starts_with(&out) {
        return refuse(msg!("output-holds-site", site = root.as_path()));
    }
    if out.join("content").is_dir() || out.join("themes").is_dir() {
        return refuse(msg!("output-holds-sources"));
    }
    for sources in ["content", "themes", "static"] {
        // Where the folder really is: it may be a link to a folder elsewhere.
        let real = resolve(&root.join(sources))?;
        if out.starts_with(root.join(sources)) || out.starts_with(&real) {
            return refuse(msg!("output-inside-sources", folder = sources));
        }
        if real.exists() && real.starts_with(&out) {
            return refuse(msg!("output-holds-folder", folder = sources, real = real.as_path()));
        }
    }
    if !out.starts_with(&root) && choice == OutputChoice::Default {
        return refuse(msg!("output-outside-site"));
    }
    if out.is_file() {
        return refuse(msg!("output-is-file"));
    }
    if out.is_dir() {
        let mut entries = std::fs::read_dir(&out).map_err(|e| Error::io(&out, e))?;
        if entries.next().is_some() && !out.join(MARKER).is_file() {
            return refuse(msg!("output-not-ours", marker = MARKER));
        }
    }
    Ok(out)
}

/// A folder being filled beside the output folder, swapped in by [`Staging::commit`].
pub(crate) struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
    /// Unchanged files, linked from the current site at commit, when something did change.
    kept: std::sync::Mutex<Vec<String>>,
    /// Whether any file was written, copied or removed.
    changed: std::sync::atomic::AtomicBool,
}

/// What [`Staging::commit`] did.
#[derive(Debug)]
pub struct Committed {
    /// Whether the output folder changed (false: nothing did, and it was left as it was).
    pub changed: bool,
    /// The new site is in place, but the old one could not be deleted from here.
    pub old_site_left: Option<(PathBuf, std::io::Error)>,
}

/// The prefix of the staging folders of `target` (`.output.bantin-`), beside it.
fn staging_prefix(target: &Path) -> String {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
    format!(".{name}.bantin-")
}

impl Staging {
    /// Creates an empty staging folder beside `target` (removing ones a crash left behind).
    pub(crate) fn new(target: &Path) -> Result<Staging, Error> {
        let parent = target.parent().ok_or_else(|| Error::Usage(msg!("output-no-parent", path = target)))?;
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        let prefix = staging_prefix(target);
        // Only bantin's own (`<prefix><process id>`), and only those of builds no longer
        // running: another build of the same site may be filling its own right now.
        if let Ok(entries) = std::fs::read_dir(parent) {
            for e in entries.flatten() {
                let name = e.file_name();
                let pid = name.to_str().and_then(|n| n.strip_prefix(&prefix)).and_then(|p| p.parse::<u32>().ok());
                if let Some(pid) = pid
                    && (pid == std::process::id() || !process_alive(pid))
                {
                    let _ = remove_tree(&e.path());
                }
            }
        }
        let dir = parent.join(format!("{prefix}{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            committed: false,
            kept: std::sync::Mutex::new(Vec::new()),
            changed: std::sync::atomic::AtomicBool::new(!target.exists()),
        })
    }

    /// Puts the staged site, with its manifest, in place of the target, then deletes the old
    /// site. When no file changed, the target is left as it is. An error means the target was
    /// not changed; once the new site is in place, a failure to delete the old one is reported
    /// in [`Committed::old_site_left`] (the next build tries again).
    pub(crate) fn commit(mut self, manifest: &str) -> Result<Committed, Error> {
        if !self.changed.load(std::sync::atomic::Ordering::Relaxed) {
            return Ok(Committed { changed: false, old_site_left: None });
        }
        let kept = std::mem::take(&mut *self.kept.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        kept.par_iter().try_for_each(|path| link_file(&self.target.join(path), &self.dir.join(path)))?;
        std::fs::write(self.dir.join(MARKER), manifest).map_err(|e| Error::io(&self.dir, e))?;
        let mut old_site_left = None;
        if self.target.exists() {
            exchange(&self.dir, &self.target)?;
            self.committed = true;
            // The old site now sits at the staging path.
            if let Err(e) = remove_tree(&self.dir) {
                old_site_left = Some((self.dir.clone(), e));
            }
        } else {
            std::fs::rename(&self.dir, &self.target).map_err(|e| Error::io(&self.target, e))?;
            self.committed = true;
        }
        Ok(Committed { changed: true, old_site_left })
    }
}

/// Deletes a folder bantin made, with everything in it. Folders made read-only since (a site
/// published with `chmod -R a-w`) are made writable first: the folder is bantin's own.
pub(crate) fn remove_tree(dir: &Path) -> std::io::Result<()> {
    // A link is removed itself: nothing it points to is touched.
    if std::fs::symlink_metadata(dir)?.file_type().is_symlink() {
        return std::fs::remove_file(dir);
    }
    match std::fs::remove_dir_all(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            make_writable(dir);
            std::fs::remove_dir_all(dir)
        }
        other => other,
    }
}

/// Makes a folder of bantin's and the folders in it writable again, never through a link.
fn make_writable(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755));
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                make_writable(&entry.path());
            }
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Whether a process with this id is running (any process the system knows, even another user's).
pub(crate) fn process_alive(pid: u32) -> bool {
    #[cfg(target_os = "linux")]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else { return true };
        // SAFETY: signal 0 only asks whether the process exists; nothing is sent.
        let rc = unsafe { libc::kill(pid, 0) };
        rc == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = pid;
        true
    }
}

/// Links an unchanged file of the current site into the new one: no bytes are written, and
/// no new file is made (making many files right after deleting many is slow on ext4).
fn link_file(old: &Path, dest: &Path) -> Result<(), Error> {
    if let Some(parent) = dest.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    std::fs::hard_link(old, dest).or_else(|_| std::fs::copy(old, dest).map(|_| ())).map_err(|e| Error::io(old, e))
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove_tree(&self.dir);
        }
    }
}

impl Sink for Staging {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Error> {
        check_file_path(path)?;
        self.changed.store(true, std::sync::atomic::Ordering::Relaxed);
        write_file(&self.dir.join(path), bytes)
    }

    fn copy(&self, path: &str, source: &FileSource) -> Result<(), Error> {
        check_file_path(path)?;
        self.changed.store(true, std::sync::atomic::Ordering::Relaxed);
        copy_file(&self.dir.join(path), source)
    }

    fn keep(&self, path: &str) -> Result<(), Error> {
        check_file_path(path)?;
        self.kept.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(path.to_string());
        Ok(())
    }

    fn remove(&self, path: &str) -> Result<(), Error> {
        check_file_path(path)?;
        self.changed.store(true, std::sync::atomic::Ordering::Relaxed);
        Ok(())
    }
}

/// The file an output folder holds while a rebuild changes it in place: until it is gone, the
/// folder may be a mix of two builds (a kill, a full disk), so its marker is not trusted and
/// the next build makes every file again.
pub(crate) const JOURNAL: &str = ".bantin-journal";

/// The suffix of a new file waiting beside its target (`.index.html.bantin-new`).
const NEW_SUFFIX: &str = ".bantin-new";

/// What a [`Folder`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FolderKind {
    /// A preview server's own folder: nobody else reads it, no marker.
    Preview,
    /// An output folder (`bantin watch`): marker kept current, journal while changing.
    Output,
}

/// A folder updated in place, file by file (the preview server's folder, and `output/` in
/// watch mode): new files are written beside their targets, and only when the whole rebuild
/// has succeeded are they renamed over them and the files that are gone deleted. A failed
/// rebuild leaves the folder as it was. An output folder holds a [`JOURNAL`] from the first
/// new file of a rebuild to the end of its commit.
pub struct Folder {
    dir: PathBuf,
    kind: FolderKind,
    pending: std::sync::Mutex<Vec<(PathBuf, PathBuf)>>,
    gone: std::sync::Mutex<Vec<PathBuf>>,
    /// Whether the journal file is there (for output folders).
    journal: std::sync::Mutex<bool>,
    /// Whether anything was written or removed since the last commit.
    touched: std::sync::atomic::AtomicBool,
}

impl Folder {
    /// A preview folder (created if missing).
    pub fn new(dir: &Path) -> Result<Folder, Error> {
        Folder::make(dir, FolderKind::Preview)
    }

    /// An output folder that bantin wrote (created if missing), changed in place with a
    /// journal; commit it with [`Folder::commit_marked`].
    pub fn output(dir: &Path) -> Result<Folder, Error> {
        Folder::make(dir, FolderKind::Output)
    }

    fn make(dir: &Path, kind: FolderKind) -> Result<Folder, Error> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        Ok(Folder {
            dir: dir.to_path_buf(),
            kind,
            pending: std::sync::Mutex::new(Vec::new()),
            gone: std::sync::Mutex::new(Vec::new()),
            journal: std::sync::Mutex::new(dir.join(JOURNAL).exists()),
            touched: std::sync::atomic::AtomicBool::new(false),
        })
    }

    fn stage(&self, path: &str) -> Result<(PathBuf, PathBuf), Error> {
        check_file_path(path)?;
        let dest = self.dir.join(path);
        let mut name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.len() + 1 + NEW_SUFFIX.len() > MAX_NAME {
            // A name near the limit: the new file waits under a short name of its own.
            name = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(name.as_bytes()));
        }
        // Before the folder changes at all, it says so.
        if self.kind == FolderKind::Output {
            let mut open = self.journal.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if !*open {
                let journal = self.dir.join(JOURNAL);
                std::fs::write(
                    &journal,
                    "bantin is changing this folder; if this file stays, the next build makes every file again.\n",
                )
                .map_err(|e| Error::io(&journal, e))?;
                *open = true;
            }
        }
        let temp = dest.with_file_name(format!(".{name}{NEW_SUFFIX}"));
        Ok((temp, dest))
    }

    fn pend(&self, pair: (PathBuf, PathBuf)) {
        self.touched.store(true, std::sync::atomic::Ordering::Relaxed);
        self.pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(pair);
    }

    /// Renames every new file over its target and deletes the files that are gone (and the
    /// folders they leave empty).
    pub fn commit(&self) -> Result<(), Error> {
        let pending = std::mem::take(&mut *self.pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        for (temp, dest) in pending {
            std::fs::rename(&temp, &dest).map_err(|e| Error::io(&dest, e))?;
        }
        let gone = std::mem::take(&mut *self.gone.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        for path in gone {
            match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(Error::io(&path, e)),
                _ => {}
            }
            // Folders left empty go too (a deleted article's folder), up to the folder itself.
            let mut dir = path.parent();
            while let Some(d) = dir.filter(|d| d.starts_with(&self.dir) && *d != self.dir) {
                if std::fs::remove_dir(d).is_err() {
                    break;
                }
                dir = d.parent();
            }
        }
        Ok(())
    }

    /// [`Folder::commit`], then, if any file changed, writes the marker file of a bantin
    /// output folder (with the manifest a later `bantin build` reads), and closes the journal.
    pub fn commit_marked(&self, manifest: impl FnOnce() -> String) -> Result<(), Error> {
        self.commit()?;
        if self.touched.swap(false, std::sync::atomic::Ordering::Relaxed) {
            let manifest = manifest();
            let dest = self.dir.join(MARKER);
            let temp = self.dir.join(format!("{MARKER}{NEW_SUFFIX}"));
            std::fs::write(&temp, manifest).map_err(|e| Error::io(&temp, e))?;
            std::fs::rename(&temp, &dest).map_err(|e| Error::io(&dest, e))?;
        }
        self.close_journal()
    }

    fn close_journal(&self) -> Result<(), Error> {
        let mut open = self.journal.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if *open {
            let journal = self.dir.join(JOURNAL);
            match std::fs::remove_file(&journal) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(Error::io(&journal, e)),
                _ => {}
            }
            *open = false;
        }
        Ok(())
    }

    /// Deletes every new file: the folder stays as it was (and its journal goes, when every
    /// new file could be deleted).
    pub fn discard(&self) {
        let pending = std::mem::take(&mut *self.pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        let mut clean = true;
        for (temp, _) in pending {
            if let Err(e) = std::fs::remove_file(temp)
                && e.kind() != std::io::ErrorKind::NotFound
            {
                clean = false;
            }
        }
        self.gone.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clear();
        self.touched.store(false, std::sync::atomic::Ordering::Relaxed);
        if clean {
            let _ = self.close_journal();
        }
    }

    /// Writes a new file with `write`; a file it left half-written is deleted.
    fn stage_with(&self, path: &str, write: impl FnOnce(&Path) -> Result<(), Error>) -> Result<(), Error> {
        let (temp, dest) = self.stage(path)?;
        if let Err(e) = write(&temp) {
            let _ = std::fs::remove_file(&temp);
            return Err(e);
        }
        self.pend((temp, dest));
        Ok(())
    }
}

impl Sink for Folder {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Error> {
        self.stage_with(path, |temp| write_file(temp, bytes))
    }

    fn copy(&self, path: &str, source: &FileSource) -> Result<(), Error> {
        self.stage_with(path, |temp| copy_file(temp, source))
    }

    fn keep(&self, path: &str) -> Result<(), Error> {
        check_file_path(path)
    }

    fn remove(&self, path: &str) -> Result<(), Error> {
        check_file_path(path)?;
        self.touched.store(true, std::sync::atomic::Ordering::Relaxed);
        self.gone.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(self.dir.join(path));
        Ok(())
    }
}

/// Swaps two folders: atomically where the system can.
fn exchange(a: &Path, b: &Path) -> Result<(), Error> {
    #[cfg(target_os = "linux")]
    {
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        let ca = CString::new(a.as_os_str().as_bytes()).map_err(|_| Error::Usage(msg!("output-nul", path = a)))?;
        let cb = CString::new(b.as_os_str().as_bytes()).map_err(|_| Error::Usage(msg!("output-nul", path = b)))?;
        // SAFETY: both are valid NUL-terminated paths; renameat2 does not keep the pointers.
        let rc =
            unsafe { libc::renameat2(libc::AT_FDCWD, ca.as_ptr(), libc::AT_FDCWD, cb.as_ptr(), libc::RENAME_EXCHANGE) };
        if rc == 0 {
            return Ok(());
        }
    }
    let old = a.with_extension("old");
    std::fs::rename(b, &old).map_err(|e| Error::io(b, e))?;
    if let Err(e) = std::fs::rename(a, b) {
        let _ = std::fs::rename(&old, b);
        return Err(Error::io(b, e));
    }
    std::fs::rename(&old, a).map_err(|e| Error::io(a, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_the_site_root_and_folders_with_sources() {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir(site.path().join("content")).unwrap();
        assert!(check_target(site.path(), site.path(), OutputChoice::Explicit).is_err());
        assert!(check_target(site.path(), site.path().parent().unwrap(), OutputChoice::Explicit).is_err());
        assert!(check_target(site.path(), &site.path().join("content/out"), OutputChoice::Explicit).is_err());
        assert!(check_target(site.path(), &site.path().join("output"), OutputChoice::Default).is_ok());
    }

    #[test]
    fn refuses_outside_unless_explicit_and_foreign_folders() {
        let site = tempfile::tempdir().unwrap();
        let other = tempfile::tempdir().unwrap();
        assert!(check_target(site.path(), other.path(), OutputChoice::Default).is_err());
        assert!(check_target(site.path(), other.path(), OutputChoice::Explicit).is_ok());
        std::fs::write(other.path().join("thesis.docx"), b"work").unwrap();
        assert!(check_target(site.path(), other.path(), OutputChoice::Explicit).is_err());
    }

    #[test]
    fn commit_replaces_and_drop_discards() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("output");
        let s = Staging::new(&out).unwrap();
        s.put("a/index.html", b"one").unwrap();
        s.commit("").unwrap();
        let s = Staging::new(&out).unwrap();
        s.put("b.html", b"two").unwrap();
        drop(s);
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"one");
        let s = Staging::new(&out).unwrap();
        s.put("b.html", b"two").unwrap();
        s.commit("").unwrap();
        assert!(!out.join("a/index.html").exists());
        assert_eq!(std::fs::read(out.join("b.html")).unwrap(), b"two");
        let leftovers: Vec<_> = std::fs::read_dir(site.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }

    #[test]
    fn kept_files_are_linked_from_the_current_site() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("output");
        let s = Staging::new(&out).unwrap();
        s.put("a.html", b"one").unwrap();
        s.commit(&manifest_text([(&"a.html".to_string(), 7u64, 9u64, 3u64)].into_iter(), Some(3))).unwrap();
        let m = read_manifest(&out);
        assert_eq!(m.files.get("a.html"), Some(&(7, 9, 3)));
        assert_eq!(m.search, Some(3));
        let s = Staging::new(&out).unwrap();
        s.keep("a.html").unwrap();
        assert!(!s.commit("").unwrap().changed, "nothing changed: the site stays");
        let s = Staging::new(&out).unwrap();
        s.keep("a.html").unwrap();
        s.put("b.html", b"two").unwrap();
        assert!(s.commit("").unwrap().changed);
        assert_eq!(std::fs::read(out.join("a.html")).unwrap(), b"one");
    }

    #[test]
    fn removing_a_link_leaves_what_it_points_to() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("theirs/private")).unwrap();
        std::fs::write(dir.path().join("theirs/private/a.txt"), "work").unwrap();
        std::os::unix::fs::symlink(dir.path().join("theirs"), dir.path().join(".output.bantin-9")).unwrap();
        remove_tree(&dir.path().join(".output.bantin-9")).unwrap();
        assert_eq!(std::fs::read_to_string(dir.path().join("theirs/private/a.txt")).unwrap(), "work");
    }

    #[test]
    fn names_near_the_limit_wait_under_a_short_name() {
        let dir = tempfile::tempdir().unwrap();
        let folder = Folder::output(dir.path()).unwrap();
        let name = format!("{}.png", "a".repeat(250));
        folder.put(&name, b"png").unwrap();
        assert!(dir.path().join(JOURNAL).exists(), "the journal comes before the first new file");
        folder.commit_marked(String::new).unwrap();
        assert_eq!(std::fs::read(dir.path().join(&name)).unwrap(), b"png");
        assert!(!dir.path().join(JOURNAL).exists());
        assert!(check_file_path(&"a".repeat(256)).is_err());
        assert!(check_file_path("tin/../x").is_err());
        assert!(check_file_path(".bantin-output").is_err());
        assert!(check_file_path("tin/a/index.html").is_ok());
    }
}
