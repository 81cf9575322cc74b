//! Chilkat's Rest object: `Connect` to one server, then requests by path. It is the Http engine
//! with a fixed origin, so a Rest object given a DPoP key and an AuthToken gets tokens, proofs
//! and nonces exactly as Http does; like Chilkat's Rest it sends no Accept, Accept-Encoding or
//! User-Agent of its own.

use super::header_list::HeaderList;
use super::{transport, Body, Http, Options, Response, StatusPolicy};
use crate::bail;
use crate::error::Result;
use crate::header::check_field_value;
use crate::key::SigningKey;
use crate::url::{self, percent_encode};
use std::sync::Arc;

/// What Chilkat's Rest leaves unencoded in query parameters, besides letters and digits.
const QUERY_KEEP: &[u8] = b"-._~";
/// ... and in a form body (where a space is `+`).
const FORM_KEEP: &[u8] = b"!$'()-./:<>?@_~";

#[derive(Default)]
pub struct Rest {
    http: Http,
    /// `scheme://host:port` after Connect.
    origin: Option<String>,
    authorization: String,
    headers: HeaderList,
    query: Vec<(String, String)>,
}

impl Rest {
    /// The engine, for the properties Rest shares with Http (AuthToken, TrustedCaFile, ...).
    pub fn http(&self) -> &Http {
        &self.http
    }

    pub fn http_mut(&mut self) -> &mut Http {
        &mut self.http
    }

    pub fn set_dpop_key(&mut self, key: Arc<SigningKey>) {
        self.http.set_dpop_key(key);
    }

    /// Connects to `host`:`port` (https when `tls`): checks that the server can be reached;
    /// requests then go to it by path. Connections are opened again as needed, whatever
    /// `auto_reconnect` says.
    pub fn connect(&mut self, host: &str, port: i32, tls: bool, _auto_reconnect: bool) -> Result<()> {
        self.origin = None;
        let Some(port) = u16::try_from(port).ok().filter(|p| *p != 0) else {
            bail!(InvalidArgument, "port {port} is not a port number (1 to 65535)");
        };
        let host = host.trim();
        let bracketed = if host.contains(':') && !host.starts_with('[') {
            format!("[{host}]")
        } else {
            host.to_string()
        };
        let origin = format!("{}://{bracketed}:{port}", if tls { "https" } else { "http" });
        let url = url::parse(&format!("{origin}/"))?;
        if url.path() != "/" || url.query().is_some() || !url.username().is_empty() {
            bail!(
                InvalidArgument,
                "'{}' is not a host name or address",
                crate::redact::clip(host, 100)
            );
        }
        transport::check_reachable(self.http.settings(), &url).map_err(|e| e.context(format!("connecting to {origin}")))?;
        self.origin = Some(url::origin(&url));
        Ok(())
    }

    /// Closes the connections; the object stays connected to its server (the next request
    /// opens a new connection).
    pub fn disconnect(&mut self) {
        self.http.close_all_connections();
    }

    /// The Authorization header of every request ("" sends none; a token from AuthToken wins).
    pub fn authorization(&self) -> &str {
        &self.authorization
    }

    pub fn set_authorization(&mut self, value: &str) -> Result<()> {
        check_field_value("Authorization", value)?;
        self.authorization = value.to_string();
        Ok(())
    }

    /// Adds a header sent with every request, replacing one of the same name (any case).
    pub fn add_header(&mut self, name: &str, value: &str) -> Result<()> {
        self.headers.set(name, value)
    }

    pub fn remove_header(&mut self, name: &str) {
        self.headers.remove(name);
    }

    pub fn clear_all_headers(&mut self) {
        self.headers.clear();
    }

    /// Adds a query parameter (the form fields of FullRequestFormUrlEncoded).
    pub fn add_query_param(&mut self, name: &str, value: &str) {
        self.query.push((name.to_string(), value.to_string()));
    }

    pub fn remove_query_param(&mut self, name: &str) {
        self.query.retain(|(n, _)| n != name);
    }

    pub fn clear_all_query_params(&mut self) {
        self.query.clear();
    }

    /// `verb` `path` without a body; the response body, whatever the status.
    pub fn full_request_no_body(&mut self, verb: &str, path: &str) -> Result<String> {
        let url = self.url(path, true)?;
        self.send(verb, &url, None)
    }

    /// `verb` `path` with `body` (utf-8; the Content-Type header is the caller's to add); the
    /// response body, whatever the status.
    pub fn full_request_string(&mut self, verb: &str, path: &str, body: &str) -> Result<String> {
        let url = self.url(path, true)?;
        let body = Body {
            content_type: "",
            bytes: body.as_bytes(),
        };
        self.send(verb, &url, Some(body))
    }

    /// `verb` `path` with the query parameters as a form body; the response body, whatever the
    /// status.
    pub fn full_request_form_url_encoded(&mut self, verb: &str, path: &str) -> Result<String> {
        let url = self.url(path, false)?;
        let form = encode(&self.query, FORM_KEEP, true);
        let body = Body {
            content_type: "application/x-www-form-urlencoded",
            bytes: form.as_bytes(),
        };
        self.send(verb, &url, Some(body))
    }

    /// The last response: an error before the first, or after a request that got none.
    pub fn response(&self) -> Result<&Response> {
        match self.http.last_response() {
            Some(response) => Ok(response),
            None => bail!(NotFound, "no response: the last request got none, or none was sent"),
        }
    }

    /// The headers of the last request sent, with credentials shown as ****.
    pub fn last_request_header(&self) -> String {
        self.http.last_request_header()
    }

    /// The URL for `path` (an absolute path, or a URL of the connected server), with the query
    /// parameters added when `with_query`.
    fn url(&self, path: &str, with_query: bool) -> Result<String> {
        let Some(origin) = &self.origin else {
            bail!(InvalidState, "not connected: call Connect first");
        };
        let url = match path {
            p if p.starts_with('/') => format!("{origin}{p}"),
            p if p.contains("://") => {
                if url::origin(&url::parse(p)?) != *origin {
                    bail!(InvalidArgument, "'{}' is not on the connected server {origin}", url::display(p));
                }
                p.to_string()
            }
            p => format!("{origin}/{p}"),
        };
        if !with_query {
            return Ok(url);
        }
        Ok(url::with_query(&url, &encode(&self.query, QUERY_KEEP, false)))
    }

    fn send(&mut self, verb: &str, url: &str, body: Option<Body>) -> Result<String> {
        let mut headers = self.headers.clone();
        if !self.authorization.is_empty() {
            headers.set("Authorization", &self.authorization)?;
        }
        let options = Options {
            headers: headers.fields().to_vec(),
            bare: true,
        };
        Ok(self
            .http
            .request_with(verb, url, body, options, StatusPolicy::AnyStatus)?
            .body_text())
    }
}

fn encode(params: &[(String, String)], keep: &[u8], space_as_plus: bool) -> String {
    let pairs: Vec<String> = params
        .iter()
        .map(|(n, v)| {
            format!(
                "{}={}",
                percent_encode(n.as_bytes(), keep, space_as_plus),
                percent_encode(v.as_bytes(), keep, space_as_plus)
            )
        })
        .collect();
    pairs.join("&")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn connected() -> Rest {
        Rest {
            origin: Some("http://127.0.0.1:1".into()),
            ..Rest::default()
        }
    }

    #[test]
    fn paths_become_urls_of_the_connected_server() {
        let mut rest = connected();
        assert_eq!(rest.url("/a?x=1", true).unwrap(), "http://127.0.0.1:1/a?x=1");
        assert_eq!(rest.url("a", true).unwrap(), "http://127.0.0.1:1/a");
        assert_eq!(rest.url("http://127.0.0.1:1/b", true).unwrap(), "http://127.0.0.1:1/b");
        assert_eq!(rest.url("http://other:1/b", true).unwrap_err().kind(), ErrorKind::InvalidArgument);
        rest.add_query_param("q", "a b&");
        assert_eq!(rest.url("/a?x=1", true).unwrap(), "http://127.0.0.1:1/a?x=1&q=a%20b%26");
        assert_eq!(rest.url("/a", false).unwrap(), "http://127.0.0.1:1/a");
        assert_eq!(Rest::default().url("/a", true).unwrap_err().kind(), ErrorKind::InvalidState);
    }

    #[test]
    fn form_and_query_encodings_are_chilkats() {
        let params = vec![
            ("k".to_string(), " !\"#$%&'()*+,/:;<=>?@[]~é".to_string()),
            ("a b".to_string(), "x".to_string()),
        ];
        assert_eq!(
            encode(&params, FORM_KEEP, true),
            "k=+!%22%23$%25%26'()%2A%2B%2C/:%3B<%3D>?@%5B%5D~%C3%A9&a+b=x"
        );
        assert_eq!(
            encode(&params, QUERY_KEEP, false),
            "k=%20%21%22%23%24%25%26%27%28%29%2A%2B%2C%2F%3A%3B%3C%3D%3E%3F%40%5B%5D~%C3%A9&a%20b=x"
        );
    }

    #[test]
    fn connect_refuses_what_is_not_a_host_and_port() {
        let mut rest = Rest::default();
        for (host, port) in [("127.0.0.1", 0), ("127.0.0.1", 70000), ("h/x", 80), ("u@h", 80), ("", 80)] {
            assert_eq!(
                rest.connect(host, port, false, true).unwrap_err().kind(),
                ErrorKind::InvalidArgument,
                "{host}:{port}"
            );
        }
        let e = rest.connect("127.0.0.1", 1, false, true).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Network);
        assert!(e.to_string().starts_with("connecting to http://127.0.0.1:1"), "{e}");
        assert!(rest.origin.is_none());
    }

    /// A server whose accept queue is full does not answer a new connection at all (Linux drops
    /// the SYN): Connect gives up after ConnectTimeout, not later.
    #[cfg(target_os = "linux")]
    #[test]
    fn connect_gives_up_after_connect_timeout() {
        use std::os::fd::AsRawFd;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        // SAFETY: the listening socket's own descriptor; a backlog of 0 keeps one connection.
        assert_eq!(unsafe { libc::listen(listener.as_raw_fd(), 0) }, 0);
        let address = listener.local_addr().unwrap();
        let mut queued = Vec::new();
        while let Ok(stream) = std::net::TcpStream::connect_timeout(&address, std::time::Duration::from_millis(200)) {
            queued.push(stream);
            assert!(queued.len() < 16, "the accept queue does not fill up");
        }
        let mut rest = Rest::default();
        rest.http_mut().update_settings(|s| s.set_connect_timeout_secs(1));
        let started = std::time::Instant::now();
        let e = rest.connect("127.0.0.1", address.port().into(), false, true).unwrap_err();
        let took = started.elapsed();
        assert_eq!(e.kind(), ErrorKind::Timeout, "{e}");
        let expected = std::time::Duration::from_millis(900)..std::time::Duration::from_secs(3);
        assert!(expected.contains(&took), "{took:?}");
    }

    #[test]
    fn headers_replace_by_name_and_are_checked() {
        let mut rest = connected();
        rest.add_header("X-One", "1").unwrap();
        rest.add_header("x-one", "2").unwrap();
        assert_eq!(rest.headers.fields(), [("x-one".to_string(), "2".to_string())]);
        assert_eq!(rest.add_header("Bad Name", "1").unwrap_err().kind(), ErrorKind::InvalidArgument);
        assert_eq!(
            rest.set_authorization("Bearer a\r\nX: y").unwrap_err().kind(),
            ErrorKind::InvalidArgument
        );
        rest.clear_all_headers();
        assert!(rest.headers.fields().is_empty());
    }
}
