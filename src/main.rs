//! The `bantin` command: arguments → library calls; prints problems; sets the exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use bantin::Error;
use bantin::base::messages::{Lang, Message};
use bantin::build::{self, Options};
use bantin::msg;
use bantin::site::{Drafts, Future, Selection};

// The texts of `--help` are in `locales/*/cli.ftl` (see `help_of`), in the site's language.
#[derive(Parser)]
#[command(name = "bantin", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Build {
        #[command(flatten)]
        site: SiteArgs,
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    Check {
        #[command(flatten)]
        site: SiteArgs,
    },
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        #[arg(long)]
        open: bool,
    },
    Watch {
        #[command(flatten)]
        site: SiteArgs,
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    Deploy {
        #[command(flatten)]
        site: SiteArgs,
        target: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        dry_run: bool,
        #[arg(long, default_value_t = 256)]
        max_deletes: usize,
        #[arg(long)]
        connections: Option<usize>,
        #[arg(long)]
        delete_others: bool,
        #[arg(long)]
        schedule: bool,
        #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=1440))]
        every: u64,
    },
    New {
        section: String,
        title: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Args)]
struct SiteArgs {
    #[arg(long, default_value = ".")]
    root: PathBuf,
    #[arg(long)]
    drafts: bool,
    #[arg(long)]
    future: bool,
    #[arg(long)]
    base_url: Option<String>,
    #[arg(long)]
    timings: bool,
}

/// The text of `--help` for the command `command` (`""` for `bantin` itself), or for its
/// argument `arg` (`""` for the command itself); `None` for one that has none.
fn help_of(command: &str, arg: &str) -> Option<Message> {
    Some(match (command, arg) {
        ("", "") => msg!("cli-help-about"),
        ("build", "") => msg!("cli-help-build"),
        ("check", "") => msg!("cli-help-check"),
        ("serve", "") => msg!("cli-help-serve"),
        ("watch", "") => msg!("cli-help-watch"),
        ("deploy", "") => msg!("cli-help-deploy"),
        ("new", "") => msg!("cli-help-new"),
        ("help", "") => msg!("cli-help-help-command"),
        ("build" | "watch", "output") => msg!("cli-help-output"),
        ("serve", "bind") => msg!("cli-help-bind"),
        ("serve", "port") => msg!("cli-help-port"),
        ("serve", "open") => msg!("cli-help-open"),
        ("deploy", "target") => msg!("cli-help-target"),
        ("deploy", "to") => msg!("cli-help-to"),
        ("deploy", "dry_run") => msg!("cli-help-dry-run"),
        ("deploy", "max_deletes") => msg!("cli-help-max-deletes"),
        ("deploy", "connections") => msg!("cli-help-connections"),
        ("deploy", "delete_others") => msg!("cli-help-delete-others"),
        ("deploy", "schedule") => msg!("cli-help-schedule"),
        ("deploy", "every") => msg!("cli-help-every"),
        ("new", "section") => msg!("cli-help-section"),
        ("new", "title") => msg!("cli-help-title"),
        (_, "root") => msg!("cli-help-root"),
        (_, "drafts") => msg!("cli-help-drafts"),
        (_, "future") => msg!("cli-help-future"),
        (_, "base_url") => msg!("cli-help-base-url"),
        (_, "timings") => msg!("cli-help-timings"),
        (_, "help") => msg!("cli-help-help"),
        (_, "version") => msg!("cli-help-version"),
        _ => return None,
    })
}

/// The name shown for the value of an argument (`<CHUYÊN_MỤC>`, `--root <THƯ_MỤC>`).
fn value_name_of(arg: &str) -> Option<Message> {
    Some(match arg {
        "section" => msg!("cli-help-value-section"),
        "title" => msg!("cli-help-value-title"),
        "target" => msg!("cli-help-value-target"),
        "root" | "output" => msg!("cli-help-value-folder"),
        "bind" | "to" | "base_url" => msg!("cli-help-value-address"),
        "port" => msg!("cli-help-value-port"),
        "max_deletes" | "connections" | "every" => msg!("cli-help-value-number"),
        _ => return None,
    })
}

/// The language `--help` and mistakes in the arguments are said in: `BANTIN_LANG` (`vi`,
/// `en`), else the language of the site named by `--root` or in this folder (Vietnamese
/// unless it says otherwise), as every other message of the site.
fn arguments_lang(args: &[std::ffi::OsString]) -> Lang {
    if let Some(lang) = std::env::var("BANTIN_LANG").ok().and_then(|l| Lang::from_code(&l)) {
        return lang;
    }
    let mut root = PathBuf::from(".");
    let mut args = args.iter().map(|a| a.to_string_lossy());
    while let Some(arg) = args.next() {
        if arg == "--root" {
            if let Some(value) = args.next() {
                root = PathBuf::from(value.as_ref());
            }
        } else if let Some(value) = arg.strip_prefix("--root=") {
            root = PathBuf::from(value);
        }
    }
    bantin::config::site_language(&root)
}

/// The command line as clap reads it, with every text clap shows (`--help`, its headings,
/// the usage line) in `lang`, from the catalogs.
fn command_in(lang: Lang) -> clap::Command {
    use clap::CommandFactory;
    let say = |m: Message| m.text(lang);
    // clap takes headings and value names as `&'static str` (without its `string` feature):
    // a few short texts, made once a run.
    let fixed = |m: Message| -> &'static str { Box::leak(m.text(lang).into_boxed_str()) };
    let (options, arguments) = (fixed(msg!("cli-help-options")), fixed(msg!("cli-help-arguments")));
    let (commands, command) = (fixed(msg!("cli-help-commands")), fixed(msg!("cli-help-value-command")));
    let values: Vec<(&str, &'static str)> = [
        "section",
        "title",
        "target",
        "root",
        "output",
        "bind",
        "to",
        "base_url",
        "port",
        "max_deletes",
        "connections",
        "every",
    ]
    .into_iter()
    .filter_map(|a| Some((a, fixed(value_name_of(a)?))))
    .collect();
    let template =
        format!("{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}", say(msg!("cli-help-usage")));
    // clap adds `--help`, `--version` and `help` when it builds the command: built first, they
    // can be given their texts too.
    let mut cmd = Cli::command();
    cmd.build();
    let localise = |cmd: clap::Command, name: &str| -> clap::Command {
        let ids: Vec<(String, bool)> =
            cmd.get_arguments().map(|a| (a.get_id().to_string(), a.is_positional())).collect();
        let mut cmd = cmd.help_template(template.clone()).subcommand_help_heading(commands);
        cmd = cmd.subcommand_value_name(command);
        if let Some(about) = help_of(name, "") {
            cmd = cmd.about(say(about));
        }
        for (id, positional) in ids {
            let heading = if positional { arguments } else { options };
            cmd = cmd.mut_arg(&id, |a| {
                // clap's `[default: …]`, said in the language.
                let default: Vec<String> = if a.get_action().takes_values() {
                    a.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect()
                } else {
                    Vec::new()
                };
                let mut a = a.help_heading(heading);
                if let Some(help) = help_of(name, &id) {
                    let mut help = say(help);
                    if !default.is_empty() {
                        help = format!("{help} {}", say(msg!("cli-help-default", value = default.join(", "))));
                    }
                    a = a.help(help).hide_default_value(true);
                }
                match values.iter().find(|(v, _)| *v == id) {
                    Some((_, value)) => a.value_name(*value),
                    None => a,
                }
            });
        }
        cmd
    };
    cmd = localise(cmd, "");
    let names: Vec<String> = cmd.get_subcommands().map(|c| c.get_name().to_string()).collect();
    for name in &names {
        cmd = cmd.mut_subcommand(name, |sub| localise(sub, name));
    }
    // The usage lines, with `[OPTIONS]` said in the language too.
    let said_options = say(msg!("cli-help-options-placeholder"));
    let usage_of = |c: &mut clap::Command| {
        let usage = c.render_usage().to_string();
        let usage = usage.split_once(' ').map_or(usage.as_str(), |(_, u)| u).trim().to_string();
        usage.replace("[OPTIONS]", &said_options)
    };
    for name in &names {
        let mut sub = cmd.find_subcommand(name).expect("listed above").clone();
        let usage = usage_of(&mut sub);
        cmd = cmd.mut_subcommand(name, |sub| sub.override_usage(usage));
    }
    let usage = usage_of(&mut cmd);
    cmd.override_usage(usage)
}

/// Reads the arguments; on a mistake, says it in `lang` with what to type, and exits.
fn parse_arguments() -> (Cli, Lang) {
    use clap::FromArgMatches;
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = arguments_lang(&args);
    let mut cmd = command_in(lang);
    let matches = cmd.try_get_matches_from_mut(&args);
    let error = match matches.and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(cli) => return (cli, lang),
        Err(e) => e,
    };
    // Help, asked for or shown for `bantin` alone, is in the language already.
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        error.exit();
    }
    let text = |kind: ContextKind| match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(s)) => s.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let said = match error.kind() {
        ErrorKind::InvalidSubcommand => {
            Some(msg!("cli-args-unknown-command", command = text(ContextKind::InvalidSubcommand)))
        }
        ErrorKind::UnknownArgument => Some(msg!("cli-args-unknown", arg = text(ContextKind::InvalidArg))),
        ErrorKind::MissingRequiredArgument => Some(msg!("cli-args-missing", args = text(ContextKind::InvalidArg))),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => Some(msg!(
            "cli-args-bad-value",
            value = text(ContextKind::InvalidValue),
            arg = text(ContextKind::InvalidArg)
        )),
        _ => None,
    };
    match said {
        Some(m) => eprintln!("{}", m.text(lang)),
        // What clap says (in English) when bantin has no words of its own for it.
        None => eprint!("{}", error.render()),
    }
    let suggested =
        [ContextKind::SuggestedSubcommand, ContextKind::SuggestedArg].into_iter().map(text).find(|s| !s.is_empty());
    if let Some(suggested) = suggested {
        eprintln!("{}", msg!("cli-args-did-you-mean", suggested = suggested).text(lang));
    }
    // The command named, for its own help (`bantin new --help`).
    let command = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().to_string())
        .find(|a| cmd.find_subcommand(a).is_some())
        .map_or_else(|| "bantin".to_string(), |c| format!("bantin {c}"));
    eprintln!("{}", msg!("cli-args-see-help", command = command).text(lang));
    std::process::exit(2);
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
        parts.push(msg!("cli-left-translations", count = l.translations).text(lang));
    }
    if !r.editions.is_empty() {
        let each: Vec<String> = r
            .editions
            .iter()
            .map(|e| {
                let at = format!("/{}", e.path);
                msg!(
                    "cli-edition",
                    language = e.language.native_name(),
                    articles = e.articles,
                    path = at,
                    untranslated = e.untranslated
                )
                .text(lang)
            })
            .collect();
        println!("{}", msg!("cli-editions", editions = each.join("; ")).text(lang));
    }
    if !parts.is_empty() {
        println!("{}", msg!("cli-left-out", parts = parts.join(", ")).text(lang));
    }
    if let Some(first) = r.unnamed_sections.first() {
        let mut folders: Vec<&str> = r.unnamed_sections.iter().take(5).map(String::as_str).collect();
        let more = r.unnamed_sections.len().saturating_sub(5);
        let more = if more > 0 { msg!("cli-left-more", count = more).text(lang) } else { String::new() };
        if !more.is_empty() {
            folders.push(&more);
        }
        let index = format!("{first}/_index.md");
        println!("{}", msg!("cli-unnamed-sections", folders = folders.join(", "), index = index).text(lang));
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
    let (cli, _) = parse_arguments();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_and_argument_has_a_help_text_in_each_language() {
        use clap::CommandFactory;
        let cmd = Cli::command();
        for sub in cmd.get_subcommands() {
            let name = sub.get_name();
            assert!(help_of(name, "").is_some(), "`bantin {name}` has no text in cli.ftl");
            for arg in sub.get_arguments() {
                let id = arg.get_id().as_str();
                assert!(help_of(name, id).is_some(), "`bantin {name}`'s `{id}` has no text in cli.ftl");
            }
        }
        for lang in Lang::ALL {
            command_in(lang).debug_assert();
        }
    }
}
