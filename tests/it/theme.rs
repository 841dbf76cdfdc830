//! Themes: a site folder theme replaces the built-in one; a child theme extends a parent
//! and overrides one block.

use crate::util::{TestSite, article};

fn site() -> TestSite {
    TestSite::with(&[("content/tin/a.md", &article("Bài A", "2023-04-06", "", "Nội dung."))])
}

#[test]
fn a_child_theme_overrides_one_block_of_the_parent_template() {
    let site = site();
    site.write("site.yaml", "theme: tinh\n");
    site.write("themes/tinh/theme.yaml", "extends: bulletin\n");
    site.write(
        "themes/tinh/templates/article.html",
        "{% extends \"bulletin/article.html\" %}{% block main %}<p class=\"child\">Tỉnh: {{ page.title }}</p>{{ super() }}{% endblock main %}",
    );
    site.write("themes/tinh/static/extra.css", "body{}");
    site.build_ok(&[]);
    let html = site.out("tin/a/index.html");
    assert!(html.contains(r#"<p class="child">Tỉnh: Bài A</p>"#), "{html}");
    assert!(html.contains("Nội dung."), "the parent's block through super()");
    assert!(html.contains("site-header") || html.contains("masthead"), "the parent's base");
    assert!(site.has_out("extra.css") && site.has_out("style.css"));
}

#[test]
fn a_child_template_replaces_the_parents_of_the_same_name() {
    let site = site();
    site.write("site.yaml", "theme: tinh\n");
    site.write("themes/tinh/theme.yaml", "extends: bulletin\n");
    site.write("themes/tinh/templates/partials/card.html", "<div class=\"my-card\">{{ p.title }}</div>");
    site.build_ok(&[]);
    assert!(site.out("tin/index.html").contains(r#"<div class="my-card">Bài A</div>"#));
}

#[test]
fn a_theme_folder_in_the_site_takes_precedence_over_the_built_in_one() {
    let site = site();
    let repo_theme = crate::util::repo().join("themes/bulletin");
    crate::util::copy_dir(&repo_theme, &site.path("themes/bulletin"));
    site.write(
        "themes/bulletin/templates/404.html",
        "{% extends \"base.html\" %}{% block main %}Lạc đường{% endblock main %}",
    );
    site.build_ok(&[]);
    assert!(site.out("404.html").contains("Lạc đường"));
}

#[test]
fn an_unknown_theme_is_a_problem_in_site_yaml() {
    let site = site();
    site.write("site.yaml", "theme: khong-co\n");
    let err = site.build_err();
    assert!(err.contains("site.yaml:1:1: không có giao diện `khong-co`"), "{err}");
}

#[test]
fn the_footer_says_who_publishes_the_bulletin() {
    let site = crate::util::TestSite::with(&[
        (
            "site.yaml",
            "base_url: https://example.org/\npublisher:\n  name: Ủy ban MTTQ tỉnh\n  licence: Giấy phép số 12/GP-TTĐT\n  responsible: Ông Nguyễn Văn A\n  address: Số 1 Lê Hồng Phong\n  phone: 0229 3871 234\n  email: mttq@example.org\n",
        ),
        ("content/tin/a.md", &crate::util::article("A", "2023-04-06", "", "x")),
    ]);
    site.build_ok(&[]);
    let html = site.out("tin/a/index.html");
    assert!(html.contains("<dt>Cơ quan chủ quản</dt> <dd>Ủy ban MTTQ tỉnh</dd>"), "{html}");
    assert!(html.contains("<dd>Giấy phép số 12/GP-TTĐT</dd>") && html.contains("<dd>Ông Nguyễn Văn A</dd>"), "{html}");
    assert!(html.contains(r#"<a href="tel:02293871234">0229 3871 234</a>"#), "{html}");
    assert!(html.contains(r#"<a href="mailto:mttq@example.org">"#) && html.contains("© Ủy ban MTTQ tỉnh."), "{html}");
    // A page without a description of its own is described by its title and the site's.
    assert!(site.out("tin/index.html").contains(r#"<meta name="description" content="Tin – Bản tin">"#));
    // Search and "not found" pages are not for search engines.
    assert!(site.out("404.html").contains(r#"<meta name="robots" content="noindex">"#));
    assert!(!site.out("tin/a/index.html").contains("noindex"));
    site.write("site.yaml", "publisher:\n  licence_no: 12\n");
    let err = site.build_err();
    assert!(err.contains("site.yaml:2:3") && err.contains("licence"), "{err}");
}

#[test]
fn a_range_of_years_in_a_title_or_the_text_never_breaks_at_a_line_end() {
    let site = TestSite::with(&[(
        "content/tin/a.md",
        &article("Giảm nghèo giai đoạn 2021 - 2025", "2023-04-06", "", "Nội dung 2021 - 2025."),
    )]);
    site.build_ok(&[]);
    let html = site.out("tin/a/index.html");
    let kept = "Giảm nghèo giai đoạn 2021\u{a0}–\u{a0}2025";
    assert!(html.contains(&format!(r#"<h1 class="story__title">{kept}</h1>"#)), "{html}");
    assert!(html.contains("<p>Nội dung 2021\u{a0}–\u{a0}2025.</p>"), "{html}");
    assert!(site.out("index.html").contains(kept));
}

#[test]
fn the_home_page_shows_each_story_once_and_page_two_links_back() {
    let mut files: Vec<(String, String)> = vec![
        ("site.yaml".into(), "paginate_by: 10\n".into()),
        ("content/tin/_index.md".into(), "---\ntitle: Tin\npaginate_by: 4\n---\n".into()),
    ];
    for (dir, day) in [("tin", 1), ("mat-tran", 2), ("giam-ngheo", 3)] {
        for i in 1..=9 {
            let date = format!("2023-04-{:02}T{:02}:00:00+07:00", day, 8 + i);
            files.push((format!("content/{dir}/bai-{i}.md"), article(&format!("{dir} {i}"), &date, "", "x")));
        }
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let site = TestSite::with(&refs);
    site.build_ok(&[]);
    let home = site.out("index.html");
    let main = &home[home.find("<main").unwrap()..home.find("</main>").unwrap()];
    let main = &main[..main.find("<aside").unwrap_or(main.len())];
    // Every article linked from the lead, the newest and the sections' blocks, once each.
    let mut seen = std::collections::BTreeMap::new();
    for link in main.split("href=\"").skip(1) {
        let target = link.split('"').next().unwrap();
        if target.matches('/').count() == 2 && target.contains("/bai-") {
            *seen.entry(target.to_string()).or_insert(0) += 1;
        }
    }
    // A story is linked from its photo and its title: twice in a card, once as a headline.
    assert!(seen.values().all(|&n| n <= 2), "{seen:?}");
    assert!(seen.len() > 13, "blocks show older stories too: {seen:?}");
    // Its sidebar does not list the newest again.
    let aside = &home[home.find("<aside").unwrap()..];
    assert!(!aside.contains("/bai-"), "{aside}");
    // Page 2 of the home page links back to page 1 (whose address is the site's root).
    let second = site.out("page/2/index.html");
    assert!(second.contains(r#"<a class="pager__step" href="../../" rel="prev">"#), "{second}");
    assert!(second.contains("<title>Bản tin – Trang 2</title>"), "{second}");
    // A section's first page opens with its newest story as a lead, its other pages do not.
    let section = site.out("tin/index.html");
    assert!(section.contains(r#"<div class="lead lead--list">"#), "{section}");
    assert!(section.contains(r#"<h2 class="lead__title"><a href="../tin/bai-9/">tin 9</a></h2>"#), "{section}");
    assert!(!site.out("tin/page/2/index.html").contains("lead--list"));
}

#[test]
fn a_copy_of_an_older_bulletin_without_the_new_sitemap_templates_still_builds() {
    let site = site();
    crate::util::copy_dir(&crate::util::repo().join("themes/bulletin"), &site.path("themes/cu"));
    site.remove("themes/cu/templates/sitemap_index.xml");
    site.remove("themes/cu/templates/sitemap_news.xml");
    site.write("site.yaml", "theme: cu\n");
    site.build_ok(&[]);
    assert!(site.out("sitemap.xml").contains("<sitemapindex"), "the built-in's index");
    assert!(site.out("sitemap-1.xml").contains("tin/a/"));
}
