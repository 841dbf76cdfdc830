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
