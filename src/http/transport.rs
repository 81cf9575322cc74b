//! One HTTP exchange over ureq: connection reuse, timeouts, TLS trust, size limits, and plain
//! error messages with their kind. Knows nothing about tokens or proofs.

use super::response::Response;
use crate::error::{Error, ErrorKind, Result};
use crate::redact::clip;
use crate::url::{self, origin, Url};
use once_cell::sync::Lazy;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use rustls::{CertificateError, RootCertStore};
use std::io::Read;
use std::sync::Arc;
use std::time::Duration;

/// How much of a transport error's own text goes into an error message (some of ureq's messages
/// quote what the server sent).
const MAX_DETAIL_CHARS: usize = 200;

/// Settings that shape the connection pool; changing one builds a new pool.
#[derive(Clone, PartialEq, Eq, Debug)]
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

    /// Extra PEM file of CA certificates to trust (private PKI), "" for none.
    pub fn trusted_ca_file(&self) -> &str {
        &self.trusted_ca_file
    }

    pub fn set_trusted_ca_file(&mut self, path: &str) {
        self.trusted_ca_file = path.to_string();
    }

    /// The longest one exchange may take: headers and body too, however slowly they trickle in.
    fn exchange_deadline(&self) -> Duration {
        Duration::from_secs(u64::from(self.connect_timeout_secs) + u64::from(self.read_timeout_secs))
    }
}

/// The operating system's trust store plus the bundled Mozilla roots, loaded once per process:
/// corporate roots live in the OS store, and the bundle covers machines whose store is empty.
static SYSTEM_ROOTS: Lazy<RootCertStore> = Lazy::new(|| {
    let mut roots = RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
    roots
});

pub struct Transport {
    agent: ureq::Agent,
    settings: TransportSettings,
}

impl Transport {
    pub fn new(settings: TransportSettings) -> Result<Transport> {
        let mut roots = SYSTEM_ROOTS.clone();
        if !settings.trusted_ca_file.is_empty() {
            add_ca_file(&mut roots, &settings.trusted_ca_file)?;
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| Error::new(ErrorKind::Internal, format!("TLS setup failed: {e}")))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        let agent = ureq::AgentBuilder::new()
            .tls_config(Arc::new(tls))
            .timeout_connect(Duration::from_secs(settings.connect_timeout_secs.into()))
            .timeout_read(Duration::from_secs(settings.read_timeout_secs.into()))
            .timeout_write(Duration::from_secs(settings.read_timeout_secs.into()))
            // Redirects are followed by the caller, which decides what credentials may follow.
            .redirects(0)
            .build();
        Ok(Transport { agent, settings })
    }

    pub fn settings(&self) -> &TransportSettings {
        &self.settings
    }

    /// Sends one request and reads the whole response (any status), refusing bodies larger
    /// than `max_body` bytes.
    pub fn send(&self, method: &str, url: &Url, headers: &[(String, String)], body: Option<&[u8]>, max_body: usize) -> Result<Response> {
        // ureq applies this deadline instead of the per-read ReadTimeout, which is why the
        // whole exchange ends within ConnectTimeout + ReadTimeout.
        let mut request = self.agent.request_url(method, url).timeout(self.settings.exchange_deadline());
        for (name, value) in headers {
            request = request.set(name, value);
        }
        let result = match body {
            Some(bytes) => request.send_bytes(bytes),
            None => request.call(),
        };
        let response = match result {
            Ok(r) | Err(ureq::Error::Status(_, r)) => r,
            Err(ureq::Error::Transport(t)) => return Err(self.transport_error(&t, url)),
        };
        let status = response.status();
        let reason = response.status_text().to_string();
        let headers = response
            .headers_names()
            .into_iter()
            .flat_map(|name| {
                response
                    .all(&name)
                    .into_iter()
                    .map(|v| (name.clone(), v.to_string()))
                    .collect::<Vec<_>>()
            })
            .collect();
        let body = read_body(response.into_reader(), url, max_body)?;
        Ok(Response {
            status,
            reason,
            headers,
            body,
        })
    }

    /// The error for a failed exchange, its kind taken from ureq's error kind and the I/O or TLS
    /// error underneath, never from the text.
    fn transport_error(&self, t: &ureq::Transport, url: &Url) -> Error {
        use std::io::ErrorKind::{InvalidData, InvalidInput, Other};
        use ureq::ErrorKind::*;
        let origin = origin(url);
        let io = io_error_in(t);
        if let Some(tls) = io.and_then(|e| e.get_ref()).and_then(|inner| inner.downcast_ref::<rustls::Error>()) {
            let text = format!("TLS handshake with {origin} failed: {}", self.tls_reason(tls, url));
            return Error::new(ErrorKind::Tls, text);
        }
        if io.is_some_and(is_timeout) {
            return Error::new(
                ErrorKind::Timeout,
                format!("no answer from {origin} in time (ConnectTimeout + ReadTimeout)"),
            );
        }
        // Not `t.to_string()`: ureq puts the whole URL, query and all, in front of it.
        let detail = std::error::Error::source(t)
            .map(|s| s.to_string())
            .or_else(|| t.message().map(str::to_string))
            .unwrap_or_else(|| t.kind().to_string());
        let detail = clip(&detail, MAX_DETAIL_CHARS);
        let io_kind = io.map(std::io::Error::kind);
        match t.kind() {
            Dns => Error::new(ErrorKind::Network, format!("cannot resolve the host of {origin}: {detail}")),
            ConnectionFailed => Error::new(ErrorKind::Network, format!("cannot connect to {origin}: {detail}")),
            // ureq reports a response head cut off before its line ended as InvalidInput.
            Io if io_kind.is_some_and(|kind| is_connection_lost(kind) || kind == InvalidInput) => Error::new(
                ErrorKind::Network,
                format!("{origin} closed the connection without a complete answer"),
            ),
            BadStatus => Error::new(
                ErrorKind::Protocol,
                format!("the answer from {origin} is not an HTTP response ({detail})"),
            ),
            // ureq reports a header it refuses (too long, too many) as an I/O error of kind Other.
            BadHeader => Error::new(
                ErrorKind::Protocol,
                format!("the answer from {origin} has headers this client does not accept ({detail})"),
            ),
            Io if matches!(io_kind, Some(Other | InvalidData)) => Error::new(
                ErrorKind::Protocol,
                format!("the answer from {origin} has headers this client does not accept ({detail})"),
            ),
            InvalidUrl | UnknownScheme => Error::new(
                ErrorKind::InvalidArgument,
                format!("invalid URL {}: {detail}", url::display(url.as_str())),
            ),
            _ => Error::new(ErrorKind::Network, format!("request to {origin} failed: {detail}")),
        }
    }

    /// A TLS failure in plain words, with what to do about it where there is something to do.
    fn tls_reason(&self, e: &rustls::Error, url: &Url) -> String {
        let trust_hint = if self.settings.trusted_ca_file.is_empty() {
            "set TrustedCaFile to a PEM file with the certificate of the authority that issued it".to_string()
        } else {
            format!(
                "neither the system's trusted authorities nor TrustedCaFile '{}' issued it",
                self.settings.trusted_ca_file
            )
        };
        match e {
            rustls::Error::InvalidCertificate(cert) => match cert {
                CertificateError::UnknownIssuer => format!("the server's certificate is not from a trusted authority ({trust_hint})"),
                CertificateError::Expired | CertificateError::ExpiredContext { .. } => "the server's certificate has expired".into(),
                CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                    "the server's certificate is not valid yet (check this computer's clock)".into()
                }
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => format!(
                    "the server's certificate is not valid for the name '{}'",
                    url.host_str().unwrap_or_default()
                ),
                CertificateError::Revoked => "the server's certificate has been revoked".into(),
                CertificateError::BadSignature => "the server's certificate has an invalid signature".into(),
                CertificateError::InvalidPurpose | CertificateError::InvalidPurposeContext { .. } => {
                    "the server's certificate is not meant for TLS servers".into()
                }
                CertificateError::BadEncoding => "the server's certificate is malformed".into(),
                other => format!("the server's certificate was refused ({other})"),
            },
            rustls::Error::NoCertificatesPresented => "the server sent no certificate".into(),
            rustls::Error::AlertReceived(alert) => format!("the server ended the handshake (TLS alert {alert:?})"),
            rustls::Error::PeerIncompatible(_) => {
                "the server offers no TLS version or cipher suite this library accepts (TLS 1.2 or 1.3)".into()
            }
            other => other.to_string(),
        }
    }
}

/// The I/O error underneath a ureq transport error, if there is one.
fn io_error_in(t: &ureq::Transport) -> Option<&std::io::Error> {
    std::error::Error::source(t).and_then(|s| s.downcast_ref::<std::io::Error>())
}

/// The peer went away mid-exchange (ureq reports a response cut short as ConnectionAborted).
fn is_connection_lost(kind: std::io::ErrorKind) -> bool {
    use std::io::ErrorKind::*;
    matches!(kind, UnexpectedEof | ConnectionAborted | ConnectionReset | BrokenPipe)
}

fn is_timeout(e: &std::io::Error) -> bool {
    matches!(e.kind(), std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock)
}

fn read_body(mut reader: impl Read, url: &Url, max_body: usize) -> Result<Vec<u8>> {
    let mut body = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        let n = reader.read(&mut chunk).map_err(|e| {
            let (kind, reason) = if is_timeout(&e) {
                (ErrorKind::Timeout, "no answer in time (ConnectTimeout + ReadTimeout)".to_string())
            } else {
                (ErrorKind::Network, clip(&e.to_string(), MAX_DETAIL_CHARS))
            };
            Error::new(
                kind,
                format!(
                    "reading the response body from {} failed after {} bytes: {reason}",
                    origin(url),
                    body.len()
                ),
            )
        })?;
        if n == 0 {
            return Ok(body);
        }
        if body.len() + n > max_body {
            return Err(Error::new(
                ErrorKind::Protocol,
                format!(
                    "the response from {} is larger than {max_body} bytes; it was not read to the end",
                    origin(url)
                ),
            ));
        }
        body.extend_from_slice(&chunk[..n]);
    }
}

fn add_ca_file(roots: &mut RootCertStore, path: &str) -> Result<()> {
    let what = || format!("loading TrustedCaFile '{path}'");
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(path)
        .map_err(|e| Error::new(ErrorKind::Io, e.to_string()).context(what()))?
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| Error::new(ErrorKind::InvalidArgument, format!("not a PEM certificate file ({e})")).context(what()))?;
    if certs.is_empty() {
        return Err(Error::new(ErrorKind::InvalidArgument, "it contains no PEM certificates").context(what()));
    }
    let (_, ignored) = roots.add_parsable_certificates(certs);
    if ignored > 0 {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("{ignored} certificate(s) in it could not be parsed"),
        )
        .context(what()));
    }
    Ok(())
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
        let transport = Transport::new(TransportSettings::default()).unwrap();
        let url = url::parse("http://127.0.0.1:1/path?access_token=SECRET").unwrap();
        let e = transport.send("GET", &url, &[], None, 1024).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Network);
        assert!(e.to_string().starts_with("cannot connect to http://127.0.0.1:1:"), "{e}");
        assert!(!e.to_string().contains("SECRET"), "{e}");
    }

    #[test]
    fn a_missing_ca_file_is_an_io_error() {
        let mut s = TransportSettings::default();
        s.set_trusted_ca_file("/nonexistent/ca.pem");
        assert_eq!(Transport::new(s).err().map(|e| e.kind()), Some(ErrorKind::Io));
    }
}
