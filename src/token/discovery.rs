//! Authorization server metadata discovery (RFC 8414, OpenID Connect Discovery 1.0): from an
//! `issuer`, the token endpoint and what the server supports, fetched once per process.
//!
//! RFC 8414's well-known URI is tried first (`/.well-known/oauth-authorization-server` inserted
//! before the issuer's path), then OpenID's (`/.well-known/openid-configuration` appended to it).
//! The document's `issuer` must be exactly the one asked for (RFC 8414 3.3), so a document
//! served for someone else cannot redirect the client secret.

use super::{Answer, TokenTransport};
use crate::error::{Error, ErrorKind, Result};
use crate::oauth_error::describe_answer;
use crate::redact::Redactor;
use crate::sync::lock;
use crate::url::{self, Url};
use once_cell::sync::Lazy;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Metadata documents are small; a bigger answer is not one.
const MAX_METADATA_BYTES: usize = 256 * 1024;
/// Issuers one process keeps metadata for before starting over.
const MAX_ISSUERS: usize = 64;

/// What this library uses of an authorization server's metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerMetadata {
    pub issuer: String,
    pub token_endpoint: Url,
    /// `dpop_signing_alg_values_supported` (RFC 9449 5.1), empty when not given.
    pub dpop_signing_algs: Vec<String>,
    /// `token_endpoint_auth_methods_supported`, empty when not given.
    pub auth_methods: Vec<String>,
    /// `token_endpoint_auth_signing_alg_values_supported`: what private_key_jwt assertions may
    /// be signed with; empty when not given.
    pub auth_signing_algs: Vec<String>,
}

static DOCUMENTS: Lazy<Mutex<HashMap<String, Arc<ServerMetadata>>>> = Lazy::new(Default::default);

/// The metadata of `issuer` fetched earlier in this process, if any.
pub fn cached(issuer: &Url) -> Option<Arc<ServerMetadata>> {
    lock(&DOCUMENTS).get(issuer.as_str()).cloned()
}

/// The metadata of `issuer`: from this process's memory, else fetched through `transport`.
pub fn metadata(issuer: &Url, transport: &mut dyn TokenTransport) -> Result<Arc<ServerMetadata>> {
    if let Some(known) = cached(issuer) {
        return Ok(known);
    }
    let mut tried = Vec::new();
    for location in well_known_locations(issuer) {
        let answer = transport
            .get_json(&location, MAX_METADATA_BYTES)
            .map_err(|e| e.context(format!("fetching the metadata of {}", url::display(issuer.as_str()))))?;
        if answer.status == 200 {
            let found = Arc::new(parse(&answer, issuer, &location)?);
            let mut documents = lock(&DOCUMENTS);
            if documents.len() >= MAX_ISSUERS {
                documents.clear();
            }
            documents.insert(issuer.as_str().to_string(), found.clone());
            return Ok(found);
        }
        tried.push(format!(
            "{}: {}",
            url::display(location.as_str()),
            describe_answer(answer.status, &answer.reason, None, &Redactor::new(&[]))
        ));
    }
    Err(Error::new(
        ErrorKind::Protocol,
        format!(
            "no authorization server metadata found for issuer {} ({})",
            url::display(issuer.as_str()),
            tried.join("; ")
        ),
    ))
}

/// RFC 8414 3.1's location, then OpenID Connect Discovery 4's.
fn well_known_locations(issuer: &Url) -> Vec<Url> {
    let path = issuer.path().trim_end_matches('/');
    let mut rfc8414 = issuer.clone();
    rfc8414.set_path(&format!("/.well-known/oauth-authorization-server{path}"));
    let mut openid = issuer.clone();
    openid.set_path(&format!("{path}/.well-known/openid-configuration"));
    for location in [&mut rfc8414, &mut openid] {
        location.set_query(None);
        location.set_fragment(None);
    }
    vec![rfc8414, openid]
}

fn parse(answer: &Answer, issuer: &Url, location: &Url) -> Result<ServerMetadata> {
    let what = || format!("the metadata at {}", url::display(location.as_str()));
    let json = answer.body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&answer.body);
    let Ok(Value::Object(members)) = serde_json::from_slice::<Value>(json) else {
        return Err(Error::new(ErrorKind::Protocol, format!("{} is not a JSON object", what())));
    };
    let named_issuer = members.get("issuer").and_then(Value::as_str).unwrap_or_default();
    // RFC 8414 3.3: identical, character for character (the trailing slash included).
    if named_issuer != issuer.as_str() && named_issuer != issuer.as_str().trim_end_matches('/') {
        return Err(Error::new(
            ErrorKind::Protocol,
            format!(
                "{} names the issuer '{}', not '{}': not used (RFC 8414 3.3)",
                what(),
                url::display(named_issuer),
                url::display(issuer.as_str())
            ),
        ));
    }
    let token_endpoint = members
        .get("token_endpoint")
        .and_then(Value::as_str)
        .ok_or_else(|| Error::new(ErrorKind::Protocol, format!("{} has no token_endpoint", what())))
        .and_then(|text| url::parse(text).map_err(|e| Error::new(ErrorKind::Protocol, e.message().to_string()).context(what())))?;
    let strings = |name: &str| -> Vec<String> {
        members
            .get(name)
            .and_then(Value::as_array)
            .map(|items| items.iter().filter_map(Value::as_str).map(str::to_string).collect())
            .unwrap_or_default()
    };
    Ok(ServerMetadata {
        issuer: named_issuer.to_string(),
        token_endpoint,
        dpop_signing_algs: strings("dpop_signing_alg_values_supported"),
        auth_methods: strings("token_endpoint_auth_methods_supported"),
        auth_signing_algs: strings("token_endpoint_auth_signing_alg_values_supported"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::ClientCredentials;

    /// Answers GETs from a table of URL -> (status, body) and counts them.
    struct Documents {
        table: Vec<(String, u16, String)>,
        gets: usize,
    }

    impl TokenTransport for Documents {
        fn post_form(&mut self, _: &Url, _: &[(&str, &str)], _: &ClientCredentials, _: &[&str]) -> Result<Answer> {
            unreachable!("discovery only reads")
        }

        fn get_json(&mut self, url: &Url, _: usize) -> Result<Answer> {
            self.gets += 1;
            let (status, body) = self
                .table
                .iter()
                .find(|(u, _, _)| u == url.as_str())
                .map_or((404, String::new()), |(_, s, b)| (*s, b.clone()));
            Ok(Answer {
                status,
                reason: String::new(),
                body: body.into_bytes(),
            })
        }

        fn conditions(&self) -> u64 {
            0
        }

        fn dpop_key(&self) -> Option<Arc<crate::key::SigningKey>> {
            None
        }

        fn time_limit(&self) -> std::time::Duration {
            std::time::Duration::from_secs(1)
        }

        fn note(&mut self, _: &str) {}
    }

    #[test]
    fn well_known_locations_follow_rfc8414_then_openid() {
        let issuer = Url::parse("https://as.example/tenant/one").unwrap();
        let found: Vec<String> = well_known_locations(&issuer).iter().map(|u| u.to_string()).collect();
        assert_eq!(
            found,
            [
                "https://as.example/.well-known/oauth-authorization-server/tenant/one",
                "https://as.example/tenant/one/.well-known/openid-configuration"
            ]
        );
        let root = Url::parse("http://127.0.0.1:4000").unwrap();
        assert_eq!(
            well_known_locations(&root)[1].as_str(),
            "http://127.0.0.1:4000/.well-known/openid-configuration"
        );
    }

    #[test]
    fn the_openid_document_is_used_when_rfc8414_has_none_and_then_remembered() {
        let issuer = Url::parse("http://127.0.0.1:4101/").unwrap();
        let document = r#"{"issuer":"http://127.0.0.1:4101","token_endpoint":"http://127.0.0.1:4101/token","dpop_signing_alg_values_supported":["ES256","PS256"],"token_endpoint_auth_methods_supported":["private_key_jwt"],"token_endpoint_auth_signing_alg_values_supported":["RS256"]}"#;
        let mut transport = Documents {
            table: vec![(
                "http://127.0.0.1:4101/.well-known/openid-configuration".into(),
                200,
                document.into(),
            )],
            gets: 0,
        };
        let found = metadata(&issuer, &mut transport).unwrap();
        assert_eq!(found.token_endpoint.as_str(), "http://127.0.0.1:4101/token");
        assert_eq!(found.dpop_signing_algs, ["ES256", "PS256"]);
        assert_eq!(found.auth_methods, ["private_key_jwt"]);
        assert_eq!(found.auth_signing_algs, ["RS256"]);
        assert_eq!(transport.gets, 2);
        metadata(&issuer, &mut transport).unwrap();
        assert_eq!(transport.gets, 2, "fetched once per process");
    }

    #[test]
    fn a_document_for_another_issuer_is_refused() {
        let issuer = Url::parse("https://as.example/").unwrap();
        let mut transport = Documents {
            table: vec![(
                "https://as.example/.well-known/oauth-authorization-server".into(),
                200,
                r#"{"issuer":"https://evil.example","token_endpoint":"https://evil.example/token"}"#.into(),
            )],
            gets: 0,
        };
        let e = metadata(&issuer, &mut transport).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Protocol);
        assert!(e.to_string().contains("names the issuer 'https://evil.example'"), "{e}");
        assert!(cached(&issuer).is_none());
    }

    #[test]
    fn no_document_at_all_names_both_places_tried() {
        let issuer = Url::parse("https://nothing.example/x").unwrap();
        let mut transport = Documents { table: vec![], gets: 0 };
        let e = metadata(&issuer, &mut transport).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Protocol);
        assert!(
            e.to_string().contains("oauth-authorization-server/x: the server answered 404"),
            "{e}"
        );
        assert!(e.to_string().contains("x/.well-known/openid-configuration"), "{e}");
    }
}
