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
pub fn new_article(root: &Path, section: &str, title: &str, body: Body) -> Result<PathBuf, Error> {
    let config = config::load(root)?;
    let section = section.trim_matches('/');
    if section.is_empty() || section.split('/').any(|s| s.is_empty() || s == "." || s == "..") {
        return Err(Error::Usage(msg!("new-bad-section", section = section)));
    }
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
    Ok(path)
}
