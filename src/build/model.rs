//! The model stage: photos prepared, the site assembled from what parsed (even when some files
//! did not: all problems come in one run), and every problem of the run decided here. After
//! it, the site is not changed again.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use super::{Documents, Keep, Session, assets};
use crate::base::error::{Error, Problem, Subject};
use crate::base::paths::SourcePath;
use crate::config::Config;
use crate::content::Document;
use crate::content::discover::Sources;
use crate::images::Photos;
use crate::msg;
use crate::render;
use crate::site::{self, BodyCache, Site};

/// A site modelled without a problem, and what the stage learned on the way that is not a
/// problem.
pub(super) struct Modelled {
    /// The site's editions, the default first (one, for a site in one language).
    pub(super) sites: Vec<Site>,
    /// Photos that were made with a warning (a colour profile left out, …).
    pub(super) photo_warnings: Vec<Problem>,
    /// Photos decoded and resized this run.
    pub(super) photos_processed: usize,
}

/// A damaged photo shown on every page (a logo) is said at its first few uses, then counted.
const SHOWN_USES: usize = 3;

impl Session {
    /// Models the site from the documents that parsed; `problems` are those found so far
    /// (documents that did not parse, templates), `failed` the documents they belong to.
    pub(super) fn model(
        &mut self,
        config: &Config,
        sources: &Sources,
        mut documents: Documents,
        mut problems: Vec<Problem>,
        failed: &[SourcePath],
    ) -> Result<Modelled, Error> {
        // Photos before the model: pages show their sizes and variants.
        let candidates = crate::images::candidates(&self.options.root, &sources.assets);
        // Making photos takes minutes on a first build (a site that moved in with a thousand
        // photos): when some must be made, the site is first modelled with what their headers
        // say, and a run whose content has problems stops there, all of them said in seconds.
        if self.photos_to_make(&candidates, config) {
            let survey = Arc::new(crate::images::survey(&candidates, &config.images));
            let (sites, found) = self.assemble(config, sources, &mut documents, failed, &survey, site::Markdown::Keep);
            let mut early = problems.clone();
            early.extend(self.template_problems(&sites, &found));
            early.extend(found);
            early.extend(self.site_problems(&sites, sources, &early, &survey));
            if !early.is_empty() {
                self.keep_documents(documents);
                return Err(failure(early));
            }
        }
        let (photos, photo_warnings, photos_processed) = self.photos_for(&candidates, config);
        let (mut sites, found) = self.assemble(config, sources, &mut documents, failed, &photos, self.markdown());
        self.keep_documents(documents);
        let site_ok = found.is_empty();
        problems.extend(found);
        problems.extend(self.site_problems(&sites, sources, &problems, &photos));
        // The sites hold the only other handles: lead crops are added to them in place.
        drop(photos);
        // Lead photos in the shapes search engines ask for, now that the articles are known.
        if site_ok {
            for site in &mut sites {
                site.cut_lead_photos();
            }
        }
        // The templates too, when only other files failed: their problems come in this run.
        let found: &[Problem] = if site_ok { &[] } else { &problems };
        let templates = self.template_problems(&sites, found);
        problems.extend(templates);
        match &self.theme {
            Some(_) if problems.is_empty() => Ok(Modelled { sites, photo_warnings, photos_processed }),
            _ => Err(failure(problems)),
        }
    }

    /// The problems of the theme's templates rendered with each edition, when the site itself
    /// has none (`found`): a site with problems of its own would make them fail in other ways.
    fn template_problems(&self, sites: &[Site], found: &[Problem]) -> Vec<Problem> {
        let mut problems = Vec::new();
        if let Some((_, renderer)) = &self.theme
            && found.is_empty()
        {
            for site in sites {
                if let Err(Error::Problems(ps)) = render::check_templates(site, renderer) {
                    problems.extend(ps);
                }
            }
        }
        problems.sort();
        problems.dedup();
        problems
    }

    /// Whether this run would decode photos: some are in neither the session nor the cache.
    fn photos_to_make(&self, candidates: &[crate::images::Candidate], config: &Config) -> bool {
        if self.keeps == Keep::ForRebuilds
            && let Some((before, ..)) = &self.photos
            && crate::images::fingerprint(candidates, &config.images) == *before
        {
            return false;
        }
        crate::images::to_make(&self.options.root, candidates, &config.images) > 0
    }

    /// How bodies are rendered: kept for the next run, or taken out of the documents.
    fn markdown(&self) -> site::Markdown {
        match self.keeps {
            Keep::ForRebuilds => site::Markdown::Keep,
            Keep::Nothing => site::Markdown::Release,
        }
    }

    /// The problems of a modelled site beyond its own (`found`, said already): scripts in
    /// files and broken photos no page shows; and, when the run fails anyway, what the site
    /// would publish (an address from the site's root that leads nowhere, two files at one
    /// place), so that they come in this run and not the next.
    fn site_problems(&self, sites: &[Site], sources: &Sources, found: &[Problem], photos: &Photos) -> Vec<Problem> {
        let site = &sites[0];
        let mut problems = assets::scripts_in_files(&sources.assets, site.config.scripts);
        problems.extend(unused_broken_photos(found, photos));
        if !(found.is_empty() && problems.is_empty())
            && let Some((theme, _)) = &self.theme
        {
            let all: Vec<&Site> = sites.iter().collect();
            let claims =
                assets::collect(&self.options.root, theme, site).and_then(|copies| assets::check_claims(&all, &copies));
            if let Err(Error::Problems(ps)) = claims {
                problems.extend(ps);
            }
        }
        problems
    }

    /// The photos of `candidates`, with their warnings and how many were made this run: as the
    /// last run of a rebuilding session had them when no photo file and no setting changed
    /// (checking 10,000 photos' cache folders is most of a rebuild that changed a title),
    /// otherwise prepared again.
    fn photos_for(
        &mut self,
        candidates: &[crate::images::Candidate],
        config: &Config,
    ) -> (Arc<Photos>, Vec<Problem>, usize) {
        let fingerprint =
            (self.keeps == Keep::ForRebuilds).then(|| crate::images::fingerprint(candidates, &config.images));
        if let (Some(now), Some((before, photos, warnings))) = (fingerprint, &self.photos)
            && now == *before
        {
            return (Arc::clone(photos), warnings.clone(), 0);
        }
        let mut photos = crate::images::prepare(&self.options.root, candidates, &config.images);
        let processed = photos.processed;
        let warnings = std::mem::take(&mut photos.warnings);
        let photos = Arc::new(photos);
        self.photos = fingerprint.map(|f| (f, Arc::clone(&photos), warnings.clone()));
        (photos, warnings, processed)
    }

    /// [`site::assemble`] over the documents that parsed, in the order of the scan: once for
    /// each edition of the site (the default first), the editions then linked to each other.
    fn assemble(
        &mut self,
        config: &Config,
        sources: &Sources,
        documents: &mut Documents,
        failed: &[SourcePath],
        photos: &Arc<Photos>,
        markdown: site::Markdown,
    ) -> (Vec<Site>, Vec<Problem>) {
        // Each edition's, with the theme's strings in its language.
        let shortcodes: Vec<Option<Arc<dyn crate::markdown::Templates>>> = (0..config.editions.len())
            .map(|e| {
                let of_edition = self.theme.as_ref().and_then(|(_, r)| r.shortcodes.get(e));
                of_edition.map(|s| Arc::clone(s) as Arc<dyn crate::markdown::Templates>)
            })
            .collect();
        // In the order of the scan (sorted by path), which `documents` holds exactly.
        let mut parsed: Vec<&mut Document> = documents.values_mut().filter_map(|d| d.as_mut().ok()).collect();
        parsed.sort_unstable_by(|a, b| a.source.cmp(&b.source));
        // Each rebuild of a long `serve` counts from its own time: an article dated for 8:00
        // appears, a notice past its `expires:` leaves the lists.
        let selection = site::Selection { now: jiff::Timestamp::now(), ..self.options.selection };
        self.bodies.resize_with(config.editions.len(), BodyCache::default);
        if config.editions.len() == 1 {
            let found = site::Found {
                sources,
                photos: Arc::clone(photos),
                failed,
                shortcodes: shortcodes[0].clone(),
                elsewhere: &site::Elsewhere::default(),
            };
            let (site, problems) =
                site::assemble(config.clone(), &mut parsed, found, selection, &mut self.bodies[0], markdown);
            return (vec![site], problems);
        }
        let mut problems = site::editions::folder_problems(config, sources);
        let mut by_edition: Vec<Vec<&mut Document>> = (0..config.editions.len()).map(|_| Vec::new()).collect();
        for doc in parsed.into_iter().filter(|d| !site::editions::misplaced(config, &d.source)) {
            by_edition[site::editions::edition_of(config, &doc.source)].push(doc);
        }
        let mut sites: Vec<Site> = Vec::with_capacity(by_edition.len());
        // Addresses of the default edition's pages, for links from the others' to pages they
        // have no translation of.
        let mut elsewhere = site::Elsewhere::default();
        let editions_of: Vec<(usize, SourcePath)> =
            sources.documents.iter().map(|f| (site::editions::edition_of(config, &f.path), f.path.clone())).collect();
        for (e, (mut docs, cache)) in by_edition.into_iter().zip(self.bodies.iter_mut()).enumerate() {
            elsewhere.other_files =
                Arc::new(editions_of.iter().filter(|(of, _)| *of != e).map(|(_, s)| s.clone()).collect());
            let edition_sources = site::editions::sources_of(sources, config, e);
            let found = site::Found {
                sources: &edition_sources,
                photos: Arc::clone(photos),
                failed,
                shortcodes: shortcodes[e].clone(),
                elsewhere: &elsewhere,
            };
            let (site, found) = site::assemble(config.for_edition(e), &mut docs, found, selection, cache, markdown);
            problems.extend(found);
            if e == 0 {
                elsewhere = site.page_addresses();
            }
            sites.push(site);
        }
        problems.extend(site::editions::clashes(&sites));
        problems.sort();
        site::editions::link(&mut sites);
        (sites, problems)
    }

    /// Keeps the documents for the next rebuild, or frees them and the rendered bodies (a
    /// one-shot build).
    fn keep_documents(&mut self, documents: Documents) {
        match self.keeps {
            Keep::ForRebuilds => self.documents = documents,
            Keep::Nothing => {
                drop(documents);
                self.bodies = Vec::new();
            }
        }
    }
}

/// A failed run's problems, a damaged photo's uses counted past the first few.
fn failure(mut problems: Vec<Problem>) -> Error {
    count_broken_photo_uses(&mut problems);
    Error::problems(problems)
}

/// A damaged photo is said where pages show it; one that no page shows, at its own file.
fn unused_broken_photos(problems: &[Problem], photos: &Photos) -> Vec<Problem> {
    let used: HashSet<&Path> = problems
        .iter()
        .filter_map(|p| p.subject.as_deref())
        .map(|Subject::BrokenPhotoUsed(shown)| shown.as_path())
        .collect();
    photos.unused_broken(|path| used.contains(photos.broken[path].shown.as_path()))
}

/// Keeps the first [`SHOWN_USES`] problems of each damaged photo shown on pages, and says how
/// many more pages show it.
fn count_broken_photo_uses(problems: &mut Vec<Problem>) {
    let mut uses: BTreeMap<String, usize> = BTreeMap::new();
    problems.retain(|p| match p.subject.as_deref() {
        Some(Subject::BrokenPhotoUsed(file)) => {
            let n = uses.entry(file.display().to_string()).or_default();
            *n += 1;
            *n <= SHOWN_USES
        }
        None => true,
    });
    for (file, n) in uses.into_iter().filter(|(_, n)| *n > SHOWN_USES) {
        problems.push(Problem::file(&file, msg!("photo-used-broken-more", count = n - SHOWN_USES)));
    }
}
