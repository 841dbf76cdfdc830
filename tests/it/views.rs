//! The values templates are given stay true to the site through a preview session: a card
//! kept from the build before is one whose every input is as it was.

use std::path::PathBuf;

use bantin::build::{Changes, Options, Session};
use bantin::output::{Folder, MARKER};

use crate::incremental::fresh_build;
use crate::util::{TestSite, article, tree};

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

/// A child theme of the built-in one, with these templates of its own.
fn child_theme(templates: &[(&str, &str)]) -> TestSite {
    let body = "Mở đầu.\n\n{{< figure src=\"anh2.jpg\" alt=\"Toàn cảnh\" >}}\n";
    let site = TestSite::with(&[
        ("site.yaml", "theme: tinh\n"),
        ("themes/tinh/theme.yaml", "extends: bulletin\n"),
        ("content/tin/a.md", &article("Bài A", "2023-04-06", "image: anh.jpg\n", body)),
        ("content/tin/b.md", &article("Bài B", "2023-04-05", "", "Hai.")),
    ]);
    site.write_bytes("content/tin/anh.jpg", &crate::photos::phone_photo(1000, 750));
    site.write_bytes("content/tin/anh2.jpg", &crate::photos::phone_photo(1000, 750));
    for (name, text) in templates {
        site.write(&format!("themes/tinh/templates/{name}"), text);
    }
    site
}

/// The built-in pages extend `layouts/columns.html`, which extends `base.html`: a child's own
/// `base.html`, written before that layout was, still frames every page, and the layout
/// still puts the content beside the sidebar inside it.
#[test]
fn a_child_themes_own_base_frames_the_built_in_pages() {
    let base = "<!DOCTYPE html><title>{{ meta.title }}</title>{% block head %}{% endblock head %}<main class=\"tinh\">{% block main %}{% endblock main %}</main>";
    let site = child_theme(&[("base.html", base)]);
    site.build_ok(&[]);
    for page in ["tin/a/index.html", "tin/index.html", "index.html", "404.html"] {
        let html = site.out(page);
        assert!(html.contains("<main class=\"tinh\">\n<div class=\"content\">"), "{page}: {html}");
        assert!(html.contains("<aside class=\"sidebar\">") && html.ends_with("</aside>\n\n</main>"), "{page}: {html}");
    }
}

/// A page template written the way the built-in ones were (filling `main` of `base.html`)
/// still works beside the built-in ones that use the layout.
#[test]
fn a_child_template_filling_main_itself_still_works() {
    let section =
        "{% extends \"base.html\" %}{% block main %}<div class=\"own\">{{ section.title }}</div>{% endblock main %}";
    let site = child_theme(&[("section.html", section)]);
    site.build_ok(&[]);
    let html = site.out("tin/index.html");
    assert!(html.contains("<main id=\"noi-dung\" class=\"wrap layout\">\n<div class=\"own\">"), "{html}");
    assert!(!html.contains("<aside class=\"sidebar\">"), "its page has only what it wrote: {html}");
    assert!(site.out("tin/a/index.html").contains("<aside class=\"sidebar\">"));
}

/// One `picture()` writes every resized photo: the article's lead photo, a Markdown figure,
/// the `figure` shortcode and the cards write the same markup, each with its sizes and the
/// way it loads; a child theme's own template calls it too.
#[test]
fn one_picture_writes_every_photo() {
    let card = "{% if p.photo %}<p class=\"tinh\">{{ picture(srcset=p.photo.srcset | srcset, src=p.image | url, sizes=\"50vw\", alt=\"A & B's\", width=p.photo.width, height=p.photo.height) }}</p>{% endif %}";
    let site = child_theme(&[("partials/card.html", card)]);
    site.write("content/tin/b.md", &article("Bài B", "2023-04-05", "", "Hai.\n\n![Cầu](anh2.jpg)\n"));
    site.build_ok(&[]);
    // The phone's photo stands upright: 750 × 1000.
    let picture = |srcset_root: &str, src: &str, sizes: &str, alt: &str, loading: &str| {
        let srcset = ["480", "750"].map(|w| format!("{srcset_root}{src}-{w}w.webp {w}w")).join(", ");
        format!(
            "<picture><source type=\"image/webp\" srcset=\"{srcset}\" sizes=\"{sizes}\"><img src=\"{srcset_root}{src}.jpg\" alt=\"{alt}\" width=\"750\" height=\"1000\"{loading} decoding=\"async\"></picture>"
        )
    };
    let article = site.out("tin/a/index.html");
    let lead = picture("../../", "tin/anh", "(max-width: 800px) 100vw, 760px", "Bài A", " fetchpriority=\"high\"");
    assert!(article.contains(&lead), "the article's own photo: {lead}\n{article}");
    let shortcode = picture("../../", "tin/anh2", "(max-width: 800px) 100vw, 760px", "Toàn cảnh", " loading=\"lazy\"");
    assert!(article.contains(&format!("<figure>{shortcode}")), "the figure shortcode: {shortcode}\n{article}");
    let b = site.out("tin/b/index.html");
    let markdown = picture("../../", "tin/anh2", "(max-width: 800px) 100vw, 760px", "Cầu", "");
    assert!(b.contains(&format!("<figure>{markdown}")), "a Markdown figure, the text's first photo: {markdown}\n{b}");
    let list = site.out("tin/index.html");
    let card = picture("../", "tin/anh", "50vw", "A &amp; B&#39;s", " loading=\"lazy\"");
    assert!(list.contains(&format!("<p class=\"tinh\">{card}</p>")), "a child's card: {card}\n{list}");

    // The built-in cards and lead write their photo out (they are made for every page), the
    // same markup.
    let site = child_theme(&[]);
    site.build_ok(&[]);
    let list = site.out("tin/index.html");
    let card = picture("../", "tin/anh", "(max-width: 600px) 120px, 220px", "", " loading=\"lazy\"");
    let lead = picture("../", "tin/anh", "(max-width: 900px) 100vw, 480px", "", " fetchpriority=\"high\"");
    assert!(list.contains(&card) || list.contains(&lead), "a card or the lead: {card}\n{lead}\n{list}");
    let home = site.out("index.html");
    let lead = picture("", "tin/anh", "(max-width: 900px) 100vw, 480px", "", " fetchpriority=\"high\"");
    assert!(home.contains(&lead), "the home page's lead: {lead}\n{home}");
}
