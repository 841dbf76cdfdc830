//! Site-wide behaviour: URLs, drafts and future articles, pagination, feeds, base URLs,
//! reproducible output.

use crate::util::{TestSite, article, tree};

fn two_articles() -> TestSite {
    TestSite::with(&[
        ("site.yaml", "title: Bản tin thử\nbase_url: https://example.org/\n"),
        ("content/tin-tuc/_index.md", "---\ntitle: Tin tức\n---\n"),
        ("content/tin-tuc/Ký kết chương trình.md", &article("Ký kết chương trình", "06/04/2023", "", "Văn bản.")),
        ("content/tin-tuc/ke-hoach.md", &article("Kế hoạch 93", "2023-03-31", "tags: [giảm nghèo]\n", "Nội dung.")),
    ])
}

#[test]
fn urls_transliterate_file_names_and_slugs() {
    let site = two_articles();
    site.write("content/tin-tuc/x.md", &article("X", "2023-01-01", "slug: Đồng thuận ĐỂ phát triển\n", "x"));
    site.build_ok(&[]);
    assert!(site.has_out("tin-tuc/ky-ket-chuong-trinh/index.html"));
    assert!(site.has_out("tin-tuc/dong-thuan-de-phat-trien/index.html"));
}

#[test]
fn drafts_and_future_articles_need_their_flags() {
    let site = two_articles();
    site.write("content/tin-tuc/nhap.md", &article("Bản nháp", "2023-01-01", "draft: true\n", "x"));
    site.write("content/tin-tuc/sap-toi.md", &article("Sắp tới", "2999-01-01", "", "x"));
    site.build_ok(&[]);
    assert!(!site.has_out("tin-tuc/nhap/index.html"));
    assert!(!site.has_out("tin-tuc/sap-toi/index.html"));
    assert!(!site.out("index.html").contains("Bản nháp"));
    site.build_ok(&["--drafts", "--future"]);
    assert!(site.has_out("tin-tuc/nhap/index.html"));
    assert!(site.has_out("tin-tuc/sap-toi/index.html"));
}

#[test]
fn lists_are_paginated() {
    let site = TestSite::with(&[("site.yaml", "paginate_by: 2\n")]);
    for i in 1..=5 {
        site.write(
            &format!("content/tin/bai-{i}.md"),
            &article(&format!("Bài {i}"), &format!("2023-04-0{i}"), "tags: [chung]\n", "x"),
        );
    }
    site.build_ok(&[]);
    assert!(site.has_out("tin/page/2/index.html"));
    assert!(site.has_out("tin/page/3/index.html"));
    assert!(!site.has_out("tin/page/4/index.html"));
    assert!(site.has_out("tu-khoa/chung/page/3/index.html"));
    assert!(site.has_out("page/3/index.html"));
    // Newest first: page 1 has 5 and 4, page 3 has 1.
    let list =
        |html: &str| html[html.find(r#"class="list""#).unwrap()..html.find(r#"class="sidebar""#).unwrap()].to_string();
    let first = site.out("tin/index.html");
    let items = list(&first);
    assert!(items.contains("Bài 5") && items.contains("Bài 4") && !items.contains("Bài 3"), "{items}");
    assert!(list(&site.out("tin/page/3/index.html")).contains("Bài 1"));
    assert!(first.contains(r#"href="../tin/page/2/" rel="next""#), "link to the next page");
}

#[test]
fn feeds_sitemap_and_robots_use_absolute_urls() {
    let site = two_articles();
    site.build_ok(&[]);
    let rss = site.out("rss.xml");
    assert!(rss.starts_with("<?xml"));
    assert!(rss.contains("<link>https://example.org/tin-tuc/ky-ket-chuong-trinh/</link>"));
    assert!(rss.contains("<pubDate>Thu, 6 Apr 2023 00:00:00 +0700</pubDate>"), "{rss}");
    assert!(site.out("tin-tuc/rss.xml").contains("Kế hoạch 93"));
    assert!(site.out("sitemap.xml").contains("<loc>https://example.org/sitemap-1.xml</loc>"));
    let sitemap = site.out("sitemap-1.xml");
    assert!(
        sitemap
            .contains("<loc>https://example.org/tin-tuc/ke-hoach/</loc><lastmod>2023-03-31T00:00:00+07:00</lastmod>")
    );
    assert!(site.out("robots.txt").contains("Sitemap: https://example.org/sitemap.xml"));
}

#[test]
fn a_sub_path_base_url_is_honoured_everywhere() {
    let site = two_articles();
    site.build_ok(&["--base-url", "https://example.org/bantin"]);
    let html = site.out("tin-tuc/ky-ket-chuong-trinh/index.html");
    assert!(html.contains(r#"<link rel="canonical" href="https://example.org/bantin/tin-tuc/ky-ket-chuong-trinh/">"#));
    // Links inside the site are relative, so they work under any sub-path.
    assert!(html.contains(r#"href="../../style.css""#));
    assert!(html.contains(r#"href="../../""#));
    // The 404 page is served at any depth: its links start at the base path.
    let missing = site.out("404.html");
    assert!(missing.contains(r#"href="/bantin/style.css""#), "{missing}");
    assert!(site.out("rss.xml").contains("https://example.org/bantin/tin-tuc/ke-hoach/"));
}

#[test]
fn root_relative_links_in_articles_follow_the_base_path() {
    let site = two_articles();
    site.write("content/tin-tuc/lien-ket.md", &article("Liên kết", "2023-01-01", "", "Xem [bài](/tin-tuc/ke-hoach/)."));
    site.build_ok(&["--base-url", "https://example.org/bantin/"]);
    assert!(site.out("tin-tuc/lien-ket/index.html").contains(r#"<a href="../../tin-tuc/ke-hoach/">bài</a>"#));
}

#[test]
fn aliases_redirect_to_the_page() {
    let site = two_articles();
    site.write(
        "content/tin-tuc/moi.md",
        &article("Mới", "2023-01-01", "aliases: [/tin-cu/bai-1/, /tin-cu/bai-2.html]\n", "x"),
    );
    site.build_ok(&[]);
    let alias = site.out("tin-cu/bai-1/index.html");
    assert!(alias.contains(r#"<meta http-equiv="refresh" content="0; url=../../tin-tuc/moi/">"#), "{alias}");
    assert!(alias.contains(r#"<link rel="canonical" href="https://example.org/tin-tuc/moi/">"#));
    assert!(site.has_out("tin-cu/bai-2.html"));
}

#[test]
fn standalone_pages_are_not_news() {
    let site = two_articles();
    site.write("content/lien-he.md", "---\ntitle: Liên hệ\n---\nĐịa chỉ.\n");
    site.build_ok(&[]);
    assert!(site.out("lien-he/index.html").contains("Địa chỉ."));
    assert!(!site.out("index.html").contains("Liên hệ"));
    assert!(!site.out("rss.xml").contains("Liên hệ"));
}

#[test]
fn building_twice_gives_identical_bytes() {
    let site = two_articles();
    site.build_ok(&[]);
    let first = site.output_tree();
    site.build_ok(&[]);
    assert_eq!(first, site.output_tree());
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("site");
    site.build_ok(&["--output", out.to_str().unwrap()]);
    assert_eq!(first, tree(&out));
}

#[test]
fn a_site_with_only_content_builds_with_the_built_in_theme() {
    let site = TestSite::with(&[("content/tin/a.md", &article("A", "2023-01-01", "", "x"))]);
    site.build_ok(&[]);
    assert!(site.out("tin/a/index.html").contains("Bản tin"), "default title");
    assert!(site.has_out("style.css"));
}

#[test]
fn english_language_switches_strings_and_dates() {
    let site = two_articles();
    site.write("site.yaml", "title: Bulletin\nlanguage: en\n");
    site.build_ok(&[]);
    let html = site.out("tin-tuc/ky-ket-chuong-trinh/index.html");
    assert!(html.contains("Thursday, 6 April 2023"), "{html}");
    assert!(html.contains("Latest"));
    assert!(html.contains(r#"<html lang="en">"#));
}

/// Issue 26: a site that moved in with its photos got its problems in waves, each after minutes
/// of photo work: front matter problems, then addresses from the site's root, then the next
/// fault of one front matter. Now one run says them all, before any photo is made.
#[test]
fn every_problem_of_a_first_build_comes_in_one_run_before_photos_are_made() {
    let site = TestSite::with(&[
        ("site.yaml", "title: T\nbase_url: https://example.org/\n"),
        // A colon in the title, and a bad date under it.
        ("content/tin/a.md", "---\ntitle: Hà Nội: mùa thu\ndate: 31/02/2023\n---\n![Ảnh](anh.jpg)\n"),
        // An address from the site's root that leads nowhere, in a file that parses.
        ("content/tin/b.md", &article("B", "2023-04-06", "", "Xem [bài cũ](/khong-co/bai-cu/).")),
    ]);
    site.write_bytes("content/tin/anh.jpg", &crate::photos::phone_photo(1600, 1200));
    let err = site.build_err();
    for said in ["tin/a.md:2:", "tin/a.md:3:", "tin/b.md:", "/khong-co/bai-cu/"] {
        assert!(err.contains(said), "{said} not said in the first run:\n{err}");
    }
    // No photo was made for a run that could not succeed.
    let made = std::fs::read_dir(site.path(".bantin-cache/photos")).map_or(0, |d| d.count());
    assert_eq!(made, 0, "photos were made before the problems were said");
    // Fixed, the next run makes the photo and succeeds.
    site.write("content/tin/a.md", "---\ntitle: \"Hà Nội: mùa thu\"\ndate: 28/02/2023\n---\n![Ảnh](anh.jpg)\n");
    site.write("content/tin/b.md", &article("B", "2023-04-06", "", "Xem [bài A](/tin/a/)."));
    site.build_ok(&[]);
    assert!(site.has_out("tin/anh-800w.webp"));
}

/// Issue 26: addresses of a Jekyll blog lost in silence. `permalink: bai-cu/` (no leading `/`,
/// as Jekyll allows) was dropped, and a file name in capitals lost its old address.
#[test]
fn a_jekyll_blog_keeps_its_old_addresses() {
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\npermalinks:\n  posts: /:year/:month/:day/:slug/\n"),
        ("content/posts/_index.md", "---\ntitle: Bài viết\n---\n"),
        ("content/posts/2006-11-03-CVE-2006-5467.md", "---\ntitle: Lỗ hổng\n---\nx\n"),
        ("content/posts/2019-05-01-gioi-thieu.md", "---\ntitle: Giới thiệu\npermalink: bai-cu/\n---\nx\n"),
        ("content/posts/2019-05-02-dia-chi.md", "---\ntitle: Địa chỉ\nredirect_from: [cu/dia-chi.html]\n---\nx\n"),
    ]);
    site.build_ok(&[]);
    assert!(site.has_out("2006/11/03/cve-2006-5467/index.html"));
    let old = site.out("2006/11/03/CVE-2006-5467/index.html");
    assert!(old.contains("cve-2006-5467/"), "a redirect to the page: {old}");
    assert!(site.out("bai-cu/index.html").contains("2019/05/01/gioi-thieu/"), "permalink without its /");
    assert!(site.has_out("cu/dia-chi.html"), "redirect_from without its /");
}

/// Issue 26: 22 of 500 posts of a Jekyll site on UTC moved to the next day: `:day` was made on
/// the site's clock (Asia/Ho_Chi_Minh). `permalink_timezone:` keeps the old site's days, while
/// readers see the site's time.
#[test]
fn addresses_are_made_on_the_old_sites_clock() {
    let config = "base_url: https://example.org/\npermalinks:\n  posts: /:year/:month/:day/:slug/\n";
    let site = TestSite::with(&[
        ("site.yaml", config),
        ("content/posts/muon.md", "---\ntitle: Muộn\ndate: 2019-05-01 23:30:00 +0000\n---\nx\n"),
        ("content/posts/som.md", "---\ntitle: Sớm\ndate: 2019-05-01 03:00\n---\nx\n"),
    ]);
    site.build_ok(&[]);
    assert!(site.has_out("2019/05/02/muon/index.html"), "on Vietnam's clock, the next day");
    site.write("site.yaml", &format!("{config}permalink_timezone: UTC\n"));
    site.build_ok(&[]);
    assert!(site.has_out("2019/05/01/muon/index.html"), "on the old site's clock");
    assert!(site.has_out("2019/05/01/som/index.html"), "a day written without an offset is that day");
    // Readers still see the site's time.
    assert!(site.out("2019/05/01/muon/index.html").contains("2019-05-02T06:30:00+07:00"));
}
