//! JWS signature algorithms (RFC 7518 section 3, RFC 8037 for EdDSA) that DPoP keys sign with,
//! and the choice of one from the list a server accepts.

use crate::error::{Error, ErrorKind};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum JwsAlgorithm {
    /// ECDSA P-256 with SHA-256.
    Es256,
    /// ECDSA P-384 with SHA-384.
    Es384,
    /// ECDSA P-521 with SHA-512.
    Es512,
    /// RSASSA-PSS with SHA-256 (MGF1 SHA-256, 32-byte salt).
    Ps256,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    Rs256,
    /// Ed25519.
    EdDsa,
}

impl JwsAlgorithm {
    /// Every algorithm this library signs with.
    pub const ALL: [JwsAlgorithm; 6] = [
        JwsAlgorithm::Es256,
        JwsAlgorithm::Es384,
        JwsAlgorithm::Es512,
        JwsAlgorithm::Ps256,
        JwsAlgorithm::Rs256,
        JwsAlgorithm::EdDsa,
    ];

    /// The algorithm whose `alg` value is `name` (case-sensitive, RFC 7515 section 4.1.1).
    pub fn from_name(name: &str) -> Option<JwsAlgorithm> {
        JwsAlgorithm::ALL.into_iter().find(|alg| alg.name() == name)
    }

    /// The `alg` header value.
    pub fn name(self) -> &'static str {
        match self {
            JwsAlgorithm::Es256 => "ES256",
            JwsAlgorithm::Es384 => "ES384",
            JwsAlgorithm::Es512 => "ES512",
            JwsAlgorithm::Ps256 => "PS256",
            JwsAlgorithm::Rs256 => "RS256",
            JwsAlgorithm::EdDsa => "EdDSA",
        }
    }
}

impl fmt::Display for JwsAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Server lists longer than this are cut in error messages (they are server text).
const MAX_NAMES_SHOWN: usize = 12;
const MAX_NAME_SHOWN: usize = 24;

impl JwsAlgorithm {
    /// The first of `preferred` (a key's algorithms, best first) that `allowed` names: the list
    /// a server accepts. JWS names are case-sensitive (RFC 7515 section 4.1.1). An empty
    /// `allowed` means the server named none: the first of `preferred`. `None` when it names
    /// none of them.
    pub fn pick(preferred: &[JwsAlgorithm], allowed: &[impl AsRef<str>]) -> Option<JwsAlgorithm> {
        if allowed.is_empty() {
            return preferred.first().copied();
        }
        preferred
            .iter()
            .copied()
            .find(|alg| allowed.iter().any(|name| name.as_ref().trim() == alg.name()))
    }

    /// The error (Key) for a key (`key_description`) that can sign only `preferred` at a server
    /// that accepts `allowed` for `purpose` ("DPoP proofs", "client assertions"): it quotes the
    /// server's list, bounded.
    pub fn none_accepted(preferred: &[JwsAlgorithm], allowed: &[impl AsRef<str>], key_description: &str, purpose: &str) -> Error {
        let shown: Vec<String> = allowed
            .iter()
            .take(MAX_NAMES_SHOWN)
            .map(|name| {
                name.as_ref()
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric() || "-_.+".contains(*c))
                    .take(MAX_NAME_SHOWN)
                    .collect()
            })
            .collect();
        let more = if allowed.len() > MAX_NAMES_SHOWN { ", ..." } else { "" };
        let can: Vec<&str> = preferred.iter().map(|alg| alg.name()).collect();
        Error::new(
            ErrorKind::Key,
            format!(
                "the server accepts {purpose} signed with {}{more}; this {key_description} can sign only {}",
                shown.join(", "),
                can.join(" or ")
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::JwsAlgorithm::*;
    use super::*;

    fn choose(preferred: &[JwsAlgorithm], allowed: &[&str], key_description: &str) -> Result<JwsAlgorithm, Error> {
        JwsAlgorithm::pick(preferred, allowed)
            .ok_or_else(|| JwsAlgorithm::none_accepted(preferred, allowed, key_description, "DPoP proofs"))
    }

    #[test]
    fn names_are_read_case_sensitively() {
        for alg in JwsAlgorithm::ALL {
            assert_eq!(JwsAlgorithm::from_name(alg.name()), Some(alg));
        }
        assert_eq!(JwsAlgorithm::from_name("es256"), None);
        assert_eq!(JwsAlgorithm::from_name("HS256"), None);
    }

    #[test]
    fn the_keys_preference_wins_over_the_servers_order() {
        let rsa = [Ps256, Rs256];
        assert_eq!(choose(&rsa, &["RS256", "PS256"], "RSA key").unwrap(), Ps256);
        assert_eq!(choose(&rsa, &["ES256", "RS256"], "RSA key").unwrap(), Rs256);
        assert_eq!(choose(&rsa, &[" PS256 "], "RSA key").unwrap(), Ps256);
        assert_eq!(choose(&rsa, &[], "RSA key").unwrap(), Ps256, "no list: the key's default");
        assert_eq!(choose(&[Es384], &["ES256", "ES384", "ES512"], "EC P-384 key").unwrap(), Es384);
        assert_eq!(choose(&[EdDsa], &["EdDSA"], "Ed25519 key").unwrap(), EdDsa);
    }

    #[test]
    fn a_key_that_can_sign_none_of_the_servers_algorithms_is_an_error() {
        let error = choose(&[Ps256, Rs256], &["ES256", "ps256", "EdDSA"], "RSA key").unwrap_err();
        assert_eq!(error.kind(), crate::ErrorKind::Key);
        assert_eq!(
            error.to_string(),
            "the server accepts DPoP proofs signed with ES256, ps256, EdDSA; this RSA key can sign only PS256 or RS256"
        );
        let long: Vec<String> = (0..20).map(|i| format!("X{i}\"\n{}", "Y".repeat(40))).collect();
        let long: Vec<&str> = long.iter().map(String::as_str).collect();
        let message = choose(&[Es256], &long, "EC P-256 key").unwrap_err().to_string();
        assert!(message.ends_with(", ...; this EC P-256 key can sign only ES256"), "{message}");
        assert!(
            !message.contains('\n') && !message.contains('"') && message.len() < 500,
            "{message}"
        );
    }
}
