//! JSON front matter (Hugo's third form: the file starts with a JSON object), behind one
//! module: parsed into the same values YAML front matter gives, with problems at the file's
//! own lines.

use std::path::Path;

use crate::base::error::Problem;
use crate::base::yaml::{Mapping, Value};
use crate::msg;

/// Whether a file's text starts with JSON front matter: `{` and then a key or `}`, so that
/// a body starting with a template tag (`{{< … >}}`, `{% … %}`) is not taken for one.
pub(crate) fn starts(text: &str) -> bool {
    text.strip_prefix('{').is_some_and(|rest| matches!(rest.trim_start().chars().next(), Some('"' | '}')))
}

/// The length in bytes of the JSON object at the start of `text`, if it is a whole one.
pub(crate) fn object_len(text: &str) -> Option<usize> {
    let mut values = serde_json::Deserializer::from_str(text).into_iter::<serde_json::Value>();
    match values.next() {
        Some(Ok(serde_json::Value::Object(_))) => Some(values.byte_offset()),
        _ => None,
    }
}

/// Parses the JSON object `text` (which starts on line `line_offset + 1` of the file).
pub(crate) fn parse(path: &Path, text: &str, line_offset: usize) -> Result<Mapping, Problem> {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Object(map)) => Ok(map.into_iter().map(|(k, v)| (Value::String(k), value(v))).collect()),
        Ok(_) => Err(Problem::at(path, line_offset + 1, 1, msg!("json-not-object")).hint(msg!("json-syntax-hint"))),
        Err(e) => {
            let said = e.to_string();
            let said = said.split(" at line ").next().unwrap_or_default();
            let message = match said {
                "expected `,` or `}`" => msg!("json-expected-comma"),
                "expected `,` or `]`" => msg!("json-expected-comma-list"),
                "trailing comma" => msg!("json-trailing-comma"),
                "key must be a string" => msg!("json-key-not-quoted"),
                s if s.starts_with("EOF while parsing") => msg!("json-unfinished"),
                s => msg!("json-parser-says", text = s),
            };
            Err(Problem::at(path, e.line() + line_offset, e.column(), message).hint(msg!("json-syntax-hint")))
        }
    }
}

fn value(v: serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(b),
        serde_json::Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => Value::Number(i.into()),
            (None, Some(f)) => Value::Number(f.into()),
            _ => Value::String(n.to_string()),
        },
        serde_json::Value::String(s) => Value::String(s),
        serde_json::Value::Array(items) => Value::Sequence(items.into_iter().map(value).collect()),
        serde_json::Value::Object(m) => {
            Value::Mapping(m.into_iter().map(|(k, v)| (Value::String(k), value(v))).collect())
        }
    }
}

/// The 1-based line of each key of the object's first level (the first, if one repeats).
pub(crate) fn key_lines(text: &str) -> rustc_hash::FxHashMap<&str, usize> {
    let mut lines = rustc_hash::FxHashMap::default();
    let mut depth = 0i32;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start().trim_start_matches('{').trim_start();
        if depth <= 1
            && let Some(rest) = trimmed.strip_prefix('"')
            && let Some(end) = rest.find('"')
            && rest[end + 1..].trim_start().starts_with(':')
        {
            lines.entry(&rest[..end]).or_insert(i + 1);
        }
        // Strings may hold braces; front matter rarely does, and a wrong depth only costs a line number.
        depth += line.matches(['{', '[']).count() as i32 - line.matches(['}', ']']).count() as i32;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_becomes_the_values_yaml_gives_with_lines() {
        let text = "{\n  \"title\": \"Ký kết\",\n  \"tags\": [\"a\", 2023],\n  \"cover\": { \"image\": \"a.jpg\" },\n  \"draft\": false\n}";
        assert!(starts(text) && !starts("{{< youtube x >}}") && !starts("{% include a %}"));
        assert_eq!(object_len(&format!("{text}\nNội dung {{ a }}")), Some(text.len()));
        let m = parse(Path::new("a.md"), text, 0).unwrap();
        assert_eq!(m.get("title"), Some(&Value::String("Ký kết".into())));
        assert!(matches!(m.get("tags"), Some(Value::Sequence(s)) if s.len() == 2));
        let lines = key_lines(text);
        assert_eq!((lines.get("title"), lines.get("draft"), lines.get("image")), (Some(&2), Some(&5), None));
        let e = parse(Path::new("a.md"), "{\n  \"title\": \"A\",\n  \"date\": \n}", 0).unwrap_err();
        assert_eq!(e.line, 4, "{e}");
    }
}
