//! Where a site is published, behind one trait: what a deploy needs of any host (its manifest,
//! a listing, putting a whole file, deleting one). `file://` (a folder, a mounted share) is
//! the first; FTP, SFTP and S3 come behind the same trait.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::base::error::Error;
use crate::msg;

/// The manifest a deploy keeps on its target: what the target holds, by digest. Never one of
/// the site's files.
pub(crate) const MANIFEST: &str = ".bantin-deploy";

/// What a deploy needs of a host.
pub(crate) trait Target {
    /// The target as the editor wrote it (for messages), without any secret.
    fn shown(&self) -> String;
    /// The text of the manifest the last deploy left, if there is one.
    fn manifest(&mut self) -> Result<Option<String>, Error>;
    /// Every file the target holds (but the manifest): path, size and, where it is cheap to
    /// read, the digest of its bytes.
    fn listing(&mut self) -> Result<Vec<(String, u64, Option<u128>)>, Error>;
    /// Puts `bytes` at `path` whole: under a temporary name first, then renamed, where the
    /// host allows it, so that no reader gets half a file.
    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), Error>;
    /// Deletes `path` (one already gone is fine), and the folders it leaves empty.
    fn delete(&mut self, path: &str) -> Result<(), Error>;
    /// Replaces the manifest.
    fn put_manifest(&mut self, text: &str) -> Result<(), Error>;
}

/// The target at `url`. Only `file:///…` is known in this version; other schemes are said as
/// such, with the ones that work.
pub(crate) fn open(url: &str) -> Result<Box<dyn Target>, Error> {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    match scheme {
        "file" => {
            let path = PathBuf::from(rest);
            if !path.is_absolute() {
                return Err(Error::Usage(msg!("deploy-file-not-absolute", url = url)));
            }
            Ok(Box::new(Folder { root: path }))
        }
        _ => Err(Error::Usage(msg!("deploy-scheme-unknown", url = url, scheme = scheme))),
    }
}

/// A folder on this machine or a mounted share (`file:///srv/www/bantin`).
struct Folder {
    root: PathBuf,
}

impl Folder {
    /// The file at the site path `path`, refusing anything that would leave the folder.
    fn at(&self, path: &str) -> Result<PathBuf, Error> {
        if path.split('/').any(|part| part.is_empty() || part == "." || part == "..") || path.contains('\\') {
            return Err(Error::Usage(msg!("deploy-bad-path", path = path)));
        }
        Ok(self.root.join(path))
    }

    fn failed(&self, path: &Path, e: std::io::Error) -> Error {
        Error::io(path, e)
    }
}

impl Target for Folder {
    fn shown(&self) -> String {
        format!("file://{}", self.root.display())
    }

    fn manifest(&mut self) -> Result<Option<String>, Error> {
        match std::fs::read_to_string(self.root.join(MANIFEST)) {
            Ok(text) => Ok(Some(text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(self.failed(&self.root.join(MANIFEST), e)),
        }
    }

    fn listing(&mut self) -> Result<Vec<(String, u64, Option<u128>)>, Error> {
        if !self.root.exists() {
            return Ok(Vec::new());
        }
        let mut files = Vec::new();
        for entry in walkdir::WalkDir::new(&self.root).follow_links(false) {
            let entry = entry.map_err(|e| {
                let path = e.path().map(Path::to_path_buf).unwrap_or_else(|| self.root.clone());
                Error::io(path, e.into())
            })?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(&self.root).unwrap_or(entry.path());
            let rel = rel.to_string_lossy().replace('\\', "/");
            if rel == MANIFEST || is_temporary(&rel) {
                continue;
            }
            files.push((rel, entry.into_path()));
        }
        // Reading a local folder is cheap: its files are compared by their bytes.
        files
            .into_par_iter()
            .map(|(rel, disk)| {
                let bytes = std::fs::read(&disk).map_err(|e| Error::io(&disk, e))?;
                Ok((rel, bytes.len() as u64, Some(xxhash_rust::xxh3::xxh3_128(&bytes))))
            })
            .collect()
    }

    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), Error> {
        let file = self.at(path)?;
        let dir = file.parent().unwrap_or(&self.root).to_path_buf();
        std::fs::create_dir_all(&dir).map_err(|e| self.failed(&dir, e))?;
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let part = dir.join(format!(".{name}.bantin-part"));
        let written = std::fs::File::create(&part).and_then(|mut f| {
            f.write_all(bytes)?;
            f.sync_all()
        });
        if let Err(e) = written.and_then(|()| std::fs::rename(&part, &file)) {
            let _ = std::fs::remove_file(&part);
            return Err(self.failed(&file, e));
        }
        Ok(())
    }

    fn delete(&mut self, path: &str) -> Result<(), Error> {
        let file = self.at(path)?;
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(self.failed(&file, e)),
        }
        // The folders it leaves empty go too (a deleted article's folder).
        let mut dir = file.parent();
        while let Some(d) = dir {
            if d == self.root || std::fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
        Ok(())
    }

    fn put_manifest(&mut self, text: &str) -> Result<(), Error> {
        std::fs::create_dir_all(&self.root).map_err(|e| self.failed(&self.root, e))?;
        let part = self.root.join(format!("{MANIFEST}.bantin-part"));
        let file = self.root.join(MANIFEST);
        std::fs::write(&part, text).and_then(|()| std::fs::rename(&part, &file)).map_err(|e| self.failed(&file, e))
    }
}

/// A file a deploy was writing when it stopped (`.name.bantin-part`): not the site's.
fn is_temporary(path: &str) -> bool {
    path.ends_with(".bantin-part")
}
