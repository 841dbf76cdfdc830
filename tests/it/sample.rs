//! The sample bulletin of the repository builds into a real news portal.

use crate::util::{TestSite, copy_dir, repo};

fn sample() -> TestSite {
    let site = TestSite::empty();
    for part in ["content", "themes"] {
        copy_dir(&repo().join(part), &site.path(part));
    }
    std::fs::copy(repo().join("site.yaml"), site.path("site.yaml")).expect("copy site.yaml");
    site
}

const SIGNING: &str = "mat-tran/ky-ket-chuong-trinh-phoi-hop-giam-ngheo-ben-vung/index.html";
const PLAN: &str = "giam-ngheo/ke-hoach-93-truyen-thong-giam-ngheo-da-chieu/index.html";

#[test]
fn sample_bulletin_builds_every_kind_of_page() {
    let site = sample();
    site.build_ok(&[]);
    for file in [
        "index.html",
        SIGNING,
        PLAN,
        "gioi-thieu/index.html",
        "mat-tran/index.html",
        "mat-tran/rss.xml",
        "giam-ngheo/index.html",
        "tu-khoa/index.html",
        "tu-khoa/giam-ngheo/index.html",
        "tu-khoa/mttq/index.html",
        "luu-tru/index.html",
        "luu-tru/2023/04/index.html",
        "rss.xml",
        "sitemap.xml",
        "robots.txt",
        "404.html",
        "style.css",
        "og-image.png",
        "mat-tran/toan-canh-hoi-nghi.png",
    ] {
        assert!(site.has_out(file), "missing output/{file}");
    }
}

#[test]
fn article_page_has_vietnamese_date_author_figures_and_sharing_meta() {
    let site = sample();
    site.build_ok(&[]);
    let html = site.out(SIGNING);
    assert!(html.contains("Thứ Năm, 06/04/2023"), "date in Vietnamese form");
    assert!(html.contains("Văn phòng MTTQ tỉnh"), "author line");
    assert!(html.contains("<figcaption>Toàn cảnh Hội nghị</figcaption>"), "photo caption");
    assert!(
        html.contains("<figcaption>Lãnh đạo Ủy ban MTTQ tỉnh và Sở Lao động TB&amp;XH tỉnh ký kết CTPH</figcaption>")
    );
    assert!(html.contains(r#"<meta property="og:title" content="Ký kết chương trình phối hợp"#));
    assert!(
        html.contains(r#"<meta property="og:image" content="https://example.org/mat-tran/toan-canh-hoi-nghi.png">"#),
        "{html}"
    );
    assert!(html.contains(r#"<link rel="canonical" href="https://example.org/mat-tran/ky-ket-chuong-trinh-phoi-hop-giam-ngheo-ben-vung/">"#));
    assert!(html.contains(r#"<meta name="twitter:card" content="summary_large_image">"#));
    assert!(html.contains(r#"<html lang="vi">"#));
    // The sidebar (a cached partial, rendered once per depth) with links from this depth.
    assert!(html.contains(r#"<aside class="sidebar">"#) && html.contains("Tin mới nhất"));
    assert!(html.contains(r#"<a href="../../giam-ngheo/ke-hoach-93-truyen-thong-giam-ngheo-da-chieu/">"#), "{html}");
    // Related by shared tags, and the tags themselves.
    assert!(html.contains("Tin liên quan"));
    assert!(html.contains(r#"href="../../tu-khoa/giam-ngheo/""#));
    // No external host, no script of another site: the page reads on an intranet. (The share
    // row's few lines of script are the page's own.)
    assert!(!html.contains("<script src=\"http") && !html.contains("<script src=\"//"));
    for line in html.lines().filter(|l| l.contains("src=") || l.contains("stylesheet")) {
        assert!(!line.contains("http"), "external resource: {line}");
    }
}

#[test]
fn sample_text_is_carried_faithfully() {
    let site = sample();
    site.build_ok(&[]);
    let html = site.out(PLAN);
    assert!(html.contains("UBND thành phố Ninh Bình đã ban hành kế hoạch số 93"));
    assert!(html.contains("Lê Thúy"));
    assert!(html.contains("hội viên phụ nữ xã Ninh Nhất"));
    // Site chrome of the scraped page is not article content.
    assert!(!html.contains("Thống kê truy cập"));
    assert!(!html.contains("Đăng nhập"));
}

#[test]
fn home_page_leads_with_the_pinned_article_and_lists_the_rest() {
    let site = sample();
    site.build_ok(&[]);
    let html = site.out("index.html");
    let lead = html.find("lead__title").expect("a lead story");
    let plan = html.find("Thành phố tăng cường công tác truyền thông").expect("plan 93 on the home page");
    assert!(plan > lead && plan - lead < 400, "the pinned article is the lead");
    assert!(html.contains("Ký kết chương trình phối hợp"));
}

/// Whole pages of the sample, byte for byte: a change that alters what readers get (a
/// restructure meant to change nothing, above all) shows here, page by page.
#[test]
fn whole_pages_of_the_sample() {
    let site = sample();
    site.build_ok(&[]);
    for (name, file) in [
        ("home", "index.html"),
        ("article", SIGNING),
        ("article-with-document", PLAN),
        ("section", "mat-tran/index.html"),
        ("tag", "tu-khoa/giam-ngheo/index.html"),
        ("month", "luu-tru/2023/04/index.html"),
        ("feed", "rss.xml"),
    ] {
        insta::assert_snapshot!(format!("page-{name}"), site.out(file));
    }
}
