//! The command as editors use it: `new`, `check`, exit codes.

use crate::util::{TestSite, article};

#[test]
fn new_starts_a_draft_article_with_its_front_matter() {
    let site = TestSite::with(&[("content/tin-tuc/_index.md", "---\ntitle: Tin tức\n---\n")]);
    let out = site.run(&["new", "tin-tuc", "Ký kết chương trình phối hợp"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let path = site.path("content/tin-tuc/ky-ket-chuong-trinh-phoi-hop.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("---\ntitle: \"Ký kết chương trình phối hợp\"\ndate: "));
    assert!(text.contains("draft: true"));
    // It builds, as a draft.
    site.build_ok(&["--drafts"]);
    assert!(site.has_out("tin-tuc/ky-ket-chuong-trinh-phoi-hop/index.html"));
    // And `new` never overwrites.
    let again = site.run(&["new", "tin-tuc", "Ký kết chương trình phối hợp"]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("đã có"));
}

#[test]
fn new_names_a_section_as_editors_write_it_and_refuses_a_folder_that_is_not_a_site() {
    let site = TestSite::with(&[("content/tin-tuc/_index.md", "---\ntitle: Tin tức\n---\n")]);
    // "Tin tức" is the section `tin-tuc` that is there: no second folder.
    let out = site.run(&["new", "Tin tức", "Bài một"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(site.path("content/tin-tuc/bai-mot.md").is_file());
    assert!(!site.path("content/Tin tức").exists());
    // A new one written in Vietnamese: its folder, and an `_index.md` that names it.
    let out = site.run(&["new", "Thông báo", "Lịch tiếp dân"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Đã tạo chuyên mục mới \"Thông báo\""), "{stdout}");
    assert!(stdout.contains("bantin serve cho xem trước"), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(site.path("content/thong-bao/_index.md")).unwrap(),
        "---\ntitle: \"Thông báo\"\n---\n"
    );
    assert!(site.path("content/thong-bao/lich-tiep-dan.md").is_file());
    // The build names the drafts it left out.
    let built = site.build_ok(&[]);
    let stdout = String::from_utf8_lossy(&built.stdout);
    assert!(stdout.contains("2 bản nháp: content/thong-bao/lich-tiep-dan.md, content/tin-tuc/bai-mot.md"), "{stdout}");
    // A folder that is not a site: refused, nothing made.
    let empty = TestSite::empty();
    let out = empty.run(&["new", "tin-tuc", "Bài"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("không phải thư mục của một site"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!empty.path("content").exists());
}

#[test]
fn check_reports_without_writing() {
    let site = TestSite::with(&[("content/tin/a.md", &article("A", "2023-04-06", "", "x"))]);
    let ok = site.run(&["check"]);
    assert!(ok.status.success());
    assert!(String::from_utf8_lossy(&ok.stdout).contains("Không có lỗi"));
    assert!(!site.path("output").exists());
    site.write("content/tin/b.md", "---\ntitle: B\n---\n");
    let bad = site.run(&["check"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("content/tin/b.md:2:1: thiếu ngày"));
    assert!(!site.path("output").exists());
}

#[test]
fn a_folder_without_content_says_where_it_looked() {
    let site = TestSite::empty();
    let err = site.build_err();
    assert!(err.contains("content:1:1: không có thư mục content/ ở đây"), "{err}");
}

#[test]
fn help_speaks_the_sites_language_vietnamese_unless_it_says_otherwise() {
    let site = TestSite::with(&[("content/tin-tuc/_index.md", "---\ntitle: Tin tức\n---\n")]);
    let stdout = |args: &[&str], env: &[(&str, &str)]| {
        let out = site.run_with(args, env);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let help = stdout(&["--help"], &[]);
    for said in ["Cách dùng: bantin <LỆNH>", "Lệnh:", "Tùy chọn:", "Xem trước site", "In hướng dẫn"] {
        assert!(help.contains(said), "{said}: {help}");
    }
    for english in ["Usage:", "Options:", "Commands:", "Print help", "Preview the site"] {
        assert!(!help.contains(english), "{english}: {help}");
    }
    let new = stdout(&["new", "--help"], &[]);
    for said in
        ["Tạo bài mới", "Cách dùng: bantin new [TÙY_CHỌN] <CHUYÊN_MỤC> <TIÊU_ĐỀ>", "Tham số:", "Tiêu đề bài viết."]
    {
        assert!(new.contains(said), "{said}: {new}");
    }
    // English when the site is, or when BANTIN_LANG says so.
    site.write("site.yaml", "language: en\n");
    let new = stdout(&["new", "--help"], &[]);
    for said in ["Start a new article", "Usage: bantin new [OPTIONS] <SECTION> <TITLE>", "Arguments:", "Options:"] {
        assert!(new.contains(said), "{said}: {new}");
    }
    site.write("site.yaml", "language: vi\n");
    assert!(stdout(&["--help"], &[("BANTIN_LANG", "en")]).contains("Commands:"));
}

#[test]
fn a_mistyped_command_line_says_in_vietnamese_what_to_type() {
    let site = TestSite::with(&[("content/tin-tuc/_index.md", "---\ntitle: Tin tức\n---\n")]);
    let out = site.run(&["biuld"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Không có lệnh `biuld`."), "{stderr}");
    assert!(stderr.contains("Có phải ý bạn là `build`?"), "{stderr}");
    assert!(stderr.contains("Gõ `bantin --help` để xem cách dùng."), "{stderr}");
    let out = site.run(&["build", "--draft"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Không hiểu `--draft`"), "{stderr}");
    assert!(stderr.contains("Có phải ý bạn là `--drafts`?"), "{stderr}");
    assert!(stderr.contains("Gõ `bantin build --help` để xem cách dùng."), "{stderr}");
}
