//! The `bantin` command: arguments → library calls; prints problems; sets the exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use bantin::Error;
use bantin::build::{self, Options};
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
    /// Publish drafts too.
    #[arg(long)]
    drafts: bool,
    /// Publish articles dated in the future too.
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

fn fail(e: &Error, what: &str) -> ExitCode {
    eprintln!("{e}");
    match e {
        Error::Problems(p) => eprintln!("\n{} problem(s) found; {what}", p.len()),
        _ => eprintln!("\n{what}"),
    }
    ExitCode::FAILURE
}

fn warn(report: &build::Report, timings: bool) {
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    if timings {
        for (stage, took) in &report.timings {
            eprintln!("{:>8.1} ms  {stage}", took.as_secs_f64() * 1000.0);
        }
        // The process's peak resident memory so far (Linux).
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        if let Some(kb) = status.lines().find_map(|l| l.strip_prefix("VmHWM:")) {
            let kb: u64 = kb.trim().trim_end_matches("kB").trim().parse().unwrap_or(0);
            eprintln!("{:>8.1} MiB peak memory", kb as f64 / 1024.0);
        }
    }
}

/// Says what the build left out: drafts, and articles dated after now (with when the next is due).
fn left_out(r: &bantin::build::Report) {
    let l = &r.left_out;
    let mut parts = Vec::new();
    if l.drafts > 0 {
        parts.push(format!("{} draft(s) (--drafts publishes them)", l.drafts));
    }
    if l.future > 0 {
        let next =
            l.next.as_ref().map(|d| format!("; the next on {}", d.strftime("%d/%m/%Y %H:%M"))).unwrap_or_default();
        parts.push(format!("{} article(s) dated in the future{next} (--future publishes them now)", l.future));
    }
    if !parts.is_empty() {
        println!("Left out: {}.", parts.join(", "));
    }
    if !r.unread_keys.is_empty() {
        let mut keys: Vec<String> = r
            .unread_keys
            .iter()
            .take(8)
            .map(|(k, n)| format!("`{k}` ({n} file{})", if *n == 1 { "" } else { "s" }))
            .collect();
        if r.unread_keys.len() > 8 {
            keys.push(format!("and {} more", r.unread_keys.len() - 8));
        }
        println!(
            "Front matter keys that nothing uses: {} — rename them to keys bantin reads (see the README), or show them in a template as page.extra.<key>.",
            keys.join(", ")
        );
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { site, output } => {
            let timings = site.timings;
            let mut options = site.options();
            options.output = output;
            match build::build(&options) {
                Ok(r) => {
                    warn(&r, timings);
                    let out = r.output.as_deref().map(|p| p.display().to_string()).unwrap_or_default();
                    println!(
                        "Built {} articles and {} standalone pages into {}: {} files, {} written, in {} ms",
                        r.articles,
                        r.pages,
                        out,
                        r.files,
                        r.written.len(),
                        r.elapsed.as_millis()
                    );
                    left_out(&r);
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e, "the site was not written, and the previous output is unchanged."),
            }
        }
        Command::Check { site } => match build::check(&site.options()) {
            Ok(r) => {
                warn(&r, site.timings);
                println!(
                    "No problems: {} articles and {} standalone pages, {} files ({} ms)",
                    r.articles,
                    r.pages,
                    r.files,
                    r.elapsed.as_millis()
                );
                left_out(&r);
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e, "fix them and run the command again."),
        },
        Command::Serve { site, bind, port, open } => {
            match bantin::serve::serve(site.options(), bantin::serve::ServeOptions { bind, port, open }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&e, "the preview server stopped."),
            }
        }
        Command::Watch { site, output } => {
            let mut options = site.options();
            options.output = output;
            match bantin::serve::watch_output(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&e, "watching stopped."),
            }
        }
        Command::New { section, title, root } => match bantin::scaffold::new_article(&root, &section, &title) {
            Ok(path) => {
                println!("Created {} (a draft: set `draft: false` to publish it)", path.display());
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e, "nothing was created."),
        },
    }
}
