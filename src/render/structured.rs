//! Structured data (schema.org JSON-LD) for search engines and news aggregators, made from
//! the same values as the page's own meta tags: `NewsArticle` and `BreadcrumbList` on
//! articles, `BreadcrumbList` on lists, `WebSite` (with its search) and `Organization` on the
//! home page. Fields follow Google's documentation for articles and breadcrumbs.
//!
//! Templates show it as `<script type="application/ld+json">{{ meta.structured | safe }}</script>`:
//! the text is JSON with every `<` written `\u003c`, so no front matter can close the script.

use serde::Serialize;

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
    /// The home page's site path: `""`, or an edition's (`en/`).
    pub(crate) root: String,
    /// The archive's site path (`luu-tru/`), above each month's list.
    pub(crate) archive: String,
    pub(crate) publisher: crate::config::Publisher,
}

impl SiteFacts {
    /// A site path (or another site's address) as an absolute URL.
    pub(crate) fn abs(&self, path: &str) -> String {
        if crate::base::paths::is_external(path) {
            path.to_string()
        } else {
            format!("{}{}", self.base_url, path.trim_start_matches('/'))
        }
    }

    /// The bulletin as the publisher of its articles.
    fn organization(&self) -> Organization<'_> {
        Organization {
            context: None,
            kind: "Organization",
            name: &self.title,
            url: Some(self.abs("")),
            logo: Some(ImageObject { kind: "ImageObject", url: self.abs(&self.logo) }),
            description: None,
            address: None,
            telephone: None,
            email: None,
            parent: None,
        }
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

const CONTEXT: &str = "https://schema.org";

#[derive(Serialize)]
#[serde(untagged)]
enum Item<'a> {
    Article(Box<NewsArticle<'a>>),
    Breadcrumbs(BreadcrumbList<'a>),
    Site(WebSite<'a>),
    Organization(Organization<'a>),
}

#[derive(Serialize)]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "mainEntityOfPage")]
    main_entity: WebPage,
    url: &'a str,
    headline: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    image: Vec<String>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    published: Option<&'a str>,
    #[serde(rename = "dateModified", skip_serializing_if = "Option::is_none")]
    modified: Option<&'a str>,
    author: Vec<Author<'a>>,
    publisher: Organization<'a>,
    #[serde(rename = "articleSection", skip_serializing_if = "Option::is_none")]
    section: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    keywords: Vec<&'a str>,
    #[serde(rename = "inLanguage")]
    language: &'a str,
}

#[derive(Serialize)]
struct WebPage {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: String,
}

#[derive(Serialize)]
struct Author<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct ImageObject {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
}

#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@context", skip_serializing_if = "Option::is_none")]
    context: Option<&'static str>,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    logo: Option<ImageObject>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<PostalAddress<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    telephone: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    #[serde(rename = "parentOrganization", skip_serializing_if = "Option::is_none")]
    parent: Option<Box<Organization<'a>>>,
}

#[derive(Serialize)]
struct PostalAddress<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "streetAddress")]
    street: &'a str,
}

#[derive(Serialize)]
struct BreadcrumbList<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "itemListElement")]
    items: Vec<ListItem<'a>>,
}

#[derive(Serialize)]
struct ListItem<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    position: usize,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    item: Option<String>,
}

#[derive(Serialize)]
struct WebSite<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(rename = "inLanguage")]
    language: &'a str,
    #[serde(rename = "potentialAction", skip_serializing_if = "Option::is_none")]
    search: Option<SearchAction>,
}

#[derive(Serialize)]
struct SearchAction {
    #[serde(rename = "@type")]
    kind: &'static str,
    target: EntryPoint,
    #[serde(rename = "query-input")]
    query: &'static str,
}

#[derive(Serialize)]
struct EntryPoint {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "urlTemplate")]
    template: String,
}

/// The structured data of one page: `path` is its site path, `name` its name at the end of
/// its trail, `trail` the pages above it (name and site path, the home page excepted),
/// `article` what an article says of itself.
pub(crate) fn page(
    facts: &SiteFacts,
    path: &str,
    name: &str,
    trail: &[(&str, &str)],
    article: Option<&ArticleFacts<'_>>,
) -> String {
    let url = facts.abs(path);
    let mut items = Vec::with_capacity(2);
    if let Some(a) = article {
        items.push(Item::Article(Box::new(news_article(facts, &url, a))));
    }
    if path.is_empty() {
        items.push(Item::Site(website(facts)));
        items.push(Item::Organization(home_organization(facts)));
    } else {
        items.push(Item::Breadcrumbs(breadcrumbs(facts, name, trail)));
    }
    let text = serde_json::to_string(&items).unwrap_or_default();
    script_safe(text)
}

/// JSON that can sit in a `<script>`: no `<` at all (`</script>`, `<!--`).
fn script_safe(json: String) -> String {
    if json.contains('<') { json.replace('<', "\\u003c") } else { json }
}

fn news_article<'a>(facts: &'a SiteFacts, url: &'a str, a: &'a ArticleFacts<'_>) -> NewsArticle<'a> {
    // Google asks for an author; a bulletin's unsigned news is the bulletin's own.
    let author = if a.authors.is_empty() {
        vec![Author { kind: "Organization", name: &facts.title, url: Some(facts.abs("")) }]
    } else {
        a.authors
            .iter()
            .map(|(name, page)| Author {
                kind: if is_organization(name) { "Organization" } else { "Person" },
                name,
                url: page.map(|p| facts.abs(p)),
            })
            .collect()
    };
    NewsArticle {
        context: CONTEXT,
        kind: "NewsArticle",
        main_entity: WebPage { kind: "WebPage", id: url.to_string() },
        url,
        headline: a.title,
        description: a.description,
        image: a.images.iter().map(|i| facts.abs(i)).collect(),
        published: a.published.as_deref(),
        modified: a.modified.as_deref().or(a.published.as_deref()),
        author,
        publisher: facts.organization(),
        section: a.section,
        keywords: a.tags.clone(),
        language: &facts.language,
    }
}

/// Whether a byline names an office rather than a person (`Văn phòng MTTQ tỉnh`, `Ban Tuyên
/// giáo`, `Báo Ninh Bình`): Google asks for `Organization` there. By the words Vietnamese
/// bodies' names start with, none of which is a family name.
fn is_organization(name: &str) -> bool {
    const STARTS: [&str; 30] = [
        "văn phòng",
        "ban ",
        "ủy ban",
        "uỷ ban",
        "ubnd",
        "ubmttq",
        "mttq",
        "sở ",
        "phòng ",
        "trung tâm",
        "báo ",
        "đài ",
        "cổng ",
        "hội ",
        "bộ ",
        "cục ",
        "chi cục",
        "công an",
        "bộ chỉ huy",
        "trường ",
        "bệnh viện",
        "công ty",
        "tỉnh ủy",
        "tỉnh uỷ",
        "thành ủy",
        "thành uỷ",
        "huyện ủy",
        "huyện uỷ",
        "đảng ủy",
        "liên đoàn",
    ];
    let lower = name.trim().to_lowercase();
    STARTS.iter().any(|s| lower.starts_with(s))
}

fn breadcrumbs<'a>(facts: &'a SiteFacts, name: &'a str, trail: &[(&'a str, &'a str)]) -> BreadcrumbList<'a> {
    let mut items = Vec::with_capacity(trail.len() + 2);
    items.push(ListItem { kind: "ListItem", position: 1, name: &facts.home, item: Some(facts.abs(&facts.root)) });
    for (name, path) in trail {
        items.push(ListItem { kind: "ListItem", position: items.len() + 1, name, item: Some(facts.abs(path)) });
    }
    // The page itself: its name, without a link (Google's guidelines allow it for the last).
    items.push(ListItem { kind: "ListItem", position: items.len() + 1, name, item: None });
    BreadcrumbList { context: CONTEXT, kind: "BreadcrumbList", items }
}

fn website(facts: &SiteFacts) -> WebSite<'_> {
    WebSite {
        context: CONTEXT,
        kind: "WebSite",
        name: &facts.title,
        url: facts.abs(&facts.root),
        description: (!facts.description.is_empty()).then_some(facts.description.as_str()),
        language: &facts.language,
        search: facts.search.as_ref().map(|search| SearchAction {
            kind: "SearchAction",
            target: EntryPoint {
                kind: "EntryPoint",
                template: format!("{}?q={{search_term_string}}", facts.abs(search)),
            },
            query: "required name=search_term_string",
        }),
    }
}

/// The bulletin, with the publisher's contacts, on the home page.
fn home_organization(facts: &SiteFacts) -> Organization<'_> {
    let p = &facts.publisher;
    Organization {
        context: Some(CONTEXT),
        description: (!facts.description.is_empty()).then_some(facts.description.as_str()),
        address: p.address.as_deref().map(|a| PostalAddress { kind: "PostalAddress", street: a }),
        telephone: p.phone.as_deref(),
        email: p.email.as_deref(),
        parent: p.name.as_deref().map(|owner| {
            Box::new(Organization {
                context: None,
                kind: "Organization",
                name: owner,
                url: None,
                logo: None,
                description: None,
                address: None,
                telephone: None,
                email: None,
                parent: None,
            })
        }),
        ..facts.organization()
    }
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
            root: String::new(),
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
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v[0]["headline"], "</script><script>alert(1)</script>");
        assert_eq!(v[0]["image"][0], "https://example.org/tin/tin/a.jpg");
        assert_eq!(v[0]["dateModified"], "2023-04-06T08:30:00+07:00");
        assert_eq!(v[0]["author"][0]["url"], "https://example.org/tin/tac-gia/le-thi-b/");
        assert_eq!(v[1]["itemListElement"][1]["item"], "https://example.org/tin/tin/");
        assert_eq!(v[1]["itemListElement"][2]["position"], 3);
    }

    #[test]
    fn an_office_byline_is_an_organization_and_a_name_a_person() {
        for office in
            ["Văn phòng MTTQ tỉnh", "Ban Tuyên giáo Tỉnh ủy", "Báo Ninh Bình", "UBND thành phố", "Ủy ban MTTQ"]
        {
            assert!(is_organization(office), "{office}");
        }
        for person in ["Lê Thúy", "Đoàn Văn Hậu", "Bùi Thị Hoa", "Phạm Văn Đồng"] {
            assert!(!is_organization(person), "{person}");
        }
    }
}
