//! Who may use the editor: the one person who started `bantin serve` on this machine.
//!
//! The editor listens on loopback only, on its own port (its own origin), and answers only:
//! - requests whose `Host` is its own address (a DNS-rebinding page sends another name);
//! - for the API, requests carrying the run's token in a header. The printed address gives
//!   it in its fragment (`/#ma=…`), which browsers never send to a server, nor in a
//!   `Referer`; the page keeps it in its origin's own storage. Not in a cookie: browsers send
//!   a cookie of `127.0.0.1` to every port of it, the preview's and any other program's
//!   included, and any page of those could set one. A custom header cannot be sent
//!   cross-origin without a CORS preflight, which the editor never grants;
//! - for writes, requests whose `Origin` is the editor's own.
//!
//! The page itself (HTML, script, styles) holds no secret. Every answer forbids framing,
//! sniffing and reading from other origins. These checks are pure functions of the
//! request's parts, tested below; `mod.rs` applies them to each request.

/// A secret of this run: 128 random bits, written in hex.
pub(crate) fn secret() -> String {
    let mut bytes = [0u8; 16];
    // Without randomness from the system, the editor must not start with a guessable token.
    getrandom::fill(&mut bytes).expect("the system gives random bytes");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares two secrets in time that does not depend on where they differ.
pub(crate) fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Whether `host` (a `Host` header) names this machine at `port`: `127.0.0.1:port`,
/// `[::1]:port`, `localhost:port`.
pub(crate) fn own_host(host: Option<&str>, port: u16) -> bool {
    let Some(host) = host else { return false };
    let (name, given_port) = if let Some(rest) = host.strip_prefix('[') {
        let Some((name, after)) = rest.split_once(']') else { return false };
        (name, after.strip_prefix(':'))
    } else {
        match host.rsplit_once(':') {
            Some((name, p)) => (name, Some(p)),
            None => (host, None),
        }
    };
    let port_ok = given_port.and_then(|p| p.parse::<u16>().ok()) == Some(port);
    let name = name.to_ascii_lowercase();
    let loopback = name == "localhost" || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
    port_ok && loopback
}

/// Whether `origin` (an `Origin` header) is the editor's own: `http://` and its `Host`.
pub(crate) fn own_origin(origin: Option<&str>, host: Option<&str>) -> bool {
    match (origin, host) {
        (Some(origin), Some(host)) => origin.strip_prefix("http://").is_some_and(|o| o.eq_ignore_ascii_case(host)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_long_random_and_compared_whole() {
        let (a, b) = (secret(), secret());
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
        assert!(same_secret(&a, &a.clone()));
        assert!(!same_secret(&a, &b));
        assert!(!same_secret(&a, &a[..31]));
        assert!(!same_secret("", &a));
    }

    #[test]
    fn only_this_machine_at_this_port_is_the_host() {
        assert!(own_host(Some("127.0.0.1:1112"), 1112));
        assert!(own_host(Some("localhost:1112"), 1112));
        assert!(own_host(Some("[::1]:1112"), 1112));
        assert!(!own_host(Some("127.0.0.1:1111"), 1112), "the preview's port is another origin");
        assert!(!own_host(Some("evil.example:1112"), 1112), "DNS rebinding");
        assert!(!own_host(Some("192.168.1.5:1112"), 1112));
        assert!(!own_host(Some("127.0.0.1"), 1112));
        assert!(!own_host(None, 1112));
    }

    #[test]
    fn only_the_editor_page_is_its_own_origin() {
        let host = Some("127.0.0.1:1112");
        assert!(own_origin(Some("http://127.0.0.1:1112"), host));
        assert!(!own_origin(Some("http://127.0.0.1:1111"), host), "a previewed page");
        assert!(!own_origin(Some("https://evil.example"), host));
        assert!(!own_origin(Some("null"), host), "a sandboxed frame or a file");
        assert!(!own_origin(None, host));
    }
}
