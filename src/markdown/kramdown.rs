//! What kramdown (Jekyll's Markdown) reads in braces and CommonMark would publish as text:
//! attribute lines (`{: #id .note}`) on the line after a block, or before it, which give that
//! block an anchor and classes; `{:toc}` under a list, kramdown's table of contents;
//! `{::comment}…{:/comment}` and `{::options …/}`, which publish nothing.
//!
//! [`read`] blanks them out of the body before it is parsed (with spaces, so every byte
//! offset stays where it was, and a blank line ends the block above as kramdown's line did);
//! [`Read::apply`] then gives a heading its id and classes in its event (so the table of
//! contents and the anchor checks use them), and gives every other block its attributes
//! through a mark the walk puts before it, filled in by [`put_attributes`] once the HTML is
//! written. Anything in braces that cannot be read is a warning, never published.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag};

use crate::base::messages::Message;
use crate::markdown::events::code_ranges;
use crate::markdown::raw_html::{self, Address, Scripts};
use crate::markdown::text::escape_attr;
use crate::msg;

/// The id, classes and other attributes an attribute line gives a block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Attributes {
    id: Option<String>,
    classes: Vec<String>,
    pairs: Vec<(String, String)>,
}

/// An attribute line of the body.
#[derive(Debug)]
struct Line {
    /// Its byte range in the body.
    range: Range<usize>,
    /// As written, for messages.
    written: String,
    /// Right under a line of text (it is for the block above), else for the block below.
    under_text: bool,
    attributes: Attributes,
}

/// A warning: the byte offset in the body, the message and the hint.
pub(crate) type Said = (usize, Message, Message);

/// A body with what kramdown reads in braces blanked out.
#[derive(Debug)]
pub(crate) struct Read {
    /// The body, with the same length.
    pub(crate) text: String,
    lines: Vec<Line>,
    pub(crate) said: Vec<Said>,
}

/// What kramdown reads in braces in `body`, if there is any.
pub(crate) fn read(body: &str) -> Option<Read> {
    if !body.contains("{:") {
        return None;
    }
    let code = code_ranges(body);
    let in_code = |at: usize| code.iter().any(|r| r.contains(&at));
    let mut read = Read { text: body.to_string(), lines: Vec::new(), said: Vec::new() };
    read.comments(body, &in_code);
    let mut previous: Option<Range<usize>> = None;
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let range = at..at + line.trim_end().len();
        at += line.len();
        let shown = line.trim();
        if !(shown.starts_with("{:") && shown.ends_with('}')) || in_code(range.start) {
            previous = Some(range);
            continue;
        }
        let under_text = previous.as_ref().is_some_and(|p| !body[p.clone()].trim().is_empty());
        read.line(body, range.clone(), shown, under_text, previous.clone());
        previous = Some(range);
    }
    Some(read)
}

impl Read {
    /// Blanks `range` of the text, keeping its line breaks.
    fn blank(&mut self, range: Range<usize>) {
        let blanked: String = self.text[range.clone()].chars().map(|c| if c == '\n' { '\n' } else { ' ' }).collect();
        // Each character becomes one byte: keep the length by padding.
        let pad = range.len() - blanked.len();
        self.text.replace_range(range, &format!("{blanked}{}", " ".repeat(pad)));
    }

    /// `{::comment}…{:/comment}` (or `{:/}`) anywhere outside code: left out.
    fn comments(&mut self, body: &str, in_code: &dyn Fn(usize) -> bool) {
        let mut from = 0;
        while let Some(start) = body[from..].find("{::comment}").map(|i| from + i) {
            from = start + 1;
            if in_code(start) {
                continue;
            }
            let rest = &body[start..];
            let end =
                ["{:/comment}", "{:/}"].iter().filter_map(|close| rest.find(close).map(|i| i + close.len())).min();
            match end {
                Some(end) => {
                    self.blank(start..start + end);
                    from = start + end;
                }
                None => self.said.push((start, msg!("md-kramdown-comment-unclosed"), msg!("md-kramdown-comment-hint"))),
            }
        }
    }

    /// A line `{:…}` of the body at `range` (`shown`, trimmed), after the line `previous`.
    fn line(&mut self, body: &str, range: Range<usize>, shown: &str, under_text: bool, previous: Option<Range<usize>>) {
        if self.text[range.clone()].trim().is_empty() {
            // Inside a comment, blanked already.
            return;
        }
        let inner = shown[2..shown.len() - 1].trim();
        let written = shown.to_string();
        if shown.starts_with("{::") {
            // `{::options …/}` says nothing to readers; any other extension on a line
            // (`{::nomarkdown}`) is not read, and said.
            if !inner.starts_with(":options") {
                self.said.push((range.start, msg!("md-ial-unread", text = written), msg!("md-ial-unread-hint")));
            }
            self.blank(range);
            return;
        }
        if inner == "toc" {
            // The list above it (`* TOC`) is kramdown's place for the table of contents.
            self.blank(range.clone());
            let mut start = range.start;
            if under_text && let Some(p) = previous.filter(|p| is_list_item(&body[p.clone()])) {
                start = p.start;
                self.blank(p);
            }
            self.said.push((start, msg!("md-ial-toc"), msg!("md-ial-toc-hint")));
            return;
        }
        self.blank(range.clone());
        match attributes(inner) {
            Ok((attributes, refused)) => {
                for name in refused {
                    self.said.push((range.start, msg!("md-ial-attribute", name = name), msg!("md-ial-attribute-hint")));
                }
                self.lines.push(Line { range, written, under_text, attributes });
            }
            Err(()) => self.said.push((range.start, msg!("md-ial-unread", text = written), msg!("md-ial-unread-hint"))),
        }
    }

    /// Gives each attribute line's block its attributes: a heading in its event; any other
    /// block as the list of `(index of its first event, attributes)` the walk marks. `text`
    /// is [`Read::text`], which the events are of.
    pub(crate) fn apply(&self, events: &mut [(Event<'_>, Range<usize>)]) -> (Vec<(usize, Attributes)>, Vec<Said>) {
        let text = self.text.as_str();
        let mut marked: Vec<(usize, Attributes)> = Vec::new();
        let mut said = Vec::new();
        let blocks: Vec<usize> = (0..events.len()).filter(|&i| takes_attributes(&events[i].0)).collect();
        for line in &self.lines {
            let between_blank = |a: usize, b: usize| a <= b && text[a..b].trim().is_empty();
            let target = if line.under_text {
                // The outermost block that ends right above: a list, not its last item.
                blocks
                    .iter()
                    .copied()
                    // A block may end inside the line, blanked now (a list takes its blank line).
                    .filter(|&i| {
                        let (start, end, at) = (events[i].1.start, events[i].1.end, line.range.start);
                        start < at && text[end.min(at)..end.max(at)].trim().is_empty()
                    })
                    .min_by_key(|&i| (events[i].1.start, i))
            } else {
                blocks.iter().copied().find(|&i| between_blank(line.range.end, events[i].1.start))
            };
            let Some(i) = target else {
                said.push((
                    line.range.start,
                    msg!("md-ial-alone", text = line.written.as_str()),
                    msg!("md-ial-alone-hint"),
                ));
                continue;
            };
            if let Event::Start(Tag::Heading { id, classes, attrs, .. }) = &mut events[i].0 {
                let a = &line.attributes;
                if let Some(written) = &a.id {
                    *id = Some(CowStr::from(written.clone()));
                }
                classes.extend(a.classes.iter().map(|c| CowStr::from(c.clone())));
                attrs.extend(a.pairs.iter().map(|(k, v)| (CowStr::from(k.clone()), Some(CowStr::from(v.clone())))));
            } else if let Some((_, a)) = marked.iter_mut().find(|(j, _)| *j == i) {
                a.id = line.attributes.id.clone().or(a.id.take());
                a.classes.extend(line.attributes.classes.iter().cloned());
                a.pairs.extend(line.attributes.pairs.iter().cloned());
            } else {
                marked.push((i, line.attributes.clone()));
            }
        }
        marked.sort_by_key(|(i, _)| *i);
        (marked, said)
    }
}

/// Whether an event starts a block an attribute line may be for.
fn takes_attributes(event: &Event<'_>) -> bool {
    matches!(
        event,
        Event::Start(
            Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::List(_)
                | Tag::Table(_)
                | Tag::CodeBlock(_)
        )
    )
}

/// Whether a line is an item of a list (`* TOC`, `- Mục lục`, `1. TOC`).
fn is_list_item(line: &str) -> bool {
    let line = line.trim_start();
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = &line[digits..];
    if digits > 0 {
        rest.starts_with(". ") || rest.starts_with(") ")
    } else {
        ["* ", "- ", "+ "].iter().any(|m| line.starts_with(m))
    }
}

/// The attributes of an attribute line's inside (`#id .a .b lang="vi"`), and the names of
/// those left out (scripts, styles, addresses: judged as raw HTML's are, with no script
/// allowed); `Err` when a part is none of these (a reference to a definition kramdown has).
fn attributes(inner: &str) -> Result<(Attributes, Vec<String>), ()> {
    let mut attributes = Attributes::default();
    let mut refused = Vec::new();
    let mut rest = inner.trim();
    while !rest.is_empty() {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        if let Some(id) = rest.strip_prefix('#') {
            attributes.id = Some(id[..end - 1].to_string()).filter(|id| !id.is_empty());
            rest = rest[end..].trim_start();
        } else if let Some(class) = rest.strip_prefix('.') {
            attributes.classes.push(class[..end - 1].to_string());
            rest = rest[end..].trim_start();
        } else {
            let eq = rest.find('=').ok_or(())?;
            let name = rest[..eq].to_string();
            let after = &rest[eq + 1..];
            let quote = after.chars().next().filter(|q| *q == '"' || *q == '\'').ok_or(())?;
            let close = after[1..].find(quote).ok_or(())? + 1;
            let value = &after[1..close];
            rest = after[close + 1..].trim_start();
            let mut address = false;
            let judged = raw_html::judge_attribute("div", &name, value, 0, Scripts::Refuse, &mut |_, _, _| {
                address = true;
                Address::Refused
            });
            match judged {
                Ok(Some(v)) if !address && !matches!(name.as_str(), "style" | "id" | "class") => {
                    attributes.pairs.push((name, v))
                }
                _ => refused.push(name),
            }
        }
    }
    if attributes.classes.iter().any(String::is_empty) {
        return Err(());
    }
    Ok((attributes, refused))
}

/// The mark the walk puts before the `n`th block given attributes. U+0000 cannot come from
/// the text: the parser makes it U+FFFD, raw HTML leaves it out.
pub(crate) fn mark(n: usize) -> String {
    format!("\0ial{n}\0")
}

/// `html` with each block's attributes written in its first tag, in place of its mark.
pub(crate) fn put_attributes(html: String, attributes: &[Attributes]) -> String {
    if attributes.is_empty() {
        return html;
    }
    let mut html = html;
    for (n, a) in attributes.iter().enumerate() {
        let mark = mark(n);
        let Some(at) = html.find(&mark) else { continue };
        html.replace_range(at..at + mark.len(), "");
        let Some(open) = html[at..].find('<').map(|i| at + i) else { continue };
        let name_end = html[open + 1..].find(|c: char| !c.is_ascii_alphanumeric()).map_or(html.len(), |i| open + 1 + i);
        let tag_end = html[open..].find('>').map_or(html.len(), |i| open + i);
        let mut added = String::new();
        if let Some(id) = &a.id {
            added.push_str(&format!(" id=\"{}\"", escape_attr(id)));
        }
        let classes = a.classes.iter().map(|c| escape_attr(c)).collect::<Vec<_>>().join(" ");
        let has_class = html[open..tag_end].find(" class=\"").map(|i| open + i + " class=\"".len());
        if has_class.is_none() && !classes.is_empty() {
            added.push_str(&format!(" class=\"{classes}\""));
        }
        for (k, v) in &a.pairs {
            added.push_str(&format!(" {k}=\"{}\"", escape_attr(v)));
        }
        // The class value is after the name: fill it first, so `name_end` still holds.
        if let Some(value) = has_class.filter(|_| !classes.is_empty()) {
            html.insert_str(value, &format!("{classes} "));
        }
        html.insert_str(name_end, &added);
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_lines_are_read_as_kramdown_reads_them() {
        let (a, refused) = attributes("#muc-1 .note .a lang=\"vi\" onclick=\"x()\" style='color:red'").unwrap();
        assert_eq!(a.id.as_deref(), Some("muc-1"));
        assert_eq!(a.classes, ["note", "a"]);
        assert_eq!(a.pairs, [("lang".to_string(), "vi".to_string())]);
        assert_eq!(refused, ["onclick", "style"]);
        assert!(attributes("ref").is_err() && attributes("k=v").is_err() && attributes(".").is_err());
    }

    #[test]
    fn blanking_keeps_every_offset() {
        let body = "### Tiêu đề\n{: #rieng .note}\n\nĐoạn.\n{::comment}\nẩn đi\n{:/comment}\nSau.\n{::nomarkdown}\n";
        let read = read(body).unwrap();
        assert_eq!(read.text.len(), body.len());
        assert!(!read.text.contains("{:") && !read.text.contains("ẩn") && read.text.contains("Sau."));
        assert_eq!(read.lines.len(), 1);
        assert!(read.lines[0].under_text);
        assert_eq!(read.said.len(), 1, "{{::nomarkdown}} is said");
    }

    #[test]
    fn attributes_go_in_the_first_tag_classes_merged() {
        let a = Attributes { id: Some("x\"y".into()), classes: vec!["a".into()], pairs: vec![] };
        let html = format!("{}<p>t</p>\n{}<div class=\"note\">n</div>", mark(0), mark(1));
        let out = put_attributes(html, &[a.clone(), Attributes { id: None, ..a }]);
        assert_eq!(out, "<p id=\"x&quot;y\" class=\"a\">t</p>\n<div class=\"a note\">n</div>");
    }
}
