//! What a deploy sends and deletes: a pure function of the built site and of what the target
//! holds, so that each case is tested by itself.
//!
//! The order keeps the live site whole while files land: assets first (photos, CSS, scripts:
//! what new pages show), then pages, then what links to pages (the home page, feeds, sitemaps,
//! the search index), and last the files the site no longer has. Deletions are held back, all
//! of them, when there are more than the limit: a wrong target or a broken build must not
//! empty a live site.

use std::collections::BTreeMap;

/// A file of the built site: its path under the output folder, the digest of its bytes and
/// its size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Local {
    pub(crate) path: String,
    pub(crate) digest: u128,
    pub(crate) size: u64,
}

/// What the target holds, as far as a deploy can know it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Held {
    /// Its manifest, written by the last deploy: path → (digest, size).
    Manifest(BTreeMap<String, (u128, u64)>),
    /// No manifest (a first deploy, or onto a site put there by hand): its files, with their
    /// size and, where the target can read them cheaply, their digest.
    Listing(BTreeMap<String, (u64, Option<u128>)>),
}

/// When a file is sent, in the order that keeps the live site whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Phase {
    /// Photos, styles, scripts, documents: what new pages show.
    Assets,
    /// Articles and pages.
    Pages,
    /// What links to pages: the home page, feeds, sitemaps, robots.txt, the search index.
    Lists,
}

impl Phase {
    pub(crate) fn of(path: &str) -> Phase {
        let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
        match ext {
            _ if path == "index.html" || path == "robots.txt" => Phase::Lists,
            "xml" | "json" => Phase::Lists,
            "html" => Phase::Pages,
            _ => Phase::Assets,
        }
    }
}

/// What a deploy does.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Plan {
    /// The files to send, in order.
    pub(crate) send: Vec<Local>,
    /// The files the target has and the site does not, to delete (empty when held back).
    pub(crate) delete: Vec<String>,
    /// How many deletions were held back by the limit (0 when none were).
    pub(crate) held_back: usize,
    /// Files the target already holds as they are.
    pub(crate) unchanged: usize,
    /// Files a listing found that bantin never sent (no manifest knew them) and the site does
    /// not have: kept, unless the editor asks for them to go (`--delete-others`); never
    /// deleted when hidden (`.htaccess`, `.well-known/`), whatever is asked.
    pub(crate) others: Vec<String>,
}

/// The plan of a deploy of `site` onto a target holding `held`, deleting at most
/// `max_deletes` files, and files bantin never sent only when `delete_others`. Without a
/// manifest, a file of the same size and no digest to compare is sent again: the deploy
/// cannot tell it is the same.
pub(crate) fn plan(site: &[Local], held: &Held, max_deletes: usize, delete_others: bool) -> Plan {
    let mut plan = Plan::default();
    for file in site {
        let same = match held {
            Held::Manifest(m) => m.get(&file.path) == Some(&(file.digest, file.size)),
            Held::Listing(l) => l.get(&file.path) == Some(&(file.size, Some(file.digest))),
        };
        if same {
            plan.unchanged += 1;
        } else {
            plan.send.push(file.clone());
        }
    }
    plan.send.sort_by(|a, b| (Phase::of(&a.path), &a.path).cmp(&(Phase::of(&b.path), &b.path)));
    // On hosts that do not tell `Anh.JPG` from `anh.jpg` (Windows, IIS, macOS shares), or NFD
    // from NFC, deleting the old name would delete the file just sent under the new one.
    let published: std::collections::HashSet<String> = site.iter().map(|f| folded(&f.path)).collect();
    let mut gone: Vec<String> = match held {
        Held::Manifest(m) => m.keys().filter(|p| !published.contains(&folded(p))).cloned().collect(),
        Held::Listing(l) => {
            let (hidden, others): (Vec<String>, Vec<String>) =
                l.keys().filter(|p| !published.contains(&folded(p))).cloned().partition(|p| is_hidden(p));
            if delete_others {
                plan.others = hidden;
                others
            } else {
                plan.others = others.into_iter().chain(hidden).collect();
                plan.others.sort();
                Vec::new()
            }
        }
    };
    gone.sort();
    if gone.len() > max_deletes {
        plan.held_back = gone.len();
    } else {
        plan.delete = gone;
    }
    plan
}

/// A path as a host that ignores case and Unicode forms sees it.
fn folded(path: &str) -> String {
    use unicode_normalization::UnicodeNormalization as _;
    path.nfc().collect::<String>().to_lowercase()
}

/// A file or folder whose name starts with a dot: the host's own (`.htaccess`, `.well-known/`).
fn is_hidden(path: &str) -> bool {
    path.split('/').any(|part| part.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(path: &str, digest: u128) -> Local {
        Local { path: path.into(), digest, size: 10 }
    }

    #[test]
    fn assets_go_first_then_pages_then_lists() {
        let site = [
            local("index.html", 1),
            local("tin/a/index.html", 2),
            local("sitemap.xml", 3),
            local("tin/anh.jpg", 4),
            local("style.css", 5),
            local("tim-kiem/index/meta.json", 6),
        ];
        let plan = plan(&site, &Held::Manifest(BTreeMap::new()), 256, false);
        let order: Vec<&str> = plan.send.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            order,
            ["style.css", "tin/anh.jpg", "tin/a/index.html", "index.html", "sitemap.xml", "tim-kiem/index/meta.json"]
        );
    }

    #[test]
    fn only_what_changed_travels_and_what_is_gone_is_deleted() {
        let held = Held::Manifest(BTreeMap::from([
            ("index.html".to_string(), (1, 10)),
            ("tin/a/index.html".to_string(), (2, 10)),
            ("tin/cu/index.html".to_string(), (9, 10)),
        ]));
        let site = [local("index.html", 1), local("tin/a/index.html", 7), local("tin/b/index.html", 8)];
        let plan = plan(&site, &held, 256, false);
        let sent: Vec<&str> = plan.send.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(sent, ["tin/a/index.html", "tin/b/index.html"]);
        assert_eq!(plan.delete, ["tin/cu/index.html"]);
        assert_eq!((plan.unchanged, plan.held_back), (1, 0));
    }

    #[test]
    fn more_deletions_than_the_limit_deletes_nothing() {
        let held = Held::Manifest((0..5).map(|i| (format!("cu/{i}.html"), (1, 10))).collect());
        let plan = plan(&[local("index.html", 1)], &held, 4, false);
        assert!(plan.delete.is_empty());
        assert_eq!(plan.held_back, 5);
        assert_eq!(super::plan(&[local("index.html", 1)], &held, 5, false).delete.len(), 5);
    }

    #[test]
    fn without_a_manifest_a_file_of_the_same_size_is_kept_only_when_its_digest_is_known_the_same() {
        let held = Held::Listing(BTreeMap::from([
            ("a.html".to_string(), (10, Some(1))),
            ("b.html".to_string(), (10, None)),
            ("c.html".to_string(), (10, Some(2))),
        ]));
        let site = [local("a.html", 1), local("b.html", 1), local("c.html", 3)];
        let sent: Vec<String> = plan(&site, &held, 256, false).send.into_iter().map(|f| f.path).collect();
        assert_eq!(sent, ["b.html", "c.html"]);
    }

    #[test]
    fn files_bantin_never_sent_are_kept_unless_asked_and_hidden_ones_always() {
        let held = Held::Listing(BTreeMap::from([
            (".htaccess".to_string(), (10, None)),
            (".well-known/acme-challenge/x".to_string(), (10, None)),
            ("cu/bai.html".to_string(), (10, None)),
            ("index.html".to_string(), (10, None)),
        ]));
        let site = [local("index.html", 1)];
        let kept = plan(&site, &held, 256, false);
        assert!(kept.delete.is_empty());
        assert_eq!(kept.others, [".htaccess", ".well-known/acme-challenge/x", "cu/bai.html"]);
        let asked = plan(&site, &held, 256, true);
        assert_eq!(asked.delete, ["cu/bai.html"]);
        assert_eq!(asked.others, [".htaccess", ".well-known/acme-challenge/x"]);
    }

    #[test]
    fn a_name_that_changed_only_its_case_or_unicode_form_is_not_deleted_after_it_is_sent() {
        let held = Held::Manifest(BTreeMap::from([
            ("anh/Anh.JPG".to_string(), (1, 10)),
            ("tin/ho\u{0300}a.html".to_string(), (2, 10)),
            ("tin/cu.html".to_string(), (3, 10)),
        ]));
        let site = [local("anh/anh.jpg", 1), local("tin/hòa.html", 2)];
        let plan = plan(&site, &held, 256, false);
        assert_eq!(plan.delete, ["tin/cu.html"]);
        assert_eq!(plan.send.len(), 2);
    }
}
