//! A real browser: headless Chromium (Debian's `chromium`), driven over the DevTools protocol.
//!
//! Without Chromium the tests say so and pass, except in CI (`CI=true`), where `.ci/run`
//! installs it and its absence is a failure.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// A headless Chromium showing one page.
pub struct Browser {
    child: Child,
    socket: tungstenite::WebSocket<TcpStream>,
    next_id: u64,
    _profile: tempfile::TempDir,
    /// The messages of the `alert`/`confirm`/`beforeunload` dialogs accepted so far (see
    /// [`Browser::accept_dialogs`]).
    pub dialogs: Vec<String>,
    accepting: bool,
}

fn chromium() -> Option<&'static str> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
}

impl Browser {
    /// Opens `url`; `None` (with a notice) when there is no Chromium outside CI.
    pub fn open(url: &str) -> Option<Browser> {
        let Some(bin) = chromium() else {
            assert!(std::env::var("CI").is_err(), "CI must have Chromium: .ci/run installs it");
            eprintln!("skipped: no Chromium on this machine (apt-get install chromium)");
            return None;
        };
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(bin)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
                "--remote-allow-origins=*",
                "--window-size=1280,900",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(url)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("chromium starts");
        let stderr = BufReader::new(child.stderr.take().unwrap());
        let mut port = None;
        for line in stderr.lines().map_while(Result::ok) {
            if let Some(rest) = line.split("ws://127.0.0.1:").nth(1) {
                port = rest.split('/').next().and_then(|p| p.parse::<u16>().ok());
                break;
            }
        }
        let port = port.expect("Chromium prints its DevTools address");
        let deadline = Instant::now() + Duration::from_secs(20);
        let ws_url = loop {
            let targets: Value = serde_json::from_str(&http_get(port, "/json/list")).unwrap_or(json!([]));
            let page = targets.as_array().and_then(|t| t.iter().find(|t| t["type"] == "page").cloned());
            if let Some(url) = page.and_then(|p| p["webSocketDebuggerUrl"].as_str().map(str::to_string)) {
                break url;
            }
            assert!(Instant::now() < deadline, "Chromium opened no page");
            std::thread::sleep(Duration::from_millis(100));
        };
        let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        // A page that never answers (a dialog left open, a hung script) fails the test, in time.
        stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let (socket, _) = tungstenite::client(ws_url.as_str(), stream).expect("DevTools websocket");
        Some(Browser { child, socket, next_id: 1, _profile: profile, dialogs: Vec::new(), accepting: false })
    }

    /// Evaluates a JavaScript expression in the page; its value.
    pub fn eval(&mut self, expression: &str) -> Value {
        let result = self.call("Runtime.evaluate", json!({"expression": expression, "returnByValue": true}));
        result["result"]["value"].clone()
    }

    /// Sends a DevTools command; its result.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let msg = json!({"id": id, "method": method, "params": params});
        self.socket.send(tungstenite::Message::text(msg.to_string())).unwrap();
        loop {
            let reply = self.socket.read().expect("DevTools answers");
            let Ok(text) = reply.to_text() else { continue };
            let Ok(v) = serde_json::from_str::<Value>(text) else { continue };
            if v["id"] == id {
                return v["result"].clone();
            }
            if self.accepting && v["method"] == "Page.javascriptDialogOpening" {
                // The editor presses OK: the page goes on, the command waited for answers.
                self.dialogs.push(v["params"]["message"].as_str().unwrap_or_default().to_string());
                let answer = json!({"id": 0, "method": "Page.handleJavaScriptDialog", "params": {"accept": true}});
                self.socket.send(tungstenite::Message::text(answer.to_string())).unwrap();
            }
        }
    }

    /// From now on, every `alert`, `confirm` or "leave this page?" dialog is answered OK, and
    /// its message kept in [`Browser::dialogs`].
    pub fn accept_dialogs(&mut self) {
        self.call("Page.enable", json!({}));
        self.accepting = true;
    }

    /// Evaluates an expression that may give a promise; its value, or a panic with the
    /// exception the page threw.
    pub fn eval_async(&mut self, expression: &str) -> Value {
        let result = self
            .call("Runtime.evaluate", json!({"expression": expression, "returnByValue": true, "awaitPromise": true}));
        assert!(result["exceptionDetails"].is_null(), "the page threw: {}", result["exceptionDetails"]);
        result["result"]["value"].clone()
    }

    /// Goes to `url` in the same tab (same profile: cookies and localStorage stay).
    pub fn navigate(&mut self, url: &str) {
        let result = self.call("Page.navigate", json!({ "url": url }));
        assert!(result["errorText"].is_null(), "navigating to {url}: {result}");
    }

    /// Gives the file input matched by `selector` these files, as picking them would.
    pub fn set_files(&mut self, selector: &str, files: &[&std::path::Path]) {
        let root = self.call("DOM.getDocument", json!({"depth": 0}));
        let node = self.call("DOM.querySelector", json!({"nodeId": root["root"]["nodeId"], "selector": selector}));
        let id = node["nodeId"].as_u64().filter(|&n| n != 0).unwrap_or_else(|| panic!("no {selector} in the page"));
        let files: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
        let result = self.call("DOM.setFileInputFiles", json!({"nodeId": id, "files": files}));
        assert!(result.is_object(), "{result}");
    }

    /// Waits until `expression` is true in the page.
    pub fn wait_until(&mut self, expression: &str, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if self.eval(expression) == json!(true) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("the page never showed {what}");
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn http_get(port: u16, path: &str) -> String {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else { return String::new() };
    let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    let mut text = String::new();
    let _ = s.read_to_string(&mut text);
    text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default()
}

mod live_reload {
    use super::Browser;
    use crate::serve::Server;
    use crate::util::{TestSite, article};

    #[test]
    fn a_saved_edit_shows_in_the_open_page_without_reloading_it_by_hand() {
        let site = TestSite::with(&[("content/tin/a.md", &article("Bài A", "2023-04-06", "", "Bản cũ của bài."))]);
        let server = Server::start(&site, &[]);
        let Some(mut browser) = Browser::open(&format!("http://127.0.0.1:{}/tin/a/", server.port)) else { return };
        browser.wait_until("document.documentElement.dataset.bantinLive === '1'", "the live-reload connection");
        assert_eq!(browser.eval("document.body.innerText.includes('Bản cũ của bài.')"), serde_json::json!(true));
        std::fs::write(site.path("content/tin/a.md"), article("Bài A", "2023-04-06", "", "Bản mới của bài.")).unwrap();
        browser.wait_until("document.body.innerText.includes('Bản mới của bài.')", "the new text");
        // A broken save shows the overlay in the open page; the fix removes it.
        std::fs::write(site.path("content/tin/a.md"), "---\ntitle: Bài A\ndate: 2023-13-06\n---\n").unwrap();
        browser.wait_until("!!document.getElementById('bantin-problems')", "the problem overlay");
        let overlay = browser.eval("document.getElementById('bantin-problems').innerText");
        assert!(overlay.as_str().unwrap_or_default().contains("content/tin/a.md:3:7"), "{overlay}");
        std::fs::write(site.path("content/tin/a.md"), article("Bài A", "2023-04-06", "", "Đã sửa lỗi.")).unwrap();
        browser.wait_until(
            "!document.getElementById('bantin-problems') && document.body.innerText.includes('Đã sửa lỗi.')",
            "the fixed page",
        );
    }
}

mod embeds {
    use super::Browser;
    use crate::serve::Server;
    use crate::util::{TestSite, article};
    use serde_json::json;

    #[test]
    fn a_video_loads_its_player_only_when_the_reader_presses_the_still() {
        let site = TestSite::with(&[(
            "content/tin/a.md",
            &article(
                "Bài A",
                "2023-04-06",
                "",
                "Mở đầu.\n\n{{< youtube dQw4w9WgXcQ title=\"Hội nghị\" >}}\n\nKết thúc.",
            ),
        )]);
        let server = Server::start(&site, &[]);
        let origin = format!("http://127.0.0.1:{}", server.port);
        let Some(mut browser) = Browser::open(&format!("{origin}/tin/a/")) else { return };
        browser.wait_until(
            "document.readyState === 'complete' && !!document.querySelector('script[src$=\"embeds.js\"]')",
            "the page and its script",
        );
        // Everything the page loaded so far came from the site itself.
        let elsewhere = format!(
            "performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith('{origin}/'))"
        );
        assert_eq!(browser.eval(&elsewhere), json!([]), "a request left the site before the click");
        assert_eq!(browser.eval("document.querySelectorAll('iframe').length"), json!(0));
        // Without the script the still is a link to the video.
        assert_eq!(
            browser.eval("document.querySelector('a.embed__still').href"),
            json!("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
        );
        browser.eval("document.querySelector('a.embed__still').click()");
        browser.wait_until("!!document.querySelector('iframe.embed__frame')", "the player's frame");
        assert_eq!(
            browser.eval("document.querySelector('iframe.embed__frame').src"),
            json!("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1")
        );
        assert_eq!(browser.eval("document.querySelector('iframe.embed__frame').title"), json!("Hội nghị"));
        assert_eq!(browser.eval("location.pathname"), json!("/tin/a/"), "the page did not follow the link");
        // The share row's print button, which needs the script, is shown by it.
        assert_eq!(browser.eval("document.querySelector('.share [data-print]').hidden"), json!(false));
    }
}

mod menu {
    use super::Browser;
    use crate::serve::Server;
    use crate::util::{TestSite, article};
    use serde_json::json;

    /// Whether every address of the menu has a link on screen, inside the window's width and
    /// not covered by anything (what a reader can click).
    const ALL_SHOWN: &str = "(() => { const links = [...document.querySelectorAll('.nav__list a')]; const shown = a => { const r = a.getBoundingClientRect(); if (!(r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= innerWidth)) return false; const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2); return !!top && top.closest('a') === a; }; return [...new Set(links.map(a => a.href))].every(h => links.some(a => a.href === h && shown(a))); })()";

    #[test]
    fn every_section_can_be_reached_from_the_menu_on_a_phone_and_a_desktop() {
        let mut files: Vec<(String, String)> = Vec::new();
        let names = [
            ("tin-tuc-su-kien", "Tin tức - Sự kiện"),
            ("chinh-sach-phap-luat", "Chính sách pháp luật"),
            ("giam-ngheo-ben-vung", "Giảm nghèo bền vững"),
            ("mat-tran-to-quoc", "Mặt trận Tổ quốc"),
            ("van-hoa-the-thao", "Văn hóa - Thể thao"),
            ("kinh-te", "Kinh tế"),
            ("xa-hoi", "Xã hội"),
            ("guong-nguoi-tot", "Gương người tốt"),
            ("hoi-dap", "Hỏi đáp"),
            ("thong-bao", "Thông báo"),
        ];
        for (dir, name) in names {
            files.push((format!("content/{dir}/_index.md"), format!("---\ntitle: {name}\n---\n")));
            for i in 1..=4 {
                let body = "Nội dung của bài viết, đủ dài cho một dòng tóm tắt trên trang chủ.";
                files.push((
                    format!("content/{dir}/bai-{i}.md"),
                    article(&format!("Bài {i} của {name}"), &format!("2023-04-0{i}"), "", body),
                ));
            }
        }
        let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let site = TestSite::with(&refs);
        let server = Server::start(&site, &[]);
        let Some(mut browser) = Browser::open(&format!("http://127.0.0.1:{}/", server.port)) else { return };
        browser.wait_until("document.readyState === 'complete'", "the page");
        assert_eq!(
            browser.eval("new Set([...document.querySelectorAll('.nav__list a')].map(a => a.href)).size"),
            json!(11)
        );
        // 1280 px: one line of menu, the sections that do not fit are under "Thêm".
        let bar = browser.eval("document.querySelector('.nav__list').getBoundingClientRect().height");
        assert!(bar.as_f64().is_some_and(|h| h < 60.0), "the menu is one line at 1280 px: {bar}");
        assert_eq!(browser.eval(ALL_SHOWN), json!(false), "some sections are under Thêm");
        browser.eval("document.querySelector('.nav__more summary').click()");
        browser.wait_until(ALL_SHOWN, "1280 px: every item shown once Thêm is open");
        browser.eval("document.body.click()");
        browser.wait_until("!document.querySelector('.nav__more details').open", "Thêm closes on a click elsewhere");
        // A tablet in landscape: the bar wraps, "Thêm" starts the second row, and its list
        // still opens on screen.
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": 1000, "height": 800, "deviceScaleFactor": 1, "mobile": false}),
        );
        browser.wait_until("innerWidth === 1000", "a tablet's width");
        browser.eval("document.querySelector('.nav__more summary').click()");
        browser.wait_until(ALL_SHOWN, "1000 px: every item shown once Thêm is open");
        browser.eval("document.body.click()");
        assert_eq!(browser.eval("document.documentElement.scrollWidth <= innerWidth"), json!(true));
        // The home page of 40 articles: a lead, sub-leads and the newest, then the sections'
        // blocks within about three screens (not a wall of cards and a pager).
        let blocks = browser.eval("document.querySelector('.block').getBoundingClientRect().top + scrollY");
        assert!(blocks.as_f64().is_some_and(|y| y < 3.2 * 900.0), "section blocks start at {blocks}");
        assert_eq!(browser.eval("document.querySelectorAll('.lead article, .lead .card').length"), json!(5));
        assert_eq!(browser.eval("!!document.querySelector('main .pager, .content > section .pager')"), json!(false));
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": true}),
        );
        browser.wait_until("innerWidth === 390", "the phone's width");
        assert_eq!(
            browser.eval("document.querySelector('.nav__list a').getBoundingClientRect().height"),
            json!(0),
            "closed drawer"
        );
        browser.eval("document.querySelector('.nav__button').click()");
        browser.wait_until(ALL_SHOWN, "every item in the open drawer");
        assert_eq!(
            browser.eval("document.documentElement.scrollWidth <= innerWidth"),
            json!(true),
            "no sideways scroll"
        );
    }
}
