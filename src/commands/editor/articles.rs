//! What the editor shows of the site: the list of articles and pages, one file's fields as
//! the form has them, and problems placed at the field they are about.
//!
//! The list comes from the preview session's documents (every Markdown file, parsed or its
//! problems; drafts and articles not yet due included) and its last site (section names,
//! addresses, terms): no file is read again to list 10,000 articles.

use std::collections::BTreeMap;

use jiff::Zoned;
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::base::error::Problem;
use crate::base::messages::Lang;
use crate::base::paths::SourcePath;
use crate::build::Session;
use crate::content::{DocKind, Document};

/// One row of the list.
#[derive(Debug, Serialize)]
pub(crate) struct Row {
    /// `content/tin-tuc/a.md`.
    pub(crate) path: String,
    pub(crate) title: String,
    /// The section's folder (`tin-tuc`), `""` for a standalone page.
    pub(crate) section: String,
    pub(crate) section_name: String,
    pub(crate) date: Option<String>,
    pub(crate) state: State,
    pub(crate) author: Option<String>,
    /// Its tags, which the list's search looks in too.
    pub(crate) tags: Vec<String>,
    /// Its address in the preview, when the last good build has the page.
    pub(crate) url: Option<String>,
    pub(crate) kind: &'static str,
    /// The first problem of a file that cannot be read.
    pub(crate) problem: Option<String>,
    #[serde(skip)]
    sort: (i64, String),
}

/// Where an article is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum State {
    Draft,
    Scheduled,
    Published,
    Expired,
    /// Its file has problems that stop the build.
    Broken,
}

impl State {
    /// The state of `doc` at `now`.
    pub(crate) fn of(doc: &Document, now: jiff::Timestamp) -> State {
        let front = &doc.front;
        if front.draft {
            State::Draft
        } else if front.publish.as_ref().or(front.date.as_ref()).is_some_and(|d| d.timestamp() > now) {
            State::Scheduled
        } else if front.expires.as_ref().is_some_and(|d| d.timestamp() <= now) {
            State::Expired
        } else {
            State::Published
        }
    }
}

/// The shown path of a source: `content/tin-tuc/a.md`.
pub(crate) fn shown(source: &SourcePath) -> String {
    source.display().to_string_lossy().replace('\\', "/")
}

/// Section folders and their names, from the last good site (folder names otherwise).
pub(crate) fn section_names(session: &Session) -> BTreeMap<String, String> {
    session
        .current()
        .map(|c| {
            c.site().sections.iter().filter(|s| !s.dir.is_empty()).map(|s| (s.dir.clone(), s.title.clone())).collect()
        })
        .unwrap_or_default()
}

/// Every article and standalone page the session read, newest first (undated and broken
/// files last, by path).
pub(crate) fn list(session: &Session, lang: Lang) -> Vec<Row> {
    let now = jiff::Timestamp::now();
    let names = section_names(session);
    // The path as it is on disk (a name may be in NFD there, as macOS and zip files write it;
    // bantin reads it as NFC): the page opens the file by it.
    let on_disk: rustc_hash::FxHashMap<&SourcePath, String> = session
        .sources()
        .map(|s| {
            let root = session.root();
            s.documents
                .iter()
                .map(|f| (&f.path, f.disk.strip_prefix(root).unwrap_or(&f.disk).to_string_lossy().replace('\\', "/")))
                .collect()
        })
        .unwrap_or_default();
    let urls: rustc_hash::FxHashMap<&SourcePath, &str> = session
        .current()
        .map(|c| c.editions.iter().flat_map(|e| e.site.pages.iter().map(|p| (&p.source, p.path.as_str()))).collect())
        .unwrap_or_default();
    let mut rows: Vec<Row> = session
        .documents()
        .filter_map(|(source, doc)| {
            let section = source.place_dir().split('/').next().unwrap_or_default().to_string();
            let section_name = names.get(&section).cloned().unwrap_or_else(|| section.clone());
            let path = on_disk.get(source).cloned().unwrap_or_else(|| shown(source));
            let url = urls.get(source).map(|u| u.to_string());
            let row = match doc {
                Ok(doc) => {
                    let kind = match doc.kind {
                        DocKind::Article => "article",
                        DocKind::Page => "page",
                        _ => return None,
                    };
                    let date = doc.front.date.as_ref();
                    Row {
                        title: doc.front.title.clone().unwrap_or_default(),
                        date: date.map(|d| d.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()),
                        state: State::of(doc, now),
                        author: (!doc.front.authors.is_empty()).then(|| doc.front.authors.join(", ")),
                        tags: doc.front.tags.clone(),
                        kind,
                        problem: None,
                        sort: (-date.map_or(i64::MIN + 1, |d| d.timestamp().as_second()), path.clone()),
                        path,
                        section,
                        section_name,
                        url,
                    }
                }
                Err(problems) => {
                    if source.name() == "_index" || source.file_name().starts_with("_index.") {
                        return None;
                    }
                    Row {
                        title: source.name().to_string(),
                        date: None,
                        state: State::Broken,
                        author: None,
                        tags: Vec::new(),
                        kind: if source.place_dir().is_empty() { "page" } else { "article" },
                        problem: problems.first().map(|p| p.text(lang)),
                        sort: (i64::MAX, path.clone()),
                        path,
                        section,
                        section_name,
                        url,
                    }
                }
            };
            Some(row)
        })
        .collect();
    rows.sort_by(|a, b| a.sort.cmp(&b.sort));
    rows
}

/// One problem as the page shows it: at a field of the form, or in the body.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Shown {
    pub(crate) line: usize,
    pub(crate) column: usize,
    /// The front matter key it is about, `None` for the body or the whole file.
    pub(crate) field: Option<String>,
    pub(crate) text: String,
    pub(crate) hint: Option<String>,
}

/// The problems of `path` (as shown, `content/…`) among `problems`, each placed at the key of
/// `text`'s front matter whose lines hold it.
pub(crate) fn problems_of(path: &str, text: &str, problems: &[Problem], lang: Lang) -> Vec<Shown> {
    let keys = key_lines(text);
    problems
        .iter()
        .filter(|p| p.path.to_string_lossy().replace('\\', "/") == path)
        .map(|p| Shown {
            line: p.line,
            column: p.column,
            field: field_at(&keys, p.line),
            text: p.message.text(lang),
            hint: p.hint.as_ref().map(|h| h.text(lang)),
        })
        .collect()
}

/// The top-level keys of a YAML front matter and the line each starts on, and the line after
/// the closing fence (found line by line, so a front matter YAML cannot read still has them).
fn key_lines(text: &str) -> (Vec<(usize, String)>, usize) {
    let mut keys = Vec::new();
    let mut lines = text.strip_prefix('\u{FEFF}').unwrap_or(text).lines().enumerate();
    if lines.next().is_none_or(|(_, l)| l.trim_end() != "---") {
        return (keys, 1);
    }
    for (i, line) in lines {
        let line = line.trim_end();
        if line == "---" || line == "..." {
            return (keys, i + 2);
        }
        let key: String = line.chars().take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-')).collect();
        if !key.is_empty() && line[key.len()..].starts_with(':') {
            keys.push((i + 1, key));
        }
    }
    (keys, usize::MAX)
}

fn field_at((keys, body_line): &(Vec<(usize, String)>, usize), line: usize) -> Option<String> {
    if line >= *body_line {
        return None;
    }
    keys.iter().rev().find(|(at, _)| *at <= line).map(|(_, key)| key.clone())
}

/// A moment as the form's date and time fields have it: local to the site, to the minute.
pub(crate) fn local(time: &Zoned, tz: &TimeZone) -> String {
    time.with_time_zone(tz.clone()).strftime("%Y-%m-%dT%H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_are_placed_at_the_key_whose_lines_hold_them() {
        let text = "---\ntitle: A\ntags:\n  - x\n  - y\ndate: 2023-13-01\n---\nBody\n";
        let keys = key_lines(text);
        assert_eq!(field_at(&keys, 2).as_deref(), Some("title"));
        assert_eq!(field_at(&keys, 5).as_deref(), Some("tags"));
        assert_eq!(field_at(&keys, 6).as_deref(), Some("date"));
        assert_eq!(field_at(&keys, 8), None, "the body");
        assert_eq!(field_at(&key_lines("no front matter"), 1), None);
    }
}
