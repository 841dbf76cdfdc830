//! The pieces of one route's context: references to shared values and lists of ids, cheap to
//! make and to fingerprint, turned into Tera values only when the route is rendered.

use std::borrow::Cow;
use std::hash::{Hash, Hasher};

use tera::Value;
use xxhash_rust::xxh3::Xxh3;

use crate::base::paths::UrlPath;
use crate::content::DocKind;
use crate::site::editions::Twin;
use crate::site::{self, PageId, RouteKind, Site, page_items};

use super::feeds::{news_entries, sitemap_entries, sitemap_files};
use super::lists::{breadcrumbs, lead, month_view, trail};
use super::meta::Meta;
use super::{Part, Views, hash_value, obj};

/// One entry of a route's context, before it is made into a Tera value.
pub(crate) enum Piece<'a> {
    /// A value shared by many routes.
    Shared(&'a Part),
    /// The cards of these pages.
    Cards(Vec<PageId>),
    /// The full view of a page (its card, body, neighbours, related articles).
    PageView(PageId),
    /// Page `number` of a list, with its items (or the list's own items).
    Paginator { kind: RouteKind, base: UrlPath, number: usize, items: Option<Vec<PageId>> },
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
            Piece::PageView(id) => views.hash_page_view(site, *id, &mut h),
            Piece::Paginator { kind, base, number, items } => {
                views.hash_paginator(site, (*kind, base, *number), items.as_deref(), &mut h)
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
    /// `breadcrumbs` from the home page down to section `from`.
    fn crumbs(&mut self, from: Option<usize>) {
        self.put("breadcrumbs", Piece::Breadcrumbs(from));
    }
    /// `paginator`: page `number` of the list of `kind` at `base`.
    fn paginator(&mut self, kind: RouteKind, base: UrlPath, number: usize) {
        self.put("paginator", Piece::Paginator { kind, base, number, items: None });
    }
}

impl Views {
    /// The pieces of one route's context: what every page has (`site`, `t`, `root`, the cached
    /// partials, `meta`) and what its kind has.
    pub(crate) fn pieces<'a>(
        &'a self,
        site: &'a Site,
        kind: RouteKind,
        path: &'a UrlPath,
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
        if site.config.editions.len() > 1 {
            let twins = twins_of(site, kind);
            if let Some(alternates) = alternates(site, &twins, path) {
                ctx.value("alternates", alternates);
            }
            ctx.value("translations", translations(site, &twins));
        }
        self.pieces_of_kind(&mut ctx, site, kind, path);
        ctx.put("meta", Piece::Meta(self.meta(site, kind, path)));
        ctx.0
    }

    /// What a route of `kind` has besides what every route has.
    fn pieces_of_kind<'a>(&'a self, ctx: &mut Pieces<'a>, site: &'a Site, kind: RouteKind, path: &'a UrlPath) {
        match kind {
            RouteKind::Home { number } => self.home(ctx, site, number),
            RouteKind::Section { id, number } => {
                ctx.shared("section", &self.section_views[id]);
                ctx.crumbs(site.sections[id].parent);
                ctx.paginator(kind, site.sections[id].path.clone(), number);
            }
            RouteKind::Page(id) => {
                ctx.put("page", Piece::PageView(id));
                let p = &site.pages[id];
                ctx.crumbs(Some(if p.kind == DocKind::Article { p.section } else { 0 }));
            }
            RouteKind::Taxonomy(taxonomy) => self.taxonomy(ctx, site, taxonomy),
            RouteKind::Term { taxonomy, id, number } => {
                ctx.value("taxonomy", self.taxonomy_view(site, taxonomy));
                ctx.value("term", self.term_view(site, taxonomy, id));
                ctx.crumbs(Some(0));
                ctx.paginator(kind, site.taxonomies[taxonomy].terms[id].path.clone(), number);
            }
            RouteKind::SectionAlias(id) => {
                let s = &site.sections[id];
                let target = obj([("title", Value::from(s.title.as_str())), ("path", Value::from(s.path.as_str()))]);
                ctx.value("target", target);
            }
            RouteKind::TermAlias { taxonomy, id } => {
                let term = &site.taxonomies[taxonomy].terms[id];
                let target =
                    obj([("title", Value::from(term.name.as_str())), ("path", Value::from(term.path.as_str()))]);
                ctx.value("target", target);
            }
            RouteKind::Archives => {
                ctx.value("years", self.archive_years(site));
                ctx.crumbs(Some(0));
            }
            RouteKind::Archive { index, number } => {
                ctx.value("month", month_view(site.config.language.code(), &site.months[index]));
                ctx.crumbs(Some(0));
                ctx.paginator(kind, site.months[index].path.clone(), number);
            }
            RouteKind::Feed(of) => ctx.value("feed", self.feed(site, of, path)),
            RouteKind::SitemapIndex => ctx.value("sitemaps", sitemap_files(site)),
            RouteKind::Sitemap(n) => ctx.value("entries", sitemap_entries(site, n)),
            RouteKind::NewsSitemap => ctx.value("news", news_entries(site)),
            RouteKind::Alias(id) => ctx.shared("target", &self.cards[id]),
            RouteKind::Search => ctx.crumbs(Some(0)),
            RouteKind::Robots | RouteKind::NotFound => {}
            RouteKind::Untranslated => {
                // The name of each edition's language, in this one's, for the page's script.
                let names: std::collections::BTreeMap<&str, String> = site
                    .config
                    .editions
                    .iter()
                    .map(|e| e.language.code())
                    .map(|code| (code, self.string(&format!("language_{code}")).to_string()))
                    .collect();
                // For a script: `<` written as `\u003c`, so no name can close it.
                let json = serde_json::to_string(&names).unwrap_or_default().replace('<', "\\u003c");
                ctx.text("languages_json", json);
                ctx.crumbs(Some(0));
            }
        }
    }

    /// The home page: on its first page the lead and the sections' blocks, then the newest
    /// articles not in the lead.
    fn home<'a>(&'a self, ctx: &mut Pieces<'a>, site: &'a Site, number: usize) {
        let kind = RouteKind::Home { number };
        let lead = lead(site);
        let mut items = page_items(&site.articles, site.per_page(kind), number).to_vec();
        if number == 1 {
            items.retain(|id| !lead.contains(id));
            let blocks = self.blocks(site, &lead, &items);
            ctx.put("lead", Piece::Cards(lead));
            ctx.value("blocks", blocks);
        } else {
            ctx.value("lead", Value::from(Vec::<Value>::new()));
            ctx.value("blocks", Value::from(Vec::<Value>::new()));
        }
        ctx.shared("section", &self.section_views[0]);
        ctx.put("paginator", Piece::Paginator { kind, base: site.config.home(), number, items: Some(items) });
    }

    /// A taxonomy's index: all its terms, and the same grouped by letter.
    fn taxonomy<'a>(&'a self, ctx: &mut Pieces<'a>, site: &'a Site, taxonomy: site::TaxonomyId) {
        ctx.value("taxonomy", self.taxonomy_view(site, taxonomy));
        ctx.value("groups", self.term_groups(site, taxonomy));
        let all = Value::from(self.terms[taxonomy].iter().map(|t| t.value.clone()).collect::<Vec<_>>());
        ctx.value("terms", all.clone());
        ctx.value("tags", all);
        ctx.crumbs(Some(0));
    }
}

/// `translations`, on a site of more than one edition: the same route in each other edition
/// as `{language, name, path, translated, default}`. A page or section with no translation
/// leads to the page that says so, or to that edition's home page (`translated: false`); the
/// other lists lead to its home page.
fn translations(site: &Site, twins: &[Twin]) -> Value {
    let editions = &site.config.editions;
    Value::from(
        twins
            .iter()
            .map(|t| {
                let language = editions[t.edition].language;
                obj([
                    ("language", Value::from(language.code())),
                    ("name", Value::from(language.native_name())),
                    ("path", Value::from(t.path.as_str())),
                    ("translated", Value::from(t.translated)),
                    ("default", Value::from(t.edition == 0)),
                ])
            })
            .collect::<Vec<_>>(),
    )
}

/// The same route in the other editions: a page's or section's twins (on a list's first
/// page), else the other editions' home pages.
fn twins_of(site: &Site, kind: RouteKind) -> Vec<Twin> {
    match kind {
        RouteKind::Page(id) => site.pages[id].twins.clone(),
        RouteKind::Section { id, number: 1 } => site.sections[id].twins.clone(),
        RouteKind::Home { number: 1 } => site.sections[0].twins.clone(),
        RouteKind::Taxonomy(t) => site.taxonomies[t].twins.clone(),
        RouteKind::Term { taxonomy, id, number: 1 } => site.taxonomies[taxonomy].terms[id].twins.clone(),

        _ => site.sections[0].twins.iter().map(|t| Twin { translated: false, ..t.clone() }).collect(),
    }
}

/// `alternates`, for `<link rel="alternate" hreflang>`: the route itself and each of its
/// translations, and `x-default` (the default edition's), when it has any translation.
fn alternates(site: &Site, twins: &[Twin], path: &UrlPath) -> Option<Value> {
    if !twins.iter().any(|t| t.translated) {
        return None;
    }
    let link = |hreflang: &str, path: &str| obj([("hreflang", Value::from(hreflang)), ("path", Value::from(path))]);
    let mut list = vec![link(site.config.language.code(), path.as_str())];
    for t in twins.iter().filter(|t| t.translated) {
        list.push(link(site.config.editions[t.edition].language.code(), t.path.as_str()));
    }
    let default = if site.config.is_default_edition() {
        Some(path.as_str())
    } else {
        twins.iter().find(|t| t.edition == 0 && t.translated).map(|t| t.path.as_str())
    };
    if let Some(default) = default {
        list.push(link("x-default", default));
    }
    Some(Value::from(list))
}
