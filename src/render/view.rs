//! The values handed to templates, and the context of each route.
//!
//! Everything that appears on many pages (the site, each article's card, each tag) is made
//! into a Tera value once; a route's context is a handful of references to those values
//! (Tera's values share their contents), never a copy of the site.
//!
//! Every URL in a view is a site path (`tin-tuc/ky-ket/`, no leading `/`); templates turn it
//! into a link with `| url` (relative to the page, so the site works under any sub-path) or
//! `| abs_url` (with `base_url`, for feeds and sharing).

use std::borrow::Cow;
use std::hash::{Hash, Hasher};

use rayon::prelude::*;
use tera::{Context, Map, Value};
use xxhash_rust::xxh3::Xxh3;

use crate::content::DocKind;
use crate::site::{self, PageId, RouteKind, Site, page_count, page_items};

use super::{locale, structured};

/// Builds a map value from key/value pairs.
pub(crate) fn obj<const N: usize>(pairs: [(&'static str, Value); N]) -> Value {
    let mut map = Map::with_capacity(N);
    for (k, v) in pairs {
        map.insert(k.into(), v);
    }
    Value::from(map)
}

fn opt_str(s: &Option<String>) -> Value {
    s.as_deref().map_or_else(Value::none, Value::from)
}

/// A value shared by many routes, with a digest of its contents.
#[derive(Clone)]
pub(crate) struct Part {
    pub(crate) value: Value,
    pub(crate) digest: u64,
}

impl Part {
    /// Wraps a value, hashing its contents.
    pub(crate) fn new(value: Value) -> Part {
        let mut h = Xxh3::new();
        hash_value(&value, &mut h);
        Part { value, digest: h.finish() }
    }
}

/// Hashes a Tera value's contents (maps in their insertion order, which is stable).
pub(crate) fn hash_value(v: &Value, h: &mut Xxh3) {
    if let Some(s) = v.as_str() {
        h.write_u8(1);
        s.hash(h);
    } else if let Some(items) = v.as_array() {
        h.write_u8(2);
        h.write_usize(items.len());
        for item in items {
            hash_value(item, h);
        }
    } else if let Some(map) = v.as_map() {
        h.write_u8(3);
        h.write_usize(map.len());
        for (k, item) in map {
            k.hash(h);
            hash_value(item, h);
        }
    } else if let Some(b) = v.as_bool() {
        h.write_u8(4);
        b.hash(h);
    } else if let Some(n) = v.as_i128() {
        h.write_u8(5);
        n.hash(h);
    } else if let Some(f) = v.as_f64() {
        h.write_u8(6);
        f.to_bits().hash(h);
    } else {
        h.write_u8(if v.is_none() { 7 } else { 8 });
    }
}

/// One entry of a route's context, before it is made into a Tera value.
pub(crate) enum Piece<'a> {
    /// A value shared by many routes.
    Shared(&'a Part),
    /// The cards of these pages.
    Cards(Vec<PageId>),
    /// The full view of a page (its card, body, neighbours, related articles).
    PageView(PageId),
    /// Page `number` of a list, with its items (or the list's own items).
    Paginator { kind: RouteKind, base: crate::base::paths::UrlPath, number: usize, items: Option<Vec<PageId>> },
    /// The trail from the home page down to a section.
    Breadcrumbs(Option<usize>),
    /// What the page says of itself for sharing.
    Meta(Meta<'a>),
    /// A string.
    Text(Cow<'a, str>),
    /// A value made for this route alone.
    Value(Value),
}

impl Piece<'_> {
    /// The piece as a Tera value.
    pub(crate) fn value(&self, views: &Views, site: &Site) -> Value {
        match self {
            Piece::Shared(part) => part.value.clone(),
            Piece::Cards(ids) => views.cards_of(ids),
            Piece::PageView(id) => views.page_view(site, *id),
            Piece::Paginator { kind, base, number, items } => {
                views.paginator(site, *kind, base, *number, items.clone())
            }
            Piece::Breadcrumbs(from) => breadcrumbs(site, *from),
            Piece::Meta(meta) => meta.value(views),
            Piece::Text(text) => Value::from(text.as_ref()),
            Piece::Value(v) => v.clone(),
        }
    }

    /// A digest of the value, made from the digests of what it is built of.
    pub(crate) fn digest(&self, views: &Views, site: &Site) -> u64 {
        let mut h = Xxh3::new();
        match self {
            Piece::Shared(part) => return part.digest,
            Piece::Cards(ids) => views.hash_cards(ids, &mut h),
            Piece::PageView(id) => {
                let p = &site.pages[*id];
                views.cards[*id].digest.hash(&mut h);
                p.body.digest.hash(&mut h);
                p.image_in_body.hash(&mut h);
                p.summary_written.hash(&mut h);
                [p.previous, p.next].hash(&mut h);
                for n in [p.previous, p.next].into_iter().flatten() {
                    views.cards[n].digest.hash(&mut h);
                }
                views.hash_cards(&p.related, &mut h);
            }
            Piece::Paginator { kind, base, number, items } => {
                let list = site.list_of(*kind);
                let per = site.per_page(*kind);
                (base, number, list.len(), per).hash(&mut h);
                match items {
                    Some(ids) => views.hash_cards(ids, &mut h),
                    None => views.hash_cards(page_items(list, per, *number), &mut h),
                }
            }
            Piece::Breadcrumbs(from) => {
                for id in trail(site, *from) {
                    (&site.sections[id].title, &site.sections[id].path).hash(&mut h);
                }
            }
            Piece::Meta(meta) => meta.hash(&mut h),
            Piece::Text(text) => text.hash(&mut h),
            Piece::Value(v) => hash_value(v, &mut h),
        }
        h.finish()
    }
}

/// Context entries being collected for one route.
#[derive(Default)]
struct Pieces<'a>(Vec<(&'static str, Piece<'a>)>);

impl<'a> Pieces<'a> {
    fn put(&mut self, key: &'static str, piece: Piece<'a>) {
        self.0.push((key, piece));
    }
    fn shared(&mut self, key: &'static str, part: &'a Part) {
        self.put(key, Piece::Shared(part));
    }
    fn value(&mut self, key: &'static str, value: Value) {
        self.put(key, Piece::Value(value));
    }
    fn text(&mut self, key: &'static str, text: impl Into<Cow<'a, str>>) {
        self.put(key, Piece::Text(text.into()));
    }
}

/// A photo for templates: its size (of the file at its own path) and its WebP variants as a
/// `srcset` of site paths (the `srcset` filter puts the way to the root in front of each).
fn photo_view(photo: &crate::images::Photo) -> Value {
    obj([
        ("width", Value::from(photo.width)),
        ("height", Value::from(photo.height)),
        ("srcset", Value::from(photo.srcset(""))),
        ("bytes", Value::from(photo.bytes)),
        ("media_type", Value::from(photo.media_type)),
    ])
}

/// What a page says of itself for sharing (OpenGraph, Twitter cards) and to search engines
/// (robots, structured data), before it is a value: borrowed from the site where it can be,
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

    fn value(&self, views: &Views) -> Value {
        let opt = |v: Option<&str>| v.map_or_else(Value::none, Value::from);
        let stamp = |d: Option<&jiff::Zoned>| d.map(|d| d.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string());
        let [published, modified] = self.dates.map(stamp);
        let facts = &views.facts;
        let image = self.image.unwrap_or(&views.default_image);
        let trail: Vec<(&str, &str)> = self.trail.iter().map(|(n, p)| (n.as_ref(), *p)).collect();
        let structured = match self.kind {
            // The search page, the 404 page and redirects are not for search engines.
            _ if self.noindex => String::new(),
            "article" => {
                let a = self.article.as_ref();
                // The lead photo in Google's shapes when it was cut to them, else as it is.
                let shapes = a.map_or(&[][..], |a| a.shapes);
                let mut images: Vec<&str> = if shapes.is_empty() {
                    self.image.into_iter().collect()
                } else {
                    shapes.iter().map(|(_, _, p)| p.as_str()).collect()
                };
                images.extend(
                    a.map_or(&[][..], |a| a.images).iter().map(String::as_str).filter(|i| Some(*i) != self.image),
                );
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
            _ => structured::page(facts, self.path, self.crumb(), &trail, None),
        };
        let a = self.article.as_ref();
        obj([
            ("title", Value::from(self.title.as_ref())),
            ("description", Value::from(self.description.as_ref())),
            ("image", Value::from(image)),
            ("image_alt", opt(self.image_alt)),
            ("image_width", self.image_size.map_or_else(Value::none, |(w, _)| Value::from(w))),
            ("image_height", self.image_size.map_or_else(Value::none, |(_, h)| Value::from(h))),
            ("kind", Value::from(self.kind)),
            ("path", Value::from(self.path)),
            ("published", published.map_or_else(Value::none, Value::from)),
            ("modified", modified.map_or_else(Value::none, Value::from)),
            ("noindex", Value::from(self.noindex)),
            ("section", opt(a.and_then(|a| a.section))),
            (
                "tags",
                Value::from(a.map(|a| a.tags.iter().map(|t| Value::from(*t)).collect::<Vec<_>>()).unwrap_or_default()),
            ),
            (
                "authors",
                Value::from(
                    a.map(|a| {
                        a.authors
                            .iter()
                            .map(|(name, path)| obj([("name", Value::from(*name)), ("path", opt(*path))]))
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default(),
                ),
            ),
            ("crumb", Value::from(self.crumb())),
            (
                "trail",
                Value::from(
                    self.trail
                        .iter()
                        .map(|(title, path)| {
                            obj([("title", Value::from(title.as_ref())), ("path", Value::from(*path))])
                        })
                        .collect::<Vec<_>>(),
                ),
            ),
            ("structured", Value::from(structured)),
        ])
    }
}

/// How long a description is, in characters, as search engines and Facebook show it.
const DESCRIPTION_CHARS: usize = 160;

/// Values shared by all routes, made once per build.
pub(crate) struct Views {
    /// `site`: title, menu, sections, latest articles, popular tags, strings…
    pub(crate) site: Part,
    /// `cached`: the theme's cached partials, rendered once for each way back to the root.
    pub(crate) cached: rustc_hash::FxHashMap<String, Part>,
    /// `t`: the theme's strings in the site's language.
    pub(crate) t: Part,
    /// One card per page (title, path, date, summary, image, section, tags).
    pub(crate) cards: Vec<Part>,
    /// `{name, path, count}` per term, per taxonomy.
    pub(crate) terms: Vec<Vec<Part>>,
    /// `{name, title, path, count}` per taxonomy.
    pub(crate) taxonomies: Vec<Part>,
    /// `{title, path, description, count}` per section.
    pub(crate) sections: Vec<Part>,
    /// The full view of each section (with its body and subsections).
    pub(crate) section_views: Vec<Part>,
    /// The theme's strings, for titles made here.
    strings: std::collections::BTreeMap<String, String>,
    /// The image shared when a page has none: `site.extra.og_image`, else the theme's.
    default_image: String,
    /// What the site says of itself in structured data.
    facts: structured::SiteFacts,
    /// Each card by the digest of what it is made of, for the next build to reuse.
    card_cache: rustc_hash::FxHashMap<u64, Part>,
}

/// A date in the forms templates and feeds need.
pub(crate) fn date_view(language: &str, date: &jiff::Zoned) -> Value {
    let has_time = date.hour() != 0 || date.minute() != 0;
    obj([
        ("iso", Value::from(date.timestamp().to_string())),
        ("local", Value::from(date.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string())),
        ("long", Value::from(locale::long_date(language, date))),
        ("short", Value::from(locale::short_date(language, date))),
        (
            "time",
            if has_time { Value::from(format!("{:02}:{:02}", date.hour(), date.minute())) } else { Value::none() },
        ),
        ("rfc2822", Value::from(jiff::fmt::rfc2822::to_string(date).unwrap_or_default())),
        ("year", Value::from(date.year())),
        ("month", Value::from(date.month())),
        ("day", Value::from(date.day())),
    ])
}

impl Views {
    /// Makes the shared values of `site`, with the theme's `strings`; cards whose inputs are
    /// as they were in `previous` are taken from it rather than made again.
    pub(crate) fn new(
        site: &Site,
        strings: &std::collections::BTreeMap<String, String>,
        previous: Option<&Views>,
    ) -> Views {
        let lang = site.config.language.code();
        let term_values: Vec<Vec<Value>> = site
            .taxonomies
            .iter()
            .map(|tax| {
                tax.terms
                    .iter()
                    .map(|t| {
                        obj([
                            ("name", Value::from(t.name.as_str())),
                            ("path", Value::from(t.path.as_str())),
                            ("count", Value::from(t.pages.len())),
                        ])
                    })
                    .collect()
            })
            .collect();
        let tags_id = site.taxonomy("tags").map(|(t, _)| t);
        let no_values: Vec<Value> = Vec::new();
        let tags: &Vec<Value> = tags_id.map_or(&no_values, |t| &term_values[t]);
        let sections: Vec<Value> = site
            .sections
            .iter()
            .map(|s| {
                obj([
                    ("title", Value::from(s.title.as_str())),
                    ("path", Value::from(s.path.as_str())),
                    ("description", opt_str(&s.description)),
                    ("count", Value::from(s.pages.len())),
                ])
            })
            .collect();
        let part = |v: Vec<Value>| v.into_par_iter().map(Part::new).collect::<Vec<Part>>();
        let term_parts: Vec<Vec<Part>> = term_values.iter().map(|v| part(v.clone())).collect();
        let section_parts = part(sections.clone());
        let keyed: Vec<(u64, Part)> = site
            .pages
            .par_iter()
            .map(|p| {
                let is_article = p.kind == DocKind::Article;
                let mut h = Xxh3::new();
                let when = |d: &jiff::Zoned| (d.timestamp(), d.offset().seconds());
                (lang, &p.title, &p.path, is_article, p.date.as_ref().map(when), p.updated.as_ref().map(when))
                    .hash(&mut h);
                let photo = p.image.as_ref().and_then(|i| site.photos().at(i));
                (&p.author, &p.summary, &p.image, &p.image_caption, p.pinned, p.draft, photo).hash(&mut h);
                (p.expires.as_ref().map(when), p.expired).hash(&mut h);
                if is_article {
                    section_parts[p.section].digest.hash(&mut h);
                }
                for (tax, ids) in p.terms.iter().enumerate() {
                    h.write_usize(ids.len());
                    for &t in ids {
                        term_parts[tax][t].digest.hash(&mut h);
                    }
                }
                let key = h.finish();
                if let Some(card) = previous.and_then(|v| v.card_cache.get(&key)) {
                    return (key, card.clone());
                }
                let section = if is_article { sections[p.section].clone() } else { Value::none() };
                // Each taxonomy's terms of the page, made once (`tags` shares the list).
                let lists: Vec<Value> = p
                    .terms
                    .iter()
                    .enumerate()
                    .map(|(tax, ids)| Value::from(ids.iter().map(|&t| term_values[tax][t].clone()).collect::<Vec<_>>()))
                    .collect();
                let card = obj([
                    ("title", Value::from(p.title.as_str())),
                    ("path", Value::from(p.path.as_str())),
                    ("kind", Value::from(if is_article { "article" } else { "page" })),
                    ("date", p.date.as_ref().map_or_else(Value::none, |d| date_view(lang, d))),
                    ("updated", p.updated.as_ref().map_or_else(Value::none, |d| date_view(lang, d))),
                    ("author", opt_str(&p.author)),
                    ("summary", Value::from(p.summary.as_str())),
                    ("image", opt_str(&p.image)),
                    ("photo", photo.map_or_else(Value::none, photo_view)),
                    ("image_caption", opt_str(&p.image_caption)),
                    ("section", section),
                    ("tags", tags_id.map_or_else(|| Value::from(Vec::<Value>::new()), |t| lists[t].clone())),
                    ("taxonomies", {
                        let mut map = tera::Map::new();
                        for (tax, list) in lists.into_iter().enumerate() {
                            map.insert(site.taxonomies[tax].name.clone().into(), list);
                        }
                        Value::from(map)
                    }),
                    ("pinned", Value::from(p.pinned)),
                    ("draft", Value::from(p.draft)),
                    ("expires", p.expires.as_ref().map_or_else(Value::none, |d| date_view(lang, d))),
                    ("expired", Value::from(p.expired)),
                ]);
                (key, Part::new(card))
            })
            .collect();
        let card_cache = keyed.iter().map(|(k, c)| (*k, c.clone())).collect();
        let cards: Vec<Part> = keyed.into_iter().map(|(_, c)| c).collect();

        let menu: Vec<(&str, &str)> = if site.config.menu.is_empty() {
            site.sections[0]
                .children
                .iter()
                .map(|&c| (site.sections[c].title.as_str(), site.sections[c].path.as_str()))
                .collect()
        } else {
            site.config.menu.iter().map(|m| (m.name.as_str(), m.url.strip_prefix('/').unwrap_or(&m.url))).collect()
        };
        // What fits on one line of the menu on a wide screen, counted in characters (the
        // theme's home and "more" items included): the rest is `more`, for a theme to put
        // under "Thêm". A site sets the line's length with `extra.menu_chars`.
        let budget =
            site.config.extra.get("menu_chars").and_then(crate::base::yaml::Value::as_u64).unwrap_or(124) as usize;
        let chars = |key: &str| strings.get(key).map_or(0, |s| s.chars().count());
        let mut used = chars("home") + chars("more_menu") + 8;
        let menu: Vec<Value> = menu
            .into_iter()
            .map(|(name, url)| {
                used += name.chars().count() + 4;
                obj([("name", Value::from(name)), ("url", Value::from(url)), ("more", Value::from(used > budget))])
            })
            .collect();
        let menu_more = used > budget;
        let tag_terms: &[site::Term] = tags_id.map_or(&[], |t| &site.taxonomies[t].terms);
        let mut popular: Vec<usize> = (0..tag_terms.len()).collect();
        popular.sort_by(|&a, &b| tag_terms[b].pages.len().cmp(&tag_terms[a].pages.len()).then(a.cmp(&b)));
        popular.truncate(20);
        popular.sort();
        let paths = &site.config.paths;
        let taxonomy_values: Vec<Value> = site
            .taxonomies
            .iter()
            .map(|tax| {
                obj([
                    ("name", Value::from(tax.name.as_str())),
                    ("title", Value::from(taxonomy_title(tax, strings))),
                    ("path", Value::from(tax.path.as_str())),
                    ("count", Value::from(tax.terms.len())),
                ])
            })
            .collect();
        let t = Value::from_serializable(strings);
        let site_value = obj([
            ("title", Value::from(site.config.title.as_str())),
            ("description", Value::from(site.config.description.as_str())),
            ("base_url", Value::from(site.config.base_url.as_str())),
            ("base_path", Value::from(site.config.base_path())),
            ("language", Value::from(lang)),
            ("timezone", Value::from(site.config.timezone_name.as_str())),
            ("menu", Value::from(menu)),
            ("menu_more", Value::from(menu_more)),
            (
                "sections",
                Value::from(site.sections[0].children.iter().map(|&c| sections[c].clone()).collect::<Vec<_>>()),
            ),
            (
                "latest",
                Value::from(site.articles.iter().take(6).map(|&id| cards[id].value.clone()).collect::<Vec<_>>()),
            ),
            ("popular_tags", Value::from(popular.iter().map(|&i| tags[i].clone()).collect::<Vec<_>>())),
            ("tags_path", tags_id.map_or_else(Value::none, |t| Value::from(site.taxonomies[t].path.as_str()))),
            ("taxonomies", Value::from(taxonomy_values.clone())),
            ("archive_path", Value::from(format!("{}/", paths.archive))),
            ("feed_path", Value::from(paths.feed.as_str())),
            ("search_path", if site.config.search { Value::from(format!("{}/", paths.search)) } else { Value::none() }),
            ("article_count", Value::from(site.articles.len())),
            ("extra", Value::from_serializable(&site.config.extra)),
            ("publisher", Value::from_serializable(&site.config.publisher)),
        ]);
        let default_image = site
            .config
            .extra
            .get("og_image")
            .and_then(|v| v.as_str())
            .unwrap_or("og-image.png")
            .trim_start_matches('/')
            .to_string();
        let section_views = (0..site.sections.len()).map(|id| Part::new(section_view(site, &sections, id))).collect();
        Views {
            site: Part::new(site_value),
            t: Part::new(t),
            cards,
            terms: term_parts,
            taxonomies: part(taxonomy_values),
            sections: section_parts,
            section_views,
            strings: strings.clone(),
            cached: Default::default(),
            facts: structured::SiteFacts {
                title: site.config.title.clone(),
                description: site.config.description.clone(),
                base_url: site.config.base_url.clone(),
                language: lang.to_string(),
                logo: site.config.publisher.logo.clone().unwrap_or_else(|| "logo-512.png".to_string()),
                search: site.config.search.then(|| format!("{}/", paths.search)),
                home: strings.get("home").cloned().unwrap_or_else(|| "Home".to_string()),
                archive: format!("{}/", paths.archive),
                publisher: site.config.publisher.clone(),
            },
            default_image,
            card_cache,
        }
    }

    fn cards_of(&self, ids: &[PageId]) -> Value {
        Value::from(ids.iter().map(|&id| self.cards[id].value.clone()).collect::<Vec<_>>())
    }

    fn hash_cards(&self, ids: &[PageId], h: &mut Xxh3) {
        h.write_usize(ids.len());
        for &id in ids {
            h.write_u64(self.cards[id].digest);
        }
    }

    /// The context of one route.
    /// The pieces of one route's context, cheap to make: references to shared values and
    /// lists of ids, turned into values only when the route is rendered.
    pub(crate) fn pieces<'a>(
        &'a self,
        site: &'a Site,
        kind: RouteKind,
        path: &'a crate::base::paths::UrlPath,
    ) -> Vec<(&'static str, Piece<'a>)> {
        let mut ctx = Pieces::default();
        ctx.shared("site", &self.site);
        ctx.shared("t", &self.t);
        ctx.text("current_path", path.as_str());
        let root = Views::root_of(site, kind, path);
        if let Some(part) = self.cached.get(&root) {
            ctx.shared("cached", part);
        }
        ctx.text("root", root);
        let lang = site.config.language.code();
        match kind {
            RouteKind::Home { number } => {
                // The lead and four sub-leads: the pinned articles first, then the newest.
                const LEAD: usize = 5;
                let mut lead: Vec<PageId> = site.pinned.iter().take(LEAD).copied().collect();
                for &id in &site.articles {
                    if lead.len() >= LEAD {
                        break;
                    }
                    if !lead.contains(&id) {
                        lead.push(id);
                    }
                }
                let mut items = page_items(&site.articles, site.per_page(kind), number).to_vec();
                if number == 1 {
                    items.retain(|id| !lead.contains(id));
                    ctx.put("lead", Piece::Cards(lead.clone()));
                    // A section's block shows its stories not already above it (the lead and
                    // the newest the theme lists: `LATEST` of them), so none is read twice.
                    const LATEST: usize = 8;
                    let shown: rustc_hash::FxHashSet<PageId> =
                        lead.iter().chain(items.iter().take(LATEST)).copied().collect();
                    let blocks: Vec<Value> = site.sections[0]
                        .children
                        .iter()
                        .filter_map(|&c| {
                            let fresh: Vec<PageId> = site.sections[c]
                                .pages
                                .iter()
                                .copied()
                                .filter(|id| !shown.contains(id))
                                .take(5)
                                .collect();
                            (!fresh.is_empty()).then(|| {
                                obj([("section", self.sections[c].value.clone()), ("pages", self.cards_of(&fresh))])
                            })
                        })
                        .collect();
                    ctx.value("blocks", Value::from(blocks));
                } else {
                    ctx.value("lead", Value::from(Vec::<Value>::new()));
                    ctx.value("blocks", Value::from(Vec::<Value>::new()));
                }
                ctx.shared("section", &self.section_views[0]);
                ctx.put(
                    "paginator",
                    Piece::Paginator { kind, base: crate::base::paths::UrlPath::root(), number, items: Some(items) },
                );
            }
            RouteKind::Section { id, number } => {
                ctx.shared("section", &self.section_views[id]);
                ctx.put("breadcrumbs", Piece::Breadcrumbs(site.sections[id].parent));
                ctx.put(
                    "paginator",
                    Piece::Paginator { kind, base: site.sections[id].path.clone(), number, items: None },
                );
            }
            RouteKind::Page(id) => {
                ctx.put("page", Piece::PageView(id));
                let parent =
                    if site.pages[id].kind == DocKind::Article { Some(site.pages[id].section) } else { Some(0) };
                ctx.put("breadcrumbs", Piece::Breadcrumbs(parent));
            }
            RouteKind::Taxonomy(taxonomy) => {
                let tax = &site.taxonomies[taxonomy];
                let chips = &self.terms[taxonomy];
                let mut groups: Vec<(String, Vec<Value>)> = Vec::new();
                for (i, t) in tax.terms.iter().enumerate() {
                    let letter = locale::index_letter(&t.name);
                    match groups.last_mut() {
                        Some((l, list)) if *l == letter => list.push(chips[i].value.clone()),
                        _ => groups.push((letter, vec![chips[i].value.clone()])),
                    }
                }
                let groups: Vec<Value> = groups
                    .into_iter()
                    .map(|(l, list)| {
                        let list = Value::from(list);
                        obj([("letter", Value::from(l)), ("terms", list.clone()), ("tags", list)])
                    })
                    .collect();
                ctx.value("taxonomy", self.taxonomy_view(site, taxonomy));
                ctx.value("groups", Value::from(groups));
                let all = Value::from(chips.iter().map(|t| t.value.clone()).collect::<Vec<_>>());
                ctx.value("terms", all.clone());
                ctx.value("tags", all);
                ctx.put("breadcrumbs", Piece::Breadcrumbs(Some(0)));
            }
            RouteKind::Term { taxonomy, id, number } => {
                ctx.value("taxonomy", self.taxonomy_view(site, taxonomy));
                ctx.value("term", self.term_view(site, taxonomy, id));
                ctx.put("breadcrumbs", Piece::Breadcrumbs(Some(0)));
                let base = site.taxonomies[taxonomy].terms[id].path.clone();
                ctx.put("paginator", Piece::Paginator { kind, base, number, items: None });
            }
            RouteKind::TermAlias { taxonomy, id } => {
                let term = &site.taxonomies[taxonomy].terms[id];
                ctx.value(
                    "target",
                    obj([("title", Value::from(term.name.as_str())), ("path", Value::from(term.path.as_str()))]),
                );
            }
            RouteKind::Archives => {
                let mut years: Vec<(i16, Vec<Value>)> = Vec::new();
                for m in &site.months {
                    let v = self.month_view(lang, m);
                    match years.last_mut() {
                        Some((y, list)) if *y == m.year => list.push(v),
                        _ => years.push((m.year, vec![v])),
                    }
                }
                let years: Vec<Value> = years
                    .into_iter()
                    .map(|(y, list)| obj([("year", Value::from(y)), ("months", Value::from(list))]))
                    .collect();
                ctx.value("years", Value::from(years));
                ctx.put("breadcrumbs", Piece::Breadcrumbs(Some(0)));
            }
            RouteKind::Archive { index, number } => {
                ctx.value("month", self.month_view(lang, &site.months[index]));
                ctx.put("breadcrumbs", Piece::Breadcrumbs(Some(0)));
                ctx.put(
                    "paginator",
                    Piece::Paginator { kind, base: site.months[index].path.clone(), number, items: None },
                );
            }
            RouteKind::Feed(of) => {
                let (list, title, link): (&[PageId], String, &str) = match of {
                    site::FeedOf::Site => (&site.articles, site.config.title.clone(), ""),
                    site::FeedOf::Section(id) => (
                        &site.sections[id].pages,
                        format!("{} – {}", site.sections[id].title, site.config.title),
                        site.sections[id].path.as_str(),
                    ),
                    site::FeedOf::Term { taxonomy, id } => {
                        let tax = &site.taxonomies[taxonomy];
                        let t = &tax.terms[id];
                        let title = format!("{}: {} – {}", term_title(tax, &self.strings), t.name, site.config.title);
                        (&t.pages, title, t.path.as_str())
                    }
                };
                let items = &list[..list.len().min(site.config.feed_limit)];
                let updated = items
                    .first()
                    .and_then(|&id| site.pages[id].date.as_ref())
                    .map_or_else(Value::none, |d| date_view(lang, d));
                let items = if site.config.feed_full_text {
                    let base = &site.config.base_url;
                    Value::from(
                        items
                            .iter()
                            .map(|&id| {
                                let mut map = self.cards[id].value.clone().into_map().unwrap_or_default();
                                let page_url = format!("{base}{}", site.pages[id].path.as_str());
                                let html = absolute_links(&site.pages[id].body.html, &page_url);
                                map.insert("content".into(), Value::from(html));
                                Value::from(map)
                            })
                            .collect::<Vec<_>>(),
                    )
                } else {
                    self.cards_of(items)
                };
                ctx.value(
                    "feed",
                    obj([
                        ("title", Value::from(title)),
                        ("link", Value::from(link)),
                        ("path", Value::from(path.as_str())),
                        ("updated", updated),
                        ("full_text", Value::from(site.config.feed_full_text)),
                        ("items", items),
                    ]),
                );
            }
            RouteKind::SitemapIndex => {
                let mut files: Vec<Value> = (0..site.sitemaps.len())
                    .map(|n| {
                        let lastmod = site.sitemaps[n]
                            .iter()
                            .filter_map(|e| sitemap_lastmod(site, *e))
                            .max_by_key(|d| d.timestamp())
                            .map_or_else(Value::none, stamp);
                        obj([("path", Value::from(site::sitemap_file(n))), ("lastmod", lastmod)])
                    })
                    .collect();
                if let Some(&newest) = site.news.first() {
                    files.push(obj([
                        ("path", Value::from(site::NEWS_SITEMAP)),
                        ("lastmod", site.pages[newest].date.as_ref().map_or_else(Value::none, stamp)),
                    ]));
                }
                ctx.value("sitemaps", Value::from(files));
            }
            RouteKind::Sitemap(n) => {
                let entries: Vec<Value> = site.sitemaps[n]
                    .iter()
                    .map(|&e| {
                        let path = match e {
                            site::SitemapEntry::Home => "",
                            site::SitemapEntry::Section(id) => site.sections[id].path.as_str(),
                            site::SitemapEntry::Page(id) => site.pages[id].path.as_str(),
                            site::SitemapEntry::Term(tax, id) => site.taxonomies[tax].terms[id].path.as_str(),
                        };
                        let images: Vec<Value> = match e {
                            site::SitemapEntry::Page(id) => {
                                // Google reads at most 1,000 images of a page.
                                site::page_images(&site.pages[id]).take(1000).map(Value::from).collect()
                            }
                            _ => Vec::new(),
                        };
                        obj([
                            ("path", Value::from(path)),
                            ("lastmod", sitemap_lastmod(site, e).map_or_else(Value::none, stamp)),
                            ("images", Value::from(images)),
                        ])
                    })
                    .collect();
                ctx.value("entries", Value::from(entries));
            }
            RouteKind::NewsSitemap => {
                let news: Vec<Value> = site
                    .news
                    .iter()
                    .map(|&id| {
                        let p = &site.pages[id];
                        obj([
                            ("path", Value::from(p.path.as_str())),
                            ("title", Value::from(p.title.as_str())),
                            ("published", p.date.as_ref().map_or_else(Value::none, stamp)),
                        ])
                    })
                    .collect();
                ctx.value("news", Value::from(news));
            }
            RouteKind::Alias(id) => {
                ctx.shared("target", &self.cards[id]);
            }
            RouteKind::Search => {
                ctx.put("breadcrumbs", Piece::Breadcrumbs(Some(0)));
            }
            RouteKind::Robots | RouteKind::NotFound => {}
        }
        ctx.put("meta", Piece::Meta(self.meta(site, kind, path)));
        ctx.0
    }

    /// The way back to the site root from a route: what relative links start with.
    pub(crate) fn root_of(site: &Site, kind: RouteKind, path: &crate::base::paths::UrlPath) -> String {
        // The 404 page is served at any address, so its links must not be relative.
        if kind == RouteKind::NotFound { site.config.base_path().to_string() } else { path.to_root() }
    }

    /// The context of a cached partial: only what is the same on every page of a depth.
    pub(crate) fn partial_context(&self, root: &str) -> Context {
        let mut ctx = Context::new();
        ctx.insert_value("site", self.site.value.clone());
        ctx.insert_value("t", self.t.value.clone());
        ctx.insert_value("root", Value::from(root));
        ctx
    }

    /// Turns pieces into a Tera context.
    pub(crate) fn context_of(&self, site: &Site, pieces: &[(&'static str, Piece<'_>)]) -> Context {
        let mut ctx = Context::new();
        for (key, piece) in pieces {
            ctx.insert_value(*key, piece.value(self, site));
        }
        ctx
    }

    /// A digest of everything a route's context holds: equal digests, equal pages (for the
    /// same template). Made from the digests of the shared values, without building them.
    pub(crate) fn fingerprint(
        &self,
        site: &Site,
        theme: u64,
        template: &str,
        pieces: &[(&'static str, Piece<'_>)],
    ) -> u64 {
        let mut h = Xxh3::new();
        theme.hash(&mut h);
        template.hash(&mut h);
        for (key, piece) in pieces {
            key.hash(&mut h);
            piece.digest(self, site).hash(&mut h);
        }
        h.finish()
    }

    fn string<'a>(&'a self, key: &'a str) -> &'a str {
        self.strings.get(key).map_or(key, String::as_str)
    }

    /// What the page says of itself to browsers and to Facebook, Zalo and others that share
    /// it: title, description, image, canonical path.
    fn meta<'a>(&'a self, site: &'a Site, kind: RouteKind, path: &'a crate::base::paths::UrlPath) -> Meta<'a> {
        let lang = site.config.language.code();
        let page =
            |number: usize| if number > 1 { format!(" – {} {number}", self.string("page")) } else { String::new() };
        let about_site = site.config.description.as_str();
        let path = path.as_str();
        match kind {
            RouteKind::Page(id) => {
                let p = &site.pages[id];
                let is_article = p.kind == DocKind::Article;
                let article = is_article.then(|| {
                    let names = |name: &str| {
                        site.taxonomy(name).map_or_else(Vec::new, |(t, tax)| {
                            p.terms.get(t).map_or_else(Vec::new, |ids| ids.iter().map(|&i| &tax.terms[i]).collect())
                        })
                    };
                    let authors: Vec<(&str, Option<&str>)> = match names("authors") {
                        terms if !terms.is_empty() => {
                            terms.iter().map(|t| (t.name.as_str(), Some(t.path.as_str()))).collect()
                        }
                        _ => p.author.as_deref().map_or_else(Vec::new, |a| a.split(", ").map(|n| (n, None)).collect()),
                    };
                    ArticleMeta {
                        section: (p.section != 0).then(|| site.sections[p.section].title.as_str()),
                        tags: names("tags").iter().map(|t| t.name.as_str()).collect(),
                        authors,
                        images: &p.body.images,
                        shapes: p
                            .image
                            .as_ref()
                            .and_then(|i| site.photos().at(i))
                            .map_or(&[][..], |ph| ph.crops.as_slice()),
                    }
                });
                let trail = if is_article { trail(site, Some(p.section)) } else { Vec::new() };
                Meta {
                    title: Cow::Borrowed(&p.title),
                    description: crate::base::text::clip(
                        if p.summary.is_empty() { about_site } else { &p.summary },
                        DESCRIPTION_CHARS,
                    ),
                    image: p.image.as_deref(),
                    image_alt: p.image_caption.as_deref().or_else(|| p.image.as_ref().map(|_| p.title.as_str())),
                    image_size: p.image.as_ref().and_then(|i| site.photos().at(i)).map(|ph| (ph.width, ph.height)),
                    kind: if is_article { "article" } else { "website" },
                    path,
                    dates: if is_article { [p.date.as_ref(), p.updated.as_ref()] } else { [None, None] },
                    noindex: p.noindex,
                    trail: trail
                        .into_iter()
                        .skip(1)
                        .map(|s| (Cow::Borrowed(site.sections[s].title.as_str()), site.sections[s].path.as_str()))
                        .collect(),
                    crumb: None,
                    article,
                }
            }
            RouteKind::Home { number } => {
                Meta::website(format!("{}{}", site.config.title, page(number)), about_site, path)
            }
            RouteKind::Section { id, number } => {
                let s = &site.sections[id];
                let mut meta = Meta::website(
                    format!("{}{}", s.title, page(number)),
                    s.description.as_deref().unwrap_or(about_site),
                    path,
                );
                let above = trail(site, s.parent);
                meta.trail = above
                    .into_iter()
                    .skip(1)
                    .map(|a| (Cow::Borrowed(site.sections[a].title.as_str()), site.sections[a].path.as_str()))
                    .collect();
                meta
            }
            RouteKind::Term { taxonomy, id, number } => {
                let tax = &site.taxonomies[taxonomy];
                let t = &tax.terms[id];
                let about = match t.text.as_ref().and_then(|x| x.description.as_deref()) {
                    Some(d) => Cow::Owned(d.to_string()),
                    None => Cow::Owned(format!("{} {} – {}", t.pages.len(), self.string("articles"), t.name)),
                };
                let mut meta = Meta::website(
                    format!("{}: {}{}", term_title(tax, &self.strings), t.name, page(number)),
                    about,
                    path,
                );
                meta.image = t.text.as_ref().and_then(|x| x.image.as_deref());
                meta.image_alt = meta.image.map(|_| t.name.as_str());
                meta.trail = vec![(Cow::Owned(taxonomy_title(tax, &self.strings)), tax.path.as_str())];
                meta.crumb = Some(Cow::Owned(format!("{}{}", t.name, page(number))));
                meta
            }
            RouteKind::Archive { index, number } => {
                let m = &site.months[index];
                let month = locale::month_label(lang, m.year, m.month);
                let mut meta = Meta::website(
                    format!("{} {month}{}", self.string("archive_month"), page(number)),
                    about_site,
                    path,
                );
                meta.trail = vec![(Cow::Borrowed(self.string("archive")), self.facts.archive.as_str())];
                meta.crumb = Some(Cow::Owned(format!("{month}{}", page(number))));
                meta
            }
            RouteKind::Taxonomy(taxonomy) => {
                let tax = &site.taxonomies[taxonomy];
                Meta::website(
                    taxonomy_title(tax, &self.strings),
                    tax.description.as_deref().unwrap_or(about_site),
                    path,
                )
            }
            RouteKind::Archives => Meta::website(self.string("archive"), about_site, path),
            RouteKind::Search => Meta::website(self.string("search"), about_site, path).not_for_search_engines(),
            RouteKind::NotFound => {
                Meta::website(self.string("not_found_title"), about_site, path).not_for_search_engines()
            }
            RouteKind::Alias(id) => {
                Meta::website(site.pages[id].title.as_str(), "", site.pages[id].path.as_str()).not_for_search_engines()
            }
            RouteKind::TermAlias { taxonomy, id } => {
                let t = &site.taxonomies[taxonomy].terms[id];
                Meta::website(t.name.as_str(), "", t.path.as_str()).not_for_search_engines()
            }
            RouteKind::Feed(_)
            | RouteKind::SitemapIndex
            | RouteKind::Sitemap(_)
            | RouteKind::NewsSitemap
            | RouteKind::Robots => Meta::website(site.config.title.as_str(), "", path).not_for_search_engines(),
        }
    }

    /// `taxonomy`: name, title, path, count of terms, and its `_index.md`'s text.
    fn taxonomy_view(&self, site: &Site, taxonomy: site::TaxonomyId) -> Value {
        let mut map = self.taxonomies[taxonomy].value.clone().into_map().unwrap_or_default();
        let tax = &site.taxonomies[taxonomy];
        map.insert("description".into(), opt_str(&tax.description));
        map.insert("content".into(), Value::from(tax.content.as_str()));
        map.insert("term_title".into(), Value::from(term_title(tax, &self.strings)));
        Value::from(map)
    }

    /// `term` on its own page: its chip, and its page file's text (an author's bio).
    fn term_view(&self, site: &Site, taxonomy: site::TaxonomyId, id: site::TermId) -> Value {
        let mut map = self.terms[taxonomy][id].value.clone().into_map().unwrap_or_default();
        let text = site.taxonomies[taxonomy].terms[id].text.as_ref();
        map.insert("description".into(), text.map_or_else(Value::none, |t| opt_str(&t.description)));
        map.insert("image".into(), text.map_or_else(Value::none, |t| opt_str(&t.image)));
        map.insert("content".into(), Value::from(text.map_or("", |t| t.content.as_str())));
        map.insert(
            "extra".into(),
            text.map_or_else(|| Value::from(tera::Map::new()), |t| Value::from_serializable(&*t.extra)),
        );
        Value::from(map)
    }

    fn month_view(&self, lang: &str, m: &site::Month) -> Value {
        obj([
            ("label", Value::from(locale::month_label(lang, m.year, m.month))),
            ("name", Value::from(locale::month_name(lang, m.month))),
            ("year", Value::from(m.year)),
            ("month", Value::from(m.month)),
            ("path", Value::from(m.path.as_str())),
            ("count", Value::from(m.pages.len())),
        ])
    }

    fn page_view(&self, site: &Site, id: PageId) -> Value {
        let p = &site.pages[id];
        let mut map = self.cards[id].value.clone().into_map().unwrap_or_default();
        let words = p.body.words;
        map.insert("content".into(), Value::from(p.body.html.as_str()));
        map.insert("toc".into(), Value::from_serializable(&p.body.toc));
        map.insert("extra".into(), Value::from_serializable(&*p.extra));
        map.insert("word_count".into(), Value::from(words));
        map.insert("image_in_body".into(), Value::from(p.image_in_body));
        map.insert("summary_written".into(), Value::from(p.summary_written));
        // Vietnamese is read at about 200 words a minute.
        map.insert("reading_minutes".into(), Value::from(words.div_ceil(200).max(1)));
        map.insert("previous".into(), p.previous.map_or_else(Value::none, |i| self.cards[i].value.clone()));
        map.insert("next".into(), p.next.map_or_else(Value::none, |i| self.cards[i].value.clone()));
        map.insert("related".into(), self.cards_of(&p.related));
        Value::from(map)
    }

    /// Page `number` of a list: its items and the links to the pages around it.
    fn paginator(
        &self,
        site: &Site,
        kind: RouteKind,
        base: &crate::base::paths::UrlPath,
        number: usize,
        items: Option<Vec<PageId>>,
    ) -> Value {
        let list = site.list_of(kind);
        let per = site.per_page(kind);
        let total = page_count(list.len(), per);
        let items = items.unwrap_or_else(|| page_items(list, per, number).to_vec());
        let link = |n: usize| Value::from(base.page(n).as_str());
        // First, last, and two on each side of the current page; gaps marked.
        let mut links = Vec::new();
        let mut last_shown = 0;
        for n in 1..=total {
            if n == 1 || n == total || n.abs_diff(number) <= 2 {
                if last_shown + 1 < n {
                    links.push(obj([
                        ("number", Value::none()),
                        ("path", Value::none()),
                        ("current", Value::from(false)),
                    ]));
                }
                links.push(obj([("number", Value::from(n)), ("path", link(n)), ("current", Value::from(n == number))]));
                last_shown = n;
            }
        }
        obj([
            ("number", Value::from(number)),
            ("total", Value::from(total)),
            ("count", Value::from(list.len())),
            ("pages", self.cards_of(&items)),
            ("previous", if number > 1 { link(number - 1) } else { Value::none() }),
            ("next", if number < total { link(number + 1) } else { Value::none() }),
            ("first", link(1)),
            ("last", link(total)),
            ("links", Value::from(links)),
        ])
    }
}

/// A taxonomy's title: as the site names it, else the theme's string `taxonomy_<name>`
/// (`tags` has `tags` too), else its name.
pub(crate) fn taxonomy_title(tax: &site::Taxonomy, strings: &std::collections::BTreeMap<String, String>) -> String {
    tax.title
        .clone()
        .or_else(|| strings.get(&format!("taxonomy_{}", tax.name)).cloned())
        .or_else(|| (tax.name == "tags").then(|| strings.get("tags").cloned()).flatten())
        .unwrap_or_else(|| tax.name.clone())
}

/// What one term of a taxonomy is called (“Từ khóa”, “Tác giả”): the theme's string
/// `term_<name>` (`tag` for tags), else the taxonomy's title.
pub(crate) fn term_title(tax: &site::Taxonomy, strings: &std::collections::BTreeMap<String, String>) -> String {
    strings
        .get(&format!("term_{}", tax.name))
        .cloned()
        .or_else(|| (tax.name == "tags").then(|| strings.get("tag").cloned()).flatten())
        .unwrap_or_else(|| taxonomy_title(tax, strings))
}

/// A time as sitemaps and structured data write it: `2023-04-06T08:30:00+07:00`.
fn stamp(d: &jiff::Zoned) -> Value {
    Value::from(d.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string())
}

/// When an address of a sitemap last changed: a page's `updated` or date; a list's newest
/// article's.
fn sitemap_lastmod(site: &Site, e: site::SitemapEntry) -> Option<&jiff::Zoned> {
    let of_page = |id: PageId| site.pages[id].updated.as_ref().or(site.pages[id].date.as_ref());
    match e {
        site::SitemapEntry::Home => site.articles.first().and_then(|&id| of_page(id)),
        site::SitemapEntry::Section(s) => site.sections[s].pages.first().and_then(|&id| of_page(id)),
        site::SitemapEntry::Page(id) => of_page(id),
        site::SitemapEntry::Term(tax, t) => site.taxonomies[tax].terms[t].pages.first().and_then(|&id| of_page(id)),
    }
}

/// A body's HTML with its links and images made absolute from `page_url`, for feed readers
/// (which read an item away from its page).
fn absolute_links(html: &str, page_url: &str) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(at) = ATTRS.iter().filter_map(|a| rest.find(a).map(|i| (i, a.len()))).min() {
        let (i, len) = at;
        out.push_str(&rest[..i + len]);
        rest = &rest[i + len..];
        let end = rest.find('"').unwrap_or(rest.len());
        let value = &rest[..end];
        if out.ends_with(" srcset=\"") {
            let items: Vec<String> = value
                .split(", ")
                .map(|item| match item.split_once(' ') {
                    Some((url, w)) => format!("{} {w}", resolve(page_url, url)),
                    None => resolve(page_url, item),
                })
                .collect();
            out.push_str(&items.join(", "));
        } else {
            out.push_str(&resolve(page_url, value));
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

const ATTRS: [&str; 4] = [" href=\"", " src=\"", " srcset=\"", " poster=\""];

/// `reference` (as written in a page at `base`, an absolute URL ending in `/`) as an absolute URL.
fn resolve(base: &str, reference: &str) -> String {
    if reference.is_empty() || reference.starts_with('#') {
        return format!("{base}{reference}");
    }
    if reference.starts_with("//") || crate::base::paths::scheme_of(reference).is_some() {
        return reference.to_string();
    }
    let origin_end = base.find("://").map_or(0, |i| i + 3);
    let origin_end = base[origin_end..].find('/').map_or(base.len(), |i| origin_end + i);
    if reference.starts_with('/') {
        return format!("{}{reference}", &base[..origin_end]);
    }
    let mut dirs: Vec<&str> = base[origin_end..].split('/').filter(|s| !s.is_empty()).collect();
    if !base.ends_with('/') {
        dirs.pop();
    }
    let mut parts = reference.split('/').peekable();
    let mut tail = Vec::new();
    while let Some(part) = parts.next() {
        match part {
            ".." => {
                dirs.pop();
            }
            "." => {}
            _ => {
                tail.push(part);
                tail.extend(parts.by_ref());
            }
        }
    }
    let mut out = base[..origin_end].to_string();
    for d in dirs.iter().chain(tail.iter()) {
        out.push('/');
        out.push_str(d);
    }
    if tail.is_empty() {
        out.push('/');
    }
    out
}

/// The sections from the home page down to section `from` (inclusive).
fn trail(site: &Site, from: Option<usize>) -> Vec<usize> {
    let mut trail = Vec::new();
    let mut s = from;
    while let Some(id) = s {
        trail.push(id);
        s = site.sections[id].parent;
    }
    trail.reverse();
    trail
}

/// The trail from the home page down to section `from`, as `[{title, path}]`.
fn breadcrumbs(site: &Site, from: Option<usize>) -> Value {
    Value::from(
        trail(site, from)
            .into_iter()
            .map(|id| {
                obj([
                    ("title", Value::from(site.sections[id].title.as_str())),
                    ("path", Value::from(site.sections[id].path.as_str())),
                ])
            })
            .collect::<Vec<_>>(),
    )
}

/// A section's full view: its card, body, subsections and extra values.
fn section_view(site: &Site, sections: &[Value], id: usize) -> Value {
    let s = &site.sections[id];
    obj([
        ("title", Value::from(s.title.as_str())),
        ("path", Value::from(s.path.as_str())),
        ("description", opt_str(&s.description)),
        ("content", Value::from(s.content.as_str())),
        ("count", Value::from(s.pages.len())),
        ("children", Value::from(s.children.iter().map(|&c| sections[c].clone()).collect::<Vec<_>>())),
        ("extra", Value::from_serializable(&*s.extra)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_in_a_feed_links_absolutely() {
        let page = "https://example.org/tin/tin-tuc/ky-ket/";
        let html = r##"<p><a href="../../giam-ngheo/a/">A</a> <a href="#muc-1">B</a> <a href="https://x.vn/">C</a></p><img src="anh.jpg" srcset="anh-480w.webp 480w, anh-800w.webp 800w"><a href="/tin/">D</a> <a href="mailto:a@b.vn">E</a> <img src="data:image/png;base64,AA">"##;
        let out = absolute_links(html, page);
        assert!(out.contains(r##"href="https://example.org/tin/giam-ngheo/a/""##), "{out}");
        assert!(out.contains(r##"href="https://example.org/tin/tin-tuc/ky-ket/#muc-1""##), "{out}");
        assert!(out.contains(r##"href="https://x.vn/""##) && out.contains(r##"href="mailto:a@b.vn""##), "{out}");
        assert!(out.contains(r##"src="https://example.org/tin/tin-tuc/ky-ket/anh.jpg""##), "{out}");
        assert!(out.contains(r##"srcset="https://example.org/tin/tin-tuc/ky-ket/anh-480w.webp 480w, https://example.org/tin/tin-tuc/ky-ket/anh-800w.webp 800w""##), "{out}");
        assert!(out.contains(r##"href="https://example.org/tin/""##) && out.contains("data:image/png"), "{out}");
    }
}
