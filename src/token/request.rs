//! A token request a program describes itself (the SharkAuth-style extension): any grant, with
//! the grant's own fields, answered with the server's token JSON rather than kept for requests.

use super::client::{ClientConfig, Issued};
use super::TokenTransport;
use crate::bail;
use crate::error::{Error, ErrorKind, Result};
use serde_json::{Map, Value};

/// Requests a token as `text` describes it: a JSON object with the client as in AuthToken
/// (`token_endpoint` or `issuer`, `client_id`, `client_secret`, `scope`, `client_auth`,
/// `grant_type`: client_credentials when absent), `refresh_token` for that grant, and any other
/// member (`code`, `redirect_uri`, `code_verifier`, `resource`, ...) sent as a form field.
pub fn request_token(text: &str, transport: &mut dyn TokenTransport) -> Result<Issued> {
    let members: Map<String, Value> = match serde_json::from_str(text.trim_start_matches('\u{feff}')) {
        Ok(Value::Object(members)) => members,
        Ok(_) => bail!(InvalidArgument, "the token request must be a JSON object"),
        Err(e) => bail!(InvalidArgument, "the token request is not JSON: {e}"),
    };
    let client = ClientConfig::from_members(&members)?.ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidArgument,
            "the token request needs token_endpoint (or issuer) and client_id",
        )
    })?;
    let refresh_token = match members.get("refresh_token") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if !s.is_empty() => Some(s.as_str()),
        Some(_) => bail!(InvalidArgument, "the token request's refresh_token must be a non-empty string"),
    };
    let fields: Vec<(&str, &str)> = refresh_token.map(|t| ("refresh_token", t)).into_iter().collect();
    client.request(&fields, transport)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::client::tests::Recorder;

    #[test]
    fn an_authorization_code_grant_sends_its_fields_and_returns_every_member() {
        let mut t = Recorder::answering(&[(
            200,
            r#"{"access_token":"at","token_type":"DPoP","id_token":"x.y.z","expires_in":60}"#,
        )]);
        let issued = request_token(
            r#"{"token_endpoint":"http://127.0.0.1:1/token","client_id":"app","grant_type":"authorization_code",
                "code":"c0de","redirect_uri":"https://app/cb","code_verifier":"v3rifier"}"#,
            &mut t,
        )
        .unwrap();
        assert_eq!(
            t.form(0),
            [
                ("grant_type", "authorization_code"),
                ("client_id", "app"),
                ("code", "c0de"),
                ("redirect_uri", "https://app/cb"),
                ("code_verifier", "v3rifier")
            ]
        );
        assert_eq!(issued.token.access_token(), "at");
        assert_eq!(issued.members["id_token"], "x.y.z");
    }

    #[test]
    fn client_credentials_is_the_default_and_a_refresh_token_is_a_grant_field() {
        let ok = (200, r#"{"access_token":"at"}"#);
        let mut t = Recorder::answering(&[ok, ok]);
        request_token(r#"{"token_endpoint":"http://127.0.0.1:1/t","client_id":"c","scope":"api"}"#, &mut t).unwrap();
        assert_eq!(
            t.form(0),
            [("grant_type", "client_credentials"), ("scope", "api"), ("client_id", "c")]
        );
        let issued = request_token(
            r#"{"token_endpoint":"http://127.0.0.1:1/t","client_id":"c","grant_type":"refresh_token","refresh_token":"rt-1"}"#,
            &mut t,
        )
        .unwrap();
        assert_eq!(
            t.form(1),
            [("grant_type", "refresh_token"), ("refresh_token", "rt-1"), ("client_id", "c")]
        );
        assert_eq!(
            issued.token.refresh_token.as_deref(),
            Some("rt-1"),
            "kept when the server sends none"
        );
    }

    #[test]
    fn a_refusal_keeps_the_status_and_the_oauth_error_as_values() {
        let mut t = Recorder::answering(&[(400, r#"{"error":"invalid_grant","error_description":"code expired"}"#)]);
        let e = request_token(
            r#"{"token_endpoint":"http://127.0.0.1:1/t","client_id":"c","grant_type":"authorization_code","code":"c0de"}"#,
            &mut t,
        )
        .err()
        .unwrap();
        assert_eq!(e.kind(), ErrorKind::OAuth);
        let refusal = e.refusal().unwrap();
        assert_eq!(
            (refusal.status, refusal.error.as_str(), refusal.description.as_str()),
            (400, "invalid_grant", "code expired")
        );
    }

    #[test]
    fn malformed_requests_are_explained() {
        for (json, expected) in [
            ("[1]", "must be a JSON object"),
            ("{", "is not JSON"),
            (r#"{"client_id":"c"}"#, "needs token_endpoint (or issuer) and client_id"),
            (
                r#"{"token_endpoint":"http://127.0.0.1:1/t","client_id":"c","grant_type":5}"#,
                "grant_type must be",
            ),
            (
                r#"{"token_endpoint":"http://127.0.0.1:1/t","client_id":"c","refresh_token":""}"#,
                "refresh_token must be",
            ),
        ] {
            let e = request_token(json, &mut Recorder::default()).err().unwrap();
            assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{json}");
            assert!(e.to_string().contains(expected), "{json}: {e}");
        }
    }
}
