//! Soạn bài in a real browser: `bantin serve` on a small site, its printed address opened in
//! headless Chromium (the page keeps the token of its fragment), and the page driven as an
//! editor drives it: typing through an input method, clicking, picking a file. What counts is
//! what ends up on disk and in the preview. (The same requests without a browser: `editor.rs`.)
//!
//! Without Chromium, or without axe-core for the accessibility test, the tests say "skipped"
//! and pass, except in CI (`CI` set), where `.ci/run` installs both.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::browser::Browser;
use crate::serve::Server;
use crate::util::{TestSite, article};

/// A file written by hand: a comment, keys in an unusual order, a list in brackets with a
/// comment after it, a date as editors write it, a key the form does not know.
const HAND_WRITTEN: &str = "---\n# Bài của phóng viên Lê Thúy\ntitle: Ký kết chương trình phối hợp\ntags: [giảm nghèo, MTTQ]   # hai từ khóa\ndate: 06/04/2023\nauthor: Lê Thúy\nnguon: Báo Ninh Bình\n---\n\nChiều ngày 6/4, hai cơ quan ký kết.\n";

fn site() -> TestSite {
    let crlf = HAND_WRITTEN.replace('\n', "\r\n");
    TestSite::with(&[
        ("content/tin/_index.md", "---\ntitle: Tin tức\n---\n"),
        ("content/thong-bao/_index.md", "---\ntitle: Thông báo\n---\n"),
        ("content/tin/ky-ket.md", HAND_WRITTEN),
        ("content/thong-bao/ky-ket-crlf.md", &crlf),
        ("content/tin/b.md", &article("Bài B", "2023-04-05", "", "Bài thứ hai.")),
    ])
}

/// A JavaScript string literal of `s`.
fn lit(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// The editor of a running server, open in Chromium on the list of articles.
struct Session {
    server: Server,
    browser: Browser,
    /// `http://127.0.0.1:<editor port>`.
    origin: String,
}

/// Starts `bantin serve` on `site` and opens its printed address; `None` without Chromium.
fn open(site: &TestSite) -> Option<Session> {
    let server = Server::start(site, &[]);
    let address = server.editor_address();
    let mut browser = Browser::open(&address)?;
    browser.accept_dialogs();
    wait_for_list(&mut browser);
    Some(Session { server, browser, origin: origin_of(&address) })
}

fn origin_of(address: &str) -> String {
    address.split('/').take(3).collect::<Vec<_>>().join("/")
}

fn wait_for_list(b: &mut Browser) {
    b.wait_until(
        "location.pathname === '/' && !!window.SoanBai && !!SoanBai.state.site && !document.getElementById('view-list').hidden && document.querySelectorAll('#list-body tr').length > 0",
        "the list of articles",
    );
}

/// Clicks the element `selector` with the mouse, at its middle; it must be what is on top there.
fn click(b: &mut Browser, selector: &str) {
    let at = b.eval(&format!(
        "(() => {{ const e = document.querySelector({0}); if (!e) return 'missing'; e.scrollIntoView({{block: 'center'}}); const r = e.getBoundingClientRect(); const x = r.left + r.width / 2, y = r.top + r.height / 2; const top = document.elementFromPoint(x, y); if (!top || !(top === e || e.contains(top))) return 'covered by ' + (top ? top.outerHTML.slice(0, 120) : 'nothing'); return [x, y]; }})()",
        lit(selector)
    ));
    let (Some(x), Some(y)) = (at[0].as_f64(), at[1].as_f64()) else { panic!("cannot click {selector}: {at}") };
    for kind in ["mouseMoved", "mousePressed", "mouseReleased"] {
        b.call(
            "Input.dispatchMouseEvent",
            json!({"type": kind, "x": x, "y": y, "button": "left", "buttons": if kind == "mousePressed" { 1 } else { 0 }, "clickCount": 1}),
        );
    }
}

/// Clicks the button whose text is `text` inside `scope`.
fn click_button(b: &mut Browser, scope: &str, text: &str) {
    let found = b.eval(&format!(
        "(() => {{ const btn = [...document.querySelectorAll({0} + ' button')].find(x => x.textContent.trim() === {1}); if (!btn) return false; document.querySelectorAll('[data-test-target]').forEach(x => x.removeAttribute('data-test-target')); btn.setAttribute('data-test-target', ''); return true; }})()",
        lit(scope),
        lit(text)
    ));
    assert_eq!(found, json!(true), "no button “{text}” in {scope}");
    click(b, "[data-test-target]");
}

/// Typed text arriving at the focused field, as a keyboard's or an input method's commit.
fn type_text(b: &mut Browser, text: &str) {
    b.call("Input.insertText", json!({ "text": text }));
}

/// One word typed with Telex: the input method shows each step as a composition (underlined
/// in the field), then commits the word.
fn compose(b: &mut Browser, steps: &[&str]) {
    for step in steps {
        let n = step.encode_utf16().count();
        b.call("Input.imeSetComposition", json!({"text": step, "selectionStart": n, "selectionEnd": n}));
    }
    type_text(b, steps.last().unwrap());
}

/// Enter, as a keyboard sends it (keydown, keypress, keyup).
fn press_enter(b: &mut Browser) {
    let key = json!({"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "nativeVirtualKeyCode": 13});
    let mut down = key.clone();
    down["type"] = json!("keyDown");
    down["text"] = json!("\r");
    b.call("Input.dispatchKeyEvent", down);
    let mut up = key;
    up["type"] = json!("keyUp");
    b.call("Input.dispatchKeyEvent", up);
}

/// Focuses a field, with the caret at its end.
fn focus_end(b: &mut Browser, id: &str) {
    b.eval(&format!(
        "(() => {{ const e = document.getElementById({0}); e.focus(); e.setSelectionRange(e.value.length, e.value.length); }})()",
        lit(id)
    ));
}

fn value(b: &mut Browser, id: &str) -> Value {
    b.eval(&format!("document.getElementById({}).value", lit(id)))
}

/// Opens the article at `path` from the list, by its title's link. The list may draw its rows
/// again just after it shows (its data comes back): a click on a row being replaced is lost,
/// so it is made again, a few times, until the article opens.
fn open_from_list(b: &mut Browser, path: &str) {
    let opened = format!(
        "!document.getElementById('view-article').hidden && !!SoanBai.state.art && SoanBai.state.art.path === {} && !!SoanBai.state.art.opened",
        lit(path)
    );
    for _ in 0..3 {
        click(b, &format!("#list-body tr[data-path={}] a", lit(path)));
        let deadline = std::time::Instant::now() + Duration::from_secs(8);
        while std::time::Instant::now() < deadline {
            if b.eval(&opened) == json!(true) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    wait_for_article(b, path);
}

fn wait_for_article(b: &mut Browser, path: &str) {
    b.wait_until(
        &format!(
            "!document.getElementById('view-article').hidden && !!SoanBai.state.art && SoanBai.state.art.path === {} && !!SoanBai.state.art.opened",
            lit(path)
        ),
        &format!("the article {path}"),
    );
}

/// Presses "Lưu" and waits for the page to say it saved.
fn save(b: &mut Browser) {
    click(b, "#save-btn");
    b.wait_until(
        "!SoanBai.state.saving && document.getElementById('save-status').textContent.startsWith('Đã lưu') || document.getElementById('save-error').textContent !== ''",
        "the save's outcome",
    );
    assert_eq!(b.eval("document.getElementById('save-error').textContent"), json!(""), "the save failed");
}

fn read(site: &TestSite, rel: &str) -> String {
    std::fs::read_to_string(site.path(rel)).unwrap()
}

/// Waits until `check` holds for the file at `rel`.
fn wait_for_file(site: &TestSite, rel: &str, what: &str, check: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let text = std::fs::read_to_string(site.path(rel)).unwrap_or_default();
        if check(&text) {
            return text;
        }
        assert!(Instant::now() < deadline, "{rel} never had {what}: {text}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Counts the input method's finished compositions, wherever they happen in the page.
const COUNT_COMPOSITIONS: &str =
    "window.compositions = 0; document.addEventListener('compositionend', () => { window.compositions++; }, true)";

#[test]
fn a_new_article_typed_through_an_input_method_with_tags_and_a_phone_photo() {
    let site = site();
    let Some(Session { server, mut browser, origin: _ }) = open(&site) else { return };
    let b = &mut browser;
    click(b, "#new-btn");
    b.wait_until("document.activeElement && document.activeElement.id === 'new-title'", "the new article's dialog");
    b.eval(COUNT_COMPOSITIONS);
    // "Lịch tiếp công dân tháng 12" typed with Telex: each word composed, then committed.
    let words: [&[&str]; 5] = [
        &["L", "Li", "Lij", "Lị", "Lịc", "Lịch"],
        &["t", "ti", "tie", "tiê", "tiêp", "tiếp"],
        &["c", "co", "cô", "côn", "công"],
        &["d", "da", "dâ", "dân"],
        &["t", "th", "tha", "than", "thang", "tháng"],
    ];
    for word in words {
        compose(b, word);
        type_text(b, " ");
    }
    type_text(b, "12");
    let title = "Lịch tiếp công dân tháng 12";
    assert_eq!(value(b, "new-title"), json!(title));
    assert_eq!(b.eval("window.compositions"), json!(5), "each word went through the input method");
    assert_eq!(b.eval(&format!("{0}.normalize('NFC') === {0}", lit(title))), json!(true), "the expected title is NFC");
    b.eval("(() => { const s = document.getElementById('new-section'); s.value = 'thong-bao'; s.dispatchEvent(new Event('change', {bubbles: true})); })()");
    click(b, "dialog[open] button[type=submit]");
    let path = "content/thong-bao/lich-tiep-cong-dan-thang-12.md";
    wait_for_article(b, path);
    assert_eq!(value(b, "f-title"), json!(title));
    assert_eq!(b.eval("document.querySelectorAll('dialog[open]').length"), json!(0));

    // Tags through the input method. Enter while a word is being composed belongs to the input
    // method: no chip, and no save of the form either.
    focus_end(b, "f-tags");
    compose(b, &["g", "gi", "gia", "giam", "giảm"]);
    type_text(b, " ");
    for step in ["n", "ng", "ngh", "nghe", "nghè", "nghèo"] {
        let n = step.encode_utf16().count();
        b.call("Input.imeSetComposition", json!({"text": step, "selectionStart": n, "selectionEnd": n}));
    }
    for code in [229, 13] {
        let key = json!({"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": code, "nativeVirtualKeyCode": code});
        let mut down = key.clone();
        down["type"] = json!("rawKeyDown");
        b.call("Input.dispatchKeyEvent", down);
        let mut up = key;
        up["type"] = json!("keyUp");
        b.call("Input.dispatchKeyEvent", up);
    }
    assert_eq!(b.eval("document.querySelectorAll('#chip-list li').length"), json!(0), "Enter while composing");
    type_text(b, "nghèo");
    assert_eq!(value(b, "f-tags"), json!("giảm nghèo"));
    assert_eq!(b.eval("document.querySelectorAll('#chip-list li').length"), json!(0));
    press_enter(b);
    compose(b, &["x", "xa", "xã"]);
    type_text(b, " ");
    compose(b, &["h", "ho", "hô", "hôi", "hội"]);
    press_enter(b);
    assert_eq!(
        b.eval("[...document.querySelectorAll('#chip-list li span')].map(s => s.textContent)"),
        json!(["giảm nghèo", "xã hội"])
    );
    assert_eq!(value(b, "f-tags"), json!(""));
    assert_eq!(b.eval("document.getElementById('save-status').textContent"), json!("Có thay đổi chưa lưu"));
    assert!(!read(&site, path).contains("giảm"), "Enter in the tags saved nothing");

    // The body: a sentence, then a photo from a phone, uploaded by the toolbar's file picker.
    b.eval("(() => { const t = document.getElementById('f-body'); t.focus(); t.select(); })()");
    type_text(b, "Ban tiếp công dân thông báo lịch tiếp dân tháng 12.\n");
    let folder = tempfile::tempdir().unwrap();
    let photo = crate::photos::phone_photo(4000, 3000);
    let picked = folder.path().join("IMG_0042.JPG");
    std::fs::write(&picked, &photo).unwrap();
    focus_end(b, "f-body");
    b.set_files(".toolbar input[type=file]", &[&picked]);
    b.wait_until(
        "!!document.querySelector('dialog[open]') && document.querySelector('dialog[open] h2').textContent.includes('img-0042.jpg') && document.activeElement.closest('dialog[open]') !== null",
        "the photo's description dialog",
    );
    compose(b, &["Q", "Qu", "Qua", "Quan", "Quang"]);
    type_text(b, " ");
    compose(b, &["c", "ca", "can", "canh", "cảnh"]);
    type_text(b, " tiếp dân");
    click(b, "dialog[open] button[type=submit]");
    b.wait_until(
        "document.getElementById('f-body').value.includes('![Quang cảnh tiếp dân](img-0042.jpg)')",
        "the photo in the body",
    );
    save(b);

    // The front matter as `bantin new` wrote it, with the tags the form added and the first
    // photo as the lead photo; the body as typed.
    let text = read(&site, path);
    let date = text.lines().nth(2).unwrap();
    assert!(date.starts_with("date: 20") && date.len() == "date: 2023-12-01T08:30:00+07:00".len(), "{text}");
    assert_eq!(
        text.replace(date, "date: …"),
        format!(
            "---\ntitle: \"{title}\"\ndate: …\nauthor: \"\"\ntags: [giảm nghèo, xã hội]\nsummary: \"\"\nimage: \"img-0042.jpg\"\nimage_caption: \"\"\ndraft: true\n---\nBan tiếp công dân thông báo lịch tiếp dân tháng 12.\n\n![Quang cảnh tiếp dân](img-0042.jpg)\n"
        )
    );
    assert_eq!(std::fs::read(site.path("content/thong-bao/img-0042.jpg")).unwrap(), photo, "the photo beside it");

    // Once the saved file is rebuilt, the preview shows the photo in its sizes.
    let url = "/thong-bao/lich-tiep-cong-dan-thang-12/";
    let deadline = Instant::now() + Duration::from_secs(30);
    let page = loop {
        let (status, page) = server.get(url);
        if status == 200 && page.contains("480w") && page.contains("Quang cảnh tiếp dân") {
            break page;
        }
        assert!(Instant::now() < deadline, "the preview never showed the photo: {page}");
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(page.contains("800w") && page.contains("img-0042"), "{page}");
    browser.navigate(&format!("http://127.0.0.1:{}{url}", server.port));
    let b = &mut browser;
    b.wait_until(
        "document.readyState === 'complete' && [...document.images].some(i => i.alt === 'Quang cảnh tiếp dân' && i.complete && i.naturalWidth > 0)",
        "the photo loaded in the preview",
    );
    let shown = b.eval(
        "(() => { const i = [...document.images].find(i => i.alt === 'Quang cảnh tiếp dân'); return { picture: !!i.closest('picture'), srcset: i.srcset || [...(i.closest('picture') || i).querySelectorAll('source')].map(s => s.srcset).join(', '), w: i.naturalWidth, h: i.naturalHeight, src: i.currentSrc }; })()",
    );
    let srcset = shown["srcset"].as_str().unwrap_or_default();
    assert!(srcset.contains("480w") && srcset.contains("800w"), "{shown}");
    let (w, h) = (shown["w"].as_u64().unwrap(), shown["h"].as_u64().unwrap());
    assert!(h > w, "the phone's photo stands upright: {shown}");
}

#[test]
fn a_title_edited_in_the_form_changes_that_line_of_a_hand_written_file_alone() {
    let site = site();
    let Some(Session { server: _server, mut browser, .. }) = open(&site) else { return };
    let b = &mut browser;
    for (path, eol) in [("content/tin/ky-ket.md", "\n"), ("content/thong-bao/ky-ket-crlf.md", "\r\n")] {
        open_from_list(b, path);
        assert_eq!(value(b, "f-title"), json!("Ký kết chương trình phối hợp"));
        assert_eq!(
            b.eval("[...document.querySelectorAll('#chip-list li span')].map(s => s.textContent)"),
            json!(["giảm nghèo", "MTTQ"])
        );
        assert_eq!(b.eval("document.querySelector('#other-fields [data-key=nguon]').value"), json!("Báo Ninh Bình"));
        b.eval("(() => { const t = document.getElementById('f-title'); t.focus(); t.select(); })()");
        type_text(b, "Ký kết chương trình phối hợp năm 2023");
        if eol == "\n" {
            save(b);
        } else {
            // Ctrl+S, from the title field, saves too.
            for kind in ["rawKeyDown", "keyUp"] {
                b.call(
                    "Input.dispatchKeyEvent",
                    json!({"type": kind, "key": "s", "code": "KeyS", "windowsVirtualKeyCode": 83, "modifiers": 2}),
                );
            }
            b.wait_until("document.getElementById('save-status').textContent.startsWith('Đã lưu')", "saved by Ctrl+S");
        }
        let expected = HAND_WRITTEN
            .replace("title: Ký kết chương trình phối hợp\n", "title: Ký kết chương trình phối hợp năm 2023\n")
            .replace('\n', eol);
        assert_eq!(read(&site, path), expected, "{path}");
        click(b, "#view-article a.back");
        wait_for_list(b);
    }
}

#[test]
fn a_file_changed_on_disk_meanwhile_shows_both_texts_and_the_editor_chooses() {
    let site = site();
    let Some(Session { server: _server, mut browser, .. }) = open(&site) else { return };
    let b = &mut browser;
    let path = "content/tin/b.md";
    open_from_list(b, path);
    focus_end(b, "f-body");
    type_text(b, "Đoạn thêm của tôi.");
    let theirs = article("Bài B", "2023-04-05", "", "Bản của người khác.");
    site.write(path, &theirs);
    click(b, "#save-btn");
    b.wait_until("!!document.querySelector('dialog[open] #conflict-disk')", "the conflict dialog");
    assert_eq!(value(b, "conflict-disk"), json!(theirs));
    let mine = value(b, "conflict-mine").as_str().unwrap().to_string();
    assert_eq!(mine, "---\ntitle: \"Bài B\"\ndate: 2023-04-05\n---\nBài thứ hai.\nĐoạn thêm của tôi.");
    assert_eq!(read(&site, path), theirs, "nothing written yet");
    click_button(b, "dialog[open]", "Giữ bản của tôi");
    // Saved as shown, with the file's final line end kept.
    wait_for_file(&site, path, "my text", |t| t == format!("{mine}\n"));
    b.wait_until("document.getElementById('save-status').textContent.startsWith('Đã lưu')", "saved");

    // Again, and this time the disk's version wins: the form shows it.
    focus_end(b, "f-body");
    type_text(b, "\nThêm lần hai.");
    let third = article("Bài B", "2023-04-05", "", "Bản thứ ba trên đĩa.");
    site.write(path, &third);
    click(b, "#save-btn");
    b.wait_until("!!document.querySelector('dialog[open] #conflict-disk')", "the conflict dialog again");
    assert_eq!(value(b, "conflict-disk"), json!(third));
    click_button(b, "dialog[open]", "Dùng bản trên đĩa");
    b.wait_until(
        "!document.querySelector('dialog[open]') && document.getElementById('f-body').value === 'Bản thứ ba trên đĩa.\\n'",
        "the disk's version in the form",
    );
    assert_eq!(b.dialogs.last().map(String::as_str), Some("Dùng bản trên đĩa và bỏ mọi thay đổi chưa lưu của bạn?"));
    assert_eq!(b.eval("document.getElementById('save-status').textContent"), json!(""), "nothing unsaved");
    assert_eq!(read(&site, path), third);
}

#[test]
fn the_toolbar_a_paste_from_word_and_an_empty_title_work_as_editors_expect() {
    let site = site();
    let Some(Session { server: _server, mut browser, .. }) = open(&site) else { return };
    let b = &mut browser;
    let path = "content/tin/b.md";
    let before = read(&site, path);
    open_from_list(b, path);
    // Back, once the preview shows the article, goes back to the list (the preview's frame
    // adds nothing to the tab's history).
    b.wait_until(
        "(document.getElementById('preview-frame').getAttribute('src') || '').includes('/tin/b/')",
        "the article in the preview",
    );
    std::thread::sleep(Duration::from_millis(500));
    for _ in 0..2 {
        b.eval("history.back()");
        wait_for_list(b);
        open_from_list(b, path);
        b.wait_until(
            "(document.getElementById('preview-frame').getAttribute('src') || '').includes('/tin/b/')",
            "the article in the preview",
        );
        std::thread::sleep(Duration::from_millis(500));
    }
    // A heading: the button first, then the words (the caret is left after `## `).
    focus_end(b, "f-body");
    type_text(b, "\n");
    click_button(b, ".toolbar", "Tiêu đề nhỏ");
    compose(b, &["K", "Ke", "Kes", "Kế"]);
    type_text(b, "t quả");
    assert!(value(b, "f-body").as_str().unwrap().ends_with("\n## Kết quả"), "{}", value(b, "f-body"));
    // Text from Word: a line per paragraph and bullets, pasted.
    focus_end(b, "f-body");
    type_text(b, "\n\n");
    b.eval(
        "(() => { const dt = new DataTransfer(); dt.setData('text/plain', 'Đoạn một của Word.\\r\\nĐoạn hai.\\r\\n•\\tÝ thứ nhất\\r\\n•\\tÝ thứ hai\\r\\n'); document.getElementById('f-body').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true })); })()",
    );
    assert!(
        value(b, "f-body")
            .as_str()
            .unwrap()
            .ends_with("Đoạn một của Word.\n\nĐoạn hai.\n\n- Ý thứ nhất\n- Ý thứ hai\n"),
        "{}",
        value(b, "f-body")
    );
    // A title left empty: the page says so at once and writes nothing.
    b.eval("(() => { const f = document.getElementById('f-title'); f.value = ''; f.dispatchEvent(new Event('input', { bubbles: true })); })()");
    click(b, "#save-btn");
    b.wait_until(
        "document.getElementById('save-error').textContent === 'Hãy điền Tiêu đề.'",
        "the empty title refused",
    );
    assert_eq!(read(&site, path), before);
    // Another tab saved this article (browsers tell the other tabs of an origin through a
    // storage event): this one says so at once.
    b.eval(&format!(
        "window.dispatchEvent(new StorageEvent('storage', {{ key: 'bantin-soan-bai-saved:' + {}, newValue: JSON.stringify({{ digest: 'khac' }}) }}))",
        lit(path)
    ));
    b.wait_until(
        "!document.getElementById('alert').hidden && document.getElementById('alert-text').textContent.startsWith('Bài này vừa được lưu ở một thẻ khác')",
        "the other tab's save",
    );
}

/// A port for the preview such that it and the next one (the editor's) are free, outside the
/// range the system hands out for port 0 (so no other test's server takes them meanwhile).
fn two_free_ports() -> u16 {
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    let free = |p: u16| std::net::TcpListener::bind(("127.0.0.1", p)).is_ok();
    (0..500u32)
        .map(|i| 20_000 + ((seed / 7 + i * 7_919 + std::process::id()) % 12_000) as u16)
        .find(|&p| free(p) && free(p + 1))
        .expect("two free ports")
}

#[test]
fn unsaved_text_survives_a_killed_server_and_comes_back_on_the_same_address() {
    let site = site();
    let port = two_free_ports();
    let mut server = Server::start_on_port(&site, port);
    let address = server.editor_address();
    let Some(mut browser) = Browser::open(&address) else { return };
    let b = &mut browser;
    b.accept_dialogs();
    wait_for_list(b);
    let path = "content/tin/b.md";
    let before = read(&site, path);
    open_from_list(b, path);
    focus_end(b, "f-body");
    type_text(b, "Đoạn đang gõ dở.");
    b.wait_until("document.getElementById('save-status').textContent === 'Có thay đổi chưa lưu'", "unsaved");
    server.kill_now();

    let second = Server::start_on_port(&site, port);
    let again = second.editor_address();
    assert_eq!(origin_of(&again), origin_of(&address), "the same editor port: the same origin, the same storage");
    assert_ne!(again, address, "a new token");
    b.navigate(&again);
    wait_for_list(b);
    open_from_list(b, path);
    b.wait_until("!document.getElementById('draft-banner').hidden", "the unsaved changes' banner");
    assert!(
        b.eval("document.getElementById('draft-text').textContent")
            .as_str()
            .unwrap()
            .starts_with("Có bản chưa lưu lúc")
    );
    assert_eq!(value(b, "f-body"), json!("Bài thứ hai.\n"), "the file's text until the editor chooses");
    click_button(b, "#draft-banner", "Khôi phục");
    assert_eq!(value(b, "f-body"), json!("Bài thứ hai.\nĐoạn đang gõ dở."));
    assert_eq!(read(&site, path), before, "nothing written by the recovery itself");
    save(b);
    assert_eq!(read(&site, path), before.replace("Bài thứ hai.\n", "Bài thứ hai.\nĐoạn đang gõ dở.\n"));
}

/// A page of another origin (here: the preview's, as a previewed article with a script would
/// be) that tries to read the editor, write through it and frame it.
const EVIL: &str = r#"<!doctype html><meta charset="utf-8"><title>Trang lạ</title>
<p>Trang lạ</p>
<script>
  const editor = 'http://127.0.0.1:' + location.hash.slice(1);
  const seen = { read: null, readWithToken: null, post: null, frame: null };
  window.seen = seen;
  fetch(editor + '/api/articles', { credentials: 'include' })
    .then(r => r.text()).then(t => { seen.read = 'READ ' + t.slice(0, 200); }, e => { seen.read = 'refused ' + e.name; });
  fetch(editor + '/api/articles', { credentials: 'include', headers: { 'X-Bantin-Token': '0123456789abcdef0123456789abcdef' } })
    .then(r => r.text()).then(t => { seen.readWithToken = 'READ ' + t.slice(0, 200); }, e => { seen.readWithToken = 'refused ' + e.name; });
  const change = { path: 'content/tin/b.md', digest: '0', edits: [{ key: 'title', text: 'Bị sửa' }], body: 'Bị sửa.' };
  fetch(editor + '/api/save', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(change) })
    .then(r => r.text().then(t => { seen.post = 'answer ' + r.type + ' ' + r.status + ' ' + t; }), e => { seen.post = 'refused ' + e.name; });
  const frame = document.createElement('iframe');
  frame.src = editor + '/';
  frame.onload = () => { try { seen.frame = 'READ ' + frame.contentWindow.document.body.innerText; } catch (e) { seen.frame = 'unreadable ' + e.name; } };
  document.body.append(frame);
</script>
"#;

#[test]
fn a_page_of_another_origin_can_neither_read_nor_write_nor_frame_the_editor() {
    let site = site();
    site.write("static/evil.html", EVIL);
    let Some(Session { server, mut browser, origin }) = open(&site) else { return };
    let b = &mut browser;
    let editor_port = origin.rsplit(':').next().unwrap().to_string();
    let before = read(&site, "content/tin/b.md");
    let files_before = crate::util::tree(site.root());
    b.navigate(&format!("http://127.0.0.1:{}/evil.html#{editor_port}", server.port));
    b.wait_until(
        "!!window.seen && Object.values(seen).every(v => v !== null)",
        "the foreign page's attempts, all done",
    );
    let seen = b.eval("seen");
    assert_eq!(seen["read"], json!("refused TypeError"), "{seen}");
    assert_eq!(seen["readWithToken"], json!("refused TypeError"), "{seen}");
    // The write was sent (a no-cors request is), refused, and its answer kept from the page
    // (Cross-Origin-Resource-Policy: the browser gives the script an error, not even an
    // opaque answer).
    assert_eq!(seen["post"], json!("refused TypeError"), "{seen}");
    assert!(seen["frame"].as_str().unwrap().starts_with("unreadable"), "{seen}");
    // The frame never showed the editor (frame-ancestors 'none'): the browser put its error page.
    let tree = b.call("Page.getFrameTree", json!({}));
    let child = &tree["frameTree"]["childFrames"][0]["frame"];
    assert_eq!(child["unreachableUrl"], json!(format!("{origin}/")), "{tree}");
    assert!(child["url"].as_str().unwrap().starts_with("chrome-error:"), "{tree}");
    // Nothing changed on disk, nothing kept in the history.
    assert_eq!(read(&site, "content/tin/b.md"), before);
    let files_after = crate::util::tree(site.root());
    assert_eq!(files_before.keys().collect::<Vec<_>>(), files_after.keys().collect::<Vec<_>>());
    // The token was kept by the editor's page all along (in its origin's storage, which the
    // foreign page cannot read): the editor still opens without it in the address.
    b.navigate(&format!("{origin}/"));
    wait_for_list(b);
}

/// A previewed page whose script tries to send the editor's page elsewhere.
const MOVER: &str = r#"<!doctype html><meta charset="utf-8"><title>Bài có mã lạ</title>
<p>Bài có mã lạ</p>
<script>try { top.location = 'http://localhost:9/phishing.html'; } catch (e) { document.title = 'blocked ' + e.name; }</script>
"#;

#[test]
fn a_previewed_page_cannot_send_the_editor_elsewhere() {
    let site = site();
    site.write("static/mover.html", MOVER);
    let Some(Session { server, mut browser, origin }) = open(&site) else { return };
    let b = &mut browser;
    open_from_list(b, "content/tin/b.md");
    // The preview frame is where previewed pages run; point it at one with such a script.
    b.eval(&format!("document.getElementById('preview-frame').src = 'http://127.0.0.1:{}/mover.html'", server.port));
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(b.eval("location.origin"), json!(origin), "the editor's page stays where it is");
    assert_eq!(
        b.eval("document.getElementById('preview-frame').getAttribute('sandbox').includes('allow-top-navigation')"),
        json!(false)
    );
}

/// axe-core's script: `BANTIN_TEST_AXE`, or where `.ci/run` unpacks it.
fn axe_script() -> Option<String> {
    let path = std::env::var_os("BANTIN_TEST_AXE")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::util::repo().join("target/test-npm/axe-core/axe.min.js"));
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => {
            assert!(std::env::var("CI").is_err(), "CI must have axe-core at {}: .ci/run fetches it", path.display());
            eprintln!("skipped: no axe-core at {} (see .ci/run)", path.display());
            None
        }
    }
}

/// axe's violations in the page as it is now, one line each.
fn violations(b: &mut Browser, axe: &str) -> Vec<String> {
    if b.eval("typeof window.axe") != json!("object") {
        let loaded = b.call("Runtime.evaluate", json!({ "expression": axe }));
        assert!(loaded["exceptionDetails"].is_null(), "axe-core does not load: {loaded}");
    }
    // The preview's frame shows the site's theme, tested on its own: not entered here.
    let found = b.eval_async(
        "axe.run(document, { iframes: false, resultTypes: ['violations'] }).then(r => ({ passes: r.passes.length, violations: r.violations.flatMap(v => v.nodes.map(n => `${v.id} (${v.impact}): ${v.help} at ${n.target.join(' ')}: ${n.failureSummary}`)) }))",
    );
    assert!(found["passes"].as_u64().is_some_and(|n| n >= 10), "axe checked next to nothing: {found}");
    found["violations"].as_array().unwrap().iter().map(|v| v.as_str().unwrap_or_default().to_string()).collect()
}

#[test]
fn no_accessibility_violations_in_the_list_the_article_and_the_dialogs_on_a_desktop_and_a_tablet() {
    let Some(axe) = axe_script() else { return };
    let site = site();
    let Some(Session { server: _server, mut browser, .. }) = open(&site) else { return };
    let b = &mut browser;
    assert_eq!(violations(b, &axe), Vec::<String>::new(), "the list");
    click(b, "#new-btn");
    b.wait_until("document.activeElement && document.activeElement.id === 'new-title'", "the new article's dialog");
    assert_eq!(violations(b, &axe), Vec::<String>::new(), "the new article's dialog");
    b.eval("document.querySelector('dialog[open]').close()");
    open_from_list(b, "content/tin/ky-ket.md");
    b.wait_until("document.getElementById('preview-frame').src.startsWith('http')", "the preview's address");
    assert_eq!(violations(b, &axe), Vec::<String>::new(), "the article");

    // A tablet held upright: no sideways scroll, and the preview is a pane of its own.
    b.call(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 820, "height": 1180, "deviceScaleFactor": 2, "mobile": true}),
    );
    b.wait_until("innerWidth === 820", "a tablet's width");
    let no_overflow = "document.documentElement.scrollWidth <= innerWidth";
    assert_eq!(b.eval(no_overflow), json!(true), "sideways scroll on the article");
    let shown = |b: &mut Browser, selector: &str| {
        b.eval(&format!(
            "(() => {{ const e = document.querySelector({}); return !!e && e.getClientRects().length > 0; }})()",
            lit(selector)
        ))
    };
    assert_eq!(shown(b, ".edit-pane"), json!(true));
    assert_eq!(shown(b, ".preview-pane"), json!(false), "one pane at a time");
    click(b, "#pane-preview");
    assert_eq!(shown(b, ".preview-pane"), json!(true));
    assert_eq!(shown(b, ".edit-pane"), json!(false));
    assert_eq!(b.eval("document.getElementById('pane-preview').getAttribute('aria-pressed')"), json!("true"));
    let frame = b.eval("document.getElementById('preview-frame').getBoundingClientRect().width");
    assert!(frame.as_f64().is_some_and(|w| w > 700.0), "the preview takes the width: {frame}");
    assert_eq!(b.eval(no_overflow), json!(true), "sideways scroll on the preview");
    assert_eq!(violations(b, &axe), Vec::<String>::new(), "the article's preview on a tablet");
    click(b, "#pane-edit");
    assert_eq!(shown(b, ".edit-pane"), json!(true));
    assert_eq!(shown(b, ".preview-pane"), json!(false));
    assert_eq!(violations(b, &axe), Vec::<String>::new(), "the article on a tablet");
    click(b, "#view-article a.back");
    wait_for_list(b);
    assert_eq!(b.eval(no_overflow), json!(true), "sideways scroll on the list");
    assert_eq!(violations(b, &axe), Vec::<String>::new(), "the list on a tablet");
}

/// On a site of two editions, an article shows its translations: one opens, the missing one is
/// made as a draft copy to translate, beside the original, and opened.
#[test]
fn an_article_shows_its_translations_and_a_missing_one_is_made_to_translate() {
    let site = TestSite::with(&[
        ("site.yaml", "languages:\n  vi: {}\n  en: { title: Ninh Binh Bulletin }\n"),
        ("content/tin/_index.md", "---\ntitle: Tin tức\n---\n"),
        ("content/tin/ky-ket.md", HAND_WRITTEN),
        ("content/tin/b.md", &article("Bài B", "2023-04-05", "", "Bài thứ hai.")),
        ("content/tin/b.en.md", &article("Article B", "2023-04-05", "", "The second article.")),
    ]);
    let Some(mut s) = open(&site) else { return };
    let b = &mut s.browser;
    open_from_list(b, "content/tin/b.md");
    b.wait_until(
        "document.getElementById('art-translations').innerText.includes('English: mở')",
        "the translation's link",
    );
    click(b, "#art-translations a");
    wait_for_article(b, "content/tin/b.en.md");
    assert_eq!(b.eval("document.getElementById('f-title').value"), json!("Article B"));
    // Back to the original, whose translation it shows.
    b.eval("location.hash = '#/bai/' + encodeURIComponent('content/tin/ky-ket.md')");
    wait_for_article(b, "content/tin/ky-ket.md");
    b.wait_until(
        "document.getElementById('art-translations').innerText.includes('English: dịch bài này')",
        "the button",
    );
    click_button(b, "#art-translations", "English: dịch bài này");
    wait_for_article(b, "content/tin/ky-ket.en.md");
    let copy = read(&site, "content/tin/ky-ket.en.md");
    assert!(copy.contains("draft: true") && copy.contains("Chiều ngày 6/4, hai cơ quan ký kết."), "{copy}");
    assert_eq!(b.eval("document.getElementById('f-draft').checked"), json!(true));
    let status = b.eval("document.getElementById('save-status').textContent");
    assert!(status.as_str().unwrap_or_default().contains("content/tin/ky-ket.en.md"), "{status}");
    assert_eq!(read(&site, "content/tin/ky-ket.md"), HAND_WRITTEN, "the original is untouched");
}
