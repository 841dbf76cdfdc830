//! Markdown as editors write it: relative links, images next to the article, captions.

use crate::util::{TestSite, article};

#[test]
fn relative_md_links_point_to_the_right_pages() {
    let site = TestSite::with(&[
        ("content/mat-tran/ky-ket.md", &article("Ký kết", "2023-04-06", "", "x")),
        (
            "content/tin/a.md",
            &article(
                "A",
                "2023-04-07",
                "",
                "Xem [ký kết](../mat-tran/ky-ket.md#noi-dung) và [mục](../mat-tran/_index.md).",
            ),
        ),
        ("content/mat-tran/_index.md", "---\ntitle: Mặt trận\n---\n"),
    ]);
    site.build_ok(&[]);
    let html = site.out("tin/a/index.html");
    assert!(html.contains(r#"<a href="../../mat-tran/ky-ket/#noi-dung">ký kết</a>"#), "{html}");
    assert!(html.contains(r#"<a href="../../mat-tran/">mục</a>"#));
}

#[test]
fn images_next_to_the_article_are_published_and_captioned() {
    let site = TestSite::with(&[(
        "content/tin/a.md",
        &article(
            "A",
            "2023-04-06",
            "image: anh bia.png\n",
            "Mở đầu.\n\n![Hội nghị](hoi-nghi.png)\n\n*(Toàn cảnh Hội nghị)*\n\n![x](hoi-nghi.png \"Quang cảnh\")\n",
        ),
    )]);
    site.write("content/tin/hoi-nghi.png", "png");
    site.write("content/tin/anh bia.png", "png");
    site.build_ok(&[]);
    assert!(site.has_out("tin/hoi-nghi.png"));
    let html = site.out("tin/a/index.html");
    assert!(html.contains(r#"<figure><picture><source type="image/webp" srcset="../../tin/hoi-nghi-8w.webp 8w" sizes="(max-width: 800px) 100vw, 760px"><img src="../../tin/hoi-nghi.png" alt="Hội nghị" width="8" height="6" decoding="async"></picture><figcaption>Toàn cảnh Hội nghị</figcaption></figure>"#), "{html}");
    assert!(html.contains("<figcaption>Quang cảnh</figcaption>"));
    assert_eq!(
        html.matches(r#"loading="lazy""#).count(),
        1,
        "the first photo of the text loads at once, the next lazily"
    );
    assert!(html.contains(r#"src="../../tin/anh%20bia.png""#), "lead image");
}

#[test]
fn headings_get_vietnamese_ids_and_a_table_of_contents() {
    let site = TestSite::with(&[(
        "content/tin/a.md",
        &article("A", "2023-04-06", "", "## Mục tiêu\n\nx\n\n## Đối tượng\n\ny\n\n### Mục tiêu\n\nz\n"),
    )]);
    site.build_ok(&[]);
    let html = site.out("tin/a/index.html");
    assert!(html.contains(r#"<h2 id="muc-tieu">Mục tiêu</h2>"#));
    assert!(html.contains(r#"<h2 id="doi-tuong">Đối tượng</h2>"#));
    assert!(html.contains(r#"<h3 id="muc-tieu-2">Mục tiêu</h3>"#));
    assert!(html.contains(r##"<a href="#doi-tuong">Đối tượng</a>"##), "table of contents");
}

#[test]
fn tables_footnotes_strikethrough_and_task_lists() {
    let body = "| A | B |\n|---|---|\n| 1 | 2 |\n\nChú thích[^1].\n\n[^1]: Nguồn.\n\n~~cũ~~\n\n- [x] xong\n";
    let site = TestSite::with(&[("content/tin/a.md", &article("A", "2023-04-06", "", body))]);
    site.build_ok(&[]);
    let html = site.out("tin/a/index.html");
    assert!(html.contains("<table>"));
    assert!(html.contains("footnote-definition"));
    assert!(html.contains("<del>cũ</del>"));
    assert!(html.contains(r#"type="checkbox""#));
}

#[test]
fn summary_comes_from_front_matter_or_more_or_first_paragraph() {
    let site = TestSite::with(&[
        ("content/tin/a.md", &article("A", "2023-04-06", "summary: Tóm tắt riêng.\n", "Đoạn một.")),
        ("content/tin/b.md", &article("B", "2023-04-05", "", "Phần đầu.\n\nCòn nữa.\n\n<!-- more -->\n\nPhần sau.")),
        ("content/tin/c.md", &article("C", "2023-04-04", "", "Đoạn đầu tiên.\n\nĐoạn hai.")),
    ]);
    site.build_ok(&[]);
    let list = site.out("tin/index.html");
    assert!(list.contains("Tóm tắt riêng."));
    assert!(list.contains("Phần đầu. Còn nữa."));
    assert!(!list.contains("Phần sau."));
    assert!(list.contains("Đoạn đầu tiên."));
    assert!(!list.contains("Đoạn hai."));
}

#[test]
fn a_link_to_a_draft_warns_but_builds() {
    let site = TestSite::with(&[
        ("content/tin/nhap.md", &article("Nháp", "2023-04-06", "draft: true\n", "x")),
        ("content/tin/a.md", &article("A", "2023-04-06", "", "Xem [nháp](nhap.md).")),
    ]);
    let out = site.build_ok(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cảnh báo: content/tin/a.md:5:5:"), "{stderr}");
    assert!(site.out("tin/a/index.html").contains(r#"href="../../tin/nhap/""#));
}

#[test]
fn site_paths_must_lead_to_something_the_site_publishes() {
    let body = "Xem [bài](/mat-tran/ky-ket/), [không slash](/mat-tran/ky-ket), [trang chủ](/), [RSS](/rss.xml), \
                [thẻ](/tu-khoa/giam-ngheo/) và [logo](/anh/logo.png#x).\n\n\
                Sai: [không có](/mat-tran/khong-co/) và ![ảnh](/anh/khong-co.png).";
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        ("content/mat-tran/ky-ket.md", &article("Ký kết", "2023-04-06", "tags: [giảm nghèo]\n", "x")),
        ("content/tin/a.md", &article("A", "2023-04-07", "image: /anh/khong-co-2.jpg\n", body)),
        ("static/anh/logo.png", "png"),
    ]);
    let err = site.build_err();
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("content/")).collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(lines[0].starts_with("content/tin/a.md:4:8: image: `/anh/khong-co-2.jpg` là một đường dẫn trên site này"));
    assert!(lines[1].starts_with("content/tin/a.md:8:6: `/mat-tran/khong-co/` là một đường dẫn trên site này, nhưng site không đăng gì ở đó — hãy sửa đường dẫn"), "{err}");
    assert!(lines[2].starts_with("content/tin/a.md:8:41: `/anh/khong-co.png`"), "{err}");
    // `check` says the same, and nothing was written.
    assert!(!site.path("output").exists());
    let check = site.run(&["check"]);
    assert_eq!(String::from_utf8_lossy(&check.stderr).lines().filter(|l| l.starts_with("content/")).count(), 3);
}

#[test]
fn a_site_path_that_repeats_the_base_path_is_explained() {
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/bantin/\n"),
        ("content/tin/b.md", &article("B", "2023-04-06", "", "x")),
        ("content/tin/a.md", &article("A", "2023-04-07", "", "Xem [B](/bantin/tin/b/).")),
    ]);
    let err = site.build_err();
    assert!(err.contains("content/tin/a.md:5:5: `/bantin/tin/b/`"), "{err}");
    assert!(err.contains("bantin tự thêm đường dẫn gốc `/bantin/` của site: hãy viết `/tin/b/`"), "{err}");
}

#[test]
fn raw_html_addresses_follow_the_base_path_and_are_checked() {
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/bantin/\n"),
        ("content/tin/b.md", &article("B", "2023-04-06", "", "x")),
        (
            "content/tin/a.md",
            &article(
                "A",
                "2023-04-07",
                "",
                "<figure><img src=\"/anh/a.png\" alt=\"\" data-src=\"/x\"></figure>\n\nXem <a href='b.md'>B</a> và <a href=\"https://example.com/\">web</a>.",
            ),
        ),
        ("static/anh/a.png", "png"),
    ]);
    site.build_ok(&[]);
    let html = site.out("tin/a/index.html");
    assert!(html.contains(r#"<img src="../../anh/a.png" alt="" data-src="/x">"#), "{html}");
    assert!(html.contains(r#"<a href="../../tin/b/">B</a>"#), "{html}");
    assert!(html.contains(r#"<a href="https://example.com/">web</a>"#), "{html}");
    // A missing file and a script address in raw HTML are problems like in Markdown.
    site.write("content/tin/a.md", &article("A", "2023-04-07", "", "<a href=\"javascript:alert(1)\">x</a>"));
    let err = site.build_err();
    assert!(err.contains("content/tin/a.md:5:10: `javascript:alert(1)`"), "{err}");
    site.write("content/tin/a.md", &article("A", "2023-04-07", "", "<img src=\"/anh/khong-co.png\">"));
    let err = site.build_err();
    assert!(err.contains("content/tin/a.md:5:11: `/anh/khong-co.png`"), "{err}");
}

#[test]
fn links_to_anchors_no_heading_has_are_warnings() {
    let body =
        "## Mục tiêu\n\nXem [mục tiêu](#muc-tieu), [neo](#neo-rieng) và [sai](#ket-qua).\n\n<a id=\"neo-rieng\"></a>";
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        ("content/tin/a.md", &article("A", "2023-04-07", "", body)),
    ]);
    let out = site.build_ok(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.starts_with("cảnh báo:")).collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    assert!(warnings[0].contains("content/tin/a.md:7:"), "{stderr}");
    assert!(
        warnings[0].contains("`#ket-qua`") && warnings[0].contains("hãy dùng một trong các neo của đề mục: #muc-tieu"),
        "{stderr}"
    );
}

#[test]
fn template_code_of_other_generators_is_a_warning_outside_code() {
    let mut body = String::from(
        "Xem {% include figure.html image=\"a.jpg\" %} và {{ page.title }}.\n\n```\n{% raw %}\n```\n\nVà `{{ site.url }}`.\n\n{% include figure.html\n  alt=\"b\" %}\n",
    );
    for i in 0..6 {
        body.push_str(&format!("\n{{{{ site.url }}}}/{i}\n"));
    }
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        ("content/tin/a.md", &article("A", "2023-04-07", "", &body)),
    ]);
    let out = site.build_ok(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.starts_with("cảnh báo:")).collect();
    assert_eq!(warnings.len(), 6, "five shown, then a count: {stderr}");
    assert!(
        warnings[0].starts_with("cảnh báo: content/tin/a.md:5:5: `{% include figure.html image=\"a.jpg\" %}`"),
        "{stderr}"
    );
    assert!(warnings[1].contains(":5:48: `{{ page.title }}`") && warnings[1].contains("Liquid"), "{stderr}");
    assert!(warnings[2].contains(":13:1: `{% include figure.html alt=\"b\" %}`"), "over two lines: {stderr}");
    assert!(warnings[5].contains("và còn 4 đoạn mã mẫu khác trong tệp này"), "{stderr}");
    assert!(!stderr.contains("{% raw %}") && !stderr.contains("`{{ site.url }}`."), "code is left alone: {stderr}");
}

#[test]
fn the_shared_image_must_be_a_photo() {
    let site = TestSite::with(&[
        ("content/tin/trang.html", "<p>x</p>"),
        ("content/tin/a.md", &article("A", "2023-04-07", "image: trang.html\n", "x")),
    ]);
    let err = site.build_err();
    assert!(err.contains("content/tin/a.md:4:8: image: `trang.html` không phải ảnh"), "{err}");
    site.write("content/tin/anh.jpg", "jpg");
    site.write("content/tin/a.md", &article("A", "2023-04-07", "image: anh.jpg\n", "x"));
    site.build_ok(&[]);
}

/// The warnings of a build's stderr (in Vietnamese, the default language).
fn warnings_of(out: &std::process::Output) -> Vec<String> {
    let stderr = String::from_utf8_lossy(&out.stderr);
    stderr.lines().filter(|l| l.starts_with("cảnh báo: content/")).map(str::to_string).collect()
}

#[test]
fn kramdown_attribute_lines_give_blocks_their_ids_and_classes() {
    let body = "### Phần riêng\n{: #my-id .note}\n\nĐoạn có lớp.\n{: .a .b lang=\"vi\" onclick=\"x()\"}\n\n{:.bang}\n| a |\n|---|\n| 1 |\n\n- một\n- hai\n{: #ds}\n\n> trích\n{:#tr}\n\n* TOC\n{:toc}\n\n{::comment}\nghi chú riêng\n{:/comment}\n\n{: ref}\n\nXem [phần](#my-id) và *x*{: .em}.\n";
    let site = TestSite::with(&[("content/tin/a.md", &article("A", "2023-04-07", "", body))]);
    let out = site.build_ok(&[]);
    let html = site.out("tin/a/index.html");
    assert!(html.contains(r#"<h3 id="my-id" class="note">Phần riêng</h3>"#), "{html}");
    assert!(html.contains(r#"<p class="a b" lang="vi">Đoạn có lớp.</p>"#), "{html}");
    assert!(html.contains(r#"<table class="bang">"#), "{html}");
    assert!(html.contains(r#"<ul id="ds">"#), "{html}");
    assert!(html.contains(r#"<blockquote id="tr">"#), "{html}");
    assert_eq!(html.matches("{:").count(), 1, "only the one after a word, which is said: {html}");
    assert!(!html.contains("TOC") && !html.contains("ghi chú riêng"), "{html}");
    assert!(!html.contains("onclick"), "{html}");
    let warnings = warnings_of(&out);
    assert_eq!(warnings.len(), 4, "{warnings:#?}");
    assert!(warnings[0].contains("a.md:9:1: không thể đặt `onclick`"), "{warnings:#?}");
    assert!(warnings[1].contains("a.md:23:1: mục lục của kramdown"), "{warnings:#?}");
    assert!(warnings[2].contains("a.md:30:1: `{: ref}` là một dòng thuộc tính"), "{warnings:#?}");
    assert!(warnings[3].contains("a.md:32:26: `{: .em}` sau một chữ"), "{warnings:#?}");
}

#[test]
fn template_code_in_raw_html_is_a_warning_outside_code() {
    let body = "<div>\n{% for p in site.posts %}<a href=\"/x/\">{{ p.title }}</a>{% endfor %}\n<pre>{{ code }}</pre>\n</div>\n\nVà <span>{{ site.url }}</span>, <code>{{ ma }}</code>.\n";
    let site = TestSite::with(&[
        ("content/tin/a.md", &article("A", "2023-04-07", "", body)),
        ("content/x/_index.md", "---\ntitle: X\n---\n"),
    ]);
    let warnings = warnings_of(&site.build_ok(&[]));
    assert_eq!(warnings.len(), 4, "{warnings:#?}");
    assert!(warnings[0].contains("a.md:6:1: `{% for p in site.posts %}` là mã mẫu"), "{warnings:#?}");
    assert!(warnings[1].contains("a.md:6:40: `{{ p.title }}`"), "{warnings:#?}");
    assert!(warnings[2].contains("a.md:6:57: `{% endfor %}`"), "{warnings:#?}");
    assert!(warnings[3].contains("a.md:10:10: `{{ site.url }}`"), "{warnings:#?}");
}

#[test]
fn a_link_with_a_space_in_its_address_is_a_warning_with_the_fix() {
    let body = "## Phần 1\n\nXem [Phần 1](#phần 1) và [tệp](my file.html).\n";
    let site = TestSite::with(&[("content/tin/a.md", &article("A", "2023-04-07", "", body))]);
    let warnings = warnings_of(&site.build_ok(&[]));
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(
        warnings[0].contains("a.md:7:5: `[Phần 1](#phần 1)` bị đăng thành chữ")
            && warnings[0].contains("hãy viết `[Phần 1](<#phần 1>)`"),
        "{warnings:#?}"
    );
    assert!(warnings[1].contains("a.md:7:26: `[tệp](my file.html)`"), "{warnings:#?}");
}

#[test]
fn formulas_become_mathml_and_money_stays_text() {
    let body = "Diện tích $S = \\pi r^2$, giá $5 và $10, gói 5$/tháng, 10$ một năm.\n\n$$\nx = \\frac{-b \\pm \\sqrt{b^2-4ac}}{2a} {{a}}\n$$\n\nMã `$y$` và công thức hỏng $\\foo{x}$.\n";
    let site = TestSite::with(&[("content/tin/a.md", &article("A", "2023-04-07", "", body))]);
    let out = site.build_ok(&[]);
    let html = site.out("tin/a/index.html");
    assert!(html.contains(r#"<math display="inline"><mi>S</mi><mo>=</mo><mi>π</mi>"#), "{html}");
    assert!(html.contains(r#"<math display="block">"#) && html.contains("<msqrt>"), "{html}");
    assert!(html.contains("giá $5 và $10, gói 5$/tháng, 10$ một năm."), "{html}");
    assert!(html.contains("<code>$y$</code>") && html.contains(r"<code>\foo{x}</code>"), "{html}");
    let warnings = warnings_of(&out);
    assert_eq!(warnings.len(), 1, "no template-code warning for {{{{a}}}}: {warnings:#?}");
    assert!(
        warnings[0].contains(r"a.md:11:28: không đọc được công thức `\foo{x}` (unknown primitive command found)"),
        "{warnings:#?}"
    );
    // Listings and search hold the formula's LaTeX, never its MathML.
    let home = site.out("index.html");
    assert!(home.contains(r"S = \pi r^2") && !home.contains("<math"), "{home}");
    let search = site.out("tim-kiem/index/docs/0.json");
    assert!(search.contains(r"S = \\pi r^2") && !search.contains("<math"), "{search}");
}

#[test]
fn hugo_style_anchors_lead_to_the_heading() {
    let body = "## Đạo hàm riêng\n\nXem [a](#đạo-hàm-riêng), [b](#%C4%91%E1%BA%A1o-h%C3%A0m-ri%C3%AAng), [c](<#Đạo hàm riêng>) và [d](#tich-phan).\n\n## Tích phân xác định\n{: #tp}\n\n[e](#tích-phân-xác-định)\n";
    let site = TestSite::with(&[("content/tin/a.md", &article("A", "2023-04-07", "", body))]);
    let warnings = warnings_of(&site.build_ok(&[]));
    let html = site.out("tin/a/index.html");
    assert_eq!(html.matches(r##"href="#dao-ham-rieng""##).count(), 3, "{html}");
    assert!(html.contains(r##"<a href="#tp">e</a>"##), "a heading given its own id is found by its title: {html}");
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(warnings[0].contains("a.md:7:") && warnings[0].contains("`#tich-phan`"), "{warnings:#?}");
}

/// Issue 26: links that were never checked. A relative address that is not a `.md` file nor a
/// file of the article (`khong-co.html`, `../khong-co/`, `<a href="x.html">`) led nowhere in
/// silence, and so did an anchor in another page (`a.md#khong-co`).
#[test]
fn relative_links_and_anchors_in_other_pages_are_checked() {
    let body = "[a](khong-co.html), [b](../khong-co/), <a href=\"x.html\">c</a>, [d](../gioi-thieu/), \
                [e](b.md#khong-co), [f](b.md#dao-ham-rieng), [g](b.md#đạo-hàm-riêng), ![h](\\anh\\logo.png), \
                ![i](../anh/logo.png) <a href=“https://example.org/”>j</a>";
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        ("content/tin/a.md", &article("A", "2023-04-07", "", body)),
        ("content/tin/b.md", &article("B", "2023-04-06", "", "## Đạo hàm riêng\n\nx")),
        ("content/gioi-thieu/_index.md", "---\ntitle: Giới thiệu\n---\n"),
        ("content/gioi-thieu/x.md", &article("X", "2023-04-05", "", "x")),
    ]);
    site.write_bytes("static/anh/logo.png", &crate::photos::phone_photo(40, 30));
    let err = site.build_err();
    // Line 5 is the body's first line.
    for said in [
        "content/tin/a.md:5:1: `khong-co.html` dẫn tới /tin/khong-co.html trên site này, nhưng site không đăng gì ở đó",
        "nằm giữa hai dấu ngoặc kép cong",
        "content/tin/a.md:5:21: `../khong-co/` dẫn tới /khong-co/",
        "`x.html` dẫn tới /tin/x.html",
    ] {
        assert!(err.contains(said), "{said}:\n{err}");
    }
    assert!(!err.contains("gioi-thieu"), "a section's folder is a page of the site: {err}");
    assert!(!err.contains("logo"), "\\ read as /, and ../anh/ is static/anh/: {err}");
    // Fixed, the anchors in the other page are warnings, the Hugo-style one with the id to write.
    // Not places of the site: an e-mail address, template code of another generator (said by
    // its own warning); and a shared image written with `\`.
    site.write(
        "content/tin/a.md",
        &article(
            "A",
            "2023-04-07",
            "image: \\anh\\logo.png\n",
            "[d](../gioi-thieu/), [e](b.md#khong-co), [f](b.md#dao-ham-rieng), [g](b.md#đạo-hàm-riêng), ![h](\\anh\\logo.png) <ten@example.org>",
        ),
    );
    let out = site.build_ok(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.starts_with("cảnh báo:")).collect();
    assert_eq!(warnings.len(), 2, "{stderr}");
    assert!(
        warnings[0].contains("content/tin/a.md:6:")
            && warnings[0].contains("`#khong-co` liên kết tới một chỗ trong content/tin/b.md"),
        "{stderr}"
    );
    assert!(warnings[0].contains("#dao-ham-rieng"), "names the headings: {stderr}");
    assert!(warnings[1].contains("`#đạo-hàm-riêng`") && warnings[1].contains("hãy viết như vậy"), "{stderr}");
    let page = site.out("tin/a/index.html");
    assert!(page.contains(r#"href="../../gioi-thieu/""#), "{page}");
    assert!(page.contains("anh/logo.png"), "{page}");
}

/// Issue 26 (a Jekyll blog with MathJax): `\\( x^2 \\)` in 42 pages was published as text in
/// silence; an escaped bracket (`\[1\]`) is not a formula.
#[test]
fn a_formula_written_for_mathjax_is_a_warning() {
    let body = "Trích dẫn \\[1\\]. Hàm \\\\( f(x) = x^2 \\\\) và \\\\( g \\\\).";
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        ("content/tin/_index.md", "---\ntitle: Tin\n---\n"),
        ("content/tin/a.md", &article("A", "2023-04-07", "", body)),
        // KaTeX's script also read `$ x^2 $`, with spaces; prices are not formulas.
        ("content/tin/b.md", &article("B", "2023-04-06", "", "Giá $ 5 và $ 10. Diện tích $ S = a^2 $.")),
    ]);
    let out = site.build_ok(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.starts_with("cảnh báo:")).collect();
    assert_eq!(warnings.len(), 2, "once per file: {stderr}");
    assert!(warnings[1].contains("content/tin/b.md:5:") && warnings[1].contains("`$ S = a^2 $`"), "{stderr}");
    assert!(
        warnings[0].contains("content/tin/a.md:5:") && warnings[0].contains("là công thức viết cho MathJax"),
        "{stderr}"
    );
    assert!(warnings[0].contains("f(x) = x^2") && warnings[0].contains("hai dấu `$`"), "{stderr}");
}

/// Issue 26: links written for Hugo and kramdown name headings their own way: Hugo numbers a
/// repeated heading from 1, kramdown drops letters outside ASCII; a page that links to a file
/// with a problem of its own is told so.
#[test]
fn anchors_of_other_generators_and_links_to_a_file_with_a_problem() {
    let body = "## Mục tiêu\n\nx\n\n## Mục tiêu\n\n## Chữ số viết tay\n\n[a](#mục-tiêu-1) [b](#ch-s-vit-tay)";
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        ("content/tin/_index.md", "---\ntitle: Tin\n---\n"),
        ("content/tin/a.md", &article("A", "2023-04-07", "", body)),
    ]);
    let out = site.build_ok(&[]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("cảnh báo"), "{}", String::from_utf8_lossy(&out.stderr));
    let page = site.out("tin/a/index.html");
    assert!(page.contains(r##"href="#muc-tieu-2""##) && page.contains(r##"href="#chu-so-viet-tay""##), "{page}");
    // A link to the page of a file that does not parse: that file's problem first.
    site.write("content/tin/b.md", "---\ntitle: B: hai chấm\ndate: 2023-04-06\n---\nx\n");
    site.write("content/tin/c.md", &article("C", "2023-04-05", "", "[b](/tin/b/)"));
    let err = site.build_err();
    assert!(err.contains("có thể đây là trang của content/tin/b.md"), "{err}");
}
