//! The output folder: replaced atomically, never where it could destroy an editor's work.

use crate::util::{TestSite, article};

fn site() -> TestSite {
    TestSite::with(&[
        ("content/tin/a.md", &article("A", "2023-04-06", "", "x")),
        ("content/tin/b.md", &article("B", "2023-04-05", "", "y")),
    ])
}

#[test]
fn a_failed_build_leaves_the_previous_site_exactly_as_it_was() {
    let site = site();
    site.build_ok(&[]);
    let before = site.output_tree();
    site.write("content/tin/b.md", "---\ntitle: [B\n---\n");
    site.build_err();
    assert_eq!(before, site.output_tree());
    let leftovers: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        leftovers.iter().all(|n| !n.contains("bantin-") || n == ".bantin-cache"),
        "no staging folder left: {leftovers:?}"
    );
}

#[test]
fn a_deleted_article_leaves_no_stale_page() {
    let site = site();
    site.build_ok(&[]);
    assert!(site.has_out("tin/b/index.html"));
    site.remove("content/tin/b.md");
    site.build_ok(&[]);
    assert!(!site.has_out("tin/b/index.html"));
    assert!(!site.out("tin/index.html").contains(">B</a>"));
}

#[test]
fn refuses_the_site_root_and_folders_holding_sources() {
    let site = site();
    for target in [".", ".."] {
        let out = site.run(&["build", "--output", site.path(target).to_str().unwrap()]);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("không ghi site vào"), "{err}");
    }
    let inside = site.path("content/out");
    let out = site.run(&["build", "--output", inside.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("nằm trong content/"));
    assert!(site.path("content/tin/a.md").exists(), "nothing was deleted");
}

#[test]
fn refuses_a_non_empty_folder_bantin_did_not_write() {
    let site = site();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("luan-van.docx"), b"work").unwrap();
    let out = site.run(&["build", "--output", elsewhere.path().to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("không do bantin tạo ra"));
    assert!(elsewhere.path().join("luan-van.docx").exists());
}

#[test]
fn a_mistyped_output_in_a_symlink_cannot_reach_the_site_root() {
    let site = site();
    std::os::unix::fs::symlink(site.root(), site.path("link")).unwrap();
    let out = site.run(&["build", "--output", site.path("link").to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(site.path("content/tin/a.md").exists());
}
