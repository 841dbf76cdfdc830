//! Everything bantin says to a person, as data: a [`Message`] is an id with arguments, and the
//! catalogs in `locales/vi/` and `locales/en/` (Fluent files, compiled into the binary) turn it
//! into a Vietnamese or an English sentence when it is printed.
//!
//! Stages create messages without knowing the language (`msg!("content-no-title", path = p)`);
//! the binary, `serve` and the browser overlay print them in the site's language ([`Lang`]),
//! which is `site.yaml`'s `language` (Vietnamese by default). Tests check that both catalogs
//! have the same messages with the same arguments, and that every id the code uses exists.

use std::fmt;
use std::path::Path;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The languages bantin speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum Lang {
    /// Vietnamese, the default.
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// Every language, in the order the catalogs are listed.
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// The language written as `vi` or `en` (as in `site.yaml`).
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "vi" | "vi-vn" | "vi_vn" => Some(Lang::Vi),
            "en" | "en-us" | "en-gb" | "en_us" | "en_gb" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's name in itself, for a reader looking for it (a language switcher).
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Vi => "Tiếng Việt",
            Lang::En => "English",
        }
    }

    /// The language's name in a message (`tiếng Anh` in Vietnamese, `English` in English).
    pub(crate) fn name(self) -> Message {
        match self {
            Lang::Vi => crate::msg!("language-vi"),
            Lang::En => crate::msg!("language-en"),
        }
    }

    /// `vi` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

/// One thing said to a person: a catalog id and its arguments.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Message {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// A value put into a message.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Arg {
    /// Text shown as it is (a path, a key, a value the editor wrote).
    Text(String),
    /// A count: English chooses "1 file" or "2 files" from it.
    Number(i64),
    /// Another message, said in the same language (a reason inside a sentence).
    Message(Box<Message>),
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}
impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}
impl From<&Path> for Arg {
    fn from(p: &Path) -> Arg {
        Arg::Text(p.display().to_string())
    }
}
impl From<&std::path::PathBuf> for Arg {
    fn from(p: &std::path::PathBuf) -> Arg {
        Arg::Text(p.display().to_string())
    }
}
impl From<char> for Arg {
    fn from(c: char) -> Arg {
        Arg::Text(c.to_string())
    }
}
impl From<Message> for Arg {
    fn from(m: Message) -> Arg {
        Arg::Message(Box::new(m))
    }
}
macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_arg!(usize, u64, u32, u16, u8, i64, i32);

/// A message: `msg!("id")` or `msg!("id", name = value, …)`, where each value is text, a
/// path, a number or another message.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::base::messages::Message::new($id, vec![$((stringify!($name), $crate::base::messages::Arg::from($value))),*])
    };
}

impl Message {
    /// The message `id` with these arguments (use [`msg!`](crate::msg)).
    pub fn new(id: &'static str, args: Vec<(&'static str, Arg)>) -> Message {
        Message { id, args }
    }

    /// The catalog id.
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The text given as `name` to this message or one inside it whose id is `id` (for tests:
    /// decisions use typed facts, never a message's text).
    #[cfg(test)]
    pub(crate) fn text_of(&self, id: &str, name: &str) -> Option<&str> {
        if self.id == id
            && let Some(t) = self.args.iter().find_map(|(n, a)| match a {
                Arg::Text(t) if *n == name => Some(t.as_str()),
                _ => None,
            })
        {
            return Some(t);
        }
        self.args.iter().find_map(|(_, a)| match a {
            Arg::Message(m) => m.text_of(id, name),
            _ => None,
        })
    }

    /// The sentence in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        catalog().format(lang, self)
    }
}

/// English, for logs and library users; people get [`Message::text`] in their site's language.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// The Fluent files of one language, in the order they are loaded.
macro_rules! catalog_files {
    ($lang:literal) => {
        &[
            include_str!(concat!("../../locales/", $lang, "/common.ftl")),
            include_str!(concat!("../../locales/", $lang, "/cli.ftl")),
            include_str!(concat!("../../locales/", $lang, "/base.ftl")),
            include_str!(concat!("../../locales/", $lang, "/config.ftl")),
            include_str!(concat!("../../locales/", $lang, "/content.ftl")),
            include_str!(concat!("../../locales/", $lang, "/site.ftl")),
            include_str!(concat!("../../locales/", $lang, "/render.ftl")),
            include_str!(concat!("../../locales/", $lang, "/output.ftl")),
            include_str!(concat!("../../locales/", $lang, "/serve.ftl")),
            include_str!(concat!("../../locales/", $lang, "/deploy.ftl")),
            include_str!(concat!("../../locales/", $lang, "/editor.ftl")),
        ]
    };
}

const VI_FILES: &[&str] = catalog_files!("vi");
const EN_FILES: &[&str] = catalog_files!("en");

struct Catalog {
    vi: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog { vi: bundle(Lang::Vi, VI_FILES), en: bundle(Lang::En, EN_FILES) })
}

fn bundle(lang: Lang, files: &[&str]) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = lang.code().parse().expect("vi and en are language identifiers");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Paths and keys are printed as they are, without Unicode isolation marks around them.
    bundle.set_use_isolating(false);
    for text in files {
        // The catalog's syntax is checked by the tests below; a broken entry is skipped, not fatal.
        let resource = FluentResource::try_new((*text).to_string()).unwrap_or_else(|(partial, _)| partial);
        let _ = bundle.add_resource(resource);
    }
    bundle
}

impl Catalog {
    fn format(&self, lang: Lang, message: &Message) -> String {
        let bundle = match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        };
        let Some(pattern) = bundle.get_message(message.id).and_then(|m| m.value()) else {
            debug_assert!(false, "message `{}` is not in the {} catalog", message.id, lang.code());
            return message.id.to_string();
        };
        let mut args = FluentArgs::new();
        for (name, value) in &message.args {
            let value = match value {
                Arg::Text(s) => FluentValue::from(s.as_str()),
                Arg::Number(n) => FluentValue::from(*n),
                Arg::Message(m) => FluentValue::from(self.format(lang, m)),
            };
            args.set(*name, value);
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
        debug_assert!(errors.is_empty(), "message `{}` ({}): {errors:?}", message.id, lang.code());
        text.into_owned()
    }
}

/// The texts of the web editor's page (ids starting with `ui-`) in `lang`, for its script:
/// each variable `{ $name }` written `{name}`, which the script fills in. (Those texts have
/// variables and plain text only: the page chooses no plural forms.)
pub fn page_strings(lang: Lang) -> Vec<(String, String)> {
    let files = match lang {
        Lang::Vi => VI_FILES,
        Lang::En => EN_FILES,
    };
    let mut strings = Vec::new();
    for text in files {
        let Ok(resource) = fluent_syntax::parser::parse(*text) else { continue };
        for entry in resource.body {
            let fluent_syntax::ast::Entry::Message(m) = entry else { continue };
            if !m.id.name.starts_with("ui-") {
                continue;
            }
            let Some(pattern) = m.value else { continue };
            let mut out = String::new();
            for element in pattern.elements {
                use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
                match element {
                    PatternElement::TextElement { value } => out.push_str(value),
                    PatternElement::Placeable {
                        expression: Expression::Inline(InlineExpression::VariableReference { id }),
                    } => {
                        out.push('{');
                        out.push_str(id.name);
                        out.push('}');
                    }
                    PatternElement::Placeable { .. } => {}
                }
            }
            strings.push((m.id.name.to_string(), out));
        }
    }
    strings
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use fluent_syntax::ast;

    use super::*;

    /// Each message id of a language's files, with the variables its text uses.
    fn entries(files: &[&str]) -> BTreeMap<String, BTreeSet<String>> {
        let mut out = BTreeMap::new();
        for text in files {
            let resource = fluent_syntax::parser::parse(*text).unwrap_or_else(|(_, errors)| {
                panic!("a catalog file does not parse: {errors:?}\n{text}");
            });
            for entry in resource.body {
                match entry {
                    ast::Entry::Message(m) => {
                        let mut vars = BTreeSet::new();
                        if let Some(p) = &m.value {
                            variables(p, &mut vars);
                        }
                        assert!(out.insert(m.id.name.to_string(), vars).is_none(), "`{}` twice", m.id.name);
                    }
                    ast::Entry::Junk { content } => panic!("not Fluent: {content}"),
                    _ => {}
                }
            }
        }
        out
    }

    fn variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                expression_variables(expression, out);
            }
        }
    }

    fn expression_variables(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
        match expression {
            ast::Expression::Inline(inline) => inline_variables(inline, out),
            ast::Expression::Select { selector, variants } => {
                inline_variables(selector, out);
                for v in variants {
                    variables(&v.value, out);
                }
            }
        }
    }

    fn inline_variables(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_string());
            }
            ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
            _ => {}
        }
    }

    /// Every `msg!("…"` in the library's source.
    fn ids_in_source() -> BTreeSet<String> {
        let mut ids = BTreeSet::new();
        for entry in walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")) {
            let entry = entry.expect("src/ is readable");
            let extension = entry.path().extension().and_then(|e| e.to_str()).unwrap_or_default();
            let text = match extension {
                "rs" | "js" | "html" => std::fs::read_to_string(entry.path()).expect("a source file"),
                _ => continue,
            };
            let code: String =
                text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
            // The editor's page says its texts with `t("ui-…")`.
            let call = if extension == "rs" { "msg!(" } else { "t(" };
            for part in code.split(call).skip(1) {
                let Some(rest) = part.trim_start().strip_prefix('"') else { continue };
                let id: String =
                    rest.chars().take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-').collect();
                let page_text = id.starts_with("ui-");
                if rest[id.len()..].starts_with('"') && !id.is_empty() && (page_text == (extension != "rs")) {
                    ids.insert(id);
                }
            }
        }
        ids
    }

    #[test]
    fn both_languages_have_the_same_messages_with_the_same_arguments() {
        let vi = entries(VI_FILES);
        let en = entries(EN_FILES);
        let vi_ids: BTreeSet<_> = vi.keys().collect();
        let en_ids: BTreeSet<_> = en.keys().collect();
        assert_eq!(vi_ids.difference(&en_ids).collect::<Vec<_>>(), Vec::<&&String>::new(), "only in Vietnamese");
        assert_eq!(en_ids.difference(&vi_ids).collect::<Vec<_>>(), Vec::<&&String>::new(), "only in English");
        for (id, vars) in &vi {
            assert_eq!(vars, &en[id], "`{id}` uses different arguments in vi and en");
        }
    }

    #[test]
    fn every_message_the_code_says_is_in_the_catalog_and_every_entry_is_used() {
        let catalog: BTreeSet<String> = entries(VI_FILES).into_keys().collect();
        let used = ids_in_source();
        let missing: Vec<_> = used.difference(&catalog).collect();
        assert!(missing.is_empty(), "used but not in locales/: {missing:?}");
        let unused: Vec<_> = catalog.difference(&used).collect();
        assert!(unused.is_empty(), "in locales/ but never said: {unused:?}");
    }

    #[test]
    fn every_message_formats_in_both_languages_without_errors() {
        for (lang, files) in [(Lang::Vi, VI_FILES), (Lang::En, EN_FILES)] {
            for (id, vars) in entries(files) {
                let id: &'static str = Box::leak(id.into_boxed_str());
                let args =
                    vars.into_iter()
                        .map(|v| (&*Box::leak(v.into_boxed_str()), Arg::Number(2)))
                        .collect::<Vec<(&'static str, Arg)>>();
                let text = Message::new(id, args).text(lang);
                assert!(!text.trim().is_empty(), "`{id}` is empty in {}", lang.code());
                assert!(!text.contains('\u{2068}'), "isolation marks in `{id}`");
            }
        }
    }

    #[test]
    fn arguments_are_placed_and_english_counts_agree() {
        let m = msg!("cli-problems-found", count = 1usize, then = msg!("cli-then-build"));
        assert!(m.text(Lang::En).starts_with("1 problem found"), "{}", m.text(Lang::En));
        let m = msg!("cli-problems-found", count = 3usize, then = msg!("cli-then-build"));
        assert!(m.text(Lang::En).starts_with("3 problems found"), "{}", m.text(Lang::En));
        assert!(m.text(Lang::Vi).starts_with("Có 3 lỗi"), "{}", m.text(Lang::Vi));
    }

    #[test]
    fn language_codes() {
        assert_eq!(Lang::from_code("vi"), Some(Lang::Vi));
        assert_eq!(Lang::from_code("EN"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
    }
}
