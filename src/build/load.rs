//! The read stage: `site.yaml`, the scan of `content/`, the documents that changed and the
//! theme, each read again only when the plan says. It returns what it read; the documents a
//! session keeps are merged with it here.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use super::{Documents, Plan, Session};
use crate::base::error::{Error, Problem};
use crate::base::paths::SourcePath;
use crate::config::{self, Config};
use crate::content::discover::{self, SourceFile, Sources};
use crate::content::{self, Document};
use crate::render::{self, Renderer, Theme};

/// What the read stage read again: documents (each parsed, or its problems), and the theme
/// when the plan reloads it.
pub(super) struct Read {
    pub(super) fresh: Vec<(SourcePath, Result<Document, Vec<Problem>>)>,
    pub(super) theme: Option<Result<(Theme, Renderer), Error>>,
}

impl Session {
    /// The config of this run: the last one, or `site.yaml` read again when the plan says.
    pub(super) fn config_for(&mut self, plan: &Plan) -> Result<Config, Error> {
        let mut config = match (plan.config, &self.config) {
            (false, Some(c)) => c.clone(),
            _ => {
                // Forget the old config first: while site.yaml is broken, no rebuild may use it.
                self.config = None;
                config::load(&self.options.root)?
            }
        };
        if let Some(url) = &self.options.base_url {
            config.set_base_url(url);
        }
        Ok(config)
    }

    /// The scan of `content/`: walked again only when files may have appeared or gone.
    pub(super) fn sources_for(&self, plan: &Plan) -> Result<Arc<Sources>, Error> {
        match (&self.last.sources, plan.scan) {
            (Some(known), false) => Ok(Arc::clone(known)),
            _ => Ok(Arc::new(discover::scan(&self.options.root)?)),
        }
    }

    /// Reads the documents that changed (every one when the config did, since the time zone
    /// reads dates, or the session has not read them) and, beside them, the theme.
    pub(super) fn read(&self, plan: &Plan, changed: &HashSet<PathBuf>, config: &Config, sources: &Sources) -> Read {
        let to_read = self.to_read(plan, changed, sources);
        let root = &self.options.root;
        let (fresh, theme) = rayon::join(
            || {
                to_read
                    .par_iter()
                    .map(|f| {
                        let doc = match self.unsaved.get(&f.disk) {
                            Some(text) => content::read_text(f, text, config),
                            None => content::read(f, config),
                        };
                        (f.path.clone(), doc)
                    })
                    .collect::<Vec<_>>()
            },
            || {
                plan.theme.then(|| {
                    let languages: Vec<&str> = config.editions.iter().map(|e| e.language.code()).collect();
                    render::theme::load(root, &config.theme, &languages)
                        .and_then(|t| Renderer::new(&t, config).map(|r| (t, r)))
                })
            },
        );
        Read { fresh, theme }
    }

    fn to_read<'s>(&self, plan: &Plan, changed: &HashSet<PathBuf>, sources: &'s Sources) -> Vec<&'s SourceFile> {
        if !plan.config && !plan.scan {
            let content_dir = self.options.root.join(discover::CONTENT_DIR);
            return changed.iter().filter_map(|p| sources.document_at(&content_dir, p)).collect();
        }
        let changed_dirs: Vec<&PathBuf> = changed.iter().filter(|p| p.is_dir()).collect();
        let read_again = |f: &&SourceFile| {
            plan.config
                || !self.documents.contains_key(&f.path)
                || changed.contains(&f.disk)
                || changed_dirs.iter().any(|d| f.disk.starts_with(d))
        };
        sources.documents.iter().filter(read_again).collect()
    }

    /// The session's documents with the fresh ones in place (and, after a scan, without those
    /// whose files are gone).
    pub(super) fn merge_documents(
        &mut self,
        fresh: Vec<(SourcePath, DocumentRead)>,
        sources: &Sources,
        rescanned: bool,
    ) -> Documents {
        let mut documents = std::mem::take(&mut self.documents);
        if rescanned {
            let present: HashSet<&SourcePath> = sources.documents.iter().map(|f| &f.path).collect();
            documents.retain(|path, _| present.contains(path));
        }
        documents.extend(fresh);
        documents
    }

    /// Puts a theme read again in place of the last one (a broken theme leaves none, as a
    /// broken config does: no rebuild may use the old one); its template problems join the
    /// run's. Any other failure stops the run.
    pub(super) fn install_theme(
        &mut self,
        plan: &Plan,
        theme: Option<Result<(Theme, Renderer), Error>>,
        problems: &mut Vec<Problem>,
    ) -> Result<(), Error> {
        if plan.theme {
            self.theme = None;
        }
        match theme {
            Some(Ok(t)) => self.theme = Some(t),
            Some(Err(Error::Problems(ps))) => problems.extend(ps),
            Some(Err(e)) => return Err(e),
            None => {}
        }
        Ok(())
    }
}

/// A document as read: parsed, or its problems.
pub(super) type DocumentRead = Result<Document, Vec<Problem>>;

/// The problems of the documents that did not parse, and their paths, in the order of the scan.
pub(super) fn failed_documents(sources: &Sources, documents: &Documents) -> (Vec<Problem>, Vec<SourcePath>) {
    let mut problems = Vec::new();
    let mut failed = Vec::new();
    for f in &sources.documents {
        if let Some(Err(ps)) = documents.get(&f.path) {
            problems.extend(ps.iter().cloned());
            failed.push(f.path.clone());
        }
    }
    (problems, failed)
}
