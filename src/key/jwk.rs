//! JSON Web Keys in and out (RFC 7517; EC and RSA: RFC 7518 section 6; OKP: RFC 8037) and
//! RFC 7638 thumbprints.

use super::ec::{Curve, EcKey};
use super::ed25519::Ed25519Key;
use super::errors;
use super::rsa::{self, RsaKey};
use super::signing_key::KeyKind;
use crate::bail;
use crate::error::{Error, ErrorKind, Result};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256, Sha384, Sha512};
use zeroize::Zeroizing;

/// The members holding private key material, taken out of a parsed JWK first so that they are
/// zeroized on every path.
const PRIVATE_MEMBERS: [&str; 6] = ["d", "p", "q", "dp", "dq", "qi"];

/// The public JWK: the members RFC 7638 requires for the thumbprint, sorted by name (EC: crv,
/// kty, x, y; RSA: e, kty, n; OKP: crv, kty, x), compact. So the thumbprint is the hash of this
/// very text.
pub(super) fn public_json(key: &KeyKind) -> String {
    let b64 = |bytes: &[u8]| URL_SAFE_NO_PAD.encode(bytes);
    let mut members: Vec<(&str, String)> = match key {
        KeyKind::Ec(ec) => vec![
            ("crv", ec.curve().jwk_name().to_string()),
            ("kty", "EC".to_string()),
            ("x", b64(ec.x())),
            ("y", b64(ec.y())),
        ],
        KeyKind::Rsa(rsa) => {
            let [n, e, ..] = rsa.components();
            vec![("e", b64(e)), ("kty", "RSA".to_string()), ("n", b64(n))]
        }
        KeyKind::Ed25519(ed) => vec![("crv", "Ed25519".to_string()), ("kty", "OKP".to_string()), ("x", b64(ed.public()))],
    };
    members.sort_unstable_by_key(|(name, _)| *name);
    let mut json = String::new();
    write_object(&members, &mut json);
    json
}

/// The private JWK, in Chilkat's member order: EC kty, crv, x, y, d; RSA kty, n, e, d, p, q,
/// dp, dq, qi; OKP kty, crv, x, d, use ("sig", which Chilkat adds to Ed25519 keys).
pub(super) fn private_json(key: &KeyKind) -> Zeroizing<String> {
    let b64 = |bytes: &[u8]| Zeroizing::new(URL_SAFE_NO_PAD.encode(bytes));
    let text = |value: &str| Zeroizing::new(value.to_string());
    let members: Vec<(&str, Zeroizing<String>)> = match key {
        KeyKind::Ec(ec) => vec![
            ("kty", text("EC")),
            ("crv", text(ec.curve().jwk_name())),
            ("x", b64(ec.x())),
            ("y", b64(ec.y())),
            ("d", b64(ec.scalar())),
        ],
        KeyKind::Rsa(rsa) => [("kty", text("RSA"))]
            .into_iter()
            .chain(rsa::COMPONENTS.into_iter().zip(rsa.components().map(b64)))
            .collect(),
        KeyKind::Ed25519(ed) => vec![
            ("kty", text("OKP")),
            ("crv", text("Ed25519")),
            ("x", b64(ed.public())),
            ("d", b64(ed.seed())),
            ("use", text("sig")),
        ],
    };
    // Capacity for the whole object up front: growing would leave copies of secrets behind.
    let capacity = 2 + members.iter().map(|(name, value)| name.len() + value.len() + 6).sum::<usize>();
    let mut json = Zeroizing::new(String::with_capacity(capacity));
    write_object(&members, &mut json);
    json
}

/// Reads a private JWK: EC (P-256, P-384, P-521), RSA with its CRT members, or OKP Ed25519.
/// Other members ("kid", "use", "alg", ...) are ignored.
pub(super) fn decode_private(json: &str) -> Result<KeyKind> {
    let value: Value = serde_json::from_str(json).map_err(|e| Error::new(ErrorKind::Key, format!("the JWK is not valid JSON: {e}")))?;
    let Value::Object(mut jwk) = value else {
        bail!(Key, "the JWK is not a JSON object")
    };
    let mut secrets: Vec<(&'static str, Zeroizing<String>)> = Vec::with_capacity(PRIVATE_MEMBERS.len());
    for name in PRIVATE_MEMBERS {
        match jwk.remove(name) {
            Some(Value::String(value)) => secrets.push((name, Zeroizing::new(value))),
            Some(_) => bail!(Key, "the JWK member \"{name}\" is not a string"),
            None => {}
        }
    }
    match string_member(&jwk, "kty")? {
        "EC" => decode_ec(&jwk, &secrets).map(KeyKind::Ec),
        "RSA" => decode_rsa(&jwk, &secrets).map(KeyKind::Rsa),
        "OKP" => decode_ed25519(&jwk, &secrets).map(KeyKind::Ed25519),
        "oct" => Err(errors::other_key_type("a symmetric (\"oct\") key")),
        other => bail!(Key, "the JWK has an unsupported key type \"kty\": \"{other}\""),
    }
}

fn decode_ec(jwk: &Map<String, Value>, secrets: &Secrets) -> Result<EcKey> {
    let crv = string_member(jwk, "crv")?;
    let curve = Curve::from_jwk_name(crv).ok_or_else(|| errors::other_curve(&errors::curve_name_from_jwk(crv)))?;
    let len = curve.field_len();
    let key = EcKey::from_scalar(curve, &decode_number(private_d(secrets)?, "d", len)?, None)?;
    // x and y are redundant with d: a mismatch means a corrupt or hand-edited JWK. Writers that
    // drop leading zeros are accepted: the values are compared as numbers.
    let x = left_pad(&decode_number(string_member(jwk, "x")?, "x", len)?, len);
    let y = left_pad(&decode_number(string_member(jwk, "y")?, "y", len)?, len);
    if key.x() != &x[..] || key.y() != &y[..] {
        bail!(Key, "the JWK's public members \"x\" and \"y\" do not match its private key \"d\"");
    }
    Ok(key)
}

fn decode_rsa(jwk: &Map<String, Value>, secrets: &Secrets) -> Result<RsaKey> {
    private_d(secrets)?;
    let mut values = Vec::with_capacity(rsa::COMPONENTS.len());
    for name in rsa::COMPONENTS {
        let text = match name {
            "n" | "e" => string_member(jwk, name)?,
            _ => secret(secrets, name).ok_or_else(|| {
                Error::new(
                    ErrorKind::Key,
                    format!(
                        "the RSA JWK has no \"{name}\" member; keys without all of p, q, dp, dq and qi are not supported \
                         (export the key with its CRT members)"
                    ),
                )
            })?,
        };
        values.push(decode_number(text, name, rsa::MAX_BITS as usize / 8 + 1)?);
    }
    let slices: Vec<&[u8]> = values.iter().map(|value| value.as_slice()).collect();
    RsaKey::from_components(&slices.try_into().expect("one value per RSA component"))
}

fn decode_ed25519(jwk: &Map<String, Value>, secrets: &Secrets) -> Result<Ed25519Key> {
    let crv = string_member(jwk, "crv")?;
    if crv != "Ed25519" {
        return Err(errors::other_key_type(&match crv {
            "Ed448" => "an Ed448 key".to_string(),
            "X25519" | "X448" => format!("an {crv} key (for key agreement, not signing)"),
            other => format!("an OKP key on curve '{other}'"),
        }));
    }
    let len = super::ed25519::KEY_LEN;
    let key = Ed25519Key::from_seed(&decode_number(private_d(secrets)?, "d", len)?, None)?;
    if key.public() != &decode_number(string_member(jwk, "x")?, "x", len)?[..] {
        bail!(Key, "the JWK's public member \"x\" does not match its private key \"d\"");
    }
    Ok(key)
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

/// RFC 7638: base64url(hash(the required members, sorted by name, as compact JSON)); `public_json`
/// is that JSON.
pub(super) fn thumbprint(public_json: &str, hash: HashAlg) -> String {
    URL_SAFE_NO_PAD.encode(hash.digest(public_json.as_bytes()))
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

/// The private members of a JWK, by name, taken out of the parsed JSON.
type Secrets = [(&'static str, Zeroizing<String>)];

fn secret<'a>(secrets: &'a Secrets, name: &str) -> Option<&'a str> {
    secrets.iter().find(|(n, _)| *n == name).map(|(_, value)| value.as_str())
}

/// "d", which every private JWK has; without it the JWK is a public key.
fn private_d(secrets: &Secrets) -> Result<&str> {
    secret(secrets, "d").ok_or_else(|| errors::public_only("JWK (it has no \"d\" member)"))
}

fn string_member<'a>(jwk: &'a Map<String, Value>, name: &str) -> Result<&'a str> {
    match jwk.get(name) {
        Some(Value::String(value)) => Ok(value),
        Some(_) => bail!(Key, "the JWK member \"{name}\" is not a string"),
        None => bail!(Key, "the JWK has no \"{name}\" member"),
    }
}

/// Decodes a base64url number of at most `max_len` bytes (big-endian).
fn decode_number(text: &str, name: &str, max_len: usize) -> Result<Zeroizing<Vec<u8>>> {
    // The base64 crate's error names the offending character: not echoed, it may be key data.
    let bytes = URL_SAFE_NO_PAD
        .decode(text.trim_end_matches('='))
        .map(Zeroizing::new)
        .map_err(|_| Error::new(ErrorKind::Key, format!("the JWK member \"{name}\" is not valid base64url")))?;
    if bytes.is_empty() || bytes.len() > max_len {
        bail!(
            Key,
            "the JWK member \"{name}\" has {} bytes; this key type needs 1 to {max_len}",
            bytes.len()
        );
    }
    Ok(bytes)
}

/// `bytes` (at most `len` long) with zeros in front up to `len` bytes.
fn left_pad(bytes: &[u8], len: usize) -> Vec<u8> {
    let mut padded = vec![0u8; len - bytes.len()];
    padded.extend_from_slice(bytes);
    padded
}
