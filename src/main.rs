//! The `bantin` command: arguments → library calls; prints problems; sets the exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use bantin::Error;
use bantin::base::messages::{Lang, Message};
use bantin::build::{self, Options};
use bantin::msg;
use bantin::site::{Drafts, Future, Selection};

/// bantin: builds a Vietnamese news bulletin from Markdown into a static site.
#[derive(Parser)]
#[command(name = "bantin", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into output/ (replaced only if the whole build succeeds).
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Where to write the site (default: output/ in the site folder).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Check the whole site (content, config, templates) without writing anything.
    Check {
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Preview the site: build it, serve it on this machine, rebuild and reload on every save.
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// The address to listen on; anything but loopback lets other machines read the preview.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// The port (the next free one is used if it is taken; 0 lets the system choose).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the browser.
        #[arg(long)]
        open: bool,
    },
    /// Rebuild output/ after every change (no server), until Ctrl-C.
    Watch {
        #[command(flatten)]
        site: SiteArgs,
        /// Where to write the site (default: output/ in the site folder).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Build the site, then publish it: only what changed is sent, what is gone is deleted.
    Deploy {
        #[command(flatten)]
        site: SiteArgs,
        /// The target of site.yaml's `deploy:` to publish to (default: the first).
        target: Option<String>,
        /// Publish to this address instead (file:///folder).
        #[arg(long)]
        to: Option<String>,
        /// Say what would be sent and deleted, and touch nothing.
        #[arg(long)]
        dry_run: bool,
        /// Above this many files to delete, delete none.
        #[arg(long, default_value_t = 256)]
        max_deletes: usize,
        /// How many connections to the host at once (default: what suits its protocol).
        #[arg(long)]
        connections: Option<usize>,
        /// On a first deploy (no manifest there), also delete the files the target holds that
        /// the site does not have (hidden ones, such as .htaccess, never).
        #[arg(long)]
        delete_others: bool,
        /// Keep running: deploy again when a scheduled article's time comes or a notice
        /// expires, and every --every minutes.
        #[arg(long)]
        schedule: bool,
        /// With --schedule: the regular check, in minutes.
        #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=1440))]
        every: u64,
    },
    /// Start a new article: content/<SECTION>/<slug>.md with its front matter.
    New {
        /// The section folder, such as tin-tuc.
        section: String,
        /// The article's title.
        title: String,
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Args)]
struct SiteArgs {
    /// The site folder (holds content/ and, optionally, site.yaml, themes/, static/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Publish drafts too (serve always shows them, marked as drafts).
    #[arg(long)]
    drafts: bool,
    /// Publish articles dated in the future too (serve always shows them, marked).
    #[arg(long)]
    future: bool,
    /// Use this base URL instead of the one in site.yaml.
    #[arg(long)]
    base_url: Option<String>,
    /// Print how long each stage took.
    #[arg(long)]
    timings: bool,
}

impl SiteArgs {
    fn options(&self) -> Options {
        let mut o = Options::new(&self.root);
        o.selection = Selection {
            drafts: if self.drafts { Drafts::Include } else { Drafts::Exclude },
            future: if self.future { Future::Include } else { Future::Exclude },
            ..Selection::default()
        };
        o.base_url = self.base_url.clone();
        o
    }
}

fn fail(e: &Error, lang: Lang, then: Message) -> ExitCode {
    for line in e.lines(lang) {
        eprintln!("{line}");
    }
    match e {
        Error::Problems(p) => eprintln!("\n{}", msg!("cli-problems-found", count = p.len(), then = then).text(lang)),
        _ => eprintln!("\n{}", then.text(lang)),
    }
    ExitCode::FAILURE
}

fn warn(report: &build::Report, lang: Lang, timings: bool) {
    for w in &report.warnings {
        eprintln!("{}", msg!("cli-warning", problem = w.text(lang)).text(lang));
    }
    if timings {
        for (stage, took) in &report.timings {
            eprintln!("{:>8.1} ms  {}", took.as_secs_f64() * 1000.0, stage.text(lang));
        }
        // The process's peak resident memory so far (Linux).
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        if let Some(kb) = status.lines().find_map(|l| l.strip_prefix("VmHWM:")) {
            let kb: u64 = kb.trim().trim_end_matches("kB").trim().parse().unwrap_or(0);
            let mib = format!("{:.1}", kb as f64 / 1024.0);
            eprintln!("{}", msg!("cli-peak-memory", mib = mib).text(lang));
        }
    }
}

/// Front matter keys that other generators use to group articles.
const GROUPINGS: [&str; 5] = ["categories", "category", "series", "topics", "topic"];

/// Says what the build left out: drafts, and articles dated after now (with when the next is due).
fn left_out(r: &build::Report, lang: Lang) {
    let l = &r.left_out;
    let mut parts = Vec::new();
    if l.drafts > 0 {
        // Which files: "1 draft" alone leaves an editor looking for it.
        let mut files: Vec<String> = l.draft_files.iter().take(3).map(|f| f.display().to_string()).collect();
        if l.draft_files.len() > 3 {
            files.push(msg!("cli-left-more", count = l.draft_files.len() - 3).text(lang));
        }
        parts.push(msg!("cli-left-drafts", count = l.drafts, files = files.join(", ")).text(lang));
    }
    if l.future > 0 {
        parts.push(
            match &l.next {
                Some(d) => {
                    msg!("cli-left-future-next", count = l.future, date = d.strftime("%d/%m/%Y %H:%M").to_string())
                }
                None => msg!("cli-left-future", count = l.future),
            }
            .text(lang),
        );
    }
    if l.translations > 0 {
        parts.push(msg!("cli-left-translations", count = l.translations, lang = r.language.code()).text(lang));
    }
    if !parts.is_empty() {
        println!("{}", msg!("cli-left-out", parts = parts.join(", ")).text(lang));
    }
    if !r.unread_keys.is_empty() {
        let mut keys: Vec<String> =
            r.unread_keys.iter().take(8).map(|(k, n)| msg!("cli-unread-key", key = k, count = *n).text(lang)).collect();
        if r.unread_keys.len() > 8 {
            keys.push(msg!("cli-unread-more", count = r.unread_keys.len() - 8).text(lang));
        }
        println!("{}", msg!("cli-unread-keys", keys = keys.join(", ")).text(lang));
        // Jekyll's and Hugo's groupings: bantin makes pages of them once they are declared.
        for (key, _) in r.unread_keys.iter().filter(|(k, _)| GROUPINGS.contains(&k.as_str())) {
            println!("{}", msg!("cli-unread-grouping", key = key).text(lang));
        }
    }
}

/// `bantin deploy`: builds, publishes, and says what it did.
fn run_deploy(
    site: &SiteArgs,
    choice: &bantin::commands::deploy::Choice,
    settings: &bantin::publish::Settings,
) -> ExitCode {
    let lang = bantin::config::site_language(&site.root);
    let bar = DeployBar::new(lang);
    let done = bantin::commands::deploy::deploy(&site.options(), choice, settings, &bar);
    bar.bar.finish_and_clear();
    match done {
        Ok((built, published)) => {
            warn(&built, lang, site.timings);
            deployed(&published, settings.max_deletes, lang);
            left_out(&built, lang);
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e, lang, msg!("cli-then-deploy")),
    }
}

/// `bantin deploy --schedule`: a deploy at each moment the site changes by itself, until
/// stopped; each round says what it did and when the next is.
fn run_schedule(
    site: &SiteArgs,
    choice: &bantin::commands::deploy::Choice,
    settings: &bantin::publish::Settings,
    every: std::time::Duration,
) -> ExitCode {
    let lang = bantin::config::site_language(&site.root);
    let bar = bantin::publish::Quiet;
    bantin::commands::deploy::schedule(&site.options(), choice, settings, &bar, every, |round| {
        let now = jiff::Timestamp::now().to_zoned(round.next.time_zone().clone());
        let now = now.strftime("%d/%m/%Y %H:%M:%S").to_string();
        println!("{}", msg!("cli-schedule-round", now = now).text(lang));
        match &round.result {
            Ok((built, published)) => {
                warn(built, lang, false);
                deployed(published, settings.max_deletes, lang);
            }
            Err(e) => {
                for line in e.lines(lang) {
                    eprintln!("{line}");
                }
            }
        }
        let at = round.next.strftime("%d/%m/%Y %H:%M").to_string();
        let next = if round.due { msg!("cli-schedule-due", at = at) } else { msg!("cli-schedule-check", at = at) };
        println!("{}", next.text(lang));
    })
}

/// A deploy's progress on a terminal: a bar of bytes, with files sent; nothing in a log, but
/// the connections lost and tried again.
struct DeployBar {
    bar: indicatif::ProgressBar,
    files: std::sync::atomic::AtomicUsize,
    total: std::sync::atomic::AtomicUsize,
    lang: Lang,
}

impl DeployBar {
    fn new(lang: Lang) -> DeployBar {
        let bar = indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
        let style = indicatif::ProgressStyle::with_template("{bar:30} {binary_bytes}/{binary_total_bytes}  {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
        bar.set_style(style);
        DeployBar { bar, files: Default::default(), total: Default::default(), lang }
    }

    fn said(&self, files: usize) {
        let total = self.total.load(std::sync::atomic::Ordering::Relaxed);
        self.bar.set_message(msg!("cli-deploy-progress", sent = files, total = total).text(self.lang));
    }
}

impl bantin::publish::Progress for DeployBar {
    fn planned(&self, files: usize, bytes: u64) {
        self.total.store(files, std::sync::atomic::Ordering::Relaxed);
        self.bar.set_length(bytes);
        self.said(0);
    }

    fn sent(&self, _path: &str, bytes: u64) {
        let files = self.files.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        self.bar.inc(bytes);
        self.said(files);
    }

    fn retrying(&self, detail: &str, wait: std::time::Duration) {
        let ms = wait.as_millis() as u64;
        let line = msg!("cli-deploy-retrying", detail = detail, ms = ms).text(self.lang);
        if self.bar.is_hidden() { eprintln!("{line}") } else { self.bar.println(line) }
    }
}

/// Says what a deploy sent and deleted (or, in a dry run, would).
fn deployed(r: &bantin::publish::Report, max_deletes: usize, lang: Lang) {
    if r.first {
        println!("{}", msg!("cli-deploy-first", target = r.target.as_str()).text(lang));
    }
    let others: Vec<&String> = r.others.iter().filter(|p| !p.split('/').any(|s| s.starts_with('.'))).collect();
    if let Some(example) = others.first() {
        let (count, example) = (others.len(), example.as_str());
        let said = msg!("cli-deploy-others", count = count, target = r.target.as_str(), example = example);
        eprintln!("{}", msg!("cli-warning", problem = said).text(lang));
    }
    if r.dry_run {
        for path in &r.sent {
            println!("{}", msg!("cli-deploy-send", path = path.as_str()).text(lang));
        }
        for path in &r.deleted {
            println!("{}", msg!("cli-deploy-delete", path = path.as_str()).text(lang));
        }
    }
    if r.held_back > 0 {
        eprintln!(
            "{}",
            msg!("cli-warning", problem = msg!("cli-deploy-held-back", count = r.held_back, max = max_deletes))
                .text(lang)
        );
    }
    let (sent, deleted, unchanged, size) = (r.sent.len(), r.deleted.len(), r.unchanged, r.size(lang));
    let said = if r.dry_run {
        msg!(
            "cli-deploy-dry-run",
            target = r.target.as_str(),
            sent = sent,
            size = size,
            deleted = deleted,
            unchanged = unchanged
        )
    } else {
        let ms = r.elapsed.as_millis() as u64;
        msg!(
            "cli-deployed",
            target = r.target.as_str(),
            sent = sent,
            size = size,
            deleted = deleted,
            unchanged = unchanged,
            ms = ms
        )
    };
    println!("{}", said.text(lang));
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { site, output } => {
            let lang = bantin::config::site_language(&site.root);
            let mut options = site.options();
            options.output = output;
            match build::build(&options) {
                Ok(r) => {
                    warn(&r, lang, site.timings);
                    let out = r.output.as_deref().map(|p| p.display().to_string()).unwrap_or_default();
                    let ms = r.elapsed.as_millis() as u64;
                    let built = msg!(
                        "cli-built",
                        articles = r.articles,
                        pages = r.pages,
                        output = out,
                        files = r.files,
                        written = r.written.len(),
                        ms = ms
                    );
                    println!("{}", built.text(lang));
                    left_out(&r, lang);
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e, lang, msg!("cli-then-build")),
            }
        }
        Command::Check { site } => {
            let lang = bantin::config::site_language(&site.root);
            match build::check(&site.options()) {
                Ok(r) => {
                    warn(&r, lang, site.timings);
                    let ms = r.elapsed.as_millis() as u64;
                    let checked = msg!("cli-checked", articles = r.articles, pages = r.pages, files = r.files, ms = ms);
                    println!("{}", checked.text(lang));
                    left_out(&r, lang);
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e, lang, msg!("cli-then-fix")),
            }
        }
        Command::Serve { site, bind, port, open } => {
            let lang = bantin::config::site_language(&site.root);
            match bantin::commands::serve::serve(
                site.options(),
                bantin::commands::serve::ServeOptions { bind, port, open },
            ) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&e, lang, msg!("cli-then-serve")),
            }
        }
        Command::Watch { site, output } => {
            let lang = bantin::config::site_language(&site.root);
            let mut options = site.options();
            options.output = output;
            match bantin::commands::serve::watch_output(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&e, lang, msg!("cli-then-watch")),
            }
        }
        Command::Deploy { site, target, to, dry_run, max_deletes, connections, delete_others, schedule, every } => {
            let settings = bantin::publish::Settings { dry_run, max_deletes, connections, delete_others };
            let choice = bantin::commands::deploy::Choice { name: target, to };
            if schedule {
                run_schedule(&site, &choice, &settings, std::time::Duration::from_secs(every * 60))
            } else {
                run_deploy(&site, &choice, &settings)
            }
        }
        Command::New { section, title, root } => {
            let lang = bantin::config::site_language(&root);
            match bantin::commands::new::new_in_section(
                &root,
                &section,
                &title,
                bantin::commands::new::Body::Placeholder,
            ) {
                Ok(created) => {
                    if let Some(index) = &created.section {
                        println!(
                            "{}",
                            msg!("cli-created-section", path = index.as_path(), name = section.as_str()).text(lang)
                        );
                    }
                    println!("{}", msg!("cli-created", path = created.article.as_path()).text(lang));
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e, lang, msg!("cli-then-new")),
            }
        }
    }
}
