//! Tags (từ khóa) and archives: merged across case and composition, in Vietnamese order.

use unicode_normalization::UnicodeNormalization;

use crate::util::{TestSite, article};

#[test]
fn tags_differing_in_case_or_composition_are_one_tag() {
    let nfd: String = "giảm nghèo".nfd().collect();
    let site = TestSite::with(&[
        ("content/tin/a.md", &article("A", "2023-04-06", "tags: [Giảm nghèo]\n", "x")),
        ("content/tin/b.md", &article("B", "2023-04-05", &format!("tags: [\"{nfd}\"]\n"), "x")),
        ("content/tin/c.md", &article("C", "2023-04-04", "tags: [GIẢM NGHÈO, ấm no]\n", "x")),
    ]);
    site.build_ok(&[]);
    let tag = site.out("tu-khoa/giam-ngheo/index.html");
    for t in ["A", "B", "C"] {
        assert!(tag.contains(&format!(">{t}</a>")), "{t} in the tag page");
    }
    assert!(!site.has_out("tu-khoa/giam-ngheo-2/index.html"));
    assert!(tag.contains("3 bài viết"));
}

#[test]
fn tag_index_is_in_vietnamese_alphabetical_order_with_letters() {
    let tags = "tags: [đồng thuận, an sinh, ấm no, ăn ở, bền vững, dân cư, em, Ủy ban, ước mơ]\n";
    let site = TestSite::with(&[("content/tin/a.md", &article("A", "2023-04-06", tags, "x"))]);
    site.build_ok(&[]);
    let html = site.out("tu-khoa/index.html");
    let order = ["an sinh", "ăn ở", "ấm no", "bền vững", "dân cư", "đồng thuận", "em", "Ủy ban", "ước mơ"];
    let positions: Vec<usize> =
        order.iter().map(|t| html.find(&format!(">{t} <")).unwrap_or_else(|| panic!("{t} missing"))).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "order: {positions:?}");
    for letter in ["A", "Ă", "Â", "B", "D", "Đ", "E", "U", "Ư"] {
        assert!(html.contains(&format!(r#"class="letter-group__letter">{letter}<"#)), "letter {letter}");
    }
}

#[test]
fn archives_by_month() {
    let site = TestSite::with(&[
        ("content/tin/a.md", &article("A", "2023-04-06", "", "x")),
        ("content/tin/b.md", &article("B", "2023-03-31T23:30:00+07:00", "", "x")),
        // 17:30 UTC on 31 March is 00:30 on 1 April in Vietnam.
        ("content/tin/c.md", &article("C", "2023-03-31T17:30:00Z", "", "x")),
    ]);
    site.build_ok(&[]);
    let april = site.out("luu-tru/2023/04/index.html");
    assert!(april.contains(">A</a>") && april.contains(">C</a>"));
    assert!(site.out("luu-tru/2023/03/index.html").contains(">B</a>"));
    let index = site.out("luu-tru/index.html");
    assert!(index.contains("Tháng 4/2023 <span class=\"meta\">2</span>"), "{index}");
}
