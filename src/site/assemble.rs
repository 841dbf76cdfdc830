//! The site's own stages, in order: each takes values and returns values, and `assemble`
//! strings them together.
//!
//! ```text
//! sources ─ sections ──► sections (one per folder; taxonomy folders excepted)
//! documents ─ place ───► pages at their URLs, section texts, term and taxonomy texts, drafts
//!           ─ order ───► articles newest first, ranks, pinned
//!           ─ taxonomy::collect ─► taxonomies, each page's terms, term page files
//!           ─ links ───► what each Markdown file becomes (pages, sections, terms)
//!           ─ bodies ──► rendered Markdown of pages, sections, terms, taxonomy indexes
//!           ─ lists ───► section lists and order, previous/next, related, archive months
//!           ─ routes ──► one route per output file
//! ```

use std::path::PathBuf;
use std::sync::Arc;

use jiff::Zoned;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::collate::Alphabet;
use super::taxonomy::{self, Taxonomy, TaxonomyId, Term, TermFile, TermText};
use super::{
    Asset, BodyCache, CachedBody, Drafts, Future, LinkMap, Month, Page, PageId, Section, SectionId, Selection, Site,
    body_of, routes,
};
use crate::base::error::Problem;
use crate::base::messages::Message;
use crate::base::paths::{Slug, SourcePath, UrlPath};
use crate::config::{Config, Permalink, PermalinkPart};
use crate::content::discover::Sources;
use crate::content::{DocKind, Document, SortBy};
use crate::markdown::SitePathRef;
use crate::msg;

/// What [`assemble`] does with the Markdown text of the documents it renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Markdown {
    /// Leaves it in the documents (a session that rebuilds compares and renders them again).
    Keep,
    /// Takes it out as it renders, leaving the documents' bodies empty (a one-shot build).
    Release,
}

/// What the site is made of besides its documents: what the scan found, the photos prepared
/// from it, and the documents that did not parse (links to them are not reported again).
pub(crate) struct Found<'a> {
    pub(crate) sources: &'a Sources,
    pub(crate) photos: Arc<crate::images::Photos>,
    pub(crate) failed: &'a [SourcePath],
    /// The shortcodes of the theme and the site (none while the theme is broken).
    pub(crate) shortcodes: Option<Arc<dyn crate::markdown::Templates>>,
    /// Where the files of the site's default edition are published, when this is another:
    /// a link to one of them leads there when this edition has no translation of it.
    pub(crate) elsewhere: &'a Elsewhere,
}

/// Where the site's default edition publishes its files (and will publish its drafts and
/// future articles), for links from another edition to pages it has no translation of.
#[derive(Debug, Clone, Default)]
pub(crate) struct Elsewhere {
    pub(crate) pages: Vec<(SourcePath, UrlPath)>,
    pub(crate) unpublished: Vec<(SourcePath, UrlPath)>,
    /// The Markdown files of the other editions.
    pub(crate) other_files: Arc<rustc_hash::FxHashSet<SourcePath>>,
}

/// Builds the site graph, and every problem found on the way: a site with problems is still
/// whole enough to check what it would publish (addresses from the site's root), so that
/// every problem of a run is said in that run.
///
/// The body cache is read for bodies that need no rendering, and replaced by this run's.
pub(crate) fn assemble(
    config: Config,
    documents: &mut [&mut Document],
    found: Found<'_>,
    selection: Selection,
    cache: &mut BodyCache,
    markdown: Markdown,
) -> (Site, Vec<Problem>) {
    let Found { sources, photos, failed, shortcodes, elsewhere } = found;
    let alphabet = Alphabet::new(config.language.code());
    let (sections, mut problems) = sections(&config, sources);
    let placed = place(&config, documents, sections, selection, failed);
    problems.extend(placed.problems);
    let Placed {
        mut pages,
        mut sections,
        page_docs,
        section_docs,
        term_docs,
        taxonomy_docs,
        unpublished,
        left_out,
        ..
    } = placed;
    let unnamed = name_unnamed_sections(&mut sections);
    let order = Order::of(&pages);

    // Taxonomies, from the front matter alone: their URLs are known before any body is
    // rendered, so bodies can link to term pages.
    let (mut taxonomies, attached) =
        taxonomies(&config, documents, (&mut pages, &page_docs), &term_docs, (&order, &alphabet), &mut problems);
    let term_paths = term_paths(documents, &taxonomies, &attached, &taxonomy_docs);
    let mut links = links(&pages, &sections, &term_paths, unpublished, sources, (Arc::clone(&photos), shortcodes));
    link_translations(&mut links, elsewhere, config.this_edition().folder.as_deref());
    links.other_editions = Arc::clone(&elsewhere.other_files);
    links.scripts = config.scripts;

    // Bodies, in parallel: the costly part of assembling, skipped for what the cache holds.
    let page_texts = PageTexts { pages: &mut pages, docs: &page_docs, markdown };
    let mut rendered = bodies(documents, page_texts, &links, cache);
    problems.append(&mut rendered.problems);
    rendered.warnings.extend(anchors_in_other_pages(&pages));
    let documents: &[&mut Document] = documents;
    let texts = Texts {
        documents,
        links: &links,
        cache,
        rendered: &mut rendered,
        problems: &mut problems,
        site_paths: Vec::new(),
    };
    let site_paths = texts.render(&mut sections, &mut taxonomies, section_docs, &attached, taxonomy_docs);

    let months = lists(&config, (&mut pages, &mut sections), &taxonomies, &order, &alphabet);
    // Photos and files beside the articles are published once, by the default edition.
    let assets: Vec<Asset> = if config.is_default_edition() {
        sources.assets.iter().map(|a| Asset { disk: a.disk.clone(), output: a.path.as_str().to_string() }).collect()
    } else {
        Vec::new()
    };

    let unread_keys = unread_keys(documents, &config);
    let mut warnings = rendered.warnings;
    warnings.extend(site_warnings(&config, sources, documents));
    warnings.sort();
    *cache = rendered.cache;
    let mut site = Site {
        config,
        pages,
        sections,
        taxonomies,
        months,
        articles: order.articles,
        pinned: order.pinned,
        routes: Vec::new(),
        sitemaps: Vec::new(),
        news: Vec::new(),
        assets,
        left_out,
        unread_keys,
        unnamed_sections: unnamed,
        warnings,
        other_site_paths: site_paths,
        untranslated: 0,
        links,
    };
    site.sitemaps = super::sitemap_parts(&site, super::SITEMAP_URLS, super::SITEMAP_BYTES);
    site.news = super::news(&site, selection.now);
    site.routes = routes(&site, &mut problems);
    (site, problems)
}

/// The lists of the site: each section's pages, each article's neighbours and related
/// articles; the months of the archive.
fn lists(
    config: &Config,
    (pages, sections): (&mut [Page], &mut [Section]),
    taxonomies: &[Taxonomy],
    order: &Order,
    alphabet: &Alphabet,
) -> Vec<Month> {
    list_sections(sections, pages, order, alphabet);
    neighbours(pages, &order.articles);
    let tags = config.taxonomy("tags").map(|(t, _)| (t, taxonomies[t].terms.as_slice()));
    let related = related(pages, order, tags);
    for (&id, rel) in order.articles.iter().zip(related) {
        pages[id].related = rel;
    }
    archive(config, pages, &order.articles)
}

/// Where the texts of terms and taxonomies are published, by their files, for links to them.
fn term_paths(
    documents: &[&mut Document],
    taxonomies: &[Taxonomy],
    attached: &[(TaxonomyId, usize, usize)],
    taxonomy_docs: &[(TaxonomyId, usize)],
) -> Vec<(SourcePath, UrlPath)> {
    attached
        .iter()
        .map(|&(t, term, i)| (documents[i].source.clone(), taxonomies[t].terms[term].path.clone()))
        .chain(taxonomy_docs.iter().map(|&(t, i)| (documents[i].source.clone(), taxonomies[t].path.clone())))
        .collect()
}

/// The site's taxonomies from the front matter alone (each page's terms are set), and each
/// term file attached to its term: (taxonomy, term, document).
fn taxonomies(
    config: &Config,
    documents: &[&mut Document],
    (pages, page_docs): (&mut [Page], &[usize]),
    term_docs: &[usize],
    (order, alphabet): (&Order, &Alphabet),
    problems: &mut Vec<Problem>,
) -> (Vec<Taxonomy>, Vec<(TaxonomyId, usize, usize)>) {
    let file_docs: Vec<usize> =
        term_docs.iter().copied().filter(|&i| taxonomy::folder_of(config, documents[i]).is_some()).collect();
    let files: Vec<TermFile<'_>> = file_docs
        .iter()
        .filter_map(|&i| {
            let doc: &Document = documents[i];
            taxonomy::folder_of(config, doc).map(|taxonomy| TermFile { doc, taxonomy })
        })
        .collect();
    let names_of = |id: PageId, name: &str| taxonomy::names_in(documents[page_docs[id]], name);
    let inputs = taxonomy::Inputs {
        config,
        alphabet,
        articles: &order.articles,
        rank: &order.rank,
        names_of: &names_of,
        files: &files,
        pages: pages.len(),
    };
    let taxonomy::Collected { taxonomies, page_terms, attached } = taxonomy::collect(&inputs, problems);
    for (id, terms) in page_terms.into_iter().enumerate() {
        pages[id].terms = terms;
    }
    let attached = attached.into_iter().map(|(t, term, f)| (t, term, file_docs[f])).collect();
    (taxonomies, attached)
}

/// Renders the texts that are not pages: of sections (`_index.md`), terms and taxonomies.
struct Texts<'a, 'd> {
    documents: &'a [&'d mut Document],
    links: &'a LinkMap,
    cache: &'a BodyCache,
    rendered: &'a mut Rendered,
    problems: &'a mut Vec<Problem>,
    /// The site paths these texts write, with their files.
    site_paths: Vec<(SourcePath, SitePathRef)>,
}

impl Texts<'_, '_> {
    /// Renders every text into its section, term or taxonomy; the site paths they write.
    fn render(
        mut self,
        sections: &mut [Section],
        taxonomies: &mut [Taxonomy],
        section_docs: Vec<(SectionId, usize)>,
        attached: &[(TaxonomyId, usize, usize)],
        taxonomy_docs: Vec<(TaxonomyId, usize)>,
    ) -> Vec<(SourcePath, SitePathRef)> {
        for (id, i) in section_docs {
            sections[id].content = self.one(i, &sections[id].path).html.unpack();
        }
        let mut term_problems = Vec::new();
        for &(t, term, i) in attached {
            let body = self.one(i, &taxonomies[t].terms[term].path);
            let term = &mut taxonomies[t].terms[term];
            term.text = Some(term_text(self.documents[i], &body, &mut term.aliases, &mut term_problems));
        }
        for (t, i) in taxonomy_docs {
            let doc: &Document = self.documents[i];
            let tax = &mut taxonomies[t];
            tax.title = doc.front.title.clone().or(tax.title.take());
            tax.description = doc.front.description.clone().or_else(|| doc.front.summary.clone());
            tax.source = Some(doc.source.clone());
            tax.content = self.one(i, &tax.path).html.unpack();
        }
        self.problems.append(&mut term_problems);
        self.site_paths
    }

    fn one(&mut self, i: usize, path: &UrlPath) -> Arc<super::Body> {
        let doc: &Document = self.documents[i];
        let cached = body_of(doc, &doc.body, path, self.links, Some(self.cache));
        self.site_paths.extend(cached.body.site_paths.iter().map(|r| (doc.source.clone(), r.clone())));
        self.problems.extend(cached.body.problems.iter().cloned());
        self.rendered.warnings.extend(cached.body.warnings.iter().cloned());
        let body = Arc::clone(&cached.body);
        self.rendered.cache.entries.insert(doc.source.clone(), cached);
        body
    }
}

/// What the site as a whole warns of: files with front matter bantin does not read, a
/// missing or sub-path address, and front matter keys cut by a comment or misspelled.
fn site_warnings(config: &Config, sources: &Sources, documents: &[&mut Document]) -> Vec<Problem> {
    let mut warnings = Vec::new();
    // A file with front matter that bantin does not read (`.mdx`, `.html`) would be published
    // as it is, front matter and all: say so.
    for asset in &sources.assets {
        if has_front_matter(&asset.disk) {
            warnings.push(
                Problem::file(asset.path.display(), msg!("site-front-matter-not-read"))
                    .hint(msg!("site-front-matter-not-read-hint")),
            );
        }
    }
    // Without the site's address, canonical URLs, feeds and sharing images cannot work.
    if !config.base_url.contains("://") {
        warnings.push(
            Problem::file(crate::config::CONFIG_FILE, msg!("site-no-base-url")).hint(msg!("site-no-base-url-hint")),
        );
    }
    // Crawlers read robots.txt at the host's root only: one under a sub-path is never read.
    let base_path = config.base_path();
    if base_path != "/" && config.base_url.contains("://") {
        let message = msg!("site-robots-sub-path", path = base_path);
        let said = match config.base_url_line {
            Some(line) => Problem::at(crate::config::CONFIG_FILE, line, 1, message),
            None => Problem::file(crate::config::CONFIG_FILE, message),
        };
        warnings
            .push(said.hint(msg!("site-robots-sub-path-hint", sitemap = format!("{}sitemap.xml", config.base_url))));
    }
    // Keys that look misspelled (`tag:`, `autor:`) do nothing: say so, at their line.
    for doc in documents.iter() {
        for (key, line, column, whole) in &doc.front.cut_by_comment {
            let kept = whole.split(" #").next().unwrap_or_default().trim_end();
            let quoted = whole.replace('"', "\\\"");
            warnings.push(
                Problem::at(doc.source.display(), *line, *column, msg!("fm-comment-cut", key = key, kept = kept))
                    .hint(msg!("fm-comment-cut-hint", key = key, whole = quoted)),
            );
        }
        for (written, known) in &doc.front.misspelled {
            let is_taxonomy = config.taxonomies.iter().any(|t| &t.name == written);
            if !is_taxonomy {
                warnings.push(
                    Problem::at(
                        doc.source.display(),
                        doc.front.line_of(written),
                        1,
                        msg!("site-unknown-key", key = written.as_str()),
                    )
                    .hint(msg!("site-did-you-mean", key = *known)),
                );
            }
        }
    }
    warnings
}

/// The front matter keys of all documents that bantin does not read (nor a taxonomy takes),
/// with how many files have each, most first.
fn unread_keys(documents: &[&mut Document], config: &Config) -> Vec<(String, usize)> {
    let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
    for doc in documents {
        for key in doc.front.extra.keys() {
            *counts.entry(key.as_str()).or_default() += 1;
        }
    }
    let mut list: Vec<(String, usize)> = counts
        .into_iter()
        .filter(|(k, _)| !crate::content::front_matter::is_read(k) && !config.taxonomies.iter().any(|t| t.name == *k))
        .map(|(k, n)| (k.to_string(), n))
        .collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list
}

/// A section without `_index.md` has only its folder's name, which has lost its tone marks
/// (`tin-tuc`): it is shown as words (`Tin tuc`), and the build's summary names the folders
/// (`content/tin-tuc`) so the editor can give each its name.
fn name_unnamed_sections(sections: &mut [Section]) -> Vec<String> {
    let mut unnamed = Vec::new();
    for s in sections.iter_mut().skip(1).filter(|s| s.source.is_none()) {
        let words = s.title.replace(['-', '_'], " ");
        let mut chars = words.trim().chars();
        let Some(first) = chars.next() else { continue };
        s.title = first.to_uppercase().chain(chars).collect();
        unnamed.push(format!("content/{}", s.dir));
    }
    unnamed
}

/// Whether a text file that is not Markdown starts with front matter (`.mdx`, `.html`…).
fn has_front_matter(path: &std::path::Path) -> bool {
    use std::io::Read;
    const TEXT: &[&str] = &["mdx", "html", "htm", "mkd", "mdown", "txt", "rmd", "adoc", "org"];
    let is_text =
        path.extension().and_then(|e| e.to_str()).is_some_and(|e| TEXT.contains(&e.to_ascii_lowercase().as_str()));
    let mut start = [0u8; 8];
    is_text
        && std::fs::File::open(path).and_then(|mut f| f.read(&mut start)).is_ok_and(|n| {
            let s = &start[..n];
            s.starts_with(b"---\n")
                || s.starts_with(b"---\r\n")
                || s.starts_with(b"+++\n")
                || s.starts_with(b"\xef\xbb\xbf---")
        })
}

/// Sections: one per folder of `content/` that holds Markdown (in it or below), the root
/// first; a taxonomy's folder holds its terms' pages instead.
fn sections(config: &Config, sources: &Sources) -> (Vec<Section>, Vec<Problem>) {
    let mut problems = Vec::new();
    // A page bundle's folder (and what it holds) is the page's, not a section.
    let bundles: Vec<&str> = sources.documents.iter().filter(|d| d.path.is_bundle()).map(|d| d.path.dir()).collect();
    // A folder with no Markdown anywhere under it holds files of the pages (photos of an
    // album, Jekyll's images/): published, but not a section with a page in the menu.
    let mut with_documents: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    for d in &sources.documents {
        let mut dir = d.path.dir();
        while with_documents.insert(dir) && !dir.is_empty() {
            dir = dir.rsplit_once('/').map_or("", |(p, _)| p);
        }
    }
    // The edition's own folder (`content/en/`), when it has one, is its home page's.
    let root = config.this_edition().folder.clone().unwrap_or_default();
    let mut dirs: Vec<String> = sources
        .dirs
        .iter()
        .filter(|d| with_documents.contains(d.as_str()) && !config.holds_pages(config.place(d)))
        .filter(|d| !bundles.iter().any(|b| d.as_str() == *b || d.strip_prefix(b).is_some_and(|r| r.starts_with('/'))))
        .cloned()
        .collect();
    if !dirs.contains(&root) {
        dirs.push(root.clone());
    }
    dirs.sort();
    let mut section_of_dir: FxHashMap<String, SectionId> = FxHashMap::default();
    let mut sections: Vec<Section> = Vec::new();
    for dir in &dirs {
        let place = config.place(dir);
        if config.taxonomies.iter().any(|t| place == t.path || place.starts_with(&format!("{}/", t.path))) {
            continue;
        }
        let parent = if *dir == root {
            None
        } else {
            let parent_dir = dir.rsplit_once('/').map_or("", |(p, _)| p);
            section_of_dir.get(parent_dir).copied()
        };
        let name = dir.rsplit('/').next().unwrap_or("");
        // Hugo's address of the folder: its name in lower case, dots and all, when that is a
        // plain address that is not bantin's (the folder `1.1-Week1`: `1.1-week1/`).
        let hugo_name = name.to_lowercase();
        let hugo_plain = hugo_name.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
            && !hugo_name.starts_with(['.', '_'])
            && !hugo_name.contains("..");
        let path = match (parent, Slug::from_text(name)) {
            (None, _) => config.home(),
            (Some(p), Some(slug)) => sections[p].path.child(slug.as_str()),
            (Some(p), None) => {
                problems.push(
                    Problem::file(PathBuf::from("content").join(dir), msg!("site-folder-no-letters"))
                        .hint(msg!("site-folder-no-letters-hint")),
                );
                sections[p].path.child("muc")
            }
        };
        let hugo_path = parent
            .filter(|_| hugo_plain)
            .map(|p| sections[p].hugo_path.clone().unwrap_or_else(|| sections[p].path.clone()).child(&hugo_name))
            .filter(|hugo| *hugo != path);
        let id = sections.len();
        section_of_dir.insert(dir.clone(), id);
        if let Some(p) = parent {
            sections[p].children.push(id);
        }
        sections.push(Section {
            source: None,
            dir: dir.clone(),
            title: name.to_string(),
            description: None,
            path,
            parent,
            children: Vec::new(),
            pages: Vec::new(),
            sort_by: SortBy::Date,
            weight: 0,
            paginate_by: config.paginate_by,
            content: String::new(),
            template: None,
            extra: Arc::default(),
            twins: Vec::new(),
            hugo_path,
        });
    }
    sections[0].title = config.title.clone();
    (sections, problems)
}

/// Where every document goes: pages at their URLs, texts of sections, terms and taxonomies
/// (by index in the documents), and what this build does not publish.
struct Placed {
    pages: Vec<Page>,
    sections: Vec<Section>,
    /// For each page, its document.
    page_docs: Vec<usize>,
    section_docs: Vec<(SectionId, usize)>,
    term_docs: Vec<usize>,
    taxonomy_docs: Vec<(TaxonomyId, usize)>,
    /// Drafts, future articles and files that did not parse, with the URL they will have.
    unpublished: FxHashMap<SourcePath, UrlPath>,
    left_out: super::LeftOut,
    problems: Vec<Problem>,
}

/// Places each document, and takes the front matter of sections' `_index.md` into them.
fn place(
    config: &Config,
    documents: &[&mut Document],
    sections: Vec<Section>,
    selection: Selection,
    failed: &[SourcePath],
) -> Placed {
    let section_of_dir: FxHashMap<String, SectionId> =
        sections.iter().enumerate().map(|(id, s)| (s.dir.clone(), id)).collect();
    let mut placed = Placed {
        pages: Vec::new(),
        sections,
        page_docs: Vec::new(),
        section_docs: Vec::new(),
        term_docs: Vec::new(),
        taxonomy_docs: Vec::new(),
        unpublished: failed.iter().map(|f| (f.clone(), UrlPath::root())).collect(),
        left_out: super::LeftOut::default(),
        problems: Vec::new(),
    };
    for (index, doc) in documents.iter().enumerate() {
        let doc: &Document = doc;
        if doc.kind == DocKind::Translation {
            placed.left_out.translations += 1;
            continue;
        }
        if let Some(t) = taxonomy::folder_of(config, doc) {
            match doc.kind {
                DocKind::Term if !(doc.front.draft && selection.drafts == Drafts::Exclude) => {
                    placed.term_docs.push(index);
                }
                DocKind::SectionIndex => placed.taxonomy_docs.push((t, index)),
                _ => {}
            }
            continue;
        }
        // A page is in no section: its address is its folders' and its own name's.
        if doc.kind == DocKind::Page {
            placed.page(config, doc, (index, 0), selection);
            continue;
        }
        let Some(section) = section_of_dir.get(doc.source.place_dir()).copied() else {
            // In the folder of a page bundle (which has `index.md`): an `_index.md`, or another
            // page (`gioi-thieu/index.md` and `gioi-thieu/lich-su/index.md`, as Jekyll sites
            // have them).
            let problem =
                if doc.source.name() == "_index" {
                    Problem::file(doc.source.display(), msg!("site-index-in-bundle"))
                        .hint(msg!("site-index-in-bundle-hint"))
                } else {
                    let bundle = bundle_around(&doc.source);
                    let top = doc.source.dir().split('/').next().unwrap_or_default();
                    Problem::file(doc.source.display(), msg!("site-page-in-bundle", bundle = bundle.as_str()))
                        .hint(msg!("site-page-in-bundle-hint", bundle = bundle.as_str(), folder = top))
                };
            placed.problems.push(problem);
            continue;
        };
        match doc.kind {
            DocKind::Term | DocKind::Translation => {}
            DocKind::SectionIndex => placed.section_text(section, doc, index),
            DocKind::Article | DocKind::Page => placed.page(config, doc, (index, section), selection),
        }
    }
    placed
}

impl Placed {
    /// A section's `_index.md`: its front matter becomes the section's.
    fn section_text(&mut self, section: SectionId, doc: &Document, index: usize) {
        let s = &mut self.sections[section];
        s.source = Some(doc.source.clone());
        if let Some(t) = &doc.front.title {
            s.title = t.clone();
        }
        s.description = doc.front.description.clone().or_else(|| doc.front.summary.clone());
        s.sort_by = doc.front.sort_by;
        s.weight = doc.front.weight;
        if let Some(n) = doc.front.paginate_by {
            s.paginate_by = n;
        }
        s.template = doc.front.template.clone().map(|t| (t, doc.front.line_of("template")));
        s.extra = Arc::clone(&doc.front.extra);
        self.section_docs.push((section, index));
    }

    /// An article or a page at its address, unless this build leaves it out.
    fn page(&mut self, config: &Config, doc: &Document, (index, section): (usize, SectionId), selection: Selection) {
        let Some(slug) = slug_of(doc, &mut self.problems) else { return };
        // Pages in a folder of pages follow its pattern too (`permalinks: {page: /vi/page/:slug/}`);
        // those at the top of `content/` have none.
        let place = config.place(doc.source.place_dir());
        let pattern = permalink_of(config, place).filter(|_| !place.is_empty());
        let path = match (doc.kind, pattern) {
            (DocKind::Page, None) => page_folder(config, &doc.source).child(slug.as_str()),
            (_, None) => self.sections[section].path.child(slug.as_str()),
            (_, Some(pattern)) => match expand(pattern, doc, &slug, &self.sections[section].path, config) {
                Ok(path) => path,
                Err(message) => {
                    self.problems.push(
                        Problem::at(doc.source.display(), 1, 1, message)
                            .hint(msg!("site-permalink-hint", pattern = pattern.pattern.as_str())),
                    );
                    return;
                }
            },
        };
        if self.leaves_out(doc, selection) {
            self.unpublished.insert(doc.source.clone(), path);
            return;
        }
        let mut aliases: Vec<UrlPath> =
            doc.front.slug.as_deref().and_then(old_address).filter(|old| *old != path).into_iter().collect();
        // In a folder whose address Hugo wrote otherwise (`1.1-week1/`), the page's address there.
        if pattern.is_none()
            && doc.kind != DocKind::Page
            && let Some(hugo) = &self.sections[section].hugo_path
        {
            aliases.push(hugo.child(slug.as_str()));
        }
        aliases.extend(name_as_written(doc, &slug, &path));
        // An old address equal to the page's own (Hugo sites write `url:` and `aliases:`
        // alike) is the page itself, not a second file.
        aliases.extend(aliases_of(doc, "/tin-cu/bai-1/", &mut self.problems).into_iter().filter(|a| *a != path));
        let mut seen = rustc_hash::FxHashSet::default();
        aliases.retain(|a| seen.insert(a.clone()));
        let mut page = page_of(doc, path, aliases, if doc.kind == DocKind::Page { 0 } else { section });
        page.expired = page.expires.as_ref().is_some_and(|e| e.timestamp() <= selection.now);
        if let Some(expires) = page.expires.as_ref().filter(|_| !page.expired)
            && self.left_out.next_expiry.as_ref().is_none_or(|n| expires.timestamp() < n.timestamp())
        {
            self.left_out.next_expiry = Some(expires.clone());
        }
        page.noindex |= page.expired;
        page.no_sitemap |= page.noindex;
        self.pages.push(page);
        self.page_docs.push(index);
    }

    /// Whether a draft or a future article is left out of this build (and counted).
    fn leaves_out(&mut self, doc: &Document, selection: Selection) -> bool {
        let is_draft = doc.front.draft && selection.drafts == Drafts::Exclude;
        let publish = doc.front.publish.as_ref().or(doc.front.date.as_ref());
        let is_future = publish.is_some_and(|d| d.timestamp() > selection.now) && selection.future == Future::Exclude;
        if is_draft {
            self.left_out.drafts += 1;
            self.left_out.draft_files.push(doc.source.display());
        } else if is_future && let Some(when) = publish {
            self.left_out.future += 1;
            if self.left_out.next.as_ref().is_none_or(|n| when.timestamp() < n.timestamp()) {
                self.left_out.next = Some(when.clone());
            }
        }
        is_draft || is_future
    }
}

/// A page's slug: `slug:`, else its file name's; `None` (with the problem) when neither makes one.
fn slug_of(doc: &Document, problems: &mut Vec<Problem>) -> Option<Slug> {
    match &doc.front.slug {
        // A whole address written as the slug (`/2020/01/ky-ket/`, as some exports do): its
        // last part is the slug, and the address itself an alias (see `old_address`).
        Some(s) if old_address(s).is_some() => {
            let last = s.trim_end_matches('/').rsplit('/').next().unwrap_or_default();
            let last = last.strip_suffix(".html").unwrap_or(last);
            Slug::from_text(last)
        }
        Some(s) => match Slug::from_front_matter(s) {
            Ok(slug) => Some(slug),
            Err(reason) => {
                problems.push(
                    Problem::at(
                        doc.source.display(),
                        doc.front.line_of("slug"),
                        7,
                        msg!("site-slug-problem", reason = reason),
                    )
                    .hint(msg!("site-slug-hint")),
                );
                None
            }
        },
        None => {
            // A Jekyll post's date prefix is its date, not part of its address.
            let stem = doc.source.page_name();
            let stem = crate::content::date_in_name(stem).map_or(stem, |d| &stem[d.len() + 1..]);
            let slug = Slug::from_text(stem);
            if slug.is_none() {
                problems.push(
                    Problem::file(doc.source.display(), msg!("site-file-no-letters"))
                        .hint(msg!("site-file-no-letters-hint")),
                );
            }
            slug
        }
    }
}

/// The `index.md` of the page bundle whose folder holds `source` (`content/gioi-thieu/index.md`).
fn bundle_around(source: &SourcePath) -> String {
    let mut dir = source.place_dir();
    loop {
        let index = if dir.is_empty() { "index.md".to_string() } else { format!("{dir}/index.md") };
        if SourcePath::new(&index).is_some_and(|p| p.is_bundle()) || dir.is_empty() {
            return format!("content/{index}");
        }
        dir = dir.rsplit_once('/').map_or("", |(d, _)| d);
    }
}

/// The address of the folder a page is published in: its own folders' slugs
/// (`gioi-thieu/lich-su/index.md` and `gioi-thieu/lich-su.md` are `/gioi-thieu/lich-su/`; a
/// folder's `_index.md` is the folder's own address).
fn page_folder(config: &Config, source: &SourcePath) -> UrlPath {
    let dir = if source.name() == "_index" { source.parent_dir().unwrap_or_default() } else { source.place_dir() };
    config
        .place(dir)
        .split('/')
        .filter(|d| !d.is_empty())
        .fold(config.home(), |path, d| path.child(Slug::from_text(d).as_ref().map_or(d, Slug::as_str)))
}

/// The address a page had where its file name was its address as written: Jekyll keeps the
/// name's case and underscores (`2006-11-03-CVE-2006-5467.md` was `/…/CVE-2006-5467/`), where
/// bantin's slug is `cve-2006-5467`. Only for plain names (ASCII letters, digits, `-`, `_`,
/// `.`): others were never an address as they are.
fn name_as_written(doc: &Document, slug: &Slug, path: &UrlPath) -> Option<UrlPath> {
    if doc.front.slug.is_some() {
        return None;
    }
    let stem = doc.source.page_name();
    let stem = crate::content::date_in_name(stem).map_or(stem, |d| &stem[d.len() + 1..]);
    let plain = stem.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
    if !plain || stem == slug.as_str() || path.as_str().matches(slug.as_str()).count() != 1 {
        return None;
    }
    let old = UrlPath::parse_site_path(&format!("/{}", path.as_str().replacen(slug.as_str(), stem, 1))).ok()?;
    // On a disk that does not tell `A` from `a` (macOS, Windows), a redirect from the name in
    // capitals would be written over the page itself.
    let same_but_case = old.as_str().eq_ignore_ascii_case(path.as_str());
    (!(same_but_case && cfg!(any(target_os = "macos", target_os = "windows")))).then_some(old)
}

/// The line of the old addresses of a page, under whichever key they are written.
fn aliases_line(front: &crate::content::front_matter::FrontMatter) -> usize {
    ["aliases", "redirect_from", "permalink", "url", "slug"]
        .iter()
        .find(|k| front.key_lines.contains_key(**k))
        .map_or(1, |k| front.line_of(k))
}

/// The old addresses of a document that are site paths; each that is not is a problem at its
/// line (`example` shows one that would do).
fn aliases_of(doc: &Document, example: &str, problems: &mut Vec<Problem>) -> Vec<UrlPath> {
    let mut out = Vec::new();
    for alias in &doc.front.aliases {
        match UrlPath::parse_site_path(alias) {
            Ok(p) => out.push(p),
            Err(reason) => problems.push(
                Problem::at(
                    doc.source.display(),
                    aliases_line(&doc.front),
                    1,
                    msg!("site-aliases-problem", reason = reason),
                )
                .hint(msg!("site-aliases-hint", example = example)),
            ),
        }
    }
    out
}

/// A slug written as a site path (`/2020/01/ky-ket/`), which stays alive as an alias.
fn old_address(slug: &str) -> Option<UrlPath> {
    slug.starts_with('/').then(|| UrlPath::parse_site_path(slug).ok()).flatten()
}

/// A page as its front matter describes it; its body, terms and lists come later.
fn page_of(doc: &Document, path: UrlPath, aliases: Vec<UrlPath>, section: SectionId) -> Page {
    let fm = &doc.front;
    Page {
        kind: doc.kind,
        source: doc.source.clone(),
        path,
        title: fm.title.as_deref().map(|t| crate::base::text::typeset(t).into_owned()).unwrap_or_default(),
        date: fm.date.clone(),
        updated: fm.updated.clone(),
        expires: fm.expires.clone(),
        expired: false,
        noindex: fm.noindex,
        no_sitemap: fm.no_sitemap,
        author: (!fm.authors.is_empty()).then(|| fm.authors.join(", ")),
        terms: Vec::new(),
        summary: fm
            .summary
            .as_deref()
            .or(fm.description.as_deref())
            .map(|s| crate::base::text::typeset(s).into_owned())
            .unwrap_or_default(),
        summary_written: fm.summary.is_some() || fm.description.is_some(),
        image: None,
        image_caption: fm.image_caption.clone(),
        image_in_body: false,
        pinned: fm.pinned,
        draft: fm.draft,
        template: fm.template.clone().map(|t| (t, fm.line_of("template"))),
        aliases,
        aliases_line: aliases_line(fm),
        weight: fm.weight,
        extra: Arc::clone(&fm.extra),
        body: Arc::default(),
        section,
        previous: None,
        next: None,
        related: Vec::new(),
        twins: Vec::new(),
    }
}

/// The articles newest first (ties broken by path, so the order never depends on the disk),
/// each page's place in that order, and the pinned ones.
struct Order {
    articles: Vec<PageId>,
    rank: Vec<usize>,
    pinned: Vec<PageId>,
}

impl Order {
    fn of(pages: &[Page]) -> Order {
        let newest_first = |a: &Page, b: &Page| {
            b.date
                .as_ref()
                .map(Zoned::timestamp)
                .cmp(&a.date.as_ref().map(Zoned::timestamp))
                .then_with(|| a.source.cmp(&b.source))
        };
        // An expired article is in no list: not the home page, its section, its terms, the
        // archive, feeds or related articles.
        let mut articles: Vec<PageId> =
            (0..pages.len()).filter(|&i| pages[i].kind == DocKind::Article && !pages[i].expired).collect();
        articles.sort_by(|&a, &b| newest_first(&pages[a], &pages[b]));
        let mut rank = vec![usize::MAX; pages.len()];
        for (r, &id) in articles.iter().enumerate() {
            rank[id] = r;
        }
        let pinned = articles.iter().copied().filter(|&id| pages[id].pinned).collect();
        Order { articles, rank, pinned }
    }
}

/// What each Markdown file becomes, so bodies can link to each other: pages, sections, term
/// pages and taxonomy indexes; drafts for warnings; assets.
fn links(
    pages: &[Page],
    sections: &[Section],
    terms: &[(SourcePath, UrlPath)],
    unpublished: FxHashMap<SourcePath, UrlPath>,
    sources: &Sources,
    (photos, shortcodes): (Arc<crate::images::Photos>, Option<Arc<dyn crate::markdown::Templates>>),
) -> LinkMap {
    let mut links = LinkMap {
        pages: FxHashMap::default(),
        unpublished,
        assets: sources.assets.iter().map(|a| a.path.clone()).collect(),
        static_dir: sources.root.join("static"),
        content_dir: sources.root.join("content"),
        photos,
        shortcodes,
        scripts: crate::markdown::raw_html::Scripts::Refuse,
        other_editions: Arc::default(),
    };
    for page in pages {
        links.pages.insert(page.source.clone(), page.path.clone());
    }
    for s in sections {
        if let Some(src) = &s.source {
            links.pages.insert(src.clone(), s.path.clone());
        }
    }
    for (source, path) in terms {
        links.pages.insert(source.clone(), path.clone());
    }
    links
}

/// In an edition other than the default, a link to `b.md` leads to its translation
/// `b.en.md` when there is one, else to `b.md` in the default edition (`elsewhere`).
/// In an edition with a folder of its own (`content/en/`), the original's path under that
/// folder (`en/tin/b.md`) leads to it too.
fn link_translations(links: &mut LinkMap, elsewhere: &Elsewhere, folder: Option<&str>) {
    if elsewhere.pages.is_empty() && elsewhere.unpublished.is_empty() {
        return;
    }
    let under_folder = |source: &SourcePath| folder.and_then(|f| SourcePath::new(&format!("{f}/{}", source.as_str())));
    let unmarked: Vec<(SourcePath, UrlPath)> =
        links.pages.iter().filter_map(|(source, path)| source.without_language().map(|s| (s, path.clone()))).collect();
    let originals = elsewhere
        .pages
        .iter()
        .flat_map(|(s, p)| std::iter::once((s.clone(), p.clone())).chain(under_folder(s).map(|f| (f, p.clone()))));
    for (source, path) in unmarked.into_iter().chain(originals) {
        links.pages.entry(source).or_insert(path);
    }
    for (source, path) in &elsewhere.unpublished {
        for source in std::iter::once(source.clone()).chain(under_folder(source)) {
            if !links.pages.contains_key(&source) {
                links.unpublished.entry(source).or_insert_with(|| path.clone());
            }
        }
    }
}

/// The pages whose bodies are rendered, with their documents.
struct PageTexts<'a> {
    pages: &'a mut [Page],
    docs: &'a [usize],
    markdown: Markdown,
}

/// What rendering the bodies gave besides them.
struct Rendered {
    cache: BodyCache,
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
}

/// Renders the pages' bodies in parallel, and puts each into its page with what it gives the
/// page (summary, lead image). A one-shot build lets go of each Markdown text as soon as it is
/// rendered, so the HTML and the Markdown of the whole site are never in memory together.
fn bodies(documents: &mut [&mut Document], texts: PageTexts<'_>, links: &LinkMap, cache: &BodyCache) -> Rendered {
    let PageTexts { pages, docs, markdown } = texts;
    let markdown_texts: Vec<Option<String>> = match markdown {
        Markdown::Release => docs.iter().map(|&i| Some(std::mem::take(&mut documents[i].body))).collect(),
        Markdown::Keep => vec![None; docs.len()],
    };
    let documents: &[&mut Document] = documents;
    // A one-shot build keeps no body for a next run.
    let cache = (markdown == Markdown::Keep).then_some(cache);
    let bodies: Vec<(SourcePath, CachedBody)> = pages
        .par_iter()
        .zip(docs.par_iter())
        .zip(markdown_texts.into_par_iter())
        .map(|((page, &i), text)| {
            let doc: &Document = documents[i];
            let body = body_of(doc, text.as_deref().unwrap_or(&doc.body), &page.path, links, cache);
            (doc.source.clone(), body)
        })
        .collect();
    let mut rendered = Rendered { cache: BodyCache::default(), problems: Vec::new(), warnings: Vec::new() };
    for (page, (source, cached)) in pages.iter_mut().zip(bodies) {
        let body = Arc::clone(&cached.body);
        if markdown == Markdown::Keep {
            rendered.cache.entries.insert(source, cached);
        }
        rendered.problems.extend(body.problems.iter().cloned());
        rendered.warnings.extend(body.warnings.iter().cloned());
        if page.summary.is_empty() {
            page.summary = body.summary.clone();
        }
        match &body.image {
            Some(Ok(img)) => {
                page.image_in_body = body.images.contains(img);
                page.image = Some(img.clone());
            }
            Some(Err(p)) => rendered.problems.push(p.clone()),
            None => {}
        }
        page.body = body;
    }
    rendered
}

/// Links to places in other pages (`[x](a.md#ket-qua)`) whose page has no such heading nor
/// id: warnings, as for a page's own anchors, naming the headings it has.
fn anchors_in_other_pages(pages: &[Page]) -> Vec<Problem> {
    let by_source: FxHashMap<&SourcePath, &Page> = pages.iter().map(|p| (&p.source, p)).collect();
    let mut warnings = Vec::new();
    for page in pages {
        for a in &page.body.page_anchors {
            let Some(target) = by_source.get(&a.target) else { continue };
            let body = &target.body;
            let html = body.html.unpack();
            let has = |id: &str| {
                body.toc.iter().any(|h| h.id == id)
                    || html.contains(&format!("id=\"{id}\""))
                    || html.contains(&format!("name=\"{id}\""))
            };
            if a.name.is_empty() || has(&a.name) {
                continue;
            }
            // Hugo's `#đạo-hàm-riêng` for bantin's `#dao-ham-rieng`: the id to write instead.
            let folded = Slug::from_text(&a.name).filter(|s| has(s.as_str()));
            let hint = match folded {
                Some(id) => msg!("md-anchor-folded-hint", id = format!("#{}", id.as_str())),
                None if body.toc.is_empty() => msg!("md-anchor-missing-no-headings-hint"),
                None => {
                    let ids: Vec<String> = body.toc.iter().take(6).map(|h| format!("#{}", h.id)).collect();
                    msg!("md-anchor-missing-hint", anchors = ids.join(", "))
                }
            };
            let message = msg!(
                "md-page-anchor-missing",
                anchor = format!("#{}", a.name),
                page = target.source.display().display().to_string()
            );
            warnings.push(Problem::at(page.source.display(), a.line as usize, a.column as usize, message).hint(hint));
        }
    }
    warnings
}

/// What a term's page file says of the term, with its aliases.
fn term_text(doc: &Document, body: &super::Body, aliases: &mut Vec<UrlPath>, problems: &mut Vec<Problem>) -> TermText {
    let image = match &body.image {
        Some(Ok(img)) => Some(img.clone()),
        Some(Err(p)) => {
            problems.push(p.clone());
            None
        }
        None => None,
    };
    aliases.extend(aliases_of(doc, "/tac-gia/ten-cu/", problems));
    TermText {
        source: Some(doc.source.clone()),
        description: doc.front.description.clone().or_else(|| doc.front.summary.clone()),
        image,
        content: body.html.unpack(),
        extra: Arc::clone(&doc.front.extra),
    }
}

/// Each section lists the articles of its whole subtree, in its own order; subsections in the
/// order of their weight, then title.
fn list_sections(sections: &mut [Section], pages: &[Page], order: &Order, alphabet: &Alphabet) {
    let rank = &order.rank;
    for &id in &order.articles {
        let mut s = Some(pages[id].section);
        while let Some(sid) = s {
            sections[sid].pages.push(id);
            s = sections[sid].parent;
        }
    }
    for s in sections.iter_mut() {
        match s.sort_by {
            SortBy::Date => s.pages.sort_by_key(|&id| rank[id]),
            SortBy::Title => {
                s.pages.sort_by(|&a, &b| alphabet.compare(&pages[a].title, &pages[b].title).then(rank[a].cmp(&rank[b])))
            }
            SortBy::Weight => {
                s.pages.sort_by(|&a, &b| pages[a].weight.cmp(&pages[b].weight).then(rank[a].cmp(&rank[b])))
            }
        }
    }
    for i in 0..sections.len() {
        let mut children = std::mem::take(&mut sections[i].children);
        children.sort_by(|&a, &b| {
            sections[a]
                .weight
                .cmp(&sections[b].weight)
                .then_with(|| alphabet.compare(&sections[a].title, &sections[b].title))
        });
        sections[i].children = children;
    }
}

/// Previous and next within the article's own folder, in date order.
fn neighbours(pages: &mut [Page], articles: &[PageId]) {
    let mut by_section: FxHashMap<SectionId, Vec<PageId>> = FxHashMap::default();
    for &id in articles {
        by_section.entry(pages[id].section).or_default().push(id);
    }
    for list in by_section.values() {
        for (i, &id) in list.iter().enumerate() {
            pages[id].next = i.checked_sub(1).map(|j| list[j]);
            pages[id].previous = list.get(i + 1).copied();
        }
    }
}

/// For each article (in `order.articles`), the articles that share the most tags with it,
/// among the newest of each of its tags; newest first among equals.
fn related(pages: &[Page], order: &Order, tags: Option<(TaxonomyId, &[Term])>) -> Vec<Vec<PageId>> {
    const CANDIDATES_PER_TAG: usize = 40;
    const RELATED: usize = 5;
    let Some((tags_id, tags)) = tags else { return vec![Vec::new(); order.articles.len()] };
    let rank = &order.rank;
    // Counts are kept in a per-thread array indexed by page, so each article costs only its
    // candidates (no sorting of them, no hashing).
    order
        .articles
        .par_iter()
        .map_init(
            || (vec![0u8; pages.len()], Vec::<PageId>::new(), Vec::<(u8, usize, PageId)>::new()),
            |(counts, touched, best), &id| {
                for &t in &pages[id].terms[tags_id] {
                    for &other in tags[t].pages.iter().filter(|&&o| o != id).take(CANDIDATES_PER_TAG) {
                        if counts[other] == 0 {
                            touched.push(other);
                        }
                        counts[other] = counts[other].saturating_add(1);
                    }
                }
                best.clear();
                best.extend(touched.iter().map(|&o| (counts[o], rank[o], o)));
                for &o in touched.iter() {
                    counts[o] = 0;
                }
                touched.clear();
                let n = best.len().min(RELATED);
                if n > 0 {
                    best.select_nth_unstable_by(n - 1, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                    best.truncate(n);
                    best.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                }
                // A new list of its own length: collecting `best` into itself would keep every
                // candidate's room for the whole build (tens of megabytes at 10,000 articles).
                best[..n].iter().map(|&(_, _, o)| o).collect()
            },
        )
        .collect()
}

/// Months of the archive, newest first, each with its articles (dates in the site's zone).
fn archive(config: &Config, pages: &[Page], articles: &[PageId]) -> Vec<Month> {
    let archive_root = config.home().child(&config.paths.archive);
    let mut months: Vec<Month> = Vec::new();
    for &id in articles {
        let Some(date) = &pages[id].date else { continue };
        let date = date.with_time_zone(config.timezone.clone());
        let (y, m) = (date.year(), date.month());
        match months.last_mut() {
            Some(last) if last.year == y && last.month == m => last.pages.push(id),
            _ => {
                if let Some(existing) = months.iter_mut().find(|x| x.year == y && x.month == m) {
                    existing.pages.push(id);
                } else {
                    months.push(Month {
                        year: y,
                        month: m,
                        path: archive_root.child(&format!("{y:04}")).child(&format!("{m:02}")),
                        pages: vec![id],
                    });
                }
            }
        }
    }
    months.sort_by_key(|m| std::cmp::Reverse((m.year, m.month)));
    months
}

/// The permalink pattern for articles in the folder `dir` of `content/`: the one of the
/// longest folder of `permalinks:` that holds it.
fn permalink_of<'a>(config: &'a Config, dir: &str) -> Option<&'a Permalink> {
    config
        .permalinks
        .iter()
        .filter(|(key, _)| dir == key.as_str() || dir.starts_with(&format!("{key}/")))
        .max_by_key(|(key, _)| key.len())
        .map(|(_, p)| p)
}

/// An article's URL by a permalink pattern: tokens filled from its date (in the site's time
/// zone), slug, file name, title and section; or the problem with it (`its URL: …`).
fn expand(
    pattern: &Permalink,
    doc: &Document,
    slug: &Slug,
    section: &UrlPath,
    config: &Config,
) -> Result<UrlPath, Message> {
    // A date written as an instant is placed on the old site's clock; one written as a day
    // and time is that day, whatever the zone.
    let zone = match &config.permalink_timezone {
        Some(old) if doc.front.date_has_offset => old,
        _ => &config.timezone,
    };
    let date = doc.front.date.as_ref().map(|d| d.with_time_zone(zone.clone()));
    let need_date =
        || date.as_ref().ok_or_else(|| msg!("site-url-problem", reason = msg!("site-permalink-needs-date")));
    // The section's place in its edition (`en/tin-tuc/` is `tin-tuc/` of the `en/` edition).
    let home = config.home();
    let section = section.as_str().strip_prefix(home.as_str()).unwrap_or(section.as_str());
    let mut out = home.as_str().to_string();
    for part in &pattern.parts {
        match *part {
            PermalinkPart::Text(a, b) => out.push_str(&pattern.pattern[a..b]),
            PermalinkPart::Year => out.push_str(&format!("{:04}", need_date()?.year())),
            PermalinkPart::Month => out.push_str(&format!("{:02}", need_date()?.month())),
            PermalinkPart::Day => out.push_str(&format!("{:02}", need_date()?.day())),
            PermalinkPart::Slug => out.push_str(slug.as_str()),
            PermalinkPart::Filename => {
                out.push_str(Slug::from_text(doc.source.page_name()).as_ref().map_or("bai", Slug::as_str))
            }
            PermalinkPart::Title => {
                out.push_str(doc.front.title.as_deref().and_then(Slug::from_text).as_ref().map_or("bai", Slug::as_str))
            }
            PermalinkPart::Section => out.push_str(section.split('/').next().unwrap_or_default()),
            PermalinkPart::Sections => out.push_str(section.trim_end_matches('/')),
        }
    }
    UrlPath::parse_site_path(&out).map_err(|reason| msg!("site-url-problem", reason = reason))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::discover::SourceFile;

    /// The documents at `files` (path, text), parsed as the build parses them, and the scan
    /// that found them.
    fn documents(config: &Config, files: &[(&str, &str)]) -> (Vec<Document>, Sources) {
        let mut sources = Sources { dirs: vec![String::new()], ..Sources::default() };
        let mut docs = Vec::new();
        for (path, text) in files {
            let source = SourcePath::new(path).expect("a path inside content/");
            let kind = DocKind::in_site(&source, config);
            let doc =
                crate::content::parse_as(&source, text.as_bytes(), &config.timezone, kind).expect("the fixture parses");
            let dir = source.dir().to_string();
            if !sources.dirs.contains(&dir) {
                sources.dirs.push(dir);
            }
            sources.documents.push(SourceFile { path: source, disk: PathBuf::from(path) });
            docs.push(doc);
        }
        (docs, sources)
    }

    fn front(title: &str, more: &str) -> String {
        format!("---\ntitle: {title}\ndate: 2023-04-06\n{more}---\nNội dung.\n")
    }

    #[test]
    fn place_leaves_out_drafts_and_future_articles_and_counts_them() {
        let config = crate::config::parse("title: T\n").expect("config");
        let files = [
            ("tin/a.md", front("A", "")),
            ("tin/nhap.md", front("Nháp", "draft: true\n")),
            ("tin/sau.md", front("Sau", "").replace("2023-04-06", "2099-01-02")),
            ("tin/sau-nua.md", front("Sau nữa", "").replace("2023-04-06", "2099-03-04")),
            ("tin/a.en.md", front("A in English", "")),
        ];
        let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
        let (mut docs, sources) = documents(&config, &files);
        let mut docs: Vec<&mut Document> = docs.iter_mut().collect();
        docs.sort_by(|a, b| a.source.cmp(&b.source));
        let (sections, problems) = sections(&config, &sources);
        assert!(problems.is_empty(), "{problems:?}");
        let placed = place(&config, &docs, sections, Selection::default(), &[]);
        let titles: Vec<&str> = placed.pages.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles, ["A"]);
        let left = &placed.left_out;
        assert_eq!((left.drafts, left.future, left.translations), (1, 2, 1));
        assert_eq!(left.next.as_ref().map(|d| d.strftime("%Y-%m-%d").to_string()).as_deref(), Some("2099-01-02"));
        // Each left out has the address it will have, for links to it.
        let mut unpublished: Vec<&str> = placed.unpublished.values().map(UrlPath::as_str).collect();
        unpublished.sort();
        assert_eq!(unpublished, ["tin/nhap/", "tin/sau-nua/", "tin/sau/"]);
        let with_drafts = Selection { drafts: Drafts::Include, ..Selection::default() };
        let (sections, _) = super::sections(&config, &sources);
        assert_eq!(place(&config, &docs, sections, with_drafts, &[]).pages.len(), 2);
    }

    #[test]
    fn site_warnings_name_a_missing_address_and_a_key_cut_by_a_comment() {
        let config = crate::config::parse("title: T\n").expect("config");
        let text = "---\ntitle: A\ndate: 2023-04-06\nsummary: Giảm nghèo #1 của tỉnh\n---\nNội dung.\n";
        let (mut docs, sources) = documents(&config, &[("tin/a.md", text)]);
        let docs: Vec<&mut Document> = docs.iter_mut().collect();
        let warnings = site_warnings(&config, &sources, &docs);
        let ids: Vec<&str> = warnings.iter().map(|w| w.message.id()).collect();
        assert!(ids.contains(&"site-no-base-url"), "{ids:?}");
        assert!(ids.contains(&"fm-comment-cut"), "{ids:?}");
        let at = warnings.iter().find(|w| w.message.id() == "fm-comment-cut").expect("the cut key");
        assert_eq!(at.line, 4);
    }
}
