//! The one place that knows the order of the stages: load → model → render → write.
//!
//! A [`Session`] runs them and keeps what the next run can reuse: parsed documents, rendered
//! Markdown bodies, the theme, and for every output file the fingerprint of its template
//! context and the digest of its bytes. `bantin build` runs a session once; `bantin serve`
//! and `bantin watch` keep one and call [`Session::rebuild`] with the paths that changed.
//!
//! A rebuild re-reads only the changed files, re-renders only the Markdown whose text or
//! links changed, renders only the routes whose context fingerprint changed, and hands the
//! sink only the files whose bytes changed; everything else is `keep`.

pub(crate) mod assets;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use xxhash_rust::xxh3::xxh3_64;

use crate::base::error::{Error, Problem};
use crate::base::messages::Message;
use crate::base::paths::SourcePath;
use crate::config::{self, Config};
use crate::content::discover;
use crate::content::{self, Document};
use crate::msg;
use crate::output::{self, Nowhere, OutputChoice, Sink, Staging};
use crate::render::{self, Renderer, Theme, Views};
use crate::site::{self, BodyCache, PageId, RouteKind, Selection, Site};
use assets::FileCopy;

/// What to build, and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site folder (holds `content/`, maybe `site.yaml`, `themes/`, `static/`).
    pub(crate) root: PathBuf,
    /// The output folder; `None` for `<root>/output`.
    pub output: Option<PathBuf>,
    /// Drafts and future articles in or out.
    pub selection: Selection,
    /// Replaces `base_url` of `site.yaml`.
    pub base_url: Option<String>,
}

impl Options {
    /// Options for the site at `root`, everything else default.
    pub fn new(root: impl Into<PathBuf>) -> Options {
        Options { root: root.into(), output: None, selection: Selection::default(), base_url: None }
    }

    /// The output folder and how it was chosen.
    pub(crate) fn output_dir(&self) -> (PathBuf, OutputChoice) {
        match &self.output {
            Some(p) => (p.clone(), OutputChoice::Explicit),
            None => (self.root.join("output"), OutputChoice::Default),
        }
    }
}

/// What a build or rebuild did.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Published articles.
    pub articles: usize,
    /// Published standalone pages.
    pub pages: usize,
    /// Files of the site (rendered and copied).
    pub files: usize,
    /// Routes rendered this time (the others' contexts had not changed).
    pub rendered: usize,
    /// Output files whose bytes changed (written or copied).
    pub written: Vec<String>,
    /// Output files that are gone.
    pub(crate) removed: Vec<String>,
    /// Wall time.
    pub elapsed: Duration,
    /// Where the site went (None for `check` and previews).
    pub output: Option<PathBuf>,
    /// What did not stop the build but deserves a look.
    pub warnings: Vec<Problem>,
    /// Drafts and future articles left out.
    pub left_out: site::LeftOut,
    /// The site's language (its translations into others are left out).
    pub language: crate::base::messages::Lang,
    /// Front matter keys that bantin does not read and no template of the theme mentions,
    /// with how many files have each.
    pub unread_keys: Vec<(String, usize)>,
    /// Photos decoded and resized this run (the others came from the cache).
    pub photos_processed: usize,
    /// How long each stage took.
    pub timings: Vec<(Message, Duration)>,
}

impl Report {
    /// Fills in what every run reports of the site it made, `files` files in all.
    fn finish(&mut self, site: &Site, files: usize, timings: Vec<(Message, Duration)>, start: Instant) {
        self.written.sort();
        self.articles = site.articles.len();
        self.pages = site.pages.len() - site.articles.len();
        self.files = files;
        self.warnings = site.warnings.clone();
        self.left_out = site.left_out.clone();
        self.language = site.config.language;
        self.timings = timings;
        self.elapsed = start.elapsed();
    }
}

/// What changed on disk since the last run.
#[derive(Debug, Clone)]
pub enum Changes {
    /// Everything may have changed (the first run, or a change bantin cannot place).
    Everything,
    /// These paths, relative to the site root or absolute.
    Paths(Vec<PathBuf>),
}

impl Changes {
    /// These paths.
    pub fn paths(paths: impl IntoIterator<Item = PathBuf>) -> Changes {
        Changes::Paths(paths.into_iter().collect())
    }

    /// The paths that changed (none for `Everything`).
    pub(crate) fn listed(&self) -> &[PathBuf] {
        match self {
            Changes::Everything => &[],
            Changes::Paths(p) => p,
        }
    }
}

/// What one changed path touches, as far as the plan of a rebuild is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Touched {
    /// `site.yaml`.
    Config,
    /// A file of `themes/`.
    Theme,
    /// A Markdown file that the last scan of `content/` found, and that is still there.
    KnownDocument,
    /// An asset that the last scan found, and that is still there.
    KnownAsset,
    /// Anything else in `content/`: a file or folder new, gone or renamed.
    ContentTree,
    /// Anywhere else (`static/`).
    Elsewhere,
}

/// What a session holds from its last run, as far as planning is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Have {
    pub(crate) config: bool,
    pub(crate) theme: bool,
    pub(crate) scan: bool,
    /// A last good site.
    pub(crate) site: bool,
    /// The last run succeeded (after a failure, documents may be newer than the last site).
    pub(crate) clean: bool,
}

/// What a rebuild does again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Plan {
    /// Read `site.yaml` (and then every document: the time zone reads dates).
    pub(crate) config: bool,
    /// Load the theme and its templates.
    pub(crate) theme: bool,
    /// Walk `content/` again (files may have appeared or gone).
    pub(crate) scan: bool,
    /// If the changed documents' front matter is as it was, patch the last site's bodies
    /// instead of modelling the site again.
    pub(crate) may_patch: bool,
}

/// The plan of a rebuild: a pure function of what changed (`None`: everything) and of what
/// the session has, so that each case can be tested by itself.
pub(crate) fn plan(changes: Option<&[Touched]>, have: Have) -> Plan {
    let any = |t: Touched| changes.is_none_or(|c| c.contains(&t));
    let config = !have.config || any(Touched::Config);
    let theme = config || !have.theme || any(Touched::Theme);
    let scan = !have.scan || any(Touched::ContentTree);
    let only_documents = changes.is_some_and(|c| c.iter().all(|&t| t == Touched::KnownDocument));
    let may_patch = have.clean && have.site && !theme && !scan && only_documents;
    Plan { config, theme, scan, may_patch }
}

/// A file of the last successful run: the fingerprint of what made it, the digest of its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Made {
    /// For rendered files, the route's context fingerprint; for copies, the source's stamp.
    fingerprint: u64,
    digest: u64,
    /// Its length in bytes.
    size: u64,
}

/// When a session makes the search index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Indexing {
    /// In each rebuild, with the pages (build, watch).
    WithThePages,
    /// Afterwards, with [`Session::index`], so the pages of a rebuild are written first (serve).
    Later,
}

/// What a run does with the search index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IndexStep {
    /// The site has no search.
    Off,
    /// What it indexes is as it was: the files stay.
    Keep,
    /// Make it now, with the pages.
    Write,
    /// Make it after the pages ([`Session::index`]); the files stay until then.
    Later,
}

/// What a session keeps between runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keep {
    /// Everything a rebuild can reuse (serve, watch).
    ForRebuilds,
    /// Nothing: the session runs once (`bantin build`), and frees documents early.
    Nothing,
}

/// The last good site, as a rebuild left it.
pub(crate) struct Current {
    pub(crate) site: Site,
    pub(crate) views: Views,
}

/// The stages, and what one run leaves for the next.
pub struct Session {
    options: Options,
    config: Option<Config>,
    theme: Option<(Theme, Renderer)>,
    documents: FxHashMap<SourcePath, Result<Document, Vec<Problem>>>,
    bodies: BodyCache,
    /// What the last successful run made, replaced whole when a run succeeds.
    last: Built,
    /// When the search index is made.
    indexing: Indexing,
    /// Whether the index is older than the site (with `Indexing::Later`).
    index_pending: bool,
    /// Whether to keep parsed documents and bodies for the next rebuild (a one-shot build
    /// frees them as soon as it can).
    keeps: Keep,
    /// Whether the last run failed, leaving documents newer than the last site.
    dirty: bool,
}

/// What a successful run made, for the next run to compare with and reuse. A run builds a new
/// one and puts it in place of the old only when it succeeds; a failed run leaves it as it was.
#[derive(Default)]
struct Built {
    /// Every output file, with what made it.
    made: FxHashMap<String, Made>,
    /// The scan of `content/`, reused while changes only modify files it knows.
    sources: Option<std::sync::Arc<discover::Sources>>,
    /// What the search index was made from.
    search_digest: Option<u64>,
    /// The site and its views (kept by sessions that rebuild).
    current: Option<Current>,
}

/// What a caught panic said, shortened for a message.
fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    let said = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    said.chars().take(300).collect()
}

impl Session {
    /// A session for a site; nothing is read until the first [`Session::rebuild`].
    pub fn new(mut options: Options) -> Session {
        if let Ok(abs) = std::path::absolute(&options.root) {
            options.root = abs;
        }
        Session {
            options,
            config: None,
            theme: None,
            documents: FxHashMap::default(),
            bodies: BodyCache::default(),
            last: Built::default(),
            indexing: Indexing::WithThePages,
            index_pending: false,
            keeps: Keep::ForRebuilds,
            dirty: false,
        }
    }

    /// Chooses what the session keeps between runs.
    pub(crate) fn keeping(mut self, keeps: Keep) -> Session {
        self.keeps = keeps;
        self
    }

    /// Chooses when the search index is made.
    pub fn indexing(mut self, indexing: Indexing) -> Session {
        self.indexing = indexing;
        self
    }

    /// Makes the search index if the last rebuild left it older than the site (with
    /// `Indexing::Later`); returns the files written, if it did.
    /// A panic while indexing is caught as [`Error::Bug`], as in [`Session::rebuild`]; the index
    /// stays pending.
    pub fn index(&mut self, sink: &dyn Sink) -> Result<Option<Vec<String>>, Error> {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.write_search_index(sink)))
            .unwrap_or_else(|payload| Err(Error::Bug(panic_text(payload.as_ref()))))
    }

    fn write_search_index(&mut self, sink: &dyn Sink) -> Result<Option<Vec<String>>, Error> {
        let Some(current) = &self.last.current else { return Ok(None) };
        if !self.index_pending || !current.site.config.search {
            return Ok(None);
        }
        let mut made = self.last.made.clone();
        let mut written = Vec::new();
        let dir = index_dir(&current.site);
        // Everything else stays as it is (a staging folder needs to be told).
        for file in self.last.made.keys().filter(|f| !f.starts_with(&dir)) {
            sink.keep(file)?;
        }
        write_index(&current.site, &self.last.made, &mut made, &mut written, sink)?;
        let gone: Vec<String> =
            self.last.made.keys().filter(|f| f.starts_with(&dir) && !made.contains_key(*f)).cloned().collect();
        for f in gone {
            sink.remove(&f)?;
            made.remove(&f);
        }
        self.last.search_digest = Some(crate::search::digest(&current.site));
        self.index_pending = false;
        self.last.made = made;
        Ok(Some(written))
    }

    /// Remembers the files of an existing output folder (from its manifest), instead of what
    /// the session made before, so that unchanged ones are kept rather than written again.
    /// A file that is gone or whose size changed since (someone deleted or edited it) is
    /// forgotten, so it is made again.
    pub(crate) fn remember_output(&mut self, dir: &Path) {
        let manifest = output::read_manifest(dir);
        let files: Vec<(String, (u64, u64, u64))> = manifest.files.into_iter().collect();
        let present: Vec<(String, Made)> = files
            .into_par_iter()
            .filter(|(path, (.., size))| {
                std::fs::metadata(dir.join(path)).is_ok_and(|m| m.is_file() && m.len() == *size)
            })
            .map(|(path, (digest, fingerprint, size))| (path, Made { fingerprint, digest, size }))
            .collect();
        self.last.made = present.into_iter().collect();
        self.last.search_digest = manifest.search;
    }

    /// What a changed path touches, by where it is and what the last scan knew of it.
    fn touched(&self, path: &Path) -> Touched {
        let rel = path.strip_prefix(&self.options.root).unwrap_or(path);
        if rel.file_name().is_some_and(|n| n == config::CONFIG_FILE) {
            return Touched::Config;
        }
        // The site's own shortcodes are templates too: loaded with the theme.
        if rel.starts_with("themes") || rel.starts_with("shortcodes") {
            return Touched::Theme;
        }
        if !rel.starts_with(discover::CONTENT_DIR) {
            return Touched::Elsewhere;
        }
        let content_dir = self.options.root.join(discover::CONTENT_DIR);
        let known = self.last.sources.as_ref();
        match known {
            Some(k) if k.document_at(&content_dir, path).is_some() && path.is_file() => Touched::KnownDocument,
            Some(k) if k.asset_at(&content_dir, path).is_some() && path.is_file() => Touched::KnownAsset,
            _ => Touched::ContentTree,
        }
    }

    /// Runs the stages for `changes`, handing every file of the site to `sink`. On failure the
    /// session keeps the last good state, and the sink has been given nothing to commit.
    ///
    /// A panic anywhere in the stages (a worker thread's too) is caught and said as
    /// [`Error::Bug`]; what the session held may then be half-changed, so it forgets all but
    /// what the sink holds, and the next run builds everything afresh. A preview never stops
    /// rebuilding because one rebuild failed.
    pub fn rebuild(&mut self, changes: &Changes, sink: &dyn Sink) -> Result<Report, Error> {
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.run(changes, sink)));
        run.unwrap_or_else(|payload| {
            let what = panic_text(payload.as_ref());
            let made = std::mem::take(&mut self.last.made);
            let (options, indexing, keeps) = (self.options.clone(), self.indexing, self.keeps);
            *self = Session::new(options).indexing(indexing).keeping(keeps);
            self.last.made = made;
            self.dirty = true;
            Err(Error::Bug(what))
        })
    }

    /// The stages of [`Session::rebuild`].
    fn run(&mut self, changes: &Changes, sink: &dyn Sink) -> Result<Report, Error> {
        let start = Instant::now();
        let mut timings = Vec::new();
        let mut clock = Instant::now();
        let mut lap = |name: Message, timings: &mut Vec<(Message, Duration)>| {
            timings.push((name, clock.elapsed()));
            clock = Instant::now();
        };
        // Until this run succeeds, the documents may be newer than the last good site, which
        // must then not be patched.
        let clean = !std::mem::replace(&mut self.dirty, true);
        let root = self.options.root.clone();
        let content_dir = root.join(discover::CONTENT_DIR);
        let changed: HashSet<PathBuf> =
            changes.listed().iter().map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone())).collect();
        let touched: Option<Vec<Touched>> = match changes {
            Changes::Everything => None,
            Changes::Paths(_) => Some(changed.iter().map(|p| self.touched(p)).collect()),
        };
        let have = Have {
            config: self.config.is_some(),
            theme: self.theme.is_some(),
            scan: self.last.sources.is_some(),
            site: self.last.current.is_some(),
            clean,
        };
        let plan = plan(touched.as_deref(), have);
        let (config_changed, theme_changed) = (plan.config, plan.theme);

        let mut config = match (config_changed, &self.config) {
            (false, Some(c)) => c.clone(),
            _ => {
                // Forget the old config first: while site.yaml is broken, no rebuild may use it.
                self.config = None;
                let mut c = config::load(&root)?;
                if let Some(url) = &self.options.base_url {
                    c.set_base_url(url);
                }
                c
            }
        };
        if let Some(url) = &self.options.base_url {
            config.set_base_url(url);
        }
        // Scan content/ again only when files may have appeared or gone.
        let sources = match (&self.last.sources, plan.scan) {
            (Some(known), false) => std::sync::Arc::clone(known),
            _ => std::sync::Arc::new(discover::scan(&root)?),
        };
        let rescanned = plan.scan;

        // Documents: read again only what changed (or everything, when the config did, since
        // the time zone reads dates).
        let to_read: Vec<&discover::SourceFile> = if config_changed || rescanned {
            let changed_dirs: Vec<&PathBuf> = changed.iter().filter(|p| p.is_dir()).collect();
            sources
                .documents
                .iter()
                .filter(|f| {
                    config_changed
                        || !self.documents.contains_key(&f.path)
                        || changed.contains(&f.disk)
                        || changed_dirs.iter().any(|d| f.disk.starts_with(d))
                })
                .collect()
        } else {
            changed.iter().filter_map(|p| sources.document_at(&content_dir, p)).collect()
        };
        let (fresh, theme) = rayon::join(
            || to_read.par_iter().map(|f| (f.path.clone(), content::read(f, &config))).collect::<Vec<_>>(),
            || {
                theme_changed.then(|| {
                    render::theme::load(&root, &config.theme, config.language.code())
                        .and_then(|t| Renderer::new(&t, &config).map(|r| (t, r)))
                })
            },
        );
        // How far the change reaches: when only Markdown files changed, and none of them in
        // what its front matter says, the last site can be patched instead of made again.
        let bodies_changed: Option<Vec<SourcePath>> = plan
            .may_patch
            .then(|| {
                let mut bodies = Vec::new();
                for (path, new) in &fresh {
                    match (self.documents.get(path), new) {
                        (Some(Ok(old)), Ok(new)) if old.digest == new.digest => {}
                        (Some(Ok(old)), Ok(new))
                            if old.front == new.front && old.body_line == new.body_line && old.kind == new.kind =>
                        {
                            bodies.push(path.clone());
                        }
                        _ => return None,
                    }
                }
                Some(bodies)
            })
            .flatten();
        let mut documents = std::mem::take(&mut self.documents);
        if rescanned {
            let present: HashSet<&SourcePath> = sources.documents.iter().map(|f| &f.path).collect();
            documents.retain(|path, _| present.contains(path));
        }
        documents.extend(fresh);
        if let (Some(paths), Some(current)) = (&bodies_changed, self.last.current.as_mut()) {
            let docs: Vec<&Document> =
                paths.iter().filter_map(|p| documents.get(p).and_then(|d| d.as_ref().ok())).collect();
            if let Some(pages) = current.site.patch_bodies(&docs, &mut self.bodies) {
                self.documents = documents;
                lap(msg!("build-stage-read"), &mut timings);
                return self.finish_patch(&pages, sink, start, timings);
            }
        }
        let mut problems: Vec<Problem> = Vec::new();
        let mut failed: Vec<SourcePath> = Vec::new();
        for f in &sources.documents {
            if let Some(Err(ps)) = documents.get(&f.path) {
                problems.extend(ps.iter().cloned());
                failed.push(f.path.clone());
            }
        }
        // In the order of the scan (sorted by path), which `documents` holds exactly.
        let mut parsed: Vec<&mut Document> = documents.values_mut().filter_map(|d| d.as_mut().ok()).collect();
        parsed.sort_unstable_by(|a, b| a.source.cmp(&b.source));
        if theme_changed {
            // As for the config: a broken theme must not be replaced by the last good one.
            self.theme = None;
        }
        let new_theme = match theme {
            Some(Ok(t)) => Some(t),
            Some(Err(Error::Problems(ps))) => {
                problems.extend(ps);
                None
            }
            Some(Err(e)) => {
                self.documents = documents;
                return Err(e);
            }
            None => None,
        };
        lap(msg!("build-stage-read"), &mut timings);

        // Model what parsed, even when some files did not: all problems come in one run.
        let markdown = match self.keeps {
            Keep::ForRebuilds => site::Markdown::Keep,
            Keep::Nothing => site::Markdown::Release,
        };
        // Photos before the model: pages show their sizes and variants.
        let candidates = crate::images::candidates(&root, &sources.assets);
        let mut photos = crate::images::prepare(&root, &candidates, &config.images);
        let photos_processed = photos.processed;
        let photo_warnings = std::mem::take(&mut photos.warnings);
        let photos = std::sync::Arc::new(photos);
        let shortcodes: Option<std::sync::Arc<dyn crate::markdown::Templates>> = match (&new_theme, &self.theme) {
            (Some((_, r)), _) | (None, Some((_, r))) if !theme_changed || new_theme.is_some() => {
                Some(std::sync::Arc::clone(&r.shortcodes) as std::sync::Arc<dyn crate::markdown::Templates>)
            }
            _ => None,
        };
        let site = site::assemble(
            config.clone(),
            &mut parsed,
            site::Found { sources: &sources, photos: std::sync::Arc::clone(&photos), failed: &failed, shortcodes },
            // Each rebuild of a long `serve` counts from its own time: an article dated for
            // 8:00 appears, a notice past its `expires:` leaves the lists.
            site::Selection { now: jiff::Timestamp::now(), ..self.options.selection },
            &mut self.bodies,
            markdown,
        );
        drop(parsed);
        if self.keeps == Keep::ForRebuilds {
            self.documents = documents;
        } else {
            drop(documents);
            self.bodies = BodyCache::default();
        }
        let site = match site {
            Ok(site) => Some(site),
            Err(ps) => {
                problems.extend(ps);
                None
            }
        };
        problems.extend(assets::scripts_in_files(&sources.assets, config.scripts));
        // A damaged photo is said where pages show it; one no page shows, at its file.
        let used: HashSet<&Path> = problems
            .iter()
            .filter_map(|p| p.subject.as_deref())
            .map(|crate::base::error::Subject::BrokenPhotoUsed(shown)| shown.as_path())
            .collect();
        let unused = photos.unused_broken(|path| used.contains(photos.broken[path].shown.as_path()));
        problems.extend(unused);
        drop(photos);
        // Lead photos in the shapes search engines ask for, now that the articles are known.
        let site = site.map(|mut site| {
            site.cut_lead_photos();
            site
        });
        // A damaged logo shown on every page is said at its first few uses, then counted.
        const SHOWN_USES: usize = 3;
        let mut uses: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
        problems.retain(|p| match p.subject.as_deref() {
            Some(crate::base::error::Subject::BrokenPhotoUsed(file)) => {
                let n = uses.entry(file.display().to_string()).or_default();
                *n += 1;
                *n <= SHOWN_USES
            }
            None => true,
        });
        for (file, n) in uses.into_iter().filter(|(_, n)| *n > SHOWN_USES) {
            problems.push(Problem::file(&file, msg!("photo-used-broken-more", count = n - SHOWN_USES)));
        }
        let (theme, renderer) = match (&new_theme, &self.theme) {
            (Some((t, r)), _) | (None, Some((t, r))) => (Some(t), Some(r)),
            _ => (None, None),
        };
        if let (Some(site), Some(renderer)) = (&site, renderer)
            && let Err(Error::Problems(ps)) = render::check_templates(site, renderer)
        {
            problems.extend(ps);
        }
        let (Some(site), Some(theme), Some(renderer), true) = (site, theme, renderer, problems.is_empty()) else {
            return Err(Error::problems(problems));
        };
        lap(msg!("build-stage-model"), &mut timings);
        let mut views = Views::new(&site, &theme.strings, self.last.current.as_ref().map(|c| &c.views));
        renderer.set_photos(site.photos_shared());
        views.cached = render::cached_partials(&site, theme, renderer, &views)?;
        let copies = assets::collect(&root, theme, &site)?;
        let site_path_warnings = assets::check_claims(&site, &copies, &index_dir(&site))?;
        let mut site = site;
        if !site_path_warnings.is_empty() || !photo_warnings.is_empty() {
            site.warnings.extend(site_path_warnings);
            site.warnings.extend(photo_warnings);
            site.warnings.sort();
        }
        lap(msg!("build-stage-views"), &mut timings);

        // Render the routes whose context changed; write the files whose bytes changed.
        let made = &self.last.made;
        let routes: Vec<&site::Route> = site.routes.iter().collect();
        let results = render_routes(&site, &views, renderer, &routes, made, sink);
        let copied: Vec<Result<Output, Error>> = copies
            .par_iter()
            .map(|FileCopy { file, source, .. }| {
                let (s, size) = assets::stamp(source);
                let now = Made { fingerprint: s, digest: s, size };
                let changed = deliver(sink, file, made.get(file), now, || sink.copy(file, source))?;
                Ok(Output { file: file.clone(), made: now, rendered: false, changed })
            })
            .collect();
        let mut new_made: FxHashMap<String, Made> =
            FxHashMap::with_capacity_and_hasher(results.len() + copied.len(), Default::default());
        let mut report = Report::default();
        record(results.into_iter().chain(copied), &mut new_made, &mut report)?;
        lap(msg!("build-stage-render"), &mut timings);
        // A one-shot build needs neither the template views nor the pages' HTML any more: the
        // search index can have their memory.
        let mut site = site;
        let views = match self.keeps {
            Keep::ForRebuilds => Some(views),
            Keep::Nothing => {
                drop(views);
                site.release_html();
                None
            }
        };

        // The search index: made again only when what it indexes changed, and (for the
        // preview server) after the pages, so a save shows at once.
        let inputs = site.config.search.then(|| crate::search::digest(&site));
        let dir = index_dir(&site);
        let stale = inputs != self.last.search_digest || !self.last.made.contains_key(&format!("{dir}meta.json"));
        let mut search_digest = self.last.search_digest;
        let mut index_pending = false;
        match self.index_step(site.config.search, stale) {
            IndexStep::Off => search_digest = None,
            step @ (IndexStep::Keep | IndexStep::Later) => {
                for (file, m) in self.last.made.iter().filter(|(f, _)| f.starts_with(&dir)) {
                    sink.keep(file)?;
                    new_made.insert(file.clone(), *m);
                }
                index_pending = step == IndexStep::Later;
            }
            IndexStep::Write => {
                write_index(&site, &self.last.made, &mut new_made, &mut report.written, sink)?;
                search_digest = inputs;
                lap(msg!("build-stage-search"), &mut timings);
            }
        }
        report.removed = self.last.made.keys().filter(|f| !new_made.contains_key(*f)).cloned().collect();
        report.removed.sort();
        for f in &report.removed {
            sink.remove(f)?;
        }
        report.photos_processed = photos_processed;
        report.finish(&site, new_made.len(), timings, start);
        let shown = extra_keys_shown(theme.templates.iter().map(|(_, t)| t.text.as_str()));
        report.unread_keys =
            site.unread_keys.iter().filter(|(key, _)| !shown.contains(key.as_str())).cloned().collect();

        // The run succeeded: what it made replaces what the last one did, whole.
        let current = views.map(|views| Current { site, views });
        let previous =
            std::mem::replace(&mut self.last, Built { made: new_made, sources: Some(sources), search_digest, current });
        self.index_pending = index_pending;
        self.config = Some(config);
        if let Some(t) = new_theme {
            self.theme = Some(t);
        }
        // Freeing the previous site (tens of thousands of small values) is work the editor
        // need not wait for.
        if previous.current.is_some() {
            std::thread::spawn(move || drop(previous));
        }
        self.dirty = false;
        Ok(report)
    }

    /// The end of a rebuild that patched the last site's bodies: renders the pages whose body
    /// changed, keeps every other file, and makes the search index as the session says.
    fn finish_patch(
        &mut self,
        pages: &[PageId],
        sink: &dyn Sink,
        start: Instant,
        mut timings: Vec<(Message, Duration)>,
    ) -> Result<Report, Error> {
        let clock = Instant::now();
        let (Some(current), Some((_, renderer))) = (&self.last.current, &self.theme) else {
            return Err(Error::Usage(msg!("build-no-site-to-patch")));
        };
        let (site, views) = (&current.site, &current.views);
        let routes: Vec<&site::Route> =
            site.routes.iter().filter(|r| matches!(r.kind, RouteKind::Page(id) if pages.contains(&id))).collect();
        let results = render_routes(site, views, renderer, &routes, &self.last.made, sink);
        let mut report = Report::default();
        let mut made = self.last.made.clone();
        record(results, &mut made, &mut report)?;
        let rendered: HashSet<String> = routes.iter().map(|r| r.path.output_file()).collect();
        for file in self.last.made.keys() {
            if !rendered.contains(file) {
                sink.keep(file)?;
            }
        }
        timings.push((msg!("build-stage-render"), clock.elapsed()));
        // A body the index holds changed when any page was patched.
        let mut search_digest = self.last.search_digest;
        let mut index_pending = self.index_pending;
        match self.index_step(site.config.search, !pages.is_empty()) {
            IndexStep::Off | IndexStep::Keep => {}
            IndexStep::Later => index_pending = true,
            IndexStep::Write => {
                let clock = Instant::now();
                write_index(site, &self.last.made, &mut made, &mut report.written, sink)?;
                search_digest = Some(crate::search::digest(site));
                index_pending = false;
                timings.push((msg!("build-stage-search"), clock.elapsed()));
            }
        }
        report.finish(site, made.len(), timings, start);
        // The run succeeded: its files and index replace the last run's (the site itself was
        // patched in place, and is marked dirty until here).
        self.last.made = made;
        self.last.search_digest = search_digest;
        self.index_pending = index_pending;
        self.dirty = false;
        Ok(report)
    }

    /// The one place that decides when the search index is made again: when what it indexes
    /// changed since it was made (`stale`), with the pages or, for the preview server, after
    /// them (see [`Session::index`]).
    fn index_step(&self, search: bool, stale: bool) -> IndexStep {
        match (search, stale, self.indexing) {
            (false, ..) => IndexStep::Off,
            (true, false, _) => IndexStep::Keep,
            (true, true, Indexing::WithThePages) => IndexStep::Write,
            (true, true, Indexing::Later) => IndexStep::Later,
        }
    }

    /// The manifest of the last run, for the output folder's marker file.
    pub fn manifest(&self) -> String {
        output::manifest_text(
            self.last.made.iter().map(|(p, m)| (p, m.digest, m.fingerprint, m.size)),
            self.last.search_digest,
        )
    }
}

/// The one place that decides whether a file of a run is handed to the sink: when it is new,
/// or its bytes differ from the last run's (by digest; a copied file's digest is its stamp),
/// `write` hands it over; otherwise the sink is told to keep the file it has. Returns whether
/// it was written.
fn deliver(
    sink: &dyn Sink,
    file: &str,
    before: Option<&Made>,
    now: Made,
    write: impl FnOnce() -> Result<(), Error>,
) -> Result<bool, Error> {
    let changed = before.is_none_or(|b| b.digest != now.digest);
    if changed {
        write()?;
    } else {
        sink.keep(file)?;
    }
    Ok(changed)
}

/// One output file of a run.
struct Output {
    file: String,
    made: Made,
    /// Whether its route was rendered (its context changed).
    rendered: bool,
    /// Whether its bytes changed.
    changed: bool,
}

/// Renders the routes whose context fingerprint changed since `made`, hands the sink the
/// files whose bytes changed and keeps the others.
fn render_routes(
    site: &Site,
    views: &Views,
    renderer: &Renderer,
    routes: &[&site::Route],
    made: &FxHashMap<String, Made>,
    sink: &dyn Sink,
) -> Vec<Result<Output, Error>> {
    let photos_digest = renderer.set_photos(site.photos_shared());
    routes
        .par_iter()
        .map(|route| {
            let file = route.path.output_file();
            let pieces = views.pieces(site, route.kind, &route.path);
            let fingerprint = views.fingerprint(
                site,
                renderer.digest ^ photos_digest,
                render::template_of(site, route.kind),
                &pieces,
            );
            let before = made.get(&file).copied();
            if let Some(b) = before
                && b.fingerprint == fingerprint
            {
                sink.keep(&file)?;
                return Ok(Output { file, made: b, rendered: false, changed: false });
            }
            let bytes = renderer.render(site, views, route, &pieces).map_err(|p| Error::problems(vec![p]))?;
            let now = Made { fingerprint, digest: xxh3_64(&bytes), size: bytes.len() as u64 };
            let changed = deliver(sink, &file, before.as_ref(), now, || sink.put(&file, &bytes))?;
            Ok(Output { file, made: now, rendered: true, changed })
        })
        .collect()
}

/// Records what a run made, and merges the problems of its routes.
fn record(
    outputs: impl IntoIterator<Item = Result<Output, Error>>,
    made: &mut FxHashMap<String, Made>,
    report: &mut Report,
) -> Result<(), Error> {
    let mut problems = Vec::new();
    for r in outputs {
        match r {
            Ok(out) => {
                report.rendered += usize::from(out.rendered);
                if out.changed {
                    report.written.push(out.file.clone());
                }
                made.insert(out.file, out.made);
            }
            Err(e) => problems.push(Err(e)),
        }
    }
    render::collect_errors(problems)
}

/// Where the search index goes in the output.
fn index_dir(site: &Site) -> String {
    format!("{}/index/", site.config.paths.search)
}

/// Makes the search index and hands the sink the files whose bytes changed.
fn write_index(
    site: &Site,
    before: &FxHashMap<String, Made>,
    made: &mut FxHashMap<String, Made>,
    written: &mut Vec<String>,
    sink: &dyn Sink,
) -> Result<(), Error> {
    let dir = index_dir(site);
    made.retain(|f, _| !f.starts_with(&dir));
    let lang = site.config.language.code();
    let results = std::sync::Mutex::new(Vec::new());
    crate::search::build(
        site,
        |d| crate::render::locale::short_date(lang, d),
        |name, bytes| {
            let file = format!("{dir}{name}");
            let m = Made { fingerprint: 0, digest: xxh3_64(bytes), size: bytes.len() as u64 };
            let changed = deliver(sink, &file, before.get(&file), m, || sink.put(&file, bytes))?;
            results.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((file, m, changed));
            Ok::<(), Error>(())
        },
    )?;
    for (file, m, changed) in results.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner) {
        if changed {
            written.push(file.clone());
        }
        made.insert(file, m);
    }
    Ok(())
}

/// Builds the site into its output folder, replacing the old one only when all succeeded.
pub fn build(options: &Options) -> Result<Report, Error> {
    let (output_dir, choice) = options.output_dir();
    let target = output::check_target(&options.root, &output_dir, choice)?;
    let mut session = Session::new(options.clone()).keeping(Keep::Nothing);
    session.remember_output(&target);
    write_to(&mut session, &Changes::Everything, &target)
}

/// Runs `session` for `changes` into a staging folder and swaps it in for `target`.
pub fn write_to(session: &mut Session, changes: &Changes, target: &Path) -> Result<Report, Error> {
    let staging = Staging::new(target)?;
    let mut report = session.rebuild(changes, &staging)?;
    let clock = Instant::now();
    let committed = staging.commit(&session.manifest())?;
    if let Some((old, e)) = committed.old_site_left {
        report.warnings.push(
            Problem::file(old, msg!("build-old-site-left", detail = e.to_string()))
                .hint(msg!("build-old-site-left-hint")),
        );
    }
    report.timings.push((msg!("build-stage-swap"), clock.elapsed()));
    report.elapsed += clock.elapsed();
    report.output = Some(target.to_path_buf());
    Ok(report)
}

/// Runs every stage but writing: finds every problem a build would.
pub fn check(options: &Options) -> Result<Report, Error> {
    Session::new(options.clone()).keeping(Keep::Nothing).rebuild(&Changes::Everything, &Nowhere)
}

/// The keys templates show as `extra.<key>`, `extra["<key>"]` or `extra['<key>']`: one pass over
/// each template, however many keys the front matter has.
fn extra_keys_shown<'a>(templates: impl Iterator<Item = &'a str>) -> FxHashSet<&'a str> {
    let mut keys = FxHashSet::default();
    for text in templates {
        for (at, _) in text.match_indices("extra") {
            let rest = &text[at + "extra".len()..];
            let key = if let Some(rest) = rest.strip_prefix('.') {
                let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
                &rest[..end]
            } else if let Some(rest) = rest.strip_prefix("[\"").or_else(|| rest.strip_prefix("['")) {
                rest.find(['"', '\'']).map_or("", |end| &rest[..end])
            } else {
                ""
            };
            if !key.is_empty() {
                keys.insert(key);
            }
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_keys_shown_are_found_in_every_form_and_only_whole() {
        let t = r#"{{ page.extra.nguon }} {{ extra["tac_gia"] }} {% if page.extra['anh'] %}{% endif %} {{ extra.nguon_tin }}"#;
        let keys = extra_keys_shown([t].into_iter());
        let mut keys: Vec<&str> = keys.into_iter().collect();
        keys.sort();
        assert_eq!(keys, ["anh", "nguon", "nguon_tin", "tac_gia"]);
    }

    const ALL: Have = Have { config: true, theme: true, scan: true, site: true, clean: true };

    #[test]
    fn the_plan_of_each_kind_of_change() {
        use Touched::*;
        let p = |config, theme, scan, may_patch| Plan { config, theme, scan, may_patch };
        let cases: &[(&str, Option<&[Touched]>, Have, Plan)] = &[
            (
                "first run",
                None,
                Have { config: false, theme: false, scan: false, site: false, clean: true },
                p(true, true, true, false),
            ),
            ("everything, later", None, ALL, p(true, true, true, false)),
            ("an article's text", Some(&[KnownDocument]), ALL, p(false, false, false, true)),
            ("two articles", Some(&[KnownDocument, KnownDocument]), ALL, p(false, false, false, true)),
            (
                "an article after a failed run",
                Some(&[KnownDocument]),
                Have { clean: false, ..ALL },
                p(false, false, false, false),
            ),
            (
                "an article with no site yet",
                Some(&[KnownDocument]),
                Have { site: false, ..ALL },
                p(false, false, false, false),
            ),
            ("an article and an image", Some(&[KnownDocument, KnownAsset]), ALL, p(false, false, false, false)),
            ("an image", Some(&[KnownAsset]), ALL, p(false, false, false, false)),
            ("a new or deleted file", Some(&[ContentTree]), ALL, p(false, false, true, false)),
            ("site.yaml", Some(&[Config]), ALL, p(true, true, false, false)),
            (
                "site.yaml while it was broken",
                Some(&[KnownDocument]),
                Have { config: false, ..ALL },
                p(true, true, false, false),
            ),
            ("a template", Some(&[Theme]), ALL, p(false, true, false, false)),
            (
                "a template while the theme was broken",
                Some(&[KnownDocument]),
                Have { theme: false, ..ALL },
                p(false, true, false, false),
            ),
            ("a static file", Some(&[Elsewhere]), ALL, p(false, false, false, false)),
            ("nothing listed", Some(&[]), ALL, p(false, false, false, true)),
        ];
        for (what, changes, have, expected) in cases {
            assert_eq!(plan(*changes, *have), *expected, "{what}");
        }
    }
}
