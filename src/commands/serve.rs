//! `bantin serve`: a preview server that rebuilds on every save and reloads the browser.
//!
//! The site is built into a folder of the server's own (a temporary folder, removed on exit),
//! never into `output/`, so what `bantin build` wrote stays ready to publish. Each rebuild is
//! the build's own [`Session::rebuild`]: only changed files are rewritten, and renamed into
//! place only when the whole rebuild succeeded, so a failed rebuild keeps the last good site
//! served and shows its problems over every page instead.
//!
//! HTML responses get a small script that listens to Server-Sent Events at
//! `/__bantin/events`: `reload` after a rebuild, `css` when only stylesheets changed,
//! `problems` (with the list) when a rebuild failed. `bantin build` output never has it.
//! The warnings of the last build (a mistyped `tag:` that drops the tags) are shown too, as
//! the terminal says them, in a small bar that opens to the list and can be closed: the page
//! stays usable, as the site was built.
//! The HTTP stack (axum, tower-http's `ServeDir`) sits behind this module alone.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;
use tower_http::services::{ServeDir, ServeFile};

use crate::base::error::Error;
use crate::base::messages::{Lang, Message};
use crate::build::{Changes, Indexing, Options, Report, Session};
use crate::commands::watch::{self, Watcher};
use crate::msg;
use crate::output::Folder;

/// Where and how to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The address to listen on (loopback unless said otherwise).
    pub bind: IpAddr,
    /// The first port to try; 0 lets the system choose.
    pub port: u16,
    /// Open the site in the default browser.
    pub open: bool,
}

/// What the browser is told.
#[derive(Debug, Clone)]
enum Signal {
    /// The site changed: reload the page.
    Reload,
    /// Only stylesheets changed: swap them.
    Css,
    /// The last rebuild failed: show these problems.
    Problems(Vec<String>),
}

/// What the server, the rebuild loop and the editor share.
pub(crate) struct Shared {
    /// The site's base path (`/`, `/bantin/`).
    base_path: String,
    /// The folder served.
    dir: std::path::PathBuf,
    /// The address that browsers are told to open (for the refusal of other hosts).
    url: String,
    /// The site folder.
    root: PathBuf,
    /// The problems of the last rebuild, when it failed (after a line that says so), as shown.
    problems: Mutex<Vec<String>>,
    /// The warnings of the last build of saved files, as the terminal says them.
    warnings: Mutex<Vec<String>>,
    signals: broadcast::Sender<Signal>,
    /// The preview's build: rebuilt by the watcher's thread and by the editor, in turn.
    preview: Mutex<Preview>,
    /// The pages of drafts and of articles not yet due (output files), marked so when served.
    unpublished: Mutex<rustc_hash::FxHashMap<String, Unpublished>>,
}

/// The session that builds the preview, and the folder it writes.
pub(crate) struct Preview {
    pub(crate) session: Session,
    folder: Folder,
}

/// What a rebuild of the preview shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Run {
    /// Files as they are on disk (the first build, the watcher's rebuilds): said at the
    /// terminal, and the search index made after the pages.
    Saved,
    /// An editor's unsaved text of this file, every few seconds as they type: only its pages
    /// are rendered (see `Session::rebuild_only`), the editor shows the outcome, and the
    /// search index waits for the next saved change (it would index text that is not on disk,
    /// and take a fifth of the rebuild's time).
    Unsaved(crate::base::paths::SourcePath),
}

/// Why a previewed page is not on the published site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unpublished {
    Draft,
    Scheduled,
}

impl Shared {
    /// The language the site's messages are in now (`site.yaml` may change while serving).
    pub(crate) fn lang(&self) -> Lang {
        crate::config::site_language(&self.root)
    }

    fn problems(&self) -> Vec<String> {
        self.problems.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    fn warnings(&self) -> Vec<String> {
        self.warnings.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// The preview's address (with the base path).
    pub(crate) fn url(&self) -> &str {
        &self.url
    }

    /// The site folder.
    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    /// Runs `f` with the preview's session, while no rebuild runs.
    pub(crate) fn with_session<R>(&self, f: impl FnOnce(&mut Session) -> R) -> R {
        let mut preview = self.preview.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&mut preview.session)
    }

    /// Rebuilds the preview for `changes`, tells the browsers, and prints what it did after
    /// `what` (a failure too) when it is of saved files; the rebuild's outcome.
    pub(crate) fn rebuild(&self, changes: &Changes, what: &Message, run: Run) -> Result<Report, Error> {
        let started = Instant::now();
        let lang = self.lang();
        let mut preview = self.preview.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let Preview { session, folder } = &mut *preview;
        let result = rebuild(session, folder, self, changes, lang, &run);
        if matches!(run, Run::Unsaved(_)) {
            return result;
        }
        match &result {
            Ok(report) => print_report(lang, what, report),
            Err(e) => {
                let ms = started.elapsed().as_millis() as u64;
                eprintln!("{}", msg!("serve-rebuild-failed", what = what.clone(), ms = ms).text(lang));
                print_error(lang, e);
            }
        }
        result
    }

    /// Remembers which pages of the preview are drafts or not yet due.
    fn mark_unpublished(&self, session: &Session) {
        let Some(current) = session.current() else { return };
        let now = jiff::Timestamp::now();
        let marks = current
            .editions
            .iter()
            .flat_map(|e| e.site.pages.iter())
            .filter_map(|p| {
                let why = if p.draft {
                    Unpublished::Draft
                } else if p.date.as_ref().is_some_and(|d| d.timestamp() > now) {
                    Unpublished::Scheduled
                } else {
                    return None;
                };
                Some((p.path.output_file(), why))
            })
            .collect();
        *self.unpublished.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = marks;
    }

    /// Whether the page served at `path` is a draft or not yet due.
    fn unpublished_at(&self, path: &str) -> Option<Unpublished> {
        let decoded = crate::markdown::percent_decode(path);
        let rel = decoded.strip_prefix(self.base_path.as_str()).unwrap_or(decoded.trim_start_matches('/'));
        let file = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() };
        self.unpublished.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get(&file).copied()
    }
}

const EVENTS_PATH: &str = "/__bantin/events";

/// The script added to HTML pages in serve mode: live reload and the problem overlay.
const LIVE_SCRIPT: &str = r#"<script>/* bantin serve: live reload */(function(){
var box=null;function show(list){if(!box){box=document.createElement("div");box.id="bantin-problems";document.body.appendChild(box);}
box.setAttribute("style","position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;background:#2b0b0b;color:#fff;font:14px/1.5 ui-monospace,monospace;padding:14px 18px;border-top:4px solid #f2c14e;white-space:pre-wrap");
box.textContent=list.join("\n");}
function hide(){var b=document.getElementById("bantin-problems");if(b){b.remove();}box=null;}
var es=new EventSource("/__bantin/events");es.onopen=function(){document.documentElement.dataset.bantinLive="1";};
es.addEventListener("reload",function(){location.reload();});
es.addEventListener("css",function(){document.querySelectorAll('link[rel="stylesheet"]').forEach(function(l){var u=new URL(l.href);u.searchParams.set("bantin",Date.now());l.href=u.toString();});hide();});
es.addEventListener("problems",function(e){show(JSON.parse(e.data));});
es.addEventListener("ok",function(){if(document.getElementById("bantin-problems")){location.reload();}});
})();</script>"#;

fn escape(s: &str) -> String {
    crate::markdown::escape_text(s)
}

/// The bar of the last build's warnings: closed, it says how many; open, it lists them.
/// Closing it (×) hides it until the warnings change (remembered for the browser's tab).
const WARNINGS_SCRIPT: &str = r#"<script>(function(){var b=document.getElementById("bantin-warnings");if(!b){return;}
var k="bantin-warnings-closed";try{if(sessionStorage.getItem(k)===b.dataset.key){b.remove();return;}}catch(e){}
b.querySelector("button").addEventListener("click",function(){try{sessionStorage.setItem(k,b.dataset.key);}catch(e){}b.remove();});
})();</script>"#;

/// The snippet added before `</body>`: the script, the overlay when the last rebuild failed
/// (so it shows at once, even before the script connects), else the bar of the last build's
/// warnings, and a mark on a draft's page or one not yet due (the preview shows them; the
/// published site will not).
fn snippet(problems: &[String], warnings: &[String], mark: Option<Unpublished>, lang: Lang) -> String {
    let mut s = String::new();
    if let Some(mark) = mark {
        let text = match mark {
            Unpublished::Draft => msg!("serve-mark-draft"),
            Unpublished::Scheduled => msg!("serve-mark-scheduled"),
        };
        s.push_str("<p id=\"bantin-unpublished\" role=\"note\" style=\"position:fixed;left:12px;bottom:12px;z-index:2147483646;margin:0;max-width:calc(100vw - 24px);background:#7a2e00;color:#fff;font:600 14px/1.4 system-ui,sans-serif;padding:8px 14px;border-radius:6px;box-shadow:0 2px 8px rgba(0,0,0,.3)\">");
        s.push_str(&escape(&text.text(lang)));
        s.push_str("</p>");
    }
    if !problems.is_empty() {
        s.push_str("<div id=\"bantin-problems\" style=\"position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;background:#2b0b0b;color:#fff;font:14px/1.5 ui-monospace,monospace;padding:14px 18px;border-top:4px solid #f2c14e;white-space:pre-wrap\">");
        s.push_str(&escape(&problems.join("\n")));
        s.push_str("</div>");
    } else if !warnings.is_empty() {
        // Above the draft's mark, beside the page's content: small and yellow, not the red
        // overlay of a failed build.
        let key = xxhash_rust::xxh3::xxh3_64(warnings.join("\n").as_bytes());
        let count = msg!("serve-warnings-count", count = warnings.len()).text(lang);
        let close = msg!("serve-warnings-close").text(lang);
        s.push_str(&format!("<details id=\"bantin-warnings\" data-key=\"{key:016x}\" style=\"position:fixed;right:12px;bottom:12px;z-index:2147483646;max-width:min(760px,calc(100vw - 24px));max-height:50vh;overflow:auto;background:#fff8d6;color:#3a2e00;border:1px solid #e0b600;border-left:6px solid #e0b600;border-radius:6px;box-shadow:0 2px 8px rgba(0,0,0,.25);font:14px/1.45 system-ui,sans-serif;padding:6px 12px\">"));
        s.push_str("<summary style=\"cursor:pointer;font-weight:600\">⚠ ");
        s.push_str(&escape(&count));
        s.push_str(&format!("<button type=\"button\" aria-label=\"{}\" title=\"{}\" style=\"margin-left:12px;border:0;background:none;font:inherit;font-size:16px;line-height:1;cursor:pointer;color:inherit\">×</button></summary>", escape(&close), escape(&close)));
        s.push_str("<ul style=\"margin:6px 0 4px;padding-left:18px;font:13px/1.5 ui-monospace,monospace;white-space:pre-wrap\">");
        for w in warnings {
            s.push_str("<li>");
            s.push_str(&escape(w));
            s.push_str("</li>");
        }
        s.push_str("</ul></details>");
        s.push_str(WARNINGS_SCRIPT);
    }
    s.push_str(LIVE_SCRIPT);
    s
}

/// Whether a request's `Host` is one the preview answers: a loopback name or an IP address.
/// A web page on another site that the editor visits can make the browser send requests here
/// under its own name (DNS rebinding) and read the drafts; it cannot make it send an IP
/// address or `localhost` as the host.
fn allowed_host(host: Option<&str>) -> bool {
    let Some(host) = host else {
        // HTTP/1.0 tools without a Host header: not a browser, so not a rebinding page.
        return true;
    };
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':')
            .map_or(host, |(name, port)| if port.bytes().all(|b| b.is_ascii_digit()) { name } else { host })
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost" || name.ends_with(".localhost") || name.parse::<IpAddr>().is_ok()
}

/// Whether a request path names something the preview never serves: a hidden file (bantin's
/// own `.bantin-output`, a file being written), or a name longer than a file system takes.
fn hidden_or_impossible(path: &str) -> bool {
    path.len() > 4096
        // `//host/x` would be followed as another site's address (in a redirect, say).
        || path.starts_with("//")
        || path.split('/').any(|segment| {
            let decoded = crate::markdown::percent_decode(segment);
            decoded.starts_with('.') || decoded.len() > crate::output::MAX_NAME
        })
}

/// The site's 404 page, with status 404.
fn not_found(shared: &Shared) -> Response {
    match std::fs::read(shared.dir.join("404.html")) {
        Ok(bytes) => {
            (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], bytes).into_response()
        }
        Err(_) => (StatusCode::NOT_FOUND, format!("{}\n", msg!("serve-not-found").text(shared.lang()))).into_response(),
    }
}

/// Adds the live-reload snippet to HTML, refuses methods other than GET and HEAD and hosts
/// other than this machine's, and tells browsers not to cache the preview.
async fn preview_layer(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let host = request.headers().get(header::HOST).map(|h| h.to_str().unwrap_or("\u{0}"));
    if !allowed_host(host) {
        let text = msg!("serve-foreign-host", host = host.unwrap_or_default(), url = &shared.url).text(shared.lang());
        let text = format!("{text}\n");
        return (StatusCode::FORBIDDEN, text).into_response();
    }
    let method = request.method().clone();
    if method != Method::GET && method != Method::HEAD {
        let text = format!("{}\n", msg!("serve-only-get").text(shared.lang()));
        let mut r = (StatusCode::METHOD_NOT_ALLOWED, text).into_response();
        r.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    // The site's root without its slash: relative links need the slash.
    if shared.base_path.len() > 1 && request.uri().path() == shared.base_path.trim_end_matches('/') {
        return axum::response::Redirect::permanent(&shared.base_path).into_response();
    }
    let mark = shared.unpublished_at(request.uri().path());
    let mut response =
        if hidden_or_impossible(request.uri().path()) { not_found(&shared) } else { next.run(request).await };
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html || method == Method::HEAD {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024 * 1024).await else {
        let text = format!("{}\n", msg!("serve-unreadable-page").text(shared.lang()));
        return (StatusCode::INTERNAL_SERVER_ERROR, text).into_response();
    };
    let html = String::from_utf8_lossy(&bytes);
    let snippet = snippet(&shared.problems(), &shared.warnings(), mark, shared.lang());
    let html = match html.rfind("</body>") {
        Some(i) => format!("{}{snippet}{}", &html[..i], &html[i..]),
        None => format!("{html}{snippet}"),
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(html))
}

/// The Server-Sent Events stream: the current state first, then every signal.
async fn events(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    let first = match shared.problems() {
        p if p.is_empty() => Event::default().event("ok").data("{}"),
        p => Event::default().event("problems").data(json_list(&p)),
    };
    let rx = shared.signals.subscribe();
    let stream = tokio_stream::once(Ok::<Event, Infallible>(first)).chain(BroadcastStream::new(rx).filter_map(|s| {
        let event = match s.ok()? {
            Signal::Reload => Event::default().event("reload").data("{}"),
            Signal::Css => Event::default().event("css").data("{}"),
            Signal::Problems(p) => Event::default().event("problems").data(json_list(&p)),
        };
        Some(Ok(event))
    }));
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(10)))
}

fn json_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".into())
}

/// Binds `bind:port`, or the next free port after it.
fn bind(bind: IpAddr, port: u16, lang: Lang) -> Result<std::net::TcpListener, Error> {
    let tries = if port == 0 { 1 } else { 20 };
    let mut last = None;
    for offset in 0..tries {
        let addr = SocketAddr::new(bind, port.saturating_add(offset));
        match std::net::TcpListener::bind(addr) {
            Ok(l) => return Ok(l),
            Err(e) => {
                if e.kind() == std::io::ErrorKind::AddrInUse {
                    eprintln!("{}", msg!("serve-port-taken", port = addr.port()).text(lang));
                }
                last = Some(e);
            }
        }
    }
    Err(Error::io(format!("{bind}:{port}"), last.unwrap_or_else(|| std::io::Error::other("no port"))))
}

/// Prints a rebuild's outcome the way editors read it.
fn print_report(lang: Lang, what: &Message, report: &Report) {
    for w in &report.warnings {
        eprintln!("{}", msg!("cli-warning", problem = w.text(lang)).text(lang));
    }
    let files = match report.written.len() + report.removed.len() {
        0 => msg!("serve-nothing-changed"),
        n => {
            let mut names: Vec<&str> =
                report.written.iter().chain(report.removed.iter()).take(3).map(String::as_str).collect();
            if n > 3 {
                names.push("…");
            }
            msg!("serve-files-changed", count = n, names = names.join(", "))
        }
    };
    let ms = report.elapsed.as_millis() as u64;
    println!("{}", msg!("serve-rebuilt", what = what.clone(), ms = ms, files = files).text(lang));
}

/// Prints an error, one problem per line, in `lang`.
fn print_error(lang: Lang, e: &Error) {
    for line in e.lines(lang) {
        eprintln!("{line}");
    }
}

/// Rebuilds into the served folder and tells the browsers.
fn rebuild(
    session: &mut Session,
    folder: &Folder,
    shared: &Shared,
    changes: &Changes,
    lang: Lang,
    run: &Run,
) -> Result<Report, Error> {
    let result = match run {
        Run::Saved => session.rebuild(changes, folder),
        Run::Unsaved(source) => session.rebuild_only(changes, vec![source.clone()], folder),
    };
    match result {
        Ok(report) => {
            folder.commit()?;
            shared.mark_unpublished(session);
            let had_problems = !shared.problems().is_empty();
            shared.problems.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clear();
            // An editor's unsaved text is previewed in the editor, which says its warnings;
            // the bar keeps those of the files as saved.
            let mut warnings_changed = false;
            if *run == Run::Saved {
                let now: Vec<String> = report.warnings.iter().map(|w| w.text(lang)).collect();
                let mut warnings = shared.warnings.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                warnings_changed = *warnings != now;
                *warnings = now;
            }
            let css_only = !report.written.is_empty()
                && report.removed.is_empty()
                && report.written.iter().all(|f| f.ends_with(".css"));
            let signal = match (report.written.is_empty() && report.removed.is_empty(), css_only) {
                (true, _) if !had_problems && !warnings_changed => None,
                (_, true) if !had_problems && !warnings_changed => Some(Signal::Css),
                _ => Some(Signal::Reload),
            };
            if let Some(s) = signal {
                let _ = shared.signals.send(s);
            }
            // The search index after the pages: the browser reloads without waiting for it.
            if *run == Run::Saved {
                index_after_pages(session, folder, Marker::No, lang);
            }
            Ok(report)
        }
        Err(e) => {
            folder.discard();
            let mut list = vec![msg!("serve-overlay-failed").text(lang), String::new()];
            list.extend(e.lines(lang));
            *shared.problems.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = list.clone();
            let _ = shared.signals.send(Signal::Problems(list));
            Err(e)
        }
    }
}

/// Runs the preview server, and the editor beside it, until Ctrl-C.
pub fn serve(mut options: Options, serve: ServeOptions) -> Result<(), Error> {
    // Absolute: the editor names files by their path on disk, as the session and the watcher do.
    if let Ok(abs) = std::path::absolute(&options.root) {
        options.root = abs;
    }
    let root = options.root.clone();
    let lang = || crate::config::site_language(&root);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::io("runtime", e))?;
    let listener = bind(serve.bind, serve.port, lang())?;
    let addr = listener.local_addr().map_err(|e| Error::io("listener", e))?;
    listener.set_nonblocking(true).map_err(|e| Error::io("listener", e))?;
    // The editor has an address of its own (another port: another origin), so that no script
    // of a previewed page can read it; only this machine reaches it, whatever `--bind` says.
    let editor_ip = if serve.bind.is_loopback() { serve.bind } else { IpAddr::from([127, 0, 0, 1]) };
    let editor_port = if serve.port == 0 { 0 } else { addr.port().saturating_add(1) };
    let editor_listener = bind(editor_ip, editor_port, lang())?;
    let editor_addr = editor_listener.local_addr().map_err(|e| Error::io("listener", e))?;
    editor_listener.set_nonblocking(true).map_err(|e| Error::io("listener", e))?;
    let base_path =
        crate::config::load(&options.root).map(|c| c.base_path().to_string()).unwrap_or_else(|_| "/".into());
    let url = preview_url(addr, &base_path);
    options.base_url = Some(url.clone());
    // The preview shows drafts and articles not yet due (each page marked so): an editor
    // sees what they are writing.
    options.selection.drafts = crate::site::Drafts::Include;
    options.selection.future = crate::site::Future::Include;
    if !addr.ip().is_loopback() {
        let warning = msg!("serve-open-to-network", addr = addr.to_string()).text(lang());
        eprintln!("{}", msg!("cli-warning", problem = warning).text(lang()));
    }

    remove_dead_previews();
    let dir = tempfile::Builder::new()
        .prefix(&format!("{PREVIEW_PREFIX}{}-", std::process::id()))
        .tempdir()
        .map_err(|e| Error::io("temporary folder", e))?;
    let folder = Folder::new(dir.path())?;
    let (signals, _) = broadcast::channel(64);
    let session = Session::new(options.clone()).indexing(Indexing::Later);
    let shared = Arc::new(Shared {
        base_path: base_path.clone(),
        dir: dir.path().to_path_buf(),
        url: url.clone(),
        root: options.root.clone(),
        problems: Mutex::new(Vec::new()),
        warnings: Mutex::new(Vec::new()),
        signals,
        preview: Mutex::new(Preview { session, folder }),
        unpublished: Mutex::new(rustc_hash::FxHashMap::default()),
    });
    let watcher = Watcher::new(&options.root)?;
    if shared.rebuild(&Changes::Everything, &msg!("serve-first-build"), Run::Saved).is_err() {
        eprintln!("\n{}", msg!("serve-first-build-failed").text(lang()));
    }
    let editor = crate::commands::editor::Editor::new(Arc::clone(&shared), editor_addr);
    // Listened to before the addresses are said: a Ctrl-C from then on stops both servers
    // (before, during the first build, it ends the process at once, as it always did).
    let stop_signals = {
        let _inside = runtime.enter();
        StopSignals::listen()
    };
    println!("{}", msg!("serve-serving", root = options.root.as_path(), url = &url).text(lang()));
    println!("{}", msg!("serve-editor", url = editor.address()).text(lang()));
    if serve.open {
        open_browser(&editor.address(), lang());
    }

    let stop = Arc::new(AtomicBool::new(false));
    let rebuilder = rebuild_on_changes(watcher, Arc::clone(&shared), Arc::clone(&stop));
    let served = dir.path().to_path_buf();
    let result = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener).map_err(|e| Error::io("listener", e))?;
        let editor_listener =
            tokio::net::TcpListener::from_std(editor_listener).map_err(|e| Error::io("listener", e))?;
        let app = router(&served, &base_path, Arc::clone(&shared));
        let limits = http::Limits::from_env();
        // One listener for Ctrl-C and SIGTERM, made before the servers, which both follow:
        // each listening on its own once it started, a signal that came while they started
        // stopped neither, and the process waited forever.
        let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
        tokio::spawn(async move {
            stop_signals.recv().await;
            let _ = stop_tx.send(true);
        });
        tokio::try_join!(
            http::serve(listener, app, limits, stop_rx.clone()),
            http::serve(editor_listener, editor.router(), limits, stop_rx)
        )
        .map(|_| ())
    });
    // Open live-reload streams never end by themselves: they are dropped, not waited for.
    runtime.shutdown_background();
    stop.store(true, Ordering::Relaxed);
    let _ = rebuilder.join();
    drop(dir);
    println!("{}", msg!("serve-stopped").text(lang()));
    result
}

/// The address the preview is served at: the listener's, on this machine when it listens
/// on every interface, with the site's base path.
fn preview_url(addr: std::net::SocketAddr, base_path: &str) -> String {
    let host = if addr.ip().is_unspecified() { "127.0.0.1".to_string() } else { addr.ip().to_string() };
    let host = if host.contains(':') { format!("[{host}]") } else { host };
    format!("http://{host}:{}{base_path}", addr.port())
}

/// A thread that rebuilds the preview after every change the watcher reports, until `stop`.
fn rebuild_on_changes(mut watcher: Watcher, shared: Arc<Shared>, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let root = shared.root.clone();
        let result = watch::each_change(&mut watcher, &root, &stop, |changes, what| {
            let _ = shared.rebuild(changes, what, Run::Saved);
        });
        if let Err(e) = result {
            print_error(shared.lang(), &e);
        }
    })
}

/// The routes: live-reload events, and the served folder under the site's base path.
fn router(served: &Path, base_path: &str, shared: Arc<Shared>) -> Router {
    let not_found = ServeFile::new(served.join("404.html"));
    let files = ServeDir::new(served).append_index_html_on_directories(true).not_found_service(not_found.clone());
    let mut app = Router::new().route(EVENTS_PATH, axum::routing::get(events));
    let base = base_path.trim_end_matches('/');
    app = if base.is_empty() {
        app.fallback_service(files)
    } else {
        app.nest_service(base, files)
            .fallback_service(tower_http::set_status::SetStatus::new(not_found, StatusCode::NOT_FOUND))
    };
    app.layer(middleware::from_fn_with_state(Arc::clone(&shared), preview_layer)).with_state(shared)
}

/// Whether a folder is an output folder, whose marker file is kept up to date.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Marker {
    Yes,
    No,
}

/// Brings the search index of `folder` up to date after the pages, and says so.
fn index_after_pages(session: &mut Session, folder: &Folder, marker: Marker, lang: Lang) {
    let started = Instant::now();
    let result = session.index(folder).and_then(|written| {
        match marker {
            Marker::Yes => folder.commit_marked(|| session.manifest()),
            Marker::No => folder.commit(),
        }
        .map(|()| written)
    });
    match result {
        Ok(Some(written)) if !written.is_empty() => {
            let ms = started.elapsed().as_millis() as u64;
            println!("{}", msg!("serve-search-index", count = written.len(), ms = ms).text(lang));
        }
        Ok(_) => {}
        Err(e) => {
            folder.discard();
            eprintln!("{}", msg!("serve-search-index-failed").text(lang));
            print_error(lang, &e);
        }
    }
}

/// The start of the names of preview folders in the system's temporary folder, followed by
/// the server's process id: `bantin-serve-4242-Ab12Cd`.
const PREVIEW_PREFIX: &str = "bantin-serve-";

/// Removes the preview folders of servers that are no longer running (killed with `kill -9`,
/// or stopped by a crash of the machine): nothing else would ever remove them.
fn remove_dead_previews() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(PREVIEW_PREFIX))
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !crate::output::process_alive(pid) && is_real_dir(&entry.path()) {
            let _ = crate::output::remove_tree(&entry.path());
        }
    }
}

/// Whether `path` is a folder itself, not a link to one.
fn is_real_dir(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_dir())
}

/// Ctrl-C and SIGTERM, listened to from the moment this is made (inside a runtime): a signal
/// that comes after is never missed, however late [`StopSignals::recv`] is awaited.
struct StopSignals {
    #[cfg(unix)]
    int: Option<tokio::signal::unix::Signal>,
    #[cfg(unix)]
    term: Option<tokio::signal::unix::Signal>,
}

impl StopSignals {
    fn listen() -> StopSignals {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            StopSignals { int: signal(SignalKind::interrupt()).ok(), term: signal(SignalKind::terminate()).ok() }
        }
        #[cfg(not(unix))]
        StopSignals {}
    }

    /// Resolves on the first of them.
    async fn recv(self) {
        #[cfg(unix)]
        {
            let StopSignals { int, term } = self;
            match (int, term) {
                (Some(mut int), Some(mut term)) => {
                    tokio::select! {
                        _ = int.recv() => {}
                        _ = term.recv() => {}
                    }
                }
                (Some(mut int), None) => {
                    let _ = int.recv().await;
                }
                _ => stopped().await,
            }
        }
        #[cfg(not(unix))]
        stopped().await;
    }
}

/// Resolves on Ctrl-C, or when the system asks the process to end (SIGTERM).
async fn stopped() {
    #[cfg(unix)]
    {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(t) => t,
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
                return;
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

fn open_browser(url: &str, lang: Lang) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("{}", msg!("serve-no-browser", url = url).text(lang));
    }
}

/// `bantin watch`: builds `output/` as `bantin build` does, then after every change writes
/// the files whose bytes changed, each renamed into place once the whole rebuild succeeded,
/// until Ctrl-C. A failed rebuild leaves `output/` as it was.
pub fn watch_output(options: Options) -> Result<(), Error> {
    let (output_dir, choice) = options.output_dir();
    let target = crate::output::check_target(&options.root, &output_dir, choice)?;
    let lang = || crate::config::site_language(&options.root);
    let mut session = Session::new(options.clone()).indexing(Indexing::Later);
    session.remember_output(&target);
    let mut watcher = Watcher::new(&options.root)?;
    // Until a build has replaced output/ as a whole, each build does (after a failed first
    // build, or over a folder a killed rebuild left halfway, rebuilding in place is not safe).
    let mut whole = false;
    match crate::build::write_to(&mut session, &Changes::Everything, &target) {
        Ok(report) => {
            print_report(lang(), &msg!("serve-first-build"), &report);
            whole = true;
        }
        Err(e) => {
            print_error(lang(), &e);
            eprintln!("\n{}", msg!("watch-build-failed").text(lang()));
        }
    }
    let folder = Folder::output(&target)?;
    if whole {
        index_after_pages(&mut session, &folder, Marker::Yes, lang());
    }
    let watching = msg!("watch-watching", root = options.root.as_path(), output = target.as_path());
    println!("{}", watching.text(lang()));
    let stop = Arc::new(AtomicBool::new(false));
    let handler_stop = Arc::clone(&stop);
    std::thread::spawn(move || {
        if let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() {
            rt.block_on(stopped());
            handler_stop.store(true, Ordering::Relaxed);
        }
    });
    watch::each_change(&mut watcher, &options.root, &stop, |changes, what| {
        let lang = lang();
        // output/ deleted or replaced by hand while watching: build it whole again.
        if !target.join(crate::output::MARKER).is_file() {
            whole = false;
        }
        if !whole {
            session.remember_output(&target);
            match crate::build::write_to(&mut session, &Changes::Everything, &target) {
                Ok(report) => {
                    print_report(lang, what, &report);
                    whole = true;
                    index_after_pages(&mut session, &folder, Marker::Yes, lang);
                }
                Err(e) => {
                    eprintln!("{}", msg!("watch-rebuild-failed", what = what.clone()).text(lang));
                    print_error(lang, &e);
                }
            }
            return;
        }
        match session.rebuild(changes, &folder).and_then(|r| folder.commit_marked(|| session.manifest()).map(|()| r)) {
            Ok(report) => {
                print_report(lang, what, &report);
                index_after_pages(&mut session, &folder, Marker::Yes, lang);
            }
            Err(e) => {
                folder.discard();
                eprintln!("{}", msg!("watch-rebuild-failed", what = what.clone()).text(lang));
                print_error(lang, &e);
            }
        }
    })?;
    println!("{}", msg!("watch-stopped").text(lang()));
    Ok(())
}

/// The HTTP server itself: one HTTP/1.1 connection per task, with limits a preview needs so
/// that idle or slow clients cannot use up its file handles.
mod http {
    use std::sync::Arc;
    use std::time::Duration;

    use axum::Router;
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::service::TowerToHyperService;

    use crate::base::error::Error;

    /// How long connections may wait, and how many there may be.
    #[derive(Debug, Clone, Copy)]
    pub(super) struct Limits {
        /// The longest a connection may go without sending a whole request's headers: from
        /// when it opens, and again after each response (an idle keep-alive connection is
        /// closed after this long). A response being sent, such as the live-reload stream, is
        /// not limited.
        pub(crate) idle: Duration,
        /// Connections served at once; more wait to be accepted.
        pub(crate) connections: usize,
    }

    impl Limits {
        /// 30 s and 512 connections; `BANTIN_SERVE_IDLE_SECS` sets the time (for tests).
        pub(super) fn from_env() -> Limits {
            let secs = std::env::var("BANTIN_SERVE_IDLE_SECS").ok().and_then(|v| v.parse::<u64>().ok()).unwrap_or(30);
            Limits { idle: Duration::from_secs(secs.max(1)), connections: 512 }
        }
    }

    /// Serves `app` on `listener` until `stop` says to (Ctrl-C or SIGTERM).
    pub(super) async fn serve(
        listener: tokio::net::TcpListener,
        app: Router,
        limits: Limits,
        mut stop: tokio::sync::watch::Receiver<bool>,
    ) -> Result<(), Error> {
        raise_file_limit();
        let slots = Arc::new(tokio::sync::Semaphore::new(limits.connections));
        loop {
            let Ok(slot) = Arc::clone(&slots).acquire_owned().await else { return Ok(()) };
            let stream = tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok((stream, _)) => stream,
                    // Out of file handles, a connection reset before accept: wait, go on.
                    Err(_) => {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                },
                _ = stop.wait_for(|&stopped| stopped) => return Ok(()),
            };
            let _ = stream.set_nodelay(true);
            let service = TowerToHyperService::new(app.clone());
            tokio::spawn(async move {
                let _ = hyper::server::conn::http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(limits.idle)
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
                drop(slot);
            });
        }
    }

    /// Lets the process open as many files as the system allows it (the soft limit is often
    /// 1,024, the hard one far more): rebuilds and connections share them.
    fn raise_file_limit() {
        #[cfg(target_os = "linux")]
        {
            let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
            // SAFETY: getrlimit and setrlimit read and write the struct passed, nothing else.
            unsafe {
                if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 && limit.rlim_cur < limit.rlim_max {
                    limit.rlim_cur = limit.rlim_max;
                    libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
                }
            }
        }
    }
}
