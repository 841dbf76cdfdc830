//! Structured data (schema.org JSON-LD) for search engines and news aggregators, made from
//! the same values as the page's own meta tags: `NewsArticle` and `BreadcrumbList` on
//! articles, `BreadcrumbList` on lists, `WebSite` (with its search) and `Organization` on the
//! home page. Fields follow Google's documentation for articles and breadcrumbs.
//!
//! Templates show it as `<script type="application/ld+json">{{ meta.structured | safe }}</script>`:
//! the text is JSON with every `<` written `\u003c`, so no front matter can close the script.

use serde_json::{Value, json};

/// What the whole site says of itself, the same on every page.
#[derive(Debug, Clone)]
pub(crate) struct SiteFacts {
    pub(crate) title: String,
    pub(crate) description: String,
    pub(crate) base_url: String,
    pub(crate) language: String,
    /// The logo's site path or address (`publisher.logo`, else the theme's `logo.svg`).
    pub(crate) logo: String,
    /// The search page's site path, when the site has one.
    pub(crate) search: Option<String>,
    /// The theme's name of the home page, first in every trail.
    pub(crate) home: String,
    /// The archive's site path (`luu-tru/`), above each month's list.
    pub(crate) archive: String,
    pub(crate) publisher: crate::config::Publisher,
}

impl SiteFacts {
    /// A site path (or another site's address) as an absolute URL.
    pub(crate) fn abs(&self, path: &str) -> String {
        if crate::paths::is_external(path) {
            path.to_string()
        } else {
            format!("{}{}", self.base_url, path.trim_start_matches('/'))
        }
    }

    /// The bulletin as the publisher of its articles.
    fn organization(&self) -> Value {
        json!({
            "@type": "Organization",
            "name": self.title,
            "url": self.abs(""),
            "logo": { "@type": "ImageObject", "url": self.abs(&self.logo) },
        })
    }
}

/// What an article says of itself.
#[derive(Debug, Hash)]
pub(crate) struct ArticleFacts<'a> {
    pub(crate) title: &'a str,
    pub(crate) description: &'a str,
    /// The photos, as site paths or addresses (the lead image first).
    pub(crate) images: Vec<&'a str>,
    /// Published and modified, as `2023-04-06T08:30:00+07:00`.
    pub(crate) published: Option<String>,
    pub(crate) modified: Option<String>,
    /// Names, with the author's page when the site has one.
    pub(crate) authors: Vec<(&'a str, Option<&'a str>)>,
    pub(crate) section: Option<&'a str>,
    pub(crate) tags: Vec<&'a str>,
}

/// The structured data of one page: `path` is its site path, `trail` the pages above it
/// (name and site path, the home page excepted), `article` what an article says of itself.
pub(crate) fn page(
    facts: &SiteFacts,
    path: &str,
    name: &str,
    trail: &[(&str, &str)],
    article: Option<&ArticleFacts<'_>>,
) -> String {
    let mut items = Vec::new();
    let url = facts.abs(path);
    if path.is_empty() {
        items.push(website(facts));
        items.push(home_organization(facts));
    } else {
        items.push(breadcrumbs(facts, name, trail));
    }
    if let Some(a) = article {
        items.insert(0, news_article(facts, &url, a));
    }
    let text = serde_json::to_string(&Value::Array(items)).unwrap_or_default();
    script_safe(&text)
}

/// JSON that can sit in a `<script>`: no `<` at all (`</script>`, `<!--`).
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
}

fn news_article(facts: &SiteFacts, url: &str, a: &ArticleFacts<'_>) -> Value {
    let mut article = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": { "@type": "WebPage", "@id": url },
        "url": url,
        "headline": a.title,
        "inLanguage": facts.language,
        "publisher": facts.organization(),
    });
    let map = article.as_object_mut().expect("an object");
    if !a.description.is_empty() {
        map.insert("description".into(), json!(a.description));
    }
    if !a.images.is_empty() {
        map.insert("image".into(), json!(a.images.iter().map(|i| facts.abs(i)).collect::<Vec<_>>()));
    }
    if let Some(d) = &a.published {
        map.insert("datePublished".into(), json!(d));
    }
    if let Some(d) = a.modified.as_ref().or(a.published.as_ref()) {
        map.insert("dateModified".into(), json!(d));
    }
    // Google asks for an author; a bulletin's unsigned news is the bulletin's own.
    let authors: Vec<Value> = if a.authors.is_empty() {
        vec![json!({ "@type": "Organization", "name": facts.title, "url": facts.abs("") })]
    } else {
        a.authors
            .iter()
            .map(|(name, page)| match page {
                Some(p) => json!({ "@type": "Person", "name": name, "url": facts.abs(p) }),
                None => json!({ "@type": "Person", "name": name }),
            })
            .collect()
    };
    map.insert("author".into(), Value::Array(authors));
    if let Some(s) = a.section {
        map.insert("articleSection".into(), json!(s));
    }
    if !a.tags.is_empty() {
        map.insert("keywords".into(), json!(a.tags));
    }
    article
}

fn breadcrumbs(facts: &SiteFacts, name: &str, trail: &[(&str, &str)]) -> Value {
    let mut list = vec![json!({ "@type": "ListItem", "position": 1, "name": facts.home, "item": facts.abs("") })];
    for (name, path) in trail {
        list.push(json!({ "@type": "ListItem", "position": list.len() + 1, "name": name, "item": facts.abs(path) }));
    }
    // The page itself: its name, without a link (Google's guidelines allow it for the last).
    list.push(json!({ "@type": "ListItem", "position": list.len() + 1, "name": name }));
    json!({ "@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": list })
}

fn website(facts: &SiteFacts) -> Value {
    let mut site = json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": facts.title,
        "url": facts.abs(""),
        "inLanguage": facts.language,
    });
    if !facts.description.is_empty() {
        site["description"] = json!(facts.description);
    }
    if let Some(search) = &facts.search {
        site["potentialAction"] = json!({
            "@type": "SearchAction",
            "target": { "@type": "EntryPoint", "urlTemplate": format!("{}?q={{search_term_string}}", facts.abs(search)) },
            "query-input": "required name=search_term_string",
        });
    }
    site
}

/// The bulletin, with the publisher's contacts, on the home page.
fn home_organization(facts: &SiteFacts) -> Value {
    let mut org = facts.organization();
    org["@context"] = json!("https://schema.org");
    let p = &facts.publisher;
    if !facts.description.is_empty() {
        org["description"] = json!(facts.description);
    }
    if let Some(a) = &p.address {
        org["address"] = json!({ "@type": "PostalAddress", "streetAddress": a });
    }
    if let Some(t) = &p.phone {
        org["telephone"] = json!(t);
    }
    if let Some(e) = &p.email {
        org["email"] = json!(e);
    }
    if let Some(owner) = &p.name {
        org["parentOrganization"] = json!({ "@type": "Organization", "name": owner });
    }
    org
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> SiteFacts {
        SiteFacts {
            title: "Bản tin".into(),
            description: String::new(),
            base_url: "https://example.org/tin/".into(),
            language: "vi".into(),
            logo: "logo.svg".into(),
            search: Some("tim-kiem/".into()),
            home: "Trang chủ".into(),
            archive: "luu-tru/".into(),
            publisher: Default::default(),
        }
    }

    #[test]
    fn front_matter_cannot_close_the_script() {
        let a = ArticleFacts {
            title: "</script><script>alert(1)</script>",
            description: "<!-- x",
            images: vec!["tin/a.jpg"],
            published: Some("2023-04-06T08:30:00+07:00".into()),
            modified: None,
            authors: vec![("Lê Thị B", Some("tac-gia/le-thi-b/"))],
            section: Some("Tin"),
            tags: vec!["MTTQ"],
        };
        let text = page(&facts(), "tin/a/", a.title, &[("Tin", "tin/")], Some(&a));
        assert!(!text.contains('<'), "{text}");
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v[0]["headline"], "</script><script>alert(1)</script>");
        assert_eq!(v[0]["image"][0], "https://example.org/tin/tin/a.jpg");
        assert_eq!(v[0]["dateModified"], "2023-04-06T08:30:00+07:00");
        assert_eq!(v[0]["author"][0]["url"], "https://example.org/tin/tac-gia/le-thi-b/");
        assert_eq!(v[1]["itemListElement"][1]["item"], "https://example.org/tin/tin/");
        assert_eq!(v[1]["itemListElement"][2]["position"], 3);
    }
}
