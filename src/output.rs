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

use crate::error::Error;
use crate::render::Sink;

/// The file that marks a folder as written by bantin.
pub const MARKER: &str = ".bantin-output";

/// How the output folder was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputChoice {
    /// The default `output/` in the site root.
    Default,
    /// Given with `--output`: may lie outside the site.
    Explicit,
}

fn absolute(path: &Path) -> Result<PathBuf, Error> {
    let abs = std::path::absolute(path).map_err(|e| Error::io(path, e))?;
    // Resolve symlinks of the part that exists, so `out -> ..` cannot hide the site root.
    let mut existing = abs.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    Ok(resolved)
}

/// Checks that bantin may replace `output` for the site at `root`; returns its absolute path.
pub fn check_target(root: &Path, output: &Path, choice: OutputChoice) -> Result<PathBuf, Error> {
    let root = absolute(root)?;
    let out = absolute(output)?;
    let refuse = |reason: String| Err(Error::UnsafeOutput { path: output.to_path_buf(), reason });
    if out == root {
        return refuse("it is the site folder itself; use a folder inside it such as output/".into());
    }
    if out.join("content").is_dir() || out.join("themes").is_dir() || root.starts_with(&out) {
        return refuse("it holds the site's sources (content/ or themes/); use an empty folder".into());
    }
    for sources in ["content", "themes", "static"] {
        if out.starts_with(root.join(sources)) {
            return refuse(format!("it lies inside {sources}/, whose files would be published again"));
        }
    }
    if !out.starts_with(&root) && choice == OutputChoice::Default {
        return refuse("it lies outside the site; name it with --output to confirm".into());
    }
    if out.is_file() {
        return refuse("it is a file".into());
    }
    if out.is_dir() {
        let mut entries = std::fs::read_dir(&out).map_err(|e| Error::io(&out, e))?;
        if entries.next().is_some() && !out.join(MARKER).is_file() {
            return refuse(format!(
                "it is not empty and bantin did not write it (no {MARKER} file); empty it or choose another folder"
            ));
        }
    }
    Ok(out)
}

/// A folder being filled beside the output folder, swapped in by [`Staging::commit`].
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Staging {
    /// Creates an empty staging folder beside `target` (removing ones a crash left behind).
    pub fn new(target: &Path) -> Result<Staging, Error> {
        let parent =
            target.parent().ok_or_else(|| Error::Usage(format!("{} has no parent folder", target.display())))?;
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
        let prefix = format!(".{name}.bantin-");
        if let Ok(entries) = std::fs::read_dir(parent) {
            for e in entries.flatten() {
                if e.file_name().to_string_lossy().starts_with(&prefix) {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
        let dir = parent.join(format!("{prefix}{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        std::fs::write(dir.join(MARKER), b"This folder is written by bantin and replaced by each build.\n")
            .map_err(|e| Error::io(&dir, e))?;
        Ok(Staging { dir, target: target.to_path_buf(), committed: false })
    }

    /// The staging folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Copies files into the staging folder, in parallel: `(path in output, source)`.
    pub fn copy_all(&self, files: &[(String, crate::render::theme::FileSource)]) -> Result<(), Error> {
        files
            .par_iter()
            .map(|(rel, src)| {
                let dest = self.dir.join(rel);
                if let Some(parent) = dest.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
                }
                match src {
                    crate::render::theme::FileSource::Disk(p) => {
                        std::fs::copy(p, &dest).map(|_| ()).map_err(|e| Error::io(p, e))
                    }
                    crate::render::theme::FileSource::Embedded(bytes) => {
                        std::fs::write(&dest, bytes).map_err(|e| Error::io(&dest, e))
                    }
                }
            })
            .collect::<Result<Vec<()>, Error>>()
            .map(|_| ())
    }

    /// Puts the staged site in place of the target; the old site is removed.
    pub fn commit(mut self) -> Result<(), Error> {
        if self.target.exists() {
            exchange(&self.dir, &self.target)?;
            // The old site now sits at the staging path.
            std::fs::remove_dir_all(&self.dir).map_err(|e| Error::io(&self.dir, e))?;
        } else {
            std::fs::rename(&self.dir, &self.target).map_err(|e| Error::io(&self.target, e))?;
        }
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

impl Sink for Staging {
    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), Error> {
        let dest = self.dir.join(path);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&dest, bytes).map_err(|e| Error::io(&dest, e))
    }
}

/// Swaps two folders: atomically where the system can.
fn exchange(a: &Path, b: &Path) -> Result<(), Error> {
    #[cfg(target_os = "linux")]
    {
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        let ca = CString::new(a.as_os_str().as_bytes()).map_err(|_| Error::Usage("path has a NUL byte".into()))?;
        let cb = CString::new(b.as_os_str().as_bytes()).map_err(|_| Error::Usage("path has a NUL byte".into()))?;
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
        s.put("a/index.html", b"one".to_vec()).unwrap();
        s.commit().unwrap();
        let s = Staging::new(&out).unwrap();
        s.put("b.html", b"two".to_vec()).unwrap();
        drop(s);
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"one");
        let s = Staging::new(&out).unwrap();
        s.put("b.html", b"two".to_vec()).unwrap();
        s.commit().unwrap();
        assert!(!out.join("a/index.html").exists());
        assert_eq!(std::fs::read(out.join("b.html")).unwrap(), b"two");
        let leftovers: Vec<_> = std::fs::read_dir(site.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }
}
