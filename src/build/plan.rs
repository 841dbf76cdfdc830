//! The plan of a rebuild: what it does again, from what changed on disk and what the session
//! holds. A pure function of both, so that each case is tested by itself.

use std::path::Path;

use super::Session;
use crate::config;
use crate::content::discover;

/// What one changed path touches, as far as the plan of a rebuild is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Touched {
    /// `site.yaml`.
    Config,
    /// A file of `themes/`.
    Theme,
    /// A Markdown file that the last scan of `content/` found, and that is still there.
    KnownDocument,
    /// An asset that the last scan found, and that is still there.
    KnownAsset,
    /// Anything else in `content/`: a file or folder new, gone or renamed.
    ContentTree,
    /// Anywhere else (`static/`).
    Elsewhere,
}

/// What a session holds from its last run, as far as planning is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Have {
    pub(crate) config: bool,
    pub(crate) theme: bool,
    pub(crate) scan: bool,
    /// A last good site.
    pub(crate) site: bool,
    /// The last run succeeded (after a failure, documents may be newer than the last site).
    pub(crate) clean: bool,
}

/// What a rebuild does again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Plan {
    /// Read `site.yaml` (and then every document: the time zone reads dates).
    pub(crate) config: bool,
    /// Load the theme and its templates.
    pub(crate) theme: bool,
    /// Walk `content/` again (files may have appeared or gone).
    pub(crate) scan: bool,
    /// If the changed documents' front matter is as it was, patch the last site's bodies
    /// instead of modelling the site again.
    pub(crate) may_patch: bool,
}

/// The plan of a rebuild: a pure function of what changed (`None`: everything) and of what
/// the session has, so that each case can be tested by itself.
pub(crate) fn plan(changes: Option<&[Touched]>, have: Have) -> Plan {
    let any = |t: Touched| changes.is_none_or(|c| c.contains(&t));
    let config = !have.config || any(Touched::Config);
    let theme = config || !have.theme || any(Touched::Theme);
    let scan = !have.scan || any(Touched::ContentTree);
    let only_documents = changes.is_some_and(|c| c.iter().all(|&t| t == Touched::KnownDocument));
    let may_patch = have.clean && have.site && !theme && !scan && only_documents;
    Plan { config, theme, scan, may_patch }
}

impl Session {
    /// What a changed path touches, by where it is and what the last scan knew of it.
    pub(super) fn touched(&self, path: &Path) -> Touched {
        let rel = path.strip_prefix(&self.options.root).unwrap_or(path);
        if rel.file_name().is_some_and(|n| n == config::CONFIG_FILE) {
            return Touched::Config;
        }
        // The site's own shortcodes are templates too: loaded with the theme.
        if rel.starts_with("themes") || rel.starts_with("shortcodes") {
            return Touched::Theme;
        }
        if !rel.starts_with(discover::CONTENT_DIR) {
            return Touched::Elsewhere;
        }
        let content_dir = self.options.root.join(discover::CONTENT_DIR);
        let known = self.last.sources.as_ref();
        match known {
            Some(k) if k.document_at(&content_dir, path).is_some() && path.is_file() => Touched::KnownDocument,
            Some(k) if k.asset_at(&content_dir, path).is_some() && path.is_file() => Touched::KnownAsset,
            _ => Touched::ContentTree,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: Have = Have { config: true, theme: true, scan: true, site: true, clean: true };

    #[test]
    fn the_plan_of_each_kind_of_change() {
        use Touched::*;
        let p = |config, theme, scan, may_patch| Plan { config, theme, scan, may_patch };
        let cases: &[(&str, Option<&[Touched]>, Have, Plan)] = &[
            (
                "first run",
                None,
                Have { config: false, theme: false, scan: false, site: false, clean: true },
                p(true, true, true, false),
            ),
            ("everything, later", None, ALL, p(true, true, true, false)),
            ("an article's text", Some(&[KnownDocument]), ALL, p(false, false, false, true)),
            ("two articles", Some(&[KnownDocument, KnownDocument]), ALL, p(false, false, false, true)),
            (
                "an article after a failed run",
                Some(&[KnownDocument]),
                Have { clean: false, ..ALL },
                p(false, false, false, false),
            ),
            (
                "an article with no site yet",
                Some(&[KnownDocument]),
                Have { site: false, ..ALL },
                p(false, false, false, false),
            ),
            ("an article and an image", Some(&[KnownDocument, KnownAsset]), ALL, p(false, false, false, false)),
            ("an image", Some(&[KnownAsset]), ALL, p(false, false, false, false)),
            ("a new or deleted file", Some(&[ContentTree]), ALL, p(false, false, true, false)),
            ("site.yaml", Some(&[Config]), ALL, p(true, true, false, false)),
            (
                "site.yaml while it was broken",
                Some(&[KnownDocument]),
                Have { config: false, ..ALL },
                p(true, true, false, false),
            ),
            ("a template", Some(&[Theme]), ALL, p(false, true, false, false)),
            (
                "a template while the theme was broken",
                Some(&[KnownDocument]),
                Have { theme: false, ..ALL },
                p(false, true, false, false),
            ),
            ("a static file", Some(&[Elsewhere]), ALL, p(false, false, false, false)),
            ("nothing listed", Some(&[]), ALL, p(false, false, false, true)),
        ];
        for (what, changes, have, expected) in cases {
            assert_eq!(plan(*changes, *have), *expected, "{what}");
        }
    }
}
