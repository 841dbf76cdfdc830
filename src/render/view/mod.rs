//! The values handed to templates, and the context of each route.
//!
//! Everything that appears on many pages (the site, each article's card, each tag) is made
//! into a Tera value once; a route's context is a handful of references to those values
//! (Tera's values share their contents), never a copy of the site.
//!
//! Every URL in a view is a site path (`tin-tuc/ky-ket/`, no leading `/`); templates turn it
//! into a link with `| url` (relative to the page, so the site works under any sub-path) or
//! `| abs_url` (with `base_url`, for feeds and sharing).
//!
//! By kind: [`cards`] (one per page, and the cache of them a `serve` session keeps),
//! [`site_value`] (`site`), [`lists`] (lists, pagers, trails, terms and months), [`meta`]
//! (what a page says of itself), [`feeds`] (feeds and sitemaps), and [`pieces`] (a route's
//! context, piece by piece, and its fingerprint).

mod cards;
mod feeds;
mod lists;
mod meta;
mod pieces;
mod site_value;

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use rayon::prelude::*;
use tera::{Context, Map, Value};
use xxhash_rust::xxh3::Xxh3;

use crate::site::{RouteKind, Site};

use super::{locale, structured};

pub(crate) use pieces::Piece;

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

/// A part hashes as its digest: what a value made of parts depends on.
impl Hash for Part {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.digest.hash(h);
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
    strings: BTreeMap<String, String>,
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

/// Wraps each value, hashing them in parallel.
fn parts(values: Vec<Value>) -> Vec<Part> {
    values.into_par_iter().map(Part::new).collect()
}

/// `{name, path, count}` per term, per taxonomy.
fn term_parts(site: &Site) -> Vec<Vec<Part>> {
    let chip = |t: &crate::site::Term| {
        obj([
            ("name", Value::from(t.name.as_str())),
            ("path", Value::from(t.path.as_str())),
            ("count", Value::from(t.pages.len())),
        ])
    };
    site.taxonomies.iter().map(|tax| parts(tax.terms.iter().map(chip).collect())).collect()
}

/// `{title, path, description, count}` per section.
fn section_parts(site: &Site) -> Vec<Part> {
    let card = |s: &crate::site::Section| {
        obj([
            ("title", Value::from(s.title.as_str())),
            ("path", Value::from(s.path.as_str())),
            ("description", opt_str(&s.description)),
            ("count", Value::from(s.pages.len())),
        ])
    };
    parts(site.sections.iter().map(card).collect())
}

/// `{name, title, path, count}` per taxonomy.
fn taxonomy_parts(site: &Site, strings: &BTreeMap<String, String>) -> Vec<Part> {
    let card = |tax: &crate::site::Taxonomy| {
        obj([
            ("name", Value::from(tax.name.as_str())),
            ("title", Value::from(meta::taxonomy_title(tax, strings))),
            ("path", Value::from(tax.path.as_str())),
            ("count", Value::from(tax.terms.len())),
        ])
    };
    parts(site.taxonomies.iter().map(card).collect())
}

impl Views {
    /// Makes the shared values of `site`, with the theme's `strings`; cards whose inputs are
    /// as they were in `previous` are taken from it rather than made again.
    pub(crate) fn new(site: &Site, strings: &BTreeMap<String, String>, previous: Option<&Views>) -> Views {
        let terms = term_parts(site);
        let sections = section_parts(site);
        let (cards, card_cache) = cards::make(site, &terms, &sections, previous.map(|v| &v.card_cache));
        let taxonomies = taxonomy_parts(site, strings);
        let lists = site_value::Lists { cards: &cards, terms: &terms, sections: &sections, taxonomies: &taxonomies };
        let site_value = site_value::site_value(site, strings, &lists);
        let section_views =
            (0..site.sections.len()).map(|id| Part::new(lists::section_view(site, &sections, id))).collect();
        Views {
            site: Part::new(site_value),
            t: Part::new(Value::from_serializable(strings)),
            cards,
            terms,
            taxonomies,
            sections,
            section_views,
            strings: strings.clone(),
            cached: Default::default(),
            facts: site_value::facts(site, strings),
            default_image: site_value::default_image(site),
            card_cache,
        }
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

    /// The theme's string `key`, or the key itself when the theme has none.
    fn string<'a>(&'a self, key: &'a str) -> &'a str {
        self.strings.get(key).map_or(key, String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_values_hash_equal_and_kinds_do_not_collide() {
        let digest = |v: Value| Part::new(v).digest;
        let card = || obj([("title", Value::from("Bài A")), ("count", Value::from(3))]);
        assert_eq!(digest(card()), digest(card()));
        assert_ne!(digest(card()), digest(obj([("title", Value::from("Bài B")), ("count", Value::from(3))])));
        // The same text as a string, a one-item list and a key: three different values.
        let kinds = [Value::from("1"), Value::from(vec![Value::from("1")]), Value::from(1), Value::none()];
        let digests: std::collections::HashSet<u64> = kinds.into_iter().map(digest).collect();
        assert_eq!(digests.len(), 4);
    }

    #[test]
    fn a_date_has_the_forms_templates_need() {
        let date: jiff::Zoned = "2023-04-06T08:05:00+07:00[Asia/Ho_Chi_Minh]".parse().unwrap();
        let view = date_view("vi", &date);
        let get = |k: &str| view.get_from_path(k).cloned().unwrap();
        assert_eq!(get("local").as_str(), Some("2023-04-06T08:05:00+07:00"));
        assert_eq!(get("time").as_str(), Some("08:05"));
        assert_eq!(get("rfc2822").as_str(), Some("Thu, 6 Apr 2023 08:05:00 +0700"));
        assert_eq!(
            (get("year").as_i128(), get("month").as_i128(), get("day").as_i128()),
            (Some(2023), Some(4), Some(6))
        );
        let midnight: jiff::Zoned = "2023-04-06T00:00:00+07:00[Asia/Ho_Chi_Minh]".parse().unwrap();
        assert!(date_view("vi", &midnight).get_from_path("time").unwrap().is_none());
    }
}
