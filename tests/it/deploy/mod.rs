//! `bantin deploy` to a folder (`file:///…`, a host's folder or a mounted share): the target
//! holds exactly the built site, a second deploy sends nothing, only changes travel, a stale
//! page goes, a mass delete is held back, a dry run touches nothing, and a deploy stopped
//! half-way is finished by the next one.

mod ftp;
mod s3;
pub mod servers;
#[cfg(target_os = "linux")] // its sshd is Debian's, stopped through /proc
mod sftp;

use std::collections::BTreeMap;
use std::path::Path;

use crate::util::{TestSite, article, tree};

pub fn site() -> TestSite {
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
    deploy_with(site, args, &[])
}

/// Runs `bantin deploy ARGS` with these environment variables, insisting that it succeeds;
/// its standard output.
pub fn deploy_with(site: &TestSite, args: &[&str], env: &[(&str, &str)]) -> String {
    let mut all = vec!["deploy"];
    all.extend_from_slice(args);
    let out = site.run_with(&all, env);
    assert!(out.status.success(), "deploy failed:\n{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The number a deploy's summary gives before `what` (`3 tệp đã gửi` → 3).
pub fn count(said: &str, what: &str) -> usize {
    let before = said.split(what).next().unwrap_or_default();
    before.rsplit([' ', '(']).find(|w| !w.is_empty()).and_then(|n| n.parse().ok()).unwrap_or(usize::MAX)
}

/// Every file a target holds, by path, but the manifest and files a stopped deploy left.
pub type Holds<'a> = &'a dyn Fn() -> BTreeMap<String, Vec<u8>>;

/// What every protocol must do, on `site` and the target at `to` (with `env` for secrets),
/// read back by `holds`: the first deploy makes the target hold exactly the built site; a
/// second sends nothing; an edited, an added and a deleted article send only what changed and
/// the stale page goes; a mass delete above `--max-deletes` deletes nothing.
pub fn round_trip(site: &TestSite, to: &str, env: &[(&str, &str)], holds: Holds) {
    let first = deploy_with(site, &["--to", to], env);
    assert_eq!(holds(), built(site), "the target holds exactly the site: {first}");
    let again = deploy_with(site, &["--to", to], env);
    assert_eq!(count(&again, " tệp đã gửi"), 0, "a second deploy sends nothing: {again}");
    site.write("content/tin/a.md", &article("Bài A", "2023-04-06", "", "Một, sửa lại."));
    site.write("content/tin/d.md", &article("Bài D", "2023-04-07", "", "Bốn."));
    site.remove("content/tin/c.md");
    let changed = deploy_with(site, &["--to", to], env);
    let now = holds();
    assert_eq!(now, built(site), "{changed}");
    assert!(!now.keys().any(|p| p.starts_with("tin/c/")), "the deleted article's page is gone");
    let (sent, kept) = (count(&changed, " tệp đã gửi"), count(&changed, " tệp giữ nguyên"));
    assert!(sent > 0 && kept > 0, "only what changed travels: {changed}");
    assert_eq!(sent + kept, built(site).len(), "{changed}");
    site.remove("content/tin/a.md");
    site.remove("content/tin/b.md");
    let mut args = vec!["deploy", "--to", to, "--max-deletes", "1"];
    let out = site.run_with(&args, env);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("Không xóa tệp nào"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(holds().contains_key("tin/a/index.html"), "nothing is deleted above the limit");
    args.truncate(3);
    let out = site.run_with(&args, env);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(holds(), built(site));
}

/// A 1,000-article corpus (`gen_corpus.py`, as the benchmarks make it: its articles show
/// `/images/1.jpg` … `/images/40.jpg`, 40 copies of the sample's photo).
pub fn corpus() -> TestSite {
    let site = TestSite::empty();
    let script = crate::util::repo().join("../shared/bench/gen_corpus.py");
    let made = std::process::Command::new("python3")
        .arg(&script)
        .args(["--articles", "1000", "--images", "--out"])
        .arg(site.root())
        .output()
        .expect("python3 runs gen_corpus.py");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    site.write("site.yaml", "title: Bench\nbase_url: https://bantin.example/\npaginate_by: 20\n");
    let photo = std::fs::read(crate::util::repo().join("content/giam-ngheo/doi-thoai-ninh-nhat.png")).unwrap();
    for i in 1..=40 {
        site.write_bytes(&format!("static/images/{i}.jpg"), &photo);
    }
    site
}

/// The target's files but the manifest, which is the deploy's own.
pub fn published(target: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut t = tree(target);
    t.remove(".bantin-deploy");
    t
}

pub fn built(site: &TestSite) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut t = site.output_tree();
    t.retain(|path, _| !path.starts_with(".bantin"));
    t
}

#[test]
fn a_folder_target_holds_exactly_the_site_and_only_changes_travel() {
    let site = site();
    let host = tempfile::tempdir().unwrap();
    let target = host.path().join("www");
    round_trip(&site, &url(&target), &[], &|| published(&target));
    assert!(target.join(".bantin-deploy").exists());
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
    let out = site.run(&["deploy", "--to", &to]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(stderr.contains("5 tệp ở") && stderr.contains("--delete-others"), "{stderr}");
    assert!(target.join("cu/0.html").exists(), "files bantin never sent are kept");
    assert!(stdout.contains("1 tệp giữ nguyên"), "the same style.css is not sent again: {stdout}");
    let out = site.run(&["deploy", "--to", &to, "--delete-others", "--max-deletes", "4"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Không xóa tệp nào: 5 tệp") && stderr.contains("--max-deletes 5"), "{stderr}");
    assert!(target.join("cu/0.html").exists(), "nothing deleted above the limit");
    deploy(&site, &["--to", &to, "--delete-others", "--max-deletes", "5"]);
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
        "title: Bản tin\ndeploy:\n  - { name: web, url: \"ftp://toa-soan:matkhau@ftp.example.vn/public_html\" }\n  - { name: s3, url: \"s3://bucket\", secret_access_key: abc }\n  - { name: cheo, url: \"ftps://toa-soan:Ab/9x@ftp.example.vn/www\" }\n",
    );
    let err = site.build_err();
    assert!(err.contains("site.yaml:2:1: Địa chỉ của nơi đăng `web` có chứa mật khẩu"), "{err}");
    assert!(
        err.contains("nơi đăng `cheo` có chứa mật khẩu") && !err.contains("Ab/9x"),
        "a password with a / too: {err}"
    );
    assert!(
        err.contains("Không được ghi `secret_access_key` của nơi đăng `s3`") && err.contains("BANTIN_DEPLOY_PASSWORD"),
        "{err}"
    );
    site.write("site.yaml", "title: Bản tin\n");
    let out = site.run(&["deploy", "--to", "ftps://toa-soan:Ab/9x@"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Không đọc được địa chỉ") && !err.contains("Ab/9x"), "no password in messages: {err}");
    let out = site.run(&["deploy", "--to", "rsync://toa-soan@host.example.vn/www"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("file:///") && err.contains("sftp://"), "{err}");
    let out = site.run(&["deploy"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("`deploy:`"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_scheduled_article_reaches_the_target_when_its_time_comes() {
    let site = site();
    let host = tempfile::tempdir().unwrap();
    let target = host.path().join("www");
    // Due in 4 seconds (to the second, as editors can write a time).
    let due = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(4);
    let due = due.round(jiff::Unit::Second).unwrap();
    let date =
        due.to_zoned(jiff::tz::TimeZone::fixed(jiff::tz::offset(7))).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
    site.write("content/tin/hen-gio.md", &article("Bài hẹn giờ", &date, "", "Đúng giờ."));
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("bantin"))
        .args(["deploy", "--schedule", "--to", &url(&target), "--root"])
        .arg(site.root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let page = target.join("tin/hen-gio/index.html");
    let start = std::time::Instant::now();
    while !page.exists() && start.elapsed() < std::time::Duration::from_secs(60) {
        assert!(child.try_wait().unwrap().is_none(), "--schedule keeps running");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let arrived = jiff::Timestamp::now();
    child.kill().unwrap();
    let out = child.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(page.exists(), "the scheduled article was never published: {said}");
    assert!(arrived >= due, "not before its time");
    assert!(arrived.duration_since(due) < jiff::SignedDuration::from_secs(30), "within a minute of its time");
    assert!(said.contains("Lần đăng tới:") && said.contains("bài hẹn giờ"), "it says when: {said}");
    assert!(target.join("tin/a/index.html").exists());
}
