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
//! (`crate::markdown::shortcode`), checks them against the declaration and gives each
//! template a [`CallData`]; this module is Markdown's [`Templates`], made with Tera.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use rustc_hash::FxHashMap;
use serde::Deserialize;
use tera::Tera;

use crate::base::error::{Error, Problem};
use crate::base::messages::{Lang, Message};
use crate::markdown::shortcode::BodyRule;
use crate::markdown::{CallData, Declaration, Templates};
use crate::msg;

use super::theme::{TemplateFile, Theme};

/// A shortcode's declaration and the template that makes it.
#[derive(Debug, Clone)]
struct Decl {
    /// Its template's name in Tera (`youtube.html`).
    template: String,
    declaration: Declaration,
    digest: u64,
}

impl Decl {
    /// The template `file_name` (of text `text`) with its declaration `header` (`None` for a
    /// site's quick shortcode); and the other names it answers to.
    fn new(file_name: &str, text: &str, header: Option<Header>) -> (Decl, Vec<String>) {
        let digest = {
            use std::hash::{Hash, Hasher};
            let mut h = xxhash_rust::xxh3::Xxh3::new();
            (file_name, text).hash(&mut h);
            h.finish()
        };
        let free = header.is_none();
        let header = header.unwrap_or_default();
        let declaration = Declaration {
            required: header.required,
            optional: header.optional,
            files: header.files,
            times: header.times,
            body: header.body.unwrap_or(if free { BodyRule::Optional } else { BodyRule::None }),
            free,
        };
        let _ = header.description;
        (Decl { template: file_name.to_string(), declaration, digest }, header.aliases)
    }
}

/// A digest of the names known: a body that used an unknown name is rendered again when a
/// shortcode is added.
fn names_digest(by_name: &FxHashMap<String, Decl>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut names: Vec<(&String, u64)> = by_name.iter().map(|(n, d)| (n, d.digest)).collect();
    names.sort();
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    names.iter().map(|(n, _)| n).collect::<Vec<_>>().hash(&mut h);
    h.finish()
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

/// The shortcodes of a site, ready to render.
pub struct ShortcodeTemplates {
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

impl std::fmt::Debug for ShortcodeTemplates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ShortcodeTemplates").field("names", &self.by_name.keys().collect::<Vec<_>>()).finish()
    }
}

impl ShortcodeTemplates {
    /// Compiles the shortcodes of `theme` (its chain's and the site's own, last wins). Every
    /// template with a mistake is its own problem.
    pub(crate) fn new(theme: &Theme, lang: Lang) -> Result<ShortcodeTemplates, Error> {
        let mut effective: BTreeMap<String, &TemplateFile> = BTreeMap::new();
        for t in &theme.shortcodes {
            effective.insert(t.name.clone(), t);
        }
        let mut problems = Vec::new();
        let mut by_name: FxHashMap<String, Decl> = FxHashMap::default();
        let mut shown = HashMap::new();
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html"]);
        tera.register_function("picture", super::picture_function);
        // `dQw4w9WgXcQ`, `https://www.youtube.com/watch?v=dQw4w9WgXcQ`, `https://youtu.be/…`,
        // `…/shorts/…`, `…/embed/…` → the video's id; "" for anything else.
        tera.register_filter("youtube_id", |written: &str, _: tera::Kwargs, _: &tera::State| -> String {
            youtube_id(written).unwrap_or_default()
        });
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
            let (decl, its_aliases) = Decl::new(file_name, &t.text, header);
            for alias in its_aliases {
                aliases.push((alias, name.to_string(), t.shown.clone()));
            }
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
        let names_digest = names_digest(&by_name);
        Ok(ShortcodeTemplates {
            tera,
            by_name,
            shown,
            strings: tera::Value::from_serializable(theme.strings_for(lang.code())),
            lang,
            names_digest,
        })
    }
}

impl Templates for ShortcodeTemplates {
    fn declaration(&self, name: &str) -> Option<&Declaration> {
        self.by_name.get(name).map(|d| &d.declaration)
    }

    fn digest_of(&self, name: &str) -> u64 {
        self.by_name.get(name).map_or(self.names_digest, |d| d.digest)
    }

    fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.by_name.keys().map(String::as_str).collect();
        names.sort_unstable();
        names
    }

    fn lang(&self) -> Lang {
        self.lang
    }

    fn render(&self, data: &CallData) -> Result<String, Message> {
        // Asked only for a name `declaration` knows.
        let Some(decl) = self.by_name.get(&data.name) else {
            return Err(msg!("sc-unknown", name = data.name.as_str()));
        };
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

#[cfg(test)]
mod tests {
    use super::*;

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
