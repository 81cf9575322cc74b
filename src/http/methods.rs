//! Chilkat's request methods (QuickGetStr, HttpReq, PostJson2, PText, ...), each a way of calling
//! [`Http::request_with`], and the token and proof extensions for programs that send requests
//! with their own HTTP client.

use super::request::{encode_text, HttpRequest};
use super::{wire, Body, Http, Options, Response, StatusPolicy};
use crate::bail;
use crate::error::{Error, ErrorKind, Result};
use crate::proof::AccessTokenHash;
use crate::server_time;
use crate::token::{jwt_cnf_jkt, request_token, Scheme};
use crate::url;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use md5::{Digest, Md5};
use serde_json::Value;

/// `bytes` compressed as gzip (RFC 1952).
fn gzipped(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(bytes.len() / 2 + 32), flate2::Compression::default());
    // Writing into memory cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

impl Http {
    /// GET `url` (QuickGetStr); the body of a 2xx answer.
    pub fn quick_get_str(&mut self, url: &str) -> Result<String> {
        Ok(self.request("GET", url, None, StatusPolicy::FailUnless2xx)?.body_text())
    }

    /// DELETE `url` (QuickDeleteStr); the body of a 2xx answer.
    pub fn quick_delete_str(&mut self, url: &str) -> Result<String> {
        Ok(self.request("DELETE", url, None, StatusPolicy::FailUnless2xx)?.body_text())
    }

    /// PUT `url` with an empty body (QuickPutStr); the body of a 2xx answer.
    pub fn quick_put_str(&mut self, url: &str) -> Result<String> {
        let empty = Body {
            content_type: "",
            bytes: b"",
        };
        Ok(self.request("PUT", url, Some(empty), StatusPolicy::FailUnless2xx)?.body_text())
    }

    /// GET `url` (QuickGetObj); the response, whatever its status.
    pub fn quick_get(&mut self, url: &str) -> Result<Response> {
        self.request("GET", url, None, StatusPolicy::AnyStatus).cloned()
    }

    /// What a failed QuickGetStr, QuickDeleteStr or QuickPutStr returns: the body of the status
    /// that failed it (3xx, 4xx, 5xx) as Chilkat does, else "".
    pub fn failed_call_body(&self) -> String {
        match self.last_response() {
            Some(response) if response.status >= 300 => response.body_text(),
            _ => String::new(),
        }
    }

    /// `verb` `url` without a body (HttpNoBody); the response, whatever its status.
    pub fn http_no_body(&mut self, verb: &str, url: &str) -> Result<Response> {
        self.request(verb, url, None, StatusPolicy::AnyStatus).cloned()
    }

    /// `verb` `url` with `text` encoded in `charset` as the body (HttpStr, HttpSb); the
    /// response, whatever its status.
    pub fn http_str(&mut self, verb: &str, url: &str, text: &str, charset: &str, content_type: &str) -> Result<Response> {
        self.send_text(verb, url, text, charset, content_type, false, false)
    }

    /// `verb` `url` with the JSON text `json` as the body (HttpJson, PostJson2, PostJson3); the
    /// response, whatever its status.
    pub fn http_json(&mut self, verb: &str, url: &str, json: &str, content_type: &str) -> Result<Response> {
        let body = Body {
            content_type,
            bytes: json.as_bytes(),
        };
        self.request(verb, url, Some(body), StatusPolicy::AnyStatus).cloned()
    }

    /// Sends `text` with method `verb` (PText, PTextSb): encoded in `charset` ("" for utf-8),
    /// with `content_type` as given (Chilkat adds no charset parameter), gzip-compressed
    /// (`Content-Encoding: gzip`) when `gzip`, with a Content-MD5 header when `md5`. The response,
    /// whatever its status.
    #[allow(clippy::too_many_arguments)] // Chilkat's PText, argument for argument.
    pub fn send_text(
        &mut self,
        verb: &str,
        url: &str,
        text: &str,
        charset: &str,
        content_type: &str,
        md5: bool,
        gzip: bool,
    ) -> Result<Response> {
        let mut bytes = encode_text(text, charset)?;
        let mut options = Options::default();
        if gzip {
            bytes = gzipped(&bytes);
            options.headers.push(("Content-Encoding".into(), "gzip".into()));
        }
        if md5 {
            // RFC 1864: the digest of the body as sent (compressed, if it is).
            options.headers.push(("Content-MD5".into(), B64.encode(Md5::digest(&bytes))));
        }
        let body = Body {
            content_type,
            bytes: &bytes,
        };
        self.request_with(verb, url, Some(body), options, StatusPolicy::AnyStatus).cloned()
    }

    /// Sends `req` to `url` (HttpReq): the URL's path and query, the request's verb, parameters,
    /// headers and body, and the credentials (AuthToken, Basic) but none of the object's other
    /// headers, as Chilkat does. The response, whatever its status.
    pub fn http_req(&mut self, url: &str, req: &HttpRequest) -> Result<Response> {
        let prepared = req.prepare(url)?;
        let body = prepared.body.as_ref().map(|(content_type, bytes)| Body { content_type, bytes });
        let options = Options {
            headers: prepared.headers,
            bare: true,
        };
        self.request_with(&prepared.method, &prepared.url, body, options, StatusPolicy::AnyStatus)
            .cloned()
    }

    /// POSTs the parameters of `req` to `url` as a form (PostUrlEncoded), with its headers; the
    /// response, whatever its status.
    pub fn post_url_encoded(&mut self, url: &str, req: &HttpRequest) -> Result<Response> {
        self.http_req(url, &req.as_form_post())
    }

    /// Extension (the SharkAuth-style token request): gets a token as `json` describes it (see
    /// [`request_token`]) with a DPoP proof when a key is set, and returns the server's token
    /// JSON plus `cnf_jkt`: the thumbprint of the key the token is bound to, from the JWT's
    /// `cnf.jkt`, or the DPoP key's for a DPoP token that does not say (an opaque one). The token
    /// is returned, not kept: AuthToken is unchanged.
    pub fn request_token(&mut self, json: &str) -> Result<String> {
        self.last = Default::default();
        let (issued, answered) = {
            let mut wire = self.wire();
            (request_token(json, &mut wire), wire.answered.take())
        };
        let issued = match issued {
            Ok(issued) => issued,
            Err(e) => {
                self.note_refusal(&e);
                return Err(e);
            }
        };
        self.last.response = answered;
        let jkt = jwt_cnf_jkt(issued.token.access_token()).or_else(|| {
            let key = self.dpop_key.as_ref()?;
            (issued.token.scheme(true) == Scheme::DPoP).then(|| key.jkt())
        });
        let mut members = issued.members;
        if let Some(jkt) = jkt {
            members.insert("cnf_jkt".into(), jkt.into());
        }
        Ok(Value::Object(members).to_string())
    }

    /// Extension: a DPoP proof (RFC 9449) signed with the DPoP key, for a request with `method` (as
    /// it will be sent) to `url`, with `ath` for `access_token` and `nonce` when they are not "".
    pub fn dpop_proof(&self, method: &str, url: &str, access_token: &str, nonce: &str) -> Result<String> {
        let key = self
            .dpop_key
            .as_ref()
            .ok_or_else(|| Error::new(ErrorKind::InvalidState, "no DPoP key is set (call SetDPoPKey)"))?;
        if !crate::header::is_field_name(method) {
            bail!(InvalidArgument, "'{}' is not an HTTP method", crate::redact::clip(method, 50));
        }
        let url = url::parse(url)?;
        let basis = wire::ProofBasis {
            nonce: Some(nonce).filter(|n| !n.is_empty()).map(str::to_string),
            clock_offset: server_time::offset_at(&url),
        };
        let ath = Some(access_token).filter(|t| !t.is_empty()).map(AccessTokenHash::of);
        wire::proof_for(key, method, &url, ath.as_ref(), &basis)
    }
}
