//! `bantin deploy` to S3 (`s3://bucket/prefix?endpoint=…`), against moto's S3 server on
//! 127.0.0.1: the round trip under a prefix (and nothing outside it touched); the
//! 1,000-article site byte for byte, with each object's type and caching, the manifest
//! private; a missing bucket, missing and wrong keys, an unknown certificate said with what to do; a store that dies
//! mid-upload stops the deploy with a clear message, and the next deploy makes a fresh store
//! hold exactly the site.

use std::collections::BTreeMap;
use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::servers::{Server, free_port, log_file, python, require_python, wait_for};
use super::{built, corpus, count, deploy_with, round_trip, site};
use crate::util::{TestSite, tree};

/// Keys moto takes (it checks none unless told to).
const KEYS: [(&str, &str); 2] = [("AWS_ACCESS_KEY_ID", "bantin-test"), ("AWS_SECRET_ACCESS_KEY", "bantin-test-secret")];

/// What the tests ask of the store beside bantin, with boto3 (installed with moto):
/// `create BUCKET [KEY…]` makes the bucket (and these objects); `read BUCKET PREFIX DIR`
/// writes every object under PREFIX to DIR/files and their headers to DIR/heads.json;
/// `differ BUCKET DIR` prints the paths where the bucket and the folder DIR differ (by size
/// and MD5, which moto gives as each object's ETag); `acl BUCKET KEY` prints the object's
/// grants.
const CLIENT: &str = r#"
import boto3, json, os, sys
from concurrent.futures import ThreadPoolExecutor
cmd, endpoint, bucket = sys.argv[1:4]
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                  aws_access_key_id="bantin-test", aws_secret_access_key="bantin-test-secret")
if cmd == "create":
    s3.create_bucket(Bucket=bucket)
    for key in sys.argv[4:]:
        s3.put_object(Bucket=bucket, Key=key, Body=b"not the site's")
elif cmd == "read":
    prefix, out = sys.argv[4], sys.argv[5]
    keys = [o["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
            for o in page.get("Contents", [])]
    def get(key):
        r = s3.get_object(Bucket=bucket, Key=key)
        path = os.path.join(out, "files", key[len(prefix):])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(r["Body"].read())
        return key[len(prefix):], [r.get("ContentType"), r.get("CacheControl")]
    with ThreadPoolExecutor(8) as pool:
        heads = dict(pool.map(get, keys))
    with open(os.path.join(out, "heads.json"), "w") as f:
        json.dump(heads, f)
elif cmd == "differ":
    import hashlib
    root = sys.argv[4]
    there = {o["Key"]: (o["Size"], o["ETag"].strip('"'))
             for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket)
             for o in page.get("Contents", []) if o["Key"] != ".bantin-deploy"}
    here = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            key = os.path.relpath(path, root).replace(os.sep, "/")
            if not key.startswith(".bantin"):
                data = open(path, "rb").read()
                here[key] = (len(data), hashlib.md5(data).hexdigest())
    print("\n".join(sorted(k for k in set(here) | set(there) if here.get(k) != there.get(k))))
elif cmd == "acl":
    print(json.dumps(s3.get_object_acl(Bucket=bucket, Key=sys.argv[4])["Grants"]))
"#;

/// Starts moto's S3 server on `port` with `env` and `args` (a fresh, empty store).
fn start(port: u16, env: &[(&str, &str)], args: &[&str]) -> Server {
    require_python("moto.server");
    let dir = tempfile::tempdir().unwrap();
    let (log, file) = log_file(&dir, "moto.log");
    let mut child = Command::new(python())
        .args(["-m", "moto.server", "-H", "127.0.0.1", "-p", &port.to_string()])
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(file.try_clone().unwrap())
        .stderr(file)
        .spawn()
        .expect("moto starts");
    wait_for(port, &mut child, &log);
    Server { child, port, log, _dirs: vec![dir] }
}

fn moto_on(port: u16, env: &[(&str, &str)]) -> Server {
    start(port, env, &[])
}

fn moto() -> Server {
    moto_on(free_port(), &[])
}

/// Moto over TLS, with a certificate of its own making that no one vouches for.
fn moto_tls() -> Server {
    start(free_port(), &[], &["--ssl"])
}

fn endpoint(server: &Server) -> String {
    format!("http://127.0.0.1:{}", server.port)
}

/// The address of `bucket/prefix` on `server`.
fn url(server: &Server, bucket: &str, prefix: &str) -> String {
    format!("s3://{bucket}/{prefix}?endpoint={}&region=us-east-1", endpoint(server))
}

/// Runs the boto3 client with `args`, insisting that it succeeds; what it printed.
fn client(server: &Server, args: &[&str]) -> String {
    let out = Command::new(python())
        .args(["-c", CLIENT, args[0], &endpoint(server)])
        .args(&args[1..])
        .output()
        .expect("python runs");
    assert!(out.status.success(), "{}\n{}", String::from_utf8_lossy(&out.stderr), server.log());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What the store holds under `prefix` of `bucket`: each object's bytes and its
/// `Content-Type` and `Cache-Control`.
type Heads = BTreeMap<String, (Option<String>, Option<String>)>;

fn read(server: &Server, bucket: &str, prefix: &str) -> (BTreeMap<String, Vec<u8>>, Heads) {
    let dir = tempfile::tempdir().unwrap();
    client(server, &["read", bucket, prefix, dir.path().to_str().unwrap()]);
    let files = if dir.path().join("files").exists() { tree(&dir.path().join("files")) } else { BTreeMap::new() };
    let heads: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("heads.json")).unwrap()).unwrap();
    let text = |v: &serde_json::Value| v.as_str().map(str::to_string);
    let heads = heads.as_object().unwrap().iter().map(|(k, v)| (k.clone(), (text(&v[0]), text(&v[1])))).collect();
    (files, heads)
}

/// The site's files the store holds under `prefix`: all but the manifest.
fn published(server: &Server, bucket: &str, prefix: &str) -> BTreeMap<String, Vec<u8>> {
    let mut files = read(server, bucket, prefix).0;
    files.remove(".bantin-deploy");
    files
}

/// The status line of an anonymous GET of `path`.
fn anonymous_get(server: &Server, path: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer.lines().next().unwrap_or_default().to_string()
}

#[test]
fn an_s3_prefix_holds_exactly_the_site_and_nothing_beside_it_is_touched() {
    if super::servers::unavailable(
        "deploy::s3::round_trip",
        super::servers::has_python(&["moto.server", "boto3"]),
        "moto[server] in target/test-venv",
    ) {
        return;
    }
    let server = moto();
    // A neighbour whose name starts like the prefix: not the site's.
    client(&server, &["create", "bao", "www2/giu-lai.txt", "www-cu.txt"]);
    let site = site();
    // A file whose name needs encoding in a URL (and in the request's signature).
    site.write("static/tài liệu/báo cáo 2023 (bản cuối).txt", "Báo cáo năm 2023.");
    round_trip(&site, &url(&server, "bao", "www"), &KEYS, &|| published(&server, "bao", "www/"));
    let everything = read(&server, "bao", "").0;
    assert!(everything.contains_key("www2/giu-lai.txt") && everything.contains_key("www-cu.txt"), "{everything:?}");
    assert!(everything.contains_key("www/.bantin-deploy"));
}

#[test]
fn the_corpus_lands_byte_for_byte_with_its_headers_and_a_dead_store_stops_the_deploy() {
    if super::servers::unavailable(
        "deploy::s3::corpus",
        super::servers::has_python(&["moto.server", "boto3"]),
        "moto[server] in target/test-venv",
    ) {
        return;
    }
    let mut server = moto();
    client(&server, &["create", "bao"]);
    let site = corpus();
    let to = url(&server, "bao", "");
    let first = deploy_with(&site, &["--to", &to], &KEYS);
    let (mut held, heads) = read(&server, "bao", "");
    assert!(held.remove(".bantin-deploy").is_some(), "the manifest is there");
    let site_files = built(&site);
    assert_eq!(held.keys().collect::<Vec<_>>(), site_files.keys().collect::<Vec<_>>(), "{first}");
    assert!(held == site_files, "the same bytes");
    let head = |path: &str| heads.get(path).cloned().unwrap_or_else(|| panic!("{path} is not in the bucket"));
    let short = Some("public, max-age=300".to_string());
    let typed = |t: &str| (Some(t.to_string()), short.clone());
    assert_eq!(head("index.html"), typed("text/html; charset=utf-8"));
    assert_eq!(head("style.css"), typed("text/css; charset=utf-8"));
    assert_eq!(head("rss.xml"), typed("application/xml; charset=utf-8"));
    let script = site_files.keys().find(|p| p.ends_with(".js")).expect("a script");
    assert_eq!(head(script), typed("text/javascript; charset=utf-8"));
    let photo = site_files.keys().find(|p| p.ends_with(".webp")).expect("a photo");
    assert_eq!(head(photo), typed("image/webp"));
    assert_eq!(head(".bantin-deploy").1.as_deref(), Some("private, no-store"));
    // The manifest is the owner's alone.
    let grants = client(&server, &["acl", "bao", ".bantin-deploy"]);
    assert!(grants.contains("FULL_CONTROL") && !grants.contains("AllUsers"), "{grants}");
    assert!(anonymous_get(&server, "/bao/.bantin-deploy").contains("403"));
    let again = deploy_with(&site, &["--to", &to], &KEYS);
    assert_eq!(count(&again, " tệp đã gửi"), 0, "a second deploy sends nothing: {again}");

    // A fresh store on the same port, killed while the site is on its way.
    server.kill();
    let mut server = moto_on(server.port, &[]);
    client(&server, &["create", "bao"]);
    let start = Instant::now();
    let mut deploy = Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args(["deploy", "--to", &to, "--root"])
        .arg(site.root())
        .envs(KEYS)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    while server.log().matches("\"PUT /bao/").count() < 200 {
        assert!(start.elapsed() < Duration::from_secs(60), "the deploy never got going:\n{}", server.log());
        assert!(deploy.try_wait().unwrap().is_none(), "the deploy ended before the store died");
        std::thread::sleep(Duration::from_millis(20));
    }
    server.kill();
    let killed = Instant::now();
    let status = loop {
        if let Some(status) = deploy.try_wait().unwrap() {
            break status;
        }
        assert!(killed.elapsed() < Duration::from_secs(30), "the deploy hangs on a dead store");
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    deploy.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert!(!status.success());
    assert!(
        stderr.contains("Không kết nối được tới s3://bao/") || stderr.contains("Mất kết nối tới s3://bao/"),
        "{stderr}"
    );
    let server = moto_on(server.port, &[]);
    client(&server, &["create", "bao"]);
    deploy_with(&site, &["--to", &to], &KEYS);
    let differ = client(&server, &["differ", "bao", site.path("output").to_str().unwrap()]);
    assert_eq!(differ.trim(), "", "the next deploy makes the store hold exactly the site");
}

/// Runs a deploy that must fail; its standard error.
fn deploy_fails(site: &TestSite, to: &str, env: &[(&str, &str)]) -> String {
    let out = site.run_with(&["deploy", "--to", to], env);
    assert!(!out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_missing_bucket_and_missing_or_wrong_keys_are_said_with_what_to_do() {
    if super::servers::unavailable(
        "deploy::s3::faults",
        super::servers::has_python(&["moto.server", "boto3"]),
        "moto[server] in target/test-venv",
    ) {
        return;
    }
    let site = site();
    let server = moto();
    let err = deploy_fails(&site, &url(&server, "khong-co", "www"), &KEYS);
    assert!(err.contains("Không có bucket `khong-co`") && err.contains("hãy tạo bucket"), "{err}");
    let no_keys =
        [("AWS_ACCESS_KEY_ID", ""), ("AWS_SECRET_ACCESS_KEY", ""), ("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")];
    let err = deploy_fails(&site, &url(&server, "khong-co", "www"), &no_keys);
    assert!(err.contains("AWS_ACCESS_KEY_ID") && err.contains("AWS_SECRET_ACCESS_KEY"), "{err}");
    let err = deploy_fails(&site, &format!("{}&acl=public", url(&server, "bao", "")), &KEYS);
    assert!(err.contains("`acl`") && err.contains("endpoint, region, path_style"), "{err}");
    let err = deploy_fails(&site, "s3://bao/www?endpoint=http://s3.example.vn", &KEYS);
    assert!(err.contains("https://"), "{err}");
    // A store that checks keys, and keys it does not know.
    let strict = moto_on(free_port(), &[("INITIAL_NO_AUTH_ACTION_COUNT", "0")]);
    let err = deploy_fails(&site, &url(&strict, "bao", "www"), &KEYS);
    assert!(err.contains("không cho đăng nhập") && err.contains("InvalidAccessKeyId"), "{err}");
    // TLS is checked: a store whose certificate no one vouches for is not trusted.
    let unknown = moto_tls();
    let err = deploy_fails(&site, &format!("s3://bao/www?endpoint=https://127.0.0.1:{}", unknown.port), &KEYS);
    assert!(err.contains("Không chắc s3://bao/www đúng là máy chủ của bạn") && err.contains("certificate"), "{err}");
    assert!(!server.log().contains("PUT /") && !strict.log().contains("PUT /"), "nothing was sent");
}
