//! Themes: finding them, following `extends:`, and loading their templates into Tera.
//!
//! A theme is a folder `themes/<name>/` with `templates/`, `static/`, `i18n/<lang>.yaml` and an
//! optional `theme.yaml` (`extends: bulletin`). The `bulletin` theme is also compiled into the
//! binary, so a site with nothing but `content/` builds; a folder of the same name in the site
//! takes precedence. In a chain, a child's template replaces the parent's of the same name, and
//! every template is also reachable as `<theme>/<name>` so a child can `{% extends
//! "bulletin/article.html" %}` and override one block.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::base::error::{Error, Problem};
use crate::content::discover::FileSource;
use crate::msg;

/// The theme compiled into the binary.
pub(crate) const BUILT_IN: &str = "bulletin";

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_theme.rs"));
}

/// One template of a theme.
#[derive(Debug, Clone)]
pub(crate) struct TemplateFile {
    /// Its name in Tera (`article.html`, `partials/card.html`).
    pub(crate) name: String,
    /// Its text.
    pub(crate) text: String,
    /// The path shown in messages (`themes/bulletin/templates/article.html`).
    pub(crate) shown: PathBuf,
}

/// A theme and its parents, resolved to files.
#[derive(Debug, Clone)]
pub(crate) struct Theme {
    /// Every template of every theme of the chain, base first.
    pub(crate) templates: Vec<(String, TemplateFile)>,
    /// Static files by output path; a child's replace its parent's.
    pub(crate) static_files: BTreeMap<String, FileSource>,
    /// UI strings of the site's language, merged along the chain.
    pub(crate) strings: BTreeMap<String, String>,
    /// The site's language (of its default edition).
    pub(crate) language: String,
    /// Those of the languages of the site's other editions, by language code.
    pub(crate) other_strings: BTreeMap<String, BTreeMap<String, String>>,
    /// Shortcode templates: the chain's `shortcodes/` folders, then the site's own
    /// `shortcodes/` folder (a later one of the same name replaces an earlier).
    pub(crate) shortcodes: Vec<TemplateFile>,
    /// Partials that show only site-wide values (`cached:` in `theme.yaml`, the child's list
    /// replacing its parent's): rendered once per page depth, shown as `cached.<name>`.
    pub(crate) cached: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeMeta {
    #[serde(default)]
    extends: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    cached: Option<Vec<String>>,
}

/// The files of one theme: from the site's `themes/` folder, or built in.
struct ThemeFiles {
    name: String,
    /// `(path inside the theme folder, source, path shown in messages)`.
    files: Vec<(String, FileSource, PathBuf)>,
}

fn theme_files(root: &Path, name: &str) -> Result<Option<ThemeFiles>, Error> {
    let dir = root.join("themes").join(name);
    if dir.is_dir() {
        let (entries, problems) = crate::content::discover::walk(root, &dir);
        if !problems.is_empty() {
            return Err(Error::problems(problems));
        }
        let files = entries
            .into_iter()
            .filter(|e| !e.is_dir)
            .map(|e| {
                let shown = Path::new("themes").join(name).join(&e.relative);
                (e.relative, FileSource::Disk(e.disk), shown)
            })
            .collect();
        return Ok(Some(ThemeFiles { name: name.to_string(), files }));
    }
    if name == BUILT_IN {
        let files = embedded::FILES
            .iter()
            .map(|(rel, bytes)| {
                (rel.to_string(), FileSource::Embedded(bytes), Path::new("(built-in) themes").join(name).join(rel))
            })
            .collect();
        return Ok(Some(ThemeFiles { name: name.to_string(), files }));
    }
    Ok(None)
}

/// Resolves the theme named in the config and its parents, reading templates and strings.
/// `languages` are those of the site's editions, the default first: each gets its strings.
pub(crate) fn load(root: &Path, name: &str, languages: &[&str]) -> Result<Theme, Error> {
    let (chain, cached) = chain(root, name)?;
    let mut theme = Theme {
        templates: Vec::new(),
        static_files: BTreeMap::new(),
        strings: BTreeMap::new(),
        other_strings: BTreeMap::new(),
        language: languages.first().map(|l| l.to_string()).unwrap_or_default(),
        shortcodes: Vec::new(),
        cached: cached.unwrap_or_default(),
    };
    let mut problems = Vec::new();
    for t in &chain {
        for (rel, src, shown) in &t.files {
            theme.read_file(&t.name, (rel, src, shown), languages, &mut problems)?;
        }
    }
    theme.add_built_in_machine_files();
    theme.read_site_shortcodes(root, &mut problems)?;
    for &language in languages {
        if theme.strings_for(language).is_empty() {
            problems.push(
                Problem::file(crate::config::CONFIG_FILE, msg!("theme-no-strings", theme = name, language = language))
                    .hint(msg!("theme-no-strings-hint", theme = name, language = language)),
            );
        }
    }
    crate::base::error::ok_or_problems(theme, problems)
}

/// The theme `name` and the themes it extends, the furthest parent first, with the partials
/// the nearest theme that lists them caches.
fn chain(root: &Path, name: &str) -> Result<(Vec<ThemeFiles>, Option<Vec<String>>), Error> {
    let mut chain_files: Vec<ThemeFiles> = Vec::new();
    let mut next = Some(name.to_string());
    let mut cached: Option<Vec<String>> = None;
    while let Some(current) = next.take() {
        if chain_files.iter().any(|t| t.name == current) {
            return Err(Error::problems(vec![
                Problem::file(
                    Path::new("themes").join(&current).join("theme.yaml"),
                    msg!("theme-extends-itself", theme = current.as_str()),
                )
                .hint(msg!("theme-extends-itself-hint")),
            ]));
        }
        let Some(files) = theme_files(root, &current)? else {
            let (at, hint) = match chain_files.last() {
                None => (
                    PathBuf::from(crate::config::CONFIG_FILE),
                    msg!("theme-missing-hint", theme = current.as_str(), built_in = BUILT_IN),
                ),
                Some(child) => (
                    Path::new("themes").join(&child.name).join("theme.yaml"),
                    msg!("theme-missing-parent-hint", theme = current.as_str(), built_in = BUILT_IN),
                ),
            };
            return Err(Error::problems(vec![
                Problem::file(at, msg!("theme-missing", theme = current.as_str())).hint(hint),
            ]));
        };
        if let Some((_, src, shown)) = files.files.iter().find(|(rel, ..)| rel == "theme.yaml") {
            let text = String::from_utf8_lossy(&src.read()?).into_owned();
            let meta: ThemeMeta = if text.trim().is_empty() {
                ThemeMeta::default()
            } else {
                crate::base::yaml::parse(shown, &text, 0).map_err(|p| Error::problems(vec![p]))?
            };
            let _ = meta.description;
            if cached.is_none() {
                cached = meta.cached;
            }
            next = meta.extends;
        }
        chain_files.push(files);
    }
    chain_files.reverse();
    Ok((chain_files, cached))
}

impl Theme {
    /// The UI strings of `language`: the default edition's, or another edition's.
    pub(crate) fn strings_for(&self, language: &str) -> &BTreeMap<String, String> {
        static NONE: BTreeMap<String, String> = BTreeMap::new();
        if language == self.language { &self.strings } else { self.other_strings.get(language).unwrap_or(&NONE) }
    }

    /// One file of a theme of the chain: a template, a shortcode, a static file or the strings
    /// of the site's language (later themes over earlier ones).
    fn read_file(
        &mut self,
        theme: &str,
        (rel, src, shown): (&str, &FileSource, &Path),
        languages: &[&str],
        problems: &mut Vec<Problem>,
    ) -> Result<(), Error> {
        if let Some(name) = rel.strip_prefix("templates/") {
            // Templates of earlier versions that no longer render anything.
            let renamed = match name {
                "tags.html" => Some("taxonomy.html"),
                "tag.html" => Some("term.html"),
                _ => None,
            };
            if let Some(now) = renamed {
                problems.push(
                    Problem::file(shown, msg!("theme-renamed-template", name = name, now = now))
                        .hint(msg!("theme-renamed-template-hint", now = now)),
                );
                return Ok(());
            }
            let bytes = src.read()?;
            match crate::base::text::decode(&bytes) {
                Ok(text) => self.templates.push((
                    theme.to_string(),
                    TemplateFile { name: name.to_string(), text, shown: shown.to_path_buf() },
                )),
                Err(bad) => problems.extend(bad.into_iter().map(|bad| bad.at(shown))),
            }
        } else if let Some(name) = rel.strip_prefix("shortcodes/") {
            read_template(&mut self.shortcodes, problems, name, src, shown)?;
        } else if let Some(out) = rel.strip_prefix("static/") {
            self.static_files.insert(out.to_string(), src.clone());
        } else if let Some(language) = rel.strip_prefix("i18n/").and_then(|r| r.strip_suffix(".yaml"))
            && let Some(i) = languages.iter().position(|l| *l == language)
        {
            let text = String::from_utf8_lossy(&src.read()?).into_owned();
            match crate::base::yaml::parse::<BTreeMap<String, String>>(shown, &text, 0) {
                Ok(strings) if i == 0 => self.strings.extend(strings),
                Ok(strings) => self.other_strings.entry(language.to_string()).or_default().extend(strings),
                Err(p) => problems.push(p),
            }
        }
        Ok(())
    }

    /// Files for machines that themes made before them lack (a copy of an older bulletin):
    /// the built-in's, so such a site still builds.
    fn add_built_in_machine_files(&mut self) {
        for name in ["sitemap_index.xml", "sitemap_news.xml"] {
            if self.templates.iter().any(|(_, t)| t.name == name) {
                continue;
            }
            let rel = format!("templates/{name}");
            if let Some((_, bytes)) = embedded::FILES.iter().find(|(r, _)| *r == rel) {
                let shown = Path::new("(built-in) themes").join(BUILT_IN).join(&rel);
                let text = String::from_utf8_lossy(bytes).into_owned();
                self.templates.insert(0, (BUILT_IN.to_string(), TemplateFile { name: name.to_string(), text, shown }));
            }
        }
    }

    /// The site's own shortcodes, over the theme's.
    fn read_site_shortcodes(&mut self, root: &Path, problems: &mut Vec<Problem>) -> Result<(), Error> {
        let own = root.join("shortcodes");
        if !own.is_dir() {
            return Ok(());
        }
        let (entries, walk_problems) = crate::content::discover::walk(root, &own);
        problems.extend(walk_problems);
        for e in entries.into_iter().filter(|e| !e.is_dir) {
            let shown = Path::new("shortcodes").join(&e.relative);
            read_template(&mut self.shortcodes, problems, &e.relative, &FileSource::Disk(e.disk), &shown)?;
        }
        Ok(())
    }
}

/// Reads one template file into `into`, or its problem (text that is not UTF-8).
fn read_template(
    into: &mut Vec<TemplateFile>,
    problems: &mut Vec<Problem>,
    name: &str,
    src: &FileSource,
    shown: &Path,
) -> Result<(), Error> {
    let bytes = src.read()?;
    match crate::base::text::decode(&bytes) {
        Ok(text) => into.push(TemplateFile { name: name.to_string(), text, shown: shown.to_path_buf() }),
        Err(bad) => problems.extend(bad.into_iter().map(|bad| bad.at(shown))),
    }
    Ok(())
}
