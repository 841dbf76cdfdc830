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

    /// Puts the new bodies into the last site; the pages whose body changed, or `None` when
    /// the change reaches further than the pages (see [`site::Site::patch_bodies`]).
    pub(super) fn patch(&mut self, paths: &[SourcePath], documents: &Documents) -> Option<Vec<PageId>> {
        let current = self.last.current.as_mut()?;
        // A site of more than one edition is modelled again (its pages link to each other).
        let [edition] = current.editions.as_mut_slice() else { return None };
        let docs: Vec<&Document> =
            paths.iter().filter_map(|p| documents.get(p).and_then(|d| d.as_ref().ok())).collect();
        edition.site.patch_bodies(&docs, self.bodies.first_mut()?)
    }

    /// The end of a rebuild that patched the last site's bodies: renders the pages whose body
    /// changed, keeps every other file, and makes the search index as the session says.
    pub(super) fn finish_patch(
        &mut self,
        pages: &[PageId],
        sink: &dyn Sink,
        mut clock: Clock,
    ) -> Result<Report, Error> {
        let (Some(current), Some((_, renderer))) = (&self.last.current, &self.theme) else {
            return Err(Error::Usage(msg!("build-no-site-to-patch")));
        };
        let (site, views) = (current.site(), &current.editions[0].views);
        let routes: Vec<&site::Route> =
            site.routes.iter().filter(|r| matches!(r.kind, RouteKind::Page(id) if pages.contains(&id))).collect();
        let results = render_routes(site, views, renderer, &routes, &self.last.made, sink);
        let mut report = Report::default();
        let mut made = self.last.made.clone();
        record(results, &mut made, &mut report)?;
        let rendered: HashSet<String> = routes.iter().map(|r| r.path.output_file()).collect();
        for file in self.last.made.keys().filter(|f| !rendered.contains(*f)) {
            sink.keep(file)?;
        }
        clock.lap(msg!("build-stage-render"));
        // A body the index holds changed when any page was patched.
        let mut search_digest = self.last.search_digest;
        let mut index_pending = self.index_pending;
        match self.index_step(site.config.search, !pages.is_empty()) {
            IndexStep::Off | IndexStep::Keep => {}
            IndexStep::Later => index_pending = true,
            IndexStep::Write => {
                let words = crate::search::words_of(site, crate::search::texts_copied(site));
                super::index::write_index(site, words, &self.last.made, &mut made, &mut report.written, sink)?;
                search_digest = Some(crate::search::digest(site));
                index_pending = false;
                clock.lap(msg!("build-stage-search"));
            }
        }
        report.finish(std::slice::from_ref(site), &current.warnings, made.len(), clock);
        // The run succeeded: its files and index replace the last run's (the site itself was
        // patched in place, and is marked dirty until here).
        self.last.made = made;
        self.last.search_digest = search_digest;
        self.index_pending = index_pending;
        self.dirty = false;
        Ok(report)
    }
}
