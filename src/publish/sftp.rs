//! `sftp://toa-soan@host.example.vn:2222/srv/www/bantin`: a host reached over SSH, as most
//! virtual servers and many shared hosts are. Files are written under a temporary name beside
//! their place, then renamed over the old file (OpenSSH's `posix-rename@openssh.com`, atomic).
//!
//! The path after the host is absolute, as in the SFTP URI draft, curl and FileZilla:
//! `sftp://u@h/var/www/bantin` is `/var/www/bantin`. A path that starts with `~`
//! (`sftp://u@h/~/public_html`) is in the folder the user logs into, and no path at all is
//! that folder itself.
//!
//! Who bantin is: the private key file named by `BANTIN_DEPLOY_KEY`; else the keys of the SSH
//! agent (`SSH_AUTH_SOCK`) and `~/.ssh/id_ed25519`, `id_ecdsa`, `id_rsa`; then the password
//! in `BANTIN_DEPLOY_PASSWORD` if set. Never anything of site.yaml.
//!
//! Who the host is: its key must be in `~/.ssh/known_hosts` (or the file of the address's
//! `known_hosts=` option), as `ssh` would insist. An unknown or a changed key stops the deploy
//! before anything is sent, with the key's fingerprint and what to do.
//!
//! This is the only module that knows russh and russh-sftp. russh is async: each connection
//! owns a one-thread tokio runtime and blocks on its calls, so a deploy's workers stay plain
//! threads. A host that stops answering fails a call after [`TIMEOUT`].

use std::collections::HashSet;
use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use russh::client;
use russh::keys::{self, PrivateKeyWithHashAlg, PublicKeyOrCertificate};
use russh_sftp::client::RawSftpSession;
use russh_sftp::client::error::Error as SftpError;
use russh_sftp::protocol::{FileAttributes, OpenFlags, Packet, StatusCode};

use super::target::{
    Address, Connection, Fault, FaultKind, MANIFEST, Target, check_path, is_temporary, part_name, password,
};
use crate::base::error::Error;
use crate::msg;

/// How long a host may stay silent (connecting, logging in, or on any request).
const TIMEOUT: Duration = Duration::from_secs(20);

/// The bytes of one write request: the size every SFTP server takes.
const CHUNK: usize = 32 * 1024;

/// Write requests of one file in flight at once (the round trips overlap).
const IN_FLIGHT: usize = 16;

/// OpenSSH's rename that replaces the file at the new name in one step (`rename(2)`).
const POSIX_RENAME: &str = "posix-rename@openssh.com";

/// An SFTP target: where and as whom to log in, and which host key to expect.
#[derive(Debug, Clone)]
pub(crate) struct Sftp {
    user: String,
    host: String,
    port: u16,
    /// The folder on the host: absolute (`/srv/www`) or in the login folder (`public_html`,
    /// `.`).
    root: String,
    known_hosts: PathBuf,
    shown: String,
}

impl Sftp {
    /// The target at `address`, or what is wrong with the address.
    pub(crate) fn open(address: &Address) -> Result<Sftp, Error> {
        address.only_options(&["known_hosts"])?;
        if address.user.is_empty() {
            return Err(Error::Usage(msg!("deploy-sftp-no-user", url = address.shown())));
        }
        let known_hosts = match address.option("known_hosts") {
            Some(path) => PathBuf::from(path),
            None => home().join(".ssh").join("known_hosts"),
        };
        Ok(Sftp {
            user: address.user.clone(),
            host: address.host.clone(),
            port: address.port.unwrap_or(22),
            root: root_of(&address.path),
            known_hosts,
            shown: address.shown(),
        })
    }

    /// Connects, checks the host's key, logs in and starts SFTP.
    async fn session(&self) -> Result<(client::Handle<Checker>, RawSftpSession, bool), Fault> {
        let config = client::Config { preferred: self.preferred(), ..client::Config::default() };
        let checker = Checker { sftp: self.clone() };
        let connecting = client::connect(Arc::new(config), (self.host.as_str(), self.port), checker);
        // A host that never answers is unreachable, not a connection to open again.
        let reached = within(connecting).await.map_err(|f| Fault::new(FaultKind::Unreachable, f.detail))?;
        let mut ssh = match reached {
            Ok(ssh) => ssh,
            Err(Refusal::Host(fault)) => return Err(fault),
            Err(Refusal::Ssh(e)) => return Err(reaching(&e)),
        };
        self.log_in(&mut ssh).await?;
        let channel = within(ssh.channel_open_session()).await?.map_err(|e| ssh_fault(&e))?;
        within(channel.request_subsystem(true, "sftp")).await?.map_err(|e| ssh_fault(&e))?;
        let sftp = RawSftpSession::new(channel.into_stream());
        sftp.set_timeout(TIMEOUT.as_secs());
        let version = sftp.init().await.map_err(|e| sftp_fault(&e))?;
        let posix_rename = version.extensions.get(POSIX_RENAME).is_some_and(|v| v == "1");
        Ok((ssh, sftp, posix_rename))
    }

    /// The usual algorithms, but the host key types `known_hosts` has for this host first, so
    /// that a host with several keys shows the one recorded (as `ssh` does).
    fn preferred(&self) -> russh::Preferred {
        let preferred = russh::Preferred::default();
        let recorded: Vec<keys::Algorithm> =
            keys::known_hosts::known_host_keys_path(&self.host, self.port, &self.known_hosts)
                .unwrap_or_default()
                .into_iter()
                .map(|(_, key)| key.algorithm())
                .collect();
        let mut key: Vec<keys::Algorithm> =
            preferred.key.iter().filter(|a| recorded.iter().any(|r| same_type(r, a))).cloned().collect();
        key.extend(preferred.key.iter().filter(|a| !key.contains(a)).cloned().collect::<Vec<_>>());
        russh::Preferred { key: key.into(), ..preferred }
    }

    /// Logs in with the first key or password the host accepts.
    async fn log_in(&self, ssh: &mut client::Handle<Checker>) -> Result<(), Fault> {
        let user = self.user.as_str();
        let mut tried = Vec::new();
        if let Some(path) = std::env::var_os("BANTIN_DEPLOY_KEY").filter(|p| !p.is_empty()) {
            let path = PathBuf::from(path);
            let key = keys::load_secret_key(&path, None)
                .map_err(|e| Fault::new(FaultKind::Login, format!("BANTIN_DEPLOY_KEY={}: {}", path.display(), e)))?;
            if with_key(ssh, user, key).await? {
                return Ok(());
            }
            tried.push(format!("the key {}", path.display()));
        } else {
            match with_agent(ssh, user).await? {
                Agent::Took => return Ok(()),
                Agent::Refused(n) => tried.push(format!("the {n} key(s) of ssh-agent")),
                Agent::Absent => {}
            }
            for name in ["id_ed25519", "id_ecdsa", "id_rsa"] {
                let path = home().join(".ssh").join(name);
                if !path.exists() {
                    continue;
                }
                match keys::load_secret_key(&path, None) {
                    Ok(key) => {
                        if with_key(ssh, user, key).await? {
                            return Ok(());
                        }
                        tried.push(format!("the key {}", path.display()));
                    }
                    Err(keys::Error::KeyIsEncrypted) => {
                        tried.push(format!("not {} (it has a passphrase: add it to ssh-agent)", path.display()))
                    }
                    Err(e) => tried.push(format!("not {} ({e})", path.display())),
                }
            }
        }
        if let Some(password) = password() {
            let result = within(ssh.authenticate_password(user, password)).await?.map_err(|e| ssh_fault(&e))?;
            if result.success() {
                return Ok(());
            }
            tried.push("the password of BANTIN_DEPLOY_PASSWORD".to_string());
        }
        let detail = if tried.is_empty() {
            format!(
                "user {user}: no key in BANTIN_DEPLOY_KEY, ssh-agent or ~/.ssh (id_ed25519, id_ecdsa, id_rsa), \
                 and no BANTIN_DEPLOY_PASSWORD"
            )
        } else {
            format!("user {user}: tried {}", tried.join(", "))
        };
        Err(Fault::new(FaultKind::Login, detail))
    }

    /// The fault for a host key not in `known_hosts`, or not the one recorded there at `line`.
    fn untrusted(&self, key: &keys::PublicKey, line: Option<usize>) -> Fault {
        let fingerprint = key.fingerprint(keys::HashAlg::Sha256).to_string();
        let entry = if self.port == 22 { self.host.clone() } else { format!("[{}]:{}", self.host, self.port) };
        let file = self.known_hosts.display().to_string();
        let (target, host, port, user) = (self.shown.as_str(), self.host.as_str(), self.port, self.user.as_str());
        let told = match line {
            None => msg!(
                "deploy-sftp-host-unknown",
                target = target,
                fingerprint = fingerprint.as_str(),
                host = host,
                port = port,
                user = user,
                file = file.as_str()
            ),
            Some(line) => msg!(
                "deploy-sftp-host-changed",
                target = target,
                fingerprint = fingerprint.as_str(),
                file = file.as_str(),
                line = line,
                entry = entry.as_str()
            ),
        };
        let said = if line.is_some() { "changed host key" } else { "unknown host key" };
        Fault::told(FaultKind::Trust, format!("{said} {fingerprint}"), told)
    }
}

/// The folder on the host for an address's path (decoded, without its outer `/`).
fn root_of(path: &str) -> String {
    if path.is_empty() || path == "~" {
        ".".to_string()
    } else if let Some(rest) = path.strip_prefix("~/") {
        rest.trim_start_matches('/').to_string()
    } else {
        format!("/{path}")
    }
}

/// The user's home folder, where `.ssh` is.
fn home() -> PathBuf {
    std::env::home_dir().unwrap_or_default()
}

/// Whether two host key algorithms are the same type of key (RSA with any hash).
fn same_type(a: &keys::Algorithm, b: &keys::Algorithm) -> bool {
    a == b || (a.clone().is_rsa() && b.clone().is_rsa())
}

/// Offers `key`; whether the host took it.
async fn with_key(ssh: &mut client::Handle<Checker>, user: &str, key: keys::PrivateKey) -> Result<bool, Fault> {
    let hash = within(ssh.best_supported_rsa_hash()).await?.ok().flatten().flatten();
    let key = PrivateKeyWithHashAlg::new(Arc::new(key), hash);
    let result = within(ssh.authenticate_publickey(user, key)).await?.map_err(|e| ssh_fault(&e))?;
    Ok(result.success())
}

/// What came of offering the SSH agent's keys.
enum Agent {
    /// No agent answered (or it has no keys).
    Absent,
    /// The host took one of its keys.
    Took,
    /// The host refused all of its keys, this many.
    Refused(usize),
}

/// Offers the SSH agent's keys.
#[cfg(not(unix))]
async fn with_agent(_ssh: &mut client::Handle<Checker>, _user: &str) -> Result<Agent, Fault> {
    // The agent is reached by `SSH_AUTH_SOCK`, a Unix socket; elsewhere keys are files.
    Ok(Agent::Absent)
}

/// Offers the SSH agent's keys.
#[cfg(unix)]
async fn with_agent(ssh: &mut client::Handle<Checker>, user: &str) -> Result<Agent, Fault> {
    let Ok(Ok(mut agent)) = tokio::time::timeout(TIMEOUT, keys::agent::client::AgentClient::connect_env()).await else {
        return Ok(Agent::Absent);
    };
    let Ok(Ok(identities)) = tokio::time::timeout(TIMEOUT, agent.request_identities()).await else {
        return Ok(Agent::Absent);
    };
    let hash = within(ssh.best_supported_rsa_hash()).await?.ok().flatten().flatten();
    for identity in &identities {
        let key = identity.public_key().into_owned();
        let hash = if key.algorithm().is_rsa() { hash } else { None };
        // An agent that cannot sign with this key (a locked or a hardware key) is no answer
        // from the host: the next key is tried.
        if let Ok(Ok(result)) =
            tokio::time::timeout(TIMEOUT, ssh.authenticate_publickey_with(user, key, hash, &mut agent)).await
            && result.success()
        {
            return Ok(Agent::Took);
        }
    }
    if identities.is_empty() { Ok(Agent::Absent) } else { Ok(Agent::Refused(identities.len())) }
}

/// `what`, or a fault if the host is silent longer than [`TIMEOUT`].
async fn within<T>(what: impl Future<Output = T>) -> Result<T, Fault> {
    tokio::time::timeout(TIMEOUT, what)
        .await
        .map_err(|_| Fault::new(FaultKind::Dropped, format!("no answer in {} s", TIMEOUT.as_secs())))
}

/// What can stop a connection before it is open: SSH itself, or bantin refusing the host.
#[derive(Debug)]
enum Refusal {
    Ssh(russh::Error),
    Host(Fault),
}

impl From<russh::Error> for Refusal {
    fn from(e: russh::Error) -> Refusal {
        Refusal::Ssh(e)
    }
}

/// Checks the host's key against `known_hosts` while connecting.
struct Checker {
    sftp: Sftp,
}

impl client::Handler for Checker {
    type Error = Refusal;

    async fn check_server_key(&mut self, key: &PublicKeyOrCertificate) -> Result<bool, Refusal> {
        let s = &self.sftp;
        let PublicKeyOrCertificate::PublicKey { key, .. } = key else {
            // bantin does not ask for host certificates; a host that sends one anyway is not
            // trusted on it.
            return Err(Refusal::Host(Fault::new(FaultKind::Trust, "a host certificate instead of a host key")));
        };
        match keys::check_known_hosts_path(&s.host, s.port, key, &s.known_hosts) {
            Ok(true) => Ok(true),
            Ok(false) => Err(Refusal::Host(s.untrusted(key, None))),
            Err(keys::Error::KeyChanged { line }) => Err(Refusal::Host(s.untrusted(key, Some(line)))),
            Err(e) => Err(Refusal::Host(Fault::new(FaultKind::Trust, format!("{}: {e}", s.known_hosts.display())))),
        }
    }
}

/// A fault from SSH while reaching the host: the system's network errors are the host being
/// unreachable.
fn reaching(e: &russh::Error) -> Fault {
    let fault = ssh_fault(e);
    match fault.kind {
        FaultKind::Refused if matches!(e, russh::Error::IO(_)) => Fault::new(FaultKind::Unreachable, &fault.detail),
        _ => fault,
    }
}

/// A fault from SSH.
fn ssh_fault(e: &russh::Error) -> Fault {
    use russh::Error as E;
    match e {
        E::IO(io) => Fault::io(io),
        E::Disconnect
        | E::HUP
        | E::SendError
        | E::RecvError
        | E::ConnectionTimeout
        | E::KeepaliveTimeout
        | E::InactivityTimeout
        | E::Elapsed(_) => Fault::new(FaultKind::Dropped, e),
        E::NotAuthenticated | E::NoAuthMethod | E::UnsupportedAuthMethod => Fault::new(FaultKind::Login, e),
        _ => Fault::new(FaultKind::Refused, e),
    }
}

/// A fault from SFTP: the host's status sorted by what it means, a lost stream as dropped.
fn sftp_fault(e: &SftpError) -> Fault {
    match e {
        SftpError::Status(status) => {
            let words = if status.error_message.trim().is_empty() {
                format!("{:?}", status.status_code)
            } else {
                status.error_message.trim().to_string()
            };
            let lower = words.to_lowercase();
            let kind = match status.status_code {
                StatusCode::PermissionDenied => FaultKind::Denied,
                StatusCode::NoConnection | StatusCode::ConnectionLost => FaultKind::Dropped,
                // SFTP version 3 has no code for a full disk: the servers that say so say it
                // in words (OpenSSH says only "Failure").
                _ if ["no space", "quota", "disk full"].iter().any(|w| lower.contains(w)) => FaultKind::Full,
                _ => FaultKind::Refused,
            };
            Fault::new(kind, words)
        }
        SftpError::Timeout => Fault::new(FaultKind::Dropped, format!("no answer in {} s", TIMEOUT.as_secs())),
        SftpError::IO(_) | SftpError::UnexpectedBehavior(_) => Fault::new(FaultKind::Dropped, e),
        _ => Fault::new(FaultKind::Refused, e),
    }
}

/// Whether `e` is the host saying there is no such file.
fn missing(e: &SftpError) -> bool {
    matches!(e, SftpError::Status(s) if s.status_code == StatusCode::NoSuchFile)
}

impl Target for Sftp {
    fn shown(&self) -> String {
        self.shown.clone()
    }

    fn connections(&self) -> usize {
        // Each file waits on three round trips (open; writes and close; rename), and one more
        // for a new folder: across a network the time goes into waiting, and more connections
        // wait at once. The 1,000-article corpus (1,781 files, 43 MB) at 20 ms round trip took
        // 147 s on 1, 77 s on 2, 40 s on 4, 22 s on 8 (on 127.0.0.1, 1.8 to 2.7 s whatever the
        // number). 8 stays under OpenSSH's `MaxStartups` (10 connections logging in at once),
        // so that none is turned away (BENCHMARKS.md).
        8
    }

    fn connect(&self) -> Result<Box<dyn Connection>, Fault> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Fault::new(FaultKind::Refused, e))?;
        let (ssh, sftp, posix_rename) = runtime.block_on(self.session())?;
        Ok(Box::new(Session {
            sftp: Arc::new(sftp),
            _ssh: ssh,
            posix_rename,
            root: self.root.clone(),
            made: HashSet::new(),
            runtime,
        }))
    }
}

/// One SSH connection with its SFTP session, and the runtime that drives them.
struct Session {
    sftp: Arc<RawSftpSession>,
    /// Kept open as long as the session.
    _ssh: client::Handle<Checker>,
    posix_rename: bool,
    root: String,
    /// Folders on the host known to exist (made or seen by this connection).
    made: HashSet<String>,
    /// Dropped last: it drives the connection.
    runtime: tokio::runtime::Runtime,
}

impl Session {
    /// Runs one exchange with the host.
    fn run<T>(&self, what: impl Future<Output = Result<T, SftpError>>) -> Result<T, SftpError> {
        self.runtime.block_on(what)
    }

    /// Where the site path `path` is on the host.
    fn remote(&self, path: &str) -> String {
        if path.is_empty() {
            self.root.clone()
        } else if self.root == "." {
            path.to_string()
        } else {
            format!("{}/{path}", self.root.trim_end_matches('/'))
        }
    }

    /// Makes the folder `dir` on the host (a remote path) and those above it, unless they
    /// exist.
    fn make_dir(&mut self, dir: &str) -> Result<(), SftpError> {
        if dir.is_empty() || dir == "." || dir == "/" || self.made.contains(dir) {
            return Ok(());
        }
        let sftp = self.sftp.clone();
        match self.run(sftp.mkdir(dir, FileAttributes::empty())) {
            Ok(_) => {}
            Err(e) if missing(&e) => {
                let parent = match dir.rsplit_once('/') {
                    Some(("", _)) => "/",
                    Some((parent, _)) => parent,
                    None => ".",
                };
                self.make_dir(parent)?;
                if let Err(e) = self.run(sftp.mkdir(dir, FileAttributes::empty())) {
                    self.existing_dir(dir, e)?;
                }
            }
            // It exists (OpenSSH says only "Failure"), or the host refuses to make folders
            // here: the folder is fine if it is there.
            Err(e) => self.existing_dir(dir, e)?,
        }
        self.made.insert(dir.to_string());
        Ok(())
    }

    /// `Ok` if `dir` is a folder on the host, else the error `e` that making it gave.
    fn existing_dir(&self, dir: &str, e: SftpError) -> Result<(), SftpError> {
        match self.run(self.sftp.stat(dir)) {
            Ok(attrs) if attrs.attrs.file_type().is_dir() => Ok(()),
            _ => Err(e),
        }
    }

    /// Writes `bytes` at the site path `path`, whole: under its temporary name, then renamed.
    fn place(&mut self, path: &str, bytes: &[u8]) -> Result<(), Fault> {
        let dir = self.remote(path.rsplit_once('/').map(|(dir, _)| dir).unwrap_or_default());
        self.make_dir(&dir).map_err(|e| sftp_fault(&e).at(path))?;
        let (part, file) = (self.remote(&part_name(path)), self.remote(path));
        let sftp = self.sftp.clone();
        let written =
            self.run(write_whole(sftp.clone(), &part, bytes)).and_then(|()| self.run(self.replace(&part, &file)));
        if let Err(e) = written {
            let fault = sftp_fault(&e);
            if fault.kind != FaultKind::Dropped {
                let _ = self.run(sftp.remove(part));
            }
            return Err(fault.at(path));
        }
        Ok(())
    }

    /// Renames `part` to `file`, replacing it.
    async fn replace(&self, part: &str, file: &str) -> Result<(), SftpError> {
        if self.posix_rename {
            let mut data = Vec::new();
            for s in [part, file] {
                data.extend_from_slice(&u32::try_from(s.len()).unwrap_or(u32::MAX).to_be_bytes());
                data.extend_from_slice(s.as_bytes());
            }
            return match self.sftp.extended(POSIX_RENAME, data).await? {
                Packet::Status(s) if s.status_code == StatusCode::Ok => Ok(()),
                Packet::Status(s) => Err(SftpError::Status(s)),
                _ => Err(SftpError::UnexpectedPacket),
            };
        }
        // SFTP version 3 renames only onto a free name. Without OpenSSH's extension the old
        // file is removed first: in that instant a reader gets "not found" for this one file
        // (never half of it).
        if let Err(first) = self.sftp.rename(part, file).await {
            match self.sftp.remove(file).await {
                Ok(_) => {}
                Err(e) if missing(&e) => return Err(first),
                Err(e) => return Err(e),
            }
            self.sftp.rename(part, file).await?;
        }
        Ok(())
    }
}

/// Opens `at` (created or emptied), writes `bytes` with several requests in flight, closes it.
async fn write_whole(sftp: Arc<RawSftpSession>, at: &str, bytes: &[u8]) -> Result<(), SftpError> {
    let flags = OpenFlags::CREATE | OpenFlags::TRUNCATE | OpenFlags::WRITE;
    let handle = sftp.open(at, flags, FileAttributes::empty()).await?.handle;
    if bytes.len() <= CHUNK * IN_FLIGHT {
        // Most of a site's files: the writes and the close leave together, one round trip
        // saved. A host handles the requests on one handle in the order sent; one that did
        // not would fail a write (its handle closed), and the file would not be renamed.
        let mut requests: Vec<Request<'_>> = bytes
            .chunks(CHUNK)
            .enumerate()
            .map(|(i, chunk)| {
                let (sftp, handle) = (&sftp, handle.clone());
                Box::pin(async move { sftp.write(handle, (i * CHUNK) as u64, chunk.to_vec()).await.map(|_| ()) })
                    as Request<'_>
            })
            .collect();
        requests.push(Box::pin(async { sftp.close(handle.clone()).await.map(|_| ()) }));
        return in_order(requests).await;
    }
    let mut in_flight = tokio::task::JoinSet::new();
    let mut written = Ok(());
    for (i, chunk) in bytes.chunks(CHUNK).enumerate() {
        if in_flight.len() >= IN_FLIGHT
            && let Some(done) = in_flight.join_next().await
        {
            written = written.and(joined(done));
        }
        let (sftp, handle, data) = (sftp.clone(), handle.clone(), chunk.to_vec());
        in_flight.spawn(async move { sftp.write(handle, (i * CHUNK) as u64, data).await.map(|_| ()) });
    }
    while let Some(done) = in_flight.join_next().await {
        written = written.and(joined(done));
    }
    let closed = sftp.close(handle).await;
    written?;
    closed.map(|_| ())
}

/// One request to the host and its answer.
type Request<'a> = std::pin::Pin<Box<dyn Future<Output = Result<(), SftpError>> + Send + 'a>>;

/// Runs `requests` together, each sent in the order given (a request leaves when its future is
/// first polled); the first error once all are answered.
async fn in_order(mut requests: Vec<Request<'_>>) -> Result<(), SftpError> {
    let mut answers: Vec<Option<Result<(), SftpError>>> = requests.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut waiting = false;
        for (request, answer) in requests.iter_mut().zip(answers.iter_mut()) {
            if answer.is_none() {
                match request.as_mut().poll(cx) {
                    std::task::Poll::Ready(a) => *answer = Some(a),
                    std::task::Poll::Pending => waiting = true,
                }
            }
        }
        if waiting { std::task::Poll::Pending } else { std::task::Poll::Ready(()) }
    })
    .await;
    answers.into_iter().flatten().collect()
}

/// The result of a write task.
fn joined(done: Result<Result<(), SftpError>, tokio::task::JoinError>) -> Result<(), SftpError> {
    done.map_err(|e| SftpError::UnexpectedBehavior(e.to_string()))?
}

/// Every file under the remote folder `root`, by site path, with its size. Several folders are
/// read at once: a site has a folder per article, and each read waits on the network.
async fn list_all(sftp: Arc<RawSftpSession>, root: String) -> Result<Vec<(String, u64, Option<u128>)>, SftpError> {
    let mut files = Vec::new();
    let mut waiting = std::collections::VecDeque::from([(root, String::new())]);
    let mut reading = tokio::task::JoinSet::new();
    loop {
        while reading.len() < IN_FLIGHT
            && let Some((dir, rel)) = waiting.pop_front()
        {
            let sftp = sftp.clone();
            reading.spawn(async move {
                match read_dir(sftp, dir.clone()).await {
                    Ok(entries) => Ok((dir, rel, entries)),
                    // A folder deleted while it was listed holds nothing (the root must be there).
                    Err(e) if missing(&e) && !rel.is_empty() => Ok((dir, rel, Vec::new())),
                    Err(e) => Err(e),
                }
            });
        }
        let Some(done) = reading.join_next().await else { break };
        let (dir, rel, entries) = done.map_err(|e| SftpError::UnexpectedBehavior(e.to_string()))??;
        for (name, attrs) in entries {
            if name == "." || name == ".." {
                continue;
            }
            let path = format!("{rel}{name}");
            let kind = attrs.file_type();
            if kind.is_dir() {
                waiting.push_back((format!("{}/{name}", dir.trim_end_matches('/')), format!("{path}/")));
            } else if kind.is_file() && path != MANIFEST && !is_temporary(&path) {
                files.push((path, attrs.len(), None));
            }
        }
    }
    Ok(files)
}

/// The entries of the remote folder `dir`: name and attributes.
async fn read_dir(sftp: Arc<RawSftpSession>, dir: String) -> Result<Vec<(String, FileAttributes)>, SftpError> {
    let handle = sftp.opendir(dir).await?.handle;
    let mut entries = Vec::new();
    let read = loop {
        match sftp.readdir(handle.as_str()).await {
            Ok(name) => entries.extend(name.files.into_iter().map(|f| (f.filename, f.attrs))),
            Err(SftpError::Status(s)) if s.status_code == StatusCode::Eof => break Ok(()),
            Err(e) => break Err(e),
        }
    };
    let closed = sftp.close(handle).await;
    read?;
    closed?;
    Ok(entries)
}

/// The whole file `at`, or `None` if there is none.
async fn read_whole(sftp: Arc<RawSftpSession>, at: String) -> Result<Option<Vec<u8>>, SftpError> {
    let handle = match sftp.open(at, OpenFlags::READ, FileAttributes::empty()).await {
        Ok(h) => h.handle,
        Err(e) if missing(&e) => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut bytes = Vec::new();
    let read = loop {
        match sftp.read(handle.as_str(), bytes.len() as u64, CHUNK as u32).await {
            Ok(data) if data.data.is_empty() => break Ok(()),
            Ok(data) => bytes.extend_from_slice(&data.data),
            Err(SftpError::Status(s)) if s.status_code == StatusCode::Eof => break Ok(()),
            Err(e) => break Err(e),
        }
    };
    let closed = sftp.close(handle).await;
    read?;
    closed?;
    Ok(Some(bytes))
}

impl Connection for Session {
    fn manifest(&mut self) -> Result<Option<String>, Fault> {
        let at = self.remote(MANIFEST);
        let bytes = self.run(read_whole(self.sftp.clone(), at)).map_err(|e| sftp_fault(&e).at(MANIFEST))?;
        Ok(bytes.map(|b| String::from_utf8_lossy(&b).into_owned()))
    }

    fn listing(&mut self) -> Result<Vec<(String, u64, Option<u128>)>, Fault> {
        match self.run(list_all(self.sftp.clone(), self.remote(""))) {
            Ok(files) => Ok(files),
            // A first deploy to a folder not made yet.
            Err(e) if missing(&e) => Ok(Vec::new()),
            Err(e) => Err(sftp_fault(&e)),
        }
    }

    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), Fault> {
        check_path(path)?;
        self.place(path, bytes)
    }

    fn delete(&mut self, path: &str) -> Result<(), Fault> {
        check_path(path)?;
        let sftp = self.sftp.clone();
        match self.run(sftp.remove(self.remote(path))) {
            Ok(_) => {}
            Err(e) if missing(&e) => {}
            Err(e) => return Err(sftp_fault(&e).at(path)),
        }
        // The folders it leaves empty go too (a deleted article's folder); the first that is
        // not empty stops it (OpenSSH refuses to remove it).
        let mut dir = path;
        while let Some((parent, _)) = dir.rsplit_once('/') {
            let remote = self.remote(parent);
            if self.run(sftp.rmdir(remote.as_str())).is_err() {
                break;
            }
            self.made.remove(&remote);
            dir = parent;
        }
        Ok(())
    }

    fn put_manifest(&mut self, text: &str) -> Result<(), Fault> {
        self.place(MANIFEST, text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_path_after_the_host_is_absolute_and_tilde_is_the_login_folder() {
        assert_eq!(root_of("var/www/bantin"), "/var/www/bantin");
        assert_eq!(root_of("~/public_html"), "public_html");
        assert_eq!(root_of("~"), ".");
        assert_eq!(root_of(""), ".");
    }

    #[test]
    fn an_address_needs_a_user_and_knows_only_its_options() {
        let a = Address::parse("sftp://toa-soan@host.example.vn:2222/srv/www?known_hosts=/etc/bantin/known_hosts");
        let s = Sftp::open(&a.unwrap()).unwrap();
        assert_eq!((s.port, s.root.as_str()), (2222, "/srv/www"));
        assert_eq!(s.known_hosts, PathBuf::from("/etc/bantin/known_hosts"));
        assert!(Sftp::open(&Address::parse("sftp://host.example.vn/www").unwrap()).is_err());
        assert!(Sftp::open(&Address::parse("sftp://u@host.example.vn/www?port=22").unwrap()).is_err());
        assert_eq!(Sftp::open(&Address::parse("sftp://u@h/www").unwrap()).unwrap().port, 22);
    }

    #[test]
    fn sftp_statuses_are_sorted_by_what_the_editor_can_do() {
        let status = |code, words: &str| {
            SftpError::Status(russh_sftp::protocol::Status {
                id: 1,
                status_code: code,
                error_message: words.to_string(),
                language_tag: "en".to_string(),
            })
        };
        assert_eq!(sftp_fault(&status(StatusCode::PermissionDenied, "Permission denied")).kind, FaultKind::Denied);
        assert_eq!(sftp_fault(&status(StatusCode::Failure, "No space left on device")).kind, FaultKind::Full);
        assert_eq!(sftp_fault(&status(StatusCode::Failure, "Failure")).kind, FaultKind::Refused);
        assert_eq!(sftp_fault(&status(StatusCode::ConnectionLost, "")).kind, FaultKind::Dropped);
        assert_eq!(sftp_fault(&SftpError::Timeout).kind, FaultKind::Dropped);
        assert!(missing(&status(StatusCode::NoSuchFile, "No such file")));
    }
}
