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
        if closing.contains(&bare) {
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
    pub(crate) extra: std::sync::Arc<BTreeMap<String, crate::base::yaml::Value>>,
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
    KNOWN_KEYS.contains(&key) || OTHER_KEYS.contains(&key) || IMAGE_KEYS.contains(&key)
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
    let lower = key.to_lowercase();
    KNOWN_KEYS.iter().copied().find(|k| {
        let d = strsim::damerau_levenshtein(&lower, k);
        d == 0 || (d == 1 && k.len() >= 3) || (d == 2 && k.len() >= 7)
    })
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
    let mapping: Mapping = match format {
        Format::Yaml => yaml::parse(path, yaml, offset),
        Format::Toml => crate::content::toml_front::parse(path, yaml, offset),
        Format::Json => crate::content::json_front::parse(path, yaml, offset),
    }
    .map_err(|p| vec![p])?;
    // Typed from the parsed mapping; only on error is the text parsed again, for the line.
    let known: Known = match yaml::from_value(Value::Mapping(mapping.clone())) {
        Some(k) => k,
        None if format != Format::Yaml => {
            return Err(vec![Problem::at(path, offset + 1, 1, msg!("fm-wrong-type")).hint(msg!("fm-wrong-type-hint"))]);
        }
        None => yaml::parse(path, yaml, offset).map_err(|p| vec![p])?,
    };
    // Lists of names, read here so that a wrong one is a problem at its own line.
    let lists: [Option<Value>; 3] = ["author", "tags", "aliases"].map(|k| mapping.get(k).cloned());
    let mut key_lines = BTreeMap::new();
    let mut extra = BTreeMap::new();
    let mut misspelled = Vec::new();
    // Raw invisible characters were refused with the file's text; these were written as
    // escapes (`"\x01"`, `"\u0000"`), which YAML, TOML and JSON all have.
    let mut escaped_invisible = Vec::new();
    let lines = match format {
        Format::Yaml => yaml::key_lines(yaml),
        Format::Toml => crate::content::toml_front::key_lines(yaml),
        Format::Json => crate::content::json_front::key_lines(yaml),
    };
    for (key, value) in mapping {
        let Some(key) = key.as_str().map(str::to_string) else {
            continue;
        };
        if let Some(line) = lines.get(key.as_str()) {
            key_lines.insert(key.clone(), line + offset);
        }
        if let Some(c) = invisible_in(&value) {
            escaped_invisible.push((key.clone(), c));
        }
        if !KNOWN_KEYS.contains(&key.as_str()) {
            if let Some(known) = looks_like(&key) {
                misspelled.push((key.clone(), known));
            }
            extra.insert(key, value);
        }
    }
    let mut problems = Vec::new();
    let line_of = |key: &str| key_lines.get(key).copied().unwrap_or(1);
    // Where a value starts after its key: `date: …` in YAML, `date = …` in TOML.
    let value_column = |key: &str| match format {
        Format::Yaml => key.len() + 3,
        Format::Toml => key.len() + 4,
        // JSON is indented as its writer likes: after the key's `:` on its own line.
        Format::Json => yaml
            .lines()
            .nth(line_of(key).saturating_sub(offset + 1))
            .and_then(|line| {
                let after_key = line.find(&format!("\"{key}\""))? + key.len() + 2;
                let colon = after_key + line[after_key..].find(':')?;
                let spaces = line[colon + 1..].len() - line[colon + 1..].trim_start().len();
                Some(line[..colon + 1 + spaces].chars().count() + 1)
            })
            .unwrap_or(1),
    };
    for (key, c) in escaped_invisible {
        problems.push(
            Problem::at(
                path,
                line_of(&key),
                value_column(&key),
                msg!("fm-invisible-character", key = &key, code = crate::base::text::code_point(c)),
            )
            .hint(msg!("fm-invisible-character-hint")),
        );
    }
    let mut read_names = |key: &str, value: Option<Value>| -> Vec<String> {
        let Some(value) = value else { return Vec::new() };
        names_of(&value).unwrap_or_else(|| {
            problems.push(
                Problem::at(path, line_of(key), value_column(key), msg!("fm-not-names", key = key))
                    .hint(msg!("fm-not-names-hint", key = key)),
            );
            Vec::new()
        })
    };
    let [author, tags, aliases] = lists;
    let (authors, tags, aliases) =
        (read_names("author", author), read_names("tags", tags), read_names("aliases", aliases));
    let mut read_date = |key: &str, value: Option<String>| -> Option<Zoned> {
        let value = value?;
        match date::parse(&value, tz) {
            Ok(z) => Some(z),
            Err(message) => {
                problems.push(
                    Problem::at(
                        path,
                        line_of(key),
                        value_column(key),
                        msg!("fm-bad-date", key = key, reason = message),
                    )
                    .hint(date::date_hint()),
                );
                None
            }
        }
    };
    // What other generators call these fields (Hugo, Jekyll, WordPress exports): read when
    // bantin's own key is not there.
    let other = |keys: &[&'static str]| keys.iter().find_map(|&k| extra.get(k).and_then(text_in).map(|v| (k, v)));
    let date = match known.date {
        Some(d) => read_date("date", Some(d)),
        None => other(&["publishDate", "pubDate", "published_at", "date_published"])
            .and_then(|(k, v)| read_date(k, Some(v))),
    };
    let publish = other(&["publishDate"]).and_then(|(k, v)| read_date(k, Some(v)));
    let expires = match known.expires {
        Some(d) => read_date("expires", Some(d)),
        None => other(&["expiryDate", "expirydate", "expiry_date"]).and_then(|(k, v)| read_date(k, Some(v))),
    };
    let updated = match known.updated {
        Some(d) => read_date("updated", Some(d)),
        None => other(&["lastmod", "modified", "modified_time", "last_modified_at", "updated_at", "dateModified"])
            .and_then(|(k, v)| read_date(k, Some(v))),
    };
    let no_sitemap = match &known.sitemap {
        None => false,
        Some(Value::Bool(b)) => !*b,
        Some(Value::Mapping(m)) => matches!(m.get("disable"), Some(Value::Bool(true))),
        Some(_) => {
            problems.push(
                Problem::at(path, line_of("sitemap"), value_column("sitemap"), msg!("fm-bad-sitemap"))
                    .hint(msg!("fm-bad-sitemap-hint")),
            );
            false
        }
    };
    let clean = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let summary = clean(known.summary).or_else(|| clean(other(&["excerpt"]).map(|(_, v)| v)));
    let (image, image_key) = match clean(known.image) {
        Some(image) => (Some(image), "image"),
        None => other(&IMAGE_KEYS).map_or((None, "image"), |(k, v)| (clean(Some(v)), k)),
    };
    let image_at = match (format, extra.get(image_key)) {
        // `cover:` with the image on a line of its own below: there.
        (Format::Yaml, Some(Value::Mapping(_))) => {
            let nested = ["image", "src", "url", "path"].iter().find_map(|k| {
                yaml::nested_key_at(yaml, image_key, k)
                    .filter(|&(l, _)| l != line_of(image_key).saturating_sub(offset))
                    .map(|(l, c)| (l + offset, c + k.len() + 2))
            });
            let (line, column) = nested.unwrap_or((line_of(image_key), value_column(image_key)));
            (image_key, line, column)
        }
        _ => (image_key, line_of(image_key), value_column(image_key)),
    };
    let mut aliases = aliases;
    // Old addresses written as the page's own (Jekyll's `permalink:`, Hugo's `url:`) live on
    // as redirects.
    for key in ["permalink", "url"] {
        if let Some(v) = extra.get(key).and_then(text_in).filter(|v| v.starts_with('/')) {
            aliases.push(v);
        }
    }
    // Jekyll's redirect plugin: `redirect_from: [/cu/, /cu-hon/]`.
    if let Some(from) = extra.get("redirect_from") {
        aliases.extend(names_of(from).unwrap_or_default().into_iter().filter(|v| v.starts_with('/')));
    }
    let fm = FrontMatter {
        title: clean(known.title),
        date,
        publish,
        updated,
        authors,
        tags,
        summary,
        image,
        // Hugo themes write the caption beside the image: `cover: {image: …, caption: …}`.
        image_caption: clean(known.image_caption).or_else(|| {
            let cover = extra.get(image_key).and_then(|v| match v {
                Value::Mapping(m) => m.get("caption").and_then(text_in),
                _ => None,
            });
            clean(cover)
        }),
        draft: known.draft.unwrap_or(false) || matches!(&known.published, Some(Value::Bool(false))),
        expires,
        noindex: known.noindex.unwrap_or(false),
        no_sitemap,
        slug: clean(known.slug),
        aliases,
        pinned: known.pinned.unwrap_or(false),
        template: clean(known.template),
        description: clean(known.description),
        sort_by: known.sort_by.unwrap_or_default(),
        weight: known.weight.unwrap_or(0),
        paginate_by: known.paginate_by.filter(|&n| n > 0),
        extra: std::sync::Arc::new(extra),
        misspelled,
        key_lines,
        image_at,
        cut_by_comment: if format == Format::Yaml { cut_by_comment(yaml, offset) } else { Vec::new() },
    };
    if problems.is_empty() { Ok(fm) } else { Err(problems) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tz() -> TimeZone {
        TimeZone::get("Asia/Ho_Chi_Minh").unwrap()
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
        assert!(fm.extra.contains_key("nguon"));
        assert_eq!(fm.line_of("nguon"), 4);
    }
}
