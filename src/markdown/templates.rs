//! What Markdown needs from the theme's shortcode templates, declared here so that Markdown
//! names no layer above it: the render layer implements [`Templates`] (with Tera), and the
//! site hands it to bodies through [`crate::markdown::Links::shortcodes`].
//!
//! A call is checked against its [`Declaration`] here, its files and photos resolved here,
//! and the template is given a [`CallData`].

use std::collections::BTreeMap;

use serde::Serialize;

use crate::base::messages::{Lang, Message};
use crate::markdown::shortcode::BodyRule;

/// The shortcode templates of a site: what bodies may call and how each call is made.
pub trait Templates: std::fmt::Debug + Send + Sync {
    /// The declaration of the shortcode called `name` (an alias too), if there is one.
    fn declaration(&self, name: &str) -> Option<&Declaration>;
    /// Every name, sorted, for "known shortcodes are: …".
    fn names(&self) -> Vec<&str>;
    /// Makes the call `data` (the template of `data.name`); a template's mistake is the
    /// message, with the template's place.
    fn render(&self, data: &CallData) -> Result<String, Message>;
    /// What a body that used `name` depends on: its template's digest, or the names known
    /// (for a name nobody knows: the body is rendered again when a shortcode is added).
    fn digest_of(&self, name: &str) -> u64;
    /// The language sizes are said in.
    fn lang(&self) -> Lang;
}

/// What a shortcode's declaration says of its arguments and body.
#[derive(Debug, Clone)]
pub struct Declaration {
    pub(crate) required: Vec<String>,
    pub(crate) optional: Vec<String>,
    pub(crate) files: Vec<String>,
    /// Arguments that are times in a video or a recording (`1:30`, `90`): the template gets
    /// whole seconds.
    pub(crate) times: Vec<String>,
    pub(crate) body: BodyRule,
    /// Without a declaration: every argument is taken.
    pub(crate) free: bool,
}

impl Declaration {
    /// The declared arguments, in the order positional ones fill them.
    pub(crate) fn params(&self) -> impl Iterator<Item = &String> {
        self.required.iter().chain(&self.optional)
    }
}

/// A file of the site a shortcode names (`src="ke-hoach-93.pdf"`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct FileData {
    /// Its address from the page (`../../tin/ke-hoach-93.pdf`), or as written when external.
    pub(crate) url: String,
    /// Its file name (`ke-hoach-93.pdf`).
    pub(crate) name: String,
    /// Its extension, lower case (`pdf`).
    pub(crate) ext: String,
    /// Its size in bytes, and said for readers (`1,2 MB`), when it is a file of this site.
    pub(crate) bytes: Option<u64>,
    pub(crate) size: Option<String>,
    /// When it is a photo bantin resized: its sizes.
    pub(crate) photo: Option<PhotoData>,
}

/// A photo as a shortcode shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct PhotoData {
    /// The file at the photo's own path (JPEG or PNG, 1200 px at most).
    pub(crate) url: String,
    pub(crate) alt: String,
    pub(crate) caption: String,
    /// Its size as shown, and its WebP sizes for `srcset` (empty when bantin did not resize it).
    pub(crate) width: Option<u32>,
    pub(crate) height: Option<u32>,
    pub(crate) srcset: String,
    /// The widest WebP size, for a link to the photo at full size.
    pub(crate) large: String,
}

/// What a shortcode's template is given.
#[derive(Debug, Clone, Serialize)]
pub struct CallData {
    /// The name it was called by.
    pub(crate) name: String,
    /// Named arguments, and positional ones under the name the declaration gives them.
    pub(crate) args: BTreeMap<String, String>,
    /// Positional arguments, in order.
    pub(crate) pos: Vec<String>,
    /// The body of a pair, rendered from Markdown; `inner` as written.
    pub(crate) body: Option<String>,
    pub(crate) inner: Option<String>,
    /// The files named by the arguments the declaration lists under `files`.
    pub(crate) files: BTreeMap<String, FileData>,
    /// The photos of the body (an album's), or of the folder `dir` names.
    pub(crate) photos: Vec<PhotoData>,
    /// From the page to the site's root (`../../`).
    pub(crate) root: String,
    /// An id unique in the page (`sc-3`), for `aria-` attributes and scripts.
    pub(crate) id: String,
}

/// A size in bytes as readers say it: `850 KB`, `1,2 MB` (Vietnamese writes a decimal comma).
pub(crate) fn human_size(bytes: u64, lang: Lang) -> String {
    let (value, unit) = if bytes >= 1024 * 1024 {
        (bytes as f64 / (1024.0 * 1024.0), "MB")
    } else {
        ((bytes as f64 / 1024.0).max(1.0), "KB")
    };
    let text = if value >= 10.0 || unit == "KB" { format!("{value:.0}") } else { format!("{value:.1}") };
    let text = if lang == Lang::Vi { text.replace('.', ",") } else { text };
    format!("{text} {unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_said_the_readers_way() {
        assert_eq!(human_size(1_300_000, Lang::Vi), "1,2 MB");
        assert_eq!(human_size(1_300_000, Lang::En), "1.2 MB");
        assert_eq!(human_size(35_000_000, Lang::Vi), "33 MB");
        assert_eq!(human_size(300, Lang::Vi), "1 KB");
        assert_eq!(human_size(870_000, Lang::En), "850 KB");
    }
}
