//! YAML, behind one module: parsing with problems at the file's own lines, and finding where
//! a key is written, for problems found later. `site.yaml`, front matter and themes' YAML all
//! come through here.
//!
//! Parsing is linear in the input: keys' lines are found in one pass, and lists or mappings
//! nested deeper than [`MAX_NESTING`] are refused before the parser (whose time grows with
//! the square of the depth) sees them.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::base::error::Problem;
use crate::base::messages::{Arg, Message};
use crate::msg;

/// A YAML value, for what bantin keeps as it is (`extra:`).
pub(crate) use serde_yaml::{Mapping, Value};

/// The keys of a front matter that bantin does not read (`page.extra`), sorted by key, with
/// their values as written. A sorted vector, not a `BTreeMap`: a map's every node has room for
/// eleven values, a kilobyte for the one extra key most articles have, which at 50,000
/// articles was a tenth of a build's memory.
#[derive(Debug, Clone, Default, PartialEq, Hash)]
pub(crate) struct Fields(Vec<(String, Value)>);

impl Fields {
    /// The value of `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key)).ok().map(|i| &self.0[i].1)
    }

    /// The keys, sorted.
    pub(crate) fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }
}

impl From<std::collections::BTreeMap<String, Value>> for Fields {
    fn from(map: std::collections::BTreeMap<String, Value>) -> Fields {
        Fields(map.into_iter().collect())
    }
}

/// Written as a mapping, in the order of its keys.
impl serde::Serialize for Fields {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// Parses YAML text into `T`; `line_offset` is the line of the file the text starts on, minus
/// one. Problems name the file's own line.
pub(crate) fn parse<T: DeserializeOwned>(path: &Path, text: &str, line_offset: usize) -> Result<T, Problem> {
    if let Some(problem) = nesting_problem(path, text, line_offset) {
        return Err(problem);
    }
    serde_yaml::from_str(text).map_err(|e| yaml_problem(path, text, line_offset, &e))
}

/// A value written as YAML on one line where it fits (a list `[a, b]` is written as a block).
pub(crate) fn to_text(value: &Value) -> String {
    serde_yaml::to_string(value).unwrap_or_default().trim_end().to_string()
}

/// Turns a parsed value into `T`, or says why it cannot be one.
pub(crate) fn from_value_said<T: DeserializeOwned>(value: Value) -> Result<T, String> {
    serde_yaml::from_value(value).map_err(|e| e.to_string())
}

/// Turns a parsed value into `T` (the keys bantin knows of a mapping parsed already).
pub(crate) fn from_value<T: DeserializeOwned>(value: Value) -> Option<T> {
    serde_yaml::from_value(value).ok()
}

/// The 1-based line of every top-level `key:` in a YAML text (the first, if one repeats), in
/// one pass: front matter with tens of thousands of keys takes no longer per key than a short one.
pub(crate) fn key_lines(yaml: &str) -> rustc_hash::FxHashMap<&str, usize> {
    let mut lines = rustc_hash::FxHashMap::default();
    for (i, line) in yaml.lines().enumerate() {
        if line.starts_with(|c: char| c.is_whitespace() || c == '#' || c == '-') {
            continue;
        }
        if let Some((key, _)) = line.split_once(':') {
            lines.entry(key.trim_end()).or_insert(i + 1);
        }
    }
    lines
}

/// The 1-based line and column of `key:` inside the top-level mapping `parent:` (`paths:` →
/// `  feed:`), or of `parent:` itself when the key is not on a line of its own.
pub(crate) fn nested_key_at(yaml: &str, parent: &str, key: &str) -> Option<(usize, usize)> {
    let start = *key_lines(yaml).get(parent)?;
    for (i, line) in yaml.lines().enumerate().skip(start) {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if trimmed.len() == line.len() {
            break;
        }
        if let Some(rest) = trimmed.strip_prefix(key)
            && rest.trim_start().starts_with(':')
        {
            return Some((i + 1, line.len() - trimmed.len() + 1));
        }
    }
    Some((start, 1))
}

/// The 1-based line of item `index` of the top-level list `key:` written one item a line.
pub(crate) fn list_item_line(yaml: &str, key: &str, index: usize) -> Option<usize> {
    let start = *key_lines(yaml).get(key)?;
    yaml.lines()
        .enumerate()
        .skip(start)
        .take_while(|(_, l)| l.trim().is_empty() || l.starts_with([' ', '\t', '-', '#']))
        .filter(|(_, l)| l.trim_start().starts_with('-'))
        .nth(index)
        .map(|(i, _)| i + 1)
}

/// The deepest nesting of `[` and `{` that YAML here may hold. Real front matter nests two or
/// three levels; the YAML parser spends time that grows with the square of the depth.
pub(crate) const MAX_NESTING: usize = 64;

/// Where the YAML text opens a list or mapping deeper than [`MAX_NESTING`], as `(line, column)`.
/// Brackets inside quotes count too: no real front matter comes near the limit either way.
pub(crate) fn too_deep(yaml: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    for (i, line) in yaml.lines().enumerate() {
        for (col, c) in line.chars().enumerate() {
            match c {
                '[' | '{' => {
                    depth += 1;
                    if depth > MAX_NESTING {
                        return Some((i + 1, col + 1));
                    }
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    None
}

/// The problem of YAML nested deeper than [`MAX_NESTING`], if it is.
pub(crate) fn nesting_problem(path: &Path, yaml: &str, line_offset: usize) -> Option<Problem> {
    too_deep(yaml).map(|(line, column)| {
        Problem::at(path, line + line_offset, column, msg!("yaml-too-deep", max = MAX_NESTING))
            .hint(msg!("yaml-too-deep-hint"))
    })
}

/// Turns a YAML error into a problem at the file's own line (`first_line` is the line of the
/// file the YAML text starts on, minus one).
fn yaml_problem(path: impl Into<std::path::PathBuf>, text: &str, line_offset: usize, e: &serde_yaml::Error) -> Problem {
    let (line, column) = e.location().map(|l| (l.line(), l.column())).unwrap_or((1, 1));
    let mut message = e.to_string();
    if let Some(i) = message.find(" at line ") {
        message.truncate(i);
    }
    let (message, hint) = plain(&message, text.lines().nth(line.saturating_sub(1)).unwrap_or(""));
    Problem::at(path, line + line_offset, column, message).hint(hint)
}

/// The YAML parser's message in words an editor uses, with the fix (`written` is the line).
fn plain(message: &str, written: &str) -> (Message, Message) {
    // `key: ` in front of the parser's words, when it names the key.
    let (key, rest) = match message.split_once(": ") {
        Some((k, r)) if !k.contains(' ') => (format!("{k}: "), r),
        _ => (String::new(), message),
    };
    let quoted = |s: &str| s.trim().trim_matches('"').replace('"', "\\\"");
    if rest.starts_with("mapping values are not allowed") {
        let fix = match written.split_once(':') {
            Some((k, v)) => msg!("yaml-quote-value-as", key = k.trim(), value = quoted(v)),
            None => msg!("yaml-quote-value"),
        };
        return (msg!("yaml-colon-in-value"), fix);
    }
    if let Some(found) = rest.strip_prefix("invalid type: string ")
        && let Some((value, expected)) = found.split_once(", expected ")
    {
        return text_not_expected(&key, value.trim_matches('"'), expected);
    }
    if let Some(dup) = rest.strip_prefix("duplicate entry with key ") {
        return (msg!("yaml-duplicate-key", name = dup.replace('"', "`")), msg!("yaml-keep-one"));
    }
    if rest.contains("found character that cannot start any token") {
        return (msg!("yaml-reserved-character"), msg!("yaml-reserved-character-hint"));
    }
    if rest.contains("did not find expected") || rest.contains("found unexpected end of stream") {
        return (msg!("yaml-unreadable", key = &key, detail = not_found(rest)), msg!("yaml-unreadable-hint"));
    }
    if rest.contains("unknown field") {
        return unknown_field(&key, rest, message);
    }
    if let Some(field) = rest.strip_prefix("missing field `").and_then(|f| f.strip_suffix('`')) {
        return (msg!("yaml-missing-field", key = &key, field = field), msg!("yaml-syntax-hint"));
    }
    if let Some(field) = rest.strip_prefix("duplicate field `").and_then(|f| f.strip_suffix('`')) {
        return (msg!("yaml-duplicate-field", key = &key, field = field), msg!("yaml-syntax-hint"));
    }
    if rest.contains("invalid type") {
        if let Some((found, expected)) = rest.strip_prefix("invalid type: ").and_then(|r| r.split_once(", expected ")) {
            return (
                msg!("yaml-invalid-type", key = &key, found = kind(found), expected = kind(expected)),
                msg!("yaml-check-type"),
            );
        }
        return (msg!("yaml-parser-says", text = message), msg!("yaml-check-type"));
    }
    (msg!("yaml-parser-says", text = message), msg!("yaml-syntax-hint"))
}

/// A text where the key wants something else: a yes/no written in quotes, a word for a number…
fn text_not_expected(key: &str, value: &str, expected: &str) -> (Message, Message) {
    match expected {
        // `draft: "false"`: the word is right, the quotes make it text.
        "a boolean" if matches!(value.to_ascii_lowercase().as_str(), "true" | "false") => {
            let name = key.trim_end_matches(": ");
            (
                msg!("yaml-bool-in-quotes", key = name, value = value),
                msg!("yaml-bool-in-quotes-hint", key = name, value = value),
            )
        }
        "a boolean" => (msg!("yaml-not-bool", key = key, value = value), msg!("yaml-not-bool-hint")),
        e if e.contains("integer") || e.starts_with("u") || e.starts_with("i") => {
            (msg!("yaml-not-number", key = key, value = value), msg!("yaml-not-number-hint"))
        }
        e => (msg!("yaml-text-not-expected", key = key, value = value, expected = kind(e)), msg!("yaml-check-value")),
    }
}

/// A key the reader does not know, with the closest known one when it is close enough
/// (`baseurl`, `baseURL` → `base_url`).
fn unknown_field(key: &str, rest: &str, message: &str) -> (Message, Message) {
    let hint = msg!("yaml-unknown-field-hint");
    if let Some((field, expected)) = rest
        .strip_prefix("unknown field `")
        .and_then(|r| r.split_once("`, expected "))
        .filter(|(f, _)| !f.contains('`'))
        && let Some(listed) = one_of(expected)
    {
        // `baseurl`, `baseURL` (Jekyll's and Hugo's spelling) → `base_url`.
        let plain = |k: &str| k.to_ascii_lowercase().replace(['_', '-'], "");
        let closest = expected
            .split(", ")
            .map(|k| k.trim_start_matches("one of ").trim_start_matches("either ").trim_start_matches("or "))
            .map(|k| k.trim_matches('`'))
            .filter(|k| !k.is_empty())
            .map(|k| (strsim::normalized_damerau_levenshtein(&plain(field), &plain(k)), k))
            .filter(|(score, _)| *score >= 0.7)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        let hint = match closest {
            Some((_, known)) => msg!("yaml-unknown-field-did-you-mean", key = known),
            None => hint,
        };
        return (msg!("yaml-unknown-field", key = key, field = field, expected = listed), hint);
    }
    (msg!("yaml-parser-says", text = message), hint)
}

/// What the YAML parser did not find, said in the reader's language for the common cases
/// (the parser's own words otherwise).
fn not_found(words: &str) -> Arg {
    let message = match words {
        "did not find expected ',' or ']'" => msg!("yaml-no-list-end"),
        "did not find expected ',' or '}'" => msg!("yaml-no-map-end"),
        "did not find expected key" => msg!("yaml-no-key"),
        "did not find expected '-' indicator" => msg!("yaml-no-dash"),
        "did not find expected node content" => msg!("yaml-no-value"),
        "found unexpected end of stream" => msg!("yaml-unexpected-end"),
        other => return Arg::from(other),
    };
    Arg::from(message)
}

/// The list of keys serde names after `expected` (`` `a` ``, `` `a` or `b` ``, `` one of `a`, `b`, `c` ``),
/// said in the reader's language; `None` for another form.
fn one_of(expected: &str) -> Option<Arg> {
    let is_name =
        |s: &str| s.len() >= 2 && s.starts_with('`') && s.ends_with('`') && s[1..s.len() - 1].find('`').is_none();
    if let Some(list) = expected.strip_prefix("one of ") {
        return list.split(", ").all(is_name).then(|| Arg::from(msg!("yaml-one-of", names = list)));
    }
    if let Some((a, b)) = expected.split_once(" or ") {
        return (is_name(a) && is_name(b)).then(|| Arg::from(msg!("yaml-either", first = a, second = b)));
    }
    is_name(expected).then(|| Arg::from(expected))
}

/// A kind of value as serde names it (`a string` expected, `sequence` found…), said in the
/// reader's language when it is a common one; as it is otherwise (`usize`, `integer `5``).
fn kind(name: &str) -> Arg {
    let message = match name.trim() {
        "a string" => msg!("yaml-kind-text"),
        "a boolean" => msg!("yaml-kind-bool"),
        "a sequence" => msg!("yaml-kind-list"),
        "a map" => msg!("yaml-kind-map"),
        "sequence" => msg!("yaml-found-list"),
        "map" => msg!("yaml-found-map"),
        "usize" => msg!("yaml-kind-count"),
        "unit value" => msg!("yaml-found-empty"),
        other => return Arg::from(other),
    };
    Arg::from(message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::messages::Lang;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Entry {
        name: String,
        url: String,
        #[serde(default)]
        on: Option<bool>,
        #[serde(default)]
        count: Option<usize>,
        #[serde(default)]
        list: Option<Vec<String>>,
    }

    fn problem(text: &str) -> Problem {
        parse::<Entry>(Path::new("x.yaml"), text, 0).unwrap_err()
    }

    #[test]
    fn the_parsers_words_become_sentences_in_both_languages() {
        let p = problem("name: a\nurl: b\nurll: c\n");
        assert_eq!(
            p.message.text(Lang::En),
            "unknown field `urll`, expected one of `name`, `url`, `on`, `count`, `list`"
        );
        assert_eq!(
            p.message.text(Lang::Vi),
            "bantin không biết khóa `urll`; cần một trong `name`, `url`, `on`, `count`, `list`"
        );
        let p = problem("name: [a]\nurl: b\n");
        assert_eq!(p.message.text(Lang::En), "name: the value is a list, where bantin expects text");
        assert_eq!(p.message.text(Lang::Vi), "name: giá trị là một danh sách, trong khi cần văn bản");
        let p = problem("name: a\nurl: b\ncount: [1]\n");
        assert_eq!(p.message.text(Lang::En), "count: the value is a list, where bantin expects a number");
        let p = problem("name: a\nurl: b\nlist: abc\n");
        assert_eq!(p.message.text(Lang::En), "list: `abc` is text, where a list is expected");
        assert_eq!(p.message.text(Lang::Vi), "list: `abc` là văn bản, trong khi cần một danh sách");
        assert_eq!(problem("name: a\n").message.text(Lang::En), "missing field `url`");
        let p = problem("name: a\nlist: [a, b\nurl: c\n");
        assert_eq!(p.message.text(Lang::En), "the YAML cannot be read here: a `,` or `]` is missing");
        assert_eq!(p.message.text(Lang::Vi), "không đọc được phần khai báo ở chỗ này: thiếu dấu `,` hoặc `]`");
        assert_eq!(problem("name: a\nurl: b\nname: c\n").message.text(Lang::En), "duplicate field `name`");
        let p = problem("name: a: b\nurl: c\n");
        assert_eq!(p.hint.unwrap().text(Lang::En), "put the value in quotes: `name: \"a: b\"`");
    }

    #[test]
    fn two_keys_are_one_or_the_other() {
        assert_eq!(
            one_of("`name` or `url`")
                .map(|a| msg!("yaml-unknown-field", key = "", field = "x", expected = a).to_string()),
            Some("unknown field `x`, expected `name` or `url`".to_string())
        );
        assert!(one_of("there are no fields").is_none());
    }
}
