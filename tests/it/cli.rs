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
