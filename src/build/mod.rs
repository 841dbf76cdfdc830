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
pub(crate) mod index;
mod load;
mod model;
mod patch;
mod plan;
mod write;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::base::error::{Error, Problem};
use crate::base::messages::Message;
use crate::base::paths::SourcePath;
use crate::config::Config;
use crate::content::Document;
use crate::content::discover;
use crate::msg;
use crate::output::{self, Nowhere, OutputChoice, Sink, Staging};
use crate::render::{Renderer, Theme, Views};
use crate::site::{self, BodyCache, Selection, Site};
use plan::Plan;
use write::Made;

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
    /// The site's language (of its default edition; translations into languages the site has
    /// no edition in are left out).
    pub language: crate::base::messages::Lang,
    /// Each edition of a site in more than one language (`languages:`), the default first;
    /// empty for a site in one language.
    pub editions: Vec<EditionReport>,
    /// Front matter keys that bantin does not read and no template of the theme mentions,
    /// with how many files have each.
    pub unread_keys: Vec<(String, usize)>,
    /// Section folders without `_index.md`, shown under their folder's name.
    pub unnamed_sections: Vec<String>,
    /// Photos decoded and resized this run (the others came from the cache).
    pub photos_processed: usize,
    /// How long each stage took.
    pub timings: Vec<(Message, Duration)>,
    /// Whether only some pages were rendered ([`Session::rebuild_only`]), the other files
    /// left as they were.
    pub(crate) partial: bool,
}

impl Report {
    /// Fills in what every run reports of the site it made, `files` files in all.
    /// `sites` are the site's editions, the default first.
    fn finish(&mut self, sites: &[&Site], warnings: &[Problem], files: usize, clock: Clock) {
        let site = &sites[0];
        self.written.sort();
        self.articles = sites.iter().map(|s| s.articles.len()).sum();
        self.pages = sites.iter().map(|s| s.pages.len() - s.articles.len()).sum();
        self.files = files;
        self.warnings = warnings.to_vec();
        self.left_out = site.left_out.clone();
        for other in &sites[1..] {
            self.left_out.add(&other.left_out);
        }
        if sites.len() > 1 {
            self.editions = sites
                .iter()
                .map(|s| EditionReport {
                    language: s.config.language,
                    path: s.config.this_edition().path.clone(),
                    articles: s.articles.len(),
                    untranslated: s.untranslated,
                })
                .collect();
        }
        self.unnamed_sections = site.unnamed_sections.clone();
        self.language = site.config.language;
        self.elapsed = clock.start.elapsed();
        self.timings = clock.timings;
    }
}

/// What a run made of one edition of the site.
#[derive(Debug, Clone)]
pub struct EditionReport {
    pub language: crate::base::messages::Lang,
    /// Where it is published under the site's root (`""`, `en/`).
    pub path: String,
    pub articles: usize,
    /// Pages of other editions this one has no translation of (its language switcher there says so).
    pub untranslated: usize,
}

/// How long each stage of a run took, lap by lap.
pub(crate) struct Clock {
    start: Instant,
    lap: Instant,
    timings: Vec<(Message, Duration)>,
}

impl Clock {
    fn start() -> Clock {
        let now = Instant::now();
        Clock { start: now, lap: now, timings: Vec::new() }
    }

    /// The stage `name` ends now.
    fn lap(&mut self, name: Message) {
        self.timings.push((name, self.lap.elapsed()));
        self.lap = Instant::now();
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

/// When a session makes the search index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Indexing {
    /// In each rebuild, with the pages (build, watch).
    WithThePages,
    /// Afterwards, with [`Session::index`], so the pages of a rebuild are written first (serve).
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
    /// Its editions, the default first (one, for a site in one language).
    pub(crate) editions: Vec<Edition>,
    /// What its run warned of (the site's own warnings, and those of photos and site paths).
    pub(crate) warnings: Vec<Problem>,
}

/// One edition of the last good site, with the values its templates were given.
pub(crate) struct Edition {
    pub(crate) site: Site,
    pub(crate) views: Views,
}

impl Current {
    /// The default edition (the whole site, when it has one language).
    pub(crate) fn site(&self) -> &Site {
        &self.editions[0].site
    }

    /// The edition that publishes the file `source`, and its page of it.
    pub(crate) fn page_of(&self, source: &SourcePath) -> Option<(&Edition, crate::site::PageId)> {
        self.editions.iter().find_map(|e| e.site.pages.iter().position(|p| &p.source == source).map(|id| (e, id)))
    }
}

/// Every document a session has read: parsed, or its problems.
type Documents = FxHashMap<SourcePath, Result<Document, Vec<Problem>>>;

/// The stages, and what one run leaves for the next.
pub struct Session {
    options: Options,
    config: Option<Config>,
    theme: Option<(Theme, Renderer)>,
    documents: Documents,
    /// The rendered bodies of each edition's documents (the default edition's first).
    bodies: Vec<BodyCache>,
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
    /// Texts an editor has changed and not saved, by the file's path on disk: read instead
    /// of the file, so the preview shows them (see [`Session::set_unsaved`]).
    unsaved: FxHashMap<PathBuf, std::sync::Arc<str>>,
    /// While set, a run renders only the pages of these files ([`Session::rebuild_only`]).
    render_only: Option<Vec<SourcePath>>,
    /// Whether such a run left files older than the site: the next run of every page then
    /// models and renders in full (no patch), so they are made again.
    stale: bool,
    /// The photos the last run prepared (before lead crops), with their fingerprint and
    /// warnings, for the next run when no photo changed.
    photos: Option<(u64, std::sync::Arc<crate::images::Photos>, Vec<Problem>)>,
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
            bodies: Vec::new(),
            last: Built::default(),
            indexing: Indexing::WithThePages,
            index_pending: false,
            keeps: Keep::ForRebuilds,
            dirty: false,
            unsaved: FxHashMap::default(),
            render_only: None,
            stale: false,
            photos: None,
        }
    }

    /// As [`Session::rebuild`], rendering only the pages of the files `only` (the article an
    /// editor is changing: its page is all the preview must show at once); every other file
    /// stays as the last run left it. A title shown on every page (the newest article's) would
    /// otherwise make each keystroke render the whole site. The next run of the whole site
    /// then models and renders in full (no patch), so what this one left behind is made
    /// again; further runs of `only` may still patch.
    pub(crate) fn rebuild_only(
        &mut self,
        changes: &Changes,
        only: Vec<SourcePath>,
        sink: &dyn Sink,
    ) -> Result<Report, Error> {
        self.render_only = Some(only);
        let result = self.rebuild(changes, sink);
        self.render_only = None;
        if result.as_ref().is_ok_and(|r| r.partial) {
            self.stale = true;
        }
        result
    }

    /// Reads `text` in place of the file at `disk` (absolute) from now on, or the file again
    /// (`None`): what the web editor shows before it saves. Nothing is written; the next
    /// rebuild given that path as changed uses it. Whether the session held an unsaved text
    /// for it before.
    pub(crate) fn set_unsaved(&mut self, disk: PathBuf, text: Option<&str>) -> bool {
        match text {
            Some(t) => self.unsaved.insert(disk, std::sync::Arc::from(t)).is_some(),
            None => self.unsaved.remove(&disk).is_some(),
        }
    }

    /// Every Markdown file the last run read: parsed, or its problems.
    pub(crate) fn documents(&self) -> impl Iterator<Item = (&SourcePath, &Result<Document, Vec<Problem>>)> {
        self.documents.iter()
    }

    /// The last good site and its warnings, when the session keeps it.
    pub(crate) fn current(&self) -> Option<&Current> {
        self.last.current.as_ref()
    }

    /// The site folder.
    pub(crate) fn root(&self) -> &Path {
        &self.options.root
    }

    /// The scan of `content/` of the last good run.
    pub(crate) fn sources(&self) -> Option<&discover::Sources> {
        self.last.sources.as_deref()
    }

    /// The configuration of the last good run.
    pub(crate) fn config(&self) -> Option<&Config> {
        self.config.as_ref()
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
            let unsaved = std::mem::take(&mut self.unsaved);
            let (options, indexing, keeps) = (self.options.clone(), self.indexing, self.keeps);
            *self = Session::new(options).indexing(indexing).keeping(keeps);
            self.last.made = made;
            self.unsaved = unsaved;
            self.dirty = true;
            Err(Error::Bug(what))
        })
    }

    /// The stages of [`Session::rebuild`], in order: plan → read → model → render and write →
    /// index → commit. Each takes and returns values; the site is not changed once modelled.
    fn run(&mut self, changes: &Changes, sink: &dyn Sink) -> Result<Report, Error> {
        let mut clock = Clock::start();
        // Until this run succeeds, the documents may be newer than the last good site, which
        // must then not be patched.
        let was_dirty = std::mem::replace(&mut self.dirty, true);
        // After a run of some pages only, the next run of every page is not a patch.
        let whole_after_partial = self.stale && self.render_only.is_none();
        let clean = !(was_dirty || whole_after_partial);
        let changed = absolute(changes);
        let plan = self.plan_for(changes, &changed, clean);
        let config = self.config_for(&plan)?;
        let sources = self.sources_for(&plan)?;
        let read = self.read(&plan, &changed, &config, &sources);
        let patchable = self.bodies_changed(&plan, &read.fresh);
        let documents = self.merge_documents(read.fresh, &sources, plan.scan);
        if let Some(pages) = patchable.and_then(|paths| self.patch(&paths, &documents)) {
            self.documents = documents;
            clock.lap(msg!("build-stage-read"));
            return self.finish_patch(&pages, sink, clock);
        }
        let (mut problems, failed) = load::failed_documents(&sources, &documents);
        if let Err(e) = self.install_theme(&plan, read.theme, &mut problems) {
            self.documents = documents;
            return Err(e);
        }
        clock.lap(msg!("build-stage-read"));
        let modelled = self.model(&config, &sources, documents, problems, &failed)?;
        clock.lap(msg!("build-stage-model"));
        let mut report = Report { photos_processed: modelled.photos_processed, ..Report::default() };
        // The search index first: it reads only the model, and a one-shot build can then let go
        // of the bodies' text before the pages are rendered (their HTML and text are the
        // biggest part of a build's memory; they are no longer held together).
        let mut index_files = FxHashMap::default();
        let mut sites = modelled.sites;
        let inputs = index::search_inputs(&sites);
        let mut index = index::Indexed { digest: None, pending: false };
        for site in &mut sites {
            let done = self.index_with_pages(site, inputs, &mut index_files, &mut report, sink, &mut clock)?;
            index = index::Indexed { digest: done.digest, pending: index.pending || done.pending };
        }
        let prepared = self.views(&sites)?;
        clock.lap(msg!("build-stage-views"));
        let mut made = FxHashMap::default();
        for (e, (site, views)) in sites.iter().zip(&prepared.views).enumerate() {
            // Files are copied once, with the default edition.
            let copies = if e == 0 { prepared.copies.as_slice() } else { &[] };
            made.extend(self.write(site, views, copies, sink, &mut report)?);
        }
        made.extend(index_files);
        clock.lap(msg!("build-stage-render"));
        let (sites, views) = self.release(sites, prepared.views);
        self.remove_gone(&made, &mut report, sink)?;
        let mut warnings: Vec<Problem> = sites.iter().flat_map(|s| s.warnings.iter().cloned()).collect();
        if !prepared.warnings.is_empty() || !modelled.photo_warnings.is_empty() || sites.len() > 1 {
            warnings.extend(prepared.warnings);
            warnings.extend(modelled.photo_warnings);
            warnings.sort();
            // What every edition says of the site (a missing file of static/) once.
            warnings.dedup();
        }
        report.finish(&sites.iter().collect::<Vec<_>>(), &warnings, made.len(), clock);
        report.unread_keys = self.unread_keys(&sites);
        self.commit(
            Built { made, sources: Some(sources), search_digest: index.digest, current: None },
            match views {
                Some(views) => Some(Current {
                    editions: sites.into_iter().zip(views).map(|(site, views)| Edition { site, views }).collect(),
                    warnings,
                }),
                None => {
                    free_later(sites);
                    None
                }
            },
            config,
            index.pending,
        );
        Ok(report)
    }

    /// The plan of this run, from what the changed paths touch and what the session holds.
    fn plan_for(&self, changes: &Changes, changed: &HashSet<PathBuf>, clean: bool) -> Plan {
        let touched: Option<Vec<plan::Touched>> = match changes {
            Changes::Everything => None,
            Changes::Paths(_) => Some(changed.iter().map(|p| self.touched(p)).collect()),
        };
        let have = plan::Have {
            config: self.config.is_some(),
            theme: self.theme.is_some(),
            scan: self.last.sources.is_some(),
            site: self.last.current.is_some(),
            clean,
        };
        plan::plan(touched.as_deref(), have)
    }

    /// A one-shot build needs no template views once the pages are written.
    fn release(&self, sites: Vec<Site>, views: Vec<Views>) -> (Vec<Site>, Option<Vec<Views>>) {
        match self.keeps {
            Keep::ForRebuilds => (sites, Some(views)),
            Keep::Nothing => {
                free_later(views);
                (sites, None)
            }
        }
    }

    /// Tells the sink which files of the last run are gone.
    fn remove_gone(&self, made: &FxHashMap<String, Made>, report: &mut Report, sink: &dyn Sink) -> Result<(), Error> {
        report.removed = self.last.made.keys().filter(|f| !made.contains_key(*f)).cloned().collect();
        report.removed.sort();
        for f in &report.removed {
            sink.remove(f)?;
        }
        Ok(())
    }

    /// Front matter keys that bantin does not read and no template of the theme shows.
    fn unread_keys(&self, sites: &[Site]) -> Vec<(String, usize)> {
        let Some((theme, _)) = &self.theme else { return Vec::new() };
        let shown = extra_keys_shown(theme.templates.iter().map(|(_, t)| t.text.as_str()));
        let mut keys: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        for site in sites {
            for (key, n) in site.unread_keys.iter().filter(|(key, _)| !shown.contains(key.as_str())) {
                *keys.entry(key.as_str()).or_default() += n;
            }
        }
        let mut keys: Vec<(String, usize)> = keys.into_iter().map(|(k, n)| (k.to_string(), n)).collect();
        keys.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        keys
    }

    /// The run succeeded: what it made replaces what the last one did, whole.
    fn commit(&mut self, mut built: Built, current: Option<Current>, config: Config, index_pending: bool) {
        built.current = current;
        let previous = std::mem::replace(&mut self.last, built);
        self.index_pending = index_pending;
        self.config = Some(config);
        if self.render_only.is_none() {
            self.stale = false;
        }
        // Freeing the previous site is work the editor need not wait for.
        if previous.current.is_some() {
            free_later(previous);
        }
        self.dirty = false;
    }

    /// The manifest of the last run, for the output folder's marker file.
    pub fn manifest(&self) -> String {
        output::manifest_text(
            self.last.made.iter().map(|(p, m)| (p, m.digest, m.fingerprint, m.size)),
            self.last.search_digest,
        )
    }
}

/// Frees `value` on a thread of its own: a site or its views are tens of thousands of small
/// values (3% of a build's time), which nothing waits for (a one-shot build may even end first).
fn free_later<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}

/// The changed paths, absolute.
fn absolute(changes: &Changes) -> HashSet<PathBuf> {
    changes.listed().iter().map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone())).collect()
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
}
