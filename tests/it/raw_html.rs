//! Raw HTML in articles is read the way a browser reads it (issue 22): every way of writing a
//! script address is refused at its line, addresses follow the sub-path whatever the quoting,
//! scripts are left out unless the site allows them, and no output attribute runs a program.

use crate::util::{TestSite, article};

/// A site under a sub-path with one article whose body is `body` (on line 5).
fn site_with(body: &str) -> TestSite {
    TestSite::with(&[
        ("site.yaml", "base_url: https://example.org/bantin/\n"),
        ("content/tin/a.md", &article("A", "2023-04-07", "", body)),
        ("content/tin/b.md", &article("B", "2023-04-06", "", "x")),
        ("static/anh/a.png", "png"),
    ])
}

#[test]
fn every_spelling_of_a_script_address_is_a_problem_at_its_line() {
    for body in [
        "<a href=javascript:alert(1)>x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
        "<a href=\"javascript&colon;alert(1)\">x</a>",
        "<a href=\"java&#x09;script:alert(1)\">x</a>",
        "<a href=\"java&Tab;script:alert(1)\">x</a>",
        "<a href=\" javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href='vbscript:msgbox(1)'>x</a>",
        "<div><a\nhref=\"java\nscript:alert(1)\">x</a></div>",
        "<form action=javascript:alert(1)><input type=submit></form>",
        "<button formaction=\"javascript:alert(1)\">x</button>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<iframe src=\"data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>",
        "<img srcset=\"/anh/a.png 1x, javascript:alert(1) 2x\">",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "[x](java&#9;script:alert(1))",
    ] {
        let site = site_with(body);
        let err = site.build_err();
        assert!(err.contains("content/tin/a.md:5:") || err.contains("content/tin/a.md:6:"), "{body}:\n{err}");
        assert!(err.contains("script:") || err.contains("data:"), "{body}:\n{err}");
        assert!(!site.has_out("tin/a/index.html"), "{body}: published");
    }
}

#[test]
fn site_paths_follow_the_sub_path_whatever_the_quoting() {
    let site = site_with(
        "<img src=/anh/a.png alt=a> <a href=b.md>B</a> <img srcset=\"/anh/a.png 1x, /anh/a.png 2x\">\n\n<video poster=/anh/a.png></video>",
    );
    site.build_ok(&[]);
    let html = site.out("tin/a/index.html");
    assert!(html.contains(r#"<img src="../../anh/a.png" alt="a">"#), "{html}");
    assert!(html.contains(r#"<a href="../../tin/b/">B</a>"#), "{html}");
    assert!(html.contains(r#"srcset="../../anh/a.png 1x, ../../anh/a.png 2x""#), "{html}");
    assert!(html.contains(r#"<video poster="../../anh/a.png">"#), "{html}");
    // An unquoted site path that leads nowhere is a problem, as a quoted one is.
    site.write("content/tin/a.md", &article("A", "2023-04-07", "", "<img src=/anh/khong-co.png>"));
    let err = site.build_err();
    assert!(err.contains("content/tin/a.md:5:10: `/anh/khong-co.png`"), "{err}");
}

#[test]
fn scripts_are_problems_unless_the_site_allows_them() {
    let body = "<div class=\"fb-post\" data-href=\"https://www.facebook.com/x/posts/1\"></div>\n<script async src=\"https://connect.facebook.net/vi_VN/sdk.js\"></script>\n\nẢnh <img src=\"/anh/a.png\" onerror=\"alert(1)\">\n\n<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>";
    let site = site_with(body);
    let err = site.build_err();
    assert!(err.contains("content/tin/a.md:6:1: thẻ <script> trong bài"), "{err}");
    assert!(err.contains("content/tin/a.md:8:"), "{err}");
    assert!(err.contains("`onerror=` chạy mã"), "{err}");
    assert!(err.contains("content/tin/a.md:10:"), "{err}");
    assert!(err.contains("allow_scripts: true"), "{err}");
    site.write("site.yaml", "base_url: https://example.org/bantin/\nallow_scripts: true\n");
    site.build_ok(&[]);
    let html = site.out("tin/a/index.html");
    assert!(html.contains(r#"<script async src="https://connect.facebook.net/vi_VN/sdk.js"></script>"#), "{html}");
    assert!(html.contains(r#"onerror="alert(1)""#), "{html}");
    // Still no script address, allowed or not.
    site.write("content/tin/a.md", &article("A", "2023-04-07", "", "<a href=javascript:alert(1)>x</a>"));
    assert!(site.build_err().contains("content/tin/a.md:5:"));
}

#[test]
fn base_refresh_and_cut_tags_are_problems() {
    for (body, said) in [
        ("<base href=\"https://example.com/\">", "`<base>`"),
        ("<meta http-equiv=\"refresh\" content=\"0;url=https://example.com/\">", "refresh"),
        ("<div>\n<a href=\"https://example.com/\"", "không đóng bằng `>`"),
        ("<svg><a><set attributeName=\"href\" to=\"javascript:alert(1)\"/></a></svg>", "SVG"),
    ] {
        let err = site_with(body).build_err();
        assert!(err.contains("content/tin/a.md:") && err.contains(said), "{body}:\n{err}");
    }
}

#[test]
fn an_extra_quote_is_a_warning_and_the_rest_of_the_tag_stays() {
    let site = site_with("<figure><img src=\"/anh/a.png\"\" alt=\"Ảnh\"></figure>");
    let out = site.build_ok(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("content/tin/a.md:5:") && stderr.contains("không phải thuộc tính"), "{stderr}");
    assert!(site.out("tin/a/index.html").contains(r#"<img src="../../anh/a.png" alt="Ảnh">"#));
}

#[test]
fn attributes_written_on_a_heading_are_judged_like_raw_html() {
    let site = site_with("## Tiêu đề {#muc-1 onclick=alert(1) data-muc=1}\n\nx");
    let err = site.build_err();
    assert!(err.contains("content/tin/a.md:5:1: `onclick=` chạy mã"), "{err}");
    site.write("content/tin/a.md", &article("A", "2023-04-07", "", "## Tiêu đề {#muc-1 .lop data-muc=1 lang=vi}\n\nx"));
    site.build_ok(&[]);
    assert!(site.out("tin/a/index.html").contains(r#"<h2 id="muc-1" class="lop" data-muc="1" lang="vi">"#));
}

/// The findings of an attack on the first version (each ran a script in Chromium, build exit 0).
#[test]
fn what_an_attacker_found_is_refused() {
    for (body, said) in [
        // A shortcode's output inside an attribute is judged like the attribute's own value.
        ("<iframe src=\"{{< ref path=\"javascript:parent.document.title=1\" >}}\"></iframe>", "là địa chỉ javascript:"),
        (
            "<div title=\"{{< ref path=\"\\\" autofocus onfocus=document.title=1 x=\\\"\" >}}\">z</div>",
            "`onfocus=` chạy mã",
        ),
        // A mark typed by the editor in a link's title is not filled with a shortcode's HTML.
        (
            "<!-- {{< ref path=\"\\\" autofocus onfocus=document.title=1 x=\\\"\" >}} -->\n\n[z](https://example.com \"&#xE000;0&#xE001;\")",
            "không được hiển thị",
        ),
        // Control characters go before the address is judged, not after.
        ("<iframe src=\"java&#x1f;script:parent.document.title=1\"></iframe>", "là địa chỉ javascript:"),
        ("<a href=\"java&#1;script:void(0)\">a</a>", "là địa chỉ javascript:"),
        ("<meta http-equiv=\"re&#1;fresh\" content=\"0;url=https://example.com/\">", "refresh"),
        ("<svg><a><set attributeName=\"hr&#1;ef\" to=\"javascript:void(0)\"/></a></svg>", "SVG"),
        // What the theme's script turns into frames is an address.
        ("<div class=\"doc\" data-doc=\"javascript:parent.document.title=1\"></div>", "là địa chỉ javascript:"),
        ("<a data-embed=\"javascript:void(0)\" href=\"https://example.com\">xem</a>", "là địa chỉ javascript:"),
        // A heading's attributes, inside a GitHub alert too.
        ("> [!NOTE]\n> ## T {tabindex=0 autofocus onfocus=document.title=1}", "`onfocus=` chạy mã"),
        ("- ## T {onclick=alert(1)}", "`onclick=` chạy mã"),
    ] {
        let site = site_with(body);
        let err = site.build_err();
        assert!(err.contains("content/tin/a.md:") && err.contains(said), "{body}:\n{err}");
    }
}

#[test]
fn mark_characters_an_editor_writes_take_nothing_out() {
    // Round 2: a lone mark character in a title and its close in the text took the end of the
    // tag out with them, and the text after came into the tag.
    for shortcode in ["Viết {{</* note */>}} để mở hộp.", "{{< note >}}hi{{< /note >}}"] {
        let body = format!(
            "{shortcode}\n\n![](data:image/png,x \"&#xE000;\") &#xE001;\" onerror=\"document.title='PWNED'\" *x*\n\n[z](https://example.com \"\u{E000}\") \u{E001}\" onmouseover=\"x\""
        );
        let site = site_with(&body);
        site.build_ok(&[]);
        let html = site.out("tin/a/index.html");
        let names: Vec<String> = fuzz::attribute_addresses(&html).into_iter().map(|(n, _)| n).collect();
        assert!(!names.iter().any(|n| n.starts_with("on")), "{names:?}\n{html}");
    }
}

#[test]
fn drawings_and_pages_published_as_they_are_carry_no_script() {
    // Round 2: an SVG next to the article, shown in an <iframe> or linked, ran its script on
    // the site's own address.
    let site = site_with("<iframe src=\"x.svg\"></iframe>\n\n[bảng](bang.html)");
    site.write(
        "content/tin/x.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<script>parent.document.title=\"PWNED\"</script>\n</svg>\n",
    );
    site.write("content/tin/bang.html", "<table>\n<tr><td onclick=\"go()\">1</td></tr>\n</table>\n");
    let err = site.build_err();
    assert!(err.contains("content/tin/x.svg:2:1: thẻ <script>"), "{err}");
    assert!(err.contains("content/tin/bang.html:2:") && err.contains("`onclick=`"), "{err}");
    // A drawing without a script is published as it is.
    site.write("content/tin/x.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\"/></svg>\n");
    site.write("content/tin/bang.html", "<table><tr><td>1</td></tr></table>\n");
    site.build_ok(&[]);
    assert!(site.out("tin/x.svg").contains("<circle r=\"4\"/>"));
    // A site that trusts its authors may publish them.
    site.write("site.yaml", "base_url: https://example.org/bantin/\nallow_scripts: true\n");
    site.write("content/tin/x.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>1</script></svg>\n");
    site.build_ok(&[]);
}

#[test]
fn svg_shapes_stay_self_closed_and_plaintext_ends() {
    let site = site_with(
        "<svg width=\"60\" height=\"20\"><circle cx=\"5\" cy=\"5\" r=\"4\"/><rect x=\"20\" width=\"9\" height=\"9\"/></svg>\n\nXem <plaintext>a<b</plaintext> tiếp.",
    );
    site.build_ok(&[]);
    let html = site.out("tin/a/index.html");
    assert!(html.contains(r#"<circle cx="5" cy="5" r="4" /><rect x="20" width="9" height="9" /></svg>"#), "{html}");
    // <plaintext> never ends in a browser: the rest of the page would be text.
    assert!(!html.contains("<plaintext"), "{html}");
    assert!(html.contains("a&lt;b</xmp> tiếp.</p>"), "{html}");
}

/// Whatever way a script address is written into raw HTML or a Markdown link, no attribute of
/// the page, read as a browser reads it, holds one.
mod fuzz {
    use proptest::prelude::*;

    use bantin::base::paths::{SourcePath, UrlPath};

    struct NoLinks;

    impl bantin::markdown::Links for NoLinks {
        fn page_of(&self, _: &SourcePath) -> Option<&UrlPath> {
            None
        }
        fn has_asset(&self, _: &SourcePath) -> bool {
            false
        }
    }

    /// `javascript:` spelled as browsers still read it: any case, entities for any letter,
    /// tabs and line breaks inside, spaces and controls before.
    fn script_address() -> impl Strategy<Value = String> {
        let scheme = prop_oneof![Just("javascript:"), Just("vbscript:"), Just("data:text/html,")];
        let letter = |c: char| {
            prop_oneof![
                Just(c.to_string()),
                Just(c.to_ascii_uppercase().to_string()),
                Just(format!("&#{};", u32::from(c))),
                Just(format!("&#x{:x};", u32::from(c))),
                Just(format!("&#x{:X}", u32::from(c))),
                Just(format!("&#0000{};", u32::from(c))),
                Just(format!("{c}&#9;")),
                Just(format!("{c}&Tab;")),
                Just(format!("{c}&NewLine;")),
                Just(format!("{c}\n")),
                Just(format!("{c}\t")),
                Just(if c == ':' { "&colon;".to_string() } else { c.to_string() }),
            ]
        };
        let before = prop_oneof![Just(""), Just(" "), Just("&#1;"), Just("\u{1}"), Just("&#32;"), Just("\u{c}")];
        (
            before,
            scheme.prop_flat_map(move |s| {
                let letters: Vec<_> = s.chars().map(letter).collect();
                letters.prop_map(|l| l.concat())
            }),
        )
            .prop_map(|(b, s)| format!("{b}{s}alert(1)"))
    }

    fn attribute() -> impl Strategy<Value = (&'static str, &'static str)> {
        prop::sample::select(
            &[
                ("a", "href"),
                ("area", "href"),
                ("form", "action"),
                ("button", "formaction"),
                ("input type=image", "formaction"),
                ("object", "data"),
                ("embed", "src"),
                ("iframe", "src"),
                ("frame", "src"),
                ("img", "srcset"),
                ("source", "srcset"),
                ("svg><a", "xlink:href"),
                ("svg><a", "href"),
                ("math><mi", "href"),
                ("blockquote", "cite"),
                ("video", "poster"),
                ("link rel=stylesheet", "href"),
                ("use", "href"),
            ][..],
        )
    }

    fn quoted(value: &str, quote: u8) -> String {
        match quote {
            0 => format!("\"{}\"", value.replace('"', "&quot;")),
            1 => format!("'{}'", value.replace('\'', "&#39;")),
            _ => value.replace([' ', '\n', '\t', '>', '"', '\''], ""),
        }
    }

    /// The scheme of every address-bearing attribute of `html`, read by a WHATWG tokenizer.
    pub(super) fn attribute_addresses(html: &str) -> Vec<(String, String)> {
        let mut found = Vec::new();
        let mut emitter = html5gum::DefaultEmitter::default();
        emitter.naively_switch_states(true);
        for token in html5gum::Tokenizer::new_with_emitter(html, emitter).flatten() {
            if let html5gum::Token::StartTag(tag) = token {
                for (name, value) in &tag.attributes {
                    let name = String::from_utf8_lossy(name).into_owned();
                    let value = String::from_utf8_lossy(value).into_owned();
                    found.push((name, value));
                }
            }
        }
        found
    }

    fn runs_a_program(value: &str) -> bool {
        let read: String =
            value.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
        let lower = read.to_ascii_lowercase();
        value.split(',').any(|candidate| {
            let c: String = candidate
                .trim_matches(|c: char| c <= ' ')
                .chars()
                .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                .collect::<String>()
                .to_ascii_lowercase();
            c.starts_with("javascript:") || c.starts_with("vbscript:") || c.starts_with("data:text")
        }) || lower.starts_with("javascript:")
            || lower.starts_with("vbscript:")
            || lower.starts_with("data:text")
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn no_attribute_of_the_page_runs_a_program(
            address in script_address(),
            (element, attr) in attribute(),
            quote in 0u8..3,
            block in any::<bool>(),
            markdown in any::<bool>(),
        ) {
            let body = if markdown {
                format!("[x](<{address}>) and [y]({})", address.replace([' ', '\n'], ""))
            } else {
                let tag = format!("<{element} {attr}={}>x", quoted(&address, quote));
                if block { format!("<div>\n{tag}\n</div>") } else { format!("Xem {tag} nhé.") }
            };
            let source = SourcePath::new("tin/a.md").expect("a source path");
            let rendered = bantin::markdown::render(&source, &body, 5, "../../", &NoLinks);
            for (name, value) in attribute_addresses(rendered.html()) {
                prop_assert!(!runs_a_program(&value), "{body:?}\n→ {}\n{name}={value:?}", rendered.html());
            }
        }
    }
}
