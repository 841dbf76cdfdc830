//! A body's shortcodes made and replaced by marks, with the map back to where each piece
//! was written.

use std::ops::Range;

use super::Piece;
use super::calls::one_call;
use super::marks::{Expanded, Made, mark};
use super::syntax::split;
use crate::base::messages::Message;

/// What expanding a body gives besides the text.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub(crate) problems: Vec<crate::base::error::Problem>,
    pub(crate) warnings: Vec<crate::base::error::Problem>,
    pub(crate) images: Vec<String>,
    pub(crate) site_paths: Vec<crate::markdown::SitePathRef>,
    /// Whether the known names were listed already (once per file is enough).
    pub(crate) listed: bool,
}

/// Where a body is, for messages and for what its shortcodes resolve.
pub(crate) struct Place<'a> {
    pub(crate) source: &'a crate::base::paths::SourcePath,
    pub(crate) root: &'a str,
    pub(crate) links: &'a dyn crate::markdown::Links,
    /// `(line, column)` in the file of a byte offset of the body.
    pub(crate) position: &'a dyn Fn(usize) -> (usize, usize),
    /// How many shortcodes this body is inside.
    pub(crate) depth: usize,
}

/// How deep shortcodes may be inside each other's bodies: boxes in boxes in an album are
/// three; thousands would exhaust the stack (and a preview with it).
pub(crate) const MAX_DEPTH: usize = 32;

/// The body `original` with its shortcodes made and replaced by marks, when the site has
/// shortcode templates and the body may call one.
pub(crate) fn expand_body(original: &str, place: &Place<'_>, found: &mut Found) -> Option<Expanded> {
    match place.links.shortcodes() {
        Some(templates) if super::may_have(original) => {
            let code = crate::markdown::events::code_ranges(original);
            Some(expand(original, &code, templates, place, found))
        }
        _ => None,
    }
}

/// Renders the shortcodes of `body` with the site's `shortcodes` and replaces each with a mark.
pub(crate) fn expand(
    body: &str,
    code: &[Range<usize>],
    shortcodes: &dyn crate::markdown::Templates,
    place: &Place<'_>,
    found: &mut Found,
) -> Expanded {
    use crate::base::error::Problem;
    let rule = |name: &str| shortcodes.declaration(name).map(|d| d.body);
    let (pieces, mistakes) = split(body, code, &rule);
    let problem = |at: usize, message: Message, hint: Message| {
        let (line, column) = (place.position)(at);
        Problem::at(place.source.display(), line, column, message).hint(hint)
    };
    for m in mistakes {
        found.problems.push(problem(m.at, m.message, m.hint));
    }
    let mut out = Expanded::default();
    for piece in pieces {
        match piece {
            Piece::Text(r) => {
                out.map.push((out.text.len(), r.start, true));
                out.text.push_str(&body[r]);
            }
            Piece::Literal { text, range, in_code: true } => {
                out.map.push((out.text.len(), range.start, false));
                out.text.push_str(&text);
            }
            Piece::Literal { text, range, in_code: false } => {
                out.map.push((out.text.len(), range.start, false));
                out.text.push_str(&mark(out.made.len()));
                out.made.push(Made::new(crate::markdown::escape_text(&text), text));
            }
            Piece::Call(call) => {
                out.map.push((out.text.len(), call.range.start, false));
                let made = one_call(body, &call, shortcodes, place, found, &problem).unwrap_or_default();
                if in_address(&body[..call.range.start]) {
                    // `[text]({{< ref "a.md" >}})`: an address is written into the Markdown, as
                    // text, so links resolve and are checked like any other.
                    out.text.push_str(made.html.trim());
                } else {
                    out.text.push_str(&mark(out.made.len()));
                    out.made.push(Made { at: call.range.start, ..made });
                }
            }
        }
    }
    out
}

/// Whether a shortcode after `before` stands where Markdown expects an address: a link's or
/// an image's destination `](…)`, a reference definition `[x]: …`, or an autolink `<…>`.
fn in_address(before: &str) -> bool {
    let line = before.rsplit('\n').next().unwrap_or(before);
    let trimmed = line.trim_end();
    // `<a href="{{< ref "b.md" >}}">`: the value of an attribute of an HTML tag still open.
    let in_tag = line.rfind('<').is_some_and(|open| line.rfind('>').is_none_or(|close| close < open));
    trimmed.ends_with("](")
        || trimmed.ends_with('<')
        || (trimmed.ends_with("]:") && trimmed.trim_start().starts_with('['))
        || (in_tag && (trimmed.ends_with("=\"") || trimmed.ends_with("='") || trimmed.ends_with('=')))
}
