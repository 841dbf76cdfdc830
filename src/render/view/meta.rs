//! What a page says of itself for sharing (OpenGraph, Twitter cards) and to search engines
//! (robots, structured data, its trail): `meta` in every template.

use std::borrow::Cow;
use std::collections::BTreeMap;

use tera::Value;

use crate::content::DocKind;
use crate::site::{self, PageId, RouteKind, Site};

use super::lists::trail;
use super::{Views, locale, obj, structured};

/// How long a description is, in characters, as search engines and Facebook show it.
const DESCRIPTION_CHARS: usize = 160;

/// What a page says of itself, before it is a value: borrowed from the site where it can be,
/// so that fingerprinting a route allocates little.
#[derive(Hash)]
pub(crate) struct Meta<'a> {
    title: Cow<'a, str>,
    /// Cut near 160 characters at a word's end.
    description: Cow<'a, str>,
    image: Option<&'a str>,
    image_alt: Option<&'a str>,
    /// The image's size, when it is a photo of the site (its JPEG is 1200 wide, as Facebook
    /// and Zalo ask).
    image_size: Option<(u32, u32)>,
    kind: &'static str,
    /// The canonical path.
    path: &'a str,
    /// For articles: when published and updated.
    dates: [Option<&'a jiff::Zoned>; 2],
    /// Search engines are asked not to index it.
    noindex: bool,
    /// The pages above it (name, site path), the home page excepted.
    trail: Vec<(Cow<'a, str>, &'a str)>,
    /// Its name at the end of that trail, when shorter than its title (`MTTQ`, not
    /// `Từ khóa: MTTQ`, under `Từ khóa`).
    crumb: Option<Cow<'a, str>>,
    /// For articles: section, tags, authors and the photos of the body.
    article: Option<ArticleMeta<'a>>,
}

#[derive(Hash)]
struct ArticleMeta<'a> {
    section: Option<&'a str>,
    tags: Vec<&'a str>,
    /// Names, with the author's page when the site has an `authors` taxonomy.
    authors: Vec<(&'a str, Option<&'a str>)>,
    /// The site's photos the body shows.
    images: &'a [String],
    /// The lead photo in the shapes search engines ask for.
    shapes: &'a [(u32, u32, String)],
}

/// A time as sitemaps and structured data write it: `2023-04-06T08:30:00+07:00`.
pub(super) fn stamp(d: &jiff::Zoned) -> String {
    d.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

impl<'a> Meta<'a> {
    /// A page of the site that is not an article: a list, an index, the 404 page.
    fn website(title: impl Into<Cow<'a, str>>, description: impl Into<Cow<'a, str>>, path: &'a str) -> Meta<'a> {
        let description = match description.into() {
            Cow::Borrowed(d) => crate::base::text::clip(d, DESCRIPTION_CHARS),
            Cow::Owned(d) => Cow::Owned(crate::base::text::clip(&d, DESCRIPTION_CHARS).into_owned()),
        };
        Meta {
            title: title.into(),
            description,
            image: None,
            image_alt: None,
            image_size: None,
            kind: "website",
            path,
            dates: [None, None],
            noindex: false,
            trail: Vec::new(),
            crumb: None,
            article: None,
        }
    }

    /// Its name at the end of its trail.
    fn crumb(&self) -> &str {
        self.crumb.as_deref().unwrap_or(&self.title)
    }

    /// A page search engines are asked not to index (search, 404, redirects, feeds).
    fn not_for_search_engines(mut self) -> Meta<'a> {
        self.noindex = true;
        self
    }

    /// The sections above it, the home page excepted.
    fn under(mut self, site: &'a Site, sections: Vec<usize>) -> Meta<'a> {
        self.trail = sections
            .into_iter()
            .skip(1)
            .map(|s| (Cow::Borrowed(site.sections[s].title.as_str()), site.sections[s].path.as_str()))
            .collect();
        self
    }

    /// As `meta` in templates.
    pub(super) fn value(&self, views: &Views) -> Value {
        let opt = |v: Option<&str>| v.map_or_else(Value::none, Value::from);
        let [published, modified] = self.dates.map(|d| d.map(stamp));
        let structured = self.structured(&views.facts, &published, &modified);
        let a = self.article.as_ref();
        let size = |pick: fn((u32, u32)) -> u32| self.image_size.map_or_else(Value::none, |s| Value::from(pick(s)));
        obj([
            ("title", Value::from(self.title.as_ref())),
            ("description", Value::from(self.description.as_ref())),
            ("image", Value::from(self.image.unwrap_or(&views.default_image))),
            ("image_alt", opt(self.image_alt)),
            ("image_width", size(|(w, _)| w)),
            ("image_height", size(|(_, h)| h)),
            ("kind", Value::from(self.kind)),
            ("path", Value::from(self.path)),
            ("published", published.map_or_else(Value::none, Value::from)),
            ("modified", modified.map_or_else(Value::none, Value::from)),
            ("noindex", Value::from(self.noindex)),
            ("section", opt(a.and_then(|a| a.section))),
            ("tags", Value::from(a.map_or_else(Vec::new, |a| a.tags.iter().map(|t| Value::from(*t)).collect()))),
            ("authors", Value::from(a.map_or_else(Vec::new, ArticleMeta::author_values))),
            ("crumb", Value::from(self.crumb())),
            ("trail", self.trail_value()),
            ("structured", Value::from(structured)),
        ])
    }

    /// The trail as `[{title, path}]`.
    fn trail_value(&self) -> Value {
        let trail = self
            .trail
            .iter()
            .map(|(title, path)| obj([("title", Value::from(title.as_ref())), ("path", Value::from(*path))]));
        Value::from(trail.collect::<Vec<_>>())
    }

    /// Its structured data (JSON-LD), none for what is not for search engines (the search
    /// page, the 404 page, redirects).
    fn structured(
        &self,
        facts: &structured::SiteFacts,
        published: &Option<String>,
        modified: &Option<String>,
    ) -> String {
        if self.noindex {
            return String::new();
        }
        let trail: Vec<(&str, &str)> = self.trail.iter().map(|(n, p)| (n.as_ref(), *p)).collect();
        if self.kind != "article" {
            return structured::page(facts, self.path, self.crumb(), &trail, None);
        }
        let a = self.article.as_ref();
        // The lead photo in Google's shapes when it was cut to them, else as it is.
        let shapes = a.map_or(&[][..], |a| a.shapes);
        let mut images: Vec<&str> = if shapes.is_empty() {
            self.image.into_iter().collect()
        } else {
            shapes.iter().map(|(_, _, p)| p.as_str()).collect()
        };
        images.extend(a.map_or(&[][..], |a| a.images).iter().map(String::as_str).filter(|i| Some(*i) != self.image));
        let article = structured::ArticleFacts {
            title: &self.title,
            description: &self.description,
            images,
            published: published.clone(),
            modified: modified.clone(),
            authors: a.map(|a| a.authors.clone()).unwrap_or_default(),
            section: a.and_then(|a| a.section),
            tags: a.map(|a| a.tags.clone()).unwrap_or_default(),
        };
        structured::page(facts, self.path, self.crumb(), &trail, Some(&article))
    }
}

impl<'a> ArticleMeta<'a> {
    /// What an article says of its section, tags, authors and photos.
    fn of(site: &'a Site, p: &'a site::Page) -> ArticleMeta<'a> {
        let names = |name: &str| {
            site.taxonomy(name).map_or_else(Vec::new, |(t, tax)| {
                p.terms.get(t).map_or_else(Vec::new, |ids| ids.iter().map(|&i| &tax.terms[i]).collect())
            })
        };
        let authors: Vec<(&str, Option<&str>)> = match names("authors") {
            terms if !terms.is_empty() => terms.iter().map(|t| (t.name.as_str(), Some(t.path.as_str()))).collect(),
            _ => p.author.as_deref().map_or_else(Vec::new, |a| a.split(", ").map(|n| (n, None)).collect()),
        };
        ArticleMeta {
            section: (p.section != 0).then(|| site.sections[p.section].title.as_str()),
            tags: names("tags").iter().map(|t| t.name.as_str()).collect(),
            authors,
            images: &p.body.images,
            shapes: p.image.as_ref().and_then(|i| site.photos().at(i)).map_or(&[][..], |ph| ph.crops.as_slice()),
        }
    }

    /// `[{name, path}]`.
    fn author_values(&self) -> Vec<Value> {
        let opt = |v: Option<&str>| v.map_or_else(Value::none, Value::from);
        self.authors.iter().map(|(name, path)| obj([("name", Value::from(*name)), ("path", opt(*path))])).collect()
    }
}

impl Views {
    /// What the page says of itself to browsers and to Facebook, Zalo and others that share
    /// it: title, description, image, canonical path.
    pub(super) fn meta<'a>(
        &'a self,
        site: &'a Site,
        kind: RouteKind,
        path: &'a crate::base::paths::UrlPath,
    ) -> Meta<'a> {
        let about_site = site.config.description.as_str();
        let path = path.as_str();
        let unlisted = |title: &'a str, path: &'a str| Meta::website(title, "", path).not_for_search_engines();
        match kind {
            RouteKind::Page(id) => page_meta(site, id, path),
            RouteKind::Home { number } => {
                Meta::website(format!("{}{}", site.config.title, self.page_number(number)), about_site, path)
            }
            RouteKind::Section { id, number } => {
                let s = &site.sections[id];
                let title = format!("{}{}", s.title, self.page_number(number));
                Meta::website(title, s.description.as_deref().unwrap_or(about_site), path)
                    .under(site, trail(site, s.parent))
            }
            RouteKind::Term { taxonomy, id, number } => self.term_meta(site, (taxonomy, id), number, path),
            RouteKind::Archive { index, number } => self.archive_meta(site, index, number, path),
            RouteKind::Taxonomy(taxonomy) => {
                let tax = &site.taxonomies[taxonomy];
                let about = tax.description.as_deref().unwrap_or(about_site);
                Meta::website(taxonomy_title(tax, &self.strings), about, path)
            }
            RouteKind::Archives => Meta::website(self.string("archive"), about_site, path),
            RouteKind::Search => Meta::website(self.string("search"), about_site, path).not_for_search_engines(),
            RouteKind::NotFound => {
                Meta::website(self.string("not_found_title"), about_site, path).not_for_search_engines()
            }
            RouteKind::Alias(id) => unlisted(&site.pages[id].title, site.pages[id].path.as_str()),
            RouteKind::SectionAlias(id) => unlisted(&site.sections[id].title, site.sections[id].path.as_str()),
            RouteKind::TermAlias { taxonomy, id } => {
                let t = &site.taxonomies[taxonomy].terms[id];
                unlisted(&t.name, t.path.as_str())
            }
            RouteKind::Feed(_)
            | RouteKind::SitemapIndex
            | RouteKind::Sitemap(_)
            | RouteKind::NewsSitemap
            | RouteKind::Robots => unlisted(&site.config.title, path),
            RouteKind::Untranslated => {
                Meta::website(self.string("untranslated_title"), self.string("untranslated_text"), path)
                    .not_for_search_engines()
            }
        }
    }

    /// ` – Trang 2` after the title of a list's later pages.
    fn page_number(&self, number: usize) -> String {
        if number > 1 { format!(" – {} {number}", self.string("page")) } else { String::new() }
    }

    /// A term's page: `Từ khóa: MTTQ`, under its taxonomy.
    fn term_meta<'a>(
        &'a self,
        site: &'a Site,
        (taxonomy, id): (site::TaxonomyId, site::TermId),
        number: usize,
        path: &'a str,
    ) -> Meta<'a> {
        let tax = &site.taxonomies[taxonomy];
        let t = &tax.terms[id];
        let about = match t.text.as_ref().and_then(|x| x.description.as_deref()) {
            Some(d) => d.to_string(),
            None => format!("{} {} – {}", t.pages.len(), self.string("articles"), t.name),
        };
        let page = self.page_number(number);
        let mut meta = Meta::website(format!("{}: {}{page}", term_title(tax, &self.strings), t.name), about, path);
        meta.image = t.text.as_ref().and_then(|x| x.image.as_deref());
        meta.image_alt = meta.image.map(|_| t.name.as_str());
        meta.trail = vec![(Cow::Owned(taxonomy_title(tax, &self.strings)), tax.path.as_str())];
        meta.crumb = Some(Cow::Owned(format!("{}{page}", t.name)));
        meta
    }

    /// A month of the archive, under the archive.
    fn archive_meta<'a>(&'a self, site: &'a Site, index: usize, number: usize, path: &'a str) -> Meta<'a> {
        let m = &site.months[index];
        let month = locale::month_label(site.config.language.code(), m.year, m.month);
        let page = self.page_number(number);
        let title = format!("{} {month}{page}", self.string("archive_month"));
        let mut meta = Meta::website(title, site.config.description.as_str(), path);
        meta.trail = vec![(Cow::Borrowed(self.string("archive")), self.facts.archive.as_str())];
        meta.crumb = Some(Cow::Owned(format!("{month}{page}")));
        meta
    }
}

/// An article or a page: its own title, summary and photo; an article's dates, section and
/// terms.
fn page_meta<'a>(site: &'a Site, id: PageId, path: &'a str) -> Meta<'a> {
    let p = &site.pages[id];
    let is_article = p.kind == DocKind::Article;
    let summary = if p.summary.is_empty() { site.config.description.as_str() } else { &p.summary };
    let meta = Meta {
        title: Cow::Borrowed(&p.title),
        description: crate::base::text::clip(summary, DESCRIPTION_CHARS),
        image: p.image.as_deref(),
        image_alt: p.image_caption.as_deref().or_else(|| p.image.as_ref().map(|_| p.title.as_str())),
        image_size: p.image.as_ref().and_then(|i| site.photos().at(i)).map(|ph| (ph.width, ph.height)),
        kind: if is_article { "article" } else { "website" },
        path,
        dates: if is_article { [p.date.as_ref(), p.updated.as_ref()] } else { [None, None] },
        noindex: p.noindex,
        trail: Vec::new(),
        crumb: None,
        article: is_article.then(|| ArticleMeta::of(site, p)),
    };
    if is_article { meta.under(site, trail(site, Some(p.section))) } else { meta }
}

/// A taxonomy's title: as the site names it, else the theme's string `taxonomy_<name>`
/// (`tags` has `tags` too), else its name.
pub(super) fn taxonomy_title(tax: &site::Taxonomy, strings: &BTreeMap<String, String>) -> String {
    tax.title
        .clone()
        .or_else(|| strings.get(&format!("taxonomy_{}", tax.name)).cloned())
        .or_else(|| (tax.name == "tags").then(|| strings.get("tags").cloned()).flatten())
        .unwrap_or_else(|| tax.name.clone())
}

/// What one term of a taxonomy is called (“Từ khóa”, “Tác giả”): the theme's string
/// `term_<name>` (`tag` for tags), else the taxonomy's title.
pub(super) fn term_title(tax: &site::Taxonomy, strings: &BTreeMap<String, String>) -> String {
    strings
        .get(&format!("term_{}", tax.name))
        .cloned()
        .or_else(|| (tax.name == "tags").then(|| strings.get("tag").cloned()).flatten())
        .unwrap_or_else(|| taxonomy_title(tax, strings))
}
