//! Stage 5: the site graph → output files, one per route, through the theme's Tera
//! templates, in parallel.
//!
//! Tera sits behind this module alone. Template problems are reported as
//! `themes/…/templates/x.html:line:col: message (while rendering /path/ from content/…)`,
//! once per place in the template, however many pages hit it.

pub(crate) mod locale;
pub mod shortcode_templates;
pub(crate) mod structured;
pub(crate) mod theme;
pub(crate) mod view;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use rustc_hash::FxHashMap;
use tera::{Kwargs, State, Tera};

use crate::base::error::{Error, Problem};
use crate::base::messages::Message;
use crate::base::paths::is_external;
use crate::config::Config;
use crate::content::DocKind;
use crate::msg;
use crate::site::{Route, RouteKind, Site};

pub(crate) use theme::Theme;
pub(crate) use view::Views;

/// `image(path=page.image, width=400)`: the narrowest WebP variant of a photo at least `width`
/// wide (or its widest), for layouts of a theme's own.
fn image_function(
    photos: Arc<crate::images::Photos>,
) -> impl Fn(Kwargs, &State) -> tera::TeraResult<tera::Value> + Send + Sync + 'static {
    move |kwargs: Kwargs, _: &State| -> tera::TeraResult<tera::Value> {
        let path: String = kwargs.must_get("path")?;
        let width: Option<u32> = kwargs.get("width")?;
        let path = path.trim_start_matches('/');
        let Some(photo) = photos.at(path) else { return Ok(tera::Value::none()) };
        let want = width.unwrap_or(u32::MAX);
        let chosen = photo.variants.iter().find(|(w, _, _)| *w >= want).or(photo.variants.last());
        let mut map = tera::Map::new();
        if let Some((w, h, p)) = chosen {
            map.insert("url".into(), tera::Value::from(p.as_str()));
            map.insert("width".into(), tera::Value::from(*w));
            map.insert("height".into(), tera::Value::from(*h));
        }
        map.insert("src".into(), tera::Value::from(path));
        map.insert("src_width".into(), tera::Value::from(photo.width));
        map.insert("src_height".into(), tera::Value::from(photo.height));
        map.insert("srcset".into(), tera::Value::from(photo.srcset("")));
        Ok(tera::Value::from(map))
    }
}

/// `picture(srcset=…, src=…, sizes=…, alt=…, width=…, height=…, priority=true)`: the one
/// `<picture>` of bantin ([`crate::images::picture`]) for templates, its texts escaped as Tera
/// escapes what it prints. Without `priority`, the photo loads when the reader scrolls near.
pub(crate) fn picture_function(kwargs: Kwargs, _: &State) -> tera::TeraResult<tera::Value> {
    use crate::images::picture::{Loading, Picture};
    // The four texts escaped one after another into one buffer: a card's photo is made for
    // every card of every page.
    let mut escaped: Vec<u8> = Vec::with_capacity(256);
    let mut ends = [0usize; 4];
    for (i, name) in ["srcset", "src", "sizes", "alt"].into_iter().enumerate() {
        let text: &str = kwargs.must_get(name)?;
        tera::escape_html(text, &mut escaped).map_err(|e| tera::Error::message(e.to_string()))?;
        ends[i] = escaped.len();
    }
    let escaped = String::from_utf8(escaped).map_err(|e| tera::Error::message(e.to_string()))?;
    let part = |i: usize| &escaped[if i == 0 { 0 } else { ends[i - 1] }..ends[i]];
    let priority: Option<bool> = kwargs.get("priority")?;
    let picture = Picture {
        srcset: part(0),
        src: part(1),
        sizes: part(2),
        alt: part(3),
        width: kwargs.must_get("width")?,
        height: kwargs.must_get("height")?,
        loading: if priority == Some(true) { Loading::Priority } else { Loading::Lazy },
    };
    Ok(tera::Value::safe_string(&picture.html()))
}

/// A theme's templates, loaded and checked, ready to render routes.
pub(crate) struct Renderer {
    tera: Tera,
    /// A digest of every template and of what the filters depend on: when it changes, every
    /// page may have changed.
    pub(crate) digest: u64,
    /// Tera's template names → the files they come from, for messages.
    shown: HashMap<String, PathBuf>,
    /// What the photos of the site being rendered add to every page's fingerprint (0 when
    /// no template calls `image()`).
    pub(crate) photos_digest: u64,
    /// Whether a template calls `image()`: then what it returns is part of every page's
    /// fingerprint.
    pub(crate) calls_image: bool,
    /// The shortcodes bodies may call, with the theme's strings in each edition's language (the
    /// default edition's first).
    pub(crate) shortcodes: Vec<Arc<shortcode_templates::ShortcodeTemplates>>,
}

impl Renderer {
    /// Loads the theme's templates; every template with a syntax error is its own problem.
    pub(crate) fn new(theme: &Theme, config: &Config) -> Result<Renderer, Error> {
        let mut shown = HashMap::new();
        let mut effective: HashMap<&str, &theme::TemplateFile> = HashMap::new();
        let mut all: Vec<(String, &str)> = Vec::new();
        for (theme_name, t) in &theme.templates {
            let namespaced = format!("{theme_name}/{}", t.name);
            shown.insert(namespaced.clone(), t.shown.clone());
            all.push((namespaced, &t.text));
            effective.insert(&t.name, t);
        }
        for (name, t) in &effective {
            shown.insert(name.to_string(), t.shown.clone());
            all.push((name.to_string(), &t.text));
        }
        all.sort();
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        std::hash::Hash::hash(&all, &mut h);
        std::hash::Hash::hash(&config.base_url, &mut h);
        // A new bantin may render the same templates differently.
        std::hash::Hash::hash(env!("CARGO_PKG_VERSION"), &mut h);
        let digest = std::hash::Hasher::finish(&h);

        // Syntax first, one template at a time, so every broken template is reported.
        let mut problems = Vec::new();
        for (name, text) in &all {
            if name.contains('/') && effective.contains_key(name.as_str()) {
                continue;
            }
            let mut alone = Tera::new();
            if let Err(e) = alone.add_raw_template(name, text)
                && let tera::ErrorKind::SyntaxError(_) = e.kind()
            {
                problems.push(template_problem(&e, &shown));
            }
        }
        problems.sort();
        problems.dedup();
        if !problems.is_empty() {
            return Err(Error::problems(problems));
        }

        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".htm", ".xml"]);
        tera.register_filter("url", |path: &str, _: Kwargs, state: &State| -> String {
            if is_external(path) {
                return path.to_string();
            }
            let root = state.get::<tera::Value>("root").ok().flatten();
            let root = root.as_ref().and_then(tera::Value::as_str).unwrap_or_default();
            from_root(root, path)
        });
        // `"tin/anh-480w.webp 480w, …"` → each path from the current page: a photo's variants.
        tera.register_filter("srcset", |set: &str, _: Kwargs, state: &State| -> String {
            let root = state.get::<tera::Value>("root").ok().flatten();
            let root = root.as_ref().and_then(tera::Value::as_str).unwrap_or_default().to_string();
            let items: Vec<String> =
                set.split(", ").filter(|i| !i.is_empty()).map(|item| from_root(&root, item)).collect();
            items.join(", ")
        });
        let base_url = config.base_url.clone();
        tera.register_filter("abs_url", move |path: &str, _: Kwargs, _: &State| -> String {
            if is_external(path) { path.to_string() } else { format!("{base_url}{}", path.trim_start_matches('/')) }
        });
        // Known before the templates are compiled; the photos come with each run.
        tera.register_function("image", image_function(Arc::default()));
        tera.register_function("picture", picture_function);
        let calls_image = all.iter().any(|(_, t)| t.contains("image("));
        tera.add_raw_templates(all.iter().map(|(n, t)| (n.as_str(), *t)))
            .map_err(|e| Error::problems(vec![template_problem(&e, &shown)]))?;
        let mut shortcodes = Vec::with_capacity(config.editions.len());
        for edition in &config.editions {
            shortcodes.push(Arc::new(shortcode_templates::ShortcodeTemplates::new(theme, edition.language)?));
        }
        Ok(Renderer { tera, digest, shown, photos_digest: 0, calls_image, shortcodes })
    }

    /// Gives the `image()` function the photos of the site about to be rendered (once a run,
    /// before any page), and sets what pages' fingerprints add for them.
    pub(crate) fn use_photos(&mut self, photos: Arc<crate::images::Photos>) {
        self.photos_digest = if self.calls_image {
            let mut paths: Vec<(&String, &crate::images::Photo)> = photos.by_path.iter().collect();
            paths.sort_by(|a, b| a.0.cmp(b.0));
            let mut h = xxhash_rust::xxh3::Xxh3::new();
            std::hash::Hash::hash(&paths, &mut h);
            std::hash::Hasher::finish(&h)
        } else {
            0
        };
        self.tera.register_function("image", image_function(photos));
    }

    /// Whether the theme has a template of this name.
    pub(crate) fn has_template(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders a partial the theme lists as cached, with only site-wide values.
    pub(crate) fn render_partial(&self, name: &str, context: &tera::Context) -> Result<String, Problem> {
        self.tera.render(name, context).map_err(|e| {
            let mut p = template_problem(&e, &self.shown);
            p.message = msg!("render-while-cached-partial", problem = p.message);
            p
        })
    }

    /// Renders one route to bytes, from the pieces of its context.
    pub(crate) fn render(
        &self,
        site: &Site,
        views: &Views,
        route: &Route,
        pieces: &[(&'static str, view::Piece<'_>)],
    ) -> Result<Vec<u8>, Problem> {
        let template = template_of(site, route.kind);
        let context = views.context_of(site, pieces);
        let mut out = Vec::with_capacity(16 * 1024);
        self.tera.render_to(template, &context, &mut out).map_err(|e| {
            let mut p = template_problem(&e, &self.shown);
            p.message = while_rendering(site, route, p.message);
            p
        })?;
        // Content is checked where it is read; this is for what gets past it (a Markdown
        // entity such as `&#1;`, a theme's string): no page, feed or sitemap holds a
        // character that makes it unreadable.
        Ok(crate::base::text::publishable(out))
    }
}

/// The template a route renders with.
pub(crate) fn template_of(site: &Site, kind: RouteKind) -> &str {
    match kind {
        RouteKind::Home { .. } => "index.html",
        RouteKind::Section { id, .. } => site.sections[id].template.as_ref().map_or("section.html", |(t, _)| t),
        RouteKind::Page(id) => {
            let p = &site.pages[id];
            match &p.template {
                Some((t, _)) => t,
                None if p.kind == DocKind::Article => "article.html",
                None => "page.html",
            }
        }
        RouteKind::Taxonomy(_) => "taxonomy.html",
        RouteKind::Term { .. } => "term.html",
        RouteKind::TermAlias { .. } | RouteKind::SectionAlias(_) => "alias.html",
        RouteKind::Archives => "archives.html",
        RouteKind::Archive { .. } => "archive.html",
        RouteKind::Feed(_) => "rss.xml",
        RouteKind::SitemapIndex => "sitemap_index.xml",
        RouteKind::Sitemap(_) => "sitemap.xml",
        RouteKind::NewsSitemap => "sitemap_news.xml",
        RouteKind::Robots => "robots.txt",
        RouteKind::NotFound => "404.html",
        RouteKind::Alias(_) => "alias.html",
        RouteKind::Search => "search.html",
        RouteKind::Untranslated => "untranslated.html",
    }
}

/// A template's problem, said with the page it happened on (and the file that page comes from).
fn while_rendering(site: &Site, route: &Route, problem: Message) -> Message {
    let source = match route.kind {
        RouteKind::Page(id) | RouteKind::Alias(id) => Some(site.pages[id].source.to_string()),
        RouteKind::Section { id, .. } => site.sections[id].source.as_ref().map(ToString::to_string),
        _ => None,
    };
    let path = route.path.to_string();
    match source {
        Some(source) => msg!("render-while-rendering-from", problem = problem, path = path, source = source),
        None => msg!("render-while-rendering", problem = problem, path = path),
    }
}

/// A Tera error as a problem at the template's own line.
pub(crate) fn template_problem(e: &tera::Error, shown: &HashMap<String, PathBuf>) -> Problem {
    let shown_of = |name: &str| shown.get(name).cloned().unwrap_or_else(|| PathBuf::from(name));
    match e.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let span = report.span();
            Problem::at(
                shown_of(report.filename()),
                span.start_line,
                span.start_col + 1,
                msg!("render-template-error", error = report.message()),
            )
            .hint(msg!("render-template-error-hint"))
        }
        tera::ErrorKind::MissingParent { current, parent } => {
            Problem::file(shown_of(current), msg!("render-missing-parent", parent = parent.as_str()))
                .hint(msg!("render-missing-parent-hint"))
        }
        tera::ErrorKind::TemplateNotFound(name) => {
            Problem::file(PathBuf::from("themes"), msg!("render-no-template", name = name.as_str()))
                .hint(msg!("render-no-template-hint"))
        }
        _ => Problem::file(PathBuf::from("themes"), msg!("render-template-error", error = e.to_string())),
    }
}

/// Every page naming a template the theme does not have, as problems at its `template:` line.
pub(crate) fn check_templates(site: &Site, renderer: &Renderer) -> Result<(), Error> {
    let mut problems = Vec::new();
    let mut check = |template: &Option<(String, usize)>, source: PathBuf| {
        if let Some((name, line)) = template
            && !renderer.has_template(name)
        {
            problems.push(
                Problem::at(source, *line, 11, msg!("render-no-template", name = name.as_str()))
                    .hint(msg!("render-unknown-template-hint")),
            );
        }
    };
    for p in &site.pages {
        check(&p.template, p.source.display());
    }
    for s in &site.sections {
        if let Some(src) = &s.source {
            check(&s.template, src.display());
        }
    }
    crate::base::error::ok_or_problems((), problems)
}

/// Merges the results of many routes: problems together (the same template place once), or
/// the first I/O error.
pub(crate) fn collect_errors(results: Vec<Result<(), Error>>) -> Result<(), Error> {
    let mut problems: Vec<(Problem, usize)> = Vec::new();
    let mut seen: HashMap<(PathBuf, usize, usize), usize> = HashMap::new();
    for r in results {
        match r {
            Ok(()) => {}
            Err(Error::Problems(ps)) => {
                for p in ps {
                    let key = (p.path.clone(), p.line, p.column);
                    match seen.get(&key) {
                        Some(&i) => problems[i].1 += 1,
                        None => {
                            seen.insert(key, problems.len());
                            problems.push((p, 0));
                        }
                    }
                }
            }
            Err(other) => return Err(other),
        }
    }
    let problems = problems
        .into_iter()
        .map(|(mut p, others)| {
            if others > 0 {
                p.message = msg!("render-also-on-pages", problem = p.message, count = others);
            }
            p
        })
        .collect();
    crate::base::error::ok_or_problems((), problems)
}
/// The theme's cached partials, rendered once for each distinct way back to the root.
pub(crate) fn cached_partials(
    site: &Site,
    theme: &Theme,
    renderer: &Renderer,
    views: &Views,
) -> Result<FxHashMap<String, view::Part>, Error> {
    let mut out = FxHashMap::default();
    if theme.cached.is_empty() {
        return Ok(out);
    }
    let roots: std::collections::BTreeSet<String> =
        site.routes.iter().map(|r| Views::root_of(site, r.kind, &r.path)).collect();
    for root in roots {
        let context = views.partial_context(&root);
        let mut map = tera::Map::new();
        for name in &theme.cached {
            let html = renderer.render_partial(name, &context).map_err(|p| Error::problems(vec![p]))?;
            let key = name.rsplit('/').next().unwrap_or(name).trim_end_matches(".html").to_string();
            map.insert(key.into(), tera::Value::from(html));
        }
        out.insert(root, view::Part::new(tera::Value::from(map)));
    }
    Ok(out)
}
/// A site path written from a page `root` away from the site's root (`../../`).
fn from_root(root: &str, path: &str) -> String {
    let path = path.trim_start_matches('/');
    let mut out = String::with_capacity(root.len() + path.len() + 2);
    out.push_str(root);
    // `/javascript:x` is a path on this site, but written bare at the root it would be read as
    // an address with a scheme: a `:` before any `/` needs a `./` first.
    if root.is_empty() && path.split('/').next().is_some_and(|first| first.contains(':')) {
        out.push_str("./");
    }
    out.push_str(path);
    out
}
