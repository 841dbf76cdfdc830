//! Shortcodes in Markdown, in the syntax Hugo made common: finding them in a body.
//!
//! `{{< name arg="…" >}}`, `{{% name %}}`, positional arguments (`{{< youtube dQw4w9WgXcQ >}}`),
//! pairs with a body (`{{< note >}}…{{< /note >}}`), self-closing `{{< name />}}`, and the
//! escape `{{</* name */>}}`, which writes `{{< name >}}` as text. Inside code spans and code
//! blocks nothing is a shortcode (the escape is still undone there: Hugo sites write it in
//! code blocks that document a shortcode).
//!
//! This module only reads the text; what each shortcode becomes is the theme's
//! (`crate::markdown::Templates`), and `markdown` puts the result in the page.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::base::messages::Message;
use crate::msg;

/// One argument as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Arg {
    /// `None` for a positional argument.
    pub(crate) name: Option<String>,
    pub(crate) value: String,
    /// Byte offset in the body, for messages.
    pub(crate) at: usize,
}

/// A tag as written: opening, closing or self-closing.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Tag {
    name: String,
    args: Vec<Arg>,
    closing: bool,
    self_closing: bool,
    /// `{{% … %}}` rather than `{{< … >}}`.
    percent: bool,
    range: Range<usize>,
}

/// What a body holds, in order: text to keep, escaped shortcodes, shortcode calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    /// Text as it is (offsets into the body).
    Text(Range<usize>),
    /// Text to publish as written in place of `range` (an escaped shortcode, undone).
    Literal { text: String, range: Range<usize>, in_code: bool },
    /// A shortcode call, with its body when it is a pair.
    Call(Call),
}

/// A shortcode call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Call {
    pub(crate) name: String,
    pub(crate) args: Vec<Arg>,
    /// The text between the opening and the closing tag, for pairs.
    pub(crate) body: Option<Range<usize>>,
    /// From the opening tag's `{{` to the end of the closing tag.
    pub(crate) range: Range<usize>,
}

/// A mistake in how a shortcode is written, at a byte offset of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mistake {
    pub(crate) at: usize,
    pub(crate) message: Message,
    pub(crate) hint: Message,
}

/// Whether a shortcode of this name takes a body: must it be closed, may it be, or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum BodyRule {
    Required,
    Optional,
    None,
}

/// Whether `body` may hold a shortcode at all (a cheap test before any parsing).
pub(crate) fn may_have(body: &str) -> bool {
    memchr::memmem::find(body.as_bytes(), b"{{<").is_some() || memchr::memmem::find(body.as_bytes(), b"{{%").is_some()
}

/// Cuts `body` into pieces. `code` holds the ranges of code spans and blocks; `rule` says for
/// a name whether it takes a body (`None` for a name nobody knows: taken as without one, and
/// reported by the caller).
pub(crate) fn split(
    body: &str,
    code: &[Range<usize>],
    rule: &dyn Fn(&str) -> Option<BodyRule>,
) -> (Vec<Piece>, Vec<Mistake>) {
    let mut mistakes = Vec::new();
    let mut tags: Vec<Tag> = Vec::new();
    let mut literals: Vec<(Range<usize>, String, bool)> = Vec::new();
    let mut from = 0;
    while let Some(start) = find_open(body, from) {
        let in_code = code.iter().any(|c| c.contains(&start));
        let percent = body[start..].starts_with("{{%");
        // The escape: `{{</* … */>}}`.
        let escaped_open = if percent { "{{%/*" } else { "{{</*" };
        let escaped_close = if percent { "*/%}}" } else { "*/>}}" };
        if body[start..].starts_with(escaped_open)
            && let Some(end) = body[start..].find(escaped_close).map(|e| start + e + escaped_close.len())
        {
            let inner = &body[start + escaped_open.len()..end - escaped_close.len()];
            let (open, close) = if percent { ("{{%", "%}}") } else { ("{{<", ">}}") };
            literals.push((start..end, format!("{open}{inner}{close}"), in_code));
            from = end;
            continue;
        }
        if in_code {
            from = start + 3;
            continue;
        }
        match parse_tag(body, start) {
            Ok(tag) => {
                from = tag.range.end;
                tags.push(tag);
            }
            Err(m) => {
                mistakes.push(m);
                from = start + 3;
            }
        }
    }

    // Pairs: each opening tag of a name that takes a body looks for its closing tag, counting
    // the same name opened again inside.
    let mut calls: Vec<Call> = Vec::new();
    let mut used = vec![false; tags.len()];
    for i in 0..tags.len() {
        if used[i] {
            continue;
        }
        let tag = &tags[i];
        if tag.closing {
            mistakes.push(Mistake {
                at: tag.range.start,
                message: msg!("sc-close-without-open", name = tag.name.as_str()),
                hint: msg!("sc-close-without-open-hint", name = tag.name.as_str()),
            });
            used[i] = true;
            continue;
        }
        let body_rule = if tag.self_closing { Some(BodyRule::None) } else { rule(&tag.name) };
        let mut close = None;
        // A name nobody knows takes its closing tag too: one problem, not two.
        if matches!(body_rule, Some(BodyRule::Required | BodyRule::Optional) | None) {
            let mut depth = 0usize;
            for (j, t) in tags.iter().enumerate().skip(i + 1) {
                if used[j] || t.name != tag.name || t.self_closing {
                    continue;
                }
                if !t.closing {
                    depth += 1;
                } else if depth == 0 {
                    close = Some(j);
                    break;
                } else {
                    depth -= 1;
                }
            }
        }
        used[i] = true;
        match close {
            Some(j) => {
                used[j] = true;
                let body_range = tag.range.end..tags[j].range.start;
                // Tags inside the body belong to it: its own render finds them again.
                for (k, u) in used.iter_mut().enumerate().take(j).skip(i + 1) {
                    if tags[k].range.start >= body_range.start {
                        *u = true;
                    }
                }
                calls.push(Call {
                    name: tag.name.clone(),
                    args: tag.args.clone(),
                    body: Some(body_range),
                    range: tag.range.start..tags[j].range.end,
                });
            }
            None if body_rule == Some(BodyRule::Required) => {
                mistakes.push(Mistake {
                    at: tag.range.start,
                    message: msg!("sc-unclosed", name = tag.name.as_str()),
                    hint: msg!("sc-unclosed-hint", name = tag.name.as_str()),
                });
            }
            None => calls.push(Call {
                name: tag.name.clone(),
                args: tag.args.clone(),
                body: None,
                range: tag.range.clone(),
            }),
        }
        let _ = tag.percent;
    }

    // In order, with the text between.
    let mut marks: Vec<(Range<usize>, Piece)> = Vec::new();
    for c in calls {
        marks.push((c.range.clone(), Piece::Call(c)));
    }
    for (range, text, in_code) in literals {
        // An escape inside a pair's body is the body's.
        marks.push((range.clone(), Piece::Literal { text, range, in_code }));
    }
    marks.sort_by_key(|(r, _)| r.start);
    let mut pieces = Vec::new();
    let mut at = 0;
    for (range, piece) in marks {
        if range.start < at {
            continue;
        }
        if range.start > at {
            pieces.push(Piece::Text(at..range.start));
        }
        at = range.end;
        pieces.push(piece);
    }
    if at < body.len() {
        pieces.push(Piece::Text(at..body.len()));
    }
    mistakes.sort_by_key(|m| m.at);
    (pieces, mistakes)
}

fn find_open(body: &str, from: usize) -> Option<usize> {
    let bytes = body.as_bytes();
    let mut at = from;
    while let Some(i) = memchr::memmem::find(&bytes[at..], b"{{") {
        let start = at + i;
        if matches!(bytes.get(start + 2), Some(b'<' | b'%')) {
            return Some(start);
        }
        at = start + 2;
    }
    None
}

/// Reads the tag that starts at `start` (`{{<` or `{{%`).
fn parse_tag(body: &str, start: usize) -> Result<Tag, Mistake> {
    let percent = body.as_bytes()[start + 2] == b'%';
    let close = if percent { "%}}" } else { ">}}" };
    let unclosed_tag =
        || Mistake { at: start, message: msg!("sc-tag-unclosed"), hint: msg!("sc-tag-unclosed-hint", close = close) };
    let mut i = start + 3;
    let bytes = body.as_bytes();
    let skip_space = |i: &mut usize| {
        while *i < bytes.len() && (bytes[*i] as char).is_ascii_whitespace() {
            *i += 1;
        }
    };
    skip_space(&mut i);
    let closing = bytes.get(i) == Some(&b'/');
    if closing {
        i += 1;
        skip_space(&mut i);
    }
    let name_start = i;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'-' | b'_' | b'.' | b'/')) {
        // `/` ends a name only before `>}}` (self-closing).
        if bytes[i] == b'/' && body[i..].trim_start_matches('/').trim_start().starts_with(close) {
            break;
        }
        i += 1;
    }
    let name = body[name_start..i].to_string();
    if name.is_empty() {
        return Err(Mistake { at: start, message: msg!("sc-no-name"), hint: msg!("sc-no-name-hint") });
    }
    let mut args = Vec::new();
    loop {
        skip_space(&mut i);
        if i >= bytes.len() {
            return Err(unclosed_tag());
        }
        if body[i..].starts_with(close) {
            return Ok(Tag { name, args, closing, self_closing: false, percent, range: start..i + 3 });
        }
        if bytes[i] == b'/' && body[i + 1..].trim_start().starts_with(close) {
            let end = i + 1 + (body[i + 1..].len() - body[i + 1..].trim_start().len()) + 3;
            return Ok(Tag { name, args, closing, self_closing: true, percent, range: start..end });
        }
        // Another `{{<` before this one closed: the tag was never closed.
        if body[i..].starts_with("{{<") || body[i..].starts_with("{{%") {
            return Err(unclosed_tag());
        }
        let arg_start = i;
        let (first, after) = value_at(body, i).ok_or_else(|| Mistake {
            at: arg_start,
            message: msg!("sc-quote-unclosed"),
            hint: msg!("sc-quote-unclosed-hint"),
        })?;
        i = after;
        if bytes.get(i) == Some(&b'=') && !first.quoted {
            let (value, after) = value_at(body, i + 1).ok_or_else(|| Mistake {
                at: arg_start,
                message: msg!("sc-quote-unclosed"),
                hint: msg!("sc-quote-unclosed-hint"),
            })?;
            i = after;
            args.push(Arg { name: Some(first.text), value: value.text, at: arg_start });
        } else {
            args.push(Arg { name: None, value: first.text, at: arg_start });
        }
    }
}

struct Value {
    text: String,
    quoted: bool,
}

/// A value at `i`: `"…"` (with `\"`), `'…'`, `` `…` `` (as written), or a bare word that ends
/// at a space, `=` or the tag's end. `None` for a quote never closed.
fn value_at(body: &str, i: usize) -> Option<(Value, usize)> {
    let bytes = body.as_bytes();
    match bytes.get(i) {
        Some(&q @ (b'"' | b'\'' | b'`')) => {
            let mut text = String::new();
            let mut chars = body[i + 1..].char_indices();
            while let Some((k, c)) = chars.next() {
                if c == q as char {
                    return Some((Value { text, quoted: true }, i + 1 + k + 1));
                }
                if c == '\\' && q == b'"' {
                    if let Some((_, next)) = chars.next() {
                        text.push(next);
                    }
                    continue;
                }
                if c == '\n' && q != b'`' && body[i + 1 + k..].trim_start().starts_with(">}}") {
                    return None;
                }
                text.push(c);
            }
            None
        }
        _ => {
            let mut end = i;
            while end < bytes.len() {
                let b = bytes[end];
                if b.is_ascii_whitespace()
                    || b == b'='
                    || body[end..].starts_with(">}}")
                    || body[end..].starts_with("%}}")
                    || body[end..].starts_with("/>}}")
                {
                    break;
                }
                end += body[end..].chars().next().map_or(1, char::len_utf8);
            }
            if end == i {
                // A lone `=` or `/`: take the character, the caller reports nothing better.
                end = i + body[i..].chars().next().map_or(1, char::len_utf8);
            }
            Some((Value { text: body[i..end].to_string(), quoted: false }, end))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(name: &str) -> Option<BodyRule> {
        match name {
            "note" => Some(BodyRule::Required),
            "figure" | "youtube" => Some(BodyRule::None),
            "details" => Some(BodyRule::Optional),
            _ => None,
        }
    }

    fn calls(body: &str) -> Vec<Call> {
        let (pieces, mistakes) = split(body, &[], &rules);
        assert!(mistakes.is_empty(), "{mistakes:?}");
        pieces
            .into_iter()
            .filter_map(|p| match p {
                Piece::Call(c) => Some(c),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn arguments_named_positional_quoted_and_bare() {
        let c = calls(r#"a {{< youtube dQw4w9WgXcQ title="Hội nghị \"93\"" start=30 note='x y' >}} b"#);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].name, "youtube");
        let args: Vec<(Option<&str>, &str)> = c[0].args.iter().map(|a| (a.name.as_deref(), a.value.as_str())).collect();
        assert_eq!(
            args,
            vec![
                (None, "dQw4w9WgXcQ"),
                (Some("title"), "Hội nghị \"93\""),
                (Some("start"), "30"),
                (Some("note"), "x y")
            ]
        );
    }

    #[test]
    fn pairs_nest_and_a_closing_tag_ends_the_right_one() {
        let body = "{{< note >}}\nA {{< note >}}B{{< /note >}} C\n{{< /note >}}\n{{% youtube x /%}}";
        let c = calls(body);
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(&body[c[0].body.clone().unwrap()], "\nA {{< note >}}B{{< /note >}} C\n");
        assert_eq!(c[1].name, "youtube");
        assert!(c[1].body.is_none());
    }

    #[test]
    fn optional_bodies_and_self_closing_tags() {
        let c = calls("{{< details >}}x{{< /details >}} {{< details />}} {{< details >}}");
        assert_eq!(c.iter().map(|c| c.body.is_some()).collect::<Vec<_>>(), vec![true, false, false]);
    }

    #[test]
    fn code_keeps_shortcodes_as_text_and_escapes_are_undone() {
        let body = "`{{< youtube x >}}` and {{</* youtube y */>}}\n\n```\n{{</* note */>}}\n```\n";
        let code = vec![0..19, body.find("```").unwrap()..body.len()];
        let (pieces, mistakes) = split(body, &code, &rules);
        assert!(mistakes.is_empty());
        let literals: Vec<(&str, bool)> = pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Literal { text, in_code, .. } => Some((text.as_str(), *in_code)),
                _ => None,
            })
            .collect();
        assert_eq!(literals, vec![("{{< youtube y >}}", false), ("{{< note >}}", true)]);
        assert!(!pieces.iter().any(|p| matches!(p, Piece::Call(_))));
    }

    #[test]
    fn mistakes_say_where() {
        let (_, m) = split("ab\n{{< note >}}\ntext", &[], &rules);
        assert_eq!((m[0].at, m[0].message.id()), (3, "sc-unclosed"));
        let (_, m) = split("{{< /note >}}", &[], &rules);
        assert_eq!(m[0].message.id(), "sc-close-without-open");
        let (_, m) = split("{{< youtube x\n\ntext {{< note >}}x{{< /note >}}", &[], &rules);
        assert_eq!((m[0].at, m[0].message.id()), (0, "sc-tag-unclosed"));
        let (_, m) = split(r#"{{< figure src="a.jpg >}} text"#, &[], &rules);
        assert_eq!(m[0].message.id(), "sc-quote-unclosed");
        let (_, m) = split("{{<  >}}", &[], &rules);
        assert_eq!(m[0].message.id(), "sc-no-name");
    }

    #[test]
    fn times_are_whole_seconds() {
        for (written, secs) in [("90", 90), (" 1:30 ", 90), ("1:02:03", 3723), ("1m30s", 90), ("2h", 7200), ("45s", 45)]
        {
            assert_eq!(seconds(written), Some(secs), "{written}");
        }
        for bad in ["30&autoplay=1", "1:", "-5", "1.5", "abc", "30s1m", "1:2:3:4", "m", ""] {
            assert_eq!(seconds(bad), None, "{bad}");
        }
    }

    #[test]
    fn text_around_is_kept_in_order() {
        let body = "a {{< youtube x >}} b";
        let (pieces, _) = split(body, &[], &rules);
        assert_eq!(pieces.len(), 3);
        assert_eq!(pieces[0], Piece::Text(0..2));
        assert_eq!(pieces[2], Piece::Text(19..21));
    }
}

/// A private-use character pair around a number: where a shortcode's HTML goes once the
/// Markdown around it is rendered. Markdown leaves such text alone.
const MARK_OPEN: char = '\u{E000}';
const MARK_CLOSE: char = '\u{E001}';

fn mark(i: usize) -> String {
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
    fn new(html: String, text: String) -> Made {
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
    map: Vec<(usize, usize, bool)>,
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
    /// The first line of the body in its file.
    pub(crate) body_line: usize,
    /// How many shortcodes this body is inside.
    pub(crate) depth: usize,
}

/// How deep shortcodes may be inside each other's bodies: boxes in boxes in an album are
/// three; thousands would exhaust the stack (and a preview with it).
pub(crate) const MAX_DEPTH: usize = 32;

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

/// A time as editors write it, in whole seconds: `90`, `1:30`, `1:02:03`, `1m30s`, `2h`.
fn seconds(written: &str) -> Option<u64> {
    let w = written.trim();
    if w.contains(':') {
        let parts: Vec<&str> = w.split(':').collect();
        if parts.len() > 3 || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        return parts.iter().try_fold(0u64, |total, p| total.checked_mul(60)?.checked_add(p.parse().ok()?));
    }
    if w.bytes().all(|b| b.is_ascii_digit()) {
        return w.parse().ok();
    }
    // 1h2m3s, each part optional but in that order.
    let mut total = 0u64;
    let mut number = String::new();
    let mut last_unit = 0;
    for c in w.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let (rank, unit) = match c.to_ascii_lowercase() {
            'h' => (1, 3600),
            'm' => (2, 60),
            's' => (3, 1),
            _ => return None,
        };
        if number.is_empty() || rank <= last_unit {
            return None;
        }
        total = total.checked_add(number.parse::<u64>().ok()?.checked_mul(unit)?)?;
        number.clear();
        last_unit = rank;
    }
    number.is_empty().then_some(total)
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

/// One call rendered, or `None` after its problems are noted.
fn one_call(
    body: &str,
    call: &Call,
    shortcodes: &dyn crate::markdown::Templates,
    place: &Place<'_>,
    found: &mut Found,
    problem: &dyn Fn(usize, Message, Message) -> crate::base::error::Problem,
) -> Option<Made> {
    use crate::markdown::{CallData, FileData, PhotoData};
    use crate::markdown::{Expect, Target, resolve};
    place.links.used_shortcode(&call.name);
    let at = call.range.start;
    let Some(decl) = shortcodes.declaration(&call.name) else {
        let names = shortcodes.names();
        let close = names.iter().filter(|n| strsim::normalized_levenshtein(n, &call.name) > 0.6).max_by(|a, b| {
            strsim::normalized_levenshtein(a, &call.name).total_cmp(&strsim::normalized_levenshtein(b, &call.name))
        });
        let name = call.name.as_str();
        let hint = match name {
            // Hugo's own shortcodes: what to write instead.
            "highlight" => msg!("sc-hugo-highlight-hint"),
            "gist" | "tweet" | "x" | "twitter" | "twitter_simple" | "vimeo" | "vimeo_simple" | "instagram" => {
                msg!("sc-hugo-embed-hint", name = name)
            }
            "param" => msg!("sc-hugo-param-hint"),
            _ if name.ends_with(".inline") => msg!("sc-hugo-inline-hint"),
            // The list of names once per file: the next unknown ones say only the guess.
            _ if found.listed => match close {
                Some(c) => msg!("sc-unknown-did-you-mean-short", name = *c),
                None => msg!("sc-unknown-again-hint"),
            },
            _ => {
                found.listed = true;
                match close {
                    Some(c) => msg!("sc-unknown-did-you-mean", name = *c, names = names.join(", ")),
                    None => msg!("sc-unknown-hint", names = names.join(", ")),
                }
            }
        };
        found.problems.push(problem(at, msg!("sc-unknown", name = call.name.as_str()), hint));
        return None;
    };
    let mut ok = true;
    let mut args: BTreeMap<String, String> = BTreeMap::new();
    let mut pos = Vec::new();
    let params: Vec<&String> = decl.params().collect();
    let accepted = || {
        if params.is_empty() {
            msg!("sc-takes-no-args-hint", name = call.name.as_str())
        } else {
            msg!(
                "sc-args-hint",
                name = call.name.as_str(),
                args = params.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(", ")
            )
        }
    };
    for arg in &call.args {
        match &arg.name {
            None => {
                match params.get(pos.len()) {
                    Some(p) => {
                        args.insert((*p).clone(), arg.value.clone());
                    }
                    None if !decl.free => {
                        found.problems.push(problem(
                            arg.at,
                            msg!("sc-too-many-args", name = call.name.as_str(), value = arg.value.as_str()),
                            accepted(),
                        ));
                        ok = false;
                    }
                    None => {}
                }
                pos.push(arg.value.clone());
            }
            Some(name) => {
                if !decl.free && !params.contains(&name) {
                    found.problems.push(problem(
                        arg.at,
                        msg!("sc-unknown-arg", name = call.name.as_str(), arg = name.as_str()),
                        accepted(),
                    ));
                    ok = false;
                }
                args.insert(name.clone(), arg.value.clone());
            }
        }
    }
    for r in &decl.required {
        if args.get(r).is_none_or(|v| v.trim().is_empty()) {
            found.problems.push(problem(
                at,
                msg!("sc-missing-arg", name = call.name.as_str(), arg = r.as_str()),
                accepted(),
            ));
            ok = false;
        }
    }
    if decl.body == BodyRule::None && call.body.is_some() {
        ok = false;
    }
    // Times go into addresses (`&start=90`): only whole seconds may.
    for t in &decl.times {
        let Some(value) = args.get_mut(t) else { continue };
        if value.trim().is_empty() {
            continue;
        }
        match seconds(value) {
            Some(s) => *value = s.to_string(),
            None => {
                let arg_at = call.args.iter().find(|a| a.name.as_deref() == Some(t.as_str())).map_or(at, |a| a.at);
                let message = msg!("sc-bad-time", arg = t.as_str(), value = value.as_str());
                found.problems.push(problem(arg_at, message, msg!("sc-bad-time-hint", arg = t.as_str())));
                ok = false;
            }
        }
    }
    // Files the arguments name: checked like the images of the text.
    let mut files = BTreeMap::new();
    for f in &decl.files {
        let Some(value) = args.get(f) else { continue };
        let arg_at = call.args.iter().find(|a| a.name.as_deref() == Some(f)).map_or(at, |a| a.at);
        let written = value.trim();
        if written.starts_with('/') && !written.starts_with("//") {
            let (line, column) = (place.position)(arg_at);
            found.site_paths.push(crate::markdown::SitePathRef::new(written, line, column, Expect::Image));
        }
        let name = written.rsplit('/').next().unwrap_or(written).split(['?', '#']).next().unwrap_or_default();
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        let (url, site) = match resolve(written, place.source, place.links, Expect::Image) {
            Target::AsWritten => (written.to_string(), None),
            Target::Site(path) | Target::Unpublished(path, _) => (format!("{}{path}", place.root), Some(path)),
            Target::Missing(message, hint) => {
                found.problems.push(problem(arg_at, message, hint.unwrap_or_else(|| msg!("sc-file-missing-hint"))));
                ok = false;
                continue;
            }
            Target::Refused(message) => {
                found.problems.push(problem(arg_at, message, msg!("sc-file-missing-hint")));
                ok = false;
                continue;
            }
        };
        let decoded = site.as_deref().map(crate::markdown::percent_decode);
        let bytes = decoded.as_deref().and_then(|p| place.links.file_size(p));
        let photo = decoded.as_deref().and_then(|p| photo_data(place, p, "", ""));
        if let Some(p) = &decoded
            && photo.is_some()
        {
            found.images.push(p.clone());
        }
        files.insert(
            f.clone(),
            FileData {
                url,
                name: crate::markdown::percent_decode(name),
                ext,
                bytes,
                size: bytes.map(|b| crate::markdown::templates::human_size(b, shortcodes.lang())),
                photo,
            },
        );
    }
    // The body: Markdown, with its own shortcodes.
    let mut inner_html = None;
    let mut inner_text = String::new();
    let mut photos: Vec<PhotoData> = Vec::new();
    if call.body.is_some() && place.depth >= MAX_DEPTH {
        let hint = msg!("sc-too-deep-hint", name = call.name.as_str());
        found.problems.push(problem(at, msg!("sc-too-deep", depth = MAX_DEPTH), hint));
        return None;
    }
    if let Some(r) = &call.body {
        let mut start = r.start;
        let text = &body[r.clone()];
        // A body that starts on the next line starts there.
        let skipped = text.len() - text.trim_start_matches([' ', '\t']).len();
        if text[skipped..].starts_with('\n') {
            start += skipped + 1;
        }
        let (line, _) = (place.position)(start);
        let inner = &body[start..r.end];
        let rendered =
            crate::markdown::render_nested(place.source, inner, line, place.root, place.links, place.depth + 1);
        found.problems.extend(rendered.problems);
        found.warnings.extend(rendered.warnings);
        found.site_paths.extend(rendered.site_paths);
        for (src, alt, caption) in &rendered.pictures {
            let site = src.strip_prefix(place.root).map(crate::markdown::percent_decode);
            let data = site.as_deref().and_then(|p| photo_data(place, p, alt, caption)).unwrap_or_else(|| PhotoData {
                url: src.clone(),
                alt: alt.clone(),
                caption: caption.clone(),
                width: None,
                height: None,
                srcset: String::new(),
                large: src.clone(),
            });
            photos.push(data);
        }
        found.images.extend(rendered.images);
        inner_text = rendered.text;
        inner_html = Some(rendered.html);
    }
    // An album of a folder: `dir="anh-hoi-nghi/"`, from the page's folder.
    if let Some(dir) = args.get("dir") {
        let arg_at = call.args.iter().find(|a| a.name.as_deref() == Some("dir")).map_or(at, |a| a.at);
        let folder = match dir.trim().strip_prefix('/') {
            Some(site) => Some(site.trim_end_matches('/').to_string()),
            None => place.source.join_relative(dir.trim().trim_end_matches('/')).map(|p| p.as_str().to_string()),
        };
        let in_folder = folder.as_deref().map(|f| place.links.photos_in(f)).unwrap_or_default();
        if folder.is_none() || folder.as_deref().is_some_and(|f| f.split('/').any(|part| part == "..")) {
            // `../../x/`: above content/, where nothing is published.
            found.problems.push(problem(
                arg_at,
                msg!("md-outside-content", dest = dir.as_str()),
                msg!("sc-dir-empty-hint"),
            ));
            ok = false;
        } else if in_folder.is_empty() {
            found.problems.push(problem(arg_at, msg!("sc-dir-empty", dir = dir.as_str()), msg!("sc-dir-empty-hint")));
            ok = false;
        }
        for p in in_folder {
            if let Some(d) = photo_data(place, &p, "", "") {
                found.images.push(p);
                photos.push(d);
            }
        }
    }
    if !ok {
        return None;
    }
    let (line, column) = (place.position)(at);
    let _ = place.body_line;
    let data = CallData {
        name: call.name.clone(),
        args: args.clone(),
        pos,
        body: inner_html,
        inner: call.body.as_ref().map(|r| body[r.clone()].to_string()),
        files,
        photos,
        root: place.root.to_string(),
        id: format!("sc-{line}-{column}"),
    };
    match shortcodes.render(&data) {
        Ok(html) => {
            let mut text = String::new();
            for key in ["title", "caption", "source"] {
                if let Some(v) = args.get(key) {
                    text.push_str(v);
                    text.push(' ');
                }
            }
            text.push_str(&inner_text);
            // What a template makes is read like raw HTML of the article: an argument a template
            // lets through unescaped (`| safe`) cannot carry a script either.
            let (html, findings) =
                crate::markdown::raw_html::clean(html.trim(), place.links.scripts(), &mut |value, usage, _| {
                    match crate::markdown::scheme_allowed(value, usage) {
                        Err(message) => {
                            found.problems.push(problem(at, message, msg!("md-refused-link-hint")));
                            crate::markdown::raw_html::Address::Refused
                        }
                        Ok(()) => crate::markdown::raw_html::Address::AsWritten,
                    }
                });
            for f in findings {
                let (message, hint) = crate::markdown::removed_said(&f.removed);
                match f.removed {
                    crate::markdown::raw_html::Removed::OddAttribute(_) => {
                        found.warnings.push(problem(at, message, hint))
                    }
                    _ => found.problems.push(problem(at, message, hint)),
                }
            }
            Some(Made::new(html, text.trim().to_string()))
        }
        Err(message) => {
            found.problems.push(problem(at, message, msg!("sc-render-error-hint", name = call.name.as_str())));
            None
        }
    }
}

/// A photo of the site as shortcodes show it, when bantin made its sizes.
fn photo_data(place: &Place<'_>, path: &str, alt: &str, caption: &str) -> Option<crate::markdown::PhotoData> {
    let photo = place.links.photo(path)?;
    let url = format!("{}{}", place.root, crate::markdown::encode_path(path));
    Some(crate::markdown::PhotoData {
        large: photo.variants.last().map_or(url.clone(), |(_, _, p)| format!("{}{p}", place.root)),
        url,
        alt: alt.to_string(),
        caption: caption.to_string(),
        width: Some(photo.width),
        height: Some(photo.height),
        srcset: photo.srcset(place.root),
    })
}
