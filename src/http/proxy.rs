//! Which HTTP proxy a request goes through: the Http object's Proxy* properties (Chilkat's
//! ProxyDomain, ProxyPort, ProxyLogin, ProxyPassword) when ProxyDomain is set, else the
//! environment as curl reads it: `https_proxy`/`HTTPS_PROXY` for https URLs, `http_proxy` for
//! http URLs (lower case only, as curl: a CGI program's `HTTP_PROXY` comes from a request header),
//! `all_proxy`/`ALL_PROXY` for both, and `no_proxy`/`NO_PROXY` for the hosts that go direct.
//! The environment is read once, at the first request of the process.

use crate::url::Url;
use once_cell::sync::Lazy;
use std::net::IpAddr;

/// A proxy server and the credentials it wants (empty: none).
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct ProxyServer {
    pub host: String,
    pub port: u16,
    pub login: String,
    pub password: String,
}

/// Shows where the proxy is, never its password.
impl std::fmt::Debug for ProxyServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.address())
    }
}

impl ProxyServer {
    /// `host:port`, as error messages name the proxy.
    pub fn address(&self) -> String {
        match self.host.parse::<IpAddr>() {
            Ok(IpAddr::V6(_)) => format!("[{}]:{}", self.host, self.port),
            _ => format!("{}:{}", self.host, self.port),
        }
    }
}

/// The environment's proxy settings, as curl reads them.
#[derive(Default, Debug, Clone)]
pub(super) struct ProxyEnvironment {
    https: Option<ProxyServer>,
    http: Option<ProxyServer>,
    all: Option<ProxyServer>,
    no_proxy: Vec<String>,
}

static ENVIRONMENT: Lazy<ProxyEnvironment> = Lazy::new(|| ProxyEnvironment::read(|name| std::env::var(name).ok()));

impl ProxyEnvironment {
    /// Reads the variables through `var` (the process environment, or a test's map).
    pub fn read(var: impl Fn(&str) -> Option<String>) -> ProxyEnvironment {
        let first = |names: &[&str]| names.iter().find_map(|name| var(name).filter(|v| !v.trim().is_empty()));
        let server = |names: &[&str]| first(names).and_then(|value| parse_proxy_url(&value));
        ProxyEnvironment {
            https: server(&["https_proxy", "HTTPS_PROXY"]),
            http: server(&["http_proxy"]),
            all: server(&["all_proxy", "ALL_PROXY"]),
            no_proxy: first(&["no_proxy", "NO_PROXY"])
                .map(|list| {
                    list.split(',')
                        .map(|entry| entry.trim().to_ascii_lowercase())
                        .filter(|e| !e.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    /// The process's environment.
    pub fn process() -> &'static ProxyEnvironment {
        &ENVIRONMENT
    }

    /// The proxy the environment names for `url`, if any.
    pub fn proxy_for(&self, url: &Url) -> Option<&ProxyServer> {
        let by_scheme = if url.scheme() == "https" {
            self.https.as_ref()
        } else {
            self.http.as_ref()
        };
        let server = by_scheme.or(self.all.as_ref())?;
        (!self.bypasses(url)).then_some(server)
    }

    /// True if `no_proxy` lists the URL's host: `*`, the host itself, a domain it is in (with or
    /// without a leading dot), or its IP address, optionally with the URL's port.
    fn bypasses(&self, url: &Url) -> bool {
        let host = url
            .host_str()
            .unwrap_or_default()
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_ascii_lowercase();
        let port = url.port_or_known_default().unwrap_or(0);
        self.no_proxy.iter().any(|entry| {
            if entry == "*" {
                return true;
            }
            let (name, entry_port) = match entry.rsplit_once(':') {
                Some((name, p)) if !name.contains(':') || name.ends_with(']') => (name, p.parse::<u16>().ok()),
                _ => (entry.as_str(), None),
            };
            let name = name.trim_start_matches('[').trim_end_matches(']').trim_start_matches('.');
            let name_matches = host == name || host.ends_with(&format!(".{name}"));
            name_matches && entry_port.is_none_or(|p| p == port)
        })
    }
}

/// `[http://][user:password@]host[:port][/]` as curl takes it; port 1080 when none is given.
/// Other schemes (socks, https) are not supported and ignored.
fn parse_proxy_url(text: &str) -> Option<ProxyServer> {
    let text = text.trim();
    let with_scheme = if text.contains("://") {
        text.to_string()
    } else {
        format!("http://{text}")
    };
    let url = Url::parse(&with_scheme).ok().filter(|u| u.scheme() == "http")?;
    // Percent-decoding only: in a URL's user information `+` is a plus and `&` a character like
    // any other (form decoding would make a space of one and cut at the other).
    let decode = |s: &str| percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned();
    Some(ProxyServer {
        host: url.host_str()?.trim_start_matches('[').trim_end_matches(']').to_string(),
        port: url.port().unwrap_or(1080),
        login: decode(url.username()),
        password: decode(url.password().unwrap_or_default()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> ProxyEnvironment {
        let pairs: Vec<(String, String)> = pairs.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect();
        ProxyEnvironment::read(move |name| pairs.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()))
    }

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    #[test]
    fn the_scheme_picks_the_variable_as_curl_does() {
        let e = env(&[
            ("HTTPS_PROXY", "http://secure:3128"),
            ("HTTP_PROXY", "http://ignored:1"),
            ("http_proxy", "plain:8080"),
        ]);
        assert_eq!(e.proxy_for(&url("https://api.example/x")).unwrap().address(), "secure:3128");
        assert_eq!(e.proxy_for(&url("http://api.example/x")).unwrap().address(), "plain:8080");
        let upper_only = env(&[("HTTP_PROXY", "http://ignored:1")]);
        assert!(
            upper_only.proxy_for(&url("http://api.example/x")).is_none(),
            "HTTP_PROXY is not read (httpoxy)"
        );
        let all = env(&[("ALL_PROXY", "fallback")]);
        assert_eq!(all.proxy_for(&url("https://a/")).unwrap().address(), "fallback:1080");
    }

    #[test]
    fn credentials_in_the_url_are_decoded_and_never_shown() {
        let e = env(&[("https_proxy", "http://us%40er:p%3Ass@127.0.0.1:3128/")]);
        let p = e.proxy_for(&url("https://a/")).unwrap();
        assert_eq!((p.login.as_str(), p.password.as_str()), ("us@er", "p:ss"));
        assert_eq!(format!("{p:?}"), "127.0.0.1:3128");
        // `+` and `&` are themselves in user information (not a space, not a separator).
        let e = env(&[("https_proxy", "http://user:pa+ss&word@host:3128")]);
        let p = e.proxy_for(&url("https://a/")).unwrap();
        assert_eq!((p.login.as_str(), p.password.as_str()), ("user", "pa+ss&word"));
        assert!(env(&[("https_proxy", "socks5://127.0.0.1:1080")])
            .proxy_for(&url("https://a/"))
            .is_none());
    }

    #[test]
    fn no_proxy_matches_hosts_domains_ips_and_ports() {
        let e = env(&[
            ("https_proxy", "p:1"),
            ("NO_PROXY", "localhost, .internal.example,corp.example:8443,127.0.0.1,[::1]"),
        ]);
        for direct in [
            "https://localhost/",
            "https://api.internal.example/",
            "https://internal.example/",
            "https://corp.example:8443/",
            "https://127.0.0.1:9/",
            "https://[::1]/",
        ] {
            assert!(e.proxy_for(&url(direct)).is_none(), "{direct}");
        }
        for proxied in [
            "https://notinternal.example/",
            "https://corp.example/",
            "https://127.0.0.2/",
            "https://example/",
        ] {
            assert!(e.proxy_for(&url(proxied)).is_some(), "{proxied}");
        }
        assert!(env(&[("https_proxy", "p:1"), ("no_proxy", "*")])
            .proxy_for(&url("https://a/"))
            .is_none());
    }
}
