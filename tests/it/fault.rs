//! The fault suite: what must hold when things go wrong. Each test reproduces a finding of
//! the fault sweep of November 2026 (issue 10) and checks the promise that broke: a mistyped
//! setting never deletes work, `output/` is always a whole site, nothing outside the site is
//! published, no input hangs bantin or takes time that grows with its square, `check` fails
//! where `build` would, and the preview server answers only this machine's pages.
//!
//! Kills are bounded in count, and every process runs under a deadline.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::serve::Server;
use crate::util::{TestSite, article, tree};

/// Runs the binary with `args` in `cwd`, killing it (and failing the test) after `limit`.
fn run_within(cwd: &Path, args: &[&str], limit: Duration) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args(args)
        .current_dir(cwd)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bantin starts");
    wait_within(child, limit, args)
}

fn wait_within(child: Child, limit: Duration, what: &[&str]) -> Output {
    let pid = child.id().to_string();
    // Its output is read while it runs (a full pipe would stop it).
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || drop(tx.send(child.wait_with_output())));
    match rx.recv_timeout(limit) {
        Ok(out) => out.expect("output"),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &pid]).status();
            panic!("bantin {what:?} did not finish within {limit:?}: it hangs");
        }
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A deterministic sequence of numbers (no dependency, the same every run).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

/// A site of `n` articles in two sections, with tags; `variant` changes some titles and
/// bodies, so two variants give two different whole sites.
fn corpus(site: &TestSite, n: usize, variant: usize) {
    site.write("site.yaml", "title: Bản tin thử\nbase_url: https://example.org/\n");
    for i in 0..n {
        let section = if i % 2 == 0 { "tin-tuc" } else { "mat-tran" };
        let title =
            if i % 7 == variant % 7 { format!("Tin số {i} (bản {variant})") } else { format!("Tin số {i}") };
        let body =
            format!("Đoạn đầu của bài {i}, về giảm nghèo bền vững.\n\n{}\n", "Nội dung dài. ".repeat(40 + i % 13));
        let extra = format!("tags: [giảm nghèo, tổ {}]\n", i % 5);
        let date = format!("2023-{:02}-{:02}", 1 + i % 12, 1 + i % 28);
        site.write(&format!("content/{section}/bai-{i}.md"), &article(&title, &date, &extra, &body));
    }
}

/// The files of a built site, without the marker (whose list is checked by the builds).
fn site_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut t = tree(dir);
    t.remove(".bantin-output");
    t
}

/// What bantin leaves while working, found anywhere under `dir` (or beside `output/`).
fn leftovers(site_root: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for e in walkdir::WalkDir::new(site_root).into_iter().flatten() {
        let name = e.file_name().to_string_lossy();
        if name.ends_with(".bantin-new") || name == ".bantin-journal" || name.starts_with(".output.bantin-") {
            found.push(e.path().display().to_string());
        }
    }
    found
}

/// A fresh build of the site's content into a new folder: what `output/` must equal.
fn fresh_build(site: &TestSite) -> BTreeMap<String, Vec<u8>> {
    let fresh = tempfile::tempdir().expect("temp");
    let dest = fresh.path().join("site");
    let out = site.run(&["build", "--output", dest.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", stderr(&out));
    site_files(&dest)
}

// 1. `--output` through a missing folder and `..`, and every other dangerous folder.

#[test]
fn dangerous_output_folders_are_refused_and_nothing_is_lost() {
    let home = tempfile::tempdir().expect("temp");
    let site_root = home.path().join("site");
    std::fs::create_dir_all(site_root.join("content/tin")).unwrap();
    std::fs::create_dir_all(site_root.join("themes/rieng/templates")).unwrap();
    std::fs::create_dir_all(site_root.join("static")).unwrap();
    let a = article("A", "2023-04-06", "", "Nội dung.");
    std::fs::write(site_root.join("content/tin/a.md"), &a).unwrap();
    std::fs::write(site_root.join("static/logo.txt"), "logo").unwrap();
    // Someone's work beside the site, and a folder of theirs inside it.
    std::fs::create_dir_all(home.path().join("luan-van")).unwrap();
    std::fs::write(home.path().join("luan-van/chuong-1.docx"), "work").unwrap();
    std::fs::create_dir_all(site_root.join("ghi-chu")).unwrap();
    std::fs::write(site_root.join("ghi-chu/y-tuong.txt"), "notes").unwrap();
    std::fs::write(site_root.join("notes.txt"), "notes").unwrap();
    std::os::unix::fs::symlink(site_root.join("content"), site_root.join("link-to-content")).unwrap();
    std::os::unix::fs::symlink(home.path(), site_root.join("link-to-home")).unwrap();
    std::os::unix::fs::symlink(home.path().join("luan-van"), site_root.join("link-to-work")).unwrap();
    let before = tree(home.path());

    let refused = [
        ".",
        "./",
        "..",
        "../..",
        "content",
        "content/",
        "content/tin",
        "content/moi",
        "khong-co/../content",
        "a/b/../../content",
        "khong-co/../content/tin",
        "khong-co/../../site",
        "khong-co/../..",
        "x/../../luan-van",
        "x/y/../../../luan-van",
        "../luan-van",
        "themes",
        "themes/rieng",
        "static",
        "static/x",
        "ghi-chu",
        "notes.txt",
        "link-to-content",
        "link-to-content/moi",
        "link-to-home",
        "link-to-work",
        "link-to-home/site",
        "output/../content",
        "//",
    ];
    for target in refused {
        let out = run_within(&site_root, &["build", "--output", target], Duration::from_secs(30));
        assert!(!out.status.success(), "--output {target} was accepted:\n{}", stderr(&out));
        assert!(stderr(&out).contains("không ghi"), "--output {target}: {}", stderr(&out));
        assert_eq!(tree(home.path()), before, "--output {target} changed files");
    }
    // The same folders as absolute paths.
    for target in [site_root.clone(), site_root.join("content"), home.path().join("luan-van"), home.path().into()] {
        let t = target.to_str().unwrap();
        let out = run_within(&site_root, &["build", "--output", t], Duration::from_secs(30));
        assert!(!out.status.success(), "--output {t} was accepted");
        assert_eq!(tree(home.path()), before, "--output {t} changed files");
    }
    // What may be written: a new folder inside the site (through `..` too), an empty one beside it.
    std::fs::create_dir_all(home.path().join("trong")).unwrap();
    for target in ["output", "khong-co/../public", "dist/site", "../trong"] {
        let out = run_within(&site_root, &["build", "--output", target], Duration::from_secs(30));
        assert!(out.status.success(), "--output {target}: {}", stderr(&out));
    }
    assert!(site_root.join("public/index.html").is_file());
    assert!(!site_root.join("khong-co").exists(), "the missing folder of the path is not made");
    assert!(home.path().join("trong/index.html").is_file());
    assert_eq!(std::fs::read_to_string(site_root.join("content/tin/a.md")).unwrap(), a);
    assert_eq!(std::fs::read_to_string(home.path().join("luan-van/chuong-1.docx")).unwrap(), "work");
}

// 2. `paths.feed` (and every other path of site.yaml) stays inside output/.

#[test]
fn generated_paths_cannot_leave_the_output_folder() {
    for (key, value) in [
        ("feed", "../content/tin/a.md"),
        ("feed", "../../x.txt"),
        ("feed", "/tmp/bantin-feed.xml"),
        ("feed", "tin/rss.xml"),
        ("feed", ".rss.xml"),
        ("feed", ".."),
        ("tags", "../tu-khoa"),
        ("archive", "/luu-tru"),
        ("search", "tim-kiem/../../x"),
    ] {
        let site = TestSite::with(&[
            ("site.yaml", &format!("title: T\npaths:\n  {key}: \"{value}\"\n")),
            ("content/tin/a.md", &article("A", "2023-04-06", "", "Nội dung.")),
        ]);
        let a = std::fs::read(site.path("content/tin/a.md")).unwrap();
        for command in ["check", "build"] {
            let out = site.run(&[command]);
            assert!(!out.status.success(), "{command} with paths.{key}: {value} passed");
            assert!(stderr(&out).starts_with("site.yaml:3:3: "), "{command}: {}", stderr(&out));
        }
        assert_eq!(std::fs::read(site.path("content/tin/a.md")).unwrap(), a);
        assert!(!site.path("output").exists());
    }
    assert!(!Path::new("/tmp/bantin-feed.xml").exists());
}

// 3. The marker is not trusted after a kill, and nothing bantin leaves survives a build.

/// A rebuild in place killed after its renames and before its marker, with a new file not yet
/// renamed: exactly the state `kill -9` of `bantin watch` leaves at that instant.
#[test]
fn a_build_after_a_killed_watch_rebuild_makes_a_whole_site() {
    let site = TestSite::empty();
    corpus(&site, 12, 0);
    site.build_ok(&[]);
    let out_dir = site.path("output");
    {
        let folder = bantin::output::Folder::output(&out_dir).unwrap();
        use bantin::output::Sink;
        folder.put("tin-tuc/bai-0/index.html", b"<p>newer than the marker</p>").unwrap();
        folder.put("index.html", b"<p>half written</p>").unwrap();
        folder.commit().unwrap();
        folder.put("404.html", b"").unwrap();
        // Killed here: no marker written, no journal closed. Nothing may run its cleanup.
        std::mem::forget(folder);
    }
    assert!(out_dir.join(".404.html.bantin-new").exists());
    let out = site.build_ok(&[]);
    assert_eq!(site_files(&out_dir), fresh_build(&site), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(leftovers(site.root()).is_empty(), "{:?}", leftovers(site.root()));
}

#[test]
fn killing_build_at_any_moment_leaves_a_whole_site() {
    let site = TestSite::empty();
    corpus(&site, 160, 0);
    let sites: Vec<BTreeMap<String, Vec<u8>>> = (0..2)
        .map(|v| {
            corpus(&site, 160, v);
            fresh_build(&site)
        })
        .collect();
    // How long a build takes here, to kill within it.
    corpus(&site, 160, 0);
    let started = Instant::now();
    site.build_ok(&[]);
    let span = started.elapsed().as_millis() as u64 + 20;
    let mut rng = Lcg(10);
    let mut previous = 0;
    for i in 0..16 {
        let variant = 1 - previous;
        corpus(&site, 160, variant);
        let child = Command::new(env!("CARGO_BIN_EXE_bantin"))
            .args(["build", "--root"])
            .arg(site.root())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut child = child;
        std::thread::sleep(Duration::from_millis(rng.below(span)));
        let _ = child.kill();
        let _ = child.wait();
        let now = site_files(&site.path("output"));
        let whole = sites.iter().position(|s| *s == now);
        assert!(whole.is_some(), "kill {i}: output/ is not a whole site ({} files)", now.len());
        previous = whole.unwrap_or(previous);
    }
    site.build_ok(&[]);
    assert_eq!(site_files(&site.path("output")), fresh_build(&site));
    assert!(leftovers(site.root()).is_empty(), "{:?}", leftovers(site.root()));
}

#[test]
fn killing_watch_at_any_moment_then_building_gives_a_fresh_site() {
    let site = TestSite::empty();
    corpus(&site, 60, 0);
    let mut rng = Lcg(7);
    for i in 0..8 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bantin"))
            .args(["watch", "--root"])
            .arg(site.root())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let deadline = Instant::now() + Duration::from_secs(60);
        while let Some(Ok(line)) = lines.next() {
            if line.starts_with("Đang theo dõi") || Instant::now() > deadline {
                break;
            }
        }
        // Keep reading, so the watcher never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        std::thread::sleep(Duration::from_millis(100));
        corpus(&site, 60, i + 1);
        std::thread::sleep(Duration::from_millis(150 + rng.below(400)));
        let _ = child.kill();
        let _ = child.wait();
        // Back to the first content, as an editor undoing the edit would.
        corpus(&site, 60, 0);
        let out = site.build_ok(&[]);
        assert_eq!(
            site_files(&site.path("output")),
            fresh_build(&site),
            "kill {i}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(leftovers(site.root()).is_empty(), "kill {i}: {:?}", leftovers(site.root()));
    }
}

// A full disk: a small tmpfs where the machine lets us mount one.

struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Option<Tmpfs> {
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(dir.to_path_buf()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_leaves_the_last_site_and_no_debris() {
    let disk = tempfile::tempdir().unwrap();
    let Some(_mounted) = Tmpfs::mount(disk.path(), "900k") else {
        eprintln!("skipped: cannot mount a small tmpfs here (needs root); the full-disk test did not run");
        return;
    };
    // The site on the ordinary disk, its output on the small one.
    let site = TestSite::empty();
    corpus(&site, 3, 0);
    let output = disk.path().join("output");
    let out_arg = output.to_str().unwrap();
    let build = |site: &TestSite| {
        run_within(
            site.root(),
            &["build", "--root", site.root().to_str().unwrap(), "--output", out_arg],
            Duration::from_secs(120),
        )
    };
    let out = build(&site);
    assert!(out.status.success(), "{}", stderr(&out));
    let small = site_files(&output);
    // Now far more than the disk holds.
    corpus(&site, 400, 0);
    let out = build(&site);
    assert!(!out.status.success(), "a build larger than the disk succeeded");
    assert!(stderr(&out).contains("No space left"), "{}", stderr(&out));
    assert!(stderr(&out).contains("thư mục kết quả cũ vẫn giữ nguyên"), "{}", stderr(&out));
    assert_eq!(site_files(&output), small);
    assert!(leftovers(disk.path()).is_empty(), "{:?}", leftovers(disk.path()));

    // In place (watch, serve): the failed rebuild's new files all go, and the journal with them.
    let site_dir = disk.path();
    let folder = bantin::output::Folder::output(&output).unwrap();
    use bantin::output::Sink;
    let chunk = vec![b'x'; 64 * 1024];
    let mut failed = false;
    for i in 0..100 {
        if folder.put(&format!("tin/{i}.html"), &chunk).is_err() {
            failed = true;
            break;
        }
    }
    assert!(failed, "the disk never filled");
    folder.discard();
    assert_eq!(site_files(&output), small);
    assert!(leftovers(site_dir).is_empty(), "{:?}", leftovers(site_dir));
}

// 4 and 5. Special files and links: never read, never published.

#[test]
fn special_files_and_links_outside_the_site_are_refused_without_hanging() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "mật khẩu").unwrap();
    let fifo = |p: &Path| {
        assert!(Command::new("mkfifo").arg(p).status().unwrap().success());
    };
    type Setup = Box<dyn Fn(&TestSite)>;
    let cases: Vec<(&str, Setup, &str)> = vec![
        (
            "a named pipe as an image",
            Box::new(move |s: &TestSite| fifo(&s.path("content/tin/anh.jpg"))),
            "content/tin/anh.jpg:1:1: là một ống dẫn (named pipe)",
        ),
        (
            "a named pipe as an article",
            Box::new(move |s: &TestSite| fifo(&s.path("content/tin/b.md"))),
            "content/tin/b.md:1:1: là một ống dẫn (named pipe)",
        ),
        (
            "a named pipe in static/",
            Box::new(move |s: &TestSite| {
                std::fs::create_dir_all(s.path("static")).unwrap();
                fifo(&s.path("static/x.css"));
            }),
            "static/x.css:1:1: là một ống dẫn (named pipe)",
        ),
        (
            "an article linked to /dev/zero",
            Box::new(|s: &TestSite| {
                std::os::unix::fs::symlink("/dev/zero", s.path("content/tin/z.md")).unwrap();
            }),
            "content/tin/z.md:1:1: là một liên kết tượng trưng (symlink) tới /dev/zero",
        ),
        (
            "site.yaml linked to /dev/zero",
            Box::new(|s: &TestSite| {
                std::os::unix::fs::symlink("/dev/zero", s.path("site.yaml")).unwrap();
            }),
            "site.yaml:1:1: không đọc được tệp: đây là một thiết bị",
        ),
        (
            "an image linked outside the site",
            Box::new({
                let secret = outside.path().join("secret.txt");
                move |s: &TestSite| std::os::unix::fs::symlink(&secret, s.path("content/tin/anh.jpg")).unwrap()
            }),
            "content/tin/anh.jpg:1:1: là một liên kết tượng trưng (symlink) tới",
        ),
        (
            "a folder linked outside the site",
            Box::new({
                let dir = outside.path().to_path_buf();
                move |s: &TestSite| std::os::unix::fs::symlink(&dir, s.path("content/tin/ngoai")).unwrap()
            }),
            "content/tin/ngoai:1:1: là một liên kết tượng trưng (symlink) tới",
        ),
        (
            "a static file linked to /etc/passwd",
            Box::new(|s: &TestSite| {
                std::fs::create_dir_all(s.path("static")).unwrap();
                std::os::unix::fs::symlink("/etc/passwd", s.path("static/passwd.txt")).unwrap();
            }),
            "static/passwd.txt:1:1: là một liên kết tượng trưng (symlink) tới /etc/passwd",
        ),
        (
            "a folder that links to itself",
            Box::new(|s: &TestSite| {
                std::os::unix::fs::symlink("..", s.path("content/tin/vong")).unwrap();
            }),
            "content/tin/vong",
        ),
        (
            "an article larger than 8 MB",
            Box::new(|s: &TestSite| {
                let mut text = article("Lớn", "2023-04-06", "", "");
                text.push_str(&"a ".repeat(5 * 1024 * 1024));
                s.write("content/tin/lon.md", &text);
            }),
            "content/tin/lon.md:1:1: không đọc được tệp: tệp lớn hơn 8 MB",
        ),
        (
            "site.yaml as a named pipe",
            Box::new(move |s: &TestSite| fifo(&s.path("site.yaml"))),
            "site.yaml:1:1: không đọc được tệp: đây là một ống dẫn (named pipe)",
        ),
        (
            "a theme that is a link to /",
            Box::new(|s: &TestSite| {
                s.write("site.yaml", "theme: goc\n");
                std::fs::create_dir_all(s.path("themes")).unwrap();
                std::os::unix::fs::symlink("/", s.path("themes/goc")).unwrap();
            }),
            "themes/goc:1:1: là một liên kết tượng trưng (symlink) tới /, nằm ngoài thư mục site",
        ),
    ];
    for (what, setup, expected) in cases {
        let site = TestSite::with(&[("content/tin/a.md", &article("A", "2023-04-06", "", "Nội dung."))]);
        setup(&site);
        for command in ["check", "build"] {
            let out = run_within(site.root(), &[command], Duration::from_secs(30));
            assert!(!out.status.success(), "{what}: {command} passed");
            assert!(stderr(&out).contains(expected), "{what}: {command} said\n{}", stderr(&out));
        }
        assert!(!site.path("output").exists(), "{what}: something was written");
    }
    // A link that stays inside the site is fine, and publishes the file it names.
    let site = TestSite::with(&[
        ("content/tin/a.md", &article("A", "2023-04-06", "", "![Ảnh](anh.jpg)")),
        ("anh-chung/anh.jpg", "jpeg"),
    ]);
    std::os::unix::fs::symlink(site.path("anh-chung/anh.jpg"), site.path("content/tin/anh.jpg")).unwrap();
    site.build_ok(&[]);
    assert!(site.has_out("tin/anh.jpg") && site.has_out("tin/anh-8w.webp"), "the photo behind the link, published");
}

// Found by the review of these fixes: folders that are links, folders that look like bantin's.

#[test]
fn source_folders_that_are_links_are_followed_before_deciding() {
    let elsewhere = tempfile::tempdir().unwrap();
    let site = TestSite::with(&[("noi-dung/tin/a.md", &article("A", "2023-04-06", "", "Nội dung."))]);
    std::fs::create_dir_all(elsewhere.path().join("tinh")).unwrap();
    std::os::unix::fs::symlink(site.path("noi-dung"), site.path("content")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path().join("tinh"), site.path("static")).unwrap();
    for target in [site.path("noi-dung/out"), elsewhere.path().join("tinh/out"), site.path("noi-dung")] {
        let out = site.run(&["build", "--output", target.to_str().unwrap()]);
        assert!(!out.status.success(), "--output {} was accepted", target.display());
        assert!(stderr(&out).contains("không ghi"), "{}", stderr(&out));
    }
}

#[test]
fn folders_that_only_look_like_staging_folders_are_left_alone() {
    let site = TestSite::with(&[("content/tin/a.md", &article("A", "2023-04-06", "", "Nội dung."))]);
    site.write(".output.bantin-backup/canary.txt", "work");
    site.write(".output.bantin-1/canary.txt", "work of a running build");
    site.build_ok(&[]);
    site.build_ok(&[]);
    assert_eq!(std::fs::read_to_string(site.path(".output.bantin-backup/canary.txt")).unwrap(), "work");
    // Process 1 is always running: its folder is not a leftover.
    assert!(site.path(".output.bantin-1/canary.txt").exists());
}

#[test]
fn everything_published_has_one_place_and_check_says_so() {
    type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a str);
    let cases: Vec<Case<'_>> = vec![
        (
            "an alias where robots.txt is",
            vec![("content/tin/a.md", "aliases: [/robots.txt/]\n")],
            "content/tin/a.md:4:1: /robots.txt (vừa là tệp, vừa là thư mục chứa /robots.txt/index.html)",
        ),
        (
            "an alias where the stylesheet is",
            vec![("content/tin/a.md", "aliases: [/style.css/]\n")],
            "(có sẵn trong bantin) themes/bulletin/static/style.css",
        ),
        (
            "an alias inside the search index",
            vec![("content/tin/a.md", "aliases: [/tim-kiem/index/meta.json/]\n")],
            "nằm trong thư mục bantin dành cho dữ liệu tìm kiếm",
        ),
        (
            "an alias of a hidden name",
            vec![("content/tin/a.md", "aliases: [/.bantin-journal/]\n")],
            "content/tin/a.md:4:1: aliases: `/.bantin-journal/` có một phần bắt đầu bằng `.`",
        ),
        ("a static file where a section is", vec![("static/tin", "x")], "/tin (vừa là tệp, vừa là thư mục chứa"),
        (
            "a static home page",
            vec![("static/index.html", "x")],
            "static/index.html:1:1: /index.html được tạo ra bởi cả static/index.html và trang chủ",
        ),
        (
            "a feed named like the stylesheet",
            vec![("site.yaml", "paths: { feed: style.css }\n")],
            "site.yaml:1:1: /style.css được tạo ra bởi cả RSS của site và (có sẵn trong bantin) themes/bulletin/static/style.css",
        ),
        (
            "tags inside the search index",
            vec![("site.yaml", "paths: { tags: tim-kiem/index/t }\n")],
            "nằm trong thư mục bantin dành cho dữ liệu tìm kiếm",
        ),
    ];
    for (what, files, expected) in cases {
        let site = TestSite::empty();
        for (path, text) in &files {
            if path.ends_with(".md") {
                site.write(path, &article("A", "2023-04-06", text, "Nội dung."));
            } else {
                site.write(path, text);
            }
        }
        if !site.path("content/tin/a.md").exists() {
            site.write("content/tin/a.md", &article("A", "2023-04-06", "", "Nội dung."));
        }
        for command in ["check", "build"] {
            let out = site.run(&[command]);
            assert!(!out.status.success(), "{what}: {command} passed");
            assert!(stderr(&out).contains(expected), "{what}: {command} said\n{}", stderr(&out));
        }
    }
}

#[test]
fn a_root_path_with_a_colon_stays_a_path() {
    let site = TestSite::with(&[
        ("site.yaml", "menu:\n  - { name: X, url: \"/javascript:alert(1)\" }\n"),
        ("content/tin/a.md", &article("A", "2023-04-06", "image: /javascript:alert(2).png\n", "x")),
        // A site path must lead to a file of the site: here, a photo with a colon in its name.
        ("static/javascript:alert(2).png", "png"),
    ]);
    site.build_ok(&[]);
    let home = site.out("index.html");
    assert!(home.contains("href=\"./javascript:alert(1)\""), "{home}");
    assert!(!home.contains("\"javascript:"), "{home}");
}

#[test]
fn files_deleted_or_changed_in_output_are_made_again() {
    let site = TestSite::empty();
    corpus(&site, 6, 0);
    site.build_ok(&[]);
    let whole = site_files(&site.path("output"));
    std::fs::remove_file(site.path("output/tin-tuc/bai-0/index.html")).unwrap();
    std::fs::write(site.path("output/index.html"), "tampered").unwrap();
    site.build_ok(&[]);
    assert_eq!(site_files(&site.path("output")), whole);
    // And after an edit elsewhere, nothing is missing either.
    std::fs::remove_file(site.path("output/mat-tran/bai-1/index.html")).unwrap();
    corpus(&site, 6, 1);
    site.build_ok(&[]);
    assert_eq!(site_files(&site.path("output")), fresh_build(&site));
}

#[test]
fn new_never_writes_through_a_link() {
    let outside = tempfile::tempdir().unwrap();
    let site = TestSite::with(&[("content/tin/a.md", &article("A", "2023-04-06", "", "x"))]);
    std::os::unix::fs::symlink(outside.path().join("bai.md"), site.path("content/tin/bai-moi.md")).unwrap();
    let out = site.run(&["new", "tin", "Bài mới"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("đã có"), "{}", stderr(&out));
    std::os::unix::fs::symlink(outside.path(), site.path("content/ngoai")).unwrap();
    let out = site.run(&["new", "ngoai", "Bài khác"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("dẫn ra ngoài content/"), "{}", stderr(&out));
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
}

// 6. Parsing time grows with the input, not with its square.

#[test]
fn thirty_thousand_equal_headings_get_their_ids_in_linear_time() {
    let body = "## Mục tiêu\n\nNội dung.\n\n".repeat(30_000);
    let site = TestSite::with(&[("content/tin/a.md", &article("A", "2023-04-06", "", &body))]);
    let out = run_within(site.root(), &["build"], Duration::from_secs(120));
    assert!(out.status.success(), "{}", stderr(&out));
    let page = site.out("tin/a/index.html");
    assert!(page.contains("id=\"muc-tieu\"") && page.contains("id=\"muc-tieu-30000\""));
}

#[test]
fn huge_front_matter_is_read_in_linear_time() {
    // At the speed of the sweep's findings (40,000 keys: 12 s; 100,000 `[`: 12.6 s), these
    // inputs would take many minutes; read in one pass they take well under a second, so the
    // limit below is a hang guard, not a speed target.
    let mut keys = String::new();
    for i in 0..200_000 {
        keys.push_str(&format!("khoa{i}: gia tri\n"));
    }
    let deep = format!("tags: {}\n", "[".repeat(1_000_000));
    let site = TestSite::with(&[
        ("content/tin/nhieu-khoa.md", &article("Nhiều khóa", "2023-04-06", &keys, "Nội dung.")),
        ("content/tin/long-sau.md", &article("Lồng sâu", "2023-04-06", &deep, "Nội dung.")),
        ("site.yaml", &format!("title: T\nextra:\n  x: {}\n", "[".repeat(1_000_000))),
    ]);
    let out = run_within(site.root(), &["check"], Duration::from_secs(60));
    let err = stderr(&out);
    assert!(err.starts_with("site.yaml:3:70: danh sách hoặc nhóm khóa lồng nhau sâu quá 64 tầng"), "{err}");
    site.write("site.yaml", "title: T\n");
    let out = run_within(site.root(), &["check"], Duration::from_secs(60));
    let err = stderr(&out);
    assert!(
        err.starts_with("content/tin/long-sau.md:4:71: danh sách hoặc nhóm khóa lồng nhau sâu quá 64 tầng"),
        "{err}"
    );
    site.remove("content/tin/long-sau.md");
    let out = run_within(site.root(), &["check"], Duration::from_secs(60));
    assert!(out.status.success(), "{}", stderr(&out));
    // A wrong value among them is still found at its own line.
    let bad = format!("{keys}draft: co le\n");
    site.write("content/tin/nhieu-khoa.md", &article("Nhiều khóa", "2023-04-06", &bad, "Nội dung."));
    let out = run_within(site.root(), &["check"], Duration::from_secs(60));
    assert!(stderr(&out).starts_with("content/tin/nhieu-khoa.md:200004:"), "{}", stderr(&out));
}

#[test]
fn thousands_of_broken_links_are_all_reported_in_linear_time() {
    let body: String = (0..20_000).map(|i| format!("Dòng {i}: [liên kết](khong-co-{i}.md)\n\n")).collect();
    let site = TestSite::with(&[("content/tin/a.md", &article("A", "2023-04-06", "", &body))]);
    let out = run_within(site.root(), &["check"], Duration::from_secs(60));
    let err = stderr(&out);
    assert!(err.contains("content/tin/a.md:5:9: `khong-co-0.md`"), "{}", &err[..err.len().min(500)]);
    assert!(
        err.contains("content/tin/a.md:40003:13: `khong-co-19999.md`"),
        "{}",
        &err[err.len().saturating_sub(500)..]
    );
}

// 7. `check` fails wherever `build` would.

#[test]
fn check_and_build_agree_on_hostile_content() {
    let long_word = "A".repeat(300);
    let long_title = "Tiêu đề rất dài ".repeat(40);
    let cases: Vec<(&str, String)> = vec![
        ("a word of 300 letters", article("A", "2023-04-06", "", &format!("Mã: {long_word}\n\n```\n{long_word}\n```"))),
        ("a title of 600 letters", article(&long_title, "2023-04-06", "", "Nội dung.")),
        ("an alias of 300 letters", article("A", "2023-04-06", &format!("aliases: [/{long_word}/]\n"), "x")),
        ("a slug of 300 letters", article("A", "2023-04-06", &format!("slug: {long_word}\n"), "x")),
        ("a tag of 300 letters", article("A", "2023-04-06", &format!("tags: [{long_word}]\n"), "x")),
        ("an alias that climbs out", article("A", "2023-04-06", "aliases: [/../../x/]\n", "x")),
    ];
    for (what, text) in cases {
        let site = TestSite::with(&[("content/tin/a.md", &text)]);
        let check = run_within(site.root(), &["check"], Duration::from_secs(30));
        let build = run_within(site.root(), &["build"], Duration::from_secs(30));
        assert_eq!(
            check.status.success(),
            build.status.success(),
            "{what}: check said\n{}\nbuild said\n{}",
            stderr(&check),
            stderr(&build)
        );
        if !build.status.success() {
            assert!(stderr(&build).starts_with("content/tin/a.md:"), "{what}: {}", stderr(&build));
            assert!(!stderr(&build).contains(".bantin-"), "{what} names a temporary folder: {}", stderr(&build));
        }
    }
}

// 9. URLs that run programs, and a site whose old copy cannot be deleted.

#[test]
fn addresses_that_run_programs_are_refused() {
    for (front, body, expected) in [
        (
            "image: \"javascript:alert(1)\"\n",
            "x",
            "content/tin/a.md:4:8: image: `javascript:alert(1)` là địa chỉ javascript:",
        ),
        ("image: \"JavaScript:alert(1)\"\n", "x", "content/tin/a.md:4:8: image: `JavaScript:alert(1)`"),
        ("image: \"data:text/html,<script>alert(1)</script>\"\n", "x", "content/tin/a.md:4:8: image: `data:text/html"),
        ("", "[bấm](javascript:alert(1))", "content/tin/a.md:5:1: `javascript:alert(1)` là địa chỉ javascript:"),
        ("", "Xem [đây](vbscript:msgbox)", "content/tin/a.md:5:5: `vbscript:msgbox`"),
        ("", "![ảnh](javascript:alert(1))", "content/tin/a.md:5:1: `javascript:alert(1)`"),
        ("", "![ảnh](C:\\Users\\bientap\\anh.jpg)", "là đường dẫn trên một máy tính riêng"),
    ] {
        let site = TestSite::with(&[("content/tin/a.md", &article("A", "2023-04-06", front, body))]);
        let err = site.build_err();
        assert!(err.contains(expected), "{front}{body}: {err}");
    }
    let site = TestSite::with(&[
        ("site.yaml", "menu:\n  - { name: X, url: \"javascript:alert(1)\" }\n"),
        ("content/tin/a.md", &article("A", "2023-04-06", "", "x")),
    ]);
    assert!(site.build_err().starts_with("site.yaml:1:1: menu: `javascript:alert(1)` không phải địa chỉ web"));
    // What editors do write still works.
    let site = TestSite::with(&[(
        "content/tin/a.md",
        &article(
            "A",
            "2023-04-06",
            "image: https://example.org/anh.jpg\n",
            "[Thư](mailto:toasoan@example.org), [gọi](tel:02293000000), [web](https://example.org/)",
        ),
    )]);
    site.build_ok(&[]);
    assert!(site.out("tin/a/index.html").contains("href=\"mailto:toasoan@example.org\""));
}

#[test]
fn an_old_site_that_cannot_be_deleted_is_reported_truthfully() {
    let site = TestSite::empty();
    corpus(&site, 3, 0);
    site.build_ok(&[]);
    // Make the published site read-only, as `chmod -R a-w` on a server would.
    let mut dirs = Vec::new();
    for e in walkdir::WalkDir::new(site.path("output")).into_iter().flatten() {
        if e.file_type().is_dir() {
            dirs.push(e.path().to_path_buf());
        }
    }
    use std::os::unix::fs::PermissionsExt;
    for d in &dirs {
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o555)).unwrap();
    }
    corpus(&site, 3, 1);
    let out = site.build_ok(&[]);
    // Read-only folders are made writable again (they are bantin's own), so the old site goes.
    assert!(leftovers(site.root()).is_empty(), "{:?}\n{}", leftovers(site.root()), stderr(&out));
    assert_eq!(site_files(&site.path("output")), fresh_build(&site));
    assert!(!stderr(&out).contains("unchanged"), "{}", stderr(&out));
}

// 8. The preview server answers only this machine, closes idle connections, hides its files.

fn raw_request(port: u16, request: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    let mut buf = [0u8; 4096];
    // Enough to see the status line and the start of the body (the event stream never ends).
    while let Ok(n) = s.read(&mut buf) {
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&buf[..n]);
        if raw.len() > 64 || String::from_utf8_lossy(&raw).contains("\r\n\r\n") {
            break;
        }
    }
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    (status, text)
}

#[test]
fn serve_answers_only_requests_for_this_machine() {
    let site = TestSite::with(&[("content/tin/a.md", &article("A", "2023-04-06", "", "Nội dung."))]);
    let server = Server::start(&site, &[]);
    let port = server.port;
    for host in [
        "localhost",
        "127.0.0.1",
        &format!("localhost:{port}"),
        &format!("127.0.0.1:{port}"),
        "[::1]",
        "ban-tin.localhost",
    ] {
        let (status, _) = raw_request(port, &format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
        assert_eq!(status, 200, "Host: {host}");
    }
    for host in ["evil.example", "evil.example:1111", "localhost.evil.example", "127.0.0.1.nip.io", "x"] {
        for path in ["/", "/tin/a/", "/__bantin/events", "/404.html"] {
            let (status, text) =
                raw_request(port, &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
            assert_eq!(status, 403, "Host: {host} {path}: {text}");
        }
    }
    // bantin's own files, names no file system takes, and what a redirect would send elsewhere.
    for path in
        ["/.bantin-output", "/tin/.a.bantin-new", "/%2ebantin-output", &format!("/{}/", "a".repeat(256)), "//tin"]
    {
        let (status, text) =
            raw_request(port, &format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        assert_eq!(status, 404, "{path}: {text}");
    }
}

#[test]
fn serve_closes_idle_connections_and_keeps_answering() {
    let site = TestSite::with(&[("content/tin/a.md", &article("A", "2023-04-06", "", "Nội dung."))]);
    let server = Server::start_with(&site, &[], &[("BANTIN_SERVE_IDLE_SECS", "1")]);
    let idle: Vec<TcpStream> = (0..300).map(|_| TcpStream::connect(("127.0.0.1", server.port)).unwrap()).collect();
    // A connection that sent half a request, and one that finished a request and stays open.
    let mut slow = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: loc").unwrap();
    let mut kept = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    kept.write_all(b"GET /tin/a/ HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    std::thread::sleep(Duration::from_secs(4));
    for (i, mut s) in idle.into_iter().chain([slow, kept]).enumerate() {
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let mut rest = Vec::new();
        let closed = s.read_to_end(&mut rest).is_ok();
        assert!(closed, "connection {i} is still open after the idle limit");
    }
    assert_eq!(server.get("/tin/a/").0, 200);
}

#[test]
fn a_killed_server_leaves_no_preview_folder_for_good() {
    let tmp = tempfile::tempdir().unwrap();
    let site = TestSite::with(&[("content/tin/a.md", &article("A", "2023-04-06", "", "Nội dung."))]);
    let previews = || -> Vec<String> {
        std::fs::read_dir(tmp.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("bantin-serve-"))
            .collect()
    };
    let tmpdir = tmp.path().to_str().unwrap();
    let mut killed = Server::start_with(&site, &[], &[("TMPDIR", tmpdir)]);
    assert_eq!(previews().len(), 1);
    killed.kill_now();
    assert_eq!(previews().len(), 1, "kill -9 leaves the folder: nothing can run then");
    let server = Server::start_with(&site, &[], &[("TMPDIR", tmpdir)]);
    let now = previews();
    assert_eq!(now.len(), 1, "{now:?}");
    assert!(now[0].starts_with(&format!("bantin-serve-{}-", server.pid())), "{now:?}");
}

// Fuzzing the entry points: any bytes an editor's file may hold give a document or problems
// inside the file, never a panic or a hang; and a whole site of such a file checks without one.

mod fuzz {
    use proptest::prelude::*;

    use bantin::base::paths::SourcePath;
    use bantin::base::paths::UrlPath;

    /// Pieces of front matter and Markdown, including the ones parsers trip on.
    const PIECES: &[&str] = &[
        "---\n",
        "---",
        "...\n",
        "title: ",
        "date: ",
        "2023-04-06",
        "06/04/2023",
        "tags: ",
        "aliases: ",
        "slug: ",
        "image: ",
        "draft: true",
        "author: ",
        "summary: ",
        "weight: ",
        "paginate_by: ",
        "sort_by: ",
        "extra: ",
        "[",
        "]",
        "{",
        "}",
        ":",
        ": ",
        "- ",
        "  ",
        "    ",
        "\n",
        "\n\n",
        "\r\n",
        "\t",
        "\"",
        "'",
        "&a ",
        "*a",
        "!!binary ",
        "!!str ",
        "|",
        ">",
        "#",
        "# ",
        "## ",
        "*",
        "**",
        "_",
        "`",
        "```",
        "```rust\n",
        "~~~",
        "[x](",
        "](",
        ")",
        "![",
        "<",
        "</",
        "<div>",
        "<script>",
        "<!-- more -->",
        "\\",
        "Đ",
        "ế",
        "hoà",
        "e\u{301}",
        "\u{feff}",
        "\u{0}",
        "\u{200b}",
        "&amp;",
        "&#x",
        ";",
        "~~",
        "^",
        "[^1]",
        "[^1]: ",
        "javascript:",
        "https://",
        "mailto:",
        "../",
        "./",
        "a.md",
        "anh.jpg",
        "{#id}",
        "| a | b |\n",
        "|---|---|\n",
        "- [ ] ",
        "> ",
        "1. ",
        "%",
        "%2e",
        "?",
        "=",
        "giảm nghèo",
        "Kế hoạch số 93",
        "\u{1f600}",
        "ǅ",
        "İ",
        "ß",
    ];

    fn document() -> impl Strategy<Value = String> {
        let pieces = prop::collection::vec(prop::sample::select(PIECES), 0..120).prop_map(|p| p.concat());
        prop_oneof![
            pieces.clone().prop_map(|p| format!("---\ntitle: Tin\ndate: 2023-04-06\n{p}")),
            pieces.clone().prop_map(|p| format!("---\ntitle: Tin\ndate: 2023-04-06\n---\n{p}")),
            pieces,
            any::<String>(),
        ]
    }

    fn cases(default: u32) -> u32 {
        std::env::var("BANTIN_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
    }

    struct NoLinks;

    impl bantin::markdown::Links for NoLinks {
        fn page_of(&self, _: &SourcePath) -> Option<&UrlPath> {
            None
        }
        fn has_asset(&self, _: &SourcePath) -> bool {
            false
        }
    }

    proptest! {
        // BANTIN_FUZZ_CASES=200000 for a longer run by hand.
        #![proptest_config(ProptestConfig { cases: cases(3000), failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn any_file_parses_and_renders_or_gives_problems_inside_it(text in document()) {
            let source = SourcePath::new("tin/a.md").expect("a source path");
            let tz = jiff::tz::TimeZone::get("Asia/Ho_Chi_Minh").expect("a zone");
            let lines = text.split('\n').count() + 1;
            match bantin::content::parse(&source, text.as_bytes(), &tz) {
                Ok(doc) => {
                    let r = bantin::markdown::render(&source, &doc.body, doc.body_line, "../", &NoLinks);
                    for p in r.problems.iter().chain(&r.warnings) {
                        prop_assert!(p.line >= 1 && p.line <= lines, "{p} (file of {lines} lines)");
                    }
                }
                Err(problems) => {
                    prop_assert!(!problems.is_empty());
                    for p in problems {
                        prop_assert!(p.line >= 1 && p.line <= lines, "{p} (file of {lines} lines)");
                        prop_assert!(p.path.ends_with("content/tin/a.md"), "{p}");
                    }
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: cases(3000) / 25, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn a_site_of_any_article_checks_without_panicking(text in document()) {
            let dir = tempfile::tempdir().expect("temp");
            std::fs::create_dir_all(dir.path().join("content/tin")).expect("folders");
            std::fs::write(dir.path().join("content/tin/a.md"), &text).expect("write");
            std::fs::write(dir.path().join("content/tin/b.md"), "---\ntitle: B\ndate: 2023-04-06\n---\n[a](a.md)\n").expect("write");
            // An error is fine; a panic fails the test.
            let _ = bantin::build::check(&bantin::build::Options::new(dir.path()));
        }
    }
}

#[test]
fn watch_builds_output_whole_again_after_it_was_deleted() {
    let site = TestSite::empty();
    corpus(&site, 8, 0);
    let mut child = Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args(["watch", "--root"])
        .arg(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    while let Some(Ok(line)) = lines.next() {
        if line.starts_with("Đang theo dõi") {
            break;
        }
    }
    std::thread::spawn(move || lines.for_each(drop));
    std::fs::remove_dir_all(site.path("output")).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    corpus(&site, 8, 1);
    let deadline = Instant::now() + Duration::from_secs(30);
    let fresh = fresh_build(&site);
    while site_files(&site.path("output")) != fresh && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(site_files(&site.path("output")), fresh);
}

#[test]
fn a_panic_in_a_build_is_a_message_and_the_old_site_stays() {
    let site =
        crate::util::TestSite::with(&[("content/tin/a.md", &crate::util::article("A", "2023-04-06", "", "Cũ."))]);
    site.build_ok(&[]);
    let before = site.output_tree();
    site.write("content/tin/a.md", &crate::util::article("A", "2023-04-06", "", "GÂY-LỖI"));
    let out = assert_cmd::Command::cargo_bin("bantin")
        .expect("the binary")
        .args(["build", "--root"])
        .arg(site.root())
        .env("BANTIN_TEST_PANIC", "GÂY-LỖI")
        .output()
        .expect("bantin runs");
    assert_eq!(out.status.code(), Some(1), "a message and exit 1, not a crash (101)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bantin dừng vì một lỗi của chính nó"), "{stderr}");
    assert_eq!(site.output_tree(), before, "output/ is as it was");
}
