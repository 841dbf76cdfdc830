//! Stage 4: parsed documents → the site graph: pages at URLs, sections, taxonomies, archives,
//! rendered bodies, and the list of routes (one per output file).
//!
//! In: every `Document`, free of syntax errors, and the assets of `content/`. Out: a `Site`
//! that no later stage changes. Invariants: no two routes share an output file; every
//! relative link and image of a published page resolves. The graph is plain indices
//! (`PageId`, `SectionId`, `TaxonomyId`, `TermId`) into vectors the `Site` owns.

mod assemble;
pub(crate) mod collate;
pub(crate) mod editions;
pub(crate) mod taxonomy;

pub(crate) use assemble::{Elsewhere, Found, Markdown, assemble};
pub(crate) use taxonomy::{Taxonomy, TaxonomyId, Term, TermId};

use std::cell::RefCell;

use rustc_hash::FxHashMap;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;

use jiff::{Timestamp, Zoned};

use crate::base::error::Problem;
use crate::base::messages::Message;
use crate::base::packed::Packed;
use crate::base::paths::SourcePath;
use crate::config::Config;
use crate::content::{DocKind, Document, SortBy};
use crate::markdown::{self, Expect, Heading, Links, SitePathRef, Target};
use crate::msg;

use crate::base::paths::UrlPath;

/// Index of a page in `Site::pages`.
pub(crate) type PageId = usize;
/// Index of a section in `Site::sections`; 0 is the root (the home page).
pub(crate) type SectionId = usize;

/// Whether drafts are published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drafts {
    /// Left out (a normal build).
    Exclude,
    /// Published (`--drafts`).
    Include,
}

/// Whether articles dated after the build are published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Future {
    /// Left out until their date (a normal build).
    Exclude,
    /// Published (`--future`).
    Include,
}

/// What a build publishes.
#[derive(Debug, Clone, Copy)]
pub struct Selection {
    /// Drafts in or out.
    pub drafts: Drafts,
    /// Future articles in or out.
    pub future: Future,
    /// The instant "future" is measured from.
    pub now: Timestamp,
}

impl Default for Selection {
    fn default() -> Self {
        Selection { drafts: Drafts::Exclude, future: Future::Exclude, now: Timestamp::now() }
    }
}

/// A place on the site made from one Markdown file: an article or a standalone page.
#[derive(Debug, Clone)]
pub(crate) struct Page {
    /// Article (dated, listed) or standalone page.
    pub(crate) kind: DocKind,
    /// The file it comes from.
    pub(crate) source: SourcePath,
    /// Where it is on the site.
    pub(crate) path: UrlPath,
    pub(crate) title: String,
    pub(crate) date: Option<Zoned>,
    pub(crate) updated: Option<Zoned>,
    /// When it leaves lists, feeds and sitemaps, and whether that was before this build: an
    /// expired page stays at its address (links to it keep working), marked as expired.
    pub(crate) expires: Option<Zoned>,
    pub(crate) expired: bool,
    /// Search engines are asked not to index it (`noindex: true`, or expired).
    pub(crate) noindex: bool,
    /// Left out of sitemaps (`sitemap: false`, `noindex`, expired).
    pub(crate) no_sitemap: bool,
    pub(crate) author: Option<String>,
    /// Its terms, per taxonomy (in the order of `Site::taxonomies`).
    pub(crate) terms: Vec<Vec<TermId>>,
    /// Plain text: `summary:`, else the text before `<!-- more -->`, else the first paragraph.
    pub(crate) summary: String,
    /// Whether the summary was written in the front matter (a sapo to show above the body),
    /// rather than taken from the body.
    pub(crate) summary_written: bool,
    /// The lead image: a site path (`tin-tuc/anh.jpg`) or another site's URL.
    pub(crate) image: Option<String>,
    pub(crate) image_caption: Option<String>,
    /// Whether the body shows the lead image already (so the page need not show it twice).
    pub(crate) image_in_body: bool,
    pub(crate) pinned: bool,
    pub(crate) draft: bool,
    /// A template other than the kind's own, with the file line that names it.
    pub(crate) template: Option<(String, usize)>,
    pub(crate) aliases: Vec<UrlPath>,
    /// The file line of `aliases:`, for problems.
    pub(crate) aliases_line: usize,
    pub(crate) weight: i64,
    pub(crate) extra: Arc<crate::base::yaml::Fields>,
    /// The body: HTML, table of contents, plain text (search, word count).
    pub(crate) body: Arc<Body>,
    /// The folder it is in (the root section for standalone pages).
    pub(crate) section: SectionId,
    /// Older and newer article in the same section.
    pub(crate) previous: Option<PageId>,
    pub(crate) next: Option<PageId>,
    /// Articles sharing the most tags, newest first among equals.
    pub(crate) related: Vec<PageId>,
    /// The same page in the site's other editions (none when it has one language).
    pub(crate) twins: Vec<editions::Twin>,
}

/// A folder of `content/` (chuyên mục); the root section is the home page.
#[derive(Debug, Clone)]
pub(crate) struct Section {
    /// Its `_index.md`, if it has one.
    pub(crate) source: Option<SourcePath>,
    /// The folder inside `content/` (`""` for the root).
    pub(crate) dir: String,
    pub(crate) title: String,
    pub(crate) description: Option<String>,
    pub(crate) path: UrlPath,
    pub(crate) parent: Option<SectionId>,
    pub(crate) children: Vec<SectionId>,
    /// Every article of the section and its subsections, in the section's order.
    pub(crate) pages: Vec<PageId>,
    pub(crate) sort_by: SortBy,
    pub(crate) weight: i64,
    pub(crate) paginate_by: usize,
    /// The body of `_index.md` as HTML.
    pub(crate) content: String,
    pub(crate) template: Option<(String, usize)>,
    pub(crate) extra: Arc<crate::base::yaml::Fields>,
    /// The same section in the site's other editions.
    pub(crate) twins: Vec<editions::Twin>,
    /// The address Hugo gave its folder, when it is not bantin's (`1.1-week1/` for the folder
    /// `1.1-Week1`, whose address here is `1-1-week1/`): a redirect to it.
    pub(crate) hugo_path: Option<UrlPath>,
}

impl LeftOut {
    /// Adds what another edition left out.
    pub(crate) fn add(&mut self, other: &LeftOut) {
        self.drafts += other.drafts;
        self.draft_files.extend(other.draft_files.iter().cloned());
        self.future += other.future;
        self.translations += other.translations;
        let earlier = |a: &Option<Zoned>, b: &Option<Zoned>| match (a, b) {
            (Some(x), Some(y)) => Some(if y.timestamp() < x.timestamp() { y.clone() } else { x.clone() }),
            (x, y) => x.clone().or_else(|| y.clone()),
        };
        self.next = earlier(&self.next, &other.next);
        self.next_expiry = earlier(&self.next_expiry, &other.next_expiry);
    }
}

/// What a build leaves out, for its summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeftOut {
    /// Drafts (published with `--drafts`).
    pub drafts: usize,
    /// Their files, as shown (`content/tin/a.md`), in the order of the scan.
    pub draft_files: Vec<std::path::PathBuf>,
    /// Articles dated after the build (published with `--future`, or on their day).
    pub future: usize,
    /// When the first of those is due.
    pub next: Option<Zoned>,
    /// When the first notice still in force expires (`expires:`): its page changes then.
    pub next_expiry: Option<Zoned>,
    /// Files marked with another language than the site's (`ky-ket.en.md`).
    pub translations: usize,
}

/// A month of the archive.
#[derive(Debug, Clone)]
pub(crate) struct Month {
    pub(crate) year: i16,
    pub(crate) month: i8,
    pub(crate) path: UrlPath,
    /// Its articles, newest first.
    pub(crate) pages: Vec<PageId>,
}

/// A file of `content/` published as it is.
#[derive(Debug, Clone)]
pub(crate) struct Asset {
    /// Where it is on disk.
    pub(crate) disk: PathBuf,
    /// Where it goes in the output folder.
    pub(crate) output: String,
}

/// What an output file shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum RouteKind {
    /// Page `number` of the home page.
    Home {
        number: usize,
    },
    /// Page `number` of a section's list.
    Section {
        id: SectionId,
        number: usize,
    },
    /// An article or a standalone page.
    Page(PageId),
    /// The index of a taxonomy's terms.
    Taxonomy(TaxonomyId),
    /// Page `number` of a term's list.
    Term {
        taxonomy: TaxonomyId,
        id: TermId,
        number: usize,
    },
    /// The address Hugo gave a section's folder, redirecting to its page.
    SectionAlias(SectionId),
    /// An old URL of a term's page, redirecting to it.
    TermAlias {
        taxonomy: TaxonomyId,
        id: TermId,
    },
    /// The index of all months.
    Archives,
    /// Page `number` of a month's list.
    Archive {
        index: usize,
        number: usize,
    },
    /// An RSS feed: of the site, a section or a term.
    Feed(FeedOf),
    /// `sitemap.xml`: the list of the sitemap files.
    SitemapIndex,
    /// Sitemap file `n` (from 0) of [`Site::sitemaps`].
    Sitemap(usize),
    /// The Google News sitemap: the articles of the last two days.
    NewsSitemap,
    Robots,
    NotFound,
    /// An old URL of a page, redirecting to it.
    Alias(PageId),
    /// The search page.
    Search,
    /// The page saying a page of another edition is not translated into this one's language,
    /// told which page by its address (`?tu=…`).
    Untranslated,
}

/// What a feed carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum FeedOf {
    Site,
    Section(SectionId),
    Term { taxonomy: TaxonomyId, id: TermId },
}

/// One address of a sitemap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum SitemapEntry {
    Home,
    Section(SectionId),
    Page(PageId),
    /// A taxonomy's index of its terms (`/tags/`).
    Taxonomy(TaxonomyId),
    Term(TaxonomyId, TermId),
}

/// What search engines take in one sitemap file: 50,000 addresses and 50 MB (sitemaps.org).
pub(crate) const SITEMAP_URLS: usize = 50_000;
pub(crate) const SITEMAP_BYTES: usize = 50 * 1024 * 1024;

/// One output file: where it goes and what it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Route {
    pub(crate) path: UrlPath,
    pub(crate) kind: RouteKind,
}

/// The whole site, ready to render.
#[derive(Debug)]
pub(crate) struct Site {
    pub(crate) config: Config,
    pub(crate) pages: Vec<Page>,
    pub(crate) sections: Vec<Section>,
    /// As `site.yaml` declares them (tags by default).
    pub(crate) taxonomies: Vec<Taxonomy>,
    /// Newest first.
    pub(crate) months: Vec<Month>,
    /// Every published article, newest first.
    pub(crate) articles: Vec<PageId>,
    /// Pinned articles, newest first.
    pub(crate) pinned: Vec<PageId>,
    pub(crate) routes: Vec<Route>,
    /// The addresses of each sitemap file, none longer than search engines take.
    pub(crate) sitemaps: Vec<Vec<SitemapEntry>>,
    /// The articles of the Google News sitemap: published in the two days before the build,
    /// newest first, 1,000 at most (none: no news sitemap).
    pub(crate) news: Vec<PageId>,
    pub(crate) assets: Vec<Asset>,
    /// What this build does not publish yet.
    pub(crate) left_out: LeftOut,
    /// Front matter keys bantin does not read, with how many files have each (a theme may
    /// still show them as `page.extra.<key>`).
    pub(crate) unread_keys: Vec<(String, usize)>,
    /// Section folders without `_index.md`, named after their folder (`content/tin-tuc`).
    pub(crate) unnamed_sections: Vec<String>,
    /// Things worth an editor's look that do not stop the build (links to drafts).
    pub(crate) warnings: Vec<Problem>,
    /// Addresses written as paths from the site's root in the texts of sections, taxonomies
    /// and terms (the pages' own are in their bodies), with the file each is written in.
    pub(crate) other_site_paths: Vec<(SourcePath, SitePathRef)>,
    /// How many pages of the other editions this one has no translation of.
    pub(crate) untranslated: usize,
    /// What each Markdown file became, for bodies rendered again by [`Site::patch_bodies`].
    links: LinkMap,
}

impl Site {
    /// Articles per list page of `kind`.
    pub(crate) fn per_page(&self, kind: RouteKind) -> usize {
        match kind {
            RouteKind::Section { id, .. } => self.sections[id].paginate_by,
            _ => self.config.paginate_by,
        }
    }

    /// Puts the new bodies of `documents` into their pages, when nothing but the pages
    /// themselves can show the change: each document's front matter is as it was (the caller
    /// checks), and its new body gives the same summary, lead image, images and warnings as
    /// the old one, and no problem. Returns the pages whose body is not what it was, or `None`
    /// when the site must be assembled again (`self` is then unchanged).
    ///
    /// This is what makes saving an article's text cheap: no list, card or feed shows a body.
    pub(crate) fn patch_bodies(&mut self, documents: &[&Document], cache: &mut BodyCache) -> Option<Vec<PageId>> {
        let mut patches = Vec::with_capacity(documents.len());
        for doc in documents {
            // Section and taxonomy texts and term pages are not pages: they take the whole path.
            if matches!(doc.kind, DocKind::SectionIndex | DocKind::Term) {
                return None;
            }
            // Drafts and future articles are not on the site: nothing shows their text.
            let Some(id) = self.pages.iter().position(|p| p.source == doc.source) else { continue };
            let page = &self.pages[id];
            let new = body_of(doc, &doc.body, &page.path, &self.links, Some(cache));
            let (old, body) = (&page.body, &new.body);
            let same_outside = body.problems.is_empty()
                && body.warnings == old.warnings
                && (page.summary_written || body.summary == old.summary)
                && body.image == old.image
                && body.images == old.images
                // Other pages' links to its headings are checked against the whole site.
                && body.toc == old.toc
                && body.page_anchors == old.page_anchors
                // New site paths are checked against the whole site, which a patch does not see.
                && body.site_paths.iter().map(|r| (&r.written, r.expect)).eq(old.site_paths.iter().map(|r| (&r.written, r.expect)));
            if !same_outside {
                return None;
            }
            patches.push((id, new));
        }
        let mut patched = Vec::with_capacity(patches.len());
        for (id, new) in patches {
            if new.body.digest != self.pages[id].body.digest {
                patched.push(id);
            }
            self.pages[id].body = Arc::clone(&new.body);
            cache.entries.insert(self.pages[id].source.clone(), new);
        }
        Some(patched)
    }

    /// Takes the bodies' plain text out of the site (a one-shot build: only the search index
    /// reads it), those of `ids` in their order; bodies shared with a cache keep theirs, and
    /// give a copy.
    pub(crate) fn take_texts(&mut self, ids: &[PageId]) -> Vec<Packed> {
        let mut texts: Vec<Option<Packed>> = vec![None; self.pages.len()];
        for (page, text) in self.pages.iter_mut().zip(&mut texts) {
            *text = Some(match Arc::get_mut(&mut page.body) {
                Some(body) => std::mem::take(&mut body.text),
                None => page.body.text.clone(),
            });
        }
        ids.iter().map(|&id| texts[id].take().unwrap_or_default()).collect()
    }

    /// Every address written as a path from the site's root, with the file it is written in.
    pub(crate) fn site_paths(&self) -> impl Iterator<Item = (&SourcePath, &SitePathRef)> {
        let pages = self.pages.iter().flat_map(|p| p.body.site_paths.iter().map(move |r| (&p.source, r)));
        pages.chain(self.other_site_paths.iter().map(|(s, r)| (s, r)))
    }

    /// Cuts the articles' lead photos to the shapes search engines ask for (see
    /// [`crate::images::cut_shapes`]).
    pub(crate) fn cut_lead_photos(&mut self) {
        let mut leads: Vec<String> = self
            .articles
            .iter()
            .filter_map(|&id| self.pages[id].image.as_deref())
            // The photo's own path (an image written with spaces is held percent-encoded).
            .filter_map(|i| {
                let decoded = crate::markdown::percent_decode(i);
                self.links.photos.by_path.contains_key(&decoded).then_some(decoded)
            })
            .collect();
        leads.sort();
        leads.dedup();
        if leads.is_empty() {
            return;
        }
        let quality = self.config.images.quality;
        crate::images::cut_shapes(Arc::make_mut(&mut self.links.photos), &leads, quality);
    }

    /// The site's photos: their sizes, variants and files.
    pub(crate) fn photos(&self) -> &crate::images::Photos {
        &self.links.photos
    }

    /// The same, shared.
    pub(crate) fn photos_shared(&self) -> Arc<crate::images::Photos> {
        Arc::clone(&self.links.photos)
    }

    /// The output files that drafts and future articles will have once they are published.
    pub(crate) fn unpublished_files(&self) -> rustc_hash::FxHashSet<String> {
        self.links.unpublished.values().map(UrlPath::output_file).collect()
    }

    /// A file that did not parse whose name gives the slug `slug` (`2017-10-prob-com-var.md`
    /// for `prob-com-var`): a site path to its page leads nowhere only because of its own
    /// problem, said above.
    pub(crate) fn failed_file_named(&self, slug: &str) -> Option<&SourcePath> {
        let root = UrlPath::root();
        self.links.unpublished.iter().filter(|(_, path)| **path == root).map(|(source, _)| source).find(|source| {
            let name = source.page_name();
            let name = crate::content::date_in_name(name).map_or(name, |d| &name[d.len() + 1..]);
            crate::base::paths::Slug::from_text(name).is_some_and(|s| s.as_str() == slug)
        })
    }

    /// Where each file of the site is published (pages, sections' and terms' texts), and where
    /// its drafts and future articles will be.
    pub(crate) fn page_addresses(&self) -> assemble::Elsewhere {
        let all = |map: &FxHashMap<SourcePath, UrlPath>| map.iter().map(|(s, p)| (s.clone(), p.clone())).collect();
        assemble::Elsewhere {
            pages: all(&self.links.pages),
            unpublished: all(&self.links.unpublished),
            other_files: Arc::default(),
        }
    }

    /// The taxonomy named `name`, if the site has it.
    pub(crate) fn taxonomy(&self, name: &str) -> Option<(TaxonomyId, &Taxonomy)> {
        self.taxonomies.iter().enumerate().find(|(_, t)| t.name == name)
    }

    /// The articles a list route pages through.
    pub(crate) fn list_of(&self, kind: RouteKind) -> &[PageId] {
        match kind {
            RouteKind::Home { .. } => &self.articles,
            RouteKind::Section { id, .. } => &self.sections[id].pages,
            RouteKind::Term { taxonomy, id, .. } => &self.taxonomies[taxonomy].terms[id].pages,
            RouteKind::Archive { index, .. } => &self.months[index].pages,
            _ => &[],
        }
    }
}

/// Number of pages a list of `len` items needs at `per_page` a page (at least one).
pub(crate) fn page_count(len: usize, per_page: usize) -> usize {
    len.div_ceil(per_page.max(1)).max(1)
}

/// The items of page `number` (1-based).
pub(crate) fn page_items<T>(items: &[T], per_page: usize, number: usize) -> &[T] {
    let per_page = per_page.max(1);
    let start = ((number.max(1) - 1) * per_page).min(items.len());
    let end = (start + per_page).min(items.len());
    &items[start..end]
}

/// The link resolver markdown needs: published pages and section indexes, and assets.
#[derive(Debug, Default)]
struct LinkMap {
    pages: FxHashMap<SourcePath, UrlPath>,
    unpublished: FxHashMap<SourcePath, UrlPath>,
    assets: rustc_hash::FxHashSet<SourcePath>,
    /// The site's `static/` folder, asked only about missing images (for a better hint).
    static_dir: PathBuf,
    /// The site's photos, by their path on the site.
    photos: Arc<crate::images::Photos>,
    /// The site's `content/` folder, for the sizes of files shortcodes name.
    content_dir: PathBuf,
    /// The shortcodes bodies may call (none while the theme is broken).
    shortcodes: Option<Arc<dyn crate::markdown::Templates>>,
    /// Whether raw HTML may run scripts.
    scripts: crate::markdown::raw_html::Scripts,
    /// The Markdown files of the site's other editions (a link to one is said as such).
    other_editions: Arc<rustc_hash::FxHashSet<SourcePath>>,
}

impl Links for LinkMap {
    fn in_other_edition(&self, source: &SourcePath) -> bool {
        self.other_editions.contains(source)
    }
    fn page_of(&self, source: &SourcePath) -> Option<&UrlPath> {
        self.pages.get(source)
    }
    fn folder_page_any_case(&self, dir: &str) -> Option<UrlPath> {
        let mut found: Vec<(&SourcePath, &UrlPath)> = self
            .pages
            .iter()
            .filter(|(s, _)| matches!(s.name(), "_index" | "index") && s.dir().eq_ignore_ascii_case(dir))
            .collect();
        found.sort();
        found.first().map(|(_, url)| (*url).clone())
    }
    fn has_asset(&self, source: &SourcePath) -> bool {
        self.assets.contains(source)
    }
    fn unpublished_page_of(&self, source: &SourcePath) -> Option<&UrlPath> {
        self.unpublished.get(source)
    }
    fn has_static(&self, path: &str) -> bool {
        !path.contains("..") && self.static_dir.join(path.trim_start_matches("./")).is_file()
    }
    fn photo(&self, path: &str) -> Option<&crate::images::Photo> {
        self.photos.by_path.get(path)
    }
    fn broken_photo(&self, path: &str) -> Option<&crate::images::Broken> {
        self.photos.broken.get(path)
    }
    fn shortcodes(&self) -> Option<&dyn crate::markdown::Templates> {
        self.shortcodes.as_deref()
    }
    fn scripts(&self) -> crate::markdown::raw_html::Scripts {
        self.scripts
    }
    fn file_size(&self, path: &str) -> Option<u64> {
        if path.contains("..") {
            return None;
        }
        [&self.content_dir, &self.static_dir]
            .iter()
            .find_map(|dir| std::fs::metadata(dir.join(path)).ok().filter(std::fs::Metadata::is_file).map(|m| m.len()))
    }
    fn photos_in(&self, dir: &str) -> Vec<String> {
        let prefix = if dir.is_empty() { String::new() } else { format!("{}/", dir.trim_end_matches('/')) };
        let mut found: Vec<String> = self
            .photos
            .by_path
            .keys()
            .filter(|p| p.strip_prefix(&prefix).is_some_and(|rest| !rest.contains('/')))
            .cloned()
            .collect();
        found.sort();
        found
    }
}

/// A document's body, rendered once and shared until something it depends on changes.
#[derive(Debug, Default)]
pub(crate) struct Body {
    /// The HTML of the body, packed: it is read when its page and the feeds showing it are written.
    pub(crate) html: Packed,
    /// Its headings.
    pub(crate) toc: Vec<Heading>,
    /// Plain text, for search, packed: the index reads it once.
    pub(crate) text: Packed,
    /// How many words the text has.
    pub(crate) words: usize,
    /// The summary taken from the body (before `<!-- more -->`, or the first paragraph).
    pub(crate) summary: String,
    /// Site paths of this site's images the body shows.
    pub(crate) images: Vec<String>,
    /// The front matter's `image:` resolved, or the problem with it.
    pub(crate) image: Option<Result<String, Problem>>,
    /// Broken links and missing images.
    pub(crate) problems: Vec<Problem>,
    /// Links to drafts and future articles, and to anchors no heading has.
    pub(crate) warnings: Vec<Problem>,
    /// Addresses written as paths from the site's root, checked against what the site
    /// publishes once that is known (`assets::check_claims`).
    pub(crate) site_paths: Vec<SitePathRef>,
    /// Links to places in other pages, checked once every page is rendered.
    pub(crate) page_anchors: Vec<crate::markdown::PageAnchor>,
    /// A digest of the HTML, table of contents, text and the document's extra values.
    pub(crate) digest: u64,
}

/// What a body asked of the rest of the site while it was rendered, and the answer.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Lookup {
    Page(SourcePath, Option<UrlPath>),
    Asset(SourcePath, bool),
    Unpublished(SourcePath, Option<UrlPath>),
    Static(String, bool),
    Photo(String, Option<crate::images::Photo>),
    BrokenPhoto(String, Option<crate::images::Broken>),
    /// Whether there were shortcodes at all (bodies are left as they are without).
    Shortcodes(bool),
    /// A shortcode called, with the digest of its template (of the names known, for one
    /// nobody knows).
    Shortcode(String, Option<u64>),
    FileSize(String, Option<u64>),
    PhotosIn(String, Vec<String>),
    Scripts(crate::markdown::raw_html::Scripts),
}

/// A rendered body with what it was made from.
#[derive(Debug)]
pub(crate) struct CachedBody {
    /// Digest of the body text, its first line, the page's path and the front matter.
    key: u64,
    lookups: Arc<[Lookup]>,
    body: Arc<Body>,
}

/// Bodies of the previous build, by source file: a rebuild renders again only the Markdown
/// whose text, place or links changed.
#[derive(Debug, Default)]
pub(crate) struct BodyCache {
    entries: FxHashMap<SourcePath, CachedBody>,
}

/// Answers link questions from the link map, writing down each question and answer (when a
/// rebuild may reuse the body: `lookups` is `None` in a one-shot build).
struct Recording<'a> {
    links: &'a LinkMap,
    lookups: Option<RefCell<Vec<Lookup>>>,
}

impl Recording<'_> {
    /// Writes down a question and its answer, when they are kept.
    fn note(&self, lookup: impl FnOnce() -> Lookup) {
        if let Some(lookups) = &self.lookups {
            lookups.borrow_mut().push(lookup());
        }
    }
}

impl Links for Recording<'_> {
    fn folder_page_any_case(&self, dir: &str) -> Option<UrlPath> {
        self.links.folder_page_any_case(dir)
    }
    fn in_other_edition(&self, source: &SourcePath) -> bool {
        self.links.in_other_edition(source)
    }
    fn page_of(&self, source: &SourcePath) -> Option<&UrlPath> {
        let found = self.links.page_of(source);
        self.note(|| Lookup::Page(source.clone(), found.cloned()));
        found
    }
    fn has_asset(&self, source: &SourcePath) -> bool {
        let found = self.links.has_asset(source);
        self.note(|| Lookup::Asset(source.clone(), found));
        found
    }
    fn unpublished_page_of(&self, source: &SourcePath) -> Option<&UrlPath> {
        let found = self.links.unpublished_page_of(source);
        self.note(|| Lookup::Unpublished(source.clone(), found.cloned()));
        found
    }
    fn has_static(&self, path: &str) -> bool {
        let found = self.links.has_static(path);
        self.note(|| Lookup::Static(path.to_string(), found));
        found
    }
    fn photo(&self, path: &str) -> Option<&crate::images::Photo> {
        let found = self.links.photo(path);
        self.note(|| Lookup::Photo(path.to_string(), found.cloned()));
        found
    }
    fn broken_photo(&self, path: &str) -> Option<&crate::images::Broken> {
        let found = self.links.broken_photo(path);
        self.note(|| Lookup::BrokenPhoto(path.to_string(), found.cloned()));
        found
    }
    fn shortcodes(&self) -> Option<&dyn crate::markdown::Templates> {
        let found = self.links.shortcodes();
        self.note(|| Lookup::Shortcodes(found.is_some()));
        found
    }
    fn used_shortcode(&self, name: &str) {
        let digest = self.links.shortcodes().map(|s| s.digest_of(name));
        self.note(|| Lookup::Shortcode(name.to_string(), digest));
    }
    fn file_size(&self, path: &str) -> Option<u64> {
        let found = self.links.file_size(path);
        self.note(|| Lookup::FileSize(path.to_string(), found));
        found
    }
    fn photos_in(&self, dir: &str) -> Vec<String> {
        let found = self.links.photos_in(dir);
        self.note(|| Lookup::PhotosIn(dir.to_string(), found.clone()));
        found
    }
    fn scripts(&self) -> crate::markdown::raw_html::Scripts {
        let found = self.links.scripts();
        self.note(|| Lookup::Scripts(found));
        found
    }
}

impl LinkMap {
    /// Whether every question a cached body asked has the same answer now.
    fn answers_alike(&self, lookups: &[Lookup]) -> bool {
        lookups.iter().all(|l| match l {
            Lookup::Page(s, found) => self.page_of(s) == found.as_ref(),
            Lookup::Asset(s, found) => self.has_asset(s) == *found,
            Lookup::Unpublished(s, found) => self.unpublished_page_of(s) == found.as_ref(),
            Lookup::Static(p, found) => self.has_static(p) == *found,
            Lookup::Photo(p, found) => self.photo(p) == found.as_ref(),
            Lookup::BrokenPhoto(p, found) => self.broken_photo(p) == found.as_ref(),
            Lookup::Shortcodes(found) => self.shortcodes.is_some() == *found,
            Lookup::Shortcode(name, digest) => self.shortcodes.as_ref().map(|s| s.digest_of(name)) == *digest,
            Lookup::FileSize(p, found) => self.file_size(p) == *found,
            Lookup::PhotosIn(d, found) => self.photos_in(d) == *found,
            Lookup::Scripts(found) => self.scripts == *found,
        })
    }
}

/// The body of `doc` published at `path`: from the cache when still valid, else rendered.
/// Without a cache (a one-shot build, which keeps no body for a next run), what the body asked
/// of the site is not written down.
fn body_of(doc: &Document, markdown: &str, path: &UrlPath, links: &LinkMap, cache: Option<&BodyCache>) -> CachedBody {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    // The file's digest stands for its body, front matter and line numbers.
    (doc.digest, path).hash(&mut h);
    let key = h.finish();
    if let Some(c) = cache.and_then(|cache| cache.entries.get(&doc.source))
        && c.key == key
        && links.answers_alike(&c.lookups)
    {
        return CachedBody { key, lookups: Arc::clone(&c.lookups), body: Arc::clone(&c.body) };
    }
    let recording = Recording { links, lookups: cache.map(|_| RefCell::new(Vec::new())) };
    let mut rendered = markdown::render(&doc.source, markdown, doc.body_line, &path.to_root(), &recording);
    let (image_key, image_line, image_column) = doc.front.image_at;
    let image = doc.front.image.as_ref().map(|img| {
        match markdown::resolve(img, &doc.source, &recording, Expect::SharedImage) {
            // A shared image is a file: what is not one is missing, never left to be checked.
            Target::AsWritten | Target::Checked(_) => Ok(img.clone()),
            Target::Site(path) | Target::Unpublished(path, _) => match recording.broken_photo(&path) {
                Some(b) => Err(Problem::at(
                    doc.source.display(),
                    image_line,
                    image_column,
                    msg!(
                        "site-image-problem",
                        key = image_key,
                        reason = msg!(
                            "photo-used-broken",
                            file = b.shown.display().to_string(),
                            problem = b.message.clone()
                        )
                    ),
                )
                .hint(b.hint.clone())
                .about(crate::base::error::Subject::BrokenPhotoUsed(b.shown.clone()))),
                None => Ok(path),
            },
            Target::Missing(reason, hint) => Err(Problem::at(
                doc.source.display(),
                image_line,
                image_column,
                msg!("site-image-problem", key = image_key, reason = reason),
            )
            .hint(hint.unwrap_or_else(|| msg!("site-image-missing-hint")))),
            Target::Refused(reason) => Err(Problem::at(
                doc.source.display(),
                image_line,
                image_column,
                msg!("site-image-problem", key = image_key, reason = reason),
            )
            .hint(msg!("site-image-refused-hint"))),
        }
    });
    let mut site_paths = std::mem::take(&mut rendered.site_paths);
    let slashed = doc.front.image.as_deref().map(|i| i.replace('\\', "/"));
    if let Some(img) = slashed.as_deref().filter(|i| i.trim().starts_with('/') && !i.trim().starts_with("//")) {
        let mut r = SitePathRef::new(img, image_line, image_column, Expect::SharedImage);
        r.key = image_key;
        site_paths.push(r);
    }
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    (&rendered.html, &rendered.text, &rendered.toc).hash(&mut h);
    doc.front.extra.hash(&mut h);
    let digest = h.finish();
    let body = Body {
        html: Packed::new(&rendered.html),
        toc: rendered.toc,
        words: markdown::count_words(&rendered.text),
        text: Packed::new(&rendered.text),
        summary: rendered.summary,
        images: rendered.images,
        image,
        problems: rendered.problems,
        warnings: rendered.warnings,
        site_paths,
        page_anchors: std::mem::take(&mut rendered.page_anchors),
        digest,
    };
    let lookups = recording.lookups.map(RefCell::into_inner).unwrap_or_default();
    CachedBody { key, lookups: lookups.into(), body: Arc::new(body) }
}

/// Every output file of the site; two sources claiming one file is a problem naming both.
pub(crate) fn routes(site: &Site, problems: &mut Vec<Problem>) -> Vec<Route> {
    let mut routes = Vec::new();
    let per = site.config.paginate_by;
    let home = site.config.home();
    for n in 1..=page_count(site.articles.len(), per) {
        routes.push(Route { path: home.page(n), kind: RouteKind::Home { number: n } });
    }
    for (id, s) in site.sections.iter().enumerate().skip(1) {
        for n in 1..=page_count(s.pages.len(), s.paginate_by) {
            routes.push(Route { path: s.path.page(n), kind: RouteKind::Section { id, number: n } });
        }
        routes.push(Route { path: s.path.file(&site.config.paths.feed), kind: RouteKind::Feed(FeedOf::Section(id)) });
        if let Some(old) = &s.hugo_path {
            routes.push(Route { path: old.clone(), kind: RouteKind::SectionAlias(id) });
        }
    }
    for (id, p) in site.pages.iter().enumerate() {
        routes.push(Route { path: p.path.clone(), kind: RouteKind::Page(id) });
        for alias in &p.aliases {
            routes.push(Route { path: alias.clone(), kind: RouteKind::Alias(id) });
        }
    }
    for (taxonomy, tax) in site.taxonomies.iter().enumerate() {
        routes.push(Route { path: tax.path.clone(), kind: RouteKind::Taxonomy(taxonomy) });
        for (id, t) in tax.terms.iter().enumerate() {
            for n in 1..=page_count(t.pages.len(), per) {
                routes.push(Route { path: t.path.page(n), kind: RouteKind::Term { taxonomy, id, number: n } });
            }
            for alias in &t.aliases {
                routes.push(Route { path: alias.clone(), kind: RouteKind::TermAlias { taxonomy, id } });
            }
            let feed = RouteKind::Feed(FeedOf::Term { taxonomy, id });
            routes.push(Route { path: t.path.file(&site.config.paths.feed), kind: feed });
        }
    }
    routes.push(Route { path: home.child(&site.config.paths.archive), kind: RouteKind::Archives });
    for (index, m) in site.months.iter().enumerate() {
        for n in 1..=page_count(m.pages.len(), per) {
            routes.push(Route { path: m.path.page(n), kind: RouteKind::Archive { index, number: n } });
        }
    }
    routes.push(Route { path: home.file(&site.config.paths.feed), kind: RouteKind::Feed(FeedOf::Site) });
    routes.push(Route { path: home.file("sitemap.xml"), kind: RouteKind::SitemapIndex });
    for n in 0..site.sitemaps.len() {
        routes.push(Route { path: home.file(&sitemap_file(n)), kind: RouteKind::Sitemap(n) });
    }
    if !site.news.is_empty() {
        routes.push(Route { path: home.file(NEWS_SITEMAP), kind: RouteKind::NewsSitemap });
    }
    // One of each for the whole site, made by its default edition.
    if site.config.is_default_edition() {
        routes.push(Route { path: UrlPath::root().file("robots.txt"), kind: RouteKind::Robots });
        routes.push(Route { path: UrlPath::root().file("404.html"), kind: RouteKind::NotFound });
    }
    if site.config.search {
        routes.push(Route { path: home.child(&site.config.paths.search), kind: RouteKind::Search });
    }
    if site.config.editions.len() > 1 {
        routes.push(Route { path: editions::untranslated_page(site), kind: RouteKind::Untranslated });
    }

    // Who claims each output file, to name both sides of a clash.
    let mut claimed: FxHashMap<String, usize> = FxHashMap::default();
    for (i, r) in routes.iter().enumerate() {
        let file = r.path.output_file();
        if let Some(&first) = claimed.get(&file) {
            let (a, b) = (describe(site, &routes[first]), describe(site, r));
            let (at, line) = claim_site(site, r);
            problems.push(
                Problem::at(at, line, 1, msg!("site-produced-by-both", path = r.path.to_string(), a = a, b = b)).hint(
                    // An old address claimed twice is fixed in `aliases:`, not by renaming.
                    if [&routes[first], r].iter().any(|r| matches!(r.kind, RouteKind::Alias(_))) {
                        msg!("site-alias-clash-hint")
                    } else {
                        msg!("site-produced-by-both-hint")
                    },
                ),
            );
        } else {
            claimed.insert(file, i);
        }
    }
    routes
}

/// The file name of sitemap `n` (from 0).
pub(crate) fn sitemap_file(n: usize) -> String {
    format!("sitemap-{}.xml", n + 1)
}

/// The file name of the Google News sitemap.
pub(crate) const NEWS_SITEMAP: &str = "sitemap-news.xml";

/// The addresses of the sitemaps, cut into files of at most `max_urls` addresses and about
/// `max_bytes` (each address counted as its XML will be, its photos included): the home page,
/// sections, pages (those left out of sitemaps excepted) and terms.
pub(crate) fn sitemap_parts(site: &Site, max_urls: usize, max_bytes: usize) -> Vec<Vec<SitemapEntry>> {
    // `<url><loc>…</loc><lastmod>2023-04-06T08:30:00+07:00</lastmod></url>` and the file's
    // own head and tail.
    const ENTRY: usize = 70;
    const IMAGE: usize = 45;
    const FILE: usize = 300;
    let base = site.config.base_url.len();
    let mut entries: Vec<(SitemapEntry, usize)> = vec![(SitemapEntry::Home, base + ENTRY)];
    for (id, s) in site.sections.iter().enumerate().skip(1) {
        entries.push((SitemapEntry::Section(id), base + s.path.as_str().len() + ENTRY));
    }
    for (id, p) in site.pages.iter().enumerate() {
        if !p.no_sitemap {
            let images: usize = page_images(p).map(|i| base + i.len() + IMAGE).sum();
            entries.push((SitemapEntry::Page(id), base + p.path.as_str().len() + ENTRY + images));
        }
    }
    for (tax, t) in site.taxonomies.iter().enumerate() {
        // Its index of terms, when it has any (an empty one lists nothing worth a search).
        if !t.terms.is_empty() {
            entries.push((SitemapEntry::Taxonomy(tax), base + t.path.as_str().len() * 2 + ENTRY));
        }
        for (id, term) in t.terms.iter().enumerate() {
            // Escaped as XML, a term's path may grow (`&` → `&amp;`): counted generously.
            entries.push((SitemapEntry::Term(tax, id), base + term.path.as_str().len() * 2 + ENTRY));
        }
    }
    cut_in_files(entries, max_urls, max_bytes, FILE)
}

/// Entries with their sizes, in files of at most `max_urls` entries and `max_bytes` (with
/// `file` bytes of each file's own), in order; one file at least.
fn cut_in_files<T>(entries: Vec<(T, usize)>, max_urls: usize, max_bytes: usize, file: usize) -> Vec<Vec<T>> {
    let mut parts: Vec<Vec<T>> = vec![Vec::new()];
    let mut bytes = file;
    for (entry, size) in entries {
        let part = parts.last_mut().expect("one part at least");
        if !part.is_empty() && (part.len() >= max_urls || bytes + size > max_bytes) {
            parts.push(Vec::new());
            bytes = file;
        }
        parts.last_mut().expect("one part at least").push(entry);
        bytes += size;
    }
    parts
}

/// The articles of the last two days before `now`, newest first, for Google News (which takes
/// 1,000 at most).
pub(crate) fn news(site: &Site, now: jiff::Timestamp) -> Vec<PageId> {
    let since = now - jiff::SignedDuration::from_hours(48);
    site.articles
        .iter()
        .copied()
        .take_while(|&id| site.pages[id].date.as_ref().is_some_and(|d| d.timestamp() >= since))
        .filter(|&id| !site.pages[id].no_sitemap && site.pages[id].date.as_ref().is_some_and(|d| d.timestamp() <= now))
        .take(1000)
        .collect()
}

/// The photos of this site a page shows, for sitemaps: its lead image, then its body's.
pub(crate) fn page_images(p: &Page) -> impl Iterator<Item = &str> {
    let lead = p.image.as_deref().filter(|i| !crate::base::paths::is_external(i));
    lead.into_iter().chain(p.body.images.iter().map(String::as_str).filter(move |i| Some(*i) != lead))
}

/// Names the source of a route for messages.
pub(crate) fn describe(site: &Site, route: &Route) -> Message {
    match route.kind {
        RouteKind::Page(id) => describe_file(&site.pages[id].source.to_string()),
        RouteKind::Alias(id) => msg!("site-an-alias-in", source = site.pages[id].source.to_string()),
        RouteKind::Section { id, .. } | RouteKind::Feed(FeedOf::Section(id)) | RouteKind::SectionAlias(id) => {
            match &site.sections[id].source {
                Some(src) => describe_file(&src.to_string()),
                None => msg!("site-the-section", dir = site.sections[id].dir.as_str()),
            }
        }
        RouteKind::Term { taxonomy, id, .. } | RouteKind::Feed(FeedOf::Term { taxonomy, id }) => {
            let tax = &site.taxonomies[taxonomy];
            match tax.terms[id].text.as_ref().and_then(|t| t.source.as_ref()) {
                Some(src) => describe_file(&src.to_string()),
                None => msg!("site-the-term", taxonomy = tax.name.as_str(), term = tax.terms[id].name.as_str()),
            }
        }
        RouteKind::TermAlias { taxonomy, id } => {
            let term = &site.taxonomies[taxonomy].terms[id];
            match term.text.as_ref().and_then(|t| t.source.as_ref()) {
                Some(src) => msg!("site-an-alias-in", source = src.to_string()),
                None => msg!("site-an-alias-of", term = term.name.as_str()),
            }
        }
        RouteKind::Taxonomy(taxonomy) => {
            msg!("site-the-taxonomy-index", taxonomy = site.taxonomies[taxonomy].name.as_str())
        }
        RouteKind::Archives | RouteKind::Archive { .. } => msg!("site-the-archive"),
        RouteKind::Home { .. } => msg!("site-the-home-page"),
        RouteKind::Feed(FeedOf::Site) => msg!("site-the-site-feed"),
        RouteKind::SitemapIndex | RouteKind::Sitemap(_) | RouteKind::NewsSitemap => msg!("site-the-sitemap"),
        RouteKind::Robots => msg!("site-the-robots"),
        RouteKind::NotFound => msg!("site-the-404-page"),
        RouteKind::Search => msg!("site-the-search-page"),
        RouteKind::Untranslated => msg!("site-the-untranslated"),
    }
}

/// A file named in a message as it is (`content/tin/a.md`, `static/robots.txt`), such as a
/// source that [`describe`] names.
pub(crate) fn describe_file(path: &str) -> Message {
    msg!("site-file", path = path)
}

/// The file and line a clash is reported at: the later claimant's source.
pub(crate) fn claim_site(site: &Site, route: &Route) -> (PathBuf, usize) {
    match route.kind {
        RouteKind::Page(id) => (site.pages[id].source.display(), 1),
        RouteKind::Alias(id) => (site.pages[id].source.display(), site.pages[id].aliases_line),
        RouteKind::Term { taxonomy, id, .. } | RouteKind::TermAlias { taxonomy, id } => {
            match site.taxonomies[taxonomy].terms[id].text.as_ref().and_then(|t| t.source.as_ref()) {
                Some(src) => (src.display(), 1),
                None => (PathBuf::from(crate::config::CONFIG_FILE), 1),
            }
        }
        RouteKind::Section { id, .. } | RouteKind::Feed(FeedOf::Section(id)) | RouteKind::SectionAlias(id) => (
            site.sections[id]
                .source
                .as_ref()
                .map_or_else(|| PathBuf::from("content").join(&site.sections[id].dir), SourcePath::display),
            1,
        ),
        _ => (PathBuf::from(crate::config::CONFIG_FILE), 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sitemap_files_lose_nothing_and_stay_within_bounds(
            sizes in proptest::collection::vec(1usize..500, 0..300),
            max_urls in 1usize..40,
            max_bytes in 400usize..3000,
        ) {
            let entries: Vec<(usize, usize)> = sizes.iter().copied().enumerate().collect();
            let parts = cut_in_files(entries, max_urls, max_bytes, 100);
            let joined: Vec<usize> = parts.iter().flatten().copied().collect();
            prop_assert_eq!(joined, (0..sizes.len()).collect::<Vec<_>>());
            for part in &parts {
                prop_assert!(!part.is_empty() || sizes.is_empty());
                prop_assert!(part.len() <= max_urls);
                let bytes: usize = 100 + part.iter().map(|&i| sizes[i]).sum::<usize>();
                prop_assert!(bytes <= max_bytes || part.len() == 1, "{} bytes in {:?}", bytes, part);
            }
        }

        #[test]
        fn pagination_loses_nothing(len in 0usize..200, per in 1usize..30) {
            let items: Vec<usize> = (0..len).collect();
            let pages = page_count(len, per);
            let joined: Vec<usize> = (1..=pages).flat_map(|n| page_items(&items, per, n).to_vec()).collect();
            prop_assert_eq!(joined, items);
            prop_assert!(pages >= 1);
        }
    }
}
