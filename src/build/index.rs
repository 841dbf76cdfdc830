//! The index stage: the search index, made again only when what it indexes changed, with the
//! pages or (for the preview server) after them, so a save shows at once.

use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::xxh3_64;

use super::write::{Made, deliver};
use super::{Indexing, Session};
use crate::base::error::Error;
use crate::output::Sink;
use crate::site::Site;

/// What a run does with the search index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum IndexStep {
    /// The site has no search.
    Off,
    /// What it indexes is as it was: the files stay.
    Keep,
    /// Make it now, with the pages.
    Write,
    /// Make it after the pages ([`Session::index`]); the files stay until then.
    Later,
}

impl Session {
    pub(super) fn write_search_index(&mut self, sink: &dyn Sink) -> Result<Option<Vec<String>>, Error> {
        let Some(current) = &self.last.current else { return Ok(None) };
        if !self.index_pending || !current.site().config.search {
            return Ok(None);
        }
        let mut made = self.last.made.clone();
        let mut written = Vec::new();
        let dirs: Vec<String> = current.editions.iter().map(|e| index_dir(&e.site)).collect();
        let in_an_index = |f: &str| dirs.iter().any(|d| f.starts_with(d.as_str()));
        // Everything else stays as it is (a staging folder needs to be told).
        for file in self.last.made.keys().filter(|f| !in_an_index(f)) {
            sink.keep(file)?;
        }
        for edition in &current.editions {
            let site = &edition.site;
            let words = crate::search::words_of(site, crate::search::texts_copied(site));
            write_index(site, words, &self.last.made, &mut made, &mut written, sink)?;
        }
        let gone: Vec<String> =
            self.last.made.keys().filter(|f| in_an_index(f) && !made.contains_key(*f)).cloned().collect();
        for f in gone {
            sink.remove(&f)?;
            made.remove(&f);
        }
        let sites: Vec<&Site> = current.editions.iter().map(|e| &e.site).collect();
        self.last.search_digest = search_inputs_of(&sites);
        self.index_pending = false;
        self.last.made = made;
        Ok(Some(written))
    }

    /// The one place that decides when the search index is made again: when what it indexes
    /// changed since it was made (`stale`), with the pages or, for the preview server, after
    /// them (see [`Session::index`]).
    pub(super) fn index_step(&self, search: bool, stale: bool) -> IndexStep {
        match (search, stale, self.indexing) {
            (false, ..) => IndexStep::Off,
            (true, false, _) => IndexStep::Keep,
            (true, true, Indexing::WithThePages) => IndexStep::Write,
            (true, true, Indexing::Later) => IndexStep::Later,
        }
    }
}

/// What the search indexes of a site's editions are made from (`None` without search): when
/// it changed, they are made again.
pub(crate) fn search_inputs(sites: &[Site]) -> Option<u64> {
    search_inputs_of(&sites.iter().collect::<Vec<_>>())
}

pub(super) fn search_inputs_of(sites: &[&Site]) -> Option<u64> {
    let digests: Vec<u64> = sites.iter().filter(|s| s.config.search).map(|s| crate::search::digest(s)).collect();
    match digests.as_slice() {
        [] => None,
        [one] => Some(*one),
        all => Some(xxh3_64(&all.iter().flat_map(|d| d.to_le_bytes()).collect::<Vec<u8>>())),
    }
}

/// Where the search index goes in the output.
pub(super) fn index_dir(site: &Site) -> String {
    format!("{}{}/index/", site.config.this_edition().path, site.config.paths.search)
}

/// Makes the search index and hands the sink the files whose bytes changed.
pub(super) fn write_index(
    site: &Site,
    words: crate::search::Words,
    before: &FxHashMap<String, Made>,
    made: &mut FxHashMap<String, Made>,
    written: &mut Vec<String>,
    sink: &dyn Sink,
) -> Result<(), Error> {
    let dir = index_dir(site);
    made.retain(|f, _| !f.starts_with(&dir));
    let lang = site.config.language.code();
    let results = std::sync::Mutex::new(Vec::new());
    crate::search::write(
        site,
        words,
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

/// What the index stage leaves for the session: what the index was made from, and whether it
/// is still to be made (after the pages).
pub(crate) struct Indexed {
    pub(super) digest: Option<u64>,
    pub(super) pending: bool,
}

impl Session {
    /// The search index of a full run: made again only when what it indexes changed, and
    /// (for the preview server) after the pages, so a save shows at once; otherwise its files
    /// are kept. A one-shot build lets go of the bodies' text once the index has read it: no
    /// page shows it, and it is no longer held with the pages' HTML and template values.
    pub(super) fn index_with_pages(
        &self,
        site: &mut Site,
        inputs: Option<u64>,
        made: &mut FxHashMap<String, Made>,
        report: &mut super::Report,
        sink: &dyn Sink,
        clock: &mut super::Clock,
    ) -> Result<Indexed, Error> {
        let dir = index_dir(site);
        let stale = inputs != self.last.search_digest || !self.last.made.contains_key(&format!("{dir}meta.json"));
        let mut indexed = Indexed { digest: self.last.search_digest, pending: false };
        let step = self.index_step(site.config.search, stale);
        // What the index reads of the bodies' text. A one-shot build takes it out of the site (no
        // page shows it): each text is freed once its words are read, and the text, HTML and
        // template values are never held together.
        let texts = match self.keeps {
            super::Keep::Nothing => Some(site.take_texts(&crate::search::documents(site))),
            super::Keep::ForRebuilds => (step == IndexStep::Write).then(|| crate::search::texts_copied(site)),
        };
        let words = texts.filter(|_| step == IndexStep::Write).map(|texts| crate::search::words_of(site, texts));
        match step {
            IndexStep::Off => indexed.digest = None,
            step @ (IndexStep::Keep | IndexStep::Later) => {
                for (file, m) in self.last.made.iter().filter(|(f, _)| f.starts_with(&dir)) {
                    sink.keep(file)?;
                    made.insert(file.clone(), *m);
                }
                indexed.pending = step == IndexStep::Later;
            }
            IndexStep::Write => {
                let Some(words) = words else { return Err(Error::Bug("the index's words were not read".into())) };
                write_index(site, words, &self.last.made, made, &mut report.written, sink)?;
                indexed.digest = inputs;
                clock.lap(crate::msg!("build-stage-search"));
            }
        }
        Ok(indexed)
    }
}
