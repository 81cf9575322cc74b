//! HTTPS trust against a real TLS server on 127.0.0.1 with a self-signed certificate made the
//! usual way (`openssl req -x509`, which marks it CA:TRUE): given as TrustedCaFile it is an exact
//! pin and is accepted; without it, or for another name, or another certificate, the request
//! fails with a TLS error in plain words.

use dpop::http::{Http, StatusPolicy};
use dpop::ErrorKind;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

/// A self-signed certificate for 127.0.0.1 as `openssl req -x509` makes it, in a fresh directory.
fn self_signed(dir: &Path, name: &str) -> (PathBuf, PathBuf) {
    let (cert, key) = (dir.join(format!("{name}.pem")), dir.join(format!("{name}-key.pem")));
    let made = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-days",
            "2",
        ])
        .args(["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .expect("the openssl command is needed for this test");
    assert!(made.status.success(), "openssl req: {}", String::from_utf8_lossy(&made.stderr));
    let text = Command::new("openssl")
        .arg("x509")
        .arg("-noout")
        .arg("-text")
        .arg("-in")
        .arg(&cert)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&text.stdout).contains("CA:TRUE"),
        "the recipe makes a CA:TRUE certificate"
    );
    (cert, key)
}

/// Serves `{"ok":true}` over TLS with `cert` to every connection; returns the port.
fn serve(cert: &Path, key: &Path) -> u16 {
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(cert).unwrap().map(Result::unwrap).collect();
    let key = PrivateKeyDer::from_pem_file(key).unwrap();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap();
    let config = Arc::new(config);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let config = config.clone();
            std::thread::spawn(move || {
                let mut tls = rustls::StreamOwned::new(rustls::ServerConnection::new(config).unwrap(), stream);
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") {
                    if tls.read(&mut byte).unwrap_or(0) == 0 {
                        return; // the client gave up (a refused certificate)
                    }
                    head.push(byte[0]);
                }
                let _ = tls.write_all(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\nConnection: close\r\n\r\n{\"ok\":true}",
                );
                tls.conn.send_close_notify();
                let _ = tls.flush();
            });
        }
    });
    port
}

fn get(url: &str, trusted_ca_file: Option<&Path>) -> Result<String, dpop::Error> {
    let mut http = Http::default();
    http.update_settings(|s| {
        s.set_connect_timeout_secs(5);
        s.set_read_timeout_secs(5);
        s.set_trusted_ca_file(trusted_ca_file.map_or("", |p| p.to_str().unwrap()));
    });
    http.request("GET", url, None, StatusPolicy::FailUnless2xx).map(|r| r.body_text())
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dpop-tls-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_self_signed_server_certificate_given_as_trusted_ca_file_is_an_exact_pin() {
    let dir = scratch("pin");
    let (cert, key) = self_signed(&dir, "server");
    let port = serve(&cert, &key);
    let url = format!("https://127.0.0.1:{port}/api");

    assert_eq!(get(&url, Some(&cert)).unwrap(), r#"{"ok":true}"#);

    let mut texts = Vec::new();
    let refused = get(&url, None).unwrap_err();
    texts.push(refused.to_string());
    assert_eq!(refused.kind(), ErrorKind::Tls, "{refused}");
    assert!(
        refused
            .to_string()
            .contains("presents a certificate authority's certificate as its own"),
        "{refused}"
    );
    assert!(refused.to_string().contains("or with the server's own certificate)"), "{refused}");

    let (other, _) = self_signed(&dir, "other");
    let refused = get(&url, Some(&other)).unwrap_err();
    texts.push(refused.to_string());
    assert_eq!(refused.kind(), ErrorKind::Tls, "{refused}");
    assert!(refused.to_string().contains("nor TrustedCaFile"), "{refused}");

    // The pin names 127.0.0.1 only: the same server under another name is refused.
    let refused = get(&format!("https://localhost:{port}/api"), Some(&cert)).unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::Tls, "{refused}");
    assert!(refused.to_string().contains("not valid for the name 'localhost'"), "{refused}");

    texts.push(refused.to_string());
    for text in texts {
        assert!(
            !text.contains("Other(") && !text.contains("CaUsedAsEndEntity"),
            "no Rust debug text: {text}"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn plain_http_to_a_tls_port_and_tls_to_a_plain_port_fail_cleanly() {
    let dir = scratch("mismatch");
    let (cert, key) = self_signed(&dir, "server");
    let port = serve(&cert, &key);
    let plain = get(&format!("http://127.0.0.1:{port}/api"), None).unwrap_err();
    assert!(matches!(plain.kind(), ErrorKind::Protocol | ErrorKind::Network), "{plain}");

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let plain_port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        }
    });
    let tls = get(&format!("https://127.0.0.1:{plain_port}/api"), Some(&cert)).unwrap_err();
    assert_eq!(tls.kind(), ErrorKind::Tls, "{tls}");
    std::fs::remove_dir_all(&dir).unwrap();
}
