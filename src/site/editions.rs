//! A site in more than one language (`languages:` of `site.yaml`): which edition each file
//! belongs to, and what links the editions once each is assembled as a site of its own.
//!
//! ```text
//! sources ─ folder_problems ─► one layout per edition (`content: en`, or `a.en.md` beside `a.md`)
//!         ─ sources_of ──────► the files of one edition (`a.en.md` is the `en` edition's)
//! sites   ─ clashes ─────────► no edition publishes over another
//!         ─ link ────────────► each page's, section's and term's twins in the other editions;
//!                              where a page has none, that edition's page that says so (one
//!                              per edition, told which page: `en/chua-dich/?tu=mat-tran/ky-ket/`);
//!                              then the warnings of `checks`
//! ```
//!
//! A page's twin is the page of another edition with the same `translation_key:` or, without
//! one, from the same file name (`ky-ket.en.md` beside `ky-ket.md`).

use rustc_hash::FxHashMap;

use super::{Route, RouteKind, Site};
use crate::base::error::Problem;
use crate::base::paths::{SourcePath, UrlPath};
use crate::config::Config;
use crate::content::discover::Sources;
use crate::msg;

/// The same page (or section) in another edition.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Twin {
    /// The other edition (an index of `config.editions`).
    pub(crate) edition: usize,
    /// Its address there.
    pub(crate) path: UrlPath,
    /// Whether it is a translation; if not, `path` is the page that says there is none.
    pub(crate) translated: bool,
}

/// The edition a file belongs to: the one whose own folder holds it (`content/en/`), else the
/// one whose language its name is marked with (`a.en.md`), else the default.
pub(crate) fn edition_of(config: &Config, source: &SourcePath) -> usize {
    config.edition_of_folder(source.dir()).or_else(|| config.edition_marked(source)).unwrap_or(0)
}

/// Whether the file is marked with the language of an edition that keeps its files in a
/// folder of its own, outside it (said by [`folder_problems`]; no edition reads it).
pub(crate) fn misplaced(config: &Config, source: &SourcePath) -> bool {
    config.edition_of_folder(source.dir()).is_none()
        && config.edition_marked(source).is_some_and(|e| config.editions[e].folder.is_some())
}

/// An edition's own folder (`content: en`) that is not there, and a file marked with the
/// language of an edition that keeps its files in its folder, outside it: one layout per
/// edition, or a file would be where the other layout says.
pub(crate) fn folder_problems(config: &Config, sources: &Sources) -> Vec<Problem> {
    let mut problems = Vec::new();
    for e in &config.editions {
        if let Some(folder) = &e.folder
            && !sources.dirs.iter().any(|d| d == folder)
        {
            problems.push(
                Problem::at(
                    crate::config::CONFIG_FILE,
                    e.line,
                    1,
                    msg!("site-edition-no-folder", folder = folder.as_str()),
                )
                .hint(msg!("site-edition-no-folder-hint")),
            );
        }
    }
    for f in &sources.documents {
        if !misplaced(config, &f.path) {
            continue;
        }
        if let Some(folder) = config.edition_marked(&f.path).and_then(|e| config.editions[e].folder.as_ref()) {
            let place = config.place(f.path.dir());
            let name = format!("{}.{}", f.path.name(), f.path.file_name().rsplit_once('.').map_or("md", |(_, x)| x));
            let there = if place.is_empty() {
                format!("content/{folder}/{name}")
            } else {
                format!("content/{folder}/{place}/{name}")
            };
            problems.push(
                Problem::file(
                    f.path.display(),
                    msg!("site-translation-outside-folder", folder = folder.as_str(), there = there),
                )
                .hint(msg!("site-translation-outside-folder-hint")),
            );
        }
    }
    problems
}

/// What the scan found that edition `edition` is made of: its documents, with every folder
/// and every file beside them (links to photos are checked against them; only the default
/// edition publishes them).
pub(crate) fn sources_of(sources: &Sources, config: &Config, edition: usize) -> Sources {
    // Its own folder's, or those outside every edition's own folder.
    let own_dir = |d: &str| match config.edition_of_folder(d) {
        Some(e) => e == edition,
        None => config.editions[edition].folder.is_none(),
    };
    Sources {
        documents: sources
            .documents
            .iter()
            .filter(|f| edition_of(config, &f.path) == edition && !misplaced(config, &f.path))
            .cloned()
            .collect(),
        assets: sources.assets.clone(),
        dirs: sources.dirs.iter().filter(|d| own_dir(d)).cloned().collect(),
        root: sources.root.clone(),
    }
}

/// What a page or section is the same as in other editions: its `translation_key:` (Hugo's
/// `translationKey:` too), else its file's path without the language mark.
fn key_of(config: &Config, source: &SourcePath, extra: &crate::base::yaml::Fields) -> String {
    let written = ["translation_key", "translationKey"].iter().find_map(|k| extra.get(k).and_then(|v| v.as_str()));
    match written {
        Some(key) => format!("key:{}", key.trim()),
        None => format!("file:{}/{}", config.place(source.dir()), source.name()),
    }
}

/// Links the editions (the default first): each page and section gets its twins; where an
/// article or page has none in an edition, that edition gets a page that says so at the
/// article's address under its own path (unless something of its own is there already).
pub(crate) fn link(sites: &mut [Site]) {
    if sites.len() < 2 {
        return;
    }
    // Every edition's pages and sections by key.
    // The first page of a key is its edition's version (a second is said by `checks`).
    let pages: Vec<FxHashMap<String, UrlPath>> = sites
        .iter()
        .map(|s| {
            let mut by_key = FxHashMap::default();
            for p in &s.pages {
                by_key.entry(key_of(&s.config, &p.source, &p.extra)).or_insert_with(|| p.path.clone());
            }
            by_key
        })
        .collect();
    let sections: Vec<FxHashMap<String, UrlPath>> = sites
        .iter()
        .map(|s| s.sections.iter().map(|sec| (s.config.place(&sec.dir).to_string(), sec.path.clone())).collect())
        .collect();
    let homes: Vec<UrlPath> = sites.iter().map(|s| s.config.home()).collect();
    let mut untranslated: Vec<usize> = vec![0; sites.len()];
    let notices: Vec<UrlPath> = sites.iter().map(untranslated_page).collect();
    let mut page_twins: Vec<Vec<Vec<Twin>>> = Vec::with_capacity(sites.len());
    for (e, site) in sites.iter().enumerate() {
        let mut twins_of_pages = Vec::with_capacity(site.pages.len());
        for page in &site.pages {
            let key = key_of(&site.config, &page.source, &page.extra);
            let mut twins = Vec::new();
            for (f, others) in pages.iter().enumerate().filter(|(f, _)| *f != e) {
                match others.get(&key) {
                    Some(path) => twins.push(Twin { edition: f, path: path.clone(), translated: true }),
                    None => {
                        untranslated[f] += 1;
                        let asked =
                            format!("?tu={}&lang={}", query_text(page.path.as_str()), site.config.language.code());
                        twins.push(Twin { edition: f, path: notices[f].file(&asked), translated: false });
                    }
                }
            }
            twins_of_pages.push(twins);
        }
        page_twins.push(twins_of_pages);
    }
    for (e, site) in sites.iter_mut().enumerate() {
        let config = site.config.clone();
        for (page, twins) in site.pages.iter_mut().zip(std::mem::take(&mut page_twins[e])) {
            page.twins = twins;
        }
        for section in &mut site.sections {
            section.twins = sections
                .iter()
                .enumerate()
                .filter(|(f, _)| *f != e)
                .map(|(f, others)| match others.get(config.place(&section.dir)) {
                    Some(path) => Twin { edition: f, path: path.clone(), translated: true },
                    None => Twin { edition: f, path: homes[f].clone(), translated: false },
                })
                .collect();
        }
    }
    for (site, n) in sites.iter_mut().zip(untranslated) {
        site.untranslated = n;
    }
    link_terms(sites);
    let problems = checks(sites);
    for (site, mut found) in sites.iter_mut().zip(problems) {
        if !found.is_empty() {
            site.warnings.append(&mut found);
            site.warnings.sort();
        }
    }
}

/// What deserves an editor's look in how the editions link (for each edition): a file marked
/// as a translation (`a.en.md`) of a file that is not there; two translations of one page into
/// one language; an address from the site's root that leads to a page of another edition when
/// this one has its translation.
fn checks(sites: &[Site]) -> Vec<Vec<Problem>> {
    let mut problems: Vec<Vec<Problem>> = vec![Vec::new(); sites.len()];
    // Every edition's pages by address, with their twins.
    let by_path: FxHashMap<&str, (usize, &super::Page)> =
        sites.iter().enumerate().flat_map(|(e, s)| s.pages.iter().map(move |p| (p.path.as_str(), (e, p)))).collect();
    for (e, site) in sites.iter().enumerate() {
        let language = site.config.language.name();
        let mut first_of_key: FxHashMap<String, &SourcePath> = FxHashMap::default();
        for page in &site.pages {
            let key = key_of(&site.config, &page.source, &page.extra);
            if let Some(first) = first_of_key.get(&key) {
                problems[e].push(
                    Problem::file(
                        page.source.display(),
                        msg!("site-translation-twice", language = language.clone(), first = first.to_string()),
                    )
                    .hint(msg!("site-translation-twice-hint")),
                );
                continue;
            }
            first_of_key.insert(key.clone(), &page.source);
            let marked = e > 0 && page.source.language().is_some() && key.starts_with("file:");
            if marked
                && !page.twins.iter().any(|t| t.edition == 0 && t.translated)
                && let Some(original) = page.source.without_language()
            {
                problems[e].push(
                    Problem::file(
                        page.source.display(),
                        msg!(
                            "site-translation-no-original",
                            language = language.clone(),
                            original = original.to_string(),
                            default = sites[0].config.language.name()
                        ),
                    )
                    .hint(msg!("site-translation-no-original-hint")),
                );
            }
        }
        for (source, r) in site.site_paths() {
            let path = r.path();
            let Some((other, page)) = by_path.get(path.as_str()).filter(|(other, _)| *other != e) else {
                continue;
            };
            if let Some(twin) = page.twins.iter().find(|t| t.edition == e && t.translated) {
                problems[e].push(
                    Problem::at(
                        source.display(),
                        r.line as usize,
                        r.column as usize,
                        msg!(
                            "site-link-to-other-edition",
                            address = &*r.written,
                            language = sites[*other].config.language.name(),
                            translation = format!("/{}", twin.path.as_str())
                        ),
                    )
                    .hint(msg!("site-link-to-other-edition-hint")),
                );
            }
        }
    }
    problems
}

/// Each taxonomy's index and terms get their twins: a term is the same term in another
/// edition when its slug is (`Ninh Bình` and `Ninh Binh`), or when its page's text has the
/// same `translation_key:` (`tu-khoa/giam-ngheo.md` and `tu-khoa/poverty-reduction.en.md`,
/// both `translation_key: giam-ngheo`); a term with none leads to the other edition's index.
fn link_terms(sites: &mut [Site]) {
    // Each edition's terms by taxonomy and key, and its taxonomies' indexes.
    let terms: Vec<Vec<FxHashMap<String, UrlPath>>> = sites
        .iter()
        .map(|s| {
            let by_key =
                |tax: &super::Taxonomy| tax.terms.iter().map(|t| (term_key(&tax.path, t), t.path.clone())).collect();
            s.taxonomies.iter().map(by_key).collect()
        })
        .collect();
    // A taxonomy's index, where it has terms (an empty one is in no sitemap).
    let indexes: Vec<Vec<Option<UrlPath>>> = sites
        .iter()
        .map(|s| s.taxonomies.iter().map(|t| (!t.terms.is_empty()).then(|| t.path.clone())).collect())
        .collect();
    let homes: Vec<UrlPath> = sites.iter().map(|s| s.config.home()).collect();
    for (e, site) in sites.iter_mut().enumerate() {
        let others: Vec<usize> = (0..indexes.len()).filter(|&f| f != e).collect();
        for (t, tax) in site.taxonomies.iter_mut().enumerate() {
            tax.twins = others
                .iter()
                .filter_map(|&f| Some(Twin { edition: f, path: indexes[f].get(t)?.clone()?, translated: true }))
                .collect();
            let tax_path = tax.path.clone();
            for term in &mut tax.terms {
                let k = term_key(&tax_path, term);
                term.twins = others
                    .iter()
                    .map(|&f| match terms[f].get(t).and_then(|m| m.get(&k)) {
                        Some(path) => Twin { edition: f, path: path.clone(), translated: true },
                        // The other edition's index of the taxonomy, else its home page.
                        None => Twin {
                            edition: f,
                            path: indexes[f].get(t).cloned().flatten().unwrap_or_else(|| homes[f].clone()),
                            translated: false,
                        },
                    })
                    .collect();
            }
        }
    }
}

/// What a term is the same as in other editions: its page text's `translation_key:`, else its
/// slug under the taxonomy's path.
fn term_key(taxonomy: &UrlPath, term: &super::Term) -> String {
    let written = term.text.as_ref().and_then(|text| {
        ["translation_key", "translationKey"].iter().find_map(|k| text.extra.get(k).and_then(|v| v.as_str()))
    });
    match written {
        Some(k) => format!("key:{}", k.trim()),
        None => format!("slug:{}", term.path.as_str().strip_prefix(taxonomy.as_str()).unwrap_or(term.path.as_str())),
    }
}

/// The page of an edition that says a page of another has no translation into its language
/// (`en/chua-dich/`): told which page by its address, it links to it.
pub(crate) fn untranslated_page(site: &Site) -> UrlPath {
    site.config.home().child(&site.config.paths.untranslated)
}

/// A site path as a query's value: what is not a plain path character percent-encoded.
fn query_text(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The file a translation of `source` into edition `to` is written to when it is named as its
/// original: `ky-ket.en.md` beside `ky-ket.md`, or in the edition's own folder
/// (`content/en/mat-tran/ky-ket.md`); the original's file for a translation.
pub(crate) fn translation_file(config: &Config, source: &SourcePath, to: usize) -> Option<SourcePath> {
    let place = config.place(source.dir());
    let name = source.name();
    let ext = source.file_name().rsplit_once('.').map_or("md", |(_, e)| e);
    let bare = if place.is_empty() { name.to_string() } else { format!("{place}/{name}") };
    let edition = config.editions.get(to)?;
    let file = match &edition.folder {
        Some(folder) => format!("{folder}/{bare}.{ext}"),
        None if to == 0 => format!("{bare}.{ext}"),
        None => format!("{bare}.{}.{ext}", edition.language.code()),
    };
    SourcePath::new(&file)
}

/// Two editions claiming one output file: an edition's `path:` where another publishes (a
/// section of that name), said once at its line of `site.yaml`; else each file, naming both
/// (an old address kept in a translation copied from its original).
pub(crate) fn clashes(sites: &[Site]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut claimed: FxHashMap<String, (usize, &Route)> = FxHashMap::default();
    for (e, site) in sites.iter().enumerate() {
        for r in &site.routes {
            claimed.entry(r.path.output_file()).or_insert((e, r));
        }
    }
    // An edition's home where another edition publishes.
    let mut taken: Vec<&str> = Vec::new();
    for (e, site) in sites.iter().enumerate().skip(1) {
        let home = &site.config.this_edition().path;
        let by_other = sites.iter().enumerate().filter(|(f, _)| *f != e).find_map(|(_, other)| {
            other.routes.iter().find(|r| r.path.output_file().starts_with(home.as_str())).map(|r| (other, r))
        });
        if let Some((other, r)) = by_other {
            let edition = site.config.this_edition();
            problems.push(
                Problem::at(
                    crate::config::CONFIG_FILE,
                    edition.line,
                    1,
                    msg!("site-edition-path-taken", path = format!("/{home}"), other = super::describe(other, r)),
                )
                .hint(msg!("site-edition-path-taken-hint")),
            );
            taken.push(home);
        }
    }
    for (e, site) in sites.iter().enumerate() {
        for r in &site.routes {
            let file = r.path.output_file();
            let Some(&(first, route)) = claimed.get(&file) else { continue };
            if first == e || taken.iter().any(|t| file.starts_with(t)) {
                continue;
            }
            let (at, line) = super::claim_site(site, r);
            let alias = [route, r].iter().any(|r| matches!(r.kind, RouteKind::Alias(_)));
            problems.push(
                Problem::at(
                    at,
                    line,
                    1,
                    msg!(
                        "site-produced-by-both",
                        path = r.path.to_string(),
                        a = super::describe(&sites[first], route),
                        b = super::describe(site, r)
                    ),
                )
                .hint(if alias {
                    msg!("site-alias-clash-hint")
                } else {
                    msg!("site-produced-by-both-hint")
                }),
            );
        }
    }
    problems
}
