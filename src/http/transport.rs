//! One HTTP exchange over ureq: connection reuse, timeouts, TLS trust, size limits, and plain
//! error messages. Knows nothing about tokens or proofs.

use super::response::Response;
use crate::error::{Error, Result};
use crate::proof::{origin, url_for_display};
use once_cell::sync::Lazy;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use rustls::RootCertStore;
use std::io::Read;
use std::sync::Arc;
use std::time::Duration;
use url::Url;

/// Settings that shape the connection pool; changing one builds a new pool.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct TransportSettings {
    pub connect_timeout_secs: u32,
    pub read_timeout_secs: u32,
    /// Extra PEM file of CA certificates to trust (private PKI), "" for none.
    pub trusted_ca_file: String,
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
            .map_err(|e| Error::new(format!("TLS setup failed: {e}")))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        let timeout = |secs: u32| Duration::from_secs(secs.max(1).into());
        let agent = ureq::AgentBuilder::new()
            .tls_config(Arc::new(tls))
            .timeout_connect(timeout(settings.connect_timeout_secs))
            .timeout_read(timeout(settings.read_timeout_secs))
            .timeout_write(timeout(settings.read_timeout_secs))
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
        // The whole exchange (headers and body too, however slowly they trickle in) must end
        // within ConnectTimeout + ReadTimeout. ureq then applies this deadline instead of the
        // per-read ReadTimeout, which is why the two add up.
        let total =
            Duration::from_secs(u64::from(self.settings.connect_timeout_secs.max(1)) + u64::from(self.settings.read_timeout_secs.max(1)));
        let mut request = self.agent.request_url(method, url).timeout(total);
        for (name, value) in headers {
            request = request.set(name, value);
        }
        let result = match body {
            Some(bytes) => request.send_bytes(bytes),
            None => request.call(),
        };
        let response = match result {
            Ok(r) | Err(ureq::Error::Status(_, r)) => r,
            Err(ureq::Error::Transport(t)) => return Err(describe_transport_error(&t, url)),
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
}

fn read_body(mut reader: impl Read, url: &Url, max_body: usize) -> Result<Vec<u8>> {
    let mut body = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        let n = reader.read(&mut chunk).map_err(|e| {
            Error::new(format!(
                "reading the response body from {} failed after {} bytes: {}",
                origin(url),
                body.len(),
                io_reason(&e)
            ))
        })?;
        if n == 0 {
            return Ok(body);
        }
        if body.len() + n > max_body {
            return Err(Error::new(format!(
                "the response from {} is larger than {max_body} bytes; it was not read to the end",
                origin(url)
            )));
        }
        body.extend_from_slice(&chunk[..n]);
    }
}

fn add_ca_file(roots: &mut RootCertStore, path: &str) -> Result<()> {
    let what = || format!("loading TrustedCaFile '{path}'");
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(path)
        .map_err(|e| Error::new(e.to_string()).context(what()))?
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| Error::new(format!("not a PEM certificate file ({e})")).context(what()))?;
    if certs.is_empty() {
        return Err(Error::new("it contains no PEM certificates").context(what()));
    }
    let (_, ignored) = roots.add_parsable_certificates(certs);
    if ignored > 0 {
        return Err(Error::new(format!("{ignored} certificate(s) in it could not be parsed")).context(what()));
    }
    Ok(())
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => "no answer in time (ConnectTimeout + ReadTimeout)".to_string(),
        _ => e.to_string(),
    }
}

/// How much of a transport error's own text goes into an error message.
const MAX_DETAIL_CHARS: usize = 200;

fn describe_transport_error(t: &ureq::Transport, url: &Url) -> Error {
    use ureq::ErrorKind::*;
    let origin = origin(url);
    let detail = std::error::Error::source(t)
        .map(|s| s.to_string())
        .or_else(|| t.message().map(str::to_string))
        // Not `t.to_string()`: ureq puts the whole URL, query and all, in front of it.
        .unwrap_or_else(|| t.kind().to_string());
    // Some of ureq's messages quote what the server sent (up to 100 KB of it).
    let detail = match detail.char_indices().nth(MAX_DETAIL_CHARS) {
        Some((cut, _)) => format!("{}...", &detail[..cut]),
        None => detail,
    };
    let text = match t.kind() {
        Dns => format!("cannot resolve the host of {origin}: {detail}"),
        ConnectionFailed if detail.contains("certificate") || detail.contains("tls") || detail.contains("TLS") => {
            format!("TLS handshake with {origin} failed: {detail} (to trust a private CA, set TrustedCaFile)")
        }
        ConnectionFailed => format!("cannot connect to {origin}: {detail}"),
        Io if detail.contains("timed out") || detail.contains("Timeout") || detail.contains("would block") => {
            format!("no answer from {origin} in time: {detail} (ConnectTimeout + ReadTimeout)")
        }
        Io if detail.contains("Unexpected EOF") || detail.contains("didn't end with") => {
            format!("{origin} closed the connection without a complete answer")
        }
        BadStatus => format!("the answer from {origin} is not an HTTP response ({detail})"),
        BadHeader | Io if detail.contains("header field") => format!("the answer from {origin} has unacceptable headers ({detail})"),
        InvalidUrl | UnknownScheme => format!("invalid URL {}: {detail}", url_for_display(url.as_str())),
        _ => format!("request to {origin} failed: {detail}"),
    };
    Error::new(text)
}
