//! `bantin serve` and `bantin watch` as editors use them: save a file, and the served site
//! changes and the browser is told to reload; break a file, and every page shows the problem.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use crate::util::{TestSite, article, tree};

/// A running `bantin serve`, stopped with Ctrl-C (SIGINT) when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
    pub base: String,
    /// What the server prints (kept so the reader threads keep running).
    output: Receiver<String>,
    /// Killed already (nothing to stop when dropped).
    dead: bool,
}

impl Server {
    pub fn start(site: &TestSite, extra: &[&str]) -> Server {
        Server::start_with(site, extra, &[])
    }

    /// As [`Server::start`], with environment variables for the server.
    pub fn start_with(site: &TestSite, extra: &[&str], env: &[(&str, &str)]) -> Server {
        Server::spawn(site, 0, extra, env)
    }

    /// As [`Server::start`], on `port` (or the next free one): the editor is then on the next
    /// port after the preview's, the same from one run to the next.
    pub fn start_on_port(site: &TestSite, port: u16) -> Server {
        Server::spawn(site, port, &[], &[])
    }

    // The child is waited for in `Drop`. It runs in the site folder without `--root`, as
    // editors start it.
    #[allow(clippy::zombie_processes)]
    fn spawn(site: &TestSite, port: u16, extra: &[&str], env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bantin"))
            .args(["serve", "--port", &port.to_string()])
            .current_dir(site.root())
            .args(extra)
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("bantin serve starts");
        let (tx, output) = channel();
        let stdout = child.stdout.take().expect("stdout");
        let stderr = child.stderr.take().expect("stderr");
        let tx2 = tx.clone();
        std::thread::spawn(move || BufReader::new(stdout).lines().map_while(Result::ok).for_each(|l| drop(tx.send(l))));
        std::thread::spawn(move || {
            BufReader::new(stderr).lines().map_while(Result::ok).for_each(|l| drop(tx2.send(l)))
        });
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let line = output
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .expect("bantin serve prints its URL");
            if let Some(url) = line.split(" ở http://").nth(1) {
                let url = url.split(' ').next().unwrap();
                let (host_port, base) = url.split_once('/').unwrap();
                let port = host_port.rsplit(':').next().unwrap().parse().unwrap();
                return Server { child, port, base: format!("/{base}"), output, dead: false };
            }
        }
    }

    /// `GET path` (or another method): status, headers, body.
    pub fn request(&self, method: &str, path: &str) -> (u16, String, String) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(s, "{method} {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
        (status, head.to_lowercase(), body.to_string())
    }

    pub fn get(&self, path: &str) -> (u16, String) {
        let (status, _, body) = self.request("GET", path);
        (status, body)
    }

    /// Listens to the live-reload events; event names arrive on the channel.
    pub fn events(&self) -> Receiver<String> {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        write!(s, "GET /__bantin/events HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(s).lines().map_while(Result::ok) {
                if let Some(name) = line.strip_prefix("event: ")
                    && tx.send(name.to_string()).is_err()
                {
                    break;
                }
            }
        });
        rx
    }
}

impl Server {
    /// The editor's address as printed (`http://127.0.0.1:…/?ma=…`), read from what the server
    /// printed after the preview's address.
    pub fn editor_address(&self) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let line = self
                .output
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .expect("bantin serve prints the editor's address");
            if line.starts_with("Soạn bài") {
                return line.rsplit(' ').next().unwrap().to_string();
            }
        }
    }

    /// `kill -9`: the server gets no chance to clean up.
    pub fn kill_now(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.dead = true;
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.dead {
            return;
        }
        let _ = Command::new("kill").args(["-INT", &self.child.id().to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
    }
}

/// Waits for an event named `name`, skipping others; panics after a while.
pub fn wait_for(events: &Receiver<String>, name: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match events.recv_timeout(left) {
            Ok(n) if n == name => return,
            Ok(_) => {}
            Err(_) => panic!("no `{name}` event"),
        }
    }
}

fn site() -> TestSite {
    TestSite::with(&[
        ("content/tin/_index.md", "---\ntitle: Tin tức\n---\n"),
        ("content/tin/a.md", &article("Bài A", "2023-04-06", "tags: [giảm nghèo]\n", "Nội dung đầu tiên.")),
        ("content/tin/b.md", &article("Bài B", "2023-04-05", "", "Bài thứ hai.")),
    ])
}

/// Writes a file the way editors do: a temporary file renamed over the old one.
fn save(site: &TestSite, rel: &str, text: &str) {
    let tmp = site.path(&format!("{rel}.tmp~"));
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, site.path(rel)).unwrap();
}

#[test]
fn edits_are_served_and_the_browser_is_told_to_reload() {
    let site = site();
    let server = Server::start(&site, &[]);
    let (status, html) = server.get("/tin/a/");
    assert_eq!(status, 200);
    assert!(html.contains("Nội dung đầu tiên."));
    assert!(html.contains("/__bantin/events"), "the live-reload script is in served pages");
    let events = server.events();
    wait_for(&events, "ok");
    save(&site, "content/tin/a.md", &article("Bài A", "2023-04-06", "tags: [giảm nghèo]\n", "Nội dung đã sửa."));
    wait_for(&events, "reload");
    assert!(server.get("/tin/a/").1.contains("Nội dung đã sửa."));
    // A title change reaches the lists and the tags.
    save(&site, "content/tin/a.md", &article("Bài A mới", "2023-04-06", "tags: [giảm nghèo]\n", "Nội dung đã sửa."));
    wait_for(&events, "reload");
    assert!(server.get("/tin/").1.contains("Bài A mới"));
    assert!(server.get("/tu-khoa/giam-ngheo/").1.contains("Bài A mới"));
}

#[test]
fn added_renamed_and_deleted_articles() {
    let site = site();
    let server = Server::start(&site, &[]);
    let events = server.events();
    wait_for(&events, "ok");
    save(&site, "content/tin/c.md", &article("Bài C", "2023-04-07", "", "Mới."));
    wait_for(&events, "reload");
    assert_eq!(server.get("/tin/c/").0, 200);
    assert!(server.get("/").1.contains("Bài C"));
    std::fs::rename(site.path("content/tin/c.md"), site.path("content/tin/d.md")).unwrap();
    wait_for(&events, "reload");
    assert_eq!(server.get("/tin/d/").0, 200);
    assert_eq!(server.get("/tin/c/").0, 404);
    site.remove("content/tin/d.md");
    wait_for(&events, "reload");
    assert_eq!(server.get("/tin/d/").0, 404);
    // A new folder is a new section.
    std::fs::create_dir(site.path("content/mat-tran")).unwrap();
    save(&site, "content/mat-tran/e.md", &article("Bài E", "2023-04-08", "", "x"));
    wait_for(&events, "reload");
    assert_eq!(server.get("/mat-tran/e/").0, 200);
}

#[test]
fn template_and_stylesheet_edits() {
    let site = site();
    site.write("site.yaml", "theme: tinh\n");
    site.write("themes/tinh/theme.yaml", "extends: bulletin\n");
    site.write(
        "themes/tinh/templates/term.html",
        "{% extends \"base.html\" %}{% block main %}<h1>Thẻ {{ term.name }}</h1>{% endblock main %}",
    );
    site.write("themes/tinh/static/extra.css", "body{}");
    let server = Server::start(&site, &[]);
    let events = server.events();
    wait_for(&events, "ok");
    assert!(server.get("/tu-khoa/giam-ngheo/").1.contains("<h1>Thẻ giảm nghèo</h1>"));
    save(
        &site,
        "themes/tinh/templates/term.html",
        "{% extends \"base.html\" %}{% block main %}<h1>Từ khóa: {{ term.name }}</h1>{% endblock main %}",
    );
    wait_for(&events, "reload");
    assert!(server.get("/tu-khoa/giam-ngheo/").1.contains("<h1>Từ khóa: giảm nghèo</h1>"));
    save(&site, "themes/tinh/static/extra.css", "body{color:red}");
    wait_for(&events, "css");
    assert_eq!(server.get("/extra.css").1, "body{color:red}");
}

#[test]
fn a_broken_save_shows_the_problem_on_every_page_until_fixed() {
    let site = site();
    let server = Server::start(&site, &[]);
    let events = server.events();
    wait_for(&events, "ok");
    save(&site, "content/tin/b.md", "---\ntitle: Bài B\ndate: 32/04/2023\n---\nx\n");
    wait_for(&events, "problems");
    let (status, html) = server.get("/tin/a/");
    assert_eq!(status, 200, "the last good site is still served");
    assert!(html.contains("Nội dung đầu tiên."));
    assert!(html.contains(r#"<div id="bantin-problems""#));
    assert!(html.contains("content/tin/b.md:3:7: date:"), "the problem, as in the terminal");
    assert!(html.contains("bantin: lần dựng lại vừa rồi bị lỗi"), "the overlay speaks the site's language");
    save(&site, "content/tin/b.md", &article("Bài B đã sửa", "2023-04-05", "", "x"));
    wait_for(&events, "reload");
    let html = server.get("/tin/").1;
    assert!(!html.contains(r#"<div id="bantin-problems""#));
    assert!(html.contains("Bài B đã sửa"));
}

#[test]
fn the_warnings_of_the_last_build_are_shown_in_a_bar_on_every_page() {
    let site = site();
    let server = Server::start(&site, &[]);
    let events = server.events();
    wait_for(&events, "ok");
    assert!(!server.get("/tin/a/").1.contains("bantin-warnings"), "no warnings, no bar");
    // `tag:` for `tags:`: the build succeeds without the tags, and says so in the terminal only.
    save(&site, "content/tin/a.md", &article("Bài A", "2023-04-06", "tag: [giảm nghèo]\n", "Nội dung đầu tiên."));
    wait_for(&events, "reload");
    let html = server.get("/tin/b/").1;
    assert!(html.contains(r#"<details id="bantin-warnings""#), "{html}");
    assert!(!html.contains(r#"<details id="bantin-warnings" open"#), "closed: the page stays usable");
    assert!(!html.contains(r#"<div id="bantin-problems""#), "not the overlay of a failed build");
    assert!(html.contains("1 cảnh báo"), "{html}");
    // As the terminal says it, in the site's language.
    assert!(
        html.contains("content/tin/a.md:4:1: `tag:` không phải khóa mà bantin biết — có phải bạn định viết `tags:`?"),
        "{html}"
    );
    // Fixed: the bar goes, and the browser is told even if no page changed.
    save(&site, "content/tin/a.md", &article("Bài A", "2023-04-06", "tags: [giảm nghèo]\n", "Nội dung đầu tiên."));
    wait_for(&events, "reload");
    assert!(!server.get("/tin/b/").1.contains("bantin-warnings"));
}

#[test]
fn serves_like_a_static_host() {
    let site = site();
    site.write("static/anh.webp", "webp");
    site.write_bytes("static/font.woff2", b"wOF2");
    let server = Server::start(&site, &[]);
    let (status, head, body) = server.request("GET", "/khong-co/");
    assert_eq!(status, 404);
    assert!(head.contains("content-type: text/html"));
    assert!(body.contains("Không tìm thấy trang"), "the site's own 404 page");
    for (path, kind) in [
        ("/tin/", "text/html"),
        ("/rss.xml", "xml"),
        ("/sitemap.xml", "xml"),
        ("/style.css", "text/css"),
        ("/logo.svg", "image/svg+xml"),
        ("/anh.webp", "image/webp"),
        ("/font.woff2", "font/woff2"),
    ] {
        let (status, head, _) = server.request("GET", path);
        assert_eq!(status, 200, "{path}");
        assert!(
            head.contains(&format!("content-type: {kind}")) || (kind == "xml" && head.contains("xml")),
            "{path}: {head}"
        );
    }
    assert_eq!(server.request("HEAD", "/tin/").0, 200);
}

#[test]
fn refuses_other_methods_and_paths_outside_the_site() {
    let site = site();
    let server = Server::start(&site, &[]);
    for method in ["POST", "PUT", "DELETE", "PATCH"] {
        assert_eq!(server.request(method, "/tin/").0, 405, "{method}");
    }
    std::fs::write(site.path("bi-mat.txt"), "secret").unwrap();
    for path in [
        "/../bi-mat.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/bi-mat.txt",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/tin/..%2f..%2f..%2fetc/passwd",
        "/..\\..\\etc\\passwd",
        "/%5c..%5c..%5cetc%5cpasswd",
        "//etc/passwd",
    ] {
        let (status, body) = server.get(path);
        assert!(status == 404 || status == 400, "{path}: {status}");
        assert!(!body.contains("root:") && !body.contains("secret"), "{path} leaked a file");
    }
}

#[test]
fn a_symlink_pointing_out_of_the_site_is_not_followed_out() {
    let site = site();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path("static-link")).unwrap();
    let server = Server::start(&site, &[]);
    assert_eq!(server.get("/static-link/secret.txt").0, 404);
}

#[test]
fn the_base_url_sub_path_is_honoured() {
    let site = site();
    site.write("site.yaml", "base_url: https://example.org/bantin/\n");
    let server = Server::start(&site, &[]);
    assert_eq!(server.base, "/bantin/");
    let (status, html) = server.get("/bantin/tin/a/");
    assert_eq!(status, 200);
    assert!(html.contains(&format!("http://127.0.0.1:{}/bantin/tin/a/", server.port)), "canonical URL of the preview");
    assert_eq!(server.get("/bantin/khong-co/").0, 404);
    assert_eq!(server.get("/tin/a/").0, 404);
}

#[test]
fn serving_never_touches_output() {
    let site = site();
    site.build_ok(&[]);
    let before = site.output_tree();
    let server = Server::start(&site, &[]);
    let events = server.events();
    wait_for(&events, "ok");
    save(&site, "content/tin/a.md", &article("Bài A", "2023-04-06", "", "Đang sửa."));
    wait_for(&events, "reload");
    assert!(server.get("/tin/a/").1.contains("Đang sửa."));
    drop(server);
    assert_eq!(before, site.output_tree());
}

#[test]
fn a_taken_port_moves_to_the_next() {
    let site = site();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let first = stderr.lines().map_while(Result::ok).find(|l| l.contains("đang bận"));
    let _ = Command::new("kill").args(["-INT", &child.id().to_string()]).status();
    // This test is about the message. A Ctrl-C this early, while the server starts, has been
    // seen caught and not acted on (twice, in a full run of the fresh clone's tests; never
    // alone): the server is then killed, so the run does not wait for it forever.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while child.try_wait().ok().flatten().is_none() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(first, Some(format!("cổng {port} đang bận, thử cổng kế tiếp")));
}

#[test]
fn watch_rebuilds_output_atomically_and_stops_cleanly() {
    let site = site();
    let mut child = Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args(["watch", "--root"])
        .arg(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, lines) = channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || BufReader::new(stdout).lines().map_while(Result::ok).for_each(|l| drop(tx.send(l))));
    let until = |what: &str| {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let line = lines.recv_timeout(deadline.saturating_duration_since(Instant::now())).expect(what);
            if line.contains(what) {
                return line;
            }
        }
    };
    until("Đang theo dõi");
    assert!(site.out("tin/a/index.html").contains("Nội dung đầu tiên."));
    save(&site, "content/tin/a.md", &article("Bài A", "2023-04-06", "", "Bản mới."));
    until("dựng lại trong");
    assert!(site.out("tin/a/index.html").contains("Bản mới."));
    // The search index follows the pages, with its own atomic replacement.
    until("dữ liệu tìm kiếm");
    // A deleted article's page goes, with its folder.
    std::fs::remove_file(site.path("content/tin/b.md")).unwrap();
    until("dựng lại trong");
    assert!(!site.path("output/tin/b").exists(), "the deleted article's folder is gone");
    save(&site, "content/tin/b.md", &article("Bài B", "2023-04-05", "", "Trở lại."));
    until("dựng lại trong");
    until("dữ liệu tìm kiếm");
    let good = site.output_tree();
    save(&site, "content/tin/b.md", "---\ntitle: [B\n---\n");
    std::thread::sleep(Duration::from_millis(800));
    assert!(good == tree(&site.path("output")), "a failed rebuild leaves output/ as it was");
    let _ = Command::new("kill").args(["-INT", &child.id().to_string()]).status();
    until("Đã dừng");
    assert!(child.wait().unwrap().success());
    // The marker file was kept up to date: a build afterwards finds nothing to write.
    save(&site, "content/tin/b.md", &article("Bài B", "2023-04-05", "", "Trở lại."));
    let build = Command::new(env!("CARGO_BIN_EXE_bantin")).args(["build", "--root"]).arg(site.root()).output().unwrap();
    let said = String::from_utf8_lossy(&build.stdout);
    assert!(said.contains(", 0 tệp được ghi"), "{said}");
}

#[test]
fn a_panic_in_a_rebuild_is_shown_and_the_next_save_rebuilds() {
    // Debug builds panic while rendering a body that holds this text (a worker thread's panic,
    // as a codec's or a template's would be).
    let site = site();
    let server = Server::start_with(&site, &[], &[("BANTIN_TEST_PANIC", "GÂY-LỖI-Ở-ĐÂY")]);
    let events = server.events();
    wait_for(&events, "ok");
    save(&site, "content/tin/b.md", &article("Bài B", "2023-04-05", "", "GÂY-LỖI-Ở-ĐÂY"));
    wait_for(&events, "problems");
    let html = server.get("/tin/a/").1;
    assert!(html.contains("Nội dung đầu tiên."), "the last good site is still served");
    assert!(html.contains("bantin dừng vì một lỗi của chính nó"), "{html}");
    // The next save builds again, whole, and everything is there.
    save(&site, "content/tin/b.md", &article("Bài B đã sửa", "2023-04-05", "", "Đã sửa."));
    wait_for(&events, "reload");
    let html = server.get("/tin/").1;
    assert!(!html.contains(r#"<div id="bantin-problems""#), "{html}");
    assert!(html.contains("Bài B đã sửa"));
    assert!(server.get("/tin/b/").1.contains("Đã sửa."));
    save(&site, "content/tin/a.md", &article("Bài A", "2023-04-06", "", "Lần sửa thứ hai."));
    wait_for(&events, "reload");
    assert!(server.get("/tin/a/").1.contains("Lần sửa thứ hai."));
}

#[test]
fn shortcodes_thousands_deep_are_a_problem_not_a_crash() {
    let site = site();
    let server = Server::start(&site, &[]);
    let events = server.events();
    wait_for(&events, "ok");
    let deep = format!("{}Nội dung\n{}", "{{< note >}}\n".repeat(2000), "{{< /note >}}\n".repeat(2000));
    save(&site, "content/tin/b.md", &article("Bài B", "2023-04-05", "", &deep));
    wait_for(&events, "problems");
    assert!(server.get("/tin/a/").1.contains("sâu hơn 32 tầng"));
    save(&site, "content/tin/b.md", &article("Bài B", "2023-04-05", "", "{{< note >}}\nHộp\n{{< /note >}}"));
    wait_for(&events, "reload");
    assert!(server.get("/tin/b/").1.contains("Hộp"));
}
