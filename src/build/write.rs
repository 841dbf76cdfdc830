//! The render and write stage: every route whose template context changed is rendered, and
//! the sink is handed the files whose bytes changed (rendered pages and copied files alike);
//! every other file is kept as it is.

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::xxh3_64;

use super::Report;
use super::assets::{self, FileCopy};
use crate::base::error::Error;
use crate::output::Sink;
use crate::render::{self, Renderer, Views};
use crate::site::{self, Site};

/// A file of the last successful run: the fingerprint of what made it, the digest of its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Made {
    /// For rendered files, the route's context fingerprint; for copies, the source's stamp.
    pub(super) fingerprint: u64,
    pub(super) digest: u64,
    /// Its length in bytes.
    pub(super) size: u64,
}

/// The one place that decides whether a file of a run is handed to the sink: when it is new,
/// or its bytes differ from the last run's (by digest; a copied file's digest is its stamp),
/// `write` hands it over; otherwise the sink is told to keep the file it has. Returns whether
/// it was written.
pub(super) fn deliver(
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
pub(super) struct Output {
    file: String,
    made: Made,
    /// Whether its route was rendered (its context changed).
    rendered: bool,
    /// Whether its bytes changed.
    changed: bool,
}

/// Renders the routes whose context fingerprint changed since `made`, hands the sink the
/// files whose bytes changed and keeps the others.
pub(super) fn render_routes(
    site: &Site,
    views: &Views,
    renderer: &Renderer,
    routes: &[&site::Route],
    made: &FxHashMap<String, Made>,
    sink: &dyn Sink,
) -> Vec<Result<Output, Error>> {
    let photos_digest = renderer.photos_digest;
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
pub(super) fn record(
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

/// What the templates share, and what is copied: made once a run, before any page.
pub(super) struct Prepared {
    /// Those of each edition, the default first.
    pub(super) views: Vec<Views>,
    pub(super) copies: Vec<FileCopy>,
    /// Site paths that a copy or a page claims, said as warnings.
    pub(super) warnings: Vec<crate::base::error::Problem>,
}

impl super::Session {
    /// The views of the site (reusing the last run's where their inputs are as they were),
    /// the theme's cached partials, and the files to copy, each claimed by one owner. The
    /// site's photos reach the renderer here, once a run.
    /// `sites` are the site's editions, the default first: each has its views, in its
    /// language; the default one's files are copied.
    pub(super) fn views(&mut self, sites: &[Site]) -> Result<Prepared, Error> {
        let Some((theme, renderer)) = self.theme.as_mut() else {
            return Err(Error::Bug("a site was modelled without a theme".into()));
        };
        renderer.use_photos(sites[0].photos_shared());
        let mut all = Vec::with_capacity(sites.len());
        for (e, site) in sites.iter().enumerate() {
            let previous = self.last.current.as_ref().and_then(|c| c.editions.get(e)).map(|e| &e.views);
            let strings = theme.strings_for(site.config.language.code());
            let mut views = Views::new(site, strings, previous);
            views.cached = render::cached_partials(site, theme, renderer, &views)?;
            all.push(views);
        }
        let copies = assets::collect(&self.options.root, theme, &sites[0])?;
        let editions: Vec<&Site> = sites.iter().collect();
        let warnings = assets::check_claims(&editions, &copies)?;
        Ok(Prepared { views: all, copies, warnings })
    }

    /// Renders the routes whose context changed and copies the files whose stamp changed;
    /// what every file of the run is, by output path.
    pub(super) fn write(
        &self,
        site: &Site,
        views: &Views,
        copies: &[FileCopy],
        sink: &dyn Sink,
        report: &mut Report,
    ) -> Result<FxHashMap<String, Made>, Error> {
        let Some((_, renderer)) = &self.theme else {
            return Err(Error::Bug("a site was modelled without a theme".into()));
        };
        let made = &self.last.made;
        let mut new_made: FxHashMap<String, Made> =
            FxHashMap::with_capacity_and_hasher(site.routes.len() + copies.len(), Default::default());
        let routes: Vec<&site::Route> = match &self.render_only {
            None => site.routes.iter().collect(),
            Some(only) => {
                let (mine, others): (Vec<&site::Route>, Vec<&site::Route>) = site.routes.iter().partition(
                    |r| matches!(r.kind, site::RouteKind::Page(id) if only.contains(&site.pages[id].source)),
                );
                // Every other file stays as the last run made it, and is remembered so: the
                // next full run renders again whatever this one left behind.
                for r in others {
                    let file = r.path.output_file();
                    if let Some(before) = made.get(&file) {
                        sink.keep(&file)?;
                        new_made.insert(file, *before);
                    }
                }
                report.partial = true;
                mine
            }
        };
        let results = render_routes(site, views, renderer, &routes, made, sink);
        let copied = copy_files(copies, made, sink);
        record(results.into_iter().chain(copied), &mut new_made, report)?;
        Ok(new_made)
    }
}

/// Hands the sink the copies whose source changed since `made` (by stamp), keeps the others.
fn copy_files(copies: &[FileCopy], made: &FxHashMap<String, Made>, sink: &dyn Sink) -> Vec<Result<Output, Error>> {
    copies
        .par_iter()
        .map(|FileCopy { file, source, .. }| {
            let (s, size) = assets::stamp(source);
            let now = Made { fingerprint: s, digest: s, size };
            let changed = deliver(sink, file, made.get(file), now, || sink.copy(file, source))?;
            Ok(Output { file: file.clone(), made: now, rendered: false, changed })
        })
        .collect()
}
