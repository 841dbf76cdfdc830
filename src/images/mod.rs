//! Photos, between reading the content and modelling the site: every photo of `content/`
//! (JPEG, PNG, WebP) is published at the widths readers need, as WebP, plus one JPEG (or PNG)
//! at its own path for browsers, feeds and sharing. Nothing the camera wrote is published: the
//! rotation tag is applied to the pixels, and every output is encoded from pixels alone, so
//! GPS positions, camera serials and other metadata stay behind.
//!
//! In: the site's photos. Out: [`Photos`], what each photo gives the pages (size as shown,
//! variants), and the files to publish, all from a cache folder (`.bantin-cache/photos/`)
//! keyed by the photo's digest and the settings: a build where no photo changed decodes none.
//! The crates (`image`, `fast_image_resize`, `webp`) live behind this module.
//!
//! Invariants: every file made fits its format (WebP 16383 px a side, JPEG 65535); a file that
//! ends early is a problem, never published grey; a codec's panic is a problem of its photo;
//! a cache folder is used only once its files are checked against the lengths and digests its
//! `entry` recorded, and is read without following links.

pub(crate) mod picture;
mod survey;

pub(crate) use survey::{survey, to_make};

use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::base::error::Problem;
use crate::base::messages::Message;
use crate::config::PhotoSettings as Settings;
use crate::content::discover::CachedFile;
use crate::msg;

/// Bumped whenever what a setting of the same values produces changes: older cache entries
/// are then made again.
const VERSION: u32 = 5;

/// The cache folder, in the site's folder (git-ignored).
pub(crate) const CACHE_DIR: &str = ".bantin-cache/photos";

/// The file types processed here, by extension.
fn kind_of(path: &str) -> Option<Kind> {
    let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "jpg" | "jpeg" => Some(Kind::Jpeg),
        "png" => Some(Kind::Png),
        "webp" => Some(Kind::Webp),
        _ => None,
    }
}

/// Whether the file at `path` is a photo format browsers cannot show (`.heic` from iPhones).
pub(crate) fn is_unshowable(path: &str) -> bool {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    matches!(ext.as_str(), "heic" | "heif")
}

/// What to say of the photo `wanted` (`tin/dsc_0042.jpg`, a path on the site) that is not
/// there, when its folder has one it likely means (`photos_in` lists a folder's photos): the
/// same name in other capitals (`DSC_0042.JPG`: cameras write capitals, editors do not, and the
/// server tells them apart where a Windows or Mac folder did not), else a name a letter or two
/// away, or with another extension.
pub(crate) fn near_photo(wanted: &str, photos_in: impl Fn(&str) -> Vec<String>) -> Option<Message> {
    let (dir, name) = wanted.rsplit_once('/').unwrap_or(("", wanted));
    let names = photos_in(dir);
    let names = names.iter().map(|p| p.rsplit_once('/').map_or(p.as_str(), |(_, n)| n));
    let lower = name.to_lowercase();
    let stem = |n: &str| n.rsplit_once('.').map_or(n, |(s, _)| s).to_string();
    let wanted_stem = stem(&lower);
    let mut near: Option<(usize, &str)> = None;
    for found in names {
        let found_lower = found.to_lowercase();
        if found_lower == lower {
            return Some(msg!("md-missing-image-case-hint", file = crate::base::paths::percent_decode(found)));
        }
        let distance = strsim::damerau_levenshtein(&wanted_stem, &stem(&found_lower));
        let close = distance <= wanted_stem.chars().count() / 4;
        if close && near.is_none_or(|(d, _)| distance < d) {
            near = Some((distance, found));
        }
    }
    near.map(|(_, found)| msg!("md-missing-image-near-hint", file = crate::base::paths::percent_decode(found)))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Jpeg,
    Png,
    Webp,
}

/// What a photo gives the pages that show it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Photo {
    /// Its size as readers see it (after the rotation tag), of the file at its own path.
    pub(crate) width: u32,
    pub(crate) height: u32,
    /// The WebP variants: width, height and path on the site, narrowest first.
    pub(crate) variants: Vec<(u32, u32, String)>,
    /// The size in bytes and the media type of the file at its own path (for feeds).
    pub(crate) bytes: u64,
    pub(crate) media_type: &'static str,
    /// Its cache folder, where its files and its crops are made.
    pub(crate) folder: PathBuf,
    /// For an article's lead photo, the shapes Google asks of it (16:9, 4:3, 1:1): width,
    /// height and site path of each (the photo's own path for its own shape).
    pub(crate) crops: Vec<(u32, u32, String)>,
}

impl Photo {
    /// The `srcset` of its WebP variants, with `prefix` before each path (`../../`). In a
    /// srcset a space ends the address and a comma the candidate: both are percent-encoded
    /// (`ảnh hội nghị-480w.webp` → `ảnh%20hội%20nghị-480w.webp`).
    pub(crate) fn srcset(&self, prefix: &str) -> String {
        let items: Vec<String> =
            self.variants.iter().map(|(w, _, p)| format!("{}{} {w}w", srcset_url(prefix), srcset_url(p))).collect();
        items.join(", ")
    }
}

/// `url` with what a srcset candidate's address may not hold (ASCII white space, commas)
/// percent-encoded; other characters (Vietnamese letters) stay as they are.
fn srcset_url(url: &str) -> std::borrow::Cow<'_, str> {
    if !url.contains(|c: char| c == ',' || c.is_ascii_whitespace()) {
        return url.into();
    }
    let mut out = String::with_capacity(url.len() + 8);
    for c in url.chars() {
        match c {
            ',' | ' ' | '\t' | '\n' | '\r' | '\x0c' => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out.into()
}

/// The photos of a site: what each gives the pages, and the files to publish.
#[derive(Debug, Default, Clone)]
pub(crate) struct Photos {
    /// By the photo's path on the site (`tin-tuc/anh.jpg`).
    pub(crate) by_path: FxHashMap<String, Photo>,
    /// Output file → cache file, for every file made of photos (the photo's own path and its
    /// variants).
    pub(crate) files: Vec<(String, CachedFile)>,
    /// Photos decoded this run (0 when every one came from the cache).
    pub(crate) processed: usize,
    /// Photos published as they are (bantin cannot read them, or they move), or published
    /// with a doubt (a PNG without its end marker).
    pub(crate) warnings: Vec<Problem>,
    /// Photos bantin could not make sizes of (damaged, too large, HEIC), by path on the site:
    /// reported where a page shows them, and at their file when no page does.
    pub(crate) broken: FxHashMap<String, Broken>,
}

/// Why a photo could not be made: this, not the words of its message, decides the hint and
/// whether the file is published as it is.
#[derive(Debug)]
pub(crate) enum Unmade {
    /// A format bantin cannot read (AVIF under a `.webp` name): published as it is, with a
    /// warning.
    Unsupported(Message),
    /// The cache folder could not be written.
    CannotWrite(Message),
    /// The file is cut short (a copy or an upload that did not finish).
    CutShort,
    /// Anything else: not a photo, too large, damaged, a codec's panic.
    Damaged(Message),
}

impl From<Message> for Unmade {
    fn from(message: Message) -> Unmade {
        Unmade::Damaged(message)
    }
}

impl Unmade {
    /// Said of the photo where it is used, with what to do.
    fn said(self, shown: &Path) -> Broken {
        let (message, hint) = match self {
            Unmade::Unsupported(m) => (m, msg!("photo-hint")),
            Unmade::CannotWrite(m) => (m, msg!("photo-cache-hint")),
            Unmade::CutShort => (msg!("photo-cut-short"), msg!("photo-cut-short-hint")),
            Unmade::Damaged(m) => (m, msg!("photo-hint")),
        };
        Broken { shown: shown.to_path_buf(), message, hint }
    }
}

/// What is wrong with a photo, to be said where it is used.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Broken {
    /// The photo's file as shown in messages (`content/tin/anh.jpg`).
    pub(crate) shown: PathBuf,
    pub(crate) message: Message,
    pub(crate) hint: Message,
}

impl Photos {
    /// The photo at `image`, a path on the site as pages hold it (`tin/ảnh%20một.jpg`, or
    /// `tin/ảnh một.jpg`).
    pub(crate) fn at(&self, image: &str) -> Option<&Photo> {
        self.by_path.get(image).or_else(|| self.by_path.get(crate::base::paths::percent_decode(image).as_str()))
    }

    /// The problems of the broken photos that no page shows (`used` says which are shown: a
    /// problem was said at their use already), at their files.
    pub(crate) fn unused_broken(&self, used: impl Fn(&str) -> bool) -> Vec<Problem> {
        let mut problems: Vec<(&PathBuf, Problem)> = self
            .broken
            .iter()
            .filter(|(path, _)| !used(path))
            .map(|(_, b)| (&b.shown, Problem::file(&b.shown, b.message.clone()).hint(b.hint.clone())))
            .collect();
        problems.sort_by(|a, b| a.0.cmp(b.0));
        problems.into_iter().map(|(_, p)| p).collect()
    }
}

/// A variant's path: `tin/anh.jpg` at 800 → `tin/anh-800w.webp`.
fn variant_path(path: &str, width: u32) -> String {
    let stem = path.rsplit_once('.').map_or(path, |(s, _)| s);
    format!("{stem}-{width}w.webp")
}

/// The name a photo's sizes are made from: its path without the extension, unless another
/// photo of the folder has the same name (`anh.jpg` and `anh.png`): then with it (`anh-png`).
fn sizes_name(path: &str, stems: &FxHashMap<&str, usize>) -> String {
    match path.rsplit_once('.') {
        Some((stem, ext)) if stems.get(stem).is_some_and(|&n| n > 1) => {
            format!("{stem}-{}.x", ext.to_ascii_lowercase())
        }
        _ => path.to_string(),
    }
}

/// The widths a photo `width`×`height` (upright) is published at, as WebP: those of the
/// settings narrower than the photo, and its own when that is below the largest; only those
/// where the photo is at most [`WEBP_MAX`] tall (a long infographic gets its narrower ones),
/// and when none is, the widest that fits.
fn variant_widths(width: u32, height: u32, settings: &Settings) -> Vec<u32> {
    let largest = settings.widths.iter().copied().max().unwrap_or(width);
    let fits = |w: u32| w <= WEBP_MAX && height_at(width, height, w) <= WEBP_MAX;
    let mut widths: Vec<u32> = settings.widths.iter().copied().filter(|&w| w < width).collect();
    if width <= largest {
        widths.push(width);
    }
    widths.retain(|&w| fits(w));
    if widths.is_empty() {
        let widest = widest_within(width, height, WEBP_MAX);
        if fits(widest) {
            widths.push(widest);
        }
    }
    widths.sort_unstable();
    widths.dedup();
    widths
}

/// The largest side a WebP file can have (the format keeps 14 bits for each).
const WEBP_MAX: u32 = 16383;
/// The largest side of a JPEG file (16 bits).
const JPEG_MAX: u32 = 65535;
/// The largest side bantin writes in a PNG file (the format allows 2³¹ − 1).
const PNG_MAX: u32 = i32::MAX as u32;

/// The largest side of a file of `kind`.
fn max_side(kind: Kind) -> u32 {
    match kind {
        Kind::Jpeg => JPEG_MAX,
        Kind::Png => PNG_MAX,
        Kind::Webp => WEBP_MAX,
    }
}

/// The widest a photo `width`×`height` can be published at when neither side may pass `limit`.
fn widest_within(width: u32, height: u32, limit: u32) -> u32 {
    let w = if height_at(width, height, width) <= limit {
        width
    } else {
        (u64::from(limit) * u64::from(width) / u64::from(height.max(1))).max(1) as u32
    };
    w.min(limit)
}

fn height_at(width: u32, height: u32, at: u32) -> u32 {
    ((u64::from(height) * u64::from(at) + u64::from(width) / 2) / u64::from(width.max(1))).max(1) as u32
}

/// A photo whose files are in the cache and were checked.
struct Ready {
    entry: Entry,
    /// Its cache folder.
    folder: PathBuf,
    /// Whether it was decoded this time.
    processed: bool,
    /// The stamp of its files' metadata when they were last checked (see [`check_folder`]).
    checked: u64,
}

/// What the cache knows of a photo (its folder's `entry` file, written last).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    /// Its size as shown.
    width: u32,
    height: u32,
    /// What was noticed when it was made, said again at each build.
    notes: Notes,
    /// Each file of the folder to publish: its name, length and XXH3-128 digest.
    files: Vec<(String, u64, u128)>,
}

impl Entry {
    /// The file `name` of the folder, as it must be published.
    fn file(&self, folder: &Path, name: &str) -> Option<CachedFile> {
        let (_, len, digest) = self.files.iter().find(|(n, ..)| n == name)?;
        Some(CachedFile { path: folder.join(name), len: *len, digest: *digest })
    }
}

/// What was noticed of a photo when it was made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Notes {
    /// It moves (an animated WebP or PNG): published as it is, without sizes.
    animated: bool,
    /// A PNG without its end marker (IEND), which browsers show.
    no_end: bool,
}

/// A file of the site that may be a photo: where it is published, where it is, and how
/// editors name it.
pub(crate) struct Candidate {
    /// Its path on the site (`tin-tuc/anh.jpg`).
    pub(crate) output: String,
    pub(crate) disk: PathBuf,
    /// `content/tin-tuc/anh.jpg`, `static/images/anh.jpg`.
    pub(crate) shown: PathBuf,
}

/// What [`prepare`] makes of `candidates` depends on: each file's path, size and time of
/// change, and the settings. Equal fingerprints, equal photos (a session reuses them).
pub(crate) fn fingerprint(candidates: &[Candidate], settings: &Settings) -> u64 {
    use std::hash::{Hash, Hasher};
    let stamps: Vec<u64> = candidates.par_iter().map(|c| stamp(&c.disk, 0)).collect();
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    (VERSION, settings, &stamps).hash(&mut h);
    for c in candidates {
        (&c.output, &c.shown).hash(&mut h);
    }
    h.finish()
}

/// The files of `content/` and `static/` that may be photos: every published file is made of
/// pixels alone, wherever the editor put it.
pub(crate) fn candidates(root: &Path, assets: &[crate::content::discover::SourceFile]) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = assets
        .iter()
        .map(|a| Candidate { output: a.path.as_str().to_string(), disk: a.disk.clone(), shown: a.path.display() })
        .collect();
    let static_dir = root.join("static");
    if static_dir.is_dir() {
        // Problems of the folder (links outside the site…) are reported where it is copied.
        let (entries, _) = crate::content::discover::walk(root, &static_dir);
        out.extend(entries.into_iter().filter(|e| !e.is_dir).map(|e| Candidate {
            shown: Path::new("static").join(&e.relative),
            output: e.relative,
            disk: e.disk,
        }));
    }
    out
}

/// Prepares every photo among `candidates`: from the cache when its digest and the settings
/// are known, else decoded, turned upright, resized and encoded, in parallel (one photo per
/// core at a time, so memory stays bounded). What cannot be made is in `Photos::broken`.
pub(crate) fn prepare(root: &Path, candidates: &[Candidate], settings: &Settings) -> Photos {
    let cache = root.join(CACHE_DIR);
    let settings_key = settings_key(settings);
    let photos: Vec<&Candidate> = candidates.iter().filter(|a| kind_of(&a.output).is_some()).collect();
    // The cache folder of each photo as it was last seen (its size and time of change): a
    // build where nothing changed reads no photo at all.
    let index = read_index(&cache);
    let results: Vec<(&Candidate, u64, Result<Ready, Unmade>)> = photos
        .par_iter()
        .map(|a| {
            let stamp = stamp(&a.disk, settings_key);
            // Checked before it is trusted: a folder damaged or changed since the last build
            // (a file cut short, overwritten, or a link put in its place) is made again.
            let known = index.get(&stamp).and_then(|(name, trusted)| {
                let folder = cache.join(name);
                let entry = cached(&folder)?;
                let checked = check_folder(&folder, &entry, Some(*trusted))?;
                Some(Ready { entry, folder, processed: false, checked })
            });
            let result = match known {
                Some(ready) => Ok(ready),
                None => guarded(|| one(&a.disk, &cache, settings_key, settings)),
            };
            (*a, stamp, result)
        })
        .collect();
    let mut out = Photos::default();
    // iPhones save HEIC, which most browsers cannot show: it must not be published as it is.
    for a in candidates.iter().filter(|a| is_unshowable(&a.output)) {
        let broken = Broken { shown: a.shown.clone(), message: msg!("photo-heic"), hint: msg!("photo-heic-hint") };
        out.broken.insert(a.output.clone(), broken);
    }
    let names = Names::new(candidates, &photos);
    let mut new_index: Vec<(u64, String, u64)> = Vec::new();
    let mut used: FxHashSet<PathBuf> = FxHashSet::default();
    for (candidate, stamp, result) in results {
        match result {
            Ok(ready) => {
                if let Some(name) = ready.folder.file_name().and_then(|n| n.to_str()) {
                    new_index.push((stamp, name.to_string(), ready.checked));
                }
                used.extend(out.add(candidate, ready, &names, settings));
            }
            // A format bantin cannot read (AVIF under a `.webp` name): as it is, and said.
            Err(Unmade::Unsupported(message)) => {
                out.warnings.push(Problem::file(&candidate.shown, message).hint(msg!("photo-unsupported-hint")));
            }
            Err(unmade) => {
                out.broken.insert(candidate.output.clone(), unmade.said(&candidate.shown));
            }
        }
    }
    prune(&cache, &used);
    write_index(&cache, &new_index);
    out
}

/// What the settings are to the cache: photos made with other settings are made again.
fn settings_key(settings: &Settings) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    (VERSION, settings).hash(&mut h);
    h.finish()
}

/// The names a photo's sizes may not take: every file of the site, and how many photos
/// share each name without its extension (`anh.jpg` and `anh.png`).
struct Names<'a> {
    outputs: FxHashSet<&'a str>,
    stems: FxHashMap<&'a str, usize>,
}

impl<'a> Names<'a> {
    fn new(candidates: &'a [Candidate], photos: &[&'a Candidate]) -> Names<'a> {
        let outputs: FxHashSet<&str> = candidates.iter().map(|a| a.output.as_str()).collect();
        let mut stems: FxHashMap<&str, usize> = FxHashMap::default();
        for a in photos {
            *stems.entry(a.output.rsplit_once('.').map_or(a.output.as_str(), |(s, _)| s)).or_default() += 1;
        }
        Names { outputs, stems }
    }
}

impl Photos {
    /// Adds a photo made (or found in the cache) with its sizes and files; the cache folder
    /// it uses, or `None` when the folder is not one bantin made (the photo is then broken).
    fn add(&mut self, candidate: &Candidate, ready: Ready, names: &Names<'_>, settings: &Settings) -> Option<PathBuf> {
        let Ready { entry, folder, processed, .. } = ready;
        let path = candidate.output.clone();
        self.processed += usize::from(processed);
        if entry.notes.animated {
            let warning = Problem::file(&candidate.shown, msg!("photo-animated"));
            self.warnings.push(warning.hint(msg!("photo-animated-hint")));
        }
        if entry.notes.no_end {
            let warning = Problem::file(&candidate.shown, msg!("photo-no-end"));
            self.warnings.push(warning.hint(msg!("photo-no-end-hint")));
        }
        let kind = kind_of(&path).expect("only photos were prepared");
        // An animated photo has no sizes: they would not move.
        let widths =
            if entry.notes.animated { Vec::new() } else { variant_widths(entry.width, entry.height, settings) };
        // A file of the site already named like a size (`anh-1200w.webp`, made by another
        // tool) is the site's: that size is left out.
        let variants = widths
            .iter()
            .map(|&w| (w, height_at(entry.width, entry.height, w), variant_path(&sizes_name(&path, &names.stems), w)))
            .filter(|(_, _, p)| !names.outputs.contains(p.as_str()))
            .collect::<Vec<_>>();
        let mut files = Vec::with_capacity(variants.len() + 1);
        for (w, _, p) in &variants {
            files.extend(entry.file(&folder, &format!("{w}.webp")).map(|f| (p.clone(), f)));
        }
        let (fw, fh) = fallback_size(&entry, settings, kind);
        let Some(own) = entry.file(&folder, fallback_name(kind)) else {
            // A folder whose entry does not list its own file: not one bantin made.
            let message = msg!("photo-cannot-write", reason = "the cache folder is incomplete");
            let broken = Broken { shown: candidate.shown.clone(), message, hint: msg!("photo-cache-hint") };
            self.broken.insert(path, broken);
            return None;
        };
        self.files.extend(files);
        let bytes = own.len;
        let media_type = match kind {
            Kind::Png => "image/png",
            Kind::Jpeg => "image/jpeg",
            Kind::Webp => "image/webp",
        };
        self.files.push((path.clone(), own));
        let photo =
            Photo { width: fw, height: fh, variants, bytes, media_type, folder: folder.clone(), crops: Vec::new() };
        self.by_path.insert(path, photo);
        Some(folder)
    }
}

/// The file of the cache that maps a photo's stamp to its folder.
const INDEX: &str = "index";

/// A photo's path, size and time of change, with the settings: what says it is the same file.
fn stamp(disk: &Path, settings_key: u64) -> u64 {
    use std::hash::{Hash, Hasher};
    let meta = std::fs::metadata(disk).ok();
    let len = meta.as_ref().map_or(0, std::fs::Metadata::len);
    let modified = meta
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    (disk, len, modified, settings_key).hash(&mut h);
    h.finish()
}

/// The index: per photo's stamp, its folder and the stamp of the folder's files when they were
/// last checked (`stamp checked folder` per line, hexadecimal).
fn read_index(cache: &Path) -> FxHashMap<u64, (String, u64)> {
    let text = crate::content::discover::read_no_link(&cache.join(INDEX), None).unwrap_or_default();
    let text = String::from_utf8(text).unwrap_or_default();
    text.lines()
        .filter_map(|l| {
            let mut parts = l.splitn(3, ' ');
            let stamp = u64::from_str_radix(parts.next()?, 16).ok()?;
            let checked = u64::from_str_radix(parts.next()?, 16).ok()?;
            Some((stamp, (parts.next()?.to_string(), checked)))
        })
        .collect()
}

fn write_index(cache: &Path, entries: &[(u64, String, u64)]) {
    let mut text = String::new();
    for (stamp, name, checked) in entries {
        text.push_str(&format!("{stamp:016x} {checked:016x} {name}\n"));
    }
    if std::fs::create_dir_all(cache).is_ok() {
        let part = cache.join(format!("{INDEX}.{}", std::process::id()));
        if std::fs::write(&part, text).is_ok() {
            let _ = std::fs::rename(&part, cache.join(INDEX));
        }
    }
}

/// The size of the file published at the photo's own path, in the format of `kind`: the
/// share width at most, narrower when the photo would be taller than the format allows (a long
/// infographic as WebP); an animated photo's own size.
fn fallback_size(entry: &Entry, settings: &Settings, kind: Kind) -> (u32, u32) {
    if entry.notes.animated {
        return (entry.width, entry.height);
    }
    let w = entry.width.min(settings.fallback_width).min(widest_within(entry.width, entry.height, max_side(kind)));
    (w, height_at(entry.width, entry.height, w))
}

fn fallback_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Png => "own.png",
        Kind::Jpeg => "own.jpg",
        // The file at a `.webp` path must be WebP, whatever reads it.
        Kind::Webp => "own.webp",
    }
}

/// One photo: its cache folder (made now if missing), its size as shown, and whether it was
/// decoded this time.
fn one(disk: &Path, cache: &Path, settings_key: u64, settings: &Settings) -> Result<Ready, Unmade> {
    let bytes = read(disk)?;
    // The same bytes under a `.jpg` and a `.png` name make different files at their names.
    let kind = kind_of(&disk.to_string_lossy()).expect("only photos are prepared");
    let digest = xxhash_rust::xxh3::xxh3_128(&bytes) ^ u128::from(settings_key) ^ ((kind as u128) << 64);
    let folder = cache.join(format!("{digest:032x}"));
    if let Some(entry) = cached(&folder)
        && let Some(checked) = check_folder(&folder, &entry, None)
    {
        return Ok(Ready { entry, folder, processed: false, checked });
    }
    let entry = make(bytes, kind, &folder, settings)?;
    let checked = {
        let _placing = PLACING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        check_folder(&folder, &entry, None)
    }
    .ok_or_else(|| {
        Unmade::CannotWrite(msg!("photo-cannot-write", reason = "the cache folder changed as it was written"))
    })?;
    Ok(Ready { entry, folder, processed: true, checked })
}

/// Runs the work on one photo, a panic in a codec becoming a problem of that photo (the build
/// goes on with the others).
fn guarded<T, E: From<Message>>(work: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|panic| {
        let reason = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "?".to_string());
        Err(E::from(msg!("photo-crashed", reason = reason)))
    })
}

/// Checks that the files of a cache folder are those its entry recorded: regular files (no
/// link), of their lengths, and, unless their metadata is what it was at the last check
/// (`trusted`), of their digests. Returns the stamp of their metadata now; `None` when the
/// folder is not to be used: it is made again, and put in its place ([`Work::finish`]). A
/// damaged crop is removed: it is cut again.
///
/// A build where nothing changed reads only the files' metadata: any write to a file changes
/// its change time (`ctime`), which no program can set back.
fn check_folder(folder: &Path, entry: &Entry, trusted: Option<u64>) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    // Left in place while it is made again: another photo with the same bytes may be using
    // the folder that replaces it.
    let bad = || None;
    if !std::fs::symlink_metadata(folder).is_ok_and(|m| m.file_type().is_dir()) {
        return bad();
    }
    let mut files: Vec<CachedFile> = entry.files.iter().filter_map(|(n, ..)| entry.file(folder, n)).collect();
    let crops: Vec<(CachedFile, PathBuf)> = SHAPES.iter().filter_map(|(name, ..)| crop_record(folder, name)).collect();
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut crops_ok = Vec::with_capacity(crops.len());
    for f in files.iter().chain(crops.iter().map(|(f, _)| f)) {
        let Ok(meta) = std::fs::symlink_metadata(&f.path) else { return bad() };
        if !meta.file_type().is_file() || meta.len() != f.len {
            return bad();
        }
        metadata_stamp(&meta).hash(&mut h);
    }
    let stamp = h.finish();
    if trusted == Some(stamp) {
        return Some(stamp);
    }
    if files.iter().any(|f| f.read().is_err()) {
        return bad();
    }
    for (crop, record) in crops {
        if crop.read().is_ok() {
            crops_ok.push(crop);
        } else {
            let _ = std::fs::remove_file(&crop.path);
            let _ = std::fs::remove_file(record);
        }
    }
    // The stamp of what was checked (a crop removed is no longer part of it).
    files.extend(crops_ok);
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for f in &files {
        let meta = std::fs::symlink_metadata(&f.path).ok()?;
        metadata_stamp(&meta).hash(&mut h);
    }
    Some(h.finish())
}

/// What changes when a file is written or replaced: length, times (with the change time,
/// which cannot be set back), and which file it is.
fn metadata_stamp(meta: &std::fs::Metadata) -> (u64, u128, i64, i64, u64, u64) {
    let modified =
        meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        (meta.len(), modified, meta.ctime(), meta.ctime_nsec(), meta.ino(), meta.dev())
    }
    #[cfg(not(unix))]
    {
        (meta.len(), modified, 0, 0, 0, 0)
    }
}

/// The crop `name` of a cache folder with what was recorded of it (`shape-16x9.sum`), and the
/// record's path; none when it was not cut (or its record is unreadable).
fn crop_record(folder: &Path, name: &str) -> Option<(CachedFile, PathBuf)> {
    let record = folder.join(format!("shape-{name}.sum"));
    let text = String::from_utf8(crate::content::discover::read_no_link(&record, None).ok()?).ok()?;
    let (len, digest) = text.trim().split_once(' ')?;
    let file = CachedFile {
        path: folder.join(format!("shape-{name}.jpg")),
        len: len.parse().ok()?,
        digest: u128::from_str_radix(digest, 16).ok()?,
    };
    Some((file, record))
}

fn read(disk: &Path) -> Result<Vec<u8>, Message> {
    let mut bytes = Vec::new();
    std::fs::File::open(disk)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .map_err(|e| msg!("photo-cannot-read", reason = e.to_string()))?;
    Ok(bytes)
}

/// The file of a complete cache folder that says what it holds (written last).
const ENTRY: &str = "entry";

/// What a complete cache folder holds, as its `entry` file says (not yet checked).
fn cached(folder: &Path) -> Option<Entry> {
    let text = String::from_utf8(crate::content::discover::read_no_link(&folder.join(ENTRY), None).ok()?).ok()?;
    parse_entry(&text)
}

/// `entry`: `size 1000x750`, then `note animated` or `note no-end`, then `file name length
/// digest` per file.
fn parse_entry(text: &str) -> Option<Entry> {
    let mut lines = text.lines();
    let (w, h) = lines.next()?.strip_prefix("size ")?.split_once('x')?;
    let mut entry =
        Entry { width: w.parse().ok()?, height: h.parse().ok()?, notes: Notes::default(), files: Vec::new() };
    for line in lines {
        let mut parts = line.split(' ');
        match (parts.next()?, parts.next()?) {
            ("note", "animated") => entry.notes.animated = true,
            ("note", "no-end") => entry.notes.no_end = true,
            ("file", name) => {
                let len = parts.next()?.parse().ok()?;
                let digest = u128::from_str_radix(parts.next()?, 16).ok()?;
                entry.files.push((name.to_string(), len, digest));
            }
            _ => return None,
        }
    }
    Some(entry)
}

fn entry_text(entry: &Entry) -> String {
    let mut text = format!("size {}x{}\n", entry.width, entry.height);
    if entry.notes.animated {
        text.push_str("note animated\n");
    }
    if entry.notes.no_end {
        text.push_str("note no-end\n");
    }
    for (name, len, digest) in &entry.files {
        text.push_str(&format!("file {name} {len} {digest:032x}\n"));
    }
    text
}

/// Whether `bytes` make a photo the build can publish, read as the build reads it (a file cut
/// short, damaged, or larger than `settings` allows is refused with the build's message and
/// hint); its size, upright. For the editor, before a photo it is given is saved.
pub(crate) fn check(bytes: &[u8], settings: &Settings) -> Result<(u32, u32), (Message, Message)> {
    let said = |u: Unmade| {
        let b = u.said(Path::new(""));
        (b.message, b.hint)
    };
    let format = image::guess_format(bytes).map_err(|e| said(decode_error(&e)))?;
    let ending = ending(format, bytes);
    if ending == Ending::CutShort {
        return Err(said(Unmade::CutShort));
    }
    let (w, h) = image::ImageReader::with_format(std::io::Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(|e| said(decode_error(&e)))?;
    if u64::from(w) * u64::from(h) > settings.max_pixels {
        let m = msg!("photo-too-large", width = w, height = h, max = settings.max_pixels / 1_000_000);
        return Err(said(m.into()));
    }
    let notes = Notes { animated: is_animated(format, bytes), no_end: matches!(ending, Ending::NoEndMarker { .. }) };
    let mut owned = bytes.to_vec();
    if let Ending::NoEndMarker { whole } = ending {
        with_end_marker(&mut owned, whole);
    }
    if notes.animated {
        return Ok((w, h));
    }
    let (_, orientation, _) = decode(&owned, format, notes, settings).map_err(said)?;
    use image::metadata::Orientation as O;
    let turned = matches!(orientation, O::Rotate90 | O::Rotate270 | O::Rotate90FlipH | O::Rotate270FlipH);
    Ok(if turned { (h, w) } else { (w, h) })
}

/// Decodes, turns upright, and writes every output of a photo into `folder`.
///
/// Memory is what bounds a build of many photos: the full-size pixels (36 MB for a 12-MP
/// photo) live only until the largest size is made from them. Turning upright and converting
/// colours to sRGB are done on the sizes, which are a few megabytes.
fn make(bytes: Vec<u8>, kind: Kind, folder: &Path, settings: &Settings) -> Result<Entry, Unmade> {
    let named = match kind {
        Kind::Jpeg => image::ImageFormat::Jpeg,
        Kind::Png => image::ImageFormat::Png,
        Kind::Webp => image::ImageFormat::WebP,
    };
    // What the bytes are, not what the name says: real sites have JPEGs named `.webp` or
    // `.png`, which browsers show anyway. What is published at the name is of its type.
    let format = image::guess_format(&bytes).unwrap_or(named);
    // Decoders fill what is missing of a file cut short with grey, and say nothing: its end is
    // looked for first.
    let ending = ending(format, &bytes);
    if ending == Ending::CutShort {
        return Err(Unmade::CutShort);
    }
    let (w, h) = image::ImageReader::with_format(std::io::Cursor::new(&bytes), format)
        .into_dimensions()
        .map_err(|e| decode_error(&e))?;
    if u64::from(w) * u64::from(h) > settings.max_pixels {
        return Err(msg!("photo-too-large", width = w, height = h, max = settings.max_pixels / 1_000_000).into());
    }
    let notes = Notes { animated: is_animated(format, &bytes), no_end: matches!(ending, Ending::NoEndMarker { .. }) };
    // Two files with the same bytes share a folder: each is made in a work folder of its own.
    let mut work = Work::new(folder)?;
    // An animated photo is published as it is (its sizes would be still), without the
    // metadata it may carry.
    if notes.animated {
        work.write(fallback_name(kind), &without_metadata(format, &bytes))?;
        return work.finish(folder, Entry { width: w, height: h, notes, files: Vec::new() });
    }
    // A PNG whose end marker alone is missing is shown by browsers; the decoder needs it.
    let mut bytes = bytes;
    if let Ending::NoEndMarker { whole } = ending {
        with_end_marker(&mut bytes, whole);
    }
    let (img, orientation, icc) = decode(&bytes, format, notes, settings)?;
    drop(bytes);
    // In place when the photo is 8-bit RGB already (every JPEG).
    let img = if img.color().has_alpha() {
        image::DynamicImage::ImageRgba8(img.into_rgba8())
    } else {
        image::DynamicImage::ImageRgb8(img.into_rgb8())
    };
    use image::metadata::Orientation as O;
    let turned = matches!(orientation, O::Rotate90 | O::Rotate270 | O::Rotate90FlipH | O::Rotate270FlipH);
    // The photo's size, upright.
    let (width, height) = if turned { (h, w) } else { (w, h) };
    let entry = Entry { width, height, notes, files: Vec::new() };
    // The widths needed, largest first (all at most the photo's own, upright), each within
    // what its format can hold.
    let variants = variant_widths(entry.width, entry.height, settings);
    let (own_width, _) = fallback_size(&entry, settings, kind);
    let mut targets: Vec<u32> = variants.clone();
    targets.push(own_width);
    targets.sort_unstable_by(|a, b| b.cmp(a));
    targets.dedup();
    let mut sizes = resized(img, &entry, turned, &targets)?;
    // Upright, and in sRGB: browsers that ignore the profile (and every WebP without one)
    // show the colours the photographer saw.
    let to_srgb = icc.as_deref().and_then(srgb_transform);
    for (_, size) in &mut sizes {
        size.apply_orientation(orientation);
        if let Some(transform) = &to_srgb {
            transform(size);
        }
    }
    let at_width = |target: u32| -> &image::DynamicImage {
        &sizes.iter().find(|(w, _)| *w == target).expect("every width needed was made").1
    };
    for &w in &variants {
        work.write(&format!("{w}.webp"), &encode_webp(at_width(w), settings.quality)?)?;
    }
    let own = at_width(own_width);
    let encoded = encode_own(own, kind, settings.quality)?;
    work.write(fallback_name(kind), &encoded)?;
    work.finish(folder, entry)
}

/// The photo's pixels (8-bit), its orientation and colour profile. A decompression bomb is
/// refused before its pixels are allocated.
fn decode(
    bytes: &[u8],
    format: image::ImageFormat,
    notes: Notes,
    settings: &Settings,
) -> Result<(image::DynamicImage, image::metadata::Orientation, Option<Vec<u8>>), Unmade> {
    use image::ImageDecoder;
    // A PNG without its end marker that cannot be decoded (its pixels do not end) ends early.
    let decode_error = |e: &image::ImageError| if notes.no_end { Unmade::CutShort } else { decode_error(e) };
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(settings.max_pixels.saturating_mul(4));
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| decode_error(&e))?;
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let icc = decoder.icc_profile().ok().flatten();
    let img = image::DynamicImage::from_decoder(decoder).map_err(|e| decode_error(&e))?;
    Ok((img, orientation, icc))
}

/// The photo at each of `targets` (widths upright, largest first), each size made from the
/// next larger one (1600 from the photo, 1200 from 1600…): one resize of the whole photo,
/// after which its pixels are let go.
fn resized(
    img: image::DynamicImage,
    entry: &Entry,
    turned: bool,
    targets: &[u32],
) -> Result<Vec<(u32, image::DynamicImage)>, Unmade> {
    let mut resizer = fast_image_resize::Resizer::new();
    let options = fast_image_resize::ResizeOptions::new()
        .resize_alg(fast_image_resize::ResizeAlg::Convolution(fast_image_resize::FilterType::Lanczos3));
    let mut sizes: Vec<(u32, image::DynamicImage)> = Vec::with_capacity(targets.len());
    let mut full = Some(img);
    for &target in targets {
        if target >= entry.width
            && let Some(img) = full.take()
        {
            sizes.push((target, img));
            continue;
        }
        let upright_h = height_at(entry.width, entry.height, target);
        let (sw, sh) = if turned { (upright_h, target) } else { (target, upright_h) };
        let from = match (&full, sizes.last()) {
            (Some(img), _) => img,
            (None, Some((_, last))) => last,
            (None, None) => unreachable!("the photo itself or a size is always there"),
        };
        let mut out = image::DynamicImage::new(sw, sh, from.color());
        resizer.resize(from, &mut out, &options).map_err(|e| msg!("photo-cannot-resize", reason = e.to_string()))?;
        full = None;
        sizes.push((target, out));
    }
    Ok(sizes)
}

/// The file published at the photo's own path, in its own format.
fn encode_own(own: &image::DynamicImage, kind: Kind, quality: u8) -> Result<Vec<u8>, Unmade> {
    let mut encoded = Vec::new();
    match kind {
        Kind::Png => own
            .write_to(&mut std::io::Cursor::new(&mut encoded), image::ImageFormat::Png)
            .map_err(|e| Unmade::CannotWrite(msg!("photo-cannot-write", reason = e.to_string())))?,
        Kind::Webp => encoded = encode_webp(own, quality)?,
        Kind::Jpeg => {
            if own.width() > JPEG_MAX || own.height() > JPEG_MAX {
                return Err(msg!("photo-cannot-encode", format = "JPEG", reason = "too large for the format").into());
            }
            // A PNG named `.jpg` may have transparent parts: on white, as a page shows them.
            let rgb = match own {
                image::DynamicImage::ImageRgb8(p) => std::borrow::Cow::Borrowed(p),
                other => std::borrow::Cow::Owned(on_white(other)),
            };
            let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut encoded, quality.max(80));
            rgb.write_with_encoder(encoder)
                .map_err(|e| Unmade::CannotWrite(msg!("photo-cannot-write", reason = e.to_string())))?;
        }
    }
    Ok(encoded)
}

/// A cache folder being made: a work folder of its own, renamed into place when complete.
struct Work {
    dir: PathBuf,
    /// What was written: name, length, digest.
    files: Vec<(String, u64, u128)>,
}

/// Held while a cache folder is put in place or checked after it was: see [`Work::finish`].
static PLACING: std::sync::Mutex<()> = std::sync::Mutex::new(());

impl Work {
    fn new(folder: &Path) -> Result<Work, Unmade> {
        static WORK: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = WORK.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = folder.with_extension(format!("part-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir)
            .map_err(|e| Unmade::CannotWrite(msg!("photo-cannot-write", reason = e.to_string())))?;
        Ok(Work { dir, files: Vec::new() })
    }

    fn write(&mut self, name: &str, data: &[u8]) -> Result<(), Unmade> {
        std::fs::write(self.dir.join(name), data)
            .map_err(|e| Unmade::CannotWrite(msg!("photo-cannot-write", reason = e.to_string())))?;
        self.files.push((name.to_string(), data.len() as u64, xxhash_rust::xxh3::xxh3_128(data)));
        Ok(())
    }

    /// Writes the entry (with the files written) last, then puts the folder in place: whole or
    /// not at all, so the next build makes again a folder left half-made.
    fn finish(self, folder: &Path, mut entry: Entry) -> Result<Entry, Unmade> {
        entry.files.clone_from(&self.files);
        let written = std::fs::write(self.dir.join(ENTRY), entry_text(&entry));
        if let Err(e) = written {
            let _ = std::fs::remove_dir_all(&self.dir);
            return Err(Unmade::CannotWrite(msg!("photo-cannot-write", reason = e.to_string())));
        }
        // Two photos with the same bytes (one photo in two articles) are made at the same time
        // into one folder: one at a time puts its folder in place, and no one removes a good
        // folder the other has just put there.
        let _placing = PLACING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        // Made meanwhile by another photo with the same bytes (and not the damaged folder
        // this one replaces, whose entry may say the same).
        if cached(folder).is_some_and(|e| e == entry && check_folder(folder, &e, None).is_some()) {
            let _ = std::fs::remove_dir_all(&self.dir);
            return Ok(entry);
        }
        // A link or a file put in its place is removed itself (never what a link points to).
        let _ = std::fs::remove_dir_all(folder).or_else(|_| std::fs::remove_file(folder));
        if let Err(e) = std::fs::rename(&self.dir, folder) {
            let _ = std::fs::remove_dir_all(&self.dir);
            if cached(folder).is_none_or(|e| e != entry || check_folder(folder, &e, None).is_none()) {
                return Err(Unmade::CannotWrite(msg!("photo-cannot-write", reason = e.to_string())));
            }
        }
        Ok(entry)
    }
}

/// The WebP file of `img`, which must fit the format ([`WEBP_MAX`]).
fn encode_webp(img: &image::DynamicImage, quality: u8) -> Result<Vec<u8>, Message> {
    if img.width() > WEBP_MAX || img.height() > WEBP_MAX {
        return Err(msg!("photo-cannot-encode", format = "WebP", reason = "too large for the format"));
    }
    let encoder = match img {
        image::DynamicImage::ImageRgba8(p) => webp::Encoder::from_rgba(p.as_raw(), img.width(), img.height()),
        other => webp::Encoder::from_rgb(other.as_bytes(), img.width(), img.height()),
    };
    encoder
        .encode_simple(false, f32::from(quality))
        .map(|m| m.to_vec())
        .map_err(|e| msg!("photo-cannot-encode", format = "WebP", reason = format!("{e:?}")))
}

/// `img` on white: the transparent parts of a PNG become white in a JPEG, as on a page, not
/// black (the colour transparent pixels usually hold).
fn on_white(img: &image::DynamicImage) -> image::RgbImage {
    if !img.color().has_alpha() {
        return img.to_rgb8();
    }
    let rgba = img.to_rgba8();
    let mut out = image::RgbImage::new(rgba.width(), rgba.height());
    for (o, p) in out.pixels_mut().zip(rgba.pixels()) {
        let a = u32::from(p[3]);
        for c in 0..3 {
            o[c] = ((u32::from(p[c]) * a + 255 * (255 - a) + 127) / 255) as u8;
        }
    }
    out
}

/// How a photo's file ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// At its end marker (or a format whose end is not looked for).
    Whole,
    /// Before its data does: it was not copied whole.
    CutShort,
    /// A PNG that lacks its end marker (`IEND`), whole or in part, or the end of a chunk after
    /// its pixels: browsers show it if its pixels are all there, which only decoding tells.
    /// Its chunks are whole up to `whole`.
    NoEndMarker { whole: usize },
}

/// How the file of `format` ends, from its structure (without decoding it).
fn ending(format: image::ImageFormat, bytes: &[u8]) -> Ending {
    match format {
        image::ImageFormat::Jpeg if bytes.starts_with(&[0xff, 0xd8]) => {
            if jpeg_reaches_end(bytes) {
                Ending::Whole
            } else {
                Ending::CutShort
            }
        }
        image::ImageFormat::Png if bytes.starts_with(PNG_SIGNATURE) => {
            let mut at = PNG_SIGNATURE.len();
            let mut pixels = false;
            loop {
                if at == bytes.len() {
                    return Ending::NoEndMarker { whole: at };
                }
                let Some((kind, next)) = png_chunk(bytes, at) else {
                    // Ends within a chunk. Within the pixels (`IDAT`) it was cut short; after
                    // them (in the end marker itself, which is 12 bytes of nothing but its name,
                    // or in text after the pixels) what browsers need is there.
                    let kind = bytes.get(at + 4..at + 8);
                    if !pixels || kind == Some(b"IDAT") {
                        return Ending::CutShort;
                    }
                    return Ending::NoEndMarker { whole: at };
                };
                if kind == b"IEND" {
                    return Ending::Whole;
                }
                pixels |= kind == b"IDAT";
                at = next;
            }
        }
        // RIFF says the length of the file.
        image::ImageFormat::WebP if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" => {
            let declared = u64::from(u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]])) + 8;
            if (bytes.len() as u64) < declared { Ending::CutShort } else { Ending::Whole }
        }
        _ => Ending::Whole,
    }
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// A PNG's chunks up to `whole` and an end marker after them: what the decoder needs to read
/// the pixels of a file without its end. Whether they are all there, it says.
fn with_end_marker(png: &mut Vec<u8>, whole: usize) {
    png.truncate(whole);
    png.extend_from_slice(b"\0\0\0\0IEND\xae\x42\x60\x82");
}

/// The type of the PNG chunk at `at` and where the next one starts; none when the file ends
/// within it.
fn png_chunk(bytes: &[u8], at: usize) -> Option<(&[u8], usize)> {
    let head = bytes.get(at..at + 8)?;
    let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
    let next = at.checked_add(12)?.checked_add(len)?;
    (next <= bytes.len()).then_some((&head[4..8], next))
}

/// Whether a JPEG file reaches its end marker (EOI) after its scans: segments are skipped by
/// their lengths (an EXIF thumbnail's own end marker is inside one), scan data up to the next
/// marker that is not a stuffed byte or a restart marker.
fn jpeg_reaches_end(bytes: &[u8]) -> bool {
    let mut at = 2;
    loop {
        // Stray bytes before a marker are skipped, as decoders do.
        let Some(ff) = memchr::memchr(0xff, &bytes[at.min(bytes.len())..]) else { return false };
        at += ff;
        // Fill bytes (0xFF repeated) before the marker's code.
        while bytes.get(at + 1) == Some(&0xff) {
            at += 1;
        }
        let Some(&code) = bytes.get(at + 1) else { return false };
        at += 2;
        match code {
            0xd9 => return true,
            // Markers without a length.
            0x00 | 0x01 | 0xd0..=0xd8 => continue,
            _ => {}
        }
        let Some(len) = bytes.get(at..at + 2).map(|l| usize::from(u16::from_be_bytes([l[0], l[1]]))) else {
            return false;
        };
        at += len;
        if at > bytes.len() {
            return false;
        }
        if code == 0xda {
            // The scan's data, up to the next real marker.
            loop {
                let Some(ff) = memchr::memchr(0xff, &bytes[at..]) else { return false };
                let mut next = at + ff + 1;
                while bytes.get(next) == Some(&0xff) {
                    next += 1;
                }
                match bytes.get(next) {
                    None => return false,
                    Some(0x00 | 0xd0..=0xd7) => at = next + 1,
                    Some(_) => {
                        at = next - 1;
                        break;
                    }
                }
            }
        }
    }
}

/// Whether the picture moves: an animated WebP (the animation flag of its `VP8X` chunk) or PNG
/// (an `acTL` chunk). GIFs are not made into sizes: they are published as they are anyway.
fn is_animated(format: image::ImageFormat, bytes: &[u8]) -> bool {
    match format {
        image::ImageFormat::WebP => bytes.len() > 20 && &bytes[12..16] == b"VP8X" && bytes[20] & 0x02 != 0,
        image::ImageFormat::Png => {
            let mut at = PNG_SIGNATURE.len();
            while let Some((kind, next)) = png_chunk(bytes, at) {
                match kind {
                    b"acTL" => return true,
                    b"IDAT" | b"IEND" => return false,
                    _ => at = next,
                }
            }
            false
        }
        _ => false,
    }
}

/// An animated file without the metadata it may carry (EXIF with a position, XMP, text
/// chunks): every chunk else as it is.
fn without_metadata(format: image::ImageFormat, bytes: &[u8]) -> Vec<u8> {
    match format {
        image::ImageFormat::WebP if bytes.len() > 20 => {
            let mut out = bytes[..12].to_vec();
            let mut at = 12;
            while let Some(head) = bytes.get(at..at + 8) {
                let len = u32::from_le_bytes([head[4], head[5], head[6], head[7]]) as usize;
                let next = (at + 8).saturating_add(len + (len & 1)).min(bytes.len());
                if !matches!(&head[..4], b"EXIF" | b"XMP ") {
                    out.extend_from_slice(&bytes[at..next]);
                }
                at = next;
            }
            if &out[12..16] == b"VP8X" {
                // The flags of the EXIF and XMP chunks, now gone.
                out[20] &= !(0x08 | 0x04);
            }
            let riff = (out.len() - 8) as u32;
            out[4..8].copy_from_slice(&riff.to_le_bytes());
            out
        }
        image::ImageFormat::Png if bytes.starts_with(PNG_SIGNATURE) => {
            let mut out = PNG_SIGNATURE.to_vec();
            let mut at = PNG_SIGNATURE.len();
            while let Some((kind, next)) = png_chunk(bytes, at) {
                if !matches!(kind, b"eXIf" | b"tEXt" | b"zTXt" | b"iTXt" | b"tIME") {
                    out.extend_from_slice(&bytes[at..next]);
                }
                at = next;
            }
            out
        }
        _ => bytes.to_vec(),
    }
}

/// The shapes Google asks of an article's photo in its structured data, as `(name, width,
/// height)`: "16x9, 4x3, and 1x1", of at least 50,000 pixels each.
const SHAPES: [(&str, u32, u32); 3] = [("16x9", 16, 9), ("4x3", 4, 3), ("1x1", 1, 1)];
const SHAPE_MIN_PIXELS: u64 = 50_000;

/// Cuts the photos at `paths` (articles' lead photos) to Google's shapes, from their published
/// size (already upright and in sRGB), keeping their upper part as the theme's cards do. A
/// shape the photo has already is the photo itself. Each crop is made once, into the photo's
/// cache folder; the photos not yet cut are cut in parallel. What cannot be made is left out.
pub(crate) fn cut_shapes(photos: &mut Photos, paths: &[String], quality: u8) {
    let taken: FxHashSet<String> = photos.files.iter().map(|(f, _)| f.clone()).collect();
    // Each lead's own file, found once: 10,000 articles with a photo each look up 10,000
    // files among 60,000.
    let wanted: FxHashSet<&str> = paths.iter().map(String::as_str).collect();
    let own_files: FxHashMap<&str, &CachedFile> =
        photos.files.iter().filter(|(f, _)| wanted.contains(f.as_str())).map(|(f, c)| (f.as_str(), c)).collect();
    let cut = |path: &String| {
        let photo = photos.by_path.get(path)?;
        let own = own_files.get(path.as_str()).map(|c| (*c).clone())?;
        // A panic in a codec leaves this photo without crops; the build goes on.
        guarded(|| Ok::<_, Message>(cut_one(photo, path, &own, &taken, quality))).ok()
    };
    // One photo under several names (the same file in many articles) has one cache folder:
    // the first of its names cuts it, the others then find the crops made, so no two threads
    // write one crop at a time.
    let mut folders: FxHashSet<&Path> = FxHashSet::default();
    let (first, rest): (Vec<&String>, Vec<&String>) =
        paths.iter().partition(|p| photos.by_path.get(*p).is_none_or(|photo| folders.insert(photo.folder.as_path())));
    let mut cuts: Vec<Cut> = first.into_par_iter().filter_map(cut).collect();
    cuts.extend(rest.into_par_iter().filter_map(cut).collect::<Vec<Cut>>());
    for (path, crops, files) in cuts {
        if let Some(photo) = photos.by_path.get_mut(&path) {
            photo.crops = crops;
        }
        photos.files.extend(files);
    }
}

/// A photo's path, its shapes, and the files they are (output path, cache file).
type Cut = (String, Vec<(u32, u32, String)>, Vec<(String, CachedFile)>);

/// The shapes of one photo, `own` its file as published (checked when it is read).
fn cut_one(photo: &Photo, path: &str, own: &CachedFile, taken: &FxHashSet<String>, quality: u8) -> Cut {
    let mut crops = Vec::new();
    let mut files = Vec::new();
    let mut source: Option<image::DynamicImage> = None;
    let (w, h) = (photo.width, photo.height);
    for (name, a, b) in SHAPES {
        // Within 2 % of the shape: the photo itself.
        if (u64::from(w) * u64::from(b)).abs_diff(u64::from(h) * u64::from(a)) * 50 <= u64::from(h) * u64::from(a) {
            crops.push((w, h, path.to_string()));
            continue;
        }
        let (cw, ch) = if u64::from(w) * u64::from(b) > u64::from(h) * u64::from(a) {
            ((u64::from(h) * u64::from(a) / u64::from(b)) as u32, h)
        } else {
            (w, (u64::from(w) * u64::from(b) / u64::from(a)) as u32)
        };
        let out = format!("{}-{name}.jpg", path.rsplit_once('.').map_or(path, |(s, _)| s));
        if u64::from(cw) * u64::from(ch) < SHAPE_MIN_PIXELS || cw > JPEG_MAX || ch > JPEG_MAX || taken.contains(&out) {
            continue;
        }
        // Cut before, and checked with its folder when the photos were prepared.
        let file = match crop_record(&photo.folder, name) {
            Some((file, _)) => file,
            None => {
                if source.is_none() {
                    source = own.read().ok().and_then(|bytes| image::load_from_memory(&bytes).ok());
                }
                let Some(img) = &source else { break };
                // Centred across; from 30 % of what is cut off above, down.
                let x = (img.width().saturating_sub(cw)) / 2;
                let y = (img.height().saturating_sub(ch)) * 3 / 10;
                // A transparent PNG on white, as a page shows it.
                let piece = on_white(&img.crop_imm(x, y, cw.min(img.width()), ch.min(img.height())));
                let mut encoded = Vec::new();
                let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut encoded, quality.max(80));
                if piece.write_with_encoder(encoder).is_err() {
                    continue;
                }
                let Some(file) = write_crop(&photo.folder, name, &encoded) else { continue };
                file
            }
        };
        crops.push((cw, ch, out.clone()));
        files.push((out, file));
    }
    (path.to_string(), crops, files)
}

/// Writes the crop `name` into a photo's cache folder, then its record (length and digest):
/// each whole or not at all, written aside and renamed.
fn write_crop(folder: &Path, name: &str, encoded: &[u8]) -> Option<CachedFile> {
    let file = CachedFile {
        path: folder.join(format!("shape-{name}.jpg")),
        len: encoded.len() as u64,
        digest: xxhash_rust::xxh3::xxh3_128(encoded),
    };
    let record = folder.join(format!("shape-{name}.sum"));
    for (dest, data) in [(&file.path, encoded), (&record, format!("{} {:032x}\n", file.len, file.digest).as_bytes())] {
        let part = dest.with_extension(format!("part-{}", std::process::id()));
        if std::fs::write(&part, data).is_err() || std::fs::rename(&part, dest).is_err() {
            let _ = std::fs::remove_file(&part);
            return None;
        }
    }
    Some(file)
}

/// A conversion of 8-bit RGB(A) pixels from the photo's colour profile to sRGB; none when the
/// profile cannot be read or is not an RGB one (a grey or CMYK profile: those pixels are shown
/// as they are).
fn srgb_transform(icc: &[u8]) -> Option<impl Fn(&mut image::DynamicImage)> {
    let from = moxcms::ColorProfile::new_from_slice(icc).ok()?;
    let srgb = moxcms::ColorProfile::new_srgb();
    let options = moxcms::TransformOptions::default();
    let rgb = from.create_transform_8bit(moxcms::Layout::Rgb, &srgb, moxcms::Layout::Rgb, options).ok()?;
    let rgba = from.create_transform_8bit(moxcms::Layout::Rgba, &srgb, moxcms::Layout::Rgba, options).ok()?;
    Some(move |img: &mut image::DynamicImage| {
        let (transform, pixels) = match img {
            image::DynamicImage::ImageRgb8(p) => (&rgb, &mut **p),
            image::DynamicImage::ImageRgba8(p) => (&rgba, &mut **p),
            _ => return,
        };
        let mut out = vec![0u8; pixels.len()];
        if transform.transform(pixels, &mut out).is_ok() {
            pixels.copy_from_slice(&out);
        }
    })
}

fn decode_error(e: &image::ImageError) -> Unmade {
    // The decoder's words, on one line.
    let reason = e.to_string().split_whitespace().collect::<Vec<_>>().join(" ");
    match e {
        image::ImageError::Limits(_) => Unmade::Damaged(msg!("photo-too-large-alloc")),
        image::ImageError::Unsupported(_) => Unmade::Unsupported(msg!("photo-unsupported", reason = reason)),
        _ => Unmade::Damaged(msg!("photo-broken", reason = reason)),
    }
}

/// Removes the cache folders no photo of this build used (photos deleted or changed, or
/// other settings), and half-made ones.
fn prune(cache: &Path, used: &FxHashSet<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(cache) else { return };
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        // Half-made folders of a build still running (another `bantin` on this site) stay.
        let alive = name
            .split_once(".part-")
            .and_then(|(_, rest)| rest.split('-').next()?.parse::<u32>().ok())
            .is_some_and(crate::output::process_alive);
        if !used.contains(&path) && !alive && e.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_are_never_wider_than_the_photo() {
        let s = Settings::default();
        assert_eq!(variant_widths(4000, 3000, &s), [480, 800, 1200, 1600]);
        assert_eq!(variant_widths(1000, 750, &s), [480, 800, 1000]);
        assert_eq!(variant_widths(300, 200, &s), [300]);
        assert_eq!(height_at(4000, 3000, 800), 600);
        assert_eq!(variant_path("tin/anh.jpg", 800), "tin/anh-800w.webp");
        let stems = FxHashMap::from_iter([("tin/anh", 2), ("tin/b", 1)]);
        assert_eq!(variant_path(&sizes_name("tin/anh.png", &stems), 800), "tin/anh-png-800w.webp");
        assert_eq!(variant_path(&sizes_name("tin/b.jpg", &stems), 800), "tin/b-800w.webp");
    }

    #[test]
    fn every_size_fits_its_format() {
        let s = Settings::default();
        // WebP holds 16383 px a side: a long infographic at its narrower widths only.
        assert_eq!(variant_widths(1000, 20000, &s), [480, 800]);
        assert_eq!(variant_widths(600, 40000, &s), [245]);
        assert_eq!(variant_widths(20000, 1000, &s), [480, 800, 1200, 1600]);
        let entry = |width, height| Entry { width, height, notes: Notes::default(), files: Vec::new() };
        assert_eq!(fallback_size(&entry(1000, 20000), &s, Kind::Jpeg), (1000, 20000));
        assert_eq!(fallback_size(&entry(1000, 20000), &s, Kind::Webp), (819, 16380));
        assert_eq!(fallback_size(&entry(1000, 80000), &s, Kind::Jpeg), (819, 65520));
        assert_eq!(fallback_size(&entry(20000, 1000), &s, Kind::Webp), (1200, 60));
    }

    #[test]
    fn a_panic_in_a_codec_is_a_problem_of_its_photo() {
        let r: Result<(), Message> = guarded(|| panic!("VP8_ENC_ERROR_BAD_DIMENSION"));
        let m = r.expect_err("a problem");
        assert_eq!(m.id(), "photo-crashed");
        assert_eq!(m.text_of("photo-crashed", "reason"), Some("VP8_ENC_ERROR_BAD_DIMENSION"));
        assert_eq!(guarded(|| Ok::<_, Message>(3)), Ok(3));
    }

    #[test]
    fn the_end_of_a_file_is_found_from_its_structure() {
        // SOI, a segment holding an end marker of its own (an EXIF thumbnail), a scan with a
        // stuffed byte and a restart marker, EOI.
        let jpeg = [
            &[0xff, 0xd8][..],
            &[0xff, 0xe1, 0, 6, 0xff, 0xd9, 0, 0],
            &[0xff, 0xda, 0, 4, 1, 2],
            &[7, 0xff, 0x00, 9, 0xff, 0xd0, 3],
            &[0xff, 0xd9],
        ]
        .concat();
        assert!(jpeg_reaches_end(&jpeg));
        // Trailing bytes after EOI (some cameras) are fine.
        assert!(jpeg_reaches_end(&[&jpeg[..], b"trailer"].concat()));
        for cut in 2..jpeg.len() {
            assert!(!jpeg_reaches_end(&jpeg[..cut]), "cut at {cut}");
        }
        let png = [PNG_SIGNATURE, b"\0\0\0\x02IHDRab1234", b"\0\0\0\0IEND\xae\x42\x60\x82"].concat();
        assert_eq!(ending(image::ImageFormat::Png, &png), Ending::Whole);
        assert_eq!(ending(image::ImageFormat::Png, &png[..png.len() - 12]), Ending::NoEndMarker { whole: 22 });
        assert_eq!(ending(image::ImageFormat::Png, &png[..png.len() - 14]), Ending::CutShort);
        // With pixels: the end marker cut anywhere leaves them whole; cut within them, not.
        let png =
            [PNG_SIGNATURE, b"\0\0\0\x02IHDRab1234", b"\0\0\0\x02IDATcd1234", b"\0\0\0\0IEND\xae\x42\x60\x82"].concat();
        for cut in 1..=12 {
            assert_eq!(ending(image::ImageFormat::Png, &png[..png.len() - cut]), Ending::NoEndMarker { whole: 36 });
        }
        for cut in 13..=14 {
            assert_eq!(ending(image::ImageFormat::Png, &png[..png.len() - cut]), Ending::CutShort, "{cut}");
        }
        let webp = [b"RIFF", &8u32.to_le_bytes()[..], b"WEBPVP8 "].concat();
        assert_eq!(ending(image::ImageFormat::WebP, &webp), Ending::Whole);
        assert_eq!(ending(image::ImageFormat::WebP, &webp[..14]), Ending::CutShort);
    }

    #[test]
    fn an_animated_png_is_told_from_a_still_one_and_loses_its_text_chunks() {
        let chunk =
            |kind: &[u8], data: &[u8]| [&(data.len() as u32).to_be_bytes()[..], kind, data, &[0, 0, 0, 0]].concat();
        let head = [PNG_SIGNATURE, &chunk(b"IHDR", &[0; 13])].concat();
        let tail = [chunk(b"IDAT", b"pixels"), chunk(b"IEND", b"")].concat();
        let apng =
            [&head[..], &chunk(b"acTL", &[0, 0, 0, 2, 0, 0, 0, 0]), &chunk(b"tEXt", b"GPS 21 N"), &tail].concat();
        let still = [&head[..], &tail].concat();
        assert!(is_animated(image::ImageFormat::Png, &apng));
        assert!(!is_animated(image::ImageFormat::Png, &still));
        let published = without_metadata(image::ImageFormat::Png, &apng);
        assert!(!published.windows(3).any(|w| w == b"GPS"));
        assert!(is_animated(image::ImageFormat::Png, &published));
        assert_eq!(published.len(), apng.len() - 12 - 8);
    }

    #[test]
    fn srcset_addresses_have_no_spaces_or_commas() {
        assert_eq!(srcset_url("tin/ảnh hội nghị-480w.webp"), "tin/ảnh%20hội%20nghị-480w.webp");
        assert_eq!(srcset_url("tin/a,b-480w.webp"), "tin/a%2Cb-480w.webp");
        assert_eq!(srcset_url("../../tin/anh.webp"), "../../tin/anh.webp");
    }

    #[test]
    fn an_entry_reads_back_as_it_was_written() {
        let entry = Entry {
            width: 1000,
            height: 750,
            notes: Notes { animated: true, no_end: true },
            files: vec![("own.jpg".into(), 12, 0xabc), ("480.webp".into(), 7, u128::MAX)],
        };
        assert_eq!(parse_entry(&entry_text(&entry)), Some(entry));
        assert_eq!(parse_entry("1000x750\n"), None, "an older cache's size file");
    }
}
