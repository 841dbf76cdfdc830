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

mod folder;
mod ftp;
pub(crate) mod plan;
mod s3;
mod sftp;
pub(crate) mod target;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::base::error::Error;
use crate::msg;
use plan::{Held, Local, Phase};
use target::{Connection, Fault, FaultKind, Target};

/// How a deploy runs.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Say what would be sent and deleted, and touch nothing.
    pub dry_run: bool,
    /// Above this many files to delete, none is deleted (a wrong target or a broken build
    /// must not empty a live site).
    pub max_deletes: usize,
    /// How many connections at once (`None`: what suits the protocol).
    pub connections: Option<usize>,
    /// On a target without a manifest, also delete the files there that the site does not
    /// have (files bantin never sent; hidden ones, such as `.htaccess`, never).
    pub delete_others: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { dry_run: false, max_deletes: 256, connections: None, delete_others: false }
    }
}

/// What a deploy tells as it goes (a progress bar on a terminal; nothing in tests). Called
/// from several threads.
pub trait Progress: Sync {
    /// Before anything is sent: how many files and bytes will be.
    fn planned(&self, _files: usize, _bytes: u64) {}
    /// A file has landed whole.
    fn sent(&self, _path: &str, _bytes: u64) {}
    /// A connection was lost; the deploy tries again after `wait`.
    fn retrying(&self, _detail: &str, _wait: Duration) {}
}

/// Tells nothing.
pub struct Quiet;

impl Progress for Quiet {}

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
    /// Files found there that bantin never sent and the site does not have: kept.
    pub others: Vec<String>,
    pub dry_run: bool,
    /// Connections used at once.
    pub connections: usize,
    /// Connections lost and opened again on the way.
    pub retries: usize,
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

/// How many times a lost connection is opened again for one file, and the first wait.
const RETRIES: u32 = 4;
const FIRST_WAIT: Duration = Duration::from_millis(250);

/// Deploys the built site in `output` to the target at `url`.
pub fn deploy(output: &Path, url: &str, settings: &Settings, progress: &dyn Progress) -> Result<Report, Error> {
    let target = target::open(url)?;
    deploy_to(output, target.as_ref(), settings, progress)
}

/// What the workers of a deploy share: what the target holds as far as this deploy knows,
/// kept true as files land, and what was sent.
struct Shared {
    holds: BTreeMap<String, (u128, u64)>,
    landed: usize,
    sent: Vec<String>,
    bytes: u64,
    retries: usize,
}

fn deploy_to(
    output: &Path,
    target: &dyn Target,
    settings: &Settings,
    progress: &dyn Progress,
) -> Result<Report, Error> {
    let start = Instant::now();
    let shown = target.shown();
    let site = local_files(output)?;
    let mut first_connection = connect(target, progress, &mut 0).map_err(|f| f.error(&shown))?;
    let (held, first) = held_by(first_connection.as_mut(), settings.delete_others).map_err(|f| f.error(&shown))?;
    let plan = plan::plan(&site, &held, settings.max_deletes, settings.delete_others);
    let connections =
        settings.connections.unwrap_or_else(|| target.connections()).clamp(1, 16).min(plan.send.len().max(1));
    let mut report = Report {
        target: shown.clone(),
        held_back: plan.held_back,
        unchanged: plan.unchanged,
        first,
        others: plan.others.clone(),
        dry_run: settings.dry_run,
        connections,
        ..Report::default()
    };
    if settings.dry_run {
        report.bytes = plan.send.iter().map(|f| f.size).sum();
        report.sent = plan.send.into_iter().map(|f| f.path).collect();
        report.deleted = plan.delete;
        report.elapsed = start.elapsed();
        return Ok(report);
    }
    progress.planned(plan.send.len(), plan.send.iter().map(|f| f.size).sum());
    // What the target holds as far as this deploy knows. Files found by listing whose digest
    // is unknown are kept as 0 (sent again if the site has them, deleted later if deletions
    // were held back now); files bantin never sent and keeps are left out, so that no later
    // deploy deletes them. Files about to be sent are marked unknown before the first one
    // goes: a deploy stopped half-way leaves a manifest that claims nothing it did not see
    // land.
    let mut holds: BTreeMap<String, (u128, u64)> = match &held {
        Held::Manifest(m) => m.clone(),
        Held::Listing(l) => l.iter().map(|(p, (size, digest))| (p.clone(), (digest.unwrap_or(0), *size))).collect(),
    };
    for other in &plan.others {
        holds.remove(other);
    }
    let sending: std::collections::HashSet<&str> = plan.send.iter().map(|f| f.path.as_str()).collect();
    for f in &site {
        let digest = if sending.contains(f.path.as_str()) { 0 } else { f.digest };
        holds.insert(f.path.clone(), (digest, f.size));
    }
    if !plan.send.is_empty() {
        first_connection.put_manifest(&manifest_text(&holds)).map_err(|f| f.error(&shown))?;
    }
    let shared = Mutex::new(Shared { holds, landed: 0, sent: Vec::new(), bytes: 0, retries: 0 });
    let mut pool: Vec<Option<Box<dyn Connection>>> = vec![Some(first_connection)];
    pool.resize_with(connections, || None);
    // Each phase lands whole before the next starts: no page before its photos, no home page
    // before the pages it links to.
    for phase in [Phase::Assets, Phase::Pages, Phase::Lists] {
        let files: Vec<&Local> = plan.send.iter().filter(|f| Phase::of(&f.path) == phase).collect();
        send_all(output, target, &files, &mut pool, &shared, progress).map_err(|f| f.error(&shown))?;
    }
    let mut shared = shared.into_inner().unwrap_or_else(|e| e.into_inner());
    let connection = pool[0].as_mut().expect("the first connection is kept");
    report.deleted =
        delete_gone(connection.as_mut(), &plan.delete, &mut shared.holds, &shown).map_err(|f| f.error(&shown))?;
    connection.put_manifest(&manifest_text(&shared.holds)).map_err(|f| f.error(&shown))?;
    report.sent = shared.sent;
    report.bytes = shared.bytes;
    report.retries = shared.retries;
    report.elapsed = start.elapsed();
    Ok(report)
}

/// What the target holds, and whether it had no manifest: its manifest; or a listing of its
/// files when there is none (a first deploy, a manifest this bantin cannot read) or when
/// `others` are to be found (`--delete-others`), with the digests the manifest knows.
fn held_by(connection: &mut dyn Connection, others: bool) -> Result<(Held, bool), Fault> {
    let manifest = connection.manifest()?.and_then(|text| read_manifest(&text));
    let first = manifest.is_none();
    if let Some(manifest) = manifest.as_ref().filter(|_| !others) {
        return Ok((Held::Manifest(manifest.clone()), false));
    }
    let listed = connection.listing()?;
    // A name no site path can have (`a\b`, `..`) is not the site's, and never touched.
    let listed = listed.into_iter().filter(|(p, _, _)| target::check_path(p).is_ok());
    let known = |path: &str, size: u64, digest: Option<u128>| {
        digest.or_else(|| manifest.as_ref()?.get(path).filter(|(_, s)| *s == size).map(|(d, _)| *d))
    };
    let held = listed.map(|(p, size, digest)| {
        let digest = known(&p, size, digest);
        (p, (size, digest))
    });
    Ok((Held::Listing(held.collect()), first))
}

/// Deletes `gone` from the target, and from `holds`; what was deleted. They are first marked
/// unknown in the manifest: a deploy stopped among the deletions leaves a manifest that
/// neither claims a deleted file nor forgets one still there.
fn delete_gone(
    connection: &mut dyn Connection,
    gone: &[String],
    holds: &mut BTreeMap<String, (u128, u64)>,
    shown: &str,
) -> Result<Vec<String>, Fault> {
    if gone.is_empty() {
        return Ok(Vec::new());
    }
    for path in gone {
        if let Some(held) = holds.get_mut(path) {
            held.0 = 0;
        }
    }
    connection.put_manifest(&manifest_text(holds))?;
    for (done, path) in gone.iter().enumerate() {
        if let Err(f) = connection.delete(path) {
            // What is gone is no longer claimed (best effort: the connection may be lost).
            let _ = connection.put_manifest(&manifest_text(holds));
            if done == 0 {
                return Err(f.at(path));
            }
            let detail = format!("{path}: {}", f.detail.trim());
            let told = msg!(
                "deploy-fault-mid-deletions",
                target = shown,
                detail = detail.as_str(),
                done = done,
                count = gone.len()
            );
            return Err(Fault::told(f.kind, &f.detail, told).at(path));
        }
        holds.remove(path);
    }
    Ok(gone.to_vec())
}

/// A new connection to `target`, tried again with a growing wait while the host drops it.
fn connect(target: &dyn Target, progress: &dyn Progress, retries: &mut usize) -> Result<Box<dyn Connection>, Fault> {
    let mut wait = FIRST_WAIT;
    for attempt in 0.. {
        match target.connect() {
            Err(f) if f.kind == FaultKind::Dropped && attempt < RETRIES => {
                progress.retrying(&f.detail, wait);
                std::thread::sleep(wait);
                wait *= 2;
                *retries += 1;
            }
            other => return other,
        }
    }
    unreachable!("the loop returns")
}

/// Sends `files` on the connections of `pool` at once (opening those not open yet), each file
/// whole, noting each in the manifest as it lands. The first fault stops every connection.
fn send_all(
    output: &Path,
    target: &dyn Target,
    files: &[&Local],
    pool: &mut [Option<Box<dyn Connection>>],
    shared: &Mutex<Shared>,
    progress: &dyn Progress,
) -> Result<(), Fault> {
    if files.is_empty() {
        return Ok(());
    }
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let manifest_writer = Mutex::new(());
    let workers = pool.len().min(files.len());
    let results: Vec<Result<(), Fault>> = std::thread::scope(|scope| {
        let handles: Vec<_> = pool[..workers]
            .iter_mut()
            .map(|slot| {
                let (next, stop, manifest_writer) = (&next, &stop, &manifest_writer);
                scope.spawn(move || {
                    let mut work = || -> Result<(), Fault> {
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            if i >= files.len() || stop.load(Ordering::Relaxed) {
                                return Ok(());
                            }
                            let file = files[i];
                            let disk = output.join(&file.path);
                            let bytes = std::fs::read(&disk).map_err(|e| Fault::io(&e).at(&file.path))?;
                            put_retrying(target, slot, &file.path, &bytes, shared, progress)?;
                            progress.sent(&file.path, file.size);
                            // The digest of the bytes that went, should output/ have changed.
                            let digest = xxhash_rust::xxh3::xxh3_128(&bytes);
                            let due = {
                                let mut s = shared.lock().unwrap_or_else(|e| e.into_inner());
                                s.holds.insert(file.path.clone(), (digest, bytes.len() as u64));
                                s.sent.push(file.path.clone());
                                s.bytes += file.size;
                                s.landed += 1;
                                s.landed.is_multiple_of(MANIFEST_EVERY)
                            };
                            if due {
                                // The snapshot is taken under the writer's lock, so manifests
                                // land in the order they were taken.
                                let _one = manifest_writer.lock().unwrap_or_else(|e| e.into_inner());
                                let text = manifest_text(&shared.lock().unwrap_or_else(|e| e.into_inner()).holds);
                                let connection = slot.as_mut().expect("open after a put");
                                connection.put_manifest(&text)?;
                            }
                        }
                    };
                    let result = work();
                    if result.is_err() {
                        stop.store(true, Ordering::Relaxed);
                    }
                    result
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|_| Err(Fault::new(FaultKind::Refused, "panic")))).collect()
    });
    results.into_iter().collect()
}

/// Puts one file on the connection in `slot`, opening it first if needed, and opening it
/// again with a growing wait when the host drops it.
fn put_retrying(
    target: &dyn Target,
    slot: &mut Option<Box<dyn Connection>>,
    path: &str,
    bytes: &[u8],
    shared: &Mutex<Shared>,
    progress: &dyn Progress,
) -> Result<(), Fault> {
    let mut wait = FIRST_WAIT;
    let mut attempt = 0;
    let count = |n: usize| shared.lock().unwrap_or_else(|e| e.into_inner()).retries += n;
    loop {
        if slot.is_none() {
            let mut retries = 0;
            let opened = connect(target, progress, &mut retries);
            count(retries);
            *slot = Some(opened?);
        }
        let connection = slot.as_mut().expect("just opened");
        match connection.put(path, bytes) {
            Ok(()) => return Ok(()),
            Err(f) if f.kind == FaultKind::Dropped && attempt < RETRIES => {
                *slot = None;
                progress.retrying(&f.detail, wait);
                std::thread::sleep(wait);
                wait *= 2;
                attempt += 1;
                count(1);
            }
            Err(f) => return Err(f.at(path)),
        }
    }
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
    use std::sync::Arc;
    use std::sync::atomic::AtomicU32;

    /// A host in memory that drops every `drop_every`th put, or refuses every put.
    #[derive(Clone, Default)]
    struct Memory {
        files: Arc<Mutex<BTreeMap<String, Vec<u8>>>>,
        puts: Arc<AtomicU32>,
        drop_every: u32,
        refuse: bool,
        /// Deletions allowed before the host refuses them.
        refuse_deletes_after: Option<usize>,
    }

    impl Target for Memory {
        fn shown(&self) -> String {
            "memory".into()
        }
        fn connections(&self) -> usize {
            3
        }
        fn connect(&self) -> Result<Box<dyn Connection>, Fault> {
            Ok(Box::new(self.clone()))
        }
    }

    impl Connection for Memory {
        fn manifest(&mut self) -> Result<Option<String>, Fault> {
            let files = self.files.lock().unwrap();
            Ok(files.get(target::MANIFEST).map(|b| String::from_utf8_lossy(b).into_owned()))
        }
        fn listing(&mut self) -> Result<Vec<(String, u64, Option<u128>)>, Fault> {
            let files = self.files.lock().unwrap();
            Ok(files
                .iter()
                .filter(|(p, _)| *p != target::MANIFEST)
                .map(|(p, b)| (p.clone(), b.len() as u64, None))
                .collect())
        }
        fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), Fault> {
            if self.refuse {
                return Err(Fault::new(FaultKind::Denied, "read-only"));
            }
            let n = self.puts.fetch_add(1, Ordering::SeqCst) + 1;
            if self.drop_every > 0 && n.is_multiple_of(self.drop_every) {
                return Err(Fault::new(FaultKind::Dropped, "reset"));
            }
            self.files.lock().unwrap().insert(path.to_string(), bytes.to_vec());
            Ok(())
        }
        fn delete(&mut self, path: &str) -> Result<(), Fault> {
            if let Some(left) = self.refuse_deletes_after.as_mut() {
                if *left == 0 {
                    return Err(Fault::new(FaultKind::Denied, "read-only"));
                }
                *left -= 1;
            }
            self.files.lock().unwrap().remove(path);
            Ok(())
        }
        fn put_manifest(&mut self, text: &str) -> Result<(), Fault> {
            self.files.lock().unwrap().insert(target::MANIFEST.to_string(), text.as_bytes().to_vec());
            Ok(())
        }
    }

    fn output(files: usize) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..files {
            let path = dir.path().join(format!("tin/{i}/index.html"));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, format!("trang {i}")).unwrap();
        }
        dir
    }

    #[test]
    fn dropped_connections_are_opened_again_and_every_file_lands() {
        let out = output(30);
        let host = Memory { drop_every: 4, ..Memory::default() };
        let report = deploy_to(out.path(), &host, &Settings::default(), &Quiet).unwrap();
        assert_eq!(report.sent.len(), 30);
        assert!(report.retries >= 7, "{} retries", report.retries);
        let files = host.files.lock().unwrap();
        assert_eq!(files.len(), 31, "30 pages and the manifest");
        assert_eq!(files["tin/7/index.html"], b"trang 7");
        let manifest = read_manifest(&String::from_utf8_lossy(&files[target::MANIFEST])).unwrap();
        assert_eq!(manifest.len(), 30);
    }

    #[test]
    fn a_deletion_refused_half_way_says_how_many_went() {
        let out = output(4);
        let host = Memory::default();
        deploy_to(out.path(), &host, &Settings::default(), &Quiet).unwrap();
        std::fs::remove_dir_all(out.path().join("tin")).unwrap();
        std::fs::create_dir_all(out.path().join("tin/0")).unwrap();
        std::fs::write(out.path().join("tin/0/index.html"), "trang 0").unwrap();
        let refusing = Memory { refuse_deletes_after: Some(1), ..host.clone() };
        let err = deploy_to(out.path(), &refusing, &Settings::default(), &Quiet).unwrap_err();
        let said = err.lines(crate::base::messages::Lang::Vi).join("\n");
        assert!(said.contains("1/3"), "{said}");
        let files = host.files.lock().unwrap();
        let manifest = read_manifest(&String::from_utf8_lossy(&files[target::MANIFEST])).unwrap();
        assert_eq!(manifest.len(), 3, "the deleted page is no longer claimed: {manifest:?}");
    }

    #[test]
    fn a_refused_put_stops_the_deploy_before_any_deletion() {
        let out = output(3);
        let host = Memory::default();
        deploy_to(out.path(), &host, &Settings::default(), &Quiet).unwrap();
        std::fs::remove_dir_all(out.path().join("tin/2")).unwrap();
        std::fs::write(out.path().join("tin/0/index.html"), "sửa").unwrap();
        let refusing = Memory { refuse: true, ..host.clone() };
        let err = deploy_to(out.path(), &refusing, &Settings::default(), &Quiet).unwrap_err();
        assert_eq!(err.lines(crate::base::messages::Lang::En).len(), 1);
        assert!(host.files.lock().unwrap().contains_key("tin/2/index.html"), "nothing deleted");
    }

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
