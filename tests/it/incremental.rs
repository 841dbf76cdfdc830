//! A rebuild after edits gives exactly the site a fresh build gives: the fingerprints and
//! caches that let a rebuild skip work never leave a stale page behind.

use std::path::PathBuf;

use bantin::build::{Changes, Options, Session};
use bantin::output::{Folder, MARKER};

use crate::util::{TestSite, article, tree};

/// The site a fresh build of `site` makes (without its marker file), for comparing with what
/// a session serves.
pub(crate) fn fresh_build(site: &TestSite) -> std::collections::BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    let mut options = Options::new(site.root());
    options.output = Some(target.clone());
    options.base_url = Some("http://preview/".into());
    bantin::build::build(&options).expect("fresh build");
    let mut t = tree(&target);
    t.remove(MARKER);
    t
}

/// The files of the preview folder `served` that differ from a fresh build of `site` (or that
/// a fresh build does not make).
pub(crate) fn differ_from_fresh(site: &TestSite, served: &std::path::Path) -> Vec<String> {
    let mut served = tree(served);
    served.remove(MARKER);
    let fresh = fresh_build(site);
    fresh
        .keys()
        .filter(|k| served.get(*k) != fresh.get(*k))
        .chain(served.keys().filter(|k| !fresh.contains_key(*k)))
        .cloned()
        .collect()
}

#[test]
fn every_kind_of_edit_rebuilds_to_the_same_site_as_a_fresh_build() {
    let site = TestSite::with(&[
        ("site.yaml", "title: Bản tin\npaginate_by: 2\n"),
        ("content/tin/_index.md", "---\ntitle: Tin tức\n---\n"),
        ("content/mat-tran/_index.md", "---\ntitle: Mặt trận\n---\n"),
    ]);
    for i in 1..=7 {
        let section = if i % 2 == 0 { "tin" } else { "mat-tran" };
        let tags = format!("tags: [chung, nhóm {}]\n", i % 3);
        site.write(
            &format!("content/{section}/bai-{i}.md"),
            &article(
                &format!("Bài {i}"),
                &format!("2023-04-0{i}"),
                &tags,
                &format!("Nội dung {i}. Xem [bài 1](../mat-tran/bai-1.md)."),
            ),
        );
    }
    let preview = tempfile::tempdir().unwrap();
    let folder = Folder::new(preview.path()).unwrap();
    let mut options = Options::new(site.root());
    options.base_url = Some("http://preview/".into());
    let mut session = Session::new(options);
    session.rebuild(&Changes::Everything, &folder).unwrap();
    folder.commit().unwrap();

    let check = |session: &mut Session, changed: &[&str], what: &str| {
        let paths: Vec<PathBuf> = changed.iter().map(|p| site.path(p)).collect();
        let report = session.rebuild(&Changes::paths(paths), &folder).unwrap_or_else(|e| panic!("{what}: {e}"));
        folder.commit().unwrap();
        let differ = differ_from_fresh(&site, preview.path());
        assert!(differ.is_empty(), "{what}: these files differ from a fresh build: {differ:?}");
        report
    };

    // The first paragraph (the summary) stays: only the body's later text changes.
    let body = "Nội dung 2. Xem [bài 1](../mat-tran/bai-1.md).\n\nĐoạn thứ hai mới.";
    site.write("content/tin/bai-2.md", &article("Bài 2", "2023-04-02", "tags: [chung, nhóm 2]\n", body));
    let report = check(&mut session, &["content/tin/bai-2.md"], "body edit");
    assert_eq!(report.rendered, 1, "a body edit renders the article alone");
    let report = check(&mut session, &["content/tin/bai-2.md"], "the same bytes saved again");
    assert_eq!((report.rendered, report.written.len()), (0, 0));
    // The first paragraph is the summary that lists show.
    let body = "Nội dung hai, đổi. Xem [bài 1](../mat-tran/bai-1.md).\n\nĐoạn thứ hai mới.";
    site.write("content/tin/bai-2.md", &article("Bài 2", "2023-04-02", "tags: [chung, nhóm 2]\n", body));
    check(&mut session, &["content/tin/bai-2.md"], "summary edit through the body");
    // A new title saved with a broken link fails the rebuild; fixing only the link must bring
    // the new title everywhere (the failed run's documents are newer than the last site).
    let broken = format!("{body}\n\n[Hỏng](../khong-co.md)");
    site.write("content/tin/bai-2.md", &article("Bài 2 mới", "2023-04-02", "tags: [chung, nhóm 2]\n", &broken));
    let paths = [site.path("content/tin/bai-2.md")];
    assert!(session.rebuild(&Changes::paths(paths), &folder).is_err(), "a broken link is a problem");
    folder.discard();
    site.write("content/tin/bai-2.md", &article("Bài 2 mới", "2023-04-02", "tags: [chung, nhóm 2]\n", body));
    check(&mut session, &["content/tin/bai-2.md"], "broken link fixed");
    site.write("content/tin/nhap.md", &article("Nháp", "2023-04-03", "draft: true\n", "Bản nháp."));
    check(&mut session, &["content/tin/nhap.md"], "new draft");
    site.write("content/tin/nhap.md", &article("Nháp", "2023-04-03", "draft: true\n", "Bản nháp, sửa."));
    check(&mut session, &["content/tin/nhap.md"], "draft body edit");
    let to_draft = format!("{body}\n\nXem [bản nháp](nhap.md).");
    site.write("content/tin/bai-2.md", &article("Bài 2", "2023-04-02", "tags: [chung, nhóm 2]\n", &to_draft));
    check(&mut session, &["content/tin/bai-2.md"], "body links to a draft (a warning)");
    site.write(
        "content/tin/bai-2.md",
        &article("Bài hai đổi tên", "2023-04-02", "tags: [chung, nhóm 2]\n", "Thân bài mới."),
    );
    check(&mut session, &["content/tin/bai-2.md"], "title edit");
    site.write("content/tin/bai-4.md", &article("Bài 4", "2023-03-01", "tags: [khác]\n", "Đổi ngày và thẻ."));
    check(&mut session, &["content/tin/bai-4.md"], "date and tags edit");
    site.write(
        "content/mat-tran/bai-1.md",
        &article("Bài 1", "2023-04-01", "slug: bai-mot\n", "Đổi slug: các liên kết tới bài đổi theo."),
    );
    check(&mut session, &["content/mat-tran/bai-1.md"], "slug edit");
    site.write(
        "content/tin/bai-8.md",
        &article("Bài 8", "2023-04-08", "tags: [chung]\npinned: true\n", "Bài mới, ghim."),
    );
    check(&mut session, &["content/tin/bai-8.md"], "new article");
    site.remove("content/tin/bai-6.md");
    check(&mut session, &["content/tin/bai-6.md"], "deleted article");
    site.write("content/tin/_index.md", "---\ntitle: Tin tức mới\nsort_by: title\n---\nGiới thiệu mục.\n");
    check(&mut session, &["content/tin/_index.md"], "section edit");
    site.write("themes/tinh/theme.yaml", "extends: bulletin\n");
    site.write("themes/tinh/templates/partials/card.html", "<p class=\"the\">{{ p.title }}</p>");
    site.write("site.yaml", "title: Bản tin mới\npaginate_by: 3\ntheme: tinh\nlanguage: en\n");
    check(&mut session, &["site.yaml", "themes/tinh/templates/partials/card.html"], "config and theme edit");
    site.write("content/tin/anh.png", "png");
    site.write("content/tin/bai-2.md", &article("Bài hai đổi tên", "2023-04-02", "image: anh.png\n", "Có ảnh."));
    check(&mut session, &["content/tin/anh.png", "content/tin/bai-2.md"], "image added");

    // Taxonomies, authors and their pages.
    let config = "title: Bản tin mới\npaginate_by: 3\ntheme: tinh\nlanguage: en\ntaxonomies:\n  - { name: tags, path: tu-khoa }\n  - { name: categories, path: chuyen-de }\n  - { name: authors, path: tac-gia }\n";
    site.write("site.yaml", config);
    check(&mut session, &["site.yaml"], "taxonomies declared");
    let front = "tags: [chung]\ncategories: [Giảm nghèo]\nauthor: [Nguyễn Văn A, Lê B]\n";
    site.write("content/tin/bai-4.md", &article("Bài 4", "2023-03-01", front, "Có chuyên đề và tác giả."));
    check(&mut session, &["content/tin/bai-4.md"], "categories and authors added");
    site.write("content/tac-gia/nguyen-van-a.md", "---\ntitle: Nguyễn Văn A\ndescription: Phóng viên\n---\nTiểu sử.\n");
    check(&mut session, &["content/tac-gia/nguyen-van-a.md"], "an author's page added");
    site.write(
        "content/tac-gia/nguyen-van-a.md",
        "---\ntitle: Nguyễn Văn A\ndescription: Phóng viên\n---\nTiểu sử, sửa.\n",
    );
    check(&mut session, &["content/tac-gia/nguyen-van-a.md"], "an author's page text edited");
    site.write("content/tac-gia/_index.md", "---\ntitle: Đội ngũ\n---\nNhững người viết.\n");
    check(&mut session, &["content/tac-gia/_index.md"], "the authors' index text");
    site.write(
        "content/tin/bai-2.md",
        &article("Bài hai đổi tên", "2023-04-02", "image: anh.png\nauthor: Lê B\n", "Có ảnh."),
    );
    check(&mut session, &["content/tin/bai-2.md"], "another article by an author");
    site.remove("content/tac-gia/nguyen-van-a.md");
    check(&mut session, &["content/tac-gia/nguyen-van-a.md"], "an author's page removed");
    site.write("site.yaml", &format!("{config}permalinks:\n  tin: /:year/:month/:day/:slug/\n"));
    check(&mut session, &["site.yaml"], "permalinks for a section");
    site.write(
        "content/tin/bai-2.md",
        &article("Bài hai đổi tên", "2023-05-02", "image: anh.png\nauthor: Lê B\n", "Có ảnh."),
    );
    check(&mut session, &["content/tin/bai-2.md"], "a date edit moves a permalink");
}

#[test]
fn a_second_build_renders_only_what_changed_since_the_first() {
    let site = TestSite::with(&[
        ("content/tin/a.md", &article("Bài A", "2023-04-06", "", "Một.")),
        ("content/tin/b.md", &article("Bài B", "2023-04-05", "", "Hai.")),
    ]);
    let options = Options::new(site.root());
    let first = bantin::build::build(&options).unwrap();
    assert!(first.rendered > 10);
    let again = bantin::build::build(&options).unwrap();
    assert_eq!((again.rendered, again.written.len()), (0, 0), "nothing changed: nothing rendered");
    site.write("content/tin/b.md", &article("Bài B", "2023-04-05", "", "Hai.\n\nĐoạn mới."));
    let edit = bantin::build::build(&options).unwrap();
    assert!(edit.rendered >= 1 && edit.rendered < first.rendered / 2, "rendered {}", edit.rendered);
    assert!(site.out("tin/b/index.html").contains("Đoạn mới."));
    // Search off, then on again with the same content: the index comes back.
    site.write("site.yaml", "search: false\n");
    bantin::build::build(&options).unwrap();
    assert!(!site.has_out("tim-kiem/index/meta.json"));
    site.write("site.yaml", "search: true\n");
    bantin::build::build(&options).unwrap();
    assert!(site.has_out("tim-kiem/index/meta.json"));
}

#[test]
fn a_text_edit_that_adds_a_broken_site_path_is_caught_by_a_rebuild() {
    let site = TestSite::with(&[
        ("static/anh/a.png", "png"),
        ("content/tin/a.md", &article("A", "2023-04-06", "", "Xem ![ảnh](/anh/a.png).")),
    ]);
    let preview = tempfile::tempdir().unwrap();
    let folder = Folder::new(preview.path()).unwrap();
    let mut session = Session::new(Options::new(site.root()));
    session.rebuild(&Changes::Everything, &folder).unwrap();
    folder.commit().unwrap();
    let changed = Changes::paths(vec![site.path("content/tin/a.md")]);
    // Text moved around a site path that still leads somewhere: the fast path, and fine.
    site.write("content/tin/a.md", &article("A", "2023-04-06", "", "Đoạn mới.\n\nXem ![ảnh](/anh/a.png)."));
    session.rebuild(&changed, &folder).unwrap();
    folder.commit().unwrap();
    // A new site path to nothing: the rebuild fails, as a fresh build would.
    site.write("content/tin/a.md", &article("A", "2023-04-06", "", "Xem [bài](/tin/khong-co/)."));
    let err = session.rebuild(&changed, &folder).unwrap_err();
    folder.discard();
    assert!(err.to_string().contains("content/tin/a.md:5:5: `/tin/khong-co/`"), "{err}");
}

#[test]
fn a_long_preview_counts_each_rebuild_from_its_own_time() {
    // A notice that expires two seconds from now, in a session that started before that.
    let soon = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(2);
    let expires = soon.strftime("%Y-%m-%dT%H:%M:%S+00:00").to_string();
    let site = TestSite::with(&[
        ("content/tin/a.md", &article("Lịch tiếp dân", "2023-04-06", &format!("expires: {expires}\n"), "x")),
        ("content/tin/b.md", &article("B", "2023-04-05", "", "y")),
    ]);
    let preview = tempfile::tempdir().unwrap();
    let folder = Folder::new(preview.path()).unwrap();
    let mut session = Session::new(Options::new(site.root()));
    session.rebuild(&Changes::Everything, &folder).unwrap();
    folder.commit().unwrap();
    let home = || std::fs::read_to_string(preview.path().join("index.html")).unwrap();
    assert!(home().contains("Lịch tiếp dân"));
    std::thread::sleep(std::time::Duration::from_millis(2500));
    site.write("content/tin/b.md", &article("B", "2023-04-05", "", "y2"));
    session.rebuild(&Changes::paths(vec![site.path("content/tin/b.md")]), &folder).unwrap();
    folder.commit().unwrap();
    assert!(!home().contains("Lịch tiếp dân"), "the notice expired while the preview ran");
}
