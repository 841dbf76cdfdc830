//! Stage 3: source files → [`Document`]s: NFC text, typed front matter, the Markdown body.
//!
//! In: the documents `discover::scan` found. Out: one `Document` per file, or every problem
//! found in every file (read in parallel, reported together, sorted by path).

pub(crate) mod date;
pub mod discover;
pub(crate) mod front_matter;
mod json_front;
mod toml_front;
pub mod write;

use jiff::tz::TimeZone;

use crate::base::error::Problem;
use crate::base::paths::SourcePath;
use crate::content::discover::SourceFile;
use crate::msg;

pub(crate) use front_matter::{FrontMatter, SortBy};

/// What a Markdown file is, by where it lies in `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DocKind {
    /// `content/<section>/…/name.md`: a dated news article, listed in its section.
    Article,
    /// `content/name.md`: a standalone page (About, Contact), not listed as news.
    Page,
    /// `_index.md`: describes the folder it is in (`content/_index.md`: the home page, and
    /// `content/<taxonomy path>/_index.md` a taxonomy's index).
    SectionIndex,
    /// `content/<taxonomy path>/<term>.md`: the text of a term's page (an author's bio, a
    /// topic's introduction), not an article.
    Term,
    /// A file marked with a language the site has no edition in (`ky-ket.en.md`, as Hugo
    /// names translations, on a site without `languages: {en}`): not published, and counted
    /// in the build's summary.
    Translation,
}

impl DocKind {
    /// The kind of the file at `path` on a site with these taxonomies.
    pub(crate) fn in_site(path: &SourcePath, config: &crate::config::Config) -> DocKind {
        // Marked with the language of one of the site's editions, it is that edition's.
        if path.language_base().is_some() && config.edition_marked(path).is_none() {
            return DocKind::Translation;
        }
        let is_taxonomy = |dir: Option<&str>| config.taxonomies.iter().any(|t| Some(t.path.as_str()) == dir);
        // Folders as the file's edition sees them (`content/en/tin-tuc/` is its `tin-tuc/`).
        let place = config.place(path.place_dir());
        let dir = config.place(path.dir());
        let parent = path.parent_dir().filter(|_| !config.is_edition_folder(path.dir())).map(|d| config.place(d));
        match DocKind::of(path) {
            // At the top of an edition's own folder: a page, as at the top of `content/`.
            DocKind::Article if place.is_empty() => DocKind::Page,
            DocKind::Article if is_taxonomy(Some(place)) => DocKind::Term,
            // In a folder of pages (`pages:`), each file is a page, its `_index.md` too: the
            // page at the folder's address.
            DocKind::Article if config.holds_pages(place) => DocKind::Page,
            // A page bundle whose own folder is declared (`pages: [vi/about]`).
            DocKind::Article if path.is_bundle() && config.holds_pages(dir) => DocKind::Page,
            DocKind::SectionIndex if config.holds_pages(dir) => DocKind::Page,
            // Hugo writes a term's page as `<taxonomy>/<term>/_index.md`.
            DocKind::SectionIndex if is_taxonomy(parent) => DocKind::Term,
            kind => kind,
        }
    }

    /// The kind of the file at `path`, on a site whose taxonomies have no folder of pages.
    pub(crate) fn of(path: &SourcePath) -> DocKind {
        if path.name() == "_index" && path.is_markdown() {
            DocKind::SectionIndex
        } else if path.place_dir().is_empty() {
            DocKind::Page
        } else {
            DocKind::Article
        }
    }
}

/// A Markdown file on disk, read and checked.
#[derive(Debug, Clone)]
pub struct Document {
    /// Where it is in `content/`.
    pub(crate) source: SourcePath,
    /// What it is.
    pub(crate) kind: DocKind,
    /// Its front matter.
    pub(crate) front: FrontMatter,
    /// The Markdown after the front matter (NFC, `\n` line ends).
    pub body: String,
    /// The file line the body starts on.
    pub body_line: usize,
    /// A digest of the file's bytes: equal digests, equal documents.
    pub(crate) digest: u64,
}

/// The `2023-04-06` at the start of a Jekyll post's file name (`2023-04-06-ky-ket`, or with a
/// one-digit month or day, `2016-10-8-ubuntu`, as Jekyll allows), if any.
pub(crate) fn date_in_name(stem: &str) -> Option<&str> {
    let mut parts = stem.splitn(4, '-');
    let (y, m, d, rest) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, lens: std::ops::RangeInclusive<usize>| {
        lens.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    (digits(y, 4..=4) && digits(m, 1..=2) && digits(d, 1..=2) && !rest.is_empty())
        .then(|| &stem[..y.len() + m.len() + d.len() + 2])
}

/// Reads one file from disk and parses it, as the site's configuration says.
pub(crate) fn read(file: &SourceFile, config: &crate::config::Config) -> Result<Document, Vec<Problem>> {
    let bytes = crate::base::text::read_text_file(&file.disk).map_err(|e| {
        vec![Problem::file(file.path.display(), msg!("content-cannot-read", error = crate::base::text::read_error(&e)))]
    })?;
    parse_as(&file.path, &bytes, &config.timezone, DocKind::in_site(&file.path, config))
}

/// Parses `text` as the file `file` (an editor's unsaved text of it), as [`read`] would.
pub(crate) fn read_text(
    file: &SourceFile,
    text: &str,
    config: &crate::config::Config,
) -> Result<Document, Vec<Problem>> {
    parse_as(&file.path, text.as_bytes(), &config.timezone, DocKind::in_site(&file.path, config))
}

/// Parses a document from its bytes (its kind by its place alone).
pub fn parse(source: &SourcePath, bytes: &[u8], tz: &TimeZone) -> Result<Document, Vec<Problem>> {
    parse_as(source, bytes, tz, DocKind::of(source))
}

/// Parses a document of `kind` from its bytes.
pub(crate) fn parse_as(
    source: &SourcePath,
    bytes: &[u8],
    tz: &TimeZone,
    kind: DocKind,
) -> Result<Document, Vec<Problem>> {
    let shown = source.display();
    if kind == DocKind::Translation {
        // Not published, so nothing in it can be a problem for this site: only counted.
        let digest = xxhash_rust::xxh3::xxh3_64(bytes);
        let front = front_matter::FrontMatter::default();
        return Ok(Document { source: source.clone(), kind, front, body: String::new(), body_line: 1, digest });
    }
    let text = crate::base::text::decode(bytes)
        .map_err(|bad| bad.into_iter().map(|bad| bad.at(&shown)).collect::<Vec<_>>())?;
    let Some(split) = front_matter::split(&text) else {
        let problem = if text.starts_with("---\n") || text.starts_with("+++\n") {
            Problem::file(&shown, msg!("fm-not-closed")).hint(msg!("fm-not-closed-hint"))
        } else {
            Problem::file(&shown, msg!("fm-missing")).hint(msg!("fm-missing-hint"))
        };
        return Err(vec![problem]);
    };
    let mut front = front_matter::parse_as(&shown, split.yaml, split.format, split.first_line, tz)?;
    // An article without `date:` (nor `publishDate:`) is dated as Jekyll does, by its file name
    // (`2023-04-06-ky-ket.md`), and last by when it was last changed (`lastmod:`).
    if front.date.is_none() && kind == DocKind::Article {
        front.date =
            date_in_name(source.name()).and_then(|d| date::parse(d, tz).ok()).or_else(|| front.updated.clone());
    }
    let mut problems = Vec::new();
    // A misspelled key (`titel:`) is named where the key it stands for is missing.
    let misspelled = |key: &str| {
        front
            .misspelled
            .iter()
            .find(|(_, k)| *k == key)
            .map(|(written, _)| msg!("fm-misspelled", written = written, line = front.line_of(written), key = key))
    };
    if front.title.is_none() && kind != DocKind::SectionIndex {
        problems.push(
            Problem::at(&shown, split.first_line, 1, msg!("content-no-title"))
                .hint(misspelled("title").unwrap_or_else(|| msg!("content-no-title-hint"))),
        );
    }
    if front.date.is_none() && kind == DocKind::Article && !front.key_lines.contains_key("date") {
        problems.push(Problem::at(&shown, split.first_line, 1, msg!("content-no-date")).hint(
            misspelled("date").unwrap_or_else(|| {
                let folder = if source.is_bundle() { source.dir() } else { source.place_dir() };
                msg!("content-no-date-hint", folder = folder)
            }),
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let digest = xxhash_rust::xxh3::xxh3_64(bytes);
    Ok(Document {
        source: source.clone(),
        kind,
        front,
        body: split.body.to_string(),
        body_line: split.body_line,
        digest,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tz() -> TimeZone {
        TimeZone::get("Asia/Ho_Chi_Minh").unwrap()
    }

    #[test]
    fn kinds_follow_the_folder() {
        assert_eq!(DocKind::of(&SourcePath::new("gioi-thieu.md").unwrap()), DocKind::Page);
        assert_eq!(DocKind::of(&SourcePath::new("tin-tuc/a.md").unwrap()), DocKind::Article);
        assert_eq!(DocKind::of(&SourcePath::new("tin-tuc/_index.md").unwrap()), DocKind::SectionIndex);
        assert_eq!(DocKind::of(&SourcePath::new("_index.md").unwrap()), DocKind::SectionIndex);
    }

    #[test]
    fn article_without_title_or_date_gets_both_problems() {
        let src = SourcePath::new("tin-tuc/a.md").unwrap();
        let problems = parse(&src, b"---\nauthor: A\n---\nText\n", &tz()).unwrap_err();
        assert_eq!(problems.len(), 2);
        assert_eq!(
            problems[0].to_string(),
            "content/tin-tuc/a.md:2:1: the title is missing — add a line `title: …` to the front matter"
        );
    }

    #[test]
    fn page_needs_no_date() {
        let src = SourcePath::new("lien-he.md").unwrap();
        let doc = parse(&src, b"---\ntitle: Li\xC3\xAAn h\xE1\xBB\x87\n---\nText\n", &tz()).unwrap();
        assert_eq!(doc.front.title.as_deref(), Some("Liên hệ"));
        assert_eq!(doc.body_line, 4);
    }
}
