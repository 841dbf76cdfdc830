//! TOML front matter (Hugo's `+++` fences), behind one module: parsed into the same values
//! YAML front matter gives, with problems at the file's own lines.

use std::path::Path;

use crate::base::error::Problem;
use crate::base::yaml::{Mapping, Value};
use crate::msg;

/// Parses TOML text into a mapping; `line_offset` is the line of the file the text starts on,
/// minus one. Dates and times become text, as YAML's do.
pub(crate) fn parse(path: &Path, text: &str, line_offset: usize) -> Result<Mapping, Problem> {
    match text.parse::<toml::Table>() {
        Ok(table) => Ok(table.into_iter().map(|(k, v)| (Value::String(k), value(v))).collect()),
        Err(e) => {
            let at = e.span().map_or(0, |s| s.start).min(text.len());
            let before = &text[..at];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let message = msg!("toml-parser-says", text = e.message().trim());
            Err(Problem::at(path, line + line_offset, column, message).hint(msg!("toml-syntax-hint")))
        }
    }
}

fn value(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::Number(i.into()),
        toml::Value::Float(f) => Value::Number(f.into()),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Sequence(items.into_iter().map(value).collect()),
        toml::Value::Table(t) => Value::Mapping(t.into_iter().map(|(k, v)| (Value::String(k), value(v))).collect()),
    }
}

/// The 1-based line of every top-level `key = …` of a TOML text (the first, if one repeats).
pub(crate) fn key_lines(text: &str) -> rustc_hash::FxHashMap<&str, usize> {
    let mut lines = rustc_hash::FxHashMap::default();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('[') {
            // A table: what follows belongs to it.
            break;
        }
        if let Some((key, _)) = line.split_once('=') {
            let key = key.trim().trim_matches('"');
            if !key.is_empty() && !key.starts_with('#') {
                lines.entry(key).or_insert(i + 1);
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_becomes_the_values_yaml_gives() {
        let m = parse(
            Path::new("a.md"),
            "title = \"Ký kết\"\ndate = 2023-04-06T08:30:00+07:00\ntags = [\"a\", 2023]\ndraft = false\n",
            1,
        )
        .unwrap();
        assert_eq!(m.get("title"), Some(&Value::String("Ký kết".into())));
        assert_eq!(m.get("date"), Some(&Value::String("2023-04-06T08:30:00+07:00".into())));
        assert!(matches!(m.get("tags"), Some(Value::Sequence(s)) if s.len() == 2));
        let lines = key_lines("title = \"A\"\n\ntags = [1]\n[params]\nx = 1\n");
        assert_eq!((lines.get("title"), lines.get("tags"), lines.get("x")), (Some(&1), Some(&3), None));
        let e = parse(Path::new("a.md"), "title = \"A\"\ndate = \n", 1).unwrap_err();
        assert_eq!(e.line, 3, "{e}");
    }
}
