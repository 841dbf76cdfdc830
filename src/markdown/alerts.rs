//! GitHub's alerts (`> [!NOTE]`, `> [!WARNING]`…) as the theme's `note` boxes, when it has
//! that shortcode; a plain quote otherwise.

use std::collections::BTreeMap;
use std::ops::Range;

use pulldown_cmark::{BlockQuoteKind, Event, Tag};

use crate::base::messages::Message;
use crate::markdown::events::find_end;
use crate::markdown::rewrite::Rewriter;
use crate::markdown::{CallData, Links, Templates};
use crate::msg;

/// Whether alerts become boxes: the theme has a `note` shortcode.
pub(crate) fn boxed(links: &dyn Links) -> bool {
    links.shortcodes().is_some_and(|s| s.declaration("note").is_some())
}

/// The box of the alert of `kind` that starts at the byte offset `start`, whose events inside
/// the quote are `inner`; `None` when the theme has no box (or its template failed: a problem).
pub(crate) fn note_box(
    kind: BlockQuoteKind,
    inner: &[(Event<'_>, Range<usize>)],
    start: usize,
    rewriter: &mut Rewriter<'_>,
    links: &dyn Links,
    root: &str,
) -> Option<String> {
    let inner_html = inner_html(inner, rewriter);
    let kind = match kind {
        BlockQuoteKind::Note => "note",
        BlockQuoteKind::Tip => "tip",
        BlockQuoteKind::Important => "important",
        BlockQuoteKind::Warning => "warning",
        BlockQuoteKind::Caution => "caution",
    };
    let (line, column) = rewriter.position(start);
    match links.shortcodes().and_then(|s| render(s, kind, inner_html, line, column, root)) {
        Some(Ok(html)) => Some(html),
        Some(Err(message)) => {
            rewriter.problem(start, message, msg!("sc-render-error-hint", name = "note"));
            None
        }
        None => None,
    }
}

/// The HTML of what the quote holds, its addresses and raw HTML rewritten.
fn inner_html(inner: &[(Event<'_>, Range<usize>)], rewriter: &mut Rewriter<'_>) -> String {
    let mut events: Vec<Event<'_>> = Vec::with_capacity(inner.len() + 1);
    let mut j = 0;
    while j < inner.len() {
        let (e, r) = &inner[j];
        if matches!(e, Event::Start(Tag::HtmlBlock)) {
            let block_end = find_end(inner, j);
            let html = rewriter.html_block(&inner[j + 1..block_end]);
            events.push(Event::Html(html.into()));
            j = block_end + 1;
            continue;
        }
        events.push(rewriter.event(e.clone(), r.start));
        j += 1;
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

/// The `note` box of kind `kind` holding `body`, when the theme has one.
fn render(
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
        args: BTreeMap::from([("type".to_string(), kind.to_string())]),
        pos: Vec::new(),
        body: Some(body),
        inner: None,
        files: BTreeMap::new(),
        photos: Vec::new(),
        root: root.to_string(),
        id: format!("sc-{line}-{column}"),
    };
    Some(templates.render(&data))
}
