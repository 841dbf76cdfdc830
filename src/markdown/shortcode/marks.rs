//! The marks a body's shortcodes leave in its Markdown, and what fills them once the
//! Markdown is HTML: each call's HTML, its words in the text, nothing in a summary for a
//! block.

/// A private-use character pair around a number: where a shortcode's HTML goes once the
/// Markdown around it is rendered. Markdown leaves such text alone.
const MARK_OPEN: char = '\u{E000}';
const MARK_CLOSE: char = '\u{E001}';

pub(super) fn mark(i: usize) -> String {
    format!("{MARK_OPEN}{i}{MARK_CLOSE}")
}

/// What a shortcode became.
#[derive(Debug, Clone, Default)]
pub(crate) struct Made {
    pub(crate) html: String,
    /// Its words, for search and word counts.
    pub(crate) text: String,
    /// Whether its HTML is a block (a box, a figure) rather than words in a line.
    pub(crate) block: bool,
    /// Where the call starts in the body, for messages.
    pub(crate) at: usize,
}

impl Made {
    pub(super) fn new(html: String, text: String) -> Made {
        const BLOCKS: [&str; 14] = [
            "<figure",
            "<aside",
            "<div",
            "<section",
            "<p",
            "<ul",
            "<ol",
            "<table",
            "<blockquote",
            "<video",
            "<iframe",
            "<details",
            "<h",
            "<pre",
        ];
        let start = html.trim_start();
        let block = BLOCKS.iter().any(|b| {
            start.starts_with(b) && start[b.len()..].starts_with(|c: char| c == '>' || c == ' ' || c.is_ascii_digit())
        });
        Made { html, text, block, at: 0 }
    }
}

/// A body with its shortcodes replaced by marks, and how to find the original places.
#[derive(Debug, Default)]
pub(crate) struct Expanded {
    pub(crate) text: String,
    /// `(offset in text, offset in the original, whether the text runs on as written)`.
    pub(super) map: Vec<(usize, usize, bool)>,
    pub(crate) made: Vec<Made>,
}

impl Expanded {
    /// The offset in the original body of `offset` in the expanded text.
    pub(crate) fn original(&self, offset: usize) -> usize {
        let i = self.map.partition_point(|(new, _, _)| *new <= offset);
        if i == 0 {
            return offset;
        }
        let (new, old, runs) = self.map[i - 1];
        if runs { old + (offset - new) } else { old }
    }

    /// Takes out the marks that stand inside a tag of `html` (an attribute's value, a link's
    /// title): a shortcode's HTML goes only where text goes, or it could write attributes no
    /// one judged. Returns the HTML and the calls whose marks were taken out. `html` is as
    /// bantin writes it: attribute values quoted, `<` in text escaped.
    pub(crate) fn drop_marks_in_tags(&self, html: &str) -> (String, Vec<usize>) {
        let mut out = String::with_capacity(html.len());
        let mut dropped = Vec::new();
        // Outside tags, inside a tag, inside a quoted value (with its quote).
        let (mut in_tag, mut quote) = (false, None::<char>);
        let mut chars = html.char_indices();
        while let Some((i, c)) = chars.next() {
            // Only a whole mark (open, digits, close) is one: an editor can write the mark's
            // characters (`&#xE000;`), and a lone one must not take text out with it.
            if c == MARK_OPEN && (in_tag || quote.is_some()) {
                let rest = &html[i + MARK_OPEN.len_utf8()..];
                let digits = rest.len() - rest.trim_start_matches(|d: char| d.is_ascii_digit()).len();
                if digits > 0 && rest[digits..].starts_with(MARK_CLOSE) {
                    if let Ok(n) = rest[..digits].parse::<usize>() {
                        dropped.push(n);
                    }
                    for _ in 0..digits + 1 {
                        chars.next();
                    }
                    continue;
                }
            }
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '<') if !in_tag => in_tag = true,
                (None, '"' | '\'') if in_tag => quote = Some(c),
                (None, '>') if in_tag => in_tag = false,
                _ => {}
            }
            out.push(c);
        }
        (out, dropped)
    }

    /// The call a mark stands for: where it starts in the body.
    pub(crate) fn call_at(&self, index: usize) -> Option<usize> {
        self.made.get(index).map(|m| m.at)
    }

    /// Puts each shortcode's HTML in place of its mark. A shortcode alone in a paragraph (a
    /// video, a document, a box) replaces the paragraph; one amid text cuts it in two, since a
    /// block cannot sit inside a `<p>`.
    pub(crate) fn fill_html(&self, html: &str) -> String {
        if self.made.is_empty() {
            return html.to_string();
        }
        let mut out = String::with_capacity(html.len() + self.made.iter().map(|m| m.html.len()).sum::<usize>());
        let mut rest = html;
        while let Some(start) = rest.find(MARK_OPEN) {
            // A whole mark only (open, digits, close): a lone mark character an editor wrote
            // stays a character.
            let after = &rest[start + MARK_OPEN.len_utf8()..];
            let digits = after.len() - after.trim_start_matches(|d: char| d.is_ascii_digit()).len();
            let whole = digits > 0 && after[digits..].starts_with(MARK_CLOSE);
            let made = whole.then(|| after[..digits].parse::<usize>().ok().and_then(|i| self.made.get(i))).flatten();
            let Some(made) = made else {
                let skip = start + MARK_OPEN.len_utf8();
                out.push_str(&rest[..skip]);
                rest = &rest[skip..];
                continue;
            };
            let end = start + MARK_OPEN.len_utf8() + digits + MARK_CLOSE.len_utf8();
            let before = &rest[..start];
            // Inside a paragraph when the last `<p>` before is not closed yet.
            let open_p = before.rfind("<p>").filter(|&p| !before[p..].contains("</p>"));
            match open_p {
                Some(p) if made.block && rest[end..].contains("</p>") => {
                    let close = end + rest[end..].find("</p>").expect("found above");
                    let (lead, tail) = (&before[p + 3..], &rest[end..close]);
                    out.push_str(&before[..p]);
                    if !lead.trim().is_empty() {
                        out.push_str("<p>");
                        out.push_str(lead.trim_end());
                        out.push_str("</p>\n");
                    }
                    out.push_str(&made.html);
                    if tail.trim().is_empty() {
                        rest = &rest[close + 4..];
                    } else {
                        // The rest of the paragraph opens again, and may hold more marks.
                        out.push('\n');
                        let reopened = format!("<p>{}", tail.trim_start());
                        let after = &rest[close..];
                        let joined = format!("{reopened}{after}");
                        out.push_str(&self.fill_html(&joined));
                        return out;
                    }
                }
                _ => {
                    out.push_str(before);
                    out.push_str(&made.html);
                    rest = &rest[end..];
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// Text with each mark replaced by what its shortcode says.
    pub(crate) fn fill_text(&self, text: &str) -> String {
        self.replace_marks(text, |m| m.text.as_str())
    }

    /// Text with the words of what is inline, without the blocks (a summary says nothing
    /// of a video).
    pub(crate) fn strip(&self, text: &str) -> String {
        self.replace_marks(text, |m| if m.block { "" } else { m.text.as_str() })
    }

    fn replace_marks<'a>(&'a self, text: &str, with: impl Fn(&'a Made) -> &'a str) -> String {
        if !text.contains(MARK_OPEN) {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find(MARK_OPEN) {
            out.push_str(&rest[..start]);
            let Some(len) = rest[start..].find(MARK_CLOSE) else {
                rest = &rest[start + MARK_OPEN.len_utf8()..];
                continue;
            };
            let number = &rest[start + MARK_OPEN.len_utf8()..start + len];
            if let Some(m) = number.parse::<usize>().ok().and_then(|i| self.made.get(i)) {
                out.push_str(with(m));
            }
            rest = &rest[start + len + MARK_CLOSE.len_utf8()..];
        }
        out.push_str(rest);
        out
    }
}

/// Whether `text` is nothing but marks and spaces.
pub(crate) fn only_marks(text: &str) -> bool {
    text.contains(MARK_OPEN)
        && text.chars().all(|c| c.is_whitespace() || c == MARK_OPEN || c == MARK_CLOSE || c.is_ascii_digit())
}
