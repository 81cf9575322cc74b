//! EC P-256 JSON Web Keys (RFC 7517, RFC 7518 section 6.2) and RFC 7638 thumbprints.

use super::errors;
use crate::bail;
use crate::error::{Error, ErrorKind, Result};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use p256::elliptic_curve::sec1::ToEncodedPoint;
use p256::{PublicKey, SecretKey};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256, Sha384, Sha512};
use zeroize::Zeroizing;

/// Length of each of x, y and d: RFC 7518 requires the full field size, leading zeros included.
const COORDINATE_LEN: usize = 32;

/// The public members of `public` in the order we emit them: kty, crv, x, y.
pub(super) fn public_members(public: &PublicKey) -> [(&'static str, String); 4] {
    let point = public.to_encoded_point(false);
    let coordinate = |bytes: Option<&_>| URL_SAFE_NO_PAD.encode(bytes.expect("an uncompressed point has x and y"));
    [
        ("kty", "EC".to_string()),
        ("crv", "P-256".to_string()),
        ("x", coordinate(point.x())),
        ("y", coordinate(point.y())),
    ]
}

/// `{"kty":"EC","crv":"P-256","x":"..","y":".."}`, compact.
pub(super) fn public_json(public: &PublicKey) -> String {
    let mut json = String::new();
    write_object(&public_members(public), &mut json);
    json
}

/// The public members plus `d`, in zeroizing storage.
pub(super) fn private_json(public: &PublicKey, secret: &SecretKey) -> Zeroizing<String> {
    let d = Zeroizing::new(URL_SAFE_NO_PAD.encode(Zeroizing::new(secret.to_bytes())));
    let public_members = public_members(public);
    let members: Vec<(&str, &str)> = public_members
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .chain([("d", d.as_str())])
        .collect();
    // Capacity for the whole object up front: growing would leave copies of `d` behind.
    let mut json = Zeroizing::new(String::with_capacity(256));
    write_object(&members, &mut json);
    json
}

/// Reads a private EC P-256 JWK. Other members ("kid", "use", "alg", ...) are ignored.
pub(super) fn decode_private(json: &str) -> Result<SecretKey> {
    let value: Value = serde_json::from_str(json).map_err(|e| Error::new(ErrorKind::Key, format!("the JWK is not valid JSON: {e}")))?;
    let Value::Object(mut jwk) = value else {
        bail!(Key, "the JWK is not a JSON object")
    };
    // Moved out first so that the private key text is zeroized on every return path.
    let d = match jwk.remove("d") {
        Some(Value::String(d)) => Some(Zeroizing::new(d)),
        Some(_) => bail!(Key, "the JWK member \"d\" is not a string"),
        None => None,
    };
    match string_member(&jwk, "kty")? {
        "EC" => {}
        "RSA" => return Err(errors::rsa_key()),
        "OKP" => {
            let crv = jwk.get("crv").and_then(Value::as_str).unwrap_or("unnamed curve");
            return Err(errors::other_key_type(&format!("an OKP key ({crv})")));
        }
        "oct" => return Err(errors::other_key_type("a symmetric (\"oct\") key")),
        other => bail!(Key, "the JWK has an unsupported key type \"kty\": \"{other}\""),
    }
    let crv = string_member(&jwk, "crv")?;
    if crv != "P-256" {
        return Err(errors::other_curve(&errors::curve_name_from_jwk(crv)));
    }
    let Some(d) = d else {
        return Err(errors::public_only("JWK (it has no \"d\" member)"));
    };
    let d = decode_coordinate(&d, "d")?;
    let secret =
        SecretKey::from_slice(&d).map_err(|_| Error::new(ErrorKind::Key, "the JWK member \"d\" is not a valid P-256 private key"))?;
    // x and y are redundant with d: a mismatch means a corrupt or hand-edited JWK.
    let point = secret.public_key().to_encoded_point(false);
    let x = decode_coordinate(string_member(&jwk, "x")?, "x")?;
    let y = decode_coordinate(string_member(&jwk, "y")?, "y")?;
    if point.x().map(|px| px.as_slice()) != Some(&x[..]) || point.y().map(|py| py.as_slice()) != Some(&y[..]) {
        bail!(Key, "the JWK's public members \"x\" and \"y\" do not match its private key \"d\"");
    }
    Ok(secret)
}

/// A thumbprint hash algorithm: "SHA256", "SHA-256", "sha256" (and the same for 384 and 512).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum HashAlg {
    Sha256,
    Sha384,
    Sha512,
}

impl HashAlg {
    pub fn parse(name: &str) -> Result<HashAlg> {
        match name.trim().to_ascii_uppercase().replace('-', "").as_str() {
            "SHA256" => Ok(HashAlg::Sha256),
            "SHA384" => Ok(HashAlg::Sha384),
            "SHA512" => Ok(HashAlg::Sha512),
            _ => bail!(
                Key,
                "unsupported JWK thumbprint hash algorithm '{name}' (use SHA256, SHA384 or SHA512)"
            ),
        }
    }

    fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            HashAlg::Sha256 => Sha256::digest(data).to_vec(),
            HashAlg::Sha384 => Sha384::digest(data).to_vec(),
            HashAlg::Sha512 => Sha512::digest(data).to_vec(),
        }
    }
}

/// RFC 7638: base64url(hash(the required members, sorted by name, as compact JSON)).
/// Generic over the key type: EC uses crv, kty, x, y; RSA uses e, kty, n.
pub(super) fn thumbprint<V: AsRef<str>>(required_members: &[(&str, V)], hash: HashAlg) -> String {
    let mut sorted: Vec<(&str, &str)> = required_members.iter().map(|(name, value)| (*name, value.as_ref())).collect();
    sorted.sort_unstable_by_key(|(name, _)| *name);
    let mut json = String::new();
    write_object(&sorted, &mut json);
    URL_SAFE_NO_PAD.encode(hash.digest(json.as_bytes()))
}

/// Appends `{"name":"value",...}`. Values are base64url or registered names ("EC", "P-256"),
/// which never need JSON escaping, so they are written as they are (no escaped temporary copy
/// of secret values).
fn write_object<V: AsRef<str>>(members: &[(&str, V)], out: &mut String) {
    out.push('{');
    for (i, (name, value)) in members.iter().enumerate() {
        debug_assert!(!value.as_ref().contains(['"', '\\']), "JWK member {name} needs escaping");
        if i > 0 {
            out.push(',');
        }
        for part in ["\"", name, "\":\"", value.as_ref(), "\""] {
            out.push_str(part);
        }
    }
    out.push('}');
}

fn string_member<'a>(jwk: &'a Map<String, Value>, name: &str) -> Result<&'a str> {
    match jwk.get(name) {
        Some(Value::String(value)) => Ok(value),
        Some(_) => bail!(Key, "the JWK member \"{name}\" is not a string"),
        None => bail!(Key, "the JWK has no \"{name}\" member"),
    }
}

/// Decodes a base64url coordinate or private scalar of exactly 32 bytes.
fn decode_coordinate(text: &str, name: &str) -> Result<Zeroizing<Vec<u8>>> {
    // The base64 crate's error names the offending character: not echoed, it may be key data.
    let bytes = URL_SAFE_NO_PAD
        .decode(text.trim_end_matches('='))
        .map(Zeroizing::new)
        .map_err(|_| Error::new(ErrorKind::Key, format!("the JWK member \"{name}\" is not valid base64url")))?;
    if bytes.len() != COORDINATE_LEN {
        bail!(
            Key,
            "the JWK member \"{name}\" has {} bytes; a P-256 key needs {COORDINATE_LEN}",
            bytes.len()
        );
    }
    Ok(bytes)
}
