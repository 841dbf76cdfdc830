//! Writing the site's files (`content::write`, for `bantin new` and the web editor): only
//! inside `content/` and `static/`, atomically, one front matter key at a time.

use std::os::unix::fs::PermissionsExt;

use bantin::base::messages::Lang;
use bantin::content::write::{self, Edit, FieldValue, Place, WriteError};

use crate::util::{TestSite, article};

fn place(site: &TestSite, rel: &str) -> Place {
    Place::new(site.root(), rel).unwrap()
}

/// The names in a folder, hidden ones (a temporary file left behind) included.
fn names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn only_files_inside_content_and_static_can_be_named() {
    let site = TestSite::empty();
    for bad in [
        "/etc/passwd",
        "content/../site.yaml",
        "themes/bulletin/base.html",
        "site.yaml",
        "content",
        "content//a.md",
        "static/./a.png",
        "content/a\\b.md",
        "../content/a.md",
    ] {
        let e = Place::new(site.root(), bad).unwrap_err();
        assert!(matches!(e, WriteError::NotInSite { .. }), "{bad}: {e:?}");
    }
    let e = Place::new(site.root(), "output/index.html").unwrap_err();
    assert_eq!(
        e.message().text(Lang::En),
        "`output/index.html` cannot be written: bantin writes only inside content/ and static/"
    );
    assert_eq!(
        e.message().text(Lang::Vi),
        "không ghi được `output/index.html`: bantin chỉ ghi vào trong content/ và static/"
    );
    assert_eq!(place(&site, "static/anh/logo.png").disk(), site.root().join("static").join("anh").join("logo.png"));
}

#[test]
fn links_that_lead_outside_are_never_written_through() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("a.md"), "---\ntitle: A\n---\n").unwrap();
    let site = TestSite::with(&[("content/tin/a.md", &article("A", "2023-04-06", "", "x"))]);
    std::os::unix::fs::symlink(outside.path(), site.path("content/ngoai")).unwrap();
    let ngoai = place(&site, "content/ngoai/a.md");
    let e = write::set_key(&ngoai, "title", &Edit::Set(FieldValue::Text("B".into()))).unwrap_err();
    assert!(matches!(e, WriteError::Outside { .. }), "{e:?}");
    assert!(e.message().text(Lang::Vi).contains("dẫn ra ngoài thư mục của site"));
    assert!(matches!(write::save(&place(&site, "content/ngoai/b.md"), "x").unwrap_err(), WriteError::Outside { .. }));
    assert!(matches!(
        write::create(&place(&site, "content/ngoai/moi/c.md"), &[], "x").unwrap_err(),
        WriteError::Outside { .. }
    ));
    // A file that is a link is not written through either, even to a file of the site.
    std::os::unix::fs::symlink(site.path("content/tin/a.md"), site.path("content/tin/b.md")).unwrap();
    let e = write::save(&place(&site, "content/tin/b.md"), "x").unwrap_err();
    assert!(matches!(e, WriteError::Link { .. }), "{e:?}");
    assert_eq!(std::fs::read_to_string(outside.path().join("a.md")).unwrap(), "---\ntitle: A\n---\n");
    assert_eq!(names(outside.path()), ["a.md"]);
}

#[test]
fn a_content_folder_kept_elsewhere_through_a_link_is_written_in() {
    let elsewhere = tempfile::tempdir().unwrap();
    let site = TestSite::empty();
    std::os::unix::fs::symlink(elsewhere.path(), site.path("content")).unwrap();
    write::create(&place(&site, "content/tin/a.md"), &[("title", FieldValue::Text("A".into()))], "x").unwrap();
    assert_eq!(std::fs::read_to_string(elsewhere.path().join("tin/a.md")).unwrap(), "---\ntitle: \"A\"\n---\nx");
}

#[test]
fn a_key_is_changed_in_place_keeping_permissions_and_conventions() {
    let site = TestSite::empty();
    let file = "\u{FEFF}---\r\n# giữ\r\ntitle: 'Cũ'\r\ndate: 2023-04-06\r\n---\r\nThân bài";
    site.write("content/tin/a.md", file);
    let disk = site.path("content/tin/a.md");
    std::fs::set_permissions(&disk, std::fs::Permissions::from_mode(0o640)).unwrap();
    let a = place(&site, "content/tin/a.md");
    write::set_key(&a, "title", &Edit::Set(FieldValue::Text("Ký kết: \"mới\"".into()))).unwrap();
    write::set_key(&a, "tags", &Edit::Set(FieldValue::List(vec!["giảm nghèo".into()]))).unwrap();
    let text = std::fs::read_to_string(&disk).unwrap();
    assert_eq!(
        text,
        "\u{FEFF}---\r\n# giữ\r\ntitle: 'Ký kết: \"mới\"'\r\ndate: 2023-04-06\r\ntags: [giảm nghèo]\r\n---\r\nThân bài"
    );
    assert_eq!(std::fs::metadata(&disk).unwrap().permissions().mode() & 0o777, 0o640);
    assert_eq!(names(&site.path("content/tin")), ["a.md"]);
    // The build reads what was written.
    site.build_ok(&[]);
    assert!(site.out("tin/a/index.html").contains("Ký kết: &quot;mới&quot;"));
    // A refused change leaves the file as it was.
    site.write("content/tin/b.md", "+++\ntitle = \"B\"\n+++\n");
    let e = write::set_key(&place(&site, "content/tin/b.md"), "title", &Edit::Remove).unwrap_err();
    assert!(matches!(e, WriteError::NotYaml { format: "TOML", .. }));
    assert_eq!(std::fs::read_to_string(site.path("content/tin/b.md")).unwrap(), "+++\ntitle = \"B\"\n+++\n");
}

#[test]
fn a_whole_text_is_saved_with_the_files_conventions() {
    let site = TestSite::empty();
    site.write("content/a.md", "---\r\ntitle: A\r\n---\r\nCũ\r\n");
    let a = place(&site, "content/a.md");
    // As the editor has it: `\n` line ends, and a decomposed letter.
    write::save(&a, "---\ntitle: A\n---\nMo\u{302}\u{301}i").unwrap();
    assert_eq!(std::fs::read_to_string(site.path("content/a.md")).unwrap(), "---\r\ntitle: A\r\n---\r\nMối\r\n");
    write::save_bytes(&place(&site, "static/anh/a.png"), b"PNG").unwrap();
    assert_eq!(std::fs::read(site.path("static/anh/a.png")).unwrap(), b"PNG");
    assert_eq!(names(&site.path("content")), ["a.md"]);
}

#[test]
fn create_never_overwrites() {
    let site = TestSite::with(&[("content/tin/a.md", "cũ")]);
    let fields = [("title", FieldValue::Text("A".into())), ("draft", FieldValue::Bool(true))];
    let e = write::create(&place(&site, "content/tin/a.md"), &fields, "mới").unwrap_err();
    assert!(matches!(e, WriteError::Exists { .. }));
    assert!(e.message().text(Lang::En).ends_with("a.md already exists; bantin does not overwrite it"));
    assert_eq!(std::fs::read_to_string(site.path("content/tin/a.md")).unwrap(), "cũ");
    write::create(&place(&site, "content/tin/moi/b.md"), &fields, "\nmới\n").unwrap();
    assert_eq!(
        std::fs::read_to_string(site.path("content/tin/moi/b.md")).unwrap(),
        "---\ntitle: \"A\"\ndraft: true\n---\n\nmới\n"
    );
    assert_eq!(names(&site.path("content/tin/moi")), ["b.md"]);
}
