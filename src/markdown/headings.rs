//! Headings: ids made from their text the Vietnamese way (`Mục tiêu` → `muc-tieu`), unique
//! within the page, the table of contents, links written for Hugo's ids (`#mục-tiêu`) led to
//! bantin's, and links to anchors no heading has.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag};

use crate::base::error::Problem;
use crate::base::paths::{Slug, percent_decode};
use crate::markdown::ProblemAt;
use crate::markdown::rewrite::Anchor;
use crate::msg;

/// A heading of the body, for the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub(crate) struct Heading {
    /// 1 to 6.
    pub(crate) level: u8,
    /// The anchor, unique in the page.
    pub(crate) id: String,
    /// The heading's text.
    pub(crate) title: String,
}

/// The headings of a body so far, and the ids they use.
#[derive(Debug, Default)]
pub(crate) struct Toc {
    pub(crate) headings: Vec<Heading>,
    /// Heading ids used so far, each with the next number to try after it (`muc-tieu-2`…).
    used: rustc_hash::FxHashMap<String, usize>,
}

impl Toc {
    /// Adds a heading and gives its id: the one written (`{#id}`), else one made from its
    /// title that no earlier heading has.
    pub(crate) fn add(&mut self, level: HeadingLevel, written: Option<&str>, title: &str) -> String {
        let id = match written {
            Some(id) => id.to_string(),
            None => unique_id(title, &mut self.used),
        };
        self.used.entry(id.clone()).or_insert(2);
        self.headings.push(Heading { level: heading_number(level), id: id.clone(), title: title.to_string() });
        id
    }
}

/// An id for a heading that no earlier heading has: its slug, then `-2`, `-3`… Each base
/// remembers where its numbers stopped, so a thousand equal headings cost a thousand tries.
fn unique_id(title: &str, used: &mut rustc_hash::FxHashMap<String, usize>) -> String {
    let base = Slug::from_text(title).map_or_else(|| "muc".to_string(), |s| s.as_str().to_string());
    let Some(&start) = used.get(&base) else { return base };
    let mut n = start;
    let id = loop {
        let id = format!("{base}-{n}");
        if !used.contains_key(&id) {
            break id;
        }
        n += 1;
    };
    used.insert(base, n + 1);
    id
}

/// A heading level as a number, 1 to 6.
pub(crate) fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// The anchors of Markdown links that no heading has as written but one has once folded the
/// way bantin makes ids: Hugo keeps Vietnamese letters (`## Đạo hàm riêng` is
/// `#đạo-hàm-riêng`, or `#%C4%91%E1%BA%A1o-h%C3%A0m-ri%C3%AAng`), bantin writes
/// `#dao-ham-rieng`; a heading given its own id is found by its title's. Gives the anchors
/// left to check, and each anchor moved with its heading's id.
pub(crate) fn fold_anchors(anchors: Vec<Anchor>, toc: &[Heading]) -> (Vec<Anchor>, Vec<(String, String)>) {
    let is_heading = |id: &str| toc.iter().any(|h| h.id == id);
    // A heading given its own id (`{#id}`, `{: #id}`) is found by its title's too.
    let titles: Vec<Option<Slug>> = toc.iter().map(|h| Slug::from_text(&h.title)).collect();
    let heading_of = |folded: &Slug| {
        let by_id = toc.iter().find(|h| h.id == folded.as_str());
        by_id.or_else(|| titles.iter().position(|t| t.as_ref() == Some(folded)).map(|i| &toc[i]))
    };
    let mut moved: Vec<(String, String)> = Vec::new();
    let mut left = Vec::with_capacity(anchors.len());
    for anchor in anchors {
        let heading = if anchor.markdown && !is_heading(&anchor.name) {
            Slug::from_text(&anchor.name)
                .and_then(|folded| heading_of(&folded))
                .or_else(|| toc.iter().find(|h| kramdown_ids(&h.title).contains(&anchor.name)))
                .or_else(|| hugo_repeat(&anchor.name).and_then(|id| toc.iter().find(|h| h.id == id)))
        } else {
            None
        };
        match heading {
            Some(h) => moved.push((anchor.name, h.id.clone())),
            None => left.push(anchor),
        }
    }
    (left, moved)
}

/// Hugo numbers a heading's repeats from 1 (`#muc-tieu-1` is the second `## Mục tiêu`),
/// bantin from 2 (`#muc-tieu-2`): the id bantin gave the heading a Hugo anchor names.
fn hugo_repeat(anchor: &str) -> Option<String> {
    let (base, n) = anchor.rsplit_once('-')?;
    let n: usize = n.parse().ok().filter(|n| *n >= 1)?;
    let base = Slug::from_text(base)?;
    Some(format!("{}-{}", base.as_str(), n + 1))
}

/// The ids kramdown (Jekyll's Markdown) gives a heading, which links of sites moved from
/// Jekyll still name: letters outside ASCII dropped, not folded (`1. Phân nhóm chữ số` →
/// `1-phn-nhm-ch-s`, as its GFM reader makes them), and the same without what comes before
/// the first letter (its own reader's).
fn kramdown_ids(title: &str) -> [String; 2] {
    let kept: String = title
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect();
    let from_letter = kept.trim_start_matches(|c: char| !c.is_ascii_alphabetic()).to_string();
    [kept, from_letter]
}

/// Points the Markdown links to the anchors `moved` (as [`fold_anchors`] gave them) at the
/// headings' ids.
pub(crate) fn retarget(out: &mut [Event<'_>], moved: &[(String, String)]) {
    if moved.is_empty() {
        return;
    }
    for event in out {
        if let Event::Start(Tag::Link { dest_url, .. }) = event
            && let Some(anchor) = dest_url.strip_prefix('#')
            && let Some((_, id)) = moved.iter().find(|(name, _)| *name == percent_decode(anchor))
        {
            *dest_url = CowStr::from(format!("#{id}"));
        }
    }
}

/// Links to same-page anchors (each with its byte offset) that lead nowhere in `html`.
/// Ids the page has besides its headings' (footnotes, raw HTML) are not all known here: only
/// links to an id that appears nowhere in the page are reported.
pub(crate) fn missing_anchors(
    anchors: Vec<Anchor>,
    toc: &[Heading],
    html: &str,
    problem_at: ProblemAt<'_>,
) -> Vec<Problem> {
    let headings: Vec<&str> = toc.iter().map(|h| h.id.as_str()).collect();
    let mut warnings = Vec::new();
    for Anchor { name: anchor, offset, .. } in anchors {
        let shown = format!("#{anchor}");
        if anchor.is_empty()
            || headings.contains(&anchor.as_str())
            || html.contains(&format!("id=\"{anchor}\""))
            || html.contains(&format!("name=\"{anchor}\""))
        {
            continue;
        }
        let hint = if headings.is_empty() {
            msg!("md-anchor-missing-no-headings-hint")
        } else {
            // The closest first (`#tham-kh-o` for `#tham-khao`), then the page's order.
            let mut by_closeness: Vec<&&str> = headings.iter().collect();
            by_closeness.sort_by(|a, b| {
                strsim::normalized_levenshtein(&anchor, b).total_cmp(&strsim::normalized_levenshtein(&anchor, a))
            });
            let mut list: Vec<String> = by_closeness.iter().take(6).map(|h| format!("#{h}")).collect();
            if headings.len() > 6 {
                list.push("…".into());
            }
            msg!("md-anchor-missing-hint", anchors = list.join(", "))
        };
        warnings.push(problem_at(offset, msg!("md-anchor-missing", anchor = shown), hint));
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hugo_numbers_repeats_from_one() {
        assert_eq!(hugo_repeat("mục-tiêu-1").as_deref(), Some("muc-tieu-2"));
        assert_eq!(hugo_repeat("muc-tieu"), None);
    }

    #[test]
    fn kramdown_ids_drop_letters_outside_ascii() {
        assert_eq!(kramdown_ids("1. Phân nhóm chữ số viết tay"), ["1-phn-nhm-ch-s-vit-tay", "phn-nhm-ch-s-vit-tay"]);
    }
}
