//! The layers of `src/` point down: the base modules (errors, messages, paths, text, YAML,
//! raw HTML) name no stage of the build and no command, so any stage can use them and the
//! messages never depend on a site (issue 23: `messages` once read `config`).

use crate::util::repo;

/// The base layer: what every stage may use.
const BASE: &[&str] = &["error", "messages", "paths", "text", "yaml", "raw_html", "json_front", "toml_front", "msg"];

#[test]
fn base_modules_name_only_base_modules() {
    let mut wrong = Vec::new();
    for module in BASE.iter().filter(|m| **m != "msg") {
        let file = repo().join("src").join(format!("{module}.rs"));
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for (i, line) in text.lines().enumerate() {
            for (at, _) in line.match_indices("crate::") {
                let named: String =
                    line[at + 7..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                if !BASE.contains(&named.as_str()) {
                    wrong.push(format!("src/{module}.rs:{}: crate::{named}", i + 1));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "the base layer names higher layers:\n{}", wrong.join("\n"));
}
