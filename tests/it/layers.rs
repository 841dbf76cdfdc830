//! The layers of `src/` point down. Each folder (or file) at the top of `src/` is a layer, in
//! the order the build runs through them; a module may name its own layer and those below it,
//! never one above. So the base names no stage, the messages never depend on a site (issue 23:
//! `messages` once read `config`), Markdown does not call into the theme's renderer, and
//! publishing and the web editor (commands) sit on top of a build without a stage knowing them.

use std::path::Path;

use crate::util::repo;

/// From the bottom up. `msg` is the base layer's macro (`crate::msg!`), exported at the root.
const LAYERS: &[&[&str]] = &[
    &["base", "msg"],
    &["config"],
    &["content"],
    &["output"],
    &["images"],
    &["markdown"],
    &["site"],
    &["render"],
    &["search"],
    &["build"],
    &["publish"],
    &["commands"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// Every `crate::name` in `text`, with its line number.
fn named(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        for (at, _) in line.match_indices("crate::") {
            let name: String = line[at + 7..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            found.push((i + 1, name));
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_module_names_only_its_layer_and_those_below() {
    let src = repo().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut wrong = Vec::new();
    let mut layered = 0;
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        if rel == "lib.rs" || rel == "main.rs" {
            continue;
        }
        let top = rel.split('/').next().unwrap().trim_end_matches(".rs");
        let Some(mine) = layer_of(top) else {
            wrong.push(format!("src/{rel}: `{top}` is in no layer: add it to LAYERS where it belongs"));
            continue;
        };
        layered += 1;
        let text = std::fs::read_to_string(file).unwrap();
        for (line, name) in named(&text) {
            match layer_of(&name) {
                Some(theirs) if theirs <= mine => {}
                Some(_) => wrong.push(format!("src/{rel}:{line}: `{top}` names `crate::{name}`, a higher layer")),
                None => wrong.push(format!("src/{rel}:{line}: crate::{name} is in no layer")),
            }
        }
    }
    assert!(layered > 30, "only {layered} files were looked at");
    assert!(wrong.is_empty(), "modules that name a higher layer:\n{}", wrong.join("\n"));
}

#[test]
fn the_layer_test_sees_a_name_pointing_up() {
    let text = "use crate::base::paths::SourcePath;\n    let x = crate::render::Theme::load();\n";
    let found = named(text);
    assert_eq!(found, vec![(1, "base".to_string()), (2, "render".to_string())]);
    assert!(layer_of("render") > layer_of("markdown"));
}
