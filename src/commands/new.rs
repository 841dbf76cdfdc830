//! `bantin new`: starts an article with its front matter, so editors need not remember it.

use std::path::{Path, PathBuf};

use crate::base::error::Error;
use crate::base::paths::Slug;
use crate::config;
use crate::content::write::{self, FieldValue, Place, WriteError};
use crate::msg;

/// Where a new article's body starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    /// A line saying where to write (for a text editor, where a blank file says nothing).
    Placeholder,
    /// Empty (the web editor shows its own hint, which is never published by mistake).
    Empty,
}

/// Writes `content/<section>/<slug>.md` for `title`, dated now in the site's zone, as a
/// draft; returns its path. Refuses to overwrite.
///
/// A folder that is not a site (no `content/`, no `site.yaml`) is refused: a mistyped folder
/// must not start a site in silence. A section written as editors name it (`Tin tức`), not
/// as a folder, is the folder of its name's slug (`tin-tuc`): an existing one, or a new one
/// with an `_index.md` that gives it that name (`Created::section`).
pub fn new_article(root: &Path, section: &str, title: &str, body: Body) -> Result<PathBuf, Error> {
    Ok(new_in_section(root, section, title, body)?.article)
}

/// What `bantin new` made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    /// The article.
    pub article: PathBuf,
    /// The `_index.md` of a section made for it, named as the editor wrote it.
    pub section: Option<PathBuf>,
}

/// As [`new_article`], saying also whether a section was made.
pub fn new_in_section(root: &Path, section: &str, title: &str, body: Body) -> Result<Created, Error> {
    let content = root.join(crate::content::discover::CONTENT_DIR);
    if !content.is_dir() && !root.join(config::CONFIG_FILE).is_file() {
        return Err(Error::Usage(msg!("new-not-a-site", root = root)));
    }
    let config = config::load(root)?;
    let written = section.trim().trim_matches('/');
    if written.is_empty() || written.split('/').any(|s| s.trim().is_empty() || s == "." || s == "..") {
        return Err(Error::Usage(msg!("new-bad-section", section = written)));
    }
    // A folder that is there is the section, however it is named (a migrated site's `Tin tức`).
    let (section, made) = if content.join(written).is_dir() || Slug::is_valid_path(written) {
        (written.to_string(), None)
    } else {
        let slugs: Option<Vec<String>> =
            written.split('/').map(|s| Slug::from_text(s.trim()).map(|s| s.as_str().to_string())).collect();
        let Some(slugs) = slugs else { return Err(Error::Usage(msg!("new-bad-section", section = written))) };
        let folder = slugs.join("/");
        let index = format!("{}/{folder}/_index.md", crate::content::discover::CONTENT_DIR);
        let made = if content.join(&folder).is_dir() {
            None
        } else {
            let name = written.rsplit('/').next().unwrap_or(written).trim();
            let place = Place::new(root, &index)?;
            write::create(&place, &[("title", FieldValue::Text(name.to_string()))], "")?;
            Some(place.disk())
        };
        (folder, made)
    };
    let section = section.as_str();
    let slug = Slug::from_text(title).ok_or_else(|| Error::Usage(msg!("new-no-letters", title = title)))?;
    let place = Place::new(root, &format!("{}/{section}/{slug}.md", crate::content::discover::CONTENT_DIR))?;
    let path = place.disk();
    let now = jiff::Timestamp::now().to_zoned(config.timezone.clone());
    let text = |s: &str| FieldValue::Text(s.to_string());
    let fields = [
        ("title", text(title)),
        ("date", FieldValue::Time(now)),
        ("author", text("")),
        ("tags", FieldValue::List(Vec::new())),
        ("summary", text("")),
        ("image", text("")),
        ("image_caption", text("")),
        ("draft", FieldValue::Bool(true)),
    ];
    let body = match body {
        Body::Placeholder => "\nViết nội dung bài ở đây.\n",
        Body::Empty => "\n",
    };
    write::create(&place, &fields, body).map_err(|e| match e {
        WriteError::Exists { .. } => Error::Usage(msg!("new-exists", path = path.as_path())),
        WriteError::Outside { path } => Error::Usage(msg!("new-outside-content", path = path.as_path())),
        e => e.into(),
    })?;
    Ok(Created { article: path, section: made })
}
