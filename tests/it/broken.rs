//! Broken sites, one folder each under `tests/broken/`: every problem is reported in one
//! run as `path:line:col: what is wrong — what to do`, and nothing is written. A new case
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
        let site = TestSite::copy_of(&cases.join(&name));
        let stderr = site.build_err();
        assert!(!site.path("output").exists(), "{name}: output written");
        insta::with_settings!({ snapshot_suffix => name.clone(), prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!("broken", stderr);
        });
    }
}
