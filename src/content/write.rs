//! Writing the site's own files: the one place where bantin changes `content/` and `static/`
//! (`bantin new` today, the web editor's "Soạn bài" next).
//!
//! What every write here guarantees:
//!
//! - **Only inside `content/` or `static/`.** A [`Place`] is checked once: a relative path of
//!   plain names, under one of those two folders. Absolute paths, `..`, `.`, empty parts, `\`
//!   and any other folder are refused ([`WriteError::NotInSite`]); so is a folder on the way
//!   that is a link leading outside `content/` (or `static/`) wherever that folder itself is
//!   ([`WriteError::Outside`]), and a file that is itself a link ([`WriteError::Link`]):
//!   bantin changes files, never what a link points to. Folders are checked again after the
//!   missing ones are made.
//! - **Atomic.** The new bytes go to a hidden temporary file in the same folder (`.name.….tmp`,
//!   which the build ignores, see `discover::is_ignored`), are flushed to the disk, and only
//!   then renamed over the file, and the folder is flushed. Killed at any moment, the file is
//!   either the old one or the new one, never half of each (at worst a hidden temporary file
//!   is left beside it); on any failure the old file stays as it was and the temporary file is
//!   removed. A replaced file keeps its permissions (not its owner, nor other hard links to
//!   it: those keep the old text).
//! - **No overwriting on create.** [`create`] refuses a path where anything is, a dangling
//!   link included ([`WriteError::Exists`]), and puts the new file in place with a hard link,
//!   which fails rather than replace a file made in the meantime.
//! - **The file's own conventions.** A UTF-8 byte order mark, CRLF line ends and the presence
//!   or absence of a final newline are kept as the file had them. Text bantin writes (values,
//!   bodies) is NFC with `\n` line ends, as bantin reads every file; bytes it does not change
//!   are left as they are.
//! - **One key, every other byte kept.** [`set_key`] changes, adds (at the end of the front
//!   matter) or removes one top-level key of a YAML front matter: comments, blank lines, the
//!   order and quoting of other keys and the body stay byte for byte. A value keeps the style
//!   it was written in where the new value can be written so (plain, `'…'`, `"…"`, a `|`
//!   block for several lines, a block list), and is double-quoted with escapes otherwise (a
//!   new key's text always is, as `bantin new` writes it), so a title with `:`, `#`, a
//!   leading `-`, quotes or several lines reads back exactly. Before anything is written, the new front matter is read again (as
//!   the build reads it) and must give every other key exactly as before, in the same order,
//!   this key exactly the value set, and the same body; otherwise nothing is written
//!   ([`WriteError::Key`]: an alias `*` of the key's anchor, a key YAML reads as `true`…).
//!   TOML (`+++`) and JSON front matter are refused ([`WriteError::NotYaml`]), as is a front
//!   matter that cannot be read as it is ([`WriteError::Unreadable`]): a change there would
//!   be a guess. Only top-level keys written plainly at the start of a line are changed
//!   (`"title": …` or `{title: …}` are refused).
//! - **Nothing unpublishable.** A value with a character no page may hold (a control
//!   character) is refused ([`WriteError::Invisible`]) rather than written for the build to
//!   refuse later.
//! - **No lost update is detected**: of two writers of one file, the last wins. An editor
//!   that must not lose a change made meanwhile compares the file with what it read first.
//!
//! The calls: [`Place::new`] once per path, then [`create`] (a new article, as `bantin new`
//! makes it), [`set_key`] (one front matter key), [`save`] (the whole text, as the editor has
//! it), [`with_body`] (a new body, on a text in memory), [`save_bytes`] (a photo for
//! `static/`), [`create_bytes`] (a photo an editor adds) or [`remove`] (one added and not
//! used). [`with_key`] is the same change on a text in memory, for a preview. Each returns a
//! [`WriteError`] that says itself in the site's language.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::base::error::{Error, Problem};
use crate::base::messages::Message;
use crate::base::yaml::{self, Mapping, Value};
use crate::content::front_matter::{self, Format};
use crate::msg;

/// The folders of a site that bantin writes into.
const WRITABLE: [&str; 2] = ["content", "static"];

/// A file of a site that may be written: inside `content/` or `static/`, by a path of plain
/// names. Links on the way are checked when writing, as they may change in between.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The site folder.
    root: PathBuf,
    /// `content` or `static`.
    folder: &'static str,
    /// The parts of the path after the folder; the last is the file's name.
    parts: Vec<String>,
}

impl Place {
    /// The file at `relative` (`content/tin-tuc/bai.md`, with `/`) of the site at `root`.
    pub fn new(root: &Path, relative: &str) -> Result<Place, WriteError> {
        let refuse = |reason: Message| Err(WriteError::NotInSite { path: relative.to_string(), reason });
        if relative.starts_with('/') || Path::new(relative).is_absolute() {
            return refuse(msg!("write-absolute"));
        }
        if relative.contains(['\\', '\0']) {
            return refuse(msg!("write-bad-character"));
        }
        let mut parts = relative.split('/');
        let first = parts.next().unwrap_or("");
        let Some(folder) = WRITABLE.iter().copied().find(|f| *f == first) else {
            return refuse(msg!("write-other-folder"));
        };
        let parts: Vec<String> = parts.map(str::to_string).collect();
        if parts.iter().any(|p| p.is_empty() || p == "." || p == "..") {
            return refuse(msg!("write-dots"));
        }
        if parts.is_empty() {
            return refuse(msg!("write-no-file"));
        }
        Ok(Place { root: root.to_path_buf(), folder, parts })
    }

    /// Where the file is on disk (the site folder joined part by part).
    pub fn disk(&self) -> PathBuf {
        let mut path = self.root.join(self.folder);
        path.extend(&self.parts);
        path
    }

    /// The file's bytes, read as bantin writes: only a file inside `content/` (or `static/`),
    /// not a link, not through a folder that leads outside (the editor shows and changes
    /// nothing it could not write).
    pub fn read(&self) -> Result<Vec<u8>, WriteError> {
        self.check_inside()?;
        let disk = self.disk();
        if !self.check_file()? {
            return Err(WriteError::Io { path: disk, source: std::io::ErrorKind::NotFound.into() });
        }
        std::fs::read(&disk).map_err(|source| WriteError::Io { path: disk, source })
    }

    /// The folder the file is in, on disk.
    fn dir(&self) -> PathBuf {
        let mut path = self.root.join(self.folder);
        path.extend(&self.parts[..self.parts.len() - 1]);
        path
    }

    /// Refuses a folder on the way that leads outside `content/` (or `static/`).
    fn check_inside(&self) -> Result<(), WriteError> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| WriteError::Io { path, source }
        };
        let top = self.root.join(self.folder);
        let dir = self.dir();
        let (real_top, real_dir) = (real(&top).map_err(io(&top))?, real(&dir).map_err(io(&dir))?);
        if real_dir.starts_with(&real_top) { Ok(()) } else { Err(WriteError::Outside { path: dir }) }
    }

    /// Refuses a file that is a link (or not a file at all); `Ok(false)` if there is none.
    fn check_file(&self) -> Result<bool, WriteError> {
        let disk = self.disk();
        match std::fs::symlink_metadata(&disk) {
            Ok(meta) if meta.file_type().is_symlink() => Err(WriteError::Link { path: disk }),
            Ok(meta) if !meta.is_file() => Err(WriteError::NotText { path: disk }),
            Ok(_) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(source) => Err(WriteError::Io { path: disk, source }),
        }
    }
}

/// The real path of `path`: its longest existing part with links resolved, then the rest
/// as written (a [`Place`] has no `..` to make that wrong).
fn real(path: &Path) -> std::io::Result<PathBuf> {
    let path = std::path::absolute(path)?;
    let mut rest = Vec::new();
    let mut existing = path.as_path();
    loop {
        match existing.canonicalize() {
            Ok(mut real) => {
                real.extend(rest.iter().rev());
                return Ok(real);
            }
            Err(e) => {
                let (Some(parent), Some(name)) = (existing.parent(), existing.file_name()) else { return Err(e) };
                rest.push(name);
                existing = parent;
            }
        }
    }
}

/// Why a write was refused, or what failed. Each says itself in the reader's language
/// ([`WriteError::message`]); callers may say some in their own words (`bantin new`).
#[derive(Debug)]
pub enum WriteError {
    /// Not a plain relative path to a file inside `content/` or `static/`.
    NotInSite {
        /// The path as given.
        path: String,
        /// What is wrong with it.
        reason: Message,
    },
    /// A folder on the way is a link that leads outside `content/` (or `static/`).
    Outside {
        /// The folder the file would be in.
        path: PathBuf,
    },
    /// The file is a symbolic link.
    Link {
        /// The file.
        path: PathBuf,
    },
    /// [`create`] found something at the path.
    Exists {
        /// The file.
        path: PathBuf,
    },
    /// The file is not UTF-8 text (or not a regular file).
    NotText {
        /// The file.
        path: PathBuf,
    },
    /// The file has no front matter, or it is not closed.
    NoFrontMatter {
        /// The file.
        path: PathBuf,
    },
    /// The front matter is TOML or JSON, which bantin does not change key by key.
    NotYaml {
        /// The file.
        path: PathBuf,
        /// `TOML` or `JSON`.
        format: &'static str,
    },
    /// The front matter cannot be read as it is: the problem, at its line.
    Unreadable(Box<Problem>),
    /// The key cannot be changed here.
    Key {
        /// The key.
        key: String,
        /// Why.
        reason: Message,
    },
    /// A value holds a character that can never be published.
    Invisible {
        /// The key whose value holds it.
        key: String,
        /// The character.
        character: char,
    },
    /// The file system refused.
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

impl WriteError {
    /// What went wrong, in words for the editor.
    pub fn message(&self) -> Message {
        match self {
            WriteError::NotInSite { path, reason } => msg!("write-not-in-site", path = path, reason = reason.clone()),
            WriteError::Outside { path } => msg!("write-outside", path = path),
            WriteError::Link { path } => msg!("write-link", path = path),
            WriteError::Exists { path } => msg!("write-exists", path = path),
            WriteError::NotText { path } => msg!("write-not-text", path = path),
            WriteError::NoFrontMatter { path } => msg!("write-no-front-matter", path = path),
            WriteError::NotYaml { path, format } => msg!("write-not-yaml", path = path, format = *format),
            WriteError::Unreadable(problem) => {
                msg!("write-unreadable", path = &problem.path, line = problem.line, reason = problem.message.clone())
            }
            WriteError::Key { key, reason } => msg!("write-key", key = key, reason = reason.clone()),
            WriteError::Invisible { key, character } => {
                msg!("write-invisible", key = key, code = crate::base::text::code_point(*character))
            }
            WriteError::Io { path, source } => msg!("write-io", path = path, reason = source.to_string()),
        }
    }
}

impl From<WriteError> for Error {
    fn from(e: WriteError) -> Error {
        match e {
            WriteError::Io { path, source } => Error::Io { path, source },
            WriteError::Unreadable(problem) => Error::problems(vec![*problem]),
            e => Error::Usage(e.message()),
        }
    }
}

/// A value of a front matter key, as the editor sets it.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    /// Text (a title, a summary of several lines…).
    Text(String),
    /// `true` or `false`.
    Bool(bool),
    /// A whole number (`weight`).
    Integer(i64),
    /// A day, written `2023-04-06`.
    Day(jiff::civil::Date),
    /// A moment, written `2023-04-06T08:30:00+07:00` in its zone (to the second).
    Time(jiff::Zoned),
    /// A list of texts (`tags`, `author`, `aliases`).
    List(Vec<String>),
}

impl FieldValue {
    /// The value with its texts as bantin reads them (NFC, `\n` line ends).
    fn normalized(&self) -> FieldValue {
        let text = |s: &str| crate::base::text::normalize(s);
        match self {
            FieldValue::Text(s) => FieldValue::Text(text(s)),
            FieldValue::List(items) => FieldValue::List(items.iter().map(|s| text(s)).collect()),
            other => other.clone(),
        }
    }

    /// The first character of its texts that can never be published, if any.
    fn invisible(&self) -> Option<char> {
        let find = |s: &str| s.chars().find(|&c| crate::base::text::is_unpublishable(c));
        match self {
            FieldValue::Text(s) => find(s),
            FieldValue::List(items) => items.iter().find_map(|s| find(s)),
            _ => None,
        }
    }

    /// The value as YAML gives it back.
    fn as_yaml(&self) -> Value {
        match self {
            FieldValue::Text(s) => Value::String(s.clone()),
            FieldValue::Bool(b) => Value::Bool(*b),
            FieldValue::Integer(n) => Value::Number((*n).into()),
            FieldValue::Day(_) | FieldValue::Time(_) => Value::String(self.scalar()),
            FieldValue::List(items) => Value::Sequence(items.iter().cloned().map(Value::String).collect()),
        }
    }

    /// How a value that is not text nor a list is written.
    fn scalar(&self) -> String {
        match self {
            FieldValue::Bool(b) => b.to_string(),
            FieldValue::Integer(n) => n.to_string(),
            FieldValue::Day(d) => d.strftime("%Y-%m-%d").to_string(),
            FieldValue::Time(t) => t.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            FieldValue::Text(s) => double_quoted(s),
            FieldValue::List(_) => String::new(),
        }
    }
}

/// What to do with one key of the front matter.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Give it this value (adding it at the end of the front matter when it is not there).
    Set(FieldValue),
    /// Take it out (nothing happens when it is not there).
    Remove,
}

/// Writes a new file at `place`: YAML front matter with `fields` in their order, then `body`.
/// Refuses to overwrite anything.
pub fn create(place: &Place, fields: &[(&str, FieldValue)], body: &str) -> Result<(), WriteError> {
    let disk = place.disk();
    // A link counts as a file, even one whose target is gone: nothing is written through it.
    if std::fs::symlink_metadata(&disk).is_ok() {
        return Err(WriteError::Exists { path: disk });
    }
    let text = new_text(fields, body)?;
    prepare_dir(place)?;
    write_new(&disk, text.as_bytes())
}

/// The text of a new file with these front matter fields and body.
pub(crate) fn new_text(fields: &[(&str, FieldValue)], body: &str) -> Result<String, WriteError> {
    let mut text = String::from("---\n");
    for (key, value) in fields {
        check_key(key)?;
        let value = checked(key, value)?;
        text.push_str(&entry(key, &value, &Written::default(), "\n"));
    }
    text.push_str("---\n");
    text.push_str(&crate::base::text::normalize(body));
    Ok(text)
}

/// Replaces the whole text of the file at `place` (or creates it), keeping the old file's
/// byte order mark, line ends and final newline (or lack of one).
pub fn save(place: &Place, text: &str) -> Result<(), WriteError> {
    let disk = place.disk();
    place.check_inside()?;
    let exists = place.check_file()?;
    let text = crate::base::text::normalize(text);
    let text = if exists { Conventions::of(&read(&disk)?).apply(&text) } else { text };
    prepare_dir(place)?;
    replace(&disk, text.as_bytes())
}

/// Writes `bytes` at `place` as a new file (a photo an editor adds); refuses to overwrite
/// anything ([`WriteError::Exists`]).
pub fn create_bytes(place: &Place, bytes: &[u8]) -> Result<(), WriteError> {
    let disk = place.disk();
    if std::fs::symlink_metadata(&disk).is_ok() {
        return Err(WriteError::Exists { path: disk });
    }
    prepare_dir(place)?;
    write_new(&disk, bytes)
}

/// Removes the file at `place` (a photo an editor added, then chose not to use): a file
/// only, never a link, nor through a folder that leads outside. Nothing there: nothing to do.
pub fn remove(place: &Place) -> Result<(), WriteError> {
    place.check_inside()?;
    if !place.check_file()? {
        return Ok(());
    }
    let disk = place.disk();
    std::fs::remove_file(&disk).map_err(|source| WriteError::Io { path: disk.clone(), source })?;
    sync_dir(&disk);
    Ok(())
}

/// Writes `bytes` at `place` as they are (a photo for `static/`), replacing what is there.
pub fn save_bytes(place: &Place, bytes: &[u8]) -> Result<(), WriteError> {
    place.check_inside()?;
    place.check_file()?;
    prepare_dir(place)?;
    replace(&place.disk(), bytes)
}

/// Changes one key of the YAML front matter of the file at `place`, keeping every other byte.
pub fn set_key(place: &Place, key: &str, edit: &Edit) -> Result<(), WriteError> {
    let disk = place.disk();
    place.check_inside()?;
    if !place.check_file()? {
        return Err(WriteError::Io { path: disk, source: std::io::ErrorKind::NotFound.into() });
    }
    let old = read(&disk)?;
    let new = with_key(&disk, &old, key, edit)?;
    if new != old { replace(&disk, new.as_bytes()) } else { Ok(()) }
}

/// Reads a file bantin may change as text.
fn read(disk: &Path) -> Result<String, WriteError> {
    let bytes = crate::base::text::read_text_file(disk)
        .map_err(|source| WriteError::Io { path: disk.to_path_buf(), source })?;
    String::from_utf8(bytes).map_err(|_| WriteError::NotText { path: disk.to_path_buf() })
}

/// Checks the folders on the way, makes those missing, and checks again (a link made in
/// between would show now).
fn prepare_dir(place: &Place) -> Result<(), WriteError> {
    place.check_inside()?;
    let dir = place.dir();
    std::fs::create_dir_all(&dir).map_err(|source| WriteError::Io { path: dir, source })?;
    place.check_inside()
}

/// How a text file is written: what bantin's reading takes away, and is put back on writing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Conventions {
    bom: bool,
    crlf: bool,
    final_newline: bool,
}

impl Conventions {
    /// The conventions of `text` as it is on disk: CRLF when its first line ends so.
    fn of(text: &str) -> Conventions {
        Conventions {
            bom: text.starts_with('\u{FEFF}'),
            crlf: text.find('\n').is_some_and(|i| text[..i].ends_with('\r')),
            final_newline: text.ends_with('\n'),
        }
    }

    /// `text` (NFC, `\n`) written with these conventions.
    fn apply(self, text: &str) -> String {
        let mut text = text.strip_prefix('\u{FEFF}').unwrap_or(text).to_string();
        match (self.final_newline, text.ends_with('\n')) {
            (true, false) if !text.is_empty() => text.push('\n'),
            (false, true) => {
                text.pop();
            }
            _ => {}
        }
        if self.crlf {
            text = text.replace('\n', "\r\n");
        }
        if self.bom {
            text.insert(0, '\u{FEFF}');
        }
        text
    }
}

/// Refuses a key that is not a plain name (`title`, `image_caption`, `sort-by`).
fn check_key(key: &str) -> Result<(), WriteError> {
    let plain = !key.is_empty()
        && !key.starts_with('-')
        && key.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if plain { Ok(()) } else { Err(WriteError::Key { key: key.to_string(), reason: msg!("write-key-not-name") }) }
}

/// The value as it will be written: normalised, and refused with an unpublishable character.
fn checked(key: &str, value: &FieldValue) -> Result<FieldValue, WriteError> {
    let value = value.normalized();
    match value.invisible() {
        Some(character) => Err(WriteError::Invisible { key: key.to_string(), character }),
        None => Ok(value),
    }
}

/// `text` (a whole file) with one key of its YAML front matter changed; `path` is for messages.
pub fn with_key(path: &Path, text: &str, key: &str, edit: &Edit) -> Result<String, WriteError> {
    check_key(key)?;
    let edit = match edit {
        Edit::Set(value) => Edit::Set(checked(key, value)?),
        Edit::Remove => Edit::Remove,
    };
    let (bom, text) = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => ("\u{FEFF}", rest),
        None => ("", text),
    };
    let split = front_matter::split(text).ok_or_else(|| WriteError::NoFrontMatter { path: path.to_path_buf() })?;
    match split.format {
        Format::Yaml => {}
        Format::Toml => return Err(WriteError::NotYaml { path: path.to_path_buf(), format: "TOML" }),
        Format::Json => return Err(WriteError::NotYaml { path: path.to_path_buf(), format: "JSON" }),
    }
    let start = split.yaml.as_ptr() as usize - text.as_ptr() as usize;
    let end = start + split.yaml.len();
    let old = mapping_of(path, text)?;
    let eol = if Conventions::of(text).crlf { "\r\n" } else { "\n" };
    let region = edited_region(split.yaml, key, &edit, old.contains_key(key), eol)?;
    let new = format!("{bom}{}{region}{}", &text[..start], &text[end..]);
    // The proof: the new front matter reads as the old one with this one change, and the
    // body is the same bytes.
    let mut expected = old;
    match &edit {
        Edit::Set(value) => {
            expected.insert(Value::String(key.to_string()), value.as_yaml());
        }
        Edit::Remove => {
            expected.shift_remove(key);
        }
    }
    let body_kept = front_matter::split(&new[bom.len()..]).is_some_and(|s| s.body == split.body);
    let same = mapping_of(path, &new[bom.len()..]).is_ok_and(|m| m.iter().eq(expected.iter()));
    if body_kept && same {
        Ok(new)
    } else {
        Err(WriteError::Key { key: key.to_string(), reason: msg!("write-key-other-keys") })
    }
}

/// `text` (a whole file) with its body, everything after the front matter's closing line,
/// replaced by `body` (NFC, written with the file's line ends); the front matter stays byte
/// for byte. `path` is for messages.
pub fn with_body(path: &Path, text: &str, body: &str) -> Result<String, WriteError> {
    let (bom, rest) = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => ("\u{FEFF}", rest),
        None => ("", text),
    };
    let split = front_matter::split(rest).ok_or_else(|| WriteError::NoFrontMatter { path: path.to_path_buf() })?;
    let keep = rest.len() - split.body.len();
    let body = crate::base::text::normalize(body);
    if let Some(character) = body.chars().find(|&c| crate::base::text::is_unpublishable(c)) {
        return Err(WriteError::Invisible { key: "body".into(), character });
    }
    let crlf = Conventions::of(rest).crlf;
    let front = &rest[..keep];
    // A closing fence on the file's last line, without a line end: the body starts on a line
    // of its own.
    let eol = if front.ends_with('\n') || body.is_empty() {
        ""
    } else if crlf {
        "\r\n"
    } else {
        "\n"
    };
    let written = if crlf { body.replace('\n', "\r\n") } else { body.clone() };
    let new = format!("{bom}{front}{eol}{written}");
    // The proof, as for a key: read again, the file has the same front matter and this body.
    let again = crate::base::text::normalize(&new[bom.len()..]);
    let same = front_matter::split(&again)
        .is_some_and(|s| s.yaml == crate::base::text::normalize(split.yaml) && s.body == body);
    if same { Ok(new) } else { Err(WriteError::Key { key: "body".into(), reason: msg!("write-key-other-keys") }) }
}

/// The front matter of a file's text as bantin's reader gets it (NFC, `\n` line ends).
fn mapping_of(path: &Path, text: &str) -> Result<Mapping, WriteError> {
    let text = crate::base::text::normalize(text);
    let Some(split) = front_matter::split(&text) else {
        return Err(WriteError::NoFrontMatter { path: path.to_path_buf() });
    };
    if split.yaml.trim().is_empty() {
        return Ok(Mapping::new());
    }
    yaml::parse(path, split.yaml, split.first_line - 1).map_err(|p| WriteError::Unreadable(Box::new(p)))
}

/// The front matter's text (between the fences) with the key changed, added or removed.
fn edited_region(yaml: &str, key: &str, edit: &Edit, present: bool, eol: &str) -> Result<String, WriteError> {
    let found = find_entry(yaml, key);
    let (range, written) = match (found, present) {
        (Some((range, written)), true) => (range, written),
        // Written in a form not found line by line (`"title": …`, `{title: …}`).
        (None, true) => return Err(WriteError::Key { key: key.to_string(), reason: msg!("write-key-form") }),
        (_, false) => (yaml.len()..yaml.len(), Written::default()),
    };
    let new_entry = match edit {
        Edit::Set(value) => entry(key, value, &written, eol),
        Edit::Remove => String::new(),
    };
    Ok(format!("{}{new_entry}{}", &yaml[..range.start], &yaml[range.end..]))
}

/// How the old value of a key was written, for writing the new one alike.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Written {
    /// The quoting of a text on the key's line.
    style: Style,
    /// The start of the lines of a block list (`  - `), when the value was one.
    block_item: Option<String>,
    /// The indentation of the value's second line, when it has one (a `|` block).
    indent: Option<String>,
    /// A comment after a value on one line (` # …`), kept after the new value.
    comment: String,
}

/// How a text is quoted.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Single,
    /// A `|` or `>` block, written as a `|` block when the text has several lines.
    Block,
    /// The default for a new key: always possible, and what `bantin new` writes.
    #[default]
    Double,
}

/// The byte range of the lines of the top-level `key:` in the YAML text (its line and the
/// lines of its value), and how its value was written; `None` when no line starts with it.
fn find_entry(yaml: &str, key: &str) -> Option<(std::ops::Range<usize>, Written)> {
    let mut offset = 0;
    let mut lines = yaml.split_inclusive('\n');
    let (start, first) = loop {
        let line = lines.next()?;
        let at = offset;
        offset += line.len();
        if let Some(rest) = line.strip_prefix(key)
            && let Some(value) = rest.trim_start_matches([' ', '\t']).strip_prefix(':')
            && (value.is_empty() || value.starts_with([' ', '\t', '\r', '\n']))
        {
            break (at, value);
        }
    };
    // The value's lines: indented ones, and `- ` items at the left edge; blank lines and
    // comments at the left edge count only when more of the value follows them.
    let key_line_end = offset;
    let mut end = offset;
    let mut block_item = None;
    let mut indent = None;
    for line in lines {
        offset += line.len();
        let bare = line.trim_end_matches(['\r', '\n']);
        let continues =
            (bare.starts_with([' ', '\t']) && !bare.trim().is_empty()) || bare == "-" || bare.starts_with("- ");
        if continues {
            end = offset;
            let trimmed = bare.trim_start();
            if indent.is_none() {
                indent = Some(bare[..bare.len() - trimmed.len()].to_string());
            }
            if block_item.is_none() && (trimmed == "-" || trimmed.starts_with("- ")) {
                block_item = Some(format!("{}- ", &bare[..bare.len() - trimmed.len()]));
            }
        } else if !(bare.trim().is_empty() || bare.starts_with('#')) {
            break;
        }
    }
    let mut written = written(key, first, end == key_line_end);
    (written.block_item, written.indent) = (block_item, indent);
    Some((start..end, written))
}

/// How a value was written, from what follows `key:` on its line.
fn written(key: &str, after_colon: &str, one_line: bool) -> Written {
    let value = after_colon.trim_end_matches(['\r', '\n']);
    let style = match value.trim_start().chars().next() {
        Some('"') => Style::Double,
        Some('\'') => Style::Single,
        Some('|' | '>') => Style::Block,
        Some(_) => Style::Plain,
        None => Style::Double,
    };
    // A comment is what, cut away, leaves the same value: ` #` inside quotes is not one.
    let comment = if one_line && !value.trim().is_empty() {
        let whole = scalar_of(&format!("{key}:{value}"), key);
        value
            .match_indices(" #")
            .map(|(i, _)| i)
            .find(|&i| {
                !value[..i].trim().is_empty()
                    && whole.is_some()
                    && scalar_of(&format!("{key}:{}", &value[..i]), key) == whole
            })
            .map(|i| value[i..].to_string())
            .unwrap_or_default()
    } else {
        String::new()
    };
    Written { style, comment, ..Written::default() }
}

/// The value of `key` in a one-key YAML text, if it reads.
fn scalar_of(yaml_text: &str, key: &str) -> Option<Value> {
    let mapping: Mapping = yaml::parse(Path::new(""), yaml_text, 0).ok()?;
    mapping.get(key).cloned()
}

/// The lines of `key: value`, written as the old value was where that reads back the same.
fn entry(key: &str, value: &FieldValue, written: &Written, eol: &str) -> String {
    let comment = &written.comment;
    match value {
        FieldValue::Text(s) => format!("{key}: {}{comment}{eol}", text_scalar(s, written).replace('\n', eol)),
        FieldValue::List(items) => match &written.block_item {
            Some(item) if !items.is_empty() => {
                let mut lines = format!("{key}:{eol}");
                for s in items {
                    let scalar = text_scalar_in(s, Style::Plain, |c| format!("k:\n{item}{c}\n"), true);
                    lines.push_str(&format!("{item}{scalar}{eol}"));
                }
                lines
            }
            _ => {
                let scalars: Vec<String> =
                    items.iter().map(|s| text_scalar_in(s, Style::Plain, |c| format!("k: [{c}]\n"), true)).collect();
                format!("{key}: [{}]{comment}{eol}", scalars.join(", "))
            }
        },
        other => format!("{key}: {}{comment}{eol}", other.scalar()),
    }
}

/// `s` as a YAML text after `key: `, in the style of the old value when that reads back as
/// `s` (a `|` block's lines end in `\n`).
fn text_scalar(s: &str, written: &Written) -> String {
    let style = match written.style {
        Style::Block if s.contains('\n') => {
            let candidate = block_literal(s, written.indent.as_deref().filter(|i| !i.is_empty()).unwrap_or("  "));
            if scalar_of(&format!("k: {candidate}\n"), "k") == Some(Value::String(s.to_string())) {
                return candidate;
            }
            Style::Double
        }
        Style::Block => Style::Plain,
        style => style,
    };
    text_scalar_in(s, style, |c| format!("k: {c}\n"), false)
}

/// `s` as a `|` block, each line indented by `indent`; the sign after `|` keeps its final line
/// ends as they are (`-` none, nothing one, `+` more).
fn block_literal(s: &str, indent: &str) -> String {
    let (chomp, lines) = match s.strip_suffix('\n') {
        None => ("-", s),
        Some(rest) if rest.ends_with('\n') => ("+", rest),
        Some(rest) => ("", rest),
    };
    let mut out = format!("|{chomp}");
    for line in lines.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(indent);
            out.push_str(line);
        }
    }
    out
}

/// `s` in `style` when, put in `context` (a one-key YAML text), it reads back as `s` (or as
/// the list of `s` alone, for `in_list`); double-quoted otherwise.
fn text_scalar_in(s: &str, style: Style, context: impl Fn(&str) -> String, in_list: bool) -> String {
    let candidate = match style {
        Style::Plain if !s.is_empty() && !s.contains('\n') => s.to_string(),
        Style::Single if !s.contains(['\n', '\t']) && !s.chars().any(needs_escape) => {
            format!("'{}'", s.replace('\'', "''"))
        }
        _ => return double_quoted(s),
    };
    let wanted = Value::String(s.to_string());
    let reads = match scalar_of(&context(&candidate), "k") {
        Some(Value::Sequence(items)) if in_list => items == [wanted],
        Some(v) => !in_list && v == wanted,
        None => false,
    };
    if reads { candidate } else { double_quoted(s) }
}

/// `s` in double quotes, with `\` escapes for what cannot stand in them as it is.
fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) && (c as u32) <= 0xFFFF => out.push_str(&format!("\\u{:04X}", c as u32)),
            c if needs_escape(c) => out.push_str(&format!("\\U{:08X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether YAML cannot hold `c` as it is in quotes: what is not printable to YAML, and the
/// characters some readers take for line ends or a byte order mark.
fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{FEFF}' | '\u{2028}' | '\u{2029}' | '\u{FFFE}' | '\u{FFFF}')
}

/// Writes `bytes` over the file at `disk` through a temporary file in its folder.
fn replace(disk: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let permissions = std::fs::metadata(disk).ok().map(|m| m.permissions());
    let (temp, file) = temporary_beside(disk)?;
    let result = fill(file, bytes, permissions).and_then(|()| std::fs::rename(&temp, disk));
    if let Err(source) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(WriteError::Io { path: disk.to_path_buf(), source });
    }
    sync_dir(disk);
    Ok(())
}

/// Writes `bytes` at `disk`, where nothing may be: a temporary file, then a hard link to it
/// that fails if a file appeared meanwhile.
fn write_new(disk: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let (temp, file) = temporary_beside(disk)?;
    let result = fill(file, bytes, None).and_then(|()| std::fs::hard_link(&temp, disk));
    let _ = std::fs::remove_file(&temp);
    match result {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(WriteError::Exists { path: disk.to_path_buf() });
        }
        // A file system without hard links: written in place, still never over a file.
        Err(_) => {
            let io = |source| WriteError::Io { path: disk.to_path_buf(), source };
            let file = std::fs::OpenOptions::new().write(true).create_new(true).open(disk).map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    WriteError::Exists { path: disk.to_path_buf() }
                } else {
                    io(e)
                }
            })?;
            fill(file, bytes, None).map_err(io)?;
        }
    }
    sync_dir(disk);
    Ok(())
}

/// A new hidden temporary file in the folder of `disk` (hidden, so a build running meanwhile
/// does not take it for content).
fn temporary_beside(disk: &Path) -> Result<(PathBuf, std::fs::File), WriteError> {
    static COUNT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let dir = disk.parent().unwrap_or(Path::new("."));
    let name = disk.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut tries = 0;
    loop {
        let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let temp = dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && tries < 100 => tries += 1,
            Err(source) => return Err(WriteError::Io { path: temp, source }),
        }
    }
}

/// Writes the bytes, sets the permissions and flushes the file to the disk.
fn fill(mut file: std::fs::File, bytes: &[u8], permissions: Option<std::fs::Permissions>) -> std::io::Result<()> {
    file.write_all(bytes)?;
    if let Some(permissions) = permissions {
        file.set_permissions(permissions)?;
    }
    file.sync_all()
}

/// Flushes the folder of `disk`, so the rename itself survives a power cut (where the system
/// allows opening a folder; a failure here leaves a good file either way).
fn sync_dir(disk: &Path) {
    if let Some(dir) = disk.parent()
        && let Ok(dir) = std::fs::File::open(dir)
    {
        let _ = dir.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::messages::Lang;

    fn set(text: &str, key: &str, value: FieldValue) -> String {
        with_key(Path::new("a.md"), text, key, &Edit::Set(value)).unwrap()
    }

    fn text(s: &str) -> FieldValue {
        FieldValue::Text(s.to_string())
    }

    const ARTICLE: &str = "---\n# Tiêu đề do ban biên tập duyệt\ntitle: Ký kết # cũ\ndate: 2023-04-06\n\ntags:\n  - giảm nghèo # chính\n  - 'MTTQ'\nsummary: >\n  Hai dòng\n  tóm tắt\nnguon: \"Báo Ninh Bình\"\n---\nThân bài: giữ nguyên.\n";

    #[test]
    fn one_key_changes_and_every_other_byte_stays() {
        let out = set(ARTICLE, "title", text("Ký kết chương trình"));
        assert_eq!(out, ARTICLE.replace("title: Ký kết # cũ\n", "title: Ký kết chương trình # cũ\n"));
        let out = set(ARTICLE, "title", text("Ký kết: 2023"));
        assert_eq!(out, ARTICLE.replace("title: Ký kết # cũ\n", "title: \"Ký kết: 2023\" # cũ\n"));
        let out = set(ARTICLE, "nguon", text("Báo \"Nhân dân\""));
        assert_eq!(out, ARTICLE.replace("nguon: \"Báo Ninh Bình\"\n", "nguon: \"Báo \\\"Nhân dân\\\"\"\n"));
        let out = set(ARTICLE, "summary", text("Một dòng\nhai dòng"));
        assert_eq!(
            out,
            ARTICLE.replace("summary: >\n  Hai dòng\n  tóm tắt\n", "summary: |-\n  Một dòng\n  hai dòng\n")
        );
        // Several lines in quotes where the old value was one line; CRLF kept in a block.
        let out = set(ARTICLE, "nguon", text("a\nb\n"));
        assert_eq!(out, ARTICLE.replace("nguon: \"Báo Ninh Bình\"\n", "nguon: \"a\\nb\\n\"\n"));
        let crlf = ARTICLE.replace('\n', "\r\n");
        let out = set(&crlf, "summary", text("Một\n\nhai\n"));
        assert_eq!(
            out,
            crlf.replace("summary: >\r\n  Hai dòng\r\n  tóm tắt\r\n", "summary: |\r\n  Một\r\n\r\n  hai\r\n")
        );
        let out = set(ARTICLE, "tags", FieldValue::List(vec!["a".into(), "b: c".into()]));
        assert_eq!(out, ARTICLE.replace("  - giảm nghèo # chính\n  - 'MTTQ'\n", "  - a\n  - \"b: c\"\n"));
    }

    #[test]
    fn an_absent_key_is_added_last_and_a_removed_one_leaves_no_trace() {
        let out = set(ARTICLE, "draft", FieldValue::Bool(true));
        assert_eq!(out, ARTICLE.replace("---\nThân", "draft: true\n---\nThân"));
        let out = with_key(Path::new("a.md"), ARTICLE, "tags", &Edit::Remove).unwrap();
        assert_eq!(out, ARTICLE.replace("tags:\n  - giảm nghèo # chính\n  - 'MTTQ'\n", ""));
        assert_eq!(with_key(Path::new("a.md"), ARTICLE, "khong-co", &Edit::Remove).unwrap(), ARTICLE);
        assert_eq!(set("---\n---\nA", "title", text("A")), "---\ntitle: \"A\"\n---\nA");
    }

    #[test]
    fn bom_crlf_and_a_missing_final_newline_are_kept() {
        let file = "\u{FEFF}---\r\ntitle: A\r\ndate: 2023-04-06\r\n---\r\nBody";
        let out = set(file, "title", text("B"));
        assert_eq!(out, "\u{FEFF}---\r\ntitle: B\r\ndate: 2023-04-06\r\n---\r\nBody");
        let out = set(file, "weight", FieldValue::Integer(3));
        assert_eq!(out, "\u{FEFF}---\r\ntitle: A\r\ndate: 2023-04-06\r\nweight: 3\r\n---\r\nBody");
        let c = Conventions::of(file);
        assert_eq!(c, Conventions { bom: true, crlf: true, final_newline: false });
        assert_eq!(c.apply("---\ntitle: A\n---\nBody\n"), "\u{FEFF}---\r\ntitle: A\r\n---\r\nBody");
    }

    #[test]
    fn what_cannot_be_changed_safely_is_refused_in_both_languages() {
        let refused =
            |text: &str, key: &str| with_key(Path::new("a.md"), text, key, &Edit::Set(text_value())).unwrap_err();
        fn text_value() -> FieldValue {
            FieldValue::Text("B".into())
        }
        let e = refused("+++\ntitle = \"A\"\n+++\n", "title");
        assert!(matches!(e, WriteError::NotYaml { format: "TOML", .. }));
        assert_eq!(
            e.message().text(Lang::En),
            "a.md: the front matter is written in TOML; bantin changes only YAML front matter (between lines `---`) key by key, so edit the file as a whole"
        );
        assert!(e.message().text(Lang::Vi).contains("chỉ sửa từng khóa"));
        assert!(matches!(refused("{\"title\": \"A\"}\n", "title"), WriteError::NotYaml { format: "JSON", .. }));
        assert!(matches!(refused("title: A\n", "title"), WriteError::NoFrontMatter { .. }));
        let e = refused("---\ntitle: a: b\n---\n", "date");
        assert!(matches!(&e, WriteError::Unreadable(p) if p.line == 2), "{e:?}");
        // An alias would follow the anchor's new value.
        assert!(matches!(refused("---\ntitle: &t A\nseo: *t\n---\n", "title"), WriteError::Key { .. }));
        assert!(matches!(refused("---\n\"title\": A\n---\n", "title"), WriteError::Key { .. }));
        assert!(matches!(refused("---\ntitle: A\n---\n", "ti tle"), WriteError::Key { .. }));
        let e = with_key(Path::new("a.md"), "---\n---\n", "title", &Edit::Set(text("a\u{1}"))).unwrap_err();
        assert_eq!(
            e.message().text(Lang::En),
            "title: the value holds the invisible character U+0001, which cannot be published; delete it"
        );
    }

    #[test]
    fn a_new_file_is_written_as_bantin_new_always_wrote_it() {
        let text = new_text(
            &[("title", text("Tin \"A\" \\ B")), ("tags", FieldValue::List(vec![])), ("draft", FieldValue::Bool(true))],
            "\nBody\n",
        )
        .unwrap();
        assert_eq!(text, "---\ntitle: \"Tin \\\"A\\\" \\\\ B\"\ntags: []\ndraft: true\n---\n\nBody\n");
    }

    #[test]
    fn days_times_numbers_and_flags_read_back_as_set() {
        let tz = jiff::tz::TimeZone::get("Asia/Ho_Chi_Minh").unwrap();
        let at = jiff::civil::date(2023, 4, 6).at(8, 30, 5, 0).to_zoned(tz).unwrap();
        let file = "---\ntitle: A\ndate: hôm qua\n---\n";
        let out = set(file, "date", FieldValue::Time(at.clone()));
        assert_eq!(out, "---\ntitle: A\ndate: 2023-04-06T08:30:05+07:00\n---\n");
        assert_eq!(read_back(&out).date.map(|d| d.timestamp()), Some(at.timestamp()));
        let out = set(file, "date", FieldValue::Day(jiff::civil::date(2023, 4, 6)));
        assert_eq!(out, "---\ntitle: A\ndate: 2023-04-06\n---\n");
        let out = set(&set(file, "weight", FieldValue::Integer(-3)), "draft", FieldValue::Bool(false));
        let fm = read_back(&out.replace("hôm qua", "2023-04-06"));
        assert_eq!((fm.weight, fm.draft), (-3, false));
        // A key YAML reads as something else than text is refused, not written wrong.
        let e = with_key(Path::new("a.md"), file, "true", &Edit::Set(text("x"))).unwrap_err();
        assert!(matches!(e, WriteError::Key { .. }), "{e:?}");
    }

    #[test]
    fn a_failed_replace_leaves_what_was_there_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        // A rename over a folder that is not empty fails, after the temporary file was written.
        std::fs::create_dir_all(dir.path().join("a.md/x")).unwrap();
        assert!(matches!(replace(&dir.path().join("a.md"), b"new"), Err(WriteError::Io { .. })));
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["a.md"]);
        assert!(dir.path().join("a.md/x").is_dir());
        std::fs::write(dir.path().join("b.md"), "old").unwrap();
        replace(&dir.path().join("b.md"), b"new").unwrap();
        assert_eq!(std::fs::read_to_string(dir.path().join("b.md")).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    /// Pieces of the values editors and importers write that YAML reads differently.
    const NASTY: &[&str] = &[
        ":",
        ": ",
        " #",
        "#",
        "- ",
        "-",
        "\"",
        "'",
        "\\",
        "\n",
        "\t",
        " ",
        "ký kết",
        "Đảng",
        "e\u{301}",
        "[",
        "]",
        "{",
        "}",
        ",",
        "&a",
        "*a",
        "!",
        "|",
        ">",
        "%",
        "@",
        "`",
        "? ",
        "true",
        "null",
        "~",
        "0x1F",
        "1e3",
        "2023-04-06",
        "---",
        "...",
        "\u{2028}",
        "\u{2029}",
        "\u{FEFF}",
        "\r\n",
        "yes",
        "<<",
        "=",
        "\u{1F600}",
    ];

    fn nasty() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(NASTY), 0..7).prop_map(|parts| parts.concat())
    }

    use proptest::strategy::Strategy as _;

    /// Front matter as bantin reads it, from a whole file.
    fn read_back(text: &str) -> front_matter::FrontMatter {
        let text = crate::base::text::normalize(text.strip_prefix('\u{FEFF}').unwrap_or(text));
        let split = front_matter::split(&text).unwrap();
        let tz = jiff::tz::TimeZone::UTC;
        front_matter::parse_as(Path::new("a.md"), split.yaml, split.format, split.first_line, &tz).unwrap()
    }

    /// Files with the key written in each style, and without it, around the same other lines.
    fn files(key: &str) -> Vec<(String, String)> {
        let before = "---\n# đầu\nphu_de: 'Giữ: nguyên'\n\n";
        let after = "date: 2023-04-06 # giữ\ntags: [a, \"b\"]\n---\nThân bài\n";
        ["plain value # c", "'single'", "\"double\"", "|\n  block\n  text", "\n  - list\n  - items"]
            .iter()
            .map(|v| (format!("{before}{key}: {v}\n"), after.to_string()))
            .chain([(before.to_string(), after.to_string())])
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn any_text_reads_back_exactly_and_nothing_else_moves(value in nasty()) {
            for key in ["nguon", "title", "summary"] {
                // Each file as written, and with CRLF line ends and a byte order mark.
                let lf = files(key).into_iter();
                let crlf = files(key).into_iter().map(|(b, a)| (format!("\u{FEFF}{}", b.replace('\n', "\r\n")), a.replace('\n', "\r\n")));
                for (before, after) in lf.chain(crlf) {
                    let file = format!("{before}{after}");
                    let out = set(&file, key, FieldValue::Text(value.clone()));
                    let fm = read_back(&out);
                    let expected = crate::base::text::normalize(&value);
                    // Kept as it is when bantin does not know the key; without outer spaces when it does.
                    let clean = Some(expected.trim().to_string()).filter(|s| !s.is_empty());
                    match key {
                        "nguon" => proptest::prop_assert_eq!(fm.extra.get(key), Some(&Value::String(expected)), "{}", out),
                        "title" => proptest::prop_assert_eq!(&fm.title, &clean, "{}", out),
                        _ => proptest::prop_assert_eq!(&fm.summary, &clean, "{}", out),
                    }
                    // Before the key's lines and after them, the same bytes; a new key is last.
                    let (head, tail) = match before.rfind(&format!("{key}:")) {
                        Some(at) => (before[..at].to_string(), after.clone()),
                        None => {
                            let end = after.find("---").unwrap_or(0);
                            (format!("{before}{}", &after[..end]), after[end..].to_string())
                        }
                    };
                    proptest::prop_assert!(out.starts_with(&head) && out.ends_with(&tail), "{}", out);
                    proptest::prop_assert_eq!(fm.extra.get("phu_de"), Some(&Value::String("Giữ: nguyên".into())));
                }
            }
        }

        #[test]
        fn any_list_reads_back_exactly(items in proptest::collection::vec(nasty(), 0..4)) {
            for (before, after) in files("nguon") {
                let out = set(&format!("{before}{after}"), "nguon", FieldValue::List(items.clone()));
                let expected: Vec<Value> =
                    items.iter().map(|s| Value::String(crate::base::text::normalize(s))).collect();
                let fm = read_back(&out);
                proptest::prop_assert_eq!(fm.extra.get("nguon"), Some(&Value::Sequence(expected)), "{}", out);
            }
        }
    }

    #[test]
    fn a_new_body_keeps_the_front_matter_byte_for_byte_and_starts_on_its_own_line() {
        let path = Path::new("content/tin/a.md");
        let text = "---\n# ghi chú\ntitle: A\n---\nCũ\n";
        assert_eq!(
            with_body(path, text, "Mới\n---\nvẫn là thân bài\n").unwrap(),
            "---\n# ghi chú\ntitle: A\n---\nMới\n---\nvẫn là thân bài\n"
        );
        // The closing fence on the last line, without a line end.
        assert_eq!(
            with_body(path, "---\ntitle: Liên hệ\n---", "Điện thoại: 0123\n").unwrap(),
            "---\ntitle: Liên hệ\n---\nĐiện thoại: 0123\n"
        );
        // CRLF stays CRLF, a byte order mark stays.
        assert_eq!(
            with_body(path, "\u{FEFF}---\r\ntitle: A\r\n---\r\nCũ\r\n", "Mới\nhai\n").unwrap(),
            "\u{FEFF}---\r\ntitle: A\r\n---\r\nMới\r\nhai\r\n"
        );
        assert!(matches!(with_body(path, "không có front matter", "x"), Err(WriteError::NoFrontMatter { .. })));
        assert!(matches!(with_body(path, text, "a\u{1}b"), Err(WriteError::Invisible { .. })));
    }
}
