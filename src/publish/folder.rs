//! `file:///srv/www/bantin`: a folder on this machine or a mounted share. Files are written
//! under a temporary name beside their place, then renamed (atomic on one file system).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::target::{Address, Connection, Fault, MANIFEST, Target, check_path, is_temporary, part_name};
use crate::base::error::Error;
use crate::msg;

/// A folder target. Its connection is itself.
#[derive(Debug, Clone)]
pub(crate) struct Folder {
    root: PathBuf,
}

impl Folder {
    pub(crate) fn open(address: &Address, url: &str) -> Result<Folder, Error> {
        let path = PathBuf::from(&address.path);
        if !path.is_absolute() {
            return Err(Error::Usage(msg!("deploy-file-not-absolute", url = url)));
        }
        address.only_options(&[])?;
        Ok(Folder { root: path })
    }

    /// The file at the site path `path`.
    fn at(&self, path: &str) -> Result<PathBuf, Fault> {
        check_path(path)?;
        Ok(self.root.join(path))
    }
}

/// A fault about `path` from the system's error.
fn failed(path: &str, e: &std::io::Error) -> Fault {
    Fault::io(e).at(path)
}

impl Target for Folder {
    fn shown(&self) -> String {
        format!("file://{}", self.root.display())
    }

    fn connections(&self) -> usize {
        // A local disk or a share: a few writers keep it busy (one would wait on each fsync).
        4
    }

    fn connect(&self) -> Result<Box<dyn Connection>, Fault> {
        Ok(Box::new(self.clone()))
    }
}

impl Connection for Folder {
    fn manifest(&mut self) -> Result<Option<String>, Fault> {
        match std::fs::read_to_string(self.root.join(MANIFEST)) {
            Ok(text) => Ok(Some(text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(failed(MANIFEST, &e)),
        }
    }

    fn listing(&mut self) -> Result<Vec<(String, u64, Option<u128>)>, Fault> {
        if !self.root.exists() {
            return Ok(Vec::new());
        }
        let mut files = Vec::new();
        for entry in walkdir::WalkDir::new(&self.root).follow_links(false) {
            let entry = entry.map_err(|e| {
                let path = e.path().map(Path::to_path_buf).unwrap_or_else(|| self.root.clone());
                failed(&path.to_string_lossy(), &e.into())
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
                let bytes = std::fs::read(&disk).map_err(|e| failed(&rel, &e))?;
                Ok((rel, bytes.len() as u64, Some(xxhash_rust::xxh3::xxh3_128(&bytes))))
            })
            .collect()
    }

    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), Fault> {
        let file = self.at(path)?;
        let part = self.root.join(part_name(path));
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir).map_err(|e| failed(path, &e))?;
        }
        // A new file, never through whatever a stopped deploy (or someone) left at that name.
        let _ = std::fs::remove_file(&part);
        let written = std::fs::OpenOptions::new().write(true).create_new(true).open(&part).and_then(|mut f| {
            f.write_all(bytes)?;
            f.sync_all()
        });
        if let Err(e) = written.and_then(|()| std::fs::rename(&part, &file)) {
            let _ = std::fs::remove_file(&part);
            return Err(failed(path, &e));
        }
        Ok(())
    }

    fn delete(&mut self, path: &str) -> Result<(), Fault> {
        let file = self.at(path)?;
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(failed(path, &e)),
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

    fn put_manifest(&mut self, text: &str) -> Result<(), Fault> {
        std::fs::create_dir_all(&self.root).map_err(|e| failed(MANIFEST, &e))?;
        let part = self.root.join(part_name(MANIFEST));
        let file = self.root.join(MANIFEST);
        std::fs::write(&part, text).and_then(|()| std::fs::rename(&part, &file)).map_err(|e| failed(MANIFEST, &e))
    }
}
