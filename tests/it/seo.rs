//! What search engines, news aggregators and feed readers read: structured data, meta tags,
//! sitemaps (index, pages with their photos, Google News), robots.txt and feeds, each parsed
//! as JSON or as XML with its namespaces, on a fixture site built as a user would.

use serde_json::Value;

use crate::util::{TestSite, tree};

const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const IMAGE: &str = "http://www.google.com/schemas/sitemap-image/1.1";
const NEWS: &str = "http://www.google.com/schemas/sitemap-news/0.9";

/// An hour ago, in the site's time zone, as front matter writes it.
fn an_hour_ago() -> String {
    let now = jiff::Zoned::now().with_time_zone(jiff::tz::TimeZone::get("Asia/Ho_Chi_Minh").unwrap());
    (&now - jiff::SignedDuration::from_hours(1)).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

fn site() -> TestSite {
    let today = an_hour_ago();
    let long = "Ủy ban nhân dân thành phố ban hành Kế hoạch số 93/KH-UBND về truyền thông giảm nghèo đa chiều, bao trùm, bền vững giai đoạn 2021–2025, với nhiều hoạt động, trên nhiều kênh thông tin, cho mọi người dân.";
    TestSite::with(&[
        (
            "site.yaml",
            "title: Bản tin & Mặt trận\nbase_url: https://example.org/ban-tin/\npaginate_by: 2\nfeed_full_text: true\ntaxonomies: [{ name: tags, path: tu-khoa }, { name: authors, path: tac-gia }]\npublisher:\n  name: Ủy ban MTTQ tỉnh\n  phone: 0229 3871 234\n  logo: logo.png\n",
        ),
        ("static/logo.png", "logo"),
        (
            "content/tin/a.md",
            &format!(
                "---\ntitle: \"Ký kết </script><!-- & phối hợp\"\ndate: {today}\ntags: [MTTQ, Giảm nghèo]\nauthors: [Lê Thị B]\nimage: anh.jpg\n---\nNội dung với [bài B](b.md) và ảnh:\n\n![Hội nghị](hoi-nghi.jpg)\n"
            ),
        ),
        ("content/tin/anh.jpg", "photo"),
        ("content/tin/hoi-nghi.jpg", "photo"),
        (
            "content/tin/b.md",
            &format!(
                "---\ntitle: Kế hoạch 93\ndate: 2023-04-06T08:30:00+07:00\ntags: [MTTQ]\nsummary: \"{long}\"\n---\nNội dung.\n"
            ),
        ),
        (
            "content/tin/c.md",
            "---\ntitle: Lịch tiếp dân tháng 12\ndate: 2023-12-01\nexpires: 2024-01-01\ntags: [MTTQ]\n---\nThông báo.\n",
        ),
        ("content/tin/d.md", "---\ntitle: Bản nháp nội bộ\ndate: 2023-03-01\nnoindex: true\n---\nNội bộ.\n"),
        ("content/tin/e.md", "---\ntitle: Trang phụ\ndate: 2023-03-02\nsitemap: false\n---\nPhụ.\n"),
        (
            "content/tin/f.md",
            "---\ntitle: Thông báo còn hạn\ndate: 2023-03-03\nexpiryDate: 2099-01-01\n---\nCòn hạn.\n",
        ),
    ])
}

/// Every JSON-LD block of a page, parsed.
fn json_ld(html: &str) -> Vec<Value> {
    const OPEN: &str = "<script type=\"application/ld+json\">";
    html.match_indices(OPEN)
        .map(|(i, _)| {
            let text = &html[i + OPEN.len()..];
            let text = &text[..text.find("</script>").expect("a closed script")];
            serde_json::from_str(text).unwrap_or_else(|e| panic!("JSON-LD does not parse: {e}\n{text}"))
        })
        .collect()
}

/// The item of `@type` `kind` among a page's JSON-LD blocks.
fn item<'a>(blocks: &'a [Value], kind: &str) -> &'a Value {
    blocks
        .iter()
        .flat_map(|b| b.as_array().into_iter().flatten())
        .find(|v| v["@type"] == kind)
        .unwrap_or_else(|| panic!("no {kind} in {blocks:?}"))
}

fn is_stamp(v: &Value) -> bool {
    // 2023-04-06T08:30:00+07:00: a date, a time and the zone's offset.
    v.as_str().is_some_and(|s| s.len() == 25 && s.as_bytes()[10] == b'T' && s.ends_with("+07:00"))
}

/// Parses an XML file and checks that every element is in one of `namespaces` (`""` for none).
fn xml<'a>(text: &'a str, namespaces: &[&str]) -> roxmltree::Document<'a> {
    let doc = roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("not XML: {e}\n{text}"));
    for node in doc.descendants().filter(|n| n.is_element()) {
        let ns = node.tag_name().namespace().unwrap_or("");
        assert!(namespaces.contains(&ns), "<{}> in namespace {ns:?}\n{text}", node.tag_name().name());
    }
    doc
}

fn texts(doc: &roxmltree::Document<'_>, ns: &str, name: &str) -> Vec<String> {
    doc.descendants().filter(|n| n.has_tag_name((ns, name))).map(|n| n.text().unwrap_or_default().to_string()).collect()
}

#[test]
fn articles_lists_and_the_home_page_carry_structured_data_that_parses() {
    let site = site();
    let out = site.build_ok(&[]);
    // Every page's blocks parse, and none lets front matter out of its script.
    for (path, bytes) in tree(&site.path("output")) {
        if path.ends_with(".html") {
            let html = String::from_utf8(bytes).unwrap();
            json_ld(&html);
            assert!(!html.contains("Ký kết </script>"), "{path}: the title closed a script");
        }
    }
    let a = json_ld(&site.out("tin/a/index.html"));
    let article = item(&a, "NewsArticle");
    assert_eq!(article["headline"], "Ký kết </script><!-- & phối hợp");
    assert_eq!(article["mainEntityOfPage"]["@id"], "https://example.org/ban-tin/tin/a/");
    assert_eq!(article["image"][0], "https://example.org/ban-tin/tin/anh.jpg");
    assert_eq!(article["image"][1], "https://example.org/ban-tin/tin/hoi-nghi.jpg");
    assert!(is_stamp(&article["datePublished"]) && is_stamp(&article["dateModified"]), "{article}");
    assert_eq!(article["author"][0]["@type"], "Person");
    assert_eq!(article["author"][0]["name"], "Lê Thị B");
    assert_eq!(article["author"][0]["url"], "https://example.org/ban-tin/tac-gia/le-thi-b/");
    assert_eq!(article["publisher"]["name"], "Bản tin & Mặt trận");
    assert_eq!(article["publisher"]["logo"]["url"], "https://example.org/ban-tin/logo.png");
    assert_eq!(article["keywords"], serde_json::json!(["MTTQ", "Giảm nghèo"]));
    let crumbs = &item(&a, "BreadcrumbList")["itemListElement"];
    assert_eq!(crumbs[1]["item"], "https://example.org/ban-tin/tin/");
    assert_eq!(crumbs[2]["position"], 3);
    // Unsigned news is the bulletin's own.
    let b = json_ld(&site.out("tin/b/index.html"));
    assert_eq!(item(&b, "NewsArticle")["author"][0]["@type"], "Organization");
    // The home page: the site with its search, and the organization with its contacts.
    let home = json_ld(&site.out("index.html"));
    let search = &item(&home, "WebSite")["potentialAction"];
    assert_eq!(search["target"]["urlTemplate"], "https://example.org/ban-tin/tim-kiem/?q={search_term_string}");
    let org = item(&home, "Organization");
    assert_eq!(
        (org["telephone"].as_str(), org["parentOrganization"]["name"].as_str()),
        (Some("0229 3871 234"), Some("Ủy ban MTTQ tỉnh"))
    );
    // Lists: where they are.
    let tag = json_ld(&site.out("tu-khoa/mttq/index.html"));
    let crumbs = &item(&tag, "BreadcrumbList")["itemListElement"];
    assert_eq!(
        (crumbs[1]["item"].as_str(), crumbs[2]["name"].as_str()),
        (Some("https://example.org/ban-tin/tu-khoa/"), Some("MTTQ"))
    );
    // Pages that are not for search engines have none.
    assert!(json_ld(&site.out("404.html")).is_empty());
    // robots.txt under a sub-path is never read by crawlers: said at the build.
    let said = String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("/ban-tin/robots.txt") && said.contains("Sitemap: https://example.org/ban-tin/sitemap.xml"),
        "{said}"
    );
}

#[test]
fn meta_tags_describe_in_160_characters_and_name_section_tags_and_authors() {
    let site = site();
    site.build_ok(&[]);
    let b = site.out("tin/b/index.html");
    let description = b.split("<meta name=\"description\" content=\"").nth(1).unwrap().split('"').next().unwrap();
    assert!(description.ends_with('…') && description.chars().count() <= 160, "{description}");
    assert!(b.contains(&format!("<meta property=\"og:description\" content=\"{description}\">")));
    let a = site.out("tin/a/index.html");
    assert!(a.contains(r#"<meta property="og:locale" content="vi_VN">"#));
    assert!(a.contains(r#"<meta property="article:section" content="Tin">"#), "{a}");
    assert!(
        a.contains(r#"<meta property="article:tag" content="MTTQ">"#)
            && a.contains(r#"<meta property="article:tag" content="Giảm nghèo">"#)
    );
    assert!(
        a.contains(r#"<meta property="article:author" content="https://example.org/ban-tin/tac-gia/le-thi-b/">"#),
        "{a}"
    );
    // Paginated lists link their pages for crawlers.
    let list = site.out("tin/index.html");
    assert!(list.contains(r#"<link rel="next" href="https://example.org/ban-tin/tin/page/2/">"#), "{list}");
    let second = site.out("tin/page/2/index.html");
    assert!(second.contains(r#"<link rel="prev" href="https://example.org/ban-tin/tin/">"#), "{second}");
    // `noindex: true` asks search engines to stay out; other pages do not.
    assert!(site.out("tin/d/index.html").contains(r#"<meta name="robots" content="noindex">"#));
    assert!(!a.contains("noindex"));
}

#[test]
fn an_expired_notice_leaves_every_list_feed_and_sitemap_and_says_so_on_its_page() {
    let site = site();
    site.build_ok(&[]);
    let c = site.out("tin/c/index.html");
    assert!(c.contains("Thông báo này đã hết hiệu lực từ") && c.contains(r#"content="noindex""#), "{c}");
    let lists = [
        "index.html",
        "tin/index.html",
        "tin/page/2/index.html",
        "tu-khoa/mttq/index.html",
        "rss.xml",
        "tin/rss.xml",
        "tu-khoa/mttq/rss.xml",
        "sitemap-1.xml",
    ];
    for list in lists {
        assert!(!site.out(list).contains("tin/c/"), "{list} lists the expired notice");
    }
    // One that expires later is everywhere.
    assert!(site.out("sitemap-1.xml").contains("tin/f/") && site.out("rss.xml").contains("tin/f/"));
    assert!(!site.out("sitemap-1.xml").contains("tin/d/") && !site.out("sitemap-1.xml").contains("tin/e/"));
    assert!(!site.out("tin/e/index.html").contains("noindex"));
}

#[test]
fn sitemaps_index_pages_photos_and_news_in_their_namespaces() {
    let site = site();
    site.build_ok(&[]);
    let robots = site.out("robots.txt");
    assert!(robots.contains("Sitemap: https://example.org/ban-tin/sitemap.xml"), "{robots}");
    let index_text = site.out("sitemap.xml");
    let index = xml(&index_text, &[SITEMAP]);
    let files = texts(&index, SITEMAP, "loc");
    assert_eq!(files, ["https://example.org/ban-tin/sitemap-1.xml", "https://example.org/ban-tin/sitemap-news.xml"]);
    let pages_text = site.out("sitemap-1.xml");
    let pages = xml(&pages_text, &[SITEMAP, IMAGE]);
    let locs = texts(&pages, SITEMAP, "loc");
    assert!(
        locs.contains(&"https://example.org/ban-tin/tin/a/".to_string())
            && locs.contains(&"https://example.org/ban-tin/".to_string())
    );
    // Each taxonomy's index of its terms is an address too (as in Hugo's sitemaps).
    for index in ["https://example.org/ban-tin/tu-khoa/", "https://example.org/ban-tin/tac-gia/"] {
        assert!(locs.contains(&index.to_string()), "{index}: {pages_text}");
    }
    for lastmod in texts(&pages, SITEMAP, "lastmod") {
        assert!(is_stamp(&Value::from(lastmod.clone())), "{lastmod}");
    }
    let photos = texts(&pages, IMAGE, "loc");
    assert_eq!(photos, ["https://example.org/ban-tin/tin/anh.jpg", "https://example.org/ban-tin/tin/hoi-nghi.jpg"]);
    // Google News: the article of the last two days, with the publication's name and language.
    let news_text = site.out("sitemap-news.xml");
    let news = xml(&news_text, &[SITEMAP, NEWS]);
    assert_eq!(texts(&news, SITEMAP, "loc"), ["https://example.org/ban-tin/tin/a/"]);
    assert_eq!(texts(&news, NEWS, "name"), ["Bản tin & Mặt trận"]);
    assert_eq!(texts(&news, NEWS, "language"), ["vi"]);
    assert_eq!(texts(&news, NEWS, "title"), ["Ký kết </script><!-- & phối hợp"]);
    assert!(is_stamp(&Value::from(texts(&news, NEWS, "publication_date")[0].clone())));
}

#[test]
fn a_site_without_news_of_the_last_two_days_has_no_news_sitemap() {
    let site = TestSite::with(&[("content/tin/b.md", "---\ntitle: B\ndate: 2023-04-06\n---\nB.\n")]);
    site.build_ok(&[]);
    assert!(!site.has_out("sitemap-news.xml"));
    assert!(!site.out("sitemap.xml").contains("sitemap-news"));
}

#[test]
fn feeds_carry_categories_photos_the_whole_text_and_exist_for_every_term() {
    let site = site();
    site.build_ok(&[]);
    const ATOM: &str = "http://www.w3.org/2005/Atom";
    const DC: &str = "http://purl.org/dc/elements/1.1/";
    const CONTENT: &str = "http://purl.org/rss/1.0/modules/content/";
    let text = site.out("rss.xml");
    let feed = xml(&text, &["", ATOM, DC, CONTENT]);
    let a = feed
        .descendants()
        .find(|n| {
            n.has_tag_name("item")
                && n.children()
                    .any(|c| c.has_tag_name("link") && c.text() == Some("https://example.org/ban-tin/tin/a/"))
        })
        .expect("the article's item");
    let categories: Vec<&str> = a.children().filter(|c| c.has_tag_name("category")).filter_map(|c| c.text()).collect();
    assert_eq!(categories, ["Tin", "MTTQ", "Giảm nghèo"]);
    let enclosure = a.children().find(|c| c.has_tag_name("enclosure")).expect("the photo");
    assert_eq!(enclosure.attribute("url"), Some("https://example.org/ban-tin/tin/anh.jpg"));
    assert_eq!(enclosure.attribute("type"), Some("image/jpeg"));
    let full =
        a.children().find(|c| c.has_tag_name((CONTENT, "encoded"))).and_then(|c| c.text()).expect("the whole text");
    assert!(full.contains(r#"href="https://example.org/ban-tin/tin/b/""#), "{full}");
    // A feed for each term: a reader can follow one tag, or one author.
    for term in ["tu-khoa/mttq/rss.xml", "tac-gia/le-thi-b/rss.xml"] {
        let text = site.out(term);
        let feed = xml(&text, &["", ATOM, DC, CONTENT]);
        assert!(feed.descendants().any(|n| n.has_tag_name("item")), "{term}: {text}");
    }
    let tag = site.out("tu-khoa/mttq/index.html");
    assert!(tag.contains(r#"type="application/rss+xml""#) && tag.contains("rss.xml"), "{tag}");
}

/// A site of more than 50,000 addresses gets a sitemap index of several files, each within
/// what search engines take. Slow (it builds 50,100 articles): run with `--ignored`.
#[test]
#[ignore]
fn more_than_50000_addresses_make_several_sitemap_files() {
    let site = TestSite::empty();
    site.write("site.yaml", "base_url: https://example.org/\nsearch: false\n");
    for i in 0..50_100 {
        site.write(
            &format!("content/tin/bai-{i}.md"),
            &format!("---\ntitle: Bài {i}\ndate: 2023-04-06\n---\nNội dung.\n"),
        );
    }
    site.build_ok(&[]);
    let index_text = site.out("sitemap.xml");
    let index = xml(&index_text, &[SITEMAP]);
    let files = texts(&index, SITEMAP, "loc");
    assert_eq!(files.len(), 2, "{index_text}");
    let mut total = 0;
    for file in &files {
        let rel = file.trim_start_matches("https://example.org/");
        let text = site.out(rel);
        assert!(text.len() <= 50 * 1024 * 1024);
        let doc = xml(&text, &[SITEMAP, IMAGE]);
        let n = texts(&doc, SITEMAP, "loc").len();
        assert!(n <= 50_000, "{rel}: {n} addresses");
        total += n;
    }
    // The home page, the section and the articles.
    assert_eq!(total, 1 + 1 + 50_100);
}

#[test]
fn an_articles_photo_is_given_to_google_in_the_three_shapes_it_asks_for() {
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        ("content/tin/a.md", "---\ntitle: A\ndate: 2023-04-06\nimage: anh.jpg\n---\nNội dung.\n"),
    ]);
    // A phone's photo, stored 1600×1200 and turned upright by its EXIF tag: a 3:4 portrait.
    site.write_bytes("content/tin/anh.jpg", &crate::photos::phone_photo(1600, 1200));
    site.build_ok(&[]);
    let blocks = json_ld(&site.out("tin/a/index.html"));
    let images = &item(&blocks, "NewsArticle")["image"];
    assert_eq!(
        images,
        &serde_json::json!([
            "https://example.org/tin/anh-16x9.jpg",
            "https://example.org/tin/anh-4x3.jpg",
            "https://example.org/tin/anh-1x1.jpg"
        ])
    );
    let size = |rel: &str| {
        let img = image::load_from_memory(&std::fs::read(site.path("output").join(rel)).unwrap()).unwrap();
        (img.width(), img.height())
    };
    assert_eq!(size("tin/anh.jpg"), (1200, 1600));
    assert_eq!(size("tin/anh-16x9.jpg"), (1200, 675));
    assert_eq!(size("tin/anh-4x3.jpg"), (1200, 900));
    assert_eq!(size("tin/anh-1x1.jpg"), (1200, 1200));
    // Made once: a second build reads them from the cache, and the site is the same.
    let before = site.output_tree();
    site.build_ok(&[]);
    assert_eq!(site.output_tree(), before);
}
