//! YAML, behind one module: parsing with problems at the file's own lines, and finding where
//! a key is written, for problems found later. `site.yaml`, front matter and themes' YAML all
//! come through here.
//!
//! Parsing is linear in the input: keys' lines are found in one pass, and lists or mappings
//! nested deeper than [`MAX_NESTING`] are refused before the parser (whose time grows with
//! the square of the depth) sees them.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::Problem;

/// A YAML value, for what bantin keeps as it is (`extra:`).
pub(crate) use serde_yaml::{Mapping, Value};

/// Parses YAML text into `T`; `line_offset` is the line of the file the text starts on, minus
/// one. Problems name the file's own line.
pub(crate) fn parse<T: DeserializeOwned>(path: &Path, text: &str, line_offset: usize) -> Result<T, Problem> {
    if let Some(problem) = nesting_problem(path, text, line_offset) {
        return Err(problem);
    }
    serde_yaml::from_str(text).map_err(|e| yaml_problem(path, text, line_offset, &e))
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
        Problem::at(
            path,
            line + line_offset,
            column,
            format!("lists or mappings nested more than {MAX_NESTING} levels deep"),
        )
        .hint("check the brackets `[ ]` and braces `{ }`: each one opened must be closed")
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
fn plain(message: &str, written: &str) -> (String, String) {
    // `key: ` in front of the parser's words, when it names the key.
    let (key, rest) = match message.split_once(": ") {
        Some((k, r)) if !k.contains(' ') => (format!("{k}: "), r),
        _ => (String::new(), message),
    };
    let quoted = |s: &str| s.trim().trim_matches('"').replace('"', "\\\"");
    if rest.starts_with("mapping values are not allowed") {
        let fix = match written.split_once(':') {
            Some((k, v)) => format!("put the value in quotes: `{}: \"{}\"`", k.trim(), quoted(v)),
            None => "put the value in quotes".to_string(),
        };
        return ("a value has `: ` in it, which YAML reads as the start of another key".into(), fix);
    }
    if let Some(found) = rest.strip_prefix("invalid type: string ")
        && let Some((value, expected)) = found.split_once(", expected ")
    {
        let value = value.trim_matches('"');
        return match expected {
            "a boolean" => (format!("{key}`{value}` is not true or false"), "write true or false".into()),
            e if e.contains("integer") || e.starts_with("u") || e.starts_with("i") => {
                (format!("{key}`{value}` is not a number"), "write a number such as 10".into())
            }
            e => (format!("{key}`{value}` is text, where {e} is expected"), "check the value".into()),
        };
    }
    if let Some(dup) = rest.strip_prefix("duplicate entry with key ") {
        return (format!("the key {} is written twice", dup.replace('"', "`")), "keep one of them".into());
    }
    if rest.contains("found character that cannot start any token") {
        return (
            "a value starts with a character YAML keeps for itself (@, `, %, a tab…)".into(),
            "put the value in quotes, and indent with spaces, not tabs".into(),
        );
    }
    if rest.contains("did not find expected") || rest.contains("found unexpected end of stream") {
        return (
            format!("{key}the YAML cannot be read here: {rest}"),
            "check that every quote and bracket opened is closed, and that lists are written [a, b]".into(),
        );
    }
    let hint = if rest.contains("unknown field") {
        "check the spelling; see the README for the keys bantin knows"
    } else if rest.contains("invalid type") {
        "check the value's type; quote text that YAML reads as something else"
    } else {
        "check the YAML syntax: `key: value`, one per line, lists as [a, b]"
    };
    (message.to_string(), hint.to_string())
}
