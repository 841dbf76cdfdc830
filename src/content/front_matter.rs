//! The YAML front matter of a Markdown file: split from the body, parsed into typed fields.
//!
//! Line numbers in every problem are the file's own (the YAML starts on line 2, after `---`),
//! so an editor's "go to line" lands on the key that is wrong.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::Zoned;
use jiff::tz::TimeZone;
use serde::Deserialize;

use crate::base::error::Problem;
use crate::base::messages::Message;
use crate::base::yaml::{self, Mapping, Value};
use crate::config::FRONT_MATTER_KEYS as KNOWN_KEYS;
use crate::msg;

use super::date;

/// A Markdown file cut in two: its YAML and its body, with the lines they start on.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Split<'a> {
    /// The front matter between the fences.
    pub(crate) yaml: &'a str,
    /// YAML (`---`), TOML (`+++`) or JSON (`{`).
    pub(crate) format: Format,
    /// The Markdown after the closing line.
    pub(crate) body: &'a str,
    /// 1-based line of the file the body starts on.
    pub(crate) body_line: usize,
    /// 1-based line of the file the front matter's own text starts on.
    pub(crate) first_line: usize,
}

/// Line of the file the YAML starts on: the one after the opening `---`.
pub(crate) const YAML_FIRST_LINE: usize = 2;

/// The language of a front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Yaml,
    /// Hugo's `+++` front matter.
    Toml,
    /// A JSON object at the start of the file (Hugo reads it too).
    Json,
}

/// Cuts `text` at its front matter fences: `---` … `---` (or `...`) for YAML, `+++` … `+++`
/// for TOML.
pub(crate) fn split(text: &str) -> Option<Split<'_>> {
    if crate::content::json_front::starts(text) {
        // The object ends where JSON says; an unfinished one is given whole, for its problem.
        let Some(len) = crate::content::json_front::object_len(text) else {
            return Some(Split { yaml: text, format: Format::Json, body: "", body_line: 1, first_line: 1 });
        };
        let after = &text[len..];
        let body = after.split_once('\n').map_or("", |(_, body)| body);
        let body_line = text[..text.len() - body.len()].matches('\n').count() + 1;
        return Some(Split { yaml: &text[..len], format: Format::Json, body, body_line, first_line: 1 });
    }
    // Blank lines before the opening fence, and spaces after a fence, are read as Hugo reads
    // them (sites moved from Hugo have both).
    let skipped_text = text.len() - text.trim_start_matches(['\n', '\r', ' ', '\t']).len();
    let skipped_text = text[..skipped_text].rfind('\n').map_or(0, |i| i + 1);
    let skipped = text[..skipped_text].matches('\n').count();
    let text = &text[skipped_text..];
    let (opening, rest) = text.split_once('\n').unwrap_or((text, ""));
    let (format, closing): (Format, &[&str]) = match opening.trim_end() {
        "+++" => (Format::Toml, &["+++"]),
        "---" => (Format::Yaml, &["---", "..."]),
        _ => return None,
    };
    let first_line = YAML_FIRST_LINE + skipped;
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        let bare = line.trim_end_matches('\n').trim_end();
        // Hugo closes YAML at a line that starts with `---`: the AWS workshop template's
        // `---------------`, copied into hundreds of Vietnamese workshop sites, builds there.
        let long_dashes = format == Format::Yaml && bare.len() > 3 && bare.bytes().all(|b| b == b'-');
        if closing.contains(&bare) || long_dashes {
            return Some(Split {
                yaml: &rest[..offset],
                format,
                body: &rest[offset + line.len()..],
                body_line: first_line + i + 1,
                first_line,
            });
        }
        offset += line.len();
    }
    None
}

/// How a section orders its articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub(crate) enum SortBy {
    /// Newest first (the default).
    #[default]
    Date,
    /// Vietnamese alphabetical order of titles.
    Title,
    /// By `weight`, lightest first.
    Weight,
}

/// Front matter as typed values. Which fields are required depends on the kind of document
/// (checked in `content`); every key bantin does not know is kept in `extra`.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct FrontMatter {
    pub(crate) title: Option<String>,
    pub(crate) date: Option<Zoned>,
    /// Whether `date` was written with its offset (`2019-05-01 23:30:00 +0000`, an instant),
    /// not as a day and time on the site's clock: addresses made in another zone than the
    /// site's (`permalink_timezone:`) follow the instant only then.
    pub(crate) date_has_offset: bool,
    /// When it may be published, if not at its date (Hugo's `publishDate`).
    pub(crate) publish: Option<Zoned>,
    pub(crate) updated: Option<Zoned>,
    /// When it is taken off lists, feeds and sitemaps (`expires:`, Hugo's `expiryDate`): an
    /// announcement past its date stays at its address, marked as expired.
    pub(crate) expires: Option<Zoned>,
    /// `noindex: true`: search engines are asked not to index it, and it is not in sitemaps.
    pub(crate) noindex: bool,
    /// `sitemap: false` (or Hugo's `sitemap: {disable: true}`): left out of sitemaps.
    pub(crate) no_sitemap: bool,
    /// `author:`, one name or a list (`authors` of the taxonomy of that name, when declared).
    pub(crate) authors: Vec<String>,
    pub(crate) tags: Vec<String>,
    pub(crate) summary: Option<String>,
    pub(crate) image: Option<String>,
    pub(crate) image_caption: Option<String>,
    pub(crate) draft: bool,
    pub(crate) slug: Option<String>,
    pub(crate) aliases: Vec<String>,
    pub(crate) pinned: bool,
    pub(crate) template: Option<String>,
    /// Sections: a sentence under the section's title.
    pub(crate) description: Option<String>,
    /// Sections: how articles are ordered.
    pub(crate) sort_by: SortBy,
    /// Sections and pages: place in the menu and in `sort_by: weight`.
    pub(crate) weight: i64,
    /// Sections: articles per page, instead of the site's.
    pub(crate) paginate_by: Option<usize>,
    /// Keys bantin does not know, for themes (`page.extra`); shared with the page made of it.
    pub(crate) extra: std::sync::Arc<crate::base::yaml::Fields>,
    /// Keys that look like misspelled known ones (`titel:`), with what they look like.
    pub(crate) misspelled: Vec<(String, &'static str)>,
    /// Text values that YAML cut at a ` #` (the rest is a comment): the key, the line and
    /// column of the `#`, and the whole value as written.
    pub(crate) cut_by_comment: Vec<(String, usize, usize, String)>,
    /// File line of each top-level key, for problems found later (a missing image, …).
    pub(crate) key_lines: BTreeMap<String, usize>,
    /// The key the image was written under (`image`, or `thumbnail`, `cover`…), and where
    /// its value starts in the file.
    pub(crate) image_at: (&'static str, usize, usize),
}

impl FrontMatter {
    /// The file line of `key`, or the first line of the front matter.
    pub(crate) fn line_of(&self, key: &str) -> usize {
        self.key_lines.get(key).copied().unwrap_or(1)
    }
}

/// Text values of the YAML `text` that a ` #` cuts short (`title: Giảm nghèo #1 năm 2023`
/// is "Giảm nghèo" to YAML): an editor means the whole line. `offset` is the file line before
/// the text's first.
fn cut_by_comment(text: &str, offset: usize) -> Vec<(String, usize, usize, String)> {
    const TEXT_KEYS: [&str; 6] = ["title", "summary", "description", "image_caption", "excerpt", "author"];
    let mut cut = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let Some((key, value)) = line.split_once(": ") else { continue };
        if !TEXT_KEYS.contains(&key) {
            continue;
        }
        let value = value.trim();
        if value.starts_with(['"', '\'', '[', '{', '|', '>', '#']) {
            continue;
        }
        if let Some(at) = value.find(" #") {
            let column = line.len() - value.len() + at + 2;
            let column = line[..column - 1].chars().count() + 1;
            cut.push((key.to_string(), offset + i + 1, column, value.to_string()));
        }
    }
    cut
}

/// One name or a list of names, as editors write them: `tags: giảm nghèo`, `tags: [2023,
/// COVID-19]` (numbers are names too), `author: [A, B]`; `None` for anything else.
fn names_of(value: &Value) -> Option<Vec<String>> {
    let name = |v: &Value| match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    let names: Vec<String> = match value {
        Value::Null => Vec::new(),
        Value::Sequence(items) => items.iter().map(name).collect::<Option<_>>()?,
        v => vec![name(v)?],
    };
    Some(names.into_iter().filter(|n| !n.is_empty()).collect())
}

/// The first character of a value's strings that can never be published, if any.
fn invisible_in(value: &Value) -> Option<char> {
    match value {
        Value::String(s) => s.chars().find(|&c| crate::base::text::is_unpublishable(c)),
        Value::Sequence(items) => items.iter().find_map(invisible_in),
        Value::Mapping(m) => m.iter().find_map(|(k, v)| invisible_in(k).or_else(|| invisible_in(v))),
        Value::Tagged(t) => invisible_in(&t.value),
        _ => None,
    }
}

/// The text a value of another generator's field holds: a string or number, the first of a
/// list, or the `src`/`url`/`image` of a mapping (Hugo themes' `cover: {image: …}`).
fn text_in(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Sequence(items) => items.first().and_then(text_in),
        Value::Mapping(m) => ["image", "src", "url", "path"].iter().find_map(|k| m.get(*k).and_then(text_in)),
        _ => None,
    }
}

/// The keys bantin knows, as YAML gives them; unknown ones are ignored here and kept in `extra`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Known {
    title: Option<String>,
    date: Option<String>,
    updated: Option<String>,
    summary: Option<String>,
    image: Option<String>,
    image_caption: Option<String>,
    draft: Option<bool>,
    /// Jekyll's: `published: false` is a draft (other values, as some themes use it, are not).
    published: Option<Value>,
    slug: Option<String>,
    pinned: Option<bool>,
    template: Option<String>,
    description: Option<String>,
    sort_by: Option<SortBy>,
    weight: Option<i64>,
    paginate_by: Option<usize>,
    expires: Option<String>,
    noindex: Option<bool>,
    sitemap: Option<Value>,
}

/// Whether bantin reads the front matter key `key`, as its own or as another generator's.
pub(crate) fn is_read(key: &str) -> bool {
    // What links a translation to its original (site/editions.rs), kept in `extra`.
    matches!(key, "translation_key" | "translationKey")
        || KNOWN_KEYS.contains(&key)
        || OTHER_KEYS.contains(&key)
        || IMAGE_KEYS.contains(&key)
}

/// What other generators call the image, in the order they are looked for.
const IMAGE_KEYS: [&str; 9] =
    ["featured_image", "feature_image", "featuredImage", "thumbnail", "cover", "images", "image_url", "img", "banner"];

/// Keys of other generators that bantin reads too (see `parse_as`).
pub(crate) const OTHER_KEYS: &[&str] = &[
    "publishDate",
    "pubDate",
    "published_at",
    "date_published",
    "lastmod",
    "modified",
    "modified_time",
    "last_modified_at",
    "updated_at",
    "dateModified",
    "excerpt",
    "permalink",
    "url",
    "redirect_from",
    "expiryDate",
    "expirydate",
    "expiry_date",
];

/// The known key that `key` looks like a misspelling of (`titel` → `title`, `tag` → `tags`).
pub(crate) fn looks_like(key: &str) -> Option<&'static str> {
    if is_read(key) || key.len() < 3 {
        return None;
    }
    // Every file of a site tends to have the same unknown keys (`category` in 10,000 files):
    // each thread remembers the answers for the first keys it met.
    thread_local! {
        static ANSWERS: std::cell::RefCell<rustc_hash::FxHashMap<String, Option<&'static str>>> =
            Default::default();
    }
    const REMEMBERED: usize = 256;
    if let Some(known) = ANSWERS.with(|a| a.borrow().get(key).copied()) {
        return known;
    }
    let lower = key.to_lowercase();
    let known = KNOWN_KEYS.iter().copied().find(|k| {
        let d = strsim::damerau_levenshtein(&lower, k);
        d == 0 || (d == 1 && k.len() >= 3) || (d == 2 && k.len() >= 7)
    });
    ANSWERS.with(|a| {
        let mut a = a.borrow_mut();
        if a.len() < REMEMBERED {
            a.insert(key.to_string(), known);
        }
    });
    known
}

/// Parses front matter YAML into typed fields; every wrong field is its own problem.
#[cfg(test)]
pub(crate) fn parse(path: &Path, yaml: &str, tz: &TimeZone) -> Result<FrontMatter, Vec<Problem>> {
    parse_as(path, yaml, Format::Yaml, YAML_FIRST_LINE, tz)
}

/// Parses front matter in `format` into typed fields; every wrong field is its own problem.
pub(crate) fn parse_as(
    path: &Path,
    yaml: &str,
    format: Format,
    first_line: usize,
    tz: &TimeZone,
) -> Result<FrontMatter, Vec<Problem>> {
    let offset = first_line - 1;
    if yaml.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    let mapping = match mapping_of(path, yaml, format, offset) {
        Ok(m) => m,
        Err(first) => return Err(with_later_problems(path, yaml, format, first_line, tz, first)),
    };
    let known = match known_of(path, yaml, format, offset, &mapping) {
        Ok(k) => k,
        Err(mut first) if first.len() == 1 => {
            return Err(with_later_problems(path, yaml, format, first_line, tz, first.remove(0)));
        }
        Err(problems) => return Err(problems),
    };
    // Lists of names, read here so that a wrong one is a problem at its own line.
    let [author, tags, aliases] = ["author", "tags", "aliases"].map(|k| mapping.get(k).cloned());
    let keys = sort_keys(mapping, yaml, format, offset);
    let at = Positions { path, text: yaml, format, offset, lines: &keys.lines };
    let mut problems: Vec<Problem> = keys.escaped_invisible.iter().map(|(key, c)| at.invisible(key, *c)).collect();
    let authors = at.names("author", author, &mut problems);
    let tags = at.names("tags", tags, &mut problems);
    let aliases = at.names("aliases", aliases, &mut problems);
    let dates = dates(&at, &known, &keys.extra, tz, &mut problems);
    let no_sitemap = no_sitemap(&at, known.sitemap.as_ref(), &mut problems);
    let (image, image_at) = image(&at, clean(known.image), &keys.extra);
    let fm = FrontMatter {
        title: clean(known.title),
        date: dates.date,
        date_has_offset: dates.date_has_offset,
        publish: dates.publish,
        updated: dates.updated,
        authors,
        tags,
        summary: clean(known.summary).or_else(|| clean(other(&keys.extra, &["excerpt"]).map(|(_, v)| v))),
        image,
        image_caption: clean(known.image_caption).or_else(|| caption_beside(&keys.extra, image_at.0)),
        draft: known.draft.unwrap_or(false) || matches!(&known.published, Some(Value::Bool(false))),
        expires: dates.expires,
        noindex: known.noindex.unwrap_or(false),
        no_sitemap,
        slug: clean(known.slug),
        aliases: with_old_addresses(aliases, &keys.extra),
        pinned: known.pinned.unwrap_or(false),
        template: clean(known.template),
        description: clean(known.description),
        sort_by: known.sort_by.unwrap_or_default(),
        weight: known.weight.unwrap_or(0),
        paginate_by: known.paginate_by.filter(|&n| n > 0),
        cut_by_comment: if format == Format::Yaml { cut_by_comment(yaml, offset) } else { Vec::new() },
        extra: std::sync::Arc::new(keys.extra.into()),
        misspelled: keys.misspelled,
        key_lines: keys.lines,
        image_at,
    };
    if problems.is_empty() { Ok(fm) } else { Err(problems) }
}

/// The first problem of a front matter that could not be read, and those of its later lines:
/// the text is read again without the line at fault (a top-level `key: value`, such as a
/// title with a second `: ` in it), so that a bad date below it is said in the same run.
/// Each line at fault is left out in turn, as long as it is a line of its own (a broken block
/// would make every line after it look wrong).
fn with_later_problems(
    path: &Path,
    text: &str,
    format: Format,
    first_line: usize,
    tz: &TimeZone,
    first: Problem,
) -> Vec<Problem> {
    let mut problems = vec![first];
    if format != Format::Yaml {
        return problems;
    }
    // Faults that lie in the line said, not in a bracket or quote opened above it.
    const ONE_LINE: [&str; 8] = [
        "yaml-colon-in-value",
        "yaml-reserved-character",
        "yaml-not-bool",
        "yaml-not-number",
        "yaml-text-not-expected",
        "yaml-duplicate-key",
        "yaml-invalid-type",
        "yaml-bool-in-quotes",
    ];
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    // At most a few faults of one front matter: a text that is wrong everywhere is not YAML.
    for _ in 0..8 {
        let last = problems.last().expect("one problem at least");
        if !ONE_LINE.contains(&last.message.id()) {
            break;
        }
        let Some(index) = last.line.checked_sub(first_line).filter(|&i| i < lines.len()) else { break };
        let line = lines[index];
        let top_level_key = !line.starts_with([' ', '\t', '-', '#']) && line.contains(':');
        let next_indented = lines.get(index + 1).is_some_and(|l| l.starts_with([' ', '\t']) && !l.trim().is_empty());
        if !top_level_key || next_indented {
            break;
        }
        let at = last.line;
        lines[index] = "\n";
        let mended: String = lines.concat();
        match mapping_of(path, &mended, format, first_line - 1) {
            // Another line at fault, below: it is left out next.
            Err(next) if next.line > at => problems.push(next),
            Err(_) => break,
            // The rest reads: the problems of its values (a bad date), wherever they are.
            Ok(_) => {
                problems.extend(parse_as(path, &mended, format, first_line, tz).err().unwrap_or_default());
                break;
            }
        }
    }
    problems.sort_by_key(|p| (p.line, p.column));
    problems
}

/// The front matter text parsed into a mapping, in its format.
fn mapping_of(path: &Path, text: &str, format: Format, offset: usize) -> Result<Mapping, Problem> {
    match format {
        Format::Yaml => yaml::parse(path, text, offset),
        Format::Toml => crate::content::toml_front::parse(path, text, offset),
        Format::Json => crate::content::json_front::parse(path, text, offset),
    }
}

/// The keys bantin knows, typed from the parsed mapping; only on error is the text parsed
/// again, for the line of the wrong value.
fn known_of(path: &Path, text: &str, format: Format, offset: usize, mapping: &Mapping) -> Result<Known, Vec<Problem>> {
    match yaml::from_value(Value::Mapping(mapping.clone())) {
        Some(k) => Ok(k),
        None if format != Format::Yaml => {
            Err(vec![Problem::at(path, offset + 1, 1, msg!("fm-wrong-type")).hint(msg!("fm-wrong-type-hint"))])
        }
        None => yaml::parse(path, text, offset).map_err(|p| vec![p]),
    }
}

/// The top-level keys of a front matter, sorted out.
struct Keys {
    /// File line of each key.
    lines: BTreeMap<String, usize>,
    /// The keys bantin does not know, with their values.
    extra: BTreeMap<String, Value>,
    /// Unknown keys that look like known ones, with the known one.
    misspelled: Vec<(String, &'static str)>,
    /// Keys whose value holds an unpublishable character written as an escape.
    escaped_invisible: Vec<(String, char)>,
}

/// Sorts the keys of `mapping` (from `text`, whose first line is file line `offset + 1`).
fn sort_keys(mapping: Mapping, text: &str, format: Format, offset: usize) -> Keys {
    let mut keys =
        Keys { lines: BTreeMap::new(), extra: BTreeMap::new(), misspelled: Vec::new(), escaped_invisible: Vec::new() };
    let lines = match format {
        Format::Yaml => yaml::key_lines(text),
        Format::Toml => crate::content::toml_front::key_lines(text),
        Format::Json => crate::content::json_front::key_lines(text),
    };
    for (key, value) in mapping {
        let Some(key) = key.as_str().map(str::to_string) else {
            continue;
        };
        if let Some(line) = lines.get(key.as_str()) {
            keys.lines.insert(key.clone(), line + offset);
        }
        // Raw invisible characters were refused with the file's text; these were written as
        // escapes (`"\x01"`, `"\u0000"`), which YAML, TOML and JSON all have.
        if let Some(c) = invisible_in(&value) {
            keys.escaped_invisible.push((key.clone(), c));
        }
        if !KNOWN_KEYS.contains(&key.as_str()) {
            if let Some(known) = looks_like(&key) {
                keys.misspelled.push((key.clone(), known));
            }
            keys.extra.insert(key, value);
        }
    }
    keys
}

/// Where the keys of a front matter are in its file, for problems about their values.
struct Positions<'a> {
    path: &'a Path,
    text: &'a str,
    format: Format,
    /// The file line before the text's first.
    offset: usize,
    /// File line of each key.
    lines: &'a BTreeMap<String, usize>,
}

impl Positions<'_> {
    fn line_of(&self, key: &str) -> usize {
        self.lines.get(key).copied().unwrap_or(1)
    }

    /// Where a value starts after its key: `date: …` in YAML, `date = …` in TOML.
    fn value_column(&self, key: &str) -> usize {
        match self.format {
            Format::Yaml => key.len() + 3,
            Format::Toml => key.len() + 4,
            // JSON is indented as its writer likes: after the key's `:` on its own line.
            Format::Json => self
                .text
                .lines()
                .nth(self.line_of(key).saturating_sub(self.offset + 1))
                .and_then(|line| {
                    let after_key = line.find(&format!("\"{key}\""))? + key.len() + 2;
                    let colon = after_key + line[after_key..].find(':')?;
                    let spaces = line[colon + 1..].len() - line[colon + 1..].trim_start().len();
                    Some(line[..colon + 1 + spaces].chars().count() + 1)
                })
                .unwrap_or(1),
        }
    }

    /// A problem at the value of `key`.
    fn at_value(&self, key: &str, message: Message, hint: Message) -> Problem {
        Problem::at(self.path, self.line_of(key), self.value_column(key), message).hint(hint)
    }

    /// The problem of an escaped invisible character in the value of `key`.
    fn invisible(&self, key: &str, c: char) -> Problem {
        self.at_value(
            key,
            msg!("fm-invisible-character", key = key, code = crate::base::text::code_point(c)),
            msg!("fm-invisible-character-hint"),
        )
    }

    /// The names of `value` (one or a list); none, with a problem, when it is something else.
    fn names(&self, key: &str, value: Option<Value>, problems: &mut Vec<Problem>) -> Vec<String> {
        let Some(value) = value else { return Vec::new() };
        names_of(&value).unwrap_or_else(|| {
            problems.push(self.at_value(key, msg!("fm-not-names", key = key), msg!("fm-not-names-hint", key = key)));
            Vec::new()
        })
    }

    /// The date written at `key`; none, with a problem, when it is not a date.
    fn date(&self, key: &str, value: String, tz: &TimeZone, problems: &mut Vec<Problem>) -> Option<Zoned> {
        match date::parse(&value, tz) {
            Ok(z) => Some(z),
            Err(message) => {
                problems.push(self.at_value(key, msg!("fm-bad-date", key = key, reason = message), date::date_hint()));
                None
            }
        }
    }
}

/// The dates of a front matter.
struct Dates {
    date: Option<Zoned>,
    date_has_offset: bool,
    publish: Option<Zoned>,
    expires: Option<Zoned>,
    updated: Option<Zoned>,
}

/// The dates, under bantin's keys or, when those are not there, under what other generators
/// call them (Hugo, Jekyll, WordPress exports).
fn dates(
    at: &Positions,
    known: &Known,
    extra: &BTreeMap<String, Value>,
    tz: &TimeZone,
    problems: &mut Vec<Problem>,
) -> Dates {
    let mut read = |own: &'static str, written: &Option<String>, others: &[&'static str]| {
        let (key, value) = match written {
            Some(d) => (own, d.clone()),
            None => other(extra, others)?,
        };
        at.date(key, value, tz, problems)
    };
    let date_keys = ["publishDate", "pubDate", "published_at", "date_published"];
    let date = read("date", &known.date, &date_keys);
    let date_text = known.date.clone().or_else(|| other(extra, &date_keys).map(|(_, v)| v));
    let date_has_offset = date.is_some() && date_text.is_some_and(|t| date::has_offset(&t));
    let publish = read("publishDate", &None, &["publishDate"]);
    let expires = read("expires", &known.expires, &["expiryDate", "expirydate", "expiry_date"]);
    let updated = read(
        "updated",
        &known.updated,
        &["lastmod", "modified", "modified_time", "last_modified_at", "updated_at", "dateModified"],
    );
    Dates { date, date_has_offset, publish, expires, updated }
}

/// The first of `keys` (another generator's names for a field) with a text value.
fn other(extra: &BTreeMap<String, Value>, keys: &[&'static str]) -> Option<(&'static str, String)> {
    keys.iter().find_map(|&k| extra.get(k).and_then(text_in).map(|v| (k, v)))
}

/// A text without its outer spaces; none when nothing is left.
fn clean(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// `sitemap: false`, or Hugo's `sitemap: {disable: true}`.
fn no_sitemap(at: &Positions, sitemap: Option<&Value>, problems: &mut Vec<Problem>) -> bool {
    match sitemap {
        None => false,
        Some(Value::Bool(b)) => !*b,
        Some(Value::Mapping(m)) => matches!(m.get("disable"), Some(Value::Bool(true))),
        Some(_) => {
            problems.push(at.at_value("sitemap", msg!("fm-bad-sitemap"), msg!("fm-bad-sitemap-hint")));
            false
        }
    }
}

/// The image (`image:`, or another generator's key for it), with the key it was written
/// under and where its value starts in the file.
fn image(
    at: &Positions,
    own: Option<String>,
    extra: &BTreeMap<String, Value>,
) -> (Option<String>, (&'static str, usize, usize)) {
    let (image, image_key) = match own {
        Some(image) => (Some(image), "image"),
        None => other(extra, &IMAGE_KEYS).map_or((None, "image"), |(k, v)| (clean(Some(v)), k)),
    };
    let (line, column) = (at.line_of(image_key), at.value_column(image_key));
    let place = match (at.format, extra.get(image_key)) {
        // `cover:` with the image on a line of its own below: there.
        (Format::Yaml, Some(Value::Mapping(_))) => ["image", "src", "url", "path"]
            .iter()
            .find_map(|k| {
                yaml::nested_key_at(at.text, image_key, k)
                    .filter(|&(l, _)| l != line.saturating_sub(at.offset))
                    .map(|(l, c)| (l + at.offset, c + k.len() + 2))
            })
            .unwrap_or((line, column)),
        _ => (line, column),
    };
    (image, (image_key, place.0, place.1))
}

/// Hugo themes write the caption beside the image: `cover: {image: …, caption: …}`.
fn caption_beside(extra: &BTreeMap<String, Value>, image_key: &str) -> Option<String> {
    let cover = extra.get(image_key).and_then(|v| match v {
        Value::Mapping(m) => m.get("caption").and_then(text_in),
        _ => None,
    });
    clean(cover)
}

/// `aliases`, and the old addresses written as the page's own (Jekyll's `permalink:`, Hugo's
/// `url:`) or by Jekyll's redirect plugin (`redirect_from: [/cu/, /cu-hon/]`): they live on
/// as redirects.
fn with_old_addresses(mut aliases: Vec<String>, extra: &BTreeMap<String, Value>) -> Vec<String> {
    for key in ["permalink", "url"] {
        if let Some(v) = extra.get(key).and_then(text_in).and_then(from_root) {
            aliases.push(v);
        }
    }
    if let Some(from) = extra.get("redirect_from") {
        aliases.extend(names_of(from).unwrap_or_default().into_iter().filter_map(from_root));
    }
    aliases
}

/// An old address as a path from the site's root. Jekyll, Hugo and Jekyll's redirect plugin
/// all read `permalink: bai-cu/` as `/bai-cu/` (a whole blog wrote them so); addresses on
/// other hosts (`https://…`) and anchors are not the site's own.
fn from_root(address: String) -> Option<String> {
    if address.starts_with('/') {
        Some(address)
    } else if address.contains("://") || address.starts_with(['#', '?', '.']) || address.starts_with("mailto:") {
        None
    } else {
        Some(format!("/{address}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tz() -> TimeZone {
        TimeZone::get("Asia/Ho_Chi_Minh").unwrap()
    }

    #[test]
    fn a_line_of_more_dashes_closes_yaml_as_in_hugo() {
        let s = split("---\ntitle: A\n---------------\n\n# Body\n").unwrap();
        assert_eq!((s.yaml, s.body, s.body_line), ("title: A\n", "\n# Body\n", 4));
        assert!(split("+++\ntitle = 'A'\n------\nx\n").is_none(), "TOML closes with +++ only");
    }

    #[test]
    fn split_finds_yaml_and_body_lines() {
        let s = split("---\ntitle: A\ndate: 2023-04-06\n---\nBody\n").unwrap();
        assert_eq!(s.yaml, "title: A\ndate: 2023-04-06\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 5);
        assert!(split("title: A\n").is_none());
        assert!(split("---\ntitle: A\n").is_none());
        // As Hugo reads them: blank lines before the fence, spaces after one.
        let s = split("\n\n+++ \ntitle = \"A\"\n+++  \nBody\n").unwrap();
        assert_eq!((s.yaml, s.format, s.first_line, s.body_line), ("title = \"A\"\n", Format::Toml, 4, 6));
        assert!(split("\nText\n---\n").is_none());
    }

    #[test]
    fn every_problem_of_one_front_matter_is_said_at_once() {
        // A colon in the title no longer hides the bad date below it, nor a wrong type.
        let yaml = "title: Hà Nội: ngày mới\ndate: 31/02/2023\ndraft: maybe\ntags: [a]\n";
        let problems = parse(Path::new("a.md"), yaml, &tz()).unwrap_err();
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 3, 4], "{problems:?}");
        // Two values of the wrong type, each at its line.
        let problems = parse(Path::new("a.md"), "title: A\ndraft: maybe\npinned: co\n", &tz()).unwrap_err();
        assert_eq!(problems.iter().map(|p| p.line).collect::<Vec<_>>(), [3, 4], "{problems:?}");
        // A broken block stops the search: nothing is said of lines it makes look wrong.
        let problems = parse(Path::new("a.md"), "title: \"A\ntags: [a]\n", &tz()).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
    }

    #[test]
    fn wrong_type_is_reported_at_the_file_line() {
        let yaml = "title: A\ndraft: maybe\n";
        let problems = parse(Path::new("a.md"), yaml, &tz()).unwrap_err();
        assert_eq!(problems[0].line, 3, "{}", problems[0]);
        assert!(problems[0].to_string().contains("draft"), "{}", problems[0]);
    }

    #[test]
    fn wrong_toml_type_and_bad_names_are_said_in_both_languages() {
        use crate::base::messages::Lang;
        let problems =
            parse_as(Path::new("a.md"), "title = \"A\"\ndraft = \"co\"\n", Format::Toml, 2, &tz()).unwrap_err();
        assert_eq!(
            problems[0].to_string(),
            "a.md:2:1: a value of the front matter has the wrong type — check that lists are written like [a, b], and that true, false and numbers are not in quotes"
        );
        assert!(problems[0].text(Lang::Vi).contains("sai kiểu"), "{}", problems[0].text(Lang::Vi));
        let problems = parse(Path::new("a.md"), "title: A\nauthor: {a: 1}\n", &tz()).unwrap_err();
        assert!(
            problems[0].text(Lang::Vi).ends_with(
                "author: cần một tên hoặc một danh sách tên — hãy viết `author: [Giảm nghèo, MTTQ]`, hoặc một tên"
            ),
            "{}",
            problems[0].text(Lang::Vi)
        );
    }

    #[test]
    fn bad_date_is_reported_at_its_key() {
        let yaml = "title: A\nauthor: B\ndate: hôm qua\n";
        let problems = parse(Path::new("a.md"), yaml, &tz()).unwrap_err();
        assert_eq!((problems[0].line, problems[0].column), (4, 7));
    }

    #[test]
    fn unknown_keys_go_to_extra_and_tags_may_be_one_string() {
        let fm = parse(Path::new("a.md"), "title: A\ntags: giảm nghèo\nnguon: Báo Ninh Bình\n", &tz()).unwrap();
        assert_eq!(fm.tags, vec!["giảm nghèo"]);
        assert!(fm.extra.get("nguon").is_some());
        assert_eq!(fm.line_of("nguon"), 4);
    }
}
