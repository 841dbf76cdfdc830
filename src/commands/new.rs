//! `bantin new`: starts an article with its front matter, so editors need not remember it.

use std::path::{Path, PathBuf};

use crate::base::error::Error;
use crate::base::paths::Slug;
use crate::config;
use crate::msg;

/// Writes `content/<section>/<slug>.md` for `title`, dated now in the site's zone, as a
/// draft; returns its path. Refuses to overwrite.
pub fn new_article(root: &Path, section: &str, title: &str) -> Result<PathBuf, Error> {
    let config = config::load(root)?;
    let section = section.trim_matches('/');
    if section.is_empty() || section.split('/').any(|s| s.is_empty() || s == "." || s == "..") {
        return Err(Error::Usage(msg!("new-bad-section", section = section)));
    }
    let slug = Slug::from_text(title).ok_or_else(|| Error::Usage(msg!("new-no-letters", title = title)))?;
    let dir = root.join(crate::content::discover::CONTENT_DIR).join(section);
    let path = dir.join(format!("{slug}.md"));
    // A link counts as a file, even one whose target is gone: nothing is written through it.
    if std::fs::symlink_metadata(&path).is_ok() {
        return Err(Error::Usage(msg!("new-exists", path = path.as_path())));
    }
    let content = crate::output::resolve(&root.join(crate::content::discover::CONTENT_DIR))?;
    if !crate::output::resolve(&dir)?.starts_with(&content) {
        return Err(Error::Usage(msg!("new-outside-content", path = dir.as_path())));
    }
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let now = jiff::Timestamp::now().to_zoned(config.timezone.clone());
    let yaml_title = title.replace('\\', "\\\\").replace('"', "\\\"");
    let text = format!(
        "---\ntitle: \"{yaml_title}\"\ndate: {}\nauthor: \"\"\ntags: []\nsummary: \"\"\nimage: \"\"\nimage_caption: \"\"\ndraft: true\n---\n\nViết nội dung bài ở đây.\n",
        now.strftime("%Y-%m-%dT%H:%M:%S%:z")
    );
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Usage(msg!("new-exists", path = path.as_path()))
        } else {
            Error::io(&path, e)
        }
    })?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| Error::io(&path, e))?;
    Ok(path)
}
