//! Warnings about what a body would publish other than the editor meant: template code of
//! the generator a site comes from (in text and in raw HTML), a code fence never closed, a
//! link whose address has a space (kramdown made a link of it, CommonMark prints it), and
//! kramdown's attributes written after a word (`*x*{: .a}`).

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
    let Looked { templates, unclosed_fence, spaced_links, span_attributes, mathjax } = look(body, events);
    let mut warnings = Vec::new();
    if let Some((at, formula)) = mathjax {
        warnings.push(problem_at(at, msg!("md-mathjax", formula = formula), msg!("md-mathjax-hint")));
    }
    if let Some(at) = unclosed_fence {
        warnings.push(problem_at(at, msg!("md-fence-unclosed"), msg!("md-fence-unclosed-hint")));
    }
    for (at, link, fixed) in spaced_links {
        let hint = msg!("md-link-space-hint", fixed = fixed);
        warnings.push(problem_at(at, msg!("md-link-space", link = link), hint));
    }
    for (at, text) in span_attributes {
        warnings.push(problem_at(at, msg!("md-ial-span", text = text), msg!("md-ial-span-hint")));
    }
    for (code, offset) in templates.iter().take(SHOWN_TEMPLATES) {
        let hint = if code.starts_with("{{<") || code.starts_with("{{%") {
            msg!("md-template-shortcode-hint")
        } else {
            msg!("md-template-liquid-hint")
        };
        warnings.push(problem_at(*offset, msg!("md-template-code", code = code.as_str()), hint));
    }
    warnings.sort_by_key(|p| (p.line, p.column));
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

/// The first formula of `text` written for MathJax or KaTeX's own script: `\\( … \\)` or
/// `\\[ … \\]` in the file (Markdown reads `\\(` as `\(`, which the script then found; a
/// single `\(` is an escaped parenthesis, as `\[1\]` is a bracket); with its offset, cut to a
/// readable length. bantin loads no script for readers: such a formula is published as text.
fn mathjax_formula(text: &str) -> Option<(usize, String)> {
    for (open, close) in [("\\\\(", "\\\\)"), ("\\\\[", "\\\\]")] {
        if let Some(start) = text.find(open)
            && let Some(len) = text[start + open.len()..].find(close)
        {
            let whole = collapse_spaces(&text[start..start + open.len() + len + close.len()]);
            let shown: String = whole.chars().take(60).collect();
            return Some((start, if shown.len() < whole.len() { format!("{shown}…") } else { shown }));
        }
    }
    spaced_dollars(text)
}

/// A formula between `$ ` and ` $` (KaTeX's script reads it; Markdown's math needs no space
/// inside the `$`): on one line, with something only LaTeX writes (`\`, `^`, `_`, `{`), so
/// that prices (`$5 và $10`) are not taken for one.
fn spaced_dollars(text: &str) -> Option<(usize, String)> {
    let mut from = 0;
    while let Some(start) = text[from..].find("$ ").map(|i| from + i) {
        from = start + 2;
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let Some(end) = text[start + 2..line_end].find(" $").map(|i| start + 2 + i) else { continue };
        let inner = &text[start + 2..end];
        if !inner.trim().is_empty() && inner.contains(['\\', '^', '_', '{']) && !text[..start].ends_with('$') {
            let shown: String = text[start..end + 2].chars().take(60).collect();
            return Some((start, shown));
        }
    }
    None
}

/// What [`look`] found, each with its byte offset in the body.
#[derive(Default)]
struct Looked {
    /// Template code, cut to a readable length.
    templates: Vec<(String, usize)>,
    /// Where the last fenced code block never closed starts.
    unclosed_fence: Option<usize>,
    /// The first formula written for MathJax (`\\( … \\)`), shown.
    mathjax: Option<(usize, String)>,
    /// Links printed as text for a space in their address: as written, and as they should be.
    spaced_links: Vec<(usize, String, String)>,
    /// kramdown's attributes after a word.
    span_attributes: Vec<(usize, String)>,
}

/// Looks at the text of `body` (outside code) and its raw HTML (outside `<code>`, `<pre>`,
/// `<script>` and formulas).
fn look(body: &str, events: &[(Event<'_>, Range<usize>)]) -> Looked {
    let mut in_code = false;
    // How deep the inline HTML has opened `<code>`, `<pre>` or `<script>`.
    let mut in_html_code = 0usize;
    let mut found = Looked::default();
    // The parser cuts text at `<`, `[`…: a run of text events is looked at as one, and so is
    // a run of raw HTML (an HTML block comes a line at a time).
    let mut run: Option<Range<usize>> = None;
    let mut html_run: Option<Range<usize>> = None;
    let look = |found: &mut Looked, run: &mut Option<Range<usize>>, html: bool| {
        let Some(r) = run.take() else { return };
        let text = &body[r.clone()];
        // Each look starts at a byte most prose never has: one fast scan for each says which
        // looks can find anything (a body is looked at run by run, so this is most of the time).
        let has = |b: u8| memchr::memchr(b, text.as_bytes()).is_some();
        let brace = has(b'{');
        if brace {
            let skipped = if html { html_code_ranges(text) } else { Vec::new() };
            for (at, code) in template_code(text) {
                if !skipped.iter().any(|s| s.contains(&at)) {
                    found.templates.push((code, r.start + at));
                }
            }
        }
        if !html {
            if has(b']') {
                for (at, link, fixed) in spaced_links(text) {
                    found.spaced_links.push((r.start + at, link, fixed));
                }
            }
            if brace {
                for (at, attributes) in span_attributes(text) {
                    found.span_attributes.push((r.start + at, attributes));
                }
            }
            if found.mathjax.is_none() && (has(b'\\') || has(b'$')) {
                found.mathjax = mathjax_formula(text).map(|(at, formula)| (r.start + at, formula));
            }
        }
    };
    for (event, range) in events {
        match event {
            // Line breaks too: a tag may be written over several lines.
            Event::Text(_) | Event::SoftBreak | Event::HardBreak if !in_code && in_html_code == 0 => {
                look(&mut found, &mut html_run, true);
                run = Some(run.take().map_or(range.clone(), |r| r.start..range.end.max(r.end)));
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                look(&mut found, &mut run, false);
                if let Event::InlineHtml(tag) = event {
                    in_html_code = code_depth(tag, in_html_code);
                }
                html_run = Some(html_run.take().map_or(range.clone(), |r| r.start..range.end.max(r.end)));
            }
            _ => {
                look(&mut found, &mut run, false);
                look(&mut found, &mut html_run, true);
                match event {
                    Event::Start(Tag::CodeBlock(kind)) => {
                        in_code = true;
                        if matches!(kind, pulldown_cmark::CodeBlockKind::Fenced(_))
                            && !fence_closed(&body[range.clone()])
                        {
                            found.unclosed_fence = Some(range.start);
                        }
                    }
                    Event::End(TagEnd::CodeBlock) => in_code = false,
                    _ => {}
                }
            }
        }
    }
    look(&mut found, &mut run, false);
    look(&mut found, &mut html_run, true);
    found
}

/// The elements whose text is code, as raw HTML opens and closes them.
const CODE_ELEMENTS: [&str; 3] = ["code", "pre", "script"];

/// How deep inside code elements raw HTML is after `html`, from `depth` before it.
fn code_depth(html: &str, depth: usize) -> usize {
    let lower = html.to_ascii_lowercase();
    let mut depth = depth;
    for (i, _) in lower.match_indices('<') {
        let rest = &lower[i + 1..];
        let (closing, rest) = rest.strip_prefix('/').map_or((false, rest), |r| (true, r));
        let is_code = CODE_ELEMENTS
            .iter()
            .any(|e| rest.strip_prefix(e).is_some_and(|after| after.starts_with(['>', ' ', '\n', '\t', '/'])));
        if is_code {
            depth = if closing { depth.saturating_sub(1) } else { depth + 1 };
        }
    }
    depth
}

/// The byte ranges of a piece of raw HTML that are code (`<pre>…</pre>`, `<code>`,
/// `<script>`) or a formula (`$$…$$`): template code there is what readers should see.
fn html_code_ranges(html: &str) -> Vec<Range<usize>> {
    let lower = html.to_ascii_lowercase();
    let mut ranges = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, _) in lower.match_indices('<') {
        let after = code_depth(&lower[i..lower[i..].find('>').map_or(lower.len(), |e| i + e + 1)], depth);
        if depth == 0 && after > 0 {
            start = i;
        } else if depth > 0 && after == 0 {
            ranges.push(start..i);
        }
        depth = after;
    }
    if depth > 0 {
        ranges.push(start..html.len());
    }
    let mut from = 0;
    while let Some(open) = html[from..].find("$$").map(|i| from + i) {
        let Some(close) = html[open + 2..].find("$$").map(|i| open + 2 + i) else { break };
        ranges.push(open..close + 2);
        from = close + 2;
    }
    ranges
}

/// Links CommonMark left as text for a space in their address (`[Phần 1](#phần 1)`), each
/// with its byte offset, as written and as it should be written (`[Phần 1](<#phần 1>)`).
fn spaced_links(text: &str) -> Vec<(usize, String, String)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(middle) = text[from..].find("](").map(|i| from + i) {
        from = middle + 2;
        let Some(open) = text[..middle].rfind('[') else { continue };
        let Some(close) = text[middle + 2..].find(')').map(|i| middle + 2 + i) else { continue };
        let (label, dest) = (&text[open + 1..middle], text[middle + 2..close].trim());
        // Template code as the address (`{{ site.url }}`) is said by its own warning.
        let template = dest.contains("{{") || dest.contains("{%");
        if label.contains(['[', ']', '\n']) || dest.contains(['(', '\n', '<', '"']) || !dest.contains(' ') || template {
            continue;
        }
        found.push((open, text[open..=close].to_string(), format!("[{label}](<{dest}>)")));
        from = close + 1;
    }
    found
}

/// kramdown's attributes written after a word or an emphasis (`*x*{: .a}`), each with its
/// byte offset: bantin reads attribute lists only on lines of their own.
fn span_attributes(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = text[from..].find("{:").map(|i| from + i) {
        let Some(end) = text[start..].find('}').map(|i| start + i + 1) else { break };
        if !text[start..end].contains('\n') {
            found.push((start, text[start..end].to_string()));
        }
        from = end;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_code_in_html_code_and_formulas_is_left_alone() {
        let html = "<div>{% for p in site.posts %}<pre>{{ x }}</pre><code>{% y %}</code> $$ {{a}} $$ {{ p.url }}</div>";
        let skipped = html_code_ranges(html);
        let found: Vec<String> = template_code(html)
            .into_iter()
            .filter(|(at, _)| !skipped.iter().any(|s| s.contains(at)))
            .map(|(_, c)| c)
            .collect();
        assert_eq!(found, ["{% for p in site.posts %}", "{{ p.url }}"]);
        assert_eq!(code_depth("<code class=\"x\">", 0), 1);
        assert_eq!(code_depth("</CODE>", 1), 0);
        assert_eq!(code_depth("<codex>", 0), 0);
    }

    #[test]
    fn links_with_a_space_are_found_with_their_fix() {
        let found = spaced_links("Xem [Phần 1](#phần 1) và [x](my file.html), [a](b) (c d).");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0], (4, "[Phần 1](#phần 1)".to_string(), "[Phần 1](<#phần 1>)".to_string()));
        assert_eq!(found[1].2, "[x](<my file.html>)");
    }

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
