//! Soạn bài, the editor `bantin serve` runs beside the preview, over HTTP as its page uses it:
//! who gets in, what a save changes on disk, conflicts, previews of unsaved text, new
//! articles, photos. (The page itself, in a real browser: `browser.rs`.)

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use serde_json::{Value, json};

use crate::serve::Server;
use crate::util::{TestSite, article};

/// The editor of a running `bantin serve`, as its page talks to it.
pub struct Editor {
    pub port: u16,
    /// The address as printed, with its token.
    pub address: String,
    /// The run's token, which the page sends in a header.
    pub token: String,
}

/// One raw HTTP/1.0 exchange: status, lower-case head, body.
pub fn exchange(port: u16, request: &[u8]) -> (u16, String, Vec<u8>) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    s.write_all(request).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").map_or(raw.len(), |i| i + 4);
    let head = String::from_utf8_lossy(&raw[..split]).to_lowercase();
    let status = head.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    (status, head, raw[split..].to_vec())
}

impl Editor {
    /// Opens the printed address as the page does: the token is in its fragment, which no
    /// request carries; the page itself holds no secret.
    pub fn open(server: &Server) -> Editor {
        let address = server.editor_address();
        let rest = address.strip_prefix("http://127.0.0.1:").expect("the editor listens on loopback");
        let (port, fragment) = rest.split_once('/').unwrap();
        let port: u16 = port.parse().unwrap();
        let token = fragment.strip_prefix("#ma=").expect("the token is in the fragment").to_string();
        let editor = Editor { port, address: address.clone(), token };
        let (status, page) = editor.call("GET", "/", &[], &[("X-Bantin-Token", "")]);
        assert_eq!(status, 200);
        let page = String::from_utf8(page).unwrap();
        assert!(!page.contains(&editor.token), "the page holds no secret");
        editor
    }

    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// A request as the editor's page sends it (the token's header, its own origin), with
    /// `headers` added or replacing those.
    pub fn call(&self, method: &str, path: &str, body: &[u8], headers: &[(&str, &str)]) -> (u16, Vec<u8>) {
        let mut all: Vec<(String, String)> = vec![
            ("Host".into(), self.host()),
            ("X-Bantin-Token".into(), self.token.clone()),
            ("Origin".into(), format!("http://{}", self.host())),
        ];
        for (k, v) in headers {
            all.retain(|(name, _)| !name.eq_ignore_ascii_case(k));
            if !v.is_empty() {
                all.push((k.to_string(), v.to_string()));
            }
        }
        let mut request = format!("{method} {path} HTTP/1.0\r\n").into_bytes();
        for (k, v) in &all {
            request.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
        }
        request.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
        request.extend_from_slice(body);
        let (status, _, body) = exchange(self.port, &request);
        (status, body)
    }

    pub fn get(&self, path: &str) -> (u16, Value) {
        let (status, body) = self.call("GET", path, &[], &[]);
        (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
    }

    pub fn post(&self, path: &str, value: &Value) -> (u16, Value) {
        let body = value.to_string();
        let (status, body) = self.call("POST", path, body.as_bytes(), &[("Content-Type", "application/json")]);
        (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
    }
}

/// A path as the page writes it in a query.
fn query(path: &str) -> String {
    path.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_./".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn site() -> TestSite {
    TestSite::with(&[
        ("content/tin/_index.md", "---\ntitle: Tin tức\n---\n"),
        (
            "content/tin/ky-ket.md",
            // Written by hand: comments, an unusual key order, a list in brackets, CRLF-free.
            "---\n# Bài của phóng viên Lê Thúy\ntitle: Ký kết chương trình phối hợp\ntags: [giảm nghèo, MTTQ]   # hai từ khóa\ndate: 06/04/2023\nauthor: Lê Thúy\nnguon: Báo Ninh Bình\n---\n\nChiều ngày 6/4, hai cơ quan ký kết.\n",
        ),
        ("content/tin/b.md", &article("Bài B", "2023-04-05", "", "Bài thứ hai.")),
    ])
}

#[test]
fn only_the_editor_gets_in() {
    let site = site();
    let server = Server::start(&site, &[]);
    let editor = Editor::open(&server);
    assert!(editor.address.contains("/#ma="), "the printed address carries the token in its fragment");
    let before = std::fs::read(site.path("content/tin/ky-ket.md")).unwrap();
    // No token, a wrong one, or the token in a cookie (which browsers send to every port of
    // 127.0.0.1): the API is refused.
    let wrong = "0".repeat(32);
    let cookie = format!("bantin-soan-bai-{}={}", editor.port, editor.token);
    for headers in [
        vec![("X-Bantin-Token", "")],
        vec![("X-Bantin-Token", wrong.as_str())],
        vec![("X-Bantin-Token", ""), ("Cookie", cookie.as_str())],
    ] {
        assert_eq!(editor.call("GET", "/api/articles", &[], &headers).0, 403, "{headers:?}");
    }
    // A write from another origin (a previewed page, another site), even with the token:
    // refused, nothing written.
    let change = json!({ "path": "content/tin/ky-ket.md", "digest": "0", "edits": [{ "key": "title", "text": "Bị sửa" }], "body": null });
    for origin in
        [format!("http://127.0.0.1:{}", server.port), "https://evil.example".into(), "null".into(), String::new()]
    {
        let (status, _) = editor.call(
            "POST",
            "/api/save",
            change.to_string().as_bytes(),
            &[("Origin", &origin), ("Content-Type", "application/json")],
        );
        assert_eq!(status, 403, "origin {origin:?}");
    }
    // Another name for this machine (DNS rebinding): refused, the page too.
    let rebound = format!("evil.example:{}", editor.port);
    assert_eq!(editor.call("GET", "/api/articles", &[], &[("Host", &rebound)]).0, 403);
    assert_eq!(editor.call("GET", "/", &[], &[("Host", &rebound)]).0, 403);
    // Paths outside content/, or with `..`: refused.
    for bad in ["content/../site.yaml", "content/tin/../../x.md", "site.yaml", "/etc/passwd", "content/tin/a.txt"] {
        let (status, answer) = editor.get(&format!("/api/article?path={}", query(bad)));
        assert_eq!(status, 400, "{bad}: {answer}");
        let (status, _) = editor.post("/api/save", &json!({ "path": bad, "digest": "0", "edits": [], "body": "x" }));
        assert_eq!(status, 400, "{bad}");
    }
    assert_eq!(std::fs::read(site.path("content/tin/ky-ket.md")).unwrap(), before);
    assert!(!site.path("x.md").exists());
    // The editor's answers forbid framing and other origins' reads.
    let (_, head, _) = exchange(editor.port, format!("GET / HTTP/1.0\r\nHost: {}\r\n\r\n", editor.host()).as_bytes());
    assert!(head.contains("x-frame-options: deny") && head.contains("frame-ancestors 'none'"), "{head}");
    assert!(head.contains("cross-origin-resource-policy: same-origin"), "{head}");
}

#[cfg(unix)]
#[test]
fn links_out_of_content_are_neither_read_nor_written_nor_kept_in_history() {
    let site = site();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), "---\ntitle: Bí mật\n---\nmật khẩu\n").unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.md"), site.path("content/tin/leak.md")).unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path("content/linkdir")).unwrap();
    let server = Server::start(&site, &[]);
    let editor = Editor::open(&server);
    for path in ["content/tin/leak.md", "content/linkdir/secret.md"] {
        let (status, answer) = editor.get(&format!("/api/article?path={path}"));
        assert_ne!(status, 200, "{path}: {answer}");
        assert!(!answer.to_string().contains("mật khẩu"), "{answer}");
        let (status, _) = editor.post("/api/save", &json!({ "path": path, "digest": "0", "edits": [], "body": "x" }));
        assert_ne!(status, 200, "{path}");
    }
    assert!(!site.path(".bantin").exists(), "no history was kept of a file outside");
    assert_eq!(
        std::fs::read_to_string(outside.path().join("secret.md")).unwrap(),
        "---\ntitle: Bí mật\n---\nmật khẩu\n"
    );
}

#[test]
fn a_title_edit_changes_that_line_and_keeps_every_other_byte() {
    let site = site();
    let server = Server::start(&site, &[]);
    let editor = Editor::open(&server);
    let path = "content/tin/ky-ket.md";
    let (status, opened) = editor.get(&format!("/api/article?path={}", query(path)));
    assert_eq!(status, 200, "{opened}");
    assert_eq!(opened["fields"]["title"], "Ký kết chương trình phối hợp");
    assert_eq!(opened["fields"]["date"], "2023-04-06T00:00");
    assert_eq!(opened["fields"]["tags"], json!(["giảm nghèo", "MTTQ"]));
    assert_eq!(opened["other"][0]["key"], "nguon");
    // The list has its tags, which its search looks in.
    let (_, list) = editor.get("/api/articles");
    let row = list["articles"].as_array().unwrap().iter().find(|r| r["path"] == path).cloned().unwrap();
    assert_eq!(row["tags"], json!(["giảm nghèo", "MTTQ"]));
    let edit = json!({ "path": path, "digest": opened["digest"], "edits": [{ "key": "title", "text": "Ký kết: chương trình phối hợp giảm nghèo" }], "body": null });
    let (status, saved) = editor.post("/api/save", &edit);
    assert_eq!(status, 200, "{saved}");
    let after = std::fs::read_to_string(site.path(path)).unwrap();
    assert_eq!(
        after,
        "---\n# Bài của phóng viên Lê Thúy\ntitle: \"Ký kết: chương trình phối hợp giảm nghèo\"\ntags: [giảm nghèo, MTTQ]   # hai từ khóa\ndate: 06/04/2023\nauthor: Lê Thúy\nnguon: Báo Ninh Bình\n---\n\nChiều ngày 6/4, hai cơ quan ký kết.\n"
    );
    assert_ne!(saved["digest"], opened["digest"]);
    // The old text can be brought back (the test site is not a git repository: kept locally).
    let (_, history) = editor.get(&format!("/api/history?path={}", query(path)));
    assert_eq!(history["kind"], "local");
    let id = history["versions"][0]["id"].as_str().unwrap().to_string();
    let (status, _) = editor.post("/api/restore", &json!({ "path": path, "id": id }));
    assert_eq!(status, 200);
    assert!(std::fs::read_to_string(site.path(path)).unwrap().contains("title: Ký kết chương trình phối hợp\n"));
}

#[test]
fn a_file_changed_on_disk_since_it_was_opened_is_never_overwritten_in_silence() {
    let site = site();
    let server = Server::start(&site, &[]);
    let editor = Editor::open(&server);
    let path = "content/tin/b.md";
    let (_, opened) = editor.get(&format!("/api/article?path={path}"));
    // Someone else changes the file meanwhile.
    let theirs = article("Bài B", "2023-04-05", "", "Bản của người khác.");
    site.write(path, &theirs);
    let mine = json!({ "path": path, "digest": opened["digest"], "edits": [], "body": "\nBản của tôi.\n" });
    let (status, answer) = editor.post("/api/save", &mine);
    assert_eq!(status, 409, "{answer}");
    assert_eq!(answer["conflict"]["disk"], theirs.as_str());
    assert!(answer["conflict"]["mine"].as_str().unwrap().contains("Bản của tôi."));
    assert_eq!(std::fs::read_to_string(site.path(path)).unwrap(), theirs, "nothing written");
    // Keeping mine, knowingly: saved over the version seen.
    let keep = json!({ "path": path, "digest": answer["conflict"]["digest"], "edits": [], "body": "\nBản của tôi.\n" });
    assert_eq!(editor.post("/api/save", &keep).0, 200);
    assert!(std::fs::read_to_string(site.path(path)).unwrap().ends_with("---\n\nBản của tôi.\n"));
}

#[test]
fn the_preview_shows_unsaved_text_with_its_problems_at_the_field_and_writes_nothing() {
    let site = site();
    let server = Server::start(&site, &[]);
    let editor = Editor::open(&server);
    let path = "content/tin/b.md";
    let before = std::fs::read(site.path(path)).unwrap();
    let (_, opened) = editor.get(&format!("/api/article?path={path}"));
    let change = json!({ "path": path, "digest": opened["digest"], "edits": [{ "key": "title", "text": "Bài B đang sửa" }], "body": "\nĐoạn chưa lưu.\n" });
    let (status, answer) = editor.post("/api/preview", &change);
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["problems"], json!([]));
    let url = answer["url"].as_str().unwrap();
    let page = server.get(&format!("/{url}")).1;
    assert!(page.contains("Đoạn chưa lưu.") && page.contains("Bài B đang sửa"), "{page}");
    assert_eq!(std::fs::read(site.path(path)).unwrap(), before, "a preview writes nothing");
    // A date the build refuses: its problem is at the date field.
    let bad = json!({ "path": path, "digest": opened["digest"], "edits": [{ "key": "date", "text": "31/02/2023" }], "body": null });
    let (_, answer) = editor.post("/api/preview", &bad);
    let problem = &answer["problems"][0];
    assert_eq!(problem["field"], "date", "{answer}");
    assert!(problem["text"].as_str().unwrap().contains("31/02/2023"), "{answer}");
    // Dropped: the preview shows the file again.
    assert_eq!(editor.post("/api/discard", &json!({ "path": path })).0, 200);
    assert!(server.get("/tin/b/").1.contains("Bài thứ hai."));
}

#[test]
fn a_new_article_in_a_new_section_is_a_draft_the_preview_shows_marked() {
    let site = site();
    let server = Server::start(&site, &[]);
    let editor = Editor::open(&server);
    let (status, made) =
        editor.post("/api/new", &json!({ "title": "Lịch tiếp công dân tháng 12", "new_section": "Thông báo" }));
    assert_eq!(status, 200, "{made}");
    assert_eq!(made["path"], "content/thong-bao/lich-tiep-cong-dan-thang-12.md");
    assert!(
        std::fs::read_to_string(site.path("content/thong-bao/_index.md")).unwrap().contains("title: \"Thông báo\"")
    );
    let text = std::fs::read_to_string(site.path("content/thong-bao/lich-tiep-cong-dan-thang-12.md")).unwrap();
    assert!(text.contains("draft: true"), "{text}");
    let (_, list) = editor.get("/api/articles");
    let row = list["articles"].as_array().unwrap().iter().find(|r| r["path"] == made["path"]).cloned().unwrap();
    assert_eq!(row["state"], "draft");
    assert_eq!(row["section_name"], "Thông báo");
    let (status, page) = server.get("/thong-bao/lich-tiep-cong-dan-thang-12/");
    assert_eq!(status, 200);
    assert!(page.contains("id=\"bantin-unpublished\""), "the draft is marked as one");
    // On the lists too: its card says so.
    let list = server.get("/thong-bao/").1;
    assert!(list.contains("Lịch tiếp công dân tháng 12</a> <span class=\"draft-mark\">Bản nháp</span>"), "{list}");
    // The published site never has it.
    site.build_ok(&[]);
    assert!(!site.has_out("thong-bao/lich-tiep-cong-dan-thang-12/index.html"));
}

#[test]
fn photos_are_saved_beside_the_article_under_a_clean_name_or_refused_as_the_build_would() {
    let site = site();
    let server = Server::start(&site, &[]);
    let editor = Editor::open(&server);
    let photo = crate::photos::phone_photo(400, 300);
    let upload = |name: &str, bytes: &[u8]| {
        let (status, body) =
            editor.call("POST", &format!("/api/upload?path=content/tin/b.md&name={}", query(name)), bytes, &[]);
        (status, serde_json::from_slice::<Value>(&body).unwrap_or(Value::Null))
    };
    let (status, first) = upload("IMG_0042.JPG", &photo);
    assert_eq!(status, 200, "{first}");
    assert_eq!(first["file"], "img-0042.jpg");
    assert_eq!((first["width"].as_u64(), first["height"].as_u64()), (Some(300), Some(400)), "upright");
    let (_, second) = upload("IMG_0042.JPG", &photo);
    assert_eq!(second["file"], "img-0042-2.jpg", "never over another file");
    assert_eq!(std::fs::read(site.path("content/tin/img-0042.jpg")).unwrap(), photo);
    // Not inserted after all: the editor removes what its upload made, and nothing else.
    let (status, answer) =
        editor.post("/api/unused-upload", &json!({ "path": "content/tin/b.md", "file": "img-0042-2.jpg" }));
    assert_eq!((status, answer["removed"].clone()), (200, json!(true)));
    assert!(!site.path("content/tin/img-0042-2.jpg").exists());
    for file in ["ky-ket.md", "img-0042-2.jpg", "../tin/img-0042.jpg"] {
        let (_, answer) = editor.post("/api/unused-upload", &json!({ "path": "content/tin/b.md", "file": file }));
        assert_eq!(answer["removed"], json!(false), "{file}");
    }
    assert!(site.path("content/tin/ky-ket.md").exists() && site.path("content/tin/img-0042.jpg").exists());
    // Cut short, HEIC, not a photo: refused with what to do, nothing saved.
    let (status, cut) = upload("cut.jpg", &photo[..photo.len() / 2]);
    assert_eq!(status, 422, "{cut}");
    let (status, heic) = upload("IMG_1.HEIC", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic");
    assert_eq!(status, 422);
    assert!(heic["error"].as_str().unwrap().contains("HEIC"), "{heic}");
    let (status, _) = upload("x.jpg", b"<script>alert(1)</script>");
    assert_eq!(status, 422);
    assert!(!site.path("content/tin/cut.jpg").exists() && !site.path("content/tin/x.jpg").exists());
}

#[test]
fn in_a_git_repository_each_save_is_a_commit_of_that_file_alone() {
    let site = site();
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git").arg("-C").arg(site.root()).args(args).output().expect("git runs");
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    git(&["init", "-q"]);
    git(&["-c", "user.name=T", "-c", "user.email=t@example.org", "add", "-A"]);
    git(&["-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "first"]);
    // Another change the team has staged is not swept into the editor's commit.
    site.write("content/tin/c.md", &article("Bài C", "2023-04-07", "", "Chưa commit."));
    git(&["add", "content/tin/c.md"]);
    let server = Server::start(&site, &[]);
    let editor = Editor::open(&server);
    let path = "content/tin/b.md";
    let (_, opened) = editor.get(&format!("/api/article?path={path}"));
    let change = json!({ "path": path, "digest": opened["digest"], "edits": [{ "key": "title", "text": "Bài B đã sửa" }], "body": null });
    let (status, saved) = editor.post("/api/save", &change);
    assert_eq!(status, 200, "{saved}");
    assert!(saved["history"].as_str().unwrap().contains("git"), "{saved}");
    let log = git(&["log", "--format=%s", "--name-only", "-n", "1"]);
    assert!(log.starts_with("Soạn bài: Bài B đã sửa (content/tin/b.md)"), "{log}");
    assert!(!log.contains("c.md"), "{log}");
    assert_eq!(git(&["diff", "--cached", "--name-only"]).trim(), "content/tin/c.md");
    let (_, history) = editor.get(&format!("/api/history?path={path}"));
    assert_eq!(history["kind"], "git");
    assert_eq!(history["versions"].as_array().unwrap().len(), 2);
    // A file git ignores would have no history there: it is kept locally, and said so.
    site.write(".gitignore", "content/nhap/\n");
    site.write("content/nhap/a.md", &article("Nháp", "2023-04-08", "", "Bản một."));
    let server = Server::start(&site, &[]);
    let editor = Editor::open(&server);
    let path = "content/nhap/a.md";
    let (_, opened) = editor.get(&format!("/api/article?path={path}"));
    let change = json!({ "path": path, "digest": opened["digest"], "edits": [], "body": "\nBản hai.\n" });
    let (status, saved) = editor.post("/api/save", &change);
    assert_eq!(status, 200, "{saved}");
    assert!(!saved["history"].as_str().unwrap().contains("git"), "{saved}");
    let (_, history) = editor.get(&format!("/api/history?path={path}"));
    assert_eq!(history["kind"], "local");
    let id = history["versions"][0]["id"].as_str().unwrap();
    let kept = std::fs::read_to_string(site.path(&format!(".bantin/lich-su/{path}/{id}"))).unwrap();
    assert!(kept.contains("Bản một."), "{kept}");
}

#[test]
fn a_previewed_title_shows_on_its_page_at_once_and_everywhere_once_saved() {
    let site = site();
    let server = Server::start(&site, &[]);
    let editor = Editor::open(&server);
    let events = server.events();
    crate::serve::wait_for(&events, "ok");
    let path = "content/tin/ky-ket.md";
    let (_, opened) = editor.get(&format!("/api/article?path={path}"));
    let title = json!([{ "key": "title", "text": "Ký kết chương trình phối hợp năm 2023" }]);
    let change = json!({ "path": path, "digest": opened["digest"], "edits": title, "body": null });
    let (_, answer) = editor.post("/api/preview", &change);
    let url = format!("/{}", answer["url"].as_str().unwrap());
    assert!(server.get(&url).1.contains("năm 2023"));
    // Only the article's page is rendered for an unsaved text: lists wait for the save.
    assert!(!server.get("/").1.contains("năm 2023"));
    // Dropped: the page is as on disk again, and the lists never changed.
    editor.post("/api/discard", &json!({ "path": path }));
    assert!(!server.get(&url).1.contains("năm 2023"));
    // Previewed again, then saved: once the saved file is rebuilt, every list has it.
    editor.post("/api/preview", &change);
    let (status, _) = editor.post("/api/save", &change);
    assert_eq!(status, 200);
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while !server.get("/").1.contains("năm 2023") {
        assert!(std::time::Instant::now() < deadline, "the home page never had the saved title");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(server.get("/tin/").1.contains("năm 2023"));
    assert!(server.get(&url).1.contains("năm 2023"));
}

#[test]
fn the_publish_button_builds_and_sends_the_site_to_the_target_of_site_yaml() {
    let site = site();
    let target = tempfile::tempdir().unwrap();
    site.write(
        "site.yaml",
        &format!(
            "title: Bản tin\nbase_url: https://example.org/\ndeploy:\n  - {{ name: web, url: \"file://{}\" }}\n",
            target.path().display()
        ),
    );
    let server = Server::start(&site, &[]);
    let editor = Editor::open(&server);
    let (_, about) = editor.get("/api/site");
    assert_eq!(about["deploy"][0]["name"], "web", "{about}");
    let (status, _) = editor.post("/api/deploy", &json!({ "target": "web" }));
    assert_eq!(status, 200);
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    let status = loop {
        let (_, status) = editor.get("/api/deploy");
        if status["running"] == false && !status["result"].is_null() {
            break status;
        }
        assert!(std::time::Instant::now() < deadline, "the deploy never ended: {status}");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(status["result"]["ok"], true, "{status}");
    assert!(status["result"]["text"].as_str().unwrap().starts_with("Đã đăng lên"), "{status}");
    assert!(status["done"].as_u64().unwrap() > 10 && status["done"] == status["total"], "{status}");
    assert!(target.path().join("tin/ky-ket/index.html").is_file());
    // Drafts are in the preview, never in what is published.
    editor.post("/api/new", &json!({ "title": "Nháp chưa đăng", "section": "tin" }));
    editor.post("/api/deploy", &json!({ "target": "web" }));
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while editor.get("/api/deploy").1["running"] == true || editor.get("/api/deploy").1["result"].is_null() {
        assert!(std::time::Instant::now() < deadline);
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(!target.path().join("tin/nhap-chua-dang/index.html").exists());
}

#[test]
fn a_lead_photo_written_under_another_generators_key_is_the_forms_and_changed_there() {
    let site = site();
    site.write(
        "content/tin/jekyll.md",
        "---\nlayout: post\ntitle: Bài cũ\ndate: 2016-12-21\nthumbnail: anh-cu.jpg\n---\nThân bài.\n",
    );
    let server = Server::start(&site, &[]);
    let editor = Editor::open(&server);
    let path = "content/tin/jekyll.md";
    let (_, opened) = editor.get(&format!("/api/article?path={path}"));
    assert_eq!(opened["fields"]["image"], "anh-cu.jpg");
    let others: Vec<&str> = opened["other"].as_array().unwrap().iter().map(|o| o["key"].as_str().unwrap()).collect();
    assert_eq!(others, ["layout"], "thumbnail is the form's field, not a second one");
    let change = json!({ "path": path, "digest": opened["digest"], "edits": [{ "key": "image", "text": "anh-moi.jpg" }], "body": null });
    assert_eq!(editor.post("/api/save", &change).0, 200);
    assert_eq!(
        std::fs::read_to_string(site.path(path)).unwrap(),
        "---\nlayout: post\ntitle: Bài cũ\ndate: 2016-12-21\nthumbnail: anh-moi.jpg\n---\nThân bài.\n"
    );
}
