//! The shortcodes a site knows: Tera templates from the theme's `shortcodes/` folder (a child
//! theme's replacing its parent's) and from the site's own `shortcodes/` folder, which adds or
//! overrides.
//!
//! A template may start with a declaration, a Tera comment holding YAML:
//!
//! ```text
//! {#-
//! required: [src]          # arguments that must be given (the first positional ones, in order)
//! optional: [title, date]  # arguments that may be given
//! files: [src]             # arguments that name a file of the site: checked like a link
//! times: [start]           # times in a video (`90`, `1:30`, `1m30s`): given as seconds
//! body: none               # none, optional or required: whether it is written as a pair
//! aliases: [tai-lieu]      # other names for it
//! -#}
//! ```
//!
//! With a declaration, an argument it does not list is a mistake; without one (a site's quick
//! shortcode), any argument is taken and a body is optional. Markdown finds the calls
//! (`crate::markdown::shortcode`) and gives each template a [`CallData`].

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use tera::Tera;

use crate::base::error::{Error, Problem};
use crate::base::messages::{Lang, Message};
use crate::markdown::shortcode::BodyRule;
use crate::msg;

use super::theme::{TemplateFile, Theme};

/// The theme's partial that shortcodes may include too.
const PICTURE: &str = "partials/picture.html";

/// What a shortcode's declaration says.
#[derive(Debug, Clone)]
pub(crate) struct Decl {
    /// Its template's name in Tera (`youtube.html`).
    template: String,
    pub(crate) required: Vec<String>,
    pub(crate) optional: Vec<String>,
    pub(crate) files: Vec<String>,
    /// Arguments that are times in a video or a recording (`1:30`, `90`): the template gets
    /// whole seconds.
    pub(crate) times: Vec<String>,
    pub(crate) body: BodyRule,
    /// Without a declaration: every argument is taken.
    pub(crate) free: bool,
    digest: u64,
}

impl Decl {
    /// The declared arguments, in the order positional ones fill them.
    pub(crate) fn params(&self) -> impl Iterator<Item = &String> {
        self.required.iter().chain(&self.optional)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    #[serde(default)]
    required: Vec<String>,
    #[serde(default)]
    optional: Vec<String>,
    #[serde(default)]
    files: Vec<String>,
    #[serde(default)]
    times: Vec<String>,
    #[serde(default)]
    body: Option<BodyRule>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    description: Option<String>,
}

/// A file of the site a shortcode names (`src="ke-hoach-93.pdf"`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub(crate) struct FileData {
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
pub(crate) struct PhotoData {
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
pub(crate) struct CallData {
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

/// The shortcodes of a site, ready to render.
pub struct Shortcodes {
    tera: Tera,
    /// By every name a shortcode answers to (aliases too).
    by_name: FxHashMap<String, Decl>,
    /// Tera's template names → the files they come from, for messages.
    shown: HashMap<String, PathBuf>,
    strings: tera::Value,
    lang: Lang,
    /// A digest of the names known: a body that used an unknown name is rendered again when
    /// a shortcode is added.
    pub(crate) names_digest: u64,
}

impl std::fmt::Debug for Shortcodes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shortcodes").field("names", &self.by_name.keys().collect::<Vec<_>>()).finish()
    }
}

impl Shortcodes {
    /// Compiles the shortcodes of `theme` (its chain's and the site's own, last wins). Every
    /// template with a mistake is its own problem.
    pub(crate) fn new(theme: &Theme, lang: Lang) -> Result<Shortcodes, Error> {
        let mut effective: BTreeMap<String, &TemplateFile> = BTreeMap::new();
        for t in &theme.shortcodes {
            effective.insert(t.name.clone(), t);
        }
        let mut problems = Vec::new();
        let mut by_name: FxHashMap<String, Decl> = FxHashMap::default();
        let mut shown = HashMap::new();
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html"]);
        // `dQw4w9WgXcQ`, `https://www.youtube.com/watch?v=dQw4w9WgXcQ`, `https://youtu.be/…`,
        // `…/shorts/…`, `…/embed/…` → the video's id; "" for anything else.
        tera.register_filter("youtube_id", |written: &str, _: tera::Kwargs, _: &tera::State| -> String {
            youtube_id(written).unwrap_or_default()
        });
        let picture = add_picture(&mut tera, theme, &mut shown, &mut problems);
        let mut aliases: Vec<(String, String, PathBuf)> = Vec::new();
        for (file_name, t) in &effective {
            let Some(name) = file_name.strip_suffix(".html") else { continue };
            shown.insert(file_name.clone(), t.shown.clone());
            let header = match read_header(&t.text) {
                Ok(h) => h,
                Err(reason) => {
                    problems.push(
                        Problem::file(&t.shown, msg!("sc-decl-invalid", reason = reason))
                            .hint(msg!("sc-decl-invalid-hint")),
                    );
                    continue;
                }
            };
            if let Err(e) = tera.add_raw_template(file_name, &t.text) {
                problems.push(super::template_problem(&e, &shown));
                continue;
            }
            let digest = {
                use std::hash::{Hash, Hasher};
                let mut h = xxhash_rust::xxh3::Xxh3::new();
                (file_name, &t.text, picture.map(|p| &p.text)).hash(&mut h);
                h.finish()
            };
            let free = header.is_none();
            let header = header.unwrap_or_default();
            let decl = Decl {
                template: file_name.clone(),
                required: header.required,
                optional: header.optional,
                files: header.files,
                times: header.times,
                body: header.body.unwrap_or(if free { BodyRule::Optional } else { BodyRule::None }),
                free,
                digest,
            };
            for alias in header.aliases {
                aliases.push((alias, name.to_string(), t.shown.clone()));
            }
            let _ = header.description;
            by_name.insert(name.to_string(), decl);
        }
        // An alias never hides a shortcode of its own name (a site's `album.html` wins).
        for (alias, name, _) in aliases {
            if !by_name.contains_key(&alias)
                && let Some(decl) = by_name.get(&name).cloned()
            {
                by_name.insert(alias, decl);
            }
        }
        if !problems.is_empty() {
            problems.sort();
            return Err(Error::problems(problems));
        }
        let names_digest = {
            use std::hash::{Hash, Hasher};
            let mut names: Vec<(&String, u64)> = by_name.iter().map(|(n, d)| (n, d.digest)).collect();
            names.sort();
            let mut h = xxhash_rust::xxh3::Xxh3::new();
            names.iter().map(|(n, _)| n).collect::<Vec<_>>().hash(&mut h);
            h.finish()
        };
        Ok(Shortcodes {
            tera,
            by_name,
            shown,
            strings: tera::Value::from_serializable(&theme.strings),
            lang,
            names_digest,
        })
    }

    /// The shortcode called `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&Decl> {
        self.by_name.get(name)
    }

    /// What a body that used `name` depends on: its template's digest, or the names known.
    pub(crate) fn digest_of(&self, name: &str) -> u64 {
        self.by_name.get(name).map_or(self.names_digest, |d| d.digest)
    }

    /// Every name, sorted, for "known shortcodes are: …".
    pub(crate) fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.by_name.keys().map(String::as_str).collect();
        names.sort_unstable();
        names
    }

    /// The language sizes are said in.
    pub(crate) fn lang(&self) -> Lang {
        self.lang
    }

    /// Renders a call; a template's mistake is the message, with the template's place.
    pub(crate) fn render(&self, decl: &Decl, data: &CallData) -> Result<String, Message> {
        let mut context =
            tera::Context::from_serialize(data).map_err(|e| msg!("sc-render-error", error = e.to_string()))?;
        context.insert_value("t", self.strings.clone());
        context.insert("lang", self.lang.code());
        self.tera.render(&decl.template, &context).map_err(|e| {
            let p = super::template_problem(&e, &self.shown);
            let place = format!("{}:{}:{}", p.path.display(), p.line, p.column);
            msg!("sc-render-error", error = format!("{place}: {}", p.message.text(self.lang)))
        })
    }
}

impl Shortcodes {
    /// A GitHub alert (`> [!WARNING]`) as the `note` box of kind `kind`, when there is one.
    pub(crate) fn alert(
        &self,
        kind: &str,
        body: String,
        line: usize,
        column: usize,
        root: &str,
    ) -> Option<Result<String, Message>> {
        let decl = self.get("note")?;
        let data = CallData {
            name: "note".into(),
            args: BTreeMap::from([("type".to_string(), kind.to_string())]),
            pos: Vec::new(),
            body: Some(body),
            inner: None,
            files: BTreeMap::new(),
            photos: Vec::new(),
            root: root.to_string(),
            id: format!("sc-{line}-{column}"),
        };
        Some(self.render(decl, &data))
    }
}

/// Adds the photo markup the theme's templates use (`partials/picture.html`, the chain's
/// last), for shortcodes that show a photo the same way; returns it, for their digests.
fn add_picture<'t>(
    tera: &mut Tera,
    theme: &'t Theme,
    shown: &mut HashMap<String, PathBuf>,
    problems: &mut Vec<Problem>,
) -> Option<&'t TemplateFile> {
    let picture = theme.templates.iter().rev().find(|(_, t)| t.name == PICTURE).map(|(_, t)| t)?;
    shown.insert(PICTURE.to_string(), picture.shown.clone());
    if let Err(e) = tera.add_raw_template(PICTURE, &picture.text) {
        problems.push(super::template_problem(&e, shown));
    }
    Some(picture)
}

/// The declaration at the top of a template, if it has one.
fn read_header(text: &str) -> Result<Option<Header>, String> {
    let t = text.trim_start();
    let Some(rest) = t.strip_prefix("{#") else { return Ok(None) };
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let Some(end) = rest.find("#}") else { return Ok(None) };
    let yaml = rest[..end].strip_suffix('-').unwrap_or(&rest[..end]);
    // A comment that is not a declaration (no key of one) is only a comment.
    let looks_like = yaml.lines().any(|l| {
        let l = l.trim_start();
        ["required:", "optional:", "files:", "times:", "body:", "aliases:", "description:"]
            .iter()
            .any(|k| l.starts_with(k))
    });
    if !looks_like {
        return Ok(None);
    }
    serde_yaml::from_str::<Header>(yaml)
        .map(Some)
        .map_err(|e| e.to_string().lines().next().unwrap_or_default().to_string())
}

/// The id of a YouTube video, written alone or inside one of the addresses YouTube gives.
fn youtube_id(written: &str) -> Option<String> {
    let w = written.trim();
    let is_id = |s: &str| s.len() == 11 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if is_id(w) {
        return Some(w.to_string());
    }
    // The id with the query YouTube's share button adds: `dQw4w9WgXcQ?si=…`.
    if let Some((id, _)) = w.split_once(['?', '&'])
        && is_id(id)
    {
        return Some(id.to_string());
    }
    let rest = w.split_once("://").map_or(w, |(_, r)| r);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.trim_start_matches("www.").trim_start_matches("m.");
    let candidate = match host {
        "youtu.be" => path.split(['?', '&', '#']).next(),
        "youtube.com" | "youtube-nocookie.com" | "music.youtube.com" => {
            if let Some(query) = path.strip_prefix("watch?").or_else(|| path.split_once('?').map(|(_, q)| q)) {
                query.split('&').find_map(|kv| kv.strip_prefix("v="))
            } else {
                ["embed/", "shorts/", "live/", "v/"]
                    .iter()
                    .find_map(|p| path.strip_prefix(p))
                    .and_then(|r| r.split(['?', '&', '#', '/']).next())
            }
        }
        _ => None,
    };
    candidate.filter(|c| is_id(c)).map(str::to_string)
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

    #[test]
    fn youtube_ids_are_found_in_the_addresses_editors_paste() {
        for written in [
            "dQw4w9WgXcQ",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=30",
            "https://youtu.be/dQw4w9WgXcQ?si=abc",
            "https://m.youtube.com/shorts/dQw4w9WgXcQ",
            "youtube.com/embed/dQw4w9WgXcQ",
            "dQw4w9WgXcQ?si=G3x&t=6",
        ] {
            assert_eq!(youtube_id(written).as_deref(), Some("dQw4w9WgXcQ"), "{written}");
        }
        for written in ["", "dQw4w9WgXc", "https://vimeo.com/123", "<script>", "https://youtu.be/dQw4w9WgXcQ\"x"] {
            assert_eq!(youtube_id(written), None, "{written}");
        }
    }

    #[test]
    fn declarations_are_read_and_checked() {
        let h = read_header("{#-\nrequired: [src]\nbody: none\naliases: [tai-lieu]\n-#}\n<a>").unwrap().unwrap();
        assert_eq!(h.required, vec!["src"]);
        assert_eq!(h.body, Some(BodyRule::None));
        assert!(read_header("{# just a comment #}<a>").unwrap().is_none());
        assert!(read_header("<a>").unwrap().is_none());
        assert!(read_header("{#\nrequired: [a]\nbodyy: none\n#}").is_err());
    }
}
