"""PrivateKey: loading every format openssl writes, generating, JWK output and thumbprints."""

import base64
import hashlib
import json
from pathlib import Path

import pytest

import dpop
from conftest import openssl

PASSWORD = "pass phrase"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def public_coordinates(key_file: Path) -> dict:
    """x and y of the key's public point, as openssl computes them, base64url-encoded."""
    der = openssl("pkey", "-in", str(key_file), "-pubout", "-outform", "DER")
    point = der[-65:]  # uncompressed point: 04 || x || y
    assert point[0] == 4
    return {"x": b64url(point[1:33]), "y": b64url(point[33:])}


def rfc7638_thumbprint(jwk: dict) -> str:
    members = json.dumps({k: jwk[k] for k in ("crv", "kty", "x", "y")}, separators=(",", ":"))
    return b64url(hashlib.sha256(members.encode()).digest())


@pytest.fixture
def key_files(ec_key_file: Path, tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """The same key in every format LoadAnyFormatFile reads: name -> (file, password)."""
    def out(name: str) -> str:
        return str(tmp_path / name)

    key = str(ec_key_file)
    openssl("pkey", "-in", key, "-out", out("pkcs8.pem"))
    openssl("pkey", "-in", key, "-outform", "DER", "-out", out("pkcs8.der"))
    openssl("ec", "-in", key, "-outform", "DER", "-out", out("sec1.der"))
    openssl("pkcs8", "-topk8", "-in", key, "-v2", "aes-256-cbc", "-passout", f"pass:{PASSWORD}",
            "-out", out("pkcs8-encrypted.pem"))
    openssl("ec", "-in", key, "-aes256", "-passout", f"pass:{PASSWORD}", "-out", out("sec1-encrypted.pem"))
    return {
        "sec1.pem": (ec_key_file, ""),
        "pkcs8.pem": (tmp_path / "pkcs8.pem", ""),
        "pkcs8.der": (tmp_path / "pkcs8.der", ""),
        "sec1.der": (tmp_path / "sec1.der", ""),
        "pkcs8-encrypted.pem": (tmp_path / "pkcs8-encrypted.pem", PASSWORD),
        "sec1-encrypted.pem": (tmp_path / "sec1-encrypted.pem", PASSWORD),
    }


def test_a_new_key_object_is_empty():
    key = dpop.PrivateKey()
    assert (key.KeyType, key.BitLength) == ("empty", 0)
    assert key.GetJwk() == ""
    assert key.LastMethodSuccess is False
    assert key.LastErrorCode == dpop.ErrorCode.INVALID_STATE and "no private key" in key.LastErrorText


def test_load_any_format_file_reads_every_format(key_files, ec_key_file):
    expected = public_coordinates(ec_key_file)
    for name, (path, password) in key_files.items():
        key = dpop.PrivateKey()
        assert key.LoadAnyFormatFile(str(path), password) is True, f"{name}: {key.LastErrorText}"
        assert key.LastMethodSuccess is True and key.LastErrorText == ""
        assert (key.KeyType, key.BitLength) == ("ecc", 256)
        public_jwk = json.loads(key.GetPublicJwk())
        assert public_jwk == {"kty": "EC", "crv": "P-256", **expected}, name


def test_text_loaders(key_files):
    pem = key_files["sec1.pem"][0].read_text()
    encrypted = key_files["pkcs8-encrypted.pem"][0].read_text()
    reference = dpop.PrivateKey()
    assert reference.LoadPemFile(str(key_files["pkcs8.pem"][0]))

    from_pem, from_encrypted, from_jwk = dpop.PrivateKey(), dpop.PrivateKey(), dpop.PrivateKey()
    assert from_pem.LoadPem(pem)
    assert from_encrypted.LoadEncryptedPem(encrypted, PASSWORD)
    assert from_jwk.LoadJwk(reference.GetJwk())
    for key in (from_pem, from_encrypted, from_jwk):
        assert key.GetJwk() == reference.GetJwk()


def test_jwk_and_thumbprint(ec_key_file):
    key = dpop.PrivateKey()
    assert key.LoadAnyFormatFile(str(ec_key_file), "")
    private_jwk = json.loads(key.GetJwk())
    assert set(private_jwk) == {"kty", "crv", "x", "y", "d"}
    assert len(base64.urlsafe_b64decode(private_jwk["d"] + "=")) == 32
    public_jwk = json.loads(key.GetPublicJwk())
    assert "d" not in public_jwk
    assert key.GetJwkThumbprint("SHA256") == rfc7638_thumbprint(public_jwk)


def test_generate_and_save(tmp_path: Path):
    key = dpop.PrivateKey()
    assert key.GenerateEcKey("P-256")
    assert (key.KeyType, key.BitLength) == ("ecc", 256)
    saved = tmp_path / "saved.pem"
    assert key.SavePkcs8PemFile(str(saved))
    assert saved.read_text().startswith("-----BEGIN PRIVATE KEY-----")
    assert public_coordinates(saved) == {k: json.loads(key.GetPublicJwk())[k] for k in ("x", "y")}
    again = dpop.PrivateKey()
    assert again.LoadPemFile(str(saved)) and again.GetJwk() == key.GetJwk()
    other = dpop.PrivateKey()
    assert other.GenerateEcKey("P-256") and other.GetJwk() != key.GetJwk()


@pytest.mark.parametrize(
    "genpkey, key_type, bits, pem_label",
    [
        (["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"], "ecc", 384, "EC PRIVATE KEY"),
        (["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521"], "ecc", 521, "EC PRIVATE KEY"),
        (["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"], "rsa", 2048, "RSA PRIVATE KEY"),
        (["-algorithm", "ed25519"], "ed25519", 256, "PRIVATE KEY"),
    ],
    ids=["P-384", "P-521", "RSA 2048", "Ed25519"],
)
def test_key_types_and_pem_output(tmp_path: Path, genpkey, key_type, bits, pem_label):
    path = _openssl_key(tmp_path, "key.pem", "genpkey", *genpkey)
    key = dpop.PrivateKey()
    assert key.LoadAnyFormatFile(str(path), ""), key.LastErrorText
    assert (key.KeyType, key.BitLength) == (key_type, bits)
    thumbprint = key.GetJwkThumbprint("SHA256")

    pem = key.GetPkcs8Pem()
    assert pem.startswith("-----BEGIN PRIVATE KEY-----\r\n") and pem.endswith("-----END PRIVATE KEY-----\r\n")
    encrypted = key.GetPkcs8EncryptedPem("pässwörd")
    assert encrypted.startswith("-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert key.GetPkcs8EncryptedPem("") == "" and "password" in key.LastErrorText
    assert key.LastErrorCode == dpop.ErrorCode.INVALID_ARGUMENT
    saved, saved_encrypted = tmp_path / "saved.pem", tmp_path / "saved-encrypted.pem"
    assert key.SavePemFile(str(saved)) and key.SavePkcs8EncryptedPemFile("pässwörd", str(saved_encrypted))
    assert saved.read_text().startswith(f"-----BEGIN {pem_label}-----")
    for load in (
        lambda k: k.LoadPem(pem),
        lambda k: k.LoadEncryptedPem(encrypted, "pässwörd"),
        lambda k: k.LoadPemFile(str(saved)),
        lambda k: k.LoadAnyFormatFile(str(saved_encrypted), "pässwörd"),
        lambda k: k.LoadJwk(key.GetJwk()),
    ):
        again = dpop.PrivateKey()
        assert load(again), again.LastErrorText
        assert again.GetJwkThumbprint("SHA256") == thumbprint


def test_generate_ed25519_and_other_curves():
    key = dpop.PrivateKey()
    assert key.GenerateEd25519Key() and (key.KeyType, key.BitLength) == ("ed25519", 256)
    assert json.loads(key.GetPublicJwk())["crv"] == "Ed25519"
    assert key.GenerateEcKey("P-521") and key.BitLength == 521


@pytest.mark.parametrize(
    "make, password, code, error",
    [
        (lambda tmp: tmp / "missing.pem", "", dpop.ErrorCode.IO, "cannot read"),
        (lambda tmp: _openssl_key(tmp, "rsa.pem", "genpkey", "-algorithm", "RSA",
                                   "-pkeyopt", "rsa_keygen_bits:1024"), "", dpop.ErrorCode.KEY, "RSA"),
        (lambda tmp: _openssl_key(tmp, "k256.pem", "ecparam", "-name", "secp256k1", "-genkey",
                                   "-noout"), "", dpop.ErrorCode.KEY, "secp256k1"),
        (lambda tmp: _write(tmp / "junk.pem", "not a key"), "", dpop.ErrorCode.KEY,
         "not a recognized private key format"),
    ],
    ids=["missing file", "RSA 1024 key", "secp256k1 key", "junk"],
)
def test_load_failures_explain_themselves(tmp_path, make, password, code, error):
    key = dpop.PrivateKey()
    assert key.LoadAnyFormatFile(str(make(tmp_path)), password) is False
    assert key.LastMethodSuccess is False and key.LastErrorCode == code
    assert error in key.LastErrorText
    assert key.KeyType == "empty"


def test_wrong_password_is_reported_without_the_password(key_files):
    path, _ = key_files["pkcs8-encrypted.pem"]
    key = dpop.PrivateKey()
    assert key.LoadAnyFormatFile(str(path), "Wrong-Password-123") is False
    assert key.LastErrorCode == dpop.ErrorCode.KEY and "password" in key.LastErrorText
    assert "Wrong-Password-123" not in key.LastErrorText


def test_unsupported_curve_and_hash():
    key = dpop.PrivateKey()
    assert key.GenerateEcKey("secp256k1") is False and "P-384" in key.LastErrorText
    assert key.LastErrorCode == dpop.ErrorCode.KEY
    assert key.GenerateEcKey("P-256")
    assert key.GetJwkThumbprint("MD5") == ""
    assert key.LastMethodSuccess is False and "MD5" in key.LastErrorText


def test_argument_types_are_checked_before_calling_c(ec_key_file):
    key = dpop.PrivateKey()
    with pytest.raises(TypeError, match="LoadAnyFormatFile.*'path' must be str, not PosixPath"):
        key.LoadAnyFormatFile(ec_key_file, "")
    with pytest.raises(ValueError, match="NUL"):
        key.LoadPem("-----BEGIN\0")
    with pytest.raises(TypeError):
        key.LoadAnyFormatFile(str(ec_key_file))  # password missing
    assert key.LoadAnyFormatFile(path=str(ec_key_file), password="")


def test_dispose_and_context_manager(ec_key_file):
    with dpop.PrivateKey() as key:
        assert key.LoadAnyFormatFile(str(ec_key_file), "")
    with pytest.raises(ValueError, match="disposed"):
        key.GetJwk()
    key.Dispose()  # again: nothing happens


def _openssl_key(tmp: Path, name: str, *args: str) -> Path:
    openssl(*args, "-out", str(tmp / name))
    return tmp / name


def _write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path
