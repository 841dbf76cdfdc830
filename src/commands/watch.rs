//! File-system events → change sets, for `bantin serve` and `bantin watch`.
//!
//! notify, debounced by notify-debouncer-full, watches `site.yaml`, `content/`, `themes/`,
//! `shortcodes/` and `static/`. Editors that save by writing a temporary file and renaming it, deleting,
//! renaming and creating folders all arrive as paths; the temporary files themselves
//! (`.#a.md`, `a.md~`, `.a.md.swp`, vim's `4913`) are not changes.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify::RecursiveMode;
use notify::event::{EventKind, ModifyKind};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::base::error::Error;
use crate::base::messages::Message;
use crate::build::Changes;
use crate::content::discover::is_ignored;
use crate::msg;

/// How long the watcher waits for a burst of events to end before reporting it.
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(40);

/// The folders of a site whose changes matter, besides `site.yaml`.
const WATCHED: [&str; 4] = ["content", "themes", "static", "shortcodes"];

/// Watches a site folder and hands out what changed.
pub(crate) struct Watcher {
    root: PathBuf,
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    events: Receiver<DebounceEventResult>,
    watching: Vec<PathBuf>,
}

fn notify_error(root: &Path, e: impl std::fmt::Display) -> Error {
    Error::Usage(msg!("watch-cannot-watch", root = root, detail = e.to_string()))
}

impl Watcher {
    /// Starts watching the site at `root`.
    pub(crate) fn new(root: &Path) -> Result<Watcher, Error> {
        let root = std::path::absolute(root).map_err(|e| Error::io(root, e))?;
        let (tx, events) = channel();
        let mut debouncer = new_debouncer(DEBOUNCE, None, tx).map_err(|e| notify_error(&root, e))?;
        debouncer.watch(&root, RecursiveMode::NonRecursive).map_err(|e| notify_error(&root, e))?;
        let mut watcher = Watcher { root, debouncer, events, watching: Vec::new() };
        watcher.watch_folders();
        Ok(watcher)
    }

    /// Watches the site's folders that exist and are not watched yet (one may be created later).
    fn watch_folders(&mut self) {
        for name in WATCHED {
            let dir = self.root.join(name);
            if dir.is_dir()
                && !self.watching.contains(&dir)
                && self.debouncer.watch(&dir, RecursiveMode::Recursive).is_ok()
            {
                self.watching.push(dir);
            }
        }
        self.watching.retain(|d| d.is_dir());
    }

    /// Whether a changed path can change the site.
    fn matters(&self, path: &Path) -> bool {
        let Ok(rel) = path.strip_prefix(&self.root) else { return false };
        let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        if is_ignored(&name) || name == "4913" || name.ends_with(".bantin-new") {
            return false;
        }
        rel == Path::new(crate::config::CONFIG_FILE) || WATCHED.iter().any(|w| rel.starts_with(w))
    }

    /// Waits up to `timeout` for changes; `Ok(None)` when nothing that matters changed.
    pub(crate) fn wait(&mut self, timeout: Duration) -> Result<Option<Changes>, Error> {
        let batch = match self.events.recv_timeout(timeout) {
            Ok(batch) => batch,
            Err(RecvTimeoutError::Timeout) => return Ok(None),
            Err(RecvTimeoutError::Disconnected) => {
                return Err(Error::Usage(msg!("watch-watcher-stopped", root = &self.root)));
            }
        };
        let mut paths: Vec<PathBuf> = Vec::new();
        let mut everything = false;
        let mut batches = vec![batch];
        // Take what else has arrived, so one save gives one rebuild.
        while let Ok(more) = self.events.try_recv() {
            batches.push(more);
        }
        for batch in batches {
            match batch {
                Ok(events) => {
                    for event in events {
                        if event.need_rescan() {
                            everything = true;
                        }
                        // Reading a file (as the rebuild itself does) is not a change.
                        if matches!(event.event.kind, EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_)))
                        {
                            continue;
                        }
                        paths.extend(event.event.paths.iter().filter(|p| self.matters(p)).cloned());
                    }
                }
                Err(_) => everything = true,
            }
        }
        self.watch_folders();
        paths.sort();
        paths.dedup();
        if everything {
            return Ok(Some(Changes::Everything));
        }
        Ok((!paths.is_empty()).then(|| Changes::paths(paths)))
    }
}

/// The loop `serve` and `watch` share: waits for changes until `stop` is set, and hands each
/// change set, with its description for the terminal, to `step`. Ends with the watcher's error,
/// if it fails.
pub(crate) fn each_change(
    watcher: &mut Watcher,
    root: &Path,
    stop: &std::sync::atomic::AtomicBool,
    mut step: impl FnMut(&Changes, &Message),
) -> Result<(), Error> {
    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
        if let Some(changes) = watcher.wait(std::time::Duration::from_millis(200))? {
            step(&changes, &describe(root, &changes));
        }
    }
    Ok(())
}

/// A short description of a change set for the terminal: the first few paths, relative.
pub(crate) fn describe(root: &Path, changes: &Changes) -> Message {
    let Changes::Paths(paths) = changes else { return msg!("watch-everything") };
    let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let names: Vec<String> = paths.iter().map(|p| p.strip_prefix(&root).unwrap_or(p).display().to_string()).collect();
    match names.len() {
        0..=3 => msg!("watch-paths", names = names.join(", ")),
        n => msg!("watch-paths-more", names = names[..3].join(", "), count = n - 3),
    }
}
