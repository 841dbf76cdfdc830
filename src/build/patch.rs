//! The short way of a rebuild: when only articles' text changed, and nothing a list, card or
//! feed shows, the last site's bodies are patched and only those pages rendered again.

use std::collections::HashSet;

use super::index::IndexStep;
use super::write::{record, render_routes};
use super::{Clock, Documents, Plan, Report, Session};
use crate::base::error::Error;
use crate::base::paths::SourcePath;
use crate::content::Document;
use crate::msg;
use crate::output::Sink;
use crate::site::{self, PageId, RouteKind};

impl Session {
    /// The documents whose body alone changed, when the plan allows a patch and every fresh
    /// document has the front matter it had; `None` when the site must be modelled again.
    pub(super) fn bodies_changed(
        &self,
        plan: &Plan,
        fresh: &[(SourcePath, super::load::DocumentRead)],
    ) -> Option<Vec<SourcePath>> {
        if !plan.may_patch {
            return None;
        }
        let mut bodies = Vec::new();
        for (path, new) in fresh {
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
    }

    /// Puts the new bodies into the last site, each into its edition; the pages whose body
    /// changed in each edition, or `None` when the change reaches further than the pages (see
    /// [`site::Site::patch_bodies`]; an edition patched before another refused is then
    /// modelled again with the rest).
    pub(super) fn patch(&mut self, paths: &[SourcePath], documents: &Documents) -> Option<Vec<Vec<PageId>>> {
        let config = self.config.as_ref()?;
        let current = self.last.current.as_mut()?;
        let mut changed = Vec::with_capacity(current.editions.len());
        for (e, (edition, cache)) in current.editions.iter_mut().zip(self.bodies.iter_mut()).enumerate() {
            let docs: Vec<&Document> = paths
                .iter()
                .filter(|p| site::editions::edition_of(config, p) == e)
                .filter_map(|p| documents.get(p).and_then(|d| d.as_ref().ok()))
                .collect();
            changed.push(if docs.is_empty() { Vec::new() } else { edition.site.patch_bodies(&docs, cache)? });
        }
        (changed.len() == current.editions.len()).then_some(changed)
    }

    /// The end of a rebuild that patched the last site's bodies: renders the pages whose body
    /// changed, keeps every other file, and makes the search index as the session says.
    pub(super) fn finish_patch(
        &mut self,
        pages: &[Vec<PageId>],
        sink: &dyn Sink,
        mut clock: Clock,
    ) -> Result<Report, Error> {
        let (Some(current), Some((_, renderer))) = (&self.last.current, &self.theme) else {
            return Err(Error::Usage(msg!("build-no-site-to-patch")));
        };
        let mut report = Report::default();
        let mut made = self.last.made.clone();
        let mut rendered: HashSet<String> = HashSet::new();
        for (edition, pages) in current.editions.iter().zip(pages) {
            let (site, views) = (&edition.site, &edition.views);
            let routes: Vec<&site::Route> =
                site.routes.iter().filter(|r| matches!(r.kind, RouteKind::Page(id) if pages.contains(&id))).collect();
            let results = render_routes(site, views, renderer, &routes, &self.last.made, sink);
            record(results, &mut made, &mut report)?;
            rendered.extend(routes.iter().map(|r| r.path.output_file()));
        }
        for file in self.last.made.keys().filter(|f| !rendered.contains(*f)) {
            sink.keep(file)?;
        }
        clock.lap(msg!("build-stage-render"));
        // A body the index holds changed when any page was patched: the index of its edition.
        let mut search_digest = self.last.search_digest;
        let mut index_pending = self.index_pending;
        let site = current.site();
        match self.index_step(site.config.search, pages.iter().any(|p| !p.is_empty())) {
            IndexStep::Off | IndexStep::Keep => {}
            IndexStep::Later => index_pending = true,
            IndexStep::Write => {
                for (edition, _) in current.editions.iter().zip(pages).filter(|(_, p)| !p.is_empty()) {
                    let site = &edition.site;
                    let words = crate::search::words_of(site, crate::search::texts_copied(site));
                    super::index::write_index(site, words, &self.last.made, &mut made, &mut report.written, sink)?;
                }
                let sites: Vec<&site::Site> = current.editions.iter().map(|e| &e.site).collect();
                search_digest = super::index::search_inputs_of(&sites);
                index_pending = false;
                clock.lap(msg!("build-stage-search"));
            }
        }
        let sites: Vec<&site::Site> = current.editions.iter().map(|e| &e.site).collect();
        report.finish(&sites, &current.warnings, made.len(), clock);
        // The run succeeded: its files and index replace the last run's (the site itself was
        // patched in place, and is marked dirty until here).
        self.last.made = made;
        self.last.search_digest = search_digest;
        self.index_pending = index_pending;
        self.dirty = false;
        Ok(report)
    }
}
