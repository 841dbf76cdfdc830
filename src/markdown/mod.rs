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

pub mod raw_html;
pub(crate) mod shortcode;
mod templates;

pub use templates::{CallData, Declaration, FileData, PhotoData, Templates};

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::base::error::Problem;
use crate::base::messages::Message;
use crate::base::paths::SourcePath;
pub(crate) use crate::base::paths::percent_decode;
use crate::base::paths::{Slug, UrlPath};
use crate::msg;

/// A heading of the body, for the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub(crate) struct Heading {
    /// 1 to 6.
    pub(crate) level: u8,
    /// The anchor, unique in the page.
    pub(crate) id: String,
    /// The heading's text.
    pub(crate) title: String,
}

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

/// An address written as a path from the site's root, where it was written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct SitePathRef {
    /// The address as written (`/anh/a.png#x`).
    pub(crate) written: Box<str>,
    /// Where it was written in the file.
    pub(crate) line: u32,
    /// The column.
    pub(crate) column: u32,
    /// What it should lead to.
    pub(crate) expect: Expect,
    /// The front matter key it was written under (`image`, `thumbnail`), if any.
    pub(crate) key: &'static str,
}

impl SitePathRef {
    /// A reference to `written` (a path from the site's root) at `line:column`.
    pub(crate) fn new(written: &str, line: usize, column: usize, expect: Expect) -> SitePathRef {
        let line = u32::try_from(line).unwrap_or(u32::MAX);
        let column = u32::try_from(column).unwrap_or(u32::MAX);
        SitePathRef { written: written.trim().into(), line, column, expect, key: "" }
    }

    /// The path without its leading `/`, query or fragment, percent-decoded (`anh/a.png`).
    pub(crate) fn path(&self) -> String {
        let path = self.written.trim_start_matches('/');
        percent_decode(path.find(['#', '?']).map_or(path, |i| &path[..i]))
    }

    /// Whether a site that publishes the files `published` has something at this path: the
    /// file itself, or a folder's `index.html` (with or without the closing `/`).
    pub(crate) fn found(&self, published: impl Fn(&str) -> bool) -> bool {
        let path = self.path();
        let p = path.as_str();
        if p.is_empty() || p.ends_with('/') {
            return published(&format!("{p}index.html"));
        }
        published(p) || published(&format!("{p}/index.html"))
    }
}

/// What the renderer needs to know about the rest of the site to resolve links.
pub trait Links {
    /// The site path of the page the Markdown file `source` becomes, if it is published.
    fn page_of(&self, source: &SourcePath) -> Option<&UrlPath>;
    /// Whether `source` is an asset file in `content/`.
    fn has_asset(&self, source: &SourcePath) -> bool;
    /// The site path a draft or future article will have once it is published.
    fn unpublished_page_of(&self, _source: &SourcePath) -> Option<&UrlPath> {
        None
    }
    /// Whether the site's `static/` folder has the file at `path` (`images/a.png`).
    fn has_static(&self, _path: &str) -> bool {
        false
    }
    /// The photo published at `path` on the site (`tin-tuc/anh.jpg`), with its sizes.
    fn photo(&self, _path: &str) -> Option<&crate::images::Photo> {
        None
    }
    /// What is wrong with the photo at `path`, when bantin could not make its sizes.
    fn broken_photo(&self, _path: &str) -> Option<&crate::images::Broken> {
        None
    }
    /// The shortcodes bodies may call; `None` leaves them as text (while the theme is broken,
    /// whose problems are said instead).
    fn shortcodes(&self) -> Option<&dyn Templates> {
        None
    }
    /// Notes that the body calls the shortcode `name`.
    fn used_shortcode(&self, _name: &str) {}
    /// The size in bytes of the file published at `path` (`tin/ke-hoach.pdf`).
    fn file_size(&self, _path: &str) -> Option<u64> {
        None
    }
    /// The photos published in the folder `dir` (`tin/anh-hoi-nghi`), sorted by name.
    fn photos_in(&self, _dir: &str) -> Vec<String> {
        Vec::new()
    }
    /// Whether raw HTML may run scripts (`allow_scripts` of `site.yaml`).
    fn scripts(&self) -> crate::markdown::raw_html::Scripts {
        crate::markdown::raw_html::Scripts::Refuse
    }
}

/// Where a link written in a document leads.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// Left as written: another site, a fragment, `mailto:`…
    AsWritten,
    /// A place on this site, relative to its root (`tin-tuc/a/`, `tin-tuc/anh.jpg#x`).
    Site(String),
    /// A draft or future article: its site path to be, and a warning.
    Unpublished(String, Message),
    /// A `.md` file or asset that is not there, and what to do when there is more to say
    /// than the usual.
    Missing(Message, Option<Message>),
    /// An address of a kind that may not be used here (`javascript:` runs a program).
    Refused(Message),
}

/// What an address written in a document should lead to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Expect {
    /// A link in the text: a page, a file, another site, `mailto:`…
    Link,
    /// An image in the text: a file of the site, or an image on another site.
    Image,
    /// The `image:` of the front matter, shown on the page and shared on Facebook and Zalo:
    /// a file of the site or an `http(s)` address.
    SharedImage,
}

/// Whether an address with a scheme may be used as `expect` says; the reason when not.
fn check_scheme(dest: &str, expect: Expect) -> Result<(), Message> {
    let scheme = crate::base::paths::scheme_of(dest).unwrap_or_default().to_ascii_lowercase();
    let web = scheme == "http" || scheme == "https";
    let ok = match expect {
        Expect::SharedImage => web,
        Expect::Image => web || dest.get(..11).is_some_and(|p| p.eq_ignore_ascii_case("data:image/")),
        Expect::Link => !matches!(scheme.as_str(), "javascript" | "vbscript" | "data" | "file" | "blob"),
    };
    if ok {
        return Ok(());
    }
    let shown: String = dest.chars().take(60).collect();
    Err(match scheme.as_str() {
        "javascript" | "vbscript" => msg!("md-script-address", address = shown, scheme = scheme),
        s if s.len() == 1 => msg!("md-local-path", address = shown),
        _ => msg!("md-refused-scheme", address = shown, scheme = scheme),
    })
}

/// Whether an address written into HTML as it is (a template's output, a file of `content/`)
/// may stay there: its scheme, as a browser reads it, judged as in an article's raw HTML.
pub(crate) fn scheme_allowed(value: &str, usage: crate::markdown::raw_html::Use) -> Result<(), Message> {
    let read = crate::markdown::raw_html::as_browser_reads(value);
    let expect = if usage == crate::markdown::raw_html::Use::Image { Expect::Image } else { Expect::Link };
    match crate::base::paths::scheme_of(&read) {
        Some(_) => check_scheme(&read, expect),
        None => Ok(()),
    }
}

/// The CommonMark extensions bantin turns on.
fn options() -> Options {
    Options::ENABLE_GFM
        | Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// What to do about a link or image that is missing, or whose kind of address is refused.
fn broken_hint(image: bool, refused: bool) -> Message {
    match (image, refused) {
        (true, false) => msg!("md-missing-image-hint"),
        (false, false) => msg!("md-missing-link-hint"),
        (true, true) => msg!("md-refused-image-hint"),
        (false, true) => msg!("md-refused-link-hint"),
    }
}

/// Resolves a link or image address written in `source`. An image that is not there is a
/// problem even when it does not end in `.md`; addresses with a scheme are checked against
/// what `expect` allows.
pub(crate) fn resolve(dest: &str, source: &SourcePath, links: &dyn Links, expect: Expect) -> Target {
    // As a browser reads it: `java\tscript:` is `javascript:`.
    let dest = crate::markdown::raw_html::as_browser_reads(dest);
    let dest = dest.as_ref();
    if crate::base::paths::scheme_of(dest).is_some() {
        return match check_scheme(dest, expect) {
            Ok(()) => Target::AsWritten,
            Err(message) => Target::Refused(message),
        };
    }
    if dest.is_empty() || crate::base::paths::is_external(dest) {
        return Target::AsWritten;
    }
    let asset_expected = expect != Expect::Link;
    let (path, suffix) = match dest.find(['#', '?']) {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    };
    // What is shared on Facebook and Zalo must be a photo they show, whatever else exists.
    if expect == Expect::SharedImage {
        let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        if !matches!(ext.as_str(), "jpg" | "jpeg" | "png" | "webp" | "gif") {
            return Target::Refused(msg!("md-not-a-photo", dest = dest));
        }
    }
    if let Some(site) = path.strip_prefix('/') {
        // `/tin/a.md` (as Hugo's `ref` writes it): the Markdown file from `content/`.
        if let Some(target) = SourcePath::new(&percent_decode(site)).filter(SourcePath::is_markdown) {
            if let Some(url) = links.page_of(&target) {
                return Target::Site(format!("{}{suffix}", url.as_str()));
            }
            return Target::Missing(msg!("md-link-missing", dest = dest, target = target.to_string()), None);
        }
        return Target::Site(format!("{site}{suffix}"));
    }
    let decoded = percent_decode(path);
    let Some(target) = source.join_relative(&decoded) else {
        return Target::Missing(msg!("md-outside-content", dest = dest), None);
    };
    if target.is_markdown() {
        if let Some(url) = links.page_of(&target) {
            return Target::Site(format!("{}{suffix}", url.as_str()));
        }
        return match links.unpublished_page_of(&target) {
            Some(url) => Target::Unpublished(
                format!("{}{suffix}", url.as_str()),
                msg!("md-link-unpublished", dest = dest, target = target.to_string()),
            ),
            None => Target::Missing(msg!("md-link-missing", dest = dest, target = target.to_string()), None),
        };
    }
    if links.has_asset(&target) {
        return Target::Site(format!("{}{suffix}", encode_path(target.as_str())));
    }
    if asset_expected {
        // Jekyll sites write `images/a.png` for what lies in the site's own images/ folder, and
        // their themes put a bare `thumbnail: a.png` under `/images/`.
        let written = decoded.trim_start_matches("./");
        let in_images = (!written.contains('/')).then(|| format!("images/{written}"));
        if let Some(found) = std::iter::once(written.to_string()).chain(in_images).find(|p| links.has_static(p)) {
            let message = msg!("md-file-missing", dest = dest, target = target.to_string());
            return Target::Missing(message, Some(msg!("md-file-in-static-hint", site_path = format!("/{found}"))));
        }
        Target::Missing(msg!("md-file-missing", dest = dest, target = target.to_string()), None)
    } else {
        Target::AsWritten
    }
}

/// Escapes what may not stand in a URL path as written (spaces), leaving UTF-8 as it is.
pub(crate) fn encode_path(path: &str) -> String {
    path.replace(' ', "%20")
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
    // Where each line starts, found once (only when there is a problem): a text with thousands
    // of broken links costs one pass, not one per link.
    let line_starts: std::cell::OnceCell<Vec<usize>> = std::cell::OnceCell::new();
    let original_position = |offset: usize| {
        let offset = offset.min(original.len());
        let starts = line_starts
            .get_or_init(|| std::iter::once(0).chain(original.match_indices('\n').map(|(i, _)| i + 1)).collect());
        let index = starts.partition_point(|&s| s <= offset) - 1;
        let column = original[starts[index]..offset].chars().count() + 1;
        (body_line + index, column)
    };
    // Shortcodes first: each becomes a mark the Markdown keeps, and its HTML goes in after.
    let mut found = crate::markdown::shortcode::Found::default();
    let expanded = match links.shortcodes() {
        Some(shortcodes) if crate::markdown::shortcode::may_have(original) => {
            let code = code_ranges(original);
            let place = crate::markdown::shortcode::Place { source, root, links, position: &original_position, depth };
            Some(crate::markdown::shortcode::expand(original, &code, shortcodes, &place, &mut found))
        }
        _ => None,
    };
    let body: &str = expanded.as_ref().map_or(original, |e| e.text.as_str());
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(body, options()).into_offset_iter().collect();
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut rendered = Rendered::default();
    // Heading ids used so far, each with the next number to try after it (`muc-tieu-2`…).
    let mut used_ids: rustc_hash::FxHashMap<String, usize> = rustc_hash::FxHashMap::default();
    let mut text = String::new();
    let mut summary_before_more: Option<String> = None;
    let mut first_paragraph: Option<String> = None;
    let position = |offset: usize| original_position(expanded.as_ref().map_or(offset, |e| e.original(offset)));
    let problem_at = |offset: usize, message: Message, hint: Message| {
        let (line, column) = position(offset);
        Problem::at(source.display(), line, column, message).hint(hint)
    };
    let mut images: Vec<String> = Vec::new();
    let mut warnings: Vec<Problem> = Vec::new();
    // Template code of the generator a site comes from (Jekyll's `{% include … %}`, Hugo's
    // `{{< youtube … >}}`) would be published as text: say so, a few times per file.
    let mut in_code = false;
    let mut templates: Vec<(String, usize)> = Vec::new();
    let mut unclosed_fence: Option<usize> = None;
    // The parser cuts text at `<`, `[`…: a run of text events is looked at as one.
    let mut run: Option<std::ops::Range<usize>> = None;
    let mut look = |run: &mut Option<std::ops::Range<usize>>| {
        if let Some(r) = run.take() {
            for (at, code) in template_code(&body[r.clone()]) {
                templates.push((code, r.start + at));
            }
        }
    };
    for (event, range) in &events {
        match event {
            // Line breaks too: a tag may be written over several lines.
            Event::Text(_) | Event::SoftBreak | Event::HardBreak if !in_code => {
                run = Some(run.take().map_or(range.clone(), |r| r.start..range.end.max(r.end)));
            }
            _ => {
                look(&mut run);
                match event {
                    Event::Start(Tag::CodeBlock(kind)) => {
                        in_code = true;
                        if matches!(kind, pulldown_cmark::CodeBlockKind::Fenced(_))
                            && !fence_closed(&body[range.clone()])
                        {
                            // The rest of the article would be shown as code, in silence.
                            unclosed_fence = Some(range.start);
                        }
                    }
                    Event::End(TagEnd::CodeBlock) => in_code = false,
                    _ => {}
                }
            }
        }
    }
    look(&mut run);
    if let Some(at) = unclosed_fence {
        warnings.push(problem_at(at, msg!("md-fence-unclosed"), msg!("md-fence-unclosed-hint")));
    }
    const SHOWN_TEMPLATES: usize = 5;
    for (code, offset) in templates.iter().take(SHOWN_TEMPLATES) {
        let hint = if code.starts_with("{{<") || code.starts_with("{{%") {
            msg!("md-template-shortcode-hint")
        } else {
            msg!("md-template-liquid-hint")
        };
        warnings.push(problem_at(*offset, msg!("md-template-code", code = code.as_str()), hint));
    }
    if templates.len() > SHOWN_TEMPLATES {
        let (_, offset) = &templates[SHOWN_TEMPLATES];
        let more = templates.len() - SHOWN_TEMPLATES;
        warnings.push(problem_at(
            *offset,
            msg!("md-template-code-more", count = more),
            msg!("md-template-liquid-hint"),
        ));
    }

    let mut site_paths: Vec<SitePathRef> = Vec::new();
    // Same-page anchors (`#ket-qua`) the text links to, checked once every heading is known.
    let mut anchors: Vec<(String, usize)> = Vec::new();
    use crate::markdown::raw_html::Address;
    let scripts = links.scripts();
    let mut removed: Vec<RemovedAt> = Vec::new();
    let mut rewrite = |dest: &str, offset: usize, image: bool, problems: &mut Vec<Problem>| -> Address {
        let expect = if image { Expect::Image } else { Expect::Link };
        let written = dest.trim();
        let markdown_file = written.split(['#', '?']).next().is_some_and(|p| p.to_ascii_lowercase().ends_with(".md"));
        if written.starts_with('/') && !written.starts_with("//") && !markdown_file {
            let (line, column) = position(offset);
            site_paths.push(SitePathRef::new(written, line, column, expect));
        } else if let Some(anchor) = written.strip_prefix('#')
            && !image
        {
            anchors.push((percent_decode(anchor), offset));
        }
        match resolve(dest, source, links, expect) {
            Target::AsWritten => Address::AsWritten,
            Target::Site(path) => {
                let href = format!("{root}{path}");
                if image {
                    // A damaged photo is said here, where the editor wrote it.
                    if let Some(b) = links.broken_photo(&percent_decode(&path)) {
                        let message = msg!(
                            "photo-used-broken",
                            file = b.shown.display().to_string(),
                            problem = b.message.clone()
                        );
                        let subject = crate::base::error::Subject::BrokenPhotoUsed(b.shown.clone());
                        problems.push(problem_at(offset, message, b.hint.clone()).about(subject));
                    }
                    images.push(path);
                }
                Address::Rewritten(href)
            }
            Target::Unpublished(path, message) => {
                warnings.push(problem_at(offset, message, msg!("md-link-unpublished-hint")));
                Address::Rewritten(format!("{root}{path}"))
            }
            Target::Missing(message, hint) => {
                problems.push(problem_at(offset, message, hint.unwrap_or_else(|| broken_hint(image, false))));
                Address::AsWritten
            }
            Target::Refused(message) => {
                problems.push(problem_at(offset, message, broken_hint(image, true)));
                Address::Refused
            }
        }
    };

    let mut pictures = 0usize;
    let mut in_code_block = false;
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        match event {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let end = find_end(&events, i);
                let title = plain_text(&events[i + 1..end]);
                let id = match id {
                    Some(id) => id.to_string(),
                    None => unique_id(&title, &mut used_ids),
                };
                used_ids.entry(id.clone()).or_insert(2);
                rendered.toc.push(Heading { level: heading_number(*level), id: id.clone(), title: title.clone() });
                let start = Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(id.into()),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                });
                out.push(rewrite_event(
                    start,
                    range.start,
                    &mut rewrite,
                    scripts,
                    &mut rendered.problems,
                    &mut removed,
                ));
                for (e, r) in &events[i + 1..end] {
                    out.push(typeset(rewrite_event(
                        e.clone(),
                        r.start,
                        &mut rewrite,
                        scripts,
                        &mut rendered.problems,
                        &mut removed,
                    )));
                }
                out.push(Event::End(TagEnd::Heading(*level)));
                push_text(&mut text, &title);
                i = end + 1;
                continue;
            }
            Event::Start(Tag::Paragraph) => {
                let end = find_end(&events, i);
                if let Some(figure) = figure_at(&events, i, end) {
                    let (caption, next) = match &figure.caption {
                        Some(c) => (Some(c.clone()), end + 1),
                        None => match caption_paragraph(&events, end + 1) {
                            Some((c, after)) => (Some(c), after),
                            None => (None, end + 1),
                        },
                    };
                    let src = match rewrite(&figure.dest, figure.offset, true, &mut rendered.problems) {
                        Address::AsWritten => figure.dest.to_string(),
                        Address::Rewritten(new) => new,
                        Address::Refused => String::new(),
                    };
                    let photo = src.strip_prefix(root).and_then(|p| links.photo(&percent_decode(p)));
                    let mut html = match photo {
                        Some(photo) => {
                            pictures += 1;
                            format!("<figure>{}", picture(photo, &src, &figure.alt, root, ARTICLE_SIZES, pictures == 1))
                        }
                        None => format!(
                            "<figure><img src=\"{}\" alt=\"{}\" loading=\"lazy\">",
                            escape_attr(&src),
                            escape_attr(&figure.alt)
                        ),
                    };
                    rendered.pictures.push((src.clone(), figure.alt.clone(), caption.clone().unwrap_or_default()));
                    if let Some(c) = &caption {
                        html.push_str(&format!("<figcaption>{}</figcaption>", escape_text(c)));
                        push_text(&mut text, c);
                    }
                    html.push_str("</figure>\n");
                    out.push(Event::Html(html.into()));
                    i = next;
                    continue;
                }
                let para = plain_text(&events[i + 1..end]);
                if first_paragraph.is_none()
                    && !para.trim().is_empty()
                    && !crate::markdown::shortcode::only_marks(&para)
                {
                    first_paragraph = Some(para.clone());
                }
                push_text(&mut text, &para);
                out.push(Event::Start(Tag::Paragraph));
                for (j, (e, r)) in events.iter().enumerate().take(end).skip(i + 1) {
                    if is_more_marker(e) && summary_before_more.is_none() {
                        summary_before_more = Some(text.clone());
                    }
                    let new =
                        rewrite_event(e.clone(), r.start, &mut rewrite, scripts, &mut rendered.problems, &mut removed);
                    if let Event::Start(Tag::Image { dest_url, title, .. }) = &new {
                        let alt = plain_text(&events[j + 1..find_end(&events, j)]);
                        rendered.pictures.push((dest_url.to_string(), alt, title.to_string()));
                    }
                    out.push(typeset(new));
                }
                out.push(Event::End(TagEnd::Paragraph));
                i = end + 1;
                continue;
            }
            e if is_more_marker(e) && summary_before_more.is_none() => {
                summary_before_more = Some(text.clone());
            }
            // An HTML block is read as one piece: a tag may run over several of its lines.
            Event::Start(Tag::HtmlBlock) => {
                let end = find_end(&events, i);
                let block = &events[i + 1..end];
                if summary_before_more.is_none() && block.iter().any(|(e, _)| is_more_marker(e)) {
                    summary_before_more = Some(text.clone());
                }
                let html = html_block(block, &mut rewrite, scripts, &mut rendered.problems, &mut removed);
                out.push(Event::Html(html.into()));
                i = end + 1;
                continue;
            }
            // GitHub's alerts (`> [!NOTE]`) are the theme's `note` boxes.
            Event::Start(Tag::BlockQuote(Some(kind)))
                if links.shortcodes().is_some_and(|s| s.declaration("note").is_some()) =>
            {
                let end = find_end(&events, i);
                let mut inner: Vec<Event<'_>> = Vec::with_capacity(end - i);
                let mut j = i + 1;
                while j < end {
                    let (e, r) = &events[j];
                    if matches!(e, Event::Start(Tag::HtmlBlock)) {
                        let block_end = find_end(&events, j);
                        let html = html_block(
                            &events[j + 1..block_end],
                            &mut rewrite,
                            scripts,
                            &mut rendered.problems,
                            &mut removed,
                        );
                        inner.push(Event::Html(html.into()));
                        j = block_end + 1;
                        continue;
                    }
                    inner.push(rewrite_event(
                        e.clone(),
                        r.start,
                        &mut rewrite,
                        scripts,
                        &mut rendered.problems,
                        &mut removed,
                    ));
                    j += 1;
                }
                let mut inner_html = String::new();
                pulldown_cmark::html::push_html(&mut inner_html, inner.into_iter());
                let inner_text = plain_text(&events[i + 1..end]);
                push_text(&mut text, &inner_text);
                let kind = match kind {
                    pulldown_cmark::BlockQuoteKind::Note => "note",
                    pulldown_cmark::BlockQuoteKind::Tip => "tip",
                    pulldown_cmark::BlockQuoteKind::Important => "important",
                    pulldown_cmark::BlockQuoteKind::Warning => "warning",
                    pulldown_cmark::BlockQuoteKind::Caution => "caution",
                };
                let (line, column) = position(range.start);
                match links.shortcodes().and_then(|s| alert(s, kind, inner_html, line, column, root)) {
                    Some(Ok(html)) => out.push(Event::Html(html.into())),
                    Some(Err(message)) => rendered.problems.push(problem_at(
                        range.start,
                        message,
                        msg!("sc-render-error-hint", name = "note"),
                    )),
                    None => {}
                }
                i = end + 1;
                continue;
            }
            Event::Text(t) | Event::Code(t) => push_text(&mut text, t),
            _ => {}
        }
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            _ => {}
        }
        let new =
            rewrite_event(event.clone(), range.start, &mut rewrite, scripts, &mut rendered.problems, &mut removed);
        out.push(if in_code_block { new } else { typeset(new) });
        i += 1;
    }

    for (at, what) in removed {
        let (message, hint) = removed_said(&what);
        match what {
            crate::markdown::raw_html::Removed::OddAttribute(_) => warnings.push(problem_at(at, message, hint)),
            _ => rendered.problems.push(problem_at(at, message, hint)),
        }
    }

    // Ids the page has besides its headings' (footnotes, raw HTML) are not all known here:
    // only links to an id that appears nowhere in the page are reported.
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    let headings: Vec<&str> = rendered.toc.iter().map(|h| h.id.as_str()).collect();
    for (anchor, offset) in anchors {
        let shown = format!("#{anchor}");
        if anchor.is_empty()
            || headings.contains(&anchor.as_str())
            || html.contains(&format!("id=\"{anchor}\""))
            || html.contains(&format!("name=\"{anchor}\""))
        {
            continue;
        }
        let hint = if headings.is_empty() {
            msg!("md-anchor-missing-no-headings-hint")
        } else {
            // The closest first (`#tham-kh-o` for `#tham-khao`), then the page's order.
            let mut by_closeness: Vec<&&str> = headings.iter().collect();
            by_closeness.sort_by(|a, b| {
                strsim::normalized_levenshtein(&anchor, b).total_cmp(&strsim::normalized_levenshtein(&anchor, a))
            });
            let mut list: Vec<String> = by_closeness.iter().take(6).map(|h| format!("#{h}")).collect();
            if headings.len() > 6 {
                list.push("…".into());
            }
            msg!("md-anchor-missing-hint", anchors = list.join(", "))
        };
        warnings.push(problem_at(offset, msg!("md-anchor-missing", anchor = shown), hint));
    }
    rendered.images = images;
    rendered.warnings = warnings;
    rendered.site_paths = site_paths;
    rendered.html = html;
    rendered.summary = summary_before_more
        .filter(|s| !s.trim().is_empty())
        .or(first_paragraph)
        .map(|s| collapse_spaces(&s))
        .unwrap_or_default();
    rendered.text = collapse_spaces(&text);
    if let Some(e) = &expanded {
        let (html, dropped) = e.drop_marks_in_tags(&rendered.html);
        for at in dropped.into_iter().filter_map(|n| e.call_at(n)) {
            let (line, column) = original_position(at);
            let problem = Problem::at(source.display(), line, column, msg!("sc-in-tag"));
            rendered.problems.push(problem.hint(msg!("sc-in-tag-hint")));
        }
        rendered.html = e.fill_html(&html);
        rendered.text = collapse_spaces(&e.fill_text(&rendered.text));
        rendered.summary = collapse_spaces(&e.strip(&rendered.summary));
    }
    rendered.problems.extend(found.problems);
    rendered.problems.sort_by_key(|p| (p.line, p.column));
    rendered.warnings.extend(found.warnings);
    rendered.images.extend(found.images);
    rendered.site_paths.extend(found.site_paths);
    rendered
}

/// A GitHub alert (`> [!WARNING]`) as the `note` box of kind `kind`, when there is one.
fn alert(
    templates: &dyn Templates,
    kind: &str,
    body: String,
    line: usize,
    column: usize,
    root: &str,
) -> Option<Result<String, Message>> {
    templates.declaration("note")?;
    let data = CallData {
        name: "note".into(),
        args: std::collections::BTreeMap::from([("type".to_string(), kind.to_string())]),
        pos: Vec::new(),
        body: Some(body),
        inner: None,
        files: std::collections::BTreeMap::new(),
        photos: Vec::new(),
        root: root.to_string(),
        id: format!("sc-{line}-{column}"),
    };
    Some(templates.render(&data))
}

/// Whether a fenced code block (its whole text, fences included) ends with a closing fence
/// of its own kind, at least as long as the opening one.
fn fence_closed(block: &str) -> bool {
    let bare = |line: &str| line.trim_start_matches(|c: char| c == '>' || c.is_whitespace()).trim_end().to_string();
    let opening = bare(block.lines().next().unwrap_or_default());
    let Some(fence_char) = opening.chars().next().filter(|c| *c == '`' || *c == '~') else { return true };
    let len = opening.chars().take_while(|c| *c == fence_char).count();
    let mut lines = block.trim_end().lines();
    lines.next();
    lines.next_back().is_some_and(|last| {
        let last = bare(last);
        last.chars().take_while(|c| *c == fence_char).count() >= len && last.trim_start_matches(fence_char).is_empty()
    })
}

/// Vietnamese news typography in text (see [`crate::base::text::typeset`]).
fn typeset(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Text(t) => {
            let changed = match crate::base::text::typeset(&t) {
                Cow::Owned(out) => Some(out),
                Cow::Borrowed(_) => None,
            };
            Event::Text(changed.map_or(t, CowStr::from))
        }
        other => other,
    }
}

/// The byte ranges of the code spans and code blocks of a body: shortcodes there are text.
fn code_ranges(body: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut block: Option<usize> = None;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Code(_) => ranges.push(range),
            Event::Start(Tag::CodeBlock(_)) => block = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(start) = block.take() {
                    ranges.push(start..range.end);
                }
            }
            _ => {}
        }
    }
    ranges
}

/// Template code in a text: `{% … %}` (Liquid) and `{{ … }}` (Liquid's values, Hugo's
/// shortcodes), each with its byte offset, cut to a readable length.
fn template_code(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = text[from..].find(['{']).map(|i| from + i) {
        let rest = &text[start..];
        let close = if rest.starts_with("{%") {
            "%}"
        } else if rest.starts_with("{{") {
            "}}"
        } else {
            from = start + 1;
            continue;
        };
        match rest[2..].find(close) {
            Some(end) => {
                // On one line, as it is shown in a message.
                let code = collapse_spaces(&rest[..end + 4]);
                let shown: String = code.chars().take(60).collect();
                found.push((start, if shown.len() < code.len() { format!("{shown}…") } else { shown }));
                from = start + end + 4;
            }
            None => break,
        }
    }
    found
}

/// How wide a photo in an article's text is shown: the whole screen on a phone, the text's
/// column on wider ones.
const ARTICLE_SIZES: &str = "(max-width: 800px) 100vw, 760px";

/// A photo with its WebP variants for the browser to choose from, its size (so the page does
/// not jump while it loads) and the JPEG at its own path for the rest.
/// The first photo of a text is often the largest thing on the screen when the page opens: it
/// loads at once; the others when the reader scrolls near them.
pub(crate) fn picture(
    photo: &crate::images::Photo,
    src: &str,
    alt: &str,
    root: &str,
    sizes: &str,
    first: bool,
) -> String {
    let loading = if first { "" } else { " loading=\"lazy\"" };
    // An animated photo has no sizes: the file itself.
    if photo.variants.is_empty() {
        return format!(
            "<img src=\"{}\" alt=\"{}\" width=\"{}\" height=\"{}\"{loading} decoding=\"async\">",
            escape_attr(src),
            escape_attr(alt),
            photo.width,
            photo.height
        );
    }
    format!(
        "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{sizes}\"><img src=\"{}\" alt=\"{}\" width=\"{}\" height=\"{}\"{loading} decoding=\"async\"></picture>",
        escape_attr(&photo.srcset(root)),
        escape_attr(src),
        escape_attr(alt),
        photo.width,
        photo.height
    )
}

/// What a piece of raw HTML left out, at its byte offset in the body.
type RemovedAt = (usize, crate::markdown::raw_html::Removed);

/// How the addresses of a body are judged and rewritten: the address, its byte offset in the
/// body, whether it is an image, and where problems go.
trait Rewrite: FnMut(&str, usize, bool, &mut Vec<Problem>) -> crate::markdown::raw_html::Address {}
impl<F: FnMut(&str, usize, bool, &mut Vec<Problem>) -> crate::markdown::raw_html::Address> Rewrite for F {}

/// Rewrites the address of a link or image event, and raw HTML (see [`crate::markdown::raw_html`]);
/// every other event passes unchanged.
fn rewrite_event<'a>(
    event: Event<'a>,
    offset: usize,
    rewrite: &mut impl Rewrite,
    scripts: crate::markdown::raw_html::Scripts,
    problems: &mut Vec<Problem>,
    removed: &mut Vec<RemovedAt>,
) -> Event<'a> {
    use crate::markdown::raw_html::Address;
    let mut address =
        |dest: CowStr<'a>, image: bool, problems: &mut Vec<Problem>| match rewrite(&dest, offset, image, problems) {
            Address::AsWritten => dest,
            Address::Rewritten(new) => CowStr::from(new),
            Address::Refused => CowStr::from(""),
        };
    match event {
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let dest_url = address(dest_url, false, problems);
            Event::Start(Tag::Link { link_type, dest_url, title, id })
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            let dest_url = address(dest_url, true, problems);
            Event::Start(Tag::Image { link_type, dest_url, title, id })
        }
        // `{#id key=value}`: attributes written on a heading are judged as raw HTML's are
        // (`{onclick=…}` would run a script), wherever the heading is.
        Event::Start(Tag::Heading { level, id, classes, attrs }) if !attrs.is_empty() => {
            let element = format!("h{}", heading_number(level));
            let mut kept = Vec::with_capacity(attrs.len());
            for (name, value) in attrs {
                let written = value.as_deref().unwrap_or_default();
                let mut judge = |v: &str, usage: crate::markdown::raw_html::Use, _: usize| {
                    rewrite(v, offset, usage == crate::markdown::raw_html::Use::Image, problems)
                };
                match crate::markdown::raw_html::judge_attribute(&element, &name, written, 0, scripts, &mut judge) {
                    Ok(Some(v)) => kept.push((name, value.map(|_| CowStr::from(v)))),
                    Ok(None) => {}
                    Err(what) => removed.push((offset, what)),
                }
            }
            Event::Start(Tag::Heading { level, id, classes, attrs: kept })
        }
        Event::Html(html) => Event::Html(
            clean_html(&html, &[(0, offset..offset + html.len())], rewrite, scripts, problems, removed).into(),
        ),
        Event::InlineHtml(html) => Event::InlineHtml(
            clean_html(&html, &[(0, offset..offset + html.len())], rewrite, scripts, problems, removed).into(),
        ),
        other => other,
    }
}

/// What to say of something raw HTML left out: the message and the hint. An odd attribute is
/// a warning; everything else a problem.
pub(crate) fn removed_said(what: &crate::markdown::raw_html::Removed) -> (Message, Message) {
    use crate::markdown::raw_html::Removed;
    match what {
        Removed::Script => (msg!("html-script"), msg!("html-script-hint")),
        Removed::Handler(name) => (msg!("html-handler", name = name.as_str()), msg!("html-script-hint")),
        Removed::Srcdoc => (msg!("html-srcdoc"), msg!("html-script-hint")),
        Removed::Base => (msg!("html-base"), msg!("html-base-hint")),
        Removed::Refresh => (msg!("html-refresh"), msg!("html-refresh-hint")),
        Removed::LinkAnimation => (msg!("html-link-animation"), msg!("html-link-animation-hint")),
        Removed::Unclosed => (msg!("html-unclosed"), msg!("html-unclosed-hint")),
        Removed::OddAttribute(name) => {
            (msg!("html-odd-attribute", name = name.as_str()), msg!("html-odd-attribute-hint"))
        }
    }
}

/// The lines of an HTML block, read as one piece (see [`clean_html`]).
fn html_block(
    lines: &[(Event<'_>, Range<usize>)],
    rewrite: &mut impl Rewrite,
    scripts: crate::markdown::raw_html::Scripts,
    problems: &mut Vec<Problem>,
    removed: &mut Vec<RemovedAt>,
) -> String {
    let mut html = String::new();
    let mut pieces = Vec::with_capacity(lines.len());
    for (e, r) in lines {
        if let Event::Html(line) | Event::Text(line) = e {
            pieces.push((html.len(), r.clone()));
            html.push_str(line);
        }
    }
    if pieces.is_empty() {
        return html;
    }
    clean_html(&html, &pieces, rewrite, scripts, problems, removed)
}

/// Raw HTML read as a browser reads it and written again ([`crate::markdown::raw_html::clean`]): its
/// addresses go through the same resolution as Markdown's (site paths follow the base path
/// and are checked, relative `.md` links point to their pages, `javascript:` is refused).
/// `pieces` says where each part of `html` was in the body: its start in `html` and its
/// range in the body (a block's lines, whose quote marks `> ` the parser took away).
fn clean_html(
    html: &str,
    pieces: &[(usize, Range<usize>)],
    rewrite: &mut impl Rewrite,
    scripts: crate::markdown::raw_html::Scripts,
    problems: &mut Vec<Problem>,
    removed: &mut Vec<RemovedAt>,
) -> String {
    let in_body = |at: usize| {
        let i = pieces.partition_point(|(start, _)| *start <= at).saturating_sub(1);
        let (_, range) = &pieces[i];
        let next = pieces.get(i + 1).map_or(html.len(), |(s, _)| *s);
        // Anchored at the end of the line: what the parser took away is at its start.
        range.end.saturating_sub(next - at).max(range.start)
    };
    let (out, findings) = crate::markdown::raw_html::clean(html, scripts, &mut |value, usage, at| {
        rewrite(value, in_body(at), usage == crate::markdown::raw_html::Use::Image, problems)
    });
    removed.extend(findings.into_iter().map(|f| (in_body(f.at), f.removed)));
    out
}

fn is_more_marker(event: &Event<'_>) -> bool {
    matches!(event, Event::Html(h) | Event::InlineHtml(h) if h.trim() == "<!-- more -->")
}

/// The index of the `End` event matching the `Start` at `start`.
fn find_end(events: &[(Event<'_>, Range<usize>)], start: usize) -> usize {
    let mut depth = 0usize;
    for (j, (e, _)) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

struct Figure {
    dest: String,
    alt: String,
    offset: usize,
    caption: Option<String>,
}

/// A paragraph holding one image and nothing else (or one image, a line break and an italic
/// caption) is a figure.
fn figure_at(events: &[(Event<'_>, Range<usize>)], start: usize, end: usize) -> Option<Figure> {
    let inner = &events[start + 1..end];
    let (Event::Start(Tag::Image { dest_url, title, .. }), range) = inner.first()? else {
        return None;
    };
    let image_end = find_end(inner, 0);
    let alt = plain_text(&inner[1..image_end]);
    let rest: Vec<&Event<'_>> = inner[image_end + 1..]
        .iter()
        .map(|(e, _)| e)
        .filter(|e| !matches!(e, Event::Text(t) if t.trim().is_empty()))
        .collect();
    let caption = if rest.is_empty() {
        (!title.is_empty()).then(|| title.to_string())
    } else if matches!(rest[0], Event::SoftBreak | Event::HardBreak) {
        caption_events(&inner[image_end + 1..])?.into()
    } else {
        return None;
    };
    Some(Figure { dest: dest_url.to_string(), alt, offset: range.start, caption: caption.map(|c| strip_parens(&c)) })
}

/// The caption in the events after an image's line break: one emphasis and nothing else.
fn caption_events(events: &[(Event<'_>, Range<usize>)]) -> Option<String> {
    let rest: Vec<&(Event<'_>, Range<usize>)> = events
        .iter()
        .filter(|(e, _)| {
            !matches!(e, Event::SoftBreak | Event::HardBreak) && !matches!(e, Event::Text(t) if t.trim().is_empty())
        })
        .collect();
    let (Event::Start(Tag::Emphasis), _) = rest.first()? else { return None };
    let (Event::End(TagEnd::Emphasis), _) = rest.last()? else { return None };
    let inner: Vec<(Event<'_>, Range<usize>)> =
        rest[1..rest.len() - 1].iter().map(|(e, r)| (e.clone(), r.clone())).collect();
    if inner.iter().any(|(e, _)| matches!(e, Event::Start(Tag::Emphasis))) {
        return None;
    }
    let text = plain_text(&inner);
    (!text.trim().is_empty()).then_some(text)
}

/// A paragraph that is only an italic line, right after a figure: its caption.
fn caption_paragraph(events: &[(Event<'_>, Range<usize>)], start: usize) -> Option<(String, usize)> {
    let (Event::Start(Tag::Paragraph), _) = events.get(start)? else { return None };
    let end = find_end(events, start);
    let caption = caption_events(&events[start + 1..end])?;
    Some((strip_parens(&caption), end + 1))
}

/// `(Toàn cảnh Hội nghị)` → `Toàn cảnh Hội nghị`: the parentheses are how plain-text
/// portals mark a caption; a `<figcaption>` says it already.
fn strip_parens(caption: &str) -> String {
    let t = caption.trim();
    let Some(inner) = t.strip_prefix('(').and_then(|s| s.strip_suffix(')')) else { return t.to_string() };
    // Only when the first `(` is closed by the last `)`: `(Toàn cảnh (ảnh: ST))` loses its
    // outer pair, `(ảnh) và (ảnh)` keeps both.
    let mut depth = 0i32;
    for c in inner.chars() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth < 0 {
                    return t.to_string();
                }
            }
            _ => {}
        }
    }
    if depth == 0 { inner.trim().to_string() } else { t.to_string() }
}

fn plain_text(events: &[(Event<'_>, Range<usize>)]) -> String {
    let mut s = String::new();
    for (e, _) in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s.trim().to_string()
}

fn push_text(text: &mut String, piece: &str) {
    if !text.is_empty() && !text.ends_with(' ') {
        text.push(' ');
    }
    text.push_str(piece);
}

fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// An id for a heading that no earlier heading has: its slug, then `-2`, `-3`… Each base
/// remembers where its numbers stopped, so a thousand equal headings cost a thousand tries.
fn unique_id(title: &str, used: &mut rustc_hash::FxHashMap<String, usize>) -> String {
    let base = Slug::from_text(title).map_or_else(|| "muc".to_string(), |s| s.as_str().to_string());
    let Some(&start) = used.get(&base) else { return base };
    let mut n = start;
    let id = loop {
        let id = format!("{base}-{n}");
        if !used.contains_key(&id) {
            break id;
        }
        n += 1;
    };
    used.insert(base, n + 1);
    id
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// Escapes text for an HTML attribute value in double quotes.
pub(crate) fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for an HTML text node.
pub(crate) fn escape_text(s: &str) -> String {
    escape_attr(s)
}

/// The number of words of `text`: runs of characters between Unicode white space, as
/// `split_whitespace` counts them, but a byte at a time, without decoding characters.
pub(crate) fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut count, mut in_word, mut i) = (0, false, 0);
    while i < bytes.len() {
        let b = bytes[i];
        let at = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
        let (space, len) = match b {
            0x00..=0x7F => (matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C), 1),
            // U+0085, U+00A0.
            0xC0..=0xDF => (b == 0xC2 && matches!(at(1), 0x85 | 0xA0), 2),
            // U+1680; U+2000–U+200A, U+2028, U+2029, U+202F; U+205F; U+3000.
            0xE0..=0xEF => {
                let space = match (b, at(1), at(2)) {
                    (0xE1, 0x9A, 0x80) | (0xE2, 0x81, 0x9F) | (0xE3, 0x80, 0x80) => true,
                    (0xE2, 0x80, c) => matches!(c, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
                    _ => false,
                };
                (space, 3)
            }
            _ => (false, 4),
        };
        if space {
            in_word = false;
        } else if !in_word {
            in_word = true;
            count += 1;
        }
        i += len;
    }
    count
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

    proptest::proptest! {
        #[test]
        fn words_are_counted_as_split_whitespace_counts_them(text in "\\PC{0,30}|[a-zđêôơư ạảấầẩẫậ\u{2000}-\u{2060}\\t\\n\u{a0}\u{85}\u{2003}\u{202f}\u{3000}\u{1680}.,–]{0,60}") {
            proptest::prop_assert_eq!(count_words(&text), text.split_whitespace().count());
        }
    }
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
        for closed in ["```\nx\n```", "~~~~ rust\nx\n~~~~~\n", "> ```\n> x\n> ```", "  ```\n  x\n  ```\n"] {
            assert!(fence_closed(closed), "{closed:?}");
        }
        for open in ["```\nx\n", "````\nx\n```\n", "```\n~~~\n"] {
            assert!(!fence_closed(open), "{open:?}");
        }
        let r = render(&src(), "Mở đầu.\n\n```\ncode\n\nPhần còn lại.\n", 5, "../../", &links());
        assert_eq!(r.warnings.len(), 1);
        assert_eq!((r.warnings[0].line, r.warnings[0].message.id()), (7, "md-fence-unclosed"));
    }

    #[test]
    fn a_caption_loses_only_its_own_outer_parentheses() {
        assert_eq!(strip_parens("(Toàn cảnh Hội nghị)"), "Toàn cảnh Hội nghị");
        assert_eq!(strip_parens("(Một buổi đối thoại (ST).)"), "Một buổi đối thoại (ST).");
        assert_eq!(strip_parens("(ảnh 1) và (ảnh 2)"), "(ảnh 1) và (ảnh 2)");
        assert_eq!(strip_parens("(ảnh (1)"), "(ảnh (1)");
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
    fn missing_image_is_a_problem() {
        let r = render(&src(), "text\n\n![x](mat.png)\n", 3, "", &links());
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].line, 5);
    }
}
