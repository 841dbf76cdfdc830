//! `s3://bucket/prefix?endpoint=https://…&region=…&path_style=…`: a bucket on Amazon S3 or on
//! a store that speaks its protocol (VNG Cloud vStorage, Bizfly Cloud, FPT Object Storage,
//! Cloudflare R2, MinIO). The one module that knows the `rust-s3` crate.
//!
//! - `endpoint`: the store's address, `https://…` (`http://` only to this machine, as a test
//!   server is). Absent: Amazon S3 itself, `https://s3.<region>.amazonaws.com`.
//! - `region`: the region the store signs with; `us-east-1` unless given (MinIO and R2 take
//!   it; other stores name theirs in their console).
//! - `path_style`: `true` puts the bucket in the path (`https://host/bucket/key`), `false` in
//!   the host name (`https://bucket.host/key`). The default is path style for an `endpoint`
//!   (every S3-compatible store takes it, and MinIO needs it) and for a bucket with a dot in
//!   its name (no certificate covers `a.b.s3.amazonaws.com`), the bucket's own host name on
//!   Amazon otherwise (where path style is being retired).
//!
//! The keys are never in site.yaml: `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` (and
//! `AWS_SESSION_TOKEN` for temporary keys) in the environment, else the profile `AWS_PROFILE`
//! (or `default`) of `~/.aws/credentials`. They need to list the bucket and to get, put
//! (with an ACL) and delete objects under the prefix.
//!
//! Each file is one PUT: a store makes an object visible only once all its bytes arrived,
//! so no temporary name is needed (unlike a folder or FTP). The site's objects get a
//! `Content-Type` from their extension and a `Cache-Control` ([`cache_control`]). The
//! manifest (`<prefix>/.bantin-deploy`) is put with a private ACL where the store has ACLs;
//! a bucket policy that lets everyone read `*` still shows it: such a policy should name
//! the site's keys, or deny `<prefix>/.bantin-deploy` (README.md, Publishing).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use s3::bucket::Bucket;
use s3::creds::Credentials;
use s3::error::S3Error;
use s3::region::Region;

use super::target::{Address, Connection, Fault, FaultKind, MANIFEST, Target, check_path, is_temporary};
use crate::base::error::Error;
use crate::msg;

/// How long a request may take in all: this much, plus a second for every 16 KB sent (a
/// photo sent beside seven others on a slow uplink is not cut short). A store that goes
/// silent is noticed sooner: the HTTP client gives up on a connection or a read that waits
/// 30 s.
const REQUEST_TIME: Duration = Duration::from_secs(60);
/// How long the manifest may take to arrive (a large site's is megabytes).
const MANIFEST_TIME: Duration = Duration::from_secs(300);
const BYTES_PER_SECOND: u64 = 16 * 1024;

/// `Cache-Control` for a file whose name carries the digest of its bytes: it never changes.
const CACHE_FOREVER: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` for every other file: pages, feeds, sitemaps, the search index, and photos
/// and styles whose names stay when their bytes change. Five minutes: a correction reaches
/// readers quickly, and a busy page is still served from caches.
const CACHE_SHORT: &str = "public, max-age=300";

/// An S3 bucket and the prefix the site lives under.
pub(crate) struct S3 {
    bucket: Box<Bucket>,
    /// `www/`, or empty for the whole bucket.
    prefix: String,
    shown: String,
    /// Whether the store takes `x-amz-acl` (false after it said it has no ACLs).
    acl: Arc<AtomicBool>,
}

impl S3 {
    /// The target at `address`: its options read, its keys found, and its bucket checked once
    /// (a missing bucket is said by name before anything is sent).
    pub(crate) fn open(address: &Address, url: &str) -> Result<S3, Error> {
        address.only_options(&["endpoint", "region", "path_style"])?;
        let shown = address.shown();
        let region_name = address.option("region").filter(|r| !r.is_empty()).unwrap_or("us-east-1");
        let endpoint = match address.option("endpoint") {
            Some(e) => checked_endpoint(e, url)?,
            None => format!("https://s3.{region_name}.amazonaws.com"),
        };
        let path_style = match address.option("path_style") {
            None => address.option("endpoint").is_some() || address.host.contains('.'),
            Some("true") => true,
            Some("false") => false,
            Some(other) => {
                return Err(Error::Usage(msg!(
                    "deploy-s3-option-bad",
                    url = shown.as_str(),
                    key = "path_style",
                    value = other,
                    expected = "true, false"
                )));
            }
        };
        let credentials =
            credentials().ok_or_else(|| Error::Usage(msg!("deploy-s3-keys-missing", target = shown.as_str())))?;
        // A deploy retries a dropped request itself, on a new connection; the crate's own
        // retry (a second later, once) would only double the wait.
        s3::set_retries(0);
        let region = Region::Custom { region: region_name.to_string(), endpoint: endpoint.clone() };
        let mut bucket = Bucket::new(&address.host, region, credentials).map_err(|e| fault(e).error(&shown))?;
        if path_style {
            bucket = bucket.with_path_style();
        }
        bucket.set_request_timeout(Some(REQUEST_TIME));
        let prefix = if address.path.is_empty() { String::new() } else { format!("{}/", address.path) };
        let target = S3 { bucket, prefix, shown, acl: Arc::new(AtomicBool::new(true)) };
        target.check_bucket(&endpoint)?;
        Ok(target)
    }

    /// Lists one key under the prefix: the keys work and the bucket is there, or the editor
    /// reads which. A dropped answer is asked again twice, as a deploy does for a file.
    fn check_bucket(&self, endpoint: &str) -> Result<(), Error> {
        let mut waits = [Duration::from_millis(500), Duration::from_secs(2)].into_iter();
        loop {
            let f = match self.bucket.list_page(self.prefix.clone(), None, None, None, Some(1)) {
                Ok(_) => return Ok(()),
                Err(e) => fault(e),
            };
            match waits.next() {
                Some(wait) if f.kind == FaultKind::Dropped => std::thread::sleep(wait),
                _ => {
                    return Err(if f.detail.starts_with("NoSuchBucket") {
                        Error::Usage(msg!(
                            "deploy-s3-bucket-missing",
                            target = self.shown.as_str(),
                            bucket = self.bucket.name.as_str(),
                            endpoint = endpoint
                        ))
                    } else {
                        f.error(&self.shown)
                    });
                }
            }
        }
    }
}

/// The endpoint, if it is `https://…`, or `http://` to this machine.
fn checked_endpoint(endpoint: &str, url: &str) -> Result<String, Error> {
    let endpoint = endpoint.trim_end_matches('/');
    // `http://127.0.0.1:9000`, with nothing after the port (`http://127.0.0.1:9000@host` is
    // another host, and no endpoint carries a user or password).
    let port_only = |rest: &str| {
        let port = rest.strip_prefix(':').unwrap_or(rest);
        (rest.is_empty() || rest.starts_with(':')) && port.bytes().all(|b| b.is_ascii_digit())
    };
    let local = ["http://127.0.0.1", "http://localhost", "http://[::1]"]
        .iter()
        .any(|l| endpoint.strip_prefix(l).is_some_and(port_only));
    let https = endpoint.strip_prefix("https://").is_some_and(|host| !host.is_empty());
    if (https || local) && !endpoint.contains('@') {
        Ok(endpoint.to_string())
    } else {
        Err(Error::Usage(msg!("deploy-s3-endpoint-bad", url = url, endpoint = endpoint)))
    }
}

/// The keys from the environment, else from the profile of `~/.aws/credentials`.
fn credentials() -> Option<Credentials> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    if let (Some(key), Some(secret)) = (var("AWS_ACCESS_KEY_ID"), var("AWS_SECRET_ACCESS_KEY")) {
        let token = var("AWS_SESSION_TOKEN");
        return Credentials::new(Some(&key), Some(&secret), None, token.as_deref(), None).ok();
    }
    let profile = var("AWS_PROFILE");
    Credentials::from_profile(profile.as_deref()).ok().filter(|c| c.access_key.is_some() && c.secret_key.is_some())
}

impl Target for S3 {
    fn shown(&self) -> String {
        self.shown.clone()
    }

    fn connections(&self) -> usize {
        // Each PUT is a new connection and waits a few round trips on the store. The
        // 1,000-article site (1,781 files, 43 MB) to moto behind 20 ms of delay each way:
        // 82 s on 1 connection, 21 s on 4, 10.5 s on 8, 5.7 s on 16 (moto's own ceiling,
        // 4.4 s on loopback). 8: most of the gain, while a slow uplink still gives each file
        // its share and a store that limits requests is not pressed.
        8
    }

    fn connect(&self) -> Result<Box<dyn Connection>, Fault> {
        // Requests carry their own signature and need no login: a connection is a handle.
        Ok(Box::new(Objects { bucket: self.bucket.clone(), prefix: self.prefix.clone(), acl: self.acl.clone() }))
    }
}

/// One connection to a bucket: its handle and the prefix.
struct Objects {
    bucket: Box<Bucket>,
    prefix: String,
    acl: Arc<AtomicBool>,
}

impl Objects {
    /// The object key of the site path `path` (`/www/tin/a/index.html`).
    fn key(&self, path: &str) -> String {
        format!("/{}{path}", self.prefix)
    }

    /// The bucket handle with a timeout fit for sending `bytes`.
    fn sending(&self, bytes: usize) -> Result<Box<Bucket>, Fault> {
        let time = REQUEST_TIME + Duration::from_secs(bytes as u64 / BYTES_PER_SECOND);
        self.bucket.with_request_timeout(time).map_err(fault)
    }

    /// Puts the manifest, privately if the store has ACLs.
    fn put_private(&self, text: &str) -> Result<(), Fault> {
        let bucket = self.sending(text.len())?;
        let key = self.key(MANIFEST);
        let request = || {
            bucket
                .put_object_builder(&key, text.as_bytes())
                .with_content_type("text/plain; charset=utf-8")
                .with_cache_control("private, no-store")
        };
        if self.acl.load(Ordering::Relaxed) {
            let sent = request().and_then(|r| r.with_header("x-amz-acl", "private")).and_then(|r| r.execute());
            match sent.map_err(fault) {
                Ok(_) => return Ok(()),
                // Stores without ACLs (R2, an Amazon bucket that enforces its owner) refuse the
                // header, as Amazon does to keys without s3:PutObjectAcl: the manifest is
                // still private there unless a bucket policy says otherwise (`private` is
                // what an object gets when no ACL is given).
                Err(f) if no_acls(&f) => self.acl.store(false, Ordering::Relaxed),
                Err(f) => return Err(f),
            }
        }
        request().and_then(|r| r.execute()).map(drop).map_err(fault)
    }
}

/// Whether a store said it has no ACLs.
fn no_acls(f: &Fault) -> bool {
    ["AccessControlListNotSupported", "NotImplemented", "InvalidArgument", "AccessDenied"]
        .iter()
        .any(|code| f.detail.starts_with(code))
}

impl Connection for Objects {
    fn manifest(&mut self) -> Result<Option<String>, Fault> {
        let bucket = self.bucket.with_request_timeout(MANIFEST_TIME).map_err(fault)?;
        match bucket.get_object(self.key(MANIFEST)) {
            Ok(data) => Ok(Some(String::from_utf8_lossy(data.as_slice()).into_owned())),
            Err(S3Error::HttpFailWithBody(404, body)) if error_code(&body).is_none_or(|c| c == "NoSuchKey") => Ok(None),
            Err(e) => Err(fault(e).at(MANIFEST)),
        }
    }

    fn listing(&mut self) -> Result<Vec<(String, u64, Option<u128>)>, Fault> {
        let pages = self.bucket.list(self.prefix.clone(), None).map_err(fault)?;
        let mut files = Vec::new();
        for object in pages.into_iter().flat_map(|page| page.contents) {
            let Some(path) = object.key.strip_prefix(&self.prefix) else { continue };
            // Folder markers (`tin/`) that consoles make, and keys no site path can be, are
            // not the site's: left alone.
            if path == MANIFEST || is_temporary(path) || check_path(path).is_err() {
                continue;
            }
            files.push((path.to_string(), object.size, None));
        }
        Ok(files)
    }

    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), Fault> {
        check_path(path)?;
        // One PUT: the store shows the object only once it is whole.
        self.sending(bytes.len())?
            .put_object_builder(self.key(path), bytes)
            .with_content_type(content_type(path))
            .with_cache_control(cache_control(path))
            .and_then(|r| r.execute())
            .map(drop)
            .map_err(|e| fault(e).at(path))
    }

    fn delete(&mut self, path: &str) -> Result<(), Fault> {
        check_path(path)?;
        // Deleting a missing object succeeds on S3; S3 has no folders to remove.
        match self.bucket.delete_object(self.key(path)) {
            Ok(_) => Ok(()),
            Err(S3Error::HttpFailWithBody(404, body)) if error_code(&body).is_none_or(|c| c == "NoSuchKey") => Ok(()),
            Err(e) => Err(fault(e).at(path)),
        }
    }

    fn put_manifest(&mut self, text: &str) -> Result<(), Fault> {
        self.put_private(text).map_err(|f| f.at(MANIFEST))
    }
}

/// The `Content-Type` of a site file, by its extension; text is UTF-8.
pub(crate) fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json; charset=utf-8",
        "webmanifest" => "application/manifest+json; charset=utf-8",
        // Feeds and sitemaps: plain XML, which every browser shows rather than downloads.
        "xml" | "xsl" => "application/xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "svg" => "image/svg+xml",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "ogg" | "oga" => "audio/ogg",
        "wasm" => "application/wasm",
        "zip" => "application/zip",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ => "application/octet-stream",
    }
}

/// The `Cache-Control` of a site file: for ever for a name that carries the digest of its
/// bytes (`app.3f2a9c1b.js`: 8 to 64 hex digits, both figures and letters, between the last
/// two dots), short for every other. bantin names none of its files so today; a theme's
/// fingerprinted assets would be.
pub(crate) fn cache_control(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let digest = name.rsplit('.').nth(1).filter(|_| name.matches('.').count() >= 2);
    let fingerprinted = digest.is_some_and(|d| {
        (8..=64).contains(&d.len())
            && d.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
            && d.bytes().any(|b| b.is_ascii_digit())
            && d.bytes().any(|b| b.is_ascii_alphabetic())
    });
    if fingerprinted { CACHE_FOREVER } else { CACHE_SHORT }
}

/// The `<Code>` of an S3 error document.
fn error_code(body: &str) -> Option<&str> {
    xml_text(body, "Code")
}

/// The text of the first `<tag>` of `body`.
fn xml_text<'a>(body: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}>");
    let start = body.find(&open)? + open.len();
    let len = body[start..].find("</")?;
    Some(body[start..start + len].trim())
}

/// A fault from the crate's error, sorted by what the editor can do. Its detail starts with
/// the store's error code (`NoSuchBucket: …`) when the store gave one.
fn fault(e: S3Error) -> Fault {
    match e {
        S3Error::HttpFailWithBody(status, body) => http_fault(status, &body),
        S3Error::Atto(e) => transport_fault(e),
        S3Error::Io(e) => Fault::io(&e),
        S3Error::Credentials(e) => Fault::new(FaultKind::Login, e),
        other => Fault::new(FaultKind::Refused, other),
    }
}

/// A fault from the store's answer: its status and error document.
fn http_fault(status: u16, body: &str) -> Fault {
    let code = error_code(body).unwrap_or_default();
    let detail = match (code, xml_text(body, "Message")) {
        ("", _) => format!("HTTP {status}"),
        (code, Some(words)) if !words.is_empty() => match xml_text(body, "BucketName") {
            Some(bucket) => format!("{code}: {words} ({bucket})"),
            None => format!("{code}: {words}"),
        },
        (code, _) => format!("{code} (HTTP {status})"),
    };
    let kind = match code {
        "InvalidAccessKeyId"
        | "SignatureDoesNotMatch"
        | "InvalidToken"
        | "ExpiredToken"
        | "TokenRefreshRequired"
        | "InvalidSecurity"
        | "MissingSecurityHeader" => FaultKind::Login,
        "AccessDenied" | "AllAccessDisabled" | "AccountProblem" | "NoSuchBucket" | "InvalidBucketState" => {
            FaultKind::Denied
        }
        "SlowDown" | "RequestTimeout" | "InternalError" | "ServiceUnavailable" => FaultKind::Dropped,
        c if c.contains("Quota") || c.contains("StorageFull") || c.contains("InsufficientStorage") => FaultKind::Full,
        _ if status == 507 => FaultKind::Full,
        _ if status >= 500 => FaultKind::Dropped,
        _ if status == 401 => FaultKind::Login,
        _ if status == 403 => FaultKind::Denied,
        _ => FaultKind::Refused,
    };
    // The store refuses a request signed at a time far from its own: this machine's clock.
    if code == "RequestTimeTooSkewed" {
        return Fault::told(FaultKind::Refused, &detail, msg!("deploy-s3-clock", detail = detail.as_str()));
    }
    Fault::new(kind, detail)
}

/// A fault from the HTTP client: the network, or TLS.
fn transport_fault(e: attohttpc::Error) -> Fault {
    use attohttpc::ErrorKind as K;
    match e.kind() {
        K::Io(io) => {
            let words = io.to_string();
            if words.contains("certificate")
                || io.get_ref().is_some_and(|inner| inner.to_string().contains("certificate"))
            {
                Fault::new(FaultKind::Trust, words)
            } else if words.contains("lookup") || words.contains("resolve") || words.contains("Name or service") {
                // An unknown host name: the system's words, whatever its error kind.
                Fault::new(FaultKind::Unreachable, words)
            } else {
                Fault::io(io)
            }
        }
        K::Tls(_) | K::InvalidDNSName(_) | K::ServerCertVerifier(_) => Fault::new(FaultKind::Trust, e),
        K::ConnectError { .. } | K::InvalidBaseUrl | K::InvalidUrlHost | K::InvalidUrlPort => {
            Fault::new(FaultKind::Unreachable, e)
        }
        _ => Fault::new(FaultKind::Refused, e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_gets_its_type_and_how_long_it_is_cached() {
        assert_eq!(content_type("tin/a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("search.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("rss.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("tim-kiem/index/w/54.json"), "application/json; charset=utf-8");
        assert_eq!(content_type("mat-tran/anh-480w.WEBP"), "image/webp");
        assert_eq!(content_type("giam-ngheo/ke-hoach.pdf"), "application/pdf");
        assert_eq!(content_type("tin.v1/LICENSE"), "application/octet-stream");
        assert_eq!(cache_control("assets/app.3f2a9c1b.js"), CACHE_FOREVER);
        assert_eq!(cache_control("style.0123456789abcdef0123456789abcdef.css"), CACHE_FOREVER);
        // Photos keep their names when replaced; a date or a word in hex is no digest.
        for short in ["index.html", "style.css", "anh/20230406.jpg", "x.deadbeef", "a.cafebabe.png", "rss.xml"] {
            assert_eq!(cache_control(short), CACHE_SHORT, "{short}");
        }
    }

    #[test]
    fn a_store_error_is_sorted_by_what_the_editor_can_do() {
        let doc =
            |code: &str| format!("<?xml version=\"1.0\"?><Error><Code>{code}</Code><Message>words</Message></Error>");
        let kind = |status, code: &str| http_fault(status, &doc(code)).kind;
        assert_eq!(kind(403, "InvalidAccessKeyId"), FaultKind::Login);
        assert_eq!(kind(403, "SignatureDoesNotMatch"), FaultKind::Login);
        assert_eq!(kind(403, "AccessDenied"), FaultKind::Denied);
        assert_eq!(kind(404, "NoSuchBucket"), FaultKind::Denied);
        assert_eq!(kind(403, "QuotaExceeded"), FaultKind::Full);
        assert_eq!(kind(503, "SlowDown"), FaultKind::Dropped);
        assert_eq!(kind(500, "InternalError"), FaultKind::Dropped);
        assert_eq!(kind(400, "EntityTooLarge"), FaultKind::Refused);
        assert_eq!(http_fault(502, "<html>bad gateway</html>").kind, FaultKind::Dropped);
        let missing = "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>bao</BucketName></Error>";
        assert_eq!(http_fault(404, missing).detail, "NoSuchBucket: The specified bucket does not exist (bao)");
    }

    #[test]
    fn an_endpoint_is_https_or_this_machine() {
        assert!(checked_endpoint("https://hcm03.vstorage.vngcloud.vn/", "u").is_ok_and(|e| !e.ends_with('/')));
        assert!(checked_endpoint("http://127.0.0.1:9000", "u").is_ok());
        assert!(checked_endpoint("http://localhost", "u").is_ok());
        assert!(checked_endpoint("http://minio.example.vn:9000", "u").is_err());
        assert!(checked_endpoint("http://127.0.0.1.example.vn", "u").is_err());
        assert!(checked_endpoint("hcm03.vstorage.vngcloud.vn", "u").is_err());
    }
}
