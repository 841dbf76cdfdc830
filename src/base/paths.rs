//! The base layer: the three kinds of paths bantin handles, each a type whose rules are
//! checked once, in its constructors. Every stage uses them; they use no stage.
//!
//! A [`SourcePath`] is a file's place in `content/` (`tin-tuc/ky-ket.md`). A [`Slug`] is `[a-z0-9-]+`, transliterated the Vietnamese way (`Ký kết` → `ky-ket`,
//! `Đ` → `d`). A [`UrlPath`] is a place on the site relative to its root: `""` for the home
//! page, `tin-tuc/ky-ket/` for a page (a folder with `index.html`), `rss.xml` for a file.
//! Neither can leave the output folder.

use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

use crate::base::messages::Message;
use crate::msg;

/// The folder of articles inside the site root.
pub(crate) const CONTENT_DIR: &str = "content";

/// A file's place inside `content/`: `/`-separated, NFC, never empty, never `..`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourcePath(String);

impl SourcePath {
    /// From a path relative to `content/`; `None` for paths that leave it.
    pub fn new(relative: &str) -> Option<Self> {
        let nfc: String =
            if relative.is_ascii() { relative.replace('\\', "/") } else { relative.replace('\\', "/").nfc().collect() };
        let mut parts: Vec<&str> = Vec::new();
        for part in nfc.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop()?;
                }
                p => parts.push(p),
            }
        }
        (!parts.is_empty()).then(|| SourcePath(parts.join("/")))
    }

    /// Resolves a link written in this file (`../tin-tuc/a.md`) to the file it names.
    pub(crate) fn join_relative(&self, link: &str) -> Option<SourcePath> {
        let dir = self.dir();
        SourcePath::new(&format!("{dir}/{link}"))
    }

    /// The path inside `content/`.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// The folder the file is in, inside `content/` (`""` at the top).
    pub(crate) fn dir(&self) -> &str {
        self.0.rsplit_once('/').map_or("", |(d, _)| d)
    }

    /// The file name.
    pub(crate) fn file_name(&self) -> &str {
        self.0.rsplit_once('/').map_or(&self.0, |(_, f)| f)
    }

    /// Whether the file is Markdown: `.md`, or `.markdown` (Jekyll's default).
    pub fn is_markdown(&self) -> bool {
        self.0.ends_with(".md") || self.0.ends_with(".markdown")
    }

    /// The file name without its extension.
    pub(crate) fn stem(&self) -> &str {
        let name = self.file_name();
        name.rsplit_once('.').map_or(name, |(s, _)| s)
    }

    /// The language the file name is marked with, as Hugo names translations
    /// (`ky-ket.en.md`, `_index.en.md` → `en`), with a region or script where one is written
    /// (`ky-ket.en-us.md` → `en-us`, `a.pt-br.md`, `a.zh-hant.md`, `a.vi_VN.md`).
    pub(crate) fn language(&self) -> Option<&str> {
        let (_, code) = self.stem().rsplit_once('.')?;
        let (language, region) = code.split_once(['-', '_']).unwrap_or((code, ""));
        let region_ok =
            region.is_empty() || ((2..=4).contains(&region.len()) && region.bytes().all(|b| b.is_ascii_alphanumeric()));
        (region_ok && LANGUAGE_CODES.contains(&language.to_ascii_lowercase().as_str())).then_some(code)
    }

    /// The language of [`SourcePath::language`] without its region (`en-us` → `en`).
    pub(crate) fn language_base(&self) -> Option<&str> {
        self.language().map(|code| code.split(['-', '_']).next().unwrap_or(code))
    }

    /// The same path without the language mark (`tin/ky-ket.en.md` → `tin/ky-ket.md`), when
    /// it has one.
    pub(crate) fn without_language(&self) -> Option<SourcePath> {
        let code = self.language()?;
        let name = self.file_name();
        let (stem, ext) = name.rsplit_once('.')?;
        let bare = &stem[..stem.len() - code.len() - 1];
        let dir = self.dir();
        SourcePath::new(&if dir.is_empty() { format!("{bare}.{ext}") } else { format!("{dir}/{bare}.{ext}") })
    }

    /// The file's name for what it stands for: without its extension and language mark
    /// (`ky-ket.en.md` → `ky-ket`).
    pub(crate) fn name(&self) -> &str {
        let stem = self.stem();
        match self.language() {
            Some(code) => &stem[..stem.len() - code.len() - 1],
            None => stem,
        }
    }

    /// Whether the file is the text of a page bundle, a page with a folder of its own for its
    /// photos (`tin-tuc/ky-ket/index.md`, as Hugo writes them).
    pub(crate) fn is_bundle(&self) -> bool {
        self.is_markdown() && self.name() == "index" && !self.dir().is_empty()
    }

    /// The folder of the section the document belongs to: its own, or for a bundle the one
    /// around the bundle's folder.
    pub(crate) fn place_dir(&self) -> &str {
        let dir = self.dir();
        if self.is_bundle() { dir.rsplit_once('/').map_or("", |(d, _)| d) } else { dir }
    }

    /// The name the document's address comes from: its file's, or for the text of a folder
    /// (a bundle's `index.md`, a Hugo term's `_index.md`) the folder's.
    pub(crate) fn page_name(&self) -> &str {
        let dir = self.dir();
        if matches!(self.name(), "index" | "_index") && !dir.is_empty() {
            dir.rsplit('/').next().unwrap_or_default()
        } else {
            self.name()
        }
    }

    /// The folder around the file's own folder (`""` at the top, `None` in `content/` itself).
    pub(crate) fn parent_dir(&self) -> Option<&str> {
        let dir = self.dir();
        (!dir.is_empty()).then(|| dir.rsplit_once('/').map_or("", |(d, _)| d))
    }

    /// The path editors see, relative to the site root, for messages.
    pub(crate) fn display(&self) -> PathBuf {
        Path::new(CONTENT_DIR).join(&self.0)
    }
}

impl std::fmt::Display for SourcePath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", CONTENT_DIR, self.0)
    }
}

/// The language codes a file name may end with before its extension (ISO 639-1, the ones a
/// site in Vietnam is likely to be translated into); `bao-cao.v2.md` is not a translation.
const LANGUAGE_CODES: [&str; 24] = [
    "vi", "en", "fr", "de", "es", "it", "pt", "ru", "zh", "ja", "ko", "th", "lo", "km", "id", "ms", "nl", "sv", "pl",
    "tr", "ar", "hi", "cs", "uk",
];

/// A URL segment: lowercase ASCII letters, digits and single dashes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Slug(String);

impl Slug {
    /// Transliterates any text to a slug; `None` when nothing is left (`"!!!"`).
    pub(crate) fn from_text(text: &str) -> Option<Slug> {
        // Most file names are slugs already.
        let is_slug = !text.is_empty()
            && !text.starts_with('-')
            && !text.ends_with('-')
            && !text.contains("--")
            && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        let s = if is_slug {
            text.to_string()
        } else if text.is_ascii() {
            slug::slugify(text)
        } else {
            slug::slugify(text.nfc().collect::<String>())
        };
        (!s.is_empty()).then(|| Slug(shorten(s)))
    }

    /// A slug an editor wrote in `slug:`; refused when it tries to be a path.
    pub(crate) fn from_front_matter(text: &str) -> Result<Slug, Message> {
        if text.contains('/') || text.contains('\\') || text.contains("..") {
            return Err(msg!("path-slug-is-path", text = text));
        }
        Slug::from_text(text).ok_or_else(|| msg!("path-slug-no-letters", text = text))
    }

    /// Whether a configured path such as `tu-khoa` or `tin/luu-tru` is plain: lowercase
    /// letters, digits and `-`, in parts separated by `/`.
    pub(crate) fn is_valid_path(path: &str) -> bool {
        !path.is_empty()
            && path.split('/').all(|seg| {
                !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            })
    }

    /// Whether a configured file name such as `rss.xml` is plain: one name, no folder, not hidden.
    pub(crate) fn is_valid_file_name(name: &str) -> bool {
        !name.is_empty()
            && name.len() <= 100
            && !name.starts_with('.')
            && !name.contains("..")
            && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b))
    }

    /// The slug's text.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Slug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The longest slug: a folder name the file system takes, with room for `.html`.
pub(crate) const MAX_SLUG: usize = 200;

/// Cuts a slug longer than [`MAX_SLUG`] at its last dash before the limit (a title of several
/// hundred letters would otherwise name a folder no file system accepts).
fn shorten(mut slug: String) -> String {
    if slug.len() > MAX_SLUG {
        let cut = slug[..MAX_SLUG].rfind('-').filter(|&i| i > 0).unwrap_or(MAX_SLUG);
        slug.truncate(cut);
    }
    slug
}

/// Whether an address leads off the site as written: a web, mail or phone address (`https:`,
/// `http:`, `mailto:`, `tel:`), or one that starts with `//` (another host) or `#` (a place on
/// the same page). Anything else is a path on the site, even `javascript:x` (which becomes
/// `./javascript:x`, a harmless path): the one rule templates and Markdown links follow.
pub(crate) fn is_external(url: &str) -> bool {
    url.starts_with("//")
        || url.starts_with('#')
        || scheme_of(url).is_some_and(|s| ["http", "https", "mailto", "tel"].iter().any(|k| s.eq_ignore_ascii_case(k)))
}

/// The scheme of an address (`https` of `https://…`), if it has one: letters, then letters,
/// digits, `+`, `-` or `.`, then `:`.
pub(crate) fn scheme_of(url: &str) -> Option<&str> {
    let i = url.find(':').filter(|&i| i > 0)?;
    let scheme = &url[..i];
    (scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
    .then_some(scheme)
}

/// A place on the site, relative to its root; see the module docs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct UrlPath(String);

impl UrlPath {
    /// The home page.
    pub(crate) fn root() -> UrlPath {
        UrlPath(String::new())
    }

    /// The folder page under `self` named by `segment` (`tin-tuc/` + `ky-ket` → `tin-tuc/ky-ket/`).
    pub(crate) fn child(&self, segment: &str) -> UrlPath {
        UrlPath(format!("{}{}/", self.0, segment.trim_matches('/')))
    }

    /// A file under this folder (`tin-tuc/` + `rss.xml`).
    pub(crate) fn file(&self, name: &str) -> UrlPath {
        UrlPath(format!("{}{}", self.0, name))
    }

    /// Page `n` of a paginated list: itself for 1, `…/page/n/` after.
    pub(crate) fn page(&self, n: usize) -> UrlPath {
        if n <= 1 { self.clone() } else { self.child("page").child(&n.to_string()) }
    }

    /// Parses a path an editor wrote (`/tin-cu/bai-1/`, `tin-cu/bai-1.html`) as a site path;
    /// refused when it would leave the site (`..`) or is not a plain path.
    pub(crate) fn parse_site_path(text: &str) -> Result<UrlPath, Message> {
        let trimmed = text.trim();
        if trimmed.contains("://") || trimmed.starts_with("//") {
            return Err(msg!("path-full-url", text = text));
        }
        let mut segments = Vec::new();
        for seg in trimmed.split('/') {
            match seg {
                "" | "." => {}
                ".." => return Err(msg!("path-goes-up", text = text)),
                s if s.starts_with('.') => return Err(msg!("path-hidden-part", text = text)),
                s if s.contains('\\') || s.chars().any(char::is_control) => {
                    return Err(msg!("path-bad-characters", text = text));
                }
                s if s.len() > MAX_SLUG => return Err(msg!("path-part-too-long", text = text, max = MAX_SLUG)),
                s => segments.push(s),
            }
        }
        if segments.is_empty() {
            return Err(msg!("path-home-page", text = text));
        }
        let joined = segments.join("/");
        let is_file = segments.last().is_some_and(|l| l.ends_with(".html") || l.ends_with(".htm"));
        Ok(UrlPath(if is_file { joined } else { format!("{joined}/") }))
    }

    /// Whether the path is a folder page (served from its `index.html`).
    pub(crate) fn is_dir(&self) -> bool {
        self.0.is_empty() || self.0.ends_with('/')
    }

    /// The file the page is written to, relative to the output folder.
    pub(crate) fn output_file(&self) -> String {
        if self.is_dir() { format!("{}index.html", self.0) } else { self.0.clone() }
    }

    /// How to get from this page to the site root: `""`, `../`, `../../`…
    pub(crate) fn to_root(&self) -> String {
        let depth = self.0.matches('/').count();
        "../".repeat(depth)
    }

    /// The path's text (no leading `/`).
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for UrlPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "/{}", self.0)
    }
}

impl serde::Serialize for UrlPath {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// `%XX` escapes decoded to their bytes; the text as it was when they do not form UTF-8.
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(hi * 16 + lo);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_paths_resolve_relative_links() {
        let p = SourcePath::new("tin-tuc/a.md").unwrap();
        assert_eq!(p.join_relative("../mat-tran/b.md").unwrap().as_str(), "mat-tran/b.md");
        assert_eq!(p.join_relative("./c.md").unwrap().as_str(), "tin-tuc/c.md");
        assert!(p.join_relative("../../x.md").is_none());
        assert_eq!(p.stem(), "a");
        assert_eq!(p.dir(), "tin-tuc");
    }

    use proptest::prelude::*;

    #[test]
    fn vietnamese_slugs() {
        assert_eq!(Slug::from_text("Ký kết chương trình").unwrap().as_str(), "ky-ket-chuong-trinh");
        assert_eq!(Slug::from_text("Đồng thuận ĐỂ phát triển").unwrap().as_str(), "dong-thuan-de-phat-trien");
        assert_eq!(Slug::from_text("Kế hoạch số 93/KH-UBND").unwrap().as_str(), "ke-hoach-so-93-kh-ubnd");
        let nfd: String = "Giảm nghèo".nfd().collect();
        assert_eq!(Slug::from_text(&nfd).unwrap().as_str(), "giam-ngheo");
        assert!(Slug::from_text("!!!").is_none());
    }

    #[test]
    fn front_matter_slug_cannot_escape() {
        assert!(Slug::from_front_matter("../../etc/passwd").is_err());
        assert!(Slug::from_front_matter("a/b").is_err());
        assert_eq!(Slug::from_front_matter("Ký kết").unwrap().as_str(), "ky-ket");
    }

    #[test]
    fn paths() {
        let s = UrlPath::root().child("tin-tuc");
        assert_eq!(s.as_str(), "tin-tuc/");
        assert_eq!(s.page(1), s);
        assert_eq!(s.page(2).as_str(), "tin-tuc/page/2/");
        assert_eq!(s.page(2).to_root(), "../../../");
        assert_eq!(s.output_file(), "tin-tuc/index.html");
        assert_eq!(UrlPath::root().output_file(), "index.html");
        assert_eq!(s.file("rss.xml").output_file(), "tin-tuc/rss.xml");
        assert_eq!(UrlPath::parse_site_path("/tin-cu/bai-1").unwrap().as_str(), "tin-cu/bai-1/");
        assert_eq!(UrlPath::parse_site_path("tin-cu/bai.html").unwrap().as_str(), "tin-cu/bai.html");
        assert!(UrlPath::parse_site_path("/a/../../b/").is_err());
        assert!(UrlPath::parse_site_path("https://x.org/a").is_err());
    }

    proptest! {
        #[test]
        fn slugs_are_plain_and_idempotent(text in "\\PC{0,40}") {
            if let Some(slug) = Slug::from_text(&text) {
                prop_assert!(slug.as_str().bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
                prop_assert!(!slug.as_str().starts_with('-') && !slug.as_str().ends_with('-'));
                let again = Slug::from_text(slug.as_str()).unwrap();
                prop_assert_eq!(again, slug);
            }
        }

        #[test]
        fn text_that_is_a_slug_already_is_kept_as_slugify_would(text in "[a-z0-9-]{1,30}") {
            let ours = Slug::from_text(&text).map(|s| s.as_str().to_string()).unwrap_or_default();
            prop_assert_eq!(ours, slug::slugify(&text));
        }
    }

    #[test]
    fn one_rule_for_external_addresses() {
        for url in ["https://a.vn/", "HTTP://a.vn", "mailto:a@b.vn", "tel:0229", "//cdn.vn/x.js", "#muc-tieu"] {
            assert!(is_external(url), "{url}");
        }
        for url in ["tin-tuc/a/", "/tin-tuc/", "javascript:alert(1)", "anh.jpg", "data:text/html,x", "C:\\anh.jpg"] {
            assert!(!is_external(url), "{url}");
        }
        assert_eq!(scheme_of("zalo://x"), Some("zalo"));
        assert_eq!(scheme_of("tin:tuc"), Some("tin"));
        assert_eq!(scheme_of(":x"), None);
        assert_eq!(scheme_of("a b:c"), None);
    }
}
