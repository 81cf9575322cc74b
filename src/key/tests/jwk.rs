//! JWK output and input, and RFC 7638 thumbprints.

use super::{generate, Kind, TempDir};
use crate::error::ErrorKind;
use crate::key::jwk::{thumbprint, HashAlg};
use crate::key::{PrivateKey, SigningKey};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::Value;
use sha2::{Digest, Sha256};

fn key_of(kind: Kind) -> SigningKey {
    let dir = TempDir::new();
    generate(&dir, kind, "key.pem");
    SigningKey::from_bytes(&dir.read("key.pem"), "").unwrap()
}

fn names(json: &str) -> Vec<String> {
    let value: Value = serde_json::from_str(json).unwrap();
    value.as_object().unwrap().keys().cloned().collect()
}

#[test]
fn thumbprint_matches_rfc_7638_example() {
    // RFC 7638 section 3.1: the required members of an RSA key, sorted, as compact JSON.
    let n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3\
             oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6q\
             MQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
    let canonical = format!(r#"{{"e":"AQAB","kty":"RSA","n":"{n}"}}"#);
    assert_eq!(
        thumbprint(&canonical, HashAlg::Sha256),
        "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
    );
}

#[test]
fn the_public_jwk_is_the_rfc_7638_thumbprint_input() {
    for (kind, members) in [
        (Kind::P256, &["crv", "kty", "x", "y"][..]),
        (Kind::P384, &["crv", "kty", "x", "y"]),
        (Kind::P521, &["crv", "kty", "x", "y"]),
        (Kind::Rsa2048, &["e", "kty", "n"]),
        (Kind::Ed25519, &["crv", "kty", "x"]),
    ] {
        let key = key_of(kind);
        let public = key.public_jwk();
        assert_eq!(names(public), members, "{kind:?}");
        assert!(!public.contains(' '), "{public}");
        let sha256 = URL_SAFE_NO_PAD.encode(Sha256::digest(public.as_bytes()));
        for alias in ["SHA256", "SHA-256", "sha256", " sha-256 "] {
            assert_eq!(key.thumbprint(alias).unwrap(), sha256, "{kind:?} {alias}");
        }
        assert_eq!(key.thumbprint("SHA384").unwrap(), thumbprint(public, HashAlg::Sha384));
        assert_eq!(key.thumbprint("sha-512").unwrap().len(), 86, "64 bytes in base64url");
        let error = key.thumbprint("MD5").unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Key, "{error}");
        assert!(
            error.to_string().contains("unsupported JWK thumbprint hash algorithm 'MD5'"),
            "{error}"
        );
    }
}

#[test]
fn private_jwks_have_chilkats_member_order_and_full_length_values() {
    for (kind, members, d_len) in [
        (Kind::P256, &["kty", "crv", "x", "y", "d"][..], 32),
        (Kind::P384, &["kty", "crv", "x", "y", "d"], 48),
        (Kind::P521, &["kty", "crv", "x", "y", "d"], 66),
        (Kind::Rsa2048, &["kty", "n", "e", "d", "p", "q", "dp", "dq", "qi"], 0),
        (Kind::Ed25519, &["kty", "crv", "x", "d", "use"], 32),
    ] {
        let key = key_of(kind);
        let private = key.private_jwk();
        assert_eq!(names(&private), members, "{kind:?}");
        let value: Value = serde_json::from_str(&private).unwrap();
        let d = URL_SAFE_NO_PAD.decode(value["d"].as_str().unwrap()).unwrap();
        if kind.is_rsa() {
            assert_ne!(d[0], 0, "RSA members are minimal (RFC 7518 6.3: Base64urlUInt)");
        } else {
            assert_eq!(d.len(), d_len, "{kind:?}: EC and OKP private keys have their full length");
        }
    }
}

#[test]
fn private_jwks_round_trip() {
    for kind in Kind::EACH {
        let key = key_of(kind);
        let reloaded = SigningKey::from_jwk(&key.private_jwk()).unwrap();
        assert_eq!(reloaded.public_jwk(), key.public_jwk(), "{kind:?}");
        assert_eq!(*reloaded.private_jwk(), *key.private_jwk(), "{kind:?}");

        // Pretty-printed, extra members, surrounding whitespace, through the autodetecting loader.
        let mut jwk: Value = serde_json::from_str(&key.private_jwk()).unwrap();
        jwk["kid"] = "key-1".into();
        jwk["alg"] = "whatever".into();
        let text = format!("\u{feff}\n{}\n", serde_json::to_string_pretty(&jwk).unwrap());
        assert_eq!(SigningKey::from_bytes(text.as_bytes(), "").unwrap().public_jwk(), key.public_jwk());
    }
}

/// What Chilkat 11.6.1 (chilkat2) wrote for five throwaway keys: `GetJwk`, the public key's
/// `GetJwk`, `GetJwkThumbprint`, `GetPkcs8Pem`, `KeyType` and `BitLength`. Recorded by hand.
const CHILKAT_KEYS: &str = include_str!("chilkat_keys.json");

#[test]
fn keys_written_by_chilkat_load_with_the_same_thumbprints() {
    let records: Vec<Value> = serde_json::from_str(CHILKAT_KEYS).unwrap();
    assert_eq!(records.len(), 5);
    for record in &records {
        let field = |name: &str| record[name].as_str().unwrap();
        let mut from_jwk = PrivateKey::default();
        from_jwk.load_jwk(field("jwk")).unwrap_or_else(|e| panic!("{}: {e}", field("file")));
        let mut from_pem = PrivateKey::default();
        from_pem.load_pem(field("pkcs8_pem")).unwrap();
        assert_eq!(from_pem.public_jwk().unwrap(), from_jwk.public_jwk().unwrap());
        if from_jwk.key_type() == "ed25519" {
            // Chilkat hashes {"kty":"OKP","crv":"Ed25519","x":..}, not the members sorted by
            // name as RFC 7638 section 3.3 (and RFC 8037 section 2) require.
            let public = from_jwk.public_jwk().unwrap();
            let x = &public[public.rfind(":\"").unwrap() + 2..public.len() - 2];
            let chilkat_input = format!(r#"{{"kty":"OKP","crv":"Ed25519","x":"{x}"}}"#);
            assert_eq!(thumbprint(&chilkat_input, HashAlg::Sha256), field("thumbprint_sha256"));
            assert_ne!(from_jwk.jwk_thumbprint("SHA256").unwrap(), field("thumbprint_sha256"));
        } else {
            assert_eq!(from_jwk.jwk_thumbprint("SHA256").unwrap(), field("thumbprint_sha256"));
            assert_eq!(from_jwk.jwk_thumbprint("SHA512").unwrap(), field("thumbprint_sha512"));
        }
        assert_eq!(from_jwk.key_type(), field("key_type"));
        // Chilkat says 528 (66 bytes) for P-521; libdpop the curve's size.
        let chilkat_bits = record["bit_length"].as_u64().unwrap() as u32;
        assert_eq!(from_jwk.bit_length(), if chilkat_bits == 528 { 521 } else { chilkat_bits });

        // The same members in the same order, with the same numbers; Chilkat drops the leading
        // zero bytes of an EC "d" and pads RSA's "d" to the modulus length, libdpop writes
        // both as RFC 7518 says.
        let ours: Value = serde_json::from_str(&from_jwk.jwk().unwrap()).unwrap();
        let theirs: Value = serde_json::from_str(field("jwk")).unwrap();
        assert_eq!(names(&ours.to_string()), names(&theirs.to_string()), "{}", field("file"));
        let number = |value: &Value| -> Vec<u8> {
            let bytes = URL_SAFE_NO_PAD.decode(value.as_str().unwrap()).unwrap();
            bytes.into_iter().skip_while(|&b| b == 0).collect()
        };
        for (name, value) in theirs.as_object().unwrap() {
            if ["kty", "crv", "use"].contains(&name.as_str()) {
                assert_eq!(&ours[name], value, "{} member {name}", field("file"));
            } else {
                assert_eq!(number(&ours[name]), number(value), "{} member {name}", field("file"));
            }
        }
        let public: Value = serde_json::from_str(field("public_jwk")).unwrap();
        let ours_public: Value = serde_json::from_str(&from_jwk.public_jwk().unwrap()).unwrap();
        assert_eq!(ours_public, public, "the same public members (in another order)");
    }
}
