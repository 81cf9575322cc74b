//! One HTTP exchange over ureq: connections shared by every Http object with the same settings,
//! timeouts, size limits, and plain error messages with their kind. Knows nothing about tokens or
//! proofs.

use super::proxy::{ProxyEnvironment, ProxyServer};
use super::recording::{self, RecordingConnector};
use super::response::Response;
use super::tls::TlsConnector;
use crate::error::{Error, ErrorKind, Result};
use crate::redact::clip;
use crate::sync::lock;
use crate::url::{self, origin, Url};
use once_cell::sync::Lazy;
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use ureq::config::AutoHeaderValue;
use ureq::http;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{ConnectProxyConnector, Connector, NextTimeout, TcpConnector};
use ureq::{Agent, Proxy, ProxyProtocol};

/// How much of a transport error's own text goes into an error message.
const MAX_DETAIL_CHARS: usize = 200;
/// Response heads larger than this are refused. Generous, because servers quote long texts in
/// WWW-Authenticate, but below ureq's input buffer (128 KiB), which must hold the whole head.
const MAX_RESPONSE_HEAD_BYTES: usize = 120 * 1024;
/// Distinct settings whose connection pools one process keeps before starting over.
const MAX_POOLS: usize = 64;
/// Idle keep-alive connections one pool keeps per host: enough for the 32 threads of a busy
/// service not to open a connection per request (ureq keeps 3).
const MAX_IDLE_PER_HOST: usize = 32;

/// Connection settings of an Http object: timeouts, trust, proxy. Every Http object with the
/// same settings shares connection pools.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct TransportSettings {
    connect_timeout_secs: u32,
    read_timeout_secs: u32,
    trusted_ca_file: String,
    /// The Proxy* properties; the proxy is used when `proxy.host` (ProxyDomain) is set.
    proxy: ProxyServer,
}

impl Default for TransportSettings {
    fn default() -> Self {
        // Chilkat's defaults.
        TransportSettings {
            connect_timeout_secs: 30,
            read_timeout_secs: 60,
            trusted_ca_file: String::new(),
            proxy: ProxyServer {
                port: 80,
                ..ProxyServer::default()
            },
        }
    }
}

/// What one pool is for: the settings that shape its connections, and the proxy they go through.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
struct PoolKey {
    settings: TransportSettings,
    proxy: Option<ProxyServer>,
}

impl TransportSettings {
    pub fn connect_timeout_secs(&self) -> u32 {
        self.connect_timeout_secs
    }

    /// Values below 1 mean 1: a timeout of 0 would mean "wait forever" to the socket layer.
    pub fn set_connect_timeout_secs(&mut self, secs: i32) {
        self.connect_timeout_secs = secs.max(1).unsigned_abs();
    }

    pub fn read_timeout_secs(&self) -> u32 {
        self.read_timeout_secs
    }

    /// Values below 1 mean 1, as for the connect timeout.
    pub fn set_read_timeout_secs(&mut self, secs: i32) {
        self.read_timeout_secs = secs.max(1).unsigned_abs();
    }

    /// Extra PEM file of CA certificates (or exact server certificates) to trust, "" for none.
    pub fn trusted_ca_file(&self) -> &str {
        &self.trusted_ca_file
    }

    pub fn set_trusted_ca_file(&mut self, path: &str) {
        self.trusted_ca_file = path.to_string();
    }

    /// The Proxy* properties: ProxyDomain ("" for none), ProxyPort, ProxyLogin, ProxyPassword.
    pub fn proxy(&self) -> &ProxyServer {
        &self.proxy
    }

    pub fn proxy_mut(&mut self) -> &mut ProxyServer {
        &mut self.proxy
    }

    /// The longest one exchange may take: connecting, sending, and the whole answer, however
    /// slowly it trickles in.
    pub(super) fn exchange_deadline(&self) -> Duration {
        Duration::from_secs(u64::from(self.connect_timeout_secs) + u64::from(self.read_timeout_secs))
    }

    /// The pool for a request to `url`: the proxy is the properties' if ProxyDomain is set, else
    /// the environment's.
    fn pool_key(&self, url: &Url) -> PoolKey {
        let proxy = if self.proxy.host.is_empty() {
            ProxyEnvironment::process().proxy_for(url).cloned()
        } else {
            Some(self.proxy.clone())
        };
        PoolKey {
            settings: self.clone(),
            proxy,
        }
    }
}

impl PoolKey {
    fn new_agent(&self) -> Agent {
        let config = Agent::config_builder()
            // Any status is an answer; the engine decides what it means.
            .http_status_as_error(false)
            // Redirects are followed by the engine, which decides what credentials may follow.
            .max_redirects(0)
            .allow_non_standard_methods(true)
            // The engine sends exactly the headers it logs.
            .user_agent(AutoHeaderValue::None)
            .accept(AutoHeaderValue::None)
            .accept_encoding(AutoHeaderValue::None)
            .max_response_header_size(MAX_RESPONSE_HEAD_BYTES)
            .max_idle_connections(4 * MAX_IDLE_PER_HOST)
            .max_idle_connections_per_host(MAX_IDLE_PER_HOST)
            .timeout_connect(Some(Duration::from_secs(self.settings.connect_timeout_secs.into())))
            .timeout_global(Some(self.settings.exchange_deadline()))
            .proxy(self.proxy.as_ref().map(ureq_proxy))
            .build();
        // The order of ureq's own default chain: a CONNECT tunnel through the proxy if there is
        // one, else a TCP connection; then TLS inside it for https; then the head recorder.
        let connector =
            ().chain(ConnectProxyConnector::default())
                .chain(TcpConnector::default())
                .chain(TlsConnector::new(&self.settings.trusted_ca_file))
                .chain(RecordingConnector);
        Agent::with_parts(config, connector, CachingResolver::<DefaultResolver>::default())
    }
}

/// ureq's resolver, except that a host that is an IP address (`127.0.0.1`, `[::1]`) is taken as
/// it is and a host name's addresses are kept for `RESOLVED_ADDRESSES_TTL`. ureq resolves a
/// request's host before it looks for a pooled connection, and its resolver runs each lookup that
/// has a timeout on a new thread: without this, every request, even on a kept-alive connection,
/// would start and end a thread and ask the system resolver again.
#[derive(Debug, Default)]
struct CachingResolver<R = DefaultResolver> {
    inner: R,
    /// (host, port) -> when it was looked up, and its addresses. Failures are not kept.
    resolved: Mutex<HashMap<(String, u16), (Instant, ResolvedSocketAddrs)>>,
}

/// How long a host name's addresses are used without asking again: Java's default DNS cache time.
/// A kept-alive connection stays with its address longer anyway.
const RESOLVED_ADDRESSES_TTL: Duration = Duration::from_secs(30);
/// Host names one resolver keeps before starting over.
const MAX_RESOLVED_HOSTS: usize = 64;

impl<R: Resolver> Resolver for CachingResolver<R> {
    fn resolve(
        &self,
        uri: &http::Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> std::result::Result<ResolvedSocketAddrs, ureq::Error> {
        let host = uri.host().unwrap_or_default();
        let port = uri.port_u16().or(match uri.scheme_str() {
            Some("http") => Some(80),
            Some("https") => Some(443),
            _ => None,
        });
        let Some(port) = port else {
            return self.inner.resolve(uri, config, timeout);
        };
        if let Ok(ip) = host.trim_matches(['[', ']']).parse::<IpAddr>() {
            let mut addrs = self.empty();
            for addr in config.ip_family().keep_wanted(std::iter::once(SocketAddr::new(ip, port))) {
                addrs.push(addr);
            }
            if addrs.is_empty() {
                return Err(ureq::Error::HostNotFound);
            }
            return Ok(addrs);
        }
        let key = (host.to_ascii_lowercase(), port);
        if let Some((at, addrs)) = lock(&self.resolved).get(&key) {
            if at.elapsed() < RESOLVED_ADDRESSES_TTL {
                return Ok(addrs.clone());
            }
        }
        // Looked up without holding the lock: a slow lookup must not hold up other hosts.
        let addrs = self.inner.resolve(uri, config, timeout)?;
        let mut resolved = lock(&self.resolved);
        if resolved.len() >= MAX_RESOLVED_HOSTS && !resolved.contains_key(&key) {
            resolved.clear();
        }
        resolved.insert(key, (Instant::now(), addrs.clone()));
        Ok(addrs)
    }
}

/// The agents (connection pools) of the process, one per distinct settings and proxy.
static POOLS: Lazy<Mutex<HashMap<PoolKey, Agent>>> = Lazy::new(Default::default);

fn pool(key: &PoolKey) -> Agent {
    let mut pools = lock(&POOLS);
    if pools.len() >= MAX_POOLS && !pools.contains_key(key) {
        pools.clear();
    }
    pools.entry(key.clone()).or_insert_with(|| key.new_agent()).clone()
}

/// Closes the idle connections of the pools `settings` uses: later requests open new ones.
pub fn close_connections(settings: &TransportSettings) {
    lock(&POOLS).retain(|key, _| &key.settings != settings);
}

fn ureq_proxy(proxy: &ProxyServer) -> Proxy {
    let builder = Proxy::builder(ProxyProtocol::Http).host(&proxy.host).port(proxy.port);
    let builder = if proxy.login.is_empty() {
        builder
    } else {
        builder.username(&proxy.login).password(&proxy.password)
    };
    // The builder fails only on a host it cannot put in a URI; requests then fail to connect
    // to it and say so.
    builder.build().unwrap_or_else(|_| {
        Proxy::builder(ProxyProtocol::Http)
            .host("invalid.")
            .build()
            .expect("a valid placeholder")
    })
}

/// Sends one request through the pool for `settings` and `url`, and reads the whole response
/// (any status), refusing bodies larger than `max_body` bytes. A request sent once more (see
/// below) carries the proof `fresh_proof` makes, if given, instead of its `DPoP` header.
pub fn send(
    settings: &TransportSettings,
    method: &str,
    url: &Url,
    headers: &[(String, String)],
    body: Option<&[u8]>,
    fresh_proof: Option<&dyn Fn() -> Result<String>>,
    max_body: usize,
) -> Result<Response> {
    let key = settings.pool_key(url);
    let agent = pool(&key);
    let failed = Failure {
        url,
        proxy: key.proxy.as_ref(),
    };
    let run = |headers: &[(String, String)]| {
        recording::begin_call();
        let mut request = http::Request::builder().method(method).uri(url.as_str());
        for (name, value) in headers {
            request = request.header(name.as_str(), value.as_str());
        }
        // POST, PUT and PATCH without a body go out with `Content-Length: 0`, as Chilkat sends
        // them; ureq would announce a chunked body and send an empty one.
        let sent = match body {
            Some(bytes) => request.body(bytes).map(|r| agent.run(r)),
            None if matches!(method, "POST" | "PUT" | "PATCH") => request.body(&[][..]).map(|r| agent.run(r)),
            None => request.body(()).map(|r| agent.run(r)),
        };
        sent.map_err(|e| Error::new(ErrorKind::InvalidArgument, format!("the request cannot be built: {e}")))
    };
    // A proof the caller made (a DPoP header without `fresh_proof`) cannot be made anew here.
    let proof_renewable = || fresh_proof.is_some() || !headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("DPoP"));
    let mut response = match run(headers)? {
        // A kept-alive connection the server closed as the request went out: sent again once on a
        // new connection, as curl does, when the method allows it (RFC 9110 9.2.2).
        Err(e) if is_idempotent(method) && is_connection_lost(&e) && recording::kept_connection_broke_unanswered() && proof_renewable() => {
            let mut again = headers.to_vec();
            if let Some(make) = fresh_proof {
                for (_, value) in again.iter_mut().filter(|(name, _)| name.eq_ignore_ascii_case("DPoP")) {
                    *value = make()?;
                }
            }
            run(&again)?
        }
        other => other,
    }
    .map_err(|e| failed.exchange(e))?;
    let status = response.status().as_u16();
    let head = recording::take().unwrap_or_else(|| recording::Head {
        version: format!("{:?}", response.version()),
        reason: response.status().canonical_reason().unwrap_or_default().to_string(),
        fields: response
            .headers()
            .iter()
            .map(|(name, value)| (name.to_string(), String::from_utf8_lossy(value.as_bytes()).into_owned()))
            .collect(),
    });
    let headers = head.fields;
    // ureq decodes gzip itself and applies the limit to what it decoded.
    let body = response
        .body_mut()
        .with_config()
        .limit(max_body as u64)
        .read_to_vec()
        .map_err(|e| failed.body(e, max_body))?;
    let deflated = headers
        .iter()
        .any(|(name, value)| name.eq_ignore_ascii_case("content-encoding") && value.trim().eq_ignore_ascii_case("deflate"));
    let body = if deflated { inflate(&body, max_body, url)? } else { body };
    Ok(Response {
        version: head.version,
        status,
        reason: head.reason,
        headers,
        body,
    })
}

/// Opens a TCP connection to where a request to `url` would go (the proxy, if one applies) within
/// ConnectTimeout, and closes it: what Chilkat's `Rest.Connect` checks. ConnectTimeout bounds the
/// whole check, name resolution and every address tried included: the system resolver has no
/// timeout of its own, so it runs on a thread of its own that is left behind when it is too
/// slow (as ureq resolves).
pub fn check_reachable(settings: &TransportSettings, url: &Url) -> Result<()> {
    use std::net::{TcpStream, ToSocketAddrs};
    use std::time::Instant;
    let deadline = Instant::now() + Duration::from_secs(settings.connect_timeout_secs.into());
    let key = settings.pool_key(url);
    let (host, port) = match &key.proxy {
        Some(proxy) => (proxy.host.clone(), proxy.port),
        None => (
            url.host_str().unwrap_or_default().trim_matches(['[', ']']).to_string(),
            url.port_or_known_default().unwrap_or(80),
        ),
    };
    let failed = Failure {
        url,
        proxy: key.proxy.as_ref(),
    };
    let (sender, receiver) = std::sync::mpsc::channel();
    // Started for a caller: its panics are as quiet as the caller's (the host name is data).
    std::thread::spawn(move || {
        crate::quiet_panics::quietly(|| {
            let _ = sender.send((host.as_str(), port).to_socket_addrs().map(Vec::from_iter));
        })
    });
    let addresses = match receiver.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
        Ok(Ok(addresses)) => addresses,
        Ok(Err(_)) => return Err(failed.exchange(ureq::Error::HostNotFound)),
        Err(_) => return Err(failed.exchange(ureq::Error::Timeout(ureq::Timeout::Resolve))),
    };
    let mut last = ureq::Error::HostNotFound;
    for address in addresses {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(failed.exchange(ureq::Error::Timeout(ureq::Timeout::Connect)));
        }
        match TcpStream::connect_timeout(&address, left) {
            Ok(_) => return Ok(()),
            Err(e) => last = ureq::Error::Io(e),
        }
    }
    Err(failed.exchange(last))
}

fn is_idempotent(method: &str) -> bool {
    matches!(method, "GET" | "HEAD" | "PUT" | "DELETE" | "OPTIONS" | "TRACE")
}

fn is_connection_lost(e: &ureq::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(e, ureq::Error::Io(io) if matches!(io.kind(), UnexpectedEof | ConnectionAborted | ConnectionReset | BrokenPipe))
}

/// What a failed exchange was: its URL and the proxy it went through.
struct Failure<'a> {
    url: &'a Url,
    proxy: Option<&'a ProxyServer>,
}

impl Failure<'_> {
    /// The error for a failed exchange, its kind taken from ureq's error and the I/O error
    /// underneath, never from the text.
    fn exchange(&self, e: ureq::Error) -> Error {
        let url = self.url;
        let origin = origin(url);
        let via = self
            .proxy
            .map(|p| format!(" through the proxy {}", p.address()))
            .unwrap_or_default();
        match e {
            ureq::Error::Other(inner) => match inner.downcast::<Error>() {
                // Raised by our own connectors (TLS), already in plain words.
                Ok(ours) => *ours,
                Err(other) => Error::new(
                    ErrorKind::Network,
                    format!("request to {origin} failed: {}", clip(&other.to_string(), MAX_DETAIL_CHARS)),
                ),
            },
            ureq::Error::Timeout(_) => Error::new(
                ErrorKind::Timeout,
                format!("no answer from {origin} in time (ConnectTimeout + ReadTimeout)"),
            ),
            ureq::Error::HostNotFound => Error::new(ErrorKind::Network, format!("cannot resolve the host of {origin}{via}")),
            ureq::Error::ConnectionFailed => Error::new(ErrorKind::Network, format!("cannot connect to {origin}{via}")),
            ureq::Error::ConnectProxyFailed(why) => Error::new(
                ErrorKind::Network,
                format!(
                    "the proxy {} did not open a tunnel to {origin} ({})",
                    self.proxy.map(ProxyServer::address).unwrap_or_default(),
                    clip(&why, MAX_DETAIL_CHARS)
                ),
            ),
            ureq::Error::Io(io) => io_error(&io, &format!("{origin}{via}")),
            ureq::Error::Protocol(p) => Error::new(
                ErrorKind::Protocol,
                format!(
                    "the answer from {origin} is not an HTTP response ({})",
                    clip(&p.to_string(), MAX_DETAIL_CHARS)
                ),
            ),
            ureq::Error::LargeResponseHeader(..) => Error::new(
                ErrorKind::Protocol,
                format!("the answer from {origin} has headers this client does not accept (more than {MAX_RESPONSE_HEAD_BYTES} bytes)"),
            ),
            ureq::Error::BadUri(_) | ureq::Error::Http(_) => Error::new(
                ErrorKind::InvalidArgument,
                format!("invalid URL or request for {}", url::display(url.as_str())),
            ),
            other => Error::new(
                ErrorKind::Network,
                format!("request to {origin} failed: {}", clip(&other.to_string(), MAX_DETAIL_CHARS)),
            ),
        }
    }

    fn body(&self, e: ureq::Error, max_body: usize) -> Error {
        let url = self.url;
        let origin = origin(url);
        match e {
            ureq::Error::BodyExceedsLimit(_) => too_large(url, max_body),
            ureq::Error::Decompress(encoding, _) => Error::new(
                ErrorKind::Protocol,
                format!("the response from {origin} is not valid {encoding} data, as its Content-Encoding says"),
            ),
            ureq::Error::Timeout(_) => Error::new(
                ErrorKind::Timeout,
                format!("reading the response body from {origin} failed: no answer in time (ConnectTimeout + ReadTimeout)"),
            ),
            other => self
                .exchange(other)
                .context(format!("reading the response body from {origin} failed")),
        }
    }
}

fn too_large(url: &Url, max_body: usize) -> Error {
    Error::new(
        ErrorKind::Protocol,
        format!(
            "the response from {} is larger than {max_body} bytes (after decompression); it was not read to the end",
            origin(url)
        ),
    )
}

/// Decodes a `Content-Encoding: deflate` body, which RFC 9110 8.4.1.2 defines as zlib but some
/// servers send as raw deflate: zlib first, raw deflate if that fails. At most `max_body` bytes
/// come out, however well the input compresses.
fn inflate(compressed: &[u8], max_body: usize, url: &Url) -> Result<Vec<u8>> {
    use flate2::read::{DeflateDecoder, ZlibDecoder};
    use std::io::Read;
    let decode = |reader: &mut dyn Read| -> std::io::Result<Vec<u8>> {
        let mut body = Vec::new();
        reader.take(max_body as u64 + 1).read_to_end(&mut body)?;
        Ok(body)
    };
    let body = decode(&mut ZlibDecoder::new(compressed))
        .or_else(|_| decode(&mut DeflateDecoder::new(compressed)))
        .map_err(|_| {
            Error::new(
                ErrorKind::Protocol,
                format!(
                    "the response from {} is not valid deflate data, as its Content-Encoding says",
                    origin(url)
                ),
            )
        })?;
    if body.len() > max_body {
        return Err(too_large(url, max_body));
    }
    Ok(body)
}

/// An I/O error during an exchange, by its kind.
fn io_error(e: &std::io::Error, origin: &str) -> Error {
    use std::io::ErrorKind::*;
    match e.kind() {
        TimedOut | WouldBlock => Error::new(
            ErrorKind::Timeout,
            format!("no answer from {origin} in time (ConnectTimeout + ReadTimeout)"),
        ),
        UnexpectedEof | ConnectionAborted | ConnectionReset | BrokenPipe => Error::new(
            ErrorKind::Network,
            format!("{origin} closed the connection without a complete answer"),
        ),
        ConnectionRefused => Error::new(ErrorKind::Network, format!("cannot connect to {origin}: connection refused")),
        InvalidData | InvalidInput => Error::new(
            ErrorKind::Protocol,
            format!(
                "the answer from {origin} is not valid HTTP ({})",
                clip(&e.to_string(), MAX_DETAIL_CHARS)
            ),
        ),
        _ => Error::new(
            ErrorKind::Network,
            format!("request to {origin} failed: {}", clip(&e.to_string(), MAX_DETAIL_CHARS)),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A resolver that counts its lookups and answers every host with 192.0.2.<lookup number>.
    #[derive(Debug, Default)]
    struct CountingResolver(std::sync::atomic::AtomicU8);

    impl Resolver for CountingResolver {
        fn resolve(
            &self,
            uri: &http::Uri,
            _: &ureq::config::Config,
            _: NextTimeout,
        ) -> std::result::Result<ResolvedSocketAddrs, ureq::Error> {
            let lookup = self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
            if uri.host() == Some("unknown.example") {
                return Err(ureq::Error::HostNotFound);
            }
            let mut addrs = self.empty();
            addrs.push(SocketAddr::from(([192, 0, 2, lookup], uri.port_u16().unwrap_or(443))));
            Ok(addrs)
        }
    }

    fn resolve(resolver: &impl Resolver, url: &str) -> std::result::Result<Vec<SocketAddr>, ureq::Error> {
        let config = ureq::config::Config::default();
        let resolved = resolver.resolve(&url.parse().unwrap(), &config, NextTimeout::default())?;
        Ok(resolved.iter().copied().collect())
    }

    #[test]
    fn ip_addresses_are_taken_as_they_are_and_host_names_are_looked_up() {
        let resolver = CachingResolver::<DefaultResolver>::default();
        let resolve = |url: &str| resolve(&resolver, url).unwrap();
        assert_eq!(resolve("http://127.0.0.1:8080/a"), ["127.0.0.1:8080".parse().unwrap()]);
        assert_eq!(resolve("http://[::1]/"), ["[::1]:80".parse().unwrap()]);
        assert_eq!(resolve("https://10.1.2.3/token"), ["10.1.2.3:443".parse().unwrap()]);
        let localhost = resolve("http://localhost:8080/");
        assert!(!localhost.is_empty() && localhost.iter().all(|addr| addr.ip().is_loopback() && addr.port() == 8080));
    }

    #[test]
    fn a_host_name_is_looked_up_again_only_when_its_addresses_are_old_and_failures_are_not_kept() {
        let resolver = CachingResolver::<CountingResolver>::default();
        let first: SocketAddr = "192.0.2.1:8443".parse().unwrap();
        assert_eq!(resolve(&resolver, "https://as.example:8443/token").unwrap(), [first]);
        assert_eq!(resolve(&resolver, "https://AS.example:8443/api").unwrap(), [first]);
        assert_eq!(
            resolve(&resolver, "http://as.example:80/").unwrap(),
            ["192.0.2.2:80".parse().unwrap()]
        );
        assert_eq!(resolver.inner.0.load(std::sync::atomic::Ordering::SeqCst), 2);
        // IP addresses are not looked up at all.
        resolve(&resolver, "http://127.0.0.1:1/").unwrap();
        assert_eq!(resolver.inner.0.load(std::sync::atomic::Ordering::SeqCst), 2);

        for (at, _) in lock(&resolver.resolved).values_mut() {
            *at = at.checked_sub(RESOLVED_ADDRESSES_TTL).unwrap();
        }
        assert_eq!(
            resolve(&resolver, "https://as.example:8443/").unwrap(),
            ["192.0.2.3:8443".parse().unwrap()]
        );

        assert!(matches!(
            resolve(&resolver, "https://unknown.example/"),
            Err(ureq::Error::HostNotFound)
        ));
        assert!(matches!(
            resolve(&resolver, "https://unknown.example/"),
            Err(ureq::Error::HostNotFound)
        ));
        assert_eq!(resolver.inner.0.load(std::sync::atomic::Ordering::SeqCst), 5);
    }

    #[test]
    fn timeouts_below_one_second_mean_one() {
        let mut s = TransportSettings::default();
        s.set_connect_timeout_secs(0);
        s.set_read_timeout_secs(-5);
        assert_eq!((s.connect_timeout_secs(), s.read_timeout_secs()), (1, 1));
        s.set_read_timeout_secs(i32::MAX);
        assert_eq!(s.exchange_deadline(), Duration::from_secs(1 + i32::MAX as u64));
    }

    #[test]
    fn a_refused_connection_is_a_network_error_naming_only_the_origin() {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        let url = url::parse("http://127.0.0.1:1/path?access_token=SECRET").unwrap();
        let e = send(&TransportSettings::default(), "GET", &url, &[], None, None, 1024).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Network);
        assert!(e.to_string().contains("http://127.0.0.1:1"), "{e}");
        assert!(!e.to_string().contains("SECRET"), "{e}");
    }

    #[test]
    fn reachability_is_checked_with_a_tcp_connection() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let open = url::parse(&format!("http://127.0.0.1:{}/", listener.local_addr().unwrap().port())).unwrap();
        check_reachable(&TransportSettings::default(), &open).unwrap();
        let closed = url::parse("http://127.0.0.1:1/").unwrap();
        let e = check_reachable(&TransportSettings::default(), &closed).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Network);
        assert!(e.to_string().contains("http://127.0.0.1:1"), "{e}");
    }

    #[test]
    fn deflate_bodies_are_inflated_within_the_limit() {
        use std::io::Write;
        let url = url::parse("http://127.0.0.1:1/").unwrap();
        let zlib = |data: &[u8]| {
            let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
            e.write_all(data).unwrap();
            e.finish().unwrap()
        };
        let mut raw = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        raw.write_all(b"raw deflate").unwrap();
        assert_eq!(inflate(&zlib(b"{\"ok\":true}"), 100, &url).unwrap(), b"{\"ok\":true}");
        assert_eq!(inflate(&raw.finish().unwrap(), 100, &url).unwrap(), b"raw deflate");
        let bomb = zlib(&vec![0u8; 10 << 20]);
        assert!(bomb.len() < 20_000);
        let e = inflate(&bomb, 1 << 20, &url).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Protocol);
        assert!(e.to_string().contains("after decompression"), "{e}");
        assert_eq!(inflate(b"not compressed", 100, &url).unwrap_err().kind(), ErrorKind::Protocol);
    }

    #[test]
    fn objects_with_the_same_settings_share_a_pool() {
        let mut settings = TransportSettings::default();
        settings.set_trusted_ca_file("/dpop-test-pool-sharing");
        let url = url::parse("https://127.0.0.1:1/").unwrap();
        let address = |agent: &Agent| format!("{:p}", agent.config());
        let a = pool(&settings.pool_key(&url));
        assert_eq!(address(&a), address(&pool(&settings.pool_key(&url))));
        close_connections(&settings);
        assert_ne!(address(&a), address(&pool(&settings.pool_key(&url))));
        settings.proxy_mut().host = "127.0.0.1".into();
        assert_eq!(settings.pool_key(&url).proxy.map(|p| p.address()).as_deref(), Some("127.0.0.1:80"));
    }
}
