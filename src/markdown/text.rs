//! The text of a body: plain text of events (for the table of contents, summaries and
//! search), words counted, escaping for HTML, and Vietnamese news typography.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event};

pub(crate) fn plain_text(events: &[(Event<'_>, Range<usize>)]) -> String {
    let mut s = String::new();
    for (e, _) in events {
        match e {
            // A formula's words are its LaTeX (`x^2`), never its MathML.
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s.trim().to_string()
}

pub(crate) fn push_text(text: &mut String, piece: &str) {
    if !text.is_empty() && !text.ends_with(' ') {
        text.push(' ');
    }
    text.push_str(piece);
}

pub(crate) fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
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

/// Vietnamese news typography in text (see [`crate::base::text::typeset`]).
pub(crate) fn typeset(event: Event<'_>) -> Event<'_> {
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

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn words_are_counted_as_split_whitespace_counts_them(text in "\\PC{0,30}|[a-zđêôơư ạảấầẩẫậ\u{2000}-\u{2060}\\t\\n\u{a0}\u{85}\u{2003}\u{202f}\u{3000}\u{1680}.,–]{0,60}") {
            proptest::prop_assert_eq!(count_words(&text), text.split_whitespace().count());
        }
    }
}
