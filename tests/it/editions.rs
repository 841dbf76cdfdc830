//! Two editions in one site (`languages:`): each language under its own path, with its own
//! lists, feeds, sitemaps and search; pages linked to their translations; an article with no
//! translation said so in the reader's language. Feeds and sitemaps are parsed as XML.

use crate::util::{TestSite, article};

const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML: &str = "http://www.w3.org/1999/xhtml";

const SITE_YAML: &str = "title: Bản tin Ninh Bình\nbase_url: https://example.org/\nlanguages:\n  vi: {}\n  en: { title: \"Ninh Binh Bulletin\", description: \"News from Ninh Binh.\" }\n";

/// A Vietnamese site with an English translation of one of its two articles, of its section
/// and of its standalone page, and an article written in English alone.
fn site() -> TestSite {
    TestSite::with(&[
        ("site.yaml", SITE_YAML),
        ("content/giam-ngheo/_index.md", "---\ntitle: Giảm nghèo\n---\n"),
        ("content/giam-ngheo/_index.en.md", "---\ntitle: Poverty reduction\n---\n"),
        (
            "content/giam-ngheo/ke-hoach-93.md",
            &article("Kế hoạch 93 về giảm nghèo", "2023-03-31", "tags: [giảm nghèo]\nimage: anh.png\n", "Nội dung."),
        ),
        (
            "content/giam-ngheo/ke-hoach-93.en.md",
            &article(
                "Plan 93 on poverty reduction",
                "2023-03-31",
                "tags: [poverty reduction]\nimage: anh.png\n",
                "Text. Read also [the signing](ky-ket.md) and [the plan in Vietnamese](/giam-ngheo/ke-hoach-93/).",
            ),
        ),
        ("content/giam-ngheo/anh.png", "png"),
        (
            "content/giam-ngheo/ky-ket.md",
            &article(
                "Ký kết chương trình phối hợp",
                "2023-04-06",
                "tags: [giảm nghèo]\n",
                "Nội dung về [kế hoạch](ke-hoach-93.md).",
            ),
        ),
        (
            "content/giam-ngheo/investment.en.md",
            &article("Investment forum", "2023-04-07", "tags: [investment]\n", "In English only."),
        ),
        ("content/gioi-thieu.md", "---\ntitle: Giới thiệu\n---\nVề chúng tôi.\n"),
        ("content/gioi-thieu.en.md", "---\ntitle: About us\n---\nAbout us.\n"),
    ])
}

fn xml(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("not XML: {e}\n{text}"))
}

/// The `hreflang → href` alternates of the sitemap entry whose `<loc>` is `loc`.
fn sitemap_alternates(text: &str, loc: &str) -> Vec<(String, String)> {
    let doc = xml(text);
    let url = doc
        .descendants()
        .filter(|n| n.has_tag_name((SITEMAP, "url")))
        .find(|u| u.children().any(|c| c.has_tag_name((SITEMAP, "loc")) && c.text() == Some(loc)))
        .unwrap_or_else(|| panic!("no <url> for {loc} in\n{text}"));
    let mut links: Vec<(String, String)> = url
        .children()
        .filter(|c| c.has_tag_name((XHTML, "link")))
        .map(|l| (l.attribute("hreflang").unwrap().to_string(), l.attribute("href").unwrap().to_string()))
        .collect();
    links.sort();
    links
}

#[test]
fn each_edition_has_its_own_lists_under_its_path() {
    let site = site();
    let out = site.build_ok(&[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Các ấn bản: Tiếng Việt tại /, 2 bài viết"), "{stdout}");
    assert!(stdout.contains("English tại /en/, 2 bài viết, 1 trang của ấn bản khác chưa được dịch"), "{stdout}");

    let home = site.out("index.html");
    assert!(home.contains(r#"<html lang="vi">"#) && home.contains("Ký kết chương trình phối hợp"));
    assert!(!home.contains("Investment forum"), "the English edition's article is not on the Vietnamese home");
    let en_home = site.out("en/index.html");
    assert!(en_home.contains(r#"<html lang="en">"#), "{en_home}");
    assert!(en_home.contains("<title>Ninh Binh Bulletin</title>"), "{en_home}");
    assert!(en_home.contains("Plan 93 on poverty reduction") && en_home.contains("Investment forum"));
    assert!(!en_home.contains("Ký kết chương trình"), "no Vietnamese article on the English home");
    assert!(en_home.contains(r#"<meta property="og:locale" content="en_US">"#));
    assert!(en_home.contains(r#"<meta property="og:locale:alternate" content="vi_VN">"#));
    // Theme strings and dates in English.
    assert!(en_home.contains(">Home<") && en_home.contains("Friday, 31 March 2023"), "{en_home}");

    // Sections, taxonomies and the archive of each edition.
    assert!(site.out("en/giam-ngheo/index.html").contains("Poverty reduction"));
    assert!(site.has_out("en/tu-khoa/poverty-reduction/index.html"));
    assert!(site.has_out("tu-khoa/giam-ngheo/index.html") && !site.has_out("tu-khoa/poverty-reduction/index.html"));
    assert!(site.has_out("en/luu-tru/2023/04/index.html"));
    assert!(site.has_out("en/gioi-thieu/index.html"));
    // Files are published once, by the default edition; robots.txt and 404.html too.
    assert!(site.has_out("giam-ngheo/anh.png") && !site.has_out("en/giam-ngheo/anh.png"));
    assert!(!site.has_out("en/robots.txt") && !site.has_out("en/404.html") && !site.has_out("en/style.css"));
    // Structured data in the page's language.
    let en_article = site.out("en/giam-ngheo/ke-hoach-93/index.html");
    assert!(en_article.contains(r#""inLanguage":"en""#), "{en_article}");
    // Search per edition.
    assert!(site.has_out("tim-kiem/index/meta.json") && site.has_out("en/tim-kiem/index/meta.json"));
    assert!(
        site.out("en/tim-kiem/index.html").contains("en/tim-kiem/index/")
            || site.out("en/tim-kiem/index.html").contains(r#"data-index="index/""#)
    );
}

#[test]
fn pages_link_to_their_translations_and_say_when_there_is_none() {
    let site = site();
    site.build_ok(&[]);
    let vi = site.out("giam-ngheo/ke-hoach-93/index.html");
    for link in [
        r#"<link rel="alternate" hreflang="vi" href="https://example.org/giam-ngheo/ke-hoach-93/">"#,
        r#"<link rel="alternate" hreflang="en" href="https://example.org/en/giam-ngheo/ke-hoach-93/">"#,
        r#"<link rel="alternate" hreflang="x-default" href="https://example.org/giam-ngheo/ke-hoach-93/">"#,
    ] {
        assert!(vi.contains(link), "{link} in {vi}");
    }
    assert!(vi.contains(r#"<a href="../../en/giam-ngheo/ke-hoach-93/" hreflang="en" lang="en">English</a>"#), "{vi}");
    let en = site.out("en/giam-ngheo/ke-hoach-93/index.html");
    assert!(
        en.contains(r#"<a href="../../../giam-ngheo/ke-hoach-93/" hreflang="vi" lang="vi">Tiếng Việt</a>"#),
        "{en}"
    );
    // A link to a file of the same folder leads to its page in the reader's edition when it has
    // one, else to the original.
    assert!(en.contains(r#"href="../../../giam-ngheo/ky-ket/""#), "{en}");
    let vi_ky_ket = site.out("giam-ngheo/ky-ket/index.html");
    assert!(vi_ky_ket.contains(r#"href="../../giam-ngheo/ke-hoach-93/""#), "{vi_ky_ket}");

    // The article with no English translation: the switcher leads to the English edition's
    // page that says so, told which article by its address (the script there links to it: see
    // the Chromium test below), kept out of search engines; no page is made per article.
    assert!(vi_ky_ket.contains(
        r#"<a href="../../en/chua-dich/?tu=giam-ngheo/ky-ket/&amp;lang=vi" hreflang="en" lang="en" rel="nofollow">English</a>"#
    ));
    assert!(!vi_ky_ket.contains(r#"hreflang="en" href="#), "no hreflang to a page that is not a translation");
    assert!(!site.has_out("en/giam-ngheo/ky-ket/index.html"));
    let notice = site.out("en/chua-dich/index.html");
    assert!(
        notice.contains("Not available in English")
            && notice.contains("This page has not been translated into English.")
    );
    assert!(notice.contains("<title>Not available in English – Ninh Binh Bulletin</title>"), "{notice}");
    assert!(notice.contains(r#"<meta name="robots" content="noindex">"#));
    assert!(!notice.contains("<link rel=\"alternate\" hreflang"), "{notice}");
    // The same the other way: the English-only article, in Vietnamese.
    let investment = site.out("en/giam-ngheo/investment/index.html");
    assert!(investment.contains(r#"<a href="../../../chua-dich/?tu=en/giam-ngheo/investment/&amp;lang=en" hreflang="vi" lang="vi" rel="nofollow">Tiếng Việt</a>"#), "{investment}");
    let notice = site.out("chua-dich/index.html");
    assert!(notice.contains("Chưa có bản tiếng Việt") && notice.contains(r#"<html lang="vi">"#), "{notice}");
}

#[test]
fn feeds_and_sitemaps_are_per_edition_with_hreflang_alternates() {
    let site = site();
    site.build_ok(&[]);
    let titles = |feed: &str| -> Vec<String> {
        let text = site.out(feed);
        let doc = xml(&text);
        doc.descendants()
            .filter(|n| n.has_tag_name("item"))
            .filter_map(|i| i.children().find(|c| c.has_tag_name("title")).and_then(|t| t.text()).map(String::from))
            .collect()
    };
    assert_eq!(titles("rss.xml"), ["Ký kết chương trình phối hợp", "Kế hoạch 93 về giảm nghèo"]);
    assert_eq!(titles("en/rss.xml"), ["Investment forum", "Plan 93 on poverty reduction"]);
    let en_feed = site.out("en/rss.xml");
    assert!(en_feed.contains("<language>en</language>") || en_feed.contains("<language>en-"), "{en_feed}");

    let robots = site.out("robots.txt");
    assert!(
        robots.contains("Sitemap: https://example.org/sitemap.xml\nSitemap: https://example.org/en/sitemap.xml"),
        "{robots}"
    );
    let en_index = site.out("en/sitemap.xml");
    assert!(en_index.contains("https://example.org/en/sitemap-1.xml"), "{en_index}");
    let pair = vec![
        ("en".to_string(), "https://example.org/en/giam-ngheo/ke-hoach-93/".to_string()),
        ("vi".to_string(), "https://example.org/giam-ngheo/ke-hoach-93/".to_string()),
    ];
    assert_eq!(sitemap_alternates(&site.out("sitemap-1.xml"), "https://example.org/giam-ngheo/ke-hoach-93/"), pair);
    assert_eq!(
        sitemap_alternates(&site.out("en/sitemap-1.xml"), "https://example.org/en/giam-ngheo/ke-hoach-93/"),
        pair
    );
    assert_eq!(
        sitemap_alternates(&site.out("en/sitemap-1.xml"), "https://example.org/en/"),
        vec![
            ("en".to_string(), "https://example.org/en/".to_string()),
            ("vi".to_string(), "https://example.org/".to_string())
        ]
    );
    // An untranslated article has no alternates, and the page that says so is in no sitemap.
    assert_eq!(sitemap_alternates(&site.out("sitemap-1.xml"), "https://example.org/giam-ngheo/ky-ket/"), vec![]);
    assert!(
        !site.out("en/sitemap-1.xml").contains("en/giam-ngheo/ky-ket/")
            && !site.out("en/sitemap-1.xml").contains("chua-dich")
    );
}

/// A term links to the same term in the other edition: by its slug, or by the
/// `translation_key:` of its page's text; a term with none leads to the other edition's index.
#[test]
fn translated_tags_link_to_each_other() {
    let site = site();
    site.write(
        "content/tu-khoa/giam-ngheo.md",
        "---\ntitle: Giảm nghèo\ntranslation_key: poverty\n---\nTin về giảm nghèo.\n",
    );
    site.write(
        "content/tu-khoa/poverty-reduction.en.md",
        "---\ntitle: Poverty reduction\ntranslation_key: poverty\n---\nNews on poverty reduction.\n",
    );
    site.write(
        "content/giam-ngheo/ky-ket.md",
        &article("Ký kết chương trình phối hợp", "2023-04-06", "tags: [giảm nghèo, Ninh Bình]\n", "Nội dung."),
    );
    site.write(
        "content/giam-ngheo/investment.en.md",
        &article("Investment forum", "2023-04-07", "tags: [investment, Ninh Binh]\n", "In English only."),
    );
    site.build_ok(&[]);
    let vi = site.out("tu-khoa/giam-ngheo/index.html");
    assert!(vi.contains(r#"hreflang="en" href="https://example.org/en/tu-khoa/poverty-reduction/""#), "{vi}");
    assert!(
        vi.contains(r#"<a href="../../en/tu-khoa/poverty-reduction/" hreflang="en" lang="en">English</a>"#),
        "{vi}"
    );
    // The same name without its tone marks is the same slug: the same term.
    let en = site.out("en/tu-khoa/ninh-binh/index.html");
    assert!(en.contains(r#"<a href="../../../tu-khoa/ninh-binh/" hreflang="vi" lang="vi">Tiếng Việt</a>"#), "{en}");
    // A term of one edition alone leads to the other's index of tags.
    let investment = site.out("en/tu-khoa/investment/index.html");
    assert!(
        investment.contains(r#"<a href="../../../tu-khoa/" hreflang="vi" lang="vi" rel="nofollow">Tiếng Việt</a>"#),
        "{investment}"
    );
    assert_eq!(
        sitemap_alternates(&site.out("en/sitemap-1.xml"), "https://example.org/en/tu-khoa/poverty-reduction/"),
        vec![
            ("en".to_string(), "https://example.org/en/tu-khoa/poverty-reduction/".to_string()),
            ("vi".to_string(), "https://example.org/tu-khoa/giam-ngheo/".to_string())
        ]
    );
}

#[test]
fn a_translation_key_pairs_files_of_different_names() {
    let site = TestSite::with(&[
        ("site.yaml", SITE_YAML),
        ("content/tin/ky-ket.md", &article("Ký kết", "2023-04-06", "translation_key: signing-2023\n", "x")),
        ("content/tin/signing.en.md", &article("Signing", "2023-04-06", "translationKey: signing-2023\n", "x")),
    ]);
    let out = site.build_ok(&[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("translation_key"), "the key is read, not reported as unread: {stdout}");
    let vi = site.out("tin/ky-ket/index.html");
    assert!(vi.contains(r#"hreflang="en" href="https://example.org/en/tin/signing/""#), "{vi}");
    assert!(!vi.contains("chua-dich"), "no switcher to the page saying it is untranslated");
}

#[test]
fn a_site_without_languages_leaves_translations_out_and_says_how_to_publish_them() {
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        ("content/tin/a.md", &article("Bài A", "2023-04-06", "", "x")),
        ("content/tin/a.en.md", &article("Article A", "2023-04-06", "", "x")),
    ]);
    let out = site.build_ok(&[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("1 bản dịch") && stdout.contains("`languages:`"), "{stdout}");
    assert!(!site.has_out("en/index.html"));
    let page = site.out("tin/a/index.html");
    assert!(!page.contains("hreflang") && !page.contains("editions"), "no switcher on a site of one language");
}

#[test]
fn mistakes_in_languages_are_said_at_their_line() {
    let site = TestSite::with(&[
        ("site.yaml", "title: T\nlanguage: en\nlanguages:\n  vi: { path: vi }\n  fr: {}\n  en: { titel: English }\n"),
        ("content/tin/a.md", &article("Bài A", "2023-04-06", "", "x")),
    ]);
    // Said in English: `language: en` chooses the language of messages.
    let err = site.build_err();
    assert!(err.contains("site.yaml:4:3: the first language (`vi`) is the default edition"), "{err}");
    assert!(err.contains("site.yaml:5:3: unknown language `fr`"), "{err}");
    assert!(err.contains("site.yaml:6:3: `languages: en` cannot be read: unknown field `titel`"), "{err}");
    assert!(err.contains("site.yaml:2:1: `language: en` is not the first of `languages:`"), "{err}");
}

#[test]
fn english_first_makes_english_the_default_edition_and_its_messages_english() {
    let site = TestSite::with(&[
        (
            "site.yaml",
            "base_url: https://example.org/\nlanguages:\n  en: { title: Workshop }\n  vi: { title: Hội thảo }\n",
        ),
        ("content/_index.md", "---\ntitle: Workshop\n---\n"),
        ("content/_index.vi.md", "---\ntitle: Hội thảo\n---\n"),
        ("content/tin/a.md", &article("Article A", "2023-04-06", "", "x")),
        ("content/tin/a.vi.md", &article("Bài A", "2023-04-06", "", "x")),
    ]);
    let out = site.build_ok(&[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Editions: English at /, 1 article; Tiếng Việt at /vi/, 1 article"), "{stdout}");
    assert!(site.out("index.html").contains(r#"<html lang="en">"#));
    assert!(site.out("vi/tin/a/index.html").contains("Bài A"));
    assert!(site.out("vi/index.html").contains(r#"<html lang="vi">"#));
}

#[test]
fn an_edition_may_keep_its_files_in_a_folder_of_its_own() {
    let site = TestSite::with(&[
        ("site.yaml", &SITE_YAML.replace("description: \"News from Ninh Binh.\"", "content: en")),
        ("content/giam-ngheo/_index.md", "---\ntitle: Giảm nghèo\n---\n"),
        ("content/giam-ngheo/ke-hoach-93.md", &article("Kế hoạch 93", "2023-03-31", "", "Nội dung.")),
        ("content/gioi-thieu.md", "---\ntitle: Giới thiệu\n---\nVề chúng tôi.\n"),
        // Hugo's other layout: the English edition's own tree.
        ("content/en/_index.md", "---\ntitle: Ninh Binh Bulletin\ndescription: In English.\n---\n"),
        ("content/en/giam-ngheo/_index.md", "---\ntitle: Poverty reduction\n---\n"),
        (
            "content/en/giam-ngheo/ke-hoach-93.md",
            &article("Plan 93", "2023-03-31", "", "See [about us](../gioi-thieu.md) and [the signing](ky-ket.md)."),
        ),
        ("content/en/gioi-thieu.md", "---\ntitle: About us\n---\nAbout.\n"),
        ("content/giam-ngheo/ky-ket.md", &article("Ký kết", "2023-04-06", "", "Chưa dịch.")),
    ]);
    let out = site.build_ok(&[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("English tại /en/, 1 bài viết"), "{stdout}");
    assert!(!site.has_out("en/en/index.html") && !site.has_out("en/index/index.html"));
    let plan = site.out("en/giam-ngheo/ke-hoach-93/index.html");
    assert!(plan.contains(r#"<html lang="en">"#) && plan.contains(r#"href="../../../en/gioi-thieu/""#), "{plan}");
    // A link to an article not translated yet leads to the original.
    assert!(plan.contains(r#"href="../../../giam-ngheo/ky-ket/""#), "{plan}");
    assert!(plan.contains(r#"hreflang="vi" href="https://example.org/giam-ngheo/ke-hoach-93/""#), "{plan}");
    assert!(site.out("en/giam-ngheo/index.html").contains("Poverty reduction"));
    let about = site.out("en/gioi-thieu/index.html");
    assert!(
        about.contains("About.") && about.contains(r#"hreflang="vi" href="https://example.org/gioi-thieu/""#),
        "{about}"
    );
    assert!(site.out("en/index.html").contains("<title>Ninh Binh Bulletin</title>"));
    assert!(!site.out("index.html").contains("Plan 93"));
}

#[test]
fn what_links_the_editions_is_checked_with_warnings_at_file_and_line() {
    let site = site();
    site.write(
        "content/giam-ngheo/ke-hoach-93.en-us.md",
        &article("Plan 93 (US)", "2023-03-31", "slug: plan-93-us\n", "Again."),
    );
    let out = site.build_ok(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // A translation of a file that is not there.
    assert!(
        stderr.contains("content/giam-ngheo/investment.en.md:1:1: tệp này được đánh dấu là bản tiếng Anh của content/giam-ngheo/investment.md"),
        "{stderr}"
    );
    // Two translations of one page into one language.
    assert!(
        stderr.contains(
            "content/giam-ngheo/ke-hoach-93.en.md:1:1: content/giam-ngheo/ke-hoach-93.en-us.md đã là bản tiếng Anh của cùng trang này"
        ),
        "{stderr}"
    );
    // From the English article, an address of the Vietnamese page it translates.
    assert!(
        stderr.contains("content/giam-ngheo/ke-hoach-93.en.md:7:46: `/giam-ngheo/ke-hoach-93/` dẫn tới trang tiếng Việt, trong khi ấn bản này đã có bản dịch của trang đó: /en/giam-ngheo/plan-93-us/"),
        "{stderr}"
    );
}

/// `serve` and `watch` keep a session: each edit of either edition rebuilds to the site a
/// fresh build makes (a new translation replaces the page that said there was none).
#[test]
fn rebuilds_of_both_editions_give_what_a_fresh_build_gives() {
    use bantin::build::{Changes, Options, Session};
    use bantin::output::Folder;

    let site = site();
    let preview = tempfile::tempdir().unwrap();
    let folder = Folder::new(preview.path()).unwrap();
    let mut options = Options::new(site.root());
    options.base_url = Some("http://preview/".into());
    let mut session = Session::new(options);
    session.rebuild(&Changes::Everything, &folder).unwrap();
    folder.commit().unwrap();
    let mut check = |changed: &[&str], what: &str| {
        let paths: Vec<std::path::PathBuf> = changed.iter().map(|p| site.path(p)).collect();
        let report = session.rebuild(&Changes::paths(paths), &folder).unwrap_or_else(|e| panic!("{what}: {e}"));
        folder.commit().unwrap();
        let differ = crate::incremental::differ_from_fresh(&site, preview.path());
        assert!(differ.is_empty(), "{what}: these files differ from a fresh build: {differ:?}");
        report
    };
    // Only the text after the summary: the page alone is rendered again (and the search index).
    let body = "Text. Read also [the signing](ky-ket.md) and [the plan in Vietnamese](/giam-ngheo/ke-hoach-93/).\n\nA second paragraph.";
    site.write(
        "content/giam-ngheo/ke-hoach-93.en.md",
        &article("Plan 93 on poverty reduction", "2023-03-31", "tags: [poverty reduction]\nimage: anh.png\n", body),
    );
    let report = check(&["content/giam-ngheo/ke-hoach-93.en.md"], "an English article's later text");
    assert_eq!(report.rendered, 1, "{:?}", report.written);
    site.write(
        "content/giam-ngheo/ke-hoach-93.en.md",
        &article("Plan 93, revised", "2023-03-31", "tags: [poverty reduction]\n", "New text."),
    );
    check(&["content/giam-ngheo/ke-hoach-93.en.md"], "an English article edited");
    site.write("content/giam-ngheo/ky-ket.en.md", &article("Signing a programme", "2023-04-06", "", "Translated."));
    check(&["content/giam-ngheo/ky-ket.en.md"], "a new translation");
    assert!(
        std::fs::read_to_string(preview.path().join("en/giam-ngheo/ky-ket/index.html"))
            .unwrap()
            .contains("Translated.")
    );
    site.write(
        "content/giam-ngheo/ky-ket.md",
        &article("Ký kết chương trình (sửa)", "2023-04-06", "tags: [giảm nghèo]\n", "Nội dung sửa."),
    );
    check(&["content/giam-ngheo/ky-ket.md"], "the original's title edited");
    site.remove("content/giam-ngheo/ky-ket.en.md");
    check(&["content/giam-ngheo/ky-ket.en.md"], "a translation deleted");
    site.write("site.yaml", &SITE_YAML.replace("Ninh Binh Bulletin", "Ninh Binh News"));
    check(&["site.yaml"], "the English title in site.yaml");
}

/// Each edition's search page reads its own index: English readers find English articles,
/// Vietnamese readers Vietnamese ones (typed without tone marks), in a real browser.
#[test]
fn search_in_each_edition_finds_its_own_articles() {
    let site = site();
    let server = crate::serve::Server::start(&site, &[]);
    let Some(mut browser) = crate::browser::Browser::open(&format!("http://127.0.0.1:{}/en/tim-kiem/", server.port))
    else {
        return;
    };
    let found = crate::search::results(&mut browser, "poverty");
    assert!(found.contains("Plan 93 on poverty reduction"), "{found}");
    assert!(!found.contains("Kế hoạch"), "{found}");
    let found = crate::search::results(&mut browser, "investment");
    assert!(found.contains("Investment forum"), "{found}");
    browser.navigate(&format!("http://127.0.0.1:{}/tim-kiem/", server.port));
    browser.wait_until("!!document.getElementById('search-page-q')", "the Vietnamese search page");
    let found = crate::search::results(&mut browser, "giam ngheo");
    assert!(found.contains("Kế hoạch 93 về giảm nghèo"), "{found}");
    assert!(!found.contains("Plan 93") && !found.contains("Investment"), "{found}");

    // The page an untranslated article's switcher leads to links to the original, in English.
    browser.navigate(&format!("http://127.0.0.1:{}/en/chua-dich/?tu=giam-ngheo/ky-ket/&lang=vi", server.port));
    browser.wait_until("!document.getElementById('ban-goc').hidden", "the link to the original");
    let link = browser.eval(
        "(() => { const a = document.querySelector('#ban-goc a'); return [a.href, a.textContent, a.hreflang]; })()",
    );
    let origin = format!("http://127.0.0.1:{}", server.port);
    assert_eq!(
        link,
        serde_json::json!([format!("{origin}/giam-ngheo/ky-ket/"), "Read the original in Vietnamese →", "vi"])
    );
    // Its language switcher leads there too.
    assert_eq!(
        browser.eval("document.querySelector('.editions a[hreflang=vi]').href"),
        serde_json::json!(format!("{origin}/giam-ngheo/ky-ket/"))
    );
    // An address that is not a path of this site is not followed: the page leads home.
    browser.navigate(&format!("http://127.0.0.1:{}/en/chua-dich/?tu=javascript:alert(1)&lang=vi", server.port));
    browser.wait_until("document.readyState === 'complete'", "the page");
    assert_eq!(browser.eval("document.getElementById('ban-goc').hidden"), serde_json::json!(true));
}

/// Shortcodes in a translation speak its language (the theme's strings of its edition).
#[test]
fn shortcodes_in_a_translation_speak_its_language() {
    let site = site();
    let video = "{{< youtube \"dQw4w9WgXcQ\" >}}";
    site.write("content/giam-ngheo/ky-ket.md", &article("Ký kết", "2023-04-06", "", video));
    site.write("content/giam-ngheo/ky-ket.en.md", &article("Signing", "2023-04-06", "", video));
    site.build_ok(&[]);
    assert!(site.out("en/giam-ngheo/ky-ket/index.html").contains("Play the video"));
    let vi = site.out("giam-ngheo/ky-ket/index.html");
    assert!(!vi.contains("Play the video") && vi.contains("Xem video"), "{vi}");
}

/// What could publish one edition over the other, or put a file where the other layout says,
/// stops the build with a message that says what to change.
#[test]
fn one_edition_never_overwrites_the_other() {
    // An old address kept in a translation copied from its original.
    let site = self::site();
    site.write("content/giam-ngheo/ky-ket.md", &article("Ký kết", "2023-04-06", "aliases: [/tin-cu/ky-ket/]\n", "x"));
    site.write(
        "content/giam-ngheo/ky-ket.en.md",
        &article("Signing", "2023-04-06", "aliases: [/tin-cu/ky-ket/]\n", "x"),
    );
    let err = site.build_err();
    assert!(err.contains("content/giam-ngheo/ky-ket.en.md:4:1: /tin-cu/ky-ket/ được tạo ra từ hai nơi"), "{err}");
    // An edition's path where a section is.
    let site = self::site();
    site.write("site.yaml", &SITE_YAML.replace("description: \"News from Ninh Binh.\"", "path: giam-ngheo"));
    let err = site.build_err();
    assert!(err.contains("site.yaml:5:1: ấn bản này được đăng ở /giam-ngheo/, nơi site đã đăng"), "{err}");
    // A Vietnamese section called `en`, or the English edition's files without `content: en`.
    let site = self::site();
    site.write("content/en/_index.md", "---\ntitle: Tiếng Anh\n---\n");
    site.write("content/en/bai-hoc-1.md", &article("Bài học 1", "2023-04-01", "", "x"));
    let err = site.build_err();
    assert!(err.contains("ấn bản này được đăng ở /en/") && err.contains("`content: <thư mục>`"), "{err}");
    // Both layouts for one edition; a folder that is not there.
    let site = self::site();
    site.write("site.yaml", &SITE_YAML.replace("description: \"News from Ninh Binh.\"", "content: en"));
    site.write("content/en/gioi-thieu.md", "---\ntitle: About\n---\nx\n");
    let err = site.build_err();
    assert!(
        err.contains("content/giam-ngheo/ke-hoach-93.en.md:1:1: ấn bản này để các tệp của nó trong content/en/: bản dịch này phải nằm ở đó, là content/en/giam-ngheo/ke-hoach-93.md"),
        "{err}"
    );
    site.remove("content/en/gioi-thieu.md");
    site.write("site.yaml", &SITE_YAML.replace("description: \"News from Ninh Binh.\"", "content: english"));
    let err = site.build_err();
    assert!(err.contains("site.yaml:5:1: không có thư mục content/english/"), "{err}");
}

#[test]
fn a_link_to_a_file_of_the_other_edition_says_how_to_link_to_it() {
    let site = site();
    site.write("content/gioi-thieu.md", "---\ntitle: Giới thiệu\n---\nXem [bản tiếng Anh](gioi-thieu.en.md).\n");
    let err = site.build_err();
    assert!(
        err.contains("`gioi-thieu.en.md` liên kết tới content/gioi-thieu.en.md, một trang của ấn bản khác"),
        "{err}"
    );
    site.write("content/gioi-thieu.md", "---\ntitle: Giới thiệu\n---\nXem [bản tiếng Anh](/en/gioi-thieu/).\n");
    site.build_ok(&[]);
    // The English home's feed links to the English home.
    let feed = site.out("en/rss.xml");
    assert!(feed.contains("<link>https://example.org/en/</link>"), "{feed}");
}
