//! Chilkat's HttpRequest: a request described piece by piece (verb, content type, parameters,
//! headers, body), sent with `Http.HttpReq(url, req, resp)`, and what it becomes on the wire.

use super::header_list::HeaderList;
use crate::bail;
use crate::error::Result;
use crate::text::Charset;
use crate::url::{self, percent_encode};

/// What Chilkat's HttpRequest leaves unencoded in parameters, besides letters and digits.
const PARAM_KEEP: &[u8] = b"-._~,";
/// The content type of a body of form parameters.
const FORM: &str = "application/x-www-form-urlencoded";

#[derive(Clone)]
pub struct HttpRequest {
    verb: String,
    path: String,
    content_type: String,
    charset: String,
    params: Vec<(String, String)>,
    headers: HeaderList,
    body: Option<Vec<u8>>,
}

impl Default for HttpRequest {
    fn default() -> Self {
        // Chilkat's defaults.
        HttpRequest {
            verb: "GET".into(),
            path: "/".into(),
            content_type: String::new(),
            charset: "utf-8".into(),
            params: Vec::new(),
            headers: HeaderList::default(),
            body: None,
        }
    }
}

/// What an HttpRequest sends to a URL.
pub struct Prepared {
    pub method: String,
    pub url: String,
    /// The content type ("" for none) and the bytes, if the request has a body.
    pub body: Option<(String, Vec<u8>)>,
    pub headers: Vec<(String, String)>,
}

impl HttpRequest {
    /// HttpVerb: GET, POST, PUT, PATCH, DELETE, ...
    pub fn verb(&self) -> &str {
        &self.verb
    }

    pub fn set_verb(&mut self, verb: &str) -> Result<()> {
        if !crate::header::is_field_name(verb) {
            bail!(InvalidArgument, "'{}' is not an HTTP method", crate::redact::clip(verb, 50));
        }
        self.verb = verb.to_string();
        Ok(())
    }

    /// Path: the path and query the request is for (HttpReq's URL replaces it).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Sets Path ("" means "/", as in Chilkat).
    pub fn set_path(&mut self, path: &str) -> Result<()> {
        crate::header::check_field_value("Path", path)?;
        self.path = if path.is_empty() { "/".into() } else { path.to_string() };
        Ok(())
    }

    /// ContentType: the Content-Type header of the body ("" sends none).
    pub fn content_type(&self) -> &str {
        &self.content_type
    }

    pub fn set_content_type(&mut self, content_type: &str) -> Result<()> {
        crate::header::check_field_value("Content-Type", content_type)?;
        self.content_type = content_type.to_string();
        Ok(())
    }

    /// Charset: the charset parameters are encoded in (default utf-8).
    pub fn charset(&self) -> &str {
        &self.charset
    }

    pub fn set_charset(&mut self, charset: &str) -> Result<()> {
        encode_text("", charset)?;
        self.charset = charset.to_string();
        Ok(())
    }

    /// Adds a parameter (a name may repeat). Spaces in names are dropped, as Chilkat does.
    pub fn add_param(&mut self, name: &str, value: &str) {
        self.params.push((name.replace(' ', ""), value.to_string()));
    }

    /// Removes the first parameter named `name`, as Chilkat does.
    pub fn remove_param(&mut self, name: &str) {
        if let Some(at) = self.params.iter().position(|(n, _)| n == name) {
            self.params.remove(at);
        }
    }

    pub fn remove_all_params(&mut self) {
        self.params.clear();
    }

    pub fn num_params(&self) -> usize {
        self.params.len()
    }

    /// The value of the first parameter named `name`.
    pub fn param(&self, name: &str) -> Result<String> {
        match self.params.iter().find(|(n, _)| n == name) {
            Some((_, value)) => Ok(value.clone()),
            None => bail!(NotFound, "the request has no parameter '{}'", crate::redact::clip(name, 50)),
        }
    }

    /// The name and value of the `index`th parameter (from 0).
    pub fn param_at(&self, index: i32) -> Result<&(String, String)> {
        match usize::try_from(index).ok().and_then(|i| self.params.get(i)) {
            Some(param) => Ok(param),
            None => bail!(
                NotFound,
                "there is no parameter {index}: the request has {} (numbered from 0)",
                self.params.len()
            ),
        }
    }

    /// Adds a header, replacing one of the same name (any case).
    pub fn add_header(&mut self, name: &str, value: &str) -> Result<()> {
        self.headers.set(name, value)
    }

    pub fn remove_header(&mut self, name: &str) {
        self.headers.remove(name);
    }

    /// The value of header `name` (any case).
    pub fn header(&self, name: &str) -> Result<String> {
        match self.headers.get(name) {
            Some(value) => Ok(value.to_string()),
            None => bail!(NotFound, "the request has no header '{}'", crate::redact::clip(name, 50)),
        }
    }

    /// Makes `text`, encoded in `charset` ("" for utf-8), the body.
    pub fn load_body_from_string(&mut self, text: &str, charset: &str) -> Result<()> {
        self.body = Some(encode_text(text, charset)?);
        Ok(())
    }

    /// Takes the path from `url` and its query as the parameters (decoded), as Chilkat does.
    pub fn set_from_url(&mut self, url: &str) -> Result<()> {
        let parsed = url::parse(url)?;
        self.path = parsed.path().to_string();
        self.params = parsed.query_pairs().map(|(n, v)| (n.into_owned(), v.into_owned())).collect();
        Ok(())
    }

    /// This request's parameters and headers as a POSTed form (what PostUrlEncoded sends).
    pub fn as_form_post(&self) -> HttpRequest {
        HttpRequest {
            verb: "POST".into(),
            content_type: FORM.into(),
            body: None,
            ..self.clone()
        }
    }

    /// What `Http.HttpReq(url, this)` sends: the method; the URL's own path and query (Chilkat
    /// ignores Path there), with the parameters added to the query for GET, HEAD, DELETE and
    /// OPTIONS and for a request that has a body, else form-encoded as the body; the headers.
    pub fn prepare(&self, url: &str) -> Result<Prepared> {
        let method = self.verb.to_ascii_uppercase();
        let params = self.encoded_params()?;
        let in_query = self.body.is_some() || matches!(method.as_str(), "GET" | "HEAD" | "DELETE" | "OPTIONS");
        // A DELETE goes with `Content-Length: 0` (and the content type) when it has no body, as
        // Chilkat sends it.
        let body = self.body.clone().or_else(|| (method == "DELETE").then(Vec::new));
        let (url, body) = match in_query {
            true => (url::with_query(url, &params), body),
            false => (url.to_string(), Some(params.into_bytes())),
        };
        Ok(Prepared {
            method,
            url,
            body: body.map(|bytes| (self.content_type.clone(), bytes)),
            headers: self.headers.fields().to_vec(),
        })
    }

    /// The parameters as `a=1&b=x%20y`, in the request's charset.
    fn encoded_params(&self) -> Result<String> {
        let mut encoded = Vec::with_capacity(self.params.len());
        for (name, value) in &self.params {
            let name = percent_encode(&encode_text(name, &self.charset)?, PARAM_KEEP, false);
            let value = percent_encode(&encode_text(value, &self.charset)?, PARAM_KEEP, false);
            encoded.push(format!("{name}={value}"));
        }
        Ok(encoded.join("&"))
    }
}

/// `text` as bytes in `charset` ("" for utf-8; also iso-8859-1 or windows-1252, us-ascii,
/// utf-16): an error for a charset that cannot hold it.
pub(super) fn encode_text(text: &str, charset: &str) -> Result<Vec<u8>> {
    Charset::named(charset)?.encode(text, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn form(params: &[(&str, &str)]) -> HttpRequest {
        let mut req = HttpRequest::default();
        req.set_verb("POST").unwrap();
        req.set_content_type("application/x-www-form-urlencoded").unwrap();
        for (name, value) in params {
            req.add_param(name, value);
        }
        req
    }

    #[test]
    fn defaults_are_chilkats() {
        let req = HttpRequest::default();
        assert_eq!(
            (req.verb(), req.path(), req.content_type(), req.charset()),
            ("GET", "/", "", "utf-8")
        );
    }

    #[test]
    fn a_post_sends_its_parameters_form_encoded_as_chilkat_does() {
        let all: String = (32u8..127).map(char::from).collect();
        let prepared = form(&[("k", &all), ("a b", "1 2"), ("a b", "é")])
            .prepare("http://h/token?x=1")
            .unwrap();
        assert_eq!((prepared.method.as_str(), prepared.url.as_str()), ("POST", "http://h/token?x=1"));
        let (content_type, bytes) = prepared.body.unwrap();
        assert_eq!(content_type, "application/x-www-form-urlencoded");
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "k=%20%21%22%23%24%25%26%27%28%29%2A%2B,-.%2F0123456789%3A%3B%3C%3D%3E%3F%40ABCDEFGHIJKLMNOPQRSTUVWXYZ\
             %5B%5C%5D%5E_%60abcdefghijklmnopqrstuvwxyz%7B%7C%7D~&ab=1%202&ab=%C3%A9"
        );
    }

    #[test]
    fn parameters_go_into_the_query_for_get_delete_and_requests_with_a_body() {
        let mut req = HttpRequest::default();
        req.add_param("p", "1 2");
        let prepared = req.prepare("http://h/a?q=1").unwrap();
        assert_eq!((prepared.url.as_str(), prepared.body.is_none()), ("http://h/a?q=1&p=1%202", true));
        assert_eq!(req.prepare("http://h/a#f").unwrap().url, "http://h/a?p=1%202#f");
        req.set_verb("delete").unwrap();
        let prepared = req.prepare("http://h/a").unwrap();
        assert_eq!((prepared.method.as_str(), prepared.url.as_str()), ("DELETE", "http://h/a?p=1%202"));
        assert_eq!(prepared.body.unwrap().1, b"", "an empty body");
        req.set_verb("PUT").unwrap();
        req.set_content_type("text/plain").unwrap();
        req.load_body_from_string("héllo", "utf-8").unwrap();
        let prepared = req.prepare("http://h/a").unwrap();
        assert_eq!(prepared.url, "http://h/a?p=1%202");
        assert_eq!(prepared.body.unwrap(), ("text/plain".to_string(), "héllo".as_bytes().to_vec()));
    }

    #[test]
    fn a_post_without_parameters_or_body_sends_an_empty_body() {
        let prepared = form(&[]).prepare("http://h/").unwrap();
        assert_eq!(prepared.body.unwrap().1, b"");
    }

    #[test]
    fn as_a_form_post_a_request_keeps_its_parameters_and_headers() {
        let mut req = HttpRequest::default();
        req.add_param("a", "1 2");
        req.add_header("X-H", "1").unwrap();
        req.load_body_from_string("dropped", "").unwrap();
        let prepared = req.as_form_post().prepare("http://h/p").unwrap();
        assert_eq!((prepared.method.as_str(), prepared.url.as_str()), ("POST", "http://h/p"));
        assert_eq!(prepared.body.unwrap(), (FORM.to_string(), b"a=1%202".to_vec()));
        assert_eq!(prepared.headers, [("X-H".to_string(), "1".to_string())]);
    }

    #[test]
    fn parameters_and_bodies_are_encoded_in_the_charset_asked_for() {
        let mut req = form(&[("e", "é")]);
        req.set_charset("iso-8859-1").unwrap();
        assert_eq!(req.prepare("http://h/").unwrap().body.unwrap().1, b"e=%E9");
        req.load_body_from_string("é", "windows-1252").unwrap();
        assert_eq!(req.prepare("http://h/").unwrap().body.unwrap().1, b"\xe9");
        assert_eq!(req.set_charset("koi8-r").unwrap_err().kind(), ErrorKind::InvalidArgument);
        let e = req.load_body_from_string("😀", "us-ascii").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    }

    #[test]
    fn headers_replace_by_name_and_are_checked() {
        let mut req = HttpRequest::default();
        req.add_header("X-H", "1").unwrap();
        req.add_header("x-h", "2").unwrap();
        req.add_header("Accept", "application/json").unwrap();
        req.remove_header("ACCEPT");
        assert_eq!(req.prepare("http://h/").unwrap().headers, [("x-h".to_string(), "2".to_string())]);
        assert_eq!(req.header("X-h").unwrap(), "2");
        assert_eq!(req.header("none").unwrap_err().kind(), ErrorKind::NotFound);
        assert_eq!(req.add_header("Bad Name", "v").unwrap_err().kind(), ErrorKind::InvalidArgument);
        assert_eq!(req.add_header("X", "a\r\nB: c").unwrap_err().kind(), ErrorKind::InvalidArgument);
        assert_eq!(req.set_verb("GET /x").unwrap_err().kind(), ErrorKind::InvalidArgument);
    }

    #[test]
    fn set_from_url_takes_the_path_and_the_decoded_query() {
        let mut req = HttpRequest::default();
        req.set_from_url("http://h/sfu/path?x=1&y=a%20b").unwrap();
        assert_eq!(req.path(), "/sfu/path");
        assert_eq!(req.num_params(), 2);
        assert_eq!(req.param_at(1).unwrap(), &("y".to_string(), "a b".to_string()));
        assert_eq!(req.param("x").unwrap(), "1");
        assert_eq!(req.param_at(2).unwrap_err().kind(), ErrorKind::NotFound);
        assert_eq!(req.set_from_url("not a url").unwrap_err().kind(), ErrorKind::InvalidArgument);
        req.add_param("x", "2");
        req.remove_param("x");
        assert_eq!((req.num_params(), req.param("x").unwrap().as_str()), (2, "2"), "the first only");
        req.remove_all_params();
        assert_eq!(req.num_params(), 0);
    }
}
