//! Text as editors' tools save it: NFD, CRLF, BOM all come out as the same NFC site.

use unicode_normalization::UnicodeNormalization;

use crate::util::{TestSite, article};

const TITLE: &str = "Đồng thuận giảm nghèo ở Ninh Bình";

fn site_with_bytes(bytes: &[u8], name: &str) -> TestSite {
    let site = TestSite::empty();
    site.write("content/tin/_index.md", "---\ntitle: Tin\n---\n");
    site.write_bytes(&format!("content/tin/{name}"), bytes);
    site
}

fn clean() -> String {
    article(TITLE, "2023-04-06", "tags: [Giảm nghèo]\n", "## Mục tiêu\n\nHộ nghèo được hỗ trợ.\n")
}

#[test]
fn nfd_crlf_and_bom_give_the_same_site_as_clean_text() {
    let reference = site_with_bytes(clean().as_bytes(), "dong-thuan.md");
    reference.build_ok(&[]);
    let nfd_crlf: String = clean().nfd().collect::<String>().replace('\n', "\r\n");
    let bytes = [b"\xEF\xBB\xBF".as_slice(), nfd_crlf.as_bytes()].concat();
    let messy_name: String = "dong-thuan.md".to_string();
    let messy = site_with_bytes(&bytes, &messy_name);
    messy.build_ok(&[]);
    assert_eq!(reference.output_tree(), messy.output_tree());
    let html = messy.out("tin/dong-thuan/index.html");
    assert!(html.contains(TITLE), "NFC title");
    assert!(html.contains(r#"id="muc-tieu""#));
    assert!(!html.contains('\r'));
}

#[test]
fn nfd_file_names_make_the_same_urls() {
    let name: String = "Đồng thuận.md".nfd().collect();
    let site = site_with_bytes(clean().as_bytes(), &name);
    site.build_ok(&[]);
    assert!(site.has_out("tin/dong-thuan/index.html"));
}

#[test]
fn other_encodings_are_refused_with_the_place_of_the_first_bad_byte() {
    let mut bytes = b"---\ntitle: \"Gi".to_vec();
    bytes.push(0xE0); // "à" in Windows-1258
    bytes.extend_from_slice(b"m\"\ndate: 2023-04-06\n---\n");
    let site = site_with_bytes(&bytes, "cu.md");
    let err = site.build_err();
    assert!(err.contains("content/tin/cu.md:2:11: tệp không được lưu đúng bảng mã UTF-8"), "{err}");
    assert!(err.contains("hãy lưu lại tệp bằng bảng mã UTF-8"), "{err}");
}

#[test]
fn vietnamese_date_forms_all_work() {
    let site = TestSite::empty();
    for (i, date) in
        ["06/04/2023", "2023-04-06", "2023-04-06T08:30:00+07:00", "2023-04-06 08:30", "6/4/2023"].iter().enumerate()
    {
        site.write(&format!("content/tin/b{i}.md"), &article(&format!("B{i}"), date, "", "x"));
    }
    site.build_ok(&[]);
    for i in 0..5 {
        assert!(site.out(&format!("tin/b{i}/index.html")).contains("Thứ Năm, 06/04/2023"), "b{i}");
    }
    assert!(site.out("tin/b2/index.html").contains("08:30"));
}

#[test]
fn what_jekyll_and_hugo_sites_write_builds() {
    let site = TestSite::with(&[
        // Jekyll's date, with the offset after a space.
        ("content/tin/a.md", &article("A", "2016-06-28 13:27:00 +0700", "tags: [2023, COVID-19]\n", "x")),
        // Jekyll's default extension.
        (
            "content/tin/b.markdown",
            &article("B", "2023-04-05", "tags: MTTQ, tổng kết, giảm nghèo\n", "Bài *Markdown*."),
        ),
        // Jekyll's way of saying draft.
        ("content/tin/c.md", &article("C", "2023-04-04", "published: false\n", "x")),
    ]);
    let out = site.build_ok(&[]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Đã dựng 2 bài viết"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let a = site.out("tin/a/index.html");
    assert!(a.contains("Thứ Ba, 28/06/2016 · 13:27"), "the date and time as written: {a}");
    assert!(site.has_out("tu-khoa/2023/index.html") && site.has_out("tu-khoa/covid-19/index.html"), "numbers are tags");
    let b = site.out("tin/b/index.html");
    assert!(b.contains("<em>Markdown</em>"), "a .markdown file is an article");
    assert!(!site.has_out("tin/b.markdown"), "and is not published raw");
    for tag in ["mttq", "tong-ket", "giam-ngheo"] {
        assert!(site.has_out(&format!("tu-khoa/{tag}/index.html")), "comma-separated tags are split: {tag}");
    }
    assert!(!site.has_out("tin/c/index.html"), "published: false is a draft");
}

#[test]
fn a_term_is_shown_as_most_articles_write_it() {
    let site = TestSite::with(&[
        ("content/tin/a.md", &article("A", "2023-04-06", "tags: [hoà bình]\n", "x")),
        ("content/tin/b.md", &article("B", "2023-04-05", "tags: [Hòa Bình]\n", "x")),
        ("content/tin/c.md", &article("C", "2023-04-04", "tags: [Hòa Bình]\n", "x")),
    ]);
    site.build_ok(&[]);
    let page = site.out("tu-khoa/hoa-binh/index.html");
    assert!(page.contains("<h1 class=\"page-head__title\">Hòa Bình</h1>"), "two articles write it so: {page}");
    assert!(page.contains("3 bài viết"));
}

#[test]
fn a_list_that_is_not_names_is_reported_at_its_line() {
    let site = TestSite::with(&[("content/tin/a.md", &article("A", "2023-04-06", "tags: { a: 1 }\n", "x"))]);
    let err = site.build_err();
    assert!(err.starts_with("content/tin/a.md:4:7: tags: cần một tên hoặc một danh sách tên"), "{err}");
}

#[test]
fn hugo_and_jekyll_fields_are_read_as_their_users_mean_them() {
    let post = |front: &str| format!("---\ntitle: \"Bài\"\n{front}---\nThân bài.\n");
    let site = TestSite::with(&[
        // Jekyll: the date in the file name, and not in the address.
        ("content/tin/2023-04-06-ky-ket.md", &post("excerpt: Tóm tắt từ Jekyll.\nfeatured_image: /anh/a.png\n")),
        ("content/tin/2016-10-8-ubuntu.md", &post("")),
        // Hugo: publishDate instead of date, lastmod, description, images, url (an old address).
        (
            "content/tin/ke-hoach.md",
            &post(
                "publishDate: 2023-04-05\nlastmod: 2023-04-07\ndescription: Mô tả từ Hugo.\nimages: [/anh/b.png]\nurl: /bai-cu/ke-hoach.html\n",
            ),
        ),
        // A future publishDate waits, even with an old date.
        ("content/tin/sau-nay.md", &post("date: 2023-01-01\npublishDate: 2999-01-01\n")),
        // Hugo themes' cover image, and an old date only as lastmod.
        ("content/tin/bia.md", &post("lastmod: 2023-03-01\ncover: { image: /anh/c.png }\n")),
        ("static/anh/a.png", "png"),
        ("static/anh/b.png", "png"),
        ("static/anh/c.png", "png"),
    ]);
    site.build_ok(&[]);
    let cover = site.out("tin/bia/index.html");
    assert!(cover.contains("01/03/2023") && cover.contains("anh/c.png"), "dated by lastmod last; cover.image");
    assert!(site.out("tin/ubuntu/index.html").contains("08/10/2016"), "a one-digit day in the file name");
    let jekyll = site.out("tin/ky-ket/index.html");
    assert!(jekyll.contains("06/04/2023"), "dated by its file name");
    assert!(jekyll.contains("Tóm tắt từ Jekyll.") && jekyll.contains("anh/a.png"), "excerpt and featured_image");
    let hugo = site.out("tin/ke-hoach/index.html");
    assert!(hugo.contains("05/04/2023") && hugo.contains("07/04/2023"), "publishDate and lastmod");
    assert!(hugo.contains("Mô tả từ Hugo.") && hugo.contains("anh/b.png"), "description and images");
    assert!(site.out("bai-cu/ke-hoach.html").contains("url=../tin/ke-hoach/"), "url: redirects");
    assert!(!site.has_out("tin/sau-nay/index.html"), "a future publishDate waits");
}

#[test]
fn hugo_toml_front_matter_is_read() {
    let site = TestSite::with(&[
        (
            "content/tin/a.md",
            "+++\ntitle = \"Ký kết chương trình\"\ndate = 2023-04-06T08:30:00+07:00\ntags = [\"MTTQ\", \"giảm nghèo\"]\ndraft = false\n[params]\nnguon = \"Báo Ninh Bình\"\n+++\nThân **bài**.\n",
        ),
        ("content/tin/b.md", "+++\ntitle = \"B\"\ndate = \"hôm qua\"\n+++\nx\n"),
    ]);
    let err = site.build_err();
    assert!(err.starts_with("content/tin/b.md:3:8: date: `hôm qua` không phải một ngày"), "{err}");
    site.remove("content/tin/b.md");
    site.build_ok(&[]);
    let page = site.out("tin/a/index.html");
    assert!(page.contains("Ký kết chương trình") && page.contains("<strong>bài</strong>"), "{page}");
    assert!(page.contains("06/04/2023 · 08:30"));
    assert!(site.has_out("tu-khoa/giam-ngheo/index.html"));
    site.write("content/tin/c.md", "+++\ntitle = \"C\"\ndate = \n+++\nx\n");
    assert!(site.build_err().starts_with("content/tin/c.md:3:"), "TOML syntax errors at their line");
}

#[test]
fn hugo_json_front_matter_is_read() {
    let site = TestSite::with(&[
        (
            "content/tin/a.md",
            "{\n  \"title\": \"Ký kết chương trình\",\n  \"date\": \"2023-04-06T08:30:00+07:00\",\n  \"tags\": [\"MTTQ\", \"giảm nghèo\"],\n  \"draft\": false\n}\nThân **bài** {{ không phải JSON }}.\n",
        ),
        ("content/tin/b.md", "{\n  \"title\": \"B\",\n  \"date\": \"hôm qua\"\n}\nx\n"),
        // A body that starts with a template tag is not front matter.
        ("content/tin/c.md", "{{< youtube x >}}\n"),
    ]);
    let err = site.build_err();
    assert!(err.contains("content/tin/b.md:3:11: date: `hôm qua` không phải một ngày"), "{err}");
    assert!(err.contains("content/tin/c.md:1:1: tệp không có front matter"), "{err}");
    site.remove("content/tin/b.md");
    site.remove("content/tin/c.md");
    site.build_ok(&[]);
    let page = site.out("tin/a/index.html");
    assert!(page.contains("Ký kết chương trình") && page.contains("<strong>bài</strong>"), "{page}");
    assert!(page.contains("06/04/2023 · 08:30"));
    assert!(site.has_out("tu-khoa/giam-ngheo/index.html"));
    site.write("content/tin/d.md", "{\n  \"title\": \"D\",\n  \"date\": \"2023-04-06\"\n  \"draft\": true\n}\nx\n");
    let err = site.build_err();
    assert!(
        err.starts_with("content/tin/d.md:4:3: thiếu dấu `,` giữa hai mục"),
        "JSON syntax errors at their line: {err}"
    );
}

#[test]
fn misspelled_keys_are_named() {
    let site = TestSite::with(&[("content/tin/a.md", "---\ntitel: Bài A\ndate: 2023-04-06\n---\nx\n")]);
    let err = site.build_err();
    assert!(
        err.starts_with("content/tin/a.md:2:1: thiếu tiêu đề — `titel:` ở dòng 2 có vẻ là `title:` bị viết sai"),
        "{err}"
    );
    site.write("content/tin/a.md", &article("A", "2023-04-06", "tag: [MTTQ]\nautor: Lê B\n", "x"));
    let out = site.build_ok(&[]);
    let warnings = String::from_utf8_lossy(&out.stderr);
    assert!(
        warnings
            .contains("content/tin/a.md:4:1: `tag:` không phải khóa mà bantin biết — có phải bạn định viết `tags:`?"),
        "{warnings}"
    );
    assert!(
        warnings.contains(
            "content/tin/a.md:5:1: `autor:` không phải khóa mà bantin biết — có phải bạn định viết `author:`?"
        ),
        "{warnings}"
    );
}

#[test]
fn content_with_front_matter_that_bantin_does_not_read_is_pointed_out() {
    let site = TestSite::with(&[
        ("content/tin/a.md", &article("A", "2023-04-06", "", "x")),
        ("content/tin/b.mdx", &article("B", "2023-04-05", "", "<Video />")),
        ("content/tin/c.html", "---\ntitle: C\n---\n<p>c</p>\n"),
        ("content/tin/d.html", "<p>an ordinary file</p>\n"),
    ]);
    let out = site.build_ok(&[]);
    let warnings = String::from_utf8_lossy(&out.stderr);
    for f in ["b.mdx", "c.html"] {
        assert!(
            warnings.contains(&format!("content/tin/{f}:1:1: tệp này có front matter, nhưng bantin chỉ đọc tệp .md")),
            "{f}: {warnings}"
        );
    }
    assert!(!warnings.contains("d.html"), "{warnings}");
}

#[test]
fn the_summary_says_what_was_left_out_and_a_missing_base_url_is_a_warning() {
    let site = TestSite::with(&[
        ("content/tin/a.md", &article("A", "2023-04-06", "", "x")),
        ("content/tin/b.md", &article("B", "2023-04-05", "draft: true\n", "x")),
        ("content/tin/c.md", &article("C", "2999-01-02T08:30:00+07:00", "", "x")),
        ("content/tin/d.md", &article("D", "2999-05-01", "", "x")),
    ]);
    let out = site.build_ok(&[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Chưa đăng: 1 bản nháp: content/tin/b.md (thêm --drafts để đăng cả bản nháp), 2 bài hẹn giờ đăng, bài sớm nhất hẹn lúc 02/01/2999 08:30"),
        "{stdout}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cảnh báo: site.yaml:1:1: chưa có base_url"), "{stderr}");
    site.write("site.yaml", "base_url: https://example.org/\n");
    let out = site.build_ok(&[]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("base_url"));
}

#[test]
fn yaml_mistakes_are_explained_with_the_fix() {
    for (line, expected) in [
        (
            "title: Hội nghị: tổng kết năm",
            "content/tin/a.md:2:16: giá trị có `: ` ở bên trong, nên bị hiểu là chỗ bắt đầu một khóa khác — hãy đặt giá trị trong dấu ngoặc kép: `title: \"Hội nghị: tổng kết năm\"`",
        ),
        ("title: @bantin", "content/tin/a.md:2:8: một giá trị bắt đầu bằng ký tự không được đứng đầu giá trị"),
        ("title: A\ntitle: B", "content/tin/a.md:2:1: khóa `title` được viết hai lần — hãy giữ lại một"),
    ] {
        let site = TestSite::with(&[("content/tin/a.md", &format!("---\n{line}\ndate: 2023-04-06\n---\nx\n"))]);
        let err = site.build_err();
        assert!(err.starts_with(expected), "{line}: {err}");
    }
}

#[test]
fn front_matter_keys_that_nothing_uses_are_counted() {
    let site = TestSite::with(&[
        ("content/tin/a.md", &article("A", "2023-04-06", "layout: post\ncategory: tin\nthumbnail: /a.png\n", "x")),
        ("content/tin/b.md", &article("B", "2023-04-05", "layout: post\nnguon: Báo Ninh Bình\n", "x")),
        ("static/a.png", "png"),
    ]);
    let out = site.build_ok(&[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(
            "Các khóa front matter mà bantin và giao diện không dùng đến, nên không hiện ở đâu trên site: `layout` (2 tệp), `category` (1 tệp), `nguon` (1 tệp)"
        ),
        "{stdout}"
    );
    assert!(!stdout.contains("thumbnail"), "read as the image: {stdout}");
    assert!(
        stdout.contains("`category` dùng để nhóm bài: muốn mỗi nhóm có một trang liệt kê bài, hãy khai báo nó là một cách phân loại trong site.yaml"),
        "a grouping gets the way to its pages: {stdout}"
    );
    // A template that shows a key uses it.
    site.write("themes/rieng/theme.yaml", "extends: bulletin\n");
    site.write("themes/rieng/templates/page.html", "{{ page.extra.nguon }}");
    site.write("site.yaml", "theme: rieng\n");
    let stdout = String::from_utf8_lossy(&site.build_ok(&[]).stdout).into_owned();
    assert!(!stdout.contains("`nguon`") && stdout.contains("`layout` (2 tệp)"), "{stdout}");
    // Declared as the hint says, `category` makes pages and is no longer unread.
    site.write(
        "site.yaml",
        "theme: rieng\ntaxonomies: [{ name: tags, path: tu-khoa }, { name: category, path: chuyen-de }]\n",
    );
    let stdout = String::from_utf8_lossy(&site.build_ok(&[]).stdout).into_owned();
    assert!(!stdout.contains("`category`"), "{stdout}");
    assert!(site.has_out("chuyen-de/tin/index.html"));
}

#[test]
fn a_whole_address_written_as_the_slug_keeps_working() {
    let site =
        TestSite::with(&[("content/tin/a.md", &article("A", "2023-04-06", "slug: /2020/01/ky-ket-ctph/\n", "x"))]);
    site.build_ok(&[]);
    assert!(site.has_out("tin/ky-ket-ctph/index.html"), "its last part is the slug");
    assert!(
        site.out("2020/01/ky-ket-ctph/index.html").contains("url=../../../tin/ky-ket-ctph/"),
        "the old address redirects"
    );
}

/// Issue 26: documentation pages under a folder (`gioi-thieu/lich-su/index.md`) got "the date
/// is missing", and 37 of them had to be flattened. A folder declared as pages holds pages.
#[test]
fn a_folder_declared_as_pages_holds_undated_pages_at_their_folders_address() {
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\npages: [gioi-thieu]\n"),
        ("content/tin/a.md", &article("Tin A", "2023-04-06", "", "Xem [lịch sử](../gioi-thieu/lich-su/index.md).")),
        ("content/gioi-thieu/_index.md", "---\ntitle: Giới thiệu\n---\nVề Ủy ban.\n"),
        ("content/gioi-thieu/lich-su/index.md", "---\ntitle: Lịch sử\n---\n![Trụ sở](tru-so.jpg)\n"),
        ("content/gioi-thieu/lich-su/tru-so.jpg", "jpg"),
        ("content/gioi-thieu/Cơ cấu tổ chức.md", "---\ntitle: Cơ cấu tổ chức\n---\nCác ban.\n"),
    ]);
    let out = site.build_ok(&[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("1 bài viết và 3 trang riêng"), "{stdout}");
    // Issue 26: a section without `_index.md` was `TIN` in the menu, in silence.
    assert!(
        stdout.contains("Chuyên mục chưa có tệp _index.md nên đang mang tên thư mục, không dấu: content/tin — ")
            && stdout.contains("ví dụ content/tin/_index.md với dòng `title: Tin tức`"),
        "{stdout}"
    );
    assert!(site.out("tin/a/index.html").contains(">Tin</a>"), "named in words");
    assert!(site.out("gioi-thieu/index.html").contains("Về Ủy ban."));
    assert!(site.out("gioi-thieu/lich-su/index.html").contains("Lịch sử"));
    assert!(site.has_out("gioi-thieu/lich-su/tru-so.jpg"), "the bundle's photo");
    assert!(site.out("gioi-thieu/co-cau-to-chuc/index.html").contains("Các ban."));
    assert!(site.out("tin/a/index.html").contains("../../gioi-thieu/lich-su/"), "a link to the page");
    // Pages are not news: in no feed.
    assert!(!site.out("rss.xml").contains("Lịch sử"));

    // Undeclared, the message says how to declare the folder.
    site.write("site.yaml", "base_url: https://example.org/\n");
    let err = site.build_err();
    assert!(err.contains("content/gioi-thieu/lich-su/index.md:2:1: thiếu ngày"), "{err}");
    assert!(err.contains("hãy thêm `pages: [gioi-thieu/lich-su]` vào site.yaml"), "{err}");
    // A page inside a page's folder, as Jekyll sites have them, is named as it is.
    site.write("content/gioi-thieu/lich-su/tru-so/index.md", "---\ntitle: Trụ sở\n---\nx\n");
    site.write("site.yaml", "base_url: https://example.org/\npages: [gioi-thieu/lich-su]\n");
    let err = site.build_err();
    assert!(!err.contains("lich-su"), "{err}");
    site.write("site.yaml", "base_url: https://example.org/\n");
    site.write("content/gioi-thieu/lich-su/index.md", "---\ntitle: Lịch sử\ndate: 2023-04-06\n---\nx\n");
    site.write("content/gioi-thieu/lich-su/tru-so/index.md", "---\ntitle: Trụ sở\ndate: 2023-04-06\n---\nx\n");
    let err = site.build_err();
    assert!(
        err.contains("content/gioi-thieu/lich-su/tru-so/index.md:1:1: tệp này nằm trong thư mục của trang content/gioi-thieu/lich-su/index.md"),
        "{err}"
    );
}

/// Issue 26: `a.en-us.md` and `a.pt-br.md` beside `a.md` were published as two more articles.
#[test]
fn translations_marked_with_a_region_are_translations() {
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        ("content/bai-viet/dao-ham.md", &article("Đạo hàm", "2023-04-06", "", "x")),
        ("content/bai-viet/dao-ham.en-us.md", &article("Derivatives", "2023-04-06", "", "x")),
        ("content/bai-viet/dao-ham.pt-br.md", &article("Derivadas", "2023-04-06", "", "x")),
        ("content/bai-viet/dao-ham.zh_Hant.md", &article("導數", "2023-04-06", "", "x")),
        ("content/bai-viet/ghi-chu.vi-vn.md", &article("Ghi chú", "2023-04-05", "", "x")),
        // Not a language mark: a name with a dot in it stays an article of its own.
        ("content/bai-viet/phien-ban.1-2.md", &article("Phiên bản 1.2", "2023-04-04", "", "x")),
    ]);
    let out = site.build_ok(&[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Đã dựng 3 bài viết"), "{stdout}");
    assert!(stdout.contains("3 bản dịch"), "{stdout}");
    assert!(site.has_out("bai-viet/ghi-chu/index.html"), "vi-vn on a vi site is the article itself");
    assert!(!site.has_out("bai-viet/dao-ham-en-us/index.html") && !site.has_out("bai-viet/dao-ham.en-us/index.html"));
}

#[test]
fn hugo_page_bundles_and_translations_are_what_hugo_makes_of_them() {
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        (
            "content/bai-viet/ky-ket/index.md",
            &article("Ký kết", "2023-04-06", "image: anh.jpg\ntags: [giảm nghèo]\n", "![Toàn cảnh](anh.jpg)"),
        ),
        ("content/bai-viet/ky-ket/anh.jpg", "jpg"),
        ("content/bai-viet/ky-ket/images/so-do.png", "png"),
        ("content/gioi-thieu/index.md", "---\ntitle: Giới thiệu\n---\nVề chúng tôi.\n"),
        // Hugo's translations: another language than the site's is left out, and counted.
        ("content/bai-viet/ky-ket/index.en.md", "---\ntitle: Signing\ndate: 2023-04-06\n---\nx\n"),
        ("content/bai-viet/_index.en.md", "---\ntitle: Posts\n---\n"),
        ("content/bai-viet/b.vi.md", &article("Bài B", "2023-04-05", "", "x")),
        // Hugo's page of a term.
        (
            "content/tu-khoa/giam-ngheo/_index.md",
            "---\ntitle: Giảm nghèo\ndescription: Tin về giảm nghèo bền vững.\n---\n",
        ),
    ]);
    let out = site.build_ok(&[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Đã dựng 2 bài viết và 1 trang riêng"), "{stdout}");
    assert!(stdout.contains("2 bản dịch (các tệp như `ky-ket.en.md`"), "{stdout}");
    let page = site.out("bai-viet/ky-ket/index.html");
    assert!(page.contains(r#"src="../../bai-viet/ky-ket/anh.jpg""#), "the bundle's photo: {page}");
    assert!(site.has_out("bai-viet/ky-ket/images/so-do.png"));
    assert!(!site.has_out("bai-viet/ky-ket/index/index.html") && !site.has_out("bai-viet/ky-ket/page/2/index.html"));
    assert!(site.out("bai-viet/index.html").contains("Ký kết"), "listed in its section");
    assert!(site.has_out("gioi-thieu/index.html"), "a bundle at the top is a standalone page");
    assert!(site.has_out("bai-viet/b/index.html"), "the site's own language mark is not part of the address");
    assert!(!site.has_out("bai-viet/index-en/index.html"));
    assert!(site.out("tu-khoa/giam-ngheo/index.html").contains("Tin về giảm nghèo bền vững."));
}

#[test]
fn what_migrated_sites_write_is_pointed_at_where_it_is() {
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        ("static/images/a.jpg", "jpg"),
        ("static/images/thumb.jpg", "jpg"),
        // Jekyll's thumbnail that the old theme prefixed with images/: found there, or not at all.
        ("content/tin/e.md", &article("E", "2023-04-06", "thumbnail: thumb.jpg\n", "x")),
        ("content/tin/a.md", &article("A", "2023-04-06", "layout: post\nthumbnail: khong-co.jpg\n", "x")),
        // An image in the site's images/ folder written as if the page were at the root.
        ("content/tin/b.md", &article("B", "2023-04-06", "", "![Ảnh](images/a.jpg)")),
        ("content/tin/c.md", &article("C", "2023-04-06", "draft: \"false\"\n", "x")),
        ("content/tin/d.md", &article("D", "2023-04-06", "cover:\n  caption: Ảnh\n  image: khong-co.jpg\n", "x")),
    ]);
    let err = site.build_err();
    assert!(err.contains("content/tin/d.md:6:10: cover: `khong-co.jpg`"), "at the nested key: {err}");
    assert!(err.contains("content/tin/a.md:5:12: thumbnail: `khong-co.jpg`"), "at the key written: {err}");
    assert!(
        err.contains("ở đường dẫn `/images/thumb.jpg` trên site"),
        "a bare thumbnail found in static/images/: {err}"
    );
    assert!(
        err.contains("thư mục static/ của site có tệp này, ở đường dẫn `/images/a.jpg` trên site: hãy viết như vậy"),
        "{err}"
    );
    assert!(err.contains("content/tin/c.md:4:8: draft: `\"false\"` nằm trong dấu ngoặc kép"), "{err}");
    assert!(err.contains("hãy bỏ dấu ngoặc kép: `draft: false`"), "{err}");
    site.write("content/tin/a.md", &article("A", "2023-04-06", "thumbnail: /images/a.jpg\n", "x"));
    site.write("content/tin/b.md", &article("B", "2023-04-06", "", "![Ảnh](/images/a.jpg)"));
    site.write("content/tin/c.md", &article("C", "2023-04-06", "draft: false\n", "x"));
    site.remove("content/tin/d.md");
    site.write("content/tin/e.md", &article("E", "2023-04-06", "thumbnail: /images/thumb.jpg\n", "x"));
    site.build_ok(&[]);
}

#[test]
fn a_title_cut_by_a_comment_is_a_warning_and_more_keys_are_read() {
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        (
            "content/tin/a.md",
            &article(
                "A",
                "2023-04-06",
                "summary: Giảm nghèo #1 năm 2023\nredirect_from: [/cu/a/, /cu/a2/]\nfeaturedImage: anh.jpg\n",
                "x",
            ),
        ),
        ("content/tin/anh.jpg", "jpg"),
        (
            "content/tin/b.md",
            &article("B", "2023-04-06", "cover:\n  image: anh.jpg\n  caption: Toàn cảnh Hội nghị\n", "x"),
        ),
    ]);
    let out = site.build_ok(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cảnh báo: content/tin/a.md:4:21: summary: phần sau ` #` bị coi là chú thích và bỏ đi, nên summary chỉ còn `Giảm nghèo`"),
        "{stderr}"
    );
    assert!(stderr.contains(r#"`summary: "Giảm nghèo #1 năm 2023"`"#), "{stderr}");
    assert!(site.has_out("cu/a/index.html") && site.has_out("cu/a2/index.html"), "redirect_from redirects");
    assert!(site.out("tin/a/index.html").contains("tin/anh.jpg"), "featuredImage is the image");
    assert!(site.out("tin/b/index.html").contains("Toàn cảnh Hội nghị"), "cover.caption is the caption");
}

#[test]
fn config_and_alias_mistakes_get_the_fix() {
    let site = TestSite::with(&[
        ("site.yaml", "baseurl: https://example.org/\n"),
        ("content/tin/a.md", &article("A", "2023-04-06", "aliases: [/cu/]\n", "x")),
        ("content/tin/b.md", &article("B", "2023-04-06", "aliases: [/cu/]\n", "x")),
    ]);
    assert!(site.build_err().contains("bantin không biết khóa `baseurl`; cần một trong `title`"));
    assert!(site.build_err().contains("có phải ý bạn là `base_url`?"));
    site.write("site.yaml", "base_url: https://example.org/\n");
    let err = site.build_err();
    assert!(
        err.contains("content/tin/b.md:4:1:")
            && err.contains("hãy bỏ nó khỏi các địa chỉ cũ (`aliases:`, `redirect_from:`)"),
        "{err}"
    );
}

#[test]
fn an_old_address_equal_to_the_pages_own_is_the_page_itself() {
    // Hugo sites write the same address under `url:` and `aliases:`.
    let site = crate::util::TestSite::with(&[(
        "content/lien-ket.md",
        "---\ntitle: Liên kết\nurl: /friendship-links/\naliases: [/friendship-links/, /cu/]\n---\nx\n",
    )]);
    site.build_ok(&[]);
    assert!(site.out("friendship-links/index.html").contains("Liên kết"));
    assert!(site.has_out("cu/index.html"), "the other old address still leads there");
}

/// The invisible characters no XML parser accepts, as editors' copies bring them in.
const INVISIBLE: [char; 12] =
    ['\0', '\x01', '\x08', '\x0b', '\x0c', '\x0e', '\x1b', '\x1f', '\x7f', '\u{85}', '\u{fffe}', '\u{ffff}'];

#[test]
fn an_invisible_character_anywhere_is_a_problem_at_its_place() {
    for c in INVISIBLE {
        let code = format!("U+{:04X}", c as u32);
        // Each field on its own line, the character after `x` (column 1 + the text before it).
        let cases = [
            (format!("title: Kế hoạch x{c}y\ndate: 2023-04-06\n"), 2, 18),
            (format!("title: T\ndate: 2023-04-06\ntags: [giảm nghèo, x{c}y]\n"), 4, 21),
            (format!("title: T\ndate: 2023-04-06\nauthor: Ban x{c}y\n"), 4, 14),
            (format!("title: T\ndate: 2023-04-06\ndescription: x{c}y\n"), 4, 15),
        ];
        for (front, line, column) in cases {
            let site = TestSite::with(&[("content/tin/a.md", &format!("---\n{front}---\nNội dung.\n"))]);
            site.write("site.yaml", "language: en\n");
            let err = site.build_err();
            let expected = format!("content/tin/a.md:{line}:{column}: the invisible character {code}");
            assert!(err.contains(&expected), "{code} in {front:?}: {err}");
            assert!(err.contains("delete it"), "{err}");
        }
        let site = TestSite::with(&[(
            "content/tin/a.md",
            &article("T", "2023-04-06", "", &format!("Đoạn một.\n\nChép từ PDF: th{c}c hiện.")),
        )]);
        site.write("site.yaml", "language: en\n");
        let err = site.build_err();
        let body_line = article("T", "2023-04-06", "", "").lines().count() + 2;
        let expected = format!("content/tin/a.md:{body_line}:16: the invisible character {code}");
        assert!(err.contains(&expected), "{code} in the body: {err}");
    }
}

#[test]
fn an_invisible_character_written_as_an_escape_is_a_problem_at_its_key() {
    let site = TestSite::with(&[
        ("content/tin/a.md", "---\ntitle: \"Kế hoạch\\x1b\"\ndate: 2023-04-06\n---\nNội dung.\n"),
        ("content/tin/b.md", "+++\ntitle = \"T\"\ndate = 2023-04-06\ntags = [\"a\\u0001\"]\n+++\nNội dung.\n"),
    ]);
    site.write("site.yaml", "language: en\n");
    let err = site.build_err();
    assert!(err.contains("content/tin/a.md:2:8: title: the value holds the invisible character U+001B"), "{err}");
    assert!(err.contains("content/tin/b.md:4:8: tags: the value holds the invisible character U+0001"), "{err}");
}

/// Parses an output file as XML, or fails the test saying where.
fn parses_as_xml(site: &TestSite, rel: &str) {
    let text = site.out(rel);
    if let Err(e) = roxmltree::Document::parse(&text) {
        panic!("{rel} is not XML: {e}\n{text}");
    }
}

#[test]
fn what_gets_past_the_checks_never_reaches_a_feed_or_a_page() {
    // Markdown's numeric character references are written as visible text, and give the
    // characters themselves.
    let body = "Tổng kết&#1; năm&#x1B; 2023&#xFFFE;&#11;.\n\nChép từ PDF.";
    // Within the last two days, so that it is in the news sitemap.
    let now = jiff::Zoned::now().with_time_zone(jiff::tz::TimeZone::get("Asia/Ho_Chi_Minh").unwrap());
    let date = (&now - jiff::SignedDuration::from_hours(1)).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
    let site = TestSite::with(&[
        ("content/tin/a.md", &article("Tổng kết", &date, "tags: [Mặt trận]\n", body)),
        ("content/tin/b.md", &article("Hội nghị", "2023-04-05", "", "Nội dung.")),
    ]);
    site.write("site.yaml", "base_url: https://example.org/\nfeed_full_text: true\n");
    site.build_ok(&[]);
    let tree = site.output_tree();
    let mut xml = 0;
    for (rel, bytes) in &tree {
        // Pages and feeds; the search index is JSON, which escapes what it must.
        let Ok(text) = std::str::from_utf8(bytes) else { continue };
        if !rel.ends_with(".html") && !rel.ends_with(".xml") {
            continue;
        }
        assert!(!text.contains(['\0', '\x01', '\x0b', '\x1b', '\u{fffe}']), "{rel} holds an invisible character");
        if rel.ends_with(".xml") {
            parses_as_xml(&site, rel);
            xml += 1;
        }
    }
    assert!(xml >= 4, "rss.xml, a term's feed, the sitemaps: {:?}", tree.keys().collect::<Vec<_>>());
    assert!(tree.contains_key("sitemap-news.xml"), "{:?}", tree.keys().collect::<Vec<_>>());
}

/// Issue 26 (found on a Hugo blog): a folder of pages with a permalink pattern lost its old
/// addresses when declared as pages; its pages follow the pattern like articles.
#[test]
fn pages_in_a_folder_follow_its_permalink_pattern() {
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\npages: [page]\npermalinks:\n  page: /vi/page/:filename/\n"),
        ("content/page/marked_katex.md", "---\ntitle: KaTeX\n---\nx\n"),
    ]);
    site.build_ok(&[]);
    assert!(site.has_out("vi/page/marked-katex/index.html"));
    assert!(site.out("vi/page/marked_katex/index.html").contains("vi/page/marked-katex/"), "the old address redirects");
}

/// The AWS workshop template (copied into hundreds of Vietnamese workshop sites on Hugo):
/// front matter closed by a long line of dashes, chapters linked by their folders as Hugo
/// writes their addresses (lower case, with the dots).
#[test]
fn hugo_workshop_chapters_link_to_each_other_by_folder() {
    let site = TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/\n"),
        (
            "content/_index.md",
            "---\ntitle : \"Serverless\"\nweight : 1\n---------------\n\n# Serverless\n\n1. [Lambda](4-deploy-lambda/)\n",
        ),
        (
            "content/4-Deploy-Lambda/_index.md",
            "---\ntitle : \"Deploy Lambda\"\nweight : 4\n---------------------\n\n1. [Delete](4.3-delete-lambda-function/)\n2. [Back](../)\n",
        ),
        ("content/4-Deploy-Lambda/4.3-Delete-Lambda-Function/_index.md", "---\ntitle: Delete a function\n---\nText.\n"),
    ]);
    site.build_ok(&[]);
    let chapter = site.out("4-deploy-lambda/index.html");
    assert!(chapter.contains(r#"<a href="../4-deploy-lambda/4-3-delete-lambda-function/">Delete</a>"#), "{chapter}");
    assert!(chapter.contains(r#"<a href="../">Back</a>"#), "{chapter}");
    // Hugo's address of the folder (lower case, dots kept) redirects to bantin's.
    let old = site.out("4-deploy-lambda/4.3-delete-lambda-function/index.html");
    assert!(
        old.contains(
            r#"<meta http-equiv="refresh" content="0; url=../../4-deploy-lambda/4-3-delete-lambda-function/">"#
        ),
        "{old}"
    );
    assert!(!chapter.contains("-----"), "the closing line is not part of the text");
}
