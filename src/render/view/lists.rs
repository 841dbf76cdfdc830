//! The lists pages are made of: the home page's lead and section blocks, a list's pages and
//! the links between them, the trail down to a section, a taxonomy's terms by letter, the
//! archive's months by year.

use std::hash::Hash;

use tera::Value;
use xxhash_rust::xxh3::Xxh3;

use crate::base::paths::UrlPath;
use crate::site::{self, PageId, RouteKind, Site, page_count, page_items};

use super::{Part, Views, locale, obj, opt_str};

/// How many stories the home page leads with: one large, four small.
const LEAD: usize = 5;

/// How many of the newest the home page lists under the lead (the theme shows that many).
const LATEST: usize = 8;

/// The home page's lead: the pinned articles first, then the newest.
pub(super) fn lead(site: &Site) -> Vec<PageId> {
    let mut lead: Vec<PageId> = site.pinned.iter().take(LEAD).copied().collect();
    for &id in &site.articles {
        if lead.len() >= LEAD {
            break;
        }
        if !lead.contains(&id) {
            lead.push(id);
        }
    }
    lead
}

impl Views {
    /// The home page's block per section: its stories not already above it (the lead and the
    /// newest the theme lists), so none is read twice.
    pub(super) fn blocks(&self, site: &Site, lead: &[PageId], items: &[PageId]) -> Value {
        let shown: rustc_hash::FxHashSet<PageId> = lead.iter().chain(items.iter().take(LATEST)).copied().collect();
        let blocks: Vec<Value> = site.sections[0]
            .children
            .iter()
            .filter_map(|&c| {
                let fresh: Vec<PageId> =
                    site.sections[c].pages.iter().copied().filter(|id| !shown.contains(id)).take(5).collect();
                (!fresh.is_empty())
                    .then(|| obj([("section", self.sections[c].value.clone()), ("pages", self.cards_of(&fresh))]))
            })
            .collect();
        Value::from(blocks)
    }

    /// Page `number` of a list: its items and the links to the pages around it.
    pub(super) fn paginator(
        &self,
        site: &Site,
        kind: RouteKind,
        base: &UrlPath,
        number: usize,
        items: Option<Vec<PageId>>,
    ) -> Value {
        let list = site.list_of(kind);
        let per = site.per_page(kind);
        let total = page_count(list.len(), per);
        let items = items.unwrap_or_else(|| page_items(list, per, number).to_vec());
        let link = |n: usize| Value::from(base.page(n).as_str());
        obj([
            ("number", Value::from(number)),
            ("total", Value::from(total)),
            ("count", Value::from(list.len())),
            ("pages", self.cards_of(&items)),
            ("previous", if number > 1 { link(number - 1) } else { Value::none() }),
            ("next", if number < total { link(number + 1) } else { Value::none() }),
            ("first", link(1)),
            ("last", link(total)),
            ("links", page_links(base, number, total)),
        ])
    }

    /// A digest of page `number` of a list, made of its cards' digests.
    pub(super) fn hash_paginator(
        &self,
        site: &Site,
        (kind, base, number): (RouteKind, &UrlPath, usize),
        items: Option<&[PageId]>,
        h: &mut Xxh3,
    ) {
        let list = site.list_of(kind);
        let per = site.per_page(kind);
        (base, number, list.len(), per).hash(h);
        match items {
            Some(ids) => self.hash_cards(ids, h),
            None => self.hash_cards(page_items(list, per, number), h),
        }
    }

    /// A taxonomy's terms grouped by their first letter, in order.
    pub(super) fn term_groups(&self, site: &Site, taxonomy: site::TaxonomyId) -> Value {
        let chips = &self.terms[taxonomy];
        let letters = site.taxonomies[taxonomy].terms.iter().map(|t| locale::index_letter(&t.name));
        let groups = group_runs(letters.zip(chips.iter().map(|c| c.value.clone())));
        let groups: Vec<Value> = groups
            .into_iter()
            .map(|(l, list)| {
                let list = Value::from(list);
                obj([("letter", Value::from(l)), ("terms", list.clone()), ("tags", list)])
            })
            .collect();
        Value::from(groups)
    }

    /// The archive's months grouped by year, newest first.
    pub(super) fn archive_years(&self, site: &Site) -> Value {
        let lang = site.config.language.code();
        let years = group_runs(site.months.iter().map(|m| (m.year, month_view(lang, m))));
        let years: Vec<Value> =
            years.into_iter().map(|(y, list)| obj([("year", Value::from(y)), ("months", Value::from(list))])).collect();
        Value::from(years)
    }

    /// `taxonomy`: name, title, path, count of terms, and its `_index.md`'s text.
    pub(super) fn taxonomy_view(&self, site: &Site, taxonomy: site::TaxonomyId) -> Value {
        let mut map = self.taxonomies[taxonomy].value.clone().into_map().unwrap_or_default();
        let tax = &site.taxonomies[taxonomy];
        map.insert("description".into(), opt_str(&tax.description));
        map.insert("content".into(), Value::from(tax.content.as_str()));
        map.insert("term_title".into(), Value::from(super::meta::term_title(tax, &self.strings)));
        Value::from(map)
    }

    /// `term` on its own page: its chip, and its page file's text (an author's bio).
    pub(super) fn term_view(&self, site: &Site, taxonomy: site::TaxonomyId, id: site::TermId) -> Value {
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
}

/// Runs of equal keys, in order: `(a, 1), (a, 2), (b, 3)` → `(a, [1, 2]), (b, [3])`.
fn group_runs<K: PartialEq, V>(items: impl Iterator<Item = (K, V)>) -> Vec<(K, Vec<V>)> {
    let mut groups: Vec<(K, Vec<V>)> = Vec::new();
    for (key, item) in items {
        match groups.last_mut() {
            Some((k, list)) if *k == key => list.push(item),
            _ => groups.push((key, vec![item])),
        }
    }
    groups
}

/// The numbered links of a list's pages: the first, the last, and two on each side of the
/// current page, with a gap (no number, no path) where pages are left out.
fn page_links(base: &UrlPath, number: usize, total: usize) -> Value {
    let mut links = Vec::new();
    let mut last_shown = 0;
    for n in 1..=total {
        if n == 1 || n == total || n.abs_diff(number) <= 2 {
            if last_shown + 1 < n {
                links.push(obj([("number", Value::none()), ("path", Value::none()), ("current", Value::from(false))]));
            }
            links.push(obj([
                ("number", Value::from(n)),
                ("path", Value::from(base.page(n).as_str())),
                ("current", Value::from(n == number)),
            ]));
            last_shown = n;
        }
    }
    Value::from(links)
}

/// A month of the archive: its names, its list's path and how many articles it has.
pub(super) fn month_view(lang: &str, m: &site::Month) -> Value {
    obj([
        ("label", Value::from(locale::month_label(lang, m.year, m.month))),
        ("name", Value::from(locale::month_name(lang, m.month))),
        ("year", Value::from(m.year)),
        ("month", Value::from(m.month)),
        ("path", Value::from(m.path.as_str())),
        ("count", Value::from(m.pages.len())),
    ])
}

/// The sections from the home page down to section `from` (inclusive).
pub(super) fn trail(site: &Site, from: Option<usize>) -> Vec<usize> {
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
pub(super) fn breadcrumbs(site: &Site, from: Option<usize>) -> Value {
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
pub(super) fn section_view(site: &Site, sections: &[Part], id: usize) -> Value {
    let s = &site.sections[id];
    obj([
        ("title", Value::from(s.title.as_str())),
        ("path", Value::from(s.path.as_str())),
        ("description", opt_str(&s.description)),
        ("content", Value::from(s.content.as_str())),
        ("count", Value::from(s.pages.len())),
        ("children", Value::from(s.children.iter().map(|&c| sections[c].value.clone()).collect::<Vec<_>>())),
        ("extra", Value::from_serializable(&*s.extra)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_equal_keys_are_grouped_in_order() {
        let groups = group_runs([("a", 1), ("a", 2), ("b", 3), ("a", 4)].into_iter());
        assert_eq!(groups, vec![("a", vec![1, 2]), ("b", vec![3]), ("a", vec![4])]);
        assert!(group_runs(std::iter::empty::<(u8, u8)>()).is_empty());
    }

    #[test]
    fn a_long_list_links_its_ends_and_the_pages_near_the_current_one() {
        let numbers = |number: usize, total: usize| -> Vec<Option<i128>> {
            let links = page_links(&UrlPath::root(), number, total);
            links.as_array().unwrap().iter().map(|l| l.get_from_path("number").and_then(Value::as_i128)).collect()
        };
        assert_eq!(numbers(1, 1), vec![Some(1)]);
        assert_eq!(numbers(1, 9), vec![Some(1), Some(2), Some(3), None, Some(9)]);
        assert_eq!(numbers(5, 9), vec![Some(1), None, Some(3), Some(4), Some(5), Some(6), Some(7), None, Some(9)]);
        assert_eq!(numbers(4, 6), vec![Some(1), Some(2), Some(3), Some(4), Some(5), Some(6)]);
    }
}
