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

use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::error::Problem;
use crate::messages::Message;
use crate::msg;

/// Bumped whenever what a setting of the same values produces changes: older cache entries
/// are then made again.
const VERSION: u32 = 4;

/// The cache folder, in the site's folder (git-ignored).
pub(crate) const CACHE_DIR: &str = ".bantin-cache/photos";

/// How photos are published (`images:` of `site.yaml`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Settings {
    /// The widths of the WebP variants, ascending; each photo gets those narrower than itself,
    /// and one at its own width when that is below the largest.
    pub(crate) widths: Vec<u32>,
    /// The width of the JPEG (or PNG) published at the photo's own path, for browsers without
    /// WebP, feeds and sharing (Facebook and Zalo ask for 1200).
    pub(crate) fallback_width: u32,
    /// Encoder quality, 1–100.
    pub(crate) quality: u8,
    /// The largest photo read, in pixels: above it a file is refused (a decompression bomb, or
    /// a panorama nobody needs on a news page).
    pub(crate) max_pixels: u64,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { widths: vec![480, 800, 1200, 1600], fallback_width: 1200, quality: 80, max_pixels: 60_000_000 }
    }
}

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
    /// The `srcset` of its WebP variants, with `prefix` before each path (`../../`).
    pub(crate) fn srcset(&self, prefix: &str) -> String {
        let items: Vec<String> = self.variants.iter().map(|(w, _, p)| format!("{prefix}{p} {w}w")).collect();
        items.join(", ")
    }
}

/// The photos of a site: what each gives the pages, and the files to publish.
#[derive(Debug, Default, Clone)]
pub(crate) struct Photos {
    /// By the photo's path on the site (`tin-tuc/anh.jpg`).
    pub(crate) by_path: FxHashMap<String, Photo>,
    /// Output file → cache file, for every file made of photos (the photo's own path and its
    /// variants).
    pub(crate) files: Vec<(String, PathBuf)>,
    /// Photos decoded this run (0 when every one came from the cache).
    pub(crate) processed: usize,
    /// Photos published as they are, since bantin cannot read them.
    pub(crate) warnings: Vec<Problem>,
    /// Photos bantin could not make sizes of (damaged, too large, HEIC), by path on the site:
    /// reported where a page shows them, and at their file when no page does.
    pub(crate) broken: FxHashMap<String, Broken>,
}

/// What is wrong with a photo, to be said where it is used.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Broken {
    /// The photo's file as shown in messages (`content/tin/anh.jpg`).
    pub(crate) shown: PathBuf,
    pub(crate) message: Message,
    pub(crate) hint: Message,
}

impl Broken {
    /// Whether `message` is this kind of problem said where the photo `shown` is used.
    pub(crate) fn said_in(message: &Message, shown: &str) -> bool {
        message.text_of("photo-used-broken", "file") == Some(shown)
    }
}

impl Photos {
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

/// The widths a photo `width` pixels wide is published at, as WebP.
fn variant_widths(width: u32, settings: &Settings) -> Vec<u32> {
    let largest = settings.widths.iter().copied().max().unwrap_or(width);
    let mut widths: Vec<u32> = settings.widths.iter().copied().filter(|&w| w < width).collect();
    if width <= largest {
        widths.push(width);
    }
    widths.sort_unstable();
    widths.dedup();
    widths
}

fn height_at(width: u32, height: u32, at: u32) -> u32 {
    ((u64::from(height) * u64::from(at) + u64::from(width) / 2) / u64::from(width.max(1))).max(1) as u32
}

/// A photo's size as shown, its cache folder and whether it was decoded this time; or why not.
type Prepared = Result<(Entry, PathBuf, bool), Broken>;

/// What the cache knows of a photo: its size as shown.
#[derive(Debug, Clone, Copy)]
struct Entry {
    width: u32,
    height: u32,
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

/// The files of `content/` and `static/` that may be photos: every published file is made of
/// pixels alone, wherever the editor put it.
pub(crate) fn candidates(root: &Path, assets: &[crate::discover::SourceFile]) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = assets
        .iter()
        .map(|a| Candidate { output: a.path.as_str().to_string(), disk: a.disk.clone(), shown: a.path.display() })
        .collect();
    let static_dir = root.join("static");
    if static_dir.is_dir() {
        // Problems of the folder (links outside the site…) are reported where it is copied.
        let (entries, _) = crate::discover::walk(root, &static_dir);
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
    let assets = candidates;
    let cache = root.join(CACHE_DIR);
    let settings_key = {
        use std::hash::{Hash, Hasher};
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        (VERSION, settings).hash(&mut h);
        h.finish()
    };
    let photos: Vec<&Candidate> = assets.iter().filter(|a| kind_of(&a.output).is_some()).collect();
    // The cache folder of each photo as it was last seen (its size and time of change): a
    // build where nothing changed reads no photo at all.
    let index = read_index(&cache);
    let results: Vec<(String, u64, Prepared)> = photos
        .par_iter()
        .map(|a| {
            let path = a.output.clone();
            let stamp = stamp(&a.disk, settings_key);
            let own = fallback_name(kind_of(&a.output).expect("only photos are prepared"));
            let known = index
                .get(&stamp)
                .map(|name| cache.join(name))
                .filter(|f| f.join(own).is_file())
                .and_then(|f| cached(&f).map(|e| (e, f)));
            let result = match known {
                Some((entry, folder)) => Ok((entry, folder, false)),
                None => one(&a.disk, &cache, settings_key, settings).map_err(|message| {
                    let hint = match message.id() {
                        "photo-cannot-write" => msg!("photo-cache-hint"),
                        _ => msg!("photo-hint"),
                    };
                    Broken { shown: a.shown.clone(), message, hint }
                }),
            };
            (path, stamp, result)
        })
        .collect();
    let mut new_index: Vec<(u64, String)> = Vec::new();
    let mut out = Photos::default();
    // iPhones save HEIC, which most browsers cannot show: it must not be published as it is.
    for a in assets.iter().filter(|a| is_unshowable(&a.output)) {
        let broken = Broken { shown: a.shown.clone(), message: msg!("photo-heic"), hint: msg!("photo-heic-hint") };
        out.broken.insert(a.output.clone(), broken);
    }
    let outputs: FxHashSet<&str> = assets.iter().map(|a| a.output.as_str()).collect();
    let mut stems: FxHashMap<&str, usize> = FxHashMap::default();
    for a in &photos {
        *stems.entry(a.output.rsplit_once('.').map_or(a.output.as_str(), |(s, _)| s)).or_default() += 1;
    }
    let mut used: FxHashSet<PathBuf> = FxHashSet::default();
    for (path, stamp, result) in results {
        match result {
            Ok((entry, folder, processed)) => {
                if let Some(name) = folder.file_name().and_then(|n| n.to_str()) {
                    new_index.push((stamp, name.to_string()));
                }
                out.processed += usize::from(processed);
                let kind = kind_of(&path).expect("only photos were prepared");
                let widths = variant_widths(entry.width, settings);
                // A file of the site already named like a size (`anh-1200w.webp`, made by another
                // tool) is the site's: that size is left out.
                let variants = widths
                    .iter()
                    .map(|&w| (w, height_at(entry.width, entry.height, w), variant_path(&sizes_name(&path, &stems), w)))
                    .filter(|(_, _, p)| !outputs.contains(p.as_str()))
                    .collect::<Vec<_>>();
                for (w, _, p) in &variants {
                    out.files.push((p.clone(), folder.join(format!("{w}.webp"))));
                }
                let (fw, fh) = fallback_size(entry, settings);
                let own = folder.join(fallback_name(kind));
                let bytes = std::fs::metadata(&own).map_or(0, |m| m.len());
                let media_type = match kind {
                    Kind::Png => "image/png",
                    Kind::Jpeg => "image/jpeg",
                    Kind::Webp => "image/webp",
                };
                out.files.push((path.clone(), own));
                used.insert(folder.clone());
                out.by_path.insert(
                    path,
                    Photo { width: fw, height: fh, variants, bytes, media_type, folder, crops: Vec::new() },
                );
            }
            // A format bantin cannot read (AVIF under a `.webp` name): as it is, and said.
            Err(b) if b.message.id() == "photo-unsupported" => {
                out.warnings.push(Problem::file(&b.shown, b.message).hint(msg!("photo-unsupported-hint")));
            }
            Err(b) => {
                out.broken.insert(path, b);
            }
        }
    }
    prune(&cache, &used);
    write_index(&cache, &new_index);
    out
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

fn read_index(cache: &Path) -> FxHashMap<u64, String> {
    let text = std::fs::read_to_string(cache.join(INDEX)).unwrap_or_default();
    text.lines()
        .filter_map(|l| {
            let (stamp, name) = l.split_once(' ')?;
            Some((u64::from_str_radix(stamp, 16).ok()?, name.to_string()))
        })
        .collect()
}

fn write_index(cache: &Path, entries: &[(u64, String)]) {
    let mut text = String::new();
    for (stamp, name) in entries {
        text.push_str(&format!("{stamp:016x} {name}\n"));
    }
    if std::fs::create_dir_all(cache).is_ok() {
        let part = cache.join(format!("{INDEX}.{}", std::process::id()));
        if std::fs::write(&part, text).is_ok() {
            let _ = std::fs::rename(&part, cache.join(INDEX));
        }
    }
}

fn fallback_size(entry: Entry, settings: &Settings) -> (u32, u32) {
    let w = entry.width.min(settings.fallback_width);
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
fn one(disk: &Path, cache: &Path, settings_key: u64, settings: &Settings) -> Result<(Entry, PathBuf, bool), Message> {
    let bytes = read(disk)?;
    // The same bytes under a `.jpg` and a `.png` name make different files at their names.
    let kind = kind_of(&disk.to_string_lossy()).expect("only photos are prepared");
    let digest = xxhash_rust::xxh3::xxh3_128(&bytes) ^ u128::from(settings_key) ^ ((kind as u128) << 64);
    let folder = cache.join(format!("{digest:032x}"));
    if let Some(entry) = cached(&folder) {
        return Ok((entry, folder, false));
    }
    let entry = make(bytes, kind, &folder, settings)?;
    Ok((entry, folder, true))
}

fn read(disk: &Path) -> Result<Vec<u8>, Message> {
    let mut bytes = Vec::new();
    std::fs::File::open(disk)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .map_err(|e| msg!("photo-cannot-read", reason = e.to_string()))?;
    Ok(bytes)
}

/// The size recorded in a complete cache folder (`size` is written last).
fn cached(folder: &Path) -> Option<Entry> {
    let text = std::fs::read_to_string(folder.join("size")).ok()?;
    let (w, h) = text.trim().split_once('x')?;
    Some(Entry { width: w.parse().ok()?, height: h.parse().ok()? })
}

/// Decodes, turns upright, and writes every output of a photo into `folder`.
///
/// Memory is what bounds a build of many photos: the full-size pixels (36 MB for a 12-MP
/// photo) live only until the largest size is made from them. Turning upright and converting
/// colours to sRGB are done on the sizes, which are a few megabytes.
fn make(bytes: Vec<u8>, kind: Kind, folder: &Path, settings: &Settings) -> Result<Entry, Message> {
    use image::ImageDecoder;
    let named = match kind {
        Kind::Jpeg => image::ImageFormat::Jpeg,
        Kind::Png => image::ImageFormat::Png,
        Kind::Webp => image::ImageFormat::WebP,
    };
    // What the bytes are, not what the name says: real sites have JPEGs named `.webp` or
    // `.png`, which browsers show anyway. What is published at the name is of its type.
    let format = image::guess_format(&bytes).unwrap_or(named);
    let (w, h) = image::ImageReader::with_format(std::io::Cursor::new(&bytes), format)
        .into_dimensions()
        .map_err(|e| decode_error(&e))?;
    if u64::from(w) * u64::from(h) > settings.max_pixels {
        return Err(msg!("photo-too-large", width = w, height = h, max = settings.max_pixels / 1_000_000));
    }
    let (img, orientation, icc) = {
        let mut reader = image::ImageReader::with_format(std::io::Cursor::new(&bytes), format);
        let mut limits = image::Limits::default();
        // A decompression bomb is refused before its pixels are allocated.
        limits.max_alloc = Some(settings.max_pixels.saturating_mul(4));
        reader.limits(limits);
        let mut decoder = reader.into_decoder().map_err(|e| decode_error(&e))?;
        let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
        let icc = decoder.icc_profile().ok().flatten();
        let img = image::DynamicImage::from_decoder(decoder).map_err(|e| decode_error(&e))?;
        (img, orientation, icc)
    };
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
    let entry = if turned { Entry { width: h, height: w } } else { Entry { width: w, height: h } };
    // Two files with the same bytes share a folder: each is made in a work folder of its own.
    static WORK: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = WORK.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let work = folder.with_extension(format!("part-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&work).map_err(|e| msg!("photo-cannot-write", reason = e.to_string()))?;
    let write = |name: &str, data: &[u8]| {
        std::fs::write(work.join(name), data).map_err(|e| msg!("photo-cannot-write", reason = e.to_string()))
    };
    // The widths needed, largest first (all at most the photo's own, upright).
    let variants = variant_widths(entry.width, settings);
    let mut targets: Vec<u32> = variants.clone();
    targets.push(settings.fallback_width.min(entry.width));
    targets.sort_unstable_by(|a, b| b.cmp(a));
    targets.dedup();
    // Each size from the next larger one (1600 from the photo, 1200 from 1600…): one resize of
    // the whole photo, after which its pixels are let go.
    let mut resizer = fast_image_resize::Resizer::new();
    let options = fast_image_resize::ResizeOptions::new()
        .resize_alg(fast_image_resize::ResizeAlg::Convolution(fast_image_resize::FilterType::Lanczos3));
    let mut sizes: Vec<(u32, image::DynamicImage)> = Vec::with_capacity(targets.len());
    let mut full = Some(img);
    for &target in &targets {
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
        let v = at_width(w);
        let encoded = match v {
            image::DynamicImage::ImageRgba8(p) => webp::Encoder::from_rgba(p.as_raw(), v.width(), v.height()),
            other => webp::Encoder::from_rgb(other.as_bytes(), v.width(), v.height()),
        }
        .encode(f32::from(settings.quality));
        write(&format!("{w}.webp"), &encoded)?;
    }
    let own = at_width(settings.fallback_width.min(entry.width));
    let mut encoded = Vec::new();
    match kind {
        Kind::Png => own
            .write_to(&mut std::io::Cursor::new(&mut encoded), image::ImageFormat::Png)
            .map_err(|e| msg!("photo-cannot-write", reason = e.to_string()))?,
        Kind::Webp => {
            encoded = match own {
                image::DynamicImage::ImageRgba8(p) => webp::Encoder::from_rgba(p.as_raw(), own.width(), own.height()),
                other => webp::Encoder::from_rgb(other.as_bytes(), own.width(), own.height()),
            }
            .encode(f32::from(settings.quality))
            .to_vec();
        }
        Kind::Jpeg => {
            let rgb = match own {
                image::DynamicImage::ImageRgb8(_) => std::borrow::Cow::Borrowed(own),
                other => std::borrow::Cow::Owned(image::DynamicImage::ImageRgb8(other.to_rgb8())),
            };
            let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut encoded, settings.quality.max(80));
            rgb.write_with_encoder(encoder).map_err(|e| msg!("photo-cannot-write", reason = e.to_string()))?;
        }
    }
    write(fallback_name(kind), &encoded)?;
    write("size", format!("{}x{}\n", entry.width, entry.height).as_bytes())?;
    // Whole or not at all: the folder appears complete, or the next build makes it again.
    if cached(folder).is_some() {
        let _ = std::fs::remove_dir_all(&work);
        return Ok(entry);
    }
    let _ = std::fs::remove_dir_all(folder);
    if let Err(e) = std::fs::rename(&work, folder) {
        let _ = std::fs::remove_dir_all(&work);
        if cached(folder).is_none() {
            return Err(msg!("photo-cannot-write", reason = e.to_string()));
        }
    }
    Ok(entry)
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
    /// A photo's path, its shapes, and the files they are (output path, cache file).
    type Cut = (String, Vec<(u32, u32, String)>, Vec<(String, PathBuf)>);
    let cuts: Vec<Cut> = paths
        .par_iter()
        .filter_map(|path| {
            let photo = photos.by_path.get(path)?;
            let own = photos.files.iter().find(|(f, _)| f == path).map(|(_, c)| c.clone())?;
            let mut crops = Vec::new();
            let mut files = Vec::new();
            let mut source: Option<image::DynamicImage> = None;
            let (w, h) = (photo.width, photo.height);
            for (name, a, b) in SHAPES {
                // Within 2 % of the shape: the photo itself.
                if (u64::from(w) * u64::from(b)).abs_diff(u64::from(h) * u64::from(a)) * 50
                    <= u64::from(h) * u64::from(a)
                {
                    crops.push((w, h, path.clone()));
                    continue;
                }
                let (cw, ch) = if u64::from(w) * u64::from(b) > u64::from(h) * u64::from(a) {
                    ((u64::from(h) * u64::from(a) / u64::from(b)) as u32, h)
                } else {
                    (w, (u64::from(w) * u64::from(b) / u64::from(a)) as u32)
                };
                let out = format!("{}-{name}.jpg", path.rsplit_once('.').map_or(path.as_str(), |(s, _)| s));
                if u64::from(cw) * u64::from(ch) < SHAPE_MIN_PIXELS || taken.contains(&out) {
                    continue;
                }
                let file = photo.folder.join(format!("shape-{name}.jpg"));
                if !file.is_file() {
                    if source.is_none() {
                        source = image::open(&own).ok();
                    }
                    let Some(img) = &source else { break };
                    // Centred across; from 30 % of what is cut off above, down.
                    let x = (img.width().saturating_sub(cw)) / 2;
                    let y = (img.height().saturating_sub(ch)) * 3 / 10;
                    let piece = img.crop_imm(x, y, cw.min(img.width()), ch.min(img.height())).into_rgb8();
                    let mut encoded = Vec::new();
                    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut encoded, quality.max(80));
                    if piece.write_with_encoder(encoder).is_err() {
                        continue;
                    }
                    // Whole or not at all: written aside, then renamed.
                    let part = file.with_extension(format!("part-{}", std::process::id()));
                    if std::fs::write(&part, &encoded).is_err() || std::fs::rename(&part, &file).is_err() {
                        let _ = std::fs::remove_file(&part);
                        continue;
                    }
                }
                crops.push((cw, ch, out.clone()));
                files.push((out, file));
            }
            Some((path.clone(), crops, files))
        })
        .collect();
    for (path, crops, files) in cuts {
        if let Some(photo) = photos.by_path.get_mut(&path) {
            photo.crops = crops;
        }
        photos.files.extend(files);
    }
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

fn decode_error(e: &image::ImageError) -> Message {
    // The decoder's words, on one line.
    let reason = e.to_string().split_whitespace().collect::<Vec<_>>().join(" ");
    match e {
        image::ImageError::Limits(_) => msg!("photo-too-large-alloc"),
        image::ImageError::Unsupported(_) => msg!("photo-unsupported", reason = reason),
        _ => msg!("photo-broken", reason = reason),
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
        assert_eq!(variant_widths(4000, &s), [480, 800, 1200, 1600]);
        assert_eq!(variant_widths(1000, &s), [480, 800, 1000]);
        assert_eq!(variant_widths(300, &s), [300]);
        assert_eq!(height_at(4000, 3000, 800), 600);
        assert_eq!(variant_path("tin/anh.jpg", 800), "tin/anh-800w.webp");
        let stems = FxHashMap::from_iter([("tin/anh", 2), ("tin/b", 1)]);
        assert_eq!(variant_path(&sizes_name("tin/anh.png", &stems), 800), "tin/anh-png-800w.webp");
        assert_eq!(variant_path(&sizes_name("tin/b.jpg", &stems), 800), "tin/b-800w.webp");
    }
}
