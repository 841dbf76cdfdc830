//! Soạn bài: the web editor `bantin serve` runs beside the preview, for editors who do not
//! write YAML.
//!
//! The page (`page/`, plain HTML, CSS and JavaScript compiled into the binary: no npm, no
//! request to another host) lists the articles, edits one in a form and a plain `<textarea>`
//! (a field that handles no key itself, so Telex and VNI typing work as everywhere), and shows
//! it in the preview beside it. The server side here:
//!
//! - [`guard`]: who may use it (the run's token, the page's CSRF token, its own host and origin);
//! - [`articles`]: what the page shows of the site: the list, one article's fields, problems;
//! - `api`: the requests; every change goes through `content::write` (atomic, every other byte
//!   kept), after the file's digest is compared with the one the page opened (a change made
//!   meanwhile on disk is shown, never overwritten in silence), and the old text is kept first
//!   ([`history`]);
//! - the preview of an unsaved text: the preview's own session reads it in place of the file
//!   (`Session::set_unsaved`) and rebuilds, through the real pipeline and theme; nothing is
//!   written to `content/` until "Lưu".

mod api;
pub(crate) mod articles;
pub(crate) mod guard;
pub(crate) mod history;
mod upload;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use crate::base::messages::Lang;
use crate::commands::serve::Shared;
use crate::msg;

/// The editor of one `bantin serve` run.
pub(crate) struct Editor {
    state: Arc<EditorState>,
}

/// What every request of the editor may use.
pub(crate) struct EditorState {
    /// The preview: its session reads unsaved texts, its rebuild shows them.
    pub(crate) shared: Arc<Shared>,
    /// Where the editor listens.
    addr: SocketAddr,
    /// The secret in the printed address, which the page sends with every API request.
    token: String,
    /// The last deploy started from the editor, if any.
    pub(crate) deploy: Arc<Mutex<api::DeployStatus>>,
    /// The files this run's uploads made (`content/…/img-0042.jpg`): the only ones the editor
    /// removes, when the editor does not insert them after all.
    pub(crate) uploads: Mutex<rustc_hash::FxHashSet<String>>,
}

const INDEX_HTML: &str = include_str!("page/index.html");
const EDITOR_JS: &str = include_str!("page/editor.js");
const EDITOR_CSS: &str = include_str!("page/editor.css");

impl Editor {
    /// The editor for the preview `shared`, listening at `addr`.
    pub(crate) fn new(shared: Arc<Shared>, addr: SocketAddr) -> Editor {
        let state = EditorState {
            shared,
            addr,
            token: guard::secret(),
            deploy: Arc::new(Mutex::new(api::DeployStatus::default())),
            uploads: Mutex::new(rustc_hash::FxHashSet::default()),
        };
        Editor { state: Arc::new(state) }
    }

    /// The address to open, with the token in its fragment: `http://127.0.0.1:1112/#ma=…`.
    pub(crate) fn address(&self) -> String {
        let host = match self.state.addr.ip() {
            std::net::IpAddr::V6(ip) => format!("[{ip}]"),
            ip => ip.to_string(),
        };
        format!("http://{host}:{}/#ma={}", self.state.addr.port(), self.state.token)
    }

    /// The editor's routes, behind its guard.
    pub(crate) fn router(&self) -> Router {
        Router::new()
            .route("/", get(page))
            .route("/editor.js", get(|| async { asset("text/javascript; charset=utf-8", EDITOR_JS) }))
            .route("/editor.css", get(|| async { asset("text/css; charset=utf-8", EDITOR_CSS) }))
            .route("/api/site", get(api::site))
            .route("/api/articles", get(api::list))
            .route("/api/article", get(api::open))
            .route("/api/preview", post(api::preview))
            .route("/api/save", post(api::save))
            .route("/api/discard", post(api::discard))
            .route("/api/new", post(api::create))
            .route("/api/translate", post(api::translate))
            .route("/api/upload", post(api::upload))
            .route("/api/unused-upload", post(api::unused_upload))
            .route("/api/history", get(api::history))
            .route("/api/restore", post(api::restore))
            .route("/api/deploy", get(api::deploy_status).post(api::deploy))
            .fallback(|State(state): State<Arc<EditorState>>| async move {
                refused(StatusCode::NOT_FOUND, msg!("editor-not-found").text(state.lang()))
            })
            .layer(middleware::from_fn_with_state(Arc::clone(&self.state), guard_layer))
            .layer(axum::extract::DefaultBodyLimit::max(upload::LIMIT + 1024))
            .with_state(Arc::clone(&self.state))
    }
}

impl EditorState {
    /// The site's language, for the page and its messages.
    pub(crate) fn lang(&self) -> Lang {
        self.shared.lang()
    }
}

fn asset(content_type: &'static str, text: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], text).into_response()
}

/// The page, with the site's language and its texts filled in.
async fn page(State(state): State<Arc<EditorState>>) -> Response {
    let lang = state.lang();
    let strings: serde_json::Map<String, serde_json::Value> = crate::base::messages::page_strings(lang)
        .into_iter()
        .map(|(id, text)| (id, serde_json::Value::String(text)))
        .collect();
    // Inside a <script> element: `<` written as \u003c, so no text can end it.
    let strings = serde_json::Value::Object(strings).to_string().replace('<', "\\u003c");
    let html = INDEX_HTML.replace("{{LANG}}", lang.code()).replace("{{STRINGS}}", &strings);
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
}

/// A refusal as a short page in the site's language.
fn refused(status: StatusCode, text: String) -> Response {
    let html = format!(
        "<!doctype html><meta charset=utf-8><title>Soạn bài</title><p style=\"font:16px/1.5 system-ui;margin:2em\">{}</p>\n",
        crate::markdown::escape_text(&text)
    );
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
}

/// Lets in only the editor (see [`guard`]), and marks every answer as not to be cached,
/// framed, sniffed or read by another origin.
async fn guard_layer(State(state): State<Arc<EditorState>>, request: Request, next: Next) -> Response {
    let mut response = check(&state, request, next).await;
    let headers = response.headers_mut();
    let preview = state.shared.url().trim_end_matches('/');
    let preview_origin = preview.split('/').take(3).collect::<Vec<_>>().join("/");
    let policy = format!(
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: {preview_origin}; frame-src {preview_origin}; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    );
    if let Ok(policy) = HeaderValue::from_str(&policy) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert("cross-origin-resource-policy", HeaderValue::from_static("same-origin"));
    response
}

async fn check(state: &EditorState, request: Request, next: Next) -> Response {
    let lang = state.lang();
    let headers = request.headers();
    let text = |h: &str| headers.get(h).and_then(|v| v.to_str().ok()).map(str::to_string);
    let (host, token, origin) = (text("host"), text("x-bantin-token"), text("origin"));
    if !guard::own_host(host.as_deref(), state.addr.port()) {
        return refused(StatusCode::FORBIDDEN, msg!("editor-foreign-host").text(lang));
    }
    let api = request.uri().path().starts_with("/api/");
    if api && !token.is_some_and(|t| guard::same_secret(&t, &state.token)) {
        return api::error(StatusCode::FORBIDDEN, msg!("editor-no-token").text(lang));
    }
    let method = request.method();
    let writes = method != Method::GET && method != Method::HEAD;
    if writes && !guard::own_origin(origin.as_deref(), host.as_deref()) {
        return api::error(StatusCode::FORBIDDEN, msg!("editor-foreign-origin").text(lang));
    }
    next.run(request).await
}
