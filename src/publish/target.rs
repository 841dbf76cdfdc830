//! Where a site is published, behind one trait: what a deploy needs of any host (its manifest,
//! a listing, putting a whole file, deleting one), and the one way a host's failures are told
//! ([`Fault`]). Each protocol is one file beside this one: `folder` (`file:///`), `ftp`
//! (`ftp://`, `ftps://`), `sftp` (`sftp://`), `s3` (`s3://`).

use crate::base::error::Error;
use crate::base::messages::Message;
use crate::base::paths::percent_decode;
use crate::msg;

/// The manifest a deploy keeps on its target: what the target holds, by digest. Never one of
/// the site's files.
pub(crate) const MANIFEST: &str = ".bantin-deploy";

/// A host a site is published to: says who it is and opens connections to it. A deploy opens
/// several at once where that helps (`connections`), each used by one thread.
pub(crate) trait Target: Send + Sync {
    /// The target as the editor wrote it (for messages), without any secret.
    fn shown(&self) -> String;
    /// How many connections at once a deploy uses (measured per protocol; see BENCHMARKS.md).
    fn connections(&self) -> usize {
        1
    }
    /// A new connection, logged in.
    fn connect(&self) -> Result<Box<dyn Connection>, Fault>;
}

/// One connection to a host. Paths are the site's (`tin/bai-a/index.html`: `/`-separated,
/// relative, already checked by [`check_path`]).
pub(crate) trait Connection: Send {
    /// The text of the manifest the last deploy left, if there is one.
    fn manifest(&mut self) -> Result<Option<String>, Fault>;
    /// Every file the target holds (but the manifest and files a stopped deploy left half
    /// written): path, size and, where it is cheap to read, the digest of its bytes.
    fn listing(&mut self) -> Result<Vec<(String, u64, Option<u128>)>, Fault>;
    /// Puts `bytes` at `path` whole: under a temporary name first, then renamed, where the
    /// host allows it, so that no reader gets half a file. Folders are made as needed.
    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), Fault>;
    /// Deletes `path` (one already gone is fine), and the folders it leaves empty where the
    /// host has folders.
    fn delete(&mut self, path: &str) -> Result<(), Fault>;
    /// Replaces the manifest (whole, as `put` does).
    fn put_manifest(&mut self, text: &str) -> Result<(), Fault>;
}

/// What went wrong at a host, sorted by what the editor can do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FaultKind {
    /// The host cannot be reached: an unknown name, a refused or timed-out connection.
    Unreachable,
    /// The host refused the user, password or key.
    Login,
    /// The host is not the one it claims to be, or bantin cannot tell (a certificate or host
    /// key it does not know).
    Trust,
    /// The host refused to write or delete there (a read-only folder, a missing bucket).
    Denied,
    /// The host has no room left (quota, disk).
    Full,
    /// The connection was lost mid-way: a deploy tries again on a new one.
    Dropped,
    /// The host said no, for a reason the words of `detail` tell.
    Refused,
}

/// A host's failure: its kind, the file it was about (if any) and what the host said.
#[derive(Debug, Clone)]
pub(crate) struct Fault {
    pub(crate) kind: FaultKind,
    pub(crate) path: Option<String>,
    pub(crate) detail: String,
    /// What the editor reads instead of the kind's message, when the protocol knows better
    /// what to do (an SSH host key to check).
    pub(crate) told: Option<Message>,
}

impl Fault {
    pub(crate) fn new(kind: FaultKind, detail: impl std::fmt::Display) -> Fault {
        Fault { kind, path: None, detail: detail.to_string(), told: None }
    }

    /// A fault of `kind` that the editor reads as `told`.
    pub(crate) fn told(kind: FaultKind, detail: impl std::fmt::Display, told: Message) -> Fault {
        Fault { told: Some(told), ..Fault::new(kind, detail) }
    }

    /// The same fault, about `path`.
    pub(crate) fn at(mut self, path: &str) -> Fault {
        self.path.get_or_insert_with(|| path.to_string());
        self
    }

    /// A fault from an I/O error of the system (a local folder, a socket).
    pub(crate) fn io(e: &std::io::Error) -> Fault {
        use std::io::ErrorKind as K;
        let kind = match e.kind() {
            K::PermissionDenied | K::ReadOnlyFilesystem => FaultKind::Denied,
            K::StorageFull | K::QuotaExceeded | K::FileTooLarge => FaultKind::Full,
            K::ConnectionRefused | K::HostUnreachable | K::NetworkUnreachable | K::AddrNotAvailable => {
                FaultKind::Unreachable
            }
            // A read that timed out is `WouldBlock` on Unix: the host went silent.
            K::ConnectionReset
            | K::ConnectionAborted
            | K::BrokenPipe
            | K::UnexpectedEof
            | K::TimedOut
            | K::WouldBlock
            | K::NotConnected
            | K::NetworkDown => FaultKind::Dropped,
            _ => FaultKind::Refused,
        };
        Fault::new(kind, e)
    }

    /// What the editor reads: what happened at `target`, and what to do.
    pub(crate) fn message(&self, target: &str) -> Message {
        if let Some(told) = &self.told {
            return told.clone();
        }
        let detail = match &self.path {
            Some(path) => format!("{path}: {}", self.detail.trim()),
            None => self.detail.trim().to_string(),
        };
        let (target, detail) = (target, detail.as_str());
        match self.kind {
            FaultKind::Unreachable => msg!("deploy-fault-unreachable", target = target, detail = detail),
            FaultKind::Login => msg!("deploy-fault-login", target = target, detail = detail),
            FaultKind::Trust => msg!("deploy-fault-trust", target = target, detail = detail),
            FaultKind::Denied => msg!("deploy-fault-denied", target = target, detail = detail),
            FaultKind::Full => msg!("deploy-fault-full", target = target, detail = detail),
            FaultKind::Dropped => msg!("deploy-fault-dropped", target = target, detail = detail),
            FaultKind::Refused => msg!("deploy-fault-refused", target = target, detail = detail),
        }
    }

    /// The error a deploy stops with.
    pub(crate) fn error(&self, target: &str) -> Error {
        Error::Usage(self.message(target))
    }
}

/// A target's address, read from `scheme://user@host:port/path?key=value&…`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Address {
    pub(crate) scheme: String,
    /// The user, decoded (`toa-soan`), empty when not given.
    pub(crate) user: String,
    /// The host name or address, or the bucket for `s3://`.
    pub(crate) host: String,
    pub(crate) port: Option<u16>,
    /// The folder or prefix on the host, decoded, without leading or trailing `/`
    /// (`public_html`); for `file://`, the whole absolute path.
    pub(crate) path: String,
    /// The options after `?`, decoded, in order.
    pub(crate) query: Vec<(String, String)>,
}

impl Address {
    /// Reads `url`, or says what is wrong with it.
    pub(crate) fn parse(url: &str) -> Result<Address, Error> {
        let bad = || Error::Usage(msg!("deploy-url-bad", url = without_password(url)));
        let (scheme, rest) = url.split_once("://").ok_or_else(bad)?;
        let (rest, query) = rest.split_once('?').unwrap_or((rest, ""));
        let query = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (percent_decode(k), percent_decode(v))
            })
            .collect();
        if scheme == "file" {
            let path = percent_decode(rest);
            return Ok(Address { scheme: scheme.to_string(), path, query, ..Address::default() });
        }
        let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
        let (user, hostport) = match authority.rsplit_once('@') {
            Some((user, hostport)) => (user, hostport),
            None => ("", authority),
        };
        // `[::1]:2222`, `host:21`, `host`.
        let (host, port) = if let Some(inner) = hostport.strip_prefix('[') {
            let (host, after) = inner.split_once(']').ok_or_else(bad)?;
            (host, after.strip_prefix(':'))
        } else {
            match hostport.rsplit_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (hostport, None),
            }
        };
        let port = match port {
            Some(p) => Some(p.parse::<u16>().map_err(|_| bad())?),
            None => None,
        };
        if host.is_empty() {
            return Err(bad());
        }
        Ok(Address {
            scheme: scheme.to_string(),
            user: percent_decode(user.split(':').next().unwrap_or_default()),
            host: host.to_string(),
            port,
            path: percent_decode(path.trim_matches('/')),
            query,
        })
    }

    /// The option `key` of the query, if given.
    pub(crate) fn option(&self, key: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// `scheme://user@host:port/path`, without any secret or option, for messages.
    pub(crate) fn shown(&self) -> String {
        let user = if self.user.is_empty() { String::new() } else { format!("{}@", self.user) };
        let port = self.port.map(|p| format!(":{p}")).unwrap_or_default();
        format!("{}://{user}{}{port}/{}", self.scheme, self.host, self.path)
    }

    /// The option keys the target knows; any other is a mistake said before anything is sent.
    pub(crate) fn only_options(&self, known: &[&str]) -> Result<(), Error> {
        match self.query.iter().find(|(k, _)| !known.contains(&k.as_str())) {
            Some((key, _)) => Err(Error::Usage(msg!(
                "deploy-url-option-unknown",
                url = self.shown(),
                key = key.as_str(),
                known = known.join(", ")
            ))),
            None => Ok(()),
        }
    }
}

/// The password for targets that log in with one: `BANTIN_DEPLOY_PASSWORD`, never site.yaml.
#[allow(dead_code, reason = "used by the FTP and SFTP targets, on their branches")]
pub(crate) fn password() -> Option<String> {
    std::env::var("BANTIN_DEPLOY_PASSWORD").ok().filter(|p| !p.is_empty())
}

/// The target at `url`.
pub(crate) fn open(url: &str) -> Result<Box<dyn Target>, Error> {
    let address = Address::parse(url)?;
    let url = &without_password(url);
    match address.scheme.as_str() {
        "file" => Ok(Box::new(super::folder::Folder::open(&address, url)?)),
        "ftp" | "ftps" => Ok(Box::new(super::ftp::Ftp::open(address)?)),
        "s3" => Ok(Box::new(super::s3::S3::open(&address, url)?)),
        "sftp" => Ok(Box::new(super::sftp::Sftp::open(&address)?)),
        scheme => Err(Error::Usage(msg!("deploy-scheme-unknown", url = url, scheme = scheme))),
    }
}

/// `url` without its password, for messages.
pub(crate) fn without_password(url: &str) -> String {
    match crate::config::password_in_url(url) {
        Some((start, end)) => format!("{}{}", &url[..start], &url[end..]),
        None => url.to_string(),
    }
}

/// Refuses a site path that would leave the target's folder (`..`, empty parts, `\`).
pub(crate) fn check_path(path: &str) -> Result<(), Fault> {
    let plain = std::path::Path::new(path).components().all(|c| matches!(c, std::path::Component::Normal(_)));
    if !plain || path.split('/').any(|part| part.is_empty() || part == "." || part == "..") || path.contains('\\') {
        return Err(Fault::new(FaultKind::Refused, "bad path").at(path));
    }
    Ok(())
}

/// The temporary name `path` is written under before it is renamed: a dotfile beside it
/// (`tin/.index.html.bantin-part`), never one of the site's files.
pub(crate) fn part_name(path: &str) -> String {
    match path.rsplit_once('/') {
        Some((dir, name)) => format!("{dir}/.{name}.bantin-part"),
        None => format!(".{path}.bantin-part"),
    }
}

/// A file a deploy was writing when it stopped (`.name.bantin-part`): not the site's.
pub(crate) fn is_temporary(path: &str) -> bool {
    path.ends_with(".bantin-part")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_read_in_its_parts() {
        let a = Address::parse("ftps://toa%20soan@ftp.example.vn:2121/public_html/tin/?ca_file=/etc/ca.pem").unwrap();
        assert_eq!(
            (a.scheme.as_str(), a.user.as_str(), a.host.as_str(), a.port, a.path.as_str()),
            ("ftps", "toa soan", "ftp.example.vn", Some(2121), "public_html/tin")
        );
        assert_eq!(a.option("ca_file"), Some("/etc/ca.pem"));
        assert_eq!(a.shown(), "ftps://toa soan@ftp.example.vn:2121/public_html/tin");
        let s3 = Address::parse("s3://bao/www?endpoint=https://hcm.vstorage.vn&region=hcm").unwrap();
        assert_eq!((s3.host.as_str(), s3.path.as_str()), ("bao", "www"));
        assert_eq!(s3.option("endpoint"), Some("https://hcm.vstorage.vn"));
        let v6 = Address::parse("sftp://u@[::1]:2222/www").unwrap();
        assert_eq!((v6.host.as_str(), v6.port), ("::1", Some(2222)));
        let file = Address::parse("file:///srv/www/b%C3%A1o").unwrap();
        assert_eq!(file.path, "/srv/www/báo");
        // A password in the address is never kept.
        assert_eq!(Address::parse("ftp://u:secret@h/x").unwrap().shown(), "ftp://u@h/x");
        let has_password = |url: &str| crate::config::password_in_url(url).is_some();
        assert!(has_password("ftp://u:Ab/9x@host/www") && has_password("sftp://u:p@h:22/www"));
        assert!(!has_password("sftp://u@h:22/p@x") && !has_password("s3://b/www?endpoint=https://e:9000"));
        assert_eq!(without_password("ftp://u:Ab/9x@host/www"), "ftp://u@host/www");
        assert_eq!(without_password("ftp://u:p@h/x?ca_file=/a"), "ftp://u@h/x?ca_file=/a");
        assert!(Address::parse("ftp://h:port/").is_err());
        assert!(Address::parse("ftp.example.vn/public_html").is_err());
    }

    #[test]
    fn a_part_file_sits_beside_its_file() {
        assert_eq!(part_name("tin/a/index.html"), "tin/a/.index.html.bantin-part");
        assert_eq!(part_name("index.html"), ".index.html.bantin-part");
        assert!(is_temporary(&part_name("style.css")));
        assert!(check_path("tin/../x").is_err() && check_path("/x").is_err() && check_path("tin/a.html").is_ok());
    }
}
