//! Markdown body → HTML, with what a news page needs on top of CommonMark.
//!
//! pulldown-cmark parses (tables, footnotes, strikethrough, task lists); this module then
//! rewrites the event stream once:
//! - headings get ids made from their text the Vietnamese way (`Mục tiêu` → `muc-tieu`),
//!   unique within the page, and a table of contents;
//! - an image alone in its paragraph becomes a `<figure>`, captioned by its title or by the
//!   italic line under it (`*(Toàn cảnh Hội nghị)*`, as Vietnamese portals write captions);
//! - links to other articles written as relative `.md` paths point to their pages; relative
//!   images and files point to where they are published; `/path` links honour the base path;
//!   a link to a `.md` file or an image that does not exist is a problem at its line;
//! - the summary is the text before `<!-- more -->`, else the first paragraph.
//!
//! One module per concern: `links` says where an address leads, `rewrite` judges and
//! rewrites the addresses and raw HTML ([`raw_html`]) of a body, `walk` goes through its
//! events once (`headings`, `figures`, `alerts`, `summary`), `lint` warns about what would
//! be published other than meant, and `shortcode` expands `{{< … >}}` calls with the
//! theme's [`Templates`]. [`render`] runs them in order.

mod alerts;
mod events;
mod figures;
mod headings;
mod kramdown;
mod lines;
mod links;
mod lint;
mod math;
pub mod raw_html;
mod rewrite;
pub(crate) mod shortcode;
mod summary;
mod templates;
mod text;
mod walk;

use crate::base::error::Problem;
use crate::base::messages::Message;
use crate::base::paths::SourcePath;
use crate::msg;

pub(crate) use crate::base::paths::percent_decode;
pub(crate) use headings::Heading;
pub use links::Links;
pub(crate) use links::{Expect, PageAnchor, SitePathRef, Target, encode_path, resolve, scheme_allowed};
pub(crate) use rewrite::removed_said;
pub(crate) use templates::human_size;
pub use templates::{CallData, Declaration, FileData, PhotoData, Templates};
pub(crate) use text::{count_words, escape_text};

/// How a problem of a body is made: the byte offset in the body, the message and the hint.
pub(crate) type ProblemAt<'a> = &'a dyn Fn(usize, Message, Message) -> Problem;

/// A body rendered to HTML, with what listings and search need from it.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The HTML of the body.
    pub(crate) html: String,
    /// The headings, in order.
    pub(crate) toc: Vec<Heading>,
    /// Plain text of the part before `<!-- more -->`, or of the first paragraph.
    pub(crate) summary: String,
    /// Plain text of the whole body, for search and word counts.
    pub(crate) text: String,
    /// Site paths of the images of this site the body shows.
    pub(crate) images: Vec<String>,
    /// Broken links and missing images, at their lines.
    pub problems: Vec<Problem>,
    /// Links to drafts and future articles, and to anchors no heading has.
    pub warnings: Vec<Problem>,
    /// Addresses written as paths from the site's root (`/anh/a.png`), checked once
    /// everything the site publishes is known.
    pub(crate) site_paths: Vec<SitePathRef>,
    /// Links to places in other pages (`a.md#ket-qua`), checked once every page is rendered.
    pub(crate) page_anchors: Vec<links::PageAnchor>,
    /// Every image of the text: its address from the page, its alternative text and its
    /// caption (for an album's photos).
    pub(crate) pictures: Vec<(String, String, String)>,
}

impl Rendered {
    /// The HTML of the body.
    pub fn html(&self) -> &str {
        &self.html
    }
}

/// Renders `body` (starting on line `body_line` of `source`) for a page `root` away from the
/// site root (`../../`).
pub fn render(source: &SourcePath, original: &str, body_line: usize, root: &str, links: &dyn Links) -> Rendered {
    render_nested(source, original, body_line, root, links, 0)
}

/// [`render`] for the body of a shortcode `depth` shortcodes deep.
pub(crate) fn render_nested(
    source: &SourcePath,
    original: &str,
    body_line: usize,
    root: &str,
    links: &dyn Links,
    depth: usize,
) -> Rendered {
    #[cfg(debug_assertions)]
    fault::panic_if_asked(original);
    let lines = lines::Lines::new(original, body_line);
    let original_position = |offset: usize| lines.position(offset);
    // Shortcodes first: each becomes a mark the Markdown keeps, and its HTML goes in after.
    let mut found = shortcode::Found::default();
    let place = shortcode::Place { source, root, links, position: &original_position, depth };
    let expanded = shortcode::expand_body(original, &place, &mut found);
    let body: &str = expanded.as_ref().map_or(original, |e| e.text.as_str());
    // kramdown's lines in braces are blanked out: the offsets stay those of `body`.
    let kramdown = kramdown::read(body);
    let body: &str = kramdown.as_ref().map_or(body, |k| k.text.as_str());
    let mut events = events::parse(body);
    math::money_as_text(body, &mut events);
    let position = |offset: usize| original_position(expanded.as_ref().map_or(offset, |e| e.original(offset)));
    let problem_at = |offset: usize, message: Message, hint: Message| {
        let (line, column) = position(offset);
        Problem::at(source.display(), line, column, message).hint(hint)
    };
    let mut lint = lint::warnings(body, &events, &problem_at);
    let marked = match &kramdown {
        Some(k) => {
            let (marked, said) = k.apply(&mut events);
            let said = k.said.iter().cloned().chain(said);
            lint.extend(said.map(|(at, message, hint)| problem_at(at, message, hint)));
            lint.sort_by_key(|p| (p.line, p.column));
            marked
        }
        None => Vec::new(),
    };
    let rewriter = rewrite::Rewriter::new(source, root, links, &position, &problem_at);
    let walked = walk::walk(&events, marked, rewriter, links, root);
    let mut rendered = finish(walked, lint, body.len(), &problem_at);
    if let Some(e) = &expanded {
        fill_marks(&mut rendered, e, &|at| original_position(at), source);
    }
    rendered.problems.extend(found.problems);
    rendered.problems.sort_by_key(|p| (p.line, p.column));
    rendered.warnings.extend(found.warnings);
    rendered.images.extend(found.images);
    rendered.site_paths.extend(found.site_paths);
    rendered
}

/// The body as HTML, with what the walk found: problems, then the warnings of `lint`, of the
/// addresses and raw HTML, and of anchors no heading has.
fn finish(walked: walk::Walked<'_, '_>, lint: Vec<Problem>, len: usize, problem_at: ProblemAt<'_>) -> Rendered {
    let walk::Walked { mut out, toc, words, pictures, mut rewriter, attributes } = walked;
    rewriter.say_removed();
    let (anchors, moved) = headings::fold_anchors(std::mem::take(&mut rewriter.anchors), &toc.headings);
    headings::retarget(&mut out, &moved);
    let mut html = String::with_capacity(len * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    let html = kramdown::put_attributes(html, &attributes);
    let mut warnings = lint;
    warnings.append(&mut rewriter.warnings);
    warnings.extend(headings::missing_anchors(anchors, &toc.headings, &html, problem_at));
    let (summary, text) = words.finish();
    Rendered {
        html,
        toc: toc.headings,
        summary,
        text,
        images: rewriter.images,
        problems: rewriter.problems,
        warnings,
        site_paths: rewriter.site_paths,
        page_anchors: rewriter.page_anchors,
        pictures,
    }
}

/// Puts each shortcode's HTML and words in place of its mark; a mark inside a tag is taken
/// out, and a problem at the call (`original_position` says where an offset of the body is).
fn fill_marks(
    rendered: &mut Rendered,
    expanded: &shortcode::Expanded,
    original_position: &dyn Fn(usize) -> (usize, usize),
    source: &SourcePath,
) {
    let (html, dropped) = expanded.drop_marks_in_tags(&rendered.html);
    for at in dropped.into_iter().filter_map(|n| expanded.call_at(n)) {
        let (line, column) = original_position(at);
        let problem = Problem::at(source.display(), line, column, msg!("sc-in-tag"));
        rendered.problems.push(problem.hint(msg!("sc-in-tag-hint")));
    }
    rendered.html = expanded.fill_html(&html);
    rendered.text = text::collapse_spaces(&expanded.fill_text(&rendered.text));
    rendered.summary = text::collapse_spaces(&expanded.strip(&rendered.summary));
}

/// Faults on demand, in debug builds only: a body holding the text of `BANTIN_TEST_PANIC`
/// panics while it renders (in a worker thread, as a real fault would), so tests can check
/// that a preview survives it.
#[cfg(debug_assertions)]
mod fault {
    pub(super) fn panic_if_asked(body: &str) {
        static MARK: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
        let mark = MARK.get_or_init(|| std::env::var("BANTIN_TEST_PANIC").ok().filter(|m| !m.is_empty()));
        if let Some(mark) = mark
            && body.contains(mark.as_str())
        {
            panic!("a fault asked for by BANTIN_TEST_PANIC");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::paths::UrlPath;
    use std::collections::HashMap;

    struct Map(HashMap<String, UrlPath>, Vec<String>);
    impl Links for Map {
        fn page_of(&self, source: &SourcePath) -> Option<&UrlPath> {
            self.0.get(source.as_str())
        }
        fn has_asset(&self, source: &SourcePath) -> bool {
            self.1.iter().any(|a| a == source.as_str())
        }
    }

    fn links() -> Map {
        let mut m = HashMap::new();
        m.insert("mat-tran/ky-ket.md".into(), UrlPath::root().child("mat-tran").child("ky-ket"));
        Map(m, vec!["tin-tuc/anh.png".into()])
    }

    fn src() -> SourcePath {
        SourcePath::new("tin-tuc/bai.md").unwrap()
    }

    #[test]
    fn a_code_fence_never_closed_is_a_warning() {
        let r = render(&src(), "Mở đầu.\n\n```\ncode\n\nPhần còn lại.\n", 5, "../../", &links());
        assert_eq!(r.warnings.len(), 1);
        assert_eq!((r.warnings[0].line, r.warnings[0].message.id()), (7, "md-fence-unclosed"));
    }

    #[test]
    fn number_ranges_never_break_and_code_is_left_alone() {
        let r = render(&src(), "Giai đoạn 2021 - 2025, Lao động - Thương binh.\n\n```\n1 - 2\n```\n", 5, "", &links());
        assert!(r.html.contains("Giai đoạn 2021\u{a0}–\u{a0}2025, Lao động - Thương binh."), "{}", r.html);
        assert!(r.html.contains("<code>1 - 2\n</code>"), "{}", r.html);
    }

    #[test]
    fn headings_get_vietnamese_ids_and_a_toc() {
        let r = render(&src(), "## Mục tiêu\n\ntext\n\n## Mục tiêu\n", 5, "../../", &links());
        assert!(r.html.contains("<h2 id=\"muc-tieu\">Mục tiêu</h2>"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"muc-tieu-2\">"), "{}", r.html);
        assert_eq!(r.toc.len(), 2);
    }

    #[test]
    fn image_then_italic_line_is_a_figure() {
        let r = render(&src(), "![Hội nghị](anh.png)\n\n*(Toàn cảnh Hội nghị)*\n\nSau đó.\n", 5, "../../", &links());
        assert!(
            r.html.contains("<figure><img src=\"../../tin-tuc/anh.png\" alt=\"Hội nghị\" loading=\"lazy\"><figcaption>Toàn cảnh Hội nghị</figcaption></figure>"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("<em>"), "{}", r.html);
        assert_eq!(r.summary, "Sau đó.");
    }

    #[test]
    fn image_with_title_is_a_figure() {
        let r = render(&src(), "![a](anh.png \"Quang cảnh\")\n", 1, "", &links());
        assert!(r.html.contains("<figcaption>Quang cảnh</figcaption>"), "{}", r.html);
    }

    #[test]
    fn md_links_point_to_pages_and_missing_ones_are_problems() {
        let r = render(&src(), "Xem [a](../mat-tran/ky-ket.md#x).\n\nXem [b](khong-co.md).\n", 10, "../../", &links());
        assert!(r.html.contains("href=\"../../mat-tran/ky-ket/#x\""), "{}", r.html);
        assert_eq!(r.problems.len(), 1);
        assert_eq!((r.problems[0].line, r.problems[0].column), (12, 5));
        assert!(r.problems[0].to_string().contains("khong-co.md"));
    }

    #[test]
    fn root_links_honour_the_base_path_and_external_stay() {
        let r = render(&src(), "[a](/tin-tuc/x/) [b](https://x.org/) [c](#top)\n", 1, "../../", &links());
        assert!(r.html.contains("href=\"../../tin-tuc/x/\""));
        assert!(r.html.contains("href=\"https://x.org/\""));
        assert!(r.html.contains("href=\"#top\""));
    }

    #[test]
    fn summary_stops_at_more() {
        let r = render(&src(), "Một.\n\nHai.\n\n<!-- more -->\n\nBa.\n", 1, "", &links());
        assert_eq!(r.summary, "Một. Hai.");
        assert_eq!(r.text, "Một. Hai. Ba.");
    }

    #[test]
    fn percent_escapes_decode_and_stray_percents_stay() {
        assert_eq!(percent_decode("K%C3%BD%20k%E1%BA%BFt.md"), "Ký kết.md");
        assert_eq!(percent_decode("50%Ảnh.md"), "50%Ảnh.md");
        assert_eq!(percent_decode("a%2"), "a%2");
    }

    #[test]
    fn refused_and_missing_addresses_say_why_in_both_languages() {
        use crate::base::messages::Lang;
        let r = render(
            &src(),
            "[a](javascript:alert(1)) [b](file:///etc/passwd) ![c](C:\\anh.jpg) [d](../../../x.md) [e](khong.md)\n",
            1,
            "",
            &links(),
        );
        let said: Vec<(String, String)> = r.problems.iter().map(|p| (p.text(Lang::En), p.text(Lang::Vi))).collect();
        assert_eq!(said.len(), 5, "{said:?}");
        assert!(said[0].0.contains("is a javascript: address, which runs a program"), "{said:?}");
        assert!(said[0].1.contains("là địa chỉ javascript:"), "{said:?}");
        assert!(said[1].0.contains("is a file: address, which cannot be used here"), "{said:?}");
        assert!(said[2].1.contains("không mở được — hãy dùng một tệp ảnh"), "{said:?}");
        assert!(said[3].0.contains("`../../../x.md` points outside content/ — fix the path"), "{said:?}");
        assert!(said[4].1.contains("liên kết tới content/tin-tuc/khong.md, tệp này không tồn tại"), "{said:?}");
    }

    #[test]
    fn moved_in_markup_is_said_in_both_languages() {
        use crate::base::messages::Lang;
        let body = "[x](my file.html) $\\foo{x}$ *y*{: .a}\n\n{: ref}\n\n* TOC\n{:toc}\n";
        let r = render(&src(), body, 1, "", &links());
        let said: Vec<(String, String)> = r.warnings.iter().map(|p| (p.text(Lang::En), p.text(Lang::Vi))).collect();
        assert_eq!(said.len(), 5, "{said:?}");
        assert!(said[0].0.contains("allows no space") && said[0].1.contains("`[x](<my file.html>)`"), "{said:?}");
        assert!(said[1].0.contains("`{: .a}` after a word") && said[1].1.contains("sau một chữ"), "{said:?}");
        assert!(
            said[2].0.contains("`{: ref}` is a kramdown attribute line") && said[2].1.contains("kramdown"),
            "{said:?}"
        );
        assert!(said[3].0.contains("kramdown's table of contents") && said[3].1.contains("mục lục"), "{said:?}");
        assert!(said[4].0.contains("formula `\\foo{x}` cannot be read (unknown primitive command found)"), "{said:?}");
        assert!(said[4].1.contains("không đọc được công thức"), "{said:?}");
        assert!(!r.html.contains("TOC") && !r.html.contains("{: ref}"), "{}", r.html);
    }

    #[test]
    fn missing_image_is_a_problem() {
        let r = render(&src(), "text\n\n![x](mat.png)\n", 3, "", &links());
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].line, 5);
    }
}
