//! Build script: compiles the files of `themes/bulletin/` into the binary, so that
//! `bantin build` works on a folder that holds nothing but `content/`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, base: &Path, out: &mut Vec<(String, PathBuf)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).expect("themes/bulletin is readable").flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        if path.is_dir() {
            collect(&path, base, out);
        } else {
            let rel = path.strip_prefix(base).expect("under base").to_string_lossy().replace('\\', "/");
            out.push((rel, path));
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let theme = manifest.join("themes").join("bulletin");
    println!("cargo:rerun-if-changed=themes/bulletin");
    let mut files = Vec::new();
    collect(&theme, &theme, &mut files);
    let mut code = String::from(
        "/// Files of the built-in theme: (path inside the theme folder, bytes).\npub const FILES: &[(&str, &[u8])] = &[\n",
    );
    for (rel, path) in files {
        writeln!(code, "    ({rel:?}, include_bytes!({:?})),", path.display().to_string())
            .expect("writing to a String");
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded_theme.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
