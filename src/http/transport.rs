//! One HTTP exchange over ureq: connections shared by every Http object with the same settings,
//! timeouts, size limits, and plain error messages with their kind. Knows nothing about tokens or
//! proofs.

use super::raw_head::{self, RecordingConnector};
use super::response::Response;
use super::tls::TlsConnector;
use crate::error::{Error, ErrorKind, Result};
use crate::redact::clip;
use crate::sync::lock;
use crate::url::{self, origin, Url};
use once_cell::sync::Lazy;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;
use ureq::config::AutoHeaderValue;
use ureq::http;
use ureq::unversioned::resolver::DefaultResolver;
use ureq::unversioned::transport::{ConnectProxyConnector, Connector, TcpConnector};
use ureq::Agent;

/// How much of a transport error's own text goes into an error message.
const MAX_DETAIL_CHARS: usize = 200;
/// Response heads larger than this are refused. Generous, because servers quote long texts in
/// WWW-Authenticate, but below ureq's input buffer (128 KiB), which must hold the whole head.
const MAX_RESPONSE_HEAD_BYTES: usize = 120 * 1024;
/// Distinct settings whose connection pools one process keeps before starting over.
const MAX_POOLS: usize = 64;

/// Settings that shape a connection pool; every Http object with the same settings shares one.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct TransportSettings {
    connect_timeout_secs: u32,
    read_timeout_secs: u32,
    trusted_ca_file: String,
}

impl Default for TransportSettings {
    fn default() -> Self {
        // Chilkat's defaults.
        TransportSettings {
            connect_timeout_secs: 30,
            read_timeout_secs: 60,
            trusted_ca_file: String::new(),
        }
    }
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

    /// The longest one exchange may take: connecting, sending, and the whole answer, however
    /// slowly it trickles in.
    fn exchange_deadline(&self) -> Duration {
        Duration::from_secs(u64::from(self.connect_timeout_secs) + u64::from(self.read_timeout_secs))
    }

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
            .timeout_connect(Some(Duration::from_secs(self.connect_timeout_secs.into())))
            .timeout_global(Some(self.exchange_deadline()))
            .build();
        let connector =
            ().chain(TcpConnector::default())
                .chain(ConnectProxyConnector::default())
                .chain(TlsConnector::new(&self.trusted_ca_file))
                .chain(RecordingConnector);
        Agent::with_parts(config, connector, DefaultResolver::default())
    }
}

/// The agents (connection pools) of the process, one per distinct settings.
static POOLS: Lazy<Mutex<HashMap<TransportSettings, Agent>>> = Lazy::new(Default::default);

/// The shared connection pool for some settings.
pub struct Transport {
    agent: Agent,
    settings: TransportSettings,
}

impl Transport {
    /// The pool every Http object with `settings` uses, created on first use.
    pub fn shared(settings: &TransportSettings) -> Transport {
        let mut pools = lock(&POOLS);
        if pools.len() >= MAX_POOLS && !pools.contains_key(settings) {
            pools.clear();
        }
        let agent = pools.entry(settings.clone()).or_insert_with(|| settings.new_agent()).clone();
        Transport {
            agent,
            settings: settings.clone(),
        }
    }

    /// Closes the idle connections of the pool for `settings`: later requests open new ones.
    pub fn close_connections(settings: &TransportSettings) {
        lock(&POOLS).remove(settings);
    }

    pub fn settings(&self) -> &TransportSettings {
        &self.settings
    }

    /// Sends one request and reads the whole response (any status), refusing bodies larger
    /// than `max_body` bytes.
    pub fn send(&self, method: &str, url: &Url, headers: &[(String, String)], body: Option<&[u8]>, max_body: usize) -> Result<Response> {
        let mut request = http::Request::builder().method(method).uri(url.as_str());
        for (name, value) in headers {
            request = request.header(name.as_str(), value.as_str());
        }
        let sent = match body {
            Some(bytes) => request.body(bytes).map(|r| self.agent.run(r)),
            None => request.body(()).map(|r| self.agent.run(r)),
        };
        let mut response = sent
            .map_err(|e| Error::new(ErrorKind::InvalidArgument, format!("the request cannot be built: {e}")))?
            .map_err(|e| self.transport_error(e, url))?;
        let status = response.status().as_u16();
        let (reason, headers) = raw_head::take().unwrap_or_else(|| {
            let reason = response.status().canonical_reason().unwrap_or_default().to_string();
            let headers = response
                .headers()
                .iter()
                .map(|(name, value)| (name.to_string(), String::from_utf8_lossy(value.as_bytes()).into_owned()))
                .collect();
            (reason, headers)
        });
        let body = response
            .body_mut()
            .with_config()
            .limit(max_body as u64)
            .read_to_vec()
            .map_err(|e| self.body_error(e, url, max_body))?;
        Ok(Response {
            status,
            reason,
            headers,
            body,
        })
    }

    /// The error for a failed exchange, its kind taken from ureq's error and the I/O error
    /// underneath, never from the text.
    fn transport_error(&self, e: ureq::Error, url: &Url) -> Error {
        let origin = origin(url);
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
            ureq::Error::HostNotFound => Error::new(ErrorKind::Network, format!("cannot resolve the host of {origin}")),
            ureq::Error::ConnectionFailed => Error::new(ErrorKind::Network, format!("cannot connect to {origin}")),
            ureq::Error::Io(io) => io_error(&io, &origin),
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

    fn body_error(&self, e: ureq::Error, url: &Url, max_body: usize) -> Error {
        let origin = origin(url);
        match e {
            ureq::Error::BodyExceedsLimit(_) => Error::new(
                ErrorKind::Protocol,
                format!("the response from {origin} is larger than {max_body} bytes; it was not read to the end"),
            ),
            ureq::Error::Timeout(_) => Error::new(
                ErrorKind::Timeout,
                format!("reading the response body from {origin} failed: no answer in time (ConnectTimeout + ReadTimeout)"),
            ),
            other => self
                .transport_error(other, url)
                .context(format!("reading the response body from {origin} failed")),
        }
    }
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
        let transport = Transport::shared(&TransportSettings::default());
        let url = url::parse("http://127.0.0.1:1/path?access_token=SECRET").unwrap();
        let e = transport.send("GET", &url, &[], None, 1024).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Network);
        assert!(e.to_string().contains("http://127.0.0.1:1"), "{e}");
        assert!(!e.to_string().contains("SECRET"), "{e}");
    }

    #[test]
    fn objects_with_the_same_settings_share_a_pool() {
        let mut settings = TransportSettings::default();
        settings.set_trusted_ca_file("/dpop-test-pool-sharing");
        let a = Transport::shared(&settings);
        let b = Transport::shared(&settings);
        assert_eq!(format!("{:p}", a.agent.config()), format!("{:p}", b.agent.config()));
        Transport::close_connections(&settings);
        let c = Transport::shared(&settings);
        assert_ne!(format!("{:p}", a.agent.config()), format!("{:p}", c.agent.config()));
    }
}
