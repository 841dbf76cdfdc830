//! The editor's requests: JSON in, JSON out. Reads come from the preview's session and the
//! files; every write goes through `content::write`, after the digest check and the history.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::articles::{self, Shown};
use super::{EditorState, history, upload};
use crate::base::error::Error;
use crate::base::messages::Lang;
use crate::base::paths::SourcePath;
use crate::build::Changes;
use crate::content::write::{self, Edit, FieldValue, Place, WriteError};
use crate::content::{self, DocKind, discover};
use crate::msg;

/// An error as the page shows it: `{"error": text}`.
pub(super) fn error(status: StatusCode, text: String) -> Response {
    (status, Json(json!({ "error": text }))).into_response()
}

/// Runs blocking work (the session's lock, files, git) off the server's threads.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(f).await.expect("an editor request does not panic")
}

/// A Markdown file of `content/` the page names (`content/tin-tuc/a.md`), checked.
struct FilePath {
    /// As shown: `content/tin-tuc/a.md`.
    shown: String,
    source: SourcePath,
    place: Place,
}

impl FilePath {
    fn new(state: &EditorState, path: &str) -> Result<FilePath, Box<Response>> {
        let lang = state.lang();
        let bad = || Box::new(error(StatusCode::BAD_REQUEST, msg!("editor-bad-path", path = path).text(lang)));
        let inside = path.strip_prefix("content/").ok_or_else(bad)?;
        let source = SourcePath::new(inside).filter(SourcePath::is_markdown).ok_or_else(bad)?;
        let place = Place::new(state.shared.root(), path)
            .map_err(|e| Box::new(error(StatusCode::BAD_REQUEST, e.message().text(lang))))?;
        Ok(FilePath { shown: path.to_string(), source, place })
    }
}

impl FilePath {
    /// The file's bytes, read only where bantin may write (see `Place::read`), or the answer
    /// that says why not.
    fn read(&self, lang: Lang) -> Result<Vec<u8>, Box<Response>> {
        self.place.read().map_err(|e| {
            let status = match &e {
                WriteError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => StatusCode::NOT_FOUND,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            };
            Box::new(error(status, e.message().text(lang)))
        })
    }
}

fn hex(bytes: &[u8]) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(bytes))
}

/// `GET /api/site`: what the form offers: sections, terms, other keys, history, targets.
pub(super) async fn site(State(state): State<Arc<EditorState>>) -> Response {
    blocking(move || {
        let root = state.shared.root().to_path_buf();
        let (sections, terms, other_keys, deploy) = state.shared.with_session(|session| {
            let sections: Vec<_> = articles::section_names(session)
                .into_iter()
                .filter(|(dir, _)| !dir.contains('/'))
                .map(|(dir, name)| json!({ "dir": dir, "name": name }))
                .collect();
            let mut tags = std::collections::BTreeMap::new();
            let mut authors = std::collections::BTreeMap::new();
            let mut other = std::collections::BTreeMap::<String, usize>::new();
            for (_, doc) in session.documents() {
                let Ok(doc) = doc else { continue };
                for t in &doc.front.tags {
                    tags.entry(crate::search::fold(t)).or_insert_with(|| t.clone());
                }
                for a in &doc.front.authors {
                    authors.entry(crate::search::fold(a)).or_insert_with(|| a.clone());
                }
                for key in doc.front.extra.keys() {
                    *other.entry(key.clone()).or_default() += 1;
                }
            }
            // The site's own spelling of a term (the newest article's), where it has the term.
            if let Some(current) = session.current() {
                for taxonomy in &current.site().taxonomies {
                    let into = if taxonomy.name == "tags" { &mut tags } else { &mut authors };
                    if taxonomy.name == "tags" || taxonomy.name == "authors" {
                        for term in &taxonomy.terms {
                            into.insert(crate::search::fold(&term.name), term.name.clone());
                        }
                    }
                }
            }
            let deploy: Vec<_> = session
                .config()
                .map(|c| {
                    c.deploy
                        .iter()
                        .map(|t| json!({ "name": t.name, "shown": crate::publish::target::without_password(&t.url) }))
                        .collect()
                })
                .unwrap_or_default();
            let other_keys: Vec<String> = other.into_keys().collect();
            (sections, (tags.into_values().collect::<Vec<_>>(), authors.into_values().collect::<Vec<_>>()), other_keys, deploy)
        });
        let kind = history::kind(&root, discover::CONTENT_DIR);
        Json(json!({
            "language": state.lang().code(),
            "preview": state.shared.url(),
            "sections": sections,
            "terms": { "tags": terms.0, "author": terms.1 },
            "other_keys": other_keys,
            "history": { "kind": kind, "where": match kind { history::Kind::Git => "git", history::Kind::Local => history::LOCAL_DIR } },
            "deploy": deploy,
            "upload_limit": upload::LIMIT,
        }))
        .into_response()
    })
    .await
}

/// `GET /api/articles`: every article and page, newest first.
pub(super) async fn list(State(state): State<Arc<EditorState>>) -> Response {
    blocking(move || {
        let lang = state.lang();
        let rows = state
            .shared
            .with_session(|session| serde_json::to_vec(&json!({ "articles": articles::list(session, lang) })));
        match rows {
            Ok(bytes) => ([(axum::http::header::CONTENT_TYPE, "application/json")], bytes).into_response(),
            Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        }
    })
    .await
}

#[derive(Deserialize)]
pub(super) struct PathQuery {
    path: String,
}

/// `GET /api/article?path=…`: the file as the form shows it, and the digest it was opened at.
pub(super) async fn open(State(state): State<Arc<EditorState>>, Query(q): Query<PathQuery>) -> Response {
    blocking(move || {
        let file = match FilePath::new(&state, &q.path) {
            Ok(f) => f,
            Err(r) => return *r,
        };
        let lang = state.lang();
        let disk = file.place.disk();
        let bytes = match file.read(lang) {
            Ok(b) => b,
            Err(r) => return *r,
        };
        let text = String::from_utf8_lossy(&bytes).into_owned();
        // Opened afresh: the preview shows the file again, not an older unsaved text.
        let had_unsaved = state.shared.with_session(|s| s.set_unsaved(disk.clone(), None));
        if had_unsaved {
            let _ = state.shared.rebuild(
                &Changes::paths([disk.clone()]),
                &msg!("editor-discarded", path = file.shown.as_str()),
                Run::Saved,
            );
        }
        let (tz, known_problems, url, kind) = state.shared.with_session(|session| {
            let tz = session.config().map(|c| c.timezone.clone()).unwrap_or(jiff::tz::TimeZone::UTC);
            let mut problems = match session.documents().find(|(s, _)| **s == file.source) {
                Some((_, Err(ps))) => ps.clone(),
                _ => Vec::new(),
            };
            let url = session.current().and_then(|c| {
                problems.extend(c.warnings.iter().cloned());
                c.page_of(&file.source).map(|(e, id)| e.site.pages[id].path.as_str().to_string())
            });
            let kind = session.config().map_or(DocKind::of(&file.source), |c| DocKind::in_site(&file.source, c));
            (tz, problems, url, kind)
        });
        let parsed = content::parse_as(&file.source, &bytes, &tz, kind);
        let problems = articles::problems_of(&file.shown, &text, &known_problems, lang);
        let body = crate::content::front_matter::split(text.strip_prefix('\u{FEFF}').unwrap_or(&text))
            .map_or(text.as_str(), |s| s.body)
            .to_string();
        let (fields, present, other) = match &parsed {
            Ok(doc) => fields_of(doc, &text, &tz),
            Err(_) => (json!({}), Vec::new(), Vec::new()),
        };
        let translations = state.shared.with_session(|s| translations_of(s, &file.source));
        Json(json!({
            "path": file.shown,
            "digest": hex(&bytes),
            "kind": if kind == DocKind::Page { "page" } else { "article" },
            "url": url,
            "fields": fields,
            "present": present,
            "other": other,
            "body": crate::base::text::normalize(&body),
            "problems": problems,
            "readable": parsed.is_ok(),
            "body_line": parsed.as_ref().map_or(1, |d| d.body_line),
            "translations": translations,
        }))
        .into_response()
    })
    .await
}

/// An article's version in another edition of the site, as the article view shows it.
#[derive(Serialize)]
struct Translation {
    /// Its language's code (`en`) and name in itself (`English`).
    language: &'static str,
    name: &'static str,
    /// Its file, as shown (`content/mat-tran/ky-ket.en.md`): the one that is there, or the one
    /// a new translation is written to.
    path: String,
    exists: bool,
}

/// The article at `source` in each other edition of the site (none on a site of one language):
/// the page the last build paired with it (by file name or `translation_key:`), else the file
/// named as a translation of it, there or not.
fn translations_of(session: &crate::build::Session, source: &SourcePath) -> Vec<Translation> {
    let Some(config) = session.config().filter(|c| c.editions.len() > 1) else { return Vec::new() };
    let edition = crate::site::editions::edition_of(config, source);
    let twins = session.current().and_then(|c| {
        let (e, id) = c.page_of(source)?;
        let twins = e.site.pages[id].twins.iter().filter(|t| t.translated);
        Some(
            twins
                .filter_map(|t| {
                    let there = &c.editions.get(t.edition)?.site;
                    Some((t.edition, there.pages.iter().find(|p| p.path == t.path)?.source.clone()))
                })
                .collect::<Vec<_>>(),
        )
    });
    (0..config.editions.len())
        .filter(|&f| f != edition)
        .filter_map(|f| {
            let paired = twins.as_ref().and_then(|ts| ts.iter().find(|(e, _)| *e == f)).map(|(_, s)| s.clone());
            let file = paired.or_else(|| crate::site::editions::translation_file(config, source, f))?;
            let exists = session.root().join(discover::CONTENT_DIR).join(file.as_str()).is_file();
            let language = config.editions[f].language;
            Some(Translation {
                language: language.code(),
                name: language.native_name(),
                path: file.to_string(),
                exists,
            })
        })
        .collect()
}

#[derive(Deserialize)]
pub(super) struct TranslateRequest {
    path: String,
    language: String,
}

/// `POST /api/translate {path, language}`: the article's translation into `language`, made
/// where the site's editions look for it (`ky-ket.en.md` beside `ky-ket.md`) as a copy of the
/// article marked as a draft, for the editor to translate: it is published once the draft mark
/// is taken off. An existing translation is left as it is. Answers its `path`.
pub(super) async fn translate(State(state): State<Arc<EditorState>>, Json(r): Json<TranslateRequest>) -> Response {
    blocking(move || {
        let file = match FilePath::new(&state, &r.path) {
            Ok(f) => f,
            Err(r) => return *r,
        };
        let lang = state.lang();
        let target = state
            .shared
            .with_session(|s| translations_of(s, &file.source))
            .into_iter()
            .find(|t| t.language == r.language.trim());
        let Some(target) = target else {
            return error(
                StatusCode::UNPROCESSABLE_ENTITY,
                msg!("editor-no-edition", language = r.language.as_str()).text(lang),
            );
        };
        if target.exists {
            return Json(json!({ "path": target.path })).into_response();
        }
        let bytes = match file.read(lang) {
            Ok(b) => b,
            Err(r) => return *r,
        };
        let text = String::from_utf8_lossy(&bytes);
        let place = match Place::new(state.shared.root(), &target.path) {
            Ok(p) => p,
            Err(e) => return write_error(&e, lang),
        };
        // A draft, without the original's old addresses (which lead to the original alone).
        let mut copy = write::with_key(&place.disk(), &text, "draft", &Edit::Set(FieldValue::Bool(true)));
        for key in ["aliases", "redirect_from", "url", "permalink"] {
            copy = copy.and_then(|c| write::with_key(&place.disk(), &c, key, &Edit::Remove));
        }
        let draft = copy.and_then(|copy| write::create_bytes(&place, copy.as_bytes()));
        if let Err(e) = draft {
            return write_error(&e, lang);
        }
        let _ = state.shared.rebuild(
            &Changes::paths([place.disk()]),
            &msg!("editor-created", path = target.path.as_str()),
            Run::Saved,
        );
        Json(json!({ "path": target.path })).into_response()
    })
    .await
}

/// The keys the form has a field of its own for.
const FORM_KEYS: [&str; 9] =
    ["title", "date", "author", "tags", "summary", "image", "image_caption", "draft", "expires"];

/// The form's fields of a parsed document, which of them the file has, and its other
/// top-level keys (`pinned`, `weight`, a theme's own…) in the file's order: a text, a number
/// or true/false can be changed; anything else (a list, a map) is shown as it is.
fn fields_of(
    doc: &content::Document,
    text: &str,
    tz: &jiff::tz::TimeZone,
) -> (serde_json::Value, Vec<String>, Vec<serde_json::Value>) {
    let f = &doc.front;
    let fields = json!({
        "title": f.title.clone().unwrap_or_default(),
        "date": f.date.as_ref().map(|d| articles::local(d, tz)),
        "author": f.authors.join(", "),
        "tags": f.tags,
        "summary": f.summary.clone().unwrap_or_default(),
        "image": f.image.clone().unwrap_or_default(),
        "image_caption": f.image_caption.clone().unwrap_or_default(),
        "draft": f.draft,
        "expires": f.expires.as_ref().map(|d| articles::local(d, tz)),
    });
    let present = f.key_lines.keys().cloned().collect();
    let mapping = crate::content::front_matter::split(text.strip_prefix('\u{FEFF}').unwrap_or(text))
        .filter(|s| s.format == crate::content::front_matter::Format::Yaml)
        .and_then(|s| crate::base::yaml::parse::<crate::base::yaml::Mapping>(std::path::Path::new(""), s.yaml, 0).ok())
        .unwrap_or_default();
    let other = mapping
        .iter()
        .filter_map(|(key, value)| {
            use crate::base::yaml::Value;
            let key = key.as_str()?;
            // The lead photo's key of another generator is the form's "Ảnh đại diện".
            let lead_photo = key == f.image_at.0 && value.is_string();
            if FORM_KEYS.contains(&key) || lead_photo {
                return None;
            }
            let (value, editable) = match value {
                Value::String(s) => (json!(s), true),
                Value::Bool(b) => (json!(b), true),
                Value::Number(n) if n.is_i64() => (json!(n.as_i64()), true),
                Value::Null => (json!(""), true),
                other => (json!(crate::base::yaml::to_text(other)), false),
            };
            Some(json!({ "key": key, "value": value, "editable": editable }))
        })
        .collect();
    (fields, present, other)
}

/// One change of the form, as the page sends it.
#[derive(Debug, Deserialize)]
pub(super) struct EditIn {
    key: String,
    text: Option<String>,
    list: Option<Vec<String>>,
    bool: Option<bool>,
    time: Option<String>,
    integer: Option<i64>,
    #[serde(default)]
    remove: bool,
}

/// What the page sends to preview or save a file.
#[derive(Debug, Deserialize)]
pub(super) struct Change {
    path: String,
    digest: String,
    #[serde(default)]
    edits: Vec<EditIn>,
    body: Option<String>,
}

/// The file's text with the page's edits and body: every byte the page did not change kept.
fn apply(state: &EditorState, file: &FilePath, old: &str, change: &Change) -> Result<String, Vec<Shown>> {
    let lang = state.lang();
    let tz = crate::config::load(state.shared.root()).map(|c| c.timezone).unwrap_or(jiff::tz::TimeZone::UTC);
    let at = |key: &str, text: String| Shown { line: 1, column: 1, field: Some(key.to_string()), text, hint: None };
    let disk = file.place.disk();
    // The key the file writes its lead photo under (`thumbnail:`, `cover:` in migrated
    // sites): the form's "Ảnh đại diện" changes that one, rather than add an `image:` beside it.
    let image_key = content::parse(&file.source, old.as_bytes(), &tz).map_or("image", |d| d.front.image_at.0);
    let mut text = old.to_string();
    let mut refused = Vec::new();
    for e in &change.edits {
        let edit = match edit_of(e, old, &tz) {
            Ok(edit) => edit,
            Err(m) => {
                refused.push(at(&e.key, m.text(lang)));
                continue;
            }
        };
        let written = match (e.key.as_str(), image_key) {
            ("image", "image") => write::with_key(&disk, &text, &e.key, &edit),
            // A nested `cover: {image: …}` cannot be changed by one key: `image:` then wins.
            ("image", alias) => {
                write::with_key(&disk, &text, alias, &edit).or_else(|_| write::with_key(&disk, &text, &e.key, &edit))
            }
            _ => write::with_key(&disk, &text, &e.key, &edit),
        };
        match written {
            Ok(new) => text = new,
            Err(err) => refused.push(at(&e.key, err.message().text(lang))),
        }
    }
    if let Some(body) = &change.body {
        match write::with_body(&disk, &text, body) {
            Ok(new) => text = new,
            Err(err) => {
                refused.push(Shown { line: 1, column: 1, field: None, text: err.message().text(lang), hint: None })
            }
        }
    }
    if refused.is_empty() { Ok(text) } else { Err(refused) }
}

/// The writer's edit for one change of the form.
fn edit_of(e: &EditIn, old: &str, tz: &jiff::tz::TimeZone) -> Result<Edit, crate::base::messages::Message> {
    if e.remove {
        return Ok(Edit::Remove);
    }
    let value = if let Some(list) = &e.list {
        FieldValue::List(list.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect())
    } else if let Some(b) = e.bool {
        FieldValue::Bool(b)
    } else if let Some(n) = e.integer {
        FieldValue::Integer(n)
    } else if let Some(time) = &e.time {
        let civil: jiff::civil::DateTime = time.parse().map_err(|_| msg!("editor-bad-time", value = time.as_str()))?;
        FieldValue::Time(civil.to_zoned(tz.clone()).map_err(|_| msg!("editor-bad-time", value = time.as_str()))?)
    } else if let Some(text) = &e.text {
        // Several authors are a list; so is an author the file wrote as one.
        let was_list = e.key == "author" && key_is_list(old, "author");
        if e.key == "author" && (was_list || text.contains(',')) {
            FieldValue::List(text.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect())
        } else {
            FieldValue::Text(text.clone())
        }
    } else {
        return Err(msg!("editor-bad-edit", key = e.key.as_str()));
    };
    Ok(Edit::Set(value))
}

/// Whether `key` of the front matter of `text` is a list.
fn key_is_list(text: &str, key: &str) -> bool {
    let mut lines = text.lines().skip(1).take_while(|l| l.trim_end() != "---");
    let Some(line) = lines.find(|l| l.strip_prefix(key).is_some_and(|r| r.starts_with(':'))) else { return false };
    let value = line[key.len() + 1..].trim();
    value.starts_with('[') || (value.is_empty() && lines.next().is_some_and(|l| l.trim_start().starts_with("- ")))
}

use crate::commands::serve::Run;

/// `POST /api/preview`: rebuilds the preview with the page's unsaved text; its problems.
pub(super) async fn preview(State(state): State<Arc<EditorState>>, Json(change): Json<Change>) -> Response {
    blocking(move || {
        let started = Instant::now();
        let file = match FilePath::new(&state, &change.path) {
            Ok(f) => f,
            Err(r) => return *r,
        };
        let lang = state.lang();
        let disk = file.place.disk();
        let old = match file.read(lang) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(r) => return *r,
        };
        let text = match apply(&state, &file, &old, &change) {
            Ok(t) => t,
            Err(problems) => return Json(json!({ "url": null, "problems": problems, "ms": 0 })).into_response(),
        };
        state.shared.with_session(|s| s.set_unsaved(disk.clone(), Some(&text)));
        let result = state.shared.rebuild(
            &Changes::paths([disk.clone()]),
            &msg!("editor-previewed", path = file.shown.as_str()),
            Run::Unsaved(file.source.clone()),
        );
        let problems = match &result {
            Ok(report) => articles::problems_of(&file.shown, &text, &report.warnings, lang),
            Err(Error::Problems(ps)) => articles::problems_of(&file.shown, &text, ps, lang),
            Err(e) => vec![Shown { line: 1, column: 1, field: None, text: e.lines(lang).join("\n"), hint: None }],
        };
        let url = state.shared.with_session(|s| {
            s.current().and_then(|c| c.page_of(&file.source).map(|(e, id)| e.site.pages[id].path.as_str().to_string()))
        });
        Json(json!({ "url": url, "problems": problems, "ms": started.elapsed().as_millis() as u64 })).into_response()
    })
    .await
}

/// Saves are one at a time: the digest check and the write must not interleave.
static SAVING: Mutex<()> = Mutex::new(());

/// `POST /api/save`: writes the page's changes, unless the file changed since it was opened.
pub(super) async fn save(State(state): State<Arc<EditorState>>, Json(change): Json<Change>) -> Response {
    blocking(move || {
        let file = match FilePath::new(&state, &change.path) {
            Ok(f) => f,
            Err(r) => return *r,
        };
        let lang = state.lang();
        let _one = SAVING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let old_bytes = match file.read(lang) {
            Ok(b) => b,
            Err(r) => return *r,
        };
        let old = String::from_utf8_lossy(&old_bytes).into_owned();
        let text = match apply(&state, &file, &old, &change) {
            Ok(t) => t,
            Err(problems) => {
                let text = problems.iter().map(|p| p.text.clone()).collect::<Vec<_>>().join("\n");
                return error(StatusCode::UNPROCESSABLE_ENTITY, text);
            }
        };
        if hex(&old_bytes) != change.digest {
            return conflict(&old_bytes, &text);
        }
        let title = crate::content::parse(&file.source, text.as_bytes(), &jiff::tz::TimeZone::UTC)
            .ok()
            .and_then(|d| d.front.title)
            .unwrap_or_else(|| file.source.name().to_string());
        write_with_history(&state, &file, &old_bytes, &text, &title)
    })
    .await
}

/// The answer when the file on disk is not the one the page opened: both texts.
fn conflict(disk: &[u8], mine: &str) -> Response {
    let conflict = json!({ "conflict": { "disk": String::from_utf8_lossy(disk), "digest": hex(disk), "mine": mine } });
    (StatusCode::CONFLICT, Json(conflict)).into_response()
}

/// Writes `text` over the file (whose bytes were `old`), keeping the old text in the history
/// first; the new digest and text, and where the old one went. The file is read again just
/// before it is replaced: a change made meanwhile (a sync tool, `git pull`, another editor's
/// autosave) is answered as a conflict, not lost.
fn write_with_history(state: &EditorState, file: &FilePath, old: &[u8], text: &str, title: &str) -> Response {
    let lang = state.lang();
    let root = state.shared.root().to_path_buf();
    let kind = history::kind(&root, &file.shown);
    let kept = history::before_save(&root, kind, &file.shown, Some(old));
    if let Err(e) = &kept {
        return error(StatusCode::INTERNAL_SERVER_ERROR, msg!("editor-history-failed", reason = e.as_str()).text(lang));
    }
    match file.place.read() {
        Ok(now) if now == old => {}
        Ok(now) => return conflict(&now, text),
        Err(e) => return write_error(&e, lang),
    }
    if let Err(e) = write::save(&file.place, text) {
        return write_error(&e, lang);
    }
    let disk = file.place.disk();
    // Saved: the preview reads the file again.
    state.shared.with_session(|s| s.set_unsaved(disk.clone(), None));
    let committed = history::after_save(&root, kind, &file.shown, title);
    let said = match (kind, committed) {
        (history::Kind::Git, Ok(())) => msg!("editor-history-git"),
        (history::Kind::Git, Err(e)) => msg!("editor-history-git-failed", reason = e),
        (history::Kind::Local, _) => msg!("editor-history-local"),
    };
    let bytes = file.place.read().unwrap_or_default();
    Json(json!({ "digest": hex(&bytes), "saved": String::from_utf8_lossy(&bytes), "history": said.text(lang) }))
        .into_response()
}

fn write_error(e: &WriteError, lang: Lang) -> Response {
    error(StatusCode::UNPROCESSABLE_ENTITY, e.message().text(lang))
}

/// `POST /api/discard`: the preview shows the file again, not the page's unsaved text.
pub(super) async fn discard(State(state): State<Arc<EditorState>>, Json(q): Json<PathQuery>) -> Response {
    blocking(move || {
        let file = match FilePath::new(&state, &q.path) {
            Ok(f) => f,
            Err(r) => return *r,
        };
        let disk = file.place.disk();
        if state.shared.with_session(|s| s.set_unsaved(disk.clone(), None)) {
            let _ = state.shared.rebuild(
                &Changes::paths([disk]),
                &msg!("editor-discarded", path = file.shown.as_str()),
                Run::Saved,
            );
        }
        Json(json!({})).into_response()
    })
    .await
}

#[derive(Deserialize)]
pub(super) struct NewArticle {
    title: String,
    section: Option<String>,
    new_section: Option<String>,
}

/// `POST /api/new`: a draft in a section (a new one named in Vietnamese gets its folder and
/// `_index.md`), written at once.
pub(super) async fn create(State(state): State<Arc<EditorState>>, Json(n): Json<NewArticle>) -> Response {
    blocking(move || {
        let lang = state.lang();
        let root = state.shared.root().to_path_buf();
        let section = match (&n.section, &n.new_section) {
            (_, Some(name)) if !name.trim().is_empty() => {
                let Some(slug) = crate::base::paths::Slug::from_text(name.trim()) else {
                    return error(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        msg!("new-no-letters", title = name.as_str()).text(lang),
                    );
                };
                let index = format!("{}/{}/_index.md", discover::CONTENT_DIR, slug.as_str());
                let place = match Place::new(&root, &index) {
                    Ok(p) => p,
                    Err(e) => return write_error(&e, lang),
                };
                match write::create(&place, &[("title", FieldValue::Text(name.trim().to_string()))], "") {
                    Ok(()) | Err(WriteError::Exists { .. }) => {}
                    Err(e) => return write_error(&e, lang),
                }
                slug.as_str().to_string()
            }
            // An existing section's folder, as /api/site gives them, or a plain new one.
            (Some(dir), _)
                if crate::base::paths::Slug::is_valid_path(dir.trim())
                    || state.shared.with_session(|s| articles::section_names(s).contains_key(dir.trim())) =>
            {
                dir.trim().to_string()
            }
            _ => return error(StatusCode::UNPROCESSABLE_ENTITY, msg!("editor-no-section").text(lang)),
        };
        match crate::commands::new::new_article(&root, &section, n.title.trim(), crate::commands::new::Body::Empty) {
            Ok(path) => {
                let rel = path.strip_prefix(&root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
                let _ = state.shared.rebuild(
                    &Changes::paths([path.clone()]),
                    &msg!("editor-created", path = rel.as_str()),
                    Run::Saved,
                );
                Json(json!({ "path": rel })).into_response()
            }
            Err(e) => error(StatusCode::UNPROCESSABLE_ENTITY, e.lines(lang).join("\n")),
        }
    })
    .await
}

#[derive(Deserialize)]
pub(super) struct UploadQuery {
    path: String,
    name: String,
}

/// `POST /api/upload?path=…&name=…`: a photo or a PDF saved beside the article.
pub(super) async fn upload(
    State(state): State<Arc<EditorState>>,
    Query(q): Query<UploadQuery>,
    bytes: Bytes,
) -> Response {
    blocking(move || {
        let file = match FilePath::new(&state, &q.path) {
            Ok(f) => f,
            Err(r) => return *r,
        };
        let lang = state.lang();
        let settings = crate::config::load(state.shared.root()).map(|c| c.images).unwrap_or_default();
        match upload::store(state.shared.root(), &file.shown, &q.name, &bytes, &settings) {
            Ok(stored) => {
                let dir = file.shown.rsplit_once('/').map_or("", |(d, _)| d);
                let made = format!("{dir}/{}", stored.file);
                state.uploads.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(made);
                Json(stored).into_response()
            }
            Err(upload::Refused::TooLarge) => error(
                StatusCode::PAYLOAD_TOO_LARGE,
                msg!("editor-upload-too-large", limit = (upload::LIMIT / 1024 / 1024) as u64).text(lang),
            ),
            Err(upload::Refused::Unusable(m, hint)) => {
                let text = match hint {
                    Some(h) => format!("{} — {}", m.text(lang), h.text(lang)),
                    None => m.text(lang),
                };
                error(StatusCode::UNPROCESSABLE_ENTITY, text)
            }
            Err(upload::Refused::Write(e)) => write_error(&e, lang),
        }
    })
    .await
}

#[derive(Deserialize)]
pub(super) struct UnusedUpload {
    path: String,
    file: String,
}

/// `POST /api/unused-upload`: a photo uploaded for the article at `path` that the editor then
/// did not insert is removed, if this run's upload made it (no other file is ever removed).
pub(super) async fn unused_upload(State(state): State<Arc<EditorState>>, Json(u): Json<UnusedUpload>) -> Response {
    blocking(move || {
        let file = match FilePath::new(&state, &u.path) {
            Ok(f) => f,
            Err(r) => return *r,
        };
        let dir = file.shown.rsplit_once('/').map_or("", |(d, _)| d);
        let made = format!("{dir}/{}", u.file);
        let ours = state.uploads.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(&made);
        if !ours || u.file.contains('/') {
            return Json(json!({ "removed": false })).into_response();
        }
        match Place::new(state.shared.root(), &made).and_then(|place| write::remove(&place)) {
            Ok(()) => Json(json!({ "removed": true })).into_response(),
            Err(e) => write_error(&e, state.lang()),
        }
    })
    .await
}

/// `GET /api/history?path=…`: the versions that can be brought back.
pub(super) async fn history(State(state): State<Arc<EditorState>>, Query(q): Query<PathQuery>) -> Response {
    blocking(move || {
        let file = match FilePath::new(&state, &q.path) {
            Ok(f) => f,
            Err(r) => return *r,
        };
        let root = state.shared.root();
        let kind = history::kind(root, &file.shown);
        Json(json!({ "kind": kind, "versions": history::versions(root, kind, &file.shown) })).into_response()
    })
    .await
}

#[derive(Deserialize)]
pub(super) struct RestoreIn {
    path: String,
    id: String,
    /// The file's digest as the page has it: a file changed since is not replaced in silence.
    digest: Option<String>,
}

/// `POST /api/restore`: a version brought back, as a save (the text it replaces is kept).
pub(super) async fn restore(State(state): State<Arc<EditorState>>, Json(r): Json<RestoreIn>) -> Response {
    blocking(move || {
        let file = match FilePath::new(&state, &r.path) {
            Ok(f) => f,
            Err(r) => return *r,
        };
        let lang = state.lang();
        let root = state.shared.root().to_path_buf();
        let kind = history::kind(&root, &file.shown);
        let Some(bytes) = history::read(&root, kind, &file.shown, &r.id) else {
            return error(StatusCode::NOT_FOUND, msg!("editor-no-version").text(lang));
        };
        let _one = SAVING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let old = match file.read(lang) {
            Ok(b) => b,
            Err(r) => return *r,
        };
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if r.digest.as_ref().is_some_and(|d| *d != hex(&old)) {
            return conflict(&old, &text);
        }
        let title = msg!("editor-restored-title").text(lang);
        write_with_history(&state, &file, &old, &text, &title)
    })
    .await
}

/// A deploy started from the editor, as the page polls it.
#[derive(Debug, Default, Clone, Serialize)]
pub(crate) struct DeployStatus {
    running: bool,
    done: usize,
    total: usize,
    bytes: u64,
    result: Option<serde_json::Value>,
}

/// Counts what a deploy sends, for the page.
struct Counting(Arc<Mutex<DeployStatus>>);

impl crate::publish::Progress for Counting {
    fn planned(&self, files: usize, _bytes: u64) {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).total = files;
    }
    fn sent(&self, _path: &str, bytes: u64) {
        let mut s = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        s.done += 1;
        s.bytes += bytes;
    }
}

#[derive(Deserialize)]
pub(super) struct DeployIn {
    target: Option<String>,
}

/// `POST /api/deploy`: builds and publishes to a target of `deploy:`, in the background.
pub(super) async fn deploy(State(state): State<Arc<EditorState>>, Json(d): Json<DeployIn>) -> Response {
    let status = Arc::clone(&state.deploy);
    {
        let mut s = status.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if s.running {
            return error(StatusCode::CONFLICT, msg!("editor-deploy-running").text(state.lang()));
        }
        *s = DeployStatus { running: true, ..DeployStatus::default() };
    }
    let root: PathBuf = state.shared.root().to_path_buf();
    let lang = state.lang();
    std::thread::spawn(move || {
        let options = crate::build::Options::new(&root);
        let choice = crate::commands::deploy::Choice { name: d.target, to: None };
        let progress = Counting(Arc::clone(&status));
        let result =
            crate::commands::deploy::deploy(&options, &choice, &crate::publish::Settings::default(), &progress);
        let said = match result {
            Ok((_, r)) => json!({ "ok": true, "text": msg!(
                "editor-deployed",
                target = r.target.as_str(),
                sent = r.sent.len(),
                deleted = r.deleted.len(),
                unchanged = r.unchanged
            ).text(lang) }),
            Err(e) => json!({ "ok": false, "text": e.lines(lang).join("\n") }),
        };
        let mut s = status.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        s.running = false;
        s.result = Some(said);
    });
    Json(json!({})).into_response()
}

/// `GET /api/deploy`: how the last deploy goes.
pub(super) async fn deploy_status(State(state): State<Arc<EditorState>>) -> Response {
    let s = state.deploy.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
    Json(s).into_response()
}
