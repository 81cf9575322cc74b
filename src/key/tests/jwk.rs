//! JWK output and input, and RFC 7638 thumbprints.

use crate::error::ErrorKind;
use crate::key::jwk::{thumbprint, HashAlg};
use crate::key::EcKey;
use serde_json::Value;

#[test]
fn thumbprint_matches_rfc_7638_example() {
    // RFC 7638 section 3.1 (an RSA key: the required members are e, kty, n).
    let n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3\
             oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6q\
             MQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
    // Given out of order on purpose: the function sorts.
    let members = [("n", n), ("kty", "RSA"), ("e", "AQAB")];
    assert_eq!(thumbprint(&members, HashAlg::Sha256), "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
}

#[test]
fn ec_thumbprint_hashes_crv_kty_x_y() {
    let key = EcKey::generate("P-256").unwrap();
    let jwk: Value = serde_json::from_str(key.public_jwk()).unwrap();
    let member = |name: &str| jwk[name].as_str().unwrap().to_string();
    let members = [
        ("crv", member("crv")),
        ("kty", member("kty")),
        ("x", member("x")),
        ("y", member("y")),
    ];

    let sha256 = thumbprint(&members, HashAlg::Sha256);
    for alias in ["SHA256", "SHA-256", "sha256", " sha-256 "] {
        assert_eq!(key.thumbprint(alias).unwrap(), sha256, "{alias}");
    }
    assert_eq!(key.thumbprint("SHA384").unwrap(), thumbprint(&members, HashAlg::Sha384));
    assert_eq!(key.thumbprint("sha-512").unwrap().len(), 86, "64 bytes in base64url");
    let error = key.thumbprint("MD5").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Key, "{error}");
    assert!(error.to_string().contains("'MD5'"), "names the algorithm asked for: {error}");
}

#[test]
fn jwks_are_compact_with_the_expected_members() {
    let key = EcKey::generate("P-256").unwrap();
    let public = key.public_jwk();
    assert!(public.starts_with(r#"{"kty":"EC","crv":"P-256","x":""#), "{public}");
    assert!(!public.contains(' '));

    let private: Value = serde_json::from_str(&key.private_jwk()).unwrap();
    let names: Vec<&str> = private.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(names, ["kty", "crv", "x", "y", "d"]);
    assert_eq!(private["d"].as_str().unwrap().len(), 43, "32 bytes in base64url");
}

#[test]
fn private_jwk_round_trips() {
    let key = EcKey::generate("P-256").unwrap();
    let reloaded = EcKey::from_jwk(&key.private_jwk()).unwrap();
    assert_eq!(reloaded.public_jwk(), key.public_jwk());
    assert_eq!(*reloaded.private_jwk(), *key.private_jwk());

    // Pretty-printed, extra members, surrounding whitespace, through the autodetecting loader.
    let mut jwk: Value = serde_json::from_str(&key.private_jwk()).unwrap();
    jwk["kid"] = "key-1".into();
    jwk["use"] = "sig".into();
    let text = format!("\u{feff}\n{}\n", serde_json::to_string_pretty(&jwk).unwrap());
    assert_eq!(EcKey::from_bytes(text.as_bytes(), "").unwrap().public_jwk(), key.public_jwk());
}
