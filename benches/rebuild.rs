//! Rebuild latency: the code path `bantin serve` and `bantin watch` run after a save.
//!
//!     cargo bench --bench rebuild -- CORPUS_DIR [RUNS] [ONLY_CASES_NAMED_WITH]
//!
//! Copies the corpus (a folder with `content/`, from `../shared/bench/gen_corpus.py`) and the
//! built-in theme into a work folder, builds it once into a preview folder, then times
//! `Session::rebuild` + commit (from the file event to the new files written) after: a save
//! that changes nothing, an edit of one article's body, of its title, and of a template; and
//! the same no-op save in watch mode (atomic replacement of `output/`). Prints one line per
//! case, `name median_ms min_ms max_ms files_written`, for `bench/run.sh` to collect.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use bantin::build::{Changes, Indexing, Options, Session, write_to};
use bantin::output::Folder;

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.expect("walk");
        let dest = to.join(e.path().strip_prefix(from).expect("under"));
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(e.path(), &dest).expect("copy");
        }
    }
}

fn median(mut v: Vec<Duration>) -> (f64, f64, f64) {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (ms(v[v.len() / 2]), ms(v[0]), ms(v[v.len() - 1]))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let corpus = PathBuf::from(args.first().expect("usage: rebuild CORPUS_DIR [RUNS]"));
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(5);
    // Optionally only the cases whose name contains this (for profiling one of them).
    let only = args.get(2).cloned().unwrap_or_default();
    let work = tempfile::tempdir().expect("work folder");
    let site = work.path().join("site");
    copy_dir(&corpus.join("content"), &site.join("content"));
    if corpus.join("site.yaml").exists() {
        std::fs::copy(corpus.join("site.yaml"), site.join("site.yaml")).expect("site.yaml");
    }
    if corpus.join("static").is_dir() {
        copy_dir(&corpus.join("static"), &site.join("static"));
    }
    copy_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("themes/bulletin"), &site.join("themes/bulletin"));

    // The article to edit: the newest of the first section, whose title shows on many lists.
    let section = std::fs::read_dir(site.join("content"))
        .expect("content")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .min()
        .expect("a section");
    let article = std::fs::read_dir(&section)
        .expect("section")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n != "_index.md"))
        .min()
        .expect("an article");
    let original = std::fs::read_to_string(&article).expect("article");
    let template = site.join("themes/bulletin/templates/article.html");
    let original_template = std::fs::read_to_string(&template).expect("template");

    let preview = Folder::new(&work.path().join("preview")).expect("preview folder");
    // As `bantin serve` runs it: the search index is made after the pages.
    let mut session = Session::new(Options::new(&site)).indexing(Indexing::Later);
    let start = Instant::now();
    let report = session.rebuild(&Changes::Everything, &preview).expect("first build");
    preview.commit().expect("commit");
    println!(
        "first_build {:.1} {:.1} {:.1} {}",
        start.elapsed().as_secs_f64() * 1000.0,
        0.0,
        0.0,
        report.written.len()
    );

    session.index(&preview).expect("first index");
    preview.commit().expect("commit");
    let mut index_times = Vec::new();
    let mut case = |name: &str, path: &Path, edit: &dyn Fn(usize) -> Option<String>| {
        if !name.contains(&only) {
            return;
        }
        let mut times = Vec::new();
        let mut written = 0;
        for i in 0..runs {
            if let Some(text) = edit(i) {
                std::fs::write(path, text).expect("edit");
            }
            let start = Instant::now();
            let report = session.rebuild(&Changes::paths([path.to_path_buf()]), &preview).expect("rebuild");
            preview.commit().expect("commit");
            times.push(start.elapsed());
            written = report.written.len();
            let start = Instant::now();
            if session.index(&preview).expect("index").is_some() {
                preview.commit().expect("commit");
                index_times.push(start.elapsed());
            }
            if std::env::var("BANTIN_TIMINGS").is_ok() {
                for (stage, took) in &report.timings {
                    eprintln!("  {name}: {:>7.1} ms {stage}", took.as_secs_f64() * 1000.0);
                }
            }
        }
        let (med, min, max) = median(times);
        println!("{name} {med:.1} {min:.1} {max:.1} {written}");
    };
    case("noop_save", &article, &|_| Some(original.clone()));
    case("body_edit", &article, &|i| Some(original.replacen("\n---\n", &format!("\n---\nMột câu mới số {i}.\n\n"), 1)));
    case("title_edit", &article, &|i| {
        let mut lines: Vec<String> = original.lines().map(str::to_string).collect();
        if let Some(t) = lines.iter_mut().find(|l| l.starts_with("title:")) {
            *t = format!("title: \"Tiêu đề đã sửa lần {i}\"");
        }
        Some(lines.join("\n") + "\n")
    });
    case("restore", &article, &|_| Some(original.clone()));
    case("template_edit", &template, &|i| {
        Some(original_template.replace("</article>", &format!("</article><!-- {i} -->")))
    });
    std::fs::write(&template, &original_template).expect("restore");
    if !index_times.is_empty() {
        let n = index_times.len();
        let (med, min, max) = median(index_times);
        println!("search_index_after_edit {med:.1} {min:.1} {max:.1} {n}");
    }

    // Watch mode: the first build swapped in whole, then files renamed into output/ in place.
    let output = site.join("output");
    let mut watch = Session::new(Options::new(&site)).indexing(Indexing::Later);
    write_to(&mut watch, &Changes::Everything, &output).expect("watch first build");
    let folder = Folder::new(&output).expect("output");
    let mut watch_case = |name: &str, edit: &dyn Fn(usize) -> String| {
        if !name.contains(&only) {
            return;
        }
        let mut times = Vec::new();
        let mut written = 0;
        for i in 0..runs {
            std::fs::write(&article, edit(i)).expect("edit");
            let start = Instant::now();
            let report = watch.rebuild(&Changes::paths([article.clone()]), &folder).expect("watch rebuild");
            folder.commit_marked(|| watch.manifest()).expect("commit");
            times.push(start.elapsed());
            written = report.written.len();
        }
        let (med, min, max) = median(times);
        println!("{name} {med:.1} {min:.1} {max:.1} {written}");
    };
    watch_case("watch_noop_save", &|_| original.clone());
    watch_case("watch_body_edit", &|i| original.replacen("\n---\n", &format!("\n---\nCâu mới {i}.\n\n"), 1));
    std::fs::write(&article, &original).expect("restore");
}
