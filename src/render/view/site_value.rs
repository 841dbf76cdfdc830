//! `site` in every template: the site's title and addresses, its menu, sections, newest
//! articles, popular tags and taxonomies; and what the site says of itself in structured data.

use std::collections::BTreeMap;

use tera::Value;

use crate::site::Site;

use super::{Part, obj, structured};

/// The parts of the site every page shares, as made once per build.
pub(super) struct Lists<'a> {
    pub(super) cards: &'a [Part],
    pub(super) terms: &'a [Vec<Part>],
    pub(super) sections: &'a [Part],
    pub(super) taxonomies: &'a [Part],
}

/// How many characters a wide screen's menu line holds, when the site does not say
/// (`extra.menu_chars`).
const MENU_CHARS: usize = 124;

/// How many tags the sidebar lists, the most used.
const POPULAR_TAGS: usize = 20;

/// `site`.
pub(super) fn site_value(site: &Site, strings: &BTreeMap<String, String>, lists: &Lists) -> Value {
    let config = &site.config;
    let paths = &config.paths;
    let home = &config.this_edition().path;
    let tags = site.taxonomy("tags").map(|(t, _)| t);
    let (menu, menu_more) = menu(site, strings);
    let top_sections = site.sections[0].children.iter().map(|&c| lists.sections[c].value.clone());
    let latest = site.articles.iter().take(6).map(|&id| lists.cards[id].value.clone());
    let popular: Vec<Value> = tags.map_or_else(Vec::new, |t| {
        popular_tags(&site.taxonomies[t]).into_iter().map(|i| lists.terms[t][i].value.clone()).collect()
    });
    obj([
        ("title", Value::from(config.title.as_str())),
        ("description", Value::from(config.description.as_str())),
        ("base_url", Value::from(config.base_url.as_str())),
        ("base_path", Value::from(config.base_path())),
        ("home", Value::from(home.as_str())),
        ("editions", editions(site)),
        ("language", Value::from(config.language.code())),
        ("timezone", Value::from(config.timezone_name.as_str())),
        ("menu", Value::from(menu)),
        ("menu_more", Value::from(menu_more)),
        ("sections", Value::from(top_sections.collect::<Vec<_>>())),
        ("latest", Value::from(latest.collect::<Vec<_>>())),
        ("popular_tags", Value::from(popular)),
        ("tags_path", tags.map_or_else(Value::none, |t| Value::from(site.taxonomies[t].path.as_str()))),
        ("taxonomies", Value::from(lists.taxonomies.iter().map(|t| t.value.clone()).collect::<Vec<_>>())),
        ("archive_path", Value::from(format!("{home}{}/", paths.archive))),
        ("feed_path", Value::from(paths.feed.as_str())),
        ("search_path", if config.search { Value::from(format!("{home}{}/", paths.search)) } else { Value::none() }),
        ("article_count", Value::from(site.articles.len())),
        ("extra", Value::from_serializable(&config.extra)),
        ("publisher", Value::from_serializable(&config.publisher)),
    ])
}

/// `site.editions`: every edition of the site as `{language, name, title, path, current}`,
/// the default first (empty when the site has one language).
fn editions(site: &Site) -> Value {
    let editions = &site.config.editions;
    if editions.len() < 2 {
        return Value::from(Vec::<Value>::new());
    }
    Value::from(
        editions
            .iter()
            .enumerate()
            .map(|(i, e)| {
                obj([
                    ("language", Value::from(e.language.code())),
                    ("name", Value::from(e.language.native_name())),
                    ("title", Value::from(e.title.as_str())),
                    ("path", Value::from(e.path.as_str())),
                    ("current", Value::from(i == site.config.edition)),
                ])
            })
            .collect::<Vec<_>>(),
    )
}

/// The menu (`site.yaml`'s, else the top sections) as `[{name, url, more}]`, and whether any
/// item is `more`: what does not fit on one line of the menu on a wide screen, counted in
/// characters (the theme's home and "more" items included), for a theme to put under "Thêm".
fn menu(site: &Site, strings: &BTreeMap<String, String>) -> (Vec<Value>, bool) {
    let items: Vec<(&str, &str)> = if site.config.menu.is_empty() {
        site.sections[0]
            .children
            .iter()
            .map(|&c| (site.sections[c].title.as_str(), site.sections[c].path.as_str()))
            .collect()
    } else {
        site.config.menu.iter().map(|m| (m.name.as_str(), m.url.strip_prefix('/').unwrap_or(&m.url))).collect()
    };
    let budget = site.config.extra.get("menu_chars").and_then(crate::base::yaml::Value::as_u64);
    let budget = budget.map_or(MENU_CHARS, |b| b as usize);
    let chars = |key: &str| strings.get(key).map_or(0, |s| s.chars().count());
    let mut used = chars("home") + chars("more_menu") + 8;
    let menu = items
        .into_iter()
        .map(|(name, url)| {
            used += name.chars().count() + 4;
            obj([("name", Value::from(name)), ("url", Value::from(url)), ("more", Value::from(used > budget))])
        })
        .collect();
    (menu, used > budget)
}

/// The tags of the most articles (ties to the first in order), in the tags' own order.
fn popular_tags(tags: &crate::site::Taxonomy) -> Vec<usize> {
    most_used(&tags.terms.iter().map(|t| t.pages.len()).collect::<Vec<_>>(), POPULAR_TAGS)
}

/// The indices of the `n` largest counts (ties to the lower index), in index order.
fn most_used(counts: &[usize], n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by(|&a, &b| counts[b].cmp(&counts[a]).then(a.cmp(&b)));
    order.truncate(n);
    order.sort();
    order
}

/// The image shared when a page has none: `site.extra.og_image`, else the theme's.
pub(super) fn default_image(site: &Site) -> String {
    let image = site.config.extra.get("og_image").and_then(|v| v.as_str());
    image.unwrap_or("og-image.png").trim_start_matches('/').to_string()
}

/// What the site says of itself in structured data.
pub(super) fn facts(site: &Site, strings: &BTreeMap<String, String>) -> structured::SiteFacts {
    let config = &site.config;
    let home = &config.this_edition().path;
    structured::SiteFacts {
        title: config.title.clone(),
        description: config.description.clone(),
        base_url: config.base_url.clone(),
        language: config.language.code().to_string(),
        logo: config.publisher.logo.clone().unwrap_or_else(|| "logo-512.png".to_string()),
        search: config.search.then(|| format!("{home}{}/", config.paths.search)),
        home: strings.get("home").cloned().unwrap_or_else(|| "Home".to_string()),
        root: home.clone(),
        archive: format!("{home}{}/", config.paths.archive),
        publisher: config.publisher.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_used_are_kept_in_their_own_order() {
        assert_eq!(most_used(&[1, 5, 3, 5, 0], 3), vec![1, 2, 3]);
        assert_eq!(most_used(&[2, 2, 2], 2), vec![0, 1]);
        assert_eq!(most_used(&[], 20), Vec::<usize>::new());
        assert_eq!(most_used(&[4, 1], 20), vec![0, 1]);
    }
}
