//! Tags (từ khóa) and archives: merged across case and composition, in Vietnamese order.

use unicode_normalization::UnicodeNormalization;

use crate::util::{TestSite, article};

#[test]
fn tags_differing_in_case_or_composition_are_one_tag() {
    let nfd: String = "giảm nghèo".nfd().collect();
    let site = TestSite::with(&[
        ("content/tin/a.md", &article("A", "2023-04-06", "tags: [Giảm nghèo]\n", "x")),
        ("content/tin/b.md", &article("B", "2023-04-05", &format!("tags: [\"{nfd}\"]\n"), "x")),
        ("content/tin/c.md", &article("C", "2023-04-04", "tags: [GIẢM NGHÈO, ấm no]\n", "x")),
    ]);
    site.build_ok(&[]);
    let tag = site.out("tu-khoa/giam-ngheo/index.html");
    for t in ["A", "B", "C"] {
        assert!(tag.contains(&format!(">{t}</a>")), "{t} in the tag page");
    }
    assert!(!site.has_out("tu-khoa/giam-ngheo-2/index.html"));
    assert!(tag.contains("3 bài viết"));
}

#[test]
fn tag_index_is_in_vietnamese_alphabetical_order_with_letters() {
    let tags = "tags: [đồng thuận, an sinh, ấm no, ăn ở, bền vững, dân cư, em, Ủy ban, ước mơ]\n";
    let site = TestSite::with(&[("content/tin/a.md", &article("A", "2023-04-06", tags, "x"))]);
    site.build_ok(&[]);
    let html = site.out("tu-khoa/index.html");
    let order = ["an sinh", "ăn ở", "ấm no", "bền vững", "dân cư", "đồng thuận", "em", "Ủy ban", "ước mơ"];
    let positions: Vec<usize> =
        order.iter().map(|t| html.find(&format!(">{t} <")).unwrap_or_else(|| panic!("{t} missing"))).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "order: {positions:?}");
    for letter in ["A", "Ă", "Â", "B", "D", "Đ", "E", "U", "Ư"] {
        assert!(html.contains(&format!(r#"class="letter-group__letter">{letter}<"#)), "letter {letter}");
    }
}

#[test]
fn archives_by_month() {
    let site = TestSite::with(&[
        ("content/tin/a.md", &article("A", "2023-04-06", "", "x")),
        ("content/tin/b.md", &article("B", "2023-03-31T23:30:00+07:00", "", "x")),
        // 17:30 UTC on 31 March is 00:30 on 1 April in Vietnam.
        ("content/tin/c.md", &article("C", "2023-03-31T17:30:00Z", "", "x")),
    ]);
    site.build_ok(&[]);
    let april = site.out("luu-tru/2023/04/index.html");
    assert!(april.contains(">A</a>") && april.contains(">C</a>"));
    assert!(site.out("luu-tru/2023/03/index.html").contains(">B</a>"));
    let index = site.out("luu-tru/index.html");
    assert!(
        index.contains("<h2 class=\"letter-group__letter\">2023</h2>")
            && index.contains("Tháng 4 <span class=\"meta\">2</span>"),
        "{index}"
    );
}

const NEWSROOM: &str = "taxonomies:\n  - { name: tags, path: tu-khoa }\n  - { name: categories, path: chuyen-de }\n  - { name: authors, path: tac-gia }\n";

#[test]
fn topics_and_authors_get_their_pages_and_show_on_articles() {
    let site = TestSite::with(&[
        ("site.yaml", NEWSROOM),
        (
            "content/tin/a.md",
            &article(
                "Ký kết chương trình",
                "2023-04-06",
                "tags: [MTTQ]\ncategories: [Giảm nghèo bền vững 2021–2025]\nauthor: [Nguyễn Văn A, Lê Thị B]\n",
                "x",
            ),
        ),
        (
            "content/tin/b.md",
            &article(
                "Kế hoạch 93",
                "2023-04-05",
                "categories: giảm nghèo bền vững 2021–2025\nauthors: [Lê Thị B]\n",
                "x",
            ),
        ),
        ("content/tin/c.md", &article("Tin khác", "2023-04-04", "author: Trần C\n", "x")),
    ]);
    site.build_ok(&[]);
    let a = site.out("tin/a/index.html");
    assert!(a.contains(r#"<a href="../../tac-gia/nguyen-van-a/" rel="author">Nguyễn Văn A</a>, <a href="../../tac-gia/le-thi-b/" rel="author">Lê Thị B</a>"#), "{a}");
    assert!(a.contains(r#"<span>Chuyên đề:</span> <ul class="chips"><li><a href="../../chuyen-de/giam-ngheo-ben-vung-2021-2025/">Giảm nghèo bền vững 2021–2025</a>"#), "{a}");
    let topic = site.out("chuyen-de/giam-ngheo-ben-vung-2021-2025/index.html");
    assert!(topic.contains(">Ký kết chương trình</a>") && topic.contains(">Kế hoạch 93</a>"), "both articles");
    assert!(topic.contains("<title>Chuyên đề: Giảm nghèo bền vững 2021–2025"), "{topic}");
    let b = site.out("tac-gia/le-thi-b/index.html");
    assert!(b.contains("2 bài viết"), "author: and authors: feed one term");
    let index = site.out("tac-gia/index.html");
    let order: Vec<usize> = ["Lê Thị B", "Nguyễn Văn A", "Trần C"].iter().map(|n| index.find(n).expect(n)).collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "authors in Vietnamese order");
    let sitemap = site.out("sitemap-1.xml");
    for path in ["chuyen-de/giam-ngheo-ben-vung-2021-2025/", "tac-gia/tran-c/", "tu-khoa/mttq/"] {
        assert!(sitemap.contains(path), "{path} in the sitemap");
    }
    assert!(site.out("index.html").contains(r#"href="chuyen-de/">Chuyên đề</a>"#), "the footer links each taxonomy");
}

#[test]
fn old_and_new_tone_placement_are_one_term() {
    let site = TestSite::with(&[
        ("content/tin/a.md", &article("A", "2023-04-06", "tags: [Hòa Bình, thủy lợi]\n", "x")),
        ("content/tin/b.md", &article("B", "2023-04-05", "tags: [hoà bình, Thuỷ lợi]\n", "x")),
    ]);
    site.build_ok(&[]);
    assert!(site.out("tu-khoa/hoa-binh/index.html").contains("2 bài viết"));
    assert!(site.out("tu-khoa/thuy-loi/index.html").contains("2 bài viết"));
    assert!(!site.has_out("tu-khoa/hoa-binh-2/index.html"));
}

#[test]
fn a_newer_article_never_moves_an_existing_term() {
    let site = TestSite::with(&[("content/tin/a.md", &article("A", "2023-04-01", "tags: [Cá]\n", "x"))]);
    site.build_ok(&[]);
    assert!(site.out("tu-khoa/ca/index.html").contains("<h1 class=\"page-head__title\">Cá</h1>"));
    // "Ca" sorts before "Cá", but it came later: it is the one that gets -2.
    site.write("content/tin/b.md", &article("B", "2023-04-06", "tags: [Ca]\n", "x"));
    site.build_ok(&[]);
    assert!(site.out("tu-khoa/ca/index.html").contains("<h1 class=\"page-head__title\">Cá</h1>"));
    assert!(site.out("tu-khoa/ca-2/index.html").contains("<h1 class=\"page-head__title\">Ca</h1>"));
}

#[test]
fn a_term_page_carries_the_editors_text_and_keeps_its_address() {
    let site = TestSite::with(&[
        ("site.yaml", NEWSROOM),
        (
            "content/tin/a.md",
            &article("A", "2023-04-06", "author: Nguyễn Văn A\n", "Bài của [anh A](../tac-gia/nguyen-van-a.md)."),
        ),
        (
            "content/tac-gia/nguyen-van-a.md",
            "---\ntitle: Nguyễn Văn A\nslug: phong-vien-a\ndescription: Phóng viên Ban Tuyên giáo\nimage: chan-dung.png\naliases: [/tac-gia/nguyen-van-a/]\n---\nAnh A viết về **giảm nghèo** từ năm 2015.\n",
        ),
        ("content/tac-gia/chan-dung.png", "png"),
        ("content/tac-gia/tran-b.md", "---\ntitle: Trần B\n---\nPhóng viên mới, chưa có bài.\n"),
        ("content/tac-gia/_index.md", "---\ntitle: Đội ngũ phóng viên\ndescription: Những người viết bản tin.\n---\n"),
    ]);
    site.build_ok(&[]);
    let a = site.out("tac-gia/phong-vien-a/index.html");
    assert!(a.contains("Phóng viên Ban Tuyên giáo · 1 bài viết"), "{a}");
    assert!(a.contains("<strong>giảm nghèo</strong>"));
    assert!(a.contains(r#"<img class="term-text__image" src="../../tac-gia/chan-dung.png""#), "{a}");
    assert!(
        a.contains(r#"<meta property="og:image" content=""#) && a.contains("tac-gia/chan-dung.png"),
        "shared with the photo"
    );
    assert!(
        site.out("tac-gia/nguyen-van-a/index.html").contains("url=../../tac-gia/phong-vien-a/"),
        "the alias redirects"
    );
    let a_page = site.out("tin/a/index.html");
    assert!(a_page.contains(r#"href="../../tac-gia/phong-vien-a/" rel="author""#));
    assert!(
        a_page.contains(r#"<a href="../../tac-gia/phong-vien-a/">anh A</a>"#),
        "a link to the term's file goes to its page"
    );
    assert!(site.out("tac-gia/tran-b/index.html").contains("0 bài viết"), "an author without articles has a page");
    let index = site.out("tac-gia/index.html");
    assert!(index.contains("Đội ngũ phóng viên") && index.contains("Những người viết bản tin."), "{index}");
    assert!(!site.has_out("tac-gia/tran-b.md") && !site.has_out("tin/tac-gia/index.html"));
}

#[test]
fn taxonomy_mistakes_are_reported_at_their_line() {
    for (config, front, expected) in [
        (
            "taxonomies:\n  - { name: tags }\n  - { name: Chủ đề }\n",
            "",
            "site.yaml:3:1: taxonomies: `Chủ đề` không phải tên đơn giản",
        ),
        (
            "taxonomies:\n  - { name: title }\n",
            "",
            "site.yaml:2:1: taxonomies: `title` là khóa front matter bantin đã dùng vào việc khác",
        ),
        (
            "taxonomies:\n  - { name: tags, path: a }\n  - { name: categories, path: a }\n",
            "",
            "site.yaml:3:1: taxonomies: `tags` và `categories` cùng nằm ở `a`",
        ),
        (
            "taxonomies:\n  - { name: categories, path: ../x }\n",
            "",
            "site.yaml:2:1: taxonomies: đường dẫn `../x` của `categories` không phải đường dẫn đơn giản",
        ),
        (NEWSROOM, "categories: { a: 1 }\n", "content/tin/a.md:4:13: categories: cần một tên hoặc một danh sách tên"),
        (
            "permalinks:\n  tin: /:year/:nam/:slug/\n",
            "",
            "site.yaml:2:3: permalinks: bantin không biết `:nam` trong `/:year/:nam/:slug/`",
        ),
        ("permalinks:\n  tin: /:year/:month/\n", "", "site.yaml:2:3: permalinks: `/:year/:month/` không có :slug"),
        ("permalinks:\n  tin: :slug/\n", "", "site.yaml:2:3: permalinks: `:slug/` không bắt đầu bằng `/`"),
    ] {
        let site =
            TestSite::with(&[("site.yaml", config), ("content/tin/a.md", &article("A", "2023-04-06", front, "x"))]);
        let err = site.build_err();
        assert!(err.starts_with(expected), "{config}{front}: {err}");
    }
}

#[test]
fn permalinks_follow_a_pattern_per_section() {
    let site = TestSite::with(&[
        ("site.yaml", "permalinks:\n  tin-tuc: /:year/:month/:day/:slug/\n  thong-bao: /:section/:slug.html\n"),
        // 23:30 on 5 April in UTC is 6 April in Vietnam: the site's time zone decides.
        (
            "content/tin-tuc/ky-ket.md",
            &article("Ký kết", "2023-04-05T23:30:00Z", "", "Xem [thông báo](../thong-bao/lich.md)."),
        ),
        ("content/tin-tuc/dia-phuong/xa.md", &article("Tin xã", "2023-04-07", "slug: tin-xa\n", "x")),
        (
            "content/thong-bao/lich.md",
            &article("Lịch làm việc", "2023-04-08", "", "Về [ký kết](../tin-tuc/ky-ket.md)."),
        ),
        ("content/mat-tran/a.md", &article("A", "2023-04-09", "", "x")),
    ]);
    site.build_ok(&[]);
    let page = site.out("2023/04/06/ky-ket/index.html");
    assert!(page.contains(r#"href="../../../../thong-bao/lich.html""#), "{page}");
    assert!(site.has_out("2023/04/07/tin-xa/index.html"), "subsections follow their top section's pattern");
    let notice = site.out("thong-bao/lich.html");
    assert!(notice.contains(r#"href="../2023/04/06/ky-ket/""#), "{notice}");
    assert!(site.has_out("mat-tran/a/index.html"), "other sections keep /:section/:slug/");
    assert!(site.out("tin-tuc/index.html").contains(r#"href="../2023/04/06/ky-ket/""#));
    assert!(site.out("rss.xml").contains("/2023/04/06/ky-ket/"));
    assert!(site.out("sitemap-1.xml").contains("thong-bao/lich.html"));
    // Two articles on one URL is a clash, as always.
    site.write("content/tin-tuc/ky-ket-2.md", &article("Ký kết", "2023-04-06", "slug: ky-ket\n", "x"));
    assert!(site.build_err().contains("/2023/04/06/ky-ket/ được tạo ra từ hai nơi"));
}

/// Issue 26: a Hugo blog's category and tag pages kept their Vietnamese letters in their
/// addresses (`/categories/toán-học/`); bantin's are `/categories/toan-hoc/`, and 28 old
/// addresses were lost. `old_addresses: hugo` keeps them as redirects.
#[test]
fn a_taxonomy_from_hugo_keeps_its_terms_old_addresses() {
    let site = TestSite::with(&[
        (
            "site.yaml",
            "base_url: https://example.org/\ntaxonomies:\n  - { name: categories, path: categories, old_addresses: hugo }\n  - { name: tags, path: tags }\n",
        ),
        ("content/posts/a.md", &article("A", "2023-04-06", "categories: [Toán học, AI]\ntags: [Giảm nghèo]\n", "x")),
    ]);
    site.build_ok(&[]);
    assert!(site.has_out("categories/toan-hoc/index.html"));
    assert!(site.out("categories/toán-học/index.html").contains("categories/toan-hoc/"), "a redirect");
    assert!(!site.has_out("categories/ai/index.html.x") && !site.path("output/categories/AI").exists());
    assert!(!site.path("output/tags/giảm-nghèo").exists(), "only where asked");
}
