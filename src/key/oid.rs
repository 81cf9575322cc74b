//! Algorithm identifiers of the PKCS#8 `PrivateKeyInfo` structures read and written here.

use pkcs8::ObjectIdentifier;

/// id-ecPublicKey (RFC 5480): every EC key; the curve is its parameter.
pub(super) const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
/// rsaEncryption (RFC 8017), with NULL parameters.
pub(super) const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// id-RSASSA-PSS (RFC 4055): an RSA key restricted to PSS signatures.
pub(super) const RSASSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
/// id-Ed25519 (RFC 8410), without parameters.
pub(super) const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
