//! Real servers on 127.0.0.1 for the deploy tests (FTP with TLS, SFTP, S3), each started by
//! the test that needs it on a free port and stopped when it ends. What they need is
//! installed by `.ci/run`: Debian's openssh-server, and pyftpdlib, pyopenssl and moto in the
//! Python of `target/test-venv` (or `BANTIN_TEST_PYTHON`).
//!
//! A missing server program fails the test with what to install. Setting
//! `BANTIN_TEST_SERVERS=skip` skips these tests instead, by name, on a machine that cannot
//! run them (never in CI).

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::repo;

/// A server process, stopped (killed) when dropped.
pub struct Server {
    pub child: Child,
    pub port: u16,
    /// What it writes, for the test's failure messages.
    pub log: PathBuf,
    /// Folders it owns, removed with it.
    pub _dirs: Vec<tempfile::TempDir>,
}

impl Server {
    /// Kills the server at once (a host that goes away mid-upload).
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// What the server wrote so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Whether the server tests are to be skipped on this machine (said on stderr).
pub fn skipped(test: &str) -> bool {
    let skip = std::env::var("BANTIN_TEST_SERVERS").is_ok_and(|v| v == "skip");
    if skip {
        assert!(std::env::var("CI").is_err(), "BANTIN_TEST_SERVERS=skip is not allowed in CI");
        eprintln!("skipped (BANTIN_TEST_SERVERS=skip): {test}");
    }
    skip
}

/// Whether `test` cannot run here: told to skip, or what it needs (`what`, to install) is not
/// `present`. Outside CI a missing server skips the test and says what to install, as the
/// Chromium tests do; in CI (`CI` set, where `.ci/run` installs everything) it fails.
pub fn unavailable(test: &str, present: bool, what: &str) -> bool {
    if skipped(test) {
        return true;
    }
    if present {
        return false;
    }
    assert!(std::env::var("CI").is_err(), "{test} needs {what}: .ci/run installs it");
    eprintln!("skipped: {test} needs {what} (`bash .ci/run` installs it once)");
    true
}

/// Whether the Python of the test servers can import every one of `modules`.
pub fn has_python(modules: &[&str]) -> bool {
    Command::new(python())
        .args(["-c", &format!("import {}", modules.join(", "))])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// A port nobody listens on now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Waits until something accepts connections on `port` (at most 20 s), or panics with `log`.
pub fn wait_for(port: u16, server: &mut Child, log: &std::path::Path) {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
            return;
        }
        if let Ok(Some(status)) = server.try_wait() {
            panic!("the test server stopped ({status}):\n{}", std::fs::read_to_string(log).unwrap_or_default());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("the test server never listened on {port}:\n{}", std::fs::read_to_string(log).unwrap_or_default());
}

/// The Python that has the test servers' packages: `BANTIN_TEST_PYTHON`, else the one
/// `.ci/run` installs into `target/test-venv`, else `python3`.
#[allow(dead_code, reason = "used by the FTP and S3 tests, on their branches")]
pub fn python() -> PathBuf {
    if let Ok(p) = std::env::var("BANTIN_TEST_PYTHON") {
        return PathBuf::from(p);
    }
    let venv = repo().join("target/test-venv/bin/python");
    if venv.exists() { venv } else { PathBuf::from("python3") }
}

/// Panics, saying what to install, unless `python` can import `module`.
#[allow(dead_code, reason = "used by the FTP and S3 tests, on their branches")]
pub fn require_python(module: &str) {
    let ok = Command::new(python())
        .args(["-c", &format!("import {module}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        ok,
        "the deploy tests need the Python module `{module}` in {}: run `bash .ci/run` once (it makes \
         target/test-venv), or `python3 -m venv target/test-venv && target/test-venv/bin/pip install \
         pyftpdlib pyopenssl 'moto[server]'`; or set BANTIN_TEST_SERVERS=skip",
        python().display()
    );
}

/// A file for a server's output.
pub fn log_file(dir: &tempfile::TempDir, name: &str) -> (PathBuf, std::fs::File) {
    let path = dir.path().join(name);
    let file = std::fs::File::create(&path).unwrap();
    (path, file)
}
