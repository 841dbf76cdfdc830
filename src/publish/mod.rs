//! Publishing (`bantin deploy`): makes a target hold exactly the built site, sending only
//! what changed.
//!
//! The data flows one way, out of the build: the files of `output/` (each with the digest of
//! its bytes) against what the target holds (its manifest, `.bantin-deploy`, written by the
//! last deploy; or, the first time, a listing), then `plan::plan` decides what is sent and
//! deleted, in the order that keeps the live site whole, and a `target::Target` does it.
//! The manifest is written again as files land, so a deploy that is stopped (a dropped
//! connection, Ctrl-C) leaves the target a mix of whole old and whole new files, and the next
//! deploy finishes the job.

pub(crate) mod plan;
pub(crate) mod target;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::base::error::Error;
use plan::{Held, Local};
use target::Target;

/// How a deploy runs.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Say what would be sent and deleted, and touch nothing.
    pub dry_run: bool,
    /// Above this many files to delete, none is deleted (a wrong target or a broken build
    /// must not empty a live site).
    pub max_deletes: usize,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { dry_run: false, max_deletes: 256 }
    }
}

/// What a deploy did (or, with `dry_run`, would do).
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The target, as the editor can recognise it (no secret).
    pub target: String,
    /// Files sent, and their bytes.
    pub sent: Vec<String>,
    pub bytes: u64,
    /// Files deleted.
    pub deleted: Vec<String>,
    /// Deletions held back by the limit.
    pub held_back: usize,
    /// Files the target already held as they are.
    pub unchanged: usize,
    /// Whether the target had no manifest (a first deploy, compared by listing it).
    pub first: bool,
    pub dry_run: bool,
    pub elapsed: Duration,
}

impl Report {
    /// The bytes sent, as people write sizes (`3,1 MB`).
    pub fn size(&self, lang: crate::base::messages::Lang) -> String {
        if self.bytes == 0 { "0 KB".to_string() } else { crate::markdown::human_size(self.bytes, lang) }
    }
}

/// How many files are sent between two writes of the manifest.
const MANIFEST_EVERY: usize = 200;

/// The first line of a deploy manifest.
const MANIFEST_HEADER: &str = "# bantin deploy manifest, format 1";

/// Deploys the built site in `output` to the target at `url`.
pub fn deploy(output: &Path, url: &str, settings: &Settings) -> Result<Report, Error> {
    let mut target = target::open(url)?;
    deploy_to(output, target.as_mut(), settings)
}

fn deploy_to(output: &Path, target: &mut dyn Target, settings: &Settings) -> Result<Report, Error> {
    let start = Instant::now();
    let site = local_files(output)?;
    let manifest = target.manifest()?.and_then(|text| read_manifest(&text));
    let first = manifest.is_none();
    let held = match manifest {
        Some(m) => Held::Manifest(m),
        None => Held::Listing(target.listing()?.into_iter().map(|(p, size, digest)| (p, (size, digest))).collect()),
    };
    let plan = plan::plan(&site, &held, settings.max_deletes);
    let mut report = Report {
        target: target.shown(),
        held_back: plan.held_back,
        unchanged: plan.unchanged,
        first,
        dry_run: settings.dry_run,
        ..Report::default()
    };
    if settings.dry_run {
        report.bytes = plan.send.iter().map(|f| f.size).sum();
        report.sent = plan.send.into_iter().map(|f| f.path).collect();
        report.deleted = plan.delete;
        report.elapsed = start.elapsed();
        return Ok(report);
    }
    // What the target holds as far as this deploy knows, kept true as files land.
    // (Files found by listing whose digest is unknown are kept as 0: sent again if the site
    // has them, deleted later if deletions were held back now.)
    let mut holds: BTreeMap<String, (u128, u64)> = match &held {
        Held::Manifest(m) => m.clone(),
        Held::Listing(l) => l.iter().map(|(p, (size, digest))| (p.clone(), (digest.unwrap_or(0), *size))).collect(),
    };
    let sent_paths: std::collections::HashSet<&str> = plan.send.iter().map(|f| f.path.as_str()).collect();
    for f in site.iter().filter(|f| !sent_paths.contains(f.path.as_str())) {
        holds.insert(f.path.clone(), (f.digest, f.size));
    }
    for (n, file) in plan.send.iter().enumerate() {
        let disk = output.join(&file.path);
        let bytes = std::fs::read(&disk).map_err(|e| Error::io(&disk, e))?;
        target.put(&file.path, &bytes)?;
        holds.insert(file.path.clone(), (file.digest, file.size));
        report.sent.push(file.path.clone());
        report.bytes += file.size;
        if (n + 1) % MANIFEST_EVERY == 0 {
            target.put_manifest(&manifest_text(&holds))?;
        }
    }
    for path in &plan.delete {
        target.delete(path)?;
        holds.remove(path);
        report.deleted.push(path.clone());
    }
    target.put_manifest(&manifest_text(&holds))?;
    report.elapsed = start.elapsed();
    Ok(report)
}

/// The files of a built site, each with the digest of its bytes (bantin's own marker and
/// journal left out).
fn local_files(output: &Path) -> Result<Vec<Local>, Error> {
    let mut paths = Vec::new();
    for entry in walkdir::WalkDir::new(output).follow_links(false).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::io(output, e.into()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(output).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
        if rel.starts_with(".bantin") {
            continue;
        }
        paths.push((rel, entry.into_path()));
    }
    paths
        .into_par_iter()
        .map(|(path, disk)| {
            let bytes = std::fs::read(&disk).map_err(|e| Error::io(&disk, e))?;
            Ok(Local { path, digest: xxhash_rust::xxh3::xxh3_128(&bytes), size: bytes.len() as u64 })
        })
        .collect()
}

/// The manifest's text: a header, then `digest size path` a line, sorted by path.
fn manifest_text(holds: &BTreeMap<String, (u128, u64)>) -> String {
    let mut text = format!("{MANIFEST_HEADER}: written by bantin deploy; digest, size and path of each file.\n");
    for (path, (digest, size)) in holds {
        text.push_str(&format!("{digest:032x} {size} {path}\n"));
    }
    text
}

/// A manifest's entries, or `None` when it is not one this bantin wrote (the target is then
/// listed, as on a first deploy).
fn read_manifest(text: &str) -> Option<BTreeMap<String, (u128, u64)>> {
    if !text.starts_with(MANIFEST_HEADER) {
        return None;
    }
    let mut entries = BTreeMap::new();
    for line in text.lines().skip(1) {
        let mut parts = line.splitn(3, ' ');
        let (digest, size, path) = (parts.next()?, parts.next()?, parts.next()?);
        entries.insert(path.to_string(), (u128::from_str_radix(digest, 16).ok()?, size.parse().ok()?));
    }
    Some(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_reads_back_what_was_written() {
        let holds = BTreeMap::from([
            ("index.html".to_string(), (u128::MAX, 10)),
            ("tin/bài một/index.html".to_string(), (7, 0)),
        ]);
        assert_eq!(read_manifest(&manifest_text(&holds)), Some(holds));
        assert_eq!(read_manifest("index.html\n"), None);
    }
}
