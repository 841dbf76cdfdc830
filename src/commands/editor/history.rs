//! Every save of the editor can be brought back.
//!
//! Where the site is a git repository, each save is a commit of that one file (its state
//! before, too, when it had changes git had not seen): the team's own history, which `git log`
//! and every git tool show. Otherwise, and for a file git ignores, the text a save replaces is
//! kept under `.bantin/lich-su/<the file's path>/<when>.md`, outside `content/`, so never
//! published; nothing is written there through a link.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Serialize;

/// How saves are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Kind {
    Git,
    Local,
}

/// The folder of the local history, inside the site folder.
pub(crate) const LOCAL_DIR: &str = ".bantin/lich-su";

/// How the site at `root` keeps the saves of its file `rel`: in git, unless the site is not
/// in a repository or git ignores the file (its commits would hold nothing).
pub(crate) fn kind(root: &Path, rel: &str) -> Kind {
    let inside = git(root, &["rev-parse", "--is-inside-work-tree"]).is_ok_and(|out| out.trim() == "true");
    let ignored = || git(root, &["check-ignore", "-q", "--", rel]).is_ok();
    if inside && !ignored() { Kind::Git } else { Kind::Local }
}

/// One version of a file that can be brought back.
#[derive(Debug, Serialize)]
pub(crate) struct Version {
    /// A commit, or a file name of the local history.
    pub(crate) id: String,
    /// When it was saved (RFC 3339).
    pub(crate) when: String,
}

/// Runs git in `root`; its output, or why it failed.
fn git(root: &Path, args: &[&str]) -> Result<String, String> {
    let mut command = Command::new("git");
    command.arg("-C").arg(root);
    // A repository without a name and address set still gets the editor's commits.
    let configured = |key: &str| {
        Command::new("git").arg("-C").arg(root).args(["config", key]).output().is_ok_and(|o| o.status.success())
    };
    if args.first() == Some(&"commit") {
        if !configured("user.name") {
            command.args(["-c", "user.name=Soạn bài (bantin)"]);
        }
        if !configured("user.email") {
            command.args(["-c", "user.email=soan-bai@bantin.invalid"]);
        }
    }
    let out = command.args(args).output().map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
    }
}

/// Commits the file `rel` (relative to `root`) alone, if git sees a change in it.
fn commit(root: &Path, rel: &str, message: &str) -> Result<(), String> {
    let status = git(root, &["status", "--porcelain", "--", rel])?;
    if status.trim().is_empty() {
        return Ok(());
    }
    git(root, &["add", "--", rel])?;
    git(root, &["commit", "-q", "--only", "-m", message, "--", rel]).map(|_| ())
}

/// Before a save of `rel`: keeps the text it replaces (`old`, none for a new file).
pub(crate) fn before_save(root: &Path, kind: Kind, rel: &str, old: Option<&[u8]>) -> Result<(), String> {
    match (kind, old) {
        (_, None) => Ok(()),
        (Kind::Git, Some(_)) => commit(root, rel, &format!("{rel}: bản trước khi Soạn bài lưu")),
        (Kind::Local, Some(old)) => {
            let dir = local_dir(root, rel);
            std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
            no_link_on_the_way(root, &dir)?;
            let stamp = jiff::Zoned::now().strftime("%Y%m%dT%H%M%S%.3f%z").to_string();
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(dir.join(format!("{stamp}.md")))
                .map_err(|e| e.to_string())?;
            std::io::Write::write_all(&mut file, old).and_then(|()| file.sync_all()).map_err(|e| e.to_string())
        }
    }
}

/// After a save of `rel`: a commit of it, in a repository.
pub(crate) fn after_save(root: &Path, kind: Kind, rel: &str, title: &str) -> Result<(), String> {
    match kind {
        Kind::Git => commit(root, rel, &format!("Soạn bài: {title} ({rel})")),
        Kind::Local => Ok(()),
    }
}

fn local_dir(root: &Path, rel: &str) -> PathBuf {
    root.join(LOCAL_DIR).join(rel)
}

/// Refuses a folder of the local history, from `.bantin` down to `dir`, that is a link (which
/// could lead a save's copy anywhere).
fn no_link_on_the_way(root: &Path, dir: &Path) -> Result<(), String> {
    let rest = dir.strip_prefix(root).map_err(|_| dir.display().to_string())?;
    let mut path = root.to_path_buf();
    for part in rest.components() {
        path.push(part);
        if std::fs::symlink_metadata(&path).map_err(|e| e.to_string())?.file_type().is_symlink() {
            return Err(format!("{} is a link", path.display()));
        }
    }
    Ok(())
}

/// The versions of `rel` that can be brought back, newest first (50 at most).
pub(crate) fn versions(root: &Path, kind: Kind, rel: &str) -> Vec<Version> {
    match kind {
        Kind::Git => git(root, &["log", "-n", "50", "--format=%H%x09%cI", "--", rel])
            .unwrap_or_default()
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(id, when)| Version { id: id.to_string(), when: when.to_string() })
            .collect(),
        Kind::Local => {
            let mut names: Vec<String> = std::fs::read_dir(local_dir(root, rel))
                .map(|entries| entries.flatten().filter_map(|e| e.file_name().into_string().ok()).collect())
                .unwrap_or_default();
            names.retain(|n| n.ends_with(".md"));
            names.sort_unstable_by(|a, b| b.cmp(a));
            names.truncate(50);
            names
                .into_iter()
                .map(|name| {
                    let stamp = name.trim_end_matches(".md");
                    let when = jiff::fmt::strtime::parse("%Y%m%dT%H%M%S%.f%z", stamp)
                        .and_then(|t| t.to_timestamp())
                        .map(|t| t.to_string())
                        .unwrap_or_default();
                    Version { id: name, when }
                })
                .collect()
        }
    }
}

/// The bytes of version `id` of `rel`.
pub(crate) fn read(root: &Path, kind: Kind, rel: &str, id: &str) -> Option<Vec<u8>> {
    match kind {
        Kind::Git => {
            if id.len() < 7 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            let out = Command::new("git").arg("-C").arg(root).arg("show").arg(format!("{id}:./{rel}")).output().ok()?;
            out.status.success().then_some(out.stdout)
        }
        Kind::Local => {
            let plain = id.ends_with(".md") && !id.contains(['/', '\\']) && !id.starts_with('.');
            let dir = local_dir(root, rel);
            if !plain || no_link_on_the_way(root, &dir.join(id)).is_err() {
                return None;
            }
            std::fs::read(dir.join(id)).ok()
        }
    }
}
