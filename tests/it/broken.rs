//! Broken sites, one folder each under `tests/broken/`: every problem is reported in one
//! run as `path:line:col: what is wrong — what to do`, in Vietnamese (the default) and in
//! English (`language: en`), and nothing is written. A new case
//! is a folder and an accepted snapshot of what bantin says.

use crate::util::{TestSite, repo};

#[test]
fn every_broken_site_is_reported_clearly() {
    let cases = repo().join("tests/broken");
    let mut names: Vec<String> = std::fs::read_dir(&cases)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 10, "cases: {names:?}");
    for name in names {
        for lang in ["vi", "en"] {
            let site = TestSite::copy_of(&cases.join(&name));
            if lang == "en" {
                // At the end, so the lines of the case's own mistakes stay where they are.
                let config = std::fs::read_to_string(site.path("site.yaml")).unwrap_or_default();
                if !config.lines().any(|l| l.starts_with("language:")) {
                    site.write("site.yaml", &format!("{config}\nlanguage: en\n"));
                }
            }
            let stderr = site.build_err();
            assert!(!site.path("output").exists(), "{name}: output written");
            let suffix = format!("{name}-{lang}");
            insta::with_settings!({ snapshot_suffix => suffix, prepend_module_to_snapshot => false, omit_expression => true }, {
                insta::assert_snapshot!("broken", stderr);
            });
        }
    }
}
