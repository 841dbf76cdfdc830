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
    assert!(err.contains("content/tin/cu.md:2:11: the file is not valid UTF-8"), "{err}");
    assert!(err.contains("save it as UTF-8"), "{err}");
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
