//! Warnings about what a body would publish other than the editor meant: template code of
//! the generator a site comes from, and a code fence never closed.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::base::error::Problem;
use crate::markdown::ProblemAt;
use crate::markdown::text::collapse_spaces;
use crate::msg;

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

/// How many pieces of template code are said one by one; the rest in one message.
const SHOWN_TEMPLATES: usize = 5;

/// The warnings of a body: a code fence never closed (the rest of the article would be shown
/// as code, in silence), and template code of the generator a site comes from (Jekyll's
/// `{% include … %}`, Hugo's `{{< youtube … >}}`), which would be published as text: a few
/// times per file.
pub(crate) fn warnings(body: &str, events: &[(Event<'_>, Range<usize>)], problem_at: ProblemAt<'_>) -> Vec<Problem> {
    let (templates, unclosed_fence) = look(body, events);
    let mut warnings = Vec::new();
    if let Some(at) = unclosed_fence {
        warnings.push(problem_at(at, msg!("md-fence-unclosed"), msg!("md-fence-unclosed-hint")));
    }
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
    warnings
}

/// The template code in the text of `body` (outside code), each with its byte offset, and
/// where the last fenced code block never closed starts.
fn look(body: &str, events: &[(Event<'_>, Range<usize>)]) -> (Vec<(String, usize)>, Option<usize>) {
    let mut in_code = false;
    let mut templates: Vec<(String, usize)> = Vec::new();
    let mut unclosed_fence: Option<usize> = None;
    // The parser cuts text at `<`, `[`…: a run of text events is looked at as one.
    let mut run: Option<Range<usize>> = None;
    let mut look = |run: &mut Option<Range<usize>>| {
        if let Some(r) = run.take() {
            for (at, code) in template_code(&body[r.clone()]) {
                templates.push((code, r.start + at));
            }
        }
    };
    for (event, range) in events {
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
    (templates, unclosed_fence)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_close_with_their_own_kind_at_least_as_long() {
        for closed in ["```\nx\n```", "~~~~ rust\nx\n~~~~~\n", "> ```\n> x\n> ```", "  ```\n  x\n  ```\n"] {
            assert!(fence_closed(closed), "{closed:?}");
        }
        for open in ["```\nx\n", "````\nx\n```\n", "```\n~~~\n"] {
            assert!(!fence_closed(open), "{open:?}");
        }
    }
}
