//! Formulas, written in LaTeX between `$…$` (in a line) and `$$…$$` (on their own), as Hugo
//! and Jekyll sites write them for MathJax or KaTeX: made MathML when the site is built, so
//! readers' browsers show them (MathML Core) without a script.
//!
//! The MathML is read again by [`raw_html::clean`] like any HTML of a body: the converter
//! writes `<` and `&` of a formula unescaped (`a < b`), and what ends in the page is always
//! HTML this crate wrote from tokens. pulldown-latex lives behind this module.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event};
use pulldown_latex::config::DisplayMode;
use pulldown_latex::{Parser, RenderConfig, Storage};

use crate::markdown::raw_html::{self, Address, Scripts};

/// Where a formula stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Display {
    /// In a line of text (`$…$`).
    Inline,
    /// On its own (`$$…$$`), centred, scrolling sideways when wider than the column.
    Block,
}

/// The MathML of the LaTeX formula `tex`, or why it cannot be read: the converter's reason,
/// on one line.
pub(crate) fn mathml(tex: &str, display: Display) -> Result<String, String> {
    let storage = Storage::new();
    if let Some(Err(e)) = Parser::new(tex, &storage).find(Result::is_err) {
        // The reason, without the picture of the formula drawn under it.
        let reason = e.to_string();
        let first = reason.lines().next().unwrap_or_default();
        return Err(first.trim_start_matches("parsing error:").trim().to_string());
    }
    let display_mode = match display {
        Display::Inline => DisplayMode::Inline,
        Display::Block => DisplayMode::Block,
    };
    let config = RenderConfig { display_mode, ..RenderConfig::default() };
    let mut out = String::new();
    let storage = Storage::new();
    pulldown_latex::push_mathml(&mut out, Parser::new(tex, &storage), config).map_err(|e| e.to_string())?;
    // A formula has no address to follow; one that did would be left out.
    let (clean, _) = raw_html::clean(&out, Scripts::Refuse, &mut |_, _, _| Address::Refused);
    Ok(clean)
}

/// Gives back as text the `$…$` that are amounts of money, not formulas: pulldown-cmark
/// reads `5$/tháng, 10$` as a formula `/tháng, 10`, since only a space can stop a `$` from
/// opening or closing one. Here no formula opens with a `$` right after a digit, nor closes
/// with one right before a digit (Pandoc's rule), nor is words of Vietnamese without a single
/// command (`$10, gói 5$`).
pub(crate) fn money_as_text<'a>(body: &'a str, events: &mut [(Event<'a>, Range<usize>)]) {
    for (event, range) in events.iter_mut() {
        let Event::InlineMath(tex) = event else { continue };
        let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        let prose =
            !tex.contains('\\') && tex.chars().any(|c| matches!(c, '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}'));
        if prose || digit(body[..range.start].chars().next_back()) || digit(body[range.end..].chars().next()) {
            *event = Event::Text(CowStr::Borrowed(&body[range.clone()]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::events::parse;

    fn math_of(body: &str) -> Vec<String> {
        let mut events = parse(body);
        money_as_text(body, &mut events);
        events
            .into_iter()
            .filter_map(|(e, _)| match e {
                Event::InlineMath(t) | Event::DisplayMath(t) => Some(t.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn money_is_not_math() {
        for text in [
            "Giá $5 và $10.",
            "Giá 5$/tháng, 10$ một năm.",
            "Từ $5 đến $10",
            "$HOME và $PATH",
            "giá $10, gói 5$/tháng",
            "$x$5",
        ] {
            assert!(math_of(text).is_empty(), "{text}: {:?}", math_of(text));
        }
        assert_eq!(math_of("Với $x^2$ và $$\\frac{a}{b}$$."), ["x^2", "\\frac{a}{b}"]);
        assert!(math_of("Mã `$x$` và\n\n```\n$$y$$\n```\n").is_empty());
    }

    #[test]
    fn formulas_become_mathml_with_text_escaped() {
        let m = mathml("a < b", Display::Inline).unwrap();
        assert!(m.starts_with("<math") && m.contains("<mo>&lt;</mo>"), "{m}");
        let m = mathml("\\text{<b>x</b>}", Display::Block).unwrap();
        assert!(m.contains("display=\"block\"") && !m.contains("<b>"), "{m}");
        let e = mathml("\\frac{1}{2", Display::Inline).unwrap_err();
        assert!(e.contains("unbalanced group") && !e.contains('\n'), "{e}");
    }
}
