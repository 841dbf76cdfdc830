//! `bantin deploy` to FTP with TLS (`ftps://`), against pyftpdlib on 127.0.0.1 with a
//! certificate made for the test: the round trip, a 1,000-article corpus byte for byte, a
//! wrong password, a read-only account, an unknown certificate, and a server killed
//! mid-upload.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::servers::{self, Server};
use super::{built, corpus, count, deploy_with, published, round_trip, site};
use crate::util::{TestSite, article};

const SERVER: &str = r#"
import sys
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import TLS_FTPHandler
from pyftpdlib.servers import FTPServer
port, home, cert, key = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
a = DummyAuthorizer()
a.add_user("toa-soan", "mat-khau", home, perm="elradfmwMT")
a.add_user("chi-doc", "mat-khau", home, perm="elr")
h = TLS_FTPHandler
h.certfile, h.keyfile, h.authorizer = cert, key, a
h.tls_control_required = True
h.tls_data_required = True
FTPServer(("127.0.0.1", port), h).serve_forever()
"#;

const CERTIFICATE: &str = r#"
import sys, datetime, ipaddress
from cryptography import x509
from cryptography.x509.oid import NameOID, ExtendedKeyUsageOID
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
key = ec.generate_private_key(ec.SECP256R1())
name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
now = datetime.datetime.now(datetime.timezone.utc)
cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
    .serial_number(x509.random_serial_number())
    .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
    .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
    .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
    .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
    .sign(key, hashes.SHA256()))
open(sys.argv[1], "wb").write(cert.public_bytes(serialization.Encoding.PEM))
open(sys.argv[2], "wb").write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()))
"#;

/// An FTPS server: its home folder (the login folder of both accounts) and certificate.
struct Ftps {
    server: Server,
    home: PathBuf,
    cert: PathBuf,
    dir: tempfile::TempDir,
}

impl Ftps {
    fn start() -> Ftps {
        servers::require_python("pyftpdlib");
        servers::require_python("OpenSSL");
        let dir = tempfile::tempdir().unwrap();
        let (cert, key) = (dir.path().join("ftp.crt"), dir.path().join("ftp.key"));
        let made = Command::new(servers::python()).args(["-c", CERTIFICATE]).arg(&cert).arg(&key).output().unwrap();
        assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
        let home = dir.path().join("home");
        std::fs::create_dir_all(&home).unwrap();
        let server = Ftps::run(dir.path(), &home, servers::free_port());
        Ftps { server, home, cert, dir }
    }

    /// pyftpdlib serving `home` on `port`.
    fn run(dir: &Path, home: &Path, port: u16) -> Server {
        let log = dir.join(format!("ftp-{port}.log"));
        let mut child = Command::new(servers::python())
            .args(["-c", SERVER, &port.to_string()])
            .arg(home)
            .arg(dir.join("ftp.crt"))
            .arg(dir.join("ftp.key"))
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        servers::wait_for(port, &mut child, &log);
        Server { child, port, log, _dirs: Vec::new() }
    }

    /// The address of `folder` in the home folder, as `user`, trusting the test certificate.
    fn url(&self, user: &str, folder: &str) -> String {
        format!("ftps://{user}@127.0.0.1:{}/{folder}?ca_file={}", self.server.port, self.cert.display())
    }
}

/// What the FTP tests need, to install.
const PYTHON_SERVERS: &str = "pyftpdlib and pyopenssl in target/test-venv";

const PASSWORD: [(&str, &str); 1] = [("BANTIN_DEPLOY_PASSWORD", "mat-khau")];

#[test]
fn ftps_round_trip_and_a_thousand_articles_byte_for_byte() {
    if servers::unavailable(
        "ftps_round_trip_and_a_thousand_articles_byte_for_byte",
        servers::has_python(&["pyftpdlib", "OpenSSL"]),
        PYTHON_SERVERS,
    ) {
        return;
    }
    let ftp = Ftps::start();
    let www = ftp.home.join("www");
    round_trip(&site(), &ftp.url("toa-soan", "www"), &PASSWORD, &|| published(&www));

    let big = corpus();
    let to = ftp.url("toa-soan", "bao/www");
    let first = deploy_with(&big, &["--to", &to], &PASSWORD);
    assert_eq!(published(&ftp.home.join("bao/www")), built(&big), "{first}");
    let again = deploy_with(&big, &["--to", &to], &PASSWORD);
    assert_eq!(count(&again, " tệp đã gửi"), 0, "{again}");
    // Without its manifest, the target is listed (MLSD, folder by folder): a page put there by
    // hand is kept, then deleted with its folders when asked; the host's .htaccess stays.
    let root = ftp.home.join("bao/www");
    std::fs::remove_file(root.join(".bantin-deploy")).unwrap();
    std::fs::create_dir_all(root.join("cu/bai")).unwrap();
    std::fs::write(root.join("cu/bai/index.html"), "cũ").unwrap();
    std::fs::write(root.join(".htaccess"), "Options -Indexes").unwrap();
    let out = big.run_with(&["deploy", "--to", &to], &PASSWORD);
    let (said, warned) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(
        said.contains("lần đăng đầu") && warned.contains("1 tệp") && warned.contains("--delete-others"),
        "{warned}"
    );
    assert!(root.join("cu/bai/index.html").exists(), "a file bantin never sent is kept");
    let listed = deploy_with(&big, &["--to", &to, "--delete-others"], &PASSWORD);
    assert!(!root.join("cu").exists(), "{listed}");
    assert!(root.join(".htaccess").exists(), "the host's own hidden files are never deleted");
    let mut held = published(&root);
    held.remove(".htaccess");
    assert_eq!(held, built(&big), "{listed}");
}

#[test]
fn a_wrong_password_a_read_only_account_no_server_and_an_unknown_certificate_are_said_and_delete_nothing() {
    if servers::unavailable(
        "a_wrong_password_a_read_only_account_and_an_unknown_certificate",
        servers::has_python(&["pyftpdlib", "OpenSSL"]),
        PYTHON_SERVERS,
    ) {
        return;
    }
    let ftp = Ftps::start();
    let site = site();
    let to = ftp.url("toa-soan", "www");
    deploy_with(&site, &["--to", &to], &PASSWORD);
    let before = published(&ftp.home.join("www"));
    site.remove("content/tin/c.md");
    site.write("content/tin/a.md", &article("Bài A", "2023-04-06", "", "Một, sửa lại."));

    let failed = |to: &str, env: &[(&str, &str)]| -> String {
        let out = site.run_with(&["deploy", "--to", to], env);
        assert!(!out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
        assert_eq!(published(&ftp.home.join("www")), before, "nothing sent, nothing deleted");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let err = failed(&to, &[("BANTIN_DEPLOY_PASSWORD", "sai")]);
    assert!(err.contains("không cho đăng nhập") && err.contains("BANTIN_DEPLOY_PASSWORD"), "{err}");
    let err = failed(&to, &[]);
    assert!(err.contains("không cho đăng nhập") && err.contains("BANTIN_DEPLOY_PASSWORD"), "{err}");
    let err = failed(&ftp.url("chi-doc", "www"), &PASSWORD);
    assert!(err.contains("không cho ghi hay xóa") && err.contains("chưa tệp nào bị xóa"), "{err}");
    let nobody = format!("ftps://toa-soan@127.0.0.1:{}/www", servers::free_port());
    let err = failed(&nobody, &PASSWORD);
    assert!(err.contains("Không kết nối được tới") && err.contains("cổng"), "{err}");
    let no_ca = format!("ftps://toa-soan@127.0.0.1:{}/www", ftp.server.port);
    let err = failed(&no_ca, &PASSWORD);
    assert!(err.contains("Không chắc") && err.contains("chưa gửi gì"), "{err}");
}

#[test]
fn a_server_killed_mid_upload_then_the_next_deploy_converges() {
    if servers::unavailable(
        "a_server_killed_mid_upload_then_the_next_deploy_converges",
        servers::has_python(&["pyftpdlib", "OpenSSL"]),
        PYTHON_SERVERS,
    ) {
        return;
    }
    let mut ftp = Ftps::start();
    let big: TestSite = corpus();
    big.build_ok(&[]);
    let to = ftp.url("toa-soan", "www");
    let www = ftp.home.join("www");
    let deploy = Command::new(assert_cmd::cargo::cargo_bin("bantin"))
        .args(["deploy", "--to", &to, "--root"])
        .arg(big.root())
        .env("BANTIN_DEPLOY_PASSWORD", "mat-khau")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until some files have landed, then the host goes away.
    let start = Instant::now();
    while landed(&ftp.home) < 150 {
        assert!(start.elapsed() < Duration::from_secs(60), "nothing landed: {}", ftp.server.log());
        std::thread::sleep(Duration::from_millis(20));
    }
    ftp.server.kill();
    let out = deploy.wait_with_output().unwrap();
    assert!(!out.status.success(), "the deploy says it failed");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("127.0.0.1") && err.contains("lần chạy `bantin deploy` sau sẽ gửi nốt"), "{err}");
    // The host comes back: the next deploy finishes the job.
    ftp.server = Ftps::run(ftp.dir.path(), &ftp.home, ftp.server.port);
    let done = deploy_with(&big, &["--to", &to], &PASSWORD);
    let mut held = published(&www);
    held.retain(|path, _| !path.ends_with(".bantin-part"));
    assert_eq!(held, built(&big), "{done}");
}

/// How many files are in `dir` now (while a deploy renames them).
fn landed(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()).count()
}
