//! `ftp://user@host[:port]/folder` and `ftps://…` (explicit TLS: `AUTH TLS` on the usual port,
//! what cPanel and DirectAdmin hosts offer), through `suppaftp` with rustls.
//!
//! As in RFC 1738 and FileZilla, the folder is relative to the account's login folder
//! (`ftp://toa-soan@host/public_html`). The password comes from `BANTIN_DEPLOY_PASSWORD`.
//! A certificate the host made itself is trusted only when given (`?ca_file=/path/cert.pem`).
//! Files are sent in binary mode under a temporary name beside their place, then renamed
//! (`RNFR`/`RNTO`, atomic on the servers' own disks).

use std::collections::HashSet;
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::Arc;
use std::time::Duration;

use suppaftp::types::FileType;
use suppaftp::{FtpError, RustlsConnector, RustlsFtpStream};

use super::target::{
    Address, Connection, Fault, FaultKind, MANIFEST, Target, check_path, is_temporary, part_name, password,
};
use crate::base::error::Error;
use crate::msg;

/// How long a host may keep bantin waiting for a connection or an answer.
const TIMEOUT: Duration = Duration::from_secs(20);

/// An FTP host.
#[derive(Clone)]
pub(crate) struct Ftp {
    address: Address,
    tls: Option<Arc<rustls::ClientConfig>>,
}

impl Ftp {
    pub(crate) fn open(address: Address) -> Result<Ftp, Error> {
        address.only_options(&["ca_file"])?;
        if address.user.is_empty() {
            return Err(Error::Usage(msg!("deploy-ftp-no-user", url = address.shown())));
        }
        let tls = if address.scheme == "ftps" {
            let mut roots = rustls::RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
            if let Some(file) = address.option("ca_file") {
                use rustls::pki_types::CertificateDer;
                use rustls::pki_types::pem::PemObject as _;
                let certs: Vec<_> = CertificateDer::pem_file_iter(file)
                    .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
                    .map_err(|e| Error::Usage(msg!("deploy-ca-file-bad", file = file, detail = e.to_string())))?;
                for cert in certs {
                    roots
                        .add(cert)
                        .map_err(|e| Error::Usage(msg!("deploy-ca-file-bad", file = file, detail = e.to_string())))?;
                }
            }
            // The crypto provider is the one rustls is built with (aws-lc-rs, as for S3: Cargo.toml).
            let config = rustls::ClientConfig::builder().with_root_certificates(roots).with_no_client_auth();
            Some(Arc::new(config))
        } else {
            None
        };
        Ok(Ftp { address, tls })
    }

    /// The host's address and port.
    fn socket(&self) -> Result<SocketAddr, Fault> {
        let port = self.address.port.unwrap_or(21);
        (self.address.host.as_str(), port)
            .to_socket_addrs()
            .map_err(|e| Fault::new(FaultKind::Unreachable, e))?
            .next()
            .ok_or_else(|| Fault::new(FaultKind::Unreachable, &self.address.host))
    }
}

impl Target for Ftp {
    fn shown(&self) -> String {
        self.address.shown()
    }

    fn connections(&self) -> usize {
        // Shared hosts allow a few connections from one address (pure-ftpd: 8 by default);
        // 4 at once send small files about 3 times as fast as one (BENCHMARKS.md).
        4
    }

    fn connect(&self) -> Result<Box<dyn Connection>, Fault> {
        Ok(Box::new(self.open_connection()?))
    }
}

impl Ftp {
    /// A new connection, logged in and in binary mode.
    fn open_connection(&self) -> Result<FtpConnection, Fault> {
        let socket = self.socket()?;
        let plain = RustlsFtpStream::connect_timeout(socket, TIMEOUT).map_err(|e| fault(e, FaultKind::Unreachable))?;
        let _ = plain.get_ref().set_read_timeout(Some(TIMEOUT));
        let _ = plain.get_ref().set_write_timeout(Some(TIMEOUT));
        // Commands are small: sent at once, not held back waiting for an acknowledgement.
        let _ = plain.get_ref().set_nodelay(true);
        // Data connections time out too, and go to the host's own address whatever a host
        // behind NAT says in its `PASV` answer.
        let mut plain = plain.passive_stream_builder(|addr| {
            let stream = TcpStream::connect_timeout(&addr, TIMEOUT).map_err(FtpError::ConnectionError)?;
            let _ = stream.set_read_timeout(Some(TIMEOUT));
            let _ = stream.set_write_timeout(Some(TIMEOUT));
            let _ = stream.set_nodelay(true);
            Ok(stream)
        });
        plain.set_passive_nat_workaround(true);
        let mut ftp = match &self.tls {
            Some(config) => match plain.into_secure(RustlsConnector::from(Arc::clone(config)), &self.address.host) {
                Ok(secure) => secure,
                // `AUTH TLS` refused: the host has no FTPS, which is not a matter of trust.
                Err(FtpError::UnexpectedResponse(r)) if matches!(r.status.code(), 500..=504 | 530 | 534) => {
                    let said = String::from_utf8_lossy(&r.body).trim().to_string();
                    let told = msg!("deploy-ftps-not-offered", target = self.address.shown(), detail = said.as_str());
                    return Err(Fault::told(FaultKind::Refused, &said, told));
                }
                Err(e) => return Err(fault(e, FaultKind::Trust)),
            },
            None => plain,
        };
        let Some(password) = password() else {
            return Err(Fault::new(FaultKind::Login, "BANTIN_DEPLOY_PASSWORD"));
        };
        ftp.login(self.address.user.as_str(), password.as_str()).map_err(|e| fault(e, FaultKind::Login))?;
        ftp.transfer_type(FileType::Binary).map_err(|e| fault(e, FaultKind::Refused))?;
        let root = self.address.path.clone();
        Ok(FtpConnection { ftp, root, made: HashSet::new(), host: self.clone() })
    }
}

/// One logged-in connection.
struct FtpConnection {
    ftp: RustlsFtpStream,
    /// The target folder, relative to the login folder (`""`: the login folder itself).
    root: String,
    /// Folders known to exist (made or seen by this connection).
    made: HashSet<String>,
    /// The host, to open more connections for a listing.
    host: Ftp,
}

impl FtpConnection {
    /// The host's path of the site path `path`.
    fn at(&self, path: &str) -> String {
        if self.root.is_empty() { path.to_string() } else { format!("{}/{path}", self.root) }
    }

    /// Makes the folder `dir` (a host path) and those above it, where missing.
    fn make_dirs(&mut self, dir: &str) -> Result<(), Fault> {
        if dir.is_empty() || self.made.contains(dir) {
            return Ok(());
        }
        if let Some((parent, _)) = dir.rsplit_once('/') {
            self.make_dirs(parent)?;
        }
        match self.ftp.mkdir(dir) {
            Ok(()) => {}
            // Already there (550, or 521 on some servers): find out by entering it.
            Err(FtpError::UnexpectedResponse(r)) if matches!(r.status.code(), 550 | 521) => {
                if !self.is_dir(dir) {
                    return Err(fault(FtpError::UnexpectedResponse(r), FaultKind::Denied).at(dir));
                }
            }
            Err(e) => return Err(fault(e, FaultKind::Denied).at(dir)),
        }
        self.made.insert(dir.to_string());
        Ok(())
    }

    /// Writes `bytes` to the host path `file` whole: a temporary name, then renamed.
    fn put_whole(&mut self, file: &str, part: &str, bytes: &[u8]) -> Result<(), Fault> {
        if let Some((dir, _)) = file.rsplit_once('/') {
            self.make_dirs(dir)?;
        }
        self.ftp.put_file(part, &mut std::io::Cursor::new(bytes)).map_err(|e| fault(e, FaultKind::Refused))?;
        if let Err(first) = self.ftp.rename(part, file) {
            // Servers that will not rename over a file (IIS): delete it, then rename. A reader
            // between the two gets a 404 for an instant, never half a page.
            let _ = self.ftp.rm(file);
            if self.ftp.rename(part, file).is_err() {
                let _ = self.ftp.rm(part);
                return Err(fault(first, FaultKind::Refused));
            }
        }
        Ok(())
    }

    /// The files (site paths, sizes) and folders (host and site paths) in the host folder
    /// `dir`, or `None` when the target folder itself does not exist yet; `mlsd` until the
    /// server says it has no MLSD, then the Unix `ls -l` form of LIST (old servers).
    fn list_one(&mut self, dir: &str, rel: &str, mlsd: &mut bool) -> Result<Option<Listed>, Fault> {
        let path = if dir.is_empty() { None } else { Some(dir) };
        let listed = if *mlsd { self.ftp.mlsd(path) } else { self.ftp.list(path) };
        let lines = match listed {
            Ok(lines) => lines,
            Err(FtpError::UnexpectedResponse(r)) if *mlsd && matches!(r.status.code(), 500 | 502) => {
                *mlsd = false;
                return self.list_one(dir, rel, mlsd);
            }
            // The target folder does not exist yet: a first deploy onto nothing.
            Err(_) if rel.is_empty() && !self.is_dir(dir) => return Ok(None),
            Err(e) => return Err(fault(e, FaultKind::Refused).at(dir)),
        };
        use suppaftp::list::ListParser;
        let mut folder = Listed::default();
        for line in lines {
            let parsed = if *mlsd {
                ListParser::parse_mlsd(&line)
            } else {
                ListParser::parse_posix(&line).or_else(|_| ListParser::parse_dos(&line))
            };
            let Ok(entry) = parsed else { continue };
            let name = entry.name();
            // `.`, `..`, and MLSD's `cdir`/`pdir` under other names (`/`, a path).
            if name == "." || name == ".." || name.is_empty() || name.contains('/') {
                continue;
            }
            let (host_path, site_path) = (join(dir, name), join(rel, name));
            if entry.is_directory() {
                self.made.insert(host_path.clone());
                folder.folders.push((host_path, site_path));
            } else if site_path != MANIFEST && !is_temporary(&site_path) {
                folder.files.push((site_path, entry.size() as u64, None));
            }
        }
        Ok(Some(folder))
    }
}

/// What one folder of the host holds.
#[derive(Default)]
struct Listed {
    files: Vec<(String, u64, Option<u128>)>,
    /// Host path and site path of each folder in it.
    folders: Vec<(String, String)>,
}

/// How many connections list a target at once (a folder each): servers answer each listing
/// slowly (pure-ftpd: about 45 ms), so folders are listed side by side.
const LISTERS: usize = 4;

/// The folders still to list, and the files found, shared by the connections that list.
#[derive(Default)]
struct Walk {
    queue: std::collections::VecDeque<(String, String)>,
    busy: usize,
    failed: bool,
    files: Vec<(String, u64, Option<u128>)>,
}

/// Lists folders from `walk` on `connection` until none is left (or one listing failed).
fn list_folders(
    connection: &mut FtpConnection,
    walk: &(std::sync::Mutex<Walk>, std::sync::Condvar),
    mut mlsd: bool,
) -> Result<(), Fault> {
    let (lock, wake) = walk;
    loop {
        let job = {
            let mut w = lock.lock().unwrap_or_else(|e| e.into_inner());
            loop {
                if w.failed {
                    break None;
                }
                if let Some(job) = w.queue.pop_front() {
                    w.busy += 1;
                    break Some(job);
                }
                if w.busy == 0 {
                    break None;
                }
                w = wake.wait(w).unwrap_or_else(|e| e.into_inner());
            }
        };
        let Some((dir, rel)) = job else { return Ok(()) };
        let listed = connection.list_one(&dir, &rel, &mut mlsd);
        let mut w = lock.lock().unwrap_or_else(|e| e.into_inner());
        w.busy -= 1;
        let outcome = match listed {
            Ok(Some(folder)) => {
                w.files.extend(folder.files);
                w.queue.extend(folder.folders);
                Ok(())
            }
            Ok(None) => Ok(()),
            Err(f) => {
                w.failed = true;
                Err(f)
            }
        };
        wake.notify_all();
        outcome?;
    }
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() { name.to_string() } else { format!("{dir}/{name}") }
}

impl Connection for FtpConnection {
    fn manifest(&mut self) -> Result<Option<String>, Fault> {
        let file = self.at(MANIFEST);
        match self.ftp.retr_as_buffer(&file) {
            Ok(buffer) => Ok(Some(String::from_utf8_lossy(&buffer.into_inner()).into_owned())),
            Err(FtpError::UnexpectedResponse(r)) if r.status.code() == 550 => Ok(None),
            Err(e) => Err(fault(e, FaultKind::Refused).at(MANIFEST)),
        }
    }

    fn listing(&mut self) -> Result<Vec<(String, u64, Option<u128>)>, Fault> {
        let root = self.root.clone();
        let mut mlsd = true;
        let Some(top) = self.list_one(&root, "", &mut mlsd)? else { return Ok(Vec::new()) };
        let walk = Walk { queue: top.folders.into(), files: top.files, ..Walk::default() };
        let walk = (std::sync::Mutex::new(walk), std::sync::Condvar::new());
        // This connection and a few more, each listing a folder at a time; a connection the
        // host will not give is simply not used.
        let helpers = LISTERS.saturating_sub(1).min(walk.0.lock().map_or(0, |w| w.queue.len()));
        let host = self.host.clone();
        let results: Vec<Result<(), Fault>> = std::thread::scope(|scope| {
            let walk = &walk;
            let others: Vec<_> = (0..helpers)
                .map(|_| {
                    let host = host.clone();
                    scope.spawn(move || match host.open_connection() {
                        Ok(mut connection) => list_folders(&mut connection, walk, mlsd),
                        Err(_) => Ok(()),
                    })
                })
                .collect();
            let mut results = vec![list_folders(self, walk, mlsd)];
            results.extend(others.into_iter().map(|h| h.join().unwrap_or(Ok(()))));
            results
        });
        results.into_iter().collect::<Result<(), Fault>>()?;
        let (walk, _) = walk;
        Ok(walk.into_inner().unwrap_or_else(|e| e.into_inner()).files)
    }

    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), Fault> {
        check_path(path)?;
        let (file, part) = (self.at(path), self.at(&part_name(path)));
        self.put_whole(&file, &part, bytes).map_err(|f| f.at(path))
    }

    fn delete(&mut self, path: &str) -> Result<(), Fault> {
        check_path(path)?;
        match self.ftp.rm(self.at(path)) {
            Ok(()) => {}
            Err(FtpError::UnexpectedResponse(r)) if r.status.code() == 550 && !self.exists(path) => {}
            Err(e) => return Err(fault(e, FaultKind::Denied).at(path)),
        }
        // The folders it leaves empty go too (a deleted article's folder): RMD refuses a
        // folder that still holds something.
        let mut dir = path;
        while let Some((parent, _)) = dir.rsplit_once('/') {
            let host = self.at(parent);
            if self.ftp.rmdir(&host).is_err() {
                break;
            }
            self.made.remove(&host);
            dir = parent;
        }
        Ok(())
    }

    fn put_manifest(&mut self, text: &str) -> Result<(), Fault> {
        let (file, part) = (self.at(MANIFEST), self.at(&part_name(MANIFEST)));
        if !self.root.is_empty() {
            let root = self.root.clone();
            self.make_dirs(&root)?;
        }
        self.put_whole(&file, &part, text.as_bytes()).map_err(|f| f.at(MANIFEST))
    }
}

impl FtpConnection {
    /// Whether the host path `dir` is a folder (one the connection can enter).
    fn is_dir(&mut self, dir: &str) -> bool {
        let Ok(home) = self.ftp.pwd() else { return false };
        let entered = self.ftp.cwd(dir).is_ok();
        if entered {
            let _ = self.ftp.cwd(&home);
        }
        entered
    }

    /// Whether the site path `path` is a file on the host (after a refused `DELE`).
    fn exists(&mut self, path: &str) -> bool {
        self.ftp.size(self.at(path)).is_ok()
    }
}

impl Drop for FtpConnection {
    fn drop(&mut self) {
        let _ = self.ftp.quit();
    }
}

/// The fault an FTP failure is, `usual` where the reply code does not say more.
fn fault(e: FtpError, usual: FaultKind) -> Fault {
    match e {
        // A certificate refused shows on the first command after `AUTH TLS`, as an I/O error.
        FtpError::ConnectionError(io) if io.get_ref().is_some_and(|e| e.is::<rustls::Error>()) => {
            Fault::new(FaultKind::Trust, io)
        }
        FtpError::ConnectionError(io) => {
            let f = Fault::io(&io);
            // A connection that cannot be made at all (refused, or no answer: a firewall, a
            // wrong port) is `Unreachable`; one lost is `Dropped`.
            if usual == FaultKind::Unreachable { Fault::new(FaultKind::Unreachable, io) } else { f }
        }
        FtpError::SecureError(detail) => Fault::new(FaultKind::Trust, detail),
        FtpError::UnexpectedResponse(r) => {
            let said = String::from_utf8_lossy(&r.body).trim().to_string();
            let kind = match r.status.code() {
                530 | 430 | 332 | 532 => FaultKind::Login,
                552 | 452 => FaultKind::Full,
                421 | 425 | 426 => FaultKind::Dropped,
                550 | 553 => FaultKind::Denied,
                _ => usual,
            };
            Fault::new(kind, said)
        }
        other => Fault::new(usual, other),
    }
}
