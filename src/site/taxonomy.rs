//! Taxonomies: the lists a newsroom keeps besides sections (từ khóa, chuyên đề, tác giả).
//!
//! In: the published articles, newest first, and each one's front matter; the taxonomies of
//! `site.yaml`; the term pages' own text (`content/<taxonomy path>/<term>.md`). Out: per
//! taxonomy, its terms in the language's alphabetical order, each with its articles newest
//! first and a URL that does not move by surprise.
//!
//! Terms are one term however they are written: case, Unicode composition and the old and
//! new places of the tone mark (`Hòa`, `hoà`) do not matter. A term's URL is its slug. When
//! two terms have one slug (`Cá`, `Ca`), the term used first (by its oldest article) keeps it
//! and the later one gets `-2`, so an article that adds a new term never moves an existing
//! one; a term's own page file fixes its slug, and its `aliases:` keep old addresses working.

use std::sync::Arc;

use rustc_hash::FxHashMap;
use unicode_normalization::UnicodeNormalization;

use super::PageId;
use super::collate::Alphabet;
use crate::base::error::Problem;
use crate::base::paths::SourcePath;
use crate::base::paths::{Slug, UrlPath};
use crate::config::Config;
use crate::content::{DocKind, Document};
use crate::msg;

/// Index of a taxonomy in `Site::taxonomies`.
pub(crate) type TaxonomyId = usize;
/// Index of a term in its taxonomy's `terms`.
pub(crate) type TermId = usize;

/// A way of grouping articles, with its terms.
#[derive(Debug, Clone)]
pub(crate) struct Taxonomy {
    /// Its name in `site.yaml` and the front matter (`tags`, `authors`).
    pub(crate) name: String,
    /// Its title from `site.yaml` or its `_index.md`; else the theme names it.
    pub(crate) title: Option<String>,
    /// Its index page.
    pub(crate) path: UrlPath,
    /// In the site language's alphabetical order.
    pub(crate) terms: Vec<Term>,
    /// Its `_index.md`, if it has one.
    pub(crate) source: Option<SourcePath>,
    /// From its `_index.md`.
    pub(crate) description: Option<String>,
    /// The body of its `_index.md` as HTML.
    pub(crate) content: String,
    /// The same taxonomy's index in the site's other editions.
    pub(crate) twins: Vec<super::editions::Twin>,
}

/// A term (a tag, a topic, an author), merged across the ways it is written.
#[derive(Debug, Clone, Default)]
pub(crate) struct Term {
    /// As written in the newest article that has it, or as its page's title says.
    pub(crate) name: String,
    pub(crate) path: UrlPath,
    /// Its articles, newest first.
    pub(crate) pages: Vec<PageId>,
    /// Its page's own text, `content/<taxonomy path>/<slug>.md`, if there is one.
    pub(crate) text: Option<TermText>,
    /// Old addresses of its page, which redirect to it.
    pub(crate) aliases: Vec<UrlPath>,
    /// The same term in the site's other editions (by its slug, or the `translation_key:` of
    /// its page's text); where there is none, that edition's index of the taxonomy.
    pub(crate) twins: Vec<super::editions::Twin>,
}

/// What a term's page file says of the term.
#[derive(Debug, Clone, Default)]
pub(crate) struct TermText {
    pub(crate) source: Option<SourcePath>,
    pub(crate) description: Option<String>,
    /// A site path or URL, as written (resolved like an article's image).
    pub(crate) image: Option<String>,
    /// The body as HTML.
    pub(crate) content: String,
    pub(crate) extra: Arc<crate::base::yaml::Fields>,
}

/// The key terms are merged by: lowercase NFC, with each word's tone mark moved to the end
/// of the word, so `Hòa Bình`, `hoà bình` and `HOÀ BÌNH` are one term.
pub(crate) fn term_key(name: &str) -> String {
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let lower = name.trim().to_lowercase();
    if lower.is_ascii() {
        return lower;
    }
    let mut key = String::with_capacity(lower.len() + 4);
    for (i, word) in lower.split_whitespace().enumerate() {
        if i > 0 {
            key.push(' ');
        }
        let mut tone = None;
        for c in word.nfd() {
            if TONES.contains(&c) {
                tone = Some(c);
            } else {
                key.push(c);
            }
        }
        if let Some(t) = tone {
            key.push(t);
        }
    }
    key.nfc().collect()
}

/// The names a document gives a taxonomy: `tags:` for tags, `author:` and `authors:` for
/// authors, the key of the taxonomy's name otherwise (a name or a list of names).
pub(crate) fn names_in(doc: &Document, taxonomy: &str) -> Result<Vec<String>, Problem> {
    let mut names: Vec<String> = match taxonomy {
        "tags" => doc.front.tags.clone(),
        _ => Vec::new(),
    };
    if taxonomy == "authors" {
        names.extend(doc.front.authors.iter().cloned());
    }
    if let Some(value) = doc.front.extra.get(taxonomy) {
        let as_name = |v: &crate::base::yaml::Value| match v {
            crate::base::yaml::Value::String(s) => Some(s.trim().to_string()),
            crate::base::yaml::Value::Number(n) => Some(n.to_string()),
            _ => None,
        };
        let list: Option<Vec<String>> = match value {
            crate::base::yaml::Value::Sequence(items) => items.iter().map(as_name).collect(),
            crate::base::yaml::Value::Null => Some(Vec::new()),
            v => as_name(v).map(|n| vec![n]),
        };
        match list {
            Some(list) => names.extend(list),
            None => {
                return Err(Problem::at(
                    doc.source.display(),
                    doc.front.line_of(taxonomy),
                    taxonomy.len() + 3,
                    msg!("tax-not-names", taxonomy = taxonomy),
                )
                .hint(msg!("tax-not-names-hint", taxonomy = taxonomy)));
            }
        }
    }
    // Vietnamese names have spaces, never commas: `tags: MTTQ, tổng kết` is two tags.
    let names =
        names.iter().flat_map(|n| n.split(',')).map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect();
    Ok(names)
}

/// A term page file, read but not yet rendered.
pub(crate) struct TermFile<'a> {
    pub(crate) doc: &'a Document,
    /// The taxonomy whose folder holds it.
    pub(crate) taxonomy: TaxonomyId,
}

/// The names a page gives a taxonomy (`PageId`, taxonomy name).
pub(crate) type NamesOf<'a> = &'a dyn Fn(PageId, &str) -> Result<Vec<String>, Problem>;

/// What the terms are made from.
pub(crate) struct Inputs<'a> {
    pub(crate) config: &'a Config,
    pub(crate) alphabet: &'a Alphabet,
    /// The published articles, newest first.
    pub(crate) articles: &'a [PageId],
    /// Each page's place in `articles`.
    pub(crate) rank: &'a [usize],
    pub(crate) names_of: NamesOf<'a>,
    pub(crate) files: &'a [TermFile<'a>],
    /// How many pages the site has.
    pub(crate) pages: usize,
}

/// The taxonomies, with what pages and files they tie to.
pub(crate) struct Collected {
    pub(crate) taxonomies: Vec<Taxonomy>,
    /// Per page, per taxonomy: its terms.
    pub(crate) page_terms: Vec<Vec<Vec<TermId>>>,
    /// The terms that have a page file: (taxonomy, term, index in `files`).
    pub(crate) attached: Vec<(TaxonomyId, TermId, usize)>,
}

/// The terms of every taxonomy, from the published articles and the term page files.
pub(crate) fn collect(inputs: &Inputs<'_>, problems: &mut Vec<Problem>) -> Collected {
    let config = inputs.config;
    let mut page_terms: Vec<Vec<Vec<TermId>>> = vec![vec![Vec::new(); config.taxonomies.len()]; inputs.pages];
    let mut taxonomies = Vec::with_capacity(config.taxonomies.len());
    let mut attached = Vec::new();
    for (tax_id, declared) in config.taxonomies.iter().enumerate() {
        let mut found = Found::in_articles(inputs, &declared.name, problems);
        found.attach_files(inputs, tax_id, problems);
        let root = config.home().child(&declared.path);
        let slugs = found.slugs(inputs, &root, problems);
        let (mut terms, local) = found.into_terms(inputs, &root, &slugs, |term, f| attached.push((tax_id, term, f)));
        if declared.hugo_addresses {
            for t in &mut terms {
                t.aliases.extend(hugo_path(&root, &t.name).filter(|old| *old != t.path));
            }
        }
        for (id, list) in local.into_iter().enumerate() {
            page_terms[id][tax_id] = list;
        }
        taxonomies.push(Taxonomy {
            name: declared.name.clone(),
            title: declared.title.clone(),
            path: root,
            terms,
            source: None,
            description: None,
            content: String::new(),
            twins: Vec::new(),
        });
    }
    Collected { taxonomies, page_terms, attached }
}

/// The terms of one taxonomy as they are found, in the order of the newest article that has
/// them, with their term page files.
struct Found {
    of_key: FxHashMap<String, usize>,
    names: Vec<String>,
    members: Vec<Vec<PageId>>,
    /// Per page, its terms.
    local: Vec<Vec<usize>>,
    /// Per term, its page file (index in the inputs' files).
    file_of: Vec<Option<usize>>,
    /// Per term, the slug its page file sets.
    pinned: Vec<Option<String>>,
}

impl Found {
    /// The terms the published articles give the taxonomy `name`; each shown as most of its
    /// articles write it (among equals, as the newest does).
    fn in_articles(inputs: &Inputs<'_>, name: &str, problems: &mut Vec<Problem>) -> Found {
        let mut of_key: FxHashMap<String, usize> = FxHashMap::default();
        let mut of_written: FxHashMap<String, usize> = FxHashMap::default();
        // Per term, each way it is written (NFC) with how many articles write it so, in the
        // order first seen (newest article first).
        let mut forms: Vec<Vec<(String, usize)>> = Vec::new();
        let mut members: Vec<Vec<PageId>> = Vec::new();
        let mut local: Vec<Vec<usize>> = vec![Vec::new(); inputs.pages];
        for &id in inputs.articles {
            let written = match (inputs.names_of)(id, name) {
                Ok(w) => w,
                Err(p) => {
                    problems.push(p);
                    continue;
                }
            };
            for name in written {
                let t = match of_written.get(&name) {
                    Some(&t) => t,
                    None => {
                        let t = *of_key.entry(term_key(&name)).or_insert_with(|| {
                            forms.push(Vec::new());
                            members.push(Vec::new());
                            forms.len() - 1
                        });
                        of_written.insert(name.clone(), t);
                        t
                    }
                };
                if !local[id].contains(&t) {
                    local[id].push(t);
                    members[t].push(id);
                    let nfc: String = name.nfc().collect();
                    match forms[t].iter_mut().find(|(f, _)| *f == nfc) {
                        Some((_, n)) => *n += 1,
                        None => forms[t].push((nfc, 1)),
                    }
                }
            }
        }
        let names: Vec<String> = forms
            .iter()
            .map(|list| {
                let mut best = &list[0];
                for f in &list[1..] {
                    if f.1 > best.1 {
                        best = f;
                    }
                }
                best.0.clone()
            })
            .collect();
        let n = names.len();
        Found { of_key, names, members, local, file_of: vec![None; n], pinned: vec![None; n] }
    }

    /// Term page files: attached to their term (by name first, the title as the articles
    /// write it, then by slug), or terms of their own (an author who has not written yet).
    fn attach_files(&mut self, inputs: &Inputs<'_>, tax_id: TaxonomyId, problems: &mut Vec<Problem>) {
        let files = inputs.files;
        for (f, file) in files.iter().enumerate().filter(|(_, f)| f.taxonomy == tax_id) {
            let doc = file.doc;
            let title = doc.front.title.clone().unwrap_or_else(|| doc.source.page_name().to_string());
            let slug = match file_slug(doc) {
                Ok(s) => s,
                Err(p) => {
                    problems.push(p);
                    continue;
                }
            };
            let t = self.of_key.get(&term_key(&title)).copied().or_else(|| {
                (0..self.names.len())
                    .find(|&t| Slug::from_text(&self.names[t]).is_some_and(|s| s == slug) && self.file_of[t].is_none())
            });
            let t = t.unwrap_or_else(|| {
                self.of_key.insert(term_key(&title), self.names.len());
                self.names.push(title.clone());
                self.members.push(Vec::new());
                self.file_of.push(None);
                self.pinned.push(None);
                self.names.len() - 1
            });
            if let Some(other) = self.file_of[t] {
                let other = files[other].doc.source.to_string();
                let message = msg!("tax-two-term-files", other = other, term = self.names[t].as_str());
                problems.push(Problem::file(doc.source.display(), message).hint(msg!("tax-two-term-files-hint")));
                continue;
            }
            if doc.front.title.is_some() {
                self.names[t] = title;
            }
            self.file_of[t] = Some(f);
            self.pinned[t] = Some(slug.as_str().to_string());
        }
    }

    /// Each term's slug: pinned ones first, then the others in the order the terms were first
    /// used (oldest article first), so a newer article never takes a slug away.
    fn slugs(&self, inputs: &Inputs<'_>, root: &UrlPath, problems: &mut Vec<Problem>) -> Vec<String> {
        let names = &self.names;
        let first_used = |t: usize| self.members[t].iter().map(|&id| inputs.rank[id]).max().unwrap_or(0);
        let mut slug_of: Vec<String> = vec![String::new(); names.len()];
        let mut taken: FxHashMap<String, usize> = FxHashMap::default();
        for (t, pinned) in self.pinned.iter().enumerate() {
            let Some(s) = pinned else { continue };
            if let Some(&other) = taken.get(s) {
                let f = self.file_of[t]
                    .map_or_else(|| SourcePath::new("x").expect("a path"), |f| inputs.files[f].doc.source.clone());
                let path = format!("/{}{s}/", root.as_str());
                let message = msg!("tax-same-slug", a = names[other].as_str(), b = names[t].as_str(), path = path);
                problems.push(Problem::file(f.display(), message).hint(msg!("tax-same-slug-hint")));
            }
            taken.insert(s.clone(), t);
            slug_of[t].clone_from(s);
        }
        let mut order: Vec<usize> = (0..names.len()).filter(|&t| self.pinned[t].is_none()).collect();
        order.sort_by(|&a, &b| first_used(b).cmp(&first_used(a)).then_with(|| names[a].cmp(&names[b])));
        for t in order {
            let base = Slug::from_text(&names[t]).map_or_else(|| "muc".to_string(), |s| s.as_str().to_string());
            let mut slug = base.clone();
            let mut n = 1;
            while taken.contains_key(&slug) {
                n += 1;
                slug = format!("{base}-{n}");
            }
            taken.insert(slug.clone(), t);
            slug_of[t] = slug;
        }
        slug_of
    }

    /// The terms in alphabetical order (for lists and indexes), and each page's terms by
    /// their place in it; `attach(term, file)` for each term with a page file.
    fn into_terms(
        mut self,
        inputs: &Inputs<'_>,
        root: &UrlPath,
        slugs: &[String],
        mut attach: impl FnMut(TermId, usize),
    ) -> (Vec<Term>, Vec<Vec<TermId>>) {
        let names = &self.names;
        let mut order: Vec<usize> = (0..names.len()).collect();
        order.sort_by(|&a, &b| inputs.alphabet.compare(&names[a], &names[b]).then_with(|| names[a].cmp(&names[b])));
        let mut new_index = vec![0; names.len()];
        let mut terms = Vec::with_capacity(names.len());
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
            let mut pages = std::mem::take(&mut self.members[old]);
            pages.sort_by_key(|&id| inputs.rank[id]);
            terms.push(Term {
                name: std::mem::take(&mut self.names[old]),
                path: root.child(&slugs[old]),
                pages,
                text: None,
                aliases: Vec::new(),
                twins: Vec::new(),
            });
            if let Some(f) = self.file_of[old] {
                attach(new, f);
            }
        }
        let local = self.local.into_iter().map(|list| list.into_iter().map(|t| new_index[t]).collect()).collect();
        (terms, local)
    }
}

/// A term's address as Hugo made it: lower case, Vietnamese letters kept, spaces as `-`
/// (`Toán học` → `/categories/toán-học/`).
fn hugo_path(root: &UrlPath, name: &str) -> Option<UrlPath> {
    let urlized: String = name
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            c if c.is_whitespace() => Some('-'),
            c if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '+' | '~') => Some(c),
            _ => None,
        })
        .collect();
    let urlized = urlized.nfc().collect::<String>();
    if urlized.is_empty() || urlized.starts_with('.') {
        return None;
    }
    UrlPath::parse_site_path(&format!("/{}{urlized}/", root.as_str())).ok()
}

/// The slug a term page file sets (`slug:`, else its file name's), or the problem.
fn file_slug(doc: &Document) -> Result<Slug, Problem> {
    let slug = match &doc.front.slug {
        Some(s) => Slug::from_front_matter(s).map_err(|reason| msg!("site-slug-problem", reason = reason)),
        None => Slug::from_text(doc.source.page_name())
            .ok_or_else(|| msg!("site-slug-problem", reason = msg!("tax-file-name-no-letters"))),
    };
    slug.map_err(|message| {
        Problem::at(doc.source.display(), doc.front.line_of("slug"), 1, message).hint(msg!("tax-slug-hint"))
    })
}

/// Whether a document is the text of a taxonomy (its `_index.md`) or of a term, and which.
pub(crate) fn folder_of(config: &Config, doc: &Document) -> Option<TaxonomyId> {
    match doc.kind {
        DocKind::Term | DocKind::SectionIndex => config.taxonomies.iter().position(|t| {
            t.path == config.place(doc.source.place_dir())
                || (doc.source.name() == "_index"
                    && Some(t.path.as_str()) == doc.source.parent_dir().map(|d| config.place(d)))
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_merge_case_composition_and_tone_placement() {
        let nfd: String = "Hòa Bình".nfd().collect();
        for name in ["hòa bình", "hoà bình", "HOÀ BÌNH", "Hòa Bình", nfd.as_str(), " hoà  bình "] {
            assert_eq!(term_key(name), term_key("Hoà Bình"), "{name}");
        }
        assert_ne!(term_key("cá"), term_key("ca"));
        assert_ne!(term_key("cá"), term_key("cà"));
        assert_eq!(term_key("Thủy"), term_key("thuỷ"));
        assert_eq!(term_key("Giảm nghèo"), term_key("giảm nghèo"));
    }
}
