//! The one place that knows the order of the stages: load → model → render → write.
//!
//! `bantin build` runs [`build`] once; `bantin check` runs [`check`], the same stages with a
//! sink that writes nothing.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::{self, Config};
use crate::discover;
use crate::error::{Error, Problem};
use crate::output::{self, OutputChoice, Staging};
use crate::render::theme::FileSource;
use crate::render::{self, Renderer, Sink, Theme, Views};
use crate::site::{self, Selection, Site};

/// What to build, and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site folder (holds `content/`, maybe `site.yaml`, `themes/`, `static/`).
    pub root: PathBuf,
    /// The output folder; `None` for `<root>/output`.
    pub output: Option<PathBuf>,
    /// Drafts and future articles in or out.
    pub selection: Selection,
    /// Replaces `base_url` of `site.yaml`.
    pub base_url: Option<String>,
}

impl Options {
    /// Options for the site at `root`, everything else default.
    pub fn new(root: impl Into<PathBuf>) -> Options {
        Options { root: root.into(), output: None, selection: Selection::default(), base_url: None }
    }

    /// The output folder and how it was chosen.
    pub fn output_dir(&self) -> (PathBuf, OutputChoice) {
        match &self.output {
            Some(p) => (p.clone(), OutputChoice::Explicit),
            None => (self.root.join("output"), OutputChoice::Default),
        }
    }
}

/// What a build did.
#[derive(Debug, Clone)]
pub struct Report {
    /// Published articles.
    pub articles: usize,
    /// Published standalone pages.
    pub pages: usize,
    /// Files rendered from templates.
    pub rendered: usize,
    /// Files copied as they are.
    pub copied: usize,
    /// Wall time.
    pub elapsed: Duration,
    /// Where the site went (None for `check`).
    pub output: Option<PathBuf>,
    /// What did not stop the build but deserves a look.
    pub warnings: Vec<Problem>,
    /// How long each stage took.
    pub timings: Vec<(&'static str, Duration)>,
}

/// A site loaded, modelled and ready to render.
pub struct Loaded {
    pub site: Site,
    pub theme: Theme,
    pub renderer: Renderer,
    pub views: Views,
    /// Files published as they are: `(path in output, source)`.
    pub copies: Vec<(String, FileSource)>,
    /// How long each stage took.
    pub timings: Vec<(&'static str, Duration)>,
}

/// Runs load and model: config, content, theme, site graph, views.
pub fn load(options: &Options) -> Result<Loaded, Error> {
    let mut timings = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        timings.push((name, clock.elapsed()));
        clock = Instant::now();
    };
    let mut config: Config = config::load(&options.root)?;
    if let Some(url) = &options.base_url {
        config.set_base_url(url);
    }
    let sources = discover::scan(&options.root)?;
    let ((documents, mut problems), theme) = rayon::join(
        || crate::content::parse_all(&sources.documents, &config.timezone),
        || render::theme::load(&options.root, &config.theme, &config.language),
    );
    let theme = match theme {
        Ok(t) => Some(t),
        Err(Error::Problems(ps)) => {
            problems.extend(ps);
            None
        }
        Err(e) => return Err(e),
    };
    let renderer = match &theme {
        Some(t) => match Renderer::new(t, &config) {
            Ok(r) => Some(r),
            Err(Error::Problems(ps)) => {
                problems.extend(ps);
                None
            }
            Err(e) => return Err(e),
        },
        None => None,
    };
    // Model what parsed, even when some files did not: their problems and the site's are
    // reported together, in one run.
    let parsed: std::collections::HashSet<&discover::SourcePath> = documents.iter().map(|d| &d.source).collect();
    let failed: Vec<discover::SourcePath> =
        sources.documents.iter().map(|f| f.path.clone()).filter(|p| !parsed.contains(p)).collect();
    lap("read content and theme", &mut timings);
    let site = match site::assemble(
        config,
        documents,
        &sources,
        options.selection,
        &failed,
        &mut site::BodyCache::default(),
    ) {
        Ok(site) => Some(site),
        Err(ps) => {
            problems.extend(ps);
            None
        }
    };
    if let (Some(site), Some(renderer)) = (&site, &renderer)
        && let Err(Error::Problems(ps)) = render::check_templates(site, renderer)
    {
        problems.extend(ps);
    }
    let (Some(site), Some(theme), Some(renderer), true) = (site, theme, renderer, problems.is_empty()) else {
        return Err(Error::problems(problems));
    };
    lap("model the site (Markdown, tags, lists)", &mut timings);
    let views = Views::new(&site, &theme.strings);
    let copies = copies(&options.root, &theme, &site)?;
    lap("make template views", &mut timings);
    Ok(Loaded { site, theme, renderer, views, copies, timings })
}

/// Everything published as it is: the theme's static files, the site's `static/` folder
/// (which overrides the theme's), then the assets of `content/`.
fn copies(root: &Path, theme: &Theme, site: &Site) -> Result<Vec<(String, FileSource)>, Error> {
    let mut files = theme.static_files.clone();
    let static_dir = root.join("static");
    if static_dir.is_dir() {
        for entry in walkdir::WalkDir::new(&static_dir).follow_links(true).sort_by_file_name() {
            let entry = entry.map_err(|e| Error::io(&static_dir, e.into()))?;
            if entry.file_type().is_file() && !discover::is_ignored(&entry.file_name().to_string_lossy()) {
                let rel =
                    entry.path().strip_prefix(&static_dir).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
                files.insert(rel, FileSource::Disk(entry.path().to_path_buf()));
            }
        }
    }
    let mut list: Vec<(String, FileSource)> = files.into_iter().collect();
    list.extend(site.assets.iter().map(|a| (a.output.clone(), FileSource::Disk(a.disk.clone()))));
    Ok(list)
}

/// Builds the site into its output folder, replacing the old one only when all succeeded.
pub fn build(options: &Options) -> Result<Report, Error> {
    let start = Instant::now();
    let (output_dir, choice) = options.output_dir();
    let target = output::check_target(&options.root, &output_dir, choice)?;
    let mut loaded = load(options)?;
    let clock = Instant::now();
    let staging = Staging::new(&target)?;
    staging.copy_all(&loaded.copies)?;
    render::render_site(&loaded.site, &loaded.renderer, &loaded.views, &staging)?;
    loaded.timings.push(("render and write", clock.elapsed()));
    let clock = Instant::now();
    staging.commit()?;
    loaded.timings.push(("swap in, remove the old site", clock.elapsed()));
    Ok(report(&loaded, start, Some(target)))
}

/// Runs every stage but writing: finds every problem a build would.
pub fn check(options: &Options) -> Result<Report, Error> {
    struct Nowhere;
    impl Sink for Nowhere {
        fn put(&self, _: &str, _: Vec<u8>) -> Result<(), Error> {
            Ok(())
        }
    }
    let start = Instant::now();
    let mut loaded = load(options)?;
    let clock = Instant::now();
    render::render_site(&loaded.site, &loaded.renderer, &loaded.views, &Nowhere)?;
    loaded.timings.push(("render", clock.elapsed()));
    Ok(report(&loaded, start, None))
}

fn report(loaded: &Loaded, start: Instant, output: Option<PathBuf>) -> Report {
    Report {
        articles: loaded.site.articles.len(),
        pages: loaded.site.pages.len() - loaded.site.articles.len(),
        rendered: loaded.site.routes.len(),
        copied: loaded.copies.len(),
        elapsed: start.elapsed(),
        output,
        warnings: loaded.site.warnings.clone(),
        timings: loaded.timings.clone(),
    }
}

/// Problems as a list, whatever the error (for callers that print them one by one).
pub fn problems_of(error: &Error) -> Vec<Problem> {
    match error {
        Error::Problems(p) => p.clone(),
        _ => Vec::new(),
    }
}
