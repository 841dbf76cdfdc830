//! The words of a body as the walk meets them: its whole text (for search and word counts)
//! and its summary, the text before `<!-- more -->`, else the first paragraph.

use pulldown_cmark::Event;

use crate::markdown::shortcode::only_marks;
use crate::markdown::text::{collapse_spaces, push_text};

/// The text so far, and what the summary may be.
#[derive(Debug, Default)]
pub(crate) struct Words {
    text: String,
    before_more: Option<String>,
    first_paragraph: Option<String>,
}

impl Words {
    /// Adds a piece of text (a heading, a caption, a run of words).
    pub(crate) fn push(&mut self, piece: &str) {
        push_text(&mut self.text, piece);
    }

    /// Adds the text of a paragraph: the first with words (not only shortcodes) may be the
    /// summary.
    pub(crate) fn paragraph(&mut self, text: &str) {
        if self.first_paragraph.is_none() && !text.trim().is_empty() && !only_marks(text) {
            self.first_paragraph = Some(text.to_string());
        }
        self.push(text);
    }

    /// Notes `<!-- more -->` (the first only): the summary is the text so far.
    pub(crate) fn more(&mut self) {
        if self.before_more.is_none() {
            self.before_more = Some(self.text.clone());
        }
    }

    /// The summary and the whole text, on one line each.
    pub(crate) fn finish(self) -> (String, String) {
        let summary = self
            .before_more
            .filter(|s| !s.trim().is_empty())
            .or(self.first_paragraph)
            .map(|s| collapse_spaces(&s))
            .unwrap_or_default();
        (summary, collapse_spaces(&self.text))
    }
}

/// Whether `event` is `<!-- more -->`.
pub(crate) fn is_more_marker(event: &Event<'_>) -> bool {
    matches!(event, Event::Html(h) | Event::InlineHtml(h) if h.trim() == "<!-- more -->")
}
