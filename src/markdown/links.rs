//! Where the addresses written in a document lead: pages of other Markdown files, files of
//! `content/`, paths from the site's root, other sites; what the rest of the site must answer
//! for that ([`Links`]), and which kinds of address may not be used at all.

use crate::base::messages::Message;
use crate::base::paths::{SourcePath, UrlPath, percent_decode};
use crate::markdown::Templates;
use crate::markdown::raw_html;
use crate::msg;

/// An address written as a path from the site's root, where it was written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct SitePathRef {
    /// The address as written (`/anh/a.png#x`).
    pub(crate) written: Box<str>,
    /// Where it was written in the file.
    pub(crate) line: u32,
    /// The column.
    pub(crate) column: u32,
    /// What it should lead to.
    pub(crate) expect: Expect,
    /// The front matter key it was written under (`image`, `thumbnail`), if any.
    pub(crate) key: &'static str,
    /// The address as the editor wrote it, when it was relative (`../khong-co/`) and
    /// `written` is where it leads from the file.
    pub(crate) relative: Option<Box<str>>,
}

impl SitePathRef {
    /// A reference to `written` (a path from the site's root) at `line:column`.
    pub(crate) fn new(written: &str, line: usize, column: usize, expect: Expect) -> SitePathRef {
        let line = u32::try_from(line).unwrap_or(u32::MAX);
        let column = u32::try_from(column).unwrap_or(u32::MAX);
        SitePathRef { written: written.trim().into(), line, column, expect, key: "", relative: None }
    }

    /// The path without its leading `/`, query or fragment, percent-decoded (`anh/a.png`).
    pub(crate) fn path(&self) -> String {
        let path = self.written.trim_start_matches('/');
        percent_decode(path.find(['#', '?']).map_or(path, |i| &path[..i]))
    }

    /// Whether a site that publishes the files `published` has something at this path: the
    /// file itself, or a folder's `index.html` (with or without the closing `/`).
    pub(crate) fn found(&self, published: impl Fn(&str) -> bool) -> bool {
        let path = self.path();
        let p = path.as_str();
        if p.is_empty() || p.ends_with('/') {
            return published(&format!("{p}index.html"));
        }
        published(p) || published(&format!("{p}/index.html"))
    }
}

/// A link to a place in another page (`[x](a.md#ket-qua)`), checked once every page's
/// headings are known.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct PageAnchor {
    /// The Markdown file linked to.
    pub(crate) target: SourcePath,
    /// The anchor, decoded (`ket-qua`).
    pub(crate) name: String,
    /// Where the link was written in the file.
    pub(crate) line: u32,
    pub(crate) column: u32,
}

/// What the renderer needs to know about the rest of the site to resolve links.
pub trait Links {
    /// The site path of the page the Markdown file `source` becomes, if it is published.
    fn page_of(&self, source: &SourcePath) -> Option<&UrlPath>;
    /// The page of the folder `dir` of `content/` written in other letter case (Hugo writes
    /// addresses in lower case: `4.3-delete-lambda/` is the folder `4.3-Delete-Lambda/`).
    fn folder_page_any_case(&self, _dir: &str) -> Option<UrlPath> {
        None
    }
    /// Whether `source` is a Markdown file of another edition of the site (`a.en.md`, for a
    /// page of the Vietnamese edition).
    fn in_other_edition(&self, _source: &SourcePath) -> bool {
        false
    }
    /// Whether `source` is an asset file in `content/`.
    fn has_asset(&self, source: &SourcePath) -> bool;
    /// The site path a draft or future article will have once it is published.
    fn unpublished_page_of(&self, _source: &SourcePath) -> Option<&UrlPath> {
        None
    }
    /// Whether the site's `static/` folder has the file at `path` (`images/a.png`).
    fn has_static(&self, _path: &str) -> bool {
        false
    }
    /// The photo published at `path` on the site (`tin-tuc/anh.jpg`), with its sizes.
    fn photo(&self, _path: &str) -> Option<&crate::images::Photo> {
        None
    }
    /// What is wrong with the photo at `path`, when bantin could not make its sizes.
    fn broken_photo(&self, _path: &str) -> Option<&crate::images::Broken> {
        None
    }
    /// The shortcodes bodies may call; `None` leaves them as text (while the theme is broken,
    /// whose problems are said instead).
    fn shortcodes(&self) -> Option<&dyn Templates> {
        None
    }
    /// Notes that the body calls the shortcode `name`.
    fn used_shortcode(&self, _name: &str) {}
    /// The size in bytes of the file published at `path` (`tin/ke-hoach.pdf`).
    fn file_size(&self, _path: &str) -> Option<u64> {
        None
    }
    /// The photos published in the folder `dir` (`tin/anh-hoi-nghi`), sorted by name.
    fn photos_in(&self, _dir: &str) -> Vec<String> {
        Vec::new()
    }
    /// Whether raw HTML may run scripts (`allow_scripts` of `site.yaml`).
    fn scripts(&self) -> raw_html::Scripts {
        raw_html::Scripts::Refuse
    }
}

/// Where a link written in a document leads.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// Left as written: another site, a fragment, `mailto:`…
    AsWritten,
    /// A place on this site, relative to its root (`tin-tuc/a/`, `tin-tuc/anh.jpg#x`).
    Site(String),
    /// A draft or future article: its site path to be, and a warning.
    Unpublished(String, Message),
    /// A relative address that leads to no file of `content/` (`khong-co.html`, `../tin/`):
    /// its place on the site from the file's folder, as for other relative addresses, to be
    /// checked once everything the site publishes is known.
    Checked(String),
    /// A `.md` file or asset that is not there, and what to do when there is more to say
    /// than the usual.
    Missing(Message, Option<Message>),
    /// An address of a kind that may not be used here (`javascript:` runs a program).
    Refused(Message),
}

/// What an address written in a document should lead to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Expect {
    /// A link in the text: a page, a file, another site, `mailto:`…
    Link,
    /// An image in the text: a file of the site, or an image on another site.
    Image,
    /// The `image:` of the front matter, shown on the page and shared on Facebook and Zalo:
    /// a file of the site or an `http(s)` address.
    SharedImage,
}

/// Whether an address with a scheme may be used as `expect` says; the reason when not.
fn check_scheme(dest: &str, expect: Expect) -> Result<(), Message> {
    let scheme = crate::base::paths::scheme_of(dest).unwrap_or_default().to_ascii_lowercase();
    let web = scheme == "http" || scheme == "https";
    let ok = match expect {
        Expect::SharedImage => web,
        Expect::Image => web || dest.get(..11).is_some_and(|p| p.eq_ignore_ascii_case("data:image/")),
        Expect::Link => !matches!(scheme.as_str(), "javascript" | "vbscript" | "data" | "file" | "blob"),
    };
    if ok {
        return Ok(());
    }
    let shown: String = dest.chars().take(60).collect();
    Err(match scheme.as_str() {
        "javascript" | "vbscript" => msg!("md-script-address", address = shown, scheme = scheme),
        s if s.len() == 1 => msg!("md-local-path", address = shown),
        _ => msg!("md-refused-scheme", address = shown, scheme = scheme),
    })
}

/// Whether an address written into HTML as it is (a template's output, a file of `content/`)
/// may stay there: its scheme, as a browser reads it, judged as in an article's raw HTML.
pub(crate) fn scheme_allowed(value: &str, usage: raw_html::Use) -> Result<(), Message> {
    let read = raw_html::as_browser_reads(value);
    let expect = if usage == raw_html::Use::Image { Expect::Image } else { Expect::Link };
    match crate::base::paths::scheme_of(&read) {
        Some(_) => check_scheme(&read, expect),
        None => Ok(()),
    }
}

/// Resolves a link or image address written in `source`. An image that is not there is a
/// problem even when it does not end in `.md`; addresses with a scheme are checked against
/// what `expect` allows.
pub(crate) fn resolve(dest: &str, source: &SourcePath, links: &dyn Links, expect: Expect) -> Target {
    // As a browser reads it: `java\tscript:` is `javascript:`.
    let dest = raw_html::as_browser_reads(dest);
    let dest = dest.as_ref();
    if crate::base::paths::scheme_of(dest).is_some() {
        return match check_scheme(dest, expect) {
            Ok(()) => Target::AsWritten,
            Err(message) => Target::Refused(message),
        };
    }
    if dest.is_empty() || crate::base::paths::is_external(dest) {
        return Target::AsWritten;
    }
    // Word's curly quotes around an address (`href=“https://…”`) are part of it for a browser:
    // a broken link that looks right in the editor.
    if dest.starts_with(['“', '”', '‘', '’']) {
        let inner = dest.trim_matches(['“', '”', '‘', '’']);
        return Target::Missing(
            msg!("md-curly-quotes", dest = dest),
            Some(msg!("md-curly-quotes-hint", inner = inner)),
        );
    }
    // Browsers read `\` as `/` in a web address (`\assets\a.png`, from sites made on Windows).
    let slashed;
    let dest = if dest.contains('\\') {
        slashed = dest.replace('\\', "/");
        slashed.as_str()
    } else {
        dest
    };
    let asset_expected = expect != Expect::Link;
    let (path, suffix) = match dest.find(['#', '?']) {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    };
    // What is shared on Facebook and Zalo must be a photo they show, whatever else exists.
    if expect == Expect::SharedImage {
        let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        if !matches!(ext.as_str(), "jpg" | "jpeg" | "png" | "webp" | "gif") {
            return Target::Refused(msg!("md-not-a-photo", dest = dest));
        }
    }
    if let Some(site) = path.strip_prefix('/') {
        // `/tin/a.md` (as Hugo's `ref` writes it): the Markdown file from `content/`.
        if let Some(target) = SourcePath::new(&percent_decode(site)).filter(SourcePath::is_markdown) {
            if let Some(url) = links.page_of(&target) {
                return Target::Site(format!("{}{suffix}", url.as_str()));
            }
            return Target::Missing(msg!("md-link-missing", dest = dest, target = target.to_string()), None);
        }
        return Target::Site(format!("{site}{suffix}"));
    }
    let decoded = percent_decode(path);
    if decoded.ends_with('/')
        && let Some(url) = folder_page(source, &decoded, links)
    {
        return Target::Site(format!("{}{suffix}", url.as_str()));
    }
    let Some(target) = source.join_relative(&decoded) else {
        return Target::Missing(msg!("md-outside-content", dest = dest), None);
    };
    if target.is_markdown() {
        if let Some(url) = links.page_of(&target) {
            return Target::Site(format!("{}{suffix}", url.as_str()));
        }
        return match links.unpublished_page_of(&target) {
            Some(url) => Target::Unpublished(
                format!("{}{suffix}", url.as_str()),
                msg!("md-link-unpublished", dest = dest, target = target.to_string()),
            ),
            None if links.in_other_edition(&target) => Target::Missing(
                msg!("md-link-other-edition", dest = dest, target = target.to_string()),
                Some(msg!("md-link-other-edition-hint")),
            ),
            None => Target::Missing(msg!("md-link-missing", dest = dest, target = target.to_string()), None),
        };
    }
    if links.has_asset(&target) {
        return Target::Site(format!("{}{suffix}", encode_path(target.as_str())));
    }
    // `content/` and `static/` are both the site's root: `../../images/a.png` from a file
    // two folders down is the site's `/images/a.png`, from `static/images/a.png`.
    if links.has_static(target.as_str()) {
        return Target::Site(format!("{}{suffix}", encode_path(target.as_str())));
    }
    if asset_expected {
        // Jekyll sites write `images/a.png` for what lies in the site's own images/ folder, and
        // their themes put a bare `thumbnail: a.png` under `/images/`.
        let written = decoded.trim_start_matches("./");
        let in_images = (!written.contains('/')).then(|| format!("images/{written}"));
        if let Some(found) = std::iter::once(written.to_string()).chain(in_images).find(|p| links.has_static(p)) {
            let message = msg!("md-file-missing", dest = dest, target = target.to_string());
            return Target::Missing(message, Some(msg!("md-file-in-static-hint", site_path = format!("/{found}"))));
        }
        // `DSC_0042.JPG` written `dsc_0042.jpg`: the file that is there is named.
        let near = crate::images::near_photo(target.as_str(), |dir| links.photos_in(dir));
        Target::Missing(msg!("md-file-missing", dest = dest, target = target.to_string()), near)
    } else if path.is_empty()
        // An e-mail address (`<ten@example.org>` is a link to it), or template code of
        // another generator (`{{ post.url }}`, said by its own warning): not a place here.
        || (path.contains('@') && !path.contains('/'))
        || path.contains("{{")
        || path.contains("{%")
    {
        Target::AsWritten
    } else {
        // A folder keeps its closing `/`: `../tin/` is the section's page.
        let folder = if decoded.ends_with('/') { "/" } else { "" };
        Target::Checked(format!("{}{folder}{suffix}", encode_path(target.as_str())))
    }
}

/// The page of a folder of `content/` linked as a folder (`5.1-tao-api/`, `../`): its text
/// (`_index.md`, a bundle's `index.md`), wherever its address is. Hugo sites link folders by
/// the address Hugo gave them: the folder's name in lower case, dots kept (bantin's address
/// is `5-1-tao-api/`).
fn folder_page(source: &SourcePath, folder: &str, links: &dyn Links) -> Option<UrlPath> {
    let index = source.join_relative(&format!("{folder}_index.md"))?;
    let exact = [index.clone()]
        .into_iter()
        .chain(source.join_relative(&format!("{folder}index.md")))
        .find_map(|f| links.page_of(&f).cloned());
    exact.or_else(|| links.folder_page_any_case(index.dir()))
}

/// Escapes what may not stand in a URL path as written (spaces), leaving UTF-8 as it is.
pub(crate) fn encode_path(path: &str) -> String {
    path.replace(' ', "%20")
}
