//! Files published as they are: the theme's static files, the site's `static/` folder (which
//! overrides the theme's) and the assets of `content/` (images, PDFs), each from one place.
//!
//! In: the theme and the site. Out: one [`FileCopy`] per published file, and the check that
//! every place of the output folder has one owner (a page, a copied file, the search index).
//! Images will be resized here.

use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::xxh3_64;

use crate::base::error::{Error, Problem};
use crate::base::messages::Arg;
use crate::content::discover::{self, FileSource};
use crate::markdown::{Expect, SitePathRef};
use crate::msg;
use crate::render::{self, Theme};
use crate::site::{self, RouteKind, Site};

/// Pages and drawings of `content/` are published as they are (`.html`, `.svg`), and run on
/// the site's own address: unless the site allows scripts, a script in one (`<script>`,
/// `onload=`, a `javascript:` address) is a problem at its line, as in an article.
pub(crate) fn scripts_in_files(
    assets: &[discover::SourceFile],
    scripts: crate::markdown::raw_html::Scripts,
) -> Vec<Problem> {
    use crate::markdown::raw_html::{Address, Removed};
    if scripts == crate::markdown::raw_html::Scripts::Allow {
        return Vec::new();
    }
    let markup = |path: &str| {
        let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        matches!(ext.as_str(), "html" | "htm" | "xhtml" | "shtml" | "svg" | "svgz" | "xml" | "xsl" | "xslt")
    };
    let mut problems = Vec::new();
    for file in assets.iter().filter(|a| markup(a.path.as_str())) {
        let Ok(bytes) = crate::base::text::read_text_file(&file.disk) else { continue };
        let text = String::from_utf8_lossy(&bytes);
        let shown = file.path.display();
        let position = |at: usize| {
            let before = &text[..at.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            (line, column)
        };
        let mut refused: Vec<(usize, crate::base::messages::Message)> = Vec::new();
        let (_, findings) = crate::markdown::raw_html::clean(&text, scripts, &mut |value, usage, at| {
            match crate::markdown::scheme_allowed(value, usage) {
                Err(message) => {
                    refused.push((at, message));
                    Address::Refused
                }
                Ok(()) => Address::AsWritten,
            }
        });
        for (at, message) in refused {
            let (line, column) = position(at);
            problems.push(Problem::at(&shown, line, column, message).hint(msg!("html-file-script-hint")));
        }
        for f in findings.into_iter().filter(|f| !matches!(f.removed, Removed::OddAttribute(_) | Removed::Unclosed)) {
            let (line, column) = position(f.at);
            let (message, _) = crate::markdown::removed_said(&f.removed);
            problems.push(Problem::at(&shown, line, column, message).hint(msg!("html-file-script-hint")));
        }
    }
    problems
}

/// Where a file published as it is comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Origin {
    /// The theme's `static/`: this path, for messages, and whether it is the built-in theme's
    /// (which is not on disk).
    Theme(PathBuf, bool),
    /// The site's `static/` folder: this path, relative to the site root.
    Static(PathBuf),
    /// An asset of `content/`.
    Content,
}

/// A file published as it is.
pub(crate) struct FileCopy {
    /// Its path in the output folder.
    pub(crate) file: String,
    pub(crate) source: FileSource,
    origin: Origin,
}

impl FileCopy {
    /// The file editors see in messages.
    fn shown(&self) -> PathBuf {
        match &self.origin {
            Origin::Theme(path, _) | Origin::Static(path) => path.clone(),
            Origin::Content => Path::new(discover::CONTENT_DIR).join(&self.file),
        }
    }
}

/// Everything published as it is: the theme's static files, the site's `static/` folder
/// (which overrides the theme's), then the assets of `content/`.
pub(crate) fn collect(root: &Path, theme: &Theme, site: &Site) -> Result<Vec<FileCopy>, Error> {
    let theme_file = |file: &str, source: &FileSource| match source {
        FileSource::Disk(path) => path.strip_prefix(root).unwrap_or(path).to_path_buf(),
        FileSource::Embedded(_) | FileSource::Cached(_) => Path::new("themes/bulletin/static").join(file),
    };
    let mut files: std::collections::BTreeMap<String, (FileSource, Origin)> = theme
        .static_files
        .iter()
        .map(|(f, s)| (f.clone(), (s.clone(), Origin::Theme(theme_file(f, s), matches!(s, FileSource::Embedded(_))))))
        .collect();
    let static_dir = root.join("static");
    if static_dir.is_dir() {
        let (entries, problems) = discover::walk(root, &static_dir);
        if !problems.is_empty() {
            return Err(Error::problems(problems));
        }
        for entry in entries.into_iter().filter(|e| !e.is_dir) {
            let shown = Path::new("static").join(&entry.relative);
            files.insert(entry.relative, (FileSource::Disk(entry.disk), Origin::Static(shown)));
        }
    }
    // Photos (of static/ and content/) come from the cache, made of their pixels alone (no
    // camera metadata), at their own path and as WebP variants beside it.
    let photos = site.photos();
    let made: FxHashMap<&str, &discover::CachedFile> = photos.files.iter().map(|(f, c)| (f.as_str(), c)).collect();
    let made_of = |file: &str, source: FileSource, origin: &Origin| match (made.get(file), origin) {
        (Some(c), Origin::Static(_) | Origin::Content) => FileSource::Cached((*c).clone()),
        _ => source,
    };
    let mut list: Vec<FileCopy> = files
        .into_iter()
        .map(|(file, (source, origin))| FileCopy { source: made_of(&file, source, &origin), file, origin })
        .collect();
    list.extend(site.assets.iter().map(|a| FileCopy {
        file: a.output.clone(),
        source: made_of(&a.output, FileSource::Disk(a.disk.clone()), &Origin::Content),
        origin: Origin::Content,
    }));
    let own: rustc_hash::FxHashSet<String> = list.iter().map(|c| c.file.clone()).collect();
    list.extend(photos.files.iter().filter(|(f, _)| !own.contains(f.as_str())).map(|(file, cached)| FileCopy {
        file: file.clone(),
        source: FileSource::Cached(cached.clone()),
        origin: Origin::Content,
    }));
    Ok(list)
}

/// Checks that no two things claim one place of the output folder: a copied file and a page
/// (`static/robots.txt`, or `paths.feed: style.css`), a file and a folder (an alias
/// `/robots.txt/` makes a folder where robots.txt is), or anything inside the search index's
/// folder. Pages among themselves are checked when the site is modelled. Each clash is one
/// problem, at the file the editor can change.
///
/// Then every address written as a path from the site's root must lead to one of those files;
/// one that leads to a draft or future article is a warning (returned), as for `.md` links.
///
/// `sites` are the site's editions, the default first (which publishes the `copies`): their
/// pages share one output folder, and an address in one may lead to a page of another.
pub(crate) fn check_claims(sites: &[&Site], copies: &[FileCopy]) -> Result<Vec<Problem>, Error> {
    let clashes = Clashes { sites };
    let mut problems = Vec::new();
    let mut claimed: FxHashMap<String, Claimant<'_>> = FxHashMap::default();
    for (e, site) in sites.iter().enumerate() {
        for r in &site.routes {
            claimed.entry(r.path.output_file()).or_insert(Claimant::Route(e, r));
        }
    }
    for c in copies {
        let file = c.file.clone();
        match claimed.get(&file) {
            Some(first) => problems.push(clashes.clash(first, &Claimant::Copy(c), Arg::from(format!("/{file}")))),
            None => {
                claimed.insert(file, Claimant::Copy(c));
            }
        }
    }
    let indexes: Vec<String> = sites.iter().filter(|s| s.config.search).map(|s| super::index::index_dir(s)).collect();
    problems.extend(clashes.of_folders(&claimed, &indexes));
    let mut warnings = Vec::new();
    // What any edition will publish once its drafts and future articles are due.
    let mut unpublished = rustc_hash::FxHashSet::default();
    for site in sites {
        unpublished.extend(site.unpublished_files());
    }
    for site in sites {
        let (w, more) = site_paths_lead_somewhere(site, &claimed, &unpublished);
        warnings.extend(w);
        problems.extend(more);
    }
    crate::base::error::ok_or_problems(warnings, problems)
}

/// What claims a file of the output folder.
enum Claimant<'a> {
    /// A page of the site's edition `.0`.
    Route(usize, &'a site::Route),
    Copy(&'a FileCopy),
}

/// How a clash between two claimants is said.
struct Clashes<'a> {
    sites: &'a [&'a Site],
}

impl Clashes<'_> {
    fn describe(&self, c: &Claimant<'_>) -> Arg {
        match c {
            Claimant::Route(e, r) => Arg::from(site::describe(self.sites[*e], r)),
            Claimant::Copy(FileCopy { origin: Origin::Theme(path, true), .. }) => {
                Arg::from(msg!("assets-built-in-file", file = path))
            }
            Claimant::Copy(c) => Arg::from(c.shown().as_path()),
        }
    }

    /// Where a clash is reported: not at a theme's file, which the editor does not write.
    fn at(&self, c: &Claimant<'_>) -> (std::path::PathBuf, usize) {
        match c {
            Claimant::Route(e, r) => site::claim_site(self.sites[*e], r),
            Claimant::Copy(c) => (c.shown(), 1),
        }
    }

    fn clash(&self, a: &Claimant<'_>, b: &Claimant<'_>, what: Arg) -> Problem {
        let is_theme = |c: &Claimant<'_>| matches!(c, Claimant::Copy(FileCopy { origin: Origin::Theme(..), .. }));
        let (later, other) = if is_theme(b) { (a, b) } else { (b, a) };
        let (path, line) = self.at(later);
        Problem::at(
            path,
            line,
            1,
            msg!("assets-clash", what = what, first = self.describe(later), second = self.describe(other)),
        )
        .hint(self.hint(a, b))
    }

    /// A file of its own for a page bantin makes (robots.txt, 404.html…): a template does it.
    fn hint(&self, a: &Claimant<'_>, b: &Claimant<'_>) -> crate::base::messages::Message {
        let site = self.sites[0];
        let template = [a, b].into_iter().find_map(|c| match c {
            Claimant::Route(e, r) if !matches!(r.kind, RouteKind::Page(_) | RouteKind::Alias(_)) => {
                Some(render::template_of(self.sites[*e], r.kind))
            }
            _ => None,
        });
        let from_static =
            [a, b].into_iter().any(|c| matches!(c, Claimant::Copy(FileCopy { origin: Origin::Static(_), .. })));
        match template {
            Some(t) if from_static && site.config.theme == render::theme::BUILT_IN => {
                msg!("assets-static-replaces-built-in", template = t)
            }
            Some(t) if from_static => msg!("assets-static-replaces-theme", theme = &site.config.theme, template = t),
            _ => msg!("assets-clash-hint"),
        }
    }

    /// A file where a folder must be (reported once, with the first file of the folder), and
    /// anything in the search index's folder.
    fn of_folders(&self, claimed: &FxHashMap<String, Claimant<'_>>, indexes: &[String]) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut files: Vec<&String> = claimed.keys().collect();
        files.sort();
        let mut folders_reported: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
        for file in files {
            let claimant = &claimed[file];
            if let Some(index) =
                indexes.iter().find(|index| file.starts_with(index.as_str()) || *file == index[..index.len() - 1])
            {
                let (path, line) = self.at(claimant);
                problems.push(
                    Problem::at(path, line, 1, msg!("assets-in-search-index", file = file, index = index.as_str()))
                        .hint(msg!("assets-in-search-index-hint")),
                );
            }
            for (i, _) in file.match_indices('/') {
                if let Some(folder_owner) = claimed.get(&file[..i])
                    && folders_reported.insert(&file[..i])
                {
                    let what = Arg::from(msg!("assets-file-and-folder", folder = &file[..i], file = file));
                    problems.push(self.clash(folder_owner, claimant, what));
                }
            }
        }
        problems
    }
}

/// Addresses written as paths from the site's root must lead to something it publishes, as
/// relative ones must (checked when the bodies were rendered): (warnings, problems).
fn site_paths_lead_somewhere(
    site: &Site,
    claimed: &FxHashMap<String, Claimant<'_>>,
    unpublished: &rustc_hash::FxHashSet<String>,
) -> (Vec<Problem>, Vec<Problem>) {
    let base = site.config.base_path();
    let (mut warnings, mut problems) = (Vec::new(), Vec::new());
    for (source, r) in site.site_paths() {
        if r.found(|f| claimed.contains_key(f)) {
            continue;
        }
        if r.found(|f| unpublished.contains(f)) {
            let message = msg!("assets-site-path-unpublished", address = &*r.written);
            warnings.push(
                Problem::at(source.display(), r.line as usize, r.column as usize, message)
                    .hint(msg!("md-link-unpublished-hint")),
            );
            continue;
        }
        let message = match (r.expect, &r.relative) {
            (Expect::SharedImage, _) => msg!("assets-site-path-image-missing", key = r.key, address = &*r.written),
            // Written relative (`khong-co.html`): said as written, with where it leads.
            (_, Some(written)) => msg!("assets-relative-missing", written = &**written, address = &*r.written),
            _ => msg!("assets-site-path-missing", address = &*r.written),
        };
        // `/bantin/tin/a/` on a site at `/bantin/`: bantin adds the base path itself.
        let path = r.path();
        let without_base = base.strip_prefix('/').and_then(|b| path.strip_prefix(b)).filter(|_| base != "/");
        let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or_default();
        let last = last.strip_suffix(".html").unwrap_or(last);
        let failed = site.failed_file_named(last);
        let hint = match without_base {
            // The page of a file with a problem of its own: that problem first.
            _ if failed.is_some() => {
                msg!(
                    "assets-site-path-failed-hint",
                    file = failed.map(|f| f.display().display().to_string()).unwrap_or_default()
                )
            }
            Some(rest) if SitePathRef::new(&format!("/{rest}"), 0, 0, r.expect).found(|f| claimed.contains_key(f)) => {
                msg!("assets-site-path-base-hint", base = base, address = format!("/{rest}"))
            }
            _ if r.relative.is_some() => msg!("assets-relative-missing-hint"),
            _ if r.expect == Expect::Link => msg!("assets-site-path-link-hint"),
            _ => msg!("assets-site-path-image-hint"),
        };
        problems.push(Problem::at(source.display(), r.line as usize, r.column as usize, message).hint(hint));
    }
    (warnings, problems)
}

/// A cheap stamp of a file to copy: its path, size and modification time (or its bytes, for
/// the built-in theme's); and its size.
pub(crate) fn stamp(source: &FileSource) -> (u64, u64) {
    match source {
        FileSource::Embedded(bytes) => (xxh3_64(bytes), bytes.len() as u64),
        // Its digest, recorded when it was made: the same bytes are not copied again.
        FileSource::Cached(c) => ((c.digest as u64) ^ ((c.digest >> 64) as u64), c.len),
        FileSource::Disk(path) => {
            let meta = std::fs::metadata(path).ok();
            let len = meta.as_ref().map_or(0, std::fs::Metadata::len);
            let modified = meta
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            (xxh3_64(format!("{}\0{len}\0{modified}", path.display()).as_bytes()), len)
        }
    }
}
