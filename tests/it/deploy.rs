//! `bantin deploy` to a folder (`file:///…`, a host's folder or a mounted share): the target
//! holds exactly the built site, a second deploy sends nothing, only changes travel, a stale
//! page goes, a mass delete is held back, a dry run touches nothing, and a deploy stopped
//! half-way is finished by the next one.

use std::path::Path;

use crate::util::{TestSite, article, tree};

fn site() -> TestSite {
    TestSite::with(&[
        ("site.yaml", "title: Bản tin\nbase_url: https://bantin.example/\n"),
        ("content/tin/a.md", &article("Bài A", "2023-04-06", "", "Một.")),
        ("content/tin/b.md", &article("Bài B", "2023-04-05", "", "Hai.")),
        ("content/tin/c.md", &article("Bài C", "2023-04-04", "", "Ba.")),
    ])
}

fn url(target: &Path) -> String {
    format!("file://{}", target.display())
}

/// Runs `bantin deploy ARGS`, insisting that it succeeds; its standard output.
fn deploy(site: &TestSite, args: &[&str]) -> String {
    let mut all = vec!["deploy"];
    all.extend_from_slice(args);
    let out = site.run(&all);
    assert!(out.status.success(), "deploy failed:\n{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The target's files but the manifest, which is the deploy's own.
fn published(target: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut t = tree(target);
    t.remove(".bantin-deploy");
    t
}

fn built(site: &TestSite) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut t = site.output_tree();
    t.retain(|path, _| !path.starts_with(".bantin"));
    t
}

#[test]
fn a_folder_target_holds_exactly_the_site_and_only_changes_travel() {
    let site = site();
    let host = tempfile::tempdir().unwrap();
    let target = host.path().join("www");
    let to = url(&target);
    let first = deploy(&site, &["--to", &to]);
    assert!(first.contains("lần đăng đầu"), "{first}");
    assert_eq!(published(&target), built(&site), "the target holds exactly the site");
    assert!(target.join(".bantin-deploy").exists());

    let again = deploy(&site, &["--to", &to]);
    assert!(again.contains(": 0 tệp đã gửi"), "nothing changed, nothing sent: {again}");

    // One article edited, one added, one deleted: those pages and the lists that show them.
    site.write("content/tin/a.md", &article("Bài A", "2023-04-06", "", "Một, sửa lại."));
    site.write("content/tin/d.md", &article("Bài D", "2023-04-07", "", "Bốn."));
    site.remove("content/tin/c.md");
    let changed = deploy(&site, &["--to", &to]);
    assert_eq!(published(&target), built(&site), "{changed}");
    assert!(!target.join("tin/c").exists(), "the deleted article's page and folder are gone");
    let count = |what: &str| -> usize {
        let before = changed.split(what).next().unwrap_or_default();
        before.rsplit([' ', '(']).find(|w| !w.is_empty()).and_then(|n| n.parse().ok()).unwrap_or(0)
    };
    let (sent, kept) = (count(" tệp đã gửi"), count(" tệp giữ nguyên"));
    assert!(sent > 0 && kept > 0, "only what changed travels: {changed}");
    assert_eq!(sent + kept, built(&site).len(), "{changed}");
}

#[test]
fn a_target_from_site_yaml_by_name_and_a_dry_run_that_touches_nothing() {
    let site = site();
    let host = tempfile::tempdir().unwrap();
    let (one, two) = (host.path().join("mot"), host.path().join("hai"));
    site.write(
        "site.yaml",
        &format!(
            "title: Bản tin\nbase_url: https://bantin.example/\ndeploy:\n  - {{ name: chinh, url: \"{}\" }}\n  - {{ name: du-phong, url: \"{}\" }}\n",
            url(&one),
            url(&two)
        ),
    );
    let dry = deploy(&site, &["--dry-run"]);
    assert!(dry.contains("Chạy thử") && dry.contains("gửi  index.html"), "{dry}");
    assert!(!one.exists(), "a dry run touches nothing");
    deploy(&site, &[]);
    assert_eq!(published(&one), built(&site), "the first target is the default");
    deploy(&site, &["du-phong"]);
    assert_eq!(published(&two), built(&site));
    let out = site.run(&["deploy", "khong-co"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("chinh, du-phong"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_mass_delete_is_held_back_and_an_old_site_is_replaced_where_it_differs() {
    let site = site();
    let host = tempfile::tempdir().unwrap();
    let target = host.path().join("www");
    // A site put there by hand: an old page, and the files the build will make, some the same.
    std::fs::create_dir_all(target.join("cu")).unwrap();
    for i in 0..5 {
        std::fs::write(target.join(format!("cu/{i}.html")), "cũ").unwrap();
    }
    site.build_ok(&[]);
    let style = site.path("output/style.css");
    std::fs::copy(&style, target.join("style.css")).unwrap();
    let to = url(&target);
    let out = site.run(&["deploy", "--to", &to, "--max-deletes", "4"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(stderr.contains("Không xóa tệp nào: 5 tệp") && stderr.contains("--max-deletes 5"), "{stderr}");
    assert!(target.join("cu/0.html").exists(), "nothing deleted above the limit");
    assert!(stdout.contains("1 tệp giữ nguyên"), "the same style.css is not sent again: {stdout}");
    deploy(&site, &["--to", &to, "--max-deletes", "5"]);
    let (held, site_files) = (published(&target), built(&site));
    assert_eq!(held.keys().collect::<Vec<_>>(), site_files.keys().collect::<Vec<_>>());
    assert!(held == site_files, "the same bytes");
    assert!(!target.join("cu").exists());
}

#[test]
fn a_deploy_stopped_half_way_is_finished_by_the_next() {
    let site = site();
    let host = tempfile::tempdir().unwrap();
    let target = host.path().join("www");
    let to = url(&target);
    deploy(&site, &["--to", &to]);
    site.write("content/tin/a.md", &article("Bài A", "2023-04-06", "", "Một, sửa lại."));
    site.build_ok(&[]);
    // As if a deploy had sent the new article page, and a half-written file was left, when it
    // was stopped (its manifest still the old one).
    std::fs::copy(site.path("output/tin/a/index.html"), target.join("tin/a/index.html")).unwrap();
    std::fs::write(target.join("tin/a/.index.html.bantin-part"), "nửa").unwrap();
    deploy(&site, &["--to", &to]);
    let mut held = published(&target);
    held.remove("tin/a/.index.html.bantin-part");
    assert_eq!(held, built(&site), "the target converges");
}

#[test]
fn secrets_in_site_yaml_and_unknown_addresses_are_refused_with_what_to_do() {
    let site = site();
    site.write(
        "site.yaml",
        "title: Bản tin\ndeploy:\n  - { name: web, url: \"ftp://toa-soan:matkhau@ftp.example.vn/public_html\" }\n  - { name: s3, url: \"s3://bucket\", secret_access_key: abc }\n",
    );
    let err = site.build_err();
    assert!(err.contains("site.yaml:2:1: Địa chỉ của nơi đăng `web` có chứa mật khẩu"), "{err}");
    assert!(
        err.contains("Không được ghi `secret_access_key` của nơi đăng `s3`") && err.contains("BANTIN_DEPLOY_PASSWORD"),
        "{err}"
    );
    site.write("site.yaml", "title: Bản tin\n");
    let out = site.run(&["deploy", "--to", "sftp://toa-soan@host.example.vn/www"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("file:///") && err.contains("FTP, SFTP và S3"), "{err}");
    let out = site.run(&["deploy"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("`deploy:`"), "{}", String::from_utf8_lossy(&out.stderr));
}
