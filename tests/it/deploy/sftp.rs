//! `bantin deploy` over SSH (`sftp://`), against OpenSSH's sshd on 127.0.0.1, started by each
//! test with its own host key, user key and `known_hosts`: the round trip every protocol
//! passes; the 1,000-article corpus landing whole even when the server is killed mid-upload;
//! an unknown or changed host key, a wrong user key and a read-only folder stopping the
//! deploy with what to do, before anything is sent or deleted; a key of ssh-agent.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::servers::{self, Server, free_port, log_file, wait_for};
use super::{built, corpus, count, deploy_with, published, round_trip, site};

const SSHD: &str = "/usr/sbin/sshd";

/// Whether the test can run: an sshd and ssh-keygen, or a machine told to skip.
fn ready(test: &str) -> bool {
    let keygen = Command::new("ssh-keygen").arg("-?").stderr(Stdio::null()).status().is_ok();
    let present = Path::new(SSHD).exists() && keygen;
    !servers::unavailable(test, present, "OpenSSH's server and ssh-keygen (apt-get install openssh-server)")
}

/// The keys of one test: the host's, the user's (authorised), another user key (not
/// authorised), and a `known_hosts` file.
struct Keys {
    dir: tempfile::TempDir,
}

impl Keys {
    fn new() -> Keys {
        let dir = tempfile::tempdir().unwrap();
        for name in ["host", "user", "other"] {
            let made = Command::new("ssh-keygen")
                .args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"])
                .arg(dir.path().join(name))
                .output()
                .unwrap();
            assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
        }
        std::fs::copy(dir.path().join("user.pub"), dir.path().join("authorized_keys")).unwrap();
        Keys { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes `known_hosts` with `key` (`host.pub`, `other.pub`) for each of `ports`.
    fn know(&self, key: &str, ports: &[u16]) {
        let public = std::fs::read_to_string(self.path(key)).unwrap();
        let public: Vec<&str> = public.split_whitespace().take(2).collect();
        let lines: String = ports.iter().map(|port| format!("[127.0.0.1]:{port} {}\n", public.join(" "))).collect();
        std::fs::write(self.path("known_hosts"), lines).unwrap();
    }

    /// The address of `folder` on the sshd at `port`.
    fn url(&self, port: u16, folder: &Path) -> String {
        let user = Command::new("id").arg("-un").output().unwrap();
        let user = String::from_utf8_lossy(&user.stdout).trim().to_string();
        format!("sftp://{user}@127.0.0.1:{port}{}?known_hosts={}", folder.display(), self.path("known_hosts").display())
    }

    /// The environment of a deploy that logs in with `key` (`user`, `other`).
    fn env(&self, key: &str) -> Vec<(&'static str, String)> {
        vec![("BANTIN_DEPLOY_KEY", self.path(key).display().to_string()), ("BANTIN_DEPLOY_PASSWORD", String::new())]
    }

    /// The host key's fingerprint, as `ssh-keygen -l` says it (`SHA256:…`).
    fn fingerprint(&self) -> String {
        let out = Command::new("ssh-keygen").arg("-lf").arg(self.path("host.pub")).output().unwrap();
        String::from_utf8_lossy(&out.stdout).split_whitespace().nth(1).unwrap().to_string()
    }
}

/// Starts sshd on `port` with `sftp` as its SFTP subsystem (`internal-sftp`, or
/// `internal-sftp -R` for a read-only one).
fn sshd(keys: &Keys, port: u16, sftp: &str) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("sshd_config");
    std::fs::write(
        &config,
        format!(
            "Port {port}\nListenAddress 127.0.0.1\nHostKey {host}\nPidFile {pid}\nAuthorizedKeysFile {auth}\n\
             PasswordAuthentication no\nKbdInteractiveAuthentication no\nPubkeyAuthentication yes\nUsePAM no\n\
             StrictModes no\nPermitRootLogin prohibit-password\nSubsystem sftp {sftp}\n",
            host = keys.path("host").display(),
            pid = dir.path().join("sshd.pid").display(),
            auth = keys.path("authorized_keys").display(),
        ),
    )
    .unwrap();
    // sshd insists on its privilege-separation folder, which a container may lack.
    let _ = std::fs::create_dir_all("/run/sshd");
    let (log, file) = log_file(&dir, "sshd.log");
    let mut child =
        Command::new(SSHD).args(["-D", "-e", "-f"]).arg(&config).stdout(Stdio::null()).stderr(file).spawn().unwrap();
    wait_for(port, &mut child, &log);
    Server { child, port, log, _dirs: vec![dir] }
}

/// Kills sshd and every session it started, at once (`Server::kill` would stop only the
/// listener: sshd's sessions are processes of their own).
fn kill_with_sessions(server: &mut Server) {
    let mut all = vec![server.child.id()];
    // Stopped first, so that none forks while the family is counted.
    loop {
        signal(&all, libc::SIGSTOP);
        let more = descendants(&all);
        if more.len() == all.len() {
            break;
        }
        all = more;
    }
    signal(&all, libc::SIGKILL);
    server.kill();
}

/// Sends `signal` to the processes `pids`.
fn signal(pids: &[u32], signal: libc::c_int) {
    for &pid in pids {
        let Ok(pid) = libc::pid_t::try_from(pid) else { continue };
        // SAFETY: kill(2) takes any pid and signal; one already gone is an error, ignored.
        unsafe { libc::kill(pid, signal) };
    }
}

/// `roots` and every process below them.
fn descendants(roots: &[u32]) -> Vec<u32> {
    let mut parents = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else { continue };
        // `pid (name) state ppid …`: the name may hold spaces, so read after its `)`.
        let after = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or_default();
        if let Some(ppid) = after.split_whitespace().nth(1).and_then(|p| p.parse::<u32>().ok()) {
            parents.push((pid, ppid));
        }
    }
    let mut all = roots.to_vec();
    let mut grew = true;
    while grew {
        grew = false;
        for &(pid, ppid) in &parents {
            if all.contains(&ppid) && !all.contains(&pid) {
                all.push(pid);
                grew = true;
            }
        }
    }
    all
}

fn env<'a>(pairs: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    pairs.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[test]
fn an_sftp_target_holds_exactly_the_site_and_only_changes_travel() {
    if !ready("deploy::sftp round trip") {
        return;
    }
    let keys = Keys::new();
    let server = sshd(&keys, free_port(), "internal-sftp");
    keys.know("host.pub", &[server.port]);
    let host = tempfile::tempdir().unwrap();
    // A folder that does not exist yet, two levels down.
    let www = host.path().join("srv/www");
    let to = keys.url(server.port, &www);
    let pairs = keys.env("user");
    round_trip(&site(), &to, &env(&pairs), &|| published(&www));
    assert!(www.join(".bantin-deploy").exists(), "{}", server.log());
}

#[test]
fn an_unknown_or_changed_host_key_and_a_wrong_user_key_stop_the_deploy_before_anything_changes() {
    if !ready("deploy::sftp trust and login") {
        return;
    }
    let keys = Keys::new();
    let server = sshd(&keys, free_port(), "internal-sftp");
    let host = tempfile::tempdir().unwrap();
    let www = host.path().join("www");
    let (site, to, pairs) = (site(), keys.url(server.port, &www), keys.env("user"));
    let args = ["deploy", "--to", to.as_str()];

    std::fs::write(keys.path("known_hosts"), "").unwrap();
    let out = site.run_with(&args, &env(&pairs));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("chưa biết khóa máy chủ") && err.contains(&keys.fingerprint()), "{err}");
    assert!(err.contains(&format!("ssh-keyscan -p {} 127.0.0.1 >> ", server.port)), "{err}");
    assert!(!www.exists(), "nothing is sent to a host bantin does not know");

    keys.know("other.pub", &[server.port]);
    let out = site.run_with(&args, &env(&pairs));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("CẢNH BÁO") && err.contains("tấn công xen giữa") && err.contains("dòng 1"), "{err}");
    assert!(!www.exists(), "nothing is sent to a host whose key changed");

    keys.know("host.pub", &[server.port]);
    deploy_with(&site, &["--to", &to], &env(&pairs));
    let before = published(&www);
    site.remove("content/tin/c.md");
    let out = site.run_with(&args, &env(&keys.env("other")));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("không cho đăng nhập") && err.contains("other"), "{err}");
    assert_eq!(published(&www), before, "nothing is deleted");

    // Without BANTIN_DEPLOY_KEY, the keys of ssh-agent (none in this HOME's ~/.ssh).
    let agent = Agent::holding(&keys.path("user"));
    let home = tempfile::tempdir().unwrap();
    let home = home.path().display().to_string();
    let by_agent = [("BANTIN_DEPLOY_KEY", ""), ("SSH_AUTH_SOCK", agent.socket.as_str()), ("HOME", home.as_str())];
    deploy_with(&site, &["--to", &to], &by_agent);
    assert_eq!(published(&www), built(&site), "logged in with the agent's key");
}

/// An ssh-agent of the test's own, holding one key; stopped when dropped.
struct Agent {
    child: std::process::Child,
    socket: String,
    _dir: tempfile::TempDir,
}

impl Agent {
    fn holding(key: &Path) -> Agent {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("agent.sock").display().to_string();
        let mut child = Command::new("ssh-agent").args(["-D", "-a", &socket]).stdout(Stdio::null()).spawn().unwrap();
        let start = Instant::now();
        while !Path::new(&socket).exists() {
            assert!(child.try_wait().unwrap().is_none() && start.elapsed() < Duration::from_secs(10), "ssh-agent");
            std::thread::sleep(Duration::from_millis(10));
        }
        let added = Command::new("ssh-add").arg("-q").arg(key).env("SSH_AUTH_SOCK", &socket).output().unwrap();
        assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
        Agent { child, socket, _dir: dir }
    }
}

impl Drop for Agent {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn a_read_only_folder_is_denied_and_nothing_is_deleted() {
    if !ready("deploy::sftp read-only") {
        return;
    }
    let keys = Keys::new();
    let writable = sshd(&keys, free_port(), "internal-sftp");
    let read_only = sshd(&keys, free_port(), "internal-sftp -R");
    keys.know("host.pub", &[writable.port, read_only.port]);
    let host = tempfile::tempdir().unwrap();
    let www = host.path().join("www");
    let (site, pairs) = (site(), keys.env("user"));
    deploy_with(&site, &["--to", &keys.url(writable.port, &www)], &env(&pairs));
    let before = published(&www);
    site.write("content/tin/a.md", &crate::util::article("Bài A", "2023-04-06", "", "Một, sửa lại."));
    site.remove("content/tin/c.md");
    let out = site.run_with(&["deploy", "--to", &keys.url(read_only.port, &www)], &env(&pairs));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("không cho ghi hay xóa") && err.contains("Permission denied"), "{err}");
    assert_eq!(published(&www), before, "nothing is changed or deleted");
}

#[test]
fn the_corpus_lands_whole_even_when_the_server_is_killed_mid_upload() {
    if !ready("deploy::sftp corpus") {
        return;
    }
    let site = corpus();
    let keys = Keys::new();
    let port = free_port();
    let mut server = sshd(&keys, port, "internal-sftp");
    keys.know("host.pub", &[port]);
    let host = tempfile::tempdir().unwrap();
    let www = host.path().join("www");
    let to = keys.url(port, &www);
    let pairs = keys.env("user");

    let logs = tempfile::tempdir().unwrap();
    let (err_path, err_file) = log_file(&logs, "deploy.err");
    let mut deploy = Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args(["deploy", "--to", &to, "--root"])
        .arg(site.root())
        .envs(env(&pairs))
        .stdout(Stdio::null())
        .stderr(err_file)
        .spawn()
        .unwrap();
    let start = Instant::now();
    while landed(&www) < 100 {
        if let Some(status) = deploy.try_wait().unwrap() {
            let err = std::fs::read_to_string(&err_path).unwrap_or_default();
            panic!("the deploy ended ({status}) before the server was killed: {err}\n{}", server.log());
        }
        assert!(start.elapsed() < Duration::from_secs(120), "nothing landed:\n{}", server.log());
        std::thread::sleep(Duration::from_millis(10));
    }
    kill_with_sessions(&mut server);
    let status = deploy.wait().unwrap();
    let err = std::fs::read_to_string(&err_path).unwrap();
    assert!(!status.success(), "a deploy whose server died fails: {err}");
    assert!(err.contains(&format!("127.0.0.1:{port}")) && err.contains("bantin deploy"), "{err}");
    assert!(published(&www).len() < built(&site).len(), "it was stopped half-way");

    let server = sshd(&keys, port, "internal-sftp");
    let finished = deploy_with(&site, &["--to", &to], &env(&pairs));
    let (held, site_files) = (published(&www), built(&site));
    assert_eq!(held.keys().collect::<Vec<_>>(), site_files.keys().collect::<Vec<_>>(), "{finished}");
    assert!(held == site_files, "the same bytes");
    let again = deploy_with(&site, &["--to", &to], &env(&pairs));
    assert_eq!(count(&again, " tệp đã gửi"), 0, "a second deploy sends nothing: {again}\n{}", server.log());

    // Without its manifest the target is listed, folder by folder: a page put there by hand
    // is found, kept, and deleted with its folders when asked (--delete-others).
    std::fs::remove_file(www.join(".bantin-deploy")).unwrap();
    std::fs::create_dir_all(www.join("cu/bai")).unwrap();
    std::fs::write(www.join("cu/bai/index.html"), "cũ").unwrap();
    let listed = deploy_with(&site, &["--to", &to], &env(&pairs));
    assert!(www.join("cu/bai/index.html").exists(), "a file bantin never sent is kept: {listed}");
    let listed = deploy_with(&site, &["--to", &to, "--delete-others"], &env(&pairs));
    assert_eq!(count(&listed, " tệp đã xóa"), 1, "{listed}");
    assert!(!www.join("cu").exists(), "{listed}");
    assert!(published(&www) == built(&site), "{listed}");
}

/// How many files are in `folder` and below.
fn landed(folder: &Path) -> usize {
    walkdir::WalkDir::new(folder).into_iter().flatten().filter(|e| e.file_type().is_file()).count()
}
