//! The values templates are given stay true to the site through a preview session: a card
//! kept from the build before is one whose every input is as it was.

use std::path::PathBuf;

use bantin::build::{Changes, Options, Session};
use bantin::output::{Folder, MARKER};

use crate::util::{TestSite, article, tree};

/// The site a fresh build of `site` makes, for comparing with what a session serves.
fn fresh_build(site: &TestSite) -> std::collections::BTreeMap<String, Vec<u8>> {
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

/// A card lists a page's terms under its taxonomy's name. Renaming a taxonomy in `site.yaml`
/// (its terms, their paths and counts all as they were) must not leave the cards of the build
/// before, which list them under the old name.
#[test]
fn renaming_a_taxonomy_during_a_preview_renames_it_on_every_card() {
    let declared = |name: &str, title: &str| {
        format!(
            "title: Bản tin\ntaxonomies:\n  - {{ name: tags, path: tu-khoa }}\n  - {{ name: {name}, title: {title}, path: chuyen-de }}\n"
        )
    };
    // Both keys hold the same topics, so either name finds the same terms.
    let front = "categories: [Giảm nghèo]\nchuyen_muc: [Giảm nghèo]\n";
    let site = TestSite::with(&[
        ("site.yaml", &declared("categories", "Chuyên đề")),
        ("content/tin/_index.md", "---\ntitle: Tin tức\n---\n"),
        ("content/tin/a.md", &article("Bài A", "2023-04-06", front, "Một.")),
        ("content/tin/b.md", &article("Bài B", "2023-04-05", front, "Hai.")),
    ]);
    let preview = tempfile::tempdir().unwrap();
    let folder = Folder::new(preview.path()).unwrap();
    let mut options = Options::new(site.root());
    options.base_url = Some("http://preview/".into());
    let mut session = Session::new(options);
    session.rebuild(&Changes::Everything, &folder).unwrap();
    folder.commit().unwrap();
    assert!(
        std::fs::read_to_string(preview.path().join("tin/a/index.html")).unwrap().contains("Chuyên đề:</span>"),
        "the article lists its topic under the taxonomy's title"
    );

    for (name, title) in [("chuyen_muc", "Chuyên mục"), ("chuyen_muc", "Chủ đề"), ("categories", "Chuyên đề")]
    {
        site.write("site.yaml", &declared(name, title));
        let changed: Vec<PathBuf> = vec![site.path("site.yaml")];
        session.rebuild(&Changes::paths(changed), &folder).unwrap_or_else(|e| panic!("{name}: {e}"));
        folder.commit().unwrap();
        let mut served = tree(preview.path());
        served.remove(MARKER);
        let fresh = fresh_build(&site);
        let differ: Vec<&String> = fresh
            .keys()
            .filter(|k| served.get(*k) != fresh.get(*k))
            .chain(served.keys().filter(|k| !fresh.contains_key(*k)))
            .collect();
        assert!(
            differ.is_empty(),
            "taxonomy named {name}, titled {title}: these differ from a fresh build: {differ:?}"
        );
        let page = String::from_utf8_lossy(&served["tin/a/index.html"]).into_owned();
        assert!(page.contains(&format!("{title}:</span>")), "{name}: the article shows the title {title}");
    }
}
