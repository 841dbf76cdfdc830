//! Figures: an image alone in its paragraph becomes a `<figure>`, captioned by its title or
//! by the italic line under it (`*(Toàn cảnh Hội nghị)*`, as Vietnamese portals write
//! captions); a photo bantin resized is shown as a `<picture>` with its sizes.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::images::picture::{Loading, Picture};
use crate::markdown::events::find_end;
use crate::markdown::text::{escape_attr, escape_text, plain_text};

/// An image shown as a figure: its address and alternative text as written, where it was
/// written, and its caption if the paragraph holds one.
pub(crate) struct Figure {
    pub(crate) dest: String,
    pub(crate) alt: String,
    pub(crate) offset: usize,
    pub(crate) caption: Option<String>,
}

/// A paragraph holding one image and nothing else (or one image, a line break and an italic
/// caption) is a figure.
pub(crate) fn figure_at(events: &[(Event<'_>, Range<usize>)], start: usize, end: usize) -> Option<Figure> {
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
pub(crate) fn caption_paragraph(events: &[(Event<'_>, Range<usize>)], start: usize) -> Option<(String, usize)> {
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
    let (srcset, src, alt) = (escape_attr(&photo.srcset(root)), escape_attr(src), escape_attr(alt));
    let loading = if first { Loading::Default } else { Loading::Lazy };
    let (width, height) = (u64::from(photo.width), u64::from(photo.height));
    Picture { srcset: &srcset, src: &src, sizes, alt: &alt, width, height, loading }.html()
}

/// The HTML of a figure showing `src`: a `<picture>` when it is a photo bantin resized
/// (`photo`, with whether it is the text's first), else an `<img>`; the caption under it.
pub(crate) fn figure_html(
    src: &str,
    alt: &str,
    caption: Option<&str>,
    photo: Option<(&crate::images::Photo, bool)>,
    root: &str,
) -> String {
    let mut html = match photo {
        Some((photo, first)) => format!("<figure>{}", picture(photo, src, alt, root, ARTICLE_SIZES, first)),
        None => format!("<figure><img src=\"{}\" alt=\"{}\" loading=\"lazy\">", escape_attr(src), escape_attr(alt)),
    };
    if let Some(c) = caption {
        html.push_str(&format!("<figcaption>{}</figcaption>", escape_text(c)));
    }
    html.push_str("</figure>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caption_loses_only_its_own_outer_parentheses() {
        assert_eq!(strip_parens("(Toàn cảnh Hội nghị)"), "Toàn cảnh Hội nghị");
        assert_eq!(strip_parens("(Một buổi đối thoại (ST).)"), "Một buổi đối thoại (ST).");
        assert_eq!(strip_parens("(ảnh 1) và (ảnh 2)"), "(ảnh 1) và (ảnh 2)");
        assert_eq!(strip_parens("(ảnh (1)"), "(ảnh (1)");
    }
}
