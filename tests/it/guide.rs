//! The editors' guide (HUONG-DAN.md) shows what bantin really accepts: its example article
//! builds as it is written there.

use crate::util::{TestSite, repo};

fn guide() -> String {
    std::fs::read_to_string(repo().join("HUONG-DAN.md")).expect("HUONG-DAN.md beside the README")
}

/// The blocks of `lang` in a Markdown text.
fn blocks(text: &str, lang: &str) -> Vec<String> {
    let fence = format!("```{lang}\n");
    text.split(&fence).skip(1).filter_map(|rest| rest.split_once("```\n").map(|(b, _)| b.to_string())).collect()
}

#[test]
fn the_guides_example_article_builds_as_written() {
    let example = blocks(&guide(), "markdown").into_iter().next().expect("an example article");
    let site = TestSite::with(&[
        ("content/tin-tuc/ky-ket.md", example.as_str()),
        ("content/tin-tuc/toan-canh.jpg", "jpg"),
        ("site.yaml", "base_url: https://example.org/\n"),
    ]);
    let out = site.build_ok(&[]);
    assert!(out.stderr.is_empty(), "no warning: {}", String::from_utf8_lossy(&out.stderr));
    let page = site.out("tin-tuc/ky-ket/index.html");
    assert!(page.contains("Ký kết chương trình phối hợp giảm nghèo bền vững"));
    assert!(page.contains("<figcaption>Toàn cảnh Hội nghị</figcaption>"), "the caption under the photo");
    assert!(page.contains("14:30") || page.contains("06/04/2023"), "the date");
}

/// The broken site whose messages the guide shows and explains, file by file.
const MISTAKES: &[(&str, &[u8])] = &[
    ("site.yaml", b"base_url: https://example.org/\n"),
    ("content/tin/a.md", "---\ntitle: Hội nghị: tổng kết năm\ndate: 2023-04-06\n---\nx\n".as_bytes()),
    ("content/tin/b.md", b"---\ntitel: B\ndate: 2023-04-06\n---\nx\n"),
    ("content/tin/c.md", b"---\ntitle: C\ndate: 2023-04-06\ndraft: flase\n---\nx\n"),
    ("content/tin/d.md", b"---\ntitle: D\ndate: 2023-04-06\ntags: [a, b\n---\nx\n"),
    ("content/tin/e.md", b"---\ntitle: E\ndate: 31/02/2023\n---\nx\n"),
    ("content/tin/f.md", b"title: F\n"),
    ("content/tin/g.md", b"---\ntitle: G\ndate: 2023-04-06\n---\nx\n"),
    ("content/tin/g2.md", b"---\ntitle: G2\ndate: 2023-04-06\nslug: g\n---\nx\n"),
    ("content/tin/h.md", b"---\ntitle: H\ndate: 2023-04-06\n---\nTi\xeau \xf0\xe8\n"),
    (
        "content/tin/i.md",
        "---\ntitle: I\ndate: 2023-04-06\n---\nXem [bài](../mat-tran/khong-co.md) và ![ảnh](khong-co.jpg).\n"
            .as_bytes(),
    ),
];

#[test]
fn the_guides_common_messages_are_what_bantin_says() {
    let guide = guide();
    let section = guide.split("### Các lỗi thường gặp").nth(1).expect("the section on common messages");
    let shown = blocks(section, "text").into_iter().next().expect("the messages, as a text block");
    let site = TestSite::empty();
    for (path, bytes) in MISTAKES {
        site.write_bytes(path, bytes);
    }
    let said = site.build_err();
    assert_eq!(shown.trim_end(), said.trim_end(), "HUONG-DAN.md shows other messages than bantin prints:\n{said}");
    // Each file's message is explained below the block.
    for (path, _) in MISTAKES.iter().filter(|(p, _)| p.starts_with("content/")) {
        let name = path.rsplit('/').next().unwrap();
        if said.contains(name) && name != "g.md" {
            assert!(section.contains(&format!("`{name}`")), "{name} is not explained");
        }
    }
}

/// The two editions of the guide and of the README: their `languages:` blocks, as written,
/// make an English edition of a translation written as they say.
#[test]
fn the_documented_languages_blocks_make_an_english_edition() {
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README.md");
    let documented: Vec<String> = blocks(&guide(), "yaml")
        .into_iter()
        .chain(blocks(&readme, "yaml"))
        .filter(|b| b.starts_with("languages:"))
        .collect();
    assert_eq!(documented.len(), 2, "one in each: {documented:?}");
    for yaml in documented {
        let site = TestSite::with(&[
            ("site.yaml", &format!("base_url: https://example.org/\n{yaml}")),
            ("content/mat-tran/ky-ket.md", "---\ntitle: Ký kết\ndate: 2023-04-06\n---\nx\n"),
            ("content/mat-tran/ky-ket.en.md", "---\ntitle: Signing\ndate: 2023-04-06\n---\nx\n"),
        ]);
        site.build_ok(&[]);
        assert!(site.out("en/mat-tran/ky-ket/index.html").contains("Signing"), "{yaml}");
        assert!(site.out("mat-tran/ky-ket/index.html").contains(r#"hreflang="en""#), "{yaml}");
    }
}
