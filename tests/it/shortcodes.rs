//! Shortcodes editors write (`{{< youtube … >}}`, `{{< pdf … >}}`, `{{< album >}}`…): what each
//! built-in publishes, nesting, escaping, the mistakes and their messages, and rebuilds.

use std::path::PathBuf;

use bantin::build::{Changes, Options, Session};
use bantin::output::Folder;

use crate::util::{TestSite, article};

fn site_with(body: &str) -> TestSite {
    TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        ("content/tin/a.md", &article("A", "2023-04-06", "", body)),
    ])
}

#[test]
fn a_youtube_address_pasted_without_quotes_is_the_video() {
    // Its `=` was read as `name=value`: a parameter named `https://www.youtube.com/watch?v`.
    let site = site_with(concat!(
        "{{< youtube https://www.youtube.com/watch?v=dQw4w9WgXcQ >}}\n\n",
        "{{< youtube https://youtu.be/M7lc1UVf-VE?t=30 title=\"Hội nghị\" >}}\n\n",
        "{{< youtube https://www.youtube.com/watch?v=9bZkp7q19f0&t=30s >}}\n",
    ));
    site.build_ok(&[]);
    let html = site.out("tin/a/index.html");
    for id in ["dQw4w9WgXcQ", "M7lc1UVf-VE", "9bZkp7q19f0"] {
        let embed = format!(r#"data-embed="https://www.youtube-nocookie.com/embed/{id}?autoplay=1"#);
        assert!(html.contains(&embed), "{id}: {html}");
    }
    assert!(html.contains("<figcaption>Hội nghị</figcaption>"), "{html}");
}

#[test]
fn a_youtube_video_is_a_still_until_the_reader_asks_for_the_player() {
    let site = site_with(
        "Mở đầu.\n\n{{< youtube dQw4w9WgXcQ >}}\n\n{{< youtube id=\"https://youtu.be/dQw4w9WgXcQ?t=3\" title=\"Hội nghị ký kết\" start=30 >}}\n",
    );
    site.build_ok(&[]);
    let html = site.out("tin/a/index.html");
    assert!(html.contains(r#"href="https://www.youtube.com/watch?v=dQw4w9WgXcQ""#), "{html}");
    assert!(
        html.contains(r#"data-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&amp;start=30""#),
        "{html}"
    );
    assert!(html.contains("<figcaption>Hội nghị ký kết</figcaption>"), "{html}");
    assert!(html.contains("embeds.js"), "the page loads the script that swaps the still for the player");
    // Nothing of another site is loaded before the click: no frame, no image, no script.
    assert!(!html.contains("<iframe"), "{html}");
    for attr in [r#"src="https://"#, r#"src="//"#, r#"srcset="https://"#] {
        assert!(!html.contains(attr), "{attr} in {html}");
    }
    // Not inside a paragraph: the block stands alone.
    assert!(!html.contains("<p><figure"), "{html}");
    assert!(site.has_out("embeds.js"));
}

#[test]
fn a_document_card_shows_the_file_its_size_and_its_number() {
    let site = site_with(
        "{{< pdf src=\"ke-hoach-93.pdf\" title=\"Kế hoạch số 93/KH-UBND\" number=\"93/KH-UBND\" date=\"12/3/2025\" >}}\n\n{{< tai-lieu phu-luc.docx >}}\n",
    );
    site.write_bytes("content/tin/ke-hoach-93.pdf", &vec![b'%'; 1_300_000]);
    site.write_bytes("content/tin/phu-luc.docx", &[0; 2048]);
    site.build_ok(&[]);
    let html = site.out("tin/a/index.html");
    assert!(html.contains(r#"<figure class="doc" data-doc="../../tin/ke-hoach-93.pdf">"#), "{html}");
    assert!(html.contains(">Kế hoạch số 93/KH-UBND</a>"), "{html}");
    assert!(html.contains("Số: 93/KH-UBND") && html.contains("Ngày ban hành: 12/3/2025"), "{html}");
    assert!(html.contains("PDF, 1,2 MB"), "{html}");
    assert!(html.contains(r#"href="../../tin/ke-hoach-93.pdf" download>Tải về"#), "{html}");
    // Another kind of file: a card without the viewer, named by its file.
    assert!(html.contains(">phu-luc.docx</a>") && html.contains("DOCX, 2 KB"), "{html}");
    assert!(site.has_out("tin/ke-hoach-93.pdf"));
}

#[test]
fn an_album_shows_the_photos_listed_or_those_of_a_folder_through_the_photo_pipeline() {
    let site = site_with(
        "{{< album title=\"Hội nghị\" >}}\n![Toàn cảnh hội nghị](anh/1.jpg)\n![Ký kết](anh/2.jpg)\n{{< /album >}}\n\n{{< gallery dir=\"anh/\" >}}\n",
    );
    for i in 1..=3 {
        site.write_bytes(&format!("content/tin/anh/{i}.jpg"), &crate::photos::phone_photo(1000, 750));
    }
    site.build_ok(&[]);
    let html = site.out("tin/a/index.html");
    assert!(html.contains("Hội nghị <span class=\"album__count\">(2 ảnh)</span>"), "{html}");
    assert!(html.contains(r#"<p class="album__caption" aria-hidden="true">Toàn cảnh hội nghị</p>"#), "{html}");
    assert!(html.contains(r#"srcset="../../tin/anh/1-480w.webp 480w, ../../tin/anh/1-750w.webp 750w""#), "{html}");
    assert!(html.contains(r#"width="750" height="1000" loading="lazy""#), "{html}");
    // The folder's three photos, in the order of their names.
    let folder = &html[html.rfind("<figure class=\"album\">").unwrap()..];
    let order: Vec<usize> = (1..=3).map(|i| folder.find(&format!("anh/{i}.jpg")).unwrap()).collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{folder}");
}

#[test]
fn boxes_quotes_and_github_alerts_render_their_markdown() {
    let site = site_with(concat!(
        "{{< note title=\"Chú ý\" >}}\nHạn nộp là **30/6**.\n{{< /note >}}\n\n",
        "{{< luu-y type=\"canh-bao\" >}}Không dùng [mẫu cũ](https://example.org/).{{< /luu-y >}}\n\n",
        "{{< quote source=\"Ông Nguyễn Văn A\" role=\"Chủ tịch UBND tỉnh\" >}}\nGiảm nghèo là việc của cả hệ thống.\n{{< /quote >}}\n\n",
        "> [!TIP]\n> Xem thêm *kế hoạch*.\n\n",
        "{{< notice update >}}Hugo's notice{{< /notice >}}\n\n{{< alert color=\"danger\" >}}Hugo's alert{{< / alert >}}\n",
    ));
    site.build_ok(&[]);
    let html = site.out("tin/a/index.html");
    assert!(html.contains(r#"<div class="callout callout--note" role="note" aria-label="Chú ý">"#), "{html}");
    assert!(html.contains("Hạn nộp là <strong>30/6</strong>."), "{html}");
    assert!(html.contains(r#"callout--warning"#) && html.contains(">Cảnh báo</p>"), "{html}");
    assert!(html.contains(r#"<a href="https://example.org/">mẫu cũ</a>"#), "{html}");
    assert!(
        html.contains("<cite>Ông Nguyễn Văn A</cite><span class=\"pullquote__role\">, Chủ tịch UBND tỉnh</span>"),
        "{html}"
    );
    assert!(html.contains(r#"callout--tip"#) && html.contains("Xem thêm <em>kế hoạch</em>."), "{html}");
    // Hugo themes' boxes, with their own kinds.
    assert!(html.contains(r#"<div class="callout callout--important" role="note" aria-label="Quan trọng">"#), "{html}");
    assert!(html.contains(r#"<div class="callout callout--caution" role="note" aria-label="Thận trọng">"#), "{html}");
    // Their words are searchable.
    site.build_ok(&[]);
    let index = std::fs::read_dir(site.path("output")).unwrap().count();
    assert!(index > 0);
}

#[test]
fn shortcodes_nest_and_can_be_written_as_text() {
    let site = site_with(concat!(
        "{{< note >}}\nTrước hội nghị:\n\n{{< youtube dQw4w9WgXcQ >}}\n\n{{< quote source=\"A\" >}}Trích{{< /quote >}}\n{{< /note >}}\n\n",
        "Viết `{{< youtube dQw4w9WgXcQ >}}` hoặc {{</* youtube dQw4w9WgXcQ */>}} để chèn video.\n\n",
        "```\n{{</* note */>}}\nNội dung\n{{</* /note */>}}\n```\n",
    ));
    site.build_ok(&[]);
    let html = site.out("tin/a/index.html");
    let note = &html[html.find("callout--note").unwrap()..html.find("<p>Viết").unwrap()];
    assert!(note.contains("embed--video") && note.contains("pullquote"), "{note}");
    assert!(html.contains("<code>{{&lt; youtube dQw4w9WgXcQ &gt;}}</code>"), "{html}");
    assert!(html.contains("hoặc {{&lt; youtube dQw4w9WgXcQ &gt;}} để chèn"), "{html}");
    assert!(html.contains("<pre><code>{{&lt; note &gt;}}\nNội dung\n{{&lt; /note &gt;}}\n</code></pre>"), "{html}");
}

#[test]
fn mistakes_are_said_at_their_place_in_the_editors_language() {
    let site = site_with(concat!(
        "{{< youtub dQw4w9WgXcQ >}}\n\n",
        "{{< pdf title=\"Kế hoạch\" >}}\n\n",
        "{{< pdf src=\"khong-co.pdf\" >}}\n\n",
        "{{< youtube dQw4w9WgXcQ autoplay=1 mau=\"do\" >}}\n\n",
        "{{< note >}}\nChưa đóng\n\n",
        "{{< youtube id=\"khong-phai-video\" >}}\n",
    ));
    let err = site.build_err();
    let line = |n: usize| format!("content/tin/a.md:{n}:");
    assert!(err.contains(&format!("{}1: không có shortcode `youtub`", line(5))), "{err}");
    assert!(
        err.contains("có phải bạn muốn viết `youtube`? Các shortcode hiện có: admonition, album, alert, callout,"),
        "{err}"
    );
    assert!(err.contains(&format!("{}1: `pdf` cần tham số `src`", line(7))), "{err}");
    assert!(err.contains(&format!("{}9: ", line(9))) && err.contains("khong-co.pdf"), "{err}");
    assert!(err.contains(&format!("{}36: `youtube` không có tham số `mau`", line(11))), "{err}");
    assert!(
        err.contains(&format!("{}1: `{{{{< note >}}}}` được mở ở đây nhưng không bao giờ được đóng", line(13))),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}1: mẫu của shortcode bị lỗi", line(16)))
            && err.contains("không phải mã video YouTube"),
        "{err}"
    );
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\nlanguage: en\n"),
        ("content/a.md", &article("A", "2023-04-06", "", "{{< vimeo 123 >}}\n\n{{< ban-do-hanh-chinh >}}")),
    ]);
    let err = site.build_err();
    assert!(
        err.contains(
            "content/a.md:5:1: there is no shortcode `vimeo` — `vimeo` is Hugo's, which bantin does not embed"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "content/a.md:7:1: there is no shortcode `ban-do-hanh-chinh` — the shortcodes are: admonition, album,"
        ),
        "{err}"
    );
    assert!(err.contains("a site adds its own as shortcodes/<name>.html"), "{err}");
}

#[test]
fn a_site_adds_and_overrides_shortcodes_of_its_own() {
    let site = site_with("{{< so-lieu 1250 \"hộ thoát nghèo\" >}}\n\n{{< note >}}x{{< /note >}}\n");
    site.write("shortcodes/so-lieu.html", "<p class=\"so-lieu\"><b>{{ pos[0] }}</b> {{ pos[1] }}</p>");
    site.write(
        "shortcodes/note.html",
        "{#-\nbody: required\noptional: [type]\n-#}\n<div class=\"hop\">{{ body | safe }}</div>",
    );
    site.build_ok(&[]);
    let html = site.out("tin/a/index.html");
    assert!(html.contains("<p class=\"so-lieu\"><b>1250</b> hộ thoát nghèo</p>"), "{html}");
    assert!(html.contains("<div class=\"hop\"><p>x</p>\n</div>"), "{html}");
    // A declaration that cannot be read is the template's problem.
    site.write("shortcodes/note.html", "{#-\nbody: always\n-#}\nx");
    let err = site.build_err();
    assert!(err.contains("shortcodes/note.html:1:1: không đọc được phần khai báo"), "{err}");
}

#[test]
fn editing_a_shortcode_renders_again_only_the_pages_that_use_it() {
    let site = TestSite::with(&[
        ("site.yaml", "title: Bản tin\n"),
        ("shortcodes/hop.html", "<div class=\"hop\">{{ body | safe }}</div>"),
        ("content/tin/a.md", &article("A", "2023-04-01", "", "{{< hop >}}Một{{< /hop >}}")),
        ("content/tin/b.md", &article("B", "2023-04-02", "", "Không có hộp.")),
    ]);
    let preview = tempfile::tempdir().unwrap();
    let folder = Folder::new(preview.path()).unwrap();
    let mut options = Options::new(site.root());
    options.base_url = Some("http://preview/".into());
    let mut session = Session::new(options);
    session.rebuild(&Changes::Everything, &folder).unwrap();
    folder.commit().unwrap();
    site.write("shortcodes/hop.html", "<div class=\"hop moi\">{{ body | safe }}</div>");
    let changed: Vec<PathBuf> = vec![site.path("shortcodes/hop.html")];
    let report = session.rebuild(&Changes::paths(changed), &folder).unwrap();
    folder.commit().unwrap();
    assert_eq!(report.rendered, 1, "only the article that uses the shortcode");
    let a = std::fs::read_to_string(preview.path().join("tin/a/index.html")).unwrap();
    assert!(a.contains("<div class=\"hop moi\">"), "{a}");
    // A new shortcode makes a page that called it by that name build.
    site.write("content/tin/b.md", &article("B", "2023-04-02", "", "{{< moi >}}"));
    let changed: Vec<PathBuf> = vec![site.path("content/tin/b.md")];
    assert!(session.rebuild(&Changes::paths(changed), &folder).is_err());
    site.write("shortcodes/moi.html", "<p>mới</p>");
    let changed: Vec<PathBuf> = vec![site.path("shortcodes/moi.html")];
    session.rebuild(&Changes::paths(changed), &folder).unwrap();
    folder.commit().unwrap();
    let b = std::fs::read_to_string(preview.path().join("tin/b/index.html")).unwrap();
    assert!(b.contains("<p>mới</p>"), "{b}");
}

#[test]
fn hugo_figures_are_photos_with_captions() {
    let site = site_with("{{< figure src=\"anh.jpg\" alt=\"Toàn cảnh\" caption=\"Toàn cảnh hội nghị\" >}}\n");
    site.write_bytes("content/tin/anh.jpg", &crate::photos::phone_photo(1000, 750));
    site.build_ok(&[]);
    let html = site.out("tin/a/index.html");
    assert!(html.contains(r#"<img src="../../tin/anh.jpg" alt="Toàn cảnh" width="750" height="1000""#), "{html}");
    assert!(html.contains("<figcaption>Toàn cảnh hội nghị</figcaption>"), "{html}");
}

#[test]
fn a_video_of_the_site_is_downloaded_only_when_played() {
    let site = site_with("{{< video src=\"phat-bieu.mp4\" poster=\"phat-bieu.jpg\" title=\"Phát biểu bế mạc\" >}}\n");
    site.write_bytes("content/tin/phat-bieu.mp4", &[0; 3000]);
    site.write_bytes("content/tin/phat-bieu.jpg", &crate::photos::phone_photo(1600, 900));
    site.build_ok(&[]);
    let html = site.out("tin/a/index.html");
    assert!(
        html.contains(r#"<video controls preload="none" playsinline poster="../../tin/phat-bieu-900w.webp">"#),
        "{html}"
    );
    assert!(html.contains(r#"<source src="../../tin/phat-bieu.mp4" type="video/mp4">"#), "{html}");
    assert!(
        html.contains("<figcaption>Phát biểu bế mạc <span class=\"embed__size\">(3 KB)</span></figcaption>"),
        "{html}"
    );
}

#[test]
fn hugo_refs_in_links_lead_to_the_article_and_unknown_pairs_are_one_problem() {
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        ("content/tin/b.md", &article("B", "2023-04-05", "", "Bài B.")),
        (
            "content/tin/a.md",
            &article(
                "A",
                "2023-04-06",
                "",
                "Xem [bài B]({{< ref \"b.md\" >}}) và [bài B nữa]({{< relref \"/tin/b.md\" >}}).\n\n[c]: {{< ref \"b.md\" >}}\n\nTheo [c].\n",
            ),
        ),
    ]);
    site.build_ok(&[]);
    let html = site.out("tin/a/index.html");
    assert!(html.contains(r#"<a href="../../tin/b/">bài B</a>"#), "{html}");
    assert!(html.contains(r#"<a href="../../tin/b/">bài B nữa</a>"#), "{html}");
    assert!(html.contains(r#"<a href="../../tin/b/">c</a>"#), "{html}");
    site.write(
        "content/tin/a.md",
        &article(
            "A",
            "2023-04-06",
            "",
            "[x]({{< ref \"khong-co.md\" >}})\n\n{{< highlight go >}}\nx := 1\n{{< /highlight >}}\n",
        ),
    );
    let err = site.build_err();
    assert!(err.contains("content/tin/a.md:5:1:") && err.contains("khong-co.md"), "{err}");
    assert!(
        err.contains("content/tin/a.md:7:1: không có shortcode `highlight` — `highlight` là shortcode của Hugo"),
        "{err}"
    );
    assert!(!err.contains("/highlight"), "the closing tag is not a second problem: {err}");
}

#[test]
fn a_video_time_is_whole_seconds_or_a_problem_at_the_argument() {
    let site = site_with("{{< youtube dQw4w9WgXcQ start=\"1:30\" end=2m >}}\n");
    site.build_ok(&[]);
    let html = site.out("tin/a/index.html");
    assert!(html.contains("?autoplay=1&amp;start=90&amp;end=120\""), "{html}");
    // Whatever else would go into the player's address is refused where it is written.
    site.write(
        "content/tin/a.md",
        &article("A", "2023-04-06", "", "{{< youtube dQw4w9WgXcQ start=\"30&autoplay=1\" >}}"),
    );
    let err = site.build_err();
    assert!(err.contains("content/tin/a.md:5:"), "{err}");
    assert!(err.contains("`start=\"30&autoplay=1\"` không phải một thời điểm trong video"), "{err}");
}

#[test]
fn an_album_folder_above_content_says_so() {
    let site = site_with("{{< album dir=\"../../x/\" >}}\n");
    site.write("x/1.jpg", "jpg");
    let err = site.build_err();
    assert!(err.contains("content/tin/a.md:5:") && err.contains("`../../x/`") && err.contains("content/"), "{err}");
    assert!(!err.contains("không có ảnh nào"), "{err}");
}

#[test]
fn a_template_that_lets_an_argument_through_unescaped_cannot_carry_a_script() {
    let site = site_with(
        "{{< the x=\"<img src=/a.png onerror=alert(1)>\" >}}\n\n{{< the x=\"<a href='java&#9;script:alert(1)'>y</a>\" >}}\n",
    );
    site.write("shortcodes/the.html", "<span class=\"the\">{{ args.x | safe }}</span>");
    let err = site.build_err();
    assert!(err.contains("content/tin/a.md:5:1: `onerror=` chạy mã"), "{err}");
    assert!(err.contains("content/tin/a.md:7:1: `javascript:alert(1)` là địa chỉ javascript:"), "{err}");
}
