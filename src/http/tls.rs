//! HTTPS for the transport: a ureq connector that wraps the TCP stream in rustls with the trust
//! this library promises (the operating system's store, the bundled Mozilla roots and
//! TrustedCaFile), and says what went wrong in plain words.
//!
//! The trust store is loaded when the first HTTPS connection needs it, not before: a program that
//! only talks plain http never pays for reading the system store.
//!
//! A certificate in TrustedCaFile that is exactly the server's own certificate is an explicit pin
//! and is accepted even when it is marked as a CA, which is what `openssl req -x509` makes and
//! webpki otherwise refuses as an end entity; its name must still match the host.

use crate::error::{Error, ErrorKind, Result};
use crate::sync::lock;
use once_cell::sync::Lazy;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, ClientConfig, ClientConnection, DigitallySignedStruct, RootCertStore, SignatureScheme, StreamOwned};
use std::fmt;
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use ureq::unversioned::transport::{Buffers, ConnectionDetails, Connector, Either, LazyBuffers, NextTimeout, Transport, TransportAdapter};

/// The operating system's trust store plus the bundled Mozilla roots, loaded once per process on
/// first use: corporate roots live in the OS store, and the bundle covers machines whose store is
/// empty.
static SYSTEM_ROOTS: Lazy<RootCertStore> = Lazy::new(|| {
    let mut roots = RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
    roots
});

/// Wraps connections to https URLs in TLS. The rustls configuration is built on first use and
/// kept; a failure to build it (an unreadable TrustedCaFile) is reported on each HTTPS request.
pub(super) struct TlsConnector {
    trusted_ca_file: String,
    config: Mutex<Option<Arc<ClientConfig>>>,
}

impl TlsConnector {
    pub fn new(trusted_ca_file: &str) -> TlsConnector {
        TlsConnector {
            trusted_ca_file: trusted_ca_file.to_string(),
            config: Mutex::new(None),
        }
    }

    fn config(&self) -> Result<Arc<ClientConfig>> {
        let mut cached = lock(&self.config);
        if let Some(config) = cached.as_ref() {
            return Ok(config.clone());
        }
        let config = Arc::new(client_config(&self.trusted_ca_file)?);
        *cached = Some(config.clone());
        Ok(config)
    }

    fn handshake<In: Transport>(&self, details: &ConnectionDetails, transport: In) -> Result<TlsTransport> {
        let config = self.config()?;
        let host = details.uri.host().unwrap_or_default();
        // An IPv6 literal comes with its brackets.
        let host = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')).unwrap_or(host);
        let name = ServerName::try_from(host.to_string())
            .map_err(|_| Error::new(ErrorKind::InvalidArgument, format!("'{host}' is not a host name TLS can check")))?;
        let mut connection = ClientConnection::new(config, name).map_err(|e| tls_error(&e, host, &self.trusted_ca_file))?;
        let mut socket = TransportAdapter::new(transport.boxed(), details.current_time.clone());
        socket.set_timeout(details.timeout);
        connection
            .complete_io(&mut socket)
            .map_err(|e| match e.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>()) {
                Some(tls) => tls_error(tls, host, &self.trusted_ca_file),
                None => io_during_handshake(&e),
            })?;
        Ok(TlsTransport {
            buffers: LazyBuffers::new(details.config.input_buffer_size(), details.config.output_buffer_size()),
            stream: StreamOwned::new(connection, socket),
        })
    }
}

impl fmt::Debug for TlsConnector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TlsConnector")
            .field("trusted_ca_file", &self.trusted_ca_file)
            .finish()
    }
}

impl<In: Transport> Connector<In> for TlsConnector {
    type Out = Either<In, TlsTransport>;

    fn connect(&self, details: &ConnectionDetails, chained: Option<In>) -> std::result::Result<Option<Self::Out>, ureq::Error> {
        let Some(transport) = chained else {
            return Err(ureq::Error::ConnectionFailed);
        };
        if !details.needs_tls() || transport.is_tls() {
            return Ok(Some(Either::A(transport)));
        }
        // Our own error travels through ureq's and is unwrapped by the transport.
        self.handshake(details, transport)
            .map(|tls| Some(Either::B(tls)))
            .map_err(|e| ureq::Error::Other(Box::new(e)))
    }
}

/// The error for an I/O failure during the handshake: the server went away or did not answer.
fn io_during_handshake(e: &std::io::Error) -> Error {
    match e.kind() {
        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => Error::new(
            ErrorKind::Timeout,
            "no answer during the TLS handshake in time (ConnectTimeout + ReadTimeout)",
        ),
        _ => Error::new(
            ErrorKind::Network,
            format!("the connection broke during the TLS handshake ({})", e.kind()),
        ),
    }
}

/// A TLS connection, as ureq's transport.
pub(super) struct TlsTransport {
    buffers: LazyBuffers,
    stream: StreamOwned<ClientConnection, TransportAdapter>,
}

impl Transport for TlsTransport {
    fn buffers(&mut self) -> &mut dyn Buffers {
        &mut self.buffers
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> std::result::Result<(), ureq::Error> {
        self.stream.get_mut().set_timeout(timeout);
        let output = &self.buffers.output()[..amount];
        self.stream.write_all(output)?;
        Ok(())
    }

    fn await_input(&mut self, timeout: NextTimeout) -> std::result::Result<bool, ureq::Error> {
        self.stream.get_mut().set_timeout(timeout);
        let input = self.buffers.input_append_buf();
        let amount = self.stream.read(input)?;
        self.buffers.input_appended(amount);
        Ok(amount > 0)
    }

    fn is_open(&mut self) -> bool {
        self.stream.get_mut().get_mut().is_open()
    }

    fn is_tls(&self) -> bool {
        true
    }
}

impl fmt::Debug for TlsTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TlsTransport").finish_non_exhaustive()
    }
}

/// The rustls configuration: safe protocol versions, the system and bundled roots, the
/// certificates of `trusted_ca_file` (as roots and as exact pins).
fn client_config(trusted_ca_file: &str) -> Result<ClientConfig> {
    let mut roots = SYSTEM_ROOTS.clone();
    let pinned = if trusted_ca_file.is_empty() {
        Vec::new()
    } else {
        let certs = read_ca_file(trusted_ca_file)?;
        // Certificates webpki cannot use as roots are still good as exact pins.
        roots.add_parsable_certificates(certs.iter().cloned());
        certs
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let webpki = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
        .build()
        .map_err(|e| Error::new(ErrorKind::Internal, format!("TLS setup failed: {e}")))?;
    let verifier = PinningVerifier { webpki, pinned };
    Ok(ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::new(ErrorKind::Internal, format!("TLS setup failed: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth())
}

fn read_ca_file(path: &str) -> Result<Vec<CertificateDer<'static>>> {
    let what = || format!("loading TrustedCaFile '{path}'");
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(path)
        .map_err(|e| Error::new(ErrorKind::Io, e.to_string()).context(what()))?
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| Error::new(ErrorKind::InvalidArgument, format!("not a PEM certificate file ({e})")).context(what()))?;
    if certs.is_empty() {
        return Err(Error::new(ErrorKind::InvalidArgument, "it contains no PEM certificates").context(what()));
    }
    let (_, unusable) = RootCertStore::empty().add_parsable_certificates(certs.iter().cloned());
    if unusable > 0 {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("{unusable} certificate(s) in it could not be parsed"),
        )
        .context(what()));
    }
    Ok(certs)
}

/// webpki's verification, plus exact pins: the end-entity certificate the server presents is
/// accepted when it is byte for byte one of the pinned certificates and names the host.
#[derive(Debug)]
struct PinningVerifier {
    webpki: Arc<WebPkiServerVerifier>,
    pinned: Vec<CertificateDer<'static>>,
}

impl ServerCertVerifier for PinningVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        let verdict = self
            .webpki
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now);
        if verdict.is_err() && self.pinned.iter().any(|pin| pin.as_ref() == end_entity.as_ref()) {
            let cert = webpki::EndEntityCert::try_from(end_entity)
                .map_err(|_| rustls::Error::InvalidCertificate(CertificateError::BadEncoding))?;
            cert.verify_is_valid_for_subject_name(server_name)
                .map_err(|_| rustls::Error::InvalidCertificate(CertificateError::NotValidForName))?;
            return Ok(ServerCertVerified::assertion());
        }
        verdict
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.webpki.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.webpki.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.webpki.supported_verify_schemes()
    }
}

/// A TLS failure with `host` in plain words, with what to do about it where there is something.
fn tls_error(e: &rustls::Error, host: &str, trusted_ca_file: &str) -> Error {
    let trust_hint = if trusted_ca_file.is_empty() {
        "set TrustedCaFile to a PEM file with the certificate of the authority that issued it, or with the server's own certificate"
            .to_string()
    } else {
        format!("neither the system's trusted authorities nor TrustedCaFile '{trusted_ca_file}' issued it, and it is not in that file")
    };
    let reason = match e {
        rustls::Error::InvalidCertificate(cert) => match cert {
            CertificateError::UnknownIssuer => format!("the server's certificate is not from a trusted authority ({trust_hint})"),
            CertificateError::Expired | CertificateError::ExpiredContext { .. } => "the server's certificate has expired".into(),
            CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                "the server's certificate is not valid yet (check this computer's clock)".into()
            }
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
                format!("the server's certificate is not valid for the name '{host}'")
            }
            CertificateError::Revoked => "the server's certificate has been revoked".into(),
            CertificateError::BadSignature => "the server's certificate has an invalid signature".into(),
            CertificateError::InvalidPurpose | CertificateError::InvalidPurposeContext { .. } => {
                "the server's certificate is not meant for TLS servers".into()
            }
            CertificateError::BadEncoding => "the server's certificate is malformed".into(),
            CertificateError::Other(other) if other.0.downcast_ref::<webpki::Error>() == Some(&webpki::Error::CaUsedAsEndEntity) => {
                format!("the server presents a certificate authority's certificate as its own, as self-signed ones made with `openssl req -x509` are ({trust_hint})")
            }
            _ => format!("the server's certificate is not accepted ({trust_hint})"),
        },
        rustls::Error::NoCertificatesPresented => "the server sent no certificate".into(),
        rustls::Error::AlertReceived(alert) => format!("the server ended the handshake (TLS alert {alert:?})"),
        rustls::Error::PeerIncompatible(_) => {
            "the server offers no TLS version or cipher suite this library accepts (TLS 1.2 or 1.3)".into()
        }
        _ => "the server's answer is not valid TLS".into(),
    };
    Error::new(ErrorKind::Tls, format!("TLS handshake with {host} failed: {reason}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_ca_file_is_an_io_error_and_garbage_is_an_invalid_argument() {
        assert_eq!(client_config("/nonexistent/ca.pem").err().map(|e| e.kind()), Some(ErrorKind::Io));
        let garbage = std::env::temp_dir().join(format!("dpop-tls-garbage-{}.pem", std::process::id()));
        std::fs::write(&garbage, "not a certificate").unwrap();
        let e = client_config(garbage.to_str().unwrap()).err();
        std::fs::remove_file(&garbage).unwrap();
        assert_eq!(e.map(|e| e.kind()), Some(ErrorKind::InvalidArgument));
    }

    #[test]
    fn tls_errors_are_plain_words_with_advice() {
        let e = tls_error(
            &rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer),
            "as.example",
            "",
        );
        assert_eq!(e.kind(), ErrorKind::Tls);
        assert!(e.to_string().contains("not from a trusted authority (set TrustedCaFile"), "{e}");
        let e = tls_error(
            &rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer),
            "as.example",
            "ca.pem",
        );
        assert!(e.to_string().contains("nor TrustedCaFile 'ca.pem' issued it"), "{e}");
        let e = tls_error(
            &rustls::Error::InvalidCertificate(CertificateError::NotValidForName),
            "as.example",
            "",
        );
        assert!(e.to_string().ends_with("not valid for the name 'as.example'"), "{e}");
        assert!(!e.to_string().contains("Other("), "{e}");
    }
}
