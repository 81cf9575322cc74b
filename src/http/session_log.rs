//! The Http object's session log (Chilkat's `SessionLogFilename`): an append-only text file with
//! every raw request and response, in Chilkat's format, with every secret masked as `****` by the
//! caller's [`Redactor`].

use std::io::Write;
use std::path::Path;
use std::time::SystemTime;

use crate::error::{Error, ErrorKind, Result};
use crate::private_file;
use crate::redact::Redactor;
use crate::url::Url;

/// Bodies are logged up to this many bytes, then cut with a note.
const MAX_LOGGED_BODY_BYTES: usize = 64 * 1024;

/// The session log of one Http object. Disabled (no file) until a path is set.
#[derive(Debug, Clone, Default)]
pub struct SessionLog {
    path: String,
}

impl SessionLog {
    /// Sets the log file; `""` disables logging.
    pub fn set_path(&mut self, path: &str) {
        self.path = path.to_string();
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    /// Appends one request record. `headers` are those sent after `Host` (which comes from `url`).
    /// `redactor` masks what is secret. A write failure is returned (naming the path); the caller
    /// reports it and carries on.
    pub fn log_request(&self, redactor: &Redactor, method: &str, url: &Url, headers: &[(String, String)], body: &[u8]) -> Result<()> {
        if self.path.is_empty() {
            return Ok(());
        }
        self.append(&request_record(redactor, method, url, headers, body, SystemTime::now()))
    }

    /// Appends one response record.
    pub fn log_response(&self, redactor: &Redactor, status: u16, reason: &str, headers: &[(String, String)], body: &[u8]) -> Result<()> {
        if self.path.is_empty() {
            return Ok(());
        }
        self.append(&response_record(redactor, status, reason, headers, body, SystemTime::now()))
    }

    /// Appends a line saying something the records alone do not show (a token used as Bearer
    /// although a DPoP key is set, a token taken from the cache file...).
    pub fn log_note(&self, note: &str) -> Result<()> {
        if self.path.is_empty() {
            return Ok(());
        }
        self.append(&format!("---- Note {}: {note} ----\n", httpdate::fmt_http_date(SystemTime::now())))
    }

    /// Opens, writes the whole record with one append write, and closes: records from several
    /// Http objects or processes sharing the file then never interleave. A new file is readable
    /// by its owner only (mode 0600 on Unix, an owner-only access list on Windows), as it shows the exchanges in detail.
    fn append(&self, record: &str) -> Result<()> {
        private_file::open_for_writing(Path::new(&self.path), true)
            .and_then(|mut file| file.write_all(record.as_bytes()))
            .map_err(|os_error| Error::new(ErrorKind::Io, os_error.to_string()).context(format!("writing the session log '{}'", self.path)))
    }
}

fn request_record(redactor: &Redactor, method: &str, url: &Url, headers: &[(String, String)], body: &[u8], at: SystemTime) -> String {
    let mut record = format!("---- Sending {} ----\n", httpdate::fmt_http_date(at));
    record.push_str(&format!("{method} {} HTTP/1.1\n", redactor.redact(&origin_form(url))));
    record.push_str(&format!("Host: {}\n", host_header(url)));
    record.push_str(&redactor.headers(headers, "\n"));
    record.push('\n');
    record.push_str(&body_text(redactor, body));
    record.push('\n');
    record
}

fn response_record(redactor: &Redactor, status: u16, reason: &str, headers: &[(String, String)], body: &[u8], at: SystemTime) -> String {
    let mut record = format!("---- Received {} ----\n", httpdate::fmt_http_date(at));
    let status_line = format!("HTTP/1.1 {status} {}", redactor.redact(reason));
    record.push_str(status_line.trim_end());
    record.push('\n');
    record.push_str(&redactor.headers(headers, "\n"));
    record.push('\n');
    record.push_str(&body_text(redactor, body));
    record.push_str("\n\n");
    record
}

/// The request target as sent on the wire: path and query, never the userinfo or fragment.
fn origin_form(url: &Url) -> String {
    match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_string(),
    }
}

/// `host`, plus `:port` when the URL names a port other than the scheme's default.
fn host_header(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    }
}

/// The body as logged: masked, then cut to the size limit. Masking the whole body before cutting
/// means a secret straddling the cut can never leave its first half in the log.
fn body_text(redactor: &Redactor, body: &[u8]) -> String {
    match std::str::from_utf8(body) {
        Ok(text) => cut_to_log_limit(redactor.redact(text)),
        Err(_) => format!("[{} bytes of binary data]", body.len()),
    }
}

fn cut_to_log_limit(mut text: String) -> String {
    if text.len() <= MAX_LOGGED_BODY_BYTES {
        return text;
    }
    let mut cut = MAX_LOGGED_BODY_BYTES;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let not_logged = text.len() - cut;
    text.truncate(cut);
    text.push_str(&format!("\n[... {not_logged} more bytes not logged]"));
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redact::tests::{PROOF, SEED_ACCESS_TOKEN};

    fn seed_time() -> SystemTime {
        httpdate::parse_http_date("Mon, 30 Mar 2026 20:09:44 GMT").unwrap()
    }

    fn headers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(name, value)| (name.to_string(), value.to_string())).collect()
    }

    /// A fresh path in the temp dir; the file does not exist yet.
    fn temp_log_path(test_name: &str) -> std::path::PathBuf {
        let path = std::env::temp_dir().join(format!("dpop-session-log-{}-{test_name}.txt", std::process::id()));
        let _ = std::fs::remove_file(&path);
        path
    }

    #[test]
    fn seed_token_request_and_response_are_masked_exactly() {
        let url = Url::parse("https://demo.duendesoftware.com/connect/token").unwrap();
        let body = "client_secret=secret&client_id=m2m.dpop&scope=api&grant_type=client_credentials";
        let request_headers = headers(&[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Content-Length", "79"),
            ("DPoP", PROOF),
        ]);
        // The client secret is literally "secret", as in the seed: masked as a value, while the
        // parameter name `client_secret` stays readable.
        let redactor = Redactor::new(&[PROOF, "secret"]);
        let request = request_record(&redactor, "POST", &url, &request_headers, body.as_bytes(), seed_time());

        let response_body = format!(r#"{{"access_token":"{SEED_ACCESS_TOKEN}","expires_in":3600,"token_type":"DPoP","scope":"api"}}"#);
        let response_headers = headers(&[("Content-Type", "application/json")]);
        let response = response_record(&redactor, 200, "OK", &response_headers, response_body.as_bytes(), seed_time());

        assert_eq!(
            request + &response,
            "---- Sending Mon, 30 Mar 2026 20:09:44 GMT ----\n\
             POST /connect/token HTTP/1.1\n\
             Host: demo.duendesoftware.com\n\
             Content-Type: application/x-www-form-urlencoded\n\
             Content-Length: 79\n\
             DPoP: ****\n\
             \n\
             client_secret=****&client_id=m2m.dpop&scope=api&grant_type=client_credentials\n\
             ---- Received Mon, 30 Mar 2026 20:09:44 GMT ----\n\
             HTTP/1.1 200 OK\n\
             Content-Type: application/json\n\
             \n\
             {\"access_token\":\"****\",\"expires_in\":3600,\"token_type\":\"DPoP\",\"scope\":\"api\"}\n\
             \n"
        );
    }

    #[test]
    fn api_request_masks_authorization_and_dpop_headers_in_any_case() {
        let url = Url::parse("https://localhost:8443/api/dpop/test").unwrap();
        let request_headers = headers(&[
            ("Accept", "*/*"),
            ("authorization", &format!("DPoP {SEED_ACCESS_TOKEN}")),
            ("DPOP", PROOF),
            ("Cookie", "session=abc"),
        ]);
        let record = request_record(&Redactor::new(&[]), "GET", &url, &request_headers, b"", seed_time());
        assert_eq!(
            record,
            "---- Sending Mon, 30 Mar 2026 20:09:44 GMT ----\n\
             GET /api/dpop/test HTTP/1.1\n\
             Host: localhost:8443\n\
             Accept: */*\n\
             authorization: ****\n\
             DPOP: ****\n\
             Cookie: ****\n\
             \n\
             \n"
        );
    }

    #[test]
    fn query_string_secrets_are_masked_by_name_and_by_value() {
        let mut url = Url::parse("https://as.example/authorize?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz").unwrap();
        url.query_pairs_mut().append_pair("key", "my secret/+=");
        let record = request_record(&Redactor::new(&["my secret/+="]), "GET", &url, &[], b"", seed_time());
        assert!(
            record.contains("GET /authorize?code=****&state=xyz&key=**** HTTP/1.1\n"),
            "{record}"
        );
    }

    #[test]
    fn response_header_carrying_a_code_is_masked() {
        let response_headers = headers(&[("Location", "https://app.example/cb?code=abc123&state=s1")]);
        let record = response_record(&Redactor::new(&[]), 302, "Found", &response_headers, b"", seed_time());
        assert!(record.contains("Location: https://app.example/cb?code=****&state=s1\n"), "{record}");
    }

    #[test]
    fn non_utf8_body_is_summarized() {
        assert_eq!(
            body_text(&Redactor::new(&[]), &[0xff, 0xfe, 0x00, 0x41]),
            "[4 bytes of binary data]"
        );
    }

    #[test]
    fn large_body_is_cut_with_a_note() {
        let body = "a".repeat(100 * 1024);
        let logged = body_text(&Redactor::new(&[]), body.as_bytes());
        assert_eq!(
            logged,
            format!("{}\n[... 36864 more bytes not logged]", "a".repeat(MAX_LOGGED_BODY_BYTES))
        );
    }

    #[test]
    fn secret_straddling_the_cut_leaves_nothing_behind() {
        let body = format!("{}{SEED_ACCESS_TOKEN}", "a".repeat(MAX_LOGGED_BODY_BYTES - 20));
        let logged = body_text(&Redactor::new(&[]), body.as_bytes());
        assert!(!logged.contains(&SEED_ACCESS_TOKEN[..20]));
        assert!(logged.ends_with(&format!("{}****", "a".repeat(100))));
    }

    #[test]
    fn records_are_appended_in_order() {
        let path = temp_log_path("append");
        let mut log = SessionLog::default();
        log.set_path(path.to_str().unwrap());
        let url = Url::parse("https://as.example/token").unwrap();
        log.log_request(&Redactor::new(&[]), "POST", &url, &[], b"code=first").unwrap();
        log.log_response(&Redactor::new(&[]), 400, "Bad Request", &[], br#"{"error":"second"}"#)
            .unwrap();
        let written = std::fs::read_to_string(&path).unwrap();
        std::fs::remove_file(&path).unwrap();

        let request_at = written.find("POST /token HTTP/1.1\nHost: as.example\n\ncode=****\n").unwrap();
        let response_at = written.find("HTTP/1.1 400 Bad Request\n\n{\"error\":\"second\"}\n\n").unwrap();
        assert!(request_at < response_at);
        assert!(written.starts_with("---- Sending ") && written.ends_with("}\n\n"));
    }

    #[test]
    fn a_new_log_is_readable_by_its_owner_only() {
        let path = temp_log_path("mode");
        let mut log = SessionLog::default();
        log.set_path(path.to_str().unwrap());
        log.log_note("first").unwrap();
        let exposure = private_file::exposure(&std::fs::File::open(&path).unwrap()).unwrap();
        let written = std::fs::read_to_string(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(exposure, None, "mode 0600, or an owner-only access list");
        assert!(
            written.starts_with("---- Note ") && written.ends_with(": first ----\n"),
            "{written}"
        );
    }

    #[test]
    fn disabled_log_writes_nothing() {
        let log = SessionLog::default();
        assert_eq!(log.path(), "");
        let url = Url::parse("https://as.example/").unwrap();
        assert!(log.log_request(&Redactor::new(&[]), "GET", &url, &[], b"").is_ok());
        assert!(log.log_response(&Redactor::new(&[]), 200, "OK", &[], b"").is_ok());
    }

    #[test]
    fn unwritable_path_gives_an_error_naming_it() {
        let path = temp_log_path("no-such-dir").join("session.log");
        let mut log = SessionLog::default();
        log.set_path(path.to_str().unwrap());
        let error = log.log_response(&Redactor::new(&[]), 200, "OK", &[], b"").unwrap_err();
        assert!(error.message().contains(path.to_str().unwrap()), "{error}");
        assert!(error.message().contains("os error"), "{error}");
        assert_eq!(error.kind(), ErrorKind::Io);
    }
}
