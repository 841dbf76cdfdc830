//! pulldown-cmark's events: the extensions bantin turns on, a body parsed with its byte
//! offsets, and where a tag ends.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// A body's events, each with its byte range in the body.
pub(crate) type Events<'a> = Vec<(Event<'a>, Range<usize>)>;

/// The events of `body`, with their byte ranges.
pub(crate) fn parse(body: &str) -> Events<'_> {
    Parser::new_ext(body, options()).into_offset_iter().collect()
}

/// The CommonMark extensions bantin turns on.
pub(crate) fn options() -> Options {
    Options::ENABLE_GFM
        | Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_MATH
}

/// The index of the `End` event matching the `Start` at `start`.
pub(crate) fn find_end(events: &[(Event<'_>, Range<usize>)], start: usize) -> usize {
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

/// The byte ranges of the code spans and code blocks of a body: shortcodes there are text.
pub(crate) fn code_ranges(body: &str) -> Vec<Range<usize>> {
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
