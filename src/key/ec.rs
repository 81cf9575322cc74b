//! EC private keys on P-256, P-384 and P-521 (ES256, ES384, ES512).
//!
//! The key is kept as bytes (scalar and uncompressed public point), so that JWK and DER output
//! is the same code for every curve; the curve crates validate the scalar and derive the point,
//! ring signs P-256 and P-384, and p521 signs P-521 (ring has no P-521).

use crate::error::{Error, ErrorKind, Result};
use p256::elliptic_curve::sec1::{FromEncodedPoint, ModulusSize, ToEncodedPoint};
use p256::elliptic_curve::{AffinePoint, CurveArithmetic, FieldBytesSize, SecretKey};
use pkcs8::ObjectIdentifier;
use ring::rand::SystemRandom;
use ring::signature::{EcdsaKeyPair, EcdsaSigningAlgorithm, ECDSA_P256_SHA256_FIXED_SIGNING, ECDSA_P384_SHA384_FIXED_SIGNING};
use zeroize::Zeroizing;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Curve {
    P256,
    P384,
    P521,
}

impl Curve {
    pub const ALL: [Curve; 3] = [Curve::P256, Curve::P384, Curve::P521];

    /// The JWK "crv" name.
    pub fn jwk_name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
        }
    }

    /// The names `generate` accepts: the JWK name first, then the SEC 2 and ANSI X9.62 names.
    fn names(self) -> &'static [&'static str] {
        match self {
            Curve::P256 => &["P-256", "secp256r1", "prime256v1"],
            Curve::P384 => &["P-384", "secp384r1"],
            Curve::P521 => &["P-521", "secp521r1"],
        }
    }

    pub fn oid(self) -> ObjectIdentifier {
        ObjectIdentifier::new_unwrap(match self {
            Curve::P256 => "1.2.840.10045.3.1.7",
            Curve::P384 => "1.3.132.0.34",
            Curve::P521 => "1.3.132.0.35",
        })
    }

    pub fn bits(self) -> u32 {
        match self {
            Curve::P256 => 256,
            Curve::P384 => 384,
            Curve::P521 => 521,
        }
    }

    /// Bytes of a coordinate or scalar (RFC 7518 6.2.1.2: the full size, leading zeros included).
    pub fn field_len(self) -> usize {
        self.bits().div_ceil(8) as usize
    }

    pub fn from_oid(oid: ObjectIdentifier) -> Option<Curve> {
        Curve::ALL.into_iter().find(|curve| curve.oid() == oid)
    }

    pub fn from_jwk_name(crv: &str) -> Option<Curve> {
        Curve::ALL.into_iter().find(|curve| curve.jwk_name() == crv)
    }

    /// "P-384", "secp384r1", "p-384"... (case-insensitive, surrounding spaces ignored).
    pub fn from_any_name(name: &str) -> Option<Curve> {
        Curve::ALL
            .into_iter()
            .find(|curve| curve.names().iter().any(|known| known.eq_ignore_ascii_case(name.trim())))
    }
}

enum Signer {
    Ring(EcdsaKeyPair, SystemRandom),
    P521(p521::ecdsa::SigningKey),
}

pub(super) struct EcKey {
    curve: Curve,
    /// Big-endian, `curve.field_len()` bytes.
    scalar: Zeroizing<Vec<u8>>,
    /// 04 || x || y.
    point: Vec<u8>,
    signer: Signer,
}

impl EcKey {
    pub fn generate(curve: Curve) -> Result<EcKey> {
        // A random scalar below the group order, as the curve crates make them.
        match curve {
            Curve::P256 => EcKey::from_scalar(curve, &random_scalar::<p256::NistP256>(), None),
            Curve::P384 => EcKey::from_scalar(curve, &random_scalar::<p384::NistP384>(), None),
            Curve::P521 => EcKey::from_scalar(curve, &random_scalar::<p521::NistP521>(), None),
        }
    }

    /// `scalar` is big-endian, at most `curve.field_len()` bytes (shorter ones are left-padded,
    /// as some writers drop leading zeros). `stored_point`, the public key stored with the
    /// private key (SEC1, JWK), must match it.
    pub fn from_scalar(curve: Curve, scalar: &[u8], stored_point: Option<&[u8]>) -> Result<EcKey> {
        let derived = match curve {
            Curve::P256 => derive::<p256::NistP256>(scalar),
            Curve::P384 => derive::<p384::NistP384>(scalar),
            Curve::P521 => derive::<p521::NistP521>(scalar),
        };
        let Some((scalar, point)) = derived else {
            return Err(Error::new(
                ErrorKind::Key,
                format!(
                    "the private key is not a valid {} key (its scalar is out of range)",
                    curve.jwk_name()
                ),
            ));
        };
        if stored_point.is_some_and(|stored| stored != point.as_slice()) {
            return Err(Error::new(
                ErrorKind::Key,
                "the public key stored with the EC private key does not match it (the key is corrupt)",
            ));
        }
        let signer = match curve {
            Curve::P256 => ring_signer(&ECDSA_P256_SHA256_FIXED_SIGNING, &scalar, &point)?,
            Curve::P384 => ring_signer(&ECDSA_P384_SHA384_FIXED_SIGNING, &scalar, &point)?,
            Curve::P521 => Signer::P521(
                p521::ecdsa::SigningKey::from_slice(&scalar)
                    .map_err(|_| Error::new(ErrorKind::Key, "the P-521 signing library rejected the key"))?,
            ),
        };
        Ok(EcKey {
            curve,
            scalar,
            point,
            signer,
        })
    }

    pub fn curve(&self) -> Curve {
        self.curve
    }

    pub fn scalar(&self) -> &[u8] {
        &self.scalar
    }

    /// The uncompressed public point 04 || x || y.
    pub fn point(&self) -> &[u8] {
        &self.point
    }

    pub fn x(&self) -> &[u8] {
        &self.point[1..1 + self.curve.field_len()]
    }

    pub fn y(&self) -> &[u8] {
        &self.point[1 + self.curve.field_len()..]
    }

    /// The JWS signature (R || S, each `field_len` bytes) with the curve's algorithm.
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        match &self.signer {
            // ring fails only when the system random number generator does: nothing sensible to do.
            Signer::Ring(key, rng) => key
                .sign(rng, message)
                .expect("the system random number generator failed")
                .as_ref()
                .to_vec(),
            Signer::P521(key) => {
                let signature: p521::ecdsa::Signature =
                    p521::ecdsa::signature::RandomizedSigner::sign_with_rng(key, &mut rand_core::OsRng, message);
                signature.to_bytes().to_vec()
            }
        }
    }
}

/// The scalar normalized to full length and the uncompressed public point, or None when the
/// scalar is zero, too long or not below the group order.
fn derive<C>(scalar: &[u8]) -> Option<(Zeroizing<Vec<u8>>, Vec<u8>)>
where
    C: CurveArithmetic,
    AffinePoint<C>: FromEncodedPoint<C> + ToEncodedPoint<C>,
    FieldBytesSize<C>: ModulusSize,
{
    let secret = SecretKey::<C>::from_slice(scalar).ok()?;
    let point = secret.public_key().to_encoded_point(false).as_bytes().to_vec();
    Some((Zeroizing::new(Zeroizing::new(secret.to_bytes()).to_vec()), point))
}

fn random_scalar<C: CurveArithmetic>() -> Zeroizing<Vec<u8>> {
    Zeroizing::new(Zeroizing::new(SecretKey::<C>::random(&mut rand_core::OsRng).to_bytes()).to_vec())
}

fn ring_signer(algorithm: &'static EcdsaSigningAlgorithm, scalar: &[u8], point: &[u8]) -> Result<Signer> {
    let rng = SystemRandom::new();
    let key = EcdsaKeyPair::from_private_key_and_public_key(algorithm, scalar, point, &rng)
        .map_err(|e| Error::new(ErrorKind::Key, format!("the signing library rejected the key: {e}")))?;
    Ok(Signer::Ring(key, rng))
}
