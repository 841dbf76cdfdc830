//! Raw HTML written in an article (`<iframe …>`, `<a href=…>`), read the way a browser reads
//! it and written again from what was read.
//!
//! In: one piece of raw HTML as Markdown hands it over (an HTML block, or one inline tag), and
//! the caller's judgement on addresses. Out: HTML made only of what was read and allowed, and
//! the [`Finding`]s of what was left out, at their byte offsets in the piece.
//!
//! The piece is tokenized by html5gum, which follows the WHATWG tokenizer: entities in
//! attribute values are decoded (`&#106;avascript:` is `javascript:`), unquoted values,
//! duplicate attributes and tags cut by the end of the piece are what a browser makes of them.
//! Every address-bearing attribute of every element (`href`, `src`, `srcset`, `action`,
//! `formaction`, `data`, `poster`, `xlink:href`…) goes through one judgement, on the address
//! as a browser sees it (tabs and line breaks removed, control characters trimmed).
//!
//! The output is written again from the tokens, never copied: text has `<` and `&` escaped,
//! attribute values are double-quoted with `"`, `<`, `>` and `&` escaped. So every `<` in the
//! output starts a tag that was judged here, whatever context the browser is in when it reads
//! it (inside `<style>`, inside SVG): nothing can hide in a context this module did not see.
//! A piece always ends outside any element whose text is read raw (`<style>` left open is
//! closed), so the Markdown after it cannot become CSS or script.
//!
//! html5gum lives behind this module.

pub use crate::config::Scripts;
use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Error as TokenError, Span, State, Tokenizer};

/// What an address-bearing attribute points at, for the caller's judgement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Use {
    /// Followed or loaded as a page, a frame or a file (`href`, `action`, `iframe src`).
    Link,
    /// Shown as a picture or played (`img src`, `srcset`, `poster`, `video src`): a
    /// `data:image/…` address is allowed here.
    Image,
}

/// The caller's judgement on an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Address {
    /// Kept as written.
    AsWritten,
    /// Written as this instead (a site path under the base path, an article's page).
    Rewritten(String),
    /// Left out: the caller has said why.
    Refused,
}

/// Something left out of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Removed {
    /// A `<script>` element.
    Script,
    /// An event handler attribute (`onclick`, `onerror`), by name.
    Handler(String),
    /// `<iframe srcdoc>`: a page written inside an attribute, which runs its own scripts.
    Srcdoc,
    /// `<base>`, which would change where every link of the page leads.
    Base,
    /// `<meta http-equiv="refresh">`, which sends the reader elsewhere.
    Refresh,
    /// An SVG animation (`<animate>`, `<set>`) of a link's address.
    LinkAnimation,
    /// An attribute whose name no browser uses as an attribute (`"` after a value: `alt="a""`).
    OddAttribute(String),
    /// A tag cut by the end of the HTML (`<a href="…"` with no `>`): the browser would read
    /// the article after it as part of the tag.
    Unclosed,
}

impl Removed {
    /// Whether the site's `allow_scripts` keeps it.
    fn is_script(&self) -> bool {
        matches!(self, Removed::Script | Removed::Handler(_) | Removed::Srcdoc)
    }
}

/// What was left out, where: a byte offset in the piece.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    pub(crate) at: usize,
    pub(crate) removed: Removed,
}

/// One step of the tokenizer, owned.
#[derive(Debug)]
enum Piece {
    Open(String, usize),
    Name(String, usize, usize),
    Value(String),
    Close(bool),
    End(String),
    Text(String),
    Unclosed(usize),
}

/// How the text inside an element is read by a browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextMode {
    /// Tags and character references, as everywhere.
    Normal,
    /// Character references but no tags (`<textarea>`, `<title>`).
    Escapable,
    /// Neither (`<style>`, `<xmp>`, `<iframe>`, `<noembed>`, `<noframes>`).
    Raw,
    /// A script's text.
    Script,
}

fn text_mode(tag: &str) -> TextMode {
    match tag {
        "textarea" | "title" => TextMode::Escapable,
        "style" | "xmp" | "iframe" | "noembed" | "noframes" => TextMode::Raw,
        "script" => TextMode::Script,
        // `<noscript>`'s content is read as HTML and judged like the rest: a browser with
        // scripts reads it as raw text, in which the judged tags are text, and less is never
        // unsafe.
        _ => TextMode::Normal,
    }
}

/// A start tag being read.
#[derive(Debug, Default)]
struct Tag {
    name: String,
    at: usize,
    attributes: Vec<Attribute>,
    /// Written `<… />`: in SVG and MathML, an element without content.
    self_closing: bool,
}

/// An attribute of a start tag.
#[derive(Debug, Default)]
struct Attribute {
    /// Empty for a second attribute of the same name, which a browser ignores.
    name: String,
    value: String,
    /// Where its value starts (its name, when it has no value).
    at: usize,
    /// Written without `=` (`allowfullscreen`).
    bare: bool,
}

/// Rewrites `html` from what a browser reads in it: addresses judged by `address` (with the
/// use and the byte offset of the value), scripts kept or refused as `scripts` says.
pub(crate) fn clean(
    html: &str,
    scripts: Scripts,
    address: &mut dyn FnMut(&str, Use, usize) -> Address,
) -> (String, Vec<Finding>) {
    let mut emitter = CallbackEmitter::new(piece_of);
    emitter.naively_switch_states(false);
    let mut tokens = Tokenizer::new_with_emitter(html, emitter);
    let mut writer = Writer {
        html,
        scripts,
        address,
        out: String::with_capacity(html.len() + 16),
        findings: Vec::new(),
        tag: None,
        open: None,
    };
    while let Some(Ok(piece)) = tokens.next() {
        if let Some(state) = writer.piece(piece) {
            tokens.set_state(state);
        }
    }
    writer.finish()
}

/// The piece of a tokenizer's event, if it is one that is published.
fn piece_of(event: CallbackEvent<'_>, span: Span<usize>) -> Option<Piece> {
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    match event {
        CallbackEvent::OpenStartTag { name } => Some(Piece::Open(text(name), span.start)),
        CallbackEvent::AttributeName { name } => Some(Piece::Name(text(name), span.start, span.end)),
        CallbackEvent::AttributeValue { value } => Some(Piece::Value(text(value))),
        CallbackEvent::CloseStartTag { self_closing } => Some(Piece::Close(self_closing)),
        CallbackEvent::EndTag { name } => Some(Piece::End(text(name))),
        CallbackEvent::String { value } => Some(Piece::Text(text(value))),
        CallbackEvent::Error(TokenError::EofInTag) => Some(Piece::Unclosed(span.start)),
        // Comments (editors' notes, `<![CDATA[` outside SVG) and doctypes are not published.
        CallbackEvent::Comment { .. } | CallbackEvent::Doctype { .. } | CallbackEvent::Error(_) => None,
    }
}

/// The HTML written again, piece by piece.
struct Writer<'h, 'a> {
    html: &'h str,
    scripts: Scripts,
    address: &'a mut dyn FnMut(&str, Use, usize) -> Address,
    out: String,
    findings: Vec<Finding>,
    /// The start tag being read.
    tag: Option<Tag>,
    /// The element whose text is read raw, if one is open, and whether it is kept.
    open: Option<(String, TextMode, bool)>,
}

impl Writer<'_, '_> {
    /// Takes one piece; the state the tokenizer goes on in, when it changes.
    fn piece(&mut self, piece: Piece) -> Option<State> {
        match piece {
            // `<plaintext>` never ends, and would show the rest of the page as text: it is
            // read and written as `<xmp>`, which shows its text the same way and ends.
            Piece::Open(name, at) => {
                let name = if name == "plaintext" { "xmp".to_string() } else { name };
                self.tag = Some(Tag { name, at, attributes: Vec::new(), self_closing: false });
            }
            Piece::Name(name, at, name_end) => self.attribute_name(name, at, name_end),
            // What cannot be published is taken out before anything is judged: the value judged
            // is the value written (`java&#1;script:` must not become `javascript:` after).
            Piece::Value(value) => {
                if let Some(a) = self.tag.as_mut().and_then(|t| t.attributes.last_mut()) {
                    a.value = value.chars().filter(|c| !crate::base::text::is_unpublishable(*c)).collect();
                }
            }
            Piece::Close(self_closing) => return self.close_start_tag(self_closing),
            Piece::End(name) => self.end_tag(name),
            Piece::Text(text) => match &self.open {
                Some((_, _, false)) => {}
                Some((_, TextMode::Script, true)) => self.out.push_str(&text),
                Some((_, TextMode::Raw, true)) => push_clean(&mut self.out, &text, |c| matches!(c, '<')),
                _ => push_clean(&mut self.out, &text, |c| matches!(c, '<' | '>' | '&')),
            },
            Piece::Unclosed(at) => {
                let at = self.tag.as_ref().map_or(at, |t| t.at);
                self.findings.push(Finding { at, removed: Removed::Unclosed });
            }
        }
        None
    }

    /// An attribute's name, starting at `at` and ending at `name_end`.
    fn attribute_name(&mut self, name: String, at: usize, name_end: usize) {
        let html = self.html;
        // The value starts after `=`, spaces and its quote, if it has them.
        let after = html.get(name_end..).unwrap_or_default();
        let (at, bare) = match after.trim_start().strip_prefix('=') {
            Some(rest) => {
                let rest_trimmed = rest.trim_start();
                let quote = usize::from(rest_trimmed.starts_with(['"', '\'']));
                (html.len() - rest_trimmed.len() + quote, false)
            }
            None => (at, true),
        };
        if let Some(t) = &mut self.tag {
            // A browser keeps the first of two attributes of the same name.
            let name = if t.attributes.iter().any(|a| a.name == name) { String::new() } else { name };
            t.attributes.push(Attribute { name, value: String::new(), at, bare });
        }
    }

    /// The end of a start tag: the tag is written, if it may be; the state to read its text
    /// in, when it is not read as HTML.
    fn close_start_tag(&mut self, self_closing: bool) -> Option<State> {
        let mut t = self.tag.take()?;
        t.self_closing = self_closing;
        let mode = text_mode(&t.name);
        let kept = write_start_tag(&t, self.scripts, &mut *self.address, &mut self.out, &mut self.findings);
        if mode == TextMode::Normal {
            return None;
        }
        self.open = Some((t.name, mode, kept));
        Some(match mode {
            TextMode::Escapable => State::RcData,
            TextMode::Script => State::ScriptData,
            _ => State::RawText,
        })
    }

    /// An end tag, written when its element was kept.
    fn end_tag(&mut self, name: String) {
        let name = if name == "plaintext" { "xmp".to_string() } else { name };
        let kept = match self.open.take() {
            Some((_, _, kept)) => kept,
            None => true,
        };
        if kept && valid_name(&name) {
            self.out.push_str("</");
            self.out.push_str(&name);
            self.out.push('>');
        }
    }

    /// The HTML, with an element whose text is read raw closed, and what was left out.
    fn finish(mut self) -> (String, Vec<Finding>) {
        if let Some((name, _, true)) = self.open {
            self.out.push_str("</");
            self.out.push_str(&name);
            self.out.push('>');
        }
        if self.scripts == Scripts::Allow {
            self.findings.retain(|f| !f.removed.is_script());
        }
        (self.out, self.findings)
    }
}

/// Writes a start tag with the attributes that may stay; whether the element is kept.
fn write_start_tag(
    tag: &Tag,
    scripts: Scripts,
    address: &mut dyn FnMut(&str, Use, usize) -> Address,
    out: &mut String,
    findings: &mut Vec<Finding>,
) -> bool {
    let name = tag.name.as_str();
    if !valid_name(name) {
        // `<a"b>`: not an element any page means; shown as the text it was.
        push_clean(out, &format!("<{name}>"), |c| matches!(c, '<' | '>' | '&'));
        return false;
    }
    let attribute = |wanted: &str| tag.attributes.iter().find(|a| a.name == wanted).map(|a| a.value.as_str());
    let refused = match name {
        "script" => Some(Removed::Script),
        "base" => Some(Removed::Base),
        "meta" if attribute("http-equiv").is_some_and(|v| v.trim().eq_ignore_ascii_case("refresh")) => {
            Some(Removed::Refresh)
        }
        "animate" | "set" | "animatemotion" | "animatetransform"
            if attribute("attributename").is_some_and(|v| {
                let v = v.trim().to_ascii_lowercase();
                v == "href" || v.ends_with(":href")
            }) =>
        {
            Some(Removed::LinkAnimation)
        }
        _ => None,
    };
    if let Some(removed) = refused {
        let kept = scripts == Scripts::Allow && removed.is_script();
        findings.push(Finding { at: tag.at, removed });
        if !kept {
            return false;
        }
    }
    out.push('<');
    out.push_str(name);
    for Attribute { name: attr, value, at, bare } in &tag.attributes {
        if attr.is_empty() {
            continue;
        }
        let written = match judge_attribute(name, attr, value, *at, scripts, address) {
            Ok(written) => written,
            Err(removed) => {
                findings.push(Finding { at: *at, removed });
                continue;
            }
        };
        let Some(written) = written else { continue };
        out.push(' ');
        out.push_str(attr);
        if !(*bare && written.is_empty()) {
            out.push_str("=\"");
            push_clean(out, &written, |c| matches!(c, '<' | '>' | '&' | '"'));
            out.push('"');
        }
    }
    if tag.self_closing {
        out.push_str(" /");
    }
    out.push('>');
    true
}

/// One attribute of `element` judged: its value to write (`None` when its address was
/// refused, which the caller has said), or what it is that is left out. The same judgement for
/// raw HTML and for attributes written in Markdown (a heading's `{#id key=value}`).
pub(crate) fn judge_attribute(
    element: &str,
    attr: &str,
    value: &str,
    at: usize,
    scripts: Scripts,
    address: &mut dyn FnMut(&str, Use, usize) -> Address,
) -> Result<Option<String>, Removed> {
    if !valid_name(attr) {
        return Err(Removed::OddAttribute(attr.to_string()));
    }
    if scripts == Scripts::Refuse && (attr.starts_with("on") || attr == "srcdoc") {
        return Err(if attr == "srcdoc" { Removed::Srcdoc } else { Removed::Handler(attr.to_string()) });
    }
    Ok(match address_use(element, attr) {
        Some(Addresses::One(usage)) => match address(value, usage, at) {
            Address::AsWritten => Some(value.to_string()),
            Address::Rewritten(new) => Some(new),
            Address::Refused => None,
        },
        Some(Addresses::List(usage, separator)) => rewrite_list(value, usage, at, separator, address),
        None => Some(value.to_string()),
    })
}

/// How an attribute holds addresses.
enum Addresses {
    One(Use),
    /// Several: `srcset`'s candidates separated by commas (each an address and a width), or
    /// `ping`'s addresses separated by spaces.
    List(Use, char),
}

/// Which attributes hold addresses, on which elements.
fn address_use(element: &str, attribute: &str) -> Option<Addresses> {
    let media = matches!(element, "img" | "source" | "video" | "audio" | "track" | "input" | "picture");
    Some(match attribute {
        "src" if media => Addresses::One(Use::Image),
        "href" | "xlink:href" if matches!(element, "image" | "feimage") => Addresses::One(Use::Image),
        "poster" => Addresses::One(Use::Image),
        "srcset" | "imagesrcset" => Addresses::List(Use::Image, ','),
        "ping" => Addresses::List(Use::Link, ' '),
        // The theme's script makes frames of these (a document's viewer, a video's player).
        "data-doc" | "data-embed" => Addresses::One(Use::Link),
        "src" | "href" | "xlink:href" | "action" | "formaction" | "data" | "cite" | "longdesc" | "background"
        | "lowsrc" | "dynsrc" | "codebase" | "classid" | "archive" | "manifest" | "profile" | "icon" | "xml:base"
        | "itemtype" | "usemap" => Addresses::One(Use::Link),
        _ => return None,
    })
}

/// Judges each address of a list; `None` when every one was refused.
fn rewrite_list(
    value: &str,
    usage: Use,
    at: usize,
    separator: char,
    address: &mut dyn FnMut(&str, Use, usize) -> Address,
) -> Option<String> {
    let mut kept: Vec<String> = Vec::new();
    for candidate in value.split(separator) {
        let candidate = candidate.trim_matches(|c: char| c.is_ascii_whitespace());
        if candidate.is_empty() {
            continue;
        }
        // A srcset candidate is an address, then its width or density (`a.jpg 800w`).
        let (url, descriptor) = if separator == ',' {
            match candidate.find(|c: char| c.is_ascii_whitespace()) {
                Some(i) => (&candidate[..i], candidate[i..].trim()),
                None => (candidate, ""),
            }
        } else {
            (candidate, "")
        };
        let url = match address(url, usage, at) {
            Address::AsWritten => url.to_string(),
            Address::Rewritten(new) => new.replace(' ', "%20").replace(',', "%2C"),
            Address::Refused => continue,
        };
        kept.push(if descriptor.is_empty() { url } else { format!("{url} {descriptor}") });
    }
    (!kept.is_empty()).then(|| kept.join(if separator == ',' { ", " } else { " " }))
}

/// Whether a tag or attribute name is one a browser and every later reader agree on.
fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | ':' | '.'))
}

/// Appends `text` with the characters `escaped` says as character references, and without
/// the characters HTML and XML may not carry (controls, noncharacters).
fn push_clean(out: &mut String, text: &str, escaped: impl Fn(char) -> bool) {
    for c in text.chars() {
        if escaped(c) {
            out.push_str(match c {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                _ => "&quot;",
            });
        } else if !crate::base::text::is_unpublishable(c) {
            out.push(c);
        }
    }
}

/// An address as a browser reads it before it looks at its scheme: spaces and control
/// characters around it trimmed, tabs and line breaks inside it removed.
pub(crate) fn as_browser_reads(address: &str) -> std::borrow::Cow<'_, str> {
    let trimmed = address.trim_matches(|c: char| c <= ' ');
    if trimmed.contains(['\t', '\n', '\r']) {
        std::borrow::Cow::Owned(trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect())
    } else {
        std::borrow::Cow::Borrowed(trimmed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judge(html: &str, scripts: Scripts) -> (String, Vec<Finding>, Vec<String>) {
        let mut seen = Vec::new();
        let (out, findings) = clean(html, scripts, &mut |a: &str, _u: Use, _at: usize| {
            seen.push(a.to_string());
            let scheme = crate::base::paths::scheme_of(&as_browser_reads(a)).unwrap_or_default().to_ascii_lowercase();
            if scheme == "javascript" { Address::Refused } else { Address::AsWritten }
        });
        (out, findings, seen)
    }

    #[test]
    fn addresses_are_read_as_a_browser_reads_them() {
        for html in [
            "<a href=javascript:alert(1)>x</a>",
            "<a href=\"&#106;avascript:alert(1)\">x</a>",
            "<a href=\"javascript&colon;alert(1)\">x</a>",
            "<a href=\"java&#x09;script:alert(1)\">x</a>",
            "<a href=\"java\nscript:alert(1)\">x</a>",
            "<a href=\" \u{1}javascript:alert(1)\">x</a>",
            "<form action=javascript:alert(1)><button formaction='javascript:1'>x</button></form>",
            "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
            "<object data=\"JaVaScRiPt:alert(1)\"></object>",
            "<a href=\"https://ok\" href=\"x\">first kept</a>",
        ] {
            let (out, _, seen) = judge(html, Scripts::Refuse);
            assert!(!out.to_ascii_lowercase().contains("script:"), "{html} → {out}");
            assert!(!seen.is_empty(), "{html}: no address judged");
        }
    }

    #[test]
    fn srcset_candidates_are_judged_one_by_one() {
        let (out, _, seen) = judge("<img srcset=\"a.jpg 480w, javascript:x 800w,b.jpg 2x\">", Scripts::Refuse);
        assert_eq!(seen, ["a.jpg", "javascript:x", "b.jpg"]);
        assert_eq!(out, "<img srcset=\"a.jpg 480w, b.jpg 2x\">");
    }

    #[test]
    fn scripts_and_handlers_are_left_out_unless_allowed() {
        let html = "<p onclick=\"go()\">a</p><script>alert('<b>')</script><iframe srcdoc=\"<b>x</b>\"></iframe>";
        let (out, findings, _) = judge(html, Scripts::Refuse);
        assert_eq!(out, "<p>a</p><iframe></iframe>");
        let kinds: Vec<_> = findings.iter().map(|f| f.removed.clone()).collect();
        assert_eq!(kinds, [Removed::Handler("onclick".into()), Removed::Script, Removed::Srcdoc]);
        let (out, findings, _) = judge(html, Scripts::Allow);
        assert_eq!(
            out,
            "<p onclick=\"go()\">a</p><script>alert('<b>')</script><iframe srcdoc=\"&lt;b&gt;x&lt;/b&gt;\"></iframe>"
        );
        assert!(findings.is_empty());
    }

    #[test]
    fn raw_text_cannot_hide_tags() {
        // In a browser with scripts, <noscript> is raw text: the "title" would end it.
        let (out, findings, _) =
            judge("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>", Scripts::Refuse);
        assert!(findings.is_empty());
        assert_eq!(out, "<noscript><p title=\"&lt;/noscript&gt;&lt;img src=x onerror=alert(1)&gt;\"></noscript>");
        // A <style> left open is closed: the Markdown after it is not CSS.
        let (out, _, _) = judge("<style>p { color: red }", Scripts::Refuse);
        assert_eq!(out, "<style>p { color: red }</style>");
        let (out, _, _) = judge("<style>a<b</style>", Scripts::Refuse);
        assert_eq!(out, "<style>a&lt;b</style>");
    }

    #[test]
    fn a_tag_cut_by_the_end_is_found() {
        let (out, findings, _) = judge("<div>\n<a href=\"javascript:x", Scripts::Refuse);
        assert_eq!(out, "<div>\n");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].removed, Removed::Unclosed);
    }

    #[test]
    fn svg_link_animations_are_left_out() {
        let html = "<svg><a><animate attributeName=\"href\" values=\"javascript:alert(1)\"/><text>x</text></a></svg>";
        let (out, findings, _) = judge(html, Scripts::Allow);
        assert!(!out.contains("animate"), "{out}");
        assert_eq!(findings[0].removed, Removed::LinkAnimation);
    }

    #[test]
    fn odd_attributes_and_controls_are_left_out() {
        let (out, findings, _) = judge("<img src=\"a.jpg\"\" alt=\"a\u{1}b\">", Scripts::Refuse);
        assert_eq!(out, "<img src=\"a.jpg\" alt=\"ab\">");
        assert_eq!(findings[0].removed, Removed::OddAttribute("\"".into()));
    }
}
