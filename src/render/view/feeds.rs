//! Feeds (RSS) and sitemaps: the views of the files made for machines.

use tera::Value;

use crate::base::paths::UrlPath;
use crate::site::{self, FeedOf, PageId, Site, SitemapEntry};

use super::meta::{stamp, term_title};
use super::{Views, date_view, obj};

impl Views {
    /// `feed`: a feed's title, link, date and newest items (with their bodies when the site
    /// gives full text).
    pub(super) fn feed(&self, site: &Site, of: FeedOf, path: &UrlPath) -> Value {
        let lang = site.config.language.code();
        let (list, title, link): (&[PageId], String, &str) = match of {
            FeedOf::Site => (&site.articles, site.config.title.clone(), site.sections[0].path.as_str()),
            FeedOf::Section(id) => (
                &site.sections[id].pages,
                format!("{} – {}", site.sections[id].title, site.config.title),
                site.sections[id].path.as_str(),
            ),
            FeedOf::Term { taxonomy, id } => {
                let tax = &site.taxonomies[taxonomy];
                let t = &tax.terms[id];
                let title = format!("{}: {} – {}", term_title(tax, &self.strings), t.name, site.config.title);
                (&t.pages, title, t.path.as_str())
            }
        };
        let items = &list[..list.len().min(site.config.feed_limit)];
        let updated =
            items.first().and_then(|&id| site.pages[id].date.as_ref()).map_or_else(Value::none, |d| date_view(lang, d));
        obj([
            ("title", Value::from(title)),
            ("link", Value::from(link)),
            ("path", Value::from(path.as_str())),
            ("updated", updated),
            ("full_text", Value::from(site.config.feed_full_text)),
            ("items", self.feed_items(site, items)),
        ])
    }

    /// A feed's items: their cards, with each body's links made absolute when the site gives
    /// full text.
    fn feed_items(&self, site: &Site, items: &[PageId]) -> Value {
        if !site.config.feed_full_text {
            return self.cards_of(items);
        }
        let base = &site.config.base_url;
        let items = items.iter().map(|&id| {
            let mut map = self.cards[id].value.clone().into_map().unwrap_or_default();
            let page_url = format!("{base}{}", site.pages[id].path.as_str());
            let html = site.pages[id].body.html.with(|h| absolute_links(h, &page_url));
            map.insert("content".into(), Value::from(html));
            Value::from(map)
        });
        Value::from(items.collect::<Vec<_>>())
    }
}

/// `sitemaps`: each sitemap file with its newest change, and the news sitemap's.
pub(super) fn sitemap_files(site: &Site) -> Value {
    let home = &site.config.this_edition().path;
    let mut files: Vec<Value> = (0..site.sitemaps.len())
        .map(|n| {
            let lastmod = site.sitemaps[n]
                .iter()
                .filter_map(|e| sitemap_lastmod(site, *e))
                .max_by_key(|d| d.timestamp())
                .map_or_else(Value::none, stamp_value);
            obj([("path", Value::from(format!("{home}{}", site::sitemap_file(n)))), ("lastmod", lastmod)])
        })
        .collect();
    if let Some(&newest) = site.news.first() {
        files.push(obj([
            ("path", Value::from(format!("{home}{}", site::NEWS_SITEMAP))),
            ("lastmod", site.pages[newest].date.as_ref().map_or_else(Value::none, stamp_value)),
        ]));
    }
    Value::from(files)
}

/// `entries` of sitemap `n`: each address, when it last changed, and a page's images.
pub(super) fn sitemap_entries(site: &Site, n: usize) -> Value {
    let entries: Vec<Value> = site.sitemaps[n]
        .iter()
        .map(|&e| {
            let path = match e {
                SitemapEntry::Home => site.sections[0].path.as_str(),
                SitemapEntry::Section(id) => site.sections[id].path.as_str(),
                SitemapEntry::Page(id) => site.pages[id].path.as_str(),
                SitemapEntry::Taxonomy(tax) => site.taxonomies[tax].path.as_str(),
                SitemapEntry::Term(tax, id) => site.taxonomies[tax].terms[id].path.as_str(),
            };
            let images: Vec<Value> = match e {
                // Google reads at most 1,000 images of a page.
                SitemapEntry::Page(id) => site::page_images(&site.pages[id]).take(1000).map(Value::from).collect(),
                _ => Vec::new(),
            };
            let lastmod = sitemap_lastmod(site, e).map_or_else(Value::none, stamp_value);
            let twins = match e {
                SitemapEntry::Home => &site.sections[0].twins,
                SitemapEntry::Section(id) => &site.sections[id].twins,
                SitemapEntry::Page(id) => &site.pages[id].twins,
                SitemapEntry::Taxonomy(t) => &site.taxonomies[t].twins,
                SitemapEntry::Term(t, id) => &site.taxonomies[t].terms[id].twins,
            };
            match sitemap_alternates(site, path, twins) {
                None => obj([("path", Value::from(path)), ("lastmod", lastmod), ("images", Value::from(images))]),
                Some(alternates) => obj([
                    ("path", Value::from(path)),
                    ("lastmod", lastmod),
                    ("images", Value::from(images)),
                    ("alternates", alternates),
                ]),
            }
        })
        .collect();
    Value::from(entries)
}

/// The address in every language it has, itself included (`<xhtml:link hreflang>`), when it
/// has a translation.
fn sitemap_alternates(site: &Site, path: &str, twins: &[crate::site::editions::Twin]) -> Option<Value> {
    if !twins.iter().any(|t| t.translated) {
        return None;
    }
    let link = |hreflang: &str, path: &str| obj([("hreflang", Value::from(hreflang)), ("path", Value::from(path))]);
    let mut list = vec![link(site.config.language.code(), path)];
    list.extend(
        twins
            .iter()
            .filter(|t| t.translated)
            .map(|t| link(site.config.editions[t.edition].language.code(), t.path.as_str())),
    );
    Some(Value::from(list))
}

/// `news`: the articles of the news sitemap.
pub(super) fn news_entries(site: &Site) -> Value {
    let news: Vec<Value> = site
        .news
        .iter()
        .map(|&id| {
            let p = &site.pages[id];
            obj([
                ("path", Value::from(p.path.as_str())),
                ("title", Value::from(p.title.as_str())),
                ("published", p.date.as_ref().map_or_else(Value::none, stamp_value)),
            ])
        })
        .collect();
    Value::from(news)
}

fn stamp_value(d: &jiff::Zoned) -> Value {
    Value::from(stamp(d))
}

/// When an address of a sitemap last changed: a page's `updated` or date; a list's newest
/// article's.
fn sitemap_lastmod(site: &Site, e: SitemapEntry) -> Option<&jiff::Zoned> {
    let of_page = |id: PageId| site.pages[id].updated.as_ref().or(site.pages[id].date.as_ref());
    match e {
        SitemapEntry::Home => site.articles.first().and_then(|&id| of_page(id)),
        SitemapEntry::Section(s) => site.sections[s].pages.first().and_then(|&id| of_page(id)),
        SitemapEntry::Page(id) => of_page(id),
        SitemapEntry::Taxonomy(tax) => site.taxonomies[tax]
            .terms
            .iter()
            .filter_map(|t| t.pages.first().and_then(|&id| of_page(id)))
            .max_by_key(|d| d.timestamp()),
        SitemapEntry::Term(tax, t) => site.taxonomies[tax].terms[t].pages.first().and_then(|&id| of_page(id)),
    }
}

/// A body's HTML with its links and images made absolute from `page_url`, for feed readers
/// (which read an item away from its page).
fn absolute_links(html: &str, page_url: &str) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some((i, len)) = ATTRS.iter().filter_map(|a| rest.find(a).map(|i| (i, a.len()))).min() {
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

    #[test]
    fn references_resolve_against_the_page_like_a_browser_does() {
        let base = "https://example.org/tin/a/";
        assert_eq!(resolve(base, ""), "https://example.org/tin/a/");
        assert_eq!(resolve(base, "#x"), "https://example.org/tin/a/#x");
        assert_eq!(resolve(base, "//cdn.vn/x.js"), "//cdn.vn/x.js");
        assert_eq!(resolve(base, "/goc/"), "https://example.org/goc/");
        assert_eq!(resolve(base, "../b/"), "https://example.org/tin/b/");
        assert_eq!(resolve(base, "./anh.jpg"), "https://example.org/tin/a/anh.jpg");
        assert_eq!(resolve(base, "../../.."), "https://example.org/");
        assert_eq!(resolve("https://example.org/tin/a", "b"), "https://example.org/tin/b");
    }
}
