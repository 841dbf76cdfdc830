//! Finding shortcode calls in a body and reading them: tags, their arguments, pairs and
//! escapes, each mistake at its byte offset.

use std::ops::Range;

use super::{Arg, BodyRule, Call, Mistake, Piece};
use crate::msg;

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

/// An escaped shortcode: where it was written, the text it stands for, and whether it is in
/// code.
type Escape = (Range<usize>, String, bool);

/// Cuts `body` into pieces. `code` holds the ranges of code spans and blocks; `rule` says for
/// a name whether it takes a body (`None` for a name nobody knows: taken as without one, and
/// reported by the caller).
pub(crate) fn split(
    body: &str,
    code: &[Range<usize>],
    rule: &dyn Fn(&str) -> Option<BodyRule>,
) -> (Vec<Piece>, Vec<Mistake>) {
    let mut mistakes = Vec::new();
    let (tags, escapes) = read_tags(body, code, &mut mistakes);
    let calls = pair_up(&tags, rule, &mut mistakes);
    let pieces = in_order(body, calls, escapes);
    mistakes.sort_by_key(|m| m.at);
    (pieces, mistakes)
}

/// Every tag of `body` outside code, and every escape (in code too).
fn read_tags(body: &str, code: &[Range<usize>], mistakes: &mut Vec<Mistake>) -> (Vec<Tag>, Vec<Escape>) {
    let mut tags: Vec<Tag> = Vec::new();
    let mut escapes: Vec<Escape> = Vec::new();
    let mut from = 0;
    while let Some(start) = find_open(body, from) {
        let in_code = code.iter().any(|c| c.contains(&start));
        if let Some(escape) = escape_at(body, start, in_code) {
            from = escape.0.end;
            escapes.push(escape);
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
    (tags, escapes)
}

/// The escape `{{</* … */>}}` at `start`, if one is written there, undone.
fn escape_at(body: &str, start: usize, in_code: bool) -> Option<Escape> {
    let percent = body[start..].starts_with("{{%");
    let escaped_open = if percent { "{{%/*" } else { "{{</*" };
    let escaped_close = if percent { "*/%}}" } else { "*/>}}" };
    if !body[start..].starts_with(escaped_open) {
        return None;
    }
    let end = body[start..].find(escaped_close).map(|e| start + e + escaped_close.len())?;
    let inner = &body[start + escaped_open.len()..end - escaped_close.len()];
    let (open, close) = if percent { ("{{%", "%}}") } else { ("{{<", ">}}") };
    Some((start..end, format!("{open}{inner}{close}"), in_code))
}

/// Pairs: each opening tag of a name that takes a body looks for its closing tag, counting
/// the same name opened again inside.
fn pair_up(tags: &[Tag], rule: &dyn Fn(&str) -> Option<BodyRule>, mistakes: &mut Vec<Mistake>) -> Vec<Call> {
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
        // A name nobody knows takes its closing tag too: one problem, not two.
        let close = match body_rule {
            Some(BodyRule::Required | BodyRule::Optional) | None => closing_tag(tags, &used, i),
            Some(BodyRule::None) => None,
        };
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
    calls
}

/// The closing tag of the opening tag `i`: the first of its name not used yet that closes no
/// tag of the same name opened in between.
fn closing_tag(tags: &[Tag], used: &[bool], i: usize) -> Option<usize> {
    let tag = &tags[i];
    let mut depth = 0usize;
    for (j, t) in tags.iter().enumerate().skip(i + 1) {
        if used[j] || t.name != tag.name || t.self_closing {
            continue;
        }
        if !t.closing {
            depth += 1;
        } else if depth == 0 {
            return Some(j);
        } else {
            depth -= 1;
        }
    }
    None
}

/// Calls and escapes in order, with the text between.
fn in_order(body: &str, calls: Vec<Call>, escapes: Vec<Escape>) -> Vec<Piece> {
    let mut marks: Vec<(Range<usize>, Piece)> = Vec::new();
    for c in calls {
        marks.push((c.range.clone(), Piece::Call(c)));
    }
    for (range, text, in_code) in escapes {
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
    pieces
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
        // An address pasted without quotes (`https://www.youtube.com/watch?v=…&t=30s`) is one
        // value: its `=` and `&` are the address's, not `name=value`.
        if let Some(end) = bare_address_end(body, i, close) {
            args.push(Arg { name: None, value: body[i..end].to_string(), at: arg_start });
            i = end;
            continue;
        }
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

/// Where an address written bare at `i` ends (at a space or the tag's end), when one starts
/// there: a scheme and `://`, or `www.` (no argument's name has either).
fn bare_address_end(body: &str, i: usize, close: &str) -> Option<usize> {
    let rest = &body[i..];
    let scheme = rest
        .find("://")
        .filter(|&n| n > 0 && rest[..n].bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')));
    if scheme.is_none() && !rest.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("www.")) {
        return None;
    }
    let end = rest
        .char_indices()
        .find(|&(k, c)| {
            c.is_whitespace() || rest[k..].starts_with(close) || rest[k..].starts_with(&format!("/{close}"))
        })
        .map_or(rest.len(), |(k, _)| k);
    Some(i + end)
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
    fn an_address_pasted_without_quotes_is_one_value() {
        for (written, value) in [
            (
                "{{< youtube https://www.youtube.com/watch?v=dQw4w9WgXcQ >}}",
                "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            ),
            (
                "{{< youtube https://youtu.be/dQw4w9WgXcQ?t=30 title=\"Hội nghị\" >}}",
                "https://youtu.be/dQw4w9WgXcQ?t=30",
            ),
            ("{{< youtube www.youtube.com/watch?v=dQw4w9WgXcQ&t=30s/>}}", "www.youtube.com/watch?v=dQw4w9WgXcQ&t=30s"),
        ] {
            let c = calls(written);
            assert_eq!(c.len(), 1, "{written}");
            assert_eq!(c[0].args[0].name, None, "{written}");
            assert_eq!(c[0].args[0].value, value, "{written}");
        }
        let c = calls("{{< youtube https://youtu.be/x title=\"A\" >}}");
        assert_eq!(c[0].args[1].name.as_deref(), Some("title"));
        // Named, as before.
        let c = calls("{{< youtube id=https://youtu.be/x >}}");
        assert_eq!((c[0].args[0].name.as_deref(), c[0].args[0].value.as_str()), (Some("id"), "https://youtu.be/x"));
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
    fn text_around_is_kept_in_order() {
        let body = "a {{< youtube x >}} b";
        let (pieces, _) = split(body, &[], &rules);
        assert_eq!(pieces.len(), 3);
        assert_eq!(pieces[0], Piece::Text(0..2));
        assert_eq!(pieces[2], Piece::Text(19..21));
    }
}
