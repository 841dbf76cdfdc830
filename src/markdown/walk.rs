//! One pass over a body's events, in order: headings get their ids, paragraphs that are an
//! image become figures, raw HTML is read a block at a time, alerts become boxes, and every
//! address goes through the [`Rewriter`]; the words, the headings and the pictures are
//! gathered on the way.

use std::ops::Range;

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, HeadingLevel, Tag, TagEnd};

use crate::base::paths::percent_decode;
use crate::markdown::alerts;
use crate::markdown::events::find_end;
use crate::markdown::figures::{Figure, caption_paragraph, figure_at, figure_html};
use crate::markdown::headings::Toc;
use crate::markdown::kramdown::{self, Attributes};
use crate::markdown::links::Links;
use crate::markdown::raw_html::Address;
use crate::markdown::rewrite::Rewriter;
use crate::markdown::summary::{Words, is_more_marker};
use crate::markdown::text::{plain_text, typeset};

/// What the walk made of a body.
pub(crate) struct Walked<'b, 'a> {
    /// The events to write as HTML.
    pub(crate) out: Vec<Event<'b>>,
    pub(crate) toc: Toc,
    pub(crate) words: Words,
    /// Every image: its address from the page, its alternative text and its caption.
    pub(crate) pictures: Vec<(String, String, String)>,
    /// What the addresses and raw HTML gave.
    pub(crate) rewriter: Rewriter<'a>,
    /// The attributes of kramdown's attribute lines, in the order of their marks in `out`.
    pub(crate) attributes: Vec<Attributes>,
}

/// The walk under way.
struct Walk<'e, 'b, 'a> {
    events: &'e [(Event<'b>, Range<usize>)],
    links: &'a dyn Links,
    root: &'a str,
    made: Walked<'b, 'a>,
    /// How many of the text's figures are photos bantin resized, so far.
    photos: usize,
    in_code_block: bool,
}

/// Walks `events` of a body shown `root` away from the site's root; the blocks of `marked`
/// (the index of their first event, in order) get a mark for their attributes.
pub(crate) fn walk<'b, 'a>(
    events: &[(Event<'b>, Range<usize>)],
    marked: Vec<(usize, Attributes)>,
    rewriter: Rewriter<'a>,
    links: &'a dyn Links,
    root: &'a str,
) -> Walked<'b, 'a> {
    let made = Walked {
        out: Vec::with_capacity(events.len()),
        toc: Toc::default(),
        words: Words::default(),
        pictures: Vec::new(),
        rewriter,
        attributes: Vec::with_capacity(marked.len()),
    };
    let mut marked = marked.into_iter().peekable();
    let mut walk = Walk { events, links, root, made, photos: 0, in_code_block: false };
    let mut i = 0;
    while i < events.len() {
        while let Some((_, attributes)) = marked.next_if(|(at, _)| *at <= i) {
            walk.made.out.push(Event::Html(kramdown::mark(walk.made.attributes.len()).into()));
            walk.made.attributes.push(attributes);
        }
        i = match &events[i].0 {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => walk.heading(i, *level, id, classes, attrs),
            Event::Start(Tag::Paragraph) => walk.paragraph(i),
            // An HTML block is read as one piece: a tag may run over several of its lines.
            Event::Start(Tag::HtmlBlock) => walk.html_block(i),
            // GitHub's alerts (`> [!NOTE]`) are the theme's `note` boxes.
            Event::Start(Tag::BlockQuote(Some(kind))) if alerts::boxed(links) => walk.alert(i, *kind),
            _ => walk.other(i),
        };
    }
    walk.made
}

impl<'b> Walk<'_, 'b, '_> {
    /// The heading that starts at `i`, with its id; the index after it.
    fn heading(
        &mut self,
        i: usize,
        level: HeadingLevel,
        id: &Option<CowStr<'b>>,
        classes: &[CowStr<'b>],
        attrs: &[(CowStr<'b>, Option<CowStr<'b>>)],
    ) -> usize {
        let events = self.events;
        let made = &mut self.made;
        let end = find_end(events, i);
        let title = plain_text(&events[i + 1..end]);
        let id = made.toc.add(level, id.as_deref(), &title);
        let start =
            Event::Start(Tag::Heading { level, id: Some(id.into()), classes: classes.to_vec(), attrs: attrs.to_vec() });
        made.out.push(made.rewriter.event(start, events[i].1.start));
        for (e, r) in &events[i + 1..end] {
            made.out.push(typeset(made.rewriter.event(e.clone(), r.start)));
        }
        made.out.push(Event::End(TagEnd::Heading(level)));
        made.words.push(&title);
        end + 1
    }

    /// The paragraph that starts at `i` (a figure, when it is an image); the index after it.
    fn paragraph(&mut self, i: usize) -> usize {
        let events = self.events;
        let end = find_end(events, i);
        if let Some(figure) = figure_at(events, i, end) {
            return self.figure(figure, end);
        }
        let made = &mut self.made;
        made.words.paragraph(&plain_text(&events[i + 1..end]));
        made.out.push(Event::Start(Tag::Paragraph));
        for (j, (e, r)) in events.iter().enumerate().take(end).skip(i + 1) {
            if is_more_marker(e) {
                made.words.more();
            }
            let new = made.rewriter.event(e.clone(), r.start);
            if let Event::Start(Tag::Image { dest_url, title, .. }) = &new {
                let alt = plain_text(&events[j + 1..find_end(events, j)]);
                made.pictures.push((dest_url.to_string(), alt, title.to_string()));
            }
            made.out.push(typeset(new));
        }
        made.out.push(Event::End(TagEnd::Paragraph));
        end + 1
    }

    /// A figure (its paragraph ends at `end`), with the caption under it if there is one; the
    /// index after them.
    fn figure(&mut self, figure: Figure, end: usize) -> usize {
        let (caption, next) = match &figure.caption {
            Some(c) => (Some(c.clone()), end + 1),
            None => match caption_paragraph(self.events, end + 1) {
                Some((c, after)) => (Some(c), after),
                None => (None, end + 1),
            },
        };
        let made = &mut self.made;
        let src = match made.rewriter.address(&figure.dest, figure.offset, true) {
            Address::AsWritten => figure.dest.to_string(),
            Address::Rewritten(new) => new,
            Address::Refused => String::new(),
        };
        let photo = src.strip_prefix(self.root).and_then(|p| self.links.photo(&percent_decode(p)));
        if photo.is_some() {
            self.photos += 1;
        }
        let html = figure_html(&src, &figure.alt, caption.as_deref(), photo.map(|p| (p, self.photos == 1)), self.root);
        made.pictures.push((src, figure.alt, caption.clone().unwrap_or_default()));
        if let Some(c) = &caption {
            made.words.push(c);
        }
        made.out.push(Event::Html(html.into()));
        next
    }

    /// The HTML block that starts at `i`; the index after it.
    fn html_block(&mut self, i: usize) -> usize {
        let end = find_end(self.events, i);
        let block = &self.events[i + 1..end];
        if block.iter().any(|(e, _)| is_more_marker(e)) {
            self.made.words.more();
        }
        let html = self.made.rewriter.html_block(block);
        self.made.out.push(Event::Html(html.into()));
        end + 1
    }

    /// The alert that starts at `i`, as a box; the index after it.
    fn alert(&mut self, i: usize, kind: BlockQuoteKind) -> usize {
        let end = find_end(self.events, i);
        let inner = &self.events[i + 1..end];
        self.made.words.push(&plain_text(inner));
        let start = self.events[i].1.start;
        if let Some(html) = alerts::note_box(kind, inner, start, &mut self.made.rewriter, self.links, self.root) {
            self.made.out.push(Event::Html(html.into()));
        }
        end + 1
    }

    /// Any other event: its words noted, its addresses rewritten, its text typeset outside
    /// code blocks; the index after it.
    fn other(&mut self, i: usize) -> usize {
        let (event, range) = &self.events[i];
        let made = &mut self.made;
        match event {
            e if is_more_marker(e) => made.words.more(),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => made.words.push(t),
            Event::Start(Tag::CodeBlock(_)) => self.in_code_block = true,
            Event::End(TagEnd::CodeBlock) => self.in_code_block = false,
            _ => {}
        }
        let new = made.rewriter.event(event.clone(), range.start);
        made.out.push(if self.in_code_block { new } else { typeset(new) });
        i + 1
    }
}
