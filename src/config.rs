//! Stage 1: `site.yaml` → [`Config`], checked once, with every default filled in.
//!
//! Every key is optional, and an unknown key is an error that names it: a typo such as
//! `titel:` must not silently do nothing.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::base::error::{Error, Problem};
use crate::base::messages::{Lang, Message};
use crate::base::yaml;
use crate::msg;

/// The file name of the site configuration, at the root of the site.
pub(crate) const CONFIG_FILE: &str = "site.yaml";

/// The site configuration with every default filled in.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    /// The bulletin's name, shown in the masthead and titles.
    pub(crate) title: String,
    /// One sentence on what the bulletin is, for the home page and sharing.
    pub(crate) description: String,
    /// Absolute URL of the site, always ending in `/` (may be just `/`).
    pub(crate) base_url: String,
    /// The line of `site.yaml` that gives it (none when `--base-url` does), for messages.
    pub(crate) base_url_line: Option<usize>,
    /// `vi` (default) or `en`: the language of the theme's strings, of dates and of bantin's messages.
    pub(crate) language: Lang,
    /// The IANA zone dates without an offset are read in.
    pub(crate) timezone: jiff::tz::TimeZone,
    /// The zone's name as written, for templates.
    pub(crate) timezone_name: String,
    /// The zone `:year/:month/:day` of `permalinks:` are made in, when not `timezone:`: a site
    /// that moved in keeps the addresses its old generator made in its own zone (Jekyll on
    /// GitHub Pages: UTC), while readers see the site's.
    pub(crate) permalink_timezone: Option<jiff::tz::TimeZone>,
    /// The theme's name: a folder in `themes/`, or the built-in `bulletin`.
    pub(crate) theme: String,
    /// Articles per listing page.
    pub(crate) paginate_by: usize,
    /// Articles in each feed.
    pub(crate) feed_limit: usize,
    /// Whether feed items carry the whole article (`feed_full_text: true`), not only its summary.
    pub(crate) feed_full_text: bool,
    /// The menu; when empty, the top-level sections are the menu.
    pub(crate) menu: Vec<MenuEntry>,
    /// Where the generated lists live on the site.
    pub(crate) paths: Paths,
    /// Whether to build the search index and the search page.
    pub(crate) search: bool,
    /// Free values for themes, handed to templates as `site.extra`.
    pub(crate) extra: BTreeMap<String, crate::base::yaml::Value>,
    /// The ways articles are grouped besides sections (tags, topics, authors), in order.
    pub(crate) taxonomies: Vec<Taxonomy>,
    /// Per top-level section folder: the pattern of its articles' URLs.
    pub(crate) permalinks: BTreeMap<String, Permalink>,
    /// Folders of `content/` whose files are pages, not dated news (`pages: [gioi-thieu]`):
    /// each at its folder's address, in no list, with no date needed.
    pub(crate) page_folders: Vec<String>,
    /// How photos are published.
    pub(crate) images: PhotoSettings,
    /// Who publishes the bulletin, for the footer.
    pub(crate) publisher: Publisher,
    /// Whether articles' raw HTML may run scripts (`allow_scripts: true`).
    pub(crate) scripts: Scripts,
    /// Where `bantin deploy` publishes the site (`deploy:`), the first by default.
    pub(crate) deploy: Vec<DeployTarget>,
    /// The site's editions (`languages:`), the default first; one, at the root, when the site
    /// has a single language.
    pub(crate) editions: Vec<Edition>,
    /// Which of them this configuration is for (see [`Config::for_edition`]).
    pub(crate) edition: usize,
}

/// One edition of a site: its articles in one language, under their own path, with their own
/// title and menu (`languages:` of `site.yaml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Edition {
    pub(crate) language: Lang,
    pub(crate) title: String,
    pub(crate) description: String,
    pub(crate) menu: Vec<MenuEntry>,
    /// Its place under the site root: `""` for the default edition, `en/` for another.
    pub(crate) path: String,
    /// The line of `site.yaml` that names it, for messages.
    pub(crate) line: usize,
    /// Its values of `extra:` in place of the site's (an address in English).
    pub(crate) extra: BTreeMap<String, crate::base::yaml::Value>,
    /// The folder of `content/` that holds its files (`content: en`, as Hugo's `contentDir`),
    /// when it has one of its own.
    pub(crate) folder: Option<String>,
}

/// One edition as written under `languages:`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEdition {
    title: Option<String>,
    description: Option<String>,
    path: Option<String>,
    menu: Option<Vec<MenuEntry>>,
    extra: Option<BTreeMap<String, crate::base::yaml::Value>>,
    content: Option<String>,
}

/// A place `bantin deploy` publishes to: a name to choose it by and its address, without any
/// secret (those come from the environment).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DeployTarget {
    pub(crate) name: String,
    pub(crate) url: String,
}

/// One entry of `deploy:` as written.
#[derive(Debug, Clone, Deserialize)]
struct RawTarget {
    name: Option<String>,
    url: Option<String>,
    /// Anything else: a secret written here is a problem, as is a key bantin does not know.
    #[serde(flatten)]
    other: BTreeMap<String, crate::base::yaml::Value>,
}

/// Who publishes the bulletin, as Vietnamese portals say at the foot of every page (cơ quan
/// chủ quản, giấy phép, người chịu trách nhiệm nội dung, địa chỉ, điện thoại, thư điện tử).
/// Every field is optional; a theme shows those given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Publisher {
    /// The body that runs the bulletin (cơ quan chủ quản).
    pub(crate) name: Option<String>,
    /// The licence (giấy phép) as written: number, date, who granted it.
    pub(crate) licence: Option<String>,
    /// Who is responsible for the content (người chịu trách nhiệm nội dung).
    pub(crate) responsible: Option<String>,
    pub(crate) address: Option<String>,
    pub(crate) phone: Option<String>,
    pub(crate) email: Option<String>,
    /// The copyright line, after ©; the bulletin's title when not given.
    pub(crate) copyright: Option<String>,
    /// The bulletin's logo for search engines (a site path such as `logo.png`, at least
    /// 112 px square); the theme's when not given.
    pub(crate) logo: Option<String>,
}

/// A way of grouping articles: its terms come from the front matter key `name`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Taxonomy {
    /// The front matter key and the name templates use (`tags`, `categories`, `authors`).
    pub(crate) name: String,
    /// Where its index and term pages live (`tu-khoa`); also the folder of `content/` that
    /// holds its pages' own text (`content/tac-gia/nguyen-van-a.md`).
    pub(crate) path: String,
    /// Its title, if the site gives one (else the theme's string for it).
    pub(crate) title: Option<String>,
    /// Whether each term's old address as Hugo made it (`/tags/giảm-nghèo/`, Vietnamese
    /// letters kept) redirects to bantin's (`old_addresses: hugo`).
    pub(crate) hugo_addresses: bool,
}

/// `images:` as written in `site.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawImages {
    widths: Option<Vec<u32>>,
    share_width: Option<u32>,
    quality: Option<u32>,
}

/// A taxonomy as written in `site.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTaxonomy {
    name: String,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    title: Option<String>,
    /// `hugo`: the terms' addresses as Hugo made them redirect to bantin's.
    #[serde(default)]
    old_addresses: Option<OldAddresses>,
}

/// Whose addresses a taxonomy's terms had before the site moved in.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum OldAddresses {
    Hugo,
}

/// A URL pattern for articles, made of Hugo's tokens: `/:year/:month/:day/:slug/`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Permalink {
    /// The pattern as written.
    pub(crate) pattern: String,
    /// Its parts: text and tokens, in order.
    pub(crate) parts: Vec<PermalinkPart>,
}

/// A piece of a permalink pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum PermalinkPart {
    /// Text as written (`/`, `.html`, `tin-`…), an index into the pattern.
    Text(usize, usize),
    /// `:year` (4 digits), `:month`, `:day` (2 digits): the article's date in the site's zone.
    Year,
    Month,
    Day,
    /// `:slug`: `slug:` or the file name's slug; `:filename`: the file name's slug always.
    Slug,
    Filename,
    /// `:title`: the title's slug.
    Title,
    /// `:section`: the top-level section's path; `:sections`: the full path of its section.
    Section,
    Sections,
}

impl Permalink {
    /// Reads a pattern; the message says what is wrong.
    pub(crate) fn parse(pattern: &str) -> Result<Permalink, Message> {
        if !pattern.starts_with('/') {
            return Err(msg!("config-permalink-no-slash", pattern = pattern));
        }
        let mut parts = Vec::new();
        let mut text_start = 0;
        let mut i = 0;
        let bytes = pattern.as_bytes();
        while i < bytes.len() {
            if bytes[i] == b':' {
                let end = pattern[i + 1..].find(|c: char| !c.is_ascii_lowercase()).map_or(pattern.len(), |e| i + 1 + e);
                let token = match &pattern[i + 1..end] {
                    "year" => PermalinkPart::Year,
                    "month" => PermalinkPart::Month,
                    "day" => PermalinkPart::Day,
                    "slug" => PermalinkPart::Slug,
                    "filename" => PermalinkPart::Filename,
                    "title" => PermalinkPart::Title,
                    "section" => PermalinkPart::Section,
                    "sections" => PermalinkPart::Sections,
                    other => return Err(msg!("config-permalink-unknown-token", token = other, pattern = pattern)),
                };
                if text_start < i {
                    parts.push(PermalinkPart::Text(text_start, i));
                }
                parts.push(token);
                i = end;
                text_start = end;
            } else {
                let c = bytes[i];
                if !(c.is_ascii_lowercase() || c.is_ascii_digit() || b"/-_.".contains(&c)) {
                    return Err(msg!(
                        "config-permalink-bad-character",
                        pattern = pattern,
                        character = pattern[i..].chars().next().unwrap_or(' ')
                    ));
                }
                i += 1;
            }
        }
        if text_start < pattern.len() {
            parts.push(PermalinkPart::Text(text_start, pattern.len()));
        }
        if pattern.contains("..") || pattern.contains("//") {
            return Err(msg!("config-permalink-dots", pattern = pattern));
        }
        if !parts.iter().any(|p| matches!(p, PermalinkPart::Slug | PermalinkPart::Filename | PermalinkPart::Title)) {
            return Err(msg!("config-permalink-no-slug", pattern = pattern));
        }
        Ok(Permalink { pattern: pattern.to_string(), parts })
    }
}

/// One link of the site menu.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub(crate) struct MenuEntry {
    /// What the reader sees.
    pub(crate) name: String,
    /// A site path such as `/tin-tuc/`, or a full URL to another site.
    pub(crate) url: String,
}

/// Where the generated lists live, as path segments under the site root.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct Paths {
    /// The tag pages and the tag index ("Từ khóa").
    pub(crate) tags: String,
    /// The monthly archives ("Lưu trữ").
    pub(crate) archive: String,
    /// The search page and its index ("Tìm kiếm").
    pub(crate) search: String,
    /// The file name of each feed (site and section).
    pub(crate) feed: String,
    /// The page that says a page has no translation into an edition's language (`/en/chua-dich/`).
    pub(crate) untranslated: String,
}

impl Default for Paths {
    fn default() -> Self {
        Paths {
            tags: "tu-khoa".into(),
            archive: "luu-tru".into(),
            search: "tim-kiem".into(),
            feed: "rss.xml".into(),
            untranslated: "chua-dich".into(),
        }
    }
}

/// `site.yaml` as written: every key optional, no unknown key allowed.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    description: Option<String>,
    base_url: Option<String>,
    language: Option<String>,
    timezone: Option<String>,
    permalink_timezone: Option<String>,
    theme: Option<String>,
    paginate_by: Option<usize>,
    feed_limit: Option<usize>,
    feed_full_text: Option<bool>,
    menu: Option<Vec<MenuEntry>>,
    paths: Option<Paths>,
    search: Option<bool>,
    extra: Option<BTreeMap<String, crate::base::yaml::Value>>,
    taxonomies: Option<Vec<RawTaxonomy>>,
    permalinks: Option<BTreeMap<String, String>>,
    pages: Option<Vec<String>>,
    images: Option<RawImages>,
    publisher: Option<Publisher>,
    allow_scripts: Option<bool>,
    deploy: Option<Vec<RawTarget>>,
    languages: Option<crate::base::yaml::Mapping>,
}

/// Reads `site.yaml` under `root`; a missing file gives the defaults.
pub(crate) fn load(root: &Path) -> Result<Config, Error> {
    let path = root.join(CONFIG_FILE);
    let text = match crate::base::text::read_text_file(&path) {
        Ok(bytes) => match crate::base::text::decode(&bytes) {
            Ok(text) => Some(text),
            Err(bad) => return Err(Error::problems(bad.into_iter().map(|bad| bad.at(CONFIG_FILE)).collect())),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            return Err(Error::problems(vec![
                Problem::file(CONFIG_FILE, msg!("config-cannot-read", reason = crate::base::text::read_error(&e)))
                    .hint(msg!("config-cannot-read-hint")),
            ]));
        }
    };
    parse(text.as_deref().unwrap_or(""))
}

/// The language a site's messages are printed in: `site.yaml`'s `language` when it can be read
/// at all, even from a `site.yaml` with other mistakes (whose messages then come in that
/// language too); Vietnamese otherwise. The commands ask it; messages know no site.
pub fn site_language(root: &Path) -> Lang {
    language_of(root).unwrap_or_default()
}

/// The `language` of the site at `root`, read on its own so that messages about a `site.yaml`
/// with mistakes elsewhere still come in the site's language.
pub(crate) fn language_of(root: &Path) -> Option<Lang> {
    let bytes = crate::base::text::read_text_file(&root.join(CONFIG_FILE)).ok()?;
    let text = crate::base::text::decode(&bytes).ok()?;
    let written = text.lines().find_map(|line| {
        let value = line.strip_prefix("language:")?;
        let value = value.split('#').next().unwrap_or("").trim().trim_matches(['"', '\'']);
        Lang::from_code(value)
    });
    written.or_else(|| first_of_languages(&text))
}

/// The first language under `languages:` (the default edition's), as written on its own line
/// or inline (`languages: {en: …, vi: …}`).
fn first_of_languages(text: &str) -> Option<Lang> {
    let mut lines = text.lines().skip_while(|l| !l.starts_with("languages:"));
    let head = lines.next()?.trim_start_matches("languages:").trim();
    let first = match head.strip_prefix('{') {
        Some(inline) => inline.trim_start().to_string(),
        None => lines.find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?.trim().to_string(),
    };
    let key = first.split(':').next()?.trim().trim_matches(['"', '\'']);
    Lang::from_code(key)
}

/// Parses the text of `site.yaml`: each group of keys is checked by its own step, and every
/// problem found is reported together.
pub(crate) fn parse(text: &str) -> Result<Config, Error> {
    let raw: RawConfig = if text.trim().is_empty() {
        RawConfig::default()
    } else {
        yaml::parse(Path::new(CONFIG_FILE), text, 0).map_err(|p| Error::problems(vec![p]))?
    };
    let site = SiteText { text, lines: yaml::key_lines(text) };
    let mut problems = Vec::new();
    let language = language(raw.language.as_deref(), &site, &mut problems);
    let (timezone, timezone_name) = timezone(raw.timezone, &site, &mut problems);
    let permalink_timezone = raw.permalink_timezone.map(|name| match jiff::tz::TimeZone::get(&name) {
        Ok(tz) => tz,
        Err(_) => {
            problems.push(site.at_key(
                "permalink_timezone",
                msg!("config-unknown-timezone", zone = &name),
                msg!("config-unknown-timezone-hint"),
            ));
            jiff::tz::TimeZone::UTC
        }
    });
    let base_url = base_url(raw.base_url.as_deref(), &site, &mut problems);
    let paginate_by = paginate_by(raw.paginate_by, &site, &mut problems);
    let images = photo_settings(raw.images.unwrap_or_default(), &site, &mut problems);
    let paths = paths(raw.paths.unwrap_or_default(), &site, &mut problems);
    let taxonomies = taxonomies(raw.taxonomies, &paths, &site, &mut problems);
    let permalinks = permalinks(raw.permalinks.unwrap_or_default(), &site, &mut problems);
    check_menu(raw.menu.as_deref().unwrap_or_default(), &site, &mut problems);
    let deploy = deploy_targets(raw.deploy.unwrap_or_default(), &site, &mut problems);
    let title = raw.title.unwrap_or_else(|| "Bản tin".into());
    let description = raw.description.unwrap_or_default();
    let menu = raw.menu.unwrap_or_default();
    let single = Edition {
        language,
        title: title.clone(),
        description: description.clone(),
        menu: menu.clone(),
        path: String::new(),
        line: 1,
        extra: BTreeMap::new(),
        folder: None,
    };
    let editions = match raw.languages {
        Some(map) => editions(map, (language, raw.language.is_some()), &single, &site, &mut problems),
        None => vec![single],
    };
    if !problems.is_empty() {
        return Err(Error::problems(problems));
    }
    Ok(Config {
        title,
        description,
        base_url,
        base_url_line: site.lines.get("base_url").copied(),
        timezone,
        timezone_name,
        permalink_timezone,
        theme: raw.theme.unwrap_or_else(|| "bulletin".into()),
        paginate_by,
        feed_limit: raw.feed_limit.unwrap_or(20),
        feed_full_text: raw.feed_full_text.unwrap_or(false),
        menu,
        paths,
        search: raw.search.unwrap_or(true),
        extra: raw.extra.unwrap_or_default(),
        taxonomies,
        permalinks,
        page_folders: raw
            .pages
            .unwrap_or_default()
            .iter()
            .map(|f| f.trim().trim_start_matches("content/").trim_matches('/').to_string())
            .filter(|f| !f.is_empty())
            .collect(),
        images,
        publisher: raw.publisher.unwrap_or_default(),
        scripts: match raw.allow_scripts {
            Some(true) => Scripts::Allow,
            _ => Scripts::Refuse,
        },
        deploy,
        language: editions[0].language,
        editions,
        edition: 0,
    })
}

/// `languages:`: each edition by its language code, the first the default one at the root
/// (its title, description and menu are the site's unless it gives its own); the others
/// each under a path of their own (`en/` unless `path:` says).
fn editions(
    map: crate::base::yaml::Mapping,
    (language, language_written): (Lang, bool),
    site_wide: &Edition,
    site: &SiteText,
    problems: &mut Vec<Problem>,
) -> Vec<Edition> {
    let mut editions: Vec<Edition> = Vec::new();
    for (i, (key, value)) in map.into_iter().enumerate() {
        let code = crate::base::yaml::to_text(&key);
        let Some(lang) = Lang::from_code(&code) else {
            // A key of a language written beside them (`title:` not indented under `en:`).
            let hint = if ["title", "description", "path", "menu", "extra", "content"].contains(&code.as_str()) {
                msg!("config-language-indent-hint", key = code.as_str())
            } else {
                msg!("config-unknown-language-hint")
            };
            problems.push(site.at_language(&code, msg!("config-unknown-language", code = code.as_str()), hint));
            continue;
        };
        let raw: RawEdition = match value {
            crate::base::yaml::Value::Null => RawEdition::default(),
            value => match crate::base::yaml::from_value_said(value) {
                Ok(raw) => raw,
                Err(reason) => {
                    // Said without the name of bantin's own type.
                    let reason = reason.replace("struct RawEdition", "a mapping such as `{ title: … }`");
                    problems.push(site.at_language(
                        &code,
                        msg!("config-language-bad", code = code.as_str(), reason = reason),
                        msg!("config-language-bad-hint"),
                    ));
                    continue;
                }
            },
        };
        if editions.iter().any(|e| e.language == lang) {
            problems.push(site.at_language(
                &code,
                msg!("config-language-twice", code = code.as_str()),
                msg!("config-language-bad-hint"),
            ));
            continue;
        }
        let path = match (i, raw.path) {
            (0, Some(p)) if !p.trim().trim_matches('/').is_empty() => {
                problems.push(site.at_language(
                    &code,
                    msg!("config-language-default-path", code = code.as_str()),
                    msg!("config-language-default-path-hint"),
                ));
                String::new()
            }
            (0, _) => String::new(),
            (_, p) => {
                let p = p.unwrap_or_else(|| lang.code().to_string());
                match crate::base::paths::Slug::from_front_matter(p.trim().trim_matches('/')) {
                    Ok(slug) => format!("{}/", slug.as_str()),
                    Err(_) => {
                        problems.push(site.at_language(
                            &code,
                            msg!("config-language-bad-path", code = code.as_str(), path = p.as_str()),
                            msg!("config-language-bad-path-hint"),
                        ));
                        String::new()
                    }
                }
            }
        };
        let (title, description, menu) = if i == 0 {
            (
                raw.title.unwrap_or_else(|| site_wide.title.clone()),
                raw.description.unwrap_or_else(|| site_wide.description.clone()),
                raw.menu.unwrap_or_else(|| site_wide.menu.clone()),
            )
        } else {
            (
                raw.title.unwrap_or_else(|| site_wide.title.clone()),
                raw.description.unwrap_or_default(),
                raw.menu.unwrap_or_default(),
            )
        };
        check_menu(&menu, site, problems);
        let extra = raw.extra.unwrap_or_default();
        let line = yaml::nested_key_at(site.text, "languages", &code).map_or(1, |(line, _)| line);
        let folder = raw.content.map(|c| c.trim().trim_start_matches("content/").trim_matches('/').to_string());
        let folder = match folder {
            Some(f) if !crate::base::paths::Slug::is_valid_path(&f) => {
                problems.push(site.at_language(
                    &code,
                    msg!("config-language-bad-content", code = code.as_str(), folder = f.as_str()),
                    msg!("config-language-bad-content-hint"),
                ));
                None
            }
            f => f,
        };
        editions.push(Edition { language: lang, title, description, menu, path, line, extra, folder });
    }
    if language_written && editions.first().is_some_and(|e| e.language != language) {
        problems.push(site.at_key(
            "language",
            msg!("config-language-not-first", language = language.code()),
            msg!("config-language-not-first-hint"),
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for e in &editions {
        if !e.path.is_empty() && !seen.insert(e.path.clone()) {
            problems.push(site.at_key(
                "languages",
                msg!("config-language-same-path", path = e.path.as_str()),
                msg!("config-language-default-path-hint"),
            ));
        }
    }
    if editions.is_empty() {
        editions.push(site_wide.clone());
    }
    editions
}

/// `deploy:`, each target with a name (`web`, `web-2`… when none is written) and an address.
/// A password or key written here is a problem: site.yaml is shared and kept in git, so
/// secrets come from the environment.
fn deploy_targets(raw: Vec<RawTarget>, site: &SiteText, problems: &mut Vec<Problem>) -> Vec<DeployTarget> {
    const SECRETS: [&str; 8] =
        ["password", "pass", "secret", "token", "key", "secret_access_key", "access_key", "private_key"];
    let mut targets = Vec::new();
    for (i, t) in raw.into_iter().enumerate() {
        let name = t.name.unwrap_or_else(|| if i == 0 { "web".to_string() } else { format!("web-{}", i + 1) });
        for key in t.other.keys() {
            let (message, hint) = if SECRETS.contains(&key.as_str()) {
                (
                    msg!("config-deploy-secret", key = key.as_str(), name = name.as_str()),
                    msg!("config-deploy-secret-hint"),
                )
            } else {
                (
                    msg!("config-deploy-unknown-key", key = key.as_str(), name = name.as_str()),
                    msg!("config-deploy-keys-hint"),
                )
            };
            problems.push(site.at_key("deploy", message, hint));
        }
        let Some(url) = t.url else {
            problems.push(site.at_key(
                "deploy",
                msg!("config-deploy-no-url", name = name.as_str()),
                msg!("config-deploy-keys-hint"),
            ));
            continue;
        };
        // `ftp://user:password@host/`: the password is a secret too.
        if password_in_url(&url).is_some() {
            problems.push(site.at_key(
                "deploy",
                msg!("config-deploy-secret-in-url", name = name.as_str()),
                msg!("config-deploy-secret-hint"),
            ));
            continue;
        }
        targets.push(DeployTarget { name, url });
    }
    targets
}

/// The text of `site.yaml`, for the place of each problem.
struct SiteText<'a> {
    text: &'a str,
    /// The line of each top-level key.
    lines: rustc_hash::FxHashMap<&'a str, usize>,
}

impl SiteText<'_> {
    /// The line of the top-level `key:`, or the first line.
    fn line_of(&self, key: &str) -> usize {
        self.lines.get(key).copied().unwrap_or(1)
    }

    /// A problem at the line of `code:` under `languages:`, else of `languages:`.
    fn at_language(&self, code: &str, message: Message, hint: Message) -> Problem {
        match yaml::nested_key_at(self.text, "languages", code) {
            Some((line, column)) => Problem::at(CONFIG_FILE, line, column, message).hint(hint),
            None => self.at_key("languages", message, hint),
        }
    }

    /// A problem at the line of the top-level `key:`.
    fn at_key(&self, key: &str, message: Message, hint: Message) -> Problem {
        Problem::at(CONFIG_FILE, self.line_of(key), 1, message).hint(hint)
    }
}

/// `language:`, `vi` when it is not given or not known.
fn language(code: Option<&str>, site: &SiteText, problems: &mut Vec<Problem>) -> Lang {
    match code.map(|code| (code, Lang::from_code(code))) {
        None => Lang::default(),
        Some((_, Some(lang))) => lang,
        Some((code, None)) => {
            problems.push(site.at_key(
                "language",
                msg!("config-unknown-language", code = code),
                msg!("config-unknown-language-hint"),
            ));
            Lang::default()
        }
    }
}

impl Config {
    /// Whether the folder `dir` of `content/` holds pages rather than news (`pages:`).
    pub(crate) fn holds_pages(&self, dir: &str) -> bool {
        self.page_folders.iter().any(|f| dir == f || dir.strip_prefix(f.as_str()).is_some_and(|r| r.starts_with('/')))
    }
}

/// `timezone:` and its name, UTC when the zone is not known.
fn timezone(name: Option<String>, site: &SiteText, problems: &mut Vec<Problem>) -> (jiff::tz::TimeZone, String) {
    let name = name.unwrap_or_else(|| "Asia/Ho_Chi_Minh".into());
    match jiff::tz::TimeZone::get(&name) {
        Ok(tz) => (tz, name),
        Err(_) => {
            problems.push(site.at_key(
                "timezone",
                msg!("config-unknown-timezone", zone = &name),
                msg!("config-unknown-timezone-hint"),
            ));
            (jiff::tz::TimeZone::UTC, name)
        }
    }
}

/// `base_url:`, ending in `/`; a site path or an `http(s)` address.
fn base_url(url: Option<&str>, site: &SiteText, problems: &mut Vec<Problem>) -> String {
    let base_url = normalize_base_url(url.unwrap_or("/"));
    if !(base_url.starts_with('/') || base_url.starts_with("http://") || base_url.starts_with("https://")) {
        problems.push(site.at_key(
            "base_url",
            msg!("config-bad-base-url", url = &base_url),
            msg!("config-bad-base-url-hint"),
        ));
    }
    base_url
}

/// `paginate_by:`, 10 when not given; never 0.
fn paginate_by(given: Option<usize>, site: &SiteText, problems: &mut Vec<Problem>) -> usize {
    let paginate_by = given.unwrap_or(10);
    if paginate_by == 0 {
        problems.push(site.at_key("paginate_by", msg!("config-paginate-zero"), msg!("config-paginate-zero-hint")));
    }
    paginate_by
}

/// `images:`, each setting checked at its own line; the default for one that is wrong.
fn photo_settings(raw: RawImages, site: &SiteText, problems: &mut Vec<Problem>) -> PhotoSettings {
    let mut s = PhotoSettings::default();
    let mut refuse = |key: &str, message: Message, hint: Message| {
        let (line, column) = yaml::nested_key_at(site.text, "images", key).unwrap_or((site.line_of("images"), 1));
        problems.push(Problem::at(CONFIG_FILE, line, column, message).hint(hint));
    };
    if let Some(mut widths) = raw.widths {
        widths.sort_unstable();
        widths.dedup();
        if widths.is_empty() || widths.iter().any(|w| !(16..=8192).contains(w)) {
            refuse("widths", msg!("config-images-widths"), msg!("config-images-widths-hint"));
        } else {
            s.widths = widths;
        }
    }
    if let Some(w) = raw.share_width {
        if (16..=8192).contains(&w) {
            s.fallback_width = w;
        } else {
            refuse("share_width", msg!("config-images-widths"), msg!("config-images-widths-hint"));
        }
    }
    if let Some(q) = raw.quality {
        if let Ok(q @ 1..=100) = u8::try_from(q) {
            s.quality = q;
        } else {
            refuse("quality", msg!("config-images-quality", quality = q), msg!("config-images-quality-hint"));
        }
    }
    s
}

/// `paths:`: plain folder names, and a plain file name for the feed.
fn paths(paths: Paths, site: &SiteText, problems: &mut Vec<Problem>) -> Paths {
    let mut refuse = |key: &str, message: Message, hint: Message| {
        let (line, column) = yaml::nested_key_at(site.text, "paths", key).unwrap_or((1, 1));
        problems.push(Problem::at(CONFIG_FILE, line, column, message).hint(hint));
    };
    let named = [
        ("tags", &paths.tags),
        ("archive", &paths.archive),
        ("search", &paths.search),
        ("untranslated", &paths.untranslated),
    ];
    for (name, value) in named {
        if !crate::base::paths::Slug::is_valid_path(value) {
            refuse(name, msg!("config-path-not-plain", name = name, value = value), msg!("config-path-not-plain-hint"));
        }
    }
    if !crate::base::paths::Slug::is_valid_file_name(&paths.feed) {
        refuse("feed", msg!("config-feed-not-plain", value = &paths.feed), msg!("config-feed-not-plain-hint"));
    }
    paths
}

/// `taxonomies:`, each with its path (`tags` alone, at `paths.tags`, when not given).
fn taxonomies(
    raw: Option<Vec<RawTaxonomy>>,
    paths: &Paths,
    site: &SiteText,
    problems: &mut Vec<Problem>,
) -> Vec<Taxonomy> {
    let declared = raw.is_some();
    let taxonomies: Vec<Taxonomy> = match raw {
        None => vec![Taxonomy { name: "tags".into(), path: paths.tags.clone(), title: None, hugo_addresses: false }],
        Some(list) => list
            .into_iter()
            .map(|t| {
                let path = t
                    .path
                    .unwrap_or_else(|| if t.name == "tags" { paths.tags.clone() } else { t.name.replace('_', "-") });
                let hugo_addresses = t.old_addresses == Some(OldAddresses::Hugo);
                Taxonomy { name: t.name, path, title: t.title, hugo_addresses }
            })
            .collect(),
    };
    for i in 0..taxonomies.len() {
        let at = yaml::list_item_line(site.text, "taxonomies", i).unwrap_or(site.line_of("taxonomies"));
        problems.extend(
            taxonomy_problems(&taxonomies[i], &taxonomies[..i], declared)
                .into_iter()
                .map(|(message, hint)| Problem::at(CONFIG_FILE, at, 1, message).hint(hint)),
        );
    }
    taxonomies
}

/// What is wrong with taxonomy `t`, declared after `earlier` (`declared`: in `site.yaml`, not
/// the default), as messages and hints.
fn taxonomy_problems(t: &Taxonomy, earlier: &[Taxonomy], declared: bool) -> Vec<(Message, Message)> {
    let mut found = Vec::new();
    let valid_name = t.name.starts_with(|c: char| c.is_ascii_lowercase())
        && t.name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !valid_name {
        found.push((msg!("config-taxonomy-bad-name", name = &t.name), msg!("config-taxonomy-bad-name-hint")));
    } else if FRONT_MATTER_KEYS.contains(&t.name.as_str()) && t.name != "tags" {
        found.push((msg!("config-taxonomy-known-key", name = &t.name), msg!("config-taxonomy-known-key-hint")));
    }
    // (The default's path is `paths.tags`, checked with the paths.)
    if declared && !crate::base::paths::Slug::is_valid_path(&t.path) {
        found.push((
            msg!("config-taxonomy-bad-path", path = &t.path, name = &t.name),
            msg!("config-taxonomy-bad-path-hint"),
        ));
    }
    if earlier.iter().any(|o| o.name == t.name) {
        found.push((msg!("config-taxonomy-twice", name = &t.name), msg!("config-taxonomy-twice-hint")));
    }
    if let Some(o) = earlier.iter().find(|o| o.path == t.path) {
        found.push((
            msg!("config-taxonomy-same-path", first = &o.name, second = &t.name, path = &t.path),
            msg!("config-taxonomy-same-path-hint"),
        ));
    }
    found
}

/// `permalinks:`, by top-level section folder.
fn permalinks(
    raw: BTreeMap<String, String>,
    site: &SiteText,
    problems: &mut Vec<Problem>,
) -> BTreeMap<String, Permalink> {
    let mut permalinks = BTreeMap::new();
    for (section, pattern) in raw {
        let (line, column) = yaml::nested_key_at(site.text, "permalinks", &section).unwrap_or((1, 1));
        match Permalink::parse(pattern.trim()) {
            Ok(p) => {
                permalinks.insert(section.trim_matches('/').to_string(), p);
            }
            Err(message) => problems.push(
                Problem::at(CONFIG_FILE, line, column, msg!("config-permalink", reason = message))
                    .hint(msg!("config-permalink-hint")),
            ),
        }
    }
    permalinks
}

/// `menu:`: addresses are site paths or `http(s)`, `mailto` and `tel` links (no script).
fn check_menu(menu: &[MenuEntry], site: &SiteText, problems: &mut Vec<Problem>) {
    for entry in menu {
        let url = entry.url.trim();
        let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
        let allowed = match scheme.as_deref() {
            None => true,
            Some(s) if s.contains('/') || s.contains('?') || s.contains('#') => true,
            Some(s) => matches!(s, "http" | "https" | "mailto" | "tel"),
        };
        if !allowed {
            problems.push(site.at_key(
                "menu",
                msg!("config-menu-bad-url", url = url),
                msg!("config-menu-bad-url-hint"),
            ));
        }
    }
}

impl Config {
    /// The configuration of edition `i`: its language, title, description and menu in place of
    /// the site's, its pages under its path.
    pub(crate) fn for_edition(&self, i: usize) -> Config {
        let e = &self.editions[i];
        let mut extra = self.extra.clone();
        extra.extend(e.extra.iter().map(|(k, v)| (k.clone(), v.clone())));
        Config {
            extra,
            title: e.title.clone(),
            description: e.description.clone(),
            menu: e.menu.clone(),
            language: e.language,
            edition: i,
            ..self.clone()
        }
    }

    /// This configuration's edition.
    pub(crate) fn this_edition(&self) -> &Edition {
        &self.editions[self.edition]
    }

    /// The address of the home page of this configuration's edition: the site's root for the
    /// default one, `en/` for another.
    pub(crate) fn home(&self) -> crate::base::paths::UrlPath {
        crate::base::paths::UrlPath::root().file(&self.editions[self.edition].path)
    }

    /// Whether this is the default edition (at the site's root; it also publishes the files
    /// of `static/`, the theme's and `content/`'s photos, `robots.txt` and `404.html`).
    pub(crate) fn is_default_edition(&self) -> bool {
        self.edition == 0
    }

    /// The edition whose own folder holds `dir` (a folder of `content/`), if any.
    pub(crate) fn edition_of_folder(&self, dir: &str) -> Option<usize> {
        self.editions.iter().position(|e| {
            e.folder.as_deref().is_some_and(|f| dir == f || dir.strip_prefix(f).is_some_and(|r| r.starts_with('/')))
        })
    }

    /// Whether `dir` is an edition's own folder itself (`en`).
    pub(crate) fn is_edition_folder(&self, dir: &str) -> bool {
        self.editions.iter().any(|e| e.folder.as_deref() == Some(dir))
    }

    /// A folder of `content/` as its edition sees it: without the edition's own folder
    /// (`en/tin-tuc` → `tin-tuc`, `en` → `""`); others as they are.
    pub(crate) fn place<'a>(&self, dir: &'a str) -> &'a str {
        for f in self.editions.iter().filter_map(|e| e.folder.as_deref()) {
            if dir == f {
                return "";
            }
            if let Some(rest) = dir.strip_prefix(f).and_then(|r| r.strip_prefix('/')) {
                return rest;
            }
        }
        dir
    }

    /// The edition whose language a file name is marked with (`a.en.md`), if the site has one.
    pub(crate) fn edition_marked(&self, source: &crate::base::paths::SourcePath) -> Option<usize> {
        let code = source.language_base()?;
        let lang = Lang::from_code(code)?;
        self.editions.iter().position(|e| e.language == lang)
    }

    /// The taxonomy named `name`, with its index.
    pub(crate) fn taxonomy(&self, name: &str) -> Option<(usize, &Taxonomy)> {
        self.taxonomies.iter().enumerate().find(|(_, t)| t.name == name)
    }

    /// Replaces the base URL (the `--base-url` option).
    pub(crate) fn set_base_url(&mut self, url: &str) {
        self.base_url = normalize_base_url(url);
        self.base_url_line = None;
    }

    /// The path part of the base URL: `/` or `/bantin/`.
    pub(crate) fn base_path(&self) -> &str {
        match self.base_url.find("://") {
            Some(scheme_end) => {
                let after = &self.base_url[scheme_end + 3..];
                match after.find('/') {
                    Some(i) => &after[i..],
                    None => "/",
                }
            }
            None => &self.base_url,
        }
    }
}

fn normalize_base_url(url: &str) -> String {
    let url = url.trim();
    if url.ends_with('/') { url.to_string() } else { format!("{url}/") }
}

/// How photos are published (`images:` of `site.yaml`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct PhotoSettings {
    /// The widths of the WebP variants, ascending; each photo gets those narrower than itself,
    /// and one at its own width when that is below the largest.
    pub(crate) widths: Vec<u32>,
    /// The width of the JPEG (or PNG) published at the photo's own path, for browsers without
    /// WebP, feeds and sharing (Facebook and Zalo ask for 1200).
    pub(crate) fallback_width: u32,
    /// Encoder quality, 1–100.
    pub(crate) quality: u8,
    /// The largest photo read, in pixels: above it a file is refused (a decompression bomb, or
    /// a panorama nobody needs on a news page).
    pub(crate) max_pixels: u64,
}

impl Default for PhotoSettings {
    fn default() -> PhotoSettings {
        PhotoSettings { widths: vec![480, 800, 1200, 1600], fallback_width: 1200, quality: 80, max_pixels: 60_000_000 }
    }
}

/// Whether articles may run scripts: `<script>`, `on…=` handlers and `<iframe srcdoc>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Scripts {
    /// Left out of the page, each a problem at its line (the default).
    #[default]
    Refuse,
    /// Kept as written (`allow_scripts: true` in `site.yaml`): for sites whose articles embed
    /// Facebook posts or widgets with their script. `javascript:` addresses stay refused.
    Allow,
}

/// The front matter keys bantin reads itself: content checks front matter against them, and
/// a taxonomy cannot take one of their names.
pub(crate) const FRONT_MATTER_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "author",
    "tags",
    "summary",
    "image",
    "image_caption",
    "draft",
    "published",
    "slug",
    "aliases",
    "pinned",
    "template",
    "description",
    "sort_by",
    "weight",
    "paginate_by",
    "expires",
    "noindex",
    "sitemap",
];

/// Where the `:password` of `url`'s user part is (byte offsets), if it has one.
pub(crate) fn password_in_url(url: &str) -> Option<(usize, usize)> {
    let start = url.find("://")? + 3;
    let rest = &url[start..];
    let rest = rest.split('?').next().unwrap_or_default();
    // The usual case: the user part ends at the `@` before the first `/`.
    let authority = rest.split('/').next().unwrap_or_default();
    let user = match authority.rsplit_once('@') {
        Some((user, _)) => user,
        // A password with a `/` in it: everything before the last `@`, if it holds no other.
        None => rest.rsplit_once('@').map(|(user, _)| user).filter(|user| !user.contains('@'))?,
    };
    let colon = user.find(':')?;
    Some((start + colon, start + user.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_gets_defaults() {
        let c = parse("").unwrap();
        assert_eq!(c.language, Lang::Vi);
        assert_eq!(c.base_url, "/");
        assert_eq!(c.paths.tags, "tu-khoa");
        assert_eq!(c.theme, "bulletin");
        assert_eq!(c.timezone_name, "Asia/Ho_Chi_Minh");
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let e = parse("title: A\ntitel: B\n").unwrap_err().to_string();
        assert!(e.starts_with("site.yaml:2:1: unknown field `titel`"), "{e}");
    }

    #[test]
    fn base_path_of_sub_path_site() {
        let c = parse("base_url: https://example.org/bantin").unwrap();
        assert_eq!(c.base_url, "https://example.org/bantin/");
        assert_eq!(c.base_path(), "/bantin/");
        let c = parse("base_url: https://example.org").unwrap();
        assert_eq!(c.base_path(), "/");
    }

    #[test]
    fn bad_language_and_zone_are_both_reported() {
        let e = parse("language: fr\ntimezone: Mars/Olympus\n").unwrap_err();
        assert_eq!(e.problem_count(), 2, "{e}");
        assert!(e.to_string().contains("site.yaml:1:1: unknown language `fr` — use `vi` or `en`"), "{e}");
        assert!(e.text(Lang::Vi).contains("site.yaml:1:1: bantin không hỗ trợ ngôn ngữ `fr`"), "{e}");
    }
}
