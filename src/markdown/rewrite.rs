//! The addresses and raw HTML of one body, judged and rewritten as the walk meets them, with
//! what is found on the way: problems, warnings, paths from the site's root to check later,
//! anchors to check once every heading is known, the site's images shown.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag};

use crate::base::error::Problem;
use crate::base::messages::Message;
use crate::base::paths::{SourcePath, percent_decode};
use crate::markdown::ProblemAt;
use crate::markdown::headings::heading_number;
use crate::markdown::links::{Expect, Links, SitePathRef, Target, resolve};
use crate::markdown::math::{self, Display};
use crate::markdown::raw_html::{self, Address, Removed, Scripts, Use};
use crate::msg;

/// What a piece of raw HTML left out, at its byte offset in the body.
type RemovedAt = (usize, Removed);

/// What to do about a link or image that is missing, or whose kind of address is refused.
fn broken_hint(image: bool, refused: bool) -> Message {
    match (image, refused) {
        (true, false) => msg!("md-missing-image-hint"),
        (false, false) => msg!("md-missing-link-hint"),
        (true, true) => msg!("md-refused-image-hint"),
        (false, true) => msg!("md-refused-link-hint"),
    }
}

/// What to say of something raw HTML left out: the message and the hint. An odd attribute is
/// a warning; everything else a problem.
pub(crate) fn removed_said(what: &Removed) -> (Message, Message) {
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

/// A same-page anchor a body links to (`#ket-qua`, decoded), at its byte offset.
#[derive(Debug, Clone)]
pub(crate) struct Anchor {
    pub(crate) name: String,
    pub(crate) offset: usize,
    /// Written as a Markdown link, whose address the walk's events still hold (raw HTML's
    /// is written out already).
    pub(crate) markdown: bool,
}

/// Judges and rewrites the addresses and raw HTML of one body; keeps what it finds.
pub(crate) struct Rewriter<'a> {
    source: &'a SourcePath,
    root: &'a str,
    links: &'a dyn Links,
    scripts: Scripts,
    /// `(line, column)` in the file of a byte offset of the body.
    position: &'a dyn Fn(usize) -> (usize, usize),
    problem_at: ProblemAt<'a>,
    /// Broken links and missing images, refused addresses, what raw HTML left out.
    pub(crate) problems: Vec<Problem>,
    /// Links to drafts and future articles; odd attributes.
    pub(crate) warnings: Vec<Problem>,
    /// Addresses written as paths from the site's root.
    pub(crate) site_paths: Vec<SitePathRef>,
    /// Anchors in other pages (`a.md#ket-qua`), checked once every page is rendered.
    pub(crate) page_anchors: Vec<crate::markdown::links::PageAnchor>,
    /// Same-page anchors (`#ket-qua`) the text links to, checked once every heading is known.
    pub(crate) anchors: Vec<Anchor>,
    /// Site paths of the images of this site the body shows.
    pub(crate) images: Vec<String>,
    /// What raw HTML left out, said once the walk is over.
    removed: Vec<RemovedAt>,
}

impl<'a> Rewriter<'a> {
    /// A rewriter for a body of `source` shown `root` away from the site's root.
    pub(crate) fn new(
        source: &'a SourcePath,
        root: &'a str,
        links: &'a dyn Links,
        position: &'a dyn Fn(usize) -> (usize, usize),
        problem_at: ProblemAt<'a>,
    ) -> Rewriter<'a> {
        Rewriter {
            source,
            root,
            links,
            scripts: links.scripts(),
            position,
            problem_at,
            problems: Vec::new(),
            warnings: Vec::new(),
            site_paths: Vec::new(),
            anchors: Vec::new(),
            page_anchors: Vec::new(),
            images: Vec::new(),
            removed: Vec::new(),
        }
    }

    /// The line and column in the file of the byte `offset` of the body.
    pub(crate) fn position(&self, offset: usize) -> (usize, usize) {
        (self.position)(offset)
    }

    /// Notes a problem at the byte offset `at` of the body.
    pub(crate) fn problem(&mut self, at: usize, message: Message, hint: Message) {
        self.problems.push((self.problem_at)(at, message, hint));
    }

    /// Judges the address `dest` written at `offset` (of an image, or of a link) and says what
    /// to write instead.
    pub(crate) fn address(&mut self, dest: &str, offset: usize, image: bool) -> Address {
        let expect = if image { Expect::Image } else { Expect::Link };
        // Browsers read `\` as `/` in a web address: `\assets\a.png` is `/assets/a.png`, as
        // sites moved from Windows have them.
        let slashed;
        let dest = if dest.contains('\\') && crate::base::paths::scheme_of(dest).is_none() {
            slashed = dest.replace('\\', "/");
            slashed.as_str()
        } else {
            dest
        };
        let written = dest.trim();
        let markdown_file = written
            .split(['#', '?'])
            .next()
            .is_some_and(|p| SourcePath::new(&percent_decode(p)).is_some_and(|s| s.is_markdown()));
        if written.starts_with('/') && !written.starts_with("//") && !markdown_file {
            let (line, column) = (self.position)(offset);
            self.site_paths.push(SitePathRef::new(written, line, column, expect));
        } else if let Some(anchor) = written.strip_prefix('#')
            && !image
        {
            self.anchors.push(Anchor { name: percent_decode(anchor), offset, markdown: false });
        }
        if markdown_file && !image {
            self.page_anchor(written, offset);
        }
        match resolve(dest, self.source, self.links, expect) {
            Target::AsWritten => Address::AsWritten,
            Target::Site(path) => {
                let href = format!("{}{path}", self.root);
                if image {
                    self.photo_shown(&path, offset);
                    self.images.push(path);
                }
                Address::Rewritten(href)
            }
            Target::Checked(path) => {
                let (line, column) = (self.position)(offset);
                let mut r = SitePathRef::new(&format!("/{path}"), line, column, expect);
                r.relative = Some(written.into());
                self.site_paths.push(r);
                Address::Rewritten(format!("{}{path}", self.root))
            }
            Target::Unpublished(path, message) => {
                self.warnings.push((self.problem_at)(offset, message, msg!("md-link-unpublished-hint")));
                Address::Rewritten(format!("{}{path}", self.root))
            }
            Target::Missing(message, hint) => {
                self.problem(offset, message, hint.unwrap_or_else(|| broken_hint(image, false)));
                Address::AsWritten
            }
            Target::Refused(message) => {
                self.problem(offset, message, broken_hint(image, true));
                Address::Refused
            }
        }
    }

    /// Notes the anchor of a link to another Markdown file (`a.md#ket-qua`), if it has one.
    fn page_anchor(&mut self, written: &str, offset: usize) {
        let Some((path, anchor)) = written.split_once('#') else { return };
        let path = path.split('?').next().unwrap_or_default();
        let decoded = percent_decode(path);
        let target = match decoded.strip_prefix('/') {
            Some(from_root) => SourcePath::new(from_root),
            None => self.source.join_relative(&decoded),
        };
        if let Some(target) = target.filter(|t| *t != *self.source)
            && !anchor.is_empty()
        {
            let (line, column) = (self.position)(offset);
            let (line, column) = (u32::try_from(line).unwrap_or(u32::MAX), u32::try_from(column).unwrap_or(u32::MAX));
            self.page_anchors.push(crate::markdown::links::PageAnchor {
                target,
                name: percent_decode(anchor),
                line,
                column,
            });
        }
    }

    /// A damaged photo is said where the editor wrote it: at `offset`.
    fn photo_shown(&mut self, path: &str, offset: usize) {
        if let Some(b) = self.links.broken_photo(&percent_decode(path)) {
            let message = msg!("photo-used-broken", file = b.shown.display().to_string(), problem = b.message.clone());
            let subject = crate::base::error::Subject::BrokenPhotoUsed(b.shown.clone());
            self.problems.push((self.problem_at)(offset, message, b.hint.clone()).about(subject));
        }
    }

    /// Rewrites the address of a link or image event, and raw HTML (see [`raw_html`]); every
    /// other event passes unchanged.
    pub(crate) fn event<'e>(&mut self, event: Event<'e>, offset: usize) -> Event<'e> {
        let mut address = |dest: CowStr<'e>, image: bool| match self.address(&dest, offset, image) {
            Address::AsWritten => dest,
            Address::Rewritten(new) => CowStr::from(new),
            Address::Refused => CowStr::from(""),
        };
        match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let anchors = self.anchors.len();
                let dest_url = match self.address(&dest_url, offset, false) {
                    Address::AsWritten => dest_url,
                    Address::Rewritten(new) => CowStr::from(new),
                    Address::Refused => CowStr::from(""),
                };
                // Its anchor may be rewritten once the headings are known (see `headings`).
                if let Some(anchor) = self.anchors.get_mut(anchors) {
                    anchor.markdown = true;
                }
                Event::Start(Tag::Link { link_type, dest_url, title, id })
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest_url = address(dest_url, true);
                Event::Start(Tag::Image { link_type, dest_url, title, id })
            }
            // `{#id key=value}`: attributes written on a heading are judged as raw HTML's are
            // (`{onclick=…}` would run a script), wherever the heading is.
            Event::Start(Tag::Heading { level, id, classes, attrs }) if !attrs.is_empty() => {
                let element = format!("h{}", heading_number(level));
                let mut kept = Vec::with_capacity(attrs.len());
                for (name, value) in attrs {
                    let written = value.as_deref().unwrap_or_default();
                    match self.attribute(&element, &name, written, offset) {
                        Ok(Some(v)) => kept.push((name, value.map(|_| CowStr::from(v)))),
                        Ok(None) => {}
                        Err(what) => self.removed.push((offset, what)),
                    }
                }
                Event::Start(Tag::Heading { level, id, classes, attrs: kept })
            }
            Event::InlineMath(tex) => self.math(tex, offset, Display::Inline),
            Event::DisplayMath(tex) => self.math(tex, offset, Display::Block),
            Event::Html(html) => Event::Html(self.clean_html(&html, &[(0, offset..offset + html.len())]).into()),
            Event::InlineHtml(html) => {
                Event::InlineHtml(self.clean_html(&html, &[(0, offset..offset + html.len())]).into())
            }
            other => other,
        }
    }

    /// A formula as MathML; one that cannot be read is shown as code, and said.
    fn math<'e>(&mut self, tex: CowStr<'e>, offset: usize, display: Display) -> Event<'e> {
        match math::mathml(&tex, display) {
            Ok(mathml) => Event::InlineHtml(mathml.into()),
            Err(reason) => {
                let formula = crate::markdown::text::collapse_spaces(&tex);
                let message = msg!("md-math-unread", formula = formula, reason = reason);
                self.warnings.push((self.problem_at)(offset, message, msg!("md-math-unread-hint")));
                Event::Code(tex)
            }
        }
    }

    /// An attribute of a heading judged as raw HTML's (see [`raw_html::judge_attribute`]).
    fn attribute(
        &mut self,
        element: &str,
        name: &str,
        written: &str,
        offset: usize,
    ) -> Result<Option<String>, Removed> {
        let scripts = self.scripts;
        let mut judge = |v: &str, usage: Use, _: usize| self.address(v, offset, usage == Use::Image);
        raw_html::judge_attribute(element, name, written, 0, scripts, &mut judge)
    }

    /// The lines of an HTML block, read as one piece (see [`Rewriter::clean_html`]).
    pub(crate) fn html_block(&mut self, lines: &[(Event<'_>, Range<usize>)]) -> String {
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
        self.clean_html(&html, &pieces)
    }

    /// Raw HTML read as a browser reads it and written again ([`raw_html::clean`]): its
    /// addresses go through the same resolution as Markdown's (site paths follow the base path
    /// and are checked, relative `.md` links point to their pages, `javascript:` is refused).
    /// `pieces` says where each part of `html` was in the body: its start in `html` and its
    /// range in the body (a block's lines, whose quote marks `> ` the parser took away).
    fn clean_html(&mut self, html: &str, pieces: &[(usize, Range<usize>)]) -> String {
        let in_body = |at: usize| {
            let i = pieces.partition_point(|(start, _)| *start <= at).saturating_sub(1);
            let (_, range) = &pieces[i];
            let next = pieces.get(i + 1).map_or(html.len(), |(s, _)| *s);
            // Anchored at the end of the line: what the parser took away is at its start.
            range.end.saturating_sub(next - at).max(range.start)
        };
        let scripts = self.scripts;
        let (out, findings) = raw_html::clean(html, scripts, &mut |value, usage, at| {
            self.address(value, in_body(at), usage == Use::Image)
        });
        self.removed.extend(findings.into_iter().map(|f| (in_body(f.at), f.removed)));
        out
    }

    /// Says what raw HTML left out: an odd attribute as a warning, the rest as problems.
    pub(crate) fn say_removed(&mut self) {
        for (at, what) in std::mem::take(&mut self.removed) {
            let (message, hint) = removed_said(&what);
            match what {
                Removed::OddAttribute(_) => self.warnings.push((self.problem_at)(at, message, hint)),
                _ => self.problem(at, message, hint),
            }
        }
    }
}
